// The checker in a Web Worker: compiling the WebAssembly core, loading the knowledge base and every
// assessment happen here, off the page's main thread, so the page keeps answering taps while they run.
// It answers the messages of checker-off-thread.js: {id, call, args} -> {id, result} or {id, error}.

import { createChecker } from './checker.js';

const checkers = new Map();
let lastHandle = 0;

function checkerFor(handle) {
  const checker = checkers.get(handle);
  if (!checker) throw new Error(`no checker ${handle}: it was closed`);
  return checker;
}

const calls = {
  async create(options) {
    const checker = await createChecker(options);
    lastHandle += 1;
    checkers.set(lastHandle, checker);
    return { handle: lastHandle, about: checker.about(), questions: checker.questions() };
  },
  nextQuestions: (handle, answers) => checkerFor(handle).nextQuestions(answers),
  assess: (handle, answers) => checkerFor(handle).assess(answers),
  step: (handle, answers, options) => checkerFor(handle).step(answers, options),
  close(handle) {
    checkerFor(handle).close();
    checkers.delete(handle);
  },
};

self.addEventListener('message', async ({ data: { id, call, args } }) => {
  try {
    if (!Object.hasOwn(calls, call)) throw new Error(`unknown call ${call}`);
    self.postMessage({ id, result: await calls[call](...args) });
  } catch (failure) {
    const { name = 'Error', message = String(failure), code, where } = failure instanceof Error ? failure : {};
    self.postMessage({ id, error: { name, message, code, where } });
  }
});

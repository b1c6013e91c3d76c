// The checker with its core in a Web Worker (checker-worker.js). Same interface as createChecker() in
// checker.js, except that nextQuestions, assess, step and close return promises: compiling the WebAssembly,
// loading the knowledge base and assessing then never hold up the page. All checkers of a page share
// one worker (checkerOffThread(url) makes one with another worker script: the widget's own module). Where
// no worker can start (a browser without module workers, a Content-Security-Policy that forbids them) or
// the checker cannot be made in it (e.g. the worker's own CSP forbids compiling WebAssembly), the core runs
// on the page instead, as createChecker() does. Either way errors from the
// core are CheckerError instances (checker-error.js, the class checker.js throws). Types:
// checker-off-thread.d.ts.

import { CheckerError } from './checker-error.js';

export { CheckerError };

/** An error as the worker sent it ({name, message, code, where}): a CheckerError again when it was one. */
function fromWorker({ name, message, code, where }) {
  if (name !== 'CheckerError') return Object.assign(new Error(message), { name });
  // The message already begins with where; the constructor adds it again.
  const prefix = `${where}: `;
  return new CheckerError({ code, where, message: message.startsWith(prefix) ? message.slice(prefix.length) : message });
}

/** The worker and the calls waiting for its answers. Throws if the browser refuses to start it. */
function startThread(workerUrl, state) {
  const worker = new Worker(workerUrl, { type: 'module' });
  const waiting = new Map();
  const thread = { broken: null };
  let lastId = 0;

  worker.addEventListener('message', ({ data }) => {
    const call = waiting.get(data.id);
    waiting.delete(data.id);
    if (!data.error) call?.resolve(data.result);
    else call?.reject(fromWorker(data.error));
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    thread.broken = new Error(`the checker's worker stopped: ${event.message || 'it could not be loaded'}`);
    worker.terminate();
    for (const call of waiting.values()) call.reject(thread.broken);
    waiting.clear();
    if (state.shared === thread) state.shared = null; // the next checker starts a new worker (or runs on the page)
  });

  thread.stop = () => worker.terminate();
  thread.call = (call, ...args) => new Promise((resolve, reject) => {
    if (thread.broken) throw thread.broken;
    lastId += 1;
    try {
      worker.postMessage({ id: lastId, call, args });
    } catch (failure) {
      // Only answers can fail to be copied to the worker (a function, a symbol…): name them, as the core would.
      throw new CheckerError({ code: 'answers.wrong_type', where: '/', message: `the answers cannot be sent to the checker: ${failure.message}` });
    }
    waiting.set(lastId, { resolve, reject });
  });
  return thread;
}

/**
 * A createCheckerOffThread whose worker runs the module at `workerUrl` (one that answers the calls with
 * checker-calls.js; it must come from the page's own origin). All checkers it makes share one worker.
 * @param {string|URL} workerUrl
 * @param {(options: object) => Promise<object>} createOnThisThread createChecker() of checker.js, for where no worker can run it
 */
export function checkerOffThread(workerUrl, createOnThisThread) {
  // shared: the worker; unusable: it failed where the page's own thread succeeded, so stop trying it.
  const state = { shared: null, unusable: false, createOnThisThread };
  return (options) => createInWorker(workerUrl, state, options);
}

/**
 * Loads the core (in a worker, checker-worker.js) and one language of the knowledge base.
 * @param {object} [givenOptions] as for createChecker(): language, baseUrl, knowledgeBase, strings, wasmBinary; each of
 *   the last three may also be a promise of it (the page fetches them while the worker's script is on its way)
 */
// The page loads checker.js only if it needs it. Pure: a bundle that does not use it (the widget) leaves it out.
export const createCheckerOffThread = /* @__PURE__ */ checkerOffThread(new URL('./checker-worker.js', import.meta.url),
  async (options) => (await import('./checker.js')).createChecker(options));

async function createInWorker(workerUrl, state, givenOptions = {}) {
  // The worker starts first, so that its script is on its way while the files given as promises arrive.
  let thread;
  try {
    if (!state.unusable) state.shared ??= startThread(workerUrl, state);
    thread = state.shared;
  } catch {
    thread = null;
  }
  const [knowledgeBase, strings, wasmBinary] = await Promise.all([givenOptions.knowledgeBase, givenOptions.strings, givenOptions.wasmBinary]);
  const options = { ...givenOptions, knowledgeBase, strings, wasmBinary };
  if (state.unusable || !thread) return state.createOnThisThread(options);
  const { language } = options;
  const baseUrl = options.baseUrl === undefined ? undefined : String(new URL(options.baseUrl, document.baseURI));
  let created;
  try {
    // Copied, not transferred: the page's own thread may still need the bytes if the worker fails.
    created = await thread.call('create', { language, baseUrl, knowledgeBase, strings, wasmBinary });
  } catch {
    // Whatever stopped it in the worker, the page's own thread may still manage; if not, its error is the one shown.
    const checker = await state.createOnThisThread(options);
    state.unusable = true; // not a passing failure (the network, say): the same call worked here
    thread.stop();
    if (state.shared === thread) state.shared = null;
    return checker;
  }
  const { handle, about, questions } = created;
  return {
    language: about.language,
    version: about.knowledge_base_version,
    about: () => structuredClone(about),
    questions: () => structuredClone(questions),
    nextQuestions: (answers) => thread.call('nextQuestions', handle, answers),
    assess: (answers) => thread.call('assess', handle, answers),
    step: (answers, options) => thread.call('step', handle, answers, options),
    /** Frees the worker's copy of the knowledge base; a worker that has stopped holds nothing to free. */
    close: () => thread.call('close', handle).catch(() => {}),
  };
}

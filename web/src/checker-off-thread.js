// The checker with its core in a Web Worker (checker-worker.js). Same interface as createChecker() in
// checker.js, except that nextQuestions, assess, step and close return promises: compiling the WebAssembly,
// loading the knowledge base and assessing then never hold up the page. All checkers of a page share
// one worker. Where no worker can start (a browser without module workers, a Content-Security-Policy
// that forbids them) or the checker cannot be made in it (e.g. the worker's own CSP forbids compiling
// WebAssembly), the core runs on the page instead, as createChecker() does. Either way errors from the
// core are CheckerError instances (checker-error.js, the class checker.js throws). Types:
// checker-off-thread.d.ts.

import { CheckerError } from './checker-error.js';

export { CheckerError };

let sharedThread = null;
let workerUnusable = false; // the worker failed where the page's own thread succeeded: stop trying it

/** An error as the worker sent it ({name, message, code, where}): a CheckerError again when it was one. */
function fromWorker({ name, message, code, where }) {
  if (name !== 'CheckerError') return Object.assign(new Error(message), { name });
  // The message already begins with where; the constructor adds it again.
  const prefix = `${where}: `;
  return new CheckerError({ code, where, message: message.startsWith(prefix) ? message.slice(prefix.length) : message });
}

/** The worker and the calls waiting for its answers. Throws if the browser refuses to start it. */
function startThread() {
  const worker = new Worker(new URL('./checker-worker.js', import.meta.url), { type: 'module' });
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
    if (sharedThread === thread) sharedThread = null; // the next checker starts a new worker (or runs on the page)
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

async function createOnThisThread(options) {
  const { createChecker } = await import('./checker.js');
  return createChecker(options);
}

/**
 * Loads the core (in a worker) and one language of the knowledge base.
 * @param {object} [options] as for createChecker(): language, baseUrl, knowledgeBase, strings
 */
export async function createCheckerOffThread(options = {}) {
  if (workerUnusable) return createOnThisThread(options);
  let thread;
  try {
    sharedThread ??= startThread();
    thread = sharedThread;
  } catch {
    return createOnThisThread(options);
  }
  const { language, knowledgeBase, strings } = options;
  const baseUrl = options.baseUrl === undefined ? undefined : String(new URL(options.baseUrl, document.baseURI));
  let created;
  try {
    created = await thread.call('create', { language, baseUrl, knowledgeBase, strings });
  } catch {
    // Whatever stopped it in the worker, the page's own thread may still manage; if not, its error is the one shown.
    const checker = await createOnThisThread(options);
    workerUnusable = true; // not a passing failure (the network, say): the same call worked here
    thread.stop();
    if (sharedThread === thread) sharedThread = null;
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

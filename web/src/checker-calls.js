// The worker's side of checker-off-thread.js: it answers the messages {id, call, args} with {id, result} or
// {id, error}, running each call on the checkers it made. Used by the page's worker (checker-worker.js) and by
// the widget's module when it runs as its own worker (soreness-check.js).

/** Answers the checker calls that arrive at a worker's global scope. */
export function answerCheckerCalls(scope, createChecker) {
  const checkers = new Map();
  let lastHandle = 0;

  const checkerFor = (handle) => {
    const checker = checkers.get(handle);
    if (!checker) throw new Error(`no checker ${handle}: it was closed`);
    return checker;
  };

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

  scope.addEventListener('message', async ({ data: { id, call, args } }) => {
    try {
      if (!Object.hasOwn(calls, call)) throw new Error(`unknown call ${call}`);
      scope.postMessage({ id, result: await calls[call](...args) });
    } catch (failure) {
      const { name = 'Error', message = String(failure), code, where } = failure instanceof Error ? failure : {};
      scope.postMessage({ id, error: { name, message, code, where } });
    }
  });
}

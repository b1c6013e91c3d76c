// The one error type of the checker, in a module of its own: the JS wrapper (checker.js) throws it, and
// the page's worker bridge (web/src/checker-off-thread.js) makes the same class from what the worker
// sends, without loading the wrapper and the glue. Both import this module, so instanceof holds.

/** An error reported by the core: `where` is a JSON pointer (e.g. "/pain_now"), `code` a stable id. */
export class CheckerError extends Error {
  /** @param {{code: string, where: string, message: string}} error the core's error (message without `where`) */
  constructor({ code, where, message }) {
    super(`${where}: ${message}`);
    this.name = 'CheckerError';
    this.code = code;
    this.where = where;
  }
}

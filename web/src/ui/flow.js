// @ts-check
// The checker's flow and state: the person's answers, which screen is shown, and the move scheduler
// (inTurn/moveTo) that awaits one core call per move, checker.step(), so that moves never overlap and a
// result never shows other answers than the core judged. Which answers count, which questions apply and
// in which order, whether the check is over and what the result is all come from that call; this module
// only follows them. Back, Start again and Change go through here too.

// Type-checked (// @ts-check, by tsc -p tests/types) against the checker's .d.ts: the off-thread checker's
// type (the on-thread checker's results, awaited, are the same).
/** @typedef {import('../checker-off-thread.js').AsyncChecker} AsyncChecker */
/** @typedef {import('../../../wasm-bindings/checker.js').About} About */
/** @typedef {import('../../../wasm-bindings/checker.js').Question} Question */
/** @typedef {import('../../../wasm-bindings/checker.js').Step} Step */
/** @typedef {import('../../../wasm-bindings/checker.js').Assessment} Assessment */

/**
 * The state of one mounted checker. Its answers live here only: never in the URL, history state,
 * cookies, storage, globals or events.
 */
export function initialState({ language, country }) {
  return {
    language,
    // The checker and its texts are set by setLanguage (checker-ui.js) before any move.
    checker: /** @type {AsyncChecker} */ (/** @type {unknown} */ (null)),
    about: /** @type {About} */ (/** @type {unknown} */ (null)),
    questions: /** @type {Question[]} */ ([]),
    byId: /** @type {Map<string, Question>} */ (new Map()),
    answers: /** @type {Record<string, any>} */ ({}),
    // What was typed into duration fields ({value, unit}), so "2 days" comes back as typed.
    entered: /** @type {Record<string, {value: string, unit: string}>} */ ({}),
    visited: /** @type {Set<string>} */ (new Set()),
    // Answered from the spa's aftercare link and not changed since: their screens say so.
    fromLink: /** @type {Set<string>} */ (new Set()),
    editing: false, // came from the result to change one answer: Next skips questions already seen
    screen: 'start', // 'start', a question id, or 'result'
    // The core's judgement of the answers at the last move (checker.step).
    step: /** @type {Step} */ ({ answers: {}, dropped: [], applicable: [], ask: [], final: false, assessment: null }),
    result: /** @type {Assessment | null} */ (null), // the core's assessment, while the result is shown
    // Where the help lines are for: not an answer, never sent to the core, kept only while mounted.
    country,
    countryPicked: false,
  };
}

/** @typedef {ReturnType<typeof initialState>} State */

/**
 * The moves of one checker. `view.render({focus})` shows state.screen; `view.showFailure(error)` the error screen.
 * @param {{state: State, navigation: {push(screen: string): void}, busyMark: Element,
 *   view: {render(how: {focus: boolean}): void, showFailure(failure: Error): void}}} ctx
 */
export function createFlow(ctx) {
  const { state } = ctx;

  /** The id of the question the core asks on the start screen (the emergency signs); this UI needs one. */
  const startId = () => /** @type {string} */ (state.about.start_question);
  const startQuestion = () => state.byId.get(startId());

  /** The questions after the start screen, in the core's order: those that apply to the answers that count. */
  const questionOrder = () => state.step.applicable.filter((id) => id !== startId());

  /** The screen after `from` (null: the start screen): the result once the core says the check is over. */
  function nextScreen(from) {
    if (state.step.final) return 'result';
    const order = questionOrder();
    const after = order.slice(order.indexOf(from) + 1);
    return (state.editing ? after.find((id) => !state.visited.has(id)) : after[0]) ?? 'result';
  }

  /** Where a remembered screen leads now: a question that no longer applies gives way to the next that does. */
  function reachable(screen) {
    if (screen === 'start' || !(startId() in state.answers)) return 'start';
    if (screen === 'result') return screen;
    const order = questionOrder();
    if (order.includes(screen)) return screen;
    const index = state.questions.findIndex((q) => q.id === screen);
    return order.find((id) => state.questions.findIndex((q) => q.id === id) > index) ?? 'result';
  }

  let lastMove = Promise.resolve();
  let movesUnderway = 0;
  let historyMoves = 0; // Back and Forward so far: a move asked for before the latest one must not show its screen
  // While the core works on a move, the checker is marked busy (screen readers wait; tests can too).
  const { busyMark } = ctx;
  /** Runs a move after the one before it has finished, so that moves never overlap while the core works. */
  function inTurn(move) {
    movesUnderway += 1;
    busyMark.setAttribute('aria-busy', 'true');
    const run = lastMove.then(move).finally(() => {
      movesUnderway -= 1;
      if (!movesUnderway) busyMark.removeAttribute('aria-busy');
    });
    lastMove = run.catch(() => {});
    return run;
  }

  /**
   * Shows a screen once the core has judged the answers as they are now. `to` is a screen, or picks one
   * from the core's judgement (which questions apply); `change` alters the answers first, inside the move.
   * Dropped: a move made `from` a screen that an earlier move has already left (a double tap on Next), and
   * a move overtaken by Back or Forward (`asOf` an older count of them) while the core worked.
   */
  /** @param {string | (() => string)} to @param {{push?: boolean, focus?: boolean, from?: string, change?: () => void, asOf?: number}} [how] */
  async function moveTo(to, { push = true, focus = true, from, change, asOf = historyMoves } = {}) {
    const overtaken = () => asOf !== historyMoves;
    if ((from !== undefined && from !== state.screen) || overtaken()) return;
    change?.();
    let screen = 'start'; // set by the loop below, which runs at least once
    // Answers changed while the core worked are judged too: a result never shows other answers than it judged.
    for (let judged = null; judged !== JSON.stringify(state.answers);) {
      judged = JSON.stringify(state.answers);
      // The start screen needs no judgement (so Start again works even if the core has stopped). The
      // assessment comes with every step, as the move may end on the result.
      if (to !== 'start') state.step = await state.checker.step(state.answers, { assessment: true });
      screen = typeof to === 'function' ? to() : to;
    }
    const result = screen === 'result' ? state.step.assessment : null;
    if (overtaken()) return;
    if (screen === 'result' || screen === 'start') state.editing = false;
    state.result = result;
    state.screen = screen;
    if (push) ctx.navigation.push(screen);
    // Not busy any more before the new heading takes focus, so that screen readers read it.
    if (movesUnderway === 1) busyMark.removeAttribute('aria-busy');
    ctx.view.render({ focus });
  }

  /** A move of the person's (Next, Back, Change…); if the core fails, the error screen says so. */
  function go(to, how = {}) {
    const asOf = historyMoves;
    return inTurn(() => moveTo(to, { ...how, asOf })).catch((failure) => ctx.view.showFailure(failure));
  }

  /** Shows a remembered screen (from Back), or the nearest one that still applies. */
  function show(screen) {
    historyMoves += 1;
    return go(() => reachable(screen), { push: false });
  }

  /** A start-screen button: a warning sign ends the check at once (the core says so), "none of these" starts it. */
  function chooseStartOption(optionId) {
    return go(() => nextScreen(null), {
      from: 'start', // a second tap, after the first has left the start screen, does nothing
      change: () => {
        state.answers[startId()] = [optionId];
      },
    });
  }

  function startAgain() {
    return go('start', {
      change: () => {
        state.answers = {};
        state.entered = {};
        state.visited.clear();
        state.fromLink.clear();
      },
    });
  }

  /**
   * Answers from the spa's aftercare link, before the first move: each is kept only if the core accepts it
   * on its own (no error, and it counts); any other is left out, so its question is simply asked.
   * @param {Record<string, any>} candidates
   */
  async function prefill(candidates) {
    for (const [id, value] of Object.entries(candidates)) {
      // (The checker on the page's own thread answers at once, not with a promise: await, not then.)
      try {
        if (!(id in (await state.checker.step({ [id]: value })).answers)) continue;
      } catch {
        continue;
      }
      state.answers[id] = value;
      state.fromLink.add(id);
    }
  }

  /** Goes from the result to one answer's question (or to the start screen, for the start question). */
  function change(id) {
    if (id === startId()) return go('start', { from: 'result' });
    return go(id, {
      from: 'result',
      change: () => {
        state.editing = true;
      },
    });
  }

  /** Records an answer as the person gives it; an empty one is no answer. */
  function setAnswer(id, value) {
    state.fromLink.delete(id);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete state.answers[id];
    else state.answers[id] = value;
  }

  return { startQuestion, questionOrder, nextScreen, inTurn, moveTo, go, show, chooseStartOption, startAgain, change, setAnswer, prefill };
}

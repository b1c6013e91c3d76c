// The checker's screens, shared by the page (app.js) and the <soreness-check> widget (soreness-check.js):
// mountChecker() puts one checker in a root and returns its controller. What to ask, in which order, and
// what the result is all come from the core; every word comes from the knowledge base's texts. The core
// may run on this thread or in a worker: its answers are awaited, one move of the person's at a time.
// The parts: ui/flow.js (answers and moves), ui/screens.js (start, question, error), ui/inputs.js,
// ui/result.js and ui/calls.js (the result's parts), ui/dom.js (elements and words). All look-ups stay
// inside the root a checker was given.

import { elementFactory, formatsFor } from './ui/dom.js';
import { initialState, createFlow } from './ui/flow.js';
import { createView, startView } from './ui/screens.js';
import { countryFor, telUrl } from './ui/calls.js';
import { answersFromLink } from './aftercare-link.js';

export { countryFor, telUrl };

/**
 * Mounts a checker in root and loads its core and texts.
 * @param {Element|ShadowRoot} root the checker's own part of the document
 * @param {object} options
 * @param {string} options.language language of every text
 * @param {(options: object) => Promise<object>} options.createChecker makes the checker: createChecker (checker.js,
 *   the core on this thread) or createCheckerOffThread (checker-off-thread.js, the core in a worker)
 * @param {string|URL} [options.baseUrl] folder holding knowledge/ (see createChecker)
 * @param {Element} [options.startScreen] a start screen already in root (the page's static one); else one is made
 * @param {Element} [options.announcer] a live region for announcements; else one is made
 * @param {{push(screen: string): void, back(): void}} [options.navigation] where Back and new screens go; default: in memory
 * @param {(screen: string) => void} [options.onScreen] called after a screen is shown by navigation
 * @param {() => void} [options.print] shows a print button on the result that calls it
 * @param {{name?: string, phone?: string, email?: string, bookingUrl?: string}} [options.contact] shown on "contact your therapist"
 * @param {string} [options.country] region code of the country the person calls from (default: from the browser's
 *   languages); the numbers come from the knowledge base's help lines, and the person can pick another country
 * @param {string} [options.emergencyNumber] replaces that country's emergency number until the person picks a country
 * @param {{massage?: ?string, session?: number}} [options.spaLink] the spa's aftercare link (aftercare-link.js):
 *   its kind of massage and the hours since the session become answers, if the core accepts them
 * @returns {Promise<object>} the controller: show(screen), chooseStartOption(id), setLanguage(language, {startScreen}), texts(), destroy()
 */
export async function mountChecker(root, options) {
  const doc = root.ownerDocument ?? root;
  const h = elementFactory(doc);
  const state = initialState({ language: options.language, country: options.country ?? countryFor(options.language) });
  const madeStart = !options.startScreen;
  let screenBox = root.querySelector('#screen');
  if (!screenBox) {
    screenBox = h('div', { id: 'screen', hidden: true });
    root.append(screenBox);
  }
  let announcer = options.announcer;
  if (!announcer) {
    announcer = h('div', { className: 'visually-hidden' });
    announcer.setAttribute('role', 'status');
    root.append(announcer);
  }
  const memory = [];
  const ctx = {
    doc,
    h,
    state,
    options,
    format: formatsFor(state),
    startScreen: options.startScreen ?? null,
    screenBox,
    announcer,
    // While the core works on a move, the checker is marked busy (screen readers wait; tests can too).
    busyMark: root.nodeType === Node.ELEMENT_NODE ? root : screenBox,
    navigation: options.navigation ?? {
      push: (screen) => memory.push(screen),
      back: () => {
        memory.pop();
        ctx.flow.show(memory.at(-1) ?? 'start');
      },
    },
  };
  // The flow reaches the view only when it shows a screen; the view takes the flow's moves at once.
  const flow = createFlow(ctx);
  ctx.flow = flow;
  ctx.view = createView(ctx);

  async function setLanguage(language, { startScreen: replacement } = {}) {
    const checker = await options.createChecker({ language, baseUrl: options.baseUrl });
    state.checker?.close();
    state.checker = checker;
    state.language = language;
    state.about = checker.about();
    state.questions = checker.questions();
    state.byId = new Map(state.questions.map((q) => [q.id, q]));
    const next = replacement ?? (madeStart ? startView(ctx) : null);
    // The page's static start screen is already in place: putting it back would lay out and paint it again.
    if (next && next !== ctx.startScreen) {
      if (ctx.startScreen?.isConnected) ctx.startScreen.replaceWith(next);
      else root.insertBefore(next, screenBox);
      ctx.startScreen = next;
    }
  }

  await setLanguage(state.language, { startScreen: ctx.startScreen });
  // The hours since the session are counted now, by this device's clock.
  await flow.prefill(answersFromLink(options.spaLink, Date.now()));

  return {
    show: flow.show,
    chooseStartOption: flow.chooseStartOption,
    /** Loads another language and shows the same screen in it; the answers stay. */
    setLanguage: (language, { startScreen: replacement, focus = false } = {}) =>
      flow.inTurn(async () => {
        await setLanguage(language, { startScreen: replacement });
        await flow.moveTo(state.screen, { push: false, focus });
      }).catch((failure) => {
        ctx.view.showFailure(failure);
        throw failure;
      }),
    /** The loaded language's page texts. */
    texts: () => state.about.ui,
    get language() {
      return state.language;
    },
    /** Forgets every answer and frees the core's copy of the knowledge base. */
    destroy: () => {
      state.answers = {};
      state.entered = {};
      state.checker?.close();
      state.checker = null;
      root.replaceChildren();
    },
  };
}

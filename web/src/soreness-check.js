// <soreness-check>: the checker as a custom element for other sites (a spa's aftercare page, a booking
// confirmation). It runs the same screens as the page (checker-ui.js) in a closed shadow root, styled by
// its own stylesheet (a <link>, so a strict CSP needs no 'unsafe-inline'). Nothing about the answers
// leaves the element: no events with data, nothing on window, nothing in storage; typing and input
// events stop at the shadow root. docs/embedding.md lists what a host page can still observe.

import { takeAftercareLink } from './aftercare-link.js';
import { mountChecker, countryFor } from './checker-ui.js';
import { createChecker } from './checker.js';
import { answerCheckerCalls } from './checker-calls.js';
import { checkerOffThread } from './checker-off-thread.js';
import { LANGUAGES } from './languages.js';

// This module is also the widget's worker: where its files come from the page's own origin, the element starts
// it again as a Web Worker, which runs the core off the host page's thread. No other file to ship or fetch (the
// browser has it already); a worker's script must be same-origin, so from another origin the core runs here.
const inWorker = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
if (inWorker) answerCheckerCalls(globalThis, createChecker);
const sameOrigin = !inWorker && new URL(import.meta.url).origin === globalThis.location?.origin;
const createCheckerHere = sameOrigin ? checkerOffThread(import.meta.url, createChecker) : createChecker;

// The spa's aftercare link in the page's address (the host page's or, in embed.html, the frame's own) leaves
// the address bar and history as soon as this module runs; every <soreness-check> of the page uses it, each
// time it starts, with the hours counted from the session at that moment. The worker has no address of its own.
const aftercareLink = inWorker ? {} : takeAftercareLink();

export { countryFor, LANGUAGES };

/** The numbers to call by country, from the knowledge base (read and checked by the core): {default, countries}. */
export async function helpLines() {
  const checker = await createChecker({ language: 'en' });
  try {
    return checker.about().help_lines;
  } finally {
    checker.close();
  }
}

/** The offered language for a tag ("es-MX" -> "es"), or English. */
export function languageFor(tag) {
  const primary = String(tag ?? '').toLowerCase().split('-')[0];
  return LANGUAGES.includes(primary) ? primary : 'en';
}

/** Only web links are followed (never javascript: or data:). */
function webUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const STYLE_URL = new URL('soreness-check.css', import.meta.url).href;
// Composed events that carry what was typed; they stop at the shadow root.
const PRIVATE_EVENTS = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'compositionstart', 'compositionupdate', 'compositionend'];

// In the worker there is no HTMLElement (and the class is never used there).
export class SorenessCheckElement extends (globalThis.HTMLElement ?? Object) {
  static observedAttributes = ['lang', 'spa-name', 'spa-phone', 'spa-email', 'booking-url', 'emergency-number'];

  #shadow;
  #controller = null;
  #mounting = null;
  #generation = 0;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'closed' });
    for (const type of PRIVATE_EVENTS) this.#shadow.addEventListener(type, (event) => event.stopPropagation());
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(_name, before, after) {
    // A new language or new contact details start afresh (the answers are forgotten).
    if (before !== after && this.isConnected && this.#mounting) {
      this.#unmount();
      this.#mount();
    }
  }

  #options() {
    const tag = this.getAttribute('lang') || this.parentElement?.closest('[lang]')?.lang || globalThis.navigator?.language || 'en';
    const text = (name) => this.getAttribute(name)?.trim() || undefined;
    return {
      // The link's language, when we have it, wins over the attribute: the spa chose it for this client.
      language: LANGUAGES.includes(aftercareLink.lang) ? aftercareLink.lang : languageFor(tag),
      spaLink: aftercareLink,
      createChecker: createCheckerHere,
      // The country's numbers come from the knowledge base; a spa's own emergency number wins.
      country: countryFor(tag),
      emergencyNumber: text('emergency-number'),
      contact: { name: text('spa-name'), phone: text('spa-phone'), email: text('spa-email'), bookingUrl: webUrl(text('booking-url')) },
    };
  }

  #mount() {
    if (this.#mounting) return;
    const generation = ++this.#generation;
    const options = this.#options();
    const style = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: STYLE_URL });
    const frame = Object.assign(document.createElement('div'), { className: 'checker', lang: options.language, hidden: true });
    frame.setAttribute('part', 'container');
    // The host's own content inside the element shows until the checker is ready (and if it never is).
    const fallback = document.createElement('slot');
    this.#shadow.replaceChildren(style, fallback, frame);
    const styled = new Promise((resolve) => {
      style.addEventListener('load', resolve, { once: true });
      style.addEventListener('error', resolve, { once: true });
    });
    this.#mounting = Promise.all([mountChecker(frame, options), styled]).then(
      ([controller]) => {
        if (generation !== this.#generation) {
          controller.destroy();
          return;
        }
        this.#controller = controller;
        fallback.remove();
        frame.hidden = false;
      },
      (failure) => {
        if (generation === this.#generation) console.error(`soreness-check: ${failure.message}`);
      },
    );
  }

  #unmount() {
    this.#generation += 1;
    this.#controller?.destroy();
    this.#controller = null;
    this.#mounting = null;
    this.#shadow.replaceChildren();
  }
}

if (!inWorker && !customElements.get('soreness-check')) customElements.define('soreness-check', SorenessCheckElement);

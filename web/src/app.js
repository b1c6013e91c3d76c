// The checker page. The start screen arrives as static HTML made from the knowledge base; the shared
// checker (checker-ui.js) takes over once the core is loaded. This module adds what only a whole page
// has: the language in the URL and the switcher, Back through the browser's history, printing.
// History holds only which screen is shown, never an answer.

import { takeAftercareLink } from './aftercare-link.js';
import { registerServiceWorker } from './pwa/register.js';
import { mountChecker } from './checker-ui.js';
import { createCheckerOffThread } from './checker-off-thread.js';

// First of all: the spa's aftercare link leaves the address bar and history (its values stay in memory).
const aftercareLink = takeAftercareLink();
// A link opened where the page is already open changes only the fragment: it leaves at once too. Its values
// are not used then (they would change a check under way); the link works when opened afresh.
window.addEventListener('hashchange', () => takeAftercareLink());

// The built app.js is one bundle at the root of the site, next to sw.js.
registerServiceWorker(new URL('./', import.meta.url));

const root = document.documentElement;

// ---- The core's files, fetched at once --------------------------------------------------------------
// The head preloads the wasm, the knowledge base and the page language's strings with the HTML. A worker
// cannot use the page's preloads (it fetches for itself, and only once its own script has arrived, one round
// trip after this one), so the page takes them here and hands them to the worker: on a slow network the
// core's bytes are then on their way while app.js and the worker's script still are.
// In the head's order: the wasm, the knowledge base, the strings (web/src/page.html).
const preloaded = [...document.querySelectorAll('link[rel="preload"][as="fetch"]')].map((link, index) => {
  const file = fetch(link.href).then((response) => {
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    return index ? response.text() : response.arrayBuffer();
  });
  file.catch(() => {}); // left unused (another language) or failed, it must not report an unhandled rejection
  return file;
});
const pageLanguage = root.lang;
let preloadsUsed = false;

/** The checker in its worker, the first one with the files the page is already fetching. */
function createChecker(options) {
  if (preloadsUsed || preloaded.length !== 3) return createCheckerOffThread(options);
  preloadsUsed = true;
  // A failed early fetch (undefined) is tried again the usual way, by the checker itself.
  const [wasmBinary, knowledgeBase, strings] = preloaded.map((file) => file.catch(() => undefined));
  // The strings preloaded are the page's language; the entry page may switch to the browser's.
  return createCheckerOffThread({ ...options, wasmBinary, knowledgeBase, strings: options.language === pageLanguage ? strings : undefined });
}

// ---- Language ----------------------------------------------------------------------------------------

const offeredLanguages = () => [...document.querySelectorAll('.languages a[hreflang]')].map((link) => link.hreflang);

/**
 * The aftercare link's language if the page offers it; else the page's own language, unless this is the
 * neutral entry page: then the browser's first offered one.
 */
function preferredLanguage() {
  const offered = offeredLanguages();
  if (offered.includes(aftercareLink.lang)) return aftercareLink.lang;
  if (root.dataset.autoLanguage !== 'true') return root.lang;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (offered.includes(primary)) return primary;
  }
  return root.lang;
}

/** Another language's static start screen and switcher (made at build time from its texts). */
async function loadStartScreen(language) {
  const url = new URL(`${language}/`, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  return { url, start: document.adoptNode(page.getElementById('start')), nav: document.adoptNode(page.querySelector('.languages')) };
}

let checker = null;

async function useLanguage(language, { focus }) {
  const page = language !== root.lang ? await loadStartScreen(language) : null;
  await checker.setLanguage(language, { startScreen: page?.start, focus });
  if (page) {
    document.querySelector('.languages').replaceWith(page.nav);
    history.replaceState(history.state, '', page.url);
  }
  root.lang = language;
  document.title = checker.texts().title;
}

/** Back and forward move between screens through the browser's history. */
const navigation = {
  push: (screen) => history.pushState({ screen, depth: (history.state?.depth ?? 0) + 1 }, ''),
  back: () => {
    if ((history.state?.depth ?? 0) > 0) history.back();
    else checker.show('start');
  },
};

// ---- Start-up ------------------------------------------------------------------------------------------

// The head's icon and manifest links are relative to the page; once the URL changes to another language's
// folder (history.replaceState), Chromium resolves them again against the new URL. Pin them first.
for (const link of document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')) {
  link.setAttribute('href', link.href);
}

const ready = (async () => {
  const language = preferredLanguage();
  const page = language !== root.lang ? await loadStartScreen(language) : null;
  if (page) document.getElementById('start').replaceWith(page.start);
  checker = await mountChecker(document.getElementById('main'), {
    language,
    createChecker,
    startScreen: document.getElementById('start'),
    announcer: document.getElementById('announce'),
    navigation,
    onScreen: () => window.scrollTo(0, 0),
    print: () => window.print(),
    spaLink: aftercareLink,
  });
  if (page) {
    document.querySelector('.languages').replaceWith(page.nav);
    history.replaceState(history.state, '', page.url);
  }
  root.lang = language;
  document.title = checker.texts().title;
  history.replaceState({ screen: 'start', depth: 0 }, '');
  window.addEventListener('popstate', (event) => checker.show(event.state?.screen ?? 'start'));
  document.getElementById('status').textContent = '';
  document.body.dataset.ready = 'true';
})();

ready.catch((failure) => {
  const status = document.getElementById('status');
  status.textContent = status.dataset.failed;
  document.getElementById('basic-advice').hidden = false;
  console.error(failure);
});

document.addEventListener('click', async (event) => {
  const startButton = event.target.closest('#start button[data-option]');
  const languageLink = event.target.closest('.languages a[hreflang]');
  if (!startButton && !languageLink) return;
  if (languageLink && !checker) return; // not loaded: let the link open that language's page
  event.preventDefault();
  try {
    await ready;
  } catch {
    return; // the status line already says the check could not load
  }
  if (startButton) {
    checker.chooseStartOption(startButton.dataset.option);
    return;
  }
  // If the other language cannot load, the checker's error screen says so; the page stays in this one.
  await useLanguage(languageLink.hreflang, { focus: true }).catch((failure) => console.error(failure));
});

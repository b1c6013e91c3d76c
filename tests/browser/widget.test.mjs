// The <soreness-check> element on host pages (Chromium): hostile host CSS, two widgets on one page,
// the strict CSP, and a host script that tries to learn the answers.
//
//   node --test tests/browser/widget.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, watchPage, foreignRequests, REPO_ROOT, SITE_DIR } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { USUAL_ANSWERS } from './checker-page.mjs';
import { widgetDriver } from './widget-support.mjs';
import { walkToResult } from './walker.mjs';

const strings = (language) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${language}.json`), 'utf8'));
const en = strings('en');
const de = strings('de');

const hostileCss = `
* { all: unset; }
html { font-size: 9px; }
body { font: italic 700 23px/0.8 "Comic Sans MS", fantasy; letter-spacing: 0.4em; text-transform: uppercase; color: #ff00ff; visibility: visible; word-spacing: 1em; }
div { display: none !important; }
button, input, label, p, h1, h2, a, form, section, article { display: none; color: red; }
soreness-check { border: 3px dotted lime; }
`;

const page = (body, title = 'A spa') => ({
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">` +
    `<link rel="stylesheet" href="/host.css"><script type="module" src="/widget/soreness-check.js"></script></head><body>${body}</body></html>`,
});

// A curious host page: it listens to every kind of event on window (capture) and document (bubble),
// watches the element's attributes, and afterwards reads window, storage and the element.
const spyScript = `
const baseline = new Set(Object.getOwnPropertyNames(window));
const records = [];
const describe = (node) => node?.nodeName ?? String(node);
const types = ['click', 'dblclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup', 'keypress', 'input',
  'beforeinput', 'change', 'submit', 'focusin', 'focusout', 'focus', 'blur', 'select', 'toggle', 'invalid', 'reset', 'formdata',
  'compositionend', 'message', 'storage', 'soreness-check', 'result', 'answer', 'disposition', 'slotchange'];
const log = (phase) => (event) => records.push({
  type: event.type, phase, custom: event instanceof CustomEvent, detail: event instanceof CustomEvent ? JSON.stringify(event.detail ?? null) : null,
  key: event.key ?? null, data: event.data ?? null, target: describe(event.target), path: event.composedPath().map(describe),
});
for (const type of types) {
  window.addEventListener(type, log('capture'), true);
  document.addEventListener(type, log('bubble'));
}
const mutations = [];
new MutationObserver((list) => mutations.push(...list.map((m) => [m.type, m.attributeName, m.target.nodeName]))).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
const outside = new Set(['SORENESS-CHECK', 'MAIN', 'BODY', 'HTML', '#document', '[object Window]']);
window.spyReport = () => {
  const element = document.querySelector('soreness-check');
  return {
    text: JSON.stringify({ records, mutations, html: document.documentElement.outerHTML, attributes: [...element.attributes].map((a) => a.value), active: describe(document.activeElement) }),
    storage: { local: localStorage.length, session: sessionStorage.length, cookies: document.cookie },
    windowKeys: Object.getOwnPropertyNames(window).filter((key) => !baseline.has(key) && key !== 'spyReport'),
    shadowRoot: element.shadowRoot,
    ownProperties: Object.getOwnPropertyNames(element),
    customEvents: records.filter((r) => r.custom),
    bubblingKeys: records.filter((r) => r.phase === 'bubble' && r.key !== null),
    captureKeys: records.filter((r) => r.phase === 'capture' && r.type === 'keydown').map((r) => r.key),
    innerTargets: records.filter((r) => r.path.some((name) => !outside.has(name))).map((r) => r.type + ':' + r.path.join('>')),
    clicks: records.filter((r) => r.type === 'click').length,
  };
};
`;

let browser;
let host;
before(async () => {
  host = await startServer({
    root: SITE_DIR,
    port: 0,
    pages: {
      '/host.css': { body: hostileCss, type: 'text/css; charset=utf-8' },
      '/hostile.html': page('<div><p>Our aftercare</p></div><main><h1>Aftercare</h1><soreness-check lang="en" spa-name="Calm Hands" spa-phone="+44 20 7946 0000"></soreness-check></main>'),
      '/two.html': page('<main><soreness-check lang="en"></soreness-check><soreness-check lang="de-AT" compact emergency-number="144"></soreness-check></main>'),
      '/spy.html': {
        body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spy</title><link rel="icon" href="data:,">' +
          '<script type="module" src="/spy.js"></script><script type="module" src="/widget/soreness-check.js"></script></head>' +
          '<body><main><soreness-check lang="en"></soreness-check></main></body></html>',
      },
      '/spy.js': { body: spyScript, type: 'text/javascript; charset=utf-8' },
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close().catch(() => {});
  await host?.close();
});

/** A fresh page; afterwards it must have run cleanly under the strict CSP, asking only the host. */
async function withPage(fn, { viewport = { width: 390, height: 844 }, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport, locale });
  try {
    const tab = await context.newPage();
    const log = await watchPage(tab);
    await fn(tab, log);
    assert.deepEqual(
      { consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, cspViolations: log.cspViolations, foreign: foreignRequests(log.requests, host.origin) },
      { consoleErrors: [], pageErrors: [], cspViolations: [], foreign: [] },
    );
  } finally {
    await context.close().catch(() => {});
  }
}

test('hostile host CSS cannot break the widget: it shows, keeps its own type, and completes a check', async () => {
  await withPage(async (tab) => {
    await tab.goto(`${host.url}hostile.html`);
    const widget = await widgetDriver(tab);
    await widget.waitFor(async () => (await widget.count('button.begin')) === 1);
    assert.equal(await widget.text('h1'), en.ui.title);
    assert.equal(await widget.style('button.begin', 'display'), 'flex');
    assert.equal(await widget.style('h1', 'textTransform'), 'none');
    assert.equal(await widget.style('h1', 'letterSpacing'), 'normal');
    assert.equal(await widget.style('.checker', 'fontSize'), '16px', 'not the host\'s 9px root or 23px body');
    assert.doesNotMatch(await widget.style('.checker', 'fontFamily'), /Comic/);
    assert.ok((await tab.evaluate(() => document.querySelector('soreness-check').getBoundingClientRect().height)) > 300, 'the widget takes room');
    const { asked, disposition } = await walkToResult(widget, { ...USUAL_ANSWERS, hours_since_massage: { days: 2 } });
    assert.deepEqual(asked, Object.keys(USUAL_ANSWERS));
    assert.equal(disposition, 'contact_therapist');
    assert.equal(await widget.text('article.result h1'), en.dispositions.contact_therapist.label);
    assert.equal(await widget.text('.contact h2'), 'Get in touch with Calm Hands');
    assert.equal(await widget.attribute('.contact a[href^="tel:"]', 'href'), 'tel:+442079460000');
    assert.equal(await widget.style('.contact a', 'display'), 'flex');
    assert.equal(await widget.count('.call-button'), 0, 'no emergency call button on this result');
  });
});

test('two widgets on one page work independently; the WebAssembly is fetched once', async () => {
  await withPage(async (tab, log) => {
    await tab.goto(`${host.url}two.html`);
    const first = await widgetDriver(tab, { index: 0 });
    const second = await widgetDriver(tab, { index: 1 });
    await second.waitFor(async () => (await second.count('button.begin')) === 1);
    assert.equal(await second.text('h1'), de.ui.title);
    await second.click('button[data-option="chest_pain"]');
    await second.waitFor(async () => (await second.count('article.result')) === 1);
    assert.equal(await second.attribute('article.result', 'data-disposition'), 'emergency');
    assert.equal(await second.text('.call-button'), 'Jetzt 144 anrufen');
    assert.equal(await second.attribute('.call-button', 'href'), 'tel:144');
    assert.equal(await first.count('article.result'), 0, 'the first widget is still on its start screen');
    const { disposition } = await walkToResult(first, USUAL_ANSWERS);
    assert.equal(disposition, 'self_care');
    assert.equal(await second.attribute('article.result', 'data-disposition'), 'emergency', 'the second kept its own result');
    const wasm = log.requests.filter((url) => url.endsWith('/soreness-core.wasm'));
    assert.deepEqual(wasm, [`${host.origin}/widget/soreness-core.wasm`]);
    assert.equal(log.requests.filter((url) => url.endsWith('/soreness-check.css')).length, 1, 'the stylesheet is fetched once too');
  });
});

test('served from the page\'s own origin, the widget runs its core in a worker (its own module), not on the host page\'s thread', async () => {
  await withPage(async (tab, log) => {
    await tab.goto(`${host.url}hostile.html`);
    const widget = await widgetDriver(tab);
    await widget.waitFor(async () => (await widget.count('button.begin')) === 1);
    assert.deepEqual(tab.workers().map((worker) => new URL(worker.url()).pathname), ['/widget/soreness-check.js']);
    // The worker fetched the core's files; the host page's own global fetched none of them.
    const coreFiles = (global) => global.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\.(wasm|json)$/.test(p)).sort());
    assert.deepEqual(await coreFiles(tab.workers()[0]), ['/widget/knowledge/knowledge-base.json', '/widget/knowledge/strings/en.json', '/widget/soreness-core.wasm']);
    assert.deepEqual(await coreFiles(tab), []);
    const { disposition } = await walkToResult(widget, USUAL_ANSWERS);
    assert.equal(disposition, 'self_care');
    assert.equal(log.requests.filter((url) => url.endsWith('/soreness-core.wasm')).length, 1);
  });
});

test('served from another origin, the widget runs its core on the host page\'s thread (a worker must be same-origin)', async () => {
  // The spa's page on an origin of its own; the widget's files from the site's server (CORS, as docs/deployment.md says).
  const spa = await startServer({
    root: SITE_DIR,
    port: 0,
    pages: {
      '/aftercare.html': {
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spa</title><link rel="icon" href="data:,">` +
          `<script type="module" src="${host.origin}/widget/soreness-check.js"></script></head><body><soreness-check lang="en"></soreness-check></body></html>`,
        headers: { 'Content-Security-Policy': `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${host.origin}; style-src 'self' ${host.origin}; connect-src 'self' ${host.origin}; img-src data:` },
      },
    },
  });
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const log = await watchPage(tab);
    await tab.goto(`${spa.url}aftercare.html`);
    const widget = await widgetDriver(tab);
    await widget.waitFor(async () => (await widget.count('button.begin')) === 1);
    assert.deepEqual(tab.workers(), []);
    const wasm = await tab.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => name.endsWith('.wasm')));
    assert.deepEqual(wasm, [`${host.origin}/widget/soreness-core.wasm`], 'the host page\'s own thread fetched the core');
    const { disposition } = await walkToResult(widget, USUAL_ANSWERS);
    assert.equal(disposition, 'self_care');
    assert.deepEqual({ consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, cspViolations: log.cspViolations }, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  } finally {
    await context.close().catch(() => {});
    await spa.close();
  }
});

test('a host script listening to events and reading window, storage and the element learns no answer', async () => {
  await withPage(async (tab) => {
    await tab.goto(`${host.url}spy.html`);
    const widget = await widgetDriver(tab);
    const answers = { ...USUAL_ANSWERS, symptoms: ['dark_urine'] };
    const { disposition } = await walkToResult(widget, answers);
    assert.equal(disposition, 'urgent');
    assert.equal(await widget.text('.call-button'), 'If it gets worse fast, call 911', 'lang="en" in an en-US browser: the US number');
    const seen = await tab.evaluate(() => window.spyReport());
    // Everything the host could see, as text: no answer, option, question or result may be in it.
    const optionIds = Object.values(answers).flat().filter((value) => typeof value === 'string' && value.includes('_'));
    assert.ok(optionIds.length >= 4, `the distinctive option ids of the answers: ${optionIds}`);
    const secrets = [...optionIds, 'urgent', en.dispositions.urgent.label,
      en.questions.symptoms.options.dark_urine, en.questions.massage_type.options[answers.massage_type]];
    for (const secret of secrets) assert.ok(!seen.text.includes(secret), `the host saw "${secret}"`);
    assert.deepEqual(seen.storage, { local: 0, session: 0, cookies: '' });
    assert.deepEqual(seen.windowKeys, [], 'nothing new on window');
    assert.equal(seen.shadowRoot, null, 'the shadow root is closed');
    assert.deepEqual(seen.ownProperties, []);
    assert.deepEqual(seen.customEvents, [], 'no custom events');
    assert.deepEqual(seen.bubblingKeys, [], 'keystrokes stop at the widget');
    assert.deepEqual(seen.innerTargets, [], 'every event the host saw was retargeted to the element');
    assert.ok(seen.clicks > 5, 'the spy really listened');
    // The documented limit of an element in the host's own page: a capture listener on window sees the
    // keys pressed (here the hours typed). The sandboxed iframe embed is the answer to that.
    assert.deepEqual(seen.captureKeys, [...String(answers.hours_since_massage)]);
  });
});

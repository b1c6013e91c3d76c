// Issue 16: the spa's aftercare link, in Chromium. The page, the <soreness-check> widget and the installed
// app offline read the link's fragment, remove it from the address bar and history at once (no entry is
// added), and show the kind of massage and the hours since the session as answered and changeable; every
// kind of bad value leaves its question simply asked. Session times are built from the browser's own
// clock, 20 minutes past a whole number of hours, so the test does not depend on how long a load takes.
// The privacy of a whole check from a link: tests/browser/pwa.test.mjs. The parser's table of bad
// fragments: tests/js/aftercare-link.test.mjs.
//
//   node --test tests/browser/aftercare.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchPage, foreignRequests, REPO_ROOT, SITE_DIR } from './harness.mjs';
import { USUAL_ANSWERS, axeViolations, servedSite } from './checker-page.mjs';
import { driverForPage, waitFor } from './drivers.mjs';
import { widgetDriver } from './widget-support.mjs';
import { currentQuestion, openReady, read, sessionText, walkFromLink as walk } from './walker.mjs';
import { startServer } from '../../scripts/serve.mjs';

const strings = Object.fromEntries(['en', 'es', 'de'].map((l) => [l, JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${l}.json`), 'utf8'))]));
const maxHours = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/knowledge-base.json'), 'utf8'))
  .questions.find((q) => q.id === 'hours_since_massage').max;

const widgetPage = {
  body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Calm Hands aftercare</title><link rel="icon" href="data:,">' +
    '<script type="module" src="/widget/soreness-check.js"></script></head><body><h1 id="intro">After your visit</h1>' +
    '<soreness-check lang="en-GB" spa-name="Calm Hands"></soreness-check></body></html>',
};
const served = servedSite({ pages: { '/spa.html': widgetPage } });
const walkFromLink = (driver, options) => walk(driver, USUAL_ANSWERS, options);

/** A session `hours` whole hours and 20 minutes before the browser's clock (or after it, for negative hours). */
async function sessionAgo(page, hours, offsetMinutes = 60) {
  const now = await page.evaluate(() => Date.now());
  return sessionText(now - (hours * 60 + Math.sign(hours || 1) * 20) * 60_000, offsetMinutes);
}

/** The result's answer to the nth question shown (1: the start question), as the person reads it. */
const resultAnswer = (driver, n) => read(driver, `.answers .answer:nth-child(${n}) dd span`);

/**
 * Every URL in the tab's history after the blank page a new tab starts with (Chromium's DevTools protocol);
 * history.length must count the same entries, so none is hidden from it.
 */
async function historyUrls(page) {
  const cdp = await page.context().newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  assert.equal(await page.evaluate(() => history.length), entries.length);
  return entries.map((entry) => entry.url).filter((url) => url !== 'about:blank');
}

async function withPage(fn, contextOptions = {}) {
  const context = await served.browser.newContext({ viewport: { width: 390, height: 844 }, ...contextOptions });
  try {
    const page = await context.newPage();
    const log = await watchPage(page);
    await fn(page);
    assert.deepEqual(
      { consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, cspViolations: log.cspViolations, foreign: foreignRequests(log.requests, served.site.origin) },
      { consoleErrors: [], pageErrors: [], cspViolations: [], foreign: [] },
    );
  } finally {
    await context.close().catch(() => {});
  }
}

test('page: a good link fills in the massage and the hours in its language, then leaves the address and history', async () => {
  await withPage(async (page) => {
    const session = await sessionAgo(page, 26, 60);
    const driver = driverForPage(page);
    // The neutral entry page, a browser in English: the link's language wins.
    await openReady(driver, `${served.site.url}#sc-massage=deep_tissue&sc-session=${session}&sc-lang=de`);
    assert.equal(page.url(), `${served.site.url}de/`, 'the fragment is gone, and the page is the German one');
    assert.deepEqual(await historyUrls(page), [`${served.site.url}de/`], 'no entry was added, and the one the link opened no longer has it');
    assert.equal(await page.getAttribute('html', 'lang'), 'de');

    const shown = await walkFromLink(driver);
    assert.deepEqual(shown, {
      hours_since_massage: { value: '26', note: strings.de.ui.from_spa },
      massage_type: { value: 'deep_tissue', note: strings.de.ui.from_spa },
    });
    assert.equal(await resultAnswer(driver, 3), '26 Stunden');
    assert.equal(await resultAnswer(driver, 4), strings.de.questions.massage_type.options.deep_tissue);
    for (const url of await historyUrls(page)) assert.ok(!url.includes('#') && !url.includes('sc-'), url);

    // Changeable like any answer: Change leads to the question, with the spa's answer chosen.
    await page.click(`.answer:nth-child(4) button`);
    assert.equal(await currentQuestion(driver), 'massage_type');
    assert.equal(await page.isChecked('#massage_type-deep_tissue'), true);
    assert.equal(await page.textContent('.from-spa'), strings.de.ui.from_spa);
    assert.deepEqual(await axeViolations(page), [], 'the question with the link\'s note');
    await page.click('label[for="massage_type-sports"]');
    assert.equal(await page.locator('.from-spa').count(), 1, 'the note stays until the screen is left');
    await page.click('form.question button[type="submit"]');
    await page.waitForSelector('article.result');
    assert.equal(await resultAnswer(driver, 4), strings.de.questions.massage_type.options.sports);
  }, { locale: 'en-GB' });
});

test('widget: a good link on a host page fills in the answers in its language; the host\'s own fragment stays', async () => {
  await withPage(async (page) => {
    // A session at an offset west of UTC: the hours are the same whatever the offset says.
    const session = await sessionAgo(page, 5, -300);
    await page.goto(`${served.site.url}spa.html#intro&sc-session=${session}&sc-massage=sports&sc-lang=es`);
    assert.equal(page.url(), `${served.site.url}spa.html#intro`, 'only our keys leave the address');
    assert.deepEqual(await historyUrls(page), [`${served.site.url}spa.html#intro`]);
    const driver = await widgetDriver(page);
    // Shown once its stylesheet and core are loaded (and the link's answers judged).
    await waitFor(async () => (await read(driver, '.checker', '.hidden')) === false, { what: 'the widget to show' });
    assert.equal(await read(driver, '.checker', 'lang'), 'es', 'the link\'s language wins over the lang attribute');
    const shown = await walkFromLink(driver);
    assert.deepEqual(shown, {
      hours_since_massage: { value: '5', note: strings.es.ui.from_spa },
      massage_type: { value: 'sports', note: strings.es.ui.from_spa },
    });
    assert.equal(await resultAnswer(driver, 3), '5 horas');
    assert.equal(await resultAnswer(driver, 4), strings.es.questions.massage_type.options.sports);
    assert.equal(page.url(), `${served.site.url}spa.html#intro`);
  }, { locale: 'en-GB' });
});

test('bad or stale values are ignored: that question is simply asked, with no note and no error', async () => {
  await withPage(async (page) => {
    const driver = driverForPage(page);
    const good = { hours_since_massage: { value: '3', note: strings.en.ui.from_spa }, massage_type: { value: 'relaxation', note: strings.en.ui.from_spa } };
    const asked = { value: null, note: null };
    const cases = [
      ['a session in the future (beyond the tolerance)', async () => `sc-session=${await sessionAgo(page, -3)}&sc-massage=relaxation`, { ...good, hours_since_massage: asked }],
      [`a session older than the knowledge base's ${maxHours} hours`, async () => `sc-session=${await sessionAgo(page, maxHours + 1)}&sc-massage=relaxation`, { ...good, hours_since_massage: asked }],
      ['an unknown kind of massage', async () => `sc-session=${await sessionAgo(page, 3)}&sc-massage=hot_stones`, { ...good, massage_type: asked }],
      ['a session without its time zone', async () => `sc-session=${(await sessionAgo(page, 3)).slice(0, 16)}&sc-massage=relaxation`, { ...good, hours_since_massage: asked }],
      ['malformed values and percent-encoding', async () => 'sc-session=yesterday&sc-massage=%E0%A4', { hours_since_massage: asked, massage_type: asked }],
      ['a key given twice: the first counts, even when it is bad', async () => `sc-session=${await sessionAgo(page, 3)}&sc-massage=hot_stones&sc-massage=relaxation`, { ...good, massage_type: asked }],
      ['unknown keys and a language we do not have', async () => `sc-pain=9&sc-answers=chest_pain&sc-lang=fr&sc-session=${await sessionAgo(page, 3)}`, { ...good, massage_type: asked }],
    ];
    for (const [name, fragment, expected] of cases) {
      // From another document: between two fragments of one page a link is no new load.
      await page.goto('about:blank');
      await openReady(driver, `${served.site.url}en/#${await fragment()}`);
      assert.equal(page.url(), `${served.site.url}en/`, name);
      assert.equal(await page.getAttribute('html', 'lang'), 'en', name);
      assert.deepEqual(await walkFromLink(driver, { toResult: false }), expected, name);
    }
  }, { locale: 'en-US' });
});

test('the installed app offline: a link opened with the server gone fills in the answers and leaves no trace', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soreness-site-'));
  cpSync(SITE_DIR, dir, { recursive: true });
  const server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
  const context = await served.browser.newContext({ serviceWorkers: 'allow', locale: 'en-US' });
  try {
    const page = await context.newPage();
    const log = await watchPage(page);
    await openReady(driverForPage(page), server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // Honest offline: the server is stopped, so neither the page nor the worker can reach it.
    await server.close();
    await context.setOffline(true);
    const offline = await context.newPage();
    const session = await sessionAgo(offline, 50, 0);
    const driver = driverForPage(offline);
    await openReady(driver, `${server.url}#sc-massage=trigger_point&sc-session=${session}&sc-lang=es`);
    assert.equal(offline.url(), `${server.url}es/`);
    assert.deepEqual(await historyUrls(offline), [`${server.url}es/`]);
    const shown = await walkFromLink(driver);
    assert.deepEqual(shown, {
      hours_since_massage: { value: '50', note: strings.es.ui.from_spa },
      massage_type: { value: 'trigger_point', note: strings.es.ui.from_spa },
    });
    // 50 hours is past the usual peak: the core's result, not this test's, but it must have judged 50 hours.
    assert.equal(await resultAnswer(driver, 3), '50 horas');
    for (const url of await historyUrls(offline)) assert.ok(!url.includes('#') && !url.includes('sc-'), url);
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close().catch(() => {});
    await server.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});

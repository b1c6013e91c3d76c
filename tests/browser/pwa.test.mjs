// Offline use and privacy, in real Chromium (issue 5). The site is copied to a scratch folder so a
// "newer build" can be deployed mid-test without touching build/site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, appendFileSync, rmSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { chromium } from 'playwright-core';
import { REPO_ROOT, SITE_DIR, CHROMIUM_PATH, CHROMIUM_ARGS, withBrowser, withSitePage, watchPage, foreignRequests } from './harness.mjs';
import { FLOWS, gotoReady, runFlow, disposition, answer, currentQuestion } from './checker-page.mjs';

function scratchSite() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soreness-site-'));
  cpSync(SITE_DIR, dir, { recursive: true });
  return dir;
}

/** A newer build: one file changes, and the worker is regenerated from the files as the build does. */
function deployNewerBuild(dir) {
  appendFileSync(path.join(dir, 'app.js'), `\n/* build ${Date.now()} */\n`);
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'web/build/build-sw.mjs'), dir], { stdio: 'pipe' });
  return /const VERSION = '(\w+)'/.exec(readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1];
}

async function waitForWorkerControl(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

async function appCacheNames(page) {
  return page.evaluate(async () => (await caches.keys()).filter((key) => key.startsWith('soreness-check-')));
}


/** What the page keeps or could keep: storage, cookies, the caches' URLs, its address and history. */
const storedState = (page) =>
  page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
    cookie: document.cookie,
    cacheNames: await caches.keys(),
    cachedUrls: (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))).flat(),
    url: location.href,
    history: [history.length, JSON.stringify(history.state)],
  }));

test('the manifest makes the app installable: Chromium reports no installability errors', async () => {
  const site = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1' });
  // Installation is never offered in an incognito context, which is what browser.newContext() makes.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'soreness-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    {
      const page = context.pages()[0] ?? (await context.newPage());
      await gotoReady(page, site.url);
      await waitForWorkerControl(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, []);
      const { errors, url } = await cdp.send('Page.getAppManifest');
      assert.match(url, /manifest\.webmanifest$/);
      assert.deepEqual(errors, []);
    }
  } finally {
    await context.close().catch(() => {});
    await site.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('offline: with the server gone, the app reloads and completes a check; a newer build is offered, never forced', async () => {
  const dir = scratchSite();
  let server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
  const { port } = server;
  try {
    await withBrowser(async (browser) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const log = await watchPage(page);
      await gotoReady(page, server.url);
      await waitForWorkerControl(page);
      const [firstCache] = await appCacheNames(page);

      // Honest offline: the server is stopped, so neither the page nor the worker can reach it.
      await server.close();
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await runFlow(page, FLOWS[0].answers);
      assert.equal(await disposition(page), FLOWS[0].disposition);

      // Back online with a newer build on the same origin; start a new check and get halfway.
      const newVersion = deployNewerBuild(dir);
      server = await startServer({ root: dir, port, host: '127.0.0.1' });
      await context.setOffline(false);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await page.click('#start button.begin');
      const first = await currentQuestion(page);
      await answer(page, first, FLOWS[0].answers[first]);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      await page.waitForSelector('#update-offer:not([hidden])', { timeout: 30_000 });

      // The offer does not interrupt: the check in progress finishes on the version it began with.
      await page.click('form.question button[type="submit"]');
      for (let id = await currentQuestion(page); id; id = await currentQuestion(page)) {
        await answer(page, id, FLOWS[0].answers[id]);
        await page.click('form.question button[type="submit"]');
        await page.waitForFunction((previous) => document.querySelector('form.question')?.dataset.question !== previous, id);
      }
      assert.equal(await disposition(page), FLOWS[0].disposition);
      assert.ok(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null),
        'the new version waits until the person reloads');
      assert.ok((await appCacheNames(page)).includes(firstCache), 'the old version is still there to serve the open page');

      // Accepting the offer reloads into the new version and removes the old cache.
      await Promise.all([page.waitForEvent('load'), page.click('#update-offer button')]);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await page.waitForFunction(async (expected) => {
        const keys = (await caches.keys()).filter((key) => key.startsWith('soreness-check-'));
        return keys.length === 1 && keys[0] === expected;
      }, `soreness-check-${newVersion}`, { timeout: 30_000 });
      assert.deepEqual(log.pageErrors, []);
      assert.deepEqual(log.cspViolations, []);
    });
  } finally {
    await server.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});

test('privacy: a complete check, its summary shared and copied and its reminder saved, sends nothing and stores nothing', async () => {
  await withSitePage(async ({ context, page, site, log }) => {
    const { origin } = site;
    // The share sheet is stubbed (Chromium on Linux has none): it records what the page hands it.
    await page.addInitScript(() => {
      window.__shared = [];
      Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: (data) => window.__shared.push(data) && Promise.resolve() });
    });
    await gotoReady(page, site.url);
    await waitForWorkerControl(page);
    const requestsBeforeCheck = log.requests.length;

    // A check that touches every kind of answer, including the sensitive ones.
    const answers = { ...FLOWS[0].answers, symptoms: ['dark_urine', 'numbness'], risk_factors: ['pregnancy'], pregnancy_signs: ['none'] };
    await runFlow(page, answers);
    assert.equal(await disposition(page), 'urgent');
    // Issue 16: the summary handed to the person's apps, then a check again to a result with a reminder, saved.
    const ui = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings/en.json'), 'utf8')).ui;
    const shareAndCopy = async () => {
      await page.getByRole('button', { name: ui.share, exact: true }).click();
      await page.getByRole('button', { name: ui.share_copy, exact: true }).click();
      await page.waitForFunction((text) => document.querySelector('.share-status')?.textContent === text, ui.share_copied);
    };
    await shareAndCopy();
    await page.getByRole('button', { name: ui.start_again, exact: true }).click();
    await runFlow(page, FLOWS[0].answers);
    assert.equal(await disposition(page), 'self_care');
    await shareAndCopy();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.remind_button, exact: true }).click()]);
    assert.match(readFileSync(await download.path(), 'utf8'), /^BEGIN:VCALENDAR/);
    assert.equal(await page.evaluate(() => window.__shared.length), 2);
    assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes(ui.summary_answers), 'the summary was copied');

    assert.deepEqual(log.requests.slice(requestsBeforeCheck), [], 'no request at all during the check');
    assert.deepEqual(foreignRequests(log.requests, origin), [], 'every request ever made is to the app itself');
    assert.deepEqual(log.cspViolations, []);

    const stored = await storedState(page);
    assert.equal(stored.localStorage, 0);
    assert.equal(stored.sessionStorage, 0);
    assert.deepEqual(stored.indexedDB, []);
    assert.equal(stored.cookie, '');
    assert.deepEqual(await context.cookies(), []);
    assert.equal(stored.cacheNames.length, 1);
    assert.match(stored.cacheNames[0], /^soreness-check-\w+$/);
    const precached = JSON.parse(/const PRECACHE = (\[.*?\]);/s.exec(readFileSync(path.join(SITE_DIR, 'sw.js'), 'utf8'))[1])
      .map((file) => new URL(file, site.url).href);
    assert.deepEqual(stored.cachedUrls.filter((url) => !precached.includes(url)), [], 'the cache holds only the app\'s own files');

    const cdp = await context.newCDPSession(page);
    const { entries } = await cdp.send('Page.getNavigationHistory');
    const answerWords = ['dark_urine', 'numbness', 'pregnancy', 'pain', 'symptoms', 'upper_back', 'blob:', '?', '#'];
    for (const { url } of entries) {
      for (const word of answerWords) assert.ok(!url.includes(word), `history URL ${url} holds "${word}"`);
    }
  }, { contextOptions: { acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] } });
});

test('privacy (issue 16): a complete check from an aftercare link sends nothing beyond the app\'s own files, stores nothing, leaves nothing in the URL or history', async () => {
  await withSitePage(async ({ context, page, site, log }) => {
    // A session 26 hours and 20 minutes before the browser's clock, at UTC+01:00.
    const now = await page.evaluate(() => Date.now());
    const session = `${new Date(now - (26 * 60 + 20) * 60_000 + 3_600_000).toISOString().slice(0, 16)}+01:00`;
    const link = `${site.url}es/#sc-massage=deep_tissue&sc-session=${session}&sc-lang=es`;
    await gotoReady(page, link);
    await waitForWorkerControl(page);
    assert.equal(page.url(), `${site.url}es/`);
    const requestsBeforeCheck = log.requests.length;

    const answers = { ...FLOWS[0].answers, hours_since_massage: 26, massage_type: 'deep_tissue', symptoms: ['dark_urine', 'numbness'], risk_factors: ['pregnancy'], pregnancy_signs: ['none'] };
    await page.click('#start button.begin');
    await answer(page, 'passed_signs', answers.passed_signs);
    await page.click('form.question button[type="submit"]');
    // The link's answers are on screen as answered; the walk keeps them as they are.
    assert.equal(await currentQuestion(page), 'hours_since_massage');
    assert.equal(await page.inputValue('#hours_since_massage-amount'), '26');
    await page.click('form.question button[type="submit"]');
    assert.equal(await currentQuestion(page), 'massage_type');
    assert.equal(await page.isChecked('#massage_type-deep_tissue'), true);
    await page.click('form.question button[type="submit"]');
    for (let id = await currentQuestion(page); id; id = await currentQuestion(page)) {
      await answer(page, id, answers[id]);
      await page.click('form.question button[type="submit"]');
      await page.waitForFunction((previous) => document.querySelector('form.question')?.dataset.question !== previous, id);
    }
    assert.equal(await disposition(page), 'urgent');

    assert.deepEqual(log.requests.slice(requestsBeforeCheck), [], 'no request at all during the check');
    assert.deepEqual(foreignRequests(log.requests, site.origin), [], 'every request ever made is to the app itself');
    // The app's own files only, none with a query or anything of the link in it.
    const precached = JSON.parse(/const PRECACHE = (\[.*?\]);/s.exec(readFileSync(path.join(SITE_DIR, 'sw.js'), 'utf8'))[1]).map((file) => new URL(file, site.url).href);
    const ownFiles = new Set([...precached, `${site.url}es/`, `${site.url}sw.js`]);
    assert.deepEqual(log.requests.filter((url) => !ownFiles.has(url)), [], 'nothing but the app\'s files');
    assert.deepEqual(log.cspViolations, []);

    const stored = await storedState(page);
    assert.deepEqual([stored.localStorage, stored.sessionStorage, stored.indexedDB, stored.cookie], [0, 0, [], '']);
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(stored.cachedUrls.filter((url) => !precached.includes(url)), [], 'the cache holds only the app\'s own files');
    assert.equal(stored.url, `${site.url}es/`);
    assert.doesNotMatch(stored.history[1], /deep_tissue|26|dark_urine|sc-/);

    const cdp = await context.newCDPSession(page);
    const { entries } = await cdp.send('Page.getNavigationHistory');
    assert.equal(entries.length, stored.history[0], 'every entry is one history.length counts');
    for (const { url } of entries) {
      // Past the origin only: the server's random port may hold the digits of an answer (port 42699 holds "26").
      const pastOrigin = url.startsWith(site.origin) ? url.slice(site.origin.length) : url;
      for (const word of ['sc-', 'deep_tissue', session, '26', 'dark_urine', 'numbness', 'pregnancy', '?', '#']) assert.ok(!pastOrigin.includes(word), `history URL ${url} holds "${word}"`);
    }
  });
});

// Loading (issue 17): the start pages paint without waiting for a stylesheet. Their CSS is inline, and the
// strict Content-Security-Policy the build writes into _headers (web/build/headers.mjs, sent by
// scripts/serve.mjs) allows exactly that style by its hash, with no 'unsafe-inline'. Nor does the first
// paint wait for an animation: the start screen does not fade in.
//
//   node --test tests/browser/loading.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withBrowser, withSite, watchPage, SITE_DIR } from './harness.mjs';
import { LANGUAGES } from './checker-page.mjs';
import { parseHeadersFile, styleHash } from '../../web/build/headers.mjs';

const inlineStyle = (html) => /<style>([^<]*)<\/style>/.exec(html)?.[1];

/** A fresh load of a start page: what it requested, its CSP violations, and how its start screen is styled. */
async function loadStartPage(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const log = await watchPage(page);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    const style = await page.evaluate(() => {
      const button = getComputedStyle(document.querySelector('#start button[data-option]'));
      return { bodyMargin: getComputedStyle(document.body).margin, buttonMinHeight: button.minHeight, bar: getComputedStyle(document.querySelector('.bar')).maxWidth };
    });
    const stylesheets = log.requests.filter((request) => new URL(request).pathname.endsWith('.css'));
    return { violations: log.cspViolations, stylesheets, style, pageErrors: log.pageErrors };
  } finally {
    await context.close();
  }
}

test('the build writes the inline style\'s hash into the CSP of _headers, without unsafe-inline', () => {
  const [site] = parseHeadersFile(readFileSync(path.join(SITE_DIR, '_headers'), 'utf8'));
  assert.equal(site.path, '/*');
  const policy = site.headers['Content-Security-Policy'];
  assert.doesNotMatch(policy, /unsafe-inline/);
  for (const file of ['index.html', ...LANGUAGES.map((language) => `${language}/index.html`)]) {
    const css = inlineStyle(readFileSync(path.join(SITE_DIR, file), 'utf8'));
    assert.ok(css, `${file} has its stylesheet inline`);
    assert.ok(policy.split(';').find((part) => part.trim().startsWith('style-src')).includes(styleHash(css)), `${file}: its style's hash is in style-src`);
  }
});

test('every start page is styled by its inline CSS under the served CSP: no stylesheet request, no violation', async () => {
  await withSite((site) => withBrowser(async (browser) => {
    for (const where of ['', ...LANGUAGES.map((language) => `${language}/`)]) {
      const loaded = await loadStartPage(browser, `${site.url}${where}`);
      assert.deepEqual({ violations: loaded.violations, stylesheets: loaded.stylesheets, pageErrors: loaded.pageErrors },
        { violations: [], stylesheets: [], pageErrors: [] }, `/${where}`);
      // Values from style.css and checker.css; unstyled, the body has its 8px margin and the button no minimum height.
      assert.equal(loaded.style.bodyMargin, '0px', `/${where}`);
      assert.notEqual(loaded.style.buttonMinHeight, 'auto', `/${where}`);
      assert.notEqual(loaded.style.bar, 'none', `/${where}`);
    }
  }));
});

test('a page whose inline style does not match the hash in the CSP is reported and left unstyled (the check above can fail)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soreness-csp-'));
  try {
    cpSync(SITE_DIR, dir, { recursive: true });
    const file = path.join(dir, 'en/index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<style>', '<style>body{outline:0}'));
    await withSite((site) => withBrowser(async (browser) => {
      const loaded = await loadStartPage(browser, `${site.url}en/`);
      assert.ok(loaded.violations.some((v) => v.directive === 'style-src-elem' || /style/.test(v.text ?? '')), JSON.stringify(loaded.violations));
      assert.equal(loaded.style.bodyMargin, '8px');
    }), { root: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the start screen is painted as it is, with no fade; the screens after it fade in', async () => {
  await withSite((site) => withBrowser(async (browser) => {
    const context = await browser.newContext({ serviceWorkers: 'block', reducedMotion: 'no-preference' });
    try {
      const page = await context.newPage();
      await page.goto(site.url);
      // A fade from transparent would hold the largest paint (a line of the start screen) back until it ends.
      assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('start')).animationName), 'none');
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#start button[data-option="none"]');
      await page.waitForSelector('#screen:not([hidden]) .screen');
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#screen .screen')).animationName), 'appear');
    } finally {
      await context.close();
    }
  }));
});

// Each start page asks Chromium to hold its first paint until the start screen is parsed (<link rel="expect">), so
// that the first paint is the largest. Whether it was held is timing: the browser may stop waiting (the timeouts are
// its own), and under a full test run on a busy machine it once painted the language links alone first. So this
// test checks what the page controls, the request and the largest paint's element; the paint times are read in the
// benchmark's Lighthouse traces (docs/performance.md), not asserted here.
test('every start page asks for its first paint to wait for the start screen, and the largest paint is on the start screen', async () => {
  await withSite((site) => withBrowser(async (browser) => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    // Each largest-paint candidate, noted as it is reported (a candidate's element may be replaced later).
    await context.addInitScript(() => {
      window.__largestPaints = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__largestPaints.push(Boolean(entry.element?.closest('#start')));
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    try {
      const page = await context.newPage();
      for (const where of ['', ...LANGUAGES.map((language) => `${language}/`)]) {
        await page.goto(`${site.url}${where}`);
        const expected = await page.evaluate(() => {
          const link = document.querySelector('head > link[rel="expect"][blocking="render"]');
          return link && { href: link.getAttribute('href'), found: document.querySelector(link.getAttribute('href')) !== null };
        });
        assert.deepEqual(expected, { href: '#start', found: true }, `/${where}: the first paint waits for the start screen, which the page has`);
        // Nothing outside the start screen is larger, so once a candidate on it is reported it stays the largest.
        await page.waitForFunction(() => window.__largestPaints.includes(true));
        assert.equal(await page.evaluate(() => window.__largestPaints.at(-1)), true, `/${where}: the largest paint is on the start screen`);
      }
    } finally {
      await context.close();
    }
  }));
});

// The strict-isolation embed (Chromium): embed.html in a sandboxed iframe from another origin (a second
// port on 127.0.0.1) completes a check, resizes its frame by posting only its height, and the host page's
// resizer ignores every other message.
//
//   node --test tests/browser/widget-embed.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, watchPage, foreignRequests, SITE_DIR } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { USUAL_ANSWERS } from './checker-page.mjs';
import { widgetDriver } from './widget-support.mjs';
import { walkToResult } from './walker.mjs';

// The snippet's sandbox: scripts; forms (Next is a form's submit, which goes nowhere: form-action 'none');
// leaving the frame only for links the person follows (booking page, tel:).
const SANDBOX = 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-top-navigation-to-custom-protocols';

test('the sandboxed iframe embed on another origin resizes itself and completes a check', { timeout: 120_000 }, async () => {
  let widgetSite;
  let spa;
  try {
    // scripts/serve.mjs sends the header exceptions embed.html needs (docs/embedding.md; the rules of _headers):
    // any site may frame it, and its files may be read from an opaque (sandboxed) origin.
    widgetSite = await startServer({ root: SITE_DIR, port: 0 });
    const widgetBase = `${widgetSite.origin}/widget/`;
    const query = new URLSearchParams({ lang: 'en-GB', 'spa-name': 'Calm Hands', 'booking-url': 'https://calm-hands.example/book', accent: '#5b2a86' });
    spa = await startServer({
      root: SITE_DIR,
      port: 0,
      pages: {
        '/aftercare.html': {
          body:
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Aftercare</title><link rel="icon" href="data:,">' +
            `<script type="module" src="${widgetBase}embed-host.js"></script></head><body><main><h1>Aftercare</h1>` +
            `<iframe class="soreness-check-frame" src="${widgetBase}embed.html?${query}" title="Soreness check" width="100%" height="150" sandbox="${SANDBOX}"></iframe>` +
            '</main></body></html>',
          headers: {
            'Content-Security-Policy': `default-src 'self'; script-src 'self' ${widgetSite.origin}; frame-src ${widgetSite.origin}; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'`,
          },
        },
      },
    });

    await withBrowser(async (browser) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
      const tab = await context.newPage();
      const log = await watchPage(tab);
      await tab.goto(`${spa.url}aftercare.html`);
      const frameHeight = () => tab.evaluate(() => Number(document.querySelector('iframe').height));
      await tab.waitForFunction(() => Number(document.querySelector('iframe').height) > 400, null, { timeout: 30_000 });
      const startHeight = await frameHeight();

      const frame = tab.frames().find((f) => f.url().includes('/widget/embed.html'));
      assert.equal(await frame.evaluate(() => origin), 'null', 'the embed runs in an opaque origin: the host cannot reach into it');
      assert.equal(await tab.evaluate(() => { try { return document.querySelector('iframe').contentDocument; } catch { return 'blocked'; } }), null);

      const widget = await widgetDriver(tab, { frame, realMouse: false });
      const { asked, disposition } = await walkToResult(widget, { ...USUAL_ANSWERS, hours_since_massage: { days: 2 } });
      assert.deepEqual(asked, Object.keys(USUAL_ANSWERS));
      assert.equal(disposition, 'contact_therapist');
      assert.equal(await widget.attribute('.contact a[target="_blank"]', 'href'), 'https://calm-hands.example/book');
      assert.equal(await widget.style('button.primary', 'backgroundColor'), 'rgb(91, 42, 134)', 'the accent from the query string');
      await tab.waitForFunction((before) => Number(document.querySelector('iframe').height) !== before, startHeight);
      const resultHeight = await frameHeight();
      const contentHeight = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      assert.equal(resultHeight, contentHeight, 'the frame is as tall as the result');

      // Only a well-formed message from that frame's own window changes its height.
      const { isHeightMessage } = await tab.evaluate(async (url) => {
        const module = await import(url);
        const shapes = [
          { type: 'soreness-check:height', height: 500 },
          { type: 'soreness-check:height', height: 500, answers: {} },
          { type: 'soreness-check:height', height: '500' },
          { type: 'soreness-check:height', height: 0 },
          { type: 'soreness-check:height', height: 1e9 },
          { type: 'other', height: 500 },
          null,
          'soreness-check:height',
        ];
        return { isHeightMessage: shapes.map((shape) => module.isHeightMessage(shape)) };
      }, `${widgetBase}embed-host.js`);
      assert.deepEqual(isHeightMessage, [true, false, false, false, false, false, false, false]);
      // Messages arrive in the order they were posted: once a second one has arrived, the page has handled the first.
      await tab.evaluate(() => new Promise((resolve) => {
        window.addEventListener('message', (event) => event.data === 'handled' && resolve());
        window.postMessage({ type: 'soreness-check:height', height: 42 }, '*');
        window.postMessage('handled', '*');
      }));
      assert.equal(await frameHeight(), resultHeight, 'a message from another window is ignored');

      assert.deepEqual(
        { consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, cspViolations: log.cspViolations },
        { consoleErrors: [], pageErrors: [], cspViolations: [] },
      );
      const origins = new Set([spa.origin, widgetSite.origin]);
      assert.deepEqual(foreignRequests(log.requests, spa.origin).filter((url) => !origins.has(new URL(url).origin)), []);
      await context.close();
    });
  } finally {
    await spa?.close();
    await widgetSite?.close();
  }
});

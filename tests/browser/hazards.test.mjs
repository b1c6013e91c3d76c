// Controls from the hazard log (docs/safety/hazard-log.md) that need a browser of their own:
// H5 control 3 (another site cannot frame the page) and H7 control 4 (the result shows the time it used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SITE_DIR, withSitePage } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { FLOWS, runFlow, disposition, gotoReady } from './checker-page.mjs';

const strings = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings/en.json'), 'utf8'));

test('H5: a page on another origin cannot frame the checker (frame-ancestors)', async () => {
  await withSitePage(async ({ page, site }) => {
    // A host without any policy of its own (its CSP left out), so only the checker's own header can refuse the frame.
    // The frame's load event fires for a refused frame too (on the browser's error page).
    const host = await startServer({
      root: SITE_DIR,
      port: 0,
      pages: {
        '/other-site.html': {
          body: `<!doctype html><title>other site</title><iframe src="${site.url}en/" width="400" height="400" onload="document.title='loaded'"></iframe>`,
          headers: { 'Content-Security-Policy': null },
        },
      },
    });
    try {
      await page.goto(`${host.url}other-site.html`);
      await page.waitForFunction(() => document.title === 'loaded');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      assert.ok(frame, 'the iframe element exists');
      const framedStart = await frame.$('#start').catch(() => null);
      assert.equal(framedStart, null, 'the checker must not render inside another site');
    } finally {
      await host.close();
    }
    // Control for the test itself: framed from its own origin, the same page renders (so the check above
    // fails when frame-ancestors stops refusing, not only when the frame cannot load at all).
    await page.goto(`${site.url}own-site.html`);
    const ownFrame = await (await page.waitForSelector('iframe')).contentFrame();
    await ownFrame.waitForSelector('body[data-ready="true"] #start', { timeout: 30_000 });
  }, { pages: { '/own-site.html': { body: '<!doctype html><title>own site</title><iframe src="/en/" width="400" height="400"></iframe>' } } });
});

test('H7: the result shows the time since the massage in the unit the person entered', async () => {
  await withSitePage(async ({ page, site }) => {
    await gotoReady(page, `${site.url}en/`);
    await runFlow(page, { ...FLOWS[0].answers, hours_since_massage: { days: 3 } });
    // 3 days is 72 hours, "about the same": not improving after 3 days, so not the usual soreness.
    assert.equal(await disposition(page), 'see_doctor');
    const row = page.locator('dl.answers .answer', { hasText: strings.questions.hours_since_massage.text });
    assert.equal(await row.locator('dd span').first().textContent(), `3 ${strings.ui.unit_days}`);
  });
});

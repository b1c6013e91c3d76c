// Controls from the hazard log (docs/safety/hazard-log.md) that need a browser of their own:
// H5 control 3 (another site cannot frame the page) and H7 control 4 (the result shows the time it used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, withSitePage } from './harness.mjs';
import { FLOWS, runFlow, disposition, gotoReady } from './checker-page.mjs';

const strings = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings/en.json'), 'utf8'));

test('H5: a page on another origin cannot frame the checker (frame-ancestors)', async () => {
  await withSitePage(async ({ page, site }) => {
    // A host without any policy of its own, so only the checker's own header can refuse the frame.
    const host = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      // The frame's load event fires for a refused frame too (on the browser's error page).
      response.end(`<!doctype html><title>other site</title><iframe src="${site.url}en/" width="400" height="400" onload="document.title='loaded'"></iframe>`);
    });
    await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://127.0.0.1:${host.address().port}/`);
      await page.waitForFunction(() => document.title === 'loaded');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      assert.ok(frame, 'the iframe element exists');
      const framedStart = await frame.$('#start').catch(() => null);
      assert.equal(framedStart, null, 'the checker must not render inside another site');
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
    // Control for the test itself: the same page frames fine from its own origin.
    await gotoReady(page, site.url);
  });
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

// Degrading safely (issue 8): when the WebAssembly is corrupted or blocked, the page says so plainly and
// still shows the emergency signs and the basic advice as static text — never a blank screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, withSitePage } from './harness.mjs';

const strings = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings/en.json'), 'utf8'));

for (const [name, breakWasm] of [
  ['a corrupted download', (route) => route.fulfill({ contentType: 'application/wasm', body: Buffer.from('this is not WebAssembly') })],
  ['a blocked download', (route) => route.abort()],
]) {
  test(`with ${name} of the WebAssembly the page still gives the emergency signs and the basic advice`, async () => {
    await withSitePage(async ({ page, site }) => {
      await page.route('**/soreness-core.wasm', breakWasm);
      await page.goto(`${site.url}en/`);
      await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, strings.ui.load_failed);
      assert.equal(await page.isVisible('#start .emergency'), true);
      const signs = await page.locator('#start .sign').allTextContents();
      assert.ok(signs.includes(strings.questions.danger_signs.options.chest_pain));
      assert.equal(await page.isVisible('#basic-advice'), true);
      const advice = await page.locator('#basic-advice li').allTextContents();
      assert.equal(advice[0], strings.advice.call_emergency_now);
      assert.ok(advice.includes(strings.advice.drink_water));
      assert.ok(advice.includes(strings.advice.worse_seek_help_sooner));
      assert.equal(await page.getAttribute('body', 'data-ready'), null);
      // No worker: page.route cannot see a service worker's own fetches.
    }, { contextOptions: { serviceWorkers: 'block' } });
  });
}

test('while the WebAssembly works, the fallback advice stays hidden', async () => {
  await withSitePage(async ({ page, site }) => {
    await page.goto(`${site.url}en/`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.isVisible('#basic-advice'), false);
  });
});

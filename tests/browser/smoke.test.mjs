// Smoke test: the built site loads its WebAssembly core under the strict CSP,
// and chest pain is assessed as an emergency.
//
//   node --test tests/browser/            (serves build/site)
//   SITE_DIR=/some/dir node --test tests/browser/

import test from 'node:test';
import assert from 'node:assert/strict';
import { withSitePage, foreignRequests } from './harness.mjs';

test('chest pain leads to the emergency disposition, cleanly', { timeout: 120_000 }, async () => {
  await withSitePage(async ({ page, site, log }) => {
    const response = await page.goto(site.url, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, 'index page should load');

    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });

    await page.click('#start button[data-option="chest_pain"]');

    const result = page.locator('article.result');
    await result.waitFor({ state: 'attached', timeout: 10_000 });
    // Wait for an assessment to appear, then compare it exactly.
    await page.waitForFunction(
      () => Boolean(document.querySelector('article.result')?.getAttribute('data-disposition')),
      null,
      { timeout: 10_000 },
    );
    assert.equal(await result.getAttribute('data-disposition'), 'emergency');

    // The core is really loaded from the site (not stubbed out).
    assert.ok(
      log.requests.some((u) => new URL(u).pathname.endsWith('/soreness-core.wasm')),
      `soreness-core.wasm was never requested; requests:\n${log.requests.join('\n')}`,
    );

    // One comparison, so a failure shows every kind of problem at once.
    assert.deepEqual(
      {
        consoleErrors: log.consoleErrors,
        pageErrors: log.pageErrors,
        cspViolations: log.cspViolations,
        failedRequests: log.failedRequests,
        foreignRequests: foreignRequests(log.requests, site.origin),
      },
      { consoleErrors: [], pageErrors: [], cspViolations: [], failedRequests: [], foreignRequests: [] },
      `the page must run cleanly under the CSP and request only ${site.origin}`,
    );
  });
});

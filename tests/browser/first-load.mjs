// What a fresh load fetches and how many bytes of gzip that is, as the byte budgets count it (tests/budgets.json):
// the same-origin files of one load in Chromium (no service worker, empty cache), each gzipped alone at level 9.
// Used by the budget tests and by scripts/benchmark.mjs, so that both count the same bytes.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { REPO_ROOT } from './harness.mjs';

/** The byte budgets: { page_first_load_gzip_bytes, widget_first_load_gzip_bytes }. */
export const BYTE_BUDGETS = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/budgets.json'), 'utf8'));

export function sizesOf(file) {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * Same-origin paths a fresh page load fetches (no service worker, empty cache, the page's workers included), until
 * `ready(page, fetched)` resolves and the network is idle. `fetched(test)` resolves once the paths so far pass `test`.
 */
export async function firstLoadPaths(browser, url, ready) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const paths = new Set();
    const origin = new URL(url).origin;
    const waiting = [];
    page.on('requestfinished', (request) => {
      const requested = new URL(request.url());
      if (requested.origin === origin) paths.add(decodeURIComponent(requested.pathname));
      for (const wait of waiting) if (wait.test([...paths])) wait.resolve();
    });
    const fetched = (test) => new Promise((resolve) => (test([...paths]) ? resolve() : waiting.push({ test, resolve })));
    await page.goto(url);
    await ready(page, fetched);
    await page.waitForLoadState('networkidle');
    return [...paths];
  } finally {
    await context.close();
  }
}

/** The files of the site folder behind those paths, with their sizes, and the total. */
export function bytesOfPaths(site, paths) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const files = [];
  for (const urlPath of paths) {
    let file = path.join(site, urlPath);
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    const size = sizesOf(file);
    files.push({ path: urlPath, ...size });
    for (const key of Object.keys(total)) total[key] += size[key];
  }
  return { total, files };
}

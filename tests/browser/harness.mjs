// Helpers for browser tests run with Node's built-in test runner (`node --test`).
//
// - launchBrowser()/withBrowser(): Debian's Chromium through playwright-core
//   (no downloaded browser); CHROMIUM_PATH overrides /usr/bin/chromium.
// - withSite(): serves build/site (or $SITE_DIR) with scripts/serve.mjs on a
//   random loopback port, with the production security headers (strict CSP).
// - recordPage(), collectCspViolations(), watchPage(): what a page requested
//   and what went wrong in it.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The site under test: $SITE_DIR (resolved against the cwd) or <repo>/build/site. */
export const SITE_DIR = process.env.SITE_DIR
  ? path.resolve(process.env.SITE_DIR)
  : path.join(REPO_ROOT, 'build', 'site');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--no-proxy-server',
  // The browser itself must make no outside look-ups: every host but the
  // loopback address fails to resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
]);

/** Launch Debian's Chromium. The caller must close it (use try/finally, or withBrowser). */
export async function launchBrowser({ args = [], ...options } = {}) {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}; run scripts/setup.sh (Debian package "chromium") or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    timeout: 60_000,
    ...options,
    executablePath,
    args: [...CHROMIUM_ARGS, ...args],
  });
}

/** Run fn(browser) and always close the browser afterwards. */
export async function withBrowser(fn, options) {
  const browser = await launchBrowser(options);
  try {
    return await fn(browser);
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * Serve the site directory on a random loopback port for the duration of fn, with a test's own
 * `pages` (scripts/serve.mjs). fn receives { url, origin, port, root }.
 */
export async function withSite(fn, { root = SITE_DIR, pages } = {}) {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`site directory ${root} not found: build the site first (or set SITE_DIR)`);
  }
  const server = await startServer({ root, port: 0, host: '127.0.0.1', pages });
  try {
    return await fn({ url: server.url, origin: server.origin, port: server.port, root });
  } finally {
    await server.close();
  }
}

/**
 * Record, from now on, every request URL of the page's browser context (pages,
 * workers, service workers), failed requests, console errors and uncaught page
 * errors. Attach before navigating.
 */
export function recordPage(page) {
  const log = {
    requests: [],
    failedRequests: [],
    consoleErrors: [],
    pageErrors: [],
  };
  const context = page.context();
  context.on('request', (request) => log.requests.push(request.url()));
  context.on('requestfailed', (request) =>
    log.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  );
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      log.consoleErrors.push(loc?.url ? `${msg.text()} (${loc.url}:${loc.lineNumber})` : msg.text());
    }
  });
  page.on('pageerror', (error) => log.pageErrors.push(String(error?.stack || error)));
  return log;
}

/**
 * Collect Content-Security-Policy violations: console messages that mention
 * "Content Security Policy" and `securitypolicyviolation` events (reported by
 * an init script through an exposed binding, so they survive navigations).
 * Must be awaited before navigating. Returns a live array.
 */
export async function collectCspViolations(page) {
  const violations = [];
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) {
      violations.push({ source: 'console', type: msg.type(), text: msg.text() });
    }
  });
  await page.exposeBinding('__reportCspViolation', (_source, violation) => {
    violations.push({ source: 'event', ...violation });
  });
  await page.addInitScript(() => {
    const report = (e) => {
      try {
        window.__reportCspViolation({
          directive: e.effectiveDirective || e.violatedDirective,
          blockedURI: e.blockedURI,
          documentURI: e.documentURI,
          sourceFile: e.sourceFile,
          line: e.lineNumber,
          sample: e.sample,
          disposition: e.disposition,
        });
      } catch {
        /* binding unavailable: the console message still reports it */
      }
    };
    // Capture phase on window sees events from the document and its elements.
    window.addEventListener('securitypolicyviolation', report, true);
  });
  return violations;
}

/** recordPage + collectCspViolations in one call. Await before navigating. */
export async function watchPage(page) {
  const log = recordPage(page);
  log.cspViolations = await collectCspViolations(page);
  return log;
}

/** Requests that left the given origin (data: and blob: URLs are local and allowed). */
export function foreignRequests(urls, origin) {
  return urls.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
}

/** Run fn({ browser, context, page, site, log }) with a fresh watched page on the served site. */
export async function withSitePage(fn, { contextOptions, siteRoot, pages } = {}) {
  return withSite(
    (site) =>
      withBrowser(async (browser) => {
        const context = await browser.newContext({ serviceWorkers: 'allow', ...contextOptions });
        try {
          const page = await context.newPage();
          const log = await watchPage(page);
          return await fn({ browser, context, page, site, log });
        } finally {
          await context.close().catch(() => {});
        }
      }),
    { root: siteRoot ?? SITE_DIR, pages },
  );
}

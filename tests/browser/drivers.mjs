// One small driver interface over the three browser engines, so the same flows run in each:
// Chromium (playwright-core), Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKit
// (WebKitWebDriver under xvfb-run, driven by selenium-webdriver).
//
//   const engine = ENGINES.webkit;        // { name, missing, launch() }
//   const browser = await engine.launch(); // { newDriver(), close() }
//   const driver = await browser.newDriver();
//
// A driver acts as a person would, with the engine's own input events:
//   open(url), reload(), click(selector), type(selector, text), press(key: 'Tab'|'Space'|'Enter'|'ArrowDown'),
//   read(selector, attribute) (an attribute, 'text' or a '.property' of the first match, null when none),
//   focused(selector), evaluate(fn, arg) (fn runs in the page with one JSON argument and returns a JSON
//   value), close(). walker.mjs walks a check through any driver; driverForPage(page) makes one of a
//   Playwright page of a test, and widget-support.mjs's widgetDriver offers click, type, read and focused
//   inside a widget's closed shadow root.
// Selectors are looked up in the test root: the document, or the shadow root a widget host page hands to
// tests (`window.__testRoot()`, see WIDGET_TEST_ROOT_SCRIPT), so the closed widget is reachable too.

import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, before, after } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser, CHROMIUM_PATH, SITE_DIR } from './harness.mjs';

const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const XVFB_RUN_PATH = '/usr/bin/xvfb-run';
const PHONE = { width: 390, height: 844 };

/**
 * Served before the widget's module on a test host page: keeps the shadow roots the page attaches, so a
 * driver can look inside the widget's closed one (a host page could do the same: docs/embedding.md).
 */
export const WIDGET_TEST_ROOT_SCRIPT = `const roots = [];
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function keepShadowRoot(init) {
  const root = attachShadow.call(this, init);
  roots.push(root);
  return root;
};
window.__testRoot = () => roots[0];
`;

// Runs in the page: the element a selector names in the test root, scrolled into view.
function findInTestRoot(selector) {
  const root = window.__testRoot?.() ?? document;
  const element = root.querySelector(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  element.scrollIntoView({ block: 'center' });
  return element;
}

// Runs in the page: empties a field, with the event a person's deleting would fire.
function clearField(selector) {
  const root = window.__testRoot?.() ?? document;
  const field = root.querySelector(selector);
  if (!field) throw new Error(`nothing matches ${selector}`);
  field.value = '';
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.focus();
}

// Runs in the page: an attribute ('text' for the text, '.name' for a property) of the first match in the test root, or null.
function readInTestRoot([selector, attribute]) {
  const root = window.__testRoot?.() ?? document;
  const node = root.querySelector(selector);
  if (!node) return null;
  if (attribute === 'text') return node.textContent;
  return attribute.startsWith('.') ? node[attribute.slice(1)] ?? null : node.getAttribute(attribute);
}

// Runs in the page: whether the focused element (in the test root) matches the selector.
function focusedInTestRoot(selector) {
  const root = window.__testRoot?.() ?? document;
  return root.activeElement?.matches(selector) ?? false;
}

/** Polls condition() (async, may throw while the page changes) until it is true. Waits for a state, never a delay. */
export async function waitFor(condition, { timeout = 30_000, what = String(condition), onTimeout = async () => '' } = {}) {
  const end = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) {
      const state = await onTimeout().catch(() => '');
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (${lastError.message})` : ''}${state ? `; ${state}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A driver over a Playwright or puppeteer page (their element handles agree; keys maps key names they don't). */
function pageDriver(page, close, keys = {}) {
  return {
    read: (selector, attribute = 'text') => page.evaluate(readInTestRoot, [selector, attribute]),
    focused: (selector) => page.evaluate(focusedInTestRoot, selector),
    open: (url) => page.goto(url),
    reload: () => page.reload(),
    async click(selector) {
      const handle = await page.evaluateHandle(findInTestRoot, selector);
      try {
        await handle.click();
      } finally {
        await handle.dispose();
      }
    },
    async type(selector, text) {
      await page.evaluate(clearField, selector);
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(keys[key] ?? key),
    evaluate: (fn, arg = null) => page.evaluate(fn, arg),
    close,
  };
}

/** A driver over a Playwright page a test already has (it closes the page itself). */
export const driverForPage = (page) => pageDriver(page, async () => {});

async function launchChromium() {
  const browser = await launchBrowser();
  return {
    async newDriver() {
      const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
      return pageDriver(await context.newPage(), () => context.close().catch(() => {}));
    },
    close: () => browser.close().catch(() => {}),
  };
}

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, protocolTimeout: 60_000 });
  return {
    async newDriver() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(PHONE);
      // Over WebDriver BiDi the space bar is the key ' '.
      return pageDriver(page, () => context.close().catch(() => {}), { Space: ' ' });
    },
    close: () => browser.close().catch(() => {}),
  };
}

// WebKitGTK's driver now and then never answers a new-session request (seen once in CI, after dozens of
// sessions that started in about a second). A session is asked for this long, this many times, each time
// from a new driver and display: the hang is the driver's, and only the session's start is retried, never
// anything a test checks.
const WEBKIT_SESSION_TIMEOUT_MS = 60_000;
const WEBKIT_SESSION_ATTEMPTS = 3;

/** WebKitWebDriver on a free port under its own xvfb-run: { url, outputTail(), stop() }. */
async function startWebKitDriver() {
  const port = await freePort();
  // Its own process group, so the display server and the driver stop together.
  const server = spawn(XVFB_RUN_PATH, ['-a', '-s', '-screen 0 1280x900x24', WEBKIT_DRIVER_PATH, `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The last lines it printed, for a failure's message.
  const lines = [];
  const keep = (chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    lines.splice(0, lines.length - 12);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const driverService = {
    url: `http://127.0.0.1:${port}`,
    outputTail: () => (lines.length ? `WebKitWebDriver printed: ${lines.join(' | ')}` : 'WebKitWebDriver printed nothing'),
    stop() {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
  try {
    await waitFor(async () => (await fetch(`${driverService.url}/status`)).ok, { what: 'WebKitWebDriver to listen' });
  } catch (error) {
    driverService.stop();
    throw error;
  }
  return driverService;
}

/** A new session of the driver, or an error when it has not started within the time limit. */
async function startWebKitSession(Builder, driverService) {
  const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { args: ['--automation'] } };
  const starting = new Builder().usingServer(driverService.url).withCapabilities(capabilities).build();
  // Session creation can hang: never wait for it without a limit.
  let timer;
  try {
    return await Promise.race([
      starting,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`WebKit session did not start within ${WEBKIT_SESSION_TIMEOUT_MS / 1000} s`)), WEBKIT_SESSION_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    // Should the abandoned request still succeed, end its session.
    starting.then((late) => late.quit()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function launchWebKit() {
  const { Builder, Key } = await import('selenium-webdriver');
  const keys = { Tab: Key.TAB, Space: Key.SPACE, Enter: Key.ENTER, ArrowDown: Key.ARROW_DOWN };
  let driverService = await startWebKitDriver();
  const sessions = new Set();

  async function newSession() {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await startWebKitSession(Builder, driverService);
      } catch (error) {
        const why = `${error.message} (attempt ${attempt} of ${WEBKIT_SESSION_ATTEMPTS}); ${driverService.outputTail()}`;
        if (attempt === WEBKIT_SESSION_ATTEMPTS) throw new Error(why);
        process.stderr.write(`${why}; starting a new WebKitWebDriver\n`);
        // The old driver's sessions end with it.
        sessions.clear();
        driverService.stop();
        driverService = await startWebKitDriver();
      }
    }
  }

  return {
    async newDriver() {
      const driver = await newSession();
      sessions.add(driver);
      await driver.manage().setTimeouts({ pageLoad: 60_000, script: 30_000 });
      await driver.manage().window().setRect({ width: PHONE.width, height: PHONE.height });
      const run = (fn, arg) => driver.executeScript(`return (${fn}).apply(null, arguments)`, arg);
      return {
        open: (url) => driver.get(url),
        reload: () => driver.navigate().refresh(),
        click: async (selector) => (await run(findInTestRoot, selector)).click(),
        async type(selector, text) {
          await run(clearField, selector);
          await driver.actions().sendKeys(text).perform();
        },
        press: (key) => driver.actions().sendKeys(keys[key] ?? key).perform(),
        evaluate: (fn, arg = null) => run(fn, arg),
        read: (selector, attribute = 'text') => run(readInTestRoot, [selector, attribute]),
        focused: (selector) => run(focusedInTestRoot, selector),
        async close() {
          sessions.delete(driver);
          await driver.quit().catch(() => {});
        },
      };
    },
    async close() {
      await Promise.all([...sessions].map((driver) => driver.quit().catch(() => {})));
      driverService.stop();
    },
  };
}

/** The engines, each with why it cannot run here (false when it can). */
export const ENGINES = {
  chromium: {
    name: 'Chromium',
    missing: !existsSync(CHROMIUM_PATH) && `Chromium not found at ${CHROMIUM_PATH}: run scripts/setup.sh`,
    launch: launchChromium,
  },
  firefox: {
    name: 'Firefox ESR',
    missing: !existsSync(FIREFOX_PATH) && `Firefox not found at ${FIREFOX_PATH}: run scripts/setup.sh (Debian package firefox-esr) or set FIREFOX_PATH`,
    launch: launchFirefox,
  },
  webkit: {
    name: 'WebKit',
    missing:
      !(existsSync(WEBKIT_DRIVER_PATH) && existsSync(XVFB_RUN_PATH)) &&
      'WebKitWebDriver or xvfb-run not found: run scripts/setup.sh (Debian packages webkit2gtk-driver, xvfb, xauth)',
    launch: launchWebKit,
  },
};

/**
 * The same tests in every engine: one describe() per engine, skipped (saying why) when its browser is not
 * installed, with the built site served and the engine's browser launched around its tests.
 * define(env) declares them: env.site is the served site ({ url, origin, ... }) once the tests run, and
 * env.withDriver(fn) runs fn(driver) on a fresh page (a new context or session), closed afterwards.
 */
export function describeEngines(define, { timeout }) {
  for (const engine of Object.values(ENGINES)) {
    describe(engine.name, { skip: engine.missing, timeout }, () => {
      let browser;
      let site;
      before(async () => {
        site = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1' });
        browser = await engine.launch();
      });
      after(async () => {
        await browser?.close();
        await site?.close();
      });
      define({
        get site() {
          return site;
        },
        async withDriver(fn) {
          const driver = await browser.newDriver();
          try {
            await fn(driver);
          } finally {
            await driver.close();
          }
        },
      });
    });
  }
}

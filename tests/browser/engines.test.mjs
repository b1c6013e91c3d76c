// One complete check (start to result) and the emergency shortcut in Firefox ESR (puppeteer-core over
// WebDriver BiDi) and in WebKit (WebKitWebDriver under xvfb-run, driven by selenium-webdriver).
// Each is skipped, saying why, only when its browser is not installed (scripts/setup.sh installs them).
//
//   node --test tests/browser/engines.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { withSite } from './harness.mjs';
import { USUAL_ANSWERS } from './checker-page.mjs';

const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const XVFB_RUN_PATH = '/usr/bin/xvfb-run';

/**
 * Start to result through every question, then the emergency shortcut, with a minimal driver:
 * { open(url), click(selector), type(selector, text), read(selector, attribute|'text'), waitFor(fn) }.
 */
async function completeCheck(driver, url) {
  const question = () => driver.read('form.question', 'data-question');
  // The core answers from a worker: each move ends when the checker is no longer marked busy.
  const settled = () => driver.waitFor(async () => (await driver.read('#main', 'aria-busy')) === null);
  await driver.open(`${url}en/`);
  await driver.waitFor(async () => (await driver.read('body', 'data-ready')) === 'true');
  await driver.click('#start button.begin');
  await settled();
  const asked = [];
  for (let id = await question(); id; id = await question()) {
    asked.push(id);
    if (id === 'hours_since_massage') await driver.type('#hours_since_massage-amount', String(USUAL_ANSWERS[id]));
    else for (const value of [].concat(USUAL_ANSWERS[id])) await driver.click(`label[for="${id}-${value}"]`);
    await driver.click('form.question button[type="submit"]');
    await driver.waitFor(async () => (await question()) !== id);
    await settled();
  }
  assert.deepEqual(asked, Object.keys(USUAL_ANSWERS));
  await driver.waitFor(async () => (await driver.read('article.result', 'data-disposition')) !== null);
  assert.equal(await driver.read('article.result', 'data-disposition'), 'self_care');
  assert.equal(await driver.read('article.result h1', 'text'), 'Self-care at home');
  assert.equal(await driver.read('.timeline-plot .here', 'class'), 'here', 'the timeline marks where the person is');

  await driver.open(`${url}de/`);
  await driver.waitFor(async () => (await driver.read('body', 'data-ready')) === 'true');
  await driver.click('#start button[data-option="chest_pain"]');
  await driver.waitFor(async () => (await driver.read('article.result', 'data-disposition')) !== null);
  assert.equal(await driver.read('article.result', 'data-disposition'), 'emergency');
  assert.equal(await driver.read('article.result h1', 'text'), 'Notfall');
}

async function poll(condition, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${condition}`);
}

test('Firefox ESR: a complete check and the emergency shortcut', {
  timeout: 180_000,
  skip: !existsSync(FIREFOX_PATH) && `Firefox not found at ${FIREFOX_PATH}: run scripts/setup.sh (Debian package firefox-esr) or set FIREFOX_PATH`,
}, async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  await withSite(async (site) => {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, protocolTimeout: 60_000 });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 390, height: 844 });
      const problems = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(message.text());
      });
      await completeCheck(
        {
          open: (url) => page.goto(url),
          click: (selector) => page.click(selector),
          type: (selector, text) => page.type(selector, text),
          read: (selector, attribute) =>
            page.evaluate((s, a) => {
              const node = document.querySelector(s);
              return node ? (a === 'text' ? node.textContent : node.getAttribute(a)) : null;
            }, selector, attribute),
          waitFor: poll,
        },
        site.url,
      );
      assert.deepEqual(problems, [], 'no errors and no CSP reports in Firefox');
    } finally {
      await browser.close().catch(() => {});
    }
  });
});

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

test('WebKit: a complete check and the emergency shortcut', {
  timeout: 240_000,
  skip:
    !(existsSync(WEBKIT_DRIVER_PATH) && existsSync(XVFB_RUN_PATH)) &&
    `WebKitWebDriver or xvfb-run not found: run scripts/setup.sh (Debian packages webkit2gtk-driver, xvfb, xauth)`,
}, async () => {
  const { Builder, By } = await import('selenium-webdriver');
  const port = await freePort();
  // Its own process group, so the display server and the driver stop together.
  const server = spawn(XVFB_RUN_PATH, ['-a', '-s', '-screen 0 1280x800x24', WEBKIT_DRIVER_PATH, `--port=${port}`], {
    detached: true,
    stdio: 'ignore',
  });
  let driver;
  try {
    await poll(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/status`)).ok;
      } catch {
        return false;
      }
    }, 30_000);
    const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { args: ['--automation'] } };
    // Session creation hangs without a display: never wait for it without a limit.
    driver = await Promise.race([
      new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('WebKit session did not start within 60 s')), 60_000)),
    ]);
    await driver.manage().setTimeouts({ pageLoad: 60_000, script: 30_000 });
    await withSite((site) =>
      completeCheck(
        {
          open: (url) => driver.get(url),
          click: async (selector) => (await driver.findElement(By.css(selector))).click(),
          type: async (selector, text) => (await driver.findElement(By.css(selector))).sendKeys(text),
          read: (selector, attribute) =>
            driver.executeScript(
              (s, a) => {
                const node = document.querySelector(s);
                return node ? (a === 'text' ? node.textContent : node.getAttribute(a)) : null;
              },
              selector,
              attribute,
            ),
          waitFor: poll,
        },
        site.url,
      ),
    );
  } finally {
    await driver?.quit().catch(() => {});
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
});

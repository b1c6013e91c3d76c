// Shared steps for the <soreness-check> widget tests: a small server for host pages and the built site
// (with the production security headers, plus the header exceptions an embed needs), and a driver that
// works inside the widget's closed shadow root through the DevTools protocol, as a person would: it
// finds elements, scrolls to them and clicks or types.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MIME_TYPES, SECURITY_HEADERS } from '../../scripts/serve.mjs';
import { SITE_DIR } from './harness.mjs';
import { USUAL_ANSWERS } from './checker-page.mjs';

export const STRICT_CSP = SECURITY_HEADERS['Content-Security-Policy'];

/**
 * Serves `pages` ({'/path': {body, type?, headers?}}) and, for every other path, the files of `root`.
 * headersFor(pathname) gives extra or replacing headers for a site file. Resolves to {url, origin, close}.
 */
export async function startHost({ pages = {}, root = SITE_DIR, headersFor = () => ({}) } = {}) {
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const page = pages[pathname];
    if (page) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': page.type ?? 'text/html; charset=utf-8', ...page.headers });
      res.end(page.body);
      return;
    }
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root) || pathname.includes('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream',
        ...headersFor(pathname),
      });
      res.end(body);
    } catch {
      res.writeHead(404, SECURITY_HEADERS).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Drives the index-th <soreness-check> of a page or frame through its closed shadow root.
 * Methods: click(selector), type(selector, text), select(selector, value), value(selector), text(selector),
 * attribute(selector, name), count(selector), waitFor(async () => boolean).
 */
export async function widgetDriver(page, { index = 0, frame = null, realMouse = true } = {}) {
  // An out-of-process frame has its own DevTools session; a frame in the page's process is reached through the page's.
  const cdp = await page.context().newCDPSession(frame ?? page).catch(() => page.context().newCDPSession(page));
  const shadowRoot = async () => {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hosts = [];
    const walk = (node) => {
      if (node.localName === 'soreness-check' && node.shadowRoots?.length) hosts.push(node.shadowRoots[0]);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(child);
    };
    walk(root);
    if (!hosts[index]) throw new Error(`no <soreness-check> number ${index} with a shadow root`);
    return hosts[index];
  };
  const all = async (selector) => {
    const rootNode = await shadowRoot();
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: rootNode.nodeId, selector });
    return nodeIds;
  };
  const one = async (selector) => {
    const [nodeId] = await all(selector);
    if (!nodeId) throw new Error(`nothing matches ${selector} in the widget`);
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    return { nodeId, objectId: object.objectId };
  };
  const call = async (selector, functionDeclaration, args = []) => {
    const { objectId } = await one(selector);
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`${selector}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  const driver = {
    async click(selector) {
      await call(selector, 'function () { this.scrollIntoView({ block: "center" }); }');
      if (realMouse && !frame) {
        const { nodeId } = await one(selector);
        const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
        const [x1, y1, , , x3, y3] = model.border;
        await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
      } else {
        await call(selector, 'function () { this.click(); }');
      }
    },
    async type(selector, text) {
      await call(selector, 'function () { this.focus(); this.select?.(); }');
      await page.keyboard.type(text);
    },
    /** Picks an option of a <select> as a person's choice does: the value changes, then input and change fire. */
    select: (selector, value) =>
      call(selector, 'function (v) { this.focus(); this.value = v; for (const type of ["input", "change"]) this.dispatchEvent(new Event(type, { bubbles: true })); return this.value; }', [value]),
    /** The value of a form field. */
    value: (selector) => call(selector, 'function () { return this.value; }'),
    text: (selector) => call(selector, 'function () { return this.textContent; }'),
    attribute: (selector, name) => call(selector, 'function (name) { return this.getAttribute(name); }', [name]),
    style: (selector, property) => call(selector, 'function (p) { return getComputedStyle(this)[p]; }', [property]),
    count: async (selector) => (await all(selector)).length,
    async waitFor(condition, timeout = 20_000) {
      const end = Date.now() + timeout;
      for (;;) {
        try {
          if (await condition()) return;
        } catch {
          // not there yet
        }
        if (Date.now() > end) throw new Error(`timed out waiting for ${condition}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
  return driver;
}

const question = (driver) => driver.attribute('form.question', 'data-question').catch(() => null);

/** Start to result through every question the widget asks; returns {asked, disposition}. */
export async function completeWidgetCheck(driver, answers = USUAL_ANSWERS) {
  await driver.waitFor(async () => (await driver.count('button.begin')) === 1);
  await driver.click('button.begin');
  const asked = [];
  await driver.waitFor(async () => (await question(driver)) !== null);
  for (let id = await question(driver); id; id = await question(driver)) {
    asked.push(id);
    if (asked.length > 20) throw new Error(`the questions never end: ${asked.join(', ')}`);
    const value = answers[id];
    if (id === 'hours_since_massage') {
      const days = typeof value === 'object';
      await driver.click(`label[for="hours_since_massage-unit-${days ? 'days' : 'hours'}"]`);
      await driver.type('#hours_since_massage-amount', String(days ? value.days : value));
    } else {
      for (const option of [].concat(value)) await driver.click(`label[for="${id}-${option}"]`);
    }
    await driver.click('form.question button[type="submit"]');
    await driver.waitFor(async () => (await question(driver)) !== id);
  }
  await driver.waitFor(async () => (await driver.count('article.result')) === 1);
  return { asked, disposition: await driver.attribute('article.result', 'data-disposition') };
}

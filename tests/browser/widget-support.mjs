// Shared steps for the <soreness-check> widget tests: a driver that works inside the widget's closed
// shadow root through the DevTools protocol, as a person would: it finds elements, scrolls to them and
// clicks or types. Host pages are served by scripts/serve.mjs (startServer with `pages`).

/**
 * Drives the index-th <soreness-check> of a page or frame through its closed shadow root: a driver of
 * drivers.mjs's interface for walker.mjs (click, type, read, focused), and more for the widget tests:
 * select(selector, value), value(selector), text(selector), attribute(selector, name), count(selector),
 * waitFor(async () => boolean).
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
    /** An attribute, 'text' or a '.property' of the first match; null when nothing matches. */
    async read(selector, attribute = 'text') {
      if ((await all(selector)).length === 0) return null;
      return call(selector, 'function (a) { if (a === "text") return this.textContent; return a.startsWith(".") ? this[a.slice(1)] ?? null : this.getAttribute(a); }', [attribute]);
    },
    focused: async (selector) => {
      if ((await all(selector)).length === 0) return false;
      return call(selector, 'function () { return this.getRootNode().activeElement === this; }');
    },
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


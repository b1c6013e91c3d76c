// The configurator (configure.html) in Chromium: it says what is wrong with what a spa owner types,
// and the snippet it makes, pasted into a blank page, renders the widget as configured.
//
//   node --test tests/browser/configurator.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { withBrowser, watchPage, REPO_ROOT, SITE_DIR } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { widgetDriver } from './widget-support.mjs';

const es = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings/es.json'), 'utf8'));

test('the configurator checks what is typed and its snippet renders the configured widget on a blank page', { timeout: 120_000 }, async () => {
  let blankBody = '';
  // A spa's blank page: no CSP of its own but inline styles allowed (the snippet has a <style> line).
  const site = await startServer({
    root: SITE_DIR,
    port: 0,
    pages: {
      '/blank.html': {
        get body() {
          return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title><link rel="icon" href="data:,"></head><body>${blankBody}</body></html>`;
        },
        headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:" },
      },
    },
  });
  try {
    await withBrowser(async (browser) => {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-GB' });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
      const tab = await context.newPage();
      const log = await watchPage(tab);
      await tab.goto(`${site.url}configure.html`);
      await tab.waitForSelector('body[data-ready="true"]');

      const errorOf = (name) => tab.textContent(`#${name}-error`);
      await tab.fill('#spa-phone', 'call us');
      await tab.fill('#spa-email', 'hello@spa');
      await tab.fill('#booking-url', 'www.calm-hands.example/book');
      await tab.fill('#accent', 'green');
      await tab.fill('#emergency-number', '1-1-2');
      assert.equal(await errorOf('spa-phone'), 'Enter a phone number with 5 to 15 digits; you may use spaces, brackets, dashes and a + at the start, like +44 20 7946 0000.');
      assert.equal(await errorOf('spa-email'), 'Enter an e-mail address like hello@yourspa.com.');
      assert.equal(await errorOf('booking-url'), 'Enter the full address of your booking page, starting with https://');
      assert.equal(await errorOf('accent'), 'Enter a colour as # and six hexadecimal digits, like #0d6b5e.');
      assert.equal(await errorOf('emergency-number'), 'Enter the emergency number as 2 to 6 digits, like 112, 999 or 911.');
      assert.equal(await tab.getAttribute('#spa-phone', 'aria-invalid'), 'true');
      assert.equal(await tab.isDisabled('#copy'), true);
      assert.equal(await tab.inputValue('#snippet'), '');
      await tab.fill('#accent', '#dddddd');
      assert.equal(await errorOf('accent-text'), 'The text on buttons would be hard to read: the contrast is 1.4:1 and needs to be at least 4.5:1. Pick a lighter or darker colour.');

      await tab.selectOption('#lang', 'es');
      await tab.selectOption('#region', 'MX');
      await tab.fill('#emergency-number', '');
      await tab.selectOption('#region', 'US');
      await tab.selectOption('#region', 'MX');
      assert.equal(await tab.inputValue('#emergency-number'), '911', 'the region\'s number fills in');
      // The regions and their numbers are the knowledge base's help lines (issue 13).
      assert.equal(await tab.textContent('#region option[value="AT"]'), 'Austria (144)');
      assert.equal(await tab.textContent('#region option[value=""]'), 'Other (112)');
      await tab.selectOption('#region', 'CO');
      assert.equal(await tab.inputValue('#emergency-number'), '123');
      await tab.selectOption('#region', 'MX');
      assert.equal(await tab.inputValue('#emergency-number'), '911');
      await tab.fill('#spa-name', 'Manos "Tranquilas" <Spa>');
      await tab.fill('#spa-phone', '+52 55 1234 5678');
      await tab.fill('#spa-email', 'hola@manos.example');
      await tab.fill('#booking-url', 'https://manos.example/reservar');
      await tab.fill('#accent', '#5b2a86');
      for (const name of ['spa-phone', 'spa-email', 'booking-url', 'accent', 'accent-text', 'emergency-number']) assert.equal(await tab.isHidden(`#${name}-error`), true, name);
      const snippet = await tab.inputValue('#snippet');
      assert.equal(
        snippet,
        [
          `<script type="module" src="${site.url}widget/soreness-check.js"></script>`,
          '<style>soreness-check { --soreness-accent: #5b2a86; --soreness-accent-text: #ffffff; --soreness-bg: #f6f7f5; }</style>',
          '<soreness-check lang="es-MX" spa-name="Manos &quot;Tranquilas&quot; &lt;Spa>" spa-phone="+52 55 1234 5678" spa-email="hola@manos.example" booking-url="https://manos.example/reservar" emergency-number="911"></soreness-check>',
        ].join('\n'),
      );
      await tab.click('#copy');
      assert.equal(await tab.evaluate(() => navigator.clipboard.readText()), snippet);
      assert.equal(await tab.textContent('#snippet-status'), 'Copied. Paste it into your page where the check should appear.');

      const preview = await widgetDriver(tab);
      await preview.waitFor(async () => (await preview.text('h1')) === es.ui.title);

      await tab.check('input[name="style"][value="iframe"]');
      const frameSnippet = await tab.inputValue('#snippet');
      assert.match(frameSnippet, /^<iframe class="soreness-check-frame" src=".*\/widget\/embed\.html\?lang=es-MX&amp;spa-name=Manos\+%22Tranquilas%22\+%3CSpa%3E&amp;/);
      assert.match(frameSnippet, /sandbox="allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-top-navigation-to-custom-protocols allow-downloads" allow="clipboard-write; web-share"/);
      assert.match(frameSnippet, /<script type="module" src=".*\/widget\/embed-host\.js"><\/script>$/);
      await tab.waitForSelector('#preview iframe');

      // Pasted into a blank page: the configured widget.
      blankBody = snippet;
      const blank = await context.newPage();
      const blankLog = await watchPage(blank);
      await blank.goto(`${site.url}blank.html`);
      const widget = await widgetDriver(blank);
      await widget.waitFor(async () => (await widget.count('button.begin')) === 1);
      assert.equal(await widget.text('h1'), es.ui.title);
      assert.equal(await widget.style('button.begin', 'backgroundColor'), 'rgb(91, 42, 134)');
      await widget.click('button[data-option="chest_pain"]');
      await widget.waitFor(async () => (await widget.count('.call-button')) === 1);
      assert.equal(await widget.text('.call-button'), 'Llama ya al 911');
      for (const found of [log, blankLog]) {
        assert.deepEqual({ consoleErrors: found.consoleErrors, pageErrors: found.pageErrors, cspViolations: found.cspViolations }, { consoleErrors: [], pageErrors: [], cspViolations: [] });
      }
      await context.close();
    });
  } finally {
    await site.close();
  }
});

test('the configurator makes an aftercare link (issue 16): it names the field to fix, its QR code reads back as the link, and the link fills in the check', { timeout: 120_000 }, async () => {
  const { decodeQR } = await import('qr/decode.js');
  const en = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings/en.json'), 'utf8'));
  const site = await startServer({ root: SITE_DIR, port: 0 });
  try {
    await withBrowser(async (browser) => {
      // A spa in Berlin: the session's offset is this computer's for that date.
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
      const tab = await context.newPage();
      const log = await watchPage(tab);
      await tab.goto(`${site.url}configure.html`);
      await tab.waitForSelector('body[data-ready="true"]');
      const errorOf = async (name) => ((await tab.isHidden(`#${name}-error`)) ? '' : tab.textContent(`#${name}-error`));

      // The kinds of massage are the knowledge base's question's, in the core's order.
      const offered = await tab.$$eval('#link-massage option', (options) => options.map((o) => [o.value, o.textContent]));
      assert.deepEqual(offered.slice(1), Object.entries(en.questions.massage_type.options));
      assert.equal(await tab.inputValue('#link-page'), site.url, 'the checker\'s page by default');
      assert.equal(await errorOf('link-massage'), 'Choose the kind of massage, or enter the date and time of the session, so that the link fills something in.');
      assert.equal(await tab.isDisabled('#copy-link'), true);
      assert.equal(await tab.inputValue('#link'), '');
      assert.equal(await tab.locator('#qr svg').count(), 0);

      await tab.fill('#link-page', 'calmhands.example/aftercare');
      assert.equal(await errorOf('link-page'), 'Enter the full address of the page with the check, starting with https://');
      await tab.fill('#link-page', '');
      assert.equal(await errorOf('link-page'), 'Enter the address of the page with the check, starting with https://');
      await tab.fill('#link-session', '2020-06-01T10:00');
      assert.equal(await errorOf('link-session'), 'The session was more than 90 days ago, and the check would not use it. Enter a later date.');
      assert.equal(await tab.getAttribute('#link-session', 'aria-invalid'), 'true');
      assert.equal(await tab.isDisabled('#copy-link'), true);

      // A session three hours and 20 minutes ago by the browser's clock, typed as the spa's local time.
      const local = await tab.evaluate(() => {
        const d = new Date(Date.now() - 200 * 60_000);
        const two = (n) => String(n).padStart(2, '0');
        return { value: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`, offset: -d.getTimezoneOffset() };
      });
      const offset = `${local.offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(local.offset) / 60)).padStart(2, '0')}:${String(Math.abs(local.offset) % 60).padStart(2, '0')}`;
      assert.match(offset, /^\+0[12]:00$/, 'Berlin is an hour or two ahead of UTC');
      await tab.fill('#link-page', site.url);
      await tab.fill('#link-session', local.value);
      await tab.selectOption('#link-massage', 'deep_tissue');
      await tab.selectOption('#link-lang', 'de');
      for (const name of ['link-page', 'link-massage', 'link-session']) assert.equal(await errorOf(name), '', name);
      const link = await tab.inputValue('#link');
      // The checker's own page in the chosen language.
      assert.equal(link, `${site.url}de/#sc-massage=deep_tissue&sc-session=${local.value}${offset}&sc-lang=de`);
      await tab.click('#copy-link');
      assert.equal(await tab.evaluate(() => navigator.clipboard.readText()), link);
      assert.equal(await tab.textContent('#link-status'), 'Copied. Paste it into your message to the client.');

      // The QR code, drawn as a printer would, reads back as the link (decoded by the library's own reader).
      const svg = await tab.$eval('#qr svg', (element) => new XMLSerializer().serializeToString(element));
      assert.equal(await tab.getAttribute('#qr-download', 'download'), 'aftercare-qr-code.svg');
      const paper = await context.newPage();
      const image = await paper.evaluate(async (markup) => {
        const img = new Image();
        img.src = `data:image/svg+xml;base64,${btoa(markup)}`;
        await img.decode();
        const canvas = Object.assign(document.createElement('canvas'), { width: 400, height: 400 });
        const drawing = canvas.getContext('2d');
        drawing.imageSmoothingEnabled = false;
        drawing.drawImage(img, 0, 0, 400, 400);
        return [...drawing.getImageData(0, 0, 400, 400).data];
      }, svg);
      assert.equal(decodeQR({ width: 400, height: 400, data: new Uint8Array(image) }), link);

      // A page keeps its own fragment before ours.
      await tab.fill('#link-page', `${site.url}spa.html#top`);
      assert.equal(await tab.inputValue('#link'), `${site.url}spa.html#top&sc-massage=deep_tissue&sc-session=${local.value}${offset}&sc-lang=de`);
      await tab.fill('#link-page', site.url);

      // The link opens the check in German with the answers filled in.
      const client = await context.newPage();
      await client.goto(link);
      await client.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      assert.equal(client.url(), `${site.url}de/`);
      await client.click('#start button.begin');
      await client.click('label[for="passed_signs-none"]');
      await client.click('form.question button[type="submit"]');
      await client.waitForSelector('form.question[data-question="hours_since_massage"]');
      assert.equal(await client.inputValue('#hours_since_massage-amount'), '3');
      assert.deepEqual({ consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, cspViolations: log.cspViolations }, { consoleErrors: [], pageErrors: [], cspViolations: [] });
      await context.close();
    });
  } finally {
    await site.close();
  }
});

// Issue 13: emergency and urgent results give tap-to-call links for the person's country, on the page
// and in the widget: the numbers come from the knowledge base's help lines, the calls a result offers
// from the core's result, and the person can pick another country (Chromium).
//
//   node --test tests/browser/help-lines.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, watchPage, foreignRequests, SITE_DIR } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { FLOWS, gotoReady, runFlow, axeViolations } from './checker-page.mjs';
import { widgetDriver } from './widget-support.mjs';
import { walkToResult } from './walker.mjs';

const URGENT_ANSWERS = FLOWS.find((flow) => flow.disposition === 'urgent').answers;

let browser;
let site;
let host;
before(async () => {
  site = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1' });
  const widgets = (tags) =>
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A spa</title><link rel="icon" href="data:,">' +
    `<script type="module" src="/widget/soreness-check.js"></script></head><body><main>${tags}</main></body></html>`;
  host = await startServer({
    root: SITE_DIR,
    port: 0,
    pages: {
      '/gb.html': { body: widgets('<soreness-check lang="en-GB"></soreness-check>') },
      '/de.html': { body: widgets('<soreness-check lang="de-DE"></soreness-check>') },
      '/co.html': { body: widgets('<soreness-check lang="es-CO"></soreness-check>') },
      '/spa-number.html': { body: widgets('<soreness-check lang="en-GB" emergency-number="112"></soreness-check>') },
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close().catch(() => {});
  await site?.close();
  await host?.close();
});

/** A fresh phone-sized page in a browser set to `locale`; afterwards it must have run cleanly and stored nothing. */
async function withPage(fn, { locale, origin }) {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const log = await watchPage(page);
    await fn(page);
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
    assert.deepEqual(stored, { local: 0, session: 0, cookies: '' }, 'the chosen country is not stored');
    assert.deepEqual(
      { consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, cspViolations: log.cspViolations, foreign: foreignRequests(log.requests, origin) },
      { consoleErrors: [], pageErrors: [], cspViolations: [], foreign: [] },
    );
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- The page -------------------------------------------------------------------------------------------

/** The result's call links, in order, as [call, href, text]. */
const pageCalls = (page) => page.$$eval('article.result .call-button', (links) => links.map((a) => [a.dataset.call, a.getAttribute('href'), a.textContent]));

async function pageEmergency(page, language) {
  await gotoReady(page, `${site.url}${language}/`);
  await page.click('#start button[data-option="chest_pain"]');
  await page.waitForSelector('article.result[data-disposition="emergency"]');
}

async function pageUrgent(page, language) {
  await gotoReady(page, `${site.url}${language}/`);
  await runFlow(page, URGENT_ANSWERS);
  await page.waitForSelector('article.result[data-disposition="urgent"]');
}

/** Picks a country in the result's select and waits until the links show its numbers. */
async function pagePick(page, country, firstHref) {
  await page.selectOption('#call-country', country);
  await page.waitForSelector(`article.result .call-button[href="${firstHref}"]`);
}

test('page, en-GB: 999 on an emergency; NHS 111 first and 999 if worse on an urgent result; another country changes them', async () => {
  await withPage(async (page) => {
    await pageEmergency(page, 'en');
    assert.deepEqual(await pageCalls(page), [['emergency', 'tel:999', 'Call 999 now']]);
    assert.equal(await page.evaluate(() => document.querySelector('article.result .verdict').nextElementSibling.matches('.calls')), true,
      'the call comes first, straight after the verdict');
    assert.equal(await page.inputValue('#call-country'), 'GB');
    assert.equal(await page.getByLabel('Calling from').evaluate((select) => select.selectedOptions[0].textContent), 'United Kingdom');
    await pagePick(page, 'DE', 'tel:112');
    assert.deepEqual(await pageCalls(page), [['emergency', 'tel:112', 'Call 112 now']]);

    await pageUrgent(page, 'en');
    assert.deepEqual(await pageCalls(page), [
      ['non_emergency', 'tel:111', 'Call NHS 111 for help today'],
      ['emergency_if_worse', 'tel:999', 'If it gets worse fast, call 999'],
    ]);
    assert.deepEqual(await axeViolations(page), []);
    await pagePick(page, 'AU', 'tel:1800022222');
    assert.deepEqual(await pageCalls(page), [
      ['non_emergency', 'tel:1800022222', 'Call healthdirect (1800 022 222) for help today'],
      ['emergency_if_worse', 'tel:000', 'If it gets worse fast, call 000'],
    ]);
    // A screen reader hears the new numbers.
    await page.waitForFunction(() => document.getElementById('announce').textContent.includes('1800 022 222'));
    await pagePick(page, 'US', 'tel:911');
    assert.deepEqual(await pageCalls(page), [['emergency_if_worse', 'tel:911', 'If it gets worse fast, call 911']], 'no advice line where the country has none');
    await pagePick(page, '', 'tel:112');
    assert.equal(await page.evaluate(() => document.querySelector('#call-country').selectedOptions[0].textContent), 'Another country (112)');
    assert.deepEqual(await pageCalls(page), [['emergency_if_worse', 'tel:112', 'If it gets worse fast, call 112']]);
  }, { locale: 'en-GB', origin: site.url.replace(/\/$/, '') });
});

test('page, de-DE: 112 on an emergency; 116 117 and 112 on an urgent result', async () => {
  await withPage(async (page) => {
    await pageEmergency(page, 'de');
    assert.deepEqual(await pageCalls(page), [['emergency', 'tel:112', 'Jetzt 112 anrufen']]);
    await pageUrgent(page, 'de');
    assert.deepEqual(await pageCalls(page), [
      ['non_emergency', 'tel:116117', 'Heute Hilfe holen: 116 117 anrufen'],
      ['emergency_if_worse', 'tel:112', 'Wenn es schnell schlimmer wird: 112 anrufen'],
    ]);
    assert.equal(await page.getByLabel('Land, aus dem Sie anrufen').evaluate((select) => select.selectedOptions[0].textContent), 'Deutschland');
    await pagePick(page, 'AT', 'tel:1450');
    assert.deepEqual(await pageCalls(page), [
      ['non_emergency', 'tel:1450', 'Heute Hilfe holen: 1450 anrufen'],
      ['emergency_if_worse', 'tel:144', 'Wenn es schnell schlimmer wird: 144 anrufen'],
    ]);
  }, { locale: 'de-DE', origin: site.url.replace(/\/$/, '') });
});

test('page, es-CO: 123; the country can be changed with the keyboard', async () => {
  await withPage(async (page) => {
    await pageEmergency(page, 'es');
    assert.deepEqual(await pageCalls(page), [['emergency', 'tel:123', 'Llama ya al 123']]);
    await pageUrgent(page, 'es');
    assert.deepEqual(await pageCalls(page), [['emergency_if_worse', 'tel:123', 'Si empeora deprisa, llama al 123']]);
    // Tab from the last call link reaches the select; typing a country's name picks it.
    await page.focus('article.result .call-button');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'call-country');
    await page.keyboard.type('Españ');
    await page.waitForSelector('article.result .call-button[href="tel:112"]');
    assert.equal(await page.inputValue('#call-country'), 'ES');
    assert.deepEqual(await pageCalls(page), [['emergency_if_worse', 'tel:112', 'Si empeora deprisa, llama al 112']]);
  }, { locale: 'es-CO', origin: site.url.replace(/\/$/, '') });
});

// ---- The widget -----------------------------------------------------------------------------------------

/** The widget's call links, in order, as [call, href, text]. */
async function widgetCalls(widget) {
  const calls = [];
  const count = await widget.count('.call-button');
  for (let i = 1; i <= count; i += 1) {
    const link = `.call-buttons > .call-button:nth-child(${i})`;
    calls.push([await widget.attribute(link, 'data-call'), await widget.attribute(link, 'href'), await widget.text(link)]);
  }
  return calls;
}

/** The widget's emergency result, then Start again and the urgent one; checks(kind) runs on each. */
async function widgetResults(widget, checks) {
  await widget.waitFor(async () => (await widget.count('button.begin')) === 1);
  await widget.click('button[data-option="chest_pain"]');
  await widget.waitFor(async () => (await widget.attribute('article.result', 'data-disposition')) === 'emergency');
  await checks('emergency');
  await widget.click('.actions button.primary');
  const { disposition } = await walkToResult(widget, URGENT_ANSWERS);
  assert.equal(disposition, 'urgent');
  await checks('urgent');
}

/** Picks a country in the widget's result and waits until the first link shows its number. */
async function widgetPick(widget, country, firstHref) {
  assert.equal(await widget.select('#call-country', country), country);
  await widget.waitFor(async () => (await widget.attribute('.call-button', 'href')) === firstHref);
}

test('widget, lang="en-GB": 999 and NHS 111; another country changes them', async () => {
  await withPage(async (page) => {
    await page.goto(`${host.url}gb.html`);
    const widget = await widgetDriver(page);
    await widgetResults(widget, async (kind) => {
      if (kind === 'emergency') {
        assert.deepEqual(await widgetCalls(widget), [['emergency', 'tel:999', 'Call 999 now']]);
        assert.equal(await widget.value('#call-country'), 'GB');
        await widgetPick(widget, 'NZ', 'tel:111');
        assert.deepEqual(await widgetCalls(widget), [['emergency', 'tel:111', 'Call 111 now']]);
        return;
      }
      // The country picked stays picked for the next result of the same widget.
      assert.equal(await widget.value('#call-country'), 'NZ');
      assert.deepEqual(await widgetCalls(widget), [
        ['non_emergency', 'tel:0800611116', 'Call Healthline (0800 611 116) for help today'],
        ['emergency_if_worse', 'tel:111', 'If it gets worse fast, call 111'],
      ]);
      await widgetPick(widget, 'GB', 'tel:111');
      assert.deepEqual(await widgetCalls(widget), [
        ['non_emergency', 'tel:111', 'Call NHS 111 for help today'],
        ['emergency_if_worse', 'tel:999', 'If it gets worse fast, call 999'],
      ]);
    });
  }, { locale: 'en-US', origin: host.origin });
});

test('widget, lang="de-DE": 112 and 116 117', async () => {
  await withPage(async (page) => {
    await page.goto(`${host.url}de.html`);
    const widget = await widgetDriver(page);
    await widgetResults(widget, async (kind) => {
      if (kind === 'emergency') {
        assert.deepEqual(await widgetCalls(widget), [['emergency', 'tel:112', 'Jetzt 112 anrufen']]);
        return;
      }
      assert.deepEqual(await widgetCalls(widget), [
        ['non_emergency', 'tel:116117', 'Heute Hilfe holen: 116 117 anrufen'],
        ['emergency_if_worse', 'tel:112', 'Wenn es schnell schlimmer wird: 112 anrufen'],
      ]);
      await widgetPick(widget, 'CH', 'tel:144');
      assert.deepEqual(await widgetCalls(widget), [['emergency_if_worse', 'tel:144', 'Wenn es schnell schlimmer wird: 144 anrufen']]);
    });
  }, { locale: 'en-US', origin: host.origin });
});

test('widget, lang="es-CO": 123', async () => {
  await withPage(async (page) => {
    await page.goto(`${host.url}co.html`);
    const widget = await widgetDriver(page);
    await widgetResults(widget, async (kind) => {
      if (kind === 'emergency') {
        assert.deepEqual(await widgetCalls(widget), [['emergency', 'tel:123', 'Llama ya al 123']]);
        await widgetPick(widget, 'MX', 'tel:911');
        await widgetPick(widget, 'CO', 'tel:123');
        return;
      }
      assert.deepEqual(await widgetCalls(widget), [['emergency_if_worse', 'tel:123', 'Si empeora deprisa, llama al 123']]);
    });
  }, { locale: 'en-US', origin: host.origin });
});

test('widget: a spa\'s emergency-number wins until the person picks a country', async () => {
  await withPage(async (page) => {
    await page.goto(`${host.url}spa-number.html`);
    const widget = await widgetDriver(page);
    await widget.waitFor(async () => (await widget.count('button.begin')) === 1);
    await widget.click('button[data-option="chest_pain"]');
    await widget.waitFor(async () => (await widget.count('.call-button')) === 1);
    assert.deepEqual(await widgetCalls(widget), [['emergency', 'tel:112', 'Call 112 now']]);
    assert.equal(await widget.value('#call-country'), 'GB');
    await widgetPick(widget, 'GB', 'tel:999');
    assert.deepEqual(await widgetCalls(widget), [['emergency', 'tel:999', 'Call 999 now']]);
  }, { locale: 'en-US', origin: host.origin });
});

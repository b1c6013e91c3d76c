// The same flows in Chromium, Firefox ESR and WebKit, through one driver (drivers.mjs): every flow to
// every kind of result in every language, the emergency shortcut, the whole check by keyboard alone,
// a reload with the server gone (the installed app, offline) and a complete check in the widget.
// An engine is skipped, saying why, only when its browser is not installed (scripts/setup.sh installs them).
//
//   node --test tests/browser/engines.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { REPO_ROOT, SITE_DIR } from './harness.mjs';
import { LANGUAGES, FLOWS, USUAL_ANSWERS } from './checker-page.mjs';
import { describeEngines, WIDGET_TEST_ROOT_SCRIPT, waitFor } from './drivers.mjs';
import { read, focusedIs, openReady, walkCheck, walkFromLink, sessionText } from './walker.mjs';

const strings = Object.fromEntries(
  LANGUAGES.map((l) => [l, JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${l}.json`), 'utf8'))]),
);

/** Asserts the result on screen is the given disposition, in the given language's words. */
async function assertResult(driver, language, disposition) {
  assert.equal(await read(driver, 'article.result', 'data-disposition'), disposition);
  assert.equal(await read(driver, 'article.result h1'), strings[language].dispositions[disposition].label);
  assert.equal(await read(driver, 'article.result .headline'), strings[language].dispositions[disposition].headline);
}

describeEngines((env) => {
  const { withDriver } = env;

  for (const language of LANGUAGES) {
    test(`${language}: every flow ends in its result`, async () => {
      await withDriver(async (driver) => {
        for (const flow of FLOWS) {
          await openReady(driver, `${env.site.url}${language}/`);
          assert.equal(await read(driver, 'html', 'lang'), language);
          const asked = await walkCheck(driver, flow.answers);
          assert.deepEqual(asked, Object.keys(flow.answers), `${flow.name}: every question that applies, in the core's order`);
          await assertResult(driver, language, flow.disposition);
          if (flow.disposition === 'self_care') {
            assert.equal(await read(driver, '.timeline-plot .here', 'class'), 'here', 'the timeline marks where the person is');
          }
        }
      });
    });

    test(`${language}: a warning sign on the start screen goes straight to the emergency result`, async () => {
      await withDriver(async (driver) => {
        await openReady(driver, `${env.site.url}${language}/`);
        await driver.click('#start button[data-option="short_breath"]');
        await waitFor(async () => (await read(driver, 'article.result', 'data-disposition')) !== null, { what: 'the result' });
        await assertResult(driver, language, 'emergency');
        assert.equal(await read(driver, '.advice li'), strings[language].advice.call_emergency_now, 'calling for help comes first');
        assert.equal(await read(driver, '.timeline-plot'), null, 'no soreness curve on an emergency');
        await waitFor(() => focusedIs(driver, 'article.result h1'), { what: 'focus on the result heading' });
      });
    });
  }

  test('en: the whole check by keyboard alone, focus on each new screen\'s heading', async () => {
    await withDriver(async (driver) => {
      await openReady(driver, `${env.site.url}en/`);
      const asked = await walkCheck(driver, USUAL_ANSWERS, { keyboard: true });
      assert.deepEqual(asked, Object.keys(USUAL_ANSWERS));
      await assertResult(driver, 'en', 'self_care');
      assert.ok(await focusedIs(driver, 'article.result h1'), 'focus is on the result heading');
    });
  });

  test('offline: with the server gone, the installed app reloads and completes a check', async () => {
    // A server of its own: stopping it must not stop the other tests' site (its origin differs, so
    // the service worker it installs serves no other test).
    let offlineSite = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1' });
    try {
      await withDriver(async (driver) => {
        await openReady(driver, `${offlineSite.url}de/`);
        await waitFor(() => driver.evaluate(() => navigator.serviceWorker.controller !== null), { what: 'the service worker to take control' });
        await offlineSite.close();
        offlineSite = null;
        await driver.reload();
        await waitFor(async () => (await read(driver, 'body', 'data-ready')) === 'true', { what: 'the app to start offline' });
        assert.equal(await read(driver, 'html', 'lang'), 'de');
        assert.ok(await driver.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker served the page');
        await walkCheck(driver, USUAL_ANSWERS);
        await assertResult(driver, 'de', 'self_care');
      });
    } finally {
      await offlineSite?.close();
    }
  });

  test('issue 16: an aftercare link fills in the massage and the hours, and leaves the address and history at once', async () => {
    await withDriver(async (driver) => {
      await openReady(driver, `${env.site.url}en/`);
      const before = await driver.evaluate(() => history.length);
      // 50 hours and 20 minutes before this machine's clock, which the browser shares.
      const session = sessionText(Date.now() - (50 * 60 + 20) * 60_000, -180);
      await openReady(driver, `${env.site.url}es/#sc-session=${session}&sc-massage=cupping_scraping&sc-lang=es`);
      assert.deepEqual(await driver.evaluate(() => [location.href, history.length]), [`${env.site.url}es/`, before + 1], 'one entry for the navigation, none added, no fragment');
      const shown = await walkFromLink(driver, USUAL_ANSWERS);
      assert.deepEqual(shown, {
        hours_since_massage: { value: '50', note: strings.es.ui.from_spa },
        massage_type: { value: 'cupping_scraping', note: strings.es.ui.from_spa },
      });
      assert.equal(await read(driver, '.answers .answer:nth-child(4) dd span'), strings.es.questions.massage_type.options.cupping_scraping);
      // A session in the future: that question is simply asked.
      await openReady(driver, `${env.site.url}en/#sc-session=${sessionText(Date.now() + 3 * 3_600_000, 0)}&sc-massage=sports`);
      assert.deepEqual(await walkFromLink(driver, USUAL_ANSWERS, { toResult: false }), {
        hours_since_massage: { value: null, note: null },
        massage_type: { value: 'sports', note: strings.en.ui.from_spa },
      });
      assert.equal(await driver.evaluate(() => location.href), `${env.site.url}en/`);
    });
  });

  test('the widget on a spa\'s page: a complete check inside its closed shadow root', async () => {
    const host = await startServer({
      root: SITE_DIR,
      port: 0,
      pages: {
        '/': {
          body: '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Un spa</title><link rel="icon" href="data:,">' +
            '<script src="/test-root.js"></script><script type="module" src="/widget/soreness-check.js"></script></head>' +
            '<body><main><h1>Un spa</h1><soreness-check lang="es" spa-name="Spa Sol"></soreness-check></main></body></html>',
        },
        '/test-root.js': { body: WIDGET_TEST_ROOT_SCRIPT, type: 'text/javascript' },
      },
    });
    try {
      await withDriver(async (driver) => {
        await driver.open(host.url);
        await waitFor(async () => (await read(driver, '#start button.begin', 'class')) !== null, { what: 'the widget\'s start screen' });
        const asked = await walkCheck(driver, FLOWS[1].answers);
        assert.deepEqual(asked, Object.keys(FLOWS[1].answers));
        await assertResult(driver, 'es', FLOWS[1].disposition);
        assert.equal(await driver.evaluate(() => document.querySelector('soreness-check').shadowRoot), null, 'the shadow root stays closed');
      });
    } finally {
      await host.close();
    }
  });
}, { timeout: 900_000 });

// The checker page in Chromium: complete flows to every kind of result in every language, with axe-core
// on every screen, plus the start screen without WebAssembly, languages, privacy and layout checks.
// Screenshots (390x844, light and dark) go to test-results/screenshots/.
//
//   node --test tests/browser/flows.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { watchPage, foreignRequests, REPO_ROOT } from './harness.mjs';
import {
  LANGUAGES, FLOWS, USUAL_ANSWERS, gotoReady, runFlow, answer, answerPassedSigns, currentQuestion, disposition, axeViolations, screenshot, servedSite,
} from './checker-page.mjs';

const strings = Object.fromEntries(
  LANGUAGES.map((l) => [l, JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${l}.json`), 'utf8'))]),
);

const served = servedSite();

/** A fresh phone-sized page; fn gets { page, log }. Afterwards the page must have run cleanly. */
async function withPage(fn, { locale = 'en-US', colorScheme = 'light', viewport = { width: 390, height: 844 }, failingCore = false, ...options } = {}) {
  const context = await served.browser.newContext({ locale, colorScheme, viewport, ...options });
  try {
    const page = await context.newPage();
    const log = await watchPage(page);
    await fn({ page, log });
    // With the core's download cut off, its failure is logged on purpose.
    if (failingCore) log.consoleErrors = log.consoleErrors.filter((e) => !/soreness-core\.wasm|wasm|abort|Failed to fetch/i.test(e));
    assert.deepEqual(
      { consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, cspViolations: log.cspViolations, foreign: foreignRequests(log.requests, served.site.url.replace(/\/$/, '')) },
      { consoleErrors: [], pageErrors: [], cspViolations: [], foreign: [] },
    );
  } finally {
    await context.close().catch(() => {});
  }
}

/** Checks a screen with axe and records its violations under its name. */
function axeOnEveryScreen(page, found, label) {
  return async (screen) => {
    for (const violation of await axeViolations(page)) found.push(`${label} ${screen}: ${violation}`);
  };
}

for (const language of LANGUAGES) {
  const texts = strings[language];

  for (const flow of FLOWS) {
    test(`${language}: ${flow.name} flow ends in "${flow.disposition}", with axe clean`, async () => {
      await withPage(async ({ page }) => {
        await gotoReady(page, `${served.site.url}${language}/`);
        assert.equal(await page.getAttribute('html', 'lang'), language);
        const violations = [];
        // Every question screen is checked in the English self-care flow (and again in dark mode below);
        // the other flows differ only in their result screens (each language's start screen: see below).
        const everyScreen = language === 'en' && flow.disposition === 'self_care';
        const check = axeOnEveryScreen(page, violations, `${language} ${flow.name}`);
        const asked = await runFlow(page, flow.answers, async (screen) => {
          if (everyScreen || screen === 'result') await check(screen);
        });
        assert.deepEqual(asked, Object.keys(flow.answers), 'the page asks every question that applies, in the core\'s order');
        assert.equal(await disposition(page), flow.disposition);
        assert.equal(await page.textContent('article.result h1'), texts.dispositions[flow.disposition].label);
        assert.equal(await page.textContent('article.result .headline'), texts.dispositions[flow.disposition].headline);
        assert.deepEqual(violations, []);
      }, { locale: language });
    });
  }

  test(`${language}: a warning sign on the start screen goes straight to the emergency result`, async () => {
    await withPage(async ({ page }) => {
      await gotoReady(page, `${served.site.url}${language}/`);
      assert.deepEqual(await axeViolations(page), [], 'the start screen');
      await page.click('#start button[data-option="short_breath"]');
      await page.waitForSelector('article.result');
      assert.equal(await disposition(page), 'emergency');
      assert.equal(await page.textContent('article.result h1'), texts.dispositions.emergency.label);
      assert.equal(await page.textContent('.advice li'), texts.advice.call_emergency_now, 'calling for help comes first');
      assert.equal(await page.textContent('.why .reasons > li > p'), texts.rules.short_breath);
      assert.equal(await page.locator('.timeline-plot').count(), 0, 'no soreness curve on an emergency');
      assert.deepEqual(await axeViolations(page), []);
      await page.waitForFunction(() => document.getElementById('announce').textContent !== '');
      assert.equal(await page.textContent('#announce'), `${texts.dispositions.emergency.label}. ${texts.dispositions.emergency.headline}`);
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the result heading');
    }, { locale: language });
  });

  test(`${language}: changing an earlier answer from the result gives a different result`, async () => {
    await withPage(async ({ page }) => {
      await gotoReady(page, `${served.site.url}${language}/`);
      await runFlow(page, USUAL_ANSWERS);
      assert.equal(await disposition(page), 'self_care');
      await page.click(`.answer:has(dt:text-is("${texts.questions.symptoms.text}")) button`);
      assert.equal(await currentQuestion(page), 'symptoms');
      assert.equal(await page.isChecked('input[name="symptoms"][value="none"]'), true, 'the earlier answer is kept');
      await answer(page, 'symptoms', ['one_leg']);
      assert.equal(await page.isChecked('input[name="symptoms"][value="none"]'), false, '"none of these" is unticked by a symptom');
      await page.click('form.question button[type="submit"]');
      // Only the changed question is asked again; then the new result.
      await page.waitForSelector('article.result');
      assert.equal(await disposition(page), 'urgent');
      assert.equal(await page.textContent('.why .reasons > li > p'), texts.rules.one_leg);
    }, { locale: language });
  });
}

test('screenshots of every screen at 390x844, light and dark, with axe clean in dark mode too', async () => {
  for (const colorScheme of ['light', 'dark']) {
    await withPage(async ({ page }) => {
      await gotoReady(page, `${served.site.url}en/`);
      const violations = [];
      await runFlow(page, { ...USUAL_ANSWERS, body_regions: ['upper_back', 'calves'], side: 'both' }, async (screen) => {
        await screenshot(page, `en-${colorScheme}-${screen}`);
        if (colorScheme === 'dark') violations.push(...(await axeViolations(page)).map((v) => `${screen}: ${v}`));
      });
      for (const [name, button] of [['emergency', 'chest_pain']]) {
        await page.click('button:text-is("Start again")');
        await page.click(`#start button[data-option="${button}"]`);
        await page.waitForSelector('article.result');
        await screenshot(page, `en-${colorScheme}-result-${name}`);
        if (colorScheme === 'dark') violations.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
      }
      assert.deepEqual(violations, []);
    }, { colorScheme });
  }
});

test('the start screen and the emergency signs show even when the WebAssembly never loads', async () => {
  await withPage(async ({ page }) => {
    await page.route('**/soreness-core.wasm', (route) => route.abort());
    await page.goto(`${served.site.url}de/`);
    await page.waitForFunction((text) => document.getElementById('status').textContent === text, strings.de.ui.load_failed);
    const signs = await page.locator('#start .sign').allTextContents();
    const danger = strings.de.questions.danger_signs.options;
    assert.deepEqual(signs, Object.entries(danger).filter(([id]) => id !== 'none').map(([, text]) => text));
    // Issue 13: who the check is for is said on the static start screen too.
    assert.ok((await page.locator('#start .facts li').allTextContents()).includes(strings.de.ui.for_adults));
    assert.equal(await page.isVisible('#start .emergency'), true);
    assert.equal(await page.getAttribute('body', 'data-ready'), null);
    // No service worker: page.route cannot see its own fetches, and once it controls the page it would fetch the wasm.
  }, { failingCore: true, serviceWorkers: 'block' });
});

test('the start screen says who the check is for (issue 13), in every language', async () => {
  for (const language of LANGUAGES) {
    await withPage(async ({ page }) => {
      await gotoReady(page, `${served.site.url}${language}/`);
      const facts = await page.locator('#start .facts li').allTextContents();
      assert.equal(facts[0], strings[language].ui.for_adults);
      assert.match(facts[0], /18/);
    });
  }
});

test('the entry page follows the browser language, and the switcher keeps the answers', async () => {
  await withPage(async ({ page }) => {
    await gotoReady(page, served.site.url);
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal(new URL(page.url()).pathname, '/es/');
    assert.equal(await page.textContent('#start-title'), strings.es.ui.title);
    await page.click('#start button.begin');
    await answerPassedSigns(page);
    await answer(page, 'hours_since_massage', { days: 2 });
    await page.click('.languages a[hreflang="de"]');
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    assert.equal(await page.textContent('form.question h1'), strings.de.questions.hours_since_massage.text);
    assert.equal(await page.inputValue('#hours_since_massage-amount'), '2');
    assert.equal(await page.isChecked('#hours_since_massage-unit-days'), true);
    assert.equal(new URL(page.url()).pathname, '/de/');
    assert.equal(await page.getAttribute('.languages a[hreflang="de"]', 'aria-current'), 'page');
  }, { locale: 'es-ES' });
});

test('answers stay in memory only: not in the URL, history, cookies or storage; Back keeps them', async () => {
  await withPage(async ({ page }) => {
    await gotoReady(page, `${served.site.url}en/`);
    await page.click('#start button.begin');
    await answerPassedSigns(page);
    await answer(page, 'hours_since_massage', 30);
    await page.click('form.question button[type="submit"]');
    await answer(page, 'massage_type', 'sports');
    await page.click('form.question button[type="submit"]');
    assert.equal(await currentQuestion(page), 'pressure');
    await page.click('form.question button:text-is("Back")');
    assert.equal(await currentQuestion(page), 'massage_type');
    assert.equal(await page.isChecked('input[name="massage_type"][value="sports"]'), true);
    await page.goBack();
    assert.equal(await currentQuestion(page), 'hours_since_massage');
    assert.equal(await page.inputValue('#hours_since_massage-amount'), '30');
    const stored = await page.evaluate(() => ({
      url: location.href,
      history: JSON.stringify(history.state),
      cookies: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    assert.equal(stored.url, `${served.site.url}en/`);
    assert.equal(stored.history, '{"screen":"hours_since_massage","depth":2}');  // after the start screen and passed_signs
    assert.deepEqual([stored.cookies, stored.local, stored.session], ['', 0, 0]);
    assert.deepEqual(await page.context().cookies(), []);
  });
});

test('the body map and the checkbox list are one control; "which side?" is asked only for legs', async () => {
  await withPage(async ({ page }) => {
    await gotoReady(page, `${served.site.url}en/`);
    await runFlow(page, { ...USUAL_ANSWERS, body_regions: ['neck'] }, async (screen) => {
      if (screen !== 'body_regions') return;
      await page.click('.body-map .region[data-region="calves"] rect >> nth=0');
      assert.equal(await page.isChecked('input[name="body_regions"][value="calves"]'), true);
      assert.equal(await page.locator('.body-map .region.chosen[data-region="calves"]').count(), 2, 'front and back');
      await page.click('.body-map .region[data-region="calves"] rect >> nth=2');
      assert.equal(await page.isChecked('input[name="body_regions"][value="calves"]'), false);
    });
    assert.equal(await page.locator('.answer dt', { hasText: strings.en.questions.side.text }).count(), 0);
    await page.click('.answer:has(dt:text-is("Where does it hurt?")) button');
    await page.click('.body-map .region[data-region="thighs"] rect >> nth=0');
    await page.click('form.question button[type="submit"]');
    assert.equal(await currentQuestion(page), 'side', 'the newly applicable question is asked');
  });
});

test('usable at 320 px wide: no sideways scrolling on any kind of screen; motion off when asked', async () => {
  await withPage(async ({ page }) => {
    await gotoReady(page, `${served.site.url}de/`);
    const wide = [];
    await runFlow(page, { ...USUAL_ANSWERS, symptoms: ['numbness'] }, async (screen) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${screen}: ${width}px`);
    });
    assert.deepEqual(wide, []);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#screen .screen')).animationName), 'none');
  }, { viewport: { width: 320, height: 640 }, reducedMotion: 'reduce', locale: 'de' });
});

// Issue 18 in Chromium: someone who is not sore finishes on self-care in every language, and every amount
// with a unit (the answers list, the printout, the reasons' evidence, the timeline) reads in the language's
// plural forms, German dative included.
//
//   node --test tests/browser/not-sore-amounts.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { watchPage, REPO_ROOT } from './harness.mjs';
import { LANGUAGES, NOT_SORE_ANSWERS, USUAL_ANSWERS, gotoReady, runFlow, answer, currentQuestion, disposition, servedSite } from './checker-page.mjs';

const strings = Object.fromEntries(
  LANGUAGES.map((l) => [l, JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${l}.json`), 'utf8'))]),
);

// Written out by hand (not made from the strings files), so that a wrong form in a file shows here.
const AMOUNTS = [
  { typed: 0, unit: 'hours', en: '0 hours', es: '0 horas', de: '0 Stunden' },
  { typed: 1, unit: 'hours', en: '1 hour', es: '1 hora', de: '1 Stunde' },
  { typed: 1.5, unit: 'hours', en: '1.5 hours', es: '1,5 horas', de: '1,5 Stunden' },
  { typed: 2, unit: 'hours', en: '2 hours', es: '2 horas', de: '2 Stunden' },
  { typed: 24, unit: 'hours', en: '24 hours', es: '24 horas', de: '24 Stunden' },
  { typed: 72, unit: 'hours', en: '72 hours', es: '72 horas', de: '72 Stunden' },
  { typed: 1, unit: 'days', en: '1 day', es: '1 día', de: '1 Tag' },
  { typed: 1.5, unit: 'days', en: '1.5 days', es: '1,5 días', de: '1,5 Tage' },
  { typed: 3, unit: 'days', en: '3 days', es: '3 días', de: '3 Tage' },
];
const SUMMARY = {
  en: 'Soreness is usually worst between 1 day and 2 days after a massage, and mostly gone by 3 days. If it is not getting better after 3 days, ask for advice.',
  es: 'El dolor suele ser más fuerte entre 1 día y 2 días después de un masaje, y casi desaparece al cabo de 3 días. Si no mejora después de 3 días, pide consejo.',
  de: 'Die Schmerzen sind meist zwischen 1 Tag und 2 Tagen nach einer Massage am stärksten und nach 3 Tagen größtenteils vorbei. Wenn es nach 3 Tagen nicht besser wird, lassen Sie sich beraten.',
};

const served = servedSite();

async function withPage(language, fn) {
  const context = await served.browser.newContext({ locale: language, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const log = await watchPage(page);
    await fn(page);
    assert.deepEqual({ consoleErrors: log.consoleErrors, pageErrors: log.pageErrors }, { consoleErrors: [], pageErrors: [] });
  } finally {
    await context.close().catch(() => {});
  }
}

/** The answer shown for a question in the result's answers list. */
const shownAnswer = (page, questionText) => page.textContent(`.answers .answer:has(dt:text-is("${questionText}")) dd span`);

for (const language of LANGUAGES) {
  const texts = strings[language];

  test(`${language}: someone who is not sore says so and finishes on self-care, with texts for them`, async () => {
    await withPage(language, async (page) => {
      await gotoReady(page, `${served.site.url}${language}/`);
      const asked = await runFlow(page, NOT_SORE_ANSWERS);
      assert.deepEqual(asked, Object.keys(NOT_SORE_ANSWERS), 'no question about the pain after pain 0; the red-flag questions are asked');
      assert.equal(await disposition(page), 'self_care');
      assert.equal(await page.textContent('article.result h1'), texts.dispositions.self_care.label);
      assert.deepEqual(await page.locator('.why .reasons > li > p').allTextContents(), [texts.rules.not_sore]);
      assert.equal(await page.locator('.more').count(), 0, 'nothing else noticed: no "answers missing"');
      const advice = await page.locator('.advice li').allTextContents();
      assert.ok(advice.includes(texts.advice.if_soreness_starts), 'what to do if soreness starts');
      assert.equal(await page.textContent('.timeline-part .phase'), texts.timeline.not_sore_yet, 'not "soreness is building"');
      assert.ok((await page.locator('.signs-list li').count()) > 0, 'the warning signs to watch for');
      const list = await page.textContent('.answers');
      assert.ok(list.includes(texts.questions.body_regions.options.none), '"Nowhere" in the answers');
      assert.ok(!list.includes(texts.ui.not_answered), 'nothing reads as not answered');
    });
  });

  test(`${language}: amounts read in the language's plural forms on the result, the printout and the timeline`, async () => {
    await withPage(language, async (page) => {
      await gotoReady(page, `${served.site.url}${language}/`);
      // Soreness getting better: three days on it is "tell your therapist" (still sore after 3 days), which
      // shows the timeline; not improving, it would be "see a doctor", which shows none (issue 13).
      await runFlow(page, { ...USUAL_ANSWERS, trend: 'better' });
      const question = texts.questions.hours_since_massage.text;
      for (const amount of AMOUNTS) {
        await page.click(`.answer:has(dt:text-is("${question}")) button`);
        assert.equal(await currentQuestion(page), 'hours_since_massage');
        await answer(page, 'hours_since_massage', amount.unit === 'days' ? { days: amount.typed } : amount.typed);
        await page.click('form.question button[type="submit"]');
        await page.waitForSelector('article.result');
        const expected = amount[language];
        assert.equal(await shownAnswer(page, question), expected, `${amount.typed} ${amount.unit} in the answers list`);
        // 72 hours or 3 days: the reasons (still sore after 3 days) show the time as their evidence.
        const hours = amount.unit === 'days' ? amount.typed * 24 : amount.typed;
        const evidence = await page.locator('.reasons .evidence strong').allTextContents();
        if (hours >= 48) assert.ok(evidence.includes(expected), `${expected} in the reasons' evidence: ${evidence.join(' | ')}`);
        assert.equal(await page.textContent('.timeline-part figcaption p:last-child'), SUMMARY[language]);
        await page.emulateMedia({ media: 'print' });
        assert.ok((await page.innerText('.answers')).includes(expected), `${expected} in the printout`);
        await page.emulateMedia({ media: 'screen' });
      }
      // The timeline's axis: whole days, in Intl's plural forms for a unit.
      const ticks = await page.locator('.timeline-plot .tick').allTextContents();
      const day = (n) => new Intl.NumberFormat(language, { style: 'unit', unit: 'day', unitDisplay: 'short' }).format(n);
      assert.deepEqual(ticks.slice(0, 4), [day(0), day(1), day(2), day(3)]);
    });
  });
}

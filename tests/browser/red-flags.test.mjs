// Issue 13 in the page, as a sore person meets it: a warning sign that came and went, the pregnancy
// signs asked only in pregnancy, one-sided leg pain with a clot risk, and a result that says only what
// fits it (no usual-soreness story, no reassuring timeline, no heat on numb skin).
//
//   node --test tests/browser/red-flags.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { watchPage, REPO_ROOT } from './harness.mjs';
import { USUAL_ANSWERS, gotoReady, runFlow, disposition, settledScreen, axeViolations, servedSite } from './checker-page.mjs';

const en = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings/en.json'), 'utf8'));

const served = servedSite();

async function check(answers, { locale = 'en-GB' } = {}) {
  const context = await served.browser.newContext({ locale, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const log = await watchPage(page);
  await gotoReady(page, `${served.site.url}en/`);
  const asked = await runFlow(page, answers);
  await settledScreen(page);
  const result = {
    asked,
    disposition: await disposition(page),
    reasons: await page.locator('article.result .reasons li').allTextContents(),
    advice: await page.locator('article.result .advice li').allTextContents(),
    timeline: await page.locator('article.result figure.timeline').count(),
    whySore: await page.locator('article.result [data-part="why-sore"], article.result .why-sore').count(),
    calls: await page.$$eval('article.result .call-button', (links) => links.map((a) => a.getAttribute('href'))),
    axe: await axeViolations(page),
  };
  assert.deepEqual({ pageErrors: log.pageErrors, consoleErrors: log.consoleErrors }, { pageErrors: [], consoleErrors: [] });
  await context.close();
  return result;
}

const reasonText = (id) => en.rules[id];
const adviceText = (id) => en.advice[id];

test('a stroke sign that came and went is an emergency, with a call button and no usual-soreness story', async () => {
  const r = await check({ ...USUAL_ANSWERS, passed_signs: ['stroke_signs'] });
  assert.equal(r.asked[0], 'passed_signs');
  assert.equal(r.disposition, 'emergency');
  assert.ok(r.reasons.some((t) => t.includes(reasonText('stroke_signs_passed'))), r.reasons.join(' | '));
  assert.deepEqual(r.calls.slice(0, 1), ['tel:999']);
  assert.equal(r.timeline, 0);
  assert.equal(r.whySore, 0);
  assert.deepEqual(r.axe, []);
});

test('a moment of light-headedness on standing that passed stays self-care', async () => {
  const r = await check({ ...USUAL_ANSWERS, passed_signs: ['light_headed'] });
  assert.equal(r.disposition, 'self_care');
  assert.ok(r.advice.includes(adviceText('stand_up_slowly')));
  assert.ok(!r.advice.includes(adviceText('epsom_bath')) && !r.advice.includes(adviceText('heat')), 'no hot bath after feeling faint');
});

test('the pregnancy signs are asked in pregnancy only, and bleeding is "today" with the maternity unit first', async () => {
  const notPregnant = await check(USUAL_ANSWERS);
  assert.ok(!notPregnant.asked.includes('pregnancy_signs'));
  const r = await check({ ...USUAL_ANSWERS, risk_factors: ['pregnancy'], pregnancy_signs: ['bleeding'] });
  assert.equal(r.asked.at(-1), 'pregnancy_signs');
  assert.equal(r.disposition, 'urgent');
  assert.equal(r.advice[0], adviceText('call_maternity'));
  assert.deepEqual(r.calls, ['tel:111', 'tel:999']);
});

test('one-sided calf pain: self-care without a clot risk, "today" with the pill, and no rubbing the leg', async () => {
  const leg = { ...USUAL_ANSWERS, body_regions: ['calves'], side: 'left' };
  const plain = await check(leg);
  assert.equal(plain.disposition, 'self_care');
  const withRisk = await check({ ...leg, risk_factors: ['hormones'] });
  assert.equal(withRisk.disposition, 'urgent');
  assert.ok(withRisk.reasons.some((t) => t.includes(reasonText('one_sided_leg_with_clot_risk'))));
  assert.ok(withRisk.advice.includes(adviceText('no_leg_massage')));
  assert.ok(!withRisk.advice.includes(adviceText('heat')));
});

test('numb skin is sent to a doctor without heat, a warm bath or the usual timeline', async () => {
  const r = await check({ ...USUAL_ANSWERS, pain_feel: ['stiff', 'dull_ache'], symptoms: ['numbness'] });
  assert.equal(r.disposition, 'see_doctor');
  for (const id of ['heat', 'epsom_bath']) assert.ok(!r.advice.includes(adviceText(id)), id);
  assert.equal(r.timeline, 0);
  assert.equal(r.whySore, 0);
});

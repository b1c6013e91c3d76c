// The JavaScript API of the WebAssembly build, as a page or widget uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkerModule, nodeChecker } from './site.mjs';
import { USUAL_ANSWERS, usualWith } from '../support/test-data.mjs';

const checker = await nodeChecker();

test('a chest-pain answer is an emergency, with its reason and the answer behind it', () => {
  const result = checker.assess({ danger_signs: ['chest_pain'] });
  assert.equal(result.disposition.id, 'emergency');
  const reason = result.reasons.find((r) => r.rule === 'chest_pain');
  assert.ok(reason, 'the chest_pain rule is among the reasons');
  assert.deepEqual(reason.answers[0].value, ['chest_pain']);
  assert.equal(result.advice[0].id, 'call_emergency_now');
});

test('the usual pattern is self-care, with a timeline placed from the hours since the massage', () => {
  const result = checker.assess(usualWith({ hours_since_massage: 30 }));
  assert.equal(result.disposition.id, 'self_care');
  assert.equal(result.complete, true);
  assert.equal(result.timeline.phase, 'peak');
  assert.equal(result.timeline.hours_until_easing, 18);
});

test('issue 16: a result about ordinary soreness says when to remind (a day after the check), the others do not', () => {
  const recheck = JSON.parse(readFileSync(new URL('../../core/knowledge/knowledge-base.json', import.meta.url), 'utf8')).timeline.recheck_after_hours;
  assert.equal(recheck, 24);
  assert.deepEqual(checker.assess(usualWith({ hours_since_massage: 30 })).reminder, { hours_from_now: recheck });
  assert.deepEqual(checker.assess(usualWith({ hours_since_massage: null })).reminder, { hours_from_now: recheck }, 'unknown: in a day');
  assert.deepEqual(checker.assess(usualWith({ hours_since_massage: 0, trend: 'worse' })).reminder, { hours_from_now: recheck }, 'worse, first day: in a day');
  assert.equal(checker.assess(usualWith({ symptoms: ['numbness'] })).reminder, null);
  assert.equal(checker.step(USUAL_ANSWERS, { assessment: true }).assessment.reminder.hours_from_now, recheck);
});

test('nextQuestions follows the core: "which side?" only once a limb is sore', () => {
  assert.ok(!checker.nextQuestions({ body_regions: ['neck'] }).ask.includes('side'));
  assert.ok(checker.nextQuestions({ body_regions: ['calves'] }).ask.includes('side'));
});

test('a C++ error becomes a CheckerError naming the field, and the module keeps working', () => {
  assert.throws(() => checker.assess({ pain_now: 11 }), (error) => {
    assert.ok(error instanceof checkerModule.CheckerError);
    assert.equal(error.code, 'answers.out_of_range');
    assert.equal(error.where, '/pain_now');
    assert.equal(error.message, '/pain_now: 11 is out of range; expected a whole number from 0 to 10 (points)');
    return true;
  });
  assert.throws(() => checker.assess(null), /^CheckerError: \/: expected an object of answers/);
  assert.equal(checker.assess(USUAL_ANSWERS).disposition.id, 'self_care');
});

test('two checkers share one module and stay independent', async () => {
  const second = await nodeChecker();
  second.close();
  assert.throws(() => second.assess({}), /no loaded knowledge base/);
  assert.equal(checker.assess({ danger_signs: ['short_breath'] }).disposition.id, 'emergency');
});

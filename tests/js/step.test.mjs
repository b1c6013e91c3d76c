// Issue 15: checker.step(), the one call a page makes per move: the core drops answers that no longer
// apply, says what to ask next, and whether the check is over (an emergency sign ends it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkerModule, nodeChecker } from './site.mjs';

const checker = await nodeChecker();

const notSore = {
  danger_signs: ['none'], passed_signs: ['none'], hours_since_massage: 2, massage_type: 'relaxation', pressure: 'comfortable',
  first_massage: 'no', body_regions: ['none'], pain_now: 0, symptoms: ['none'], risk_factors: ['none'],
};

test('step on nothing answered asks every question that applies, from the start question, and is not final', () => {
  const step = checker.step({});
  assert.equal(step.ask[0], 'danger_signs');
  assert.deepEqual(step.ask, step.applicable);
  assert.ok(!step.ask.includes('side') && !step.ask.includes('pregnancy_signs'));
  assert.deepEqual(step.answers, {});
  assert.deepEqual(step.dropped, []);
  assert.equal(step.final, false);
  assert.equal(step.assessment, null);
});

test('step drops answers that no longer apply, to a fixed point, and assesses only the rest', () => {
  const answers = { ...notSore, pain_feel: ['sharp_shooting'], trend: 'worse', side: 'left' };
  const step = checker.step(answers, { assessment: true });
  assert.deepEqual(step.dropped, ['side', 'pain_feel', 'trend']);
  assert.deepEqual(step.answers, notSore);
  assert.deepEqual(step.ask, []); // daily_impact does not apply at pain 0 either
  assert.ok(!step.applicable.includes('daily_impact'));
  assert.equal(step.final, false);
  assert.equal(step.assessment.disposition.id, 'self_care');
  assert.deepEqual(step.assessment.dropped, ['side', 'pain_feel', 'trend']);
  // assess() judges the same answers the same way
  assert.deepEqual(checker.assess(answers).trace, step.assessment.trace);
  assert.equal(checker.assess({ ...notSore, pain_now: 3, pain_feel: ['sharp_shooting'] }).disposition.id, 'contact_therapist');
});

test('an emergency sign makes the step final, with the assessment even when not asked for', () => {
  const step = checker.step({ danger_signs: ['chest_pain'] });
  assert.equal(step.final, true);
  assert.equal(step.assessment.disposition.id, 'emergency');
  assert.ok(step.ask.length > 0, 'questions would remain, but the check is over');
  const urgent = checker.step({ ...notSore, symptoms: ['dark_urine'] });
  assert.equal(urgent.final, false);
  assert.equal(urgent.assessment, null);
});

test('step reports bad answers and bad options as a CheckerError naming the field', () => {
  const fails = (call, code, where, message) => assert.throws(call, (error) => {
    assert.ok(error instanceof checkerModule.CheckerError);
    assert.equal(error.code, code);
    assert.equal(error.where, where);
    assert.equal(error.message, `${where}: ${message}`);
    return true;
  });
  fails(() => checker.step({ pain_now: 11 }), 'answers.out_of_range', '/pain_now', '11 is out of range; expected a whole number from 0 to 10 (points)');
  fails(() => checker.step({ pain_fel: ['tender'] }), 'answers.unknown_question', '/pain_fel', "unknown question 'pain_fel'");
  fails(() => checker.step([]), 'answers.wrong_type', '/', 'expected an object of answers like {"pain_now": 4}, got a list');
  fails(() => checker.step({}, { assessment: 'yes' }), 'options.wrong_type', '/assessment', 'expected true or false');
  fails(() => checker.step({}, { asessment: true }), 'options.unknown_option', '/asessment', "unknown option 'asessment'; expected 'assessment'");
  fails(() => checker.step({}, null), 'options.wrong_type', '/', 'expected options like { assessment: true }');
  assert.equal(checker.step({}, { assessment: true }).assessment.disposition.id, 'see_doctor');
});

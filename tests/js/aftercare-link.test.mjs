// Issue 16: the spa's aftercare link (web/src/aftercare-link.js). The fragment parser keeps only values of
// their own shape, the address loses our keys at once (the current history entry replaced, none added),
// the candidate answers follow the core's questions and the clock, and flow.prefill keeps only what the
// core accepts. The browser side: tests/browser/aftercare.test.mjs.
//
//   node --test tests/js/aftercare-link.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeChecker } from './site.mjs';
import {
  parseAftercareFragment, parseSessionTime, takeAftercareLink, answersFromLink, aftercareFragment, FUTURE_TOLERANCE_MS,
} from '../../web/src/aftercare-link.js';
import { initialState, createFlow } from '../../web/src/ui/flow.js';

const checker = await nodeChecker();
const questions = checker.questions();
const HOUR = 3600 * 1000;

test('a good fragment gives its three values; the session time with its offset is one instant', () => {
  const { found, link, kept } = parseAftercareFragment('sc-massage=deep_tissue&sc-session=2026-12-01T14:30+01:00&sc-lang=de');
  assert.equal(found, true);
  assert.equal(kept, '');
  assert.deepEqual(link, { massage: 'deep_tissue', session: Date.UTC(2026, 11, 1, 13, 30), lang: 'de' });
  assert.equal(parseSessionTime('2026-12-01T13:30Z'), Date.UTC(2026, 11, 1, 13, 30));
  assert.equal(parseSessionTime('2026-12-01T08:00-05:30'), Date.UTC(2026, 11, 1, 13, 30));
  // '+' percent-encoded (as some mail programs rewrite it) is the same time
  assert.equal(parseAftercareFragment('sc-session=2026-12-01T14%3A30%2B01%3A00').link.session, Date.UTC(2026, 11, 1, 13, 30));
  // the configurator's format is the parser's
  const fragment = aftercareFragment({ massage: 'sports', session: '2026-12-01T14:30+01:00', lang: 'es' });
  assert.equal(fragment, 'sc-massage=sports&sc-session=2026-12-01T14:30+01:00&sc-lang=es');
  assert.deepEqual(parseAftercareFragment(fragment).link, { massage: 'sports', session: Date.UTC(2026, 11, 1, 13, 30), lang: 'es' });
});

test('each bad value is dropped alone; the others stay', () => {
  const good = { massage: 'relaxation', session: Date.UTC(2026, 11, 1, 13, 30), lang: 'en' };
  const goodParts = { massage: 'sc-massage=relaxation', session: 'sc-session=2026-12-01T13:30Z', lang: 'sc-lang=en' };
  const table = [
    // [which value, the bad part]
    ['massage', 'sc-massage=Deep Tissue'],
    ['massage', 'sc-massage=deep-tissue'],
    ['massage', 'sc-massage='],
    ['massage', 'sc-massage'],
    ['massage', `sc-massage=${'a'.repeat(41)}`],
    ['massage', 'sc-massage=%E0%A4%A'], // broken percent-encoding
    ['massage', 'sc-massage=<script>'],
    ['session', 'sc-session=2026-12-01'],
    ['session', 'sc-session=2026-12-01T14:30'], // no time zone: "hours since" would be guessed
    ['session', 'sc-session=2026-12-01T14:30 01:00'], // a '+' that became a space
    ['session', 'sc-session=2026-02-30T10:00Z'],
    ['session', 'sc-session=2026-13-01T10:00Z'],
    ['session', 'sc-session=2026-12-01T24:00Z'],
    ['session', 'sc-session=2026-12-01T10:60Z'],
    ['session', 'sc-session=2026-12-01T10:00+15:00'],
    ['session', 'sc-session=2026-12-01T10:00+01:60'],
    ['session', 'sc-session=2026-12-01T10:00:00Z'],
    ['session', 'sc-session=1764590400000'],
    ['session', 'sc-session=tomorrow'],
    ['lang', 'sc-lang=DE'],
    ['lang', 'sc-lang=de-AT'],
    ['lang', 'sc-lang=x'],
    ['lang', 'sc-lang=deutsch'],
  ];
  for (const [which, bad] of table) {
    const parts = Object.entries(goodParts).map(([name, part]) => (name === which ? bad : part));
    const { found, link, kept } = parseAftercareFragment(parts.join('&'));
    const expected = { ...good };
    delete expected[which];
    assert.equal(found, true, bad);
    assert.deepEqual(link, expected, bad);
    assert.equal(kept, '', bad);
  }
});

test('a key given twice counts as not given; unknown sc- keys are removed and ignored; other parts are kept', () => {
  assert.deepEqual(parseAftercareFragment('sc-massage=sports&sc-massage=relaxation&sc-lang=es').link, { lang: 'es' });
  assert.deepEqual(parseAftercareFragment('sc-answers=pain_now:9&sc-pain=9&sc-lang=es'), { found: true, link: { lang: 'es' }, kept: '' });
  assert.deepEqual(parseAftercareFragment('top&sc-lang=es&tab=2'), { found: true, link: { lang: 'es' }, kept: 'top&tab=2' });
  assert.deepEqual(parseAftercareFragment('top'), { found: false, link: {}, kept: 'top' });
  assert.deepEqual(parseAftercareFragment(''), { found: false, link: {}, kept: '' });
  assert.deepEqual(parseAftercareFragment('&&=&sc-'), { found: true, link: {}, kept: '&&=' });
  // only lower-case "sc-" at the start of a part is ours
  assert.deepEqual(parseAftercareFragment('SC-lang=es&xsc-lang=es').found, false);
});

test('takeAftercareLink replaces the current entry without our keys, once, and leaves other fragments alone', () => {
  const replaced = [];
  const fakeWindow = (hash) => ({
    location: { pathname: '/de/', search: '?x=1', hash },
    history: { state: { screen: 'start' }, replaceState: (...args) => replaced.push(args), pushState: () => assert.fail('no entry may be added') },
  });
  assert.deepEqual(takeAftercareLink(fakeWindow('#sc-massage=sports&sc-lang=de')), { massage: 'sports', lang: 'de' });
  assert.deepEqual(replaced.pop(), [{ screen: 'start' }, '', '/de/?x=1']);
  assert.deepEqual(takeAftercareLink(fakeWindow('#intro&sc-lang=de')), { lang: 'de' });
  assert.deepEqual(replaced.pop(), [{ screen: 'start' }, '', '/de/?x=1#intro']);
  // a malformed link is still removed
  assert.deepEqual(takeAftercareLink(fakeWindow('#sc-session=%ZZ')), {});
  assert.deepEqual(replaced.pop(), [{ screen: 'start' }, '', '/de/?x=1']);
  // no link: the address is not touched
  assert.deepEqual(takeAftercareLink(fakeWindow('#intro')), {});
  assert.deepEqual(takeAftercareLink(fakeWindow('')), {});
  assert.equal(replaced.length, 0);
});

test('the candidate answers follow the core\'s questions and the clock: whole hours, a small tolerance ahead, the question\'s maximum', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0);
  const at = (ms) => answersFromLink({ session: now - ms }, questions, now);
  assert.deepEqual(at(3 * HOUR), { hours_since_massage: 3 });
  assert.deepEqual(at(3 * HOUR + 59 * 60 * 1000), { hours_since_massage: 3 }, 'whole hours, rounded down');
  assert.deepEqual(at(10 * 60 * 1000), { hours_since_massage: 0 });
  assert.deepEqual(at(-FUTURE_TOLERANCE_MS), { hours_since_massage: 0 }, 'a few minutes ahead (clocks differ) is just now');
  assert.deepEqual(at(-FUTURE_TOLERANCE_MS - 1), {}, 'further ahead: not used');
  assert.deepEqual(at(-48 * HOUR), {});
  const max = questions.find((q) => q.id === 'hours_since_massage').max;
  assert.deepEqual(at(max * HOUR), { hours_since_massage: max });
  assert.deepEqual(at((max + 1) * HOUR), {}, 'older than the knowledge base takes: not used');
  for (const option of questions.find((q) => q.id === 'massage_type').options) {
    assert.deepEqual(answersFromLink({ massage: option.id }, questions, now), { massage_type: option.id });
  }
  assert.deepEqual(answersFromLink({ massage: 'hot_stones' }, questions, now), {});
  assert.deepEqual(answersFromLink({ massage: 'deep_tissue', session: now - 26 * HOUR, lang: 'de' }, questions, now), { massage_type: 'deep_tissue', hours_since_massage: 26 });
});

test('flow.prefill keeps only the answers the core accepts, each on its own, and marks them as from the link', async () => {
  const state = initialState({ language: 'en', country: 'GB' });
  state.checker = /** the async checker's shape */ { step: async (answers, options) => checker.step(answers, options) };
  const flow = createFlow({ state, navigation: { push() {} }, busyMark: { setAttribute() {}, removeAttribute() {} }, view: { render() {}, showFailure() {} } });
  await flow.prefill({ massage_type: 'deep_tissue', hours_since_massage: 100000, pressure: 'bogus', side: 'left' });
  // out of range and unknown option: refused by the core; side: does not apply without leg regions (dropped)
  assert.deepEqual(state.answers, { massage_type: 'deep_tissue' });
  assert.deepEqual([...state.fromLink], ['massage_type']);
  flow.setAnswer('massage_type', 'sports');
  assert.deepEqual([...state.fromLink], [], 'a changed answer is the person\'s own');
});

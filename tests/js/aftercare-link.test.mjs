// Issue 16: the spa's aftercare link (web/src/aftercare-link.js). The fragment parser keeps only values of
// their own shape, the address loses our keys at once (the current history entry replaced, none added),
// the candidate answers follow the core's questions and the clock, and flow.prefill keeps only what the
// core accepts. The browser side: tests/browser/aftercare.test.mjs.
//
//   node --test tests/js/aftercare-link.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeChecker } from './site.mjs';
import { parseSessionTime, takeAftercareLink, answersFromLink, aftercareFragment, FUTURE_TOLERANCE_MS } from '../../web/src/aftercare-link.js';
import { initialState, createFlow } from '../../web/src/ui/flow.js';

const checker = await nodeChecker();
const questions = checker.questions();
const HOUR = 3600 * 1000;

/** The values a link gave (those it did not give are null or undefined). */
const given = (link) => Object.fromEntries(Object.entries(link).filter(([, value]) => value != null));

/**
 * A page at /page/ opened with `fragment`, through takeAftercareLink: the values it gave, whether the address
 * was rewritten (`found`), and the fragment left in the address.
 */
function parseAftercareFragment(fragment) {
  const rewritten = [];
  const link = takeAftercareLink({
    location: { href: `https://spa.example/page/${fragment && `#${fragment}`}`, hash: fragment && `#${fragment}` },
    history: { state: null, replaceState: (state, title, url) => rewritten.push(String(url)) },
  });
  assert.ok(rewritten.length <= 1);
  const found = rewritten.length === 1;
  return { found, link: given(link), kept: found ? rewritten[0].replace(/^https:\/\/spa\.example\/page\/#?/, '') : fragment };
}

/** A flow over the node core, as a mounted checker has it. */
function nodeFlow() {
  const state = initialState({ language: 'en', country: 'GB' });
  state.checker = /** the async checker's shape */ { step: async (answers, options) => checker.step(answers, options) };
  const flow = createFlow({ state, navigation: { push() {} }, busyMark: { setAttribute() {}, removeAttribute() {} }, view: { render() {}, showFailure() {} } });
  return { state, flow };
}

test('a good fragment gives its three values; the session time with its offset is one instant', () => {
  const { found, link, kept } = parseAftercareFragment('sc-massage=deep_tissue&sc-session=2026-12-01T14:30+01:00&sc-lang=de');
  assert.equal(found, true);
  assert.equal(kept, '');
  assert.deepEqual(link, { massage: 'deep_tissue', session: Date.UTC(2026, 11, 1, 13, 30), lang: 'de' });
  assert.equal(parseSessionTime('2026-12-01T13:30Z'), Date.UTC(2026, 11, 1, 13, 30));
  assert.equal(parseSessionTime('2026-12-01T08:00-05:30'), Date.UTC(2026, 11, 1, 13, 30));
  assert.equal(parseSessionTime('2028-02-29T10:00+14:00'), Date.UTC(2028, 1, 28, 20, 0), 'a leap day, the furthest offset');
  // '+' percent-encoded (as some mail programs rewrite it) is the same time
  assert.equal(parseAftercareFragment('sc-session=2026-12-01T14%3A30%2B01%3A00').link.session, Date.UTC(2026, 11, 1, 13, 30));
  // the configurator's format is the parser's
  const fragment = aftercareFragment({ massage: 'sports', session: '2026-12-01T14:30+01:00', lang: 'es' });
  assert.equal(fragment, 'sc-massage=sports&sc-session=2026-12-01T14:30+01:00&sc-lang=es');
  assert.deepEqual(parseAftercareFragment(fragment).link, { massage: 'sports', session: Date.UTC(2026, 11, 1, 13, 30), lang: 'es' });
});

test('a bad session time is not given; the other values stay', () => {
  const table = [
    '2026-12-01',
    '2026-12-01T14:30', // no time zone: "hours since" would be guessed
    '2026-12-01T14:30 01:00', // a '+' that became a space
    '2026-12-01T14:30%2001:00',
    '2026-02-30T10:00Z', // Chromium's Date.parse takes it as 2 March
    '2026-04-31T10:00+01:00',
    '2026-13-01T10:00Z',
    '2026-12-00T10:00Z',
    '2026-12-01T24:00Z', // Chromium's Date.parse takes it as the next midnight
    '2026-12-01T10:60Z',
    '2026-12-01T10:00+15:00',
    '2026-12-01T10:00+01:60',
    '2026-12-01T10:00+0100',
    '2026-12-01T10:00:00Z',
    '2026-12-01t10:00z',
    '+02026-12-01T10:00Z',
    '1764590400000',
    'tomorrow',
    '',
    '%E0%A4%A', // broken percent-encoding
  ];
  for (const bad of table) {
    const { found, link, kept } = parseAftercareFragment(`sc-massage=relaxation&sc-session=${bad}&sc-lang=en`);
    assert.equal(found, true, bad);
    assert.deepEqual(link, { massage: 'relaxation', lang: 'en' }, bad);
    assert.equal(kept, '', bad);
  }
});

test('a kind of massage the knowledge base does not have, however it is written, is refused by the core: the question is asked', async () => {
  const table = ['Deep Tissue', 'deep-tissue', 'DEEP_TISSUE', 'deep_tissue ', '', 'hot_stones', 'a'.repeat(5000), '%E0%A4%A', '<script>', '__proto__', 'none', '["sports"]', 'sports,relaxation'];
  for (const bad of table) {
    const { link } = parseAftercareFragment(`sc-massage=${encodeURIComponent(bad)}&sc-session=2026-12-01T10:00Z`);
    const { state, flow } = nodeFlow();
    await flow.prefill(answersFromLink(link, Date.UTC(2026, 11, 1, 13, 30)));
    assert.deepEqual(state.answers, { hours_since_massage: 3 }, bad);
  }
});

test('of a key given twice the first counts; unknown sc- keys are removed and ignored; other parts are kept', () => {
  assert.deepEqual(parseAftercareFragment('sc-massage=sports&sc-massage=relaxation&sc-lang=es').link, { massage: 'sports', lang: 'es' });
  assert.deepEqual(parseAftercareFragment('sc-session=yesterday&sc-session=2026-12-01T13:30Z').link, {}, 'the first, even when it is bad');
  const unknown = parseAftercareFragment('sc-answers=pain_now:9&sc-pain=9&sc-lang=es');
  assert.deepEqual([unknown.found, unknown.link, unknown.kept], [true, { lang: 'es' }, '']);
  const mixed = parseAftercareFragment('top&sc-lang=es&tab=2');
  assert.deepEqual([mixed.found, mixed.link, mixed.kept], [true, { lang: 'es' }, 'top&tab=2']);
  for (const [fragment, found, kept] of [['top', false, 'top'], ['', false, ''], ['&&=&sc-', true, '&&='], ['SC-lang=es&xsc-lang=es', false, 'SC-lang=es&xsc-lang=es']]) {
    const parsed = parseAftercareFragment(fragment);
    assert.deepEqual([parsed.found, parsed.link, parsed.kept], [found, {}, kept], fragment);
  }
});

test('takeAftercareLink replaces the current entry without our keys, once, and leaves other fragments alone', () => {
  const replaced = [];
  const fakeWindow = (hash) => ({
    location: { href: `https://spa.example/de/?x=1${hash}`, hash },
    history: { state: { screen: 'start' }, replaceState: (state, title, url) => replaced.push([state, title, String(url)]), pushState: () => assert.fail('no entry may be added') },
  });
  assert.deepEqual(given(takeAftercareLink(fakeWindow('#sc-massage=sports&sc-lang=de'))), { massage: 'sports', lang: 'de' });
  assert.deepEqual(replaced.pop(), [{ screen: 'start' }, '', 'https://spa.example/de/?x=1']);
  assert.deepEqual(given(takeAftercareLink(fakeWindow('#intro&sc-lang=de'))), { lang: 'de' });
  assert.deepEqual(replaced.pop(), [{ screen: 'start' }, '', 'https://spa.example/de/?x=1#intro']);
  // a malformed link is still removed
  assert.deepEqual(given(takeAftercareLink(fakeWindow('#sc-session=%ZZ'))), {});
  assert.deepEqual(replaced.pop(), [{ screen: 'start' }, '', 'https://spa.example/de/?x=1']);
  // no link: the address is not touched
  assert.deepEqual(given(takeAftercareLink(fakeWindow('#intro'))), {});
  assert.deepEqual(given(takeAftercareLink(fakeWindow(''))), {});
  assert.equal(replaced.length, 0);
});

test('the candidate answers follow the clock: whole hours, and a small tolerance for a session ahead of it', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0);
  const at = (ms) => answersFromLink({ session: now - ms }, now);
  assert.deepEqual(at(3 * HOUR), { hours_since_massage: 3 });
  assert.deepEqual(at(3 * HOUR + 59 * 60 * 1000), { hours_since_massage: 3 }, 'whole hours, rounded down');
  assert.deepEqual(at(10 * 60 * 1000), { hours_since_massage: 0 });
  assert.deepEqual(at(-FUTURE_TOLERANCE_MS), { hours_since_massage: 0 }, 'a few minutes ahead (clocks differ) is just now');
  assert.deepEqual(at(-FUTURE_TOLERANCE_MS - 1), {}, 'further ahead: not used');
  assert.deepEqual(at(-48 * HOUR), {});
  assert.deepEqual(answersFromLink({}, now), {});
  assert.deepEqual(answersFromLink({ massage: 'deep_tissue', session: now - 26 * HOUR, lang: 'de' }, now), { massage_type: 'deep_tissue', hours_since_massage: 26 });
});

test('flow.prefill keeps only the answers the core accepts, each on its own, and marks them as from the link', async () => {
  const { state, flow } = nodeFlow();
  const now = Date.UTC(2026, 11, 1, 12, 0);
  const max = questions.find((q) => q.id === 'hours_since_massage').max;
  // Older than the knowledge base's limit for the question: the core refuses the hours.
  await flow.prefill({ ...answersFromLink({ massage: 'deep_tissue', session: now - (max + 1) * HOUR }, now), side: 'left' });
  // side: does not apply without leg regions (the core drops it)
  assert.deepEqual(state.answers, { massage_type: 'deep_tissue' });
  assert.deepEqual([...state.fromLink], ['massage_type']);
  // A kind of massage the knowledge base does not have: refused; the oldest session it takes: kept.
  state.answers = {};
  state.fromLink.clear();
  await flow.prefill(answersFromLink({ massage: 'hot_stones', session: now - max * HOUR }, now));
  assert.deepEqual(state.answers, { hours_since_massage: max });
  for (const option of questions.find((q) => q.id === 'massage_type').options) {
    state.answers = {};
    await flow.prefill(answersFromLink({ massage: option.id }, now));
    assert.deepEqual(state.answers, { massage_type: option.id });
  }
  state.fromLink.clear();
  await flow.prefill({ massage_type: 'deep_tissue' });
  flow.setAnswer('massage_type', 'sports');
  assert.deepEqual([...state.fromLink], [], 'a changed answer is the person\'s own');
});

// The hostile-input table (issue 8), shared by the Node test (tests/js/hostile.test.mjs) and the
// Chromium test (tests/browser/hostile.test.mjs): plain JavaScript, no Node imports, so a browser can
// import it too. Each row: [name, answers, code, where, message].

export const usualCase = {
  danger_signs: ['none'], passed_signs: ['none'], hours_since_massage: 30, massage_type: 'deep_tissue', pressure: 'strong_but_fine',
  first_massage: 'no', body_regions: ['upper_back'], pain_now: 4, pain_feel: ['dull_ache'], trend: 'same',
  daily_impact: 'some', symptoms: ['none'], risk_factors: ['none'],
};

function nested(levels, inner) {
  let value = inner;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
const rootType = 'expected an object of answers like {"pain_now": 4}, got';
const pain = 'expected a whole number from 0 to 10 (points)';

/** Built on demand: it holds two 10 MB strings. */
export function hostileTable() {
  return [
  ['undefined answers', undefined, 'answers.wrong_type', '/', `${rootType} undefined`],
  ['null answers', null, 'answers.wrong_type', '/', `${rootType} null`],
  ['a number as answers', 4, 'answers.wrong_type', '/', `${rootType} number`],
  ['NaN as answers', NaN, 'answers.wrong_type', '/', `${rootType} number`],
  ['a string as answers', '{"pain_now":4}', 'answers.wrong_type', '/', `${rootType} string`],
  ['a list as answers', [['pain_now', 4]], 'answers.wrong_type', '/', `${rootType} a list`],
  ['a Map as answers', new Map([['pain_now', 4]]), 'answers.wrong_type', '/', `${rootType} a Map`],
  ['a 10 MB string as answers', tenMegabytes, 'answers.wrong_type', '/', `${rootType} string`],
  ['null for a number', { pain_now: null }, 'answers.wrong_type', '/pain_now', `${pain}, got null`],
  ['undefined for a number', { pain_now: undefined }, 'answers.wrong_type', '/pain_now',
    'undefined is not a valid answer; leave the question out instead'],
  ['NaN', { pain_now: NaN }, 'answers.wrong_type', '/pain_now', 'NaN is not a valid answer; use a finite number'],
  ['Infinity', { pain_now: Infinity }, 'answers.wrong_type', '/pain_now', 'Infinity is not a valid answer; use a finite number'],
  ['-Infinity', { hours_since_massage: -Infinity }, 'answers.wrong_type', '/hours_since_massage',
    '-Infinity is not a valid answer; use a finite number'],
  ['a BigInt', { pain_now: 4n }, 'answers.wrong_type', '/pain_now', 'a BigInt is not a valid answer; use a number'],
  ['a function', { pain_now: () => 4 }, 'answers.wrong_type', '/pain_now', 'a function is not a valid answer'],
  ['a symbol', { trend: Symbol('worse') }, 'answers.wrong_type', '/trend', 'a symbol is not a valid answer'],
  ['a negative number', { pain_now: -1 }, 'answers.out_of_range', '/pain_now', `-1 is out of range; ${pain}`],
  ['a negative hour count', { hours_since_massage: -0.5 }, 'answers.out_of_range', '/hours_since_massage',
    '-0.5 is out of range; expected a number from 0 to 2160 (hours)'],
  ['a huge number', { pain_now: Number.MAX_VALUE }, 'answers.out_of_range', '/pain_now',
    `1.7976931348623157e+308 is out of range; ${pain}`],
  ['a huge whole number', { hours_since_massage: 2 ** 64 }, 'answers.out_of_range', '/hours_since_massage',
    '1.8446744073709552e+19 is out of range; expected a number from 0 to 2160 (hours)'],
  ['a fraction for a whole number', { pain_now: 4.5 }, 'answers.out_of_range', '/pain_now', `4.5 is not a whole number; ${pain}`],
  ['text for a number', { pain_now: '4' }, 'answers.wrong_type', '/pain_now', `${pain}, got text`],
  ['true for a number', { pain_now: true }, 'answers.wrong_type', '/pain_now', `${pain}, got true`],
  ['a number for a choice', { trend: 2 }, 'answers.wrong_type', '/trend', 'expected one of better, same, worse, got a number'],
  ['a list for a single choice', { trend: ['worse'] }, 'answers.wrong_type', '/trend', 'expected one of better, same, worse, got a list'],
  ['text for a list', { pain_feel: 'tender' }, 'answers.wrong_type', '/pain_feel',
    'expected a list of options (dull_ache, tender, stiff, sharp_shooting), got text'],
  ['null in a list', { pain_feel: ['tender', null] }, 'answers.wrong_type', '/pain_feel/1', 'expected an option id, got null'],
  ['NaN in a list', { pain_feel: ['tender', NaN] }, 'answers.wrong_type', '/pain_feel/1', 'NaN is not a valid answer; use a finite number'],
  ['an empty list', { pain_feel: [] }, 'answers.empty_choice', '/pain_feel', 'choose at least one option'],
  ['a 10 MB string as an answer', { trend: tenMegabytes }, 'answers.too_large', '/',
    `the answers are ${tenMegabytes.length + 12} bytes; the limit is 65536`],
  ['nesting 5 levels deep', { pain_feel: [[[['tender']]]] }, 'answers.too_deep', '/', 'the answers are nested more than 4 levels deep'],
  ['nesting 1,000 levels deep', nested(1000, 1), 'answers.too_deep', '/', 'the answers are nested more than 4 levels deep'],
  ['nesting 100,000 levels deep (beyond JSON.stringify)', nested(100000, 1), 'answers.wrong_type', '/',
    'the answers cannot be read: Maximum call stack size exceeded'],
  ['an unpaired high surrogate', { trend: 'worse\ud800' }, 'answers.wrong_type', '/trend',
    'the text has an unpaired surrogate and is not valid Unicode'],
  ['an unpaired low surrogate in a list', { pain_feel: ['\udc00'] }, 'answers.wrong_type', '/pain_feel/0',
    'the text has an unpaired surrogate and is not valid Unicode'],
  ['an unpaired surrogate in a question id', { 'trend\ud83d': 'worse' }, 'answers.wrong_type', '/trend\ud83d',
    'the question id has an unpaired surrogate and is not valid Unicode'],
  ['invalid UTF-8, decoded by the browser into U+FFFD', { trend: new TextDecoder().decode(Uint8Array.of(0xff, 0xfe)) },
    'answers.unknown_option', '/trend', "unknown option '\ufffd\ufffd'; expected one of better, same, worse"],
  ['an unknown question', { mood: 'fine' }, 'answers.unknown_question', '/mood', "unknown question 'mood'"],
  ['an unknown option', { trend: 'sideways' }, 'answers.unknown_option', '/trend', "unknown option 'sideways'; expected one of better, same, worse"],
  ['an unknown option in a list', { symptoms: ['none', 'hiccups'] }, 'answers.unknown_option', '/symptoms/1',
    "unknown option 'hiccups'; expected one of numbness, tingling, limb_weakness, both_legs, new_injury, mild_bruising, large_bruising, swelling, redness_warmth, one_leg, whole_limb_swollen, burn_blister, pus_wound, itchy_rash, fever_chills, dark_urine, little_urine, vomiting, tiredness, mild_headache, nausea, none"],
  ['a prototype key', JSON.parse('{"__proto__": "x"}'), 'answers.unknown_question', '/__proto__', "unknown question '__proto__'"],
  ['a duplicated option', { pain_feel: ['tender', 'stiff', 'tender'] }, 'answers.duplicate_option', '/pain_feel/2',
    "option 'tender' is listed twice"],
  ];
}


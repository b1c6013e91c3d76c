// The hostile-input rows only JavaScript can make (issue 8): values JSON cannot hold (undefined, NaN,
// BigInt, functions, lone surrogates, a Map) and generated ones (10 MB strings, deep nesting). Every
// answer that JSON can hold is a case of the shared table tests/data/answer-errors.json instead, which
// the C++ tests read too. Shared by the Node test (tests/js/hostile.test.mjs) and the Chromium test
// (tests/browser/hostile.test.mjs): plain JavaScript, no Node imports, so a browser can import it too.
// Each row: [name, answers, code, where, message].

function nested(levels, inner) {
  let value = inner;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
const rootType = 'expected an object of answers like {"pain_now": 4}, got';

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
  ['undefined for a number', { pain_now: undefined }, 'answers.wrong_type', '/pain_now',
    'undefined is not a valid answer; leave the question out instead'],
  ['NaN', { pain_now: NaN }, 'answers.wrong_type', '/pain_now', 'NaN is not a valid answer; use a finite number'],
  ['Infinity', { pain_now: Infinity }, 'answers.wrong_type', '/pain_now', 'Infinity is not a valid answer; use a finite number'],
  ['-Infinity', { hours_since_massage: -Infinity }, 'answers.wrong_type', '/hours_since_massage',
    '-Infinity is not a valid answer; use a finite number'],
  ['a BigInt', { pain_now: 4n }, 'answers.wrong_type', '/pain_now', 'a BigInt is not a valid answer; use a number'],
  ['a function', { pain_now: () => 4 }, 'answers.wrong_type', '/pain_now', 'a function is not a valid answer'],
  ['a symbol', { trend: Symbol('worse') }, 'answers.wrong_type', '/trend', 'a symbol is not a valid answer'],
  ['NaN in a list', { pain_feel: ['tender', NaN] }, 'answers.wrong_type', '/pain_feel/1', 'NaN is not a valid answer; use a finite number'],
  ['a 10 MB string as an answer', { trend: tenMegabytes }, 'answers.too_large', '/',
    `the answers are ${tenMegabytes.length + 12} bytes; the limit is 65536`],
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
  ];
}


// Hostile input at the JavaScript boundary (issue 8): every bad value gives a CheckerError whose
// message names the field (a JSON pointer; "/" is the whole answers object, for limits on the
// whole document), and the same checker still assesses a valid case correctly afterwards.
// The answers JSON can hold come from the shared table tests/data/answer-errors.json (also read by
// tests/unit/test_answers.cpp); what only JavaScript can make is in hostile-table.mjs.
// Limits are documented in docs/limits.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkerModule, nodeChecker, readSite, siteDir } from './site.mjs';
import { hostileTable } from './hostile-table.mjs';
import { USUAL_ANSWERS, testData } from '../support/test-data.mjs';

const checker = await nodeChecker();
const { CheckerError } = checkerModule;

const table = hostileTable();
const answerErrors = testData('answer-errors.json').cases;

function assertStillWorks() {
  assert.equal(checker.assess(USUAL_ANSWERS).disposition.id, 'self_care');
  assert.equal(checker.assess({ danger_signs: ['chest_pain'] }).disposition.id, 'emergency');
  assert.deepEqual(checker.nextQuestions(USUAL_ANSWERS).ask, []);
}

for (const [name, answers, code, where, message] of table) {
  test(`hostile input: ${name}`, () => {
    for (const call of ['assess', 'nextQuestions', 'step']) {
      assert.throws(() => checker[call](answers), (error) => {
        assert.ok(error instanceof CheckerError, `${call}: a CheckerError, got ${error}`);
        assert.ok(error instanceof Error);
        assert.equal(error.code, code, call);
        assert.equal(error.where, where, call);
        assert.equal(error.message, `${where}: ${message}`, call);
        return true;
      });
      assertStillWorks();
    }
  });
}

// The wrapper takes an object of answers (its own checks on the root differ: hostile-table.mjs), so the
// table's object cases go through it; every case also goes through the raw Embind core as JSON text.
for (const c of answerErrors.filter((each) => each.answers !== null && typeof each.answers === 'object' && !Array.isArray(each.answers))) {
  test(`answer-error table, JS API: ${c.name}`, () => {
    for (const call of ['assess', 'nextQuestions']) {
      assert.throws(() => checker[call](c.answers), (error) => {
        assert.ok(error instanceof CheckerError, `${call}: a CheckerError, got ${error}`);
        assert.deepEqual({ code: error.code, where: error.where, message: error.message }, { code: c.code, where: c.where, message: `${c.where}: ${c.message}` }, call);
        return true;
      });
      assertStillWorks();
    }
  });
}

test('answer-error table, raw core: every case as JSON text gives its error envelope; valid answers still work', async () => {
  // JSON text is the only way to repeat a key or send text that is not JSON, and the wrapper only takes
  // objects; so this goes through the same WebAssembly core the wrapper uses, with raw JSON text.
  const { default: createCoreModule } = await import(pathToFileURL(path.join(siteDir, 'soreness-core.js')).href);
  const core = await createCoreModule({ wasmBinary: readFileSync(path.join(siteDir, 'soreness-core.wasm')) });
  const loaded = JSON.parse(core.load(readSite('knowledge/knowledge-base.json'), readSite('knowledge/strings/en.json')));
  assert.equal(loaded.ok, true);
  assert.ok(answerErrors.length >= 50, `the table has ${answerErrors.length} cases`);
  assert.ok(answerErrors.some((c) => c.code === 'answers.duplicate_answer' && 'answers_text' in c), 'a repeated key is in the table');
  for (const c of answerErrors) {
    const text = 'answers_text' in c ? c.answers_text : JSON.stringify(c.answers);
    for (const call of ['assess', 'nextQuestions']) {
      const envelope = JSON.parse(core[call](loaded.result, text));
      assert.deepEqual(envelope, { ok: false, error: { code: c.code, where: c.where, message: c.message } }, `${c.name} (${call})`);
      const fine = JSON.parse(core[call](loaded.result, JSON.stringify(USUAL_ANSWERS)));
      assert.equal(fine.ok, true);
    }
  }
  // Invalid UTF-8 cannot be made in a JS string; raw bytes only reach the core in C++ (test_regressions.cpp).
  const bad = JSON.parse(core.assess(loaded.result, '{"trend":"\\ud800"}'));
  assert.equal(bad.error.code, 'answers.parse_error');
  assert.equal(bad.error.where, '/');
});

test('raw core: numbers are rounded to the nearest double where that decides an answer, as natively', async () => {
  // The wasm reads numbers with JavaScript's Number() (wasm-bindings/js_strtod.cpp); tests/unit/test_answers.cpp
  // checks the same table natively, with libc's strtod.
  const { default: createCoreModule } = await import(pathToFileURL(path.join(siteDir, 'soreness-core.js')).href);
  const core = await createCoreModule({ wasmBinary: readFileSync(path.join(siteDir, 'soreness-core.wasm')) });
  const loaded = JSON.parse(core.load(readSite('knowledge/knowledge-base.json'), readSite('knowledge/strings/en.json')));
  const { cases } = testData('number-rounding.json');
  assert.ok(cases.length >= 8);
  for (const c of cases) {
    const envelope = JSON.parse(core.assess(loaded.result, c.answers_text));
    if (c.accepted) assert.equal(envelope.ok, true, `${c.answers_text}: ${JSON.stringify(envelope.error)}`);
    else assert.deepEqual(envelope.error, { code: 'answers.out_of_range', ...c.refused }, c.answers_text);
  }
});

test('raw core: Embind names a type by its address, printed as libc prints a pointer', async () => {
  // The glue asks __getTypeName for a type's name in its error about an unbound type; with RTTI off the name is the
  // type's address, printed with sprintf("%p"), which in the wasm is wasm-bindings/hex_snprintf.cpp's, not libc's.
  const { default: createCoreModule } = await import(pathToFileURL(path.join(siteDir, 'soreness-core.js')).href);
  const core = await createCoreModule({ wasmBinary: readFileSync(path.join(siteDir, 'soreness-core.wasm')) });
  const typeName = (address) => {
    const at = core.___getTypeName(address);
    const text = Buffer.from(core.HEAPU8.subarray(at, core.HEAPU8.indexOf(0, at))).toString('latin1');
    core._free(at);
    return text;
  };
  // What musl's printf gives for each (checked with a program built by the same emcc).
  assert.equal(typeName(0), '0');
  assert.equal(typeName(1), '0x1');
  assert.equal(typeName(0x4d2), '0x4d2');
  assert.equal(typeName(0x12345), '0x12345');
  assert.equal(typeName(0xffffffff), '0xffffffff');
});

test('hostile input: the answers size limit is exact', () => {
  const padding = (n) => ({ trend: 'better', pain_feel: ['tender'], [`x${'y'.repeat(n)}`]: 1 });
  // An unknown question proves the size check passed; one byte more is over the limit.
  const fits = padding(65536 - JSON.stringify(padding(0)).length);
  assert.equal(JSON.stringify(fits).length, 65536);
  assert.throws(() => checker.assess(fits), (e) => e.code === 'answers.unknown_question');
  const tooBig = padding(65537 - JSON.stringify(padding(0)).length);
  assert.throws(() => checker.assess(tooBig), { message: '/: the answers are 65537 bytes; the limit is 65536' });
  assertStillWorks();
});

// Hostile input at the JavaScript boundary (issue 8): every bad value gives a CheckerError whose
// message names the field (a JSON pointer; "/" is the whole answers object, for limits on the
// whole document), and the same checker still assesses a valid case correctly afterwards.
// Limits are documented in docs/limits.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkerModule, nodeChecker, readSite, siteDir } from './site.mjs';
import { hostileTable, usualCase } from './hostile-table.mjs';

const checker = await nodeChecker();
const { CheckerError } = checkerModule;

const table = hostileTable();

function assertStillWorks() {
  assert.equal(checker.assess(usualCase).disposition.id, 'self_care');
  assert.equal(checker.assess({ danger_signs: ['chest_pain'] }).disposition.id, 'emergency');
  assert.deepEqual(checker.nextQuestions(usualCase).ask, []);
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

test('hostile input: a repeated answer key, which a JS object cannot hold, is rejected by the core', async () => {
  // JSON text is the only way to repeat a key, and the wrapper only takes objects; so this goes
  // through the same WebAssembly core the wrapper uses, with raw JSON text.
  const { default: createCoreModule } = await import(pathToFileURL(path.join(siteDir, 'soreness-core.js')).href);
  const core = await createCoreModule({ wasmBinary: readFileSync(path.join(siteDir, 'soreness-core.wasm')) });
  const loaded = JSON.parse(core.load(readSite('knowledge/knowledge-base.json'), readSite('knowledge/strings/en.json')));
  assert.equal(loaded.ok, true);
  for (const call of ['assess', 'nextQuestions']) {
    const envelope = JSON.parse(core[call](loaded.result, '{"pain_now":3,"trend":"worse","pain_now":4}'));
    assert.deepEqual(envelope, {
      ok: false,
      error: { code: 'answers.duplicate_answer', where: '/pain_now', message: "question 'pain_now' is answered twice" },
    });
    const fine = JSON.parse(core[call](loaded.result, JSON.stringify(usualCase)));
    assert.equal(fine.ok, true);
  }
  // Invalid UTF-8 cannot be made in a JS string; raw bytes only reach the core in C++ (test_regressions.cpp).
  const bad = JSON.parse(core.assess(loaded.result, '{"trend":"\\ud800"}'));
  assert.equal(bad.error.code, 'answers.parse_error');
  assert.equal(bad.error.where, '/');
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

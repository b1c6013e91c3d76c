// The rule cases of tests/data/rule-cases.json (the same file tests/unit/test_assessment.cpp reads), run
// through the JavaScript API of the WebAssembly build: every rule has a case, fires on it, and the
// result is at least the disposition the case needs and at least what the rule requires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeChecker, readSite } from './site.mjs';
import { testData, usualWith, dispositionRank as rank } from '../support/test-data.mjs';


const cases = testData('rule-cases.json').cases;
const rules = JSON.parse(readSite('knowledge/knowledge-base.json')).rules;
const checker = await nodeChecker();

test('every rule of the built knowledge base has exactly one case, and every case a rule', () => {
  const caseRules = cases.map((c) => c.rule);
  assert.equal(new Set(caseRules).size, caseRules.length, 'a rule with two cases');
  assert.deepEqual([...caseRules].sort(), rules.map((r) => r.id).sort());
});

for (const c of cases) {
  test(`rule ${c.rule} fires on its case and the result is at least ${c.at_least}`, () => {
    const result = checker.assess(usualWith(c.changes));
    const requires = rules.find((r) => r.id === c.rule)?.requires;
    assert.ok(requires, `the knowledge base has rule ${c.rule}`);
    assert.ok(result.trace.some((t) => t.rule === c.rule && t.requires === requires),
      `${c.rule} is not in the trace: ${result.trace.map((t) => t.rule).join(', ')}`);
    assert.ok(rank(result.disposition.id) >= rank(c.at_least), `${result.disposition.id} is milder than ${c.at_least}`);
    assert.ok(rank(result.disposition.id) >= rank(requires), `${result.disposition.id} is milder than the rule's ${requires}`);
  });
}

// 10,000 assessments in a row leave the WebAssembly heap unchanged (issue 8): neither the memory
// the module holds nor the bytes malloc hands out grow. Uses the checker's memoryBytes() diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeChecker } from './site.mjs';
import { USUAL_ANSWERS } from '../support/test-data.mjs';

const checker = await nodeChecker();

const cases = [
  { danger_signs: ['chest_pain'] },
  USUAL_ANSWERS,
  { body_regions: ['calves'], side: 'left', symptoms: ['swelling', 'one_leg'], risk_factors: ['previous_clot'] },
  { danger_signs: ['none', 'short_breath'], symptoms: ['none', 'fever_chills'] },
  {},
];
const rejected = [{ pain_now: 11 }, { trend: 'sideways' }, { pain_feel: [[[['x']]]] }];

function run(times) {
  for (let i = 0; i < times; i += 1) {
    checker.assess(cases[i % cases.length]);
    if (i % 10 === 0) checker.nextQuestions(cases[i % cases.length]);
    if (i % 7 === 0) assert.throws(() => checker.assess(rejected[i % rejected.length]));
  }
}

test('memoryBytes reports the WebAssembly memory and what malloc holds', () => {
  const { heap, allocated } = checker.memoryBytes();
  assert.ok(Number.isInteger(heap) && heap > 0 && heap % 65536 === 0, `heap ${heap}`);
  assert.ok(Number.isInteger(allocated) && allocated > 0 && allocated < heap, `allocated ${allocated}`);
});

test('10,000 assessments in a row leave the heap unchanged', () => {
  run(100); // warm-up: lazily built statics and the allocator's first free lists
  const before = checker.memoryBytes();
  run(10000);
  const after = checker.memoryBytes();
  assert.equal(after.heap, before.heap, 'the WebAssembly memory did not grow');
  assert.equal(after.allocated, before.allocated, 'malloc holds exactly as many bytes as before');
  assert.equal(checker.assess(cases[0]).disposition.id, 'emergency');
});

test('rejected 10 MB answers leave the heap unchanged once the memory has grown for the first', () => {
  const huge = { trend: 'x'.repeat(10 * 1024 * 1024) };
  assert.throws(() => checker.assess(huge), { code: 'answers.too_large' });
  const before = checker.memoryBytes();
  for (let i = 0; i < 50; i += 1) assert.throws(() => checker.assess(huge), { code: 'answers.too_large' });
  assert.deepEqual(checker.memoryBytes(), before);
});

test('the measure can see a leak: a checker that is not closed keeps its knowledge base', async () => {
  const before = checker.memoryBytes().allocated;
  const second = await nodeChecker();
  assert.ok(checker.memoryBytes().allocated - before > 10000, 'a loaded knowledge base holds memory');
  second.close();
  // A closed handle keeps its slot (8 bytes) so that it can never name another checker.
  assert.ok(checker.memoryBytes().allocated - before <= 16, 'closing gives the knowledge base back');
});

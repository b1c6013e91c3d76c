// The hostile-input rows of tests/js/hostile-table.mjs and the object cases of the shared answer-error
// table tests/data/answer-errors.json, run in Chromium through the same JS API the page uses (issue 8):
// each gives a CheckerError naming the field, and the checker keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, withSitePage } from './harness.mjs';
import { gotoReady } from './checker-page.mjs';
import { USUAL_ANSWERS, testDataText } from '../support/test-data.mjs';

const tableSource = readFileSync(path.join(REPO_ROOT, 'tests/js/hostile-table.mjs'), 'utf8');

test('hostile input table in Chromium: every row is a CheckerError naming the field; the checker keeps working', async () => {
  await withSitePage(async ({ page, site, log }) => {
    // Served from the site's own origin, so the strict CSP allows importing it.
    await page.route('**/__hostile-table.mjs', (route) => route.fulfill({ contentType: 'text/javascript', body: tableSource }));
    await gotoReady(page, site.url);
    const outcome = await page.evaluate(async ({ usualAnswers, answerErrorsText }) => {
      const { hostileTable } = await import('/__hostile-table.mjs');
      const { createChecker, CheckerError } = await import('/checker.js');
      const checker = await createChecker({ language: 'en' });
      const problems = [];
      // Parsed in the page, so a key like "__proto__" stays an own property as in Node.
      const shared = JSON.parse(answerErrorsText).cases
        .filter((c) => c.answers !== null && typeof c.answers === 'object' && !Array.isArray(c.answers))
        .map((c) => [c.name, c.answers, c.code, c.where, c.message]);
      const rows = [...hostileTable(), ...shared];
      for (const [name, answers, code, where, message] of rows) {
        for (const call of ['assess', 'nextQuestions']) {
          try {
            checker[call](answers);
            problems.push(`${name} (${call}): no error`);
          } catch (error) {
            const got = `${error?.name} ${error?.code} ${error?.where} ${error?.message}`;
            // How deep JSON.stringify can go depends on the engine's stack: Chromium's reaches the
            // core's size limit where Node's overflows. Either way it is a CheckerError at "/".
            const engineDependent = name.includes('beyond JSON.stringify') && error instanceof CheckerError &&
              error.where === '/' && error.code === 'answers.too_large';
            if (!engineDependent && (!(error instanceof CheckerError) || error.code !== code || error.where !== where || error.message !== `${where}: ${message}`)) {
              problems.push(`${name} (${call}): got ${got}`);
            }
          }
          const usual = checker.assess(usualAnswers).disposition.id;
          const chest = checker.assess({ danger_signs: ['chest_pain'] }).disposition.id;
          if (usual !== 'self_care' || chest !== 'emergency') problems.push(`${name} (${call}): afterwards ${usual}, ${chest}`);
        }
      }
      return { rows: rows.length, shared: shared.length, problems };
    }, { usualAnswers: USUAL_ANSWERS, answerErrorsText: testDataText('answer-errors.json') });
    assert.ok(outcome.shared >= 40, `the shared table has ${outcome.shared} object cases`);
    assert.ok(outcome.rows >= 60, `the table has ${outcome.rows} rows`);
    assert.deepEqual(outcome.problems, []);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.cspViolations, []);
    // page.route does not see a service worker's own fetches, and this test is about the JS API, not offline use.
  }, { contextOptions: { serviceWorkers: 'block' } });
});

// The page's core runs in a Web Worker (web/src/checker-worker.js): compiling the WebAssembly, loading the
// knowledge base and assessing happen off the main thread. Where no worker can start, the core runs on
// the page and the check works the same. Errors from the worker still name the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSitePage } from './harness.mjs';
import { gotoReady, runFlow, disposition, answer, answerPassedSigns, currentQuestion, settled, USUAL_ANSWERS } from './checker-page.mjs';

/** The core's files the page's own (main-thread) global fetched, and whether it loaded the core to run it itself. */
const fetchedByPage = (page) => page.evaluate(() => {
  const paths = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
  return { files: paths.filter((p) => /\.(wasm|json)$/.test(p)).sort(), coreOnPage: paths.includes('/checker.js') };
});
const CORE_FILES = ['/knowledge/knowledge-base.json', '/knowledge/strings/en.json', '/soreness-core.wasm'];

test('the page loads and runs the core in a worker, not on its main thread', async () => {
  await withSitePage(async ({ page, site, log }) => {
    await gotoReady(page, `${site.url}en/`);
    const workers = page.workers().map((w) => new URL(w.url()).pathname);
    assert.deepEqual(workers, ['/checker-worker.js']);
    // The page fetches the core's files from its preloads (issue 17: they are on their way before the worker's script
    // is) and hands them to the worker, which fetches nothing itself; the page never loads the core to run it.
    const inWorker = await page.workers()[0].evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\.(wasm|json)$/.test(p)).sort());
    assert.deepEqual(inWorker, []);
    assert.deepEqual(await fetchedByPage(page), { files: CORE_FILES, coreOnPage: false });
    assert.equal(log.requests.filter((url) => url.endsWith('.wasm')).length, 1, 'the wasm is fetched once');
    await runFlow(page, USUAL_ANSWERS);
    assert.equal(await disposition(page), 'self_care');
    assert.deepEqual([...log.consoleErrors, ...log.pageErrors, ...log.cspViolations], []);
  }, { contextOptions: { serviceWorkers: 'block' } });
});

for (const [name, prepare] of [
  ['a browser without workers', (page) => page.addInitScript(() => delete window.Worker)],
  ['a Content-Security-Policy that forbids workers', (page, site) => page.route(`${site.url}en/`, async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    headers['content-security-policy'] += "; worker-src 'none'";
    await route.fulfill({ response, headers });
  })],
  ['a worker script that fails to load', (page) => page.route('**/checker-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }))],
  // A worker takes its CSP from its own script's response: a host that sends a stricter one on scripts stops
  // the WebAssembly from compiling in the worker, while the page itself may still compile it.
  ['a worker whose CSP forbids compiling WebAssembly', (page) => page.route('**/checker-worker.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'" } });
  })],
]) {
  test(`with ${name}, the core runs on the page and the check still works`, async () => {
    await withSitePage(async ({ page, site }) => {
      await prepare(page, site);
      await gotoReady(page, `${site.url}en/`);
      await runFlow(page, { ...USUAL_ANSWERS, symptoms: ['dark_urine'] });
      assert.equal(await disposition(page), 'urgent');
      assert.deepEqual(await fetchedByPage(page), { files: CORE_FILES, coreOnPage: true });
    }, { contextOptions: { serviceWorkers: 'block' } });
  });
}

test('through the worker, a wrong answer is a CheckerError that names the field; the checker goes on working', async () => {
  await withSitePage(async ({ page, site }) => {
    await gotoReady(page, `${site.url}en/`);
    const outcome = await page.evaluate(async () => {
      const { createCheckerOffThread, CheckerError } = await import('/checker-off-thread.js');
      const api = await import('/checker.js');
      const checker = await createCheckerOffThread({ language: 'en' });
      const failure = await checker.assess({ pain_now: 'a lot' }).catch((error) => error);
      const result = await checker.assess({ danger_signs: ['chest_pain'] });
      await checker.close();
      const afterClose = await checker.assess({}).catch((error) => error.message);
      return {
        name: failure.name, code: failure.code, where: failure.where, message: failure.message, disposition: result.disposition.id, afterClose,
        // A real CheckerError, of the one class that checker.js throws too (issue 15), not a plain object.
        instance: failure instanceof CheckerError && failure instanceof api.CheckerError && CheckerError === api.CheckerError,
      };
    });
    assert.equal(outcome.instance, true);
    assert.equal(outcome.name, 'CheckerError');
    assert.equal(outcome.code, 'answers.wrong_type');
    assert.equal(outcome.where, '/pain_now');
    assert.match(outcome.message, /^\/pain_now: /);
    assert.doesNotMatch(outcome.message, /^\/pain_now: \/pain_now/, 'where is said once');
    assert.equal(outcome.disposition, 'emergency');
    assert.match(outcome.afterClose, /closed/);
  }, { contextOptions: { serviceWorkers: 'block' } });
});

test('while the core works, a second tap does not move twice: one result for the first sign, one step per Next', async () => {
  await withSitePage(async ({ page, site }) => {
    await gotoReady(page, `${site.url}en/`);
    // Chest pain, then at once "none of these": the first tap decides, and the answers shown match the result.
    await page.evaluate(() => {
      document.querySelector('#start button[data-option="chest_pain"]').click();
      document.querySelector('#start button.begin').click();
    });
    await settled(page);
    assert.equal(await disposition(page), 'emergency');
    const danger = await page.locator('.answers .answer').first().locator('dd span').textContent();
    assert.match(danger, /chest/i);

    await page.click('button:text-is("Start again")');
    await page.click('#start button.begin');
    await answerPassedSigns(page);
    await answer(page, 'hours_since_massage', 30);
    await page.evaluate(() => {
      const form = document.querySelector('form.question');
      form.requestSubmit();
      form.requestSubmit();
    });
    assert.equal(await currentQuestion(page), 'massage_type', 'one step forward, not two');
    await page.click('form.question button:text-is("Back")');
    assert.equal(await currentQuestion(page), 'hours_since_massage', 'Back returns to where the person was');
  }, { contextOptions: { serviceWorkers: 'block' } });
});

/** Serves the page's worker behind a wrapper that holds each of its replies back `ms` milliseconds. */
async function slowWorker(page, ms) {
  await page.route('**/checker-worker.js', (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `import './checker-worker-real.js';
const post = self.postMessage.bind(self);
self.postMessage = (message) => setTimeout(() => post(message), ${ms});`,
  }));
  await page.route('**/checker-worker-real.js', async (route) => {
    const response = await route.fetch({ url: route.request().url().replace('checker-worker-real.js', 'checker-worker.js') });
    await route.fulfill({ response });
  });
}

test('an answer changed while the core works on the result is judged too: the result matches the answers it shows', async () => {
  await withSitePage(async ({ page, site }) => {
    await slowWorker(page, 400);
    await gotoReady(page, `${site.url}en/`);
    await runFlow(page, USUAL_ANSWERS, async (screen) => {
      if (screen !== 'risk_factors') return;
      // Check, then at once a risk factor that needs a doctor, before the core has answered.
      await page.evaluate(() => new Promise((resolve) => {
        const send = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function postAndChangeAnswer(...message) {
          send.apply(this, message);
          Worker.prototype.postMessage = send;
          // The move's request is on its way and its reply is held back: the answer changes mid-move.
          document.querySelector('input[name="risk_factors"][value="injury_worse"]').click();
          resolve();
        };
        document.querySelector('form.question').requestSubmit();
      }));
    });
    assert.equal(await disposition(page), 'see_doctor');
    const shown = await page.locator('.answers .answer:has(dt:text-is("Does any of this apply to you?")) dd span').textContent();
    assert.match(shown, /injur/i);
  }, { contextOptions: { serviceWorkers: 'block' } });
});

test('Back while the core works on Next: the screen shown is the one the browser history is on', async () => {
  await withSitePage(async ({ page, site }) => {
    await slowWorker(page, 400);
    await gotoReady(page, `${site.url}en/`);
    await page.click('#start button.begin');
    await answerPassedSigns(page);
    await answer(page, 'hours_since_massage', 30);
    await page.click('form.question button[type="submit"]');
    assert.equal(await currentQuestion(page), 'massage_type');
    await answer(page, 'massage_type', 'sports');
    // The page's own popstate listener was added first, so it has run when this one resolves.
    await page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('popstate', resolve, { once: true });
      document.querySelector('form.question').requestSubmit();
      history.back();
    }));
    assert.equal(await currentQuestion(page), 'hours_since_massage');
    assert.equal(await page.evaluate(() => history.state?.screen), 'hours_since_massage');
  }, { contextOptions: { serviceWorkers: 'block' } });
});

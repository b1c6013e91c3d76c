// The checker page by keyboard alone, and its printed one-page summary (Chromium).
//
//   node --test tests/browser/keyboard-print.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSitePage } from './harness.mjs';
import { USUAL_ANSWERS, gotoReady, runFlow, currentQuestion, disposition, settled } from './checker-page.mjs';
import { driverForPage } from './drivers.mjs';
import { focusedIs, tabTo, walkCheck } from './walker.mjs';

const phone = { contextOptions: { viewport: { width: 390, height: 844 }, locale: 'en-US' } };

test('the whole check works by keyboard alone, with focus on each new screen\'s heading', async () => {
  await withSitePage(async ({ page, site, log }) => {
    const driver = driverForPage(page);
    await gotoReady(page, `${site.url}en/`);
    // The walker presses only Tab, Space, the arrows, digits and Enter, and fails when focus is not on each
    // new screen's heading.
    const asked = await walkCheck(driver, USUAL_ANSWERS, { keyboard: true });
    assert.deepEqual(asked, Object.keys(USUAL_ANSWERS));
    assert.equal(await disposition(page), 'self_care');
    assert.ok(await focusedIs(driver, 'article.result h1'), 'focus is on the result heading');
    await page.waitForFunction(() => document.getElementById('announce').textContent.startsWith('Self-care at home.'));

    await tabTo(driver, 'article.result .actions .primary');
    await driver.press('Enter');
    await settled(page);
    assert.ok(await focusedIs(driver, '#start-title'), 'Start again returns to the start screen heading');
    await tabTo(driver, '#start button.begin');
    await page.keyboard.press('Enter');
    assert.equal(await currentQuestion(page), 'passed_signs');
    assert.equal(await page.isChecked('#passed_signs-none'), false, 'Start again cleared the answers');
    assert.deepEqual([log.consoleErrors, log.cspViolations], [[], []]);
  }, phone);
});

/** Pages in a PDF made by Chromium (each page object has "/Type /Page"). */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

test('printing the result gives a one-page summary with the date, answers, result and advice', async () => {
  await withSitePage(async ({ page, site }) => {
    await gotoReady(page, `${site.url}en/`);
    await runFlow(page, { ...USUAL_ANSWERS, symptoms: ['numbness', 'mild_bruising'] });
    assert.equal(await disposition(page), 'see_doctor');
    await page.emulateMedia({ media: 'print' });
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
    assert.equal(await page.textContent('.print-title'), `Sore after a massage? · Checked on ${today}`);
    for (const shown of ['.print-title', 'article.result h1', '.headline', '.advice', '.answers']) {
      assert.equal(await page.isVisible(shown), true, `${shown} is printed`);
    }
    for (const hidden of ['.bar', '.actions', '.timeline-part', '.answers button']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    }
    assert.equal(await page.textContent('article.result h1'), 'See a doctor');
    assert.match(await page.textContent('.answers'), /Numbness and A small bruise/);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdfPages(pdf), 1, 'the summary fits on one page');
  }, phone);
});

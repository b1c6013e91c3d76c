// The page helper of the browser tests: a served site and Chromium per file, the answer sets behind each
// kind of result, the walker's steps on a Playwright page, and checking a screen with axe-core.

import { before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { REPO_ROOT, SITE_DIR, launchBrowser } from './harness.mjs';
import { driverForPage } from './drivers.mjs';
import { answer as answerDriver, currentQuestion as currentQuestionDriver, openReady, settled as settledDriver, walkCheck } from './walker.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { USUAL_ANSWERS as SHARED_USUAL_ANSWERS } from '../support/test-data.mjs';

export const LANGUAGES = ['en', 'es', 'de'];

/**
 * The built site on a local server and one Chromium, started before this file's tests and closed after;
 * `pages` are a test's own host pages (scripts/serve.mjs).
 */
export function servedSite({ pages } = {}) {
  const served = { site: null, browser: null };
  before(async () => {
    served.site = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1', pages });
    served.browser = await launchBrowser();
  });
  after(async () => {
    await served.browser?.close().catch(() => {});
    await served.site?.close();
  });
  return served;
}
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/**
 * The usual answers of tests/data/usual-answers.json (shared with the C++ and JS tests) after the start
 * screen, which answers danger_signs: each flow changes a few. Days are typed as days: {days: 2}.
 */
const { danger_signs: startScreen, ...usual } = SHARED_USUAL_ANSWERS;
if (startScreen?.[0] !== 'none') throw new Error('the usual answers start with danger_signs: ["none"], the start screen\'s "none of these"');
/** Complete flows through the questions, and the disposition the core gives each (checked with the CLI). */
export const FLOWS = [
  { name: 'self-care', answers: usual, disposition: 'self_care' },
  // 2 days typed as days: if the page did not turn days into hours (48), this would be self-care.
  { name: 'contact therapist', answers: { ...usual, hours_since_massage: { days: 2 } }, disposition: 'contact_therapist' },
  { name: 'see a doctor', answers: { ...usual, symptoms: ['numbness'] }, disposition: 'see_doctor' },
  { name: 'urgent', answers: { ...usual, symptoms: ['dark_urine'] }, disposition: 'urgent' },
];
export const USUAL_ANSWERS = usual;

/** Issue 18: a massage two hours ago, no pain anywhere, no sign; in the order the page asks. */
export const NOT_SORE_ANSWERS = {
  passed_signs: ['none'],
  hours_since_massage: 2,
  massage_type: 'relaxation',
  pressure: 'comfortable',
  first_massage: 'no',
  body_regions: ['none'],
  pain_now: 0,
  symptoms: ['none'],
  risk_factors: ['none'],
};

// A Playwright page of a test is walked by the one walker (walker.mjs) through driverForPage.

/** Opens url and waits until the page's checker can take answers. */
export const gotoReady = (page, url) => openReady(driverForPage(page), url);

/** Waits until the checker is shown and has finished its current move (the core may answer from a worker). */
export const settled = (page) => settledDriver(driverForPage(page));

/** The id of the question on screen once the checker has settled, or null when none is. */
export const currentQuestion = (page) => currentQuestionDriver(driverForPage(page));

/** Gives one answer on the current question screen (ticks options, never unticks; days as {days: 2}). */
export const answer = (page, id, value) => answerDriver(driverForPage(page), id, value);

/**
 * From the start screen: "none of these", then each question the page asks, until the result.
 * onScreen(name) runs on every screen (start, each question, result). Returns the questions asked.
 */
export const runFlow = (page, answers, onScreen = async () => {}) => walkCheck(driverForPage(page), answers, { onScreen });

/** Issue 13: the first question after the start screen asks for signs that came and went; answers it. */
export async function answerPassedSigns(page, value = ['none']) {
  await answer(page, 'passed_signs', value);
  await page.click('form.question button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('form.question')?.dataset.question !== 'passed_signs');
}

export async function disposition(page) {
  return page.locator('article.result').getAttribute('data-disposition');
}

/**
 * Waits until the screen has come to rest: the checker is not busy, web fonts are loaded and every
 * animation and transition (the screens fade in) has finished, then two frames have been drawn.
 * Checks of what a person sees (axe's contrast, screenshots) read a half-faded screen otherwise.
 */
export async function settledScreen(page) {
  await settled(page);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {})));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/** axe-core violations of the settled screen (WCAG 2.0-2.2 A and AA), as short readable lines. */
export async function axeViolations(page) {
  await settledScreen(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

export async function screenshot(page, name) {
  await settledScreen(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

// Shared steps for the checker page's browser tests: the answer sets behind each kind of result,
// walking the questions the page shows, and checking a screen with axe-core.

import { before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { REPO_ROOT, SITE_DIR, launchBrowser } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { USUAL_ANSWERS as SHARED_USUAL_ANSWERS } from '../support/test-data.mjs';

export const LANGUAGES = ['en', 'es', 'de'];

/** The built site on a local server and one Chromium, started before this file's tests and closed after. */
export function servedSite() {
  const served = { site: null, browser: null };
  before(async () => {
    served.site = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1' });
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

export async function gotoReady(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

/** Waits until the checker has finished its current move (the core may answer from a worker). */
export async function settled(page) {
  await page.waitForSelector('[aria-busy="true"]', { state: 'detached' });
}

/** The id of the question on screen once the checker has settled, or null when none is. */
export async function currentQuestion(page) {
  await settled(page);
  const form = page.locator('form.question');
  return (await form.count()) ? form.getAttribute('data-question') : null;
}

/** Gives one answer on the current question screen (checks boxes; does not uncheck others). */
export async function answer(page, id, value) {
  if (id === 'hours_since_massage') {
    const days = typeof value === 'object';
    await page.check(`#hours_since_massage-unit-${days ? 'days' : 'hours'}`);
    await page.fill('#hours_since_massage-amount', String(days ? value.days : value));
    return;
  }
  for (const option of [].concat(value)) await page.check(`form.question input[name="${id}"][value="${option}"]`);
}

/**
 * From the start screen: "none of these", then each question the page asks, until the result.
 * onScreen(name) runs on every screen (start, each question, result). Returns the questions asked.
 */
export async function runFlow(page, answers, onScreen = async () => {}) {
  await onScreen('start');
  await page.click('#start button.begin');
  const asked = [];
  for (let id = await currentQuestion(page); id; id = await currentQuestion(page)) {
    asked.push(id);
    if (asked.length > 20) throw new Error(`the questions never end: ${asked.join(', ')}`);
    if (answers[id] === undefined) throw new Error(`the page asked ${id}, which this flow has no answer for`);
    await answer(page, id, answers[id]);
    await onScreen(id);
    await page.click('form.question button[type="submit"]');
    await page.waitForFunction((previous) => document.querySelector('form.question')?.dataset.question !== previous, id);
  }
  await page.waitForSelector('article.result');
  await onScreen('result');
  return asked;
}

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

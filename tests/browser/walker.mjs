// The one walker of the browser tests: walks a check through a driver (drivers.mjs: any engine, the
// page or the widget), reading what the screen shows, waiting for the checker to settle, answering by
// pointer or by keyboard alone. A driver needs click, type, read and, for the keyboard, press and focused.

import { waitFor } from './drivers.mjs';

/** What the first element matching selector holds: an attribute, 'text', or a '.property'. null when nothing matches. */
export const read = (driver, selector, attribute = 'text') => driver.read(selector, attribute);

/** True when something matches selector (inside the widget's shadow root too). */
export const exists = async (driver, selector) => (await read(driver, selector, '.isConnected')) === true;

/** True when the focused element matches selector (inside the widget's shadow root too). */
export const focusedIs = (driver, selector) => driver.focused(selector);

/** Waits until the checker is shown and no move is underway (the core may answer from a worker). */
export async function settled(driver) {
  await waitFor(
    async () => (await exists(driver, '#start, form.question, article.result')) && !(await exists(driver, '[aria-busy="true"]')),
    { what: 'the checker to settle' },
  );
}

/** The question on screen once the checker has settled; null when none is (the result, say). */
export async function currentQuestion(driver) {
  await settled(driver);
  return read(driver, 'form.question', 'data-question');
}

/** Opens the page and waits until its checker can take answers; says how far the page got when it never does. */
export async function openReady(driver, url) {
  await driver.open(url);
  try {
    // The core compiles and loads its knowledge base first: allow for a machine busy with other work.
    await waitFor(async () => (await read(driver, 'body', 'data-ready')) === 'true', { what: `${url} to be ready`, timeout: 60_000 });
  } catch (error) {
    const state = await driver.evaluate(() => ({
      url: location.href,
      readyState: document.readyState,
      status: document.getElementById('status')?.textContent ?? null,
      controlled: navigator.serviceWorker?.controller != null,
    })).catch((failure) => `unreadable: ${failure.message}`);
    error.message += `; the page: ${JSON.stringify(state)}`;
    throw error;
  }
}

/**
 * Gives one answer on the current question screen with the pointer: ticks each option (leaving ticked
 * ones ticked and others as they are) or types the hours; days are given as {days: 2}.
 */
export async function answer(driver, id, value) {
  // As a person would: once the question is on screen (the core may still be working on the last move).
  const target = id === 'hours_since_massage' ? '#hours_since_massage-amount' : `#${id}-${[].concat(value)[0]}`;
  await waitFor(() => exists(driver, target), { what: `${target} on screen` });
  if (id === 'hours_since_massage') {
    const days = typeof value === 'object';
    await driver.click(`label[for="hours_since_massage-unit-${days ? 'days' : 'hours'}"]`);
    await driver.type('#hours_since_massage-amount', String(days ? value.days : value));
    return;
  }
  for (const option of [].concat(value)) {
    if ((await read(driver, `#${id}-${option}`, '.checked')) !== true) await driver.click(`label[for="${id}-${option}"]`);
  }
}

/** Presses Tab until the focused element matches selector. */
export async function tabTo(driver, selector) {
  for (let i = 0; i < 80; i += 1) {
    if (await focusedIs(driver, selector)) return;
    await driver.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function answerByKeyboard(driver, id, value) {
  if (id === 'hours_since_massage') {
    const days = typeof value === 'object';
    if (days) throw new Error('the keyboard walk types hours only');
    await tabTo(driver, '#hours_since_massage-amount');
    for (const digit of String(value)) await driver.press(digit);
    return;
  }
  const first = `form.question input[name="${id}"]`;
  if ((await read(driver, first, 'type')) === 'radio') {
    await tabTo(driver, first);
    await driver.press('Space');
    const checked = () => read(driver, `${first}:checked`, '.value');
    for (let i = 0; i < 12 && (await checked()) !== String(value); i += 1) await driver.press('ArrowDown');
    if ((await checked()) !== String(value)) throw new Error(`the arrow keys never chose ${value} for ${id}`);
    return;
  }
  for (const option of value) {
    await tabTo(driver, `${first}[value="${option}"]`);
    await driver.press('Space');
  }
}

/**
 * From the start screen: "none of these", then every question the checker asks, until the result.
 * onScreen(name) runs on every settled screen ('start', each question id, 'result'). Returns the questions asked.
 * With keyboard: true only Tab, Space, the arrows, digits and Enter are used, and focus must be on each new
 * screen's heading.
 */
export async function walkCheck(driver, answers, { keyboard = false, onScreen = async () => {} } = {}) {
  await settled(driver);
  await onScreen('start');
  await waitFor(() => exists(driver, '#start button.begin'), { what: 'the start button' });
  if (keyboard) {
    await tabTo(driver, '#start button.begin');
    await driver.press('Enter');
  } else {
    await driver.click('#start button.begin');
  }
  const asked = [];
  for (let id = await currentQuestion(driver); id; id = await currentQuestion(driver)) {
    asked.push(id);
    if (asked.length > 20) throw new Error(`the questions never end: ${asked.join(', ')}`);
    if (answers[id] === undefined) throw new Error(`the checker asked ${id}, which this walk has no answer for`);
    if (keyboard && !(await focusedIs(driver, 'form.question h1'))) throw new Error(`focus is not on the heading of ${id}`);
    await (keyboard ? answerByKeyboard : answer)(driver, id, answers[id]);
    await onScreen(id);
    if (keyboard) {
      await tabTo(driver, 'form.question button[type="submit"]');
      await driver.press('Enter');
    } else {
      await driver.click('form.question button[type="submit"]');
    }
    await waitFor(async () => (await read(driver, 'form.question', 'data-question')) !== id, { what: `the checker to leave ${id}` });
  }
  await waitFor(async () => (await read(driver, 'article.result', 'data-disposition')) !== null, {
    what: 'the result',
    onTimeout: async () => `on screen: ${await read(driver, 'form.question', 'data-question')}, busy: ${await exists(driver, '[aria-busy="true"]')}`,
  });
  await onScreen('result');
  return asked;
}

/** walkCheck, then the result's disposition: {asked, disposition}. */
export async function walkToResult(driver, answers, options) {
  const asked = await walkCheck(driver, answers, options);
  return { asked, disposition: await read(driver, 'article.result', 'data-disposition') };
}

/**
 * Issue 16: from the start screen of a check opened by an aftercare link, through the questions. The two a
 * link can fill in are read (their value, or null; the note saying they came from the link, or null) and
 * kept as they are, or answered from `answers` when empty; every other question is answered from `answers`.
 * Returns {hours_since_massage: {value, note}, massage_type: {value, note}}; stops after massage_type unless
 * `toResult`.
 */
export async function walkFromLink(driver, answers, { toResult = true } = {}) {
  await settled(driver);
  await driver.click('#start button.begin');
  const shown = {};
  for (let id = await currentQuestion(driver); id; id = await currentQuestion(driver)) {
    if (id === 'hours_since_massage' || id === 'massage_type') {
      shown[id] = {
        value: id === 'hours_since_massage'
          ? (await read(driver, '#hours_since_massage-amount', '.value')) || null
          : await read(driver, 'input[name="massage_type"]:checked', '.value'),
        note: await read(driver, '.from-spa'),
      };
      if (shown[id].value === null) await answer(driver, id, answers[id]);
      if (!toResult && id === 'massage_type') return shown;
    } else {
      await answer(driver, id, answers[id]);
    }
    await driver.click('form.question button[type="submit"]');
    await waitFor(async () => (await read(driver, 'form.question', 'data-question')) !== id, { what: `the checker to leave ${id}` });
  }
  await waitFor(async () => (await read(driver, 'article.result', 'data-disposition')) !== null, { what: 'the result' });
  return shown;
}

/** A session time as an aftercare link writes it: `ms` in local time at `offsetMinutes` from UTC, then the offset. */
export function sessionText(ms, offsetMinutes) {
  const pad = (n) => String(n).padStart(2, '0');
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

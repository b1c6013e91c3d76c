// Issue 16, the result side, in real Chromium: the summary for the therapist handed to the person's own apps
// (the share sheet, stubbed; the clipboard, granted and read back; a mailto: link, decoded) and the calendar
// file that reminds them to check again (the download captured and parsed), on the page and in the widget,
// in all three languages.
//
//   node --test tests/browser/share.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SITE_DIR, watchPage, foreignRequests } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { servedSite, gotoReady, runFlow, USUAL_ANSWERS } from './checker-page.mjs';
import { widgetDriver } from './widget-support.mjs';
import { walkToResult } from './walker.mjs';

const strings = (language) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${language}.json`), 'utf8'));
const knowledgeBase = JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/knowledge-base.json'), 'utf8'));
const HOUR = 3_600_000;

const served = servedSite();

/**
 * Before any script of the page: navigator.share records what it is given (and, when told to, rejects as a
 * person's cancelling does); writeText fails when told to, as a browser that refuses copying does.
 */
const stubs = ({ share = true, refuseCopy = false } = {}) => `
window.__shared = [];
${share ? `Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value(data) {
  window.__shared.push(data);
  return window.__cancelShare ? Promise.reject(new DOMException('cancelled', 'AbortError')) : Promise.resolve();
} });` : 'delete Navigator.prototype.share;'}
${refuseCopy ? `Clipboard.prototype.writeText = () => Promise.reject(new DOMException('no', 'NotAllowedError'));` : ''}
`;

async function withPage(fn, { init, permissions = [] } = {}) {
  const context = await served.browser.newContext({ acceptDownloads: true, permissions, viewport: { width: 320, height: 700 } });
  try {
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const log = await watchPage(page);
    await fn(page, log);
    assert.deepEqual({ pageErrors: log.pageErrors, cspViolations: log.cspViolations, foreign: foreignRequests(log.requests, served.site.origin) },
      { pageErrors: [], cspViolations: [], foreign: [] });
  } finally {
    await context.close().catch(() => {});
  }
}

/** Parses an iCalendar file: checks its CRLF lines and folding, and returns the unfolded lines. */
function parseCalendar(text) {
  assert.ok(text.endsWith('\r\n'), 'lines end in CRLF');
  const raw = text.slice(0, -2).split('\r\n');
  for (const line of raw) {
    assert.ok(!line.includes('\n'), 'no bare LF');
    assert.ok(Buffer.byteLength(line) <= 75, `at most 75 octets: ${line}`);
  }
  return raw.reduce((lines, line) => (line.startsWith(' ') ? [...lines.slice(0, -1), lines.at(-1) + line.slice(1)] : [...lines, line]), []);
}

const icsTime = (value) => {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value);
  return Date.UTC(+y, mo - 1, +d, +h, +mi, +s);
};

/**
 * Checks the saved calendar file: one event at the expected time (hours after the clock's reading when the
 * result was shown, between `shownFrom` and `shownBy`), a title, the link to the check and none of the answers.
 */
function checkCalendar(text, { title, url, hours, shownFrom, shownBy, answerTexts }) {
  const lines = parseCalendar(text);
  const value = (name) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
  assert.deepEqual([lines[0], lines.at(-1)], ['BEGIN:VCALENDAR', 'END:VCALENDAR']);
  assert.ok(lines.includes('BEGIN:VEVENT') && lines.includes('END:VEVENT') && lines.includes('VERSION:2.0'));
  for (const name of ['UID', 'DTSTAMP', 'PRODID']) assert.ok(value(name), `${name} is there`);
  const start = icsTime(value('DTSTART'));
  // Seconds are cut off in the file; the result was shown some time between the two readings.
  assert.ok(start >= shownFrom + hours * HOUR - 1000 && start <= shownBy + hours * HOUR, `DTSTART ${value('DTSTART')} is ${hours} hours after the result`);
  assert.ok(Math.abs(icsTime(value('DTSTAMP')) - Date.now()) < 10 * 60_000, 'DTSTAMP is now');
  assert.equal(value('SUMMARY'), title.replace(/[,;]/g, '\\$&'));
  assert.equal(value('URL'), url);
  assert.equal(value('DESCRIPTION'), url);
  for (const answer of answerTexts) assert.ok(!text.includes(answer), `the calendar file holds no answer ("${answer}")`);
  for (const id of ['upper_back', 'shoulders', 'dull_ache', 'relaxation', 'strong_but_fine']) assert.ok(!text.includes(id));
}

/** The result's answer list as the person sees it: [question, answer] pairs. */
const shownAnswers = (page) =>
  page.$$eval('dl.answers .answer', (rows) => rows.map((row) => [row.querySelector('dt').textContent, row.querySelector('dd span').textContent]));

/** Checks the summary's lines: date, knowledge-base version, result, reasons and every answer, in `language`. */
async function checkSummary(text, { ui, language, disposition, answers, reasons }) {
  const lines = text.split('\n');
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date());
  assert.equal(lines[0], `${ui.app_name} · ${ui.checked_on.replace('{date}', date)}`);
  assert.equal(lines[1], ui.summary_version.replace('{version}', knowledgeBase.version));
  assert.ok(lines.includes(disposition.label) && lines.includes(disposition.headline), 'the result and its headline');
  assert.ok(lines.includes(ui.why) && lines.includes(ui.summary_answers));
  for (const reason of reasons) assert.ok(lines.includes(`- ${reason}`), `the reason "${reason}"`);
  assert.ok(answers.length >= Object.keys(USUAL_ANSWERS).length, 'every answer');
  for (const [question, answer] of answers) {
    const at = lines.indexOf(question);
    assert.ok(at > lines.indexOf(ui.summary_answers), `the question "${question}"`);
    assert.equal(lines[at + 1], `  ${answer}`);
  }
  for (const line of lines) assert.ok(line.length <= 200, `a short line: ${line}`);
}

test('page (en): the share sheet gets the summary, Copy puts the same text on the clipboard, Remind me saves the calendar file', async () => {
  await withPage(async (page) => {
    const ui = strings('en').ui;
    await gotoReady(page, served.site.url);
    const shownFrom = Date.now();
    await runFlow(page, USUAL_ANSWERS);
    const shownBy = Date.now();
    assert.equal(await page.getAttribute('article.result', 'data-disposition'), 'self_care');
    const answers = await shownAnswers(page);
    const reasons = await page.$$eval('article.result ul.reasons > li > p', (items) => items.map((p) => p.textContent));

    // The text leaves the page only when the person taps.
    assert.deepEqual(await page.evaluate(() => window.__shared), []);
    await page.getByRole('button', { name: ui.share, exact: true }).click();
    const [shared] = await page.evaluate(() => window.__shared);
    assert.equal(shared.title, ui.app_name);
    await checkSummary(shared.text, { ui, language: 'en', disposition: strings('en').dispositions.self_care, answers, reasons });
    assert.equal(await page.locator('.share a[href^="mailto:"]').count(), 0, 'with a share sheet and no spa e-mail, no e-mail link');

    // Cancelling the share sheet is not an error: nothing else happens.
    await page.evaluate(() => { window.__cancelShare = true; });
    await page.getByRole('button', { name: ui.share, exact: true }).click();
    await page.waitForFunction(() => window.__shared.length === 2);
    assert.equal(await page.locator('.share textarea').isVisible(), false);
    assert.equal(await page.textContent('.share-status'), '');

    await page.getByRole('button', { name: ui.share_copy, exact: true }).click();
    await page.waitForFunction((text) => document.querySelector('.share-status')?.textContent === text, ui.share_copied);
    assert.equal(await page.textContent('#announce'), ui.share_copied, 'announced');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shared.text);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.remind_button, exact: true }).click()]);
    assert.equal(download.suggestedFilename(), 'soreness-check-reminder.ics');
    const calendar = readFileSync(await download.path(), 'utf8');
    const hours = knowledgeBase.timeline.recheck_after_hours;
    checkCalendar(calendar, { title: ui.remind_event, url: served.site.url, hours, shownFrom, shownBy, answerTexts: answers.flatMap((pair) => pair) });
    await page.waitForFunction((text) => document.getElementById('announce').textContent === text, ui.remind_done);

    // The note says when, in the person's language, from the same clock.
    const note = await page.textContent('.remind p');
    assert.match(note, new RegExp(String(new Date(icsTime(/DTSTART:(\S+)/.exec(calendar)[1])).getUTCFullYear())));
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no sideways scrolling at 320 px');
  }, { init: stubs(), permissions: ['clipboard-read', 'clipboard-write'] });
});

test('page (de): without a share sheet, an e-mail link with the German summary; copying refused shows the text to copy', async () => {
  await withPage(async (page) => {
    const de = strings('de');
    await gotoReady(page, `${served.site.url}de/`);
    await runFlow(page, { ...USUAL_ANSWERS, pressure: 'too_painful' });
    assert.equal(await page.getAttribute('article.result', 'data-disposition'), 'contact_therapist');
    const answers = await shownAnswers(page);
    const reasons = await page.$$eval('article.result ul.reasons > li > p', (items) => items.map((p) => p.textContent));
    assert.equal(await page.locator('.share button', { hasText: de.ui.share }).count(), 0, 'no share button where the browser has no share sheet');

    const href = await page.getByRole('link', { name: de.ui.share_email, exact: true }).getAttribute('href');
    const mail = new URL(href);
    assert.equal(mail.protocol, 'mailto:');
    assert.equal(mail.pathname, '', 'no recipient: the page was given no spa e-mail');
    assert.ok(href.length <= 2000, `a mailto: URL of ${href.length} characters`);
    assert.equal(mail.searchParams.get('subject'), de.ui.app_name);
    const body = decodeURIComponent(/[?&]body=([^&]*)/.exec(href)[1]);
    assert.ok(body.includes('\r\n') && !/[^\r]\n/.test(body), 'CRLF line ends');
    const text = body.replace(/\r\n/g, '\n');
    if (text.includes(de.ui.share_shortened)) {
      assert.ok(text.includes(de.ui.summary_answers), 'shortened at the end, not the result');
    } else {
      await checkSummary(text, { ui: de.ui, language: 'de', disposition: de.dispositions.contact_therapist, answers, reasons });
    }
    assert.ok(text.includes(de.ui.summary_answers) && text.includes(de.dispositions.contact_therapist.label), 'German labels');

    await page.getByRole('button', { name: de.ui.share_copy, exact: true }).click();
    await page.waitForFunction((message) => document.querySelector('.share-status')?.textContent === message, de.ui.share_copy_failed);
    const box = page.locator('.share textarea');
    assert.ok(await box.isVisible(), 'the text is shown');
    assert.ok(await box.evaluate((node) => node === document.activeElement && node.selectionEnd - node.selectionStart === node.value.length), 'selected, with focus');
    await checkSummary(await box.inputValue(), { ui: de.ui, language: 'de', disposition: de.dispositions.contact_therapist, answers, reasons });
  }, { init: stubs({ share: false, refuseCopy: true }) });
});

test('widget (es): the e-mail goes to the spa\'s address, Copy and Remind me work in the closed shadow root', async () => {
  const es = strings('es');
  const hostPath = '/share-widget.html';
  await withPage(async (page) => {
    await page.route((url) => url.pathname === hostPath, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Spa</title><link rel="icon" href="data:,">' +
        '<script type="module" src="/widget/soreness-check.js"></script></head><body><main>' +
        '<soreness-check lang="es" spa-name="Manos Tranquilas" spa-email="hola@manos.example"></soreness-check></main></body></html>',
    }));
    await page.goto(`${served.site.origin}${hostPath}?from=test#x`);
    const widget = await widgetDriver(page);
    await widget.waitFor(async () => (await widget.count('button.begin')) === 1);
    const shownFrom = Date.now();
    const { disposition } = await walkToResult(widget, { ...USUAL_ANSWERS, pressure: 'too_painful' });
    const shownBy = Date.now();
    assert.equal(disposition, 'contact_therapist');

    const href = await widget.attribute('.share a[href^="mailto:"]', 'href');
    assert.match(href, /^mailto:hola@manos\.example\?subject=/);
    assert.equal(await widget.text('.share a[href^="mailto:"]'), es.ui.share_email);
    const body = decodeURIComponent(/[?&]body=([^&]*)/.exec(href)[1]);
    assert.ok(body.includes(es.ui.summary_answers) && body.includes(es.dispositions.contact_therapist.label), 'Spanish labels');

    await widget.click(`.share button.secondary:last-child`);
    await widget.waitFor(async () => (await widget.text('.share-status')) === es.ui.share_copied);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(es.ui.app_name) && copied.includes(es.ui.summary_answers));
    assert.equal(await widget.text('[role="status"]'), es.ui.share_copied, 'announced');

    const [download] = await Promise.all([page.waitForEvent('download'), widget.click('.remind button')]);
    const calendar = readFileSync(await download.path(), 'utf8');
    const hours = knowledgeBase.timeline.recheck_after_hours;
    // The link is to the spa's page with the widget, without its query or fragment.
    checkCalendar(calendar, { title: es.ui.remind_event, url: `${served.site.origin}${hostPath}`, hours, shownFrom, shownBy, answerTexts: [copied.split('\n').at(-1).trim()] });
    assert.ok(calendar.includes(es.ui.remind_event));
  }, { init: stubs({ share: false }), permissions: ['clipboard-read', 'clipboard-write'] });
});

test('the installed app offline (es): with the server gone, Copy and Remind me still work on the result', async () => {
  const es = strings('es');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soreness-site-'));
  cpSync(SITE_DIR, dir, { recursive: true });
  const server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
  const context = await served.browser.newContext({ serviceWorkers: 'allow', acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await context.addInitScript(stubs({ share: false }));
    const first = await context.newPage();
    await gotoReady(first, `${server.url}es/`);
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // Honest offline: the server is stopped, so nothing can be fetched from it.
    await server.close();
    await context.setOffline(true);
    const page = await context.newPage();
    const log = await watchPage(page);
    await gotoReady(page, `${server.url}es/`);
    const shownFrom = Date.now();
    await runFlow(page, USUAL_ANSWERS);
    const shownBy = Date.now();
    assert.equal(await page.getAttribute('article.result', 'data-disposition'), 'self_care');
    const answers = await shownAnswers(page);

    await page.getByRole('button', { name: es.ui.share_copy, exact: true }).click();
    await page.waitForFunction((text) => document.querySelector('.share-status')?.textContent === text, es.ui.share_copied);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(es.ui.app_name) && copied.includes(es.ui.summary_answers), 'the Spanish summary');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: es.ui.remind_button, exact: true }).click()]);
    const hours = knowledgeBase.timeline.recheck_after_hours;
    checkCalendar(readFileSync(await download.path(), 'utf8'), { title: es.ui.remind_event, url: `${server.url}es/`, hours, shownFrom, shownBy, answerTexts: answers.flatMap((pair) => pair) });
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close().catch(() => {});
    await server.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});

test('page (en): the summary lists an unanswered question as such, and the answers behind the reasons come first', async () => {
  await withPage(async (page) => {
    const en = strings('en');
    await gotoReady(page, served.site.url);
    // The time of the massage left empty: no answer.
    await runFlow(page, { ...USUAL_ANSWERS, hours_since_massage: '' });
    assert.equal(await page.getAttribute('article.result', 'data-disposition'), 'contact_therapist');
    const reasons = await page.$$eval('article.result ul.reasons > li', (items) =>
      items.map((li) => [...li.querySelectorAll('.evidence-question')].map((q) => q.textContent)));
    await page.getByRole('button', { name: en.ui.share, exact: true }).click();
    const [shared] = await page.evaluate(() => window.__shared);
    const lines = shared.text.split('\n');
    const hoursQuestion = (await shownAnswers(page)).find(([, answer]) => answer === en.ui.not_answered)?.[0];
    assert.ok(hoursQuestion, 'the result shows the unanswered question');
    assert.equal(lines[lines.indexOf(hoursQuestion) + 1], `  ${en.ui.not_answered}`, 'the summary says it was not answered');
    // Every question a reason rests on comes before every other answer.
    const answersFrom = lines.indexOf(en.ui.summary_answers);
    const questions = lines.slice(answersFrom + 1).filter((line) => line !== '' && !line.startsWith('  '));
    const behind = new Set(reasons.flat());
    assert.ok(behind.size > 0 && behind.size < questions.length, 'some answers are behind the reasons, some not');
    const firstOther = questions.findIndex((q) => !behind.has(q));
    assert.ok(questions.slice(firstOther).every((q) => !behind.has(q)), `the reasons' answers first: ${questions.join(' | ')}`);
  }, { init: stubs() });
});

// web/src/ui/share.js, the text the result hands to the person's apps: the summary's lines, the mailto: URL
// (percent-encoded, CRLF, never too long) and the calendar file (RFC 5545 lines, escaping and folding).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { summaryLines, mailtoHref, calendarFile, MAILTO_MAX } from '../../web/src/ui/share.js';

const ui = JSON.parse(readFileSync(new URL('../../core/knowledge/strings/en.json', import.meta.url), 'utf8')).ui;
const check = {
  date: '1 December 2026',
  version: '2.0.0',
  label: 'Self-care at home',
  headline: 'You can look after yourself at home.',
  reasons: ['This is the usual soreness.'],
  answers: [['Where does it hurt?', 'Shoulders and upper back'], ['How much does it hurt now?', '3 points']],
};

test('the summary: date and version first, then the result, the reasons and each answer under its question', () => {
  assert.deepEqual(summaryLines(ui, check), [
    'Soreness check · Checked on 1 December 2026',
    'Knowledge base 2.0.0',
    '',
    'Self-care at home',
    'You can look after yourself at home.',
    '',
    'Why',
    '- This is the usual soreness.',
    '',
    'My answers',
    'Where does it hurt?',
    '  Shoulders and upper back',
    'How much does it hurt now?',
    '  3 points',
  ]);
});

test('mailto: the recipient, the subject and a CRLF body, percent-encoded', () => {
  const href = mailtoHref('hello+spa@calm.example', 'Soreness check', ['a & b', 'ü?#'], ui.share_shortened);
  assert.equal(href, 'mailto:hello%2Bspa@calm.example?subject=Soreness%20check&body=a%20%26%20b%0D%0A%C3%BC%3F%23');
  assert.equal(mailtoHref(undefined, 'S', ['x'], ''), 'mailto:?subject=S&body=x');
});

test('mailto: a summary too long for a mail handler is cut at a line, with a note saying so', () => {
  const lines = summaryLines(ui, { ...check, answers: Array.from({ length: 60 }, (_, i) => [`Question ${i} über Schmerzen?`, `Antwort ${i}`]) });
  const href = mailtoHref('', 'S', lines, ui.share_shortened);
  assert.ok(href.length <= MAILTO_MAX, `${href.length} characters`);
  const body = decodeURIComponent(href.split('&body=')[1]).split('\r\n');
  assert.equal(body.at(-1), ui.share_shortened);
  assert.deepEqual(body.slice(0, -2), lines.slice(0, body.length - 2), 'the first lines as they were');
  assert.ok(body.length > 20, 'as much as fits');
});

test('mailto: the cut never parts a question from its answer, wherever the limit falls', () => {
  // Answers of different lengths move the point where MAILTO_MAX falls across questions and answers alike.
  for (let pad = 0; pad < 12; pad += 1) {
    const answers = Array.from({ length: 60 }, (_, i) => [`Question ${i}?`, `Answer ${i}${'x'.repeat(pad)}`]);
    const lines = summaryLines(ui, { ...check, answers });
    const body = decodeURIComponent(mailtoHref('', 'S', lines, ui.share_shortened).split('&body=')[1]).split('\r\n');
    assert.equal(body.at(-1), ui.share_shortened);
    const lastKept = body.at(-3);
    assert.ok(lastKept.startsWith('  Answer'), `pad ${pad}: the body ends on an answer, not its question alone ("${lastKept}")`);
  }
});

test('the calendar file: one event at the given time, escaped and folded, CRLF', () => {
  const url = `https://spa.example/${'long-path/'.repeat(12)}`;
  const text = calendarFile({ title: 'Check again, today; maybe', start: new Date(Date.UTC(2026, 11, 4, 16, 5, 9, 500)), now: new Date(Date.UTC(2026, 11, 1, 16, 5)), url });
  const raw = text.split('\r\n');
  assert.equal(raw.pop(), '', 'ends in CRLF');
  for (const line of raw) assert.ok(line.length <= 75 && !line.includes('\n'), line);
  const lines = raw.reduce((all, line) => (line.startsWith(' ') ? [...all.slice(0, -1), all.at(-1) + line.slice(1)] : [...all, line]), []);
  assert.ok(lines.includes('DTSTART:20261204T160509Z'));
  assert.ok(lines.includes('DTSTAMP:20261201T160500Z'));
  assert.ok(lines.includes('SUMMARY:Check again\\, today\\; maybe'));
  assert.ok(lines.includes(`URL:${url}`));
  assert.match(lines.find((l) => l.startsWith('UID:')), /^UID:[\d-]+@soreness-check$/);
  assert.notEqual(calendarFile({ title: 't', start: new Date(), now: new Date(), url }).match(/UID:\S+/)[0], text.match(/UID:\S+/)[0], 'a new UID each time');
  assert.deepEqual(lines.filter((l) => /^(BEGIN|END):/.test(l)), ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'BEGIN:VALARM', 'END:VALARM', 'END:VEVENT', 'END:VCALENDAR']);
});

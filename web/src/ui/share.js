// What the result hands to the person's own apps, made on the device and only when they ask: the plain-text
// summary for their therapist (shared, e-mailed or copied) and the calendar file that reminds them to check
// again. Text only, no decisions: what the result is and when to remind come from the core.

/** Longest mailto: URL we make; mail handlers on some systems cut or refuse longer ones (Windows: 2,048). */
export const MAILTO_MAX = 2000;

/**
 * The summary as short plain lines: when and with which knowledge base, the result and why, every answer.
 * @param {Record<string, string>} ui the language's page texts
 * @param {{date: string, version: string, label: string, headline: string, reasons: string[], answers: [string, string][]}} check
 */
export function summaryLines(ui, { date, version, label, headline, reasons, answers }) {
  return [
    `${ui.app_name} · ${ui.checked_on.replace('{date}', date)}`,
    ui.summary_version.replace('{version}', version),
    '',
    label,
    headline,
    '',
    ui.why,
    ...reasons.map((reason) => `- ${reason}`),
    '',
    ui.summary_answers,
    ...answers.flatMap(([question, answer]) => [question, `  ${answer}`]),
  ];
}

/**
 * A mailto: URL with the lines as its body (CRLF, percent-encoded), to `email` or to no one. Lines are left
 * off from the end, with a note saying so, until it fits in MAILTO_MAX; an answer goes with its question.
 */
export function mailtoHref(email, subject, lines, shortened) {
  const to = encodeURIComponent(email ?? '').replace(/%40/g, '@');
  const href = (body) => `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.join('\r\n'))}`;
  for (let keep = lines.length; keep > 0; keep -= 1) {
    // Never between a question and its answer (indented): a question left without one reads as unanswered.
    if (lines[keep]?.startsWith('  ')) continue;
    const body = keep === lines.length ? lines : [...lines.slice(0, keep), '', shortened];
    if (href(body).length <= MAILTO_MAX) return href(body);
  }
  return href([shortened]);
}

/** A date as iCalendar's UTC form: 20261204T160000Z. */
const icsDate = (date) => date.toISOString().replace(/[-:]|\.\d+/g, '');
const icsText = (text) => text.replace(/[\\;,]/g, '\\$&').replace(/\n/g, '\\n');

/**
 * A calendar file (RFC 5545) with one event at `start` that links to the check: its title and the link, none
 * of the answers. Lines are folded at 75 characters: the RFC's 75 octets for the ASCII link (a SHOULD; the
 * titles are short).
 * @param {{title: string, start: Date, now: Date, url: string}} event
 */
export function calendarFile({ title, start, now, url }) {
  // Random, so that two reminders never replace each other; getRandomValues works outside secure contexts too.
  const uid = crypto.getRandomValues(new Uint32Array(4)).join('-');
  const summary = icsText(title);
  return `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//soreness-check//reminder//EN
BEGIN:VEVENT
UID:${uid}@soreness-check
DTSTAMP:${icsDate(now)}
DTSTART:${icsDate(start)}
SUMMARY:${summary}
DESCRIPTION:${icsText(url)}
URL:${url}
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:${summary}
TRIGGER:PT0M
END:VALARM
END:VEVENT
END:VCALENDAR
`.replace(/.{74}(?=.)/g, '$&\n ').replace(/\n/g, '\r\n');
}

/** Saves text as a file through a link with `download`, in `parent` (inside the widget's own root). */
export function saveFile(parent, name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(parent.ownerDocument.createElement('a'), { href: url, download: name, hidden: true });
  parent.append(link);
  link.click();
  link.remove();
  // Revoked after the browser has taken the file (revoking at once can cancel the download in some browsers).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

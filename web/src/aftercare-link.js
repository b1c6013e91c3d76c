// The spa's aftercare link (issue 16): the checker's address with a URL fragment such as
//   #sc-massage=deep_tissue&sc-session=2026-12-01T14:30+01:00&sc-lang=de
// carrying only what the spa already knows: the kind of massage, when the session was, the spa's language.
// A fragment never reaches a server. The page and the widget take it at start-up and remove our `sc-` keys
// from the address bar and history at once (history.replaceState, so no entry keeps them); a host page's
// other fragment parts stay. Nothing here judges an answer: the values become candidate answers that the
// core must accept (flow.prefill), and anything odd is simply left out, so the question is asked.
// Format and rules: docs/embedding.md, "The aftercare link".

const PREFIX = 'sc-';
/** A phone's clock and the spa's may disagree by a few minutes: a session this far "ahead" counts as just now. */
export const FUTURE_TOLERANCE_MS = 15 * 60 * 1000;
const HOUR_MS = 3600 * 1000;

const SESSION = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch of "YYYY-MM-DDTHH:MM" with "Z" or "±HH:MM", or undefined if it is no such time. */
export function parseSessionTime(text) {
  const match = SESSION.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, sign, offsetHours, offsetMinutes] = match.slice(1).map((part, i) => (i === 5 ? part : Number(part ?? 0)));
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const date = new Date(local);
  // Date.UTC rolls 31 February over into March; a real date comes back as written.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60 * 1000;
  return local - offset;
}

/**
 * Splits a fragment (without its '#') into the link's values and the parts that are not ours.
 * Each value is kept only in its own shape; a key given twice, an unknown `sc-` key, bad percent-encoding
 * or a value of the wrong shape is dropped. `found` says whether any part was ours (then it is removed).
 * @returns {{found: boolean, link: {massage?: string, session?: number, lang?: string}, kept: string}}
 */
export function parseAftercareFragment(fragment) {
  const parts = fragment === '' ? [] : fragment.split('&');
  const ours = parts.filter((part) => part.startsWith(PREFIX));
  const kept = parts.filter((part) => !part.startsWith(PREFIX)).join('&');
  const values = new Map();
  const repeated = new Set();
  for (const part of ours) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const key = part.slice(PREFIX.length, equals);
    let value;
    try {
      value = decodeURIComponent(part.slice(equals + 1));
    } catch {
      continue;
    }
    if (values.has(key)) repeated.add(key);
    values.set(key, value);
  }
  for (const key of repeated) values.delete(key);
  const link = {};
  const massage = values.get('massage');
  if (massage !== undefined && /^[a-z][a-z0-9_]{0,39}$/.test(massage)) link.massage = massage;
  const session = values.has('session') ? parseSessionTime(values.get('session')) : undefined;
  if (session !== undefined) link.session = session;
  const lang = values.get('lang');
  if (lang !== undefined && /^[a-z]{2,3}$/.test(lang)) link.lang = lang;
  return { found: ours.length > 0, link, kept };
}

/**
 * Reads the aftercare link from this document's address and removes our keys from it and from history
 * (the current entry is replaced, none is added). Called first thing at start-up. Returns {} without a link.
 */
export function takeAftercareLink({ location, history } = globalThis) {
  if (!location?.hash.includes(PREFIX)) return {};
  const { found, link, kept } = parseAftercareFragment(location.hash.slice(1));
  if (!found) return {};
  try {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${kept ? `#${kept}` : ''}`);
  } catch {
    // A document whose URL cannot be rewritten: the values are still used, and the fragment never left the device.
  }
  return link;
}

/**
 * The link's candidate answers, by the questions the core gives: the kind of massage if it is one of the
 * question's options, and the whole hours from the session to `now` if within the question's range (a
 * session ahead of the clock beyond FUTURE_TOLERANCE_MS, or older than the question's maximum, gives none).
 */
export function answersFromLink(link, questions, now) {
  const answers = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  const kind = byId.get('massage_type');
  if (link.massage !== undefined && kind?.options?.some((option) => option.id === link.massage)) answers.massage_type = link.massage;
  const since = byId.get('hours_since_massage');
  if (link.session !== undefined && since && now - link.session >= -FUTURE_TOLERANCE_MS) {
    const hours = Math.floor(Math.max(0, now - link.session) / HOUR_MS);
    if (hours >= (since.min ?? 0) && hours <= since.max) answers.hours_since_massage = hours;
  }
  return answers;
}

/** The fragment for a link (the configurator's): only the values given, in a fixed order. */
export function aftercareFragment({ massage, session, lang }) {
  const parts = [];
  if (massage) parts.push(`sc-massage=${encodeURIComponent(massage)}`);
  // '+' and ':' may stand in a fragment as they are; they are kept readable.
  if (session) parts.push(`sc-session=${session}`);
  if (lang) parts.push(`sc-lang=${encodeURIComponent(lang)}`);
  return parts.join('&');
}

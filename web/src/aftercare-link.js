// The spa's aftercare link (issue 16): the checker's address with a URL fragment such as
//   #sc-massage=deep_tissue&sc-session=2026-12-01T14:30+01:00&sc-lang=de
// carrying only what the spa already knows: the kind of massage, when the session was, the spa's language.
// A fragment never reaches a server. The page and the widget take it at start-up and remove our `sc-` keys
// from the address bar and history at once (history.replaceState, so no entry keeps them); a host page's
// other fragment parts stay. Nothing here judges an answer: the values become candidate answers that the
// core must accept (flow.prefill), and anything odd is simply left out, so the question is asked. Every
// byte here is in the checker's first load: the core does the checks it can (options, ranges).
// Format and rules: docs/embedding.md, "The aftercare link".

/** A phone's clock and the spa's may disagree by a few minutes: a session this far "ahead" counts as just now. */
export const FUTURE_TOLERANCE_MS = 15 * 60 * 1000;

/** Milliseconds since the epoch of "YYYY-MM-DDTHH:MM" with "Z" or "±HH:MM", or undefined if it is no such time. */
export function parseSessionTime(text) {
  const [, local, offset] = /^(\d{4}-\d\d-\d\dT\d\d:\d\d)(Z|[+-](0\d|1[0-4]):[0-5]\d)$/.exec(text) ?? [];
  // A time that does not exist (30 February, 24:00) does not come back as written; some engines accept it.
  if (new Date(`${local}Z`).toJSON()?.startsWith(local)) return Date.parse(local + offset);
}

/**
 * The link's values from its `sc-` parts: of a key given twice the first counts, a session time must be one,
 * unknown keys are ignored. The kind of massage is checked by the core (an option of its question) and the
 * language against the languages we have, where each is used.
 * @param {string[]} parts @returns {{massage: ?string, session?: number, lang: ?string}}
 */
export function aftercareValues(parts) {
  // Percent-decoding as for a query string, but '+' is a '+' (of the time zone), not a space.
  const values = new URLSearchParams(parts.join('&').replace(/\+/g, '%2B'));
  const one = (key) => values.get(`sc-${key}`);
  return { massage: one('massage'), session: parseSessionTime(one('session')), lang: one('lang') };
}

/**
 * Reads the aftercare link from this document's address and removes our `sc-` parts from it and from history
 * (the current entry is replaced, none is added); the fragment's other parts stay. Called first thing at
 * start-up. A value not given is null (a session time that is none: undefined).
 */
export function takeAftercareLink({ location, history } = globalThis) {
  const parts = location?.hash.slice(1).split('&') ?? [];
  const ours = parts.filter((part) => part.startsWith('sc-'));
  if (ours.length) {
    const url = new URL(location.href);
    // The other parts stay; with none, the '#' goes too.
    url.hash = parts.filter((part) => !ours.includes(part)).join('&');
    try {
      history.replaceState(history.state, '', url);
    } catch {
      // A document whose URL cannot be rewritten: the values are still used, and the fragment never left the device.
    }
  }
  return aftercareValues(ours);
}

/**
 * The link's candidate answers at the time `now`: the kind of massage, and the whole hours since the
 * session (none for a session ahead of the clock beyond FUTURE_TOLERANCE_MS). The core judges them
 * (flow.prefill): a kind it does not know, or more hours than the question takes, is refused there.
 */
export function answersFromLink({ massage, session } = {}, now) {
  const answers = {};
  if (massage) answers.massage_type = massage;
  // Whole hours (`| 0` cuts toward 0, and a session of years 0000-9999 is far inside its range): a moment
  // ahead of the clock, within the tolerance, is 0.
  if (now - session >= -FUTURE_TOLERANCE_MS) answers.hours_since_massage = ((now - session) / 3600000) | 0;
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

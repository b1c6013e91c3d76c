// The shared test data of tests/data/ (the same JSON files the C++ tests read), for the JS and browser tests.
import { readFileSync } from 'node:fs';

/** A file of tests/data/, parsed. */
export function testData(name) {
  return JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8'));
}

/** The raw text of a file of tests/data/ (to hand to a page, which parses it itself). */
export function testDataText(name) {
  return readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8');
}

/** The usual answers: the textbook "good soreness", complete, in the order the checker asks. */
export const USUAL_ANSWERS = Object.freeze(testData('usual-answers.json').answers);

/** The usual answers with changes merged in (RFC 7396, as the C++ usual_with(): null removes an answer). */
export function usualWith(changes) {
  const answers = { ...USUAL_ANSWERS };
  for (const [id, value] of Object.entries(changes)) {
    if (value === null) delete answers[id];
    else answers[id] = value;
  }
  return answers;
}

const DISPOSITIONS = ['self_care', 'contact_therapist', 'see_doctor', 'urgent', 'emergency'];

/** A disposition's place from mildest (0) to most urgent, for the acceptable ranges and floors of tests/data. */
export function dispositionRank(id) {
  const rank = DISPOSITIONS.indexOf(id);
  if (rank < 0) throw new Error(`unknown disposition ${JSON.stringify(id)}`);
  return rank;
}

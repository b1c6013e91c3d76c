// Issue 18: each strings file declares its language's plural categories, and the page picks a form with
// Intl.PluralRules; the two must agree (the core's loader checks that every form is there).
// Issue 13: every sentence that takes a duration reads right for any number, in every language; in German
// a duration after a preposition takes the dative plural ("zwischen 1 und 2 Tagen", "nach 3 Tagen").
//
//   node --test tests/js/plurals.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, 'core', 'knowledge', 'strings');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const stringsOf = (file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

for (const file of files) {
  const strings = stringsOf(file);
  test(`${file}: the plural categories are those of Intl.PluralRules('${strings.language}')`, () => {
    const categories = new Intl.PluralRules(strings.language).resolvedOptions().pluralCategories;
    assert.deepEqual([...strings.plural_categories].sort(), [...categories].sort());
    for (const [unit, forms] of Object.entries(strings.amounts)) assert.deepEqual(Object.keys(forms).sort(), [...categories].sort(), unit);
  });
}

// ---- Duration sentences, filled as the page fills them -------------------------------------------------

// The page (web/src/ui/result.js) fills a duration placeholder with `name: duration(hours, form)`; reading those
// lines tells which placeholders are durations, so a new one is tested without being listed here.
const page = readFileSync(path.join(root, 'web', 'src', 'ui', 'result.js'), 'utf8');
const durationPlaceholders = new Map([...page.matchAll(/\b(\w+): duration\([^,()]+(?:\([^)]*\))?[^,()]*, '(\w+)'\)/g)].map((m) => [m[1], m[2]]));
// Placeholders that take no duration: a question count, a date, a name, a phone number, an address, a number to call.
const otherPlaceholders = new Set(['current', 'total', 'date', 'name', 'phone', 'email', 'number', 'line', 'version']);

/** Every text of a strings file with its path ("ui/timeline_summary"). */
function* texts(node, at = '') {
  if (typeof node === 'string') yield [at, node];
  else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) yield* texts(value, at ? `${at}/${key}` : key);
}

/** The form the page's amount() picks, and the category behind it; a missing form is an error, not a fallback. */
function amount(strings, n, unit, form) {
  const forms = strings.amounts[form ? `${unit}_${form}` : unit];
  const category = new Intl.PluralRules(strings.language, { maximumFractionDigits: 1 }).select(n);
  assert.ok(forms[category], `${strings.language}: amounts/${unit}${form ? `_${form}` : ''} has no '${category}' form (for ${n})`);
  return forms[category].replace('{n}', new Intl.NumberFormat(strings.language, { maximumFractionDigits: 1 }).format(n));
}

const NUMBERS = [0, 1, 2, 3, 5, 21, 1.5];

// What each amount must read, written out by hand (not made from the strings files), for the form after a
// preposition, which is the form every duration placeholder takes.
const decimal = { en: (n) => String(n), es: (n) => String(n).replace('.', ','), de: (n) => String(n).replace('.', ',') };
const EXPECTED = {
  en: (n, unit) => `${decimal.en(n)} ${n === 1 ? unit.slice(0, -1) : unit}`,
  es: (n, unit) => `${decimal.es(n)} ${{ hours: n === 1 ? 'hora' : 'horas', days: n === 1 ? 'día' : 'días' }[unit]}`,
  de: (n, unit) => `${decimal.de(n)} ${{ hours: n === 1 ? 'Stunde' : 'Stunden', days: n === 1 ? 'Tag' : 'Tagen' }[unit]}`,
};

// German prepositions that take the dative; a number after them takes "Tagen"/"Stunden", never "Tage".
const NUMBER = String.raw`(?:\d+(?:[.,]\d+)?|ein|eine|einem|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)`;
const DATIVE_PREPOSITION = String.raw`(?:nach|zwischen|in|seit|vor|bis zu|innerhalb von|binnen|von|mit|ab|zu)`;
const NOMINATIVE_AFTER_PREPOSITION = new RegExp(
  String.raw`\b${DATIVE_PREPOSITION}\s+(?:(?:den|der)\s+(?:nächsten|ersten|letzten)\s+)?(?:(?:etwa|ungefähr|rund|knapp|über|mehr als)\s+)?${NUMBER}(?:\s*(?:bis|und|oder|–|-)\s*${NUMBER})?\s+Tage\b`,
  'giu',
);
// A number other than one with a singular unit ("3 Tag", "2 Stunde", "1,5 Tag").
const SINGULAR_AFTER_MANY = /(?<![\d,.])(?!1\s)\d+(?:[.,]\d+)?\s+(?:Tag|Stunde)\b/gu;

test('the page fills the timeline with durations after prepositions, in the dative form', () => {
  assert.deepEqual([...durationPlaceholders.keys()].sort(), ['gone', 'peak_end', 'peak_start', 'seek']);
  for (const [name, form] of durationPlaceholders) assert.equal(form, 'dative', `${name} is filled with the '${form}' form`);
});

for (const file of files) {
  const strings = stringsOf(file);
  const language = strings.language;

  test(`${file}: every placeholder in every text is known, and duration placeholders sit in duration sentences`, () => {
    for (const [at, text] of texts(strings)) {
      if (at.startsWith('amounts/')) continue;
      for (const [, name] of text.matchAll(/\{(\w+)\}/g))
        assert.ok(durationPlaceholders.has(name) || otherPlaceholders.has(name), `${language}: ${at} has an unknown placeholder {${name}}`);
    }
  });

  test(`${file}: every amount form has {n} once, for every plural category of '${language}'`, () => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const unit of ['hours', 'days', 'hours_dative', 'days_dative']) {
      assert.ok(strings.amounts[unit], `${language}: amounts/${unit} is missing`);
      for (const category of categories) assert.equal(strings.amounts[unit][category]?.split('{n}').length, 2, `${language}: amounts/${unit}/${category}`);
    }
  });

  test(`${file}: every duration sentence reads right for ${NUMBERS.join(', ')} hours and days`, () => {
    assert.ok(EXPECTED[language], `write the expected forms for '${language}' in this test`);
    const sentences = [...texts(strings)].filter(([, text]) => [...durationPlaceholders.keys()].some((name) => text.includes(`{${name}}`)));
    assert.ok(sentences.length > 0, `${language}: no duration sentence found`);
    for (const unit of ['hours', 'days'])
      for (const n of NUMBERS) {
        const filledWith = amount(strings, n, unit, 'dative');
        assert.equal(filledWith, EXPECTED[language](n, unit), `${language}: ${n} ${unit} after a preposition`);
        for (const [at, template] of sentences) {
          const values = Object.fromEntries([...durationPlaceholders.keys()].map((name) => [name, filledWith]));
          const filled = template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);
          for (const name of durationPlaceholders.keys()) assert.ok(!filled.includes(`{${name}}`), `${language}: ${at} leaves {${name}}: ${filled}`);
          assert.ok(!filled.includes('{n}'), `${language}: ${at} leaves {n}: ${filled}`);
          if (language === 'de') {
            assert.deepEqual(filled.match(NOMINATIVE_AFTER_PREPOSITION), null, `${at}: ${filled}`);
            assert.deepEqual(filled.match(SINGULAR_AFTER_MANY), null, `${at}: ${filled}`);
          }
        }
      }
  });
}

test('de.json: no duration after a preposition in the nominative ("nach 3 Tage"), no "3 Tag"', () => {
  const strings = stringsOf('de.json');
  const wrong = [];
  for (const [at, text] of texts(strings)) {
    if (at.startsWith('amounts/')) continue;
    for (const m of text.matchAll(NOMINATIVE_AFTER_PREPOSITION)) wrong.push(`${at}: "${m[0]}"`);
    for (const m of text.matchAll(SINGULAR_AFTER_MANY)) wrong.push(`${at}: "${m[0]}"`);
  }
  assert.deepEqual(wrong, []);
});

test('the German checks catch the mistakes they are for', () => {
  for (const wrong of ['nach 3 Tage', 'zwischen 1 und 2 Tage', 'in den nächsten 1 bis 2 Tage', 'innerhalb von etwa 3 Tage', 'seit zwei Tage', 'Nach 1,5 Tage'])
    assert.ok(new RegExp(NOMINATIVE_AFTER_PREPOSITION.source, 'iu').test(wrong), wrong);
  for (const right of ['nach 3 Tagen', 'zwischen 1 Tag und 2 Tagen', 'in den nächsten 1 bis 2 Tagen', 'Es sind 3 Tage oder mehr vergangen', 'mehr als 2 Tage nach der Massage'])
    assert.ok(!new RegExp(NOMINATIVE_AFTER_PREPOSITION.source, 'iu').test(right), right);
  for (const wrong of ['nach 3 Tag', '2 Stunde', '1,5 Tag']) assert.ok(new RegExp(SINGULAR_AFTER_MANY.source, 'u').test(wrong), wrong);
  for (const right of ['1 Tag', '1 Stunde', 'nach 21 Tagen']) assert.ok(!new RegExp(SINGULAR_AFTER_MANY.source, 'u').test(right), right);
});

// Issue 18: each strings file declares its language's plural categories, and the page picks a form with
// Intl.PluralRules; the two must agree (the core's loader checks that every form is there).
//
//   node --test tests/js/plurals.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'core', 'knowledge', 'strings');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const strings = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  test(`${file}: the plural categories are those of Intl.PluralRules('${strings.language}')`, () => {
    const categories = new Intl.PluralRules(strings.language).resolvedOptions().pluralCategories;
    assert.deepEqual([...strings.plural_categories].sort(), [...categories].sort());
    for (const [unit, forms] of Object.entries(strings.amounts)) assert.deepEqual(Object.keys(forms).sort(), [...categories].sort(), unit);
  });
}

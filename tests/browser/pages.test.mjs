// The build-time start pages (web/build/build-pages.mjs): made from the knowledge base in every language,
// and a translation whose page texts drift from English stops the build. No browser needed.
//
//   node --test tests/browser/pages.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkUiTexts, escapeHtml } from '../../web/build/build-pages.mjs';
import { REPO_ROOT, SITE_DIR } from './harness.mjs';
import { LANGUAGES } from './checker-page.mjs';

const strings = (language) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'core/knowledge/strings', `${language}.json`), 'utf8'));

test('the shipped translations have exactly the English page texts and placeholders', () => {
  assert.deepEqual(checkUiTexts(LANGUAGES.map(strings)), []);
});

test('a missing, extra or mis-placeholdered page text is reported by language and id', () => {
  const en = strings('en');
  const es = strings('es');
  delete es.ui.back;
  es.ui.step = 'Pregunta {actual} de {total}';
  es.ui.surplus = 'sobra';
  assert.deepEqual(checkUiTexts([en, es]), [
    'es: /ui/step: expected the placeholders {current,total}',
    'es: /ui/back: missing text',
    'es: /ui/surplus: not in English',
  ]);
});

test('each built start page is in its language, with its emergency signs as plain HTML', () => {
  for (const language of LANGUAGES) {
    const html = readFileSync(path.join(SITE_DIR, language, 'index.html'), 'utf8');
    const texts = strings(language);
    assert.match(html, new RegExp(`<html lang="${language}">`));
    for (const id of ['chest_pain', 'short_breath', 'sudden_headache', 'brain_signs', 'saddle_numbness']) {
      const button = `data-option="${id}">${escapeHtml(texts.questions.danger_signs.options[id])}</button>`;
      assert.ok(html.includes(button), `${language}: ${button}`);
    }
    assert.doesNotMatch(html, /style=|<script(?![^>]*src=)/, 'no inline styles or scripts (strict CSP)');
  }
  assert.match(readFileSync(path.join(SITE_DIR, 'index.html'), 'utf8'), /<html lang="en" data-auto-language="true">/);
});

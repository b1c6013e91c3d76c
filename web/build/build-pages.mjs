// The static start page of every language, so the start screen and the emergency signs paint before
// the WebAssembly arrives (and still show if it never does). Used by build-site.mjs, which passes what
// the core itself returns (about(), questions()) for each language: the start screen is the same
// startScreen() the widget renders (web/src/ui/start-screen.js), here as HTML text.
//
// Writes <out>/index.html (English, switching to the browser's language once the app runs) and
// <out>/<lang>/index.html for each language. Fails when a language's page texts ("ui") differ from
// English in their ids or {placeholders}: the core does not check the "ui" section.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml, htmlElement, startScreen } from '../src/ui/start-screen.js';

export { escapeHtml };

const DEFAULT_LANGUAGE = 'en';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

/** Every language must have exactly English's page texts, with the same {placeholders}. */
export function checkUiTexts(languages) {
  const problems = [];
  const english = languages.find((l) => l.language === DEFAULT_LANGUAGE).ui;
  for (const { language, ui } of languages) {
    for (const key of Object.keys(english)) {
      if (typeof ui[key] !== 'string' || ui[key].trim() === '') problems.push(`${language}: /ui/${key}: missing text`);
      else if (placeholders(ui[key]) !== placeholders(english[key]))
        problems.push(`${language}: /ui/${key}: expected the placeholders {${placeholders(english[key])}}`);
    }
    for (const key of Object.keys(ui)) if (!(key in english)) problems.push(`${language}: /ui/${key}: not in English`);
  }
  return problems;
}

function languagesHtml(languages, current, base) {
  return languages
    .map(({ about: { language, language_name: name } }) => {
      const here = language === current ? ' aria-current="page"' : '';
      return `<li><a href="${base}${language}/" hreflang="${language}" lang="${language}"${here}>${escapeHtml(name)}</a></li>`;
    })
    .join('');
}

/**
 * One language's page.
 * @param {string} template page.html
 * @param {{about: object, startQuestion: object, fallbackAdvice: {id: string, text: string}[]}} page what the core returns:
 *   about(), the question it names in about().start_question, and about().fallback_advice
 * @param {{languages: object[], base: string, auto: boolean, style: string}} where style: the page's whole stylesheet,
 *   inline so that the first paint waits for no other request (the CSP allows it by its hash, web/build/headers.mjs)
 */
export function renderPage(template, { about, startQuestion, fallbackAdvice }, { languages, base, auto, style }) {
  const { ui } = about;
  const e = htmlElement;
  // If the WebAssembly never runs, the page still gives the basics as plain text.
  const advice = () => e('ul', {}, fallbackAdvice.map((a) => e('li', {}, [a.text])));
  const loading = [
    e('p', { id: 'status', class: 'status', role: 'status', 'data-failed': ui.load_failed }, [ui.loading]),
    e('noscript', {}, [e('p', { class: 'status' }, [ui.load_failed]), e('h2', {}, [ui.what_to_do]), advice()]),
    e('section', { id: 'basic-advice', 'aria-labelledby': 'basic-advice-title', hidden: '' }, [e('h2', { id: 'basic-advice-title' }, [ui.what_to_do]), advice()]),
  ];
  const values = {
    lang: about.language,
    auto: auto ? ' data-auto-language="true"' : '',
    base,
    style: inlineStyle(style),
    title: escapeHtml(ui.title),
    intro: escapeHtml(ui.intro),
    languages: languagesHtml(languages, about.language, base),
    start: startScreen(e, { ui, question: startQuestion }, loading).html,
  };
  for (const [key, text] of Object.entries(ui)) values[`ui.${key}`] = escapeHtml(text);
  return template.replace(/\{\{([\w.]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`page template: unknown placeholder {{${name}}}`);
    return values[name];
  });
}

/** The stylesheet as the text of a <style> element, which ends at the first "</style". */
function inlineStyle(css) {
  if (/<\/style/i.test(css)) throw new Error('the page stylesheet contains "</style", which would end its <style> element');
  return css;
}

/** Writes every language's page; `languages` are in page order, English first; `style` is the page's stylesheet. */
export function writeStartPages(template, languages, out, style) {
  const problems = checkUiTexts(languages.map((l) => l.about));
  if (problems.length) throw new Error(`page texts do not match English:\n  ${problems.join('\n  ')}`);
  const write = (file, html) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
  };
  for (const page of languages) {
    write(path.join(out, page.about.language, 'index.html'), renderPage(template, page, { languages, base: '../', auto: false, style }));
  }
  const fallback = languages.find((l) => l.about.language === DEFAULT_LANGUAGE);
  write(path.join(out, 'index.html'), renderPage(template, fallback, { languages, base: '', auto: true, style }));
}

// Writes the static start page of every language from the knowledge base, so the start screen and the
// emergency signs paint before the WebAssembly arrives (and still show if it never does).
//
//   node web/build-pages.mjs --knowledge core/knowledge --template web/page.html --out build/site
//
// Writes <out>/index.html (English, switching to the browser's language once the app runs) and
// <out>/<lang>/index.html for each strings/<lang>.json. Fails when a language's page texts ("ui")
// differ from English in their ids or {placeholders}: the core does not check the "ui" section.

import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const DEFAULT_LANGUAGE = 'en';

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!['knowledge', 'template', 'out'].includes(name) || argv[i + 1] === undefined) {
      throw new Error(`usage: build-pages.mjs --knowledge DIR --template FILE --out DIR (bad argument ${argv[i]})`);
    }
    options[name] = argv[i + 1];
  }
  for (const name of ['knowledge', 'template', 'out']) {
    if (!options[name]) throw new Error(`missing --${name}`);
  }
  return options;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

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
    .map(({ language, language_name: name }) => {
      const here = language === current ? ' aria-current="page"' : '';
      return `<li><a href="${base}${language}/" hreflang="${language}" lang="${language}"${here}>${escapeHtml(name)}</a></li>`;
    })
    .join('');
}

export function renderPage(template, { strings, knowledgeBase, languages, base, auto }) {
  // The first question of the knowledge base is the emergency screen: its options go straight to a result.
  const danger = knowledgeBase.questions[0];
  const dangerTexts = strings.questions[danger.id];
  const exclusive = new Set(danger.exclusive ?? []);
  const signs = danger.options
    .filter((id) => !exclusive.has(id))
    .map((id) => `<li><button type="button" class="sign" data-option="${id}">${escapeHtml(dangerTexts.options[id])}</button></li>`)
    .join('');
  const begin = danger.options
    .filter((id) => exclusive.has(id))
    .map(
      (id) =>
        `<button type="button" class="begin primary" data-option="${id}"><span class="begin-option">${escapeHtml(dangerTexts.options[id])}</span> <span class="begin-action">${escapeHtml(strings.ui.start_check)}</span></button>`,
    )
    .join('');
  // If the WebAssembly never runs, the page still gives the basics as plain text: the emergency call,
  // then what the knowledge base advises for ordinary soreness (the self-care disposition's advice and
  // that of the rules that always apply, and of `usual_soreness`, which since issue 18 applies to
  // everyone who is sore). Issue 15 moves this choice into the core.
  const selfCare = knowledgeBase.dispositions.find((d) => d.id === 'self_care');
  const ordinaryRules = knowledgeBase.rules.filter((r) => r.when.length === 0 || r.id === 'usual_soreness');
  if (!ordinaryRules.some((r) => r.id === 'usual_soreness')) throw new Error('build-pages: the knowledge base has no usual_soreness rule for the fallback advice');
  const basicIds = [...new Set(['call_emergency_now', ...ordinaryRules.flatMap((r) => r.advice), ...selfCare.advice])];
  const basicAdvice = basicIds.map((id) => `<li>${escapeHtml(strings.advice[id])}</li>`).join('');
  const values = {
    basic_advice: basicAdvice,
    lang: strings.language,
    auto: auto ? ' data-auto-language="true"' : '',
    base,
    title: escapeHtml(strings.ui.title),
    intro: escapeHtml(strings.ui.intro),
    languages: languagesHtml(languages, strings.language, base),
    'danger.id': danger.id,
    'danger.text': escapeHtml(dangerTexts.text),
    signs,
    begin,
  };
  for (const [key, text] of Object.entries(strings.ui)) values[`ui.${key}`] = escapeHtml(text);
  return template.replace(/\{\{([\w.]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`page template: unknown placeholder {{${name}}}`);
    return values[name];
  });
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const knowledgeBase = JSON.parse(readFileSync(path.join(options.knowledge, 'knowledge-base.json'), 'utf8'));
  const stringsDir = path.join(options.knowledge, 'strings');
  const languages = readdirSync(stringsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(stringsDir, f), 'utf8')))
    .sort((a, b) => (a.language === DEFAULT_LANGUAGE ? -1 : b.language === DEFAULT_LANGUAGE ? 1 : a.language.localeCompare(b.language)));
  const problems = checkUiTexts(languages);
  if (problems.length) throw new Error(`page texts do not match English:\n  ${problems.join('\n  ')}`);

  const template = readFileSync(options.template, 'utf8');
  const write = (file, html) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
  };
  for (const strings of languages) {
    write(path.join(options.out, strings.language, 'index.html'), renderPage(template, { strings, knowledgeBase, languages, base: '../', auto: false }));
  }
  const fallback = languages.find((l) => l.language === DEFAULT_LANGUAGE);
  write(path.join(options.out, 'index.html'), renderPage(template, { strings: fallback, knowledgeBase, languages, base: '', auto: true }));
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) {
  try {
    main();
  } catch (failure) {
    console.error(`build-pages: ${failure.message}`);
    process.exit(1);
  }
}

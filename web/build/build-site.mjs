// Writes the whole site, the embeddable widget in it, from web/src/, the JS wrapper, the built core and
// the knowledge base. The one build entry of the web side; web/CMakeLists.txt runs it.
//
//   node web/build/build-site.mjs --knowledge core/knowledge --core DIR --checker wasm-bindings/checker.js \
//     --out build/site --version 1.0.0 --license LICENSE --notices THIRD-PARTY-NOTICES.txt [--stamp FILE]
//
// esbuild bundles the modules and minifies the CSS; terser minifies the JS. Both are dev dependencies
// pinned in package.json; nothing of them ships. Why terser for JS: the Emscripten glue is one big
// function, and esbuild keeps the unused functions inside it where terser's compressor drops them
// (about 650 bytes of gzip for each of the three copies of the glue). What it writes:
//   index.html, <lang>/index.html  the start pages, made from what the core returns for each language
//   app.js                 the page: app.js and the shared screens, one module (the core's fallback on the
//                          page's own thread, checker.js, loads only when no worker can run it)
//   checker-worker.js      the page's worker with the JS wrapper and the Emscripten glue: one request where
//                          a phone would otherwise make three, one after the other
//   checker-off-thread.js, checker.js, checker-error.js, soreness-core.js(.wasm)  the JS API, for pages of their own
//   style.css              theme.css + checker.css + style.css, inline in the start pages (the file is the
//                          configurator's); knowledge/ without indentation
//   _headers               the response headers (web/build/headers.mjs), with the inline style's hash in the CSP
//   configure.* (configure.js with the QR code library), icons/, manifest.webmanifest, THIRD-PARTY-NOTICES.txt,
//                          and last sw.js (precaches the above)
//   widget/                the npm package of <soreness-check>: one module (the element, the shared screens,
//                          the JS wrapper and the glue), its stylesheet, the wasm, the knowledge base, embed.html
//                          for the sandboxed iframe, package.json, types, LICENSE and THIRD-PARTY-NOTICES.txt
// The whole site folder is written anew each time, so no file of an older build stays to be precached.

import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { minify as terser } from 'terser';
import { writeStartPages } from './build-pages.mjs';
import { writeManifest } from './build-manifest.mjs';
import { writeServiceWorker } from './build-sw.mjs';
import { headersFile, siteHeaderRules, styleHash } from './headers.mjs';

const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const src = (file) => path.join(SOURCE, file);
const read = (file) => readFileSync(file, 'utf8');
const TARGET = ['es2022', 'chrome100', 'firefox100', 'safari15.4'];

function parseArgs(argv) {
  const names = ['knowledge', 'core', 'checker', 'out', 'version', 'license', 'notices', 'stamp'];
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!names.includes(name) || argv[i + 1] === undefined) throw new Error(`usage: build-site.mjs ${names.map((n) => `--${n} X`).join(' ')} (bad argument ${argv[i]})`);
    options[name] = argv[i + 1];
  }
  for (const name of names) if (!options[name] && name !== 'stamp') throw new Error(`missing --${name}`);
  return options;
}

/** The theme's colours as --soreness-* properties of the widget's frame, with the page's values as defaults. */
export function widgetTheme(theme) {
  return theme
    .replace(/:root\b/g, '.checker')
    .replace(/^(\s*)--([\w-]+):\s*([^;]+);/gm, (_, space, name, value) => `${space}--${name}: var(--soreness-${name}, ${value});`)
    .replace(/^\s*(font-family|font-size|line-height):[^;]+;\n/gm, '');
}

/** Lengths relative to the widget's font size, not the host page's root. */
const remToEm = (css) => css.replace(/(\d)rem\b/g, '$1em');

const minifyCss = async (css) => (await esbuild.transform(css, { loader: 'css', minify: true, target: TARGET })).code;
const minifyJs = async (code) =>
  `${(await terser(code, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code}\n`;

/**
 * Where the sources' imports of the wrapper and the glue lead: './checker.js' is wasm-bindings/checker.js
 * (or left to the site's own copy, `external`), './soreness-core.js' the built glue; `languages` replaces
 * languages.js with the knowledge base's list.
 */
function sitePlugin({ checker, glue, checkerExternal = false, errorExternal = checkerExternal, languages }) {
  return {
    name: 'soreness-site',
    setup(build) {
      build.onResolve({ filter: /^\.\/checker\.js$/ }, () => (checkerExternal ? { path: './checker.js', external: true } : { path: path.resolve(checker) }));
      build.onResolve({ filter: /^\.\/soreness-core\.js$/ }, () => ({ path: path.resolve(glue) }));
      // The error class is one module for checker-off-thread.js and checker.js as files of their own (so
      // instanceof holds across them for pages that use both); `errorExternal: false` bundles it instead.
      build.onResolve({ filter: /^\.\/checker-error\.js$/ }, () =>
        (errorExternal ? { path: './checker-error.js', external: true } : { path: path.join(path.dirname(path.resolve(checker)), 'checker-error.js') }));
      if (languages) {
        build.onLoad({ filter: /[\\/]src[\\/]languages\.js$/ }, () => ({ contents: `export const LANGUAGES = ${JSON.stringify(languages)};`, loader: 'js' }));
      }
    },
  };
}

/** Bundles an entry into one minified ES module; returns the files it read. */
async function bundle(entry, outfile, plugin) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    target: TARGET,
    legalComments: 'none', // the notices ship as THIRD-PARTY-NOTICES.txt
    plugins: [plugin],
    logLevel: 'warning',
    metafile: true,
    outfile,
  });
  writeFileSync(outfile, await minifyJs(result.outputFiles[0].text));
  return Object.keys(result.metafile.inputs);
}

/** The core's own texts for each language, from the built wrapper and wasm run in Node. */
/** The knowledge base as the browser gets it: everything the core judges by, none of the texts for reviewers. */
export function withoutSources(knowledgeBase) {
  const { about, ...shipped } = knowledgeBase;
  shipped.rules = knowledgeBase.rules.map(({ source, ...rule }) => rule);
  if (knowledgeBase.help_lines) {
    const { source, ...lines } = knowledgeBase.help_lines;
    shipped.help_lines = lines;
  }
  return shipped;
}

async function coreTexts(out, knowledgeBase, languages) {
  const { createChecker } = await import(pathToFileURL(path.join(out, 'checker.js')).href);
  const wasmBinary = readFileSync(path.join(out, 'soreness-core.wasm'));
  const texts = [];
  for (const language of languages) {
    const checker = await createChecker({ language, wasmBinary, knowledgeBase, strings: read(path.join(out, 'knowledge/strings', `${language}.json`)) });
    try {
      texts.push({ about: checker.about(), questions: checker.questions() });
    } finally {
      checker.close();
    }
  }
  return texts;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const out = path.resolve(options.out);
  const widget = path.join(out, 'widget');
  const glue = path.join(options.core, 'soreness-core.js');
  const inputs = new Set();
  const note = (files) => files.forEach((file) => inputs.add(path.resolve(file)));

  const languages = readdirSync(path.join(options.knowledge, 'strings'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));

  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(widget, 'knowledge', 'strings'), { recursive: true });
  mkdirSync(path.join(out, 'knowledge', 'strings'), { recursive: true });

  // The knowledge base without its indentation, and without what only people read — the rules' and the help
  // lines' sources and the file's own "about" (docs/rules.md and the full file keep them): the browser never
  // shows them, and every client saves about 2 KB of gzip. The browser's loader accepts a rule without a source
  // (load_options in core/include/soreness/knowledge_base.hpp); the native tests check the full file has them.
  const knowledgeBase = JSON.stringify(withoutSources(JSON.parse(read(path.join(options.knowledge, 'knowledge-base.json')))));
  for (const folder of [out, widget]) {
    writeFileSync(path.join(folder, 'knowledge', 'knowledge-base.json'), knowledgeBase);
    for (const language of languages) {
      const strings = read(path.join(options.knowledge, 'strings', `${language}.json`));
      writeFileSync(path.join(folder, 'knowledge', 'strings', `${language}.json`), JSON.stringify(JSON.parse(strings)));
    }
  }

  // The JS API as files of their own: the wrapper and the glue (the page's fallback, tests, benchmarks).
  writeFileSync(path.join(out, 'checker.js'), await minifyJs(read(options.checker)));
  writeFileSync(path.join(out, 'checker-error.js'), await minifyJs(read(path.join(path.dirname(options.checker), 'checker-error.js'))));
  writeFileSync(path.join(out, 'soreness-core.js'), await minifyJs(read(glue)));
  cpSync(path.join(options.core, 'soreness-core.wasm'), path.join(out, 'soreness-core.wasm'));
  cpSync(path.join(options.core, 'soreness-core.wasm'), path.join(widget, 'soreness-core.wasm'));

  const onPage = sitePlugin({ checker: options.checker, glue, checkerExternal: true });
  const bundled = sitePlugin({ checker: options.checker, glue, languages });
  // app.js carries the error class itself: as an import it was one more request, one round trip after app.js and
  // before app.js could run and start the worker. The page never asks an error for its class (it reads the code and
  // message), so its page-thread fallback (the site's checker.js, with checker-error.js) may throw a twin class.
  note(await bundle(src('app.js'), path.join(out, 'app.js'), sitePlugin({ checker: options.checker, glue, checkerExternal: true, errorExternal: false })));
  note(await bundle(src('checker-off-thread.js'), path.join(out, 'checker-off-thread.js'), onPage));
  note(await bundle(src('checker-worker.js'), path.join(out, 'checker-worker.js'), bundled));
  note(await bundle(src('soreness-check.js'), path.join(widget, 'soreness-check.js'), bundled));

  const theme = read(src('theme.css'));
  const checkerCss = read(src('checker.css'));
  // The page's stylesheet goes inline into every start page (the first paint waits for no stylesheet; 3.3 KB of
  // gzip fits in the first round trip with the HTML); style.css stays as a file for the configurator.
  const pageCss = (await minifyCss(`${theme}\n${checkerCss}\n${read(src('style.css'))}`)).trim();
  writeFileSync(path.join(out, 'style.css'), `${pageCss}\n`);
  writeFileSync(path.join(widget, 'soreness-check.css'), await minifyCss(remToEm(`${widgetTheme(theme)}\n${checkerCss}\n${read(src('widget.css'))}`)));

  // The spa owners' configurator: it loads the widget from widget/ as any host page would; the aftercare
  // link's format and the QR code library (npm `qr`) are bundled into it, so the checker never loads them.
  const widgetExternal = { name: 'widget-external', setup: (build) => build.onResolve({ filter: /^\.\/(widget\/|checker\.js$)/ }, (args) => ({ path: args.path, external: true })) };
  note(await bundle(src('configure.js'), path.join(out, 'configure.js'), widgetExternal));
  writeFileSync(path.join(out, 'configure.css'), await minifyCss(read(src('configure.css'))));
  cpSync(src('configure.html'), path.join(out, 'configure.html'));

  for (const file of ['embed.html', 'embed.js', 'embed-host.js', 'soreness-check.d.ts', 'README.md']) cpSync(src(path.join('embed', file)), path.join(widget, file));
  const manifest = JSON.parse(read(src('embed/package.json')));
  manifest.version = options.version;
  writeFileSync(path.join(widget, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The licences of the code the site ships (the Emscripten glue, libc++, musl, nlohmann/json in the wasm);
  // read by people, not by the page, so the service worker does not precache them.
  cpSync(options.license, path.join(widget, 'LICENSE'));
  cpSync(options.notices, path.join(widget, 'THIRD-PARTY-NOTICES.txt'));
  cpSync(options.notices, path.join(out, 'THIRD-PARTY-NOTICES.txt'));
  cpSync(src('icons'), path.join(out, 'icons'), { recursive: true });

  // The start pages and the manifest from the core's own output: its texts, the start question it names and
  // the advice it gives for a page whose engine cannot run. Nothing here reads the knowledge base itself.
  const texts = await coreTexts(out, knowledgeBase, languages);
  const pages = texts.map(({ about, questions }) => {
    const startQuestion = questions.find((q) => q.id === about.start_question);
    if (!startQuestion) throw new Error(`${about.language}: the knowledge base names no start question`);
    return { about, startQuestion, fallbackAdvice: about.fallback_advice };
  });
  writeStartPages(read(src('page.html')), pages, out, pageCss);
  // The headers a host sends (Netlify and Cloudflare Pages read this file; scripts/serve.mjs too): the CSP allows
  // the start pages' inline style by its hash, so it changes with the CSS and must come from the same build.
  writeFileSync(path.join(out, '_headers'), headersFile(siteHeaderRules({ styleHashes: [styleHash(pageCss)] })));
  writeManifest(out, texts[0].about);

  // Last: the service worker, whose precache list and version come from every file written above.
  writeServiceWorker(out);
  if (options.stamp) writeFileSync(options.stamp, `${[...inputs].sort().join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) {
  main().catch((failure) => {
    console.error(`build-site: ${failure.stack ?? failure.message}`);
    process.exit(1);
  });
}

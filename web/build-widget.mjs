// Writes the page's stylesheet, the page's worker and the embeddable widget into the built site.
//
//   node web/build-widget.mjs --web web --knowledge core/knowledge --core DIR --checker FILE --out build/site --version 1.0.0 \
//     --license LICENSE --notices THIRD-PARTY-NOTICES.txt
//
// <out>/style.css        theme.css + checker.css + style.css (the page's one stylesheet)
// <out>/checker-worker.js the page's worker, the JS wrapper and the Emscripten glue as one module: one request
//                        where a phone would otherwise make three, one after the other
// <out>/widget/          the npm package of <soreness-check>: one ES module (soreness-check.js: the element,
//                        the shared screens, the JS wrapper and the Emscripten glue, bundled), its stylesheet,
//                        the wasm, the knowledge base, embed.html for the sandboxed iframe, package.json, types,
//                        LICENSE and THIRD-PARTY-NOTICES.txt (the glue and the wasm carry third-party code).
//
// Bundling uses acorn, which Emscripten already needs (Debian's node-acorn, found through NODE_PATH): the
// module graph is five files of our own, so a parser-driven bundler of a page beats a bundler dependency.
// Minifying uses Debian's node-terser (renaming locals saves about 4.4 KB of gzip, which keeps the first
// load within its 90 KB budget). Without terser the build still works with a fallback that only drops
// comments and indentation, and says so; tests/browser/widget-package.test.mjs then fails the budget.

import { readFileSync, writeFileSync, mkdirSync, rmSync, cpSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

function loadAcorn() {
  try {
    return require('acorn');
  } catch {
    return require('/usr/share/nodejs/acorn');
  }
}

function loadTerser() {
  for (const name of ['terser', '/usr/share/nodejs/terser']) {
    try {
      return require(name);
    } catch {
      // try the next place
    }
  }
  return null;
}

/** Minifies the bundle: terser when installed, else comments and indentation only. */
export async function minifyBundle(code, acorn = loadAcorn(), terser = loadTerser()) {
  if (!terser) {
    console.warn('build-widget: node-terser is not installed (scripts/setup.sh): the widget is only lightly minified');
    return minifyJs(code, acorn);
  }
  const result = await terser.minify(code, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return `${result.code}\n`;
}

function parseArgs(argv) {
  const names = ['web', 'knowledge', 'core', 'checker', 'out', 'version', 'license', 'notices'];
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!names.includes(name) || argv[i + 1] === undefined) throw new Error(`usage: build-widget.mjs ${names.map((n) => `--${n} X`).join(' ')} (bad argument ${argv[i]})`);
    options[name] = argv[i + 1];
  }
  for (const name of names) if (!options[name]) throw new Error(`missing --${name}`);
  return options;
}

const parse = (acorn, code, file, extra = {}) => {
  try {
    return acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', ...extra });
  } catch (failure) {
    throw new Error(`${file}: ${failure.message}`);
  }
};

/** Drops comments and indentation, keeping a line break wherever the source had one between two tokens. */
export function minifyJs(code, acorn = loadAcorn()) {
  const tokens = [];
  parse(acorn, code, 'minify', { onToken: tokens });
  const word = /[\w$\u0080-\uffff]/;
  let out = '';
  let previous = null;
  for (const token of tokens) {
    if (token.type === acorn.tokTypes.eof) break;
    const text = code.slice(token.start, token.end);
    if (previous) {
      const gap = code.slice(previous.end, token.start);
      const last = out.at(-1);
      const first = text[0];
      if (/[\n\r\u2028\u2029]/.test(gap)) out += '\n';
      else if (gap !== '' && ((word.test(last) && word.test(first)) || (last === first && '+-/'.includes(first)) || (previous.type === acorn.tokTypes.num && first === '.'))) out += ' ';
    }
    out += text;
    previous = token;
  }
  return `${out}\n`;
}

/**
 * One ES module from an entry and the relative modules it imports (listed in `files`: specifier -> path).
 * Each dependency runs once, in import order, in its own function scope; the entry's exports stay exports.
 */
export function bundle(entry, files, acorn = loadAcorn()) {
  const order = [];
  const names = new Map();
  const visit = (specifier, from) => {
    if (names.has(specifier)) return;
    const file = files[specifier];
    if (!file) throw new Error(`${from}: imports ${specifier}, which is not part of the bundle`);
    names.set(specifier, `__module${names.size}`);
    const code = readFileSync(file, 'utf8');
    const ast = parse(acorn, code, file);
    for (const node of ast.body) if (node.type === 'ImportDeclaration') visit(node.source.value, file);
    order.push({ specifier, file, code, ast });
  };
  visit(entry, 'entry');

  const importsOf = (node) => {
    const module = names.get(node.source.value);
    const parts = [];
    const named = [];
    for (const s of node.specifiers) {
      if (s.type === 'ImportDefaultSpecifier') parts.push(`const ${s.local.name} = ${module}.default;`);
      else if (s.type === 'ImportNamespaceSpecifier') parts.push(`const ${s.local.name} = ${module};`);
      else named.push(s.imported.name === s.local.name ? s.local.name : `${s.imported.name}: ${s.local.name}`);
    }
    if (named.length) parts.push(`const { ${named.join(', ')} } = ${module};`);
    return parts.join(' ');
  };

  const chunks = [];
  for (const { specifier, code, ast } of order) {
    const isEntry = specifier === entry;
    const edits = [];
    const exported = [];
    for (const node of ast.body) {
      if (node.type === 'ImportDeclaration') edits.push([node.start, node.end, importsOf(node)]);
      else if (isEntry) continue;
      else if (node.type === 'ExportNamedDeclaration' && node.declaration) {
        edits.push([node.start, node.declaration.start, '']);
        const declaration = node.declaration;
        if (declaration.declarations) for (const d of declaration.declarations) exported.push(`${d.id.name}`);
        else exported.push(declaration.id.name);
      } else if (node.type === 'ExportNamedDeclaration') {
        edits.push([node.start, node.end, '']);
        for (const s of node.specifiers) exported.push(s.local.name === s.exported.name ? s.local.name : `${s.exported.name}: ${s.local.name}`);
      } else if (node.type === 'ExportDefaultDeclaration') {
        edits.push([node.start, node.declaration.start, 'const __default = ']);
        exported.push('default: __default');
      } else if (node.type === 'ExportAllDeclaration') {
        throw new Error(`${specifier}: "export *" is not supported by the bundler`);
      }
    }
    let text = code;
    for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + replacement + text.slice(end);
    chunks.push(isEntry ? text : `const ${names.get(specifier)} = (() => {\n${text}\nreturn { ${exported.join(', ')} };\n})();\n`);
  }
  const result = chunks.join('\n');
  parse(acorn, result, 'the bundle');
  return result;
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

export function minifyCss(css) {
  return `${css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim()}\n`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const acorn = loadAcorn();
  const web = (file) => path.join(options.web, file);
  const read = (file) => readFileSync(file, 'utf8');
  const out = options.out;
  const widget = path.join(out, 'widget');

  const theme = read(web('theme.css'));
  const checkerCss = read(web('checker.css'));
  writeFileSync(path.join(out, 'style.css'), `${theme}\n${checkerCss}\n${read(web('style.css'))}`);
  const glue = path.join(options.core, 'soreness-core.js');
  writeFileSync(path.join(out, 'checker-worker.js'), bundle('./checker-worker.js', {
    './checker-worker.js': web('checker-worker.js'),
    './checker.js': options.checker,
    './soreness-core.js': glue,
  }, acorn));

  const languages = readdirSync(path.join(options.knowledge, 'strings'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));

  rmSync(widget, { recursive: true, force: true });
  mkdirSync(path.join(widget, 'knowledge', 'strings'), { recursive: true });
  let code = bundle(
    './soreness-check.js',
    {
      './soreness-check.js': web('soreness-check.js'),
      './checker-ui.js': web('checker-ui.js'),
      './figures.js': web('figures.js'),
      './checker.js': options.checker,
      './soreness-core.js': glue,
    },
    acorn,
  );
  const languageList = /export const LANGUAGES = \[[^\]]*\];/;
  if (!languageList.test(code)) throw new Error('soreness-check.js: the LANGUAGES list is missing');
  code = code.replace(languageList, `export const LANGUAGES = ${JSON.stringify(languages)};`);
  writeFileSync(path.join(widget, 'soreness-check.js'), await minifyBundle(code, acorn));
  writeFileSync(path.join(widget, 'soreness-check.css'), minifyCss(remToEm(`${widgetTheme(theme)}\n${checkerCss}\n${read(web('widget.css'))}`)));
  cpSync(path.join(options.core, 'soreness-core.wasm'), path.join(widget, 'soreness-core.wasm'));
  // The knowledge base without its indentation: the same data, fewer bytes for every client.
  const copyJson = (from, to) => writeFileSync(to, JSON.stringify(JSON.parse(read(from))));
  copyJson(path.join(options.knowledge, 'knowledge-base.json'), path.join(widget, 'knowledge', 'knowledge-base.json'));
  for (const language of languages) {
    copyJson(path.join(options.knowledge, 'strings', `${language}.json`), path.join(widget, 'knowledge', 'strings', `${language}.json`));
  }
  for (const file of ['embed.html', 'embed.js', 'embed-host.js', 'soreness-check.d.ts', 'README.md']) {
    cpSync(web(path.join('embed', file)), path.join(widget, file));
  }
  cpSync(options.license, path.join(widget, 'LICENSE'));
  cpSync(options.notices, path.join(widget, 'THIRD-PARTY-NOTICES.txt'));
  const manifest = JSON.parse(read(web('embed/package.json')));
  manifest.version = options.version;
  writeFileSync(path.join(widget, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) {
  main().catch((failure) => {
    console.error(`build-widget: ${failure.message}`);
    process.exit(1);
  });
}

// Writes <site>/sw.js from sw.template.js: the precache list is every file of the built site (so no
// file can be forgotten) and the version is a hash of their contents (so any change makes a new cache).
// Run last, by build-site.mjs (or alone: node web/build/build-sw.mjs build/site).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The page needs neither the widget package (widget/, with its own copy of the wasm), the spa
// owners' configurator nor the third-party licence texts offline; precaching them would cost every
// phone that opens the page. The start pages carry their stylesheet inline (style.css is the configurator's), and
// _headers is for the host, not a file the site serves.
const skipped = (file) => file === 'sw.js' || file === '_headers' || file === 'style.css' || file.startsWith('widget/') || file.startsWith('configure.') || file === 'THIRD-PARTY-NOTICES.txt';

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** Writes site/sw.js; returns its version. */
export function writeServiceWorker(site) {
  const files = listFiles(site)
    .map((full) => path.relative(site, full).split(path.sep).join('/'))
    .filter((file) => !skipped(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(site, file)));
  const version = hash.digest('hex').slice(0, 16);

  const template = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/pwa/sw.template.js'), 'utf8');
  const precache = JSON.stringify(files.map((file) => `./${file}`));
  writeFileSync(path.join(site, 'sw.js'), template.replace("'__VERSION__'", `'${version}'`).replace('__PRECACHE__', precache));
  console.log(`sw.js: version ${version}, ${files.length} files precached`);
  return version;
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) writeServiceWorker(path.resolve(process.argv[2] ?? 'build/site'));

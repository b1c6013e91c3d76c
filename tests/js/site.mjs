// Loads the built site's checker in Node: the 3.1.6 glue cannot fetch file paths, so the .wasm
// bytes and knowledge base are passed in.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const siteDir = process.env.SITE_DIR
  ? path.resolve(process.env.SITE_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build/site');

if (!existsSync(path.join(siteDir, 'checker.js'))) {
  throw new Error(`${siteDir}/checker.js is missing: build the site first (scripts/build.sh wasm-release)`);
}

export const checkerModule = await import(pathToFileURL(path.join(siteDir, 'checker.js')).href);

export function readSite(relative) {
  return readFileSync(path.join(siteDir, relative), 'utf8');
}

/** A checker over the built site's files, in Node. */
export function nodeChecker(language = 'en') {
  return checkerModule.createChecker({
    language,
    wasmBinary: readFileSync(path.join(siteDir, 'soreness-core.wasm')),
    knowledgeBase: readSite('knowledge/knowledge-base.json'),
    strings: readSite(`knowledge/strings/${language}.json`),
  });
}

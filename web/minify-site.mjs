// Minifies the page's own files in the built site, in place: its ES modules (terser, as for the widget),
// its stylesheet, and the knowledge base without indentation. Every byte is downloaded by someone on a
// phone; the sources in web/ and core/knowledge/ stay readable.
//
//   node web/minify-site.mjs build/site
//
// The widget (site/widget/) is minified by build-widget.mjs; the service worker is written after this.

import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { minifyBundle, minifyCss } from './build-widget.mjs';

async function main(site) {
  if (!site) throw new Error('usage: minify-site.mjs SITE_DIR');
  const inFolder = (folder, ending) => readdirSync(path.join(site, folder)).filter((name) => name.endsWith(ending)).map((name) => path.join(site, folder, name));
  const rewrite = async (file, change) => writeFileSync(file, await change(readFileSync(file, 'utf8')));

  const modules = [...inFolder('.', '.js'), ...inFolder('pwa', '.js')].filter((file) => path.basename(file) !== 'sw.js');
  for (const file of modules) await rewrite(file, (code) => minifyBundle(code));
  for (const file of inFolder('.', '.css')) await rewrite(file, minifyCss);
  for (const file of [...inFolder('knowledge', '.json'), ...inFolder('knowledge/strings', '.json')]) {
    await rewrite(file, (text) => JSON.stringify(JSON.parse(text)));
  }
}

main(process.argv[2]).catch((failure) => {
  console.error(`minify-site: ${failure.message}`);
  process.exit(1);
});

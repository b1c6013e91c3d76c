// Writes <site>/manifest.webmanifest, with the app's name and description from the knowledge base's
// English texts, so the installed app's words have one source like every other text.
//   node web/pwa/build-manifest.mjs --knowledge core/knowledge --out build/site
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const argument = (name) => {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0 || !process.argv[index + 1]) throw new Error(`usage: build-manifest.mjs --knowledge DIR --out DIR (missing --${name})`);
  return process.argv[index + 1];
};
const { ui, language } = JSON.parse(readFileSync(path.join(argument('knowledge'), 'strings/en.json'), 'utf8'));
const themeColour = '#0b6466';

const manifest = {
  name: ui.app_name,
  short_name: ui.app_short_name,
  description: ui.intro,
  lang: language,
  start_url: './',
  scope: './',
  display: 'standalone',
  theme_color: themeColour,
  background_color: '#ffffff',
  icons: [
    { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
    { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
writeFileSync(path.join(argument('out'), 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);

// Writes <site>/manifest.webmanifest, with the app's name and description from the English texts the
// core returns (about().ui), so the installed app's words have one source like every other text.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const themeColour = '#0b6466';

/** @param {string} out the site folder @param {{language: string, ui: Record<string, string>}} about English */
export function writeManifest(out, { ui, language }) {
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
  writeFileSync(path.join(out, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);
}

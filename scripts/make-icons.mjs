// Renders the PNG app icons from the SVG sources with Debian's Chromium. Run after editing an SVG:
//   node scripts/make-icons.mjs
// The PNGs are committed (they are sources for the manifest, not build output).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const icons = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/src/icons');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const [source, size, output] of [
    ['icon.svg', 192, 'icon-192.png'], ['icon.svg', 512, 'icon-512.png'],
    ['maskable.svg', 192, 'maskable-192.png'], ['maskable.svg', 512, 'maskable-512.png'],
    ['icon.svg', 180, 'apple-touch-icon.png'],
  ]) {
    await page.setViewportSize({ width: size, height: size });
    const svg = readFileSync(path.join(icons, source), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg}`);
    await page.screenshot({ path: path.join(icons, output), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  }
} finally {
  await browser.close();
}

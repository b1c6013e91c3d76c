// The configurator (configure.html): a spa owner picks language, colours, contact details and embed
// style, sees the widget live, and copies a ready snippet. It checks what they type and says what to fix.
// Its own words are English and live here and in configure.html: they are for the spa, not its clients,
// and keeping them out of the knowledge base keeps every client's download small.

import { helpLines } from './widget/soreness-check.js';

const form = document.getElementById('settings');
const field = (name) => form.elements.namedItem(name);
const defaultBase = new URL('widget/', import.meta.url).href;
field('base').value = defaultBase;

const SANDBOX = 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-top-navigation-to-custom-protocols allow-downloads';
// The result's "Copy the text" and share sheet (issue 16) need these permissions inside a frame.
const ALLOW = 'clipboard-write; web-share';

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
};

/** Each check gives the message to show, or '' when the value is fine (empty optional fields are fine). */
export const checks = {
  'spa-phone': (v) =>
    v === '' || (/^\+?[\d\s().\/-]+$/.test(v) && (v.match(/\d/g) ?? []).length >= 5 && (v.match(/\d/g) ?? []).length <= 15)
      ? ''
      : 'Enter a phone number with 5 to 15 digits; you may use spaces, brackets, dashes and a + at the start, like +44 20 7946 0000.',
  'spa-email': (v) => (v === '' || /^[^\s@<>"]+@[^\s@<>"]+\.[A-Za-z]{2,}$/.test(v) ? '' : 'Enter an e-mail address like hello@yourspa.com.'),
  'booking-url': (v) => webAddress(v, 'your booking page'),
  'emergency-number': (v) => (/^\d{2,6}$/.test(v) ? '' : 'Enter the emergency number as 2 to 6 digits, like 112, 999 or 911.'),
  accent: (v) => colour(v),
  'accent-text': (v, all) => colour(v) || (colour(all.accent) === '' && contrast(v, all.accent) < 4.5
    ? `The text on buttons would be hard to read: the contrast is ${contrast(v, all.accent).toFixed(1)}:1 and needs to be at least 4.5:1. Pick a lighter or darker colour.`
    : ''),
  bg: (v, all) => colour(v) || (colour(all.accent) === '' && contrast(v, all.accent) < 3
    ? `The main colour would be hard to see on this background: the contrast is ${contrast(v, all.accent).toFixed(1)}:1 and needs to be at least 3:1.`
    : ''),
  base: (v) => (v === '' ? 'Enter the address where soreness-check.js is served from.' : webAddress(v, 'the widget files')),
};

function colour(v) {
  return /^#[0-9a-fA-F]{6}$/.test(v) ? '' : 'Enter a colour as # and six hexadecimal digits, like #0d6b5e.';
}

function webAddress(v, what) {
  if (v === '') return '';
  try {
    const url = new URL(v);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname))) return '';
  } catch {
    // not an address at all: same message
  }
  return `Enter the full address of ${what}, starting with https://`;
}

const escapeAttribute = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function values() {
  const all = {};
  for (const name of ['lang', 'region', 'spa-name', 'spa-phone', 'spa-email', 'booking-url', 'emergency-number', 'accent', 'accent-text', 'bg', 'base']) {
    all[name] = field(name).value.trim();
  }
  all.compact = field('compact').checked;
  all.style = form.querySelector('input[name="style"]:checked').value;
  return all;
}

/** The widget's attributes, in a fixed order, for the chosen settings. */
function attributes(all) {
  const list = [['lang', all.region ? `${all.lang}-${all.region}` : all.lang]];
  for (const name of ['spa-name', 'spa-phone', 'spa-email', 'booking-url', 'emergency-number']) if (all[name]) list.push([name, all[name]]);
  if (all.compact) list.push(['compact', '']);
  return list;
}

const theme = (all) => [['--soreness-accent', all.accent], ['--soreness-accent-text', all['accent-text']], ['--soreness-bg', all.bg]];

export function snippet(all) {
  const base = all.base.endsWith('/') ? all.base : `${all.base}/`;
  if (all.style === 'iframe') {
    const query = new URLSearchParams(attributes(all));
    query.set('accent', all.accent);
    query.set('accent-text', all['accent-text']);
    query.set('bg', all.bg);
    return [
      `<iframe class="soreness-check-frame" src="${escapeAttribute(`${base}embed.html?${query}`)}"`,
      `  title="Soreness check" width="100%" height="700" loading="lazy"`,
      `  sandbox="${SANDBOX}" allow="${ALLOW}"></iframe>`,
      `<script type="module" src="${escapeAttribute(`${base}embed-host.js`)}"></script>`,
    ].join('\n');
  }
  const attributeText = attributes(all)
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
    .join('');
  return [
    `<script type="module" src="${escapeAttribute(`${base}soreness-check.js`)}"></script>`,
    `<style>soreness-check { ${theme(all).map(([name, value]) => `${name}: ${value};`).join(' ')} }</style>`,
    `<soreness-check${attributeText}></soreness-check>`,
  ].join('\n');
}

let shownPreview = '';

function preview(all) {
  const box = document.getElementById('preview');
  const key = JSON.stringify(all);
  if (key === shownPreview) return;
  shownPreview = key;
  if (all.style === 'iframe') {
    const frame = document.createElement('iframe');
    // The preview is on this site's own origin, so it may keep it; a spa's copy gets the snippet's sandbox.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
    frame.title = 'Preview of the soreness check';
    frame.className = 'soreness-check-frame';
    frame.height = '700';
    const query = new URLSearchParams(attributes(all));
    query.set('accent', all.accent);
    query.set('accent-text', all['accent-text']);
    query.set('bg', all.bg);
    frame.src = `${defaultBase}embed.html?${query}`;
    box.replaceChildren(frame);
    return;
  }
  const element = document.createElement('soreness-check');
  for (const [name, value] of attributes(all)) element.setAttribute(name, value);
  // CSSOM, not a style attribute, so this page's strict CSP allows it.
  for (const [name, value] of theme(all)) element.style.setProperty(name, value);
  box.replaceChildren(element);
}

function update() {
  const all = values();
  let valid = true;
  for (const [name, check] of Object.entries(checks)) {
    const message = check(all[name], all);
    const input = field(name);
    const error = document.getElementById(`${name}-error`);
    error.textContent = message;
    error.hidden = message === '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    valid &&= message === '';
  }
  const output = document.getElementById('snippet');
  const status = document.getElementById('snippet-status');
  const copy = document.getElementById('copy');
  copy.disabled = !valid;
  if (!valid) {
    output.value = '';
    status.textContent = 'Fix the fields marked above to get your code.';
    return;
  }
  output.value = snippet(all);
  status.textContent = '';
  preview(all);
}

// The same numbers the widget calls: the knowledge base's help lines, read through the core.
const table = await helpLines();
{
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const region = field('region');
  region.options[0].textContent = `Other (${table.default.emergency})`;
  const countries = table.countries.map((c) => [c.country, `${names.of(c.country)} (${c.emergency})`]).sort((a, b) => a[1].localeCompare(b[1], 'en'));
  for (const [code, text] of countries) region.append(new Option(text, code));
}
let lastRegionNumber = null;
function followRegion() {
  // The emergency number follows the region until the spa types its own.
  const number = field('emergency-number');
  const region = field('region').value.toUpperCase();
  const suggested = (table.countries.find((c) => c.country === region) ?? table.default).emergency;
  if (number.value === '' || number.value === lastRegionNumber) number.value = suggested;
  lastRegionNumber = suggested;
}

form.addEventListener('input', (event) => {
  if (event.target.name === 'region' || event.target.name === 'lang') followRegion();
  update();
});
form.addEventListener('change', update);
document.getElementById('copy').addEventListener('click', async () => {
  const status = document.getElementById('snippet-status');
  try {
    await navigator.clipboard.writeText(document.getElementById('snippet').value);
    status.textContent = 'Copied. Paste it into your page where the check should appear.';
  } catch {
    document.getElementById('snippet').select();
    status.textContent = 'Your browser did not allow copying: the code is selected, press Ctrl+C (or ⌘C) to copy it.';
  }
});

followRegion();
update();
document.body.dataset.ready = 'true';

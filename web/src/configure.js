// The configurator (configure.html): a spa owner picks language, colours, contact details and embed
// style, sees the widget live, and copies a ready snippet. It checks what they type and says what to fix.
// Its own words are English and live here and in configure.html: they are for the spa, not its clients,
// and keeping them out of the knowledge base keeps every client's download small.

import { encodeQR } from 'qr';
import { helpLines, LANGUAGES } from './widget/soreness-check.js';
import { createChecker } from './checker.js';
import { aftercareFragment } from './aftercare-link.js';

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

// ---- The aftercare link -------------------------------------------------------------------------------
// The link is the checker's address with a fragment carrying only what the spa knows (aftercare-link.js
// reads it; docs/embedding.md has the format). The QR code is made here, never in the checker.

const linkForm = document.getElementById('aftercare');
const linkField = (name) => linkForm.elements.namedItem(name);
const checkerPage = new URL('./', import.meta.url).href;
linkField('link-page').value = checkerPage;

// The kinds of massage and the oldest session the check takes are the knowledge base's, through the core.
// (The site's own copy of the JS API: not the widget's, whose first load carries no export for this.)
const asked = await (async () => {
  const checker = await createChecker({ language: 'en' });
  try {
    return checker.questions();
  } finally {
    checker.close();
  }
})();
const massageQuestion = asked.find((q) => q.id === 'massage_type');
const maxHours = asked.find((q) => q.id === 'hours_since_massage').max;
for (const option of massageQuestion.options) linkField('link-massage').append(new Option(option.text, option.id));
{
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  for (const language of LANGUAGES) linkField('link-lang').append(new Option(`${names.of(language)} (${language})`, language));
}

const twoDigits = (n) => String(n).padStart(2, '0');

/** "2026-12-01T14:30" (a datetime-local value, this computer's time) with its offset: "2026-12-01T14:30+01:00". */
export function sessionWithOffset(local) {
  const minutes = -new Date(local).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  return `${local.slice(0, 16)}${sign}${twoDigits(Math.floor(Math.abs(minutes) / 60))}:${twoDigits(Math.abs(minutes) % 60)}`;
}

export const linkChecks = {
  'link-page': (v) => (v === '' ? 'Enter the address of the page with the check, starting with https://' : webAddress(v, 'the page with the check')),
  'link-massage': (v, all) => (v === '' && all['link-session'] === '' ? 'Choose the kind of massage, or enter the date and time of the session, so that the link fills something in.' : ''),
  'link-session': (v) => {
    if (v === '') return '';
    const when = new Date(v).getTime();
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) || Number.isNaN(when)) return 'Enter the date and time of the session, like 01/12/2026 14:30.';
    if (Date.now() - when > maxHours * 3600 * 1000) return `The session was more than ${maxHours / 24} days ago, and the check would not use it. Enter a later date.`;
    return '';
  },
};

function linkValues() {
  const all = {};
  for (const name of ['link-page', 'link-massage', 'link-session', 'link-lang']) all[name] = linkField(name).value.trim();
  return all;
}

/** The aftercare link for the chosen values; a page's own fragment stays before ours. */
export function aftercareLink(all) {
  // The checker's own page in the chosen language has that start screen already: no second page to fetch.
  const page = new URL(all['link-page'] === checkerPage && all['link-lang'] ? `${all['link-lang']}/` : all['link-page'], checkerPage);
  const ours = aftercareFragment({
    massage: all['link-massage'],
    session: all['link-session'] && sessionWithOffset(all['link-session']),
    lang: all['link-lang'],
  });
  const theirs = page.hash.slice(1);
  page.hash = '';
  return `${page.href}#${theirs ? `${theirs}&` : ''}${ours}`;
}

/** The QR code as SVG elements (no markup parsing, nothing inline for the CSP to refuse). */
function qrSvg(text) {
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('xmlns', ns);
  svg.setAttribute('viewBox', `0 0 ${modules.length} ${modules.length}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'QR code of the aftercare link');
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#fff');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', '#000');
  path.setAttribute('d', modules.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : ''))).join(''));
  svg.append(background, path);
  return svg;
}

let downloadUrl = null;

function updateLink() {
  const all = linkValues();
  let valid = true;
  for (const [name, check] of Object.entries(linkChecks)) {
    const message = check(all[name], all);
    const error = document.getElementById(`${name}-error`);
    error.textContent = message;
    error.hidden = message === '';
    if (message) linkField(name).setAttribute('aria-invalid', 'true');
    else linkField(name).removeAttribute('aria-invalid');
    valid &&= message === '';
  }
  const output = document.getElementById('link');
  const qr = document.getElementById('qr');
  const download = document.getElementById('qr-download');
  document.getElementById('copy-link').disabled = !valid;
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = null;
  if (!valid) {
    output.value = '';
    qr.replaceChildren();
    download.hidden = true;
    document.getElementById('link-status').textContent = 'Fix the fields marked above to get your link.';
    return;
  }
  output.value = aftercareLink(all);
  const svg = qrSvg(output.value);
  qr.replaceChildren(svg);
  downloadUrl = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
  download.href = downloadUrl;
  download.hidden = false;
  document.getElementById('link-status').textContent = '';
}

linkForm.addEventListener('input', updateLink);
linkForm.addEventListener('change', updateLink);
document.getElementById('copy-link').addEventListener('click', async () => {
  const status = document.getElementById('link-status');
  try {
    await navigator.clipboard.writeText(document.getElementById('link').value);
    status.textContent = 'Copied. Paste it into your message to the client.';
  } catch {
    document.getElementById('link').select();
    status.textContent = 'Your browser did not allow copying: the link is selected, press Ctrl+C (or ⌘C) to copy it.';
  }
});

followRegion();
update();
updateLink();
document.body.dataset.ready = 'true';

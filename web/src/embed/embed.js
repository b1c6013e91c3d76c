// The strict-isolation embed: embed.html, loaded in a sandboxed iframe, shows one <soreness-check>
// configured from its query string (the spa's details, never an answer). The only message it sends
// to the embedding page is its height: {type: "soreness-check:height", height: <CSS pixels>}.

import './soreness-check.js';

const CONFIG = ['lang', 'spa-name', 'spa-phone', 'spa-email', 'booking-url', 'emergency-number', 'compact'];
const THEME = { accent: '--soreness-accent', 'accent-text': '--soreness-accent-text', bg: '--soreness-bg' };

const element = document.querySelector('soreness-check');
const query = new URLSearchParams(location.search);
for (const name of CONFIG) {
  if (query.has(name)) element.setAttribute(name, query.get(name));
}
for (const [name, property] of Object.entries(THEME)) {
  const value = query.get(name);
  // CSSOM, not a style attribute: a strict CSP allows it. Only plain colours are taken.
  if (value && /^#[0-9a-fA-F]{6}$/.test(value)) element.style.setProperty(property, value);
}
document.documentElement.lang = element.getAttribute('lang') ?? '';
document.body.style.margin = '0';

if (window.parent !== window) {
  let sent = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    // Its height is all the embedding page hears; '*' because a sandboxed frame cannot know its parent's origin.
    window.parent.postMessage({ type: 'soreness-check:height', height }, '*');
  }).observe(document.documentElement);
}

// The response headers the site needs, in one place: build-site.mjs writes them into the site as `_headers`
// (the format Netlify and Cloudflare Pages read, and the example docs/deployment.md points to), and
// scripts/serve.mjs reads that file back, so the local server, the tests and a host send the same policy.
// The start pages carry their stylesheet inline (no render-blocking request before the first paint), and the
// Content-Security-Policy allows exactly that style by its hash: no 'unsafe-inline'.

import { createHash } from 'node:crypto';

/** The CSP source that allows one inline <style> element whose text is exactly `css`. */
export const styleHash = (css) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

/** The strict policy; `styleHashes` are the inline styles of the site's own pages. */
export function contentSecurityPolicy({ styleHashes = [], frameAncestors = "'self'" } = {}) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    ["style-src 'self'", ...styleHashes].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** Headers of every response. */
export function securityHeaders({ styleHashes = [] } = {}) {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ styleHashes }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/**
 * The site's rules, most general first: a response gets the headers of every rule whose path matches it, a later
 * rule's value replacing an earlier one's. The widget's files are fetched by a sandboxed iframe whose origin is
 * opaque ("null"), so they need CORS; its embed page is meant to be framed by other sites.
 */
export function siteHeaderRules({ styleHashes = [] } = {}) {
  return [
    { path: '/*', headers: securityHeaders({ styleHashes }) },
    { path: '/widget/*', headers: { 'Access-Control-Allow-Origin': '*' } },
    { path: '/widget/embed.html', headers: { 'Content-Security-Policy': contentSecurityPolicy({ frameAncestors: '*' }) } },
  ];
}

/** The rules as a `_headers` file. */
export function headersFile(rules) {
  return `${rules.map(({ path, headers }) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n')).join('\n')}\n`;
}

/** A `_headers` file's rules again. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(':');
    if (!rules.length || colon < 0) throw new Error(`_headers: cannot read the line "${line.trim()}"`);
    rules.at(-1).headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/** Whether a rule's path ("/*", "/widget/*", "/widget/embed.html") matches a request's path. */
export const ruleMatches = (rulePath, pathname) => (rulePath.endsWith('*') ? pathname.startsWith(rulePath.slice(0, -1)) : pathname === rulePath);

/** The headers the rules give a path. */
export function headersFromRules(rules, pathname) {
  return Object.assign({}, ...rules.filter((rule) => ruleMatches(rule.path, pathname)).map((rule) => rule.headers));
}

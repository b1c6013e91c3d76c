#!/usr/bin/env node
// Dependency-free static file server for the built site, with the production
// security headers (strict CSP etc.), so local runs and browser tests see the
// same policy the deployed site should have.
//
//   node scripts/serve.mjs [dir=build/site] [--port N (default 8080, 0 = random)] [--host 127.0.0.1]
//
// The headers come from the site's `_headers` file, which the build writes (web/build/headers.mjs); a folder
// without one gets the same rules without the hashes of inline styles.
//
// Also importable: `startServer({ root, port, host, headers, headersFor, pages })` -> Promise<{ url, origin, port, close() }>;
// the browser tests start it this way (their host pages as `pages`, the header exceptions they test as `headersFor`).

import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile, stat, realpath } from 'node:fs/promises';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { headersFromRules, parseHeadersFile, securityHeaders, siteHeaderRules } from '../web/build/headers.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_ROOT = path.join(REPO_ROOT, 'build', 'site');
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
});

/** The headers without the site's inline-style hashes: error responses, and a folder that has no `_headers`. */
export const SECURITY_HEADERS = Object.freeze(securityHeaders());

/**
 * The header rules of a site folder: its `_headers` (written by the build, with the hashes of the start pages'
 * inline styles in the CSP), or the site's rules without hashes for a folder that has none (a test's scratch site).
 */
export function headerRulesOf(rootReal) {
  const file = path.join(rootReal, '_headers');
  return existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : siteHeaderRules();
}

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg)/;
const compressedCache = new Map(); // "<encoding> <path>" -> { mtime, size, body }

function preferredEncoding(acceptEncoding = '') {
  const accepted = acceptEncoding.split(',').map((part) => part.trim().split(';')[0]);
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return null;
}

async function compressed(file, info, encoding) {
  const key = `${encoding} ${file}`;
  const cached = compressedCache.get(key);
  if (cached && cached.mtime === info.mtimeMs && cached.size === info.size) return cached.body;
  const raw = await readFile(file);
  const body = encoding === 'br'
    ? brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } })
    : gzipSync(raw, { level: 9 });
  compressedCache.set(key, { mtime: info.mtimeMs, size: info.size, body });
  return body;
}

function send(res, status, body, method) {
  const text = `${status} ${body}\n`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(method === 'HEAD' ? undefined : text);
}

function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** Headers with the ones set to null or undefined left out (how a test page drops a header). */
function present(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== null && value !== undefined));
}

async function handle(rootReal, req, res, { rules, headers: extraHeaders = {}, headersFor = () => ({}), pages = {} } = {}) {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'Method Not Allowed', method);
    return;
  }

  // Work on the raw request target: `new URL()` would treat "//x/y" as a
  // protocol-relative URL and silently collapse dot segments.
  const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
  let pathname;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    send(res, 400, 'Bad Request', method);
    return;
  }
  if (!pathname.startsWith('/') || pathname.includes('\0')) {
    send(res, 400, 'Bad Request', method);
    return;
  }
  const page = Object.hasOwn(pages, pathname) ? pages[pathname] : null;
  if (page) {
    const body = Buffer.from(page.body);
    res.writeHead(200, present({ ...headersFromRules(rules, pathname), 'Content-Type': page.type ?? 'text/html; charset=utf-8', ...page.headers, 'Content-Length': body.length }));
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }
  // Any ".." segment (plain or percent-encoded) is treated as traversal.
  const segments = pathname.split(/[\\/]+/);
  let target = path.resolve(rootReal, '.' + path.sep + pathname);
  if (segments.includes('..') || !isInside(rootReal, target)) {
    send(res, 403, 'Forbidden', method);
    return;
  }
  // The headers file is for the host, as on Netlify or Cloudflare Pages: not a file of the site.
  if (pathname === '/_headers') {
    send(res, 404, 'Not Found', method);
    return;
  }

  let info;
  try {
    info = await stat(target);
    if (info.isDirectory()) {
      if (!pathname.endsWith('/')) {
        // Redirect so relative URLs in index.html resolve against the directory.
        // Collapse leading slashes so "//host" can't become a protocol-relative redirect.
        const location = encodeURI('/' + pathname.replace(/^\/+/, '') + '/');
        res.writeHead(301, { ...SECURITY_HEADERS, Location: location, 'Content-Length': 0 });
        res.end();
        return;
      }
      target = path.join(target, 'index.html');
      info = await stat(target);
    }
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    // Refuse symlinks that lead outside the root.
    const real = await realpath(target);
    if (!isInside(rootReal, real)) {
      send(res, 403, 'Forbidden', method);
      return;
    }
  } catch (err) {
    if (err && (err.code === 'EACCES' || err.code === 'EPERM')) {
      send(res, 403, 'Forbidden', method);
    } else {
      send(res, 404, 'Not Found', method);
    }
    return;
  }

  const type = MIME_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  const headers = present({
    ...headersFromRules(rules, pathname),
    ...extraHeaders,
    ...headersFor(pathname),
    'Content-Type': type,
    'Last-Modified': info.mtime.toUTCString(),
  });
  // Compressed like any real static host would, so local runs and Lighthouse see realistic transfers.
  const encoding = COMPRESSIBLE.test(type) ? preferredEncoding(req.headers['accept-encoding']) : null;
  if (encoding) {
    const body = await compressed(target, info, encoding);
    res.writeHead(200, { ...headers, 'Content-Encoding': encoding, Vary: 'Accept-Encoding', 'Content-Length': body.length });
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(target);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Start the static server.
 * @param {{root?: string, port?: number, host?: string, headers?: Record<string, string>,
 *   headersFor?: (pathname: string) => Record<string, string | null>,
 *   pages?: Record<string, {body: string, type?: string, headers?: Record<string, string | null>}>}} [options]
 *   headers: extra or replaced headers on file responses (e.g. cross-origin isolation for benchmarks);
 *   headersFor: the same by path; pages: paths answered with a page of their own instead of a file
 *   (a test's host page); a header given as null is left out.
 * @returns {Promise<{url: string, origin: string, port: number, root: string, close: () => Promise<void>}>}
 */
export async function startServer({ root = DEFAULT_ROOT, port = DEFAULT_PORT, host = DEFAULT_HOST, headers = {}, headersFor, pages } = {}) {
  // Development/test server: loopback only.
  if (host === 'localhost') host = '127.0.0.1';
  if (host !== '127.0.0.1') {
    throw new Error(`refusing to bind ${host}: only 127.0.0.1 is allowed`);
  }
  const rootAbs = path.resolve(root);
  let rootReal;
  try {
    rootReal = await realpath(rootAbs);
  } catch {
    throw new Error(`site directory not found: ${rootAbs}`);
  }
  if (!(await stat(rootReal)).isDirectory()) {
    throw new Error(`not a directory: ${rootAbs}`);
  }

  const sockets = new Set();
  const server = createServer((req, res) => {
    // Read at each request: a build run while the server is up writes a new _headers with new hashes.
    handle(rootReal, req, res, { rules: headerRulesOf(rootReal), headers, headersFor, pages }).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error', req.method);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}/`,
    origin: `http://${host}:${actualPort}`,
    port: actualPort,
    root: rootAbs,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (e.g. from a browser) would keep close() pending.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function parseArgs(argv) {
  const opts = { root: DEFAULT_ROOT, port: DEFAULT_PORT, host: DEFAULT_HOST };
  let rootSet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const takeValue = (name) => {
      const eq = arg.indexOf('=');
      if (eq !== -1) return arg.slice(eq + 1);
      const value = argv[++i];
      if (value === undefined) throw new Error(`${name} needs a value`);
      return value;
    };
    if (arg === '--port' || arg.startsWith('--port=')) {
      const value = takeValue('--port');
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port: ${value}`);
      opts.port = port;
    } else if (arg === '--host' || arg.startsWith('--host=')) {
      opts.host = takeValue('--host');
    } else if (arg === '-h' || arg === '--help') {
      opts.help = true;
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option: ${arg}`);
    } else if (!rootSet) {
      opts.root = path.resolve(arg);
      rootSet = true;
    } else {
      throw new Error(`unexpected argument: ${arg}`);
    }
  }
  return opts;
}

const USAGE = 'usage: node scripts/serve.mjs [dir=build/site] [--port N (default 8080, 0 = random)] [--host 127.0.0.1]';

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  let server;
  try {
    server = await startServer(opts);
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
  const rel = path.relative(process.cwd(), server.root) || '.';
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? server.root : rel;
  console.log(`Serving ${shown} at ${server.url}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main();
}

// Service worker: serves the app from a cache named by build version, so it works offline and an
// old engine is never mixed with new files. Generated into the site by build-sw.mjs, which fills
// in VERSION and PRECACHE from the built files. It only ever stores the app's own files: answers
// are never requested, so they can never be cached.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE_PREFIX = 'soreness-check-';
const CACHE = CACHE_PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // No skipWaiting here: a person halfway through a check keeps the version they started with.
  // The page offers a reload, which sends 'skip-waiting'.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page address ("/", "/es/") is served by its index.html, also to the page's fetch of another language's.
    const key = url.pathname.endsWith('/') ? new URL('index.html', url).href : request;
    return (await cache.match(key, { ignoreSearch: true })) ?? fetch(request);
  })());
});

// The service worker: after the first visit the whole site works offline. scripts/bundles.mjs
// writes it into the build as sw.js with the list of every built file (PRECACHE, relative to
// the site's root, so any sub-path works) and a version that changes with any file's content.
//
// Install: download every file into the cache of this version. Activate: drop older versions'
// caches. Fetch: a file of the site comes from the cache (the network if it is missing); a page
// navigation gets the cached index.html. A new deployment installs beside the old one and
// waits; the loader (web/loader.js) offers to reload, and on "Reload" tells it to take over.
const PRECACHE = /*SDP_PRECACHE*/ [];
const VERSION = /*SDP_VERSION*/ 'dev';
const CACHE = `sdp-${VERSION}`;
const root = new URL('./', self.location.href);

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(PRECACHE.map(f => new URL(f, root).href))));
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('sdp-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', event => {
  if (event.data && event.data.type === 'sdp:skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = request.mode === 'navigate' ? new URL('index.html', root).href : url.origin + url.pathname;
    const hit = await cache.match(key);
    return hit ?? fetch(request);
  })());
});

// The standalone page's service worker: it keeps one release build's files and serves them, so the page opens with
// no network. Registered only by js/update.js (loaded by boot.js once the list has painted), never by the element.
//
// scripts/service-worker.mjs writes dist/service-worker.js for each build: this file after a line that sets BUILD,
//   { version: a hash of the build's files, files: { name: its SHA-256 (base64), or null for index.html } }.
// A new deployment changes BUILD, so the browser sees a new worker; that worker fills a cache named by its version
// and waits. js/update.js says "A new version is ready" and, when the reader chooses Reload, lets it take over.
//
// A page never mixes two builds:
// - every file a cache holds is checked against the digest its build recorded, so a host in the middle of a
//   deployment (some files new, some old) fails the install, and the browser tries again later;
// - a tab still running an older build keeps finding that build's split modules (they carry the build's hash in
//   their names) in the older cache, which goes only once every window of this folder open at the takeover has gone;
//   this build's own files come from this build's cache only.
// index.html is not checked against a digest: a portal may edit it (the source meta tag); it names no file of another
// build. It must still be the app's page (it loads boot.js), not a sign-in page a proxy answered with. A portal's later
// edit of it reaches readers with the next build, whose worker fetches it again.
/* global BUILD */
const SCOPE = self.registration.scope;
const PREFIX = `customer-accounts ${SCOPE} `;
const CACHE = PREFIX + BUILD.version;
const INDEX = 'index.html';
/**
 * A key of the cache, never a file: the windows of this folder open when this build took over, as a JSON list of
 * client ids. Only a cache that has it was ever active: one without is a newer build's, installing or waiting.
 */
const WINDOWS = new URL('service-worker-windows', SCOPE).href;
/** The app's windows: those in this worker's folder (a portal's pages elsewhere on the origin are not its readers). */
const ours = (windows) => windows.filter((w) => w.url.startsWith(SCOPE)).map((w) => w.id);

self.addEventListener('install', (event) =>
  event.waitUntil(
    fill().catch(async (error) => {
      // Nothing of a build that failed is kept: the next try starts afresh.
      await caches.delete(CACHE);
      throw error;
    }),
  ),
);

async function fill() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    Object.entries(BUILD.files).map(async ([name, digest]) => {
      const { response, body } = await fetchFile(name, digest);
      if (name === INDEX && (!response.url.startsWith(SCOPE) || !/\bboot\.js\b/.test(new TextDecoder().decode(body)))) {
        throw new Error('service worker: the folder did not answer with the app\'s page');
      }
      // A response made anew: one the server redirected to cannot answer a navigation. Its body is decoded, so the
      // transfer's encoding and length no longer describe it.
      const headers = new Headers(response.headers);
      headers.delete('content-encoding');
      headers.delete('content-length');
      const { status, statusText } = response;
      await cache.put(new URL(name, SCOPE).href, new Response(body, { status, statusText, headers }));
    }),
  );
}

/**
 * A file of the build, checked against its digest. First as the page left it in the HTTP cache (a first visit then
 * downloads nothing twice), then, if that copy is another build's, from the server. The page itself (no digest) is
 * always asked of the server, by its folder, as readers open it.
 */
async function fetchFile(name, digest) {
  for (const cache of digest === null ? ['no-cache'] : ['default', 'reload']) {
    const response = await fetch(new URL(name === INDEX ? './' : name, SCOPE), { cache });
    if (!response.ok) throw new Error(`service worker: ${name} answered ${response.status}`);
    const body = await response.arrayBuffer();
    if (digest === null || digest === (await sha256(body))) return { response, body };
  }
  throw new Error(`service worker: ${name} is not the file of build ${BUILD.version}`);
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return btoa(String.fromCharCode(...digest));
}

self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      const windows = ours(await self.clients.matchAll({ type: 'window', includeUncontrolled: true }));
      await (await caches.open(CACHE)).put(WINDOWS, new Response(JSON.stringify(windows)));
      // The first visit's page too: its split modules then come from this cache, offline included.
      await self.clients.claim();
      await tidy();
    })(),
  ),
);

/**
 * Deletes the older builds' caches of this folder once none of the windows open at the takeover is left. Never while
 * a newer build installs or waits (its cache is filling, or ready for Reload), never a cache that was not active
 * (that newer build's), and nothing when this build's list of windows is missing (its writing failed).
 */
async function tidy() {
  if (self.registration.installing || self.registration.waiting) return;
  const saved = await (await caches.open(CACHE)).match(WINDOWS);
  if (!saved) return;
  const then = await saved.json();
  const open = new Set(ours(await self.clients.matchAll({ type: 'window', includeUncontrolled: true })));
  if (then.some((id) => open.has(id))) return;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    if (await (await caches.open(name)).match(WINDOWS)) await caches.delete(name);
  }
}

self.addEventListener('message', (event) => {
  // Sent by js/update.js: to the waiting worker when the reader chooses Reload; to the active one as a page starts.
  if (event.data === 'skip-waiting') self.skipWaiting();
  else if (event.data === 'tidy') event.waitUntil(tidy());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(SCOPE);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let name = url.pathname.slice(scope.pathname.length);
  if (request.mode === 'navigate' && name === '') name = INDEX;
  // This build's files, and the wasm modules of an older build a tab may still run; anything else is the network's.
  if (!Object.hasOwn(BUILD.files, name) && !name.endsWith('.wasm')) return;
  event.respondWith(answer(name, request));
});

async function answer(name, request) {
  const key = new URL(name, SCOPE).href;
  // Another build's split module may be in that build's cache; this build's files only ever come from its own.
  const older = Object.hasOwn(BUILD.files, name)
    ? []
    : (await caches.keys()).filter((c) => c.startsWith(PREFIX) && c !== CACHE);
  for (const cacheName of [CACHE, ...older]) {
    const hit = await (await caches.open(cacheName)).match(key);
    if (hit) return hit;
  }
  return fetch(request);
}

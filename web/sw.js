// The service worker: after the first visit the app opens and works with the network off, and a
// new release is taken whole or not at all. Plain JavaScript, registered by web/offline.js (which
// web/boot.js loads once the app runs); allowed by the page's CSP (worker-src 'self').
//
// RELEASE and FILES below are written at build time by scripts/sw-precache.mjs (a step of the
// Trunk post_build hook, scripts/post-build.sh): every file of the built site (its .br/.gz copies
// and this file excepted) with the SHA-256 of its content, whatever files the build made. The
// release id is a hash of that list, so this file's bytes change with any file of the site, and
// the browser's update check (which compares this file byte for byte) sees every new release.
//
// One release, never two:
//  - install: every file of the release is fetched past the HTTP cache with its hash as Subresource
//    Integrity and stored in one cache per release. One file missing or different (a server half
//    way through an upload) and the install fails: the old release stays, and the next check
//    tries again.
//  - the new worker waits until no page of the old one is open (no skipWaiting); meanwhile the page
//    says 新版本已就绪,刷新后使用 (web/offline.js). Reloading the last open page of the app takes
//    the new release: the old worker answers that navigation with a hand-over page (HANDOVER, no
//    app in it), and that page, once loaded, tells the waiting worker to take over and reloads
//    when it has (`controllerchange`); the page then comes back whole from the new release.
//    The hand-over starts from the loaded hand-over page, never from inside the old worker's
//    answer to a navigation: Chromium lets a navigation that the old worker answers while the new
//    one activates hang for good (seen with the former `Refresh: 0` answer, which sent the
//    browser straight into another navigation while the take-over was under way; docs/decisions.md).
//  - a page is served by one worker for its whole life, and that worker answers only from its own
//    release's cache: the files a page loads later (the second module, the .xlsx worker) are of
//    the same release as its index.html.
//  - activate: the caches of older releases of this installation (same scope) are deleted.
// A page the worker did not serve (the first visit) is not taken over (no clients.claim()): it
// keeps loading from the network, as it started.

'use strict';

// ---- written by scripts/sw-precache.mjs ----
const RELEASE = 'unbuilt';
const FILES = {};
// ---- end ----

const SCOPE = self.registration.scope;
const PREFIX = `demozone ${SCOPE} `;
const CACHE = PREFIX + RELEASE;
/** The cache key of the page itself: the scope URL (index.html is stored under it). */
const INDEX = 'index.html';
/** The hand-over page's script: never a file of the site, always answered by this worker. */
const HANDOVER = SCOPE + 'sw-handover.js';
/** The page that stands in for the app's while the new release takes over (no inline script). */
const HANDOVER_PAGE = `<!DOCTYPE html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="${HANDOVER}"></script>`;
/**
 * The hand-over page's script: asks the waiting worker to take over and loads the page again
 * once it controls this one. If nothing is waiting any more (the take-over is already done, or
 * the new release was replaced), it loads the page again at once.
 */
const HANDOVER_SCRIPT = `(async () => {
    const container = navigator.serviceWorker;
    let reloading = false;
    const reload = () => {
        if (reloading) return;
        reloading = true;
        location.reload();
    };
    container.addEventListener('controllerchange', reload);
    const registration = await container.getRegistration();
    if (registration && registration.waiting) registration.waiting.postMessage('take-over');
    else reload();
})();
`;
/** Headers of what this worker makes itself: never stored, the same strict policy as the site's. */
const MADE_HERE = {
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; script-src 'self'; img-src data:; base-uri 'none'; form-action 'none'",
    'X-Content-Type-Options': 'nosniff',
};

function keyOf(path) {
    return new URL(path === INDEX ? './' : path, SCOPE).href;
}

self.addEventListener('install', (event) => {
    event.waitUntil(
        (async () => {
            const cache = await caches.open(CACHE);
            await Promise.all(
                Object.entries(FILES).map(async ([path, integrity]) => {
                    const response = await fetch(new URL(path, SCOPE).href, { cache: 'no-store', integrity, credentials: 'same-origin' });
                    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
                    await cache.put(keyOf(path), response);
                }),
            );
        })().catch(async (err) => {
            // Nothing half-stored stays behind.
            await caches.delete(CACHE);
            throw err;
        }),
    );
});

self.addEventListener('activate', (event) => {
    event.waitUntil(
        (async () => {
            for (const name of await caches.keys()) {
                if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
            }
        })(),
    );
});

self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
    const url = new URL(request.url);
    url.search = '';
    url.hash = '';
    const navigation = request.mode === 'navigate';
    // The app has one page: a navigation to the folder or to index.html gets the release's page.
    const key = navigation && (url.href === SCOPE || url.href === SCOPE + INDEX) ? SCOPE : url.href;
    if (url.href === HANDOVER) {
        event.respondWith(new Response(HANDOVER_SCRIPT, { headers: { ...MADE_HERE, 'Content-Type': 'text/javascript; charset=utf-8' } }));
        return;
    }
    event.respondWith(
        (async () => {
            if (navigation && self.registration.waiting && (await self.clients.matchAll()).length < 2) {
                // The last page of this release is being reloaded and a new release is installed:
                // answer with the hand-over page, which starts the take-over once it has loaded.
                // (Its icon is empty: the browser asks for no /favicon.ico.)
                return new Response(HANDOVER_PAGE, { headers: { ...MADE_HERE, 'Content-Type': 'text/html; charset=utf-8' } });
            }
            const cache = await caches.open(CACHE);
            const hit = await cache.match(key);
            return hit || fetch(request);
        })(),
    );
});

self.addEventListener('message', (event) => {
    if (event.data === 'take-over') self.skipWaiting();
});

// Offline use (web/sw.js): registers the service worker once the app runs, checks for a new
// release now and then, and says 新版本已就绪,刷新后使用 when one is installed and waiting.
// Loaded by web/boot.js with import() after the app has started, so it never delays the first
// render. Where service workers are unavailable (file://, some private windows, a browser without
// them, a server that refuses sw.js) it does nothing and says nothing: the app works as before,
// online only.

/** How often an open page asks the server for a new release (besides each page load). */
const CHECK_EVERY_MS = 30 * 60 * 1000;
export const UPDATE_NOTICE = '新版本已就绪,刷新后使用';

function showUpdateNotice() {
    if (document.querySelector('.sw-update')) return;
    const notice = document.createElement('p');
    notice.className = 'sw-update';
    notice.setAttribute('role', 'status');
    notice.textContent = UPDATE_NOTICE;
    document.body.append(notice);
}

/** Shows the notice once `worker` (a new release, installing or installed) is ready to take over. */
function watch(worker) {
    // Without a controller this page came from the network, not from an older release: a worker
    // installing now is the first one, not an update.
    if (!worker || !navigator.serviceWorker.controller) return;
    if (worker.state === 'installed') {
        showUpdateNotice();
        return;
    }
    worker.addEventListener('statechange', () => {
        if (worker.state === 'installed') showUpdateNotice();
    });
}

export async function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    try {
        // sw.js sits beside index.html: its scope is the app's folder, wherever the site is served.
        const url = new URL('sw.js', document.baseURI);
        const registration = await navigator.serviceWorker.register(url.href, { scope: './', updateViaCache: 'none' });
        watch(registration.waiting);
        watch(registration.installing);
        registration.addEventListener('updatefound', () => watch(registration.installing));
        const check = () => registration.update().catch(() => {});
        setInterval(check, CHECK_EVERY_MS);
        document.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible') check();
        });
    } catch {
        // Storage blocked, private mode, an old server: the app simply stays online-only.
    }
}

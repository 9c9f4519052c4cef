// Starts the demozone app without any inline script (the page's CSP allows only 'self').
// Trunk replaces the rust <link> in index.html with the <script> that loads this file and
// writes the hashed names of the wasm-bindgen glue module and of the .wasm file into its
// data attributes (Trunk.toml: build.pattern_script). Those files are also preloaded with
// Subresource Integrity by Trunk.
const tag = document.querySelector('script[data-demozone-wasm]');

// Until the app is running (the wasm is fetched and compiled: on a slow line, seconds), the page
// says it is loading instead of staying blank.
async function start() {
    const loading = document.createElement('p');
    loading.className = 'boot-loading';
    loading.setAttribute('role', 'status');
    loading.textContent = '正在加载自评工作台……';
    document.body.prepend(loading);

    try {
        if (!tag) {
            throw new Error('boot.js: no <script data-demozone-wasm> in the page (Trunk.toml pattern_script)');
        }
        const { default: init } = await import(tag.dataset.demozoneJs);
        const wasm = await init({ module_or_path: tag.dataset.demozoneWasm });
        // The app has mounted (wasm-bindgen runs its start function inside init).
        loading.remove();
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
        // The stylesheets the first screen does not need (scripts/wasm-split.mjs put them aside),
        // once that screen is painted: requesting four files cost the first frame about 10 ms on
        // a CPU slowed 4× (docs/benchmarks.md).
        await afterPaint();
        const later = document.getElementById('demozone-later-css');
        if (later) document.head.append(later.content.cloneNode(true));
    } catch (err) {
        loading.remove();
        const notice = document.createElement('p');
        notice.className = 'boot-error';
        notice.setAttribute('role', 'alert');
        notice.textContent = '页面加载失败:' + (err && err.message ? err.message : String(err)) + '。请刷新重试,或使用最新版 Chrome、Edge、Firefox 或 Safari。';
        document.body.prepend(notice);
        throw err;
    }
}

// Resolves once the next frame has been painted (a frame, then a task), as the app's own
// `browser::after_paint`.
function afterPaint() {
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

// Offline use after the first visit (web/offline.js, web/sw.js): set up once the app runs, so that
// it never delays the first render.
function startOffline() {
    import('./offline.js').then((m) => m.registerServiceWorker());
}

// A browser below the supported minimum has already been told so by web/support.js (a classic
// script that runs before this module, in every browser): start nothing there.
const belowMinimum = window.demozoneSupport && window.demozoneSupport.ok === false;
if (!belowMinimum) start().then(startOffline);

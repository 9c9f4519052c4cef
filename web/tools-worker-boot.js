// Starts the tools' worker (src/bin/tools_worker.rs): reading the files opened in 省级汇总 off the
// page's thread, and the .xlsx export. The app runs `new Worker("tools-worker-boot.js")` only when
// the user opens files in 省级汇总 or clicks 导出Excel, so none of the worker's files is fetched on
// the first page load (index.html neither loads nor preloads them).
// Trunk builds the worker as `tools-worker.js` (wasm-bindgen "no-modules" glue, global
// `wasm_bindgen`) and `tools-worker_bg.wasm`, unhashed (index.html: data-type="worker").
// Unlike Trunk's own loader shim, a failure to fetch or compile the wasm is reported back to the
// app as a message (the app says what failed), instead of an unhandled rejection that the app
// would never hear about.
/* global wasm_bindgen */
try {
    importScripts('./tools-worker.js');
    wasm_bindgen({ module_or_path: './tools-worker_bg.wasm' }).catch((err) => {
        postMessage({ kind: 'error', message: '无法加载后台组件:' + (err && err.message ? err.message : String(err)) });
    });
} catch (err) {
    postMessage({ kind: 'error', message: '无法加载后台组件:' + (err && err.message ? err.message : String(err)) });
}

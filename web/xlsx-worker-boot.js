// Starts the .xlsx export worker (src/bin/xlsx_worker.rs). The app runs
// `new Worker("xlsx-worker-boot.js")` only when the user clicks 导出Excel, so none of the worker's
// files is fetched on the first page load (index.html neither loads nor preloads them).
// Trunk builds the worker as `xlsx-worker.js` (wasm-bindgen "no-modules" glue, global
// `wasm_bindgen`) and `xlsx-worker_bg.wasm`, unhashed (index.html: data-type="worker").
// Unlike Trunk's own loader shim, a failure to fetch or compile the wasm is reported back to the
// app as a message, instead of an unhandled rejection that the app would never hear about.
/* global wasm_bindgen */
try {
    importScripts('./xlsx-worker.js');
    wasm_bindgen({ module_or_path: './xlsx-worker_bg.wasm' }).catch((err) => {
        postMessage({ kind: 'error', message: '无法加载Excel导出组件:' + (err && err.message ? err.message : String(err)) });
    });
} catch (err) {
    postMessage({ kind: 'error', message: '无法加载Excel导出组件:' + (err && err.message ? err.message : String(err)) });
}

//! `xlsx-worker`: the .xlsx export of the province ranking, run as a dedicated web worker.
//!
//! `rust_xlsxwriter` (and the zip writer under it) would add about 240 KB (gzip) to the app's
//! first load, for a button that few people press. So the export lives in this second wasm
//! binary, which Trunk builds as a worker (index.html: `<link data-trunk rel="rust"
//! data-bin="xlsx-worker" data-type="worker" …>`): Trunk emits `xlsx-worker.js` (wasm-bindgen's
//! "no-modules" glue) and `xlsx-worker_bg.wasm`, unhashed and without preloading them, and the app
//! (src/app/ranking.rs) starts `new Worker("xlsx-worker-boot.js")` (web/xlsx-worker-boot.js, which
//! loads those two and reports a failure to load them) only when the user clicks 导出Excel.
//!
//! Protocol (all messages are plain objects):
//! - worker → app `{kind: "ready"}` once it can take a job (messages sent before would be lost:
//!   the loader returns before the wasm is instantiated), or `{kind: "error", message}` from the
//!   loader when the wasm cannot be fetched or compiled;
//! - app → worker: the ranking as JSON text (`engine::view::tools::xlsx_request`);
//! - worker → app `{kind: "done", bytes: Uint8Array}` or `{kind: "error", message: "…"}`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn message(kind: &str, key: &str, value: &JsValue) -> js_sys::Object {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str("kind"), &JsValue::from_str(kind));
        if !key.is_empty() {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(key), value);
        }
        o
    }

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let result = match e.data().as_string() {
            Some(json) => demozone::engine::view::tools::xlsx_from_request(&json).map_err(|e| e.to_string()),
            None => Err("导出数据格式不对(应为文本)".to_string()),
        };
        let _ = match result {
            Ok(bytes) => {
                let array = js_sys::Uint8Array::from(bytes.as_slice());
                let transfer = js_sys::Array::of1(&array.buffer());
                reply_to.post_message_with_transfer(&message("done", "bytes", &array), &transfer)
            }
            Err(msg) => reply_to.post_message(&message("error", "message", &JsValue::from_str(&msg))),
        };
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&message("ready", "", &JsValue::UNDEFINED));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "xlsx-worker: the .xlsx export of demozone's province ranking, built by Trunk as a web worker \
         for the browser app; it does nothing on the host (use `demozone score FILE...`)."
    );
}

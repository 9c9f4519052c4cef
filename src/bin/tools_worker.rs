//! `tools-worker`: the multi-file tools' work that must not hold the page, run as a dedicated web
//! worker: reading and scoring the files opened in 省级汇总 (a file at the size limit takes seconds
//! to read, and one engine call cannot be sliced), and the .xlsx export of its ranking.
//!
//! `rust_xlsxwriter` (and the zip writer under it) would add about 240 KB (gzip) to the app's
//! first load, for a button that few people press; the engine's reader is in the app already, but a
//! second copy here keeps a large file off the page's thread. So this is a second wasm binary,
//! which Trunk builds as a worker (index.html: `<link data-trunk rel="rust"
//! data-bin="tools-worker" data-type="worker" …>`): Trunk emits `tools-worker.js` (wasm-bindgen's
//! "no-modules" glue) and `tools-worker_bg.wasm`, unhashed and without preloading them, and the
//! app starts `new Worker("tools-worker-boot.js")` (web/tools-worker-boot.js, which loads those two
//! and reports a failure to load them) only when the user opens files in 省级汇总
//! (src/app/multi_open.rs) or clicks 导出Excel (src/app/ranking.rs). One worker binary for both:
//! one copy of the engine to build and fetch (docs/decisions.md).
//!
//! Protocol (all messages are plain objects, except the export's request):
//! - worker → app `{kind: "ready"}` once it can take a job (messages sent before would be lost:
//!   the loader returns before the wasm is instantiated), or `{kind: "error", message}` from the
//!   loader when the wasm cannot be fetched or compiled;
//! - the export: app → worker the ranking as JSON text (`engine::view::tools::xlsx_request`);
//!   worker → app `{kind: "done", bytes: Uint8Array}` or `{kind: "error", message: "…"}`;
//! - reading: app → worker `{kind: "read", rubrics, files}`, the loaded rubric versions
//!   (`engine::view::tool_read::rubrics_message`) and the `File`s to read, in order; worker → app
//!   for each file in turn `{kind: "file", index, answer}` (`tool_read::ranked_answer`: the ranked
//!   entry and recorded differences, or the refusal), then `{kind: "end"}`; or
//!   `{kind: "error", message}` when the job itself cannot be read.

#[cfg(target_arch = "wasm32")]
fn main() {
    use demozone::engine::support::problem::Refusal;
    use demozone::engine::view::tool_read::{rank_bytes, ranked_answer, rubrics_from_message};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn message(kind: &str, fields: &[(&str, &JsValue)]) -> js_sys::Object {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str("kind"), &JsValue::from_str(kind));
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(key), value);
        }
        o
    }

    fn field(data: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// Reads the files of a read job one after another, answering after each.
    async fn read_job(scope: web_sys::DedicatedWorkerGlobalScope, data: JsValue) {
        let rubrics = match field(&data, "rubrics").as_string().map(|json| rubrics_from_message(&json)) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                let _ = scope.post_message(&message("error", &[("message", &JsValue::from_str(&e.to_string()))]));
                return;
            }
            None => {
                let _ = scope.post_message(&message("error", &[("message", &JsValue::from_str("读取请求中没有指标体系数据"))]));
                return;
            }
        };
        let rubrics: Vec<_> = rubrics.iter().collect();
        let files: js_sys::Array = field(&data, "files").dyn_into().unwrap_or_default();
        for (index, file) in files.iter().enumerate() {
            let result = match file.dyn_into::<web_sys::File>() {
                Ok(file) => {
                    let name = file.name();
                    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                        Ok(buffer) => {
                            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                            drop(buffer);
                            rank_bytes(&name, &bytes, &rubrics)
                        }
                        Err(_) => Err(Refusal::new("浏览器无法读取此文件(可能已被移动、删除或没有读取权限)")),
                    }
                }
                Err(_) => Err(Refusal::new("读取请求中的文件无法识别")),
            };
            let answer = JsValue::from_str(&ranked_answer(&result));
            let _ = scope.post_message(&message("file", &[("index", &JsValue::from(index as u32)), ("answer", &answer)]));
        }
        let _ = scope.post_message(&message("end", &[]));
    }

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        if let Some(json) = data.as_string() {
            let _ = match demozone::engine::view::tools::xlsx_from_request(&json) {
                Ok(bytes) => {
                    let array = js_sys::Uint8Array::from(bytes.as_slice());
                    let transfer = js_sys::Array::of1(&array.buffer());
                    reply_to.post_message_with_transfer(&message("done", &[("bytes", &array)]), &transfer)
                }
                Err(e) => reply_to.post_message(&message("error", &[("message", &JsValue::from_str(&e.to_string()))])),
            };
        } else if field(&data, "kind").as_string().as_deref() == Some("read") {
            wasm_bindgen_futures::spawn_local(read_job(reply_to.clone(), data));
        } else {
            let _ = reply_to.post_message(&message("error", &[("message", &JsValue::from_str("后台组件收到了无法识别的请求"))]));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&message("ready", &[]));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "tools-worker: the web worker of demozone's multi-file tools (reading files for 省级汇总, the \
         .xlsx export of its ranking), built by Trunk for the browser app; it does nothing on the \
         host (use `demozone rank FILE...` or `demozone score FILE...`)."
    );
}

//! `tools-worker`: the multi-file tools' work that must not hold the page, run as a dedicated web
//! worker: reading and scoring the files opened in 省级汇总, 专家组合议 and 版本比较 (a file at the
//! size limit takes seconds to read, and one engine call cannot be sliced), comparing two versions,
//! and the .xlsx export of the ranking; and reading a large file opened with 打开文件.
//!
//! `rust_xlsxwriter` (and the zip writer under it) would add about 240 KB (gzip) to the app's
//! first load, for a button that few people press; the engine's reader is in the app already, but a
//! second copy here keeps a large file off the page's thread. So this is a second wasm binary,
//! which Trunk builds as a worker (index.html: `<link data-trunk rel="rust"
//! data-bin="tools-worker" data-type="worker" …>`): Trunk emits `tools-worker.js` (wasm-bindgen's
//! "no-modules" glue) and `tools-worker_bg.wasm`, unhashed and without preloading them, and the
//! app starts `new Worker("tools-worker-boot.js")` (web/tools-worker-boot.js, which loads those two
//! and reports a failure to load them) only when the user opens files in a tool
//! (src/app/multi_open.rs) or clicks 导出Excel (src/app/ranking.rs). One worker binary for all:
//! one copy of the engine to build and fetch (docs/decisions.md).
//!
//! Protocol (all messages are plain objects, except the export's request):
//! - worker → app `{kind: "ready"}` once it can take a job (messages sent before would be lost:
//!   the loader returns before the wasm is instantiated), or `{kind: "error", message}` from the
//!   loader when the wasm cannot be fetched or compiled;
//! - the export: app → worker the ranking as JSON text (`engine::view::tools::xlsx_request`);
//!   worker → app `{kind: "done", bytes: Uint8Array}` or `{kind: "error", message: "…"}`;
//! - reading: app → worker `{kind: "read", answer, rubrics, files}`: what to answer for each file
//!   (`engine::view::tool_read::Answer`: `"ranked"` for 省级汇总, `"sheet"` for 专家组合议,
//!   `"version"` for a slot of 版本比较, `"open"` for 打开文件 of one file over
//!   `engine::json::text::READ_ON_PAGE_BYTES`: the `OpenedDraft`, the whole assessment to make a
//!   draft of, when it is at most `MAX_DRAFT_BYTES` as JSON, else the refusal that says it is too
//!   large, src/app/files.rs), the loaded rubric versions (`tool_read::rubrics_message`)
//!   and the `File`s to read, in order; worker → app for each file in turn
//!   `{kind: "file", index, answer}` (`tool_read::answer_bytes`: JSON of that answer, or of the
//!   refusal), then `{kind: "end"}`;
//! - comparing: app → worker `{kind: "diff", rubrics, files: [old, new]}`; worker → app one
//!   `{kind: "file", index: 0, answer}` (`tool_read::diff_answer`: the comparison as 版本比较 shows
//!   it, or why not), then `{kind: "end"}`;
//! - for either, `{kind: "error", message}` when the job itself cannot be read.

#[cfg(target_arch = "wasm32")]
fn main() {
    use demozone::engine::rubric::load::LoadedRubric;
    use demozone::engine::support::problem::Refusal;
    use demozone::engine::view::tool_read::{answer_bytes, diff_answer, diff_bytes, rubrics_from_message, Answer};
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

    /// The loaded rubric versions of a job, or the error message already posted.
    fn job_rubrics(scope: &web_sys::DedicatedWorkerGlobalScope, data: &JsValue) -> Option<Vec<LoadedRubric>> {
        let why = match field(data, "rubrics").as_string().map(|json| rubrics_from_message(&json)) {
            Some(Ok(r)) => return Some(r),
            Some(Err(e)) => e.to_string(),
            None => "读取请求中没有指标体系数据".into(),
        };
        let _ = scope.post_message(&message("error", &[("message", &JsValue::from_str(&why))]));
        None
    }

    /// A file's name and bytes.
    async fn read_bytes(file: JsValue) -> (String, Result<Vec<u8>, Refusal>) {
        let Ok(file) = file.dyn_into::<web_sys::File>() else {
            return (String::new(), Err(Refusal::new("读取请求中的文件无法识别")));
        };
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
            Err(_) => Err(Refusal::new("浏览器无法读取此文件(可能已被移动、删除或没有读取权限)")),
        };
        (file.name(), bytes)
    }

    fn post_answer(scope: &web_sys::DedicatedWorkerGlobalScope, index: usize, answer: &str) {
        let answer = JsValue::from_str(answer);
        let _ = scope.post_message(&message("file", &[("index", &JsValue::from(index as u32)), ("answer", &answer)]));
    }

    /// Reads the files of a read job one after another, answering after each.
    async fn read_job(scope: web_sys::DedicatedWorkerGlobalScope, data: JsValue) {
        let Some(answer) = field(&data, "answer").as_string().and_then(|a| Answer::from_name(&a)) else {
            let _ = scope.post_message(&message("error", &[("message", &JsValue::from_str("读取请求没有说明要读取什么"))]));
            return;
        };
        let Some(rubrics) = job_rubrics(&scope, &data) else { return };
        let rubrics: Vec<_> = rubrics.iter().collect();
        let files: js_sys::Array = field(&data, "files").dyn_into().unwrap_or_default();
        for (index, file) in files.iter().enumerate() {
            let (name, bytes) = read_bytes(file).await;
            post_answer(&scope, index, &answer_bytes(answer, &name, bytes.as_deref().map_err(Clone::clone), &rubrics));
        }
        let _ = scope.post_message(&message("end", &[]));
    }

    /// Reads the two files of a comparison and answers with it.
    async fn diff_job(scope: web_sys::DedicatedWorkerGlobalScope, data: JsValue) {
        let Some(rubrics) = job_rubrics(&scope, &data) else { return };
        let rubrics: Vec<_> = rubrics.iter().collect();
        let files: js_sys::Array = field(&data, "files").dyn_into().unwrap_or_default();
        let (_, old) = read_bytes(files.get(0)).await;
        let (_, new) = read_bytes(files.get(1)).await;
        let result = diff_bytes(old.as_deref().map_err(Clone::clone), new.as_deref().map_err(Clone::clone), &rubrics);
        post_answer(&scope, 0, &diff_answer(&result));
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
        } else {
            match field(&data, "kind").as_string().as_deref() {
                Some("read") => wasm_bindgen_futures::spawn_local(read_job(reply_to.clone(), data)),
                Some("diff") => wasm_bindgen_futures::spawn_local(diff_job(reply_to.clone(), data)),
                _ => {
                    let _ = reply_to.post_message(&message("error", &[("message", &JsValue::from_str("后台组件收到了无法识别的请求"))]));
                }
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&message("ready", &[]));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "tools-worker: the web worker of demozone's multi-file tools (reading files for 省级汇总, \
         专家组合议 and 版本比较, comparing two versions, the .xlsx export of the ranking), built by Trunk for the browser app; it does nothing on the \
         host (use `demozone rank FILE...` or `demozone score FILE...`)."
    );
}

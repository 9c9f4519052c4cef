//! 佐证材料目录 on a sub-item's card: its evidence entries (名称, 文号或来源, 日期, 页数), the
//! fingerprint of an attached local file, 已核对, and picking many files at once. A file is
//! fingerprinted off the main thread by a same-origin worker (`web/hash-worker.js`, fetched when
//! the first file is picked), which reads it in slices and reports progress; where no worker can
//! start, the page reads it in slices (`Blob.slice().arrayBuffer()`), each hashed by the engine's
//! `Fingerprinter` and awaited before the next one, and says so. Only the name, size and SHA-256
//! are kept (never the file). Its own module, so that it can move behind a lazy split point with
//! the page it is on.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::browser::js_text;
use super::state::draft::{use_draft, OpenDraft};
use crate::engine::model::edit::{Edit, EvidenceField};
use crate::engine::model::evidence::FileFingerprint;
use crate::engine::support::fingerprint::Fingerprinter;
use crate::engine::view::evidence::{item_catalogue, CatalogueRow};

/// Bytes hashed between two returns to the browser's event loop on the fallback path: a slice
/// is read by the browser off the main thread, then hashed here in a few milliseconds.
const SLICE: f64 = 1024.0 * 1024.0;

/// The worker script that fingerprints a file off the main thread (copied by index.html).
const HASH_WORKER_URL: &str = "./hash-worker.js";

const UNREADABLE: &str = "浏览器无法读取此文件(可能已被移动、删除或没有读取权限)";

/// What the page says once files were fingerprinted on the main thread because no worker started.
pub(super) const NO_WORKER_NOTE: &str =
    "浏览器未能启动后台计算线程,文件指纹改在本页面中计算(结果相同;大文件计算期间页面可能短暂卡顿)";

thread_local! {
    /// Set once a worker could not start: the page's own path is used from then on.
    static NO_WORKER: Cell<bool> = const { Cell::new(false) };
}

/// Whether fingerprints are computed on the main thread (no worker could start).
pub(super) fn without_worker() -> bool {
    NO_WORKER.with(Cell::get)
}

/// Fingerprints `file`, in the worker when one starts, else on the main thread; `progress` gets
/// the fraction done.
pub(super) async fn fingerprint(file: &web_sys::File, progress: impl Fn(f64) + 'static) -> Result<FileFingerprint, String> {
    let progress: Rc<dyn Fn(f64)> = Rc::new(progress);
    if !without_worker() {
        match in_worker(file, progress.clone()).await {
            Some(result) => return result.map(|(size, sha256)| FileFingerprint { name: file.name(), size, sha256 }),
            None => NO_WORKER.with(|w| w.set(true)),
        }
    }
    on_main_thread(file, &*progress).await
}

/// The worker's answer for `file`: its size and fingerprint, or why it could not be read; `None`
/// when the worker did not start (or stopped without an answer).
async fn in_worker(file: &web_sys::File, progress: Rc<dyn Fn(f64)>) -> Option<Result<(u64, String), String>> {
    let worker = web_sys::Worker::new(HASH_WORKER_URL).ok()?;
    let resolve: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let slot = resolve.clone();
    let answer = js_sys::Promise::new(&mut |r, _| *slot.borrow_mut() = Some(r));
    let settle = move |v: &JsValue| {
        if let Some(r) = resolve.borrow_mut().take() {
            let _ = r.call1(&JsValue::NULL, v);
        }
    };
    let field = |data: &JsValue, k: &str| js_sys::Reflect::get(data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let done = settle.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        if field(&data, "kind").as_string().as_deref() == Some("progress") {
            let (d, s) = (field(&data, "done").as_f64().unwrap_or(0.0), field(&data, "size").as_f64().unwrap_or(1.0));
            progress(if s > 0.0 { d / s } else { 1.0 });
        } else {
            done(&data);
        }
    });
    // A script that cannot be fetched or run (offline without it, a server without the file).
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| settle(&JsValue::NULL));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let job = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&job, &JsValue::from_str("file"), file);
    let posted = worker.post_message(&job).is_ok();
    let data = if posted { JsFuture::from(answer).await.unwrap_or(JsValue::NULL) } else { JsValue::NULL };
    worker.terminate();
    match field(&data, "kind").as_string()?.as_str() {
        "done" => {
            let sha = field(&data, "sha256").as_string()?;
            Some(Ok((field(&data, "size").as_f64()? as u64, sha)))
        }
        _ => Some(Err(field(&data, "message").as_string().unwrap_or_else(|| UNREADABLE.into()))),
    }
}

/// Reads `file` slice by slice on the main thread and fingerprints it.
async fn on_main_thread(file: &web_sys::File, progress: &dyn Fn(f64)) -> Result<FileFingerprint, String> {
    let size = file.size();
    let mut f = Fingerprinter::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut start = 0.0;
    while start < size {
        let end = (start + SLICE).min(size);
        let blob = file.slice_with_f64_and_f64(start, end).map_err(js_text)?;
        let chunk = JsFuture::from(blob.array_buffer()).await.map_err(|_| UNREADABLE.to_string())?;
        let bytes = js_sys::Uint8Array::new(&chunk);
        buf.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut buf);
        f.update(&buf);
        start = end;
        progress(start / size);
    }
    let (size, sha256) = f.finish();
    Ok(FileFingerprint { name: file.name(), size, sha256 })
}

/// What the status line says once a batch is done: the files that could not be read, and the
/// main-thread note when no worker started.
pub(super) fn batch_end(failed: &[String]) -> String {
    let mut text = if failed.is_empty() { String::new() } else { format!("未能读取:{}", failed.join(";")) };
    if without_worker() {
        if !text.is_empty() {
            text.push('。');
        }
        text.push_str(NO_WORKER_NOTE);
    }
    text
}

/// The files a file input holds.
fn picked(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return vec![] };
    let files = input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
    // The same file can be picked again later.
    input.set_value("");
    files
}

/// Shows the progress of file `n` of `count`, `name`, in `status`.
pub(super) fn progress_text(status: RwSignal<String>, n: usize, count: usize, name: String) -> impl Fn(f64) + 'static {
    move |p: f64| {
        let note = if without_worker() { "(在本页面中计算)" } else { "" };
        status.set(format!("正在计算文件指纹{note}({n}/{count}):{name} {}%", (p * 100.0) as u32));
    }
}

/// Fingerprints `files` one after the other and hands each to `done`; `status` shows what is
/// being read, or what could not be.
fn hash_all(files: Vec<web_sys::File>, status: RwSignal<String>, done: impl Fn(FileFingerprint) + 'static) {
    leptos::task::spawn_local(async move {
        let count = files.len();
        let mut failed = Vec::new();
        for (n, file) in files.iter().enumerate() {
            let name = file.name();
            let shown = progress_text(status, n + 1, count, name.clone());
            shown(0.0);
            match fingerprint(file, shown).await {
                Ok(f) => done(f),
                Err(e) => failed.push(format!("{name}:{e}")),
            }
        }
        status.set(batch_end(&failed));
    });
}

/// Adds one entry per file, titled by its name, with its fingerprint.
fn add_entry(draft: OpenDraft, item: &'static str, f: FileFingerprint) {
    draft.dispatch(Edit::AddEvidence { item: item.into() });
    let row = draft.assessment.with_untracked(|a| a.input(item).map(|i| i.evidence.len()).unwrap_or(0));
    let Some(row) = row.checked_sub(1) else { return };
    let title = f.name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(&f.name).to_string();
    draft.dispatch(Edit::SetEvidenceText { item: item.into(), row, field: EvidenceField::Title, value: title });
    draft.dispatch(Edit::SetEvidenceFile { item: item.into(), row, file: Some(f) });
}

/// Size in bytes as people read it.
fn size_text(size: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if size >= MB {
        format!("{}.{} MB", size / MB, size % MB * 10 / MB)
    } else {
        format!("{} KB", size.div_ceil(1024))
    }
}

/// The 佐证材料目录 of sub-item `item`.
pub fn evidence_list(item: &'static str) -> AnyView {
    let draft = use_draft();
    let rows = Memo::new(move |_| draft.assessment.with(|a| item_catalogue(a, item)));
    let status = RwSignal::new(String::new());
    let picker_id = format!("evidence-files-{item}");
    view! {
        <div class="evidence" data-testid=format!("evidence-{item}")>
            <p class="evidence-title">"佐证材料目录"</p>
            <For each=move || rows.get() key=|r: &CatalogueRow| (r.row, r.clone()) let:r>
                {entry_view(draft, item, r, status)}
            </For>
            <div class="evidence-actions">
                <button type="button" class="btn" data-testid=format!("evidence-add-{item}")
                    on:click=move |_| { draft.dispatch(Edit::AddEvidence { item: item.into() }); }>"+ 添加佐证材料"</button>
                <label class="btn" for=picker_id.clone()>"选择文件(可多选)…"</label>
                <input id=picker_id.clone() class="sr-only" type="file" multiple=true data-testid=picker_id
                    on:change=move |ev| hash_all(picked(&ev), status, move |f| add_entry(draft, item, f))/>
            </div>
            <p class="evidence-status" role="status" data-testid=format!("evidence-status-{item}")>{move || status.get()}</p>
            <p class="hint">"文件只在本机计算指纹(SHA-256),不会上传,也不保存在评估文件中;评估文件只记录文件名、大小和指纹,供核对收到的附件。"</p>
        </div>
    }
    .into_any()
}

fn entry_view(draft: OpenDraft, item: &'static str, r: CatalogueRow, status: RwSignal<String>) -> AnyView {
    let row = r.row;
    let field = move |f: EvidenceField, label: &'static str, value: String, class: &'static str| {
        let id = format!("evidence-{item}-{row}-{}", f.id());
        view! {
            <div class=class>
                <label for=id.clone()>{label}</label>
                <input id=id.clone() type="text" data-testid=id prop:value=value
                    on:change=move |ev| {
                        draft.dispatch(Edit::SetEvidenceText { item: item.into(), row, field: f, value: event_target_value(&ev) });
                    }/>
            </div>
        }
    };
    let attach_id = format!("evidence-attach-{item}-{row}");
    let file = match &r.file {
        Some(f) => view! {
            <p class="evidence-file" data-testid=format!("evidence-file-{item}-{row}")>
                <span class="evidence-name">{f.name.clone()}</span>
                " " {size_text(f.size)} " · SHA-256 "
                <code class="fingerprint" data-testid=format!("evidence-sha256-{item}-{row}")>{f.sha256.clone()}</code>
            </p>
        }
        .into_any(),
        None => view! { <p class="evidence-file none">"未附文件"</p> }.into_any(),
    };
    let checked = r.checked;
    view! {
        <fieldset class="evidence-entry" data-testid=format!("evidence-entry-{}", r.number)>
            <legend>{r.number.clone()}</legend>
            {field(EvidenceField::Title, "名称", r.title.clone(), "field wide")}
            {field(EvidenceField::Source, "文号或来源", r.source.clone(), "field")}
            {field(EvidenceField::Date, "日期", r.date.clone(), "field")}
            {field(EvidenceField::Pages, "页数", r.pages.clone(), "field")}
            {file}
            <div class="evidence-entry-actions">
                <label class="btn small" for=attach_id.clone()>{if r.file.is_some() { "更换文件…" } else { "附文件…" }}</label>
                <input id=attach_id.clone() class="sr-only" type="file" data-testid=attach_id
                    on:change=move |ev| hash_all(picked(&ev), status, move |f| {
                        draft.dispatch(Edit::SetEvidenceFile { item: item.into(), row, file: Some(f) });
                    })/>
                <label class="check">
                    <input type="checkbox" prop:checked=checked data-testid=format!("evidence-checked-{item}-{row}")
                        on:change=move |ev| {
                            draft.dispatch(Edit::SetEvidenceChecked { item: item.into(), row, checked: event_target_checked(&ev) });
                        }/>
                    "已核对(评审人勾选)"
                </label>
                <button type="button" class="btn small" data-testid=format!("evidence-remove-{item}-{row}")
                    on:click=move |_| { draft.dispatch(Edit::RemoveEvidence { item: item.into(), row }); }>"删除"</button>
            </div>
        </fieldset>
    }
    .into_any()
}

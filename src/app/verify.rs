//! 核对佐证材料: a reviewer picks or drops in the attachments as received (a folder, or many
//! files; a dropped folder is walked with `webkitGetAsEntry`); each
//! is fingerprinted in the browser (never uploaded) and every evidence entry of the open
//! assessment is marked 一致, 一致(已改名), 内容不同 or 缺失 (`view::evidence::verify`), with
//! the files no entry names. The result prints on one page; the entries found unchanged can be
//! marked 已核对. A page of the second module (`super::lazy`).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::evidence::{batch_end, fingerprint, progress_text};
use super::review::use_layers;
use super::rx::live_view;
use super::state::draft::use_draft;
use crate::engine::model::edit::{Edit, ReviewField};
use crate::engine::view::roles::LayerChoice;
use crate::engine::view::evidence::{verify, Received, Status};

/// A picked file's path inside the folder picked (`webkitRelativePath`), or its name.
fn path_of(file: &web_sys::File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

fn files_of(ev: &leptos::ev::Event) -> Vec<(String, web_sys::File)> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return vec![] };
    let files = input.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).map(|f| (path_of(&f), f)).collect()).unwrap_or_default();
    input.set_value("");
    files
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls `obj.method(onSuccess, onError)` (the file system entries' callback style) and awaits
/// the value passed to either.
async fn called_back(obj: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(obj, method).dyn_into()?;
    let promise = js_sys::Promise::new(&mut |ok, err| {
        if let Err(e) = f.call2(obj, &ok, &err) {
            let _ = err.call1(&JsValue::NULL, &e);
        }
    });
    JsFuture::from(promise).await
}

/// What was dropped: each item's file system entry (`webkitGetAsEntry`, taken during the drop
/// event, as the browser requires), else its file. Folders are walked afterwards (`walk`).
fn dropped(ev: &web_sys::DragEvent) -> (Vec<JsValue>, Vec<(String, web_sys::File)>) {
    let (mut entries, mut files) = (Vec::new(), Vec::new());
    let Some(dt) = ev.data_transfer() else { return (entries, files) };
    let items = get(&dt, "items");
    let count = get(&items, "length").as_f64().unwrap_or(0.0) as u32;
    for i in 0..count {
        let item = js_sys::Reflect::get(&items, &JsValue::from(i)).unwrap_or(JsValue::UNDEFINED);
        if get(&item, "kind").as_string().as_deref() != Some("file") {
            continue;
        }
        let entry = get(&item, "webkitGetAsEntry")
            .dyn_into::<js_sys::Function>()
            .ok()
            .and_then(|f| f.call0(&item).ok())
            .filter(|e| e.is_object());
        match entry {
            Some(e) => entries.push(e),
            None => {
                let file = get(&item, "getAsFile").dyn_into::<js_sys::Function>().ok().and_then(|f| f.call0(&item).ok());
                if let Some(f) = file.and_then(|f| f.dyn_into::<web_sys::File>().ok()) {
                    files.push((f.name(), f));
                }
            }
        }
    }
    if entries.is_empty() && files.is_empty() {
        // A browser without `items`: the files only.
        if let Some(list) = dt.files() {
            files.extend((0..list.length()).filter_map(|i| list.get(i)).map(|f| (f.name(), f)));
        }
    }
    (entries, files)
}

/// The files under dropped entries (folders walked to the bottom), each with its path from the
/// dropped folder (`received/子目录/改名了.bin`, as the folder picker gives it); the paths that
/// could not be read.
async fn walk(mut stack: Vec<JsValue>) -> (Vec<(String, web_sys::File)>, Vec<String>) {
    let (mut files, mut failed) = (Vec::new(), Vec::new());
    while let Some(entry) = stack.pop() {
        let path = get(&entry, "fullPath").as_string().unwrap_or_default().trim_start_matches('/').to_string();
        if get(&entry, "isDirectory").is_truthy() {
            let Some(reader) = get(&entry, "createReader").dyn_into::<js_sys::Function>().ok().and_then(|f| f.call0(&entry).ok()) else {
                failed.push(path);
                continue;
            };
            // readEntries gives a folder's entries in batches, until an empty one.
            loop {
                match called_back(&reader, "readEntries").await.map(|v| js_sys::Array::from(&v)) {
                    Ok(batch) if batch.length() > 0 => stack.extend(batch.iter()),
                    Ok(_) => break,
                    Err(_) => {
                        failed.push(path.clone());
                        break;
                    }
                }
            }
        } else {
            match called_back(&entry, "file").await.and_then(|f| f.dyn_into::<web_sys::File>().map_err(JsValue::from)) {
                Ok(f) => files.push((if path.is_empty() { f.name() } else { path }, f)),
                Err(_) => failed.push(path),
            }
        }
    }
    (files, failed)
}

/// Adds the page's stylesheet (`style/verify.css`, copied beside index.html) to the document once.
fn add_stylesheet() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.get_element_by_id("verify-css").is_some() {
        return;
    }
    if let (Ok(link), Some(head)) = (doc.create_element("link"), doc.head()) {
        let _ = link.set_attribute("id", "verify-css");
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", "./verify.css");
        let _ = head.append_child(&link);
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    add_stylesheet();
    let draft = use_draft();
    let rubric = &draft.loaded_rubric().rubric;
    let received: RwSignal<Vec<Received>> = RwSignal::new(Vec::new());
    let status = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        received.with(|r| (!r.is_empty()).then(|| draft.assessment.with(|a| verify(rubric, a, r))))
    });
    // Fingerprints what was picked or dropped (and the paths of dropped folders that could not be
    // read), then checks it against the entries.
    let check = move |files: Vec<(String, web_sys::File)>, unread: Vec<String>| {
        if files.is_empty() && unread.is_empty() {
            return;
        }
        received.set(Vec::new());
        leptos::task::spawn_local(async move {
            let count = files.len();
            let mut got = Vec::new();
            let mut failed: Vec<String> = unread.into_iter().map(|p| format!("{p}:{}", "浏览器无法读取此文件夹或文件")).collect();
            for (n, (path, file)) in files.iter().enumerate() {
                let shown = progress_text(status, n + 1, count, path.clone());
                shown(0.0);
                match fingerprint(file, shown).await {
                    Ok(f) => got.push(Received { path: path.clone(), size: f.size, sha256: f.sha256 }),
                    Err(e) => failed.push(format!("{path}:{e}")),
                }
            }
            got.sort_by(|a, b| a.path.cmp(&b.path));
            status.set(batch_end(&failed));
            received.set(got);
        });
    };
    let take = move |ev: leptos::ev::Event| check(files_of(&ev), Vec::new());
    // A folder or files dropped anywhere on the page: as picked.
    let over = RwSignal::new(false);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        // Not also the window's drop, which opens a dropped file as an assessment (`files.rs`).
        ev.stop_propagation();
        over.set(false);
        let (entries, mut files) = dropped(&ev);
        leptos::task::spawn_local(async move {
            let (walked, unread) = walk(entries).await;
            files.extend(walked);
            check(files, unread);
        });
    };
    // `webkitdirectory` (a folder picker) is not an attribute Leptos knows: set on the element.
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    // The reviewer's layer this page was opened from (核对佐证材料 is on the reviewer's layer bar:
    // the layer the user works on), if any.
    let layers = use_layers();
    let review = Memo::new(move |_| match layers.active.get() {
        LayerChoice::Review(i) => draft.assessment.with(|a| a.reviews.get(i).map(|r| (i, r.role.opinion_label()))),
        _ => None,
    });
    let to_opinion = move |_| {
        let (Some(v), Some((i, _))) = (result.get_untracked(), review.get_untracked()) else { return };
        let mut text = draft.assessment.with_untracked(|a| a.reviews.get(i).map(|r| r.opinion.clone()).unwrap_or_default());
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&v.summary());
        for line in v.problems_text() {
            text.push_str(&format!("\n{line}"));
        }
        draft.dispatch(Edit::SetReviewText { review: i, field: ReviewField::Opinion, value: text });
    };
    let mark_checked = move |_| {
        let Some(v) = result.get_untracked() else { return };
        for e in v.entries.iter().filter(|e| matches!(e.status, Status::Same | Status::Renamed)) {
            draft.dispatch(Edit::SetEvidenceChecked { item: e.item.clone(), row: e.row, checked: true });
        }
    };
    view! {
        <section class="page-section verify-page" class:drop-over=move || over.get() aria-labelledby="page-heading" data-testid="verify-page"
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop>
            <h2 id="page-heading" tabindex="-1">"核对佐证材料"</h2>
            <p class="hint no-print">"选择收到的附件所在的文件夹,或一次选择多个文件,也可以把文件夹或文件拖放到本页。文件只在本机计算指纹(SHA-256),不会上传。"</p>
            <div class="evidence-actions no-print">
                <label class="btn primary" for="verify-folder">"选择文件夹…"</label>
                <input id="verify-folder" class="sr-only" type="file" node_ref=folder multiple=true data-testid="verify-folder" on:change=take/>
                <label class="btn" for="verify-files">"选择多个文件…"</label>
                <input id="verify-files" class="sr-only" type="file" multiple=true data-testid="verify-files" on:change=take/>
            </div>
            <p class="evidence-status" role="status" data-testid="verify-status">{move || status.get()}</p>
            {live_view(move || {
                let Some(v) = result.get() else { return ().into_any() };
                view! {
                    <div class="verify-result" data-testid="verify-result">
                        <h3>"核对结果"</h3>
                        <p data-testid="verify-subject">{draft.assessment.with_untracked(|a| format!("创建对象:{}", a.subject.name))}</p>
                        <p data-testid="verify-summary"><strong>{v.summary()}</strong></p>
                        <table class="score-table verify-table">
                            <thead><tr>
                                <th scope="col">"编号"</th><th scope="col">"名称"</th><th scope="col">"记录的文件"</th>
                                <th scope="col">"指纹(前8位)"</th><th scope="col">"结果"</th><th scope="col">"收到的文件"</th>
                            </tr></thead>
                            <tbody>
                                {v.entries.into_iter().map(|e| {
                                    let (name, short) = e.expected.as_ref().map(|f| (f.name.clone(), f.short().to_string())).unwrap_or_default();
                                    view! {
                                        <tr data-testid=format!("verify-{}", e.number)>
                                            <td>{e.number.clone()}</td><td>{e.title}</td><td>{name}</td><td><code>{short}</code></td>
                                            <td class=e.status.class() data-testid=format!("verify-status-{}", e.number)>{e.status.label()}</td>
                                            <td>{e.received.unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p class="hint print-only">"名称或文件名过长时打印截断;完整的佐证材料目录见自评报告的附件。"</p>
                        {(!v.extra.is_empty()).then(|| view! {
                            <h4>"目录外的文件"</h4>
                            <ul data-testid="verify-extra">
                                {v.extra.into_iter().map(|r| view! { <li>{r.path}" "<code>{r.sha256.get(..8).unwrap_or_default().to_string()}</code></li> }).collect_view()}
                            </ul>
                        })}
                        <div class="evidence-actions no-print">
                            <button type="button" class="btn" data-testid="verify-mark-checked" on:click=mark_checked>"将一致的条目标记为已核对"</button>
                            {move || review.get().map(|(_, label)| view! {
                                <button type="button" class="btn" data-testid="verify-to-opinion" on:click=to_opinion>{format!("写入{label}")}</button>
                            })}
                            <button type="button" class="btn" data-testid="verify-print" on:click=|_| {
                                if let Some(w) = web_sys::window() { let _ = w.print(); }
                            }>"打印核对结果"</button>
                        </div>
                    </div>
                }
                .into_any()
            })}
        </section>
    }
}

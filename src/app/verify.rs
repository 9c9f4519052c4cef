//! 核对佐证材料: a reviewer drops in the attachments as received (a folder, or many files); each
//! is fingerprinted in the browser (never uploaded) and every evidence entry of the open
//! assessment is marked 一致, 一致(已改名), 内容不同 or 缺失 (`view::evidence::verify`), with
//! the files no entry names. The result prints on one page; the entries found unchanged can be
//! marked 已核对. A page of the second module (`super::lazy`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

fn files_of(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return vec![] };
    let files = input.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
    input.set_value("");
    files
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let draft = use_draft();
    let rubric = &draft.loaded_rubric().rubric;
    let received: RwSignal<Vec<Received>> = RwSignal::new(Vec::new());
    let status = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        received.with(|r| (!r.is_empty()).then(|| draft.assessment.with(|a| verify(rubric, a, r))))
    });
    let take = move |ev: leptos::ev::Event| {
        let files = files_of(&ev);
        if files.is_empty() {
            return;
        }
        received.set(Vec::new());
        leptos::task::spawn_local(async move {
            let count = files.len();
            let mut got = Vec::new();
            let mut failed = Vec::new();
            for (n, file) in files.iter().enumerate() {
                let path = path_of(file);
                let shown = |p: f64| format!("正在计算文件指纹({}/{count}):{path} {}%", n + 1, (p * 100.0) as u32);
                status.set(shown(0.0));
                match super::evidence::fingerprint(file, |p| status.set(shown(p))).await {
                    Ok(f) => got.push(Received { path: path.clone(), size: f.size, sha256: f.sha256 }),
                    Err(e) => failed.push(format!("{path}:{e}")),
                }
            }
            status.set(if failed.is_empty() { String::new() } else { format!("未能读取:{}", failed.join(";")) });
            received.set(got);
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
        <section class="page-section verify-page" aria-labelledby="page-heading" data-testid="verify-page">
            <h2 id="page-heading" tabindex="-1">"核对佐证材料"</h2>
            <p class="hint no-print">"选择收到的附件所在的文件夹,或一次选择多个文件。文件只在本机计算指纹(SHA-256),不会上传。"</p>
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

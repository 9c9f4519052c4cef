//! Assessment files: save (a download), open (file picker or drop), and the question asked
//! before an opened file could be confused with an existing draft.
//!
//! Writing and reading an assessment file (`engine::io::file`) are not in the first load: each is
//! a split point (`file_save`, `file_open`; see `super::lazy`), fetched the first time a file is
//! saved or opened. A failed fetch is said like any other failure to save or open.
//!
//! A file up to `READ_ON_PAGE_BYTES` (1 MiB; a real assessment is a few KiB) is read on the page.
//! A larger one is read in the tools' worker (`super::multi_open::in_worker`, a read job answering
//! `engine::view::tool_read::OpenedDraft`), a notice saying so meanwhile, so that the page keeps
//! painting: the worker answers with the assessment to make a draft of, as this program's own JSON
//! (read here by serde's derived readers, in the reader's chunk), or why not, among which a draft
//! over `MAX_DRAFT_BYTES`. A file read on the page goes through the same engine function
//! (`tool_read::open_draft`): the same refusals and the same draft limit (a small file of many
//! review layers can make a draft of more than twice its size). Where the worker cannot start, the
//! larger file is read on the page too, and the notice says so.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::JsCast;

use super::browser;
use super::review::{use_layers, Layers};
use super::rx::live_view;
use super::state::draft::{use_draft, OpenDraft};
use super::state::nav::{use_nav, Navigation, Page};
use super::state::notices::{use_notices, Level, Notices};
use super::state::rubrics::{use_rubrics, Rubrics};
use super::state::store::{use_store, DraftStore};
use crate::engine::io::draft::file_name;
use crate::engine::io::file::write_file;
use crate::engine::json::text::{check_size, FileKind, READ_ON_PAGE_BYTES};
use crate::engine::model::assessment::Assessment;
use crate::engine::model::rubric::RubricRef;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::rubric::set::rubric_ref_label;
use crate::engine::support::problem::Refusal;
use crate::engine::view::tool_read::{from_answer, open_draft, Answer, OpenedDraft};
use crate::engine::view::tools::failure_view;

const FILE_INPUT_ID: &str = "file-input";

/// A question the user must answer before anything is replaced.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// An opened file's subject matches existing drafts.
    SameSubject {
        file_name: String,
        assessment: Assessment,
        /// The rubric the file was scored with (loaded).
        rubric: RubricRef,
        diffs: Vec<String>,
        matches: Vec<(String, String)>,
    },
}

/// The question asked about an opened file, if any (a context provided by the app's root).
#[derive(Clone, Copy)]
pub struct FileQuestion(RwSignal<Option<Dialog>>);

impl FileQuestion {
    pub fn new() -> FileQuestion {
        FileQuestion(RwSignal::new(None))
    }
}

impl Default for FileQuestion {
    fn default() -> Self {
        FileQuestion::new()
    }
}

/// What opening a file touches: the contexts, taken once by the view that opens files.
#[derive(Clone, Copy)]
struct Opening {
    draft: OpenDraft,
    store: DraftStore,
    nav: Navigation,
    notices: Notices,
    rubrics: Rubrics,
    layers: Layers,
    question: FileQuestion,
}

impl Opening {
    fn new() -> Opening {
        Opening {
            draft: use_draft(),
            store: use_store(),
            nav: use_nav(),
            notices: use_notices(),
            rubrics: use_rubrics(),
            layers: use_layers(),
            question: expect_context::<FileQuestion>(),
        }
    }
}

/// Saves the open assessment as a JSON file (a download; nothing leaves the computer otherwise).
/// The writer is a split point, fetched on the first save; if it cannot be fetched, that is said.
/// `saved` runs once the file was made.
pub fn download_current(draft: OpenDraft, notices: Notices, saved: impl FnOnce() + 'static) {
    leptos::task::spawn_local(async move {
        match download_split(draft, notices).await {
            Ok(true) => saved(),
            Ok(false) => {}
            Err(e) => notices.notify(Level::Error, "notice-saved-file", "无法生成文件", vec![format!("保存文件的程序未能加载,请检查网络后重试。(技术信息:{e})")]),
        }
    });
}

super::lazy::split_fn!(file_save, download_preload, fn download_split(draft: OpenDraft, notices: Notices) -> Result<bool, SplitLoaderError> {
    Ok(download_now(draft, notices))
});

/// Whether the file was made.
fn download_now(draft: OpenDraft, notices: Notices) -> bool {
    let a = draft.assessment.get_untracked();
    let text = write_file(draft.loaded_rubric(), &a, &browser::now_iso());
    let name = file_name(&a.subject.name, &browser::today(), &draft.loaded_rubric().rubric.version);
    let note = "文件保存在浏览器的“下载”位置。可通过电子邮件发送;对方用本工具“打开文件”即可看到同样的自评和分数。";
    offer_file(notices, &name, &text, note)
}

/// Offers `text` as the file `name` (a download; nothing leaves the computer otherwise) and says
/// so, with `note` on where it went and what it holds. Whether the file was made.
pub fn offer_file(notices: Notices, name: &str, text: &str, note: &str) -> bool {
    match browser::download(name, text) {
        Ok(()) => {
            notices.notify(Level::Info, "notice-saved-file", format!("已生成文件「{name}」"), vec![note.into()]);
            true
        }
        Err(e) => {
            notices.notify(Level::Error, "notice-saved-file", "无法生成文件", vec![e]);
            false
        }
    }
}

#[component]
pub fn SaveFileButton() -> impl IntoView {
    let (draft, notices) = (use_draft(), use_notices());
    let marks = use_context::<super::summary::StepMarks>();
    view! {
        <button type="button" class="btn primary" data-testid="btn-save-file" on:click=move |_| {
            download_current(draft, notices, move || {
                if let Some(m) = marks {
                    m.saved_file(draft);
                }
            });
        }>
            "保存为文件"
        </button>
    }
}

#[component]
pub fn OpenFileButton() -> impl IntoView {
    view! {
        <button type="button" class="btn" data-testid="btn-open-file" aria-controls=FILE_INPUT_ID on:click=move |_| browser::click_id(FILE_INPUT_ID)>"打开文件"</button>
    }
}

/// The file picker itself (hidden; opened by [`OpenFileButton`]).
#[component]
pub fn FileInput() -> impl IntoView {
    let ctx = Opening::new();
    view! {
        <input
            type="file"
            id=FILE_INPUT_ID
            class="file-input"
            accept=".json,application/json"
            aria-label="选择要打开的评估文件"
            tabindex="-1"
            data-testid="file-input"
            on:change=move |ev| {
                let input: web_sys::HtmlInputElement = event_target(&ev);
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    open_file(ctx, file);
                }
                // Picking the same file again must fire `change` again.
                input.set_value("");
            }
        />
    }
}

/// Dropping a file anywhere on the page opens it.
pub fn install_drop() {
    let ctx = Opening::new();
    let _ = window_event_listener(leptos::ev::dragover, move |e| {
        if browser::drags_files(&e) {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |e| {
        if !browser::drags_files(&e) {
            return;
        }
        e.prevent_default();
        let Some(files) = e.data_transfer().and_then(|d| d.files()) else { return };
        if files.length() > 1 {
            ctx.notices.notify(Level::Info, "notice-file", "一次只能打开一个文件,已打开第一个。", vec![]);
        }
        if let Some(f) = files.get(0) {
            open_file(ctx, f);
        }
    });
}

fn open_file(ctx: Opening, file: web_sys::File) {
    let name = file.name();
    if let Err(e) = check_size(file.size() as usize, FileKind::Assessment) {
        return show_file_error(ctx, &name, &e, None);
    }
    leptos::task::spawn_local(async move {
        let opened = async { super::state::port::ready().await?; open_split(ctx, file).await }.await;
        if let Err(e) = opened {
            show_file_error(ctx, &name, &Refusal::new(format!("读取文件的程序未能加载,请检查网络后重试。(技术信息:{e})")), None);
        }
    });
}

// The reader of assessment files, a split point: fetched the first time a file is opened. A
// file up to `READ_ON_PAGE_BYTES` is read here, a larger one in the tools' worker.
super::lazy::split_fn!(file_open, open_preload, fn open_split(ctx: Opening, file: web_sys::File) -> Result<(), SplitLoaderError> {
    let name = file.name();
    if file.size() as usize > READ_ON_PAGE_BYTES {
        ctx.notices.notify(Level::Info, "notice-file", format!("正在读取文件「{name}」…"), vec!["文件较大,正在后台读取;读取期间可以继续使用本页。".into()]);
        leptos::task::spawn_local(read_in_worker(ctx, file));
    } else {
        browser::read_bytes(&file, move |res| match res {
            Ok(bytes) => open_bytes(ctx, &name, &bytes),
            Err(msg) => show_file_error(ctx, &name, &Refusal::new(msg), None),
        });
    }
    Ok(())
});

/// Reads an assessment file (`tool_read::open_draft`, as the worker reads a larger one: the same
/// refusals and the same draft limit, whichever side reads it); on success opens it as a new
/// draft, asking first when drafts of the same creation object exist. Nothing already open or
/// stored is changed on failure.
fn open_bytes(ctx: Opening, name: &str, bytes: &[u8]) {
    // Every loaded rubric: a file opens only under the rubric it names (else the engine says which to load).
    let loaded: Vec<&'static LoadedRubric> = ctx.rubrics.all_pinned();
    match open_draft(Ok(bytes), &loaded) {
        Ok(d) => open_read(ctx, name, loaded[d.rubric_index].reference(), d.assessment, d.recorded_differences, None),
        Err(e) => show_file_error(ctx, name, &e, None),
    }
}

/// Reads a large file in the tools' worker (`Answer::Open`), or on the page where the worker
/// cannot start, then opens it as [`open_bytes`] does.
async fn read_in_worker(ctx: Opening, file: web_sys::File) {
    use super::multi_open::{in_worker, on_page_note, yield_now, Job};
    let name = file.name();
    let loaded: Vec<&'static LoadedRubric> = ctx.rubrics.all_pinned();
    let mut answer = None;
    let done = in_worker(Job::Read(Answer::Open), &loaded, &[&file], |_, text| answer = Some(text)).await;
    let (result, note) = match (answer, done) {
        (Some(text), _) => (from_answer::<OpenedDraft>(&text), None),
        (None, done) => {
            let note = on_page_note(&done.err().unwrap_or_default(), "读取");
            ctx.notices.notify(Level::Info, "notice-file", format!("正在读取文件「{name}」…"), vec![note.clone()]);
            let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(|_| Refusal::new("浏览器无法读取此文件(可能已被移动、删除或没有读取权限)"));
            // Let the notice be painted before the page holds the thread.
            yield_now().await;
            (open_draft(bytes.as_deref().map_err(Clone::clone), &loaded), Some(note))
        }
    };
    let opened = result.and_then(|d| match loaded.get(d.rubric_index) {
        Some(r) => Ok((r.reference(), d)),
        None => Err(Refusal::new("后台读取组件返回了无法识别的结果(指标体系);请刷新页面后重新打开此文件")),
    });
    match opened {
        Ok((rubric, d)) => {
            // The file is read: the notice saying it is being read is over.
            ctx.notices.dismiss_kind("notice-file");
            open_read(ctx, &name, rubric, d.assessment, d.recorded_differences, note)
        }
        Err(e) => show_file_error(ctx, &name, &e, note),
    }
}

/// Opens a file that was read as a new draft, asking first when drafts of the same creation
/// object exist (`note`: why it was read on the page, said with the outcome).
fn open_read(ctx: Opening, name: &str, rubric: RubricRef, assessment: Assessment, diffs: Vec<String>, note: Option<String>) {
    ctx.notices.dismiss_kind("notice-file-error");
    let matches = ctx.store.with_subject(&assessment.subject);
    if matches.is_empty() {
        open_as_new(ctx, name, rubric, assessment, diffs, note);
    } else {
        if let Some(note) = note {
            ctx.notices.notify(Level::Info, "notice-file", format!("已读取文件「{name}」"), vec![note]);
        }
        ctx.question.0.set(Some(Dialog::SameSubject { file_name: name.to_string(), assessment, rubric, diffs, matches }));
        browser::focus_id("dialog-first");
    }
}

/// Says why a file was not opened (`note`: why it was read on the page).
fn show_file_error(ctx: Opening, name: &str, e: &Refusal, note: Option<String>) {
    let f = failure_view(name, e);
    let mut lines = vec![format!("位置:{}", f.place), format!("原因:{}", f.reason), "当前的草稿和已保存的草稿都没有改变。".into()];
    lines.extend(note);
    ctx.notices.notify(Level::Error, "notice-file-error", format!("无法打开文件「{name}」"), lines);
}

fn report_diffs(ctx: Opening, diffs: Vec<String>) {
    if !diffs.is_empty() {
        ctx.notices.notify(
            Level::Warning,
            "notice-recorded-diff",
            "注意:文件中记录的分数与重新计算的结果不一致,文件可能被手工修改过。以下以重新计算的分数为准:",
            diffs,
        );
    }
}

fn open_as_new(ctx: Opening, name: &str, rubric: RubricRef, assessment: Assessment, diffs: Vec<String>, note: Option<String>) {
    let version = rubric_ref_label(&rubric);
    ctx.draft.create(rubric, assessment, String::new());
    ctx.nav.go(Page::Summary);
    ctx.layers.ask_role();
    ctx.notices.notify(
        Level::Info,
        "notice-file",
        format!("已打开文件「{name}」,作为新草稿保存"),
        [format!("所有分数已按文件记录的指标体系({version})重新计算。")].into_iter().chain(note).collect(),
    );
    report_diffs(ctx, diffs);
}

/// Tab and Shift+Tab cycle through the dialog's buttons only (the page behind is modal-blocked).
fn keep_focus_in_dialog(e: &web_sys::KeyboardEvent) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let first = doc.get_element_by_id("dialog-first");
    let last = doc.get_element_by_id("dialog-last");
    let active = doc.active_element();
    let (at_edge, target) = if e.shift_key() { (first.clone(), last) } else { (last, first) };
    if active.is_some() && active == at_edge {
        e.prevent_default();
        if let Some(t) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = t.focus();
        }
    }
}

/// The question asked before an opened file could be confused with an existing draft: shown by
/// the reader's chunk (`super::lazy::file_dialog`), which asked it.
#[component]
pub fn DialogView() -> impl IntoView {
    let question = expect_context::<FileQuestion>();
    live_view(move || if question.0.with(Option::is_some) { super::lazy::file_dialog().into_any() } else { ().into_any() })
}

/// [`DialogView`]'s body.
pub fn dialog_body() -> impl IntoView {
    let ctx = Opening::new();
    live_view(move || {
        let Some(d) = ctx.question.0.get() else { return ().into_any() };
        match d {
            Dialog::SameSubject { file_name, assessment, rubric, diffs, matches } => {
                let subject = assessment.subject.name.trim().to_string();
                let (target_id, target_title) = matches[0].clone();
                // Replacing also moves that draft to the file's rubric: say so when it differs.
                let target_rubric = ctx.store.rows.with_untracked(|d| d.iter().find(|r| r.id == target_id).map(|r| r.rubric.clone()));
                let rubric_note = (target_rubric.as_ref() != Some(&rubric)).then(|| {
                    format!("注意:文件按指标体系{}计分;选择替换后,「{target_title}」也将改按此版本计分。", rubric_ref_label(&rubric))
                });
                let (a1, d1, n1, r1) = (assessment.clone(), diffs.clone(), file_name.clone(), rubric.clone());
                let (a2, d2, n2, r2) = (assessment, diffs, file_name.clone(), rubric);
                let close = move || {
                    ctx.question.0.set(None);
                    browser::focus_id("main");
                };
                view! {
                    <div class="dialog-backdrop">
                        <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title"
                            aria-describedby="dialog-text" data-testid="dialog-same-subject"
                            on:keydown=move |e: web_sys::KeyboardEvent| {
                                if e.key() == "Escape" {
                                    close();
                                } else if e.key() == "Tab" {
                                    keep_focus_in_dialog(&e);
                                }
                            }>
                            <h2 id="dialog-title">"已有同一创建对象的草稿"</h2>
                            <div id="dialog-text">
                                <p>{format!("文件「{file_name}」的创建对象是「{subject}」,本浏览器中已有它的草稿:")}</p>
                                <ul>{matches.iter().map(|(_, t)| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                                {rubric_note.map(|n| view! { <p data-testid="dialog-rubric-note">{n}</p> })}
                                <p>"如何打开这个文件?已有的草稿不会在未经您同意的情况下被替换。"</p>
                            </div>
                            <div class="dialog-actions">
                                <button type="button" class="btn primary" id="dialog-first" data-testid="dialog-open-new"
                                    on:click=move |_| {
                                        ctx.question.0.set(None);
                                        open_as_new(ctx, &n1, r1.clone(), a1.clone(), d1.clone(), None);
                                    }>"作为新草稿打开"</button>
                                <button type="button" class="btn danger" data-testid="dialog-replace"
                                    on:click=move |_| {
                                        ctx.question.0.set(None);
                                        if ctx.draft.replace(&target_id, r2.clone(), a2.clone()) {
                                            ctx.nav.go(Page::Summary);
                                        }
                                        ctx.layers.ask_role();
                                        ctx.notices.notify(Level::Info, "notice-file",
                                            format!("已用文件「{n2}」的内容替换草稿"), vec!["所有分数已重新计算。".into()]);
                                        report_diffs(ctx, d2.clone());
                                    }>{format!("替换「{target_title}」")}</button>
                                <button type="button" class="btn" id="dialog-last" data-testid="dialog-cancel" on:click=move |_| close()>"取消"</button>
                            </div>
                        </div>
                    </div>
                }
                .into_any()
            }
        }
    })
}

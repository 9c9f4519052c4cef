//! Shared by the multi-file tools (省级汇总, 专家组合议, 版本比较): opening many assessment files at
//! once (file picker with multiple selection, or drop), reading them concurrently in batches with
//! a progress line, yielding to the event loop between batches so that the page never freezes;
//! the list of files that could not be read; downloads of exported tables; the tools' state,
//! which outlives the page (leaving a tool and coming back keeps the files opened).
//!
//! Every file is read like a file opened on its own (`engine::file_text`, `engine::read_file`:
//! every score recomputed). Nothing is stored in the browser and nothing leaves it.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::browser;
use super::rx::{live_flag, live_text, live_view};
use super::state::nav::{use_nav, Page};
use super::state::rubrics::use_rubrics;
use crate::engine::io::file::{read_file, Opened};
use crate::engine::json::text::{check_size, file_text, FileKind, OpenBudget};
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::support::problem::Refusal;
use crate::engine::view::tools::{failure_view, progress_text, read_summary, recorded_note, FailureView};

/// Files read at once (their bytes fetched concurrently).
const BATCH: usize = 8;

/// The longest the reading may hold the main thread before it gives the browser the event loop
/// back (a repaint, input), in ms; checked after each file.
const SLICE_MS: f64 = 40.0;

/// One file opened in a tool.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Unique in this page load (for keys and removal).
    pub id: u64,
    pub name: String,
    pub result: Result<Opened, Refusal>,
    /// The rubric the file was scored with (one of the loaded ones), when it was read.
    pub rubric: Option<&'static LoadedRubric>,
    /// The file's size when it is open (what it counts against the tool's [`OpenBudget`]); 0
    /// when it was refused (nothing of it is kept).
    pub bytes: usize,
}

impl Loaded {
    pub fn opened(&self) -> Option<&Opened> {
        self.result.as_ref().ok()
    }
}

/// The bytes of the files open among `files` (for [`MultiOpen`]'s `held`).
pub fn held_bytes(files: &[Loaded]) -> usize {
    files.iter().map(|l| l.bytes).fold(0, usize::saturating_add)
}

/// What the tools hold: the files opened in each tool. Reference-counted signals outside any
/// component, so that the files stay when the user leaves a tool page and comes back (until the
/// page is reloaded): one per page load ([`use_tools`]), made the first time a tool opens, so
/// that nothing of it is in the first load.
#[derive(Clone)]
pub struct ToolsState {
    pub ranking: ArcRwSignal<Vec<Loaded>>,
    pub panel: ArcRwSignal<Vec<Loaded>>,
    pub old: ArcRwSignal<Option<Loaded>>,
    pub new: ArcRwSignal<Option<Loaded>>,
    /// The next [`Loaded::id`].
    next_id: Arc<AtomicU64>,
}

impl ToolsState {
    pub fn new() -> ToolsState {
        ToolsState {
            ranking: ArcRwSignal::new(Vec::new()),
            panel: ArcRwSignal::new(Vec::new()),
            old: ArcRwSignal::new(None),
            new: ArcRwSignal::new(None),
            next_id: Arc::new(AtomicU64::new(1)),
        }
    }

    fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }
}

impl Default for ToolsState {
    fn default() -> Self {
        ToolsState::new()
    }
}

thread_local! {
    static TOOLS: ToolsState = ToolsState::new();
}

/// The files opened in the tools.
pub fn use_tools() -> ToolsState {
    TOOLS.with(Clone::clone)
}

/// The links to the tools, for the start page.
#[component]
pub fn ToolLinks() -> impl IntoView {
    let nav = use_nav();
    let tool = move |page: Page, testid: &'static str, title: &'static str, text: &'static str| {
        view! {
            <li class="tool-link">
                <button type="button" class="btn" data-testid=testid on:click=move |_| nav.go_tool(page)>{title}</button>
                <span class="tool-text">{text}</span>
            </li>
        }
    };
    view! {
        <section class="tools-links" aria-labelledby="tools-heading">
            <h2 id="tools-heading">"审核与汇总工具"</h2>
            <p class="hint">"供省级市场监管部门和评估组织者使用:一次打开多个评估文件,文件只在本浏览器中读取,不会上传。"</p>
            <ul class="tool-list">
                {tool(Page::Ranking, "tool-ranking", "省级汇总",
                    "打开本省各创建对象的评估文件,得到一张可排序的汇总表(总分、各维度得分率、结论、差分),可导出CSV或Excel。")}
                {tool(Page::Panel, "tool-panel", "专家组合议",
                    "打开同一评估的多份专家评分表,得到每个指标各位专家的评分、平均分和分歧提示。")}
                {tool(Page::Compare, "tool-compare", "版本比较",
                    "打开同一评估的两个版本(如上月和今天的文件),查看哪些输入和分数发生了变化。")}
            </ul>
        </section>
    }
}

/// The heading of a tool page, with the way back.
#[component]
pub fn ToolHeader(title: &'static str, children: Children) -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="tool-head">
            <button type="button" class="btn small" data-testid="tool-back" on:click=move |_| nav.home()>"← 返回首页"</button>
            <h2 id="page-heading" tabindex="-1">{title}</h2>
        </div>
        <div class="intro">{children()}</div>
    }
}

/// A button and a drop zone that read the chosen files and hand them over when all are read.
/// `id` names the hidden file input and prefixes the test ids (`{id}-button`, `{id}-input`,
/// `{id}-status`).
#[component]
pub fn MultiOpen(
    id: &'static str,
    label: &'static str,
    /// Several files at once (else only the first one is taken).
    multiple: bool,
    on_done: Rc<dyn Fn(Vec<Loaded>)>,
    #[prop(optional)] hint: Option<&'static str>,
    /// The bytes of the files this tool already has open: with the new ones they may not exceed
    /// the limit of files open at once (`engine::json::text::OpenBudget`).
    #[prop(optional, into)]
    held: Option<Signal<usize>>,
) -> impl IntoView {
    let rubrics = use_rubrics();
    let tools = use_tools();
    let progress = RwSignal::new(None::<(usize, usize)>);
    let last = RwSignal::new(String::new());
    let over = RwSignal::new(false);
    let busy = live_flag(move || progress.with(Option::is_some));
    let start = {
        let on_done = on_done.clone();
        move |mut files: Vec<web_sys::File>| {
            if files.is_empty() || progress.get_untracked().is_some() {
                return;
            }
            if !multiple {
                files.truncate(1);
            }
            let total = files.len();
            progress.set(Some((0, total)));
            last.set(String::new());
            let on_done = on_done.clone();
            let tools = tools.clone();
            leptos::task::spawn_local(async move {
                // Every loaded rubric (the bundled one and those the user opened), as for one file.
                let mut budget = OpenBudget::default();
                // What is open already (never over the limit: it was taken from a budget).
                let _ = budget.take("", held.map_or(0, |h| h.get_untracked()));
                let loaded = read_all(&tools, rubrics.all_pinned(), files, budget, move |done| {
                    let _ = progress.try_set(Some((done, total)));
                })
                .await;
                let failed = loaded.iter().filter(|l| l.result.is_err()).count();
                let _ = progress.try_set(None);
                let _ = last.try_set(read_summary(loaded.len(), failed));
                on_done(loaded);
            });
        }
    };
    let start2 = start.clone();
    let input_id = id;
    let hint = hint.unwrap_or(if multiple { "或把文件拖到这里(可一次选择或拖入多个文件)" } else { "或把文件拖到这里" });
    view! {
        <div
            class="multi-open"
            class:drag-over=live_flag(move || over.get())
            data-testid=format!("{id}-zone")
            on:dragover=move |e: web_sys::DragEvent| {
                if browser::drags_files(&e) {
                    e.prevent_default();
                    e.stop_propagation();
                    if let Some(dt) = e.data_transfer() {
                        dt.set_drop_effect("copy");
                    }
                    over.set(true);
                }
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |e: web_sys::DragEvent| {
                over.set(false);
                if !browser::drags_files(&e) {
                    return;
                }
                // Handled here: the page-wide drop (open one file as a draft) must not see it.
                e.prevent_default();
                e.stop_propagation();
                if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                    start2(files_of(&list));
                }
            }
        >
            <button type="button" class="btn primary" data-testid=format!("{id}-button") aria-controls=input_id
                disabled=busy
                on:click=move |_| browser::click_id(input_id)>{label}</button>
            <span class="drop-hint">{hint}</span>
            <input
                type="file"
                id=input_id
                class="file-input"
                accept=".json,application/json"
                multiple=multiple
                tabindex="-1"
                aria-label=label
                data-testid=format!("{id}-input")
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    let files = input.files().map(|l| files_of(&l)).unwrap_or_default();
                    // Choosing the same files again must fire `change` again.
                    input.set_value("");
                    start(files);
                }
            />
            <p class="read-status" role="status" data-testid=format!("{id}-status")>
                {live_view(move || match progress.get() {
                    Some((done, total)) => view! {
                        <progress max=total.to_string() value=done.to_string() aria-hidden="true"></progress>
                        <span class="progress-text">{progress_text(done, total)}</span>
                    }.into_any(),
                    None => view! { <span>{live_text(move || last.get())}</span> }.into_any(),
                })}
            </p>
        </div>
    }
}

fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads every file: first each file's size against the size limit and the `budget` of files
/// open at once (in the order given: a file that does not fit is refused unread, with a message
/// that says what to do); then each batch's files are read concurrently (`Blob.arrayBuffer()`),
/// parsed and scored one by one. The browser gets the event loop back (a repaint, input) after
/// every file that ends a slice of [`SLICE_MS`], and after every batch.
async fn read_all(
    tools: &ToolsState,
    rubrics: Vec<&'static LoadedRubric>,
    files: Vec<web_sys::File>,
    mut budget: OpenBudget,
    progress: impl Fn(usize),
) -> Vec<Loaded> {
    let admitted: Vec<Result<usize, Refusal>> = files
        .iter()
        .map(|f| {
            let size = f.size() as usize;
            check_size(size, FileKind::Assessment).and_then(|()| budget.take(&f.name(), size)).map(|()| size)
        })
        .collect();
    let mut out = Vec::with_capacity(files.len());
    let mut slice_start = browser::now_ms();
    for (b, batch) in files.chunks(BATCH).enumerate() {
        let admitted = &admitted[b * BATCH..b * BATCH + batch.len()];
        let promises = js_sys::Array::new();
        for (f, ok) in batch.iter().zip(admitted) {
            promises.push(&if ok.is_ok() { f.array_buffer().into() } else { JsValue::NULL });
        }
        let settled = JsFuture::from(js_sys::Promise::all_settled(&promises)).await.unwrap_or(JsValue::NULL);
        let settled: js_sys::Array = settled.dyn_into().unwrap_or_default();
        for (i, (f, ok)) in batch.iter().zip(admitted).enumerate() {
            let name = f.name();
            let result = ok.clone().and_then(|_| {
                let bytes = fulfilled_bytes(&settled.get(i as u32))
                    .ok_or_else(|| Refusal::new("浏览器无法读取此文件(可能已被移动、删除或没有读取权限)"))?;
                file_text(&bytes, FileKind::Assessment).and_then(|text| read_file(text, &rubrics))
            });
            let rubric = result.as_ref().ok().and_then(|o| rubrics.get(o.rubric_index).copied());
            let bytes = if result.is_ok() { ok.clone().unwrap_or(0) } else { 0 };
            out.push(Loaded { id: tools.next_id(), name, result, rubric, bytes });
            if browser::now_ms() - slice_start >= SLICE_MS {
                progress(out.len());
                yield_now().await;
                slice_start = browser::now_ms();
            }
        }
        progress(out.len());
        yield_now().await;
        slice_start = browser::now_ms();
    }
    out
}

/// The bytes of a fulfilled `Promise.allSettled` entry holding an ArrayBuffer.
fn fulfilled_bytes(entry: &JsValue) -> Option<Vec<u8>> {
    let status = js_sys::Reflect::get(entry, &JsValue::from_str("status")).ok()?.as_string()?;
    if status != "fulfilled" {
        return None;
    }
    let value = js_sys::Reflect::get(entry, &JsValue::from_str("value")).ok()?;
    value.is_instance_of::<js_sys::ArrayBuffer>().then(|| js_sys::Uint8Array::new(&value).to_vec())
}

/// Resolves after a zero-delay timeout: lets the browser paint and handle input.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The files that could not be read, each with its name, the field and the reason.
#[component]
pub fn Failures(#[prop(into)] items: Signal<Vec<FailureView>>, testid: &'static str) -> impl IntoView {
    live_view(move || {
        let items = items.get();
        if items.is_empty() {
            return ().into_any();
        }
        view! {
            <div class="notice error tool-failures" data-testid=testid>
                <div class="notice-body">
                    <p class="notice-title">{format!("以下{}个文件无法读取,未计入结果:", items.len())}</p>
                    <ul class="failure-list">
                        {items.into_iter().map(|f| view! {
                            <li data-testid="failure">
                                <strong class="failure-name">{f.name}</strong>
                                <span class="failure-place">{format!("位置:{}", f.place)}</span>
                                <span class="failure-reason">{format!("原因:{}", f.reason)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        }
        .into_any()
    })
}

/// The failures of some loaded files.
pub fn failures_of(files: &[Loaded]) -> Vec<FailureView> {
    files.iter().filter_map(|l| l.result.as_ref().err().map(|e| failure_view(&l.name, e))).collect()
}

/// Files whose recorded scores differ from the recomputed ones (edited by hand): a warning.
#[component]
pub fn RecordedNotes(#[prop(into)] files: Signal<Vec<(String, Vec<String>)>>) -> impl IntoView {
    live_view(move || {
        let files = files.get();
        if files.is_empty() {
            return ().into_any();
        }
        view! {
            <details class="notice warning recorded-notes" data-testid="recorded-notes">
                <summary>{format!(
                    "{}个文件中记录的分数与重新计算的结果不一致(文件可能被手工修改过),以下均以重新计算的分数为准",
                    files.len()
                )}</summary>
                <ul>
                    {files.into_iter().map(|(name, diffs)| view! { <li>{recorded_note(&name, &diffs)}</li> }).collect_view()}
                </ul>
            </details>
        }
        .into_any()
    })
}

/// (file name, recorded differences) of the files that have any.
pub fn recorded_of(files: &[Loaded]) -> Vec<(String, Vec<String>)> {
    files
        .iter()
        .filter_map(|l| l.opened().filter(|o| !o.recorded_differences.is_empty()).map(|o| (l.name.clone(), o.recorded_differences.clone())))
        .collect()
}

// ---- Tables ----
//
// Every table body of the tools is built from these three shapes (a row, a cell, a span), so that
// the rendering code is compiled once for all of them instead of once per table (wasm size).

/// A piece of a cell's content: a text in a `<span>`, with a class and a test id when given.
pub struct Part {
    pub text: String,
    pub class: Option<&'static str>,
    pub testid: Option<&'static str>,
}

/// A plain text part.
pub fn text(s: impl Into<String>) -> Part {
    Part { text: s.into(), class: None, testid: None }
}

/// A text part with a class (a badge, a figure).
pub fn styled(class: &'static str, s: impl Into<String>) -> Part {
    Part { text: s.into(), class: Some(class), testid: None }
}

/// One cell: `<th scope=…>` (a row's or a group's heading) or `<td>`.
#[derive(Default)]
pub struct TableCell {
    pub parts: Vec<Part>,
    pub class: Option<&'static str>,
    /// `row` or `rowgroup` for a heading cell; `None` for a data cell.
    pub scope: Option<&'static str>,
    /// `data-col`, for tests and styles.
    pub col: Option<&'static str>,
    pub testid: Option<&'static str>,
    pub colspan: Option<String>,
}

impl TableCell {
    pub fn td(class: Option<&'static str>, parts: Vec<Part>) -> TableCell {
        TableCell { parts, class, ..Default::default() }
    }
    pub fn th(class: Option<&'static str>, parts: Vec<Part>) -> TableCell {
        TableCell { parts, class, scope: Some("row"), ..Default::default() }
    }
    pub fn col(mut self, col: &'static str) -> TableCell {
        self.col = Some(col);
        self
    }
    pub fn testid(mut self, id: &'static str) -> TableCell {
        self.testid = Some(id);
        self
    }
}

/// One row; `key` becomes `data-key` (a row's stable identity for tests).
pub struct Row {
    pub class: Option<&'static str>,
    pub testid: Option<&'static str>,
    pub key: Option<String>,
    pub cells: Vec<TableCell>,
}

pub fn rows_view(rows: Vec<Row>) -> AnyView {
    rows.into_iter().map(row_view).collect_view().into_any()
}

fn row_view(r: Row) -> AnyView {
    view! {
        <tr class=r.class data-testid=r.testid data-key=r.key>{r.cells.into_iter().map(cell_view).collect_view()}</tr>
    }
    .into_any()
}

fn cell_view(c: TableCell) -> AnyView {
    let parts = c.parts.into_iter().map(part_view).collect_view();
    match c.scope {
        Some(scope) => view! {
            <th scope=scope class=c.class data-col=c.col data-testid=c.testid colspan=c.colspan>{parts}</th>
        }
        .into_any(),
        None => view! {
            <td class=c.class data-col=c.col data-testid=c.testid colspan=c.colspan>{parts}</td>
        }
        .into_any(),
    }
}

/// A plain part is a bare text node, a styled one a `<span>`: a table of 200 files has thousands of
/// parts, and an element for each made building it slower (see docs/benchmarks.md).
fn part_view(p: Part) -> AnyView {
    match (p.class, p.testid) {
        (None, None) => p.text.into_any(),
        (class, testid) => view! { <span class=class data-testid=testid>{p.text}</span> }.into_any(),
    }
}

/// A header row of plain column titles: (title, is a figure).
pub fn head_view(titles: Vec<(String, bool)>) -> AnyView {
    view! {
        <tr>
            {titles.into_iter().map(|(t, num)| view! { <th scope="col" class=num.then_some("num")>{t}</th> }).collect_view()}
        </tr>
    }
    .into_any()
}

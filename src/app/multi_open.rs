//! Shared by the multi-file tools (省级汇总, 专家组合议, 版本比较): opening many assessment files at
//! once (file picker with multiple selection, or drop), reading them with a progress line so that
//! the page never freezes; the list of files that could not be read; downloads of exported tables;
//! the tools' state, which outlives the page (leaving a tool and coming back keeps the files
//! opened).
//!
//! Every file is read like a file opened on its own (`engine::file_text`, `engine::read_file`:
//! every score recomputed), in the tools' web worker (src/bin/tools_worker.rs), which answers with
//! only what the tool keeps of it (`engine::view::tool_read`): 省级汇总 each file's ranked entry
//! ([`Ranked`]), 专家组合议 what the panel merges ([`PanelSheet`]), 版本比较 the facts a slot shows
//! ([`VersionFile`]); and 版本比较's comparison of its two files is made there too
//! ([`compare_in_worker`]). So a file at the size limit never holds the page. Where the worker
//! cannot start, the files are read on the page in time slices, and the status says so.
//! Nothing is stored in the browser and nothing leaves it.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use send_wrapper::SendWrapper;

use super::browser;
use super::rx::{live_flag, live_text, live_view};
use super::state::nav::{use_nav, Page};
use super::state::rubrics::use_rubrics;
use crate::engine::json::text::{check_size, FileKind, OpenBudget};
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::support::problem::Refusal;
use crate::engine::view::tool_files::{PanelSheet, VersionFile};
use crate::engine::view::tool_read::{answer_bytes, diff_bytes, from_answer, rubrics_message, Answer, Ranked};
use crate::engine::view::tools::{failure_view, progress_text, read_summary, recorded_note, CompareView, FailureView};

/// The tools' worker's loader (web/tools-worker-boot.js, copied next to index.html; it loads the
/// `tools-worker.js` and `tools-worker_bg.wasm` that Trunk emits for `data-type="worker"`).
/// Relative, so that the app also works under a sub-path.
pub const TOOLS_WORKER_URL: &str = "tools-worker-boot.js";

/// How long the worker may take to start (fetch and compile its module) before the files are
/// read on the page instead, in ms.
const WORKER_START_MS: i32 = 60_000;

/// Files read at once (their bytes fetched concurrently).
const BATCH: usize = 8;

/// The longest the reading may hold the main thread before it gives the browser the event loop
/// back (a repaint, input), in ms; checked after each file.
const SLICE_MS: f64 = 40.0;

/// One file opened in a tool: `T` is what the tool keeps of it ([`Ranked`], [`PanelSheet`],
/// [`VersionFile`]).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Unique in this page load (for keys and removal).
    pub id: u64,
    pub name: String,
    pub result: Result<T, Refusal>,
    /// The rubric the file was scored with (one of the loaded ones), when it was read.
    pub rubric: Option<&'static LoadedRubric>,
    /// The file's size when it is open (what it counts against the tool's [`OpenBudget`]); 0
    /// when it was refused (nothing of it is kept).
    pub bytes: usize,
    /// The file itself (a handle, not its bytes), to read again: 版本比较 compares its two files
    /// in the worker. Wrapped to be kept in a signal; the app has one thread.
    pub file: SendWrapper<web_sys::File>,
}

impl<T> Loaded<T> {
    pub fn opened(&self) -> Option<&T> {
        self.result.as_ref().ok()
    }
}

/// The bytes of the files open among `files` (for [`MultiOpen`]'s `held`).
pub fn held_bytes<T>(files: &[Loaded<T>]) -> usize {
    files.iter().map(|l| l.bytes).fold(0, usize::saturating_add)
}

/// What a tool keeps of a file it read: the tools' worker's answer for it.
pub trait FileRead: serde::de::DeserializeOwned + 'static {
    /// What the worker answers (`engine::view::tool_read::answer_bytes`).
    const ANSWER: Answer;
    /// The index of the rubric it was scored with, among those it was read against.
    fn rubric_index(&self) -> usize;
}

impl FileRead for Ranked {
    const ANSWER: Answer = Answer::Ranked;
    fn rubric_index(&self) -> usize {
        self.rubric_index
    }
}

impl FileRead for PanelSheet {
    const ANSWER: Answer = Answer::Sheet;
    fn rubric_index(&self) -> usize {
        self.rubric_index
    }
}

impl FileRead for VersionFile {
    const ANSWER: Answer = Answer::Version;
    fn rubric_index(&self) -> usize {
        self.rubric_index
    }
}

/// 版本比较's comparison of the files in its slots: for which pair (their [`Loaded::id`]s, old
/// first) and what it gave (the comparison as shown, or why not), with the note when the worker
/// could not be used.
pub type Compared = ((u64, u64), Result<CompareView, String>, Option<String>);

/// What the tools hold: the files opened in 专家组合议 and 版本比较 (省级汇总 keeps its own,
/// `ranking::RANKED`). Reference-counted signals outside any
/// component, so that the files stay when the user leaves a tool page and comes back (until the
/// page is reloaded): one per page load ([`use_tools`]), made the first time a tool opens, so
/// that nothing of it is in the first load.
#[derive(Clone)]
pub struct ToolsState {
    pub panel: ArcRwSignal<Vec<Loaded<PanelSheet>>>,
    pub old: ArcRwSignal<Option<Loaded<VersionFile>>>,
    pub new: ArcRwSignal<Option<Loaded<VersionFile>>>,
    /// The last comparison of 版本比较 (kept when the user leaves the page).
    pub compared: ArcRwSignal<Option<Compared>>,
    /// The next [`Loaded::id`].
    next_id: Arc<AtomicU64>,
}

impl ToolsState {
    pub fn new() -> ToolsState {
        ToolsState {
            panel: ArcRwSignal::new(Vec::new()),
            old: ArcRwSignal::new(None),
            new: ArcRwSignal::new(None),
            compared: ArcRwSignal::new(None),
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

/// The links to the tools, for the start page (each fetches its page's chunks when pointed at:
/// `lazy::preload_tool`).
#[component]
pub fn ToolLinks() -> impl IntoView {
    let nav = use_nav();
    let tool = move |page: Page, testid: &'static str, title: &'static str, text: &'static str| {
        view! {
            <li class="tool-link">
                <button type="button" class="btn" data-testid=testid
                    on:pointerenter=move |_| super::lazy::preload_tool(page)
                    on:pointerdown=move |_| super::lazy::preload_tool(page)
                    on:focus=move |_| super::lazy::preload_tool(page)
                    on:click=move |_| nav.go_tool(page)>{title}</button>
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
pub fn MultiOpen<T: FileRead>(
    id: &'static str,
    label: &'static str,
    /// Several files at once (else only the first one is taken).
    multiple: bool,
    on_done: Rc<dyn Fn(Vec<Loaded<T>>)>,
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
                let (loaded, note) = read_all::<T>(&tools, rubrics.all_pinned(), files, budget, move |done| {
                    let _ = progress.try_set(Some((done, total)));
                })
                .await;
                let failed = loaded.iter().filter(|l| l.result.is_err()).count();
                let _ = progress.try_set(None);
                let summary = read_summary(loaded.len(), failed);
                let _ = last.try_set(match note {
                    Some(note) => format!("{summary}。{note}"),
                    None => summary,
                });
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
/// that says what to do); then the others in the tools' worker, which answers with what the tool
/// keeps of each (`T::ANSWER`; the page only receives each file's bounded answer); those not
/// answered, when the worker cannot start or fails, on the page, through the same engine function: each batch's files are read concurrently (`Blob.arrayBuffer()`), parsed
/// and scored one by one, and the browser gets the event loop back (a repaint, input) after every
/// file that ends a slice of [`SLICE_MS`], and after every batch. Gives the files in the order
/// given, and a note (in Chinese) when the worker could not be used.
async fn read_all<T: FileRead>(
    tools: &ToolsState,
    rubrics: Vec<&'static LoadedRubric>,
    files: Vec<web_sys::File>,
    mut budget: OpenBudget,
    progress: impl Fn(usize),
) -> (Vec<Loaded<T>>, Option<String>) {
    let mut results: Vec<Option<Result<T, Refusal>>> = Vec::with_capacity(files.len());
    let mut sizes = Vec::with_capacity(files.len());
    for f in &files {
        let size = f.size() as usize;
        let admitted = check_size(size, FileKind::Assessment).and_then(|()| budget.take(&f.name(), size));
        results.push(admitted.err().map(Err));
        sizes.push(size);
    }
    let mut done = results.iter().filter(|r| r.is_some()).count();
    let mut note = None;
    let jobs: Vec<usize> = (0..files.len()).filter(|&i| results[i].is_none()).collect();
    if !jobs.is_empty() {
        let sent: Vec<&web_sys::File> = jobs.iter().map(|&i| &files[i]).collect();
        let read = in_worker(Job::Read(T::ANSWER), &rubrics, &sent, |k, answer| {
            if let Some(slot) = jobs.get(k).and_then(|&i| results.get_mut(i)) {
                if slot.is_none() {
                    *slot = Some(from_answer::<T>(&answer));
                    done += 1;
                    progress(done);
                }
            }
        })
        .await;
        if let Err(reason) = read {
            note = Some(on_page_note(&reason, "读取"));
        }
    }
    let pending: Vec<usize> = (0..files.len()).filter(|&i| results[i].is_none()).collect();
    let mut slice_start = browser::now_ms();
    for batch in pending.chunks(BATCH) {
        let promises = js_sys::Array::new();
        for &i in batch {
            promises.push(&files[i].array_buffer());
        }
        let settled = JsFuture::from(js_sys::Promise::all_settled(&promises)).await.unwrap_or(JsValue::NULL);
        let settled: js_sys::Array = settled.dyn_into().unwrap_or_default();
        for (k, &i) in batch.iter().enumerate() {
            let result = fulfilled_bytes(&settled.get(k as u32))
                .ok_or_else(|| Refusal::new("浏览器无法读取此文件(可能已被移动、删除或没有读取权限)"))
                .and_then(|bytes| from_answer::<T>(&answer_bytes(T::ANSWER, &files[i].name(), Ok(&bytes), &rubrics)));
            results[i] = Some(result);
            done += 1;
            if browser::now_ms() - slice_start >= SLICE_MS {
                progress(done);
                yield_now().await;
                slice_start = browser::now_ms();
            }
        }
        progress(done);
        yield_now().await;
        slice_start = browser::now_ms();
    }
    let loaded = files
        .iter()
        .zip(results)
        .zip(sizes)
        .map(|((f, result), size)| {
            let result = result.unwrap_or_else(|| Err(Refusal::new("此文件未能读取;请重新打开")));
            let rubric = result.as_ref().ok().and_then(|o| rubrics.get(o.rubric_index()).copied());
            let bytes = if result.is_ok() { size } else { 0 };
            Loaded { id: tools.next_id(), name: f.name(), result, rubric, bytes, file: SendWrapper::new(f.clone()) }
        })
        .collect();
    (loaded, note)
}

/// The messages of a worker, awaited one by one.
#[derive(Default)]
struct Inbox {
    queue: RefCell<VecDeque<JsValue>>,
    wake: RefCell<Option<js_sys::Function>>,
}

impl Inbox {
    fn push(&self, message: JsValue) {
        self.queue.borrow_mut().push_back(message);
        if let Some(wake) = self.wake.borrow_mut().take() {
            let _ = wake.call0(&JsValue::NULL);
        }
    }

    async fn next(self: &Rc<Self>) -> JsValue {
        loop {
            if let Some(message) = self.queue.borrow_mut().pop_front() {
                return message;
            }
            let inbox = self.clone();
            let promise = js_sys::Promise::new(&mut |resolve, _reject| {
                *inbox.wake.borrow_mut() = Some(resolve);
            });
            let _ = JsFuture::from(promise).await;
        }
    }
}

/// A plain object `{kind, message}`, as the worker's loader posts on a failure.
fn failure_message(message: &str) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("kind"), &JsValue::from_str("error"));
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("message"), &JsValue::from_str(message));
    o.into()
}

fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The status's note when the worker could not be used and the page did the work (`what`: 读取,
/// 比较).
pub(super) fn on_page_note(reason: &str, what: &str) -> String {
    format!("后台读取组件无法使用({reason}),已改为在本页中{what}:{what}很大的文件时页面可能短暂无响应,请耐心等待")
}

/// A job for the tools' worker (its protocol: src/bin/tools_worker.rs); 打开文件 sends a read job
/// too (`super::files`, `Answer::Open`).
#[derive(Clone, Copy)]
pub(super) enum Job {
    /// Read each file, answering what the tool keeps of it.
    Read(Answer),
    /// Compare the two files (old, new), answering once.
    Diff,
}

impl Job {
    /// How many answers the worker gives for `files` files.
    fn answers(self, files: usize) -> usize {
        match self {
            Job::Read(_) => files,
            Job::Diff => 1,
        }
    }
}

/// Compares the files of 版本比较's two slots in the tools' worker (the comparison as shown, or
/// why not); where the worker cannot be used, on the page, with the note that says so.
pub async fn compare_files(
    rubrics: Vec<&'static LoadedRubric>,
    old: &web_sys::File,
    new: &web_sys::File,
) -> (Result<CompareView, Refusal>, Option<String>) {
    let mut result = None;
    let done = in_worker(Job::Diff, &rubrics, &[old, new], |_, answer| result = Some(from_answer::<CompareView>(&answer))).await;
    match (result, done) {
        (Some(result), _) => (result, None),
        (None, done) => {
            let note = done.err().map(|reason| on_page_note(&reason, "比较"));
            let promises = js_sys::Array::of2(&old.array_buffer(), &new.array_buffer());
            let settled = JsFuture::from(js_sys::Promise::all_settled(&promises)).await.unwrap_or(JsValue::NULL);
            let settled: js_sys::Array = settled.dyn_into().unwrap_or_default();
            let unreadable = || Refusal::new("浏览器无法读取此文件(可能已被移动、删除或没有读取权限)");
            let (a, b) = (fulfilled_bytes(&settled.get(0)).ok_or_else(unreadable), fulfilled_bytes(&settled.get(1)).ok_or_else(unreadable));
            // Let the status be painted before the page holds the thread.
            yield_now().await;
            let result = diff_bytes(a.as_deref().map_err(Clone::clone), b.as_deref().map_err(Clone::clone), &rubrics);
            (result, note)
        }
    }
}

/// Runs `job` on `files` in the tools' worker (started now, ended when done), handing over each
/// answer (`engine::view::tool_read`: JSON text) with its index as it comes. Gives why not (in
/// Chinese) when the worker could not start or failed before giving every answer; the answers
/// given before stand.
pub(super) async fn in_worker(job: Job, rubrics: &[&LoadedRubric], files: &[&web_sys::File], mut answer: impl FnMut(usize, String)) -> Result<(), String> {
    let worker = web_sys::Worker::new(TOOLS_WORKER_URL).map_err(|e| format!("无法启动:{}", browser::js_text(e)))?;
    let inbox = Rc::new(Inbox::default());
    let to_inbox = inbox.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| to_inbox.push(e.data()));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // A failure to load the worker's script is a plain `Event`, an exception in it an `ErrorEvent`.
    let to_inbox = inbox.clone();
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        if let Some(event) = e.dyn_ref::<web_sys::Event>() {
            event.prevent_default();
        }
        let detail = field(&e, "message").as_string().filter(|m| !m.is_empty());
        to_inbox.push(failure_message(&detail.unwrap_or_else(|| "组件加载或运行失败".into())));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let to_inbox = inbox.clone();
    let timeout = Closure::<dyn FnMut()>::new(move || to_inbox.push(failure_message("组件启动超时")));
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(timeout.as_ref().unchecked_ref(), WORKER_START_MS).ok()
    });
    let mut ready = false;
    let mut answered = 0;
    let outcome = loop {
        let message = inbox.next().await;
        match field(&message, "kind").as_string().as_deref() {
            Some("ready") if !ready => {
                ready = true;
                if let (Some(w), Some(t)) = (web_sys::window(), timer) {
                    w.clear_timeout_with_handle(t);
                }
                let message = js_sys::Object::new();
                let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
                let list: js_sys::Array = files.iter().map(|&f| JsValue::from(f.clone())).collect();
                match job {
                    Job::Read(what) => {
                        let _ = set("kind", &JsValue::from_str("read"));
                        let _ = set("answer", &JsValue::from_str(what.name()));
                    }
                    Job::Diff => {
                        let _ = set("kind", &JsValue::from_str("diff"));
                    }
                }
                let _ = set("rubrics", &JsValue::from_str(&rubrics_message(rubrics)));
                let _ = set("files", &list);
                if let Err(e) = worker.post_message(&message) {
                    break Err(format!("无法把文件交给它:{}", browser::js_text(e)));
                }
            }
            Some("file") => {
                let index = field(&message, "index").as_f64().map(|i| i as usize);
                if let (Some(index), Some(text)) = (index, field(&message, "answer").as_string()) {
                    answered += 1;
                    answer(index, text);
                }
            }
            Some("end") if answered >= job.answers(files.len()) => break Ok(()),
            Some("end") => break Err(format!("只读取了{}个文件中的{answered}个", files.len())),
            Some("error") => break Err(field(&message, "message").as_string().unwrap_or_else(|| "组件运行失败".into())),
            _ if ready => break Err("组件返回了无法识别的消息".into()),
            _ => {}
        }
    };
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
    if let (false, Some(w), Some(t)) = (ready, web_sys::window(), timer) {
        w.clear_timeout_with_handle(t);
    }
    drop((on_message, on_error, timeout));
    outcome
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
pub(super) async fn yield_now() {
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
pub fn failures_of<T>(files: &[Loaded<T>]) -> Vec<FailureView> {
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
pub fn recorded_of(files: &[Loaded<Ranked>]) -> Vec<(String, Vec<String>)> {
    files
        .iter()
        .filter_map(|l| l.opened().filter(|r| !r.recorded_differences.is_empty()).map(|r| (l.name.clone(), r.recorded_differences.clone())))
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

//! The engine's port: how the first load reaches the engine without carrying it.
//!
//! The first screen (the start page) shows the stored drafts from their index
//! (`engine::io::index`) and needs no JSON reader, rubric or scoring. Everything that does — reading
//! and scoring drafts, the rubrics, every change to the stored drafts, the open draft's score —
//! lives in the workspace's chunk of the split module (`super::super::lazy`), which is fetched as
//! soon as the start page shows. It installs an [`Engine`] here; until then, what the first load
//! asks of it ([`run`]) waits, in order, and runs when it is installed.
//!
//! wasm-split keeps in the first load every function the first load's code calls or names; a call
//! through the `dyn Engine` names none, so the engine stays in the chunk.

use std::cell::{Cell, RefCell};

use super::nav::Page;
use super::notices::Level;
use super::store::DraftStore;
use super::Contexts;
use crate::engine::io::index::StartTexts;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::review::ReviewRole;
use crate::engine::model::rubric::RubricRef;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::rubric::set::RubricSet;
use crate::engine::score::outcome::Outcome;
use crate::engine::view::layer_compare::Comparison;
use crate::engine::view::roles::LayerChoice;

/// Something the first load asks the engine to do (a value: queued until the engine is there).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    OpenDraft(String, Page),
    NewDraft(Option<RubricRef>),
    Rename(String, String),
    Duplicate(String),
    Delete(String),
    UndoDelete,
    DownloadEntry(String),
    RemoveEntry(String),
    /// Another tab wrote this key (none: cleared storage) with this value.
    OtherTab(Option<String>, Option<String>),
    /// The example assessment's bytes, fetched from the site (or why not).
    OpenExample(Result<Vec<u8>, String>),
    LoadTheirs,
    KeepMineAsCopy,
    /// Reopens the draft this tab showed before a reload, on this page (its tag), if it can be.
    Reopen(String, String),
}

/// The engine, as the workspace's chunk provides it.
pub trait Engine {
    /// Loads the bundled rubric and the rubric files kept in the browser, then reads the drafts
    /// when their index did not describe them all (`read_drafts`).
    fn start(&self, ctx: Contexts, read_drafts: bool);
    fn run(&self, ctx: Contexts, action: Action);
    /// Reads every stored draft and lists them.
    fn refresh(&self, store: DraftStore);
    /// The header's lines: the rubric, the 办法 (of the open assessment, if any) and the note on
    /// the rubric's status.
    fn texts(&self, rubric: &LoadedRubric, open: Option<&Assessment>) -> StartTexts;
    /// The rubric a draft is scored with (`None`: the bundled one), given the page's lifetime.
    fn rubric_of(&self, set: &RubricSet, rubric: Option<&RubricRef>) -> &'static LoadedRubric;
    fn score(&self, rubric: &LoadedRubric, a: &Assessment) -> Outcome;
    /// The score of the review layer `layer` of `a`, if it has one.
    fn review_outcome(&self, rubric: &LoadedRubric, a: &Assessment, layer: LayerChoice) -> Option<(ReviewRole, Outcome)>;
    fn compare(&self, own: &Outcome, review: &Outcome, role: ReviewRole) -> Comparison;
}

thread_local! {
    static ENGINE: Cell<Option<&'static dyn Engine>> = const { Cell::new(None) };
    static CONTEXTS: Cell<Option<Contexts>> = const { Cell::new(None) };
    static WAITING: RefCell<Vec<Action>> = const { RefCell::new(Vec::new()) };
    static LOADING: Cell<bool> = const { Cell::new(false) };
    /// Whether the drafts must be read when the engine arrives (their index was incomplete).
    static READ_DRAFTS: Cell<bool> = const { Cell::new(false) };
}

/// The page's contexts (one app per page), for what runs when the engine arrives.
pub fn set_contexts(ctx: Contexts) {
    CONTEXTS.with(|c| c.set(Some(ctx)));
}

/// The engine, once its chunk is there.
pub fn engine() -> Option<&'static dyn Engine> {
    ENGINE.with(Cell::get)
}

/// `f` with the engine, if it is there (the memos of the open draft: nothing reads them before).
pub fn with_engine<R>(f: impl FnOnce(&'static dyn Engine) -> R) -> Option<R> {
    engine().map(f)
}

/// Runs `action` now when the engine is there, else once it is (fetching it if need be).
pub fn run(action: Action) {
    let Some(ctx) = CONTEXTS.with(Cell::get) else { return };
    match engine() {
        Some(e) => e.run(ctx, action),
        None => {
            WAITING.with(|w| w.borrow_mut().push(action));
            load(false);
        }
    }
}

/// Fetches the engine (once at a time) and installs it; `read_drafts`: the drafts must then be
/// read (their index did not describe them all).
pub fn load(read_drafts: bool) {
    if read_drafts {
        READ_DRAFTS.with(|r| r.set(true));
    }
    let Some(ctx) = CONTEXTS.with(Cell::get) else { return };
    if engine().is_some() || LOADING.with(|l| l.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        // After the first screen is painted (a click that waits for the engine waits one frame more).
        crate::app::browser::after_paint().await;
        let got = crate::app::lazy::engine().await;
        LOADING.with(|l| l.set(false));
        match got {
            Ok(e) => install(ctx, e),
            Err(err) => {
                // What waited is dropped (the user clicks again); nothing was changed.
                let dropped = WAITING.with(|w| std::mem::take(&mut *w.borrow_mut()));
                ctx.nav.set_reopening(false);
                ctx.notices.notify(
                    Level::Error,
                    "notice-engine",
                    "本工具的计分程序未能加载,草稿暂时无法打开或修改",
                    vec![format!(
                        "请检查网络后刷新本页面;已保存的草稿不受影响。{}(技术信息:{err})",
                        if dropped.is_empty() { "" } else { "刚才的操作没有执行。" }
                    )],
                );
            }
        }
    });
}

/// Waits for the engine (fetching and installing it if need be): what a split view or the file
/// reader does before it runs.
pub async fn ready() -> Result<(), crate::app::lazy::SplitError> {
    if engine().is_some() {
        return Ok(());
    }
    // Never before the first screen is painted: the start page's split sections ask at once, and
    // fetching the engine's chunks (a `fetch` per chunk) held the first paint by about 100 ms on a
    // CPU slowed 4× (docs/benchmarks.md). A click that waits for the engine waits a frame more.
    crate::app::browser::after_paint().await;
    if engine().is_some() {
        return Ok(());
    }
    let e = crate::app::lazy::engine().await?;
    if let Some(ctx) = CONTEXTS.with(Cell::get) {
        install(ctx, e);
    }
    Ok(())
}

fn install(ctx: Contexts, e: &'static dyn Engine) {
    if engine().is_some() {
        return;
    }
    ENGINE.with(|c| c.set(Some(e)));
    e.start(ctx, READ_DRAFTS.with(|r| r.replace(false)));
    loop {
        let next = WAITING.with(|w| {
            let mut w = w.borrow_mut();
            (!w.is_empty()).then(|| w.remove(0))
        });
        let Some(a) = next else { break };
        e.run(ctx, a);
    }
}

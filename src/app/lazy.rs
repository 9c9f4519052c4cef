//! Pages that are not in the first load: each is a split point of the ONE wasm module
//! (`wasm_split_helpers`, re-exported by Leptos as `leptos::wasm_split`). A Trunk post-build hook
//! (scripts/wasm-split.mjs) cuts the module at these points into chunks that share the main
//! module's memory, table and code; the first time a page opens, its chunk (and any chunk of code
//! it shares with another page) is fetched and instantiated by the generated loader
//! (`__wasm_split-<hash>.js`), then the page runs in the main app's own reactive context: no
//! second copy of the engine, no JSON relay.
//!
//! `fallible`: a failed fetch is an `Err` the page says (Leptos's own `#[lazy]` panics, and with
//! `panic = "abort"` that kills the whole app). The failure is not cached: the next visit retries.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
/// The error of a split point that could not be fetched.
pub type SplitError = SplitLoaderError;
use std::sync::atomic::{AtomicBool, Ordering};

use super::state::nav::Page;
use super::state::port::{self, Engine};

/// Whether `page` is one of the lazily loaded pages.
pub fn is_lazy(page: Page) -> bool {
    matches!(page, Page::Eligibility | Page::Process | Page::Report | Page::Verify | Page::Ranking | Page::Panel | Page::Compare)
}

// One split point per chunk. `name` is an `extern "C"` function underneath (wasm-split links the
// chunk's export to the main module's import; the AnyView crosses within one compilation, so its
// layout is the same on both sides); `preload` only fetches and instantiates the chunk.
//
// Only the app's build has the `split` feature (index.html: data-cargo-features): every wasm
// binary that links this crate keeps its exported functions, and the .xlsx worker must not get
// the split points' exports and placeholder imports (its glue would `require` them and fail).
// Without the feature a split function is a plain `async fn` and its preload does nothing.
macro_rules! split_fn {
    ($module:ident, $preload:ident, fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[allow(improper_ctypes_definitions, improper_ctypes)]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[allow(dead_code)] $preload))]
        fn $name($($arg: $ty),*) -> $ret $body
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> $ret $body
        #[cfg(not(feature = "split"))]
        #[allow(dead_code)]
        async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use split_fn;

macro_rules! split_view {
    ($name:ident, $preload:ident, $flag:ident, $module:ident, $view:expr) => {
        static $flag: AtomicBool = AtomicBool::new(false);
        split_fn!($module, $preload, fn $name() -> Result<AnyView, SplitLoaderError> {
            Ok($view.into_any())
        });
    };
}

split_view!(eligibility_page, eligibility_preload, ELIGIBILITY_LOADED, page_eligibility, view! { <super::eligibility::EligibilityPage/> });
split_view!(process_page, process_preload, PROCESS_LOADED, page_process, view! { <super::process::ProcessPage/> });
split_view!(report_page, report_preload, REPORT_LOADED, page_report, view! { <super::report::ReportPage/> });
split_view!(verify_page, verify_preload, VERIFY_LOADED, page_verify, view! { <super::verify::VerifyPage/> });
split_view!(ranking_page, ranking_preload, RANKING_LOADED, page_ranking, view! { <super::ranking::RankingPage/> });
split_view!(panel_page, panel_preload, PANEL_LOADED, page_panel, view! { <super::panel::PanelPage/> });
split_view!(compare_page, compare_preload, COMPARE_LOADED, page_compare, view! { <super::compare::ComparePage/> });

// Beyond those pages: the whole workspace of an open draft (navigation, role bar, summaries,
// 主体信息, the indicator pages, 汇总), and the 指标体系版本 section and the indicator overview of
// the start page. (Saving and opening an assessment file are split points too: `super::files`.)
split_view!(workspace_split, workspace_preload, WORKSPACE_LOADED, workspace, super::workspace_body());
split_view!(rubric_versions_split, rubric_versions_preload, RUBRIC_VERSIONS_LOADED, rubric_versions, view! { <super::rubric_versions::RubricVersions/> });
split_view!(rubric_overview_split, rubric_overview_preload, RUBRIC_OVERVIEW_LOADED, rubric_overview, view! { <super::drafts::RubricOverview/> });
split_view!(file_dialog_split, file_dialog_preload, FILE_DIALOG_LOADED, file_open, super::files::dialog_body());

// The engine (reading, scoring and changing drafts; the rubrics) comes with the workspace: the
// first load reaches it only through `super::state::port`.
split_fn!(workspace, engine_preload, fn engine_split() -> Result<&'static dyn Engine, SplitLoaderError> {
    Ok(&super::state::engine::TheEngine)
});

/// The engine, fetched with the workspace's chunk (the first time; then at once).
pub async fn engine() -> Result<&'static dyn Engine, SplitLoaderError> {
    engine_split().await
}

/// The question asked about an opened file (its chunk is the reader's, already loaded then).
pub fn file_dialog() -> impl IntoView {
    lazy_view(&FILE_DIALOG_LOADED, file_dialog_preload, file_dialog_split)
}

/// Fetches the workspace's chunks once the start page has shown, so that opening or creating a
/// draft does not wait for them (on slow 4G + CPU 4× the wait was 1.8 s after the click). A failed
/// fetch is forgotten: the workspace tries again when it is shown, and says so if it fails then.
pub fn preload_workspace() {
    if WORKSPACE_LOADED.load(Ordering::Relaxed) {
        return;
    }
    leptos::task::spawn_local(async {
        super::browser::after_paint().await;
        if workspace_preload().await.is_ok() {
            WORKSPACE_LOADED.store(true, Ordering::Relaxed);
        }
    });
}

/// Fetches a tool page's chunks as soon as the user shows they mean to open it (the pointer enters
/// its link on the start page, the link gets the focus, a finger or a button goes down on it), so
/// that the click that follows waits less for them. Nothing is fetched for a tool nobody points at;
/// a failed fetch is forgotten (the page tries again when it is shown, and says so if it fails).
pub fn preload_tool(page: Page) {
    fn go<P, PF>(loaded: &'static AtomicBool, preload: P)
    where
        P: FnOnce() -> PF + 'static,
        PF: std::future::Future<Output = Result<(), SplitLoaderError>> + 'static,
    {
        if !loaded.load(Ordering::Relaxed) {
            // Callers at once share one fetch (the split loader's cell); the page's own wait joins it.
            leptos::task::spawn_local(async move {
                let _ = load(loaded, preload).await;
            });
        }
    }
    match page {
        Page::Ranking => go(&RANKING_LOADED, ranking_preload),
        Page::Panel => go(&PANEL_LOADED, panel_preload),
        Page::Compare => go(&COMPARE_LOADED, compare_preload),
        _ => {}
    }
}

/// The workspace of an open draft, fetched the first time a draft opens.
pub fn workspace() -> impl IntoView {
    lazy_view(&WORKSPACE_LOADED, workspace_preload, workspace_split)
}

/// The 指标体系版本 section of the start page, fetched after the first screen shows.
pub fn rubric_versions() -> impl IntoView {
    lazy_view(&RUBRIC_VERSIONS_LOADED, rubric_versions_preload, rubric_versions_split)
}

/// The overview of the indicator system on the start page, fetched after the first screen shows:
/// the start page itself needs only the drafts.
pub fn rubric_overview() -> impl IntoView {
    lazy_view(&RUBRIC_OVERVIEW_LOADED, rubric_overview_preload, rubric_overview_split)
}

/// A lazily loaded page, shown where the main app's page would be.
#[component]
pub fn LazyPage(page: Page) -> impl IntoView {
    match page {
        Page::Eligibility => lazy_view(&ELIGIBILITY_LOADED, eligibility_preload, eligibility_page).into_any(),
        Page::Process => lazy_view(&PROCESS_LOADED, process_preload, process_page).into_any(),
        Page::Report => lazy_view(&REPORT_LOADED, report_preload, report_page).into_any(),
        Page::Verify => lazy_view(&VERIFY_LOADED, verify_preload, verify_page).into_any(),
        Page::Ranking => lazy_view(&RANKING_LOADED, ranking_preload, ranking_page).into_any(),
        Page::Panel => lazy_view(&PANEL_LOADED, panel_preload, panel_page).into_any(),
        Page::Compare => lazy_view(&COMPARE_LOADED, compare_preload, compare_page).into_any(),
        _ => ().into_any(),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// Polls `f` once: its output when it is ready at once (a split function whose chunk is loaded
/// only checks that and calls across).
fn ready_now<F: std::future::Future>(f: F) -> Option<F::Output> {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(v) => Some(v),
        std::task::Poll::Pending => None,
    }
}

/// Fetches a split view's chunks once the engine is there (every split view works with it: the
/// rubrics, the drafts), and remembers a success in `loaded`.
async fn load<P, PF>(loaded: &'static AtomicBool, preload: P) -> Result<(), SplitLoaderError>
where
    P: FnOnce() -> PF,
    PF: std::future::Future<Output = Result<(), SplitLoaderError>>,
{
    port::ready().await?;
    preload().await?;
    loaded.store(true, Ordering::Relaxed);
    Ok(())
}

/// The view of a split function: a loading line while `preload` fetches its chunks, then the view,
/// built synchronously in this place of the tree (as if it were not split: the same reactive owner,
/// so it is disposed with its parent, before its signals go), or an error line if the fetch failed
/// (the next showing tries again). `loaded` remembers a success, so that showing it again builds
/// the view at once, without a loading line.
fn lazy_view<P, PF, V, VF>(loaded: &'static AtomicBool, preload: P, view: V) -> impl IntoView
where
    P: FnOnce() -> PF + 'static,
    PF: std::future::Future<Output = Result<(), SplitLoaderError>> + 'static,
    V: Fn() -> VF + Send + Sync + 'static,
    VF: std::future::Future<Output = Result<AnyView, SplitLoaderError>>,
{
    // Every split view works with the engine (the rubrics, the drafts): it waits for it too.
    let now = loaded.load(Ordering::Relaxed) && port::engine().is_some();
    let status = RwSignal::new(if now { Status::Ready } else { Status::Loading });
    if !now {
        leptos::task::spawn_local(async move {
            let next = match load(loaded, preload).await {
                Ok(()) => Status::Ready,
                Err(e) => Status::Failed(e.to_string()),
            };
            // The view may be gone by now (the user moved on): then there is nothing to update.
            let _ = status.try_set(next);
        });
    }
    move || match status.get() {
        Status::Ready => match ready_now(view()) {
            Some(Ok(v)) => v,
            Some(Err(e)) => failed(e.to_string()),
            None => failed("模块已加载但未能调用".into()),
        },
        Status::Loading => view! { <p class="lazy-status" role="status" data-testid="lazy-status">"正在加载本页…"</p> }.into_any(),
        Status::Failed(e) => failed(e),
    }
}

fn failed(e: String) -> AnyView {
    let msg = format!("本页未能加载。请检查网络后刷新页面重试。(技术信息:{e})");
    view! { <p class="lazy-status failed" role="status" data-testid="lazy-status">{msg}</p> }.into_any()
}

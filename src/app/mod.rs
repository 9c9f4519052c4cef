//! The Leptos shell: shows and edits state, calls the engine. No scoring logic and no arithmetic
//! here: every figure comes from `engine::score` or `engine::view`.
//!
//! Modules: `state` (the contexts: the open draft and its edits, the draft store, notices,
//! navigation, rubric versions), `storage` and `browser` (web glue), and one module per part of
//! the screen.

mod banfa;
mod browser;
mod chart;
mod compare;
mod controls;
mod drafts;
mod eligibility;
mod evidence;
mod files;
mod indicator;
mod lazy;
mod multi_open;
mod nav;
mod notices;
mod panel;
mod process;
mod raise;
mod ranking;
mod report;
mod review;
mod rubric_versions;
mod rx;
mod state;
mod storage;
mod subject;
mod verify;
mod summary;
mod widgets;

use leptos::prelude::*;

use crate::engine::io::draft::display_title;

use rx::{live_text, live_view};
use state::draft::use_draft;
use state::nav::{use_nav, Page};
use state::port::with_engine;
use state::{use_contexts, Contexts};

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let ctx = Contexts::provide();
    review::Layers::provide(ctx.draft);
    summary::StepMarks::provide(ctx.draft, ctx.nav);
    provide_context(files::FileQuestion::new());
    ctx.start();
    let _ = window_event_listener(leptos::ev::storage, move |e| ctx.on_storage_event(e.key(), e.new_value()));
    // While anything would be lost with the page (a change not stored, drafts only in memory, an
    // undo only in memory), closing or reloading it asks first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |e| {
        if ctx.draft.unsaved() || ctx.store.only_in_page() {
            e.prevent_default();
            // Older engines ask only when returnValue is set (its text is not shown any more).
            let _ = js_sys::Reflect::set(&e, &"returnValue".into(), &"本页有尚未保存到浏览器的内容".into());
        }
    });
    files::install_drop();
    lazy::preload_workspace();
    let (draft, nav) = (ctx.draft, ctx.nav);

    let open_id = Memo::new(move |_| draft.current.with(|c| c.as_ref().map(|c| c.id.clone())));
    let in_draft = Memo::new(move |_| open_id.with(Option::is_some) && nav.page.get() != Page::Drafts && !nav.page.get().is_tool());
    // The start page, or a multi-file tool (which needs no open draft).
    let home_page = Memo::new(move |_| Some(nav.page.get()).filter(|p| p.is_tool()).unwrap_or(Page::Drafts));

    view! {
        <a class="skip-link" href="#main">"跳到主要内容"</a>
        <Header/>
        <notices::Notices/>
        <Show
            when=move || in_draft.get()
            fallback=move || view! {
                <main id="main" class="page home" tabindex="-1">
                    {live_view(move || match home_page.get() {
                        p if p.is_tool() => view! { <lazy::LazyPage page=p/> }.into_any(),
                        _ if nav.reopening.get() => view! {
                            <p class="lazy-status" role="status" data-testid="lazy-status">"正在打开草稿…"</p>
                        }.into_any(),
                        _ => view! { <drafts::DraftsPage/> }.into_any(),
                    })}
                </main>
            }
        >
            // Rebuilt when the open draft's rubric changes (another draft, a file, a confirmed move):
            // its pages are built from that rubric.
            {live_view(move || { draft.rubric.track(); lazy::workspace().into_any() })}
        </Show>
        <files::DialogView/>
        <files::FileInput/>
    }
}

/// The workspace of an open draft (a split point: src/app/lazy.rs): navigation, role bar,
/// summaries and the page shown.
fn workspace_body() -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="workspace">
            <nav::Nav/>
            <main id="main" class="content" tabindex="-1">
                <drafts::ExampleBanner/>
                <review::RoleBar/>
                <summary::CompactSummary/>
                {live_view(move || match nav.page.get() {
                    Page::Subject => review::subject_page(),
                    Page::Indicator(n) => view! { <indicator::IndicatorPage number=n/> }.into_any(),
                    Page::Summary => view! { <summary::SummaryPage/> }.into_any(),
                    p if lazy::is_lazy(p) => view! { <lazy::LazyPage page=p/> }.into_any(),
                    _ => ().into_any(),
                })}
            </main>
            <summary::SummaryPanel/>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let title = Memo::new(move |_| {
        draft.current.with(|c| {
            c.as_ref().map(|c| draft.assessment.with(|a| display_title(&c.title, &a.subject)))
        })
    });
    let has_draft = Memo::new(move |_| title.with(Option::is_some));
    // The rubric and the 办法: of the open draft (by the engine), else those of a new one (from the
    // draft index until the engine is loaded: `state::port`).
    let store = use_contexts().store;
    let rubrics = use_contexts().rubrics;
    let texts = Memo::new(move |_| {
        rubrics.set.with(|_| ());
        let open = draft.current.with(Option::is_some);
        let rubric = draft.rubric.get();
        draft
            .assessment
            .with(|a| with_engine(|e| if open { e.texts(rubric, Some(a)) } else { store.start_texts.get() }))
            .unwrap_or_else(|| store.start_texts.get())
    });
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>"网络市场监管与服务示范区创建自评工作台"</h1>
                <p class="brand-sub" data-testid="rubric-current">{live_text(move || texts.with(|t| t.rubric.clone()))}</p>
                <p class="brand-sub brand-rules" data-testid="banfa-current">{live_text(move || texts.with(|t| t.banfa.clone()))}</p>
                <p class="brand-note" data-testid="rubric-note">{live_text(move || texts.with(|t| t.note.clone()))}</p>
            </div>
            <div class="header-bar">
                <Show when=move || has_draft.get()>
                    <p class="current-draft">
                        <span class="label">"当前草稿:"</span>
                        <strong data-testid="current-title">{live_text(move || title.get().unwrap_or_default())}</strong>
                        <notices::SaveStatus/>
                    </p>
                </Show>
                <div class="header-actions" role="toolbar" aria-label="草稿与文件">
                    <button type="button" class="btn" data-testid="btn-drafts" on:click=move |_| nav.home()>"我的草稿"</button>
                    <button type="button" class="btn" data-testid="btn-new" on:click=move |_| nav.new_draft(None)>"新建自评"</button>
                    <files::OpenFileButton/>
                    <Show when=move || has_draft.get()>
                        <files::SaveFileButton/>
                        <report::ReportButton/>
                    </Show>
                </div>
            </div>
        </header>
    }
}

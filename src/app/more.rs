//! The second wasm module's side of [`super::lazy`]: mounts one of its pages (申请条件,
//! 创建流程, 打印报告, and the multi-file tools 省级汇总, 专家组合议, 版本比较) into an element
//! of the main app, with contexts of its own (`super::state`) whose open draft relays each edit,
//! and whose navigation relays each move, to the main app instead of storing anything.
//!
//! The relay is these lines, `OpenDraft::relay_edits`, `Navigation::relay_to` and `super::lazy`:
//! when the pages move into the main module (Leptos's wasm-split), they go and nothing else changes.

use leptos::prelude::*;

use super::lazy::LazyInput;
use super::multi_open::ToolsState;
use super::review::Layers;
use super::state::draft::Current;
use super::state::nav::Page;
use super::state::notices::Level;
use super::state::Contexts;
use super::{compare, eligibility, notices, panel, process, ranking, report, verify};
use crate::engine::io::draft::Base;
use crate::engine::json::read::read_json;
use crate::engine::model::edit::Edit;
use crate::engine::view::roles::LayerChoice;

thread_local! {
    /// The files opened in the tools: they outlive a tool page (the user leaves it and comes back),
    /// so they belong to the module, not to one mounted page.
    static TOOLS: ToolsState = ToolsState::new();
}

/// Mounts the page `input` names (a [`LazyInput`] as JSON) into `parent`. Dropping the returned
/// value unmounts it.
pub fn mount(
    parent: web_sys::HtmlElement,
    input: &str,
    edit: impl Fn(Vec<String>) + 'static,
    go: impl Fn(String) + 'static,
) -> Result<Box<dyn std::any::Any>, String> {
    console_error_panic_hook::set_once();
    let input: LazyInput = read_json(input).map_err(|e| format!("页面数据无法读取:{e}"))?;
    let page = Page::from_tag(&input.page).ok_or_else(|| format!("没有这个页面:{}", input.page))?;
    let handle = leptos::mount::mount_to(parent, move || {
        let ctx = Contexts::provide();
        let layers = Layers::provide(ctx.draft);
        provide_context(TOOLS.with(Clone::clone));
        // Each edit applied here goes to the main app as its JSON value (a list of texts).
        ctx.draft.relay_edits(move |e: &Edit| edit(e.clone().into()));
        ctx.nav.relay_to(go);
        let mut problems = ctx.rubrics.add_texts(&input.rubrics);
        if let Some(d) = input.draft {
            let missing = ctx.rubrics.set.with_untracked(|s| s.resolve(&d.rubric).err().map(|e| e.to_string()));
            problems.extend(missing);
            let layer = LayerChoice::from_tag(&input.layer, &d.assessment);
            let base = Base::unsaved(ctx.store.tab);
            ctx.draft.show(Current { id: d.id, title: d.title, created_at: d.created_at, base, rubric: d.rubric }, d.assessment);
            layers.report_layer.set(Some(layer));
        }
        ctx.nav.show(page);
        let body = match page {
            Page::Eligibility => view! { <eligibility::EligibilityPage/> }.into_any(),
            Page::Process => view! { <process::ProcessPage/> }.into_any(),
            Page::Report => view! { <report::ReportPage/> }.into_any(),
            Page::Verify => view! { <verify::VerifyPage/> }.into_any(),
            Page::Ranking => view! { <ranking::RankingPage/> }.into_any(),
            Page::Panel => view! { <panel::PanelPage/> }.into_any(),
            Page::Compare => view! { <compare::ComparePage/> }.into_any(),
            _ => ().into_any(),
        };
        if !problems.is_empty() {
            ctx.notices.notify(Level::Warning, "notice-rubric-stored", "本浏览器中保存的指标体系文件有无法读取的:", problems);
        }
        view! {
            <notices::Notices/>
            {body}
        }
    });
    Ok(Box::new(handle))
}

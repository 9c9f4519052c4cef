//! The second wasm module's side of [`super::lazy`]: mounts one of its pages (申请条件,
//! 创建流程, 打印报告, and the multi-file tools 省级汇总, 专家组合议, 版本比较) into an element
//! of the main app, with a context of its own that relays edits and navigation to the main app
//! ([`super::state::Relay`]) instead of storing anything.

use leptos::prelude::*;

use super::lazy::LazyInput;
use super::review::{self, layers};
use super::state::{Ctx, Current, Page, Relay};
use super::{compare, eligibility, notices, panel, process, ranking, report};
use crate::engine::io::draft::Base;
use crate::engine::json::read::read_json;
use crate::engine::model::edit::Edit;
use crate::engine::view::report::LayerChoice;

/// Mounts the page `input` names (a [`LazyInput`] as JSON) into `parent`. Dropping the returned
/// value unmounts it.
pub fn mount(
    parent: web_sys::HtmlElement,
    input: &str,
    edit: impl Fn(String) + 'static,
    go: impl Fn(String) + 'static,
) -> Result<Box<dyn std::any::Any>, String> {
    console_error_panic_hook::set_once();
    let input: LazyInput = read_json(input).map_err(|e| format!("页面数据无法读取:{e}"))?;
    let page = Page::from_tag(&input.page).ok_or_else(|| format!("没有这个页面:{}", input.page))?;
    let handle = leptos::mount::mount_to(parent, move || {
        let ctx = Ctx::new();
        provide_context(ctx);
        review::provide(ctx);
        // Each edit applied here goes to the main app as JSON (serialised here: the main module has
        // no serialiser for edits).
        let relay_edit = move |e: &Edit| edit(serde_json::to_string(e).unwrap_or_default());
        ctx.set_relay(Relay { edit: Box::new(relay_edit), go: Box::new(go) });
        let mut problems = Vec::new();
        ctx.rubrics.update(|set| {
            for text in &input.rubrics {
                if let Err(e) = set.add(text) {
                    problems.extend(e);
                }
            }
        });
        if let Some(d) = input.draft {
            let missing = ctx.rubrics.with_untracked(|s| s.resolve(&d.rubric).err());
            if let Some(m) = missing {
                problems.push(m);
            }
            let layer = LayerChoice::from_tag(&input.layer, &d.assessment);
            ctx.current.set(Some(Current {
                id: d.id,
                title: d.title,
                created_at: d.created_at,
                base: Base::unsaved(ctx.tab),
                rubric: d.rubric,
            }));
            ctx.assessment.set(d.assessment);
            layers().report_layer.set(Some(layer));
        }
        ctx.page.set(page);
        let body = match page {
            Page::Eligibility => view! { <eligibility::EligibilityPage/> }.into_any(),
            Page::Process => view! { <process::ProcessPage/> }.into_any(),
            Page::Report => view! { <report::ReportPage/> }.into_any(),
            Page::Ranking => view! { <ranking::RankingPage/> }.into_any(),
            Page::Panel => view! { <panel::PanelPage/> }.into_any(),
            Page::Compare => view! { <compare::ComparePage/> }.into_any(),
            _ => ().into_any(),
        };
        if !problems.is_empty() {
            ctx.notify(super::state::Level::Warning, "notice-rubric-stored", "本浏览器中保存的指标体系文件有无法读取的:", problems);
        }
        view! {
            <notices::Notices/>
            {body}
        }
    });
    Ok(Box::new(handle))
}

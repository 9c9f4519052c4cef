//! On the summary: 提分路径 (where the points still missing for a pass can come from,
//! `view::raise`) and the sub-items that score without any evidence entry
//! (`view::evidence::unevidenced`). Its own module, so that it can move behind a lazy split point.

use leptos::prelude::*;

use super::rx::live_view;
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use crate::engine::view::evidence::unevidenced;
use crate::engine::view::raise::raise_path;

/// 提分路径, shown when the assessment does not pass.
#[component]
pub fn RaisePath() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let rubric = &draft.loaded_rubric().rubric;
    let groups = Memo::new(move |_| draft.assessment.with(|a| draft.outcome.with(|o| raise_path(rubric, a, o))));
    live_view(move || {
        let groups = groups.get();
        if groups.is_empty() {
            return ().into_any();
        }
        view! {
            <section class="raise" data-testid="raise-path">
                <h3>"提分路径"</h3>
                <p class="hint">"按指标体系和已填数据计算:先列确定可得的分(达标项、计数项,离门槛近的在前),再列由评审评定的分(不作承诺);创建期内已无法再取得的分列在最后。"</p>
                {groups.into_iter().map(|g| view! {
                    <h4>{g.heading}</h4>
                    {g.dimensions.into_iter().map(|d| view! {
                        <p class="raise-dim">{d.name}</p>
                        <ul class="raise-lines">
                            {d.lines.into_iter().map(|l| {
                                let n = l.indicator;
                                view! {
                                    <li data-testid=format!("raise-{}", l.item)>
                                        <button type="button" class="link" on:click=move |_| nav.go(Page::Indicator(n))>{l.text}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }).collect_view()}
                }).collect_view()}
            </section>
        }
        .into_any()
    })
}

/// The sub-items with a score and no evidence entry.
#[component]
pub fn Unevidenced() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let rubric = &draft.loaded_rubric().rubric;
    let rows = Memo::new(move |_| draft.assessment.with(|a| draft.outcome.with(|o| unevidenced(rubric, a, o))));
    live_view(move || {
        let rows = rows.get();
        if rows.is_empty() {
            return ().into_any();
        }
        view! {
            <details class="unevidenced" data-testid="unevidenced">
                <summary>{format!("有得分但尚无佐证材料的子项({}项)", rows.len())}</summary>
                <ul>
                    {rows.into_iter().map(|u| {
                        let n = u.indicator;
                        view! { <li><button type="button" class="link" on:click=move |_| nav.go(Page::Indicator(n))>{u.label}</button></li> }
                    }).collect_view()}
                </ul>
            </details>
        }
        .into_any()
    })
}

//! One indicator: the seed's own text (指标说明, 评估方式, 数据来源, 变量性质), the product's
//! reading where there is one, and a card per sub-item.

use leptos::prelude::*;

use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use super::rx::{live_text, live_view};
use crate::engine::support::num::fmt;
use crate::engine::view::steps::heading;
use crate::engine::view::workbench::score_of;

#[component]
pub fn IndicatorPage(number: u32) -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let rubric = &draft.loaded_rubric().rubric;
    let Some(ind) = rubric.indicator(number) else {
        return view! { <p class="page-section">"没有这个指标。"</p> }.into_any();
    };
    let dim = rubric.dimensions.iter().find(|d| d.indicators.iter().any(|i| i.number == number));
    let numbers: Vec<u32> = rubric.indicators().map(|i| i.number).collect();
    let pos = numbers.iter().position(|n| *n == number).unwrap_or(0);
    let prev = pos.checked_sub(1).and_then(|p| numbers.get(p)).copied();
    let next = numbers.get(pos + 1).copied();
    let result = Memo::new(move |_| draft.outcome.with(|o| o.indicator(number).map(|r| (r.score, r.max, r.achievable))));
    let multi = ind.items.len() > 1;
    view! {
        <section class="page-section indicator-page" aria-labelledby="page-heading" data-testid=format!("indicator-{number}")>
            <p class="crumb">{dim.map(|d| format!("{}({}分)", d.name, fmt(d.points)))}</p>
            <div class="indicator-head">
                <h2 id="page-heading" tabindex="-1">{format!("指标{number} {}", heading(&ind.title))}</h2>
                <p class="indicator-score">
                    "本指标得分 "
                    <strong data-testid="indicator-score">{live_text(move || result.get().map(|(s, m, _)| score_of(s, m)).unwrap_or_default())}</strong>
                    "分"
                </p>
            </div>
            {live_view(move || match result.get().filter(|(_, m, a)| a < m) {
                Some((_, m, a)) => view! {
                    <p class="note" data-testid="indicator-achievable">
                        {format!("本指标分值为{}分,但按本产品对原文的解读最高可得{}分(见下方“本产品的解读”)。", fmt(m), fmt(a))}
                    </p>
                }.into_any(),
                None => ().into_any(),
            })}
            <details class="seed" open=true>
                <summary>"原文:指标说明、评估方式与数据来源"</summary>
                <dl class="seed-text">
                    <dt>"指标说明"</dt>
                    <dd class="pre" data-testid="seed-description">{ind.description.clone()}</dd>
                    <dt>"变量性质"</dt>
                    <dd>{ind.nature.label()}</dd>
                    <dt>"评估方式"</dt>
                    <dd>{ind.methods.join("、")}</dd>
                    <dt>"数据或资料来源"</dt>
                    <dd>{ind.sources.join(";")}</dd>
                </dl>
            </details>
            {(!ind.reading.is_empty()).then(|| view! {
                <p class="reading" data-testid="reading"><strong>"本产品的解读:"</strong>{ind.reading.clone()}</p>
            })}
            {super::review::item_cards(ind, multi)}
            <div class="pager">
                {match prev {
                    Some(p) => view! {
                        <button type="button" class="btn" data-testid="prev-page" on:click=move |_| nav.go(Page::Indicator(p))>
                            {format!("← 指标{p}")}
                        </button>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="btn" data-testid="prev-page" on:click=move |_| nav.go(Page::Subject)>"← 基本情况"</button>
                    }.into_any(),
                }}
                {match next {
                    Some(n) => view! {
                        <button type="button" class="btn primary" data-testid="next-page" on:click=move |_| nav.go(Page::Indicator(n))>
                            {format!("指标{n} →")}
                        </button>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="btn primary" data-testid="next-page" on:click=move |_| nav.go(Page::Summary)>"结果汇总 →"</button>
                    }.into_any(),
                }}
            </div>
        </section>
    }
    .into_any()
}

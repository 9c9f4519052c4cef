//! A small inline SVG chart of the four dimension rates with the pass line (80%).
//! Geometry comes from `engine::view::chart`; this only draws it.

use leptos::prelude::*;

use super::rx::live_view;
use super::state::draft::use_draft;
use crate::engine::score::outcome::Outcome;
use crate::engine::view::workbench::{chart, CHART_NAME_Y};

#[component]
pub fn RateChart() -> impl IntoView {
    let draft = use_draft();
    view! { <OutcomeChart outcome=Signal::from(draft.outcome)/> }
}

/// The same chart for any outcome (a review layer's, in the printed report).
#[component]
pub fn OutcomeChart(outcome: Signal<Outcome>) -> impl IntoView {
    let draft = use_draft();
    let min_rate = draft.loaded_rubric().rubric.pass_rule.min_dimension_rate;
    let c = Memo::new(move |_| outcome.with(|o| chart(o, min_rate)));
    view! {
        <figure class="rate-chart" data-testid="rate-chart">
            {live_view(move || {
                let c = c.get();
                let parts: Vec<String> = c.bars.iter().map(|b| format!("{}{}", b.name, b.value)).collect();
                let label = format!("各一级指标得分率(合格线{}):{}", c.line_label, parts.join(","));
                view! {
                    <svg viewBox=c.view_box.clone() role="img" aria-label=label preserveAspectRatio="xMidYMid meet">
                        <line class="axis" x1=c.plot_left.clone() x2=c.plot_right.clone() y1=c.baseline_y.clone() y2=c.baseline_y.clone()/>
                        <line class="grid" x1=c.plot_left.clone() x2=c.plot_right.clone() y1=c.top_y.clone() y2=c.top_y.clone()/>
                        <text class="tick" x="34" text-anchor="end" y=c.baseline_y.clone()>"0%"</text>
                        <text class="tick" x="34" text-anchor="end" dy="4" y=c.top_y.clone()>"100%"</text>
                        {c.bars.iter().map(|b| view! {
                            <g class=if b.passed { "bar ok" } else { "bar" } data-testid=format!("chart-bar-{}", b.id)>
                                <rect x=b.x.clone() y=b.y.clone() width=b.width.clone() height=b.height.clone() rx="2"/>
                                <text class="value" x=b.label_x.clone() y=b.value_y.clone() text-anchor="middle">{b.value.clone()}</text>
                                <text class="name" x=b.label_x.clone() y=CHART_NAME_Y text-anchor="middle">{b.name.clone()}</text>
                            </g>
                        }).collect_view()}
                        <line class="pass-line" x1=c.plot_left.clone() x2=c.plot_right.clone() y1=c.line_y.clone() y2=c.line_y.clone()/>
                        <text class="tick pass" x="34" text-anchor="end" y=c.line_label_y.clone()>{c.line_label.clone()}</text>
                    </svg>
                }
                .into_any()
            })}
        </figure>
    }
}

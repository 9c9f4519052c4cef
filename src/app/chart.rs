//! A small inline SVG chart of the four dimension rates with the pass line (80%).
//! Geometry comes from `engine::view::chart`; this only draws it.

use leptos::prelude::*;

use super::state::use_ctx;
use crate::engine::view::{chart, CHART_NAME_Y};

#[component]
pub fn RateChart() -> impl IntoView {
    let ctx = use_ctx();
    let min_rate = ctx.rubric.rubric.pass_rule.min_dimension_rate;
    let c = Memo::new(move |_| ctx.outcome.with(|o| chart(o, min_rate)));
    let label = move || {
        c.with(|c| {
            let parts: Vec<String> = c.bars.iter().map(|b| format!("{}{}", b.name, b.value)).collect();
            format!("各一级指标得分率(合格线{}):{}", c.line_label, parts.join(","))
        })
    };
    view! {
        <figure class="rate-chart" data-testid="rate-chart">
            <svg viewBox=move || c.with(|c| c.view_box.clone()) role="img" aria-label=label preserveAspectRatio="xMidYMid meet">
                <line class="axis" x1=move || c.with(|c| c.plot_left.clone()) x2=move || c.with(|c| c.plot_right.clone())
                    y1=move || c.with(|c| c.baseline_y.clone()) y2=move || c.with(|c| c.baseline_y.clone())/>
                <line class="grid" x1=move || c.with(|c| c.plot_left.clone()) x2=move || c.with(|c| c.plot_right.clone())
                    y1=move || c.with(|c| c.top_y.clone()) y2=move || c.with(|c| c.top_y.clone())/>
                <text class="tick" x="34" text-anchor="end" y=move || c.with(|c| c.baseline_y.clone())>"0%"</text>
                <text class="tick" x="34" text-anchor="end" dy="4" y=move || c.with(|c| c.top_y.clone())>"100%"</text>
                {move || c.with(|c| c.bars.iter().map(|b| view! {
                    <g class=if b.passed { "bar ok" } else { "bar" } data-testid=format!("chart-bar-{}", b.id)>
                        <rect x=b.x.clone() y=b.y.clone() width=b.width.clone() height=b.height.clone() rx="2"/>
                        <text class="value" x=b.label_x.clone() y=b.value_y.clone() text-anchor="middle">{b.value.clone()}</text>
                        <text class="name" x=b.label_x.clone() y=CHART_NAME_Y text-anchor="middle">{b.name.clone()}</text>
                    </g>
                }).collect_view())}
                <line class="pass-line" x1=move || c.with(|c| c.plot_left.clone()) x2=move || c.with(|c| c.plot_right.clone())
                    y1=move || c.with(|c| c.line_y.clone()) y2=move || c.with(|c| c.line_y.clone())/>
                <text class="tick pass" x="34" text-anchor="end" y=move || c.with(|c| c.line_label_y.clone())>
                    {move || c.with(|c| c.line_label.clone())}
                </text>
            </svg>
        </figure>
    }
}

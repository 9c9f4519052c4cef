//! The printed reports: the 自评报告 (管理办法 第十二条) and a reviewer's 初审意见 / 评估意见
//! (第十三条, 第十四条), laid out from `engine::report::build_report` and printed with the
//! browser's own print (`style/print.css` hides everything else and sets the A4 page).

use leptos::prelude::*;

use super::browser;
use super::chart::OutcomeChart;
use super::review::use_layers;
use super::rx::{live_flag, live_view};
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use crate::engine::score::outcome::Outcome;
use crate::engine::view::report::{
    build_report, layer_outcome, report_choices, LayerChoice, Report, ReportIndicator, ReportKind,
};

/// The header button: to the report of the layer the user works on.
#[component]
pub fn ReportButton() -> impl IntoView {
    let nav = use_nav();
    let l = use_layers();
    view! {
        <button type="button" class="btn" data-testid="btn-report" on:click=move |_| {
            l.report_layer.set(None);
            nav.go(Page::Report);
        }>"打印报告"</button>
    }
}

fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let draft = use_draft();
    let l = use_layers();
    let today = browser::today();
    let choice = Memo::new(move |_| {
        let c = l.report_layer.get().unwrap_or_else(|| l.active.get());
        draft.assessment.with(|a| c.resolve(a))
    });
    let choices = Memo::new(move |_| draft.assessment.with(report_choices));
    let report = Memo::new(move |_| {
        let c = choice.get();
        let rubric = draft.rubric.get();
        draft.assessment.with(|a| build_report(rubric, a, c, &today))
    });
    let outcome = Signal::derive(move || {
        let c = choice.get();
        let rubric = draft.rubric.get();
        draft.assessment.with(|a| layer_outcome(&rubric.rubric, a, c))
    });
    view! {
        <section class="page-section report-page" aria-labelledby="page-heading" data-testid="report-page">
            <div class="report-toolbar no-print">
                <h2 id="page-heading" tabindex="-1">"打印报告"</h2>
                <div class="report-controls">
                    <div class="field">
                        <label for="report-layer">"报告"</label>
                        <select id="report-layer" data-testid="report-layer" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let c = draft.assessment.with_untracked(|a| LayerChoice::from_tag(&v, a));
                            l.report_layer.set(Some(c));
                        }>
                            {live_view(move || choices.get().into_iter().map(|(c, label)| view! {
                                <option value=c.tag() selected=live_flag(move || choice.get() == c)>{label}</option>
                            }).collect_view().into_any())}
                        </select>
                    </div>
                    <button type="button" class="btn primary" data-testid="btn-print" on:click=move |_| print_page()>"打印 / 存为PDF"</button>
                </div>
                <p class="hint">
                    "使用浏览器的打印功能:纸张A4、纵向;页码由报告自带,可在打印设置中关闭“页眉和页脚”。"
                    "若要电子版,目标打印机选择“另存为PDF”。"
                </p>
            </div>
            {live_view(move || report.with(|r| report_view(r, outcome)))}
        </section>
    }
}

fn kv_table(rows: &[(String, String)], testid: &'static str) -> AnyView {
    view! {
        <table class="r-kv" data-testid=testid>
            <tbody>
                {rows.iter().map(|(k, v)| view! { <tr><th scope="row">{k.clone()}</th><td>{v.clone()}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn report_view(r: &Report, outcome: Signal<Outcome>) -> AnyView {
    let review = r.kind != ReportKind::SelfAssessment;
    let self_header = r.self_header.clone();
    view! {
        <article class=format!("report report-{}", r.kind.id()) data-testid="report" lang="zh-CN">
            <header class="report-head">
                <h1 class="report-title" data-testid="report-title">{r.title.clone()}</h1>
            </header>
            <p class="report-intro">{r.intro.clone()}</p>

            <h2 class="r-h">{r.h_basics.clone()}</h2>
            {kv_table(&r.basics, "report-basics")}

            {r.h_reviewer.clone().map(|h| view! {
                <h2 class="r-h">{h}</h2>
                {kv_table(&r.reviewer, "report-reviewer")}
            })}

            <h2 class="r-h">{r.h_scores.clone()}</h2>
            <p class="r-total" data-testid="report-total">{r.total_line.clone()}<span class="r-note">{format!("({})", r.achievable)}</span></p>
            <div class="r-score-block">
                <div class="r-chart"><OutcomeChart outcome=outcome/></div>
                <table class="r-table r-dims" data-testid="report-dimensions">
                    <thead>
                        <tr>
                            <th scope="col">"一级指标"</th>
                            {self_header.clone().map(|h| view! { <th scope="col" class="num">{h}</th> })}
                            <th scope="col" class="num">{r.score_header.clone()}</th>
                            <th scope="col" class="num">"分值"</th>
                            <th scope="col" class="num">"得分率(%)"</th>
                            <th scope="col">"达标"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.rows.iter().map(|row| view! {
                            <tr class=if row.id == "total" { "total-row" } else { "" } class:unmet=!row.met>
                                <th scope="row">{row.name.clone()}</th>
                                {row.self_score.clone().map(|s| view! { <td class="num">{s}</td> })}
                                <td class="num">{row.score.clone()}</td>
                                <td class="num">{row.max.clone()}</td>
                                <td class="num">{row.rate.clone()}</td>
                                <td>{row.met_text.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="r-rule">{format!("合格标准:{}", r.pass_rule)}</p>
            <div class=if r.passed { "r-verdict pass" } else { "r-verdict fail" } data-testid="report-verdict">
                <p><strong>{format!("结论:{}", r.verdict_word)}</strong></p>
                <p>{r.verdict_line.clone()}</p>
                {r.self_verdict.clone().map(|v| view! { <p class="r-note">{v}</p> })}
            </div>

            <h2 class="r-h r-items-h">{r.h_items.clone()}</h2>
            {r.indicators.iter().map(|ind| view! {
                {ind.dimension_heading.clone().map(|h| view! { <h3 class="r-dim">{h}</h3> })}
                <section class=if ind.differs { "r-ind differs" } else { "r-ind" } data-testid=format!("report-ind-{}", ind.number)>
                    <h4 class="r-ind-head">
                        <span class="r-ind-title">{ind.heading.clone()}</span>
                        <span class="r-ind-score">{ind.score_line.clone()}</span>
                    </h4>
                    <p class="r-ind-methods">{format!("评估方式:{}", ind.methods)}</p>
                    {if review { review_items(ind, &r.item_score_header) } else { self_items(ind) }}
                </section>
            }).collect_view()}

            <h2 class="r-h">{r.h_gaps.clone()}</h2>
            <div class="r-gaps" data-testid="report-gaps">
                {if r.unmet.is_empty() {
                    view! { <p>"各项合格条件均已达到。"</p> }.into_any()
                } else {
                    view! {
                        <p>"尚未达到的合格条件:"</p>
                        <ul>{r.unmet.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                    }.into_any()
                }}
                {if r.gaps.is_empty() {
                    view! { <p>"各指标均已取得最高可得分。"</p> }.into_any()
                } else {
                    view! {
                        <p>"未取得最高可得分的指标:"</p>
                        <table class="r-table r-gap-table">
                            <thead><tr>
                                <th scope="col">"指标"</th><th scope="col" class="num">"得分"</th>
                                <th scope="col" class="num">"最高可得"</th><th scope="col" class="num">"差距"</th>
                            </tr></thead>
                            <tbody>
                                {r.gaps.iter().map(|g| view! {
                                    <tr>
                                        <td>{g.label.clone()}</td><td class="num">{g.score.clone()}</td>
                                        <td class="num">{g.achievable.clone()}</td><td class="num">{g.gap.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                {(!r.open_items.is_empty()).then(|| view! {
                    <p>"尚未完成的子项:"</p>
                    <ul>{r.open_items.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                })}
            </div>

            {r.h_opinion.clone().map(|h| view! {
                <h2 class="r-h">{h}</h2>
                <div class="r-opinion" data-testid="report-opinion">
                    {if r.opinion.is_empty() { "(未填写)".to_string() } else { r.opinion.clone() }}
                </div>
            })}

            <div class="r-sign">
                {r.signatures.iter().map(|s| view! { <p>{s.clone()}</p> }).collect_view()}
            </div>

            <section class="r-appendix">
                <h2 class="r-h">{r.h_appendix.clone()}</h2>
                <p>{format!("本报告依据的评估指标体系:{}。以下为本工具对原文中可能有不同理解之处的解读,评分均按此执行。", r.source)}</p>
                <dl class="r-readings">
                    {r.readings.iter().map(|(h, t)| view! { <dt>{h.clone()}</dt><dd>{t.clone()}</dd> }).collect_view()}
                </dl>
                <p class="r-colophon">{r.colophon.clone()}</p>
            </section>
        </article>
    }
    .into_any()
}

fn self_items(ind: &ReportIndicator) -> AnyView {
    view! {
        <table class="r-table r-items">
            <colgroup>
                <col class="c-id"/><col class="c-text"/><col class="c-num"/><col class="c-num"/><col class="c-basis"/>
            </colgroup>
            <thead><tr>
                <th scope="col">"子项"</th><th scope="col">"评估内容"</th><th scope="col" class="num">"分值"</th>
                <th scope="col" class="num">"得分"</th><th scope="col">"自评依据及佐证材料"</th>
            </tr></thead>
            <tbody>
                {ind.items.iter().map(|it| view! {
                    <tr>
                        <td>{it.id.clone()}</td>
                        <td class="r-text">{it.text.clone()}</td>
                        <td class="num">{it.points.clone()}</td>
                        <td class="num">{it.score.clone()}{(!it.status.is_empty()).then(|| view! { <span class="r-status">{it.status.clone()}</span> })}</td>
                        <td class="r-text">
                            {if it.basis.is_empty() { "(未填写)".to_string() } else { it.basis.clone() }}
                            {(!it.details.is_empty()).then(|| view! {
                                <ul class="r-details">{it.details.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                            })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn review_items(ind: &ReportIndicator, score_header: &str) -> AnyView {
    view! {
        <table class="r-table r-items review">
            <colgroup>
                <col class="c-id"/><col class="c-text"/><col class="c-num"/><col class="c-num"/><col class="c-num"/>
                <col class="c-method"/><col class="c-comment"/>
            </colgroup>
            <thead><tr>
                <th scope="col">"子项"</th><th scope="col">"评估内容"</th><th scope="col" class="num">"分值"</th>
                <th scope="col" class="num">"自评"</th><th scope="col" class="num">{score_header.to_string()}</th>
                <th scope="col">"评估方式"</th><th scope="col">"评审意见"</th>
            </tr></thead>
            <tbody>
                {ind.items.iter().map(|it| view! {
                    <tr class:differs=it.differs>
                        <td>{it.id.clone()}</td>
                        <td class="r-text">{it.text.clone()}</td>
                        <td class="num">{it.points.clone()}</td>
                        <td class="num">{it.self_score.clone().unwrap_or_default()}</td>
                        <td class="num">{it.score.clone()}{(!it.status.is_empty()).then(|| view! { <span class="r-status">{it.status.clone()}</span> })}</td>
                        <td>{it.method.clone()}</td>
                        <td class="r-text">{it.comment.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

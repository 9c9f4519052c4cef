//! The printed reports: the 自评报告 (管理办法 第十二条) and a reviewer's 初审意见 / 评估意见
//! (第十三条, 第十四条), laid out from `engine::view::report::build_report` (one small component
//! per kind of section, in the report's order) and printed with the browser's own print
//! (`style/print.css` hides everything else and sets the A4 page).

use leptos::prelude::*;

use super::browser;
use super::chart::OutcomeChart;
use super::review::use_layers;
use super::rx::{live_flag, live_view};
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use crate::engine::score::outcome::Outcome;
use crate::engine::view::report::closing::{Appendix, Gaps, Opinion};
use crate::engine::view::report::annex::EvidenceAnnex;
use crate::engine::view::report::front::Facts;
use crate::engine::view::report::raise::RaiseSection;
use crate::engine::view::report::items::{Items, ReportIndicator};
use crate::engine::view::report::scores::Scores;
use crate::engine::view::report::{build_report_with, ReportKind, Report, ReportOptions, Section};
use crate::engine::view::roles::{layer_outcome, report_choices, LayerChoice};

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
    // 提分路径 is the team's own work plan, not part of what the 办法 asks the report to say: off
    // each time the page opens (docs/decisions.md, 2026-12-05).
    let raise_path = RwSignal::new(false);
    let report = Memo::new(move |_| {
        let c = choice.get();
        let rubric = draft.rubric.get();
        let options = ReportOptions { raise_path: raise_path.get() };
        draft.assessment.with(|a| build_report_with(rubric, a, c, &today, options))
    });
    let is_self = Memo::new(move |_| report.with(|r| r.kind == ReportKind::SelfAssessment));
    let raise_available = Memo::new(move |_| report.with(|r| r.raise_path_available));
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
                    {live_view(move || is_self.get().then(|| view! {
                        <div class="field check report-option">
                            <input id="report-raise-path" type="checkbox" data-testid="report-raise-path-toggle"
                                prop:checked=move || raise_path.get()
                                disabled=move || !raise_available.get()
                                on:change=move |ev| raise_path.set(event_target_checked(&ev))/>
                            <label for="report-raise-path">
                                {move || if raise_available.get() {
                                    "打印提分路径(内部参考,默认不打印)"
                                } else {
                                    "打印提分路径(已达到全部合格条件,无提分路径)"
                                }}
                            </label>
                        </div>
                    }).into_any())}
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

fn report_view(r: &Report, outcome: Signal<Outcome>) -> AnyView {
    view! {
        <article class=format!("report report-{}", r.kind.id()) data-testid="report" lang="zh-CN">
            <header class="report-head">
                <h1 class="report-title" data-testid="report-title">{r.title.clone()}</h1>
            </header>
            <p class="report-intro">{r.intro.clone()}</p>
            {r.sections.iter().map(|s| section_view(s, outcome)).collect_view()}
        </article>
    }
    .into_any()
}

/// One section of the report, by its kind.
fn section_view(s: &Section, outcome: Signal<Outcome>) -> AnyView {
    match s {
        Section::Basics(f) => view! { <FactsSection facts=f.clone() testid="report-basics"/> }.into_any(),
        Section::Reviewer(f) => view! { <FactsSection facts=f.clone() testid="report-reviewer"/> }.into_any(),
        Section::Scores(sc) => view! { <ScoresSection scores=sc.clone() outcome=outcome/> }.into_any(),
        Section::Items(i) => view! { <ItemsSection items=i.clone()/> }.into_any(),
        Section::Gaps(g) => view! { <GapsSection gaps=g.clone()/> }.into_any(),
        Section::RaisePath(r) => view! { <RaisePathSection raise=r.clone()/> }.into_any(),
        Section::Opinion(o) => view! { <OpinionSection opinion=o.clone()/> }.into_any(),
        Section::Signatures(lines) => view! { <SignaturesSection lines=lines.clone()/> }.into_any(),
        Section::Appendix(a) => view! { <AppendixSection appendix=a.clone()/> }.into_any(),
        Section::EvidenceAnnex(a) => view! { <AnnexSection annex=a.clone()/> }.into_any(),
    }
}

/// 基本情况 and 评审信息: a heading over a table of (label, value) rows.
#[component]
fn FactsSection(facts: Facts, testid: &'static str) -> impl IntoView {
    view! {
        <h2 class="r-h">{facts.heading}</h2>
        <table class="r-kv" data-testid=testid>
            <tbody>
                {facts.rows.into_iter().map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}

/// 得分汇总: the total, the chart beside the dimensions' table, the pass rule and the verdict.
#[component]
fn ScoresSection(scores: Scores, outcome: Signal<Outcome>) -> impl IntoView {
    let s = scores;
    view! {
        <h2 class="r-h">{s.heading}</h2>
        <p class="r-total" data-testid="report-total">{s.total_line}<span class="r-note">{format!("({})", s.achievable)}</span></p>
        <div class="r-score-block">
            <div class="r-chart"><OutcomeChart outcome=outcome/></div>
            <table class="r-table r-dims" data-testid="report-dimensions">
                <thead>
                    <tr>
                        <th scope="col">"一级指标"</th>
                        {s.self_header.map(|h| view! { <th scope="col" class="num">{h}</th> })}
                        <th scope="col" class="num">{s.score_header}</th>
                        <th scope="col" class="num">"分值"</th>
                        <th scope="col" class="num">"得分率(%)"</th>
                        <th scope="col">"达标"</th>
                    </tr>
                </thead>
                <tbody>
                    {s.rows.into_iter().map(|row| view! {
                        <tr class=if row.id == "total" { "total-row" } else { "" } class:unmet=!row.met>
                            <th scope="row">{row.name}</th>
                            {row.self_score.map(|s| view! { <td class="num">{s}</td> })}
                            <td class="num">{row.score}</td>
                            <td class="num">{row.max}</td>
                            <td class="num">{row.rate}</td>
                            <td>{row.met_text}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="r-rule">{format!("合格标准:{}", s.pass_rule)}</p>
        <div class=if s.passed { "r-verdict pass" } else { "r-verdict fail" } data-testid="report-verdict">
            <p><strong>{format!("结论:{}", s.verdict_word)}</strong></p>
            <p>{s.verdict_line}</p>
            {s.self_verdict.map(|v| view! { <p class="r-note">{v}</p> })}
        </div>
    }
}

/// 逐项自评 / 逐项评审: every indicator with its items.
#[component]
fn ItemsSection(items: Items) -> impl IntoView {
    let (review, header) = (items.review, items.item_score_header);
    view! {
        <h2 class="r-h r-items-h">{items.heading}</h2>
        {items.indicators.iter().map(|ind| view! {
            {ind.dimension_heading.clone().map(|h| view! { <h3 class="r-dim">{h}</h3> })}
            <section class=if ind.differs { "r-ind differs" } else { "r-ind" } data-testid=format!("report-ind-{}", ind.number)>
                <h4 class="r-ind-head">
                    <span class="r-ind-title">{ind.heading.clone()}</span>
                    <span class="r-ind-score">{ind.score_line.clone()}</span>
                </h4>
                <p class="r-ind-methods">{format!("评估方式:{}", ind.methods)}</p>
                {if review { review_items(ind, &header) } else { self_items(ind) }}
            </section>
        }).collect_view()}
    }
}

/// 未达标项与差距.
#[component]
fn GapsSection(gaps: Gaps) -> impl IntoView {
    let g = gaps;
    view! {
        <h2 class="r-h">{g.heading}</h2>
        <div class="r-gaps" data-testid="report-gaps">
            {if g.unmet.is_empty() {
                view! { <p>"各项合格条件均已达到。"</p> }.into_any()
            } else {
                view! {
                    <p>"尚未达到的合格条件:"</p>
                    <ul>{g.unmet.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                }.into_any()
            }}
            {if g.gaps.is_empty() {
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
                            {g.gaps.into_iter().map(|g| view! {
                                <tr>
                                    <td>{g.label}</td><td class="num">{g.score}</td>
                                    <td class="num">{g.achievable}</td><td class="num">{g.gap}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {(!g.open_items.is_empty()).then(|| view! {
                <p>"尚未完成的子项:"</p>
                <ul>{g.open_items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

/// 提分路径 (when chosen): each unmet condition, its dimensions, their lines in the engine's order.
#[component]
fn RaisePathSection(raise: RaiseSection) -> impl IntoView {
    view! {
        <section class="r-raise" data-testid="report-raise-path">
            <h2 class="r-h">{raise.heading}</h2>
            <p class="r-note">{raise.note}</p>
            {raise.groups.into_iter().map(|g| view! {
                <h3 class="r-raise-h">{g.heading}</h3>
                {g.dimensions.into_iter().map(|d| view! {
                    <div class="r-raise-dim">
                        <p class="r-raise-dim-name">{d.name}</p>
                        <ul class="r-raise-lines">
                            {d.lines.into_iter().map(|l| view! { <li>{l.text}</li> }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            }).collect_view()}
        </section>
    }
}

/// 初审意见 / 评估意见.
#[component]
fn OpinionSection(opinion: Opinion) -> impl IntoView {
    view! {
        <h2 class="r-h">{opinion.heading}</h2>
        <div class="r-opinion" data-testid="report-opinion">
            {if opinion.text.is_empty() { "(未填写)".to_string() } else { opinion.text }}
        </div>
    }
}

/// The lines to sign.
#[component]
fn SignaturesSection(lines: Vec<String>) -> impl IntoView {
    view! {
        <div class="r-sign">
            {lines.into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
        </div>
    }
}

/// 附录:指标解读说明.
#[component]
fn AppendixSection(appendix: Appendix) -> impl IntoView {
    let a = appendix;
    view! {
        <section class="r-appendix">
            <h2 class="r-h">{a.heading}</h2>
            <p>{format!("本报告依据的评估指标体系:{}。以下为本工具对原文中可能有不同理解之处的解读,评分均按此执行。", a.source)}</p>
            <dl class="r-readings">
                {a.readings.into_iter().map(|(h, t)| view! { <dt>{h}</dt><dd>{t}</dd> }).collect_view()}
            </dl>
            <p class="r-colophon">{a.colophon}</p>
        </section>
    }
}

/// 附件:佐证材料目录: a numbered table with each file's name and the start of its fingerprint.
#[component]
fn AnnexSection(annex: EvidenceAnnex) -> impl IntoView {
    view! {
        <section class="r-appendix r-annex" data-testid="report-evidence-annex">
            <h2 class="r-h">{annex.heading}</h2>
            <table class="r-table r-annex-table">
                <thead><tr>
                    <th scope="col">"编号"</th><th scope="col">"名称"</th><th scope="col">"文号或来源"</th><th scope="col">"日期"</th>
                    <th scope="col" class="num">"页数"</th><th scope="col">"文件"</th><th scope="col">"指纹"</th>
                </tr></thead>
                <tbody>
                    {annex.rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.number}</td><td>{r.title}</td><td>{r.source}</td><td>{r.date}</td>
                            <td class="num">{r.pages}</td><td>{r.file}</td><td><code>{r.fingerprint}</code></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="r-colophon">{annex.note}</p>
        </section>
    }
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

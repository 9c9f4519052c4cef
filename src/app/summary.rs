//! Live results: the panel beside every page (total, verdict with what is missing, each
//! dimension's rate against the pass line, the chart), its compact form on narrow screens, and
//! the 结果汇总 page. Everything is read from `Outcome`.

use leptos::prelude::*;

use super::chart::RateChart;
use super::files::SaveFileButton;
use super::nav::StateMark;
use super::review::use_layers;
use super::rx::{live_text, live_view};
use super::state::draft::use_draft;
use super::state::draft::OpenDraft;
use super::state::nav::{use_nav, Navigation, Page};
use crate::engine::score::outcome::Outcome;
use crate::engine::support::num::fmt;
use crate::engine::view::steps::{heading, next_step, Done, StepPlace};
use crate::engine::view::workbench::{
    achievable_note, general_problems, indicator_state, missing_texts, problem_counts, progress_text, score_of,
};

fn verdict_class(o: &Outcome) -> &'static str {
    if o.passed {
        "verdict pass"
    } else {
        "verdict fail"
    }
}

/// The verdict and exactly what is missing.
#[component]
fn Verdict(#[prop(optional)] big: bool) -> impl IntoView {
    let draft = use_draft();
    let missing = Memo::new(move |_| draft.outcome.with(missing_texts));
    view! {
        <div class=live_text(move || format!("{}{}", draft.outcome.with(verdict_class), if big { " big" } else { "" }))
            data-testid="verdict" aria-live="polite">
            <p class="verdict-word">
                <span class="verdict-label">"结论:"</span>
                <strong data-testid="verdict-word">{live_text(move || if draft.outcome.with(|o| o.passed) { "合格".into() } else { "不合格".into() })}</strong>
            </p>
            {live_view(move || {
                let m = missing.get();
                if m.is_empty() {
                    return ().into_any();
                }
                view! {
                    <ul class="missing" data-testid="missing">
                        {m.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </div>
    }
}

/// Each pass condition: the total against 85, each dimension's rate against 80%.
#[component]
fn Conditions() -> impl IntoView {
    let draft = use_draft();
    let rows = Memo::new(move |_| {
        draft.outcome.with(|o| {
            o.conditions
                .iter()
                .map(|c| {
                    let dim = o.dimensions.iter().find(|d| d.id == c.id);
                    let name = dim.map(|d| d.name.clone()).unwrap_or_else(|| "总分".into());
                    let score = match dim {
                        Some(d) => score_of(d.score, d.max),
                        None => score_of(o.total, o.max),
                    };
                    let rate = dim.map(|d| format!("{}%", d.rate_display())).unwrap_or_else(|| "—".into());
                    let result = if c.met { "达标".to_string() } else { format!("差{}分", fmt(c.missing)) };
                    (c.id.clone(), name, c.label.clone(), score, rate, c.met, result)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <table class="conditions" data-testid="conditions">
            <caption>{draft.loaded_rubric().rubric.pass_rule.text.clone()}</caption>
            <thead>
                <tr><th scope="col">"项目"</th><th scope="col">"得分"</th><th scope="col">"得分率"</th><th scope="col">"达标"</th></tr>
            </thead>
            <tbody>
                {live_view(move || rows.get().into_iter().map(|(id, name, label, score, rate, met, result)| view! {
                    <tr class:met=met data-testid=format!("cond-{id}")>
                        <th scope="row" title=label>
                            <span class="cond-name">{name}</span>
                            <span class="sr-only">{format!("({label})")}</span>
                        </th>
                        <td data-testid=format!("score-{id}")>{score}</td>
                        <td data-testid=format!("rate-{id}")>{rate}</td>
                        <td class="cond-result">
                            <span aria-hidden="true">{if met { "✓ " } else { "✗ " }}</span>{result}
                        </td>
                    </tr>
                }).collect_view().into_any())}
            </tbody>
        </table>
    }
}

/// What the user did with each draft in this visit, at which stored revision (a change since
/// makes it to do again): the summary shown, the report shown, the file saved (a context).
#[derive(Clone, Copy)]
pub struct StepMarks(RwSignal<std::collections::BTreeMap<String, [Option<u64>; 3]>>);

const SUMMARY: usize = 0;
const REPORT: usize = 1;
const FILE: usize = 2;

impl StepMarks {
    /// Provides the marks and records the pages shown (the main app's root).
    pub fn provide(draft: OpenDraft, nav: Navigation) {
        let marks = StepMarks(RwSignal::new(Default::default()));
        provide_context(marks);
        Effect::new(move |_| {
            let which = match nav.page.get() {
                Page::Summary => SUMMARY,
                Page::Report => REPORT,
                _ => return,
            };
            marks.mark(draft, which);
        });
    }

    fn mark(self, draft: OpenDraft, which: usize) {
        let Some((id, revision)) = draft.current.with(|c| c.as_ref().map(|c| (c.id.clone(), c.base.revision))) else { return };
        self.0.update(|m| m.entry(id).or_default()[which] = Some(revision));
    }

    /// The file of the open draft was saved.
    pub fn saved_file(self, draft: OpenDraft) {
        self.mark(draft, FILE);
    }

    /// What was done with the open draft since its last change (tracked).
    fn done(self, draft: OpenDraft) -> Done {
        let Some((id, revision)) = draft.current.with(|c| c.as_ref().map(|c| (c.id.clone(), c.base.revision))) else {
            return Done::default();
        };
        let marks = self.0.with(|m| m.get(&id).copied().unwrap_or_default());
        let at = |i: usize| marks[i] == Some(revision);
        Done { checked_summary: at(SUMMARY), printed: at(REPORT), saved_file: at(FILE) }
    }
}

/// The next step, beside the progress: from the state of the draft (`engine::view::steps`).
#[component]
fn NextStepLine(#[prop(optional)] with_progress: bool) -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let notices = super::state::notices::use_notices();
    let marks = use_context::<StepMarks>();
    let step = Memo::new(move |_| {
        let done = marks.map(|m| m.done(draft)).unwrap_or_default();
        draft.assessment.with(|a| draft.outcome.with(|o| next_step(o, &a.subject, done)))
    });
    let go = move |_| match step.get_untracked().place {
        StepPlace::Subject => nav.go(Page::Subject),
        StepPlace::Indicator(n) => nav.go(Page::Indicator(n)),
        StepPlace::Summary => nav.go(Page::Summary),
        StepPlace::Report => nav.go(Page::Report),
        StepPlace::SaveFile => {
            super::files::download_current(draft, notices, move || {
                if let Some(m) = marks {
                    m.saved_file(draft);
                }
            });
        }
        StepPlace::None => {}
    };
    view! {
        <p class="draft-next-step" data-testid="draft-next-step" aria-live="polite">
            {with_progress.then(|| view! { <span class="of">{live_text(move || draft.outcome.with(progress_text))}" · "</span> })}
            {live_view(move || {
                let s = step.get();
                if s.place == StepPlace::None {
                    view! { <span>{s.text}</span> }.into_any()
                } else {
                    view! { <button type="button" class="link" on:click=go>{s.text}" →"</button> }.into_any()
                }
            })}
        </p>
    }
}

/// The panel beside every page (wide screens).
#[component]
pub fn SummaryPanel() -> impl IntoView {
    let draft = use_draft();
    view! {
        <aside class="summary-panel" aria-labelledby="summary-h" data-testid="summary">
            <h2 id="summary-h">"实时结果"</h2>
            <super::review::LayerPanel/>
            <p class="total-line">
                "总分 "<strong data-testid="total">{live_text(move || draft.outcome.with(|o| fmt(o.total)))}</strong>
                <span class="of">{live_text(move || draft.outcome.with(|o| format!("/{}分", fmt(o.max))))}</span>
            </p>
            <p class="achievable" data-testid="achievable">{live_text(move || draft.outcome.with(achievable_note))}</p>
            <Verdict/>
            <Conditions/>
            <RateChart/>
            <p class="progress" data-testid="progress">
                {live_text(move || draft.outcome.with(progress_text))}
                <span class="problem-count">{live_text(move || draft.assessment.with(|a| draft.outcome.with(|o| problem_counts(o, &a.subject))).map(|t| format!(" · {t}")).unwrap_or_default())}</span>
            </p>
            <NextStepLine/>
        </aside>
    }
}

/// The same on narrow screens: one block above the page, details on 结果汇总.
#[component]
pub fn CompactSummary() -> impl IntoView {
    let l = use_layers();
    view! {
        <div class="compact-summary" data-testid="compact-summary">
            <p class="compact-total">
                {move || format!("{}总分 ", l.shown_label())}<strong>{live_text(move || l.with_shown(|o| fmt(o.total)))}</strong>
                {live_text(move || l.with_shown(|o| format!("/{}", fmt(o.max))))}
                <span class=live_text(move || l.with_shown(verdict_class).into())>
                    {live_text(move || if l.with_shown(|o| o.passed) { "合格".into() } else { "不合格".into() })}
                </span>
            </p>
            <ul class="compact-dims">
                {live_view(move || l.with_shown(|o| o.dimensions.iter().map(|d| view! {
                    <li class=if d.passed { "ok" } else { "" }>{format!("{} {}%", d.name, d.rate_display())}</li>
                }).collect_view().into_any()))}
            </ul>
            <p class="compact-missing">{live_text(move || l.with_shown(missing_texts).join(";"))}</p>
            <NextStepLine with_progress=true/>
        </div>
    }
}

/// 结果汇总: the verdict, every indicator's score, every problem.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let rubric = &draft.loaded_rubric().rubric;
    let problems = Memo::new(move |_| {
        draft.outcome.with(|o| {
            o.problems
                .iter()
                .map(|p| (p.is_error(), p.location.to_string(), p.message.clone(), p.location.indicator, p.location.section.clone()))
                .collect::<Vec<_>>()
        })
    });
    let general = Memo::new(move |_| draft.outcome.with(|o| general_problems(o).len()));
    view! {
        <section class="page-section summary-page" aria-labelledby="page-heading" data-testid="summary-page">
            <h2 id="page-heading" tabindex="-1">"结果汇总"</h2>
            <div class="summary-top">
                <div>
                    <p class="total-line big">
                        "总分 "<strong data-testid="summary-total">{live_text(move || draft.outcome.with(|o| fmt(o.total)))}</strong>
                        {live_text(move || draft.outcome.with(|o| format!("/{}分", fmt(o.max))))}
                    </p>
                    <p class="achievable">{live_text(move || draft.outcome.with(achievable_note))}</p>
                    <Verdict big=true/>
                </div>
                <SaveFileButton/>
            </div>
            <super::review::LayerSection/>
            <super::raise::RaisePath/>
            <super::raise::Unevidenced/>
            <h3>"各指标得分"</h3>
            <div class="table-wrap">
                <table class="score-table" data-testid="score-table">
                    <thead>
                        <tr><th scope="col">"编号"</th><th scope="col">"二级指标"</th><th scope="col">"得分/分值"</th><th scope="col">"填写情况"</th></tr>
                    </thead>
                    {rubric.dimensions.iter().map(|d| {
                        let did = d.id.clone();
                        let dim = live_text(move || draft.outcome.with(|o| o.dimensions.iter().find(|x| x.id == did)
                            .map(|x| format!("{} · 得分率{}%", score_of(x.score, x.max), x.rate_display())).unwrap_or_default()));
                        view! {
                            <tbody>
                                <tr class="dim-row">
                                    <th scope="rowgroup" colspan="2">{d.name.clone()}</th>
                                    <td colspan="2">{dim}</td>
                                </tr>
                                {d.indicators.iter().map(|i| {
                                    let n = i.number;
                                    let st = Memo::new(move |_| draft.outcome.with(|o| o.indicator(n).map(indicator_state).unwrap_or(("", ""))));
                                    view! {
                                        <tr>
                                            <td>{n}</td>
                                            <td><button type="button" class="link" on:click=move |_| nav.go(Page::Indicator(n))>{heading(&i.title).to_string()}</button></td>
                                            <td data-testid=format!("summary-ind-{n}")>
                                                {live_text(move || draft.outcome.with(|o| o.indicator(n).map(|r| score_of(r.score, r.max)).unwrap_or_default()))}
                                            </td>
                                            <td class="state-cell"><StateMark state=Signal::derive(move || st.get())/><span class="state-words" aria-hidden="true">{live_text(move || st.get().1.into())}</span></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        }
                    }).collect_view()}
                </table>
            </div>
            <h3>"需要处理的问题"</h3>
            {live_view(move || {
                let ps = problems.get();
                if ps.is_empty() {
                    view! { <p class="hint" data-testid="no-problems">"没有发现问题。"</p> }.into_any()
                } else {
                    view! {
                        <ul class="problem-list" data-testid="problem-list">
                            {ps.into_iter().map(|(err, loc, msg, ind, section)| view! {
                                <li class=if err { "problem error" } else { "problem warning" }>
                                    <span class="tag">{if err { "错误" } else { "提示" }}</span>
                                    {match (ind, section.as_deref()) {
                                        (Some(n), _) => view! {
                                            <button type="button" class="link" on:click=move |_| nav.go(Page::Indicator(n))>{loc}</button>
                                        }.into_any(),
                                        (None, Some("subject")) => view! {
                                            <button type="button" class="link" on:click=move |_| nav.go(Page::Subject)>{loc}</button>
                                        }.into_any(),
                                        _ => view! { <span>{loc}</span> }.into_any(),
                                    }}
                                    ":"{msg}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
            {live_view(move || if general.get() > 0 {
                view! {
                    <p class="hint">"以上“文件”类问题来自打开的文件中本指标体系没有的输入;这些输入原样保留,但不计分。"</p>
                }.into_any()
            } else {
                ().into_any()
            })}
            <h3>"图表"</h3>
            <RateChart/>
        </section>
    }
}

//! 创建流程: the stages of the 管理办法 (第七条–第十六条) with their dates, documents and notes; the
//! periods that follow (第九条 creation period, 第十五条 公示); what comes next and when; the
//! evaluation results (第十四条, 第十七条); and, for a recognised zone, dynamic management
//! (第二十二条). Every date, period, check and next step is read from
//! `engine::process::timeline`; this page only edits what was typed, as typed.

use super::banfa::banfa_text;
use crate::engine::model::banfa::ArticleKind;
use crate::engine::rubric::banfa::banfa_or_legacy;
use leptos::prelude::*;

use super::browser;
use super::eligibility::eligibility_memo;
use super::nav::SectionLink;
use super::rx::{live_text, live_view};
use super::state::draft::{use_draft, OpenDraft};
use super::state::nav::{use_nav, Page};
use super::controls::{plain, select, Choice, SelectSpec};
use super::widgets::{setter, ProblemList, Problems, Setter};
use crate::engine::model::edit::{AttemptField, Edit, EventField, StageField};
use crate::engine::model::process::{EventKind, Measure, Stage};
use crate::engine::process::timeline::{timeline, TimelineView};
use crate::engine::support::dates::Date;
use crate::engine::support::problem::Problem;
use crate::engine::view::process::{
    attempt_label, eligibility_nav_state, event_kind_choice, event_record_label, next_due_text, next_heading,
    shows_management, stage_mark, timeline_nav_state,
};

/// Today's date from the browser's clock (the engine has none).
pub fn today() -> Option<Date> {
    Date::parse(&browser::today()).ok()
}

/// The timeline of the open draft as of today (`None` only when the browser's clock cannot be read).
pub fn timeline_memo(draft: OpenDraft) -> Memo<Option<TimelineView>> {
    let today = today();
    Memo::new(move |_| {
        let today = today?;
        Some(draft.assessment.with(|a| timeline(&a.process, &a.subject, banfa_or_legacy(a), today)))
    })
}

fn problems_of(ps: &[Problem]) -> Problems {
    ps.iter().map(|p| (p.is_error(), p.message.clone())).collect()
}

fn has_error(p: Signal<Problems>) -> Signal<String> {
    live_text(move || p.with(|p| p.iter().any(|x| x.0)).to_string())
}

// ---------------------------------------------------------------------------------------------
// Navigation

/// The 创建流程 group of the navigation: 申请条件 and 创建流程, each with its state.
#[component]
pub fn ProcessNav(go: Callback<Page>) -> impl IntoView {
    let draft = use_draft();
    let eligibility = eligibility_memo(draft);
    let tl = timeline_memo(draft);
    let e_state = Signal::derive(move || eligibility.with(eligibility_nav_state));
    let t_state = Signal::derive(move || tl.with(|t| t.as_ref().map(timeline_nav_state).unwrap_or(("", ""))));
    view! {
        <li class="nav-group nav-process">
            <p class="nav-dim"><span class="nav-dim-name">"创建流程"</span></p>
            <ul>
                <SectionLink page=Page::Eligibility testid="nav-eligibility" sign="§" title="申请条件" go=go state=e_state/>
                <SectionLink page=Page::Process testid="nav-process" sign="§" title="创建与认定" go=go state=t_state/>
            </ul>
        </li>
    }
}

// ---------------------------------------------------------------------------------------------
// Stages

fn stage_value(draft: OpenDraft, stage: Stage, field: StageField) -> Signal<String> {
    live_text(move || draft.assessment.with(|a| a.process.record(stage).map(|r| field.of(r).to_string()).unwrap_or_default()))
}

fn set_stage(draft: OpenDraft, stage: Stage, field: StageField) -> Setter {
    setter(move |value| {
        draft.dispatch(Edit::SetStageText { stage, field, value });
    })
}

/// A text field of a record (a stage, an evaluation result, a dynamic-management record), as
/// typed. A date has `date`: whether it is wrong and what describes it (its problems, a hint);
/// it gets the numeric keyboard and shows its format.
fn record_field(
    class: &'static str,
    id: String,
    testid: String,
    label: &'static str,
    value: Signal<String>,
    set: Setter,
    date: Option<(Signal<String>, String)>,
) -> AnyView {
    let is_date = date.is_some();
    let (invalid, described) = date.unzip();
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            <input id=id type="text" inputmode=is_date.then_some("numeric") autocomplete="off"
                placeholder=is_date.then_some("YYYY-MM-DD") data-testid=testid aria-invalid=invalid aria-describedby=described
                prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
        </div>
    }
    .into_any()
}

/// The creation period that follows from 总局同意创建 (第九条).
fn creation_box(draft: OpenDraft, tl: Memo<Option<TimelineView>>) -> AnyView {
    let creation = Memo::new(move |_| tl.with(|t| t.as_ref().and_then(|t| t.creation.clone())));
    live_view(move || match creation.get() {
        Some(c) => view! {
            <div class=if c.outside_bounds { "period longer" } else { "period" } data-testid="creation-period">
                <p class="period-title">{banfa_text(draft, |b| format!("创建期({})", b.stage_cite(Stage::Approved)))}</p>
                <p>{c.text.clone()}</p>
                <p class="period-end">
                    "届满日:"<strong data-testid="creation-end">{c.end.to_string()}</strong>
                    <span class="period-note">{format!("({})", c.note)}</span>
                    {c.outside_bounds.then(|| view! {
                        <span class="flag" data-testid="creation-longer">"不符合创建期规定"</span>
                    })}
                </p>
            </div>
        }
        .into_any(),
        None => view! {
            <p class="hint">{banfa_text(draft, |b| format!("记录“总局同意创建”的日期后,这里显示创建期的起止({}:{})。", b.creation_period.cite, b.creation_period.text))}</p>
        }
        .into_any(),
    })
    .into_any()
}

/// The 公示 period that follows from the notice date (第十五条).
fn notice_box(draft: OpenDraft, tl: Memo<Option<TimelineView>>) -> AnyView {
    let notice = Memo::new(move |_| tl.with(|t| t.as_ref().and_then(|t| t.notice.clone())));
    live_view(move || match notice.get() {
        Some(n) => view! {
            <div class="period" data-testid="notice-period">
                <p class="period-title">{banfa_text(draft, |b| format!("公示期({})", b.cite(ArticleKind::Notice)))}</p>
                <p>{n.text.clone()}</p>
                <p class="period-end">
                    "期满日:"<strong data-testid="notice-end">{n.end.to_string()}</strong>
                    <span class="period-note" data-testid="notice-note">{format!("({})", n.note)}</span>
                </p>
            </div>
        }
        .into_any(),
        None => ().into_any(),
    })
    .into_any()
}

fn stage_card(draft: OpenDraft, tl: Memo<Option<TimelineView>>, stage: Stage) -> AnyView {
    let sid = stage.id();
    let mark = Memo::new(move |_| tl.with(|t| t.as_ref().map(|t| stage_mark(t, stage)).unwrap_or(("stage-pending", ""))));
    let problems: Signal<Problems> =
        Signal::derive(move || tl.with(|t| t.as_ref().map(|t| problems_of(&t.stage(stage).problems)).unwrap_or_default()));
    let date_id = format!("stage-{sid}-date");
    let doc_id = format!("stage-{sid}-doc");
    let note_id = format!("stage-{sid}-note");
    let hint_id = format!("stage-{sid}-h");
    let problems_id = format!("stage-{sid}-p");
    let heading_id = format!("stage-{sid}-title");
    let extra = match stage {
        Stage::Approved => creation_box(draft, tl),
        Stage::Notice => notice_box(draft, tl),
        Stage::NationalEvaluation => attempts_block(draft, tl),
        _ => ().into_any(),
    };
    view! {
        <li class=live_text(move || format!("stage {}", mark.get().0)) data-testid=format!("stage-{sid}")>
            <div class="stage-head">
                <h3 id=heading_id>{stage.label()}<span class="stage-article">{live_text(move || draft.assessment.with(|a| banfa_or_legacy(a).stage_cite(stage).to_string()))}</span></h3>
                <span class="stage-mark" data-testid=format!("mark-{sid}")>{live_text(move || mark.get().1.to_string())}</span>
            </div>
            <div class="stage-fields">
                {record_field("field stage-date", date_id, format!("date-{sid}"), "日期", stage_value(draft, stage, StageField::Date),
                    set_stage(draft, stage, StageField::Date), Some((has_error(problems), format!("{problems_id} {hint_id}"))))}
                // Beside the date on a phone; under the row of fields on a wide screen.
                <div class="stage-date-notes">
                    <p class="hint" id=hint_id>{stage.date_hint()}</p>
                    <ProblemList id=problems_id problems=problems/>
                </div>
                {record_field("field stage-doc", doc_id, format!("doc-{sid}"), "文件(文号或名称)",
                    stage_value(draft, stage, StageField::Document), set_stage(draft, stage, StageField::Document), None)}
                {record_field("field stage-note", note_id, format!("note-{sid}"), "备注",
                    stage_value(draft, stage, StageField::Note), set_stage(draft, stage, StageField::Note), None)}
            </div>
            {extra}
        </li>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// Evaluation attempts (第十四条, 第十七条)

fn attempt_row(draft: OpenDraft, tl: Memo<Option<TimelineView>>, i: usize) -> AnyView {
    let problems: Signal<Problems> =
        Signal::derive(move || tl.with(|t| t.as_ref().map(|t| problems_of(t.attempt_problems(i))).unwrap_or_default()));
    let label = live_text(move || tl.with(|t| t.as_ref().map(|t| attempt_label(t, i)).unwrap_or_default()));
    let get = move |field: AttemptField| {
        live_text(move || draft.assessment.with(|a| a.process.attempts.get(i).map(|x| field.of(x).to_string()).unwrap_or_default()))
    };
    let set = move |field: AttemptField| {
        setter(move |value| {
            draft.dispatch(Edit::SetAttemptText { attempt: i, field, value });
        })
    };
    let passed = Memo::new(move |_| {
        let passed = draft.assessment.with(|a| a.process.attempts.get(i).and_then(|x| x.passed));
        passed.map(|p| if p { "pass" } else { "fail" }).unwrap_or_default().to_string()
    });
    let date_id = format!("attempt-{i}-date");
    let result_id = format!("attempt-{i}-result");
    let note_id = format!("attempt-{i}-note");
    let problems_id = format!("attempt-{i}-p");
    view! {
        <fieldset class="record attempt" data-testid=format!("attempt-{i}")>
            <legend data-testid=format!("attempt-{i}-label")>{label}</legend>
            {record_field("field", date_id.clone(), date_id, "评估结果日期", get(AttemptField::Date), set(AttemptField::Date),
                Some((has_error(problems), problems_id.clone())))}
            <div class="field">
                <label for=result_id.clone()>"评估结果"</label>
                {select(SelectSpec {
                    placeholder: "— 尚无结果 —",
                    ..SelectSpec::new(result_id.clone(), result_id.clone(), passed.into(),
                        Signal::stored(plain(vec![Choice::new("pass", "通过"), Choice::new("fail", "未通过")])),
                        setter(move |v: String| {
                            let passed = match v.as_str() { "pass" => Some(true), "fail" => Some(false), _ => None };
                            draft.dispatch(Edit::SetAttemptResult { attempt: i, passed });
                        }))
                })}
            </div>
            {record_field("field record-note", note_id.clone(), note_id, "备注", get(AttemptField::Note), set(AttemptField::Note), None)}
            <button type="button" class="btn small danger-text" data-testid=format!("attempt-{i}-remove")
                on:click=move |_| { draft.dispatch(Edit::RemoveAttempt { attempt: i }); }>
                "删除"
            </button>
            <ProblemList id=problems_id problems=problems/>
        </fieldset>
    }
    .into_any()
}

fn attempts_block(draft: OpenDraft, tl: Memo<Option<TimelineView>>) -> AnyView {
    let count = Memo::new(move |_| draft.assessment.with(|a| a.process.attempts.len()));
    let message = Memo::new(move |_| tl.with(|t| t.as_ref().and_then(|t| t.evaluation.message.clone())));
    // What may be done after the latest failure: one way, or both for the creation object to choose.
    let options = Memo::new(move |_| {
        let labels = |t: &TimelineView| draft.assessment.with(|a| {
            let b = banfa_or_legacy(a);
            t.evaluation.options.iter().map(|o| o.label(b)).collect::<Vec<_>>()
        });
        tl.with(|t| t.as_ref().map(labels).unwrap_or_default())
    });
    view! {
        <div class="attempts" data-testid="attempts">
            <p class="period-title">{live_text(move || draft.assessment.with(|a| {
                let b = banfa_or_legacy(a);
                format!("评估结果({}、{})", b.cite(ArticleKind::Evaluation), b.cite(ArticleKind::Retry))
            }))}</p>
            <p class="hint" data-testid="retry-rule">{live_text(move || draft.assessment.with(|a| {
                let b = banfa_or_legacy(a);
                let rule = b.article(ArticleKind::Retry).map(|r| format!("{}:“{}”(来源:{})", r.cite, r.text, r.text_from)).unwrap_or_default();
                format!("市场监管总局每次评估的结果记一条。{rule}")
            }))}</p>
            {live_view(move || (0..count.get()).map(|i| attempt_row(draft, tl, i)).collect::<Vec<_>>().into_any())}
            <button type="button" class="btn small" data-testid="add-attempt"
                on:click=move |_| { draft.dispatch(Edit::AddAttempt); }>"+ 添加评估结果"</button>
            {live_view(move || match message.get() {
                Some(m) => view! { <p class="article17" data-testid="evaluation-message" role="status">{m}</p> }.into_any(),
                None => ().into_any(),
            })}
            {live_view(move || {
                let list = options.get();
                if list.is_empty() {
                    return ().into_any();
                }
                let heading = if list.len() > 1 { "可选择的下一步(由创建对象选择其一):" } else { "下一步:" };
                view! {
                    <div class="retry-options" data-testid="retry-options">
                        <p>{heading}</p>
                        <ul>{list.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            })}
        </div>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// Dynamic management (第二十二条)

fn event_row(draft: OpenDraft, tl: Memo<Option<TimelineView>>, i: usize) -> AnyView {
    let problems: Signal<Problems> =
        Signal::derive(move || tl.with(|t| t.as_ref().map(|t| problems_of(t.event_problems(i))).unwrap_or_default()));
    let get = move |field: EventField| {
        live_text(move || draft.assessment.with(|a| a.process.events.get(i).map(|x| field.of(x).to_string()).unwrap_or_default()))
    };
    let set = move |field: EventField| {
        setter(move |value| {
            draft.dispatch(Edit::SetEventText { event: i, field, value });
        })
    };
    let kind = Memo::new(move |_| draft.assessment.with(|a| a.process.events.get(i).and_then(|x| x.kind).map(|k| k.id()).unwrap_or("").to_string()));
    let measure =
        Memo::new(move |_| draft.assessment.with(|a| a.process.events.get(i).and_then(|x| x.measure).map(|m| m.id()).unwrap_or("").to_string()));
    let kinds = plain(
        EventKind::ALL.into_iter().map(|k| Choice { title: Some(k.text().into()), ..Choice::new(k.id(), event_kind_choice(k)) }).collect(),
    );
    let measures = plain(Measure::ALL.into_iter().map(|m| Choice::new(m.id(), m.label())).collect());
    let ids = |what: &str| format!("event-{i}-{what}");
    let problems_id = ids("p");
    view! {
        <fieldset class="record event" data-testid=format!("event-{i}")>
            <legend>{event_record_label(i)}</legend>
            {record_field("field ev-date", ids("date"), ids("date"), "日期", get(EventField::Date), set(EventField::Date),
                Some((has_error(problems), problems_id.clone())))}
            <div class="field ev-kind">
                <label for=ids("kind")>{banfa_text(draft, |b| format!("情形({})", b.cite(ArticleKind::Management)))}</label>
                {select(SelectSpec::new(ids("kind"), ids("kind"), kind.into(), Signal::stored(kinds), setter(move |v: String| {
                    let kind = EventKind::ALL.into_iter().find(|k| k.id() == v);
                    draft.dispatch(Edit::SetEventKind { event: i, kind });
                })))}
            </div>
            <div class="field ev-measure">
                <label for=ids("measure")>"措施"</label>
                {select(SelectSpec::new(ids("measure"), ids("measure"), measure.into(), Signal::stored(measures),
                    setter(move |v: String| {
                        let measure = Measure::ALL.into_iter().find(|m| m.id() == v);
                        draft.dispatch(Edit::SetEventMeasure { event: i, measure });
                    })))}
            </div>
            {record_field("field ev-doc", ids("doc"), ids("doc"), "文件(文号或名称)", get(EventField::Document), set(EventField::Document), None)}
            {record_field("field ev-note", ids("note"), ids("note"), "备注", get(EventField::Note), set(EventField::Note), None)}
            <button type="button" class="btn small danger-text ev-remove" data-testid=ids("remove")
                on:click=move |_| { draft.dispatch(Edit::RemoveEvent { event: i }); }>
                "删除"
            </button>
            <ProblemList id=problems_id problems=problems/>
        </fieldset>
    }
    .into_any()
}

fn management_section(draft: OpenDraft, tl: Memo<Option<TimelineView>>) -> AnyView {
    let shows = Memo::new(move |_| tl.with(|t| t.as_ref().is_some_and(shows_management)));
    let count = Memo::new(move |_| draft.assessment.with(|a| a.process.events.len()));
    live_view(move || {
        if !shows.get() {
            return view! {
                <p class="hint management-hint">{banfa_text(draft, |b| format!("认定为示范区后,可在此记录{}动态管理(约谈、警示、取消示范区资格)。", b.cite(ArticleKind::Management)))}</p>
            }
            .into_any();
        }
        view! {
            <section class="management" aria-labelledby="management-h" data-testid="management">
                <h3 id="management-h">{banfa_text(draft, |b| format!("动态管理({})", b.cite(ArticleKind::Management)))}</h3>
                <details class="seed">
                    <summary>{banfa_text(draft, |b| format!("{}:示范区有下列情形之一的,市场监管总局将根据情节轻重予以约谈、警示,直至取消其示范区资格", b.cite(ArticleKind::Management)))}</summary>
                    <ul class="seed-list">
                        {EventKind::ALL.into_iter().map(|k| view! { <li>{format!("{}{}", k.number(), k.text())}</li> }).collect_view()}
                    </ul>
                </details>
                {live_view(move || (0..count.get()).map(|i| event_row(draft, tl, i)).collect::<Vec<_>>().into_any())}
                <button type="button" class="btn small" data-testid="add-event"
                    on:click=move |_| { draft.dispatch(Edit::AddEvent); }>"+ 添加动态管理记录"</button>
            </section>
        }
        .into_any()
    })
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The page

#[component]
pub fn ProcessPage() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let tl = timeline_memo(draft);
    let eligibility = eligibility_memo(draft);
    let next = Memo::new(move |_| tl.with(|t| t.as_ref().map(|t| t.next.clone())));
    let status = live_text(move || tl.with(|t| t.as_ref().map(|t| t.status.text.clone()).unwrap_or_default()));
    let today_text = live_text(move || tl.with(|t| t.as_ref().map(|t| t.today.to_string()).unwrap_or_default()));
    view! {
        <section class="page-section process-page" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1">"创建流程"</h2>
            <p class="intro">
                {banfa_text(draft, |b| format!(
                    "按《管理办法》{}至{}记录创建与认定各阶段的日期、文件和备注。日期写作",
                    b.stage_cite(Stage::Apply),
                    b.stage_cite(Stage::Recognised)
                ))}
                <span class="nowrap">"YYYY-MM-DD"</span>"(如"<span class="nowrap">"2025-05-05"</span>")。"
                "创建期、公示期和下一步由程序按《民法典》第二百零一条、第二百零二条计算;未计入法定节假日。"
            </p>
            <div class="next-step" data-testid="next-step" role="status" aria-live="polite">
                {live_view(move || match next.get() {
                    None => view! {
                        <p class="problem error">"无法读取本机日期,无法计算下一步。"</p>
                    }.into_any(),
                    Some(None) => view! {
                        <p class="next-heading" data-testid="next-heading">"无下一步"</p>
                    }.into_any(),
                    Some(Some(n)) => view! {
                        <p class="next-heading" data-testid="next-heading">{draft.assessment.with(|a| next_heading(&n, banfa_or_legacy(a)))}</p>
                        <p class="next-text" data-testid="next-text">{n.text.clone()}</p>
                        {next_due_text(&n).map(|d| view! { <p class="next-due" data-testid="next-due">{d}</p> })}
                    }.into_any(),
                })}
                <p class="zone-status" data-testid="zone-status">{status}</p>
                <p class="next-today">"今天:"{today_text}</p>
            </div>
            <p class="eligibility-line" data-testid="process-eligibility">
                {live_text(move || eligibility.with(|r| format!("申请条件:{}。", r.summary)))}
                <button type="button" class="link" on:click=move |_| nav.go(Page::Eligibility)>"查看申请条件"</button>
            </p>
            <ol class="stages">
                {Stage::ALL.into_iter().map(|s| stage_card(draft, tl, s)).collect::<Vec<_>>()}
            </ol>
            {management_section(draft, tl)}
            <div class="pager">
                <button type="button" class="btn" data-testid="prev-page" on:click=move |_| nav.go(Page::Eligibility)>"← 申请条件"</button>
                {draft.loaded_rubric().rubric.indicators().next().map(|first| {
                    let n = first.number;
                    view! {
                        <button type="button" class="btn primary" data-testid="next-page" on:click=move |_| nav.go(Page::Indicator(n))>
                            {format!("指标{n} →")}
                        </button>
                    }
                })}
            </div>
        </section>
    }
}

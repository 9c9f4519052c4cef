//! 申请条件: the creation object of 第五条 (from 基本情况) and the three conditions of 第六条, each
//! answered 符合 / 不符合 / 未判断 with its basis. What is missing and the result are the engine's
//! (`engine::process::check_eligibility`).

use super::banfa::banfa_text;
use crate::engine::model::banfa::ArticleKind;
use leptos::prelude::*;

use super::rx::{live_flag, live_text, live_view};
use super::state::draft::{use_draft, OpenDraft};
use super::state::nav::{use_nav, Page};
use super::controls::text_area;
use super::widgets::{setter, ProblemList, Problems};
use crate::engine::model::edit::Edit;
use crate::engine::model::process::EligibilityCondition;
use crate::engine::process::eligibility::{check_eligibility, EligibilityConditionView, EligibilityResult};
use crate::engine::rubric::banfa::banfa_or_legacy;
use crate::engine::view::process::eligibility_class;

/// The eligibility of the open draft, recomputed when it changes.
pub fn eligibility_memo(draft: OpenDraft) -> Memo<EligibilityResult> {
    Memo::new(move |_| draft.assessment.with(|a| check_eligibility(&a.subject, &a.process.eligibility, banfa_or_legacy(a))))
}

/// The three answers a condition can have: (value, id for tests, label).
const CHOICES: [(Option<bool>, &str, &str); 3] = [(Some(true), "yes", "符合"), (Some(false), "no", "不符合"), (None, "unknown", "未判断")];

fn condition_card(draft: OpenDraft, result: Memo<EligibilityResult>, c: EligibilityCondition) -> AnyView {
    let cid = c.id();
    let met = Memo::new(move |_| draft.assessment.with(|a| a.process.eligibility.answer(c).met));
    let basis = live_text(move || draft.assessment.with(|a| a.process.eligibility.answer(c).basis.clone()));
    let problems: Signal<Problems> =
        Signal::derive(move || result.with(|r| r.condition_problem(c).into_iter().collect()));
    // The condition's words, from the 办法 the draft is under (`rules/banfa-*.json`).
    let words = move |f: fn(&EligibilityConditionView) -> String| {
        live_text(move || result.with(|r| r.conditions.iter().find(|v| v.condition == c).map(f).unwrap_or_default()))
    };
    let basis_id = format!("cond-{cid}-basis");
    let problems_id = format!("cond-{cid}-p");
    let choices = CHOICES
        .into_iter()
        .map(|(value, key, label)| {
            view! {
                <label class=live_text(move || if met.get() == value { "choice selected".into() } else { "choice".into() })>
                    <input type="radio" name=format!("cond-{cid}") value=key data-testid=format!("cond-{cid}-{key}")
                        prop:checked=live_flag(move || met.get() == value)
                        on:change=move |_| { draft.dispatch(Edit::SetConditionMet { condition: c, met: value }); }/>
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="condition" data-testid=format!("cond-{cid}")>
            <legend><span class="cond-number">{words(|v| v.number.clone())}</span>{words(|v| v.title.clone())}</legend>
            <p class="seed-quote">{words(|v| v.text.clone())}</p>
            <div class="choices" aria-describedby=problems_id.clone()>{choices}</div>
            {text_area("field", basis_id.clone(), basis_id, "依据".into(), "3", "写明判断的依据:规划、政策文件、数据、工作举措等", basis,
                setter(move |text| {
                    draft.dispatch(Edit::SetConditionBasis { condition: c, text });
                }))}
            <ProblemList id=problems_id problems=problems/>
        </fieldset>
    }
    .into_any()
}

#[component]
pub fn EligibilityPage() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let result = eligibility_memo(draft);
    let object = Memo::new(move |_| result.with(|r| r.object.clone()));
    let subject_name = Memo::new(move |_| draft.assessment.with(|a| a.subject.name.trim().to_string()));
    let status_class = live_text(move || result.with(|r| eligibility_class(r).to_string()));
    let lists = Memo::new(move |_| result.with(|r| (r.missing.clone(), r.unmet.clone())));
    view! {
        <section class="page-section eligibility-page" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1">"申请条件"</h2>
            <p class="intro">
                {banfa_text(draft, |b| format!(
                    "对照《管理办法》{}(创建对象)和{}(申请创建条件),判断是否可以按{}申请创建示范区。",
                    b.cite(ArticleKind::Objects),
                    b.cite(ArticleKind::Conditions),
                    b.cite(ArticleKind::Apply)
                ))}
                "三项条件逐项选择“符合”或“不符合”,并写明依据;三项都符合且都有依据,才可以申请。"
            </p>

            <h3>{banfa_text(draft, |b| b.article(ArticleKind::Objects).map(|a| format!("{} {}", a.cite, a.title)).unwrap_or_default())}</h3>
            <p class="seed-quote">{banfa_text(draft, |b| b.article(ArticleKind::Objects).map(|a| a.text.clone()).unwrap_or_default())}</p>
            <div class="object-line" data-testid="eligibility-object">
                {live_view(move || match object.get() {
                    Some(o) => view! {
                        <p>
                            "本自评的创建对象:"
                            <strong>{move || subject_name.get()}</strong>
                            {format!("({o})")}
                        </p>
                    }.into_any(),
                    None => view! {
                        <p class="problem warning">
                            <span class="tag">"提示"</span>
                            "尚未选择创建对象类型。"
                            <button type="button" class="link" data-testid="goto-subject" on:click=move |_| nav.go(Page::Subject)>
                                "到“基本情况”中选择"
                            </button>
                        </p>
                    }.into_any(),
                })}
            </div>

            <h3>{banfa_text(draft, |b| b.article(ArticleKind::Conditions).map(|a| format!("{} {}", a.cite, a.title)).unwrap_or_default())}</h3>
            {EligibilityCondition::ALL.into_iter().map(|c| condition_card(draft, result, c)).collect::<Vec<_>>()}

            <div class=status_class data-testid="eligibility-result" role="status" aria-live="polite">
                <p class="eligibility-summary" data-testid="eligibility-summary">{live_text(move || result.with(|r| r.summary.clone()))}</p>
                {live_view(move || {
                    let (missing, unmet) = lists.get();
                    view! {
                        {(!unmet.is_empty()).then(|| view! {
                            <ul class="unmet" data-testid="eligibility-unmet">
                                {unmet.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                            </ul>
                        })}
                        {(!missing.is_empty()).then(|| view! {
                            <div>
                                <p class="missing-title">"还缺:"</p>
                                <ul class="missing" data-testid="eligibility-missing">
                                    {missing.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                                </ul>
                            </div>
                        })}
                    }
                    .into_any()
                })}
            </div>

            <div class="pager">
                <button type="button" class="btn" data-testid="prev-page" on:click=move |_| nav.go(Page::Subject)>"← 基本情况"</button>
                <button type="button" class="btn primary" data-testid="next-page" on:click=move |_| nav.go(Page::Process)>"创建流程 →"</button>
            </div>
        </section>
    }
}

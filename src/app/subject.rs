//! 基本情况: the creation object (第五条), its province (and so its region for indicator 3) and
//! its creation period (第九条).

use leptos::prelude::*;

use super::rx::{dv, fl, tx};
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use super::widgets::{ProblemList, Problems};
use crate::engine::model::assessment::SubjectKind;
use crate::engine::model::edit::Edit;
use crate::engine::view::workbench::{
    period_length_choices, period_length_label, period_text, region_note, start_year_choices, subject_problems,
};

#[component]
pub fn SubjectPage() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let rubric = &draft.loaded_rubric().rubric;
    let probs = move |field: &'static str| {
        Signal::derive(move || {
            draft.outcome.with(|o| subject_problems(o, field).into_iter().map(|p| (p.is_error(), p.message.clone())).collect::<Problems>())
        })
    };
    let invalid = move |field: &'static str| tx(move || probs(field).with(|p| p.iter().any(|x| x.0)).to_string());
    let name = tx(move || draft.assessment.with(|a| a.subject.name.clone()));
    let kind = Memo::new(move |_| draft.assessment.with(|a| a.subject.kind));
    let province = Memo::new(move |_| draft.assessment.with(|a| a.subject.province.clone()));
    let start = Memo::new(move |_| draft.assessment.with(|a| a.subject.start_year));
    let years = Memo::new(move |_| draft.assessment.with(|a| a.subject.years));
    let max_years = rubric.process.max_creation_years;

    view! {
        <section class="page-section subject" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1">"基本情况"</h2>
            <p class="intro">
                "请填写创建对象(《管理办法》第五条)及创建期(第九条:创建活动周期一般不超过"{max_years}"年)。"
                "所在省份决定指标3中新增规模以上网络交易经营主体的地区门槛。"
            </p>
            <div class="form-grid">
                <div class="field wide">
                    <label for="subject-name">"创建对象名称"</label>
                    <input id="subject-name" type="text" autocomplete="off" data-testid="subject-name"
                        placeholder="如:杭州市、上海市浦东新区"
                        aria-invalid=invalid("创建对象名称") aria-describedby="subject-name-p"
                        prop:value=name
                        on:input=move |ev| { draft.dispatch(Edit::SetSubjectName { name: event_target_value(&ev) }); }/>
                    <ProblemList id="subject-name-p" problems=probs("创建对象名称")/>
                </div>
                <div class="field">
                    <label for="subject-kind">"创建对象类型(第五条)"</label>
                    <select id="subject-kind" data-testid="subject-kind" aria-invalid=invalid("创建对象类型")
                        aria-describedby="subject-kind-p"
                        on:change=move |ev| { draft.dispatch(Edit::SetSubjectKind { kind: SubjectKind::from_id(&event_target_value(&ev)) }); }>
                        <option value="" selected=fl(move || kind.get().is_none())>"— 请选择 —"</option>
                        {SubjectKind::ALL.into_iter().map(|k| view! {
                            <option value=k.id() selected=fl(move || kind.get() == Some(k))>{k.label()}</option>
                        }).collect_view()}
                    </select>
                    <ProblemList id="subject-kind-p" problems=probs("创建对象类型")/>
                </div>
                <div class="field">
                    <label for="subject-province">"所在省份"</label>
                    <select id="subject-province" data-testid="subject-province" aria-invalid=invalid("所在省份")
                        aria-describedby="subject-province-p subject-region"
                        on:change=move |ev| { draft.dispatch(Edit::SetProvince { province: event_target_value(&ev) }); }>
                        <option value="" selected=fl(move || province.with(|p| p.is_empty()))>"— 请选择 —"</option>
                        {dv(move || {
                            // A province not in the rubric (from a file) stays visible as typed.
                            let p = province.get();
                            if !p.is_empty() && rubric.region_of(&p).is_none() {
                                view! { <option value=p.clone() selected=true>{format!("{p}(不在列表中)")}</option> }.into_any()
                            } else {
                                ().into_any()
                            }
                        })}
                        {rubric.regions.iter().map(|r| view! {
                            <optgroup label=r.name.clone()>
                                {r.provinces.iter().map(|p| {
                                    let p1 = p.clone();
                                    view! { <option value=p.clone() selected=fl(move || province.with(|x| *x == p1))>{p.clone()}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                    <p class="hint" id="subject-region" data-testid="subject-region" aria-live="polite">
                        {tx(move || draft.assessment.with(|a| region_note(rubric, &a.subject))
                            .map(|n| format!("所属地区:{n}"))
                            .unwrap_or_else(|| "所属地区:选择省份后自动确定".into()))}
                    </p>
                    <ProblemList id="subject-province-p" problems=probs("所在省份")/>
                </div>
                <div class="field">
                    <label for="subject-start">"创建期起始年份"</label>
                    <select id="subject-start" data-testid="subject-start" aria-invalid=invalid("创建期起始年份")
                        aria-describedby="subject-start-p"
                        on:change=move |ev| { draft.dispatch(Edit::SetStartYear { year: event_target_value(&ev).parse().ok() }); }>
                        <option value="" selected=fl(move || start.get().is_none())>"— 请选择 —"</option>
                        {dv(move || start_year_choices(start.get()).into_iter().map(|y| view! {
                            <option value=y.to_string() selected=fl(move || start.get() == Some(y))>{format!("{y}年")}</option>
                        }).collect_view().into_any())}
                    </select>
                    <ProblemList id="subject-start-p" problems=probs("创建期起始年份")/>
                </div>
                <div class="field">
                    <label for="subject-years">"创建期年数"</label>
                    <select id="subject-years" data-testid="subject-years" aria-invalid=invalid("创建期年数")
                        aria-describedby="subject-years-p subject-period"
                        on:change=move |ev| { draft.dispatch(Edit::SetYears { years: event_target_value(&ev).parse().ok() }); }>
                        <option value="" selected=fl(move || years.get().is_none())>"— 请选择 —"</option>
                        {dv(move || period_length_choices(years.get()).into_iter().map(|n| view! {
                            <option value=n.to_string() selected=fl(move || years.get() == Some(n))>{period_length_label(n, max_years)}</option>
                        }).collect_view().into_any())}
                    </select>
                    <p class="hint" id="subject-period" data-testid="subject-period">
                        {tx(move || draft.assessment.with(|a| period_text(&a.subject)).map(|t| format!("创建期:{t}")).unwrap_or_default())}
                    </p>
                    <ProblemList id="subject-years-p" problems=probs("创建期年数")/>
                </div>
            </div>
            <div class="pager">
                <span></span>
                {rubric.indicators().next().map(|first| {
                    let n = first.number;
                    view! {
                        <button type="button" class="btn primary" data-testid="next-page" on:click=move |_| nav.go(Page::Indicator(n))>
                            {format!("下一步:指标{n} →")}
                        </button>
                    }
                })}
            </div>
        </section>
    }
}

//! 基本情况: the creation object (第五条), its province (and so its region for indicator 3) and
//! its creation period (第九条).

use super::banfa::banfa_text;
use super::banfa::banfa_box;
use crate::engine::model::banfa::ArticleKind;
use crate::engine::rubric::banfa::banfa_or_legacy;
use leptos::prelude::*;

use super::rx::live_text;
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use super::controls::{plain, select, Choice, Choices, SelectSpec};
use super::widgets::{not_in_list, setter, ProblemList, Problems};
use crate::engine::model::assessment::SubjectKind;
use crate::engine::model::edit::Edit;
use crate::engine::view::steps::{subject_field, FieldView, PENDING};
use crate::engine::view::workbench::{
    period_length_choices, period_length_label, period_text, region_note, start_year_choices,
};

/// The fields of 基本情况 the user has edited and left, in this visit of the page (a blank field
/// shows as an error only then: `engine::view::steps::subject_field`).
#[derive(Clone, Copy)]
struct Touched {
    edited: RwSignal<Vec<&'static str>>,
    left: RwSignal<Vec<&'static str>>,
}

impl Touched {
    fn edit(self, field: &'static str) {
        if !self.edited.with_untracked(|e| e.contains(&field)) {
            self.edited.update(|e| e.push(field));
        }
    }
    /// Left the field: touched if it was edited.
    fn leave(self, field: &'static str) {
        if self.edited.with_untracked(|e| e.contains(&field)) && !self.left.with_untracked(|l| l.contains(&field)) {
            self.left.update(|l| l.push(field));
        }
    }
    /// A choice made is an edit finished.
    fn chose(self, field: &'static str) {
        self.edit(field);
        self.leave(field);
    }
}

/// "待填写" beside a field still blank and untouched.
fn pending_mark(view: Memo<FieldView>) -> impl IntoView {
    live_text(move || if view.with(|v| v.pending) { PENDING.into() } else { String::new() })
}

/// The `<select>` value of a number chosen ("" for none).
fn number_value<T: ToString + Clone + PartialEq + Send + Sync + 'static>(n: Memo<Option<T>>) -> Memo<String> {
    Memo::new(move |_| n.with(|n| n.as_ref().map(ToString::to_string).unwrap_or_default()))
}

#[component]
pub fn SubjectPage() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let rubric = &draft.loaded_rubric().rubric;
    let touched = Touched { edited: RwSignal::new(Vec::new()), left: RwSignal::new(Vec::new()) };
    // Another draft shown on this page: nothing of it touched yet.
    let shown_id = Memo::new(move |_| draft.current.with(|c| c.as_ref().map(|c| c.id.clone())));
    Effect::new(move |prev: Option<Option<String>>| {
        let id = shown_id.get();
        if prev.is_some_and(|p| p != id) {
            touched.edited.set(Vec::new());
            touched.left.set(Vec::new());
        }
        id
    });
    let field = move |field: &'static str| {
        Memo::new(move |_| {
            let is_touched = touched.left.with(|l| l.contains(&field));
            draft.assessment.with(|a| draft.outcome.with(|o| subject_field(o, &a.subject, field, is_touched)))
        })
    };
    let views: [(&'static str, Memo<FieldView>); 5] =
        ["创建对象名称", "创建对象类型", "所在省份", "创建期起始年份", "创建期年数"].map(|f| (f, field(f)));
    let view_of = move |f: &'static str| views.iter().find(|v| v.0 == f).map(|v| v.1).unwrap_or_else(|| field(f));
    let probs = move |f: &'static str| {
        let v = view_of(f);
        Signal::derive(move || v.with(|v| v.problems.clone()) as Problems)
    };
    let invalid = move |f: &'static str| {
        let v = view_of(f);
        live_text(move || v.with(FieldView::invalid).to_string())
    };
    let pending = move |f: &'static str| {
        let v = view_of(f);
        view! { <span class="pending" data-testid="field-pending">{pending_mark(v)}</span> }
    };
    let name = live_text(move || draft.assessment.with(|a| a.subject.name.clone()));
    let kind = Memo::new(move |_| draft.assessment.with(|a| a.subject.kind.map(|k| k.id().to_string()).unwrap_or_default()));
    let kinds = plain(SubjectKind::ALL.into_iter().map(|k| Choice::new(k.id(), k.label())).collect());
    let province = Memo::new(move |_| draft.assessment.with(|a| a.subject.province.clone()));
    let regions: Choices = rubric
        .regions
        .iter()
        .map(|r| (Some(r.name.clone()), r.provinces.iter().map(|p| Choice::new(p.clone(), p.clone())).collect()))
        .collect();
    let start = Memo::new(move |_| draft.assessment.with(|a| a.subject.start_year));
    let years = Memo::new(move |_| draft.assessment.with(|a| a.subject.years));
    let banfa = Memo::new(move |_| draft.assessment.with(|a| banfa_or_legacy(a)));
    // The choices follow the value (one from a file outside the usual range is among them).
    let start_choices = Memo::new(move |_| {
        plain(start_year_choices(start.get()).into_iter().map(|y| Choice::new(y.to_string(), format!("{y}年"))).collect())
    });
    let years_choices = Memo::new(move |_| {
        plain(period_length_choices(years.get()).into_iter().map(|n| Choice::new(n.to_string(), period_length_label(n, banfa.get()))).collect())
    });

    view! {
        <section class="page-section subject" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1">"基本情况"</h2>
            <p class="intro">
                {live_text(move || {
                    let b = banfa.get();
                    format!(
                        "请填写创建对象(《管理办法》{})及创建期({}:{})。本评估适用{}。",
                        b.cite(ArticleKind::Objects),
                        b.creation_period.cite,
                        b.creation_period.text,
                        b.full_label()
                    )
                })}
                "所在省份决定增长类指标中新增规模以上网络交易经营主体的地区门槛。"
            </p>
            {banfa_box(draft)}
            <div class="form-grid">
                <div class="field wide">
                    <label for="subject-name">"创建对象名称"{pending("创建对象名称")}</label>
                    <input id="subject-name" type="text" autocomplete="off" data-testid="subject-name"
                        placeholder="如:杭州市、上海市浦东新区"
                        aria-invalid=invalid("创建对象名称") aria-describedby="subject-name-p"
                        prop:value=name
                        on:input=move |ev| {
                            touched.edit("创建对象名称");
                            draft.dispatch(Edit::SetSubjectName { name: event_target_value(&ev) });
                        }
                        on:blur=move |_| touched.leave("创建对象名称")/>
                    <ProblemList id="subject-name-p" problems=probs("创建对象名称")/>
                </div>
                <div class="field">
                    <label for="subject-kind">{banfa_text(draft, |b| format!("创建对象类型({})", b.cite(ArticleKind::Objects)))}{pending("创建对象类型")}</label>
                    {select(SelectSpec {
                        invalid: Some(invalid("创建对象类型")),
                        described_by: Some("subject-kind-p".into()),
                        ..SelectSpec::new("subject-kind".into(), "subject-kind".into(), kind.into(), Signal::stored(kinds), setter(move |v| {
                            touched.chose("创建对象类型");
                            draft.dispatch(Edit::SetSubjectKind { kind: SubjectKind::from_id(&v) });
                        }))
                    })}
                    <ProblemList id="subject-kind-p" problems=probs("创建对象类型")/>
                </div>
                <div class="field">
                    <label for="subject-province">"所在省份"{pending("所在省份")}</label>
                    // A province not in the rubric (from a file) stays visible as typed.
                    {select(SelectSpec {
                        invalid: Some(invalid("所在省份")),
                        described_by: Some("subject-province-p subject-region".into()),
                        unlisted: Some(Callback::new(not_in_list)),
                        ..SelectSpec::new("subject-province".into(), "subject-province".into(), province.into(), Signal::stored(regions),
                            setter(move |province| {
                                touched.chose("所在省份");
                                draft.dispatch(Edit::SetProvince { province });
                            }))
                    })}
                    <p class="hint" id="subject-region" data-testid="subject-region" aria-live="polite">
                        {live_text(move || draft.assessment.with(|a| region_note(rubric, &a.subject))
                            .map(|n| format!("所属地区:{n}"))
                            .unwrap_or_else(|| "所属地区:选择省份后自动确定".into()))}
                    </p>
                    <ProblemList id="subject-province-p" problems=probs("所在省份")/>
                </div>
                <div class="field">
                    <label for="subject-start">"创建期起始年份"{pending("创建期起始年份")}</label>
                    {select(SelectSpec {
                        invalid: Some(invalid("创建期起始年份")),
                        described_by: Some("subject-start-p".into()),
                        ..SelectSpec::new("subject-start".into(), "subject-start".into(), number_value(start).into(), start_choices.into(),
                            setter(move |v| {
                                touched.chose("创建期起始年份");
                                draft.dispatch(Edit::SetStartYear { year: v.parse().ok() });
                            }))
                    })}
                    <ProblemList id="subject-start-p" problems=probs("创建期起始年份")/>
                </div>
                <div class="field">
                    <label for="subject-years">"创建期年数"{pending("创建期年数")}</label>
                    {select(SelectSpec {
                        invalid: Some(invalid("创建期年数")),
                        described_by: Some("subject-years-p subject-period".into()),
                        ..SelectSpec::new("subject-years".into(), "subject-years".into(), number_value(years).into(), years_choices.into(),
                            setter(move |v| {
                                touched.chose("创建期年数");
                                draft.dispatch(Edit::SetYears { years: v.parse().ok() });
                            }))
                    })}
                    <p class="hint" id="subject-period" data-testid="subject-period">
                        {live_text(move || draft.assessment.with(|a| period_text(&a.subject)).map(|t| format!("创建期:{t}")).unwrap_or_default())}
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

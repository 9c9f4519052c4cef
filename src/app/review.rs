//! The review chain (管理办法 第十二–十四条) in the workbench: the user's role on the open draft
//! (创建对象, 省级市场监管部门, 总局评估专家), the reviewer's scoring beside the self-assessment on
//! every indicator page, the layer's result beside the self result, the overall opinion, and the
//! expert's own score sheet.
//!
//! A reviewer's layer is a `Review` in `assessment.reviews`, saved with the draft and in the file;
//! which layer a draft is worked on is remembered per draft (`engine::view::roles::layer_key`). Every
//! score, comparison and label comes from `engine::score::review`, `engine::view::roles` and
//! `engine::view::layer_compare`.

use super::banfa::banfa_text;
use crate::engine::model::banfa::ArticleKind;
use crate::engine::rubric::banfa::banfa_or_legacy;
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::browser;
use super::rx::{live_flag, live_text, live_view};
use super::state::draft::{use_draft, OpenDraft};
use super::state::nav::{use_nav, Page};
use super::state::notices::{use_notices, Level, Notices};
use super::state::port::with_engine;
use super::storage;
use super::files::offer_file;
use super::controls::{
    details_list, plain, quick_score_buttons, select, text_area, text_input, Choice, InputSpec, SelectSpec,
};
use super::widgets::{item_card, setter, ProblemList, Problems, Setter};
use crate::engine::io::file::write_file;
use crate::engine::model::edit::{review_of, Edit, ReviewField};
use crate::engine::model::review::{Method, Review, ReviewRole, Reviewer, REVIEW_SCORE_DECIMALS};
use crate::engine::model::rubric::{Indicator, Item};
use crate::engine::score::outcome::Outcome;
use crate::engine::support::dates::is_iso_date;
use crate::engine::support::num::fmt;
use crate::engine::view::layer_compare::{
    header_problems, item_problems, side_by_side, verdict_word, CompareState, Comparison,
};
use crate::engine::view::roles::{ask_role_after_open, expert_sheet, layer_key, layer_title, layers_listed, sheet_file_name, LayerChoice, WorkRole};
use crate::engine::view::workbench::verdict_line;

/// The review state of this tab: which layer of the open draft the user works on, and its
/// result (`Copy`; a context provided by the root, see [`Layers::provide`]).
#[derive(Clone, Copy)]
pub struct Layers {
    draft: OpenDraft,
    /// Layer choices made in this page load, by draft id (stored too; read from storage otherwise).
    choices: RwSignal<BTreeMap<String, LayerChoice>>,
    /// The draft the role chooser is open for.
    asking: RwSignal<Option<String>>,
    /// The layer the open draft is worked on, checked against its assessment.
    pub active: Memo<LayerChoice>,
    /// The active review layer's role and outcome (none in the self role).
    pub outcome: Memo<Option<(ReviewRole, Outcome)>>,
    /// The active review layer against the self layer.
    pub comparison: Memo<Option<Comparison>>,
    /// The report to print (none: the active layer's).
    pub report_layer: RwSignal<Option<LayerChoice>>,
}

pub fn use_layers() -> Layers {
    expect_context::<Layers>()
}

impl Layers {
    /// Creates the review state of the open draft and provides it: once when the app starts, and
    /// for each page the second module mounts.
    pub fn provide(draft: OpenDraft) -> Layers {
        let choices = RwSignal::new(BTreeMap::<String, LayerChoice>::new());
        let active = Memo::new(move |_| {
            let Some(id) = draft.current.with(|c| c.as_ref().map(|c| c.id.clone())) else { return LayerChoice::SelfLayer };
            draft.assessment.with(|a| match choices.with(|m| m.get(&id).copied()) {
                Some(c) => c.resolve(a),
                None => storage::get(&layer_key(&id)).map(|t| LayerChoice::from_tag(&t, a)).unwrap_or_default(),
            })
        });
        // Scored by the engine (`super::state::port`): nothing reads these before it is loaded.
        let outcome = Memo::new(move |_| {
            let layer = active.get();
            let rubric = draft.rubric.get();
            draft.assessment.with(|a| with_engine(|e| e.review_outcome(rubric, a, layer)).flatten())
        });
        let comparison = Memo::new(move |_| {
            outcome.with(|lo| {
                lo.as_ref().and_then(|(role, lo)| draft.outcome.with(|so| with_engine(|e| e.compare(so, lo, *role))))
            })
        });
        let l = Layers {
            draft,
            choices,
            asking: RwSignal::new(None),
            active,
            outcome,
            comparison,
            report_layer: RwSignal::new(None),
        };
        provide_context(l);
        l
    }

    /// The role of the active layer.
    pub fn role(&self) -> Option<ReviewRole> {
        self.outcome.with(|o| o.as_ref().map(|(r, _)| *r))
    }

    /// Works on `layer` of the open draft from now on (remembered for the draft).
    pub fn choose(&self, layer: LayerChoice) {
        let Some(id) = self.draft.id() else { return };
        let _ = storage::set(&layer_key(&id), &layer.tag());
        self.choices.update(|m| {
            m.insert(id, layer);
        });
        self.report_layer.set(None);
    }

    /// Runs `f` on the outcome the navigation and the compact summary show: the active review
    /// layer's in a reviewer role, the self-assessment's otherwise.
    pub fn with_shown<T>(&self, f: impl FnOnce(&Outcome) -> T) -> T {
        self.outcome.with(|lo| match lo {
            Some((_, o)) => f(o),
            None => self.draft.outcome.with(f),
        })
    }

    /// The short label of the active layer for headings ("省级初审"), empty in the self role.
    pub fn shown_label(&self) -> &'static str {
        self.role().map(|r| r.short_label()).unwrap_or("")
    }

    /// After a file is opened (as a new draft or into an existing one): ask who the user is, when
    /// that is really open (`engine::view::roles::ask_role_after_open`).
    pub fn ask_role(&self) {
        let Some(id) = self.draft.id() else { return };
        let chosen = self.choices.with_untracked(|m| m.get(&id).map(|c| c.tag())).or_else(|| storage::get(&layer_key(&id)));
        if self.draft.assessment.with_untracked(|a| ask_role_after_open(a, chosen.as_deref())) {
            self.asking.set(Some(id));
            browser::focus_id("role-chooser");
        }
    }

    /// Dispatches the edit `make` gives for the active review layer's position (none in the
    /// self role).
    fn edit(&self, make: impl FnOnce(usize) -> Edit) {
        let Some(review) = self.active.get_untracked().index() else { return };
        self.draft.dispatch(make(review));
    }

    /// What an input of the active review layer as a whole does with a new text.
    fn set_text(self, field: ReviewField) -> Setter {
        setter(move |value| self.edit(|review| Edit::SetReviewText { review, field, value }))
    }

    /// `f` of the active review layer (tracked).
    fn active_review<T>(&self, f: impl FnOnce(&Review) -> T) -> Option<T> {
        let layer = self.active.get();
        self.draft.assessment.with(|a| layer.review(a).map(f))
    }
}

// ---------------------------------------------------------------------------------------------
// The role bar and the role chooser
// ---------------------------------------------------------------------------------------------

/// Above every page of a draft: who the user is, and the role chooser.
#[component]
pub fn RoleBar() -> impl IntoView {
    let draft = use_draft();
    let l = use_layers();
    let current_id = Memo::new(move |_| draft.current.with(|c| c.as_ref().map(|c| c.id.clone())));
    let open = Memo::new(move |_| l.asking.get().is_some() && l.asking.get() == current_id.get());
    let role = Memo::new(move |_| draft.assessment.with(|a| l.active.get().role(a)));
    let who = live_text(move || l.active_review(layer_title).unwrap_or_default());
    let progress = live_text(move || {
        let scored = l.outcome.with(|o| o.as_ref().map(|(_, o)| o.progress()));
        let differing = l.comparison.with(|c| c.as_ref().map(|c| c.differing_items).unwrap_or(0));
        scored.map(|(done, all)| format!("已评分 {done}/{all} 项 · 与自评不同 {differing} 项")).unwrap_or_default()
    });
    let layer_total = live_text(move || {
        l.outcome
            .with(|o| {
                o.as_ref().map(|(r, o)| {
                    format!("{}总分 {}/{} · {}", r.short_label(), fmt(o.total), fmt(o.max), verdict_word(o.passed))
                })
            })
            .unwrap_or_default()
    });
    view! {
        <div class=live_text(move || format!("role-bar role-{}", role.get().id())) data-testid="role-bar">
            <p class="role-line">
                <span class="label">"当前身份:"</span>
                <strong data-testid="role-current">{live_text(move || role.get().label().into())}</strong>
                {live_view(move || if role.get() == WorkRole::SelfAssessment {
                    ().into_any()
                } else {
                    view! {
                        <span class="role-who" data-testid="role-who">{who}</span>
                        <span class="role-total" data-testid="role-total">{layer_total}</span>
                        <span class="role-progress" data-testid="role-progress">{progress}</span>
                        <span class="role-lock">"自评内容只读"</span>
                    }.into_any()
                })}
                <button type="button" class="btn small" data-testid="role-switch" aria-expanded=live_text(move || open.get().to_string())
                    aria-controls="role-chooser"
                    on:click=move |_| {
                        if open.get_untracked() {
                            l.asking.set(None);
                        } else {
                            l.asking.set(current_id.get_untracked());
                            browser::focus_id("role-chooser");
                        }
                    }>"切换身份"</button>
            </p>
            {live_view(move || if open.get() { view! { <RoleChooser/> }.into_any() } else { ().into_any() })}
        </div>
    }
}

/// Who is working on this draft: the creation object, or a reviewer (with name, unit and date).
#[component]
fn RoleChooser() -> impl IntoView {
    let draft = use_draft();
    let notices = use_notices();
    let l = use_layers();
    let (start_role, start_who) = draft.assessment.with_untracked(|a| {
        let layer = l.active.get_untracked();
        (layer.role(a), layer.review(a).map(|r| (r.reviewer.clone(), r.at.clone())))
    });
    let role = RwSignal::new(start_role);
    let (who, at) = start_who.unwrap_or_default();
    let name = RwSignal::new(who.name);
    let unit = RwSignal::new(who.unit);
    let date = RwSignal::new(if at.trim().is_empty() { browser::today() } else { at });
    let error = RwSignal::new(String::new());
    // Layers of the chosen role already in the assessment: (index, title).
    let existing = Memo::new(move |_| {
        let r = role.get().review_role();
        draft.assessment.with(|a| {
            a.reviews
                .iter()
                .enumerate()
                .filter(|(_, x)| Some(x.role) == r)
                .map(|(i, x)| (i, layer_title(x)))
                .collect::<Vec<_>>()
        })
    });
    let close = Callback::new(move |()| {
        l.asking.set(None);
        browser::focus_id("main");
    });
    let confirm = move |_| {
        let chosen = role.get_untracked();
        match chosen.review_role() {
            None => l.choose(LayerChoice::SelfLayer),
            Some(rr) => {
                let reviewer = Reviewer { name: name.get_untracked(), unit: unit.get_untracked() };
                if reviewer.name.trim().is_empty() {
                    error.set("请填写评审人姓名。".into());
                    browser::focus_id("reviewer-name");
                    return;
                }
                let created =
                    draft.dispatch(Edit::StartReview { role: rr, reviewer: reviewer.clone(), at: date.get_untracked() });
                let Some(i) = draft.assessment.with_untracked(|a| review_of(a, rr, &reviewer)) else { return };
                l.choose(LayerChoice::Review(i));
                if !created {
                    notices.notify(Level::Info, "notice-role", "已继续您在本文件中已有的评审", vec![]);
                }
            }
        }
        close.run(());
    };
    view! {
        <div class="role-chooser" id="role-chooser" tabindex="-1" role="group" aria-labelledby="role-chooser-h"
            data-testid="role-chooser">
            <p class="role-chooser-h" id="role-chooser-h"><strong>"请选择您的身份"</strong>{banfa_text(draft, |b| format!(
                "(管理办法{}、{}、{})",
                b.cite(ArticleKind::EvaluationApplication),
                b.cite(ArticleKind::ProvinceReview),
                b.cite(ArticleKind::Evaluation)
            ))}</p>
            <div class="role-options" role="radiogroup" aria-labelledby="role-chooser-h">
                {WorkRole::ALL.into_iter().map(|r| {
                    let id = format!("role-{}", r.id());
                    view! {
                        <label class="role-option" for=id.clone()>
                            <input type="radio" name="role" id=id.clone() data-testid=format!("role-option-{}", r.id())
                                prop:checked=live_flag(move || role.get() == r)
                                on:change=move |_| { role.set(r); error.set(String::new()); }/>
                            <span class="role-option-text">
                                <strong>{r.label()}</strong>
                                <span class="hint">{r.note()}</span>
                            </span>
                        </label>
                    }
                }).collect_view()}
            </div>
            {live_view(move || if role.get() == WorkRole::SelfAssessment {
                ().into_any()
            } else {
                view! {
                    {reviewer_form(role, name, unit, date, error)}
                    {existing_layers(l, existing, close)}
                }.into_any()
            })}
            {live_view(move || {
                let e = error.get();
                if e.is_empty() { ().into_any() } else { view! { <p class="problem error" role="alert">{e}</p> }.into_any() }
            })}
            <div class="role-actions">
                <button type="button" class="btn primary" data-testid="role-confirm" on:click=confirm>"确定"</button>
                <button type="button" class="btn" data-testid="role-cancel" on:click=move |_| close.run(())>"取消"</button>
            </div>
        </div>
    }
}

/// The role chooser's reviewer: name, unit, date (kept in the chooser until confirmed).
fn reviewer_form(
    role: RwSignal<WorkRole>,
    name: RwSignal<String>,
    unit: RwSignal<String>,
    date: RwSignal<String>,
    error: RwSignal<String>,
) -> AnyView {
    let name_spec = InputSpec { autocomplete: Some("name"), ..InputSpec::new("field", "reviewer-name", "评审人姓名") };
    let unit_spec = InputSpec {
        autocomplete: Some("organization"),
        placeholder: Some(live_text(move || {
            if role.get() == WorkRole::Province { "如:浙江省市场监督管理局".into() } else { "如:某大学、某研究院".into() }
        })),
        ..InputSpec::new("field wide", "reviewer-unit", "单位")
    };
    let date_spec = InputSpec { kind: "date", ..InputSpec::new("field", "reviewer-date", "评审日期") };
    view! {
        <div class="form-grid reviewer-form">
            {text_input(name_spec, name.into(), setter(move |v| {
                name.set(v);
                error.set(String::new());
            }), None)}
            {text_input(unit_spec, unit.into(), setter(move |v| unit.set(v)), None)}
            {text_input(date_spec, date.into(), setter(move |v| date.set(v)), None)}
        </div>
    }
    .into_any()
}

/// The layers of the chosen role already in the file, each of which can be continued.
fn existing_layers(l: Layers, existing: Memo<Vec<(usize, String)>>, close: Callback<()>) -> AnyView {
    live_view(move || {
        let ex = existing.get();
        if ex.is_empty() {
            return ().into_any();
        }
        view! {
            <div class="existing-layers">
                <p class="hint">"本文件中已有的同类评审(可继续其中一份):"</p>
                <ul>
                    {ex.into_iter().map(|(i, t)| view! {
                        <li>
                            <span>{t}</span>
                            <button type="button" class="btn small" data-testid=format!("continue-layer-{i}")
                                on:click=move |_| { l.choose(LayerChoice::Review(i)); close.run(()); }>"继续此评审"</button>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    })
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The indicator page in a reviewer role
// ---------------------------------------------------------------------------------------------

/// The sub-items of an indicator page: the self-assessment's input cards, or, in a reviewer role,
/// the self score and basis (read-only) beside the reviewer's score, method and comment.
pub fn item_cards(ind: &'static Indicator, multi: bool) -> impl IntoView {
    let draft = use_draft();
    let l = use_layers();
    let role = Memo::new(move |_| l.role());
    live_view(move || match role.get() {
        None => ind.items.iter().map(|it| item_card(it, multi)).collect::<Vec<_>>().into_any(),
        Some(r) => {
            let n = ind.number;
            let cmp = Memo::new(move |_| l.comparison.with(|c| c.as_ref().and_then(|c| c.indicators.get(&n).cloned())));
            view! {
                <div class=live_text(move || format!("layer-indicator {}", cmp.with(|c| c.as_ref().map(|c| c.state.class()).unwrap_or(""))))
                    data-testid="layer-indicator">
                    <span>{format!("{}得分 ", r.short_label())}
                        <strong data-testid="layer-indicator-score">{live_text(move || cmp.with(|c| c.as_ref().map(|c| format!("{}/{}", c.review_score, c.max)).unwrap_or_default()))}</strong>
                        "分"</span>
                    <span>"自评 "{live_text(move || cmp.with(|c| c.as_ref().map(|c| format!("{}/{}", c.self_score, c.max)).unwrap_or_default()))}"分"</span>
                    <span class="cmp-note" data-testid="layer-indicator-note">{live_text(move || cmp.with(|c| c.as_ref().map(|c| c.note.clone()).unwrap_or_default()))}</span>
                </div>
                {ind.items.iter().map(|it| review_card(draft, l, it, multi, r)).collect::<Vec<_>>()}
            }
            .into_any()
        }
    })
}

fn review_card(draft: OpenDraft, l: Layers, item: &'static Item, show_text: bool, role: ReviewRole) -> AnyView {
    let iid = item.id.as_str();
    let who = role.short_label();
    let cmp = Memo::new(move |_| l.comparison.with(|c| c.as_ref().and_then(|c| c.items.get(iid).cloned())));
    let own = Memo::new(move |_| draft.outcome.with(|o| o.item(iid).map(|r| (fmt(r.score), fmt(r.max), r.details.clone()))));
    let basis = Memo::new(move |_| draft.assessment.with(|a| a.input(iid).map(|i| i.basis.trim().to_string()).unwrap_or_default()));
    let score = live_text(move || l.active_review(|r| r.item(iid).map(|x| x.score.clone()).unwrap_or_default()).unwrap_or_default());
    let comment = live_text(move || l.active_review(|r| r.item(iid).map(|x| x.comment.clone()).unwrap_or_default()).unwrap_or_default());
    let method = Memo::new(move |_| {
        l.active_review(|r| r.item(iid).and_then(|x| x.method)).flatten().map(|m| m.id().to_string()).unwrap_or_default()
    });
    let probs: Signal<Problems> =
        Signal::derive(move || l.outcome.with(|o| o.as_ref().map(|(_, o)| item_problems(o, iid)).unwrap_or_default()));
    let has_error = live_text(move || probs.with(|p| p.iter().any(|x| x.0)).to_string());
    let set_score = move |score: String| l.edit(|review| Edit::SetReviewScore { review, item: iid.into(), score });
    let sid = format!("r-{iid}-score");
    let mid = format!("r-{iid}-method");
    let cid = format!("r-{iid}-comment");
    let pid = format!("r-{iid}-p");
    let state_text = move || {
        cmp.with(|c| match c.as_ref().map(|c| c.state) {
            Some(CompareState::Differs) => "与自评不同",
            Some(CompareState::Same) => "与自评一致",
            Some(CompareState::Invalid) => "有错误",
            _ => "未评分",
        })
        .to_string()
    };
    let methods = plain(role.methods().iter().map(|m| Choice::new(m.id(), m.label())).collect());
    let set_method = setter(move |v: String| {
        let method = Method::from_id(&v);
        l.edit(|review| Edit::SetReviewMethod { review, item: iid.into(), method });
    });
    // "同自评": the self-assessment's score, before the quick choices.
    let same_as_self = view! {
        <button type="button" class="btn small quick-btn" data-testid=format!("rquick-{iid}-self")
            aria-label=live_text(move || own.with(|o| o.as_ref().map(|o| format!("采用自评得分:{}分", o.0)).unwrap_or_default()))
            aria-pressed=live_text(move || own.with(|o| o.as_ref().is_some_and(|o| score.with(|v| *v == o.0))).to_string())
            on:click=move |_| {
                if let Some(v) = own.with_untracked(|o| o.as_ref().map(|o| o.0.clone())) {
                    set_score(v);
                }
            }>
            {live_text(move || own.with(|o| o.as_ref().map(|o| format!("同自评 {}", o.0)).unwrap_or_default()))}
        </button>
    }
    .into_any();
    view! {
        <section class=live_text(move || format!("item review-item {}", cmp.with(|c| c.as_ref().map(|c| c.state.class()).unwrap_or(""))))
            aria-labelledby=format!("ritem-{iid}-h") data-testid=format!("review-item-{iid}")>
            <header class="item-head">
                <h3 id=format!("ritem-{iid}-h")>{format!("子项 {iid}")}<span class="item-points">{format!("({}分)", fmt(item.points))}</span></h3>
                <span class=live_text(move || format!("badge cmp-badge {}", cmp.with(|c| c.as_ref().map(|c| c.state.class()).unwrap_or(""))))
                    data-testid=format!("cmp-badge-{iid}")>{live_text(state_text)}</span>
                <span class="item-score">
                    "自评 "<strong data-testid=format!("self-score-{iid}")>{live_text(move || own.with(|o| o.as_ref().map(|o| o.0.clone()).unwrap_or_default()))}</strong>
                    {format!(" → {who} ")}
                    <strong data-testid=format!("review-score-{iid}")>{live_text(move || cmp.with(|c| c.as_ref().map(|c| c.review_score.clone()).unwrap_or_default()))}</strong>"分"
                </span>
            </header>
            {show_text.then(|| view! { <p class="item-text">{item.text.clone()}</p> })}
            <div class="layer-grid">
                <div class="layer-self" aria-label="创建对象自评(只读)">
                    <p class="layer-h">"创建对象自评(只读)"</p>
                    <p class="layer-score">"自评得分 "{live_text(move || own.with(|o| o.as_ref().map(|o| format!("{} / {} 分", o.0, o.1)).unwrap_or_default()))}</p>
                    {details_list(Signal::derive(move || own.with(|o| o.as_ref().map(|o| o.2.clone()).unwrap_or_default())), None)}
                    <p class="layer-h small">"自评依据及佐证材料"</p>
                    <p class="self-basis" data-testid=format!("self-basis-{iid}")>
                        {live_text(move || { let b = basis.get(); if b.is_empty() { "(未填写)".into() } else { b } })}
                    </p>
                </div>
                <div class="layer-review">
                    <p class="layer-h">{format!("{}({})", who, draft.assessment.with_untracked(|a| banfa_or_legacy(a).cite(role.article_kind()).to_string()))}</p>
                    <div class="field judged">
                        <label for=sid.clone()>{format!("{who}评分(0–{}分,最多{}位小数)", fmt(item.points), REVIEW_SCORE_DECIMALS)}</label>
                        <div class="score-row">
                            <input id=sid.clone() type="text" inputmode="decimal" autocomplete="off" class="score-input"
                                data-testid=format!("rin-{iid}-score") aria-invalid=has_error aria-describedby=pid.clone()
                                prop:value=score on:input=move |ev| set_score(event_target_value(&ev))/>
                            {quick_score_buttons(item.points, REVIEW_SCORE_DECIMALS, format!("rquick-{iid}"), score,
                                setter(set_score), Some(same_as_self))}
                        </div>
                    </div>
                    <div class="field">
                        <label for=mid.clone()>"评估方式"</label>
                        {select(SelectSpec {
                            unlisted: Some(Callback::new(move |v: String| match Method::from_id(&v) {
                                Some(m) => format!("{}(非{}规定的方式)", m.label(), draft.assessment.with_untracked(|a| banfa_or_legacy(a).cite(role.article_kind()).to_string())),
                                None => v,
                            })),
                            ..SelectSpec::new(mid.clone(), format!("rin-{iid}-method"), method.into(), Signal::stored(methods), set_method)
                        })}
                    </div>
                    {text_area("field", cid, format!("rin-{iid}-comment"), format!("{who}意见"), "2", "评审意见、核查情况、扣分理由",
                        comment, setter(move |comment| l.edit(|review| Edit::SetReviewComment { review, item: iid.into(), comment })))}
                    <ProblemList id=pid problems=probs/>
                </div>
            </div>
            <p class=live_text(move || format!("cmp-note {}", cmp.with(|c| c.as_ref().map(|c| c.state.class()).unwrap_or(""))))
                data-testid=format!("cmp-{iid}")>
                {live_text(move || cmp.with(|c| c.as_ref().map(|c| c.note.clone()).unwrap_or_default()))}
            </p>
        </section>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// Results: the panel beside every page and the 结果汇总 page
// ---------------------------------------------------------------------------------------------

/// In a reviewer role, at the top of the live panel: the layer's result beside the self result.
#[component]
pub fn LayerPanel() -> impl IntoView {
    let draft = use_draft();
    let l = use_layers();
    let rows = Memo::new(move |_| {
        l.outcome.with(|lo| lo.as_ref().map(|(role, lo)| (*role, draft.outcome.with(|so| side_by_side(so, lo)), verdict_line(lo))))
    });
    live_view(move || {
        let Some((role, rows, verdict)) = rows.get() else { return ().into_any() };
        let who = role.short_label();
        view! {
            <section class="layer-panel" aria-labelledby="layer-panel-h" data-testid="layer-panel">
                <h3 id="layer-panel-h">{format!("{who}与自评对照")}</h3>
                <table class="layer-table">
                    <thead><tr><th scope="col">"项目"</th><th scope="col">"自评"</th><th scope="col">{who}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr class:differs=r.differs data-testid=format!("layer-row-{}", r.id)>
                                <th scope="row">{r.label}</th>
                                <td data-testid=format!("layer-self-{}", r.id)>{r.self_value}</td>
                                <td data-testid=format!("layer-value-{}", r.id)>{r.layer_value}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="layer-verdict" data-testid="layer-verdict">{format!("{who}结论:{verdict}")}</p>
            </section>
        }
        .into_any()
    })
}

/// On 结果汇总: in a reviewer role, who and when, the differences, the overall opinion and the
/// reviewer's file; in the self role, the review layers the file carries.
#[component]
pub fn LayerSection() -> impl IntoView {
    let draft = use_draft();
    let l = use_layers();
    live_view(move || match l.role() {
        Some(role) => reviewer_section(draft, l, role),
        None => layers_overview(draft),
    })
}

fn reviewer_section(draft: OpenDraft, l: Layers, role: ReviewRole) -> AnyView {
    let nav = use_nav();
    let notices = use_notices();
    let who = role.short_label();
    let field = move |f: fn(&Review) -> String| live_text(move || l.active_review(f).unwrap_or_default());
    let header_probs: Signal<Problems> =
        Signal::derive(move || l.outcome.with(|o| o.as_ref().map(|(_, o)| header_problems(o)).unwrap_or_default()));
    let diffs = Memo::new(move |_| {
        l.comparison.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.items
                        .iter()
                        .filter(|(_, x)| x.state == CompareState::Differs)
                        .map(|(id, x)| format!("子项 {id}:{}", x.note))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let date_note = live_text(move || {
        l.active_review(|r| {
            let at = r.at.trim();
            if at.is_empty() || is_iso_date(at) { String::new() } else { "日期应写为年-月-日(如2026-11-27)".into() }
        })
        .unwrap_or_default()
    });
    view! {
        <section class="reviewer-section" aria-labelledby="reviewer-section-h" data-testid="reviewer-section">
            <h3 id="reviewer-section-h">{format!("{}({})", role.label(), draft.assessment.with_untracked(|a| banfa_or_legacy(a).cite(role.article_kind()).to_string()))}</h3>
            <div class="form-grid">
                {text_input(InputSpec::new("field", "review-name", "评审人姓名"), field(|r| r.reviewer.name.clone()),
                    l.set_text(ReviewField::ReviewerName), None)}
                {text_input(InputSpec::new("field wide", "review-unit", "单位"), field(|r| r.reviewer.unit.clone()),
                    l.set_text(ReviewField::ReviewerUnit), None)}
                {text_input(InputSpec { kind: "date", ..InputSpec::new("field", "review-date", "评审日期") }, field(|r| r.at.clone()),
                    l.set_text(ReviewField::Date), Some(view! { <span class="hint">{date_note}</span> }.into_any()))}
            </div>
            <ProblemList id="review-header-p" problems=header_probs/>
            <h4>{format!("{who}与自评不同的子项")}</h4>
            {live_view(move || {
                let d = diffs.get();
                if d.is_empty() {
                    view! { <p class="hint" data-testid="review-no-diffs">"已评分的子项与自评一致。"</p> }.into_any()
                } else {
                    view! {
                        <ul class="review-diffs" data-testid="review-diffs">{d.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                    }.into_any()
                }
            })}
            {text_area("field basis", "review-opinion".into(), "review-opinion".into(),
                format!("{}({})", role.opinion_label(), draft.assessment.with_untracked(|a| banfa_or_legacy(a).cite(role.article_kind()).to_string())), "5",
                if role == ReviewRole::Province { "如:材料基本齐全,初审合格,同意报送市场监管总局。" } else { "评估意见与建议" },
                field(|r| r.opinion.clone()), l.set_text(ReviewField::Opinion))}
            <div class="reviewer-actions">
                <button type="button" class="btn primary" data-testid="btn-export-layer" on:click=move |_| export_layer(draft, l, notices)>
                    {if role == ReviewRole::Expert { "导出我的专家评分表" } else { "保存初审文件" }}
                </button>
                <button type="button" class="btn" data-testid="btn-layer-report" on:click=move |_| {
                    l.report_layer.set(None);
                    nav.go(Page::Report);
                }>{format!("打印{}", role.opinion_label())}</button>
                <button type="button" class="btn" data-testid="btn-verify-evidence" on:click=move |_| nav.go(Page::Verify)>"核对佐证材料"</button>
            </div>
            <p class="hint">{if role == ReviewRole::Expert {
                "专家评分表是包含自评、省级初审和您本人评分的评估文件,可交专家组合议汇总(“专家组合议”)。"
            } else {
                "初审文件包含创建对象的自评和全部评审层,可报送市场监管总局。"
            }}</p>
        </section>
    }
    .into_any()
}

fn layers_overview(draft: OpenDraft) -> AnyView {
    let rows = Memo::new(move |_| {
        let rubric = draft.rubric.get();
        draft.assessment.with(|a| layers_listed(&rubric.rubric, &a.reviews))
    });
    live_view(move || {
        let (rs, more) = rows.get();
        if rs.is_empty() {
            return ().into_any();
        }
        view! {
            <section class="reviewer-section" data-testid="layers-overview">
                <h3>"本文件中的评审"</h3>
                <ul class="layers-list">
                    {rs.into_iter().map(|(t, s, v)| view! { <li><strong>{t}</strong>" · "{s}" · "{v}</li> }).collect_view()}
                </ul>
                {more.map(|m| view! { <p class="hint" data-testid="layers-more">{m}</p> })}
                <p class="hint">"评审得分只读;如需查看逐项评审,请“切换身份”并继续相应评审,或打印其报告。"</p>
            </section>
        }
        .into_any()
    })
    .into_any()
}

/// Downloads the reviewer's file: an expert's own score sheet, or the province's file (all layers).
fn export_layer(draft: OpenDraft, l: Layers, notices: Notices) {
    let Some(i) = l.active.get_untracked().index() else { return };
    let a = draft.assessment.get_untracked();
    let Some(r) = a.reviews.get(i) else { return };
    let sheet = match r.role {
        ReviewRole::Expert => expert_sheet(&a, i),
        ReviewRole::Province => Some(a.clone()),
    };
    let Some(sheet) = sheet else { return };
    let text = write_file(draft.loaded_rubric(), &sheet, &browser::now_iso());
    let date = if is_iso_date(r.at.trim()) { r.at.trim().to_string() } else { browser::today() };
    let name = sheet_file_name(&a.subject.name, r.role, &r.reviewer.name, &date);
    offer_file(notices, &name, &text, "文件保存在浏览器的“下载”位置,包含创建对象的自评和您的评审。");
}

// ---------------------------------------------------------------------------------------------
// 基本情况 in a reviewer role
// ---------------------------------------------------------------------------------------------

/// The 基本情况 page: editable in the self role, read-only (disabled) in a reviewer role.
pub fn subject_page() -> AnyView {
    let l = use_layers();
    let role = Memo::new(move |_| l.role());
    live_view(move || match role.get() {
        None => view! { <super::subject::SubjectPage/> }.into_any(),
        Some(r) => view! {
            <p class="note layer-lock-note" data-testid="subject-locked">
                {format!("当前身份为{}:基本情况是创建对象填写的内容,只读。", r.label())}
            </p>
            <fieldset class="self-lock" disabled=true>
                <legend class="sr-only">"基本情况(只读)"</legend>
                <super::subject::SubjectPage/>
            </fieldset>
        }
        .into_any(),
    })
    .into_any()
}

//! Input widgets, one per rule kind, and the card that holds a sub-item: its inputs, score,
//! problems, the engine's explanation of the score, and the basis/evidence text.
//!
//! Every input shows exactly what was typed (inputs are strings in the assessment); problems
//! found by the engine are shown beside the field they locate.

use crate::engine::view::workbench::{min_count_hint, share_bands_hint};
use std::sync::Arc;

use leptos::prelude::*;

use super::controls::{details_list, plain, quick_score_buttons, select, text_area, Choice, SelectSpec};
use super::rx::{live_flag, live_text, live_view};

use super::state::draft::{use_draft, OpenDraft};
use crate::engine::model::edit::{Edit, RowField};
use crate::engine::model::rubric::Item;
use crate::engine::model::rule::{
    entity_field, practice_field, rate_field, row_number, year_field, Bound, Field, Rule, REFERENCE_RATE_KEY, SCORE_FIELD,
    SCORE_KEY,
};
use crate::engine::support::num::fmt;
use crate::engine::view::workbench::{
    field_problems, growth_rows, item_state, placed_fields, region_note, score_of, unplaced_problems,
};

/// Problems to show: (is an error, message).
pub type Problems = Vec<(bool, String)>;

/// What an input does with a new text.
pub type Setter = Arc<dyn Fn(String) + Send + Sync>;

pub fn setter(f: impl Fn(String) + Send + Sync + 'static) -> Setter {
    Arc::new(f)
}

#[component]
pub fn ProblemList(#[prop(into)] id: String, problems: Signal<Problems>) -> impl IntoView {
    view! {
        <div class="problems" id=id>
            {live_view(move || problems.get().into_iter().map(|(err, msg)| view! {
                <p class=if err { "problem error" } else { "problem warning" }>
                    <span class="tag">{if err { "错误" } else { "提示" }}</span>
                    {msg}
                </p>
            }).collect_view().into_any())}
        </div>
    }
}

pub fn field_probs(draft: OpenDraft, item: &'static str, field: String) -> Signal<Problems> {
    Signal::derive(move || {
        draft.outcome.with(|o| field_problems(o, item, &field).into_iter().map(|p| (p.is_error(), p.message.clone())).collect())
    })
}

fn invalid(problems: Signal<Problems>) -> Signal<String> {
    live_text(move || problems.with(|p| p.iter().any(|x| x.0)).to_string())
}

/// A text input for a number as typed, with its label, a hint and its problems.
#[allow(clippy::too_many_arguments)]
fn number_field(
    id: String,
    label: String,
    hint: Option<String>,
    value: Signal<String>,
    set: Setter,
    problems: Signal<Problems>,
    hide_label: bool,
    class: &'static str,
) -> AnyView {
    let pid = format!("{id}-p");
    let hid = format!("{id}-h");
    let described = if hint.is_some() { format!("{pid} {hid}") } else { pid.clone() };
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone() class=if hide_label { "sr-only" } else { "" }>{label}</label>
            <input id=id.clone() type="text" inputmode="decimal" autocomplete="off" data-testid=format!("in-{id}")
                aria-invalid=invalid(problems)
                aria-describedby=described
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))/>
            {hint.map(|h| view! { <span class="hint" id=hid>{h}</span> })}
            <ProblemList id=pid problems=problems/>
        </div>
    }
    .into_any()
}

fn value_of(draft: OpenDraft, item: &'static str, key: &'static str) -> Signal<String> {
    live_text(move || draft.assessment.with(|a| a.input(item).and_then(|i| i.values.get(key)).cloned().unwrap_or_default()))
}

fn set_value(draft: OpenDraft, item: &'static str, key: &'static str) -> Setter {
    setter(move |value| {
        draft.dispatch(Edit::SetValue { item: item.into(), key: key.into(), value });
    })
}

/// A yes/no question; "not answered" is a choice too (an absent flag).
fn flag_field(draft: OpenDraft, item: &'static str, f: &'static Field) -> AnyView {
    let id = format!("{item}-{}", f.key);
    let key = f.key.as_str();
    let value = Memo::new(move |_| {
        draft.assessment.with(|a| yes_no_value(a.input(item).and_then(|i| i.flags.get(key)).copied()))
    });
    let set = setter(move |v| {
        draft.dispatch(Edit::SetFlag { item: item.into(), key: key.into(), value: yes_no(&v) });
    });
    let probs = field_probs(draft, item, f.label.clone());
    let pid = format!("{id}-p");
    view! {
        <div class="field yes-no">
            <label for=id.clone()>{f.label.clone()}</label>
            {select(SelectSpec {
                described_by: Some(pid.clone()),
                ..SelectSpec::new(id.clone(), format!("flag-{id}"), value.into(),
                    Signal::stored(plain(vec![Choice::new("yes", "是"), Choice::new("no", "否")])), set)
            })}
            <ProblemList id=pid problems=probs/>
        </div>
    }
    .into_any()
}

/// The value of a yes/no answer in a `<select>`: `yes`, `no`, "" (not answered).
pub fn yes_no_value(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

/// A value of a `<select>` that is not among its choices (from a file), shown as it is.
pub fn not_in_list(v: String) -> String {
    format!("{v}(不在列表中)")
}

/// A yes/no answer from its `<select>` value.
pub fn yes_no(v: &str) -> Option<bool> {
    match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// A judged score with quick choices 0 / half / full.
fn judged_field(draft: OpenDraft, item: &'static Item, decimals: u32) -> AnyView {
    let iid = item.id.as_str();
    let id = format!("{iid}-score");
    let value = value_of(draft, iid, SCORE_KEY);
    let set = set_value(draft, iid, SCORE_KEY);
    let set_typed = set.clone();
    let probs = field_probs(draft, iid, SCORE_FIELD.into());
    let places = if decimals > 0 { format!(",最多{decimals}位小数") } else { ",整数".into() };
    let label = format!("评分(0–{}分{places})", fmt(item.points));
    let pid = format!("{id}-p");
    view! {
        <div class="field judged">
            <label for=id.clone()>{label}</label>
            <div class="score-row">
                <input id=id.clone() type="text" inputmode="decimal" autocomplete="off" class="score-input"
                    data-testid=format!("in-{id}")
                    aria-invalid=invalid(probs)
                    aria-describedby=pid.clone()
                    prop:value=value
                    on:input=move |ev| set_typed(event_target_value(&ev))/>
                {quick_score_buttons(item.points, decimals, format!("quick-{iid}"), value, set, None)}
            </div>
            <ProblemList id=pid problems=probs/>
        </div>
    }
    .into_any()
}

/// What was typed for a year of a series, exactly.
fn raw_year(draft: OpenDraft, item: &'static str, series: &'static str, year: i32) -> String {
    draft.assessment.with(|a| {
        a.input(item).and_then(|i| i.years.get(series)).and_then(|s| s.get(&year.to_string())).cloned().unwrap_or_default()
    })
}

fn year_cell(draft: OpenDraft, iid: &'static str, series: &'static str, year: i32, aria: String, field: String) -> AnyView {
    number_field(
        format!("{iid}-{series}-{year}"),
        aria,
        None,
        live_text(move || raw_year(draft, iid, series, year)),
        setter(move |value| {
            draft.dispatch(Edit::SetYearValue { item: iid.into(), series: series.into(), year, value });
        }),
        field_probs(draft, iid, field),
        true,
        "cell",
    )
}

/// growth_years: amounts per year (and, where allowed, the published reference rate), with the
/// growth rates computed by the engine shown beside them.
fn growth_widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let Rule::GrowthYears { subject: sf, reference: rf, reference_rate_allowed, unit, op, .. } = &item.rule else {
        return ().into_any();
    };
    let iid = item.id.as_str();
    let rate_allowed = *reference_rate_allowed;
    let rows = Memo::new(move |_| draft.assessment.with(|a| growth_rows(&item.rule, a.input(iid), &a.subject)));
    // The table's shape depends on the years only, so typing never rebuilds it.
    let years = Memo::new(move |_| rows.with(|r| r.iter().map(|r| (r.year, r.base_year)).collect::<Vec<_>>()));
    let growth = move |year: i32, own: bool| {
        live_text(move || {
            rows.with(|r| {
                r.iter().find(|x| x.year == year).and_then(|x| if own { x.subject_growth.clone() } else { x.reference_growth.clone() })
            })
            .unwrap_or_else(|| "—".into())
        })
    };
    let is_rate = move |year: i32| {
        live_text(move || {
            let published = rows.with(|r| r.iter().find(|x| x.year == year).is_some_and(|x| x.reference_is_rate));
            if published { "(公布)".into() } else { String::new() }
        })
    };
    let (sk, rk) = (sf.key.as_str(), rf.key.as_str());
    let (sl, rl) = (sf.label.as_str(), rf.label.as_str());
    let unit = unit.as_str();
    let intro = format!(
        "按年填写金额(单位:{unit}),从创建期上一年度到创建期最后一年;增速=(当年/上一年度−1)×100%,由本工具计算。每年{sl}增速须{}{rl}增速。",
        op.symbol()
    );
    let rate_note = rate_allowed.then(|| {
        format!("{rl}增速可直接填写国家统计局公布的增速(%),也可填写各年{rl}由本工具计算;某年两者都填时,以公布的增速为准。")
    });
    let row = move |y: i32, base: bool| -> AnyView {
        let rate_cell = if !rate_allowed {
            ().into_any()
        } else if base {
            view! { <td class="computed empty-cell">"—"</td> }.into_any()
        } else {
            view! {
                <td data-label=format!("公布的{rl}增速(%)")>
                    {year_cell(draft, iid, REFERENCE_RATE_KEY, y, format!("公布的{rl}增速 {y}年(%)"), rate_field(rl, y))}
                </td>
            }
            .into_any()
        };
        view! {
            <tr class=if base { "base-year" } else { "" }>
                <th scope="row">
                    {format!("{y}年")}
                    {base.then(|| view! { <span class="sub">"上一年度"</span> })}
                </th>
                <td data-label=format!("{sl}({unit})")>
                    {year_cell(draft, iid, sk, y, format!("{sl} {y}年({unit})"), year_field(sl, y))}
                </td>
                <td class="computed" data-label=format!("{sl}增速") data-testid=format!("growth-{iid}-own-{y}")>
                    {growth(y, true)}
                </td>
                <td data-label=format!("{rl}({unit})")>
                    {year_cell(draft, iid, rk, y, format!("{rl} {y}年({unit})"), year_field(rl, y))}
                </td>
                {rate_cell}
                <td class="computed" data-label=format!("{rl}增速") data-testid=format!("growth-{iid}-ref-{y}")>
                    {growth(y, false)}
                    <span class="sub">{is_rate(y)}</span>
                </td>
            </tr>
        }
        .into_any()
    };
    view! {
        <div class="growth">
            <p class="hint">{intro}</p>
            {rate_note.map(|t| view! { <p class="hint">{t}</p> })}
            {live_view(move || if years.with(Vec::is_empty) {
                view! {
                    <p class="hint warn" data-testid=format!("growth-{iid}-noperiod")>
                        "请先在“基本情况”中选择创建期起始年份和年数,这里将列出各年份。"
                    </p>
                }.into_any()
            } else {
                view! {
                    <table class="growth-table" data-testid=format!("growth-{iid}")>
                        <caption class="sr-only">{format!("{sl}与{rl}(按年)")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"年份"</th>
                                <th scope="col">{format!("{sl}({unit})")}</th>
                                <th scope="col">"增速"</th>
                                <th scope="col">{format!("{rl}({unit})")}</th>
                                {rate_allowed.then(|| view! { <th scope="col">{format!("或:公布的{rl}增速(%)")}</th> })}
                                <th scope="col">{format!("{rl}增速")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {years.get().into_iter().map(|(y, base)| row(y, base)).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </div>
    }
    .into_any()
}

/// share_bands: the two counts; the engine computes the share and the band.
fn share_widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let Rule::ShareBands { numerator, denominator, bands } = &item.rule else { return ().into_any() };
    let iid = item.id.as_str();
    let field = move |f: &'static Field| {
        let key = f.key.as_str();
        number_field(
            format!("{iid}-{key}"),
            format!("{}(个)", f.label),
            None,
            value_of(draft, iid, key),
            set_value(draft, iid, key),
            field_probs(draft, iid, f.label.clone()),
            false,
            "",
        )
    };
    view! {
        <p class="hint">{share_bands_hint(&numerator.label, &denominator.label, bands)}</p>
        <div class="form-grid">
            {field(numerator)}
            {field(denominator)}
        </div>
    }
    .into_any()
}

/// A text field of list row `i` (name, year, amount of an entity or practice).
fn entry_text(draft: OpenDraft, iid: &'static str, i: usize, field: RowField) -> Signal<String> {
    live_text(move || {
        draft.assessment.with(|a| {
            a.input(iid)
                .and_then(|x| x.entries.get(i))
                .map(|e| match field {
                    RowField::Name => e.name.clone(),
                    RowField::Year => e.year.clone(),
                    RowField::Amount => e.amount.clone(),
                    RowField::Category => e.category.clone(),
                    RowField::Note => e.note.clone(),
                })
                .unwrap_or_default()
        })
    })
}

fn entry_setter(draft: OpenDraft, iid: &'static str, row: usize, field: RowField) -> Setter {
    setter(move |value| {
        draft.dispatch(Edit::SetRowText { item: iid.into(), row, field, value });
    })
}

/// A plain text input (names).
fn text_field(id: String, label: &'static str, value: Signal<String>, set: Setter, described: Option<String>, class: &'static str) -> AnyView {
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" autocomplete="off" data-testid=format!("in-{id}")
                aria-describedby=described
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))/>
        </div>
    }
    .into_any()
}

/// per_count: a list of entities with year and annual amount.
fn per_count_widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let Rule::PerCount { entity, amount, per, unit, .. } = &item.rule else { return ().into_any() };
    let iid = item.id.as_str();
    let len = Memo::new(move |_| draft.assessment.with(|a| a.input(iid).map(|i| i.entries.len()).unwrap_or(0)));
    let entity = entity.as_str();
    let unit = unit.as_str();
    let amount_label = amount.label.as_str();
    let note = live_text(move || {
        draft.assessment
            .with(|a| region_note(&draft.loaded_rubric().rubric, &a.subject))
            .unwrap_or_else(|| "请先在“基本情况”中选择所在省份:门槛随地区确定。".into())
    });
    let row = move |i: usize| -> AnyView {
        let n = row_number(i);
        view! {
            <fieldset class="entry">
                <legend>{format!("第{n}家")}</legend>
                {text_field(format!("{iid}-e{i}-name"), "名称", entry_text(draft, iid, i, RowField::Name),
                    entry_setter(draft, iid, i, RowField::Name), None, "name")}
                {number_field(format!("{iid}-e{i}-year"), "年份".into(), None,
                    entry_text(draft, iid, i, RowField::Year), entry_setter(draft, iid, i, RowField::Year),
                    field_probs(draft, iid, entity_field(entity, i, "年份")), false, "")}
                {number_field(format!("{iid}-e{i}-amount"), format!("{amount_label}({unit})"), None,
                    entry_text(draft, iid, i, RowField::Amount), entry_setter(draft, iid, i, RowField::Amount),
                    field_probs(draft, iid, entity_field(entity, i, amount_label)), false, "")}
                <button type="button" class="btn small danger-text" data-testid=format!("remove-{iid}-{i}")
                    aria-label=format!("删除第{n}家") on:click=move |_| { draft.dispatch(Edit::RemoveRow { item: iid.into(), row: i }); }>"删除"</button>
            </fieldset>
        }
        .into_any()
    };
    view! {
        <p class="hint">{format!("创建期内新增的{entity},每家计{}分;“年份”填达到门槛的年度。", fmt(*per))}<span data-testid=format!("region-{iid}")>{note}</span></p>
        <div class="entries" data-testid=format!("entries-{iid}")>
            {live_view(move || (0..len.get()).map(row).collect_view().into_any())}
        </div>
        <button type="button" class="btn small" data-testid=format!("add-{iid}") on:click=move |_| { draft.dispatch(Edit::AddRow { item: iid.into() }); }>
            {format!("+ 添加一家{entity}")}
        </button>
    }
    .into_any()
}

/// rate_thresholds: rates in % (+ an entered bound where the rule has one) and yes/no flags.
fn rates_widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let Rule::RateThresholds { conditions, flags } = &item.rule else { return ().into_any() };
    let iid = item.id.as_str();
    let mut fields: Vec<AnyView> = Vec::new();
    for c in conditions {
        let key = c.key.as_str();
        let hint = match &c.bound {
            Bound::Fixed(b) => format!("须{}{}%", c.op.symbol(), fmt(*b)),
            Bound::Input(f) => format!("须{}{}", c.op.symbol(), f.label),
        };
        fields.push(number_field(format!("{iid}-{key}"), format!("{}(%)", c.label), Some(hint), value_of(draft, iid, key),
            set_value(draft, iid, key), field_probs(draft, iid, c.label.clone()), false, ""));
        if let Bound::Input(f) = &c.bound {
            let fk = f.key.as_str();
            fields.push(number_field(format!("{iid}-{fk}"), format!("{}(%)", f.label), Some("按全国公布的数据填写".into()),
                value_of(draft, iid, fk), set_value(draft, iid, fk), field_probs(draft, iid, f.label.clone()), false, ""));
        }
    }
    for f in flags {
        fields.push(flag_field(draft, iid, f));
    }
    view! { <div class="form-grid">{fields}</div> }.into_any()
}

/// any_one: a list of practices (name, category, accepted).
fn practices_widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let Rule::AnyOne { categories } = &item.rule else { return ().into_any() };
    let iid = item.id.as_str();
    let len = Memo::new(move |_| draft.assessment.with(|a| a.input(iid).map(|i| i.entries.len()).unwrap_or(0)));
    let row = move |i: usize| -> AnyView {
        let n = row_number(i);
        let base = format!("{iid}-e{i}");
        let probs = field_probs(draft, iid, practice_field(i));
        let pid = format!("{base}-p");
        let cat = entry_text(draft, iid, i, RowField::Category);
        let set_cat = entry_setter(draft, iid, i, RowField::Category);
        let accepted = live_flag(move || draft.assessment.with(|a| a.input(iid).and_then(|x| x.entries.get(i)).is_some_and(|e| e.accepted)));
        view! {
            <fieldset class="entry practice">
                <legend>{format!("第{n}项实践")}</legend>
                {text_field(format!("{base}-name"), "实践名称", entry_text(draft, iid, i, RowField::Name),
                    entry_setter(draft, iid, i, RowField::Name), Some(pid.clone()), "wide")}
                <div class="field wide">
                    <label for=format!("{base}-cat")>"类别"</label>
                    {select(SelectSpec {
                        unlisted: Some(Callback::new(not_in_list)),
                        ..SelectSpec::new(format!("{base}-cat"), format!("in-{base}-cat"), cat,
                            Signal::stored(plain(categories.iter().map(|c| Choice::new(c.clone(), c.clone())).collect())), set_cat)
                    })}
                </div>
                <div class="field check">
                    <input id=format!("{base}-ok") type="checkbox" data-testid=format!("in-{base}-ok")
                        prop:checked=accepted
                        on:change=move |ev| {
                            draft.dispatch(Edit::SetRowAccepted { item: iid.into(), row: i, accepted: event_target_checked(&ev) });
                        }/>
                    <label for=format!("{base}-ok")>"已认定(符合要求)"</label>
                </div>
                <button type="button" class="btn small danger-text" data-testid=format!("remove-{iid}-{i}")
                    aria-label=format!("删除第{n}项实践") on:click=move |_| { draft.dispatch(Edit::RemoveRow { item: iid.into(), row: i }); }>"删除"</button>
                <ProblemList id=pid problems=probs/>
            </fieldset>
        }
        .into_any()
    };
    view! {
        <p class="hint">"符合一项即可得分:列出创新性实践,至少一项经认定(勾选“已认定”)即得本项全部分数。"</p>
        <div class="entries" data-testid=format!("entries-{iid}")>
            {live_view(move || (0..len.get()).map(row).collect_view().into_any())}
        </div>
        <button type="button" class="btn small" data-testid=format!("add-{iid}") on:click=move |_| { draft.dispatch(Edit::AddRow { item: iid.into() }); }>
            "+ 添加一项实践"
        </button>
    }
    .into_any()
}

/// weighted_counts: a count per kind, each worth its points.
fn weighted_widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let Rule::WeightedCounts { weights, cap } = &item.rule else { return ().into_any() };
    let iid = item.id.as_str();
    let cap_note = cap.map(|c| format!("本项最高{}分。", fmt(c))).unwrap_or_default();
    let fields: Vec<AnyView> = weights
        .iter()
        .map(|w| {
            let key = w.key.as_str();
            number_field(format!("{iid}-{key}"), format!("{}(件/次)", w.label), Some(format!("每件(次){}分", fmt(w.per))),
                value_of(draft, iid, key), set_value(draft, iid, key), field_probs(draft, iid, w.label.clone()), false, "")
        })
        .collect();
    view! {
        <p class="hint">{format!("按件(次)计分。{cap_note}")}</p>
        <div class="form-grid">{fields}</div>
    }
    .into_any()
}

/// precondition_judged: a count that must reach the minimum, then a judged score.
fn precondition_widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let Rule::PreconditionJudged { count, min_count, decimals } = &item.rule else { return ().into_any() };
    let iid = item.id.as_str();
    let key = count.key.as_str();
    view! {
        <div class="form-grid">
            {number_field(format!("{iid}-{key}"), format!("{}(个)", count.label), Some(min_count_hint(*min_count)),
                value_of(draft, iid, key), set_value(draft, iid, key), field_probs(draft, iid, count.label.clone()), false, "")}
        </div>
        {judged_field(draft, item, *decimals)}
    }
    .into_any()
}

fn widget(draft: OpenDraft, item: &'static Item) -> AnyView {
    let iid = item.id.as_str();
    match &item.rule {
        Rule::GrowthYears { .. } => growth_widget(draft, item),
        Rule::ShareBands { .. } => share_widget(draft, item),
        Rule::PerCount { .. } => per_count_widget(draft, item),
        Rule::RateThresholds { .. } => rates_widget(draft, item),
        Rule::AllOf { flags } => {
            let fields: Vec<AnyView> = flags.iter().map(|f| flag_field(draft, iid, f)).collect();
            view! { <div class="form-grid">{fields}</div> }.into_any()
        }
        Rule::Judged { decimals } => judged_field(draft, item, *decimals),
        Rule::PreconditionJudged { .. } => precondition_widget(draft, item),
        Rule::AnyOne { .. } => practices_widget(draft, item),
        Rule::WeightedCounts { .. } => weighted_widget(draft, item),
    }
}

/// One sub-item: its text, inputs, score, problems, the engine's explanation, and evidence.
pub fn item_card(item: &'static Item, show_text: bool) -> AnyView {
    let draft = use_draft();
    let iid = item.id.as_str();
    let result = Memo::new(move |_| draft.outcome.with(|o| o.item(iid).cloned()));
    let score = live_text(move || result.with(|r| r.as_ref().map(|r| score_of(r.score, r.max)).unwrap_or_default()));
    let state = Memo::new(move |_| result.with(|r| r.as_ref().map(item_state).unwrap_or(("", ""))));
    let unplaced = Signal::derive(move || {
        draft.assessment.with(|a| {
            let placed = placed_fields(item, a.input(iid), &a.subject);
            draft.outcome.with(|o| {
                unplaced_problems(o, iid, &placed).into_iter().map(|p| (p.is_error(), p.message.clone())).collect::<Problems>()
            })
        })
    });
    let details = Memo::new(move |_| result.with(|r| r.as_ref().map(|r| r.details.clone()).unwrap_or_default()));
    let basis_id = format!("basis-{iid}");
    let heading_id = format!("item-{iid}-h");
    let labelled_by = heading_id.clone();
    let basis = live_text(move || draft.assessment.with(|a| a.input(iid).map(|i| i.basis.clone()).unwrap_or_default()));
    view! {
        <section class="item" aria-labelledby=labelled_by data-testid=format!("item-{iid}")>
            <header class="item-head">
                <h3 id=heading_id>{format!("子项 {iid}")}<span class="item-points">{format!("({}分)", fmt(item.points))}</span></h3>
                <span class=live_text(move || format!("badge {}", state.get().0))>{live_text(move || state.get().1.to_string())}</span>
                <span class="item-score">"得分 "<strong data-testid=format!("item-score-{iid}")>{score}</strong>"分"</span>
            </header>
            {show_text.then(|| view! { <p class="item-text">{item.text.clone()}</p> })}
            {widget(draft, item)}
            <ProblemList id=format!("item-{iid}-p") problems=unplaced/>
            {details_list(details.into(), Some(format!("details-{iid}")))}
            {text_area("field basis", basis_id.clone(), basis_id, "自评依据及佐证材料".into(), "3",
                "说明自评依据,列出佐证材料(文件名称、文号、链接等)", basis, setter(move |text| {
                    draft.dispatch(Edit::SetBasis { item: iid.into(), text });
                }))}
            {super::evidence::evidence_list(iid)}
        </section>
    }
    .into_any()
}

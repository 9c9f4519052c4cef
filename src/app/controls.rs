//! Form controls shared by the pages, so that each shape is written (and compiled) once: a
//! `<select>` of choices ([`select`]) and the quick choices of a judged score
//! ([`quick_score_buttons`]).

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::rx::{live_flag, live_text, live_view};
use super::widgets::Setter;
use crate::engine::view::workbench::quick_scores;

/// One option of a [`Select`].
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// A longer text shown on hover (`title`), where there is one.
    pub title: Option<String>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice { value: value.into(), label: label.into(), title: None }
    }
}

/// The options of a [`Select`], in groups (`<optgroup label=…>`; a group without a label is
/// plain options).
pub type Choices = Vec<(Option<String>, Vec<Choice>)>;

/// Plain options, not grouped.
pub fn plain(choices: Vec<Choice>) -> Choices {
    vec![(None, choices)]
}

/// A `<select>` (see [`select`]): `value` is the value chosen ("" for none), every change goes
/// to `set`; a value that is not among the choices (from a file) stays shown, as `unlisted`
/// labels it (none: not shown).
pub struct SelectSpec {
    pub id: String,
    pub testid: String,
    pub value: Signal<String>,
    pub choices: Signal<Choices>,
    pub set: Setter,
    /// The label of the empty choice, first.
    pub placeholder: &'static str,
    pub unlisted: Option<Callback<String, String>>,
    pub invalid: Option<Signal<String>>,
    pub described_by: Option<String>,
}

impl SelectSpec {
    pub fn new(id: String, testid: String, value: Signal<String>, choices: Signal<Choices>, set: Setter) -> SelectSpec {
        SelectSpec {
            id,
            testid,
            value,
            choices,
            set,
            placeholder: "— 请选择 —",
            unlisted: None,
            invalid: None,
            described_by: None,
        }
    }
}

/// A `<select>`: the empty choice, a value not among the choices (if any), then the choices.
/// (A plain function, not a `#[component]`: its optional parts would make a props builder per
/// call site.)
pub fn select(s: SelectSpec) -> AnyView {
    let SelectSpec { id, testid, value, choices, set, placeholder, unlisted, invalid, described_by } = s;
    let listed = move |v: &str| choices.with(|g| g.iter().any(|(_, c)| c.iter().any(|c| c.value == v)));
    let option = move |c: Choice| {
        let v = c.value.clone();
        view! { <option value=c.value title=c.title selected=live_flag(move || value.with(|x| *x == v))>{c.label}</option> }
    };
    view! {
        <select id=id data-testid=testid aria-invalid=invalid aria-describedby=described_by
            on:change=move |ev| set(event_target_value(&ev))>
            <option value="" selected=live_flag(move || value.with(String::is_empty))>{placeholder}</option>
            {live_view(move || match unlisted {
                Some(label) if value.with(|v| !v.is_empty() && !listed(v)) => {
                    let v = value.get();
                    let text = label.run(v.clone());
                    view! { <option value=v selected=true>{text}</option> }.into_any()
                }
                _ => ().into_any(),
            })}
            {live_view(move || choices.get().into_iter().map(|(group, options)| {
                let options = options.into_iter().map(option).collect_view();
                match group {
                    Some(label) => view! { <optgroup label=label>{options}</optgroup> }.into_any(),
                    None => options.into_any(),
                }
            }).collect_view().into_any())}
        </select>
    }
    .into_any()
}

/// The quick choices of a judged score worth `points` with at most `decimals` places (0 / half /
/// full, from the engine), each pressed while it is the score typed (`value`); `lead` goes first
/// (a reviewer's "同自评"). Test ids: `{testid}-zero`, `-half`, `-full`.
pub fn quick_score_buttons(
    points: Decimal,
    decimals: u32,
    testid: String,
    value: Signal<String>,
    set: Setter,
    lead: Option<AnyView>,
) -> AnyView {
    view! {
        <div class="quick" role="group" aria-label="快捷评分">
            {lead}
            {quick_scores(points, decimals).into_iter().map(|q| {
                let (v1, v2) = (q.value.clone(), q.value);
                let set = set.clone();
                view! {
                    <button type="button" class="btn small quick-btn" aria-label=q.aria
                        data-testid=format!("{testid}-{}", q.kind)
                        aria-pressed=live_text(move || value.with(|v| *v == v1).to_string())
                        on:click=move |_| set(v2.clone())>{q.label}</button>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// A labelled text area for a longer text as typed (a basis, a comment, an opinion): `class` of
/// its field, `rows` high; every change goes to `set`.
#[allow(clippy::too_many_arguments)]
pub fn text_area(
    class: &'static str,
    id: String,
    testid: String,
    label: String,
    rows: &'static str,
    placeholder: &'static str,
    value: Signal<String>,
    set: Setter,
) -> AnyView {
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            <textarea id=id rows=rows data-testid=testid placeholder=placeholder prop:value=value
                on:input=move |ev| set(event_target_value(&ev))></textarea>
        </div>
    }
    .into_any()
}

/// What a [`text_input`] is: its field's class, its id (also its test id), its label, its type
/// (`text` or `date`), its `autocomplete` and `placeholder` where it has them.
pub struct InputSpec {
    pub class: &'static str,
    pub id: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub autocomplete: Option<&'static str>,
    pub placeholder: Option<Signal<String>>,
}

impl InputSpec {
    pub fn new(class: &'static str, id: &'static str, label: &'static str) -> InputSpec {
        InputSpec { class, id, label, kind: "text", autocomplete: None, placeholder: None }
    }
}

/// A labelled one-line input (a person's name, a unit, a date) showing `value`; every change goes
/// to `set`; `after` follows it in its field (a hint).
pub fn text_input(spec: InputSpec, value: Signal<String>, set: Setter, after: Option<AnyView>) -> AnyView {
    let InputSpec { class, id, label, kind, autocomplete, placeholder } = spec;
    view! {
        <div class=class>
            <label for=id>{label}</label>
            <input id=id type=kind autocomplete=autocomplete placeholder=placeholder data-testid=id prop:value=value
                on:input=move |ev| set(event_target_value(&ev))/>
            {after}
        </div>
    }
    .into_any()
}

/// The engine's explanation of a score ("计分说明"), when it has one.
pub fn details_list(lines: Signal<Vec<String>>, testid: Option<String>) -> AnyView {
    live_view(move || {
        let lines = lines.get();
        if lines.is_empty() {
            return ().into_any();
        }
        view! {
            <div class="details" data-testid=testid.clone()>
                <p class="details-title">"计分说明"</p>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any()
    })
    .into_any()
}

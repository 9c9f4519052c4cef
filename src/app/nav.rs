//! The navigation: 基本情况, the 4 dimensions with their 25 indicators (score and whether
//! complete), 结果汇总. On a narrow screen it folds behind a 目录 button.

use leptos::prelude::*;

use super::review::use_layers;
use super::rx::live_text;
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Navigation, Page};
use crate::engine::view::steps::heading;
use crate::engine::view::workbench::{indicator_state, score_of, subject_state};

#[component]
pub fn Nav() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let l = use_layers();
    let open = RwSignal::new(false);
    let go = move |p: Page| {
        open.set(false);
        nav.go(p);
    };
    let rubric = &draft.loaded_rubric().rubric;
    let subject_st = Memo::new(move |_| draft.assessment.with(|a| draft.outcome.with(|o| subject_state(o, &a.subject))));

    view! {
        <nav class="sidebar" aria-label="自评目录">
            <button type="button" class="btn nav-toggle" aria-controls="nav-list"
                aria-expanded=live_text(move || open.get().to_string()) on:click=move |_| open.update(|o| *o = !*o)>
                {live_text(move || if open.get() { "收起目录".into() } else { "目录:基本情况、各项指标、结果汇总".into() })}
            </button>
            <ul id="nav-list" class=live_text(move || if open.get() { "nav-list open".into() } else { "nav-list".into() })>
                <SectionLink page=Page::Subject testid="nav-subject" sign="◆" title="基本情况" go=Callback::new(go)
                    state=Signal::derive(move || subject_st.get())/>
                <super::process::ProcessNav go=Callback::new(go)/>
                {rubric.dimensions.iter().map(|d| {
                    let did = d.id.clone();
                    let did2 = d.id.clone();
                    let dim_score = live_text(move || l.with_shown(|o| {
                        o.dimensions.iter().find(|x| x.id == did).map(|x| score_of(x.score, x.max)).unwrap_or_default()
                    }));
                    let dim_rate = Memo::new(move |_| l.with_shown(|o| {
                        o.dimensions.iter().find(|x| x.id == did2).map(|x| (x.rate_display(), x.passed)).unwrap_or_default()
                    }));
                    view! {
                        <li class="nav-group">
                            <p class="nav-dim">
                                <span class="nav-dim-name">{d.name.clone()}</span>
                                <span class="nav-dim-score">{dim_score}"分"</span>
                                <span class=live_text(move || if dim_rate.get().1 { "nav-dim-rate ok".into() } else { "nav-dim-rate".into() })>
                                    {live_text(move || format!("{}%", dim_rate.get().0))}
                                </span>
                            </p>
                            <ul>
                                {d.indicators.iter().map(|ind| {
                                    let n = ind.number;
                                    let p = Page::Indicator(n);
                                    let st = Memo::new(move |_| l.with_shown(|o| o.indicator(n).map(indicator_state).unwrap_or(("", ""))));
                                    let sc = live_text(move || l.with_shown(|o| o.indicator(n).map(|r| score_of(r.score, r.max)).unwrap_or_default()));
                                    view! {
                                        <li>
                                            <button type="button" class=link_class(nav, p) aria-current=current(nav, p)
                                                data-testid=format!("nav-ind-{n}") title=ind.title.clone() on:click=move |_| go(p)>
                                                <span class="nav-num">{n}</span>
                                                <span class="nav-title">{heading(&ind.title).to_string()}</span>
                                                <span class="nav-score" data-testid=format!("nav-score-{n}")>{sc}</span>
                                                <StateMark state=Signal::derive(move || st.get())/>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
                <SectionLink page=Page::Summary testid="nav-summary" sign="∑" title="结果汇总" go=Callback::new(go)/>
            </ul>
        </nav>
    }
}

/// A link of the navigation to a page that is not an indicator (基本情况, 申请条件, 创建流程,
/// 结果汇总): its sign, its title and, where it has one, its state.
#[component]
pub fn SectionLink(
    page: Page,
    testid: &'static str,
    sign: &'static str,
    title: &'static str,
    go: Callback<Page>,
    #[prop(optional)] state: Option<Signal<(&'static str, &'static str)>>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <li>
            <button type="button" class=link_class(nav, page) aria-current=current(nav, page)
                data-testid=testid on:click=move |_| go.run(page)>
                <span class="nav-num" aria-hidden="true">{sign}</span>
                <span class="nav-title">{title}</span>
                <span class="nav-score"></span>
                {match state {
                    Some(state) => view! { <StateMark state=state/> }.into_any(),
                    None => view! { <span class="state"></span> }.into_any(),
                }}
            </button>
        </li>
    }
}

/// The class of a link to `page`: active while it is shown.
fn link_class(nav: Navigation, page: Page) -> Signal<String> {
    live_text(move || if nav.page.get() == page { "nav-link active".into() } else { "nav-link".into() })
}

/// `aria-current` of a link to `page`.
fn current(nav: Navigation, page: Page) -> Signal<String> {
    live_text(move || if nav.page.get() == page { "page".into() } else { "false".into() })
}

/// A small mark (✓ ◐ ! ○) with its meaning for screen readers.
#[component]
pub fn StateMark(state: Signal<(&'static str, &'static str)>) -> impl IntoView {
    let mark = live_text(move || {
        match state.get().0 {
            "state-done" => "✓",
            "state-error" => "!",
            "state-partial" => "◐",
            _ => "○",
        }
        .into()
    });
    let words = live_text(move || state.get().1.into());
    view! {
        <span class=live_text(move || format!("state {}", state.get().0)) title=words>
            <span aria-hidden="true">{mark}</span>
            <span class="sr-only">{words}</span>
        </span>
    }
}

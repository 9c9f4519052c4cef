//! The navigation: 基本情况, the 4 dimensions with their 25 indicators (score and whether
//! complete), 结果汇总. On a narrow screen it folds behind a 目录 button.

use leptos::prelude::*;

use super::review::use_layers;
use super::rx::tx;
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
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
    let link_class = move |p: Page| tx(move || if nav.page.get() == p { "nav-link active".into() } else { "nav-link".into() });
    let current = move |p: Page| tx(move || if nav.page.get() == p { "page".into() } else { "false".into() });
    let subject_st = Memo::new(move |_| draft.assessment.with(|a| draft.outcome.with(|o| subject_state(o, &a.subject))));

    view! {
        <nav class="sidebar" aria-label="自评目录">
            <button type="button" class="btn nav-toggle" aria-controls="nav-list"
                aria-expanded=tx(move || open.get().to_string()) on:click=move |_| open.update(|o| *o = !*o)>
                {tx(move || if open.get() { "收起目录".into() } else { "目录:基本情况、各项指标、结果汇总".into() })}
            </button>
            <ul id="nav-list" class=tx(move || if open.get() { "nav-list open".into() } else { "nav-list".into() })>
                <li>
                    <button type="button" class=link_class(Page::Subject) aria-current=current(Page::Subject)
                        data-testid="nav-subject" on:click=move |_| go(Page::Subject)>
                        <span class="nav-num" aria-hidden="true">"◆"</span>
                        <span class="nav-title">"基本情况"</span>
                        <span class="nav-score"></span>
                        <StateMark state=Signal::derive(move || subject_st.get())/>
                    </button>
                </li>
                <super::process::ProcessNav go=Callback::new(go)/>
                {rubric.dimensions.iter().map(|d| {
                    let did = d.id.clone();
                    let did2 = d.id.clone();
                    let dim_score = tx(move || l.with_shown(|o| {
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
                                <span class=tx(move || if dim_rate.get().1 { "nav-dim-rate ok".into() } else { "nav-dim-rate".into() })>
                                    {tx(move || format!("{}%", dim_rate.get().0))}
                                </span>
                            </p>
                            <ul>
                                {d.indicators.iter().map(|ind| {
                                    let n = ind.number;
                                    let p = Page::Indicator(n);
                                    let st = Memo::new(move |_| l.with_shown(|o| o.indicator(n).map(indicator_state).unwrap_or(("", ""))));
                                    let sc = tx(move || l.with_shown(|o| o.indicator(n).map(|r| score_of(r.score, r.max)).unwrap_or_default()));
                                    view! {
                                        <li>
                                            <button type="button" class=link_class(p) aria-current=current(p)
                                                data-testid=format!("nav-ind-{n}") title=ind.title.clone() on:click=move |_| go(p)>
                                                <span class="nav-num">{n}</span>
                                                <span class="nav-title">{ind.title.trim_end_matches('。').to_string()}</span>
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
                <li>
                    <button type="button" class=link_class(Page::Summary) aria-current=current(Page::Summary)
                        data-testid="nav-summary" on:click=move |_| go(Page::Summary)>
                        <span class="nav-num" aria-hidden="true">"∑"</span>
                        <span class="nav-title">"结果汇总"</span>
                        <span class="nav-score"></span>
                        <span class="state"></span>
                    </button>
                </li>
            </ul>
        </nav>
    }
}

/// A small mark (✓ ◐ ! ○) with its meaning for screen readers.
#[component]
pub fn StateMark(state: Signal<(&'static str, &'static str)>) -> impl IntoView {
    let mark = tx(move || {
        match state.get().0 {
            "state-done" => "✓",
            "state-error" => "!",
            "state-partial" => "◐",
            _ => "○",
        }
        .into()
    });
    let words = tx(move || state.get().1.into());
    view! {
        <span class=tx(move || format!("state {}", state.get().0)) title=words>
            <span aria-hidden="true">{mark}</span>
            <span class="sr-only">{words}</span>
        </span>
    }
}

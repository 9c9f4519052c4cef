//! 版本比较: two files of one assessment (e.g. last month's and today's), and what changed
//! between them: inputs, subject, review layers, and the scores and verdict that follow
//! (`engine::view::version_diff::diff_opened`).

use std::rc::Rc;

use leptos::prelude::*;

use super::browser;
use super::rx::{live_flag, live_view};
use super::multi_open::{head_view, rows_view, text, use_tools, Loaded, MultiOpen, Row, TableCell, ToolHeader};
use crate::engine::view::tools::{
    compare_headline, failure_view, input_change_rows, review_change_rows, score_change_rows, subject_change_rows,
    version_facts, ChangeRow, ScoreChangeRow,
};
use crate::engine::view::version_diff::{diff_opened, VersionDiff};

#[component]
pub fn ComparePage() -> impl IntoView {
    let st = use_tools();
    let old: RwSignal<Option<Loaded>> = st.old.clone().into();
    let new: RwSignal<Option<Loaded>> = st.new.clone().into();
    let diff = Memo::new(move |_| -> Option<Result<VersionDiff, String>> {
        old.with(|o| {
            new.with(|n| {
                let (o, n) = (o.as_ref()?, n.as_ref()?);
                // Both files must use the same rubric; the old one's is the one to compare under.
                Some(diff_opened(&o.rubric?.rubric, o.opened()?, n.opened()?).map_err(|e| e.to_string()))
            })
        })
    });

    view! {
        <section class="page-section tools-page compare-page" aria-labelledby="page-heading">
            <ToolHeader title="版本比较:同一评估的两个版本">
                <p>
                    "打开同一评估的两个文件(例如上个月保存的和今天保存的),查看哪些输入发生了变化,以及它们使哪些分数和结论发生了变化。"
                    "两个文件都按本程序的指标体系重新计分。"
                </p>
            </ToolHeader>
            <div class="version-slots">
                <VersionSlot id="compare-old" title="旧版本" version=old target=st.old.clone()/>
                <div class="swap">
                    <button type="button" class="btn small" data-testid="compare-swap"
                        disabled=live_flag(move || old.with(Option::is_none) && new.with(Option::is_none))
                        on:click=move |_| {
                            let (a, b) = (old.get_untracked(), new.get_untracked());
                            old.set(b);
                            new.set(a);
                        }>"⇄ 交换新旧"</button>
                </div>
                <VersionSlot id="compare-new" title="新版本" version=new target=st.new.clone()/>
            </div>
            {live_view(move || match diff.get() {
                None => view! {
                    <p class="empty" data-testid="compare-empty">"请分别打开旧版本和新版本的评估文件。"</p>
                }.into_any(),
                Some(Err(reason)) => view! {
                    <div class="notice error" role="alert" data-testid="compare-refusal">
                        <div class="notice-body"><p class="notice-title">"无法比较这两个文件"</p><p>{reason}</p></div>
                    </div>
                }.into_any(),
                Some(Ok(d)) => view! { <DiffView diff=d/> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn VersionSlot(
    id: &'static str,
    title: &'static str,
    version: RwSignal<Option<Loaded>>,
    target: ArcRwSignal<Option<Loaded>>,
) -> impl IntoView {
    let on_done: Rc<dyn Fn(Vec<Loaded>)> = Rc::new(move |loaded: Vec<Loaded>| {
        if let Some(first) = loaded.into_iter().next() {
            target.set(Some(first));
        }
    });
    let label = if title == "旧版本" { "选择旧版本文件" } else { "选择新版本文件" };
    view! {
        <div class="version-slot" data-testid=id>
            <h3>{title}</h3>
            <MultiOpen id=id label=label multiple=false on_done=on_done/>
            {live_view(move || version.get().map_or_else(|| ().into_any(), |l| match &l.result {
                Ok(o) => {
                    let facts = version_facts(o, &browser::local_time(&o.file.saved_at));
                    view! {
                        <div class="version-file" data-testid=format!("{id}-file")>
                            <p class="file-name">{l.name.clone()}</p>
                            <p class="hint">{facts}</p>
                        </div>
                    }.into_any()
                }
                Err(e) => {
                    let f = failure_view(&l.name, e);
                    view! {
                        <div class="version-file problem error" data-testid=format!("{id}-error")>
                            <p class="file-name">{f.name}</p>
                            <p>{format!("无法读取:位置:{};原因:{}", f.place, f.reason)}</p>
                        </div>
                    }.into_any()
                }
            }))}
        </div>
    }
}

#[component]
fn DiffView(diff: VersionDiff) -> impl IntoView {
    let headline = compare_headline(&diff);
    let scores = score_change_rows(&diff);
    let subject = subject_change_rows(&diff);
    let inputs = input_change_rows(&diff);
    let reviews = review_change_rows(&diff);
    let verdict_changed = diff.verdict.is_some();
    view! {
        <div class="compare-result" data-testid="compare-result">
            <p class=if verdict_changed { "compare-headline changed" } else { "compare-headline" } data-testid="compare-headline">
                {headline}
            </p>
            {(!scores.is_empty()).then(|| view! {
                <h3>"分数变化"</h3>
                <div class="table-scroll">
                    <table class="tool-table change-table" data-testid="compare-scores">
                        <thead>{head_view(titles(&[("位置", false), ("旧版本", true), ("新版本", true), ("变化", true)]))}</thead>
                        <tbody>{rows_view(scores.into_iter().map(score_row).collect())}</tbody>
                    </table>
                </div>
            })}
            <ChangeTable title="基本情况的变化" testid="compare-subject" rows=subject/>
            <ChangeTable title="自评输入的变化" testid="compare-inputs" rows=inputs/>
            <ChangeTable title="评审内容的变化" testid="compare-reviews" rows=reviews/>
        </div>
    }
}

#[component]
fn ChangeTable(title: &'static str, testid: &'static str, rows: Vec<ChangeRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        view! {
            <h3>{format!("{title}({}处)", rows.len())}</h3>
            <div class="table-scroll">
                <table class="tool-table change-table" data-testid=testid>
                    <thead>{head_view(titles(&[("位置", false), ("旧版本", false), ("新版本", false)]))}</thead>
                    <tbody>{rows_view(rows.into_iter().map(change_row).collect())}</tbody>
                </table>
            </div>
        }
    })
}

fn titles(t: &[(&str, bool)]) -> Vec<(String, bool)> {
    t.iter().map(|(s, n)| (s.to_string(), *n)).collect()
}

fn score_row(s: ScoreChangeRow) -> Row {
    let class = match s.level {
        "item" => "level-item",
        "indicator" => "level-indicator",
        "dimension" => "level-dimension",
        _ => "level-total",
    };
    Row {
        class: Some(class),
        testid: Some("score-change"),
        key: None,
        cells: vec![
            TableCell::th(None, vec![text(s.what)]),
            TableCell::td(Some("num"), vec![text(s.old)]),
            TableCell::td(Some("num"), vec![text(s.new)]),
            TableCell::td(Some(if s.up { "num delta up" } else { "num delta down" }), vec![text(s.delta)]),
        ],
    }
}

fn change_row(r: ChangeRow) -> Row {
    Row {
        class: None,
        testid: Some("input-change"),
        key: None,
        cells: vec![
            TableCell::th(None, vec![text(r.what)]),
            TableCell::td(Some("old-value"), vec![text(r.old)]),
            TableCell::td(Some("new-value"), vec![text(r.new)]),
        ],
    }
}

//! 版本比较: two files of one assessment (e.g. last month's and today's), and what changed
//! between them: inputs, subject, review layers, and the scores and verdict that follow
//! (`engine::view::version_diff::diff_opened`). Each slot keeps its file (a handle) and what the
//! tools' worker answered for it (`engine::view::tool_files::VersionFile`, or the refusal); when both
//! slots hold a file that was read, the worker reads both and answers with the comparison as shown
//! (`engine::view::tools::CompareView`, its tables capped), so that two large files never hold the
//! page. While it works, the page says so.

use std::rc::Rc;

use leptos::prelude::*;

use super::browser;
use super::rx::{live_flag, live_view};
use super::multi_open::{compare_files, head_view, rows_view, text, use_tools, Loaded, MultiOpen, Row, TableCell, ToolHeader};
use super::state::rubrics::use_rubrics;
use crate::engine::view::tool_files::VersionFile;
use crate::engine::view::tools::{failure_view, version_facts, ChangeRow, ChangeTableView, CompareView, ScoreChangeRow};

#[component]
pub fn ComparePage() -> impl IntoView {
    let st = use_tools();
    let rubrics = use_rubrics();
    let old: RwSignal<Option<Loaded<VersionFile>>> = st.old.clone().into();
    let new: RwSignal<Option<Loaded<VersionFile>>> = st.new.clone().into();
    let compared = st.compared.clone();
    // The files to compare (their ids, old first): both slots hold a file that was read.
    let pair = Memo::new(move |_| {
        old.with(|o| {
            new.with(|n| match (o, n) {
                (Some(o), Some(n)) if o.result.is_ok() && n.result.is_ok() => Some((o.id, n.id)),
                _ => None,
            })
        })
    });
    // A new pair (a file opened, the slots swapped) is compared in the worker; the answer is kept
    // only if the slots still hold that pair.
    Effect::new({
        let compared = compared.clone();
        let (st_old, st_new) = (st.old.clone(), st.new.clone());
        move |_| {
            let Some(ids) = pair.get() else { return };
            if compared.with_untracked(|c| c.as_ref().is_some_and(|c| c.0 == ids)) {
                return;
            }
            let file = |slot: &Option<Loaded<VersionFile>>| slot.as_ref().map(|l| l.file.clone());
            let (Some(a), Some(b)) = (old.with_untracked(file), new.with_untracked(file)) else { return };
            let rubrics = rubrics.all_pinned();
            let (compared, st_old, st_new) = (compared.clone(), st_old.clone(), st_new.clone());
            leptos::task::spawn_local(async move {
                let (result, note) = compare_files(rubrics, &a, &b).await;
                let id = |slot: &Option<Loaded<VersionFile>>| slot.as_ref().map(|l| l.id);
                if (st_old.with_untracked(id), st_new.with_untracked(id)) == (Some(ids.0), Some(ids.1)) {
                    compared.set(Some((ids, result.map_err(|e| e.to_string()), note)));
                }
            });
        }
    });
    let compared: RwSignal<_> = compared.into();

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
            {live_view(move || {
                let Some(ids) = pair.get() else {
                    return view! {
                        <p class="empty" data-testid="compare-empty">"请分别打开旧版本和新版本的评估文件。"</p>
                    }.into_any();
                };
                let shown = compared.with(|c| c.as_ref().filter(|c| c.0 == ids).map(|c| (c.1.clone(), c.2.clone())));
                let Some((result, note)) = shown else {
                    return view! {
                        <p class="read-status compare-status" role="status" data-testid="compare-status">
                            <progress aria-hidden="true"></progress>
                            <span class="progress-text">"正在比较两个版本……"</span>
                        </p>
                    }.into_any();
                };
                let note = note.map(|n| view! { <p class="hint" role="status" data-testid="compare-note">{n}</p> });
                match result {
                    Err(reason) => view! {
                        {note}
                        <div class="notice error" role="alert" data-testid="compare-refusal">
                            <div class="notice-body"><p class="notice-title">"无法比较这两个文件"</p><p>{reason}</p></div>
                        </div>
                    }.into_any(),
                    Ok(d) => view! { {note}<DiffView diff=d/> }.into_any(),
                }
            })}
        </section>
    }
}

#[component]
fn VersionSlot(
    id: &'static str,
    title: &'static str,
    version: RwSignal<Option<Loaded<VersionFile>>>,
    target: ArcRwSignal<Option<Loaded<VersionFile>>>,
) -> impl IntoView {
    let on_done: Rc<dyn Fn(Vec<Loaded<VersionFile>>)> = Rc::new(move |loaded: Vec<Loaded<VersionFile>>| {
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
                    let facts = version_facts(o, &browser::local_time(&o.saved_at));
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
fn DiffView(diff: CompareView) -> impl IntoView {
    let CompareView { headline, verdict_changed, scores, subject, inputs, reviews } = diff;
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
            <ChangeTable testid="compare-subject" table=subject/>
            <ChangeTable testid="compare-inputs" table=inputs/>
            <ChangeTable testid="compare-reviews" table=reviews/>
        </div>
    }
}

/// A table of changes, with the line that counts those not listed.
#[component]
fn ChangeTable(testid: &'static str, table: ChangeTableView) -> impl IntoView {
    let ChangeTableView { heading, rows, more } = table;
    (!rows.is_empty()).then(|| {
        view! {
            <h3>{heading}</h3>
            <div class="table-scroll">
                <table class="tool-table change-table" data-testid=testid>
                    <thead>{head_view(titles(&[("位置", false), ("旧版本", false), ("新版本", false)]))}</thead>
                    <tbody>{rows_view(rows.into_iter().map(change_row).collect())}</tbody>
                </table>
            </div>
            {more.map(|m| view! { <p class="hint more-changes" data-testid=format!("{testid}-more")>{m}</p> })}
        }
    })
}

fn titles(t: &[(&str, bool)]) -> Vec<(String, bool)> {
    t.iter().map(|(s, n)| (s.to_string(), *n)).collect()
}

fn score_row(s: ScoreChangeRow) -> Row {
    let class = match s.level.as_str() {
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

//! 专家组合议: the coordinator opens the expert score sheets of one assessment (第十四条) and gets
//! the panel result (`engine::panel`): per indicator each expert's score, the mean (rounded half up
//! to two decimals), the spread and the indicators where the experts disagree much; dimensions,
//! total and verdict. Sheets that do not belong together are refused with the engine's reason,
//! naming the file. Each sheet is read in the tools' worker, which answers with what the panel
//! merges of it (`engine::view::tool_files::PanelSheet`), not the whole file.

use crate::engine::score::panel::outlier_percent;
use std::rc::Rc;

use leptos::prelude::*;

use super::rx::{live_flag, live_view};
use super::multi_open::{
    failures_of, held_bytes, head_view, rows_view, styled, text, use_tools, Failures, Loaded, MultiOpen, Row, TableCell, ToolHeader,
};
use crate::engine::view::tool_files::PanelSheet;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::score::panel::Panel;
use crate::engine::support::problem::Refusal;
use crate::engine::view::tools::{
    panel_experts, panel_headers, panel_of, panel_summary, panel_view, ExpertView, PanelDimensionView,
};

#[component]
pub fn PanelPage() -> impl IntoView {
    let sheets: RwSignal<Vec<Loaded<PanelSheet>>> = use_tools().panel.into();
    // The same panel as `demozone panel` prints (engine::view::tools::panel_of): merged with the
    // first sheet's rubric; the engine refuses sheets of another one.
    let merged = Memo::new(move |_| -> Option<Result<(Panel, &'static LoadedRubric), Vec<Refusal>>> {
        sheets.with(|s| {
            let read: Vec<(&str, &PanelSheet, &'static LoadedRubric)> =
                s.iter().filter_map(|l| Some((l.name.as_str(), l.opened()?, l.rubric?))).collect();
            let rubric = read.first()?.2;
            panel_of(&read).map(|merged| merged.map(|p| (p, rubric)))
        })
    });
    let failures = Signal::derive(move || sheets.with(|s| failures_of(s)));
    let target = use_tools().panel;
    let on_done: Rc<dyn Fn(Vec<Loaded<PanelSheet>>)> = Rc::new(move |loaded| target.update(|f| f.extend(loaded)));

    view! {
        <section class="page-section tools-page panel-page" aria-labelledby="page-heading">
            <ToolHeader title="专家组合议:合并多位专家的评分">
                <p>
                    "市场监管总局组织评估专家对创建对象进行评估(《管理办法》的评估)。每位专家在评估文件中填写自己的评分后返回一份评分表;"
                    "在这里打开同一评估的全部评分表,得到每个指标各位专家的评分、平均分(四舍五入保留两位小数)和极差。"
                    {format!("专家评分相差达到该指标分值{}%的指标会标出。维度得分和总分是各指标平均分之和。", outlier_percent())}
                </p>
            </ToolHeader>
            <div class="tool-actions">
                <MultiOpen id="panel-files" label="选择专家评分表(可多选)" multiple=true on_done=on_done
                    held=Signal::derive(move || sheets.with(|s| held_bytes(s)))/>
                <div class="export-actions">
                    <button type="button" class="btn danger-text" data-testid="panel-clear" disabled=live_flag(move || sheets.with(Vec::is_empty))
                        on:click=move |_| sheets.set(Vec::new())>"全部移除"</button>
                </div>
            </div>
            <Failures items=failures testid="panel-failures"/>
            {live_view(move || {
                let list: Vec<(u64, String)> = sheets.with(|s| s.iter().filter(|l| l.opened().is_some()).map(|l| (l.id, l.name.clone())).collect());
                if list.is_empty() {
                    return ().into_any();
                }
                view! {
                    <div class="sheet-list">
                        <h3>{format!("已打开的评分表({}份)", list.len())}</h3>
                        <ul data-testid="panel-sheets">
                            {list.into_iter().map(|(id, name)| {
                                let label = format!("移除「{name}」");
                                view! {
                                    <li data-testid="panel-sheet">
                                        <span class="sheet-name">{name}</span>
                                        <button type="button" class="btn small" aria-label=label data-testid="panel-remove"
                                            on:click=move |_| sheets.update(|s| s.retain(|l| l.id != id))>"移除"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any()
            })}
            {live_view(move || match merged.get() {
                None => view! {
                    <p class="empty" data-testid="panel-empty">"还没有打开专家评分表。"</p>
                }.into_any(),
                Some(Err(refusals)) => view! {
                    <div class="notice error" role="alert" data-testid="panel-refusals">
                        <div class="notice-body">
                            <p class="notice-title">"以下评分表不能与其他评分表合并,请移除后再看合议结果:"</p>
                            <ul class="notice-lines">
                                {refusals.into_iter().map(|r| view! { <li data-testid="panel-refusal">{r.to_string()}</li> }).collect_view()}
                            </ul>
                        </div>
                    </div>
                }.into_any(),
                Some(Ok((panel, rubric))) => view! { <PanelResult panel=panel rubric=rubric/> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn PanelResult(panel: Panel, rubric: &'static LoadedRubric) -> impl IntoView {
    let summary = panel_summary(&panel);
    let experts = panel_experts(&panel);
    let dims = panel_view(&panel, &rubric.rubric);
    let headers = panel_headers(&panel);
    let span = headers.len().to_string();
    let problems: Vec<String> = panel.outcome.problems.iter().map(|p| p.to_string()).collect();
    let subject = panel.subject.name.trim().to_string();
    view! {
        <div class="panel-result" data-testid="panel-result">
            <div class=if summary.passed { "verdict pass panel-verdict" } else { "verdict fail panel-verdict" } data-testid="panel-summary">
                <p class="panel-subject">{format!("创建对象:{}", if subject.is_empty() { "(未填写名称)".to_string() } else { subject })}</p>
                <p class="total-line">"专家组平均总分 "<strong data-testid="panel-total">{summary.total}</strong></p>
                <p class="verdict-word" data-testid="panel-verdict">{summary.verdict}</p>
                <p class="hint">{summary.facts}</p>
            </div>
            <h3>"参加合议的专家"</h3>
            <div class="table-scroll">
                <table class="tool-table experts-table" data-testid="panel-experts">
                    <thead>{head_view(expert_titles())}</thead>
                    <tbody>{rows_view(experts.into_iter().map(expert_row).collect())}</tbody>
                </table>
            </div>
            <h3>"各指标评分"</h3>
            <p class="hint">"标为橙色的指标专家评分分歧较大;偏离平均分最远的评分加框显示。"</p>
            <div class="table-scroll tall" role="region" aria-label="各指标评分" tabindex="0">
                <table class="tool-table panel-table" data-testid="panel-table">
                    <thead>{head_view(headers)}</thead>
                    {dims.into_iter().map(|d| view! { <tbody>{rows_view(dimension_rows(d, &span))}</tbody> }).collect_view()}
                </table>
            </div>
            {(!problems.is_empty()).then(|| view! {
                <details class="notice warning panel-problems" data-testid="panel-problems">
                    <summary>{format!("{}条提示和错误(各位专家评分表中的问题,以及合议时的提示)", problems.len())}</summary>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </details>
            })}
        </div>
    }
}

fn expert_titles() -> Vec<(String, bool)> {
    [("专家", false), ("评分表文件", false), ("评估日期", false), ("本人总分", true), ("评估意见", false)]
        .into_iter()
        .map(|(t, n)| (t.to_string(), n))
        .collect()
}

fn expert_row(e: ExpertView) -> Row {
    Row {
        class: None,
        testid: None,
        key: None,
        cells: vec![
            TableCell::th(None, vec![text(e.name)]),
            TableCell::td(Some("source"), vec![text(e.file)]),
            TableCell::td(None, vec![text(e.at)]),
            TableCell::td(Some("num"), vec![text(e.total)]),
            TableCell::td(Some("opinion"), vec![text(e.opinion)]),
        ],
    }
}

/// A dimension's heading row and its indicators' rows.
fn dimension_rows(d: PanelDimensionView, span: &str) -> Vec<Row> {
    let head = TableCell {
        parts: vec![
            styled("dim-name", d.name),
            styled("dim-figures", format!("专家组得分 {} · 得分率 {}", d.score, d.rate)),
            styled(if d.passed { "verdict-tag pass" } else { "verdict-tag fail" }, if d.passed { "达到合格线" } else { "未达合格线" }),
        ],
        scope: Some("rowgroup"),
        colspan: Some(span.to_string()),
        ..Default::default()
    };
    let mut rows = vec![Row { class: Some("dim-row"), testid: Some("panel-dim"), key: None, cells: vec![head] }];
    rows.extend(d.rows.into_iter().map(|r| {
        let mut cells = vec![
            TableCell::th(Some("ind-title"), vec![text(format!("{}. {}", r.number, r.title))]),
            TableCell::td(Some("num"), vec![text(r.max)]),
        ];
        cells.extend(r.scores.into_iter().map(|s| TableCell::td(Some(if s.far { "num far" } else { "num" }), vec![text(s.text)])));
        cells.push(TableCell::td(Some("num mean"), vec![text(r.mean)]).testid("panel-mean"));
        cells.push(TableCell::td(Some("num"), vec![text(r.spread)]));
        let flagged = r.outlier.is_some();
        cells.push(TableCell::td(Some("outlier-note"), r.outlier.into_iter().map(text).collect()));
        Row { class: flagged.then_some("outlier"), testid: Some("panel-row"), key: Some(r.number.to_string()), cells }
    }));
    rows
}

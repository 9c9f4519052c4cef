//! 省级汇总: the province opens many creation objects' assessment files at once (第八条: 择优推荐)
//! and gets one sortable table (`engine::ranking`), exported as CSV or .xlsx. The files are read and
//! scored, and the .xlsx is made, by a separate wasm worker (src/bin/tools_worker.rs), fetched only
//! when the user opens files or exports.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::rx::{live_flag, live_text, live_view};
use super::multi_open::{
    failures_of, held_bytes, recorded_of, rows_view, styled, text, TableCell, Failures, Loaded, MultiOpen, Part,
    RecordedNotes, Row, ToolHeader, TOOLS_WORKER_URL,
};
use crate::engine::view::tool_read::Ranked;
use crate::engine::score::ranking::{SortKey, SortOrder};
use crate::engine::view::tools::{
    aria_sort, next_sort, ranking_columns, ranking_file_name, ranking_rows, ranking_summary, row_steps, sort_arrow,
    sort_description, sorted_ranking, step_rows, xlsx_request, RankColumn, RankRowView, DEFAULT_SORT,
};

/// How long an export may take (200 rows take well under a second).
const XLSX_TIMEOUT_SECS: u64 = 60;
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

thread_local! {
    /// The files opened in 省级汇总: they stay when the user leaves the page and comes back (as
    /// the other tools' files in `multi_open::ToolsState`; kept here, in this page's module, so
    /// that nothing of 省级汇总's entries is in the first load).
    static RANKED: ArcRwSignal<Vec<Loaded<Ranked>>> = ArcRwSignal::new(Vec::new());
}

#[derive(Debug, Clone, PartialEq)]
enum Export {
    Idle,
    Working,
    Done(String),
    Failed(String),
}

#[component]
pub fn RankingPage() -> impl IntoView {
    let files: RwSignal<Vec<Loaded<Ranked>>> = RANKED.with(Clone::clone).into();
    let sort = RwSignal::new(DEFAULT_SORT);
    // The same table as `demozone rank` prints (engine::view::tools::sorted_ranking).
    let ranking = Memo::new(move |_| {
        let entries = files.with(|f| f.iter().filter_map(|l| l.opened().map(|r| r.entry.clone())).collect());
        sort.with(|s| sorted_ranking(entries, s))
    });
    let columns = Memo::new(move |_| ranking.with(ranking_columns));
    let failures = Signal::derive(move || files.with(|f| failures_of(f)));
    let recorded = Signal::derive(move || files.with(|f| recorded_of(f)));
    let export = RwSignal::new(Export::Idle);
    let has_rows = Memo::new(move |_| ranking.with(|r| !r.rows.is_empty()));

    let target = RANKED.with(Clone::clone);
    let on_done: Rc<dyn Fn(Vec<Loaded<Ranked>>)> = Rc::new(move |loaded| target.update(|f| f.extend(loaded)));

    let export_csv = move |_| {
        let name = ranking_file_name(&browser::today(), "csv");
        let csv = ranking.with_untracked(|r| r.to_csv());
        match browser::download_blob(&name, &JsValue::from_str(&csv), "text/csv;charset=utf-8") {
            Ok(()) => export.set(Export::Done(format!("已生成文件「{name}」(保存在浏览器的“下载”位置)"))),
            Err(e) => export.set(Export::Failed(format!("无法生成CSV文件:{e}"))),
        }
    };
    let export_xlsx = move |_| {
        if export.get_untracked() == Export::Working {
            return;
        }
        let name = ranking_file_name(&browser::today(), "xlsx");
        let json = ranking.with_untracked(xlsx_request);
        export.set(Export::Working);
        run_xlsx_worker(json, name, export);
    };

    view! {
        <section class="page-section tools-page ranking-page" aria-labelledby="page-heading">
            <ToolHeader title="省级汇总:多个创建对象的自评结果">
                <p>
                    "省级市场监管部门对本省创建对象的自评材料进行初审、择优推荐时(《管理办法》的初审推荐和评估初审),可在这里一次打开全部评估文件,"
                    "得到一张汇总表。所有分数都按本程序的指标体系重新计算;得分率只舍不入(不会因四舍五入越过合格线)。"
                </p>
            </ToolHeader>
            <div class="tool-actions">
                <MultiOpen id="ranking-files" label="选择评估文件(可多选)" multiple=true on_done=on_done
                    held=Signal::derive(move || files.with(|f| held_bytes(f)))/>
                <div class="export-actions" role="group" aria-label="导出汇总表">
                    <button type="button" class="btn" data-testid="export-csv" disabled=live_flag(move || !has_rows.get()) on:click=export_csv>"导出CSV"</button>
                    <button type="button" class="btn" data-testid="export-xlsx" disabled=live_flag(move || !has_rows.get() || export.get() == Export::Working)
                        on:click=export_xlsx>"导出Excel"</button>
                    <button type="button" class="btn danger-text" data-testid="ranking-clear" disabled=live_flag(move || files.with(Vec::is_empty))
                        on:click=move |_| { files.set(Vec::new()); export.set(Export::Idle); }>"清空"</button>
                </div>
            </div>
            <p class="export-status" role="status" data-testid="export-status">
                {live_text(move || match export.get() {
                    Export::Idle => String::new(),
                    Export::Working => "正在生成Excel文件……(第一次导出时需加载导出组件,请稍候)".into(),
                    Export::Done(m) | Export::Failed(m) => m,
                })}
            </p>
            <Failures items=failures testid="ranking-failures"/>
            <RecordedNotes files=recorded/>
            <Show when=move || has_rows.get() fallback=|| view! {
                <p class="empty" data-testid="ranking-empty">"还没有打开评估文件。点击“选择评估文件”,或把文件拖到上方的框中。"</p>
            }>
                <p class="ranking-summary" data-testid="ranking-summary">{live_text(move || ranking.with(ranking_summary))}</p>
                <p class="sort-status" aria-live="polite" data-testid="sort-status">
                    {live_text(move || ranking.with(|r| sort.with(|s| sort_description(r, s))))}
                    "(点击列标题可排序,再次点击反向)"
                </p>
                <div class="table-scroll tall" role="region" aria-label="汇总表" tabindex="0">
                    <table class="rank-table" data-testid="rank-table">
                        <thead>
                            <tr>
                                {live_view(move || columns.get().into_iter().map(|c| view! { <HeaderCell column=c sort=sort/> }).collect_view().into_any())}
                            </tr>
                        </thead>
                        <SteppedRows table=Memo::new(move |_| ranking.with(ranking_rows))/>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// The table's body, built in steps (`engine::view::tools::ROWS_PER_STEP` rows per animation frame)
/// so that hundreds of rows never block the page at once. A new table (files added, another sort)
/// is a new generation: its rows replace the old ones, again from the first step.
#[component]
fn SteppedRows(table: Memo<Vec<RankRowView>>) -> impl IntoView {
    let generation = Memo::new(move |previous: Option<&u64>| {
        table.track();
        previous.map_or(0, |g| g.wrapping_add(1))
    });
    // (generation, steps shown); a step count of an older generation counts as one.
    let shown = RwSignal::new((0u64, 1usize));
    let steps_shown = move || {
        let g = generation.get();
        shown.with(|&(sg, s)| if sg == g { s } else { 1 })
    };
    Effect::new(move |_| {
        let g = generation.get();
        let s = steps_shown();
        if s < table.with(|t| row_steps(t.len())) {
            // The page may be gone by the next frame (the user left the tool): then nothing to do.
            request_animation_frame(move || {
                if generation.try_get_untracked() == Some(g) {
                    shown.try_set((g, s + 1));
                }
            });
        }
    });
    view! {
        <tbody>
            <For
                each=move || {
                    let g = generation.get();
                    (0..steps_shown()).map(move |step| (g, step)).collect::<Vec<_>>()
                }
                key=|k| *k
                children=move |(_, step)| {
                    table.with_untracked(|t| rows_view(t[step_rows(step, t.len())].iter().cloned().map(rank_row).collect()))
                }
            />
        </tbody>
    }
}

/// One row of the table, as cells.
fn rank_row(r: RankRowView) -> Row {
    let verdict = if r.passed { "verdict-tag pass" } else { "verdict-tag fail" };
    let mut cells = vec![
        TableCell::td(Some("num pos"), vec![text(r.position)]),
        TableCell::th(Some("name"), vec![text(r.name)]).col("name"),
        TableCell::td(None, vec![text(r.kind)]).col("kind"),
        TableCell::td(None, vec![text(r.province)]).col("province"),
        TableCell::td(Some("num total"), vec![text(r.total)]).col("total"),
    ];
    cells.extend(r.rates.into_iter().map(|c| TableCell::td(Some(if c.passed { "num rate ok" } else { "num rate low" }), vec![text(c.text)])));
    cells.push(TableCell::td(None, vec![styled(verdict, r.verdict)]).col("verdict"));
    cells.push(TableCell::td(Some("missing-cell"), vec![text(r.missing)]).col("missing"));
    let dup = !r.duplicates.is_empty();
    let dups = if dup {
        vec![Part { text: "重复".into(), class: Some("dup-flag"), testid: Some("dup-flag") }, text(r.duplicates)]
    } else {
        Vec::new()
    };
    cells.push(TableCell::td(Some("dups-cell"), dups).col("dups"));
    cells.push(TableCell::td(Some("source"), vec![text(r.source)]).col("source"));
    Row { class: dup.then_some("dup"), testid: Some("rank-row"), key: Some(r.index.to_string()), cells }
}

/// A column header: a button that sorts when the column sorts.
#[component]
fn HeaderCell(column: RankColumn, sort: RwSignal<(SortKey, SortOrder)>) -> impl IntoView {
    let class = if column.numeric { "num" } else { "" };
    // Two lines in narrow columns (`促进发展` / `得分率`); the button's name is the whole label.
    let first = column.first_line().to_string();
    let sub = (!column.sub.is_empty()).then(|| view! { <span class="th-sub">{column.sub.clone()}</span> });
    match column.key {
        None => view! { <th scope="col" class=class>{column.label}</th> }.into_any(),
        Some(key) => {
            let k1 = key.clone();
            let k2 = key.clone();
            let k3 = key;
            view! {
                <th scope="col" class=class aria-sort=move || sort.with(|s| aria_sort(s, &k1))>
                    <button type="button" class="sort-btn" data-testid=format!("sort-{}", column.id)
                        aria-label=column.label.clone()
                        on:click=move |_| sort.update(|s| *s = next_sort(s, &k3))>
                        <span class="th-label">{first}{sub}</span>
                        <span class="sort-arrow" aria-hidden="true">{live_text(move || sort.with(|s| sort_arrow(s, &k2).to_string()))}</span>
                    </button>
                </th>
            }
            .into_any()
        }
    }
}

/// Starts the .xlsx worker (its files are fetched now, not at page load), sends it the table and
/// downloads what it returns.
fn run_xlsx_worker(json: String, name: String, export: RwSignal<Export>) {
    let worker = match web_sys::Worker::new(TOOLS_WORKER_URL) {
        Ok(w) => w,
        Err(e) => {
            export.set(Export::Failed(format!("无法启动Excel导出组件:{};可改用“导出CSV”", browser::js_text(e))));
            return;
        }
    };
    // Set once the job ends (done, failed or timed out): later events are ignored.
    let ended = Rc::new(Cell::new(false));
    let w = worker.clone();
    let end = ended.clone();
    let mut job = Some(json);
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if end.get() {
            return;
        }
        let data = e.data();
        let field = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        match field("kind").as_string().as_deref() {
            Some("ready") => {
                if let Some(json) = job.take() {
                    if let Err(e) = w.post_message(&JsValue::from_str(&json)) {
                        end.set(true);
                        let _ = export.try_set(Export::Failed(format!("无法生成Excel文件:{}", browser::js_text(e))));
                        w.terminate();
                    }
                }
            }
            Some("done") => {
                end.set(true);
                w.terminate();
                let done = match browser::download_blob(&name, &field("bytes"), XLSX_MIME) {
                    Ok(()) => Export::Done(format!("已生成文件「{name}」(保存在浏览器的“下载”位置)")),
                    Err(e) => Export::Failed(format!("无法生成Excel文件:{e}")),
                };
                let _ = export.try_set(done);
            }
            _ => {
                end.set(true);
                w.terminate();
                let msg = field("message").as_string().unwrap_or_else(|| "导出组件返回了无法识别的结果".into());
                let _ = export.try_set(Export::Failed(format!("{msg};可改用“导出CSV”")));
            }
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let w = worker.clone();
    let end = ended.clone();
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        if end.replace(true) {
            return;
        }
        w.terminate();
        let detail = e.message();
        let detail = if detail.is_empty() { "导出组件加载或运行失败".to_string() } else { detail };
        let _ = export.try_set(Export::Failed(format!("无法生成Excel文件({detail});可改用“导出CSV”")));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    // Whatever happens in the worker, the button does not stay disabled.
    set_timeout(
        move || {
            if !ended.replace(true) {
                worker.terminate();
                let _ = export.try_set(Export::Failed("生成Excel文件超时;可改用“导出CSV”,或稍后重试".into()));
            }
        },
        std::time::Duration::from_secs(XLSX_TIMEOUT_SECS),
    );
}

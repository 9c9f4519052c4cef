//! What the multi-file tools show: 省级汇总 (the province ranking), 专家组合议 (the expert panel)
//! and 版本比较 (two versions of one assessment). Labels, formatted figures, counts, the sort
//! state of the ranking table and the message the .xlsx worker receives are made here, in plain
//! tested Rust, so that the Leptos components only lay them out (ARCHITECTURE.md: no arithmetic
//! in the shell).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::tool_files::{PanelSheet, VersionFile};
use super::version_diff::VersionDiff;
use super::workbench::{score_of, verdict_line};
use crate::engine::model::rubric::Rubric;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::score::panel::{merge_panel_labelled, Panel, Sheet};
use crate::engine::score::ranking::{RankEntry, Ranking, SortKey, SortOrder};
use crate::engine::score::review::{DiffScope, Difference};
use crate::engine::support::num::{fmt, fmt_signed};
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

// ---- Reading many files ----

/// `已读取 37 / 200`.
pub fn progress_text(done: usize, total: usize) -> String {
    format!("已读取 {done} / {total}")
}

/// A file that could not be read, as listed under the tools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureView {
    pub name: String,
    /// `字段「format」`, or `整个文件`.
    pub place: String,
    pub reason: String,
}

pub fn failure_view(name: &str, e: &Refusal) -> FailureView {
    let place = match e.location.path.as_deref() {
        Some(f) if !f.trim().is_empty() => format!("字段「{f}」"),
        _ => "整个文件".to_string(),
    };
    FailureView { name: name.to_string(), place, reason: e.message.clone() }
}

/// `已读取200个文件,其中3个无法读取(见下方列表)`.
pub fn read_summary(read: usize, failed: usize) -> String {
    if failed == 0 {
        format!("已读取{read}个文件")
    } else {
        format!("已读取{read}个文件,其中{failed}个无法读取(见下方列表)")
    }
}

/// The recorded scores of a file that differ from the recomputed ones, in one line.
pub fn recorded_note(name: &str, differences: &[String]) -> String {
    format!("「{}」:{}", short_file_text(name), differences.join(";"))
}

/// The name of an exported table: `示范区创建自评汇总-2025-11-27.csv`.
pub fn ranking_file_name(today: &str, ext: &str) -> String {
    format!("示范区创建自评汇总-{today}.{ext}")
}

// ---- 省级汇总: the ranking table ----

/// The order the table is first shown in (and `demozone rank` prints): total, best first.
pub const DEFAULT_SORT: (SortKey, SortOrder) = (SortKey::Total, SortOrder::Descending);

/// The table of the files that were read, in the order `sort` gives (ties by name, then by the
/// order the files were opened in): what 省级汇总 shows and `demozone rank` prints.
pub fn sorted_ranking(entries: Vec<RankEntry>, sort: &(SortKey, SortOrder)) -> Ranking {
    let mut r = Ranking::new(entries);
    r.sort(&sort.0, sort.1);
    r
}

/// A column of the ranking table (the same columns, in the same order, as the exports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankColumn {
    /// Stable id for tests and styles: `pos`, `name`, `kind`, `province`, `total`, `dim-D1`, …,
    /// `verdict`, `missing`, `dups`, `source`.
    pub id: String,
    /// The whole label: `促进发展得分率`.
    pub label: String,
    /// The label's second line in a narrow header (`得分率`), empty when it has one line; the
    /// first line is the rest of `label`.
    pub sub: String,
    /// What clicking the header sorts by; `None` when the column does not sort.
    pub key: Option<SortKey>,
    /// Figures: aligned right.
    pub numeric: bool,
}

impl RankColumn {
    /// The label without its second line.
    pub fn first_line(&self) -> &str {
        self.label.strip_suffix(self.sub.as_str()).unwrap_or(&self.label)
    }
}

pub fn ranking_columns(r: &Ranking) -> Vec<RankColumn> {
    let col = |id: &str, label: &str, key: Option<SortKey>, numeric: bool| RankColumn {
        id: id.to_string(),
        label: label.to_string(),
        sub: String::new(),
        key,
        numeric,
    };
    let mut cols = vec![
        col("pos", "序号", None, true),
        col("name", "创建对象", Some(SortKey::Name), false),
        col("kind", "类型", Some(SortKey::Kind), false),
        col("province", "省份", Some(SortKey::Province), false),
        col("total", "总分", Some(SortKey::Total), true),
    ];
    for d in &r.dimensions {
        cols.push(RankColumn {
            id: format!("dim-{}", d.id),
            label: format!("{}得分率", d.name),
            sub: "得分率".to_string(),
            key: Some(SortKey::Dimension(d.id.clone())),
            numeric: true,
        });
    }
    cols.push(col("verdict", "结论", Some(SortKey::Verdict), false));
    cols.push(col("missing", "未达到的合格条件", None, false));
    cols.push(col("dups", "重复提示", None, false));
    cols.push(col("source", "来源文件", Some(SortKey::Input), false));
    cols
}

/// The sort after clicking a column: the same column flips the order; another column starts
/// with its natural order (scores best first, texts A→Z).
pub fn next_sort(current: &(SortKey, SortOrder), clicked: &SortKey) -> (SortKey, SortOrder) {
    if current.0 == *clicked {
        let flipped = match current.1 {
            SortOrder::Ascending => SortOrder::Descending,
            SortOrder::Descending => SortOrder::Ascending,
        };
        (clicked.clone(), flipped)
    } else {
        (clicked.clone(), clicked.default_order())
    }
}

/// The `aria-sort` of a column header: only the sorted column has one.
pub fn aria_sort(current: &(SortKey, SortOrder), column: &SortKey) -> Option<&'static str> {
    (current.0 == *column).then_some(match current.1 {
        SortOrder::Ascending => "ascending",
        SortOrder::Descending => "descending",
    })
}

/// The arrow shown beside the sorted column's label.
pub fn sort_arrow(current: &(SortKey, SortOrder), column: &SortKey) -> &'static str {
    match aria_sort(current, column) {
        Some("ascending") => "▲",
        Some(_) => "▼",
        None => "",
    }
}

/// The current sort in words, for the status line: `按总分从高到低排列`.
pub fn sort_description(r: &Ranking, current: &(SortKey, SortOrder)) -> String {
    let (key, order) = current;
    let label = ranking_columns(r)
        .into_iter()
        .find(|c| c.key.as_ref() == Some(key))
        .map(|c| c.label)
        .unwrap_or_default();
    let desc = order == &SortOrder::Descending;
    match key {
        SortKey::Input => if desc { "按打开文件的顺序倒序排列" } else { "按打开文件的顺序排列" }.to_string(),
        SortKey::Verdict => if desc { "按结论排列,合格在前" } else { "按结论排列,不合格在前" }.to_string(),
        SortKey::Total | SortKey::Dimension(_) => {
            format!("按{label}{}排列", if desc { "从高到低" } else { "从低到高" })
        }
        _ => format!("按{label}{}排列", if desc { "降序" } else { "升序" }),
    }
}

/// One dimension rate cell: `79.99%` (truncated), and whether the dimension's line is met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateCell {
    pub text: String,
    pub passed: bool,
}

/// One row of the ranking table, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankRowView {
    /// The row's position in the input (stays with the row when sorting).
    pub index: usize,
    /// 1-based position in the current order.
    pub position: String,
    pub name: String,
    pub kind: String,
    pub province: String,
    pub total: String,
    /// One per [`Ranking::dimensions`] column.
    pub rates: Vec<RateCell>,
    pub verdict: String,
    pub passed: bool,
    pub has_errors: bool,
    /// `总分≥85分 差3.5分;…`; empty when every condition is met.
    pub missing: String,
    /// Empty when the row is no duplicate.
    pub duplicates: String,
    pub source: String,
}

/// The ranking table is built in steps of this many rows, one step per animation frame: a table of
/// 200 files built at once blocked the page for about 0.12 s (0.56 s on a CPU 4× slower), and every
/// click on a column header rebuilds it. A step of 20 rows takes about 25 ms (100 ms at 4×).
pub const ROWS_PER_STEP: usize = 20;

/// How many steps a table of `rows` rows is built in (one for an empty table).
pub fn row_steps(rows: usize) -> usize {
    rows.div_ceil(ROWS_PER_STEP).max(1)
}

/// The rows step `step` (from 0) adds to a table of `rows` rows; empty past the last step.
pub fn step_rows(step: usize, rows: usize) -> std::ops::Range<usize> {
    let start = step.saturating_mul(ROWS_PER_STEP).min(rows);
    start..start.saturating_add(ROWS_PER_STEP).min(rows)
}

pub fn ranking_rows(r: &Ranking) -> Vec<RankRowView> {
    r.rows
        .iter()
        .enumerate()
        .map(|(i, row)| RankRowView {
            index: row.index,
            position: (i + 1).to_string(),
            name: row.name_display(),
            kind: row.kind_label().to_string(),
            province: if row.province.is_empty() { "未填写".to_string() } else { row.province.clone() },
            total: fmt(row.total),
            rates: r
                .dimensions
                .iter()
                .map(|c| match row.dimension(&c.id) {
                    Some(d) => RateCell { text: format!("{}%", d.rate_display()), passed: d.passed },
                    None => RateCell { text: "—".into(), passed: false },
                })
                .collect(),
            verdict: row.verdict_label().to_string(),
            passed: row.passed && !row.has_errors,
            has_errors: row.has_errors,
            missing: row.missing_display(),
            duplicates: row.duplicates_display(),
            source: row.source.clone(),
        })
        .collect()
}

/// `共200个创建对象:合格150个,不合格50个;2个文件与其他文件重复(见“重复提示”)`.
pub fn ranking_summary(r: &Ranking) -> String {
    let n = r.rows.len();
    let passed = r.rows.iter().filter(|x| x.passed).count();
    let errors = r.rows.iter().filter(|x| x.has_errors).count();
    let dups = r.rows.iter().filter(|x| !x.duplicates.is_empty()).count();
    let mut s = format!("共{n}个创建对象:合格{passed}个,不合格{}个", n - passed);
    if errors > 0 {
        s.push_str(&format!(";{errors}个有未改正的错误(错误的输入不计分)"));
    }
    if dups > 0 {
        s.push_str(&format!(";{dups}个文件与其他文件重复(见“重复提示”列)"));
    }
    s
}

/// The table as the message to the .xlsx worker (JSON of the sorted [`Ranking`]).
pub fn xlsx_request(r: &Ranking) -> String {
    // Serialising plain data cannot fail.
    serde_json::to_string(r).unwrap_or_default()
}

/// What the .xlsx worker does with a message: the workbook's bytes, or why not (in Chinese).
pub fn xlsx_from_request(json: &str) -> Result<Vec<u8>, Refusal> {
    // serde_json directly, not `json::read`: the ranking is the worker's only type to read, and the
    // located deserialiser would add 2.8 KiB brotli to the worker (measured) for messages no user
    // can cause (the app writes the request).
    let r: Ranking = serde_json::from_str(json).map_err(|e| Refusal::new(format!("导出数据无法读取:{e}")))?;
    r.to_xlsx()
}

// ---- 专家组合议: the panel ----

/// The panel of the sheets that were read, each named by its file and given with the rubric its
/// file was scored with: merged with the first sheet's rubric (the engine refuses a sheet of
/// another one); `None` when no sheet was read. What 专家组合议 shows and `demozone panel` prints.
pub fn panel_of(sheets: &[(&str, &PanelSheet, &LoadedRubric)]) -> Option<Result<Panel, Vec<Refusal>>> {
    let &(_, _, rubric) = sheets.first()?;
    let named: Vec<(&str, Sheet)> = sheets.iter().map(|&(name, s, _)| (name, s.sheet())).collect();
    Some(merge_panel_labelled(rubric, &named))
}

/// One expert's indicator score in the panel table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelScoreCell {
    pub text: String,
    /// The expert is the farthest from the mean on a flagged indicator.
    pub far: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRowView {
    pub number: u32,
    pub title: String,
    pub max: String,
    pub scores: Vec<PanelScoreCell>,
    /// The panel's score: the mean rounded half up to two decimals.
    pub mean: String,
    /// max − min of the experts' scores.
    pub spread: String,
    /// Why the indicator is flagged, naming the expert(s).
    pub outlier: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelDimensionView {
    pub id: String,
    pub name: String,
    /// `12.35/20`.
    pub score: String,
    /// `61.75%`, truncated.
    pub rate: String,
    pub passed: bool,
    pub rows: Vec<PanelRowView>,
}

/// The panel table, by dimension in the rubric's order.
pub fn panel_view(panel: &Panel, rubric: &Rubric) -> Vec<PanelDimensionView> {
    rubric
        .dimensions
        .iter()
        .map(|d| {
            let result = panel.outcome.dimensions.iter().find(|x| x.id == d.id);
            let rows = d
                .indicators
                .iter()
                .filter_map(|ind| panel.indicator(ind.number).map(|p| (ind, p)))
                .map(|(ind, p)| {
                    let far: &[usize] = p.outlier.as_ref().map(|o| o.experts.as_slice()).unwrap_or(&[]);
                    PanelRowView {
                        number: p.number,
                        title: ind.title.clone(),
                        max: fmt(p.max),
                        scores: p
                            .scores
                            .iter()
                            .enumerate()
                            .map(|(i, s)| PanelScoreCell { text: fmt(*s), far: far.contains(&i) })
                            .collect(),
                        mean: fmt(p.mean),
                        spread: fmt(p.spread),
                        outlier: p.outlier.as_ref().map(|o| o.note.clone()),
                    }
                })
                .collect();
            PanelDimensionView {
                id: d.id.clone(),
                name: d.name.clone(),
                score: result.map(|r| score_of(r.score, r.max)).unwrap_or_default(),
                rate: result.map(|r| format!("{}%", r.rate_display())).unwrap_or_default(),
                passed: result.is_some_and(|r| r.passed),
                rows,
            }
        })
        .collect()
}

/// The panel table's column headers: (text, is a figure).
pub fn panel_headers(panel: &Panel) -> Vec<(String, bool)> {
    let mut h = vec![("指标".to_string(), false), ("分值".to_string(), true)];
    h.extend(panel.experts.iter().map(|e| (e.reviewer.display(), true)));
    h.extend([("平均分".to_string(), true), ("极差".to_string(), true), ("提示".to_string(), false)]);
    h
}

/// One panel member as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertView {
    /// `张三(某大学)`.
    pub name: String,
    /// The sheet's file name.
    pub file: String,
    pub at: String,
    pub opinion: String,
    /// The expert's own total: `86.5/100`.
    pub total: String,
}

pub fn panel_experts(panel: &Panel) -> Vec<ExpertView> {
    panel
        .experts
        .iter()
        .map(|e| ExpertView {
            name: e.reviewer.display(),
            file: e.label.clone(),
            at: if e.at.trim().is_empty() { "未填写日期".into() } else { e.at.clone() },
            opinion: e.opinion.clone(),
            total: score_of(e.outcome.total, e.outcome.max),
        })
        .collect()
}

/// The panel's result in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelSummary {
    /// `86.35/100`.
    pub total: String,
    /// `合格`, or `不合格:…还差…分`.
    pub verdict: String,
    pub passed: bool,
    /// `3位专家;1个指标评分分歧较大`.
    pub facts: String,
}

pub fn panel_summary(panel: &Panel) -> PanelSummary {
    let outliers = panel.outliers().count();
    let mut facts = format!("{}位专家", panel.experts.len());
    if outliers > 0 {
        facts.push_str(&format!(";{outliers}个指标专家评分分歧较大(已标出)"));
    } else {
        facts.push_str(";各指标专家评分无明显分歧");
    }
    PanelSummary {
        total: score_of(panel.outcome.total, panel.outcome.max),
        verdict: verdict_line(&panel.outcome),
        passed: panel.outcome.passed,
        facts,
    }
}

// ---- 版本比较 ----

/// What identifies a version beside its file name: `杭州市 · 保存于2025-11-20 10:30 · 总分90.4分 · 合格`.
/// `saved` is the file's `saved_at` as the app shows it (local time).
pub fn version_facts(v: &VersionFile, saved: &str) -> String {
    let name = v.subject.trim();
    let mut parts = vec![if name.is_empty() { "(未填写名称)".to_string() } else { name.to_string() }];
    if !saved.trim().is_empty() {
        parts.push(format!("保存于{saved}"));
    }
    parts.push(format!("总分{}分", fmt(v.total)));
    parts.push(if v.passed { "合格" } else { "不合格" }.to_string());
    parts.join(" · ")
}

/// A changed text, old → new (`(空)` for nothing; a text longer than [`MAX_VALUE_CHARS`] is cut).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRow {
    /// Where: `指标4 第4.1项 评分`, `创建对象名称`, `专家评估:张三(某大学) 第4.1项 评分`.
    pub what: String,
    pub old: String,
    pub new: String,
}

/// The characters of an old or new text shown in a change table; a longer one is cut, saying
/// how long it is (a file may hold one text of megabytes).
pub const MAX_VALUE_CHARS: usize = 20_000;

/// The characters a table of changes lists at most (its rows' texts together, the first row
/// always): past them the rows are counted, not listed, as past [`MAX_CHANGES_LISTED`] rows.
pub const MAX_TABLE_CHARS: usize = 200_000;

fn or_blank(s: &str) -> String {
    if s.trim().is_empty() {
        return "(空)".to_string();
    }
    let chars = s.chars().count();
    if chars > MAX_VALUE_CHARS {
        let head: String = s.chars().take(MAX_VALUE_CHARS).collect();
        format!("{head}…(共{chars}字,只显示了前{MAX_VALUE_CHARS}字)")
    } else {
        s.to_string()
    }
}

pub fn subject_change_rows(d: &VersionDiff) -> Vec<ChangeRow> {
    d.subject.iter().map(|c| ChangeRow { what: c.field.clone(), old: or_blank(&c.old), new: or_blank(&c.new) }).collect()
}

pub fn input_change_rows(d: &VersionDiff) -> Vec<ChangeRow> {
    d.inputs
        .iter()
        .map(|c| {
            let place = match c.indicator {
                Some(n) if n.to_string() == c.item => format!("指标{n}"),
                Some(n) => format!("指标{n} 第{}项", c.item),
                None => format!("第{}项(指标体系中没有此项)", c.item),
            };
            ChangeRow { what: format!("{place} {}", c.field), old: or_blank(&c.old), new: or_blank(&c.new) }
        })
        .collect()
}

pub fn review_change_rows(d: &VersionDiff) -> Vec<ChangeRow> {
    d.reviews
        .iter()
        .map(|c| {
            let what = match &c.item {
                Some(i) => format!("{} 第{i}项 {}", c.review, c.field),
                None => format!("{} {}", c.review, c.field),
            };
            ChangeRow { what, old: or_blank(&c.old), new: or_blank(&c.new) }
        })
        .collect()
}

/// A changed score, old → new, with the change signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreChangeRow {
    /// `指标4 第4.1项`, `指标4`, `规范监管`, `总分`.
    pub what: String,
    /// `item`, `indicator`, `dimension`, `total` (for styles).
    pub level: String,
    pub old: String,
    pub new: String,
    /// `+0.5`, `-1`.
    pub delta: String,
    pub up: bool,
}


pub fn score_change_rows(d: &VersionDiff) -> Vec<ScoreChangeRow> {
    d.scores
        .iter()
        .map(|x: &Difference| ScoreChangeRow {
            what: x.scope.label(),
            level: match x.scope {
                DiffScope::Item { .. } => "item",
                DiffScope::Indicator { .. } => "indicator",
                DiffScope::Dimension { .. } => "dimension",
                DiffScope::Total => "total",
            }
            .to_string(),
            old: fmt(x.left),
            new: fmt(x.right),
            delta: fmt_signed(x.delta()),
            up: x.delta() > Decimal::ZERO,
        })
        .collect()
}

/// The comparison in one line: `总分 80 → 82.5(+2.5);结论:合格 → 合格(未变)`.
pub fn compare_headline(d: &VersionDiff) -> String {
    if d.is_empty() {
        return "两个版本的基本情况、自评数据和评审内容完全相同".into();
    }
    let word = |p: bool| if p { "合格" } else { "不合格" };
    let total = if d.old.total == d.new.total {
        format!("总分 {}分(未变)", fmt(d.new.total))
    } else {
        format!("总分 {}分 → {}分({})", fmt(d.old.total), fmt(d.new.total), fmt_signed(d.new.total - d.old.total))
    };
    let verdict = match d.verdict {
        Some(v) => format!("结论由“{}”变为“{}”", word(v.old), word(v.new)),
        None => format!("结论未变:{}", word(d.new.passed)),
    };
    let counts = format!(
        "共{}处输入变化、{}处分数变化",
        d.inputs.len() + d.more_inputs + d.subject.len() + d.reviews.len() + d.more_reviews,
        d.scores.len()
    );
    format!("{total};{verdict};{counts}")
}

/// One table of changes as shown: its heading with the count of every change, the rows listed,
/// and the line that counts those not listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeTableView {
    /// `自评输入的变化(100000处)`.
    pub heading: String,
    pub rows: Vec<ChangeRow>,
    /// `另有99800处变化(只列出了前200处)`, when some are not listed.
    pub more: Option<String>,
}

/// The line under a capped table of changes: `另有99800处变化(只列出了前200处)`.
pub fn more_changes_text(more: usize, listed: usize) -> String {
    format!("另有{more}处变化(只列出了前{listed}处)")
}

/// A table of `rows` listed and `more` changes only counted: the rows past
/// [`MAX_TABLE_CHARS`] are counted too.
fn change_table(title: &str, rows: Vec<ChangeRow>, more: usize) -> ChangeTableView {
    let total = rows.len() + more;
    let mut chars = 0;
    let mut kept = Vec::with_capacity(rows.len());
    for r in rows {
        let c = r.what.chars().count() + r.old.chars().count() + r.new.chars().count();
        if !kept.is_empty() && chars + c > MAX_TABLE_CHARS {
            break;
        }
        chars += c;
        kept.push(r);
    }
    let more = total - kept.len();
    ChangeTableView {
        heading: format!("{title}({total}处)"),
        more: (more > 0).then(|| more_changes_text(more, kept.len())),
        rows: kept,
    }
}

/// What 版本比较 shows of a comparison: the headline, the score changes and the three tables of
/// changes, each capped. Made in the tools' worker and sent to the page (serde JSON): its size
/// does not grow with the files (the scores are per item of the rubric, the tables capped at
/// `version_diff::MAX_CHANGES_LISTED` rows and [`MAX_TABLE_CHARS`] characters, each text cut at
/// [`MAX_VALUE_CHARS`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareView {
    pub headline: String,
    pub verdict_changed: bool,
    pub scores: Vec<ScoreChangeRow>,
    pub subject: ChangeTableView,
    pub inputs: ChangeTableView,
    pub reviews: ChangeTableView,
}

pub fn compare_view(d: &VersionDiff) -> CompareView {
    CompareView {
        headline: compare_headline(d),
        verdict_changed: d.verdict.is_some(),
        scores: score_change_rows(d),
        subject: change_table("基本情况的变化", subject_change_rows(d), 0),
        inputs: change_table("自评输入的变化", input_change_rows(d), d.more_inputs),
        reviews: change_table("评审内容的变化", review_change_rows(d), d.more_reviews),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::io::file::{read_file, write_file, AssessmentFile, FORMAT_VERSION};
    use crate::engine::model::assessment::{Assessment, Subject, SubjectKind, FORMAT_ID};
    use crate::engine::model::review::{Review, ReviewRole, Reviewer};
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::items::score;
    use crate::engine::score::panel::merge_panel;
    use crate::engine::score::ranking::RankEntry;
    use crate::engine::view::version_diff::diff_assessments;

    #[test]
    fn the_table_steps_cover_every_row_once_in_order() {
        assert_eq!(row_steps(0), 1);
        assert_eq!(step_rows(0, 0), 0..0);
        for rows in [1, 39, 40, 41, 80, 200, 201, 1000] {
            let steps = row_steps(rows);
            assert_eq!(steps, rows.div_ceil(ROWS_PER_STEP), "{rows} rows");
            let covered: Vec<usize> = (0..steps).flat_map(|s| step_rows(s, rows)).collect();
            assert_eq!(covered, (0..rows).collect::<Vec<_>>(), "{rows} rows");
            assert!((0..steps).all(|s| !step_rows(s, rows).is_empty() && step_rows(s, rows).len() <= ROWS_PER_STEP));
            assert!(step_rows(steps, rows).is_empty());
        }
        assert!(step_rows(usize::MAX, 5).is_empty());
    }

    fn city(id: &str, name: &str, scores: &[(&str, &str)]) -> RankEntry {
        let rubric = LoadedRubric::bundled().rubric;
        let mut a = Assessment { id: id.into(), ..Default::default() };
        a.subject = Subject {
            name: name.into(),
            kind: Some(SubjectKind::PrefectureCity),
            province: "浙江".into(),
            start_year: Some(2022),
            years: Some(3),
        };
        for (item, s) in scores {
            a.input_mut(item).values.insert("score".into(), s.to_string());
        }
        let o = score(&rubric, &a);
        RankEntry::new(&format!("{name}.json"), &a, o)
    }

    #[test]
    fn columns_follow_the_export_headers() {
        let r = Ranking::new(vec![city("1", "温州市", &[("4.1", "2")])]);
        let cols = ranking_columns(&r);
        let headers = r.headers();
        assert_eq!(cols.len(), headers.len());
        assert_eq!(cols[5].label, "促进发展得分率");
        assert_eq!(cols[5].first_line(), "促进发展");
        assert_eq!(cols[5].sub, "得分率");
        assert_eq!(cols[4].first_line(), "总分");
        assert_eq!(cols[5].key, Some(SortKey::Dimension("D1".into())));
        assert_eq!(cols[5].id, "dim-D1");
        assert!(cols[0].key.is_none());
        assert_eq!(cols.iter().filter(|c| c.key.is_some()).count(), 10);
    }

    #[test]
    fn sorting_state() {
        let total = (SortKey::Total, SortOrder::Descending);
        assert_eq!(next_sort(&total, &SortKey::Total), (SortKey::Total, SortOrder::Ascending));
        assert_eq!(next_sort(&total, &SortKey::Name), (SortKey::Name, SortOrder::Ascending));
        let d = SortKey::Dimension("D2".into());
        assert_eq!(next_sort(&(SortKey::Name, SortOrder::Ascending), &d), (d.clone(), SortOrder::Descending));
        assert_eq!(aria_sort(&total, &SortKey::Total), Some("descending"));
        assert_eq!(aria_sort(&total, &SortKey::Name), None);
        assert_eq!(sort_arrow(&(SortKey::Name, SortOrder::Ascending), &SortKey::Name), "▲");
        assert_eq!(sort_arrow(&total, &SortKey::Name), "");
        let r = Ranking::new(vec![city("1", "温州市", &[])]);
        assert_eq!(sort_description(&r, &total), "按总分从高到低排列");
        assert_eq!(sort_description(&r, &(d, SortOrder::Ascending)), "按规范监管得分率从低到高排列");
        assert_eq!(sort_description(&r, &(SortKey::Name, SortOrder::Ascending)), "按创建对象升序排列");
        assert_eq!(sort_description(&r, &(SortKey::Input, SortOrder::Ascending)), "按打开文件的顺序排列");
    }

    #[test]
    fn rows_and_summary() {
        let mut r = Ranking::new(vec![
            city("1", "温州市", &[("4.1", "2")]),
            city("2", "湖州市", &[("4.1", "1.5"), ("6.1", "2")]),
            city("3", "温州市", &[("4.1", "abc")]),
        ]);
        r.sort(&SortKey::Total, SortOrder::Descending);
        let rows = ranking_rows(&r);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].name, "湖州市");
        assert_eq!(rows[0].position, "1");
        assert_eq!(rows[0].index, 1);
        assert_eq!(rows[0].total, "3.5");
        assert_eq!(rows[0].rates.len(), 4);
        // 1.5 of 20 points: 7.5%.
        assert_eq!(rows[0].rates[0], RateCell { text: "7.50%".into(), passed: false });
        assert!(rows[0].missing.contains("差"), "{}", rows[0].missing);
        assert!(rows[0].duplicates.is_empty());
        // The two 温州市 files flag each other.
        let wz: Vec<&RankRowView> = rows.iter().filter(|x| x.name == "温州市").collect();
        assert!(wz.iter().all(|x| x.duplicates.contains("同一创建对象")), "{wz:?}");
        assert!(rows.iter().any(|x| x.has_errors && x.verdict == "不合格(有未改正的错误)"));
        assert_eq!(
            ranking_summary(&r),
            "共3个创建对象:合格0个,不合格3个;1个有未改正的错误(错误的输入不计分);2个文件与其他文件重复(见“重复提示”列)"
        );
    }

    #[test]
    fn xlsx_request_round_trips() {
        let mut r = Ranking::new(vec![city("1", "=cmd", &[("4.1", "2")]), city("2", "湖州市", &[("4.1", "1.25")])]);
        r.sort(&SortKey::Total, SortOrder::Ascending);
        let json = xlsx_request(&r);
        let back: Ranking = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let bytes = xlsx_from_request(&json).unwrap();
        assert!(bytes.starts_with(b"PK"));
        assert!(xlsx_from_request("{").unwrap_err().to_string().starts_with("导出数据无法读取"));
    }

    #[test]
    fn reading_helpers() {
        assert_eq!(progress_text(3, 200), "已读取 3 / 200");
        let f = failure_view("a.json", &Refusal::at_path("format", "不是评估文件"));
        assert_eq!((f.place.as_str(), f.reason.as_str()), ("字段「format」", "不是评估文件"));
        assert_eq!(failure_view("b", &Refusal::new("x")).place, "整个文件");
        assert_eq!(read_summary(5, 0), "已读取5个文件");
        assert_eq!(read_summary(5, 2), "已读取5个文件,其中2个无法读取(见下方列表)");
        assert_eq!(recorded_note("a.json", &["总分:文件记录1分,重新计算为2分".into()]), "「a.json」:总分:文件记录1分,重新计算为2分");
        assert_eq!(ranking_file_name("2025-11-27", "csv"), "示范区创建自评汇总-2025-11-27.csv");
    }

    fn sheet(l: &LoadedRubric, expert: &str, scores: &[(&str, &str)]) -> AssessmentFile {
        let mut a = Assessment { id: "a-1".into(), ..Default::default() };
        a.subject.name = "杭州市".into();
        let mut r = Review::new(ReviewRole::Expert, Reviewer { name: expert.into(), unit: "某大学".into() }, "2025-12-01");
        for (id, s) in scores {
            r.item_mut(id).score = s.to_string();
        }
        a.reviews.push(r);
        AssessmentFile {
            format: FORMAT_ID.into(),
            format_version: FORMAT_VERSION,
            rubric: l.reference(),
            saved_at: String::new(),
            generator: String::new(),
            assessment: a,
            recorded: None,
        }
    }

    #[test]
    fn panel_views() {
        let l = LoadedRubric::bundled();
        let a = sheet(&l, "甲", &[("9.1", "2"), ("15.1", "2.34")]);
        let b = sheet(&l, "乙", &[("9.1", "2"), ("15.1", "2.35")]);
        let c = sheet(&l, "丙", &[("9.1", "1"), ("15.1", "2.35")]);
        let p = merge_panel(&l, &[a.sheet(), b.sheet(), c.sheet()]).unwrap();
        let v = panel_view(&p, &l.rubric);
        assert_eq!(v.len(), 4);
        assert_eq!(v.iter().map(|d| d.rows.len()).sum::<usize>(), 25);
        let row9 = v.iter().flat_map(|d| d.rows.iter()).find(|r| r.number == 9).unwrap();
        // (2 + 2 + 1) / 3 = 1.666… → 1.67; spread 1 ≥ 0.75: flagged, 丙 is farthest.
        assert_eq!(row9.mean, "1.67");
        assert_eq!(row9.spread, "1");
        assert_eq!(row9.scores.iter().map(|s| s.far).collect::<Vec<_>>(), [false, false, true]);
        assert!(row9.outlier.as_deref().unwrap().contains("丙"));
        let row15 = v.iter().flat_map(|d| d.rows.iter()).find(|r| r.number == 15).unwrap();
        // (2.34 + 2.35 + 2.35) / 3 = 2.3466… → 2.35.
        assert_eq!(row15.mean, "2.35");
        assert!(row15.outlier.is_none());
        assert_eq!(v[1].score, "1.67/30");
        let h = panel_headers(&p);
        assert_eq!(h.len(), 8);
        assert_eq!(h[4], ("丙(某大学)".to_string(), true));
        let e = panel_experts(&p);
        assert_eq!(e[2].name, "丙(某大学)");
        assert_eq!(e[2].total, "3.35/100");
        let s = panel_summary(&p);
        assert_eq!(s.total, "4.02/100");
        assert!(!s.passed);
        assert!(s.verdict.starts_with("不合格:"));
        assert_eq!(s.facts, "3位专家;1个指标专家评分分歧较大(已标出)");
    }

    #[test]
    fn compare_views() {
        let rubric = LoadedRubric::bundled().rubric;
        let mut old = Assessment::default();
        old.subject.name = "杭州市".into();
        old.input_mut("4.1").values.insert("score".into(), "1.5".into());
        old.input_mut("1").years.entry("subject".into()).or_default().insert("2023".into(), "100".into());
        let mut new = old.clone();
        new.subject.name = "杭州".into();
        new.input_mut("4.1").values.insert("score".into(), "2".into());
        new.input_mut("4.1").basis = "见附件3".into();
        let d = diff_assessments(&rubric, &old, &new);
        let inputs = input_change_rows(&d);
        assert!(inputs.contains(&ChangeRow { what: "指标4 第4.1项 评分".into(), old: "1.5".into(), new: "2".into() }), "{inputs:?}");
        assert!(inputs.contains(&ChangeRow { what: "指标4 第4.1项 自评依据".into(), old: "(空)".into(), new: "见附件3".into() }));
        assert_eq!(subject_change_rows(&d)[0].what, "创建对象名称");
        let scores = score_change_rows(&d);
        let item = scores.iter().find(|s| s.what == "指标4 第4.1项").unwrap();
        assert_eq!((item.old.as_str(), item.new.as_str(), item.delta.as_str(), item.up, item.level.as_str()), ("1.5", "2", "+0.5", true, "item"));
        assert!(scores.iter().any(|s| s.level == "total"));
        let h = compare_headline(&d);
        assert!(h.starts_with("总分 1.5分 → 2分(+0.5);结论未变:不合格;"), "{h}");
        assert_eq!(compare_headline(&diff_assessments(&rubric, &old, &old)), "两个版本的基本情况、自评数据和评审内容完全相同");
        let back = diff_assessments(&rubric, &new, &old);
        assert_eq!(score_change_rows(&back).iter().find(|s| s.what == "指标4 第4.1项").unwrap().delta, "-0.5");
        let l = LoadedRubric::bundled();
        let text = write_file(&l, &new, "2025-11-20T02:30:00Z");
        let o = VersionFile::of(&read_file(&text, &[&l]).unwrap());
        assert_eq!(o.saved_at, "2025-11-20T02:30:00Z");
        assert_eq!(version_facts(&o, "2025-11-20 10:30"), "杭州 · 保存于2025-11-20 10:30 · 总分2分 · 不合格");
        assert_eq!(version_facts(&o, ""), "杭州 · 总分2分 · 不合格");
        // Indicator-level inputs (indicator 1 has a single item named "1").
        let mut y = old.clone();
        y.input_mut("1").years.get_mut("subject").unwrap().insert("2023".into(), "120".into());
        let rows = input_change_rows(&diff_assessments(&rubric, &old, &y));
        assert!(rows[0].what.starts_with("指标1 "), "{rows:?}");
        let mut r = old.clone();
        let mut rev = Review::new(ReviewRole::Province, Reviewer { name: "王五".into(), unit: "浙江省局".into() }, "");
        rev.item_mut("4.1").score = "1".into();
        r.reviews.push(rev.clone());
        let mut r2 = r.clone();
        r2.reviews[0].item_mut("4.1").score = "1.5".into();
        let rr = review_change_rows(&diff_assessments(&rubric, &r, &r2));
        assert_eq!(rr[0].what, "省级初审:王五(浙江省局) 第4.1项 评分");
    }

    #[test]
    fn change_tables_are_capped_by_rows_and_characters() {
        let row = |n: usize| ChangeRow { what: "w".into(), old: String::new(), new: "x".repeat(n) };
        let t = change_table("自评输入的变化", vec![row(1), row(1)], 5);
        assert_eq!((t.heading.as_str(), t.rows.len()), ("自评输入的变化(7处)", 2));
        assert_eq!(t.more.as_deref(), Some("另有5处变化(只列出了前2处)"));
        let big = MAX_TABLE_CHARS / 2;
        let t = change_table("评审内容的变化", vec![row(big), row(big), row(1)], 0);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.more.as_deref(), Some("另有2处变化(只列出了前1处)"));
        assert!(change_table("x", vec![row(1)], 0).more.is_none());
        let long = or_blank(&"文".repeat(MAX_VALUE_CHARS + 3));
        assert!(long.ends_with(&format!("…(共{}字,只显示了前{MAX_VALUE_CHARS}字)", MAX_VALUE_CHARS + 3)), "{}", &long[long.len() - 60..]);
        assert_eq!(or_blank(" "), "(空)");
    }
}

//! The multi-file tools' results as data for scripts: what `demozone rank` and `demozone panel`
//! print. Made from the same views as the pages 省级汇总 and 专家组合议 ([`super::tools`]): the
//! rows in the table's order, its texts (verdicts, "差…分", duplicate notes, outlier notes) and
//! figures, so that the command line and the app cannot disagree.
//!
//! The JSON is versioned (`format`, `format_version`): a field may be added within a version;
//! none is renamed, removed or given another meaning without a new version. Every decimal is a
//! string in plain notation without trailing zeros (`"90.4"`, `"2"`), except the score rates:
//! percentages truncated to two decimals as the pages show them (`"79.99"`). `docs/cli.md`
//! describes every field.

use serde::Serialize;

use super::tools::{
    panel_experts, panel_headers, panel_summary, panel_view, ranking_rows, ranking_summary, sort_description,
    FailureView,
};
use crate::engine::model::assessment::Subject;
use crate::engine::model::rubric::{Rubric, RubricRef};
use crate::engine::score::outcome::{DimensionResult, Outcome};
use crate::engine::score::panel::Panel;
use crate::engine::score::ranking::{csv_cell, DuplicateReason, Ranking, SortKey, SortOrder};
use crate::engine::support::num::fmt;
use crate::engine::support::problem::Refusal;

/// The `format` of `demozone rank`'s JSON.
pub const RANK_FORMAT: &str = "demozone-rank";
/// The `format` of `demozone panel`'s JSON.
pub const PANEL_FORMAT: &str = "demozone-panel";
/// The version of both shapes.
pub const TOOL_OUTPUT_VERSION: u32 = 1;

/// Which program made the output: `demozone 0.1.0`.
pub fn generator() -> String {
    format!("demozone {}", env!("CARGO_PKG_VERSION"))
}

/// A file that could not be read, as listed under the tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreadableOut {
    pub file: String,
    /// `字段「format」`, or `整个文件`.
    pub place: String,
    pub reason: String,
}

impl From<&FailureView> for UnreadableOut {
    fn from(f: &FailureView) -> UnreadableOut {
        UnreadableOut { file: f.name.clone(), place: f.place.clone(), reason: f.reason.clone() }
    }
}

/// How many files were given, read, and not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FileCounts {
    pub given: usize,
    pub read: usize,
    pub unreadable: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DimensionOut {
    pub id: String,
    pub name: String,
    pub score: String,
    pub max: String,
    /// The score rate in %, truncated to two decimals, as the pages show it.
    pub rate: String,
    pub passed: bool,
}

fn dimension_out(d: &DimensionResult) -> DimensionOut {
    DimensionOut {
        id: d.id.clone(),
        name: d.name.clone(),
        score: fmt(d.score),
        max: fmt(d.max),
        rate: d.rate_display(),
        passed: d.passed,
    }
}

/// An unmet pass condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmetOut {
    /// `总分≥85分`.
    pub condition: String,
    pub required: String,
    pub actual: String,
    /// The points still missing.
    pub missing: String,
}

fn unmet_out(o: &Outcome) -> Vec<UnmetOut> {
    o.unmet()
        .map(|c| UnmetOut {
            condition: c.label.clone(),
            required: fmt(c.required),
            actual: fmt(c.actual),
            missing: fmt(c.missing),
        })
        .collect()
}

// ---- demozone rank ----

/// `demozone rank`'s JSON: the table of 省级汇总 in its order, the files that could not be read,
/// and the files whose recorded scores differ from the recomputed ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankOutput {
    pub format: &'static str,
    pub format_version: u32,
    pub generator: String,
    pub sort: SortOut,
    pub files: FileCounts,
    /// `共200个创建对象:合格150个,不合格50个;…` (the line above the table).
    pub summary: String,
    /// The dimension columns, in the rubric's order.
    pub dimensions: Vec<ColumnOut>,
    pub rows: Vec<RankRowOut>,
    pub unreadable: Vec<UnreadableOut>,
    pub recorded_differences: Vec<RecordedOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SortOut {
    /// `total`, `name`, `kind`, `province`, `verdict`, `input`, or `dimension`.
    pub by: &'static str,
    /// The dimension's id when `by` is `dimension`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// `ascending` or `descending`.
    pub order: &'static str,
    /// `按总分从高到低排列`.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnOut {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankRowOut {
    /// 1-based place in the table's order.
    pub position: usize,
    /// The file the row comes from, as given.
    pub file: String,
    pub assessment_id: String,
    /// The subject's name as written (trimmed; empty when blank: the table shows `(未填写名称)`).
    pub name: String,
    /// `sub_provincial_city`, `prefecture_city`, `municipal_district`, or null.
    pub kind: Option<&'static str>,
    /// `地级市`, or `未选择`.
    pub kind_label: String,
    /// Empty when blank (the table shows `未填写`).
    pub province: String,
    pub total: String,
    pub max: String,
    /// One per column of [`RankOutput::dimensions`] the file has.
    pub dimensions: Vec<DimensionOut>,
    pub passed: bool,
    /// The assessment has errors (inputs that do not count until corrected).
    pub has_errors: bool,
    /// `合格`, `不合格`, `合格(有未改正的错误)`, `不合格(有未改正的错误)`.
    pub verdict: String,
    pub missing: Vec<MissingOut>,
    /// Other rows of the same assessment or subject.
    pub duplicates: Vec<DuplicateOut>,
}

/// An unmet condition of a row and the points it misses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingOut {
    pub condition: String,
    pub missing: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateOut {
    /// The other row's file.
    pub file: String,
    pub reason: DuplicateReason,
    /// `与「b.json」是同一创建对象(名称、类型、省份相同)`.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedOut {
    pub file: String,
    /// `总分:文件记录91.4分,重新计算为85.4分`, one per figure that differs.
    pub differences: Vec<String>,
}

fn sort_out(r: &Ranking, sort: &(SortKey, SortOrder)) -> SortOut {
    let (by, dimension) = match &sort.0 {
        SortKey::Total => ("total", None),
        SortKey::Dimension(id) => ("dimension", Some(id.clone())),
        SortKey::Name => ("name", None),
        SortKey::Verdict => ("verdict", None),
        SortKey::Province => ("province", None),
        SortKey::Kind => ("kind", None),
        SortKey::Input => ("input", None),
    };
    let order = match sort.1 {
        SortOrder::Ascending => "ascending",
        SortOrder::Descending => "descending",
    };
    SortOut { by, dimension, order, text: sort_description(r, sort) }
}

/// The JSON of a ranking already in `sort`'s order (see [`super::tools::sorted_ranking`]), with
/// the files that could not be read (`given` files in all) and the recorded-score differences.
pub fn rank_output(
    r: &Ranking,
    sort: &(SortKey, SortOrder),
    given: usize,
    failures: &[FailureView],
    recorded: &[(String, Vec<String>)],
) -> RankOutput {
    let views = ranking_rows(r);
    let rows = r
        .rows
        .iter()
        .zip(views)
        .enumerate()
        .map(|(i, (row, view))| RankRowOut {
            position: i + 1,
            file: row.source.clone(),
            assessment_id: row.assessment_id.clone(),
            name: row.name.clone(),
            kind: row.kind.map(|k| k.id()),
            kind_label: view.kind,
            province: row.province.clone(),
            total: fmt(row.total),
            max: fmt(row.max),
            dimensions: row.dimensions.iter().map(dimension_out).collect(),
            passed: row.passed,
            has_errors: row.has_errors,
            verdict: view.verdict,
            missing: row.missing.iter().map(|m| MissingOut { condition: m.label.clone(), missing: fmt(m.missing) }).collect(),
            duplicates: row
                .duplicates
                .iter()
                .map(|d| DuplicateOut { file: d.source.clone(), reason: d.reason, text: d.describe() })
                .collect(),
        })
        .collect();
    RankOutput {
        format: RANK_FORMAT,
        format_version: TOOL_OUTPUT_VERSION,
        generator: generator(),
        sort: sort_out(r, sort),
        files: FileCounts { given, read: r.rows.len(), unreadable: failures.len() },
        summary: ranking_summary(r),
        dimensions: r.dimensions.iter().map(|d| ColumnOut { id: d.id.clone(), name: d.name.clone() }).collect(),
        rows,
        unreadable: failures.iter().map(UnreadableOut::from).collect(),
        recorded_differences: recorded
            .iter()
            .map(|(file, differences)| RecordedOut { file: file.clone(), differences: differences.clone() })
            .collect(),
    }
}

// ---- demozone panel ----

/// `demozone panel`'s JSON: the panel of 专家组合议, or why the sheets cannot be merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelOutput {
    pub format: &'static str,
    pub format_version: u32,
    pub generator: String,
    pub files: FileCounts,
    /// The sheets that were read, in the order given.
    pub sheets: Vec<String>,
    pub unreadable: Vec<UnreadableOut>,
    /// Sheets that cannot be merged with the others (then `panel` is null, as the page shows no
    /// result until they are removed).
    pub refusals: Vec<RefusalOut>,
    pub panel: Option<PanelResultOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefusalOut {
    /// The sheet, as named in the reason: `「li.json」`.
    pub sheet: String,
    pub reason: String,
    /// The whole text, as the page lists it.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelResultOut {
    pub assessment_id: String,
    pub subject: SubjectOut,
    pub rubric: RubricRef,
    pub experts: Vec<ExpertOut>,
    /// Every indicator, by dimension in the rubric's order.
    pub indicators: Vec<PanelIndicatorOut>,
    pub dimensions: Vec<DimensionOut>,
    /// The sum of the indicators' rounded means.
    pub total: String,
    pub max: String,
    pub passed: bool,
    /// `合格`, or `不合格:总分≥85分还差3.5分;…`.
    pub verdict: String,
    pub unmet: Vec<UnmetOut>,
    /// The numbers of the indicators the experts disagree on.
    pub outliers: Vec<u32>,
    /// Every expert's problems and the panel's own notes, as the page lists them.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectOut {
    pub name: String,
    pub kind: Option<&'static str>,
    pub province: String,
}

fn subject_out(s: &Subject) -> SubjectOut {
    SubjectOut { name: s.name.trim().to_string(), kind: s.kind.map(|k| k.id()), province: s.province.trim().to_string() }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpertOut {
    /// `张三(某大学)`, as the page names the expert.
    pub display: String,
    pub name: String,
    pub unit: String,
    /// The sheet's file.
    pub file: String,
    /// The review's date as entered.
    pub at: String,
    pub opinion: String,
    /// The expert's own total.
    pub total: String,
    pub max: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PanelIndicatorOut {
    pub number: u32,
    pub title: String,
    /// The dimension's id.
    pub dimension: String,
    /// The indicator's points.
    pub max: String,
    /// Each expert's indicator score, in the order of `experts`.
    pub scores: Vec<String>,
    /// The exact mean of `scores` (28 significant digits at most).
    pub mean_exact: String,
    /// The mean rounded half up to two decimals: the panel's score of the indicator.
    pub mean: String,
    /// max − min of `scores`.
    pub spread: String,
    pub outlier: Option<OutlierOut>,
    pub items: Vec<PanelItemOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlierOut {
    /// Positions in `experts` of the expert(s) farthest from the mean.
    pub experts: Vec<usize>,
    /// Their distance from the exact mean (rounded half up to four decimals).
    pub distance: String,
    /// The spread that flags an indicator: 25% of its points.
    pub threshold: String,
    /// The page's note, naming the expert(s).
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PanelItemOut {
    pub id: String,
    pub max: String,
    pub scores: Vec<String>,
    /// Rounded half up to two decimals.
    pub mean: String,
}

/// The JSON of what 专家组合议 shows for these sheets: `merged` is [`super::tools::panel_of`]'s
/// result (`None` when no sheet was read) with the rubric it was merged with; `sheets` the files
/// read, `failures` those that could not be.
pub fn panel_output(
    merged: Option<(&Result<Panel, Vec<Refusal>>, &Rubric)>,
    sheets: &[String],
    failures: &[FailureView],
) -> PanelOutput {
    let (refusals, panel) = match merged {
        None => (Vec::new(), None),
        Some((Err(refusals), _)) => (refusals.iter().map(refusal_out).collect(), None),
        Some((Ok(panel), rubric)) => (Vec::new(), Some(panel_result_out(panel, rubric))),
    };
    PanelOutput {
        format: PANEL_FORMAT,
        format_version: TOOL_OUTPUT_VERSION,
        generator: generator(),
        files: FileCounts { given: sheets.len() + failures.len(), read: sheets.len(), unreadable: failures.len() },
        sheets: sheets.to_vec(),
        unreadable: failures.iter().map(UnreadableOut::from).collect(),
        refusals,
        panel,
    }
}

fn refusal_out(r: &Refusal) -> RefusalOut {
    RefusalOut { sheet: r.location.to_string(), reason: r.message.clone(), text: r.to_string() }
}

fn panel_result_out(panel: &Panel, rubric: &Rubric) -> PanelResultOut {
    let o = &panel.outcome;
    let experts = panel
        .experts
        .iter()
        .zip(panel_experts(panel))
        .map(|(e, view)| ExpertOut {
            display: view.name,
            name: e.reviewer.name.trim().to_string(),
            unit: e.reviewer.unit.trim().to_string(),
            file: view.file,
            at: e.at.clone(),
            opinion: e.opinion.clone(),
            total: fmt(e.outcome.total),
            max: fmt(e.outcome.max),
        })
        .collect();
    let mut indicators = Vec::new();
    for dim in panel_view(panel, rubric) {
        for row in dim.rows {
            let Some(p) = panel.indicator(row.number) else { continue };
            indicators.push(PanelIndicatorOut {
                number: row.number,
                title: row.title,
                dimension: dim.id.clone(),
                max: row.max,
                scores: row.scores.into_iter().map(|s| s.text).collect(),
                mean_exact: fmt(p.mean_exact),
                mean: row.mean,
                spread: row.spread,
                outlier: p.outlier.as_ref().map(|x| OutlierOut {
                    experts: x.experts.clone(),
                    distance: fmt(x.distance),
                    threshold: fmt(x.threshold),
                    note: x.note.clone(),
                }),
                items: p
                    .items
                    .iter()
                    .map(|i| PanelItemOut {
                        id: i.id.clone(),
                        max: fmt(i.max),
                        scores: i.scores.iter().map(|s| fmt(*s)).collect(),
                        mean: fmt(i.mean),
                    })
                    .collect(),
            });
        }
    }
    PanelResultOut {
        assessment_id: panel.assessment_id.clone(),
        subject: subject_out(&panel.subject),
        rubric: panel.rubric.clone(),
        experts,
        indicators,
        dimensions: o.dimensions.iter().map(dimension_out).collect(),
        total: fmt(o.total),
        max: fmt(o.max),
        passed: o.passed,
        verdict: panel_summary(panel).verdict,
        unmet: unmet_out(o),
        outliers: panel.outliers().map(|i| i.number).collect(),
        problems: o.problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// The panel as CSV, one row per indicator (by dimension in the rubric's order): the dimension,
/// the indicator's number, title and points, each expert's score, the exact and the rounded mean,
/// the spread and the outlier note. UTF-8 with a byte order mark, CRLF line ends, RFC 4180
/// quoting and formula-looking texts neutralised, like the ranking's CSV
/// ([`crate::engine::score::ranking::csv_cell`]).
pub fn panel_csv(panel: &Panel, rubric: &Rubric) -> String {
    let mut header: Vec<String> = vec!["一级指标".into(), "指标".into(), "指标名称".into(), "分值".into()];
    // panel_headers: 指标, 分值, the experts…, 平均分, 极差, 提示.
    let titles = panel_headers(panel);
    header.extend(titles.iter().skip(2).take(panel.experts.len()).map(|(t, _)| t.clone()));
    header.extend(["精确平均分", "平均分(四舍五入保留两位小数)", "极差", "分歧提示"].map(String::from));
    let mut out = String::from('\u{feff}');
    csv_line(&header, &mut out);
    for dim in panel_view(panel, rubric) {
        for row in dim.rows {
            let exact = panel.indicator(row.number).map(|p| fmt(p.mean_exact)).unwrap_or_default();
            let mut cells = vec![dim.name.clone(), row.number.to_string(), row.title, row.max];
            cells.extend(row.scores.into_iter().map(|s| s.text));
            cells.extend([exact, row.mean, row.spread, row.outlier.unwrap_or_default()]);
            csv_line(&cells, &mut out);
        }
    }
    out
}

fn csv_line(cells: &[String], out: &mut String) {
    out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::io::file::{read_file, write_file};
    use crate::engine::model::assessment::{Assessment, SubjectKind};
    use crate::engine::model::review::{Review, ReviewRole, Reviewer};
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::items::score;
    use crate::engine::score::ranking::RankEntry;
    use crate::engine::view::tool_files::PanelSheet;
    use crate::engine::view::tools::{failure_view, panel_of, sorted_ranking, DEFAULT_SORT};

    fn city(id: &str, name: &str, score_4_1: &str) -> RankEntry {
        let rubric = LoadedRubric::bundled().rubric;
        let mut a = Assessment { id: id.into(), ..Default::default() };
        a.subject.name = name.into();
        a.subject.kind = Some(SubjectKind::PrefectureCity);
        a.input_mut("4.1").values.insert("score".into(), score_4_1.into());
        let o = score(&rubric, &a);
        RankEntry::new(&format!("{id}.json"), &a, o)
    }

    #[test]
    fn rank_rows_are_the_tables_rows_with_exact_figures() {
        let r = sorted_ranking(vec![city("a", "温州市", "1"), city("b", "", "1.5"), city("c", "温州市", "x")], &DEFAULT_SORT);
        let failures = [failure_view("bad.json", &Refusal::at_path("format", "不是评估文件"))];
        let out = rank_output(&r, &DEFAULT_SORT, 4, &failures, &[("a.json".into(), vec!["总分:…".into()])]);
        assert_eq!((out.format, out.format_version), ("demozone-rank", 1));
        assert_eq!(out.files, FileCounts { given: 4, read: 3, unreadable: 1 });
        assert_eq!(out.summary, ranking_summary(&r));
        let views = ranking_rows(&r);
        assert_eq!(out.rows.len(), 3);
        for (i, (row, view)) in out.rows.iter().zip(&views).enumerate() {
            assert_eq!(row.position, i + 1);
            assert_eq!(row.position.to_string(), view.position);
            assert_eq!(row.file, view.source);
            assert_eq!(row.total, view.total);
            assert_eq!(row.verdict, view.verdict);
            let rates: Vec<String> = row.dimensions.iter().map(|d| format!("{}%", d.rate)).collect();
            assert_eq!(rates, view.rates.iter().map(|c| c.text.clone()).collect::<Vec<_>>());
            let missing: Vec<String> = row.missing.iter().map(|m| format!("{} 差{}分", m.condition, m.missing)).collect();
            assert_eq!(missing.join(";"), view.missing);
            assert_eq!(row.duplicates.iter().map(|d| d.text.clone()).collect::<Vec<_>>().join(";"), view.duplicates);
        }
        // The blank name is blank in the data; the table shows (未填写名称).
        assert_eq!((out.rows[0].name.as_str(), views[0].name.as_str()), ("", "(未填写名称)"));
        assert_eq!(out.rows[0].total, "1.5");
        // The invalid 4.1 counts 0: the 温州市 with an error ranks last, flagged as the other's duplicate.
        assert_eq!(out.rows[2].file, "c.json");
        assert!(out.rows[2].has_errors);
        assert_eq!(out.rows[2].duplicates[0].reason, DuplicateReason::SameSubject);
        assert_eq!(out.unreadable, [UnreadableOut { file: "bad.json".into(), place: "字段「format」".into(), reason: "不是评估文件".into() }]);
        assert_eq!(out.recorded_differences[0].file, "a.json");
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["rows"][0]["dimensions"][0]["rate"], "7.50");
        assert_eq!(json["sort"], serde_json::json!({ "by": "total", "order": "descending", "text": "按总分从高到低排列" }));
    }

    fn sheet_text(l: &LoadedRubric, id: &str, expert: &str, scores: &[(&str, &str)]) -> String {
        let mut a = Assessment { id: id.into(), ..Default::default() };
        a.subject.name = "杭州市".into();
        let mut r = Review::new(ReviewRole::Expert, Reviewer { name: expert.into(), unit: "某大学".into() }, "2025-12-01");
        for (item, s) in scores {
            r.item_mut(item).score = s.to_string();
        }
        a.reviews.push(r);
        write_file(l, &a, "2025-12-01T10:00:00+08:00")
    }

    #[test]
    fn the_panel_as_json_and_csv() {
        let l = LoadedRubric::bundled();
        let texts = [
            sheet_text(&l, "a-1", "甲", &[("9.1", "2"), ("15.1", "2.34")]),
            sheet_text(&l, "a-1", "乙", &[("9.1", "1"), ("15.1", "2.35")]),
            sheet_text(&l, "a-2", "丙", &[]),
        ];
        let opened: Vec<_> = texts.iter().map(|t| PanelSheet::of(&read_file(t, &[&l]).unwrap())).collect();
        let names = ["jia.json", "yi.json", "bing.json"];
        let two: Vec<_> = names.iter().zip(&opened).take(2).map(|(n, o)| (*n, o, &l)).collect();
        let merged = panel_of(&two).unwrap();
        let sheets: Vec<String> = names[..2].iter().map(|n| n.to_string()).collect();
        let out = panel_output(Some((&merged, &l.rubric)), &sheets, &[]);
        let p = out.panel.as_ref().unwrap();
        let i15 = p.indicators.iter().find(|i| i.number == 15).unwrap();
        assert_eq!((i15.mean_exact.as_str(), i15.mean.as_str(), i15.spread.as_str()), ("2.345", "2.35", "0.01"));
        assert_eq!(i15.dimension, "D3");
        assert_eq!(p.indicators.iter().map(|i| i.number).collect::<Vec<_>>(), (1..=25).collect::<Vec<_>>());
        assert_eq!(p.experts[1].display, "乙(某大学)");
        assert_eq!(p.experts[1].file, "yi.json");
        assert_eq!(p.outliers, [9]);
        assert_eq!(p.total, "3.85");
        assert!(out.refusals.is_empty());

        let csv = panel_csv(merged.as_ref().unwrap(), &l.rubric);
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines.len(), 27, "header, 25 rows, and the end");
        assert!(lines.iter().any(|x| x.starts_with("优化服务,15,") && x.ends_with(",3,2.34,2.35,2.345,2.35,0.01,")), "{csv}");

        let all: Vec<_> = names.iter().zip(&opened).map(|(n, o)| (*n, o, &l)).collect();
        let refused = panel_of(&all).unwrap();
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let out = panel_output(Some((&refused, &l.rubric)), &names, &[]);
        assert!(out.panel.is_none());
        assert_eq!(out.refusals.len(), 1);
        assert_eq!(out.refusals[0].sheet, "「bing.json」");
        assert!(out.refusals[0].text.starts_with("「bing.json」:评估编号「a-2」"), "{}", out.refusals[0].text);
        assert!(panel_of(&[]).is_none());
        let none = panel_output(None, &[], &[failure_view("x.json", &Refusal::new("坏"))]);
        assert_eq!(none.files, FileCounts { given: 1, read: 0, unreadable: 1 });
    }
}

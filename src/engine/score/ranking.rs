//! The province ranking: many opened assessment files in one table.
//!
//! A provincial 市场监管局 receives several creation objects' files (第八条: 择优推荐) and wants them
//! side by side: subject, kind, province, total, each dimension's score rate (shown truncated, never
//! rounded up across the 80% line), verdict, the points still missing for each unmet condition, and
//! a flag when the same subject was opened twice. Rows sort by any column, stably, ties by name.
//!
//! Exports: CSV (UTF-8 with a byte order mark so that Excel reads Chinese correctly, RFC 4180
//! quoting, CRLF line ends, and formula injection neutralised) and .xlsx (via `rust_xlsxwriter`:
//! strings as strings, never formulas; numbers as numbers; a frozen header row).

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::outcome::{DimensionResult, Outcome};
use crate::engine::model::assessment::{Assessment, Subject, SubjectKind};
use crate::engine::support::num::{fmt, truncate};
use crate::engine::support::problem::{Refusal, MAX_LISTED};
use crate::engine::support::text::{is_invisible, short_file_text};

/// One file (or one scored assessment) to rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankEntry {
    /// Where it came from, e.g. the file name.
    pub source: String,
    pub assessment_id: String,
    pub subject: Subject,
    pub outcome: Outcome,
}

impl RankEntry {
    pub fn new(source: &str, assessment: &Assessment, outcome: Outcome) -> RankEntry {
        RankEntry {
            source: source.to_string(),
            assessment_id: assessment.id.clone(),
            subject: assessment.subject.clone(),
            outcome,
        }
    }

    /// A bare (name, outcome) pair: kind and province unknown.
    pub fn from_outcome(name: &str, outcome: Outcome) -> RankEntry {
        RankEntry {
            source: name.to_string(),
            assessment_id: String::new(),
            subject: Subject { name: name.to_string(), ..Default::default() },
            outcome,
        }
    }
}

/// A dimension column of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionColumn {
    pub id: String,
    pub name: String,
}

/// An unmet pass condition and the points it still misses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    pub label: String,
    pub missing: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same assessment id (the same assessment, perhaps two versions of it).
    SameAssessment,
    /// Another assessment of the same subject: same name, kind and province.
    SameSubject,
}

/// Another row that is the same subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateOf {
    /// The other row's [`RankingRow::index`].
    pub index: usize,
    pub source: String,
    pub reason: DuplicateReason,
}

impl DuplicateOf {
    pub fn describe(&self) -> String {
        match self.reason {
            DuplicateReason::SameAssessment => format!("与「{}」是同一评估(评估编号相同)", short_file_text(&self.source)),
            DuplicateReason::SameSubject => {
                format!("与「{}」是同一创建对象(名称、类型、省份相同)", short_file_text(&self.source))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingRow {
    /// Position in the input (stays with the row when sorting).
    pub index: usize,
    pub source: String,
    pub assessment_id: String,
    pub name: String,
    pub kind: Option<SubjectKind>,
    pub province: String,
    pub total: Decimal,
    pub max: Decimal,
    pub dimensions: Vec<DimensionResult>,
    pub passed: bool,
    /// The assessment has errors (inputs that do not count until corrected).
    pub has_errors: bool,
    pub missing: Vec<Missing>,
    /// The other rows of the same assessment or subject, the first `MAX_LISTED` of them.
    pub duplicates: Vec<DuplicateOf>,
    /// How many more there are than `duplicates` lists.
    #[serde(default)]
    pub more_duplicates: usize,
}

impl RankingRow {
    pub fn dimension(&self, id: &str) -> Option<&DimensionResult> {
        self.dimensions.iter().find(|d| d.id == id)
    }
    pub fn name_display(&self) -> String {
        let n = self.name.trim();
        if n.is_empty() {
            "(未填写名称)".into()
        } else {
            n.to_string()
        }
    }
    pub fn kind_label(&self) -> &'static str {
        self.kind.map(|k| k.label()).unwrap_or("未选择")
    }
    pub fn verdict_label(&self) -> &'static str {
        match (self.passed, self.has_errors) {
            (true, false) => "合格",
            (false, false) => "不合格",
            (true, true) => "合格(有未改正的错误)",
            (false, true) => "不合格(有未改正的错误)",
        }
    }
    /// `总分≥85分 差3.5分;…`; empty when every condition is met.
    pub fn missing_display(&self) -> String {
        self.missing.iter().map(|m| format!("{} 差{}分", m.label, fmt(m.missing))).collect::<Vec<_>>().join(";")
    }
    pub fn duplicates_display(&self) -> String {
        let mut parts: Vec<String> = self.duplicates.iter().map(|d| d.describe()).collect();
        if self.more_duplicates > 0 {
            parts.push(format!("另有{}份重复", self.more_duplicates));
        }
        parts.join(";")
    }
}

/// What to sort by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", content = "id", rename_all = "snake_case")]
pub enum SortKey {
    Total,
    /// A dimension's exact score rate, by dimension id.
    Dimension(String),
    Name,
    Verdict,
    Province,
    Kind,
    /// Input order.
    Input,
}

impl SortKey {
    /// Scores and verdicts best first; texts A→Z.
    pub fn default_order(&self) -> SortOrder {
        match self {
            SortKey::Total | SortKey::Dimension(_) | SortKey::Verdict => SortOrder::Descending,
            _ => SortOrder::Ascending,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    Ascending,
    Descending,
}

/// The table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// Dimension columns, in the order they first appear (the rubric's order).
    pub dimensions: Vec<DimensionColumn>,
    pub rows: Vec<RankingRow>,
}

impl Ranking {
    /// Rows in input order, with duplicate flags.
    pub fn new(entries: Vec<RankEntry>) -> Ranking {
        let mut dimensions: Vec<DimensionColumn> = Vec::new();
        let mut rows: Vec<RankingRow> = Vec::new();
        for (index, e) in entries.into_iter().enumerate() {
            for d in &e.outcome.dimensions {
                if !dimensions.iter().any(|c| c.id == d.id) {
                    dimensions.push(DimensionColumn { id: d.id.clone(), name: d.name.clone() });
                }
            }
            let o = &e.outcome;
            rows.push(RankingRow {
                index,
                source: e.source,
                assessment_id: e.assessment_id,
                name: e.subject.name.trim().to_string(),
                kind: e.subject.kind,
                province: e.subject.province.trim().to_string(),
                total: o.total,
                max: o.max,
                dimensions: o.dimensions.clone(),
                passed: o.passed,
                has_errors: o.has_errors(),
                missing: o.unmet().map(|c| Missing { label: c.label.clone(), missing: c.missing }).collect(),
                duplicates: Vec::new(),
                more_duplicates: 0,
            });
        }
        // Rows that share an assessment id, or a subject (name, kind, province), found through
        // three indexes (by id, by subject, by both): linear in the number of rows, whatever their
        // number, and each row lists at most `MAX_LISTED` of the others.
        type SubjectKey<'a> = (&'a str, Option<SubjectKind>, &'a str);
        fn id_of(r: &RankingRow) -> Option<&str> {
            Some(r.assessment_id.trim()).filter(|id| !id.is_empty())
        }
        fn subject_of(r: &RankingRow) -> Option<SubjectKey<'_>> {
            Some((r.name.as_str(), r.kind, r.province.as_str())).filter(|s| !s.0.is_empty())
        }
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_subject: HashMap<SubjectKey, Vec<usize>> = HashMap::new();
        let mut by_both: HashMap<(&str, SubjectKey), usize> = HashMap::new();
        for r in &rows {
            if let Some(id) = id_of(r) {
                by_id.entry(id).or_default().push(r.index);
            }
            if let Some(s) = subject_of(r) {
                by_subject.entry(s).or_default().push(r.index);
            }
            if let (Some(id), Some(s)) = (id_of(r), subject_of(r)) {
                *by_both.entry((id, s)).or_default() += 1;
            }
        }
        let empty = Vec::new();
        let flags: Vec<(Vec<DuplicateOf>, usize)> = rows
            .iter()
            .map(|r| {
                let same_id = id_of(r).and_then(|id| by_id.get(id)).unwrap_or(&empty);
                let same_subject = subject_of(r).and_then(|s| by_subject.get(&s)).unwrap_or(&empty);
                let both = match (id_of(r), subject_of(r)) {
                    (Some(id), Some(s)) => by_both.get(&(id, s)).copied().unwrap_or(0),
                    _ => 0,
                };
                let union = same_id.len() + same_subject.len() - both;
                let others = union.saturating_sub(usize::from(union > 0));
                // The two groups are in row order: merged, without this row, the first few.
                let (mut i, mut j) = (0, 0);
                let mut listed = Vec::new();
                while listed.len() < MAX_LISTED && (i < same_id.len() || j < same_subject.len()) {
                    let a = same_id.get(i).copied().unwrap_or(usize::MAX);
                    let b = same_subject.get(j).copied().unwrap_or(usize::MAX);
                    let (next, reason) = if a <= b { (a, DuplicateReason::SameAssessment) } else { (b, DuplicateReason::SameSubject) };
                    if a == next {
                        i += 1;
                    }
                    if b == next {
                        j += 1;
                    }
                    if next != r.index {
                        listed.push(DuplicateOf { index: next, source: rows[next].source.clone(), reason });
                    }
                }
                let more = others - listed.len();
                (listed, more)
            })
            .collect();
        for (r, (listed, more)) in rows.iter_mut().zip(flags) {
            r.duplicates = listed;
            r.more_duplicates = more;
        }
        Ranking { dimensions, rows }
    }

    /// Sorts the rows, stably; ties by name (A→Z, code point order), then input order.
    pub fn sort(&mut self, key: &SortKey, order: SortOrder) {
        self.rows.sort_by(|a, b| {
            let primary = match key {
                SortKey::Total => a.total.cmp(&b.total),
                SortKey::Dimension(id) => {
                    let rate = |r: &RankingRow| r.dimension(id).map(|d| d.rate);
                    rate(a).cmp(&rate(b))
                }
                SortKey::Name => a.name.cmp(&b.name),
                SortKey::Verdict => (a.passed, !a.has_errors).cmp(&(b.passed, !b.has_errors)),
                SortKey::Province => a.province.cmp(&b.province),
                SortKey::Kind => a.kind.cmp(&b.kind),
                SortKey::Input => a.index.cmp(&b.index),
            };
            let primary = if order == SortOrder::Descending { primary.reverse() } else { primary };
            primary.then_with(|| a.name.cmp(&b.name)).then_with(|| a.index.cmp(&b.index))
        });
    }

    /// Column headers of the exports.
    pub fn headers(&self) -> Vec<String> {
        let mut h: Vec<String> = ["序号", "创建对象", "类型", "省份", "总分"].iter().map(|s| s.to_string()).collect();
        h.extend(self.dimensions.iter().map(|d| format!("{}得分率(%)", d.name)));
        h.extend(["结论", "未达到的合格条件(差分)", "重复提示", "来源文件"].iter().map(|s| s.to_string()));
        h
    }

    /// The cells of every row as displayed (rates truncated), in the current order.
    fn cells(&self) -> Vec<Vec<Cell>> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut c = vec![
                    Cell::Number(Decimal::from(i as u64 + 1)),
                    Cell::Text(r.name_display()),
                    Cell::Text(r.kind_label().to_string()),
                    Cell::Text(r.province.clone()),
                    Cell::Number(r.total),
                ];
                for col in &self.dimensions {
                    c.push(match r.dimension(&col.id) {
                        Some(d) => Cell::Rate(truncate(d.rate * Decimal::ONE_HUNDRED, 2)),
                        None => Cell::Text(String::new()),
                    });
                }
                c.push(Cell::Text(r.verdict_label().to_string()));
                c.push(Cell::Text(r.missing_display()));
                c.push(Cell::Text(r.duplicates_display()));
                c.push(Cell::Text(r.source.clone()));
                c
            })
            .collect()
    }

    /// CSV for Excel and other spreadsheets: UTF-8 with a byte order mark, RFC 4180 quoting,
    /// CRLF line ends; cells that a spreadsheet could take for a formula are neutralised.
    pub fn to_csv(&self) -> String {
        let mut out = String::from('\u{feff}');
        let line = |cells: Vec<String>, out: &mut String| {
            out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        };
        line(self.headers(), &mut out);
        for row in self.cells() {
            line(
                row.into_iter()
                    .map(|c| match c {
                        Cell::Text(s) => s,
                        Cell::Number(n) => fmt(n),
                        Cell::Rate(n) => format!("{n:.2}"),
                    })
                    .collect(),
                &mut out,
            );
        }
        out
    }

    /// An .xlsx workbook: one sheet 「排名」, a bold frozen header row, column widths, an
    /// autofilter; texts written as strings (never formulas), scores and rates as numbers.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, Refusal> {
        use rust_xlsxwriter::{DocProperties, Format, FormatBorder, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| Refusal::new(format!("生成Excel文件失败:{e}"));
        let mut wb = Workbook::new();
        wb.set_properties(&DocProperties::new().set_title("网络市场监管与服务示范区创建评估排名"));
        let header = Format::new().set_bold().set_border_bottom(FormatBorder::Thin).set_text_wrap();
        let score = Format::new().set_num_format("0.00");
        let ws = wb.add_worksheet();
        ws.set_name("排名").map_err(err)?;
        let headers = self.headers();
        let ndims = self.dimensions.len();
        for (c, h) in headers.iter().enumerate() {
            let col = col_num(c)?;
            ws.write_string_with_format(0, col, excel_text(h), &header).map_err(err)?;
            let width = match c {
                0 => 6.0,
                1 => 22.0,
                2 => 16.0,
                3 => 8.0,
                4 => 8.0,
                c if c < 5 + ndims => 14.0,
                c if c == 5 + ndims => 12.0,
                c if c == 6 + ndims => 48.0,
                c if c == 7 + ndims => 36.0,
                _ => 24.0,
            };
            ws.set_column_width(col, width).map_err(err)?;
        }
        for (i, row) in self.cells().into_iter().enumerate() {
            let r = u32::try_from(i + 1).map_err(|_| Refusal::new("行数过多,无法导出Excel文件"))?;
            for (c, cell) in row.into_iter().enumerate() {
                let col = col_num(c)?;
                match cell {
                    Cell::Text(s) => {
                        if !s.is_empty() {
                            ws.write_string(r, col, excel_text(&s)).map_err(err)?;
                        }
                    }
                    Cell::Number(n) | Cell::Rate(n) => {
                        let v = n.to_f64().ok_or_else(|| Refusal::new(format!("数字「{}」无法写入Excel文件", fmt(n))))?;
                        if c == 0 {
                            ws.write_number(r, col, v).map_err(err)?;
                        } else {
                            ws.write_number_with_format(r, col, v, &score).map_err(err)?;
                        }
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        let last_row = u32::try_from(self.rows.len()).map_err(|_| Refusal::new("行数过多,无法导出Excel文件"))?;
        ws.autofilter(0, 0, last_row, col_num(headers.len().saturating_sub(1))?).map_err(err)?;
        wb.save_to_buffer().map_err(err)
    }
}

enum Cell {
    Text(String),
    Number(Decimal),
    /// A percentage already truncated to two decimals; shown with both decimals.
    Rate(Decimal),
}

fn col_num(c: usize) -> Result<u16, Refusal> {
    u16::try_from(c).map_err(|_| Refusal::new("列数过多,无法导出Excel文件"))
}

/// Excel keeps at most 32,767 UTF-16 units in a cell; longer texts are cut (with `…`).
fn excel_text(s: &str) -> String {
    const LIMIT: usize = 32_000;
    if s.encode_utf16().count() <= LIMIT {
        return s.to_string();
    }
    let mut out = String::new();
    let mut units = 0;
    for c in s.chars() {
        units += c.len_utf16();
        if units > LIMIT {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A text that a spreadsheet could take for a formula gets a leading `'`, so that it is shown as
/// text (OWASP, "CSV Injection"): one that begins with a tab, a carriage return or a line feed, or
/// whose first character after any spaces, tabs, line breaks and invisible characters is `=`, `+`,
/// `-` or `@`, or their full-width forms `＝`, `＋`, `－`, `＠` (which spreadsheets in Chinese and
/// Japanese locales take for the same). The text itself is kept as it is.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    let starts_blank = s.starts_with(['\t', '\r', '\n']);
    let first = s.chars().find(|&c| !(c.is_whitespace() || is_invisible(c)));
    match first {
        Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠') => Cow::Owned(format!("'{s}")),
        _ if starts_blank => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// One CSV cell: neutralised, then quoted per RFC 4180 when it holds a comma, a quote, CR or LF
/// (quotes doubled).
pub fn csv_cell(s: &str) -> String {
    let s = neutralise(s);
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::items::score;

    fn entry(source: &str, id: &str, name: &str, province: &str, scores: &[(&str, &str)]) -> RankEntry {
        let rubric = LoadedRubric::bundled().rubric;
        let mut a = Assessment { id: id.into(), ..Default::default() };
        a.subject = Subject {
            name: name.into(),
            kind: Some(SubjectKind::PrefectureCity),
            province: province.into(),
            start_year: Some(2022),
            years: Some(3),
        };
        for (item, s) in scores {
            a.input_mut(item).values.insert("score".into(), s.to_string());
        }
        let o = score(&rubric, &a);
        RankEntry::new(source, &a, o)
    }

    #[test]
    fn sorts_stably_with_ties_by_name() {
        let mut r = Ranking::new(vec![
            entry("c.json", "1", "温州市", "浙江", &[("4.1", "2")]),
            entry("a.json", "2", "湖州市", "浙江", &[("4.1", "2")]),
            entry("b.json", "3", "嘉兴市", "浙江", &[("4.1", "1"), ("6.1", "2")]),
        ]);
        r.sort(&SortKey::Total, SortOrder::Descending);
        let names: Vec<&str> = r.rows.iter().map(|x| x.name.as_str()).collect();
        // 嘉兴 3 points; 湖州 and 温州 tie at 2, by name (code point order: 温 U+6E29 < 湖 U+6E56).
        assert_eq!(names, ["嘉兴市", "温州市", "湖州市"]);
        r.sort(&SortKey::Dimension("D2".into()), SortOrder::Descending);
        assert_eq!(r.rows[0].name, "嘉兴市");
        r.sort(&SortKey::Input, SortOrder::Ascending);
        assert_eq!(r.rows.iter().map(|x| x.index).collect::<Vec<_>>(), [0, 1, 2]);
        r.sort(&SortKey::Name, SortOrder::Descending);
        assert_eq!(r.rows[0].name, "湖州市");
    }

    #[test]
    fn csv_neutralises_and_quotes() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@x"), "'@x");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(csv_cell("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("a\nb"), "\"a\nb\"");
        assert_eq!(csv_cell("=1,\"2\""), "\"'=1,\"\"2\"\"\"");
        assert_eq!(csv_cell("<script>"), "<script>");
        // After spaces, tabs, line breaks and invisible characters, and in full width.
        for formula in [
            " =1+1", "  +1", "\t=1", " \t@SUM(A1)", "\u{3000}=1", "\u{00A0}-1", "\u{200B}=1", "\u{FEFF}@x", "＝1+1", "＋1",
            "－1", "＠x", " ＝1", "\n=1", "\r\n+1",
        ] {
            assert!(neutralise(formula).starts_with('\''), "{formula:?}");
            assert_eq!(&neutralise(formula)[1..], formula, "the text is kept");
        }
        // A leading tab, carriage return or line feed is itself a trigger.
        for blank in ["\tx", "\rx", "\nx"] {
            assert!(neutralise(blank).starts_with('\''), "{blank:?}");
        }
        // Not formulas: signs inside, and ordinary text.
        for text in ["杭州市", "a=1", "1-2", " 杭州市", "e@mail", "", "   ", "100"] {
            assert_eq!(neutralise(text), text, "{text:?}");
        }
        assert_eq!(csv_cell("杭州市"), "杭州市");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn the_csv_export_neutralises_every_text_cell() {
        let r = Ranking::new(vec![
            entry(" ＋cmd.json", "1", "  =HYPERLINK(\"x\")", "浙江", &[]),
            entry("\t@a.json", "2", "\u{200B}-1", "浙江", &[]),
        ]);
        let csv = r.to_csv();
        let lines: Vec<&str> = csv.lines().skip(1).collect();
        assert!(lines[0].contains("\"'=HYPERLINK(\"\"x\"\")\""), "{}", lines[0]);
        assert!(lines[0].ends_with("' ＋cmd.json"), "{}", lines[0]);
        assert!(lines[1].contains(",'\u{200B}-1,"), "{}", lines[1]);
        assert!(lines[1].ends_with("'\t@a.json"), "{}", lines[1]);
    }

    #[test]
    fn many_copies_of_one_file_list_a_few_duplicates_each() {
        let one = entry("a.json", "same", "温州市", "浙江", &[]);
        let n = 2_000;
        let r = Ranking::new((0..n).map(|i| RankEntry { source: format!("{i}.json"), ..one.clone() }).collect());
        for row in &r.rows {
            assert_eq!(row.duplicates.len(), MAX_LISTED);
            assert_eq!(row.more_duplicates, n - 1 - MAX_LISTED);
            assert!(row.duplicates.iter().all(|d| d.index != row.index && d.reason == DuplicateReason::SameAssessment));
            assert!(row.duplicates_display().ends_with(&format!("另有{}份重复", n - 1 - MAX_LISTED)));
        }
        // Two rows of the same subject under different ids, one of them sharing an id with a third.
        let r = Ranking::new(vec![
            entry("a", "1", "温州市", "浙江", &[]),
            entry("b", "2", "温州市", "浙江", &[]),
            entry("c", "1", "湖州市", "浙江", &[]),
        ]);
        let reasons: Vec<(usize, DuplicateReason)> = r.rows[0].duplicates.iter().map(|d| (d.index, d.reason)).collect();
        assert_eq!(reasons, [(1, DuplicateReason::SameSubject), (2, DuplicateReason::SameAssessment)]);
        assert_eq!(r.rows[0].more_duplicates, 0);
        assert_eq!(r.rows[1].duplicates.len(), 1);
        assert_eq!(r.rows[2].duplicates.len(), 1);
    }

    #[test]
    fn excel_text_is_cut_at_the_cell_limit() {
        let long = "测".repeat(40_000);
        let cut = excel_text(&long);
        assert_eq!(cut.chars().count(), 32_001);
        assert!(cut.ends_with('…'));
        assert_eq!(excel_text("短"), "短");
    }
}

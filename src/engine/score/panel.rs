//! The expert panel (第十四条): several experts' sheets merged into one result.
//!
//! Each expert returns an assessment file carrying their expert [`Review`]: a [`Sheet`]. The panel
//! refuses sheets that do not belong together (another assessment or subject, another rubric,
//! no expert layer, the same expert twice) with a Chinese reason located at the sheet; otherwise it
//! takes, per indicator, every expert's indicator score, their mean rounded half up (四舍五入) to
//! two decimals, the spread (max − min) and an outlier flag. Dimension scores and the total are
//! sums of the rounded indicator means (`docs/reading-the-rubric.md`), judged by the same
//! [`outcome_from_indicators`] as every other layer.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::outcome::{outcome_from_indicators, IndicatorResult, ItemResult, ItemStatus, Outcome};
use super::review::score_review;
use crate::engine::model::assessment::{Assessment, ItemInput, Subject};
use crate::engine::model::review::{Review, ReviewRole, Reviewer};
use crate::engine::model::rubric::{Indicator, RubricRef};
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::support::num::{fmt, round_half_up};
use crate::engine::support::problem::{cap_problems, cap_refusals, Location, Problem, Refusal};
use crate::engine::support::text::{short, short_file_text};

/// Places the panel mean is rounded to (half up).
pub const PANEL_DECIMALS: u32 = 2;

/// An indicator is flagged when its spread (max − min of the experts' scores) reaches this share
/// of the indicator's points.
pub const OUTLIER_SPREAD_SHARE: &str = "0.25";

/// [`OUTLIER_SPREAD_SHARE`] as the percentage the pages show (`25`).
pub fn outlier_percent() -> String {
    crate::engine::support::num::fmt(outlier_share() * rust_decimal::Decimal::ONE_HUNDRED)
}

fn outlier_share() -> Decimal {
    // A constant literal: cannot fail.
    OUTLIER_SPREAD_SHARE.parse().unwrap_or(Decimal::ZERO)
}

/// One panel member: an expert review and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelExpert {
    /// Position of the sheet in the input.
    pub sheet: usize,
    /// The sheet's label.
    pub label: String,
    pub reviewer: Reviewer,
    /// Date of the review as entered.
    pub at: String,
    pub opinion: String,
    /// The expert's own outcome (their scores, unrounded).
    pub outcome: Outcome,
}

/// The experts' scores of one sub-item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelItem {
    pub id: String,
    pub max: Decimal,
    /// One per expert, in the order of [`Panel::experts`].
    pub scores: Vec<Decimal>,
    /// The mean, rounded half up to two decimals. For display: the indicator's mean is taken
    /// from the experts' indicator scores, not from these.
    pub mean: Decimal,
}

/// When the experts disagree much on an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlier {
    /// The expert(s) farthest from the mean (indices into [`Panel::experts`]); several when tied.
    pub experts: Vec<usize>,
    /// Their distance from the exact mean.
    pub distance: Decimal,
    /// The spread that triggers the flag: 25% of the indicator's points.
    pub threshold: Decimal,
    /// In Chinese, naming the expert(s).
    pub note: String,
}

/// The panel result of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelIndicator {
    pub number: u32,
    /// The indicator's points.
    pub max: Decimal,
    /// Each expert's indicator score (sum of their items, capped), in expert order.
    pub scores: Vec<Decimal>,
    /// The exact mean of `scores`.
    pub mean_exact: Decimal,
    /// The mean rounded half up to two decimals: the panel's indicator score.
    pub mean: Decimal,
    /// max − min of `scores`.
    pub spread: Decimal,
    pub outlier: Option<Outlier>,
    pub items: Vec<PanelItem>,
}

/// The merged panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panel {
    pub assessment_id: String,
    pub subject: Subject,
    pub rubric: RubricRef,
    pub experts: Vec<PanelExpert>,
    pub indicators: Vec<PanelIndicator>,
    /// Indicator scores = rounded means; dimensions and total are their sums; verdict by the pass
    /// rule. `problems` holds every expert's problems (prefixed with the expert) and the panel's
    /// own warnings (blank items counted as 0, sheets whose self data differ).
    pub outcome: Outcome,
}

impl Panel {
    pub fn indicator(&self, number: u32) -> Option<&PanelIndicator> {
        self.indicators.iter().find(|i| i.number == number)
    }

    /// Indicators flagged for disagreement.
    pub fn outliers(&self) -> impl Iterator<Item = &PanelIndicator> {
        self.indicators.iter().filter(|i| i.outlier.is_some())
    }
}

/// One expert's sheet as the panel reads it: the rubric its file was scored with and the
/// assessment it carries (an assessment file gives one with `AssessmentFile::sheet`). The panel
/// reads of the assessment its id, subject, expert layers and whether its inputs are those of the
/// first sheet; `inputs_digest` ([`inputs_digest`]) may stand for the inputs, which are then left
/// out of `assessment` (a sheet read in the tools' worker, `view::tool_files::PanelSheet`, whose
/// size must not grow with the file's).
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    pub rubric: &'a RubricRef,
    pub assessment: &'a Assessment,
    pub inputs_digest: Option<&'a str>,
}

/// `sha256:<hex>` of an assessment's inputs (their JSON, whose maps are ordered): equal inputs
/// give equal digests.
pub fn inputs_digest(inputs: &BTreeMap<String, ItemInput>) -> String {
    use sha2::{Digest, Sha256};
    // Serialising plain data cannot fail.
    let json = serde_json::to_vec(inputs).unwrap_or_default();
    let mut out = String::from("sha256:");
    for b in Sha256::digest(&json) {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Whether two sheets carry the same self-assessment inputs (by digest when either stands for
/// them by one).
fn same_inputs(a: &Sheet, b: &Sheet) -> bool {
    match (a.inputs_digest, b.inputs_digest) {
        (None, None) => a.assessment.inputs == b.assessment.inputs,
        (x, y) => {
            let digest = |d: Option<&str>, s: &Sheet| d.map_or_else(|| inputs_digest(&s.assessment.inputs), str::to_string);
            digest(x, a) == digest(y, b)
        }
    }
}

/// Merges expert sheets; each sheet is named `第N份评分表` in refusals.
pub fn merge_panel(rubric: &LoadedRubric, sheets: &[Sheet]) -> Result<Panel, Vec<Refusal>> {
    let labels: Vec<String> = (1..=sheets.len()).map(|n| format!("第{n}份评分表")).collect();
    let named: Vec<(&str, Sheet)> = labels.iter().map(|l| l.as_str()).zip(sheets.iter().copied()).collect();
    merge_panel_labelled(rubric, &named)
}

/// Merges expert sheets named by the caller (e.g. by file name) in refusals and results.
pub fn merge_panel_labelled(
    rubric: &LoadedRubric,
    sheets: &[(&str, Sheet)],
) -> Result<Panel, Vec<Refusal>> {
    let Some(&(first_label, first)) = sheets.first() else {
        return Err(vec![Refusal::new("没有专家评分表可以合并")]);
    };
    let reference = rubric.reference();
    let mut refusals = Vec::new();
    // Experts found so far: (name, unit) → label of their first sheet.
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut members: Vec<(usize, &str, &Review)> = Vec::new();

    for (i, &(label, sheet)) in sheets.iter().enumerate() {
        let mut refuse = |reason: String| {
            refusals.push(Refusal::at_place(&quoted(label), reason));
        };
        let a = sheet.assessment;
        if i > 0 && sheet.rubric != first.rubric {
            refuse(format!(
                "使用的指标体系({})与{}({})不同,不能合并",
                describe_rubric(sheet.rubric),
                quoted(first_label),
                describe_rubric(first.rubric)
            ));
            continue;
        }
        if *sheet.rubric != reference {
            let what = if sheet.rubric.id != reference.id || sheet.rubric.version != reference.version {
                format!("使用的指标体系({})不是当前加载的({})", describe_rubric(sheet.rubric), describe_rubric(&reference))
            } else {
                format!(
                    "记录的指标体系摘要与当前加载的「{}」版本数据不一致,不是同一份指标体系数据",
                    short_file_text(&reference.version)
                )
            };
            refuse(format!("{what},不能合并"));
            continue;
        }
        if i > 0 {
            let fa = first.assessment;
            if a.id != fa.id {
                refuse(format!(
                    "评估编号「{}」与{}的「{}」不同:不是同一份评估的评分表",
                    short_or_blank(&a.id),
                    quoted(first_label),
                    short_or_blank(&fa.id)
                ));
                continue;
            }
            if let Some(field) = subject_difference(&a.subject, &fa.subject) {
                refuse(format!(
                    "创建对象的{field}与{}不同(「{}」与「{}」):不是同一创建对象的评分表",
                    quoted(first_label),
                    subject_field(&a.subject, field),
                    subject_field(&fa.subject, field)
                ));
                continue;
            }
        }
        let experts: Vec<&Review> = a.reviews.iter().filter(|r| r.role == ReviewRole::Expert).collect();
        if experts.is_empty() {
            refuse("没有专家评估层(文件中没有评估专家的评分),不是专家评分表".into());
            continue;
        }
        for r in experts {
            let key = r.reviewer.key();
            if key.0.is_empty() {
                refuse("专家评分未填写专家姓名,无法确认评分来源".into());
                continue;
            }
            if let Some(other) = seen.get(&key) {
                refuse(format!(
                    "专家{}的评分与{}重复:同一位专家(姓名和单位相同)只能计入一次",
                    r.reviewer.display(),
                    other
                ));
                continue;
            }
            seen.insert(key, quoted(label));
            members.push((i, label, r));
        }
    }
    if !refusals.is_empty() {
        return Err(cap_refusals(refusals));
    }
    Ok(build_panel(rubric, sheets, &members))
}

fn build_panel(rubric: &LoadedRubric, sheets: &[(&str, Sheet)], members: &[(usize, &str, &Review)]) -> Panel {
    let r = &rubric.rubric;
    let first: &Assessment = sheets[0].1.assessment;
    let experts: Vec<PanelExpert> = members
        .iter()
        .map(|&(sheet, label, review)| PanelExpert {
            sheet,
            label: label.to_string(),
            reviewer: review.reviewer.clone(),
            at: review.at.clone(),
            opinion: review.opinion.clone(),
            outcome: score_review(r, review),
        })
        .collect();
    let problems = panel_problems(sheets, &experts);
    let (indicators, results): (Vec<PanelIndicator>, Vec<IndicatorResult>) =
        r.indicators().map(|ind| panel_indicator(ind, &experts)).unzip();
    Panel {
        assessment_id: first.id.clone(),
        subject: first.subject.clone(),
        rubric: sheets[0].1.rubric.clone(),
        experts,
        indicators,
        outcome: outcome_from_indicators(r, results, problems),
    }
}

/// Every expert's problems (prefixed with the expert), and the panel's own warnings: blank items
/// counted as 0, sheets whose self data differ.
fn panel_problems(sheets: &[(&str, Sheet)], experts: &[PanelExpert]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for e in experts {
        let who = format!("专家{}", e.reviewer.display());
        for p in &e.outcome.problems {
            problems.push(Problem { message: format!("{who}:{}", p.message), ..p.clone() });
        }
        let items = e.outcome.indicators.iter().flat_map(|i| i.items.iter());
        let blank = items.filter(|i| i.status != ItemStatus::Complete).count();
        if blank > 0 {
            problems.push(Problem::warning(
                Location::file(&who),
                format!("{who}有{blank}项未评分或评分有误,按0分计入平均"),
            ));
        }
    }
    let first = &sheets[0].1;
    for &(label, sheet) in sheets.iter().skip(1) {
        if !same_inputs(&sheet, first) {
            problems.push(Problem::warning(
                Location::file("inputs"),
                format!("{}中的自评数据与{}不同:各位专家看到的自评材料不完全一样", quoted(label), quoted(sheets[0].0)),
            ));
        }
    }
    cap_problems(problems, Location::place("专家组合议"))
}

/// A sheet's label in a sentence: `第2份评分表` as it is, a file name quoted (`「李四.json」`).
fn quoted(label: &str) -> String {
    if label.starts_with('第') {
        label.to_string()
    } else {
        format!("「{}」", short_file_text(label))
    }
}

/// One indicator of the panel: every expert's score, the rounded mean, the spread and the outlier
/// flag; and the indicator's result for the panel's outcome (items: their rounded means).
fn panel_indicator(ind: &Indicator, experts: &[PanelExpert]) -> (PanelIndicator, IndicatorResult) {
    let n = Decimal::from(experts.len().max(1) as u64);
    let scores: Vec<Decimal> =
        experts.iter().map(|e| e.outcome.indicator(ind.number).map(|i| i.score).unwrap_or(Decimal::ZERO)).collect();
    let mean_exact = sum_of(&scores) / n;
    let mean = round_half_up(mean_exact, PANEL_DECIMALS);
    let hi = scores.iter().copied().max().unwrap_or(Decimal::ZERO);
    let lo = scores.iter().copied().min().unwrap_or(Decimal::ZERO);
    let spread = hi - lo;
    let outlier = outlier(ind, experts, &scores, mean_exact, spread);

    let mut items = Vec::new();
    let mut item_results = Vec::new();
    for item in &ind.items {
        let per: Vec<&ItemResult> = experts.iter().filter_map(|e| e.outcome.item(&item.id)).collect();
        let scores: Vec<Decimal> = per.iter().map(|i| i.score).collect();
        let mean = round_half_up(sum_of(&scores) / n, PANEL_DECIMALS);
        let status = if per.iter().any(|i| i.status == ItemStatus::Invalid) {
            ItemStatus::Invalid
        } else if per.iter().all(|i| i.status == ItemStatus::Complete) {
            ItemStatus::Complete
        } else if per.iter().all(|i| i.status == ItemStatus::Empty) {
            ItemStatus::Empty
        } else {
            ItemStatus::Incomplete
        };
        let listed: Vec<String> =
            experts.iter().zip(&scores).map(|(e, s)| format!("{} {}分", e.reviewer.display(), fmt(*s))).collect();
        item_results.push(ItemResult {
            id: item.id.clone(),
            score: mean,
            max: item.points,
            status,
            details: vec![format!("专家评分:{};平均{}分", listed.join(","), fmt(mean))],
        });
        items.push(PanelItem { id: item.id.clone(), max: item.points, scores, mean });
    }
    let sum_max = ind.items.iter().fold(Decimal::ZERO, |acc, i| acc.saturating_add(i.points));
    let result = IndicatorResult {
        number: ind.number,
        score: mean,
        max: ind.points,
        achievable: sum_max.min(ind.points),
        complete: experts.iter().all(|e| e.outcome.indicator(ind.number).is_some_and(|i| i.complete)),
        items: item_results,
    };
    let panel =
        PanelIndicator { number: ind.number, max: ind.points, scores, mean_exact, mean, spread, outlier, items };
    (panel, result)
}

/// The outlier flag of an indicator: when the experts' spread reaches 25% of its points, the
/// expert(s) farthest from the exact mean.
fn outlier(
    ind: &Indicator,
    experts: &[PanelExpert],
    scores: &[Decimal],
    mean_exact: Decimal,
    spread: Decimal,
) -> Option<Outlier> {
    let share = outlier_share();
    let threshold = share * ind.points;
    if scores.len() < 2 || spread <= Decimal::ZERO || spread < threshold {
        return None;
    }
    let distance = scores.iter().map(|s| (*s - mean_exact).abs()).max().unwrap_or(Decimal::ZERO);
    let idx: Vec<usize> =
        scores.iter().enumerate().filter(|(_, s)| (**s - mean_exact).abs() == distance).map(|(i, _)| i).collect();
    let names: Vec<String> =
        idx.iter().map(|&i| format!("{}({}分)", experts[i].reviewer.display(), fmt(scores[i]))).collect();
    Some(Outlier {
        note: format!(
            "指标{}专家评分相差{}分(达到本指标{}分的{}%),偏离平均值最远:{}",
            ind.number,
            fmt(spread),
            fmt(ind.points),
            fmt(share * Decimal::ONE_HUNDRED),
            names.join("、")
        ),
        experts: idx,
        distance: round_half_up(distance, 4),
        threshold,
    })
}

/// Saturating sum (a user-loaded rubric's points may be huge; means stay within them).
fn sum_of(v: &[Decimal]) -> Decimal {
    v.iter().fold(Decimal::ZERO, |acc, x| acc.saturating_add(*x))
}

fn describe_rubric(r: &RubricRef) -> String {
    let digest: String = r.digest.chars().take(15).collect();
    format!("「{}」版本「{}」,摘要{}…", short_or_blank(&r.id), short_or_blank(&r.version), digest)
}

/// The first subject field that differs, by its Chinese name.
fn subject_difference(a: &Subject, b: &Subject) -> Option<&'static str> {
    if a.name.trim() != b.name.trim() {
        Some("名称")
    } else if a.kind != b.kind {
        Some("类型")
    } else if a.province.trim() != b.province.trim() {
        Some("所在省份")
    } else if a.start_year != b.start_year {
        Some("创建期起始年份")
    } else if a.years != b.years {
        Some("创建期年数")
    } else {
        None
    }
}

fn subject_field(s: &Subject, field: &str) -> String {
    match field {
        "名称" => short_or_blank(&s.name),
        "类型" => s.kind.map(|k| k.label().to_string()).unwrap_or_else(|| "未选择".into()),
        "所在省份" => short_or_blank(&s.province),
        "创建期起始年份" => s.start_year.map(|y| y.to_string()).unwrap_or_else(|| "未填写".into()),
        _ => s.years.map(|y| y.to_string()).unwrap_or_else(|| "未填写".into()),
    }
}


fn short_or_blank(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        return "未填写".into();
    }
    short(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::assessment::SubjectKind;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// What an expert's file carries for the panel.
    struct File {
        rubric: RubricRef,
        assessment: Assessment,
    }

    impl File {
        fn sheet(&self) -> Sheet<'_> {
            Sheet { rubric: &self.rubric, assessment: &self.assessment, inputs_digest: None }
        }
    }

    fn sheet(loaded: &LoadedRubric, expert: &str, scores: &[(&str, &str)]) -> File {
        let mut a = Assessment { id: "a-1".into(), ..Default::default() };
        a.subject = Subject {
            name: "杭州市".into(),
            kind: Some(SubjectKind::SubProvincialCity),
            province: "浙江".into(),
            start_year: Some(2022),
            years: Some(3),
        };
        let mut r = Review::new(ReviewRole::Expert, Reviewer { name: expert.into(), unit: "某大学".into() }, "2025-11-03");
        for (id, s) in scores {
            r.item_mut(id).score = s.to_string();
        }
        a.reviews.push(r);
        File { rubric: loaded.reference(), assessment: a }
    }

    #[test]
    fn means_round_half_up_and_totals_sum_the_rounded_means() {
        let l = LoadedRubric::bundled();
        // Indicator 9 (one item of 3 points), 15 (3 points), 16 (2 points).
        let a = sheet(&l, "甲", &[("9.1", "1.5"), ("15.1", "2.34"), ("16.1", "1.01")]);
        let b = sheet(&l, "乙", &[("9.1", "1.5"), ("15.1", "2.35"), ("16.1", "1")]);
        let c = sheet(&l, "丙", &[("9.1", "1.6"), ("15.1", "2.35"), ("16.1", "1")]);

        let two = merge_panel(&l, &[a.sheet(), b.sheet()]).unwrap();
        // (2.34 + 2.35) / 2 = 2.345 → 2.35; (1.01 + 1) / 2 = 1.005 → 1.01 (half up, not to even).
        assert_eq!(two.indicator(15).unwrap().mean_exact, d("2.345"));
        assert_eq!(two.indicator(15).unwrap().mean, d("2.35"));
        assert_eq!(two.indicator(16).unwrap().mean, d("1.01"));

        let three = merge_panel(&l, &[a.sheet(), b.sheet(), c.sheet()]).unwrap();
        // 9: 4.6 / 3 = 1.5333… → 1.53; 15: 7.04 / 3 = 2.3466… → 2.35; 16: 3.01 / 3 = 1.0033… → 1.00.
        assert_eq!(three.indicator(9).unwrap().mean, d("1.53"));
        assert_eq!(three.indicator(15).unwrap().mean, d("2.35"));
        assert_eq!(three.indicator(16).unwrap().mean, d("1.00"));
        assert_eq!(three.indicator(9).unwrap().spread, d("0.1"));
        // Dimensions and total add the rounded means (1.53; 2.35 + 1.00), not the exact ones.
        let dim = |id: &str| three.outcome.dimensions.iter().find(|x| x.id == id).unwrap().score;
        assert_eq!(dim("D2"), d("1.53"));
        assert_eq!(dim("D3"), d("3.35"));
        assert_eq!(three.outcome.total, d("4.88"));
        assert!(!three.outcome.passed);
        assert_eq!(three.outcome.conditions[0].missing, d("80.12"));

        // A score with three decimals is a located error in that expert's sheet, counted 0.
        let bad = sheet(&l, "丁", &[("15.1", "2.345")]);
        let p = merge_panel(&l, &[a.sheet(), bad.sheet()]).unwrap();
        assert!(p.outcome.problems.iter().any(|x| x.is_error()
            && x.location.item.as_deref() == Some("15.1")
            && x.message.starts_with("专家丁(某大学):")));
        assert_eq!(p.indicator(15).unwrap().mean, d("1.17"));
    }

    #[test]
    fn outliers_are_flagged_and_named() {
        let l = LoadedRubric::bundled();
        let a = sheet(&l, "甲", &[("9.1", "2"), ("15.1", "2")]);
        let b = sheet(&l, "乙", &[("9.1", "2"), ("15.1", "2.5")]);
        let c = sheet(&l, "丙", &[("9.1", "1"), ("15.1", "2")]);
        let p = merge_panel(&l, &[a.sheet(), b.sheet(), c.sheet()]).unwrap();
        // Indicator 9: spread 1 ≥ 0.75 (25% of 3): flagged, 丙 is farthest from 1.666….
        let o = p.indicator(9).unwrap().outlier.as_ref().unwrap();
        assert_eq!(o.experts, vec![2]);
        assert_eq!(o.threshold, d("0.75"));
        assert!(o.note.contains("丙(某大学)(1分)"), "{}", o.note);
        // Indicator 15: spread 0.5 < 0.75: not flagged.
        assert!(p.indicator(15).unwrap().outlier.is_none());
        assert_eq!(p.outliers().count(), 1);
        // Exactly at the threshold is flagged; two experts tie for farthest.
        let x = sheet(&l, "甲", &[("9.1", "2")]);
        let y = sheet(&l, "乙", &[("9.1", "1.25")]);
        let q = merge_panel(&l, &[x.sheet(), y.sheet()]).unwrap();
        assert_eq!(q.indicator(9).unwrap().outlier.as_ref().unwrap().experts, vec![0, 1]);
    }

    #[test]
    fn refusals_name_the_sheet() {
        let l = LoadedRubric::bundled();
        let a = sheet(&l, "甲", &[]);
        let mut other_id = sheet(&l, "乙", &[]);
        other_id.assessment.id = "a-2".into();
        let mut other_city = sheet(&l, "丙", &[]);
        other_city.assessment.subject.name = "宁波市".into();
        let mut other_rubric = sheet(&l, "丁", &[]);
        other_rubric.rubric.digest = "sha256:0000".into();
        let mut no_expert = sheet(&l, "戊", &[]);
        no_expert.assessment.reviews[0].role = ReviewRole::Province;
        let again = sheet(&l, "甲", &[]);
        let sheets =
            [a.sheet(), other_id.sheet(), other_city.sheet(), other_rubric.sheet(), no_expert.sheet(), again.sheet()];
        let err = merge_panel(&l, &sheets).unwrap_err();
        let text: Vec<String> = err.iter().map(|r| r.to_string()).collect();
        assert_eq!(err.len(), 5, "{text:?}");
        assert!(text[0].starts_with("第2份评分表:评估编号「a-2」与第1份评分表的「a-1」不同"), "{}", text[0]);
        assert!(text[1].starts_with("第3份评分表:创建对象的名称与第1份评分表不同(「宁波市」与「杭州市」)"), "{}", text[1]);
        assert!(text[2].starts_with("第4份评分表:使用的指标体系") && text[2].contains("不同,不能合并"), "{}", text[2]);
        assert!(text[3].starts_with("第5份评分表:没有专家评估层"), "{}", text[3]);
        assert!(text[4].contains("专家甲(某大学)的评分与第1份评分表重复"), "{}", text[4]);
        assert_eq!(err[4].location.place.as_deref(), Some("第6份评分表"));

        let labelled = merge_panel_labelled(&l, &[("zhang.json", a.sheet()), ("li.json", again.sheet())]).unwrap_err();
        assert_eq!(labelled[0].to_string(), "「li.json」:专家甲(某大学)的评分与「zhang.json」重复:同一位专家(姓名和单位相同)只能计入一次");
        assert!(merge_panel(&l, &[]).is_err());
    }

    #[test]
    fn blank_items_and_differing_self_data_are_warned() {
        let l = LoadedRubric::bundled();
        let a = sheet(&l, "甲", &[("9.1", "2")]);
        let mut b = sheet(&l, "乙", &[("9.1", "2")]);
        b.assessment.input_mut("4.1").values.insert("score".into(), "2".into());
        let p = merge_panel(&l, &[a.sheet(), b.sheet()]).unwrap();
        assert!(p.outcome.problems.iter().any(|x| x.message.contains("按0分计入平均")));
        assert!(p.outcome.problems.iter().any(|x| x.message.contains("自评数据与第1份评分表不同")));
        assert_eq!(p.experts.len(), 2);
        assert_eq!(p.outcome.item("9.1").unwrap().score, d("2"));
    }
}

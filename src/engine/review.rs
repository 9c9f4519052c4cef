//! Review layers: other parties scoring the same evidence.
//!
//! The 管理办法 has three parties look at one creation object's evidence: the creation object
//! evaluates itself (第十二条, the self layer: [`Assessment::inputs`]), the provincial market
//! regulator reviews it (第八条, 第十三条: 初审), and experts organised by 市场监管总局 evaluate it
//! (第十四条: 评估). One assessment file carries every layer (`reviews`), so that it can travel by
//! email between the parties; no server is involved.
//!
//! A review gives every sub-item a score as typed by the reviewer (0 to the item's points, at most
//! two decimals), with a comment and the method used (资料审查, 数据比对, 实地核查, 专家评估).
//! [`score_review`] turns it into the same [`Outcome`] as a self-assessment (indicator = sum of its
//! items capped at the indicator's points, dimensions, total and verdict by the same code), and
//! [`compare_layers`] lists where two layers differ, for highlighting.
//!
//! [`Assessment::inputs`]: super::assessment::Assessment::inputs

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::assessment::Assessment;
use super::num::{fmt, parse_score};
use super::problem::{Location, Problem};
use super::rubric::Rubric;
use super::score::{outcome_from_indicators, IndicatorResult, ItemResult, ItemStatus, Outcome};

/// Decimal places a reviewer's score may have ("Scores are kept to at most two decimal places").
pub const REVIEW_SCORE_DECIMALS: u32 = 2;

/// Who wrote a review layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewRole {
    /// 省级市场监管部门: 评估初审 (第八条, 第十三条).
    Province,
    /// 市场监管总局组织的评估专家: 评估 (第十四条).
    Expert,
}

impl ReviewRole {
    pub const ALL: [ReviewRole; 2] = [ReviewRole::Province, ReviewRole::Expert];

    /// The layer's name as shown to users.
    pub fn label(self) -> &'static str {
        match self {
            ReviewRole::Province => "省级市场监管部门初审",
            ReviewRole::Expert => "总局评估专家评估",
        }
    }

    /// Short name for table headers and messages.
    pub fn short_label(self) -> &'static str {
        match self {
            ReviewRole::Province => "省级初审",
            ReviewRole::Expert => "专家评估",
        }
    }

    /// The name of the overall opinion of this layer.
    pub fn opinion_label(self) -> &'static str {
        match self {
            ReviewRole::Province => "初审意见",
            ReviewRole::Expert => "评估意见",
        }
    }

    /// The article of the 管理办法 that sets this layer up.
    pub fn article(self) -> &'static str {
        match self {
            ReviewRole::Province => "第十三条",
            ReviewRole::Expert => "第十四条",
        }
    }

    /// The methods the article names for this layer (第十三条: 资料审查、数据比对、实地核查;
    /// 第十四条 adds 专家评估).
    pub fn methods(self) -> &'static [Method] {
        match self {
            ReviewRole::Province => &[Method::DocumentReview, Method::DataComparison, Method::SiteInspection],
            ReviewRole::Expert => &Method::ALL,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            ReviewRole::Province => "province",
            ReviewRole::Expert => "expert",
        }
    }

    pub fn from_id(id: &str) -> Option<ReviewRole> {
        ReviewRole::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// How a reviewer checked an item (第十三条, 第十四条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 资料审查
    DocumentReview,
    /// 数据比对
    DataComparison,
    /// 实地核查
    SiteInspection,
    /// 专家评估
    ExpertEvaluation,
}

impl Method {
    pub const ALL: [Method; 4] =
        [Method::DocumentReview, Method::DataComparison, Method::SiteInspection, Method::ExpertEvaluation];

    pub fn label(self) -> &'static str {
        match self {
            Method::DocumentReview => "资料审查",
            Method::DataComparison => "数据比对",
            Method::SiteInspection => "实地核查",
            Method::ExpertEvaluation => "专家评估",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Method::DocumentReview => "document_review",
            Method::DataComparison => "data_comparison",
            Method::SiteInspection => "site_inspection",
            Method::ExpertEvaluation => "expert_evaluation",
        }
    }

    pub fn from_id(id: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The method named by a rubric's 评估方式 text (`资料审查` …).
    pub fn from_label(label: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.label() == label.trim())
    }
}

/// The person who wrote a review and the unit they belong to.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    #[serde(default)]
    pub name: String,
    /// 单位, e.g. 浙江省市场监督管理局.
    #[serde(default)]
    pub unit: String,
}

impl Reviewer {
    /// `张三(某大学)`, or what is known of it.
    pub fn display(&self) -> String {
        let name = self.name.trim();
        let unit = self.unit.trim();
        match (name.is_empty(), unit.is_empty()) {
            (false, false) => format!("{name}({unit})"),
            (false, true) => name.to_string(),
            (true, false) => format!("(未填写姓名)({unit})"),
            (true, true) => "(未填写姓名)".to_string(),
        }
    }

    /// What identifies a reviewer across sheets: name and unit, trimmed.
    pub fn key(&self) -> (String, String) {
        (self.name.trim().to_string(), self.unit.trim().to_string())
    }
}

/// A reviewer's verdict on one sub-item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewItem {
    /// The score as typed; checked by [`score_review`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub score: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
}

impl ReviewItem {
    pub fn is_empty(&self) -> bool {
        self.score.trim().is_empty() && self.comment.trim().is_empty() && self.method.is_none()
    }
}

/// One review layer: the province's 初审 or one expert's 评估.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub role: ReviewRole,
    #[serde(default)]
    pub reviewer: Reviewer,
    /// The review's date as entered (ISO 8601, `2025-11-03`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    /// By item id (`4.1`, `3b`), as in the rubric.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, ReviewItem>,
    /// The overall 初审意见 / 评估意见.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opinion: String,
}

impl Review {
    pub fn new(role: ReviewRole, reviewer: Reviewer, at: &str) -> Review {
        Review { role, reviewer, at: at.to_string(), items: BTreeMap::new(), opinion: String::new() }
    }

    pub fn item(&self, id: &str) -> Option<&ReviewItem> {
        self.items.get(id)
    }

    /// The item's review, created empty when missing (for editing).
    pub fn item_mut(&mut self, id: &str) -> &mut ReviewItem {
        self.items.entry(id.to_string()).or_default()
    }

    /// Drops empty item reviews.
    pub fn prune(&mut self) {
        self.items.retain(|_, v| !v.is_empty());
    }

    /// `省级初审 浙江省市场监督管理局 王五`-like title for lists.
    pub fn title(&self) -> String {
        format!("{}:{}", self.role.short_label(), self.reviewer.display())
    }
}

/// The reviews of one role in an assessment, with their positions in `reviews`.
pub fn reviews_by_role(a: &Assessment, role: ReviewRole) -> Vec<(usize, &Review)> {
    a.reviews.iter().enumerate().filter(|(_, r)| r.role == role).collect()
}

/// The province's review: the last one when a file carries several (a later 初审 replaces an
/// earlier one; earlier ones stay in the file as history).
pub fn province_review(a: &Assessment) -> Option<&Review> {
    a.reviews.iter().rev().find(|r| r.role == ReviewRole::Province)
}

/// Scores a review layer under a rubric: every sub-item's reviewer score (0 to the item's points,
/// at most two decimals), indicator = min(sum of items, indicator points), dimensions, total and
/// verdict exactly as for a self-assessment. Never panics; every problem is in `problems`,
/// located on the item. A blank score counts 0 and leaves the item [`ItemStatus::Empty`]; a wrong
/// score counts 0 and marks it [`ItemStatus::Invalid`].
pub fn score_review(rubric: &Rubric, review: &Review) -> Outcome {
    let mut problems = check_review_header(review);
    let role = review.role;

    let known: BTreeSet<&str> = rubric.items().map(|(_, it)| it.id.as_str()).collect();
    for id in review.items.keys() {
        if !known.contains(id.as_str()) {
            problems.push(Problem::error(
                Location::file(&format!("{} 第{}项", role.short_label(), short(id))),
                format!("指标体系中没有第「{}」项,此项评分无法计入", short(id)),
            ));
        }
    }

    let score_field = format!("{}评分", role.short_label());
    let mut indicators = Vec::new();
    for ind in rubric.indicators() {
        let mut items = Vec::new();
        for item in &ind.items {
            let r = review.items.get(&item.id);
            let mut details = Vec::new();
            let mut status = ItemStatus::Empty;
            let mut score = Decimal::ZERO;
            if let Some(r) = r {
                let raw = r.score.trim();
                if raw.is_empty() {
                    if !r.is_empty() {
                        status = ItemStatus::Incomplete;
                    }
                } else {
                    match parse_score(raw, item.points, REVIEW_SCORE_DECIMALS) {
                        Ok(v) => {
                            score = v;
                            status = ItemStatus::Complete;
                            details.push(format!("{}{}分(满分{}分)", score_field, fmt(v), fmt(item.points)));
                        }
                        Err(e) => {
                            status = ItemStatus::Invalid;
                            problems.push(Problem::error(Location::item(ind.number, &item.id, &score_field), e));
                        }
                    }
                }
                if let Some(m) = r.method {
                    details.push(format!("评估方式:{}", m.label()));
                    if !role.methods().contains(&m) {
                        problems.push(Problem::warning(
                            Location::item(ind.number, &item.id, "评估方式"),
                            format!(
                                "{}规定的{}方式为{},不含「{}」",
                                role.article(),
                                role.short_label(),
                                role.methods().iter().map(|m| m.label()).collect::<Vec<_>>().join("、"),
                                m.label()
                            ),
                        ));
                    } else if !ind.methods.is_empty() && !ind.methods.iter().any(|x| Method::from_label(x) == Some(m)) {
                        problems.push(Problem::warning(
                            Location::item(ind.number, &item.id, "评估方式"),
                            format!("指标{}的评估方式为{},不含「{}」", ind.number, ind.methods.join("、"), m.label()),
                        ));
                    }
                }
                if !r.comment.trim().is_empty() {
                    details.push(format!("意见:{}", r.comment.trim()));
                }
            }
            items.push(ItemResult { id: item.id.clone(), score, max: item.points, status, details });
        }
        // Saturating: a user-loaded rubric's points may add up past what a Decimal holds; the
        // indicator's points cap the result anyway.
        let sum = items.iter().fold(Decimal::ZERO, |acc, i| acc.saturating_add(i.score));
        let sum_max = items.iter().fold(Decimal::ZERO, |acc, i| acc.saturating_add(i.max));
        indicators.push(IndicatorResult {
            number: ind.number,
            score: sum.min(ind.points),
            max: ind.points,
            achievable: sum_max.min(ind.points),
            complete: items.iter().all(|i| i.status == ItemStatus::Complete),
            items,
        });
    }
    outcome_from_indicators(rubric, indicators, problems)
}

/// Problems of a review's header: who and when.
fn check_review_header(review: &Review) -> Vec<Problem> {
    let mut p = Vec::new();
    let role = review.role.short_label();
    if review.reviewer.name.trim().is_empty() {
        p.push(Problem::warning(Location::file(&format!("{role} 评审人姓名")), "未填写评审人姓名"));
    }
    if review.reviewer.unit.trim().is_empty() {
        p.push(Problem::warning(Location::file(&format!("{role} 评审人单位")), "未填写评审人单位"));
    }
    let at = review.at.trim();
    if at.is_empty() {
        p.push(Problem::warning(Location::file(&format!("{role} 日期")), "未填写评审日期"));
    } else if !is_iso_date(at) {
        p.push(Problem::warning(
            Location::file(&format!("{role} 日期")),
            format!("日期「{}」应写为年-月-日(如2025-11-03)", short(at)),
        ));
    }
    p
}

/// `YYYY-MM-DD` with a real month and day.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// What a [`Difference`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum DiffScope {
    Item { indicator: u32, id: String },
    Indicator { number: u32 },
    Dimension { id: String, name: String },
    Total,
}

impl DiffScope {
    /// `指标4 第4.1项`, `指标4`, `规范监管`, `总分`.
    pub fn label(&self) -> String {
        match self {
            DiffScope::Item { indicator, id } => format!("指标{indicator} 第{id}项"),
            DiffScope::Indicator { number } => format!("指标{number}"),
            DiffScope::Dimension { name, .. } => name.clone(),
            DiffScope::Total => "总分".into(),
        }
    }
}

/// A score that differs between two outcomes (two layers, or two versions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub scope: DiffScope,
    /// The first outcome's score (the self layer, or the old version).
    pub left: Decimal,
    /// The second outcome's score (the review layer, or the new version).
    pub right: Decimal,
    /// The most the scope can give.
    pub max: Decimal,
}

impl Difference {
    /// `right - left`: negative when the review (or the new version) gives less.
    pub fn delta(&self) -> Decimal {
        self.right - self.left
    }

    /// `指标4 第4.1项:2分 → 1.5分(-0.5)`.
    pub fn describe(&self) -> String {
        let d = self.delta();
        let sign = if d > Decimal::ZERO { "+" } else { "" };
        format!("{}:{}分 → {}分({sign}{})", self.scope.label(), fmt(self.left), fmt(self.right), fmt(d))
    }
}

/// Every score that differs between two outcomes of the same rubric: items, indicators,
/// dimensions and the total, in rubric order (items before their indicator).
pub fn score_differences(left: &Outcome, right: &Outcome) -> Vec<Difference> {
    let mut out = Vec::new();
    for ind in &left.indicators {
        let Some(other) = right.indicator(ind.number) else { continue };
        for item in &ind.items {
            if let Some(o) = other.items.iter().find(|i| i.id == item.id) {
                if o.score != item.score {
                    out.push(Difference {
                        scope: DiffScope::Item { indicator: ind.number, id: item.id.clone() },
                        left: item.score,
                        right: o.score,
                        max: item.max,
                    });
                }
            }
        }
        if other.score != ind.score {
            out.push(Difference {
                scope: DiffScope::Indicator { number: ind.number },
                left: ind.score,
                right: other.score,
                max: ind.max,
            });
        }
    }
    for d in &left.dimensions {
        if let Some(o) = right.dimensions.iter().find(|x| x.id == d.id) {
            if o.score != d.score {
                out.push(Difference {
                    scope: DiffScope::Dimension { id: d.id.clone(), name: d.name.clone() },
                    left: d.score,
                    right: o.score,
                    max: d.max,
                });
            }
        }
    }
    if left.total != right.total {
        out.push(Difference { scope: DiffScope::Total, left: left.total, right: right.total, max: left.max });
    }
    out
}

/// Where a review layer scores an item or an indicator differently from the self layer
/// (for highlighting side by side). `left` is the self score, `right` the review's.
pub fn compare_layers(self_outcome: &Outcome, review_outcome: &Outcome) -> Vec<Difference> {
    score_differences(self_outcome, review_outcome)
        .into_iter()
        .filter(|d| matches!(d.scope, DiffScope::Item { .. } | DiffScope::Indicator { .. }))
        .collect()
}

fn short(s: &str) -> String {
    super::problem::excerpt(s, 40)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::score::score;
    use crate::engine::Severity;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn review(role: ReviewRole, scores: &[(&str, &str)]) -> Review {
        let mut r = Review::new(role, Reviewer { name: "王五".into(), unit: "浙江省市场监督管理局".into() }, "2025-11-03");
        for (id, s) in scores {
            r.item_mut(id).score = s.to_string();
        }
        r
    }

    /// Full marks on every item of the bundled rubric.
    fn full(role: ReviewRole) -> Review {
        let rubric = Rubric::bundled();
        let mut r = review(role, &[]);
        for (_, item) in rubric.items() {
            r.item_mut(&item.id).score = fmt(item.points);
        }
        r
    }

    #[test]
    fn full_marks_score_the_achievable_total_and_pass() {
        let rubric = Rubric::bundled();
        let o = score_review(&rubric, &full(ReviewRole::Expert));
        assert!(o.problems.is_empty(), "{:?}", o.problems);
        // Indicator 24 gives at most 3 of its 4 points; 25's items add up to 5.5, capped at 4.
        assert_eq!(o.total, d("99"));
        assert_eq!(o.total, o.achievable);
        assert_eq!(o.indicator(25).unwrap().score, d("4"));
        assert!(o.passed);
        assert_eq!(o.progress().0, o.progress().1);
    }

    #[test]
    fn wrong_scores_are_located_errors_and_count_zero() {
        let rubric = Rubric::bundled();
        let r = review(ReviewRole::Province, &[("4.1", "2.5"), ("4.2", "1.255"), ("4.3", "-1"), ("5.1", "abc")]);
        let o = score_review(&rubric, &r);
        let errors: Vec<&Problem> = o.problems.iter().filter(|p| p.is_error()).collect();
        assert_eq!(errors.len(), 4, "{errors:?}");
        for (p, id) in errors.iter().zip(["4.1", "4.2", "4.3", "5.1"]) {
            assert_eq!(p.location.item.as_deref(), Some(id));
            assert_eq!(p.location.field.as_deref(), Some("省级初审评分"));
        }
        assert!(errors[0].message.contains("超过本项满分2"));
        assert!(errors[1].message.contains("2位小数"));
        assert!(errors[2].message.contains("负数"));
        let i4 = o.indicator(4).unwrap();
        assert_eq!(i4.score, Decimal::ZERO);
        assert!(i4.items.iter().all(|i| i.status == ItemStatus::Invalid));
    }

    #[test]
    fn two_decimals_are_allowed_and_indicator_is_capped() {
        let rubric = Rubric::bundled();
        let o = score_review(&rubric, &review(ReviewRole::Expert, &[("7.1", "1.25"), ("25.1", "4"), ("25.2", "1.5")]));
        assert!(!o.has_errors());
        assert_eq!(o.item("7.1").unwrap().score, d("1.25"));
        assert_eq!(o.indicator(25).unwrap().score, d("4"));
        assert_eq!(o.item("7.2").unwrap().status, ItemStatus::Empty);
    }

    #[test]
    fn unknown_items_header_and_methods_are_reported() {
        let rubric = Rubric::bundled();
        let mut r = review(ReviewRole::Province, &[("99.9", "1")]);
        r.reviewer.name.clear();
        r.at = "2025/11/03".into();
        r.item_mut("4.1").method = Some(Method::ExpertEvaluation);
        r.item_mut("1").method = Some(Method::SiteInspection);
        let o = score_review(&rubric, &r);
        assert!(o.problems.iter().any(|p| p.is_error() && p.message.contains("没有第「99.9」项")));
        assert!(o.problems.iter().any(|p| p.severity == Severity::Warning && p.message.contains("评审人姓名")));
        assert!(o.problems.iter().any(|p| p.message.contains("年-月-日")));
        assert!(o.problems.iter().any(|p| p.location.item.as_deref() == Some("4.1") && p.message.contains("第十三条")));
        assert!(o.problems.iter().any(|p| p.location.item.as_deref() == Some("1") && p.message.contains("指标1的评估方式")));
        // A method alone leaves the item incomplete, not empty.
        assert_eq!(o.item("4.1").unwrap().status, ItemStatus::Incomplete);
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2025-13-01"));
        assert!(!is_iso_date("2025-1-01"));
        assert!(!is_iso_date("２025-01-01"));
    }

    #[test]
    fn layers_compare_per_item_and_indicator() {
        let rubric = Rubric::bundled();
        let mut a = Assessment::default();
        a.input_mut("4.1").values.insert("score".into(), "2".into());
        a.input_mut("4.2").values.insert("score".into(), "1".into());
        let own = score(&rubric, &a);
        let rev = score_review(&rubric, &review(ReviewRole::Province, &[("4.1", "1.5"), ("4.2", "1")]));
        let diffs = compare_layers(&own, &rev);
        assert_eq!(diffs.len(), 2, "{diffs:?}");
        assert_eq!(diffs[0].scope, DiffScope::Item { indicator: 4, id: "4.1".into() });
        assert_eq!(diffs[0].delta(), d("-0.5"));
        assert_eq!(diffs[0].describe(), "指标4 第4.1项:2分 → 1.5分(-0.5)");
        assert_eq!(diffs[1].scope, DiffScope::Indicator { number: 4 });
        assert_eq!((diffs[1].left, diffs[1].right), (d("3"), d("2.5")));
        let all = score_differences(&own, &rev);
        assert!(all.iter().any(|x| x.scope == DiffScope::Total));
        assert!(all.iter().any(|x| matches!(&x.scope, DiffScope::Dimension { id, .. } if id == "D1")));
        assert!(compare_layers(&own, &own).is_empty());
    }

    #[test]
    fn serde_shape_and_helpers() {
        let mut r = review(ReviewRole::Expert, &[("4.1", "1.5")]);
        r.item_mut("4.1").method = Some(Method::SiteInspection);
        r.item_mut("4.2");
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["role"], "expert");
        assert_eq!(json["items"]["4.1"]["method"], "site_inspection");
        assert_eq!(json["items"]["4.2"], serde_json::json!({}));
        let back: Review = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
        r.prune();
        assert!(r.item("4.2").is_none());
        assert!(serde_json::from_str::<Review>(r#"{"role":"expert","x":1}"#).is_err());
        assert_eq!(Method::from_label("数据比对"), Some(Method::DataComparison));
        assert_eq!(ReviewRole::from_id("province"), Some(ReviewRole::Province));
        let mut a = Assessment::default();
        a.reviews.push(review(ReviewRole::Province, &[]));
        a.reviews.push(review(ReviewRole::Expert, &[]));
        let mut later = review(ReviewRole::Province, &[]);
        later.at = "2025-12-01".into();
        a.reviews.push(later);
        assert_eq!(reviews_by_role(&a, ReviewRole::Province).len(), 2);
        assert_eq!(province_review(&a).unwrap().at, "2025-12-01");
        assert_eq!(a.reviews[0].title(), "省级初审:王五(浙江省市场监督管理局)");
    }
}

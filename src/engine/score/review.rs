//! Scoring the review layers (第十三条, 第十四条): [`score_review`] turns a reviewer's sheet into the
//! same [`Outcome`] as a self-assessment (indicator = sum of its items capped at the indicator's
//! points, dimensions, total and verdict by the same code), and [`compare_layers`] lists where two
//! layers differ, for highlighting. The review data is in `model::review`.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use super::outcome::{outcome_from_indicators, IndicatorResult, ItemResult, ItemStatus, Outcome};
use crate::engine::model::review::{Method, Review, ReviewItem, ReviewRole, REVIEW_SCORE_DECIMALS};
use crate::engine::model::rubric::{Indicator, Item, Rubric};
use crate::engine::support::dates::is_iso_date;
use crate::engine::support::num::{fmt, fmt_signed, parse_score};
use crate::engine::support::problem::{Location, Problem, ProblemList, Severity};
use crate::engine::support::text::short;

/// Scores a review layer under a rubric: every sub-item's reviewer score (0 to the item's points,
/// at most two decimals), indicator = min(sum of items, indicator points), dimensions, total and
/// verdict exactly as for a self-assessment. Never panics; every problem is in `problems`,
/// located on the item. A blank score counts 0 and leaves the item [`ItemStatus::Empty`]; a wrong
/// score counts 0 and marks it [`ItemStatus::Invalid`].
pub fn score_review(rubric: &Rubric, review: &Review) -> Outcome {
    let mut problems = check_review_header(review, true);
    let role = review.role;
    let known: BTreeSet<&str> = rubric.items().map(|(_, it)| it.id.as_str()).collect();
    let mut unknown = ProblemList::default();
    for id in review.items.keys().filter(|id| !known.contains(id.as_str())) {
        unknown.push_with(Severity::Error, || unknown_item(role, id));
    }
    problems.extend(unknown.finish(Location::file(role.short_label())));

    let mut indicators = Vec::new();
    for ind in rubric.indicators() {
        let mut items = Vec::new();
        for item in &ind.items {
            let checked = review.items.get(&item.id).map(|r| check_item(role, ind, item, r, true)).unwrap_or_default();
            problems.extend(checked.problems);
            items.push(ItemResult {
                id: item.id.clone(),
                score: checked.score,
                max: item.points,
                status: checked.status,
                details: checked.details,
            });
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

/// The problems of every review layer of a file, without scoring them: each layer's header and
/// the items it scores (linear in what the layers hold, whatever their number), each problem
/// placed in its layer (`第2份评审(专家评估)`), the list capped (`support::problem::MAX_LISTED`).
pub fn reviews_problems(rubric: &Rubric, reviews: &[Review]) -> ProblemList {
    let items: BTreeMap<&str, (&Indicator, &Item)> = rubric.items().map(|(ind, it)| (it.id.as_str(), (ind, it))).collect();
    let mut list = ProblemList::default();
    for (i, review) in reviews.iter().enumerate() {
        let place = || format!("第{}份评审({})", i + 1, review.role.short_label());
        let placed = |p: Problem| Problem { location: Location { place: Some(place()), ..p.location }, ..p };
        for p in check_review_header(review, !list.is_full()) {
            list.push_with(p.severity, || placed(p.clone()));
        }
        for (id, r) in &review.items {
            match items.get(id.as_str()) {
                Some((ind, item)) => {
                    // Past the cap the problems are only counted: nothing is described.
                    let describe = !list.is_full();
                    for p in check_item(review.role, ind, item, r, describe).problems {
                        list.push_with(p.severity, || placed(p.clone()));
                    }
                }
                None => list.push_with(Severity::Error, || placed(unknown_item(review.role, id))),
            }
        }
    }
    list
}

fn unknown_item(role: ReviewRole, id: &str) -> Problem {
    Problem::error(
        Location::file(&format!("{} 第{}项", role.short_label(), short(id))),
        format!("指标体系中没有第「{}」项,此项评分无法计入", short(id)),
    )
}

/// One item of a review layer, checked: its score, status, details and problems.
#[derive(Default)]
struct CheckedItem {
    score: Decimal,
    status: ItemStatus,
    details: Vec<String>,
    problems: Vec<Problem>,
}

/// With `describe` false (here and in [`check_review_header`]), only the problems' severities are right (no text, no details: what is
/// only counted costs nothing to describe).
fn check_item(role: ReviewRole, ind: &Indicator, item: &Item, r: &ReviewItem, describe: bool) -> CheckedItem {
    let mut c = CheckedItem::default();
    let score_field = if describe { format!("{}评分", role.short_label()) } else { String::new() };
    let problem = |severity: Severity, field: &str, message: &dyn Fn() -> String| {
        if describe {
            Problem { severity, location: Location::item(ind.number, &item.id, field), message: message() }
        } else {
            Problem { severity, location: Location::default(), message: String::new() }
        }
    };
    let raw = r.score.trim();
    if raw.is_empty() {
        if !r.is_empty() {
            c.status = ItemStatus::Incomplete;
        }
    } else {
        match parse_score(raw, item.points, REVIEW_SCORE_DECIMALS) {
            Ok(v) => {
                c.score = v;
                c.status = ItemStatus::Complete;
                if describe {
                    c.details.push(format!("{}{}分(满分{}分)", score_field, fmt(v), fmt(item.points)));
                }
            }
            Err(e) => {
                c.status = ItemStatus::Invalid;
                c.problems.push(problem(Severity::Error, &score_field, &|| e.message.clone()));
            }
        }
    }
    if let Some(m) = r.method {
        if describe {
            c.details.push(format!("评估方式:{}", m.label()));
        }
        if !role.methods().contains(&m) {
            c.problems.push(problem(Severity::Warning, "评估方式", &|| {
                format!(
                    "《管理办法》规定的{}方式为{},不含「{}」",
                    role.short_label(),
                    role.methods().iter().map(|m| m.label()).collect::<Vec<_>>().join("、"),
                    m.label()
                )
            }));
        } else if !ind.methods.is_empty() && !ind.methods.iter().any(|x| Method::from_label(x) == Some(m)) {
            c.problems.push(problem(Severity::Warning, "评估方式", &|| {
                format!("指标{}的评估方式为{},不含「{}」", ind.number, ind.methods.join("、"), m.label())
            }));
        }
    }
    if describe && !r.comment.trim().is_empty() {
        c.details.push(format!("意见:{}", r.comment.trim()));
    }
    c
}

/// Problems of a review's header: who and when.
fn check_review_header(review: &Review, describe: bool) -> Vec<Problem> {
    let mut p = Vec::new();
    let role = review.role.short_label();
    let mut warn = |field: &str, message: &dyn Fn() -> String| {
        p.push(if describe {
            Problem::warning(Location::file(&format!("{role} {field}")), message())
        } else {
            Problem::warning(Location::default(), String::new())
        })
    };
    if review.reviewer.name.trim().is_empty() {
        warn("评审人姓名", &|| "未填写评审人姓名".into());
    }
    if review.reviewer.unit.trim().is_empty() {
        warn("评审人单位", &|| "未填写评审人单位".into());
    }
    let at = review.at.trim();
    if at.is_empty() {
        warn("日期", &|| "未填写评审日期".into());
    } else if !is_iso_date(at) {
        warn("日期", &|| format!("日期「{}」应写为年-月-日(如2025-11-03)", short(at)));
    }
    p
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
        format!("{}:{}分 → {}分({})", self.scope.label(), fmt(self.left), fmt(self.right), fmt_signed(self.delta()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::assessment::Assessment;
    use crate::engine::model::review::{ReviewRole, Reviewer};
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::items::score;
    use crate::engine::support::problem::Severity;
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
        let rubric = LoadedRubric::bundled().rubric;
        let mut r = review(role, &[]);
        for (_, item) in rubric.items() {
            r.item_mut(&item.id).score = fmt(item.points);
        }
        r
    }

    #[test]
    fn full_marks_score_the_achievable_total_and_pass() {
        let rubric = LoadedRubric::bundled().rubric;
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
        let rubric = LoadedRubric::bundled().rubric;
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
        let rubric = LoadedRubric::bundled().rubric;
        let o = score_review(&rubric, &review(ReviewRole::Expert, &[("7.1", "1.25"), ("25.1", "4"), ("25.2", "1.5")]));
        assert!(!o.has_errors());
        assert_eq!(o.item("7.1").unwrap().score, d("1.25"));
        assert_eq!(o.indicator(25).unwrap().score, d("4"));
        assert_eq!(o.item("7.2").unwrap().status, ItemStatus::Empty);
    }

    #[test]
    fn unknown_items_header_and_methods_are_reported() {
        let rubric = LoadedRubric::bundled().rubric;
        let mut r = review(ReviewRole::Province, &[("99.9", "1")]);
        r.reviewer.name.clear();
        r.at = "2025/11/03".into();
        r.item_mut("4.1").method = Some(Method::ExpertEvaluation);
        r.item_mut("1").method = Some(Method::SiteInspection);
        let o = score_review(&rubric, &r);
        assert!(o.problems.iter().any(|p| p.is_error() && p.message.contains("没有第「99.9」项")));
        assert!(o.problems.iter().any(|p| p.severity == Severity::Warning && p.message.contains("评审人姓名")));
        assert!(o.problems.iter().any(|p| p.message.contains("年-月-日")));
        assert!(o.problems.iter().any(|p| p.location.item.as_deref() == Some("4.1") && p.message.contains("规定的省级初审方式")));
        assert!(o.problems.iter().any(|p| p.location.item.as_deref() == Some("1") && p.message.contains("指标1的评估方式")));
        // A method alone leaves the item incomplete, not empty.
        assert_eq!(o.item("4.1").unwrap().status, ItemStatus::Incomplete);
    }

    #[test]
    fn layers_compare_per_item_and_indicator() {
        let rubric = LoadedRubric::bundled().rubric;
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
}

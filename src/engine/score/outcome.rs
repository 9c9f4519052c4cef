//! What scoring gives: item, indicator and dimension results, the pass conditions and the verdict.
//! [`outcome_from_indicators`] adds indicator results up and judges them; every layer (the
//! self-assessment, a review, the expert panel) goes through it, so that all add up and are judged
//! the same way.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::model::rubric::Rubric;
use crate::engine::support::num::{fmt, percent_truncated};
use crate::engine::support::problem::Problem;

/// Whether an item's inputs are enough to score it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Nothing entered yet (scores 0).
    #[default]
    Empty,
    /// Some inputs entered, but not all the rule needs (scores what it can).
    Incomplete,
    /// Everything the rule needs is entered and valid.
    Complete,
    /// At least one input has an error (what has an error does not count).
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub score: Decimal,
    pub max: Decimal,
    pub status: ItemStatus,
    /// How the score follows from the inputs, one Chinese sentence per line.
    pub details: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    pub number: u32,
    pub score: Decimal,
    /// The indicator's points as published.
    pub max: Decimal,
    /// The most its rule can give (3 for indicator 24, whose weight is 4).
    pub achievable: Decimal,
    pub complete: bool,
    pub items: Vec<ItemResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionResult {
    pub id: String,
    pub name: String,
    pub score: Decimal,
    pub max: Decimal,
    /// score / max, exact.
    pub rate: Decimal,
    pub passed: bool,
}

impl DimensionResult {
    /// The rate as a percentage for display, truncated to two decimals (`79.99`, never `80.00`
    /// for a rate below 80%).
    pub fn rate_display(&self) -> String {
        percent_truncated(self.rate)
    }
}

/// One pass condition of the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    /// `total`, or a dimension id.
    pub id: String,
    /// e.g. `总分≥85分`, `规范监管得分率≥80%`.
    pub label: String,
    /// The points the condition needs.
    pub required: Decimal,
    pub actual: Decimal,
    pub met: bool,
    /// Points still missing (0 when met).
    pub missing: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub total: Decimal,
    pub max: Decimal,
    /// The most any assessment can score under this rubric (99 under the 2025 draft).
    pub achievable: Decimal,
    pub passed: bool,
    pub dimensions: Vec<DimensionResult>,
    pub indicators: Vec<IndicatorResult>,
    pub conditions: Vec<Condition>,
    pub problems: Vec<Problem>,
}

impl Outcome {
    /// Nothing scored: what the app holds until its engine is loaded (`app::state::port`);
    /// nothing shows it.
    pub fn unscored() -> Outcome {
        Outcome {
            total: Decimal::ZERO,
            max: Decimal::ZERO,
            achievable: Decimal::ZERO,
            passed: false,
            dimensions: Vec::new(),
            indicators: Vec::new(),
            conditions: Vec::new(),
            problems: Vec::new(),
        }
    }

    pub fn indicator(&self, number: u32) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|i| i.number == number)
    }
    pub fn item(&self, id: &str) -> Option<&ItemResult> {
        self.indicators.iter().flat_map(|i| i.items.iter()).find(|i| i.id == id)
    }
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.is_error())
    }
    pub fn unmet(&self) -> impl Iterator<Item = &Condition> {
        self.conditions.iter().filter(|c| !c.met)
    }
    /// Counts of (complete items, all items).
    pub fn progress(&self) -> (usize, usize) {
        let items = self.indicators.iter().flat_map(|i| i.items.iter());
        let all = items.clone().count();
        let done = items.filter(|i| i.status == ItemStatus::Complete).count();
        (done, all)
    }
}

/// Builds the dimension scores, the total and the verdict from indicator results (one per
/// indicator of the rubric, in rubric order). Shared by `items::score` (self-assessment), the review
/// layers (`review::score_review`) and the expert panel (`panel::merge_panel`), so that every
/// layer adds up and is judged the same way.
pub fn outcome_from_indicators(rubric: &Rubric, indicators: Vec<IndicatorResult>, problems: Vec<Problem>) -> Outcome {
    let mut dimensions = Vec::new();
    // By number (the first result of a number, as a search would find it): linear in the rubric.
    let mut by_number: BTreeMap<u32, &IndicatorResult> = BTreeMap::new();
    for r in &indicators {
        by_number.entry(r.number).or_insert(r);
    }
    for dim in &rubric.dimensions {
        let score: Decimal = dim
            .indicators
            .iter()
            .filter_map(|i| by_number.get(&i.number).copied())
            .fold(Decimal::ZERO, |acc, r| acc.saturating_add(r.score))
            .normalize();
        let rate = score.checked_div(dim.points).unwrap_or(Decimal::ZERO);
        dimensions.push(DimensionResult {
            id: dim.id.clone(),
            name: dim.name.clone(),
            score,
            max: dim.points,
            rate,
            passed: rate >= rubric.pass_rule.min_dimension_rate,
        });
    }
    let total = dimensions.iter().fold(Decimal::ZERO, |acc, d| acc.saturating_add(d.score)).normalize();
    let achievable = indicators.iter().fold(Decimal::ZERO, |acc, i| acc.saturating_add(i.achievable)).normalize();
    let conditions = verdict_conditions(rubric, total, &dimensions);
    let passed = conditions.iter().all(|c| c.met);

    Outcome {
        total,
        max: rubric.total_points(),
        achievable,
        passed,
        dimensions,
        indicators,
        conditions,
        problems,
    }
}

/// The pass conditions (合格标准), each with the points still missing.
pub fn verdict_conditions(rubric: &Rubric, total: Decimal, dimensions: &[DimensionResult]) -> Vec<Condition> {
    let rule = &rubric.pass_rule;
    let mut out = vec![condition(
        "total".into(),
        format!("总分≥{}分", fmt(rule.min_total)),
        rule.min_total,
        total,
    )];
    for d in dimensions {
        let required = rule.min_dimension_rate * d.max;
        out.push(condition(
            d.id.clone(),
            format!("{}得分率≥{}%(≥{}分)", d.name, fmt(rule.min_dimension_rate * Decimal::ONE_HUNDRED), fmt(required)),
            required,
            d.score,
        ));
    }
    out
}

fn condition(id: String, label: String, required: Decimal, actual: Decimal) -> Condition {
    let required = required.normalize();
    let met = actual >= required;
    Condition {
        id,
        label,
        required,
        actual,
        met,
        missing: if met { Decimal::ZERO } else { (required - actual).normalize() },
    }
}

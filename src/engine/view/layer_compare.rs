//! A review layer beside the self layer: [`compare`] puts a reviewer's scores beside the
//! self-assessment's, item by item and indicator by indicator (from `score::review::compare_layers`),
//! [`side_by_side`] their totals and verdicts; [`item_problems`] and [`header_problems`] say
//! what is wrong in a review layer.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::engine::model::review::ReviewRole;
use crate::engine::score::outcome::{ItemStatus, Outcome};
use crate::engine::score::review::{compare_layers, DiffScope};
use crate::engine::support::num::{fmt, fmt_signed};
use crate::engine::support::problem::Problem;

/// How a review layer's score of an item or indicator stands against the self score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareState {
    /// The reviewer has not scored it yet.
    NotScored,
    Same,
    Differs,
    /// The reviewer's score has an error (it counts 0).
    Invalid,
}

impl CompareState {
    /// A CSS class for highlighting.
    pub fn class(self) -> &'static str {
        match self {
            CompareState::NotScored => "cmp-none",
            CompareState::Same => "cmp-same",
            CompareState::Differs => "cmp-diff",
            CompareState::Invalid => "cmp-error",
        }
    }
}

/// One item or indicator of a review layer against the self layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    /// The self layer's score, `1.8`.
    pub self_score: String,
    /// The review layer's score, `1.5`; `—` when not scored.
    pub review_score: String,
    /// The item's or indicator's points, `2`.
    pub max: String,
    pub state: CompareState,
    /// `与自评不同:自评1.8分,省级初审1.5分(-0.3分)`, `与自评一致`, `省级初审尚未评分`.
    pub note: String,
}

/// A review layer against the self layer, by item id and by indicator number.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub items: BTreeMap<String, Compared>,
    pub indicators: BTreeMap<u32, Compared>,
    /// How many items the reviewer scored differently from the self-assessment.
    pub differing_items: usize,
}


/// Compares a review layer's outcome with the self layer's (both under the same rubric). An item
/// the reviewer has not scored is "not scored", never "different"; an indicator is not scored
/// until at least one of its items is.
pub fn compare(self_o: &Outcome, review_o: &Outcome, role: ReviewRole) -> Comparison {
    let who = role.short_label();
    let diffs = compare_layers(self_o, review_o);
    let item_delta = |id: &str| {
        diffs.iter().find_map(|d| match &d.scope {
            DiffScope::Item { id: x, .. } if x == id => Some(d.delta()),
            _ => None,
        })
    };
    let ind_delta = |n: u32| {
        diffs.iter().find_map(|d| match d.scope {
            DiffScope::Indicator { number } if number == n => Some(d.delta()),
            _ => None,
        })
    };
    let mut out = Comparison::default();
    for ind in &review_o.indicators {
        let Some(own) = self_o.indicator(ind.number) else { continue };
        for item in &ind.items {
            let Some(own_item) = own.items.iter().find(|i| i.id == item.id) else { continue };
            let (state, note) = match item.status {
                ItemStatus::Invalid => (CompareState::Invalid, format!("{who}评分有错误,按0分计")),
                ItemStatus::Empty | ItemStatus::Incomplete => {
                    (CompareState::NotScored, format!("{who}尚未评分(自评{}分)", fmt(own_item.score)))
                }
                ItemStatus::Complete => match item_delta(&item.id) {
                    Some(d) => (
                        CompareState::Differs,
                        format!("与自评不同:自评{}分,{who}{}分({}分)", fmt(own_item.score), fmt(item.score), fmt_signed(d)),
                    ),
                    None => (CompareState::Same, "与自评一致".to_string()),
                },
            };
            if state == CompareState::Differs {
                out.differing_items += 1;
            }
            out.items.insert(
                item.id.clone(),
                Compared {
                    self_score: fmt(own_item.score),
                    review_score: if item.status == ItemStatus::Complete { fmt(item.score) } else { "—".into() },
                    max: fmt(item.max),
                    state,
                    note,
                },
            );
        }
        let scored = ind.items.iter().filter(|i| i.status == ItemStatus::Complete).count();
        let invalid = ind.items.iter().any(|i| i.status == ItemStatus::Invalid);
        let partly = if scored < ind.items.len() { "(部分子项尚未评分)" } else { "" };
        let (state, note) = if invalid {
            (CompareState::Invalid, format!("{who}评分有错误"))
        } else if scored == 0 {
            (CompareState::NotScored, format!("{who}尚未评分"))
        } else {
            match ind_delta(ind.number) {
                Some(d) => (
                    CompareState::Differs,
                    format!("与自评不同:自评{}分,{who}{}分({}分){partly}", fmt(own.score), fmt(ind.score), fmt_signed(d)),
                ),
                None => (CompareState::Same, format!("与自评一致{partly}")),
            }
        };
        out.indicators.insert(
            ind.number,
            Compared {
                self_score: fmt(own.score),
                review_score: if scored == 0 && !invalid { "—".into() } else { fmt(ind.score) },
                max: fmt(ind.max),
                state,
                note,
            },
        );
    }
    out
}

/// One line of the side-by-side summary of two layers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideRow {
    /// `total`, a dimension id, or `verdict`.
    pub id: String,
    pub label: String,
    pub self_value: String,
    pub layer_value: String,
    pub differs: bool,
}

fn dim_value(score: Decimal, rate: &str) -> String {
    format!("{}({rate}%)", fmt(score))
}

/// The self layer and a review layer side by side: the total (`88.9/100`), each dimension (score
/// and rate, truncated: `16(80.00%)`) and the verdict.
pub fn side_by_side(self_o: &Outcome, layer_o: &Outcome) -> Vec<SideRow> {
    let mut rows = vec![SideRow {
        id: "total".into(),
        label: "总分".into(),
        self_value: format!("{}/{}", fmt(self_o.total), fmt(self_o.max)),
        layer_value: format!("{}/{}", fmt(layer_o.total), fmt(layer_o.max)),
        differs: self_o.total != layer_o.total,
    }];
    for d in &self_o.dimensions {
        let Some(l) = layer_o.dimensions.iter().find(|x| x.id == d.id) else { continue };
        rows.push(SideRow {
            id: d.id.clone(),
            label: d.name.clone(),
            self_value: dim_value(d.score, &d.rate_display()),
            layer_value: dim_value(l.score, &l.rate_display()),
            differs: d.score != l.score,
        });
    }
    rows.push(SideRow {
        id: "verdict".into(),
        label: "结论".into(),
        self_value: verdict_word(self_o.passed).into(),
        layer_value: verdict_word(layer_o.passed).into(),
        differs: self_o.passed != layer_o.passed,
    });
    rows
}

pub fn verdict_word(passed: bool) -> &'static str {
    if passed {
        "合格"
    } else {
        "不合格"
    }
}

/// The problems a review layer has on one item: (is an error, message).
pub fn item_problems(o: &Outcome, item_id: &str) -> Vec<(bool, String)> {
    o.problems
        .iter()
        .filter(|p| p.location.item.as_deref() == Some(item_id))
        .map(|p| (p.is_error(), p.message.clone()))
        .collect()
}

/// The problems of a review layer not tied to an item (who, when): (is an error, text with place).
pub fn header_problems(o: &Outcome) -> Vec<(bool, String)> {
    o.problems.iter().filter(|p| p.location.item.is_none()).map(|p| (p.is_error(), problem_line(p))).collect()
}

fn problem_line(p: &Problem) -> String {
    format!("{}:{}", p.location, p.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::score::items::score;
    use crate::engine::score::review::score_review;
    use crate::engine::view::fixtures::{hangzhou, wang};
    use crate::engine::view::roles::start_review;

    #[test]
    fn comparison_highlights_only_scored_differences() {
        let (loaded, mut a) = hangzhou();
        let r = &loaded.rubric;
        let (i, _) = start_review(&mut a, ReviewRole::Province, wang(), "2026-11-27");
        let self_o = score(r, &a);
        let own_41 = self_o.item("4.1").unwrap().score;
        {
            let rv = &mut a.reviews[i];
            rv.item_mut("4.1").score = "1".into();
            rv.item_mut("4.2").score = fmt(self_o.item("4.2").unwrap().score);
            rv.item_mut("4.3").comment = "待核实".into();
            rv.item_mut("5.1").score = "9".into();
        }
        let lo = score_review(r, &a.reviews[i]);
        let c = compare(&self_o, &lo, ReviewRole::Province);
        let c41 = &c.items["4.1"];
        assert_eq!(c41.state, CompareState::Differs);
        assert_eq!(c41.note, format!("与自评不同:自评{}分,省级初审1分({}分)", fmt(own_41), fmt(Decimal::ONE - own_41)));
        assert_eq!(c.items["4.2"].state, CompareState::Same);
        assert_eq!(c.items["4.3"].state, CompareState::NotScored);
        assert_eq!(c.items["4.3"].review_score, "—");
        assert_eq!(c.items["5.1"].state, CompareState::Invalid);
        assert_eq!(c.items["6.1"].state, CompareState::NotScored);
        assert_eq!(c.differing_items, 1);
        assert_eq!(c.indicators[&4].state, CompareState::Differs);
        assert!(c.indicators[&4].note.ends_with("(部分子项尚未评分)"), "{}", c.indicators[&4].note);
        assert_eq!(c.indicators[&5].state, CompareState::Invalid);
        assert_eq!(c.indicators[&6].state, CompareState::NotScored);
        assert_eq!(c.indicators[&6].review_score, "—");
        assert_eq!(CompareState::Differs.class(), "cmp-diff");
        assert!(item_problems(&lo, "5.1")[0].0);
        assert!(header_problems(&lo).is_empty());

        let rows = side_by_side(&self_o, &lo);
        assert_eq!(rows.first().unwrap().label, "总分");
        assert_eq!(rows.last().unwrap().label, "结论");
        assert_eq!(rows.len(), 2 + r.dimensions.len());
        assert!(rows[0].differs);
        assert_eq!(rows.last().unwrap().self_value, "合格");
        assert_eq!(rows.last().unwrap().layer_value, "不合格");
        assert_eq!(rows[1].self_value, "17.5(87.50%)");
        assert_eq!(rows[0].self_value, "90.4/100");
    }
}

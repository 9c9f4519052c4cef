//! 得分汇总: the total, each dimension against its pass condition (beside the self layer's scores
//! in a review report), the pass rule and the verdict.

use rust_decimal::Decimal;

use super::Source;
use crate::engine::support::num::fmt;
use crate::engine::view::layer_compare::verdict_word;
use crate::engine::view::workbench::{achievable_note, verdict_line};

/// The 得分汇总 section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scores {
    pub heading: String,
    /// `总分 90.4 分(满分100分)`.
    pub total_line: String,
    pub achievable: String,
    pub pass_rule: String,
    pub rows: Vec<SummaryRow>,
    /// The column header of this layer's scores: `自评得分`, `初审得分`, `专家评分`.
    pub score_header: String,
    /// `自评得分` in review reports.
    pub self_header: Option<String>,
    pub passed: bool,
    pub verdict_word: String,
    /// Why: `总分88.9分;各一级指标得分率:促进发展80.00%、……,均达到合格标准。`, or
    /// `不合格:规范监管还差1.5分;总分还差3分`.
    pub verdict_line: String,
    /// The self verdict (review reports): `自评结论:合格(总分90.4分)`.
    pub self_verdict: Option<String>,
}

/// A row of the score summary (one dimension, or the total).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub id: String,
    pub name: String,
    pub score: String,
    pub max: String,
    /// Score rate in %, truncated to two decimals (`79.99`); `—` for the total.
    pub rate: String,
    pub met: bool,
    /// `达标`, or `未达标(差1.5分)`.
    pub met_text: String,
    /// The self layer's score (review reports only).
    pub self_score: Option<String>,
}

/// 得分汇总 of the layer reported on.
pub(super) fn scores(src: &Source) -> Scores {
    let o = src.outcome();
    let who = src.review.map(|r| r.role.short_label()).unwrap_or("自评");
    let review = src.is_review();
    Scores {
        heading: "得分汇总".to_string(),
        total_line: format!("{who}总分 {} 分(满分{}分)", fmt(o.total), fmt(o.max)),
        achievable: achievable_note(o),
        pass_rule: src.rubric().pass_rule.text.trim().to_string(),
        rows: summary_rows(src),
        score_header: src.kind.score_header().to_string(),
        self_header: review.then(|| "自评得分".to_string()),
        passed: o.passed,
        verdict_word: verdict_word(o.passed).to_string(),
        verdict_line: if o.passed {
            format!(
                "总分{}分;各一级指标得分率:{},均达到合格标准。",
                fmt(o.total),
                o.dimensions.iter().map(|d| format!("{}{}%", d.name, d.rate_display())).collect::<Vec<_>>().join("、")
            )
        } else {
            verdict_line(o)
        },
        self_verdict: review
            .then(|| format!("自评结论:{}(总分{}分)", verdict_word(src.self_o.passed), fmt(src.self_o.total))),
    }
}

/// One row per dimension, each against its pass condition, then the total.
fn summary_rows(src: &Source) -> Vec<SummaryRow> {
    let (o, self_o, review) = (src.outcome(), &src.self_o, src.is_review());
    let mut rows: Vec<SummaryRow> = o
        .dimensions
        .iter()
        .map(|d| {
            let cond = o.conditions.iter().find(|c| c.id == d.id);
            let met = cond.map(|c| c.met).unwrap_or(d.passed);
            SummaryRow {
                id: d.id.clone(),
                name: d.name.clone(),
                score: fmt(d.score),
                max: fmt(d.max),
                rate: d.rate_display(),
                met,
                met_text: met_text(met, cond.map(|c| c.missing)),
                self_score: review
                    .then(|| self_o.dimensions.iter().find(|x| x.id == d.id).map(|x| fmt(x.score)).unwrap_or_default()),
            }
        })
        .collect();
    let total_cond = o.conditions.iter().find(|c| c.id == "total");
    let total_met = total_cond.map(|c| c.met).unwrap_or(o.passed);
    rows.push(SummaryRow {
        id: "total".into(),
        name: "总分".into(),
        score: fmt(o.total),
        max: fmt(o.max),
        rate: "—".into(),
        met: total_met,
        met_text: met_text(total_met, total_cond.map(|c| c.missing)),
        self_score: review.then(|| fmt(self_o.total)),
    });
    rows
}

/// `达标`, `未达标(差1.5分)`, or `未达标` when what is missing is not a number of points.
fn met_text(met: bool, missing: Option<Decimal>) -> String {
    match (met, missing) {
        (true, _) => "达标".into(),
        (false, Some(m)) if m > Decimal::ZERO => format!("未达标(差{}分)", fmt(m)),
        (false, _) => "未达标".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn met_text_says_how_much_is_missing() {
        assert_eq!(met_text(true, Some(Decimal::ONE)), "达标");
        assert_eq!(met_text(false, Some(Decimal::new(15, 1))), "未达标(差1.5分)");
        assert_eq!(met_text(false, Some(Decimal::ZERO)), "未达标");
        assert_eq!(met_text(false, None), "未达标");
    }
}

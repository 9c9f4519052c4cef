//! 逐项自评 / 逐项评审: every indicator of the rubric, dimension by dimension, and every item with
//! its score; in a review report beside the self layer's, with the reviewer's comment and method.

use super::{chinese_ordinal, Source};
use crate::engine::model::rubric::{Dimension, Indicator, Item};
use crate::engine::score::outcome::{IndicatorResult, ItemStatus};
use crate::engine::support::num::fmt;
use crate::engine::view::layer_compare::{compare, CompareState, Comparison};

/// The 逐项 section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Items {
    pub heading: String,
    /// A review report: each item's self score beside the reviewer's, with comment and method.
    pub review: bool,
    /// The short header of this layer's item scores: `得分`, `初审`, `专家`.
    pub item_score_header: String,
    pub indicators: Vec<ReportIndicator>,
}

/// One indicator in 逐项自评 / 逐项评审.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportIndicator {
    pub number: u32,
    /// `(一)促进发展(20分)` on the first indicator of each dimension.
    pub dimension_heading: Option<String>,
    /// `指标4 推动新技术新模式新业态创新发展`.
    pub heading: String,
    pub dimension: String,
    pub score: String,
    pub max: String,
    /// `得分 4.5 / 5 分`, or `初审得分 4 / 5 分(自评 4.5 分)`.
    pub score_line: String,
    /// 评估方式 as published.
    pub methods: String,
    pub differs: bool,
    pub items: Vec<ReportItem>,
}

/// One sub-item in 逐项自评 / 逐项评审.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportItem {
    pub id: String,
    /// The seed's text of the sub-item.
    pub text: String,
    pub points: String,
    /// This layer's score; `—` when not entered / not scored.
    pub score: String,
    /// `未填写`, `未填完`, `有错误`, `未评分`; empty when complete.
    pub status: String,
    /// How the score follows from the inputs (the engine's explanation; self layer).
    pub details: Vec<String>,
    /// 自评依据及佐证材料 as entered (self layer; also shown in review reports).
    pub basis: String,
    /// The self score (review reports only).
    pub self_score: Option<String>,
    pub differs: bool,
    /// The reviewer's comment and method (review reports only).
    pub comment: String,
    pub method: String,
}

/// 逐项自评 (self layer) or 逐项评审 (a review layer, compared with the self layer).
pub(super) fn items(src: &Source) -> Items {
    let review = src.is_review();
    let comparison = src.layer_o.as_ref().zip(src.review).map(|(lo, r)| compare(&src.self_o, lo, r.role));
    let mut indicators = Vec::new();
    for (di, dim) in src.rubric().dimensions.iter().enumerate() {
        for (ii, ind) in dim.indicators.iter().enumerate() {
            let Some(res) = src.outcome().indicator(ind.number) else { continue };
            let mut row = indicator(src, comparison.as_ref(), dim, ind, res);
            row.dimension_heading =
                (ii == 0).then(|| format!("({}){}({}分)", chinese_ordinal(di + 1), dim.name, fmt(dim.points)));
            indicators.push(row);
        }
    }
    Items {
        heading: if review { "逐项评审" } else { "逐项自评" }.to_string(),
        review,
        item_score_header: src.kind.item_score_header().to_string(),
        indicators,
    }
}

/// One indicator: its score line (beside the self score in a review report) and its items.
fn indicator(
    src: &Source,
    comparison: Option<&Comparison>,
    dim: &Dimension,
    ind: &Indicator,
    res: &IndicatorResult,
) -> ReportIndicator {
    let cmp = comparison.and_then(|c| c.indicators.get(&ind.number));
    let score_line = match (src.is_review(), src.self_o.indicator(ind.number)) {
        (true, Some(own)) => format!(
            "{} {} / {} 分(自评 {} 分)",
            src.kind.score_header(),
            cmp.map(|c| c.review_score.clone()).unwrap_or_else(|| fmt(res.score)),
            fmt(res.max),
            fmt(own.score)
        ),
        _ => format!("得分 {} / {} 分", fmt(res.score), fmt(res.max)),
    };
    ReportIndicator {
        number: ind.number,
        dimension_heading: None,
        heading: format!("指标{} {}", ind.number, ind.title.trim_end_matches('。')),
        dimension: dim.name.clone(),
        score: fmt(res.score),
        max: fmt(res.max),
        score_line,
        methods: ind.methods.join("、"),
        differs: cmp.is_some_and(|c| c.state == CompareState::Differs),
        items: ind.items.iter().filter_map(|item| report_item(src, comparison, res, item)).collect(),
    }
}

/// One item: this layer's score and status, the self layer's basis and details, and in a review
/// report the self score, the reviewer's comment and method. `None` when the outcome lacks it.
fn report_item(
    src: &Source,
    comparison: Option<&Comparison>,
    res: &IndicatorResult,
    item: &Item,
) -> Option<ReportItem> {
    let review = src.is_review();
    let r = res.items.iter().find(|x| x.id == item.id)?;
    let own_item = src.self_o.item(&item.id);
    let input = src.a.input(&item.id);
    let rv = src.review.and_then(|rv| rv.item(&item.id));
    let scored = r.status == ItemStatus::Complete || (!review && r.status != ItemStatus::Empty);
    Some(ReportItem {
        id: item.id.clone(),
        text: item.text.clone(),
        points: fmt(item.points),
        score: if scored { fmt(r.score) } else { "—".into() },
        status: status_text(r.status, review).to_string(),
        details: own_item.map(|x| x.details.clone()).unwrap_or_default(),
        basis: input.map(|i| i.basis.trim().to_string()).unwrap_or_default(),
        self_score: review.then(|| own_item.map(|x| fmt(x.score)).unwrap_or_default()),
        differs: comparison.and_then(|c| c.items.get(&item.id)).is_some_and(|c| c.state == CompareState::Differs),
        comment: rv.map(|x| x.comment.trim().to_string()).unwrap_or_default(),
        method: rv.and_then(|x| x.method).map(|m| m.label().to_string()).unwrap_or_default(),
    })
}

/// What an item's status says beside its score: nothing when complete.
fn status_text(s: ItemStatus, review: bool) -> &'static str {
    match (s, review) {
        (ItemStatus::Complete, _) => "",
        (ItemStatus::Invalid, _) => "有错误",
        (_, true) => "未评分",
        (ItemStatus::Empty, false) => "未填写",
        (ItemStatus::Incomplete, false) => "未填完",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_texts_differ_for_a_reviewer() {
        assert_eq!(status_text(ItemStatus::Complete, true), "");
        assert_eq!(status_text(ItemStatus::Invalid, false), "有错误");
        assert_eq!(status_text(ItemStatus::Empty, true), "未评分");
        assert_eq!(status_text(ItemStatus::Incomplete, true), "未评分");
        assert_eq!(status_text(ItemStatus::Empty, false), "未填写");
        assert_eq!(status_text(ItemStatus::Incomplete, false), "未填完");
    }
}

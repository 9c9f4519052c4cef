//! The end of a report: 未达标项与差距, the reviewer's opinion, the lines to sign, and the appendix
//! (the rubric's source and reading notes, and how the report was made).

use super::{ReportKind, Source};
use crate::engine::score::outcome::ItemStatus;
use crate::engine::support::num::fmt;
use crate::engine::view::workbench::missing_texts;

/// The 未达标项与差距 section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gaps {
    pub heading: String,
    /// Unmet pass conditions: `规范监管还差1.5分`.
    pub unmet: Vec<String>,
    pub gaps: Vec<GapRow>,
    /// Items not complete or with errors: `未填写:4.2、5.1`.
    pub open_items: Vec<String>,
}

/// An indicator that lost points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRow {
    pub label: String,
    pub score: String,
    /// The most the indicator can give.
    pub achievable: String,
    pub gap: String,
}

/// 初审意见 / 评估意见 (review reports): heading and text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opinion {
    pub heading: String,
    pub text: String,
}

/// The appendix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    pub heading: String,
    /// `《…评估指标体系(征求意见稿)》,2025-10-29`.
    pub source: String,
    /// The rubric's reading notes: (indicator heading, note).
    pub readings: Vec<(String, String)>,
    /// A line at the end: how the report was made.
    pub colophon: String,
}

/// 未达标项与差距: the pass conditions not met, the indicators below the most they can give, and
/// the items not complete (or not scored, in a review report) or with errors.
pub(super) fn gaps(src: &Source) -> Gaps {
    let o = src.outcome();
    let gaps = src
        .rubric()
        .indicators()
        .filter_map(|ind| {
            let r = o.indicator(ind.number)?;
            (r.score < r.achievable).then(|| GapRow {
                label: format!("指标{} {}", ind.number, ind.title.trim_end_matches('。')),
                score: fmt(r.score),
                achievable: fmt(r.achievable),
                gap: fmt(r.achievable - r.score),
            })
        })
        .collect();
    let statuses: &[(ItemStatus, &str)] = if src.is_review() {
        &[
            (ItemStatus::Empty, "未评分"),
            (ItemStatus::Incomplete, "未评分(已填意见或方式)"),
            (ItemStatus::Invalid, "评分有错误"),
        ]
    } else {
        &[(ItemStatus::Empty, "未填写"), (ItemStatus::Incomplete, "未填完"), (ItemStatus::Invalid, "有错误")]
    };
    let mut open_items = Vec::new();
    for (st, label) in statuses {
        let ids: Vec<&str> = o
            .indicators
            .iter()
            .flat_map(|i| i.items.iter())
            .filter(|i| i.status == *st)
            .map(|i| i.id.as_str())
            .collect();
        if !ids.is_empty() {
            open_items.push(format!("{label}的子项({}项):{}", ids.len(), ids.join("、")));
        }
    }
    Gaps { heading: "未达标项与差距".to_string(), unmet: missing_texts(o), gaps, open_items }
}

/// The reviewer's 初审意见 or 评估意见 (review reports only).
pub(super) fn opinion(src: &Source) -> Option<Opinion> {
    let r = src.review?;
    Some(Opinion { heading: r.role.opinion_label().to_string(), text: r.opinion.trim().to_string() })
}

/// The lines to sign: the creation object's seal; the reviewing unit's seal; or the expert's
/// signature and unit; with the review's date, or a blank one.
pub(super) fn signatures(src: &Source) -> Vec<String> {
    match (src.kind, src.review) {
        (ReportKind::SelfAssessment, _) | (_, None) => {
            vec!["创建对象(盖章):".to_string(), "负责人(签字):".to_string(), "日期:　　　　年　　月　　日".to_string()]
        }
        (ReportKind::Province, Some(r)) => vec![
            format!("初审单位(盖章):{}", r.reviewer.unit.trim()),
            "评审人(签字):".to_string(),
            format!("日期:{}", r.at.trim()),
        ],
        (ReportKind::Expert, Some(r)) => vec![
            "评估专家(签字):".to_string(),
            format!("工作单位:{}", r.reviewer.unit.trim()),
            format!("日期:{}", r.at.trim()),
        ],
    }
}

/// 附录:指标解读说明: the rubric's source and every reading note it has.
pub(super) fn appendix(src: &Source) -> Appendix {
    let rubric = src.rubric();
    let readings = rubric
        .indicators()
        .filter(|i| !i.reading.trim().is_empty())
        .map(|i| (format!("指标{} {}", i.number, i.title.trim_end_matches('。')), i.reading.trim().to_string()))
        .collect();
    let s = &rubric.source;
    Appendix {
        heading: "附录:指标解读说明".to_string(),
        source: format!("《{}》({},{})", rubric.title, s.status.trim(), s.date.trim()),
        readings,
        colophon: "本报告由“网络市场监管与服务示范区创建自评工作台”生成;全部分数均按所列评估指标体系由输入重新计算,得分率截断保留两位小数。"
            .to_string(),
    }
}

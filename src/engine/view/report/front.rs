//! The front of a report: its title, the opening paragraph, 基本情况 (the subject) and, in a
//! review report, 评审信息 (the reviewer).

use crate::engine::model::banfa::ArticleKind;
use crate::engine::rubric::banfa::{banfa_or_legacy, draft_table_note};
use super::{ReportKind, Source};
use crate::engine::rubric::set::rubric_label;
use crate::engine::view::roles::method_summary;
use crate::engine::view::workbench::period_text;

/// The 管理办法 the reports cite.
const DOC: &str = "《网络市场监管与服务示范区创建管理办法》";

/// A section that is a heading over a table of (label, value) rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub heading: String,
    pub rows: Vec<(String, String)>,
}

/// `杭州市网络市场监管与服务示范区创建自评报告`, `…评估初审意见`, `…专家评估意见`.
pub(super) fn title(src: &Source) -> String {
    let name = &src.name;
    match src.kind {
        ReportKind::SelfAssessment => format!("{name}网络市场监管与服务示范区创建自评报告"),
        ReportKind::Province => format!("{name}网络市场监管与服务示范区创建评估初审意见"),
        ReportKind::Expert => format!("{name}网络市场监管与服务示范区创建专家评估意见"),
    }
}

/// The opening paragraph: under which article who did what.
pub(super) fn intro(src: &Source) -> String {
    let name = &src.name;
    let b = banfa_or_legacy(src.a);
    let cite = |k: ArticleKind| b.cite(k);
    match src.kind {
        ReportKind::SelfAssessment => format!(
            "根据{DOC}{},创建期满,{name}对照《{}》和创建方案开展了自评。现将自评情况报告如下。",
            cite(ArticleKind::EvaluationApplication),
            src.rubric().title
        ),
        ReportKind::Province => format!(
            "根据{DOC}{},{}对{name}的评估申请,通过资料审查、数据比对、实地核查等方式进行了评估初审。初审情况如下。",
            cite(ArticleKind::ProvinceReview),
            src.reviewer_unit().unwrap_or_else(|| "省级市场监管部门".into())
        ),
        ReportKind::Expert => format!(
            "根据{DOC}{},评估专家{}对{name}的示范区创建情况进行了评估。评估情况如下。",
            cite(ArticleKind::Evaluation),
            src.reviewer_name().unwrap_or_default()
        ),
    }
}

/// 基本情况: the subject, its kind, province and region, creation period, the rubric, the
/// assessment's number when it has one, and the date of a 自评报告.
pub(super) fn basics(src: &Source) -> Facts {
    let s = &src.a.subject;
    let mut rows = vec![
        ("创建对象".to_string(), src.name.clone()),
        ("创建对象类型".to_string(), s.kind.map(|k| k.label().to_string()).unwrap_or_else(|| "(未填写)".into())),
        (
            "所在省份(地区)".to_string(),
            match (s.province.trim(), src.rubric().region_of(s.province.trim())) {
                ("", _) => "(未填写)".to_string(),
                (p, Some(r)) => format!("{p}({}地区)", r.name),
                (p, None) => p.to_string(),
            },
        ),
        ("创建期".to_string(), period_text(s).unwrap_or_else(|| "(未填写)".into())),
        ("管理办法".to_string(), banfa_or_legacy(src.a).full_label()),
        ("评估指标体系".to_string(), rubric_label(src.loaded)),
    ];
    if let Some(note) = draft_table_note(&src.loaded.rubric) {
        rows.push(("指标体系说明".to_string(), note));
    }
    if !src.a.id.trim().is_empty() {
        rows.push(("评估编号".to_string(), src.a.id.trim().to_string()));
    }
    if !src.is_review() {
        rows.push(("报告日期".to_string(), src.today.to_string()));
    }
    Facts { heading: "基本情况".to_string(), rows }
}

/// 评审信息 (review reports only): the stage of review, the reviewer, the unit, the date and how
/// many items were checked with each method.
pub(super) fn reviewer(src: &Source) -> Option<Facts> {
    let r = src.review?;
    let mut rows = vec![
        ("评审环节".to_string(), format!("{}({})", r.role.label(), banfa_or_legacy(src.a).cite(r.role.article_kind()))),
        ("评审人".to_string(), src.reviewer_name().unwrap_or_else(|| "(未填写)".into())),
        ("单位".to_string(), src.reviewer_unit().unwrap_or_else(|| "(未填写)".into())),
        ("评审日期".to_string(), if r.at.trim().is_empty() { "(未填写)".into() } else { r.at.trim().to_string() }),
    ];
    let methods = method_summary(r);
    if !methods.is_empty() {
        rows.push(("评估方式".to_string(), methods));
    }
    Some(Facts { heading: "评审信息".to_string(), rows })
}

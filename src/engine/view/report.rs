//! The review chain as the app works it, and the printed reports.
//!
//! - [`WorkRole`] is who the user is while working on a draft: the 创建对象 (self-assessment,
//!   第十二条), the 省级市场监管部门 (评估初审, 第十三条) or a 总局评估专家 (评估, 第十四条).
//!   [`LayerChoice`] is the layer of the assessment they work on: the self layer, or one review
//!   layer of `Assessment::reviews`; [`start_review`] starts or continues a reviewer's layer.
//! - [`compare`] puts a review layer beside the self layer, item by item and indicator by
//!   indicator (from [`compare_layers`]), and [`side_by_side`] their totals and verdicts.
//! - [`build_report`] gives everything a printed 自评报告 (第十二条) or a reviewer's 初审意见 /
//!   评估意见 shows, as text: the app lays it out and prints it, it computes nothing.
//! - [`expert_sheet`] and [`sheet_file_name`]: an expert's own score sheet, to be merged by the panel.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::workbench::{achievable_note, missing_texts, period_text, verdict_line};
use crate::engine::io::draft::clean_part;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::review::{Method, Review, ReviewRole, Reviewer};
use crate::engine::model::rubric::Rubric;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::rubric::set::rubric_label;
use crate::engine::score::items::score;
use crate::engine::score::outcome::{ItemStatus, Outcome};
use crate::engine::score::review::{compare_layers, score_review, DiffScope};
use crate::engine::support::num::{fmt, fmt_signed};
use crate::engine::support::problem::Problem;
use crate::engine::support::text::isolate;

// ---------------------------------------------------------------------------------------------
// Roles and layers
// ---------------------------------------------------------------------------------------------

/// Who the user is while working on a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkRole {
    /// 创建对象: the self-assessment (第十二条).
    SelfAssessment,
    /// 省级市场监管部门: 评估初审 (第十三条).
    Province,
    /// 总局评估专家: 评估 (第十四条).
    Expert,
}

impl WorkRole {
    pub const ALL: [WorkRole; 3] = [WorkRole::SelfAssessment, WorkRole::Province, WorkRole::Expert];

    /// The role as offered to the user.
    pub fn label(self) -> &'static str {
        match self {
            WorkRole::SelfAssessment => "创建对象(自评)",
            WorkRole::Province => "省级市场监管部门(评估初审)",
            WorkRole::Expert => "总局评估专家(评估)",
        }
    }

    /// What working in this role means, one sentence.
    pub fn note(self) -> &'static str {
        match self {
            WorkRole::SelfAssessment => "对照评估指标体系逐项填写、自评,并打印自评报告(第十二条)。",
            WorkRole::Province => {
                "查看创建对象的自评得分和依据(不可修改),通过资料审查、数据比对、实地核查逐项给出初审得分和意见,填写初审意见(第十三条)。"
            }
            WorkRole::Expert => {
                "查看创建对象的自评得分和依据(不可修改),逐项评分并注明评估方式,填写评估意见,导出本人的专家评分表(第十四条)。"
            }
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            WorkRole::SelfAssessment => "self",
            WorkRole::Province => "province",
            WorkRole::Expert => "expert",
        }
    }

    pub fn from_id(id: &str) -> Option<WorkRole> {
        WorkRole::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The review layer this role writes (none for the self-assessment).
    pub fn review_role(self) -> Option<ReviewRole> {
        match self {
            WorkRole::SelfAssessment => None,
            WorkRole::Province => Some(ReviewRole::Province),
            WorkRole::Expert => Some(ReviewRole::Expert),
        }
    }

    pub fn of_review(role: ReviewRole) -> WorkRole {
        match role {
            ReviewRole::Province => WorkRole::Province,
            ReviewRole::Expert => WorkRole::Expert,
        }
    }
}

/// The layer of an assessment the user works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayerChoice {
    /// The creation object's own inputs.
    #[default]
    SelfLayer,
    /// `Assessment::reviews[i]`.
    Review(usize),
}

/// Where the layer a draft is worked on is remembered (`localStorage`, one key per draft).
pub const LAYER_PREFIX: &str = "demozone.layer.";

/// The storage key of a draft's layer choice.
pub fn layer_key(draft_id: &str) -> String {
    format!("{LAYER_PREFIX}{draft_id}")
}

impl LayerChoice {
    /// `self`, `review:2`: how the choice is stored.
    pub fn tag(self) -> String {
        match self {
            LayerChoice::SelfLayer => "self".into(),
            LayerChoice::Review(i) => format!("review:{i}"),
        }
    }

    /// A stored choice, checked against the assessment: anything unknown, or a layer that is not
    /// there (any more), is the self layer.
    pub fn from_tag(tag: &str, a: &Assessment) -> LayerChoice {
        match tag.strip_prefix("review:").and_then(|i| i.parse::<usize>().ok()) {
            Some(i) => LayerChoice::Review(i).resolve(a),
            None => LayerChoice::SelfLayer,
        }
    }

    /// This choice if its layer exists in `a`, else the self layer.
    pub fn resolve(self, a: &Assessment) -> LayerChoice {
        match self {
            LayerChoice::Review(i) if i < a.reviews.len() => self,
            _ => LayerChoice::SelfLayer,
        }
    }

    pub fn index(self) -> Option<usize> {
        match self {
            LayerChoice::SelfLayer => None,
            LayerChoice::Review(i) => Some(i),
        }
    }

    pub fn review(self, a: &Assessment) -> Option<&Review> {
        self.index().and_then(|i| a.reviews.get(i))
    }

    /// The role of the layer (the self-assessment when the layer is missing).
    pub fn role(self, a: &Assessment) -> WorkRole {
        self.review(a).map(|r| WorkRole::of_review(r.role)).unwrap_or(WorkRole::SelfAssessment)
    }
}

/// Starts the review of `role` by `reviewer` on `at`, or continues it: when the assessment has a
/// layer of this role by the same person (name and unit, trimmed; the name must be given), that
/// layer (the latest one) is returned and left as it is; otherwise a new layer is appended.
/// Returns the layer's index and whether it was created.
pub fn start_review(a: &mut Assessment, role: ReviewRole, reviewer: Reviewer, at: &str) -> (usize, bool) {
    let key = reviewer.key();
    if !key.0.is_empty() {
        if let Some(i) = a.reviews.iter().rposition(|r| r.role == role && r.reviewer.key() == key) {
            return (i, false);
        }
    }
    a.reviews.push(Review::new(role, Reviewer { name: key.0, unit: key.1 }, at.trim()));
    (a.reviews.len() - 1, true)
}

/// `省级初审 · 王五(浙江省市场监督管理局)· 2025-11-10`: a layer in lists and choices.
pub fn layer_title(r: &Review) -> String {
    let at = r.at.trim();
    if at.is_empty() {
        format!("{} · {}", r.role.short_label(), r.reviewer.display())
    } else {
        format!("{} · {} · {at}", r.role.short_label(), r.reviewer.display())
    }
}

/// The layers of an assessment that can be printed, with their names: the 自评报告 first, then
/// one report per review layer.
pub fn report_choices(a: &Assessment) -> Vec<(LayerChoice, String)> {
    let mut out = vec![(LayerChoice::SelfLayer, "自评报告(创建对象)".to_string())];
    for (i, r) in a.reviews.iter().enumerate() {
        out.push((LayerChoice::Review(i), format!("{}:{}", r.role.opinion_label(), layer_title(r))));
    }
    out
}

/// How many items a review checked with each method: `资料审查12项、实地核查3项`; empty when none.
pub fn method_summary(r: &Review) -> String {
    let mut counts: BTreeMap<Method, usize> = BTreeMap::new();
    for item in r.items.values() {
        if let Some(m) = item.method {
            *counts.entry(m).or_default() += 1;
        }
    }
    counts.iter().map(|(m, n)| format!("{}{n}项", m.label())).collect::<Vec<_>>().join("、")
}

// ---------------------------------------------------------------------------------------------
// A review layer beside the self layer
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Expert score sheets
// ---------------------------------------------------------------------------------------------

/// An expert's own score sheet: the assessment with the self layer, the provincial reviews and
/// only this expert's layer (`reviews[index]`), so that the panel counts each expert once.
/// `None` when `index` is not an expert layer.
pub fn expert_sheet(a: &Assessment, index: usize) -> Option<Assessment> {
    a.reviews.get(index).filter(|r| r.role == ReviewRole::Expert)?;
    let mut sheet = a.clone();
    sheet.reviews = a
        .reviews
        .iter()
        .enumerate()
        .filter(|(i, r)| *i == index || r.role != ReviewRole::Expert)
        .map(|(_, r)| {
            let mut r = r.clone();
            r.prune();
            r
        })
        .collect();
    Some(sheet)
}

/// The file name of a reviewer's file: `杭州市-专家评分-张三-2026-11-27.json`,
/// `杭州市-省级初审-王五-2026-11-27.json`. Characters file systems refuse are replaced.
pub fn sheet_file_name(subject_name: &str, role: ReviewRole, reviewer_name: &str, date: &str) -> String {
    let subject = match clean_part(subject_name) {
        s if s.is_empty() => "未命名".to_string(),
        s => s,
    };
    let kind = match role {
        ReviewRole::Province => "省级初审",
        ReviewRole::Expert => "专家评分",
    };
    let mut out = format!("{subject}-{kind}");
    for part in [clean_part(reviewer_name), clean_part(date)] {
        if !part.is_empty() {
            out.push('-');
            out.push_str(&part);
        }
    }
    out.push_str(".json");
    out
}

// ---------------------------------------------------------------------------------------------
// The printed report
// ---------------------------------------------------------------------------------------------

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// 自评报告 (第十二条).
    SelfAssessment,
    /// 评估初审意见 (第十三条).
    Province,
    /// 专家评估意见 (第十四条).
    Expert,
}

impl ReportKind {
    pub fn id(self) -> &'static str {
        match self {
            ReportKind::SelfAssessment => "self",
            ReportKind::Province => "province",
            ReportKind::Expert => "expert",
        }
    }
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

/// An indicator that lost points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRow {
    pub label: String,
    pub score: String,
    /// The most the indicator can give.
    pub achievable: String,
    pub gap: String,
}

/// Everything a printed report shows, as text, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub kind: ReportKind,
    /// `杭州市网络市场监管与服务示范区创建自评报告`.
    pub title: String,
    /// The opening paragraph (which article, who, what).
    pub intro: String,
    pub h_basics: String,
    pub basics: Vec<(String, String)>,
    /// 评审信息 (review reports): heading and rows.
    pub h_reviewer: Option<String>,
    pub reviewer: Vec<(String, String)>,
    pub h_scores: String,
    /// `总分 90.4 分(满分100分)`.
    pub total_line: String,
    pub achievable: String,
    pub pass_rule: String,
    pub rows: Vec<SummaryRow>,
    /// The column header of this layer's scores: `得分`, `初审得分`, `专家评分`.
    pub score_header: String,
    /// `自评得分` in review reports.
    pub self_header: Option<String>,
    /// The short header of this layer's item scores: `得分`, `初审`, `专家`.
    pub item_score_header: String,
    pub passed: bool,
    pub verdict_word: String,
    /// Why: `总分88.9分;各一级指标得分率:促进发展80.00%、……,均达到合格标准。`, or
    /// `不合格:规范监管还差1.5分;总分还差3分`.
    pub verdict_line: String,
    /// The self verdict (review reports): `自评结论:合格(总分90.4分)`.
    pub self_verdict: Option<String>,
    pub h_items: String,
    pub indicators: Vec<ReportIndicator>,
    pub h_gaps: String,
    /// Unmet pass conditions: `规范监管还差1.5分`.
    pub unmet: Vec<String>,
    pub gaps: Vec<GapRow>,
    /// Items not complete or with errors: `未填写:4.2、5.1`.
    pub open_items: Vec<String>,
    /// 初审意见 / 评估意见 (review reports): heading and text.
    pub h_opinion: Option<String>,
    pub opinion: String,
    pub h_appendix: String,
    /// The rubric's reading notes: (indicator heading, note).
    pub readings: Vec<(String, String)>,
    /// `《…评估指标体系(征求意见稿)》,2025-10-29`.
    pub source: String,
    /// Lines to sign (盖章, 签字, 日期).
    pub signatures: Vec<String>,
    /// A line at the end: how the report was made.
    pub colophon: String,
}

/// 一, 二, … for section numbers (1–10; beyond that, the digits).
pub fn chinese_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    D.get(n.wrapping_sub(1)).map(|s| s.to_string()).unwrap_or_else(|| n.to_string())
}

fn status_text(s: ItemStatus, review: bool) -> &'static str {
    match (s, review) {
        (ItemStatus::Complete, _) => "",
        (ItemStatus::Invalid, _) => "有错误",
        (_, true) => "未评分",
        (ItemStatus::Empty, false) => "未填写",
        (ItemStatus::Incomplete, false) => "未填完",
    }
}

/// The outcome of one layer: the self-assessment's score, or a review layer's (a layer that is
/// not there gives the self-assessment's).
pub fn layer_outcome(rubric: &Rubric, a: &Assessment, layer: LayerChoice) -> Outcome {
    match layer.review(a) {
        Some(r) => score_review(rubric, r),
        None => score(rubric, a),
    }
}

/// Builds the report of one layer of `a` under `loaded`: the 自评报告 for the self layer, the
/// 初审意见 or 评估意见 for a review layer (a layer that is not there gives the 自评报告).
/// `today` (`2026-11-27`) dates the 自评报告; a review report carries its review's date.
pub fn build_report(loaded: &LoadedRubric, a: &Assessment, layer: LayerChoice, today: &str) -> Report {
    let rubric = &loaded.rubric;
    let self_o = score(rubric, a);
    let review = layer.review(a);
    let layer_o = review.map(|r| score_review(rubric, r));
    let o = layer_o.as_ref().unwrap_or(&self_o);
    let kind = match review.map(|r| r.role) {
        None => ReportKind::SelfAssessment,
        Some(ReviewRole::Province) => ReportKind::Province,
        Some(ReviewRole::Expert) => ReportKind::Expert,
    };
    let is_review = review.is_some();
    let s = &a.subject;
    let name = match s.name.trim() {
        "" => "(未填写创建对象名称)".to_string(),
        n => isolate(n),
    };
    let doc = "《网络市场监管与服务示范区创建管理办法》";
    let title = match kind {
        ReportKind::SelfAssessment => format!("{name}网络市场监管与服务示范区创建自评报告"),
        ReportKind::Province => format!("{name}网络市场监管与服务示范区创建评估初审意见"),
        ReportKind::Expert => format!("{name}网络市场监管与服务示范区创建专家评估意见"),
    };
    let reviewer_unit = review.map(|r| isolate(r.reviewer.unit.trim())).filter(|u| !u.is_empty());
    let reviewer_name = review.map(|r| isolate(r.reviewer.name.trim())).filter(|u| !u.is_empty());
    let intro = match kind {
        ReportKind::SelfAssessment => format!(
            "根据{doc}第十二条,创建期满,{name}对照《{}》和创建方案开展了自评。现将自评情况报告如下。",
            rubric.title
        ),
        ReportKind::Province => format!(
            "根据{doc}第十三条,{}对{name}的评估申请,通过资料审查、数据比对、实地核查等方式进行了评估初审。初审情况如下。",
            reviewer_unit.clone().unwrap_or_else(|| "省级市场监管部门".into())
        ),
        ReportKind::Expert => format!(
            "根据{doc}第十四条,评估专家{}对{name}的示范区创建情况进行了评估。评估情况如下。",
            reviewer_name.clone().unwrap_or_default()
        ),
    };

    let mut section = 0;
    let mut next = |t: &str| {
        section += 1;
        format!("{}、{t}", chinese_ordinal(section))
    };

    // 基本情况
    let h_basics = next("基本情况");
    let mut basics = vec![
        ("创建对象".to_string(), name.clone()),
        ("创建对象类型".to_string(), s.kind.map(|k| k.label().to_string()).unwrap_or_else(|| "(未填写)".into())),
        (
            "所在省份(地区)".to_string(),
            match (s.province.trim(), rubric.region_of(s.province.trim())) {
                ("", _) => "(未填写)".to_string(),
                (p, Some(r)) => format!("{p}({}地区)", r.name),
                (p, None) => p.to_string(),
            },
        ),
        ("创建期".to_string(), period_text(s).unwrap_or_else(|| "(未填写)".into())),
        ("评估指标体系".to_string(), rubric_label(loaded)),
    ];
    if !a.id.trim().is_empty() {
        basics.push(("评估编号".to_string(), a.id.trim().to_string()));
    }
    if !is_review {
        basics.push(("报告日期".to_string(), today.to_string()));
    }

    // 评审信息
    let (h_reviewer, reviewer) = match review {
        Some(r) => {
            let mut rows = vec![
                ("评审环节".to_string(), format!("{}({})", r.role.label(), r.role.article())),
                ("评审人".to_string(), reviewer_name.clone().unwrap_or_else(|| "(未填写)".into())),
                ("单位".to_string(), reviewer_unit.clone().unwrap_or_else(|| "(未填写)".into())),
                ("评审日期".to_string(), if r.at.trim().is_empty() { "(未填写)".into() } else { r.at.trim().to_string() }),
            ];
            let methods = method_summary(r);
            if !methods.is_empty() {
                rows.push(("评估方式".to_string(), methods));
            }
            (Some(next("评审信息")), rows)
        }
        None => (None, Vec::new()),
    };

    // 得分汇总
    let h_scores = next("得分汇总");
    let who = review.map(|r| r.role.short_label()).unwrap_or("自评");
    let score_header = match kind {
        ReportKind::SelfAssessment => "自评得分".to_string(),
        ReportKind::Province => "初审得分".to_string(),
        ReportKind::Expert => "专家评分".to_string(),
    };
    let self_header = is_review.then(|| "自评得分".to_string());
    let item_score_header = match kind {
        ReportKind::SelfAssessment => "得分",
        ReportKind::Province => "初审",
        ReportKind::Expert => "专家",
    }
    .to_string();
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
                self_score: is_review
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
        self_score: is_review.then(|| fmt(self_o.total)),
    });
    let total_line = format!("{who}总分 {} 分(满分{}分)", fmt(o.total), fmt(o.max));
    let self_verdict =
        is_review.then(|| format!("自评结论:{}(总分{}分)", verdict_word(self_o.passed), fmt(self_o.total)));

    // 逐项
    let h_items = next(if is_review { "逐项评审" } else { "逐项自评" });
    let comparison = layer_o.as_ref().zip(review).map(|(lo, r)| compare(&self_o, lo, r.role));
    let mut indicators = Vec::new();
    for (di, dim) in rubric.dimensions.iter().enumerate() {
        for (ii, ind) in dim.indicators.iter().enumerate() {
            let Some(res) = o.indicator(ind.number) else { continue };
            let own = self_o.indicator(ind.number);
            let cmp_ind = comparison.as_ref().and_then(|c| c.indicators.get(&ind.number));
            let items = ind
                .items
                .iter()
                .filter_map(|item| {
                    let r = res.items.iter().find(|x| x.id == item.id)?;
                    let own_item = self_o.item(&item.id);
                    let input = a.input(&item.id);
                    let rv = review.and_then(|rv| rv.item(&item.id));
                    let scored = r.status == ItemStatus::Complete || (!is_review && r.status != ItemStatus::Empty);
                    Some(ReportItem {
                        id: item.id.clone(),
                        text: item.text.clone(),
                        points: fmt(item.points),
                        score: if scored { fmt(r.score) } else { "—".into() },
                        status: status_text(r.status, is_review).to_string(),
                        details: own_item.map(|x| x.details.clone()).unwrap_or_default(),
                        basis: input.map(|i| i.basis.trim().to_string()).unwrap_or_default(),
                        self_score: is_review.then(|| own_item.map(|x| fmt(x.score)).unwrap_or_default()),
                        differs: comparison
                            .as_ref()
                            .and_then(|c| c.items.get(&item.id))
                            .is_some_and(|c| c.state == CompareState::Differs),
                        comment: rv.map(|x| x.comment.trim().to_string()).unwrap_or_default(),
                        method: rv.and_then(|x| x.method).map(|m| m.label().to_string()).unwrap_or_default(),
                    })
                })
                .collect();
            let score_line = match (is_review, own) {
                (true, Some(own)) => format!(
                    "{score_header} {} / {} 分(自评 {} 分)",
                    cmp_ind.map(|c| c.review_score.clone()).unwrap_or_else(|| fmt(res.score)),
                    fmt(res.max),
                    fmt(own.score)
                ),
                _ => format!("得分 {} / {} 分", fmt(res.score), fmt(res.max)),
            };
            indicators.push(ReportIndicator {
                number: ind.number,
                dimension_heading: (ii == 0)
                    .then(|| format!("({}){}({}分)", chinese_ordinal(di + 1), dim.name, fmt(dim.points))),
                heading: format!("指标{} {}", ind.number, ind.title.trim_end_matches('。')),
                dimension: dim.name.clone(),
                score: fmt(res.score),
                max: fmt(res.max),
                score_line,
                methods: ind.methods.join("、"),
                differs: cmp_ind.is_some_and(|c| c.state == CompareState::Differs),
                items,
            });
        }
    }

    // 未达标项与差距
    let h_gaps = next("未达标项与差距");
    let unmet = missing_texts(o);
    let gaps = rubric
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
    let mut open_items = Vec::new();
    let statuses: &[(ItemStatus, &str)] = if is_review {
        &[(ItemStatus::Empty, "未评分"), (ItemStatus::Incomplete, "未评分(已填意见或方式)"), (ItemStatus::Invalid, "评分有错误")]
    } else {
        &[(ItemStatus::Empty, "未填写"), (ItemStatus::Incomplete, "未填完"), (ItemStatus::Invalid, "有错误")]
    };
    for (st, label) in statuses {
        let ids: Vec<&str> =
            o.indicators.iter().flat_map(|i| i.items.iter()).filter(|i| i.status == *st).map(|i| i.id.as_str()).collect();
        if !ids.is_empty() {
            open_items.push(format!("{label}的子项({}项):{}", ids.len(), ids.join("、")));
        }
    }

    // 初审意见 / 评估意见
    let (h_opinion, opinion) = match review {
        Some(r) => (Some(next(r.role.opinion_label())), r.opinion.trim().to_string()),
        None => (None, String::new()),
    };

    let readings = rubric
        .indicators()
        .filter(|i| !i.reading.trim().is_empty())
        .map(|i| (format!("指标{} {}", i.number, i.title.trim_end_matches('。')), i.reading.trim().to_string()))
        .collect();
    let src = &rubric.source;
    let source = format!("《{}》({},{})", rubric.title, src.status.trim(), src.date.trim());

    let signatures = match (kind, review) {
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
    };

    Report {
        kind,
        title,
        intro,
        h_basics,
        basics,
        h_reviewer,
        reviewer,
        h_scores,
        total_line,
        achievable: achievable_note(o),
        pass_rule: rubric.pass_rule.text.trim().to_string(),
        rows,
        score_header,
        self_header,
        item_score_header,
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
        self_verdict,
        h_items,
        indicators,
        h_gaps,
        unmet,
        gaps,
        open_items,
        h_opinion,
        opinion,
        h_appendix: "附录:指标解读说明".to_string(),
        readings,
        source,
        signatures,
        colophon: "本报告由“网络市场监管与服务示范区创建自评工作台”生成;全部分数均按所列评估指标体系由输入重新计算,得分率截断保留两位小数。"
            .to_string(),
    }
}

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
    use crate::engine::io::file::{parse_file, read_file, write_file};
    use crate::engine::model::review::ReviewItem;
    use crate::engine::score::panel::merge_panel;

    const PASS: &str = include_str!("../../../tests/examples/pass-hangzhou.json");

    fn hangzhou() -> (LoadedRubric, Assessment) {
        let loaded = LoadedRubric::bundled();
        let a = read_file(PASS, &[&loaded]).unwrap().file.assessment;
        (loaded, a)
    }

    fn wang() -> Reviewer {
        Reviewer { name: " 王五 ".into(), unit: "浙江省市场监督管理局".into() }
    }

    #[test]
    fn roles_and_layer_tags() {
        for r in WorkRole::ALL {
            assert_eq!(WorkRole::from_id(r.id()), Some(r));
        }
        assert_eq!(WorkRole::Province.review_role(), Some(ReviewRole::Province));
        assert_eq!(WorkRole::SelfAssessment.review_role(), None);
        let (_, mut a) = hangzhou();
        assert_eq!(LayerChoice::from_tag("review:0", &a), LayerChoice::SelfLayer);
        let (i, created) = start_review(&mut a, ReviewRole::Province, wang(), "2026-11-27");
        assert!(created);
        assert_eq!(a.reviews[i].reviewer.name, "王五");
        let choice = LayerChoice::from_tag(&LayerChoice::Review(i).tag(), &a);
        assert_eq!(choice, LayerChoice::Review(i));
        assert_eq!(choice.role(&a), WorkRole::Province);
        assert_eq!(LayerChoice::from_tag("review:9", &a), LayerChoice::SelfLayer);
        assert_eq!(LayerChoice::from_tag("garbage", &a), LayerChoice::SelfLayer);
        assert_eq!(LayerChoice::SelfLayer.role(&a), WorkRole::SelfAssessment);
        assert_eq!(layer_key("abc"), "demozone.layer.abc");
    }

    #[test]
    fn a_reviewer_continues_their_own_layer() {
        let (_, mut a) = hangzhou();
        let (i, _) = start_review(&mut a, ReviewRole::Province, wang(), "2026-11-27");
        let (j, created) = start_review(&mut a, ReviewRole::Province, wang(), "2026-12-01");
        assert_eq!((i, created), (j, false));
        assert_eq!(a.reviews[j].at, "2026-11-27");
        // Same person as expert, another person, a person without a name: new layers.
        assert!(start_review(&mut a, ReviewRole::Expert, wang(), "").1);
        assert!(start_review(&mut a, ReviewRole::Province, Reviewer { name: "赵六".into(), unit: "".into() }, "").1);
        assert!(start_review(&mut a, ReviewRole::Province, Reviewer::default(), "").1);
        assert!(start_review(&mut a, ReviewRole::Province, Reviewer::default(), "").1);
        assert_eq!(a.reviews.len(), 5);
        let choices = report_choices(&a);
        assert_eq!(choices.len(), 6);
        assert_eq!(choices[1].1, "初审意见:省级初审 · 王五(浙江省市场监督管理局) · 2026-11-27");
    }

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

    #[test]
    fn self_report_has_every_section() {
        let (loaded, a) = hangzhou();
        let rep = build_report(&loaded, &a, LayerChoice::SelfLayer, "2026-11-27");
        assert_eq!(rep.kind, ReportKind::SelfAssessment);
        assert_eq!(rep.title, "杭州市网络市场监管与服务示范区创建自评报告");
        assert!(rep.intro.contains("第十二条"));
        assert_eq!(rep.h_basics, "一、基本情况");
        assert_eq!(rep.h_scores, "二、得分汇总");
        assert_eq!(rep.h_items, "三、逐项自评");
        assert_eq!(rep.h_gaps, "四、未达标项与差距");
        assert!(rep.h_reviewer.is_none() && rep.h_opinion.is_none());
        assert!(rep.basics.iter().any(|(k, v)| k == "所在省份(地区)" && v == "浙江(东部地区)"));
        assert!(rep.basics.iter().any(|(k, v)| k == "报告日期" && v == "2026-11-27"));
        let o = score(&loaded.rubric, &a);
        assert_eq!(rep.passed, o.passed);
        assert_eq!(rep.rows.len(), o.dimensions.len() + 1);
        for (row, d) in rep.rows.iter().zip(&o.dimensions) {
            assert_eq!(row.rate, d.rate_display());
            assert_eq!(row.met, d.passed);
        }
        assert_eq!(rep.rows.last().unwrap().score, fmt(o.total));
        assert_eq!(rep.indicators.len(), loaded.rubric.indicators().count());
        let i4 = rep.indicators.iter().find(|i| i.number == 4).unwrap();
        assert!(i4.items[0].basis.starts_with("示例"), "{:?}", i4.items[0]);
        assert!(i4.score_line.starts_with("得分 "));
        assert_eq!(rep.indicators[0].dimension_heading.as_deref(), Some("(一)促进发展(20分)"));
        assert!(i4.dimension_heading.is_none());
        assert_eq!(layer_outcome(&loaded.rubric, &a, LayerChoice::Review(3)), o);
        let i1 = &rep.indicators[0];
        assert!(!i1.items[0].details.is_empty());
        // Gaps are exactly the indicators that lost points, with gap = achievable - score.
        for g in &rep.gaps {
            let n: u32 = g.label.trim_start_matches("指标").split(' ').next().unwrap().parse().unwrap();
            let r = o.indicator(n).unwrap();
            assert_eq!(g.gap, fmt(r.achievable - r.score));
        }
        assert_eq!(rep.gaps.len(), o.indicators.iter().filter(|i| i.score < i.achievable).count());
        assert!(rep.readings.iter().any(|(h, _)| h.starts_with("指标1 ")));
        assert!(rep.readings.iter().all(|(_, t)| !t.is_empty()));
        assert!(rep.source.contains("征求意见稿"));
        assert!(rep.passed);
        assert!(rep.verdict_line.starts_with(&format!("总分{}分;各一级指标得分率:促进发展", fmt(o.total))), "{}", rep.verdict_line);
        assert_eq!(rep.item_score_header, "得分");
    }

    #[test]
    fn review_report_shows_both_layers() {
        let (loaded, mut a) = hangzhou();
        let (i, _) = start_review(&mut a, ReviewRole::Expert, Reviewer { name: "张三".into(), unit: "某大学".into() }, "2026-11-27");
        a.reviews[i].items.insert(
            "4.1".into(),
            ReviewItem { score: "0.5".into(), comment: "案例不足".into(), method: Some(Method::ExpertEvaluation) },
        );
        a.reviews[i].opinion = "建议补充材料后再评".into();
        let rep = build_report(&loaded, &a, LayerChoice::Review(i), "2026-11-30");
        assert_eq!(rep.kind, ReportKind::Expert);
        assert_eq!(rep.title, "杭州市网络市场监管与服务示范区创建专家评估意见");
        assert_eq!(rep.h_reviewer.as_deref(), Some("二、评审信息"));
        assert_eq!(rep.h_items, "四、逐项评审");
        assert_eq!(rep.h_opinion.as_deref(), Some("六、评估意见"));
        assert_eq!(rep.opinion, "建议补充材料后再评");
        assert!(rep.reviewer.iter().any(|(k, v)| k == "评估方式" && v == "专家评估1项"));
        assert!(rep.reviewer.iter().any(|(k, v)| k == "评审日期" && v == "2026-11-27"));
        assert!(!rep.basics.iter().any(|(k, _)| k == "报告日期"));
        assert_eq!(rep.self_header.as_deref(), Some("自评得分"));
        assert!(rep.rows.iter().all(|r| r.self_score.is_some()));
        assert!(!rep.passed);
        assert!(rep.verdict_line.starts_with("不合格:"));
        assert_eq!(rep.item_score_header, "专家");
        let i4 = rep.indicators.iter().find(|x| x.number == 4).unwrap();
        let it = &i4.items[0];
        assert_eq!((it.score.as_str(), it.method.as_str(), it.comment.as_str()), ("0.5", "专家评估", "案例不足"));
        assert!(it.differs);
        assert_eq!(i4.items[1].score, "—");
        assert_eq!(i4.items[1].status, "未评分");
        assert!(i4.score_line.starts_with("专家评分 0.5 / 5 分(自评 "), "{}", i4.score_line);
        assert!(rep.open_items.iter().any(|l| l.starts_with("未评分的子项")));
        assert!(rep.signatures.iter().any(|s| s == "工作单位:某大学"));
        // A missing layer gives the self report.
        assert_eq!(build_report(&loaded, &a, LayerChoice::Review(99), "x").kind, ReportKind::SelfAssessment);
    }

    #[test]
    fn expert_sheets_keep_one_expert_and_merge() {
        let (loaded, mut a) = hangzhou();
        start_review(&mut a, ReviewRole::Province, wang(), "2026-11-20");
        let (e1, _) = start_review(&mut a, ReviewRole::Expert, Reviewer { name: "张三".into(), unit: "某大学".into() }, "2026-11-27");
        let (e2, _) = start_review(&mut a, ReviewRole::Expert, Reviewer { name: "李四".into(), unit: "某研究院".into() }, "2026-11-27");
        a.reviews[e1].item_mut("4.1").score = "1".into();
        a.reviews[e1].item_mut("4.2");
        a.reviews[e2].item_mut("4.1").score = "2".into();
        let s1 = expert_sheet(&a, e1).unwrap();
        assert_eq!(s1.reviews.len(), 2);
        assert_eq!(s1.reviews.iter().filter(|r| r.role == ReviewRole::Expert).count(), 1);
        assert!(s1.reviews[1].item("4.2").is_none(), "empty items are pruned");
        assert!(expert_sheet(&a, 0).is_none());
        assert!(expert_sheet(&a, 42).is_none());
        let s2 = expert_sheet(&a, e2).unwrap();
        let t1 = write_file(&loaded, &s1, "2026-11-27T10:00:00+08:00");
        let t2 = write_file(&loaded, &s2, "2026-11-27T10:00:00+08:00");
        let f1 = parse_file(&t1).unwrap();
        let f2 = parse_file(&t2).unwrap();
        let panel = merge_panel(&loaded, &[f1.sheet(), f2.sheet()]).unwrap();
        assert_eq!(panel.experts.len(), 2);
        assert_eq!(
            sheet_file_name("杭州市", ReviewRole::Expert, "张三", "2026-11-27"),
            "杭州市-专家评分-张三-2026-11-27.json"
        );
        assert_eq!(sheet_file_name(" ", ReviewRole::Province, "王/五", ""), "未命名-省级初审-王_五.json");
        assert_eq!(method_summary(&a.reviews[e1]), "");
    }

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(10), "十");
        assert_eq!(chinese_ordinal(11), "11");
        assert_eq!(chinese_ordinal(0), "0");
    }
}

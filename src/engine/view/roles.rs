//! Who works on which layer of an assessment: the review chain as the app works it.
//!
//! [`WorkRole`] is who the user is while working on a draft: the 创建对象 (self-assessment,
//! 第十二条), the 省级市场监管部门 (评估初审, 第十三条) or a 总局评估专家 (评估, 第十四条).
//! [`LayerChoice`] is the layer of the assessment they work on: the self layer, or one review
//! layer of `Assessment::reviews`, remembered per draft ([`layer_key`]); [`start_review`] starts
//! or continues a reviewer's layer and [`layer_outcome`] scores a layer. [`expert_sheet`] and
//! [`sheet_file_name`]: an expert's own score sheet, to be merged by the panel.

use std::collections::BTreeMap;

use crate::engine::io::draft::clean_part;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::review::{Method, Review, ReviewRole, Reviewer};
use crate::engine::model::rubric::Rubric;
use crate::engine::score::items::score;
use crate::engine::score::outcome::Outcome;
use crate::engine::score::review::score_review;
use crate::engine::support::num::fmt;
use super::workbench::verdict_line;

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
            WorkRole::SelfAssessment => "对照评估指标体系逐项填写、自评,并打印自评报告。",
            WorkRole::Province => {
                "查看创建对象的自评得分和依据(不可修改),通过资料审查、数据比对、实地核查逐项给出初审得分和意见,填写初审意见。"
            }
            WorkRole::Expert => {
                "查看创建对象的自评得分和依据(不可修改),逐项评分并注明评估方式,填写评估意见,导出本人的专家评分表。"
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

/// Whether to ask who the user is after a file was opened into a draft: only when the file has
/// review layers (a file without them is a self-assessment, worked on as the 创建对象) and no
/// layer was chosen for that draft yet.
pub fn ask_role_after_open(a: &Assessment, chosen: Option<&str>) -> bool {
    !a.reviews.is_empty() && chosen.is_none()
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

/// The review layers the summary lists (本文件中的评审), each scored: a file may hold thousands of
/// them, and scoring and listing them all would hold the page for seconds when it opens; the
/// others are counted ([`layers_listed`]).
pub const MAX_LAYERS_LISTED: usize = 50;

/// 本文件中的评审: the first [`MAX_LAYERS_LISTED`] layers, each as (title, score, verdict), and
/// when there are more, the line that counts the others.
pub fn layers_listed(rubric: &Rubric, reviews: &[Review]) -> (Vec<(String, String, String)>, Option<String>) {
    let rows = reviews
        .iter()
        .take(MAX_LAYERS_LISTED)
        .map(|r| {
            let o = score_review(rubric, r);
            (layer_title(r), format!("{}/{}分", fmt(o.total), fmt(o.max)), verdict_line(&o))
        })
        .collect();
    let more = (reviews.len() > MAX_LAYERS_LISTED).then(|| {
        format!("另有{}个评审未列出(共{}个,只列出了前{MAX_LAYERS_LISTED}个)", reviews.len() - MAX_LAYERS_LISTED, reviews.len())
    });
    (rows, more)
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

/// The outcome of one layer: the self-assessment's score, or a review layer's (a layer that is
/// not there gives the self-assessment's).
pub fn layer_outcome(rubric: &Rubric, a: &Assessment, layer: LayerChoice) -> Outcome {
    match layer.review(a) {
        Some(r) => score_review(rubric, r),
        None => score(rubric, a),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layers_listed_are_capped_and_the_others_counted() {
        let (l, a) = crate::engine::view::fixtures::hangzhou();
        let layer = |n: usize| Review::new(ReviewRole::Province, Reviewer { name: format!("评审{n}"), unit: "浙江省局".into() }, "2025-11-10");
        let few: Vec<Review> = (0..3).map(layer).collect();
        let (rows, more) = layers_listed(&l.rubric, &few);
        assert_eq!((rows.len(), more), (3, None));
        assert_eq!(rows[0].0, layer_title(&few[0]));
        assert_eq!(rows[0].1, format!("{}/{}分", fmt(score_review(&l.rubric, &few[0]).total), fmt(score_review(&l.rubric, &few[0]).max)));
        let many: Vec<Review> = (0..MAX_LAYERS_LISTED + 7).map(layer).collect();
        let (rows, more) = layers_listed(&l.rubric, &many);
        assert_eq!(rows.len(), MAX_LAYERS_LISTED);
        assert_eq!(more.unwrap(), format!("另有7个评审未列出(共{}个,只列出了前{MAX_LAYERS_LISTED}个)", MAX_LAYERS_LISTED + 7));
        let _ = a;
    }
    use crate::engine::io::file::{parse_file, write_file};
    use crate::engine::score::panel::merge_panel;
    use crate::engine::view::fixtures::{hangzhou, wang};

    #[test]
    fn the_role_is_asked_only_when_the_file_has_review_layers_and_none_was_chosen() {
        let (_, mut a) = hangzhou();
        a.reviews.clear();
        assert!(!ask_role_after_open(&a, None), "a self-assessment: the user is the 创建对象");
        start_review(&mut a, ReviewRole::Province, wang(), "2026-01-05");
        assert!(ask_role_after_open(&a, None));
        assert!(!ask_role_after_open(&a, Some("review:0")), "chosen before for this draft");
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

}

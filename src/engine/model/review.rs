//! Review layers: other parties scoring the same evidence (the data; `score::review` scores them).
//!
//! The 管理办法 has three parties look at one creation object's evidence: the creation object
//! evaluates itself (第十二条, the self layer: [`Assessment::inputs`]), the provincial market
//! regulator reviews it (第八条, 第十三条: 初审), and experts organised by 市场监管总局 evaluate it
//! (第十四条: 评估). One assessment file carries every layer (`reviews`), so that it can travel by
//! email between the parties; no server is involved.
//!
//! A review gives every sub-item a score as typed by the reviewer (0 to the item's points, at most
//! two decimals), with a comment and the method used (资料审查, 数据比对, 实地核查, 专家评估).
//!
//! [`Assessment::inputs`]: super::assessment::Assessment::inputs

use super::banfa::ArticleKind;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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

    /// The kind of article of the 管理办法 that sets this layer up (cited by `Banfa::cite`).
    pub fn article_kind(self) -> ArticleKind {
        match self {
            ReviewRole::Province => ArticleKind::ProvinceReview,
            ReviewRole::Expert => ArticleKind::Evaluation,
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
    /// The score as typed; checked by `score::review::score_review`.
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
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "crate::engine::json::read::unique_keys")]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn review(role: ReviewRole, scores: &[(&str, &str)]) -> Review {
        let mut r = Review::new(role, Reviewer { name: "王五".into(), unit: "浙江省市场监督管理局".into() }, "2025-11-03");
        for (id, s) in scores {
            r.item_mut(id).score = s.to_string();
        }
        r
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
        assert_eq!(review(ReviewRole::Province, &[]).title(), "省级初审:王五(浙江省市场监督管理局)");
    }
}

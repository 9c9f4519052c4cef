//! A version of the 《网络市场监管与服务示范区创建管理办法》 (the process rules) as data: the
//! creation-period bounds, the notice days, the retry rule after a failed evaluation, the
//! eligibility conditions, the stages and the articles the app quotes, each with the version its
//! text comes from. The files are `rules/banfa-*.json`; `rubric::banfa` reads and checks them.
//!
//! The 办法 and the indicator table (`model::rubric`) are two things: an assessment records the
//! 办法 it is made under ([`super::assessment::Assessment::banfa`]) beside the rubric it is scored with.
//!
//! Rust code knows only the kinds (an article's role, a retry rule, a period bound); every article
//! number and every text is in the data.

use serde::{Deserialize, Serialize};

use super::process::{EligibilityCondition, Stage};

/// The `format` value of every 办法 file.
pub const BANFA_FORMAT: &str = "demozone-banfa";

/// The bundled 办法 versions, oldest first: the 2025-10-29 征求意见稿 and the January 2026 revision.
pub const BUNDLED_BANFA_JSON: [&str; 2] =
    [include_str!("../../../rules/banfa-2025-10-29-draft.json"), include_str!("../../../rules/banfa-2026.json")];

/// The id of the 办法 of assessments that record none (files of format version 1, drafts made
/// before the 办法 was recorded): the 2025-10-29 征求意见稿, the rules they were made under.
pub const LEGACY_BANFA_ID: &str = "samr-banfa-2025-10-29-draft";

/// The id of the 办法 in force, the default of a new assessment.
pub const CURRENT_BANFA_ID: &str = "samr-banfa-2026";

/// The role an article plays in the app (the Rust code's only knowledge of the articles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// 创建对象.
    Objects,
    /// 申请创建条件.
    Conditions,
    /// 申请创建.
    Apply,
    /// 初审推荐.
    Recommend,
    /// 同意创建 (the creation period starts).
    Approve,
    /// 开展创建.
    Create,
    /// 评估指标体系.
    Indicators,
    /// 评估申请 (self-assessment after the creation period).
    EvaluationApplication,
    /// 评估初审 (the province's review).
    ProvinceReview,
    /// 评估 (the national experts).
    Evaluation,
    /// 公示.
    Notice,
    /// 认定.
    Recognition,
    /// 再次申请评估或者创建.
    Retry,
    /// 示范区的任务.
    Tasks,
    /// 经验总结.
    Experience,
    /// 动态管理.
    Management,
}

impl ArticleKind {
    pub const ALL: [ArticleKind; 16] = [
        ArticleKind::Objects,
        ArticleKind::Conditions,
        ArticleKind::Apply,
        ArticleKind::Recommend,
        ArticleKind::Approve,
        ArticleKind::Create,
        ArticleKind::Indicators,
        ArticleKind::EvaluationApplication,
        ArticleKind::ProvinceReview,
        ArticleKind::Evaluation,
        ArticleKind::Notice,
        ArticleKind::Recognition,
        ArticleKind::Retry,
        ArticleKind::Tasks,
        ArticleKind::Experience,
        ArticleKind::Management,
    ];

    /// The id used in the data files.
    pub fn id(self) -> &'static str {
        match self {
            ArticleKind::Objects => "objects",
            ArticleKind::Conditions => "conditions",
            ArticleKind::Apply => "apply",
            ArticleKind::Recommend => "recommend",
            ArticleKind::Approve => "approve",
            ArticleKind::Create => "create",
            ArticleKind::Indicators => "indicators",
            ArticleKind::EvaluationApplication => "evaluation_application",
            ArticleKind::ProvinceReview => "province_review",
            ArticleKind::Evaluation => "evaluation",
            ArticleKind::Notice => "notice",
            ArticleKind::Recognition => "recognition",
            ArticleKind::Retry => "retry",
            ArticleKind::Tasks => "tasks",
            ArticleKind::Experience => "experience",
            ArticleKind::Management => "management",
        }
    }
}

/// One article as the app quotes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub kind: ArticleKind,
    /// How a message cites it: `第九条`, or `征求意见稿第九条` where this version's number is not known.
    pub cite: String,
    /// The article's own heading, e.g. `同意创建`.
    pub title: String,
    /// The text quoted.
    pub text: String,
    /// The version or source the text comes from, e.g. `2025-10-29征求意见稿`.
    pub text_from: String,
    /// False when this version's own text is not known and the text is the 征求意见稿's.
    #[serde(default = "yes")]
    pub text_known: bool,
}

fn yes() -> bool {
    true
}

/// The bounds of the creation period (each optional) and the rule's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodBounds {
    #[serde(default)]
    pub min_years: Option<u32>,
    #[serde(default)]
    pub max_years: Option<u32>,
    /// How a message cites the rule (`第九条`, `2026年修订版`).
    pub cite: String,
    /// The rule's words, e.g. `创建活动周期一般不超过3年`.
    pub text: String,
    pub text_from: String,
}

/// What may follow a failed evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RetryRule {
    /// Apply for evaluation again; after `failures_ending_round` failures in one creation round,
    /// only a new application for creation (the 征求意见稿's 第十七条).
    AgainThenAnew { failures_ending_round: usize },
    /// The creation object chooses between applying for evaluation again and for creation anew,
    /// whatever the number of failures (the 2026 revision).
    Choice,
}

/// One condition of eligibility as the 办法 words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionText {
    pub kind: EligibilityCondition,
    /// `(一)`.
    pub number: String,
    pub title: String,
    pub text: String,
}

/// A stage and the article it follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageArticle {
    pub stage: Stage,
    pub article: ArticleKind,
}

/// One version of the 办法.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Banfa {
    /// Always [`BANFA_FORMAT`].
    pub format: String,
    pub id: String,
    /// 《网络市场监管与服务示范区创建管理办法》.
    pub title: String,
    /// The version, e.g. `2026年1月修订版(现行)`.
    pub version_label: String,
    /// A short name for tables and buttons.
    pub short_label: String,
    pub in_force: bool,
    pub source: String,
    pub creation_period: PeriodBounds,
    pub notice_days: u32,
    /// Where the notice days come from, when not from this version's own text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_days_from: Option<String>,
    pub retry: RetryRule,
    pub conditions: Vec<ConditionText>,
    /// Where the conditions' words come from, when not from this version's own text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions_from: Option<String>,
    pub stages: Vec<StageArticle>,
    pub articles: Vec<Article>,
}

impl Banfa {
    /// The article of a kind (the loader checks that every kind is there).
    pub fn article(&self, kind: ArticleKind) -> Option<&Article> {
        self.articles.iter().find(|a| a.kind == kind)
    }

    /// How a message cites the article of a kind (`第九条`, `征求意见稿第九条`).
    pub fn cite(&self, kind: ArticleKind) -> &str {
        self.article(kind).map(|a| a.cite.as_str()).unwrap_or_default()
    }

    /// The article a stage follows.
    pub fn stage_article(&self, stage: Stage) -> Option<ArticleKind> {
        self.stages.iter().find(|s| s.stage == stage).map(|s| s.article)
    }

    /// How a message cites the article a stage follows.
    pub fn stage_cite(&self, stage: Stage) -> &str {
        self.stage_article(stage).map(|k| self.cite(k)).unwrap_or_default()
    }

    /// `申请创建(第七条)`.
    pub fn stage_title(&self, stage: Stage) -> String {
        format!("{}({})", stage.label(), self.stage_cite(stage))
    }

    /// The words of a condition of eligibility.
    pub fn condition(&self, kind: EligibilityCondition) -> Option<&ConditionText> {
        self.conditions.iter().find(|c| c.kind == kind)
    }

    /// `《网络市场监管与服务示范区创建管理办法》2026年1月修订版(现行)`.
    pub fn full_label(&self) -> String {
        format!("{}{}", self.title, self.version_label)
    }
}

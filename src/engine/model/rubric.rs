//! The rubric model: the 评估指标体系 as data.
//!
//! A rubric is read from a versioned JSON data file (see `rubrics/`). Nothing about a
//! particular indicator lives in code: texts, points, rule kinds and their parameters,
//! the pass rule, the regions and the process parameters all come from the file.
//! Code only knows the closed set of rule kinds ([`Rule`], in [`super::rule`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rule::Rule;

/// The rubric bundled with the app: the 2025-10-29 征求意见稿 (read by `rubric::load`).
pub const BUNDLED_RUBRIC_JSON: &str = include_str!("../../../rubrics/samr-2025-10-29-draft.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Stable identifier of the indicator system, e.g. `samr-demozone-indicators`.
    pub id: String,
    /// Version of this data file, e.g. `2025-10-29-draft`.
    pub version: String,
    /// Title as published.
    pub title: String,
    pub source: Source,
    pub pass_rule: PassRule,
    pub process: ProcessParams,
    /// Region groups for thresholds that depend on where the creation object is.
    pub regions: Vec<Region>,
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document the indicators are taken from.
    pub document: String,
    /// Publication date of that text (ISO 8601).
    pub date: String,
    /// 征求意见稿, 正式稿, ...
    pub status: String,
    /// Where the product's readings of ambiguous rules are written down.
    #[serde(default)]
    pub reading: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassRule {
    /// The total must be `>=` this.
    pub min_total: Decimal,
    /// Every dimension's score / max must be `>=` this (a fraction: 0.8 is 80%).
    pub min_dimension_rate: Decimal,
    /// The seed's wording of the rule.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessParams {
    /// 第九条: 创建活动周期一般不超过3年. Longer periods are allowed but flagged.
    pub max_creation_years: u32,
    /// 第十五条: 公示 lasts this many days.
    pub notice_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// `east`, `central`, `west`, `northeast`.
    pub id: String,
    /// 东部, 中部, 西部, 东北.
    pub name: String,
    /// Province-level units (short names, e.g. `浙江`, `新疆生产建设兵团`).
    pub provinces: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// `D1`..`D4`.
    pub id: String,
    /// 促进发展, 规范监管, 优化服务, 探索创新.
    pub name: String,
    pub points: Decimal,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 1..25, unique across the rubric.
    pub number: u32,
    /// The 二级指标 title, without its points.
    pub title: String,
    /// The indicator's weight as published ("(3分)").
    pub points: Decimal,
    /// How item scores add up to the indicator score.
    pub sum: SumRule,
    /// 指标说明, verbatim.
    pub description: String,
    /// 变量性质.
    pub nature: Nature,
    /// 评估方式, e.g. ["数据比对", "资料审查"].
    pub methods: Vec<String>,
    /// 数据或资料来源.
    pub sources: Vec<String>,
    /// The product's reading of an ambiguous rule, in one sentence (Chinese); empty when none.
    #[serde(default)]
    pub reading: String,
    pub items: Vec<Item>,
}

/// How the items of an indicator add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SumRule {
    /// The items' points add up to the indicator's points (checked by the rubric validation).
    Equal,
    /// The items may add up to more (or less) than the indicator's points; the indicator
    /// score is the sum of item scores capped at the indicator's points.
    Capped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nature {
    #[serde(rename = "定量")]
    Quantitative,
    #[serde(rename = "定性")]
    Qualitative,
    #[serde(rename = "定性+定量")]
    Mixed,
}

impl Nature {
    pub fn label(self) -> &'static str {
        match self {
            Nature::Quantitative => "定量",
            Nature::Qualitative => "定性",
            Nature::Mixed => "定性+定量",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique within the rubric, e.g. `4.1`, `3a`.
    pub id: String,
    /// The seed's text of this sub-item.
    pub text: String,
    /// The most this item can give (its own points in the seed, or its cap).
    pub points: Decimal,
    pub rule: Rule,
}

impl Rubric {
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.dimensions.iter().flat_map(|d| d.indicators.iter())
    }

    pub fn indicator(&self, number: u32) -> Option<&Indicator> {
        self.indicators().find(|i| i.number == number)
    }

    pub fn items(&self) -> impl Iterator<Item = (&Indicator, &Item)> {
        self.indicators().flat_map(|ind| ind.items.iter().map(move |it| (ind, it)))
    }

    pub fn total_points(&self) -> Decimal {
        self.dimensions.iter().map(|d| d.points).sum()
    }

    /// The region a province belongs to, if the province is known.
    pub fn region_of(&self, province: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.provinces.iter().any(|p| p == province))
    }

    pub fn provinces(&self) -> impl Iterator<Item = &str> {
        self.regions.iter().flat_map(|r| r.provinces.iter().map(|s| s.as_str()))
    }
}

/// Which rubric an assessment is scored with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
    /// `sha256:` + hex digest of the rubric data file (line endings normalised to LF).
    pub digest: String,
}

//! The rubric model: the 评估指标体系 as data.
//!
//! A rubric is read from a versioned JSON data file (see `rubrics/`). Nothing about a
//! particular indicator lives in code: texts, points, rule kinds and their parameters,
//! the pass rule, the regions and the process parameters all come from the file.
//! Code only knows the closed set of rule kinds ([`Rule`]).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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

/// A comparison between an exact value and a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// `>`: 超过, 大于, 高于.
    Gt,
    /// `>=`: 以上, 不低于, 至少.
    Ge,
}

impl Op {
    pub fn holds(self, value: Decimal, bound: Decimal) -> bool {
        match self {
            Op::Gt => value > bound,
            Op::Ge => value >= bound,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Gt => ">",
            Op::Ge => "≥",
        }
    }
}

/// A labelled input field of a rule (the key is what the assessment file uses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub key: String,
    pub label: String,
}

/// The closed set of scoring rule kinds. Every item of every indicator uses one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Per-year growth comparison (indicators 1, 2). For each year Y of the creation period,
    /// `per_year` points when the subject's growth `(a[Y]/a[Y-1]-1)*100%` compares with `op`
    /// against the reference growth for Y. Capped at the item's points.
    /// Inputs: `years.subject` (amounts by year, incl. the year before the period);
    /// reference: `years.reference_rate` (published rate in %, when `reference_rate_allowed`)
    /// or `years.reference` (amounts by year), a rate taking precedence for its year.
    GrowthYears {
        subject: Field,
        reference: Field,
        /// Whether the reference may be entered as a published growth rate (%).
        reference_rate_allowed: bool,
        per_year: Decimal,
        op: Op,
        /// Unit of the amounts as shown to the user, e.g. 亿元.
        unit: String,
    },
    /// Share bands (indicator 3a): share = numerator / denominator in %, scored by the highest
    /// band whose lower bound (inclusive) it reaches; below the first band, 0.
    ShareBands {
        numerator: Field,
        denominator: Field,
        bands: Vec<Band>,
    },
    /// Per-count with cap (indicator 3b): `per` points for each listed entity that qualifies,
    /// at most the item's points. An entity qualifies when its year lies in the creation period
    /// and its amount is `>=` the threshold of the subject's region.
    PerCount {
        entity: String,
        amount: Field,
        per: Decimal,
        /// Threshold amount by region id, in `unit`.
        thresholds: BTreeMap<String, Decimal>,
        unit: String,
    },
    /// Rate thresholds (indicators 13, 17, 18): all comparisons and all required yes/no flags
    /// must hold for the item's points; otherwise 0. Rates are entered in %, 0..=100.
    RateThresholds {
        conditions: Vec<RateCondition>,
        #[serde(default)]
        flags: Vec<Field>,
    },
    /// All-of conditions (indicator 12.3): the item's points when every flag is yes.
    AllOf { flags: Vec<Field> },
    /// Judged: an evaluator's score from 0 to the item's points with at most `decimals` places.
    Judged { decimals: u32 },
    /// Precondition + judged (indicator 19): 0 unless the count is `>= min_count`;
    /// then judged from 0 to the item's points.
    PreconditionJudged {
        count: Field,
        min_count: u32,
        decimals: u32,
    },
    /// Any-one-qualifies (indicators 22, 23): the item's points when at least one listed
    /// practice is marked accepted; otherwise 0.
    AnyOne { categories: Vec<String> },
    /// Weighted counts with cap (indicators 24, 25): sum of count × weight, at most `cap`
    /// when given, and never more than the item's points.
    WeightedCounts {
        weights: Vec<Weight>,
        #[serde(default)]
        cap: Option<Decimal>,
    },
}

impl Rule {
    /// The rule kind's name as written in the data file.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::GrowthYears { .. } => "growth_years",
            Rule::ShareBands { .. } => "share_bands",
            Rule::PerCount { .. } => "per_count",
            Rule::RateThresholds { .. } => "rate_thresholds",
            Rule::AllOf { .. } => "all_of",
            Rule::Judged { .. } => "judged",
            Rule::PreconditionJudged { .. } => "precondition_judged",
            Rule::AnyOne { .. } => "any_one",
            Rule::WeightedCounts { .. } => "weighted_counts",
        }
    }

    /// Whether an evaluator enters a score directly (as opposed to the score following from data).
    pub fn is_judged(&self) -> bool {
        matches!(self, Rule::Judged { .. } | Rule::PreconditionJudged { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lower bound in %, inclusive.
    pub from: Decimal,
    pub score: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateCondition {
    /// Key of the rate in `values`.
    pub key: String,
    pub label: String,
    pub op: Op,
    pub bound: Bound,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Bound {
    /// A fixed bound in %, e.g. 95.
    Fixed(Decimal),
    /// A bound entered by the user (e.g. the national mediation success rate), in %.
    Input(Field),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weight {
    pub key: String,
    pub label: String,
    pub per: Decimal,
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

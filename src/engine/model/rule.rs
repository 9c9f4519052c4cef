//! The closed set of scoring rule kinds: each kind's data, its name, the inputs it reads and how
//! they are named, and the sanity of its parameters. Everything the engine knows about a rule kind
//! is here, except how it scores (`score::items`, one function per kind): a new kind is a variant
//! here and a function there (and a widget in the app).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::support::num::fmt;
use crate::engine::support::text::short;

/// The key of a judged score in an item's `values` (`judged`, `precondition_judged`).
pub const SCORE_KEY: &str = "score";
/// How a judged score is named on the page and in problems.
pub const SCORE_FIELD: &str = "评分";
/// The series key of a published reference growth rate (`growth_years` with `reference_rate_allowed`).
pub const REFERENCE_RATE_KEY: &str = "reference_rate";
/// The most decimal places a judged score may be entered with.
pub const MAX_JUDGED_DECIMALS: u32 = 2;

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

    /// The rule kind's Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            Rule::GrowthYears { .. } => "逐年增速比较",
            Rule::ShareBands { .. } => "占比分档",
            Rule::PerCount { .. } => "按个数计分",
            Rule::RateThresholds { .. } => "比率达标",
            Rule::AllOf { .. } => "条件全部满足",
            Rule::Judged { .. } => "评分",
            Rule::PreconditionJudged { .. } => "前提条件加评分",
            Rule::AnyOne { .. } => "符合一项即可得分",
            Rule::WeightedCounts { .. } => "按次加权计分",
        }
    }

    /// Whether an evaluator enters a score directly (as opposed to the score following from data).
    pub fn is_judged(&self) -> bool {
        matches!(self, Rule::Judged { .. } | Rule::PreconditionJudged { .. })
    }

    /// Every named input the rule reads from an item's input, with where it is kept and how it is
    /// labelled, in the order the page shows them. List rows are [`Rule::rows`].
    pub fn fields(&self) -> Vec<InputField<'_>> {
        fn of(slot: Slot, f: &Field) -> InputField<'_> {
            InputField { slot, key: &f.key, label: Cow::Borrowed(&f.label) }
        }
        match self {
            Rule::GrowthYears { subject, reference, reference_rate_allowed, .. } => {
                let mut v = vec![of(Slot::Amounts, subject), of(Slot::Amounts, reference)];
                if *reference_rate_allowed {
                    v.push(InputField {
                        slot: Slot::Rates,
                        key: REFERENCE_RATE_KEY,
                        label: Cow::Owned(rate_label(&reference.label)),
                    });
                }
                v
            }
            Rule::ShareBands { numerator, denominator, .. } => {
                vec![of(Slot::Value, numerator), of(Slot::Value, denominator)]
            }
            Rule::PerCount { amount, .. } => vec![of(Slot::RowAmount, amount)],
            Rule::RateThresholds { conditions, flags } => {
                let mut v = Vec::new();
                for c in conditions {
                    v.push(InputField { slot: Slot::Value, key: &c.key, label: Cow::Borrowed(&c.label) });
                    if let Bound::Input(f) = &c.bound {
                        v.push(of(Slot::Value, f));
                    }
                }
                v.extend(flags.iter().map(|f| of(Slot::Flag, f)));
                v
            }
            Rule::AllOf { flags } => flags.iter().map(|f| of(Slot::Flag, f)).collect(),
            Rule::Judged { .. } => vec![score_field()],
            Rule::PreconditionJudged { count, .. } => vec![of(Slot::Value, count), score_field()],
            Rule::AnyOne { .. } => Vec::new(),
            Rule::WeightedCounts { weights, .. } => weights
                .iter()
                .map(|w| InputField { slot: Slot::Value, key: &w.key, label: Cow::Borrowed(&w.label) })
                .collect(),
        }
    }

    /// The list rows the rule reads from `entries`, when it reads any.
    pub fn rows(&self) -> Option<Rows<'_>> {
        match self {
            Rule::PerCount { entity, amount, .. } => Some(Rows::Entities { entity, amount: &amount.label }),
            Rule::AnyOne { .. } => Some(Rows::Practices),
            _ => None,
        }
    }

    /// The most the rule can give an item worth `points` when the creation period lasts `years`
    /// years: the highest band, the cap, so many years' points, or the item's points.
    pub fn max_score(&self, points: Decimal, years: u32) -> Decimal {
        let most = match self {
            Rule::GrowthYears { per_year, .. } => per_year.saturating_mul(Decimal::from(years)),
            Rule::ShareBands { bands, .. } => bands.iter().map(|b| b.score).max().unwrap_or(Decimal::ZERO),
            Rule::WeightedCounts { cap: Some(cap), .. } => *cap,
            _ => points,
        };
        most.min(points).max(Decimal::ZERO)
    }

    /// The keys of the inputs the rubric file names (not those the program gives: [`SCORE_KEY`],
    /// [`REFERENCE_RATE_KEY`]).
    fn named_keys(&self) -> Vec<&str> {
        match self {
            Rule::GrowthYears { subject, reference, .. } => vec![&subject.key, &reference.key],
            Rule::ShareBands { numerator, denominator, .. } => vec![&numerator.key, &denominator.key],
            Rule::PerCount { amount, .. } => vec![&amount.key],
            Rule::RateThresholds { conditions, flags } => conditions
                .iter()
                .flat_map(|c| {
                    let bound = match &c.bound {
                        Bound::Input(f) => Some(f.key.as_str()),
                        Bound::Fixed(_) => None,
                    };
                    std::iter::once(c.key.as_str()).chain(bound)
                })
                .chain(flags.iter().map(|f| f.key.as_str()))
                .collect(),
            Rule::AllOf { flags } => flags.iter().map(|f| f.key.as_str()).collect(),
            Rule::Judged { .. } | Rule::AnyOne { .. } => Vec::new(),
            Rule::PreconditionJudged { count, .. } => vec![&count.key],
            Rule::WeightedCounts { weights, .. } => weights.iter().map(|w| w.key.as_str()).collect(),
        }
    }

    /// What is wrong with the rule's parameters for an item worth `points`, in a rubric with these
    /// regions (one Chinese sentence each; the caller says where).
    pub fn parameter_problems(&self, points: Decimal, region_ids: &[&str]) -> Vec<String> {
        let mut p = Vec::new();
        for key in self.named_keys() {
            if key == SCORE_KEY || key == REFERENCE_RATE_KEY {
                p.push(format!("输入项键「{key}」是本程序保留的键(用于{}),请换一个键", reserved_use(key)));
            }
        }
        match self {
            Rule::Judged { decimals } | Rule::PreconditionJudged { decimals, .. } => {
                if *decimals > MAX_JUDGED_DECIMALS {
                    p.push(format!("评分小数位数 {} 超过 {} 位", decimals, MAX_JUDGED_DECIMALS));
                } else if points.normalize().scale() > *decimals {
                    p.push(format!(
                        "分值 {} 的小数位数多于评分允许的 {} 位:满分无法填写;请调整分值或评分小数位数(decimals)",
                        fmt(points),
                        decimals
                    ));
                }
            }
            Rule::GrowthYears { per_year, .. } => {
                if *per_year <= Decimal::ZERO {
                    p.push(format!("每年得分 {} 应大于 0", fmt(*per_year)));
                }
            }
            Rule::ShareBands { bands, .. } => band_problems(bands, points, &mut p),
            Rule::PerCount { per, thresholds, .. } => {
                if *per <= Decimal::ZERO {
                    p.push(format!("每家得分 {} 应大于 0", fmt(*per)));
                }
                for id in region_ids {
                    if !thresholds.contains_key(*id) {
                        p.push(format!("缺少区域「{}」的门槛", short(id)));
                    }
                }
                for (id, value) in thresholds {
                    if !region_ids.contains(&id.as_str()) {
                        p.push(format!("门槛中的区域「{}」不存在", short(id)));
                    }
                    if *value < Decimal::ZERO {
                        p.push(format!("区域「{}」的门槛 {} 不能为负", short(id), fmt(*value)));
                    }
                }
            }
            Rule::WeightedCounts { weights, cap } => {
                if weights.is_empty() {
                    p.push("没有计分权重".into());
                }
                for w in weights {
                    if w.per <= Decimal::ZERO {
                        p.push(format!("权重「{}」的每次得分 {} 应大于 0", short(&w.key), fmt(w.per)));
                    }
                }
                if let Some(cap) = cap {
                    if *cap <= Decimal::ZERO {
                        p.push(format!("上限 {} 应大于 0", fmt(*cap)));
                    }
                    if *cap > points {
                        p.push(format!("上限 {} 超过子项分值 {}", fmt(*cap), fmt(points)));
                    }
                }
            }
            Rule::RateThresholds { conditions, .. } => {
                if conditions.is_empty() {
                    p.push("没有比率条件".into());
                }
                for c in conditions {
                    if let Bound::Fixed(bound) = c.bound {
                        if bound < Decimal::ZERO || bound > Decimal::ONE_HUNDRED {
                            p.push(format!("条件「{}」的界限 {}% 应在 0 到 100 之间", short(&c.key), fmt(bound)));
                        }
                    }
                }
            }
            Rule::AllOf { flags } => {
                if flags.is_empty() {
                    p.push("没有条件项".into());
                }
            }
            Rule::AnyOne { categories } => {
                if categories.is_empty() {
                    p.push("没有可认定的类别".into());
                }
                let mut seen = std::collections::BTreeSet::new();
                for (k, c) in categories.iter().enumerate() {
                    if c.trim().is_empty() {
                        p.push(format!("第 {} 个类别为空", k + 1));
                    } else if !seen.insert(c.trim()) {
                        p.push(format!("第 {} 个类别「{}」与前面的类别重复", k + 1, short(c.trim())));
                    }
                }
            }
        }
        p
    }
}

/// Share bands: lower bounds within 0–100% and rising, scores within the item's points.
fn band_problems(bands: &[Band], points: Decimal, p: &mut Vec<String>) {
    if bands.is_empty() {
        p.push("没有占比分档".into());
    }
    let mut previous: Option<&Band> = None;
    for band in bands {
        if band.from < Decimal::ZERO || band.from > Decimal::ONE_HUNDRED {
            p.push(format!("分档下限 {}% 应在 0 到 100 之间", fmt(band.from)));
        }
        if let Some(prev) = previous {
            if band.from <= prev.from {
                p.push(format!("分档下限 {}% 未严格大于前一档下限 {}%", fmt(band.from), fmt(prev.from)));
            } else if band.score < prev.score {
                p.push(format!(
                    "分档得分 {}(下限 {}%)低于前一档的 {}(下限 {}%):占比越高,得分不应越低",
                    fmt(band.score),
                    fmt(band.from),
                    fmt(prev.score),
                    fmt(prev.from)
                ));
            }
        }
        previous = Some(band);
        if band.score < Decimal::ZERO {
            p.push(format!("分档得分 {} 不能为负", fmt(band.score)));
        }
        if band.score > points {
            p.push(format!("分档得分 {} 超过子项分值 {}", fmt(band.score), fmt(points)));
        }
    }
}

/// What a reserved input key is used for.
fn reserved_use(key: &str) -> &'static str {
    if key == SCORE_KEY {
        "评分"
    } else {
        "公布的增速"
    }
}

// ---------------------------------------------------------------------------------------------
// The inputs of a rule and their names

/// Where an input a rule reads is kept in an item's input (`model::assessment::ItemInput`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `values[key]`: a number as typed (a rate, a count, a judged score).
    Value,
    /// `flags[key]`: yes or no.
    Flag,
    /// `years[key][year]`: amounts by year, from the year before the creation period to its last.
    Amounts,
    /// `years[key][year]`: a published growth rate (%) by year, for the years of the creation period.
    Rates,
    /// The amount of each row of `entries` (its label names the amount's column).
    RowAmount,
}

/// One named input of a rule: where it is kept, its key there, how the user sees it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputField<'a> {
    pub slot: Slot,
    pub key: &'a str,
    pub label: Cow<'a, str>,
}

impl InputField<'_> {
    /// Whether the input is a series by year (`years[key]`).
    pub fn is_series(&self) -> bool {
        matches!(self.slot, Slot::Amounts | Slot::Rates)
    }
}

fn score_field() -> InputField<'static> {
    InputField { slot: Slot::Value, key: SCORE_KEY, label: Cow::Borrowed(SCORE_FIELD) }
}

/// The list rows of a rule (`entries`) and how a row and its fields are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows<'a> {
    /// Entities that qualify by year and amount (`per_count`): `第2家{entity}`, each with
    /// `年份` and its amount.
    Entities { entity: &'a str, amount: &'a str },
    /// Practices accepted or not (`any_one`): `第1条实践`.
    Practices,
}

impl Rows<'_> {
    /// How row `index` (0-based) is named: `第2家新增规模以上网络交易经营主体`, `第1条实践`.
    pub fn row(&self, index: usize) -> String {
        match self {
            Rows::Entities { entity, .. } => entity_row(entity, index),
            Rows::Practices => practice_field(index),
        }
    }

    /// The fields of row `index` the page shows an input for, as problems name them.
    pub fn fields(&self, index: usize) -> Vec<String> {
        match self {
            Rows::Entities { entity, amount } => vec![entity_field(entity, index, "年份"), entity_field(entity, index, amount)],
            Rows::Practices => vec![practice_field(index)],
        }
    }

    /// The label of a row's amount (`金额` when the rows have none).
    pub fn amount_label(&self) -> &str {
        match self {
            Rows::Entities { amount, .. } => amount,
            Rows::Practices => "金额",
        }
    }
}

/// The field of a yearly amount: `创建地电子商务交易额 2024年`.
pub fn year_field(label: &str, year: i32) -> String {
    format!("{label} {year}年")
}

/// The label of a published reference growth rate: `全国电子商务交易额增速`.
pub fn rate_label(reference_label: &str) -> String {
    format!("{reference_label}增速")
}

/// The field of a published reference growth rate: `全国电子商务交易额增速 2024年`.
pub fn rate_field(reference_label: &str, year: i32) -> String {
    year_field(&rate_label(reference_label), year)
}

/// The 1-based row number shown for list row `index`.
pub fn row_number(index: usize) -> usize {
    index + 1
}

/// A listed entity's row: `第2家新增规模以上网络交易经营主体`.
pub fn entity_row(entity: &str, index: usize) -> String {
    format!("第{}家{entity}", row_number(index))
}

/// The field of a listed entity's value: `第2家新增规模以上网络交易经营主体 年份`.
pub fn entity_field(entity: &str, index: usize, what: &str) -> String {
    format!("{} {what}", entity_row(entity, index))
}

/// The field of a listed practice: `第1条实践`.
pub fn practice_field(index: usize) -> String {
    format!("第{}条实践", row_number(index))
}

//! An assessment: the subject and every input, exactly as the user typed it.
//!
//! Inputs are kept as strings so that nothing a user types is ever lost or silently changed;
//! the scoring engine parses them and reports problems with their location. The same struct is
//! what drafts store and what the assessment file carries (see `io::file`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::evidence::Evidence;
use super::process::Process;
use super::review::{Review, ReviewRole};
use crate::engine::json::read::{read_json, unique_keys, unique_keys_2};
use crate::engine::support::problem::Refusal;

/// The `format` value of every assessment file (`io::file` writes it; the rubric loader
/// recognises an assessment file opened by mistake by it).
pub const FORMAT_ID: &str = "demozone-assessment";

/// 第五条: the three kinds of creation object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// 副省级市
    SubProvincialCity,
    /// 地级市
    PrefectureCity,
    /// 直辖市市辖区(县)
    MunicipalDistrict,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 3] =
        [SubjectKind::SubProvincialCity, SubjectKind::PrefectureCity, SubjectKind::MunicipalDistrict];

    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::SubProvincialCity => "副省级市",
            SubjectKind::PrefectureCity => "地级市",
            SubjectKind::MunicipalDistrict => "直辖市市辖区(县)",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            SubjectKind::SubProvincialCity => "sub_provincial_city",
            SubjectKind::PrefectureCity => "prefecture_city",
            SubjectKind::MunicipalDistrict => "municipal_district",
        }
    }

    pub fn from_id(id: &str) -> Option<SubjectKind> {
        SubjectKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// The four municipalities directly under the central government (直辖市).
pub const MUNICIPALITIES: [&str; 4] = ["北京", "天津", "上海", "重庆"];

/// The 31 province-level divisions of the mainland by their short names, as a rubric's regions
/// name them: every one must belong to a region (its thresholds depend on it).
pub const PROVINCES: [&str; 31] = [
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
    "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
];

/// Province-level units a rubric may list besides [`PROVINCES`].
pub const OTHER_PROVINCE_LEVEL_UNITS: [&str; 1] = ["新疆生产建设兵团"];

/// The longest creation period, in years, that is plausible at all (第九条's usual limit is the
/// rubric's `process.max_creation_years`; longer periods up to this one are allowed but flagged).
pub const MAX_PERIOD_YEARS: u32 = 20;

/// The 创建对象 and its creation period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// 创建对象名称, e.g. 杭州市.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: Option<SubjectKind>,
    /// Province-level unit, short name as in the rubric's regions (e.g. 浙江).
    #[serde(default)]
    pub province: String,
    /// First year of the creation period.
    #[serde(default)]
    pub start_year: Option<i32>,
    /// Length of the creation period in years (1–3; longer is allowed but flagged).
    #[serde(default)]
    pub years: Option<u32>,
}

impl Subject {
    /// The years of the creation period, when it is set and plausible.
    pub fn period(&self) -> Option<std::ops::RangeInclusive<i32>> {
        let start = self.start_year?;
        let years = self.years?;
        if !(1..=MAX_PERIOD_YEARS).contains(&years) || !(1990..=2100).contains(&start) {
            return None;
        }
        Some(start..=start + years as i32 - 1)
    }
}

/// One row of a list input: a new large online business entity (indicator 3b), or an
/// innovative practice (indicators 22, 23).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default)]
    pub name: String,
    /// Year (as typed): the year the entity reached the amount, or the practice's year.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub year: String,
    /// Amount (as typed), in the rule's unit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub amount: String,
    /// Category of a practice (one of the rule's categories).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// Whether the practice is recorded and accepted as qualifying.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accepted: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The inputs of one sub-item. Which parts are used depends on the item's rule kind
/// (see `docs/file-format.md`); every item has a free-text basis/evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// Named numbers as typed: rates in %, counts, a judged `score`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys")]
    pub values: BTreeMap<String, String>,
    /// Yes/no conditions; an absent key means "not answered yet".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys")]
    pub flags: BTreeMap<String, bool>,
    /// Series by year as typed: series key → year → value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys_2")]
    pub years: BTreeMap<String, BTreeMap<String, String>>,
    /// List rows (entities, practices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
    /// 自评依据 / 佐证材料: free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// 佐证材料目录: the evidence entries (format version 2; see `model::evidence`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl ItemInput {
    pub fn is_empty(&self) -> bool {
        self.values.values().all(|v| v.trim().is_empty())
            && self.flags.is_empty()
            && self.years.values().all(|s| s.values().all(|v| v.trim().is_empty()))
            && self.entries.is_empty()
            && self.basis.trim().is_empty()
            && self.evidence.is_empty()
    }

    /// A value as typed, trimmed; `None` when absent or blank.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    pub fn year_value(&self, series: &str, year: i32) -> Option<&str> {
        self.years
            .get(series)
            .and_then(|s| s.get(&year.to_string()))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

/// The top-level keys an [`Assessment`] has in JSON (the file format flattens it into the file
/// object and checks unknown keys against this list; a test keeps it in step with the struct).
pub const ASSESSMENT_KEYS: &[&str] = &["id", "banfa", "subject", "inputs", "reviews", "process"];

/// Everything a user enters for one assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// A random identifier given when the assessment is created (by the shell, which has the
    /// randomness); it lets reviewers' sheets and repeated files be matched to their assessment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The id of the 《管理办法》 version the assessment is made under (`model::banfa`,
    /// `rules/banfa-*.json`); `None` in files of format version 1 and older drafts, which are read
    /// as made under the 2025-10-29 征求意见稿 (`model::banfa::LEGACY_BANFA_ID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banfa: Option<String>,
    pub subject: Subject,
    /// Inputs by item id (e.g. `3b`, `4.1`).
    #[serde(default, deserialize_with = "unique_keys")]
    pub inputs: BTreeMap<String, ItemInput>,
    /// Review layers on the same evidence: the province's 初审 (第十三条) and the national
    /// experts' 评估 (第十四条). See [`super::review`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// The creation process: eligibility, stage dates, evaluations, dynamic management
    /// (第五条–第十七条, 第二十二条). See [`super::process`].
    #[serde(default, skip_serializing_if = "Process::is_empty")]
    pub process: Process,
}

impl Assessment {
    /// Reads an assessment's JSON (as the app's two wasm modules hand it to each other), through
    /// the same path-tracking reader as files and drafts (one deserialiser in the build).
    pub fn from_json(text: &str) -> Result<Assessment, Refusal> {
        read_json(text)
    }

    pub fn input(&self, item_id: &str) -> Option<&ItemInput> {
        self.inputs.get(item_id)
    }

    /// The input of an item, created empty when missing (for editing).
    pub fn input_mut(&mut self, item_id: &str) -> &mut ItemInput {
        self.inputs.entry(item_id.to_string()).or_default()
    }

    /// Drops empty item inputs, so that files and drafts only carry what was entered.
    pub fn prune(&mut self) {
        self.inputs.retain(|_, v| !v.is_empty());
    }

    /// The reviews of one role, with their positions in `reviews`.
    pub fn reviews_by_role(&self, role: ReviewRole) -> Vec<(usize, &Review)> {
        self.reviews.iter().enumerate().filter(|(_, r)| r.role == role).collect()
    }

    /// The province's review: the last one when a file carries several (a later 初审 replaces an
    /// earlier one; earlier ones stay in the file as history).
    pub fn province_review(&self) -> Option<&Review> {
        self.reviews.iter().rev().find(|r| r.role == ReviewRole::Province)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::review::Reviewer;

    #[test]
    fn read_json_locates_the_wrong_field_in_chinese() {
        let e = read_json::<Assessment>(r#"{"subject":{"start_year":"x"}}"#).unwrap_err().to_string();
        assert!(e.starts_with("字段「subject.start_year」:类型错误"), "{e}");
        let e = read_json::<Assessment>(r#"{"subjekt":{}}"#).unwrap_err().to_string();
        assert!(e.starts_with("缺少字段") && e.contains("subject"), "{e}");
        let e = read_json::<Assessment>("{").unwrap_err().to_string();
        assert!(!e.is_empty());
        assert!(read_json::<Assessment>("{}").unwrap_err().to_string().contains("缺少字段"));
        let text = serde_json::to_string(&Assessment::default()).unwrap();
        assert_eq!(read_json::<Assessment>(&text).unwrap(), Assessment::default());
    }

    #[test]
    fn reviews_by_role_and_the_latest_province_review() {
        let reviewer = Reviewer { name: "王五".into(), unit: "浙江省市场监督管理局".into() };
        let review = |role: ReviewRole, at: &str| Review::new(role, reviewer.clone(), at);
        let mut a = Assessment::default();
        a.reviews.push(review(ReviewRole::Province, "2025-11-03"));
        a.reviews.push(review(ReviewRole::Expert, "2025-11-03"));
        let mut later = review(ReviewRole::Province, "2025-11-03");
        later.at = "2025-12-01".into();
        a.reviews.push(later);
        assert_eq!(a.reviews_by_role(ReviewRole::Province).len(), 2);
        assert_eq!(a.province_review().unwrap().at, "2025-12-01");
    }
}

//! The assessment file: what people send by email and open in the app.
//!
//! Versioned from its first day: `format`, `format_version`, and the rubric it was scored with
//! (id, version, digest of the rubric data). Scores recorded in a file are never trusted: reading
//! recomputes everything and reports where the recorded figures differ. See `docs/file-format.md`.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::json::parse::{parse_json, JsonError};
use crate::engine::json::read::deserialize_located;
#[cfg(not(target_arch = "wasm32"))]
use crate::engine::json::read::unique_keys;
use crate::engine::json::text::{check_size, FileKind};
use crate::engine::model::assessment::{Assessment, ASSESSMENT_KEYS, FORMAT_ID};
use crate::engine::model::rubric::{Rubric, RubricRef};
use crate::engine::rubric::banfa::{banfa_for, banfa_or_legacy};
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::score::items::score;
use crate::engine::score::outcome::Outcome;
use crate::engine::score::panel::Sheet;
use crate::engine::score::ranking::RankEntry;
use crate::engine::support::num::{fmt, MAX_DECIMAL_DIGITS};
use crate::engine::process::timeline::process_problems;
use crate::engine::score::review::reviews_problems;
use crate::engine::support::problem::{Location, Problem, ProblemList, Refusal, Severity};
use crate::engine::support::text::short_file_text;

/// The newest format version this build reads and the one it writes. Each version adds to the
/// one before, without changing anything else; every older version is still read by the same
/// reader (an older file is the same assessment without the added fields, migrated in memory by
/// reading it and written back as the newest):
/// - 1: the first.
/// - 2: `banfa`, the id of the 《管理办法》 version the assessment is made under
///   (`model::banfa`; a version 1 file is read as made under the 2025-10-29 征求意见稿), and the
///   evidence entries of each sub-item (`inputs.*.evidence`).
pub const FORMAT_VERSION: u32 = 2;

/// The top-level keys a version added, each unknown to the versions before it.
const ADDED_KEYS: [(u32, &str); 1] = [(2, "banfa")];

/// The oldest format version this build reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// Scores as they were when the file was written. Informational only: never trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    pub total: Decimal,
    pub passed: bool,
    /// Dimension id → score.
    #[serde(default)]
    pub dimensions: BTreeMap<String, Decimal>,
    /// Indicator number → score.
    #[serde(default)]
    pub indicators: BTreeMap<String, Decimal>,
}

impl Recorded {
    pub fn from_outcome(o: &Outcome) -> Recorded {
        Recorded {
            total: o.total,
            passed: o.passed,
            dimensions: o.dimensions.iter().map(|d| (d.id.clone(), d.score)).collect(),
            indicators: o.indicators.iter().map(|i| (i.number.to_string(), i.score)).collect(),
        }
    }
}

/// The file as it is on disk. Read by [`parse_file`] (header and assessment apart, each with
/// its own path-tracking deserialiser: a derived `Deserialize` through `#[serde(flatten)]` would
/// buffer the whole object and carry a second deserialiser for every type of the assessment).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentFile {
    pub format: String,
    pub format_version: u32,
    pub rubric: RubricRef,
    /// When the file was written (ISO 8601, from the writer's clock).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub saved_at: String,
    /// Which program wrote it, e.g. `demozone 0.1.0`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub generator: String,
    #[serde(flatten)]
    pub assessment: Assessment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
}

/// The top-level keys of a file besides the assessment's own, as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHeader {
    format: String,
    format_version: u32,
    rubric: RubricRef,
    #[serde(default)]
    saved_at: String,
    #[serde(default)]
    generator: String,
    #[serde(default)]
    recorded: Option<Recorded>,
}

/// Top-level keys of the file besides the assessment's own.
const HEADER_KEYS: [&str; 6] = ["format", "format_version", "rubric", "saved_at", "generator", "recorded"];

impl AssessmentFile {
    /// The file as one expert's sheet for the panel (`score::panel`).
    pub fn sheet(&self) -> Sheet<'_> {
        Sheet { rubric: &self.rubric, assessment: &self.assessment, inputs_digest: None }
    }
}

/// A file that was read: the assessment, the rubric it refers to, every score recomputed.
#[derive(Debug, Clone)]
pub struct Opened {
    pub file: AssessmentFile,
    /// Index into the rubrics given to [`read_file`].
    pub rubric_index: usize,
    pub outcome: Outcome,
    /// Where the scores recorded in the file differ from the recomputed ones (edited by hand).
    pub recorded_differences: Vec<String>,
    /// What is wrong in the file besides the self-assessment's inputs (whose problems are in
    /// `outcome.problems`): recorded scores of indicators or dimensions the rubric does not have,
    /// the review layers' problems, the creation process's (dates, repeated stages). They change
    /// no score; the list is capped (`support::problem::MAX_LISTED`).
    pub problems: Vec<Problem>,
}

impl Opened {
    /// A row of the province ranking (`score::ranking`), named by `source` (e.g. the file name).
    pub fn rank_entry(&self, source: &str) -> RankEntry {
        RankEntry::new(source, &self.file.assessment, self.outcome.clone())
    }
}

/// Reads an assessment file against the known rubrics. Never panics on any input.
pub fn read_file(text: &str, rubrics: &[&LoadedRubric]) -> Result<Opened, Refusal> {
    let file = parse_file(text)?;
    let Some(rubric_index) = rubrics
        .iter()
        .position(|r| r.rubric.id == file.rubric.id && r.rubric.version == file.rubric.version)
    else {
        return Err(Refusal::at_path(
            "rubric",
            format!(
                "此文件使用的指标体系「{}」(版本「{}」)未加载;请先在“指标体系版本”中打开该版本的指标体系文件",
                short_file_text(&file.rubric.id),
                short_file_text(&file.rubric.version)
            ),
        ));
    };
    let loaded = rubrics[rubric_index];
    if loaded.digest != file.rubric.digest {
        return Err(Refusal::at_path(
            "rubric.digest",
            format!(
                "文件记录的指标体系摘要与已加载的「{}」版本数据不一致:两者不是同一份指标体系数据,不能按此版本计分",
                short_file_text(&file.rubric.version)
            ),
        ));
    }
    let outcome = score(&loaded.rubric, &file.assessment);
    let recorded_differences = file.recorded.as_ref().map(|r| compare_recorded(r, &outcome)).unwrap_or_default();
    let problems = file_problems(&loaded.rubric, &file);
    Ok(Opened { file, rubric_index, outcome, recorded_differences, problems })
}

/// The problems of a file besides its self-assessment's ([`Opened::problems`]).
pub fn file_problems(rubric: &Rubric, file: &AssessmentFile) -> Vec<Problem> {
    let mut list = ProblemList::default();
    if let Some(r) = &file.recorded {
        let numbers: BTreeSet<String> = rubric.indicators().map(|i| i.number.to_string()).collect();
        for key in r.indicators.keys().filter(|k| !numbers.contains(*k)) {
            list.push_with(Severity::Warning, || {
                let k = short_file_text(key);
                Problem::warning(
                    Location::path(&format!("recorded.indicators.{k}")),
                    format!("指标体系中没有指标「{k}」,文件记录的这一得分已忽略;{DAMAGED}"),
                )
            });
        }
        let dimensions: BTreeSet<&str> = rubric.dimensions.iter().map(|d| d.id.as_str()).collect();
        for key in r.dimensions.keys().filter(|k| !dimensions.contains(k.as_str())) {
            list.push_with(Severity::Warning, || {
                let k = short_file_text(key);
                Problem::warning(
                    Location::path(&format!("recorded.dimensions.{k}")),
                    format!("指标体系中没有一级指标「{k}」,文件记录的这一得分已忽略;{DAMAGED}"),
                )
            });
        }
    }
    let a = &file.assessment;
    for (item, input) in &a.inputs {
        for (row, e) in input.evidence.iter().enumerate() {
            if e.file.as_ref().is_some_and(|f| !f.is_well_formed()) {
                list.push_with(Severity::Warning, || {
                    let item = short_file_text(item);
                    Problem::warning(
                        Location::path(&format!("inputs.{item}.evidence[{row}].file.sha256")),
                        format!("佐证材料{item}-{}的文件指纹不是64位小写十六进制数字,核对时不会与任何文件一致;请重新选择该文件。{DAMAGED}", row + 1),
                    )
                });
            }
        }
    }
    list.append(reviews_problems(rubric, &a.reviews));
    if !a.process.is_empty() {
        list.append(process_problems(&a.process, &a.subject, banfa_or_legacy(a)));
    }
    list.finish(Location { section: Some("file".into()), ..Default::default() })
}

/// Parses and checks the structure of an assessment file, without scoring it.
pub fn parse_file(text: &str) -> Result<AssessmentFile, Refusal> {
    check_size(text.len(), FileKind::Assessment)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Refusal::new("文件是空的"));
    }
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(file) = read_written_file(text) {
        banfa_for(&file.assessment)?;
        return Ok(file);
    }
    parse_located(text)
}

/// [`parse_file`] through a `Value` and the path-tracking reader, which says what is wrong and
/// where (`text`: without its byte order mark, not blank).
fn parse_located(text: &str) -> Result<AssessmentFile, Refusal> {
    // A repeated key is refused once the text is known to claim to be an assessment file.
    let (value, duplicate) = match parse_json(text) {
        Ok(value) => (value, None),
        Err(JsonError::Syntax(r)) => return Err(damaged(r)),
        Err(JsonError::Duplicate { key, value }) => (value, Some(key)),
    };
    let Value::Object(mut map) = value else {
        return Err(Refusal::new("不是评估文件:文件内容不是一个JSON对象"));
    };
    match map.get("format") {
        Some(Value::String(f)) if f == FORMAT_ID => {}
        Some(Value::String(f)) => {
            return Err(Refusal::at_path("format", format!("不是demozone评估文件(format为「{}」)", short_file_text(f))))
        }
        _ => return Err(Refusal::at_path("format", "不是demozone评估文件:缺少format字段")),
    }
    // The value above keeps the last of two equal keys (even of format_version): refuse such
    // files instead, once they claim to be assessment files.
    if let Some(dup) = duplicate {
        return Err(dup.into());
    }
    match map.get("format_version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION)).contains(&v) => {}
            Some(v) if v > u64::from(FORMAT_VERSION) => {
                return Err(Refusal::at_path(
                    "format_version",
                    format!(
                        "此文件由更新版本的程序生成(文件格式版本{v}),本程序只能打开格式版本{FORMAT_VERSION}及以下的文件;请使用最新版本的本工具打开"
                    ),
                ))
            }
            Some(v) => return Err(Refusal::at_path("format_version", format!("文件格式版本「{v}」无效"))),
            // A negative, fractional or huge number: not shown as serde_json would (`1.8446744073709552e19`).
            None => {
                let what = if n.is_i64() { "是负数" } else if n.as_f64().is_some_and(|f| f.fract() == 0.0) { "过大" } else { "不是整数" };
                return Err(Refusal::at_path(
                    "format_version",
                    format!("文件格式版本应为正整数(本程序读取格式版本{FORMAT_VERSION}),文件中的数字{what};{DAMAGED}"),
                ));
            }
        },
        Some(Value::Null) | None => {
            return Err(Refusal::at_path("format_version", "缺少文件格式版本(format_version)"))
        }
        Some(other) => {
            return Err(Refusal::at_path(
                "format_version",
                format!("文件格式版本应为整数(如 {FORMAT_VERSION}),文件中是「{}」", short_file_text(&other.to_string())),
            ))
        }
    }
    let version = map.get("format_version").and_then(Value::as_u64).unwrap_or(1);
    for key in map.keys() {
        if !HEADER_KEYS.contains(&key.as_str()) && !ASSESSMENT_KEYS.contains(&key.as_str()) {
            return Err(Refusal::at_path(&short_file_text(key), "未知字段:本程序不认识这个字段"));
        }
        if let Some((since, _)) = ADDED_KEYS.iter().find(|(v, k)| k == key && u64::from(*v) > version) {
            return Err(Refusal::at_path(
                key,
                format!("文件格式版本{version}没有这个字段(格式版本{since}起才有);文件可能被改动过"),
            ));
        }
    }
    if let Some(recorded) = map.get("recorded") {
        check_recorded_numbers(recorded)?;
    }
    // Every key is now a header key or an assessment key: split the object without copying it.
    let header: serde_json::Map<String, Value> = HEADER_KEYS.iter().filter_map(|k| map.remove_entry(*k)).collect();
    let header: FileHeader = deserialize_located(&Value::Object(header)).map_err(damaged)?;
    let assessment: Assessment = deserialize_located(&Value::Object(map)).map_err(damaged)?;
    banfa_for(&assessment)?;
    Ok(AssessmentFile {
        format: header.format,
        format_version: header.format_version,
        rubric: header.rubric,
        saved_at: header.saved_at,
        generator: header.generator,
        assessment,
        recorded: header.recorded,
    })
}


/// A file as this program writes it, read straight from the text by serde's derived readers (no
/// `Value` in between): every key of [`HEADER_KEYS`] and [`ASSESSMENT_KEYS`], with their
/// attributes as in [`FileHeader`] and [`Assessment`] (a test reads every example both ways).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenFile {
    format: String,
    format_version: u32,
    rubric: RubricRef,
    #[serde(default)]
    saved_at: String,
    #[serde(default)]
    generator: String,
    #[serde(default)]
    recorded: Option<ExactRecorded>,
    #[serde(default)]
    id: String,
    #[serde(default)]
    banfa: Option<String>,
    subject: crate::engine::model::assessment::Subject,
    #[serde(default, deserialize_with = "unique_keys")]
    inputs: BTreeMap<String, crate::engine::model::assessment::ItemInput>,
    #[serde(default)]
    reviews: Vec<crate::engine::model::review::Review>,
    #[serde(default)]
    process: crate::engine::model::process::Process,
}

/// [`Recorded`] whose scores are all strings read exactly (what [`check_recorded_numbers`] lets through).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExactRecorded {
    total: ExactScore,
    passed: bool,
    #[serde(default, deserialize_with = "unique_keys")]
    dimensions: BTreeMap<String, ExactScore>,
    #[serde(default, deserialize_with = "unique_keys")]
    indicators: BTreeMap<String, ExactScore>,
}

/// A recorded score written as a string that `Decimal` reads exactly, read as `Decimal` reads it.
#[cfg(not(target_arch = "wasm32"))]
struct ExactScore(Decimal);

#[cfg(not(target_arch = "wasm32"))]
impl<'de> Deserialize<'de> for ExactScore {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ExactScore, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = ExactScore;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a score as a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ExactScore, E> {
                if !recorded_text_is_exact(text) {
                    return Err(E::custom("not exact"));
                }
                <Decimal as Deserialize>::deserialize(serde::de::value::StrDeserializer::<E>::new(text)).map(ExactScore)
            }
        }
        d.deserialize_str(Text)
    }
}

/// The fast way to read a file (most are as this program wrote them): the file when the text
/// reads as a [`WrittenFile`] that the checks of [`parse_file`] would all let through (this format
/// version, recorded scores exact, no key twice in an object: a struct's derived reader refuses a
/// repeated field, every map is read by `json::read::unique_keys`); `None` otherwise, and the
/// path-tracking reader then says what is wrong and where, as it always has. Either way the
/// result is the same; this one takes about half the time on a large file.
#[cfg(not(target_arch = "wasm32"))]
fn read_written_file(text: &str) -> Option<AssessmentFile> {
    let f: WrittenFile = serde_json::from_str(text).ok()?;
    let version = u64::from(f.format_version);
    let known = f.format == FORMAT_ID
        && (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION)).contains(&version)
        && ADDED_KEYS.iter().all(|(since, _)| u64::from(*since) <= version);
    if !known {
        return None;
    }
    let exact = |m: BTreeMap<String, ExactScore>| m.into_iter().map(|(k, v)| (k, v.0)).collect();
    Some(AssessmentFile {
        format: f.format,
        format_version: f.format_version,
        rubric: f.rubric,
        saved_at: f.saved_at,
        generator: f.generator,
        assessment: Assessment {
            id: f.id,
            banfa: f.banfa,
            subject: f.subject,
            inputs: f.inputs,
            reviews: f.reviews,
            process: f.process,
        },
        recorded: f.recorded.map(|r| Recorded {
            total: r.total.0,
            passed: r.passed,
            dimensions: exact(r.dimensions),
            indicators: exact(r.indicators),
        }),
    })
}

/// Writes an assessment file (pretty JSON), recording the scores computed now.
pub fn write_file(loaded: &LoadedRubric, assessment: &Assessment, saved_at: &str) -> String {
    let mut a = assessment.clone();
    a.prune();
    let outcome = score(&loaded.rubric, &a);
    let file = AssessmentFile {
        format: FORMAT_ID.into(),
        format_version: FORMAT_VERSION,
        rubric: loaded.reference(),
        saved_at: saved_at.into(),
        generator: format!("demozone {}", env!("CARGO_PKG_VERSION")),
        assessment: a,
        recorded: Some(Recorded::from_outcome(&outcome)),
    };
    // Serialising plain data to a String cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

fn compare_recorded(r: &Recorded, o: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    for ind in &o.indicators {
        if let Some(v) = r.indicators.get(&ind.number.to_string()) {
            if *v != ind.score {
                out.push(format!("指标{}:文件记录{}分,重新计算为{}分", ind.number, fmt(*v), fmt(ind.score)));
            }
        }
    }
    for d in &o.dimensions {
        if let Some(v) = r.dimensions.get(&d.id) {
            if *v != d.score {
                out.push(format!("{}:文件记录{}分,重新计算为{}分", d.name, fmt(*v), fmt(d.score)));
            }
        }
    }
    if r.total != o.total {
        out.push(format!("总分:文件记录{}分,重新计算为{}分", fmt(r.total), fmt(o.total)));
    }
    if r.passed != o.passed {
        out.push(format!(
            "结论:文件记录为“{}”,重新计算为“{}”",
            if r.passed { "合格" } else { "不合格" },
            if o.passed { "合格" } else { "不合格" }
        ));
    }
    out
}

/// What an assessment file that is not as this program writes it needs: the original.
const DAMAGED: &str = "此文件可能已损坏或被手工改动过,请向发送方索取本工具保存的原文件";

/// A refusal of a file that is not as this program writes it, with what to do.
fn damaged(r: Refusal) -> Refusal {
    Refusal { message: format!("{};{DAMAGED}", r.message), ..r }
}

/// The recorded scores are decimals written as strings: a number with more digits than a
/// `Decimal` holds would be rounded without a word, so it is refused with its place; so is a
/// score written as a JSON number, which is read through binary floating point (`90.40000000000001`
/// reads as 90.4) and could not be compared exactly.
fn check_recorded_numbers(recorded: &Value) -> Result<(), Refusal> {
    let Value::Object(r) = recorded else { return Ok(()) };
    // (group, key, value): the field's path is only written for the one refused.
    let total = r.get("total").map(|v| ("", "total", v));
    let groups = ["dimensions", "indicators"].into_iter().flat_map(|group| match r.get(group) {
        Some(Value::Object(m)) => Some(m.iter().map(move |(k, v)| (group, k.as_str(), v))),
        _ => None,
    });
    for (group, key, v) in total.into_iter().chain(groups.flatten()) {
        let field = || if group.is_empty() { format!("recorded.{key}") } else { format!("recorded.{group}.{}", short_file_text(key)) };
        // What the Decimal reader would accept, but only by rounding (other texts it refuses
        // itself, with a located message).
        if v.is_number() {
            return Err(Refusal::at_path(
                &field(),
                format!(
                    "分数应写为带双引号的字符串(如 \"90.4\"),文件中是不带引号的数字:这样的数字只能近似读取,无法与重新计算的分数精确比较;{DAMAGED}"
                ),
            ));
        }
        let Value::String(text) = v else { continue };
        if !recorded_text_is_exact(text) {
            return Err(Refusal::at_path(
                &field(),
                format!("数字位数过多(最多{MAX_DECIMAL_DIGITS}位有效数字),无法精确读取:「{}」", short_file_text(text)),
            ));
        }
    }
    Ok(())
}

/// False for a recorded score the Decimal reader would accept only by rounding it.
fn recorded_text_is_exact(text: &str) -> bool {
    Decimal::from_str_exact(text).is_ok() || !(text.parse::<Decimal>().is_ok() || Decimal::from_scientific(text).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::fixtures::{hangzhou, FINAL_EXAMPLE};
    use crate::engine::json::located::testing::{mutated, mutations};
    use crate::engine::rubric::set::RubricSet;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn a_file_of_a_second_rubric_version_opens_only_when_it_is_loaded() {
        let mut set = RubricSet::default();
        let r = set.add(FINAL_EXAMPLE).unwrap().reference();
        // A file written under the new version opens only when that version is loaded.
        let a = hangzhou();
        let text = write_file(set.find(&r).unwrap(), &a, "");
        let e = read_file(&text, &[set.bundled()]).unwrap_err();
        assert!(e.message.contains("未加载"), "{e}");
        let opened = read_file(&text, &set.refs()).unwrap();
        assert_eq!(opened.rubric_index, 1);
    }

    /// The fast reader gives what the path-tracking one gives, file or refusal.
    fn reads_both_ways(text: &str) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return;
        }
        assert_eq!(parse_file(text), parse_located(text), "{text}");
    }

    const EXAMPLES: [&str; 7] = [
        include_str!("../../../tests/examples/pass-hangzhou.json"),
        include_str!("../../../tests/examples/edited-scores.json"),
        include_str!("../../../tests/examples/fail-dimension.json"),
        include_str!("../../../tests/examples/fail-total.json"),
        include_str!("../../../tests/examples/future-format.json"),
        include_str!("../../../tests/examples/invalid-inputs.json"),
        include_str!("../../../tests/examples/wrong-rubric.json"),
    ];

    #[test]
    fn the_fast_reader_reads_what_the_located_one_reads() {
        let example = write_file(&LoadedRubric::bundled(), &hangzhou(), "2025-11-20T10:30:00+08:00");
        assert!(read_written_file(&example).is_some(), "a file as written takes the fast way");
        for text in EXAMPLES.iter().copied().chain([example.as_str()]) {
            reads_both_ways(text);
        }
        // What only the checks of parse_file refuse: each is left to the located reader.
        let v: Value = serde_json::from_str(&example).unwrap();
        let with = |pointer: &str, new: Value| {
            let mut v = v.clone();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            v.pointer_mut(parent).and_then(Value::as_object_mut).expect("an object").insert(key.into(), new);
            v.to_string()
        };
        let cases = [
            // A key twice, at the top, in a map, in a struct; the same key escaped.
            example.replacen("{", "{\"generator\":\"x\",", 1),
            example.replacen("\"inputs\": {", "\"inputs\": {\"4.1\":{},", 1),
            example.replacen("\"subject\": {", "\"subject\": {\"name\":\"x\",", 1),
            example.replacen("\"inputs\": {", "\"inputs\": {\"\\u0034.1\":{},", 1),
            example.replacen("\"inputs\": {", "\"inputs\": {\"\\u0034.9\":{},", 1),
            with("/recorded/total", json!(90.4)),
            with("/recorded/total", json!("90.400000000000000000000000001")),
            with("/recorded/total", json!("9e1")),
            with("/recorded/indicators/1", json!("1234567890123456789012345678901234567890")),
            with("/format_version", json!(1)),
            with("/format_version", json!(3)),
            with("/format_version", json!(2.0)),
            with("/format", json!("other")),
            with("/banfa", json!("no-such-banfa")),
            with("/banfa", Value::Null),
            with("/subject/start_year", json!("2025")),
            example.replacen("{", "{\"x\":1,", 1),
            example.clone() + "x",
        ];
        for text in &cases {
            reads_both_ways(text);
        }
        let mut v1 = v.clone();
        v1["format_version"] = json!(1);
        v1.as_object_mut().unwrap().remove("banfa");
        let v1 = v1.to_string();
        // An older version is left to the located reader (a key it lacks, even as null, is refused there).
        assert!(read_written_file(&v1).is_none());
        reads_both_ways(&v1);
    }

    /// Every object of `v` (a JSON pointer to it), outside in.
    fn objects(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                out.push(at.clone());
                for (k, x) in m {
                    objects(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| objects(x, format!("{at}/{i}"), out)),
            _ => {}
        }
    }

    #[test]
    fn a_key_twice_in_any_object_is_refused_as_the_located_reader_refuses_it() {
        // A file with every part: review layers, the process, evidence, series, recorded scores.
        let mut v: Value = serde_json::from_str(&write_file(&LoadedRubric::bundled(), &hangzhou(), "2025-11-20")).unwrap();
        v["reviews"] = json!([{"role": "province", "reviewer": {"name": "王五", "unit": "局"}, "at": "2025-11-03",
            "items": {"4.1": {"score": "1", "comment": "c", "method": "site_inspection"}}, "opinion": "o"}]);
        v["process"] = json!({"eligibility": {"platform_economy": {"met": true, "basis": "b"}},
            "stages": [{"stage": "apply", "date": "2021-05-01"}], "attempts": [{"date": "2025-01-01", "passed": false}],
            "events": [{"date": "2025-01-01", "kind": "major_case", "measure": "revoke"}]});
        v["inputs"]["4.1"]["evidence"] = json!([{"title": "t", "file": {"name": "a.pdf", "size": 1, "sha256": "0".repeat(64)}}]);
        v["inputs"]["4.1"]["flags"] = json!({"a": true, "b": false});
        v["inputs"]["4.1"]["values"] = json!({"a": "1", "b": "2"});
        v["inputs"]["3b"] = json!({"entries": [{"name": "某公司", "year": "2023", "amount": "1"}]});
        v["inputs"]["1"]["years"]["x"] = json!({"2023": "1", "2024": "2"});
        let rich = v.to_string();
        assert!(read_written_file(&rich).is_some() && parse_located(&rich).is_ok(), "the rich file reads both ways");
        let mut places = Vec::new();
        objects(&v, String::new(), &mut places);
        assert!(places.len() >= 26, "{places:?}");
        // Each object in turn gets its first key twice (as a first entry that sorts before all others).
        const MARK: &str = "\u{1}repeated";
        for place in places {
            let mut w = v.clone();
            let m = w.pointer_mut(&place).and_then(Value::as_object_mut).unwrap();
            let Some((first, value)) = m.iter().next().map(|(k, x)| (k.clone(), x.clone())) else { continue };
            m.insert(MARK.into(), value);
            let text = w.to_string().replacen(&serde_json::to_string(MARK).unwrap(), &serde_json::to_string(&first).unwrap(), 1);
            assert!(read_written_file(&text).is_none(), "{place}: {first} twice");
            let e = parse_file(&text).unwrap_err();
            assert!(e.message.contains("出现了两次"), "{place}: {e}");
            reads_both_ways(&text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_fast_reader_reads_changed_files_as_the_located_one(changes in mutations(), which in 0..EXAMPLES.len()) {
            let v: Value = serde_json::from_str(EXAMPLES[which]).expect("an example file");
            let changed = mutated(v, changes);
            reads_both_ways(&changed.to_string());
            reads_both_ways(&serde_json::to_string_pretty(&changed).unwrap());
        }
    }
}

//! The assessment file: what people send by email and open in the app.
//!
//! Versioned from its first day: `format`, `format_version`, and the rubric it was scored with
//! (id, version, digest of the rubric data). Scores recorded in a file are never trusted: reading
//! recomputes everything and reports where the recorded figures differ. See `docs/file-format.md`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::assessment::{Assessment, ASSESSMENT_KEYS};
use super::num::fmt;
use super::rubric::{Rubric, BUNDLED_RUBRIC_JSON};
use super::rubric_check::validate_rubric;
use super::score::{score, Outcome};

/// The `format` value of every assessment file.
pub const FORMAT_ID: &str = "demozone-assessment";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// Larger files are refused before parsing (a real assessment is a few dozen KiB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Which rubric an assessment is scored with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
    /// `sha256:` + hex digest of the rubric data file (line endings normalised to LF).
    pub digest: String,
}

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

/// The file as it is on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// Top-level keys of the file besides the assessment's own.
const HEADER_KEYS: [&str; 6] = ["format", "format_version", "rubric", "saved_at", "generator", "recorded"];

/// A rubric with the digest of its data, as loaded (bundled or opened by the user).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRubric {
    pub rubric: Rubric,
    pub digest: String,
}

impl LoadedRubric {
    pub fn bundled() -> LoadedRubric {
        LoadedRubric { rubric: Rubric::bundled(), digest: digest_of(BUNDLED_RUBRIC_JSON) }
    }

    /// Parses and validates a rubric data file; every problem is reported in Chinese.
    pub fn from_json(text: &str) -> Result<LoadedRubric, Vec<String>> {
        let rubric = Rubric::from_json(text).map_err(|e| vec![e])?;
        validate_rubric(&rubric).map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
        Ok(LoadedRubric { rubric, digest: digest_of(text) })
    }

    pub fn reference(&self) -> RubricRef {
        RubricRef { id: self.rubric.id.clone(), version: self.rubric.version.clone(), digest: self.digest.clone() }
    }
}

/// `sha256:<hex>` of a rubric data text, with CRLF normalised to LF.
pub fn digest_of(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n");
    let hash = Sha256::digest(normalised.as_bytes());
    let mut out = String::from("sha256:");
    for b in hash {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Why a file could not be opened: the field (a JSON path, when known) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub field: Option<String>,
    pub message: String,
}

impl FileError {
    fn new(message: impl Into<String>) -> FileError {
        FileError { field: None, message: message.into() }
    }
    fn at(field: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError { field: Some(field.into()), message: message.into() }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "字段「{field}」:{}", self.message),
            None => write!(f, "{}", self.message),
        }
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
}

/// Reads an assessment file against the known rubrics. Never panics on any input.
pub fn read_file(text: &str, rubrics: &[&LoadedRubric]) -> Result<Opened, FileError> {
    let file = parse_file(text)?;
    let Some(rubric_index) = rubrics
        .iter()
        .position(|r| r.rubric.id == file.rubric.id && r.rubric.version == file.rubric.version)
    else {
        return Err(FileError::at(
            "rubric",
            format!(
                "此文件使用的指标体系「{}」(版本「{}」)未加载;请先在“指标体系版本”中打开该版本的指标体系文件",
                short(&file.rubric.id),
                short(&file.rubric.version)
            ),
        ));
    };
    let loaded = rubrics[rubric_index];
    if loaded.digest != file.rubric.digest {
        return Err(FileError::at(
            "rubric.digest",
            format!(
                "文件记录的指标体系摘要与已加载的「{}」版本数据不一致:两者不是同一份指标体系数据,不能按此版本计分",
                short(&file.rubric.version)
            ),
        ));
    }
    let outcome = score(&loaded.rubric, &file.assessment);
    let recorded_differences = file.recorded.as_ref().map(|r| compare_recorded(r, &outcome)).unwrap_or_default();
    Ok(Opened { file, rubric_index, outcome, recorded_differences })
}

/// Parses and checks the structure of an assessment file, without scoring it.
pub fn parse_file(text: &str) -> Result<AssessmentFile, FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::new(format!(
            "文件过大({:.1} MB),评估文件通常小于1 MB;请确认选择的是评估文件",
            text.len() as f64 / 1_048_576.0
        )));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::new("文件是空的"));
    }
    let value: Value = serde_json::from_str(text).map_err(json_syntax_error)?;
    let Value::Object(map) = &value else {
        return Err(FileError::new("不是评估文件:文件内容不是一个JSON对象"));
    };
    match map.get("format") {
        Some(Value::String(f)) if f == FORMAT_ID => {}
        Some(Value::String(f)) => {
            return Err(FileError::at("format", format!("不是demozone评估文件(format为「{}」)", short(f))))
        }
        _ => return Err(FileError::at("format", "不是demozone评估文件:缺少format字段")),
    }
    match map.get("format_version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v == u64::from(FORMAT_VERSION) => {}
            Some(v) if v > u64::from(FORMAT_VERSION) => {
                return Err(FileError::at(
                    "format_version",
                    format!(
                        "此文件由更新版本的程序生成(文件格式版本{v}),本程序只能打开格式版本{FORMAT_VERSION}及以下的文件;请使用最新版本的本工具打开"
                    ),
                ))
            }
            _ => return Err(FileError::at("format_version", format!("文件格式版本「{n}」无效"))),
        },
        _ => return Err(FileError::at("format_version", "缺少文件格式版本(format_version)")),
    }
    for key in map.keys() {
        if !HEADER_KEYS.contains(&key.as_str()) && !ASSESSMENT_KEYS.contains(&key.as_str()) {
            return Err(FileError::at(short(key), "未知字段:本程序不认识这个字段"));
        }
    }
    let file: AssessmentFile = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        FileError::at(if path == "." { String::new() } else { path }, serde_message(&e.into_inner().to_string()))
    })?;
    Ok(file)
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

fn json_syntax_error(e: serde_json::Error) -> FileError {
    use serde_json::error::Category;
    let msg = e.to_string();
    let what = match e.classify() {
        Category::Eof => "文件不完整(可能在传输中被截断)".to_string(),
        _ if msg.contains("recursion limit") => "JSON嵌套层次过深".to_string(),
        _ => format!("不是有效的JSON:{}", serde_message(&msg)),
    };
    FileError::new(format!("第{}行第{}列:{what}", e.line(), e.column()))
}

/// Puts serde's English error in Chinese terms (keeping the specifics).
fn serde_message(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    let pairs = [
        ("missing field", "缺少字段"),
        ("unknown field", "未知字段"),
        ("unknown variant", "取值无效"),
        ("invalid type", "类型错误"),
        ("invalid value", "取值无效"),
        ("invalid length", "长度错误"),
        ("duplicate field", "字段重复"),
        ("expected", "应为"),
        ("trailing characters", "文件末尾有多余内容"),
        ("EOF while parsing", "文件不完整"),
        ("key must be a string", "键必须是字符串"),
        ("control character", "字符串中含有控制字符"),
        ("number out of range", "数字超出范围"),
    ];
    for (en, zh) in pairs {
        if msg.starts_with(en) {
            return format!("{zh}({})", short(msg));
        }
    }
    format!("格式错误({})", short(msg))
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

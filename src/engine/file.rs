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
    /// Like assessment files, rubric files are refused when too large or when a key is repeated
    /// within one object (serde_json would silently keep the last one).
    pub fn from_json(text: &str) -> Result<LoadedRubric, Vec<String>> {
        if text.len() > MAX_FILE_BYTES {
            return Err(vec![format!(
                "指标体系文件过大({:.1} MB),指标体系文件通常小于1 MB;请确认选择的是指标体系文件",
                text.len() as f64 / 1_048_576.0
            )]);
        }
        // A byte order mark (added by some Windows editors) is not part of the data.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(dup) = duplicate_key(text) {
            return Err(vec![format!("指标体系文件无法读取:{}", FileError::from(dup))]);
        }
        let rubric = parse_rubric(text).map_err(|e| vec![e])?;
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
    let Value::Object(mut map) = value else {
        return Err(FileError::new("不是评估文件:文件内容不是一个JSON对象"));
    };
    match map.get("format") {
        Some(Value::String(f)) if f == FORMAT_ID => {}
        Some(Value::String(f)) => {
            return Err(FileError::at("format", format!("不是demozone评估文件(format为「{}」)", short(f))))
        }
        _ => return Err(FileError::at("format", "不是demozone评估文件:缺少format字段")),
    }
    // The value above keeps the last of two equal keys (even of format_version): refuse such
    // files instead, once they claim to be assessment files.
    if let Some(dup) = duplicate_key(text) {
        return Err(dup.into());
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
        Some(Value::Null) | None => {
            return Err(FileError::at("format_version", "缺少文件格式版本(format_version)"))
        }
        Some(other) => {
            return Err(FileError::at(
                "format_version",
                format!("文件格式版本应为整数(如 {FORMAT_VERSION}),文件中是「{}」", short(&other.to_string())),
            ))
        }
    }
    for key in map.keys() {
        if !HEADER_KEYS.contains(&key.as_str()) && !ASSESSMENT_KEYS.contains(&key.as_str()) {
            return Err(FileError::at(short(key), "未知字段:本程序不认识这个字段"));
        }
    }
    if let Some(recorded) = map.get("recorded") {
        check_recorded_numbers(recorded)?;
    }
    // Every key is now a header key or an assessment key: split the object without copying it.
    let header: serde_json::Map<String, Value> = HEADER_KEYS.iter().filter_map(|k| map.remove_entry(*k)).collect();
    let header: FileHeader = tracked(&Value::Object(header))?;
    let assessment: Assessment = tracked(&Value::Object(map))?;
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

/// Deserialises `value`, locating an error by its path in the file.
fn tracked<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, FileError> {
    deserialize_located(value).map_err(|(path, message)| match path {
        Some(path) => FileError::at(path, message),
        None => FileError::new(message),
    })
}

/// The engine's one way of turning a parsed `Value` into a type (one deserialiser per type in each
/// wasm build): on error, the path of the wrong field (none when it is the whole value) and what is
/// wrong, in Chinese.
pub(crate) fn deserialize_located<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, (Option<String>, String)> {
    super::located::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = serde_message(e.message());
        ((path != "." && !path.is_empty()).then_some(path), message)
    })
}

/// Reads JSON text into `T` (data the program did not just write itself, e.g. what one wasm
/// module of the app hands the other) through [`deserialize_located`].
pub fn read_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error_text(&e))?;
    deserialize_located(&value).map_err(|(path, message)| match path {
        Some(path) => format!("字段「{}」:{message}", short(&path)),
        None => message,
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

fn json_syntax_error(e: serde_json::Error) -> FileError {
    FileError::new(format!("第{}行第{}列:{}", e.line(), e.column(), json_error_text(&e)))
}

/// What is wrong, in Chinese, for an error of serde_json (syntax) or of a typed deserialisation.
fn json_error_text(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let msg = e.to_string();
    match e.classify() {
        Category::Eof => "文件不完整(可能在传输中被截断)".to_string(),
        _ if msg.contains("recursion limit") => "JSON嵌套层次过深(超过128层),不是正常的文件".to_string(),
        Category::Data => serde_message(&msg),
        _ => format!("不是有效的JSON:{}", serde_message(&msg)),
    }
}

/// The text of a file given as bytes (as read from disk or from the browser): refuses files over
/// [`MAX_FILE_BYTES`] before looking at them, and bytes that are not UTF-8 (with where the first
/// bad byte is). A UTF-8 byte order mark is kept; [`parse_file`] and
/// [`LoadedRubric::from_json`] skip it.
pub fn file_text(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::new(format!(
            "文件过大({:.1} MB),评估文件通常小于1 MB;请确认选择的是评估文件",
            bytes.len() as f64 / 1_048_576.0
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileError::new("文件是UTF-16编码的文本;评估文件应为UTF-8编码,请用本工具重新保存"));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // The prefix is valid UTF-8, so this cannot fail; count characters for the column.
        let column = std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count()) + 1;
        FileError::new(format!(
            "第{line}行第{column}列:文件不是UTF-8编码的文本(第{}个字节无效),不是本工具保存的评估文件",
            e.valid_up_to() + 1
        ))
    })
}

/// A key that occurs twice in one JSON object.
#[derive(Debug)]
struct DuplicateKey {
    /// JSON path of the object holding the key (empty for the top level).
    path: String,
    key: String,
    line: usize,
    column: usize,
}

impl From<DuplicateKey> for FileError {
    fn from(d: DuplicateKey) -> FileError {
        let key = short(&d.key);
        let field = if d.path.is_empty() { key.clone() } else { format!("{}.{key}", d.path) };
        FileError::at(
            field,
            format!(
                "第{}行第{}列:键「{key}」在同一个对象中出现了两次;两个值中哪一个算数无法确定(文件可能被手工改动过),请删除重复的一个后再打开",
                d.line, d.column
            ),
        )
    }
}

/// The first key that occurs twice in one object anywhere in `text`, which serde_json would
/// silently resolve by keeping the last. `None` when there is none, and also when `text` is not
/// valid JSON (the real parser then reports that). One pass over the text; nesting is bounded by
/// serde_json's recursion limit (128), so hostile input cannot exhaust the stack.
fn duplicate_key(text: &str) -> Option<DuplicateKey> {
    use serde::de::DeserializeSeed;
    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(text);
    match (DupCheck { found: &mut found }).deserialize(&mut de) {
        Ok(()) => None,
        Err(e) => found.map(|(key, reversed_path)| {
            let mut path = String::new();
            for seg in reversed_path.iter().rev() {
                match seg {
                    PathSeg::Key(k) => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&short(k));
                    }
                    PathSeg::Index(i) => path.push_str(&format!("[{i}]")),
                }
            }
            DuplicateKey { path, key, line: e.line(), column: e.column() }
        }),
    }
}

enum PathSeg {
    Key(String),
    Index(usize),
}

/// Walks any JSON value; on a repeated key it records the key, fails, and every enclosing
/// object or array adds its own path segment while the error travels up (innermost first).
struct DupCheck<'s> {
    found: &'s mut Option<(String, Vec<PathSeg>)>,
}

impl<'de> serde::de::DeserializeSeed<'de> for DupCheck<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for DupCheck<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            match seq.next_element_seed(DupCheck { found: &mut *self.found }) {
                Ok(Some(())) => index += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    if let Some((_, path)) = self.found.as_mut() {
                        path.push(PathSeg::Index(index));
                    }
                    return Err(e);
                }
            }
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // A B-tree, not a hash set: no worst case an attacker can aim for, O(n log n) at most.
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key_seed(KeyText)? {
            if seen.contains(&key) {
                *self.found = Some((key.into_owned(), Vec::new()));
                return Err(serde::de::Error::custom("duplicate key"));
            }
            if let Err(e) = map.next_value_seed(DupCheck { found: &mut *self.found }) {
                if let Some((_, path)) = self.found.as_mut() {
                    path.push(PathSeg::Key(key.into_owned()));
                }
                return Err(e);
            }
            seen.insert(key);
        }
        Ok(())
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct KeyText;

impl<'de> serde::de::DeserializeSeed<'de> for KeyText {
    type Value = std::borrow::Cow<'de, str>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyText {
    type Value = std::borrow::Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_owned()))
    }
}

/// Parses a rubric data file's structure: a syntax error is located by line and column, a wrong
/// field by its path. Through a `Value`, as `rubrics::load_rubric` does, so that the wasm build
/// carries one rubric deserialiser with path tracking, not two (a second one, over the text,
/// would add some 14 KiB brotli to the first load).
pub(crate) fn parse_rubric(text: &str) -> Result<Rubric, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("指标体系文件无法读取:第{}行第{}列:{}", e.line(), e.column(), json_error_text(&e)))?;
    deserialize_located(&value).map_err(|(path, message)| match path {
        Some(path) => format!("指标体系文件无法读取:字段「{}」:{message}", short(&path)),
        None => format!("指标体系文件无法读取:{message}"),
    })
}

/// Significant digits a `Decimal` always holds (some 29-digit numbers fit too); longer numbers
/// would be silently rounded.
const MAX_DECIMAL_DIGITS: usize = 28;

/// The recorded scores are decimals written as strings: a number with more digits than a
/// `Decimal` holds would be rounded without a word, so it is refused with its place.
fn check_recorded_numbers(recorded: &Value) -> Result<(), FileError> {
    let Value::Object(r) = recorded else { return Ok(()) };
    let mut numbers: Vec<(String, &Value)> = Vec::new();
    if let Some(v) = r.get("total") {
        numbers.push(("recorded.total".into(), v));
    }
    for group in ["dimensions", "indicators"] {
        if let Some(Value::Object(m)) = r.get(group) {
            numbers.extend(m.iter().map(|(k, v)| (format!("recorded.{group}.{}", short(k)), v)));
        }
    }
    for (field, v) in numbers {
        // What the Decimal reader would accept, but only by rounding (other texts it refuses
        // itself, with a located message).
        let Value::String(text) = v else { continue };
        let readable = text.parse::<Decimal>().is_ok() || Decimal::from_scientific(text).is_ok();
        if readable && Decimal::from_str_exact(text).is_err() {
            return Err(FileError::at(
                field,
                format!("数字位数过多(最多{MAX_DECIMAL_DIGITS}位有效数字),无法精确读取:「{}」", short(text)),
            ));
        }
    }
    Ok(())
}

/// Puts serde's English error in Chinese terms (keeping the specifics).
fn serde_message(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    if msg.contains("expected a Decimal") {
        return format!("不是有效的数字,应为最多{MAX_DECIMAL_DIGITS}位有效数字的十进制数({})", short(msg));
    }
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
    super::problem::excerpt(s, 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_json_locates_the_wrong_field_in_chinese() {
        let e = read_json::<Assessment>(r#"{"subject":{"start_year":"x"}}"#).unwrap_err();
        assert!(e.starts_with("字段「subject.start_year」:类型错误"), "{e}");
        let e = read_json::<Assessment>(r#"{"subjekt":{}}"#).unwrap_err();
        assert!(e.starts_with("缺少字段") && e.contains("subject"), "{e}");
        let e = read_json::<Assessment>("{").unwrap_err();
        assert!(!e.is_empty());
        assert!(read_json::<Assessment>("{}").unwrap_err().contains("缺少字段"));
        let text = serde_json::to_string(&Assessment::default()).unwrap();
        assert_eq!(read_json::<Assessment>(&text).unwrap(), Assessment::default());
    }
}

//! What is wrong and where, in Chinese: the one shape of every error the engine gives.
//!
//! A [`Problem`] is found inside an input that is still used (an assessment is scored with its
//! problems; an error does not count until corrected, a warning does). A [`Refusal`] is why an
//! input is not taken at all: a file, a draft, a rubric file, an expert's sheet, a typed value.
//! Both are located by a [`Location`], and this module alone turns them into the text users read.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input cannot be used; the item scores 0 until it is fixed.
    Error,
    /// The input is usable but unusual (e.g. a creation period longer than 3 years).
    Warning,
}

/// Where a problem is. Every part is optional; the most specific known parts are filled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// `subject` for the 基本情况 section, `file` for the file as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The field as the user sees it (its Chinese label, with a year or row where relevant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Where in a file, as written there: a JSON path (`subject.start_year`, `rubric.digest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A place named in words where the parts above do not fit: a part of a rubric file
    /// (`指标 4 第 4.1 项`), one of several files (`第2份评分表`, `「li.json」`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl Location {
    pub fn subject(field: &str) -> Location {
        Location { section: Some("subject".into()), field: Some(field.into()), ..Default::default() }
    }
    pub fn file(field: &str) -> Location {
        Location { section: Some("file".into()), field: Some(field.into()), ..Default::default() }
    }
    pub fn item(indicator: u32, item: &str, field: &str) -> Location {
        Location {
            indicator: Some(indicator),
            item: Some(item.into()),
            field: if field.is_empty() { None } else { Some(field.into()) },
            ..Default::default()
        }
    }
    /// A JSON path in a file.
    pub fn path(path: &str) -> Location {
        Location { path: Some(path.into()), ..Default::default() }
    }
    /// A place named in words.
    pub fn place(place: &str) -> Location {
        Location { place: Some(place.into()), ..Default::default() }
    }
    pub fn is_empty(&self) -> bool {
        *self == Location::default()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(place) = &self.place {
            parts.push(place.clone());
        }
        match self.section.as_deref() {
            Some("subject") => parts.push("基本情况".into()),
            Some("file") => parts.push("文件".into()),
            Some("process") => parts.push("创建流程".into()),
            Some(other) => parts.push(other.into()),
            None => {}
        }
        if let Some(n) = self.indicator {
            parts.push(format!("指标{n}"));
        }
        if let Some(item) = &self.item {
            parts.push(format!("第{item}项"));
        }
        if let Some(field) = &self.field {
            parts.push(format!("「{field}」"));
        }
        if let Some(path) = &self.path {
            parts.push(format!("字段「{path}」"));
        }
        write!(f, "{}", parts.join(" "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl Problem {
    pub fn error(location: Location, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, location, message: message.into() }
    }
    pub fn warning(location: Location, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, location, message: message.into() }
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        };
        let loc = self.location.to_string();
        if loc.is_empty() {
            write!(f, "{tag}:{}", self.message)
        } else {
            write!(f, "{tag}:{loc}:{}", self.message)
        }
    }
}

/// Why the engine does not take what it was given, where and what, in Chinese. Its text is what
/// users read: `字段「rubric」:此文件使用的指标体系…未加载…`, or the message alone when the whole
/// input is meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub location: Location,
    pub message: String,
}

impl Refusal {
    /// The input as a whole is refused.
    pub fn new(message: impl Into<String>) -> Refusal {
        Refusal { location: Location::default(), message: message.into() }
    }
    pub fn at(location: Location, message: impl Into<String>) -> Refusal {
        Refusal { location, message: message.into() }
    }
    /// At a JSON path of a file.
    pub fn at_path(path: &str, message: impl Into<String>) -> Refusal {
        Refusal::at(Location::path(path), message)
    }
    /// At a place named in words.
    pub fn at_place(place: &str, message: impl Into<String>) -> Refusal {
        Refusal::at(Location::place(place), message)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}:{}", self.location, self.message)
        }
    }
}

impl std::error::Error for Refusal {}

/// The texts of several refusals, in order (for lists and for tests).
pub fn texts(refusals: Vec<Refusal>) -> Vec<String> {
    refusals.iter().map(Refusal::to_string).collect()
}

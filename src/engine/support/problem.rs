//! Problems found in an assessment: where they are and what is wrong, in Chinese.

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
            section: None,
            indicator: Some(indicator),
            item: Some(item.into()),
            field: if field.is_empty() { None } else { Some(field.into()) },
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
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

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

// ---- Lists of messages: the one cap ------------------------------------------------------------

/// The most messages any one list of the engine holds: an item's problems, a file's problems, the
/// problems of a rubric file, an expert panel's refusals, the files a tool could not read. After
/// these, one more line says how many were left out ([`more_text`]): a list of 100,000 errors
/// helps no one, and building it could freeze the page.
pub const MAX_LISTED: usize = 20;

/// The last line of a capped list: `另有3处错误`, `另有2处提示`, `另有3处错误和2处提示`.
pub fn more_text(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (e, 0) => format!("另有{e}处错误(只列出了前{MAX_LISTED}处;改正以上各处后,其余的会显示出来)"),
        (0, w) => format!("另有{w}处提示(只列出了前{MAX_LISTED}处)"),
        (e, w) => format!("另有{e}处错误和{w}处提示(只列出了前{MAX_LISTED}处;改正以上各处后,其余的会显示出来)"),
    }
}

/// A list of problems that keeps the first [`MAX_LISTED`] and counts the rest, so that collecting
/// stays cheap whatever an input holds; [`ProblemList::finish`] adds the line that counts them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProblemList {
    kept: Vec<Problem>,
    more_errors: usize,
    more_warnings: usize,
}

impl ProblemList {
    pub fn push(&mut self, p: Problem) {
        if self.kept.len() < MAX_LISTED {
            self.kept.push(p);
        } else if p.is_error() {
            self.more_errors += 1;
        } else {
            self.more_warnings += 1;
        }
    }

    /// Pushes the problem `make` gives, or only counts one of this severity once the list is
    /// full (so that what is not listed costs nothing to describe).
    pub fn push_with(&mut self, severity: Severity, make: impl FnOnce() -> Problem) {
        if self.kept.len() < MAX_LISTED {
            self.kept.push(make());
        } else if severity == Severity::Error {
            self.more_errors += 1;
        } else {
            self.more_warnings += 1;
        }
    }

    /// Adds another list's problems: those it kept, as [`ProblemList::push`] would, and those it
    /// only counted.
    pub fn append(&mut self, other: ProblemList) {
        other.kept.into_iter().for_each(|p| self.push(p));
        self.more_errors += other.more_errors;
        self.more_warnings += other.more_warnings;
    }

    /// The problems kept so far (without the line that counts the rest).
    pub fn listed(&self) -> &[Problem] {
        &self.kept
    }

    /// Whether the next problem would only be counted.
    pub fn is_full(&self) -> bool {
        self.kept.len() >= MAX_LISTED
    }

    /// Whether any problem pushed is an error (listed or only counted).
    pub fn has_error(&self) -> bool {
        self.more_errors > 0 || self.kept.iter().any(Problem::is_error)
    }

    /// How many problems were pushed.
    pub fn len(&self) -> usize {
        self.kept.len() + self.more_errors + self.more_warnings
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The problems kept, then (when some were only counted) one problem at `at` that says how many
    /// more there are: an error when any of them is one.
    pub fn finish(self, at: Location) -> Vec<Problem> {
        let mut out = self.kept;
        if self.more_errors + self.more_warnings > 0 {
            let message = more_text(self.more_errors, self.more_warnings);
            out.push(if self.more_errors > 0 { Problem::error(at, message) } else { Problem::warning(at, message) });
        }
        out
    }
}

/// A list of problems capped at [`MAX_LISTED`], with the line that counts the rest at `at`.
pub fn cap_problems(problems: impl IntoIterator<Item = Problem>, at: Location) -> Vec<Problem> {
    let mut list = ProblemList::default();
    problems.into_iter().for_each(|p| list.push(p));
    list.finish(at)
}

/// A list of refusals capped at [`MAX_LISTED`], with one last refusal that counts the rest.
pub fn cap_refusals(refusals: impl IntoIterator<Item = Refusal>) -> Vec<Refusal> {
    let mut out = Vec::new();
    let mut more = 0;
    for r in refusals {
        if out.len() < MAX_LISTED {
            out.push(r);
        } else {
            more += 1;
        }
    }
    if more > 0 {
        out.push(Refusal::new(more_text(more, 0)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_the_first_and_count_the_rest() {
        let at = Location::file("inputs");
        let errors = (0..MAX_LISTED + 5).map(|i| Problem::error(Location::default(), format!("e{i}")));
        let capped = cap_problems(errors, at.clone());
        assert_eq!(capped.len(), MAX_LISTED + 1);
        assert_eq!(capped[MAX_LISTED - 1].message, format!("e{}", MAX_LISTED - 1));
        let last = &capped[MAX_LISTED];
        assert!(last.is_error() && last.location == at);
        assert!(last.message.starts_with("另有5处错误"), "{last}");
        // Exactly the cap: nothing is counted.
        assert_eq!(cap_problems((0..MAX_LISTED).map(|_| Problem::warning(at.clone(), "w")), at.clone()).len(), MAX_LISTED);
        // Warnings only, then a mix.
        let mut list = ProblemList::default();
        (0..MAX_LISTED + 2).for_each(|_| list.push(Problem::warning(at.clone(), "w")));
        assert!(!list.has_error());
        list.push(Problem::error(at.clone(), "e"));
        assert!(list.has_error(), "an error only counted still counts");
        assert_eq!(list.len(), MAX_LISTED + 3);
        let last = list.finish(at.clone()).pop().unwrap();
        assert!(last.is_error() && last.message.starts_with("另有1处错误和2处提示"), "{last}");
        let refusals = cap_refusals((0..100).map(|i| Refusal::new(format!("r{i}"))));
        assert_eq!(refusals.len(), MAX_LISTED + 1);
        assert!(refusals[MAX_LISTED].message.starts_with(&format!("另有{}处错误", 100 - MAX_LISTED)));
        assert_eq!(cap_refusals(vec![Refusal::new("x")]).len(), 1);
    }
}

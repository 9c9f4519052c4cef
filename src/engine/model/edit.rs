//! Edits as data: every change a user makes to an open assessment is an [`Edit`] value, and
//! [`apply`] is the one place that changes an assessment. The app's views dispatch edits (they
//! never mutate the assessment themselves), the owner of the open draft applies them and saves;
//! tests replay them.
//!
//! Everything typed stays a string as typed (`"12.50"`, `"2025-5-5"`): checking it is the scoring
//! and the timeline's job, never the edit's. An edit that cannot be applied (a list row or a review
//! layer that is not there) is an [`EditError`], never a panic, and changes nothing.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, Entry, ItemInput, SubjectKind};
use super::evidence::{Evidence, FileFingerprint};
use super::process::{Attempt, EligibilityCondition, EventKind, ManagementEvent, Measure, Stage, StageRecord};
use super::review::{Method, Review, ReviewRole, Reviewer};
use crate::engine::json::read::read_json;
use crate::engine::support::text::short_file_text;

/// One change to an assessment. In JSON, a list of texts: its name and its parts
/// (`["set_value","4.1","score","3"]`; see `impl From<Edit> for Vec<String>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Vec<String>", try_from = "Vec<String>")]
pub enum Edit {
    // ---- 基本情况 (the subject)
    /// 创建对象名称.
    SetSubjectName {
        name: String,
    },
    /// 创建对象类型 (第五条); `None`: not chosen.
    SetSubjectKind {
        kind: Option<SubjectKind>,
    },
    /// 所在省份 (the rubric's short name, or what a file carried).
    SetProvince {
        province: String,
    },
    /// 创建期起始年份.
    SetStartYear {
        year: Option<i32>,
    },
    /// 创建期年数.
    SetYears {
        years: Option<u32>,
    },

    // ---- A sub-item's inputs (by item id, e.g. `4.1`, `3b`)
    /// A named value as typed (a rate, a count, a judged `score`); empty removes it.
    SetValue {
        item: String,
        key: String,
        value: String,
    },
    /// A year's amount of a series as typed; empty removes it.
    SetYearValue {
        item: String,
        series: String,
        year: i32,
        value: String,
    },
    /// A yes/no answer; `None`: not answered.
    SetFlag {
        item: String,
        key: String,
        value: Option<bool>,
    },
    /// 自评依据及佐证材料.
    SetBasis {
        item: String,
        text: String,
    },
    /// A new, empty list row (an entity, a practice) at the end.
    AddRow {
        item: String,
    },
    /// A text of list row `row` (0-based).
    SetRowText {
        item: String,
        row: usize,
        field: RowField,
        value: String,
    },
    /// Whether practice `row` is accepted (已认定).
    SetRowAccepted {
        item: String,
        row: usize,
        accepted: bool,
    },
    /// Removes list row `row`; the rows after it move up.
    RemoveRow {
        item: String,
        row: usize,
    },
    /// A new, empty evidence entry (佐证材料) at the end of the sub-item's list.
    AddEvidence {
        item: String,
    },
    /// A text of evidence entry `row` (0-based).
    SetEvidenceText {
        item: String,
        row: usize,
        field: EvidenceField,
        value: String,
    },
    /// The fingerprint of the file attached to evidence entry `row`; `None` detaches it.
    SetEvidenceFile {
        item: String,
        row: usize,
        file: Option<FileFingerprint>,
    },
    /// 已核对: whether a reviewer has checked evidence entry `row`.
    SetEvidenceChecked {
        item: String,
        row: usize,
        checked: bool,
    },
    /// Removes evidence entry `row`; the entries after it move up (and are renumbered).
    RemoveEvidence {
        item: String,
        row: usize,
    },

    // ---- The creation process (第五条–第十七条, 第二十二条)
    /// A stage's date, document or note as typed.
    SetStageText {
        stage: Stage,
        field: StageField,
        value: String,
    },
    /// The answer to a condition of 第六条; `None`: not judged.
    SetConditionMet {
        condition: EligibilityCondition,
        met: Option<bool>,
    },
    /// The basis of a condition of 第六条.
    SetConditionBasis {
        condition: EligibilityCondition,
        text: String,
    },
    /// A new, empty evaluation result (第十七条) at the end.
    AddAttempt,
    /// An evaluation result's date or note as typed.
    SetAttemptText {
        attempt: usize,
        field: AttemptField,
        value: String,
    },
    /// An evaluation result: passed, failed, `None` not known yet.
    SetAttemptResult {
        attempt: usize,
        passed: Option<bool>,
    },
    RemoveAttempt {
        attempt: usize,
    },
    /// A new, empty dynamic-management record (第二十二条) at the end.
    AddEvent,
    /// A dynamic-management record's date, document or note as typed.
    SetEventText {
        event: usize,
        field: EventField,
        value: String,
    },
    SetEventKind {
        event: usize,
        kind: Option<EventKind>,
    },
    SetEventMeasure {
        event: usize,
        measure: Option<Measure>,
    },
    RemoveEvent {
        event: usize,
    },

    // ---- Review layers (第十三条, 第十四条), by position in `reviews`
    /// Starts a reviewer's layer, or continues theirs: a layer of the same role by the same
    /// reviewer (name and unit, trimmed; a reviewer without a name always starts a new one) is
    /// kept as it is. See [`review_of`] for its position.
    StartReview {
        role: ReviewRole,
        reviewer: Reviewer,
        at: String,
    },
    /// The reviewer's name or unit, the date or the overall opinion, as typed.
    SetReviewText {
        review: usize,
        field: ReviewField,
        value: String,
    },
    /// A reviewer's score of a sub-item as typed.
    SetReviewScore {
        review: usize,
        item: String,
        score: String,
    },
    SetReviewComment {
        review: usize,
        item: String,
        comment: String,
    },
    SetReviewMethod {
        review: usize,
        item: String,
        method: Option<Method>,
    },

    // ---- The whole assessment
    /// Moves the assessment to another version of the 《管理办法》 (`model::banfa`), by its id;
    /// `None`: the 2025-10-29 征求意见稿, as an assessment that records none. The user confirms it
    /// after seeing what changes (`process::banfa_move`).
    SetBanfa {
        banfa: Option<String>,
    },
    /// Replaces everything: a file opened into an existing draft, a move to another rubric
    /// version (computed by `score::migrate` and confirmed by the user).
    Replace {
        assessment: Box<Assessment>,
    },
}

/// The texts of a list row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowField {
    Name,
    Year,
    Amount,
    Category,
    Note,
}

/// The texts of an evidence entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceField {
    Title,
    Source,
    Date,
    Pages,
}

/// The texts of a stage record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageField {
    Date,
    Document,
    Note,
}

/// The texts of an evaluation result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptField {
    Date,
    Note,
}

/// The texts of a dynamic-management record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventField {
    Date,
    Document,
    Note,
}

/// The texts of a review layer as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewField {
    ReviewerName,
    ReviewerUnit,
    /// 评审日期 as typed.
    Date,
    /// 初审意见 / 评估意见.
    Opinion,
}

/// The text fields of a type as an enum: `of` reads one as typed, `of_mut` is where `apply`
/// writes it; `id` is its name in JSON (as serde writes it), `from_id` reads that name.
macro_rules! text_fields {
    ($field:ident of $t:ty { $($variant:ident $id:literal => $($path:ident).+),+ $(,)? }) => {
        impl $field {
            /// This text, as typed.
            pub fn of(self, x: &$t) -> &str {
                match self {
                    $($field::$variant => &x.$($path).+),+
                }
            }

            fn of_mut(self, x: &mut $t) -> &mut String {
                match self {
                    $($field::$variant => &mut x.$($path).+),+
                }
            }

            pub fn id(self) -> &'static str {
                match self {
                    $($field::$variant => $id),+
                }
            }

            pub fn from_id(id: &str) -> Option<$field> {
                match id {
                    $($id => Some($field::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

text_fields!(RowField of Entry {
    Name "name" => name,
    Year "year" => year,
    Amount "amount" => amount,
    Category "category" => category,
    Note "note" => note,
});
text_fields!(EvidenceField of Evidence { Title "title" => title, Source "source" => source, Date "date" => date, Pages "pages" => pages });
text_fields!(StageField of StageRecord { Date "date" => date, Document "document" => document, Note "note" => note });
text_fields!(AttemptField of Attempt { Date "date" => date, Note "note" => note });
text_fields!(EventField of ManagementEvent { Date "date" => date, Document "document" => document, Note "note" => note });
text_fields!(ReviewField of Review {
    ReviewerName "reviewer_name" => reviewer.name,
    ReviewerUnit "reviewer_unit" => reviewer.unit,
    Date "date" => at,
    Opinion "opinion" => opinion,
});

// ---- In JSON

/// An edit in JSON is an array of texts: its name, then its parts in the order of the variant's
/// fields, every part a text (`["set_value","4.1","score","3"]`, `["add_attempt"]`). A part that
/// is `None` is `""` (not chosen, not answered), a yes/no is `"yes"` or `"no"`, a choice is its id
/// (`"notice"`, `"date"`), a position is its number (`"2"`), a reviewer is two parts (name,
/// unit), and the assessment of `replace` is its own JSON text.
///
/// One shape for every edit keeps the reader small: serde's reader of an enum of structs weighed
/// 33 KB in the wasm module, with a reader per kind of edit; a list of texts has one reader.
impl From<Edit> for Vec<String> {
    fn from(edit: Edit) -> Vec<String> {
        let yes_no = |v: Option<bool>| match v {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => String::new(),
        };
        let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
        let (name, parts): (&str, Vec<String>) = match edit {
            Edit::SetSubjectName { name } => ("set_subject_name", vec![name]),
            Edit::SetSubjectKind { kind } => ("set_subject_kind", vec![opt(kind.map(SubjectKind::id))]),
            Edit::SetProvince { province } => ("set_province", vec![province]),
            Edit::SetStartYear { year } => ("set_start_year", vec![year.map(|y| y.to_string()).unwrap_or_default()]),
            Edit::SetYears { years } => ("set_years", vec![years.map(|y| y.to_string()).unwrap_or_default()]),
            Edit::SetValue { item, key, value } => ("set_value", vec![item, key, value]),
            Edit::SetYearValue { item, series, year, value } => {
                ("set_year_value", vec![item, series, year.to_string(), value])
            }
            Edit::SetFlag { item, key, value } => ("set_flag", vec![item, key, yes_no(value)]),
            Edit::SetBasis { item, text } => ("set_basis", vec![item, text]),
            Edit::AddRow { item } => ("add_row", vec![item]),
            Edit::SetRowText { item, row, field, value } => {
                ("set_row_text", vec![item, row.to_string(), field.id().into(), value])
            }
            Edit::SetRowAccepted { item, row, accepted } => {
                ("set_row_accepted", vec![item, row.to_string(), yes_no(Some(accepted))])
            }
            Edit::RemoveRow { item, row } => ("remove_row", vec![item, row.to_string()]),
            Edit::AddEvidence { item } => ("add_evidence", vec![item]),
            Edit::SetEvidenceText { item, row, field, value } => {
                ("set_evidence_text", vec![item, row.to_string(), field.id().into(), value])
            }
            Edit::SetEvidenceFile { item, row, file } => {
                let (name, size, sha256) = match file {
                    Some(f) => (f.name, f.size.to_string(), f.sha256),
                    None => Default::default(),
                };
                ("set_evidence_file", vec![item, row.to_string(), name, size, sha256])
            }
            Edit::SetEvidenceChecked { item, row, checked } => {
                ("set_evidence_checked", vec![item, row.to_string(), yes_no(Some(checked))])
            }
            Edit::RemoveEvidence { item, row } => ("remove_evidence", vec![item, row.to_string()]),
            Edit::SetStageText { stage, field, value } => {
                ("set_stage_text", vec![stage.id().into(), field.id().into(), value])
            }
            Edit::SetConditionMet { condition, met } => ("set_condition_met", vec![condition.id().into(), yes_no(met)]),
            Edit::SetConditionBasis { condition, text } => ("set_condition_basis", vec![condition.id().into(), text]),
            Edit::AddAttempt => ("add_attempt", vec![]),
            Edit::SetAttemptText { attempt, field, value } => {
                ("set_attempt_text", vec![attempt.to_string(), field.id().into(), value])
            }
            Edit::SetAttemptResult { attempt, passed } => {
                ("set_attempt_result", vec![attempt.to_string(), yes_no(passed)])
            }
            Edit::RemoveAttempt { attempt } => ("remove_attempt", vec![attempt.to_string()]),
            Edit::AddEvent => ("add_event", vec![]),
            Edit::SetEventText { event, field, value } => {
                ("set_event_text", vec![event.to_string(), field.id().into(), value])
            }
            Edit::SetEventKind { event, kind } => {
                ("set_event_kind", vec![event.to_string(), opt(kind.map(EventKind::id))])
            }
            Edit::SetEventMeasure { event, measure } => {
                ("set_event_measure", vec![event.to_string(), opt(measure.map(Measure::id))])
            }
            Edit::RemoveEvent { event } => ("remove_event", vec![event.to_string()]),
            Edit::StartReview { role, reviewer, at } => {
                ("start_review", vec![role.id().into(), reviewer.name, reviewer.unit, at])
            }
            Edit::SetReviewText { review, field, value } => {
                ("set_review_text", vec![review.to_string(), field.id().into(), value])
            }
            Edit::SetReviewScore { review, item, score } => ("set_review_score", vec![review.to_string(), item, score]),
            Edit::SetReviewComment { review, item, comment } => {
                ("set_review_comment", vec![review.to_string(), item, comment])
            }
            Edit::SetReviewMethod { review, item, method } => {
                ("set_review_method", vec![review.to_string(), item, opt(method.map(Method::id))])
            }
            Edit::SetBanfa { banfa } => ("set_banfa", vec![banfa.unwrap_or_default()]),
            Edit::Replace { assessment } => ("replace", vec![serde_json::to_string(&assessment).unwrap_or_default()]),
        };
        std::iter::once(name.to_string()).chain(parts).collect()
    }
}

/// The parts of an edit in JSON, read one after the other (`None`: missing or not what it
/// should be; the whole edit is then refused with one message).
struct Parts(std::vec::IntoIter<String>);

impl Parts {
    fn text(&mut self) -> Option<String> {
        self.0.next()
    }

    /// A part read by `read`.
    fn one<T>(&mut self, read: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        read(&self.0.next()?)
    }

    /// A part that may be `""` (none).
    fn opt<T>(&mut self, read: impl FnOnce(&str) -> Option<T>) -> Option<Option<T>> {
        self.one(|t| if t.is_empty() { Some(None) } else { read(t).map(Some) })
    }

    fn index(&mut self) -> Option<usize> {
        self.one(|t| t.parse().ok())
    }

    fn yes_no(&mut self) -> Option<Option<bool>> {
        self.opt(|t| match t {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        })
    }
}

impl TryFrom<Vec<String>> for Edit {
    type Error = String;

    fn try_from(list: Vec<String>) -> Result<Edit, String> {
        let text = format!("{list:?}");
        edit_of(list).ok_or_else(|| format!("无法读取的修改:{}", short_file_text(&text)))
    }
}

/// The edit a list of texts writes (see `impl From<Edit> for Vec<String>`), if it is one.
fn edit_of(list: Vec<String>) -> Option<Edit> {
    let mut p = Parts(list.into_iter());
    let stage = |id: &str| Stage::from_id(id);
    let condition = |id: &str| EligibilityCondition::ALL.into_iter().find(|c| c.id() == id);
    let edit = match p.text()?.as_str() {
        "set_subject_name" => Edit::SetSubjectName { name: p.text()? },
        "set_subject_kind" => Edit::SetSubjectKind { kind: p.opt(SubjectKind::from_id)? },
        "set_province" => Edit::SetProvince { province: p.text()? },
        "set_start_year" => Edit::SetStartYear { year: p.opt(|t| t.parse().ok())? },
        "set_years" => Edit::SetYears { years: p.opt(|t| t.parse().ok())? },
        "set_value" => Edit::SetValue { item: p.text()?, key: p.text()?, value: p.text()? },
        "set_year_value" => Edit::SetYearValue {
            item: p.text()?,
            series: p.text()?,
            year: p.one(|t| t.parse().ok())?,
            value: p.text()?,
        },
        "set_flag" => Edit::SetFlag { item: p.text()?, key: p.text()?, value: p.yes_no()? },
        "set_basis" => Edit::SetBasis { item: p.text()?, text: p.text()? },
        "add_row" => Edit::AddRow { item: p.text()? },
        "set_row_text" => {
            Edit::SetRowText { item: p.text()?, row: p.index()?, field: p.one(RowField::from_id)?, value: p.text()? }
        }
        "set_row_accepted" => Edit::SetRowAccepted {
            item: p.text()?,
            row: p.index()?,
            accepted: p.one(|t| (t == "yes" || t == "no").then_some(t == "yes"))?,
        },
        "remove_row" => Edit::RemoveRow { item: p.text()?, row: p.index()? },
        "add_evidence" => Edit::AddEvidence { item: p.text()? },
        "set_evidence_text" => Edit::SetEvidenceText {
            item: p.text()?,
            row: p.index()?,
            field: p.one(EvidenceField::from_id)?,
            value: p.text()?,
        },
        "set_evidence_file" => {
            let (item, row, name, size, sha256) = (p.text()?, p.index()?, p.text()?, p.text()?, p.text()?);
            let file = if name.is_empty() && size.is_empty() && sha256.is_empty() {
                None
            } else {
                Some(FileFingerprint { name, size: size.parse().ok()?, sha256 })
            };
            Edit::SetEvidenceFile { item, row, file }
        }
        "set_evidence_checked" => Edit::SetEvidenceChecked {
            item: p.text()?,
            row: p.index()?,
            checked: p.one(|t| (t == "yes" || t == "no").then_some(t == "yes"))?,
        },
        "remove_evidence" => Edit::RemoveEvidence { item: p.text()?, row: p.index()? },
        "set_stage_text" => {
            Edit::SetStageText { stage: p.one(stage)?, field: p.one(StageField::from_id)?, value: p.text()? }
        }
        "set_condition_met" => Edit::SetConditionMet { condition: p.one(condition)?, met: p.yes_no()? },
        "set_condition_basis" => Edit::SetConditionBasis { condition: p.one(condition)?, text: p.text()? },
        "add_attempt" => Edit::AddAttempt,
        "set_attempt_text" => {
            Edit::SetAttemptText { attempt: p.index()?, field: p.one(AttemptField::from_id)?, value: p.text()? }
        }
        "set_attempt_result" => Edit::SetAttemptResult { attempt: p.index()?, passed: p.yes_no()? },
        "remove_attempt" => Edit::RemoveAttempt { attempt: p.index()? },
        "add_event" => Edit::AddEvent,
        "set_event_text" => {
            Edit::SetEventText { event: p.index()?, field: p.one(EventField::from_id)?, value: p.text()? }
        }
        "set_event_kind" => {
            Edit::SetEventKind { event: p.index()?, kind: p.opt(|t| EventKind::ALL.into_iter().find(|k| k.id() == t))? }
        }
        "set_event_measure" => Edit::SetEventMeasure {
            event: p.index()?,
            measure: p.opt(|t| Measure::ALL.into_iter().find(|m| m.id() == t))?,
        },
        "remove_event" => Edit::RemoveEvent { event: p.index()? },
        "start_review" => Edit::StartReview {
            role: p.one(ReviewRole::from_id)?,
            reviewer: Reviewer { name: p.text()?, unit: p.text()? },
            at: p.text()?,
        },
        "set_review_text" => {
            Edit::SetReviewText { review: p.index()?, field: p.one(ReviewField::from_id)?, value: p.text()? }
        }
        "set_review_score" => Edit::SetReviewScore { review: p.index()?, item: p.text()?, score: p.text()? },
        "set_review_comment" => Edit::SetReviewComment { review: p.index()?, item: p.text()?, comment: p.text()? },
        "set_review_method" => {
            Edit::SetReviewMethod { review: p.index()?, item: p.text()?, method: p.opt(Method::from_id)? }
        }
        "set_banfa" => Edit::SetBanfa { banfa: Some(p.text()?).filter(|t| !t.is_empty()) },
        "replace" => Edit::Replace { assessment: Box::new(read_json(&p.text()?).ok()?) },
        _ => return None,
    };
    // Nothing after the parts the edit has.
    p.text().is_none().then_some(edit)
}

/// Why an edit cannot be applied: what it points at is not there (e.g. a row removed in the
/// meantime). The assessment is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// List row `row` (0-based) of sub-item `item`, which has `len` rows.
    NoRow { item: String, row: usize, len: usize },
    /// Evidence entry `row` (0-based) of sub-item `item`, which has `len` entries.
    NoEvidence { item: String, row: usize, len: usize },
    /// Evaluation result `index` (0-based) of `len`.
    NoAttempt { index: usize, len: usize },
    /// Dynamic-management record `index` (0-based) of `len`.
    NoEvent { index: usize, len: usize },
    /// Review layer `index` (0-based) of `len`.
    NoReview { index: usize, len: usize },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoRow { item, row, len } => {
                write!(f, "第{item}项没有第{}行(共{len}行),修改未执行", row + 1)
            }
            EditError::NoEvidence { item, row, len } => {
                write!(f, "第{item}项没有第{}条佐证材料(共{len}条),修改未执行", row + 1)
            }
            EditError::NoAttempt { index, len } => {
                write!(f, "没有第{}条评估结果(共{len}条),修改未执行", index + 1)
            }
            EditError::NoEvent { index, len } => {
                write!(f, "没有第{}条动态管理记录(共{len}条),修改未执行", index + 1)
            }
            EditError::NoReview { index, len } => {
                write!(f, "没有第{}份评审(共{len}份),修改未执行", index + 1)
            }
        }
    }
}

impl std::error::Error for EditError {}

/// Applies `edit` to `a`. Returns whether `a` changed (an edit that sets what is already there
/// changes nothing), or why it cannot be applied (then `a` is unchanged).
pub fn apply(a: &mut Assessment, edit: &Edit) -> Result<bool, EditError> {
    match edit {
        Edit::SetSubjectName { name } => Ok(replace(&mut a.subject.name, name.clone())),
        Edit::SetSubjectKind { kind } => Ok(replace(&mut a.subject.kind, *kind)),
        Edit::SetProvince { province } => Ok(replace(&mut a.subject.province, province.clone())),
        Edit::SetStartYear { year } => Ok(replace(&mut a.subject.start_year, *year)),
        Edit::SetYears { years } => Ok(replace(&mut a.subject.years, *years)),

        Edit::SetValue { item, key, value } => input(a, item, &mut |i| Ok(set_or_remove(&mut i.values, key, value))),
        Edit::SetYearValue { item, series, year, value } => input(a, item, &mut |i| {
            let had = i.years.contains_key(series);
            let s = i.years.entry(series.clone()).or_default();
            let changed = set_or_remove(s, &year.to_string(), value);
            if !s.is_empty() {
                return Ok(changed);
            }
            i.years.remove(series);
            Ok(changed || had)
        }),
        Edit::SetFlag { item, key, value } => input(a, item, &mut |i| {
            Ok(match value {
                Some(b) => i.flags.insert(key.clone(), *b) != Some(*b),
                None => i.flags.remove(key).is_some(),
            })
        }),
        Edit::SetBasis { item, text } => input(a, item, &mut |i| Ok(replace(&mut i.basis, text.clone()))),
        Edit::AddRow { item } => input(a, item, &mut |i| {
            i.entries.push(Entry::default());
            Ok(true)
        }),
        Edit::SetRowText { item, row, field, value } => {
            input(a, item, &mut |i| Ok(replace(field.of_mut(row_mut(i, item, *row)?), value.clone())))
        }
        Edit::SetRowAccepted { item, row, accepted } => {
            input(a, item, &mut |i| Ok(replace(&mut row_mut(i, item, *row)?.accepted, *accepted)))
        }
        Edit::RemoveRow { item, row } => input(a, item, &mut |i| {
            row_mut(i, item, *row)?;
            i.entries.remove(*row);
            Ok(true)
        }),
        Edit::AddEvidence { item } => input(a, item, &mut |i| {
            i.evidence.push(Evidence::default());
            Ok(true)
        }),
        Edit::SetEvidenceText { item, row, field, value } => {
            input(a, item, &mut |i| Ok(replace(field.of_mut(evidence_mut(i, item, *row)?), value.clone())))
        }
        Edit::SetEvidenceFile { item, row, file } => {
            input(a, item, &mut |i| Ok(replace(&mut evidence_mut(i, item, *row)?.file, file.clone())))
        }
        Edit::SetEvidenceChecked { item, row, checked } => {
            input(a, item, &mut |i| Ok(replace(&mut evidence_mut(i, item, *row)?.checked, *checked)))
        }
        Edit::RemoveEvidence { item, row } => input(a, item, &mut |i| {
            evidence_mut(i, item, *row)?;
            i.evidence.remove(*row);
            Ok(true)
        }),

        Edit::SetStageText { stage, field, value } => {
            if value.is_empty() && a.process.record(*stage).is_none() {
                // Nothing recorded and nothing typed: no blank record is made.
                return Ok(false);
            }
            Ok(replace(field.of_mut(a.process.record_mut(*stage)), value.clone()))
        }
        Edit::SetConditionMet { condition, met } => {
            Ok(replace(&mut a.process.eligibility.answer_mut(*condition).met, *met))
        }
        Edit::SetConditionBasis { condition, text } => {
            Ok(replace(&mut a.process.eligibility.answer_mut(*condition).basis, text.clone()))
        }
        Edit::AddAttempt => {
            a.process.attempts.push(Default::default());
            Ok(true)
        }
        Edit::SetAttemptText { attempt, field, value } => {
            in_list(&mut a.process.attempts, *attempt, no_attempt, |x| replace(field.of_mut(x), value.clone()))
        }
        Edit::SetAttemptResult { attempt, passed } => {
            in_list(&mut a.process.attempts, *attempt, no_attempt, |x| replace(&mut x.passed, *passed))
        }
        Edit::RemoveAttempt { attempt } => remove_at(&mut a.process.attempts, *attempt, no_attempt),
        Edit::AddEvent => {
            a.process.events.push(Default::default());
            Ok(true)
        }
        Edit::SetEventText { event, field, value } => {
            in_list(&mut a.process.events, *event, no_event, |x| replace(field.of_mut(x), value.clone()))
        }
        Edit::SetEventKind { event, kind } => {
            in_list(&mut a.process.events, *event, no_event, |x| replace(&mut x.kind, *kind))
        }
        Edit::SetEventMeasure { event, measure } => {
            in_list(&mut a.process.events, *event, no_event, |x| replace(&mut x.measure, *measure))
        }
        Edit::RemoveEvent { event } => remove_at(&mut a.process.events, *event, no_event),

        Edit::StartReview { role, reviewer, at } => {
            if review_of(a, *role, reviewer).is_some() {
                return Ok(false);
            }
            let (name, unit) = reviewer.key();
            a.reviews.push(Review::new(*role, Reviewer { name, unit }, at.trim()));
            Ok(true)
        }
        Edit::SetReviewText { review, field, value } => {
            in_review(a, *review, &mut |r| *field.of_mut(r) = value.clone())
        }
        Edit::SetReviewScore { review, item, score } => {
            in_review(a, *review, &mut |r| r.item_mut(item).score = score.clone())
        }
        Edit::SetReviewComment { review, item, comment } => {
            in_review(a, *review, &mut |r| r.item_mut(item).comment = comment.clone())
        }
        Edit::SetReviewMethod { review, item, method } => {
            in_review(a, *review, &mut |r| r.item_mut(item).method = *method)
        }

        Edit::SetBanfa { banfa } => Ok(replace(&mut a.banfa, banfa.clone())),
        Edit::Replace { assessment } => Ok(replace(a, (**assessment).clone())),
    }
}

/// The position of the layer [`Edit::StartReview`] continues for this role and reviewer: the
/// latest of that role by the same reviewer (name and unit, trimmed), when the name is not blank.
pub fn review_of(a: &Assessment, role: ReviewRole, reviewer: &Reviewer) -> Option<usize> {
    let key = reviewer.key();
    if key.0.is_empty() {
        return None;
    }
    a.reviews.iter().rposition(|r| r.role == role && r.reviewer.key() == key)
}

/// Puts `new` in `slot`; whether that changed it.
fn replace<T: PartialEq>(slot: &mut T, new: T) -> bool {
    if *slot == new {
        return false;
    }
    *slot = new;
    true
}

/// Sets `key` to `value`, or removes it when `value` is empty (an input cleared is not kept).
/// Whether that changed it.
fn set_or_remove(map: &mut std::collections::BTreeMap<String, String>, key: &str, value: &str) -> bool {
    if value.is_empty() {
        map.remove(key).is_some()
    } else if map.get(key).is_some_and(|v| v == value) {
        false
    } else {
        map.insert(key.to_string(), value.to_string());
        true
    }
}

/// Runs `f` on the input of `item` (created empty when missing; `f` says whether it changed it
/// and changes nothing when it fails). An input left empty is dropped. Whether the assessment
/// changed. (`dyn`: one copy of this code for every kind of edit, in each wasm module.)
fn input(
    a: &mut Assessment,
    item: &str,
    f: &mut dyn FnMut(&mut ItemInput) -> Result<bool, EditError>,
) -> Result<bool, EditError> {
    let had = a.inputs.contains_key(item);
    let i = a.inputs.entry(item.to_string()).or_default();
    let result = f(i);
    let empty = *i == ItemInput::default();
    if result.is_err() && had {
        return result;
    }
    if empty || result.is_err() {
        // An empty input (also one made here for an edit that failed) is not kept.
        a.inputs.remove(item);
        return result.map(|changed| changed || had);
    }
    result
}

fn row_mut<'a>(i: &'a mut ItemInput, item: &str, row: usize) -> Result<&'a mut Entry, EditError> {
    let len = i.entries.len();
    i.entries.get_mut(row).ok_or_else(|| EditError::NoRow { item: item.to_string(), row, len })
}

fn evidence_mut<'a>(i: &'a mut ItemInput, item: &str, row: usize) -> Result<&'a mut Evidence, EditError> {
    let len = i.evidence.len();
    i.evidence.get_mut(row).ok_or_else(|| EditError::NoEvidence { item: item.to_string(), row, len })
}

/// Runs `f` on element `index` of a list (it says whether it changed it), or the error
/// `missing(index, len)`.
fn in_list<T>(
    list: &mut [T],
    index: usize,
    missing: fn(usize, usize) -> EditError,
    f: impl FnOnce(&mut T) -> bool,
) -> Result<bool, EditError> {
    let len = list.len();
    list.get_mut(index).map(f).ok_or(missing(index, len))
}

/// Removes element `index` of a list, or the error `missing(index, len)`.
fn remove_at<T>(list: &mut Vec<T>, index: usize, missing: fn(usize, usize) -> EditError) -> Result<bool, EditError> {
    if index >= list.len() {
        return Err(missing(index, list.len()));
    }
    list.remove(index);
    Ok(true)
}

fn no_attempt(index: usize, len: usize) -> EditError {
    EditError::NoAttempt { index, len }
}

fn no_event(index: usize, len: usize) -> EditError {
    EditError::NoEvent { index, len }
}

/// Runs `f` on review layer `index`, then drops its empty item reviews; whether the layer changed.
fn in_review(a: &mut Assessment, index: usize, f: &mut dyn FnMut(&mut Review)) -> Result<bool, EditError> {
    let len = a.reviews.len();
    let r = a.reviews.get_mut(index).ok_or(EditError::NoReview { index, len })?;
    let before = r.clone();
    f(r);
    r.prune();
    Ok(*r != before)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::engine::json::read::read_json;
    use crate::engine::model::fixtures::hangzhou;

    fn s(x: &str) -> String {
        x.to_string()
    }

    fn applied(a: &mut Assessment, e: Edit) -> bool {
        apply(a, &e).unwrap()
    }

    #[test]
    fn subject_fields() {
        let mut a = Assessment::default();
        assert!(applied(&mut a, Edit::SetSubjectName { name: s(" 杭州市 ") }));
        assert!(applied(&mut a, Edit::SetSubjectKind { kind: Some(SubjectKind::PrefectureCity) }));
        assert!(applied(&mut a, Edit::SetProvince { province: s("浙江") }));
        assert!(applied(&mut a, Edit::SetStartYear { year: Some(2022) }));
        assert!(applied(&mut a, Edit::SetYears { years: Some(3) }));
        assert_eq!(a.subject.name, " 杭州市 ", "kept as typed");
        assert_eq!(a.subject.kind, Some(SubjectKind::PrefectureCity));
        assert_eq!((a.subject.province.as_str(), a.subject.start_year, a.subject.years), ("浙江", Some(2022), Some(3)));
        assert!(!applied(&mut a, Edit::SetYears { years: Some(3) }), "the same value changes nothing");
        assert!(applied(&mut a, Edit::SetSubjectKind { kind: None }));
        assert_eq!(a.subject.kind, None);
    }

    #[test]
    fn values_stay_as_typed_and_an_emptied_input_is_dropped() {
        let mut a = Assessment::default();
        assert!(applied(&mut a, Edit::SetValue { item: s("4.1"), key: s("score"), value: s(" 1.50 ") }));
        assert_eq!(a.input("4.1").unwrap().values["score"], " 1.50 ");
        assert!(!applied(&mut a, Edit::SetValue { item: s("4.1"), key: s("score"), value: s(" 1.50 ") }));
        assert!(applied(&mut a, Edit::SetValue { item: s("4.1"), key: s("score"), value: String::new() }));
        assert!(a.input("4.1").is_none(), "an input with nothing left is not kept");
        assert!(!applied(&mut a, Edit::SetValue { item: s("9.9"), key: s("x"), value: String::new() }));
        assert!(a.inputs.is_empty(), "clearing what is not there makes no empty input");
    }

    #[test]
    fn year_values_flags_and_basis() {
        let mut a = Assessment::default();
        let year = |v: &str| Edit::SetYearValue { item: s("1.1"), series: s("local"), year: 2023, value: s(v) };
        assert!(applied(&mut a, year("1,234.5")));
        assert_eq!(a.input("1.1").unwrap().years["local"]["2023"], "1,234.5");
        assert!(applied(&mut a, year("")));
        assert!(a.input("1.1").is_none(), "an emptied series and input go");

        let flag = |v| Edit::SetFlag { item: s("5.1"), key: s("policy"), value: v };
        assert!(applied(&mut a, flag(Some(false))));
        assert!(!a.input("5.1").unwrap().flags["policy"]);
        assert!(!applied(&mut a, flag(Some(false))));
        assert!(applied(&mut a, flag(None)));
        assert!(a.input("5.1").is_none());

        assert!(applied(&mut a, Edit::SetBasis { item: s("5.1"), text: s("《方案》第3页") }));
        assert_eq!(a.input("5.1").unwrap().basis, "《方案》第3页");
    }

    #[test]
    fn list_rows_added_changed_and_removed() {
        let mut a = Assessment::default();
        let item = || s("3b");
        assert!(applied(&mut a, Edit::AddRow { item: item() }));
        assert!(applied(&mut a, Edit::AddRow { item: item() }));
        assert!(applied(&mut a, Edit::SetRowText { item: item(), row: 1, field: RowField::Name, value: s("某公司") }));
        assert!(applied(&mut a, Edit::SetRowText { item: item(), row: 1, field: RowField::Amount, value: s("12.5") }));
        assert!(applied(&mut a, Edit::SetRowAccepted { item: item(), row: 0, accepted: true }));
        let rows = &a.input("3b").unwrap().entries;
        assert_eq!((rows[1].name.as_str(), rows[1].amount.as_str(), rows[0].accepted), ("某公司", "12.5", true));
        assert_eq!(
            (RowField::Name.of(&rows[1]), RowField::Amount.of(&rows[1]), RowField::Year.of(&rows[1])),
            ("某公司", "12.5", "")
        );
        assert!(applied(&mut a, Edit::RemoveRow { item: item(), row: 0 }));
        assert_eq!(a.input("3b").unwrap().entries[0].name, "某公司", "the rows after move up");
        assert!(applied(&mut a, Edit::RemoveRow { item: item(), row: 0 }));
        assert!(a.input("3b").is_none());
    }

    #[test]
    fn evidence_entries_added_described_fingerprinted_checked_and_removed() {
        let mut a = Assessment::default();
        let item = || s("4.1");
        let file = FileFingerprint { name: s("通知.pdf"), size: 3, sha256: "ab".repeat(32) };
        assert!(applied(&mut a, Edit::AddEvidence { item: item() }));
        assert!(applied(&mut a, Edit::AddEvidence { item: item() }));
        let set = |row, field, value: &str| Edit::SetEvidenceText { item: item(), row, field, value: s(value) };
        assert!(applied(&mut a, set(0, EvidenceField::Title, "关于印发某办法的通知")));
        assert!(applied(&mut a, set(0, EvidenceField::Source, "杭市监〔2025〕1号")));
        assert!(applied(&mut a, set(1, EvidenceField::Pages, "12")));
        assert!(!applied(&mut a, set(1, EvidenceField::Pages, "12")), "the same text changes nothing");
        assert!(applied(&mut a, Edit::SetEvidenceFile { item: item(), row: 1, file: Some(file.clone()) }));
        assert!(applied(&mut a, Edit::SetEvidenceChecked { item: item(), row: 1, checked: true }));
        let list = &a.input("4.1").unwrap().evidence;
        assert_eq!((list[0].source.as_str(), list[1].pages.as_str()), ("杭市监〔2025〕1号", "12"));
        assert_eq!((list[1].file.as_ref(), list[1].checked), (Some(&file), true));
        assert_eq!(EvidenceField::Title.of(&list[0]), "关于印发某办法的通知");
        let before = a.clone();
        let err = apply(&mut a, &Edit::SetEvidenceChecked { item: item(), row: 2, checked: true }).unwrap_err();
        assert_eq!(err.to_string(), "第4.1项没有第3条佐证材料(共2条),修改未执行");
        assert_eq!(a, before);
        assert!(applied(&mut a, Edit::RemoveEvidence { item: item(), row: 0 }));
        assert_eq!(a.input("4.1").unwrap().evidence[0].file.as_ref(), Some(&file), "the entries after move up");
        assert!(applied(&mut a, Edit::SetEvidenceFile { item: item(), row: 0, file: None }));
        assert!(applied(&mut a, Edit::RemoveEvidence { item: item(), row: 0 }));
        assert!(a.input("4.1").is_none(), "an input left empty is dropped");
        // In JSON: a file is three parts, none is three empty parts.
        let e = Edit::SetEvidenceFile { item: item(), row: 0, file: Some(file) };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, format!(r#"["set_evidence_file","4.1","0","通知.pdf","3","{}"]"#, "ab".repeat(32)));
        assert_eq!(read_json::<Edit>(&json).unwrap(), e);
        let none = Edit::SetEvidenceFile { item: item(), row: 0, file: None };
        assert_eq!(serde_json::to_string(&none).unwrap(), r#"["set_evidence_file","4.1","0","","",""]"#);
        assert!(read_json::<Edit>(r#"["set_evidence_file","4.1","0","a","-1","x"]"#).is_err());
    }

    #[test]
    fn a_row_that_is_not_there_is_an_error_and_changes_nothing() {
        let mut a = Assessment::default();
        apply(&mut a, &Edit::AddRow { item: s("22.1") }).unwrap();
        let before = a.clone();
        for e in [
            Edit::SetRowText { item: s("22.1"), row: 1, field: RowField::Category, value: s("x") },
            Edit::SetRowAccepted { item: s("22.1"), row: 5, accepted: true },
            Edit::RemoveRow { item: s("22.1"), row: usize::MAX },
            Edit::RemoveRow { item: s("23.1"), row: 0 },
        ] {
            let err = apply(&mut a, &e).unwrap_err();
            assert!(matches!(err, EditError::NoRow { .. }), "{err:?}");
            assert_eq!(a, before);
        }
        let err = apply(&mut a, &Edit::RemoveRow { item: s("22.1"), row: 3 }).unwrap_err();
        assert_eq!(err.to_string(), "第22.1项没有第4行(共1行),修改未执行");
    }

    #[test]
    fn stages_conditions_attempts_and_events() {
        let mut a = Assessment::default();
        let stage = |v: &str| Edit::SetStageText { stage: Stage::Approved, field: StageField::Date, value: s(v) };
        assert!(!applied(&mut a, stage("")), "no blank record is made");
        assert!(a.process.stages.is_empty());
        assert!(applied(&mut a, stage("2022-3-1")));
        assert_eq!(StageField::Date.of(a.process.record(Stage::Approved).unwrap()), "2022-3-1");
        assert!(applied(
            &mut a,
            Edit::SetStageText {
                stage: Stage::Apply, field: StageField::Document, value: s("浙市监〔2022〕1号")
            }
        ));
        assert_eq!(a.process.stages[0].stage, Stage::Apply, "records stay in stage order");

        let c = EligibilityCondition::Innovation;
        assert!(applied(&mut a, Edit::SetConditionMet { condition: c, met: Some(true) }));
        assert!(applied(&mut a, Edit::SetConditionBasis { condition: c, text: s("创新举措") }));
        assert_eq!(a.process.eligibility.answer(c).met, Some(true));
        assert_eq!(a.process.eligibility.answer(c).basis, "创新举措");

        assert!(applied(&mut a, Edit::AddAttempt));
        assert!(applied(
            &mut a,
            Edit::SetAttemptText { attempt: 0, field: AttemptField::Date, value: s("2025-01-02") }
        ));
        assert!(applied(&mut a, Edit::SetAttemptResult { attempt: 0, passed: Some(false) }));
        assert_eq!(a.process.attempts[0].passed, Some(false));
        assert_eq!(AttemptField::Date.of(&a.process.attempts[0]), "2025-01-02");
        let err = apply(&mut a, &Edit::SetAttemptResult { attempt: 1, passed: None }).unwrap_err();
        assert_eq!(err, EditError::NoAttempt { index: 1, len: 1 });
        assert!(applied(&mut a, Edit::RemoveAttempt { attempt: 0 }));
        assert!(a.process.attempts.is_empty());

        assert!(applied(&mut a, Edit::AddEvent));
        assert!(applied(&mut a, Edit::SetEventKind { event: 0, kind: Some(EventKind::Decline) }));
        assert!(applied(&mut a, Edit::SetEventMeasure { event: 0, measure: Some(Measure::Warning) }));
        assert!(applied(&mut a, Edit::SetEventText { event: 0, field: EventField::Document, value: s("通报") }));
        let ev = &a.process.events[0];
        assert_eq!(EventField::Document.of(ev), "通报");
        assert_eq!(
            (ev.kind, ev.measure, ev.document.as_str()),
            (Some(EventKind::Decline), Some(Measure::Warning), "通报")
        );
        assert_eq!(
            apply(&mut a, &Edit::RemoveEvent { event: 2 }).unwrap_err(),
            EditError::NoEvent { index: 2, len: 1 }
        );
        assert!(applied(&mut a, Edit::RemoveEvent { event: 0 }));
    }

    #[test]
    fn review_layers_started_continued_and_edited() {
        let mut a = hangzhou();
        let wang = Reviewer { name: s(" 王五 "), unit: s("浙江省市场监督管理局") };
        let start = |at: &str| Edit::StartReview { role: ReviewRole::Province, reviewer: wang.clone(), at: s(at) };
        assert!(applied(&mut a, start(" 2026-11-27 ")));
        assert_eq!(a.reviews[0].reviewer.name, "王五", "name and unit trimmed");
        assert_eq!(a.reviews[0].at, "2026-11-27");
        assert!(!applied(&mut a, start("2026-12-01")), "the same reviewer continues their layer");
        assert_eq!(a.reviews.len(), 1);
        assert_eq!(review_of(&a, ReviewRole::Province, &wang), Some(0));
        assert_eq!(review_of(&a, ReviewRole::Expert, &wang), None);
        let nameless = Reviewer { name: s(" "), unit: s("某大学") };
        assert!(applied(&mut a, Edit::StartReview { role: ReviewRole::Expert, reviewer: nameless.clone(), at: s("") }));
        assert!(applied(&mut a, Edit::StartReview { role: ReviewRole::Expert, reviewer: nameless, at: s("") }));
        assert_eq!(a.reviews.len(), 3, "a reviewer without a name always starts a new layer");

        assert!(applied(&mut a, Edit::SetReviewScore { review: 0, item: s("4.1"), score: s("1.5") }));
        assert!(applied(
            &mut a,
            Edit::SetReviewMethod { review: 0, item: s("4.1"), method: Some(Method::SiteInspection) }
        ));
        assert!(applied(&mut a, Edit::SetReviewComment { review: 0, item: s("4.2"), comment: s("材料不全") }));
        assert!(applied(&mut a, Edit::SetReviewText { review: 0, field: ReviewField::Opinion, value: s("初审合格") }));
        assert!(applied(&mut a, Edit::SetReviewText { review: 0, field: ReviewField::ReviewerUnit, value: s("省局") }));
        let r = &a.reviews[0];
        assert_eq!(
            (r.item("4.1").unwrap().score.as_str(), r.item("4.1").unwrap().method),
            ("1.5", Some(Method::SiteInspection))
        );
        assert_eq!((ReviewField::Opinion.of(r), ReviewField::ReviewerUnit.of(r)), ("初审合格", "省局"));
        assert!(applied(&mut a, Edit::SetReviewComment { review: 0, item: s("4.2"), comment: String::new() }));
        assert!(a.reviews[0].item("4.2").is_none(), "an emptied item review goes");
        assert!(!applied(&mut a, Edit::SetReviewComment { review: 0, item: s("9.9"), comment: String::new() }));
        let err = apply(&mut a, &Edit::SetReviewScore { review: 3, item: s("4.1"), score: s("1") }).unwrap_err();
        assert_eq!(err.to_string(), "没有第4份评审(共3份),修改未执行");
    }

    #[test]
    fn replace_swaps_the_whole_assessment() {
        let mut a = Assessment::default();
        let b = hangzhou();
        assert!(applied(&mut a, Edit::Replace { assessment: Box::new(b.clone()) }));
        assert_eq!(a, b);
        assert!(!applied(&mut a, Edit::Replace { assessment: Box::new(b) }));
    }

    #[test]
    fn json_shape() {
        let json = |e: &Edit| serde_json::to_string(e).unwrap();
        let e = Edit::SetValue { item: s("4.1"), key: s("score"), value: s("3") };
        assert_eq!(json(&e), r#"["set_value","4.1","score","3"]"#);
        assert_eq!(json(&Edit::AddAttempt), r#"["add_attempt"]"#);
        let e = Edit::SetStageText { stage: Stage::Notice, field: StageField::Date, value: s("2025-05-05") };
        assert_eq!(json(&e), r#"["set_stage_text","notice","date","2025-05-05"]"#);
        assert_eq!(
            json(&Edit::SetConditionMet { condition: EligibilityCondition::Innovation, met: None }),
            r#"["set_condition_met","innovation",""]"#
        );
        // Ids as serde writes them.
        assert_eq!(
            serde_json::to_string(&ReviewField::ReviewerName).unwrap(),
            format!("\"{}\"", ReviewField::ReviewerName.id())
        );
        assert_eq!(serde_json::to_string(&RowField::Category).unwrap(), format!("\"{}\"", RowField::Category.id()));
        let err = |text: &str| read_json::<Edit>(text).unwrap_err().to_string();
        assert!(
            err(r#"["set_value","4.1","score",3]"#).contains("类型错误"),
            "{}",
            err(r#"["set_value","4.1","score",3]"#)
        );
        for wrong in [
            r#"["set_value","4.1"]"#,
            r#"["remove_row","3b","-1"]"#,
            r#"["add_attempt","x"]"#,
            r#"["set_stage_text","notice","day","1"]"#,
            r#"["no_such_edit"]"#,
            "[]",
            r#"["replace","{"]"#,
        ] {
            let list: Vec<String> = serde_json::from_str(wrong).unwrap();
            assert!(err(wrong).contains(&format!("无法读取的修改:{list:?}")), "{wrong}: {}", err(wrong));
        }
    }

    // ---- Random sequences of edits

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), Just(s(" ")), Just(s("1.5")), Just(s("２０２５-5-5")), "\\PC{0,6}"]
    }

    fn item() -> impl Strategy<Value = String> {
        prop_oneof![Just(s("4.1")), Just(s("3b")), Just(s("22.1")), "[a-z0-9.]{0,3}"]
    }

    fn index() -> impl Strategy<Value = usize> {
        prop_oneof![0usize..4, Just(usize::MAX)]
    }

    fn opt_bool() -> impl Strategy<Value = Option<bool>> {
        prop_oneof![Just(None), Just(Some(true)), Just(Some(false))]
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let stage = prop::sample::select(Stage::ALL.to_vec());
        let condition = prop::sample::select(EligibilityCondition::ALL.to_vec());
        let row_field = prop::sample::select(vec![
            RowField::Name,
            RowField::Year,
            RowField::Amount,
            RowField::Category,
            RowField::Note,
        ]);
        let stage_field = prop::sample::select(vec![StageField::Date, StageField::Document, StageField::Note]);
        let review_field = prop::sample::select(vec![
            ReviewField::ReviewerName,
            ReviewField::ReviewerUnit,
            ReviewField::Date,
            ReviewField::Opinion,
        ]);
        let role = prop::sample::select(ReviewRole::ALL.to_vec());
        let reviewer = (text(), text()).prop_map(|(name, unit)| Reviewer { name, unit });
        prop_oneof![
            text().prop_map(|name| Edit::SetSubjectName { name }),
            prop::option::of(text().prop_filter("an empty id is written as none", |t| !t.is_empty()))
                .prop_map(|banfa| Edit::SetBanfa { banfa }),
            prop::option::of(prop::sample::select(SubjectKind::ALL.to_vec()))
                .prop_map(|kind| Edit::SetSubjectKind { kind }),
            text().prop_map(|province| Edit::SetProvince { province }),
            prop::option::of(any::<i32>()).prop_map(|year| Edit::SetStartYear { year }),
            prop::option::of(any::<u32>()).prop_map(|years| Edit::SetYears { years }),
            (item(), text(), text()).prop_map(|(item, key, value)| Edit::SetValue { item, key, value }),
            (item(), text(), any::<i32>(), text())
                .prop_map(|(item, series, year, value)| { Edit::SetYearValue { item, series, year, value } }),
            (item(), text(), opt_bool()).prop_map(|(item, key, value)| Edit::SetFlag { item, key, value }),
            (item(), text()).prop_map(|(item, text)| Edit::SetBasis { item, text }),
            item().prop_map(|item| Edit::AddRow { item }),
            (item(), index(), row_field, text())
                .prop_map(|(item, row, field, value)| { Edit::SetRowText { item, row, field, value } }),
            (item(), index(), any::<bool>())
                .prop_map(|(item, row, accepted)| { Edit::SetRowAccepted { item, row, accepted } }),
            (item(), index()).prop_map(|(item, row)| Edit::RemoveRow { item, row }),
            item().prop_map(|item| Edit::AddEvidence { item }),
            (
                item(),
                index(),
                prop::sample::select(vec![
                    EvidenceField::Title,
                    EvidenceField::Source,
                    EvidenceField::Date,
                    EvidenceField::Pages
                ]),
                text()
            )
                .prop_map(|(item, row, field, value)| Edit::SetEvidenceText { item, row, field, value }),
            (item(), index(), prop::option::of((text(), any::<u64>(), text())))
                .prop_map(|(item, row, f)| Edit::SetEvidenceFile {
                    item,
                    row,
                    file: f.map(|(name, size, sha256)| FileFingerprint { name, size, sha256 })
                }),
            (item(), index(), any::<bool>())
                .prop_map(|(item, row, checked)| Edit::SetEvidenceChecked { item, row, checked }),
            (item(), index()).prop_map(|(item, row)| Edit::RemoveEvidence { item, row }),
            (stage, stage_field, text()).prop_map(|(stage, field, value)| Edit::SetStageText { stage, field, value }),
            (condition.clone(), opt_bool()).prop_map(|(condition, met)| Edit::SetConditionMet { condition, met }),
            (condition, text()).prop_map(|(condition, text)| Edit::SetConditionBasis { condition, text }),
            Just(Edit::AddAttempt),
            (index(), prop::sample::select(vec![AttemptField::Date, AttemptField::Note]), text())
                .prop_map(|(attempt, field, value)| Edit::SetAttemptText { attempt, field, value }),
            (index(), opt_bool()).prop_map(|(attempt, passed)| Edit::SetAttemptResult { attempt, passed }),
            index().prop_map(|attempt| Edit::RemoveAttempt { attempt }),
            Just(Edit::AddEvent),
            (index(), prop::sample::select(vec![EventField::Date, EventField::Document, EventField::Note]), text())
                .prop_map(|(event, field, value)| Edit::SetEventText { event, field, value }),
            (index(), prop::option::of(prop::sample::select(EventKind::ALL.to_vec())))
                .prop_map(|(event, kind)| Edit::SetEventKind { event, kind }),
            (index(), prop::option::of(prop::sample::select(Measure::ALL.to_vec())))
                .prop_map(|(event, measure)| Edit::SetEventMeasure { event, measure }),
            index().prop_map(|event| Edit::RemoveEvent { event }),
            (role, reviewer, text()).prop_map(|(role, reviewer, at)| Edit::StartReview { role, reviewer, at }),
            (index(), review_field, text())
                .prop_map(|(review, field, value)| { Edit::SetReviewText { review, field, value } }),
            (index(), item(), text()).prop_map(|(review, item, score)| Edit::SetReviewScore { review, item, score }),
            (index(), item(), text()).prop_map(|(review, item, comment)| Edit::SetReviewComment {
                review,
                item,
                comment
            }),
            (index(), item(), prop::option::of(prop::sample::select(Method::ALL.to_vec())))
                .prop_map(|(review, item, method)| Edit::SetReviewMethod { review, item, method }),
            prop_oneof![Just(Assessment::default()), Just(hangzhou())]
                .prop_map(|a| { Edit::Replace { assessment: Box::new(a) } }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Any sequence applies without a panic; each step says truly whether it changed the
        /// assessment, and a refused step changes nothing; replaying it gives the same assessment;
        /// each edit reads back from its JSON (through the app's reader) as the same edit.
        #[test]
        fn random_edit_sequences(edits in prop::collection::vec(edit(), 0..40)) {
            let mut a = Assessment::default();
            let mut results = Vec::new();
            for e in &edits {
                let before = a.clone();
                let r = apply(&mut a, e);
                match &r {
                    Ok(changed) => prop_assert_eq!(*changed, a != before, "{:?}", e),
                    Err(_) => prop_assert_eq!(&a, &before, "{:?}", e),
                }
                results.push(r);
                let json = serde_json::to_string(e).unwrap();
                prop_assert_eq!(&read_json::<Edit>(&json).unwrap(), e, "{}", json);
            }
            let mut again = Assessment::default();
            let replayed: Vec<_> = edits.iter().map(|e| apply(&mut again, e)).collect();
            prop_assert_eq!(replayed, results);
            prop_assert_eq!(again, a);
        }
    }
}

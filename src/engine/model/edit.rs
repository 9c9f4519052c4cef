//! Edits as data: every change a user makes to an open assessment is an [`Edit`] value, and
//! [`apply`] is the one place that changes an assessment. The app's views dispatch edits (they
//! never mutate the assessment themselves), the owner of the open draft applies them and saves,
//! and the second wasm module relays them to the main one as JSON; tests replay them.
//!
//! Everything typed stays a string as typed (`"12.50"`, `"2025-5-5"`): checking it is the scoring
//! and the timeline's job, never the edit's. An edit that cannot be applied (a list row or a review
//! layer that is not there) is an [`EditError`], never a panic, and changes nothing.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, Entry, ItemInput, SubjectKind};
use super::process::{Attempt, EligibilityCondition, EventKind, ManagementEvent, Measure, Stage, StageRecord};
use super::review::{Method, Review, ReviewRole, Reviewer};

/// One change to an assessment. In JSON, `{"set_value":{"item":"4.1","key":"score","value":"3"}}`
/// (a variant without data is its name: `"add_attempt"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    // ---- 基本情况 (the subject)
    /// 创建对象名称.
    SetSubjectName { name: String },
    /// 创建对象类型 (第五条); `None`: not chosen.
    SetSubjectKind { kind: Option<SubjectKind> },
    /// 所在省份 (the rubric's short name, or what a file carried).
    SetProvince { province: String },
    /// 创建期起始年份.
    SetStartYear { year: Option<i32> },
    /// 创建期年数.
    SetYears { years: Option<u32> },

    // ---- A sub-item's inputs (by item id, e.g. `4.1`, `3b`)
    /// A named value as typed (a rate, a count, a judged `score`); empty removes it.
    SetValue { item: String, key: String, value: String },
    /// A year's amount of a series as typed; empty removes it.
    SetYearValue { item: String, series: String, year: i32, value: String },
    /// A yes/no answer; `None`: not answered.
    SetFlag { item: String, key: String, value: Option<bool> },
    /// 自评依据及佐证材料.
    SetBasis { item: String, text: String },
    /// A new, empty list row (an entity, a practice) at the end.
    AddRow { item: String },
    /// A text of list row `row` (0-based).
    SetRowText { item: String, row: usize, field: RowField, value: String },
    /// Whether practice `row` is accepted (已认定).
    SetRowAccepted { item: String, row: usize, accepted: bool },
    /// Removes list row `row`; the rows after it move up.
    RemoveRow { item: String, row: usize },

    // ---- The creation process (第五条–第十七条, 第二十二条)
    /// A stage's date, document or note as typed.
    SetStageText { stage: Stage, field: StageField, value: String },
    /// The answer to a condition of 第六条; `None`: not judged.
    SetConditionMet { condition: EligibilityCondition, met: Option<bool> },
    /// The basis of a condition of 第六条.
    SetConditionBasis { condition: EligibilityCondition, text: String },
    /// A new, empty evaluation result (第十七条) at the end.
    AddAttempt,
    /// An evaluation result's date or note as typed.
    SetAttemptText { attempt: usize, field: AttemptField, value: String },
    /// An evaluation result: passed, failed, `None` not known yet.
    SetAttemptResult { attempt: usize, passed: Option<bool> },
    RemoveAttempt { attempt: usize },
    /// A new, empty dynamic-management record (第二十二条) at the end.
    AddEvent,
    /// A dynamic-management record's date, document or note as typed.
    SetEventText { event: usize, field: EventField, value: String },
    SetEventKind { event: usize, kind: Option<EventKind> },
    SetEventMeasure { event: usize, measure: Option<Measure> },
    RemoveEvent { event: usize },

    // ---- Review layers (第十三条, 第十四条), by position in `reviews`
    /// Starts a reviewer's layer, or continues theirs: a layer of the same role by the same
    /// reviewer (name and unit, trimmed; a reviewer without a name always starts a new one) is
    /// kept as it is. See [`review_of`] for its position.
    StartReview { role: ReviewRole, reviewer: Reviewer, at: String },
    /// The reviewer's name or unit, the date or the overall opinion, as typed.
    SetReviewText { review: usize, field: ReviewField, value: String },
    /// A reviewer's score of a sub-item as typed.
    SetReviewScore { review: usize, item: String, score: String },
    SetReviewComment { review: usize, item: String, comment: String },
    SetReviewMethod { review: usize, item: String, method: Option<Method> },

    // ---- The whole assessment
    /// Replaces everything: a file opened into an existing draft, a move to another rubric
    /// version (computed by `score::migrate` and confirmed by the user).
    Replace { assessment: Box<Assessment> },
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

impl RowField {
    /// This text of a row, as typed.
    pub fn of(self, e: &Entry) -> &str {
        match self {
            RowField::Name => &e.name,
            RowField::Year => &e.year,
            RowField::Amount => &e.amount,
            RowField::Category => &e.category,
            RowField::Note => &e.note,
        }
    }

    fn of_mut(self, e: &mut Entry) -> &mut String {
        match self {
            RowField::Name => &mut e.name,
            RowField::Year => &mut e.year,
            RowField::Amount => &mut e.amount,
            RowField::Category => &mut e.category,
            RowField::Note => &mut e.note,
        }
    }
}

impl StageField {
    /// This text of a stage record, as typed.
    pub fn of(self, r: &StageRecord) -> &str {
        match self {
            StageField::Date => &r.date,
            StageField::Document => &r.document,
            StageField::Note => &r.note,
        }
    }

    fn of_mut(self, r: &mut StageRecord) -> &mut String {
        match self {
            StageField::Date => &mut r.date,
            StageField::Document => &mut r.document,
            StageField::Note => &mut r.note,
        }
    }
}

impl AttemptField {
    /// This text of an evaluation result, as typed.
    pub fn of(self, x: &Attempt) -> &str {
        match self {
            AttemptField::Date => &x.date,
            AttemptField::Note => &x.note,
        }
    }

    fn of_mut(self, x: &mut Attempt) -> &mut String {
        match self {
            AttemptField::Date => &mut x.date,
            AttemptField::Note => &mut x.note,
        }
    }
}

impl EventField {
    /// This text of a dynamic-management record, as typed.
    pub fn of(self, x: &ManagementEvent) -> &str {
        match self {
            EventField::Date => &x.date,
            EventField::Document => &x.document,
            EventField::Note => &x.note,
        }
    }

    fn of_mut(self, x: &mut ManagementEvent) -> &mut String {
        match self {
            EventField::Date => &mut x.date,
            EventField::Document => &mut x.document,
            EventField::Note => &mut x.note,
        }
    }
}

impl ReviewField {
    /// This text of a review layer, as typed.
    pub fn of(self, r: &Review) -> &str {
        match self {
            ReviewField::ReviewerName => &r.reviewer.name,
            ReviewField::ReviewerUnit => &r.reviewer.unit,
            ReviewField::Date => &r.at,
            ReviewField::Opinion => &r.opinion,
        }
    }

    fn of_mut(self, r: &mut Review) -> &mut String {
        match self {
            ReviewField::ReviewerName => &mut r.reviewer.name,
            ReviewField::ReviewerUnit => &mut r.reviewer.unit,
            ReviewField::Date => &mut r.at,
            ReviewField::Opinion => &mut r.opinion,
        }
    }
}

/// Why an edit cannot be applied: what it points at is not there (e.g. a row removed in the
/// meantime). The assessment is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// List row `row` (0-based) of sub-item `item`, which has `len` rows.
    NoRow { item: String, row: usize, len: usize },
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

        Edit::SetValue { item, key, value } => input(a, item, |i| {
            set_or_remove(&mut i.values, key, value);
            Ok(())
        }),
        Edit::SetYearValue { item, series, year, value } => input(a, item, |i| {
            let s = i.years.entry(series.clone()).or_default();
            set_or_remove(s, &year.to_string(), value);
            if s.is_empty() {
                i.years.remove(series);
            }
            Ok(())
        }),
        Edit::SetFlag { item, key, value } => input(a, item, |i| {
            match value {
                Some(b) => i.flags.insert(key.clone(), *b),
                None => i.flags.remove(key),
            };
            Ok(())
        }),
        Edit::SetBasis { item, text } => input(a, item, |i| {
            i.basis = text.clone();
            Ok(())
        }),
        Edit::AddRow { item } => input(a, item, |i| {
            i.entries.push(Entry::default());
            Ok(())
        }),
        Edit::SetRowText { item, row, field, value } => input(a, item, |i| {
            *field.of_mut(row_mut(i, item, *row)?) = value.clone();
            Ok(())
        }),
        Edit::SetRowAccepted { item, row, accepted } => input(a, item, |i| {
            row_mut(i, item, *row)?.accepted = *accepted;
            Ok(())
        }),
        Edit::RemoveRow { item, row } => input(a, item, |i| {
            row_mut(i, item, *row)?;
            i.entries.remove(*row);
            Ok(())
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
            let x = at(&mut a.process.attempts, *attempt, |index, len| EditError::NoAttempt { index, len })?;
            Ok(replace(field.of_mut(x), value.clone()))
        }
        Edit::SetAttemptResult { attempt, passed } => {
            let x = at(&mut a.process.attempts, *attempt, |index, len| EditError::NoAttempt { index, len })?;
            Ok(replace(&mut x.passed, *passed))
        }
        Edit::RemoveAttempt { attempt } => {
            at(&mut a.process.attempts, *attempt, |index, len| EditError::NoAttempt { index, len })?;
            a.process.attempts.remove(*attempt);
            Ok(true)
        }
        Edit::AddEvent => {
            a.process.events.push(Default::default());
            Ok(true)
        }
        Edit::SetEventText { event, field, value } => {
            let x = at(&mut a.process.events, *event, |index, len| EditError::NoEvent { index, len })?;
            Ok(replace(field.of_mut(x), value.clone()))
        }
        Edit::SetEventKind { event, kind } => {
            let x = at(&mut a.process.events, *event, |index, len| EditError::NoEvent { index, len })?;
            Ok(replace(&mut x.kind, *kind))
        }
        Edit::SetEventMeasure { event, measure } => {
            let x = at(&mut a.process.events, *event, |index, len| EditError::NoEvent { index, len })?;
            Ok(replace(&mut x.measure, *measure))
        }
        Edit::RemoveEvent { event } => {
            at(&mut a.process.events, *event, |index, len| EditError::NoEvent { index, len })?;
            a.process.events.remove(*event);
            Ok(true)
        }

        Edit::StartReview { role, reviewer, at } => {
            if review_of(a, *role, reviewer).is_some() {
                return Ok(false);
            }
            let (name, unit) = reviewer.key();
            a.reviews.push(Review::new(*role, Reviewer { name, unit }, at.trim()));
            Ok(true)
        }
        Edit::SetReviewText { review, field, value } => in_review(a, *review, |r| *field.of_mut(r) = value.clone()),
        Edit::SetReviewScore { review, item, score } => in_review(a, *review, |r| r.item_mut(item).score = score.clone()),
        Edit::SetReviewComment { review, item, comment } => {
            in_review(a, *review, |r| r.item_mut(item).comment = comment.clone())
        }
        Edit::SetReviewMethod { review, item, method } => in_review(a, *review, |r| r.item_mut(item).method = *method),

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
fn set_or_remove(map: &mut std::collections::BTreeMap<String, String>, key: &str, value: &str) {
    if value.is_empty() {
        map.remove(key);
    } else {
        map.insert(key.to_string(), value.to_string());
    }
}

/// Runs `f` on the input of `item` (created empty when missing); an input left empty is dropped.
/// Whether the input changed; on an error, nothing is changed.
fn input(a: &mut Assessment, item: &str, f: impl FnOnce(&mut ItemInput) -> Result<(), EditError>) -> Result<bool, EditError> {
    let before = a.inputs.get(item).cloned();
    let mut i = before.clone().unwrap_or_default();
    f(&mut i)?;
    let after = (i != ItemInput::default()).then_some(i);
    if after == before {
        return Ok(false);
    }
    match after {
        Some(i) => a.inputs.insert(item.to_string(), i),
        None => a.inputs.remove(item),
    };
    Ok(true)
}

fn row_mut<'a>(i: &'a mut ItemInput, item: &str, row: usize) -> Result<&'a mut Entry, EditError> {
    let len = i.entries.len();
    i.entries.get_mut(row).ok_or_else(|| EditError::NoRow { item: item.to_string(), row, len })
}

/// Element `index` of a list, or the error `missing(index, len)`.
fn at<T>(list: &mut [T], index: usize, missing: fn(usize, usize) -> EditError) -> Result<&mut T, EditError> {
    let len = list.len();
    list.get_mut(index).ok_or(missing(index, len))
}

/// Runs `f` on review layer `index`, then drops its empty item reviews; whether it changed.
fn in_review(a: &mut Assessment, index: usize, f: impl FnOnce(&mut Review)) -> Result<bool, EditError> {
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
        assert_eq!(a.input("5.1").unwrap().flags["policy"], false);
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
        assert_eq!((RowField::Name.of(&rows[1]), RowField::Amount.of(&rows[1]), RowField::Year.of(&rows[1])), ("某公司", "12.5", ""));
        assert!(applied(&mut a, Edit::RemoveRow { item: item(), row: 0 }));
        assert_eq!(a.input("3b").unwrap().entries[0].name, "某公司", "the rows after move up");
        assert!(applied(&mut a, Edit::RemoveRow { item: item(), row: 0 }));
        assert!(a.input("3b").is_none());
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
        assert!(applied(&mut a, Edit::SetStageText { stage: Stage::Apply, field: StageField::Document, value: s("浙市监〔2022〕1号") }));
        assert_eq!(a.process.stages[0].stage, Stage::Apply, "records stay in stage order");

        let c = EligibilityCondition::Innovation;
        assert!(applied(&mut a, Edit::SetConditionMet { condition: c, met: Some(true) }));
        assert!(applied(&mut a, Edit::SetConditionBasis { condition: c, text: s("创新举措") }));
        assert_eq!(a.process.eligibility.answer(c).met, Some(true));
        assert_eq!(a.process.eligibility.answer(c).basis, "创新举措");

        assert!(applied(&mut a, Edit::AddAttempt));
        assert!(applied(&mut a, Edit::SetAttemptText { attempt: 0, field: AttemptField::Date, value: s("2025-01-02") }));
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
        assert_eq!((ev.kind, ev.measure, ev.document.as_str()), (Some(EventKind::Decline), Some(Measure::Warning), "通报"));
        assert_eq!(apply(&mut a, &Edit::RemoveEvent { event: 2 }).unwrap_err(), EditError::NoEvent { index: 2, len: 1 });
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
        assert!(applied(&mut a, Edit::SetReviewMethod { review: 0, item: s("4.1"), method: Some(Method::SiteInspection) }));
        assert!(applied(&mut a, Edit::SetReviewComment { review: 0, item: s("4.2"), comment: s("材料不全") }));
        assert!(applied(&mut a, Edit::SetReviewText { review: 0, field: ReviewField::Opinion, value: s("初审合格") }));
        assert!(applied(&mut a, Edit::SetReviewText { review: 0, field: ReviewField::ReviewerUnit, value: s("省局") }));
        let r = &a.reviews[0];
        assert_eq!((r.item("4.1").unwrap().score.as_str(), r.item("4.1").unwrap().method), ("1.5", Some(Method::SiteInspection)));
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
        let e = Edit::SetValue { item: s("4.1"), key: s("score"), value: s("3") };
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"set_value":{"item":"4.1","key":"score","value":"3"}}"#);
        assert_eq!(serde_json::to_string(&Edit::AddAttempt).unwrap(), r#""add_attempt""#);
        let e = Edit::SetStageText { stage: Stage::Notice, field: StageField::Date, value: s("2025-05-05") };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"set_stage_text":{"stage":"notice","field":"date","value":"2025-05-05"}}"#
        );
        let err = read_json::<Edit>(r#"{"set_value":{"item":"4.1","key":"score","value":3}}"#).unwrap_err();
        assert!(err.contains("set_value.value"), "{err}");
        assert!(read_json::<Edit>(r#"{"set_value":{"item":"4.1","key":"k","value":"","x":1}}"#).is_err());
        assert!(read_json::<Edit>(r#""no_such_edit""#).is_err());
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
        let row_field = prop::sample::select(vec![RowField::Name, RowField::Year, RowField::Amount, RowField::Category, RowField::Note]);
        let stage_field = prop::sample::select(vec![StageField::Date, StageField::Document, StageField::Note]);
        let review_field =
            prop::sample::select(vec![ReviewField::ReviewerName, ReviewField::ReviewerUnit, ReviewField::Date, ReviewField::Opinion]);
        let role = prop::sample::select(ReviewRole::ALL.to_vec());
        let reviewer = (text(), text()).prop_map(|(name, unit)| Reviewer { name, unit });
        prop_oneof![
            text().prop_map(|name| Edit::SetSubjectName { name }),
            prop::option::of(prop::sample::select(SubjectKind::ALL.to_vec())).prop_map(|kind| Edit::SetSubjectKind { kind }),
            text().prop_map(|province| Edit::SetProvince { province }),
            prop::option::of(any::<i32>()).prop_map(|year| Edit::SetStartYear { year }),
            prop::option::of(any::<u32>()).prop_map(|years| Edit::SetYears { years }),
            (item(), text(), text()).prop_map(|(item, key, value)| Edit::SetValue { item, key, value }),
            (item(), text(), any::<i32>(), text()).prop_map(|(item, series, year, value)| Edit::SetYearValue { item, series, year, value }),
            (item(), text(), opt_bool()).prop_map(|(item, key, value)| Edit::SetFlag { item, key, value }),
            (item(), text()).prop_map(|(item, text)| Edit::SetBasis { item, text }),
            item().prop_map(|item| Edit::AddRow { item }),
            (item(), index(), row_field, text()).prop_map(|(item, row, field, value)| Edit::SetRowText { item, row, field, value }),
            (item(), index(), any::<bool>()).prop_map(|(item, row, accepted)| Edit::SetRowAccepted { item, row, accepted }),
            (item(), index()).prop_map(|(item, row)| Edit::RemoveRow { item, row }),
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
            (index(), review_field, text()).prop_map(|(review, field, value)| Edit::SetReviewText { review, field, value }),
            (index(), item(), text()).prop_map(|(review, item, score)| Edit::SetReviewScore { review, item, score }),
            (index(), item(), text()).prop_map(|(review, item, comment)| Edit::SetReviewComment { review, item, comment }),
            (index(), item(), prop::option::of(prop::sample::select(Method::ALL.to_vec())))
                .prop_map(|(review, item, method)| Edit::SetReviewMethod { review, item, method }),
            prop_oneof![Just(Assessment::default()), Just(hangzhou())]
                .prop_map(|a| Edit::Replace { assessment: Box::new(a) }),
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

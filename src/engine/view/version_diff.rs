//! Two versions of one assessment, compared: what was typed differently (per item: values, flags,
//! year series, list rows, basis; the subject; the review layers), old → new exactly as typed, and
//! what that did to the scores (items, indicators, dimensions, total) and the verdict.
//!
//! The input and review changes listed are capped ([`MAX_CHANGES_LISTED`] each, the rest counted),
//! so that two files that differ in 100,000 rows give a diff of bounded size, cheap to send from
//! the tools' worker and to show.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use crate::engine::io::file::Opened;
use crate::engine::model::assessment::{Assessment, Entry, ItemInput, Subject};
use crate::engine::model::review::{Review, ReviewItem, ReviewRole};
use crate::engine::model::rubric::{Item, Rubric};
use crate::engine::model::rule::{Slot, SCORE_FIELD};
use crate::engine::score::items::score;
use crate::engine::score::outcome::Outcome;
use crate::engine::score::review::{score_differences, Difference};
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

/// A changed field of the subject (基本情况).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's Chinese label.
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A changed input of one item, old → new as typed (empty when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputChange {
    /// `None` for an item the rubric does not have.
    pub indicator: Option<u32>,
    pub item: String,
    /// The field as the user sees it: `评分`, `网购举报按时核查率`, `创建地电子商务交易额 2023年`,
    /// `第2行 名称`, `自评依据`.
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A changed part of a review layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewChange {
    /// The review's title (`专家评估:张三(某大学)`).
    pub review: String,
    pub item: Option<String>,
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VerdictChange {
    pub old: bool,
    pub new: bool,
}

/// The input changes and the review changes listed, each; the others are only counted
/// ([`VersionDiff::more_inputs`], [`VersionDiff::more_reviews`]).
pub const MAX_CHANGES_LISTED: usize = 200;

/// Everything that differs between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionDiff {
    pub subject: Vec<FieldChange>,
    /// The first [`MAX_CHANGES_LISTED`] input changes.
    pub inputs: Vec<InputChange>,
    /// Input changes not listed in `inputs`.
    pub more_inputs: usize,
    /// The first [`MAX_CHANGES_LISTED`] review changes.
    pub reviews: Vec<ReviewChange>,
    /// Review changes not listed in `reviews`.
    pub more_reviews: usize,
    /// Items, indicators, dimensions and total whose self-assessment score changed (`left` old,
    /// `right` new).
    pub scores: Vec<Difference>,
    pub verdict: Option<VerdictChange>,
    pub old: Outcome,
    pub new: Outcome,
}

impl VersionDiff {
    /// No input, subject or review change (scores then cannot differ either).
    pub fn is_empty(&self) -> bool {
        self.subject.is_empty() && self.inputs.is_empty() && self.reviews.is_empty()
    }
}

/// Compares two versions of an assessment under one rubric.
pub fn diff_assessments(rubric: &Rubric, old: &Assessment, new: &Assessment) -> VersionDiff {
    let old_outcome = score(rubric, old);
    let new_outcome = score(rubric, new);
    let verdict = (old_outcome.passed != new_outcome.passed)
        .then_some(VerdictChange { old: old_outcome.passed, new: new_outcome.passed });
    let inputs = input_changes(rubric, old, new);
    let reviews = review_changes(&old.reviews, &new.reviews);
    VersionDiff {
        subject: subject_changes(old, new),
        inputs: inputs.kept,
        more_inputs: inputs.more,
        reviews: reviews.kept,
        more_reviews: reviews.more,
        scores: score_differences(&old_outcome, &new_outcome),
        verdict,
        old: old_outcome,
        new: new_outcome,
    }
}

/// Compares two opened files: refused (with a Chinese reason) when they use different rubrics
/// or are different assessments (both have an assessment id and the ids differ).
pub fn diff_opened(rubric: &Rubric, old: &Opened, new: &Opened) -> Result<VersionDiff, Refusal> {
    let (a, b) = (&old.file.rubric, &new.file.rubric);
    if a != b {
        return Err(Refusal::new(format!(
            "两个文件使用的指标体系不同(「{}」与「{}」),不能逐项比较;请先把旧版本按新指标体系迁移",
            short_file_text(&a.version),
            short_file_text(&b.version)
        )));
    }
    if a.id != rubric.id || a.version != rubric.version {
        return Err(Refusal::new(format!(
            "文件使用的指标体系「{}」与给定的「{}」不同",
            short_file_text(&a.version),
            short_file_text(&rubric.version)
        )));
    }
    let (x, y) = (old.file.assessment.id.trim(), new.file.assessment.id.trim());
    if !x.is_empty() && !y.is_empty() && x != y {
        let (x, y) = (short_file_text(x), short_file_text(y));
        return Err(Refusal::new(format!("两个文件不是同一份评估(评估编号「{x}」与「{y}」不同)")));
    }
    Ok(diff_assessments(rubric, &old.file.assessment, &new.file.assessment))
}

fn subject_changes(old: &Assessment, new: &Assessment) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut push = |field: &str, o: String, n: String| {
        if o.trim() != n.trim() {
            out.push(FieldChange { field: field.into(), old: o, new: n });
        }
    };
    push("评估编号", old.id.clone(), new.id.clone());
    let (a, b): (&Subject, &Subject) = (&old.subject, &new.subject);
    push("创建对象名称", a.name.clone(), b.name.clone());
    let kind = |s: &Subject| s.kind.map(|k| k.label().to_string()).unwrap_or_default();
    push("创建对象类型", kind(a), kind(b));
    push("所在省份", a.province.clone(), b.province.clone());
    let num = |v: Option<String>| v.unwrap_or_default();
    push("创建期起始年份", num(a.start_year.map(|y| y.to_string())), num(b.start_year.map(|y| y.to_string())));
    push("创建期年数", num(a.years.map(|y| y.to_string())), num(b.years.map(|y| y.to_string())));
    out
}

/// The labels of an item's inputs: values, flags and year series by key.
struct Labels {
    values: BTreeMap<String, String>,
    flags: BTreeMap<String, String>,
    series: BTreeMap<String, String>,
    amount: String,
}

fn labels(item: Option<&Item>) -> Labels {
    let mut l = Labels {
        values: BTreeMap::new(),
        flags: BTreeMap::new(),
        series: BTreeMap::new(),
        amount: "金额".into(),
    };
    let Some(item) = item else { return l };
    for f in item.rule.fields() {
        let map = match f.slot {
            Slot::Value => &mut l.values,
            Slot::Flag => &mut l.flags,
            Slot::Amounts | Slot::Rates => &mut l.series,
            Slot::RowAmount => continue,
        };
        map.insert(f.key.to_string(), f.label.into_owned());
    }
    if let Some(rows) = item.rule.rows() {
        l.amount = rows.amount_label().to_string();
    }
    l
}

/// Changes collected: the first [`MAX_CHANGES_LISTED`] kept, the others counted.
struct Changes<T> {
    kept: Vec<T>,
    more: usize,
}

impl<T> Changes<T> {
    fn new() -> Changes<T> {
        Changes { kept: Vec::new(), more: 0 }
    }

    fn push(&mut self, change: T) {
        if self.kept.len() < MAX_CHANGES_LISTED {
            self.kept.push(change);
        } else {
            self.more += 1;
        }
    }
}

fn input_changes(rubric: &Rubric, old: &Assessment, new: &Assessment) -> Changes<InputChange> {
    let mut ids: Vec<(Option<u32>, String, Option<&Item>)> =
        rubric.items().map(|(ind, it)| (Some(ind.number), it.id.clone(), Some(it))).collect();
    let known: BTreeSet<String> = ids.iter().map(|(_, id, _)| id.clone()).collect();
    let unknown: BTreeSet<&String> = old.inputs.keys().chain(new.inputs.keys()).filter(|k| !known.contains(*k)).collect();
    ids.extend(unknown.into_iter().map(|id| (None, id.clone(), None)));

    let empty = ItemInput::default();
    let mut out = Changes::new();
    for (indicator, id, item) in ids {
        let a = old.inputs.get(&id).unwrap_or(&empty);
        let b = new.inputs.get(&id).unwrap_or(&empty);
        if a == b {
            continue;
        }
        let l = labels(item);
        let mut push = |field: String, o: String, n: String| {
            if o.trim() != n.trim() {
                out.push(InputChange { indicator, item: id.clone(), field, old: o, new: n });
            }
        };
        let label = |m: &BTreeMap<String, String>, k: &str| m.get(k).cloned().unwrap_or_else(|| k.to_string());
        for k in union(a.values.keys(), b.values.keys()) {
            push(label(&l.values, k), get(&a.values, k), get(&b.values, k));
        }
        for k in union(a.flags.keys(), b.flags.keys()) {
            push(label(&l.flags, k), flag(a.flags.get(k)), flag(b.flags.get(k)));
        }
        for s in union(a.years.keys(), b.years.keys()) {
            let (sa, sb) = (a.years.get(s), b.years.get(s));
            let none = BTreeMap::new();
            let (sa, sb) = (sa.unwrap_or(&none), sb.unwrap_or(&none));
            for y in union(sa.keys(), sb.keys()) {
                push(format!("{} {y}年", label(&l.series, s)), get(sa, y), get(sb, y));
            }
        }
        let rows = a.entries.len().max(b.entries.len());
        for i in 0..rows {
            let row = format!("第{}行", i + 1);
            match (a.entries.get(i), b.entries.get(i)) {
                (Some(x), Some(y)) => {
                    push(format!("{row} 名称"), x.name.clone(), y.name.clone());
                    push(format!("{row} 年份"), x.year.clone(), y.year.clone());
                    push(format!("{row} {}", l.amount), x.amount.clone(), y.amount.clone());
                    push(format!("{row} 类别"), x.category.clone(), y.category.clone());
                    push(format!("{row} 已认定"), yes_no(x.accepted), yes_no(y.accepted));
                    push(format!("{row} 备注"), x.note.clone(), y.note.clone());
                }
                (Some(x), None) => push(row, entry_summary(x, &l.amount), String::new()),
                (None, Some(y)) => push(row, String::new(), entry_summary(y, &l.amount)),
                (None, None) => {}
            }
        }
        push("自评依据".into(), a.basis.clone(), b.basis.clone());
    }
    out
}

fn review_changes(old: &[Review], new: &[Review]) -> Changes<ReviewChange> {
    let key = |r: &Review| (r.role, r.reviewer.key());
    let mut out = Changes::new();
    let mut matched = vec![false; old.len()];
    // The old layers by key, in order: each new layer takes the first old one of its key not
    // taken yet (a lookup, not a scan: files may hold 100,000 layers).
    let mut unmatched: BTreeMap<(ReviewRole, (String, String)), VecDeque<usize>> = BTreeMap::new();
    for (i, o) in old.iter().enumerate() {
        unmatched.entry(key(o)).or_default().push_back(i);
    }
    for n in new {
        let found = unmatched.get_mut(&key(n)).and_then(VecDeque::pop_front).map(|i| (i, &old[i]));
        let title = n.title();
        let Some((i, o)) = found else {
            out.push(ReviewChange { review: title, item: None, field: "新增评审".into(), old: String::new(), new: n.title() });
            continue;
        };
        matched[i] = true;
        let mut push = |item: Option<&str>, field: &str, a: String, b: String| {
            if a.trim() != b.trim() {
                out.push(ReviewChange { review: title.clone(), item: item.map(|s| s.to_string()), field: field.into(), old: a, new: b });
            }
        };
        push(None, "日期", o.at.clone(), n.at.clone());
        push(None, n.role.opinion_label(), o.opinion.clone(), n.opinion.clone());
        let empty = ReviewItem::default();
        for id in union(o.items.keys(), n.items.keys()) {
            let (a, b) = (o.items.get(id).unwrap_or(&empty), n.items.get(id).unwrap_or(&empty));
            push(Some(id), SCORE_FIELD, a.score.clone(), b.score.clone());
            push(Some(id), "意见", a.comment.clone(), b.comment.clone());
            let m = |x: &ReviewItem| x.method.map(|m| m.label().to_string()).unwrap_or_default();
            push(Some(id), "评估方式", m(a), m(b));
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !matched[i] {
            out.push(ReviewChange { review: o.title(), item: None, field: "删除评审".into(), old: o.title(), new: String::new() });
        }
    }
    out
}

fn union<'a>(a: impl Iterator<Item = &'a String>, b: impl Iterator<Item = &'a String>) -> BTreeSet<&'a String> {
    a.chain(b).collect()
}

fn get(m: &BTreeMap<String, String>, k: &str) -> String {
    m.get(k).cloned().unwrap_or_default()
}

fn flag(v: Option<&bool>) -> String {
    match v {
        Some(true) => "是".into(),
        Some(false) => "否".into(),
        None => String::new(),
    }
}

fn yes_no(v: bool) -> String {
    if v { "是" } else { "否" }.into()
}

fn entry_summary(e: &Entry, amount: &str) -> String {
    let mut parts = vec![if e.name.trim().is_empty() { "(未填写名称)".to_string() } else { e.name.clone() }];
    if !e.year.trim().is_empty() {
        parts.push(format!("年份 {}", e.year));
    }
    if !e.amount.trim().is_empty() {
        parts.push(format!("{amount} {}", e.amount));
    }
    if !e.category.trim().is_empty() {
        parts.push(format!("类别 {}", e.category));
    }
    if e.accepted {
        parts.push("已认定".into());
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::review::Reviewer;
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::review::DiffScope;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn inputs_scores_and_verdict() {
        let rubric = LoadedRubric::bundled().rubric;
        let mut old = Assessment::default();
        old.subject.name = "杭州市".into();
        old.input_mut("4.1").values.insert("score".into(), "1.5".into());
        old.input_mut("12.3").flags.insert("no_major_case".into(), true);
        old.input_mut("1").years.entry("subject".into()).or_default().insert("2023".into(), "100".into());
        old.input_mut("22.1").entries.push(Entry { name: "沙盒监管".into(), accepted: true, ..Default::default() });
        let mut new = old.clone();
        new.subject.name = "杭州".into();
        new.input_mut("4.1").values.insert("score".into(), "2".into());
        new.input_mut("4.1").basis = "见附件3".into();
        new.input_mut("12.3").flags.insert("no_major_case".into(), false);
        new.input_mut("1").years.get_mut("subject").unwrap().insert("2023".into(), "120".into());
        new.input_mut("22.1").entries[0].accepted = false;
        new.input_mut("22.1").entries.push(Entry { name: "触发式监管".into(), ..Default::default() });

        let diff = diff_assessments(&rubric, &old, &new);
        assert_eq!(diff.subject, vec![FieldChange { field: "创建对象名称".into(), old: "杭州市".into(), new: "杭州".into() }]);
        let f: Vec<(String, String, String, String)> =
            diff.inputs.iter().map(|c| (c.item.clone(), c.field.clone(), c.old.clone(), c.new.clone())).collect();
        assert!(f.contains(&("4.1".into(), "评分".into(), "1.5".into(), "2".into())), "{f:?}");
        assert!(f.contains(&("4.1".into(), "自评依据".into(), "".into(), "见附件3".into())));
        assert!(f.iter().any(|x| x.0 == "1" && x.1.ends_with(" 2023年") && x.2 == "100" && x.3 == "120"), "{f:?}");
        assert!(f.contains(&("22.1".into(), "第1行 已认定".into(), "是".into(), "否".into())));
        assert!(f.contains(&("22.1".into(), "第2行".into(), "".into(), "触发式监管".into())));
        assert!(f.iter().any(|x| x.0 == "12.3" && x.2 == "是" && x.3 == "否"), "{f:?}");
        let item = diff.scores.iter().find(|x| x.scope == DiffScope::Item { indicator: 4, id: "4.1".into() }).unwrap();
        assert_eq!((item.left, item.right), (d("1.5"), d("2")));
        let i22 = diff.scores.iter().find(|x| x.scope == DiffScope::Indicator { number: 22 }).unwrap();
        assert_eq!((i22.left, i22.right), (d("6"), d("0")));
        assert!(diff.scores.iter().any(|x| x.scope == DiffScope::Total));
        assert!(diff.verdict.is_none());
        assert!(!diff.is_empty());
        assert!(diff_assessments(&rubric, &old, &old).is_empty());
        assert!(diff_assessments(&rubric, &old, &old).scores.is_empty());
    }

    #[test]
    fn review_layers_changes() {
        let rubric = LoadedRubric::bundled().rubric;
        let mut old = Assessment::default();
        let mut r = Review::new(ReviewRole::Province, Reviewer { name: "王五".into(), unit: "浙江省局".into() }, "2025-11-03");
        r.item_mut("4.1").score = "2".into();
        old.reviews.push(r);
        let mut new = old.clone();
        new.reviews[0].item_mut("4.1").score = "1.5".into();
        new.reviews[0].opinion = "同意推荐".into();
        new.reviews.push(Review::new(ReviewRole::Expert, Reviewer { name: "张三".into(), unit: "某大学".into() }, ""));
        let diff = diff_assessments(&rubric, &old, &new);
        assert_eq!(diff.reviews.len(), 3, "{:?}", diff.reviews);
        assert!(diff.reviews.iter().any(|c| c.item.as_deref() == Some("4.1") && c.old == "2" && c.new == "1.5"));
        assert!(diff.reviews.iter().any(|c| c.field == "初审意见" && c.new == "同意推荐"));
        assert!(diff.reviews.iter().any(|c| c.field == "新增评审" && c.new.contains("张三")));
        // Reviews do not change the self-assessment's scores.
        assert!(diff.scores.is_empty());
    }

    #[test]
    fn changes_are_capped_and_counted() {
        let rubric = LoadedRubric::bundled().rubric;
        let old = Assessment::default();
        let mut new = old.clone();
        let n = MAX_CHANGES_LISTED + 37;
        new.input_mut("22.1").entries = (0..n).map(|i| Entry { name: format!("措施{i}"), ..Default::default() }).collect();
        new.reviews = (0..n).map(|_| Review::new(ReviewRole::Province, Reviewer::default(), "")).collect();
        let diff = diff_assessments(&rubric, &old, &new);
        assert_eq!((diff.inputs.len(), diff.more_inputs), (MAX_CHANGES_LISTED, 37));
        assert_eq!((diff.reviews.len(), diff.more_reviews), (MAX_CHANGES_LISTED, 37));
        assert_eq!(diff.inputs[0].new, "措施0");
        // Layers of one key are matched in order: the same layers both sides, no change.
        assert!(diff_assessments(&rubric, &new, &new).is_empty());
        let mut renamed = new.clone();
        renamed.reviews[1].opinion = "同意".into();
        let d = diff_assessments(&rubric, &new, &renamed);
        assert_eq!(d.reviews.len(), 1);
        assert_eq!(d.reviews[0].new, "同意");
    }
}

//! Moving an assessment to another rubric version (第十一条) and what that changes.
//!
//! [`migrate`] says which inputs are kept, which are dropped and why, every score and the verdict
//! before and after. It only computes; the app shows the result and asks before replacing anything
//! (nothing is ever re-scored silently under another rubric). See `docs/process.md`.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use super::items::score;
use super::outcome::Outcome;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::rubric::{Rubric, RubricRef};
use crate::engine::model::rule::Rule;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::support::num::fmt;
use crate::engine::support::problem::Problem;
use crate::engine::support::text::short_file_text;


/// An input that cannot move to the new rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedInput {
    /// The item id (e.g. `4.1`).
    pub item: String,
    /// Why (Chinese).
    pub reason: String,
}

/// What a score change is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "level", content = "id", rename_all = "snake_case")]
pub enum MigrationLevel {
    Item(String),
    Indicator(u32),
    Dimension(String),
    Total,
}

/// One score that differs between the rubrics. `None`: not in that rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MigrationChange {
    pub level: MigrationLevel,
    /// e.g. `指标4 第4.1项`, `指标4`, `促进发展`, `总分`.
    pub label: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub max_before: Option<Decimal>,
    pub max_after: Option<Decimal>,
}

/// `2分`, or `无此项` when the rubric has no such item, indicator or dimension.
pub fn points_text(v: Option<Decimal>) -> String {
    v.map(|d| format!("{}分", fmt(d))).unwrap_or_else(|| "无此项".into())
}

impl MigrationChange {
    /// `指标4:3分 → 2分(满分5分)`.
    pub fn describe(&self) -> String {
        let s = points_text;
        let mut out = format!("{}:{} → {}", self.label, s(self.before), s(self.after));
        if self.max_before != self.max_after {
            out.push_str(&format!("(满分{} → {})", s(self.max_before), s(self.max_after)));
        }
        out
    }

    /// The score before, for a table cell: `2分`.
    pub fn before_text(&self) -> String {
        points_text(self.before)
    }

    /// The score after, for a table cell.
    pub fn after_text(&self) -> String {
        points_text(self.after)
    }

    /// The maximum, for a table cell: `5分`, or `2分 → 1分` when it changes.
    pub fn max_text(&self) -> String {
        if self.max_before == self.max_after {
            points_text(self.max_after)
        } else {
            format!("{} → {}", points_text(self.max_before), points_text(self.max_after))
        }
    }

    /// A CSS class by level: `change-item`, `change-indicator`, `change-dimension`, `change-total`.
    pub fn level_class(&self) -> &'static str {
        match self.level {
            MigrationLevel::Item(_) => "change-item",
            MigrationLevel::Indicator(_) => "change-indicator",
            MigrationLevel::Dimension(_) => "change-dimension",
            MigrationLevel::Total => "change-total",
        }
    }
}

/// The result of moving an assessment to another rubric: nothing is applied until the caller
/// takes `assessment`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Migration {
    pub from: RubricRef,
    pub to: RubricRef,
    /// The assessment under the new rubric (subject, process and id unchanged; inputs filtered).
    pub assessment: Assessment,
    /// Item ids whose inputs are kept.
    pub kept: Vec<String>,
    pub dropped: Vec<DroppedInput>,
    /// Every item, indicator, dimension and total score that differs (score or maximum).
    pub changes: Vec<MigrationChange>,
    pub total_before: Decimal,
    pub total_after: Decimal,
    pub passed_before: bool,
    pub passed_after: bool,
    /// Problems the assessment has under the new rubric that it did not have before (e.g. a judged
    /// score above an item's new maximum).
    pub new_problems: Vec<Problem>,
    /// Other differences between the rubrics that matter to the user (pass rule, process, ...).
    pub notes: Vec<String>,
}

impl Migration {
    pub fn verdict_changed(&self) -> bool {
        self.passed_before != self.passed_after
    }

    /// Whether moving changes nothing the user would see.
    pub fn is_noop(&self) -> bool {
        self.dropped.is_empty() && self.changes.is_empty() && self.new_problems.is_empty() && self.notes.is_empty()
    }

    /// `总分:7分 → 5分;结论:不合格 → 不合格`.
    pub fn headline(&self) -> String {
        let verdict = |p: bool| if p { "合格" } else { "不合格" };
        format!(
            "总分:{}分 → {}分;结论:{} → {}",
            fmt(self.total_before),
            fmt(self.total_after),
            verdict(self.passed_before),
            verdict(self.passed_after)
        )
    }

    /// The verdict before and after: `合格`/`不合格`.
    pub fn verdicts(&self) -> (&'static str, &'static str) {
        let verdict = |p: bool| if p { "合格" } else { "不合格" };
        (verdict(self.passed_before), verdict(self.passed_after))
    }

    /// The changes as Chinese lines, for the confirmation dialog.
    pub fn summary(&self) -> Vec<String> {
        let mut out = vec![self.headline()];
        out.extend(self.dropped.iter().map(|d| format!("第{}项的输入将被移除:{}", d.item, d.reason)));
        out.extend(self.changes.iter().filter(|c| c.level != MigrationLevel::Total).map(MigrationChange::describe));
        out.extend(self.new_problems.iter().map(|p| p.to_string()));
        out.extend(self.notes.iter().cloned());
        out
    }
}

/// Moves an assessment from one rubric to another and says what changes. Inputs are kept for items
/// present in both rubrics with the same rule kind; all others are dropped with the reason. Both
/// versions are scored in full and compared.
pub fn migrate(assessment: &Assessment, from: &LoadedRubric, to: &LoadedRubric) -> Migration {
    let old_kinds: BTreeMap<&str, &Rule> = from.rubric.items().map(|(_, it)| (it.id.as_str(), &it.rule)).collect();
    let new_kinds: BTreeMap<&str, &Rule> = to.rubric.items().map(|(_, it)| (it.id.as_str(), &it.rule)).collect();

    let mut moved = assessment.clone();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    moved.inputs.retain(|id, input| {
        if input.is_empty() {
            return false;
        }
        let reason = match (old_kinds.get(id.as_str()), new_kinds.get(id.as_str())) {
            (_, None) => format!("新版指标体系中没有第{}项", short_file_text(id)),
            (None, Some(_)) => format!("原指标体系中没有第{}项,原输入无法对应", short_file_text(id)),
            (Some(a), Some(b)) if a.kind() != b.kind() => format!(
                "计分规则由「{}」改为「{}」,原输入无法沿用",
                a.label(),
                b.label()
            ),
            _ => {
                kept.push(id.clone());
                return true;
            }
        };
        dropped.push(DroppedInput { item: id.clone(), reason });
        false
    });

    let before = score(&from.rubric, assessment);
    let after = score(&to.rubric, &moved);
    let changes = score_changes(&from.rubric, &to.rubric, &before, &after);
    let new_problems: Vec<Problem> =
        after.problems.iter().filter(|p| !before.problems.contains(p)).cloned().collect();

    Migration {
        from: from.reference(),
        to: to.reference(),
        assessment: moved,
        kept,
        dropped,
        changes,
        total_before: before.total,
        total_after: after.total,
        passed_before: before.passed,
        passed_after: after.passed,
        new_problems,
        notes: rubric_notes(&from.rubric, &to.rubric),
    }
}

fn score_changes(from: &Rubric, to: &Rubric, before: &Outcome, after: &Outcome) -> Vec<MigrationChange> {
    let mut out = Vec::new();
    let mut push = |level: MigrationLevel, label: String, b: Option<(Decimal, Decimal)>, a: Option<(Decimal, Decimal)>| {
        if b != a {
            out.push(MigrationChange {
                level,
                label,
                before: b.map(|x| x.0),
                after: a.map(|x| x.0),
                max_before: b.map(|x| x.1),
                max_after: a.map(|x| x.1),
            });
        }
    };

    // Indicators and their items, in the new rubric's order, then those only in the old one.
    let mut numbers: Vec<u32> = to.indicators().map(|i| i.number).collect();
    numbers.extend(from.indicators().map(|i| i.number).filter(|n| to.indicator(*n).is_none()));
    for n in numbers {
        let bi = before.indicator(n);
        let ai = after.indicator(n);
        let mut item_ids: Vec<&str> = ai.map(|i| i.items.iter().map(|x| x.id.as_str()).collect()).unwrap_or_default();
        if let Some(bi) = bi {
            let have: BTreeSet<&str> = item_ids.iter().copied().collect();
            item_ids.extend(bi.items.iter().map(|x| x.id.as_str()).filter(|id| !have.contains(id)));
        }
        for id in item_ids {
            let b = bi.and_then(|i| i.items.iter().find(|x| x.id == id)).map(|x| (x.score, x.max));
            let a = ai.and_then(|i| i.items.iter().find(|x| x.id == id)).map(|x| (x.score, x.max));
            push(MigrationLevel::Item(id.to_string()), format!("指标{n} 第{id}项"), b, a);
        }
        push(
            MigrationLevel::Indicator(n),
            format!("指标{n}"),
            bi.map(|i| (i.score, i.max)),
            ai.map(|i| (i.score, i.max)),
        );
    }
    let mut dim_ids: Vec<&str> = to.dimensions.iter().map(|d| d.id.as_str()).collect();
    dim_ids.extend(
        from.dimensions.iter().map(|d| d.id.as_str()).filter(|id| !to.dimensions.iter().any(|d| d.id == *id)),
    );
    for id in dim_ids {
        let b = before.dimensions.iter().find(|d| d.id == id);
        let a = after.dimensions.iter().find(|d| d.id == id);
        let name = a.or(b).map(|d| d.name.clone()).unwrap_or_else(|| id.to_string());
        push(MigrationLevel::Dimension(id.to_string()), name, b.map(|d| (d.score, d.max)), a.map(|d| (d.score, d.max)));
    }
    push(MigrationLevel::Total, "总分".into(), Some((before.total, before.max)), Some((after.total, after.max)));
    out
}

fn rubric_notes(from: &Rubric, to: &Rubric) -> Vec<String> {
    let mut notes = Vec::new();
    let (a, b) = (&from.pass_rule, &to.pass_rule);
    if a.min_total != b.min_total || a.min_dimension_rate != b.min_dimension_rate {
        notes.push(format!(
            "合格标准由“总分≥{}分、每个一级指标得分率≥{}%”改为“总分≥{}分、每个一级指标得分率≥{}%”",
            fmt(a.min_total),
            fmt(a.min_dimension_rate * Decimal::ONE_HUNDRED),
            fmt(b.min_total),
            fmt(b.min_dimension_rate * Decimal::ONE_HUNDRED)
        ));
    }
    if from.process.max_creation_years != to.process.max_creation_years {
        notes.push(format!(
            "创建周期上限由{}年改为{}年",
            from.process.max_creation_years, to.process.max_creation_years
        ));
    }
    if from.process.notice_days != to.process.notice_days {
        notes.push(format!("公示期由{}天改为{}天", from.process.notice_days, to.process.notice_days));
    }
    if from.regions != to.regions {
        notes.push("区域划分(地区门槛所依据的东部、中部、西部、东北)有变化".into());
    }
    notes
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::engine::model::fixtures::{edited, hangzhou, item, judged, FINAL_EXAMPLE};
    use crate::engine::rubric::load::load_rubric;
    use crate::engine::rubric::set::RubricSet;

    #[test]
    fn migration_from_the_bundled_rubric_to_the_second_version_shows_the_changes() {
        let mut set = RubricSet::default();
        let to = set.add(FINAL_EXAMPLE).unwrap().clone();
        let from = set.bundled();
        let mut a = hangzhou();
        for (id, s) in [("4.1", "2"), ("4.2", "2"), ("4.3", "1"), ("5.1", "2")] {
            judged(&mut a, id, s);
        }
        let m = migrate(&a, from, &to);
        // Same rule kinds everywhere: every input is kept, nothing dropped.
        assert_eq!(m.kept, ["4.1", "4.2", "4.3", "5.1"]);
        assert!(m.dropped.is_empty());
        assert_eq!(m.assessment, a);
        let lines: Vec<String> = m.changes.iter().map(MigrationChange::describe).collect();
        assert_eq!(
            lines,
            [
                "指标4 第4.1项:2分 → 0分(满分2分 → 1分)",
                "指标4 第4.3项:1分 → 1分(满分1分 → 2分)",
                "指标4:5分 → 3分",
                "促进发展:7分 → 5分",
                "总分:7分 → 5分",
            ]
        );
        assert_eq!(m.changes[2].level, MigrationLevel::Indicator(4));
        assert_eq!(m.changes[3].level, MigrationLevel::Dimension("D1".into()));
        assert_eq!(m.changes[4].level, MigrationLevel::Total);
        // The judged score above the item's new maximum is a new problem, shown before moving.
        assert_eq!(m.new_problems.len(), 1, "{:#?}", m.new_problems);
        assert!(m.new_problems[0].message.contains("超过本项满分1"), "{:#?}", m.new_problems);
        assert_eq!(m.new_problems[0].location.item.as_deref(), Some("4.1"));
        assert!(!m.passed_before && !m.passed_after && !m.verdict_changed());
        assert!(m.notes.is_empty());
        assert!(!m.is_noop());
        assert_eq!(m.summary()[0], "总分:7分 → 5分;结论:不合格 → 不合格");
    }

    #[test]
    fn migration_cells_for_the_table() {
        let mut set = RubricSet::default();
        let to = set.add(FINAL_EXAMPLE).unwrap().clone();
        let mut a = hangzhou();
        judged(&mut a, "4.1", "2");
        let m = migrate(&a, set.bundled(), &to);
        let c = &m.changes[0];
        assert_eq!((c.before_text(), c.after_text(), c.max_text()), ("2分".into(), "0分".into(), "2分 → 1分".into()));
        assert_eq!(c.level_class(), "change-item");
        let total = m.changes.last().unwrap();
        assert_eq!(total.max_text(), "100分");
        assert_eq!(total.level_class(), "change-total");
        assert_eq!(m.headline(), "总分:2分 → 0分;结论:不合格 → 不合格");
        assert_eq!(m.verdicts(), ("不合格", "不合格"));
        assert_eq!(points_text(None), "无此项");
    }

    #[test]
    fn migration_to_the_same_rubric_changes_nothing() {
        let b = LoadedRubric::bundled();
        let mut a = hangzhou();
        judged(&mut a, "4.1", "2");
        let m = migrate(&a, &b, &b);
        assert!(m.is_noop(), "{m:#?}");
        assert_eq!(m.assessment, a);
        assert_eq!(m.kept, ["4.1"]);
        assert!(!m.verdict_changed());
    }

    #[test]
    fn migration_drops_missing_items_and_changed_rule_kinds() {
        let from = LoadedRubric::bundled();
        let to = load_rubric(&edited(|v| {
            v["version"] = Value::String("v-test".into());
            // 4.3 becomes an all-of condition; 6.3 disappears (its point goes to 6.2).
            item(v, 4, 2)["rule"] = serde_json::json!({"kind": "all_of", "flags": [{"key": "done", "label": "已形成"}]});
            let ind6 = &mut v["dimensions"][1]["indicators"][0];
            ind6["items"].as_array_mut().unwrap().remove(2);
            ind6["items"][1]["points"] = Value::String("3".into());
            v["pass_rule"]["min_total"] = Value::String("10".into());
            v["pass_rule"]["min_dimension_rate"] = Value::String("0.05".into());
            v["process"]["notice_days"] = serde_json::json!(20);
        }))
        .unwrap();
        let mut a = hangzhou();
        for (id, s) in [("4.1", "2"), ("4.3", "1"), ("5.1", "2"), ("6.1", "2"), ("6.2", "2"), ("6.3", "1"), ("14.1", "2")] {
            judged(&mut a, id, s);
        }
        a.input_mut("24.1").values.insert("law".into(), "1".into());
        let m = migrate(&a, &from, &to);
        assert_eq!(
            m.dropped,
            [
                DroppedInput { item: "4.3".into(), reason: "计分规则由「评分」改为「条件全部满足」,原输入无法沿用".into() },
                DroppedInput { item: "6.3".into(), reason: "新版指标体系中没有第6.3项".into() },
            ]
        );
        assert_eq!(m.kept, ["14.1", "24.1", "4.1", "5.1", "6.1", "6.2"]);
        assert!(!m.assessment.inputs.contains_key("4.3"));
        assert_eq!(m.total_before, Decimal::from(15));
        assert_eq!(m.total_after, Decimal::from(13));
        let ind6 = m.changes.iter().find(|c| c.level == MigrationLevel::Indicator(6)).unwrap();
        assert_eq!(ind6.describe(), "指标6:5分 → 4分");
        let gone = m.changes.iter().find(|c| c.level == MigrationLevel::Item("6.3".into())).unwrap();
        assert_eq!(gone.describe(), "指标6 第6.3项:1分 → 无此项(满分1分 → 无此项)");
        let moved = m.changes.iter().find(|c| c.level == MigrationLevel::Item("6.2".into())).unwrap();
        assert_eq!(moved.describe(), "指标6 第6.2项:2分 → 2分(满分2分 → 3分)");
        // Under the lowered pass line the verdict changes: shown, not applied.
        assert!(!m.passed_before);
        assert!(m.passed_after);
        assert!(m.verdict_changed());
        assert!(m.notes.iter().any(|n| n.starts_with("合格标准由“总分≥85分、每个一级指标得分率≥80%”改为“总分≥10分、每个一级指标得分率≥5%”")));
        assert!(m.notes.contains(&"公示期由15天改为20天".to_string()));
        let summary = m.summary();
        assert_eq!(summary[0], "总分:15分 → 13分;结论:不合格 → 合格");
        assert!(summary.iter().any(|l| l.starts_with("第6.3项的输入将被移除")));
        assert_eq!(m.from, from.reference());
        assert_eq!(m.to, to.reference());
    }
}

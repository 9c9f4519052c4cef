//! Moving an assessment to another version of the 《管理办法》: what changes, computed before
//! anything is moved (the user sees it and confirms; the move itself is `Edit::SetBanfa`). Like
//! a move between rubric versions (`score::migrate`), nothing the user entered changes: only the
//! rules it is read under, so the rows are the rules' effects on this assessment.

use serde::Serialize;

use super::evaluation::evaluations;
use super::found::Found;
use super::stages::stage_dates;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::banfa::{Banfa, RetryRule};
use crate::engine::rubric::banfa::{banfa_or_legacy, creation_period_warning, retry_options};

/// One thing that reads differently under the other version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BanfaChange {
    pub what: String,
    pub before: String,
    pub after: String,
}

/// What changes when `a` moves from the version it is under to `to`: the version, the
/// creation-period rule and this assessment's period against it, the retry rule and, when the
/// latest evaluation failed, what may be done now; the notice days when they differ. Rows that
/// read the same are left out (the version row stays, to say what moves).
pub fn banfa_move(a: &Assessment, to: &Banfa) -> Vec<BanfaChange> {
    let from = banfa_or_legacy(a);
    let mut rows = vec![BanfaChange {
        what: "管理办法".into(),
        before: from.full_label(),
        after: to.full_label(),
    }];
    let mut push = |what: &str, before: String, after: String| {
        if before != after {
            rows.push(BanfaChange { what: what.into(), before, after });
        }
    };
    let rule = |b: &Banfa| format!("{}:{}", b.creation_period.cite, b.creation_period.text);
    push("创建期规定", rule(from), rule(to));
    if let Some(years) = a.subject.years.filter(|y| *y >= 1) {
        let judged = |b: &Banfa| creation_period_warning(years, b).unwrap_or_else(|| format!("创建期{years}年,符合规定"));
        push(&format!("本评估的创建期({years}年)"), judged(from), judged(to));
    }
    push("评估未通过后", retry_rule_text(from), retry_rule_text(to));
    let mut found = Found::default();
    let stages = stage_dates(&a.process, &mut found);
    let ev = evaluations(&a.process, &stages, from, &mut found);
    if ev.latest == Some(false) {
        let now = |b: &Banfa| {
            retry_options(ev.failures, b).iter().map(|o| o.label(b)).collect::<Vec<_>>().join(";或")
        };
        push(&format!("本评估现在(本轮已{}次未通过)可以", ev.failures), now(from), now(to));
    }
    push("公示天数", format!("{}天", from.notice_days), format!("{}天", to.notice_days));
    rows
}

/// The retry rule in one sentence, for comparing versions.
pub fn retry_rule_text(b: &Banfa) -> String {
    match b.retry {
        RetryRule::AgainThenAnew { failures_ending_round } => format!(
            "可再次申请评估;本轮创建{failures_ending_round}次未通过后须重新申请创建"
        ),
        RetryRule::Choice => "每次未通过后,再次申请评估或重新申请创建,由创建对象选择".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::banfa::CURRENT_BANFA_ID;
    use crate::engine::process::fixtures::attempt;
    use crate::engine::rubric::banfa::{current_banfa, legacy_banfa};

    #[test]
    fn moving_a_four_year_plan_with_two_failures_to_the_2026_banfa() {
        let mut a = Assessment::default();
        a.subject.years = Some(4);
        a.process.attempts = vec![attempt("2025-06-01", Some(false)), attempt("2026-06-01", Some(false))];
        let rows = banfa_move(&a, current_banfa());
        let what: Vec<&str> = rows.iter().map(|r| r.what.as_str()).collect();
        assert_eq!(what, ["管理办法", "创建期规定", "本评估的创建期(4年)", "评估未通过后", "本评估现在(本轮已2次未通过)可以"]);
        assert!(rows[2].before.starts_with("创建期4年,超过第九条"), "{rows:#?}");
        assert_eq!(rows[2].after, "创建期4年,符合规定");
        assert_eq!(rows[4].before, "重新申请创建(按第七条)");
        assert_eq!(rows[4].after, "再次申请评估(按征求意见稿第十二条);或重新申请创建(按征求意见稿第七条)");
        // And back: a 2-year plan is flagged under 2026 only.
        a.banfa = Some(CURRENT_BANFA_ID.into());
        a.subject.years = Some(2);
        let back = banfa_move(&a, legacy_banfa());
        assert_eq!(back[0].before, current_banfa().full_label());
        let period = back.iter().find(|r| r.what == "本评估的创建期(2年)").unwrap();
        assert!(period.before.starts_with("创建期2年,短于") && period.after == "创建期2年,符合规定", "{period:?}");
    }

    #[test]
    fn moving_to_the_same_version_changes_nothing_but_says_so() {
        let rows = banfa_move(&Assessment::default(), legacy_banfa());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].before, rows[0].after);
    }
}

//! The evaluations of the 市场监管总局 (第十四条) and what may follow a failed one (第十七条): the
//! attempts are read, put in date order and split into creation rounds (a new 申请创建 starts a
//! round); `rubric::banfa::retry_options` is the one place the retry rule of the 办法 the
//! assessment is made under is applied.

use serde::Serialize;

use super::found::{attempt_location, Found};
use super::stages::StageDates;
use crate::engine::model::process::{Process, Stage};
use crate::engine::model::banfa::{ArticleKind, Banfa};
use crate::engine::rubric::banfa::{retry_options, retry_text, AfterFailure};
use crate::engine::support::dates::{parse_optional, Date};
use crate::engine::support::problem::{Problem, Severity};

/// One evaluation attempt as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptView {
    /// Index in [`Process::attempts`].
    pub index: usize,
    pub date: Option<Date>,
    pub passed: Option<bool>,
    /// True when dated before the current 申请创建 (an earlier creation round).
    pub earlier_round: bool,
    /// 1-based number within its round (in date order); `None` when the date is missing/invalid.
    pub number_in_round: Option<usize>,
    pub problems: Vec<Problem>,
}

/// The evaluations of the current creation round (第十七条).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationView {
    /// In date order (attempts without a valid date last, in the order entered).
    pub attempts: Vec<AttemptView>,
    /// Failed evaluations in the current round.
    pub failures: usize,
    /// The latest result in the current round (`None`: none yet, or not known).
    pub latest: Option<bool>,
    /// The round's failures end it: a new 申请创建 is needed before another evaluation.
    pub must_reapply: bool,
    /// What may be done now that the latest evaluation failed (empty otherwise): one way, or
    /// both for the creation object to choose (`rubric::banfa::retry_options`).
    pub options: Vec<AfterFailure>,
    /// 第十七条 guidance, when there is any.
    pub message: Option<String>,
}

/// The guidance after a passed evaluation: the 公示 of `notice_days` (第十五条).
pub fn passed_text(banfa: &Banfa) -> String {
    format!(
        "评估合格:市场监管总局将示范区建议名单进行为期{}天的公示({})",
        banfa.notice_days,
        banfa.cite(ArticleKind::Notice)
    )
}

/// The attempts' dates: (index, date) in date order (the same day keeps the order entered), and
/// the indices of attempts without a valid date, each reported.
fn attempt_dates(process: &Process, found: &mut Found) -> (Vec<(usize, Date)>, Vec<usize>) {
    let mut dated: Vec<(usize, Date)> = Vec::new();
    let mut undated: Vec<usize> = Vec::new();
    for (i, a) in process.attempts.iter().enumerate() {
        match parse_optional(&a.date) {
            Ok(Some(d)) => dated.push((i, d)),
            Ok(None) => {
                found.attempt_with(i, Severity::Error, || Problem::error(attempt_location(i), "未填写评估日期"));
                undated.push(i);
            }
            Err(msg) => {
                found.attempt_with(i, Severity::Error, || Problem::error(attempt_location(i), format!("评估日期无效:{msg}")));
                undated.push(i);
            }
        }
    }
    // Stable: attempts on the same day keep the order they were entered in.
    dated.sort_by_key(|&(_, d)| d);
    (dated, undated)
}

/// The timeline's evaluation step (第十四条, 第十七条): reads the attempts, numbers them within
/// their creation round (attempts before the current 申请创建 belong to an earlier one) and checks
/// each attempt of the current round: not before 总局同意创建, none after the failures that end
/// the round ([`after_failures`]), none after a pass, a result on every attempt but the last.
pub fn evaluations(
    process: &Process,
    stages: &StageDates,
    banfa: &Banfa,
    found: &mut Found,
) -> EvaluationView {
    let apply = stages.date(Stage::Apply);
    let approved = stages.date(Stage::Approved);
    let (dated, undated) = attempt_dates(process, found);
    let last_in_round = dated.iter().rev().find(|(_, d)| apply.is_none_or(|ap| *d >= ap)).map(|(i, _)| *i);
    let mut views = Vec::new();
    let (mut earlier_numbers, mut number, mut failures) = (0usize, 0usize, 0usize);
    let mut passed_seen = false;
    let mut latest: Option<bool> = None;
    for &(i, d) in &dated {
        let a = &process.attempts[i];
        let earlier_round = apply.is_some_and(|ap| d < ap);
        let n = if earlier_round {
            earlier_numbers += 1;
            earlier_numbers
        } else {
            number += 1;
            let at = || attempt_location(i);
            if let Some(ap) = approved.filter(|ap| d < *ap) {
                found.attempt_with(i, Severity::Error, || Problem::error(at(), format!("评估日期{d}早于「总局同意创建」的日期{ap}")));
            }
            if failures > 0 && !retry_options(failures, banfa).contains(&AfterFailure::EvaluateAgain) {
                found.attempt_with(i, Severity::Error, || {
                    Problem::error(
                        at(),
                        format!(
                            "{}:本轮创建已{failures}次未通过评估,需重新提出创建申请;第{number}次评估({d})之前未记录新的「申请创建」(申请创建的日期应晚于最后一次未通过的评估)",
                            banfa.cite(ArticleKind::Retry)
                        ),
                    )
                });
            } else if passed_seen {
                found.attempt_with(i, Severity::Warning, || Problem::warning(at(), "评估已通过后又记录了评估,请核对"));
            }
            match a.passed {
                Some(false) => failures += 1,
                Some(true) => passed_seen = true,
                None if Some(i) != last_in_round => {
                    found.attempt_with(i, Severity::Warning, || Problem::warning(attempt_location(i), "评估结果未填写,而其后还有评估记录"))
                }
                None => {}
            }
            latest = a.passed;
            number
        };
        views.push((i, Some(d), earlier_round, Some(n)));
    }
    views.extend(undated.into_iter().map(|i| (i, None, false, None)));
    let attempts = views
        .into_iter()
        .map(|(index, date, earlier_round, number_in_round)| AttemptView {
            index,
            date,
            passed: process.attempts[index].passed,
            earlier_round,
            number_in_round,
            problems: found.of_attempt(index),
        })
        .collect();
    let options = if latest == Some(false) { retry_options(failures, banfa) } else { Vec::new() };
    let message = match latest {
        Some(false) => Some(retry_text(failures, banfa)),
        Some(true) => Some(passed_text(banfa)),
        None => None,
    };
    let must_reapply = options == [AfterFailure::Reapply];
    EvaluationView { attempts, failures, latest, must_reapply, options, message }
}

/// 第十五条: only a zone that passed its evaluation is put to 公示; a notice whose latest
/// evaluation before it (in the current round) failed is an error.
pub fn check_notice_after_pass(evaluation: &EvaluationView, stages: &StageDates, banfa: &Banfa, found: &mut Found) {
    let Some(nd) = stages.date(Stage::Notice) else { return };
    let before = evaluation.attempts.iter().rev().find(|a| !a.earlier_round && a.date.is_some_and(|d| d <= nd));
    if let Some(a) = before.filter(|a| a.passed == Some(false)) {
        found.stage_error(
            Stage::Notice,
            format!(
                "{}:评估合格的方可公示;公示前最近一次评估({})未通过",
                banfa.cite(ArticleKind::Notice),
                a.date.map(|d| d.to_string()).unwrap_or_default()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::process::stages::stage_dates;
    use crate::engine::process::fixtures::{attempt, params};

    fn read(p: &Process) -> (EvaluationView, Found) {
        let mut f = Found::default();
        let s = stage_dates(p, &mut f);
        let e = evaluations(p, &s, &params(), &mut f);
        (e, f)
    }

    #[test]
    fn the_retry_rule_allows_one_more_evaluation_then_a_new_application() {
        assert_eq!(retry_options(0, params()), [AfterFailure::EvaluateAgain]);
        assert_eq!(retry_options(1, params()), [AfterFailure::EvaluateAgain]);
        assert_eq!(retry_options(2, params()), [AfterFailure::Reapply]);
        assert_eq!(retry_options(3, params()), [AfterFailure::Reapply]);
        assert_eq!(AfterFailure::EvaluateAgain.next_stage(), Stage::EvaluationApplication);
        assert_eq!(AfterFailure::Reapply.next_stage(), Stage::Apply);
        assert!(retry_text(2, params()).contains("需重新申请创建"));
        assert!(retry_text(1, params()).contains("再次申请评估"));
        assert_eq!(passed_text(&params()), "评估合格:市场监管总局将示范区建议名单进行为期15天的公示(第十五条)");
    }

    #[test]
    fn attempts_are_numbered_in_date_order_within_their_round() {
        let mut p = Process::default();
        p.set_date(Stage::Apply, "2025-01-01");
        p.attempts = vec![
            attempt("2026-06-01", Some(true)),
            attempt("", None),
            attempt("2024-06-01", Some(false)),
            attempt("2025-06-01", Some(false)),
            attempt("2025-06-01", None),
        ];
        let (e, f) = read(&p);
        let order: Vec<_> = e.attempts.iter().map(|a| (a.index, a.earlier_round, a.number_in_round)).collect();
        assert_eq!(
            order,
            [(2, true, Some(1)), (3, false, Some(1)), (4, false, Some(2)), (0, false, Some(3)), (1, false, None)]
        );
        assert_eq!((e.failures, e.latest, e.must_reapply), (1, Some(true), false));
        assert_eq!(e.message.as_deref(), Some(passed_text(&params()).as_str()));
        let m: Vec<_> = f.all.listed().iter().map(|p| (p.is_error(), p.message.as_str())).collect();
        assert_eq!(m, [(true, "未填写评估日期"), (false, "评估结果未填写,而其后还有评估记录")]);
        assert_eq!(e.attempts[2].problems.len(), 1);
        assert_eq!(e.attempts[4].problems[0].message, "未填写评估日期");
    }

    #[test]
    fn attempts_before_approval_after_a_pass_or_after_the_round_ended_are_reported() {
        let mut p = Process::default();
        p.set_date(Stage::Approved, "2025-01-01");
        p.attempts = vec![attempt("2024-12-01", Some(true)), attempt("2025-06-01", Some(false))];
        let (e, f) = read(&p);
        let m: Vec<_> = f.all.listed().iter().map(|p| (p.is_error(), p.message.as_str())).collect();
        assert_eq!(
            m,
            [
                (true, "评估日期2024-12-01早于「总局同意创建」的日期2025-01-01"),
                (false, "评估已通过后又记录了评估,请核对")
            ]
        );
        assert_eq!(e.message.as_deref(), Some(retry_text(1, params()).as_str()));

        p.attempts =
            vec![attempt("2025-06-01", Some(false)), attempt("2026-06-01", Some(false)), attempt("2027-06-01", None)];
        let (e, f) = read(&p);
        assert!(!e.must_reapply, "the latest result is not known");
        assert_eq!(f.all.len(), 1);
        assert!(f.all.listed()[0]
            .message
            .starts_with("第十七条:本轮创建已2次未通过评估,需重新提出创建申请;第3次评估(2027-06-01)"));
        p.attempts.pop();
        let (e, _) = read(&p);
        assert!(e.must_reapply);
        assert_eq!(e.message.as_deref(), Some(retry_text(2, params()).as_str()));
    }

    #[test]
    fn a_notice_needs_a_passed_evaluation_before_it() {
        let mut p = Process::default();
        p.set_date(Stage::Notice, "2025-07-01");
        p.attempts = vec![attempt("2025-06-01", Some(false)), attempt("2025-08-01", Some(true))];
        let notice = |p: &Process| {
            let (e, mut f) = read(p);
            check_notice_after_pass(&e, &stage_dates(p, &mut Found::default()), params(), &mut f);
            f
        };
        let f = notice(&p);
        assert_eq!(
            f.of_stage(Stage::Notice)[0].message,
            "第十五条:评估合格的方可公示;公示前最近一次评估(2025-06-01)未通过"
        );
        p.attempts[0].passed = Some(true);
        assert!(notice(&p).of_stage(Stage::Notice).is_empty());
    }
}

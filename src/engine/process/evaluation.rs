//! The evaluations of the 市场监管总局 (第十四条) and what may follow a failed one (第十七条): the
//! attempts are read, put in date order and split into creation rounds (a new 申请创建 starts a
//! round); [`after_failures`] is the one place the retry rule is applied.

use serde::Serialize;

use super::found::{attempt_location, Found};
use super::stages::StageDates;
use crate::engine::model::process::{Process, Stage};
use crate::engine::model::rubric::ProcessParams;
use crate::engine::support::dates::{parse_optional, Date};
use crate::engine::support::problem::Problem;

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
    /// 第十七条 guidance, when there is any.
    pub message: Option<String>,
}

/// What may follow failed evaluations in one creation round (第十七条).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Apply for evaluation again at the next 示范区评估认定 (按第十二条).
    EvaluateAgain,
    /// Apply for creation anew (第七条): no further evaluation in this round.
    Reapply,
}

/// 第十七条: "未通过市场监管总局评估的,可以在下一次示范区评估认定时再次提交评估申请;再次评估仍未通过
/// 的,需重新提出创建申请": the number of failed evaluations that ends a creation round.
const FAILURES_ENDING_A_ROUND: usize = 2;

/// The retry rule (第十七条): what may follow `failures` failed evaluations in the current round.
pub fn after_failures(failures: usize) -> AfterFailure {
    if failures >= FAILURES_ENDING_A_ROUND {
        AfterFailure::Reapply
    } else {
        AfterFailure::EvaluateAgain
    }
}

impl AfterFailure {
    /// The stage to record next.
    pub fn next_stage(self) -> Stage {
        match self {
            AfterFailure::EvaluateAgain => Stage::EvaluationApplication,
            AfterFailure::Reapply => Stage::Apply,
        }
    }

    /// The guidance after the latest evaluation failed.
    pub fn text(self) -> &'static str {
        match self {
            AfterFailure::EvaluateAgain => {
                "第十七条:未通过市场监管总局评估,可在下一次示范区评估认定时再次提交评估申请(按第十二条)"
            }
            AfterFailure::Reapply => "第十七条:再次评估仍未通过,需重新提出创建申请(第七条)",
        }
    }
}

/// The guidance after a passed evaluation: the 公示 of `notice_days` (第十五条).
pub fn passed_text(params: &ProcessParams) -> String {
    format!("评估合格:市场监管总局将示范区建议名单进行为期{}天的公示(第十五条)", params.notice_days)
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
                found.attempt(i, Problem::error(attempt_location(i), "未填写评估日期"));
                undated.push(i);
            }
            Err(msg) => {
                found.attempt(i, Problem::error(attempt_location(i), format!("评估日期无效:{msg}")));
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
    params: &ProcessParams,
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
            let at = attempt_location(i);
            if let Some(ap) = approved.filter(|ap| d < *ap) {
                found.attempt(i, Problem::error(at.clone(), format!("评估日期{d}早于「总局同意创建」的日期{ap}")));
            }
            if after_failures(failures) == AfterFailure::Reapply {
                found.attempt(
                    i,
                    Problem::error(
                        at,
                        format!(
                            "第十七条:本轮创建已两次未通过评估,需重新提出创建申请;第{number}次评估({d})之前未记录新的「申请创建」(申请创建的日期应晚于第二次未通过的评估)"
                        ),
                    ),
                );
            } else if passed_seen {
                found.attempt(i, Problem::warning(at, "评估已通过后又记录了评估,请核对"));
            }
            match a.passed {
                Some(false) => failures += 1,
                Some(true) => passed_seen = true,
                None if Some(i) != last_in_round => {
                    found.attempt(i, Problem::warning(attempt_location(i), "评估结果未填写,而其后还有评估记录"))
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
    let message = match latest {
        Some(false) => Some(after_failures(failures).text().to_string()),
        Some(true) => Some(passed_text(params)),
        None => None,
    };
    let must_reapply = latest == Some(false) && after_failures(failures) == AfterFailure::Reapply;
    EvaluationView { attempts, failures, latest, must_reapply, message }
}

/// 第十五条: only a zone that passed its evaluation is put to 公示; a notice whose latest
/// evaluation before it (in the current round) failed is an error.
pub fn check_notice_after_pass(evaluation: &EvaluationView, stages: &StageDates, found: &mut Found) {
    let Some(nd) = stages.date(Stage::Notice) else { return };
    let before = evaluation.attempts.iter().rev().find(|a| !a.earlier_round && a.date.is_some_and(|d| d <= nd));
    if let Some(a) = before.filter(|a| a.passed == Some(false)) {
        found.stage_error(
            Stage::Notice,
            format!(
                "第十五条:评估合格的方可公示;公示前最近一次评估({})未通过",
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
        assert_eq!(after_failures(0), AfterFailure::EvaluateAgain);
        assert_eq!(after_failures(1), AfterFailure::EvaluateAgain);
        assert_eq!(after_failures(2), AfterFailure::Reapply);
        assert_eq!(after_failures(3), AfterFailure::Reapply);
        assert_eq!(AfterFailure::EvaluateAgain.next_stage(), Stage::EvaluationApplication);
        assert_eq!(AfterFailure::Reapply.next_stage(), Stage::Apply);
        assert!(AfterFailure::Reapply.text().contains("需重新提出创建申请"));
        assert!(AfterFailure::EvaluateAgain.text().contains("再次提交评估申请"));
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
        assert_eq!(e.message.as_deref(), Some(AfterFailure::EvaluateAgain.text()));

        p.attempts =
            vec![attempt("2025-06-01", Some(false)), attempt("2026-06-01", Some(false)), attempt("2027-06-01", None)];
        let (e, f) = read(&p);
        assert!(!e.must_reapply, "the latest result is not known");
        assert_eq!(f.all.len(), 1);
        assert!(f.all.listed()[0]
            .message
            .starts_with("第十七条:本轮创建已两次未通过评估,需重新提出创建申请;第3次评估(2027-06-01)"));
        p.attempts.pop();
        let (e, _) = read(&p);
        assert!(e.must_reapply);
        assert_eq!(e.message.as_deref(), Some(AfterFailure::Reapply.text()));
    }

    #[test]
    fn a_notice_needs_a_passed_evaluation_before_it() {
        let mut p = Process::default();
        p.set_date(Stage::Notice, "2025-07-01");
        p.attempts = vec![attempt("2025-06-01", Some(false)), attempt("2025-08-01", Some(true))];
        let notice = |p: &Process| {
            let (e, mut f) = read(p);
            check_notice_after_pass(&e, &stage_dates(p, &mut Found::default()), &mut f);
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

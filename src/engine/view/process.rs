//! What the 申请条件 and 创建流程 pages show of the process read (`process::eligibility`,
//! `process::timeline`): the marks and classes of the navigation and of each stage, the headings
//! of the next step and of each record, and the labels of the choice lists. The rules are not
//! here; only how their results look.

use crate::engine::model::banfa::Banfa;
use crate::engine::model::process::{EventKind, Stage};
use crate::engine::process::eligibility::{EligibilityResult, EligibilityStatus};
use crate::engine::process::evaluation::AttemptView;
use crate::engine::process::found::event_location;
use crate::engine::process::next_step::NextStep;
use crate::engine::process::timeline::TimelineView;
use crate::engine::support::problem::Problem;

// ---------------------------------------------------------------------------------------------
// 申请条件

/// The state of 申请条件 in the navigation (class, meaning), like the indicators' marks.
pub fn eligibility_nav_state(r: &EligibilityResult) -> (&'static str, &'static str) {
    match r.status {
        EligibilityStatus::Eligible => ("state-done", "符合申请创建条件"),
        EligibilityStatus::NotEligible => ("state-error", "不具备申请创建条件"),
        EligibilityStatus::Incomplete if r.conditions.iter().all(|c| c.met.is_none()) => ("state-empty", "尚未判断"),
        EligibilityStatus::Incomplete => ("state-partial", "尚未判断完整"),
    }
}

/// The CSS class of the result box of 申请条件.
pub fn eligibility_class(r: &EligibilityResult) -> &'static str {
    match r.status {
        EligibilityStatus::Eligible => "eligibility-result eligible",
        EligibilityStatus::NotEligible => "eligibility-result not-eligible",
        EligibilityStatus::Incomplete => "eligibility-result incomplete",
    }
}

// ---------------------------------------------------------------------------------------------
// 创建流程

/// The state of 创建流程 in the navigation (class, meaning), like the indicators' marks.
pub fn timeline_nav_state(t: &TimelineView) -> (&'static str, &'static str) {
    if t.has_errors() {
        ("state-error", "创建流程有错误")
    } else if t.status.recognised.is_some() {
        ("state-done", "已认定")
    } else if t.current.is_some() {
        ("state-partial", "创建流程进行中")
    } else {
        ("state-empty", "尚未记录")
    }
}

/// Where a stage stands, for the list of stages: a CSS class and its meaning (Chinese).
/// A stage with an error says so first; then 当前阶段 (the latest dated stage), 已记录 (dated),
/// 下一步 (the stage [`TimelineView::next`] names), 未到.
pub fn stage_mark(t: &TimelineView, stage: Stage) -> (&'static str, &'static str) {
    let view = t.stage(stage);
    if view.problems.iter().any(Problem::is_error) {
        ("stage-error", "有错误")
    } else if t.current == Some(stage) {
        ("stage-current", "当前阶段")
    } else if view.date.is_some() {
        ("stage-done", "已记录")
    } else if t.next.as_ref().and_then(|n| n.stage) == Some(stage) {
        ("stage-next", "下一步")
    } else {
        ("stage-pending", "未到")
    }
}

/// `下一步:自评(第十二条)`, or `下一步` alone when no stage is to be recorded (waiting).
pub fn next_heading(n: &NextStep, banfa: &Banfa) -> String {
    match n.stage {
        Some(s) => format!("下一步:{}", banfa.stage_title(s)),
        None => "下一步".to_string(),
    }
}

/// `期限:2028-03-10(还有1013天;未计入法定节假日)`; `None` when nothing is due on a date.
pub fn next_due_text(n: &NextStep) -> Option<String> {
    let due = n.due?;
    let mut parts = Vec::new();
    if let Some(d) = n.days_left {
        parts.push(days_left_text(d));
    }
    if let Some(note) = n.note {
        parts.push(note.to_string());
    }
    Some(if parts.is_empty() { format!("期限:{due}") } else { format!("期限:{due}({})", parts.join(";")) })
}

/// `还有3天`, `就是今天`, `已过3天`: how far a due date is from today.
pub fn days_left_text(days: i64) -> String {
    match days {
        0 => "就是今天".to_string(),
        d if d > 0 => format!("还有{d}天"),
        d => format!("已过{}天", d.unsigned_abs()),
    }
}

/// The 第十七条 heading of an evaluation record by its index in `Process::attempts`.
pub fn attempt_label(t: &TimelineView, index: usize) -> String {
    match t.evaluation.attempts.iter().find(|a| a.index == index) {
        Some(a) => attempt_heading(a),
        None => format!("第{}条评估记录", index + 1),
    }
}

/// `本轮第1次评估`, `此前创建轮次的评估(不计入本轮)`, or why it cannot be placed.
pub fn attempt_heading(a: &AttemptView) -> String {
    match (a.earlier_round, a.number_in_round) {
        (true, _) => "此前创建轮次的评估(早于本轮申请创建,不计入本轮)".to_string(),
        (false, Some(n)) => format!("本轮第{n}次评估"),
        (false, None) => "评估日期未填写或无效,未计入".to_string(),
    }
}

/// Whether the 第二十二条 records are to be shown: the zone is recognised, or some are recorded.
pub fn shows_management(t: &TimelineView) -> bool {
    t.status.recognised.is_some() || !t.events.is_empty()
}

/// The heading of a dynamic-management record by its index: `动态管理记录第1条` (as problems name it).
pub fn event_record_label(index: usize) -> String {
    event_location(index).field.unwrap_or_default()
}

/// The label of a 第二十二条 situation for a choice list: `(一)重大事件或重大违法案件`.
pub fn event_kind_choice(k: EventKind) -> String {
    format!("{}{}", k.number(), k.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::process::{Eligibility, EligibilityCondition, Process};
    use crate::engine::process::eligibility::check_eligibility;
    use crate::engine::process::fixtures::{attempt, d, evaluated, params, subject, with};
    use crate::engine::process::timeline::timeline;

    #[test]
    fn labels_for_the_page_come_from_the_timeline() {
        assert_eq!(days_left_text(3), "还有3天");
        assert_eq!(days_left_text(0), "就是今天");
        assert_eq!(days_left_text(-12), "已过12天");

        let p = with(&[
            (Stage::Apply, "2024-11-01"),
            (Stage::ProvinceRecommend, "2024-12-01"),
            (Stage::Approved, "2025-03-10"),
        ]);
        let t = timeline(&p, &subject(), &params(), d("2028-03-07"));
        let next = t.next.clone().unwrap();
        assert_eq!(next_heading(&next, params()), "下一步:创建(第十条)");
        assert_eq!(next_due_text(&next).unwrap(), "期限:2028-03-10(还有3天;未计入法定节假日)");
        assert_eq!(stage_mark(&t, Stage::Apply), ("stage-done", "已记录"));
        assert_eq!(stage_mark(&t, Stage::Approved), ("stage-current", "当前阶段"));
        assert_eq!(stage_mark(&t, Stage::Creating), ("stage-next", "下一步"));
        assert_eq!(stage_mark(&t, Stage::Notice), ("stage-pending", "未到"));
        assert_eq!(timeline_nav_state(&t).0, "state-partial");
        assert!(!shows_management(&t));

        // Waiting for a result: no stage, no due date.
        let t = timeline(&evaluated(vec![attempt("2025-06-01", None)]), &subject(), &params(), d("2025-07-01"));
        let next = t.next.clone().unwrap();
        assert_eq!(next_heading(&next, params()), "下一步");
        assert_eq!(next_due_text(&next), None);
        assert_eq!(attempt_label(&t, 0), "本轮第1次评估");
        assert_eq!(attempt_label(&t, 7), "第8条评估记录");
        assert!(t.attempt_problems(7).is_empty());

        let p = with(&[(Stage::Apply, "2025-03-01"), (Stage::ProvinceRecommend, "2025-02-01")]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        assert_eq!(stage_mark(&t, Stage::ProvinceRecommend), ("stage-error", "有错误"));
        assert_eq!(timeline_nav_state(&t), ("state-error", "创建流程有错误"));
        assert_eq!(
            timeline_nav_state(&timeline(&Process::default(), &subject(), &params(), d("2025-06-01"))).0,
            "state-empty"
        );

        let mut p = evaluated(vec![attempt("2021-06-01", Some(false)), attempt("", Some(true))]);
        p.set_date(Stage::Notice, "2025-06-01");
        p.set_date(Stage::Recognised, "2025-07-01");
        let t = timeline(&p, &subject(), &params(), d("2025-08-01"));
        assert!(attempt_label(&t, 0).starts_with("此前创建轮次的评估"));
        assert_eq!(attempt_label(&t, 1), "评估日期未填写或无效,未计入");
        assert_eq!(t.attempt_problems(1)[0].message, "未填写评估日期");
        assert!(shows_management(&t));
        assert_eq!(event_kind_choice(EventKind::Decline), "(三)工作明显下滑或存在突出问题");
        assert_eq!(event_record_label(0), "动态管理记录第1条");
    }

    #[test]
    fn eligibility_nav_state_and_class() {
        let mut e = Eligibility::default();
        assert_eq!(eligibility_nav_state(&check_eligibility(&subject(), &e, params())).0, "state-empty");
        e.innovation.met = Some(true);
        assert_eq!(eligibility_nav_state(&check_eligibility(&subject(), &e, params())).0, "state-partial");
        e.platform_economy.met = Some(false);
        let r = check_eligibility(&subject(), &e, params());
        assert_eq!(eligibility_nav_state(&r).0, "state-error");
        assert_eq!(eligibility_class(&r), "eligibility-result not-eligible");
        for c in EligibilityCondition::ALL {
            let a = e.answer_mut(c);
            a.met = Some(true);
            a.basis = "有".into();
        }
        let r = check_eligibility(&subject(), &e, params());
        assert_eq!(eligibility_nav_state(&r), ("state-done", "符合申请创建条件"));
        assert_eq!(eligibility_class(&r), "eligibility-result eligible");
    }
}

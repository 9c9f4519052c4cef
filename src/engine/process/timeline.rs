//! The timeline of the creation process (第七条–第十七条, 第二十二条): the stages and their dates,
//! evaluation attempts (第十七条) and dynamic management (第二十二条).
//!
//! [`timeline`] reads the process as entered (`model::process`) in steps, each in its own module
//! and each adding the problems it finds (in Chinese, located by stage, attempt or record) to one
//! [`Found`]:
//!
//! 1. stage dates (`stages::stage_dates`): one record per stage, its date parsed;
//! 2. order check (`stages::check_order`, `stages::check_application`): dates in stage order,
//!    none after today, none skipped; an application while not eligible;
//! 3. creation period (`periods::creation_period`, 第九条, 《民法典》第二百零二条);
//! 4. notice (`periods::notice_period`, 第十五条, 《民法典》第二百零一条);
//! 5. evaluations (`evaluation::evaluations`, 第十四条, 第十七条);
//! 6. management events (`management::management_events`, 第二十二条) and the zone's status;
//! 7. the next step (`next_step::next_step`);
//! 8. stage views (`stages::stage_views`): every stage with the problems found about it.
//!
//! It never changes what was entered. See `docs/process.md`. What the page shows of it (marks,
//! labels) is in `view::process`.

use serde::Serialize;

use super::eligibility::{check_eligibility, EligibilityResult};
use super::evaluation::{check_notice_after_pass, evaluations, EvaluationView};
use super::found::{Found, PROCESS_SECTION};
use super::management::{management_events, zone_status, EventView, ZoneStatus};
use super::next_step::{next_step, NextStep, Progress};
use super::periods::{
    check_after_creation, check_recognition_after_notice, creation_period, notice_period, CreationPeriod, NoticePeriod,
};
use super::stages::{check_application, check_order, stage_dates, stage_views, StageView};
use crate::engine::model::assessment::Subject;
use crate::engine::model::process::{Process, Stage};
use crate::engine::model::banfa::Banfa;
use crate::engine::support::dates::{Date, MAX_YEAR};
use crate::engine::support::problem::{Location, Problem, ProblemList};

/// The process read: every stage, the periods, what is next, and every problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineView {
    pub eligibility: EligibilityResult,
    /// Every stage in order (recorded or not).
    pub stages: Vec<StageView>,
    /// The latest stage with a valid date.
    pub current: Option<Stage>,
    pub creation: Option<CreationPeriod>,
    pub notice: Option<NoticePeriod>,
    pub evaluation: EvaluationView,
    pub next: Option<NextStep>,
    pub status: ZoneStatus,
    pub events: Vec<EventView>,
    /// All problems (errors and warnings), in Chinese.
    pub problems: Vec<Problem>,
    pub today: Date,
}

impl TimelineView {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.is_error())
    }

    pub fn stage(&self, stage: Stage) -> &StageView {
        &self.stages[stage.index()]
    }

    /// The problems of one evaluation attempt (by its index in [`Process::attempts`]).
    pub fn attempt_problems(&self, index: usize) -> &[Problem] {
        self.evaluation.attempts.iter().find(|a| a.index == index).map(|a| a.problems.as_slice()).unwrap_or(&[])
    }

    /// The problems of one dynamic-management record (by its index in [`Process::events`]).
    pub fn event_problems(&self, index: usize) -> &[Problem] {
        self.events.get(index).map(|e| e.problems.as_slice()).unwrap_or(&[])
    }
}

fn process_location(field: String) -> Location {
    Location { section: Some(PROCESS_SECTION.into()), field: Some(field), ..Default::default() }
}

/// Reads the process: dates, periods, order, 第十七条, 第二十二条, and what is next as of `today`,
/// in the steps listed at the top of this module. Never panics; never changes what was entered.
pub fn timeline(process: &Process, subject: &Subject, banfa: &Banfa, today: Date) -> TimelineView {
    let (mut view, problems) = read_timeline(process, subject, banfa, today, Found::default());
    view.problems = problems.finish(process_location("创建流程".into()));
    view
}

/// The problems of a process as a file records it, without a today (nothing is "later than
/// today"): its dates, their order, repeated stages, 第十七条 and 第二十二条. Capped.
pub fn process_problems(process: &Process, subject: &Subject, banfa: &Banfa) -> ProblemList {
    match Date::new(MAX_YEAR, 12, 31) {
        Some(far) => read_timeline(process, subject, banfa, far, Found::all_only()).1,
        None => ProblemList::default(),
    }
}

/// The timeline with its problems apart (its `problems` empty).
fn read_timeline(
    process: &Process,
    subject: &Subject,
    banfa: &Banfa,
    today: Date,
    mut found: Found,
) -> (TimelineView, ProblemList) {
    let eligibility = check_eligibility(subject, &process.eligibility, banfa);
    let stages = stage_dates(process, &mut found);
    let current = check_order(&stages, today, banfa, &mut found);
    check_application(&stages, &eligibility, &mut found);
    let creation = creation_period(stages.date(Stage::Approved), subject, banfa, &mut found);
    check_after_creation(creation.as_ref(), &stages, banfa, &mut found);
    let notice = notice_period(stages.date(Stage::Notice), banfa);
    check_recognition_after_notice(notice.as_ref(), &stages, banfa, &mut found);
    let evaluation = evaluations(process, &stages, banfa, &mut found);
    check_notice_after_pass(&evaluation, &stages, banfa, &mut found);
    let recognised = stages.date(Stage::Recognised);
    let management = management_events(process, recognised, today, banfa, &mut found);
    let status = zone_status(recognised, management.revoked, current, banfa);
    let progress = Progress {
        current,
        status: &status,
        creation: creation.as_ref(),
        notice: notice.as_ref(),
        evaluation: &evaluation,
    };
    let next = next_step(&progress, banfa, today);
    let view = TimelineView {
        eligibility,
        stages: stage_views(&stages, banfa, &found),
        current,
        creation,
        notice,
        evaluation,
        next,
        status,
        events: management.events,
        problems: Vec::new(),
        today,
    };
    (view, found.all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::process::fixtures::{attempt, d, evaluated, params, subject, with};
    use crate::engine::model::process::{EventKind, ManagementEvent, Measure, StageRecord};

    fn messages(t: &TimelineView) -> Vec<String> {
        t.problems.iter().map(|p| p.message.clone()).collect()
    }

    #[test]
    fn the_file_check_lists_and_counts_what_the_page_does() {
        // process_problems makes only the problems it lists: its list, and the count of the rest
        // ("另有N处…"), are the page's, however many records there are.
        let mut p = evaluated((0..60).map(|i| attempt(if i % 7 == 0 { "2025-13-01" } else { "2025-06-01" }, Some(i % 3 == 0))).collect());
        p.events = (0..70)
            .map(|i| ManagementEvent {
                date: if i % 5 == 0 { String::new() } else { "2026-01-01".into() },
                kind: (i % 2 == 0).then_some(EventKind::MajorCase),
                measure: Some(Measure::Revoke),
                ..Default::default()
            })
            .collect();
        let far = Date::new(MAX_YEAR, 12, 31).unwrap();
        let page = timeline(&p, &subject(), &params(), far);
        let file = process_problems(&p, &subject(), &params()).finish(process_location("创建流程".into()));
        assert_eq!(file, page.problems);
        let last = file.last().unwrap();
        assert!(last.message.starts_with("另有") && last.message.contains("处错误和"), "{last}");
        // The page still shows each record's own problems.
        assert!(page.events.iter().all(|e| !e.problems.is_empty()));
    }

    #[test]
    fn empty_process_says_apply_next() {
        let t = timeline(&Process::default(), &subject(), &params(), d("2025-01-01"));
        assert_eq!(t.current, None);
        assert!(t.problems.is_empty());
        let next = t.next.unwrap();
        assert_eq!(next.stage, Some(Stage::Apply));
        assert!(next.text.contains("第七条"));
        assert_eq!(t.status.text, "尚未申请创建");
        assert_eq!(t.stages.len(), 10);
        assert!(t.stages.iter().all(|s| s.date.is_none()));
    }

    #[test]
    fn backwards_dates_are_errors_naming_both_stages() {
        let p = with(&[
            (Stage::Apply, "2025-03-01"),
            (Stage::ProvinceRecommend, "2025-02-01"),
            (Stage::Approved, "2025-04-01"),
        ]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        let errors: Vec<_> = t.problems.iter().filter(|p| p.is_error()).collect();
        assert_eq!(errors.len(), 1, "{:#?}", t.problems);
        assert_eq!(
            errors[0].message,
            "「省级初审推荐」(第八条)的日期2025-02-01早于前一阶段「申请创建」(第七条)的日期2025-03-01:阶段日期不能倒退"
        );
        assert_eq!(errors[0].location.section.as_deref(), Some(PROCESS_SECTION));
        assert_eq!(errors[0].location.field.as_deref(), Some("省级初审推荐日期"));
        assert_eq!(t.stage(Stage::ProvinceRecommend).problems.len(), 1);
        // Same day is fine.
        let p = with(&[(Stage::Apply, "2025-03-01"), (Stage::ProvinceRecommend, "2025-03-01")]);
        assert!(timeline(&p, &subject(), &params(), d("2025-06-01")).problems.is_empty());
    }

    #[test]
    fn a_wrong_early_date_flags_every_later_stage_against_it() {
        let p = with(&[
            (Stage::Apply, "2024-01-10"),
            (Stage::ProvinceRecommend, "2025-03-01"),
            (Stage::Approved, "2024-02-01"),
            (Stage::Creating, "2024-02-15"),
        ]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        let errors: Vec<_> = t.problems.iter().filter(|p| p.is_error()).map(|p| p.message.clone()).collect();
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors.iter().all(|m| m.contains("「省级初审推荐」(第八条)的日期2025-03-01")));
    }

    #[test]
    fn invalid_and_duplicate_and_skipped_stages() {
        let mut p = with(&[(Stage::Apply, "2025/1/1"), (Stage::Approved, "2025-02-29")]);
        p.stages.push(StageRecord { stage: Stage::Apply, date: "2025-01-01".into(), ..StageRecord::new(Stage::Apply) });
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        let m = messages(&t);
        assert!(m.iter().any(|x| x.starts_with("「申请创建」的日期无效:日期格式应为YYYY-MM-DD")), "{m:#?}");
        assert!(m.iter().any(|x| x.starts_with("「总局同意创建」的日期无效:2025年2月没有29日")), "{m:#?}");
        assert!(m.iter().any(|x| x.starts_with("「申请创建」记录了不止一次(第3条重复记录未采用)")), "{m:#?}");
        assert_eq!(t.current, None);

        let p = with(&[(Stage::Apply, "2025-01-01"), (Stage::Approved, "2025-03-01")]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        assert_eq!(messages(&t), ["「省级初审推荐」未记录日期,而其后的阶段「总局同意创建」已记录"]);
        assert!(!t.has_errors());
    }

    #[test]
    fn creation_period_and_next_step_after_approval() {
        let p = with(&[
            (Stage::Apply, "2024-11-01"),
            (Stage::ProvinceRecommend, "2024-12-01"),
            (Stage::Approved, "2025-03-10"),
        ]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        assert!(t.problems.is_empty(), "{:#?}", t.problems);
        let c = t.creation.clone().unwrap();
        assert_eq!((c.start, c.end, c.years), (d("2025-03-10"), d("2028-03-10"), 3));
        assert_eq!(c.text, "创建期3年,自2025-03-10总局同意创建起算,至2028-03-10届满(《民法典》第二百零二条)");
        let next = t.next.unwrap();
        assert_eq!(next.stage, Some(Stage::Creating));
        assert_eq!(next.due, Some(d("2028-03-10")));
        assert!(next.text.contains("创建期至2028-03-10届满"), "{}", next.text);
        assert!(next.text.contains("自评"));
        assert_eq!(next.days_left, Some(d("2025-06-01").days_until(d("2028-03-10"))));

        // After the period: self-assessment is due now.
        let t = timeline(&p, &subject(), &params(), d("2028-03-11"));
        let next = t.next.unwrap();
        assert_eq!(next.stage, Some(Stage::SelfAssessment));
        assert!(next.text.starts_with("创建期已于2028-03-10届满"));
    }

    #[test]
    fn creation_period_end_on_month_ends_and_february_29() {
        let mut s = subject();
        s.start_year = Some(2024);
        s.years = Some(1);
        let t = timeline(&with(&[(Stage::Approved, "2024-02-29")]), &s, &params(), d("2024-03-01"));
        assert_eq!(t.creation.unwrap().end, d("2025-02-28"));
        s.years = Some(3);
        let t = timeline(&with(&[(Stage::Approved, "2024-02-29")]), &s, &params(), d("2024-03-01"));
        assert_eq!(t.creation.unwrap().end, d("2027-02-28"));
        s.years = Some(2);
        s.start_year = Some(2025);
        let t = timeline(&with(&[(Stage::Approved, "2025-08-31")]), &s, &params(), d("2025-09-01"));
        assert_eq!(t.creation.unwrap().end, d("2027-08-31"));
    }

    #[test]
    fn longer_period_warned_never_refused_and_start_year_disagreement() {
        let mut s = subject();
        s.years = Some(4);
        s.start_year = Some(2026);
        let t = timeline(&with(&[(Stage::Approved, "2025-03-10")]), &s, &params(), d("2025-06-01"));
        let c = t.creation.clone().unwrap();
        assert_eq!(c.end, d("2029-03-10"));
        assert!(c.outside_bounds);
        assert!(!t.has_errors());
        let m = messages(&t);
        assert!(m.iter().any(|x| x.starts_with("创建期4年,超过第九条“创建活动周期一般不超过3年”")), "{m:#?}");
        assert!(m.iter().any(|x| x.starts_with("基本情况中的创建期起始年份为2026年,而总局同意创建的日期为2025-03-10")));

        s.years = None;
        s.start_year = Some(2025);
        let t = timeline(&with(&[(Stage::Approved, "2025-03-10")]), &s, &params(), d("2025-06-01"));
        let c = t.creation.unwrap();
        assert!(c.years_assumed);
        assert_eq!(c.end, d("2028-03-10"));
    }

    #[test]
    fn self_assessment_before_the_period_ends_is_a_warning() {
        let mut p = with(&[(Stage::Approved, "2025-03-10"), (Stage::Creating, "2025-04-01")]);
        p.set_date(Stage::SelfAssessment, "2028-03-10");
        let t = timeline(&p, &subject(), &params(), d("2028-04-01"));
        assert!(!t.has_errors());
        assert!(messages(&t).iter().any(|m| m.starts_with("「自评」的日期2028-03-10不在创建期届满(2028-03-10)之后")));
        p.set_date(Stage::SelfAssessment, "2028-03-11");
        let t = timeline(&p, &subject(), &params(), d("2028-04-01"));
        assert!(!messages(&t).iter().any(|m| m.contains("自评」的日期")));
    }

    #[test]
    fn notice_end_and_recognition_inside_the_notice_refused() {
        let p = with(&[(Stage::Notice, "2025-05-05")]);
        let t = timeline(&p, &subject(), &params(), d("2025-05-06"));
        let n = t.notice.clone().unwrap();
        assert_eq!(n.end, d("2025-05-20"));
        assert_eq!(n.note, "未计入法定节假日");
        let next = t.next.unwrap();
        assert_eq!(next.stage, Some(Stage::Recognised));
        assert_eq!(next.text, "公示期满2025-05-20后可认定(第十六条):社会无异议或经核实异议不成立的,经市场监管总局批准认定为示范区");
        assert_eq!(next.due, Some(d("2025-05-20")));
        assert_eq!(next.note, Some("未计入法定节假日"));

        let p = with(&[(Stage::Notice, "2025-05-05"), (Stage::Recognised, "2025-05-20")]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        let errors: Vec<_> = t.problems.iter().filter(|p| p.is_error()).collect();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("第十六条:公示期满后方可认定"));
        let p = with(&[(Stage::Notice, "2025-05-05"), (Stage::Recognised, "2025-05-21")]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        assert!(!t.has_errors(), "{:#?}", t.problems);
    }

    #[test]
    fn article_17_one_failure_then_two() {
        let mut s = subject();
        s.start_year = Some(2022);
        let p = evaluated(vec![attempt("2025-06-01", Some(false))]);
        let t = timeline(&p, &s, &params(), d("2025-07-01"));
        assert!(t.problems.is_empty(), "{:#?}", t.problems);
        assert_eq!(t.evaluation.failures, 1);
        assert!(t.evaluation.message.as_deref().unwrap().contains("可在下一次示范区评估认定时再次申请评估"));
        assert_eq!(t.next.as_ref().unwrap().stage, Some(Stage::EvaluationApplication));

        let p = evaluated(vec![attempt("2025-06-01", Some(false)), attempt("2024-06-01", Some(false))]);
        let t = timeline(&p, &s, &params(), d("2025-07-01"));
        assert_eq!(t.evaluation.failures, 2);
        assert!(t.evaluation.must_reapply);
        assert!(t.evaluation.message.as_deref().unwrap().contains("需重新申请创建"));
        assert_eq!(t.next.as_ref().unwrap().stage, Some(Stage::Apply));
        // Date order, not entry order.
        assert_eq!(t.evaluation.attempts[0].index, 1);

        // A third attempt without a new application is refused.
        let p = evaluated(vec![
            attempt("2024-06-01", Some(false)),
            attempt("2025-06-01", Some(false)),
            attempt("2026-06-01", Some(true)),
        ]);
        let t = timeline(&p, &s, &params(), d("2026-07-01"));
        let errors: Vec<_> = t.problems.iter().filter(|p| p.is_error()).collect();
        assert_eq!(errors.len(), 1, "{:#?}", t.problems);
        assert!(errors[0].message.starts_with("第十七条:本轮创建已2次未通过评估,需重新提出创建申请;第3次评估(2026-06-01)"));
        assert_eq!(errors[0].location.field.as_deref(), Some("评估记录第3条"));
    }

    #[test]
    fn article_17_new_application_starts_a_new_round() {
        let mut p = evaluated(vec![
            attempt("2024-06-01", Some(false)),
            attempt("2025-06-01", Some(false)),
            attempt("2029-06-01", Some(true)),
        ]);
        for (s, date) in [
            (Stage::Apply, "2025-09-01"),
            (Stage::ProvinceRecommend, "2025-10-01"),
            (Stage::Approved, "2026-01-10"),
            (Stage::Creating, "2026-02-01"),
            (Stage::SelfAssessment, "2029-02-01"),
            (Stage::EvaluationApplication, "2029-03-01"),
            (Stage::ProvinceReview, "2029-04-01"),
            (Stage::NationalEvaluation, "2029-05-01"),
        ] {
            p.set_date(s, date);
        }
        let mut s = subject();
        s.start_year = Some(2026);
        let t = timeline(&p, &s, &params(), d("2029-07-01"));
        assert!(t.problems.is_empty(), "{:#?}", t.problems);
        assert_eq!(t.evaluation.failures, 0);
        assert_eq!(t.evaluation.latest, Some(true));
        assert!(t.evaluation.attempts[0].earlier_round && t.evaluation.attempts[1].earlier_round);
        assert_eq!(t.evaluation.attempts[2].number_in_round, Some(1));
        assert_eq!(t.next.unwrap().stage, Some(Stage::Notice));
    }

    #[test]
    fn notice_after_a_failed_evaluation_is_an_error() {
        let mut p = evaluated(vec![attempt("2025-06-01", Some(false))]);
        p.set_date(Stage::Notice, "2025-07-01");
        let mut s = subject();
        s.start_year = Some(2022);
        let t = timeline(&p, &s, &params(), d("2025-07-02"));
        assert!(messages(&t).iter().any(|m| m.starts_with("第十五条:评估合格的方可公示")));
    }

    #[test]
    fn events_after_recognition_and_revocation() {
        let mut p = with(&[(Stage::Notice, "2025-05-05"), (Stage::Recognised, "2025-06-01")]);
        p.events.push(ManagementEvent {
            date: "2026-03-01".into(),
            kind: Some(EventKind::Decline),
            measure: Some(Measure::Warning),
            ..Default::default()
        });
        let t = timeline(&p, &subject(), &params(), d("2026-04-01"));
        let own: Vec<_> = t.problems.iter().filter(|p| p.location.field.as_deref() == Some("动态管理记录第1条")).collect();
        assert!(own.is_empty(), "{own:#?}");
        assert!(t.status.dynamic_management);
        assert!(t.status.text.contains("适用动态管理(第二十二条)"));
        assert_eq!(t.next.unwrap().stage, None);

        p.events.push(ManagementEvent {
            date: "2026-09-01".into(),
            kind: Some(EventKind::MajorCase),
            measure: Some(Measure::Revoke),
            ..Default::default()
        });
        p.events.push(ManagementEvent {
            date: "2026-10-01".into(),
            kind: Some(EventKind::Decline),
            measure: Some(Measure::Interview),
            ..Default::default()
        });
        let t = timeline(&p, &subject(), &params(), d("2026-12-01"));
        assert_eq!(t.status.revoked, Some(d("2026-09-01")));
        assert!(!t.status.dynamic_management);
        assert!(t.status.text.starts_with("示范区资格已于2026-09-01取消(第二十二条)"));
        assert!(t.next.is_none());
        assert!(t.events[2].problems.iter().any(|p| p.message.contains("示范区资格已于2026-09-01取消")));
    }

    #[test]
    fn events_before_recognition_are_warned_and_incomplete_events_are_errors() {
        let mut p = with(&[(Stage::Apply, "2025-01-01")]);
        p.events.push(ManagementEvent { date: "2025-02-01".into(), ..Default::default() });
        let t = timeline(&p, &subject(), &params(), d("2025-03-01"));
        let m: Vec<_> = t.events[0].problems.iter().map(|p| (p.is_error(), p.message.clone())).collect();
        assert!(m.contains(&(false, "尚未记录「认定」:第二十二条的动态管理措施适用于已认定的示范区".to_string())), "{m:#?}");
        assert!(m.iter().any(|(e, x)| *e && x.starts_with("未选择情形")));
        assert!(m.iter().any(|(e, x)| *e && x.starts_with("未选择措施")));
    }

    #[test]
    fn future_dates_are_warned() {
        let t = timeline(&with(&[(Stage::Apply, "2030-01-01")]), &subject(), &params(), d("2025-01-01"));
        assert_eq!(messages(&t), ["「申请创建」的日期2030-01-01晚于今天(2025-01-01),请确认"]);
    }

    #[test]
    fn a_stage_recorded_many_times_lists_its_problems_up_to_the_cap() {
        use crate::engine::support::problem::MAX_LISTED;
        let mut p = Process::default();
        let mut apply = StageRecord::new(Stage::Apply);
        apply.date = "2024-01-01".into();
        p.stages = vec![apply; 10_000];
        let t = timeline(&p, &subject(), &params(), d("2026-01-01"));
        let listed = &t.stage(Stage::Apply).problems;
        assert_eq!(listed.len(), MAX_LISTED + 1);
        assert!(listed[0].message.contains("第2条重复记录未采用"), "{}", listed[0]);
        assert!(listed[MAX_LISTED].message.starts_with(&format!("另有{}处错误", 9_999 - MAX_LISTED)));
        assert_eq!(t.problems.len(), MAX_LISTED + 1);
        assert!(t.has_errors());
        let counted = process_problems(&p, &subject(), &params());
        assert_eq!(counted.len(), 9_999);
    }
}

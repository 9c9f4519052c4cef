//! The creation process: stage dates through the assessment file, the order of stages,
//! 第十七条, the 公示 and the creation period (《民法典》第二百零一条, 第二百零二条).

use demozone::engine::io::file::{read_file, write_file};
use demozone::engine::model::assessment::{Assessment, Subject, SubjectKind};
use demozone::engine::model::process::{
    Attempt, EligibilityCondition, EventKind, ManagementEvent, Measure, Process, Stage,
};
use demozone::engine::model::banfa::Banfa;
use demozone::engine::rubric::banfa::legacy_banfa;
use demozone::engine::process::eligibility::EligibilityStatus;
use demozone::engine::process::found::PROCESS_SECTION;
use demozone::engine::process::timeline::timeline;
use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::support::problem::Problem;

use super::fixtures::{date, subject};

/// The rules of the 2025-10-29 征求意见稿 (the tests of this file were written for them; the
/// 2026 办法's are in `banfa.rs`).
fn params() -> &'static Banfa {
    legacy_banfa()
}

/// 杭州市 with its creation period.
fn hangzhou_from(start_year: i32, years: u32) -> Subject {
    subject("杭州市", SubjectKind::SubProvincialCity, "浙江", start_year, years)
}

/// A process recorded from the application to the recognition, with one failed evaluation.
fn full_process() -> Process {
    let mut p = Process::default();
    for c in EligibilityCondition::ALL {
        let a = p.eligibility.answer_mut(c);
        a.met = Some(true);
        a.basis = format!("依据:{}", c.id());
    }
    for (stage, date, document) in [
        (Stage::Apply, "2020-10-08", "杭政函〔2020〕88号"),
        (Stage::ProvinceRecommend, "2020-11-15", "浙市监网〔2020〕12号"),
        (Stage::Approved, "2021-01-10", "市场监管总局同意创建的通知"),
        (Stage::Creating, "2021-02-01", "杭州市示范区创建方案"),
        (Stage::SelfAssessment, "2025-02-10", "自评报告"),
        (Stage::EvaluationApplication, "2025-03-01", "评估申请表"),
        (Stage::ProvinceReview, "2025-04-01", "省级评估初审意见"),
        (Stage::NationalEvaluation, "2025-05-01", "总局评估"),
        (Stage::Notice, "2025-06-05", "示范区建议名单公示"),
        (Stage::Recognised, "2025-07-01", "认定公告"),
    ] {
        let r = p.record_mut(stage);
        r.date = date.into();
        r.document = document.into();
    }
    p.record_mut(Stage::Notice).note = "公示期内无异议".into();
    p.attempts = vec![
        Attempt { date: "2024-05-20".into(), passed: Some(false), note: "首次评估未通过".into() },
        Attempt { date: "2025-05-20".into(), passed: Some(true), note: String::new() },
    ];
    p.events = vec![ManagementEvent {
        date: "2026-03-01".into(),
        kind: Some(EventKind::Decline),
        measure: Some(Measure::Interview),
        document: "约谈记录".into(),
        note: String::new(),
    }];
    p
}

#[test]
fn a_timeline_filled_to_recognition_round_trips_through_the_file() {
    let rubric = LoadedRubric::bundled();
    let mut a = Assessment { subject: hangzhou_from(2021, 3), process: full_process(), ..Default::default() };
    a.input_mut("4.1").values.insert("score".into(), "2".into());

    let text = write_file(&rubric, &a, "2026-04-01T08:00:00Z");
    assert!(text.contains("\"process\": {"));
    assert!(text.contains("\"stage\": \"recognised\""));
    assert!(text.contains("\"measure\": \"interview\""));
    let opened = read_file(&text, &[&rubric]).expect("the file opens");
    assert_eq!(opened.file.assessment, a);
    // Written again, the same text.
    assert_eq!(write_file(&rubric, &opened.file.assessment, "2026-04-01T08:00:00Z"), text);

    // Everything recorded is consistent, and the timeline is complete.
    let t = timeline(&a.process, &a.subject, &params(), date("2026-04-01"));
    assert!(!t.has_errors(), "{:#?}", t.problems);
    assert!(t.problems.is_empty(), "{:#?}", t.problems);
    assert_eq!(t.current, Some(Stage::Recognised));
    assert_eq!(t.eligibility.status, EligibilityStatus::Eligible);
    assert!(t.stages.iter().all(|s| s.date.is_some()));
    assert_eq!(t.creation.as_ref().unwrap().end, date("2024-01-10"));
    assert_eq!(t.notice.as_ref().unwrap().end, date("2025-06-20"));
    assert!(t.status.dynamic_management);
    assert_eq!(t.status.recognised, Some(date("2025-07-01")));
    assert_eq!(t.evaluation.failures, 1);
    assert_eq!(t.evaluation.latest, Some(true));
}

#[test]
fn an_empty_process_is_not_written() {
    let rubric = LoadedRubric::bundled();
    let a = Assessment { subject: hangzhou_from(2021, 3), ..Default::default() };
    let text = write_file(&rubric, &a, "");
    assert!(!text.contains("process"));
    assert_eq!(read_file(&text, &[&rubric]).unwrap().file.assessment.process, Process::default());
}

#[test]
fn a_file_with_an_unknown_stage_is_refused() {
    let rubric = LoadedRubric::bundled();
    let a = Assessment { subject: hangzhou_from(2021, 3), process: full_process(), ..Default::default() };
    let text = write_file(&rubric, &a, "").replace("\"stage\": \"notice\"", "\"stage\": \"publicity\"");
    let e = read_file(&text, &[&rubric]).unwrap_err();
    // The file format flattens the assessment into the file object, so serde cannot report the
    // path inside it; the message still names the value.
    assert!(e.message.starts_with("取值无效"), "{e}");
    assert!(e.message.contains("publicity"), "{e}");
}

#[test]
fn backward_dates_are_refused_with_the_stage_named() {
    let mut p = full_process();
    p.set_date(Stage::Notice, "2025-04-15"); // before 总局评估 (2025-05-01)
    let t = timeline(&p, &hangzhou_from(2021, 3), &params(), date("2026-04-01"));
    let errors: Vec<&Problem> = t.problems.iter().filter(|p| p.is_error()).collect();
    assert!(
        errors.iter().any(|p| p.message
            == "「公示」(第十五条)的日期2025-04-15早于前一阶段「总局评估」(第十四条)的日期2025-05-01:阶段日期不能倒退"),
        "{errors:#?}"
    );
    let at_notice = &t.stage(Stage::Notice).problems;
    assert!(at_notice.iter().any(|p| p.is_error()));
    let p0 = at_notice.iter().find(|p| p.is_error()).unwrap();
    assert_eq!(p0.location.section.as_deref(), Some(PROCESS_SECTION));
    assert_eq!(p0.location.field.as_deref(), Some("公示日期"));

    let mut p = full_process();
    p.set_date(Stage::Approved, "2020-11-01");
    let t = timeline(&p, &hangzhou_from(2020, 3), &params(), date("2026-04-01"));
    assert!(t.problems.iter().any(|p| p.is_error()
        && p.message.starts_with("「总局同意创建」(第九条)的日期2020-11-01早于前一阶段「省级初审推荐」(第八条)")));

    let mut p = full_process();
    p.set_date(Stage::SelfAssessment, "2025-13-01");
    let t = timeline(&p, &hangzhou_from(2021, 3), &params(), date("2026-04-01"));
    assert!(t
        .problems
        .iter()
        .any(|p| p.is_error() && p.message == "「自评」的日期无效:月份13无效(应为01至12):「2025-13-01」"));
}

fn evaluated(attempts: &[(&str, Option<bool>)]) -> Process {
    let mut p = full_process();
    p.events.clear();
    for s in [Stage::Notice, Stage::Recognised] {
        p.stages.retain(|r| r.stage != s);
    }
    p.attempts =
        attempts.iter().map(|(d, ok)| Attempt { date: (*d).into(), passed: *ok, note: String::new() }).collect();
    p
}

#[test]
fn article_17_sequences() {
    let s = hangzhou_from(2021, 3);
    // One failure: may apply for evaluation again at the next round.
    let t = timeline(&evaluated(&[("2025-05-20", Some(false))]), &s, &params(), date("2025-06-01"));
    assert!(t.problems.is_empty(), "{:#?}", t.problems);
    assert_eq!(
        t.evaluation.message.as_deref(),
        Some("第十七条:未通过市场监管总局评估,可在下一次示范区评估认定时再次申请评估(按第十二条)")
    );
    let next = t.next.unwrap();
    assert_eq!(next.stage, Some(Stage::EvaluationApplication));
    assert!(next.text.contains("可在下一次示范区评估认定时再次申请评估"));

    // Two failures: a new application for creation is needed.
    let t = timeline(
        &evaluated(&[("2024-05-20", Some(false)), ("2025-05-20", Some(false))]),
        &s,
        &params(),
        date("2025-06-01"),
    );
    assert!(t.problems.is_empty(), "{:#?}", t.problems);
    assert!(t.evaluation.must_reapply);
    assert_eq!(t.evaluation.message.as_deref(), Some("第十七条:本轮创建已2次未通过评估,需重新申请创建(按第七条)"));
    assert_eq!(t.next.unwrap().stage, Some(Stage::Apply));

    // A third attempt without a new application is a problem.
    let t = timeline(
        &evaluated(&[("2024-05-20", Some(false)), ("2025-05-20", Some(false)), ("2025-12-20", None)]),
        &s,
        &params(),
        date("2026-01-01"),
    );
    let errors: Vec<&Problem> = t.problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 1, "{:#?}", t.problems);
    assert!(errors[0].message.contains("需重新提出创建申请"));
    assert!(errors[0].message.contains("第3次评估(2025-12-20)"));
    assert_eq!(errors[0].location.field.as_deref(), Some("评估记录第3条"));

    // Pass after one failure: notice next.
    let t = timeline(
        &evaluated(&[("2024-05-20", Some(false)), ("2025-05-20", Some(true))]),
        &s,
        &params(),
        date("2025-06-01"),
    );
    assert!(t.problems.is_empty(), "{:#?}", t.problems);
    assert_eq!(t.next.unwrap().stage, Some(Stage::Notice));
}

#[test]
fn notice_ends_fifteen_days_after_it_is_published() {
    let mut p = Process::default();
    p.set_date(Stage::Notice, "2025-05-05");
    let t = timeline(&p, &hangzhou_from(2021, 3), &params(), date("2025-05-10"));
    let n = t.notice.unwrap();
    assert_eq!((n.start, n.end, n.days), (date("2025-05-05"), date("2025-05-20"), 15));
    assert_eq!(n.note, "未计入法定节假日");
    assert!(n.text.contains("至2025-05-20期满"));
    let next = t.next.unwrap();
    assert!(next.text.starts_with("公示期满2025-05-20后可认定"), "{}", next.text);
    assert_eq!(next.due, Some(date("2025-05-20")));
    assert_eq!(next.days_left, Some(10));

    // Across a year end and a leap day.
    for (start, end) in [("2025-12-25", "2026-01-09"), ("2028-02-20", "2028-03-06"), ("2027-02-20", "2027-03-07")] {
        p.set_date(Stage::Notice, start);
        let t = timeline(&p, &hangzhou_from(2021, 3), &params(), date(start));
        assert_eq!(t.notice.unwrap().end, date(end), "{start}");
    }
}

#[test]
fn creation_period_ends_on_month_ends_and_february_29() {
    for (approved, years, end) in [
        ("2025-03-10", 3, "2028-03-10"),
        ("2024-02-29", 1, "2025-02-28"),
        ("2024-02-29", 2, "2026-02-28"),
        ("2024-02-29", 4, "2028-02-29"),
        ("2025-02-28", 3, "2028-02-28"),
        ("2025-01-31", 1, "2026-01-31"),
        ("2025-12-31", 3, "2028-12-31"),
    ] {
        let mut p = Process::default();
        p.set_date(Stage::Approved, approved);
        let start_year: i32 = approved[..4].parse().unwrap();
        let t = timeline(&p, &hangzhou_from(start_year, years), &params(), date(approved));
        let c = t.creation.unwrap_or_else(|| panic!("{approved}"));
        assert_eq!(c.end, date(end), "{approved} + {years} years");
        assert_eq!(c.outside_bounds, years > 3);
        assert_eq!(c.note, "未计入法定节假日");
        let next = t.next.unwrap();
        assert_eq!(next.due, Some(date(end)));
        assert!(next.text.contains(&format!("创建期至{end}届满")), "{}", next.text);
    }
}

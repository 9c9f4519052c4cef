//! Test data shared by the unit tests of the process (and of `view::process`): dates, the
//! 征求意见稿's rules, 杭州市, processes with given stage dates. Test builds only.

use crate::engine::model::assessment::{Subject, SubjectKind};
use crate::engine::model::process::{Attempt, Process, Stage};
use crate::engine::model::banfa::Banfa;
use crate::engine::rubric::banfa::legacy_banfa;
use crate::engine::support::dates::Date;

/// A date that is valid (`2025-05-05`).
pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The rules of the 2025-10-29 征求意见稿 (`rules/banfa-2025-10-29-draft.json`): usually at most
/// 3 years, 15 days of notice, a new application after two failed evaluations.
pub fn params() -> &'static Banfa {
    legacy_banfa()
}

/// 杭州市, a 副省级市 in 浙江, creation period 2025–2027.
pub fn subject() -> Subject {
    Subject {
        name: "杭州市".into(),
        kind: Some(SubjectKind::SubProvincialCity),
        province: "浙江".into(),
        start_year: Some(2025),
        years: Some(3),
    }
}

/// A process with these stage dates, as typed.
pub fn with(dates: &[(Stage, &str)]) -> Process {
    let mut p = Process::default();
    for (s, date) in dates {
        p.set_date(*s, date);
    }
    p
}

/// An evaluation record.
pub fn attempt(date: &str, passed: Option<bool>) -> Attempt {
    Attempt { date: date.into(), passed, note: String::new() }
}

/// A process recorded up to the 总局评估 of 2025-05-01 (creation from 2022), with these results.
pub fn evaluated(attempts: Vec<Attempt>) -> Process {
    let mut p = with(&[
        (Stage::Apply, "2021-10-01"),
        (Stage::ProvinceRecommend, "2021-11-01"),
        (Stage::Approved, "2022-01-10"),
        (Stage::Creating, "2022-02-01"),
        (Stage::SelfAssessment, "2025-02-01"),
        (Stage::EvaluationApplication, "2025-03-01"),
        (Stage::ProvinceReview, "2025-04-01"),
        (Stage::NationalEvaluation, "2025-05-01"),
    ]);
    p.attempts = attempts;
    p
}

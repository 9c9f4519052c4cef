//! The two periods of the process: the creation period (第九条), counted in years from 总局同意创建
//! (《民法典》第二百零二条), and the 公示 (第十五条), counted in days from its publication
//! (《民法典》第二百零一条). Each rule that bounds a period takes its figure from the 办法 the
//! assessment is made under (`model::banfa`): the creation period's bounds in
//! [`creation_years_warning`] (which `rubric::banfa::creation_period_warning` applies), its
//! length when the subject does not give one in [`creation_years`], the notice days in
//! [`notice_period`].

use serde::Serialize;

use super::found::Found;
use super::stages::StageDates;
use crate::engine::model::assessment::Subject;
use crate::engine::model::process::Stage;
use crate::engine::model::banfa::{ArticleKind, Banfa};
use crate::engine::rubric::banfa::{assumed_creation_years, creation_period_warning};
use crate::engine::support::dates::{Date, HOLIDAYS_NOT_COUNTED};

/// The creation period (第九条) following from the approval date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreationPeriod {
    /// The approval date (总局同意创建).
    pub start: Date,
    /// The last day of the period (《民法典》第二百零二条).
    pub end: Date,
    pub years: u32,
    /// True when the subject's `years` is not set and the rubric's maximum was used.
    pub years_assumed: bool,
    /// Outside the 办法's bounds (flagged).
    pub outside_bounds: bool,
    /// e.g. `创建期3年,自2025-03-10总局同意创建起算,至2028-03-10届满(《民法典》第二百零二条)`.
    pub text: String,
    /// [`HOLIDAYS_NOT_COUNTED`], to show beside the end date.
    pub note: &'static str,
}

/// The 公示 (第十五条) following from the notice date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticePeriod {
    pub start: Date,
    /// The last day of the notice (《民法典》第二百零一条): 5 May + 15 days = 20 May.
    pub end: Date,
    pub days: u32,
    pub text: String,
    /// [`HOLIDAYS_NOT_COUNTED`], to show beside the end date.
    pub note: &'static str,
}

/// The length of the creation period in years and whether it was assumed: the subject's own
/// (`基本情况`), or, when not set, 第九条's usual maximum.
pub fn creation_years(subject: &Subject, banfa: &Banfa) -> (u32, bool) {
    match subject.years {
        Some(n) if n >= 1 => (n, false),
        _ => (assumed_creation_years(banfa), true),
    }
}

/// 第九条's bound on the creation period: a warning when `years` is outside it (a longer period
/// is allowed, but flagged), `None` when within. The one place the bound is applied.
pub fn creation_years_warning(years: u32, banfa: &Banfa) -> Option<String> {
    creation_period_warning(years, banfa)
}

/// Step 3, creation period: from the date of 总局同意创建, the period's end (《民法典》第二百零二条),
/// with warnings when its length is outside 第九条's bound, when the length was assumed, and when
/// the subject's start year disagrees with the approval date. `None` without an approval date
/// (or one so late that the end is out of range).
pub fn creation_period(
    start: Option<Date>,
    subject: &Subject,
    banfa: &Banfa,
    found: &mut Found,
) -> Option<CreationPeriod> {
    let start = start?;
    let (years, assumed) = creation_years(subject, banfa);
    let end = start.period_end_years(years)?;
    let bound = creation_years_warning(years, banfa);
    let longer = bound.is_some();
    if let Some(w) = bound {
        found.stage_warning(Stage::Approved, w);
    }
    if assumed {
        found.stage_warning(Stage::Approved, format!("基本情况中未填写创建期年数,创建期按{}“{}”以{years}年计算", banfa.creation_period.cite, banfa.creation_period.text));
    }
    if let Some(y) = subject.start_year {
        if y != start.year() {
            found.stage_warning(
                Stage::Approved,
                format!(
                    "基本情况中的创建期起始年份为{y}年,而总局同意创建的日期为{start}({}年);请核对(增长类指标按起始年份逐年计分)",
                    start.year()
                ),
            );
        }
    }
    let text = format!("创建期{years}年,自{start}总局同意创建起算,至{end}届满(《民法典》第二百零二条)");
    Some(CreationPeriod {
        start,
        end,
        years,
        years_assumed: assumed,
        outside_bounds: longer,
        text,
        note: HOLIDAYS_NOT_COUNTED,
    })
}

/// 第十二条: the self-assessment and the evaluation application come after the creation period
/// has ended; one dated on or before its last day is a warning.
pub fn check_after_creation(creation: Option<&CreationPeriod>, stages: &StageDates, banfa: &Banfa, found: &mut Found) {
    let Some(c) = creation else { return };
    for s in [Stage::SelfAssessment, Stage::EvaluationApplication] {
        if let Some(d) = stages.date(s) {
            if d <= c.end {
                found.stage_warning(
                    s,
                    format!(
                        "「{}」的日期{d}不在创建期届满({})之后;{}:创建期满,创建对象进行自评、提出评估申请",
                        s.label(),
                        c.end,
                        banfa.cite(ArticleKind::EvaluationApplication)
                    ),
                );
            }
        }
    }
}

/// Step 4, notice: the 公示 from its publication date, lasting the rubric's `notice_days`
/// (第十五条); the publication day does not count (《民法典》第二百零一条). `None` without a date.
pub fn notice_period(start: Option<Date>, banfa: &Banfa) -> Option<NoticePeriod> {
    let start = start?;
    let end = start.period_end_days(banfa.notice_days)?;
    Some(NoticePeriod {
        start,
        end,
        days: banfa.notice_days,
        text: format!("公示{}天,自{start}发布,至{end}期满(《民法典》第二百零一条:发布当日不计入)", banfa.notice_days),
        note: HOLIDAYS_NOT_COUNTED,
    })
}

/// 第十六条: recognition comes after the 公示 has ended; a recognition dated within it is an error.
pub fn check_recognition_after_notice(
    notice: Option<&NoticePeriod>,
    stages: &StageDates,
    banfa: &Banfa,
    found: &mut Found,
) {
    if let (Some(n), Some(r)) = (notice, stages.date(Stage::Recognised)) {
        if r <= n.end {
            found.stage_error(
                Stage::Recognised,
                format!(
                    "「认定」的日期{r}在公示期内(公示期至{}期满,{HOLIDAYS_NOT_COUNTED});{}:公示期满后方可认定",
                    n.end,
                    banfa.cite(ArticleKind::Recognition)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::process::fixtures::{d, params, with};
    use crate::engine::process::stages::stage_dates;

    fn subject(start_year: Option<i32>, years: Option<u32>) -> Subject {
        Subject { start_year, years, ..Default::default() }
    }

    #[test]
    fn the_creation_bound_flags_a_longer_period_only() {
        for years in [1, 2, 3] {
            assert_eq!(creation_years_warning(years, &params()), None, "{years}");
        }
        let w = creation_years_warning(4, &params()).unwrap();
        assert_eq!(w, "创建期4年,超过第九条“创建活动周期一般不超过3年”的规定(上限3年;允许,但请说明理由)");
        assert!(creation_years_warning(5, &params()).is_some());
        let mut five = params().clone();
        five.creation_period.max_years = Some(5);
        assert_eq!(creation_years_warning(5, &five), None);
    }

    #[test]
    fn creation_years_come_from_the_subject_or_the_usual_maximum() {
        assert_eq!(creation_years(&subject(None, Some(4)), &params()), (4, false));
        assert_eq!(creation_years(&subject(None, None), &params()), (3, true));
        assert_eq!(creation_years(&subject(None, Some(0)), &params()), (3, true));
        let mut open = params().clone();
        open.creation_period.max_years = None;
        open.creation_period.min_years = None;
        assert_eq!(creation_years(&subject(None, None), &open), (1, true));
    }

    #[test]
    fn creation_period_warns_in_order_and_needs_an_approval_date() {
        let mut f = Found::default();
        assert_eq!(creation_period(None, &subject(None, None), &params(), &mut f), None);
        let c = creation_period(Some(d("2025-03-10")), &subject(Some(2024), Some(4)), &params(), &mut f).unwrap();
        assert_eq!((c.end, c.years, c.outside_bounds, c.years_assumed), (d("2029-03-10"), 4, true, false));
        let m: Vec<_> = f.all.listed().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(m.len(), 2);
        assert!(m[0].starts_with("创建期4年,超过第九条"));
        assert!(m[1].starts_with("基本情况中的创建期起始年份为2024年,而总局同意创建的日期为2025-03-10(2025年)"));
        assert_eq!(f.of_stage(Stage::Approved).len(), 2);

        let mut f = Found::default();
        let c = creation_period(Some(d("2025-03-10")), &subject(Some(2025), None), &params(), &mut f).unwrap();
        assert!(c.years_assumed && !c.outside_bounds);
        assert_eq!(f.all.listed()[0].message, "基本情况中未填写创建期年数,创建期按第九条“创建活动周期一般不超过3年”以3年计算");
        assert_eq!(c.note, HOLIDAYS_NOT_COUNTED);
    }

    #[test]
    fn self_assessment_and_application_come_after_the_period() {
        let p = with(&[(Stage::SelfAssessment, "2028-03-10"), (Stage::EvaluationApplication, "2028-03-11")]);
        let mut f = Found::default();
        let s = stage_dates(&p, &mut f);
        let c = creation_period(Some(d("2025-03-10")), &subject(Some(2025), Some(3)), &params(), &mut f);
        check_after_creation(None, &s, params(), &mut f);
        assert!(f.all.is_empty());
        check_after_creation(c.as_ref(), &s, params(), &mut f);
        assert_eq!(f.all.len(), 1);
        assert!(f.of_stage(Stage::SelfAssessment)[0]
            .message
            .starts_with("「自评」的日期2028-03-10不在创建期届满(2028-03-10)之后"));
    }

    #[test]
    fn the_notice_lasts_the_notice_days_and_recognition_waits_for_its_end() {
        assert_eq!(notice_period(None, &params()), None);
        let n = notice_period(Some(d("2025-05-05")), &params()).unwrap();
        assert_eq!((n.end, n.days), (d("2025-05-20"), 15));
        assert_eq!(n.text, "公示15天,自2025-05-05发布,至2025-05-20期满(《民法典》第二百零一条:发布当日不计入)");
        let mut seven = params().clone();
        seven.notice_days = 7;
        let n7 = notice_period(Some(d("2025-05-05")), &seven).unwrap();
        assert_eq!(n7.end, d("2025-05-12"));

        for (recognised, errors) in [("2025-05-20", 1), ("2025-05-21", 0)] {
            let p = with(&[(Stage::Recognised, recognised)]);
            let mut f = Found::default();
            let s = stage_dates(&p, &mut f);
            check_recognition_after_notice(Some(&n), &s, params(), &mut f);
            assert_eq!(f.all.listed().iter().filter(|p| p.is_error()).count(), errors, "{recognised}");
            check_recognition_after_notice(None, &s, params(), &mut f);
            assert_eq!(f.all.len(), errors);
        }
    }
}

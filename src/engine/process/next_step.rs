//! What comes next and when: from the current stage, the periods and the evaluations, the stage to
//! record next with the article that governs it, and its due date when a period sets one.

use serde::Serialize;

use super::evaluation::{passed_text, EvaluationView};
use super::management::ZoneStatus;
use super::periods::{CreationPeriod, NoticePeriod};
use crate::engine::model::process::Stage;
use crate::engine::model::banfa::{ArticleKind as A, Banfa};
use crate::engine::rubric::banfa::retry_text;
use crate::engine::support::dates::{Date, HOLIDAYS_NOT_COUNTED};

/// What comes next and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStep {
    /// The stage to record next; `None` when waiting for a result or when nothing follows.
    pub stage: Option<Stage>,
    /// What is due (Chinese).
    pub text: String,
    /// When it is due, if a period determines it (the date the period ends).
    pub due: Option<Date>,
    /// Days from today to `due` (negative when past).
    pub days_left: Option<i64>,
    /// Shown beside `due` ([`HOLIDAYS_NOT_COUNTED`]) when there is one.
    pub note: Option<&'static str>,
}

impl NextStep {
    fn to(stage: Option<Stage>, text: impl Into<String>) -> NextStep {
        NextStep { stage, text: text.into(), due: None, days_left: None, note: None }
    }

    fn due(stage: Stage, text: String, due: Date, today: Date) -> NextStep {
        NextStep {
            stage: Some(stage),
            text,
            due: Some(due),
            days_left: Some(today.days_until(due)),
            note: Some(HOLIDAYS_NOT_COUNTED),
        }
    }
}

/// What the periods and results read so far say about the next step.
pub struct Progress<'a> {
    /// The latest stage with a valid date.
    pub current: Option<Stage>,
    pub status: &'a ZoneStatus,
    pub creation: Option<&'a CreationPeriod>,
    pub notice: Option<&'a NoticePeriod>,
    pub evaluation: &'a EvaluationView,
}

/// The next step after the current stage as of `today`; `None` once the zone is revoked.
pub fn next_step(p: &Progress, banfa: &Banfa, today: Date) -> Option<NextStep> {
    if p.status.revoked.is_some() {
        return None;
    }
    let c = |k: A| banfa.cite(k);
    Some(match p.current {
        None => NextStep::to(
            Some(Stage::Apply),
            format!(
                "对照{}、{}确认申请创建条件后,按市场监管总局通知的要求填写《网络市场监管与服务示范区创建申请表》,连同创建方案和相关材料报所在地省级市场监管部门({})",
                c(A::Objects),
                c(A::Conditions),
                c(A::Apply)
            ),
        ),
        Some(Stage::Apply) => NextStep::to(
            Some(Stage::ProvinceRecommend),
            format!("等待省级市场监管部门对申报材料进行初审,择优向市场监管总局提出推荐名单({})", c(A::Recommend)),
        ),
        Some(Stage::ProvinceRecommend) => NextStep::to(
            Some(Stage::Approved),
            format!("等待市场监管总局审核同意创建({});同意之日起算创建期", c(A::Approve)),
        ),
        Some(Stage::Approved) => {
            after_creation(p.creation, Stage::Creating, &format!("开展创建({});", c(A::Create)), banfa, today)
        }
        Some(Stage::Creating) => after_creation(p.creation, Stage::SelfAssessment, "", banfa, today),
        Some(Stage::SelfAssessment) => NextStep::to(
            Some(Stage::EvaluationApplication),
            format!(
                "自评合格的,填写《网络市场监管与服务示范区创建评估申请表》,连同自评报告和相关材料报所在地省级市场监管部门({})",
                c(A::EvaluationApplication)
            ),
        ),
        Some(Stage::EvaluationApplication) => NextStep::to(
            Some(Stage::ProvinceReview),
            format!("等待省级市场监管部门评估初审({}):资料审查、数据比对、实地核查", c(A::ProvinceReview)),
        ),
        Some(Stage::ProvinceReview) => NextStep::to(
            Some(Stage::NationalEvaluation),
            format!("初审合格的,由省级市场监管部门将评估申请及相关材料报市场监管总局评估({})", c(A::Evaluation)),
        ),
        Some(Stage::NationalEvaluation) => after_evaluation(p.evaluation, banfa),
        Some(Stage::Notice) => after_notice(p.notice, banfa, today),
        Some(Stage::Recognised) => NextStep::to(
            None,
            format!(
                "已认定为示范区;适用动态管理({}),持续发挥示范引领作用({}、{})",
                c(A::Management),
                c(A::Tasks),
                c(A::Experience)
            ),
        ),
    })
}

/// During the creation period (第十条): `stage` is next, due when the period ends; once it has
/// ended, the self-assessment (第十二条) is due now. `doing` opens the text.
fn after_creation(creation: Option<&CreationPeriod>, stage: Stage, doing: &str, banfa: &Banfa, today: Date) -> NextStep {
    let twelve = banfa.cite(A::EvaluationApplication);
    match creation {
        Some(c) if today > c.end => NextStep::to(
            Some(Stage::SelfAssessment),
            format!("创建期已于{}届满,应对照评估指标体系和创建方案进行自评({twelve})", c.end),
        ),
        Some(c) => NextStep::due(
            stage,
            format!("{doing}创建期至{}届满,届满后对照评估指标体系和创建方案进行自评({twelve})", c.end),
            c.end,
            today,
        ),
        None => NextStep::to(Some(stage), format!("{doing}创建期满后对照评估指标体系和创建方案进行自评({twelve})")),
    }
}

/// After the 总局评估 (第十四条): the 公示 when passed, the retry rule (第十七条) when failed, a
/// wait while the result is not known.
fn after_evaluation(evaluation: &EvaluationView, banfa: &Banfa) -> NextStep {
    match evaluation.latest {
        Some(true) => NextStep::to(Some(Stage::Notice), passed_text(banfa)),
        Some(false) => {
            // One way open: its stage is next; a choice: the page offers both (`options`).
            let stage = match evaluation.options.as_slice() {
                [only] => Some(only.next_stage()),
                _ => None,
            };
            NextStep::to(stage, retry_text(evaluation.failures, banfa))
        }
        None => NextStep::to(
            None,
            format!("等待市场监管总局评估结果({});结果出来后请记入评估记录", banfa.cite(A::Evaluation)),
        ),
    }
}

/// After the 公示 (第十五条): 认定 (第十六条) once it has ended, due when it ends.
fn after_notice(notice: Option<&NoticePeriod>, banfa: &Banfa, today: Date) -> NextStep {
    let sixteen = banfa.cite(A::Recognition);
    match notice {
        Some(n) if today > n.end => NextStep::to(
            Some(Stage::Recognised),
            format!(
                "公示期已于{}期满({HOLIDAYS_NOT_COUNTED});社会无异议或经核实异议不成立的,经市场监管总局批准认定为示范区({sixteen})",
                n.end
            ),
        ),
        Some(n) => NextStep::due(
            Stage::Recognised,
            format!("公示期满{}后可认定({sixteen}):社会无异议或经核实异议不成立的,经市场监管总局批准认定为示范区", n.end),
            n.end,
            today,
        ),
        None => NextStep::to(Some(Stage::Recognised), format!("公示期满后可认定({sixteen})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::process::management::zone_status;
    use crate::engine::process::fixtures::{d, params};

    fn evaluation(failures: usize, latest: Option<bool>) -> EvaluationView {
        EvaluationView { attempts: Vec::new(), failures, latest, must_reapply: false,
            options: if latest == Some(false) { crate::engine::rubric::banfa::retry_options(failures, params()) } else { Vec::new() },
            message: None,
        }
    }

    #[test]
    fn after_an_evaluation_the_result_decides() {
        let stage = |failures, latest| after_evaluation(&evaluation(failures, latest), &params()).stage;
        assert_eq!(stage(0, Some(true)), Some(Stage::Notice));
        assert_eq!(stage(1, Some(false)), Some(Stage::EvaluationApplication));
        assert_eq!(stage(2, Some(false)), Some(Stage::Apply));
        assert_eq!(stage(1, None), None);
        assert!(after_evaluation(&evaluation(0, Some(true)), &params()).text.contains("为期15天的公示"));
    }

    #[test]
    fn periods_give_due_dates() {
        let c = CreationPeriod {
            start: d("2025-03-10"),
            end: d("2028-03-10"),
            years: 3,
            years_assumed: false,
            outside_bounds: false,
            text: String::new(),
            note: HOLIDAYS_NOT_COUNTED,
        };
        let n = after_creation(Some(&c), Stage::Creating, "开展创建(第十条);", params(), d("2028-03-07"));
        assert_eq!(
            (n.stage, n.due, n.days_left, n.note),
            (Some(Stage::Creating), Some(c.end), Some(3), Some(HOLIDAYS_NOT_COUNTED))
        );
        assert!(n.text.starts_with("开展创建(第十条);创建期至2028-03-10届满"));
        let n = after_creation(Some(&c), Stage::Creating, "", params(), d("2028-03-11"));
        assert_eq!((n.stage, n.due), (Some(Stage::SelfAssessment), None));
        assert_eq!(after_creation(None, Stage::SelfAssessment, "", params(), d("2028-03-11")).due, None);

        let notice = NoticePeriod {
            start: d("2025-05-05"),
            end: d("2025-05-20"),
            days: 15,
            text: String::new(),
            note: HOLIDAYS_NOT_COUNTED,
        };
        assert_eq!(after_notice(Some(&notice), params(), d("2025-05-20")).due, Some(d("2025-05-20")));
        let n = after_notice(Some(&notice), params(), d("2025-05-21"));
        assert_eq!((n.stage, n.due), (Some(Stage::Recognised), None));
        assert!(n.text.starts_with("公示期已于2025-05-20期满(未计入法定节假日)"));
    }

    #[test]
    fn nothing_follows_a_revocation() {
        let e = evaluation(0, None);
        let revoked = zone_status(Some(d("2025-06-01")), Some(d("2026-01-01")), Some(Stage::Recognised), params());
        let p = Progress {
            current: Some(Stage::Recognised),
            status: &revoked,
            creation: None,
            notice: None,
            evaluation: &e,
        };
        assert_eq!(next_step(&p, &params(), d("2026-02-01")), None);
        let status = zone_status(None, None, None, params());
        let p = Progress { current: None, status: &status, creation: None, notice: None, evaluation: &e };
        assert_eq!(next_step(&p, &params(), d("2026-02-01")).unwrap().stage, Some(Stage::Apply));
    }
}

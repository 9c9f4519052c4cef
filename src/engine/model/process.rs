//! The creation process as entered (第五条–第十七条, 第二十二条): the stages and their records,
//! the answers to the conditions of 第六条, evaluation attempts (第十七条) and dynamic-management
//! measures (第二十二条). Kept as the user typed it (dates are strings); `process::timeline` reads
//! it. See `docs/process.md`.

use serde::{Deserialize, Serialize};

use crate::engine::support::dates::{parse_optional, Date};

// ---------------------------------------------------------------------------------------------
// Stages

/// The stages of creation and recognition, in the order of the 管理办法.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 申请创建 (第七条).
    Apply,
    /// 省级初审推荐 (第八条).
    ProvinceRecommend,
    /// 总局同意创建 (第九条): the creation period starts.
    Approved,
    /// 创建 (第十条).
    Creating,
    /// 自评 (第十二条), after the creation period has ended.
    SelfAssessment,
    /// 评估申请 (第十二条).
    EvaluationApplication,
    /// 省级评估初审 (第十三条).
    ProvinceReview,
    /// 总局评估 (第十四条).
    NationalEvaluation,
    /// 公示 (第十五条), 15 days.
    Notice,
    /// 认定 (第十六条).
    Recognised,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Apply,
        Stage::ProvinceRecommend,
        Stage::Approved,
        Stage::Creating,
        Stage::SelfAssessment,
        Stage::EvaluationApplication,
        Stage::ProvinceReview,
        Stage::NationalEvaluation,
        Stage::Notice,
        Stage::Recognised,
    ];

    /// The id used in files (`apply`, `province_recommend`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Stage::Apply => "apply",
            Stage::ProvinceRecommend => "province_recommend",
            Stage::Approved => "approved",
            Stage::Creating => "creating",
            Stage::SelfAssessment => "self_assessment",
            Stage::EvaluationApplication => "evaluation_application",
            Stage::ProvinceReview => "province_review",
            Stage::NationalEvaluation => "national_evaluation",
            Stage::Notice => "notice",
            Stage::Recognised => "recognised",
        }
    }

    pub fn from_id(id: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Apply => "申请创建",
            Stage::ProvinceRecommend => "省级初审推荐",
            Stage::Approved => "总局同意创建",
            Stage::Creating => "创建",
            Stage::SelfAssessment => "自评",
            Stage::EvaluationApplication => "评估申请",
            Stage::ProvinceReview => "省级评估初审",
            Stage::NationalEvaluation => "总局评估",
            Stage::Notice => "公示",
            Stage::Recognised => "认定",
        }
    }

    /// What the date of this stage is, for the form (Chinese).
    pub fn date_hint(self) -> &'static str {
        match self {
            Stage::Apply => "创建申请表报省级市场监管部门的日期",
            Stage::ProvinceRecommend => "省级市场监管部门向市场监管总局提出推荐名单的日期",
            Stage::Approved => "市场监管总局审核同意创建的日期(创建期自此起算)",
            Stage::Creating => "创建工作启动(创建方案落实)的日期",
            Stage::SelfAssessment => "对照评估指标体系和创建方案完成自评的日期",
            Stage::EvaluationApplication => "评估申请表、自评报告报省级市场监管部门的日期",
            Stage::ProvinceReview => "省级市场监管部门评估初审合格、报市场监管总局的日期",
            Stage::NationalEvaluation => "市场监管总局组织评估的日期",
            Stage::Notice => "示范区建议名单公示发布的日期",
            Stage::Recognised => "市场监管总局批准认定并向社会公布的日期",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The stage after this one, in the order of the 管理办法.
    pub fn next(self) -> Option<Stage> {
        Stage::ALL.get(self.index() + 1).copied()
    }
}

/// One stage as recorded: its date and document number as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageRecord {
    pub stage: Stage,
    /// `YYYY-MM-DD` as typed; blank when the stage has not happened yet.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// 文号 or title of the document (申请表, 同意创建的通知, 公示公告, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl StageRecord {
    pub fn new(stage: Stage) -> StageRecord {
        StageRecord { stage, date: String::new(), document: String::new(), note: String::new() }
    }

    pub fn is_blank(&self) -> bool {
        self.date.trim().is_empty() && self.document.trim().is_empty() && self.note.trim().is_empty()
    }
}

// ---------------------------------------------------------------------------------------------
// Eligibility (第五条, 第六条)

/// The three conditions of 第六条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EligibilityCondition {
    /// (一)平台经济基础较好.
    PlatformEconomy,
    /// (二)网络市场监管与服务工作扎实.
    SupervisionService,
    /// (三)网络市场监管与服务创新能力较强.
    Innovation,
}

impl EligibilityCondition {
    pub const ALL: [EligibilityCondition; 3] = [
        EligibilityCondition::PlatformEconomy,
        EligibilityCondition::SupervisionService,
        EligibilityCondition::Innovation,
    ];

    pub fn id(self) -> &'static str {
        match self {
            EligibilityCondition::PlatformEconomy => "platform_economy",
            EligibilityCondition::SupervisionService => "supervision_service",
            EligibilityCondition::Innovation => "innovation",
        }
    }

}

/// The user's answer to one condition of 第六条.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionAnswer {
    /// `None`: not judged yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
    /// 依据: free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

impl ConditionAnswer {
    pub fn is_empty(&self) -> bool {
        self.met.is_none() && self.basis.trim().is_empty()
    }
}

/// 申请创建条件: the answers to the three conditions of 第六条 (the object type of 第五条 follows
/// from the subject's kind).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    #[serde(default, skip_serializing_if = "ConditionAnswer::is_empty")]
    pub platform_economy: ConditionAnswer,
    #[serde(default, skip_serializing_if = "ConditionAnswer::is_empty")]
    pub supervision_service: ConditionAnswer,
    #[serde(default, skip_serializing_if = "ConditionAnswer::is_empty")]
    pub innovation: ConditionAnswer,
}

impl Eligibility {
    pub fn is_empty(&self) -> bool {
        EligibilityCondition::ALL.iter().all(|c| self.answer(*c).is_empty())
    }

    pub fn answer(&self, c: EligibilityCondition) -> &ConditionAnswer {
        match c {
            EligibilityCondition::PlatformEconomy => &self.platform_economy,
            EligibilityCondition::SupervisionService => &self.supervision_service,
            EligibilityCondition::Innovation => &self.innovation,
        }
    }

    pub fn answer_mut(&mut self, c: EligibilityCondition) -> &mut ConditionAnswer {
        match c {
            EligibilityCondition::PlatformEconomy => &mut self.platform_economy,
            EligibilityCondition::SupervisionService => &mut self.supervision_service,
            EligibilityCondition::Innovation => &mut self.innovation,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation attempts (第十七条) and dynamic management (第二十二条)

/// One evaluation by the 市场监管总局 (第十四条) and its result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    /// `YYYY-MM-DD` as typed: when the result was given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// `None`: result not known yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The situations of 第二十二条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// (一)重大事件或重大违法案件.
    MajorCase,
    /// (二)虚假材料.
    FalseMaterials,
    /// (三)工作明显下滑.
    Decline,
}

impl EventKind {
    pub const ALL: [EventKind; 3] = [EventKind::MajorCase, EventKind::FalseMaterials, EventKind::Decline];

    pub fn id(self) -> &'static str {
        match self {
            EventKind::MajorCase => "major_case",
            EventKind::FalseMaterials => "false_materials",
            EventKind::Decline => "decline",
        }
    }

    pub fn number(self) -> &'static str {
        match self {
            EventKind::MajorCase => "(一)",
            EventKind::FalseMaterials => "(二)",
            EventKind::Decline => "(三)",
        }
    }

    /// The seed's text, verbatim.
    pub fn text(self) -> &'static str {
        match self {
            EventKind::MajorCase => "发生扰乱网络市场秩序的重大事件或重大违法案件,社会影响特别恶劣的",
            EventKind::FalseMaterials => "提供虚假材料或者采取其他手段骗取示范区认定的",
            EventKind::Decline => "检查指导中发现工作明显下滑、不再具备示范引领作用,或者存在其他突出问题的",
        }
    }

    /// A short label for lists.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::MajorCase => "重大事件或重大违法案件",
            EventKind::FalseMaterials => "提供虚假材料骗取认定",
            EventKind::Decline => "工作明显下滑或存在突出问题",
        }
    }
}

/// The measures of 第二十二条, from the lightest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 约谈.
    Interview,
    /// 警示.
    Warning,
    /// 取消资格: ends the zone's status.
    Revoke,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Interview, Measure::Warning, Measure::Revoke];

    pub fn id(self) -> &'static str {
        match self {
            Measure::Interview => "interview",
            Measure::Warning => "warning",
            Measure::Revoke => "revoke",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Measure::Interview => "约谈",
            Measure::Warning => "警示",
            Measure::Revoke => "取消示范区资格",
        }
    }
}

/// One dynamic-management measure taken against a recognised zone (第二十二条).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagementEvent {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EventKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

// ---------------------------------------------------------------------------------------------
// The process as entered

/// Everything recorded about the creation process, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Process {
    #[serde(default, skip_serializing_if = "Eligibility::is_empty")]
    pub eligibility: Eligibility,
    /// At most one record per stage (the current creation round); order in the file is free.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageRecord>,
    /// The 总局评估 results, of this and earlier rounds (第十七条).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attempts: Vec<Attempt>,
    /// 第二十二条 measures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<ManagementEvent>,
}

impl Process {
    pub fn is_empty(&self) -> bool {
        self.eligibility.is_empty() && self.stages.is_empty() && self.attempts.is_empty() && self.events.is_empty()
    }

    /// The (first) record of a stage.
    pub fn record(&self, stage: Stage) -> Option<&StageRecord> {
        self.stages.iter().find(|r| r.stage == stage)
    }

    /// The record of a stage, created empty (in stage order) when missing, for editing.
    pub fn record_mut(&mut self, stage: Stage) -> &mut StageRecord {
        let pos = match self.stages.iter().position(|r| r.stage == stage) {
            Some(p) => p,
            None => {
                let at = self.stages.iter().position(|r| r.stage > stage).unwrap_or(self.stages.len());
                self.stages.insert(at, StageRecord::new(stage));
                at
            }
        };
        &mut self.stages[pos]
    }

    /// Sets a stage's date as typed.
    pub fn set_date(&mut self, stage: Stage, date: &str) {
        self.record_mut(stage).date = date.to_string();
    }

    /// The parsed date of a stage, when recorded and valid.
    pub fn stage_date(&self, stage: Stage) -> Option<Date> {
        self.record(stage).and_then(|r| parse_optional(&r.date).ok().flatten())
    }

    /// Drops blank stage records, attempts and events (what a file or draft should not carry).
    pub fn prune(&mut self) {
        self.stages.retain(|r| !r.is_blank());
        self.attempts.retain(|a| !(a.date.trim().is_empty() && a.passed.is_none() && a.note.trim().is_empty()));
        self.events.retain(|e| {
            !(e.date.trim().is_empty()
                && e.kind.is_none()
                && e.measure.is_none()
                && e.document.trim().is_empty()
                && e.note.trim().is_empty())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn with(dates: &[(Stage, &str)]) -> Process {
        let mut p = Process::default();
        for (s, date) in dates {
            p.set_date(*s, date);
        }
        p
    }

    #[test]
    fn stages_in_order_with_labels_and_articles() {
        let labels: Vec<_> = Stage::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(
            labels,
            ["申请创建", "省级初审推荐", "总局同意创建", "创建", "自评", "评估申请", "省级评估初审", "总局评估", "公示", "认定"]
        );
        for (i, s) in Stage::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(Stage::from_id(s.id()), Some(*s));
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.id()));
        }
        assert!(Stage::Apply < Stage::Recognised);
        assert_eq!(Stage::Notice.next(), Some(Stage::Recognised));
        assert_eq!(Stage::Recognised.next(), None);
    }

    #[test]
    fn record_mut_keeps_stage_order_and_prune_drops_blanks() {
        let mut p = Process::default();
        p.set_date(Stage::Notice, "2025-05-05");
        p.set_date(Stage::Apply, "2022-01-01");
        p.record_mut(Stage::Approved);
        let order: Vec<_> = p.stages.iter().map(|r| r.stage).collect();
        assert_eq!(order, [Stage::Apply, Stage::Approved, Stage::Notice]);
        p.attempts.push(Attempt::default());
        p.events.push(ManagementEvent::default());
        p.prune();
        assert_eq!(p.stages.len(), 2);
        assert!(p.attempts.is_empty() && p.events.is_empty());
        assert_eq!(p.stage_date(Stage::Notice), Some(d("2025-05-05")));
        assert!(!p.is_empty());
        assert!(Process::default().is_empty());
    }

    #[test]
    fn process_serde_is_compact_and_strict() {
        assert_eq!(serde_json::to_string(&Process::default()).unwrap(), "{}");
        let mut p = with(&[(Stage::Apply, "2025-01-01")]);
        p.eligibility.innovation.met = Some(true);
        p.events.push(ManagementEvent { kind: Some(EventKind::FalseMaterials), measure: Some(Measure::Revoke), ..Default::default() });
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(
            text,
            r#"{"eligibility":{"innovation":{"met":true}},"stages":[{"stage":"apply","date":"2025-01-01"}],"events":[{"kind":"false_materials","measure":"revoke"}]}"#
        );
        assert_eq!(serde_json::from_str::<Process>(&text).unwrap(), p);
        assert!(serde_json::from_str::<Process>(r#"{"stagez":[]}"#).is_err());
        assert!(serde_json::from_str::<Process>(r#"{"stages":[{"stage":"done"}]}"#).is_err());
    }
}

//! The timeline of the creation process (第七条–第十七条, 第二十二条): the stages and their dates,
//! evaluation attempts (第十七条) and dynamic management (第二十二条).
//!
//! [`timeline`] reads the process as entered (`model::process`), computes the periods (the
//! creation period per 《民法典》第二百零二条, the 公示 per 第二百零一条) and reports problems in
//! Chinese, located by stage. It never changes what was entered. See `docs/process.md`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::eligibility::{check_eligibility, EligibilityResult, EligibilityStatus};
use crate::engine::model::assessment::Subject;
use crate::engine::model::process::{EventKind, Measure, Process, Stage, StageRecord};
use crate::engine::model::rubric::ProcessParams;
use crate::engine::support::dates::{parse_optional, Date, HOLIDAYS_NOT_COUNTED, MAX_YEAR};
use crate::engine::support::problem::{Location, Problem, ProblemList, Severity};

/// The `section` of every [`Location`] this module reports (创建流程).
pub const PROCESS_SECTION: &str = "process";

// ---------------------------------------------------------------------------------------------
// The timeline

/// One stage as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageView {
    pub stage: Stage,
    pub label: &'static str,
    pub article: &'static str,
    /// The date, when recorded and valid.
    pub date: Option<Date>,
    /// The date as typed.
    pub date_text: String,
    pub document: String,
    pub note: String,
    /// The problems located at this stage (also in [`TimelineView::problems`]).
    pub problems: Vec<Problem>,
}

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
    /// Longer than the rubric's `max_creation_years` (allowed, flagged).
    pub longer_than_usual: bool,
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

/// One evaluation attempt as shown.
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
    /// Two failures in this round: a new 申请创建 is needed before another evaluation.
    pub must_reapply: bool,
    /// 第十七条 guidance, when there is any.
    pub message: Option<String>,
}

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

/// Whether the subject is a recognised zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoneStatus {
    /// Date of 认定, when recorded.
    pub recognised: Option<Date>,
    /// Date of the first 取消资格 measure, when recorded.
    pub revoked: Option<Date>,
    /// Recognised and not revoked: 第二十二条 dynamic management applies.
    pub dynamic_management: bool,
    pub text: String,
}

/// One 第二十二条 measure as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventView {
    pub index: usize,
    pub date: Option<Date>,
    pub kind: Option<EventKind>,
    pub measure: Option<Measure>,
    pub problems: Vec<Problem>,
}

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

    /// Where a stage stands, for the list of stages: a CSS class and its meaning (Chinese).
    /// A stage with an error says so first; then 当前阶段 (the latest dated stage), 已记录 (dated),
    /// 下一步 (the stage [`TimelineView::next`] names), 未到.
    pub fn stage_mark(&self, stage: Stage) -> (&'static str, &'static str) {
        let view = self.stage(stage);
        if view.problems.iter().any(Problem::is_error) {
            ("stage-error", "有错误")
        } else if self.current == Some(stage) {
            ("stage-current", "当前阶段")
        } else if view.date.is_some() {
            ("stage-done", "已记录")
        } else if self.next.as_ref().and_then(|n| n.stage) == Some(stage) {
            ("stage-next", "下一步")
        } else {
            ("stage-pending", "未到")
        }
    }

    /// The state shown in the navigation (class, meaning), like the indicators' marks.
    pub fn nav_state(&self) -> (&'static str, &'static str) {
        if self.has_errors() {
            ("state-error", "创建流程有错误")
        } else if self.status.recognised.is_some() {
            ("state-done", "已认定")
        } else if self.current.is_some() {
            ("state-partial", "创建流程进行中")
        } else {
            ("state-empty", "尚未记录")
        }
    }

    /// The 第十七条 heading of an evaluation attempt (by its index in [`Process::attempts`]).
    pub fn attempt_label(&self, index: usize) -> String {
        match self.evaluation.attempts.iter().find(|a| a.index == index) {
            Some(a) => a.label(),
            None => format!("第{}条评估记录", index + 1),
        }
    }

    /// The problems of one evaluation attempt (by its index in [`Process::attempts`]).
    pub fn attempt_problems(&self, index: usize) -> &[Problem] {
        self.evaluation.attempts.iter().find(|a| a.index == index).map(|a| a.problems.as_slice()).unwrap_or(&[])
    }

    /// The problems of one dynamic-management record (by its index in [`Process::events`]).
    pub fn event_problems(&self, index: usize) -> &[Problem] {
        self.events.get(index).map(|e| e.problems.as_slice()).unwrap_or(&[])
    }

    /// Whether the 第二十二条 records are to be shown: the zone is recognised, or some are recorded.
    pub fn shows_management(&self) -> bool {
        self.status.recognised.is_some() || !self.events.is_empty()
    }
}

impl AttemptView {
    /// `本轮第1次评估`, `此前创建轮次的评估(不计入本轮)`, or why it cannot be placed.
    pub fn label(&self) -> String {
        match (self.earlier_round, self.number_in_round) {
            (true, _) => "此前创建轮次的评估(早于本轮申请创建,不计入本轮)".to_string(),
            (false, Some(n)) => format!("本轮第{n}次评估"),
            (false, None) => "评估日期未填写或无效,未计入".to_string(),
        }
    }
}

/// `还有3天`, `就是今天`, `已过3天`: how far a due date is from today.
pub fn days_left_text(days: i64) -> String {
    match days {
        0 => "就是今天".to_string(),
        d if d > 0 => format!("还有{d}天"),
        d => format!("已过{}天", d.unsigned_abs()),
    }
}

impl NextStep {
    /// `期限:2028-03-10(还有1013天;未计入法定节假日)`; `None` when nothing is due on a date.
    pub fn due_text(&self) -> Option<String> {
        let due = self.due?;
        let mut parts = Vec::new();
        if let Some(d) = self.days_left {
            parts.push(days_left_text(d));
        }
        if let Some(n) = self.note {
            parts.push(n.to_string());
        }
        Some(if parts.is_empty() { format!("期限:{due}") } else { format!("期限:{due}({})", parts.join(";")) })
    }

    /// `下一步:自评(第十二条)`, or `下一步` alone when no stage is to be recorded (waiting).
    pub fn heading(&self) -> String {
        match self.stage {
            Some(s) => format!("下一步:{}", s.title()),
            None => "下一步".to_string(),
        }
    }
}

/// The heading of a dynamic-management record by its index: `动态管理记录第1条` (as problems name it).
pub fn event_record_label(index: usize) -> String {
    event_location(index).field.unwrap_or_default()
}

/// The label of a 第二十二条 situation for a choice list: `(一)重大事件或重大违法案件`.
pub fn event_kind_choice(k: EventKind) -> String {
    format!("{}{}", k.number(), k.label())
}

/// Where a problem about a stage is.
pub fn stage_location(stage: Stage) -> Location {
    process_location(format!("{}日期", stage.label()))
}

fn process_location(field: String) -> Location {
    Location { section: Some(PROCESS_SECTION.into()), field: Some(field), ..Default::default() }
}

fn attempt_location(index: usize) -> Location {
    process_location(format!("评估记录第{}条", index + 1))
}

fn event_location(index: usize) -> Location {
    process_location(format!("动态管理记录第{}条", index + 1))
}

/// Problems collected with the stage, attempt or event they belong to. The whole list and each
/// stage's are capped (`support::problem::MAX_LISTED`): a file may record a stage any number of times.
#[derive(Default)]
struct Found {
    all: ProblemList,
    by_stage: BTreeMap<Stage, ProblemList>,
    by_attempt: BTreeMap<usize, Vec<Problem>>,
    by_event: BTreeMap<usize, Vec<Problem>>,
}

impl Found {
    fn stage(&mut self, stage: Stage, p: Problem) {
        let severity = p.severity;
        self.all.push_with(severity, || p.clone());
        self.by_stage.entry(stage).or_default().push(p);
    }
    /// An error about a stage whose message is only made when some list will show it.
    fn stage_error_with(&mut self, stage: Stage, msg: impl FnOnce() -> String) {
        let list = self.by_stage.entry(stage).or_default();
        if list.is_full() && self.all.is_full() {
            // Both lists are full: the problem is only counted, and never made.
            let blank = || Problem::error(stage_location(stage), String::new());
            list.push_with(Severity::Error, blank);
            self.all.push_with(Severity::Error, blank);
        } else {
            self.stage_error(stage, msg());
        }
    }
    fn stage_error(&mut self, stage: Stage, msg: impl Into<String>) {
        self.stage(stage, Problem::error(stage_location(stage), msg));
    }
    fn stage_warning(&mut self, stage: Stage, msg: impl Into<String>) {
        self.stage(stage, Problem::warning(stage_location(stage), msg));
    }
    fn attempt(&mut self, index: usize, p: Problem) {
        self.all.push_with(p.severity, || p.clone());
        self.by_attempt.entry(index).or_default().push(p);
    }
    fn event(&mut self, index: usize, p: Problem) {
        self.all.push_with(p.severity, || p.clone());
        self.by_event.entry(index).or_default().push(p);
    }
}

/// Reads the process: dates, periods, order, 第十七条, 第二十二条, and what is next as of `today`.
/// Never panics; never changes what was entered.
pub fn timeline(process: &Process, subject: &Subject, params: &ProcessParams, today: Date) -> TimelineView {
    let (mut view, problems) = read_timeline(process, subject, params, today);
    view.problems = problems.finish(process_location("创建流程".into()));
    view
}

/// The problems of a process as a file records it, without a today (nothing is "later than
/// today"): its dates, their order, repeated stages, 第十七条 and 第二十二条. Capped.
pub fn process_problems(process: &Process, subject: &Subject, params: &ProcessParams) -> ProblemList {
    match Date::new(MAX_YEAR, 12, 31) {
        Some(far) => read_timeline(process, subject, params, far).1,
        None => ProblemList::default(),
    }
}

/// The timeline with its problems apart (its `problems` empty).
fn read_timeline(process: &Process, subject: &Subject, params: &ProcessParams, today: Date) -> (TimelineView, ProblemList) {
    let mut found = Found::default();
    let eligibility = check_eligibility(subject, &process.eligibility);

    // Stage records: one per stage, dates parsed.
    let mut records: BTreeMap<Stage, &StageRecord> = BTreeMap::new();
    let mut dates: BTreeMap<Stage, Date> = BTreeMap::new();
    for (i, rec) in process.stages.iter().enumerate() {
        let s = rec.stage;
        if records.contains_key(&s) {
            found.stage_error_with(s, || {
                format!("「{}」记录了不止一次(第{}条重复记录未采用);每个阶段只记录本轮创建的一条", s.label(), i + 1)
            });
            continue;
        }
        records.insert(s, rec);
        match parse_optional(&rec.date) {
            Ok(Some(d)) => {
                dates.insert(s, d);
            }
            Ok(None) => {
                if !rec.document.trim().is_empty() || !rec.note.trim().is_empty() {
                    found.stage_warning(s, format!("「{}」已填写文件或备注,但未填写日期", s.label()));
                }
            }
            Err(e) => found.stage_error(s, format!("「{}」的日期无效:{e}", s.label())),
        }
    }

    // Order: no stage may be dated before an earlier stage.
    let mut latest: Option<(Stage, Date)> = None;
    for s in Stage::ALL {
        let Some(&d) = dates.get(&s) else { continue };
        if let Some((ps, pd)) = latest {
            if d < pd {
                found.stage_error(
                    s,
                    format!(
                        "「{}」({})的日期{d}早于前一阶段「{}」({})的日期{pd}:阶段日期不能倒退",
                        s.label(),
                        s.article(),
                        ps.label(),
                        ps.article()
                    ),
                );
            }
        }
        if latest.is_none_or(|(_, pd)| d >= pd) {
            latest = Some((s, d));
        }
        if d > today {
            found.stage_warning(s, format!("「{}」的日期{d}晚于今天({today}),请确认", s.label()));
        }
    }
    let current = Stage::ALL.into_iter().rev().find(|s| dates.contains_key(s));
    if let Some(cur) = current {
        for s in Stage::ALL.into_iter().take(cur.index()) {
            // A stage whose date is invalid already has its error.
            let invalid = records.get(&s).is_some_and(|r| parse_optional(&r.date).is_err());
            if !dates.contains_key(&s) && !invalid {
                found.stage_warning(
                    s,
                    format!("「{}」未记录日期,而其后的阶段「{}」已记录", s.label(), cur.label()),
                );
            }
        }
    }
    if dates.contains_key(&Stage::Apply) && eligibility.status == EligibilityStatus::NotEligible {
        found.stage_warning(
            Stage::Apply,
            format!("已记录申请创建,但{}", eligibility.unmet.join(";")),
        );
    }

    // The creation period (第九条; 《民法典》第二百零二条).
    let creation = dates.get(&Stage::Approved).and_then(|&start| {
        let (years, assumed) = match subject.years {
            Some(n) if n >= 1 => (n, false),
            _ => (params.max_creation_years.max(1), true),
        };
        let end = start.period_end_years(years)?;
        let longer = years > params.max_creation_years;
        if longer {
            found.stage_warning(
                Stage::Approved,
                format!(
                    "创建期{years}年,超过第九条“创建活动周期一般不超过{}年”的规定(允许,但请说明理由)",
                    params.max_creation_years
                ),
            );
        }
        if assumed {
            found.stage_warning(
                Stage::Approved,
                format!("基本情况中未填写创建期年数,创建期按第九条的上限{years}年计算"),
            );
        }
        if let Some(y) = subject.start_year {
            if y != start.year() {
                found.stage_warning(
                    Stage::Approved,
                    format!(
                        "基本情况中的创建期起始年份为{y}年,而总局同意创建的日期为{start}({}年);请核对(指标1、2、3按起始年份逐年计分)",
                        start.year()
                    ),
                );
            }
        }
        let text = format!(
            "创建期{years}年,自{start}总局同意创建起算,至{end}届满(《民法典》第二百零二条)"
        );
        Some(CreationPeriod {
            start,
            end,
            years,
            years_assumed: assumed,
            longer_than_usual: longer,
            text,
            note: HOLIDAYS_NOT_COUNTED,
        })
    });
    if let Some(c) = &creation {
        for s in [Stage::SelfAssessment, Stage::EvaluationApplication] {
            if let Some(&d) = dates.get(&s) {
                if d <= c.end {
                    found.stage_warning(
                        s,
                        format!(
                            "「{}」的日期{d}不在创建期届满({})之后;第十二条:创建期满,创建对象进行自评、提出评估申请",
                            s.label(),
                            c.end
                        ),
                    );
                }
            }
        }
    }

    // The notice (第十五条; 《民法典》第二百零一条).
    let notice = dates.get(&Stage::Notice).and_then(|&start| {
        let end = start.period_end_days(params.notice_days)?;
        Some(NoticePeriod {
            start,
            end,
            days: params.notice_days,
            text: format!(
                "公示{}天,自{start}发布,至{end}期满(《民法典》第二百零一条:发布当日不计入)",
                params.notice_days
            ),
            note: HOLIDAYS_NOT_COUNTED,
        })
    });
    if let (Some(n), Some(&r)) = (&notice, dates.get(&Stage::Recognised)) {
        if r <= n.end {
            found.stage_error(
                Stage::Recognised,
                format!(
                    "「认定」的日期{r}在公示期内(公示期至{}期满,{HOLIDAYS_NOT_COUNTED});第十六条:公示期满后方可认定",
                    n.end
                ),
            );
        }
    }

    // Evaluation attempts (第十四条, 第十七条).
    let evaluation = evaluations(process, &dates, params, &mut found);
    if let Some(&nd) = dates.get(&Stage::Notice) {
        let before: Option<&AttemptView> =
            evaluation.attempts.iter().rev().find(|a| !a.earlier_round && a.date.is_some_and(|d| d <= nd));
        if let Some(a) = before {
            if a.passed == Some(false) {
                found.stage_error(
                    Stage::Notice,
                    format!(
                        "第十五条:评估合格的方可公示;公示前最近一次评估({})未通过",
                        a.date.map(|d| d.to_string()).unwrap_or_default()
                    ),
                );
            }
        }
    }

    // Dynamic management (第二十二条).
    let recognised = dates.get(&Stage::Recognised).copied();
    let mut events = Vec::new();
    let mut revoked: Option<Date> = None;
    let mut event_dates: Vec<(usize, Date, Option<Measure>)> = Vec::new();
    for (i, e) in process.events.iter().enumerate() {
        let date = match parse_optional(&e.date) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                found.event(i, Problem::error(event_location(i), "未填写日期"));
                None
            }
            Err(msg) => {
                found.event(i, Problem::error(event_location(i), format!("日期无效:{msg}")));
                None
            }
        };
        if e.kind.is_none() {
            found.event(
                i,
                Problem::error(event_location(i), "未选择情形(第二十二条第(一)(二)(三)项之一)"),
            );
        }
        if e.measure.is_none() {
            found.event(i, Problem::error(event_location(i), "未选择措施(约谈、警示或取消示范区资格)"));
        }
        match (recognised, date) {
            (None, _) => found.event(
                i,
                Problem::warning(
                    event_location(i),
                    "尚未记录「认定」:第二十二条的动态管理措施适用于已认定的示范区",
                ),
            ),
            (Some(r), Some(d)) if d < r => found.event(
                i,
                Problem::warning(
                    event_location(i),
                    format!("日期{d}早于认定日期{r}:第二十二条的动态管理措施适用于已认定的示范区"),
                ),
            ),
            _ => {}
        }
        if let Some(d) = date {
            if d > today {
                found.event(i, Problem::warning(event_location(i), format!("日期{d}晚于今天({today}),请确认")));
            }
            event_dates.push((i, d, e.measure));
            if e.measure == Some(Measure::Revoke) && revoked.is_none_or(|r| d < r) {
                revoked = Some(d);
            }
        }
    }
    if let Some(rv) = revoked {
        for &(i, d, _) in &event_dates {
            if d > rv {
                found.event(
                    i,
                    Problem::warning(event_location(i), format!("示范区资格已于{rv}取消,此后不再适用动态管理措施")),
                );
            }
        }
    }
    for (i, e) in process.events.iter().enumerate() {
        events.push(EventView {
            index: i,
            date: parse_optional(&e.date).ok().flatten(),
            kind: e.kind,
            measure: e.measure,
            problems: found.by_event.get(&i).cloned().unwrap_or_default(),
        });
    }
    let status = zone_status(recognised, revoked, current);

    let next = next_step(current, &status, &creation, &notice, &evaluation, params, today);

    let stages = Stage::ALL
        .into_iter()
        .map(|s| {
            let rec = records.get(&s);
            StageView {
                stage: s,
                label: s.label(),
                article: s.article(),
                date: dates.get(&s).copied(),
                date_text: rec.map(|r| r.date.clone()).unwrap_or_default(),
                document: rec.map(|r| r.document.clone()).unwrap_or_default(),
                note: rec.map(|r| r.note.clone()).unwrap_or_default(),
                problems: found.by_stage.remove(&s).map(|l| l.finish(stage_location(s))).unwrap_or_default(),
            }
        })
        .collect();

    let mut evaluation = evaluation;
    for a in &mut evaluation.attempts {
        a.problems = found.by_attempt.get(&a.index).cloned().unwrap_or_default();
    }

    let view = TimelineView {
        eligibility,
        stages,
        current,
        creation,
        notice,
        evaluation,
        next,
        status,
        events,
        problems: Vec::new(),
        today,
    };
    (view, found.all)
}

fn evaluations(
    process: &Process,
    dates: &BTreeMap<Stage, Date>,
    params: &ProcessParams,
    found: &mut Found,
) -> EvaluationView {
    let apply = dates.get(&Stage::Apply).copied();
    let approved = dates.get(&Stage::Approved).copied();
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

    let mut views = Vec::new();
    let mut earlier_numbers = 0usize;
    let mut failures = 0usize;
    let mut passed_seen = false;
    let mut number = 0usize;
    let current_round: Vec<usize> = dated
        .iter()
        .filter(|(_, d)| apply.is_none_or(|ap| *d >= ap))
        .map(|(i, _)| *i)
        .collect();
    let last_in_round = current_round.last().copied();
    let mut latest: Option<bool> = None;
    for &(i, d) in &dated {
        let a = &process.attempts[i];
        let earlier_round = apply.is_some_and(|ap| d < ap);
        let n = if earlier_round {
            earlier_numbers += 1;
            earlier_numbers
        } else {
            number += 1;
            if let Some(ap) = approved {
                if d < ap {
                    found.attempt(
                        i,
                        Problem::error(attempt_location(i), format!("评估日期{d}早于「总局同意创建」的日期{ap}")),
                    );
                }
            }
            if failures >= 2 {
                found.attempt(
                    i,
                    Problem::error(
                        attempt_location(i),
                        format!(
                            "第十七条:本轮创建已两次未通过评估,需重新提出创建申请;第{number}次评估({d})之前未记录新的「申请创建」(申请创建的日期应晚于第二次未通过的评估)"
                        ),
                    ),
                );
            } else if passed_seen {
                found.attempt(i, Problem::warning(attempt_location(i), "评估已通过后又记录了评估,请核对"));
            }
            match a.passed {
                Some(false) => failures += 1,
                Some(true) => passed_seen = true,
                None if Some(i) != last_in_round => found.attempt(
                    i,
                    Problem::warning(attempt_location(i), "评估结果未填写,而其后还有评估记录"),
                ),
                None => {}
            }
            latest = a.passed;
            number
        };
        views.push(AttemptView {
            index: i,
            date: Some(d),
            passed: a.passed,
            earlier_round,
            number_in_round: Some(n),
            problems: Vec::new(),
        });
    }
    for i in undated {
        views.push(AttemptView {
            index: i,
            date: None,
            passed: process.attempts[i].passed,
            earlier_round: false,
            number_in_round: None,
            problems: Vec::new(),
        });
    }
    let must_reapply = failures >= 2 && latest == Some(false);
    let message = match latest {
        Some(false) if failures >= 2 => Some(
            "第十七条:再次评估仍未通过,需重新提出创建申请(第七条)".to_string(),
        ),
        Some(false) => Some(
            "第十七条:未通过市场监管总局评估,可在下一次示范区评估认定时再次提交评估申请(按第十二条)".to_string(),
        ),
        Some(true) => Some(format!(
            "评估合格:市场监管总局将示范区建议名单进行为期{}天的公示(第十五条)",
            params.notice_days
        )),
        None => None,
    };
    EvaluationView { attempts: views, failures, latest, must_reapply, message }
}

fn zone_status(recognised: Option<Date>, revoked: Option<Date>, current: Option<Stage>) -> ZoneStatus {
    let text = match (recognised, revoked) {
        (_, Some(rv)) => format!(
            "示范区资格已于{rv}取消(第二十二条):自此不再是网络市场监管与服务示范区,动态管理随之终止"
        ),
        (Some(r), None) => format!(
            "已于{r}认定为网络市场监管与服务示范区;适用动态管理(第二十二条):市场监管总局不定期督促指导,出现第二十二条所列情形的,根据情节轻重予以约谈、警示,直至取消示范区资格"
        ),
        (None, None) => match current {
            None => "尚未申请创建".to_string(),
            Some(s) => format!("尚未认定;当前阶段:{}", s.title()),
        },
    };
    ZoneStatus { recognised, revoked, dynamic_management: recognised.is_some() && revoked.is_none(), text }
}

fn next_step(
    current: Option<Stage>,
    status: &ZoneStatus,
    creation: &Option<CreationPeriod>,
    notice: &Option<NoticePeriod>,
    evaluation: &EvaluationView,
    params: &ProcessParams,
    today: Date,
) -> Option<NextStep> {
    if status.revoked.is_some() {
        return None;
    }
    let step = |stage: Option<Stage>, text: String| NextStep { stage, text, due: None, days_left: None, note: None };
    let due = |stage: Option<Stage>, text: String, d: Date| NextStep {
        stage,
        text,
        due: Some(d),
        days_left: Some(today.days_until(d)),
        note: Some(HOLIDAYS_NOT_COUNTED),
    };
    let after_creation = |stage: Stage, doing: &str| match creation {
        Some(c) if today > c.end => step(
            Some(Stage::SelfAssessment),
            format!("创建期已于{}届满,应对照评估指标体系和创建方案进行自评(第十二条)", c.end),
        ),
        Some(c) => due(
            Some(stage),
            format!("{doing}创建期至{}届满,届满后对照评估指标体系和创建方案进行自评(第十二条)", c.end),
            c.end,
        ),
        None => step(Some(stage), format!("{doing}创建期满后对照评估指标体系和创建方案进行自评(第十二条)")),
    };
    Some(match current {
        None => step(
            Some(Stage::Apply),
            "对照第五条、第六条确认申请创建条件后,按市场监管总局通知的要求填写《网络市场监管与服务示范区创建申请表》,连同创建方案和相关材料报所在地省级市场监管部门(第七条)".into(),
        ),
        Some(Stage::Apply) => step(
            Some(Stage::ProvinceRecommend),
            "等待省级市场监管部门对申报材料进行初审,择优向市场监管总局提出推荐名单(第八条)".into(),
        ),
        Some(Stage::ProvinceRecommend) => step(
            Some(Stage::Approved),
            "等待市场监管总局审核同意创建(第九条);同意之日起算创建期".into(),
        ),
        Some(Stage::Approved) => after_creation(Stage::Creating, "开展创建(第十条);"),
        Some(Stage::Creating) => after_creation(Stage::SelfAssessment, ""),
        Some(Stage::SelfAssessment) => step(
            Some(Stage::EvaluationApplication),
            "自评合格的,填写《网络市场监管与服务示范区创建评估申请表》,连同自评报告和相关材料报所在地省级市场监管部门(第十二条)".into(),
        ),
        Some(Stage::EvaluationApplication) => step(
            Some(Stage::ProvinceReview),
            "等待省级市场监管部门评估初审(第十三条):资料审查、数据比对、实地核查".into(),
        ),
        Some(Stage::ProvinceReview) => step(
            Some(Stage::NationalEvaluation),
            "初审合格的,由省级市场监管部门将评估申请及相关材料报市场监管总局评估(第十四条)".into(),
        ),
        Some(Stage::NationalEvaluation) => match evaluation.latest {
            Some(true) => step(
                Some(Stage::Notice),
                format!("评估合格:市场监管总局将示范区建议名单进行为期{}天的公示(第十五条)", params.notice_days),
            ),
            Some(false) if evaluation.failures >= 2 => step(
                Some(Stage::Apply),
                "第十七条:再次评估仍未通过,需重新提出创建申请(第七条)".into(),
            ),
            Some(false) => step(
                Some(Stage::EvaluationApplication),
                "第十七条:未通过市场监管总局评估,可在下一次示范区评估认定时再次提交评估申请(按第十二条)".into(),
            ),
            None => step(None, "等待市场监管总局评估结果(第十四条);结果出来后请记入评估记录".into()),
        },
        Some(Stage::Notice) => match notice {
            Some(n) if today > n.end => step(
                Some(Stage::Recognised),
                format!(
                    "公示期已于{}期满({HOLIDAYS_NOT_COUNTED});社会无异议或经核实异议不成立的,经市场监管总局批准认定为示范区(第十六条)",
                    n.end
                ),
            ),
            Some(n) => due(
                Some(Stage::Recognised),
                format!(
                    "公示期满{}后可认定(第十六条):社会无异议或经核实异议不成立的,经市场监管总局批准认定为示范区",
                    n.end
                ),
                n.end,
            ),
            None => step(Some(Stage::Recognised), "公示期满后可认定(第十六条)".into()),
        },
        Some(Stage::Recognised) => step(
            None,
            "已认定为示范区;适用动态管理(第二十二条),持续发挥示范引领作用(第十八条、第十九条)".into(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::assessment::SubjectKind;
    use crate::engine::model::process::{Attempt, ManagementEvent};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn params() -> ProcessParams {
        ProcessParams { max_creation_years: 3, notice_days: 15 }
    }

    fn subject() -> Subject {
        Subject {
            name: "杭州市".into(),
            kind: Some(SubjectKind::SubProvincialCity),
            province: "浙江".into(),
            start_year: Some(2025),
            years: Some(3),
        }
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

    fn with(dates: &[(Stage, &str)]) -> Process {
        let mut p = Process::default();
        for (s, date) in dates {
            p.set_date(*s, date);
        }
        p
    }

    fn messages(t: &TimelineView) -> Vec<String> {
        t.problems.iter().map(|p| p.message.clone()).collect()
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
        assert!(c.longer_than_usual);
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

    fn attempt(date: &str, passed: Option<bool>) -> Attempt {
        Attempt { date: date.into(), passed, note: String::new() }
    }

    fn evaluated(attempts: Vec<Attempt>) -> Process {
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

    #[test]
    fn article_17_one_failure_then_two() {
        let mut s = subject();
        s.start_year = Some(2022);
        let p = evaluated(vec![attempt("2025-06-01", Some(false))]);
        let t = timeline(&p, &s, &params(), d("2025-07-01"));
        assert!(t.problems.is_empty(), "{:#?}", t.problems);
        assert_eq!(t.evaluation.failures, 1);
        assert!(t.evaluation.message.as_deref().unwrap().contains("可在下一次示范区评估认定时再次提交评估申请"));
        assert_eq!(t.next.as_ref().unwrap().stage, Some(Stage::EvaluationApplication));

        let p = evaluated(vec![attempt("2025-06-01", Some(false)), attempt("2024-06-01", Some(false))]);
        let t = timeline(&p, &s, &params(), d("2025-07-01"));
        assert_eq!(t.evaluation.failures, 2);
        assert!(t.evaluation.must_reapply);
        assert!(t.evaluation.message.as_deref().unwrap().contains("需重新提出创建申请"));
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
        assert!(errors[0].message.starts_with("第十七条:本轮创建已两次未通过评估,需重新提出创建申请;第3次评估(2026-06-01)"));
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
    fn labels_for_the_page_come_from_the_timeline() {
        assert_eq!(days_left_text(3), "还有3天");
        assert_eq!(days_left_text(0), "就是今天");
        assert_eq!(days_left_text(-12), "已过12天");

        let p = with(&[(Stage::Apply, "2024-11-01"), (Stage::ProvinceRecommend, "2024-12-01"), (Stage::Approved, "2025-03-10")]);
        let t = timeline(&p, &subject(), &params(), d("2028-03-07"));
        let next = t.next.clone().unwrap();
        assert_eq!(next.heading(), "下一步:创建(第十条)");
        assert_eq!(next.due_text().unwrap(), "期限:2028-03-10(还有3天;未计入法定节假日)");
        assert_eq!(t.stage_mark(Stage::Apply), ("stage-done", "已记录"));
        assert_eq!(t.stage_mark(Stage::Approved), ("stage-current", "当前阶段"));
        assert_eq!(t.stage_mark(Stage::Creating), ("stage-next", "下一步"));
        assert_eq!(t.stage_mark(Stage::Notice), ("stage-pending", "未到"));
        assert_eq!(t.nav_state().0, "state-partial");
        assert!(!t.shows_management());

        // Waiting for a result: no stage, no due date.
        let t = timeline(&evaluated(vec![attempt("2025-06-01", None)]), &subject(), &params(), d("2025-07-01"));
        let next = t.next.clone().unwrap();
        assert_eq!(next.heading(), "下一步");
        assert_eq!(next.due_text(), None);
        assert_eq!(t.attempt_label(0), "本轮第1次评估");
        assert_eq!(t.attempt_label(7), "第8条评估记录");
        assert!(t.attempt_problems(7).is_empty());

        let p = with(&[(Stage::Apply, "2025-03-01"), (Stage::ProvinceRecommend, "2025-02-01")]);
        let t = timeline(&p, &subject(), &params(), d("2025-06-01"));
        assert_eq!(t.stage_mark(Stage::ProvinceRecommend), ("stage-error", "有错误"));
        assert_eq!(t.nav_state(), ("state-error", "创建流程有错误"));
        assert_eq!(timeline(&Process::default(), &subject(), &params(), d("2025-06-01")).nav_state().0, "state-empty");

        let mut p = evaluated(vec![attempt("2021-06-01", Some(false)), attempt("", Some(true))]);
        p.set_date(Stage::Notice, "2025-06-01");
        p.set_date(Stage::Recognised, "2025-07-01");
        let t = timeline(&p, &subject(), &params(), d("2025-08-01"));
        assert!(t.attempt_label(0).starts_with("此前创建轮次的评估"));
        assert_eq!(t.attempt_label(1), "评估日期未填写或无效,未计入");
        assert_eq!(t.attempt_problems(1)[0].message, "未填写评估日期");
        assert!(t.shows_management());
        assert_eq!(event_kind_choice(EventKind::Decline), "(三)工作明显下滑或存在突出问题");
        assert_eq!(event_record_label(0), "动态管理记录第1条");
    }
}

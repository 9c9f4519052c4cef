//! Where the process's problems are and how they are collected: every problem the timeline's
//! steps find is located in the 创建流程 section (a stage's date, an evaluation record, a
//! dynamic-management record) and kept both in one list, in the order found, and with the stage,
//! attempt or event it belongs to, so that each card of the page shows its own.

use std::collections::BTreeMap;

use crate::engine::model::process::Stage;
use crate::engine::support::problem::{Location, Problem, ProblemList, Severity};

/// The `section` of every [`Location`] the process reports (创建流程).
pub const PROCESS_SECTION: &str = "process";

/// Where a problem about a stage is: its date (`申请创建日期`).
pub fn stage_location(stage: Stage) -> Location {
    process_location(format!("{}日期", stage.label()))
}

/// Where a problem about an evaluation record is, by its index in `Process::attempts`.
pub fn attempt_location(index: usize) -> Location {
    process_location(format!("评估记录第{}条", index + 1))
}

/// Where a problem about a dynamic-management record is, by its index in `Process::events`.
pub fn event_location(index: usize) -> Location {
    process_location(format!("动态管理记录第{}条", index + 1))
}

fn process_location(field: String) -> Location {
    Location { section: Some(PROCESS_SECTION.into()), field: Some(field), ..Default::default() }
}

/// Problems collected with the stage, attempt or event they belong to. The whole list and each
/// stage's are capped (`support::problem::MAX_LISTED`): a file may record a stage any number of times.
#[derive(Default)]
pub struct Found {
    /// Every problem, in the order found (capped).
    pub all: ProblemList,
    by_stage: BTreeMap<Stage, ProblemList>,
    by_attempt: BTreeMap<usize, Vec<Problem>>,
    by_event: BTreeMap<usize, Vec<Problem>>,
    /// Only `all` is wanted (`timeline::process_problems`): the attempts' and events' own lists
    /// are not kept, so a problem past the cap of `all` is only counted, never made.
    only_all: bool,
}

impl Found {
    /// Collects the whole list only (no page shows the cards of each attempt and event).
    pub fn all_only() -> Found {
        Found { only_all: true, ..Found::default() }
    }

    pub fn stage(&mut self, stage: Stage, p: Problem) {
        let severity = p.severity;
        self.all.push_with(severity, || p.clone());
        self.by_stage.entry(stage).or_default().push(p);
    }

    /// An error about a stage whose message is only made when some list will show it.
    pub fn stage_error_with(&mut self, stage: Stage, msg: impl FnOnce() -> String) {
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

    pub fn stage_error(&mut self, stage: Stage, msg: impl Into<String>) {
        self.stage(stage, Problem::error(stage_location(stage), msg));
    }

    pub fn stage_warning(&mut self, stage: Stage, msg: impl Into<String>) {
        self.stage(stage, Problem::warning(stage_location(stage), msg));
    }

    /// A problem of evaluation record `index`.
    pub fn attempt(&mut self, index: usize, p: Problem) {
        self.attempt_with(index, p.severity, || p);
    }

    /// A problem of evaluation record `index`, made only when some list keeps it.
    pub fn attempt_with(&mut self, index: usize, severity: Severity, make: impl FnOnce() -> Problem) {
        let by_record = (!self.only_all).then_some(&mut self.by_attempt);
        keep(&mut self.all, by_record, index, severity, make);
    }

    /// A problem of dynamic-management record `index`.
    pub fn event(&mut self, index: usize, p: Problem) {
        self.event_with(index, p.severity, || p);
    }

    /// A problem of dynamic-management record `index`, made only when some list keeps it.
    pub fn event_with(&mut self, index: usize, severity: Severity, make: impl FnOnce() -> Problem) {
        let by_record = (!self.only_all).then_some(&mut self.by_event);
        keep(&mut self.all, by_record, index, severity, make);
    }

    /// The problems of one stage so far.
    pub fn of_stage(&self, stage: Stage) -> Vec<Problem> {
        self.by_stage.get(&stage).cloned().map(|l| l.finish(stage_location(stage))).unwrap_or_default()
    }

    /// The problems of one evaluation record so far.
    pub fn of_attempt(&self, index: usize) -> Vec<Problem> {
        self.by_attempt.get(&index).cloned().unwrap_or_default()
    }

    /// The problems of one dynamic-management record so far.
    pub fn of_event(&self, index: usize) -> Vec<Problem> {
        self.by_event.get(&index).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_kept_in_order_and_with_their_place() {
        let mut f = Found::default();
        f.stage_error(Stage::Apply, "a");
        f.attempt(1, Problem::warning(attempt_location(1), "b"));
        f.stage_warning(Stage::Apply, "c");
        f.event(0, Problem::error(event_location(0), "d"));
        let all: Vec<_> = f.all.listed().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(all, ["a", "b", "c", "d"]);
        assert_eq!(f.of_stage(Stage::Apply).len(), 2);
        assert!(f.of_stage(Stage::Notice).is_empty());
        assert_eq!(f.of_attempt(1)[0].location.field.as_deref(), Some("评估记录第2条"));
        assert!(f.of_attempt(0).is_empty());
        assert_eq!(f.of_event(0)[0].location.field.as_deref(), Some("动态管理记录第1条"));
        assert_eq!(stage_location(Stage::Notice).field.as_deref(), Some("公示日期"));
        assert_eq!(stage_location(Stage::Notice).section.as_deref(), Some(PROCESS_SECTION));
    }
}

/// A problem of record `index`: in the whole list, and in the record's own (`by_record`, when the
/// record lists are kept); made only when one of them keeps it.
fn keep(
    all: &mut ProblemList,
    by_record: Option<&mut BTreeMap<usize, Vec<Problem>>>,
    index: usize,
    severity: Severity,
    make: impl FnOnce() -> Problem,
) {
    match by_record {
        None => all.push_with(severity, make),
        Some(map) => {
            let p = make();
            all.push_with(severity, || p.clone());
            map.entry(index).or_default().push(p);
        }
    }
}

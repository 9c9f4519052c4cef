//! The functional core: rubric model, scoring, validation, the assessment file format.
//! No web dependency; everything here is tested natively with `cargo test`.

pub mod assessment;
pub mod draft;
pub mod dates;
pub mod diff;
pub mod file;
pub(crate) mod located;
pub mod num;
pub mod panel;
pub mod problem;
pub mod process;
pub mod ranking;
pub mod review;
pub mod rubric;
pub mod report;
pub mod rubric_check;
pub mod rubrics;
pub mod score;
pub mod tools_view;
pub mod view;

pub use assessment::*;
pub use dates::Date;
pub use diff::{diff_assessments, diff_opened, FieldChange, InputChange, ReviewChange, VerdictChange, VersionDiff};
pub use file::*;
pub use problem::*;
pub use process::{
    check_eligibility, timeline, Attempt, ConditionAnswer, CreationPeriod, Eligibility, EligibilityCondition,
    EligibilityResult, EligibilityStatus, EventKind, ManagementEvent, Measure, NextStep, NoticePeriod, Process,
    Stage, StageRecord, StageView, TimelineView, ZoneStatus,
};
pub use rubric::*;
pub use rubric_check::{validate_rubric, RubricProblem};
pub use rubrics::{load_rubric, migrate, DroppedInput, Migration, MigrationChange, MigrationLevel, RubricSet};
pub use panel::{merge_panel, merge_panel_labelled, Outlier, Panel, PanelExpert, PanelIndicator, PanelItem, PanelRefusal};
pub use ranking::{
    csv_cell, neutralise, DimensionColumn, DuplicateOf, DuplicateReason, Missing, RankEntry, Ranking,
    RankingRow, SortKey, SortOrder,
};
pub use review::{
    compare_layers, province_review, reviews_by_role, score_differences, score_review, DiffScope, Difference, Method,
    Review, ReviewItem, ReviewRole, Reviewer,
};
pub use score::*;

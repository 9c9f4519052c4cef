//! What 专家组合议 and 版本比较 keep of a file they read (the tools' worker's answers,
//! `super::tool_read`): for a sheet, what the panel merges; for a version, what its slot shows.
//! Both are small whatever the file's size.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::io::file::Opened;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::review::ReviewRole;
use crate::engine::model::rubric::RubricRef;
use crate::engine::score::panel::{inputs_digest, Sheet};

/// What 专家组合议 keeps of a sheet: what the panel merges (`score::panel`), nothing more: the
/// assessment's id, subject and expert layers (not its inputs, other layers, process), and the
/// digest of its inputs, which stands for them when the panel checks that every expert saw the
/// same self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelSheet {
    /// Index into the rubrics the file was read against (the one it was scored with).
    pub rubric_index: usize,
    pub rubric: RubricRef,
    /// The assessment with only its id, subject and expert layers.
    pub assessment: Assessment,
    /// [`inputs_digest`] of the assessment's inputs.
    pub inputs_digest: String,
}

impl PanelSheet {
    pub fn of(opened: &Opened) -> PanelSheet {
        let a = &opened.file.assessment;
        PanelSheet {
            rubric_index: opened.rubric_index,
            rubric: opened.file.rubric.clone(),
            assessment: Assessment {
                id: a.id.clone(),
                subject: a.subject.clone(),
                reviews: a.reviews.iter().filter(|r| r.role == ReviewRole::Expert).cloned().collect(),
                ..Assessment::default()
            },
            inputs_digest: inputs_digest(&a.inputs),
        }
    }

    /// The sheet the panel merges.
    pub fn sheet(&self) -> Sheet<'_> {
        Sheet { rubric: &self.rubric, assessment: &self.assessment, inputs_digest: Some(&self.inputs_digest) }
    }
}

/// What a slot of 版本比较 shows of its file (`tools::version_facts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionFile {
    /// Index into the rubrics the file was read against (the one it was scored with).
    pub rubric_index: usize,
    /// The 创建对象's name as typed.
    pub subject: String,
    /// `saved_at` as the file records it.
    pub saved_at: String,
    /// The recomputed total and verdict.
    pub total: Decimal,
    pub passed: bool,
}

impl VersionFile {
    pub fn of(opened: &Opened) -> VersionFile {
        VersionFile {
            rubric_index: opened.rubric_index,
            subject: opened.file.assessment.subject.name.clone(),
            saved_at: opened.file.saved_at.clone(),
            total: opened.outcome.total,
            passed: opened.outcome.passed,
        }
    }
}


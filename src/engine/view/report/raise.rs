//! 提分路径 as a section of the 自评报告, printed when the user asks for it: the groups of
//! `view::raise::raise_path` (one per unmet pass condition, the sub-items with points still open
//! by dimension, the cheapest sure points first), as text. Only the 自评报告 of an assessment that
//! does not pass has one; a review report never does (the path is the 创建对象's work to do).

use super::{ReportKind, Source};
use crate::engine::view::raise::{raise_path, RaiseGroup};

/// The section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaiseSection {
    /// `提分路径` (numbered when built: `五、提分路径`).
    pub heading: String,
    /// How the lines were computed and how to read them.
    pub note: String,
    pub groups: Vec<RaiseGroup>,
}

/// The 提分路径 the report can show, when there is one: `None` for a review report or an
/// assessment that passes.
pub(super) fn raise_section(src: &Source) -> Option<RaiseSection> {
    if src.kind != ReportKind::SelfAssessment {
        return None;
    }
    let groups = raise_path(src.rubric(), src.a, &src.self_o);
    (!groups.is_empty()).then(|| RaiseSection {
        heading: "提分路径".into(),
        note: "按指标体系和已填数据计算,列出尚未达到的合格条件及可能得分的子项:先列确定可得的分(达标项、计数项,离门槛近的在前),再列由评审评定的分(不作承诺);创建期内已无法再取得的分列在最后。".into(),
        groups,
    })
}

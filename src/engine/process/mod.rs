//! Layer 6: the creation process read (第五条–第十七条, 第二十二条): [`eligibility`] (第五条, 第六条)
//! and the [`timeline`] of stages, periods, evaluations and dynamic management. The process data
//! is in `model::process`.

pub mod eligibility;
pub mod timeline;

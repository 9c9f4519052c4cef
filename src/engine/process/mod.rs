//! Layer 6: the creation process read (第五条–第十七条, 第二十二条). The process data is in
//! `model::process`; what the pages show of it is in `view::process`.
//!
//! - [`eligibility`]: 第五条, 第六条, whether the subject may apply.
//! - [`timeline`]: the process read in steps, each in its own module:
//!   [`stages`] (the stage dates, their order, the stages as read),
//!   [`periods`] (the creation period, 第九条, and the 公示, 第十五条),
//!   [`evaluation`] (第十四条 and the retry rule of 第十七条),
//!   [`management`] (第二十二条 and the zone's status),
//!   [`next_step`] (what is due next).
//! - [`found`]: where the problems are and how the steps collect them.
//! - [`banfa_move`]: what changes when an assessment moves to another version of the 办法.

pub mod banfa_move;
pub mod eligibility;
pub mod evaluation;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod found;
pub mod management;
pub mod next_step;
pub mod periods;
pub mod stages;
pub mod timeline;

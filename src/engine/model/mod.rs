//! Layer 3: the engine's data, exactly as users and files give it. The rubric and the closed set
//! of rule kinds ([`rubric`], [`rule`]), the assessment with its subject and item inputs ([`assessment`]),
//! the review layers ([`review`]) and the creation process ([`process`]). Types and trivial
//! accessors only: reading, checking and scoring them is done by the layers above.
//!
//! Beside them, [`edit`]: every change a user makes to an assessment as a value ([`edit::Edit`]),
//! and the one function that applies it.

pub mod assessment;
pub mod banfa;
pub mod edit;
pub mod evidence;
pub mod process;
pub mod review;
pub mod rubric;
pub mod rule;
#[cfg(test)]
pub(crate) mod fixtures;

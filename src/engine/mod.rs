//! The functional core: rubric model, scoring, validation, the assessment file format.
//! No web dependency; everything here is tested natively with `cargo test`.

pub mod assessment;
pub mod file;
pub mod num;
pub mod problem;
pub mod rubric;
pub mod rubric_check;
pub mod score;

pub use assessment::*;
pub use file::*;
pub use problem::*;
pub use rubric::*;
pub use rubric_check::{validate_rubric, RubricProblem};
pub use score::*;

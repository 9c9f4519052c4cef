//! The functional core: rubric model, scoring, validation, the assessment file format.
//! No web dependency; everything here is tested natively with `cargo test`.
//!
//! Eight layers, each a folder; a module imports only from its own layer and the layers below
//! (`tests/it/architecture.rs` checks it, and that modules of one layer do not import each other in
//! a cycle). ARCHITECTURE.md draws them.
//!
//! ```text
//! 8 view      view models of the pages, tools, reports and the version comparison
//! 7 io        the assessment file, drafts
//! 6 process   eligibility, the timeline of the creation process
//! 5 score     outcomes, items, review layers, panel, ranking, migration
//! 4 rubric    loading a rubric file, its checks, the set of versions
//! 3 model     the data: rubric, assessment, reviews, process
//! 2 json      the one JSON reader: size, decoding, syntax, duplicate keys, located paths
//! 1 support   numbers, dates, problems, quoting text
//! ```

pub mod support;
pub mod json;
pub mod model;
pub mod rubric;
pub mod score;
pub mod process;
pub mod io;
pub mod view;

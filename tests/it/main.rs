//! The integration tests, one test binary (`cargo test --test it`): linking one binary instead of
//! one per file keeps `cargo test`'s build short. Each module was a test file of its own; run one
//! with `cargo test --test it MODULE::`.

mod architecture;
mod cli;
mod docs;
mod engine_rules;
mod examples;
mod fuzz_regressions;
mod hostile_files;
mod layers;
mod process;
mod properties;
mod rubric_data;

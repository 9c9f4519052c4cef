//! Layer 8: view models. Every label, figure and state the app shows, computed here in plain tested
//! Rust so that no component computes: [`workbench`] for the self-assessment pages (growth rows,
//! quick scores, "还差" texts, the chart, where problems are placed), [`process`] for 申请条件 and
//! 创建流程 (marks, headings, labels), [`tools`] for the multi-file tools, [`report`] for the review
//! chain and the printed reports, [`version_diff`] for the comparison of two versions of one
//! assessment.

pub mod process;
pub mod report;
pub mod tools;
pub mod version_diff;
pub mod workbench;

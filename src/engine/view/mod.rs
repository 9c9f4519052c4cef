//! Layer 8: view models. Every label, figure and state the app shows, computed here in plain tested
//! Rust so that no component computes: [`workbench`] for the self-assessment pages (growth rows,
//! quick scores, "还差" texts, the chart, where problems are placed), [`process`] for 申请条件 and
//! 创建流程 (marks, headings, labels), [`tools`] for the multi-file tools, [`roles`] for who works
//! on which layer of an assessment, [`layer_compare`] for a review layer beside the self layer,
//! [`report`] for the printed reports, [`version_diff`] for the comparison of two versions of one
//! assessment, [`evidence`] for the 佐证材料目录 and its check against received files, [`raise`]
//! for the 提分路径 (where the missing points can come from); [`tool_export`] gives the tools'
//! results as data for scripts (the command line's `rank` and `panel`), from the same views;
//! [`tool_read`] reads a file for the multi-file tools in the tools' web worker, answering with
//! what each keeps of it ([`tool_files`] for 专家组合议 and 版本比较). A new
//! user's first steps: [`steps`] (what is an error yet, headings, the next step, which start-page
//! controls can act), [`example`] (the example assessment, marked), [`notices`] (which message
//! belongs to which draft or page).

pub mod evidence;
pub mod example;
pub mod layer_compare;
pub mod notices;
pub mod process;
pub mod raise;
pub mod report;
pub mod roles;
pub mod steps;
pub mod tool_export;
pub mod tool_files;
pub mod tool_read;
pub mod tools;
pub mod version_diff;
pub mod workbench;
#[cfg(test)]
mod fixtures;

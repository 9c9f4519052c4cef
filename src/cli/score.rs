//! `demozone score FILE...`: prints, for every file that can be scored, the recomputed result as
//! JSON (decimals as strings). A file that cannot be read or has invalid inputs gets a clear error
//! on stderr naming the file and the field; the other files are still scored, and the exit code
//! is 1.

use std::ffi::OsString;
use std::io::Write;

use demozone::engine::score::outcome::Outcome;
use demozone::engine::support::problem::Severity;
use rust_decimal::Decimal;
use serde::Serialize;

use super::args::{parse, Takes};
use super::input::{expand, open_assessment};
use super::rubric::load_set;
use super::text::{json, line};
use super::{help, report_unreadable, usage_error};

#[derive(Serialize)]
struct FileResult<'a> {
    file: &'a str,
    rubric: String,
    total: Decimal,
    max: Decimal,
    achievable: Decimal,
    passed: bool,
    dimensions: Vec<DimensionOut>,
    indicators: Vec<IndicatorOut>,
    unmet: Vec<UnmetOut>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct DimensionOut {
    id: String,
    name: String,
    score: Decimal,
    max: Decimal,
    /// Percentage truncated to two decimals.
    rate: String,
    passed: bool,
}

#[derive(Serialize)]
struct IndicatorOut {
    number: u32,
    score: Decimal,
    max: Decimal,
}

#[derive(Serialize)]
struct UnmetOut {
    condition: String,
    required: Decimal,
    actual: Decimal,
    missing: Decimal,
}

pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let p = match parse(args, Takes { rubric: true, ..Takes::default() }) {
        Ok(p) => p,
        Err(e) => return usage_error(err, "score", &e),
    };
    if p.help {
        let _ = writeln!(out, "{}", help::SCORE);
        return 0;
    }
    if p.files.is_empty() {
        return usage_error(err, "score", "没有指定评估文件");
    }
    let Some(set) = load_set(&p.rubrics, err) else { return 2 };
    let rubrics = set.refs();
    let inputs = expand(&p.files);
    let mut failed = !inputs.folder_failures.is_empty();
    for f in &inputs.folder_failures {
        line(err, &format!("{}: {}:{}", f.name, f.place, f.reason));
    }
    let mut results = Vec::new();
    for input in &inputs.files {
        let path = input.name.as_str();
        let opened = match open_assessment(input, &rubrics) {
            Ok(o) => o,
            Err(e) => {
                failed = true;
                report_unreadable(err, path, &e);
                continue;
            }
        };
        let errors: Vec<_> = opened.outcome.problems.iter().filter(|p| p.severity == Severity::Error).collect();
        if !errors.is_empty() {
            failed = true;
            for p in errors {
                line(err, &format!("{path}: {p}"));
            }
            continue;
        }
        let mut warnings: Vec<String> = opened
            .outcome
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .map(|p| p.to_string())
            .collect();
        warnings.extend(opened.recorded_differences.iter().map(|d| format!("文件记录的得分与重新计算不一致:{d}")));
        results.push(result(path, &opened.file.rubric.version, &opened.outcome, warnings));
    }
    let _ = out.write_all(&json(&results));
    if failed {
        1
    } else {
        0
    }
}

fn result<'a>(path: &'a str, rubric: &str, o: &Outcome, warnings: Vec<String>) -> FileResult<'a> {
    FileResult {
        file: path,
        rubric: rubric.to_string(),
        total: o.total,
        max: o.max,
        achievable: o.achievable,
        passed: o.passed,
        dimensions: o
            .dimensions
            .iter()
            .map(|d| DimensionOut {
                id: d.id.clone(),
                name: d.name.clone(),
                score: d.score,
                max: d.max,
                rate: d.rate_display(),
                passed: d.passed,
            })
            .collect(),
        indicators: o.indicators.iter().map(|i| IndicatorOut { number: i.number, score: i.score, max: i.max }).collect(),
        unmet: o
            .unmet()
            .map(|c| UnmetOut { condition: c.label.clone(), required: c.required, actual: c.actual, missing: c.missing })
            .collect(),
        warnings,
    }
}

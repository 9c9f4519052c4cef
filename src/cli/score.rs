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

use super::args::Takes;
use super::input::read_each;
use super::prepare;
use super::text::{json, line};

#[derive(Serialize)]
struct FileResult {
    file: String,
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
    let (p, set) = match prepare("score", args, Takes { rubric: true, ..Takes::default() }, out, err) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let mut results = Vec::new();
    let mut invalid = false;
    let batch = read_each(&p.files, &set.refs(), err, |path, opened, err| {
        let errors: Vec<_> = opened.outcome.problems.iter().filter(|p| p.severity == Severity::Error).collect();
        if !errors.is_empty() {
            invalid = true;
            for p in errors {
                line(err, &format!("{path}: {p}"));
            }
            return;
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
    });
    let _ = out.write_all(&json(&results));
    if invalid || !batch.failures.is_empty() {
        1
    } else {
        0
    }
}

fn result(path: &str, rubric: &str, o: &Outcome, warnings: Vec<String>) -> FileResult {
    FileResult {
        file: path.to_string(),
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

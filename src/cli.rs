//! The native command line: `demozone score FILE...`.
//!
//! Prints, for every file that can be scored, the recomputed result as JSON (decimals as
//! strings). A file that cannot be read or has invalid inputs gets a clear error on stderr naming
//! the file and the field; the other files are still scored, and the exit code is 1.

use std::io::Write;

use demozone::engine::io::file::read_file;
use demozone::engine::json::text::{file_text, FileKind};
use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::score::outcome::Outcome;
use demozone::engine::support::problem::Severity;
use rust_decimal::Decimal;
use serde::Serialize;

const USAGE: &str = "用法 / usage:
  demozone score FILE...   重新计算评估文件的得分并以JSON输出 (score assessment files, print JSON)
  demozone --help";

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

pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match args.first().map(String::as_str) {
        Some("score") if args.len() > 1 => score_files(&args[1..], out, err),
        Some("--help") | Some("-h") | Some("help") => {
            let _ = writeln!(out, "{USAGE}");
            0
        }
        _ => {
            let _ = writeln!(err, "{USAGE}");
            2
        }
    }
}

fn score_files(paths: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let bundled = LoadedRubric::bundled();
    let rubrics = [&bundled];
    let mut results = Vec::new();
    let mut failed = false;
    for path in paths {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                failed = true;
                let _ = writeln!(err, "{path}: 无法读取文件({e})");
                continue;
            }
        };
        let text = match file_text(&bytes, FileKind::Assessment) {
            Ok(t) => t,
            Err(e) => {
                failed = true;
                let _ = writeln!(err, "{path}: {e}");
                continue;
            }
        };
        let opened = match read_file(text, &rubrics) {
            Ok(o) => o,
            Err(e) => {
                failed = true;
                let _ = writeln!(err, "{path}: {e}");
                continue;
            }
        };
        let errors: Vec<_> = opened.outcome.problems.iter().filter(|p| p.severity == Severity::Error).collect();
        if !errors.is_empty() {
            failed = true;
            for p in errors {
                let _ = writeln!(err, "{path}: {p}");
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
    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&results).unwrap_or_default());
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

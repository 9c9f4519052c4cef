//! The native command line (`demozone COMMAND ...`; the same binary is the app on wasm32):
//!
//! - `score FILE...`: every file recomputed, as JSON (`score`);
//! - `rank FILE|FOLDER...`: 省级汇总, as JSON, the app's CSV or its workbook (`rank`);
//! - `panel FILE|FOLDER...`: 专家组合议, as JSON or CSV (`panel`);
//! - `check-rubric FILE...`: a rubric data file checked as the app checks it (`rubric`).
//!
//! Every command reads files safely (`input`: regular files only, the size limit before reading),
//! prints file names and texts so that a terminal shows them as they are (`text`), names what it
//! could not read on stderr and still processes the rest (exit code 1), and answers a usage
//! error with exit code 2. The figures come from the engine functions the app's pages use.
//! `docs/cli.md` describes every command and its output.

mod args;
mod help;
mod input;
mod panel;
mod rank;
mod rubric;
mod score;
mod text;

use std::ffi::OsString;
use std::io::Write;

use demozone::engine::support::problem::Refusal;

use text::line;

pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(|a| a.to_string_lossy()).as_deref() {
        Some("score") => score::run(rest, out, err),
        Some("rank") => rank::run(rest, out, err),
        Some("panel") => panel::run(rest, out, err),
        Some("check-rubric") => rubric::check(rest, out, err),
        Some("--help" | "-h" | "help") => {
            let text = match rest.first().map(|a| a.to_string_lossy()).as_deref() {
                Some("score") => help::SCORE,
                Some("rank") => help::RANK,
                Some("panel") => help::PANEL,
                Some("check-rubric") => help::CHECK_RUBRIC,
                _ => help::OVERVIEW,
            };
            let _ = writeln!(out, "{text}");
            0
        }
        Some("--version" | "-V") => {
            let _ = writeln!(out, "demozone {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some(other) => {
            line(err, &format!("demozone: 未知的命令「{other}」/ unknown command"));
            let _ = writeln!(err, "{}", help::OVERVIEW);
            2
        }
        None => {
            let _ = writeln!(err, "{}", help::OVERVIEW);
            2
        }
    }
}

/// A usage error: what is wrong, the command's usage line, where to read more; exit code 2.
fn usage_error(err: &mut dyn Write, command: &str, message: &str) -> i32 {
    line(err, &format!("demozone {command}: {message}"));
    let usage = match command {
        "score" => help::SCORE,
        "rank" => help::RANK,
        "panel" => help::PANEL,
        _ => help::CHECK_RUBRIC,
    };
    let _ = writeln!(err, "{}", usage.lines().next().unwrap_or_default());
    let _ = writeln!(err, "详见 / see: demozone {command} --help");
    2
}

/// A file that could not be read, on stderr: `name: 字段「rubric」:…`. A file of a rubric version
/// that is not loaded gets the command line's way to load it.
fn report_unreadable(err: &mut dyn Write, name: &str, e: &Refusal) {
    line(err, &format!("{name}: {e}"));
    if e.location.path.as_deref() == Some("rubric") {
        line(err, &format!("{name}: 命令行中可用 --rubric 指标体系文件.json 加载该版本"));
    }
}

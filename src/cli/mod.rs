//! The native command line (`demozone COMMAND ...`; the same binary is the app on wasm32):
//!
//! - `score FILE...`: every file recomputed, as JSON (`score`);
//! - `rank FILE|FOLDER...`: 省级汇总, as JSON, the app's CSV or its workbook (`rank`);
//! - `panel FILE|FOLDER...`: 专家组合议, as JSON or CSV (`panel`);
//! - `evidence FILE RECEIVED...`: 核对佐证材料, the received files against the file's fingerprints (`evidence`);
//! - `check-rubric FILE...`: a rubric data file checked as the app checks it (`rubric`).
//!
//! Every command reads files safely (`input`: regular files only, the size limit before reading),
//! prints file names and texts so that a terminal shows them as they are (`text`), names what it
//! could not read on stderr and still processes the rest (exit code 1), and answers a usage
//! error with exit code 2. The figures come from the engine functions the app's pages use.
//! `docs/cli.md` describes every command and its output.

mod args;
mod evidence;
mod help;
mod input;
mod panel;
mod rank;
mod rubric;
mod score;
mod text;

use std::ffi::OsString;
use std::io::Write;

use demozone::engine::rubric::set::RubricSet;

use text::line;

pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(|a| a.to_string_lossy()).as_deref() {
        Some("score") => score::run(rest, out, err),
        Some("rank") => rank::run(rest, out, err),
        Some("panel") => panel::run(rest, out, err),
        Some("check-rubric") => rubric::check(rest, out, err),
        Some("evidence") => evidence::run(rest, out, err),
        Some("--help" | "-h" | "help") => {
            let text = help_of(rest.first().map(|a| a.to_string_lossy()).as_deref().unwrap_or_default());
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
    let _ = writeln!(err, "{}", help_of(command).lines().next().unwrap_or_default());
    let _ = writeln!(err, "详见 / see: demozone {command} --help");
    2
}

/// The start of a command that reads assessment files: its options parsed (`--help` answered),
/// at least one file given, the rubrics loaded (the bundled one and `--rubric`'s). `Err` is the
/// exit code when the command ends there.
fn prepare(
    command: &str,
    args: &[OsString],
    takes: args::Takes,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(args::Parsed, RubricSet), i32> {
    let p = args::parse(args, takes).map_err(|e| usage_error(err, command, &e))?;
    if p.help {
        let _ = writeln!(out, "{}", help_of(command));
        return Err(0);
    }
    if p.files.is_empty() {
        return Err(usage_error(err, command, "没有指定要读取的文件或文件夹"));
    }
    let set = rubric::load_set(&p.rubrics, err).ok_or(2)?;
    Ok((p, set))
}

fn help_of(command: &str) -> &'static str {
    match command {
        "score" => help::SCORE,
        "rank" => help::RANK,
        "panel" => help::PANEL,
        "check-rubric" => help::CHECK_RUBRIC,
        "evidence" => help::EVIDENCE,
        _ => help::OVERVIEW,
    }
}

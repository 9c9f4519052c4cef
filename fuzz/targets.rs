// What one fuzz input exercises. Shared, with `#[path]`, by the stable harness
// (examples/fuzz.rs), the replay test (tests/it/fuzz_regressions.rs) and the cargo-fuzz targets
// (fuzz/fuzz_targets/*.rs), so that a crash found by any of them replays in all.
//
// Each target takes raw bytes (as a file arrives), never panics on its own account, and checks a
// few invariants with `assert!` (a failed invariant is a crash like any other):
// - a file the engine writes is a file the engine reads, with no recorded score differing;
// - scoring any assessment against any rubric that passed validation ends in an outcome.

#![allow(dead_code)]

use demozone::engine::io::file::{parse_file, read_file, write_file};
use demozone::engine::json::text::{file_text, FileKind, MAX_FILE_BYTES};
use demozone::engine::model::assessment::Assessment;
use demozone::engine::rubric::load::{load_rubric, LoadedRubric};
use demozone::engine::score::items::score;

/// What the targets need besides the input: the bundled rubric and assessments to score
/// mutated rubrics with (taken from the seed corpus).
pub struct Context {
    pub bundled: LoadedRubric,
    pub assessments: Vec<Assessment>,
}

impl Context {
    /// `seeds`: texts of assessment files; those that parse give the assessments.
    pub fn new<'a>(seeds: impl IntoIterator<Item = &'a [u8]>) -> Context {
        let mut assessments = vec![Assessment::default()];
        for s in seeds {
            if let Ok(text) = std::str::from_utf8(s) {
                if let Ok(f) = parse_file(text) {
                    if !assessments.contains(&f.assessment) {
                        assessments.push(f.assessment);
                    }
                }
            }
        }
        assessments.truncate(16);
        Context { bundled: LoadedRubric::bundled(), assessments }
    }
}

/// Reads `data` as an assessment file against the bundled rubric; when it opens, writes it
/// again and reads that back. Returns a short description of the result (for the harness's
/// feedback: inputs that give a new description are kept as seeds).
pub fn assessment(data: &[u8], ctx: &Context) -> String {
    let text = match file_text(data, FileKind::Assessment) {
        Ok(t) => t,
        Err(e) => return signature("bytes", &e.to_string()),
    };
    let opened = match read_file(text, &[&ctx.bundled]) {
        Ok(o) => o,
        Err(e) => return signature("file", &format!("{} {}", e.location.path.is_some(), e.message)),
    };
    // Touch what a viewer shows.
    let _ = opened.outcome.progress();
    let _ = opened.outcome.unmet().count();
    for p in &opened.outcome.problems {
        let _ = p.to_string();
    }
    round_trip(&ctx.bundled, &opened.file.assessment);
    let mut kinds: Vec<String> = opened.outcome.problems.iter().map(|p| signature("p", &p.message)).collect();
    kinds.sort();
    kinds.dedup();
    kinds.truncate(8);
    format!("ok {} {} {}", opened.outcome.passed, opened.recorded_differences.is_empty(), kinds.join(" "))
}

/// Loads `data` as a rubric file; when it loads (it passed validation), scores every context
/// assessment with it and round-trips one through a file.
pub fn rubric(data: &[u8], ctx: &Context) -> String {
    let text = match file_text(data, FileKind::Rubric) {
        Ok(t) => t,
        Err(e) => return signature("bytes", &e.to_string()),
    };
    let loaded = match load_rubric(text) {
        Ok(r) => r,
        Err(es) => return signature("rubric", &es.first().map(ToString::to_string).unwrap_or_default()),
    };
    let mut sig = String::from("rubric ok");
    for a in &ctx.assessments {
        let o = score(&loaded.rubric, a);
        let _ = o.progress();
        for p in &o.problems {
            let _ = p.to_string();
        }
        sig.push_str(if o.passed { " P" } else { " F" });
    }
    if let Some(a) = ctx.assessments.last() {
        round_trip(&loaded, a);
    }
    sig
}

/// Both targets on one input (the seed corpus holds both kinds of file): what each gave.
pub fn all(data: &[u8], ctx: &Context) -> [String; 2] {
    [assessment(data, ctx), rubric(data, ctx)]
}

/// A file the engine writes must read back, with the recorded scores equal to the recomputed.
fn round_trip(loaded: &LoadedRubric, a: &Assessment) {
    let written = write_file(loaded, a, "2025-01-01T00:00:00Z");
    if written.len() > MAX_FILE_BYTES {
        return;
    }
    match read_file(&written, &[loaded]) {
        Ok(again) => assert!(
            again.recorded_differences.is_empty(),
            "invariant: a written file reads back with its recorded scores: {:?}",
            again.recorded_differences
        ),
        Err(e) => panic!("invariant: a written file reads back, but: {e}"),
    }
}

/// A message with its specifics (numbers, quoted text) removed: the kind of result.
fn signature(kind: &str, message: &str) -> String {
    let mut out = String::from(kind);
    out.push(' ');
    let mut quoted = 0u32;
    for c in message.chars() {
        match c {
            '「' | '(' | '“' => quoted += 1,
            '」' | ')' | '”' => quoted = quoted.saturating_sub(1),
            _ if quoted > 0 || c.is_ascii_digit() => {}
            _ => out.push(c),
        }
        if out.len() > 160 {
            break;
        }
    }
    out
}

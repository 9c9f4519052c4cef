//! Replays every input the fuzzer ever crashed on (`fuzz/regressions/`) and the whole seed
//! corpus (`tests/examples/`, `rubrics/`, `fuzz/corpus/`) through the fuzz targets
//! (`fuzz/targets.rs`: read as an assessment file, load as a rubric, score, write and read back).
//! None may panic. See `examples/fuzz.rs` and `scripts/fuzz.sh` for the fuzzing itself.

#[path = "../../fuzz/targets.rs"]
mod targets;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Once;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.ends_with(".md") || name.ends_with(".txt") {
            continue;
        }
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn files(dirs: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in dirs {
        files_under(&Path::new(ROOT).join(d), &mut out);
    }
    out
}

thread_local! {
    /// The message of the last panic inside [`replay`] on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// One panic hook for the whole test binary: inside [`replay`] it keeps the message for the
/// report; elsewhere (a failing assertion of a test) it is the default hook.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let kept = CAUGHT.with(|c| {
                let mut c = c.borrow_mut();
                if c.is_some() {
                    *c = Some(info.to_string());
                    true
                } else {
                    false
                }
            });
            if !kept {
                default(info);
            }
        }));
    });
}

/// Runs the targets on every file; returns the failures (file and panic message).
fn replay(paths: &[PathBuf]) -> Vec<String> {
    install_hook();
    let corpus: Vec<Vec<u8>> =
        files(&["tests/examples", "rubrics", "fuzz/corpus"]).iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let ctx = targets::Context::new(corpus.iter().map(|c| c.as_slice()));
    let mut failures = Vec::new();
    for p in paths {
        let data = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        CAUGHT.with(|c| *c.borrow_mut() = Some(String::new()));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| targets::all(&data, &ctx)));
        let message = CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_default();
        if result.is_err() {
            failures.push(format!("{}: {message}", p.display()));
        }
    }
    failures
}

#[test]
fn fuzz_regressions_do_not_crash() {
    let paths = files(&["fuzz/regressions"]);
    assert!(!paths.is_empty(), "fuzz/regressions/ holds the inputs of every crash found so far");
    let failures = replay(&paths);
    assert!(failures.is_empty(), "crashes:\n{}", failures.join("\n"));
}

#[test]
fn the_seed_corpus_does_not_crash() {
    let paths = files(&["tests/examples", "rubrics", "fuzz/corpus"]);
    assert!(paths.len() >= 10, "seed corpus: {paths:?}");
    let failures = replay(&paths);
    assert!(failures.is_empty(), "crashes:\n{}", failures.join("\n"));
}

#[test]
fn the_seed_corpus_reaches_scoring() {
    // The corpus must keep files that open and rubrics that load, or fuzzing stops at the parser.
    let corpus: Vec<Vec<u8>> =
        files(&["tests/examples", "rubrics", "fuzz/corpus"]).iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let ctx = targets::Context::new(corpus.iter().map(|c| c.as_slice()));
    let [mut opened, mut loaded] = [0, 0];
    for c in &corpus {
        let [a, r] = targets::all(c, &ctx);
        opened += usize::from(a.starts_with("ok "));
        loaded += usize::from(r.starts_with("rubric ok"));
    }
    assert!(opened >= 3, "assessment files that open: {opened}");
    assert!(loaded >= 2, "rubrics that load: {loaded}");
    assert!(ctx.assessments.len() >= 3, "assessments to score rubrics with: {}", ctx.assessments.len());
}

//! Replays every input the fuzzer ever crashed on (`fuzz/regressions/`) and the whole seed
//! corpus (`tests/examples/`, `rubrics/`, `fuzz/corpus/`) through the fuzz targets
//! (`fuzz/targets.rs`: read as an assessment file, load as a rubric, score, write and read back).
//! None may panic. See `examples/fuzz.rs` and `scripts/fuzz.sh` for the fuzzing itself: it saves
//! every input it crashes on in `fuzz/regressions/`, so that this test fails until the crash is
//! fixed. Each of those inputs is replayed in a child process (this test binary again), so that a
//! stack overflow or an abort fails this test, naming the file, instead of ending the whole binary.

#[path = "../../fuzz/targets.rs"]
mod targets;

use std::cell::RefCell;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Once;
use std::time::{Duration, Instant};

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

/// Names the input that [`replay_one_input`] replays.
const REPLAY_INPUT: &str = "DEMOZONE_REPLAY_INPUT";

/// A child replay running longer than this is stopped and fails: a guard so that a regression that
/// hangs cannot stall `cargo test`, not a timing check (the fuzz stage judges hangs, in a release
/// build, and starts every run with these inputs).
const REPLAY_WATCHDOG: Duration = Duration::from_secs(300);

#[test]
fn fuzz_regressions_do_not_crash() {
    let paths = files(&["fuzz/regressions"]);
    assert!(!paths.is_empty(), "fuzz/regressions/ holds the inputs of every crash found so far");
    let failures: Vec<String> = paths.iter().filter_map(|p| replay_in_child(p).err()).collect();
    assert!(failures.is_empty(), "crashes (fix them; the fuzzer saved them here):\n{}", failures.join("\n"));
}

/// Run by [`fuzz_regressions_do_not_crash`] in a child process with `DEMOZONE_REPLAY_INPUT` set:
/// replays that one input. Run by hand (`-- --ignored`) without it, it replays them all here.
#[test]
#[ignore = "run by fuzz_regressions_do_not_crash in a child process, one input at a time"]
fn replay_one_input() {
    let paths = match std::env::var_os(REPLAY_INPUT) {
        Some(p) => vec![PathBuf::from(p)],
        None => files(&["fuzz/regressions"]),
    };
    let failures = replay(&paths);
    assert!(failures.is_empty(), "crashes:\n{}", failures.join("\n"));
}

/// Replays one input in a child process of this test binary (`replay_one_input` alone).
fn replay_in_child(path: &Path) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("the test binary: {e}"))?;
    let mut child = Command::new(exe)
        .args(["--exact", "fuzz_regressions::replay_one_input", "--ignored", "--nocapture", "--test-threads", "1"])
        .env(REPLAY_INPUT, path)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: cannot start the replay: {e}", path.display()))?;
    // Read both pipes while waiting, so that a child that writes a lot never blocks on them.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut r) = r {
                let _ = r.read_to_string(&mut text);
            }
            text
        })
    };
    let out = drain(child.stdout.take().map(|r| Box::new(r) as Box<dyn Read + Send>));
    let err = drain(child.stderr.take().map(|r| Box::new(r) as Box<dyn Read + Send>));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > REPLAY_WATCHDOG => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{}: still running after {} s (a hang?); stopped", path.display(), REPLAY_WATCHDOG.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    };
    let output = format!("{}{}", out.join().unwrap_or_default(), err.join().unwrap_or_default());
    if status.success() && output.contains("1 passed") {
        return Ok(());
    }
    // What went wrong: the panic as `replay` reports it, else the runtime's last words (an overflow).
    let lines: Vec<&str> = output.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let said: Vec<&str> = match lines.iter().position(|l| *l == "crashes:") {
        Some(i) => lines[i + 1..].iter().take_while(|l| !l.starts_with("note:")).take(4).copied().collect(),
        None => lines.iter().filter(|l| l.contains("overflow") || l.contains("panicked") || l.contains("error")).take(4).copied().collect(),
    };
    Err(format!("{}: the replay ended with {status}: {}", path.display(), said.join(" ")))
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

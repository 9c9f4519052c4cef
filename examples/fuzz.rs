//! A fuzzer for the file readers on stable Rust, with no dependency: structure-aware mutation of
//! the seed corpus, every input run through `fuzz/targets.rs` (reading an assessment file, loading
//! a rubric file, scoring, writing and reading back). An input that panics, overflows the stack or
//! hangs is saved to `fuzz/regressions/` and the run exits non-zero: it is a regression input from
//! then on, which `cargo test` replays (`tests/it/fuzz_regressions.rs`) and which the next fuzzing
//! run starts with, both failing until the crash is fixed.
//!
//!     cargo run --release --example fuzz -- --seconds 60        # what scripts/fuzz.sh runs
//!     cargo run --release --example fuzz -- --replay FILE...     # run the targets on files
//!
//! Options: `--seconds N` (default 60), `--seed N` (default: from the clock; printed at the start
//! and, after a crash, with the command that reruns the same inputs), `--crashes DIR` (default
//! fuzz/regressions), `--max-len BYTES` (default 1 MiB),
//! `--hang-seconds N` (one input taking longer is a hang; default 10), `--verbose` (print each
//! new kind of result), `--self-test` (fuzz two inputs that panic and overflow the stack, to check
//! that both are saved: `--seconds 5 --crashes /tmp/x` then look in /tmp/x; without `--crashes`
//! they go to a folder under the system's temporary directory, never to fuzz/regressions).
//!
//! Seeds: `tests/examples/*`, `rubrics/*`, `fuzz/corpus/**`, `fuzz/regressions/*`. Inputs that
//! give a result of a kind not seen before (a new error message, a new outcome) become seeds for
//! the rest of the run (a cheap stand-in for coverage feedback).
//!
//! The run is a supervisor process that starts itself as a worker (`--worker`): a panic is caught
//! in the worker (or, with `panic = "abort"` as in our release profile, saved by the panic hook
//! before the abort), and a stack overflow, which cannot be caught, is recovered by the
//! supervisor from the last input the worker recorded; the supervisor then restarts the worker
//! for the rest of the time. After a crash the run prints the seed, each new crashing input's file
//! and, up to 64 KiB, its bytes in base64 with a command that writes the file again (a CI machine
//! keeps nothing but its log).

#[path = "../fuzz/targets.rs"]
mod targets;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const MAX_SEEDS: usize = 4096;
const MAX_CRASHES: usize = 50;

// ---- options ------------------------------------------------------------------------------

#[derive(Clone)]
struct Options {
    seconds: f64,
    seed: u64,
    crashes: PathBuf,
    max_len: usize,
    hang_seconds: u64,
    verbose: bool,
    self_test: bool,
    worker: bool,
    replay: Vec<PathBuf>,
}

fn parse_options() -> Result<Options, String> {
    let mut o = Options {
        seconds: 60.0,
        seed: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1),
        crashes: PathBuf::new(),
        max_len: 1 << 20,
        hang_seconds: 10,
        verbose: false,
        self_test: false,
        worker: false,
        replay: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--seconds" => o.seconds = value("--seconds")?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--seed" => o.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--crashes" => o.crashes = PathBuf::from(value("--crashes")?),
            "--max-len" => o.max_len = value("--max-len")?.parse().map_err(|e| format!("--max-len: {e}"))?,
            "--hang-seconds" => {
                o.hang_seconds = value("--hang-seconds")?.parse().map_err(|e| format!("--hang-seconds: {e}"))?
            }
            "--worker" => o.worker = true,
            "--verbose" => o.verbose = true,
            "--self-test" => o.self_test = true,
            "--replay" => {
                o.replay.extend(args.by_ref().map(PathBuf::from));
            }
            "--bench" => {} // `cargo bench` passes this to every target; not one here, but harmless
            "-h" | "--help" => {
                println!("usage: fuzz [--seconds N] [--seed N] [--crashes DIR] [--max-len BYTES] [--hang-seconds N] | --replay FILE...");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    if o.crashes.as_os_str().is_empty() {
        o.crashes = if o.self_test {
            std::env::temp_dir().join("demozone-fuzz-self-test")
        } else {
            Path::new(ROOT).join("fuzz/regressions")
        };
    }
    Ok(o)
}

fn main() -> ExitCode {
    let o = match parse_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    if !o.replay.is_empty() {
        replay(&o.replay)
    } else if o.worker {
        worker(&o)
    } else {
        supervise(&o)
    }
}

// ---- corpus -------------------------------------------------------------------------------

fn seed_dirs() -> Vec<PathBuf> {
    ["tests/examples", "rubrics", "fuzz/corpus", "fuzz/regressions"].iter().map(|d| Path::new(ROOT).join(d)).collect()
}

/// Every file under `dir` (recursively), sorted, skipping hidden files.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        // Not the notes beside the inputs: `.md`, and the `.txt` saved with each crash.
        if hidden || p.extension().is_some_and(|e| e == "md" || e == "txt") {
            continue;
        }
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn load_seeds() -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for d in seed_dirs() {
        files_under(&d, &mut files);
    }
    files.iter().filter_map(|f| std::fs::read(f).ok()).collect()
}

// ---- the run ------------------------------------------------------------------------------

/// The input being run and where the worker records it (for the panic hook, the hang watchdog,
/// and the supervisor after a stack overflow).
static CURRENT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static CRASH_DIR: OnceLock<PathBuf> = OnceLock::new();
/// Milliseconds since the worker started at which the current input began; 0 between inputs.
static STARTED_MS: AtomicU64 = AtomicU64::new(0);
static PANIC_MESSAGE: Mutex<String> = Mutex::new(String::new());

fn last_input_path() -> PathBuf {
    Path::new(ROOT).join("target").join("fuzz-last-input")
}

fn fnv(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Saves a crashing input as `crash-<hash>.json` (once) with a note beside it; returns the path
/// and whether this call wrote it.
fn save_crash(dir: &Path, data: &[u8], note: &str) -> (PathBuf, bool) {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(format!("crash-{:016x}.json", fnv(data)));
    let new = !path.exists();
    if new {
        let _ = std::fs::write(&path, data);
        let _ = std::fs::write(path.with_extension("txt"), format!("{note}\n"));
    }
    (path, new)
}

fn supervise(o: &Options) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("fuzz: cannot find my own executable: {e}");
            return ExitCode::from(2);
        }
    };
    let deadline = Instant::now() + Duration::from_secs_f64(o.seconds.max(0.0));
    let last = last_input_path();
    let mut crashed = false;
    let mut restarts = 0u64;
    let mut killed_by: HashSet<PathBuf> = HashSet::new();
    let saved_before = crash_files(&o.crashes);
    println!("fuzz: seed {} for {} s; crashes go to {}", o.seed, o.seconds, o.crashes.display());
    loop {
        let left = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        if left < 0.5 && restarts > 0 {
            break;
        }
        let _ = std::fs::remove_file(&last);
        let status = Command::new(&exe)
            .arg("--worker")
            .args(["--seconds", &format!("{left:.1}")])
            .args(["--seed", &(o.seed.wrapping_add(restarts)).to_string()])
            .arg("--crashes")
            .arg(&o.crashes)
            .args(["--max-len", &o.max_len.to_string()])
            .args(["--hang-seconds", &o.hang_seconds.to_string()])
            .args(if o.verbose { &["--verbose"][..] } else { &[][..] })
            .args(if o.self_test { &["--self-test"][..] } else { &[][..] })
            .status();
        let status = match status {
            Ok(s) => s,
            Err(e) => {
                eprintln!("fuzz: cannot start the worker: {e}");
                return ExitCode::from(2);
            }
        };
        match status.code() {
            Some(0) => break,
            Some(1) => {
                crashed = true; // panics caught and saved by the worker
                break;
            }
            Some(2) => return ExitCode::from(2), // usage or setup error, already reported
            _ => {
                // Killed (stack overflow, abort on panic, hang watchdog): the last input is the culprit.
                crashed = true;
                match std::fs::read(&last) {
                    Ok(data) => {
                        let (p, _) = save_crash(&o.crashes, &data, &format!("worker ended with {status} on this input"));
                        eprintln!("fuzz: CRASH: worker ended with {status}; input saved to {}", p.display());
                        if !killed_by.insert(p) {
                            // The same input again: a seed crashes; restarting would repeat it.
                            eprintln!("fuzz: the same input crashed the worker twice (a seed?); stopping");
                            break;
                        }
                    }
                    Err(_) => {
                        // Before its first input (loading the seeds): restarting would not help.
                        eprintln!("fuzz: CRASH: worker ended with {status} before running any input");
                        break;
                    }
                }
                restarts += 1;
                if restarts > MAX_CRASHES as u64 {
                    break;
                }
            }
        }
    }
    if crashed {
        report_crashes(o, &saved_before);
        ExitCode::from(1)
    } else {
        println!("fuzz: no crash");
        ExitCode::SUCCESS
    }
}

/// The crashing inputs saved in `dir` (`crash-<hash>.json`).
fn crash_files(dir: &Path) -> HashSet<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return HashSet::new() };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("crash-") && n.ends_with(".json")))
        .collect()
}

/// After a crash: what was saved, how to get it back from a log, and how to rerun the same inputs.
fn report_crashes(o: &Options, saved_before: &HashSet<PathBuf>) {
    const PRINTED_MAX: usize = 64 * 1024;
    let mut new: Vec<PathBuf> = crash_files(&o.crashes).difference(saved_before).cloned().collect();
    new.sort();
    eprintln!("fuzz: FAILED (seed {})", o.seed);
    if new.is_empty() {
        eprintln!("fuzz: no new input: an input already in {} still crashes (see above)", o.crashes.display());
    }
    for p in &new {
        let data = std::fs::read(p).unwrap_or_default();
        eprintln!("fuzz: new crashing input {} ({} bytes)", p.display(), data.len());
        if data.len() <= PRINTED_MAX {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("crash.json");
            eprintln!("fuzz: to write it again elsewhere: echo '{}' | base64 -d > fuzz/regressions/{name}", base64(&data));
        }
    }
    eprintln!(
        "fuzz: `cargo test` replays every input in fuzz/regressions/ and fails until the crash is fixed; \
         commit the input with the fix (renamed to say what it was, with a line in fuzz/README.md)"
    );
    eprintln!(
        "fuzz: the same inputs again (with the same seed files): FUZZ_SEED={} bash scripts/fuzz.sh {}",
        o.seed, o.seconds
    );
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn worker(o: &Options) -> ExitCode {
    let _ = CRASH_DIR.set(o.crashes.clone());
    let worker_start = Instant::now();
    // Panics: remember the message; with panic = "abort" also save the input right here.
    let abort_on_panic = !cfg!(panic = "unwind");
    std::panic::set_hook(Box::new(move |info| {
        let msg = format!("{info}");
        if abort_on_panic {
            if let (Ok(cur), Some(dir)) = (CURRENT.lock(), CRASH_DIR.get()) {
                let (p, _) = save_crash(dir, &cur, &msg);
                eprintln!("fuzz: CRASH (panic): {msg}\nfuzz: input saved to {}", p.display());
            }
        }
        if let Ok(mut m) = PANIC_MESSAGE.lock() {
            *m = msg;
        }
    }));
    // Hangs: one input running longer than --hang-seconds is saved and ends the worker.
    let hang_ms = o.hang_seconds.max(1) * 1000;
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(200));
        let started = STARTED_MS.load(Ordering::Relaxed);
        let now = worker_start.elapsed().as_millis() as u64;
        if started != 0 && now.saturating_sub(started) > hang_ms {
            if let (Ok(cur), Some(dir)) = (CURRENT.lock(), CRASH_DIR.get()) {
                let (p, _) = save_crash(dir, &cur, &format!("hang: one input ran over {} s", hang_ms / 1000));
                eprintln!("fuzz: CRASH (hang over {} s): input saved to {}", hang_ms / 1000, p.display());
            }
            std::process::exit(3);
        }
    });

    let seeds_on_disk = if o.self_test { self_test_seeds() } else { load_seeds() };
    if seeds_on_disk.is_empty() {
        eprintln!("fuzz: no seed files found under {:?}", seed_dirs());
        return ExitCode::from(2);
    }
    let ctx = targets::Context::new(seeds_on_disk.iter().map(|s| s.as_slice()));
    let mut rubric_seeds: Vec<Vec<u8>> =
        seeds_on_disk.iter().filter(|s| is_valid_rubric(s)).cloned().collect();
    let mut seeds: Vec<Vec<u8>> = seeds_on_disk;
    let mut rng = Rng::new(o.seed);
    let mut seen: HashSet<u64> = HashSet::new();
    let mut last_file = std::fs::File::create(last_input_path()).ok();
    let mut crashes = 0usize;
    let mut execs = 0u64;
    let (mut opened, mut loaded) = (0u64, 0u64);
    let deadline = worker_start + Duration::from_secs_f64(o.seconds.max(0.0));
    let mut next_report = worker_start + Duration::from_secs(10);
    let mut mutator_counts = [0u64; MUTATORS];
    // Where each panic happened (its first line): the size of the input saved for it, and its file
    // when this run wrote it (none when the file was there before).
    let mut panic_sites: HashMap<String, (usize, Option<PathBuf>)> = HashMap::new();

    // The seeds themselves first, then mutants.
    let n_seeds = seeds.len();
    let mut i = 0usize;
    while Instant::now() < deadline || i < n_seeds {
        let input = if i < n_seeds {
            seeds[i].clone()
        } else {
            // A third of the time start from a valid rubric, so that mutants that still pass the
            // rubric validation (few do) get to drive the scoring.
            let pool = if !rubric_seeds.is_empty() && rng.chance(3) { &rubric_seeds } else { &seeds };
            let (m, used) = mutate(&mut rng, pool, &seeds, o.max_len);
            for u in used {
                mutator_counts[u] += 1;
            }
            m
        };
        i += 1;
        // Record the input before running it.
        if let Ok(mut cur) = CURRENT.lock() {
            cur.clear();
            cur.extend_from_slice(&input);
        }
        if let Some(f) = last_file.as_mut() {
            use std::io::{Seek, SeekFrom};
            let ok = f.seek(SeekFrom::Start(0)).is_ok() && f.write_all(&input).is_ok() && f.set_len(input.len() as u64).is_ok();
            if !ok {
                last_file = None;
            }
        }
        STARTED_MS.store(worker_start.elapsed().as_millis().max(1) as u64, Ordering::Relaxed);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if o.self_test {
                self_test_target(&input);
            }
            targets::all(&input, &ctx)
        }));
        STARTED_MS.store(0, Ordering::Relaxed);
        execs += 1;
        match result {
            Ok(sigs) => {
                if sigs[0].starts_with("ok ") {
                    opened += 1;
                }
                if sigs[1].starts_with("rubric ok") {
                    loaded += 1;
                    if rubric_seeds.len() < 256 && i > n_seeds && !rubric_seeds.contains(&input) {
                        rubric_seeds.push(input.clone());
                    }
                }
                let mut new = false;
                for (t, sig) in sigs.iter().enumerate() {
                    if seen.insert(fnv(sig.as_bytes()) ^ t as u64) {
                        new = true;
                        if o.verbose {
                            println!("fuzz: new kind of result: {sig}");
                        }
                    }
                }
                if new && i > n_seeds {
                    if seeds.len() >= MAX_SEEDS {
                        let k = n_seeds + rng.below(seeds.len() - n_seeds);
                        seeds[k] = input;
                    } else {
                        seeds.push(input);
                    }
                }
            }
            Err(_) => {
                crashes += 1;
                let msg = PANIC_MESSAGE.lock().map(|m| m.clone()).unwrap_or_default();
                // One input per place that panicked, the smallest this run found: a bug usually
                // panics on many inputs, and each saved one is a regression file to commit. None
                // for a place that an input saved before (a seed) already reaches.
                let site = msg.lines().next().unwrap_or_default().to_string();
                let save = match panic_sites.get(&site) {
                    None => true,
                    Some((_, None)) => false,
                    Some((len, Some(_))) => input.len() < *len,
                };
                if save {
                    if let Some((_, Some(old))) = panic_sites.remove(&site) {
                        let _ = std::fs::remove_file(&old);
                        let _ = std::fs::remove_file(old.with_extension("txt"));
                    }
                    let (p, new) = save_crash(&o.crashes, &input, &msg);
                    let saved = if new { "saved to" } else { "already in" };
                    eprintln!("fuzz: CRASH (panic): {msg}\nfuzz: input {saved} {}", p.display());
                    panic_sites.insert(site, (input.len(), new.then_some(p)));
                }
                if crashes >= MAX_CRASHES {
                    break;
                }
            }
        }
        if Instant::now() >= next_report {
            report(execs, worker_start, seeds.len(), seen.len(), crashes);
            next_report += Duration::from_secs(10);
        }
    }
    report(execs, worker_start, seeds.len(), seen.len(), crashes);
    println!("fuzz: {opened} inputs opened as assessment files (and scored), {loaded} loaded as valid rubrics (and scored with)");
    let names = MUTATOR_NAMES.iter().zip(mutator_counts).map(|(n, c)| format!("{n} {c}")).collect::<Vec<_>>().join(", ");
    println!("fuzz: mutations used: {names}");
    if crashes > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

// ---- self-test: checks that crashes are caught and saved --------------------------------------

const SELF_TEST_PANIC: &[u8] = b"FUZZ-SELF-TEST-PANIC";
const SELF_TEST_OVERFLOW: &[u8] = b"FUZZ-SELF-TEST-STACK-OVERFLOW";

fn self_test_seeds() -> Vec<Vec<u8>> {
    vec![b"{}".to_vec(), SELF_TEST_PANIC.to_vec(), SELF_TEST_OVERFLOW.to_vec()]
}

/// With `--self-test`, the marker inputs panic and overflow the stack, so that a run shows
/// whether both kinds of crash end up in the crash directory (with panic = unwind and abort).
fn self_test_target(input: &[u8]) {
    #[allow(unconditional_recursion)]
    fn recurse(depth: u64, pad: &mut [u8; 4096]) -> u64 {
        pad[(depth % 4096) as usize] = depth as u8;
        let mut next = [0u8; 4096];
        std::hint::black_box(&mut next);
        recurse(depth + 1, &mut next) + u64::from(pad[0])
    }
    if input == SELF_TEST_PANIC {
        panic!("self-test panic");
    }
    if input == SELF_TEST_OVERFLOW {
        let mut pad = [0u8; 4096];
        std::hint::black_box(recurse(0, &mut pad));
    }
}

fn is_valid_rubric(data: &[u8]) -> bool {
    std::str::from_utf8(data).is_ok_and(|t| demozone::engine::rubric::load::load_rubric(t).is_ok())
}

fn report(execs: u64, start: Instant, seeds: usize, kinds: usize, crashes: usize) {
    let s = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {execs} inputs in {s:.0} s ({:.0}/s), {seeds} seeds, {kinds} kinds of result, {crashes} crashes",
        execs as f64 / s.max(1e-9)
    );
}

fn replay(files: &[PathBuf]) -> ExitCode {
    let ctx = targets::Context::new(load_seeds().iter().map(|s| s.as_slice()));
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut m) = PANIC_MESSAGE.lock() {
            *m = format!("{info}");
        }
    }));
    let mut failed = 0;
    for f in files {
        let data = match std::fs::read(f) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                failed += 1;
                continue;
            }
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| targets::all(&data, &ctx))) {
            Ok([a, r]) => println!(
                "{}: no panic (as assessment: {}; as rubric: {})",
                f.display(),
                a.chars().take(80).collect::<String>(),
                r.chars().take(80).collect::<String>()
            ),
            Err(_) => {
                failed += 1;
                eprintln!("{}: PANIC: {}", f.display(), PANIC_MESSAGE.lock().map(|m| m.clone()).unwrap_or_default());
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

// ---- randomness ---------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// SplitMix64.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn pick_str(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
    /// A length, mostly small, sometimes large.
    fn len(&mut self, max: usize) -> usize {
        let cap = match self.below(10) {
            0..=6 => 8,
            7 | 8 => 128,
            _ => 1 << 16,
        };
        1 + self.below(cap.min(max.max(1)))
    }
}

// ---- mutations ----------------------------------------------------------------------------

/// Tokens that break or stretch a JSON reader.
const TOKENS: &[&str] = &[
    "\"", "\\", "{", "}", "[", "]", ",", ":", "null", "true", "false", "-", "0", "-0", "1e999", "-1e999", "1e-999",
    "NaN", "Infinity", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u202e\"", "\u{feff}", "\u{202e}",
    "\u{2066}", "\u{0}", "\u{1b}[2J", "\r\n", "\t", " ", "//", "/*", "'", "\\u0022", "\"\\\"\"", "[]", "{}", "[{}]",
    "{\"\":\"\"}", "\"\"", "\u{3000}", "\u{ff11}", "\u{fffd}", "\u{10ffff}", "\u{d7ff}",
    "12345678901234567890123456789012345678901234567890", "79228162514264337593543950336", "18446744073709551616",
    "-9223372036854775809", "4294967296", "2147483648", "0.0000000000000000000000000000001",
];

/// Strings for number fields as typed: the edges of every parser and rule.
const NUMBER_STRINGS: &[&str] = &[
    "0", "-0", "1", "-1", "0.5", ".5", "5.", "+3", "100", "100.0000000000000000000000001", "99.99", "95", "95.000001",
    "1e5", "1E-5", "NaN", "inf", "-inf", "１２３", "１２．５", "1,000", "1，000.5", " 7 ", "1_000", "1 000", "½", "١٢٣",
    "9999999999999999999999999999", "99999999999999999999999999999", "79228162514264337593543950335",
    "-79228162514264337593543950335", "0.0000000000000000000000000001", "0.00000000000000000000000000001",
    "1234567890123456789012345678901234567890", "4294967296", "18446744073709551615", "18446744073709551616",
    "2147483648", "-2147483649", "1899", "1900", "2022", "2023", "2024", "2025", "2200", "2201", "", " ", "－5", "−5",
    "5%", "0x10", "1.2.3", "--1", "0000000000000000000000000000000000001", "1e", "5.5.", "。5",
];

/// JSON numbers for integer fields (years, counts, versions, indicator numbers).
const JSON_NUMBERS: &[&str] = &[
    "0", "-1", "1", "2", "3", "4", "20", "21", "25", "26", "28", "29", "1989", "1990", "2023", "2100", "2101",
    "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "18446744073709551615",
    "18446744073709551616", "1e400", "-1e400", "1.5", "1e2", "0.0", "-0.0", "1234567890123456789012345678901234567890",
];

const MUTATOR_NAMES: [&str; 13] = [
    "bit", "byte", "delete", "duplicate", "splice", "token", "number", "nest", "dup-key", "type-swap", "tree",
    "string", "truncate",
];
const MUTATORS: usize = MUTATOR_NAMES.len();

/// One mutant of a random seed of `pool`, 1 to 4 mutations stacked (splices take from any
/// seed); also which mutations were used.
fn mutate(rng: &mut Rng, pool: &[Vec<u8>], seeds: &[Vec<u8>], max_len: usize) -> (Vec<u8>, Vec<usize>) {
    let mut data = rng.pick(pool).clone();
    let mut used = Vec::new();
    let n = 1 + rng.below(4);
    for _ in 0..n {
        // The tree mutation is the one that reaches scoring: weigh it up.
        let m = if rng.chance(3) { 10 } else { rng.below(MUTATORS) };
        let other = rng.pick(seeds);
        let out = match m {
            0 => flip_bit(rng, data),
            1 => set_byte(rng, data),
            2 => delete_span(rng, data),
            3 => duplicate_span(rng, data),
            4 => splice(rng, data, other),
            5 => insert_token(rng, data),
            6 => replace_number(rng, data),
            7 => deep_nesting(rng, data),
            8 => duplicate_key(rng, data),
            9 => type_swap(rng, data),
            10 => tree(rng, data),
            11 => hostile_string(rng, data),
            _ => truncate(rng, data),
        };
        used.push(m);
        data = out;
        if data.len() > max_len {
            data.truncate(max_len);
        }
    }
    (data, used)
}

fn flip_bit(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    if !d.is_empty() {
        let i = rng.below(d.len());
        d[i] ^= 1 << rng.below(8);
    }
    d
}

fn set_byte(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    const BYTES: &[u8] = b"\x00\xff\x80\xc0\xe2\xef\xbb\xbf\"\\{}[],: \n0-.e";
    if !d.is_empty() {
        let i = rng.below(d.len());
        d[i] = if rng.chance(2) { *rng.pick(BYTES) } else { rng.next() as u8 };
    }
    d
}

fn delete_span(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    if !d.is_empty() {
        let i = rng.below(d.len());
        let n = rng.len(d.len() - i);
        d.drain(i..(i + n).min(d.len()));
    }
    d
}

fn duplicate_span(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    if !d.is_empty() {
        let i = rng.below(d.len());
        let n = rng.len(d.len() - i).min(d.len() - i);
        let span = d[i..i + n].to_vec();
        let at = if rng.chance(2) { i + n } else { rng.below(d.len() + 1) };
        let times = if rng.chance(8) { 1 + rng.below(64) } else { 1 };
        for _ in 0..times {
            d.splice(at..at, span.iter().copied());
        }
    }
    d
}

fn splice(rng: &mut Rng, mut d: Vec<u8>, other: &[u8]) -> Vec<u8> {
    if other.is_empty() {
        return d;
    }
    let j = rng.below(other.len());
    let n = rng.len(other.len() - j).min(other.len() - j);
    let at = rng.below(d.len() + 1);
    if rng.chance(2) {
        // Replace the tail (a file cut and glued to another).
        d.truncate(at);
        d.extend_from_slice(&other[j..]);
    } else {
        d.splice(at..at, other[j..j + n].iter().copied());
    }
    d
}

/// A position just after a structural byte (`:` `,` `[` `{`), so insertions land between values.
fn structural_pos(rng: &mut Rng, d: &[u8]) -> usize {
    for _ in 0..16 {
        let i = rng.below(d.len() + 1);
        if let Some(off) = d[i..].iter().position(|b| matches!(b, b':' | b',' | b'[' | b'{')) {
            return i + off + 1;
        }
    }
    rng.below(d.len() + 1)
}

fn insert_token(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    let at = if rng.chance(2) { structural_pos(rng, &d) } else { rng.below(d.len() + 1) };
    let t = rng.pick(TOKENS);
    d.splice(at..at, t.bytes());
    d
}

/// Replaces a run of digits (a JSON number, or digits inside a string) with an edge value.
fn replace_number(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    if d.is_empty() {
        return d;
    }
    let i = rng.below(d.len());
    let Some(off) = d[i..].iter().position(|b| b.is_ascii_digit()) else { return d };
    let start = i + off;
    let mut end = start;
    while end < d.len() && (d[end].is_ascii_digit() || d[end] == b'.') {
        end += 1;
    }
    let in_string = start > 0 && d[start - 1] == b'"';
    let new = if in_string { rng.pick(NUMBER_STRINGS) } else { rng.pick(JSON_NUMBERS) };
    d.splice(start..end, new.bytes());
    d
}

fn deep_nesting(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    let depth = *rng.pick(&[8usize, 64, 126, 127, 128, 129, 200, 1000, 100_000]);
    let (open, close): (&[u8], &[u8]) = match rng.below(3) {
        0 => (b"[", b"]"),
        1 => (b"{\"a\":", b"}"),
        _ => (b"[{\"inputs\":", b"}]"),
    };
    let mut ins = open.repeat(depth);
    if !rng.chance(4) {
        ins.extend(b"1".iter().chain(close.repeat(depth).iter()));
    }
    let at = structural_pos(rng, &d);
    d.splice(at..at, ins);
    d
}

/// Finds a `"key":` and inserts a copy of the key, with some value, before it (same object).
fn duplicate_key(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    if d.len() < 4 {
        return d;
    }
    let from = rng.below(d.len());
    let Some(colon) = find(&d[from..], b"\":").map(|p| from + p) else { return d };
    let Some(open) = d[..colon].iter().rposition(|&b| b == b'"') else { return d };
    let key = d[open..=colon].to_vec(); // "key":
    let value: &str = match rng.below(4) {
        0 => "null",
        1 => "\"x\"",
        2 => rng.pick_str(JSON_NUMBERS),
        _ => "{}",
    };
    let mut ins = key;
    ins.extend_from_slice(value.as_bytes());
    ins.push(b',');
    d.splice(open..open, ins);
    d
}

/// Swaps the type of a value: a string for a number/array/object, a literal for a string.
fn type_swap(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    if d.is_empty() {
        return d;
    }
    let from = rng.below(d.len());
    let Some(colon) = find(&d[from..], b": ").map(|p| from + p + 2) else { return d };
    // The value's extent: a string, or a literal up to , } ] or newline.
    let end = if d.get(colon) == Some(&b'"') {
        let mut j = colon + 1;
        while j < d.len() && d[j] != b'"' {
            j += if d[j] == b'\\' { 2 } else { 1 };
        }
        (j + 1).min(d.len())
    } else {
        colon + d[colon..].iter().position(|b| matches!(b, b',' | b'}' | b']' | b'\n')).unwrap_or(d.len() - colon)
    };
    let old = String::from_utf8_lossy(&d[colon..end]).into_owned();
    let new = match rng.below(8) {
        0 => format!("[{old}]"),
        1 => format!("{{\"x\":{old}}}"),
        2 => "null".into(),
        3 => "true".into(),
        4 => rng.pick(JSON_NUMBERS).to_string(),
        5 => format!("\"{}\"", old.trim_matches('"')),
        6 => old.trim_matches('"').to_string(),
        _ => "[]".into(),
    };
    d.splice(colon..end, new.into_bytes());
    d
}

fn hostile_string(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    const INSIDE: &[&str] = &[
        "\\u0000", "\\u001b[31m", "\\u202e", "\\u2066", "\\u200f", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\\"",
        "\\\\", "\\n", "\u{202e}", "\u{feff}", "<script>alert(1)</script>", "&lt;", "%s%n", "${x}", "{{x}}",
        "\u{3000}", "\u{ff10}", "\u{fffd}",
    ];
    if d.is_empty() {
        return d;
    }
    let from = rng.below(d.len());
    let Some(q) = d[from..].iter().position(|&b| b == b'"').map(|p| from + p + 1) else { return d };
    let t = rng.pick(INSIDE);
    let times = if rng.chance(8) { 1000 } else { 1 };
    let ins = t.repeat(times);
    d.splice(q..q, ins.into_bytes());
    d
}

fn truncate(rng: &mut Rng, mut d: Vec<u8>) -> Vec<u8> {
    if !d.is_empty() {
        d.truncate(rng.below(d.len()));
    }
    d
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---- tree mutations: parse, change a node, write back ---------------------------------------

use serde_json::Value;

/// JSON pointers of every node (capped), for picking one at random.
fn pointers(v: &Value, at: &mut String, out: &mut Vec<String>) {
    if out.len() > 20_000 {
        return;
    }
    out.push(at.clone());
    let len = at.len();
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                pointers(x, at, out);
                at.truncate(len);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push_str(&format!("/{i}"));
                pointers(x, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

fn random_value(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(2)),
        2 => serde_json::from_str(rng.pick_str(JSON_NUMBERS)).unwrap_or(Value::Null),
        3 | 4 => Value::String(rng.pick(NUMBER_STRINGS).to_string()),
        5 => Value::Array(vec![]),
        6 => Value::Object(Default::default()),
        7 => Value::String("x".repeat(rng.len(1 << 16))),
        _ => Value::String(rng.pick(TOKENS).to_string()),
    }
}

fn tree(rng: &mut Rng, d: Vec<u8>) -> Vec<u8> {
    let Ok(mut v) = serde_json::from_slice::<Value>(&d) else { return d };
    let mut ptrs = Vec::new();
    pointers(&v, &mut String::new(), &mut ptrs);
    if rng.chance(2) {
        // Half the time only numbers and numbers as text (points, thresholds, rates, years):
        // such mutants of a rubric often still pass validation and then drive the scoring.
        let numeric: Vec<String> = ptrs
            .iter()
            .filter(|p| match v.pointer(p) {
                Some(Value::Number(_)) => true,
                Some(Value::String(s)) => !s.is_empty() && s.len() < 40 && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-'),
                _ => false,
            })
            .cloned()
            .collect();
        if !numeric.is_empty() {
            ptrs = numeric;
        }
    }
    let p = rng.pick(&ptrs).clone();
    let donor = {
        let q = rng.pick(&ptrs).clone();
        v.pointer(&q).cloned()
    };
    let Some(node) = v.pointer_mut(&p) else { return d };
    match (rng.below(10), &mut *node) {
        // Strings: an edge number as typed (values, years, amounts are strings).
        (0..=3, Value::String(s)) => *s = rng.pick(NUMBER_STRINGS).to_string(),
        (0..=1, Value::Number(_)) => *node = serde_json::from_str(rng.pick_str(JSON_NUMBERS)).unwrap_or(Value::Null),
        (0..=3, Value::Bool(b)) => *b = !*b,
        (4, Value::Object(m)) if !m.is_empty() => {
            // Remove a key, or rename one (keys are item ids, years, region ids).
            let k = m.keys().nth(rng.below(m.len())).cloned().unwrap_or_default();
            if let Some(x) = m.remove(&k) {
                if rng.chance(2) {
                    let new_key = if rng.chance(2) { rng.pick(NUMBER_STRINGS).to_string() } else { format!("{k}x") };
                    m.insert(new_key, x);
                }
            }
        }
        (5, Value::Object(m)) => {
            let k = rng.pick(&["id", "x", "", "format", "score", "subject", "2024", "east", "3b"]).to_string();
            m.insert(k, random_value(rng));
        }
        (4 | 5, Value::Array(a)) if !a.is_empty() => {
            // Remove, or repeat an element many times (a list of 10,000 entities).
            let i = rng.below(a.len());
            if rng.chance(2) {
                a.remove(i);
            } else {
                let x = a[i].clone();
                let times = *rng.pick(&[1usize, 2, 10, 100, 1000]);
                for _ in 0..times {
                    a.insert(i, x.clone());
                }
            }
        }
        (6, _) => {
            if let Some(x) = donor {
                *node = x; // a subtree from elsewhere in the file
            }
        }
        _ => *node = random_value(rng),
    }
    let out = if rng.chance(2) { serde_json::to_vec_pretty(&v) } else { serde_json::to_vec(&v) };
    out.unwrap_or(d)
}

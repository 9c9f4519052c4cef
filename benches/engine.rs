//! Engine benchmarks, with std::time only (no criterion): `cargo bench --bench engine`
//! (optionally followed by `-- NAME` to run the benchmarks whose name contains NAME).
//!
//! Each benchmark is warmed up, then run N times (N chosen so that a benchmark takes about two
//! seconds, at least 10 and at most 10,000); the median, the 90th percentile and the fastest run
//! are printed. Results and the machine are recorded in docs/benchmarks.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use demozone::engine::io::file::{read_file, write_file, Opened};
use demozone::engine::json::text::MAX_FILE_BYTES;
use serde_json::Value;
use demozone::engine::model::assessment::{Assessment, Entry};
use demozone::engine::model::rubric::{Rubric, BUNDLED_RUBRIC_JSON};
use demozone::engine::rubric::load::{load_rubric, LoadedRubric};
use demozone::engine::score::items::score;
use demozone::engine::score::ranking::{RankEntry, Ranking, SortKey, SortOrder};
use demozone::engine::view::tool_export::rank_output;
use demozone::engine::view::tools::DEFAULT_SORT;

const EXAMPLE: &str = include_str!("../tests/examples/pass-hangzhou.json");
const TARGET_TIME: Duration = Duration::from_secs(2);

struct Stats {
    runs: usize,
    median: Duration,
    p90: Duration,
    min: Duration,
}

fn measure<T>(mut f: impl FnMut() -> T) -> Stats {
    measure_with_setup(|| (), |()| f())
}

/// Times `f` only, on a fresh value from `setup` each run (for functions that consume their input).
fn measure_with_setup<S, T>(mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> T) -> Stats {
    let mut timed = || {
        let input = setup();
        let t = Instant::now();
        black_box(f(black_box(input)));
        t.elapsed()
    };
    // Warm-up: at least 3 runs and at least 200 ms.
    let start = Instant::now();
    let mut warm = 0u32;
    let mut spent = Duration::ZERO;
    while warm < 3 || start.elapsed() < Duration::from_millis(200) {
        spent += timed();
        warm += 1;
    }
    let per_run = spent / warm;
    let runs = (TARGET_TIME.as_nanos() / per_run.as_nanos().max(1)).clamp(10, 10_000) as usize;
    let mut times: Vec<Duration> = (0..runs).map(|_| timed()).collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Stats { runs, median: at(0.5), p90: at(0.9), min: times[0] }
}

fn show(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn report(name: &str, note: &str, s: &Stats) {
    println!(
        "| {name:<44} | {:>10} | {:>10} | {:>10} | {:>6} | {note}",
        show(s.median),
        show(s.p90),
        show(s.min),
        s.runs
    );
}

/// An assessment of about `target` bytes as a file: long basis texts and many list entries.
fn big_assessment(base: &Assessment, target: usize) -> Assessment {
    let mut a = base.clone();
    let paragraph = "依据:本市网络交易监管工作台账、年度统计公报与有关部门出具的证明材料,详见附件。".repeat(20);
    let mut i = 0;
    loop {
        let ids: Vec<String> = a.inputs.keys().cloned().collect();
        for id in &ids {
            a.input_mut(id).basis.push_str(&paragraph);
        }
        for _ in 0..20 {
            a.input_mut("3b").entries.push(Entry {
                name: format!("某网络科技有限公司{i}"),
                year: "2023".into(),
                amount: format!("{}", 20_000 + i),
                note: "年度网络交易额经第三方审计".into(),
                ..Default::default()
            });
            i += 1;
        }
        let size = serde_json::to_string_pretty(&a).map(|s| s.len()).unwrap_or(0);
        if size >= target {
            return a;
        }
    }
}

/// `n` different assessments: the example with other names, provinces and judged scores.
fn many_assessments(base: &Assessment, rubric: &Rubric, n: usize) -> Vec<Assessment> {
    let provinces: Vec<&str> = rubric.provinces().collect();
    let judged: Vec<String> = rubric.items().filter(|(_, it)| it.rule.is_judged()).map(|(_, it)| it.id.clone()).collect();
    (0..n)
        .map(|k| {
            let mut a = base.clone();
            a.id = format!("bench-{k:04}");
            a.subject.name = format!("示范市{k}");
            a.subject.province = provinces[k % provinces.len()].to_string();
            for (j, id) in judged.iter().enumerate() {
                if (k + j) % 3 == 0 {
                    a.input_mut(id).values.insert("score".into(), "0.5".into());
                }
            }
            a
        })
        .collect()
}

/// A file of at most `bytes` bytes: the example file with `place` (a JSON pointer to an object)
/// given the key `key`, whose value is the JSON text `make(n)` with `n` as large as fits.
fn shaped_file(bytes: usize, place: &str, key: &str, make: &dyn Fn(usize) -> String) -> String {
    shaped(EXAMPLE, bytes, place, key, make)
}

/// `base` (a JSON object) with `place` given the key `key` whose value is `make(n)`, at most
/// `bytes` bytes in all (see [`shaped_file`]).
fn shaped(base: &str, bytes: usize, place: &str, key: &str, make: &dyn Fn(usize) -> String) -> String {
    const MARK: &str = "@@shape@@";
    let mut v: Value = serde_json::from_str(base).expect("a JSON object");
    match v.pointer_mut(place) {
        Some(Value::Object(m)) => {
            m.insert(key.to_string(), Value::from(MARK));
        }
        _ => panic!("{place} is not an object of the base file"),
    }
    let base = serde_json::to_string(&v).expect("serialises");
    let room = bytes.saturating_sub(base.len());
    // The size grows linearly with n: from two sizes, then down until it fits.
    let (a, b) = (make(1000).len(), make(2000).len());
    let per = ((b - a) as f64 / 1000.0).max(1.0);
    let mut n = ((room as f64 - (a as f64 - per * 1000.0)) / per).max(0.0) as usize;
    loop {
        let value = make(n);
        if value.len() <= room || n == 0 {
            return base.replacen(&format!("\"{MARK}\""), &value, 1);
        }
        n = n * 999 / 1000;
    }
}

/// A JSON array of `row(i)` for i in 0..n.
fn rows(n: usize, row: &dyn Fn(usize) -> String) -> String {
    let mut out = String::from("[");
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&row(i));
    }
    out.push(']');
    out
}

/// A JSON object of `n` entries `key(i)`: `value` (JSON text).
fn object(n: usize, key: &dyn Fn(usize) -> String, value: &str) -> String {
    let mut out = String::from("{");
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("\"{}\":{value}", key(i)));
    }
    out.push('}');
    out
}

/// The worst shapes found for reading and scoring one file, each as large as the size limit
/// allows: many errors in one item (each distinct), many unknown keys, many review layers and
/// process records, long texts. (name, file text) Only the shapes `wanted` by name are built.
fn worst_shapes(bytes: usize, wanted: &dyn Fn(&str) -> bool) -> Vec<(&'static str, String)> {
    let mut shapes: Vec<(&'static str, String)> = Vec::new();
    let mut add = |name: &'static str, place: &str, key: &str, make: &dyn Fn(usize) -> String| {
        if wanted(name) {
            shapes.push((name, shaped_file(bytes, place, key, make)));
        }
    };
    let mut inputs = |name: &'static str, id: &str, make: &dyn Fn(usize) -> String| add(name, "/inputs", id, make);
    let entries = |row: &'static str| move |n: usize| format!("{{\"entries\":{}}}", rows(n, &|_| row.to_string()));
    inputs("3b: rows with a bad year", "3b", &entries(r#"{"name":"某公司","year":"20x4","amount":"1"}"#));
    inputs("3b: rows out of the period", "3b", &entries(r#"{"name":"某公司","year":"1999","amount":"1"}"#));
    inputs("3b: rows with a bad amount", "3b", &entries(r#"{"name":"","year":"2023","amount":"1x"}"#));
    inputs("3b: rows that qualify", "3b", &|n| {
        format!("{{\"entries\":{}}}", rows(n, &|i| format!(r#"{{"name":"某网络科技有限公司{i}","year":"2023","amount":"30000"}}"#)))
    });
    inputs("22: nameless rows", "22.1", &entries(r#"{"name":"","accepted":true}"#));
    inputs("22: rows of an unknown category", "22.1", &|n| {
        format!("{{\"entries\":{}}}", rows(n, &|i| format!(r#"{{"name":"实践","category":"类别{i}"}}"#)))
    });
    inputs("4.1: unknown value keys", "4.1", &|n| format!("{{\"values\":{}}}", object(n, &|i| format!("k{i}"), "\"1\"")));
    inputs("4.1: unknown flag keys", "4.1", &|n| format!("{{\"flags\":{}}}", object(n, &|i| format!("k{i}"), "true")));
    inputs("1: invalid year keys", "1", &|n| {
        format!("{{\"years\":{{\"subject\":{}}}}}", object(n, &|i| format!("y{i}"), "\"1\""))
    });
    inputs("1: unknown series keys", "1", &|n| format!("{{\"years\":{}}}", object(n, &|i| format!("s{i}"), r#"{"2023":"1"}"#)));
    add("unknown item ids", "", "inputs", &|n| object(n, &|i| format!("x{i}"), "{}"));
    add("one long basis text", "/inputs/4.1", "basis", &|n| format!("\"{}\"", "依据\\u0000<b>".repeat(n)));
    add("recorded: unknown indicator keys", "/recorded", "indicators", &|n| object(n, &|i| format!("{}", i + 100), "\"1\""));
    add("reviews: many layers", "", "reviews", &|n| rows(n, &|_| r#"{"role":"province"}"#.into()));
    add("reviews: 40-digit scores", "", "reviews", &|n| {
        rows(n, &|_| r#"{"role":"expert","items":{"4.1":{"score":"1234567890123456789012345678901234567890"}}}"#.into())
    });
    add("reviews: unknown item ids", "", "reviews", &|n| {
        format!("[{{\"role\":\"expert\",\"items\":{}}}]", object(n, &|i| format!("x{i}"), r#"{"score":"1"}"#))
    });
    add("process: duplicate stages", "", "process", &|n| {
        format!("{{\"stages\":{}}}", rows(n, &|_| r#"{"stage":"apply","date":"2021-05-01"}"#.into()))
    });
    add("process: many attempts", "", "process", &|n| {
        format!("{{\"attempts\":{}}}", rows(n, &|i| format!(r#"{{"date":"20{:02}-01-01","passed":false}}"#, i % 100)))
    });
    add("process: many events", "", "process", &|n| {
        format!("{{\"events\":{}}}", rows(n, &|_| r#"{"date":"2025-01-01","kind":"major_case","measure":"revoke"}"#.into()))
    });
    add("unknown field: numbers", "", "x", &|n| rows(n, &|i| format!("{i}")));
    add("unknown field: many keys", "", "x", &|n| object(n, &|i| format!("k{i}"), "0"));
    shapes
}

/// The worst shapes of a rubric file (for whoever prepares the next indicator table, and for a
/// hostile one opened in the app): many of each part, long texts. (name, file text) Only the
/// shapes `wanted` by name are built.
fn worst_rubric_shapes(bytes: usize, wanted: &dyn Fn(&str) -> bool) -> Vec<(&'static str, String)> {
    let v: Value = serde_json::from_str(BUNDLED_RUBRIC_JSON).expect("the bundled rubric");
    let indicator = v["dimensions"][0]["indicators"][0].to_string();
    let item = v["dimensions"][0]["indicators"][0]["items"][0].to_string();
    let mut shapes: Vec<(&'static str, String)> = Vec::new();
    let mut r = |name: &'static str, place: &str, key: &str, make: &dyn Fn(usize) -> String| {
        if wanted(name) {
            shapes.push((name, shaped(BUNDLED_RUBRIC_JSON, bytes, place, key, make)));
        }
    };
    r("rubric: many indicators", "/dimensions/0", "indicators", &|n| rows(n, &|_| indicator.clone()));
    r("rubric: many items", "/dimensions/0/indicators/0", "items", &|n| rows(n, &|_| item.clone()));
    r("rubric: many provinces", "/regions/0", "provinces", &|n| rows(n, &|i| format!("\"省{i}\"")));
    r("rubric: one long description", "/dimensions/0/indicators/0", "description", &|n| format!("\"{}\"", "说明\\u202e".repeat(n)));
    r("rubric: unknown keys", "", "x", &|n| object(n, &|i| format!("k{i}"), "0"));
    shapes
}

fn main() {
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));

    let bundled = LoadedRubric::bundled();
    let rubrics = [&bundled];
    let example = read_file(EXAMPLE, &rubrics).expect("tests/examples/pass-hangzhou.json reads");
    let assessment = example.file.assessment.clone();

    let big = big_assessment(&assessment, 1 << 20);
    let big_file = write_file(&bundled, &big, "2025-11-20T10:30:00+08:00");
    let many = many_assessments(&assessment, &bundled.rubric, 1000);
    let many_files: Vec<String> = many.iter().map(|a| write_file(&bundled, a, "2025-11-20T10:30:00+08:00")).collect();
    let entries: Vec<RankEntry> =
        many.iter().map(|a| RankEntry::new(&a.subject.name, a, score(&bundled.rubric, a))).collect();

    println!("engine benchmarks ({} build)", if cfg!(debug_assertions) { "debug" } else { "optimised" });
    println!("| {:<44} | {:>10} | {:>10} | {:>10} | {:>6} | note", "benchmark", "median", "p90", "fastest", "runs");
    println!("|{:-<46}|{:-<12}|{:-<12}|{:-<12}|{:-<8}|------", "", "", "", "", "");

    if wanted("score") {
        report(
            "score one complete assessment",
            &format!("{} inputs, 25 indicators", assessment.inputs.len()),
            &measure(|| score(&bundled.rubric, &assessment)),
        );
    }
    if wanted("read") {
        report(
            "read_file (parse + check + score), example",
            &format!("{} KiB", EXAMPLE.len() / 1024),
            &measure(|| read_file(EXAMPLE, &rubrics).map(|o| o.outcome.total)),
        );
        report(
            "read_file (parse + check + score), ~1 MB",
            &format!("{} KiB, {} entries", big_file.len() / 1024, big.inputs["3b"].entries.len()),
            &measure(|| read_file(&big_file, &rubrics).map(|o| o.outcome.total)),
        );
    }
    if wanted("write") {
        report("write_file, example", "", &measure(|| write_file(&bundled, &assessment, "2025-11-20")));
    }
    if wanted("rubric") {
        report(
            "load_rubric (bundled, validated)",
            &format!("{} KiB", BUNDLED_RUBRIC_JSON.len() / 1024),
            &measure(|| load_rubric(BUNDLED_RUBRIC_JSON).map(|r| r.digest)),
        );
    }
    if wanted("rank") {
        report(
            "ranking 1,000 scored assessments",
            "Ranking::new + sort by total",
            &measure_with_setup(
                || entries.clone(),
                |e| {
                    let mut r = Ranking::new(e);
                    r.sort(&SortKey::Total, SortOrder::Descending);
                    r
                },
            ),
        );
        report(
            "ranking 1,000 files end to end",
            "1,000 × read_file, Ranking, sort",
            &measure(|| {
                let opened: Vec<Opened> = many_files.iter().filter_map(|t| read_file(t, &rubrics).ok()).collect();
                let mut r = Ranking::new(opened.iter().map(|o| o.rank_entry(&o.file.assessment.subject.name)).collect());
                r.sort(&SortKey::Total, SortOrder::Descending);
                r
            }),
        );
        report(
            "1,000 × (read_file + score)",
            &format!("{} KiB each", many_files[0].len() / 1024),
            &measure(|| many_files.iter().filter_map(|t| read_file(t, &rubrics).ok()).count()),
        );
        let ranking = Ranking::new(entries.clone());
        report("ranking 1,000: CSV export", "", &measure(|| ranking.to_csv()));
        report(
            "ranking 1,000: demozone rank's JSON",
            "rank_output + pretty JSON",
            &measure(|| serde_json::to_vec_pretty(&rank_output(&ranking, &DEFAULT_SORT, 1000, &[], &[])).map(|v| v.len())),
        );
    }

    if wanted("shape") {
        worst_shapes_report(&rubrics);
    }
}

/// Times `f` `runs` times (after one run to warm up); the median.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The worst shapes, each as large as `BENCH_SHAPE_MIB` (default: the size limit), read with
/// `read_file`: seconds, and seconds per MiB. `BENCH_SHAPE=TEXT` runs only the shapes whose name
/// contains TEXT (e.g. to profile one); `BENCH_SHAPE_DUMP=DIR` also writes each assessment shape's
/// file there (to profile reading it alone, e.g. with `perf` and `demozone score`).
fn worst_shapes_report(rubrics: &[&LoadedRubric]) {
    let bytes = std::env::var("BENCH_SHAPE_MIB")
        .ok()
        .and_then(|m| m.parse::<f64>().ok())
        .map_or(MAX_FILE_BYTES, |m| (m * 1_048_576.0) as usize)
        .min(MAX_FILE_BYTES);
    let only = std::env::var("BENCH_SHAPE").unwrap_or_default();
    let wanted = |name: &str| name.contains(only.as_str());
    println!();
    println!("worst shapes, each at most {:.2} MiB: read_file (parse, check, score), median of 3", bytes as f64 / 1_048_576.0);
    println!("| {:<36} | {:>9} | {:>10} | {:>9} | result", "shape", "size", "read_file", "s / MiB");
    println!("|{:-<38}|{:-<11}|{:-<12}|{:-<11}|------", "", "", "", "");
    let dump = std::env::var("BENCH_SHAPE_DUMP").ok();
    for (name, text) in worst_shapes(bytes, &wanted) {
        if let Some(dir) = &dump {
            let file: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
            std::fs::write(format!("{dir}/{file}.json"), &text).expect("BENCH_SHAPE_DUMP is a writable folder");
        }
        let mib = text.len() as f64 / 1_048_576.0;
        let mut result = String::new();
        let t = median_of(3, || {
            result = match read_file(&text, rubrics) {
                Ok(o) => format!("opens, {} problems", o.outcome.problems.len()),
                Err(e) => format!("refused: {}", e.to_string().chars().take(40).collect::<String>()),
            };
        });
        let s = t.as_secs_f64();
        println!("| {name:<36} | {mib:>5.2} MiB | {:>8.3} s | {:>9.4} | {result}", s, s / mib);
    }
    for (name, text) in worst_rubric_shapes(bytes, &wanted) {
        let mib = text.len() as f64 / 1_048_576.0;
        let mut result = String::new();
        let t = median_of(3, || {
            result = match load_rubric(&text) {
                Ok(_) => "loads".to_string(),
                Err(e) => format!(
                    "refused, {} lines: {}",
                    e.len(),
                    e.first().map(|p| p.to_string()).unwrap_or_default().chars().take(40).collect::<String>()
                ),
            };
        });
        let s = t.as_secs_f64();
        println!("| {name:<36} | {mib:>5.2} MiB | {:>8.3} s | {:>9.4} | {result}", s, s / mib);
    }
}

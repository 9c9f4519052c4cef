//! Engine benchmarks, with std::time only (no criterion): `cargo bench --bench engine`
//! (optionally followed by `-- NAME` to run the benchmarks whose name contains NAME).
//!
//! Each benchmark is warmed up, then run N times (N chosen so that a benchmark takes about two
//! seconds, at least 10 and at most 10,000); the median, the 90th percentile and the fastest run
//! are printed. Results and the machine are recorded in docs/benchmarks.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use demozone::engine::io::file::{read_file, write_file, Opened};
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
}

//! The command line, run as a built binary: `demozone score FILE...` on the example files.

use std::process::{Command, Output};

use rust_decimal::Decimal;
use serde_json::Value;

use super::fixtures::{d, examples_dir};

/// Runs `demozone ARGS...` in tests/examples (so that file names print as given).
fn demozone(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_demozone"))
        .args(args)
        .current_dir(examples_dir())
        .output()
        .expect("the demozone binary runs")
}

fn stdout_json(o: &Output) -> Vec<Value> {
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(a)) => a,
        other => panic!("stdout is not a JSON array: {other:?}\n{text}"),
    }
}

fn stderr_lines(o: &Output) -> Vec<String> {
    String::from_utf8(o.stderr.clone()).unwrap().lines().map(String::from).collect()
}

/// A decimal string's value (the scale may vary: "82" and "82.0" are the same score).
fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a string")).parse().unwrap()
}

fn is_decimal_string(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.is_empty() && s.parse::<Decimal>().is_ok())
}

#[test]
fn scores_several_files_reporting_the_invalid_ones_and_scoring_the_others() {
    let out = demozone(&[
        "score",
        "pass-hangzhou.json",
        "invalid-inputs.json",
        "fail-total.json",
        "wrong-rubric.json",
        "edited-scores.json",
        "future-format.json",
        "fail-dimension.json",
    ]);
    assert_eq!(out.status.code(), Some(1), "a file that cannot be scored makes the exit code 1");

    assert_eq!(
        stderr_lines(&out),
        vec![
            "invalid-inputs.json: 错误:指标1 第1项 「创建地电子商务交易额 2023年」:不能为负数:「-37520」",
            "invalid-inputs.json: 错误:指标4 第4.1项 「评分」:得分2.5超过本项满分2",
            "wrong-rubric.json: 字段「rubric」:此文件使用的指标体系「samr-demozone-indicators」(版本「2026-06-30-final」)未加载;请先在“指标体系版本”中打开该版本的指标体系文件",
            "future-format.json: 字段「format_version」:此文件由更新版本的程序生成(文件格式版本99),本程序只能打开格式版本1及以下的文件;请使用最新版本的本工具打开",
        ]
    );

    let results = stdout_json(&out);
    let files: Vec<&str> = results.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(files, vec!["pass-hangzhou.json", "fail-total.json", "edited-scores.json", "fail-dimension.json"]);

    // Every result has the same shape; every decimal is a string.
    for r in &results {
        assert!(is_decimal_string(&r["total"]), "{}", r["file"]);
        assert!(r["passed"].is_boolean());
        assert_eq!(r["rubric"], "2025-10-29-draft");
        assert_eq!(dec(&r["max"]), d("100"));
        let dims = r["dimensions"].as_array().unwrap();
        assert_eq!(dims.len(), 4);
        for dim in dims {
            for k in ["score", "max", "rate"] {
                assert!(is_decimal_string(&dim[k]), "{} {k}", r["file"]);
            }
            assert!(dim["name"].is_string() && dim["passed"].is_boolean());
            // The rate is a percentage with two decimals, truncated.
            assert_eq!(dim["rate"].as_str().unwrap().split('.').nth(1).unwrap().len(), 2);
        }
        let inds = r["indicators"].as_array().unwrap();
        assert_eq!(
            inds.iter().map(|i| i["number"].as_u64().unwrap()).collect::<Vec<_>>(),
            (1..=25).collect::<Vec<u64>>()
        );
        for i in inds {
            assert!(is_decimal_string(&i["score"]) && is_decimal_string(&i["max"]));
        }
        for u in r["unmet"].as_array().unwrap() {
            for k in ["required", "actual", "missing"] {
                assert!(is_decimal_string(&u[k]), "{} unmet {k}", r["file"]);
            }
            assert!(u["condition"].is_string());
        }
    }

    let pass = &results[0];
    assert_eq!(dec(&pass["total"]), d("90.4"));
    assert_eq!(pass["passed"], true);
    assert_eq!(pass["unmet"], Value::Array(vec![]));
    assert_eq!(pass["warnings"], Value::Array(vec![]));
    let names: Vec<&str> = pass["dimensions"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["促进发展", "规范监管", "优化服务", "探索创新"]);
    assert_eq!(dec(&pass["dimensions"][1]["score"]), d("27.5"));
    assert_eq!(pass["dimensions"][1]["rate"], "91.66", "27.5/30 = 91.666…% is truncated");
    assert_eq!(pass["indicators"][23]["number"], 24);
    assert_eq!(dec(&pass["indicators"][23]["max"]), d("4"));

    let total = &results[1];
    assert_eq!(dec(&total["total"]), d("82"));
    assert_eq!(total["passed"], false);
    let unmet = total["unmet"].as_array().unwrap();
    assert_eq!(unmet.len(), 1);
    assert_eq!(unmet[0]["condition"], "总分≥85分");
    assert_eq!(dec(&unmet[0]["missing"]), d("3"));

    let edited = &results[2];
    assert_eq!(dec(&edited["total"]), d("85.4"), "recomputed, not the recorded 91.4");
    assert_eq!(edited["passed"], false);
    let warnings: Vec<&str> = edited["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert_eq!(warnings.len(), 4);
    assert!(warnings.iter().all(|w| w.starts_with("文件记录的得分与重新计算不一致:")));
    assert!(warnings[2].ends_with("总分:文件记录91.4分,重新计算为85.4分"));

    let dimension = &results[3];
    assert_eq!(dec(&dimension["total"]), d("85.4"));
    assert_eq!(dimension["passed"], false);
    let unmet = dimension["unmet"].as_array().unwrap();
    assert_eq!(unmet.len(), 1);
    assert_eq!(unmet[0]["condition"], "探索创新得分率≥80%(≥16分)");
    assert_eq!(dec(&unmet[0]["actual"]), d("12"));
    assert_eq!(dec(&unmet[0]["missing"]), d("4"));
    let d4 = &dimension["dimensions"][3];
    assert_eq!((d4["rate"].as_str(), d4["passed"].as_bool()), (Some("60.00"), Some(false)));
}

#[test]
fn valid_files_only_exit_0() {
    let out = demozone(&["score", "pass-hangzhou.json", "fail-total.json", "edited-scores.json"]);
    assert_eq!(out.status.code(), Some(0), "failing the verdict or recorded differences are not errors");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout_json(&out).len(), 3);
}

#[test]
fn a_missing_file_is_named_and_the_others_are_scored() {
    let out = demozone(&["score", "no-such-file.json", "pass-hangzhou.json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_lines(&out);
    assert_eq!(err.len(), 1);
    assert!(err[0].starts_with("no-such-file.json: 无法读取文件"), "{err:?}");
    let results = stdout_json(&out);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["file"], "pass-hangzhou.json");
}

#[test]
fn only_invalid_files_print_an_empty_array() {
    let out = demozone(&["score", "wrong-rubric.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out), Vec::<Value>::new());
    assert_eq!(stderr_lines(&out).len(), 1);
}

#[test]
fn usage_without_files_exits_2() {
    for args in [&["score"][..], &[][..], &["grade", "pass-hangzhou.json"][..]] {
        let out = demozone(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("用法") && err.contains("demozone score FILE..."), "{err}");
    }
    let out = demozone(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("demozone score FILE..."));
}

/// Bytes that are not UTF-8 text (a UTF-16 export, a binary file) are named with the reason, and
/// the other files are still scored.
#[test]
fn files_that_are_not_utf8_text_are_named_with_the_reason() {
    let dir = std::env::temp_dir().join(format!("demozone-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let utf16 = dir.join("utf16.json");
    std::fs::write(&utf16, b"\xff\xfe{\x00}\x00").unwrap();
    let binary = dir.join("binary.json");
    std::fs::write(&binary, b"{\"format\": \"\xc3\x28\"}").unwrap();
    let o = demozone(&["score", utf16.to_str().unwrap(), binary.to_str().unwrap(), "pass-hangzhou.json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr_lines(&o);
    assert!(err.iter().any(|l| l.contains("utf16.json") && l.contains("UTF-16")), "{err:?}");
    assert!(err.iter().any(|l| l.contains("binary.json") && l.contains("第1行第13列") && l.contains("不是UTF-8")), "{err:?}");
    let scored = stdout_json(&o);
    assert_eq!(scored.len(), 1);
    assert_eq!(scored[0]["file"], "pass-hangzhou.json");
    std::fs::remove_dir_all(&dir).ok();
}

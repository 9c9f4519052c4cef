//! The command line, run as a built binary: `demozone score FILE...` on the example files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use demozone::engine::rubric::set::RubricSet;
use demozone::engine::support::problem::texts;
use rust_decimal::Decimal;
use serde_json::Value;

use super::fixtures::{d, examples_dir, root};

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
            "wrong-rubric.json: 命令行中可用 --rubric 指标体系文件.json 加载该版本",
            "future-format.json: 字段「format_version」:此文件由更新版本的程序生成(文件格式版本99),本程序只能打开格式版本2及以下的文件;请使用最新版本的本工具打开",
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
    assert_eq!(stderr_lines(&out).len(), 2, "the refusal and how to load the rubric");
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

// ---- rank, panel, check-rubric; reading files safely ----

/// A fresh folder for one test's files.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("demozone-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
    fn write(&self, name: &str, v: &Value) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
        p
    }
    fn write_raw(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `demozone ARGS...` in `dir`, killed (and the test failed) if it has not ended within a
/// minute: a command that blocks on a file must fail the test, not hang it.
fn demozone_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_demozone"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the demozone binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("demozone {args:?} did not end within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn template() -> Value {
    let text = std::fs::read_to_string(examples_dir().join("pass-hangzhou.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("recorded");
    v
}

/// An assessment of `name` (a prefecture city of 浙江) with the example's inputs and these judged
/// scores.
fn city(id: &str, name: &str, scores: &[(&str, &str)]) -> Value {
    let mut v = template();
    v["id"] = id.into();
    v["subject"]["name"] = name.into();
    v["subject"]["kind"] = "prefecture_city".into();
    for (item, s) in scores {
        v["inputs"][item]["values"]["score"] = (*s).into();
    }
    v
}

/// An expert's sheet of the example assessment.
fn expert(name: &str, scores: &[(&str, &str)]) -> Value {
    let mut v = template();
    let items: serde_json::Map<String, Value> = scores
        .iter()
        .map(|(id, s)| (id.to_string(), serde_json::json!({ "score": s, "method": "expert_evaluation" })))
        .collect();
    v["reviews"] = serde_json::json!([{
        "role": "expert",
        "reviewer": { "name": name, "unit": "某大学" },
        "at": "2025-12-01",
        "items": items,
        "opinion": format!("{name}的评估意见"),
    }]);
    v
}

fn json_out(o: &Output) -> Value {
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{text}"))
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

fn column<'a>(rows: &'a Value, key: &str) -> Vec<&'a str> {
    rows.as_array().unwrap().iter().map(|r| r[key].as_str().unwrap()).collect()
}

#[test]
fn rank_orders_by_total_with_ties_by_name_then_file_order() {
    let d = Dir::new("rank-order");
    // 4.1 of the example is 1.8: 湖州 and 温州 both lose 0.8 (tie), 嘉兴 gains 0.2; two 绍兴 files
    // tie on total and name (another province, so no duplicate): the file order decides.
    d.write("c.json", &city("c", "温州市", &[("4.1", "1")]));
    d.write("a.json", &city("a", "湖州市", &[("4.1", "1")]));
    d.write("b.json", &city("b", "嘉兴市", &[("4.1", "2")]));
    let mut sx = city("e", "绍兴市", &[]);
    sx["subject"]["province"] = "江苏".into();
    d.write("e.json", &sx);
    d.write("d.json", &city("d", "绍兴市", &[]));
    let o = demozone_in(&d.0, &["rank", "c.json", "a.json", "b.json", "e.json", "d.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json_out(&o);
    assert_eq!(v["format"], "demozone-rank");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["sort"], serde_json::json!({ "by": "total", "order": "descending", "text": "按总分从高到低排列" }));
    assert_eq!(v["files"], serde_json::json!({ "given": 5, "read": 5, "unreadable": 0 }));
    let rows = &v["rows"];
    // Code point order: 温 U+6E29 < 湖 U+6E56; 绍兴市 e.json was given before d.json.
    assert_eq!(column(rows, "file"), ["b.json", "e.json", "d.json", "c.json", "a.json"]);
    assert_eq!(column(rows, "total"), ["90.6", "90.4", "90.4", "89.6", "89.6"]);
    let positions: Vec<u64> = rows.as_array().unwrap().iter().map(|r| r["position"].as_u64().unwrap()).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5]);
    let first = &rows[0];
    assert_eq!(first["name"], "嘉兴市");
    assert_eq!((first["kind"].as_str(), first["kind_label"].as_str()), (Some("prefecture_city"), Some("地级市")));
    assert_eq!(first["verdict"], "合格");
    assert_eq!(first["dimensions"][0]["id"], "D1");
    assert_eq!(first["dimensions"][1]["rate"], "91.66", "27.5/30 truncated, as the table shows it");
    assert_eq!(v["summary"], "共5个创建对象:合格5个,不合格0个");
    assert!(rows.as_array().unwrap().iter().all(|r| r["duplicates"] == serde_json::json!([])));
}

#[test]
fn rank_flags_duplicates_both_ways_with_the_reason() {
    let d = Dir::new("rank-dups");
    d.write("hz-1.json", &city("same-id", "杭州市", &[]));
    d.write("hz-2.json", &city("same-id", "杭州市", &[("4.1", "1")]));
    d.write("nb-1.json", &city("nb-1", "宁波市", &[]));
    d.write("nb-2.json", &city("nb-2", " 宁波市 ", &[]));
    d.write("wz.json", &city("wz", "温州市", &[]));
    let o = demozone_in(&d.0, &["rank", "hz-1.json", "hz-2.json", "nb-1.json", "nb-2.json", "wz.json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json_out(&o);
    let row = |file: &str| v["rows"].as_array().unwrap().iter().find(|r| r["file"] == file).unwrap().clone();
    assert_eq!(
        row("hz-1.json")["duplicates"],
        serde_json::json!([{ "file": "hz-2.json", "reason": "same_assessment", "text": "与「hz-2.json」是同一评估(评估编号相同)" }])
    );
    assert_eq!(row("hz-2.json")["duplicates"][0]["file"], "hz-1.json");
    // Names are compared trimmed: another id, the same subject.
    assert_eq!(
        row("nb-2.json")["duplicates"],
        serde_json::json!([{ "file": "nb-1.json", "reason": "same_subject", "text": "与「nb-1.json」是同一创建对象(名称、类型、省份相同)" }])
    );
    assert_eq!(row("nb-2.json")["name"], "宁波市");
    assert_eq!(row("nb-1.json")["duplicates"][0]["reason"], "same_subject");
    assert_eq!(row("wz.json")["duplicates"], serde_json::json!([]));
    assert!(v["summary"].as_str().unwrap().ends_with(";4个文件与其他文件重复(见“重复提示”列)"), "{}", v["summary"]);
}

#[test]
fn rank_lists_unreadable_files_and_ranks_the_others() {
    let d = Dir::new("rank-unreadable");
    d.write("good-1.json", &city("g1", "温州市", &[]));
    d.write("broken.json", &serde_json::json!({ "format": "something-else", "format_version": 1 }));
    d.write_raw("half.json", b"{\"format\": \"demozone-assessment\",");
    d.write("good-2.json", &city("g2", "湖州市", &[("4.1", "1")]));
    let o = demozone_in(&d.0, &["rank", "good-1.json", "broken.json", "missing.json", "half.json", "good-2.json"]);
    assert_eq!(o.status.code(), Some(1), "a file that cannot be read makes the exit code 1");
    let v = json_out(&o);
    assert_eq!(column(&v["rows"], "file"), ["good-1.json", "good-2.json"]);
    assert_eq!(v["files"], serde_json::json!({ "given": 5, "read": 2, "unreadable": 3 }));
    let un = v["unreadable"].as_array().unwrap();
    assert_eq!(column(&v["unreadable"], "file"), ["broken.json", "missing.json", "half.json"]);
    assert_eq!(un[0]["place"], "字段「format」");
    assert!(un[0]["reason"].as_str().unwrap().contains("不是demozone评估文件"), "{}", un[0]["reason"]);
    assert_eq!(un[1]["place"], "整个文件");
    assert!(un[1]["reason"].as_str().unwrap().starts_with("无法读取文件:找不到此文件"), "{}", un[1]["reason"]);
    assert_eq!(un[2]["place"], "整个文件");
    let err = stderr_lines(&o);
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(err[0].starts_with("broken.json: 字段「format」:"), "{err:?}");
    assert!(err[1].starts_with("missing.json: 无法读取文件"), "{err:?}");
    assert!(err[2].starts_with("half.json: "), "{err:?}");

    // The CSV has the rows that were read; the unreadable files are on stderr.
    let o = demozone_in(&d.0, &["rank", "--csv", "good-1.json", "broken.json", "good-2.json"]);
    assert_eq!(o.status.code(), Some(1));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(!csv.contains("broken.json"));
}

#[test]
fn rank_csv_is_the_apps_export_with_formula_looking_names_neutralised() {
    let d = Dir::new("rank-csv");
    d.write("a.json", &city("a", "=cmd|' /C calc'!A0", &[]));
    d.write("b.json", &city("b", "+1", &[("4.1", "1")]));
    d.write("c.json", &city("c", "-2,3", &[("4.1", "0")]));
    d.write("d.json", &city("d", "@SUM(A1)\"x\"", &[("4.1", "1.5")]));
    let o = demozone_in(&d.0, &["rank", "--csv", "a.json", "b.json", "c.json", "d.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte order mark for Excel");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 6, "header, 4 rows, and the empty rest after the last CRLF: {lines:?}");
    assert_eq!(lines[5], "");
    assert_eq!(
        lines[0],
        "序号,创建对象,类型,省份,总分,促进发展得分率(%),规范监管得分率(%),优化服务得分率(%),探索创新得分率(%),结论,未达到的合格条件(差分),重复提示,来源文件"
    );
    assert_eq!(lines[1], "1,'=cmd|' /C calc'!A0,地级市,浙江,90.4,87.50,91.66,91.33,90.00,合格,,,a.json");
    assert!(lines[2].starts_with("2,\"'@SUM(A1)\"\"x\"\"\",地级市,浙江,90.1,"), "{}", lines[2]);
    assert!(lines[3].starts_with("3,'+1,地级市,浙江,89.6,"), "{}", lines[3]);
    assert!(lines[4].starts_with("4,\"'-2,3\",地级市,浙江,88.6,"), "{}", lines[4]);
    // No cell starts with a formula character unless it is neutralised.
    assert!(!csv.contains(",=") && !csv.contains(",+") && !csv.contains(",@") && !csv.contains(",-"), "{csv}");
}

#[test]
fn rank_writes_the_apps_workbook_and_never_over_an_input() {
    let d = Dir::new("rank-xlsx");
    d.write("a.json", &city("a", "=cmd", &[]));
    d.write("b.json", &city("b", "湖州市", &[("4.1", "1")]));
    let o = demozone_in(&d.0, &["rank", "--xlsx", "汇总.xlsx", "a.json", "b.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    assert_eq!(stderr_lines(&o), ["已生成「汇总.xlsx」:2行"]);
    let bytes = std::fs::read(d.0.join("汇总.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip file");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("xl/worksheets/sheet1.xml") && text.contains("xl/sharedStrings.xml"));
    // No temporary file left beside it.
    let names: Vec<String> = std::fs::read_dir(&d.0).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 3, "{names:?}");

    // An output named like an assessment file, or one of the inputs, is refused before anything.
    let o = demozone_in(&d.0, &["rank", "--xlsx", "b.json", "a.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("应以.xlsx结尾"));
    std::fs::copy(d.0.join("汇总.xlsx"), d.0.join("in.xlsx")).unwrap();
    let o = demozone_in(&d.0, &["rank", "--xlsx", "in.xlsx", "a.json", "in.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("输出文件「in.xlsx」是要汇总的文件之一"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(d.0.join("in.xlsx")).unwrap(), bytes);
}

#[test]
fn a_folder_gives_its_json_files_in_name_order_not_its_subfolders() {
    let d = Dir::new("rank-folder");
    let inbox = d.0.join("报送");
    std::fs::create_dir_all(inbox.join("旧版本")).unwrap();
    std::fs::write(inbox.join("b.JSON"), serde_json::to_string(&city("b", "湖州市", &[])).unwrap()).unwrap();
    std::fs::write(inbox.join("a.json"), serde_json::to_string(&city("a", "温州市", &[])).unwrap()).unwrap();
    std::fs::write(inbox.join("说明.txt"), "not an assessment").unwrap();
    std::fs::write(inbox.join("._a.json"), [0u8, 5, 22, 7]).unwrap();
    std::fs::write(inbox.join("旧版本/a.json"), serde_json::to_string(&city("a", "温州市", &[])).unwrap()).unwrap();
    let o = demozone_in(&d.0, &["rank", "报送"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json_out(&o);
    let mut files: Vec<&str> = column(&v["rows"], "file");
    files.sort();
    assert_eq!(files, ["报送/a.json", "报送/b.JSON"]);
    // A folder without .json files is named, exit code 1.
    let o = demozone_in(&d.0, &["rank", "报送/旧版本", "报送/a.json"]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::remove_file(inbox.join("旧版本/a.json")).unwrap();
    let o = demozone_in(&d.0, &["rank", "报送/旧版本", "报送/a.json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_out(&o);
    assert_eq!(v["unreadable"][0]["file"], "报送/旧版本");
    assert_eq!(v["unreadable"][0]["place"], "整个文件夹");
    assert_eq!(v["files"]["read"], 1);
}

#[test]
fn panel_means_round_half_up_and_show_the_exact_mean() {
    let d = Dir::new("panel-means");
    // 15.1: (2.34 + 2.35) / 2 = 2.345 → 2.35; 16.1: (1.01 + 1) / 2 = 1.005 → 1.01 (half up, not
    // to even); 9.1: (2 + 1.25) / 2 = 1.625 → 1.63, spread 0.75 = 25% of 3 points: flagged.
    d.write("zhang.json", &expert("张三", &[("9.1", "2"), ("15.1", "2.34"), ("16.1", "1.01")]));
    d.write("li.json", &expert("李四", &[("9.1", "1.25"), ("15.1", "2.35"), ("16.1", "1")]));
    let o = demozone_in(&d.0, &["panel", "zhang.json", "li.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json_out(&o);
    assert_eq!((v["format"].as_str(), v["format_version"].as_u64()), (Some("demozone-panel"), Some(1)));
    assert_eq!(strs(&v["sheets"]), ["zhang.json", "li.json"]);
    assert_eq!(v["refusals"], serde_json::json!([]));
    let p = &v["panel"];
    assert_eq!(p["subject"]["name"], "杭州市");
    let experts: Vec<&str> = column(&p["experts"], "display");
    assert_eq!(experts, ["张三(某大学)", "李四(某大学)"]);
    let ind = |n: u64| p["indicators"].as_array().unwrap().iter().find(|i| i["number"] == n).unwrap().clone();
    assert_eq!(p["indicators"].as_array().unwrap().len(), 25);
    let i15 = ind(15);
    assert_eq!(strs(&i15["scores"]), ["2.34", "2.35"]);
    assert_eq!((i15["mean_exact"].as_str(), i15["mean"].as_str(), i15["spread"].as_str()), (Some("2.345"), Some("2.35"), Some("0.01")));
    assert_eq!(i15["outlier"], Value::Null);
    let i16 = ind(16);
    assert_eq!((i16["mean_exact"].as_str(), i16["mean"].as_str()), (Some("1.005"), Some("1.01")));
    let i9 = ind(9);
    assert_eq!((i9["mean_exact"].as_str(), i9["mean"].as_str(), i9["spread"].as_str()), (Some("1.625"), Some("1.63"), Some("0.75")));
    assert_eq!(i9["outlier"]["experts"], serde_json::json!([0, 1]));
    assert_eq!(i9["outlier"]["threshold"], "0.75");
    assert!(i9["outlier"]["note"].as_str().unwrap().starts_with("指标9专家评分相差0.75分"), "{}", i9["outlier"]["note"]);
    assert_eq!(p["outliers"], serde_json::json!([9]));
    // The total adds the rounded means: 1.63 + 2.35 + 1.01.
    assert_eq!(p["total"], "4.99");
    assert_eq!(p["passed"], false);
    assert!(p["verdict"].as_str().unwrap().starts_with("不合格:"));
    let d2 = p["dimensions"].as_array().unwrap().iter().find(|x| x["id"] == "D2").unwrap();
    assert_eq!((d2["score"].as_str(), d2["rate"].as_str()), (Some("1.63"), Some("5.43")));

    // Three experts: 4.6 / 3 = 1.5333… → 1.53, the exact mean with all its digits.
    d.write("wang.json", &expert("王五", &[("9.1", "1.35")]));
    let o = demozone_in(&d.0, &["panel", "zhang.json", "li.json", "wang.json"]);
    let v = json_out(&o);
    let i9 = v["panel"]["indicators"].as_array().unwrap().iter().find(|i| i["number"] == 9).unwrap().clone();
    assert_eq!((i9["mean_exact"].as_str(), i9["mean"].as_str()), (Some("1.5333333333333333333333333333"), Some("1.53")));
}

#[test]
fn panel_refuses_a_sheet_of_another_assessment_with_the_reason() {
    let d = Dir::new("panel-refused");
    d.write("zhang.json", &expert("张三", &[("9.1", "2")]));
    let mut other = expert("赵六", &[("9.1", "2")]);
    other["id"] = "another-assessment".into();
    d.write("other.json", &other);
    // The example itself: the same assessment, without an expert's layer.
    d.write("self.json", &template());
    let o = demozone_in(&d.0, &["panel", "zhang.json", "other.json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_out(&o);
    assert_eq!(v["panel"], Value::Null);
    let r = &v["refusals"][0];
    assert_eq!(r["sheet"], "「other.json」");
    assert!(r["reason"].as_str().unwrap().starts_with("评估编号「another-assessment」与「zhang.json」的"), "{r}");
    assert_eq!(r["text"].as_str().unwrap(), format!("「other.json」:{}", r["reason"].as_str().unwrap()));
    let err = stderr_lines(&o);
    assert_eq!(err[0], "以下评分表不能与其他评分表合并,请移除后再合议:");
    assert_eq!(err[1], format!("  {}", r["text"].as_str().unwrap()));
    // A file without an expert layer is no sheet; the CSV then prints nothing.
    let o = demozone_in(&d.0, &["panel", "--csv", "zhang.json", "self.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(stderr_lines(&o)[1].contains("「self.json」:没有专家评估层"), "{:?}", stderr_lines(&o));
}

#[test]
fn panel_csv_has_one_row_per_indicator() {
    let d = Dir::new("panel-csv");
    d.write("a.json", &expert("=HYPERLINK(\"x\")", &[("9.1", "2"), ("15.1", "2.34")]));
    d.write("b.json", &expert("李四", &[("9.1", "1"), ("15.1", "2.35")]));
    let o = demozone_in(&d.0, &["panel", "--csv", "a.json", "b.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(lines.len(), 26, "a header and 25 indicators");
    assert_eq!(
        lines[0],
        "一级指标,指标,指标名称,分值,\"'=HYPERLINK(\"\"x\"\")(某大学)\",李四(某大学),精确平均分,平均分(四舍五入保留两位小数),极差,分歧提示"
    );
    let row15 = lines.iter().find(|l| l.split(',').nth(1) == Some("15")).unwrap();
    assert!(row15.ends_with(",3,2.34,2.35,2.345,2.35,0.01,"), "{row15}");
    let row9 = lines.iter().find(|l| l.split(',').nth(1) == Some("9")).unwrap();
    assert!(row9.contains(",3,2,1,1.5,1.5,1,\"指标9专家评分相差1分"), "{row9}");
}

#[test]
fn files_that_are_not_regular_or_too_large_are_refused_without_reading_them() {
    let d = Dir::new("hostile-files");
    d.write("good.json", &city("g", "温州市", &[]));
    // A sparse file far over the limit: reading it whole would take minutes and all the memory.
    let sparse = std::fs::File::create(d.0.join("sparse.json")).unwrap();
    let big = [1u64 << 40, 1 << 34, 1 << 30].into_iter().find(|&n| sparse.set_len(n).is_ok()).expect("a sparse file");
    drop(sparse);
    // A named pipe with no writer: opening it would block for ever.
    let fifo = Command::new("mkfifo").arg(d.0.join("pipe.json")).status().unwrap();
    assert!(fifo.success(), "mkfifo");
    for cmd in ["score", "rank", "panel"] {
        let o = demozone_in(&d.0, &[cmd, "sparse.json", "pipe.json", "/dev/zero", "good.json"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        let err = stderr_lines(&o);
        assert!(err.iter().any(|l| l.starts_with("sparse.json: 评估文件过大(") ), "{cmd} {big}: {err:?}");
        assert!(err.contains(&"pipe.json: 这不是普通文件(是命名管道(FIFO)),不是评估文件;请指定评估文件本身".to_string()), "{cmd}: {err:?}");
        assert!(err.contains(&"/dev/zero: 这不是普通文件(是设备文件),不是评估文件;请指定评估文件本身".to_string()), "{cmd}: {err:?}");
    }
    let o = demozone_in(&d.0, &["check-rubric", "pipe.json", "sparse.json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("这不是普通文件(是命名管道(FIFO)),不是指标体系文件") && err.contains("指标体系文件过大("), "{err}");
}

#[test]
fn file_names_with_bidi_and_control_characters_are_printed_escaped() {
    let d = Dir::new("bidi-names");
    let evil = "abc\u{202E}nosj.json";
    d.write(evil, &city("a", "温州\u{202E}市", &[]));
    let broken = "x\u{1b}[31m\u{202E}.json";
    d.write_raw(broken, b"{");
    let o = demozone_in(&d.0, &["rank", evil, broken]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    for (what, text) in [("stderr", &err), ("stdout", &out)] {
        assert!(!text.contains('\u{202E}') && !text.contains('\u{1b}'), "{what} holds the raw characters: {text}");
    }
    assert!(err.starts_with("x⟨U+001B⟩[31m⟨U+202E⟩.json: "), "{err}");
    assert!(out.contains("\"abc\\u202enosj.json\""), "{out}");
    // The JSON value is the very name (a script can open the file with it).
    let v = json_out(&o);
    assert_eq!(v["rows"][0]["file"], evil);
    assert_eq!(v["rows"][0]["name"], "温州\u{202E}市");
    assert_eq!(v["unreadable"][0]["file"], broken);
}

#[test]
fn check_rubric_accepts_the_bundled_rubric_and_gives_the_apps_messages() {
    let root = root();
    let o = demozone_in(&root, &["check-rubric", "rubrics/samr-2025-10-29-draft.json", "tests/fixtures/rubrics/2026-final-example.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("rubrics/samr-2025-10-29-draft.json: 指标体系文件有效(与内置的指标体系数据相同)\n"), "{out}");
    assert!(out.contains("tests/fixtures/rubrics/2026-final-example.json: 指标体系文件有效\n"), "{out}");
    assert!(out.contains("4个一级指标、25个二级指标"), "{out}");
    assert!(out.contains("  摘要 sha256:"), "{out}");

    for fixture in ["points-do-not-add-up.json", "missing-pass-rule.json", "unknown-rule-kind.json"] {
        let path = format!("tests/fixtures/rubrics/{fixture}");
        let text = std::fs::read_to_string(root.join(&path)).unwrap();
        // What the app's 指标体系版本 says for this file (RubricSet::add, as the app calls it).
        let expected = texts(RubricSet::new().add(&text).unwrap_err());
        let o = demozone_in(&root, &["check-rubric", &path]);
        assert_eq!(o.status.code(), Some(1), "{fixture}");
        assert!(o.stdout.is_empty());
        let err = stderr_lines(&o);
        assert_eq!(err[0], format!("{path}: 无法加载指标体系文件(共{}个问题):", expected.len()));
        assert_eq!(err[1..], expected.iter().map(|e| format!("  {e}")).collect::<Vec<_>>()[..], "{fixture}");

        let o = demozone_in(&root, &["check-rubric", "--json", &path]);
        assert_eq!(o.status.code(), Some(1));
        let v = json_out(&o);
        assert_eq!(v["format"], "demozone-rubric-check");
        assert_eq!(v["files"][0]["valid"], false);
        assert_eq!(strs(&v["files"][0]["problems"]), expected);
    }

    // The bundled rubric's version with other data: the app refuses it, and so does the checker.
    let mut changed: Value = serde_json::from_str(&std::fs::read_to_string(root.join("rubrics/samr-2025-10-29-draft.json")).unwrap()).unwrap();
    changed["title"] = "改过的标题".into();
    let d = Dir::new("check-rubric");
    d.write("changed.json", &changed);
    let o = demozone_in(&d.0, &["check-rubric", "changed.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().contains("同一版本号不能对应两份不同的数据"));
}

#[test]
fn a_rubric_given_with_the_option_scores_files_of_that_version() {
    let root = root();
    let fixture = root.join("tests/fixtures/rubrics/2026-final-example.json");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let mut set = RubricSet::new();
    let loaded = set.add(&text).unwrap().clone();
    let d = Dir::new("rubric-option");
    let mut a = city("n", "温州市", &[]);
    a["rubric"] = serde_json::json!({ "id": loaded.rubric.id, "version": loaded.rubric.version, "digest": loaded.digest });
    d.write("new.json", &a);
    let o = demozone_in(&d.0, &["rank", "new.json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr_lines(&o);
    assert!(err[0].starts_with("new.json: 字段「rubric」:"), "{err:?}");
    assert_eq!(err[1], "new.json: 命令行中可用 --rubric 指标体系文件.json 加载该版本");
    let o = demozone_in(&d.0, &["rank", "--rubric", fixture.to_str().unwrap(), "new.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json_out(&o)["rows"][0]["file"], "new.json");
    let o = demozone_in(&d.0, &["rank", "--rubric", "no-such-rubric.json", "new.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}

#[test]
fn every_command_has_help_in_chinese_and_english_with_an_example() {
    for cmd in ["score", "rank", "panel", "check-rubric", "evidence"] {
        for args in [vec![cmd, "--help"], vec!["help", cmd], vec![cmd, "-h"]] {
            let o = demozone(&args);
            assert_eq!(o.status.code(), Some(0), "{args:?}");
            let text = String::from_utf8(o.stdout).unwrap();
            assert!(text.starts_with(&format!("用法 / usage: demozone {cmd} ")), "{text}");
            assert!(text.contains("示例 / example"), "{cmd}");
            assert!(text.contains(&format!("\n  demozone {cmd} ")), "{cmd}: an example line");
        }
    }
    let o = demozone(&["rank", "--sort", "name", "a.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("demozone rank: 未知的选项「--sort」\n用法 / usage: demozone rank "), "{err}");
    assert!(err.contains("demozone rank --help"));
    for cmd in ["rank", "panel", "check-rubric", "evidence"] {
        let o = demozone(&[cmd]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert!(o.stdout.is_empty());
    }
}

// ---- evidence

#[test]
fn evidence_checks_a_folder_one_changed_one_missing_one_renamed_one_extra() {
    use demozone::engine::io::file::write_file;
    use demozone::engine::model::edit::{apply, Edit, EvidenceField};
    use demozone::engine::model::evidence::FileFingerprint;
    use demozone::engine::support::fingerprint::sha256_hex;
    let dir = Dir::new("evidence");
    let loaded = demozone::engine::rubric::load::LoadedRubric::bundled();
    let text = std::fs::read_to_string(examples_dir().join("pass-hangzhou.json")).unwrap();
    let mut a = demozone::engine::io::file::read_file(&text, &[&loaded]).unwrap().file.assessment;
    // A file of 3 MiB crosses the command's 1 MiB blocks.
    let big: Vec<u8> = (0..3 * 1024 * 1024 + 17).map(|i: u32| (i % 251) as u8).collect();
    let files: [(&str, &[u8]); 4] =
        [("通知.pdf", b"same"), ("统计表.xlsx", b"before"), ("案卷.pdf", b"gone"), ("大文件.bin", &big)];
    for (name, content) in files {
        apply(&mut a, &Edit::AddEvidence { item: "4.1".into() }).unwrap();
        let row = a.input("4.1").unwrap().evidence.len() - 1;
        let title = Edit::SetEvidenceText { item: "4.1".into(), row, field: EvidenceField::Title, value: name.into() };
        apply(&mut a, &title).unwrap();
        let f = FileFingerprint { name: name.into(), size: content.len() as u64, sha256: sha256_hex(content) };
        apply(&mut a, &Edit::SetEvidenceFile { item: "4.1".into(), row, file: Some(f) }).unwrap();
    }
    dir.write_raw("杭州市.json", write_file(&loaded, &a, "2025-11-01T08:00:00Z").as_bytes());
    std::fs::create_dir_all(dir.0.join("收到/子目录")).unwrap();
    dir.write_raw("收到/通知.pdf", b"same");
    dir.write_raw("收到/统计表.xlsx", b"after");
    dir.write_raw("收到/子目录/改名.bin", &big);
    dir.write_raw("收到/多余.docx", b"extra");
    let o = demozone_in(&dir.0, &["evidence", "杭州市.json", "收到"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json_out(&o);
    assert_eq!((v["format"].as_str(), v["format_version"].as_u64()), (Some("demozone-evidence-check"), Some(1)));
    let statuses: Vec<(String, String, String)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["number"].as_str().unwrap().into(), e["status"].as_str().unwrap().into(), e["received"].as_str().unwrap_or("").into()))
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        statuses,
        [
            s("4.1-1", "same", "通知.pdf"),
            s("4.1-2", "differs", "统计表.xlsx"),
            s("4.1-3", "missing", ""),
            s("4.1-4", "renamed", "子目录/改名.bin"),
        ]
    );
    assert_eq!(column(&v["extra"], "path"), ["多余.docx"]);
    assert_eq!(v["all_same"], Value::Bool(false));
    assert_eq!(v["summary"], "佐证材料核对:一致2份(其中改名1份),内容不同1份,缺失1份;另收到目录外文件1份");
    // Every file there: exit code 0.
    std::fs::write(dir.0.join("收到/统计表.xlsx"), b"before").unwrap();
    std::fs::write(dir.0.join("收到/案卷.pdf"), b"gone").unwrap();
    let o = demozone_in(&dir.0, &["evidence", "杭州市.json", "收到"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // Named files instead of a folder; a missing one is named on stderr.
    let o = demozone_in(&dir.0, &["evidence", "杭州市.json", "收到/通知.pdf", "不存在.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().contains("不存在.pdf: 找不到此文件或文件夹"));
    // An assessment file without received files is a usage error.
    let o = demozone_in(&dir.0, &["evidence", "杭州市.json"]);
    assert_eq!(o.status.code(), Some(2));
}

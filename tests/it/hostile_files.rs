//! Hostile assessment and rubric files: an assessment file arrives from anyone by email, so every
//! byte sequence must end in a value or a clear Chinese error, never a panic, a stack overflow,
//! a silent change, or text that is interpreted instead of shown.
//!
//! Fuzzing (`examples/fuzz.rs`, `scripts/fuzz.sh`) covers random inputs; these are the named
//! cases (huge, deeply nested, 40-digit numbers, duplicate keys, wrong encodings, ...), each with
//! the message a user sees.

use std::time::Instant;

use demozone::engine::io::file::{read_file, write_file};
use demozone::engine::json::text::{file_text, FileKind, MAX_FILE_BYTES};
use demozone::engine::model::assessment::{Assessment, Entry, SubjectKind};
use demozone::engine::model::rubric::BUNDLED_RUBRIC_JSON;
use demozone::engine::rubric::load::load_rubric;
use demozone::engine::score::items::score;
use demozone::engine::score::outcome::ItemStatus;
use demozone::engine::support::problem::{texts, Refusal, MAX_LISTED};

use super::fixtures::{bundled, subject};

/// A complete assessment as the app writes it, with inputs of every kind.
fn sample_assessment() -> Assessment {
    let mut a = Assessment {
        id: "hostile-0001".into(),
        subject: subject("杭州市", SubjectKind::SubProvincialCity, "浙江", 2023, 3),
        ..Default::default()
    };
    let growth = a.input_mut("1");
    for (y, v) in [("2022", "100"), ("2023", "112"), ("2024", "125"), ("2025", "140")] {
        growth.years.entry("subject".into()).or_default().insert(y.into(), v.into());
        growth.years.entry("reference_rate".into()).or_default().insert(y.into(), "5".into());
    }
    let share = a.input_mut("3a");
    share.values.insert("online".into(), "1200".into());
    share.values.insert("total".into(), "10000".into());
    let per = a.input_mut("3b");
    per.entries.push(Entry { name: "某网络科技公司".into(), year: "2024".into(), amount: "30000".into(), ..Default::default() });
    a.input_mut("4.1").values.insert("score".into(), "1.5".into());
    a.input_mut("4.1").basis = "依据:市政府文件。".into();
    a.input_mut("12.3").flags.insert("no_major_case".into(), true);
    a.input_mut("13.1").values.insert("verify_ontime".into(), "96".into());
    a
}

fn sample_file() -> String {
    write_file(bundled(), &sample_assessment(), "2025-11-01T08:00:00Z")
}

/// Replaces exactly one occurrence of `from` (so a test fails loudly when the format changes).
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "expected exactly one «{from}» in the sample file");
    text.replacen(from, to, 1)
}

fn err_of(text: &str) -> Refusal {
    let r = bundled();
    match read_file(text, &[r]) {
        Ok(_) => panic!("expected the file to be refused"),
        Err(e) => e,
    }
}

fn rubric_err_of(text: &str) -> String {
    match load_rubric(text) {
        Ok(_) => panic!("expected the rubric file to be refused"),
        Err(es) => texts(es).join("\n"),
    }
}

/// Runs `f` on a thread with a small stack, as in wasm (whose whole stack is 1 MiB), and
/// reports whether it finished (a stack overflow aborts the test process instead).
fn on_small_stack<T: Send + 'static>(stack: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(stack).spawn(f).unwrap().join().expect("no panic")
}

#[test]
fn the_sample_file_reads_back() {
    let r = bundled();
    let opened = read_file(&sample_file(), &[r]).expect("sample reads");
    assert_eq!(opened.file.assessment, {
        let mut a = sample_assessment();
        a.prune();
        a
    });
    assert!(opened.recorded_differences.is_empty());
}

// ---- size ---------------------------------------------------------------------------------

#[test]
fn a_50_mb_file_is_refused_before_parsing() {
    // Not JSON at all after the first byte: had it been parsed, the error would be a syntax error.
    let mut text = String::from("{");
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    let t0 = Instant::now();
    let e = err_of(&text);
    // 50 MiB and one byte: rounded up, never down to a size that looks allowed.
    assert!(e.message.contains("文件过大(50.1 MB),超过20 MB的上限"), "{e}");
    assert!(e.message.contains("请确认选择的是评估文件"), "{e}");
    assert!(t0.elapsed().as_secs() < 2, "refusing must not look at the content");
    let bytes = text.into_bytes();
    let e = file_text(&bytes, FileKind::Assessment).unwrap_err();
    assert!(e.message.contains("文件过大"), "{e}");
    // Just under the limit is not refused for its size.
    let ok = format!("{{\"format\":\"demozone-assessment\",\"x\":\"{}\"}}", "y".repeat(MAX_FILE_BYTES - 100));
    assert!(!err_of(&ok).message.contains("文件过大"));
}

#[test]
fn a_50_mb_rubric_is_refused_before_parsing() {
    let text = format!("{{{}", " ".repeat(50 * 1024 * 1024));
    let e = rubric_err_of(&text);
    assert!(e.contains("指标体系文件过大"), "{e}");
}

// ---- nesting ------------------------------------------------------------------------------

fn deep_texts() -> Vec<(&'static str, String)> {
    let n = 100_000;
    vec![
        ("arrays", "[".repeat(n)),
        ("closed arrays", format!("{}{}", "[".repeat(n), "]".repeat(n))),
        ("objects", "{\"a\":".repeat(n)),
        ("inside a file", format!("{{\"format\":\"demozone-assessment\",\"format_version\":1,\"inputs\":{}", "[".repeat(n))),
        // Valid JSON just inside serde_json's limit: parsed, then refused by the typed reader.
        ("127 levels", format!("{{\"format\":\"demozone-assessment\",\"format_version\":1,\"x\":{}{}}}", "[".repeat(126), "]".repeat(126))),
    ]
}

#[test]
fn deep_nesting_is_a_clear_error_not_a_stack_overflow() {
    for (name, text) in deep_texts() {
        let e = err_of(&text);
        if name != "127 levels" {
            assert!(e.message.contains("JSON嵌套层次过深"), "{name}: {e}");
            assert!(e.message.starts_with("第1行第"), "{name}: located: {e}");
        }
        let _ = load_rubric(&text).unwrap_err();
    }
}

#[test]
fn deep_nesting_fits_a_small_stack() {
    // The wasm build has a 1 MiB stack (rustc's default for wasm32). At serde_json's nesting
    // limit (128) the worst case measured needs about 320 KiB in a debug build (serde_json's own
    // parse into a Value alone needs 224 KiB) and under 100 KiB in release; half of wasm's stack
    // in debug, and 128 KiB in release, leave a margin.
    let stack = if cfg!(debug_assertions) { 512 * 1024 } else { 128 * 1024 };
    on_small_stack(stack, || {
        let r = bundled();
        for (name, text) in deep_texts() {
            assert!(read_file(&text, &[r]).is_err(), "{name}");
            assert!(load_rubric(&text).is_err(), "{name}");
        }
        // Duplicate keys at the deepest level the parser accepts.
        let deep_dup = format!("{}{{\"a\":1,\"a\":2}}{}", "[".repeat(126), "]".repeat(126));
        assert!(load_rubric(&deep_dup).unwrap_err()[0].to_string().contains("键「a」"));
    });
}

// ---- numbers ------------------------------------------------------------------------------

const DIGITS_40: &str = "1234567890123456789012345678901234567890";

#[test]
fn forty_digit_numbers_in_decimal_fields_are_located_errors() {
    let text = sample_file();
    // The recorded total (item 3a also has a value named "total", of 10000).
    let total = text
        .lines()
        .find(|l| l.trim_start().starts_with("\"total\": ") && !l.contains("10000"))
        .unwrap()
        .trim()
        .trim_end_matches(',');
    for bad in [
        format!("\"total\": \"{DIGITS_40}\""),
        format!("\"total\": \"0.{DIGITS_40}\""),
        format!("\"total\": \"-{DIGITS_40}\""),
        format!("\"total\": {DIGITS_40}"),
        format!("\"total\": 1{DIGITS_40}e300"),
    ] {
        let r = bundled();
        if let Ok(o) = read_file(&replace_once(&text, total, &bad), &[r]) {
            panic!("{bad} accepted: {:?}", o.file.recorded);
        }
        let e = err_of(&replace_once(&text, total, &bad));
        assert!(
            e.location.path.as_deref() == Some("recorded.total") || e.message.contains("数字超出范围"),
            "{bad}: {e}"
        );
        assert!(e.message.contains("数字") && !e.message.contains("panicked"), "{bad}: {e}");
    }
    // In the recorded indicator scores too, named by indicator.
    let e = err_of(&replace_once(&text, "\"13\": \"1\"", &format!("\"13\": \"{DIGITS_40}\"")));
    assert_eq!(e.location.path.as_deref(), Some("recorded.indicators.13"), "{e}");
    assert!(e.message.contains("28位有效数字"), "{e}");
    // 28 significant digits are fine (the recorded total then differs, which is reported).
    let r = bundled();
    let ok = replace_once(&text, total, "\"total\": \"1234.567890123456789012345678\"");
    let opened = read_file(&ok, &[r]).expect("28 significant digits are a Decimal");
    assert!(opened.recorded_differences.iter().any(|d| d.starts_with("总分")));
    // So are 29 when they fit (the writer writes such scores: found by fuzzing).
    let ok = replace_once(&text, total, "\"total\": \"15.500000000000000000000000000\"");
    read_file(&ok, &[r]).expect("an exact Decimal with 29 digits");
}

#[test]
fn forty_digit_numbers_in_inputs_are_problems_at_their_item() {
    let text = replace_once(&sample_file(), "\"online\": \"1200\"", &format!("\"online\": \"{DIGITS_40}\""));
    let r = bundled();
    let opened = read_file(&text, &[r]).expect("inputs are kept as typed; scoring reports them");
    let p = opened.outcome.problems.iter().find(|p| p.location.item.as_deref() == Some("3a")).expect("problem at 3a");
    assert!(p.is_error());
    assert!(p.message.contains("数字位数过多") || p.message.contains("数字过长"), "{p}");
    // The input is kept exactly as typed.
    assert_eq!(opened.file.assessment.inputs["3a"].values["online"], DIGITS_40);
    // A number where a string is expected is a located type error.
    let e = err_of(&replace_once(&sample_file(), "\"online\": \"1200\"", &format!("\"online\": {DIGITS_40}")));
    assert_eq!(e.location.path.as_deref(), Some("inputs.3a.values.online"), "{e}");
    assert!(e.message.starts_with("类型错误"), "{e}");
}

#[test]
fn forty_digit_numbers_in_a_rubric_are_located_errors() {
    let text = BUNDLED_RUBRIC_JSON.replacen("\"min_total\": \"", &format!("\"min_total\": \"{DIGITS_40}"), 1);
    let e = rubric_err_of(&text);
    // Located as the rubric names the place (`pass_rule.min_total` in the file).
    assert!(e.starts_with("合格标准(pass_rule) 总分合格线(min_total):"), "{e}");
    assert!(e.contains("不是有效的数字"), "{e}");
    let e = rubric_err_of(&BUNDLED_RUBRIC_JSON.replacen("\"number\": 1,", &format!("\"number\": {DIGITS_40},"), 1));
    // `dimensions[0].indicators[0].number`: the first indicator's number.
    assert!(e.starts_with("二级指标 第1个 编号(number):"), "{e}");
}

#[test]
fn format_version_must_be_one_we_know() {
    let text = sample_file();
    let e = err_of(&replace_once(&text, "\"format_version\": 2,", "\"format_version\": 3,"));
    assert_eq!(e.location.path.as_deref(), Some("format_version"));
    assert!(e.message.contains("更新版本的程序生成(文件格式版本3)"), "{e}");
    for bad in ["0", "-1", "1.5", "\"1\"", "null", DIGITS_40, "1e400"] {
        let e = err_of(&replace_once(&text, "\"format_version\": 2,", &format!("\"format_version\": {bad},")));
        assert!(
            e.location.path.as_deref() == Some("format_version") || e.message.contains("数字超出范围"),
            "{bad}: {e}"
        );
    }
}

// ---- duplicate keys -----------------------------------------------------------------------

#[test]
fn duplicate_keys_are_refused_with_their_path() {
    let text = sample_file();
    let cases = [
        // (what to replace, with what, expected field)
        ("\"format_version\": 2,", "\"format_version\": 2, \"format_version\": 2,", "format_version"),
        ("\"name\": \"杭州市\",", "\"name\": \"杭州市\", \"name\": \"宁波市\",", "subject.name"),
        ("\"online\": \"1200\",", "\"online\": \"1200\", \"online\": \"9999\",", "inputs.3a.values.online"),
        ("\"no_major_case\": true", "\"no_major_case\": false, \"no_major_case\": true", "inputs.12.3.flags.no_major_case"),
        ("\"2022\": \"100\",", "\"2022\": \"100\", \"2022\": \"1\",", "inputs.1.years.subject.2022"),
        ("\"amount\": \"30000\"", "\"amount\": \"1\", \"amount\": \"30000\"", "inputs.3b.entries[0].amount"),
        ("\"13\": \"1\",", "\"13\": \"1\", \"13\": \"0\",", "recorded.indicators.13"),
        ("\"inputs\": {", "\"inputs\": {\"4.1\": {}, ", "inputs.4.1"),
        // The same key spelled with an escape is the same key to a JSON parser.
        ("\"online\": \"1200\",", "\"online\": \"1200\", \"\\u006fnline\": \"9999\",", "inputs.3a.values.online"),
    ];
    for (from, to, field) in cases {
        let e = err_of(&replace_once(&text, from, to));
        assert_eq!(e.location.path.as_deref(), Some(field), "{to}: {e}");
        assert!(e.message.contains("」在同一个对象中出现了两次"), "{e}");
        let key = e.message.split("键「").nth(1).and_then(|k| k.split("」").next()).unwrap();
        assert!(field.ends_with(&format!(".{key}")) || field == key, "{key} names the last part of {field}");
        assert!(e.message.starts_with("第"), "line and column: {e}");
    }
    // The same key in different objects is of course fine.
    let r = bundled();
    assert!(read_file(&text, &[r]).is_ok());
}

#[test]
fn a_duplicate_key_in_a_non_assessment_file_is_still_reported() {
    // Duplicate keys are found wherever they are, even in values the reader later ignores.
    let e = err_of("{\"format\":\"demozone-assessment\",\"format_version\":1,\"x\":[{},{\"k\":1,\"k\":1}]}");
    assert_eq!(e.location.path.as_deref(), Some("x[1].k"), "{e}");
    // A file that is not an assessment file says so first.
    let e = err_of("{\"a\":1,\"a\":2}");
    assert_eq!(e.location.path.as_deref(), Some("format"), "{e}");
}

#[test]
fn duplicate_keys_in_a_rubric_are_refused() {
    // A map (thresholds by region): serde_json alone would keep the last threshold.
    let from = "\"east\": \"";
    let i = BUNDLED_RUBRIC_JSON.find(from).expect("thresholds in the bundled rubric");
    let mut text = BUNDLED_RUBRIC_JSON.to_string();
    text.insert_str(i, "\"east\": \"1\", ");
    let e = rubric_err_of(&text);
    assert!(e.contains("键「east」在同一个对象中出现了两次"), "{e}");
    assert!(e.contains("字段「dimensions[0].indicators[2].items[1].rule.thresholds.east」"), "{e}");
    // A struct field: serde would refuse it too, but the message is the same one.
    let text = BUNDLED_RUBRIC_JSON.replacen("\"version\": ", "\"version\": \"x\", \"version\": ", 1);
    let e = rubric_err_of(&text);
    assert!(e.contains("键「version」"), "{e}");
    // Behind a byte order mark too.
    let e = rubric_err_of(&format!("\u{feff}{text}"));
    assert!(e.contains("键「version」"), "{e}");
    // The bundled rubric has none.
    load_rubric(BUNDLED_RUBRIC_JSON).expect("bundled rubric loads");
}

#[test]
fn the_duplicate_check_is_not_quadratic() {
    // 200,000 distinct keys in one object, and 200,000 one-key objects.
    let mut big = String::from("{\"format\":\"demozone-assessment\",\"format_version\":1,\"x\":{");
    for i in 0..200_000 {
        big.push_str(&format!("\"k{i}\":{i},"));
    }
    big.push_str("\"end\":0},\"y\":[");
    for i in 0..200_000 {
        big.push_str(&format!("{{\"k\":{i}}},"));
    }
    big.push_str("{}]}");
    let t0 = Instant::now();
    let e = err_of(&big);
    assert_eq!(e.location.path.as_deref(), Some("x"), "unknown field after the duplicate check: {e}");
    // Generous for a debug build on a slow machine; quadratic would take minutes.
    assert!(t0.elapsed().as_secs() < 20, "took {:?}", t0.elapsed());
}

// ---- bytes and text -----------------------------------------------------------------------

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_place() {
    let mut bytes = sample_file().into_bytes();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 5; // line 2, column 5
    bytes[at] = 0xFF;
    let e = file_text(&bytes, FileKind::Assessment).unwrap_err();
    assert!(e.message.starts_with("第2行第5列:文件不是UTF-8编码的文本"), "{e}");
    // Truncated inside a multi-byte character (a Chinese name cut in the middle).
    let text = sample_file();
    let cut = text.find("杭州").unwrap() + 1;
    let e = file_text(&text.as_bytes()[..cut], FileKind::Assessment).unwrap_err();
    assert!(e.message.contains("不是UTF-8"), "{e}");
    // UTF-16 (Windows Notepad's "Unicode").
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    assert!(file_text(&utf16, FileKind::Assessment).unwrap_err().message.contains("UTF-16"));
    // Good bytes pass through unchanged.
    assert_eq!(file_text(text.as_bytes(), FileKind::Assessment).unwrap(), text);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let r = bundled();
    let text = format!("\u{feff}{}", sample_file());
    assert!(read_file(file_text(text.as_bytes(), FileKind::Assessment).unwrap(), &[r]).is_ok());
    let rubric = format!("\u{feff}{BUNDLED_RUBRIC_JSON}");
    let loaded = load_rubric(&rubric).expect("a rubric with a BOM loads");
    assert_eq!(loaded.digest, bundled().digest, "the BOM is not part of the data");
    // A duplicate key behind a BOM is still found.
    let dup = text.replacen("\"format_version\": 2,", "\"format_version\": 2, \"format_version\": 2,", 1);
    assert!(err_of(&dup).message.contains("在同一个对象中出现了两次"));
    // Two BOMs are not.
    assert!(err_of(&format!("\u{feff}{text}")).message.contains("不是有效的JSON"));
}

#[test]
fn nul_and_control_bytes_raw_in_the_text_are_syntax_errors() {
    let text = sample_file();
    for bad in ["\0", "\u{1}", "\u{1b}[31m", "\u{7}"] {
        let e = err_of(&replace_once(&text, "\"name\": \"杭州市\"", &format!("\"name\": \"杭州{bad}市\"")));
        assert!(e.message.contains("字符串中含有控制字符"), "{bad:?}: {e}");
        assert!(e.message.starts_with("第"), "{e}");
        assert!(!e.to_string().contains(bad), "the control character is not echoed: {e}");
    }
    let e = err_of(&format!("{text}\0"));
    assert!(e.message.contains("文件末尾有多余内容"), "{e}");
    let e = err_of("\0\0\0\0");
    assert!(e.message.contains("不是有效的JSON"), "{e}");
    let e = err_of(" \n\t ");
    assert_eq!(e.message, "文件是空的");
}

#[test]
fn escaped_control_characters_and_bidi_marks_are_kept_as_text() {
    // Written escaped (as JSON must), they are ordinary characters of the name and the basis.
    let hostile = "\u{0}\u{7}\u{1b}[31m\u{202e}gpj.exe\u{202c}\u{2066}\u{200f}<script>alert(1)</script>&lt;\u{fffd}\u{feff}";
    let mut a = sample_assessment();
    a.subject.name = format!("杭州市{hostile}");
    a.input_mut("4.1").basis = hostile.repeat(3);
    a.input_mut("4.1").values.insert("score".into(), format!("1{hostile}"));
    let r = bundled();
    let text = write_file(r, &a, "2025-11-01T08:00:00Z");
    assert!(!text.contains('\0') && !text.contains('\u{1b}'), "control characters are escaped in the file");
    let opened = read_file(&text, &[r]).expect("text is text");
    assert_eq!(opened.file.assessment.subject.name, a.subject.name, "kept exactly");
    assert_eq!(opened.file.assessment.inputs["4.1"].basis, a.inputs["4.1"].basis);
    // A number with such characters is a problem at its item, not an interpretation.
    let p = opened.outcome.problems.iter().find(|p| p.location.item.as_deref() == Some("4.1")).expect("problem");
    assert!(p.message.contains("不是有效的数字") || p.message.contains("数字过长"), "{p}");
    // Lone surrogates cannot be text: a located syntax error.
    let e = err_of(&replace_once(&text, "\"generator\": \"", "\"generator\": \"\\ud800"));
    assert!(e.message.starts_with("第"), "{e}");
}

#[test]
fn messages_never_carry_control_or_bidi_characters_from_the_file() {
    let text = sample_file();
    let key = "\\u202e\\u0000evil\\u2066\\u001b[2J";
    let e = err_of(&replace_once(&text, "\"format_version\": 2,", &format!("\"{key}\": 1, \"format_version\": 2,")));
    let shown = e.to_string();
    assert!(shown.contains("evil"), "{shown}");
    for c in ['\u{202e}', '\0', '\u{2066}', '\u{1b}'] {
        assert!(!shown.contains(c), "{c:?} in {shown:?}");
    }
    let e = err_of(&replace_once(&text, "\"format_version\": 2,", &format!("\"{key}\": 1, \"{key}\": 2, \"format_version\": 2,")));
    let shown = e.to_string();
    assert!(shown.contains("在同一个对象中出现了两次") && !shown.contains('\u{202e}'), "{shown:?}");
    // Very long keys are shortened.
    let long = "长".repeat(10_000);
    let e = err_of(&replace_once(&text, "\"format_version\": 2,", &format!("\"{long}\": 1, \"format_version\": 2,")));
    assert!(e.to_string().chars().count() < 200, "{}", e.to_string().chars().count());
}

#[test]
fn type_swaps_are_located_errors() {
    let text = sample_file();
    for (from, to, field) in [
        ("\"name\": \"杭州市\"", "\"name\": [\"杭州市\"]", "subject.name"),
        ("\"start_year\": 2023", "\"start_year\": \"2023\"", "subject.start_year"),
        ("\"start_year\": 2023", "\"start_year\": 99999999999", "subject.start_year"),
        ("\"years\": 3", "\"years\": -3", "subject.years"),
        ("\"kind\": \"sub_provincial_city\"", "\"kind\": \"city\"", "subject.kind"),
        ("\"no_major_case\": true", "\"no_major_case\": \"true\"", "inputs.12.3.flags.no_major_case"),
        ("\"passed\": false", "\"passed\": 0", "recorded.passed"),
    ] {
        let e = err_of(&replace_once(&text, from, to));
        assert_eq!(e.location.path.as_deref(), Some(field), "{to}: {e}");
    }
    for not_object in ["[]", "\"demozone-assessment\"", "1", "null", "true"] {
        assert!(err_of(not_object).message.contains("不是一个JSON对象"));
    }
}

#[test]
fn hostile_subject_values_score_without_panicking() {
    // Values a typed reader accepts but no one meant: extreme years and periods.
    let text = sample_file();
    let r = bundled();
    for (from, to) in [
        ("\"start_year\": 2023", "\"start_year\": 2147483647"),
        ("\"start_year\": 2023", "\"start_year\": -2147483648"),
        ("\"years\": 3", "\"years\": 4294967295"),
        ("\"years\": 3", "\"years\": 0"),
        ("\"province\": \"浙江\"", "\"province\": \"\""),
    ] {
        let opened = read_file(&replace_once(&text, from, to), &[r]);
        assert!(opened.is_ok(), "{to}: {:?}", opened.err());
    }
}

// ---- many errors in one input: linear, and listed up to the cap ------------------------------

/// The problems of one item: the first `MAX_LISTED`, then one line counting the rest.
fn assert_capped(problems: &[demozone::engine::support::problem::Problem], item: &str, more: usize) {
    let of_item: Vec<_> = problems.iter().filter(|p| p.location.item.as_deref() == Some(item)).collect();
    assert_eq!(of_item.len(), MAX_LISTED + 1, "{item}: {:#?}", &of_item[..3.min(of_item.len())]);
    let last = of_item.last().unwrap();
    assert!(last.is_error() && last.location.field.is_none(), "{last}");
    assert!(last.message.starts_with(&format!("另有{more}处错误")), "{last}");
}

#[test]
fn a_hundred_thousand_bad_rows_are_scored_at_once_and_listed_up_to_the_cap() {
    let r = bundled();
    let n = 100_000;
    for (what, year) in [("a bad year", "20x4"), ("a year out of the period", "1999")] {
        let mut a = sample_assessment();
        a.input_mut("3b").entries =
            (0..n).map(|_| Entry { name: "某公司".into(), year: year.into(), amount: "1".into(), ..Default::default() }).collect();
        let o = score(&r.rubric, &a);
        assert_capped(&o.problems, "3b", n - MAX_LISTED);
        assert_eq!(o.item("3b").unwrap().status, ItemStatus::Invalid, "{what}");
    }
    // Nameless practices in 22.1.
    let mut a = sample_assessment();
    a.input_mut("22.1").entries = (0..n).map(|_| Entry { accepted: true, ..Default::default() }).collect();
    let o = score(&r.rubric, &a);
    assert_capped(&o.problems, "22.1", n - MAX_LISTED);
    assert!(o.problems.iter().any(|p| p.message == "未填写实践名称"));
    // Unknown value keys.
    let mut a = sample_assessment();
    a.input_mut("4.1").values.extend((0..n).map(|i| (format!("k{i}"), "1".to_string())));
    assert_capped(&score(&r.rubric, &a).problems, "4.1", n - MAX_LISTED);
    // 200,000 invalid year keys in a growth series.
    let mut a = sample_assessment();
    a.input_mut("1").years.remove("reference_rate");
    let series = a.input_mut("1").years.entry("subject".into()).or_default();
    series.extend((0..2 * n).map(|i| (format!("y{i}"), "1".to_string())));
    assert_capped(&score(&r.rubric, &a).problems, "1", 2 * n - MAX_LISTED);
    // Unknown item ids: one list at the inputs.
    let mut a = sample_assessment();
    a.inputs.extend((0..n).map(|i| (format!("x{i}"), Default::default())));
    let o = score(&r.rubric, &a);
    let unknown: Vec<_> = o.problems.iter().filter(|p| p.location.section.as_deref() == Some("file")).collect();
    assert_eq!(unknown.len(), MAX_LISTED + 1);
    assert!(unknown[MAX_LISTED].message.starts_with(&format!("另有{}处错误", n - MAX_LISTED)));
}

#[test]
fn a_file_of_many_bad_rows_opens_with_its_errors_capped() {
    let mut a = sample_assessment();
    a.input_mut("3b").entries =
        (0..50_000).map(|_| Entry { name: String::new(), year: "20x4".into(), amount: "1".into(), ..Default::default() }).collect();
    let r = bundled();
    let opened = read_file(&write_file(&r, &a, "2025-11-01T08:00:00Z"), &[&r]).expect("opens");
    assert_capped(&opened.outcome.problems, "3b", 50_000 - MAX_LISTED);
    // The rows are kept as they were.
    assert_eq!(opened.file.assessment.inputs["3b"].entries.len(), 50_000);
}

// ---- messages a user can act on -----------------------------------------------------------

#[test]
fn characters_that_cannot_be_seen_are_named_in_messages() {
    let r = bundled();
    let mut a = sample_assessment();
    a.input_mut("4.1\u{202E}").values.insert("score".into(), "1".into());
    a.subject.province = "浙江\u{200B}".into();
    a.input_mut("4.2").values.insert("score".into(), "1\u{200B}.8".into());
    let o = score(&r.rubric, &a);
    let shown: Vec<String> = o.problems.iter().map(|p| p.to_string()).collect();
    let has = |s: &str| shown.iter().any(|p| p.contains(s));
    assert!(has("指标体系中没有第「4.1⟨U+202E⟩」项"), "{shown:#?}");
    assert!(has("未知的省份「浙江⟨U+200B⟩」"), "{shown:#?}");
    assert!(has("不是有效的数字:「1⟨U+200B⟩.8」"), "{shown:#?}");
    // A padded value is shown with its spaces where they are not ignored.
    let text = replace_once(&sample_file(), "\"format_version\": 2,", "\"format_version\": 2, \" subject\": 1,");
    assert!(err_of(&text).to_string().contains("「⟨空格⟩subject」"), "{}", err_of(&text));
}

#[test]
fn a_file_just_over_the_limit_does_not_look_under_it() {
    let text = format!("{{{}", " ".repeat(MAX_FILE_BYTES));
    let e = err_of(&text);
    assert_eq!(
        e.message,
        "评估文件过大(20.1 MB),超过20 MB的上限;评估文件通常小于1 MB,请确认选择的是评估文件"
    );
}

#[test]
fn a_utf32_file_is_called_utf32() {
    let text = sample_file();
    let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0].into_iter().chain(text.chars().flat_map(|c| (c as u32).to_le_bytes())).collect();
    let e = file_text(&utf32, FileKind::Assessment).unwrap_err();
    assert!(e.message.starts_with("文件是UTF-32编码的文本"), "{e}");
}

#[test]
fn json_errors_say_what_is_wrong_in_chinese() {
    let text = sample_file();
    // Two byte order marks.
    let e = err_of(&format!("\u{feff}\u{feff}{text}"));
    assert!(e.message.contains("多余的字节顺序标记(BOM,⟨U+FEFF⟩)"), "{e}");
    assert!(e.message.contains("请向发送方索取本工具保存的原文件"), "{e}");
    // A lone surrogate.
    let e = err_of(&replace_once(&text, "\"generator\": \"", "\"generator\": \"\\ud800"));
    assert!(e.message.contains("必须两个成对出现"), "{e}");
    // A format version of 2^64 is not shown as 1.8446744073709552e19.
    let e = err_of(&replace_once(&text, "\"format_version\": 2,", "\"format_version\": 18446744073709551616,"));
    assert_eq!(e.location.path.as_deref(), Some("format_version"));
    assert!(e.message.contains("文件中的数字过大") && !e.message.contains("e19"), "{e}");
    // serde's words in Chinese, with the value found.
    let e = err_of(&replace_once(&text, "\"start_year\": 2023", "\"start_year\": \"2023\""));
    assert!(e.message.starts_with("类型错误:应为-2147483648至2147483647之间的整数,文件中是字符串「2023」"), "{e}");
    let e = err_of(&replace_once(&text, "\"kind\": \"sub_provincial_city\"", "\"kind\": \"city\""));
    assert!(e.message.starts_with("取值无效:「city」不是可用的取值,应为「sub_provincial_city」「prefecture_city」「municipal_district」之一"), "{e}");
    let e = err_of(&replace_once(&text, "\"name\": \"杭州市\",", "\"nmae\": \"杭州市\","));
    assert!(e.message.starts_with("未知字段「nmae」:本程序不认识这个字段(可用的字段为「name」"), "{e}");
}

#[test]
fn a_recorded_score_written_as_a_number_is_refused() {
    let text = sample_file();
    let total = text.lines().find(|l| l.trim_start().starts_with("\"total\": ") && !l.contains("10000")).unwrap().trim().trim_end_matches(',');
    // As a string, the same text is read exactly and reported as different from the recomputed one.
    let r = bundled();
    let recomputed = read_file(&text, &[&r]).unwrap().outcome.total;
    let as_string = replace_once(&text, total, &format!("\"total\": \"{recomputed}0000000000001\""));
    assert!(read_file(&as_string, &[&r]).unwrap().recorded_differences.iter().any(|d| d.starts_with("总分")));
    // As a number it would go through f64, where 90.40000000000001 is 90.4: refused, located.
    for number in [format!("{recomputed}0000000000001"), recomputed.to_string()] {
        let e = err_of(&replace_once(&text, total, &format!("\"total\": {number}")));
        assert_eq!(e.location.path.as_deref(), Some("recorded.total"), "{e}");
        assert!(e.message.starts_with("分数应写为带双引号的字符串"), "{e}");
    }
    let e = err_of(&replace_once(&text, "\"13\": \"1\"", "\"13\": 1"));
    assert_eq!(e.location.path.as_deref(), Some("recorded.indicators.13"), "{e}");
}

// ---- what `demozone score` did not look at: reported as the file's problems --------------

#[test]
fn unknown_recorded_keys_review_scores_and_process_records_are_the_files_problems() {
    let r = bundled();
    // A clean file has none.
    assert!(read_file(&sample_file(), &[&r]).unwrap().problems.is_empty());

    let mut v: serde_json::Value = serde_json::from_str(&sample_file()).unwrap();
    v["recorded"]["indicators"]["99"] = "1".into();
    v["recorded"]["dimensions"]["D9\u{202e}"] = "1".into();
    let opened = read_file(&v.to_string(), &[&r]).expect("opens");
    let shown: Vec<String> = opened.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(shown[0].starts_with("提示:字段「recorded.indicators.99」:指标体系中没有指标「99」,文件记录的这一得分已忽略"), "{shown:#?}");
    assert!(shown[1].contains("「D9⟨U+202E⟩」"), "{shown:#?}");

    // 40-digit review scores in 1,000 layers: each an error, listed up to the cap.
    let mut v: serde_json::Value = serde_json::from_str(&sample_file()).unwrap();
    let layer = serde_json::json!({"role": "expert", "reviewer": {"name": "张三", "unit": "某大学"}, "at": "2025-12-01",
        "items": {"4.1": {"score": DIGITS_40}}});
    v["reviews"] = serde_json::Value::Array(vec![layer; 1000]);
    let opened = read_file(&v.to_string(), &[&r]).expect("opens: reviews never change the self-assessment's score");
    assert_eq!(opened.problems.len(), MAX_LISTED + 1);
    let first = &opened.problems[0];
    assert!(first.is_error() && first.location.place.as_deref() == Some("第1份评审(专家评估)"), "{first}");
    assert_eq!(first.location.item.as_deref(), Some("4.1"));
    assert!(first.message.contains("数字"), "{first}");
    assert!(opened.problems[MAX_LISTED].message.starts_with(&format!("另有{}处错误", 1000 - MAX_LISTED)));

    // 100,000 records of one stage.
    let mut v: serde_json::Value = serde_json::from_str(&sample_file()).unwrap();
    let stage = serde_json::json!({"stage": "apply", "date": "2021-05-01"});
    v["process"] = serde_json::json!({"stages": vec![stage; 100_000]});
    let opened = read_file(&v.to_string(), &[&r]).expect("opens");
    assert_eq!(opened.problems.len(), MAX_LISTED + 1);
    assert!(opened.problems[0].message.contains("记录了不止一次"), "{}", opened.problems[0]);
    assert!(opened.problems[MAX_LISTED].message.starts_with(&format!("另有{}处错误", 99_999 - MAX_LISTED)));
}

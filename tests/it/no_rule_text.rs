//! Rules are data: no article number of the 《管理办法》 (第X条), no "N年" period, no indicator
//! number (指标3) and no percentage threshold in a Rust string literal outside tests. Each comes from
//! `rules/banfa-*.json`, the rubric, or one engine function that derives it from them.
//!
//! The scan reads every `.rs` file under `src/` up to its first `#[cfg(test)]` (test modules sit
//! at the end of a file; `fixtures.rs` files are test-only), takes the string literals (comments
//! are not literals), and looks for the four shapes. What is allowed is named in [`ALLOWED`]: the
//! 《民法典》's articles (a law, not the 办法), the calendar (2月有29天), the chart's 0%–100% axis.
//! [`KNOWN`] lists the literals not yet moved, each by file; a literal not in it fails the test,
//! and so does an entry of it that no longer matches (the list only shrinks).

use std::path::{Path, PathBuf};

use super::fixtures::root;

/// Substrings removed before matching: not rules of the 办法 or the rubric.
const ALLOWED: [&str; 6] = ["2月有29天", "2月只有28天", "\"0%\"", "\"100%\"", "大于-100%", "×100%"];

/// Literals not yet moved to data: (file, a piece of the literal). Shrinks only.
const KNOWN: [(&str, &str); 1] = [("src/cli/help.rs", "25%")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") && p.file_name().is_some_and(|n| n != "fixtures.rs") {
            out.push(p);
        }
    }
}

/// The string literals of Rust source text (with their quotes), comments skipped.
fn literals(text: &str) -> Vec<String> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            'r' if matches!(c.get(i + 1), Some('"') | Some('#')) && (i == 0 || !c[i - 1].is_alphanumeric()) => {
                let mut j = i + 1;
                let mut hashes = 0;
                while c.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if c.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start = j;
                j += 1;
                loop {
                    if j >= c.len() {
                        break;
                    }
                    if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                        break;
                    }
                    j += 1;
                }
                out.push(c[start..(j + 1).min(c.len())].iter().collect());
                i = j + 1 + hashes;
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime: skip the char literal whole.
                if c.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else if c.get(i + 1) == Some(&'\\') {
                    let mut j = i + 2;
                    while j < c.len() && c[j] != '\'' {
                        j += 1;
                    }
                    i = j + 1;
                } else {
                    i += 1;
                }
            }
            '"' => {
                let start = i;
                i += 1;
                while i < c.len() && c[i] != '"' {
                    if c[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                out.push(c[start..(i + 1).min(c.len())].iter().collect());
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

const NUMERALS: &str = "一二三四五六七八九十百零";

/// What in a literal looks like a rule: an article number, an "N年" period, an indicator number,
/// a percentage.
fn rule_shapes(literal: &str) -> Vec<String> {
    let mut s = literal.to_string();
    for a in ALLOWED {
        s = s.replace(a, "");
    }
    // 《民法典》第二百零一条、第二百零二条: the law's articles.
    while let Some(at) = s.find("《民法典》") {
        let mut end = at + "《民法典》".len();
        loop {
            let rest = &s[end..];
            let rest = rest.strip_prefix('、').unwrap_or(rest);
            let Some(r) = rest.strip_prefix('第') else { break };
            let n: usize = r.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum();
            if n == 0 || !r[n..].starts_with('条') {
                break;
            }
            end = s.len() - r[n + '条'.len_utf8()..].len();
        }
        s.replace_range(at..end, "");
    }
    let c: Vec<char> = s.chars().collect();
    let mut found = Vec::new();
    for i in 0..c.len() {
        if c[i] == '第' {
            // 第九条, and ranges: 第十二至十四条, 第七–十六条.
            let numeral = |j: usize| c[j..].iter().take_while(|x| NUMERALS.contains(**x)).count();
            let n = numeral(i + 1);
            let mut end = i + 1 + n;
            if n > 0 && matches!(c.get(end), Some('至') | Some('–') | Some('-') | Some('、')) {
                let m = numeral(end + 1);
                if m > 0 {
                    end += 1 + m;
                }
            }
            if n > 0 && c.get(end) == Some(&'条') {
                found.push(c[i..=end].iter().collect());
            }
        }
        let digit_run = |j: usize| c[j..].iter().take_while(|x| x.is_ascii_digit()).count();
        if c[i].is_ascii_digit() && (i == 0 || !c[i - 1].is_ascii_digit() && c[i - 1] != '.') {
            let n = digit_run(i);
            match c.get(i + n) {
                Some('年') if n <= 2 => found.push(c[i..=i + n].iter().collect()),
                Some('%') => found.push(c[i..=i + n].iter().collect()),
                Some('.') if c.get(i + n + 1).is_some_and(|x| x.is_ascii_digit()) => {
                    let m = digit_run(i + n + 1);
                    if c.get(i + n + 1 + m) == Some(&'%') {
                        found.push(c[i..=i + n + 1 + m].iter().collect());
                    }
                }
                _ => {}
            }
        }
        if c[i] == '指' && c.get(i + 1) == Some(&'标') && c.get(i + 2).is_some_and(|x| x.is_ascii_digit()) {
            found.push(c[i..i + 3].iter().collect());
        }
    }
    found
}

#[test]
fn no_rule_text_in_rust_string_literals() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    assert!(files.len() > 50, "expected the sources under src/");
    let mut new = Vec::new();
    let mut known_seen = vec![false; KNOWN.len()];
    for f in files {
        let rel = f.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for lit in literals(code) {
            let shapes = rule_shapes(&lit);
            if shapes.is_empty() {
                continue;
            }
            match KNOWN.iter().position(|(file, piece)| *file == rel && lit.contains(piece)) {
                Some(k) => known_seen[k] = true,
                None => new.push(format!("{rel}: {} in {lit}", shapes.join(" "))),
            }
        }
    }
    assert!(new.is_empty(), "rule text in Rust string literals (move it to rules/ or the rubric):\n{}", new.join("\n"));
    let stale: Vec<_> = KNOWN.iter().zip(known_seen).filter(|(_, seen)| !seen).map(|(k, _)| k).collect();
    assert!(stale.is_empty(), "KNOWN lists literals that are gone; remove them: {stale:?}");
}

#[test]
fn the_scan_finds_each_shape_and_skips_what_is_allowed() {
    let lits = literals(r#"let a = "创建期(第九条)"; // "第十条" in a comment
        let b = r"一般不超过3年"; let c = '"'; let d = "指标3:25%与79.99%"; let e = "《民法典》第二百零一条、第二百零二条";
        let f = "(管理办法第十二至十四条)";"#);
    assert_eq!(lits.len(), 5, "{lits:?}");
    let shapes: Vec<Vec<String>> = lits.iter().map(|l| rule_shapes(l)).collect();
    assert_eq!(shapes[0], ["第九条"]);
    assert_eq!(shapes[1], ["3年"]);
    assert_eq!(shapes[2], ["指标3", "25%", "79.99%"]);
    assert!(shapes[3].is_empty());
    assert_eq!(shapes[4], ["第十二至十四条"]);
    assert!(rule_shapes("\"2025年\"").is_empty() && rule_shapes("\"{years}年\"").is_empty());
}

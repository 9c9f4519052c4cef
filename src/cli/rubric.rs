//! Rubric files on the command line: `--rubric FILE` (another version beside the bundled one,
//! for files scored with it) and `demozone check-rubric FILE...`. Both read a rubric file as the
//! app's 指标体系版本 does (`RubricSet::add`: the size, UTF-8, `rubric::load::load_rubric`, and a
//! version number that a loaded rubric already uses for other data), with the same messages.

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use demozone::engine::json::text::{file_text, FileKind};
use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::rubric::set::{rubric_facts, rubric_label, RubricSet};
use demozone::engine::support::problem::{texts, Refusal};
use serde::Serialize;

use super::args::Takes;
use super::input::read_bytes;
use super::prepare;
use super::text::{json, line};

/// Adds a rubric file to `set`: the problems (each a Chinese sentence) when it cannot be added.
fn add_file(set: &mut RubricSet, path: &Path) -> Result<LoadedRubric, Vec<String>> {
    let bytes = read_bytes(path, FileKind::Rubric).map_err(|e| vec![e.to_string()])?;
    let text = file_text(&bytes, FileKind::Rubric).map_err(|e: Refusal| vec![e.to_string()])?;
    set.add(text).cloned().map_err(texts)
}

/// The bundled rubric and those given with `--rubric`; `None` (after saying why on `err`) when
/// one cannot be loaded.
pub fn load_set(files: &[OsString], err: &mut dyn Write) -> Option<RubricSet> {
    let mut set = RubricSet::new();
    let mut ok = true;
    for f in files {
        if let Err(problems) = add_file(&mut set, Path::new(f)) {
            ok = false;
            line(err, &format!("{}: 无法加载指标体系文件(共{}个问题):", f.to_string_lossy(), problems.len()));
            for p in problems {
                line(err, &format!("  {p}"));
            }
        }
    }
    ok.then_some(set)
}

#[derive(Serialize)]
struct CheckOut {
    file: String,
    valid: bool,
    rubric: Option<RubricOut>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct RubricOut {
    id: String,
    version: String,
    title: String,
    digest: String,
    /// The bundled rubric's very data.
    bundled: bool,
    /// `rubric_label`: the title and the version.
    label: String,
    /// `rubric_facts`: status, date, counts, points, pass rule, process.
    facts: String,
}

#[derive(Serialize)]
struct CheckList {
    format: &'static str,
    format_version: u32,
    files: Vec<CheckOut>,
}

/// `demozone check-rubric [--json] FILE...`: each file checked alone beside the bundled rubric.
pub fn check(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (p, _) = match prepare("check-rubric", args, Takes { json: true, ..Takes::default() }, out, err) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let mut results = Vec::new();
    for f in &p.files {
        let name = f.to_string_lossy().into_owned();
        let mut set = RubricSet::new();
        let bundled = set.bundled().digest.clone();
        results.push(match add_file(&mut set, Path::new(f)) {
            Ok(r) => CheckOut {
                file: name,
                valid: true,
                rubric: Some(RubricOut {
                    id: r.rubric.id.clone(),
                    version: r.rubric.version.clone(),
                    title: r.rubric.title.clone(),
                    bundled: r.digest == bundled,
                    digest: r.digest.clone(),
                    label: rubric_label(&r),
                    facts: rubric_facts(&r),
                }),
                problems: Vec::new(),
            },
            Err(problems) => CheckOut { file: name, valid: false, rubric: None, problems },
        });
    }
    let valid = results.iter().all(|r| r.valid);
    if p.json {
        let _ = out.write_all(&json(&CheckList { format: "demozone-rubric-check", format_version: 1, files: results }));
    } else {
        for r in &results {
            match &r.rubric {
                Some(rb) => {
                    let same = if rb.bundled { "(与内置的指标体系数据相同)" } else { "" };
                    line(out, &format!("{}: 指标体系文件有效{same}", r.file));
                    line(out, &format!("  {}", rb.label));
                    line(out, &format!("  {}", rb.facts));
                    line(out, &format!("  摘要 {}", rb.digest));
                }
                None => {
                    line(err, &format!("{}: 无法加载指标体系文件(共{}个问题):", r.file, r.problems.len()));
                    for p in &r.problems {
                        line(err, &format!("  {p}"));
                    }
                }
            }
        }
    }
    if valid {
        0
    } else {
        1
    }
}

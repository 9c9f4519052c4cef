//! `demozone rank FILE|FOLDER...`: 省级汇总 on the command line. The files are read as the app
//! reads them, the table is the app's (`view::tools::sorted_ranking` in its first order), and the
//! output is its JSON (`view::tool_export::rank_output`), its CSV (`Ranking::to_csv`, what
//! 导出CSV saves) or its workbook (the request the app hands its .xlsx worker, turned into the
//! workbook by the same function the worker calls).

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use demozone::engine::view::tool_export::rank_output;
use demozone::engine::view::tools::{sorted_ranking, xlsx_from_request, xlsx_request, DEFAULT_SORT};

use super::args::Takes;
use super::input::{io_reason, read_each};
use super::text::{json, line};
use super::{prepare, usage_error};

pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let takes = Takes { csv: true, xlsx: true, rubric: true, ..Takes::default() };
    let (p, set) = match prepare("rank", args, takes, out, err) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    if let Some(target) = &p.xlsx {
        if let Some(input) = p.files.iter().find(|f| same_file(Path::new(f), Path::new(target))) {
            let msg = format!("输出文件「{}」是要汇总的文件之一,不能覆盖它", input.to_string_lossy());
            return usage_error(err, "rank", &msg);
        }
    }
    // Each file becomes its row at once (the assessment itself is not kept: 1,000 files or more
    // take little memory).
    let mut entries = Vec::new();
    let mut recorded = Vec::new();
    let batch = read_each(&p.files, &set.refs(), err, |name, opened, _| {
        entries.push(opened.rank_entry(name));
        if !opened.recorded_differences.is_empty() {
            recorded.push((name.to_string(), opened.recorded_differences));
        }
    });
    let ranking = sorted_ranking(entries, &DEFAULT_SORT);
    let mut code = if batch.failures.is_empty() { 0 } else { 1 };
    if p.csv {
        let _ = out.write_all(ranking.to_csv().as_bytes());
    } else if let Some(target) = &p.xlsx {
        match xlsx_from_request(&xlsx_request(&ranking)) {
            Ok(bytes) => match write_replacing(Path::new(target), &bytes) {
                Ok(()) => line(err, &format!("已生成「{}」:{}行", target.to_string_lossy(), ranking.rows.len())),
                Err(e) => {
                    line(err, &format!("{}: 无法写入Excel文件:{}", target.to_string_lossy(), io_reason(&e)));
                    code = 1;
                }
            },
            Err(e) => {
                line(err, &format!("无法生成Excel文件:{e}"));
                code = 1;
            }
        }
    } else {
        let output = rank_output(&ranking, &DEFAULT_SORT, batch.given, &batch.failures, &recorded);
        let _ = out.write_all(&json(&output));
    }
    code
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes `bytes` to `target` through a temporary file beside it, renamed over it at the end:
/// a failed write leaves an existing file as it was.
fn write_replacing(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, target));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

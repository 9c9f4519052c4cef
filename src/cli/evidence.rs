//! `demozone evidence FILE RECEIVED...`: 核对佐证材料 on the command line. FILE is an assessment
//! file; RECEIVED are the attachments as received: folders (read with their subfolders, each
//! file named by its path inside the folder) and files. Every file is fingerprinted in blocks
//! (never read whole), then checked against the file's evidence entries as the app checks them
//! (`view::evidence::verify`); the result is printed as JSON. Exit code 0 when every recorded
//! file arrived unchanged (renamed ones included), 1 when one differs, is missing, or something
//! could not be read, 2 for a usage error.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use demozone::engine::io::file::read_file;
use demozone::engine::json::text::{file_text, FileKind};
use demozone::engine::support::fingerprint::Fingerprinter;
use demozone::engine::view::evidence::{verify, Received, VerificationOutput};

use super::args::Takes;
use super::input::{io_reason, read_bytes};
use super::text::{json, line};
use super::{prepare, usage_error};

/// The most files a check reads (a folder of a whole disk by mistake ends with a message).
const MAX_FILES: usize = 100_000;
/// How deep subfolders are followed.
const MAX_DEPTH: usize = 32;

pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (p, set) = match prepare("evidence", args, Takes { rubric: true, ..Takes::default() }, out, err) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let Some((file, received_args)) = p.files.split_first().filter(|(_, rest)| !rest.is_empty()) else {
        return usage_error(err, "evidence", "请指定一个评估文件和收到的佐证材料(文件夹或文件)");
    };
    let file_name = file.to_string_lossy().into_owned();
    let opened = read_bytes(Path::new(file), FileKind::Assessment)
        .and_then(|bytes| file_text(&bytes, FileKind::Assessment).and_then(|t| read_file(t, &set.refs())));
    let opened = match opened {
        Ok(o) => o,
        Err(e) => {
            line(err, &format!("{file_name}: {e}"));
            return 1;
        }
    };
    let mut failed = false;
    let mut received = Vec::new();
    for arg in received_args {
        let path = PathBuf::from(arg);
        let shown = arg.to_string_lossy().into_owned();
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {
                if let Err(e) = walk(&path, "", 0, &mut received, err) {
                    line(err, &format!("{shown}: {e}"));
                    failed = true;
                }
            }
            Ok(_) => match fingerprint(&path) {
                Ok((size, sha256)) => received.push(Received { path: shown, size, sha256 }),
                Err(e) => {
                    line(err, &format!("{shown}: {e}"));
                    failed = true;
                }
            },
            Err(e) => {
                line(err, &format!("{shown}: {}", io_reason(&e)));
                failed = true;
            }
        }
    }
    let rubric = &set.refs()[opened.rubric_index].rubric;
    let v = verify(rubric, &opened.file.assessment, &received);
    let received_name = received_args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ");
    let _ = out.write_all(&json(&VerificationOutput::new(&file_name, &received_name, &v)));
    if failed || !v.all_same() {
        1
    } else {
        0
    }
}

/// The files of `dir` and its subfolders (links to folders are not followed), named by their path
/// inside the folder given (`prefix`); a file that cannot be read is named on `err` and skipped.
fn walk(dir: &Path, prefix: &str, depth: usize, out: &mut Vec<Received>, err: &mut dyn Write) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("文件夹层级超过{MAX_DEPTH}层,更深的文件未读取"));
    }
    let mut entries: Vec<(String, PathBuf)> = fs::read_dir(dir)
        .map_err(|e| format!("无法读取文件夹:{}", io_reason(&e)))?
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    entries.sort();
    for (name, path) in entries {
        let shown = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            walk(&path, &shown, depth + 1, out, err)?;
            continue;
        }
        if out.len() >= MAX_FILES {
            return Err(format!("文件超过{MAX_FILES}个,其余未读取;请只指定收到的佐证材料所在的文件夹"));
        }
        match fingerprint(&path) {
            Ok((size, sha256)) => out.push(Received { path: shown, size, sha256 }),
            Err(e) => line(err, &format!("{shown}: {e}")),
        }
    }
    Ok(())
}

/// The size and SHA-256 of a regular file, read in blocks of 1 MiB.
fn fingerprint(path: &Path) -> Result<(u64, String), String> {
    let file = File::open(path).map_err(|e| format!("无法读取文件:{}", io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| format!("无法读取文件:{}", io_reason(&e)))?;
    if !meta.is_file() {
        return Err("这不是普通文件,未读取".into());
    }
    let mut f = Fingerprinter::new();
    let mut reader = file;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf).map_err(|e| format!("读取中断:{}", io_reason(&e)))?;
        if n == 0 {
            break;
        }
        f.update(&buf[..n]);
    }
    Ok(f.finish())
}

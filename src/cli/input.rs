//! Reading the files named on the command line, safely: a folder gives its `.json` files (not
//! those of its subfolders); only regular files are opened (a FIFO would block, a device such as
//! `/dev/zero` never ends); the size is checked before reading (`json::text::check_size`, the
//! same limit as the app), and at most the limit plus one byte is read, so that a file growing
//! while it is read is refused too. Nothing is read whole before it is known to be small enough.

use std::ffi::OsString;
use std::fs::{self, File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use demozone::engine::io::file::{read_file, Opened};
use demozone::engine::json::text::{check_size, file_text, FileKind, MAX_FILE_BYTES};
use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::support::problem::Refusal;
use demozone::engine::view::tools::{failure_view, FailureView};

use super::text::line;

/// One file to read: where it is, and how it is named in the output (the path as given, or the
/// folder as given joined with the file's name).
#[derive(Debug, Clone)]
struct Input {
    pub path: PathBuf,
    pub name: String,
}

/// What the arguments name: the files in order (a folder's `.json` files in name order at the
/// folder's place), and the folders that could not be listed or hold no `.json` file.
struct Inputs {
    pub files: Vec<Input>,
    pub folder_failures: Vec<FailureView>,
}

/// Expands the arguments: files as given, folders into their `.json` files (not recursive;
/// hidden files, whose names start with `.`, such as the `._name.json` copies some file servers
/// make, are left out).
fn expand(args: &[OsString]) -> Inputs {
    let mut files = Vec::new();
    let mut folder_failures = Vec::new();
    for arg in args {
        let path = PathBuf::from(arg);
        let name = arg.to_string_lossy().into_owned();
        // `metadata` follows a link and does not open anything (a FIFO does not block it).
        if fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            match json_files(&path) {
                Ok(found) if found.is_empty() => folder_failures.push(folder_failure(&name, "文件夹中没有.json文件(不含子文件夹)")),
                Ok(found) => files.extend(found),
                Err(e) => folder_failures.push(folder_failure(&name, &format!("无法读取文件夹:{}", io_reason(&e)))),
            }
        } else {
            files.push(Input { path, name });
        }
    }
    Inputs { files, folder_failures }
}

fn folder_failure(name: &str, reason: &str) -> FailureView {
    FailureView { name: name.to_string(), place: "整个文件夹".into(), reason: reason.to_string() }
}

/// The `.json` files directly in `dir` (the extension in any case), by name.
fn json_files(dir: &Path) -> io::Result<Vec<Input>> {
    let mut found: Vec<(OsString, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let file_name = entry.file_name();
        let lossy = file_name.to_string_lossy();
        if lossy.starts_with('.') || !lossy.to_ascii_lowercase().ends_with(".json") {
            continue;
        }
        // Subfolders named `x.json` are not files; anything else is read (and refused there
        // when it is not a regular file).
        if fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        found.push((file_name, entry.path()));
    }
    found.sort();
    Ok(found.into_iter().map(|(_, path)| Input { name: path.to_string_lossy().into_owned(), path }).collect())
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`] bytes, or why not.
pub fn read_bytes(path: &Path, kind: FileKind) -> Result<Vec<u8>, Refusal> {
    let meta = fs::metadata(path).map_err(|e| Refusal::new(format!("无法读取文件:{}", io_reason(&e))))?;
    regular(&meta, kind)?;
    check_size(size(&meta), kind)?;
    let file = File::open(path).map_err(|e| Refusal::new(format!("无法读取文件:{}", io_reason(&e))))?;
    // The file may have been replaced between the two looks: check what was opened.
    let meta = file.metadata().map_err(|e| Refusal::new(format!("无法读取文件:{}", io_reason(&e))))?;
    regular(&meta, kind)?;
    check_size(size(&meta), kind)?;
    let mut bytes = Vec::with_capacity(size(&meta).min(MAX_FILE_BYTES) + 1);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::new(format!("无法读取文件:{}", io_reason(&e))))?;
    check_size(bytes.len(), kind)?;
    Ok(bytes)
}

/// An assessment file read and recomputed, as the app reads each file it opens.
fn open_assessment(input: &Input, rubrics: &[&LoadedRubric]) -> Result<Opened, Refusal> {
    let bytes = read_bytes(&input.path, FileKind::Assessment)?;
    file_text(&bytes, FileKind::Assessment).and_then(|text| read_file(text, rubrics))
}

/// What reading the files of the arguments gave besides the files read.
pub struct Batch {
    /// Files given (a folder counts its `.json` files, or 1 when it gave none).
    pub given: usize,
    /// The files and folders that could not be read, in order, as the tools list them.
    pub failures: Vec<FailureView>,
}

/// Reads every assessment file the arguments name, one after the other, as the app reads each
/// file it opens, and hands each one read to `take` (with its name and `err`); each file or folder
/// that cannot be read is named on `err` and listed in [`Batch::failures`].
pub fn read_each(
    args: &[OsString],
    rubrics: &[&LoadedRubric],
    err: &mut dyn Write,
    mut take: impl FnMut(&str, Opened, &mut dyn Write),
) -> Batch {
    let inputs = expand(args);
    let given = inputs.files.len() + inputs.folder_failures.len();
    let mut failures = inputs.folder_failures;
    for f in &failures {
        line(err, &format!("{}: {}:{}", f.name, f.place, f.reason));
    }
    for input in &inputs.files {
        match open_assessment(input, rubrics) {
            Ok(opened) => take(&input.name, opened, err),
            Err(e) => {
                line(err, &format!("{}: {e}", input.name));
                // A file of a rubric version that is not loaded: the command line's way to load it.
                if e.location.path.as_deref() == Some("rubric") {
                    line(err, &format!("{}: 命令行中可用 --rubric 指标体系文件.json 加载该版本", input.name));
                }
                failures.push(failure_view(&input.name, &e));
            }
        }
    }
    Batch { given, failures }
}

fn size(meta: &Metadata) -> usize {
    usize::try_from(meta.len()).unwrap_or(usize::MAX)
}

fn regular(meta: &Metadata, kind: FileKind) -> Result<(), Refusal> {
    if meta.is_file() {
        return Ok(());
    }
    Err(Refusal::new(format!(
        "这不是普通文件({}),不是{};请指定{}本身",
        file_type(meta),
        kind.name(),
        kind.name()
    )))
}

#[cfg(unix)]
fn file_type(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "是文件夹"
    } else if t.is_fifo() {
        "是命名管道(FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "是设备文件"
    } else if t.is_socket() {
        "是套接字"
    } else {
        "是特殊文件"
    }
}

#[cfg(not(unix))]
fn file_type(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        "是文件夹"
    } else {
        "是特殊文件"
    }
}

/// What went wrong with the file system, in Chinese (with the system's own words for the rare
/// cases).
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "找不到此文件或文件夹,请检查路径".into(),
        io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        io::ErrorKind::IsADirectory => "这是文件夹".into(),
        io::ErrorKind::InvalidData => "内容无法读取".into(),
        _ => format!("系统错误({e})"),
    }
}

//! A file's bytes as text: the size limit and the decoding (UTF-8 only, a byte order mark kept),
//! checked before anything looks at the content.

use crate::engine::support::problem::Refusal;

/// Larger files are refused before parsing (a real assessment is a few dozen KiB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// What a file is meant to be, for the messages that refuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An assessment file (评估文件), written by this program.
    Assessment,
    /// A rubric data file (指标体系文件).
    Rubric,
}

impl FileKind {
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Assessment => "评估文件",
            FileKind::Rubric => "指标体系文件",
        }
    }
}

/// The size check, the same wherever a file arrives (from disk, the browser's picker or a drop,
/// before or after reading it): files over [`MAX_FILE_BYTES`] are refused without looking at them.
pub fn check_size(bytes: usize, kind: FileKind) -> Result<(), Refusal> {
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    let name = kind.name();
    Err(Refusal::new(format!(
        "{name}过大({:.1} MB),{name}通常小于1 MB;请确认选择的是{name}",
        bytes as f64 / 1_048_576.0
    )))
}

/// The text of a file given as bytes (as read from disk or from the browser): refuses files over
/// [`MAX_FILE_BYTES`] before looking at them, and bytes that are not UTF-8 (with where the first
/// bad byte is). A UTF-8 byte order mark is kept; the readers above skip it.
pub fn file_text(bytes: &[u8], kind: FileKind) -> Result<&str, Refusal> {
    check_size(bytes.len(), kind)?;
    let name = kind.name();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Refusal::new(format!("文件是UTF-16编码的文本;{name}应为UTF-8编码,请用本工具重新保存")));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // The prefix is valid UTF-8, so this cannot fail; count characters for the column.
        let column = std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count()) + 1;
        Refusal::new(format!(
            "第{line}行第{column}列:文件不是UTF-8编码的文本(第{}个字节无效),不是本工具保存的{name}",
            e.valid_up_to() + 1
        ))
    })
}

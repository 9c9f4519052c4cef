//! A file's bytes as text: the size limit and the decoding (UTF-8 only, a byte order mark kept),
//! checked before anything looks at the content.

use super::error::FileError;

/// Larger files are refused before parsing (a real assessment is a few dozen KiB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The text of a file given as bytes (as read from disk or from the browser): refuses files over
/// [`MAX_FILE_BYTES`] before looking at them, and bytes that are not UTF-8 (with where the first
/// bad byte is). A UTF-8 byte order mark is kept; the readers above skip it.
pub fn file_text(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::new(format!(
            "文件过大({:.1} MB),评估文件通常小于1 MB;请确认选择的是评估文件",
            bytes.len() as f64 / 1_048_576.0
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileError::new("文件是UTF-16编码的文本;评估文件应为UTF-8编码,请用本工具重新保存"));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // The prefix is valid UTF-8, so this cannot fail; count characters for the column.
        let column = std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count()) + 1;
        FileError::new(format!(
            "第{line}行第{column}列:文件不是UTF-8编码的文本(第{}个字节无效),不是本工具保存的评估文件",
            e.valid_up_to() + 1
        ))
    })
}

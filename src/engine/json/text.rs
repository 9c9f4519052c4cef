//! A file's bytes as text: the size limit and the decoding (UTF-8 only, a byte order mark kept),
//! checked before anything looks at the content.

use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

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
        "{name}过大({} MB),超过{} MB的上限;{name}通常小于1 MB,请确认选择的是{name}",
        mib_rounded_up(bytes),
        MAX_FILE_BYTES / 1_048_576
    )))
}

/// 打开文件 reads an assessment file up to this size on the page, as it always has (a real
/// assessment is a few KiB; reading 1 MiB takes tens of milliseconds); a larger one is read in
/// the tools' web worker, so that the page never stops painting while it is read
/// (`view::tool_read::open_draft`, docs/decisions.md).
pub const READ_ON_PAGE_BYTES: usize = 1024 * 1024;

/// The largest assessment, as the JSON a draft stores (1.5 MiB), that 打开文件 makes a draft of
/// when it read the file in the worker: the page parses it, stores it and shows the summary it
/// lands on in one task, measured at 120–150 ms for the worst shapes (173–191 ms at 2 MiB, too near
/// the 200 ms goal on a shared machine; docs/benchmarks.md). A larger one is refused by
/// [`draft_too_large`], with nothing changed.
pub const MAX_DRAFT_BYTES: usize = 3 * 512 * 1024;

/// The refusal of a file that was read (its total recomputed: `total`, as shown) but whose
/// assessment takes `draft_bytes` as a draft, over [`MAX_DRAFT_BYTES`]: what it is, that it was
/// not opened, and where it can be looked at instead.
pub fn draft_too_large(draft_bytes: usize, total: &str) -> Refusal {
    Refusal::new(format!(
        "文件已读取(重新计算的总分为{total}分),但内容过多:作为草稿有{} MB,超过{} MB的上限,无法作为草稿打开和编辑;\
         可在“省级汇总”或“版本比较”中打开此文件查看分数和内容,或在命令行中运行 demozone rank 文件名",
        mib_rounded_up(draft_bytes),
        mib_text(MAX_DRAFT_BYTES)
    ))
}

/// A limit in MiB as users read it: `2`, `1.5`.
fn mib_text(bytes: usize) -> String {
    let tenths = bytes * 10 / 1_048_576;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// The most bytes of files one tool holds open at once (省级汇总, 专家组合议, 版本比较, the command
/// line): five files at the size limit, or thousands of real ones (a real assessment is a few
/// dozen KiB). Reading a file takes several times its size in memory, so the sum is bounded as
/// each file is.
pub const MAX_OPEN_BYTES: usize = 5 * MAX_FILE_BYTES;

/// The files a tool has open, by their size: [`OpenBudget::take`] refuses a file that would bring
/// the total over [`MAX_OPEN_BYTES`], with a message that says what to do. The app and the command
/// line hold one per tool (the sizes are known before reading: a `File`'s size, a file's metadata).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenBudget {
    used: usize,
    limit: usize,
}

impl Default for OpenBudget {
    fn default() -> OpenBudget {
        OpenBudget { used: 0, limit: MAX_OPEN_BYTES }
    }
}

impl OpenBudget {
    /// A budget of `limit` bytes (tests; everyone else [`OpenBudget::default`]).
    pub fn with_limit(limit: usize) -> OpenBudget {
        OpenBudget { used: 0, limit }
    }

    /// Bytes of the files taken and not released.
    pub fn used(&self) -> usize {
        self.used
    }

    /// Takes a file of `bytes` named `name` (as the user knows it), or refuses it when the files
    /// open would then take more than the limit. A file over [`MAX_FILE_BYTES`] is refused by
    /// [`check_size`] on its own.
    pub fn take(&mut self, name: &str, bytes: usize) -> Result<(), Refusal> {
        let total = self.used.saturating_add(bytes);
        if total > self.limit {
            return Err(Refusal::at_place(
                &format!("「{}」", short_file_text(name)),
                format!(
                    "同时打开的文件合计过大:已打开{} MB,加上此文件({} MB)将超过合计{} MB的上限,此文件未打开;请分批打开,或先移除部分已打开的文件",
                    mib_rounded_up(self.used),
                    mib_rounded_up(bytes),
                    self.limit / 1_048_576
                ),
            ));
        }
        self.used = total;
        Ok(())
    }

    /// Gives back a file's bytes when it is closed (removed from the tool).
    pub fn release(&mut self, bytes: usize) {
        self.used = self.used.saturating_sub(bytes);
    }
}

/// A size in MiB (`MB` to users) with one decimal, rounded up: a size over the limit never reads as the limit
/// (20 MiB and one byte is `20.1`, not `20.0`).
pub fn mib_rounded_up(bytes: usize) -> String {
    let tenths = (bytes as u128 * 10).div_ceil(1_048_576);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The encoding of a text that is not UTF-8, from its byte order mark or, without one, from where
/// the zero bytes are in its first four (a JSON text starts with an ASCII character).
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        [a, 0, 0, 0, ..] | [0, 0, 0, a, ..] if *a != 0 => Some("UTF-32"),
        [a, 0, b, 0, ..] | [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some("UTF-16"),
        _ => None,
    }
}

/// The text of a file given as bytes (as read from disk or from the browser): refuses files over
/// [`MAX_FILE_BYTES`] before looking at them, and bytes that are not UTF-8 (with where the first
/// bad byte is). A UTF-8 byte order mark is kept; the readers above skip it.
pub fn file_text(bytes: &[u8], kind: FileKind) -> Result<&str, Refusal> {
    check_size(bytes.len(), kind)?;
    let name = kind.name();
    if let Some(encoding) = wide_encoding(bytes) {
        return Err(Refusal::new(format!(
            "文件是{encoding}编码的文本(可能被其他程序另存过);{name}应为UTF-8编码:请在该程序中另存为UTF-8编码,或使用本工具保存的原文件"
        )));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_over_the_limit_never_reads_as_the_limit() {
        let e = check_size(MAX_FILE_BYTES + 1, FileKind::Assessment).unwrap_err();
        assert_eq!(e.message, "评估文件过大(20.1 MB),超过20 MB的上限;评估文件通常小于1 MB,请确认选择的是评估文件");
        assert!(check_size(MAX_FILE_BYTES, FileKind::Assessment).is_ok());
        assert!(check_size(50 * 1_048_576, FileKind::Rubric).unwrap_err().message.starts_with("指标体系文件过大(50.0 MB),超过20 MB的上限"));
        assert_eq!(mib_rounded_up(1), "0.1");
        assert!(!mib_rounded_up(usize::MAX).is_empty(), "no overflow");
    }

    #[test]
    fn a_draft_too_large_is_refused_saying_what_to_do() {
        let e = draft_too_large(MAX_DRAFT_BYTES + 1, "61.5");
        assert!(e.location.is_empty());
        assert!(e.message.starts_with("文件已读取(重新计算的总分为61.5分),但内容过多:作为草稿有"), "{e}");
        assert!(e.message.contains(&format!("超过{} MB的上限,无法作为草稿打开和编辑", mib_text(MAX_DRAFT_BYTES))), "{e}");
        assert!(e.message.contains("“省级汇总”或“版本比较”") && e.message.contains("demozone rank 文件名"), "{e}");
        assert!(!e.message.contains(&format!("有{} MB", mib_text(MAX_DRAFT_BYTES))), "over the limit never reads as the limit: {e}");
        assert_eq!(mib_text(2 * 1_048_576), "2");
        assert_eq!(mib_text(1_572_864), "1.5");
        assert!(READ_ON_PAGE_BYTES < MAX_DRAFT_BYTES && MAX_DRAFT_BYTES < MAX_FILE_BYTES);
    }

    #[test]
    fn the_files_open_at_once_have_a_budget() {
        let mut b = OpenBudget::default();
        for i in 0..5 {
            b.take(&format!("{i}.json"), MAX_FILE_BYTES).expect("five files at the limit");
        }
        assert_eq!(b.used(), MAX_OPEN_BYTES);
        let e = b.take("省\u{202E}.json", 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "「省⟨U+202E⟩.json」:同时打开的文件合计过大:已打开100.0 MB,加上此文件(0.1 MB)将超过合计100 MB的上限,此文件未打开;请分批打开,或先移除部分已打开的文件"
        );
        assert_eq!(b.used(), MAX_OPEN_BYTES, "a refused file takes nothing");
        b.release(MAX_FILE_BYTES);
        assert!(b.take("x.json", MAX_FILE_BYTES).is_ok());
        b.release(usize::MAX);
        assert_eq!(b.used(), 0);
        let mut small = OpenBudget::with_limit(10);
        assert!(small.take("a", 10).is_ok() && small.take("b", usize::MAX).is_err());
    }

    #[test]
    fn wide_encodings_are_named_right() {
        let text = "{\"a\":1}";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32le: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let utf32be: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        let bom = |bom: &[u8], rest: &[u8]| [bom, rest].concat();
        for (bytes, want) in [
            (bom(&[0xFF, 0xFE], &utf16le), "UTF-16"),
            (bom(&[0xFE, 0xFF], &utf16be), "UTF-16"),
            (utf16le.clone(), "UTF-16"),
            (utf16be.clone(), "UTF-16"),
            (bom(&[0xFF, 0xFE, 0, 0], &utf32le), "UTF-32"),
            (bom(&[0, 0, 0xFE, 0xFF], &utf32be), "UTF-32"),
            (utf32le.clone(), "UTF-32"),
            (utf32be.clone(), "UTF-32"),
        ] {
            let e = file_text(&bytes, FileKind::Assessment).unwrap_err();
            assert!(e.message.starts_with(&format!("文件是{want}编码的文本")), "{want}: {e}");
            assert!(e.message.contains("另存为UTF-8"), "{e}");
        }
        assert_eq!(file_text(text.as_bytes(), FileKind::Assessment).unwrap(), text);
    }
}

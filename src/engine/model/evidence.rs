//! Evidence entries (佐证材料目录): for each sub-item, the documents its self-assessment relies
//! on, as typed, and optionally the fingerprint of a local file. The file itself is never stored:
//! only its name, size and SHA-256 (`support::fingerprint` computes it; `view::evidence` numbers
//! the entries and checks received files against them).

use serde::{Deserialize, Serialize};

/// A file's fingerprint: what the browser (or the command line) computed from its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileFingerprint {
    /// The file's name as picked (no folder).
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, 64 lowercase hex digits.
    pub sha256: String,
}

impl FileFingerprint {
    /// Whether `sha256` is 64 lowercase hex digits (a file edited by hand may say anything).
    pub fn is_well_formed(&self) -> bool {
        self.sha256.len() == 64 && self.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    /// The first 8 hex digits, for paper (the 佐证材料目录 annex).
    pub fn short(&self) -> &str {
        self.sha256.get(..8).unwrap_or(&self.sha256)
    }
}

/// One evidence entry of a sub-item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// 名称.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// 文号或来源.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// 日期, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// 页数, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pages: String,
    /// The attached file's fingerprint, when one was picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileFingerprint>,
    /// 已核对: a reviewer has checked this entry against what was received.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub checked: bool,
}

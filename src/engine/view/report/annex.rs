//! 附件:佐证材料目录 — the evidence entries of every sub-item as a numbered table, with the file's
//! name and the first 8 hex digits of its fingerprint, so that paper and attachments can be
//! matched. Present when the assessment has any entry.

use super::Source;
use crate::engine::view::evidence::catalogue;

/// The annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceAnnex {
    pub heading: String,
    pub rows: Vec<AnnexRow>,
    /// How to read the fingerprint column.
    pub note: String,
}

/// One line of the annex, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexRow {
    /// `4.1-2`.
    pub number: String,
    pub title: String,
    pub source: String,
    pub date: String,
    pub pages: String,
    pub file: String,
    /// First 8 hex digits of the SHA-256, or empty.
    pub fingerprint: String,
}

pub(super) fn evidence_annex(src: &Source) -> Option<EvidenceAnnex> {
    let rows: Vec<AnnexRow> = catalogue(src.rubric(), src.a)
        .into_iter()
        .map(|r| AnnexRow {
            fingerprint: r.short_fingerprint().to_string(),
            file: r.file.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
            number: r.number,
            title: r.title,
            source: r.source,
            date: r.date,
            pages: r.pages,
        })
        .collect();
    (!rows.is_empty()).then(|| EvidenceAnnex {
        heading: "附件:佐证材料目录".into(),
        rows,
        note: "“指纹”为文件SHA-256值的前8位,可用本工具的“核对佐证材料”或命令 demozone evidence 与收到的附件逐一比对。".into(),
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::model::evidence::{Evidence, FileFingerprint};
    use crate::engine::support::fingerprint::sha256_hex;
    use crate::engine::view::fixtures::hangzhou;
    use crate::engine::view::report::{build_report, Section};
    use crate::engine::view::roles::LayerChoice;

    #[test]
    fn the_annex_lists_every_entry_with_the_start_of_its_fingerprint() {
        let (loaded, mut a) = hangzhou();
        let plain = build_report(&loaded, &a, LayerChoice::SelfLayer, "2025-11-01");
        assert!(!plain.sections.iter().any(|s| matches!(s, Section::EvidenceAnnex(_))), "no entries, no annex");
        let file = FileFingerprint { name: "工作方案.pdf".into(), size: 3, sha256: sha256_hex(b"abc") };
        a.input_mut("4.1").evidence.push(Evidence { title: "工作方案".into(), file: Some(file), ..Default::default() });
        a.input_mut("4.1").evidence.push(Evidence { title: "会议纪要".into(), pages: "3".into(), ..Default::default() });
        let report = build_report(&loaded, &a, LayerChoice::SelfLayer, "2025-11-01");
        let Some(Section::EvidenceAnnex(annex)) = report.sections.last() else { panic!("the annex comes last") };
        assert_eq!(annex.heading, "附件:佐证材料目录");
        let rows: Vec<(&str, &str, &str, &str)> =
            annex.rows.iter().map(|r| (r.number.as_str(), r.title.as_str(), r.file.as_str(), r.fingerprint.as_str())).collect();
        assert_eq!(rows, [("4.1-1", "工作方案", "工作方案.pdf", "ba7816bf"), ("4.1-2", "会议纪要", "", "")]);
    }
}

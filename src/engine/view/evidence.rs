//! 佐证材料目录 and 核对佐证材料: the evidence entries numbered per sub-item, the sub-items that
//! have a score but no evidence, and the check of received files against the fingerprints an
//! assessment recorded. The app's pages, the printed annex and `demozone evidence` all use these.

use serde::Serialize;

use crate::engine::model::assessment::Assessment;
use crate::engine::model::evidence::{Evidence, FileFingerprint};
use crate::engine::model::rubric::Rubric;
use crate::engine::score::outcome::Outcome;
use crate::engine::support::num::fmt;

/// An entry's number: the sub-item and its place in the sub-item's list (`4.1-2`).
pub fn entry_number(item: &str, row: usize) -> String {
    format!("{item}-{}", row + 1)
}

/// One line of the 佐证材料目录.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CatalogueRow {
    /// `4.1-2`.
    pub number: String,
    pub item: String,
    /// 0-based position in the sub-item's list (for edits).
    pub row: usize,
    pub title: String,
    pub source: String,
    pub date: String,
    pub pages: String,
    pub file: Option<FileFingerprint>,
    pub checked: bool,
}

impl CatalogueRow {
    fn of(item: &str, row: usize, e: &Evidence) -> CatalogueRow {
        CatalogueRow {
            number: entry_number(item, row),
            item: item.to_string(),
            row,
            title: e.title.clone(),
            source: e.source.clone(),
            date: e.date.clone(),
            pages: e.pages.clone(),
            file: e.file.clone(),
            checked: e.checked,
        }
    }

    /// The first 8 hex digits of the file's fingerprint, or empty.
    pub fn short_fingerprint(&self) -> &str {
        self.file.as_ref().map(FileFingerprint::short).unwrap_or_default()
    }
}

/// The entries of one sub-item, numbered.
pub fn item_catalogue(a: &Assessment, item: &str) -> Vec<CatalogueRow> {
    a.input(item)
        .map(|i| i.evidence.iter().enumerate().map(|(row, e)| CatalogueRow::of(item, row, e)).collect())
        .unwrap_or_default()
}

/// Every entry of the assessment, in the rubric's order of sub-items; entries of sub-items the
/// rubric does not have (a file of another version) come last, by item id.
pub fn catalogue(rubric: &Rubric, a: &Assessment) -> Vec<CatalogueRow> {
    let known: Vec<&str> = rubric.items().map(|(_, item)| item.id.as_str()).collect();
    let others = a.inputs.keys().map(String::as_str).filter(|id| !known.contains(id));
    known.iter().copied().chain(others).flat_map(|id| item_catalogue(a, id)).collect()
}

/// A sub-item that scores but has no evidence entry (the summary lists them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unevidenced {
    pub indicator: u32,
    pub item: String,
    /// `4.1 某某(3分)`.
    pub label: String,
}

/// The sub-items with a score above zero and no evidence entry, in the rubric's order.
pub fn unevidenced(rubric: &Rubric, a: &Assessment, outcome: &Outcome) -> Vec<Unevidenced> {
    rubric
        .items()
        .filter(|(_, item)| outcome.item(&item.id).is_some_and(|r| !r.score.is_zero()))
        .filter(|(_, item)| a.input(&item.id).is_none_or(|i| i.evidence.is_empty()))
        .map(|(ind, item)| {
            let score = outcome.item(&item.id).map(|r| r.score).unwrap_or_default();
            Unevidenced {
                indicator: ind.number,
                item: item.id.clone(),
                label: format!("{} 自评{}分,尚无佐证材料", item.id, fmt(score)),
            }
        })
        .collect()
}

// ---- 核对佐证材料

/// A file as received by the reviewer: its path as given (in a folder: relative to it) and its
/// fingerprint (`name` is the last part of the path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl Received {
    /// The file's name without its folders.
    pub fn name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}

/// How an entry compares with the received files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A received file has the recorded name and fingerprint.
    Same,
    /// A received file has the recorded fingerprint under another name.
    Renamed,
    /// A received file has the recorded name but other content.
    Differs,
    /// No received file has the name or the fingerprint.
    Missing,
    /// The entry records no file: nothing to compare.
    NoFile,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Same => "一致",
            Status::Renamed => "一致(文件已改名)",
            Status::Differs => "内容不同",
            Status::Missing => "缺失",
            Status::NoFile => "未附文件",
        }
    }

    /// A CSS class for the mark.
    pub fn class(self) -> &'static str {
        match self {
            Status::Same | Status::Renamed => "ev-same",
            Status::Differs => "ev-differs",
            Status::Missing => "ev-missing",
            Status::NoFile => "ev-nofile",
        }
    }
}

/// One entry checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryCheck {
    pub number: String,
    /// The sub-item and the entry's 0-based place in its list (for marking it 已核对).
    pub item: String,
    pub row: usize,
    pub title: String,
    /// The recorded file, if any.
    pub expected: Option<FileFingerprint>,
    pub status: Status,
    /// The received file it was compared with (`Same`, `Renamed`, `Differs`).
    pub received: Option<String>,
}

/// The counts of a check, by outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub same: usize,
    pub renamed: usize,
    pub differs: usize,
    pub missing: usize,
    pub no_file: usize,
    pub extra: usize,
}

/// The result of 核对佐证材料.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub entries: Vec<EntryCheck>,
    /// Received files that match no entry by name or fingerprint.
    pub extra: Vec<Received>,
    pub counts: Counts,
}

impl Verification {
    /// Whether every recorded file arrived with its content (renamed ones included).
    pub fn all_same(&self) -> bool {
        self.counts.differs == 0 && self.counts.missing == 0
    }

    /// One line for the reviewer's layer (a comment) or a heading: the counts in words.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let mut s = format!(
            "佐证材料核对:一致{}份(其中改名{}份),内容不同{}份,缺失{}份",
            c.same + c.renamed,
            c.renamed,
            c.differs,
            c.missing
        );
        if c.no_file > 0 {
            s.push_str(&format!(",未附文件{}条", c.no_file));
        }
        s.push_str(&format!(";另收到目录外文件{}份", c.extra));
        s
    }

    /// The entries that need attention (`Differs`, `Missing`), as one text per entry, for a comment.
    pub fn problems_text(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| matches!(e.status, Status::Differs | Status::Missing))
            .map(|e| {
                let name = e.expected.as_ref().map(|f| f.name.as_str()).unwrap_or_default();
                format!("{} {}:{}", e.number, name, e.status.label())
            })
            .collect()
    }
}

/// Checks the received files against every entry's recorded file: by name and fingerprint
/// (一致), by fingerprint alone (renamed), by name alone (内容不同), or neither (缺失); files that
/// no entry names or fingerprints are listed as extra (a second copy of a recorded file is not).
/// One file may serve several entries.
pub fn verify(rubric: &Rubric, a: &Assessment, received: &[Received]) -> Verification {
    let mut used = vec![false; received.len()];
    let mut counts = Counts::default();
    let mut entries = Vec::new();
    for row in catalogue(rubric, a) {
        let (status, at) = match &row.file {
            None => (Status::NoFile, None),
            Some(f) => {
                let hash = f.sha256.to_ascii_lowercase();
                let same_hash = |r: &Received| r.sha256.eq_ignore_ascii_case(&hash);
                if let Some(i) = received.iter().position(|r| same_hash(r) && r.name() == f.name) {
                    (Status::Same, Some(i))
                } else if let Some(i) = received.iter().position(same_hash) {
                    (Status::Renamed, Some(i))
                } else if let Some(i) = received.iter().position(|r| r.name() == f.name) {
                    (Status::Differs, Some(i))
                } else {
                    (Status::Missing, None)
                }
            }
        };
        if let Some(i) = at {
            used[i] = true;
        }
        match status {
            Status::Same => counts.same += 1,
            Status::Renamed => counts.renamed += 1,
            Status::Differs => counts.differs += 1,
            Status::Missing => counts.missing += 1,
            Status::NoFile => counts.no_file += 1,
        }
        entries.push(EntryCheck {
            number: row.number,
            item: row.item,
            row: row.row,
            title: row.title,
            expected: row.file,
            status,
            received: at.map(|i| received[i].path.clone()),
        });
    }
    // A file is extra when no recorded file has its name or its fingerprint (a second copy of a
    // recorded file, in another folder, is not extra).
    for (r, used) in received.iter().zip(used.iter_mut()) {
        *used = *used
            || entries.iter().filter_map(|e| e.expected.as_ref()).any(|f| f.sha256.eq_ignore_ascii_case(&r.sha256) || f.name == r.name());
    }
    let extra: Vec<Received> =
        received.iter().zip(&used).filter(|(_, used)| !**used).map(|(r, _)| r.clone()).collect();
    counts.extra = extra.len();
    Verification { entries, extra, counts }
}

/// The check as versioned JSON for scripts (`demozone evidence`).
#[derive(Debug, Serialize)]
pub struct VerificationOutput<'a> {
    pub format: &'static str,
    pub format_version: u32,
    /// The assessment file checked.
    pub file: &'a str,
    /// The folder or files received.
    pub received: &'a str,
    pub all_same: bool,
    pub summary: String,
    #[serde(flatten)]
    pub verification: &'a Verification,
}

/// The version of [`VerificationOutput`] (a field may be added within a version).
pub const VERIFICATION_OUTPUT_VERSION: u32 = 1;

impl<'a> VerificationOutput<'a> {
    pub fn new(file: &'a str, received: &'a str, verification: &'a Verification) -> VerificationOutput<'a> {
        VerificationOutput {
            format: "demozone-evidence-check",
            format_version: VERIFICATION_OUTPUT_VERSION,
            file,
            received,
            all_same: verification.all_same(),
            summary: verification.summary(),
            verification,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::edit::{apply, Edit, EvidenceField};
    use crate::engine::view::fixtures::hangzhou as example;
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::items::score;
    use crate::engine::support::fingerprint::sha256_hex;

    fn file(name: &str, content: &str) -> FileFingerprint {
        FileFingerprint { name: name.into(), size: content.len() as u64, sha256: sha256_hex(content.as_bytes()) }
    }

    fn received(path: &str, content: &str) -> Received {
        Received { path: path.into(), size: content.len() as u64, sha256: sha256_hex(content.as_bytes()) }
    }

    fn with_evidence(entries: &[(&str, Option<FileFingerprint>)]) -> Assessment {
        let mut a = example().1;
        for (item, f) in entries {
            apply(&mut a, &Edit::AddEvidence { item: item.to_string() }).unwrap();
            let row = a.input(item).unwrap().evidence.len() - 1;
            let title = Edit::SetEvidenceText {
                item: item.to_string(),
                row,
                field: EvidenceField::Title,
                value: format!("材料{row}"),
            };
            apply(&mut a, &title).unwrap();
            apply(&mut a, &Edit::SetEvidenceFile { item: item.to_string(), row, file: f.clone() }).unwrap();
        }
        a
    }

    #[test]
    fn entries_are_numbered_per_sub_item_in_the_rubrics_order() {
        let rubric = LoadedRubric::bundled().rubric;
        let a = with_evidence(&[("4.1", None), ("3b", Some(file("a.pdf", "a"))), ("4.1", Some(file("a.pdf", "a")))]);
        let numbers: Vec<String> = catalogue(&rubric, &a).into_iter().map(|r| r.number).collect();
        assert_eq!(numbers, ["3b-1", "4.1-1", "4.1-2"]);
        let rows = item_catalogue(&a, "4.1");
        assert_eq!(rows[1].short_fingerprint(), &sha256_hex(b"a")[..8]);
        assert_eq!(rows[0].short_fingerprint(), "");
    }

    #[test]
    fn the_four_outcomes_a_renamed_file_and_an_extra_one() {
        let rubric = LoadedRubric::bundled().rubric;
        let a = with_evidence(&[
            ("4.1", Some(file("same.pdf", "same"))),
            ("4.1", Some(file("changed.pdf", "before"))),
            ("5.1", Some(file("missing.pdf", "gone"))),
            ("5.1", Some(file("renamed.pdf", "renamed"))),
            ("6.1", None),
            // The same file serving a second sub-item.
            ("6.1", Some(file("same.pdf", "same"))),
        ]);
        let got = verify(
            &rubric,
            &a,
            &[
                received("收到/same.pdf", "same"),
                received("收到/changed.pdf", "after"),
                received("收到/新名字.pdf", "renamed"),
                received("收到/extra.docx", "extra"),
            ],
        );
        let statuses: Vec<(&str, Status, Option<&str>)> =
            got.entries.iter().map(|e| (e.number.as_str(), e.status, e.received.as_deref())).collect();
        assert_eq!(
            statuses,
            [
                ("4.1-1", Status::Same, Some("收到/same.pdf")),
                ("4.1-2", Status::Differs, Some("收到/changed.pdf")),
                ("5.1-1", Status::Missing, None),
                ("5.1-2", Status::Renamed, Some("收到/新名字.pdf")),
                ("6.1-1", Status::NoFile, None),
                ("6.1-2", Status::Same, Some("收到/same.pdf")),
            ]
        );
        assert_eq!(got.extra.iter().map(|r| r.name()).collect::<Vec<_>>(), ["extra.docx"]);
        assert_eq!(
            got.counts,
            Counts { same: 2, renamed: 1, differs: 1, missing: 1, no_file: 1, extra: 1 }
        );
        assert!(!got.all_same());
        assert_eq!(got.summary(), "佐证材料核对:一致3份(其中改名1份),内容不同1份,缺失1份,未附文件1条;另收到目录外文件1份");
        assert_eq!(got.problems_text(), ["4.1-2 changed.pdf:内容不同", "5.1-1 missing.pdf:缺失"]);
        // Everything there: all same.
        let all = verify(
            &rubric,
            &with_evidence(&[("4.1", Some(file("x.pdf", "x")))]),
            &[received("x.pdf", "x")],
        );
        assert!(all.all_same() && all.extra.is_empty());
    }

    #[test]
    fn scored_sub_items_without_evidence_are_listed() {
        let rubric = LoadedRubric::bundled().rubric;
        let a = example().1;
        let o = score(&rubric, &a);
        let before = unevidenced(&rubric, &a, &o);
        assert!(!before.is_empty());
        let first = before[0].item.clone();
        assert!(before[0].label.starts_with(&first) && before[0].label.ends_with("尚无佐证材料"));
        let a = with_evidence(&[(first.as_str(), None)]);
        let after = unevidenced(&rubric, &a, &score(&rubric, &a));
        assert_eq!(after.len(), before.len() - 1);
        assert!(after.iter().all(|u| u.item != first));
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        fn name() -> impl Strategy<Value = String> {
            prop::sample::select(vec!["a.pdf", "b.pdf", "子目录/a.pdf", "c.docx", ""]).prop_map(String::from)
        }

        fn content() -> impl Strategy<Value = String> {
            prop::sample::select(vec!["x", "y", "z"]).prop_map(String::from)
        }

        proptest! {
            /// Any entries and any received files: every entry gets one mark, the counts add up,
            /// an extra file matches no entry by name or fingerprint, and a renamed or same entry
            /// names a received file with its fingerprint.
            #[test]
            fn every_entry_gets_one_mark_and_the_counts_add_up(
                entries in prop::collection::vec(prop::option::of((name(), content())), 0..6),
                got in prop::collection::vec((name(), content()), 0..6),
            ) {
                let rubric = LoadedRubric::bundled().rubric;
                let files: Vec<(&str, Option<FileFingerprint>)> =
                    entries.iter().map(|e| ("4.1", e.as_ref().map(|(n, c)| file(n.rsplit('/').next().unwrap(), c)))).collect();
                let a = with_evidence(&files);
                let received: Vec<Received> = got.iter().map(|(p, c)| received(p, c)).collect();
                let v = verify(&rubric, &a, &received);
                prop_assert_eq!(v.entries.len(), entries.len());
                let c = &v.counts;
                prop_assert_eq!(c.same + c.renamed + c.differs + c.missing + c.no_file, entries.len());
                prop_assert_eq!(c.extra, v.extra.len());
                for x in &v.extra {
                    for e in v.entries.iter().filter_map(|e| e.expected.as_ref()) {
                        prop_assert!(x.sha256 != e.sha256 && x.name() != e.name);
                    }
                }
                for e in v.entries.iter().filter(|e| matches!(e.status, Status::Same | Status::Renamed)) {
                    let sha = &e.expected.as_ref().unwrap().sha256;
                    prop_assert!(received.iter().any(|r| Some(&r.path) == e.received.as_ref() && &r.sha256 == sha));
                }
            }
        }
    }
}

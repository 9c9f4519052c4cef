//! The draft index: what the start page shows of each stored draft (its title, facts, score and
//! verdict), kept beside the drafts in the browser's `localStorage` under [`INDEX_KEY`], so that
//! the first screen lists the drafts without reading, migrating or scoring any of them. The app's
//! first load then carries no JSON reader, no rubric and no scoring: those come with the
//! workspace, fetched after the first screen.
//!
//! The index is a cache, never the only copy of anything: every entry carries the hash of the
//! stored text it was made from ([`text_hash`]), and the whole index the [`stamp`] of the program
//! and the rubric files it was made with. An entry whose text changed (another tab, an older
//! program), a draft the index does not know, or another stamp, and the start page reads the
//! drafts themselves, as before, then writes the index again. A text that is not an index (cut
//! short, written by hand) is no index at all.
//!
//! The format is lines of tab-separated fields (`\`, tab, CR and LF escaped), the first line
//! naming the format and the stamp. It is read by hand, not by a JSON reader, so that reading it
//! costs the first load almost nothing.

use crate::engine::model::assessment::Subject;
use crate::engine::model::rubric::RubricRef;

/// Where the index is kept.
pub const INDEX_KEY: &str = "demozone.index";

const MAGIC: &str = "demozone-index";
const FORMAT: &str = "1";

/// A 64-bit FNV-1a hash of a stored text: whether an entry still describes the text stored now.
pub fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// What an index is valid for: the program that made it (`program`: an id of its engine and
/// bundled data, see build.rs) and the rubric files kept in the browser (their storage keys).
pub fn stamp(program: &str, rubric_keys: &[String]) -> String {
    let mut keys: Vec<&str> = rubric_keys.iter().map(String::as_str).collect();
    keys.sort_unstable();
    format!("{program}:{:016x}", text_hash(&keys.join("\n")))
}

/// The start page's header lines when no draft is open (the rubric and the 办法 a new
/// assessment is made under), as the engine wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartTexts {
    pub rubric: String,
    pub banfa: String,
    pub note: String,
}

/// A usable or unusable stored draft, as the start page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexRow {
    /// [`text_hash`] of the stored text this row was made from.
    pub hash: u64,
    pub id: String,
    pub revision: u64,
    pub title: String,
    /// The creation object in one line (name · kind · province · years).
    pub facts: String,
    /// The creation object's name as typed (the example, drafts of the same object).
    pub subject_name: String,
    /// When it was last stored (ISO 8601, as stored).
    pub updated_at: String,
    pub score: String,
    pub verdict: String,
    pub passed: bool,
    /// Why it cannot be opened with the loaded rubrics, if so.
    pub unusable: Option<String>,
    pub rubric: RubricRef,
}

/// A stored entry left as it is (a newer program's, or corrupt and not set aside), with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexKept {
    pub hash: u64,
    pub key: String,
    pub message: String,
}

/// The copy kept for undoing the last deletion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDeleted {
    pub hash: u64,
    pub key: String,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftIndex {
    pub stamp: String,
    pub texts: StartTexts,
    pub rows: Vec<IndexRow>,
    pub kept: Vec<IndexKept>,
    pub deleted: Option<IndexDeleted>,
}

/// The creation object in one line, as the start page lists a draft: its name, kind, province,
/// first year and period, those that are filled in.
pub fn draft_facts(subject: &Subject) -> String {
    [
        Some(subject.name.trim().to_string()).filter(|s| !s.is_empty()),
        subject.kind.map(|k| k.label().to_string()),
        Some(subject.province.clone()).filter(|s| !s.is_empty()),
        subject.start_year.map(|y| format!("{y}年起")),
        subject.years.map(|n| format!("{n}年")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

fn line(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        escape(f, out);
    }
    out.push('\n');
}

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

impl DraftIndex {
    pub fn encode(&self) -> String {
        let mut out = String::new();
        line(&mut out, &[MAGIC, FORMAT, &self.stamp]);
        let t = &self.texts;
        line(&mut out, &["H", &t.rubric, &t.banfa, &t.note]);
        for r in &self.rows {
            let revision = r.revision.to_string();
            let unusable = r.unusable.as_deref().map_or_else(|| "-".to_string(), |u| format!("+{u}"));
            line(
                &mut out,
                &[
                    "R", &hex(r.hash), &r.id, &revision, &r.title, &r.facts, &r.subject_name, &r.updated_at, &r.score,
                    &r.verdict, if r.passed { "1" } else { "0" }, &unusable, &r.rubric.id, &r.rubric.version,
                    &r.rubric.digest,
                ],
            );
        }
        for k in &self.kept {
            line(&mut out, &["K", &hex(k.hash), &k.key, &k.message]);
        }
        if let Some(d) = &self.deleted {
            line(&mut out, &["D", &hex(d.hash), &d.key, &d.id, &d.title]);
        }
        // The end, with the number of entries: a text cut short is no index.
        let entries = self.rows.len() + self.kept.len() + usize::from(self.deleted.is_some());
        line(&mut out, &["E", &entries.to_string()]);
        out
    }

    /// The index in `text`, if it is one, of this `stamp`.
    pub fn decode(text: &str, stamp: &str) -> Option<DraftIndex> {
        let mut lines = text.split_terminator('\n');
        let head = fields(lines.next()?)?;
        if head.len() != 3 || head[0] != MAGIC || head[1] != FORMAT || head[2] != stamp {
            return None;
        }
        let mut index = DraftIndex { stamp: head[2].clone(), ..DraftIndex::default() };
        let mut texts = false;
        let mut ended = false;
        for l in lines {
            let f = fields(l)?;
            if ended {
                return None;
            }
            match (f[0].as_str(), f.len()) {
                ("E", 2) => {
                    let entries = index.rows.len() + index.kept.len() + usize::from(index.deleted.is_some());
                    if f[1] != entries.to_string() {
                        return None;
                    }
                    ended = true;
                }
                ("H", 4) if !texts => {
                    texts = true;
                    index.texts = StartTexts { rubric: f[1].clone(), banfa: f[2].clone(), note: f[3].clone() };
                }
                ("R", 15) => index.rows.push(IndexRow {
                    hash: u64::from_str_radix(&f[1], 16).ok()?,
                    id: f[2].clone(),
                    revision: f[3].parse().ok()?,
                    title: f[4].clone(),
                    facts: f[5].clone(),
                    subject_name: f[6].clone(),
                    updated_at: f[7].clone(),
                    score: f[8].clone(),
                    verdict: f[9].clone(),
                    passed: match f[10].as_str() {
                        "1" => true,
                        "0" => false,
                        _ => return None,
                    },
                    unusable: match f[11].as_str() {
                        "-" => None,
                        u => Some(u.strip_prefix('+')?.to_string()),
                    },
                    rubric: RubricRef { id: f[12].clone(), version: f[13].clone(), digest: f[14].clone() },
                }),
                ("K", 4) => index.kept.push(IndexKept { hash: u64::from_str_radix(&f[1], 16).ok()?, key: f[2].clone(), message: f[3].clone() }),
                ("D", 5) if index.deleted.is_none() => {
                    index.deleted = Some(IndexDeleted {
                        hash: u64::from_str_radix(&f[1], 16).ok()?,
                        key: f[2].clone(),
                        id: f[3].clone(),
                        title: f[4].clone(),
                    })
                }
                _ => return None,
            }
        }
        (texts && ended).then_some(index)
    }
}

fn fields(l: &str) -> Option<Vec<String>> {
    l.split('\t').map(unescape).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(id: &str, title: &str) -> IndexRow {
        IndexRow {
            hash: text_hash(id),
            id: id.into(),
            revision: 3,
            title: title.into(),
            facts: "杭州市 · 副省级市 · 浙江".into(),
            subject_name: "杭州市".into(),
            updated_at: "2026-12-05T10:00:00.000Z".into(),
            score: "91.5分".into(),
            verdict: "达到认定标准".into(),
            passed: true,
            unusable: None,
            rubric: RubricRef { id: "r".into(), version: "v".into(), digest: "sha256:00".into() },
        }
    }

    fn index() -> DraftIndex {
        let mut unusable = row("b", "坏\t的\n标题\\");
        unusable.unusable = Some("缺少指标体系「x」".into());
        unusable.passed = false;
        DraftIndex {
            stamp: stamp("p1", &["demozone.rubric.b".into(), "demozone.rubric.a".into()]),
            texts: StartTexts { rubric: "指标体系 · 版本 1".into(), banfa: "管理办法:2026".into(), note: String::new() },
            rows: vec![row("a", "杭州"), unusable],
            kept: vec![IndexKept { hash: 7, key: "demozone.draft.z".into(), message: "较新版本".into() }],
            deleted: Some(IndexDeleted { hash: 9, key: "demozone.deleted.q".into(), id: "q".into(), title: "旧稿".into() }),
        }
    }

    #[test]
    fn an_index_reads_back_as_written() {
        let i = index();
        assert_eq!(DraftIndex::decode(&i.encode(), &i.stamp), Some(i));
    }

    #[test]
    fn another_stamp_or_a_damaged_text_is_no_index() {
        let i = index();
        let text = i.encode();
        assert_eq!(DraftIndex::decode(&text, "p2:0000000000000000"), None);
        // Cut anywhere inside (a write interrupted, a hand edit): never a wrong index.
        for cut in 0..text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            // (The text without its last line break still reads: the break only ends the line.)
            let whole = cut + 1 == text.len();
            assert_eq!(DraftIndex::decode(&text[..cut], &i.stamp).is_some(), whole, "cut at {cut}");
        }
        assert_eq!(DraftIndex::decode(&format!("{text}R\t1\n"), &i.stamp), None);
        assert_eq!(DraftIndex::decode(&text.replacen("\nR\t", "\nX\t", 1), &i.stamp), None);
        assert_eq!(DraftIndex::decode(&text.replace("\\t", "\\q"), &i.stamp), None);
        assert_eq!(DraftIndex::decode("", &i.stamp), None);
    }

    #[test]
    fn the_stamp_names_the_program_and_the_rubric_files_in_any_order() {
        let a = stamp("p", &["x".into(), "y".into()]);
        assert_eq!(a, stamp("p", &["y".into(), "x".into()]));
        assert_ne!(a, stamp("p", &["x".into()]));
        assert_ne!(a, stamp("q", &["x".into(), "y".into()]));
        assert_ne!(text_hash("{\"a\":1}"), text_hash("{\"a\":2}"));
        // FNV-1a's published test vector.
        assert_eq!(text_hash("a"), 0xaf63dc4c8601ec8c);
    }

    proptest! {
        #[test]
        fn any_texts_read_back(title in "\\PC*", facts in ".*", note in "[\\t\\n\\r\\\\a-z]*") {
            let mut i = index();
            i.rows[0].title = title;
            i.rows[0].facts = facts;
            i.texts.note = note;
            prop_assert_eq!(DraftIndex::decode(&i.encode(), &i.stamp), Some(i));
        }
    }
}

//! Drafts: the envelope an assessment is kept in inside the browser's storage, its migration
//! between envelope versions, the revision check that keeps two tabs from silently overwriting
//! each other, and the names of files and copies.
//!
//! Pure functions only: the app's storage glue (`src/app/storage.rs`) reads and writes the texts
//! and calls these to decide what to do. Tested natively.
//!
//! Storage layout (one origin's `localStorage`):
//! - `demozone.draft.<id>`: one draft, the JSON of [`Draft`];
//! - `demozone.deleted.<id>`: the most recently deleted draft, kept so the deletion can be undone;
//! - `demozone.corrupt.<stamp>.<original key>`: an entry that could not be read, set aside as it was.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::json::parse::{parse_json, JsonError};
use crate::engine::json::text::{mib_rounded_up, MAX_FILE_BYTES};
use crate::engine::json::read::deserialize_located;
use crate::engine::model::assessment::{Assessment, Subject};
use crate::engine::model::rubric::RubricRef;
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::{is_invisible, isolate};

/// The `format` value of a stored draft.
pub const DRAFT_FORMAT: &str = "demozone-draft";
/// The newest draft envelope version; drafts are written in it and older ones migrated to it.
pub const DRAFT_VERSION: u32 = 1;

pub const DRAFT_PREFIX: &str = "demozone.draft.";
pub const DELETED_PREFIX: &str = "demozone.deleted.";
pub const CORRUPT_PREFIX: &str = "demozone.corrupt.";

/// A stored draft (envelope version [`DRAFT_VERSION`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub format: String,
    pub version: u32,
    pub id: String,
    /// Incremented by every write; with `writer` it tells a tab whether what is stored is what it
    /// last read or wrote.
    pub revision: u64,
    /// The tab (page load) that wrote this revision.
    pub writer: String,
    /// The name the user gave the draft; empty means "named after the subject" ([`Draft::display_title`]).
    #[serde(default)]
    pub title: String,
    pub created_at: String,
    pub updated_at: String,
    /// The rubric the draft is scored with.
    pub rubric: RubricRef,
    pub assessment: Assessment,
}

impl Draft {
    /// A new draft, not yet stored (revision 0: its first write makes it revision 1).
    pub fn new(id: &str, writer: &str, now: &str, rubric: RubricRef, assessment: Assessment) -> Draft {
        Draft {
            format: DRAFT_FORMAT.into(),
            version: DRAFT_VERSION,
            id: id.into(),
            revision: 0,
            writer: writer.into(),
            title: String::new(),
            created_at: now.into(),
            updated_at: now.into(),
            rubric,
            assessment,
        }
    }

    pub fn display_title(&self) -> String {
        display_title(&self.title, &self.assessment.subject)
    }

    pub fn base(&self) -> Base {
        Base { revision: self.revision, writer: self.writer.clone() }
    }

    pub fn key(&self) -> String {
        draft_key(&self.id)
    }

    /// The JSON text that is stored.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The title shown for a draft: the user's name for it, else the subject's name.
pub fn display_title(title: &str, subject: &Subject) -> String {
    let t = title.trim();
    if !t.is_empty() {
        // Shown alone in its element, which the style isolates (`unicode-bidi: isolate`).
        return t.to_string();
    }
    let n = subject.name.trim();
    if n.is_empty() {
        "未命名自评".into()
    } else {
        format!("{}自评", isolate(n))
    }
}

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

pub fn deleted_key(id: &str) -> String {
    format!("{DELETED_PREFIX}{id}")
}

/// Where an unreadable entry is set aside: nothing is deleted, the original key stays visible.
pub fn corrupt_key(original_key: &str, stamp: &str) -> String {
    format!("{CORRUPT_PREFIX}{stamp}.{original_key}")
}

/// The draft id of a draft key, if it is one.
pub fn id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(DRAFT_PREFIX).filter(|id| !id.is_empty())
}

/// A new draft id from the clock (ms since 1970) and a random number in [0, 1).
pub fn new_id(now_ms: f64, random: f64) -> String {
    let ms = if now_ms.is_finite() && now_ms > 0.0 { now_ms as u64 } else { 0 };
    let r = if random.is_finite() && random > 0.0 { (random * 1_679_616.0) as u64 } else { 0 };
    format!("{}{}", base36(ms), pad(base36(r % 1_679_616), 4))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn pad(s: String, width: usize) -> String {
    let mut out = "0".repeat(width.saturating_sub(s.len()));
    out.push_str(&s);
    out
}

/// Why a stored entry cannot be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a readable draft (broken JSON, wrong shape): set it aside and report it.
    Corrupt(Refusal),
    /// Written by a newer version of the program: leave it untouched and report it.
    Future { version: u64 },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Corrupt(r) => write!(f, "无法读取:{r}"),
            DecodeError::Future { version } => write!(
                f,
                "此草稿由更新版本的程序保存(草稿格式版本{version},本程序为版本{DRAFT_VERSION}),本程序无法打开,已原样保留"
            ),
        }
    }
}

/// A draft read from storage, with whether it had to be migrated from an older envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub draft: Draft,
    /// The envelope version it was stored in (less than [`DRAFT_VERSION`] when migrated: the app
    /// writes the migrated draft back so the migration happens once).
    pub from_version: u32,
}

/// Reads a stored draft, migrating older envelopes. Never panics on any input. A draft gets the
/// reader's checks of a file (size, nesting, a key twice in one object), in a stored draft's words.
pub fn decode(text: &str) -> Result<Decoded, DecodeError> {
    let corrupt = |message: &str| DecodeError::Corrupt(Refusal::new(message));
    // The reader's checks of a file (size, nesting, a key twice), in a stored draft's words.
    if text.len() > MAX_FILE_BYTES {
        return Err(DecodeError::Corrupt(Refusal::new(format!(
            "草稿过大({} MB),超过{} MB的上限:不是本工具保存的草稿",
            mib_rounded_up(text.len()),
            MAX_FILE_BYTES / 1_048_576
        ))));
    }
    let value: Value = match parse_json(text) {
        Ok(value) => value,
        Err(JsonError::Syntax(r)) => return Err(DecodeError::Corrupt(r)),
        Err(JsonError::Duplicate { key, .. }) => {
            return Err(DecodeError::Corrupt(key.refusal("草稿内容已损坏(可能被其他程序改动过)")))
        }
    };
    let Value::Object(map) = &value else {
        return Err(corrupt("内容不是一个JSON对象"));
    };
    match map.get("format") {
        Some(Value::String(f)) if f == DRAFT_FORMAT => {}
        _ => return Err(corrupt("不是demozone草稿(缺少format字段或取值不对)")),
    }
    let version = match map.get("version").and_then(Value::as_u64) {
        Some(v) => v,
        None => return Err(corrupt("缺少草稿格式版本(version)")),
    };
    if version > u64::from(DRAFT_VERSION) {
        return Err(DecodeError::Future { version });
    }
    if version == 0 {
        return Err(corrupt("草稿格式版本0无效"));
    }
    let from_version = version as u32;
    let value = migrate(value, from_version).map_err(DecodeError::Corrupt)?;
    let draft: Draft = deserialize_located(&value).map_err(DecodeError::Corrupt)?;
    if draft.id.trim().is_empty() {
        return Err(corrupt("草稿缺少编号(id)"));
    }
    Ok(Decoded { draft, from_version })
}

/// Brings a stored envelope from version `from` up to [`DRAFT_VERSION`], one step at a time.
///
/// Version 1 is the first envelope, so there is no step yet. When the envelope changes, raise
/// [`DRAFT_VERSION`] and add the step from the previous version here (with a test that a draft
/// stored in the old shape reads into the new one); a stored draft is never dropped for being old.
pub fn migrate(mut value: Value, from: u32) -> Result<Value, Refusal> {
    for version in from..DRAFT_VERSION {
        value = migrate_step(value, version)?;
    }
    if let Value::Object(map) = &mut value {
        map.insert("version".into(), Value::from(DRAFT_VERSION));
    }
    Ok(value)
}

/// One migration step, from envelope version `from` to `from + 1`. Add a match arm per step,
/// e.g. `1 => Ok(v1_to_v2(value))`, when [`DRAFT_VERSION`] is raised.
fn migrate_step(value: Value, from: u32) -> Result<Value, Refusal> {
    drop(value);
    Err(Refusal::new(format!("没有从草稿格式版本{from}升级的方法")))
}

/// What a tab knows of the stored draft it edits: the revision and writer it last read or wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub revision: u64,
    pub writer: String,
}

impl Base {
    /// A draft that has never been stored.
    pub fn unsaved(writer: &str) -> Base {
        Base { revision: 0, writer: writer.into() }
    }
}

/// What the stored entry of the draft a tab edits is, as far as the revision check cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Absent,
    /// A readable draft with this revision and writer.
    Draft { revision: u64, writer: String },
    /// Written by a newer program.
    Future,
    /// Unreadable.
    Corrupt,
}

impl Stored {
    /// Classifies a stored text (`None` when the key is absent).
    pub fn of(text: Option<&str>) -> Stored {
        match text {
            None => Stored::Absent,
            Some(t) => match decode(t) {
                Ok(d) => Stored::Draft { revision: d.draft.revision, writer: d.draft.writer },
                Err(DecodeError::Future { .. }) => Stored::Future,
                Err(DecodeError::Corrupt(_)) => Stored::Corrupt,
            },
        }
    }
}

/// What a tab may do when it wants to store its version of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveCheck {
    /// Store it as this revision.
    Write { revision: u64 },
    /// The stored entry is unreadable: set it aside (see [`corrupt_key`]), then store this revision.
    SetAsideThenWrite { revision: u64 },
    /// Another tab stored a different version since this tab last read or wrote it.
    Conflict { theirs: u64 },
    /// Another tab deleted the draft after this tab had stored it.
    Deleted,
}

/// The revision check: a tab only overwrites the version it last read or wrote.
pub fn check_save(base: &Base, stored: &Stored) -> SaveCheck {
    let next = base.revision + 1;
    match stored {
        Stored::Absent if base.revision == 0 => SaveCheck::Write { revision: next },
        Stored::Absent => SaveCheck::Deleted,
        Stored::Draft { revision, writer } if *revision == base.revision && *writer == base.writer => {
            SaveCheck::Write { revision: next }
        }
        Stored::Draft { revision, .. } => SaveCheck::Conflict { theirs: *revision },
        Stored::Future => SaveCheck::Conflict { theirs: 0 },
        Stored::Corrupt => SaveCheck::SetAsideThenWrite { revision: next },
    }
}

/// What a `storage` event about the draft a tab edits means for that tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// Nothing this tab needs to know (it is what the tab itself last wrote or read).
    Same,
    /// Another tab stored another version: this tab's version is stale.
    Changed { theirs: u64 },
    /// Another tab deleted the draft.
    Deleted,
}

pub fn remote_change(base: &Base, new_value: &Stored) -> Remote {
    match new_value {
        Stored::Absent if base.revision == 0 => Remote::Same,
        Stored::Absent => Remote::Deleted,
        Stored::Draft { revision, writer } if *revision == base.revision && *writer == base.writer => Remote::Same,
        Stored::Draft { revision, .. } => Remote::Changed { theirs: *revision },
        Stored::Future => Remote::Changed { theirs: 0 },
        // An unreadable write by someone else: this tab's next save sets it aside.
        Stored::Corrupt => Remote::Same,
    }
}

/// The title of a copy: `杭州市自评(副本)`, `杭州市自评(副本2)`, … not yet among `existing`.
pub fn copy_title(title: &str, existing: &[String]) -> String {
    let base = format!("{}(副本)", title.trim());
    if !existing.iter().any(|t| t == &base) {
        return base;
    }
    let mut n = 2u32;
    loop {
        let t = format!("{}(副本{n})", title.trim());
        if !existing.iter().any(|e| e == &t) || n > 9999 {
            return t;
        }
        n += 1;
    }
}

/// Whether two subjects are the same creation object (same name, ignoring surrounding spaces).
pub fn same_subject(a: &Subject, b: &Subject) -> bool {
    same_subject_name(&a.name, b)
}

/// [`same_subject`] for a creation object known by its name only (the draft index).
pub fn same_subject_name(name: &str, b: &Subject) -> bool {
    let (x, y) = (name.trim(), b.name.trim());
    !x.is_empty() && x == y
}

/// The name of a saved assessment file: `<subject>-自评-<date>-<rubric version>.json`,
/// e.g. `杭州市-自评-2026-11-27-2025-10-29-draft.json`. Characters that file systems refuse are
/// replaced; an empty subject name becomes `未命名`.
pub fn file_name(subject_name: &str, date: &str, rubric_version: &str) -> String {
    let name = {
        let s = clean_part(subject_name);
        if s.is_empty() { "未命名".to_string() } else { s }
    };
    let version = clean_part(rubric_version);
    let date = clean_part(date);
    let mut out = format!("{name}-自评");
    for part in [date, version] {
        if !part.is_empty() {
            out.push('-');
            out.push_str(&part);
        }
    }
    out.push_str(".json");
    out
}

/// The name of the file a stored entry is downloaded as before the user removes it (an entry this
/// program cannot use: set aside as corrupt, or written by a newer program): its key, with the
/// characters file systems refuse replaced, and `.txt` (its text may not be JSON at all).
pub fn entry_file_name(key: &str) -> String {
    let cleaned: String = key
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() || c.is_whitespace() || is_invisible(c) => '_',
            c => c,
        })
        .take(150)
        .collect();
    let stem = cleaned.trim_matches(|c| c == '.' || c == '_');
    format!("{}.txt", if stem.is_empty() { "demozone-entry" } else { stem })
}

pub(crate) fn clean_part(s: &str) -> String {
    let cleaned: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c if c.is_whitespace() => '_',
            c => c,
        })
        .take(60)
        .collect();
    cleaned.trim_matches(|c| c == '.' || c == '_').to_string()
}

/// `2026-11-27` from calendar parts (as the app reads them from the local clock).
pub fn iso_date(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2026-11-27 10:08` from local clock parts, for lists and the save status.
pub fn local_stamp(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::io::file::{read_file, write_file};
    use crate::engine::model::assessment::SubjectKind;
    use crate::engine::rubric::load::LoadedRubric;

    fn rubric_ref() -> RubricRef {
        LoadedRubric::bundled().reference()
    }

    fn sample(id: &str) -> Draft {
        let mut a = Assessment::default();
        a.subject.name = "杭州市".into();
        a.subject.kind = Some(SubjectKind::SubProvincialCity);
        a.subject.province = "浙江".into();
        a.subject.start_year = Some(2023);
        a.subject.years = Some(3);
        a.input_mut("4.1").values.insert("score".into(), "1.5".into());
        a.input_mut("4.1").basis = "见附件<script>1</script>".into();
        let mut d = Draft::new(id, "tabA", "2026-11-27T02:00:00.000Z", rubric_ref(), a);
        d.revision = 3;
        d
    }

    #[test]
    fn encode_decode_round_trip() {
        let d = sample("abc");
        let back = decode(&d.encode()).unwrap();
        assert_eq!(back.draft, d);
        assert_eq!(back.from_version, DRAFT_VERSION);
    }

    #[test]
    fn corrupt_entries_are_reported_not_panicked_on() {
        for bad in ["", "{", "[]", "null", "42", "{\"format\":\"x\"}", "{\"format\":\"demozone-draft\"}",
            "{\"format\":\"demozone-draft\",\"version\":0}",
            "{\"format\":\"demozone-draft\",\"version\":1,\"id\":\"a\"}"]
        {
            match decode(bad) {
                Err(DecodeError::Corrupt(m)) => assert!(!m.to_string().is_empty()),
                other => panic!("{bad}: {other:?}"),
            }
        }
        let mut v: Value = serde_json::from_str(&sample("x").encode()).unwrap();
        v["assessment"]["subject"]["start_year"] = Value::from("二〇二三");
        match decode(&v.to_string()) {
            Err(DecodeError::Corrupt(m)) => assert!(m.to_string().contains("assessment.subject.start_year"), "{m}"),
            other => panic!("{other:?}"),
        }
        let mut v: Value = serde_json::from_str(&sample("x").encode()).unwrap();
        v["id"] = Value::from(" ");
        assert!(matches!(decode(&v.to_string()), Err(DecodeError::Corrupt(_))));
    }

    #[test]
    fn drafts_get_the_readers_checks_of_a_file() {
        let corrupt = |text: &str| match decode(text) {
            Err(DecodeError::Corrupt(r)) => r,
            other => panic!("{other:?}"),
        };
        // Over the size limit: refused before it is read.
        let mut big = sample("x").encode();
        big.push_str(&" ".repeat(MAX_FILE_BYTES + 1 - big.len()));
        let r = corrupt(&big);
        assert_eq!(r.message, "草稿过大(20.1 MB),超过20 MB的上限:不是本工具保存的草稿");
        assert!(DecodeError::Corrupt(r).to_string().starts_with("无法读取:草稿过大"));
        // A key twice in one object: which one counts cannot be known.
        let text = sample("x").encode().replacen("\"revision\":3", "\"revision\":3,\"revision\":4", 1);
        let r = corrupt(&text);
        assert_eq!(r.location.path.as_deref(), Some("revision"), "{r}");
        assert!(r.message.contains("键「revision」在同一个对象中出现了两次") && r.message.contains("草稿内容已损坏"), "{r}");
        let text = sample("x").encode().replacen("\"score\":\"1.5\"", "\"score\":\"1.5\",\"score\":\"2\"", 1);
        assert_eq!(corrupt(&text).location.path.as_deref(), Some("assessment.inputs.4.1.values.score"));
        // Nested too deep for a draft.
        let r = corrupt(&format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
        assert!(r.message.contains("嵌套层次过深"), "{r}");
    }

    #[test]
    fn newer_envelopes_are_kept_not_discarded() {
        let mut v: Value = serde_json::from_str(&sample("x").encode()).unwrap();
        v["version"] = Value::from(DRAFT_VERSION + 1);
        v["something_new"] = Value::from(true);
        let e = decode(&v.to_string()).unwrap_err();
        assert_eq!(e, DecodeError::Future { version: u64::from(DRAFT_VERSION + 1) });
        assert!(e.to_string().contains("原样保留"));
        assert_eq!(Stored::of(Some(&v.to_string())), Stored::Future);
    }

    #[test]
    fn migrate_current_is_identity() {
        let v: Value = serde_json::from_str(&sample("x").encode()).unwrap();
        assert_eq!(migrate(v.clone(), DRAFT_VERSION).unwrap(), v);
    }

    #[test]
    fn the_revision_check() {
        let mine = Base { revision: 3, writer: "tabA".into() };
        // What I last wrote is still there: write the next revision.
        let same = Stored::Draft { revision: 3, writer: "tabA".into() };
        assert_eq!(check_save(&mine, &same), SaveCheck::Write { revision: 4 });
        // Another tab wrote revision 4 since: conflict, whatever I hold.
        let theirs = Stored::Draft { revision: 4, writer: "tabB".into() };
        assert_eq!(check_save(&mine, &theirs), SaveCheck::Conflict { theirs: 4 });
        // Both tabs wrote revision 3 from revision 2 (a race): the writer tells them apart.
        let raced = Stored::Draft { revision: 3, writer: "tabB".into() };
        assert_eq!(check_save(&mine, &raced), SaveCheck::Conflict { theirs: 3 });
        // A new draft is written as revision 1; a stored one that vanished was deleted elsewhere.
        assert_eq!(check_save(&Base::unsaved("tabA"), &Stored::Absent), SaveCheck::Write { revision: 1 });
        assert_eq!(check_save(&mine, &Stored::Absent), SaveCheck::Deleted);
        assert_eq!(check_save(&mine, &Stored::Corrupt), SaveCheck::SetAsideThenWrite { revision: 4 });
        assert_eq!(check_save(&mine, &Stored::Future), SaveCheck::Conflict { theirs: 0 });
    }

    #[test]
    fn storage_events() {
        let mine = Base { revision: 3, writer: "tabA".into() };
        assert_eq!(remote_change(&mine, &Stored::Draft { revision: 3, writer: "tabA".into() }), Remote::Same);
        assert_eq!(remote_change(&mine, &Stored::Draft { revision: 4, writer: "tabB".into() }), Remote::Changed { theirs: 4 });
        assert_eq!(remote_change(&mine, &Stored::Absent), Remote::Deleted);
        assert_eq!(remote_change(&Base::unsaved("tabA"), &Stored::Absent), Remote::Same);
        let d = sample("x");
        assert_eq!(Stored::of(Some(&d.encode())), Stored::Draft { revision: 3, writer: "tabA".into() });
        assert_eq!(Stored::of(Some("garbage")), Stored::Corrupt);
        assert_eq!(Stored::of(None), Stored::Absent);
    }

    #[test]
    fn keys() {
        assert_eq!(draft_key("k1"), "demozone.draft.k1");
        assert_eq!(id_of_key("demozone.draft.k1"), Some("k1"));
        assert_eq!(id_of_key("demozone.draft."), None);
        assert_eq!(id_of_key("demozone.deleted.k1"), None);
        assert_eq!(deleted_key("k1"), "demozone.deleted.k1");
        assert_eq!(corrupt_key("demozone.draft.k1", "20261127"), "demozone.corrupt.20261127.demozone.draft.k1");
        assert!(id_of_key(&corrupt_key("demozone.draft.k1", "s")).is_none());
    }

    #[test]
    fn ids_are_short_and_distinct() {
        let a = new_id(1_764_208_000_000.0, 0.1);
        let b = new_id(1_764_208_000_000.0, 0.2);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()) && a.len() <= 16, "{a}");
        assert_eq!(new_id(f64::NAN, f64::NAN), "00000");
    }

    #[test]
    fn titles() {
        let d = sample("x");
        assert_eq!(d.display_title(), "杭州市自评");
        assert_eq!(display_title("  我的草稿 ", &Subject::default()), "我的草稿");
        assert_eq!(display_title("", &Subject::default()), "未命名自评");
        assert_eq!(copy_title("杭州市自评", &[]), "杭州市自评(副本)");
        let existing = vec!["杭州市自评(副本)".to_string(), "杭州市自评(副本2)".to_string()];
        assert_eq!(copy_title("杭州市自评", &existing), "杭州市自评(副本3)");
    }

    #[test]
    fn same_subject_by_name() {
        let a = sample("x").assessment.subject;
        let mut b = Subject { name: " 杭州市 ".into(), ..Default::default() };
        assert!(same_subject(&a, &b));
        b.name = "宁波市".into();
        assert!(!same_subject(&a, &b));
        assert!(!same_subject(&Subject::default(), &Subject::default()));
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name("杭州市", "2026-11-27", "2025-10-29-draft"), "杭州市-自评-2026-11-27-2025-10-29-draft.json");
        assert_eq!(file_name("  ", "2026-11-27", "v1"), "未命名-自评-2026-11-27-v1.json");
        assert_eq!(file_name("a/b:c*?\"<>|\n", "2026-11-27", "v1"), "a_b_c-自评-2026-11-27-v1.json");
        assert_eq!(file_name("..", "2026-11-27", "v1"), "未命名-自评-2026-11-27-v1.json");
        assert_eq!(file_name("上海市 浦东新区", "2026-11-27", "v1"), "上海市_浦东新区-自评-2026-11-27-v1.json");
        assert_eq!(iso_date(2026, 1, 5), "2026-01-05");
        assert_eq!(local_stamp(2026, 1, 5, 9, 3), "2026-01-05 09:03");
    }

    #[test]
    fn a_draft_saved_as_file_opens_to_the_same_assessment() {
        let loaded = LoadedRubric::bundled();
        let d = sample("x");
        let text = write_file(&loaded, &d.assessment, "2026-11-27T02:00:00Z");
        let opened = read_file(&text, &[&loaded]).unwrap();
        assert_eq!(opened.file.assessment, d.assessment);
        assert!(opened.recorded_differences.is_empty());
    }

    #[test]
    fn a_stored_entry_downloads_under_its_key_with_safe_characters() {
        let key = corrupt_key("demozone.draft.mz1abcdef0123", "2026-12-05T06:30:00.000Z");
        assert_eq!(entry_file_name(&key), "demozone.corrupt.2026-12-05T06_30_00.000Z.demozone.draft.mz1abcdef0123.txt");
        assert_eq!(entry_file_name("demozone.draft.a/b\\c\u{202E}d"), "demozone.draft.a_b_c_d.txt");
        assert_eq!(entry_file_name("..."), "demozone-entry.txt");
        assert_eq!(entry_file_name(&"k".repeat(500)).chars().count(), 154);
    }
}

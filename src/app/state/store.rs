//! The draft store context: the drafts kept in this browser as the start page lists them, the
//! stored entries this program cannot use (kept as they are, or set aside when corrupt), the last
//! deletion (for its undo), and whether storage works at all. Reading and writing texts is
//! `app::storage`'s; what a stored text means is the engine's (`engine::io::draft`).
//!
//! The open draft is not this context's: [`super::draft::OpenDraft`] owns it and tells the store
//! when it was saved ([`DraftStore::saved`]).

use leptos::prelude::*;

use super::notices::{Level, Notices};
use super::rubrics::Rubrics;
use super::ReadOnly;
use crate::app::browser;
use crate::app::storage::{self, Mode, StoreError};
use super::port;
use crate::engine::io::draft::{
    copy_title, corrupt_key, decode, deleted_key, draft_key, entry_file_name, id_of_key, new_id, same_subject_name,
    DecodeError, Draft, CORRUPT_PREFIX, DELETED_PREFIX, DRAFT_PREFIX, DRAFT_VERSION,
};
use crate::engine::io::index::{draft_facts, stamp, text_hash, DraftIndex, IndexDeleted, IndexKept, IndexRow, StartTexts, INDEX_KEY};
use crate::engine::model::assessment::Subject;
use crate::engine::rubric::set::RUBRIC_PREFIX;
use crate::engine::score::items::score;
use crate::engine::support::num::fmt;
use crate::engine::view::workbench::verdict_line;

/// The program whose index the start page trusts (build.rs: its engine and bundled data).
const PROGRAM_ID: &str = env!("DEMOZONE_PROGRAM_ID");

/// One draft in the list: its entry of the draft index (`engine::io::index`), and when it was
/// changed in local time.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRow {
    pub row: IndexRow,
    pub updated: String,
}

impl std::ops::Deref for DraftRow {
    type Target = IndexRow;
    fn deref(&self) -> &IndexRow {
        &self.row
    }
}

impl DraftRow {
    fn of(row: IndexRow) -> DraftRow {
        DraftRow { updated: browser::local_time(&row.updated_at), row }
    }
}

/// A stored entry this program cannot use, left as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub key: String,
    pub message: String,
    /// `engine::io::index::text_hash` of the entry's text.
    pub hash: u64,
}

/// A stored entry set aside (a corrupt draft's text under a `demozone.corrupt.` key): kept until
/// the user downloads and removes it, since it counts against the storage quota.
#[derive(Debug, Clone, PartialEq)]
pub struct Aside {
    pub key: String,
    /// Its length in characters (what it takes of the quota, roughly twice that in bytes).
    pub chars: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    pub id: String,
    pub title: String,
    /// The stored text, also kept here in case storage refused to keep it.
    pub text: String,
    /// Whether the copy for the undo is stored (else the undo lasts only as long as this page).
    pub stored: bool,
}

/// The drafts in this browser (`Copy`; provided by the app's root).
#[derive(Clone, Copy)]
pub struct DraftStore {
    /// This page load's writer id (see `engine::io::draft::Base`).
    pub tab: &'static str,
    /// Whether drafts outlive the page.
    pub mode: ReadOnly<Mode>,
    /// The usable and unusable drafts, the most recently changed first.
    pub rows: ReadOnly<Vec<DraftRow>>,
    /// Entries left as they are (written by a newer program, or corrupt and not set aside).
    pub kept: ReadOnly<Vec<Kept>>,
    /// Corrupt entries set aside, until the user removes them.
    pub aside: ReadOnly<Vec<Aside>>,
    /// The last deleted draft, until restored or replaced.
    pub deleted: ReadOnly<Option<Deleted>>,
    /// The header's lines when no draft is open (from the index until the engine is loaded).
    pub start_texts: ReadOnly<StartTexts>,
    /// Whether the list is complete: false while drafts the index did not describe are being read.
    pub complete: ReadOnly<bool>,
    set_mode: RwSignal<Mode>,
    set_start_texts: RwSignal<StartTexts>,
    set_complete: RwSignal<bool>,
    set_rows: RwSignal<Vec<DraftRow>>,
    set_kept: RwSignal<Vec<Kept>>,
    set_aside: RwSignal<Vec<Aside>>,
    set_deleted: RwSignal<Option<Deleted>>,
    rubrics: Rubrics,
    notices: Notices,
}

pub fn use_store() -> DraftStore {
    super::use_contexts().store
}

impl DraftStore {
    pub fn new(rubrics: Rubrics, notices: Notices) -> DraftStore {
        let tab: &'static str = Box::leak(format!("t{}", new_id(browser::now_ms(), browser::random())).into_boxed_str());
        let set_mode = RwSignal::new(Mode::Persistent);
        let set_rows = RwSignal::new(Vec::new());
        let set_kept = RwSignal::new(Vec::new());
        let set_aside = RwSignal::new(Vec::new());
        let set_deleted = RwSignal::new(None);
        let set_start_texts = RwSignal::new(StartTexts::default());
        let set_complete = RwSignal::new(true);
        DraftStore {
            start_texts: ReadOnly::of(set_start_texts),
            complete: ReadOnly::of(set_complete),
            set_start_texts,
            set_complete,
            tab,
            mode: ReadOnly::of(set_mode),
            rows: ReadOnly::of(set_rows),
            kept: ReadOnly::of(set_kept),
            aside: ReadOnly::of(set_aside),
            deleted: ReadOnly::of(set_deleted),
            set_mode,
            set_rows,
            set_kept,
            set_aside,
            set_deleted,
            rubrics,
            notices,
        }
    }

    /// Connects to `localStorage` (or says that drafts live only as long as the page).
    pub fn connect(&self) {
        self.set_mode.set(storage::init());
    }

    /// A new random id (of a draft or an assessment).
    pub fn fresh_id(&self) -> String {
        new_id(browser::now_ms(), browser::random())
    }

    /// Lists the stored drafts again: read and scored by the engine once it is loaded; before, from
    /// their index (`engine::io::index`), the drafts it does not describe read once the engine is
    /// there.
    pub fn refresh(&self) {
        match port::engine() {
            Some(e) => e.refresh(*self),
            None => {
                let complete = self.from_index();
                self.set_complete.set(complete);
                port::load(!complete);
            }
        }
    }

    /// The list as the draft index describes it (no draft is read, no JSON parsed). Whether it
    /// described every stored entry; those it did not are left out until the engine reads them.
    fn from_index(&self) -> bool {
        let stamp = stamp(PROGRAM_ID, &storage::keys(RUBRIC_PREFIX));
        let Some(index) = storage::get(INDEX_KEY).and_then(|t| DraftIndex::decode(&t, &stamp)) else { return false };
        let mut complete = true;
        let (mut rows, mut kept) = (Vec::new(), Vec::new());
        for key in storage::keys(DRAFT_PREFIX) {
            let Some(text) = storage::get(&key) else { continue };
            let hash = text_hash(&text);
            if let Some(r) = index.rows.iter().find(|r| r.hash == hash && draft_key(&r.id) == key) {
                rows.push(DraftRow::of(r.clone()));
            } else if let Some(k) = index.kept.iter().find(|k| k.hash == hash && k.key == key) {
                kept.push(Kept { key: k.key.clone(), message: k.message.clone(), hash });
            } else {
                complete = false;
            }
        }
        rows.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| a.title.cmp(&b.title)));
        self.set_rows.set(rows);
        self.set_kept.set(kept);
        self.set_start_texts.set(index.texts);
        self.list_aside();
        if self.deleted.with_untracked(Option::is_none) {
            if let Some(key) = storage::keys(DELETED_PREFIX).into_iter().next() {
                let text = storage::get(&key).unwrap_or_default();
                match index.deleted.filter(|d| d.key == key && d.hash == text_hash(&text)) {
                    Some(d) => self.set_deleted.set(Some(Deleted { id: d.id, title: d.title, text, stored: true })),
                    None => complete = false,
                }
            }
        }
        complete
    }

    /// The corrupt entries set aside.
    fn list_aside(&self) {
        let mut aside: Vec<Aside> = storage::keys(CORRUPT_PREFIX)
            .into_iter()
            .map(|key| {
                let chars = storage::get(&key).map_or(0, |t| t.encode_utf16().count());
                Aside { key, chars }
            })
            .collect();
        aside.sort_by(|a, b| a.key.cmp(&b.key));
        self.set_aside.set(aside);
    }

    /// The header's lines when no draft is open, as the engine makes them.
    pub fn set_start_texts(&self, texts: StartTexts) {
        self.set_start_texts.set(texts);
    }

    /// Reads every stored draft (the engine's side of [`DraftStore::refresh`]): unreadable
    /// entries are set aside (kept under another key) and reported; entries written by a newer
    /// program are left as they are and listed. Then writes the index.
    pub fn read_all(&self) {
        let mut rows = Vec::new();
        let mut kept = Vec::new();
        let mut set_aside = Vec::new();
        for key in storage::keys(DRAFT_PREFIX) {
            let Some(id) = id_of_key(&key).map(str::to_string) else { continue };
            let Some(text) = storage::get(&key) else { continue };
            match decode(&text) {
                Ok(decoded) => {
                    let mut d = decoded.draft;
                    if d.id != id {
                        // Stored under another key than its id (copied by hand): the key wins.
                        d.id = id.clone();
                    }
                    let mut hash = text_hash(&text);
                    if decoded.from_version < DRAFT_VERSION {
                        // Migrated: store the new shape once (same revision, so no tab sees a conflict).
                        let migrated = d.encode();
                        if storage::set(&key, &migrated).is_ok() {
                            hash = text_hash(&migrated);
                        }
                    }
                    rows.push(self.row_of(&d, hash));
                }
                Err(e @ DecodeError::Future { .. }) => kept.push(Kept { key: key.clone(), message: e.to_string(), hash: text_hash(&text) }),
                // Set aside only when the copy is stored: the entry may be the only copy.
                Err(e @ DecodeError::Corrupt(_)) => match set_aside_copy(&key, &text) {
                    Ok(aside) => set_aside.push(format!("「{key}」{e};原内容已另存为「{aside}」,未删除。")),
                    Err(w) => kept.push(Kept {
                        key: key.clone(),
                        message: format!("{e};无法另存({}),已原样保留在原处", store_error_text(&w)),
                        hash: text_hash(&text),
                    }),
                },
            }
        }
        rows.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| a.title.cmp(&b.title)));
        self.set_rows.set(rows);
        self.set_kept.set(kept);
        self.list_aside();
        if !set_aside.is_empty() {
            self.notices.notify(Level::Warning, "notice-corrupt", "发现无法读取的草稿记录,已另行保存并跳过:", set_aside);
        }
        if self.deleted.with_untracked(Option::is_none) {
            let found = storage::keys(DELETED_PREFIX).into_iter().find_map(|k| {
                let text = storage::get(&k)?;
                let d = decode(&text).ok()?.draft;
                Some(Deleted { id: d.id.clone(), title: d.display_title(), text, stored: true })
            });
            if found.is_some() {
                self.set_deleted.set(found);
            }
        }
        self.set_complete.set(true);
        self.write_index();
    }

    /// Writes the draft index from the list as it is now. A cache: when it cannot be stored (a
    /// full storage), the next start reads the drafts themselves, and nothing is said.
    fn write_index(&self) {
        if !self.complete.get_untracked() || self.mode.get_untracked() != Mode::Persistent {
            return;
        }
        let index = DraftIndex {
            stamp: stamp(PROGRAM_ID, &storage::keys(RUBRIC_PREFIX)),
            texts: self.start_texts.get_untracked(),
            rows: self.rows.with_untracked(|r| r.iter().map(|r| r.row.clone()).collect()),
            kept: self.kept.with_untracked(|k| {
                k.iter().map(|k| IndexKept { hash: k.hash, key: k.key.clone(), message: k.message.clone() }).collect()
            }),
            deleted: self.deleted.with_untracked(|d| {
                d.as_ref().filter(|d| d.stored).map(|d| IndexDeleted {
                    hash: text_hash(&d.text),
                    key: deleted_key(&d.id),
                    id: d.id.clone(),
                    title: d.title.clone(),
                })
            }),
        };
        let _ = storage::set(INDEX_KEY, &index.encode());
    }

    /// Forgets the last deletion (another tab changed the drafts), then lists them again.
    pub fn refresh_after_other_tab(&self) {
        // A deletion whose undo copy lives only in this page is this page's to keep.
        if self.deleted.with_untracked(|d| d.as_ref().is_none_or(|d| d.stored)) {
            self.set_deleted.set(None);
        }
        self.refresh();
    }

    /// The row of `d`, stored as the text of hash `hash`.
    fn row_of(&self, d: &Draft, hash: u64) -> DraftRow {
        let unusable = self.problem_of(d);
        let scored = self.rubrics.set.with_untracked(|s| s.find(&d.rubric).map(|r| score(&r.rubric, &d.assessment)));
        let (score, verdict, passed) = match scored {
            Some(o) if unusable.is_none() => (format!("{}分", fmt(o.total)), verdict_line(&o), o.passed),
            _ => (String::new(), String::new(), false),
        };
        DraftRow::of(IndexRow {
            hash,
            id: d.id.clone(),
            revision: d.revision,
            title: d.display_title(),
            facts: draft_facts(&d.assessment.subject),
            subject_name: d.assessment.subject.name.clone(),
            updated_at: d.updated_at.clone(),
            score,
            verdict,
            passed,
            unusable,
            rubric: d.rubric.clone(),
        })
    }

    /// Why `d` cannot be opened with the loaded rubrics, if so.
    pub fn problem_of(&self, d: &Draft) -> Option<String> {
        self.rubrics.set.with_untracked(|s| s.resolve(&d.rubric).err().map(|e| e.to_string()))
    }

    /// A stored draft (under its key's id) and its text.
    pub fn read(&self, id: &str) -> Option<(Draft, String)> {
        let text = storage::get(&draft_key(id))?;
        let mut d = decode(&text).ok()?.draft;
        d.id = id.to_string();
        Some((d, text))
    }

    /// The open draft was stored as `d`, in the text of hash `hash`: its row goes first.
    pub fn saved(&self, d: &Draft, hash: u64) {
        let row = self.row_of(d, hash);
        self.set_rows.update(|rows| {
            rows.retain(|r| r.id != row.id);
            rows.insert(0, row);
        });
        self.write_index();
    }

    /// The titles of the listed drafts (for a copy's title).
    pub fn titles(&self) -> Vec<String> {
        self.rows.with_untracked(|d| d.iter().map(|r| r.title.clone()).collect())
    }

    /// Drafts whose subject is the same creation object as `subject`: (id, title).
    pub fn with_subject(&self, subject: &Subject) -> Vec<(String, String)> {
        self.rows.with_untracked(|rows| {
            rows.iter()
                .filter(|r| r.unusable.is_none() && same_subject_name(&r.subject_name, subject))
                .map(|r| (r.id.clone(), r.title.clone()))
                .collect()
        })
    }

    /// Renames a draft that is not open in this tab (the open one: `OpenDraft::rename`).
    pub fn rename(&self, id: &str, title: String) {
        let Some((mut d, _)) = self.read(id) else { return self.refresh() };
        d.title = title;
        d.revision += 1;
        d.writer = self.tab.to_string();
        d.updated_at = browser::now_iso();
        self.store(&d);
    }

    pub fn duplicate(&self, id: &str) {
        let Some((d, _)) = self.read(id) else { return self.refresh() };
        let now = browser::now_iso();
        let mut a = d.assessment.clone();
        a.id = self.fresh_id();
        let mut copy = Draft::new(&self.fresh_id(), self.tab, &now, d.rubric.clone(), a);
        copy.title = copy_title(&d.display_title(), &self.titles());
        copy.revision = 1;
        self.store(&copy);
    }

    fn store(&self, d: &Draft) {
        match storage::set(&draft_key(&d.id), &d.encode()) {
            Ok(()) => self.refresh(),
            Err(e) => self.notices.notify(Level::Error, "notice-storage-op", "操作未能完成", vec![store_error_text(&e)]),
        }
    }

    /// Deletes a stored draft (the open one is closed by `OpenDraft::delete`); it can be restored
    /// with [`DraftStore::undo_delete`]. Whether there was one to delete.
    pub fn delete(&self, id: &str) -> bool {
        let key = draft_key(id);
        let Some(text) = storage::get(&key) else {
            self.refresh();
            return false;
        };
        let title = decode(&text).map(|d| d.draft.display_title()).unwrap_or_else(|_| id.to_string());
        // Keep only the most recent deletion.
        for k in storage::keys(DELETED_PREFIX) {
            storage::remove(&k);
        }
        // The draft is deleted even when its copy for the undo cannot be stored (deleting is how a
        // full storage is freed); the undo then lives in this page only, and the user is told.
        let stored = match storage::set(&deleted_key(id), &text) {
            Ok(()) => true,
            Err(e) => {
                self.notices.notify(
                    Level::Warning,
                    "notice-undo-unsaved",
                    format!("已删除草稿「{title}」,但未能在浏览器中保留可撤销的副本"),
                    vec![format!(
                        "{}。在关闭或刷新本页面之前仍可“撤销删除”;之后将无法恢复。如需保留,请先撤销删除,再打开它并“保存为文件”。",
                        store_error_text(&e)
                    )],
                );
                false
            }
        };
        storage::remove(&key);
        self.set_deleted.set(Some(Deleted { id: id.to_string(), title, text, stored }));
        self.refresh();
        true
    }

    /// Whether something would be lost with this page: drafts kept only in its memory (storage
    /// unavailable), or a deletion whose undo copy is not stored.
    pub fn only_in_page(&self) -> bool {
        (self.mode.get_untracked() == Mode::MemoryOnly && self.rows.with_untracked(|r| !r.is_empty())) || self.undo_only_in_page()
    }

    /// Whether the last deletion's undo lasts only as long as this page.
    pub fn undo_only_in_page(&self) -> bool {
        self.deleted.with_untracked(|d| d.as_ref().is_some_and(|d| !d.stored))
    }

    /// The text of an entry the user may download and remove: one set aside, or one kept as it is.
    pub fn entry_text(&self, key: &str) -> Option<String> {
        self.removable(key).then(|| storage::get(key)).flatten()
    }

    /// Offers an entry's text as a file (the user keeps it before removing it).
    pub fn download_entry(&self, key: &str) {
        let Some(text) = self.entry_text(key) else { return self.refresh() };
        if let Err(e) = browser::download_text(&entry_file_name(key), &text) {
            self.notices.notify(Level::Error, "notice-storage-op", "无法下载该记录", vec![e]);
        }
    }

    /// Removes an entry set aside or kept (the user chose to, after downloading it or not).
    pub fn remove_entry(&self, key: &str) {
        if self.removable(key) {
            storage::remove(key);
        }
        self.refresh();
    }

    /// Only entries listed as set aside or kept can be removed this way (never a usable draft).
    fn removable(&self, key: &str) -> bool {
        self.aside.with_untracked(|a| a.iter().any(|x| x.key == key)) || self.kept.with_untracked(|k| k.iter().any(|x| x.key == key))
    }

    pub fn undo_delete(&self) {
        let Some(d) = self.deleted.get_untracked() else { return };
        let key = draft_key(&d.id);
        if storage::get(&key).is_some() {
            self.notices.notify(Level::Error, "notice-storage-op", "无法恢复:已有同一编号的草稿", vec![]);
            return;
        }
        match storage::set(&key, &d.text) {
            Ok(()) => {
                storage::remove(&deleted_key(&d.id));
                self.set_deleted.set(None);
                self.notices.dismiss_kind("notice-undo-unsaved");
                self.refresh();
            }
            Err(e) => self.notices.notify(Level::Error, "notice-storage-op", "无法恢复草稿", vec![store_error_text(&e)]),
        }
    }
}

/// Moves a stored text that cannot be read to another key (nothing is deleted); that key.
fn set_aside_copy(key: &str, text: &str) -> Result<String, StoreError> {
    let aside = copy_aside(key, text)?;
    storage::remove(key);
    Ok(aside)
}

/// Stores a copy of the unreadable `text` of `key` under a `demozone.corrupt.*` key (or finds
/// the copy stored before, so that a retry does not store it twice); that key.
pub fn copy_aside(key: &str, text: &str) -> Result<String, StoreError> {
    let suffix = format!(".{key}");
    if let Some(existing) =
        storage::keys(CORRUPT_PREFIX).into_iter().find(|k| k.ends_with(&suffix) && storage::get(k).as_deref() == Some(text))
    {
        return Ok(existing);
    }
    let aside = corrupt_key(key, &browser::now_iso());
    storage::set(&aside, text)?;
    Ok(aside)
}

pub fn store_error_text(e: &StoreError) -> String {
    match e {
        StoreError::Quota => "浏览器的存储空间已满".into(),
        StoreError::Other(m) => format!("浏览器拒绝保存:{m}"),
    }
}

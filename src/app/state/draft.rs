//! The open draft context: the one owner of the assessment this tab edits. Views read it and
//! dispatch [`Edit`]s; [`OpenDraft::dispatch`] applies them (`engine::model::edit::apply`) and
//! stores the draft at once, unless another tab changed it meanwhile (then it says so and waits
//! for the user's choice).
//!
//! The score of the open draft is the engine's (`engine::score`), read through [`OpenDraft::outcome`].

use crate::engine::model::banfa::CURRENT_BANFA_ID;
use leptos::prelude::*;

use super::notices::{Level, Notices};
use super::port::with_engine;
use super::rubrics::Rubrics;
use super::store::{copy_aside, store_error_text, DraftStore};
use super::ReadOnly;
use crate::app::browser;
use crate::app::storage::{self, StoreError};
use crate::engine::io::draft::{
    check_save, copy_title, display_title, draft_key, remote_change, Base, Draft, Remote, SaveCheck,
    Stored,
};
use crate::engine::model::assessment::Assessment;
use crate::engine::model::edit::{apply, Edit};
use crate::engine::model::rubric::RubricRef;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::io::index::text_hash;
use crate::engine::score::outcome::Outcome;

/// The rubric of the open draft until the engine is loaded (nothing shows it).
fn unloaded() -> &'static LoadedRubric {
    thread_local! {
        static UNLOADED: &'static LoadedRubric = Box::leak(Box::new(LoadedRubric::unloaded()));
    }
    UNLOADED.with(|u| *u)
}

/// The draft this tab edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub id: String,
    pub title: String,
    pub created_at: String,
    /// The stored revision this tab last read or wrote.
    pub base: Base,
    /// The rubric the draft is scored with; changed only by an explicit, confirmed move.
    pub rubric: RubricRef,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing to save yet.
    Idle,
    /// Saved at this local time.
    Saved(String),
    /// The last change could not be stored.
    Failed(StoreError),
    /// Not saved: another tab changed or deleted the draft (see [`Conflict`]).
    Conflict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// Another tab stored a newer version of this draft.
    Changed,
    /// Another tab deleted this draft.
    Deleted,
}

/// The open draft (`Copy`; provided by the app's root).
#[derive(Clone, Copy)]
pub struct OpenDraft {
    /// Which draft is open (none: the start page or a tool).
    pub current: ReadOnly<Option<Current>>,
    /// Its assessment. Changed only here, by [`OpenDraft::dispatch`] and by opening a draft.
    pub assessment: ReadOnly<Assessment>,
    /// Its self-assessment scored with its rubric.
    pub outcome: Memo<Outcome>,
    /// Its rubric (the bundled one when none is open).
    pub rubric: Memo<&'static LoadedRubric>,
    pub save_state: ReadOnly<SaveState>,
    /// Another tab changed or deleted it since this tab read or wrote it.
    pub conflict: ReadOnly<Option<Conflict>>,
    set_current: RwSignal<Option<Current>>,
    set_assessment: RwSignal<Assessment>,
    set_save_state: RwSignal<SaveState>,
    set_conflict: RwSignal<Option<Conflict>>,
    rubrics: Rubrics,
    store: DraftStore,
    notices: Notices,
}

pub fn use_draft() -> OpenDraft {
    super::use_contexts().draft
}

impl OpenDraft {
    pub fn new(rubrics: Rubrics, store: DraftStore, notices: Notices) -> OpenDraft {
        let set_current = RwSignal::new(None::<Current>);
        let current = ReadOnly::of(set_current);
        // Both by the engine (`super::port`); nothing reads them before it is loaded, and they are
        // computed again once it is (the rubrics are loaded then).
        let rubric = Memo::new_with_compare(
            move |_| {
                let r = current.with(|c| c.as_ref().map(|c| c.rubric.clone()));
                rubrics.set.with(|s| with_engine(|e| e.rubric_of(s, r.as_ref()))).unwrap_or_else(unloaded)
            },
            |a, b| a.map(|x| &x.digest) != b.map(|x| &x.digest),
        );
        let set_assessment = RwSignal::new(Assessment::default());
        let assessment = ReadOnly::of(set_assessment);
        let outcome = Memo::new(move |_| {
            let rubric = rubric.get();
            assessment.with(|a| with_engine(|e| e.score(rubric, a))).unwrap_or_else(Outcome::unscored)
        });
        let set_save_state = RwSignal::new(SaveState::Idle);
        let set_conflict = RwSignal::new(None);
        let (save_state, conflict) = (ReadOnly::of(set_save_state), ReadOnly::of(set_conflict));
        OpenDraft {
            current,
            assessment,
            outcome,
            rubric,
            save_state,
            conflict,
            set_current,
            set_assessment,
            set_save_state,
            set_conflict,
            rubrics,
            store,
            notices,
        }
    }

    /// The rubric of the open draft (the bundled one when none is open), as of now.
    pub fn loaded_rubric(&self) -> &'static LoadedRubric {
        self.rubric.get_untracked()
    }

    /// The id of the open draft, as of now.
    pub fn id(&self) -> Option<String> {
        self.current.with_untracked(|c| c.as_ref().map(|c| c.id.clone()))
    }

    pub fn is_open(&self, id: &str) -> bool {
        self.current.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == id))
    }

    // ---- Edits ----

    /// The one way the open assessment changes: applies `edit` (see `engine::model::edit`), then
    /// stores the draft.
    /// Returns whether the assessment changed; an edit that cannot be applied is said in a notice.
    pub fn dispatch(&self, edit: Edit) -> bool {
        if !self.apply(&edit) {
            return false;
        }
        self.save();
        true
    }

    /// Applies `edit` to the open assessment without storing it; whether it changed.
    fn apply(&self, edit: &Edit) -> bool {
        let mut result = Ok(false);
        self.set_assessment.maybe_update(|a| {
            result = apply(a, edit);
            result == Ok(true)
        });
        result.unwrap_or_else(|e| {
            self.notices.notify(Level::Error, "notice-edit", "本次修改未能执行", vec![e.to_string()]);
            false
        })
    }

    // ---- Opening, creating, closing ----

    pub fn show(&self, current: Current, assessment: Assessment) {
        self.set_current.set(Some(current));
        self.set_conflict.set(None);
        self.set_assessment.set(assessment);
    }

    /// Opens a stored draft in this tab; false (and a notice) when it cannot be.
    pub fn open(&self, id: &str) -> bool {
        let Some((d, _)) = self.store.read(id) else {
            self.notices.notify(Level::Error, "notice-open", "无法打开草稿:它已不在本浏览器的存储中(可能已在其他标签页中删除)", vec![]);
            self.store.refresh();
            return false;
        };
        if let Some(problem) = self.store.problem_of(&d) {
            self.notices.notify(Level::Error, "notice-open", "无法打开草稿", vec![problem]);
            return false;
        }
        let current =
            Current { id: d.id.clone(), title: d.title.clone(), created_at: d.created_at.clone(), base: d.base(), rubric: d.rubric.clone() };
        self.show(current, d.assessment);
        self.set_save_state.set(SaveState::Saved(browser::local_time(&d.updated_at)));
        true
    }

    /// Makes `assessment` a new draft scored with `rubric` (a loaded one), opens it in this tab
    /// and stores it. Returns its id.
    pub fn create(&self, rubric: RubricRef, assessment: Assessment, title: String) -> String {
        let id = self.store.fresh_id();
        let base = Base::unsaved(self.store.tab);
        self.show(Current { id: id.clone(), title, created_at: browser::now_iso(), base, rubric }, assessment);
        self.save();
        id
    }

    /// A new, empty assessment scored with `rubric` (a loaded one; none: the bundled one), opened
    /// in this tab and stored on its first change (`dispatch`): left empty, it leaves no draft.
    pub fn create_empty(&self, rubric: Option<RubricRef>) {
        let rubric = rubric.unwrap_or_else(|| self.rubrics.set.with_untracked(|s| s.bundled().reference()));
        // A new assessment is under the 办法 in force (an old draft or file keeps the one it records).
        let assessment =
            Assessment { id: self.store.fresh_id(), banfa: Some(CURRENT_BANFA_ID.into()), ..Default::default() };
        let base = Base::unsaved(self.store.tab);
        let current = Current { id: self.store.fresh_id(), title: String::new(), created_at: browser::now_iso(), base, rubric };
        self.show(current, assessment);
        self.set_save_state.set(SaveState::Idle);
    }

    /// No draft open any more (it was deleted, or its rubric removed).
    pub fn close(&self) {
        self.set_current.set(None);
        self.set_assessment.set(Assessment::default());
        self.set_save_state.set(SaveState::Idle);
        storage::set_tab_place("", "drafts");
    }

    /// Closes the open draft when it is scored with `rubric` (which is being removed: a draft is
    /// never shown under another rubric).
    pub fn close_if_uses(&self, rubric: &RubricRef) {
        if self.current.with_untracked(|c| c.as_ref().is_some_and(|c| c.rubric == *rubric)) {
            self.close();
        }
    }

    /// Replaces a stored draft's assessment and the rubric it is scored with (the user agreed:
    /// an opened file, or a move to another rubric), and opens it. Whether it is open now.
    pub fn replace(&self, id: &str, rubric: RubricRef, assessment: Assessment) -> bool {
        if !self.open(id) {
            return false;
        }
        self.set_current.update(|c| {
            if let Some(c) = c {
                c.rubric = rubric;
            }
        });
        // Stored even when the assessment is the same: the rubric may have changed.
        self.apply(&Edit::Replace { assessment: Box::new(assessment) });
        self.save();
        true
    }

    // ---- Saving ----

    /// Stores the open draft now, unless another tab changed it since this tab read or wrote it.
    pub fn save(&self) {
        let Some(cur) = self.current.get_untracked() else { return };
        if self.conflict.get_untracked().is_some() {
            self.set_save_state.set(SaveState::Conflict);
            return;
        }
        let key = draft_key(&cur.id);
        let stored_text = storage::get(&key);
        // The key a corrupt stored entry was set aside under (moved there before this write).
        let mut set_aside = None;
        let revision = match check_save(&cur.base, &Stored::of(stored_text.as_deref())) {
            SaveCheck::Write { revision } => revision,
            SaveCheck::SetAsideThenWrite { revision } => {
                if let Some(t) = &stored_text {
                    let aside = match copy_aside(&key, t) {
                        Ok(aside) => aside,
                        Err(e) => {
                            // The stored entry may be the only copy of what it holds: never overwritten
                            // unless its copy is stored.
                            self.notices.notify(
                                Level::Error,
                                "notice-corrupt",
                                "存储中的本草稿记录已损坏,且无法另存,因此没有用当前内容覆盖它:",
                                vec![format!(
                                    "「{key}」的原内容仍原样保留在原处({})。当前内容只保留在本页面中,请先“保存为文件”;腾出空间后,下一次修改会先另存原内容,再保存当前内容。",
                                    store_error_text(&e)
                                )],
                            );
                            self.set_save_state.set(SaveState::Failed(e));
                            return;
                        }
                    };
                    // Its copy is stored: the entry under the draft's key may now be overwritten
                    // (it stays until then: removed, it would read as deleted by another tab).
                    set_aside = Some(aside);
                }
                revision
            }
            SaveCheck::Conflict { .. } => return self.in_conflict(Conflict::Changed),
            SaveCheck::Deleted => return self.in_conflict(Conflict::Deleted),
        };
        let now = browser::now_iso();
        let tab = self.store.tab;
        let draft = Draft {
            revision,
            writer: tab.to_string(),
            title: cur.title.clone(),
            updated_at: now.clone(),
            ..Draft::new(&cur.id, tab, &cur.created_at, cur.rubric.clone(), self.assessment.get_untracked())
        };
        let text = draft.encode();
        let written = storage::set(&key, &text);
        if let Some(aside) = set_aside {
            let title = if written.is_ok() {
                "存储中的本草稿记录已损坏,已另存后用当前内容保存:"
            } else {
                "存储中的本草稿记录已损坏,已另存;当前内容未能保存:"
            };
            self.notices.notify(Level::Warning, "notice-corrupt", title, vec![format!("原内容已另存为「{aside}」,未删除。")]);
            self.store.refresh();
        }
        match written {
            Ok(()) => {
                self.set_current.update(|c| {
                    if let Some(c) = c {
                        c.base = draft.base();
                    }
                });
                self.set_save_state.set(SaveState::Saved(browser::local_time(&now)));
                self.store.saved(&draft, text_hash(&text));
            }
            Err(e) => self.set_save_state.set(SaveState::Failed(e)),
        }
    }

    /// Whether the open draft has changes that are not stored (a failed write, a conflict with
    /// another tab): closing or reloading the page, or opening another draft, would lose them.
    pub fn unsaved(&self) -> bool {
        self.current.with_untracked(Option::is_some)
            && matches!(self.save_state.get_untracked(), SaveState::Failed(_) | SaveState::Conflict)
    }

    /// Stores the open draft again when its last write failed (space was freed).
    pub fn retry(&self) {
        if matches!(self.save_state.get_untracked(), SaveState::Failed(_)) {
            self.save();
        }
    }

    fn in_conflict(&self, c: Conflict) {
        self.set_conflict.set(Some(c));
        self.set_save_state.set(SaveState::Conflict);
    }

    // ---- Drafts that may be the open one ----

    pub fn rename(&self, id: &str, title: String) {
        let title = title.trim().to_string();
        if !self.is_open(id) {
            return self.store.rename(id, title);
        }
        self.set_current.update(|c| {
            if let Some(c) = c {
                c.title = title;
            }
        });
        self.save();
    }

    /// Deletes a stored draft (closing it when it is open here); see `DraftStore::undo_delete`.
    pub fn delete(&self, id: &str) {
        if self.store.delete(id) {
            if self.is_open(id) {
                self.close();
            } else {
                // Space was freed: the open draft's failed write may succeed now.
                self.retry();
            }
        }
    }

    /// Removes a stored entry the program cannot use (the user chose to); space is freed, so
    /// the open draft's failed write is tried again.
    pub fn remove_entry(&self, key: &str) {
        self.store.remove_entry(key);
        self.retry();
    }

    // ---- Other tabs ----

    /// Another tab wrote `value` under `key` (`None`: storage was cleared): a conflict when it
    /// changed or deleted the open draft.
    pub fn check_other_tab(&self, key: Option<&str>, value: Option<String>) {
        let Some(cur) = self.current.get_untracked() else { return };
        let mine = draft_key(&cur.id);
        if key.is_some_and(|k| k != mine) || self.conflict.get_untracked().is_some() {
            return;
        }
        let value = if key.is_some() { value } else { storage::get(&mine) };
        match remote_change(&cur.base, &Stored::of(value.as_deref())) {
            Remote::Same => {}
            Remote::Changed { .. } => self.in_conflict(Conflict::Changed),
            Remote::Deleted => self.in_conflict(Conflict::Deleted),
        }
    }

    /// Conflict: drop this tab's version and load the stored one. Whether it could be loaded.
    pub fn load_theirs(&self) -> bool {
        let Some(id) = self.id() else { return false };
        self.set_conflict.set(None);
        self.open(&id)
    }

    /// Conflict: keep this tab's version as a new draft (the stored one stays as the other tab
    /// left it).
    pub fn keep_mine_as_copy(&self) {
        let Some(cur) = self.current.get_untracked() else { return };
        let a = self.assessment.get_untracked();
        let title = display_title(&cur.title, &a.subject);
        self.set_conflict.set(None);
        self.create(cur.rubric.clone(), a, copy_title(&title, &self.store.titles()));
        self.notices.notify(Level::Info, "notice-copy", "已将本页的版本另存为新草稿", vec![]);
    }
}

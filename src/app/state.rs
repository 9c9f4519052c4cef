//! The app's state (signals) and the operations on it: open, create, edit and save drafts,
//! resolve conflicts between tabs. Decisions about stored texts are the engine's
//! (`engine::draft`); scores are the engine's (`engine::score`).

use leptos::prelude::*;

use super::browser;
use super::rubric_versions::{load_stored, pin};
use super::storage::{self, Mode, StoreError};
use crate::engine::io::draft::{
    check_save, copy_title, corrupt_key, decode, deleted_key, display_title, draft_key, id_of_key, new_id,
    remote_change, same_subject, Base, DecodeError, Draft, Remote, SaveCheck, Stored, DELETED_PREFIX, DRAFT_PREFIX,
    DRAFT_VERSION,
};
use crate::engine::model::assessment::{Assessment, Subject};
use crate::engine::model::edit::{apply, Edit};
use crate::engine::model::rubric::RubricRef;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::rubric::set::{RubricSet, RUBRIC_PREFIX};
use crate::engine::score::items::score;
use crate::engine::score::outcome::Outcome;
use crate::engine::support::num::fmt;
use crate::engine::view::workbench::verdict_line;

/// What the main area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Drafts,
    Subject,
    /// 申请条件 (第五条, 第六条).
    Eligibility,
    /// 创建流程 (第七条–第十七条, 第二十二条).
    Process,
    Indicator(u32),
    Summary,
    /// 省级汇总: many assessment files in one ranking (no draft needs to be open).
    Ranking,
    /// 专家组合议: expert score sheets merged.
    Panel,
    /// 版本比较: two versions of one assessment.
    Compare,
    /// 打印报告: the 自评报告 or a reviewer's 初审意见 / 评估意见, for printing.
    Report,
}

impl Page {
    pub fn tag(self) -> String {
        match self {
            Page::Drafts => "drafts".into(),
            Page::Subject => "subject".into(),
            Page::Eligibility => "eligibility".into(),
            Page::Process => "process".into(),
            Page::Indicator(n) => format!("i{n}"),
            Page::Summary => "summary".into(),
            Page::Ranking => "ranking".into(),
            Page::Panel => "panel".into(),
            Page::Compare => "compare".into(),
            Page::Report => "report".into(),
        }
    }
    /// The multi-file tools, shown without the draft's navigation.
    pub fn is_tool(self) -> bool {
        matches!(self, Page::Ranking | Page::Panel | Page::Compare)
    }
    pub fn from_tag(tag: &str) -> Option<Page> {
        match tag {
            "drafts" => Some(Page::Drafts),
            "subject" => Some(Page::Subject),
            "eligibility" => Some(Page::Eligibility),
            "process" => Some(Page::Process),
            "summary" => Some(Page::Summary),
            "ranking" => Some(Page::Ranking),
            "panel" => Some(Page::Panel),
            "compare" => Some(Page::Compare),
            "report" => Some(Page::Report),
            t => t.strip_prefix('i').and_then(|n| n.parse().ok()).map(Page::Indicator),
        }
    }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A message shown under the header until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub level: Level,
    /// Stable `data-testid` of the kind of notice.
    pub testid: &'static str,
    pub title: String,
    pub lines: Vec<String>,
}

/// One draft in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRow {
    pub id: String,
    pub revision: u64,
    pub title: String,
    pub subject: Subject,
    pub updated: String,
    pub score: String,
    pub verdict: String,
    pub passed: bool,
    /// Why it cannot be opened with this program's rubric, if so.
    pub unusable: Option<String>,
    /// The rubric the draft is scored with.
    pub rubric: RubricRef,
}

/// A stored entry this program cannot use, left as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub key: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    pub id: String,
    pub title: String,
    /// The stored text, also kept here in case storage refused to keep it.
    pub text: String,
}

/// A question the user must answer before anything is replaced.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// An opened file's subject matches existing drafts.
    SameSubject {
        file_name: String,
        assessment: Assessment,
        /// The rubric the file was scored with (loaded).
        rubric: RubricRef,
        diffs: Vec<String>,
        matches: Vec<(String, String)>,
    },
}

#[derive(Clone, Copy)]
pub struct Ctx {
    /// The loaded rubrics: the bundled one and the files the user opened (`rubric_versions`).
    pub rubrics: RwSignal<RubricSet>,
    /// The rubric of the open draft (the bundled one when none is open); see [`Ctx::rubric`].
    pub draft_rubric: Memo<&'static LoadedRubric>,
    /// This page load's writer id (see `engine::io::draft::Base`).
    pub tab: &'static str,
    pub mode: RwSignal<Mode>,
    pub assessment: RwSignal<Assessment>,
    pub outcome: Memo<Outcome>,
    pub page: RwSignal<Page>,
    pub current: RwSignal<Option<Current>>,
    pub save_state: RwSignal<SaveState>,
    pub conflict: RwSignal<Option<Conflict>>,
    pub drafts: RwSignal<Vec<DraftRow>>,
    pub kept: RwSignal<Vec<Kept>>,
    pub deleted: RwSignal<Option<Deleted>>,
    pub notices: RwSignal<Vec<Notice>>,
    pub dialog: RwSignal<Option<Dialog>>,
    next_notice: StoredValue<u64>,
    /// Set only in the second wasm module (`app::more`): edits and navigation go to the main
    /// app instead of to storage and this module's own page.
    relay: StoredValue<Option<Relay>, LocalStorage>,
}

/// How a page in the second wasm module (`app::more`) reports to the main app.
pub struct Relay {
    /// Called with every edit applied to the open draft here (the main app applies it too).
    pub edit: Box<dyn Fn(&Edit)>,
    /// Called with the tag of the page to show ([`Page::tag`]).
    pub go: Box<dyn Fn(String)>,
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

impl Ctx {
    pub fn new() -> Ctx {
        let tab: &'static str = Box::leak(format!("t{}", new_id(browser::now_ms(), browser::random())).into_boxed_str());
        let rubrics = RwSignal::new(RubricSet::default());
        let current = RwSignal::new(None::<Current>);
        let draft_rubric = Memo::new_with_compare(
            move |_| {
                let r = current.with(|c| c.as_ref().map(|c| c.rubric.clone()));
                rubrics.with(|s| pin(r.as_ref().and_then(|r| s.find(r)).unwrap_or(s.bundled())))
            },
            |a, b| a.map(|x| &x.digest) != b.map(|x| &x.digest),
        );
        let assessment = RwSignal::new(Assessment::default());
        let outcome = Memo::new(move |_| {
            let rubric = draft_rubric.get();
            assessment.with(|a| score(&rubric.rubric, a))
        });
        Ctx {
            rubrics,
            draft_rubric,
            tab,
            mode: RwSignal::new(Mode::Persistent),
            assessment,
            outcome,
            page: RwSignal::new(Page::Drafts),
            current,
            save_state: RwSignal::new(SaveState::Idle),
            conflict: RwSignal::new(None),
            drafts: RwSignal::new(Vec::new()),
            kept: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            dialog: RwSignal::new(None),
            next_notice: StoredValue::new(1),
            relay: StoredValue::new_local(None),
        }
    }

    /// Makes this context a relay to the main app (see [`Relay`]).
    pub fn set_relay(&self, relay: Relay) {
        self.relay.set_value(Some(relay));
    }

    /// Hands an edit or a navigation to the main app; false when this is the main app.
    fn relayed(&self, f: impl FnOnce(&Relay)) -> bool {
        self.relay.with_value(|r| r.as_ref().map(f).is_some())
    }

    /// The rubric of the open draft (the bundled one when none is open), as of now.
    pub fn rubric(&self) -> &'static LoadedRubric {
        self.draft_rubric.get_untracked()
    }

    /// Connects storage, lists the drafts and reopens what this tab showed before a reload.
    pub fn start(&self) {
        let mode = storage::init();
        self.mode.set(mode);
        load_stored(self);
        self.refresh_drafts();
        if let Some((id, tag)) = storage::tab_place() {
            if self.drafts.with_untracked(|d| d.iter().any(|r| r.id == id && r.unusable.is_none())) {
                let page = Page::from_tag(&tag).unwrap_or(Page::Subject);
                self.open_draft(&id, page);
            }
        }
    }

    // ---- Notices ----

    pub fn notify(&self, level: Level, testid: &'static str, title: impl Into<String>, lines: Vec<String>) {
        let id = self.next_notice.get_value();
        self.next_notice.set_value(id + 1);
        let notice = Notice { id, level, testid, title: title.into(), lines };
        self.notices.update(|n| {
            // One notice of a kind at a time: the newest replaces the older one.
            n.retain(|x| x.testid != testid);
            n.push(notice);
        });
    }

    pub fn dismiss(&self, id: u64) {
        self.notices.update(|n| n.retain(|x| x.id != id));
    }

    pub fn dismiss_kind(&self, testid: &str) {
        self.notices.update(|n| n.retain(|x| x.testid != testid));
    }

    // ---- The draft list ----

    /// Reads every stored draft: unreadable entries are set aside (kept under another key) and
    /// reported; entries written by a newer program are left as they are and listed.
    pub fn refresh_drafts(&self) {
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
                    if decoded.from_version < DRAFT_VERSION {
                        // Migrated: store the new shape once (same revision, so no tab sees a conflict).
                        let _ = storage::set(&key, &d.encode());
                    }
                    rows.push(self.row_of(&d));
                }
                Err(e @ DecodeError::Future { .. }) => kept.push(Kept { key: key.clone(), message: e.to_string() }),
                Err(e @ DecodeError::Corrupt(_)) => {
                    let aside = corrupt_key(&key, &browser::now_iso());
                    match storage::set(&aside, &text) {
                        Ok(()) => {
                            storage::remove(&key);
                            set_aside.push(format!("「{key}」{e};原内容已另存为「{aside}」,未删除。"));
                        }
                        Err(_) => kept.push(Kept {
                            key: key.clone(),
                            message: format!("{e};存储空间不足,无法另存,已原样保留"),
                        }),
                    }
                }
            }
        }
        rows.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.title.cmp(&b.title)));
        self.drafts.set(rows);
        self.kept.set(kept);
        if !set_aside.is_empty() {
            self.notify(Level::Warning, "notice-corrupt", "发现无法读取的草稿记录,已另行保存并跳过:", set_aside);
        }
        if self.deleted.with_untracked(Option::is_none) {
            let found = storage::keys(DELETED_PREFIX).into_iter().find_map(|k| {
                let text = storage::get(&k)?;
                let d = decode(&text).ok()?.draft;
                Some(Deleted { id: d.id.clone(), title: d.display_title(), text })
            });
            if found.is_some() {
                self.deleted.set(found);
            }
        }
    }

    fn row_of(&self, d: &Draft) -> DraftRow {
        let unusable = self.rubric_problem(d);
        let scored = self.rubrics.with_untracked(|s| s.find(&d.rubric).map(|r| score(&r.rubric, &d.assessment)));
        let (score, verdict, passed) = match scored {
            Some(o) if unusable.is_none() => (format!("{}分", fmt(o.total)), verdict_line(&o), o.passed),
            _ => (String::new(), String::new(), false),
        };
        DraftRow {
            id: d.id.clone(),
            revision: d.revision,
            title: d.display_title(),
            subject: d.assessment.subject.clone(),
            updated: browser::local_time(&d.updated_at),
            score,
            verdict,
            passed,
            unusable,
            rubric: d.rubric.clone(),
        }
    }

    fn rubric_problem(&self, d: &Draft) -> Option<String> {
        self.rubrics.with_untracked(|s| s.resolve(&d.rubric).err())
    }

    fn read_draft(&self, id: &str) -> Option<(Draft, String)> {
        let text = storage::get(&draft_key(id))?;
        let mut d = decode(&text).ok()?.draft;
        d.id = id.to_string();
        Some((d, text))
    }

    // ---- Opening and creating ----

    /// Opens a stored draft in this tab.
    pub fn open_draft(&self, id: &str, page: Page) {
        let Some((d, _)) = self.read_draft(id) else {
            self.notify(Level::Error, "notice-open", "无法打开草稿:它已不在本浏览器的存储中(可能已在其他标签页中删除)", vec![]);
            self.refresh_drafts();
            return;
        };
        if let Some(problem) = self.rubric_problem(&d) {
            self.notify(Level::Error, "notice-open", "无法打开草稿", vec![problem]);
            return;
        }
        self.current.set(Some(Current {
            id: d.id.clone(),
            title: d.title.clone(),
            created_at: d.created_at.clone(),
            base: d.base(),
            rubric: d.rubric.clone(),
        }));
        self.conflict.set(None);
        self.assessment.set(d.assessment);
        self.save_state.set(SaveState::Saved(browser::local_time(&d.updated_at)));
        self.go(page);
    }

    /// Starts a new, empty assessment under the bundled rubric and stores it at once.
    pub fn new_draft(&self) {
        self.new_draft_with(self.rubrics.with_untracked(|s| s.bundled().reference()));
    }

    /// Starts a new, empty assessment scored with `rubric` (a loaded one) and stores it at once.
    pub fn new_draft_with(&self, rubric: RubricRef) {
        let assessment = Assessment { id: self.fresh_id(), ..Default::default() };
        self.create_from(rubric, assessment, String::new());
        self.go(Page::Subject);
    }

    fn fresh_id(&self) -> String {
        new_id(browser::now_ms(), browser::random())
    }

    /// Makes `assessment` a new draft scored with `rubric` (a loaded one), opens it in this tab
    /// and stores it. Returns its id.
    pub fn create_from(&self, rubric: RubricRef, assessment: Assessment, title: String) -> String {
        let id = self.fresh_id();
        let now = browser::now_iso();
        self.current.set(Some(Current { id: id.clone(), title, created_at: now, base: Base::unsaved(self.tab), rubric }));
        self.conflict.set(None);
        self.assessment.set(assessment);
        self.save();
        id
    }

    pub fn go(&self, page: Page) {
        if self.relayed(|r| (r.go)(page.tag())) {
            return;
        }
        let page = if self.current.with_untracked(Option::is_none) { Page::Drafts } else { page };
        self.page.set(page);
        if let Some(c) = self.current.get_untracked() {
            storage::set_tab_place(&c.id, &page.tag());
        }
        browser::scroll_top();
        browser::focus_id("page-heading");
    }

    // ---- Saving ----

    /// Stores the open draft now, unless another tab changed it since this tab read or wrote it.
    pub fn save(&self) {
        if self.relayed(|_| ()) {
            // The second module stores nothing: its edits went to the main app (`dispatch`).
            return;
        }
        let Some(cur) = self.current.get_untracked() else { return };
        if self.conflict.get_untracked().is_some() {
            self.save_state.set(SaveState::Conflict);
            return;
        }
        let key = draft_key(&cur.id);
        let stored_text = storage::get(&key);
        let revision = match check_save(&cur.base, &Stored::of(stored_text.as_deref())) {
            SaveCheck::Write { revision } => revision,
            SaveCheck::SetAsideThenWrite { revision } => {
                let aside = corrupt_key(&key, &browser::now_iso());
                if let Some(t) = &stored_text {
                    let _ = storage::set(&aside, t);
                }
                self.notify(
                    Level::Warning,
                    "notice-corrupt",
                    "存储中的本草稿记录已损坏,已另存后用当前内容覆盖:",
                    vec![format!("原内容已另存为「{aside}」,未删除。")],
                );
                revision
            }
            SaveCheck::Conflict { .. } => {
                self.conflict.set(Some(Conflict::Changed));
                self.save_state.set(SaveState::Conflict);
                return;
            }
            SaveCheck::Deleted => {
                self.conflict.set(Some(Conflict::Deleted));
                self.save_state.set(SaveState::Conflict);
                return;
            }
        };
        let now = browser::now_iso();
        let draft = Draft {
            revision,
            writer: self.tab.to_string(),
            title: cur.title.clone(),
            updated_at: now.clone(),
            ..Draft::new(&cur.id, self.tab, &cur.created_at, cur.rubric.clone(), self.assessment.get_untracked())
        };
        match storage::set(&key, &draft.encode()) {
            Ok(()) => {
                self.current.update(|c| {
                    if let Some(c) = c {
                        c.base = draft.base();
                    }
                });
                self.save_state.set(SaveState::Saved(browser::local_time(&now)));
                let row = self.row_of(&draft);
                self.drafts.update(|rows| {
                    rows.retain(|r| r.id != row.id);
                    rows.insert(0, row);
                });
            }
            Err(e) => self.save_state.set(SaveState::Failed(e)),
        }
    }

    /// The one way the open assessment changes: applies `edit` (see `engine::model::edit`), then
    /// stores the draft (in the second module: relays the edit to the main app, which stores it).
    /// Returns whether the assessment changed; an edit that cannot be applied is said in a notice.
    pub fn dispatch(&self, edit: Edit) -> bool {
        if !self.apply(&edit) {
            return false;
        }
        if !self.relayed(|r| (r.edit)(&edit)) {
            self.save();
        }
        true
    }

    /// Applies `edit` to the open assessment without storing it; whether it changed.
    fn apply(&self, edit: &Edit) -> bool {
        let mut result = Ok(false);
        self.assessment.maybe_update(|a| {
            result = apply(a, edit);
            result == Ok(true)
        });
        result.unwrap_or_else(|e| {
            self.notify(Level::Error, "notice-edit", "本次修改未能执行", vec![e.to_string()]);
            false
        })
    }

    // ---- Tabs ----

    /// A `storage` event from another tab.
    pub fn on_storage_event(&self, key: Option<String>, new_value: Option<String>) {
        if self.mode.get_untracked() != Mode::Persistent {
            return;
        }
        let relevant = key.as_deref().is_none_or(|k| k.starts_with("demozone."));
        if !relevant {
            return;
        }
        if key.as_deref().is_none_or(|k| k.starts_with(RUBRIC_PREFIX)) {
            load_stored(self);
        }
        if let Some(cur) = self.current.get_untracked() {
            let mine = draft_key(&cur.id);
            let about_mine = key.as_deref().is_none_or(|k| k == mine);
            if about_mine && self.conflict.get_untracked().is_none() {
                let value = if key.is_some() { new_value } else { storage::get(&mine) };
                match remote_change(&cur.base, &Stored::of(value.as_deref())) {
                    Remote::Same => {}
                    Remote::Changed { .. } => {
                        self.conflict.set(Some(Conflict::Changed));
                        self.save_state.set(SaveState::Conflict);
                    }
                    Remote::Deleted => {
                        self.conflict.set(Some(Conflict::Deleted));
                        self.save_state.set(SaveState::Conflict);
                    }
                }
            }
        }
        self.deleted.set(None);
        self.refresh_drafts();
    }

    /// Conflict: drop this tab's version and load the stored one.
    pub fn load_theirs(&self) {
        let Some(cur) = self.current.get_untracked() else { return };
        let page = self.page.get_untracked();
        self.conflict.set(None);
        self.open_draft(&cur.id, page);
    }

    /// Conflict: keep this tab's version as a new draft (the stored one stays as the other tab left it).
    pub fn keep_mine_as_copy(&self) {
        let Some(cur) = self.current.get_untracked() else { return };
        let a = self.assessment.get_untracked();
        let title = display_title(&cur.title, &a.subject);
        let existing: Vec<String> = self.drafts.with_untracked(|d| d.iter().map(|r| r.title.clone()).collect());
        let page = self.page.get_untracked();
        self.conflict.set(None);
        self.create_from(cur.rubric.clone(), a, copy_title(&title, &existing));
        self.go(page);
        self.notify(Level::Info, "notice-copy", "已将本页的版本另存为新草稿", vec![]);
    }

    // ---- Managing drafts ----

    pub fn rename(&self, id: &str, title: String) {
        let title = title.trim().to_string();
        let is_current = self.current.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == id));
        if is_current {
            self.current.update(|c| {
                if let Some(c) = c {
                    c.title = title.clone();
                }
            });
            self.save();
            return;
        }
        let Some((mut d, _)) = self.read_draft(id) else { return self.refresh_drafts() };
        d.title = title;
        d.revision += 1;
        d.writer = self.tab.to_string();
        d.updated_at = browser::now_iso();
        self.store_other(&d);
    }

    pub fn duplicate(&self, id: &str) {
        let Some((d, _)) = self.read_draft(id) else { return self.refresh_drafts() };
        let existing: Vec<String> = self.drafts.with_untracked(|r| r.iter().map(|r| r.title.clone()).collect());
        let now = browser::now_iso();
        let mut a = d.assessment.clone();
        a.id = self.fresh_id();
        let mut copy = Draft::new(&self.fresh_id(), self.tab, &now, d.rubric.clone(), a);
        copy.title = copy_title(&d.display_title(), &existing);
        copy.revision = 1;
        self.store_other(&copy);
    }

    fn store_other(&self, d: &Draft) {
        match storage::set(&draft_key(&d.id), &d.encode()) {
            Ok(()) => self.refresh_drafts(),
            Err(e) => self.notify(Level::Error, "notice-storage-op", "操作未能完成", vec![store_error_text(&e)]),
        }
    }

    /// Deletes a draft; it can be restored with [`Ctx::undo_delete`].
    pub fn delete(&self, id: &str) {
        let key = draft_key(id);
        let Some(text) = storage::get(&key) else { return self.refresh_drafts() };
        let title = decode(&text).map(|d| d.draft.display_title()).unwrap_or_else(|_| id.to_string());
        // Keep only the most recent deletion.
        for k in storage::keys(DELETED_PREFIX) {
            storage::remove(&k);
        }
        let _ = storage::set(&deleted_key(id), &text);
        storage::remove(&key);
        if self.current.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == id)) {
            self.current.set(None);
            self.assessment.set(Assessment::default());
            self.save_state.set(SaveState::Idle);
            storage::set_tab_place("", "drafts");
        }
        self.deleted.set(Some(Deleted { id: id.to_string(), title, text }));
        self.refresh_drafts();
    }

    pub fn undo_delete(&self) {
        let Some(d) = self.deleted.get_untracked() else { return };
        let key = draft_key(&d.id);
        if storage::get(&key).is_some() {
            self.notify(Level::Error, "notice-storage-op", "无法恢复:已有同一编号的草稿", vec![]);
            return;
        }
        match storage::set(&key, &d.text) {
            Ok(()) => {
                storage::remove(&deleted_key(&d.id));
                self.deleted.set(None);
                self.refresh_drafts();
            }
            Err(e) => self.notify(Level::Error, "notice-storage-op", "无法恢复草稿", vec![store_error_text(&e)]),
        }
    }

    /// Drafts whose subject is the same creation object as `subject`.
    pub fn drafts_with_subject(&self, subject: &Subject) -> Vec<(String, String)> {
        self.drafts.with_untracked(|rows| {
            rows.iter()
                .filter(|r| r.unusable.is_none() && same_subject(&r.subject, subject))
                .map(|r| (r.id.clone(), r.title.clone()))
                .collect()
        })
    }

    /// Replaces a stored draft's assessment and the rubric it is scored with (the user agreed:
    /// an opened file, or a move to another rubric), and opens it.
    pub fn replace_draft(&self, id: &str, rubric: RubricRef, assessment: Assessment) {
        self.open_draft(id, Page::Summary);
        if self.current.with_untracked(|c| c.as_ref().is_some_and(|c| c.id == id)) {
            self.current.update(|c| {
                if let Some(c) = c {
                    c.rubric = rubric;
                }
            });
            // Stored even when the assessment is the same: the rubric may have changed.
            self.apply(&Edit::Replace { assessment: Box::new(assessment) });
            self.save();
        }
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx::new()
    }
}

pub fn store_error_text(e: &StoreError) -> String {
    match e {
        StoreError::Quota => "浏览器的存储空间已满".into(),
        StoreError::Other(m) => format!("浏览器拒绝保存:{m}"),
    }
}

//! The navigation context: which page the main area shows, and going to another one (with the
//! open draft: its pages; without: the start page and the multi-file tools).

use leptos::prelude::*;

use super::draft::OpenDraft;
use super::port::{self, Action};
use super::store::DraftStore;
use super::ReadOnly;
use crate::app::{browser, storage};
use crate::engine::model::rubric::RubricRef;

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
    /// 核对佐证材料: the attachments received against the evidence entries' fingerprints.
    Verify,
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
            Page::Verify => "verify".into(),
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
            "verify" => Some(Page::Verify),
            t => t.strip_prefix('i').and_then(|n| n.parse().ok()).map(Page::Indicator),
        }
    }
}

/// The page shown (`Copy`; provided by the app's root).
#[derive(Clone, Copy)]
pub struct Navigation {
    pub page: ReadOnly<Page>,
    /// A reload of this tab is reopening the draft it showed (until the engine has opened it):
    /// the start page is not shown meanwhile.
    pub reopening: ReadOnly<bool>,
    set_page: RwSignal<Page>,
    set_reopening: RwSignal<bool>,
    draft: OpenDraft,
    store: DraftStore,
}

pub fn use_nav() -> Navigation {
    super::use_contexts().nav
}

impl Navigation {
    pub fn new(draft: OpenDraft, store: DraftStore) -> Navigation {
        let set_page = RwSignal::new(Page::Drafts);
        let set_reopening = RwSignal::new(false);
        Navigation { page: ReadOnly::of(set_page), reopening: ReadOnly::of(set_reopening), set_page, set_reopening, draft, store }
    }

    /// Goes to a page of the open draft (the start page when none is open), remembered for a
    /// reload of this tab; moves to its top and its heading.
    pub fn go(&self, page: Page) {
        let id = self.draft.id();
        let page = if id.is_none() { Page::Drafts } else { page };
        self.set_page.set(page);
        if let Some(id) = id {
            storage::set_tab_place(&id, &page.tag());
        }
        browser::scroll_top();
        browser::focus_id("page-heading");
    }

    /// Shows a tool page (no draft needs to be open).
    pub fn go_tool(&self, page: Page) {
        self.set_reopening(false);
        self.set_page.set(page);
        browser::scroll_top();
        browser::focus_id("page-heading");
    }

    /// Whether a reload is reopening this tab's draft (see [`Navigation::reopening`]).
    pub fn set_reopening(&self, on: bool) {
        self.set_reopening.set(on);
    }

    /// The start page, its list read again.
    pub fn home(&self) {
        self.set_reopening(false);
        self.store.refresh();
        self.go(Page::Drafts);
    }

    /// Opens a stored draft on `page` (by the engine: `super::port`).
    pub fn open_draft(&self, id: &str, page: Page) {
        self.set_reopening(false);
        port::run(Action::OpenDraft(id.to_string(), page));
    }

    /// Starts a new, empty assessment scored with `rubric` (a loaded one; none: the bundled one)
    /// and shows its 基本情况 (it is stored on the first input), by the engine (`super::port`).
    pub fn new_draft(&self, rubric: Option<RubricRef>) {
        self.set_reopening(false);
        port::run(Action::NewDraft(rubric));
    }

    /// [`Navigation::open_draft`], the engine's side.
    pub fn open_draft_now(&self, id: &str, page: Page) {
        if self.draft.is_open(id) && self.draft.unsaved() {
            // Reading it again would replace the unsaved change with the stored version.
            return self.go(page);
        }
        if !self.draft.is_open(id) && !self.may_leave_unsaved() {
            return;
        }
        if self.draft.open(id) {
            self.go(page);
        }
    }

    /// [`Navigation::new_draft`], the engine's side.
    pub fn new_draft_now(&self, rubric: Option<RubricRef>) {
        if !self.may_leave_unsaved() {
            return;
        }
        self.draft.create_empty(rubric);
        self.go(Page::Subject);
    }

    /// Whether the open draft may be replaced by another: it is stored, or the user agrees to
    /// lose what is not (asked; "cancel" keeps it open).
    fn may_leave_unsaved(&self) -> bool {
        !self.draft.unsaved()
            || browser::confirm(
                "当前草稿最近的修改还没有保存到浏览器(存储失败或与其他标签页冲突)。打开另一份草稿后,这些修改将丢失。\n\n建议先点“取消”,在当前草稿中“保存为文件”。仍要继续吗?",
            )
    }
}

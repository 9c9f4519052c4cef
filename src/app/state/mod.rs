//! The app's state: a few contexts, each with one job, created and provided by the root of the
//! app ([`Contexts::provide`]).
//! Each is `Copy` (signals), taken once by a view (`use_draft()`, …) and moved into its closures.
//!
//! | context | its job |
//! | --- | --- |
//! | [`draft::OpenDraft`] | the open draft: its assessment (the one owner), outcome, rubric, saving, conflicts with other tabs |
//! | [`store::DraftStore`] | the drafts in this browser: the list, entries kept or set aside, the last deletion, the storage mode |
//! | [`notices::Notices`] | the messages under the header |
//! | [`nav::Navigation`] | the page shown, going to another |
//! | [`rubrics::Rubrics`] | the rubric versions loaded |
//!
//! Two more live with their views: `review::Layers` (the review layer worked on) and
//! `multi_open::ToolsState` (the files opened in the tools).
//!
//! An edit flows one way: a view makes an `engine::model::edit::Edit` → [`draft::OpenDraft::dispatch`]
//! → `engine::model::edit::apply` on the open assessment → the draft is stored.

pub mod draft;
pub mod engine;
pub mod nav;
pub mod notices;
pub mod port;
pub mod rubrics;
pub mod store;

use leptos::prelude::*;

use super::storage::{self, Mode};
use draft::OpenDraft;
use nav::{Navigation, Page};
use notices::Notices;
use rubrics::Rubrics;
use store::DraftStore;
use crate::engine::io::index::INDEX_KEY;
use crate::engine::rubric::set::RUBRIC_PREFIX;
use crate::engine::view::notices::Place;

/// A signal that only its context writes: views read it, tracked or not, and cannot set it.
pub struct ReadOnly<T: Send + Sync + 'static>(RwSignal<T>);

impl<T: Send + Sync + 'static> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ReadOnly<T> {}

impl<T: Send + Sync + 'static> ReadOnly<T> {
    /// The read side of `signal` (its context keeps the signal to write it).
    pub fn of(signal: RwSignal<T>) -> ReadOnly<T> {
        ReadOnly(signal)
    }

    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with_untracked(f)
    }
}

impl<T: Clone + Send + Sync + 'static> ReadOnly<T> {
    pub fn get(&self) -> T {
        self.0.get()
    }

    pub fn get_untracked(&self) -> T {
        self.0.get_untracked()
    }
}

/// The contexts of one root. They are provided together, as this one value (each context type
/// provided on its own would be one more lookup compiled into the first load); a view takes the
/// one it needs (`use_draft()`, `use_nav()`, …), a flow that spans several (opening a file, moving
/// a draft to another rubric) takes them all ([`use_contexts`]).
#[derive(Clone, Copy)]
pub struct Contexts {
    pub rubrics: Rubrics,
    pub notices: Notices,
    pub store: DraftStore,
    pub draft: OpenDraft,
    pub nav: Navigation,
}

pub fn use_contexts() -> Contexts {
    expect_context::<Contexts>()
}

impl Contexts {
    /// Creates the contexts and provides them to the views below.
    pub fn provide() -> Contexts {
        let rubrics = Rubrics::new();
        let notices = Notices::new();
        let store = DraftStore::new(rubrics, notices);
        let draft = OpenDraft::new(rubrics, store, notices);
        let nav = Navigation::new(draft, store);
        let all = Contexts { rubrics, notices, store, draft, nav };
        provide_context(all);
        port::set_contexts(all);
        all
    }

    /// The main app: connects storage, lists the drafts (from their index; the engine is fetched
    /// meanwhile, see [`port`]) and reopens what this tab showed before a reload.
    pub fn start(&self) {
        let (draft, nav) = (self.draft, self.nav);
        self.notices.follow(Signal::derive(move || {
            let page = nav.page.get();
            let shown = page != Page::Drafts && !page.is_tool();
            Place { draft: draft.current.with(|c| c.as_ref().filter(|_| shown).map(|c| c.id.clone())), page: page.tag() }
        }));
        self.store.connect();
        self.store.refresh();
        if let Some((id, tag)) = storage::tab_place() {
            if !id.is_empty() {
                // A draft's page was shown: a loading line, not the start page, until it is open
                // again (or cannot be: the start page then).
                let listed = self.store.rows.with_untracked(|d| d.iter().any(|r| r.id == id && r.unusable.is_none()));
                let page = Page::from_tag(&tag).unwrap_or(Page::Subject);
                if page != Page::Drafts && (listed || !self.store.complete.get_untracked()) {
                    self.nav.set_reopening(true);
                }
                port::run(port::Action::Reopen(id, tag));
            }
        }
    }

    /// The main app: a `storage` event from another tab.
    pub fn on_storage_event(&self, key: Option<String>, new_value: Option<String>) {
        if self.store.mode.get_untracked() != Mode::Persistent {
            return;
        }
        // (Another tab's draft index says nothing new: the drafts it describes are what changed.)
        if !key.as_deref().is_none_or(|k| k.starts_with("demozone.") && k != INDEX_KEY) {
            return;
        }
        port::run(port::Action::OtherTab(key, new_value));
    }

    /// Another tab wrote `value` under `key` (`None`: storage was cleared): the engine's side of
    /// [`Contexts::on_storage_event`].
    pub fn after_other_tab(&self, key: Option<String>, new_value: Option<String>) {
        if key.as_deref().is_none_or(|k| k.starts_with(RUBRIC_PREFIX)) {
            self.rubrics.load_stored(self.notices);
        }
        self.draft.check_other_tab(key.as_deref(), new_value);
        self.store.refresh_after_other_tab();
    }
}

//! The notices context: messages under the header (storage problems, files opened or refused,
//! rubric versions), one of a kind (or family) at a time, each until dismissed or until the user
//! leaves the draft or page it is about (`engine::view::notices` says which belongs where).

use leptos::prelude::*;

use super::ReadOnly;
use crate::engine::view::notices::{replaces, scope_of, shown_at, Place, Scope};

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
    /// What it is about: it goes when the user is elsewhere.
    pub scope: Scope,
}

/// The notices shown (`Copy`; provided by the app's root).
#[derive(Clone, Copy)]
pub struct Notices {
    /// The notices, oldest first.
    pub list: ReadOnly<Vec<Notice>>,
    write: RwSignal<Vec<Notice>>,
    next: StoredValue<u64>,
    /// Where the user is (set by the main app, [`Notices::follow`]; none: every notice is the app's).
    place: StoredValue<Option<Signal<Place>>>,
}

pub fn use_notices() -> Notices {
    super::use_contexts().notices
}

impl Notices {
    pub fn new() -> Notices {
        let write = RwSignal::new(Vec::new());
        Notices { list: ReadOnly::of(write), write, next: StoredValue::new(1), place: StoredValue::new(None) }
    }

    /// Shows a notice about where the user is now; it replaces a shown one of the same kind
    /// (`testid`) or family.
    pub fn notify(&self, level: Level, testid: &'static str, title: impl Into<String>, lines: Vec<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        let scope = match self.place.get_value() {
            Some(place) => scope_of(testid, &place.get_untracked()),
            None => Scope::App,
        };
        let notice = Notice { id, level, testid, title: title.into(), lines, scope };
        self.write.update(|n| {
            n.retain(|x| !replaces(testid, x.testid));
            n.push(notice);
        });
    }

    /// Follows where the user is (`place`): the notices about a draft or page the user left go.
    pub fn follow(&self, place: Signal<Place>) {
        self.place.set_value(Some(place));
        let write = self.write;
        Effect::new(move |_| {
            let here = place.get();
            write.maybe_update(|n| {
                let before = n.len();
                n.retain(|x| shown_at(&x.scope, &here));
                n.len() != before
            });
        });
    }

    pub fn dismiss(&self, id: u64) {
        self.write.update(|n| n.retain(|x| x.id != id));
    }

    pub fn dismiss_kind(&self, testid: &str) {
        self.write.update(|n| n.retain(|x| x.testid != testid));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Notices::new()
    }
}

//! The notices context: messages under the header (storage problems, files opened or refused,
//! rubric versions), one of a kind at a time, each until dismissed.

use leptos::prelude::*;

use super::ReadOnly;

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

/// The notices shown (`Copy`; provided by the app's root).
#[derive(Clone, Copy)]
pub struct Notices {
    /// The notices, oldest first.
    pub list: ReadOnly<Vec<Notice>>,
    write: RwSignal<Vec<Notice>>,
    next: StoredValue<u64>,
}

pub fn use_notices() -> Notices {
    super::use_contexts().notices
}

impl Notices {
    pub fn new() -> Notices {
        let write = RwSignal::new(Vec::new());
        Notices { list: ReadOnly::of(write), write, next: StoredValue::new(1) }
    }

    /// Shows a notice; it replaces a shown one of the same kind (`testid`).
    pub fn notify(&self, level: Level, testid: &'static str, title: impl Into<String>, lines: Vec<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        let notice = Notice { id, level, testid, title: title.into(), lines };
        self.write.update(|n| {
            n.retain(|x| x.testid != testid);
            n.push(notice);
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

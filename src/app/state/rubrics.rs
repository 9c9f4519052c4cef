//! The rubrics context: the rubric versions this tab has loaded, the bundled one first, then the
//! files the user opened (kept in `localStorage` as `demozone.rubric.<digest>`); and [`pin`], which
//! gives a loaded rubric the page's lifetime so that views can borrow its texts.

use std::cell::RefCell;

use leptos::prelude::*;

use super::notices::{Level, Notices};
use super::ReadOnly;
use crate::app::storage;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::rubric::set::{RubricSet, RUBRIC_PREFIX};
use crate::engine::support::problem::texts;

thread_local! {
    static PINNED: RefCell<Vec<&'static LoadedRubric>> = const { RefCell::new(Vec::new()) };
}

/// A rubric that lives as long as the page, so that views can borrow its texts. One copy per
/// distinct rubric data (by digest) is kept, however often it is loaded.
pub fn pin(r: &LoadedRubric) -> &'static LoadedRubric {
    PINNED.with(|p| {
        if let Some(found) = p.borrow().iter().find(|x| x.digest == r.digest) {
            return *found;
        }
        let leaked: &'static LoadedRubric = Box::leak(Box::new(r.clone()));
        p.borrow_mut().push(leaked);
        leaked
    })
}

/// The loaded rubric versions (`Copy`; provided by the app's root).
#[derive(Clone, Copy)]
pub struct Rubrics {
    pub set: ReadOnly<RubricSet>,
    write: RwSignal<RubricSet>,
}

pub fn use_rubrics() -> Rubrics {
    super::use_contexts().rubrics
}

impl Rubrics {
    /// None yet: the engine loads them (`super::port`; [`Rubrics::load_all`]).
    pub fn new() -> Rubrics {
        let write = RwSignal::new(RubricSet::unloaded());
        Rubrics { set: ReadOnly::of(write), write }
    }

    /// The bundled rubric, then the rubric files kept in this browser (the engine's first step).
    pub fn load_all(&self, notices: Notices) {
        self.write.set(RubricSet::default());
        self.load_stored(notices);
    }

    /// Replaces the loaded set (a rubric file opened or removed, see `app::rubric_versions`).
    pub fn replace(&self, set: RubricSet) {
        self.write.set(set);
    }

    /// Every loaded rubric, pinned (a file opens only under the rubric it names).
    pub fn all_pinned(&self) -> Vec<&'static LoadedRubric> {
        self.set.with_untracked(|s| s.all().iter().map(pin).collect())
    }

    /// Adds the rubric files kept in this browser to the loaded set. Only adds: a rubric is never
    /// dropped here (another tab removing one must not change what this tab's drafts are scored
    /// with). A stored text that cannot be read is left as it is and reported.
    pub fn load_stored(&self, notices: Notices) {
        let mut keys = storage::keys(RUBRIC_PREFIX);
        keys.sort();
        let mut problems = Vec::new();
        let mut set = self.set.get_untracked();
        let before = set.len();
        for key in keys {
            let Some(text) = storage::get(&key) else { continue };
            if let Err(e) = set.add(&text) {
                problems.push(format!("「{key}」:{};已原样保留,未删除", texts(e).join(";")));
            }
        }
        if set.len() != before {
            self.write.set(set);
        }
        if !problems.is_empty() {
            notices.notify(Level::Warning, "notice-rubric-stored", "本浏览器中保存的指标体系文件有无法读取的:", problems);
        }
    }
}

impl Default for Rubrics {
    fn default() -> Self {
        Rubrics::new()
    }
}

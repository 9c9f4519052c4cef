//! The engine behind the port (`super::port`): in the workspace's chunk of the split module, never
//! named by the first load's code (only `crate::app::lazy::engine` returns it).

use super::nav::Page;
use super::port::{Action, Engine};
use super::rubrics::pin;
use super::store::DraftStore;
use super::Contexts;
use crate::engine::io::index::StartTexts;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::review::ReviewRole;
use crate::engine::model::rubric::RubricRef;
use crate::engine::rubric::banfa::{banfa_line, banfa_or_legacy, draft_table_note};
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::rubric::set::{rubric_label, RubricSet};
use crate::engine::score::items::score;
use crate::engine::score::outcome::Outcome;
use crate::engine::score::review::score_review;
use crate::engine::view::layer_compare::{compare, Comparison};
use crate::engine::view::roles::LayerChoice;

pub struct TheEngine;

impl Engine for TheEngine {
    fn start(&self, ctx: Contexts, read_drafts: bool) {
        ctx.rubrics.load_all(ctx.notices);
        let bundled = ctx.rubrics.set.with_untracked(|s| pin(s.bundled()));
        ctx.store.set_start_texts(self.texts(bundled, None));
        if read_drafts {
            ctx.store.read_all();
        }
    }

    fn run(&self, ctx: Contexts, action: Action) {
        match action {
            Action::OpenDraft(id, page) => ctx.nav.open_draft_now(&id, page),
            Action::NewDraft(rubric) => ctx.nav.new_draft_now(rubric),
            Action::Rename(id, title) => ctx.draft.rename(&id, title),
            Action::Duplicate(id) => ctx.store.duplicate(&id),
            Action::Delete(id) => ctx.draft.delete(&id),
            Action::UndoDelete => ctx.store.undo_delete(),
            Action::DownloadEntry(key) => ctx.store.download_entry(&key),
            Action::RemoveEntry(key) => ctx.draft.remove_entry(&key),
            Action::OtherTab(key, value) => ctx.after_other_tab(key, value),
            Action::OpenExample(bytes) => crate::app::drafts::open_example(ctx, bytes),
            Action::LoadTheirs => {
                if ctx.draft.load_theirs() {
                    ctx.nav.go(ctx.nav.page.get_untracked());
                }
            }
            Action::KeepMineAsCopy => {
                let page = ctx.nav.page.get_untracked();
                ctx.draft.keep_mine_as_copy();
                ctx.nav.go(page);
            }
            Action::Reopen(id, tag) => {
                // Unless the user went elsewhere meanwhile (the start page, a tool, another draft).
                let page = Page::from_tag(&tag).unwrap_or(Page::Subject);
                let wanted = if page == Page::Drafts {
                    ctx.nav.page.get_untracked() == Page::Drafts && ctx.draft.id().is_none()
                } else {
                    ctx.nav.reopening.get_untracked()
                };
                if wanted && ctx.store.rows.with_untracked(|d| d.iter().any(|r| r.id == id && r.unusable.is_none())) {
                    ctx.nav.open_draft_now(&id, page);
                }
                ctx.nav.set_reopening(false);
            }
        }
    }

    fn texts(&self, rubric: &LoadedRubric, open: Option<&Assessment>) -> StartTexts {
        StartTexts {
            rubric: rubric_label(rubric),
            banfa: banfa_line(open.map(banfa_or_legacy)),
            note: draft_table_note(&rubric.rubric).unwrap_or_default(),
        }
    }

    fn refresh(&self, store: DraftStore) {
        store.read_all();
    }

    fn rubric_of(&self, set: &RubricSet, rubric: Option<&RubricRef>) -> &'static LoadedRubric {
        pin(rubric.and_then(|r| set.find(r)).unwrap_or(set.bundled()))
    }

    fn score(&self, rubric: &LoadedRubric, a: &Assessment) -> Outcome {
        score(&rubric.rubric, a)
    }

    fn review_outcome(&self, rubric: &LoadedRubric, a: &Assessment, layer: LayerChoice) -> Option<(ReviewRole, Outcome)> {
        layer.review(a).map(|r| (r.role, score_review(&rubric.rubric, r)))
    }

    fn compare(&self, own: &Outcome, review: &Outcome, role: ReviewRole) -> Comparison {
        compare(own, review, role)
    }
}

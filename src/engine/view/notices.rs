//! Which notice belongs where: the rules behind the messages under the header
//! (`app::state::notices`). A notice is about the whole app (storage, rubric files), about one
//! draft (a file opened into it or saved from it, an edit refused), or about the page it was given
//! on (a file that could not be opened, a draft that could not be). It stays while the user is
//! where it belongs and goes when they move on; a new notice replaces the shown ones of its family
//! (a file opened after another: one message about opening files, not three).

/// Where the user is: the draft shown (none on the start page and in the tools) and the page, as
/// its tag (`subject`, `i3`, `drafts`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub draft: Option<String>,
    pub page: String,
}

/// What a notice is about, fixed when it is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The app as a whole: stays until dismissed (storage, rubric files kept in the browser).
    App,
    /// One draft: stays while that draft is shown, on any of its pages.
    Draft(String),
    /// One page: goes when the user leaves it.
    Page(Place),
}

/// How far a kind of notice reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    App,
    Draft,
    Page,
}

/// The kinds of notice (their `data-testid`), what they are about and their family. A kind not
/// listed is about the app: a message is never hidden by a rule that does not know it.
const KINDS: &[(&str, Reach, &str)] = &[
    // Opening files: the file opened (or the choice of only the first of several), what its
    // recorded scores said, or why it could not be opened.
    ("notice-file", Reach::Draft, "file-open"),
    ("notice-recorded-diff", Reach::Draft, "file-open"),
    ("notice-file-error", Reach::Page, "file-open"),
    ("notice-example", Reach::Page, "file-open"),
    ("notice-saved-file", Reach::Draft, "file-save"),
    ("notice-edit", Reach::Draft, "edit"),
    ("notice-lazy", Reach::Draft, "edit"),
    ("notice-copy", Reach::Draft, "copy"),
    ("notice-role", Reach::Draft, "role"),
    ("notice-open", Reach::Page, "open"),
];

fn kind(testid: &str) -> (Reach, &str) {
    KINDS.iter().find(|k| k.0 == testid).map(|k| (k.1, k.2)).unwrap_or((Reach::App, testid))
}

/// The scope of a notice of kind `testid` given at `place`. A notice about a draft given where
/// no draft is shown is about that page.
pub fn scope_of(testid: &str, place: &Place) -> Scope {
    match (kind(testid).0, &place.draft) {
        (Reach::App, _) => Scope::App,
        (Reach::Draft, Some(id)) => Scope::Draft(id.clone()),
        (Reach::Draft | Reach::Page, _) => Scope::Page(place.clone()),
    }
}

/// Whether a notice of `scope` is still shown at `place`.
pub fn shown_at(scope: &Scope, place: &Place) -> bool {
    match scope {
        Scope::App => true,
        Scope::Draft(id) => place.draft.as_ref() == Some(id),
        Scope::Page(p) => p == place,
    }
}

/// Whether a new notice of kind `new` replaces a shown one of kind `old` (same kind or family).
/// A companion (what an opened file's recorded scores said) is given with the notice it
/// accompanies and replaces nothing but its own kind.
pub fn replaces(new: &str, old: &str) -> bool {
    new == old || (!COMPANIONS.contains(&new) && kind(new).1 == kind(old).1)
}

/// Kinds given together with another notice of their family, after it.
const COMPANIONS: &[&str] = &["notice-recorded-diff"];

#[cfg(test)]
mod tests {
    use super::*;

    fn at(draft: Option<&str>, page: &str) -> Place {
        Place { draft: draft.map(String::from), page: page.into() }
    }

    #[test]
    fn a_file_opened_as_a_draft_belongs_to_that_draft_and_goes_when_another_is_shown() {
        let s = scope_of("notice-file", &at(Some("a"), "summary"));
        assert_eq!(s, Scope::Draft("a".into()));
        assert!(shown_at(&s, &at(Some("a"), "i3")), "another page of the same draft");
        assert!(!shown_at(&s, &at(Some("b"), "subject")), "another draft");
        assert!(!shown_at(&s, &at(None, "drafts")), "the start page");
        // A saved file belongs to the draft it was saved from.
        let saved = scope_of("notice-saved-file", &at(Some("b"), "summary"));
        assert!(shown_at(&saved, &at(Some("b"), "subject")) && !shown_at(&saved, &at(Some("a"), "subject")));
    }

    #[test]
    fn a_refused_file_belongs_to_its_page_and_storage_notices_to_the_app() {
        let s = scope_of("notice-file-error", &at(None, "drafts"));
        assert!(shown_at(&s, &at(None, "drafts")));
        assert!(!shown_at(&s, &at(Some("a"), "subject")));
        for app in ["notice-corrupt", "notice-storage-op", "notice-rubric-stored", "an-unknown-kind"] {
            let s = scope_of(app, &at(Some("a"), "subject"));
            assert_eq!(s, Scope::App, "{app}");
            assert!(shown_at(&s, &at(None, "drafts")) && shown_at(&s, &at(Some("b"), "i1")));
        }
        // A draft's notice given where no draft is shown stays on that page only.
        assert_eq!(scope_of("notice-edit", &at(None, "drafts")), Scope::Page(at(None, "drafts")));
    }

    #[test]
    fn one_notice_about_opening_files_replaces_the_last() {
        assert!(replaces("notice-file", "notice-file-error"));
        assert!(replaces("notice-file-error", "notice-recorded-diff"));
        // The recorded scores' warning comes with the file's notice and does not replace it.
        assert!(!replaces("notice-recorded-diff", "notice-file"));
        assert!(replaces("notice-recorded-diff", "notice-recorded-diff"));
        assert!(replaces("notice-example", "notice-file"));
        assert!(replaces("notice-saved-file", "notice-saved-file"));
        assert!(!replaces("notice-saved-file", "notice-file"));
        assert!(!replaces("notice-file", "notice-corrupt"));
        assert!(!replaces("a-kind", "another-kind"));
    }
}

//! No English reaches a user: whatever is changed in an assessment file, a draft or a rubric file
//! (a value replaced, removed or added, a key renamed, bytes cut or inserted), every message the
//! engine gives about it is Chinese (`json::messages::has_english`: no English phrase outside the
//! 「…」 that quote a field name or a value).

use proptest::prelude::*;
use serde_json::Value;

use crate::engine::io::draft::{decode, Draft};
use crate::engine::io::file::read_file;
use crate::engine::json::located::testing::{mutated, mutations};
use crate::engine::json::messages::has_english;
use crate::engine::model::fixtures::hangzhou;
use crate::engine::model::rubric::BUNDLED_RUBRIC_JSON;
use crate::engine::rubric::load::{load_rubric, LoadedRubric};

const EXAMPLE: &str = include_str!("../../../tests/examples/pass-hangzhou.json");

#[track_caller]
fn assert_chinese(what: &str, message: &str) {
    assert!(!has_english(message), "{what}: English in «{message}»");
}

/// Reads an assessment file and checks every message it gives.
fn check_file(text: &str) {
    let bundled = LoadedRubric::bundled();
    match read_file(text, &[&bundled]) {
        Err(e) => assert_chinese("refusal", &e.to_string()),
        Ok(o) => {
            for p in &o.outcome.problems {
                assert_chinese("problem", &p.to_string());
            }
            for d in &o.recorded_differences {
                assert_chinese("recorded", d);
            }
        }
    }
}

/// Changes to the bytes of a text: cut at, insert at, or replace at a position.
fn byte_changes() -> impl Strategy<Value = Vec<(prop::sample::Index, u8, char)>> {
    let chars = prop::sample::select(vec!['"', '{', '}', '[', ']', ',', ':', '\\', '\u{feff}', '\u{0}', 'x', '1', '-', 'e', ' ', '\u{202e}']);
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, chars), 1..3)
}

fn changed(text: &str, changes: &[(prop::sample::Index, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, how, c) in changes {
        if chars.is_empty() {
            break;
        }
        let i = at.index(chars.len());
        match how {
            0 => chars.truncate(i),
            1 => chars.insert(i, *c),
            _ => chars[i] = *c,
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn assessment_files_changed_in_their_values(changes in mutations()) {
        let v: Value = serde_json::from_str(EXAMPLE).expect("the example file");
        check_file(&mutated(v, changes).to_string());
    }

    #[test]
    fn assessment_files_changed_in_their_bytes(changes in byte_changes()) {
        check_file(&changed(EXAMPLE, &changes));
    }

    #[test]
    fn rubric_files_changed(changes in mutations(), bytes in byte_changes()) {
        let v: Value = serde_json::from_str(BUNDLED_RUBRIC_JSON).expect("the bundled rubric");
        for text in [mutated(v, changes).to_string(), changed(BUNDLED_RUBRIC_JSON, &bytes)] {
            if let Err(es) = load_rubric(&text) {
                for e in es {
                    assert_chinese("rubric", &e.to_string());
                }
            }
        }
    }

    #[test]
    fn drafts_changed(changes in mutations(), bytes in byte_changes()) {
        let draft = Draft::new("d1", "tab", "2026-01-01T00:00:00Z", LoadedRubric::bundled().reference(), hangzhou());
        let text = draft.encode();
        let v: Value = serde_json::from_str(&text).expect("a draft");
        for text in [mutated(v, changes).to_string(), changed(&text, &bytes)] {
            if let Err(e) = decode(&text) {
                assert_chinese("draft", &e.to_string());
            }
        }
    }
}

//! The engine's own types (rubric, draft, assessment, recorded scores) read through the one
//! path-tracking deserialiser (`json::located`) give the values, paths and messages
//! `serde_path_to_error` gives. Here, above the types, because `json` sits below them.

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::engine::io::draft::Draft;
use crate::engine::io::file::Recorded;
use crate::engine::json::located::testing::{any_value, check, mutated, mutations};
use crate::engine::model::assessment::Assessment;
use crate::engine::model::rubric::{Rubric, BUNDLED_RUBRIC_JSON};

#[test]
fn reads_what_serde_json_reads() {
    // Every value of the bundled rubric.
    let rubric: Value = serde_json::from_str(BUNDLED_RUBRIC_JSON).expect("the bundled rubric");
    assert_eq!(check::<Rubric>(&rubric).ok(), serde_json::from_value(rubric.clone()).ok());
    assert_eq!(check::<Value>(&rubric).ok(), Some(rubric));
}

fn assessment() -> Value {
    let mut v: Value = serde_json::from_str(include_str!("../../../tests/examples/pass-hangzhou.json"))
        .expect("the example assessment file");
    let map = v.as_object_mut().expect("an object");
    for key in ["format", "format_version", "rubric", "saved_at", "generator", "recorded"] {
        map.remove(key);
    }
    map.insert(
        "reviews".into(),
        json!([{
            "role": "province",
            "reviewer": {"name": "张三", "unit": "省局"},
            "at": "2025-01-02",
            "items": {"1": {"score": "2", "comment": "c", "method": "data_comparison"}, "4.1": {"score": "1"}},
            "opinion": "o"
        }]),
    );
    map.insert(
        "process".into(),
        json!({
            "eligibility": {"platform_economy": {"met": true, "basis": "b"}, "innovation": {"met": false}},
            "stages": [{"stage": "apply", "date": "2021-05-01"}, {"stage": "approved", "document": "d"}],
            "attempts": [{"date": "2025-03-01", "passed": false, "note": "n"}],
            "events": [{"date": "2026-01-01", "kind": "major_case", "measure": "warning"}]
        }),
    );
    v
}

fn draft() -> Value {
    json!({
        "format": "demozone-draft",
        "version": 1,
        "id": "d1",
        "revision": 3,
        "writer": "w",
        "title": "t",
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-02T00:00:00Z",
        "rubric": {"id": "r", "version": "v", "digest": "sha256:00"},
        "assessment": assessment()
    })
}


proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rubrics_locate_like_serde_path_to_error(changes in mutations()) {
        let rubric: Value = serde_json::from_str(BUNDLED_RUBRIC_JSON).expect("the bundled rubric");
        let _ = check::<Rubric>(&mutated(rubric, changes));
    }

    #[test]
    fn drafts_locate_like_serde_path_to_error(changes in mutations()) {
        let v = mutated(draft(), changes);
        let _ = check::<Draft>(&v);
        if let Some(a) = v.get("assessment") {
            let _ = check::<Assessment>(a);
        }
    }

    #[test]
    fn any_value_locates_like_serde_path_to_error(v in any_value()) {
        let _ = check::<Recorded>(&v);
    }
}

#[test]
fn recorded_scores_locate_like_serde_path_to_error() {
    let file: Value = serde_json::from_str(include_str!("../../../tests/examples/pass-hangzhou.json"))
        .expect("the example assessment file");
    let recorded = &file["recorded"];
    assert!(check::<Recorded>(recorded).is_ok());
    let mut bad = recorded.clone();
    bad["indicators"]["7"] = json!("4,4");
    let (path, message) = check::<Recorded>(&bad).expect_err("not a decimal");
    assert_eq!(path, "indicators.7");
    assert!(message.contains("expected a Decimal"), "{message}");
}

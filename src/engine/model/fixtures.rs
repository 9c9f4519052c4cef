//! Test data shared by the engine's unit tests: the bundled rubric edited, the example rubric
//! files, a subject. Test builds only.

use serde_json::Value;

use super::assessment::{Assessment, Subject, SubjectKind};
use super::rubric::BUNDLED_RUBRIC_JSON;

pub const FINAL_EXAMPLE: &str = include_str!("../../../tests/fixtures/rubrics/2026-final-example.json");
pub const POINTS_DO_NOT_ADD_UP: &str = include_str!("../../../tests/fixtures/rubrics/points-do-not-add-up.json");
pub const UNKNOWN_RULE_KIND: &str = include_str!("../../../tests/fixtures/rubrics/unknown-rule-kind.json");
pub const MISSING_PASS_RULE: &str = include_str!("../../../tests/fixtures/rubrics/missing-pass-rule.json");

/// The bundled rubric's text after `f` changed its JSON.
pub fn edited(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(BUNDLED_RUBRIC_JSON).unwrap();
    f(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// Item `item` (0-based) of the `indicator`-th indicator (1-based) of a rubric's JSON.
pub fn item(v: &mut Value, indicator: usize, item: usize) -> &mut Value {
    let mut k = 0;
    for d in v["dimensions"].as_array_mut().unwrap() {
        for ind in d["indicators"].as_array_mut().unwrap() {
            k += 1;
            if k == indicator {
                return &mut ind["items"][item];
            }
        }
    }
    unreachable!()
}

/// 杭州市, a 副省级市 in 浙江, creation period 2022–2024, nothing entered.
pub fn hangzhou() -> Assessment {
    Assessment {
        subject: Subject {
            name: "杭州市".into(),
            kind: Some(SubjectKind::SubProvincialCity),
            province: "浙江".into(),
            start_year: Some(2022),
            years: Some(3),
        },
        ..Default::default()
    }
}

/// Sets a judged item's score as typed.
pub fn judged(a: &mut Assessment, id: &str, v: &str) {
    a.input_mut(id).values.insert("score".into(), v.into());
}

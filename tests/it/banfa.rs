//! The 《管理办法》 versions as data (`rules/banfa-*.json`): an assessment file of format version 1
//! opens unchanged under the 2025-10-29 征求意见稿's rules, a version 2 file records the 办法, the
//! two versions' rules differ where the January 2026 revision changed them, and the move between
//! them is computed before anything moves.

use demozone::engine::io::file::{read_file, write_file, FORMAT_VERSION};
use demozone::engine::model::banfa::{CURRENT_BANFA_ID, LEGACY_BANFA_ID};
use demozone::engine::model::edit::{apply, Edit};
use demozone::engine::process::banfa_move::banfa_move;
use demozone::engine::rubric::banfa::{banfa_for, current_banfa, legacy_banfa};
use demozone::engine::rubric::load::LoadedRubric;

use super::fixtures::root;

fn v1_file() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/format-v1/pass-hangzhou.json")).unwrap()
}

#[test]
fn a_version_1_file_opens_unchanged_under_the_drafts_rules() {
    let text = v1_file();
    assert!(text.contains("\"format_version\": 1,"));
    let rubric = LoadedRubric::bundled();
    let opened = read_file(&text, &[&rubric]).unwrap();
    assert_eq!(opened.file.format_version, 1);
    assert_eq!(opened.file.assessment.banfa, None);
    assert_eq!(banfa_for(&opened.file.assessment).unwrap().id, LEGACY_BANFA_ID);
    // The same assessment as the version 2 example, the same scores.
    let v2 = std::fs::read_to_string(root().join("tests/examples/pass-hangzhou.json")).unwrap();
    let opened2 = read_file(&v2, &[&rubric]).unwrap();
    assert_eq!(opened2.file.format_version, FORMAT_VERSION);
    assert_eq!(opened.file.assessment, opened2.file.assessment);
    assert_eq!(opened.outcome.total, opened2.outcome.total);
    assert!(opened.recorded_differences.is_empty());
}

#[test]
fn a_version_1_file_with_the_new_field_or_an_unknown_banfa_is_refused() {
    let rubric = LoadedRubric::bundled();
    let text = v1_file().replacen("\"subject\"", "\"banfa\": \"samr-banfa-2026\",\n  \"subject\"", 1);
    let e = read_file(&text, &[&rubric]).unwrap_err().to_string();
    assert_eq!(e, "字段「banfa」:文件格式版本1没有这个字段(格式版本2起才有);文件可能被改动过");
    let text = text.replace("\"format_version\": 1,", "\"format_version\": 2,").replace("samr-banfa-2026", "samr-banfa-2099");
    let e = read_file(&text, &[&rubric]).unwrap_err().to_string();
    assert!(e.starts_with("字段「banfa」:未知的管理办法版本「samr-banfa-2099」"), "{e}");
}

#[test]
fn a_version_2_file_records_the_2026_banfa_and_reads_it_back() {
    let rubric = LoadedRubric::bundled();
    let mut a = read_file(&v1_file(), &[&rubric]).unwrap().file.assessment;
    assert!(apply(&mut a, &Edit::SetBanfa { banfa: Some(CURRENT_BANFA_ID.into()) }).unwrap());
    a.subject.years = Some(4);
    let text = write_file(&rubric, &a, "2026-01-20T08:00:00Z");
    assert!(text.contains("\"format_version\": 2,") && text.contains("\"banfa\": \"samr-banfa-2026\""));
    let back = read_file(&text, &[&rubric]).unwrap();
    assert_eq!(back.file.assessment.banfa.as_deref(), Some(CURRENT_BANFA_ID));
    // A 4-year plan: flagged under the draft, not under the 2026 办法.
    let period = |o: &demozone::engine::score::outcome::Outcome| {
        o.problems.iter().filter(|p| p.location.field.as_deref() == Some("创建期年数")).count()
    };
    assert_eq!(period(&back.outcome), 0);
    let mut draft = a.clone();
    draft.banfa = None;
    let text = write_file(&rubric, &draft, "2026-01-20T08:00:00Z");
    assert!(!text.contains("\"banfa\""));
    assert_eq!(period(&read_file(&text, &[&rubric]).unwrap().outcome), 1);
}

#[test]
fn a_two_year_plan_is_flagged_under_2026_only_and_the_move_says_so() {
    let rubric = LoadedRubric::bundled();
    let mut a = read_file(&v1_file(), &[&rubric]).unwrap().file.assessment;
    a.subject.years = Some(2);
    let rows = banfa_move(&a, current_banfa());
    let row = rows.iter().find(|r| r.what == "本评估的创建期(2年)").expect("the period row");
    assert_eq!(row.before, "创建期2年,符合规定");
    assert!(row.after.starts_with("创建期2年,短于2026年修订版“创建期不低于3年”"), "{row:?}");
    assert_eq!(rows[0].after, current_banfa().full_label());
    assert_eq!(rows[0].before, legacy_banfa().full_label());
    // Nothing moves until the edit is applied; the move back is the same edit.
    assert_eq!(a.banfa, None);
    apply(&mut a, &Edit::SetBanfa { banfa: Some(CURRENT_BANFA_ID.into()) }).unwrap();
    apply(&mut a, &Edit::SetBanfa { banfa: None }).unwrap();
    assert_eq!(a.banfa, None);
}

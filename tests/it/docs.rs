//! Documentation that must stay true.

use std::path::Path;

/// docs/reading-the-rubric.md is a copy of the shared reading (after its first comment line).
#[test]
fn reading_copy_matches_the_shared_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = std::fs::read_to_string(root.join("docs/reading-the-rubric.md")).unwrap();
    let (first, body) = copy.split_once('\n').unwrap();
    assert!(first.starts_with("<!--"), "the copy starts with its provenance comment");
    assert!(body.contains("## Pass (合格)") && body.contains("## Regions (for indicator 3)"));
    let shared = root.join("../shared/docs/reading-the-rubric.md");
    match std::fs::read_to_string(&shared) {
        Ok(source) => assert_eq!(body, source, "docs/reading-the-rubric.md differs from {}", shared.display()),
        Err(_) => eprintln!("note: {} not beside this checkout; compared structure only", shared.display()),
    }
}

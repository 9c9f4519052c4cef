//! The integration tests, one test binary (`cargo test --test it`): linking one binary instead of
//! one per file keeps `cargo test`'s build short. Each module was a test file of its own; run one
//! with `cargo test --test it MODULE::`.

mod architecture;
mod banfa;
mod cli;
mod docs;
mod engine_rules;
mod examples;
mod fixtures;
mod fuzz_regressions;
mod hostile_files;
mod no_rule_text;
mod process;
mod properties;
mod reviews_and_tools;
mod rubric_data;

/// Every integration test is a module of this binary: a new `tests/X.rs` would be a test binary of
/// its own again (linked separately, the build slower), and a file in `tests/it/` that `main.rs`
/// does not declare is not compiled at all, so its tests would silently not run.
#[test]
fn integration_tests_are_modules_of_this_binary() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let rust_files = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".rs"))
            .collect();
        names.sort();
        names
    };
    let outside: Vec<String> = rust_files(&root).into_iter().map(|n| format!("tests/{n}")).collect();
    assert!(
        outside.is_empty(),
        "{} would be test binaries of their own: move each to tests/it/ (git mv tests/X.rs tests/it/X.rs) \
         and add `mod X;` to tests/it/main.rs",
        outside.join(", ")
    );
    let main = std::fs::read_to_string(root.join("it/main.rs")).unwrap();
    let undeclared: Vec<String> = rust_files(&root.join("it"))
        .into_iter()
        .filter(|n| n != "main.rs" && !main.contains(&format!("mod {};", n.trim_end_matches(".rs"))))
        .collect();
    assert!(undeclared.is_empty(), "tests/it/{} not declared in tests/it/main.rs (`mod X;`): never compiled", undeclared.join(", tests/it/"));
}

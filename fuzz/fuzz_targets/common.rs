// Shared by the libFuzzer targets (included, not a target itself).

use std::path::Path;
use std::sync::OnceLock;

use super::targets::Context;

/// The context, built once: the bundled rubric and the assessments of the example files.
pub fn context() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut seeds = Vec::new();
        for dir in ["tests/examples", "fuzz/corpus/assessment"] {
            if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
                for e in entries.flatten() {
                    if let Ok(data) = std::fs::read(e.path()) {
                        seeds.push(data);
                    }
                }
            }
        }
        Context::new(seeds.iter().map(|s| s.as_slice()))
    })
}

// 1. wasm-split (scripts/wasm-split.mjs, run after Trunk's build) cuts the app's wasm module at its
//    split points (src/app/lazy.rs). It reads the linker's relocations, which wasm-ld keeps only
//    with --emit-relocs. Only the app's binary on wasm32 gets it: the .xlsx worker and host builds
//    are unchanged.
// 2. DEMOZONE_PROGRAM_ID: a hash of everything that decides what the start page shows of a stored
//    draft (the engine's code and the bundled rubric and 办法 data). The draft index
//    (engine::io::index) made by another program is not used: the drafts are read again.
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    // Without these, cargo reruns the script (and rebuilds the crate) whenever any file of the
    // package changes (a script, a doc, a test): the app would be recompiled for nothing.
    println!("cargo::rerun-if-changed=build.rs");
    let mut all = Vec::new();
    for dir in ["src/engine", "rubrics", "rules"] {
        println!("cargo::rerun-if-changed={dir}");
        files(Path::new(dir), &mut all);
    }
    all.sort();
    // FNV-1a over each path and its bytes.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &all {
        let bytes = std::fs::read(p).unwrap_or_default();
        for b in p.to_string_lossy().as_bytes().iter().chain(&[0u8]).chain(&bytes) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo::rustc-env=DEMOZONE_PROGRAM_ID={h:016x}");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=demozone=--emit-relocs");
    }
}

// wasm-split (scripts/wasm-split.mjs, run after Trunk's build) cuts the app's wasm module at its
// split points (src/app/lazy.rs). It reads the linker's relocations, which wasm-ld keeps only with
// --emit-relocs. Only the app's binary on wasm32 gets it: the .xlsx worker and host builds are
// unchanged.
fn main() {
    // Without this, cargo reruns the script (and rebuilds the crate) whenever any file of the
    // package changes (a script, a doc, a test): the app would be recompiled for nothing.
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=demozone=--emit-relocs");
    }
}

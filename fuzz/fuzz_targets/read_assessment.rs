//! libFuzzer target: any bytes as an assessment file (read, score, write, read back).
//! The same code as the stable harness (examples/fuzz.rs): see ../targets.rs.
#![no_main]

#[path = "../targets.rs"]
mod targets;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = targets::assessment(data, common::context());
});

mod common {
    include!("common.rs");
}

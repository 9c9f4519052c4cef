//! libFuzzer target: any bytes as a rubric file (load, validate, score the seed assessments
//! with it, write and read back). The same code as the stable harness: see ../targets.rs.
#![no_main]

#[path = "../targets.rs"]
mod targets;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = targets::rubric(data, common::context());
});

mod common {
    include!("common.rs");
}

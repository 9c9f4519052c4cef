//! Test data shared by the view layer's unit tests: the passing example of 杭州市 and a reviewer.
//! Test builds only.

use crate::engine::io::file::read_file;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::review::Reviewer;
use crate::engine::rubric::load::LoadedRubric;

const PASS: &str = include_str!("../../../tests/examples/pass-hangzhou.json");

/// The bundled rubric and `tests/examples/pass-hangzhou.json` read with it.
pub fn hangzhou() -> (LoadedRubric, Assessment) {
    let loaded = LoadedRubric::bundled();
    let a = read_file(PASS, &[&loaded]).unwrap().file.assessment;
    (loaded, a)
}

/// 王五 of the 浙江省市场监督管理局, with a space around the name as typed.
pub fn wang() -> Reviewer {
    Reviewer { name: " 王五 ".into(), unit: "浙江省市场监督管理局".into() }
}

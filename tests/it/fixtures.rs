//! Helpers shared by the integration tests: exact numbers and dates from text, the bundled rubric,
//! the repository's folders, a subject, and the inputs of an assessment.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::LazyLock;

use demozone::engine::model::assessment::{Assessment, Subject, SubjectKind};
use demozone::engine::model::rubric::Rubric;
use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::support::dates::Date;
use rust_decimal::Decimal;

/// An exact decimal from its text (`d("0.5")`).
pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A date from its text (`date("2024-03-01")`).
pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

static BUNDLED: LazyLock<LoadedRubric> = LazyLock::new(LoadedRubric::bundled);

/// The bundled rubric, loaded once for the whole test binary.
pub fn bundled() -> &'static LoadedRubric {
    &BUNDLED
}

/// The bundled rubric's indicator table.
pub fn rubric() -> &'static Rubric {
    &BUNDLED.rubric
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example assessment files (`tests/examples/`).
pub fn examples_dir() -> PathBuf {
    root().join("tests/examples")
}

/// A subject (基本情况) with its creation period.
pub fn subject(name: &str, kind: SubjectKind, province: &str, start_year: i32, years: u32) -> Subject {
    Subject { name: name.into(), kind: Some(kind), province: province.into(), start_year: Some(start_year), years: Some(years) }
}

/// 杭州市 (副省级市, 浙江, 东部), creation period 2022–2024, nothing entered.
pub fn hangzhou() -> Assessment {
    Assessment { subject: subject("杭州市", SubjectKind::SubProvincialCity, "浙江", 2022, 3), ..Default::default() }
}

/// A judged score (`values.score`), as typed.
pub fn judged(a: &mut Assessment, item: &str, score: &str) {
    value(a, item, "score", score);
}

/// One value of an item (`values.KEY`), as typed.
pub fn value(a: &mut Assessment, item: &str, key: &str, v: &str) {
    a.input_mut(item).values.insert(key.into(), v.into());
}

/// A year series of an item (`years.KEY`) from its first year, as typed.
pub fn series(a: &mut Assessment, item: &str, key: &str, first: i32, values: &[&str]) {
    let s = a.input_mut(item).years.entry(key.into()).or_default();
    for (k, v) in values.iter().enumerate() {
        s.insert((first + k as i32).to_string(), v.to_string());
    }
}

/// The judged items of the first three dimensions (促进发展, 规范监管, 优化服务).
pub const D1_JUDGED: [&str; 6] = ["4.1", "4.2", "4.3", "5.1", "5.2", "5.3"];
pub const D2_JUDGED: [&str; 19] = [
    "6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "7.4", "8.1", "8.2", "8.3", "9.1", "10.1", "10.2", "10.3", "11.1",
    "11.2", "11.3", "12.1", "12.2",
];
pub const D3_JUDGED: [&str; 11] = ["14.1", "14.2", "14.3", "15.1", "16.1", "20.1", "20.2", "20.3", "21.1", "21.2", "21.3"];

/// A practice category of indicator 22 in the bundled rubric.
pub const CAT22_SANDBOX: &str = "沙盒监管、触发式监管等前瞻性、创新性实践";

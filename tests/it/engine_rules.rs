//! Every rule kind and every one of the 25 indicators, at and around each boundary that
//! `docs/reading-the-rubric.md` (the reading; it overrides the seed) defines.
//!
//! Assessments are built programmatically against the bundled rubric with the small helpers
//! below and in `fixtures.rs`. Scores are compared as exact decimals.

use demozone::engine::model::assessment::{Assessment, Entry, SubjectKind};
use demozone::engine::model::rubric::{Item, Rubric};
use demozone::engine::model::rule::Rule;
use demozone::engine::rubric::check::validate_rubric;
use demozone::engine::rubric::load::load_rubric;
use demozone::engine::score::items::score;
use demozone::engine::score::outcome::{verdict_conditions, Condition, DimensionResult, ItemStatus, Outcome};
use demozone::engine::support::problem::{Location, Problem, Severity};
use rust_decimal::Decimal;

use super::fixtures::{
    d, hangzhou, judged, rubric, series, subject, value, CAT22_SANDBOX, D1_JUDGED, D2_JUDGED, D3_JUDGED,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn with_subject(name: &str, kind: SubjectKind, province: &str) -> Assessment {
    Assessment { subject: subject(name, kind, province, 2022, 3), ..Default::default() }
}

fn flag(a: &mut Assessment, item: &str, key: &str, yes: bool) {
    a.input_mut(item).flags.insert(key.into(), yes);
}

/// One value of a year series.
fn year(a: &mut Assessment, item: &str, series: &str, y: i32, v: &str) {
    a.input_mut(item).years.entry(series.into()).or_default().insert(y.to_string(), v.into());
}

fn entry(a: &mut Assessment, item: &str, e: Entry) {
    a.input_mut(item).entries.push(e);
}

fn entity(name: &str, y: &str, amount: &str) -> Entry {
    Entry { name: name.into(), year: y.into(), amount: amount.into(), ..Default::default() }
}

fn practice(name: &str, category: &str, accepted: bool) -> Entry {
    Entry { name: name.into(), category: category.into(), accepted, ..Default::default() }
}

fn basis(a: &mut Assessment, item: &str, text: &str) {
    a.input_mut(item).basis = text.into();
}

fn run(a: &Assessment) -> Outcome {
    score(rubric(), a)
}

fn item_score(o: &Outcome, id: &str) -> Decimal {
    o.item(id).unwrap_or_else(|| panic!("no item {id}")).score
}

fn item_status(o: &Outcome, id: &str) -> ItemStatus {
    o.item(id).unwrap().status
}

fn ind_score(o: &Outcome, n: u32) -> Decimal {
    o.indicator(n).unwrap_or_else(|| panic!("no indicator {n}")).score
}

fn errors(o: &Outcome) -> Vec<&Problem> {
    o.problems.iter().filter(|p| p.is_error()).collect()
}

fn warnings(o: &Outcome) -> Vec<&Problem> {
    o.problems.iter().filter(|p| !p.is_error()).collect()
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Every problem is in Chinese and its location names where it is.
fn assert_well_formed(o: &Outcome) {
    for p in &o.problems {
        assert!(p.message.chars().any(is_cjk), "message not Chinese: {p:?}");
        assert!(!p.location.to_string().is_empty(), "no location: {p:?}");
        if p.location.section.is_none() {
            let n = p.location.indicator.expect("an item problem names its indicator");
            let item = p.location.item.as_deref().expect("an item problem names its item");
            let ind = rubric().indicator(n).expect("a known indicator");
            assert!(ind.items.iter().any(|i| i.id == item), "item {item} belongs to indicator {n}");
        }
        if let Some(field) = &p.location.field {
            assert!(!field.trim().is_empty());
        }
        assert!(p.to_string().starts_with(if p.is_error() { "错误:" } else { "提示:" }));
    }
}

/// Exactly one error, located on `item` at `field` (None: the item as a whole), whose message
/// contains `needle`.
fn assert_one_error(o: &Outcome, number: u32, item: &str, field: Option<&str>, needle: &str) {
    assert_well_formed(o);
    let errs = errors(o);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    let p = errs[0];
    assert_eq!(p.location.indicator, Some(number), "{p:?}");
    assert_eq!(p.location.item.as_deref(), Some(item), "{p:?}");
    assert_eq!(p.location.field.as_deref(), field, "{p:?}");
    assert!(p.message.contains(needle), "message {:?} lacks {needle:?}", p.message);
    assert_eq!(item_status(o, item), ItemStatus::Invalid);
}

fn no_errors(o: &Outcome) {
    assert_well_formed(o);
    assert!(errors(o).is_empty(), "unexpected errors: {:#?}", errors(o));
}

/// The judged items (rule `judged`) in rubric order, with their points.
fn judged_items() -> Vec<(u32, String, Decimal)> {
    rubric()
        .items()
        .filter(|(_, it)| matches!(it.rule, Rule::Judged { .. }))
        .map(|(ind, it)| (ind.number, it.id.clone(), it.points))
        .collect()
}

/// Distributes `target` over the judged items `ids` (each up to its points, in order).
fn set_judged_sum(a: &mut Assessment, ids: &[&str], target: &str) {
    let mut left = d(target);
    for id in ids {
        let (_, it) = rubric().items().find(|(_, it)| it.id == *id).unwrap();
        let s = left.min(it.points);
        judged(a, id, &s.normalize().to_string());
        left -= s;
    }
    assert!(left.is_zero(), "target {target} exceeds the items {ids:?}");
}

// Full marks for the data-driven indicators.

fn full_1(a: &mut Assessment) {
    series(a, "1", "subject", 2021, &["100", "120", "144", "172.8"]);
    for y in 2022..=2024 {
        year(a, "1", "reference_rate", y, "10");
    }
}

fn full_2(a: &mut Assessment) {
    series(a, "2", "subject", 2021, &["100", "120", "144", "172.8"]);
    series(a, "2", "reference", 2021, &["1000", "1050", "1100", "1150"]);
}

fn full_3(a: &mut Assessment) {
    value(a, "3a", "online", "15");
    value(a, "3a", "total", "100");
    for k in 0..6 {
        entry(a, "3b", entity(&format!("企业{k}"), "2023", "30000"));
    }
}

fn full_12_3(a: &mut Assessment) {
    flag(a, "12.3", "no_major_case", true);
}

fn full_13(a: &mut Assessment) {
    value(a, "13.1", "verify_ontime", "98");
    value(a, "13.2", "clue_timely", "96");
    value(a, "13.2", "clue_done", "97");
    value(a, "13.3", "upheld", "99");
    value(a, "13.3", "won", "98");
    flag(a, "13.3", "no_procedural_loss", true);
}

fn full_17(a: &mut Assessment) {
    value(a, "17.1", "first_check_ontime", "99.5");
    value(a, "17.1", "closed_ontime", "99.6");
    value(a, "17.1", "mediation", "70");
    value(a, "17.1", "mediation_national", "60");
}

fn full_18(a: &mut Assessment) {
    value(a, "18.1", "odr_settle", "75");
    value(a, "18.1", "odr_settle_national", "70");
    value(a, "18.1", "odr_closed_ontime", "99");
}

fn full_19(a: &mut Assessment) {
    value(a, "19.1", "sectors", "6");
    judged(a, "19.1", "6");
}

const CAT23: &str = "其他结合地方特色的创新性服务";

fn full_22(a: &mut Assessment) {
    entry(a, "22.1", practice("直播电商触发式监管", CAT22_SANDBOX, true));
}

fn full_23(a: &mut Assessment) {
    entry(a, "23.1", practice("网络市场综合服务平台", CAT23, true));
}

fn full_24(a: &mut Assessment) {
    value(a, "24.1", "law", "1");
}

fn full_25(a: &mut Assessment) {
    value(a, "25.1", "commendation", "2");
    value(a, "25.1", "meeting", "2");
    value(a, "25.2", "provincial_media", "1");
}

/// An assessment of 杭州市 whose dimensions score exactly the given targets:
/// D1 = 11 (indicators 1–3 full) + judged; D2 = 4 (12.3, 13) + judged; D3 = 10 (17, 18, 19) +
/// judged; D4 = 22 + 23 + 24 + 25 from the given counts.
fn with_dimensions(d1: &str, d2: &str, d3: &str, d4: (bool, bool, &str, &str)) -> Assessment {
    let mut a = hangzhou();
    full_1(&mut a);
    full_2(&mut a);
    full_3(&mut a);
    set_judged_sum(&mut a, &D1_JUDGED, &(d(d1) - d("11")).to_string());
    full_12_3(&mut a);
    full_13(&mut a);
    set_judged_sum(&mut a, &D2_JUDGED, &(d(d2) - d("4")).to_string());
    full_17(&mut a);
    full_18(&mut a);
    full_19(&mut a);
    set_judged_sum(&mut a, &D3_JUDGED, &(d(d3) - d("10")).to_string());
    let (p22, p23, law_or_norm, meetings) = d4;
    if p22 {
        full_22(&mut a);
    } else {
        entry(&mut a, "22.1", practice("尚在试点的监管实践", CAT22_SANDBOX, false));
    }
    if p23 {
        full_23(&mut a);
    } else {
        entry(&mut a, "23.1", practice("尚在试点的服务实践", CAT23, false));
    }
    value(&mut a, "24.1", "normative", law_or_norm);
    value(&mut a, "25.1", "meeting", meetings);
    a
}

fn condition<'a>(o: &'a Outcome, id: &str) -> &'a Condition {
    o.conditions.iter().find(|c| c.id == id).unwrap()
}

fn dimension<'a>(o: &'a Outcome, id: &str) -> &'a DimensionResult {
    o.dimensions.iter().find(|c| c.id == id).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Coverage: every indicator and every rule kind
// ---------------------------------------------------------------------------------------------

/// Every one of the 25 indicators can be brought to its achievable maximum and to 0, and every
/// rule kind of the rubric is exercised by the tests in this file.
#[test]
fn every_indicator_from_zero_to_its_achievable_maximum() {
    let mut full = hangzhou();
    full_1(&mut full);
    full_2(&mut full);
    full_3(&mut full);
    for (_, id, pts) in judged_items() {
        judged(&mut full, &id, &pts.to_string());
    }
    full_12_3(&mut full);
    full_13(&mut full);
    full_17(&mut full);
    full_18(&mut full);
    full_19(&mut full);
    full_22(&mut full);
    full_23(&mut full);
    full_24(&mut full);
    full_25(&mut full);
    let o = run(&full);
    no_errors(&o);
    assert!(o.problems.is_empty(), "{:#?}", o.problems);
    for ind in rubric().indicators() {
        let r = o.indicator(ind.number).unwrap();
        let achievable = if ind.number == 24 { d("3") } else { ind.points };
        assert_eq!(r.score, achievable, "indicator {}", ind.number);
        assert_eq!(r.achievable, achievable, "indicator {}", ind.number);
        assert_eq!(r.max, ind.points, "indicator {}", ind.number);
        assert!(r.complete, "indicator {} complete", ind.number);
    }
    assert_eq!(o.total, d("99"));
    assert_eq!(o.achievable, d("99"));
    assert_eq!(o.max, d("100"));
    assert!(o.passed);
    let items = rubric().items().count();
    assert_eq!(items, 52);
    assert_eq!(o.progress(), (items, items));

    // An assessment with only the subject: everything 0 and empty.
    let o = run(&hangzhou());
    no_errors(&o);
    for ind in rubric().indicators() {
        assert_eq!(ind_score(&o, ind.number), Decimal::ZERO, "indicator {}", ind.number);
        assert!(!o.indicator(ind.number).unwrap().complete);
    }
    assert_eq!(o.total, Decimal::ZERO);
    assert!(!o.passed);
    assert_eq!(o.progress(), (0, rubric().items().count()));

    // Every rule kind of the bundled rubric is one of those tested here.
    let kinds: std::collections::BTreeSet<&str> = rubric().items().map(|(_, it)| it.rule.kind()).collect();
    let tested = [
        "growth_years",
        "share_bands",
        "per_count",
        "rate_thresholds",
        "all_of",
        "judged",
        "precondition_judged",
        "any_one",
        "weighted_counts",
    ];
    assert_eq!(kinds, tested.into_iter().collect());
}

// ---------------------------------------------------------------------------------------------
// Indicator 1 and 2: growth_years
// ---------------------------------------------------------------------------------------------

#[test]
fn ind1_growth_equal_to_national_rate_gives_0_above_gives_1() {
    let mut a = hangzhou();
    // Local growth exactly 10% every year.
    series(&mut a, "1", "subject", 2021, &["100", "110", "121", "133.1"]);
    year(&mut a, "1", "reference_rate", 2022, "10"); // equal: not 超过
    year(&mut a, "1", "reference_rate", 2023, "9.99"); // above
    year(&mut a, "1", "reference_rate", 2024, "10.01"); // below
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "1"), d("1"));
    assert_eq!(ind_score(&o, 1), d("1"));
    assert_eq!(item_status(&o, "1"), ItemStatus::Complete);
    let details = &o.item("1").unwrap().details;
    assert_eq!(details.len(), 3);
    assert!(details[0].starts_with("2022年") && details[0].contains("未超过"), "{details:?}");
    assert!(details[1].starts_with("2023年") && details[1].contains("超过,得1分"), "{details:?}");

    // Every year just above: 3.
    for y in 2022..=2024 {
        year(&mut a, "1", "reference_rate", y, "9.9999");
    }
    assert_eq!(ind_score(&run(&a), 1), d("3"));
    // A negative national rate (allowed: greater than -100%).
    for y in 2022..=2024 {
        year(&mut a, "1", "reference_rate", y, "-3.5");
    }
    assert_eq!(ind_score(&run(&a), 1), d("3"));
}

#[test]
fn ind1_national_growth_computed_from_amounts() {
    let mut a = hangzhou();
    series(&mut a, "1", "subject", 2021, &["100", "110", "121", "133.1"]); // 10% each year
                                                                           // National: 10% (equal), 9.909..% (below local), 10.008..% (above local).
    series(&mut a, "1", "reference", 2021, &["1000", "1100", "1209", "1330"]);
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "1"), d("1"));

    // A published rate takes precedence over the amounts for its year.
    year(&mut a, "1", "reference_rate", 2022, "9");
    assert_eq!(item_score(&run(&a), "1"), d("2"));
    year(&mut a, "1", "reference_rate", 2022, "10");
    assert_eq!(item_score(&run(&a), "1"), d("1"));
}

#[test]
fn ind1_equal_growth_compared_exactly_even_when_not_terminating() {
    let mut a = hangzhou();
    // 300 → 400 is 33.333…%, as is 600 → 800: equal, so 0 (not 超过).
    series(&mut a, "1", "subject", 2021, &["300", "400", "400", "400"]);
    series(&mut a, "1", "reference", 2021, &["600", "800", "800", "800"]);
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "1"), Decimal::ZERO);
    // One ten-millionth of a percent more is above.
    year(&mut a, "1", "subject", 2021, "100000000");
    year(&mut a, "1", "subject", 2022, "110000001");
    year(&mut a, "1", "reference_rate", 2022, "10");
    assert_eq!(item_score(&run(&a), "1"), d("1"));
}

#[test]
fn ind1_four_year_period_is_still_capped_at_3_and_warned() {
    let mut a = hangzhou();
    a.subject.start_year = Some(2021);
    a.subject.years = Some(4);
    series(&mut a, "1", "subject", 2020, &["100", "120", "144", "172.8", "207.36"]);
    for y in 2021..=2024 {
        year(&mut a, "1", "reference_rate", y, "10");
    }
    let o = run(&a);
    no_errors(&o);
    assert_eq!(o.item("1").unwrap().details.iter().filter(|l| l.contains("得1分")).count(), 4);
    assert_eq!(item_score(&o, "1"), d("3"));
    assert_eq!(ind_score(&o, 1), d("3"));
    let w = warnings(&o);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].location, Location::subject("创建期年数"));
    assert!(w[0].message.contains("超过第九条“创建活动周期一般不超过3年”"), "{}", w[0].message);
}

#[test]
fn ind1_zero_previous_year_amount_is_a_located_error() {
    let mut a = hangzhou();
    series(&mut a, "1", "subject", 2021, &["0", "120", "144", "172.8"]);
    for y in 2022..=2024 {
        year(&mut a, "1", "reference_rate", y, "10");
    }
    let o = run(&a);
    assert_one_error(&o, 1, "1", Some("创建地电子商务交易额 2021年"), "上一年度金额为0,无法计算增速");
    // The year with the error does not count; the others do.
    assert_eq!(item_score(&o, "1"), d("2"));

    // The same for the national amounts.
    let mut a = hangzhou();
    series(&mut a, "1", "subject", 2021, &["100", "120", "144", "172.8"]);
    series(&mut a, "1", "reference", 2021, &["0", "1100", "1210", "1331"]);
    let o = run(&a);
    assert_one_error(&o, 1, "1", Some("全国电子商务交易额 2021年"), "上一年度金额为0");
    assert_eq!(item_score(&o, "1"), d("2"));
}

#[test]
fn ind1_bad_values_and_years_are_located_errors() {
    // A negative amount.
    let mut a = hangzhou();
    full_1(&mut a);
    year(&mut a, "1", "subject", 2023, "-144");
    let o = run(&a);
    // 2023 and 2024 both need the 2023 amount: one error, reported once.
    assert_one_error(&o, 1, "1", Some("创建地电子商务交易额 2023年"), "不能为负数:「-144」");
    assert_eq!(item_score(&o, "1"), d("1"));

    // A year outside the period and its year before.
    let mut a = hangzhou();
    full_1(&mut a);
    year(&mut a, "1", "subject", 2019, "50");
    let o = run(&a);
    assert_one_error(
        &o,
        1,
        "1",
        Some("创建地电子商务交易额 2019年"),
        "2019年不在创建期(2022–2024年)及其上一年度范围内",
    );
    assert_eq!(item_score(&o, "1"), d("3"));

    // A published rate for the year before the period is meaningless.
    let mut a = hangzhou();
    full_1(&mut a);
    year(&mut a, "1", "reference_rate", 2021, "5");
    let o = run(&a);
    assert_one_error(&o, 1, "1", Some("全国电子商务交易额增速 2021年"), "不在创建期");

    // A national rate of -100% or less is impossible.
    let mut a = hangzhou();
    full_1(&mut a);
    year(&mut a, "1", "reference_rate", 2022, "-100");
    let o = run(&a);
    assert_one_error(&o, 1, "1", Some("全国电子商务交易额增速 2022年"), "增速应大于-100%");
    assert_eq!(item_score(&o, "1"), d("2"));

    // Not a number.
    let mut a = hangzhou();
    full_1(&mut a);
    year(&mut a, "1", "subject", 2024, "十二万");
    let o = run(&a);
    assert_one_error(&o, 1, "1", Some("创建地电子商务交易额 2024年"), "不是有效的数字");
    assert_eq!(item_score(&o, "1"), d("2"));
}

#[test]
fn ind1_year_keys_must_be_plain_four_digit_years() {
    // A year key the series lookup would never find must not be silently ignored.
    let mut a = hangzhou();
    full_1(&mut a);
    let s = a.input_mut("1").years.get_mut("subject").unwrap();
    let v = s.remove("2024").unwrap();
    s.insert("２０２４".into(), v);
    let o = run(&a);
    assert_one_error(&o, 1, "1", Some("创建地电子商务交易额"), "「２０２４」");
    assert_eq!(item_score(&o, "1"), d("2"));
}

#[test]
fn ind1_growth_that_cannot_be_represented_is_not_called_a_zero_amount() {
    let mut a = hangzhou();
    full_1(&mut a);
    // 1e10 / 1e-28 overflows the exact decimal range.
    year(&mut a, "1", "subject", 2021, ".0000000000000000000000000001");
    year(&mut a, "1", "subject", 2022, "10000000000");
    let o = run(&a);
    assert_one_error(&o, 1, "1", Some("创建地电子商务交易额 2021年"), "无法计算增速");
    assert!(!errors(&o)[0].message.contains("为0"), "{}", errors(&o)[0].message);
    // 2022 cannot be computed, 2023 (1e10 → 144) falls, 2024 counts.
    assert_eq!(item_score(&o, "1"), d("1"));
}

#[test]
fn ind1_missing_inputs_leave_the_item_incomplete() {
    let mut a = hangzhou();
    series(&mut a, "1", "subject", 2021, &["100", "120"]);
    year(&mut a, "1", "reference_rate", 2022, "10");
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "1"), d("1"));
    assert_eq!(item_status(&o, "1"), ItemStatus::Incomplete);

    // Without a creation period nothing can be scored.
    let mut a = Assessment::default();
    full_1(&mut a);
    let o = run(&a);
    assert_eq!(item_score(&o, "1"), Decimal::ZERO);
    assert_eq!(item_status(&o, "1"), ItemStatus::Incomplete);
}

#[test]
fn ind2_online_retail_against_total_retail() {
    let mut a = hangzhou();
    series(&mut a, "2", "subject", 2021, &["100", "110", "121", "133.1"]); // 10% each year
                                                                           // 社零: 10% (equal), 9.99% (below), 10.01% (above).
    series(&mut a, "2", "reference", 2021, &["10000", "11000", "12098.9", "13309.9989"]);
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "2"), d("1"));
    assert!(o.item("2").unwrap().details[0].contains("社会消费品零售总额增速"));

    let mut a = hangzhou();
    full_2(&mut a);
    let o = run(&a);
    no_errors(&o);
    assert_eq!(ind_score(&o, 2), d("3"));

    // A four-year period: still 3.
    let mut a = hangzhou();
    a.subject.start_year = Some(2021);
    a.subject.years = Some(4);
    series(&mut a, "2", "subject", 2020, &["100", "120", "144", "172.8", "207.36"]);
    series(&mut a, "2", "reference", 2020, &["100", "101", "102", "103", "104"]);
    assert_eq!(ind_score(&run(&a), 2), d("3"));
}

#[test]
fn ind2_zero_previous_year_and_no_published_rate() {
    let mut a = hangzhou();
    full_2(&mut a);
    year(&mut a, "2", "reference", 2022, "0");
    let o = run(&a);
    assert_one_error(&o, 2, "2", Some("社会消费品零售总额 2022年"), "上一年度金额为0,无法计算增速");
    // 2022 can still be computed (1050 → 0 is -100%), 2023 cannot.
    assert_eq!(item_score(&o, "2"), d("2"));

    // Indicator 2 compares with the locality's own 社零: no published rate can be entered.
    let mut a = hangzhou();
    full_2(&mut a);
    year(&mut a, "2", "reference_rate", 2022, "3");
    let o = run(&a);
    assert_one_error(&o, 2, "2", None, "本项没有名为「reference_rate」的输入");
    assert_eq!(item_score(&o, "2"), d("3"));
}

// ---------------------------------------------------------------------------------------------
// Indicator 3: share_bands (3a) and per_count (3b), capped at 5
// ---------------------------------------------------------------------------------------------

fn share(online: &str, total: &str) -> Outcome {
    let mut a = hangzhou();
    value(&mut a, "3a", "online", online);
    value(&mut a, "3a", "total", total);
    run(&a)
}

#[test]
fn ind3a_share_bands_lower_bound_in_upper_bound_out() {
    let cases = [
        ("0", "100", "0"),
        ("599", "10000", "0"),         // 5.99%
        ("5999999", "100000000", "0"), // 5.999999%
        ("6", "100", "1"),             // 6%
        ("999", "10000", "1"),         // 9.99%
        ("99999", "1000000", "1"),     // 9.9999%
        ("10", "100", "2"),            // exactly 10%
        ("1", "10", "2"),              // 10% from other numbers
        ("1499", "10000", "2"),        // 14.99%
        ("15", "100", "3"),            // 15%
        ("3", "20", "3"),              // 15%
        ("100", "100", "3"),           // 100%
        ("１５", "１００", "3"),       // full-width digits
        ("1,500", "10,000", "3"),      // thousands separators
    ];
    for (n, t, expected) in cases {
        let o = share(n, t);
        no_errors(&o);
        assert_eq!(item_score(&o, "3a"), d(expected), "{n}/{t}");
        assert_eq!(ind_score(&o, 3), d(expected), "{n}/{t}");
        assert_eq!(item_status(&o, "3a"), ItemStatus::Complete);
    }
    // 1/3 of a percent short of 10% stays in the lower band: 2999/30000 = 9.99666…%.
    assert_eq!(item_score(&share("2999", "30000"), "3a"), d("1"));
    let o = share("1", "3");
    assert!(o.item("3a").unwrap().details[0].starts_with("占比 33.33%"), "{:?}", o.item("3a").unwrap().details);
}

#[test]
fn ind3a_invalid_counts() {
    let o = share("10", "0");
    assert_one_error(&o, 3, "3a", Some("经营主体总数"), "为0,无法计算占比");
    let o = share("101", "100");
    assert_one_error(&o, 3, "3a", Some("网络交易经营主体数"), "不能大于经营主体总数");
    let o = share("10.5", "100");
    assert_one_error(&o, 3, "3a", Some("网络交易经营主体数"), "应为整数");
    let o = share("-1", "100");
    assert_one_error(&o, 3, "3a", Some("网络交易经营主体数"), "不能为负数");
    let o = share("abc", "100");
    assert_one_error(&o, 3, "3a", Some("网络交易经营主体数"), "不是有效的数字");
    for o in [share("10", "0"), share("101", "100"), share("abc", "100")] {
        assert_eq!(item_score(&o, "3a"), Decimal::ZERO);
    }
    let o = share("10", "");
    no_errors(&o);
    assert_eq!(item_status(&o, "3a"), ItemStatus::Incomplete);
}

fn entities(a: &Assessment, rows: &[(&str, &str)]) -> Outcome {
    let mut a = a.clone();
    for (k, (y, amount)) in rows.iter().enumerate() {
        entry(&mut a, "3b", entity(&format!("企业{}", k + 1), y, amount));
    }
    run(&a)
}

#[test]
fn ind3b_regional_thresholds_include_the_threshold() {
    // 东部 (浙江): 2亿元 = 20000万元.
    let east = hangzhou();
    let o = entities(&east, &[("2023", "20000")]);
    no_errors(&o);
    assert_eq!(item_score(&o, "3b"), d("0.5"));
    assert_eq!(item_status(&o, "3b"), ItemStatus::Complete);
    assert_eq!(item_score(&entities(&east, &[("2023", "19999.99")]), "3b"), Decimal::ZERO);
    assert_eq!(item_score(&entities(&east, &[("2023", "10000")]), "3b"), Decimal::ZERO);
    let o = entities(&east, &[("2023", "20,000.00")]);
    assert_eq!(item_score(&o, "3b"), d("0.5"));
    assert!(o.item("3b").unwrap().details[0].contains("东部门槛"), "{:?}", o.item("3b").unwrap().details);

    // 中部 (河南): 1亿元.
    let central = with_subject("郑州市", SubjectKind::PrefectureCity, "河南");
    assert_eq!(item_score(&entities(&central, &[("2022", "10000")]), "3b"), d("0.5"));
    assert_eq!(item_score(&entities(&central, &[("2022", "9999.99")]), "3b"), Decimal::ZERO);

    // 西部 (新疆生产建设兵团 is 西部) and 东北: 5000万元.
    let bingtuan = with_subject("石河子市", SubjectKind::PrefectureCity, "新疆生产建设兵团");
    assert_eq!(rubric().region_of("新疆生产建设兵团").unwrap().id, "west");
    let o = entities(&bingtuan, &[("2024", "5000")]);
    no_errors(&o);
    assert_eq!(item_score(&o, "3b"), d("0.5"));
    assert_eq!(item_score(&entities(&bingtuan, &[("2024", "4999.99")]), "3b"), Decimal::ZERO);
    let chengdu = with_subject("成都市", SubjectKind::SubProvincialCity, "四川");
    assert_eq!(item_score(&entities(&chengdu, &[("2024", "5000")]), "3b"), d("0.5"));
    let shenyang = with_subject("沈阳市", SubjectKind::SubProvincialCity, "辽宁");
    assert_eq!(item_score(&entities(&shenyang, &[("2022", "5000")]), "3b"), d("0.5"));
    assert_eq!(item_score(&entities(&shenyang, &[("2022", "4999.99")]), "3b"), Decimal::ZERO);
    let district = with_subject("重庆市渝中区", SubjectKind::MunicipalDistrict, "重庆");
    assert_eq!(item_score(&entities(&district, &[("2022", "5000")]), "3b"), d("0.5"));
}

#[test]
fn ind3b_half_a_point_each_capped_at_3_and_indicator_capped_at_5() {
    let a = hangzhou();
    let rows = |n: usize| vec![("2023", "25000"); n];
    for (n, expected) in [(1, "0.5"), (2, "1"), (5, "2.5"), (6, "3"), (7, "3"), (20, "3")] {
        let o = entities(&a, &rows(n));
        no_errors(&o);
        assert_eq!(item_score(&o, "3b"), d(expected), "{n} entities");
    }
    // 3a 3 + 3b 3 = 6, capped at the indicator's 5.
    let mut a = hangzhou();
    value(&mut a, "3a", "online", "15");
    value(&mut a, "3a", "total", "100");
    let o = entities(&a, &rows(7));
    no_errors(&o);
    assert_eq!(item_score(&o, "3a"), d("3"));
    assert_eq!(item_score(&o, "3b"), d("3"));
    assert_eq!(ind_score(&o, 3), d("5"));
    assert_eq!(o.indicator(3).unwrap().achievable, d("5"));
    // 3a 2 + 3b 2.5 = 4.5: not capped.
    let mut a = hangzhou();
    value(&mut a, "3a", "online", "10");
    value(&mut a, "3a", "total", "100");
    assert_eq!(ind_score(&entities(&a, &rows(5)), 3), d("4.5"));
}

#[test]
fn ind3b_entity_outside_the_creation_period_is_a_row_error_and_does_not_count() {
    let a = hangzhou();
    let o = entities(&a, &[("2023", "30000"), ("2021", "30000"), ("2024", "30000")]);
    assert_one_error(&o, 3, "3b", Some("第2家新增规模以上网络交易经营主体 年份"), "2021年不在创建期(2022–2024年)内");
    assert_eq!(item_score(&o, "3b"), d("1"));
    let o = entities(&a, &[("2025", "30000")]);
    assert_one_error(&o, 3, "3b", Some("第1家新增规模以上网络交易经营主体 年份"), "2025年不在创建期");
    assert_eq!(item_score(&o, "3b"), Decimal::ZERO);
    // First and last year of the period are in.
    let o = entities(&a, &[("2022", "30000"), ("2024", "30000")]);
    no_errors(&o);
    assert_eq!(item_score(&o, "3b"), d("1"));
}

#[test]
fn ind3b_invalid_rows() {
    let a = hangzhou();
    let o = entities(&a, &[("2023", "-30000")]);
    assert_one_error(&o, 3, "3b", Some("第1家新增规模以上网络交易经营主体 年度网络交易额"), "不能为负数");
    let o = entities(&a, &[("二〇二三", "30000")]);
    assert_one_error(&o, 3, "3b", Some("第1家新增规模以上网络交易经营主体 年份"), "不是有效的数字");
    let o = entities(&a, &[("2023.5", "30000")]);
    assert_one_error(&o, 3, "3b", Some("第1家新增规模以上网络交易经营主体 年份"), "不是有效的年份");
    assert_eq!(item_score(&o, "3b"), Decimal::ZERO);
    // A row without a year or amount is incomplete, not an error, and does not count.
    let o = entities(&a, &[("", "30000"), ("2023", "")]);
    no_errors(&o);
    assert_eq!(item_score(&o, "3b"), Decimal::ZERO);
    assert_eq!(item_status(&o, "3b"), ItemStatus::Incomplete);
    // Without a province the threshold is unknown.
    let mut no_province = hangzhou();
    no_province.subject.province.clear();
    let o = entities(&no_province, &[("2023", "30000")]);
    assert_eq!(item_score(&o, "3b"), Decimal::ZERO);
    assert_eq!(item_status(&o, "3b"), ItemStatus::Incomplete);
}

// ---------------------------------------------------------------------------------------------
// Judged items: indicators 4–12, 14–16, 20, 21
// ---------------------------------------------------------------------------------------------

#[test]
fn judged_items_are_exactly_those_of_the_reading() {
    let numbers: std::collections::BTreeSet<u32> = judged_items().into_iter().map(|(n, _, _)| n).collect();
    let expected: std::collections::BTreeSet<u32> =
        [4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 20, 21].into_iter().collect();
    assert_eq!(numbers, expected);
}

#[test]
fn judged_zero_half_full_for_every_judged_item() {
    for (number, id, pts) in judged_items() {
        let half = demozone::engine::support::num::truncate(pts / Decimal::TWO, 1);
        for s in [Decimal::ZERO, half, pts] {
            let mut a = hangzhou();
            judged(&mut a, &id, &s.normalize().to_string());
            let o = run(&a);
            no_errors(&o);
            assert_eq!(item_score(&o, &id), s, "item {id}");
            assert_eq!(ind_score(&o, number), s, "indicator {number}");
            assert_eq!(item_status(&o, &id), ItemStatus::Complete);
        }
        // One tenth below full marks is fine.
        let mut a = hangzhou();
        judged(&mut a, &id, &(pts - d("0.1")).to_string());
        assert_eq!(item_score(&run(&a), &id), pts - d("0.1"));
    }
}

#[test]
fn judged_above_max_is_an_error_naming_indicator_and_item() {
    for (number, id, pts) in judged_items() {
        let mut a = hangzhou();
        judged(&mut a, &id, &(pts + d("0.1")).to_string());
        let o = run(&a);
        assert_one_error(&o, number, &id, Some("评分"), &format!("超过本项满分{}", pts.normalize()));
        assert_eq!(item_score(&o, &id), Decimal::ZERO, "an invalid score does not count");
        let shown = errors(&o)[0].to_string();
        assert!(shown.starts_with(&format!("错误:指标{number} 第{id}项 「评分」:得分")), "{shown}");
    }
}

#[test]
fn judged_decimals_signs_and_non_numbers() {
    let bad = [
        ("1.25", "最多保留1位小数"),
        ("0.05", "最多保留1位小数"),
        ("-1", "得分不能为负数"),
        ("-0.5", "得分不能为负数"),
        ("abc", "不是有效的数字"),
        ("1.5分", "不是有效的数字"),
        ("1..5", "不是有效的数字"),
        ("1e0", "不是有效的数字"),
        ("一", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
        ("1/2", "不是有效的数字"),
        ("50%", "不是有效的数字"),
    ];
    for (raw, needle) in bad {
        let mut a = hangzhou();
        judged(&mut a, "4.1", raw);
        let o = run(&a);
        assert_one_error(&o, 4, "4.1", Some("评分"), needle);
        assert_eq!(item_score(&o, "4.1"), Decimal::ZERO);
    }
    let good = [
        ("１.５", "1.5"),  // full-width digits
        ("１．５", "1.5"), // full-width point
        ("1。5", "1.5"),   // ideographic full stop typed as a point
        (" 1.5 ", "1.5"),
        ("1.50", "1.5"), // a trailing zero is not a second decimal
        ("+2", "2"),
        ("0", "0"),
        ("-0", "0"),
        (".5", "0.5"),
        ("２", "2"),
    ];
    for (raw, expected) in good {
        let mut a = hangzhou();
        judged(&mut a, "4.1", raw);
        let o = run(&a);
        no_errors(&o);
        assert_eq!(item_score(&o, "4.1"), d(expected), "{raw:?}");
    }
    // Blank is not entered yet.
    let mut a = hangzhou();
    judged(&mut a, "4.1", "  ");
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_status(&o, "4.1"), ItemStatus::Empty);
    basis(&mut a, "4.1", "有材料,尚未评分");
    assert_eq!(item_status(&run(&a), "4.1"), ItemStatus::Incomplete);
}

#[test]
fn judged_indicators_sum_their_items() {
    // Indicator 7: 1.5 + 1.5 + 1 + 1.
    let mut a = hangzhou();
    judged(&mut a, "7.1", "1.4");
    judged(&mut a, "7.2", "0.7");
    judged(&mut a, "7.3", "1");
    judged(&mut a, "7.4", "0.3");
    let o = run(&a);
    assert_eq!(ind_score(&o, 7), d("3.4"));
    assert!(o.indicator(7).unwrap().complete);
    // Indicator 12: the two judged items and the yes/no condition.
    let mut a = hangzhou();
    judged(&mut a, "12.1", "0.8");
    judged(&mut a, "12.2", "1");
    flag(&mut a, "12.3", "no_major_case", true);
    assert_eq!(ind_score(&run(&a), 12), d("2.8"));
}

// ---------------------------------------------------------------------------------------------
// Indicator 12.3: all_of
// ---------------------------------------------------------------------------------------------

#[test]
fn ind12_3_flag_yes_no_unanswered() {
    let mut a = hangzhou();
    flag(&mut a, "12.3", "no_major_case", true);
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "12.3"), d("1"));
    assert_eq!(item_status(&o, "12.3"), ItemStatus::Complete);

    flag(&mut a, "12.3", "no_major_case", false);
    let o = run(&a);
    assert_eq!(item_score(&o, "12.3"), Decimal::ZERO);
    assert_eq!(item_status(&o, "12.3"), ItemStatus::Complete);

    let mut a = hangzhou();
    basis(&mut a, "12.3", "正在核实舆情情况");
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "12.3"), Decimal::ZERO);
    assert_eq!(item_status(&o, "12.3"), ItemStatus::Incomplete);
    assert!(!o.indicator(12).unwrap().complete);
    let o = run(&hangzhou());
    assert_eq!(item_status(&o, "12.3"), ItemStatus::Empty);
    assert!(!o.indicator(12).unwrap().complete);

    let mut a = hangzhou();
    flag(&mut a, "12.3", "no_major_cases", true);
    let o = run(&a);
    assert_one_error(&o, 12, "12.3", None, "本项没有名为「no_major_cases」的输入");
}

// ---------------------------------------------------------------------------------------------
// Indicators 13, 17, 18: rate_thresholds
// ---------------------------------------------------------------------------------------------

#[test]
fn ind13_1_strictly_above_95() {
    for (rate, expected) in
        [("95", "0"), ("94.99", "0"), ("95.00", "0"), ("95.01", "1"), ("95.0001", "1"), ("100", "1")]
    {
        let mut a = hangzhou();
        value(&mut a, "13.1", "verify_ontime", rate);
        let o = run(&a);
        no_errors(&o);
        assert_eq!(item_score(&o, "13.1"), d(expected), "{rate}");
        assert_eq!(ind_score(&o, 13), d(expected), "{rate}");
    }
    let mut a = hangzhou();
    value(&mut a, "13.1", "verify_ontime", "100.01");
    assert_one_error(&run(&a), 13, "13.1", Some("网购举报按时核查率"), "比率应在0到100(%)之间");
}

#[test]
fn ind13_2_both_rates_strictly_above_90() {
    for (timely, done, expected) in
        [("90", "90", "0"), ("90.01", "90", "0"), ("90", "90.01", "0"), ("90.01", "90.01", "1"), ("100", "95", "1")]
    {
        let mut a = hangzhou();
        value(&mut a, "13.2", "clue_timely", timely);
        value(&mut a, "13.2", "clue_done", done);
        let o = run(&a);
        no_errors(&o);
        assert_eq!(item_score(&o, "13.2"), d(expected), "{timely}/{done}");
    }
}

#[test]
fn ind13_3_both_rates_above_95_and_the_flag() {
    for (upheld, won, f, expected) in [
        ("96", "97", Some(true), "1"),
        ("96", "97", Some(false), "0"),
        ("95", "97", Some(true), "0"),
        ("96", "95", Some(true), "0"),
        ("95.01", "95.01", Some(true), "1"),
        ("96", "97", None, "0"),
    ] {
        let mut a = hangzhou();
        value(&mut a, "13.3", "upheld", upheld);
        value(&mut a, "13.3", "won", won);
        if let Some(f) = f {
            flag(&mut a, "13.3", "no_procedural_loss", f);
        }
        let o = run(&a);
        no_errors(&o);
        assert_eq!(item_score(&o, "13.3"), d(expected), "{upheld}/{won}/{f:?}");
        let status = if f.is_none() { ItemStatus::Incomplete } else { ItemStatus::Complete };
        assert_eq!(item_status(&o, "13.3"), status);
    }
    let mut a = hangzhou();
    full_13(&mut a);
    assert_eq!(ind_score(&run(&a), 13), d("3"));
}

#[test]
fn ind17_all_three_or_nothing() {
    let case = |first: &str, closed: &str, med: &str, national: &str| {
        let mut a = hangzhou();
        value(&mut a, "17.1", "first_check_ontime", first);
        value(&mut a, "17.1", "closed_ontime", closed);
        value(&mut a, "17.1", "mediation", med);
        value(&mut a, "17.1", "mediation_national", national);
        let o = run(&a);
        no_errors(&o);
        ind_score(&o, 17)
    };
    assert_eq!(case("99.01", "99.01", "65.01", "65"), d("2"));
    assert_eq!(case("99", "99.5", "70", "60"), Decimal::ZERO);
    assert_eq!(case("99.5", "99", "70", "60"), Decimal::ZERO);
    assert_eq!(case("99.5", "99.5", "60", "60"), Decimal::ZERO, "mediation must be above the national rate");
    assert_eq!(case("99.5", "99.5", "59.9", "60"), Decimal::ZERO);
    assert_eq!(case("100", "100", "100", "99.99"), d("2"));
    // The national rate is a required input.
    let mut a = hangzhou();
    value(&mut a, "17.1", "first_check_ontime", "100");
    value(&mut a, "17.1", "closed_ontime", "100");
    value(&mut a, "17.1", "mediation", "100");
    let o = run(&a);
    assert_eq!(ind_score(&o, 17), Decimal::ZERO);
    assert_eq!(item_status(&o, "17.1"), ItemStatus::Incomplete);
    value(&mut a, "17.1", "mediation_national", "百分之六十");
    assert_one_error(&run(&a), 17, "17.1", Some("全国网购投诉调解成功率"), "不是有效的数字");
}

#[test]
fn ind18_settle_rate_at_least_national_and_on_time_above_98() {
    let case = |settle: &str, national: &str, ontime: &str| {
        let mut a = hangzhou();
        value(&mut a, "18.1", "odr_settle", settle);
        value(&mut a, "18.1", "odr_settle_national", national);
        value(&mut a, "18.1", "odr_closed_ontime", ontime);
        let o = run(&a);
        no_errors(&o);
        ind_score(&o, 18)
    };
    assert_eq!(case("62.5", "62.5", "98.01"), d("2"), "不低于: equal to the national average passes");
    assert_eq!(case("62.5", "62.5", "98"), Decimal::ZERO, "高于98%: exactly 98 fails");
    assert_eq!(case("62.49", "62.5", "99"), Decimal::ZERO);
    assert_eq!(case("70", "62.5", "100"), d("2"));
    let mut a = hangzhou();
    value(&mut a, "18.1", "odr_settle", "62.5");
    value(&mut a, "18.1", "odr_settle_national", "62.5");
    value(&mut a, "18.1", "odr_closed_ontime", "98");
    let o = run(&a);
    let details = &o.item("18.1").unwrap().details;
    assert!(details.iter().any(|l| l.contains("62.5%≥62.5%:达标")), "{details:?}");
    assert!(details.iter().any(|l| l.contains("98%≤98%:未达标")), "{details:?}");
}

// ---------------------------------------------------------------------------------------------
// Indicator 19: precondition_judged
// ---------------------------------------------------------------------------------------------

#[test]
fn ind19_at_least_five_sectors_then_judged() {
    let case = |sectors: &str, s: &str| {
        let mut a = hangzhou();
        value(&mut a, "19.1", "sectors", sectors);
        judged(&mut a, "19.1", s);
        run(&a)
    };
    let o = case("4", "6");
    assert!(errors(&o).is_empty());
    assert_well_formed(&o);
    assert_eq!(ind_score(&o, 19), Decimal::ZERO);
    let w = warnings(&o);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].location, Location::item(19, "19.1", "评分"));
    assert!(w[0].message.contains("前置条件(至少5个重点行业领域)未满足"));

    let o = case("5", "5.5");
    no_errors(&o);
    assert!(o.problems.is_empty());
    assert_eq!(ind_score(&o, 19), d("5.5"));
    assert_eq!(item_status(&o, "19.1"), ItemStatus::Complete);
    assert_eq!(ind_score(&case("12", "6"), 19), d("6"));
    assert_eq!(ind_score(&case("5", "0"), 19), Decimal::ZERO);

    let o = case("5", "6.1");
    assert_one_error(&o, 19, "19.1", Some("评分"), "超过本项满分6");
    let o = case("5", "5.55");
    assert_one_error(&o, 19, "19.1", Some("评分"), "最多保留1位小数");
    let o = case("5.5", "5");
    assert_one_error(&o, 19, "19.1", Some("开展放心消费建设的重点行业领域数"), "应为整数");

    // Four sectors and no score: 0 without a warning.
    let mut a = hangzhou();
    value(&mut a, "19.1", "sectors", "4");
    let o = run(&a);
    assert!(o.problems.is_empty());
    assert_eq!(item_status(&o, "19.1"), ItemStatus::Complete);
    // Five sectors and no score yet: incomplete.
    value(&mut a, "19.1", "sectors", "5");
    let o = run(&a);
    assert_eq!(item_status(&o, "19.1"), ItemStatus::Incomplete);
}

// ---------------------------------------------------------------------------------------------
// Indicators 22, 23: any_one
// ---------------------------------------------------------------------------------------------

#[test]
fn ind22_23_one_accepted_practice_gives_6() {
    for (number, id, cat) in [(22, "22.1", CAT22_SANDBOX), (23, "23.1", CAT23)] {
        let mut a = hangzhou();
        entry(&mut a, id, practice("实践一", cat, true));
        let o = run(&a);
        no_errors(&o);
        assert_eq!(ind_score(&o, number), d("6"));
        assert_eq!(item_status(&o, id), ItemStatus::Complete);

        entry(&mut a, id, practice("实践二", cat, true));
        assert_eq!(ind_score(&run(&a), number), d("6"), "two practices are still 6");

        let mut a = hangzhou();
        entry(&mut a, id, practice("实践一", cat, false));
        entry(&mut a, id, practice("实践二", "", false));
        let o = run(&a);
        no_errors(&o);
        assert_eq!(ind_score(&o, number), Decimal::ZERO, "none accepted gives 0");

        // Accepted without a category is fine; an unknown category or no name is a row error.
        let mut a = hangzhou();
        entry(&mut a, id, practice("实践一", "", true));
        assert_eq!(ind_score(&run(&a), number), d("6"));
        let mut a = hangzhou();
        entry(&mut a, id, practice("实践一", "不存在的类别", true));
        let o = run(&a);
        assert_one_error(&o, number, id, Some("第1条实践"), "未知的实践类别「不存在的类别」");
        assert_eq!(ind_score(&o, number), Decimal::ZERO);
        let mut a = hangzhou();
        entry(&mut a, id, practice("实践一", cat, false));
        entry(&mut a, id, practice(" ", cat, true));
        let o = run(&a);
        assert_one_error(&o, number, id, Some("第2条实践"), "未填写实践名称");
        assert_eq!(ind_score(&o, number), Decimal::ZERO);
    }
}

// ---------------------------------------------------------------------------------------------
// Indicators 24, 25: weighted_counts
// ---------------------------------------------------------------------------------------------

fn counts(item: &str, kv: &[(&str, &str)]) -> Outcome {
    let mut a = hangzhou();
    for (k, v) in kv {
        value(&mut a, item, k, v);
    }
    run(&a)
}

#[test]
fn ind24_capped_at_3() {
    let cases: [(&[(&str, &str)], &str); 8] = [
        (&[("law", "1")], "3"),
        (&[("regulation", "1"), ("normative", "1")], "3"),
        (&[("law", "2")], "3"),
        (&[("regulation", "1")], "2"),
        (&[("normative", "2")], "2"),
        (&[("normative", "5")], "3"),
        (&[("law", "0"), ("regulation", "0"), ("normative", "0")], "0"),
        (&[("regulation", "2"), ("law", "1")], "3"),
    ];
    for (kv, expected) in cases {
        let o = counts("24.1", kv);
        no_errors(&o);
        assert_eq!(ind_score(&o, 24), d(expected), "{kv:?}");
    }
    let o = counts("24.1", &[("law", "2")]);
    assert_eq!(o.indicator(24).unwrap().achievable, d("3"));
    assert_eq!(o.indicator(24).unwrap().max, d("4"));
    assert_eq!(o.achievable, d("99"));
    assert!(o.item("24.1").unwrap().details.iter().any(|l| l.contains("合计6分,封顶3分")));

    let o = counts("24.1", &[("law", "1.5")]);
    assert_one_error(&o, 24, "24.1", Some("法规"), "应为整数");
    let o = counts("24.1", &[("law", "-1")]);
    assert_one_error(&o, 24, "24.1", Some("法规"), "不能为负数");
    let o = counts("24.1", &[("laws", "1")]);
    assert_one_error(&o, 24, "24.1", None, "本项没有名为「laws」的输入");
}

#[test]
fn ind25_recognition_and_media() {
    let o = counts("25.1", &[("commendation", "2"), ("meeting", "1")]);
    no_errors(&o);
    assert_eq!(item_score(&o, "25.1"), d("3.5"));
    assert_eq!(ind_score(&o, 25), d("3.5"));
    let o = counts("25.1", &[("instruction", "1"), ("typical", "1"), ("bulletin", "1")]);
    assert_eq!(item_score(&o, "25.1"), d("3.5"));

    let o = counts("25.2", &[("central_media", "2"), ("provincial_media", "1")]);
    no_errors(&o);
    assert_eq!(item_score(&o, "25.2"), d("1.5"), "media part at most 1.5");
    assert_eq!(item_score(&counts("25.2", &[("central_media", "1")]), "25.2"), d("1"));
    assert_eq!(item_score(&counts("25.2", &[("provincial_media", "1")]), "25.2"), d("0.5"));
    assert_eq!(item_score(&counts("25.2", &[("provincial_media", "3")]), "25.2"), d("1.5"));

    // The whole indicator at most 4.
    let mut a = hangzhou();
    value(&mut a, "25.1", "commendation", "2");
    value(&mut a, "25.1", "meeting", "1");
    value(&mut a, "25.2", "central_media", "2");
    value(&mut a, "25.2", "provincial_media", "1");
    let o = run(&a);
    no_errors(&o);
    assert_eq!(item_score(&o, "25.1"), d("3.5"));
    assert_eq!(item_score(&o, "25.2"), d("1.5"));
    assert_eq!(ind_score(&o, 25), d("4"));
    let o = counts("25.1", &[("commendation", "10")]);
    assert_eq!(item_score(&o, "25.1"), d("4"));
    assert_eq!(ind_score(&o, 25), d("4"));
    assert_eq!(o.indicator(25).unwrap().achievable, d("4"));
}

// ---------------------------------------------------------------------------------------------
// Subject, unknown ids and keys
// ---------------------------------------------------------------------------------------------

fn subject_errors(a: &Assessment) -> Vec<(String, String)> {
    let o = run(a);
    assert_well_formed(&o);
    o.problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| {
            assert_eq!(p.location.section.as_deref(), Some("subject"));
            (p.location.field.clone().unwrap(), p.message.clone())
        })
        .collect()
}

#[test]
fn subject_validation() {
    assert!(subject_errors(&hangzhou()).is_empty());

    let mut a = hangzhou();
    a.subject.province = "浙江省".into();
    assert_eq!(subject_errors(&a), vec![("所在省份".into(), "未知的省份「浙江省」,请从列表中选择".into())]);

    let a = with_subject("杭州市西湖区", SubjectKind::MunicipalDistrict, "浙江");
    assert_eq!(
        subject_errors(&a),
        vec![("创建对象类型".into(), "直辖市市辖区(县)应位于北京、天津、上海或重庆,所选省份为「浙江」".into())]
    );
    let a = with_subject("上海市某市", SubjectKind::PrefectureCity, "上海");
    assert_eq!(
        subject_errors(&a),
        vec![("创建对象类型".into(), "「上海」是直辖市,其创建对象应为直辖市市辖区(县)".into())]
    );
    let a = with_subject("上海市浦东新区", SubjectKind::MunicipalDistrict, "上海");
    assert!(subject_errors(&a).is_empty());

    let a = Assessment::default();
    let fields: Vec<String> = subject_errors(&a).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, vec!["创建对象名称", "创建对象类型", "所在省份", "创建期起始年份", "创建期年数"]);

    let mut a = hangzhou();
    a.subject.name = "  ".into();
    assert_eq!(subject_errors(&a), vec![("创建对象名称".into(), "未填写创建对象名称".into())]);
    let mut a = hangzhou();
    a.subject.years = Some(0);
    assert_eq!(subject_errors(&a), vec![("创建期年数".into(), "创建期年数应为正整数".into())]);
    let mut a = hangzhou();
    a.subject.start_year = Some(1999);
    assert_eq!(subject_errors(&a), vec![("创建期起始年份".into(), "起始年份1999不在2000年至2100年之间".into())]);

    // A 4-year period is a warning, not an error.
    let mut a = hangzhou();
    a.subject.years = Some(4);
    let o = run(&a);
    assert!(errors(&o).is_empty());
    assert_eq!(o.problems.len(), 1);
    assert_eq!(o.problems[0].severity, Severity::Warning);
    assert_eq!(o.problems[0].to_string(), "提示:基本情况 「创建期年数」:创建期4年,超过第九条“创建活动周期一般不超过3年”的规定(上限3年;允许,但请说明理由)");
    a.subject.years = Some(3);
    assert!(run(&a).problems.is_empty());
}

#[test]
fn unknown_item_ids_and_input_keys_are_errors() {
    let mut a = hangzhou();
    judged(&mut a, "4.4", "1");
    let o = run(&a);
    assert_well_formed(&o);
    let errs = errors(&o);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].location, Location::file("inputs"));
    assert_eq!(errs[0].message, "指标体系中没有第「4.4」项,此项输入无法计分");
    assert_eq!(o.total, Decimal::ZERO);

    // Unknown keys of each kind of input.
    let mut a = hangzhou();
    value(&mut a, "4.1", "score", "1");
    value(&mut a, "4.1", "grade", "1");
    let o = run(&a);
    assert_one_error(&o, 4, "4.1", None, "本项没有名为「grade」的输入");
    assert_eq!(item_score(&o, "4.1"), d("1"), "the known input still counts");

    let mut a = hangzhou();
    flag(&mut a, "13.1", "extra", true);
    assert_one_error(&run(&a), 13, "13.1", None, "「extra」");
    let mut a = hangzhou();
    year(&mut a, "3a", "online", 2022, "1");
    assert_one_error(&run(&a), 3, "3a", None, "「online」");
    let mut a = hangzhou();
    entry(&mut a, "4.1", entity("x", "2022", "1"));
    assert_one_error(&run(&a), 4, "4.1", None, "「entries」");
    let mut a = hangzhou();
    value(&mut a, "22.1", "score", "6");
    assert_one_error(&run(&a), 22, "22.1", None, "「score」");
}

// ---------------------------------------------------------------------------------------------
// Verdict
// ---------------------------------------------------------------------------------------------

#[test]
fn verdict_exactly_85_with_dimensions_exactly_on_80_percent_passes() {
    // Total exactly 85, D1, D2 and D4 exactly 80% (16/20, 24/30, 16/20); D3 29/30.
    // (All four at 80% would total only 80, so this is as close to every bound as arithmetic allows.)
    let a = with_dimensions("16", "24", "29", (true, true, "3", "2"));
    let o = run(&a);
    no_errors(&o);
    let scores: Vec<Decimal> = o.dimensions.iter().map(|x| x.score).collect();
    assert_eq!(scores, vec![d("16"), d("24"), d("29"), d("16")]);
    assert_eq!(o.total, d("85"));
    assert!(o.passed);
    for c in &o.conditions {
        assert!(c.met, "{c:?}");
        assert_eq!(c.missing, Decimal::ZERO);
    }
    assert_eq!(condition(&o, "total").required, d("85"));
    assert_eq!(condition(&o, "total").actual, d("85"));
    assert_eq!(condition(&o, "D1").required, d("16"));
    assert_eq!(condition(&o, "D2").required, d("24"));
    assert_eq!(condition(&o, "D2").label, "规范监管得分率≥80%(≥24分)");
    assert_eq!(condition(&o, "total").label, "总分≥85分");
    for id in ["D1", "D2", "D4"] {
        let dim = dimension(&o, id);
        assert_eq!(dim.rate, d("0.8"), "{id}");
        assert!(dim.passed);
        assert_eq!(dim.rate_display(), "80.00");
    }

    // Another combination: total exactly 85 with one dimension exactly at 80%.
    let o = run(&with_dimensions("16", "25.5", "25.5", (true, true, "3", "6")));
    no_errors(&o);
    assert_eq!(o.total, d("85"));
    assert_eq!(dimension(&o, "D1").rate, d("0.8"));
    assert!(o.passed);
}

#[test]
fn verdict_one_tenth_below_a_bound_fails_with_exactly_that_condition() {
    // Total 84.9, every dimension at or above 80%.
    let o = run(&with_dimensions("16", "24", "28.9", (true, true, "3", "2")));
    no_errors(&o);
    assert_eq!(o.total, d("84.9"));
    assert!(!o.passed);
    let unmet: Vec<&Condition> = o.unmet().collect();
    assert_eq!(unmet.len(), 1);
    assert_eq!(unmet[0].id, "total");
    assert_eq!(unmet[0].missing, d("0.1"));
    assert_eq!(o.conditions.len(), 5, "every condition is listed, met or not");

    // D2 at 23.9/30 with a total of 85.
    let o = run(&with_dimensions("17.1", "23.9", "30", (true, true, "3", "2")));
    no_errors(&o);
    assert_eq!(o.total, d("87"));
    let unmet: Vec<&Condition> = o.unmet().collect();
    assert_eq!(unmet.len(), 1);
    assert_eq!(unmet[0].id, "D2");
    assert_eq!(unmet[0].missing, d("0.1"));
    // 79.666…% is shown truncated, never rounded up.
    assert_eq!(dimension(&o, "D2").rate_display(), "79.66");
    assert!(!dimension(&o, "D2").passed);
}

#[test]
fn verdict_total_90_with_a_dimension_at_79_5_percent_fails() {
    // Judged scores have at most one decimal, so every dimension score is a multiple of 0.1;
    // 79.5% is reachable in a 20-point dimension (15.9/20).
    let o = run(&with_dimensions("15.9", "30", "25.1", (true, true, "3", "8")));
    no_errors(&o);
    assert_eq!(o.total, d("90"));
    let d1 = dimension(&o, "D1");
    assert_eq!(d1.score, d("15.9"));
    assert_eq!(d1.rate, d("0.795"));
    assert_eq!(d1.rate_display(), "79.50");
    assert!(!d1.passed);
    assert!(!o.passed);
    let unmet: Vec<&Condition> = o.unmet().collect();
    assert_eq!(unmet.len(), 1, "{unmet:?}");
    assert_eq!(unmet[0].id, "D1");
    assert_eq!(unmet[0].label, "促进发展得分率≥80%(≥16分)");
    assert_eq!(unmet[0].required, d("16"));
    assert_eq!(unmet[0].actual, d("15.9"));
    assert_eq!(unmet[0].missing, d("0.1"));
    assert!(condition(&o, "total").met);
}

#[test]
fn verdict_conditions_with_two_decimal_dimension_scores() {
    // 23.85/30 is 79.5% of a 30-point dimension. Scored assessments cannot produce it (judged
    // scores have one decimal), but the verdict is computed from any dimension scores: a total of
    // 90 with D2 at 23.85 fails on D2 alone, missing 0.15.
    let dims: Vec<DimensionResult> = [
        ("D1", "促进发展", "20", "20"),
        ("D2", "规范监管", "23.85", "30"),
        ("D3", "优化服务", "30", "30"),
        ("D4", "探索创新", "16.15", "20"),
    ]
    .into_iter()
    .map(|(id, name, s, m)| DimensionResult {
        id: id.into(),
        name: name.into(),
        score: d(s),
        max: d(m),
        rate: d(s) / d(m),
        passed: d(s) / d(m) >= d("0.8"),
    })
    .collect();
    let total: Decimal = dims.iter().map(|x| x.score).sum();
    assert_eq!(total, d("90"));
    let conditions = verdict_conditions(rubric(), total, &dims);
    let unmet: Vec<&Condition> = conditions.iter().filter(|c| !c.met).collect();
    assert_eq!(unmet.len(), 1);
    assert_eq!(unmet[0].id, "D2");
    assert_eq!(unmet[0].required, d("24"));
    assert_eq!(unmet[0].missing, d("0.15"));
    assert_eq!(dims[1].rate_display(), "79.50");
    assert_eq!(dims[3].rate_display(), "80.75");
}

#[test]
fn rate_display_truncates() {
    let dim = |score: &str, max: &str| DimensionResult {
        id: "D".into(),
        name: "测试".into(),
        score: d(score),
        max: d(max),
        rate: d(score) / d(max),
        passed: false,
    };
    assert_eq!(dim("23.9999", "30").rate_display(), "79.99"); // 79.9996…%
    assert_eq!(dim("15.9999", "20").rate_display(), "79.99"); // 79.9995%
    assert_eq!(dim("23.99", "30").rate_display(), "79.96"); // 79.9666…%
    assert_eq!(dim("24", "30").rate_display(), "80.00");
    assert_eq!(dim("30", "30").rate_display(), "100.00");
    assert_eq!(dim("0", "30").rate_display(), "0.00");
    assert_eq!(dim("10", "30").rate_display(), "33.33");
    assert_eq!(dim("20", "30").rate_display(), "66.66"); // 66.666…%: truncated, not 66.67
}

#[test]
fn verdict_each_failing_dimension_is_listed_with_its_missing_points() {
    let o = run(&hangzhou());
    let unmet: Vec<(&str, Decimal)> = o.unmet().map(|c| (c.id.as_str(), c.missing)).collect();
    assert_eq!(unmet, vec![("total", d("85")), ("D1", d("16")), ("D2", d("24")), ("D3", d("24")), ("D4", d("16"))]);
    // D4 at 13 (no accepted service practice): total 92 fails on D4 alone.
    let o = run(&with_dimensions("20", "30", "29", (true, false, "3", "8")));
    assert_eq!(o.total, d("92"));
    let unmet: Vec<(&str, Decimal)> = o.unmet().map(|c| (c.id.as_str(), c.missing)).collect();
    assert_eq!(unmet, vec![("D4", d("3"))]);
}

// ---------------------------------------------------------------------------------------------
// User-loaded rubrics
// ---------------------------------------------------------------------------------------------

fn rubric_item<'a>(r: &'a mut Rubric, id: &str) -> &'a mut Item {
    r.dimensions
        .iter_mut()
        .flat_map(|d| d.indicators.iter_mut())
        .flat_map(|i| i.items.iter_mut())
        .find(|it| it.id == id)
        .unwrap()
}

/// A rubric file that passes validation may have weights so large that count × weight does not
/// fit a Decimal: scoring must not panic (it caps, as for any large sum).
#[test]
fn huge_weights_of_a_user_rubric_do_not_overflow() {
    let huge = d("70000000000000000000000000000");
    let mut r = rubric().clone();
    r.version = "huge-weights".into();
    if let Rule::WeightedCounts { weights, .. } = &mut rubric_item(&mut r, "25.1").rule {
        for w in weights {
            w.per = huge;
        }
    }
    rubric_item(&mut r, "25.1").points = huge;
    rubric_item(&mut r, "25.2").points = huge;
    if let Rule::WeightedCounts { weights, cap } = &mut rubric_item(&mut r, "25.2").rule {
        weights[0].per = huge;
        *cap = None;
    }
    if let Rule::PerCount { per, .. } = &mut rubric_item(&mut r, "3b").rule {
        *per = huge;
    }
    rubric_item(&mut r, "3b").points = huge;
    if let Rule::GrowthYears { per_year, .. } = &mut rubric_item(&mut r, "1").rule {
        *per_year = huge;
    }
    assert_eq!(validate_rubric(&r), Ok(()), "the rubric is valid");
    let text = serde_json::to_string_pretty(&r).unwrap();
    let loaded = load_rubric(&text).expect("a user can load it");

    let mut a = hangzhou();
    value(&mut a, "25.1", "commendation", "1000000");
    value(&mut a, "25.1", "meeting", "18446744073709551615");
    value(&mut a, "25.2", "central_media", "3");
    for k in 0..3 {
        entry(&mut a, "3b", entity(&format!("企业{k}"), "2023", "30000"));
    }
    full_1(&mut a);
    let o = score(&loaded.rubric, &a);
    no_errors(&o);
    assert_eq!(ind_score(&o, 25), d("4"));
    assert_eq!(ind_score(&o, 3), d("5"));
    assert_eq!(ind_score(&o, 1), d("3"));
    assert_eq!(o.total, d("12"));
}

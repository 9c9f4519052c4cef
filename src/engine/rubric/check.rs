//! Consistency checks of a rubric (the bundled one and user-supplied rubric files).
//!
//! Reading a file (`super::load`) checks its structure; [`validate_rubric`] checks that
//! the numbers and identifiers in it fit together. It reports every problem it finds (not
//! only the first), each with a Chinese location and message, and never panics: user-supplied
//! files may contain anything, including decimals whose sums overflow.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::engine::model::rubric::{Indicator, Item, Rubric, SumRule};
use crate::engine::model::rule::InputField;
use crate::engine::support::num::fmt;
use crate::engine::support::problem::Refusal;

/// Check a rubric for consistency. `Ok(())` when nothing is wrong; otherwise all problems found.
pub fn validate_rubric(r: &Rubric) -> Result<(), Vec<Refusal>> {
    let mut p = Problems::default();
    check_header(r, &mut p);
    let total = check_dimensions(r, &mut p);
    check_pass_rule(r, total, &mut p);
    check_process(r, &mut p);
    check_regions(r, &mut p);
    if p.0.is_empty() {
        Ok(())
    } else {
        Err(p.0)
    }
}

#[derive(Default)]
struct Problems(Vec<Refusal>);

impl Problems {
    fn push(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.0.push(Refusal::at_place(&location.into(), message));
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Exact sum, or `None` on overflow.
fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

const TOP: &str = "指标体系";
const PASS: &str = "合格标准";
const PROCESS: &str = "创建流程";

fn check_header(r: &Rubric, p: &mut Problems) {
    if blank(&r.id) {
        p.push(TOP, "标识(id)为空");
    }
    if blank(&r.version) {
        p.push(TOP, "版本(version)为空");
    }
    if blank(&r.title) {
        p.push(TOP, "标题(title)为空");
    }
}

fn check_pass_rule(r: &Rubric, total: Option<Decimal>, p: &mut Problems) {
    let rule = &r.pass_rule;
    if rule.min_total <= Decimal::ZERO {
        p.push(PASS, format!("总分合格线 {} 应大于 0", fmt(rule.min_total)));
    } else if let Some(total) = total {
        if rule.min_total > total {
            p.push(PASS, format!("总分合格线 {} 超过满分 {}", fmt(rule.min_total), fmt(total)));
        }
    }
    if rule.min_dimension_rate <= Decimal::ZERO || rule.min_dimension_rate > Decimal::ONE {
        p.push(
            PASS,
            format!("一级指标得分率合格线 {} 应大于 0 且不超过 1", fmt(rule.min_dimension_rate)),
        );
    }
}

fn check_process(r: &Rubric, p: &mut Problems) {
    if r.process.max_creation_years < 1 {
        p.push(PROCESS, format!("创建周期上限 {} 年,应至少为 1 年", r.process.max_creation_years));
    }
    if r.process.notice_days < 1 {
        p.push(PROCESS, format!("公示期 {} 天,应至少为 1 天", r.process.notice_days));
    }
}

fn check_regions(r: &Rubric, p: &mut Problems) {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    // province -> id of the first region it was found in
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, region) in r.regions.iter().enumerate() {
        let loc = if blank(&region.id) { format!("区域 第{}个", k + 1) } else { format!("区域 {}", region.id) };
        if blank(&region.id) {
            p.push(&loc, "区域标识为空");
        } else if !ids.insert(region.id.as_str()) {
            p.push(&loc, format!("区域标识 {} 重复", region.id));
        }
        if blank(&region.name) {
            p.push(&loc, "区域名称为空");
        }
        let mut own: BTreeSet<&str> = BTreeSet::new();
        for prov in &region.provinces {
            if blank(prov) {
                p.push(&loc, "省份名称为空");
                continue;
            }
            if !own.insert(prov.as_str()) {
                p.push(&loc, format!("省份 {} 在本区域中重复", prov));
                continue;
            }
            match owner.get(prov.as_str()) {
                Some(other) => p.push(&loc, format!("省份 {} 同时属于区域 {} 和区域 {}", prov, other, region.id)),
                None => {
                    owner.insert(prov.as_str(), region.id.as_str());
                }
            }
        }
    }
}

/// Checks dimensions, indicators and items. Returns the total points when they add up without
/// overflow.
fn check_dimensions(r: &Rubric, p: &mut Problems) -> Option<Decimal> {
    if r.dimensions.is_empty() {
        p.push(TOP, "没有一级指标");
    }
    let region_ids: Vec<&str> = r.regions.iter().map(|g| g.id.as_str()).collect();
    let mut dim_ids: BTreeSet<&str> = BTreeSet::new();
    let mut numbers: BTreeSet<u32> = BTreeSet::new();
    // item id -> number of the indicator it was first seen in
    let mut item_ids: BTreeMap<&str, u32> = BTreeMap::new();

    for (k, dim) in r.dimensions.iter().enumerate() {
        let loc = if blank(&dim.id) { format!("一级指标 第{}个", k + 1) } else { format!("一级指标 {}", dim.id) };
        if blank(&dim.id) {
            p.push(&loc, "一级指标标识为空");
        } else if !dim_ids.insert(dim.id.as_str()) {
            p.push(&loc, format!("一级指标标识 {} 重复", dim.id));
        }
        if blank(&dim.name) {
            p.push(&loc, "一级指标名称为空");
        }
        if dim.points <= Decimal::ZERO {
            p.push(&loc, format!("分值 {} 应大于 0", fmt(dim.points)));
        }
        if dim.indicators.is_empty() {
            p.push(&loc, "没有二级指标");
        } else {
            match checked_sum(dim.indicators.iter().map(|i| i.points)) {
                Some(sum) if sum != dim.points => p.push(
                    &loc,
                    format!("二级指标分值之和 {} 与一级指标分值 {} 不符", fmt(sum), fmt(dim.points)),
                ),
                Some(_) => {}
                None => p.push(&loc, "二级指标分值之和超出可表示范围"),
            }
        }
        for ind in &dim.indicators {
            let iloc = format!("指标 {}", ind.number);
            if !numbers.insert(ind.number) {
                p.push(&iloc, format!("指标编号 {} 重复", ind.number));
            }
            check_indicator(ind, &iloc, p);
            for (n, item) in ind.items.iter().enumerate() {
                let item_loc = if blank(&item.id) {
                    format!("指标 {} 第 {} 个子项", ind.number, n + 1)
                } else {
                    format!("指标 {} 第 {} 项", ind.number, item.id)
                };
                if blank(&item.id) {
                    p.push(&item_loc, "子项编号为空");
                } else if let Some(first) = item_ids.get(item.id.as_str()) {
                    p.push(&item_loc, format!("子项编号 {} 重复(已用于指标 {})", item.id, first));
                } else {
                    item_ids.insert(item.id.as_str(), ind.number);
                }
                check_item(item, &item_loc, &region_ids, p);
            }
        }
    }
    checked_sum(r.dimensions.iter().map(|d| d.points))
}

fn check_indicator(ind: &Indicator, loc: &str, p: &mut Problems) {
    if blank(&ind.title) {
        p.push(loc, "标题为空");
    }
    if ind.points <= Decimal::ZERO {
        p.push(loc, format!("分值 {} 应大于 0", fmt(ind.points)));
    }
    if ind.items.is_empty() {
        p.push(loc, "没有子项");
        return;
    }
    if ind.sum == SumRule::Equal {
        match checked_sum(ind.items.iter().map(|i| i.points)) {
            Some(sum) if sum != ind.points => {
                p.push(loc, format!("子项分值之和 {} 与指标分值 {} 不符", fmt(sum), fmt(ind.points)))
            }
            Some(_) => {}
            None => p.push(loc, "子项分值之和超出可表示范围"),
        }
    }
}

fn check_item(item: &Item, loc: &str, region_ids: &[&str], p: &mut Problems) {
    if item.points <= Decimal::ZERO {
        p.push(loc, format!("分值 {} 应大于 0", fmt(item.points)));
    }
    check_fields(&item.rule.fields(), loc, p);
    for problem in item.rule.parameter_problems(item.points, region_ids) {
        p.push(loc, problem);
    }
}

fn check_fields(fields: &[InputField], loc: &str, p: &mut Problems) {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for f in fields {
        if blank(f.key) {
            p.push(loc, format!("输入项“{}”的键为空", f.label));
        } else if !seen.insert(f.key) {
            p.push(loc, format!("输入项键 {} 在本项中重复", f.key));
        }
        if blank(&f.label) {
            p.push(loc, format!("输入项 {} 的名称为空", f.key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::rubric::{Dimension, PassRule, ProcessParams, Region, Source, BUNDLED_RUBRIC_JSON};
    use crate::engine::model::rule::{Band, Bound, Rule, Weight};
    use crate::engine::support::problem::Location;
    use std::str::FromStr;

    /// The bundled rubric's structure, read without this module's checks (`super::load` runs them).
    fn bundled() -> Rubric {
        serde_json::from_str(BUNDLED_RUBRIC_JSON).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn problems(r: &Rubric) -> Vec<Refusal> {
        match validate_rubric(r) {
            Ok(()) => Vec::new(),
            Err(v) => v,
        }
    }

    #[track_caller]
    fn assert_problem(r: &Rubric, location: &str, message: &str) {
        let all = problems(r);
        assert!(
            all.iter().any(|p| p.location == Location::place(location) && p.message == message),
            "expected {location}:{message}, got {all:#?}"
        );
    }

    fn indicator(r: &mut Rubric, number: u32) -> &mut Indicator {
        r.dimensions.iter_mut().flat_map(|d| d.indicators.iter_mut()).find(|i| i.number == number).unwrap()
    }

    fn item<'a>(r: &'a mut Rubric, id: &str) -> &'a mut Item {
        r.dimensions
            .iter_mut()
            .flat_map(|d| d.indicators.iter_mut())
            .flat_map(|i| i.items.iter_mut())
            .find(|i| i.id == id)
            .unwrap()
    }

    #[test]
    fn bundled_rubric_is_consistent() {
        assert_eq!(validate_rubric(&bundled()), Ok(()));
    }

    #[test]
    fn display_is_location_colon_message() {
        let p = Refusal::at_place("指标 3 第 3b 项", "子项分值之和 6 与指标分值 5 不符");
        assert_eq!(p.to_string(), "指标 3 第 3b 项:子项分值之和 6 与指标分值 5 不符");
    }

    #[test]
    fn empty_header_fields() {
        let mut r = bundled();
        r.id = String::new();
        r.version = " ".into();
        r.title = String::new();
        assert_problem(&r, "指标体系", "标识(id)为空");
        assert_problem(&r, "指标体系", "版本(version)为空");
        assert_problem(&r, "指标体系", "标题(title)为空");
    }

    #[test]
    fn pass_rule_min_total_not_positive() {
        let mut r = bundled();
        r.pass_rule.min_total = Decimal::ZERO;
        assert_problem(&r, "合格标准", "总分合格线 0 应大于 0");
    }

    #[test]
    fn pass_rule_min_total_above_total() {
        let mut r = bundled();
        r.pass_rule.min_total = dec("100.5");
        assert_problem(&r, "合格标准", "总分合格线 100.5 超过满分 100");
        r.pass_rule.min_total = dec("100");
        assert_eq!(validate_rubric(&r), Ok(()));
    }

    #[test]
    fn pass_rule_dimension_rate_out_of_range() {
        let mut r = bundled();
        r.pass_rule.min_dimension_rate = Decimal::ZERO;
        assert_problem(&r, "合格标准", "一级指标得分率合格线 0 应大于 0 且不超过 1");
        r.pass_rule.min_dimension_rate = dec("1.01");
        assert_problem(&r, "合格标准", "一级指标得分率合格线 1.01 应大于 0 且不超过 1");
        r.pass_rule.min_dimension_rate = dec("80");
        assert_problem(&r, "合格标准", "一级指标得分率合格线 80 应大于 0 且不超过 1");
        r.pass_rule.min_dimension_rate = Decimal::ONE;
        assert_eq!(validate_rubric(&r), Ok(()));
    }

    #[test]
    fn process_params_zero() {
        let mut r = bundled();
        r.process.max_creation_years = 0;
        r.process.notice_days = 0;
        assert_problem(&r, "创建流程", "创建周期上限 0 年,应至少为 1 年");
        assert_problem(&r, "创建流程", "公示期 0 天,应至少为 1 天");
    }

    #[test]
    fn no_dimensions() {
        let mut r = bundled();
        r.dimensions.clear();
        assert_problem(&r, "指标体系", "没有一级指标");
    }

    #[test]
    fn dimension_points_differ_from_indicator_sum() {
        let mut r = bundled();
        r.dimensions[0].points = dec("21");
        assert_problem(&r, "一级指标 D1", "二级指标分值之和 20 与一级指标分值 21 不符");
    }

    #[test]
    fn duplicate_indicator_number() {
        let mut r = bundled();
        indicator(&mut r, 5).number = 4;
        assert_problem(&r, "指标 4", "指标编号 4 重复");
    }

    #[test]
    fn duplicate_item_id_across_indicators() {
        let mut r = bundled();
        item(&mut r, "5.1").id = "4.1".into();
        assert_problem(&r, "指标 5 第 4.1 项", "子项编号 4.1 重复(已用于指标 4)");
    }

    #[test]
    fn indicator_without_items() {
        let mut r = bundled();
        indicator(&mut r, 24).items.clear();
        assert_problem(&r, "指标 24", "没有子项");
    }

    #[test]
    fn points_not_positive() {
        let mut r = bundled();
        item(&mut r, "25.2").points = Decimal::ZERO;
        assert_problem(&r, "指标 25 第 25.2 项", "分值 0 应大于 0");
        let mut r = bundled();
        indicator(&mut r, 9).points = dec("-3");
        assert_problem(&r, "指标 9", "分值 -3 应大于 0");
        let mut r = bundled();
        r.dimensions[3].points = Decimal::ZERO;
        assert_problem(&r, "一级指标 D4", "分值 0 应大于 0");
    }

    #[test]
    fn equal_sum_mismatch() {
        let mut r = bundled();
        indicator(&mut r, 3).sum = SumRule::Equal;
        assert_problem(&r, "指标 3", "子项分值之和 6 与指标分值 5 不符");
        let mut r = bundled();
        item(&mut r, "7.4").points = dec("1.5");
        assert_problem(&r, "指标 7", "子项分值之和 5.5 与指标分值 5 不符");
    }

    #[test]
    fn judged_decimals_above_two() {
        let mut r = bundled();
        item(&mut r, "4.1").rule = Rule::Judged { decimals: 3 };
        assert_problem(&r, "指标 4 第 4.1 项", "评分小数位数 3 超过 2 位");
        let mut r = bundled();
        if let Rule::PreconditionJudged { decimals, .. } = &mut item(&mut r, "19.1").rule {
            *decimals = 5;
        } else {
            panic!("19.1 is precondition_judged");
        }
        assert_problem(&r, "指标 19 第 19.1 项", "评分小数位数 5 超过 2 位");
    }

    fn bands_of(r: &mut Rubric) -> &mut Vec<Band> {
        match &mut item(r, "3a").rule {
            Rule::ShareBands { bands, .. } => bands,
            _ => panic!("3a is share_bands"),
        }
    }

    #[test]
    fn share_bands_not_increasing() {
        let mut r = bundled();
        bands_of(&mut r)[2].from = dec("10");
        assert_problem(&r, "指标 3 第 3a 项", "分档下限 10% 未严格大于前一档下限 10%");
        let mut r = bundled();
        bands_of(&mut r).swap(0, 1);
        assert_problem(&r, "指标 3 第 3a 项", "分档下限 6% 未严格大于前一档下限 10%");
    }

    #[test]
    fn share_band_score_above_item_points() {
        let mut r = bundled();
        bands_of(&mut r)[2].score = dec("3.5");
        assert_problem(&r, "指标 3 第 3a 项", "分档得分 3.5 超过子项分值 3");
    }

    #[test]
    fn share_bands_empty() {
        let mut r = bundled();
        bands_of(&mut r).clear();
        assert_problem(&r, "指标 3 第 3a 项", "没有占比分档");
    }

    #[test]
    fn per_count_missing_region_threshold() {
        let mut r = bundled();
        if let Rule::PerCount { thresholds, .. } = &mut item(&mut r, "3b").rule {
            thresholds.remove("northeast");
        } else {
            panic!("3b is per_count");
        }
        assert_problem(&r, "指标 3 第 3b 项", "缺少区域 northeast 的门槛");
    }

    #[test]
    fn per_count_unknown_region_threshold() {
        let mut r = bundled();
        if let Rule::PerCount { thresholds, .. } = &mut item(&mut r, "3b").rule {
            thresholds.insert("south".into(), dec("1"));
        }
        assert_problem(&r, "指标 3 第 3b 项", "门槛中的区域 south 不存在");
    }

    #[test]
    fn per_count_per_not_positive() {
        let mut r = bundled();
        if let Rule::PerCount { per, .. } = &mut item(&mut r, "3b").rule {
            *per = Decimal::ZERO;
        }
        assert_problem(&r, "指标 3 第 3b 项", "每家得分 0 应大于 0");
    }

    #[test]
    fn weighted_counts_empty_weights() {
        let mut r = bundled();
        if let Rule::WeightedCounts { weights, .. } = &mut item(&mut r, "24.1").rule {
            weights.clear();
        } else {
            panic!("24.1 is weighted_counts");
        }
        assert_problem(&r, "指标 24 第 24.1 项", "没有计分权重");
    }

    #[test]
    fn weighted_counts_per_not_positive() {
        let mut r = bundled();
        if let Rule::WeightedCounts { weights, .. } = &mut item(&mut r, "25.1").rule {
            weights[3].per = Decimal::ZERO;
        }
        assert_problem(&r, "指标 25 第 25.1 项", "权重 meeting 的每次得分 0 应大于 0");
    }

    #[test]
    fn weighted_counts_cap_above_item_points() {
        let mut r = bundled();
        if let Rule::WeightedCounts { cap, .. } = &mut item(&mut r, "25.2").rule {
            *cap = Some(dec("2"));
        }
        assert_problem(&r, "指标 25 第 25.2 项", "上限 2 超过子项分值 1.5");
        // No cap at all is fine.
        let mut r = bundled();
        if let Rule::WeightedCounts { cap, .. } = &mut item(&mut r, "25.2").rule {
            *cap = None;
        }
        assert_eq!(validate_rubric(&r), Ok(()));
    }

    #[test]
    fn rate_thresholds_without_conditions() {
        let mut r = bundled();
        if let Rule::RateThresholds { conditions, .. } = &mut item(&mut r, "13.1").rule {
            conditions.clear();
        } else {
            panic!("13.1 is rate_thresholds");
        }
        assert_problem(&r, "指标 13 第 13.1 项", "没有比率条件");
    }

    #[test]
    fn rate_thresholds_fixed_bound_out_of_range() {
        let mut r = bundled();
        if let Rule::RateThresholds { conditions, .. } = &mut item(&mut r, "13.2").rule {
            conditions[0].bound = Bound::Fixed(dec("100.1"));
            conditions[1].bound = Bound::Fixed(dec("-1"));
        }
        assert_problem(&r, "指标 13 第 13.2 项", "条件 clue_timely 的界限 100.1% 应在 0 到 100 之间");
        assert_problem(&r, "指标 13 第 13.2 项", "条件 clue_done 的界限 -1% 应在 0 到 100 之间");
        let mut r = bundled();
        if let Rule::RateThresholds { conditions, .. } = &mut item(&mut r, "13.2").rule {
            conditions[0].bound = Bound::Fixed(dec("100"));
            conditions[1].bound = Bound::Fixed(Decimal::ZERO);
        }
        assert_eq!(validate_rubric(&r), Ok(()));
    }

    #[test]
    fn all_of_without_flags() {
        let mut r = bundled();
        item(&mut r, "12.3").rule = Rule::AllOf { flags: vec![] };
        assert_problem(&r, "指标 12 第 12.3 项", "没有条件项");
    }

    #[test]
    fn any_one_without_categories() {
        let mut r = bundled();
        item(&mut r, "22.1").rule = Rule::AnyOne { categories: vec![] };
        assert_problem(&r, "指标 22 第 22.1 项", "没有可认定的类别");
        let mut r = bundled();
        item(&mut r, "23.1").rule = Rule::AnyOne { categories: vec!["甲".into(), " ".into()] };
        assert_problem(&r, "指标 23 第 23.1 项", "第 2 个类别为空");
    }

    #[test]
    fn growth_years_per_year_not_positive() {
        let mut r = bundled();
        if let Rule::GrowthYears { per_year, .. } = &mut item(&mut r, "2").rule {
            *per_year = dec("-1");
        } else {
            panic!("2 is growth_years");
        }
        assert_problem(&r, "指标 2 第 2 项", "每年得分 -1 应大于 0");
    }

    #[test]
    fn field_key_empty() {
        let mut r = bundled();
        if let Rule::GrowthYears { subject, .. } = &mut item(&mut r, "1").rule {
            subject.key = String::new();
        }
        assert_problem(&r, "指标 1 第 1 项", "输入项“创建地电子商务交易额”的键为空");
    }

    #[test]
    fn field_key_duplicate_within_item() {
        let mut r = bundled();
        if let Rule::RateThresholds { conditions, .. } = &mut item(&mut r, "17.1").rule {
            if let Bound::Input(field) = &mut conditions[2].bound {
                field.key = "mediation".into();
            }
        }
        assert_problem(&r, "指标 17 第 17.1 项", "输入项键 mediation 在本项中重复");
        let mut r = bundled();
        if let Rule::RateThresholds { flags, .. } = &mut item(&mut r, "13.3").rule {
            flags[0].key = "won".into();
        }
        assert_problem(&r, "指标 13 第 13.3 项", "输入项键 won 在本项中重复");
        let mut r = bundled();
        if let Rule::WeightedCounts { weights, .. } = &mut item(&mut r, "24.1").rule {
            weights.push(Weight { key: "law".into(), label: "法律".into(), per: Decimal::ONE });
        }
        assert_problem(&r, "指标 24 第 24.1 项", "输入项键 law 在本项中重复");
    }

    #[test]
    fn same_field_key_in_different_items_is_fine() {
        let mut r = bundled();
        if let Rule::RateThresholds { conditions, .. } = &mut item(&mut r, "13.2").rule {
            conditions[0].key = "verify_ontime".into();
        }
        assert_eq!(validate_rubric(&r), Ok(()));
    }

    #[test]
    fn duplicate_region_id() {
        let mut r = bundled();
        r.regions[3].id = "west".into();
        assert_problem(&r, "区域 west", "区域标识 west 重复");
    }

    #[test]
    fn province_in_two_regions() {
        let mut r = bundled();
        r.regions[1].provinces.push("浙江".into());
        assert_problem(&r, "区域 central", "省份 浙江 同时属于区域 east 和区域 central");
        let mut r = bundled();
        r.regions[0].provinces.push("北京".into());
        assert_problem(&r, "区域 east", "省份 北京 在本区域中重复");
    }

    #[test]
    fn reports_all_problems_not_only_the_first() {
        let mut r = bundled();
        r.id = String::new();
        r.process.notice_days = 0;
        item(&mut r, "4.1").rule = Rule::Judged { decimals: 9 };
        r.regions[2].provinces.push("辽宁".into());
        let all = problems(&r);
        assert_eq!(all.len(), 4, "{all:#?}");
    }

    fn empty_rubric() -> Rubric {
        Rubric {
            id: String::new(),
            version: String::new(),
            title: String::new(),
            source: Source { document: String::new(), date: String::new(), status: String::new(), reading: String::new() },
            pass_rule: PassRule { min_total: Decimal::ZERO, min_dimension_rate: Decimal::ZERO, text: String::new() },
            process: ProcessParams { max_creation_years: 0, notice_days: 0 },
            regions: vec![],
            dimensions: vec![],
        }
    }

    #[test]
    fn empty_rubric_reports_without_panicking() {
        let all = problems(&empty_rubric());
        assert!(all.len() >= 8, "{all:#?}");
    }

    #[test]
    fn overflowing_points_do_not_panic() {
        let mut r = empty_rubric();
        let huge = Item { id: "x".into(), text: String::new(), points: Decimal::MAX, rule: Rule::Judged { decimals: u32::MAX } };
        let mut huge2 = huge.clone();
        huge2.id = "y".into();
        let ind = Indicator {
            number: u32::MAX,
            title: "t".into(),
            points: Decimal::MAX,
            sum: SumRule::Equal,
            description: String::new(),
            nature: crate::engine::model::rubric::Nature::Mixed,
            methods: vec![],
            sources: vec![],
            reading: String::new(),
            items: vec![huge, huge2],
        };
        let mut ind2 = ind.clone();
        ind2.number = 0;
        r.dimensions.push(Dimension { id: "D".into(), name: "n".into(), points: Decimal::MIN, indicators: vec![ind, ind2] });
        r.dimensions.push(Dimension { id: "E".into(), name: "n".into(), points: Decimal::MAX, indicators: vec![] });
        r.regions.push(Region { id: String::new(), name: String::new(), provinces: vec![String::new()] });
        r.pass_rule.min_total = Decimal::MAX;
        r.pass_rule.min_dimension_rate = Decimal::MIN;
        let all = problems(&r);
        assert!(all.iter().any(|p| p.message == "子项分值之和超出可表示范围"), "{all:#?}");
        assert!(all.iter().any(|p| p.message == "二级指标分值之和超出可表示范围"), "{all:#?}");
    }

    fn any_decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
    }

    proptest::proptest! {
        /// Arbitrary decimals anywhere in the bundled rubric never make the validation panic.
        #[test]
        fn arbitrary_decimals_never_panic(values in proptest::collection::vec(any_decimal(), 12), decimals in 0u32..10) {
            let mut r = bundled();
            r.pass_rule.min_total = values[0];
            r.pass_rule.min_dimension_rate = values[1];
            r.dimensions[0].points = values[2];
            indicator(&mut r, 3).points = values[3];
            item(&mut r, "3b").points = values[4];
            bands_of(&mut r)[1].from = values[5];
            bands_of(&mut r)[1].score = values[6];
            if let Rule::WeightedCounts { weights, cap } = &mut item(&mut r, "25.2").rule {
                weights[0].per = values[7];
                *cap = Some(values[8]);
            }
            if let Rule::RateThresholds { conditions, .. } = &mut item(&mut r, "13.1").rule {
                conditions[0].bound = Bound::Fixed(values[9]);
            }
            item(&mut r, "7.1").points = values[10];
            item(&mut r, "7.2").points = values[11];
            item(&mut r, "4.1").rule = Rule::Judged { decimals };
            let _ = validate_rubric(&r);
        }
    }

    #[test]
    fn problems_render_with_display() {
        let mut r = bundled();
        r.dimensions[0].points = dec("21");
        let all = problems(&r);
        assert_eq!(all[0].to_string(), "一级指标 D1:二级指标分值之和 20 与一级指标分值 21 不符");
    }
}

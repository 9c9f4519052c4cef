//! Consistency checks of a rubric (the bundled one and user-supplied rubric files).
//!
//! Reading a file (`super::load`) checks its structure; [`validate_rubric`] checks that
//! the numbers and identifiers in it fit together, that someone can pass, that every province
//! belongs to a region, and that its texts are what a person can read (no invisible characters,
//! no spaces around identifiers, bounded lengths and counts). It reports every problem it finds
//! (not only the first, up to `support::problem::MAX_LISTED`), each with a Chinese location and
//! message, and never panics: user-supplied files may contain anything, including decimals
//! whose sums overflow. It takes time linear in the file: the counts are checked first.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::engine::model::assessment::{MAX_PERIOD_YEARS, MUNICIPALITIES, OTHER_PROVINCE_LEVEL_UNITS, PROVINCES};
use crate::engine::model::rubric::{Indicator, Item, Rubric, SumRule};
use crate::engine::model::rule::{InputField, Rule};
use crate::engine::support::num::fmt;
use crate::engine::support::problem::{cap_refusals, Refusal};
use crate::engine::support::text::{is_invisible, short};

/// The most of each part a rubric may have: far above any 评估指标体系 (4 dimensions, 25
/// indicators, 60 items), low enough that a hostile file cannot make the checks or the pages slow.
pub const MAX_DIMENSIONS: usize = 20;
pub const MAX_INDICATORS: usize = 200;
pub const MAX_ITEMS: usize = 1000;
pub const MAX_REGIONS: usize = 50;
pub const MAX_PROVINCES: usize = 100;
/// Bands, weights, conditions, flags, categories, methods, sources of one item or indicator.
pub const MAX_LIST: usize = 100;
/// Characters of an identifier or an input key (ids, versions, keys).
pub const MAX_ID_CHARS: usize = 64;
/// Characters of a name, a title or a label.
pub const MAX_NAME_CHARS: usize = 200;
/// Characters of a text (an indicator's description, an item's text, a reading).
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The longest notice period a rubric may set (第十五条: 公示 of so many days).
pub const MAX_NOTICE_DAYS: u32 = 365;

/// Check a rubric for consistency. `Ok(())` when nothing is wrong; otherwise the problems found
/// (capped: the last line counts those not listed).
pub fn validate_rubric(r: &Rubric) -> Result<(), Vec<Refusal>> {
    let mut p = Problems::default();
    // Counts first: what follows is then small (and some of it compares every pair of a list).
    check_counts(r, &mut p);
    if p.0.is_empty() {
        check_header(r, &mut p);
        let total = check_dimensions(r, &mut p);
        check_pass_rule(r, total, &mut p);
        check_process(r, &mut p);
        check_regions(r, &mut p);
        check_texts(r, &mut p);
    }
    if p.0.is_empty() {
        Ok(())
    } else {
        Err(cap_refusals(p.0))
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

/// Where a dimension, an indicator, an item, a region is, as messages name it.
fn dimension_place(k: usize, id: &str) -> String {
    if blank(id) { format!("一级指标 第{}个", k + 1) } else { format!("一级指标 {}", short(id)) }
}
fn indicator_place(number: u32) -> String {
    format!("指标 {number}")
}
fn item_place(number: u32, n: usize, id: &str) -> String {
    if blank(id) { format!("指标 {number} 第 {} 个子项", n + 1) } else { format!("指标 {number} 第 {} 项", short(id)) }
}
fn region_place(k: usize, id: &str) -> String {
    if blank(id) { format!("区域 第{}个", k + 1) } else { format!("区域 {}", short(id)) }
}

fn check_counts(r: &Rubric, p: &mut Problems) {
    let mut count = |place: &str, what: &str, n: usize, max: usize| {
        if n > max {
            p.push(place, format!("{what}过多({n}个,最多{max}个)"));
        }
    };
    count(TOP, "一级指标", r.dimensions.len(), MAX_DIMENSIONS);
    count(TOP, "二级指标", r.indicators().count(), MAX_INDICATORS);
    count(TOP, "子项", r.items().count(), MAX_ITEMS);
    count(TOP, "区域", r.regions.len(), MAX_REGIONS);
    count(TOP, "省份", r.regions.iter().map(|g| g.provinces.len()).sum(), MAX_PROVINCES);
    for ind in r.indicators().take(MAX_INDICATORS) {
        let place = indicator_place(ind.number);
        count(&place, "评估方式", ind.methods.len(), MAX_LIST);
        count(&place, "数据或资料来源", ind.sources.len(), MAX_LIST);
        for it in ind.items.iter().take(MAX_ITEMS) {
            let lists = match &it.rule {
                Rule::ShareBands { bands, .. } => vec![("占比分档", bands.len())],
                Rule::PerCount { thresholds, .. } => vec![("区域门槛", thresholds.len())],
                Rule::RateThresholds { conditions, flags } => vec![("比率条件", conditions.len()), ("条件项", flags.len())],
                Rule::AllOf { flags } => vec![("条件项", flags.len())],
                Rule::AnyOne { categories } => vec![("类别", categories.len())],
                Rule::WeightedCounts { weights, .. } => vec![("计分权重", weights.len())],
                Rule::GrowthYears { .. } | Rule::Judged { .. } | Rule::PreconditionJudged { .. } => Vec::new(),
            };
            for (what, n) in lists {
                count(&format!("{place} 第 {} 项", short(&it.id)), what, n, MAX_LIST);
            }
        }
    }
}

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

/// The most each dimension can score, and in all: every item at most what its rule can give
/// (the highest band, the cap, `per_year` for each year of the usual period), every indicator at
/// most its points. `None` on overflow.
fn achievable(r: &Rubric) -> Option<(Decimal, Vec<Decimal>)> {
    let years = r.process.max_creation_years;
    let indicator = |ind: &Indicator| -> Option<Decimal> {
        Some(checked_sum(ind.items.iter().map(|it| it.rule.max_score(it.points, years)))?.min(ind.points))
    };
    let dims: Option<Vec<Decimal>> =
        r.dimensions.iter().map(|d| checked_sum(d.indicators.iter().map(indicator).collect::<Option<Vec<_>>>()?)).collect();
    let dims = dims?;
    Some((checked_sum(dims.iter().copied())?, dims))
}

/// The indicators that cannot reach their points, in words: `指标24最多得3分,低于其分值4分`.
fn short_of_points(indicators: &[&Indicator], years: u32) -> String {
    indicators
        .iter()
        .filter_map(|ind| {
            let most = checked_sum(ind.items.iter().map(|it| it.rule.max_score(it.points, years)))?.min(ind.points);
            (most < ind.points).then(|| format!("指标{}最多得{}分,低于其分值{}分", ind.number, fmt(most), fmt(ind.points)))
        })
        .take(5)
        .collect::<Vec<_>>()
        .join("、")
}

fn check_pass_rule(r: &Rubric, total: Option<Decimal>, p: &mut Problems) {
    let rule = &r.pass_rule;
    let years = r.process.max_creation_years;
    if rule.min_total <= Decimal::ZERO {
        p.push(PASS, format!("总分合格线 {} 应大于 0", fmt(rule.min_total)));
    } else if let Some(total) = total {
        if rule.min_total > total {
            p.push(PASS, format!("总分合格线 {} 超过满分 {}", fmt(rule.min_total), fmt(total)));
        } else if let Some((most, _)) = achievable(r).filter(|(most, _)| rule.min_total > *most) {
            let all: Vec<&Indicator> = r.indicators().collect();
            p.push(
                PASS,
                format!(
                    "总分合格线 {} 高于可得的最高分 {}({}),按此标准无人能够合格;请核对合格线或各项分值",
                    fmt(rule.min_total),
                    fmt(most),
                    short_of_points(&all, years)
                ),
            );
        }
    }
    if rule.min_dimension_rate <= Decimal::ZERO || rule.min_dimension_rate > Decimal::ONE {
        p.push(
            PASS,
            format!("一级指标得分率合格线 {} 应大于 0 且不超过 1", fmt(rule.min_dimension_rate)),
        );
    } else if let Some((_, dims)) = achievable(r) {
        for ((k, d), most) in r.dimensions.iter().enumerate().zip(dims) {
            // rate ≤ 1, so the product is at most the points.
            let needed = rule.min_dimension_rate.checked_mul(d.points).unwrap_or(Decimal::MAX);
            if d.points > Decimal::ZERO && most < needed {
                let inds: Vec<&Indicator> = d.indicators.iter().collect();
                p.push(
                    dimension_place(k, &d.id),
                    format!(
                        "最多可得 {} 分({}),达不到得分率合格线 {}% 所需的 {} 分,按此标准无人能够合格;请核对合格线或各项分值",
                        fmt(most),
                        short_of_points(&inds, years),
                        fmt(rule.min_dimension_rate * Decimal::ONE_HUNDRED),
                        fmt(needed)
                    ),
                );
            }
        }
    }
}

fn check_process(r: &Rubric, p: &mut Problems) {
    let years = r.process.max_creation_years;
    if years < 1 {
        p.push(PROCESS, format!("创建周期上限 {} 年,应至少为 1 年", years));
    } else if years > MAX_PERIOD_YEARS {
        p.push(PROCESS, format!("创建周期上限 {years} 年,超过本程序可计算的 {MAX_PERIOD_YEARS} 年"));
    }
    let days = r.process.notice_days;
    if days < 1 {
        p.push(PROCESS, format!("公示期 {} 天,应至少为 1 天", days));
    } else if days > MAX_NOTICE_DAYS {
        p.push(PROCESS, format!("公示期 {days} 天,超过 {MAX_NOTICE_DAYS} 天,不合常理"));
    }
}

fn check_regions(r: &Rubric, p: &mut Problems) {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    // province -> id of the first region it was found in
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, region) in r.regions.iter().enumerate() {
        let loc = region_place(k, &region.id);
        if blank(&region.id) {
            p.push(&loc, "区域标识为空");
        } else if !ids.insert(region.id.trim()) {
            p.push(&loc, format!("区域标识「{}」重复", short(&region.id)));
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
            if !own.insert(prov.trim()) {
                p.push(&loc, format!("省份「{}」在本区域中重复", short(prov)));
                continue;
            }
            // Compared trimmed: spaces around a name are reported once, by `check_texts`.
            let prov = prov.trim();
            if !PROVINCES.contains(&prov) && !OTHER_PROVINCE_LEVEL_UNITS.contains(&prov) {
                p.push(
                    &loc,
                    format!("「{}」不是本程序认识的省级行政区简称(应写作如「浙江」「内蒙古」,不加“省”“自治区”)", short(prov)),
                );
                continue;
            }
            match owner.get(prov) {
                Some(other) => p.push(
                    &loc,
                    format!("省份「{}」同时属于区域「{}」和区域「{}」", short(prov), short(other), short(&region.id)),
                ),
                None => {
                    owner.insert(prov, region.id.as_str());
                }
            }
        }
    }
    if r.regions.is_empty() {
        p.push(TOP, "没有区域(regions):地区门槛和省份的选择都依据区域");
        return;
    }
    let missing: Vec<&str> = PROVINCES.iter().copied().filter(|prov| !owner.contains_key(prov)).collect();
    let municipalities: Vec<&str> = missing.iter().copied().filter(|m| MUNICIPALITIES.contains(m)).collect();
    if !municipalities.is_empty() {
        p.push(
            TOP,
            format!(
                "区域中缺少直辖市{}:本程序按直辖市判断创建对象类型(直辖市市辖区),四个直辖市都应属于一个区域",
                municipalities.iter().map(|m| format!("「{m}」")).collect::<String>()
            ),
        );
    }
    let others: Vec<&str> = missing.iter().copied().filter(|m| !MUNICIPALITIES.contains(m)).collect();
    if !others.is_empty() {
        p.push(
            TOP,
            format!(
                "区域中缺少省份{}:每个省级行政区都应属于一个区域,否则这些省份的创建对象无法选择省份、无法按地区门槛计分",
                others.iter().map(|m| format!("「{m}」")).collect::<String>()
            ),
        );
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
    // item id (trimmed) -> number of the indicator it was first seen in
    let mut item_ids: BTreeMap<&str, u32> = BTreeMap::new();

    for (k, dim) in r.dimensions.iter().enumerate() {
        let loc = dimension_place(k, &dim.id);
        if blank(&dim.id) {
            p.push(&loc, "一级指标标识为空");
        } else if !dim_ids.insert(dim.id.trim()) {
            p.push(&loc, format!("一级指标标识「{}」重复", short(&dim.id)));
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
            let iloc = indicator_place(ind.number);
            if !numbers.insert(ind.number) {
                p.push(&iloc, format!("指标编号 {} 重复", ind.number));
            }
            check_indicator(ind, &iloc, p);
            for (n, item) in ind.items.iter().enumerate() {
                let item_loc = item_place(ind.number, n, &item.id);
                if blank(&item.id) {
                    p.push(&item_loc, "子项编号为空");
                } else if let Some(first) = item_ids.get(item.id.trim()) {
                    p.push(&item_loc, format!("子项编号「{}」重复(已用于指标 {})", short(&item.id), first));
                } else {
                    item_ids.insert(item.id.trim(), ind.number);
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
            p.push(loc, format!("输入项“{}”的键为空", short(&f.label)));
        } else if !seen.insert(f.key.trim()) {
            p.push(loc, format!("输入项键「{}」在本项中重复", short(f.key)));
        }
        if blank(&f.label) {
            p.push(loc, format!("输入项「{}」的名称为空", short(f.key)));
        }
    }
}

/// What a text of the rubric is, for its checks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An identifier or a key: compared as it is, so no spaces around it.
    Id,
    /// A name, a title, a label: one line.
    Name,
    /// A name chosen from a list and compared as it is (a province, a category): one line, no
    /// spaces around it.
    Choice,
    /// A text of several lines (line breaks allowed).
    Text,
}

/// Every text of the rubric: no invisible or control characters (a line break in a text is
/// fine), no spaces around an identifier, a province or a category (they are compared as they
/// are), and not longer than its kind allows.
fn check_texts(r: &Rubric, p: &mut Problems) {
    let mut check = |place: &str, field: &str, value: &str, kind: Kind| {
        let max = match kind {
            Kind::Id => MAX_ID_CHARS,
            Kind::Name | Kind::Choice => MAX_NAME_CHARS,
            Kind::Text => MAX_TEXT_CHARS,
        };
        let chars = value.chars().count();
        if chars > max {
            p.push(place, format!("{field}过长({chars}个字符,最多{max}个)"));
        }
        if let Some((n, c)) = value.chars().enumerate().find(|&(_, c)| is_invisible(c) && !(kind == Kind::Text && c == '\n')) {
            p.push(
                place,
                format!(
                    "{field}「{}」的第{}个字符是不可见的字符或控制字符⟨U+{:04X}⟩,请删除",
                    short(value),
                    n + 1,
                    c as u32
                ),
            );
        } else if matches!(kind, Kind::Id | Kind::Choice) && value.trim() != value {
            p.push(place, format!("{field}「{}」的首尾有空格,请删除(它按原样比较)", short(value)));
        }
    };
    check(TOP, "标识(id)", &r.id, Kind::Id);
    check(TOP, "版本(version)", &r.version, Kind::Id);
    check(TOP, "标题(title)", &r.title, Kind::Name);
    check(TOP, "来源文件(source.document)", &r.source.document, Kind::Text);
    check(TOP, "来源日期(source.date)", &r.source.date, Kind::Id);
    check(TOP, "来源状态(source.status)", &r.source.status, Kind::Name);
    check(TOP, "解读(source.reading)", &r.source.reading, Kind::Text);
    check(PASS, "文字(text)", &r.pass_rule.text, Kind::Text);
    for (k, g) in r.regions.iter().enumerate() {
        let place = region_place(k, &g.id);
        check(&place, "区域标识", &g.id, Kind::Id);
        check(&place, "区域名称", &g.name, Kind::Name);
        for prov in &g.provinces {
            check(&place, "省份", prov, Kind::Choice);
        }
    }
    for (k, d) in r.dimensions.iter().enumerate() {
        let place = dimension_place(k, &d.id);
        check(&place, "一级指标标识", &d.id, Kind::Id);
        check(&place, "一级指标名称", &d.name, Kind::Name);
        for ind in &d.indicators {
            let place = indicator_place(ind.number);
            check(&place, "标题", &ind.title, Kind::Name);
            check(&place, "指标说明", &ind.description, Kind::Text);
            check(&place, "解读", &ind.reading, Kind::Text);
            for m in &ind.methods {
                check(&place, "评估方式", m, Kind::Name);
            }
            for s in &ind.sources {
                check(&place, "数据或资料来源", s, Kind::Name);
            }
            for (n, it) in ind.items.iter().enumerate() {
                let place = item_place(ind.number, n, &it.id);
                check(&place, "子项编号", &it.id, Kind::Id);
                check(&place, "子项内容", &it.text, Kind::Text);
                for f in it.rule.fields() {
                    check(&place, "输入项键", f.key, Kind::Id);
                    check(&place, "输入项名称", &f.label, Kind::Name);
                }
                match &it.rule {
                    Rule::GrowthYears { unit, .. } => check(&place, "单位", unit, Kind::Name),
                    Rule::PerCount { entity, unit, .. } => {
                        check(&place, "计数对象", entity, Kind::Name);
                        check(&place, "单位", unit, Kind::Name);
                    }
                    Rule::AnyOne { categories } => {
                        for c in categories {
                            check(&place, "类别", c, Kind::Choice);
                        }
                    }
                    _ => {}
                }
            }
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
        // 100 is the points, but no one can score them: indicator 24 gives at most 3 of its 4.
        r.pass_rule.min_total = dec("100");
        assert_problem(&r, "合格标准", "总分合格线 100 高于可得的最高分 99(指标24最多得3分,低于其分值4分),按此标准无人能够合格;请核对合格线或各项分值");
        r.pass_rule.min_total = dec("99.5");
        assert_eq!(problems(&r).len(), 1);
        r.pass_rule.min_total = dec("99");
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
        // 100% of every dimension: D4 gives at most 19 of its 20 points.
        r.pass_rule.min_dimension_rate = Decimal::ONE;
        assert_problem(&r, "一级指标 D4", "最多可得 19 分(指标24最多得3分,低于其分值4分),达不到得分率合格线 100% 所需的 20 分,按此标准无人能够合格;请核对合格线或各项分值");
        assert_eq!(problems(&r).len(), 1);
        r.pass_rule.min_dimension_rate = dec("0.95");
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
        assert_problem(&r, "指标 5 第 4.1 项", "子项编号「4.1」重复(已用于指标 4)");
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
        assert_problem(&r, "指标 3 第 3b 项", "缺少区域「northeast」的门槛");
    }

    #[test]
    fn per_count_unknown_region_threshold() {
        let mut r = bundled();
        if let Rule::PerCount { thresholds, .. } = &mut item(&mut r, "3b").rule {
            thresholds.insert("south".into(), dec("1"));
        }
        assert_problem(&r, "指标 3 第 3b 项", "门槛中的区域「south」不存在");
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
        assert_problem(&r, "指标 25 第 25.1 项", "权重「meeting」的每次得分 0 应大于 0");
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
        assert_problem(&r, "指标 13 第 13.2 项", "条件「clue_timely」的界限 100.1% 应在 0 到 100 之间");
        assert_problem(&r, "指标 13 第 13.2 项", "条件「clue_done」的界限 -1% 应在 0 到 100 之间");
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
        assert_problem(&r, "指标 17 第 17.1 项", "输入项键「mediation」在本项中重复");
        let mut r = bundled();
        if let Rule::RateThresholds { flags, .. } = &mut item(&mut r, "13.3").rule {
            flags[0].key = "won".into();
        }
        assert_problem(&r, "指标 13 第 13.3 项", "输入项键「won」在本项中重复");
        let mut r = bundled();
        if let Rule::WeightedCounts { weights, .. } = &mut item(&mut r, "24.1").rule {
            weights.push(Weight { key: "law".into(), label: "法律".into(), per: Decimal::ONE });
        }
        assert_problem(&r, "指标 24 第 24.1 项", "输入项键「law」在本项中重复");
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
        assert_problem(&r, "区域 west", "区域标识「west」重复");
    }

    #[test]
    fn province_in_two_regions() {
        let mut r = bundled();
        r.regions[1].provinces.push("浙江".into());
        assert_problem(&r, "区域 central", "省份「浙江」同时属于区域「east」和区域「central」");
        let mut r = bundled();
        r.regions[0].provinces.push("北京".into());
        assert_problem(&r, "区域 east", "省份「北京」在本区域中重复");
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

    #[test]
    fn share_band_scores_falling_as_bands_rise() {
        let mut r = bundled();
        let bands = bands_of(&mut r);
        let (low, high) = (bands[1].score, bands[2].score);
        bands[1].score = high;
        bands[2].score = low;
        let message = format!(
            "分档得分 {}(下限 {}%)低于前一档的 {}(下限 {}%):占比越高,得分不应越低",
            fmt(low),
            fmt(bands_of(&mut r)[2].from),
            fmt(high),
            fmt(bands_of(&mut r)[1].from)
        );
        assert_problem(&r, "指标 3 第 3a 项", &message);
    }

    #[test]
    fn duplicate_categories() {
        let mut r = bundled();
        item(&mut r, "23.1").rule = Rule::AnyOne { categories: vec!["甲".into(), "乙".into(), "甲".into()] };
        assert_problem(&r, "指标 23 第 23.1 项", "第 3 个类别「甲」与前面的类别重复");
    }

    #[test]
    fn judged_points_with_more_decimals_than_the_rule_allows() {
        let mut r = bundled();
        let it = item(&mut r, "4.1");
        let points = it.points;
        it.rule = Rule::Judged { decimals: 0 };
        it.points = points - dec("0.5");
        let message = format!(
            "分值 {} 的小数位数多于评分允许的 0 位:满分无法填写;请调整分值或评分小数位数(decimals)",
            fmt(points - dec("0.5"))
        );
        assert_problem(&r, "指标 4 第 4.1 项", &message);
        // Trailing zeros are not decimals: 2.00 with no decimals is fine.
        let mut r = bundled();
        let it = item(&mut r, "4.1");
        it.rule = Rule::Judged { decimals: 0 };
        it.points = it.points.round_dp(0).max(Decimal::ONE) * dec("1.00");
        assert!(problems(&r).iter().all(|p| !p.message.contains("小数位数多于")), "{:#?}", problems(&r));
    }

    #[test]
    fn field_key_equal_to_a_reserved_key() {
        let mut r = bundled();
        if let Rule::GrowthYears { reference, .. } = &mut item(&mut r, "1").rule {
            reference.key = "reference_rate".into();
        }
        assert_problem(&r, "指标 1 第 1 项", "输入项键「reference_rate」是本程序保留的键(用于公布的增速),请换一个键");
        let mut r = bundled();
        if let Rule::WeightedCounts { weights, .. } = &mut item(&mut r, "24.1").rule {
            weights[0].key = "score".into();
        }
        assert_problem(&r, "指标 24 第 24.1 项", "输入项键「score」是本程序保留的键(用于评分),请换一个键");
    }

    #[test]
    fn regions_must_cover_every_province() {
        let mut r = bundled();
        for g in &mut r.regions {
            g.provinces.retain(|p| p != "浙江" && p != "上海" && p != "西藏");
        }
        assert_problem(
            &r,
            "指标体系",
            "区域中缺少直辖市「上海」:本程序按直辖市判断创建对象类型(直辖市市辖区),四个直辖市都应属于一个区域",
        );
        assert_problem(
            &r,
            "指标体系",
            "区域中缺少省份「浙江」「西藏」:每个省级行政区都应属于一个区域,否则这些省份的创建对象无法选择省份、无法按地区门槛计分",
        );
        let mut r = bundled();
        r.regions.clear();
        assert_problem(&r, "指标体系", "没有区域(regions):地区门槛和省份的选择都依据区域");
    }

    #[test]
    fn unknown_and_padded_provinces() {
        let mut r = bundled();
        r.regions[0].provinces.push("浙江省".into());
        assert_problem(
            &r,
            "区域 east",
            "「浙江省」不是本程序认识的省级行政区简称(应写作如「浙江」「内蒙古」,不加“省”“自治区”)",
        );
        // A padded name is reported once, for its spaces.
        let mut r = bundled();
        let k = r.regions[0].provinces.iter().position(|p| p == "浙江").unwrap();
        r.regions[0].provinces[k] = "浙江 ".into();
        assert_eq!(
            problems(&r).iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            ["区域 east:省份「浙江⟨空格⟩」的首尾有空格,请删除(它按原样比较)"]
        );
        // 新疆生产建设兵团 is province-level too (the bundled rubric lists it, and passes).
        assert!(bundled().provinces().any(|p| p == "新疆生产建设兵团"));
    }

    #[test]
    fn process_params_with_an_upper_bound() {
        let mut r = bundled();
        r.process.max_creation_years = MAX_PERIOD_YEARS + 1;
        r.process.notice_days = MAX_NOTICE_DAYS + 1;
        assert_problem(&r, "创建流程", &format!("创建周期上限 {} 年,超过本程序可计算的 {MAX_PERIOD_YEARS} 年", MAX_PERIOD_YEARS + 1));
        assert_problem(&r, "创建流程", &format!("公示期 {} 天,超过 {MAX_NOTICE_DAYS} 天,不合常理", MAX_NOTICE_DAYS + 1));
        r.process.max_creation_years = MAX_PERIOD_YEARS;
        r.process.notice_days = MAX_NOTICE_DAYS;
        assert!(problems(&r).iter().all(|p| p.location != Location::place("创建流程")), "{:#?}", problems(&r));
    }

    #[test]
    fn too_many_parts_are_refused_before_anything_else() {
        let mut r = bundled();
        let ind = r.dimensions[0].indicators[0].clone();
        r.dimensions[0].indicators = vec![ind; MAX_INDICATORS + 1];
        // Only the counts: the hundreds of duplicate numbers are not compared.
        assert_eq!(
            problems(&r).iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            [format!("指标体系:二级指标过多({}个,最多{MAX_INDICATORS}个)", r.indicators().count())]
        );
        let mut r = bundled();
        r.regions[0].provinces.extend((0..MAX_PROVINCES).map(|k| format!("省{k}")));
        assert_problem(&r, "指标体系", &format!("省份过多({}个,最多{MAX_PROVINCES}个)", MAX_PROVINCES + bundled().provinces().count()));
        let mut r = bundled();
        item(&mut r, "23.1").rule = Rule::AnyOne { categories: (0..=MAX_LIST).map(|k| format!("类{k}")).collect() };
        assert_problem(&r, "指标 23 第 23.1 项", &format!("类别过多({}个,最多{MAX_LIST}个)", MAX_LIST + 1));
    }

    #[test]
    fn too_long_texts() {
        let mut r = bundled();
        item(&mut r, "4.1").id = "4".repeat(MAX_ID_CHARS + 1);
        r.title = "题".repeat(MAX_NAME_CHARS + 1);
        indicator(&mut r, 5).description = "文".repeat(MAX_TEXT_CHARS + 1);
        let all = problems(&r);
        assert!(all.iter().any(|p| p.message == format!("子项编号过长({}个字符,最多{MAX_ID_CHARS}个)", MAX_ID_CHARS + 1)), "{all:#?}");
        assert_problem(&r, "指标体系", &format!("标题(title)过长({}个字符,最多{MAX_NAME_CHARS}个)", MAX_NAME_CHARS + 1));
        assert_problem(&r, "指标 5", &format!("指标说明过长({}个字符,最多{MAX_TEXT_CHARS}个)", MAX_TEXT_CHARS + 1));
    }

    #[test]
    fn invisible_characters_in_ids_and_labels() {
        let mut r = bundled();
        item(&mut r, "4.1").id = "4.1\u{202E}".into();
        assert_problem(
            &r,
            "指标 4 第 4.1⟨U+202E⟩ 项",
            "子项编号「4.1⟨U+202E⟩」的第4个字符是不可见的字符或控制字符⟨U+202E⟩,请删除",
        );
        let mut r = bundled();
        r.dimensions[0].name = "经济\u{200B}发展".into();
        assert_problem(&r, "一级指标 D1", "一级指标名称「经济⟨U+200B⟩发展」的第3个字符是不可见的字符或控制字符⟨U+200B⟩,请删除");
        let mut r = bundled();
        if let Rule::GrowthYears { subject, .. } = &mut item(&mut r, "1").rule {
            subject.label = "交易额\u{0007}".into();
        }
        assert_problem(&r, "指标 1 第 1 项", "输入项名称「交易额⟨U+0007⟩」的第4个字符是不可见的字符或控制字符⟨U+0007⟩,请删除");
        // A line break is fine in a text, not in a name.
        let mut r = bundled();
        indicator(&mut r, 5).description.push_str("\n第二行");
        assert_eq!(validate_rubric(&r), Ok(()));
        r.title.push('\n');
        assert_problem(&r, "指标体系", &format!("标题(title)「{}」的第{}个字符是不可见的字符或控制字符⟨U+000A⟩,请删除", short(&r.title), r.title.chars().count()));
    }

    #[test]
    fn ids_are_compared_trimmed() {
        let mut r = bundled();
        item(&mut r, "5.1").id = "4.1 ".into();
        assert_problem(&r, "指标 5 第 4.1⟨空格⟩ 项", "子项编号「4.1⟨空格⟩」重复(已用于指标 4)");
        assert_problem(&r, "指标 5 第 4.1⟨空格⟩ 项", "子项编号「4.1⟨空格⟩」的首尾有空格,请删除(它按原样比较)");
        let mut r = bundled();
        r.regions[3].id = " west".into();
        assert_problem(&r, "区域 ⟨空格⟩west", "区域标识「⟨空格⟩west」重复");
    }
}

//! Scoring: from a rubric and an assessment, every item, indicator and dimension score,
//! the total and the verdict, with every problem found on the way.
//!
//! This is the one place where the rubric's rules are applied. It follows
//! `docs/reading-the-rubric.md` exactly: boundaries via [`Op`], caps via item points and rule caps,
//! regions via the province, growth rates computed exactly.
//!
//! An input with an error does not count toward the score until it is corrected: a year of a
//! growth series, one row of a list, or the whole item for single-value rules.
use crate::engine::model::banfa::{ArticleKind, Banfa};
use crate::engine::rubric::banfa::{banfa_or_legacy, creation_period_warning};
use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::outcome::{outcome_from_indicators, IndicatorResult, ItemResult, ItemStatus, Outcome};
use crate::engine::model::assessment::{Assessment, ItemInput, Subject, SubjectKind, MAX_PERIOD_YEARS, MUNICIPALITIES};
use crate::engine::model::rubric::{Indicator, Item, Region, Rubric};
use crate::engine::model::rule::{
    entity_row, practice_field, rate_field, year_field, Band, Bound, Field, InputField, Op, RateCondition, Rule, Slot,
    Weight, REFERENCE_RATE_KEY, SCORE_FIELD, SCORE_KEY,
};
use crate::engine::support::num::{
    fmt, growth_percent, parse_amount, parse_count, parse_growth_percent, parse_percent, parse_score, parse_year,
    truncate,
};
use crate::engine::support::problem::{Location, Problem, ProblemList, Refusal, Severity, MAX_LISTED};
use crate::engine::support::text::short;

/// What the rules need to know about the subject.
struct Context<'a> {
    period: Option<std::ops::RangeInclusive<i32>>,
    region: Option<&'a Region>,
}

/// Checks the subject (基本情况) and reports its problems.
pub fn check_subject(rubric: &Rubric, s: &Subject, banfa: &Banfa) -> Vec<Problem> {
    let mut p = Vec::new();
    if s.name.trim().is_empty() {
        p.push(Problem::error(Location::subject("创建对象名称"), "未填写创建对象名称"));
    }
    if s.kind.is_none() {
        p.push(Problem::error(
            Location::subject("创建对象类型"),
            format!("未选择创建对象类型({})", banfa.cite(ArticleKind::Objects)),
        ));
    }
    let province = s.province.trim();
    if province.is_empty() {
        p.push(Problem::error(Location::subject("所在省份"), "未选择所在省份"));
    } else if rubric.region_of(province).is_none() {
        p.push(Problem::error(
            Location::subject("所在省份"),
            format!("未知的省份「{}」,请从列表中选择", short(province)),
        ));
    } else if let Some(kind) = s.kind {
        let is_municipality = MUNICIPALITIES.contains(&province);
        if kind == SubjectKind::MunicipalDistrict && !is_municipality {
            p.push(Problem::error(
                Location::subject("创建对象类型"),
                format!("直辖市市辖区(县)应位于北京、天津、上海或重庆,所选省份为「{province}」"),
            ));
        }
        if kind != SubjectKind::MunicipalDistrict && is_municipality {
            p.push(Problem::error(
                Location::subject("创建对象类型"),
                format!("「{province}」是直辖市,其创建对象应为直辖市市辖区(县)"),
            ));
        }
    }
    match s.start_year {
        None => p.push(Problem::error(Location::subject("创建期起始年份"), "未填写创建期起始年份")),
        Some(y) if !(2000..=2100).contains(&y) => p.push(Problem::error(
            Location::subject("创建期起始年份"),
            format!("起始年份{y}不在2000年至2100年之间"),
        )),
        Some(_) => {}
    }
    match s.years {
        None => p.push(Problem::error(Location::subject("创建期年数"), "未填写创建期年数")),
        Some(0) => p.push(Problem::error(Location::subject("创建期年数"), "创建期年数应为正整数")),
        Some(n) if n > MAX_PERIOD_YEARS => p.push(Problem::error(
            Location::subject("创建期年数"),
            format!("创建期{n}年不合理(最长{MAX_PERIOD_YEARS}年)"),
        )),
        Some(n) => {
            if let Some(w) = creation_period_warning(n, banfa) {
                p.push(Problem::warning(Location::subject("创建期年数"), w));
            }
        }
    }
    p
}

/// Scores an assessment under a rubric. Never panics; every problem is in `problems`.
pub fn score(rubric: &Rubric, a: &Assessment) -> Outcome {
    let mut problems = check_subject(rubric, &a.subject, banfa_or_legacy(a));
    let ctx = Context {
        period: if a.subject.start_year.is_some_and(|y| (2000..=2100).contains(&y)) {
            a.subject.period()
        } else {
            None
        },
        region: rubric.region_of(a.subject.province.trim()),
    };

    let known: BTreeSet<&str> = rubric.items().map(|(_, it)| it.id.as_str()).collect();
    let mut unknown = ProblemList::default();
    // Both in order: one pass over the two (a file may hold any number of unknown ids).
    let mut known_ids = known.iter().peekable();
    let mut is_known = |id: &str| {
        while known_ids.next_if(|k| **k < id).is_some() {}
        known_ids.peek().is_some_and(|k| **k == id)
    };
    for id in a.inputs.keys().filter(|id| !is_known(id)) {
        unknown.push_with(Severity::Error, || {
            Problem::error(Location::file("inputs"), format!("指标体系中没有第「{}」项,此项输入无法计分", short(id)))
        });
    }
    problems.extend(unknown.finish(Location::file("inputs")));

    let mut indicators = Vec::new();
    for ind in rubric.indicators() {
        indicators.push(score_indicator(ind, a, &ctx, &mut problems));
    }
    outcome_from_indicators(rubric, indicators, problems)
}

fn score_indicator(ind: &Indicator, a: &Assessment, ctx: &Context, problems: &mut Vec<Problem>) -> IndicatorResult {
    let mut items = Vec::new();
    for item in &ind.items {
        items.push(score_item(ind.number, item, a.input(&item.id), ctx, problems));
    }
    // Saturating: a user-loaded rubric may have item points whose sum does not fit a Decimal;
    // the indicator's points cap the result anyway.
    let sum = items.iter().fold(Decimal::ZERO, |acc, i| acc.saturating_add(i.score));
    let sum_max = items.iter().fold(Decimal::ZERO, |acc, i| acc.saturating_add(i.max));
    // Both sum rules cap at the indicator's points; `Equal` only adds the data check that the
    // items' points add up (rubric::check), so the sum can never exceed them anyway.
    let score = sum.min(ind.points).normalize();
    let achievable = sum_max.min(ind.points).normalize();
    IndicatorResult {
        number: ind.number,
        score,
        max: ind.points,
        achievable,
        complete: items.iter().all(|i| i.status == ItemStatus::Complete),
        items,
    }
}

/// Collects what one item's scoring finds.
struct ItemScorer<'a> {
    number: u32,
    item: &'a Item,
    /// The item's problems, capped (`support::problem::MAX_LISTED`).
    problems: ProblemList,
    details: Vec<String>,
    missing: bool,
}

impl<'a> ItemScorer<'a> {
    fn error(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::error(Location::item(self.number, &self.item.id, field), message));
    }
    /// An error whose field and message are only made when it is listed (an input can hold any
    /// number of errors; those past the cap are only counted).
    fn error_with(&mut self, make: impl FnOnce() -> (String, String)) {
        let (number, id) = (self.number, &self.item.id);
        self.problems.push_with(Severity::Error, || {
            let (field, message) = make();
            Problem::error(Location::item(number, id, &field), message)
        });
    }
    fn warning(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::warning(Location::item(self.number, &self.item.id, field), message));
    }
    /// Parses an optional typed value; a blank marks the item incomplete, a bad value is an error.
    fn parse<T>(&mut self, raw: Option<&str>, field: &str, f: impl Fn(&str) -> Result<T, Refusal>) -> Option<T> {
        match raw {
            None => {
                self.missing = true;
                None
            }
            Some(r) => match f(r) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.error(field, e.message);
                    None
                }
            },
        }
    }
}

fn score_item(number: u32, item: &Item, input: Option<&ItemInput>, ctx: &Context, problems: &mut Vec<Problem>) -> ItemResult {
    let empty = ItemInput::default();
    let inp = input.unwrap_or(&empty);
    let mut s = ItemScorer { number, item, problems: ProblemList::default(), details: Vec::new(), missing: false };
    check_keys(&mut s, inp);
    let raw = match &item.rule {
        Rule::GrowthYears { subject, reference, reference_rate_allowed, per_year, op, .. } => {
            growth_years(&mut s, inp, ctx, subject, reference, *reference_rate_allowed, *per_year, *op)
        }
        Rule::ShareBands { numerator, denominator, bands } => share_bands(&mut s, inp, numerator, denominator, bands),
        Rule::PerCount { entity, amount, per, thresholds, unit } => {
            per_count(&mut s, inp, ctx, entity, &amount.label, *per, thresholds, unit)
        }
        Rule::RateThresholds { conditions, flags } => rate_thresholds(&mut s, inp, conditions, flags),
        Rule::AllOf { flags } => {
            if flags_hold(&mut s, inp, flags) {
                item.points
            } else {
                Decimal::ZERO
            }
        }
        Rule::Judged { decimals } => judged_score(&mut s, inp, *decimals),
        Rule::PreconditionJudged { count, min_count, decimals } => {
            precondition_judged(&mut s, inp, count, *min_count, *decimals)
        }
        Rule::AnyOne { categories } => any_one(&mut s, inp, categories),
        Rule::WeightedCounts { weights, cap } => weighted_counts(&mut s, inp, weights, *cap),
    };
    let score = raw.max(Decimal::ZERO).min(item.points).normalize();
    if raw > item.points && !matches!(item.rule, Rule::WeightedCounts { .. }) {
        s.details.push(format!("本项最高{}分", fmt(item.points)));
    }
    let has_error = s.problems.has_error();
    let status = if has_error {
        ItemStatus::Invalid
    } else if input.is_none_or(|i| i.is_empty()) {
        ItemStatus::Empty
    } else if s.missing {
        ItemStatus::Incomplete
    } else {
        ItemStatus::Complete
    };
    problems.extend(s.problems.finish(Location::item(number, &item.id, "")));
    ItemResult { id: item.id.clone(), score, max: item.points, status, details: s.details }
}

/// Reports keys in the input that the item's rule does not read (typos in hand-edited files).
fn check_keys(s: &mut ItemScorer, inp: &ItemInput) {
    let fields = s.item.rule.fields();
    let keys = |wanted: &[Slot]| -> Vec<&str> {
        fields.iter().filter(|f| wanted.contains(&f.slot)).map(|f| f.key).collect()
    };
    let values = keys(&[Slot::Value]);
    let flags = keys(&[Slot::Flag]);
    let series = keys(&[Slot::Amounts, Slot::Rates]);
    let unknown = (inp.values.keys().filter(|k| !values.contains(&k.as_str())))
        .chain(inp.flags.keys().filter(|k| !flags.contains(&k.as_str())))
        .chain(inp.years.keys().filter(|k| !series.contains(&k.as_str())))
        .map(String::as_str)
        .chain((s.item.rule.rows().is_none() && !inp.entries.is_empty()).then_some("entries"));
    for k in unknown {
        s.error_with(|| (String::new(), format!("本项没有名为「{}」的输入", short(k))));
    }
}

/// `share_bands`: the share numerator / denominator in %, scored by the highest band it reaches.
fn share_bands(s: &mut ItemScorer, inp: &ItemInput, numerator: &Field, denominator: &Field, bands: &[Band]) -> Decimal {
    let num = s.parse(inp.value(&numerator.key), &numerator.label, parse_count);
    let den = s.parse(inp.value(&denominator.key), &denominator.label, parse_count);
    let (Some(n), Some(d)) = (num, den) else { return Decimal::ZERO };
    if d == 0 {
        s.error(&denominator.label, format!("{}为0,无法计算占比", denominator.label));
        return Decimal::ZERO;
    }
    if n > d {
        s.error(&numerator.label, format!("{}({n})不能大于{}({d})", numerator.label, denominator.label));
        return Decimal::ZERO;
    }
    let share = Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(d);
    let band = bands.iter().rev().find(|b| share >= b.from);
    let pts = band.map(|b| b.score).unwrap_or(Decimal::ZERO);
    s.details.push(format!(
        "占比 {}%({}/{}),{},得{}分",
        fmt(truncate(share, 2)),
        n,
        d,
        match band {
            Some(b) => format!("达到{}%", fmt(b.from)),
            None => format!("低于{}%", bands.first().map(|b| fmt(b.from)).unwrap_or_default()),
        },
        fmt(pts)
    ));
    pts
}

/// `rate_thresholds`: the item's points when every rate meets its bound and every flag is yes.
fn rate_thresholds(s: &mut ItemScorer, inp: &ItemInput, conditions: &[RateCondition], flags: &[Field]) -> Decimal {
    let mut all = true;
    for c in conditions {
        let v = s.parse(inp.value(&c.key), &c.label, parse_percent);
        let b = match &c.bound {
            Bound::Fixed(b) => Some(*b),
            Bound::Input(f) => s.parse(inp.value(&f.key), &f.label, parse_percent),
        };
        let (Some(v), Some(b)) = (v, b) else {
            all = false;
            continue;
        };
        let ok = c.op.holds(v, b);
        all &= ok;
        let shown_op = match (ok, c.op) {
            (true, op) => op.symbol(),
            (false, Op::Gt) => "≤",
            (false, Op::Ge) => "<",
        };
        s.details.push(format!("{} {}%{}{}%:{}", c.label, fmt(v), shown_op, fmt(b), if ok { "达标" } else { "未达标" }));
    }
    all &= flags_hold(s, inp, flags);
    if all {
        s.item.points
    } else {
        Decimal::ZERO
    }
}

/// `judged`: the evaluator's score, 0 to the item's points.
fn judged_score(s: &mut ItemScorer, inp: &ItemInput, decimals: u32) -> Decimal {
    let points = s.item.points;
    s.parse(inp.value(SCORE_KEY), SCORE_FIELD, |r| parse_score(r, points, decimals)).unwrap_or(Decimal::ZERO)
}

/// `precondition_judged`: 0 unless the count reaches `min_count`; then judged.
fn precondition_judged(s: &mut ItemScorer, inp: &ItemInput, count: &Field, min_count: u32, decimals: u32) -> Decimal {
    let Some(n) = s.parse(inp.value(&count.key), &count.label, parse_count) else { return Decimal::ZERO };
    if n < u64::from(min_count) {
        s.details.push(format!("{}为{n},未达到{min_count}个,本项得0分", count.label));
        if inp.value(SCORE_KEY).is_some() {
            s.warning(SCORE_FIELD, format!("前置条件(至少{min_count}个重点行业领域)未满足,所填评分不计"));
        }
        return Decimal::ZERO;
    }
    s.details.push(format!("{}为{n},满足至少{min_count}个的前置条件", count.label));
    judged_score(s, inp, decimals)
}

/// `any_one`: the item's points when at least one listed practice is accepted.
fn any_one(s: &mut ItemScorer, inp: &ItemInput, categories: &[String]) -> Decimal {
    let mut accepted = 0;
    for (i, e) in inp.entries.iter().enumerate() {
        if e.name.trim().is_empty() {
            s.error_with(|| (practice_field(i), "未填写实践名称".into()));
            continue;
        }
        if !e.category.is_empty() && !categories.iter().any(|c| c == &e.category) {
            s.error_with(|| (practice_field(i), format!("未知的实践类别「{}」", short(&e.category))));
            continue;
        }
        if e.accepted {
            accepted += 1;
        }
    }
    if inp.entries.is_empty() && inp.basis.trim().is_empty() {
        s.missing = true;
    }
    let verdict = if accepted > 0 { "符合一项即可得分" } else { "尚无认定的实践" };
    s.details.push(format!("已认定的创新实践{accepted}项,{verdict}"));
    if accepted > 0 {
        s.item.points
    } else {
        Decimal::ZERO
    }
}

/// `weighted_counts`: the sum of count × weight, at most `cap`.
fn weighted_counts(s: &mut ItemScorer, inp: &ItemInput, weights: &[Weight], cap: Option<Decimal>) -> Decimal {
    let mut sum = Decimal::ZERO;
    let mut any = false;
    for w in weights {
        let Some(raw) = inp.value(&w.key) else { continue };
        any = true;
        match parse_count(raw) {
            Ok(n) => {
                if n > 0 {
                    s.details.push(format!("{} {n}次 × {}分", w.label, fmt(w.per)));
                }
                // Saturating: a huge count times a (user rubric's) weight must not overflow; the
                // cap and the item's points limit the result anyway.
                sum = sum.saturating_add(Decimal::from(n).saturating_mul(w.per));
            }
            Err(e) => s.error(&w.label, e.message),
        }
    }
    if !any && inp.basis.trim().is_empty() {
        s.missing = true;
    }
    match cap {
        Some(c) if sum > c => {
            s.details.push(format!("合计{}分,封顶{}分", fmt(sum), fmt(c)));
            c
        }
        _ => sum,
    }
}

fn flags_hold(s: &mut ItemScorer, inp: &ItemInput, flags: &[Field]) -> bool {
    let mut all = true;
    for f in flags {
        match inp.flags.get(&f.key) {
            Some(true) => s.details.push(format!("{}:是", f.label)),
            Some(false) => {
                s.details.push(format!("{}:否", f.label));
                all = false;
            }
            None => {
                s.missing = true;
                all = false;
            }
        }
    }
    all
}

/// `growth_years`: per year of the creation period, `per_year` points when the subject's growth
/// compares with `op` against the reference growth (a published rate, or from reference amounts).
#[allow(clippy::too_many_arguments)]
fn growth_years(
    s: &mut ItemScorer,
    inp: &ItemInput,
    ctx: &Context,
    subject: &Field,
    reference: &Field,
    rate_allowed: bool,
    per_year: Decimal,
    op: Op,
) -> Decimal {
    let Some(period) = ctx.period.clone() else {
        s.missing = true;
        s.details.push("请先在基本情况中填写创建期".into());
        return Decimal::ZERO;
    };
    check_series_years(s, inp, &period);
    // Each amount is read once, though two growth rates need it (the current year of one, the
    // previous year of the next): a bad value is reported once.
    let mut own_amounts = BTreeMap::new();
    let mut reference_amounts = BTreeMap::new();
    let mut points = Decimal::ZERO;
    for year in period {
        let own = series_growth(s, inp, subject, year, &mut own_amounts);
        let rate_raw = if rate_allowed { inp.year_value(REFERENCE_RATE_KEY, year) } else { None };
        let refg = match rate_raw {
            Some(r) => s.parse(Some(r), &rate_field(&reference.label, year), parse_growth_percent),
            None => series_growth(s, inp, reference, year, &mut reference_amounts),
        };
        if let (Some(g), Some(r)) = (own, refg) {
            let ok = op.holds(g, r);
            if ok {
                points = points.saturating_add(per_year);
            }
            let (gs, rs) = pct_pair(g, r);
            s.details.push(format!(
                "{year}年:{}增速 {gs}%,{}增速 {rs}%,{}",
                subject.label,
                reference.label,
                if ok { format!("超过,得{}分", fmt(per_year)) } else { "未超过,不得分".into() }
            ));
        }
    }
    points
}

/// The years typed in the rule's series: each written as four digits and within the creation
/// period and the year before it (a published rate: within the period).
fn check_series_years(s: &mut ItemScorer, inp: &ItemInput, period: &std::ops::RangeInclusive<i32>) {
    let (first, last) = (*period.start() - 1, *period.end());
    for f in s.item.rule.fields().into_iter().filter(InputField::is_series) {
        let Some(series) = inp.years.get(f.key) else { continue };
        for (y, v) in series {
            if v.trim().is_empty() {
                continue;
            }
            match canonical_year(y) {
                Some(year) if year < first || year > last || (f.slot == Slot::Rates && year == first) => {
                    s.error_with(|| {
                        let range = format!("{year}年不在创建期({}–{}年)及其上一年度范围内", period.start(), period.end());
                        (year_field(&f.label, year), range)
                    });
                }
                Some(_) => {}
                // Values are looked up by the canonical key ("2024"); any other spelling of a
                // year would be silently ignored. Either way an error, described only when listed.
                None => s.error_with(|| match parse_year(y) {
                    Ok(year) => (f.label.to_string(), format!("年份「{}」应写为四位阿拉伯数字(如{year})", short(y))),
                    Err(e) => (f.label.to_string(), e.message),
                }),
            }
        }
    }
}

/// A year key written as the scorer looks it up: exactly what `parse_year` reads and writes back
/// the same (four ASCII digits, 1900–2200), without making an error for any other text.
fn canonical_year(key: &str) -> Option<i32> {
    let digits = key.as_bytes();
    if digits.len() != 4 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = digits.iter().fold(0i32, |y, d| y * 10 + i32::from(d - b'0'));
    (1900..=2200).contains(&year).then_some(year)
}

/// The growth of a series of amounts from the year before to `year`, when both are typed and valid.
/// `amounts` holds the years of the series already read (each is read, and reported, once).
fn series_growth(
    s: &mut ItemScorer,
    inp: &ItemInput,
    series: &Field,
    year: i32,
    amounts: &mut BTreeMap<i32, Option<Decimal>>,
) -> Option<Decimal> {
    let mut amount = |s: &mut ItemScorer, year: i32| -> Option<Decimal> {
        *amounts
            .entry(year)
            .or_insert_with(|| s.parse(inp.year_value(&series.key, year), &year_field(&series.label, year), parse_amount))
    };
    let cur = amount(s, year);
    let prev = amount(s, year - 1);
    let prev_f = year_field(&series.label, year - 1);
    let (c, p) = (cur?, prev?);
    let growth = growth_percent(c, p);
    if growth.is_none() {
        s.error(&prev_f, growth_error(p));
    }
    growth
}

/// Why a growth rate cannot be computed from a previous-year amount.
fn growth_error(previous: Decimal) -> &'static str {
    if previous.is_zero() {
        "上一年度金额为0,无法计算增速"
    } else {
        "两年金额相差过大,超出可精确计算的范围,无法计算增速"
    }
}

/// Formats two growth rates with enough decimals that different values never look equal.
pub fn pct_pair(a: Decimal, b: Decimal) -> (String, String) {
    let mut places = 2;
    loop {
        let x = a.round_dp(places);
        let y = b.round_dp(places);
        if x != y || a == b || places >= 8 {
            return (format!("{:.*}", places as usize, x), format!("{:.*}", places as usize, y));
        }
        places += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn per_count(
    s: &mut ItemScorer,
    inp: &ItemInput,
    ctx: &Context,
    entity: &str,
    amount_label: &str,
    per: Decimal,
    thresholds: &BTreeMap<String, Decimal>,
    unit: &str,
) -> Decimal {
    if inp.entries.is_empty() && inp.basis.trim().is_empty() {
        s.missing = true;
    }
    let Some(region) = ctx.region else {
        s.missing = true;
        s.details.push("请先在基本情况中选择所在省份(地区门槛随省份确定)".into());
        return Decimal::ZERO;
    };
    let Some(threshold) = thresholds.get(&region.id).copied() else {
        s.error("", format!("指标体系未规定{}的门槛", region.name));
        return Decimal::ZERO;
    };
    let period = ctx.period.clone();
    if period.is_none() && !inp.entries.is_empty() {
        s.missing = true;
        s.details.push("请先在基本情况中填写创建期".into());
    }
    let mut qualifying = 0u32;
    // One line per entity that counts or not, up to the cap; the rest are counted in one line.
    let mut unlisted = 0usize;
    for (i, e) in inp.entries.iter().enumerate() {
        let row = || entity_row(entity, i);
        let year = if e.year.trim().is_empty() {
            s.missing = true;
            None
        } else {
            match parse_year(&e.year) {
                Ok(y) => Some(y),
                Err(err) => {
                    s.error_with(|| (format!("{} 年份", row()), err.message));
                    continue;
                }
            }
        };
        if let (Some(y), Some(p)) = (year, period.as_ref()) {
            if !p.contains(&y) {
                s.error_with(|| {
                    (format!("{} 年份", row()), format!("{y}年不在创建期({}–{}年)内,不属于创建期内新增", p.start(), p.end()))
                });
                continue;
            }
        }
        let amount = if e.amount.trim().is_empty() {
            s.missing = true;
            None
        } else {
            match parse_amount(&e.amount) {
                Ok(a) => Some(a),
                Err(err) => {
                    s.error_with(|| (format!("{} {amount_label}", row()), err.message));
                    continue;
                }
            }
        };
        // Only an entity whose year is known to lie in the creation period can count.
        if year.is_none() || period.is_none() {
            continue;
        }
        if let Some(a) = amount {
            let counts = a >= threshold;
            if counts {
                qualifying += 1;
            }
            if s.details.len() >= MAX_LISTED {
                unlisted += 1;
                continue;
            }
            let name = if e.name.trim().is_empty() { row() } else { short(e.name.trim()) };
            s.details.push(if counts {
                format!("{name}:{}{unit} ≥ {}{unit}({}门槛),计{}分", fmt(a), fmt(threshold), region.name, fmt(per))
            } else {
                format!("{name}:{}{unit} < {}{unit}({}门槛),不计分", fmt(a), fmt(threshold), region.name)
            });
        }
    }
    if unlisted > 0 {
        s.details.push(format!("另有{unlisted}家未逐一列出;达到门槛的共{qualifying}家"));
    }
    Decimal::from(qualifying).saturating_mul(per)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_years_are_those_parse_year_reads_and_writes_back() {
        let mut keys: Vec<String> = (1890..2210).map(|y| y.to_string()).collect();
        keys.extend(
            ["0123", "01999", "1999.0", " 2024", "2024 ", "２０２４", "2e3", "+2024", "-2024", "y0", "", "20x4", "1e3", "2024年"]
                .map(String::from),
        );
        for key in &keys {
            let slow = parse_year(key).ok().filter(|y| y.to_string() == *key);
            assert_eq!(canonical_year(key), slow, "「{key}」");
        }
    }
}

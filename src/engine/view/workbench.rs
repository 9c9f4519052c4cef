//! Figures and labels the app shows beside inputs and results. Computed here, in plain tested
//! Rust, so that the Leptos shell holds no scoring logic and no arithmetic: it only lays out
//! what `score::items::score` and these functions return.

use crate::engine::model::banfa::Banfa;
use rust_decimal::Decimal;

use crate::engine::model::assessment::{ItemInput, Subject};
use crate::engine::model::rubric::{Item, Rubric};
use crate::engine::model::rule::{year_field, Band, Rule, Slot, REFERENCE_RATE_KEY};
use crate::engine::score::items::pct_pair;
use crate::engine::score::outcome::{IndicatorResult, ItemResult, ItemStatus, Outcome};
use crate::engine::support::num::{fmt, growth_percent, parse_amount, parse_growth_percent, round_half_up, truncate};
use crate::engine::support::problem::Problem;
use crate::engine::view::steps::is_blank_field;

/// The creation period as the scoring engine uses it: first and last year, when set and valid.
pub fn period_bounds(subject: &Subject) -> Option<(i32, i32)> {
    if !subject.start_year.is_some_and(|y| (2000..=2100).contains(&y)) {
        return None;
    }
    subject.period().map(|r| (*r.start(), *r.end()))
}

/// One row of a `growth_years` input table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrowthRow {
    pub year: i32,
    /// The year before the creation period: amounts only, no growth.
    pub base_year: bool,
    /// The subject's growth over the year before, e.g. `12.34%`, when both amounts are valid.
    pub subject_growth: Option<String>,
    /// The reference growth (from the published rate, or from the reference amounts).
    pub reference_growth: Option<String>,
    /// Whether `reference_growth` is the published rate rather than computed from amounts.
    pub reference_is_rate: bool,
}

/// The rows of a `growth_years` item: from the year before the period to its last year, with
/// the growth rates computed from what is typed (rounded for display only; the score compares
/// exact values). Empty when the rule is another kind or the period is not set.
pub fn growth_rows(rule: &Rule, input: Option<&ItemInput>, subject: &Subject) -> Vec<GrowthRow> {
    let Rule::GrowthYears { subject: sf, reference: rf, reference_rate_allowed, .. } = rule else {
        return Vec::new();
    };
    let Some((start, end)) = period_bounds(subject) else {
        return Vec::new();
    };
    let empty = ItemInput::default();
    let inp = input.unwrap_or(&empty);
    let amount = |key: &str, year: i32| inp.year_value(key, year).and_then(|v| parse_amount(v).ok());
    let growth = |key: &str, year: i32| match (amount(key, year), amount(key, year - 1)) {
        (Some(c), Some(p)) => growth_percent(c, p),
        _ => None,
    };
    let mut rows = vec![GrowthRow {
        year: start - 1,
        base_year: true,
        subject_growth: None,
        reference_growth: None,
        reference_is_rate: false,
    }];
    for year in start..=end {
        let own = growth(&sf.key, year);
        let rate = if *reference_rate_allowed {
            inp.year_value(REFERENCE_RATE_KEY, year).map(parse_growth_percent)
        } else {
            None
        };
        let (refg, is_rate) = match rate {
            Some(Ok(r)) => (Some(r), true),
            Some(Err(_)) => (None, true),
            None => (growth(&rf.key, year), false),
        };
        let (a, b) = match (own, refg) {
            (Some(a), Some(b)) => {
                let (x, y) = pct_pair(a, b);
                (Some(format!("{x}%")), Some(format!("{y}%")))
            }
            (a, b) => (a.map(pct2), b.map(pct2)),
        };
        rows.push(GrowthRow { year, base_year: false, subject_growth: a, reference_growth: b, reference_is_rate: is_rate });
    }
    rows
}

fn pct2(d: Decimal) -> String {
    format!("{:.2}%", d.round_dp(2))
}

/// A quick choice for a judged score: 0, half, full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickScore {
    /// Short button text, e.g. `半 0.8`.
    pub label: String,
    /// What a screen reader says, e.g. `评为一半:0.8分`.
    pub aria: String,
    /// The value written into the score field.
    pub value: String,
    /// `zero`, `half`, `full` (for test ids).
    pub kind: &'static str,
}

/// 0 / half / full for an item worth `points` with scores of at most `decimals` places.
/// Half is rounded half up (四舍五入) to the allowed places: half of 1.5 with one place is 0.8.
pub fn quick_scores(points: Decimal, decimals: u32) -> Vec<QuickScore> {
    let half = round_half_up(points / Decimal::TWO, decimals);
    vec![
        QuickScore { label: "0分".into(), aria: "评为0分".into(), value: "0".into(), kind: "zero" },
        QuickScore {
            label: format!("半 {}", fmt(half)),
            aria: format!("评为一半:{}分", fmt(half)),
            value: fmt(half),
            kind: "half",
        },
        QuickScore {
            label: format!("满 {}", fmt(points)),
            aria: format!("评为满分:{}分", fmt(points)),
            value: fmt(points),
            kind: "full",
        },
    ]
}

/// What is still missing to pass, one phrase per unmet condition: `总分还差3分`, `规范监管还差1.5分`.
pub fn missing_texts(outcome: &Outcome) -> Vec<String> {
    outcome
        .unmet()
        .map(|c| {
            let name = if c.id == "total" {
                "总分".to_string()
            } else {
                outcome.dimensions.iter().find(|d| d.id == c.id).map(|d| d.name.clone()).unwrap_or_else(|| c.label.clone())
            };
            format!("{name}还差{}分", fmt(c.missing))
        })
        .collect()
}

/// The verdict in one line: `合格`, or `不合格:规范监管还差1.5分;总分还差3分`.
pub fn verdict_line(outcome: &Outcome) -> String {
    if outcome.passed {
        "合格".into()
    } else {
        format!("不合格:{}", missing_texts(outcome).join(";"))
    }
}

/// Where the maximum is shown: `满分100分;按本产品对原文的解读,最高可得99分(指标24最高3分)`.
pub fn achievable_note(outcome: &Outcome) -> String {
    let capped: Vec<String> = outcome
        .indicators
        .iter()
        .filter(|i| i.achievable < i.max)
        .map(|i| format!("指标{}最高{}分", i.number, fmt(i.achievable)))
        .collect();
    if capped.is_empty() {
        format!("满分{}分", fmt(outcome.max))
    } else {
        format!("满分{}分;按本产品对原文的解读,最高可得{}分({})", fmt(outcome.max), fmt(outcome.achievable), capped.join("、"))
    }
}

/// A score out of a maximum: `2.5/3`.
pub fn score_of(score: Decimal, max: Decimal) -> String {
    format!("{}/{}", fmt(score), fmt(max))
}

/// How far an indicator is filled in, for the navigation: (css class, words for screen readers).
pub fn indicator_state(r: &IndicatorResult) -> (&'static str, &'static str) {
    if r.items.iter().any(|i| i.status == ItemStatus::Invalid) {
        ("state-error", "有错误")
    } else if r.complete {
        ("state-done", "已填完")
    } else if r.items.iter().any(|i| i.status != ItemStatus::Empty) {
        ("state-partial", "部分填写")
    } else {
        ("state-empty", "未填写")
    }
}

/// How far the 基本情况 are filled in: (css class, words). A field still blank is not an error
/// (it is still to fill in); a value typed wrong is.
pub fn subject_state(outcome: &Outcome, subject: &Subject) -> (&'static str, &'static str) {
    let subject_problem = |p: &&Problem| p.is_error() && p.location.section.as_deref() == Some("subject");
    let mut errors = outcome.problems.iter().filter(subject_problem);
    if *subject == Subject::default() {
        ("state-empty", "未填写")
    } else if errors.clone().any(|p| !is_blank_field(p, subject)) {
        ("state-error", "有错误")
    } else if errors.next().is_some() {
        ("state-partial", "未填完")
    } else {
        ("state-done", "已填完")
    }
}

/// An item's status in words: (css class, text).
pub fn item_state(r: &ItemResult) -> (&'static str, &'static str) {
    match r.status {
        ItemStatus::Empty => ("state-empty", "未填写"),
        ItemStatus::Incomplete => ("state-partial", "未填完"),
        ItemStatus::Complete => ("state-done", "已填完"),
        ItemStatus::Invalid => ("state-error", "有错误"),
    }
}

/// Progress in words: `已填完 12/60 项`.
pub fn progress_text(outcome: &Outcome) -> String {
    let (done, all) = outcome.progress();
    format!("已填完 {done}/{all} 项")
}

/// Counts of errors and warnings in words, or `None` when there is none. A 基本情况 field still
/// blank is still to fill in (the progress and the next step say so), not counted as an error.
pub fn problem_counts(outcome: &Outcome, subject: &Subject) -> Option<String> {
    let shown: Vec<&Problem> = outcome.problems.iter().filter(|p| !is_blank_field(p, subject)).collect();
    let errors = shown.iter().filter(|p| p.is_error()).count();
    let warnings = shown.len() - errors;
    match (errors, warnings) {
        (0, 0) => None,
        (e, 0) => Some(format!("{e}处错误")),
        (0, w) => Some(format!("{w}处提示")),
        (e, w) => Some(format!("{e}处错误,{w}处提示")),
    }
}

/// The geometry of the dimension-rate chart (SVG user units, as attribute strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub view_box: String,
    /// The pass line (e.g. 80%): its y, and its label.
    pub line_y: String,
    pub line_label: String,
    pub line_label_y: String,
    pub plot_left: String,
    pub plot_right: String,
    pub baseline_y: String,
    pub top_y: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub id: String,
    pub name: String,
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    /// Centre of the bar, for its labels.
    pub label_x: String,
    /// y of the rate label above the bar.
    pub value_y: String,
    /// The rate, truncated: `79.99%`.
    pub value: String,
    pub passed: bool,
}

const CHART_W: i64 = 320;
const CHART_H: i64 = 176;
const PLOT_LEFT: i64 = 40;
const PLOT_RIGHT: i64 = 312;
const PLOT_TOP: i64 = 20;
const PLOT_BOTTOM: i64 = 140;

/// Bars of each dimension's score rate (0–100%) with the pass line at `min_rate` (a fraction).
pub fn chart(outcome: &Outcome, min_rate: Decimal) -> Chart {
    let plot_h = Decimal::from(PLOT_BOTTOM - PLOT_TOP);
    let bottom = Decimal::from(PLOT_BOTTOM);
    let n = outcome.dimensions.len().max(1) as i64;
    let slot = Decimal::from(PLOT_RIGHT - PLOT_LEFT) / Decimal::from(n);
    let bar_w = slot * Decimal::new(56, 2);
    let y_of = |fraction: Decimal| bottom - plot_h * fraction.max(Decimal::ZERO).min(Decimal::ONE);
    let s = |d: Decimal| fmt(d.round_dp(2));
    let line_y = y_of(min_rate);
    let bars = outcome
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x0 = Decimal::from(PLOT_LEFT) + slot * Decimal::from(i as i64);
            let x = x0 + (slot - bar_w) / Decimal::TWO;
            let y = y_of(d.rate);
            Bar {
                id: d.id.clone(),
                name: d.name.clone(),
                x: s(x),
                y: s(y),
                width: s(bar_w),
                height: s(bottom - y),
                label_x: s(x0 + slot / Decimal::TWO),
                value_y: s(y - Decimal::from(5)),
                value: format!("{}%", d.rate_display()),
                passed: d.passed,
            }
        })
        .collect();
    Chart {
        view_box: format!("0 0 {CHART_W} {CHART_H}"),
        line_y: s(line_y),
        line_label: format!("{}%", fmt(truncate(min_rate * Decimal::ONE_HUNDRED, 2))),
        line_label_y: s(line_y + Decimal::from(4)),
        plot_left: PLOT_LEFT.to_string(),
        plot_right: PLOT_RIGHT.to_string(),
        baseline_y: PLOT_BOTTOM.to_string(),
        top_y: PLOT_TOP.to_string(),
        bars,
    }
}

/// y of the dimension names under the chart's bars.
pub const CHART_NAME_Y: &str = "160";

/// Every field the app shows an input for, for one item (problems located elsewhere are shown
/// with the item as a whole).
pub fn placed_fields(item: &Item, input: Option<&ItemInput>, subject: &Subject) -> Vec<String> {
    let mut out = Vec::new();
    let period = period_bounds(subject);
    for f in item.rule.fields() {
        match (f.slot, period) {
            (Slot::Value | Slot::Flag, _) => out.push(f.label.into_owned()),
            (Slot::Amounts, Some((start, end))) => out.extend((start - 1..=end).map(|y| year_field(&f.label, y))),
            (Slot::Rates, Some((start, end))) => out.extend((start..=end).map(|y| year_field(&f.label, y))),
            // Series without a period, and the rows' amounts (below, per row), have no field yet.
            (Slot::Amounts | Slot::Rates | Slot::RowAmount, _) => {}
        }
    }
    if let Some(rows) = item.rule.rows() {
        let entries = input.map(|i| i.entries.len()).unwrap_or(0);
        out.extend((0..entries).flat_map(|i| rows.fields(i)));
    }
    out
}

/// The problems of one item located at `field`.
pub fn field_problems<'a>(outcome: &'a Outcome, item_id: &str, field: &str) -> Vec<&'a Problem> {
    outcome
        .problems
        .iter()
        .filter(|p| p.location.item.as_deref() == Some(item_id) && p.location.field.as_deref() == Some(field))
        .collect()
}

/// The problems of one item not located at a field the app shows an input for.
pub fn unplaced_problems<'a>(outcome: &'a Outcome, item_id: &str, placed: &[String]) -> Vec<&'a Problem> {
    outcome
        .problems
        .iter()
        .filter(|p| p.location.item.as_deref() == Some(item_id))
        .filter(|p| p.location.field.as_ref().is_none_or(|f| !placed.contains(f)))
        .collect()
}

/// The problems of the 基本情况 section at `field` (`创建对象名称`, `所在省份`, ...).
pub fn subject_problems<'a>(outcome: &'a Outcome, field: &str) -> Vec<&'a Problem> {
    outcome
        .problems
        .iter()
        .filter(|p| p.location.section.as_deref() == Some("subject") && p.location.field.as_deref() == Some(field))
        .collect()
}

/// Problems not tied to an indicator or the subject (e.g. inputs for unknown items in a file).
pub fn general_problems(outcome: &Outcome) -> Vec<&Problem> {
    outcome
        .problems
        .iter()
        .filter(|p| p.location.indicator.is_none() && p.location.section.as_deref() != Some("subject"))
        .collect()
}

/// Start years offered for the creation period (plus the current value, if outside).
pub fn start_year_choices(current: Option<i32>) -> Vec<i32> {
    let mut v: Vec<i32> = (2000..=2040).collect();
    if let Some(c) = current {
        if !v.contains(&c) {
            v.push(c);
            v.sort_unstable();
        }
    }
    v
}

/// Creation period lengths offered (plus the current value, if outside).
pub fn period_length_choices(current: Option<u32>) -> Vec<u32> {
    let mut v: Vec<u32> = (1..=10).collect();
    if let Some(c) = current {
        if !v.contains(&c) {
            v.push(c);
            v.sort_unstable();
        }
    }
    v
}

/// The text of a period-length choice: `3年`, `4年(超过3年)`.
pub fn period_length_label(years: u32, banfa: &Banfa) -> String {
    let p = &banfa.creation_period;
    match (p.min_years, p.max_years) {
        (Some(min), _) if years < min => format!("{years}年(不足{min}年)"),
        (_, Some(max)) if years > max => format!("{years}年(超过{max}年)"),
        _ => format!("{years}年"),
    }
}

/// The creation period as text: `2023–2025年(3年)`.
pub fn period_text(subject: &Subject) -> Option<String> {
    let (a, b) = period_bounds(subject)?;
    Some(format!("{a}–{b}年({}年)", subject.years.unwrap_or_default()))
}

/// What the province means for indicator 3: `东部地区:新增规模以上网络交易经营主体的年度网络交易额门槛为20000万元`.
pub fn region_note(rubric: &Rubric, subject: &Subject) -> Option<String> {
    let region = rubric.region_of(subject.province.trim())?;
    let threshold = rubric.items().find_map(|(_, it)| match &it.rule {
        Rule::PerCount { entity, amount, thresholds, unit, .. } => {
            thresholds.get(&region.id).map(|t| format!("{entity}的{}门槛为{}{unit}", amount.label, fmt(*t)))
        }
        _ => None,
    });
    Some(match threshold {
        Some(t) => format!("{}地区(地区门槛:{t})", region.name),
        None => format!("{}地区", region.name),
    })
}

/// How a share_bands rule scores, for the item's hint: `占比=A÷B。≥60%得2分;≥30%得1分(区间含下限、不含上限)。`
/// (the bands' lower bounds count, as `score::items` applies them).
pub fn share_bands_hint(numerator: &str, denominator: &str, bands: &[Band]) -> String {
    let bands_text = bands.iter().map(|b| format!("≥{}%得{}分", fmt(b.from), fmt(b.score))).collect::<Vec<_>>().join(";");
    format!("占比={numerator}÷{denominator}。{bands_text}(区间含下限、不含上限)。")
}

/// The precondition of a precondition_judged rule, for the count's hint.
pub fn min_count_hint(min_count: u32) -> String {
    format!("至少{min_count}个方可评分,否则本项0分")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::assessment::{Assessment, Entry};
    use crate::engine::model::rule::Bound;
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::items::score;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// 杭州市 (the process's test subject), from 2023.
    fn subject() -> Subject {
        Subject { start_year: Some(2023), ..crate::engine::process::fixtures::subject() }
    }

    #[test]
    fn subject_state_and_counts_treat_blank_fields_as_still_to_fill_in() {
        let r = LoadedRubric::bundled().rubric;
        let blank = Assessment::default();
        let o = score(&r, &blank);
        assert_eq!(subject_state(&o, &blank.subject).0, "state-empty");
        assert_eq!(problem_counts(&o, &blank.subject), None, "nothing typed, nothing wrong");
        let named = Assessment { subject: Subject { name: "杭州市".into(), ..Default::default() }, ..Default::default() };
        let o = score(&r, &named);
        assert_eq!(subject_state(&o, &named.subject), ("state-partial", "未填完"));
        let wrong = Assessment { subject: Subject { province: "上海".into(), ..subject() }, ..Default::default() };
        let o = score(&r, &wrong);
        assert_eq!(subject_state(&o, &wrong.subject), ("state-error", "有错误"));
        assert_eq!(problem_counts(&o, &wrong.subject).as_deref(), Some("1处错误"));
        let full = Assessment { subject: subject(), ..Default::default() };
        assert_eq!(subject_state(&score(&r, &full), &full.subject).0, "state-done");
    }

    #[test]
    fn growth_rows_from_typed_amounts() {
        let r = LoadedRubric::bundled().rubric;
        let item = &r.indicator(1).unwrap().items[0];
        let mut a = Assessment { subject: subject(), ..Default::default() };
        let inp = a.input_mut("1");
        for (y, v) in [("2022", "100"), ("2023", "110"), ("2024", "121"), ("2025", "x")] {
            inp.years.entry("subject".into()).or_default().insert(y.into(), v.into());
        }
        for (y, v) in [("2022", "1000"), ("2023", "1100")] {
            inp.years.entry("reference".into()).or_default().insert(y.into(), v.into());
        }
        inp.years.entry("reference_rate".into()).or_default().insert("2024".into(), "9.5".into());
        let rows = growth_rows(&item.rule, a.input("1"), &a.subject);
        assert_eq!(rows.iter().map(|r| r.year).collect::<Vec<_>>(), vec![2022, 2023, 2024, 2025]);
        assert!(rows[0].base_year && rows[0].subject_growth.is_none());
        // Equal growths are shown equal only when they are equal.
        assert_eq!(rows[1].subject_growth.as_deref(), Some("10.00%"));
        assert_eq!(rows[1].reference_growth.as_deref(), Some("10.00%"));
        assert!(!rows[1].reference_is_rate);
        assert_eq!(rows[2].subject_growth.as_deref(), Some("10.00%"));
        assert_eq!(rows[2].reference_growth.as_deref(), Some("9.50%"));
        assert!(rows[2].reference_is_rate);
        assert_eq!(rows[3].subject_growth, None);
        // No period, no rows.
        a.subject.start_year = None;
        assert!(growth_rows(&item.rule, a.input("1"), &a.subject).is_empty());
    }

    #[test]
    fn close_growths_get_enough_decimals() {
        let r = LoadedRubric::bundled().rubric;
        let item = &r.indicator(2).unwrap().items[0];
        let mut a = Assessment { subject: Subject { years: Some(1), ..subject() }, ..Default::default() };
        let inp = a.input_mut("2");
        inp.years.entry("subject".into()).or_default().extend([("2022".into(), "100000".into()), ("2023".into(), "110001".into())]);
        inp.years.entry("reference".into()).or_default().extend([("2022".into(), "100000".into()), ("2023".into(), "110000".into())]);
        let rows = growth_rows(&item.rule, a.input("2"), &a.subject);
        assert_eq!(rows[1].subject_growth.as_deref(), Some("10.001%"));
        assert_eq!(rows[1].reference_growth.as_deref(), Some("10.000%"));
    }

    #[test]
    fn quick_choices() {
        let q = quick_scores(d("2"), 1);
        assert_eq!(q.iter().map(|q| q.value.as_str()).collect::<Vec<_>>(), vec!["0", "1", "2"]);
        let q = quick_scores(d("1.5"), 1);
        assert_eq!(q[1].value, "0.8");
        assert_eq!(q[2].value, "1.5");
        assert_eq!(q[1].aria, "评为一半:0.8分");
        let q = quick_scores(d("1"), 1);
        assert_eq!(q[1].value, "0.5");
        // Every quick value is a valid score for the item.
        for pts in ["1", "1.5", "2", "3", "6"] {
            for q in quick_scores(d(pts), 1) {
                crate::engine::support::num::parse_score(&q.value, d(pts), 1).unwrap();
            }
        }
    }

    #[test]
    fn verdict_names_what_is_missing() {
        let r = LoadedRubric::bundled().rubric;
        let mut a = Assessment { subject: subject(), ..Default::default() };
        // Full marks on every judged item of indicators 6–11, except 6.1 at 0.5 of 2: 22.5 of 30.
        for (ind, it) in r.items() {
            if matches!(it.rule, Rule::Judged { .. }) && (6..=11).contains(&ind.number) {
                a.input_mut(&it.id).values.insert("score".into(), fmt(it.points));
            }
        }
        a.input_mut("6.1").values.insert("score".into(), "0.5".into());
        let o = score(&r, &a);
        let texts = missing_texts(&o);
        assert!(texts.contains(&format!("总分还差{}分", fmt(d("85") - o.total))), "{texts:?}");
        assert!(texts.contains(&"规范监管还差1.5分".to_string()), "{texts:?}");
        assert!(verdict_line(&o).starts_with("不合格:"));
        assert_eq!(score_of(d("2.50"), d("3")), "2.5/3");
        assert_eq!(achievable_note(&o), "满分100分;按本产品对原文的解读,最高可得99分(指标24最高3分)");
    }

    #[test]
    fn chart_geometry() {
        let r = LoadedRubric::bundled().rubric;
        let o = score(&r, &Assessment { subject: subject(), ..Default::default() });
        let c = chart(&o, d("0.8"));
        assert_eq!(c.bars.len(), 4);
        assert_eq!(c.line_y, "44");
        assert_eq!(c.line_label, "80%");
        for b in &c.bars {
            assert_eq!(b.height, "0");
            assert_eq!(b.y, "140");
            assert_eq!(b.value, "0.00%");
        }
        assert_eq!(c.bars[0].x, "54.96");
        assert_eq!(c.bars[0].label_x, "74");
    }

    #[test]
    fn problems_are_placed_beside_their_fields() {
        let r = LoadedRubric::bundled().rubric;
        let mut a = Assessment { subject: subject(), ..Default::default() };
        // A bad value in every kind of input.
        for (ind, it) in r.items() {
            let inp = a.input_mut(&it.id);
            match &it.rule {
                Rule::GrowthYears { subject, reference, reference_rate_allowed, .. } => {
                    for y in 2022..=2025 {
                        inp.years.entry(subject.key.clone()).or_default().insert(y.to_string(), "-1".into());
                        inp.years.entry(reference.key.clone()).or_default().insert(y.to_string(), "abc".into());
                    }
                    if *reference_rate_allowed {
                        inp.years.entry("reference_rate".into()).or_default().insert("2024".into(), "-200".into());
                    }
                }
                Rule::ShareBands { numerator, denominator, .. } => {
                    inp.values.insert(numerator.key.clone(), "1.5".into());
                    inp.values.insert(denominator.key.clone(), "x".into());
                }
                Rule::PerCount { .. } => {
                    inp.entries.push(Entry { name: "甲".into(), year: "20x".into(), ..Default::default() });
                    inp.entries.push(Entry { name: "乙".into(), year: "2024".into(), amount: "-5".into(), ..Default::default() });
                    inp.entries.push(Entry { name: "丙".into(), year: "2019".into(), amount: "1".into(), ..Default::default() });
                }
                Rule::RateThresholds { conditions, .. } => {
                    for c in conditions {
                        inp.values.insert(c.key.clone(), "101".into());
                        if let Bound::Input(f) = &c.bound {
                            inp.values.insert(f.key.clone(), "-1".into());
                        }
                    }
                }
                Rule::Judged { .. } => {
                    inp.values.insert("score".into(), "9".into());
                }
                Rule::PreconditionJudged { count, .. } => {
                    inp.values.insert(count.key.clone(), "5".into());
                    inp.values.insert("score".into(), "0.55".into());
                }
                Rule::AnyOne { .. } => {
                    inp.entries.push(Entry { name: "".into(), ..Default::default() });
                    inp.entries.push(Entry { name: "x".into(), category: "不存在".into(), ..Default::default() });
                }
                Rule::WeightedCounts { weights, .. } => {
                    inp.values.insert(weights[0].key.clone(), "1.5".into());
                }
                Rule::AllOf { .. } => {}
            }
            let _ = ind;
        }
        let o = score(&r, &a);
        let mut placed_count = 0;
        for (_, it) in r.items() {
            let placed = placed_fields(it, a.input(&it.id), &a.subject);
            let unplaced = unplaced_problems(&o, &it.id, &placed);
            assert!(unplaced.is_empty(), "item {}: {:?}", it.id, unplaced);
            for f in &placed {
                placed_count += field_problems(&o, &it.id, f).len();
            }
        }
        let item_problems = o.problems.iter().filter(|p| p.location.item.is_some()).count();
        assert_eq!(placed_count, item_problems);
        assert!(item_problems > 30);
    }

    #[test]
    fn unknown_keys_are_shown_with_the_item() {
        let r = LoadedRubric::bundled().rubric;
        let mut a = Assessment { subject: subject(), ..Default::default() };
        a.input_mut("4.1").values.insert("typo".into(), "1".into());
        a.input_mut("nope").values.insert("score".into(), "1".into());
        let o = score(&r, &a);
        let it = &r.indicator(4).unwrap().items[0];
        let placed = placed_fields(it, a.input("4.1"), &a.subject);
        assert_eq!(unplaced_problems(&o, "4.1", &placed).len(), 1);
        assert_eq!(general_problems(&o).len(), 1);
    }

    #[test]
    fn subject_fields() {
        let r = LoadedRubric::bundled().rubric;
        let o = score(&r, &Assessment::default());
        for f in ["创建对象名称", "创建对象类型", "所在省份", "创建期起始年份", "创建期年数"] {
            assert_eq!(subject_problems(&o, f).len(), 1, "{f}");
        }
        assert_eq!(region_note(&r, &subject()).unwrap(), "东部地区(地区门槛:新增规模以上网络交易经营主体的年度网络交易额门槛为20000万元)");
        assert_eq!(region_note(&r, &Subject::default()), None);
        assert_eq!(period_text(&subject()).unwrap(), "2023–2025年(3年)");
        use crate::engine::rubric::banfa::{current_banfa, legacy_banfa};
        assert_eq!(period_length_label(4, legacy_banfa()), "4年(超过3年)");
        assert_eq!(period_length_label(3, legacy_banfa()), "3年");
        assert_eq!(period_length_label(4, current_banfa()), "4年");
        assert_eq!(period_length_label(2, current_banfa()), "2年(不足3年)");
        assert!(start_year_choices(Some(1999)).contains(&1999));
        assert!(period_length_choices(Some(25)).contains(&25));
    }
}

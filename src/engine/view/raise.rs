//! 提分路径: where the points still missing for a pass can come from. For each unmet pass
//! condition (the total, or a dimension's rate), the sub-items with points still open, grouped
//! by dimension, each with what it could add and what it takes, computed exactly from the rubric
//! data and the assessment. The cheapest sure points come first (threshold and counting items
//! closest to their bound), then the items a reviewer judges, whose points are shown without
//! being promised. The wording speaks of work still to do, never of changing a reported figure.

use rust_decimal::Decimal;

use crate::engine::model::assessment::{Assessment, ItemInput};
use crate::engine::model::rubric::{Indicator, Item, Rubric};
use crate::engine::model::rule::{Bound, Op, Rule, REFERENCE_RATE_KEY};
use crate::engine::score::items::pct_pair;
use crate::engine::score::outcome::Outcome;
use crate::engine::support::num::{fmt, growth_percent, parse_amount, parse_count, parse_growth_percent, parse_percent};

/// How sure a line's points are, in the order the lines are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sureness {
    /// A rate short of its bound, or a yes/no condition: the points once it holds.
    Threshold,
    /// One more of something that counts.
    Counting,
    /// Growth over the remaining years of the period.
    Growth,
    /// A judged score: open points, not promised.
    Judged,
    /// Points no work can bring any more (every year of a growth item's period reported): said
    /// so, last, so that nobody counts on them.
    Closed,
}

/// One sub-item's way to more points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaiseLine {
    pub item: String,
    /// The number of the indicator the sub-item belongs to (where the page to raise it is).
    pub indicator: u32,
    pub sureness: Sureness,
    /// Points this step adds for sure (`Threshold`, `Counting`); the open points otherwise.
    pub gain: Decimal,
    /// For ordering within a kind: how far from the bound (percentage points; 0 when unknown).
    pub distance: Decimal,
    /// `13.1 提升网购举报按时核查率:现为94.8%,需>95%:+1分`.
    pub text: String,
}

/// The lines of one dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionLines {
    pub name: String,
    pub lines: Vec<RaiseLine>,
}

/// One unmet pass condition and where its points can come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaiseGroup {
    /// `总分还差3分`, `探索创新还差4分`.
    pub heading: String,
    pub dimensions: Vec<DimensionLines>,
}

/// The 提分路径 of an assessment: one group per unmet condition (none when it passes).
pub fn raise_path(rubric: &Rubric, a: &Assessment, outcome: &Outcome) -> Vec<RaiseGroup> {
    outcome
        .unmet()
        .map(|c| {
            let dimension = rubric.dimensions.iter().find(|d| d.id == c.id);
            let name = dimension.map(|d| d.name.as_str()).unwrap_or("总分");
            let dimensions = rubric
                .dimensions
                .iter()
                .filter(|d| dimension.is_none_or(|x| x.id == d.id))
                .map(|d| {
                    let mut lines: Vec<RaiseLine> = d
                        .indicators
                        .iter()
                        .flat_map(|ind| ind.items.iter().flat_map(move |item| item_lines(rubric, a, outcome, ind, item)))
                        .collect();
                    lines.sort_by(|x, y| {
                        (x.sureness, x.distance, std::cmp::Reverse(x.gain)).cmp(&(y.sureness, y.distance, std::cmp::Reverse(y.gain)))
                    });
                    DimensionLines { name: d.name.clone(), lines }
                })
                .filter(|d| !d.lines.is_empty())
                .collect();
            RaiseGroup { heading: format!("{name}还差{}分", fmt(c.missing)), dimensions }
        })
        .collect()
}

/// The ways one sub-item can add points (none when it has its points).
pub fn item_lines(rubric: &Rubric, a: &Assessment, outcome: &Outcome, indicator: &Indicator, item: &Item) -> Vec<RaiseLine> {
    let score = outcome.item(&item.id).map(|r| r.score).unwrap_or_default();
    let empty = ItemInput::default();
    let input = a.input(&item.id).unwrap_or(&empty);
    let id = item.id.as_str();
    let open = item.points - score;
    if open <= Decimal::ZERO {
        return vec![];
    }
    let line = |sureness, gain: Decimal, distance, text: String| RaiseLine {
        item: id.to_string(),
        indicator: indicator.number,
        sureness,
        gain,
        distance,
        text: format!("{id} {text}"),
    };
    let judged = || line(Sureness::Judged, open, Decimal::ZERO, format!("尚有{}分未得(由评审评定,不作承诺)", fmt(open)));
    match &item.rule {
        Rule::RateThresholds { conditions, flags } => {
            let mut parts = Vec::new();
            let mut distance = Decimal::ZERO;
            for c in conditions {
                let bound = match &c.bound {
                    Bound::Fixed(b) => Some(*b),
                    Bound::Input(f) => input.value(&f.key).and_then(|v| parse_percent(v).ok()),
                };
                let value = input.value(&c.key).and_then(|v| parse_percent(v).ok());
                match (value, bound) {
                    (Some(v), Some(b)) if c.op.holds(v, b) => {}
                    (Some(v), Some(b)) => {
                        let gap = b - v;
                        distance = distance.max(gap);
                        let need = match (c.op, gap.is_zero()) {
                            (Op::Gt, true) => format!("需高于{}%", fmt(b)),
                            (Op::Gt, false) => format!("需提高超过{}个百分点", fmt(gap)),
                            (Op::Ge, _) => format!("需提高{}个百分点", fmt(gap)),
                        };
                        parts.push(format!("提升{} {}%,需{}{}%:{need}", c.label, fmt(v), c.op.symbol(), fmt(b)));
                    }
                    _ => parts.push(format!("{}尚未填写(需{}{})", c.label, c.op.symbol(), bound_text(&c.bound))),
                }
            }
            for f in flags.iter().filter(|f| input.flags.get(&f.key) != Some(&true)) {
                parts.push(format!("需做到:{}", f.label));
            }
            if parts.is_empty() {
                return vec![judged()];
            }
            let all = if conditions.len() + flags.len() > 1 {
                format!("需{}项同时达标;", conditions.len() + flags.len())
            } else {
                String::new()
            };
            vec![line(Sureness::Threshold, open, distance, format!("{all}{}:+{}分", parts.join(";"), fmt(open)))]
        }
        Rule::AllOf { flags } => {
            let parts: Vec<String> = flags
                .iter()
                .filter(|f| input.flags.get(&f.key) != Some(&true))
                .map(|f| format!("需做到:{}", f.label))
                .collect();
            vec![line(Sureness::Threshold, open, Decimal::ZERO, format!("{}:+{}分", parts.join(";"), fmt(open)))]
        }
        Rule::ShareBands { numerator, bands, denominator } => {
            let n = input.value(&numerator.key).and_then(|v| parse_count(v).ok());
            let d = input.value(&denominator.key).and_then(|v| parse_count(v).ok()).filter(|d| *d > 0);
            let (Some(n), Some(d)) = (n, d) else {
                return vec![line(Sureness::Threshold, open, Decimal::ZERO, format!("{}和{}尚未填写:尚有{}分未得", numerator.label, denominator.label, fmt(open)))];
            };
            let share = Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(d);
            let Some(next) = bands.iter().find(|b| b.from > share && b.score > score) else { return vec![] };
            let gain = next.score - score;
            let gap = next.from - share;
            vec![line(
                Sureness::Threshold,
                gain,
                gap,
                format!(
                    "提升{}占比:现为{}%,达到{}%:+{}分",
                    numerator.label,
                    fmt(crate::engine::support::num::truncate(share, 2)),
                    fmt(next.from),
                    fmt(gain)
                ),
            )]
        }
        Rule::PerCount { entity, amount, per, thresholds, unit } => {
            let gain = (*per).min(open);
            let bound = rubric
                .region_of(&a.subject.province)
                .and_then(|r| thresholds.get(&r.id))
                .map(|t| format!("({}≥{}{unit})", amount.label, fmt(*t)))
                .unwrap_or_default();
            vec![line(
                Sureness::Counting,
                gain,
                Decimal::ZERO,
                format!("再新增1家{entity}{bound}:+{}分(本项上限{}分)", fmt(gain), fmt(item.points)),
            )]
        }
        Rule::WeightedCounts { weights, cap } => {
            let max = cap.map(|c| c.min(item.points)).unwrap_or(item.points);
            let open = max - score;
            if open <= Decimal::ZERO {
                return vec![];
            }
            weights
                .iter()
                .filter(|w| w.per > Decimal::ZERO)
                .map(|w| {
                    let gain = w.per.min(open);
                    line(Sureness::Counting, gain, Decimal::ZERO, format!("再增加1项{}:+{}分(本项上限{}分)", w.label, fmt(gain), fmt(max)))
                })
                .collect()
        }
        Rule::GrowthYears { subject, reference, reference_rate_allowed, per_year, op, unit } => {
            let Some(period) = a.subject.period() else {
                return vec![line(Sureness::Growth, open, Decimal::ZERO, format!("尚有{}分未得(请先填写创建期)", fmt(open)))];
            };
            let amount = |key: &str, year: i32| input.year_value(key, year).and_then(|v| parse_amount(v).ok());
            let growth = |key: &str, year: i32| growth_percent(amount(key, year)?, amount(key, year - 1)?);
            let reference_growth = |year: i32| {
                let published = reference_rate_allowed
                    .then(|| input.year_value(REFERENCE_RATE_KEY, year).and_then(|v| parse_growth_percent(v).ok()))
                    .flatten();
                published.or_else(|| growth(&reference.key, year))
            };
            // The years whose own growth is not known yet: what each would need. The years
            // reported: those whose reference growth is missing, and those short of it.
            let mut parts = Vec::new();
            let mut unfilled = Vec::new();
            let mut short = Vec::new();
            for year in period {
                let r = reference_growth(year);
                if let Some(g) = growth(&subject.key, year) {
                    match r {
                        Some(r) if op.holds(g, r) => {}
                        Some(r) => {
                            let (gs, rs) = pct_pair(g, r);
                            short.push(format!("{year}年增速{gs}%,未{}当年{}增速{rs}%", op_word(*op), reference.label));
                        }
                        None => unfilled.push(format!("{year}年")),
                    }
                    continue;
                }
                let Some(r) = r else {
                    parts.push(format!("{year}年{}增速需{}当年{}增速", subject.label, op_word(*op), reference.label));
                    continue;
                };
                match amount(&subject.key, year - 1) {
                    Some(prev) => {
                        let need = prev * (Decimal::ONE_HUNDRED + r) / Decimal::ONE_HUNDRED;
                        parts.push(format!(
                            "{year}年{}需{}{}{unit}(增速{}{}%)",
                            subject.label,
                            op_word(*op),
                            fmt(need.normalize()),
                            op.symbol(),
                            fmt(r)
                        ));
                    }
                    None => parts.push(format!("{year}年{}增速需{}{}%", subject.label, op.symbol(), fmt(r))),
                }
            }
            let mut lines = Vec::new();
            let mut left = open;
            if !unfilled.is_empty() {
                // Reported growth with nothing to compare it with: the reference is work to do.
                let gain = (*per_year * Decimal::from(unfilled.len() as u64)).min(left);
                left -= gain;
                lines.push(line(
                    Sureness::Growth,
                    gain,
                    Decimal::ZERO,
                    format!("填写{}的{}增速(已有{}数据,尚缺参照增速,无法比较):每年最多+{}分", unfilled.join("、"), reference.label, subject.label, fmt(*per_year)),
                ));
            }
            if !parts.is_empty() {
                let gain = (*per_year * Decimal::from(parts.len() as u64)).min(left);
                lines.push(line(Sureness::Growth, gain, Decimal::ZERO, format!("{}:每年+{}分,共+{}分", parts.join(";"), fmt(*per_year), fmt(gain))));
            } else if unfilled.is_empty() {
                // Every year of the period is reported and compared: no year is left whose growth
                // could still bring these points.
                let why = if short.is_empty() { String::new() } else { format!("{};", short.join(";")) };
                lines.push(line(
                    Sureness::Closed,
                    Decimal::ZERO,
                    Decimal::ZERO,
                    format!("创建期各年均已填报,{why}已无待报告的年份,本项其余{}分在本创建期内无法再取得", fmt(open)),
                ));
            }
            lines
        }
        Rule::PreconditionJudged { count, min_count, .. } => {
            let n = input.value(&count.key).and_then(|v| parse_count(v).ok()).unwrap_or(0);
            if n < u64::from(*min_count) {
                return vec![line(
                    Sureness::Judged,
                    open,
                    Decimal::ZERO,
                    format!("{}需至少{min_count}个(现为{n}个)后方可评分:尚有{}分未得,不作承诺", count.label, fmt(open)),
                )];
            }
            vec![judged()]
        }
        Rule::AnyOne { .. } => {
            vec![line(Sureness::Judged, open, Decimal::ZERO, format!("有1项创新实践被认定即得{}分(由评审认定,不作承诺)", fmt(open)))]
        }
        Rule::Judged { .. } => vec![judged()],
    }
}

/// `超过` for `>`, `达到` for `≥`.
fn op_word(op: Op) -> &'static str {
    match op {
        Op::Gt => "超过",
        Op::Ge => "达到",
    }
}

fn bound_text(b: &Bound) -> String {
    match b {
        Bound::Fixed(b) => format!("{}%", fmt(*b)),
        Bound::Input(f) => f.label.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::edit::{apply, Edit};
    use crate::engine::score::items::score;
    use crate::engine::view::fixtures::hangzhou;

    fn set(a: &mut Assessment, item: &str, key: &str, value: &str) {
        apply(a, &Edit::SetValue { item: item.into(), key: key.into(), value: value.into() }).unwrap();
    }

    /// The lines of one item in the example (which passes) after `f` changed it.
    fn lines_of(id: &str, f: impl Fn(&mut Assessment)) -> Vec<RaiseLine> {
        let (loaded, mut a) = hangzhou();
        f(&mut a);
        let o = score(&loaded.rubric, &a);
        let (ind, item) = loaded.rubric.items().find(|(_, i)| i.id == id).unwrap();
        item_lines(&loaded.rubric, &a, &o, ind, item)
    }

    fn texts(lines: &[RaiseLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_rate_just_below_exactly_at_and_above_a_strict_bound() {
        let below = lines_of("13.1", |a| set(a, "13.1", "verify_ontime", "94.8"));
        assert_eq!(texts(&below), ["13.1 提升网购举报按时核查率 94.8%,需>95%:需提高超过0.2个百分点:+1分"]);
        assert_eq!((below[0].sureness, below[0].gain, below[0].distance), (Sureness::Threshold, Decimal::ONE, Decimal::new(2, 1)));
        // Exactly at 95% is not more than 95%: the line says so, never +0.
        let at = lines_of("13.1", |a| set(a, "13.1", "verify_ontime", "95"));
        assert_eq!(texts(&at), ["13.1 提升网购举报按时核查率 95%,需>95%:需高于95%:+1分"]);
        assert!(lines_of("13.1", |a| set(a, "13.1", "verify_ontime", "95.01")).is_empty(), "the item has its points");
    }

    #[test]
    fn an_inclusive_bound_entered_by_the_user_and_two_conditions_at_once() {
        let at = lines_of("18.1", |a| {
            set(a, "18.1", "odr_settle", "60");
            set(a, "18.1", "odr_settle_national", "60");
            set(a, "18.1", "odr_closed_ontime", "98");
        });
        // ≥ the national mean holds at the mean; > 98% does not hold at 98%.
        assert_eq!(texts(&at), ["18.1 需2项同时达标;提升ODR单位按时办结率 98%,需>98%:需高于98%:+2分"]);
        let below = lines_of("18.1", |a| {
            set(a, "18.1", "odr_settle", "59.7");
            set(a, "18.1", "odr_settle_national", "60");
            set(a, "18.1", "odr_closed_ontime", "98.5");
        });
        assert_eq!(
            texts(&below),
            ["18.1 需2项同时达标;提升全国12315平台ODR先行和解率 59.7%,需≥60%:需提高0.3个百分点:+2分"]
        );
        let unknown = lines_of("18.1", |a| set(a, "18.1", "odr_settle_national", ""));
        assert!(unknown[0].text.contains("尚未填写(需≥全国ODR先行和解率平均值)"), "{unknown:?}");
    }

    #[test]
    fn counting_items_say_one_more_and_the_cap_and_judged_items_promise_nothing() {
        let counted = lines_of("24.1", |a| {
            for key in ["law", "regulation", "normative"] {
                set(a, "24.1", key, "");
            }
        });
        assert!(counted.iter().all(|l| l.sureness == Sureness::Counting));
        assert!(texts(&counted).contains(&"24.1 再增加1项规范性文件或标准:+1分(本项上限3分)"), "{counted:?}");
        assert!(texts(&counted).contains(&"24.1 再增加1项法规:+3分(本项上限3分)"), "{counted:?}");
        let judged = lines_of("4.1", |a| set(a, "4.1", "score", "1"));
        assert_eq!(judged.len(), 1);
        assert_eq!(judged[0].sureness, Sureness::Judged);
        assert!(judged[0].text.starts_with("4.1 尚有") && judged[0].text.ends_with("分未得(由评审评定,不作承诺)"), "{judged:?}");
    }

    #[test]
    fn a_passing_assessment_has_no_path_and_a_failing_one_lists_sure_points_first() {
        let (loaded, mut a) = hangzhou();
        let o = score(&loaded.rubric, &a);
        assert!(o.passed && raise_path(&loaded.rubric, &a, &o).is_empty());
        set(&mut a, "13.1", "verify_ontime", "94.8");
        for id in ["22.1", "23.1"] {
            apply(&mut a, &Edit::RemoveRow { item: id.into(), row: 0 }).ok();
        }
        let o = score(&loaded.rubric, &a);
        let path = raise_path(&loaded.rubric, &a, &o);
        assert!(!path.is_empty());
        for g in &path {
            assert!(g.heading.contains("还差"), "{}", g.heading);
            for d in &g.dimensions {
                let order: Vec<Sureness> = d.lines.iter().map(|l| l.sureness).collect();
                let mut sorted = order.clone();
                sorted.sort();
                assert_eq!(order, sorted, "{}: sure points first", d.name);
            }
        }
    }

    #[test]
    fn a_share_just_below_and_exactly_at_a_band_and_one_more_entity() {
        let below = lines_of("3a", |a| {
            set(a, "3a", "online", "1499");
            set(a, "3a", "total", "10000");
        });
        assert_eq!(texts(&below), ["3a 提升网络交易经营主体数占比:现为14.99%,达到15%:+1分"]);
        assert_eq!(below[0].distance, Decimal::new(1, 2));
        let at = lines_of("3a", |a| {
            set(a, "3a", "online", "1500");
            set(a, "3a", "total", "10000");
        });
        assert!(at.is_empty(), "15% reaches the top band (inclusive): {at:?}");
        let fewer = lines_of("3b", |a| {
            apply(a, &Edit::RemoveRow { item: "3b".into(), row: 0 }).unwrap();
        });
        assert_eq!(fewer.len(), 1);
        assert_eq!(fewer[0].sureness, Sureness::Counting);
        assert!(fewer[0].text.starts_with("3b 再新增1家") && fewer[0].text.contains("≥20000万元"), "{fewer:?}");
        assert!(fewer[0].text.ends_with(":+0.5分(本项上限3分)"), "{fewer:?}");
    }

    #[test]
    fn growth_items_say_what_the_years_not_yet_reported_need() {
        let (loaded, mut a) = hangzhou();
        let (ind, item) = loaded.rubric.items().find(|(_, i)| matches!(i.rule, Rule::GrowthYears { .. })).unwrap();
        let id = item.id.clone();
        let period: Vec<i32> = a.subject.period().unwrap().collect();
        let last = *period.last().unwrap();
        // The last year not reported yet; the year before it at 100, its reference rate 10%.
        let set_year = |a: &mut Assessment, series: &str, year: i32, v: &str| {
            apply(a, &Edit::SetYearValue { item: id.clone(), series: series.into(), year, value: v.into() }).unwrap();
        };
        set_year(&mut a, "subject", last, "");
        set_year(&mut a, "subject", last - 1, "100");
        set_year(&mut a, "reference_rate", last, "10");
        let o = score(&loaded.rubric, &a);
        let lines = item_lines(&loaded.rubric, &a, &o, ind, item);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].sureness, Sureness::Growth);
        assert_eq!(lines[0].text, format!("{id} {last}年创建地电子商务交易额需超过110亿元(增速>10%):每年+1分,共+1分"));
        // No period: the open points only.
        a.subject.years = None;
        let o = score(&loaded.rubric, &a);
        let lines = item_lines(&loaded.rubric, &a, &o, ind, item);
        assert!(lines[0].text.ends_with("分未得(请先填写创建期)"), "{lines:?}");
    }

    /// The first growth item of the example, and a setter of its yearly values.
    fn growth_item() -> (String, impl Fn(&mut Assessment, &str, i32, &str)) {
        let (loaded, _) = hangzhou();
        let (_, item) = loaded.rubric.items().find(|(_, i)| matches!(i.rule, Rule::GrowthYears { .. })).unwrap();
        let id = item.id.clone();
        let key = id.clone();
        (id, move |a: &mut Assessment, series: &str, year: i32, v: &str| {
            apply(a, &Edit::SetYearValue { item: key.clone(), series: series.into(), year, value: v.into() }).unwrap();
        })
    }

    #[test]
    fn a_growth_item_with_every_year_reported_says_its_points_cannot_come_any_more() {
        let (id, set_year) = growth_item();
        // The example's last year grows by exactly 10% (37520 to 41272).
        let at = |rate: &'static str| {
            lines_of(&id, |a| {
                let last = a.subject.period().unwrap().last().unwrap();
                set_year(a, "subject", last, "41272");
                set_year(a, "reference_rate", last, rate);
            })
        };
        // Just below the bound: 10% against a published 9.99% is more, the item has its points.
        assert!(at("9.99").is_empty(), "{:?}", at("9.99"));
        // At the bound: 10% is not more than 10%; no year is left to report.
        let lines = at("10");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!((lines[0].sureness, lines[0].gain), (Sureness::Closed, Decimal::ZERO));
        assert_eq!(
            lines[0].text,
            format!("{id} 创建期各年均已填报,2024年增速10.00%,未超过当年全国电子商务交易额增速10.00%;已无待报告的年份,本项其余1分在本创建期内无法再取得")
        );
        // Closed lines come after every other kind.
        assert!(Sureness::Closed > Sureness::Judged);
    }

    #[test]
    fn a_reported_year_without_its_reference_growth_asks_for_it_and_the_remaining_years_are_still_priced() {
        let (id, set_year) = growth_item();
        let lines = lines_of(&id, |a| {
            let period: Vec<i32> = a.subject.period().unwrap().collect();
            let (first, last) = (period[0], *period.last().unwrap());
            set_year(a, "reference_rate", first, "");
            set_year(a, "subject", last, "");
            set_year(a, "subject", last - 1, "100");
            set_year(a, "reference_rate", last, "10");
        });
        assert_eq!(
            texts(&lines),
            [
                format!("{id} 填写2022年的全国电子商务交易额增速(已有创建地电子商务交易额数据,尚缺参照增速,无法比较):每年最多+1分"),
                format!("{id} 2024年创建地电子商务交易额需超过110亿元(增速>10%):每年+1分,共+1分"),
            ]
        );
        assert!(lines.iter().all(|l| l.sureness == Sureness::Growth && l.gain == Decimal::ONE), "{lines:?}");
    }
}

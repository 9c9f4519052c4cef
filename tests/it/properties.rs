//! Properties of the scoring engine and the file format, over arbitrary (valid and invalid)
//! inputs: nothing panics, every score stays within its bounds, sums add up, the verdict follows
//! its conditions, and a written file reads back as the same assessment with the same outcome.

use std::collections::BTreeMap;
use std::str::FromStr;

use demozone::engine::io::file::{read_file, write_file};
use demozone::engine::model::assessment::{Assessment, Entry, ItemInput, Subject, SubjectKind};
use demozone::engine::model::evidence::{Evidence, FileFingerprint};
use demozone::engine::model::rubric::{Item, Rubric};
use demozone::engine::model::rule::{Bound, Rule};
use demozone::engine::score::items::score;
use demozone::engine::score::outcome::{ItemStatus, Outcome};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::fixtures::{bundled, d, rubric};

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// What a person (or a broken file) might put where a number is expected.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Plausible numbers: scores, rates, counts, amounts.
        (0u32..8, 0u32..10).prop_map(|(i, f)| format!("{i}.{f}")),
        (0u32..101, 0u32..100).prop_map(|(i, f)| format!("{i}.{f:02}")),
        (0u64..50).prop_map(|n| n.to_string()),
        (0u64..10_000_000_000).prop_map(|n| n.to_string()),
        // Numbers with signs, many digits, separators, full-width forms.
        "[-+]?[0-9]{0,32}(\\.[0-9]{0,32})?",
        "[0-9０-９.,,。． 　+-−]{0,14}",
        // Anything at all.
        ".{0,12}",
        any::<String>(),
        Just(String::new()),
        Just("NaN".to_string()),
        Just("1e5".to_string()),
        Just("99999999999999999999999999999".to_string()),
        Just("0.0000000000000000000000000001".to_string()),
        Just("-0".to_string()),
    ]
}

fn year_key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (2015i32..2030).prop_map(|y| y.to_string()),
        1 => "[0-9０-９]{1,5}",
        1 => ".{0,4}",
    ]
}

fn short_text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z杭州企业实践 ]{0,8}", ".{0,10}"]
}

/// The input keys a rule knows, plus a few it does not (typos in hand-edited files).
fn keys_of(rule: &Rule) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut values: Vec<String> = Vec::new();
    let mut flags: Vec<String> = Vec::new();
    let mut series: Vec<String> = Vec::new();
    match rule {
        Rule::GrowthYears { subject, reference, .. } => {
            series.extend([subject.key.clone(), reference.key.clone(), "reference_rate".into()]);
        }
        Rule::ShareBands { numerator, denominator, .. } => {
            values.extend([numerator.key.clone(), denominator.key.clone()])
        }
        Rule::PerCount { .. } | Rule::AnyOne { .. } => {}
        Rule::RateThresholds { conditions, flags: f } => {
            for c in conditions {
                values.push(c.key.clone());
                if let Bound::Input(b) = &c.bound {
                    values.push(b.key.clone());
                }
            }
            flags.extend(f.iter().map(|x| x.key.clone()));
        }
        Rule::AllOf { flags: f } => flags.extend(f.iter().map(|x| x.key.clone())),
        Rule::Judged { .. } => values.push("score".into()),
        Rule::PreconditionJudged { count, .. } => values.extend([count.key.clone(), "score".into()]),
        Rule::WeightedCounts { weights, .. } => values.extend(weights.iter().map(|w| w.key.clone())),
    }
    values.push("typo".into());
    flags.push("typo".into());
    series.push("typo".into());
    (values, flags, series)
}

fn categories_of(rule: &Rule) -> Vec<String> {
    let mut c = match rule {
        Rule::AnyOne { categories } => categories.clone(),
        _ => Vec::new(),
    };
    c.push(String::new());
    c.push("不存在的类别".into());
    c
}

fn entry_strategy(categories: Vec<String>) -> impl Strategy<Value = Entry> {
    (short_text(), year_key(), number_text(), prop::sample::select(categories), any::<bool>(), short_text()).prop_map(
        |(name, year, amount, category, accepted, note)| Entry { name, year, amount, category, accepted, note },
    )
}

fn evidence_strategy() -> impl Strategy<Value = Evidence> {
    let file = prop::option::of((short_text(), any::<u64>(), "[0-9a-f]{64}"))
        .prop_map(|f| f.map(|(name, size, sha256)| FileFingerprint { name, size, sha256 }));
    (short_text(), short_text(), short_text(), short_text(), file, any::<bool>()).prop_map(
        |(title, source, date, pages, file, checked)| Evidence { title, source, date, pages, file, checked },
    )
}

/// The input of one item, built mostly from the keys its rule knows.
fn item_input(rule: &Rule) -> BoxedStrategy<ItemInput> {
    let (values, flags, series) = keys_of(rule);
    let lists = matches!(rule, Rule::PerCount { .. } | Rule::AnyOne { .. });
    let values = prop::collection::btree_map(prop::sample::select(values), number_text(), 0..4);
    let flags = prop::collection::btree_map(prop::sample::select(flags), any::<bool>(), 0..3);
    let series = prop::collection::btree_map(
        prop::sample::select(series),
        prop::collection::btree_map(year_key(), number_text(), 0..7),
        0..4,
    );
    let entries = prop::collection::vec(entry_strategy(categories_of(rule)), if lists { 0..9 } else { 0..2 });
    let evidence = prop::collection::vec(evidence_strategy(), 0..3);
    (values, flags, series, entries, short_text(), evidence)
        .prop_map(|(values, flags, years, entries, basis, evidence)| ItemInput { values, flags, years, entries, basis, evidence })
        .boxed()
}

fn subject_strategy() -> impl Strategy<Value = Subject> {
    let mut provinces: Vec<String> = rubric().provinces().map(String::from).collect();
    provinces.extend(["".to_string(), "浙江省".to_string(), "火星".to_string()]);
    (
        prop_oneof![Just("杭州市".to_string()), short_text()],
        prop::option::weighted(0.9, prop::sample::select(SubjectKind::ALL.to_vec())),
        prop::sample::select(provinces),
        prop::option::weighted(0.9, prop_oneof![8 => 2015i32..2027, 1 => any::<i32>()]),
        prop::option::weighted(0.9, prop_oneof![8 => 0u32..6, 1 => any::<u32>()]),
    )
        .prop_map(|(name, kind, province, start_year, years)| Subject { name, kind, province, start_year, years })
}

fn assessment_strategy() -> impl Strategy<Value = Assessment> {
    let per_item: Vec<BoxedStrategy<Option<(String, ItemInput)>>> = rubric()
        .items()
        .map(|(_, it)| {
            let id = it.id.clone();
            prop::option::weighted(0.7, item_input(&it.rule).prop_map(move |inp| (id.clone(), inp))).boxed()
        })
        .collect();
    let unknown = prop::collection::vec(("[0-9]{1,2}\\.[0-9]|.{0,4}", item_input(&Rule::Judged { decimals: 1 })), 0..2);
    (prop_oneof![Just(String::new()), "[0-9a-f]{8}"], subject_strategy(), per_item, unknown).prop_map(
        |(id, subject, items, unknown)| {
            let mut inputs: BTreeMap<String, ItemInput> = items.into_iter().flatten().collect();
            for (k, v) in unknown {
                inputs.entry(k).or_insert(v);
            }
            Assessment { id, subject, inputs, ..Default::default() }
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Invariants of every outcome
// ---------------------------------------------------------------------------------------------

fn check_outcome(r: &Rubric, o: &Outcome) -> Result<(), TestCaseError> {
    let zero = Decimal::ZERO;
    prop_assert_eq!(o.indicators.len(), 25);
    for ind in &o.indicators {
        let spec = r.indicator(ind.number).unwrap();
        prop_assert!(ind.score >= zero && ind.score <= spec.points, "indicator {} scored {}", ind.number, ind.score);
        prop_assert!(ind.score <= ind.achievable, "indicator {} above achievable", ind.number);
        prop_assert_eq!(ind.max, spec.points);
        for (it, item_spec) in ind.items.iter().zip(&spec.items) {
            prop_assert_eq!(&it.id, &item_spec.id);
            prop_assert!(it.score >= zero && it.score <= item_spec.points, "item {} scored {}", it.id, it.score);
            // Scores keep at most two decimals.
            prop_assert!(it.score.normalize().scale() <= 2, "item {} scored {}", it.id, it.score);
            let invalid = o.problems.iter().any(|p| p.is_error() && p.location.item.as_deref() == Some(it.id.as_str()));
            prop_assert_eq!(invalid, it.status == ItemStatus::Invalid, "item {} status {:?}", it.id, it.status);
        }
        let items_sum: Decimal = ind.items.iter().map(|i| i.score).sum();
        prop_assert_eq!(ind.score, items_sum.min(spec.points));
    }
    let ind = |n: u32| o.indicator(n).unwrap().score;
    prop_assert!(ind(3) <= d("5"));
    prop_assert!(ind(24) <= d("3"));
    prop_assert!(o.item("25.2").unwrap().score <= d("1.5"));
    prop_assert!(ind(25) <= d("4"));
    prop_assert!(o.item("3b").unwrap().score <= d("3"));

    let dims_sum: Decimal = o.dimensions.iter().map(|x| x.score).sum();
    let inds_sum: Decimal = o.indicators.iter().map(|x| x.score).sum();
    prop_assert_eq!(o.total, dims_sum);
    prop_assert_eq!(o.total, inds_sum);
    prop_assert!(o.total <= o.achievable && o.achievable == d("99") && o.max == d("100"));

    for dim in &o.dimensions {
        let spec = r.dimensions.iter().find(|x| x.id == dim.id).unwrap();
        let own: Decimal = spec.indicators.iter().map(|i| o.indicator(i.number).unwrap().score).sum();
        prop_assert_eq!(dim.score, own);
        prop_assert_eq!(dim.max, spec.points);
        prop_assert_eq!(dim.rate, dim.score / dim.max);
        // score / 30 does not terminate: rate × max equals the score up to the 28-digit precision.
        prop_assert!((dim.rate * dim.max - dim.score).abs() < d("0.00000000000000000001"), "{:?}", dim);
        let cond = o.conditions.iter().find(|c| c.id == dim.id).unwrap();
        prop_assert_eq!(dim.passed, cond.met);
        prop_assert_eq!(cond.required, r.pass_rule.min_dimension_rate * dim.max);
        // The display is truncated: it never shows the bound for a rate below it.
        let shown = Decimal::from_str(&dim.rate_display()).unwrap();
        prop_assert!(shown <= dim.rate * Decimal::ONE_HUNDRED);
        prop_assert!(!dim.passed || shown >= d("80"));
        prop_assert!(dim.passed || shown < d("80"));
    }
    prop_assert_eq!(o.conditions.len(), 1 + o.dimensions.len());
    for c in &o.conditions {
        prop_assert_eq!(c.met, c.actual >= c.required);
        prop_assert_eq!(c.missing, if c.met { zero } else { c.required - c.actual });
    }
    prop_assert_eq!(o.passed, o.conditions.iter().all(|c| c.met));
    let total_cond = o.conditions.iter().find(|c| c.id == "total").unwrap();
    prop_assert_eq!(total_cond.actual, o.total);
    for p in &o.problems {
        prop_assert!(p.message.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{:?}", p);
        prop_assert!(!p.location.to_string().is_empty());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    // Debug builds on a shared machine: enough cases to find what breaks, few enough to stay quick.
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn scoring_never_panics_and_keeps_every_bound(a in assessment_strategy()) {
        let o = score(rubric(), &a);
        check_outcome(rubric(), &o)?;
    }

    #[test]
    fn judged_scores_valid_and_invalid(
        idx in 0usize..36,
        tenths in 0u32..80,
        raw in number_text(),
    ) {
        let judged: Vec<(u32, &Item)> = rubric()
            .items()
            .filter(|(_, it)| matches!(it.rule, Rule::Judged { .. }))
            .map(|(ind, it)| (ind.number, it))
            .collect();
        let (number, item) = judged[idx % judged.len()];
        let subject = Subject { name: "杭州市".into(), kind: Some(SubjectKind::SubProvincialCity), province: "浙江".into(), start_year: Some(2022), years: Some(3) };
        let mut a = Assessment { subject, ..Default::default() };
        // A one-decimal score: valid up to the item's points, an error above.
        let s = Decimal::new(i64::from(tenths), 1);
        a.input_mut(&item.id).values.insert("score".into(), s.to_string());
        let o = score(rubric(), &a);
        check_outcome(rubric(), &o)?;
        if s <= item.points {
            prop_assert!(o.problems.is_empty(), "{:?}", o.problems);
            prop_assert_eq!(o.item(&item.id).unwrap().score, s);
        } else {
            prop_assert_eq!(o.problems.len(), 1);
            let p = &o.problems[0];
            prop_assert_eq!(p.location.indicator, Some(number));
            prop_assert_eq!(p.location.item.as_deref(), Some(item.id.as_str()));
            prop_assert_eq!(p.location.field.as_deref(), Some("评分"));
            prop_assert!(p.message.contains("超过本项满分"));
            prop_assert_eq!(o.item(&item.id).unwrap().score, Decimal::ZERO);
        }
        // Anything typed: either an error on this item or a valid score that counts as typed.
        a.input_mut(&item.id).values.insert("score".into(), raw.clone());
        let o = score(rubric(), &a);
        check_outcome(rubric(), &o)?;
        let got = o.item(&item.id).unwrap();
        if raw.trim().is_empty() {
            prop_assert!(o.problems.is_empty());
            prop_assert_eq!(got.score, Decimal::ZERO);
        } else if o.problems.is_empty() {
            prop_assert_eq!(got.status, ItemStatus::Complete);
            prop_assert!(got.score <= item.points && got.score.normalize().scale() <= 1);
        } else {
            prop_assert_eq!(o.problems.len(), 1);
            prop_assert_eq!(got.status, ItemStatus::Invalid);
            prop_assert_eq!(got.score, Decimal::ZERO);
            prop_assert_eq!(o.problems[0].location.item.as_deref(), Some(item.id.as_str()));
        }
    }

    #[test]
    fn read_file_never_panics_on_arbitrary_text(text in prop_oneof![
        any::<String>(),
        "[{}\\[\\]\":,0-9a-z_ .-]{0,60}",
        "\\{\"format\":\"demozone-assessment\",\"format_version\":[0-9]{1,3}.{0,40}",
    ]) {
        if let Ok(opened) = read_file(&text, &[bundled()]) {
            check_outcome(rubric(), &opened.outcome)?;
        }
    }

}

proptest! {
    // Each case writes and reads a whole file.
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn write_then_read_gives_the_same_assessment_and_outcome(a in assessment_strategy()) {
        let text = write_file(bundled(), &a, "2025-11-01T09:00:00+08:00");
        let opened = read_file(&text, &[bundled()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut pruned = a.clone();
        pruned.prune();
        prop_assert_eq!(&opened.file.assessment, &pruned);
        prop_assert_eq!(&opened.outcome, &score(rubric(), &pruned));
        prop_assert!(opened.recorded_differences.is_empty(), "{:?}", opened.recorded_differences);
        prop_assert_eq!(opened.rubric_index, 0);
        // Pruning only drops what was never entered: the scores are the same as before.
        let before = score(rubric(), &a);
        prop_assert_eq!(before.total, opened.outcome.total);
        prop_assert_eq!(before.passed, opened.outcome.passed);
        // Writing what was read gives the same text.
        prop_assert_eq!(write_file(bundled(), &opened.file.assessment, "2025-11-01T09:00:00+08:00"), text);
    }

    #[test]
    fn read_file_never_panics_on_mutated_text(
        a in assessment_strategy(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..12, ".{0,6}"), 1..4),
    ) {
        let mut text = write_file(bundled(), &a, "2025-11-01T09:00:00+08:00");
        for (at, len, insert) in cuts {
            let chars: Vec<char> = text.chars().collect();
            let start = at.index(chars.len().max(1)).min(chars.len());
            let end = (start + len).min(chars.len());
            text = chars[..start].iter().collect::<String>() + &insert + &chars[end..].iter().collect::<String>();
        }
        if let Ok(opened) = read_file(&text, &[bundled()]) {
            check_outcome(rubric(), &opened.outcome)?;
        }
    }

    #[test]
    fn read_file_never_panics_on_mutated_values(
        a in assessment_strategy(),
        path in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
        replacement in json_value(),
    ) {
        let text = write_file(bundled(), &a, "2025-11-01T09:00:00+08:00");
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        replace_at(&mut value, &path, replacement);
        let mutated = serde_json::to_string(&value).unwrap();
        match read_file(&mutated, &[bundled()]) {
            Ok(opened) => {
                check_outcome(rubric(), &opened.outcome)?;
                // Whatever the file records, the outcome is recomputed from the inputs.
                prop_assert_eq!(&opened.outcome, &score(rubric(), &opened.file.assessment));
            }
            Err(e) => prop_assert!(e.message.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{e}"),
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        number_text().prop_map(Value::String),
        Just(Value::String("99".into())),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_0-9.]{0,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value found by walking `path` (each step picks a member or element).
fn replace_at(v: &mut serde_json::Value, path: &[prop::sample::Index], new: serde_json::Value) {
    use serde_json::Value;
    let Some((step, rest)) = path.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            let key = m.keys().nth(step.index(m.len())).unwrap().clone();
            if rest.is_empty() {
                m.insert(key, new);
            } else {
                replace_at(m.get_mut(&key).unwrap(), rest, new);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = step.index(a.len());
            replace_at(&mut a[i], rest, new);
        }
        _ => *v = new,
    }
}

//! The bundled rubric data file (`rubrics/samr-2025-10-29-draft.json`) against the seed and
//! docs/reading-the-rubric.md.

use std::collections::BTreeSet;

use demozone::engine::model::rubric::{Nature, SumRule, BUNDLED_RUBRIC_JSON};
use demozone::engine::model::rule::{Bound, Op, Rule};
use demozone::engine::rubric::check::validate_rubric;
use demozone::engine::rubric::load::{load_rubric, LoadedRubric};
use rust_decimal::Decimal;

use super::fixtures::d;

#[test]
fn bundled_json_parses_and_matches_bundled() {
    let parsed = load_rubric(BUNDLED_RUBRIC_JSON).map(|l| l.rubric).expect("bundled rubric parses");
    assert_eq!(parsed, LoadedRubric::bundled().rubric);
}

#[test]
fn bundled_json_is_formatted_as_agreed() {
    assert!(!BUNDLED_RUBRIC_JSON.contains('\r'), "LF line endings");
    assert!(BUNDLED_RUBRIC_JSON.starts_with("{\n  \"id\": "), "2-space pretty printing");
    // Decimals are strings: no JSON number may appear as a points/per/from/score/cap value.
    let value: serde_json::Value = serde_json::from_str(BUNDLED_RUBRIC_JSON).unwrap();
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if x.is_number() {
                        assert!(
                            matches!(k.as_str(), "number" | "decimals" | "min_count" | "max_creation_years" | "notice_days"),
                            "{path}.{k} is a JSON number; decimals must be strings"
                        );
                    }
                    walk(x, &format!("{path}.{k}"));
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }
    walk(&value, "$");
}

#[test]
fn bundled_rubric_validates() {
    assert_eq!(validate_rubric(&LoadedRubric::bundled().rubric), Ok(()));
}

#[test]
fn serialization_round_trips() {
    let r = LoadedRubric::bundled().rubric;
    let text = serde_json::to_string_pretty(&r).unwrap();
    assert_eq!(load_rubric(&text).map(|l| l.rubric).unwrap(), r);
}

#[test]
fn header_source_pass_rule_and_process() {
    let r = LoadedRubric::bundled().rubric;
    assert_eq!(r.id, "samr-demozone-indicators");
    assert_eq!(r.version, "2025-10-29-draft");
    assert_eq!(r.title, "网络市场监管与服务示范区创建评估指标体系(征求意见稿)");
    assert_eq!(r.source.document, "《网络市场监管与服务示范区创建管理办法》附件");
    assert_eq!(r.source.date, "2025-10-29");
    assert_eq!(r.source.status, "征求意见稿");
    assert_eq!(r.source.reading, "docs/reading-the-rubric.md");
    assert_eq!(r.pass_rule.min_total, d("85"));
    assert_eq!(r.pass_rule.min_dimension_rate, d("0.8"));
    assert_eq!(r.pass_rule.text, "本评估指标体系合格标准为:总分≧85分,且每个一级指标得分率≧80%。");
    assert_eq!(r.process.max_creation_years, 3);
    assert_eq!(r.process.notice_days, 15);
}

#[test]
fn four_dimensions_totalling_100() {
    let r = LoadedRubric::bundled().rubric;
    let dims: Vec<(&str, &str, Decimal)> = r.dimensions.iter().map(|d| (d.id.as_str(), d.name.as_str(), d.points)).collect();
    assert_eq!(
        dims,
        vec![
            ("D1", "促进发展", d("20")),
            ("D2", "规范监管", d("30")),
            ("D3", "优化服务", d("30")),
            ("D4", "探索创新", d("20")),
        ]
    );
    assert_eq!(r.total_points(), d("100"));
    let ranges = [(1, 5), (6, 13), (14, 21), (22, 25)];
    for (d, (lo, hi)) in r.dimensions.iter().zip(ranges) {
        let numbers: Vec<u32> = d.indicators.iter().map(|i| i.number).collect();
        assert_eq!(numbers, (lo..=hi).collect::<Vec<u32>>(), "{}", d.name);
    }
}

#[test]
fn indicators_numbered_1_to_25_in_order_with_seed_points() {
    let r = LoadedRubric::bundled().rubric;
    let numbers: Vec<u32> = r.indicators().map(|i| i.number).collect();
    assert_eq!(numbers, (1..=25).collect::<Vec<u32>>());
    let expected = [3, 3, 5, 5, 4, 5, 5, 5, 3, 3, 3, 3, 3, 6, 3, 2, 2, 2, 6, 6, 3, 6, 6, 4, 4];
    for (ind, pts) in r.indicators().zip(expected) {
        assert_eq!(ind.points, Decimal::from(pts), "indicator {}", ind.number);
    }
}

#[test]
fn sum_rules() {
    let r = LoadedRubric::bundled().rubric;
    for ind in r.indicators() {
        let expected = if [3, 24, 25].contains(&ind.number) { SumRule::Capped } else { SumRule::Equal };
        assert_eq!(ind.sum, expected, "indicator {}", ind.number);
    }
}

#[test]
fn item_ids_points_and_rule_kinds() {
    let r = LoadedRubric::bundled().rubric;
    let expected: Vec<(&str, &str, &str)> = vec![
        ("1", "3", "growth_years"),
        ("2", "3", "growth_years"),
        ("3a", "3", "share_bands"),
        ("3b", "3", "per_count"),
        ("4.1", "2", "judged"),
        ("4.2", "2", "judged"),
        ("4.3", "1", "judged"),
        ("5.1", "2", "judged"),
        ("5.2", "1", "judged"),
        ("5.3", "1", "judged"),
        ("6.1", "2", "judged"),
        ("6.2", "2", "judged"),
        ("6.3", "1", "judged"),
        ("7.1", "1.5", "judged"),
        ("7.2", "1.5", "judged"),
        ("7.3", "1", "judged"),
        ("7.4", "1", "judged"),
        ("8.1", "1.5", "judged"),
        ("8.2", "2", "judged"),
        ("8.3", "1.5", "judged"),
        ("9.1", "3", "judged"),
        ("10.1", "1", "judged"),
        ("10.2", "1", "judged"),
        ("10.3", "1", "judged"),
        ("11.1", "1", "judged"),
        ("11.2", "1", "judged"),
        ("11.3", "1", "judged"),
        ("12.1", "1", "judged"),
        ("12.2", "1", "judged"),
        ("12.3", "1", "all_of"),
        ("13.1", "1", "rate_thresholds"),
        ("13.2", "1", "rate_thresholds"),
        ("13.3", "1", "rate_thresholds"),
        ("14.1", "2", "judged"),
        ("14.2", "2", "judged"),
        ("14.3", "2", "judged"),
        ("15.1", "3", "judged"),
        ("16.1", "2", "judged"),
        ("17.1", "2", "rate_thresholds"),
        ("18.1", "2", "rate_thresholds"),
        ("19.1", "6", "precondition_judged"),
        ("20.1", "2", "judged"),
        ("20.2", "2", "judged"),
        ("20.3", "2", "judged"),
        ("21.1", "1", "judged"),
        ("21.2", "1", "judged"),
        ("21.3", "1", "judged"),
        ("22.1", "6", "any_one"),
        ("23.1", "6", "any_one"),
        ("24.1", "3", "weighted_counts"),
        ("25.1", "4", "weighted_counts"),
        ("25.2", "1.5", "weighted_counts"),
    ];
    let actual: Vec<(String, Decimal, &str)> = r.items().map(|(_, it)| (it.id.clone(), it.points, it.rule.kind())).collect();
    let expected: Vec<(String, Decimal, &str)> = expected.into_iter().map(|(id, p, k)| (id.to_string(), d(p), k)).collect();
    assert_eq!(actual, expected);
    // Items belong to the indicator their id names.
    for (ind, it) in r.items() {
        let prefix = it.id.split(['.', 'a', 'b']).next().unwrap();
        assert_eq!(prefix, ind.number.to_string(), "item {}", it.id);
    }
}

#[test]
fn judged_items_allow_one_decimal() {
    let r = LoadedRubric::bundled().rubric;
    for (ind, it) in r.items() {
        match &it.rule {
            Rule::Judged { decimals } => assert_eq!(*decimals, 1, "item {}", it.id),
            Rule::PreconditionJudged { count, min_count, decimals } => {
                assert_eq!(ind.number, 19);
                assert_eq!(count.key, "sectors");
                assert_eq!(*min_count, 5);
                assert_eq!(*decimals, 1);
            }
            _ => {}
        }
    }
}

#[test]
fn rule_parameters_of_data_driven_items() {
    let r = LoadedRubric::bundled().rubric;
    let item = |id: &str| r.items().find(|(_, it)| it.id == id).map(|(_, it)| it.rule.clone()).unwrap();

    match item("1") {
        Rule::GrowthYears { subject, reference, reference_rate_allowed, per_year, op, unit } => {
            assert_eq!((subject.key.as_str(), reference.key.as_str()), ("subject", "reference"));
            assert!(reference_rate_allowed);
            assert_eq!((per_year, op, unit.as_str()), (d("1"), Op::Gt, "亿元"));
        }
        other => panic!("{other:?}"),
    }
    match item("2") {
        Rule::GrowthYears { reference_rate_allowed, per_year, op, .. } => {
            assert!(!reference_rate_allowed);
            assert_eq!((per_year, op), (d("1"), Op::Gt));
        }
        other => panic!("{other:?}"),
    }
    match item("3a") {
        Rule::ShareBands { numerator, denominator, bands } => {
            assert_eq!((numerator.key.as_str(), denominator.key.as_str()), ("online", "total"));
            let b: Vec<(Decimal, Decimal)> = bands.iter().map(|b| (b.from, b.score)).collect();
            assert_eq!(b, vec![(d("6"), d("1")), (d("10"), d("2")), (d("15"), d("3"))]);
        }
        other => panic!("{other:?}"),
    }
    match item("3b") {
        Rule::PerCount { amount, per, thresholds, unit, .. } => {
            assert_eq!(amount.key, "amount");
            assert_eq!(per, d("0.5"));
            assert_eq!(unit, "万元");
            let t: Vec<(&str, Decimal)> = thresholds.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            assert_eq!(
                t,
                vec![("central", d("10000")), ("east", d("20000")), ("northeast", d("5000")), ("west", d("5000"))]
            );
        }
        other => panic!("{other:?}"),
    }
    let conds = |id: &str| match item(id) {
        Rule::RateThresholds { conditions, flags } => (
            conditions
                .iter()
                .map(|c| {
                    let bound = match &c.bound {
                        Bound::Fixed(d) => d.to_string(),
                        Bound::Input(f) => format!("input:{}", f.key),
                    };
                    (c.key.clone(), c.op, bound)
                })
                .collect::<Vec<_>>(),
            flags.iter().map(|f| f.key.clone()).collect::<Vec<_>>(),
        ),
        other => panic!("{other:?}"),
    };
    let s = |x: &str| x.to_string();
    assert_eq!(conds("13.1"), (vec![(s("verify_ontime"), Op::Gt, s("95"))], vec![]));
    assert_eq!(
        conds("13.2"),
        (vec![(s("clue_timely"), Op::Gt, s("90")), (s("clue_done"), Op::Gt, s("90"))], vec![])
    );
    assert_eq!(
        conds("13.3"),
        (vec![(s("upheld"), Op::Gt, s("95")), (s("won"), Op::Gt, s("95"))], vec![s("no_procedural_loss")])
    );
    assert_eq!(
        conds("17.1"),
        (
            vec![
                (s("first_check_ontime"), Op::Gt, s("99")),
                (s("closed_ontime"), Op::Gt, s("99")),
                (s("mediation"), Op::Gt, s("input:mediation_national")),
            ],
            vec![]
        )
    );
    assert_eq!(
        conds("18.1"),
        (
            vec![(s("odr_settle"), Op::Ge, s("input:odr_settle_national")), (s("odr_closed_ontime"), Op::Gt, s("98"))],
            vec![]
        )
    );
    match item("12.3") {
        Rule::AllOf { flags } => assert_eq!(flags.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), vec!["no_major_case"]),
        other => panic!("{other:?}"),
    }
    for id in ["22.1", "23.1"] {
        match item(id) {
            Rule::AnyOne { categories } => assert_eq!(categories.len(), 3, "{id}"),
            other => panic!("{other:?}"),
        }
    }
    let weights = |id: &str| match item(id) {
        Rule::WeightedCounts { weights, cap } => {
            (weights.iter().map(|w| (w.key.clone(), w.per)).collect::<Vec<_>>(), cap)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        weights("24.1"),
        (vec![(s("law"), d("3")), (s("regulation"), d("2")), (s("normative"), d("1"))], Some(d("3")))
    );
    assert_eq!(
        weights("25.1"),
        (
            vec![
                (s("commendation"), d("1.5")),
                (s("instruction"), d("1.5")),
                (s("typical"), d("1.5")),
                (s("meeting"), d("0.5")),
                (s("bulletin"), d("0.5")),
            ],
            None
        )
    );
    assert_eq!(
        weights("25.2"),
        (vec![(s("central_media"), d("1")), (s("provincial_media"), d("0.5"))], Some(d("1.5")))
    );
}

#[test]
fn texts_natures_methods_sources() {
    let r = LoadedRubric::bundled().rubric;
    for ind in r.indicators() {
        assert!(!ind.title.is_empty() && !ind.title.contains("分)"), "indicator {} title {}", ind.number, ind.title);
        assert!(!ind.description.is_empty(), "indicator {}", ind.number);
        assert!(!ind.methods.is_empty() && ind.methods.iter().all(|m| !m.is_empty() && !m.ends_with('。')));
        assert!(ind.methods.contains(&"资料审查".to_string()), "indicator {}", ind.number);
        assert!(ind.sources.contains(&"创建对象提供".to_string()), "indicator {}", ind.number);
        assert!(ind.sources.iter().all(|s| !s.ends_with('。') && !s.ends_with(';')));
        for it in &ind.items {
            assert!(!it.text.is_empty(), "item {}", it.id);
            assert!(!it.text.contains(&format!("({}分)", it.points)), "item {} text keeps its points", it.id);
        }
        let nature = match ind.number {
            1 | 2 | 3 | 13 | 17 | 18 => Nature::Quantitative,
            19 => Nature::Mixed,
            _ => Nature::Qualitative,
        };
        assert_eq!(ind.nature, nature, "indicator {}", ind.number);
    }
    let one = r.indicator(1).unwrap();
    assert_eq!(one.title, "创建地电子商务交易额同比增速。");
    assert_eq!(one.methods, vec!["数据比对", "资料审查"]);
    assert_eq!(one.sources, vec!["国家统计局官网", "创建对象提供"]);
    assert!(one.description.contains("电子商务交易额同比增速=(当年电子商务交易额/上一年度电子商务交易额-1)*100%。"));
    for n in [22, 23] {
        assert!(r.indicator(n).unwrap().description.ends_with("符合一项即可得分。"), "indicator {n}");
    }
    assert_eq!(r.indicator(7).unwrap().description.matches("分)").count(), 4);
}

#[test]
fn readings_where_the_reading_doc_decides() {
    let r = LoadedRubric::bundled().rubric;
    let with_reading: BTreeSet<u32> = r.indicators().filter(|i| !i.reading.is_empty()).map(|i| i.number).collect();
    assert_eq!(with_reading, BTreeSet::from([1, 2, 3, 12, 13, 17, 18, 19, 22, 23, 24, 25]));
    assert_eq!(
        r.indicator(24).unwrap().reading,
        "按本产品的解读,本项最高得3分(原文\"最高分3分\"),虽然指标分值为4分,因此全部指标实际最高可得99分。"
    );
    for ind in r.indicators().filter(|i| !i.reading.is_empty()) {
        assert!(ind.reading.starts_with("按本产品的解读,") && ind.reading.ends_with('。'), "indicator {}", ind.number);
    }
}

#[test]
fn regions_as_in_the_reading_doc() {
    let r = LoadedRubric::bundled().rubric;
    let regions: Vec<(&str, &str, Vec<&str>)> =
        r.regions.iter().map(|g| (g.id.as_str(), g.name.as_str(), g.provinces.iter().map(|p| p.as_str()).collect())).collect();
    assert_eq!(
        regions,
        vec![
            ("east", "东部", vec!["北京", "天津", "河北", "上海", "江苏", "浙江", "福建", "山东", "广东", "海南"]),
            ("central", "中部", vec!["山西", "安徽", "江西", "河南", "湖北", "湖南"]),
            (
                "west",
                "西部",
                vec!["内蒙古", "广西", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "新疆生产建设兵团"]
            ),
            ("northeast", "东北", vec!["辽宁", "吉林", "黑龙江"]),
        ]
    );
    let all: Vec<&str> = r.provinces().collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(all.len(), 32, "31 provinces + 新疆生产建设兵团");
    assert_eq!(unique.len(), 32, "each in exactly one region");
    assert_eq!(r.region_of("新疆生产建设兵团").unwrap().id, "west");
    assert_eq!(r.region_of("浙江").unwrap().id, "east");
    assert_eq!(r.region_of("黑龙江").unwrap().id, "northeast");
    assert!(r.region_of("台湾").is_none());
}

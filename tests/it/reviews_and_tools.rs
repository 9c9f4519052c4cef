//! Review layers, expert panel, province ranking and version diff, through the public
//! engine API: files written and read back, reviews validated, panel means rounded half up,
//! refusals, ranking order and duplicates, CSV/xlsx exports with hostile texts, version diff.

use demozone::engine::io::file::{read_file, write_file, AssessmentFile};
use demozone::engine::model::assessment::{Assessment, Entry, Subject, SubjectKind};
use demozone::engine::model::review::{Method, Review, ReviewRole, Reviewer};
use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::score::outcome::ItemStatus;
use demozone::engine::score::panel::{merge_panel, merge_panel_labelled};
use demozone::engine::score::ranking::{DuplicateReason, RankEntry, Ranking, SortKey, SortOrder};
use demozone::engine::score::review::{score_review, DiffScope};
use demozone::engine::view::version_diff::diff_opened;
use rust_decimal::Decimal;

use super::fixtures::{d, subject};

const SAVED_AT: &str = "2025-11-03T09:30:00+08:00";

/// A 地级市 with the creation period 2022–2024.
fn city(name: &str, province: &str) -> Subject {
    subject(name, SubjectKind::PrefectureCity, province, 2022, 3)
}

/// A self-assessment with a few judged items, a growth series and a practice.
fn self_layer() -> Assessment {
    let mut a = Assessment { id: "7f3a9c21".into(), subject: city("湖州市", "浙江"), ..Default::default() };
    for (item, score) in [("4.1", "2"), ("4.2", "1.5"), ("4.3", "1"), ("9.1", "2.5"), ("15.1", "3")] {
        a.input_mut(item).values.insert("score".into(), score.into());
    }
    a.input_mut("4.1").basis = "见附件1:人工智能应用案例汇编".into();
    let s = a.input_mut("1").years.entry("subject".into()).or_default();
    s.insert("2021".into(), "1000".into());
    s.insert("2022".into(), "1100".into());
    a.input_mut("22.1").entries.push(Entry { name: "直播电商沙盒监管".into(), accepted: true, ..Default::default() });
    a
}

fn province_review() -> Review {
    let mut r = Review::new(
        ReviewRole::Province,
        Reviewer { name: "王五".into(), unit: "浙江省市场监督管理局".into() },
        "2025-11-10",
    );
    r.item_mut("4.1").score = "1.5".into();
    r.item_mut("4.1").comment = "案例材料不完整,“验证新技术”部分缺少佐证".into();
    r.item_mut("4.1").method = Some(Method::DocumentReview);
    r.item_mut("9.1").score = "2.5".into();
    r.item_mut("9.1").method = Some(Method::SiteInspection);
    r.opinion = "材料基本齐全,初审合格,同意报送。".into();
    r
}

fn expert_review(name: &str, scores: &[(&str, &str)]) -> Review {
    let mut r = Review::new(ReviewRole::Expert, Reviewer { name: name.into(), unit: "某大学".into() }, "2025-12-01");
    for (id, s) in scores {
        r.item_mut(id).score = s.to_string();
        r.item_mut(id).method = Some(Method::ExpertEvaluation);
    }
    r.opinion = "建议通过".into();
    r
}

fn open(text: &str, l: &LoadedRubric) -> demozone::engine::io::file::Opened {
    read_file(text, &[l]).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_file_with_all_three_layers_reads_back_identical() {
    let l = LoadedRubric::bundled();
    let mut a = self_layer();
    a.reviews.push(province_review());
    a.reviews.push(expert_review("张三", &[("4.1", "1.75"), ("9.1", "2")]));
    let text = write_file(&l, &a, SAVED_AT);
    assert!(text.contains("\"reviews\""));
    assert!(text.contains("\"role\": \"province\""));
    assert!(text.contains("\"method\": \"site_inspection\""));
    let opened = open(&text, &l);
    assert_eq!(opened.file.assessment, a);
    assert!(opened.recorded_differences.is_empty());
    // Writing what was read gives the same bytes.
    assert_eq!(write_file(&l, &opened.file.assessment, SAVED_AT), text);
    // The self layer's score does not depend on the review layers.
    let mut bare = a.clone();
    bare.reviews.clear();
    assert_eq!(open(&write_file(&l, &bare, SAVED_AT), &l).outcome.total, opened.outcome.total);

    // Every layer scores and compares.
    let prov = score_review(&l.rubric, &a.reviews[0]);
    assert!(!prov.has_errors(), "{:?}", prov.problems);
    assert_eq!(prov.item("4.1").unwrap().score, d("1.5"));
    let diffs = demozone::engine::score::review::compare_layers(&opened.outcome, &prov);
    assert!(diffs.iter().any(|x| x.scope == DiffScope::Item { indicator: 4, id: "4.1".into() } && x.delta() == d("-0.5")));
    // Items the province did not score count 0 for the province: they show as differences.
    assert!(diffs.iter().any(|x| x.scope == DiffScope::Indicator { number: 15 } && x.right.is_zero()));
}

#[test]
fn unknown_keys_in_a_review_are_refused_with_their_place() {
    let l = LoadedRubric::bundled();
    let mut a = self_layer();
    a.reviews.push(province_review());
    let text = write_file(&l, &a, SAVED_AT).replace("\"opinion\":", "\"opinon\":");
    let err = read_file(&text, &[&l]).unwrap_err();
    assert!(err.to_string().contains("reviews[0]"), "{err}");
    let text = write_file(&l, &a, SAVED_AT).replace("\"document_review\"", "\"hearsay\"");
    assert!(read_file(&text, &[&l]).is_err());
}

#[test]
fn review_scores_are_validated_on_the_item() {
    let l = LoadedRubric::bundled();
    let mut r = expert_review("张三", &[("4.1", "2.01"), ("4.2", "1.333"), ("4.3", "-0.5"), ("5.1", "2"), ("5.2", "0.25")]);
    r.item_mut("5.3").comment = "未见材料".into();
    let o = score_review(&l.rubric, &r);
    let errors: Vec<_> = o.problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    let at = |id: &str| errors.iter().find(|p| p.location.item.as_deref() == Some(id)).unwrap();
    assert!(at("4.1").message.contains("超过本项满分2"), "{}", at("4.1").message);
    assert!(at("4.2").message.contains("最多保留2位小数"), "{}", at("4.2").message);
    assert!(at("4.3").message.contains("不能为负数"), "{}", at("4.3").message);
    assert_eq!(at("4.1").location.indicator, Some(4));
    assert_eq!(at("4.1").location.field.as_deref(), Some("专家评估评分"));
    assert!(at("4.1").to_string().contains("指标4 第4.1项"));
    assert_eq!(o.indicator(4).unwrap().score, Decimal::ZERO);
    assert_eq!(o.indicator(5).unwrap().score, d("2.25"));
    assert_eq!(o.item("5.3").unwrap().status, ItemStatus::Incomplete);
    assert_eq!(o.item("5.1").unwrap().status, ItemStatus::Complete);
}

fn sheet(l: &LoadedRubric, expert: &str, scores: &[(&str, &str)]) -> AssessmentFile {
    let mut a = self_layer();
    a.reviews.push(province_review());
    a.reviews.push(expert_review(expert, scores));
    // As sent back by email: written, then read.
    open(&write_file(l, &a, SAVED_AT), l).file
}

#[test]
fn panel_means_are_rounded_half_up_per_indicator_and_summed() {
    let l = LoadedRubric::bundled();
    let a = sheet(&l, "甲", &[("9.1", "1.5"), ("15.1", "2.34"), ("16.1", "1.01"), ("4.1", "2"), ("4.2", "1")]);
    let b = sheet(&l, "乙", &[("9.1", "1.5"), ("15.1", "2.35"), ("16.1", "1"), ("4.1", "2"), ("4.2", "2")]);
    let c = sheet(&l, "丙", &[("9.1", "1.6"), ("15.1", "2.35"), ("16.1", "1"), ("4.1", "1.5"), ("4.2", "2")]);

    let three = merge_panel(&l, &[a.sheet(), b.sheet(), c.sheet()]).unwrap();
    assert_eq!(three.experts.len(), 3);
    let i9 = three.indicator(9).unwrap();
    assert_eq!(i9.scores, vec![d("1.5"), d("1.5"), d("1.6")]);
    assert_eq!(i9.mean, d("1.53"));
    // Indicator 4 = items 4.1 + 4.2 per expert: 3, 4, 3.5 → 3.5 exactly.
    assert_eq!(three.indicator(4).unwrap().mean, d("3.5"));
    // 15: 7.04 / 3 → 2.35; 16: 3.01 / 3 → 1.00.
    assert_eq!(three.indicator(15).unwrap().mean, d("2.35"));
    assert_eq!(three.indicator(16).unwrap().mean, d("1.00"));
    // Total = sum of the rounded indicator means, not the rounded sum of exact means
    // (exact: 3.5 + 1.5333… + 2.3466… + 1.0033… = 8.3833… → 8.38; rounded means: 8.38 too here,
    // so check the dimension that shows the difference below with two experts).
    let sum: Decimal = three.indicators.iter().map(|i| i.mean).sum();
    assert_eq!(three.outcome.total, sum);
    assert_eq!(three.outcome.total, d("8.38"));
    assert!(!three.outcome.passed);
    assert_eq!(three.outcome.dimensions.iter().map(|x| x.score).sum::<Decimal>(), three.outcome.total);

    // Two experts: 15 → (2.34 + 2.35) / 2 = 2.345 → 2.35; 16 → 1.005 → 1.01; 9 → 1.5.
    let two = merge_panel(&l, &[a.sheet(), b.sheet()]).unwrap();
    assert_eq!(two.indicator(15).unwrap().mean, d("2.35"));
    assert_eq!(two.indicator(16).unwrap().mean, d("1.01"));
    // D3 = 2.35 + 1.01 = 3.36, whereas the exact means add up to 3.35 (2.345 + 1.005).
    let d3 = two.outcome.dimensions.iter().find(|x| x.id == "D3").unwrap();
    assert_eq!(d3.score, d("3.36"));
    let exact: Decimal = [15, 16].iter().map(|n| two.indicator(*n).unwrap().mean_exact).sum();
    assert_eq!(exact, d("3.35"));
    // 4: 3 and 4 → spread 1 < 1.25 (25% of 5): no flag; 9: 0 spread.
    assert!(two.outliers().next().is_none());
    assert_eq!(two.outcome.conditions.len(), 5);
}

#[test]
fn panel_refuses_sheets_that_do_not_belong_together() {
    let l = LoadedRubric::bundled();
    let a = sheet(&l, "甲", &[("9.1", "2")]);

    let mut other = sheet(&l, "乙", &[("9.1", "2")]);
    other.assessment.id = "0b1c2d3e".into();
    let err = merge_panel_labelled(&l, &[("甲.json", a.sheet()), ("乙.json", other.sheet())]).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].location.place.as_deref(), Some("「乙.json」"));
    assert_eq!(
        err[0].to_string(),
        "「乙.json」:评估编号「0b1c2d3e」与「甲.json」的「7f3a9c21」不同:不是同一份评估的评分表"
    );

    let mut city = sheet(&l, "乙", &[("9.1", "2")]);
    city.assessment.subject.province = "江苏".into();
    let err = merge_panel(&l, &[a.sheet(), city.sheet()]).unwrap_err();
    assert!(err[0].message.contains("所在省份") && err[0].message.contains("江苏"), "{}", err[0]);

    let mut rubric = sheet(&l, "乙", &[("9.1", "2")]);
    rubric.rubric.version = "2026-01-01".into();
    let err = merge_panel(&l, &[a.sheet(), rubric.sheet()]).unwrap_err();
    assert!(err[0].to_string().starts_with("第2份评分表:使用的指标体系(「samr-demozone-indicators」版本「2026-01-01」"), "{}", err[0]);

    // Every sheet on another rubric than the one loaded: refused from the first.
    let mut first = a.clone();
    first.rubric.digest = "sha256:00".into();
    let err = merge_panel(&l, &[first.sheet()]).unwrap_err();
    assert!(err[0].message.contains("摘要"), "{}", err[0]);

    let dup = sheet(&l, "甲", &[("9.1", "1")]);
    let err = merge_panel(&l, &[a.sheet(), dup.sheet()]).unwrap_err();
    assert_eq!(err[0].to_string(), "第2份评分表:专家甲(某大学)的评分与第1份评分表重复:同一位专家(姓名和单位相同)只能计入一次");

    let mut none = sheet(&l, "乙", &[]);
    none.assessment.reviews.retain(|r| r.role != ReviewRole::Expert);
    let err = merge_panel(&l, &[a.sheet(), none.sheet()]).unwrap_err();
    assert!(err[0].message.starts_with("没有专家评估层"), "{}", err[0]);

    // The same name at another unit is another expert.
    let mut namesake = sheet(&l, "甲", &[("9.1", "1")]);
    namesake.assessment.reviews[1].reviewer.unit = "另一所大学".into();
    assert_eq!(merge_panel(&l, &[a.sheet(), namesake.sheet()]).unwrap().experts.len(), 2);
}

fn ranked_file(l: &LoadedRubric, id: &str, name: &str, province: &str, scores: &[(&str, &str)]) -> String {
    let mut a = Assessment { id: id.into(), subject: city(name, province), ..Default::default() };
    for (item, s) in scores {
        a.input_mut(item).values.insert("score".into(), s.to_string());
    }
    write_file(l, &a, SAVED_AT)
}

#[test]
fn ranking_sorts_and_flags_duplicates() {
    let l = LoadedRubric::bundled();
    let files = [
        ("huzhou.json", ranked_file(&l, "id-1", "湖州市", "浙江", &[("4.1", "2"), ("6.1", "2")])),
        ("jiaxing.json", ranked_file(&l, "id-2", "嘉兴市", "浙江", &[("6.1", "2"), ("6.2", "2")])),
        ("huzhou-v2.json", ranked_file(&l, "id-1", "湖州市", "浙江", &[("4.1", "2")])),
        ("wenzhou.json", ranked_file(&l, "id-3", "温州市", "浙江", &[("4.1", "2"), ("4.2", "2")])),
        ("jiaxing-copy.json", ranked_file(&l, "id-9", "嘉兴市", "浙江", &[])),
    ];
    let opened: Vec<_> = files.iter().map(|(n, t)| (*n, open(t, &l))).collect();
    let mut r = Ranking::new(opened.iter().map(|(n, o)| o.rank_entry(n)).collect());
    assert_eq!(r.dimensions.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["D1", "D2", "D3", "D4"]);

    // Duplicates: 湖州 twice by assessment id; 嘉兴 twice by name + kind + province.
    let dup = |i: usize| &r.rows[i].duplicates;
    assert_eq!(dup(0).len(), 1);
    assert_eq!((dup(0)[0].index, dup(0)[0].reason), (2, DuplicateReason::SameAssessment));
    assert_eq!((dup(1)[0].index, dup(1)[0].reason), (4, DuplicateReason::SameSubject));
    assert!(dup(3).is_empty());
    assert_eq!(r.rows[0].duplicates_display(), "与「huzhou-v2.json」是同一评估(评估编号相同)");

    // Total, descending: three tie at 4 (by name, code point order: 嘉 U+5609 < 温 U+6E29 < 湖 U+6E56),
    // then 2, then 0.
    let order = |r: &Ranking| r.rows.iter().map(|x| x.source.clone()).collect::<Vec<_>>();
    r.sort(&SortKey::Total, SortOrder::Descending);
    assert_eq!(order(&r), ["jiaxing.json", "wenzhou.json", "huzhou.json", "huzhou-v2.json", "jiaxing-copy.json"]);
    // Ascending reverses the scores, ties still by name.
    r.sort(&SortKey::Total, SortOrder::Ascending);
    assert_eq!(order(&r), ["jiaxing-copy.json", "huzhou-v2.json", "jiaxing.json", "wenzhou.json", "huzhou.json"]);
    // D2 (规范监管) rate: 嘉兴 4/30, 湖州 2/30, others 0 (ties by name, then input order).
    r.sort(&SortKey::Dimension("D2".into()), SortOrder::Descending);
    assert_eq!(order(&r), ["jiaxing.json", "huzhou.json", "jiaxing-copy.json", "wenzhou.json", "huzhou-v2.json"]);
    assert_eq!(r.rows[0].dimension("D2").unwrap().rate_display(), "13.33");
    r.sort(&SortKey::Name, SortOrder::Ascending);
    assert_eq!(order(&r), ["jiaxing.json", "jiaxing-copy.json", "wenzhou.json", "huzhou.json", "huzhou-v2.json"]);
    // Verdict: nobody passes; all tie, so the order is by name.
    r.sort(&SortKey::Verdict, SortOrder::Descending);
    assert_eq!(order(&r), ["jiaxing.json", "jiaxing-copy.json", "wenzhou.json", "huzhou.json", "huzhou-v2.json"]);
    r.sort(&SortKey::Input, SortOrder::Ascending);
    assert_eq!(r.rows.iter().map(|x| x.index).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    // Points still missing, per unmet condition.
    let m = &r.rows[0].missing;
    assert_eq!(m.len(), 5);
    assert_eq!((m[0].label.as_str(), m[0].missing), ("总分≥85分", d("81")));
    assert!(r.rows[0].missing_display().starts_with("总分≥85分 差81分;促进发展得分率≥80%(≥16分) 差14分"), "{}", r.rows[0].missing_display());
    assert_eq!(r.rows[0].verdict_label(), "不合格");
}

/// The hostile texts every export must keep inert.
const HOSTILE: [&str; 9] = ["=SUM(A1)", "+1", "-1", "@x", "say \"hi\"", "第一行\n第二行", "a,b", "<script>alert(1)</script>", "\tTab"];

fn hostile_ranking() -> Ranking {
    let l = LoadedRubric::bundled();
    let entries: Vec<RankEntry> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut a = Assessment { id: format!("id-{i}"), subject: city(name, "浙江"), ..Default::default() };
            a.input_mut("4.1").values.insert("score".into(), "1.5".into());
            let o = demozone::engine::score::items::score(&l.rubric, &a);
            RankEntry::new(&format!("{name}.json"), &a, o)
        })
        .collect();
    Ranking::new(entries)
}

/// Splits CSV text into records of fields per RFC 4180 (for checking the export).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else {
            match c {
                '"' => {
                    assert!(field.is_empty(), "quote inside an unquoted field");
                    quoted = true;
                }
                ',' => record.push(std::mem::take(&mut field)),
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "CR not followed by LF outside quotes");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                '\n' => panic!("bare LF outside quotes"),
                _ => field.push(c),
            }
        }
    }
    assert!(!quoted && field.is_empty() && record.is_empty(), "CSV must end with CRLF");
    records
}

#[test]
fn csv_export_quotes_and_neutralises() {
    let r = hostile_ranking();
    let csv = r.to_csv();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.ends_with("\r\n"));
    let records = parse_csv(csv.strip_prefix('\u{feff}').unwrap());
    assert_eq!(records.len(), 1 + HOSTILE.len());
    let header = &records[0];
    assert_eq!(header[..5], ["序号", "创建对象", "类型", "省份", "总分"]);
    assert_eq!(header[5], "促进发展得分率(%)");
    assert!(records.iter().all(|rec| rec.len() == header.len()));
    let names: Vec<&str> = records[1..].iter().map(|rec| rec[1].as_str()).collect();
    assert_eq!(
        names,
        ["'=SUM(A1)", "'+1", "'-1", "'@x", "say \"hi\"", "第一行\n第二行", "a,b", "<script>alert(1)</script>", "Tab"]
    );
    // Names are trimmed in the table; the file name keeps its tab, neutralised.
    assert_eq!(records[9].last().unwrap(), "'\tTab.json");
    // The source column is neutralised too; numbers are plain.
    assert_eq!(records[1].last().unwrap(), "'=SUM(A1).json");
    assert_eq!(records[1][0], "1");
    assert_eq!(records[1][4], "1.5");
    assert_eq!(records[1][5], "7.50");
    // On the wire: doubled quotes, quoted newline and comma.
    assert!(csv.contains(",\"say \"\"hi\"\"\","));
    assert!(csv.contains(",\"第一行\n第二行\","));
    assert!(csv.contains(",\"a,b\","));
    // No unneutralised formula starts a field anywhere.
    for rec in &records {
        for f in rec {
            assert!(!f.starts_with(['=', '+', '-', '@', '\t', '\r']), "{f:?}");
        }
    }
}

#[test]
fn xlsx_export_is_a_zip_with_texts_as_strings() {
    let r = hostile_ranking();
    let bytes = r.to_xlsx().unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for needed in ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"] {
        assert!(names.contains(&needed), "{needed} missing from {names:?}");
    }
    let text = |n: &str| String::from_utf8(files.iter().find(|(x, _)| x == n).unwrap().1.clone()).unwrap();
    let sheet = text("xl/worksheets/sheet1.xml");
    let strings = text("xl/sharedStrings.xml");
    let workbook = text("xl/workbook.xml");
    assert!(workbook.contains("name=\"排名\""), "{workbook}");
    // Never a formula; texts are shared strings, escaped as XML text; exactly as typed.
    assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{sheet}");
    for s in ["=SUM(A1)", "+1", "-1", "@x", "say \"hi\"", "第一行\n第二行", "a,b", "&lt;script&gt;alert(1)&lt;/script&gt;", "\tTab.json"] {
        assert!(strings.contains(&format!(">{s}<")), "{s:?} not a shared string:\n{strings}");
    }
    assert!(!strings.contains("<script>"));
    // Numbers are numbers: cell E2 (total) has no type attribute (shared strings have t="s").
    let e2 = sheet.split("<c r=\"E2\"").nth(1).unwrap().split("</c>").next().unwrap();
    assert!(!e2.contains("t=\""), "{e2}");
    assert!(e2.contains("<v>1.5</v>"), "{e2}");
    let b2 = sheet.split("<c r=\"B2\"").nth(1).unwrap().split("</c>").next().unwrap();
    assert!(b2.contains("t=\"s\""), "{b2}");
    // Frozen header row, column widths, autofilter.
    assert!(sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""), "{sheet}");
    assert!(sheet.contains("<cols>") && sheet.contains("customWidth=\"1\""));
    assert!(sheet.contains("<autoFilter ref=\"A1:"));
}

#[test]
fn xlsx_export_of_an_empty_ranking_and_of_huge_texts() {
    let empty = Ranking::new(Vec::new());
    assert!(empty.to_xlsx().unwrap().starts_with(b"PK"));
    assert_eq!(empty.to_csv().lines().count(), 1);
    let l = LoadedRubric::bundled();
    let mut a = Assessment { subject: city(&"长".repeat(50_000), "浙江"), ..Default::default() };
    a.id = "x".into();
    let o = demozone::engine::score::items::score(&l.rubric, &a);
    let r = Ranking::new(vec![RankEntry::new("big.json", &a, o)]);
    assert!(r.to_xlsx().is_ok());
}

#[test]
fn diff_of_two_versions() {
    let l = LoadedRubric::bundled();
    let old = self_layer();
    let mut new = old.clone();
    new.input_mut("4.2").values.insert("score".into(), "2".into());
    new.input_mut("9.1").values.remove("score");
    new.input_mut("22.1").entries[0].accepted = false;
    new.subject.years = Some(2);
    let a = open(&write_file(&l, &old, SAVED_AT), &l);
    let b = open(&write_file(&l, &new, SAVED_AT), &l);
    let diff = diff_opened(&l.rubric, &a, &b).unwrap();
    assert_eq!(diff.subject.len(), 1);
    assert_eq!((diff.subject[0].field.as_str(), diff.subject[0].old.as_str(), diff.subject[0].new.as_str()), ("创建期年数", "3", "2"));
    let changed: Vec<(String, String, String, String)> =
        diff.inputs.iter().map(|c| (c.item.clone(), c.field.clone(), c.old.clone(), c.new.clone())).collect();
    assert_eq!(
        changed,
        [
            ("4.2".to_string(), "评分".to_string(), "1.5".to_string(), "2".to_string()),
            ("9.1".into(), "评分".into(), "2.5".into(), "".into()),
            ("22.1".into(), "第1行 已认定".into(), "是".into(), "否".into()),
        ]
    );
    let score_of = |scope: DiffScope| diff.scores.iter().find(|x| x.scope == scope).map(|x| (x.left, x.right));
    assert_eq!(score_of(DiffScope::Item { indicator: 4, id: "4.2".into() }), Some((d("1.5"), d("2"))));
    assert_eq!(score_of(DiffScope::Indicator { number: 9 }), Some((d("2.5"), d("0"))));
    assert_eq!(score_of(DiffScope::Indicator { number: 22 }), Some((d("6"), d("0"))));
    assert_eq!(score_of(DiffScope::Total), Some((diff.old.total, diff.new.total)));
    assert_eq!(diff.new.total - diff.old.total, d("-8"));
    assert!(diff.verdict.is_none());

    // Another assessment, or another rubric version, is refused.
    let mut other = new.clone();
    other.id = "another".into();
    let c = open(&write_file(&l, &other, SAVED_AT), &l);
    assert!(diff_opened(&l.rubric, &a, &c).unwrap_err().to_string().contains("不是同一份评估"));
    let mut d2 = b.clone();
    d2.file.rubric.version = "2026".into();
    assert!(diff_opened(&l.rubric, &a, &d2).unwrap_err().to_string().contains("指标体系不同"));
}

// ---------------------------------------------------------------------------------------------
// A minimal zip reader and DEFLATE decoder (RFC 1951), enough to look inside the .xlsx in tests
// without another dependency.

fn u16_at(b: &[u8], i: usize) -> usize {
    u16::from_le_bytes([b[i], b[i + 1]]) as usize
}
fn u32_at(b: &[u8], i: usize) -> usize {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize
}

/// Every file in a zip archive: (name, content), read through the central directory.
fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let eocd = (0..=zip.len() - 22).rev().find(|&i| u32_at(zip, i) == 0x0605_4b50).expect("no end of central directory");
    let count = u16_at(zip, eocd + 10);
    let mut p = u32_at(zip, eocd + 16);
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(zip, p), 0x0201_4b50, "central directory entry");
        let method = u16_at(zip, p + 10);
        let csize = u32_at(zip, p + 20);
        let usize_ = u32_at(zip, p + 24);
        let (n, e, c) = (u16_at(zip, p + 28), u16_at(zip, p + 30), u16_at(zip, p + 32));
        let local = u32_at(zip, p + 42);
        let name = String::from_utf8(zip[p + 46..p + 46 + n].to_vec()).unwrap();
        assert_eq!(u32_at(zip, local), 0x0403_4b50, "local header of {name}");
        let start = local + 30 + u16_at(zip, local + 26) + u16_at(zip, local + 28);
        let data = &zip[start..start + csize];
        let content = match method {
            0 => data.to_vec(),
            8 => inflate(data),
            m => panic!("compression method {m} in {name}"),
        };
        assert_eq!(content.len(), usize_, "size of {name}");
        out.push((name, content));
        p += 46 + n + e + c;
    }
    out
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    cnt: u32,
}

impl Bits<'_> {
    fn bits(&mut self, n: u32) -> u32 {
        while self.cnt < n {
            self.buf |= u32::from(self.data[self.pos]) << self.cnt;
            self.pos += 1;
            self.cnt += 8;
        }
        let v = self.buf & ((1u32 << n) - 1);
        self.buf = if n == 32 { 0 } else { self.buf >> n };
        self.cnt -= n;
        v
    }
}

struct Huffman {
    count: [u16; 16],
    symbol: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Huffman {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[l as usize] += 1;
        }
        count[0] = 0;
        let mut offs = [0u16; 16];
        for l in 1..15 {
            offs[l + 1] = offs[l] + count[l];
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (s, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbol[offs[l as usize] as usize] = s as u16;
                offs[l as usize] += 1;
            }
        }
        Huffman { count, symbol }
    }

    fn decode(&self, b: &mut Bits) -> usize {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= b.bits(1) as i32;
            let count = i32::from(self.count[len]);
            if code - count < first {
                return self.symbol[(index + (code - first)) as usize] as usize;
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        panic!("bad Huffman code");
    }
}

fn inflate(data: &[u8]) -> Vec<u8> {
    const LBASE: [usize; 29] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    const LEXT: [u32; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    const DBASE: [usize; 30] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
        8193, 12289, 16385, 24577,
    ];
    const DEXT: [u32; 30] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    let mut b = Bits { data, pos: 0, buf: 0, cnt: 0 };
    let mut out: Vec<u8> = Vec::new();
    loop {
        let last = b.bits(1);
        match b.bits(2) {
            0 => {
                b.buf = 0;
                b.cnt = 0;
                let len = u16_at(b.data, b.pos);
                b.pos += 4;
                out.extend_from_slice(&b.data[b.pos..b.pos + len]);
                b.pos += len;
            }
            t @ (1 | 2) => {
                let (lit, dist) = if t == 1 {
                    let mut l = [0u8; 288];
                    for (i, x) in l.iter_mut().enumerate() {
                        *x = match i {
                            0..=143 => 8,
                            144..=255 => 9,
                            256..=279 => 7,
                            _ => 8,
                        };
                    }
                    (Huffman::new(&l), Huffman::new(&[5u8; 30]))
                } else {
                    let nlen = b.bits(5) as usize + 257;
                    let ndist = b.bits(5) as usize + 1;
                    let ncode = b.bits(4) as usize + 4;
                    let mut cl = [0u8; 19];
                    for &o in ORDER.iter().take(ncode) {
                        cl[o] = b.bits(3) as u8;
                    }
                    let ch = Huffman::new(&cl);
                    let mut lengths = Vec::with_capacity(nlen + ndist);
                    while lengths.len() < nlen + ndist {
                        match ch.decode(&mut b) {
                            s @ 0..=15 => lengths.push(s as u8),
                            16 => {
                                let prev = *lengths.last().expect("repeat with no previous length");
                                let n = 3 + b.bits(2);
                                lengths.extend(std::iter::repeat_n(prev, n as usize));
                            }
                            17 => {
                                let n = 3 + b.bits(3);
                                lengths.extend(std::iter::repeat_n(0, n as usize));
                            }
                            _ => {
                                let n = 11 + b.bits(7);
                                lengths.extend(std::iter::repeat_n(0, n as usize));
                            }
                        }
                    }
                    (Huffman::new(&lengths[..nlen]), Huffman::new(&lengths[nlen..]))
                };
                loop {
                    let s = lit.decode(&mut b);
                    if s < 256 {
                        out.push(s as u8);
                    } else if s == 256 {
                        break;
                    } else {
                        let s = s - 257;
                        let len = LBASE[s] + b.bits(LEXT[s]) as usize;
                        let ds = dist.decode(&mut b);
                        let dd = DBASE[ds] + b.bits(DEXT[ds]) as usize;
                        let from = out.len() - dd;
                        for k in 0..len {
                            out.push(out[from + k]);
                        }
                    }
                }
            }
            _ => panic!("invalid block type"),
        }
        if last == 1 {
            return out;
        }
    }
}

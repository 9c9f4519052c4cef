//! Reading files for the multi-file tools in the tools' web worker (src/bin/tools_worker.rs), so
//! that a large file never holds the page: the worker gets the loaded rubric versions once
//! ([`rubrics_message`]), reads and scores each file (`file_text` + `read_file`, as a file opened on
//! its own) and answers with only what the tool needs ([`Answer`]), or the refusal:
//! - 省级汇总: [`Ranked`], the ranked entry and the recorded differences;
//! - 专家组合议: [`PanelSheet`] (`super::tool_files`), what the panel merges of the sheet (its expert layers, the
//!   subject, a digest standing for the inputs);
//! - 版本比较: [`VersionFile`], the facts a slot shows of each file; and, for the two files, the
//!   comparison as shown ([`diff_answer`]: `tools::CompareView`, its tables capped).
//!
//! The page deserialises that answer, whose size does not grow with the file (the outcome's lists
//! are per indicator of the rubric, its problems capped; a sheet holds its expert layers only),
//! instead of the whole assessment. The same functions read a file on the page when no worker can
//! start ([`answer_bytes`], [`diff_bytes`]), so both ways give the same result.

use serde::{Deserialize, Serialize};

use super::tool_files::{PanelSheet, VersionFile};
use super::tools::{compare_view, CompareView};
use super::version_diff::diff_opened;
use crate::engine::io::file::{read_file, Opened};
use crate::engine::json::text::{file_text, FileKind};
use crate::engine::model::rubric::Rubric;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::score::ranking::RankEntry;
use crate::engine::support::problem::Refusal;

/// What the worker answers for each file of a read job (the job's `answer` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// [`Ranked`], for 省级汇总.
    Ranked,
    /// [`PanelSheet`], for 专家组合议.
    Sheet,
    /// [`VersionFile`], for a slot of 版本比较.
    Version,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Ranked, Answer::Sheet, Answer::Version];

    /// The name in the job message.
    pub fn name(self) -> &'static str {
        match self {
            Answer::Ranked => "ranked",
            Answer::Sheet => "sheet",
            Answer::Version => "version",
        }
    }

    pub fn from_name(name: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// The worker's answer for one file's bytes (or the refusal to read them), as JSON text.
pub fn answer_bytes(answer: Answer, name: &str, bytes: Result<&[u8], Refusal>, rubrics: &[&LoadedRubric]) -> String {
    fn json<T: Serialize>(r: Result<T, Refusal>) -> String {
        // Serialising plain data cannot fail.
        serde_json::to_string(&r).unwrap_or_default()
    }
    let opened = bytes.and_then(|b| opened_of(b, rubrics));
    match answer {
        Answer::Ranked => json(opened.map(|o| Ranked::of(name, &o))),
        Answer::Sheet => json(opened.map(|o| PanelSheet::of(&o))),
        Answer::Version => json(opened.map(|o| VersionFile::of(&o))),
    }
}

fn opened_of(bytes: &[u8], rubrics: &[&LoadedRubric]) -> Result<Opened, Refusal> {
    read_file(file_text(bytes, FileKind::Assessment)?, rubrics)
}

/// An answer read back on the page. An answer that cannot be read (it cannot happen unless the
/// page and the worker come from different builds) refuses the file with a message that says what
/// to do.
pub fn from_answer<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, Refusal> {
    serde_json::from_str::<Result<T, Refusal>>(json).unwrap_or_else(|e| {
        Err(Refusal::new(format!("后台读取组件返回了无法识别的结果({e});请刷新页面后重新打开此文件")))
    })
}

/// Two files compared, as 版本比较 shows it: both read as files opened on their own, then
/// compared under the old one's rubric (`version_diff::diff_opened`); or why not.
pub fn diff_bytes(old: Result<&[u8], Refusal>, new: Result<&[u8], Refusal>, rubrics: &[&LoadedRubric]) -> Result<CompareView, Refusal> {
    let named = |which: &str, r: Result<Opened, Refusal>| r.map_err(|e| Refusal::new(format!("{which}无法读取:{e}")));
    let old = named("旧版本", old.and_then(|b| opened_of(b, rubrics)))?;
    let new = named("新版本", new.and_then(|b| opened_of(b, rubrics)))?;
    let rubric = rubrics.get(old.rubric_index).ok_or_else(|| Refusal::new("旧版本的指标体系未加载"))?;
    diff_opened(&rubric.rubric, &old, &new).map(|d| compare_view(&d))
}

/// The worker's answer for a comparison (JSON text); read back with [`from_answer`].
pub fn diff_answer(result: &Result<CompareView, Refusal>) -> String {
    serde_json::to_string(result).unwrap_or_default()
}

/// What 省级汇总 keeps of a file it read: its row of the ranking, and where the scores recorded in
/// the file differ from the recomputed ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// Index into the rubrics the file was read against (the one it was scored with).
    pub rubric_index: usize,
    pub entry: RankEntry,
    pub recorded_differences: Vec<String>,
}

impl Ranked {
    /// What 省级汇总 keeps of a file read as `name`.
    pub fn of(name: &str, opened: &Opened) -> Ranked {
        Ranked {
            rubric_index: opened.rubric_index,
            entry: opened.rank_entry(name),
            recorded_differences: opened.recorded_differences.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct RubricData {
    rubric: Rubric,
    digest: String,
}

#[derive(Serialize)]
struct RubricDataRef<'a> {
    rubric: &'a Rubric,
    digest: &'a str,
}

/// The loaded rubric versions, for the worker (JSON text). They were checked when they were
/// loaded; the worker takes them as they are, with their digests.
pub fn rubrics_message(rubrics: &[&LoadedRubric]) -> String {
    let data: Vec<RubricDataRef> = rubrics.iter().map(|r| RubricDataRef { rubric: &r.rubric, digest: &r.digest }).collect();
    // Serialising plain data cannot fail.
    serde_json::to_string(&data).unwrap_or_default()
}

/// The rubric versions of a [`rubrics_message`], in the worker.
pub fn rubrics_from_message(json: &str) -> Result<Vec<LoadedRubric>, Refusal> {
    // serde_json directly: the app writes the message, no user can cause a malformed one.
    let data: Vec<RubricData> = serde_json::from_str(json).map_err(|e| Refusal::new(format!("指标体系数据无法传给后台读取组件:{e}")))?;
    Ok(data.into_iter().map(|d| LoadedRubric { rubric: d.rubric, digest: d.digest }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::io::file::write_file;
    use crate::engine::model::assessment::Assessment;
    use crate::engine::model::review::ReviewRole;
    use crate::engine::view::fixtures::hangzhou;

    const SAVED: &str = "2025-11-27T08:00:00Z";

    #[test]
    fn rubrics_round_trip() {
        let (l, _) = hangzhou();
        let back = rubrics_from_message(&rubrics_message(&[&l, &l])).unwrap();
        assert_eq!(back, vec![l.clone(), l]);
        assert!(rubrics_from_message("[").unwrap_err().to_string().starts_with("指标体系数据无法传给后台读取组件"));
    }

    #[test]
    fn an_answer_round_trips_and_is_what_the_page_would_read() {
        let (l, a) = hangzhou();
        let text = write_file(&l, &a, SAVED);
        let answer = answer_bytes(Answer::Ranked, "杭州.json", Ok(text.as_bytes()), &[&l]);
        let ranked: Ranked = from_answer(&answer).unwrap();
        let opened = read_file(&text, &[&l]).unwrap();
        assert_eq!(ranked, Ranked::of("杭州.json", &opened));
        assert_eq!(ranked.entry, opened.rank_entry("杭州.json"));
        let refused = from_answer::<Ranked>(&answer_bytes(Answer::Ranked, "x.json", Ok(b"{"), &[&l]));
        assert!(refused.is_err());
        let unreadable = Refusal::new("浏览器无法读取此文件");
        assert_eq!(from_answer::<Ranked>(&answer_bytes(Answer::Ranked, "x.json", Err(unreadable.clone()), &[&l])), Err(unreadable));
        assert!(from_answer::<Ranked>("{}").unwrap_err().to_string().starts_with("后台读取组件返回了无法识别的结果"));
    }

    /// The example file grown by `grow` (a worst shape), as JSON text.
    fn grown(a: &Assessment, l: &LoadedRubric, grow: impl Fn(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(&write_file(l, a, SAVED)).unwrap();
        grow(&mut v);
        v.to_string()
    }

    fn worst_shapes(l: &LoadedRubric, a: &Assessment) -> Vec<String> {
        let n = 20_000;
        vec![
            grown(a, l, |v| {
                let rows: Vec<serde_json::Value> =
                    (0..n).map(|_| serde_json::json!({"name": "某公司", "year": "20x4", "amount": "1"})).collect();
                v["inputs"]["3b"] = serde_json::json!({ "entries": rows });
            }),
            grown(a, l, |v| {
                let keys: serde_json::Map<String, serde_json::Value> = (0..n).map(|i| (format!("k{i}"), "1".into())).collect();
                v["inputs"]["4.1"]["values"] = keys.into();
            }),
            grown(a, l, |v| {
                v["reviews"] = (0..n).map(|_| serde_json::json!({"role": "province"})).collect::<Vec<_>>().into();
            }),
        ]
    }

    #[test]
    fn answers_by_name() {
        for a in Answer::ALL {
            assert_eq!(Answer::from_name(a.name()), Some(a));
        }
        assert_eq!(Answer::from_name("draft"), None);
    }

    #[test]
    fn a_sheet_answer_merges_as_the_whole_file_does() {
        use crate::engine::model::review::{Review, Reviewer};
        use crate::engine::score::panel::merge_panel_labelled;
        use crate::engine::view::tools::panel_of;
        let (l, a) = hangzhou();
        let sheet = |expert: &str, score: &str, inputs_differ: bool| {
            let mut a = a.clone();
            let mut r = Review::new(ReviewRole::Expert, Reviewer { name: expert.into(), unit: "某大学".into() }, "2025-12-01");
            r.item_mut("4.1").score = score.into();
            a.reviews.push(r);
            a.reviews.push(Review::new(ReviewRole::Province, Reviewer { name: "王五".into(), unit: "浙江省局".into() }, ""));
            if inputs_differ {
                a.input_mut("4.1").basis = "另一份材料".into();
            }
            write_file(&l, &a, SAVED)
        };
        let texts = [sheet("甲", "2", false), sheet("乙", "1.5", false), sheet("丙", "1", true)];
        let names = ["甲.json", "乙.json", "丙.json"];
        let opened: Vec<Opened> = texts.iter().map(|t| read_file(t, &[&l]).unwrap()).collect();
        let answers: Vec<PanelSheet> = texts
            .iter()
            .zip(names)
            .map(|(t, n)| from_answer(&answer_bytes(Answer::Sheet, n, Ok(t.as_bytes()), &[&l])).unwrap())
            .collect();
        assert!(answers.iter().all(|s| s.assessment.inputs.is_empty() && s.assessment.reviews.len() == 1));
        let whole: Vec<_> = names.iter().zip(&opened).map(|(n, o)| (*n, o.file.sheet())).collect();
        let expected = merge_panel_labelled(&l, &whole).unwrap();
        let from_answers: Vec<_> = names.iter().zip(&answers).map(|(n, s)| (*n, s, &l)).collect();
        let merged = panel_of(&from_answers).unwrap().unwrap();
        assert_eq!(merged, expected);
        // The third expert saw other inputs: told by the digests as by the inputs themselves.
        assert!(merged.outcome.problems.iter().any(|p| p.message.contains("丙.json") && p.message.contains("自评数据")), "{:?}", merged.outcome.problems);
        // A sheet read whole and one from an answer compare their inputs alike.
        let mixed = [(names[0], opened[0].file.sheet()), (names[1], answers[1].sheet())];
        assert!(!merge_panel_labelled(&l, &mixed).unwrap().outcome.problems.iter().any(|p| p.message.contains("自评数据")));
    }

    #[test]
    fn version_answers_and_the_comparison() {
        let (l, a) = hangzhou();
        let text = write_file(&l, &a, SAVED);
        let v: VersionFile = from_answer(&answer_bytes(Answer::Version, "x.json", Ok(text.as_bytes()), &[&l])).unwrap();
        let o = read_file(&text, &[&l]).unwrap();
        assert_eq!((v.subject.as_str(), v.saved_at.as_str(), v.total, v.passed), (a.subject.name.as_str(), SAVED, o.outcome.total, o.outcome.passed));
        let mut b = a.clone();
        b.input_mut("4.1").basis = "见附件".into();
        let changed = write_file(&l, &b, SAVED);
        let view = diff_bytes(Ok(text.as_bytes()), Ok(changed.as_bytes()), &[&l]).unwrap();
        assert_eq!(view.inputs.rows.len(), 1);
        assert_eq!(view.inputs.heading, "自评输入的变化(1处)");
        assert_eq!(from_answer::<CompareView>(&diff_answer(&Ok(view.clone()))), Ok(view));
        let refused = diff_bytes(Ok(text.as_bytes()), Ok(b"{"), &[&l]).unwrap_err();
        assert!(refused.to_string().starts_with("新版本无法读取:"), "{refused}");
        let gone = diff_bytes(Err(Refusal::new("浏览器无法读取此文件")), Ok(changed.as_bytes()), &[&l]).unwrap_err();
        assert!(gone.to_string().starts_with("旧版本无法读取:"), "{gone}");
    }

    #[test]
    fn no_answer_grows_with_the_file() {
        // Each worst shape (20,000 rows of 3b with a bad year, 20,000 unknown value keys of 4.1,
        // 20,000 review layers): the file is large, every answer the page reads stays small, and
        // so does the comparison of the file with the example (20,000 changes, 200 listed).
        let (l, a) = hangzhou();
        let example = write_file(&l, &a, SAVED);
        for text in worst_shapes(&l, &a) {
            assert!(text.len() > 250_000, "{}", text.len());
            for kind in Answer::ALL {
                let answer = answer_bytes(kind, "大.json", Ok(text.as_bytes()), &[&l]);
                assert!(answer.len() < 64 * 1024, "{kind:?}: answer of {} bytes for a file of {}", answer.len(), text.len());
            }
            let sheet: PanelSheet = from_answer(&answer_bytes(Answer::Sheet, "大.json", Ok(text.as_bytes()), &[&l])).unwrap();
            assert_eq!(sheet, PanelSheet::of(&read_file(&text, &[&l]).unwrap()));
            let view = diff_bytes(Ok(example.as_bytes()), Ok(text.as_bytes()), &[&l]).unwrap();
            let answer = diff_answer(&Ok(view.clone()));
            assert!(answer.len() < 256 * 1024, "comparison of {} bytes", answer.len());
            let tables = [&view.inputs, &view.reviews];
            assert!(tables.iter().all(|t| t.rows.len() <= crate::engine::view::version_diff::MAX_CHANGES_LISTED));
            assert!(tables.iter().any(|t| t.more.as_deref().is_some_and(|m| m.starts_with("另有"))), "{:?}", view.headline);
        }
    }
}

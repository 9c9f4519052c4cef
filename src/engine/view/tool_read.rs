//! Reading files for the multi-file tools in the tools' web worker (src/bin/tools_worker.rs), so
//! that a large file never holds the page: the worker gets the loaded rubric versions once
//! ([`rubrics_message`]), reads and scores each file (`file_text` + `read_file`, as a file opened on
//! its own) and answers with only what the tool needs ([`Answer`]), or the refusal:
//! - 省级汇总: [`Ranked`], the ranked entry and the recorded differences;
//! - 专家组合议: [`PanelSheet`] (`super::tool_files`), what the panel merges of the sheet (its expert layers, the
//!   subject, a digest standing for the inputs);
//! - 版本比较: [`VersionFile`], the facts a slot shows of each file; and, for the two files, the
//!   comparison as shown ([`diff_answer`]: `tools::CompareView`, its tables capped);
//! - 打开文件 (a file over `json::text::READ_ON_PAGE_BYTES`): [`OpenedDraft`], the assessment to
//!   make a draft of, when it is small enough to be one ([`open_draft`]).
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
use crate::engine::json::text::{draft_too_large, file_text, FileKind, MAX_DRAFT_BYTES};
use crate::engine::model::assessment::Assessment;
use crate::engine::model::rubric::Rubric;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::score::ranking::RankEntry;
use crate::engine::support::num::fmt;
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
    /// [`OpenedDraft`], for 打开文件.
    Open,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Ranked, Answer::Sheet, Answer::Version, Answer::Open];

    /// The name in the job message.
    pub fn name(self) -> &'static str {
        match self {
            Answer::Ranked => "ranked",
            Answer::Sheet => "sheet",
            Answer::Version => "version",
            Answer::Open => "open",
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
    let opened = |bytes: Result<&[u8], Refusal>| bytes.and_then(|b| opened_of(b, rubrics));
    match answer {
        Answer::Ranked => json(opened(bytes).map(|o| Ranked::of(name, &o))),
        Answer::Sheet => json(opened(bytes).map(|o| PanelSheet::of(&o))),
        Answer::Version => json(opened(bytes).map(|o| VersionFile::of(&o))),
        Answer::Open => json(open_draft(bytes, rubrics)),
    }
}

/// What 打开文件 makes a draft of: the file read (`file_text` + `read_file`, as on the page) and
/// its assessment, when that takes at most [`MAX_DRAFT_BYTES`] as the JSON a draft stores; else
/// the refusal that says so, with the recomputed total and where to look at the file instead
/// (`json::text::draft_too_large`). Or why the file cannot be read, as on the page.
pub fn open_draft(bytes: Result<&[u8], Refusal>, rubrics: &[&LoadedRubric]) -> Result<OpenedDraft, Refusal> {
    let opened = bytes.and_then(|b| opened_of(b, rubrics))?;
    let size = json_len(&opened.file.assessment);
    if size > MAX_DRAFT_BYTES {
        return Err(draft_too_large(size, &fmt(opened.outcome.total)));
    }
    Ok(OpenedDraft::of(opened))
}

/// The length of `value`'s JSON text, without making the text.
fn json_len<T: Serialize>(value: &T) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.saturating_add(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Serialising plain data into a sink that cannot fail cannot fail.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// What 打开文件 keeps of a file read in the tools' worker: the assessment to make a draft of (the
/// page reads it with serde's derived readers: the worker's answer is this program's own JSON),
/// the rubric it is scored with and where the recorded scores differ from the recomputed ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenedDraft {
    /// Index into the rubrics the file was read against (the one it was scored with).
    pub rubric_index: usize,
    pub recorded_differences: Vec<String>,
    pub assessment: Assessment,
}

impl OpenedDraft {
    pub fn of(opened: Opened) -> OpenedDraft {
        OpenedDraft { rubric_index: opened.rubric_index, recorded_differences: opened.recorded_differences, assessment: opened.file.assessment }
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
            for kind in Answer::ALL.into_iter().filter(|&k| k != Answer::Open) {
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

    /// The example with `n` rows of 3b whose year is not a year (accepted: input stays as typed).
    fn with_bad_rows(l: &LoadedRubric, a: &Assessment, n: usize) -> String {
        grown(a, l, |v| {
            let rows: Vec<serde_json::Value> = (0..n).map(|_| serde_json::json!({"name": "某公司", "year": "20x4", "amount": "1"})).collect();
            v["inputs"]["3b"] = serde_json::json!({ "entries": rows });
        })
    }

    #[test]
    fn an_open_answer_is_the_draft_the_page_would_make() {
        let (l, a) = hangzhou();
        // A file edited by hand: its recorded total differs from the recomputed one.
        let mut v: serde_json::Value = serde_json::from_str(&write_file(&l, &a, SAVED)).unwrap();
        v["recorded"]["total"] = "99".into();
        let text = v.to_string();
        let on_page = read_file(&text, &[&l]).unwrap();
        let answer = answer_bytes(Answer::Open, "杭州.json", Ok(text.as_bytes()), &[&l]);
        let draft: OpenedDraft = from_answer(&answer).unwrap();
        assert_eq!(draft.assessment, on_page.file.assessment);
        assert_eq!(draft.rubric_index, on_page.rubric_index);
        assert!(!draft.recorded_differences.is_empty());
        assert_eq!(draft.recorded_differences, on_page.recorded_differences);
        assert_eq!(open_draft(Ok(text.as_bytes()), &[&l]), Ok(draft.clone()));
        // Round trip: the page reads back exactly what the worker wrote.
        assert_eq!(from_answer::<OpenedDraft>(&serde_json::to_string(&Ok::<_, Refusal>(draft.clone())).unwrap()), Ok(draft));
        // Against two rubrics, the index names the one the file was scored with.
        let other = LoadedRubric { rubric: l.rubric.clone(), digest: "0".repeat(64) };
        let mut renamed = other.clone();
        renamed.rubric.version = "另一版本".into();
        let draft: OpenedDraft = from_answer(&answer_bytes(Answer::Open, "杭州.json", Ok(text.as_bytes()), &[&renamed, &l])).unwrap();
        assert_eq!(draft.rubric_index, 1);
    }

    #[test]
    fn an_open_answer_refuses_as_the_page_does() {
        let (l, a) = hangzhou();
        for bytes in [&b"{"[..], b"", &[0xFF, 0xFE, b'{', 0][..], br#"{"format": "something-else"}"#] {
            let on_page = file_text(bytes, FileKind::Assessment).and_then(|t| read_file(t, &[&l])).unwrap_err();
            let answer = from_answer::<OpenedDraft>(&answer_bytes(Answer::Open, "x.json", Ok(bytes), &[&l]));
            assert_eq!(answer, Err(on_page));
        }
        let gone = Refusal::new("浏览器无法读取此文件");
        assert_eq!(from_answer::<OpenedDraft>(&answer_bytes(Answer::Open, "x.json", Err(gone.clone()), &[&l])), Err(gone));
        // Under a rubric not loaded: the same message that says which one to load.
        let text = write_file(&l, &a, SAVED);
        let mut renamed = l.clone();
        renamed.rubric.version = "另一版本".into();
        let refused = from_answer::<OpenedDraft>(&answer_bytes(Answer::Open, "x.json", Ok(text.as_bytes()), &[&renamed])).unwrap_err();
        assert_eq!(refused.location.path.as_deref(), Some("rubric"));
    }

    #[test]
    fn an_open_answer_refuses_a_draft_too_large_with_its_total() {
        let (l, a) = hangzhou();
        // Just under and just over the limit, as the JSON a draft stores.
        let under = with_bad_rows(&l, &a, 30_000);
        let over = with_bad_rows(&l, &a, 60_000);
        let size = |text: &str| serde_json::to_string(&read_file(text, &[&l]).unwrap().file.assessment).unwrap().len();
        assert!(size(&under) < MAX_DRAFT_BYTES && size(&over) > MAX_DRAFT_BYTES, "{} {}", size(&under), size(&over));
        let draft: OpenedDraft = from_answer(&answer_bytes(Answer::Open, "大.json", Ok(under.as_bytes()), &[&l])).unwrap();
        assert_eq!(draft.assessment.inputs["3b"].entries.len(), 30_000);
        let answer = answer_bytes(Answer::Open, "大.json", Ok(over.as_bytes()), &[&l]);
        assert!(answer.len() < 4096, "a refusal, not the draft: {} bytes", answer.len());
        let refused = from_answer::<OpenedDraft>(&answer).unwrap_err();
        let o = read_file(&over, &[&l]).unwrap();
        let expected = crate::engine::json::text::draft_too_large(size(&over), &fmt(o.outcome.total));
        assert_eq!(refused, expected);
        assert!(refused.message.contains(&format!("重新计算的总分为{}分", fmt(o.outcome.total))), "{refused}");
        // Each worst shape at 20,000 parts opens (as a draft of under a megabyte).
        for text in worst_shapes(&l, &a) {
            let draft: OpenedDraft = from_answer(&answer_bytes(Answer::Open, "大.json", Ok(text.as_bytes()), &[&l])).unwrap();
            assert_eq!(draft.assessment, read_file(&text, &[&l]).unwrap().file.assessment);
        }
    }
}

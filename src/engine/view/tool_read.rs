//! Reading a file for 省级汇总 in the tools' web worker (src/bin/tools_worker.rs), so that a large
//! file never holds the page: the worker gets the loaded rubric versions once
//! ([`rubrics_message`]), reads and scores each file (`file_text` + `read_file`, as a file opened on
//! its own) and answers with only what the tool shows ([`Ranked`]: the ranked entry and the recorded
//! differences), or the refusal. The page deserialises that answer, whose size does not grow with the
//! file (the outcome's lists are per indicator of the rubric, its problems capped), instead of the
//! whole assessment.
//!
//! The same functions read a file on the page when no worker can start ([`rank_bytes`]), so both
//! ways give the same result.

use serde::{Deserialize, Serialize};

use crate::engine::io::file::{read_file, Opened};
use crate::engine::json::text::{file_text, FileKind};
use crate::engine::model::rubric::Rubric;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::score::ranking::RankEntry;
use crate::engine::support::problem::Refusal;

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

/// A file's bytes read and scored for 省级汇总, named `name`: the same checks and scores as a file
/// opened on its own.
pub fn rank_bytes(name: &str, bytes: &[u8], rubrics: &[&LoadedRubric]) -> Result<Ranked, Refusal> {
    let text = file_text(bytes, FileKind::Assessment)?;
    read_file(text, rubrics).map(|o| Ranked::of(name, &o))
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

/// The worker's answer for one file (JSON text).
pub fn ranked_answer(result: &Result<Ranked, Refusal>) -> String {
    serde_json::to_string(result).unwrap_or_default()
}

/// A [`ranked_answer`] read back on the page. An answer that cannot be read (it cannot happen
/// unless the page and the worker come from different builds) refuses the file with a message
/// that says what to do.
pub fn ranked_from_answer(json: &str) -> Result<Ranked, Refusal> {
    serde_json::from_str::<Result<Ranked, Refusal>>(json).unwrap_or_else(|e| {
        Err(Refusal::new(format!("后台读取组件返回了无法识别的结果({e});请刷新页面后重新打开此文件")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::io::file::write_file;
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
        let ranked = rank_bytes("杭州.json", text.as_bytes(), &[&l]).unwrap();
        let opened = read_file(&text, &[&l]).unwrap();
        assert_eq!(ranked.entry, opened.rank_entry("杭州.json"));
        assert_eq!(ranked_from_answer(&ranked_answer(&Ok(ranked.clone()))), Ok(ranked));
        let refused = rank_bytes("x.json", b"{", &[&l]);
        assert!(refused.is_err());
        assert_eq!(ranked_from_answer(&ranked_answer(&refused)), refused);
        assert!(ranked_from_answer("{}").unwrap_err().to_string().starts_with("后台读取组件返回了无法识别的结果"));
    }

    #[test]
    fn an_answer_does_not_grow_with_the_file() {
        // 20,000 rows of 3b with a bad year, and 20,000 unknown value keys of 4.1: the file is
        // large, the answer the page reads stays small (the problems are capped).
        let (l, a) = hangzhou();
        let mut v: serde_json::Value = serde_json::from_str(&write_file(&l, &a, SAVED)).unwrap();
        let rows: Vec<serde_json::Value> =
            (0..20_000).map(|_| serde_json::json!({"name": "某公司", "year": "20x4", "amount": "1"})).collect();
        v["inputs"]["3b"] = serde_json::json!({ "entries": rows });
        let keys: serde_json::Map<String, serde_json::Value> = (0..20_000).map(|i| (format!("k{i}"), "1".into())).collect();
        v["inputs"]["4.1"]["values"] = keys.into();
        let text = v.to_string();
        let result = rank_bytes("大.json", text.as_bytes(), &[&l]);
        let answer = ranked_answer(&result);
        assert!(text.len() > 1_000_000, "{}", text.len());
        assert!(answer.len() < 64 * 1024, "answer of {} bytes for a file of {}", answer.len(), text.len());
        assert_eq!(ranked_from_answer(&answer), result);
    }
}

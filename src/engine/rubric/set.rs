//! Rubric versions (第十一条: "评估指标可以根据实际需要进行调整").
//!
//! A [`RubricSet`] holds the bundled rubric (the 2025-10-29 征求意见稿) and every rubric file the user
//! has opened. A rubric is identified by its id and version; its digest pins the exact data, so the
//! same id and version can never stand for two different files. Moving an assessment to another
//! rubric is `score::migrate`.

use rust_decimal::Decimal;

use super::load::{load_rubric, LoadedRubric};
use crate::engine::model::rubric::RubricRef;
use crate::engine::support::num::fmt;
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

/// The bundled rubric and the rubric files the user has opened. The bundled one is always first
/// and cannot be removed.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricSet {
    rubrics: Vec<LoadedRubric>,
}

impl Default for RubricSet {
    /// Just the bundled rubric (the 2025-10-29 征求意见稿).
    fn default() -> RubricSet {
        RubricSet { rubrics: vec![LoadedRubric::bundled()] }
    }
}

impl RubricSet {
    pub fn new() -> RubricSet {
        RubricSet::default()
    }

    /// No rubric yet: what the app holds until its engine is loaded (`app::state::port`). Only
    /// [`RubricSet::len`] and [`RubricSet::all`] may be asked of it.
    pub fn unloaded() -> RubricSet {
        RubricSet { rubrics: Vec::new() }
    }

    /// The bundled rubric.
    pub fn bundled(&self) -> &LoadedRubric {
        &self.rubrics[0]
    }

    /// All rubrics, the bundled one first, then in the order they were added.
    pub fn all(&self) -> &[LoadedRubric] {
        &self.rubrics
    }

    /// All rubrics as `io::file::read_file` takes them.
    pub fn refs(&self) -> Vec<&LoadedRubric> {
        self.rubrics.iter().collect()
    }

    pub fn len(&self) -> usize {
        self.rubrics.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rubrics.is_empty()
    }

    pub fn is_bundled(&self, r: &RubricRef) -> bool {
        self.bundled().reference() == *r
    }

    /// Loads a rubric file and adds it. The same file added twice is accepted once (the existing
    /// one is returned). A file with the id and version of a loaded rubric but different data is
    /// refused: one version must name one set of data.
    pub fn add(&mut self, text: &str) -> Result<&LoadedRubric, Vec<Refusal>> {
        let loaded = load_rubric(text)?;
        if let Some(pos) = self
            .rubrics
            .iter()
            .position(|r| r.rubric.id == loaded.rubric.id && r.rubric.version == loaded.rubric.version)
        {
            if self.rubrics[pos].digest == loaded.digest {
                return Ok(&self.rubrics[pos]);
            }
            let which = if pos == 0 { "内置的" } else { "已加载的" };
            return Err(vec![Refusal::new(format!(
                "{which}指标体系「{}」版本「{}」的数据与此文件不同(摘要不一致):同一版本号不能对应两份不同的数据。若这是修订后的指标体系,请在文件中使用新的版本号(version)",
                short_file_text(&loaded.rubric.id),
                short_file_text(&loaded.rubric.version)
            ))]);
        }
        self.rubrics.push(loaded);
        Ok(self.rubrics.last().expect("just pushed"))
    }

    /// The rubric with exactly this id, version and digest.
    pub fn find(&self, r: &RubricRef) -> Option<&LoadedRubric> {
        self.rubrics.iter().find(|x| x.reference() == *r)
    }

    /// The rubric with this id and version (whatever its digest).
    pub fn find_version(&self, id: &str, version: &str) -> Option<&LoadedRubric> {
        self.rubrics.iter().find(|x| x.rubric.id == id && x.rubric.version == version)
    }

    /// The rubrics the user added (all but the bundled one).
    pub fn added(&self) -> &[LoadedRubric] {
        &self.rubrics[1..]
    }

    /// The rubric a stored draft names, or why the draft cannot be scored (Chinese): its version
    /// is not loaded (the user is told where to load it), or the data differ from the loaded ones.
    pub fn resolve(&self, r: &RubricRef) -> Result<&LoadedRubric, Refusal> {
        if let Some(found) = self.find(r) {
            return Ok(found);
        }
        match self.find_version(&r.id, &r.version) {
            Some(_) => Err(Refusal::new(format!(
                "此草稿记录的指标体系「{}」版本「{}」与已加载的同一版本数据不一致(摘要不同),无法按此计分;草稿已原样保留",
                short_file_text(&r.id),
                short_file_text(&r.version)
            ))),
            None => Err(Refusal::new(format!(
                "此草稿使用的指标体系「{}」(版本「{}」)未加载;请先在“指标体系版本”中打开该版本的指标体系文件。草稿已原样保留",
                short_file_text(&r.id),
                short_file_text(&r.version)
            ))),
        }
    }

    /// Removes a user-added rubric; the bundled one stays. Returns whether one was removed.
    pub fn remove(&mut self, r: &RubricRef) -> bool {
        match self.rubrics.iter().skip(1).position(|x| x.reference() == *r) {
            Some(p) => {
                self.rubrics.remove(p + 1);
                true
            }
            None => false,
        }
    }
}

/// How a rubric is named to the user: `网络市场监管与服务示范区创建评估指标体系(征求意见稿)· 版本 2025-10-29-draft`.
pub fn rubric_label(r: &LoadedRubric) -> String {
    format!("{} · 版本 {}", r.rubric.title, r.rubric.version)
}

/// Where a rubric file the user opened is kept in the browser's `localStorage`:
/// `demozone.rubric.<digest>` holds the file's text as it was opened.
pub const RUBRIC_PREFIX: &str = "demozone.rubric.";

/// The storage key of a user-loaded rubric.
pub fn rubric_key(r: &LoadedRubric) -> String {
    format!("{RUBRIC_PREFIX}{}", r.digest)
}

/// One line about a rubric for the list of versions:
/// `征求意见稿 · 2025-10-29 · 4个一级指标、25个二级指标 · 共100分 · 合格:总分≥85分且每个一级指标得分率≥80%`.
pub fn rubric_facts(r: &LoadedRubric) -> String {
    let rb = &r.rubric;
    format!(
        "{} · {} · {}个一级指标、{}个二级指标 · 共{}分 · 合格:总分≥{}分且每个一级指标得分率≥{}%",
        short_file_text(&rb.source.status),
        short_file_text(&rb.source.date),
        rb.dimensions.len(),
        rb.indicators().count(),
        fmt(rb.total_points()),
        fmt(rb.pass_rule.min_total),
        fmt(rb.pass_rule.min_dimension_rate * Decimal::ONE_HUNDRED)
    )
}

/// The first 12 hex digits of a digest, for showing: `sha256:0123456789ab…`.
pub fn short_digest(digest: &str) -> String {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    let head: String = hex.chars().take(12).collect();
    if hex.chars().count() > 12 {
        format!("sha256:{head}…")
    } else {
        format!("sha256:{head}")
    }
}

/// How a rubric named by a draft or file is shown when it may not be loaded: `版本 2026-final-example`.
pub fn rubric_ref_label(r: &RubricRef) -> String {
    format!("版本 {}", short_file_text(&r.version))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::engine::model::fixtures::{
        edited, FINAL_EXAMPLE, MISSING_PASS_RULE, POINTS_DO_NOT_ADD_UP, UNKNOWN_RULE_KIND,
    };
    use crate::engine::model::rubric::BUNDLED_RUBRIC_JSON;
    use crate::engine::rubric::load::rubric_digest;
    use crate::engine::support::problem::texts;

    #[test]
    fn default_set_is_the_bundled_draft() {
        let set = RubricSet::default();
        assert_eq!(set.len(), 1);
        assert_eq!(set.bundled().rubric.version, "2025-10-29-draft");
        assert_eq!(set.bundled().rubric.source.status, "征求意见稿");
        assert!(set.is_bundled(&LoadedRubric::bundled().reference()));
        assert_eq!(set.find(&LoadedRubric::bundled().reference()), Some(set.bundled()));
        assert_eq!(set.refs().len(), 1);
        assert!(rubric_label(set.bundled()).ends_with("· 版本 2025-10-29-draft"));
    }

    #[test]
    fn adding_the_bundled_text_again_is_accepted_once() {
        let mut set = RubricSet::default();
        let r = set.add(BUNDLED_RUBRIC_JSON).unwrap().reference();
        assert_eq!(r, set.bundled().reference());
        assert_eq!(set.len(), 1);
        // CRLF line endings and a BOM do not change the data.
        let crlf = format!("\u{feff}{}", BUNDLED_RUBRIC_JSON.replace('\n', "\r\n"));
        assert!(set.add(&crlf).is_ok());
        assert_eq!(set.len(), 1);
        assert_eq!(rubric_digest(&crlf), set.bundled().digest);
    }

    #[test]
    fn same_id_and_version_with_different_data_is_refused() {
        let mut set = RubricSet::default();
        let text = edited(|v| v["title"] = Value::String("另一个标题".into()));
        let e = texts(set.add(&text).unwrap_err());
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("内置的指标体系「samr-demozone-indicators」版本「2025-10-29-draft」的数据与此文件不同"), "{e:?}");
        assert!(e[0].contains("新的版本号"));
        assert_eq!(set.len(), 1);

        let v2 = edited(|v| v["version"] = Value::String("v2".into()));
        set.add(&v2).unwrap();
        let v2b = edited(|v| {
            v["version"] = Value::String("v2".into());
            v["title"] = Value::String("改".into());
        });
        let e = texts(set.add(&v2b).unwrap_err());
        assert!(e[0].starts_with("已加载的指标体系"), "{e:?}");
        assert_eq!(set.len(), 2);
        let r = set.find_version("samr-demozone-indicators", "v2").unwrap().reference();
        assert!(set.remove(&r));
        assert!(!set.remove(&set.bundled().reference()));
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn fixture_with_points_that_do_not_add_up() {
        let mut set = RubricSet::default();
        assert_eq!(texts(set.add(POINTS_DO_NOT_ADD_UP).unwrap_err()), ["指标 6:子项分值之和 6 与指标分值 5 不符"]);
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn fixture_with_an_unknown_rule_kind() {
        let e = texts(RubricSet::default().add(UNKNOWN_RULE_KIND).unwrap_err());
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("指标 13 第 13.1 项 计分规则(rule) 规则类型(kind):未知的计分规则类型「percent_bands」;本程序支持的计分规则类型为:growth_years、share_bands、"),
            "{e:?}"
        );
    }

    #[test]
    fn fixture_without_a_pass_rule() {
        let e = texts(RubricSet::default().add(MISSING_PASS_RULE).unwrap_err());
        assert_eq!(e, ["指标体系:缺少字段「合格标准(pass_rule)」"]);
    }

    #[test]
    fn fixture_second_version_loads_beside_the_bundled_one() {
        let mut set = RubricSet::default();
        let r = set.add(FINAL_EXAMPLE).unwrap().reference();
        assert_eq!(r.id, "samr-demozone-indicators");
        assert_eq!(r.version, "2026-final-example");
        assert_ne!(r.digest, set.bundled().digest);
        assert_eq!(set.len(), 2);
        assert_eq!(set.find(&r).unwrap().rubric.source.status, "正式稿(示例)");
        assert!(set.find(&RubricRef { digest: "sha256:00".into(), ..r.clone() }).is_none());
    }

    #[test]
    fn resolving_a_drafts_rubric_and_the_labels_of_the_list() {
        let mut set = RubricSet::default();
        let r = load_rubric(FINAL_EXAMPLE).unwrap().reference();
        let e = set.resolve(&r).unwrap_err().to_string();
        assert_eq!(
            e,
            "此草稿使用的指标体系「samr-demozone-indicators」(版本「2026-final-example」)未加载;请先在“指标体系版本”中打开该版本的指标体系文件。草稿已原样保留"
        );
        set.add(FINAL_EXAMPLE).unwrap();
        assert_eq!(set.resolve(&r).unwrap().rubric.version, "2026-final-example");
        assert_eq!(set.added().len(), 1);
        let forged = RubricRef { digest: "sha256:00".into(), ..r.clone() };
        assert!(set.resolve(&forged).unwrap_err().to_string().contains("数据不一致"));

        let b = set.bundled();
        assert_eq!(rubric_key(b), format!("demozone.rubric.{}", b.digest));
        assert!(rubric_key(b).starts_with(RUBRIC_PREFIX));
        assert_eq!(
            rubric_facts(b),
            "征求意见稿 · 2025-10-29 · 4个一级指标、25个二级指标 · 共100分 · 合格:总分≥85分且每个一级指标得分率≥80%"
        );
        let sd = short_digest(&b.digest);
        assert!(sd.starts_with("sha256:") && sd.ends_with('…') && sd.chars().count() == 20, "{sd}");
        assert_eq!(short_digest("sha256:00"), "sha256:00");
        assert_eq!(rubric_ref_label(&r), "版本 2026-final-example");
    }
}

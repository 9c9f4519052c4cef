//! Rubric versions (第十一条: "评估指标可以根据实际需要进行调整").
//!
//! A [`RubricSet`] holds the bundled rubric (the 2025-10-29 征求意见稿) and every rubric file the user
//! has opened. A rubric is identified by its id and version; its digest pins the exact data, so the
//! same id and version can never stand for two different files.
//!
//! [`migrate`] moves an assessment from one rubric to another and says what that changes: which
//! inputs are kept, which are dropped and why, every score and the verdict before and after. It
//! only computes; the app shows the result and asks before replacing anything (nothing is ever
//! re-scored silently under another rubric). See `docs/process.md`.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::assessment::Assessment;
use super::file::{digest_of, LoadedRubric, RubricRef, MAX_FILE_BYTES};
use super::located::{Path, Segment};
use super::num::fmt;
use super::problem::Problem;
use super::rubric::{Rubric, Rule};
use super::score::{score, Outcome};

// ---------------------------------------------------------------------------------------------
// Loading

/// Reads a rubric data file: structure (with Chinese messages naming where), then consistency
/// ([`crate::engine::validate_rubric`], via [`LoadedRubric::from_json`]). Every problem found is
/// returned, each a Chinese sentence.
pub fn load_rubric(text: &str) -> Result<LoadedRubric, Vec<String>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![format!(
            "文件过大({:.1} MB),指标体系文件通常小于1 MB;请确认选择的是指标体系文件",
            text.len() as f64 / 1_048_576.0
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec!["文件是空的".into()]);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.classify() == serde_json::error::Category::Eof {
            "文件不完整(可能在传输中被截断)".to_string()
        } else {
            "不是有效的JSON".to_string()
        };
        vec![format!("指标体系文件第{}行第{}列:{what}", e.line(), e.column())]
    })?;
    let Value::Object(map) = &value else {
        return Err(vec!["不是指标体系文件:内容不是一个JSON对象".into()]);
    };
    if map.contains_key("format") && map.get("format") == Some(&Value::String(super::file::FORMAT_ID.into())) {
        return Err(vec!["这是评估文件,不是指标体系文件;请在“打开评估文件”中打开它".into()]);
    }
    if let Err(e) = super::located::deserialize::<Rubric>(&value) {
        let raw = e.message();
        // An unknown field's path ends with the field itself; the place is its container.
        let drop_last = raw.starts_with("unknown field");
        let location = path_location(&value, e.path(), drop_last);
        let message = structure_message(raw, &location.1);
        return Err(vec![if location.0.is_empty() { message } else { format!("{}:{message}", location.0) }]);
    }
    LoadedRubric::from_json(text)
}

/// Translates a serde path into the rubric's Chinese terms (`指标 4 第 4.1 项 计分规则`), looking up
/// numbers and ids in the document. Also returns the last key (the field the error is about).
fn path_location(value: &Value, path: &Path, drop_last: bool) -> (String, String) {
    let mut parts: Vec<String> = Vec::new();
    let mut node = Some(value);
    let mut last_key = String::new();
    let mut container = String::new();
    let segments: Vec<&Segment> = path.iter().collect();
    let keep = if drop_last { segments.len().saturating_sub(1) } else { segments.len() };
    for seg in segments.into_iter().take(keep) {
        match seg {
            Segment::Map { key } => {
                node = node.and_then(|n| n.get(key));
                last_key = key.clone();
                container = key.clone();
                match key.as_str() {
                    "dimensions" | "indicators" | "items" | "regions" => {}
                    other => parts.push(field_label(other).to_string()),
                }
            }
            Segment::Seq { index } => {
                node = node.and_then(|n| n.get(index));
                let id = |k: &str| node.and_then(|n| n.get(k)).and_then(value_text);
                parts.push(match container.as_str() {
                    "dimensions" => match id("id") {
                        Some(id) => format!("一级指标 {id}"),
                        None => format!("一级指标 第{}个", index + 1),
                    },
                    "indicators" => match id("number") {
                        Some(n) => format!("指标 {n}"),
                        None => format!("二级指标 第{}个", index + 1),
                    },
                    "items" => match id("id") {
                        Some(id) => format!("第 {id} 项"),
                        None => format!("第 {} 个子项", index + 1),
                    },
                    "regions" => match id("id") {
                        Some(id) => format!("区域 {id}"),
                        None => format!("区域 第{}个", index + 1),
                    },
                    _ => format!("第{}个", index + 1),
                });
                // Within an indicator, the dimension adds nothing (indicator numbers are unique).
                if container == "indicators" && parts.len() >= 2 && parts[parts.len() - 2].starts_with("一级指标") {
                    let n = parts.len();
                    parts.remove(n - 2);
                }
            }
            Segment::Enum { variant } => parts.push(variant.clone()),
        }
    }
    let location = if parts.is_empty() { "指标体系".to_string() } else { parts.join(" ") };
    (location, last_key)
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.chars().take(40).collect()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The Chinese name of a field of the rubric data file.
fn field_label(key: &str) -> &str {
    match key {
        "id" => "标识(id)",
        "version" => "版本(version)",
        "title" => "标题(title)",
        "source" => "来源(source)",
        "document" => "文件(document)",
        "date" => "日期(date)",
        "status" => "状态(status)",
        "reading" => "解读(reading)",
        "pass_rule" => "合格标准(pass_rule)",
        "min_total" => "总分合格线(min_total)",
        "min_dimension_rate" => "一级指标得分率合格线(min_dimension_rate)",
        "text" => "文字(text)",
        "process" => "创建流程参数(process)",
        "max_creation_years" => "创建周期上限(max_creation_years)",
        "notice_days" => "公示天数(notice_days)",
        "regions" => "区域(regions)",
        "provinces" => "省份(provinces)",
        "name" => "名称(name)",
        "dimensions" => "一级指标(dimensions)",
        "points" => "分值(points)",
        "indicators" => "二级指标(indicators)",
        "number" => "编号(number)",
        "sum" => "分值汇总方式(sum)",
        "description" => "指标说明(description)",
        "nature" => "变量性质(nature)",
        "methods" => "评估方式(methods)",
        "sources" => "数据或资料来源(sources)",
        "items" => "子项(items)",
        "rule" => "计分规则(rule)",
        "kind" => "规则类型(kind)",
        other => other,
    }
}

/// Puts a serde error in Chinese, keeping the specifics (field names, the value found).
fn structure_message(msg: &str, last_key: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    let ticked: Vec<&str> = msg.split('`').skip(1).step_by(2).collect();
    let first = ticked.first().copied().unwrap_or("");
    if msg.starts_with("missing field") {
        return format!("缺少{}", quote_field(first));
    }
    if msg.starts_with("unknown field") {
        return format!("未知字段「{}」:本程序不认识这个字段", short(first));
    }
    if msg.starts_with("unknown variant") {
        let rest = ticked.get(1..).unwrap_or(&[]);
        let allowed = rest.iter().map(|s| short(s)).collect::<Vec<_>>().join("、");
        return if last_key == "rule" || rest.contains(&"growth_years") {
            format!("未知的计分规则类型「{}」;本程序支持的计分规则类型为:{allowed}", short(first))
        } else {
            format!("取值「{}」无效,应为:{allowed}", short(first))
        };
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let expected = msg.rsplit("expected ").next().unwrap_or("");
        let what = if expected.starts_with("u32") || expected.starts_with("u64") || expected.starts_with("integer") {
            "非负整数".to_string()
        } else if expected.contains("Decimal") || expected.contains("decimal") {
            "数值(写作字符串,例如 \"2.5\")".to_string()
        } else if expected.starts_with("a string") {
            "字符串".to_string()
        } else if expected.starts_with("a sequence") {
            "数组".to_string()
        } else if expected.starts_with("struct") || expected.starts_with("a map") || expected.contains("internally tagged") {
            "对象".to_string()
        } else if expected.starts_with("a boolean") {
            "true 或 false".to_string()
        } else {
            short(expected)
        };
        return format!("类型或取值错误,应为{what}");
    }
    if msg.contains("Decimal") || msg.contains("decimal") || msg.contains("number") {
        return format!("{}不是有效的数值({})", quote_field(last_key), short(msg));
    }
    format!("格式错误({})", short(msg))
}

fn quote_field(key: &str) -> String {
    if key.is_empty() {
        "字段".into()
    } else {
        format!("字段「{}」", field_label(key))
    }
}

fn short(s: &str) -> String {
    super::problem::excerpt(s, 80)
}

// ---------------------------------------------------------------------------------------------
// The set of rubrics

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

    /// The bundled rubric.
    pub fn bundled(&self) -> &LoadedRubric {
        &self.rubrics[0]
    }

    /// All rubrics, the bundled one first, then in the order they were added.
    pub fn all(&self) -> &[LoadedRubric] {
        &self.rubrics
    }

    /// All rubrics as [`crate::engine::read_file`] takes them.
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
    pub fn add(&mut self, text: &str) -> Result<&LoadedRubric, Vec<String>> {
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
            return Err(vec![format!(
                "{which}指标体系「{}」版本「{}」的数据与此文件不同(摘要不一致):同一版本号不能对应两份不同的数据。若这是修订后的指标体系,请在文件中使用新的版本号(version)",
                short(&loaded.rubric.id),
                short(&loaded.rubric.version)
            )]);
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
    pub fn resolve(&self, r: &RubricRef) -> Result<&LoadedRubric, String> {
        if let Some(found) = self.find(r) {
            return Ok(found);
        }
        match self.find_version(&r.id, &r.version) {
            Some(_) => Err(format!(
                "此草稿记录的指标体系「{}」版本「{}」与已加载的同一版本数据不一致(摘要不同),无法按此计分;草稿已原样保留",
                short(&r.id),
                short(&r.version)
            )),
            None => Err(format!(
                "此草稿使用的指标体系「{}」(版本「{}」)未加载;请先在“指标体系版本”中打开该版本的指标体系文件。草稿已原样保留",
                short(&r.id),
                short(&r.version)
            )),
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
        "{} · {} · {}个一级指标、{}个二级指标 · 共{}分 · 合格:总分≥{}分且每个一级指标得分率≥{}% · 创建期一般不超过{}年,公示{}天",
        short(&rb.source.status),
        short(&rb.source.date),
        rb.dimensions.len(),
        rb.indicators().count(),
        fmt(rb.total_points()),
        fmt(rb.pass_rule.min_total),
        fmt(rb.pass_rule.min_dimension_rate * Decimal::ONE_HUNDRED),
        rb.process.max_creation_years,
        rb.process.notice_days
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
    format!("版本 {}", short(&r.version))
}

/// The Chinese name of a rule kind.
pub fn rule_kind_label(kind: &str) -> &'static str {
    match kind {
        "growth_years" => "逐年增速比较",
        "share_bands" => "占比分档",
        "per_count" => "按个数计分",
        "rate_thresholds" => "比率达标",
        "all_of" => "条件全部满足",
        "judged" => "评分",
        "precondition_judged" => "前提条件加评分",
        "any_one" => "符合一项即可得分",
        "weighted_counts" => "按次加权计分",
        _ => "未知规则",
    }
}

// ---------------------------------------------------------------------------------------------
// Migration

/// An input that cannot move to the new rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedInput {
    /// The item id (e.g. `4.1`).
    pub item: String,
    /// Why (Chinese).
    pub reason: String,
}

/// What a score change is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "level", content = "id", rename_all = "snake_case")]
pub enum MigrationLevel {
    Item(String),
    Indicator(u32),
    Dimension(String),
    Total,
}

/// One score that differs between the rubrics. `None`: not in that rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MigrationChange {
    pub level: MigrationLevel,
    /// e.g. `指标4 第4.1项`, `指标4`, `促进发展`, `总分`.
    pub label: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub max_before: Option<Decimal>,
    pub max_after: Option<Decimal>,
}

/// `2分`, or `无此项` when the rubric has no such item, indicator or dimension.
pub fn points_text(v: Option<Decimal>) -> String {
    v.map(|d| format!("{}分", fmt(d))).unwrap_or_else(|| "无此项".into())
}

impl MigrationChange {
    /// `指标4:3分 → 2分(满分5分)`.
    pub fn describe(&self) -> String {
        let s = points_text;
        let mut out = format!("{}:{} → {}", self.label, s(self.before), s(self.after));
        if self.max_before != self.max_after {
            out.push_str(&format!("(满分{} → {})", s(self.max_before), s(self.max_after)));
        }
        out
    }

    /// The score before, for a table cell: `2分`.
    pub fn before_text(&self) -> String {
        points_text(self.before)
    }

    /// The score after, for a table cell.
    pub fn after_text(&self) -> String {
        points_text(self.after)
    }

    /// The maximum, for a table cell: `5分`, or `2分 → 1分` when it changes.
    pub fn max_text(&self) -> String {
        if self.max_before == self.max_after {
            points_text(self.max_after)
        } else {
            format!("{} → {}", points_text(self.max_before), points_text(self.max_after))
        }
    }

    /// A CSS class by level: `change-item`, `change-indicator`, `change-dimension`, `change-total`.
    pub fn level_class(&self) -> &'static str {
        match self.level {
            MigrationLevel::Item(_) => "change-item",
            MigrationLevel::Indicator(_) => "change-indicator",
            MigrationLevel::Dimension(_) => "change-dimension",
            MigrationLevel::Total => "change-total",
        }
    }
}

/// The result of moving an assessment to another rubric: nothing is applied until the caller
/// takes `assessment`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Migration {
    pub from: RubricRef,
    pub to: RubricRef,
    /// The assessment under the new rubric (subject, process and id unchanged; inputs filtered).
    pub assessment: Assessment,
    /// Item ids whose inputs are kept.
    pub kept: Vec<String>,
    pub dropped: Vec<DroppedInput>,
    /// Every item, indicator, dimension and total score that differs (score or maximum).
    pub changes: Vec<MigrationChange>,
    pub total_before: Decimal,
    pub total_after: Decimal,
    pub passed_before: bool,
    pub passed_after: bool,
    /// Problems the assessment has under the new rubric that it did not have before (e.g. a judged
    /// score above an item's new maximum).
    pub new_problems: Vec<Problem>,
    /// Other differences between the rubrics that matter to the user (pass rule, process, ...).
    pub notes: Vec<String>,
}

impl Migration {
    pub fn verdict_changed(&self) -> bool {
        self.passed_before != self.passed_after
    }

    /// Whether moving changes nothing the user would see.
    pub fn is_noop(&self) -> bool {
        self.dropped.is_empty() && self.changes.is_empty() && self.new_problems.is_empty() && self.notes.is_empty()
    }

    /// `总分:7分 → 5分;结论:不合格 → 不合格`.
    pub fn headline(&self) -> String {
        let verdict = |p: bool| if p { "合格" } else { "不合格" };
        format!(
            "总分:{}分 → {}分;结论:{} → {}",
            fmt(self.total_before),
            fmt(self.total_after),
            verdict(self.passed_before),
            verdict(self.passed_after)
        )
    }

    /// The verdict before and after: `合格`/`不合格`.
    pub fn verdicts(&self) -> (&'static str, &'static str) {
        let verdict = |p: bool| if p { "合格" } else { "不合格" };
        (verdict(self.passed_before), verdict(self.passed_after))
    }

    /// The changes as Chinese lines, for the confirmation dialog.
    pub fn summary(&self) -> Vec<String> {
        let mut out = vec![self.headline()];
        out.extend(self.dropped.iter().map(|d| format!("第{}项的输入将被移除:{}", d.item, d.reason)));
        out.extend(self.changes.iter().filter(|c| c.level != MigrationLevel::Total).map(MigrationChange::describe));
        out.extend(self.new_problems.iter().map(|p| p.to_string()));
        out.extend(self.notes.iter().cloned());
        out
    }
}

/// Moves an assessment from one rubric to another and says what changes. Inputs are kept for items
/// present in both rubrics with the same rule kind; all others are dropped with the reason. Both
/// versions are scored in full and compared.
pub fn migrate(assessment: &Assessment, from: &LoadedRubric, to: &LoadedRubric) -> Migration {
    let old_kinds: BTreeMap<&str, &Rule> = from.rubric.items().map(|(_, it)| (it.id.as_str(), &it.rule)).collect();
    let new_kinds: BTreeMap<&str, &Rule> = to.rubric.items().map(|(_, it)| (it.id.as_str(), &it.rule)).collect();

    let mut moved = assessment.clone();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    moved.inputs.retain(|id, input| {
        if input.is_empty() {
            return false;
        }
        let reason = match (old_kinds.get(id.as_str()), new_kinds.get(id.as_str())) {
            (_, None) => format!("新版指标体系中没有第{}项", short(id)),
            (None, Some(_)) => format!("原指标体系中没有第{}项,原输入无法对应", short(id)),
            (Some(a), Some(b)) if a.kind() != b.kind() => format!(
                "计分规则由「{}」改为「{}」,原输入无法沿用",
                rule_kind_label(a.kind()),
                rule_kind_label(b.kind())
            ),
            _ => {
                kept.push(id.clone());
                return true;
            }
        };
        dropped.push(DroppedInput { item: id.clone(), reason });
        false
    });

    let before = score(&from.rubric, assessment);
    let after = score(&to.rubric, &moved);
    let changes = score_changes(&from.rubric, &to.rubric, &before, &after);
    let new_problems: Vec<Problem> =
        after.problems.iter().filter(|p| !before.problems.contains(p)).cloned().collect();

    Migration {
        from: from.reference(),
        to: to.reference(),
        assessment: moved,
        kept,
        dropped,
        changes,
        total_before: before.total,
        total_after: after.total,
        passed_before: before.passed,
        passed_after: after.passed,
        new_problems,
        notes: rubric_notes(&from.rubric, &to.rubric),
    }
}

fn score_changes(from: &Rubric, to: &Rubric, before: &Outcome, after: &Outcome) -> Vec<MigrationChange> {
    let mut out = Vec::new();
    let mut push = |level: MigrationLevel, label: String, b: Option<(Decimal, Decimal)>, a: Option<(Decimal, Decimal)>| {
        if b != a {
            out.push(MigrationChange {
                level,
                label,
                before: b.map(|x| x.0),
                after: a.map(|x| x.0),
                max_before: b.map(|x| x.1),
                max_after: a.map(|x| x.1),
            });
        }
    };

    // Indicators and their items, in the new rubric's order, then those only in the old one.
    let mut numbers: Vec<u32> = to.indicators().map(|i| i.number).collect();
    numbers.extend(from.indicators().map(|i| i.number).filter(|n| to.indicator(*n).is_none()));
    for n in numbers {
        let bi = before.indicator(n);
        let ai = after.indicator(n);
        let mut item_ids: Vec<&str> = ai.map(|i| i.items.iter().map(|x| x.id.as_str()).collect()).unwrap_or_default();
        if let Some(bi) = bi {
            let have: BTreeSet<&str> = item_ids.iter().copied().collect();
            item_ids.extend(bi.items.iter().map(|x| x.id.as_str()).filter(|id| !have.contains(id)));
        }
        for id in item_ids {
            let b = bi.and_then(|i| i.items.iter().find(|x| x.id == id)).map(|x| (x.score, x.max));
            let a = ai.and_then(|i| i.items.iter().find(|x| x.id == id)).map(|x| (x.score, x.max));
            push(MigrationLevel::Item(id.to_string()), format!("指标{n} 第{id}项"), b, a);
        }
        push(
            MigrationLevel::Indicator(n),
            format!("指标{n}"),
            bi.map(|i| (i.score, i.max)),
            ai.map(|i| (i.score, i.max)),
        );
    }
    let mut dim_ids: Vec<&str> = to.dimensions.iter().map(|d| d.id.as_str()).collect();
    dim_ids.extend(
        from.dimensions.iter().map(|d| d.id.as_str()).filter(|id| !to.dimensions.iter().any(|d| d.id == *id)),
    );
    for id in dim_ids {
        let b = before.dimensions.iter().find(|d| d.id == id);
        let a = after.dimensions.iter().find(|d| d.id == id);
        let name = a.or(b).map(|d| d.name.clone()).unwrap_or_else(|| id.to_string());
        push(MigrationLevel::Dimension(id.to_string()), name, b.map(|d| (d.score, d.max)), a.map(|d| (d.score, d.max)));
    }
    push(MigrationLevel::Total, "总分".into(), Some((before.total, before.max)), Some((after.total, after.max)));
    out
}

fn rubric_notes(from: &Rubric, to: &Rubric) -> Vec<String> {
    let mut notes = Vec::new();
    let (a, b) = (&from.pass_rule, &to.pass_rule);
    if a.min_total != b.min_total || a.min_dimension_rate != b.min_dimension_rate {
        notes.push(format!(
            "合格标准由“总分≥{}分、每个一级指标得分率≥{}%”改为“总分≥{}分、每个一级指标得分率≥{}%”",
            fmt(a.min_total),
            fmt(a.min_dimension_rate * Decimal::ONE_HUNDRED),
            fmt(b.min_total),
            fmt(b.min_dimension_rate * Decimal::ONE_HUNDRED)
        ));
    }
    if from.process.max_creation_years != to.process.max_creation_years {
        notes.push(format!(
            "创建周期上限由{}年改为{}年",
            from.process.max_creation_years, to.process.max_creation_years
        ));
    }
    if from.process.notice_days != to.process.notice_days {
        notes.push(format!("公示期由{}天改为{}天", from.process.notice_days, to.process.notice_days));
    }
    if from.regions != to.regions {
        notes.push("区域划分(指标3的门槛所依据的东部、中部、西部、东北)有变化".into());
    }
    notes
}

/// The digest a rubric text would have when loaded (for showing before loading).
pub fn rubric_digest(text: &str) -> String {
    digest_of(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Subject, SubjectKind, BUNDLED_RUBRIC_JSON};

    fn edited(f: impl FnOnce(&mut Value)) -> String {
        let mut v: Value = serde_json::from_str(BUNDLED_RUBRIC_JSON).unwrap();
        f(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    }

    fn item(v: &mut Value, indicator: usize, item: usize) -> &mut Value {
        let mut k = 0;
        for d in v["dimensions"].as_array_mut().unwrap() {
            for ind in d["indicators"].as_array_mut().unwrap() {
                k += 1;
                if k == indicator {
                    return &mut ind["items"][item];
                }
            }
        }
        unreachable!()
    }

    fn hangzhou() -> Assessment {
        Assessment {
            subject: Subject {
                name: "杭州市".into(),
                kind: Some(SubjectKind::SubProvincialCity),
                province: "浙江".into(),
                start_year: Some(2022),
                years: Some(3),
            },
            ..Default::default()
        }
    }

    fn judged(a: &mut Assessment, id: &str, v: &str) {
        a.input_mut(id).values.insert("score".into(), v.into());
    }

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
        let e = set.add(&text).unwrap_err();
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
        let e = set.add(&v2b).unwrap_err();
        assert!(e[0].starts_with("已加载的指标体系"), "{e:?}");
        assert_eq!(set.len(), 2);
        let r = set.find_version("samr-demozone-indicators", "v2").unwrap().reference();
        assert!(set.remove(&r));
        assert!(!set.remove(&set.bundled().reference()));
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn structural_errors_are_chinese_and_located() {
        let e = load_rubric(&edited(|v| item(v, 4, 0)["rule"]["kind"] = Value::String("magic".into()))).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("指标 4 第 4.1 项 计分规则(rule) 规则类型(kind):未知的计分规则类型「magic」;本程序支持的计分规则类型为:growth_years、"), "{e:?}");

        let e = load_rubric(&edited(|v| {
            v.as_object_mut().unwrap().remove("pass_rule");
        }))
        .unwrap_err();
        assert_eq!(e, ["指标体系:缺少字段「合格标准(pass_rule)」"]);

        let e = load_rubric(&edited(|v| {
            v["process"].as_object_mut().unwrap().remove("notice_days");
        }))
        .unwrap_err();
        assert_eq!(e, ["创建流程参数(process):缺少字段「公示天数(notice_days)」"]);

        let e = load_rubric(&edited(|v| v["surprise"] = Value::Bool(true))).unwrap_err();
        assert_eq!(e, ["指标体系:未知字段「surprise」:本程序不认识这个字段"]);

        let e = load_rubric(&edited(|v| item(v, 2, 0)["points"] = Value::String("abc".into()))).unwrap_err();
        assert!(e[0].starts_with("指标 2 第 2 项"), "{e:?}");

        let e = load_rubric(&edited(|v| v["process"]["notice_days"] = Value::String("15".into()))).unwrap_err();
        assert_eq!(e, ["创建流程参数(process) 公示天数(notice_days):类型或取值错误,应为非负整数"]);

        assert_eq!(load_rubric("").unwrap_err(), ["文件是空的"]);
        assert_eq!(load_rubric("[1]").unwrap_err(), ["不是指标体系文件:内容不是一个JSON对象"]);
        assert!(load_rubric("{\"id\": ").unwrap_err()[0].contains("文件不完整"));
        assert!(load_rubric("{,}").unwrap_err()[0].contains("不是有效的JSON"));
        let e = load_rubric(r#"{"format":"demozone-assessment"}"#).unwrap_err();
        assert!(e[0].starts_with("这是评估文件"));
    }

    #[test]
    fn consistency_errors_come_from_validation() {
        let e = load_rubric(&edited(|v| item(v, 4, 0)["points"] = Value::String("3".into()))).unwrap_err();
        assert!(e.contains(&"指标 4:子项分值之和 6 与指标分值 5 不符".to_string()), "{e:?}");
    }

    const FINAL_EXAMPLE: &str = include_str!("../../tests/fixtures/rubrics/2026-final-example.json");
    const POINTS_DO_NOT_ADD_UP: &str = include_str!("../../tests/fixtures/rubrics/points-do-not-add-up.json");
    const UNKNOWN_RULE_KIND: &str = include_str!("../../tests/fixtures/rubrics/unknown-rule-kind.json");
    const MISSING_PASS_RULE: &str = include_str!("../../tests/fixtures/rubrics/missing-pass-rule.json");

    #[test]
    fn fixture_with_points_that_do_not_add_up() {
        let mut set = RubricSet::default();
        assert_eq!(set.add(POINTS_DO_NOT_ADD_UP).unwrap_err(), ["指标 6:子项分值之和 6 与指标分值 5 不符"]);
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn fixture_with_an_unknown_rule_kind() {
        let e = RubricSet::default().add(UNKNOWN_RULE_KIND).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("指标 13 第 13.1 项 计分规则(rule) 规则类型(kind):未知的计分规则类型「percent_bands」;本程序支持的计分规则类型为:growth_years、share_bands、"),
            "{e:?}"
        );
    }

    #[test]
    fn fixture_without_a_pass_rule() {
        let e = RubricSet::default().add(MISSING_PASS_RULE).unwrap_err();
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

        // A file written under the new version opens only when that version is loaded.
        let a = hangzhou();
        let text = crate::engine::write_file(set.find(&r).unwrap(), &a, "");
        let e = crate::engine::read_file(&text, &[set.bundled()]).unwrap_err();
        assert!(e.message.contains("未加载"), "{e}");
        let opened = crate::engine::read_file(&text, &set.refs()).unwrap();
        assert_eq!(opened.rubric_index, 1);
    }

    #[test]
    fn migration_from_the_bundled_rubric_to_the_second_version_shows_the_changes() {
        let mut set = RubricSet::default();
        let to = set.add(FINAL_EXAMPLE).unwrap().clone();
        let from = set.bundled();
        let mut a = hangzhou();
        for (id, s) in [("4.1", "2"), ("4.2", "2"), ("4.3", "1"), ("5.1", "2")] {
            judged(&mut a, id, s);
        }
        let m = migrate(&a, from, &to);
        // Same rule kinds everywhere: every input is kept, nothing dropped.
        assert_eq!(m.kept, ["4.1", "4.2", "4.3", "5.1"]);
        assert!(m.dropped.is_empty());
        assert_eq!(m.assessment, a);
        let lines: Vec<String> = m.changes.iter().map(MigrationChange::describe).collect();
        assert_eq!(
            lines,
            [
                "指标4 第4.1项:2分 → 0分(满分2分 → 1分)",
                "指标4 第4.3项:1分 → 1分(满分1分 → 2分)",
                "指标4:5分 → 3分",
                "促进发展:7分 → 5分",
                "总分:7分 → 5分",
            ]
        );
        assert_eq!(m.changes[2].level, MigrationLevel::Indicator(4));
        assert_eq!(m.changes[3].level, MigrationLevel::Dimension("D1".into()));
        assert_eq!(m.changes[4].level, MigrationLevel::Total);
        // The judged score above the item's new maximum is a new problem, shown before moving.
        assert_eq!(m.new_problems.len(), 1, "{:#?}", m.new_problems);
        assert!(m.new_problems[0].message.contains("超过本项满分1"), "{:#?}", m.new_problems);
        assert_eq!(m.new_problems[0].location.item.as_deref(), Some("4.1"));
        assert!(!m.passed_before && !m.passed_after && !m.verdict_changed());
        assert!(m.notes.is_empty());
        assert!(!m.is_noop());
        assert_eq!(m.summary()[0], "总分:7分 → 5分;结论:不合格 → 不合格");
    }

    #[test]
    fn resolving_a_drafts_rubric_and_the_labels_of_the_list() {
        let mut set = RubricSet::default();
        let r = LoadedRubric::from_json(FINAL_EXAMPLE).unwrap().reference();
        let e = set.resolve(&r).unwrap_err();
        assert_eq!(
            e,
            "此草稿使用的指标体系「samr-demozone-indicators」(版本「2026-final-example」)未加载;请先在“指标体系版本”中打开该版本的指标体系文件。草稿已原样保留"
        );
        set.add(FINAL_EXAMPLE).unwrap();
        assert_eq!(set.resolve(&r).unwrap().rubric.version, "2026-final-example");
        assert_eq!(set.added().len(), 1);
        let forged = RubricRef { digest: "sha256:00".into(), ..r.clone() };
        assert!(set.resolve(&forged).unwrap_err().contains("数据不一致"));

        let b = set.bundled();
        assert_eq!(rubric_key(b), format!("demozone.rubric.{}", b.digest));
        assert!(rubric_key(b).starts_with(RUBRIC_PREFIX));
        assert_eq!(
            rubric_facts(b),
            "征求意见稿 · 2025-10-29 · 4个一级指标、25个二级指标 · 共100分 · 合格:总分≥85分且每个一级指标得分率≥80% · 创建期一般不超过3年,公示15天"
        );
        let sd = short_digest(&b.digest);
        assert!(sd.starts_with("sha256:") && sd.ends_with('…') && sd.chars().count() == 20, "{sd}");
        assert_eq!(short_digest("sha256:00"), "sha256:00");
        assert_eq!(rubric_ref_label(&r), "版本 2026-final-example");
    }

    #[test]
    fn migration_cells_for_the_table() {
        let mut set = RubricSet::default();
        let to = set.add(FINAL_EXAMPLE).unwrap().clone();
        let mut a = hangzhou();
        judged(&mut a, "4.1", "2");
        let m = migrate(&a, set.bundled(), &to);
        let c = &m.changes[0];
        assert_eq!((c.before_text(), c.after_text(), c.max_text()), ("2分".into(), "0分".into(), "2分 → 1分".into()));
        assert_eq!(c.level_class(), "change-item");
        let total = m.changes.last().unwrap();
        assert_eq!(total.max_text(), "100分");
        assert_eq!(total.level_class(), "change-total");
        assert_eq!(m.headline(), "总分:2分 → 0分;结论:不合格 → 不合格");
        assert_eq!(m.verdicts(), ("不合格", "不合格"));
        assert_eq!(points_text(None), "无此项");
    }

    #[test]
    fn migration_to_the_same_rubric_changes_nothing() {
        let b = LoadedRubric::bundled();
        let mut a = hangzhou();
        judged(&mut a, "4.1", "2");
        let m = migrate(&a, &b, &b);
        assert!(m.is_noop(), "{m:#?}");
        assert_eq!(m.assessment, a);
        assert_eq!(m.kept, ["4.1"]);
        assert!(!m.verdict_changed());
    }

    #[test]
    fn migration_drops_missing_items_and_changed_rule_kinds() {
        let from = LoadedRubric::bundled();
        let to = load_rubric(&edited(|v| {
            v["version"] = Value::String("v-test".into());
            // 4.3 becomes an all-of condition; 6.3 disappears (its point goes to 6.2).
            item(v, 4, 2)["rule"] = serde_json::json!({"kind": "all_of", "flags": [{"key": "done", "label": "已形成"}]});
            let ind6 = &mut v["dimensions"][1]["indicators"][0];
            ind6["items"].as_array_mut().unwrap().remove(2);
            ind6["items"][1]["points"] = Value::String("3".into());
            v["pass_rule"]["min_total"] = Value::String("10".into());
            v["pass_rule"]["min_dimension_rate"] = Value::String("0.05".into());
            v["process"]["notice_days"] = serde_json::json!(20);
        }))
        .unwrap();
        let mut a = hangzhou();
        for (id, s) in [("4.1", "2"), ("4.3", "1"), ("5.1", "2"), ("6.1", "2"), ("6.2", "2"), ("6.3", "1"), ("14.1", "2")] {
            judged(&mut a, id, s);
        }
        a.input_mut("24.1").values.insert("law".into(), "1".into());
        let m = migrate(&a, &from, &to);
        assert_eq!(
            m.dropped,
            [
                DroppedInput { item: "4.3".into(), reason: "计分规则由「评分」改为「条件全部满足」,原输入无法沿用".into() },
                DroppedInput { item: "6.3".into(), reason: "新版指标体系中没有第6.3项".into() },
            ]
        );
        assert_eq!(m.kept, ["14.1", "24.1", "4.1", "5.1", "6.1", "6.2"]);
        assert!(!m.assessment.inputs.contains_key("4.3"));
        assert_eq!(m.total_before, Decimal::from(15));
        assert_eq!(m.total_after, Decimal::from(13));
        let ind6 = m.changes.iter().find(|c| c.level == MigrationLevel::Indicator(6)).unwrap();
        assert_eq!(ind6.describe(), "指标6:5分 → 4分");
        let gone = m.changes.iter().find(|c| c.level == MigrationLevel::Item("6.3".into())).unwrap();
        assert_eq!(gone.describe(), "指标6 第6.3项:1分 → 无此项(满分1分 → 无此项)");
        let moved = m.changes.iter().find(|c| c.level == MigrationLevel::Item("6.2".into())).unwrap();
        assert_eq!(moved.describe(), "指标6 第6.2项:2分 → 2分(满分2分 → 3分)");
        // Under the lowered pass line the verdict changes: shown, not applied.
        assert!(!m.passed_before);
        assert!(m.passed_after);
        assert!(m.verdict_changed());
        assert!(m.notes.iter().any(|n| n.starts_with("合格标准由“总分≥85分、每个一级指标得分率≥80%”改为“总分≥10分、每个一级指标得分率≥5%”")));
        assert!(m.notes.contains(&"公示期由15天改为20天".to_string()));
        let summary = m.summary();
        assert_eq!(summary[0], "总分:15分 → 13分;结论:不合格 → 合格");
        assert!(summary.iter().any(|l| l.starts_with("第6.3项的输入将被移除")));
        assert_eq!(m.from, from.reference());
        assert_eq!(m.to, to.reference());
    }
}

//! Versions of the 《管理办法》 as data (`rules/banfa-*.json`, `model::banfa`): reading and checking
//! a 办法 file ([`load_banfa`]), the bundled versions ([`bundled_banfas`], [`banfa_of`]), and the
//! two rules that differ between them, each applied in one function here: the creation period's
//! bounds ([`creation_period_warning`]) and what may follow failed evaluations ([`retry_options`]).
//! The score layer (the 基本情况's period) and the process layer (the timeline) both call them.

use std::sync::OnceLock;

use crate::engine::json::read::read_json;
use crate::engine::model::assessment::{Assessment, MAX_PERIOD_YEARS};
use crate::engine::model::banfa::{
    ArticleKind, Banfa, RetryRule, BANFA_FORMAT, BUNDLED_BANFA_JSON, CURRENT_BANFA_ID, LEGACY_BANFA_ID,
};
use crate::engine::model::process::{EligibilityCondition, Stage};
use crate::engine::model::rubric::Rubric;
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

/// Reads and checks a 办法 file: its JSON and structure (an unknown kind is refused with its
/// place), then its consistency: every article kind, stage and condition once, bounds that do not
/// contradict each other.
pub fn load_banfa(text: &str) -> Result<Banfa, Refusal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Refusal::new("办法文件是空的"));
    }
    let b: Banfa = read_json(text).map_err(|r| Refusal { message: format!("办法文件:{}", r.message), ..r })?;
    check_banfa(&b)?;
    Ok(b)
}

fn check_banfa(b: &Banfa) -> Result<(), Refusal> {
    if b.format != BANFA_FORMAT {
        return Err(Refusal::at_path("format", format!("不是办法文件(format应为「{BANFA_FORMAT}」)")));
    }
    if b.id.trim().is_empty() {
        return Err(Refusal::at_path("id", "办法文件缺少编号(id)"));
    }
    let p = &b.creation_period;
    match (p.min_years, p.max_years) {
        (None, None) => {
            return Err(Refusal::at_path("creation_period", "创建期既无下限(min_years)也无上限(max_years):至少填写一个"))
        }
        (Some(min), Some(max)) if min > max => {
            return Err(Refusal::at_path(
                "creation_period",
                format!("创建期下限(min_years){min}年大于上限(max_years){max}年,两者矛盾"),
            ))
        }
        _ => {}
    }
    for (key, years) in [("min_years", p.min_years), ("max_years", p.max_years)] {
        if let Some(y) = years.filter(|y| !(1..=MAX_PERIOD_YEARS).contains(y)) {
            return Err(Refusal::at_path(
                &format!("creation_period.{key}"),
                format!("创建期年数{y}不在1至{MAX_PERIOD_YEARS}之间"),
            ));
        }
    }
    if b.notice_days == 0 {
        return Err(Refusal::at_path("notice_days", "公示天数应大于0"));
    }
    if let RetryRule::AgainThenAnew { failures_ending_round: 0 } = b.retry {
        return Err(Refusal::at_path("retry.failures_ending_round", "结束一轮创建的未通过次数应大于0"));
    }
    for kind in ArticleKind::ALL {
        let n = b.articles.iter().filter(|a| a.kind == kind).count();
        if n != 1 {
            return Err(Refusal::at_path("articles", format!("条文「{}」应恰有一条,文件中有{n}条", kind.id())));
        }
    }
    if let Some(a) = b.articles.iter().find(|a| a.cite.trim().is_empty() || a.text.trim().is_empty()) {
        return Err(Refusal::at_path("articles", format!("条文「{}」缺少引用名(cite)或文本(text)", a.kind.id())));
    }
    for stage in Stage::ALL {
        let n = b.stages.iter().filter(|s| s.stage == stage).count();
        if n != 1 {
            return Err(Refusal::at_path("stages", format!("阶段「{}」应恰有一条,文件中有{n}条", stage.label())));
        }
    }
    for c in EligibilityCondition::ALL {
        let n = b.conditions.iter().filter(|x| x.kind == c).count();
        if n != 1 {
            return Err(Refusal::at_path("conditions", format!("申请条件「{}」应恰有一条,文件中有{n}条", c.id())));
        }
    }
    Ok(())
}

/// The bundled versions, oldest first (checked by tests; parsed once).
pub fn bundled_banfas() -> &'static [Banfa] {
    static BUNDLED: OnceLock<Vec<Banfa>> = OnceLock::new();
    BUNDLED.get_or_init(|| BUNDLED_BANFA_JSON.iter().filter_map(|t| load_banfa(t).ok()).collect())
}

/// A bundled version by its id.
pub fn banfa_of(id: &str) -> Option<&'static Banfa> {
    bundled_banfas().iter().find(|b| b.id == id)
}

/// The version in force, the default of a new assessment.
pub fn current_banfa() -> &'static Banfa {
    banfa_of(CURRENT_BANFA_ID).unwrap_or_else(|| &bundled_banfas()[bundled_banfas().len() - 1])
}

/// The version an assessment is made under: the one it records, or the 2025-10-29 征求意见稿 when
/// it records none (a file of format version 1, an old draft).
pub fn banfa_for(a: &Assessment) -> Result<&'static Banfa, Refusal> {
    let id = a.banfa.as_deref().unwrap_or(LEGACY_BANFA_ID);
    banfa_of(id).ok_or_else(|| {
        Refusal::at_path(
            "banfa",
            format!(
                "未知的管理办法版本「{}」:本程序认识的版本是{};请使用最新版本的本工具打开",
                short_file_text(id),
                bundled_banfas().iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join("、")
            ),
        )
    })
}

/// The version an assessment is made under, for views: an unknown id (refused when a file is
/// read) falls back to the 征求意见稿's rules.
pub fn banfa_or_legacy(a: &Assessment) -> &'static Banfa {
    banfa_for(a).unwrap_or_else(|_| legacy_banfa())
}

/// The 2025-10-29 征求意见稿's rules.
pub fn legacy_banfa() -> &'static Banfa {
    banfa_of(LEGACY_BANFA_ID).unwrap_or(&bundled_banfas()[0])
}

/// Where a creation period of `years` stands against the 办法's bounds (the one place they are
/// applied): a warning when it is shorter than the minimum or longer than the usual maximum.
pub fn creation_period_warning(years: u32, b: &Banfa) -> Option<String> {
    let p = &b.creation_period;
    if let Some(min) = p.min_years.filter(|min| years < *min) {
        return Some(format!(
            "创建期{years}年,短于{}“{}”的规定(下限{min}年;请核对创建方案)",
            p.cite, p.text
        ));
    }
    if let Some(max) = p.max_years.filter(|max| years > *max) {
        return Some(format!("创建期{years}年,超过{}“{}”的规定(上限{max}年;允许,但请说明理由)", p.cite, p.text));
    }
    None
}

/// The period assumed when the 基本情况 gives none: the usual maximum, else the minimum.
pub fn assumed_creation_years(b: &Banfa) -> u32 {
    b.creation_period.max_years.or(b.creation_period.min_years).unwrap_or(1).max(1)
}

/// What may be done after a failed evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum AfterFailure {
    /// Apply for evaluation again at the next 示范区评估认定.
    EvaluateAgain,
    /// Apply for creation anew.
    Reapply,
}

impl AfterFailure {
    /// The stage to record next.
    pub fn next_stage(self) -> Stage {
        match self {
            AfterFailure::EvaluateAgain => Stage::EvaluationApplication,
            AfterFailure::Reapply => Stage::Apply,
        }
    }

    /// The option's name, as the pages offer it.
    pub fn label(self, b: &Banfa) -> String {
        match self {
            AfterFailure::EvaluateAgain => {
                format!("再次申请评估(按{})", b.stage_cite(Stage::EvaluationApplication))
            }
            AfterFailure::Reapply => format!("重新申请创建(按{})", b.stage_cite(Stage::Apply)),
        }
    }
}

/// The retry rule (the one place it is applied): what may follow `failures` failed evaluations
/// in the current creation round. Under a rule that leaves the choice open, both, always.
pub fn retry_options(failures: usize, b: &Banfa) -> Vec<AfterFailure> {
    match b.retry {
        RetryRule::AgainThenAnew { failures_ending_round } if failures >= failures_ending_round => {
            vec![AfterFailure::Reapply]
        }
        RetryRule::AgainThenAnew { .. } => vec![AfterFailure::EvaluateAgain],
        RetryRule::Choice => vec![AfterFailure::EvaluateAgain, AfterFailure::Reapply],
    }
}

/// The guidance after the latest evaluation failed, `failures` failures in the round.
pub fn retry_text(failures: usize, b: &Banfa) -> String {
    let cite = b.cite(ArticleKind::Retry);
    let options = retry_options(failures, b);
    let names: Vec<String> = options.iter().map(|o| o.label(b)).collect();
    match (&b.retry, options.as_slice()) {
        (RetryRule::Choice, _) => format!("{cite}:未通过评估的,可以{},由创建对象选择", names.join(",也可以")),
        (_, [AfterFailure::Reapply]) => format!("{cite}:本轮创建已{failures}次未通过评估,需{}", names.join("")),
        _ => format!("{cite}:未通过市场监管总局评估,可在下一次示范区评估认定时{}", names.join("")),
    }
}

/// The number of failures that ends a creation round, when the rule has one.
pub fn failures_ending_round(b: &Banfa) -> Option<usize> {
    match b.retry {
        RetryRule::AgainThenAnew { failures_ending_round } => Some(failures_ending_round),
        RetryRule::Choice => None,
    }
}

/// What a page, a report or a file says about the indicator table when it is a draft's (a
/// rubric whose source's status is a 征求意见稿): plainly that it is, and how to use the official
/// one once it is published. `None` for any other table.
pub fn draft_table_note(r: &Rubric) -> Option<String> {
    r.source.status.contains("征求意见稿").then(|| {
        format!(
            "评估指标体系为{}{}(目前唯一公布的指标体系);正式指标体系公布后,请在首页“指标体系版本”中把它作为指标体系文件打开",
            short_file_text(&r.source.date),
            short_file_text(&r.source.status)
        )
    })
}

/// One line naming the rules an assessment is under: `管理办法:…2026年1月修订版(现行);评估指标体系:…`.
pub fn rules_in_use(b: &Banfa, r: &Rubric) -> String {
    format!("管理办法:{};评估指标体系:{}", b.full_label(), short_file_text(&r.title))
}

/// The header's line about the 办法: of the open assessment, or (none open) what a new one is under.
pub fn banfa_line(open: Option<&Banfa>) -> String {
    match open {
        Some(b) if b.in_force => format!("管理办法:{}", b.full_label()),
        Some(b) => format!(
            "管理办法:{}——本评估按此版本的规则制作,不是现行办法;可在“基本情况”中改用{}",
            b.full_label(),
            current_banfa().short_label
        ),
        None => format!("新建自评适用管理办法:{}", current_banfa().full_label()),
    }
}

/// The creation-period rule and the retry rule of a version, in one sentence each, for the
/// page where the version is chosen.
pub fn banfa_rules(b: &Banfa) -> Vec<String> {
    let p = &b.creation_period;
    let mut out = vec![format!("创建期:{}“{}”(来源:{})", p.cite, p.text, p.text_from)];
    let retry = b.article(ArticleKind::Retry);
    if let Some(a) = retry {
        out.push(format!("评估未通过后:{}“{}”(来源:{})", a.cite, a.text, a.text_from));
    }
    if b.articles.iter().any(|a| !a.text_known) {
        out.push(format!(
            "其余条文的正式文本与条号尚未公开,本工具引用{}的条文并注明“征求意见稿”",
            legacy_banfa().version_label
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::banfa::{CURRENT_BANFA_ID, LEGACY_BANFA_ID};

    fn edited(f: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(BUNDLED_BANFA_JSON[1]).unwrap();
        f(&mut v);
        v.to_string()
    }

    #[test]
    fn both_bundled_versions_load() {
        assert_eq!(bundled_banfas().len(), BUNDLED_BANFA_JSON.len());
        for t in BUNDLED_BANFA_JSON {
            load_banfa(t).unwrap();
        }
        assert_eq!(current_banfa().id, CURRENT_BANFA_ID);
        assert!(current_banfa().in_force);
        assert_eq!(legacy_banfa().id, LEGACY_BANFA_ID);
        assert!(!legacy_banfa().in_force);
    }

    #[test]
    fn an_unknown_kind_is_refused_with_its_place() {
        let e = load_banfa(&edited(|v| v["retry"]["kind"] = "three_strikes".into())).unwrap_err().to_string();
        assert!(e.contains("retry") && e.contains("three_strikes"), "{e}");
        let e = load_banfa(&edited(|v| v["articles"][0]["kind"] = "preamble".into())).unwrap_err().to_string();
        assert!(e.starts_with("字段「articles[0].kind」:办法文件:取值无效:「preamble」"), "{e}");
    }

    #[test]
    fn contradicting_or_missing_bounds_are_refused() {
        let e = load_banfa(&edited(|v| {
            v["creation_period"]["min_years"] = 4.into();
            v["creation_period"]["max_years"] = 3.into();
        }))
        .unwrap_err()
        .to_string();
        assert!(e.contains("下限(min_years)4年大于上限(max_years)3年"), "{e}");
        let e = load_banfa(&edited(|v| v["creation_period"]["min_years"] = serde_json::Value::Null))
            .unwrap_err()
            .to_string();
        assert!(e.contains("至少填写一个"), "{e}");
        let e = load_banfa(&edited(|v| v["articles"].as_array_mut().unwrap().pop().map(|_| ()).unwrap()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("management"), "{e}");
        assert!(load_banfa("").is_err());
        assert!(load_banfa("{").is_err());
    }

    #[test]
    fn period_bounds_at_two_to_five_years() {
        let (draft, new) = (legacy_banfa(), current_banfa());
        let flagged = |b: &Banfa| [2, 3, 4, 5].map(|y| creation_period_warning(y, b).is_some());
        assert_eq!(flagged(draft), [false, false, true, true]);
        assert_eq!(flagged(new), [true, false, false, false]);
        assert_eq!(
            creation_period_warning(4, draft).unwrap(),
            "创建期4年,超过第九条“创建活动周期一般不超过3年”的规定(上限3年;允许,但请说明理由)"
        );
        let w = creation_period_warning(2, new).unwrap();
        assert!(w.starts_with("创建期2年,短于2026年修订版“创建期不低于3年”的规定"), "{w}");
        assert_eq!(assumed_creation_years(draft), 3);
        assert_eq!(assumed_creation_years(new), 3);
    }

    #[test]
    fn retry_after_one_and_two_failures() {
        let (draft, new) = (legacy_banfa(), current_banfa());
        assert_eq!(retry_options(1, draft), [AfterFailure::EvaluateAgain]);
        assert_eq!(retry_options(2, draft), [AfterFailure::Reapply]);
        for n in [1, 2, 5] {
            assert_eq!(retry_options(n, new), [AfterFailure::EvaluateAgain, AfterFailure::Reapply]);
        }
        assert_eq!(retry_text(2, draft), "第十七条:本轮创建已2次未通过评估,需重新申请创建(按第七条)");
        assert_eq!(
            retry_text(2, new),
            "2026年修订版:未通过评估的,可以再次申请评估(按征求意见稿第十二条),也可以重新申请创建(按征求意见稿第七条),由创建对象选择"
        );
    }

    #[test]
    fn an_assessment_without_a_recorded_banfa_is_under_the_draft() {
        let mut a = Assessment::default();
        assert_eq!(banfa_for(&a).unwrap().id, LEGACY_BANFA_ID);
        a.banfa = Some(CURRENT_BANFA_ID.into());
        assert_eq!(banfa_for(&a).unwrap().id, CURRENT_BANFA_ID);
        a.banfa = Some("samr-banfa-2099".into());
        assert!(banfa_for(&a).unwrap_err().to_string().contains("未知的管理办法版本「samr-banfa-2099」"));
        assert_eq!(banfa_or_legacy(&a).id, LEGACY_BANFA_ID);
    }

    #[test]
    fn the_header_says_which_banfa_applies() {
        assert_eq!(banfa_line(None), "新建自评适用管理办法:《网络市场监管与服务示范区创建管理办法》2026年1月修订版(现行)");
        assert!(banfa_line(Some(legacy_banfa())).contains("不是现行办法"));
        assert!(banfa_rules(current_banfa())[0].contains("创建期不低于3年"));
        assert_eq!(banfa_rules(legacy_banfa()).len(), 2);
        assert_eq!(banfa_rules(current_banfa()).len(), 3);
    }

    #[test]
    fn the_stages_follow_the_drafts_articles() {
        let cites: Vec<_> = Stage::ALL.iter().map(|s| legacy_banfa().stage_cite(*s)).collect();
        assert_eq!(
            cites,
            ["第七条", "第八条", "第九条", "第十条", "第十二条", "第十二条", "第十三条", "第十四条", "第十五条", "第十六条"]
        );
        assert_eq!(legacy_banfa().stage_title(Stage::Apply), "申请创建(第七条)");
        assert_eq!(current_banfa().stage_title(Stage::Apply), "申请创建(征求意见稿第七条)");
    }

    #[test]
    fn the_2026_file_labels_every_text_it_takes_from_the_draft() {
        let new = current_banfa();
        for a in &new.articles {
            if !a.text_known {
                assert!(a.cite.starts_with("征求意见稿") && a.text_from.contains("征求意见稿"), "{a:?}");
            }
        }
        assert!(new.article(ArticleKind::Retry).unwrap().text_known);
    }
}

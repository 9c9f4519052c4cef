//! The stages of the 管理办法 (第七条–第十六条) as recorded: the first step of the timeline reads
//! each stage's date ([`stage_dates`]), the second checks the dates against each other and today
//! ([`check_order`], [`check_application`]), and the last puts each stage together with the
//! problems every step found about it ([`stage_views`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::eligibility::{EligibilityResult, EligibilityStatus};
use super::found::Found;
use crate::engine::model::banfa::Banfa;
use crate::engine::model::process::{Process, Stage, StageRecord};
use crate::engine::support::dates::{parse_optional, Date};
use crate::engine::support::problem::Problem;

/// The stage records read: one record per stage and the dates that are valid.
#[derive(Debug, Default)]
pub struct StageDates<'a> {
    /// The record taken for each stage (the first one; a repeated one is reported and ignored).
    pub records: BTreeMap<Stage, &'a StageRecord>,
    /// The stages whose date is recorded and valid.
    pub dates: BTreeMap<Stage, Date>,
    /// The stages whose date is recorded but invalid (already reported).
    pub invalid: BTreeSet<Stage>,
}

impl StageDates<'_> {
    /// The date of a stage, when recorded and valid.
    pub fn date(&self, stage: Stage) -> Option<Date> {
        self.dates.get(&stage).copied()
    }
}

/// Step 1, stage dates: takes one record per stage (a stage recorded twice is an error; the
/// repeat is not used) and parses its date. An invalid date is an error; a document or a note
/// without a date is a warning.
pub fn stage_dates<'a>(process: &'a Process, found: &mut Found) -> StageDates<'a> {
    let mut out = StageDates::default();
    for (i, rec) in process.stages.iter().enumerate() {
        let s = rec.stage;
        if out.records.contains_key(&s) {
            found.stage_error_with(s, || {
                format!("「{}」记录了不止一次(第{}条重复记录未采用);每个阶段只记录本轮创建的一条", s.label(), i + 1)
            });
            continue;
        }
        out.records.insert(s, rec);
        match parse_optional(&rec.date) {
            Ok(Some(d)) => {
                out.dates.insert(s, d);
            }
            Ok(None) => {
                if !rec.document.trim().is_empty() || !rec.note.trim().is_empty() {
                    found.stage_warning(s, format!("「{}」已填写文件或备注,但未填写日期", s.label()));
                }
            }
            Err(e) => {
                out.invalid.insert(s);
                found.stage_error(s, format!("「{}」的日期无效:{e}", s.label()));
            }
        }
    }
    out
}

/// Step 2, order check: no stage may be dated before an earlier stage (an error on the later
/// one, naming both); a date after `today` is a warning; a stage left undated while a later one
/// is dated is a warning. Returns the current stage: the latest stage with a valid date.
pub fn check_order(stages: &StageDates, today: Date, banfa: &Banfa, found: &mut Found) -> Option<Stage> {
    let mut latest: Option<(Stage, Date)> = None;
    for s in Stage::ALL {
        let Some(d) = stages.date(s) else { continue };
        if let Some((ps, pd)) = latest {
            if d < pd {
                found.stage_error(
                    s,
                    format!(
                        "「{}」({})的日期{d}早于前一阶段「{}」({})的日期{pd}:阶段日期不能倒退",
                        s.label(),
                        banfa.stage_cite(s),
                        ps.label(),
                        banfa.stage_cite(ps)
                    ),
                );
            }
        }
        if latest.is_none_or(|(_, pd)| d >= pd) {
            latest = Some((s, d));
        }
        if d > today {
            found.stage_warning(s, format!("「{}」的日期{d}晚于今天({today}),请确认", s.label()));
        }
    }
    let current = Stage::ALL.into_iter().rev().find(|s| stages.dates.contains_key(s));
    if let Some(cur) = current {
        for s in Stage::ALL.into_iter().take(cur.index()) {
            // A stage whose date is invalid already has its error.
            if !stages.dates.contains_key(&s) && !stages.invalid.contains(&s) {
                found.stage_warning(s, format!("「{}」未记录日期,而其后的阶段「{}」已记录", s.label(), cur.label()));
            }
        }
    }
    current
}

/// 第七条 after 第五条, 第六条: an application recorded while a condition is answered "not met"
/// is a warning on 申请创建.
pub fn check_application(stages: &StageDates, eligibility: &EligibilityResult, found: &mut Found) {
    if stages.dates.contains_key(&Stage::Apply) && eligibility.status == EligibilityStatus::NotEligible {
        found.stage_warning(Stage::Apply, format!("已记录申请创建,但{}", eligibility.unmet.join(";")));
    }
}

/// One stage as read: its record as typed, its date when valid, and its problems.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageView {
    pub stage: Stage,
    pub label: &'static str,
    pub article: String,
    /// The date, when recorded and valid.
    pub date: Option<Date>,
    /// The date as typed.
    pub date_text: String,
    pub document: String,
    pub note: String,
    /// The problems located at this stage (also in `TimelineView::problems`).
    pub problems: Vec<Problem>,
}

/// The last step, stage views: every stage in order, recorded or not, with the problems the
/// steps before found about it.
pub fn stage_views(stages: &StageDates, banfa: &Banfa, found: &Found) -> Vec<StageView> {
    Stage::ALL
        .into_iter()
        .map(|s| {
            let rec = stages.records.get(&s);
            StageView {
                stage: s,
                label: s.label(),
                article: banfa.stage_cite(s).to_string(),
                date: stages.date(s),
                date_text: rec.map(|r| r.date.clone()).unwrap_or_default(),
                document: rec.map(|r| r.document.clone()).unwrap_or_default(),
                note: rec.map(|r| r.note.clone()).unwrap_or_default(),
                problems: found.of_stage(s),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::process::Eligibility;
    use crate::engine::process::fixtures::{d, params, with};

    fn messages(f: &Found) -> Vec<(bool, String)> {
        f.all.listed().iter().map(|p| (p.is_error(), p.message.clone())).collect()
    }

    #[test]
    fn stage_dates_take_the_first_record_and_say_what_is_wrong() {
        let mut p = with(&[(Stage::Apply, "2025-01-01"), (Stage::Approved, "2025-13-01")]);
        p.record_mut(Stage::Notice).note = "待发布".into();
        p.stages.push(StageRecord { stage: Stage::Apply, date: "2025-02-01".into(), ..StageRecord::new(Stage::Apply) });
        let mut f = Found::default();
        let s = stage_dates(&p, &mut f);
        assert_eq!(s.date(Stage::Apply), Some(d("2025-01-01")));
        assert_eq!(s.date(Stage::Approved), None);
        assert!(s.invalid.contains(&Stage::Approved));
        assert!(s.records.contains_key(&Stage::Notice) && s.date(Stage::Notice).is_none());
        let m = messages(&f);
        assert_eq!(m.len(), 3, "{m:#?}");
        assert!(m[0].0 && m[0].1.starts_with("「总局同意创建」的日期无效:"));
        assert_eq!(m[1], (false, "「公示」已填写文件或备注,但未填写日期".to_string()));
        assert!(m[2].0 && m[2].1.starts_with("「申请创建」记录了不止一次(第4条重复记录未采用)"), "{m:#?}");
    }

    #[test]
    fn order_check_finds_backwards_future_and_skipped_stages() {
        let p = with(&[(Stage::Apply, "2025-03-01"), (Stage::Approved, "2025-02-01"), (Stage::Creating, "2026-01-01")]);
        let mut f = Found::default();
        let s = stage_dates(&p, &mut f);
        let current = check_order(&s, d("2025-06-01"), params(), &mut f);
        assert_eq!(current, Some(Stage::Creating));
        let m = messages(&f);
        assert_eq!(m.len(), 3, "{m:#?}");
        assert!(
            m[0].0 && m[0].1.starts_with("「总局同意创建」(第九条)的日期2025-02-01早于前一阶段「申请创建」(第七条)")
        );
        assert_eq!(m[1], (false, "「创建」的日期2026-01-01晚于今天(2025-06-01),请确认".to_string()));
        assert_eq!(m[2], (false, "「省级初审推荐」未记录日期,而其后的阶段「创建」已记录".to_string()));
        // An invalid date is not reported again as missing.
        let p = with(&[(Stage::Apply, "2025-02-30"), (Stage::ProvinceRecommend, "2025-03-01")]);
        let mut f = Found::default();
        let s = stage_dates(&p, &mut f);
        assert_eq!(check_order(&s, d("2025-06-01"), params(), &mut f), Some(Stage::ProvinceRecommend));
        assert_eq!(f.all.len(), 1);
        assert_eq!(check_order(&StageDates::default(), d("2025-06-01"), params(), &mut Found::default()), None);
    }

    #[test]
    fn an_application_while_not_eligible_is_warned() {
        use crate::engine::model::assessment::Subject;
        use crate::engine::process::eligibility::check_eligibility;

        let p = with(&[(Stage::Apply, "2025-01-01")]);
        let mut e = Eligibility::default();
        e.innovation.met = Some(false);
        let not_eligible = check_eligibility(&Subject::default(), &e, params());
        let incomplete = check_eligibility(&Subject::default(), &Eligibility::default(), params());
        let mut f = Found::default();
        let s = stage_dates(&p, &mut f);
        check_application(&s, &incomplete, &mut f);
        assert!(f.all.is_empty());
        check_application(&s, &not_eligible, &mut f);
        assert_eq!(
            messages(&f),
            [(false, "已记录申请创建,但不符合第六条(三)网络市场监管与服务创新能力较强".to_string())]
        );
        assert_eq!(stage_views(&s, params(), &f)[0].problems.len(), 1);
    }

    #[test]
    fn stage_views_cover_every_stage_with_its_record() {
        let mut p = with(&[(Stage::Notice, "2025-05-05")]);
        p.record_mut(Stage::Notice).document = "公告".into();
        let mut f = Found::default();
        let s = stage_dates(&p, &mut f);
        f.stage_error(Stage::Notice, "x");
        let v = stage_views(&s, params(), &f);
        assert_eq!(v.len(), Stage::ALL.len());
        let n = &v[Stage::Notice.index()];
        assert_eq!(
            (n.label, n.article.clone(), n.date, n.document.as_str()),
            ("公示", "第十五条".to_string(), Some(d("2025-05-05")), "公告")
        );
        assert_eq!(n.problems.len(), 1);
        assert!(v[0].date.is_none() && v[0].date_text.is_empty() && v[0].problems.is_empty());
    }
}

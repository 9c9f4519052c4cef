//! Dynamic management (第二十二条): the measures taken against a recognised zone, and whether the
//! subject is a zone at all (recognised, not revoked).

use serde::Serialize;

use super::found::{event_location, Found};
use crate::engine::model::banfa::{ArticleKind, Banfa};
use crate::engine::model::process::{EventKind, ManagementEvent, Measure, Process, Stage};
use crate::engine::support::dates::{parse_optional, Date};
use crate::engine::support::problem::{Problem, Severity};

/// One 第二十二条 measure as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventView {
    pub index: usize,
    pub date: Option<Date>,
    pub kind: Option<EventKind>,
    pub measure: Option<Measure>,
    pub problems: Vec<Problem>,
}

/// Whether the subject is a recognised zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoneStatus {
    /// Date of 认定, when recorded.
    pub recognised: Option<Date>,
    /// Date of the first 取消资格 measure, when recorded.
    pub revoked: Option<Date>,
    /// Recognised and not revoked: 第二十二条 dynamic management applies.
    pub dynamic_management: bool,
    pub text: String,
}

/// The dynamic-management records read.
#[derive(Debug, Clone, PartialEq)]
pub struct Management {
    pub events: Vec<EventView>,
    /// The earliest valid date of a 取消资格 measure.
    pub revoked: Option<Date>,
}

/// Step 5, management events (第二十二条): each record needs a valid date, a situation and a
/// measure (errors); a measure before 认定, or without one, is a warning (the article applies to
/// recognised zones), so is one dated after today, and one dated after the zone was revoked.
pub fn management_events(
    process: &Process,
    recognised: Option<Date>,
    today: Date,
    banfa: &Banfa,
    found: &mut Found,
) -> Management {
    let mut revoked: Option<Date> = None;
    let mut dated: Vec<(usize, Date)> = Vec::new();
    for (i, e) in process.events.iter().enumerate() {
        if let Some(d) = check_event(i, e, recognised, today, banfa, found) {
            dated.push((i, d));
            if e.measure == Some(Measure::Revoke) && revoked.is_none_or(|r| d < r) {
                revoked = Some(d);
            }
        }
    }
    if let Some(rv) = revoked {
        for &(i, _) in dated.iter().filter(|(_, d)| *d > rv) {
            found.event_with(i, Severity::Warning, || {
                Problem::warning(event_location(i), format!("示范区资格已于{rv}取消,此后不再适用动态管理措施"))
            });
        }
    }
    let events = process
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| EventView {
            index: i,
            date: parse_optional(&e.date).ok().flatten(),
            kind: e.kind,
            measure: e.measure,
            problems: found.of_event(i),
        })
        .collect();
    Management { events, revoked }
}

/// The checks of one record on its own; its date when valid.
fn check_event(
    i: usize,
    e: &ManagementEvent,
    recognised: Option<Date>,
    today: Date,
    banfa: &Banfa,
    found: &mut Found,
) -> Option<Date> {
    let at = || event_location(i);
    let date = match parse_optional(&e.date) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            found.event_with(i, Severity::Error, || Problem::error(at(), "未填写日期"));
            None
        }
        Err(msg) => {
            found.event_with(i, Severity::Error, || Problem::error(at(), format!("日期无效:{msg}")));
            None
        }
    };
    let article = banfa.cite(ArticleKind::Management);
    if e.kind.is_none() {
        found.event_with(i, Severity::Error, || Problem::error(at(), format!("未选择情形({article}第(一)(二)(三)项之一)")));
    }
    if e.measure.is_none() {
        found.event_with(i, Severity::Error, || Problem::error(at(), "未选择措施(约谈、警示或取消示范区资格)"));
    }
    match (recognised, date) {
        (None, _) => found.event_with(i, Severity::Warning, || {
            Problem::warning(at(), format!("尚未记录「认定」:{article}的动态管理措施适用于已认定的示范区"))
        }),
        (Some(r), Some(d)) if d < r => found.event_with(i, Severity::Warning, || {
            Problem::warning(at(), format!("日期{d}早于认定日期{r}:{article}的动态管理措施适用于已认定的示范区"))
        }),
        _ => {}
    }
    if let Some(d) = date.filter(|d| *d > today) {
        found.event_with(i, Severity::Warning, || Problem::warning(at(), format!("日期{d}晚于今天({today}),请确认")));
    }
    date
}

/// Whether the subject is a zone (认定, 第十六条) and whether dynamic management applies
/// (第二十二条): from the recognition date, the revocation date and the current stage.
pub fn zone_status(recognised: Option<Date>, revoked: Option<Date>, current: Option<Stage>, banfa: &Banfa) -> ZoneStatus {
    let article = banfa.cite(ArticleKind::Management);
    let text = match (recognised, revoked) {
        (_, Some(rv)) => format!(
            "示范区资格已于{rv}取消({article}):自此不再是网络市场监管与服务示范区,动态管理随之终止"
        ),
        (Some(r), None) => format!(
            "已于{r}认定为网络市场监管与服务示范区;适用动态管理({article}):市场监管总局不定期督促指导,出现{article}所列情形的,根据情节轻重予以约谈、警示,直至取消示范区资格"
        ),
        (None, None) => match current {
            None => "尚未申请创建".to_string(),
            Some(s) => format!("尚未认定;当前阶段:{}", banfa.stage_title(s)),
        },
    };
    ZoneStatus { recognised, revoked, dynamic_management: recognised.is_some() && revoked.is_none(), text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::process::fixtures::{d, params};

    fn event(date: &str, kind: Option<EventKind>, measure: Option<Measure>) -> ManagementEvent {
        ManagementEvent { date: date.into(), kind, measure, ..Default::default() }
    }

    fn messages(f: &Found, i: usize) -> Vec<(bool, String)> {
        f.of_event(i).iter().map(|p| (p.is_error(), p.message.clone())).collect()
    }

    #[test]
    fn a_record_needs_date_situation_and_measure() {
        let p = Process { events: vec![event("2026/1/1", None, None)], ..Default::default() };
        let mut f = Found::default();
        let m = management_events(&p, Some(d("2025-06-01")), d("2026-12-01"), params(), &mut f);
        let own = messages(&f, 0);
        assert_eq!(own.len(), 3, "{own:#?}");
        assert!(own.iter().all(|(e, _)| *e));
        assert!(own[0].1.starts_with("日期无效:"));
        assert!(own[1].1.starts_with("未选择情形"));
        assert!(own[2].1.starts_with("未选择措施"));
        assert_eq!(m.events[0].date, None);
        assert_eq!(m.events[0].problems.len(), 3);
    }

    #[test]
    fn measures_apply_to_a_recognised_zone_until_it_is_revoked() {
        let ok = |date: &str, measure| event(date, Some(EventKind::Decline), Some(measure));
        let p = Process {
            events: vec![
                ok("2025-05-01", Measure::Interview),
                ok("2026-09-01", Measure::Revoke),
                ok("2026-10-01", Measure::Warning),
                ok("2027-01-01", Measure::Warning),
            ],
            ..Default::default()
        };
        let mut f = Found::default();
        let m = management_events(&p, Some(d("2025-06-01")), d("2026-12-01"), params(), &mut f);
        assert_eq!(m.revoked, Some(d("2026-09-01")));
        assert_eq!(
            messages(&f, 0),
            [(false, "日期2025-05-01早于认定日期2025-06-01:第二十二条的动态管理措施适用于已认定的示范区".to_string())]
        );
        assert!(messages(&f, 1).is_empty());
        assert_eq!(messages(&f, 2), [(false, "示范区资格已于2026-09-01取消,此后不再适用动态管理措施".to_string())]);
        let last = messages(&f, 3);
        assert_eq!(last.len(), 2);
        assert_eq!(last[0].1, "日期2027-01-01晚于今天(2026-12-01),请确认");
        assert_eq!(m.events.len(), 4);

        let mut f = Found::default();
        management_events(&p, None, d("2027-12-01"), params(), &mut f);
        assert!(messages(&f, 1)[0].1.starts_with("尚未记录「认定」"));
    }

    #[test]
    fn zone_status_follows_recognition_and_revocation() {
        let s = zone_status(None, None, None, params());
        assert_eq!(s.text, "尚未申请创建");
        assert!(!s.dynamic_management);
        assert_eq!(zone_status(None, None, Some(Stage::Approved), params()).text, "尚未认定;当前阶段:总局同意创建(第九条)");
        let s = zone_status(Some(d("2025-06-01")), None, Some(Stage::Recognised), params());
        assert!(s.dynamic_management);
        assert!(s.text.starts_with("已于2025-06-01认定为网络市场监管与服务示范区;适用动态管理(第二十二条)"));
        let s = zone_status(Some(d("2025-06-01")), Some(d("2026-09-01")), Some(Stage::Recognised), params());
        assert!(!s.dynamic_management);
        assert!(s.text.starts_with("示范区资格已于2026-09-01取消(第二十二条)"));
    }
}

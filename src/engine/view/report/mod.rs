//! The printed reports: the 自评报告 (第十二条) of the self layer, and a reviewer's 初审意见
//! (第十三条) or 评估意见 (第十四条) of a review layer.
//!
//! [`build_report`] gives everything a report shows, as text: a title, an opening paragraph and
//! a list of [`Section`]s in print order. The app lays out each kind of section and prints it; it
//! computes nothing. One function builds each section, beside the section's types:
//! [`front`] (基本情况, 评审信息), [`scores`] (得分汇总), [`items`] (逐项自评 / 逐项评审) and
//! [`closing`] (未达标项与差距, the opinion, the signatures, the appendix), [`raise`] (提分路径,
//! printed when the user asks: [`ReportOptions`]) and [`annex`] (附件:佐证材料目录).

pub mod annex;
pub mod closing;
pub mod front;
pub mod items;
pub mod raise;
pub mod scores;

use crate::engine::model::assessment::Assessment;
use crate::engine::model::review::{Review, ReviewRole};
use crate::engine::model::rubric::Rubric;
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::score::items::score;
use crate::engine::score::outcome::Outcome;
use crate::engine::score::review::score_review;
use crate::engine::support::text::isolate;
use crate::engine::view::roles::LayerChoice;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// 自评报告 (第十二条).
    SelfAssessment,
    /// 评估初审意见 (第十三条).
    Province,
    /// 专家评估意见 (第十四条).
    Expert,
}

impl ReportKind {
    pub fn id(self) -> &'static str {
        match self {
            ReportKind::SelfAssessment => "self",
            ReportKind::Province => "province",
            ReportKind::Expert => "expert",
        }
    }

    /// The report of a layer written in `role` (the self layer: `None`).
    pub fn of(role: Option<ReviewRole>) -> ReportKind {
        match role {
            None => ReportKind::SelfAssessment,
            Some(ReviewRole::Province) => ReportKind::Province,
            Some(ReviewRole::Expert) => ReportKind::Expert,
        }
    }

    /// The column header of this layer's scores: `自评得分`, `初审得分`, `专家评分`.
    pub fn score_header(self) -> &'static str {
        match self {
            ReportKind::SelfAssessment => "自评得分",
            ReportKind::Province => "初审得分",
            ReportKind::Expert => "专家评分",
        }
    }

    /// The short header of this layer's item scores: `得分`, `初审`, `专家`.
    pub fn item_score_header(self) -> &'static str {
        match self {
            ReportKind::SelfAssessment => "得分",
            ReportKind::Province => "初审",
            ReportKind::Expert => "专家",
        }
    }
}

/// Everything a printed report shows, as text, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub kind: ReportKind,
    /// `杭州市网络市场监管与服务示范区创建自评报告`.
    pub title: String,
    /// The opening paragraph (which article, who, what).
    pub intro: String,
    /// The sections in print order; the numbered ones are numbered in that order (一、基本情况).
    pub sections: Vec<Section>,
    /// Whether this report has a 提分路径 to offer (a 自评报告 that does not pass), shown or not.
    pub raise_path_available: bool,
}

/// What the user chose to print beyond the report's fixed sections.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// The 提分路径 section, after 未达标项与差距 (only a 自评报告 that does not pass has one).
    pub raise_path: bool,
}

/// One section of a report, with its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    /// 基本情况: the subject, the rubric, the date.
    Basics(front::Facts),
    /// 评审信息 (review reports): who reviewed, when, how.
    Reviewer(front::Facts),
    /// 得分汇总: the total, the dimensions, the verdict.
    Scores(scores::Scores),
    /// 逐项自评 / 逐项评审: every indicator and item.
    Items(items::Items),
    /// 未达标项与差距: unmet conditions, indicators that lost points, open items.
    Gaps(closing::Gaps),
    /// 提分路径, when the user chose to print it.
    RaisePath(raise::RaiseSection),
    /// 初审意见 / 评估意见 (review reports).
    Opinion(closing::Opinion),
    /// Lines to sign (盖章, 签字, 日期).
    Signatures(Vec<String>),
    /// 附录: the rubric's source, its reading notes, and how the report was made.
    Appendix(closing::Appendix),
    /// 附件:佐证材料目录, when there are evidence entries.
    EvidenceAnnex(annex::EvidenceAnnex),
}

impl Section {
    /// The heading that gets a number (`一、`), for the sections that have one.
    fn numbered_heading(&mut self) -> Option<&mut String> {
        match self {
            Section::Basics(f) | Section::Reviewer(f) => Some(&mut f.heading),
            Section::Scores(s) => Some(&mut s.heading),
            Section::Items(i) => Some(&mut i.heading),
            Section::Gaps(g) => Some(&mut g.heading),
            Section::RaisePath(r) => Some(&mut r.heading),
            Section::Opinion(o) => Some(&mut o.heading),
            Section::Signatures(_) | Section::Appendix(_) | Section::EvidenceAnnex(_) => None,
        }
    }
}

/// 一, 二, … for section numbers (1–10; beyond that, the digits).
pub fn chinese_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    D.get(n.wrapping_sub(1)).map(|s| s.to_string()).unwrap_or_else(|| n.to_string())
}

/// What the sections of one report read: the rubric, the assessment, the layer reported on and
/// the outcomes of the self layer and of that layer.
struct Source<'a> {
    loaded: &'a LoadedRubric,
    a: &'a Assessment,
    /// The review layer reported on; `None` for the 自评报告.
    review: Option<&'a Review>,
    kind: ReportKind,
    self_o: Outcome,
    layer_o: Option<Outcome>,
    /// The subject's name as shown (isolated), or `(未填写创建对象名称)`.
    name: String,
    /// The date of a 自评报告.
    today: &'a str,
}

impl<'a> Source<'a> {
    fn new(loaded: &'a LoadedRubric, a: &'a Assessment, layer: LayerChoice, today: &'a str) -> Source<'a> {
        let review = layer.review(a);
        let name = match a.subject.name.trim() {
            "" => "(未填写创建对象名称)".to_string(),
            n => isolate(n),
        };
        Source {
            loaded,
            a,
            review,
            kind: ReportKind::of(review.map(|r| r.role)),
            self_o: score(&loaded.rubric, a),
            layer_o: review.map(|r| score_review(&loaded.rubric, r)),
            name,
            today,
        }
    }

    fn rubric(&self) -> &'a Rubric {
        &self.loaded.rubric
    }

    /// The outcome of the layer reported on.
    fn outcome(&self) -> &Outcome {
        self.layer_o.as_ref().unwrap_or(&self.self_o)
    }

    fn is_review(&self) -> bool {
        self.review.is_some()
    }

    /// The reviewer's unit as shown (isolated), when given.
    fn reviewer_unit(&self) -> Option<String> {
        self.review.map(|r| isolate(r.reviewer.unit.trim())).filter(|u| !u.is_empty())
    }

    /// The reviewer's name as shown (isolated), when given.
    fn reviewer_name(&self) -> Option<String> {
        self.review.map(|r| isolate(r.reviewer.name.trim())).filter(|u| !u.is_empty())
    }
}

/// Builds the report of one layer of `a` under `loaded`: the 自评报告 for the self layer, the
/// 初审意见 or 评估意见 for a review layer (a layer that is not there gives the 自评报告).
/// `today` (`2026-11-27`) dates the 自评报告; a review report carries its review's date.
pub fn build_report(loaded: &LoadedRubric, a: &Assessment, layer: LayerChoice, today: &str) -> Report {
    build_report_with(loaded, a, layer, today, ReportOptions::default())
}

/// [`build_report`] with the sections the user chose to print (`options`).
pub fn build_report_with(
    loaded: &LoadedRubric,
    a: &Assessment,
    layer: LayerChoice,
    today: &str,
    options: ReportOptions,
) -> Report {
    let src = Source::new(loaded, a, layer, today);
    let raise = raise::raise_section(&src);
    let raise_path_available = raise.is_some();
    let mut sections: Vec<Section> = [
        Some(Section::Basics(front::basics(&src))),
        front::reviewer(&src).map(Section::Reviewer),
        Some(Section::Scores(scores::scores(&src))),
        Some(Section::Items(items::items(&src))),
        Some(Section::Gaps(closing::gaps(&src))),
        raise.filter(|_| options.raise_path).map(Section::RaisePath),
        closing::opinion(&src).map(Section::Opinion),
        Some(Section::Signatures(closing::signatures(&src))),
        Some(Section::Appendix(closing::appendix(&src))),
        annex::evidence_annex(&src).map(Section::EvidenceAnnex),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (n, heading) in sections.iter_mut().filter_map(Section::numbered_heading).enumerate() {
        *heading = format!("{}、{heading}", chinese_ordinal(n + 1));
    }
    Report { kind: src.kind, title: front::title(&src), intro: front::intro(&src), sections, raise_path_available }
}

#[cfg(test)]
mod tests {
    use super::closing::{Appendix, Gaps, Opinion};
    use super::front::Facts;
    use super::items::Items;
    use super::scores::Scores;
    use super::*;
    use crate::engine::model::review::{Method, ReviewItem, Reviewer};
    use crate::engine::support::num::fmt;
    use crate::engine::view::fixtures::hangzhou;
    use crate::engine::view::roles::{layer_outcome, start_review};

    fn basics(r: &Report) -> &Facts {
        r.sections.iter().find_map(|s| if let Section::Basics(x) = s { Some(x) } else { None }).unwrap()
    }
    fn reviewer(r: &Report) -> Option<&Facts> {
        r.sections.iter().find_map(|s| if let Section::Reviewer(x) = s { Some(x) } else { None })
    }
    fn scores(r: &Report) -> &Scores {
        r.sections.iter().find_map(|s| if let Section::Scores(x) = s { Some(x) } else { None }).unwrap()
    }
    fn items(r: &Report) -> &Items {
        r.sections.iter().find_map(|s| if let Section::Items(x) = s { Some(x) } else { None }).unwrap()
    }
    fn gaps(r: &Report) -> &Gaps {
        r.sections.iter().find_map(|s| if let Section::Gaps(x) = s { Some(x) } else { None }).unwrap()
    }
    fn opinion(r: &Report) -> Option<&Opinion> {
        r.sections.iter().find_map(|s| if let Section::Opinion(x) = s { Some(x) } else { None })
    }
    fn signatures(r: &Report) -> &[String] {
        r.sections.iter().find_map(|s| if let Section::Signatures(x) = s { Some(x.as_slice()) } else { None }).unwrap()
    }
    fn appendix(r: &Report) -> &Appendix {
        r.sections.iter().find_map(|s| if let Section::Appendix(x) = s { Some(x) } else { None }).unwrap()
    }

    #[test]
    fn self_report_has_every_section() {
        let (loaded, a) = hangzhou();
        let rep = build_report(&loaded, &a, LayerChoice::SelfLayer, "2026-11-27");
        assert_eq!(rep.kind, ReportKind::SelfAssessment);
        assert_eq!(rep.title, "杭州市网络市场监管与服务示范区创建自评报告");
        assert!(rep.intro.contains("第十二条"));
        assert_eq!(basics(&rep).heading, "一、基本情况");
        assert_eq!(scores(&rep).heading, "二、得分汇总");
        assert_eq!(items(&rep).heading, "三、逐项自评");
        assert_eq!(gaps(&rep).heading, "四、未达标项与差距");
        assert!(reviewer(&rep).is_none() && opinion(&rep).is_none());
        assert!(basics(&rep).rows.iter().any(|(k, v)| k == "所在省份(地区)" && v == "浙江(东部地区)"));
        assert!(basics(&rep).rows.iter().any(|(k, v)| k == "报告日期" && v == "2026-11-27"));
        let o = score(&loaded.rubric, &a);
        let s = scores(&rep);
        assert_eq!(s.passed, o.passed);
        assert_eq!(s.rows.len(), o.dimensions.len() + 1);
        for (row, d) in s.rows.iter().zip(&o.dimensions) {
            assert_eq!(row.rate, d.rate_display());
            assert_eq!(row.met, d.passed);
        }
        assert_eq!(s.rows.last().unwrap().score, fmt(o.total));
        let indicators = &items(&rep).indicators;
        assert_eq!(indicators.len(), loaded.rubric.indicators().count());
        let i4 = indicators.iter().find(|i| i.number == 4).unwrap();
        assert!(i4.items[0].basis.starts_with("示例"), "{:?}", i4.items[0]);
        assert!(i4.score_line.starts_with("得分 "));
        assert_eq!(indicators[0].dimension_heading.as_deref(), Some("(一)促进发展(20分)"));
        assert!(i4.dimension_heading.is_none());
        assert_eq!(layer_outcome(&loaded.rubric, &a, LayerChoice::Review(3)), o);
        let i1 = &indicators[0];
        assert!(!i1.items[0].details.is_empty());
        // Gaps are exactly the indicators that lost points, with gap = achievable - score.
        for g in &gaps(&rep).gaps {
            let n: u32 = g.label.trim_start_matches("指标").split(' ').next().unwrap().parse().unwrap();
            let r = o.indicator(n).unwrap();
            assert_eq!(g.gap, fmt(r.achievable - r.score));
        }
        assert_eq!(gaps(&rep).gaps.len(), o.indicators.iter().filter(|i| i.score < i.achievable).count());
        assert!(appendix(&rep).readings.iter().any(|(h, _)| h.starts_with("指标1 ")));
        assert!(appendix(&rep).readings.iter().all(|(_, t)| !t.is_empty()));
        assert!(appendix(&rep).source.contains("征求意见稿"));
        assert!(s.passed);
        assert!(
            s.verdict_line.starts_with(&format!("总分{}分;各一级指标得分率:促进发展", fmt(o.total))),
            "{}",
            s.verdict_line
        );
        assert_eq!(items(&rep).item_score_header, "得分");
    }

    #[test]
    fn review_report_shows_both_layers() {
        let (loaded, mut a) = hangzhou();
        let (i, _) = start_review(
            &mut a,
            ReviewRole::Expert,
            Reviewer { name: "张三".into(), unit: "某大学".into() },
            "2026-11-27",
        );
        a.reviews[i].items.insert(
            "4.1".into(),
            ReviewItem { score: "0.5".into(), comment: "案例不足".into(), method: Some(Method::ExpertEvaluation) },
        );
        a.reviews[i].opinion = "建议补充材料后再评".into();
        let rep = build_report(&loaded, &a, LayerChoice::Review(i), "2026-11-30");
        assert_eq!(rep.kind, ReportKind::Expert);
        assert_eq!(rep.title, "杭州市网络市场监管与服务示范区创建专家评估意见");
        assert_eq!(reviewer(&rep).map(|r| r.heading.as_str()), Some("二、评审信息"));
        assert_eq!(items(&rep).heading, "四、逐项评审");
        assert_eq!(opinion(&rep).map(|o| o.heading.as_str()), Some("六、评估意见"));
        assert_eq!(opinion(&rep).unwrap().text, "建议补充材料后再评");
        assert!(reviewer(&rep).unwrap().rows.iter().any(|(k, v)| k == "评估方式" && v == "专家评估1项"));
        assert!(reviewer(&rep).unwrap().rows.iter().any(|(k, v)| k == "评审日期" && v == "2026-11-27"));
        assert!(!basics(&rep).rows.iter().any(|(k, _)| k == "报告日期"));
        let s = scores(&rep);
        assert_eq!(s.self_header.as_deref(), Some("自评得分"));
        assert!(s.rows.iter().all(|r| r.self_score.is_some()));
        assert!(!s.passed);
        assert!(s.verdict_line.starts_with("不合格:"));
        assert_eq!(items(&rep).item_score_header, "专家");
        let i4 = items(&rep).indicators.iter().find(|x| x.number == 4).unwrap();
        let it = &i4.items[0];
        assert_eq!((it.score.as_str(), it.method.as_str(), it.comment.as_str()), ("0.5", "专家评估", "案例不足"));
        assert!(it.differs);
        assert_eq!(i4.items[1].score, "—");
        assert_eq!(i4.items[1].status, "未评分");
        assert!(i4.score_line.starts_with("专家评分 0.5 / 5 分(自评 "), "{}", i4.score_line);
        assert!(gaps(&rep).open_items.iter().any(|l| l.starts_with("未评分的子项")));
        assert!(signatures(&rep).iter().any(|s| s == "工作单位:某大学"));
        // A missing layer gives the self report.
        assert_eq!(build_report(&loaded, &a, LayerChoice::Review(99), "x").kind, ReportKind::SelfAssessment);
    }

    #[test]
    fn sections_come_in_print_order() {
        let kinds = |r: &Report| -> Vec<&'static str> {
            r.sections
                .iter()
                .map(|s| match s {
                    Section::Basics(_) => "basics",
                    Section::Reviewer(_) => "reviewer",
                    Section::Scores(_) => "scores",
                    Section::Items(_) => "items",
                    Section::Gaps(_) => "gaps",
                    Section::RaisePath(_) => "raise_path",
                    Section::Opinion(_) => "opinion",
                    Section::Signatures(_) => "signatures",
                    Section::Appendix(_) => "appendix",
                    Section::EvidenceAnnex(_) => "evidence_annex",
                })
                .collect()
        };
        let (loaded, mut a) = hangzhou();
        let rep = build_report(&loaded, &a, LayerChoice::SelfLayer, "2026-11-27");
        assert_eq!(kinds(&rep), ["basics", "scores", "items", "gaps", "signatures", "appendix"]);
        assert_eq!(appendix(&rep).heading, "附录:指标解读说明");
        let (i, _) = start_review(&mut a, ReviewRole::Province, Reviewer::default(), "");
        let rep = build_report(&loaded, &a, LayerChoice::Review(i), "2026-11-27");
        assert_eq!(rep.kind, ReportKind::Province);
        assert_eq!(kinds(&rep), ["basics", "reviewer", "scores", "items", "gaps", "opinion", "signatures", "appendix"]);
        assert_eq!(opinion(&rep).unwrap().heading, "六、初审意见");
        assert_eq!(gaps(&rep).heading, "五、未达标项与差距");
    }

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(10), "十");
        assert_eq!(chinese_ordinal(11), "11");
        assert_eq!(chinese_ordinal(0), "0");
    }
}

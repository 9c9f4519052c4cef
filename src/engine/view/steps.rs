//! A new user's first steps: what counts as an error yet, what a heading shows, what to do next,
//! and which controls of the start page can do something.
//!
//! - A field nobody has touched is not an error: a blank field of 基本情况 is shown as still to
//!   fill in ([`subject_field`]) until the user has edited it and left it blank; values typed
//!   wrong are errors at once. The summary and the printed report list everything still missing.
//! - Headings drop the seed's closing "。" ([`heading`]); the full text keeps it.
//! - [`next_step`]: one short line beside "已填完 N/N 项", from the state of the draft.

use crate::engine::model::assessment::Subject;
use crate::engine::model::rubric::RubricRef;
use crate::engine::score::outcome::{ItemStatus, Outcome};
use crate::engine::support::problem::Problem;

/// Whether the 基本情况 field named `field` (its label, as in the problems' locations) is blank.
pub fn subject_blank(subject: &Subject, field: &str) -> bool {
    match field {
        "创建对象名称" => subject.name.trim().is_empty(),
        "创建对象类型" => subject.kind.is_none(),
        "所在省份" => subject.province.trim().is_empty(),
        "创建期起始年份" => subject.start_year.is_none(),
        "创建期年数" => subject.years.is_none(),
        _ => false,
    }
}

/// A problem that only says a 基本情况 field is still blank.
pub fn is_blank_field(p: &Problem, subject: &Subject) -> bool {
    p.location.section.as_deref() == Some("subject")
        && p.location.field.as_deref().is_some_and(|f| subject_blank(subject, f))
}

/// What a field of 基本情况 shows beside its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldView {
    /// The problems to show: (is an error, message).
    pub problems: Vec<(bool, String)>,
    /// Blank and not touched yet: shown as still to fill in, not as an error.
    pub pending: bool,
}

impl FieldView {
    /// Whether the input is marked invalid (`aria-invalid`, the red border).
    pub fn invalid(&self) -> bool {
        self.problems.iter().any(|p| p.0)
    }
}

/// The 基本情况 field `field`: its problems, unless it is blank and the user has not `touched`
/// it (edited it and left it) yet: then it is only still to fill in.
pub fn subject_field(outcome: &Outcome, subject: &Subject, field: &str, touched: bool) -> FieldView {
    if !touched && subject_blank(subject, field) {
        return FieldView { problems: Vec::new(), pending: true };
    }
    let problems = outcome
        .problems
        .iter()
        .filter(|p| p.location.section.as_deref() == Some("subject") && p.location.field.as_deref() == Some(field))
        .map(|p| (p.is_error(), p.message.clone()))
        .collect();
    FieldView { problems, pending: false }
}

/// The text still to fill in shows.
pub const PENDING: &str = "待填写";

/// A heading made of a seed sentence: without its closing "。" (the full text keeps it).
pub fn heading(text: &str) -> &str {
    let t = text.trim_end();
    t.strip_suffix('。').unwrap_or(t)
}

/// What the user has done with the open draft in this visit, beyond what it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Done {
    /// The 结果汇总 page has been shown since the last change.
    pub checked_summary: bool,
    /// The report page has been shown since the last change.
    pub printed: bool,
    /// The assessment has been saved as a file since the last change.
    pub saved_file: bool,
}

/// Where the next step leads, for a link beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepPlace {
    Subject,
    Indicator(u32),
    Summary,
    Report,
    /// Saving the file (the button that does it).
    SaveFile,
    /// Nothing left to do in the program.
    None,
}

/// The next step: one short line and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub text: String,
    pub place: StepPlace,
}

/// The next step for a draft whose self-assessment is `outcome` (its `subject`), given what the
/// user has `done`: fill in what is blank (基本情况 first, then the first indicator not filled
/// in), correct the errors, check the summary, print the 自评报告, save the file, send it to the
/// province.
pub fn next_step(outcome: &Outcome, subject: &Subject, done: Done) -> NextStep {
    let step = |text: String, place| NextStep { text, place };
    let blank = ["创建对象名称", "创建对象类型", "所在省份", "创建期起始年份", "创建期年数"]
        .iter()
        .any(|f| subject_blank(subject, f));
    if blank {
        return step("下一步:填写基本情况".into(), StepPlace::Subject);
    }
    let open = outcome.indicators.iter().find(|i| i.items.iter().any(|it| matches!(it.status, ItemStatus::Empty | ItemStatus::Incomplete)));
    let errors = outcome.problems.iter().filter(|p| p.is_error()).count();
    if let Some(i) = open {
        let (done_items, all) = outcome.progress();
        return step(format!("下一步:填写指标{}(还有{}项未填完)", i.number, all - done_items), StepPlace::Indicator(i.number));
    }
    if errors > 0 {
        return step(format!("下一步:在结果汇总中改正{errors}处错误"), StepPlace::Summary);
    }
    if !done.checked_summary {
        let what = if outcome.passed { "分数和结论" } else { "未达标的原因" };
        return step(format!("下一步:在结果汇总中核对{what}"), StepPlace::Summary);
    }
    if !done.printed {
        return step("下一步:打印自评报告".into(), StepPlace::Report);
    }
    if !done.saved_file {
        return step("下一步:保存为文件".into(), StepPlace::SaveFile);
    }
    step("下一步:把保存的文件和自评报告报送省级市场监管部门".into(), StepPlace::None)
}

/// Whether the start page's "草稿改用其他版本" form can do anything: some usable draft is
/// scored with one version while another is loaded.
pub fn can_move_drafts(drafts: &[RubricRef], loaded: &[RubricRef]) -> bool {
    drafts.iter().any(|d| loaded.iter().any(|r| r != d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::assessment::Assessment;
    use crate::engine::rubric::load::LoadedRubric;
    use crate::engine::score::items::score;

    const FIELDS: [&str; 5] = ["创建对象名称", "创建对象类型", "所在省份", "创建期起始年份", "创建期年数"];

    /// 杭州市 (the process's test subject), from 2023.
    fn filled() -> Subject {
        Subject { start_year: Some(2023), ..crate::engine::process::fixtures::subject() }
    }

    #[test]
    fn a_blank_untouched_field_is_still_to_fill_in_and_no_error() {
        let r = LoadedRubric::bundled().rubric;
        let a = Assessment::default();
        let o = score(&r, &a);
        for f in FIELDS {
            // The engine still knows it is missing (the summary and the report list it) …
            assert!(o.problems.iter().any(|p| p.is_error() && is_blank_field(p, &a.subject)), "{f}");
            // … but the field shows it as still to fill in until touched.
            let v = subject_field(&o, &a.subject, f, false);
            assert!(v.pending && v.problems.is_empty() && !v.invalid(), "{f}");
            let v = subject_field(&o, &a.subject, f, true);
            assert!(!v.pending && v.invalid(), "{f}: left blank after editing is an error");
        }
    }

    #[test]
    fn a_value_typed_wrong_is_an_error_at_once() {
        let r = LoadedRubric::bundled().rubric;
        // A municipality with the wrong kind: the kind is an error, touched or not.
        let a = Assessment { subject: Subject { province: "上海".into(), ..filled() }, ..Default::default() };
        let o = score(&r, &a);
        let v = subject_field(&o, &a.subject, "创建对象类型", false);
        assert!(v.invalid() && !v.pending, "{v:?}");
        assert!(!is_blank_field(o.problems.iter().find(|p| p.is_error()).unwrap(), &a.subject));
        // A warning on a filled field shows as a warning, not an error.
        let a = Assessment { subject: Subject { years: Some(4), ..filled() }, ..Default::default() };
        let o = score(&r, &a);
        let v = subject_field(&o, &a.subject, "创建期年数", false);
        assert_eq!(v.problems.len(), 1);
        assert!(!v.invalid());
    }

    #[test]
    fn headings_drop_the_closing_full_stop_only() {
        assert_eq!(heading("网络交易额增长。"), "网络交易额增长");
        assert_eq!(heading("网络交易额增长。 "), "网络交易额增长");
        assert_eq!(heading("甲。乙"), "甲。乙");
        assert_eq!(heading("没有句号"), "没有句号");
        let r = LoadedRubric::bundled().rubric;
        assert!(r.indicators().any(|i| i.title.ends_with('。')), "the seed's titles end with 。");
        assert!(r.indicators().all(|i| !heading(&i.title).ends_with('。')));
    }

    fn example() -> Assessment {
        crate::engine::view::fixtures::hangzhou().1
    }

    #[test]
    fn the_next_step_follows_from_the_state() {
        let r = LoadedRubric::bundled().rubric;
        let none = Done::default();
        let blank = Assessment::default();
        let s = next_step(&score(&r, &blank), &blank.subject, none);
        assert_eq!((s.text.as_str(), s.place), ("下一步:填写基本情况", StepPlace::Subject));
        let started = Assessment { subject: filled(), ..Default::default() };
        let o = score(&r, &started);
        let s = next_step(&o, &started.subject, none);
        let (_, all) = o.progress();
        assert_eq!(s.place, StepPlace::Indicator(1));
        assert_eq!(s.text, format!("下一步:填写指标1(还有{all}项未填完)"));

        let a = example();
        let o = score(&r, &a);
        let s = next_step(&o, &a.subject, none);
        assert_eq!((s.text.as_str(), s.place), ("下一步:在结果汇总中核对分数和结论", StepPlace::Summary));
        let checked = Done { checked_summary: true, ..none };
        assert_eq!(next_step(&o, &a.subject, checked).place, StepPlace::Report);
        let printed = Done { printed: true, ..checked };
        assert_eq!(next_step(&o, &a.subject, printed).text, "下一步:保存为文件");
        let saved = Done { saved_file: true, ..printed };
        let s = next_step(&o, &a.subject, saved);
        assert_eq!((s.text.as_str(), s.place), ("下一步:把保存的文件和自评报告报送省级市场监管部门", StepPlace::None));

        // A typed error in a complete assessment: correct it first.
        let mut wrong = a.clone();
        let (id, k) = wrong.inputs.iter().find_map(|(id, i)| i.values.keys().next().map(|k| (id.clone(), k.clone()))).unwrap();
        wrong.input_mut(&id).values.insert(k, "x".into());
        let o = score(&r, &wrong);
        let s = next_step(&o, &wrong.subject, saved);
        assert!(s.text.starts_with("下一步:在结果汇总中改正") && s.place == StepPlace::Summary, "{s:?}");
    }

    #[test]
    fn the_move_form_shows_only_when_a_draft_could_move() {
        let a = RubricRef { id: "r".into(), version: "1".into(), digest: "a".into() };
        let b = RubricRef { id: "r".into(), version: "2".into(), digest: "b".into() };
        assert!(!can_move_drafts(&[], &[a.clone(), b.clone()]), "no drafts");
        assert!(!can_move_drafts(&[a.clone()], &[a.clone()]), "one version");
        assert!(can_move_drafts(&[a.clone()], &[a, b]));
    }
}

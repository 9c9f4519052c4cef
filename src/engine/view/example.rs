//! The example assessment a new user can look at first ("查看示例" on the start page): a complete,
//! passing assessment with invented figures (`tests/examples/pass-hangzhou.json`, which the site
//! serves at [`EXAMPLE_PATH`] and the app fetches only when asked), opened as a draft of its own.
//!
//! It is marked in the data itself: its creation object's name starts with [`EXAMPLE_MARK`] and
//! says the figures are invented. Everything that shows the name shows the mark — the draft list,
//! the header, the file name when it is saved, the printed report's title — and a file saved from
//! it opens as the example again, so it never passes for a user's own assessment.

use crate::engine::io::file::read_file;
use crate::engine::json::text::{file_text, FileKind};
use crate::engine::model::assessment::{Assessment, Subject};
use crate::engine::rubric::load::LoadedRubric;
use crate::engine::support::problem::Refusal;

/// Where the site serves the example file (relative to the page).
pub const EXAMPLE_PATH: &str = "examples/pass-hangzhou.json";

/// The start of an example's creation object name.
pub const EXAMPLE_MARK: &str = "【示例】";

/// Said at the end of an example's name.
const INVENTED: &str = "(虚构数据)";

/// Whether the assessment of `subject` is the example.
pub fn is_example(subject: &Subject) -> bool {
    is_example_name(&subject.name)
}

/// Whether a creation object's name marks the example (see [`is_example`]).
pub fn is_example_name(name: &str) -> bool {
    name.trim_start().starts_with(EXAMPLE_MARK)
}

/// Marks `a` as the example (once).
pub fn mark_example(a: &mut Assessment) {
    if is_example(&a.subject) {
        return;
    }
    let name = a.subject.name.trim();
    a.subject.name = format!("{EXAMPLE_MARK}{name}{INVENTED}");
}

/// The example read from the file the site serves: which rubric of `rubrics` it is scored with,
/// and the assessment, marked.
pub fn read_example(bytes: &[u8], rubrics: &[&LoadedRubric]) -> Result<(usize, Assessment), Refusal> {
    let text = file_text(bytes, FileKind::Assessment)?;
    let opened = read_file(text, rubrics)?;
    let mut a = opened.file.assessment;
    mark_example(&mut a);
    Ok((opened.rubric_index, a))
}

/// The line shown above every page of the example.
pub fn example_note() -> &'static str {
    "这是示例自评:一份已填完、结论为合格的评估,数据为虚构,供了解填写方式和结果。可以随意查看、修改、打印;它与您自己的草稿分开,不需要时删除即可。"
}

/// Why the example could not be opened, in one line.
pub fn example_failure(reason: &str) -> String {
    format!("无法打开示例:{reason}。您的草稿没有改变;可刷新页面后再试。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::io::draft::{display_title, file_name};
    use crate::engine::score::items::score;
    use crate::engine::view::report::build_report;
    use crate::engine::view::roles::LayerChoice;

    fn example() -> (Assessment, &'static LoadedRubric) {
        let rubric: &'static LoadedRubric = Box::leak(Box::new(LoadedRubric::bundled()));
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/", "tests/examples/pass-hangzhou.json")).unwrap();
        let (i, a) = read_example(&bytes, &[rubric]).unwrap();
        assert_eq!(i, 0);
        (a, rubric)
    }

    #[test]
    fn the_example_is_complete_passing_and_marked_everywhere_its_name_is_shown() {
        let (a, rubric) = example();
        let o = score(&rubric.rubric, &a);
        assert!(o.passed, "the example passes");
        let (done, all) = o.progress();
        assert_eq!(done, all, "every item is filled in");
        assert!(o.problems.iter().all(|p| !p.is_error()), "{:?}", o.problems);
        assert!(is_example(&a.subject));
        assert_eq!(a.subject.name, "【示例】杭州市(虚构数据)");
        assert!(display_title("", &a.subject).contains("【示例】"));
        assert!(file_name(&a.subject.name, "2026-12-05", "v1").starts_with("【示例】杭州市(虚构数据)-自评-"));
        let report = build_report(rubric, &a, LayerChoice::SelfLayer, "2026-12-05");
        assert!(report.title.starts_with("【示例】杭州市(虚构数据)"), "{}", report.title);
    }

    #[test]
    fn marking_twice_marks_once_and_a_users_name_is_not_an_example() {
        let (mut a, _) = example();
        let name = a.subject.name.clone();
        mark_example(&mut a);
        assert_eq!(a.subject.name, name);
        let mut own = Subject { name: "示例市".into(), ..Subject::default() };
        assert!(!is_example(&own));
        own.name = " 【示例】某市".into();
        assert!(is_example(&own));
    }

    #[test]
    fn a_broken_example_file_is_refused_with_a_reason() {
        let rubric = LoadedRubric::bundled();
        let e = read_example(b"{", &[&rubric]).unwrap_err();
        assert!(!example_failure(&e.to_string()).is_empty());
        assert!(example_failure("网络错误").starts_with("无法打开示例:网络错误"));
    }
}

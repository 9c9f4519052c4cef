//! `demozone panel FILE|FOLDER...`: 专家组合议 on the command line. The sheets are read as the app
//! reads them and merged by the app's function (`view::tools::panel_of`: the first sheet's
//! rubric, the engine's refusals); the output is its JSON (`view::tool_export::panel_output`) or
//! one CSV row per indicator (`view::tool_export::panel_csv`).

use std::ffi::OsString;
use std::io::Write;

use demozone::engine::io::file::Opened;
use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::view::tool_export::{panel_csv, panel_output};
use demozone::engine::view::tools::{failure_view, panel_of};

use super::args::{parse, Takes};
use super::input::{expand, open_assessment};
use super::rubric::load_set;
use super::text::{json, line};
use super::{help, report_unreadable, usage_error};

pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let p = match parse(args, Takes { csv: true, rubric: true, ..Takes::default() }) {
        Ok(p) => p,
        Err(e) => return usage_error(err, "panel", &e),
    };
    if p.help {
        let _ = writeln!(out, "{}", help::PANEL);
        return 0;
    }
    if p.files.is_empty() {
        return usage_error(err, "panel", "没有指定专家评分表");
    }
    let Some(set) = load_set(&p.rubrics, err) else { return 2 };
    let rubrics = set.refs();
    let inputs = expand(&p.files);
    let mut failures = inputs.folder_failures;
    for f in &failures {
        line(err, &format!("{}: {}:{}", f.name, f.place, f.reason));
    }
    let mut opened: Vec<(String, Opened)> = Vec::new();
    for input in &inputs.files {
        match open_assessment(input, &rubrics) {
            Ok(o) => opened.push((input.name.clone(), o)),
            Err(e) => {
                report_unreadable(err, &input.name, &e);
                failures.push(failure_view(&input.name, &e));
            }
        }
    }
    let read: Vec<(&str, &Opened, &LoadedRubric)> =
        opened.iter().filter_map(|(name, o)| Some((name.as_str(), o, *rubrics.get(o.rubric_index)?))).collect();
    let merged = panel_of(&read);
    let rubric = read.first().map(|r| &r.2.rubric);
    let names: Vec<String> = opened.iter().map(|(name, _)| name.clone()).collect();

    let mut code = if failures.is_empty() { 0 } else { 1 };
    match &merged {
        None => {
            line(err, "没有可以合并的专家评分表");
            code = 1;
        }
        Some(Err(refusals)) => {
            line(err, "以下评分表不能与其他评分表合并,请移除后再合议:");
            for r in refusals {
                line(err, &format!("  {r}"));
            }
            code = 1;
        }
        Some(Ok(_)) => {}
    }
    if p.csv {
        if let (Some(Ok(panel)), Some(rubric)) = (&merged, rubric) {
            let _ = out.write_all(panel_csv(panel, rubric).as_bytes());
        }
    } else {
        let result = merged.as_ref().zip(rubric);
        let _ = out.write_all(&json(&panel_output(result, &names, &failures)));
    }
    code
}

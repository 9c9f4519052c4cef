//! `demozone panel FILE|FOLDER...`: 专家组合议 on the command line. The sheets are read as the app
//! reads them (`view::tool_files::PanelSheet`: what the app's worker answers) and merged by the app's function (`view::tools::panel_of`: the first sheet's
//! rubric, the engine's refusals); the output is its JSON (`view::tool_export::panel_output`) or
//! one CSV row per indicator (`view::tool_export::panel_csv`).

use std::ffi::OsString;
use std::io::Write;

use demozone::engine::rubric::load::LoadedRubric;
use demozone::engine::view::tool_export::{panel_csv, panel_output};
use demozone::engine::view::tool_files::PanelSheet;
use demozone::engine::view::tools::panel_of;

use super::args::Takes;
use super::input::read_each;
use super::prepare;
use super::text::{json, line};

pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (p, set) = match prepare("panel", args, Takes { csv: true, rubric: true, ..Takes::default() }, out, err) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let rubrics = set.refs();
    // What the app keeps of each sheet (read in its tools' worker), so that both merge the same.
    let mut opened: Vec<(String, PanelSheet)> = Vec::new();
    let batch = read_each(&p.files, &rubrics, err, |name, o, _| opened.push((name.to_string(), PanelSheet::of(&o))));
    let read: Vec<(&str, &PanelSheet, &LoadedRubric)> =
        opened.iter().filter_map(|(name, s)| Some((name.as_str(), s, *rubrics.get(s.rubric_index)?))).collect();
    let merged = panel_of(&read);
    let rubric = read.first().map(|r| &r.2.rubric);
    let names: Vec<String> = read.iter().map(|(name, _, _)| name.to_string()).collect();

    let mut code = if batch.failures.is_empty() { 0 } else { 1 };
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
        let _ = out.write_all(&json(&panel_output(result, &names, &batch.failures)));
    }
    code
}

//! The engine's layers (ARCHITECTURE.md, `src/engine/mod.rs`): every module of `src/engine` lives
//! in one of eight layer folders, and imports only from its own layer and the layers below it:
//!
//! ```text
//! 1 support < 2 json < 3 model < 4 rubric < 5 score < 6 process < 7 io < 8 view
//! ```
//!
//! This test reads every file under `src/engine`, finds each path that names an engine module
//! (`crate::engine::…`, `super::…`, `self::…`, in `use` declarations and inline alike, `{…}` groups
//! expanded), and fails with the file, the line and the offending edge when:
//!
//! - a module imports from a layer above its own;
//! - modules of one layer import each other in a cycle (`a` uses `b` and `b` uses `a`, or longer):
//!   within a layer the modules form a hierarchy too, so each can be read after those it uses;
//! - a file sits outside the layer folders, or the engine names `crate::` outside `crate::engine`
//!   (the app: the engine has no web dependency).
//!
//! Test code counts like any other code: a `#[cfg(test)] mod tests` that needs a layer above (or a
//! module of its own layer that uses it) belongs in that layer, or in `tests/`. Comments, doc
//! comments and string literals are not code and are ignored (a doc link to a layer above is fine).
//! Paths through a glob or a re-export are not followed, which is why the engine has none
//! (`pub use` is refused too).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first.
const LAYERS: [&str; 8] = ["support", "json", "model", "rubric", "score", "process", "io", "view"];

/// One file of the engine: its path for messages, its module path (`["score", "items"]`), its text.
struct Source {
    path: String,
    module: Vec<String>,
    text: String,
}

/// An import: from module (layer, module) to module (layer, module or none for a whole layer).
#[derive(Debug, Clone)]
struct Edge {
    path: String,
    line: usize,
    from: (usize, String),
    to: (usize, Option<String>),
    /// The path as written, resolved (`score::review::score_review`).
    written: String,
}

#[test]
fn engine_modules_import_only_from_their_own_layer_and_below() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut sources = Vec::new();
    read_dir(&root, &root, &mut sources);
    assert!(sources.len() > 20, "expected the engine's files under {}", root.display());
    let problems = check(&sources);
    assert!(problems.is_empty(), "the engine's layers are broken:\n{}", problems.join("\n"));
}

fn read_dir(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            read_dir(root, &p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p.strip_prefix(root).unwrap();
            let mut module: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            let file = module.pop().unwrap();
            if file != "mod.rs" {
                module.push(file.trim_end_matches(".rs").to_string());
            }
            out.push(Source {
                path: format!("src/engine/{}", rel.display()),
                module,
                text: std::fs::read_to_string(&p).unwrap(),
            });
        }
    }
}

fn layer_of(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == name)
}

fn describe(layer: usize) -> String {
    format!("layer {} {}", layer + 1, LAYERS[layer])
}

/// Every problem with the layers of these files, one line each.
fn check(sources: &[Source]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut edges = Vec::new();
    for s in sources {
        let Some(first) = s.module.first() else { continue }; // engine/mod.rs declares the layers
        let Some(layer) = layer_of(first) else {
            problems.push(format!("{}: not in a layer folder ({})", s.path, LAYERS.join(", ")));
            continue;
        };
        let from = (layer, s.module.get(1).cloned().unwrap_or_else(|| "mod".into()));
        let code = strip(&s.text);
        for (line, text) in code.lines().enumerate() {
            if text.trim_start().starts_with("pub use") || text.contains(" pub use ") {
                let at = format!("{}:{}", s.path, line + 1);
                problems.push(format!("{at}: a re-export (`pub use`) hides an edge; import from the module itself"));
            }
        }
        for (line, path) in paths(&code, &s.module) {
            match resolve(&path) {
                Resolved::Engine(target) => {
                    let Some(to_layer) = target.first().and_then(|t| layer_of(t)) else {
                        problems.push(format!("{}:{}: `{}` is not in a layer", s.path, line, path.join("::")));
                        continue;
                    };
                    edges.push(Edge {
                        path: s.path.clone(),
                        line,
                        from: from.clone(),
                        to: (to_layer, target.get(1).cloned()),
                        written: target.join("::"),
                    });
                }
                Resolved::OutsideEngine => problems.push(format!(
                    "{}:{}: `{}`: the engine imports nothing from the crate outside `crate::engine`",
                    s.path,
                    line,
                    path.join("::")
                )),
                Resolved::Other => {}
            }
        }
    }
    for e in &edges {
        if e.to.0 > e.from.0 {
            problems.push(format!(
                "{}:{}: {}::{} ({}) imports `{}` ({}): a module imports only from its own layer and the layers \
                 below ({})",
                e.path,
                e.line,
                LAYERS[e.from.0],
                e.from.1,
                describe(e.from.0),
                e.written,
                describe(e.to.0),
                LAYERS.join(" < ")
            ));
        }
    }
    problems.extend(cycles(&edges));
    problems
}

enum Resolved {
    /// A path into the engine, from `engine` on (`["score", "items", "score"]`).
    Engine(Vec<String>),
    /// `crate::` outside `crate::engine`.
    OutsideEngine,
    /// A path of another crate, or a local name.
    Other,
}

/// A path made absolute (`crate::…` or module path + `super`/`self`), classified.
fn resolve(path: &[String]) -> Resolved {
    match path.first().map(String::as_str) {
        Some("crate") => match path.get(1).map(String::as_str) {
            Some("engine") => Resolved::Engine(path[2..].to_vec()),
            _ => Resolved::OutsideEngine,
        },
        Some("engine") => Resolved::Engine(path[1..].to_vec()),
        _ => Resolved::Other,
    }
}

/// Cycles between modules of one layer: for each strongly connected set of two or more modules,
/// the edges between them.
fn cycles(edges: &[Edge]) -> Vec<String> {
    let mut graph: BTreeMap<(usize, String), BTreeSet<(usize, String)>> = BTreeMap::new();
    for e in edges {
        if let Some(to) = &e.to.1 {
            if e.to.0 == e.from.0 && *to != e.from.1 {
                graph.entry(e.from.clone()).or_default().insert((e.to.0, to.clone()));
                graph.entry((e.to.0, to.clone())).or_default();
            }
        }
    }
    // Two modules are in one cycle when each reaches the other.
    let reach = |start: &(usize, String)| -> BTreeSet<(usize, String)> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(n) = todo.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<_, _> = graph.keys().map(|n| (n.clone(), reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in graph.keys() {
        if done.contains(n) || !reached[n].contains(n) {
            continue;
        }
        let members: BTreeSet<_> = reached[n].iter().filter(|m| reached[*m].contains(n)).cloned().collect();
        done.extend(members.iter().cloned());
        let names: Vec<String> = members.iter().map(|m| format!("{}::{}", LAYERS[m.0], m.1)).collect();
        let mut lines = vec![format!(
            "modules of {} import each other in a cycle ({}); make one of them use the other only:",
            describe(n.0),
            names.join(", ")
        )];
        for e in edges {
            if let Some(to) = &e.to.1 {
                if members.contains(&e.from) && members.contains(&(e.to.0, to.clone())) && *to != e.from.1 {
                    let from = format!("{}::{}", LAYERS[e.from.0], e.from.1);
                    lines.push(format!("    {}:{}: {from} imports `{}`", e.path, e.line, e.written));
                }
            }
        }
        out.push(lines.join("\n"));
    }
    out
}

/// The text with comments and the contents of string and character literals replaced by spaces
/// (line breaks kept, so that line numbers stay).
fn strip(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && matches!(c.get(i + 1), Some('"') | Some('#'))
            && !ident_char(i.checked_sub(1).map(|p| c[p]))
        {
            // A raw string: r"…", r#"…"#, … (br"…" too: the b was copied as an identifier char).
            let mut hashes = 0;
            let mut j = i + 1;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            out.push('"');
            for _ in i + 1..=j {
                out.push(' ');
            }
            i = j + 1;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
                    out.push('"');
                    for _ in 0..hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if c[i] == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c[i] == '\'' {
            // A character literal ('a', '\n', '\u{2068}'), or a lifetime ('a, 'static).
            let end = if c.get(i + 1) == Some(&'\\') {
                (i + 2..c.len().min(i + 12)).find(|&k| c[k] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(e) => {
                    out.push('\'');
                    for _ in i + 1..e {
                        out.push(' ');
                    }
                    out.push('\'');
                    i = e + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Every path in `code` that starts with `crate`, `super` or `self`, made absolute (`engine::…`
/// for the engine's modules) and expanded over `{…}` groups, with its line. `module` is the
/// file's module path below `engine`; inline `mod name { … }` blocks are followed, so that
/// `super::*` in a file's `mod tests` is the file's own module.
fn paths(code: &str, module: &[String]) -> Vec<(usize, Vec<String>)> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    // The inline modules open at this point: (name, brace depth inside it).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut pending_mod: Option<String> = None;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '{' {
            depth += 1;
            if let Some(name) = pending_mod.take() {
                inline.push((name, depth));
            }
            i += 1;
            continue;
        }
        if ch == '}' {
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            depth = depth.saturating_sub(1);
            i += 1;
            continue;
        }
        if ch == ';' {
            pending_mod = None;
        }
        if !(ch.is_alphabetic() || ch == '_') || ident_char(i.checked_sub(1).map(|p| c[p])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < c.len() && ident_char(Some(c[i])) {
            i += 1;
        }
        let word: String = c[start..i].iter().collect();
        if word == "mod" {
            let mut j = i;
            while j < c.len() && c[j].is_whitespace() {
                j += 1;
            }
            let s = j;
            while j < c.len() && ident_char(Some(c[j])) {
                j += 1;
            }
            pending_mod = Some(c[s..j].iter().collect());
            i = j;
            continue;
        }
        let is_path = c.get(i) == Some(&':') && c.get(i + 1) == Some(&':');
        if !matches!(word.as_str(), "crate" | "super" | "self") || !is_path {
            continue;
        }
        let line = c[..start].iter().filter(|&&x| x == '\n').count() + 1;
        let mut here: Vec<String> = module.to_vec();
        here.extend(inline.iter().map(|(n, _)| n.clone()));
        let (found, next) = path_tree(&c, start);
        for p in found {
            if let Some(abs) = absolute(&p, &here) {
                out.push((line, abs));
            }
        }
        i = next;
    }
    out
}

/// The paths of a `use` tree or a path expression starting at `at`, expanded over groups, and
/// where it ends.
fn path_tree(c: &[char], at: usize) -> (Vec<Vec<String>>, usize) {
    let skip_ws = |mut i: usize| {
        while i < c.len() && c[i].is_whitespace() {
            i += 1;
        }
        i
    };
    let mut prefix: Vec<String> = Vec::new();
    let mut i = at;
    loop {
        i = skip_ws(i);
        if c.get(i) == Some(&'{') {
            // A group: each item is a tree of its own.
            let mut all = Vec::new();
            i += 1;
            loop {
                i = skip_ws(i);
                match c.get(i) {
                    Some('}') => return (all, i + 1),
                    Some(',') => i += 1,
                    Some(_) => {
                        let (sub, next) = path_tree(c, i);
                        if next == i {
                            i += 1;
                        } else {
                            i = next;
                        }
                        all.extend(sub.into_iter().map(|s| prefix.iter().cloned().chain(s).collect()));
                    }
                    None => return (all, i),
                }
            }
        }
        let s = i;
        while i < c.len() && (ident_char(Some(c[i])) || c[i] == '*') {
            i += 1;
        }
        if s == i {
            return (if prefix.is_empty() { vec![] } else { vec![prefix] }, i);
        }
        prefix.push(c[s..i].iter().collect());
        let j = skip_ws(i);
        if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
            i = j + 2;
        } else {
            return (vec![prefix], i);
        }
    }
}

/// `super`/`self` resolved against the module the path is written in: `engine::…`; `crate::…` as
/// it is; `None` when `super` climbs out of the crate.
fn absolute(path: &[String], here: &[String]) -> Option<Vec<String>> {
    match path.first().map(String::as_str) {
        Some("crate") => Some(path.to_vec()),
        Some("self") | Some("super") => {
            let mut base: Vec<String> = here.to_vec();
            let mut rest = path;
            if rest.first().map(String::as_str) == Some("self") {
                rest = &rest[1..];
            }
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
            let mut abs = vec!["engine".to_string()];
            abs.extend(base);
            abs.extend(rest.iter().cloned());
            Some(abs)
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The check itself can fail: planted imports, each found with its place.

fn source(path: &str, text: &str) -> Source {
    let rel = path.strip_prefix("src/engine/").unwrap();
    let mut module: Vec<String> = rel.split('/').map(String::from).collect();
    let file = module.pop().unwrap();
    if file != "mod.rs" {
        module.push(file.trim_end_matches(".rs").to_string());
    }
    Source { path: path.to_string(), module, text: text.to_string() }
}

#[test]
fn an_upward_import_is_named_with_its_file_line_and_edge() {
    let problems = check(&[source(
        "src/engine/score/panel.rs",
        "//! Doc.\n\nuse super::outcome::Outcome;\nuse crate::engine::io::file::AssessmentFile;\n",
    )]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let want = "src/engine/score/panel.rs:4: score::panel (layer 5 score) imports `io::file::AssessmentFile` (layer 7 io)";
    assert!(problems[0].starts_with(want), "{}", problems[0]);
}

#[test]
fn groups_inline_paths_and_super_are_followed() {
    let problems = check(&[
        source("src/engine/json/read.rs", "use crate::engine::{support::text::short, model::assessment::Assessment};"),
        source("src/engine/model/rubric.rs", "fn f() -> u32 {\n    super::super::rubric::load::x()\n}\n"),
        source("src/engine/support/num.rs", "pub fn f() {\n    let _ = crate::engine::\n        view::workbench::chart;\n}"),
    ]);
    let text = problems.join("\n");
    assert_eq!(problems.len(), 3, "{text}");
    for want in [
        "src/engine/json/read.rs:1: json::read (layer 2 json) imports `model::assessment::Assessment`",
        "src/engine/model/rubric.rs:2: model::rubric (layer 3 model) imports `rubric::load::x`",
        "src/engine/support/num.rs:2: support::num (layer 1 support) imports `view::workbench::chart`",
    ] {
        assert!(text.contains(want), "{text}");
    }
}

#[test]
fn test_code_counts_but_comments_and_strings_do_not() {
    let problems = check(&[source(
        "src/engine/model/assessment.rs",
        concat!(
            "/// See [`crate::engine::io::file`].\n",
            "const S: &str = \"crate::engine::view::x\";\n",
            "const R: &str = r#\"use crate::engine::view::y;\"#;\n",
            "/* use crate::engine::view::z; */\n",
            "fn f<'a>(c: char) -> bool { c == '\\'' }\n",
            "#[cfg(test)]\n",
            "mod tests {\n",
            "    use super::*;\n",
            "    use crate::engine::score::items::score;\n",
            "}\n",
        ),
    )]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let want = "src/engine/model/assessment.rs:9: model::assessment (layer 3 model) imports `score::items::score`";
    assert!(problems[0].starts_with(want), "{}", problems[0]);
}

#[test]
fn a_cycle_within_a_layer_is_named_with_every_edge() {
    let problems = check(&[
        source("src/engine/score/items.rs", "use super::outcome::Outcome;\n"),
        source("src/engine/score/outcome.rs", "use super::ranking::Row;\n"),
        source("src/engine/score/ranking.rs", "\n\nuse crate::engine::score::items::score;\n"),
        source("src/engine/score/panel.rs", "use super::items::score;\n"),
    ]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    let want = "modules of layer 5 score import each other in a cycle (score::items, score::outcome, score::ranking)";
    assert!(p.starts_with(want), "{p}");
    assert!(p.contains("src/engine/score/ranking.rs:3: score::ranking imports `score::items::score`"), "{p}");
    assert!(!p.contains("panel"), "{p}");
}

#[test]
fn files_outside_the_layers_the_app_and_re_exports_are_refused() {
    let problems = check(&[
        source("src/engine/helpers.rs", "pub fn x() {}\n"),
        source("src/engine/view/tools.rs", "use crate::app::state::Ctx;\n"),
        source("src/engine/score/mod.rs", "pub mod items;\npub use items::score;\n"),
    ]);
    let text = problems.join("\n");
    assert_eq!(problems.len(), 3, "{text}");
    assert!(text.contains("src/engine/helpers.rs: not in a layer folder"), "{text}");
    let want = "src/engine/view/tools.rs:1: `crate::app::state::Ctx`: the engine imports nothing from the crate outside";
    assert!(text.contains(want), "{text}");
    assert!(text.contains("src/engine/score/mod.rs:2: a re-export"), "{text}");
}

//! The options of a command: `--csv`, `--xlsx OUT.xlsx`, `--json`, `--rubric FILE` (repeatable),
//! `--help`; `--` ends the options (a file named `-x.json` comes after it). An option a command
//! does not take, or an unknown one, is a usage error (exit code 2).

use std::ffi::{OsStr, OsString};

/// Which options a command takes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Takes {
    pub csv: bool,
    pub xlsx: bool,
    pub json: bool,
    pub rubric: bool,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub files: Vec<OsString>,
    pub csv: bool,
    pub json: bool,
    pub xlsx: Option<OsString>,
    pub rubrics: Vec<OsString>,
    pub help: bool,
}

/// Parses the arguments after the command's name; the error is a Chinese sentence.
pub fn parse(args: &[OsString], takes: Takes) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let Some(text) = arg.to_str().filter(|t| t.starts_with('-') && *t != "-") else {
            p.files.push(arg.clone());
            continue;
        };
        let (flag, inline) = match text.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(OsString::from(v))),
            _ => (text, None),
        };
        let mut value = |name: &str| -> Result<OsString, String> {
            match inline.clone().or_else(|| rest.next().cloned()) {
                Some(v) if !v.is_empty() => Ok(v),
                _ => Err(format!("选项{name}后面应写文件名")),
            }
        };
        match flag {
            "--" => {
                p.files.extend(rest.by_ref().cloned());
                break;
            }
            "-h" | "--help" => p.help = true,
            "--csv" if takes.csv => p.csv = true,
            "--json" if takes.json => p.json = true,
            "--xlsx" if takes.xlsx => {
                if p.xlsx.is_some() {
                    return Err("选项--xlsx只能写一次".into());
                }
                p.xlsx = Some(value("--xlsx")?);
            }
            "--rubric" if takes.rubric => p.rubrics.push(value("--rubric")?),
            _ => return Err(format!("未知的选项「{text}」")),
        }
        if inline.is_some() && !matches!(flag, "--xlsx" | "--rubric") {
            return Err(format!("选项{flag}不带值"));
        }
    }
    if p.csv && p.xlsx.is_some() {
        return Err("--csv和--xlsx只能选一个".into());
    }
    if let Some(out) = &p.xlsx {
        if !has_extension(out, ".xlsx") {
            return Err(format!(
                "--xlsx的输出文件名应以.xlsx结尾(写的是「{}」);以免把评估文件当作输出文件覆盖",
                out.to_string_lossy()
            ));
        }
    }
    Ok(p)
}

/// Whether a file name ends with `ext` (ASCII case ignored).
pub fn has_extension(name: &OsStr, ext: &str) -> bool {
    name.to_string_lossy().to_ascii_lowercase().ends_with(ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    const ALL: Takes = Takes { csv: true, xlsx: true, json: true, rubric: true };

    #[test]
    fn options_and_files() {
        let p = parse(&os(&["a.json", "--csv", "--rubric", "r.json", "b", "--rubric=s.json", "--", "--csv", "-"]), ALL).unwrap();
        assert_eq!(p.files, os(&["a.json", "b", "--csv", "-"]));
        assert!(p.csv && !p.json && !p.help);
        assert_eq!(p.rubrics, os(&["r.json", "s.json"]));
        let p = parse(&os(&["--xlsx=out.XLSX", "a"]), ALL).unwrap();
        assert_eq!(p.xlsx, Some(OsString::from("out.XLSX")));
        assert!(parse(&os(&["--help"]), Takes::default()).unwrap().help);
    }

    #[test]
    fn usage_errors() {
        let e = |v: &[&str], t: Takes| parse(&os(v), t).unwrap_err();
        assert_eq!(e(&["--csv"], Takes::default()), "未知的选项「--csv」");
        assert_eq!(e(&["--sort", "a"], ALL), "未知的选项「--sort」");
        assert_eq!(e(&["--xlsx"], ALL), "选项--xlsx后面应写文件名");
        assert_eq!(e(&["--rubric="], ALL), "选项--rubric后面应写文件名");
        assert!(e(&["--xlsx", "a.json", "b.json"], ALL).starts_with("--xlsx的输出文件名应以.xlsx结尾(写的是「a.json」)"));
        assert_eq!(e(&["--csv", "--xlsx", "o.xlsx"], ALL), "--csv和--xlsx只能选一个");
        assert_eq!(e(&["--xlsx", "a.xlsx", "--xlsx", "b.xlsx"], ALL), "选项--xlsx只能写一次");
        assert_eq!(e(&["--csv=1"], ALL), "选项--csv不带值");
    }
}

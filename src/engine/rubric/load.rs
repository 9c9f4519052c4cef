//! Reading a rubric data file: the one way. [`load_rubric`] takes the text of a file (the bundled
//! one or one a user opens) through the JSON layer (size, syntax, duplicate keys), reads its
//! structure with Chinese messages that name the place in the rubric's own terms (`指标 4 第 4.1 项
//! 计分规则(rule)`), checks its consistency ([`super::check`]) and pins its data by a digest.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::check::validate_rubric;
use crate::engine::json::located::{self, Path, Segment};
use crate::engine::json::messages::{data_text, expected_text, is_decimal, DataError};
use crate::engine::json::parse::{parse_json, JsonError};
use crate::engine::json::text::{check_size, FileKind};
use crate::engine::model::assessment::FORMAT_ID;
use crate::engine::model::rubric::{Rubric, RubricRef, BUNDLED_RUBRIC_JSON};
use crate::engine::support::num::MAX_DECIMAL_DIGITS;
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

/// A rubric with the digest of its data, as loaded (bundled or opened by the user).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRubric {
    pub rubric: Rubric,
    pub digest: String,
}

impl LoadedRubric {
    /// No rubric: what the app holds before its engine (and the bundled rubric with it) is
    /// loaded. Nothing is scored or shown with it (see `app::state::port`).
    pub fn unloaded() -> LoadedRubric {
        use crate::engine::model::rubric::{PassRule, ProcessParams, Source};
        let text = String::new;
        LoadedRubric {
            rubric: Rubric {
                id: text(),
                version: text(),
                title: text(),
                source: Source { document: text(), date: text(), status: text(), reading: text() },
                pass_rule: PassRule { min_total: rust_decimal::Decimal::ZERO, min_dimension_rate: rust_decimal::Decimal::ZERO, text: text() },
                process: ProcessParams { max_creation_years: 0, notice_days: 0 },
                regions: Vec::new(),
                dimensions: Vec::new(),
            },
            digest: text(),
        }
    }

    /// The bundled rubric (the 2025-10-29 征求意见稿). The data file is part of the build and is
    /// tested, so this cannot fail at run time unless the build itself is broken.
    pub fn bundled() -> LoadedRubric {
        load_rubric(BUNDLED_RUBRIC_JSON).expect("bundled rubric is valid (checked by tests)")
    }

    pub fn reference(&self) -> RubricRef {
        RubricRef { id: self.rubric.id.clone(), version: self.rubric.version.clone(), digest: self.digest.clone() }
    }
}

/// `sha256:<hex>` of a rubric data text, with CRLF normalised to LF.
pub fn digest_of(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n");
    let hash = Sha256::digest(normalised.as_bytes());
    let mut out = String::from("sha256:");
    for b in hash {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Reads a rubric data file: its size, its JSON syntax and duplicate keys, its structure (with
/// Chinese messages naming where), then its consistency ([`validate_rubric`]). Every problem found
/// is returned, each a Chinese sentence.
pub fn load_rubric(text: &str) -> Result<LoadedRubric, Vec<Refusal>> {
    check_size(text.len(), FileKind::Rubric).map_err(|e| vec![e])?;
    // A byte order mark (added by some Windows editors) is not part of the data.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rubric = read_structure(text).map_err(|e| vec![e])?;
    validate_rubric(&rubric)?;
    Ok(LoadedRubric { rubric, digest: digest_of(text) })
}

/// The rubric in `text`, when its JSON and its structure are right.
fn read_structure(text: &str) -> Result<Rubric, Refusal> {
    if text.trim().is_empty() {
        return Err(Refusal::new("文件是空的"));
    }
    let value: Value = match parse_json(text) {
        Ok(value) => value,
        Err(JsonError::Syntax(r)) => return Err(Refusal::new(format!("指标体系文件{}", r.message))),
        Err(JsonError::Duplicate { key, .. }) => return Err(key.into()),
    };
    let Value::Object(map) = &value else {
        return Err(Refusal::new("不是指标体系文件:内容不是一个JSON对象"));
    };
    if map.get("format") == Some(&Value::String(FORMAT_ID.into())) {
        return Err(Refusal::new("这是评估文件,不是指标体系文件;请在“打开评估文件”中打开它"));
    }
    located::deserialize(&value).map_err(|e| {
        let raw = e.message();
        // An unknown field's path ends with the field itself; the place is its container.
        let drop_last = matches!(DataError::parse(raw), DataError::UnknownField { .. });
        let (place, last_key) = path_location(&value, e.path(), drop_last);
        Refusal::at_place(&place, structure_message(raw, &last_key))
    })
}

/// Translates a serde path into the rubric's Chinese terms (`指标 4 第 4.1 项 计分规则`), looking up
/// numbers and ids in the document. Also returns the last key (the field the error is about).
fn path_location(value: &Value, path: &Path, drop_last: bool) -> (String, String) {
    let mut parts: Vec<String> = Vec::new();
    let mut node = Some(value);
    let mut last_key = String::new();
    let mut container = String::new();
    let segments: Vec<&Segment> = path.iter().collect();
    let keep = if drop_last { segments.len().saturating_sub(1) } else { segments.len() };
    for seg in segments.into_iter().take(keep) {
        match seg {
            Segment::Map { key } => {
                node = node.and_then(|n| n.get(key));
                last_key = key.clone();
                container = key.clone();
                match key.as_str() {
                    "dimensions" | "indicators" | "items" | "regions" => {}
                    other => parts.push(field_label(other).to_string()),
                }
            }
            Segment::Seq { index } => {
                node = node.and_then(|n| n.get(index));
                let id = |k: &str| node.and_then(|n| n.get(k)).and_then(value_text);
                parts.push(match container.as_str() {
                    "dimensions" => match id("id") {
                        Some(id) => format!("一级指标 {id}"),
                        None => format!("一级指标 第{}个", index + 1),
                    },
                    "indicators" => match id("number") {
                        Some(n) => format!("指标 {n}"),
                        None => format!("二级指标 第{}个", index + 1),
                    },
                    "items" => match id("id") {
                        Some(id) => format!("第 {id} 项"),
                        None => format!("第 {} 个子项", index + 1),
                    },
                    "regions" => match id("id") {
                        Some(id) => format!("区域 {id}"),
                        None => format!("区域 第{}个", index + 1),
                    },
                    _ => format!("第{}个", index + 1),
                });
                // Within an indicator, the dimension adds nothing (indicator numbers are unique).
                if container == "indicators" && parts.len() >= 2 && parts[parts.len() - 2].starts_with("一级指标") {
                    let n = parts.len();
                    parts.remove(n - 2);
                }
            }
            Segment::Enum { variant } => parts.push(variant.clone()),
        }
    }
    let location = if parts.is_empty() { "指标体系".to_string() } else { parts.join(" ") };
    (location, last_key)
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.chars().take(40).collect()),
        // Only whole numbers name a place (a huge or fractional one is itself the error).
        Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

/// The Chinese name of a field of the rubric data file.
fn field_label(key: &str) -> &str {
    match key {
        "id" => "标识(id)",
        "version" => "版本(version)",
        "title" => "标题(title)",
        "source" => "来源(source)",
        "document" => "文件(document)",
        "date" => "日期(date)",
        "status" => "状态(status)",
        "reading" => "解读(reading)",
        "pass_rule" => "合格标准(pass_rule)",
        "min_total" => "总分合格线(min_total)",
        "min_dimension_rate" => "一级指标得分率合格线(min_dimension_rate)",
        "text" => "文字(text)",
        "process" => "创建流程参数(process)",
        "max_creation_years" => "创建周期上限(max_creation_years)",
        "notice_days" => "公示天数(notice_days)",
        "regions" => "区域(regions)",
        "provinces" => "省份(provinces)",
        "name" => "名称(name)",
        "dimensions" => "一级指标(dimensions)",
        "points" => "分值(points)",
        "indicators" => "二级指标(indicators)",
        "number" => "编号(number)",
        "sum" => "分值汇总方式(sum)",
        "description" => "指标说明(description)",
        "nature" => "变量性质(nature)",
        "methods" => "评估方式(methods)",
        "sources" => "数据或资料来源(sources)",
        "items" => "子项(items)",
        "rule" => "计分规则(rule)",
        "kind" => "规则类型(kind)",
        other => other,
    }
}

/// Puts a serde error in Chinese, keeping the specifics (field names, the value found), in the
/// rubric's own terms.
fn structure_message(msg: &str, last_key: &str) -> String {
    match DataError::parse(msg) {
        DataError::MissingField(name) => format!("缺少{}", quote_field(&name)),
        DataError::UnknownField { name, .. } => {
            format!("未知字段「{}」:本程序不认识这个字段", short_file_text(&name))
        }
        DataError::UnknownVariant { name, allowed } => {
            let list = allowed.iter().map(|s| short_file_text(s)).collect::<Vec<_>>().join("、");
            if last_key == "rule" || allowed.iter().any(|a| a == "growth_years") {
                format!("未知的计分规则类型「{}」;本程序支持的计分规则类型为:{list}", short_file_text(&name))
            } else {
                format!("取值「{}」无效,应为:{list}", short_file_text(&name))
            }
        }
        DataError::InvalidValue { expected, .. } if is_decimal(&expected) => format!(
            "不是有效的数字,应为最多{MAX_DECIMAL_DIGITS}位有效数字的十进制数(写作字符串,例如 \"2.5\")"
        ),
        DataError::InvalidType { expected, .. } | DataError::InvalidValue { expected, .. } => {
            let what = if expected.starts_with("u32") || expected.starts_with("u64") || expected.starts_with("integer") {
                "非负整数".to_string()
            } else if is_decimal(&expected) {
                "数值(写作字符串,例如 \"2.5\")".to_string()
            } else if expected.starts_with("a string") {
                "字符串".to_string()
            } else if expected.starts_with("a sequence") {
                "数组".to_string()
            } else if expected.starts_with("struct") || expected.starts_with("a map") || expected.contains("internally tagged") {
                "对象".to_string()
            } else {
                expected_text(&expected)
            };
            format!("类型或取值错误,应为{what}")
        }
        _ => data_text(msg),
    }
}

fn quote_field(key: &str) -> String {
    if key.is_empty() {
        "字段".into()
    } else {
        format!("字段「{}」", field_label(key))
    }
}

/// The digest a rubric text would have when loaded (for showing before loading).
pub fn rubric_digest(text: &str) -> String {
    digest_of(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::engine::model::fixtures::{edited, item};
    use crate::engine::support::problem::texts;

    #[test]
    fn structural_errors_are_chinese_and_located() {
        let e = texts(load_rubric(&edited(|v| item(v, 4, 0)["rule"]["kind"] = Value::String("magic".into()))).unwrap_err());
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("指标 4 第 4.1 项 计分规则(rule) 规则类型(kind):未知的计分规则类型「magic」;本程序支持的计分规则类型为:growth_years、"), "{e:?}");

        let e = texts(load_rubric(&edited(|v| {
            v.as_object_mut().unwrap().remove("pass_rule");
        }))
        .unwrap_err());
        assert_eq!(e, ["指标体系:缺少字段「合格标准(pass_rule)」"]);

        let e = texts(load_rubric(&edited(|v| {
            v["process"].as_object_mut().unwrap().remove("notice_days");
        }))
        .unwrap_err());
        assert_eq!(e, ["创建流程参数(process):缺少字段「公示天数(notice_days)」"]);

        let e = texts(load_rubric(&edited(|v| v["surprise"] = Value::Bool(true))).unwrap_err());
        assert_eq!(e, ["指标体系:未知字段「surprise」:本程序不认识这个字段"]);

        let e = texts(load_rubric(&edited(|v| item(v, 2, 0)["points"] = Value::String("abc".into()))).unwrap_err());
        assert!(e[0].starts_with("指标 2 第 2 项"), "{e:?}");

        let e = texts(load_rubric(&edited(|v| v["process"]["notice_days"] = Value::String("15".into()))).unwrap_err());
        assert_eq!(e, ["创建流程参数(process) 公示天数(notice_days):类型或取值错误,应为非负整数"]);

        assert_eq!(texts(load_rubric("").unwrap_err()), ["文件是空的"]);
        assert_eq!(texts(load_rubric("[1]").unwrap_err()), ["不是指标体系文件:内容不是一个JSON对象"]);
        assert!(texts(load_rubric("{\"id\": ").unwrap_err())[0].contains("文件不完整"));
        assert!(texts(load_rubric("{,}").unwrap_err())[0].contains("不是有效的JSON"));
        let e = texts(load_rubric(r#"{"format":"demozone-assessment"}"#).unwrap_err());
        assert!(e[0].starts_with("这是评估文件"));
    }

    #[test]
    fn consistency_errors_come_from_validation() {
        let e = texts(load_rubric(&edited(|v| item(v, 4, 0)["points"] = Value::String("3".into()))).unwrap_err());
        assert!(e.contains(&"指标 4:子项分值之和 6 与指标分值 5 不符".to_string()), "{e:?}");
    }
}

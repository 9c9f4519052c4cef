//! JSON syntax as the engine reads it: serde_json's errors put in Chinese terms, and the check
//! that no key occurs twice in one object (serde_json would silently keep the last).

use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

/// A syntax error of serde_json, located by line and column.
pub fn json_syntax_error(e: serde_json::Error) -> Refusal {
    Refusal::new(format!("第{}行第{}列:{}", e.line(), e.column(), json_error_text(&e)))
}

/// What is wrong, in Chinese, for an error of serde_json (syntax) or of a typed deserialisation.
pub fn json_error_text(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let msg = e.to_string();
    match e.classify() {
        Category::Eof => "文件不完整(可能在传输中被截断)".to_string(),
        _ if msg.contains("recursion limit") => "JSON嵌套层次过深(超过128层),不是正常的文件".to_string(),
        Category::Data => serde_message(&msg),
        _ => format!("不是有效的JSON:{}", serde_message(&msg)),
    }
}

/// A key that occurs twice in one JSON object.
#[derive(Debug)]
pub struct DuplicateKey {
    /// JSON path of the object holding the key (empty for the top level).
    path: String,
    key: String,
    line: usize,
    column: usize,
}

impl From<DuplicateKey> for Refusal {
    fn from(d: DuplicateKey) -> Refusal {
        let key = short_file_text(&d.key);
        let field = if d.path.is_empty() { key.clone() } else { format!("{}.{key}", d.path) };
        Refusal::at_path(
            &field,
            format!(
                "第{}行第{}列:键「{key}」在同一个对象中出现了两次;两个值中哪一个算数无法确定(文件可能被手工改动过),请删除重复的一个后再打开",
                d.line, d.column
            ),
        )
    }
}

/// The first key that occurs twice in one object anywhere in `text`, which serde_json would
/// silently resolve by keeping the last. `None` when there is none, and also when `text` is not
/// valid JSON (the real parser then reports that). One pass over the text; nesting is bounded by
/// serde_json's recursion limit (128), so hostile input cannot exhaust the stack.
pub fn duplicate_key(text: &str) -> Option<DuplicateKey> {
    use serde::de::DeserializeSeed;
    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(text);
    match (DupCheck { found: &mut found }).deserialize(&mut de) {
        Ok(()) => None,
        Err(e) => found.map(|(key, reversed_path)| {
            let mut path = String::new();
            for seg in reversed_path.iter().rev() {
                match seg {
                    PathSeg::Key(k) => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&short_file_text(k));
                    }
                    PathSeg::Index(i) => path.push_str(&format!("[{i}]")),
                }
            }
            DuplicateKey { path, key, line: e.line(), column: e.column() }
        }),
    }
}

enum PathSeg {
    Key(String),
    Index(usize),
}

/// Walks any JSON value; on a repeated key it records the key, fails, and every enclosing
/// object or array adds its own path segment while the error travels up (innermost first).
struct DupCheck<'s> {
    found: &'s mut Option<(String, Vec<PathSeg>)>,
}

impl<'de> serde::de::DeserializeSeed<'de> for DupCheck<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for DupCheck<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            match seq.next_element_seed(DupCheck { found: &mut *self.found }) {
                Ok(Some(())) => index += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    if let Some((_, path)) = self.found.as_mut() {
                        path.push(PathSeg::Index(index));
                    }
                    return Err(e);
                }
            }
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // A B-tree, not a hash set: no worst case an attacker can aim for, O(n log n) at most.
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key_seed(KeyText)? {
            if seen.contains(&key) {
                *self.found = Some((key.into_owned(), Vec::new()));
                return Err(serde::de::Error::custom("duplicate key"));
            }
            if let Err(e) = map.next_value_seed(DupCheck { found: &mut *self.found }) {
                if let Some((_, path)) = self.found.as_mut() {
                    path.push(PathSeg::Key(key.into_owned()));
                }
                return Err(e);
            }
            seen.insert(key);
        }
        Ok(())
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct KeyText;

impl<'de> serde::de::DeserializeSeed<'de> for KeyText {
    type Value = std::borrow::Cow<'de, str>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyText {
    type Value = std::borrow::Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_owned()))
    }
}

/// Significant digits a `Decimal` always holds (some 29-digit numbers fit too); longer numbers
/// would be silently rounded.
pub const MAX_DECIMAL_DIGITS: usize = 28;

/// Puts serde's English error in Chinese terms (keeping the specifics).
pub fn serde_message(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    if msg.contains("expected a Decimal") {
        return format!("不是有效的数字,应为最多{MAX_DECIMAL_DIGITS}位有效数字的十进制数({})", short_file_text(msg));
    }
    let pairs = [
        ("missing field", "缺少字段"),
        ("unknown field", "未知字段"),
        ("unknown variant", "取值无效"),
        ("invalid type", "类型错误"),
        ("invalid value", "取值无效"),
        ("invalid length", "长度错误"),
        ("duplicate field", "字段重复"),
        ("expected", "应为"),
        ("trailing characters", "文件末尾有多余内容"),
        ("EOF while parsing", "文件不完整"),
        ("key must be a string", "键必须是字符串"),
        ("control character", "字符串中含有控制字符"),
        ("number out of range", "数字超出范围"),
    ];
    for (en, zh) in pairs {
        if msg.starts_with(en) {
            return format!("{zh}({})", short_file_text(msg));
        }
    }
    format!("格式错误({})", short_file_text(msg))
}

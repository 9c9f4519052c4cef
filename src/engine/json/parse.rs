//! JSON syntax as the engine reads it: text into a `serde_json::Value` in one pass that refuses a
//! key occurring twice in one object (serde_json would silently keep the last), with serde_json's
//! errors in Chinese (`super::messages`).

use serde_json::{Map, Value};

use super::messages::syntax_text;
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

/// A syntax error of serde_json in `text`, located by line and column, in Chinese.
pub fn json_syntax_error(e: serde_json::Error, text: &str) -> Refusal {
    Refusal::new(format!("第{}行第{}列:{}", e.line(), e.column(), syntax_text(&e, text)))
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

impl DuplicateKey {
    /// The refusal, with what to do (`请删除重复的一个后再打开`).
    pub fn refusal(self, what_to_do: &str) -> Refusal {
        let key = short_file_text(&self.key);
        let field = if self.path.is_empty() { key.clone() } else { format!("{}.{key}", self.path) };
        Refusal::at_path(
            &field,
            format!(
                "第{}行第{}列:键「{key}」在同一个对象中出现了两次;两个值中哪一个算数无法确定,{what_to_do}",
                self.line, self.column
            ),
        )
    }
}

impl From<DuplicateKey> for Refusal {
    /// In a file: it may have been edited by hand.
    fn from(d: DuplicateKey) -> Refusal {
        d.refusal("文件可能被手工改动过,请删除重复的一个后再打开")
    }
}

/// Why a text is not the JSON value the engine takes.
#[derive(Debug)]
pub enum JsonError {
    /// Not JSON: what and where, in Chinese.
    Syntax(Refusal),
    /// Valid JSON with a key that occurs twice in one object (the first such key). `value` is the
    /// text read as serde_json reads it (the last of equal keys kept), for the checks that should
    /// come first (is this the kind of file it should be?).
    Duplicate { key: DuplicateKey, value: Value },
}

/// Reads `text` into a `Value` in one pass, refusing a key that occurs twice in one object
/// (serde_json alone would silently keep the last). Nesting is bounded by serde_json's recursion
/// limit (128), so hostile input cannot exhaust the stack; each key costs one lookup in the object
/// being built (a B-tree: no worst case an attacker can aim for).
pub fn parse_json(text: &str) -> Result<Value, JsonError> {
    use serde::de::DeserializeSeed;
    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let read = (Reader { found: &mut found }).deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match (read, found) {
        (Ok(v), _) => Ok(v),
        (Err(e), None) => Err(JsonError::Syntax(json_syntax_error(e, text))),
        (Err(e), Some((key, reversed_path))) => {
            // Reading stopped at the duplicate: the rest may not even be JSON, which comes first.
            let value: Value = serde_json::from_str(text).map_err(|e| JsonError::Syntax(json_syntax_error(e, text)))?;
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
            Err(JsonError::Duplicate { key: DuplicateKey { path, key, line: e.line(), column: e.column() }, value })
        }
    }
}

enum PathSeg {
    Key(String),
    Index(usize),
}

/// Reads any JSON value as serde_json's `Value` does; on a repeated key it records the key, fails,
/// and every enclosing object or array adds its own path segment while the error travels up
/// (innermost first).
struct Reader<'s> {
    found: &'s mut Option<(String, Vec<PathSeg>)>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Reader<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Reader<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            match seq.next_element_seed(Reader { found: &mut *self.found }) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => return Ok(Value::Array(out)),
                Err(e) => {
                    if let Some((_, path)) = self.found.as_mut() {
                        path.push(PathSeg::Index(out.len()));
                    }
                    return Err(e);
                }
            }
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        use serde_json::map::Entry;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match out.entry(key) {
                Entry::Occupied(e) => {
                    *self.found = Some((e.key().clone(), Vec::new()));
                    return Err(serde::de::Error::custom("duplicate key"));
                }
                Entry::Vacant(e) => match map.next_value_seed(Reader { found: &mut *self.found }) {
                    Ok(v) => {
                        e.insert(v);
                    }
                    Err(err) => {
                        if let Some((_, path)) = self.found.as_mut() {
                            path.push(PathSeg::Key(e.key().clone()));
                        }
                        return Err(err);
                    }
                },
            }
        }
        Ok(Value::Object(out))
    }
}

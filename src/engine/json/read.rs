//! The engine's front door for JSON: text to a typed value, through the path-tracking
//! deserialiser of [`super::located`], every error located and in Chinese.

use serde_json::Value;

use super::messages::data_text;
use super::parse::json_syntax_error;
use crate::engine::support::problem::Refusal;
use crate::engine::support::text::short_file_text;

/// The engine's one way of turning a parsed `Value` into a type (one deserialiser per type in each
/// wasm build): on error, what is wrong in Chinese, at the path of the wrong field (none when it is
/// the whole value).
pub fn deserialize_located<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, Refusal> {
    super::located::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = data_text(e.message());
        if path == "." || path.is_empty() {
            Refusal::new(message)
        } else {
            Refusal::at_path(&short_file_text(&path), message)
        }
    })
}

/// Reads JSON text into `T` (data the program did not just write itself, e.g. what one wasm
/// module of the app hands the other) through [`deserialize_located`].
pub fn read_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Refusal> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_syntax_error(e, text))?;
    deserialize_located(&value)
}

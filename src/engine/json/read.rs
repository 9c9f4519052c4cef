//! The engine's front door for JSON: text to a typed value, through the path-tracking
//! deserialiser of [`super::located`], every error located and in Chinese.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
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

/// A JSON object read into a `BTreeMap` that refuses a key it already holds (serde's own keeps the
/// last). The `Value`s the path-tracking reader reads never repeat a key ([`super::parse`] refuses
/// that first, with its place); this is for readers straight from the text (`io::file`'s fast
/// way), which must not take such a text. Errors otherwise as serde's map ("expected a map").
pub struct UniqueKeys<V>(pub BTreeMap<String, V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueKeys<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = UniqueKeys<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, V>()? {
                    if let Some(_repeated) = out.insert(k, v) {
                        return Err(de::Error::custom("a key repeated in one object"));
                    }
                }
                Ok(UniqueKeys(out))
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

/// `#[serde(deserialize_with = "unique_keys")]` for a map field: see [`UniqueKeys`].
pub fn unique_keys<'de, D: Deserializer<'de>, V: Deserialize<'de>>(d: D) -> Result<BTreeMap<String, V>, D::Error> {
    UniqueKeys::deserialize(d).map(|m| m.0)
}

/// [`unique_keys`] for a map of maps (both levels).
pub fn unique_keys_2<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, BTreeMap<String, V>>, D::Error> {
    UniqueKeys::<UniqueKeys<V>>::deserialize(d).map(|m| m.0.into_iter().map(|(k, v)| (k, v.0)).collect())
}

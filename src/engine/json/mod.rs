//! Layer 2: the one JSON reader. A file's bytes become text ([`text`]: the size limit, UTF-8),
//! text becomes a `serde_json::Value` ([`parse`]: syntax errors in Chinese, duplicate keys
//! refused), and a `Value` becomes a type through one path-tracking deserialiser ([`located`],
//! behind [`read`]). Every error is a `support::problem::Refusal`. Uses only [`super::support`].

pub mod located;
pub mod messages;
pub mod parse;
pub mod read;
pub mod text;

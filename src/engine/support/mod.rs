//! Layer 1: plain helpers every other layer may use. Exact numbers ([`num`]), civil dates
//! ([`dates`]), located problems ([`problem`]), the quoting of a user's text ([`text`]) and
//! files' SHA-256 fingerprints ([`fingerprint`]).
//! Imports nothing from the engine.

pub mod dates;
pub mod fingerprint;
pub mod num;
pub mod problem;
pub mod text;

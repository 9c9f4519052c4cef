//! Layer 1: plain helpers every other layer may use. Exact numbers ([`num`]), civil dates
//! ([`dates`]), located problems ([`problem`]) and the quoting of a user's text ([`text`]).
//! Imports nothing from the engine.

pub mod dates;
pub mod num;
pub mod problem;
pub mod text;

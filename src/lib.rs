//! demozone: self-assessment workbench for 网络市场监管与服务示范区.
//!
//! `engine` is the functional core (plain Rust, no web dependency, tested natively).
//! `app` is the Leptos shell, compiled only for wasm32.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod app;

//! Reactive pieces with one concrete type each. Every reactive text, attribute, flag and
//! dynamic view of the app goes through these, so that Leptos' rendering code is compiled once
//! per kind instead of once per closure (this keeps the WebAssembly small).

use std::sync::Arc;

use leptos::prelude::*;

/// A reactive text or attribute value.
pub fn live_text(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// A reactive yes/no (for `selected`, `checked`, `class:x`).
pub fn live_flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(f)
}

/// A part of the page that is rebuilt when what it reads changes.
pub fn live_view(f: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    erase(Arc::new(f))
}

fn erase(f: Arc<dyn Fn() -> AnyView + Send + Sync>) -> impl IntoView {
    move || f()
}

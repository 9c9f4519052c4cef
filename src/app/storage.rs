//! Browser storage glue: `localStorage` for drafts, `sessionStorage` for what this tab shows.
//!
//! Only reads and writes texts; what to write and what a stored text means is decided by
//! `crate::engine::io::draft`. When `localStorage` cannot be used (private mode, storage disabled),
//! the same calls work on an in-memory map for the life of the page, and the app says so.

use std::cell::RefCell;
use std::collections::BTreeMap;

use wasm_bindgen::JsValue;
use web_sys::Storage;
use crate::engine::io::index::INDEX_KEY;

enum Backend {
    Local(Storage),
    Memory(BTreeMap<String, String>),
}

thread_local! {
    static BACKEND: RefCell<Backend> = const { RefCell::new(Backend::Memory(BTreeMap::new())) };
}

/// Why a write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The storage quota is used up.
    Quota,
    /// Any other refusal, with the browser's message.
    Other(String),
}

/// Whether drafts outlive the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Persistent,
    /// `localStorage` is unavailable: drafts live only as long as this page.
    MemoryOnly,
}

/// Connects to `localStorage`, checking that it accepts a write. Call once at start.
pub fn init() -> Mode {
    let local = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).filter(|s| {
        const PROBE: &str = "demozone.probe";
        // A quota error on the probe still means storage works (it is merely full).
        let ok = match s.set_item(PROBE, "1") {
            Ok(()) => true,
            Err(e) => is_quota(&e),
        };
        let _ = s.remove_item(PROBE);
        ok
    });
    BACKEND.with(|b| {
        let mut b = b.borrow_mut();
        match local {
            Some(s) => {
                *b = Backend::Local(s);
                Mode::Persistent
            }
            None => {
                *b = Backend::Memory(BTreeMap::new());
                Mode::MemoryOnly
            }
        }
    })
}

pub fn get(key: &str) -> Option<String> {
    BACKEND.with(|b| match &*b.borrow() {
        Backend::Local(s) => s.get_item(key).ok().flatten(),
        Backend::Memory(m) => m.get(key).cloned(),
    })
}

pub fn set(key: &str, value: &str) -> Result<(), StoreError> {
    match set_once(key, value) {
        // The draft index is a cache (`engine::io::index`): it never takes the place a user's
        // own data needs. Dropped, it is written again from the drafts later.
        Err(StoreError::Quota) if key != INDEX_KEY && get(INDEX_KEY).is_some() => {
            remove(INDEX_KEY);
            set_once(key, value)
        }
        r => r,
    }
}

fn set_once(key: &str, value: &str) -> Result<(), StoreError> {
    BACKEND.with(|b| match &mut *b.borrow_mut() {
        Backend::Local(s) => s.set_item(key, value).map_err(|e| {
            if is_quota(&e) {
                StoreError::Quota
            } else {
                StoreError::Other(error_text(&e))
            }
        }),
        Backend::Memory(m) => {
            m.insert(key.to_string(), value.to_string());
            Ok(())
        }
    })
}

pub fn remove(key: &str) {
    BACKEND.with(|b| match &mut *b.borrow_mut() {
        Backend::Local(s) => {
            let _ = s.remove_item(key);
        }
        Backend::Memory(m) => {
            m.remove(key);
        }
    })
}

/// Every key starting with `prefix`.
pub fn keys(prefix: &str) -> Vec<String> {
    BACKEND.with(|b| match &*b.borrow() {
        Backend::Local(s) => {
            let n = s.length().unwrap_or(0);
            (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
        }
        Backend::Memory(m) => m.keys().filter(|k| k.starts_with(prefix)).cloned().collect(),
    })
}

fn is_quota(e: &JsValue) -> bool {
    let name = js_sys::Reflect::get(e, &JsValue::from_str("name")).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let code = js_sys::Reflect::get(e, &JsValue::from_str("code")).ok().and_then(|v| v.as_f64());
    name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || code == Some(22.0) || code == Some(1014.0)
}

fn error_text(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "未知错误".into())
}

// ---- This tab's place (sessionStorage survives a reload of the tab, not a new tab) ----

const TAB_KEY: &str = "demozone.tab";

fn session() -> Option<Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The draft id and page this tab showed before a reload.
pub fn tab_place() -> Option<(String, String)> {
    let text = session()?.get_item(TAB_KEY).ok().flatten()?;
    let (id, page) = text.split_once('\n')?;
    Some((id.to_string(), page.to_string()))
}

pub fn set_tab_place(draft_id: &str, page: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(TAB_KEY, &format!("{draft_id}\n{page}"));
    }
}

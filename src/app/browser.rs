//! Small browser glue: the clock, randomness, downloading a text as a file, reading a picked or
//! dropped file, moving focus. No decisions here.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::io::draft::{iso_date, local_stamp};

/// Now, as an ISO 8601 UTC timestamp (`2026-11-27T02:08:05.123Z`).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// Today's local date, `2026-11-27`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    iso_date(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// A stored ISO timestamp in local time, `2026-11-27 10:08`; the text itself when it is not one.
pub fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    local_stamp(d.get_full_year() as i32, d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

pub fn random() -> f64 {
    js_sys::Math::random()
}

/// Offers `text` as a JSON download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    download_blob(name, &JsValue::from_str(text), "application/json;charset=utf-8")
}

/// Offers `text` as a plain-text download named `name` (a stored entry that may not be JSON).
pub fn download_text(name: &str, text: &str) -> Result<(), String> {
    download_blob(name, &JsValue::from_str(text), "text/plain;charset=utf-8")
}

/// Offers a Blob made of `part` (a string or a Uint8Array) as a download named `name` (a Blob
/// and an `<a download>`; nothing is sent anywhere).
pub fn download_blob(name: &str, part: &JsValue, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &opts).map_err(js_text)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_text)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("无法访问页面")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js_text)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
    }
    a.click();
    a.remove();
    // Let the download start before the object URL goes.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Reads a file's bytes and calls `done` with them (or with the browser's error, in Chinese).
pub fn read_bytes(file: &web_sys::File, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    let reader = match web_sys::FileReader::new() {
        Ok(r) => r,
        Err(e) => return done(Err(js_text(e))),
    };
    let r2 = reader.clone();
    let on_end = Closure::once_into_js(move || {
        match r2.result() {
            Ok(buf) if buf.is_instance_of::<js_sys::ArrayBuffer>() => done(Ok(js_sys::Uint8Array::new(&buf).to_vec())),
            _ => done(Err("浏览器无法读取此文件(可能已被移动、删除或没有读取权限)".into())),
        }
    });
    reader.set_onloadend(Some(on_end.unchecked_ref()));
    // A fresh reader is never busy, so starting the read cannot fail.
    let _ = reader.read_as_array_buffer(file);
}

/// Moves keyboard focus to the element with this id once the current render is on screen (the
/// next animation frame), so that keyboard and screen-reader users land on what just appeared:
/// a new page's heading, a dialog. Unless the user has put the focus somewhere themselves in the
/// meantime: the frame can come hundreds of milliseconds late on a busy machine, and characters
/// typed into a field by then must stay in that field, never go to the heading.
pub fn focus_id(id: &'static str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let before = document.active_element();
    leptos::prelude::request_animation_frame(move || {
        if focus_taken_since(&document, before.as_ref()) {
            return;
        }
        if let Some(el) = document.get_element_by_id(id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// Whether the focus is now on an element of the page other than the one that had it (`before`):
/// the user clicked or tabbed into something. Focus on nothing (the body, or the document after
/// the focused element went with the old page) is not taken.
fn focus_taken_since(document: &web_sys::Document, before: Option<&web_sys::Element>) -> bool {
    let Some(now) = document.active_element() else { return false };
    let nowhere = document.body().is_some_and(|b| *b == now) || document.document_element().is_some_and(|d| d == now);
    !nowhere && before != Some(&now)
}

/// Asks the user a yes/no question in the browser's own dialog; whether they said yes (no when
/// the browser shows no dialog).
pub fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

/// Clicks the element with this id: opens a hidden file input's picker from its visible button.
pub fn click_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.click();
    }
}

/// Whether a drag carries files (not text or a link).
pub fn drags_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().is_some_and(|dt| {
        let types = dt.types();
        (0..types.length()).any(|i| types.get(i).as_string().as_deref() == Some("Files"))
    })
}

/// Scrolls the page to the top (after a page change).
pub fn scroll_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The message of a JavaScript error value.
pub fn js_text(e: JsValue) -> String {
    js_sys::Reflect::get(&e, &JsValue::from_str("message"))
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "未知错误".into())
}

/// Fetches a file of this site (a path relative to the page, same origin) as bytes; a Chinese
/// reason when it cannot be had (offline without the file cached, not found).
/// Resolves once the next frame has been painted (a frame, then a task): what starts then (fetching
/// and compiling the workspace's chunk) does not delay the first screen.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(
                move || {
                    let _ = resolve.call0(&JsValue::NULL);
                },
                std::time::Duration::ZERO,
            );
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub async fn fetch_site_file(path: &str) -> Result<Vec<u8>, String> {
    let failed = |what: &str| format!("{what}(文件{path})");
    let window: JsValue = web_sys::window().ok_or_else(|| failed("浏览器窗口不可用"))?.into();
    let call = |target: &JsValue, name: &str, arg: Option<&JsValue>| -> Result<JsValue, JsValue> {
        let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))?.dyn_into()?;
        match arg {
            Some(a) => f.call1(target, a),
            None => f.call0(target),
        }
    };
    let promise = call(&window, "fetch", Some(&JsValue::from_str(path))).map_err(|_| failed("无法读取"))?;
    let response = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map_err(|_| failed("无法读取,可能是网络已断开"))?;
    let ok = js_sys::Reflect::get(&response, &JsValue::from_str("ok")).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    if !ok {
        return Err(failed("服务器上没有找到"));
    }
    let buffer = call(&response, "arrayBuffer", None).map_err(|_| failed("无法读取"))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(buffer)).await.map_err(|_| failed("无法读取"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

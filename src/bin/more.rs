//! `demozone-more`: the app's second wasm module, with the pages few people open on a given day
//! (申请条件, 创建流程, 打印报告, 省级汇总, 专家组合议, 版本比较). The main app fetches it the first
//! time one of those pages opens (src/app/lazy.rs), so they stay out of the first load.
//!
//! Trunk builds it next to the app (index.html: `data-bin="demozone-more" data-type="worker"
//! data-bindgen-target="web"`): `demozone-more.js` (an ES module) and `demozone-more_bg.wasm`,
//! neither loaded nor preloaded by the page, then given content-hashed names by a Trunk hook
//! (scripts/hash-more.sh). `web/boot.js` imports them on demand.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// A mounted page; `free()` (wasm-bindgen's) unmounts it.
    #[wasm_bindgen]
    pub struct MorePage {
        _view: Box<dyn std::any::Any>,
    }

    /// Mounts the page `input` names (`app::lazy::LazyInput` as JSON) into `parent`; edits and
    /// navigation are reported through `edit(parts)` (an `engine::model::edit::Edit` as its JSON
    /// value: an array of strings) and `go(pageTag)`.
    #[wasm_bindgen]
    pub fn mount_more(
        parent: web_sys::HtmlElement,
        input: String,
        edit: js_sys::Function,
        go: js_sys::Function,
    ) -> Result<MorePage, JsValue> {
        let relay = |f: js_sys::Function| {
            move |s: String| {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&s));
            }
        };
        let relay_edit = move |parts: Vec<String>| {
            let list: js_sys::Array = parts.into_iter().map(|p| JsValue::from_str(&p)).collect();
            let _ = edit.call1(&JsValue::NULL, &list);
        };
        demozone::app::more::mount(parent, &input, relay_edit, relay(go))
            .map(|view| MorePage { _view: view })
            .map_err(|e| JsValue::from_str(&e))
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "demozone-more: the second wasm module of demozone's browser app (built by Trunk); it does \
         nothing on the host (use `demozone score FILE...`)."
    );
}

//! Pages that live in a second wasm module, fetched the first time one of them opens, so that
//! the first load carries only the workbench (drafts, subject, indicators, review, summary).
//!
//! The second module is the `demozone-more` binary (src/bin/more.rs → [`super::more`]), built by
//! Trunk next to the app (index.html: `data-type="worker" data-bindgen-target="web"`, i.e. an ES
//! module that is neither loaded nor preloaded by the page) and renamed by a Trunk hook to
//! `demozone-more-<hash>.js` + `demozone-more-<hash>_bg.wasm` (scripts/hash-more.sh). `web/boot.js`
//! gives the page `window.demozoneMore()`, which imports and instantiates it once and resolves to
//! its exports.
//!
//! The two modules share no memory. The main app hands a page a [`LazyInput`] (JSON): the open
//! draft, the rubric texts it may need, the layer to show. The page reports back through two
//! callbacks: each edit made there (an `engine::model::edit::Edit` as its JSON value, a list of a
//! few short texts, passed as a JS array;
//! the main app applies it to its copy and stores it, as if typed here) and the page to go to. Storage, the draft list and the notices stay with the main app.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::review::{use_layers, Layers};
use super::rx::live_text;
use super::state::nav::{Navigation, Page};
use super::state::notices::Level;
use super::state::{use_contexts, Contexts};
use super::storage;
use crate::engine::model::assessment::Assessment;
use crate::engine::model::edit::Edit;
use crate::engine::model::rubric::RubricRef;
use crate::engine::rubric::set::RUBRIC_PREFIX;

/// What a page of the second module is given.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LazyInput {
    /// [`Page::tag`] of the page to show.
    pub page: String,
    /// The open draft (none for the multi-file tools).
    pub draft: Option<LazyDraft>,
    /// The texts of the rubric versions this browser keeps (the bundled one is in both modules).
    pub rubrics: Vec<String>,
    /// The layer the user works on ([`crate::engine::view::roles::LayerChoice::tag`]).
    pub layer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LazyDraft {
    pub id: String,
    pub title: String,
    pub created_at: String,
    pub rubric: RubricRef,
    pub assessment: Assessment,
}

/// Whether `page` is one of the second module's pages.
pub fn is_lazy(page: Page) -> bool {
    matches!(page, Page::Eligibility | Page::Process | Page::Report | Page::Verify | Page::Ranking | Page::Panel | Page::Compare)
}

fn input_for(ctx: Contexts, l: Layers, page: Page) -> LazyInput {
    let draft = if page.is_tool() {
        None
    } else {
        ctx.draft.current.get_untracked().map(|c| LazyDraft {
            id: c.id,
            title: c.title,
            created_at: c.created_at,
            rubric: c.rubric,
            assessment: ctx.draft.assessment.get_untracked(),
        })
    };
    let rubrics = storage::keys(RUBRIC_PREFIX).into_iter().filter_map(|k| storage::get(&k)).collect();
    let layer = l.report_layer.get_untracked().unwrap_or_else(|| l.active.get_untracked());
    LazyInput { page: page.tag(), draft, rubrics, layer: layer.tag() }
}

/// The main app's side of a callback from the second module: an edit made there, applied and
/// stored here. It comes as its JSON value, a list of texts (see `engine::model::edit`), handed
/// over as a JS array: no text to parse, and no JSON reader for it in the first load.
fn on_edit(ctx: Contexts, parts: js_sys::Array) {
    let parts: Vec<String> = parts.iter().map(|p| p.as_string().unwrap_or_default()).collect();
    match Edit::try_from(parts) {
        Ok(edit) => {
            ctx.draft.dispatch(edit);
        }
        // Cannot happen between two builds of one program; said rather than lost.
        Err(e) => ctx.notices.notify(Level::Error, "notice-lazy", "本页的修改未能保存", vec![e]),
    }
}

/// The main app's side of a navigation from the second module. Deferred: the module's own click
/// handler is still running, and showing another page unmounts the module's view.
fn on_go(nav: Navigation, tag: String) {
    let Some(page) = Page::from_tag(&tag) else { return };
    leptos::task::spawn_local(async move {
        if page == Page::Drafts {
            nav.home();
        } else if page.is_tool() {
            nav.go_tool(page);
        } else {
            nav.go(page);
        }
    });
}

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// What keeps a mounted page alive: the module's handle and the callbacks it holds.
struct Mounted {
    handle: JsValue,
    _edit: Closure<dyn Fn(js_sys::Array)>,
    _go: Closure<dyn Fn(String)>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        // Unmounts the page (the module drops its view) before the callbacks go.
        let _ = call(&self.handle, "free", &[]);
    }
}

fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))?.dyn_into()?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(target, &list)
}

fn error_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "未知错误".into())
}

/// Fetches (once) and instantiates the second module; resolves to its exports.
async fn load_module() -> Result<JsValue, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let promise = call(&window, "demozoneMore", &[]).map_err(|e| error_text(&e))?;
    let promise: js_sys::Promise = promise.dyn_into().map_err(|_| "加载函数未返回Promise".to_string())?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| error_text(&e))
}

/// A page of the second module, shown where the main app's page would be.
#[component]
pub fn LazyPage(page: Page) -> impl IntoView {
    let ctx = use_contexts();
    let l = use_layers();
    let host = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(Status::Loading);
    let mounted: StoredValue<Option<Mounted>, LocalStorage> = StoredValue::new_local(None);
    let alive = StoredValue::new(true);
    on_cleanup(move || {
        alive.set_value(false);
        mounted.set_value(None);
    });
    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        let input = serde_json::to_string(&input_for(ctx, l, page)).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let module = match load_module().await {
                Ok(m) => m,
                Err(e) => return status.set(Status::Failed(e)),
            };
            if !alive.get_value() {
                return;
            }
            let edit = Closure::<dyn Fn(js_sys::Array)>::new(move |parts| on_edit(ctx, parts));
            let go = Closure::<dyn Fn(String)>::new(move |tag| on_go(ctx.nav, tag));
            let el: &JsValue = el.as_ref();
            match call(&module, "mount_more", &[el, &JsValue::from_str(&input), edit.as_ref(), go.as_ref()]) {
                Ok(handle) => {
                    mounted.set_value(Some(Mounted { handle, _edit: edit, _go: go }));
                    status.set(Status::Ready);
                }
                Err(e) => status.set(Status::Failed(error_text(&e))),
            }
        });
    });
    view! {
        <Show when=move || status.get() != Status::Ready>
            <p class=move || if matches!(status.get(), Status::Failed(_)) { "lazy-status failed" } else { "lazy-status" }
                role="status" data-testid="lazy-status">
                {live_text(move || match status.get() {
                    Status::Failed(e) => format!("本页未能加载。请检查网络后刷新页面重试。(技术信息:{e})"),
                    _ => "正在加载本页…".into(),
                })}
            </p>
        </Show>
        <div class="lazy-host" node_ref=host></div>
    }
}

//! The start page: the drafts kept in this browser (open, rename, duplicate, delete with undo),
//! starting a new assessment or opening a file, and an overview of the indicator system.

use leptos::prelude::*;

use super::browser;
use super::files::OpenFileButton;
use super::rx::{live_text, live_view};
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use super::state::notices::Level;
use super::state::port::{self, Action};
use super::state::store::{use_store, DraftRow};
use super::state::{use_contexts, Contexts};
use crate::engine::support::num::fmt;
use crate::engine::view::example::{example_failure, example_note, is_example, is_example_name, read_example, EXAMPLE_PATH};
use crate::engine::view::steps::heading;

#[component]
pub fn DraftsPage() -> impl IntoView {
    let store = use_store();
    let nav = use_nav();
    let renaming = RwSignal::new(None::<String>);
    view! {
        <section class="page-section drafts-page" aria-labelledby="page-heading">
            <h2 id="page-heading" tabindex="-1">"我的自评草稿"</h2>
            <p class="intro">
                "每一处修改都会立即保存在本浏览器中(仅本机本浏览器可见)。要发给他人或换一台电脑继续,请在自评中“保存为文件”,"
                "对方用本工具“打开文件”即可。也可以把评估文件直接拖到本页面上打开。"
            </p>
            <div class="start-actions">
                <button type="button" class="btn primary" data-testid="start-new" on:click=move |_| nav.new_draft(None)>"新建自评"</button>
                <OpenFileButton/>
                <ExampleButton/>
            </div>
            {live_view(move || match store.deleted.get() {
                Some(d) => view! {
                    <div class="undo-bar" role="status" data-testid="undo-bar">
                        <span>{format!("已删除草稿「{}」。", d.title)}</span>
                        {(!d.stored).then(|| view! {
                            <span class="undo-volatile" data-testid="undo-volatile">"(浏览器存储已满,撤销只在关闭或刷新本页面之前有效)"</span>
                        })}
                        <button type="button" class="btn small" data-testid="undo-delete" on:click=move |_| port::run(Action::UndoDelete)>"撤销删除"</button>
                    </div>
                }.into_any(),
                None => ().into_any(),
            })}
            <StoredEntries/>
            {live_view(move || if !store.complete.get() {
                // Drafts the index did not describe (another program wrote them) are read once
                // the engine is loaded, a moment after the first screen.
                view! { <p class="empty" role="status" data-testid="drafts-reading">"正在读取草稿…"</p> }.into_any()
            } else if store.rows.with(Vec::is_empty) {
                view! { <p class="empty" data-testid="no-drafts">"还没有草稿。点击“新建自评”开始,或打开一个评估文件。"</p> }.into_any()
            } else {
                view! {
                    <ul class="draft-list" data-testid="drafts-list">
                        <For
                            each=move || store.rows.get()
                            key=|r| (r.id.clone(), r.revision, r.title.clone(), r.updated.clone())
                            children=move |r| view! { <DraftItem row=r renaming=renaming/> }
                        />
                    </ul>
                }.into_any()
            })}
            {super::lazy::rubric_versions()}
            <super::multi_open::ToolLinks/>
            {super::lazy::rubric_overview()}
        </section>
    }
}

#[component]
fn DraftItem(row: DraftRow, renaming: RwSignal<Option<String>>) -> impl IntoView {
    let nav = use_nav();
    let id = StoredValue::new(row.id.clone());
    let is_renaming = move || renaming.with(|r| r.as_deref() == Some(id.get_value().as_str()));
    let draft_name = RwSignal::new(row.title.clone());
    let usable = row.unusable.is_none();
    let commit = move || {
        port::run(Action::Rename(id.get_value(), draft_name.get_untracked()));
        renaming.set(None);
    };
    let rename_id = format!("rename-{}", row.id);
    let title = row.title.clone();
    let actions_label = format!("草稿「{}」的操作", row.title);
    view! {
        <li class="draft" data-testid="draft-row" data-id=row.id.clone()>
            <div class="draft-main">
                {live_view(move || if is_renaming() {
                    let rid = rename_id.clone();
                    view! {
                        <div class="rename">
                            <label for=rid.clone() class="sr-only">"新名称"</label>
                            <input id=rid.clone() type="text" data-testid="rename-input" prop:value=draft_name
                                on:input=move |ev| draft_name.set(event_target_value(&ev))
                                on:keydown=move |e: web_sys::KeyboardEvent| {
                                    if e.key() == "Enter" { commit() }
                                    if e.key() == "Escape" { renaming.set(None) }
                                }/>
                            <button type="button" class="btn small primary" data-testid="rename-ok" on:click=move |_| commit()>"确定"</button>
                            <button type="button" class="btn small" on:click=move |_| renaming.set(None)>"取消"</button>
                        </div>
                    }.into_any()
                } else {
                    view! { <h3 class="draft-title" data-testid="draft-title">{title.clone()}</h3> }.into_any()
                })}
                <p class="draft-facts">{row.facts.clone()}</p>
                <p class="draft-meta">
                    {format!("最近修改:{}", row.updated)}
                    {usable.then(|| view! {
                        <span class=if row.passed { "draft-score pass" } else { "draft-score fail" } data-testid="draft-score">
                            {format!(" · 总分{} · {}", row.score, row.verdict)}
                        </span>
                    })}
                </p>
                {row.unusable.clone().map(|m| view! { <p class="problem error">{m}</p> })}
            </div>
            <div class="draft-actions" role="group" aria-label=actions_label>
                {usable.then(|| view! {
                    <button type="button" class="btn primary small" data-testid="draft-open"
                        on:click=move |_| nav.open_draft(&id.get_value(), Page::Subject)>"打开"</button>
                })}
                <button type="button" class="btn small" data-testid="draft-rename" on:click=move |_| {
                    renaming.set(Some(id.get_value()));
                    let rid = format!("rename-{}", id.get_value());
                    leptos::prelude::request_animation_frame(move || {
                        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&rid)) {
                            use wasm_bindgen::JsCast;
                            if let Ok(el) = el.dyn_into::<web_sys::HtmlInputElement>() {
                                let _ = el.focus();
                                el.select();
                            }
                        }
                    });
                }>"重命名"</button>
                <button type="button" class="btn small" data-testid="draft-duplicate" on:click=move |_| port::run(Action::Duplicate(id.get_value()))>"复制"</button>
                <button type="button" class="btn small danger-text" data-testid="draft-delete" on:click=move |_| port::run(Action::Delete(id.get_value()))>"删除"</button>
            </div>
        </li>
    }
}

/// The stored entries this program cannot use: drafts of a newer program and corrupt ones that
/// could not be set aside (kept where they are), and corrupt ones set aside. Each can be
/// downloaded and removed (they count against the storage quota); removing asks once more.
#[component]
fn StoredEntries() -> impl IntoView {
    let store = use_store();
    let confirming = RwSignal::new(None::<String>);
    let entry = move |key: String, text: String| {
        let k1 = StoredValue::new(key.clone());
        let asking = Memo::new(move |_| confirming.with(|c| c.as_deref() == Some(k1.get_value().as_str())));
        view! {
            <li class="stored-entry" data-testid="stored-entry" data-key=key>
                <span class="stored-entry-text">{text}</span>
                <span class="stored-entry-actions">
                    <button type="button" class="btn small" data-testid="entry-download"
                        on:click=move |_| port::run(Action::DownloadEntry(k1.get_value()))>"下载"</button>
                    {move || if asking.get() {
                        view! {
                            <span class="confirm-remove" role="group" aria-label="确认删除">
                                <span>"删除后无法恢复。"</span>
                                <button type="button" class="btn small danger" data-testid="entry-remove-confirm"
                                    on:click=move |_| { confirming.set(None); port::run(Action::RemoveEntry(k1.get_value())) }>"确认删除"</button>
                                <button type="button" class="btn small" on:click=move |_| confirming.set(None)>"取消"</button>
                            </span>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="btn small danger-text" data-testid="entry-remove"
                                on:click=move |_| confirming.set(Some(k1.get_value()))>"删除"</button>
                        }.into_any()
                    }}
                </span>
            </li>
        }
    };
    // One notice per kind of entry, shown only when there is one; each row as `entry` makes it.
    let list = move |class: &'static str, testid: &'static str, title: &'static str, rows: Vec<(String, String)>| {
        if rows.is_empty() {
            return ().into_any();
        }
        view! {
            <div class=format!("notice {class}") data-testid=testid>
                <div class="notice-body">
                    <p class="notice-title">{title}</p>
                    <ul class="notice-lines stored-entries">
                        {rows.into_iter().map(|(key, text)| entry(key, text)).collect_view()}
                    </ul>
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        {live_view(move || {
            let rows = store.kept.get().into_iter().map(|k| (k.key.clone(), format!("{}:{}", k.key, k.message))).collect();
            list("warning", "kept-entries", "以下存储记录本程序无法打开,已原样保留(未删除):", rows)
        })}
        {live_view(move || {
            let rows = store.aside.get().into_iter().map(|a| (a.key.clone(), format!("{}({}个字符)", a.key, a.chars))).collect();
            list("info", "aside-entries", "另存的损坏记录(占用浏览器存储空间;可下载保留后删除):", rows)
        })}
    }
}

/// "查看示例": opens the example assessment (fetched from this site only now, not part of the first
/// load) as a draft of its own, or the example already among the drafts.
#[component]
fn ExampleButton() -> impl IntoView {
    let ctx = use_contexts();
    let loading = RwSignal::new(false);
    let open = move |_| {
        if loading.get_untracked() {
            return;
        }
        let stored = ctx.store.rows.with_untracked(|rows| {
            rows.iter().find(|r| r.unusable.is_none() && is_example_name(&r.subject_name)).map(|r| r.id.clone())
        });
        if let Some(id) = stored {
            return ctx.nav.open_draft(&id, Page::Summary);
        }
        loading.set(true);
        leptos::task::spawn_local(async move {
            let bytes = browser::fetch_site_file(EXAMPLE_PATH).await;
            loading.set(false);
            port::run(Action::OpenExample(bytes));
        });
    };
    view! {
        <button type="button" class="btn" data-testid="open-example" on:click=open
            aria-disabled=live_text(move || loading.get().to_string())>
            {live_text(move || if loading.get() { "正在打开示例…".into() } else { "查看示例".into() })}
        </button>
    }
}

/// Opens the example's `bytes` (the engine's side of "查看示例": `super::state::port`).
pub fn open_example(ctx: Contexts, bytes: Result<Vec<u8>, String>) {
    let loaded = ctx.rubrics.all_pinned();
    match bytes.and_then(|b| read_example(&b, &loaded).map_err(|e| e.to_string())) {
        Ok((i, a)) => {
            ctx.draft.create(loaded[i].reference(), a, String::new());
            ctx.nav.go(Page::Summary);
        }
        Err(e) => ctx.notices.notify(Level::Error, "notice-example", example_failure(&e), vec![]),
    }
}

/// Above every page of the example: what it is, and deleting it.
#[component]
pub fn ExampleBanner() -> impl IntoView {
    let draft = use_draft();
    let nav = use_nav();
    let shown = Memo::new(move |_| draft.assessment.with(|a| is_example(&a.subject)));
    live_view(move || {
        if !shown.get() {
            return ().into_any();
        }
        view! {
            <div class="example-banner" role="note" data-testid="example-banner">
                <p><strong>"示例"</strong>" "{example_note()}</p>
                <button type="button" class="btn small" data-testid="example-delete" on:click=move |_| {
                    if let Some(id) = draft.id() {
                        draft.delete(&id);
                        nav.home();
                    }
                }>"删除示例"</button>
            </div>
        }
        .into_any()
    })
}

/// The indicator system at a glance: 4 dimensions, 25 indicators, their points.
/// The overview of the open draft's rubric (the bundled one on the start page): a split point
/// (`super::lazy::rubric_overview`), shown after the first screen.
#[component]
pub fn RubricOverview() -> impl IntoView {
    let draft = use_draft();
    let r = &draft.loaded_rubric().rubric;
    view! {
        <section class="overview" aria-label="评估指标体系概览">
            <p class="overview-title">{format!("{}(共{}分)", r.title, fmt(r.total_points()))}</p>
            <p class="hint">{r.pass_rule.text.clone()}</p>
            <ol class="dimensions">
                {r.dimensions.iter().map(|d| view! {
                    <li class="dimension">
                        <h2>{format!("{}({}分)", d.name, fmt(d.points))}</h2>
                        <ol class="indicators">
                            {d.indicators.iter().map(|i| view! {
                                <li class="indicator" value=i.number.to_string()>
                                    <span class="title">{heading(&i.title).to_string()}</span>
                                    <span class="points">{format!("{}分", fmt(i.points))}</span>
                                </li>
                            }).collect_view()}
                        </ol>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

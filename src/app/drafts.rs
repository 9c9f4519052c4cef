//! The start page: the drafts kept in this browser (open, rename, duplicate, delete with undo),
//! starting a new assessment or opening a file, and an overview of the indicator system.

use leptos::prelude::*;

use super::files::OpenFileButton;
use super::rx::live_view;
use super::state::draft::use_draft;
use super::state::nav::{use_nav, Page};
use super::state::store::{use_store, DraftRow};
use crate::engine::support::num::fmt;

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
            </div>
            {live_view(move || match store.deleted.get() {
                Some(d) => view! {
                    <div class="undo-bar" role="status" data-testid="undo-bar">
                        <span>{format!("已删除草稿「{}」。", d.title)}</span>
                        <button type="button" class="btn small" data-testid="undo-delete" on:click=move |_| store.undo_delete()>"撤销删除"</button>
                    </div>
                }.into_any(),
                None => ().into_any(),
            })}
            {live_view(move || {
                let kept = store.kept.get();
                if kept.is_empty() {
                    return ().into_any();
                }
                view! {
                    <div class="notice warning" data-testid="kept-entries">
                        <div class="notice-body">
                            <p class="notice-title">"以下存储记录本程序无法打开,已原样保留(未删除):"</p>
                            <ul class="notice-lines">
                                {kept.into_iter().map(|k| view! { <li>{format!("{}:{}", k.key, k.message)}</li> }).collect_view()}
                            </ul>
                        </div>
                    </div>
                }.into_any()
            })}
            {live_view(move || if store.rows.with(Vec::is_empty) {
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
    let draft = use_draft();
    let store = use_store();
    let nav = use_nav();
    let id = StoredValue::new(row.id.clone());
    let is_renaming = move || renaming.with(|r| r.as_deref() == Some(id.get_value().as_str()));
    let draft_name = RwSignal::new(row.title.clone());
    let subject = &row.subject;
    let facts: Vec<String> = [
        Some(subject.name.trim().to_string()).filter(|s| !s.is_empty()),
        subject.kind.map(|k| k.label().to_string()),
        Some(subject.province.clone()).filter(|s| !s.is_empty()),
        subject.start_year.map(|y| format!("{y}年起")),
        subject.years.map(|n| format!("{n}年")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let usable = row.unusable.is_none();
    let commit = move || {
        draft.rename(&id.get_value(), draft_name.get_untracked());
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
                <p class="draft-facts">{facts.join(" · ")}</p>
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
                <button type="button" class="btn small" data-testid="draft-duplicate" on:click=move |_| store.duplicate(&id.get_value())>"复制"</button>
                <button type="button" class="btn small danger-text" data-testid="draft-delete" on:click=move |_| draft.delete(&id.get_value())>"删除"</button>
            </div>
        </li>
    }
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
                                    <span class="title">{i.title.clone()}</span>
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

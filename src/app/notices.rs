//! Messages under the header: storage problems, conflicts between tabs, file messages.

use leptos::prelude::*;

use super::files::download_current;
use super::rx::{live_text, live_view};
use super::state::draft::{use_draft, Conflict, SaveState};
use super::state::port::{self, Action};
use super::state::notices::{use_notices, Level};
use super::state::store::{store_error_text, use_store};
use super::storage::{Mode, StoreError};

#[component]
pub fn Notices() -> impl IntoView {
    let notices = use_notices();
    view! {
        <div class="notices">
            <StorageBanner/>
            <ConflictBanner/>
            <For
                each=move || notices.list.get()
                key=|n| n.id
                children=move |n| {
                    let id = n.id;
                    let (class, role) = match n.level {
                        Level::Info => ("notice info", "status"),
                        Level::Warning => ("notice warning", "alert"),
                        Level::Error => ("notice error", "alert"),
                    };
                    view! {
                        <div class=class role=role data-testid=n.testid>
                            <div class="notice-body">
                                <p class="notice-title">{n.title}</p>
                                {(!n.lines.is_empty()).then(|| view! {
                                    <ul class="notice-lines">
                                        {n.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                    </ul>
                                })}
                            </div>
                            <button type="button" class="btn small" on:click=move |_| notices.dismiss(id)>"关闭"</button>
                        </div>
                    }
                }
            />
        </div>
    }
}

/// Storage unavailable or full: the work stays in the page; offer a file.
#[component]
fn StorageBanner() -> impl IntoView {
    let draft = use_draft();
    let store = use_store();
    let notices = use_notices();
    let message = move || {
        let in_draft = draft.current.with(Option::is_some);
        match (store.mode.get(), draft.save_state.get()) {
            (Mode::MemoryOnly, _) => Some((
                "浏览器存储不可用(可能处于隐私/无痕模式或已禁用网站数据)。",
                "您可以继续填写,内容保留在本页面中,但关闭或刷新页面后将丢失。请用“保存为文件”把自评保存到电脑上。".to_string(),
                in_draft,
            )),
            (_, SaveState::Failed(e)) => Some((
                "最近的修改未能保存到浏览器。",
                format!(
                    "{}。您的内容仍完整保留在本页面中,请不要关闭页面;请先“保存为文件”,再到“我的草稿”中删除不再需要的草稿以腾出空间。{}",
                    store_error_text(&e),
                    if e == StoreError::Quota { "腾出空间后,下一次修改会自动保存。" } else { "" }
                ),
                in_draft,
            )),
            _ => None,
        }
    };
    live_view(move || {
        let Some((title, text, can_download)) = message() else { return ().into_any() };
        {
            view! {
                <div class="notice error" role="alert" data-testid="notice-storage">
                    <div class="notice-body">
                        <p class="notice-title">{title}</p>
                        <p>{text}</p>
                    </div>
                    {can_download.then(|| view! {
                        <button type="button" class="btn primary small" data-testid="notice-storage-download"
                            on:click=move |_| { download_current(draft, notices, || ()); }>"保存为文件"</button>
                    })}
                </div>
            }
            .into_any()
        }
    })
}

/// Another tab changed or deleted the draft this tab edits.
#[component]
fn ConflictBanner() -> impl IntoView {
    let draft = use_draft();
    let notices = use_notices();
    live_view(move || {
        let Some(c) = draft.conflict.get() else { return ().into_any() };
        {
            let (title, text) = match c {
                Conflict::Changed => (
                    "此草稿已在另一个标签页(或窗口)中被修改。",
                    "为避免互相覆盖,本页的修改暂停保存。请选择:载入另一标签页保存的版本(放弃本页此后的修改),或把本页的版本另存为一份新草稿。",
                ),
                Conflict::Deleted => (
                    "此草稿已在另一个标签页(或窗口)中被删除。",
                    "本页的内容仍在页面中,尚未保存。可以把它另存为一份新草稿,或下载为文件。",
                ),
            };
            view! {
                <div class="notice warning" role="alert" data-testid="notice-conflict">
                    <div class="notice-body">
                        <p class="notice-title">{title}</p>
                        <p>{text}</p>
                    </div>
                    <div class="notice-actions">
                        {(c == Conflict::Changed).then(|| view! {
                            <button type="button" class="btn small" data-testid="conflict-reload"
                                on:click=move |_| port::run(Action::LoadTheirs)>"载入另一标签页的版本"</button>
                        })}
                        <button type="button" class="btn primary small" data-testid="conflict-copy"
                            on:click=move |_| port::run(Action::KeepMineAsCopy)>"将本页版本另存为新草稿"</button>
                        <button type="button" class="btn small" on:click=move |_| { download_current(draft, notices, || ()); }>"保存为文件"</button>
                    </div>
                </div>
            }
            .into_any()
        }
    })
}

/// "已自动保存 10:08" / "未保存", read out politely when it changes.
#[component]
pub fn SaveStatus() -> impl IntoView {
    let draft = use_draft();
    let store = use_store();
    let text = Memo::new(move |_| match (store.mode.get(), draft.save_state.get()) {
        (Mode::MemoryOnly, _) => ("save-status bad", "未保存到浏览器(存储不可用)".to_string()),
        (_, SaveState::Saved(t)) => ("save-status ok", format!("已自动保存 {t}")),
        (_, SaveState::Idle) => ("save-status", "填写后自动保存".to_string()),
        (_, SaveState::Failed(_)) => ("save-status bad", "未保存(存储失败)".to_string()),
        (_, SaveState::Conflict) => ("save-status bad", "未保存(与其他标签页冲突)".to_string()),
    });
    view! {
        <span class=live_text(move || text.get().0.into()) data-testid="save-status" aria-live="polite">{live_text(move || text.get().1)}</span>
    }
}

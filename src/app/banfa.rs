//! 管理办法版本 on the 基本情况 page: which 《管理办法》 the open draft is under, its two rules that
//! changed in January 2026, and the move to another version — a dialog with the before/after of
//! what changes (`engine::process::banfa_move`), confirmed by the user, then one `Edit::SetBanfa`.

use crate::engine::model::banfa::Banfa;
use leptos::prelude::*;

use super::rx::{live_text, live_view};
use super::state::draft::OpenDraft;
use crate::engine::model::edit::Edit;
use crate::engine::process::banfa_move::banfa_move;
use crate::engine::rubric::banfa::{banfa_or_legacy, banfa_rules, bundled_banfas, draft_table_note};

/// A text made from the 办法 the open draft is under (article citations, rule words), kept live.
pub fn banfa_text(draft: OpenDraft, f: impl Fn(&Banfa) -> String + Send + Sync + 'static) -> Signal<String> {
    live_text(move || draft.assessment.with(|a| f(banfa_or_legacy(a))))
}

/// The box: the version, its rules, a button per other version, the move dialog.
pub fn banfa_box(draft: OpenDraft) -> AnyView {
    let current = Memo::new(move |_| draft.assessment.with(|a| banfa_or_legacy(a).id.clone()));
    // The version the user is considering moving to (the dialog is open while it is set).
    let target: RwSignal<Option<String>> = RwSignal::new(None);
    let close = move || target.set(None);
    let note = draft_table_note(&draft.loaded_rubric().rubric);
    view! {
        <div class="banfa-box" data-testid="banfa-box">
            <p class="banfa-h">"管理办法版本"</p>
            <p data-testid="banfa-label">{live_text(move || { current.track(); draft.assessment.with(|a| banfa_or_legacy(a).full_label()) })}</p>
            {live_view(move || {
                let lines = draft.assessment.with(|a| banfa_rules(banfa_or_legacy(a)));
                view! { <ul class="banfa-rules" data-testid="banfa-rules">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
            })}
            {note.map(|n| view! { <p class="hint" data-testid="table-note">{n}</p> })}
            {live_view(move || {
                let cur = current.get();
                bundled_banfas().iter().filter(|b| b.id != cur).map(|b| {
                    let id = b.id.clone();
                    let testid = format!("banfa-move-{}", b.id);
                    view! {
                        <button type="button" class="btn small" data-testid=testid on:click=move |_| target.set(Some(id.clone()))>
                            {format!("改用{}…", b.short_label)}
                        </button>
                    }
                }).collect_view().into_any()
            })}
            {live_view(move || match target.get().and_then(|id| bundled_banfas().iter().find(|b| b.id == id)) {
                None => ().into_any(),
                Some(to) => {
                    let rows = draft.assessment.with_untracked(|a| banfa_move(a, to));
                    let id = to.id.clone();
                    view! {
                        <div class="dialog-backdrop">
                            <div class="dialog migration-dialog" role="alertdialog" aria-modal="true" aria-labelledby="banfa-move-title"
                                data-testid="dialog-banfa-move"
                                on:keydown=move |e: web_sys::KeyboardEvent| if e.key() == "Escape" { close() }>
                                <h2 id="banfa-move-title">{format!("改用{}?", to.short_label)}</h2>
                                <p>"输入的内容都不会改变;改变的是本评估按哪一版管理办法的规则检查:"</p>
                                <div class="table-wrap">
                                    <table class="migration-table" data-testid="banfa-move-changes">
                                        <thead><tr><th scope="col">"项目"</th><th scope="col">"改用前"</th><th scope="col">"改用后"</th></tr></thead>
                                        <tbody>
                                            {rows.into_iter().map(|r| view! {
                                                <tr><th scope="row">{r.what}</th><td>{r.before}</td><td>{r.after}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <div class="dialog-actions">
                                    <button type="button" class="btn primary" data-testid="banfa-move-confirm"
                                        on:click=move |_| { draft.dispatch(Edit::SetBanfa { banfa: Some(id.clone()) }); close(); }>
                                        "确认改用"
                                    </button>
                                    <button type="button" class="btn" data-testid="banfa-move-cancel" autofocus on:click=move |_| close()>"取消"</button>
                                </div>
                            </div>
                        </div>
                    }.into_any()
                }
            })}
        </div>
    }
    .into_any()
}

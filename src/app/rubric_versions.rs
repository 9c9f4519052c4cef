//! 指标体系版本 (第十一条: "评估指标可以根据实际需要进行调整"): the bundled 2025-10-29 征求意见稿 and the
//! rubric files the user opened, kept in `localStorage` (`demozone.rubric.<digest>`). A rubric file
//! is checked by the engine (`RubricSet::add`) and every problem is shown in Chinese. A new
//! assessment can be started with any loaded rubric; a draft is moved to another rubric only after
//! the user has seen what changes (`engine::score::migrate::migrate`) and confirmed.

use leptos::prelude::*;

use super::browser;
use super::controls::{plain, select, Choice, SelectSpec};
use super::rx::{live_flag, live_text, live_view};
use super::state::nav::Page;
use super::state::notices::Level;
use super::state::store::store_error_text;
use super::state::{use_contexts, Contexts as Ctx};
use super::storage;
use super::widgets::setter;
use crate::engine::io::draft::{decode, draft_key};
use crate::engine::json::text::{check_size, file_text, FileKind};
use crate::engine::model::assessment::Assessment;
use crate::engine::model::rubric::RubricRef;
use crate::engine::rubric::set::{rubric_facts, rubric_key, rubric_label, rubric_ref_label, short_digest};
use crate::engine::score::migrate::{migrate, Migration};
use crate::engine::support::problem::texts;
use crate::engine::view::steps::can_move_drafts;

// ---------------------------------------------------------------------------------------------
// Opening a rubric file

const RUBRIC_INPUT_ID: &str = "rubric-file-input";

/// The outcome of the last rubric file opened: its name and the problems (empty on success).
#[derive(Debug, Clone, PartialEq)]
struct LoadReport {
    name: String,
    problems: Vec<String>,
}

fn open_rubric_file(ctx: Ctx, report: RwSignal<Option<LoadReport>>, file: web_sys::File) {
    let name = file.name();
    if let Err(e) = check_size(file.size() as usize, FileKind::Rubric) {
        return report.set(Some(LoadReport { name, problems: vec![e.to_string()] }));
    }
    browser::read_bytes(&file, move |res| {
        let text = match res {
            Ok(bytes) => match file_text(&bytes, FileKind::Rubric) {
                Ok(t) => t.to_string(),
                Err(e) => return report.set(Some(LoadReport { name, problems: vec![e.to_string()] })),
            },
            Err(msg) => return report.set(Some(LoadReport { name, problems: vec![msg] })),
        };
        add_rubric(ctx, report, name, &text);
    });
}

fn add_rubric(ctx: Ctx, report: RwSignal<Option<LoadReport>>, name: String, text: &str) {
    let mut set = ctx.rubrics.set.get_untracked();
    let before = set.len();
    let added = match set.add(text) {
        Ok(r) => r.clone(),
        Err(problems) => return report.set(Some(LoadReport { name, problems: texts(problems) })),
    };
    report.set(None);
    if set.len() == before {
        ctx.notices.notify(
            Level::Info,
            "notice-rubric",
            format!("「{}」已经加载过,无需重复打开", rubric_label(&added)),
            vec![],
        );
        return;
    }
    ctx.rubrics.replace(set);
    let mut lines = vec![rubric_facts(&added)];
    match storage::set(&rubric_key(&added), text) {
        Ok(()) => lines.push("已保存在本浏览器中,下次打开本工具时仍可使用。".into()),
        Err(e) => {
            ctx.notices.notify(
                Level::Error,
                "notice-rubric-storage",
                "指标体系已加载,但未能保存在本浏览器中",
                vec![
                    store_error_text(&e),
                    "本页面中可以照常使用;刷新或关闭页面后需要重新打开此文件,使用它的草稿在此之前无法打开(草稿数据不受影响)。"
                        .into(),
                ],
            );
        }
    }
    ctx.notices.notify(Level::Info, "notice-rubric", format!("已加载指标体系「{}」", rubric_label(&added)), lines);
    // Drafts that name this rubric can now be opened.
    ctx.store.refresh();
}

// ---------------------------------------------------------------------------------------------
// Removing a rubric

fn remove_rubric(ctx: Ctx, r: &RubricRef) {
    let Some(loaded) = ctx.rubrics.set.with_untracked(|s| s.find(r).cloned()) else { return };
    let mut set = ctx.rubrics.set.get_untracked();
    if !set.remove(r) {
        return;
    }
    // Close the open draft first if it uses this rubric: it must never be shown under another one.
    ctx.draft.close_if_uses(r);
    storage::remove(&rubric_key(&loaded));
    ctx.rubrics.replace(set);
    ctx.store.refresh();
    ctx.notices.notify(
        Level::Info,
        "notice-rubric",
        format!("已移除指标体系「{}」", rubric_label(&loaded)),
        vec!["使用它的草稿已原样保留;重新打开该指标体系文件即可继续使用。".into()],
    );
}

// ---------------------------------------------------------------------------------------------
// Moving a draft to another rubric

/// A move that was computed and shown, waiting for the user's answer.
#[derive(Clone)]
struct Pending {
    draft_id: String,
    title: String,
    /// The draft's revision when the change was computed: if it changes, the change is recomputed.
    revision: u64,
    migration: Migration,
    from_label: String,
    to_label: String,
}

/// The draft's assessment, rubric and revision as this tab knows them.
fn draft_state(ctx: Ctx, id: &str) -> Option<(Assessment, RubricRef, u64, String)> {
    let open = ctx.draft.current.get_untracked().filter(|c| c.id == id);
    let title = ctx.store.rows.with_untracked(|d| d.iter().find(|r| r.id == id).map(|r| r.title.clone())).unwrap_or_default();
    match open {
        Some(c) => Some((ctx.draft.assessment.get_untracked(), c.rubric, c.base.revision, title)),
        None => {
            let d = decode(&storage::get(&draft_key(id))?).ok()?.draft;
            Some((d.assessment, d.rubric, d.revision, title))
        }
    }
}

fn compute(ctx: Ctx, id: &str, to: &RubricRef) -> Result<Pending, String> {
    let (assessment, from_ref, revision, title) =
        draft_state(ctx, id).ok_or_else(|| "找不到这份草稿(可能已在其他标签页中删除)".to_string())?;
    ctx.rubrics.set.with_untracked(|set| {
        let from = set.resolve(&from_ref).map_err(|e| e.to_string())?;
        let to = set.find(to).ok_or_else(|| "所选的指标体系已不在已加载的版本中".to_string())?;
        if from.digest == to.digest {
            return Err(format!("这份草稿已经按「{}」计分", rubric_label(to)));
        }
        Ok(Pending {
            draft_id: id.to_string(),
            title,
            revision,
            migration: migrate(&assessment, from, to),
            from_label: rubric_label(from),
            to_label: rubric_label(to),
        })
    })
}

fn apply(ctx: Ctx, pending: RwSignal<Option<Pending>>, error: RwSignal<Option<String>>) {
    let Some(p) = pending.get_untracked() else { return };
    // Changed since it was shown (another tab, or this one): show the new change instead.
    let now = draft_state(ctx, &p.draft_id).map(|s| s.2);
    if now != Some(p.revision) {
        match compute(ctx, &p.draft_id, &p.migration.to) {
            Ok(fresh) => {
                pending.set(Some(fresh));
                error.set(Some("这份草稿在此期间有修改,上面的变化已按最新内容重新计算,请再次确认。".into()));
            }
            Err(e) => {
                pending.set(None);
                error.set(Some(e));
            }
        }
        return;
    }
    pending.set(None);
    error.set(None);
    let headline = p.migration.headline();
    if ctx.draft.replace(&p.draft_id, p.migration.to.clone(), p.migration.assessment) {
        ctx.nav.go(Page::Summary);
    }
    ctx.notices.notify(
        Level::Info,
        "notice-rubric",
        format!("草稿「{}」已改按「{}」计分", p.title, p.to_label),
        vec![headline],
    );
}

/// The computed move of a draft to another rubric, shown for confirmation.
#[component]
fn MigrationDialog(pending: RwSignal<Option<Pending>>, error: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = use_contexts();
    let close = move || {
        pending.set(None);
        error.set(None);
        browser::focus_id("migrate-preview");
    };
    live_view(move || {
        let Some(p) = pending.get() else { return ().into_any() };
        let m = p.migration.clone();
        let (v_before, v_after) = m.verdicts();
        let rows = m
            .changes
            .iter()
            .map(|c| {
                view! {
                    <tr class=c.level_class()>
                        <th scope="row">{c.label.clone()}</th>
                        <td>{c.before_text()}</td>
                        <td>{c.after_text()}</td>
                        <td>{c.max_text()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="dialog-backdrop">
                <div class="dialog migration-dialog" role="alertdialog" aria-modal="true" aria-labelledby="migration-title"
                    aria-describedby="migration-text" data-testid="dialog-migration"
                    on:keydown=move |e: web_sys::KeyboardEvent| if e.key() == "Escape" { close() }>
                    <h2 id="migration-title">"改用其他版本的指标体系?"</h2>
                    <div id="migration-text">
                        <p>
                            {format!("草稿「{}」目前按「{}」计分。", p.title, p.from_label)}
                            {format!("改按「{}」计分后:", p.to_label)}
                        </p>
                        <p class="migration-headline" data-testid="migration-headline">{m.headline()}</p>
                    </div>
                    {live_view(move || match error.get() {
                        Some(e) => view! { <p class="problem warning" role="alert">{e}</p> }.into_any(),
                        None => ().into_any(),
                    })}
                    {if m.is_noop() {
                        view! { <p data-testid="migration-noop">"分数、结论和输入都不会改变。"</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table class="migration-table" data-testid="migration-changes">
                                    <caption>"分数变化(只列出有变化的子项、指标、一级指标和总分)"</caption>
                                    <thead>
                                        <tr><th scope="col">"项目"</th><th scope="col">"改用前"</th><th scope="col">"改用后"</th><th scope="col">"满分"</th></tr>
                                    </thead>
                                    <tbody>
                                        {rows}
                                        <tr class="change-verdict">
                                            <th scope="row">"结论"</th>
                                            <td>{v_before}</td>
                                            <td data-testid="migration-verdict-after">{v_after}</td>
                                            <td></td>
                                        </tr>
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                    {(!m.dropped.is_empty()).then(|| view! {
                        <div class="migration-list">
                            <p class="migration-list-title">"以下输入将被移除:"</p>
                            <ul data-testid="migration-dropped">
                                {m.dropped.iter().map(|d| view! { <li>{format!("第{}项:{}", d.item, d.reason)}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    {(!m.new_problems.is_empty()).then(|| view! {
                        <div class="migration-list">
                            <p class="migration-list-title">"按新版本计分会出现的问题(改用后请修改):"</p>
                            <ul data-testid="migration-problems">
                                {m.new_problems.iter().map(|x| view! { <li>{x.to_string()}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    {(!m.notes.is_empty()).then(|| view! {
                        <div class="migration-list">
                            <p class="migration-list-title">"两个版本的其他差别:"</p>
                            <ul data-testid="migration-notes">
                                {m.notes.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    <p class="hint">"基本情况、创建流程和各项依据保持不变。确认前不会改动草稿;确认后可在“保存为文件”前检查结果。"</p>
                    <div class="dialog-actions">
                        <button type="button" class="btn primary" id="migration-confirm" data-testid="migration-confirm"
                            on:click=move |_| apply(ctx, pending, error)>"确认改用"</button>
                        <button type="button" class="btn" data-testid="migration-cancel" on:click=move |_| close()>"取消"</button>
                    </div>
                </div>
            </div>
        }
        .into_any()
    })
}

// ---------------------------------------------------------------------------------------------
// The section on the home page

/// A loaded rubric as listed: its reference, whether it is the bundled one, its label, facts and
/// short digest.
type RubricRow = (RubricRef, bool, String, String, String);

/// A usable draft and its rubric: (id, title, rubric).
type DraftUse = (String, String, RubricRef);

#[component]
pub fn RubricVersions() -> impl IntoView {
    let ctx = use_contexts();
    let rows = Memo::new(move |_| {
        ctx.rubrics.set.with(|s| {
            s.all()
                .iter()
                .enumerate()
                .map(|(i, r)| (r.reference(), i == 0, rubric_label(r), rubric_facts(r), short_digest(&r.digest)))
                .collect::<Vec<RubricRow>>()
        })
    });
    // Usable drafts with their rubric, for the list of users and the move form.
    let drafts = Memo::new(move |_| {
        ctx.store.rows.with(|d| {
            d.iter().filter(|r| r.unusable.is_none()).map(|r| (r.id.clone(), r.title.clone(), r.rubric.clone())).collect::<Vec<DraftUse>>()
        })
    });
    let can_move = Memo::new(move |_| {
        let loaded: Vec<RubricRef> = rows.with(|r| r.iter().map(|x| x.0.clone()).collect());
        let used: Vec<RubricRef> = drafts.with(|d| d.iter().map(|x| x.2.clone()).collect());
        can_move_drafts(&used, &loaded)
    });
    view! {
        <section class="rubric-versions" aria-labelledby="rubric-versions-h" data-testid="rubric-versions">
            <h2 id="rubric-versions-h">"指标体系版本"</h2>
            <p class="intro">
                "《管理办法》规定评估指标可以根据实际需要进行调整。本工具内置2025-10-29征求意见稿;正式稿或修订版发布后,"
                "打开它的指标体系文件(JSON)即可使用。每份草稿都记录自己按哪个版本计分,不会在未经您确认的情况下改按其他版本计分。"
            </p>
            <RubricList rows=rows drafts=drafts/>
            // Only when it can do something: a draft and another version to move it to.
            {live_view(move || if can_move.get() { view! { <MigrateForm rows=rows drafts=drafts/> }.into_any() } else { ().into_any() })}
        </section>
    }
}

/// Opening a rubric file, what could not be loaded, and the loaded versions with their drafts.
#[component]
fn RubricList(rows: Memo<Vec<RubricRow>>, drafts: Memo<Vec<DraftUse>>) -> impl IntoView {
    let ctx = use_contexts();
    let report = RwSignal::new(None::<LoadReport>);
    let removing = RwSignal::new(None::<RubricRef>);
    // Drafts that name a rubric which is not loaded.
    let missing = Memo::new(move |_| {
        ctx.store.rows.with(|d| {
            let mut refs: Vec<RubricRef> = Vec::new();
            for r in d.iter().filter(|r| r.unusable.is_some()) {
                if !refs.contains(&r.rubric) && ctx.rubrics.set.with(|s| s.find(&r.rubric).is_none()) {
                    refs.push(r.rubric.clone());
                }
            }
            refs.iter().map(rubric_ref_label).collect::<Vec<_>>()
        })
    });
    view! {
        <div class="start-actions">
            <button type="button" class="btn" data-testid="btn-open-rubric" aria-controls=RUBRIC_INPUT_ID on:click=move |_| browser::click_id(RUBRIC_INPUT_ID)>
                "打开指标体系文件"
            </button>
            <input type="file" id=RUBRIC_INPUT_ID class="file-input" accept=".json,application/json"
                aria-label="选择要打开的指标体系文件" tabindex="-1" data-testid="rubric-file-input"
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(file) = input.files().and_then(|f| f.get(0)) {
                        open_rubric_file(ctx, report, file);
                    }
                    input.set_value("");
                }/>
        </div>
        {live_view(move || match report.get() {
            Some(r) => view! {
                <div class="notice error" role="alert" data-testid="rubric-errors">
                    <div class="notice-body">
                        <p class="notice-title">{format!("无法加载指标体系文件「{}」(共{}个问题),已加载的版本和草稿都没有改变:", r.name, r.problems.len())}</p>
                        <ul class="notice-lines">{r.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                    <button type="button" class="btn small" on:click=move |_| report.set(None)>"关闭"</button>
                </div>
            }.into_any(),
            None => ().into_any(),
        })}
        {live_view(move || {
            let m = missing.get();
            if m.is_empty() {
                return ().into_any();
            }
            view! {
                <p class="hint warn" data-testid="rubric-missing">
                    {format!("有草稿使用尚未加载的指标体系({}):打开该版本的指标体系文件后即可打开这些草稿。", m.join("、"))}
                </p>
            }.into_any()
        })}
        <ul class="rubric-list">
            {live_view(move || rows.get().into_iter().map(|row| view! { <RubricItem row=row drafts=drafts removing=removing/> }).collect_view().into_any())}
        </ul>
    }
}

/// One loaded version: what it is, the drafts that use it, new assessment, removal (confirmed).
#[component]
fn RubricItem(row: RubricRow, drafts: Memo<Vec<DraftUse>>, removing: RwSignal<Option<RubricRef>>) -> impl IntoView {
    let ctx = use_contexts();
    let (r, bundled, label, facts, digest) = row;
    let (r1, r2, r3, r4) = (r.clone(), r.clone(), r.clone(), r.clone());
    let version = r.version.clone();
    let users = Memo::new(move |_| {
        drafts.with(|d| d.iter().filter(|(_, _, x)| *x == r1).map(|(_, t, _)| t.clone()).collect::<Vec<_>>())
    });
    let users_text = move || {
        users.with(|u| if u.is_empty() { "暂无草稿使用此版本".to_string() } else { format!("使用此版本的草稿:{}", u.join("、")) })
    };
    let confirming = live_flag(move || removing.with(|x| x.as_ref() == Some(&r2)));
    view! {
        <li class="rubric-row" data-testid="rubric-row" data-version=version>
            <div class="rubric-main">
                <h3 class="rubric-title">
                    {label}
                    {bundled.then(|| view! { <span class="badge rubric-default">"内置 · 默认"</span> })}
                </h3>
                <p class="rubric-facts">{facts}</p>
                <p class="rubric-meta">{format!("数据摘要 {digest}")}</p>
                <p class="rubric-users" data-testid="rubric-users">{live_text(users_text)}</p>
            </div>
            <div class="rubric-actions">
                <button type="button" class="btn small primary" data-testid="rubric-new"
                    on:click=move |_| ctx.nav.new_draft(Some(r3.clone()))>"用此版本新建自评"</button>
                {(!bundled).then(|| view! {
                    <button type="button" class="btn small danger-text" data-testid="rubric-remove"
                        on:click=move |_| removing.set(Some(r4.clone()))>"移除"</button>
                })}
            </div>
            {live_view(move || {
                if !confirming.get() {
                    return ().into_any();
                }
                let n = users.with(Vec::len);
                let r5 = r.clone();
                view! {
                    <div class="rubric-confirm" role="alert" data-testid="rubric-remove-confirm">
                        <p>
                            {if n == 0 {
                                "确定移除这个版本吗?可以随时重新打开它的文件。".to_string()
                            } else {
                                format!("有草稿使用这个版本({}),移除后它们将无法打开(数据原样保留),重新打开该指标体系文件即可恢复。确定移除吗?", users.with(|u| u.join("、")))
                            }}
                        </p>
                        <button type="button" class="btn small danger" data-testid="rubric-remove-ok"
                            on:click=move |_| { removing.set(None); remove_rubric(ctx, &r5) }>"确认移除"</button>
                        <button type="button" class="btn small" on:click=move |_| removing.set(None)>"取消"</button>
                    </div>
                }
                .into_any()
            })}
        </li>
    }
}

/// Moving a draft to another loaded version: choose both, see the change, confirm.
#[component]
fn MigrateForm(rows: Memo<Vec<RubricRow>>, drafts: Memo<Vec<DraftUse>>) -> impl IntoView {
    let ctx = use_contexts();
    let pending = RwSignal::new(None::<Pending>);
    let migrate_error = RwSignal::new(None::<String>);
    let chosen_draft = RwSignal::new(String::new());
    let chosen_rubric = RwSignal::new(String::new());
    let form_error = RwSignal::new(None::<String>);
    let draft_choices = Memo::new(move |_| {
        plain(drafts.get().into_iter().map(|(id, title, r)| Choice::new(id, format!("{title}({})", rubric_ref_label(&r)))).collect())
    });
    let rubric_choices = Memo::new(move |_| plain(rows.get().into_iter().map(|(r, _, label, _, _)| Choice::new(r.digest, label)).collect()));
    let preview = move |_| {
        form_error.set(None);
        let id = chosen_draft.get_untracked();
        let to_digest = chosen_rubric.get_untracked();
        let Some(to) = ctx.rubrics.set.with_untracked(|s| s.all().iter().find(|r| r.digest == to_digest).map(|r| r.reference())) else {
            form_error.set(Some("请选择要改用的指标体系版本".into()));
            return;
        };
        if id.is_empty() {
            form_error.set(Some("请选择草稿".into()));
            return;
        }
        match compute(ctx, &id, &to) {
            Ok(p) => {
                migrate_error.set(None);
                pending.set(Some(p));
                browser::focus_id("migration-confirm");
            }
            Err(e) => form_error.set(Some(e)),
        }
    };
    view! {
        <h3 class="migrate-heading">"草稿改用其他版本"</h3>
        <p class="hint">"先查看改用后分数和结论的变化,确认后才会改动草稿。"</p>
        <div class="migrate-form">
            <div class="field">
                <label for="migrate-draft">"草稿"</label>
                {select(SelectSpec::new("migrate-draft".into(), "migrate-draft".into(), chosen_draft.into(), draft_choices.into(),
                    setter(move |v| chosen_draft.set(v))))}
            </div>
            <div class="field">
                <label for="migrate-to">"改用的版本"</label>
                {select(SelectSpec::new("migrate-to".into(), "migrate-to".into(), chosen_rubric.into(), rubric_choices.into(),
                    setter(move |v| chosen_rubric.set(v))))}
            </div>
            <button type="button" class="btn" id="migrate-preview" data-testid="migrate-preview" on:click=preview>"查看变化"</button>
        </div>
        {live_view(move || match form_error.get() {
            Some(e) => view! { <p class="problem error" role="alert" data-testid="migrate-error">{e}</p> }.into_any(),
            None => ().into_any(),
        })}
        <MigrationDialog pending=pending error=migrate_error/>
    }
}

//! The Leptos shell: shows and edits state, calls the engine. No scoring logic here.

use leptos::prelude::*;

use crate::engine::Rubric;

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let rubric = Rubric::bundled();
    let total = rubric.total_points().to_string();
    view! {
        <main class="page">
            <h1>"网络市场监管与服务示范区创建自评工作台"</h1>
            <p class="lead">{format!("{}(共 {} 分)", rubric.title, total)}</p>
            <ol class="dimensions">
                {rubric.dimensions.into_iter().map(|d| view! {
                    <li class="dimension">
                        <h2>{format!("{}({}分)", d.name, d.points)}</h2>
                        <ol class="indicators">
                            {d.indicators.into_iter().map(|i| view! {
                                <li class="indicator" value=i.number.to_string()>
                                    <span class="title">{i.title}</span>
                                    <span class="points">{format!("{}分", i.points)}</span>
                                </li>
                            }).collect_view()}
                        </ol>
                    </li>
                }).collect_view()}
            </ol>
        </main>
    }
}

//! The smallest useful Leptos 0.8 CSR app: one button counting its clicks.

use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0u32);
    view! {
        <main>
            <button id="counter" data-counter="" on:click=move |_| set_count.update(|n| *n += 1)>
                "点击次数:" {count}
            </button>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(Counter);
}

use leptos::prelude::*;

// The smallest reader-shaped app: a counter, a list from a signal, a conditional view.
#[component]
fn App() -> impl IntoView {
    let (count, set_count) = signal(0u32);
    let items = move || (0..count.get()).map(|i| view! { <li>{i}</li> }).collect_view();
    view! {
        <button on:click=move |_| set_count.update(|n| *n += 1)>"+1"</button>
        <p>{move || count.get()}</p>
        <Show when=move || count.get() % 2 == 0 fallback=|| view! { <em>"odd"</em> }><strong>"even"</strong></Show>
        <ul>{items}</ul>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

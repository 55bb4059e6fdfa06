//! Loading and error states, shown in place of whatever could not load.

use crate::archive::api::{display_address, Failure, LoadError};
use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn Loading(lang: Lang) -> impl IntoView {
    view! {
        <div class="bs-loading" role="status" aria-live="polite">
            <span class="bs-spinner" aria-hidden="true"></span>
            {lang.strings().loading}
        </div>
    }
}

/// Says which file failed and why (each data problem by its JSON path), with a retry button.
#[component]
pub fn LoadFailed(lang: Lang, error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    let t = lang.strings();
    let file = display_address(&error.file);
    let details = match &error.failure {
        Failure::Invalid(problems) if problems.len() > 1 => {
            let items = problems.iter().take(50).map(|p| view! { <li>{p.to_string()}</li> }).collect_view();
            Some(view! { <ul class="bs-problems">{items}</ul> })
        }
        _ => None,
    };
    view! {
        <div class="bs-error" role="alert">
            <p>
                <strong>{t.load_failed} " " <code>{file}</code></strong>
                <br/>
                {error.failure.to_string()}
            </p>
            {details}
            <button type="button" class="bs-button" on:click=move |_| on_retry.run(())>{t.retry}</button>
        </div>
    }
}

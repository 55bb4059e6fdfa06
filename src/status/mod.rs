//! Loading and error states, shown in place of whatever could not load.

use crate::archive::api::{display_address, Failure, LoadError, SLOW_MS};
use crate::i18n::Lang;
use leptos::prelude::*;
use std::time::Duration;

/// A signal that turns true once `busy` has held for `SLOW_MS`, and false again when it stops
/// (the timer goes with the view that asked).
pub fn slow_while(busy: impl Fn() -> bool + 'static) -> ReadSignal<bool> {
    let (slow, set_slow) = signal(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let stop = move || {
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    };
    Effect::new(move |_| {
        let busy = busy();
        stop();
        set_slow.set(false);
        if busy {
            let wait = Duration::from_millis(SLOW_MS.into());
            timer.set_value(set_timeout_with_handle(move || _ = set_slow.try_set(true), wait).ok());
        }
    });
    on_cleanup(stop);
    slow
}

/// The spinner, and after `SLOW_MS` a word that the connection is slow and the wait has an end.
#[component]
pub fn Loading(lang: Lang) -> impl IntoView {
    let slow = slow_while(|| true);
    view! {
        <div class="bs-loading" role="status" aria-live="polite">
            <span class="bs-spinner" aria-hidden="true"></span>
            {move || if slow.get() { lang.network().slow } else { lang.strings().loading }}
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
                {lang.load_failure(&error.failure)}
            </p>
            {details}
            <button type="button" class="bs-button" on:click=move |_| on_retry.run(())>{t.retry}</button>
        </div>
    }
}

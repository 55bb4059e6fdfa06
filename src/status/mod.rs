//! Loading and error states, shown in place of whatever could not load.

mod data_problems;
mod storage;
pub use data_problems::{DataFile, DataProblems};
pub use storage::StorageNote;

use crate::archive::api::{display_address, other_origin, Failure, LoadError, SLOW_MS, TIMEOUT_MS};
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

/// Why a data file did not load, in words a reader can act on: one message per kind of failure,
/// because each asks for something different (wait, reconnect, try later, or nothing: the
/// publisher's data is wrong).
pub fn load_failure(lang: Lang, f: &Failure) -> String {
    let t = lang.network();
    match f {
        // Aborted: nobody is left to read it; it reads as a broken connection if shown at all.
        Failure::Network(_) | Failure::Aborted => t.unreachable.into(),
        Failure::Offline => t.offline.into(),
        Failure::Timeout => lang.no_answer_within(TIMEOUT_MS / 1000),
        Failure::Http(404) => t.missing.into(),
        Failure::Http(s) if *s >= 500 => lang.server_failed(*s),
        Failure::Http(s) => lang.server_refused(*s),
        Failure::Truncated => t.truncated.into(),
        Failure::NotData(content_type) => lang.not_data(content_type),
        Failure::Invalid(p) if p.len() == 1 => lang.invalid_data(&p[0].to_string()),
        Failure::Invalid(p) => lang.invalid_data_count(p.len()),
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
    // A file on another site that "cannot be reached" while the page itself loaded is most often
    // refused by that site (no CORS headers): say which site, so the portal knows whom to ask.
    let elsewhere = match &error.failure {
        Failure::Network(_) => other_origin(&error.file).map(|o| lang.on_other_site(&o)),
        _ => None,
    };
    view! {
        <div class="bs-error" role="alert">
            <p>
                <strong>{t.load_failed} " " <code>{file}</code></strong>
                <br/>
                {load_failure(lang, &error.failure)}
                {elsewhere.map(|e| view! { " " {e} })}
            </p>
            {details}
            <button type="button" class="bs-button" on:click=move |_| on_retry.run(())>{t.retry}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_model::Problem;

    #[test]
    fn every_failure_has_its_own_message_in_both_languages() {
        let failures = [
            Failure::Network("TypeError".into()),
            Failure::Offline,
            Failure::Timeout,
            Failure::Http(404),
            Failure::Http(500),
            Failure::Http(403),
            Failure::Truncated,
            Failure::NotData("text/html".into()),
            Failure::Invalid(vec![Problem::new("pages[0]", "missing field `id`")]),
            Failure::Invalid(vec![Problem::new("a", "x"), Problem::new("b", "y")]),
        ];
        for lang in [Lang::Zh, Lang::En] {
            let texts: Vec<String> = failures.iter().map(|f| load_failure(lang, f)).collect();
            for (i, t) in texts.iter().enumerate() {
                assert!(texts[..i].iter().all(|u| u != t), "{t} said twice");
            }
            assert!(texts[3].contains("HTTP 404") && texts[4].contains("HTTP 500"));
            assert!(texts[7].contains("text/html"));
            assert!(texts[8].contains("pages[0]: missing field `id`"));
            assert_eq!(load_failure(lang, &Failure::Aborted), texts[0]);
        }
        assert_eq!(load_failure(Lang::Zh, &Failure::Truncated), "文件没有完整下载（连接中途断开）。请重试。");
        assert_eq!(load_failure(Lang::Zh, &Failure::Timeout), "服务器 20 秒内没有回答，网络可能太慢。");
        assert!(load_failure(Lang::En, &Failure::NotData(String::new())).contains("unknown type"));
    }

    #[test]
    fn the_words_about_waiting_name_the_real_time_limit() {
        let secs = TIMEOUT_MS / 1000;
        for (lang, limit) in [(Lang::Zh, format!("{secs} 秒")), (Lang::En, format!("{secs} s"))] {
            let t = lang.network();
            assert!(t.slow.contains(&limit), "{}", t.slow);
            assert!(t.image_timeout.contains(&limit), "{}", t.image_timeout);
            assert!(load_failure(lang, &Failure::Timeout).contains(&limit));
        }
    }
}

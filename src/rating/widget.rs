//! The rating widget for the page on show, in browser-only or endpoint mode.

use super::browser;
use super::endpoint;
use super::score::{Tally, MAX_SCORE, MIN_SCORE};
use super::state::{Command, State};
use super::store::vote_key;
use crate::archive::api::resolve;
use crate::config::Config;
use crate::reader::{OpenIssue, Reader};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use std::future::Future;

/// What the widget rates: one page of one issue.
#[derive(Clone)]
struct PageKey {
    date: String,
    page: String,
    label: String,
    baseline: Tally,
}

fn document_base() -> String {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default()
}

/// Runs a request of the widget under the widget's own owner, so that it is aborted when the
/// widget goes away (and not when a part of it re-renders, as the retry button does).
fn in_widget(owner: &Owner, task: impl Future<Output = ()> + 'static) {
    owner.with(|| spawn_local_scoped(task));
}

/// The rating of the page on show; a new page gets a fresh widget with its own state.
#[component]
pub fn PageRating(open: OpenIssue, page: Memo<usize>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let config = expect_context::<Config>();
    // A relative endpoint is relative to the host page, like the archive folder.
    let endpoint = config.ratings.as_deref().map(|e| resolve(e, &document_base()));
    move || {
        let p = open.issue.pages.get(page.get())?;
        let key = PageKey {
            date: open.issue.date.to_string(),
            page: p.id.clone(),
            label: r.lang.page_title(&p.number, &p.name),
            baseline: p.rating.map(|b| Tally::new(b.sum, b.count)).unwrap_or_default(),
        };
        Some(view! { <Rating key endpoint=endpoint.clone()/> })
    }
}

/// The widget's state, read for the page, and what a press of `n` points does: kept in the
/// browser, or sent to the endpoint. Requests run under the widget's owner (see `in_widget`).
fn wire(key: &PageKey, endpoint: Option<String>, paper: &str) -> (RwSignal<State>, Callback<u8>) {
    let store_key = vote_key(paper, &key.date, &key.page);
    let owner = Owner::current().expect("a component has an owner");
    let (first, client) = match &endpoint {
        None => (State::in_browser(key.baseline, browser::with_votes(|v| v.load(&store_key))), String::new()),
        Some(_) => {
            let (client, keeping) = browser::with_votes(|v| v.client(browser::random_id));
            (State::with_endpoint(key.baseline, keeping), client)
        }
    };
    let state = RwSignal::new(first);
    if let Some(base) = endpoint.clone() {
        let (date, page, client) = (key.date.clone(), key.page.clone(), client.clone());
        in_widget(&owner, async move {
            let result = endpoint::fetch_score(&base, &date, &page, &client).await;
            state.try_update(|s| s.read(result));
        });
    }
    let (date, page) = (key.date.clone(), key.page.clone());
    let vote = Callback::new(move |n: u8| match state.try_update(|s| s.vote(n)).flatten() {
        Some(Command::Save(n)) => {
            let keeping = browser::with_votes(|v| v.save(&store_key, n));
            state.update(|s| s.kept(keeping));
        }
        Some(Command::Send(n)) => {
            let base = endpoint.clone().unwrap_or_default();
            let (date, page, client) = (date.clone(), page.clone(), client.clone());
            in_widget(&owner, async move {
                let result = endpoint::send_vote(&base, &date, &page, &client, n).await;
                state.try_update(|s| s.sent(n, result));
            });
        }
        None => {}
    });
    (state, vote)
}

#[component]
fn Rating(key: PageKey, endpoint: Option<String>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let lang = r.lang;
    let t = lang.rating();
    let paper = r.archive.with_value(|a| a.paper.name.clone());
    let (state, vote) = wire(&key, endpoint, &paper);
    let sending = move || state.with(|s| s.sending);
    let mine = move || state.with(|s| s.mine);
    let buttons = (MIN_SCORE..=MAX_SCORE)
        .map(|n| {
            view! {
                <button
                    type="button"
                    class="bs-rating-button"
                    aria-pressed=move || if mine() == Some(n) { "true" } else { "false" }
                    disabled=sending
                    on:click=move |_| vote.run(n)
                >
                    {lang.points(n)}
                </button>
            }
        })
        .collect_view();
    let score = move || match state.with(|s| s.shown) {
        Some(s) => view! {
            <span class="bs-rating-average">{t.score}<strong>{s.average_text()}</strong></span>
            " "
            <span class="bs-rating-count">{t.raters}<strong>{s.count}</strong></span>
        }
        .into_any(),
        None => view! { <span class="bs-rating-loading">{t.loading}</span> }.into_any(),
    };
    view! {
        <section class="bs-rating" aria-labelledby="bs-rating-heading" aria-busy=move || state.with(|s| s.shown.is_none()).then_some("true")>
            <h2 id="bs-rating-heading">
                {t.heading}
                <span class="bs-visually-hidden">" " {key.label}</span>
            </h2>
            <div class="bs-rating-buttons" role="group" aria-labelledby="bs-rating-heading">
                {buttons}
            </div>
            <p class="bs-rating-score" aria-live="polite" aria-atomic="true">{score}</p>
            {move || mine().map(|n| view! { <p class="bs-rating-mine">{t.your_vote}{lang.points(n)}</p> })}
            {move || sending().then(|| view! { <p class="bs-rating-sending" role="status">{t.sending}</p> })}
            <Notices state vote/>
        </section>
    }
}

/// The notices (storage, an unread shared score) and the alert about a vote not sent, with its
/// retry.
#[component]
fn Notices(state: RwSignal<State>, vote: Callback<u8>) -> impl IntoView {
    let lang = expect_context::<Reader>().lang;
    let notices = move || {
        let list = state.with(|s| s.notices(lang));
        (!list.is_empty()).then(|| {
            view! {
                <div class="bs-rating-notice" role="status">
                    {list.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
                </div>
            }
        })
    };
    let failed = move || {
        state.with(|s| s.unsent_text(lang)).map(|(n, text)| {
            view! {
                <div class="bs-rating-notice bs-rating-unsent" role="alert">
                    <p>{text}</p>
                    <button type="button" class="bs-button" disabled=move || state.with(|s| s.sending) on:click=move |_| vote.run(n)>
                        {lang.rating().retry}
                    </button>
                </div>
            }
        })
    };
    view! {
        {notices}
        {failed}
    }
}

//! The rating widget for the page on show, in browser-only or endpoint mode.

use super::browser;
use super::endpoint::{self, Failure};
use super::score::{Tally, MAX_SCORE, MIN_SCORE};
use super::store::{vote_key, Keeping};
use crate::archive::api::resolve;
use crate::config::Config;
use crate::i18n::Lang;
use crate::reader::{OpenIssue, Reader};
use leptos::prelude::*;
use leptos::task::spawn_local;

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

fn storage_notice(lang: Lang, keeping: Keeping) -> Option<String> {
    match keeping {
        Keeping::Kept => None,
        Keeping::VisitOnly(why) => Some(lang.vote_not_kept(why).to_string()),
    }
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

#[component]
fn Rating(key: PageKey, endpoint: Option<String>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let lang = r.lang;
    let t = lang.rating();
    let paper = r.archive.with_value(|a| a.paper.name.clone());
    let store_key = vote_key(&paper, &key.date, &key.page);
    let baseline = key.baseline;

    // `None` while the shared score is on its way.
    let shown = RwSignal::new(None::<Tally>);
    let mine = RwSignal::new(None::<u8>);
    let storage = RwSignal::new(None::<String>);
    let server = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let voted = RwSignal::new(false);
    let unsent = RwSignal::new(None::<(u8, Failure)>);

    let client = match &endpoint {
        None => {
            let loaded = browser::with_votes(|v| v.load(&store_key));
            mine.set(loaded.vote);
            shown.set(Some(baseline.with_vote(loaded.vote)));
            storage.set(
                storage_notice(lang, loaded.keeping).or_else(|| loaded.corrupt.then(|| t.corrupt_ignored.to_string())),
            );
            String::new()
        }
        Some(base) => {
            let (client, keeping) = browser::with_votes(|v| v.client(browser::random_id));
            storage.set((keeping != Keeping::Kept).then(|| t.client_not_kept.to_string()));
            let (base, date, page, c) = (base.clone(), key.date.clone(), key.page.clone(), client.clone());
            spawn_local(async move {
                let result = endpoint::fetch_score(&base, &date, &page, &c).await;
                // A vote answered meanwhile is newer than this reading.
                if voted.try_get_untracked().unwrap_or(true) {
                    return;
                }
                match result {
                    Ok(s) => {
                        shown.set(Some(s.tally));
                        mine.set(s.mine);
                    }
                    Err(f) => {
                        shown.set(Some(baseline));
                        server.set(Some(lang.shared_unavailable(&f)));
                    }
                }
            });
            client
        }
    };

    let (date, page) = (key.date.clone(), key.page.clone());
    let vote = Callback::new(move |n: u8| match &endpoint {
        None => {
            mine.set(Some(n));
            shown.set(Some(baseline.with_vote(Some(n))));
            let keeping = browser::with_votes(|v| v.save(&store_key, n));
            storage.set(storage_notice(lang, keeping));
        }
        Some(base) => {
            if sending.get_untracked() {
                return;
            }
            sending.set(true);
            unsent.set(None);
            let (base, date, page, client) = (base.clone(), date.clone(), page.clone(), client.clone());
            spawn_local(async move {
                match endpoint::send_vote(&base, &date, &page, &client, n).await {
                    Ok(s) => {
                        voted.set(true);
                        shown.set(Some(s.tally));
                        mine.set(s.mine);
                        server.set(None);
                    }
                    Err(f) => unsent.set(Some((n, f))),
                }
                sending.set(false);
            });
        }
    });

    let buttons = (MIN_SCORE..=MAX_SCORE)
        .map(|n| {
            view! {
                <button
                    type="button"
                    class="bs-rating-button"
                    aria-pressed=move || if mine.get() == Some(n) { "true" } else { "false" }
                    disabled=move || sending.get()
                    on:click=move |_| vote.run(n)
                >
                    {lang.points(n)}
                </button>
            }
        })
        .collect_view();
    let score = move || match shown.get() {
        Some(s) => view! {
            <span class="bs-rating-average">{t.score}<strong>{s.average_text()}</strong></span>
            " "
            <span class="bs-rating-count">{t.raters}<strong>{s.count}</strong></span>
        }
        .into_any(),
        None => view! { <span class="bs-rating-loading">{t.loading}</span> }.into_any(),
    };
    let notices = move || {
        let list: Vec<String> = [storage.get(), server.get()].into_iter().flatten().collect();
        (!list.is_empty()).then(|| {
            view! {
                <div class="bs-rating-notice" role="status">
                    {list.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
                </div>
            }
        })
    };
    let failed = move || {
        unsent.get().map(|(n, f)| {
            view! {
                <div class="bs-rating-notice bs-rating-unsent" role="alert">
                    <p>{lang.vote_not_sent(n, &f)}</p>
                    <button type="button" class="bs-button" disabled=move || sending.get() on:click=move |_| vote.run(n)>
                        {t.retry}
                    </button>
                </div>
            }
        })
    };
    view! {
        <section class="bs-rating" aria-labelledby="bs-rating-heading" aria-busy=move || shown.with(Option::is_none).then_some("true")>
            <h2 id="bs-rating-heading">
                {t.heading}
                <span class="bs-visually-hidden">" " {key.label}</span>
            </h2>
            <div class="bs-rating-buttons" role="group" aria-labelledby="bs-rating-heading">
                {buttons}
            </div>
            <p class="bs-rating-score" aria-live="polite" aria-atomic="true">{score}</p>
            {move || mine.get().map(|n| view! { <p class="bs-rating-mine">{t.your_vote}{lang.points(n)}</p> })}
            {move || sending.get().then(|| view! { <p class="bs-rating-sending" role="status">{t.sending}</p> })}
            {notices}
            {failed}
        </section>
    }
}

//! The reader's layout: masthead, the open issue (pages, map, titles, article) and the side
//! column; the URL kept in step with the reading state; keyboard shortcuts and focus.

use super::{load_text_size, OpenIssue, Reader, Unknown};
use crate::archive::api::LoadError;
use crate::article::{ArticlePanel, HEADING_ID};
use crate::article_list::ArticleList;
use crate::config::{Config, UrlMode, Widget};
use crate::i18n::Lang;
use crate::masthead::Masthead;
use crate::page_list::{go_to_page, PageList, PageNav};
use crate::page_map::PageMap;
use crate::status::Loading;
use crate::url_state::{history, ReadingState, View};
use broadsheet_model::Archive;
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

fn focus_by_id(id: &str) -> bool {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    // Region links are SVG elements, the rest HTML; both can take focus.
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(h) => h.focus().is_ok(),
        Err(el) => el.dyn_into::<web_sys::SvgElement>().is_ok_and(|s| s.focus().is_ok()),
    }
}

/// Focus after the DOM has caught up with a state change.
fn focus_soon(ids: Vec<String>) {
    request_animation_frame(move || {
        for id in ids {
            if focus_by_id(&id) {
                return;
            }
        }
    });
}

/// The state the page was opened with: the URL, and the remembered text size when the URL has none.
fn initial_state(mode: UrlMode) -> ReadingState {
    let (mut state, _ignored) = ReadingState::parse(&history::read(mode));
    if !history::read(mode).contains("size=") {
        state.size = load_text_size().unwrap_or(0);
    }
    state
}

#[component]
pub fn ReaderView(archive: Arc<Archive>, archive_url: String, lang: Lang, config: Config) -> impl IntoView {
    let archive = StoredValue::new(archive);
    // Before anything reads storage (the text size, just below), so that what it finds is said.
    crate::storage::notice::Memory::provide();
    let state = RwSignal::new(initial_state(config.url_mode));
    let r = Reader {
        lang,
        archive,
        archive_url: StoredValue::new(archive_url),
        url_mode: config.url_mode,
        state,
        hot: RwSignal::new(None),
        announce: RwSignal::new(String::new()),
        day: Reader::day_memo(state, archive),
    };
    provide_context(r);
    // Widgets read their own settings (e.g. a ratings endpoint) from the configuration.
    provide_context(config.clone());
    // Offline reading listens before the issue loads, so that its files are attributed to it.
    crate::offline::provide(&config);

    // Back and forward: the URL is the truth; read it again.
    if config.url_mode != UrlMode::Off {
        let handle = window_event_listener(ev::popstate, move |_| {
            history::drop_pending();
            let (state, _) = ReadingState::parse(&history::read(r.url_mode));
            r.state.set(state);
        });
        on_cleanup(move || handle.remove());
    }

    let issue = LocalResource::new(move || OpenIssue::load(r.issue_url(r.date())));
    let content = move || {
        Suspend::new(async move {
            match issue.await {
                Ok(open) => view! { <IssueView open/> }.into_any(),
                Err(error) => view! { <IssueFailed error retry=Callback::new(move |_| issue.refetch())/> }.into_any(),
            }
        })
    };
    let text_view = move || r.state.with(|s| s.view == View::Text && s.article.is_some());
    view! {
        <div class="bs-reader" class:bs-text-view=text_view lang=lang.tag()>
            <Masthead/>
            <crate::storage::notice::StorageNote/>
            <div class="bs-visually-hidden" role="status" aria-live="polite">{move || r.announce.get()}</div>
            <div class="bs-body">
                <main class="bs-main">
                    <Suspense fallback=move || view! { <Loading lang/> }>{content}</Suspense>
                </main>
                <aside class="bs-side">
                    {config.shows(Widget::Calendar).then(|| view! { <crate::calendar::Calendar/> })}
                </aside>
            </div>
            {config.shows(Widget::Footer).then(|| view! { <crate::footer::Footer/> })}
        </div>
    }
}

/// The issue could not be opened: a date without an issue says so and offers the nearest ones
/// (from the month index); any other failure says why, with a retry.
#[component]
fn IssueFailed(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let lang = expect_context::<Reader>().lang;
    view! { <crate::offline::NotOffline lang error=error.clone()/> <crate::calendar::MissingIssue error retry/> }
}

#[component]
fn IssueView(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let o = open.clone();
    let resolved = Memo::new(move |_| r.state.with(|s| o.page_for(s)));
    let page = Memo::new(move |_| resolved.get().unwrap_or(0));

    // Keyboard: arrows change page, Escape closes the article; never while typing, and only when
    // focus is in the reader or nowhere (so a host page's own keys stay its own).
    let o = open.clone();
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() || e.default_prevented() {
            return;
        }
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(el) = &target {
            let typing = matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|h| h.is_content_editable());
            let in_reader = el.closest(".broadsheet").ok().flatten().is_some() || el.tag_name() == "BODY";
            if typing || !in_reader {
                return;
            }
        }
        let i = page.get_untracked();
        match e.key().as_str() {
            "ArrowLeft" if i > 0 => {
                e.prevent_default();
                go_to_page(r, &o, i - 1);
                focus_soon(vec!["bs-map".into()]);
            }
            "ArrowRight" if i + 1 < o.issue.pages.len() => {
                e.prevent_default();
                go_to_page(r, &o, i + 1);
                focus_soon(vec!["bs-map".into()]);
            }
            "Escape" => {
                if let Some(id) = r.state.with_untracked(|s| s.article.clone()) {
                    e.prevent_default();
                    r.navigate(|s| s.article = None);
                    focus_soon(vec![format!("bs-region-{id}"), format!("bs-title-{id}"), "bs-map".into()]);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    // Focus follows the article: to its heading when one opens.
    let article = Memo::new(move |_| r.state.with(|s| s.article.clone()));
    Effect::new(move |previous: Option<Option<String>>| {
        let now = article.get();
        if now.is_some() && previous.as_ref() != Some(&now) && previous.is_some() {
            focus_soon(vec![HEADING_ID.into()]);
        }
        now
    });

    let o = open.clone();
    let unknown_page = move || match resolved.get() {
        Err(Unknown::Page(id)) | Err(Unknown::Article(id)) => {
            let o = o.clone();
            Some(view! {
                <div class="bs-notice" role="alert">
                    <p>{t.unknown_page}<code>{id}</code></p>
                    <button type="button" class="bs-button" on:click=move |_| go_to_page(r, &o, 0)>{t.to_first_page}</button>
                </div>
            })
        }
        Ok(_) => None,
    };
    let has_article = move || r.state.with(|s| s.article.is_some());
    // Search within the issue: the map, the page list and the article show its hits.
    crate::search::provide(&open);
    // Widgets left out by the host page are not built at all, so they fetch nothing.
    let config = expect_context::<Config>();
    let shows = move |w| config.shows(w);
    view! {
        <div class="bs-issue" class:bs-has-article=has_article>
            {shows(Widget::Pages).then(|| view! { <PageList open=open.clone() page/> })}
            <div class="bs-page-area">
                <crate::data_problems::DataProblems open=open.clone()/>
                {unknown_page}
                <PageNav open=open.clone() page/>
                <PageMap open=open.clone() page/>
            </div>
            <div class="bs-reading">
                <ArticlePanel open=open.clone()/>
                {shows(Widget::Search).then(|| view! { <crate::search::SearchPanel open=open.clone()/> })}
                <ArticleList open=open.clone() page/>
                <crate::offline::OfflineIssue open=open.clone()/>
                {shows(Widget::Rating).then(|| view! { <crate::rating::PageRating open=open.clone() page/> })}
                {shows(Widget::Ranking).then(|| view! { <crate::ranking::NewsRanking open=open.clone()/> })}
            </div>
        </div>
    }
}

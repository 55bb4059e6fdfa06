//! The reader's layout: masthead, the open issue (pages, map, titles, article) and the side
//! column; the URL kept in step with the reading state; keyboard shortcuts and focus.

use super::keys;
use crate::archive::api::LoadError;
use crate::archive::origins::AllowedOrigins;
use crate::article::ArticlePanel;
use crate::article_list::ArticleList;
use crate::calendar::{calendar_part, preload_calendar_part, Place};
use crate::config::{Config, UrlMode, Widget};
use crate::i18n::Lang;
use crate::masthead::Masthead;
use crate::offline::{NotKept, NotOffline};
use crate::page_list::{PageList, PageNav};
use crate::page_map::PageMap;
use crate::part::{part, Later, When};
use crate::reader::{OpenIssue, Reader, Unknown};
use crate::status::Loading;
use crate::url_state::View;
use broadsheet_model::{Archive, Problem};
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ReaderView(
    archive: Arc<Archive>,
    /// What was left out of the manifest, and why.
    problems: Vec<Problem>,
    archive_url: String,
    lang: Lang,
    config: Config,
) -> impl IntoView {
    // Before anything reads storage (the text size, in `Reader::new`), so that what it finds is said.
    crate::storage::memory::Memory::provide();
    // What the parts share is made as the reader's (part::shared).
    crate::part::Parts::provide();
    // Where the data may point: see archive::origins.
    let page_url = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let origins = AllowedOrigins::new(config.allowed_origins.as_deref(), &archive_url, &page_url, &archive.origins);
    let r = Reader::new(archive, archive_url, lang, config.url_mode);
    provide_context(r);
    crate::part::first_screen::watch(r);
    crate::article_link::provide(r);
    // Widgets read their own settings (e.g. a ratings endpoint) from the configuration.
    provide_context(config.clone());
    // Offline reading listens before the issue loads, so that its files are attributed to it.
    crate::offline::provide(&config);

    // Back and forward: the URL is the truth; read it again.
    if config.url_mode != UrlMode::Off {
        let handle = window_event_listener(ev::popstate, move |_| r.reread_address());
        on_cleanup(move || handle.remove());
    }

    let issue = crate::fetch::DataResource::new(move || OpenIssue::load(r.issue_url(r.date()), origins.clone()));
    let content = move || {
        Suspend::new(async move {
            match issue.await {
                Ok(open) => view! { <IssueView open/> }.into_any(),
                Err(error) => view! { <IssueFailed error retry=Callback::new(move |_| issue.refetch())/> }.into_any(),
            }
        })
    };
    let text_view = move || r.state.with(|s| s.view == View::Text && s.article.is_some());
    // Widgets left out by the host page are not built at all, so they fetch nothing.
    let calendar = config.shows(Widget::Calendar);
    view! {
        <div class="bs-reader" class:bs-text-view=text_view lang=lang.tag()>
            <Masthead>
                // Previous and next issue: part of the calendar, absent without it.
                {calendar.then(|| view! { <crate::calendar::IssueNav/> })}
            </Masthead>
            <crate::status::StorageNote lang/>
            <crate::status::DataProblems lang file=crate::status::DataFile::Archive problems/>
            <div class="bs-visually-hidden" role="status" aria-live="polite">{move || r.announce.get()}</div>
            <div class="bs-body">
                <main class="bs-main">
                    <Suspense fallback=move || view! { <Loading lang/> }>{content}</Suspense>
                </main>
                <aside class="bs-side">
                    {calendar.then(|| view! {
                        <Later preload=preload_calendar_part part=|| calendar_part(Place::Side)/>
                    })}
                </aside>
            </div>
            {config.shows(Widget::Footer).then(|| view! { <Later preload=preload_footer_part part=footer_part/> })}
        </div>
    }
}

/// The issue could not be opened: a date without an issue says so and offers the nearest ones
/// (from the month index); any other failure says why, with a retry.
#[component]
fn IssueFailed(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let lang = r.lang;
    // No page image is coming: the parts that wait for it (the calendar, the footer) come now.
    r.page_shown.set(true);
    // Whether it was kept offline: said at once when the device is offline; else, with a worker
    // keeping files, by offline reading, whose code comes with the widgets' part.
    let not_offline = match crate::offline::not_kept_yet(&error) {
        NotKept::No => None,
        NotKept::Yes => Some(view! { <NotOffline lang/> }.into_any()),
        NotKept::Ask => {
            let error = error.clone();
            let build = move || issue_widgets_part(Widgets::NotOffline(lang, error.clone()));
            Some(view! { <Later quiet=true when=When::Now preload=preload_issue_widgets_part part=build/> }.into_any())
        }
    };
    view! { {not_offline} <crate::calendar::MissingIssue error retry/> }
}

#[component]
fn IssueView(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let o = open.clone();
    let resolved = Memo::new(move |_| r.state.with(|s| o.page_for(s)));
    let page = Memo::new(move |_| resolved.get().unwrap_or(0));

    keys::listen(r, open.clone(), page);
    keys::follow_article(r);

    let o = open.clone();
    let unknown_page = move || match resolved.get() {
        Err(Unknown::Page(id)) | Err(Unknown::Article(id)) => {
            let o = o.clone();
            Some(view! {
                <div class="bs-notice" role="alert">
                    <p>{t.unknown_page}<code>{id}</code></p>
                    <button type="button" class="bs-button" on:click=move |_| r.show_page(&o, 0)>{t.to_first_page}</button>
                </div>
            })
        }
        Ok(_) => None,
    };
    let has_article = move || r.state.with(|s| s.article.is_some());
    // Search within the issue: the map, the page list and the article show its hits.
    crate::search::provide(&open);
    // Offline reading attributes the files the issue loads to it from the start (its save button
    // comes later, with the widgets under the article).
    crate::offline::attach(&open);
    // Widgets left out by the host page are not built at all, so they fetch nothing.
    let config = expect_context::<Config>();
    let shows = move |w| config.shows(w);
    let (search, rating, ranking) = (shows(Widget::Search), shows(Widget::Rating), shows(Widget::Ranking));
    view! {
        <div class="bs-issue" class:bs-has-article=has_article>
            {shows(Widget::Pages).then(|| view! { <PageList open=open.clone() page/> })}
            <div class="bs-page-area">
                <crate::status::DataProblems lang=r.lang file=crate::status::DataFile::Issue problems=open.problems.to_vec()/>
                {unknown_page}
                <PageNav open=open.clone() page/>
                <PageMap open=open.clone() page/>
            </div>
            <div class="bs-reading">
                <ArticlePanel open=open.clone()/>
                // Last in their column, so nothing moves when they come, after the page image:
                // the search box, the page's titles (on a phone, below the page image), the rest.
                <Later
                    preload=preload_issue_widgets_part
                    part=move || issue_widgets_part(Widgets::Issue { open: open.clone(), page, search, rating, ranking })
                />
            </div>
        </div>
    }
}

part! {
    /// The footer.
    footer_part / preload_footer_part() { view! { <crate::footer::Footer/> } }
}

/// Where the widgets' part is built.
pub enum Widgets {
    /// Under the article, once the page image is in: the search box, the page's titles, keeping
    /// the issue offline, the page's rating, the news ranking.
    Issue { open: OpenIssue, page: Memo<usize>, search: bool, rating: bool, ranking: bool },
    /// In place of an issue that did not load, online, with a worker keeping files: whether
    /// the worker kept it (offline reading's code is in this part).
    NotOffline(Lang, LoadError),
}

part! {
    /// The widgets under the article: the search box (search's state, which the map, the page
    /// list and the article show, is the main module's), the page's titles, keeping the issue
    /// offline, the page's rating, the news ranking; and offline reading itself
    /// (`offline::Offline::get`), which takes over from the main module what the worker said
    /// meanwhile.
    issue_widgets_part / preload_issue_widgets_part(place: Widgets) {
        match place {
            Widgets::Issue { open, page, search, rating, ranking } => view! {
                {search.then(|| view! { <crate::search::SearchPanel open=open.clone()/> })}
                <ArticleList open=open.clone() page/>
                <crate::offline::OfflineIssue open=open.clone()/>
                {rating.then(|| view! { <crate::rating::PageRating open=open.clone() page/> })}
                {ranking.then(|| view! { <crate::ranking::NewsRanking open=open.clone()/> })}
            }
            .into_any(),
            Widgets::NotOffline(lang, error) => {
                crate::offline::not_kept(&error).then(|| view! { <NotOffline lang/> }).into_any()
            }
        }
    }
}

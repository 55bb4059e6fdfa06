//! The titles of the current page's articles, in reading order; hovering or focusing a title
//! highlights the article's regions on the map, and the other way round.

use crate::article_link::{link_id, ArticleLink};
use crate::reader::{regions_on_page, OpenIssue, Reader};
use leptos::prelude::*;

/// Titles listed at first, and added by each press of "show more": a page of small ads can hold
/// thousands of articles (the contract allows 2,000), and each title is a link with its listeners.
/// Every article stays reachable on the map, by search and by the keyboard's next/previous.
pub const TITLES_SHOWN: usize = 200;

#[component]
pub fn ArticleList(open: OpenIssue, page: Memo<usize>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let o = open.clone();
    let heading = move || o.issue.pages.get(page.get()).map(|p| r.lang.page_title(&p.number, &p.name));
    // How many titles show; back to the first batch on each page.
    let shown = RwSignal::new(TITLES_SHOWN);
    Effect::new(move |_| {
        page.track();
        shown.set(TITLES_SHOWN);
    });
    let titles = move || {
        let i = page.get();
        let page_id = open.issue.pages[i].id.clone();
        let regions = regions_on_page(&open.issue, i);
        let total = regions.len();
        let limit = shown.get();
        // Focus goes to the first title the button adds, where a keyboard user continues.
        let next = regions.get(limit).map(|r| link_id("title", &r.article));
        let items: Vec<_> = regions
            .into_iter()
            .take(limit)
            .map(|region| {
                view! {
                    <li class="bs-title">
                        <ArticleLink
                            article=region.article.clone()
                            page=page_id.clone()
                            highlight=true
                            id=link_id("title", &region.article)
                        >
                            {region.title}
                        </ArticleLink>
                    </li>
                }
            })
            .collect();
        if items.is_empty() {
            view! { <p>{t.no_articles}</p> }.into_any()
        } else {
            let text_lang = r.archive.with_value(|a| a.paper.language.clone());
            let rest = total.saturating_sub(limit);
            let more = (rest > 0).then(|| {
                let label = crate::i18n::more_titles(r.lang, rest.min(TITLES_SHOWN), rest);
                view! {
                    <button type="button" class="bs-button bs-more-titles" on:click=move |_| {
                        shown.update(|n| *n += TITLES_SHOWN);
                        crate::focus::soon(next.clone().into_iter().collect());
                    }>
                        {label}
                    </button>
                }
            });
            view! { <ol class="bs-title-list" lang=text_lang>{items}</ol> {more} }.into_any()
        }
    };
    view! {
        <section class="bs-articles" aria-labelledby="bs-articles-heading">
            <h2 id="bs-articles-heading">
                <span class="bs-visually-hidden">{t.articles_on_page} " "</span>
                {heading}
            </h2>
            {titles}
        </section>
    }
}

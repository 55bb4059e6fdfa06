//! The titles of the current page's articles, in reading order; hovering or focusing a title
//! highlights the article's regions on the map, and the other way round.

use crate::article_link::{link_id, ArticleLink};
use crate::reader::{regions_on_page, OpenIssue, Reader};
use leptos::prelude::*;

#[component]
pub fn ArticleList(open: OpenIssue, page: Memo<usize>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let o = open.clone();
    let heading = move || o.issue.pages.get(page.get()).map(|p| r.lang.page_title(&p.number, &p.name));
    let titles = move || {
        let i = page.get();
        let page_id = open.issue.pages[i].id.clone();
        let items: Vec<_> = regions_on_page(&open.issue, i)
            .into_iter()
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
            view! { <ol class="bs-title-list" lang=text_lang>{items}</ol> }.into_any()
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

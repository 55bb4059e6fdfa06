//! The titles of the current page's articles, in reading order.

use crate::archive::{OpenIssue, Reader};
use broadsheet_model::ArticleKind;
use leptos::prelude::*;

#[component]
pub fn ArticleList(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let issue = open.issue.clone();
    let heading = {
        let issue = issue.clone();
        move || {
            issue.pages.get(r.page.get()).map(|p| format!("{} {}", r.lang.page_label(&p.number), p.name))
        }
    };
    let titles = move || {
        let page = issue.pages.get(r.page.get())?;
        let items: Vec<_> = page
            .articles
            .iter()
            .filter(|a| a.kind == ArticleKind::Article)
            .map(|a| view! { <li class="bs-title">{a.title.clone()}</li> })
            .collect();
        Some(if items.is_empty() {
            view! { <p>{t.no_articles}</p> }.into_any()
        } else {
            view! { <ol class="bs-title-list">{items}</ol> }.into_any()
        })
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

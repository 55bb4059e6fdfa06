//! The titles of the current page's articles, in reading order; hovering or focusing a title
//! highlights the article's regions on the map, and the other way round.

use crate::page_map::geometry::regions_on_page;
use crate::reader::{OpenIssue, Reader};
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
                let id = region.article;
                let href = r.href(|s| {
                    s.article = Some(id.clone());
                    s.page = Some(page_id.clone());
                });
                let (a1, a2, a3, a4, a5) = (id.clone(), id.clone(), id.clone(), id.clone(), page_id.clone());
                view! {
                    <li class="bs-title" class:bs-hot=move || r.hot.with(|h| h.as_deref() == Some(a1.as_str()))>
                        <a
                            href=href
                            id=format!("bs-title-{id}")
                            aria-current=move || r.state.with(|s| s.article.as_deref() == Some(a2.as_str())).then_some("true")
                            on:click=move |ev| {
                                ev.prevent_default();
                                let (id, page_id) = (a3.clone(), a5.clone());
                                r.navigate(|s| {
                                    s.article = Some(id);
                                    s.page = Some(page_id);
                                });
                            }
                            on:mouseenter={let id = a4.clone(); move |_| r.hot.set(Some(id.clone()))}
                            on:focus=move |_| r.hot.set(Some(a4.clone()))
                            on:mouseleave=move |_| r.hot.set(None)
                            on:blur=move |_| r.hot.set(None)
                        >
                            {region.title}
                        </a>
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

//! The list of the issue's pages (版面导航): number, name, thumbnail; the current page marked.

use crate::archive::{api::resolve, OpenIssue, Reader};
use broadsheet_model::Page;
use leptos::prelude::*;

/// The smallest rendition, for thumbnails; the full image when there is none.
fn thumbnail(page: &Page) -> (&str, u32) {
    page.image
        .renditions
        .iter()
        .min_by_key(|r| r.width)
        .map_or((page.image.src.as_str(), page.image.width), |r| (r.src.as_str(), r.width))
}

#[component]
pub fn PageList(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let items = open
        .issue
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let (src, w) = thumbnail(page);
            let h = (w as u64 * page.image.height as u64 / page.image.width.max(1) as u64) as u32;
            let src = resolve(src, &open.url);
            let label = r.lang.page_label(&page.number);
            let name = page.name.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="bs-page-link"
                        aria-current=move || (r.page.get() == i).then_some("page")
                        on:click=move |_| r.page.set(i)
                    >
                        <img class="bs-thumb" src=src width=w height=h alt="" loading="lazy" decoding="async"/>
                        <span class="bs-page-number">{label}</span>
                        " "
                        <span class="bs-page-name">{name}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="bs-pages" aria-label=r.lang.strings().pages>
            <ol>{items}</ol>
        </nav>
    }
}

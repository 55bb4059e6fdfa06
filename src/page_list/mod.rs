//! The issue's pages (版面导航): number, name, thumbnail, the current page marked; previous and
//! next page; the page's PDF when the data has one.

use crate::reader::{OpenIssue, Reader};
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
pub fn PageList(open: OpenIssue, page: Memo<usize>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let items = open
        .issue
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (src, w) = thumbnail(p);
            let h = (w as u64 * p.image.height as u64 / p.image.width.max(1) as u64) as u32;
            let src = open.resolve(src);
            let label = r.lang.page_label(&p.number);
            let name = p.name.clone();
            let o = open.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="bs-page-link"
                        aria-current=move || (page.get() == i).then_some("page")
                        on:click=move |_| r.show_page(&o, i)
                    >
                        // Asked for once the page itself is shown (its box meanwhile).
                        <img class="bs-thumb" src=move || src.clone().filter(|_| r.page_shown.get())
                            width=w height=h alt="" loading="lazy" decoding="async"/>
                        <span class="bs-page-number">{label}</span>
                        " "
                        <span class="bs-page-name">{name}</span>
                        {crate::search::view::page_mark(i)}
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

/// 上一版 / 下一版 and the PDF link, above the page map.
#[component]
pub fn PageNav(open: OpenIssue, page: Memo<usize>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let count = open.issue.pages.len();
    let (o1, o2, o3) = (open.clone(), open.clone(), open.clone());
    let title = move || o3.issue.pages.get(page.get()).map(|p| r.lang.page_title(&p.number, &p.name));
    let pdf = move || {
        let p = open.issue.pages.get(page.get())?;
        let href = open.resolve(p.pdf.as_ref()?)?;
        let label = format!("{} {}", t.pdf, r.lang.page_label(&p.number));
        // A new tab: a PDF on another origin ignores `download` and would replace the reader.
        Some(view! { <a class="bs-tool bs-pdf" href=href download="" target="_blank" rel="noopener">{label}</a> })
    };
    view! {
        <div class="bs-page-nav">
            <button type="button" class="bs-tool" disabled={move || page.get() == 0}
                on:click=move |_| r.show_page(&o1, page.get_untracked().saturating_sub(1))>
                {t.previous_page}
            </button>
            <h2 class="bs-page-title">{title}</h2>
            <button type="button" class="bs-tool" disabled={move || page.get() + 1 >= count}
                on:click=move |_| r.show_page(&o2, page.get_untracked() + 1)>
                {t.next_page}
            </button>
            {pdf}
        </div>
    }
}

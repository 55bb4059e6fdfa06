//! The article panel: pre-title, title, subtitle, byline, body; previous and next in reading
//! order; text size; the text-only reading view; reading aloud; the citation; close. All text is shown as
//! text, never HTML.

use crate::article_link::{close_focus, ArticleLink};
use crate::citation::Cite;
use crate::part::{part, preload_after_page, Later, When};
use crate::read_aloud::{view::ReadAloud, Mark};
use crate::reader::{store_text_size, OpenIssue, Reader, Unknown};
use crate::search::normalise;
use crate::search::view::{marked, marked_in};
use crate::url_state::{text_percent, View, MAX_SIZE, MIN_SIZE};
use broadsheet_model::{Article, Block};
use leptos::prelude::*;

/// The id of the open article's heading, which takes focus when an article opens.
pub const HEADING_ID: &str = "bs-article-title";

/// A text with the hits of the search query marked, following the query: a keystroke in the
/// search box updates the marks of each text in place, never the whole article.
fn hits(text: &str, q: Memo<String>) -> impl IntoView {
    let text = text.to_string();
    // Normalised on the first query, then kept: typing does not normalise the article again.
    let norm = std::sync::OnceLock::new();
    move || {
        q.with(
            |q| {
                if q.is_empty() {
                    marked(&text, q)
                } else {
                    marked_in(&text, norm.get_or_init(|| normalise(&text)), q)
                }
            },
        )
    }
}

/// The body's blocks, with the hits of the search query (normalised; empty for none) marked, and
/// the block being read aloud.
fn body(open: &OpenIssue, article: &Article, q: Memo<String>, aloud: ReadAloud) -> impl IntoView {
    article
        .body
        .iter()
        .enumerate()
        .map(|(i, b)| match b {
            Block::Paragraph { text } => view! { <p aria-current=aloud.current(Mark::Block(i))>{hits(text, q)}</p> }.into_any(),
            Block::Heading { text } => view! { <h3 aria-current=aloud.current(Mark::Block(i))>{hits(text, q)}</h3> }.into_any(),
            Block::Image { src, width, height, caption } => view! {
                <figure class="bs-figure" aria-current=aloud.current(Mark::Block(i))>
                    {open.resolve(src).map(|src| view! {
                        <img src=src width=*width height=*height alt=caption.clone().unwrap_or_default() loading="lazy"/>
                    })}
                    {caption.as_deref().map(|c| view! { <figcaption>{hits(c, q)}</figcaption> })}
                </figure>
            }
            .into_any(),
        })
        .collect_view()
}

/// 放大 缩小 默认: the article's text size in steps, kept in the address and the browser.
fn size_buttons(r: Reader, size: Memo<i8>) -> impl IntoView {
    let t = r.lang.strings();
    let set_size = move |n: i8| {
        let n = n.clamp(MIN_SIZE, MAX_SIZE);
        r.adjust(|s| s.size = n);
        store_text_size(n);
    };
    view! {
        <div role="group" aria-label=t.text_size class="bs-size-buttons">
            <button type="button" class="bs-tool" aria-label=t.larger_label
                disabled={move || size.get() >= MAX_SIZE} on:click=move |_| set_size(size.get_untracked() + 1)>
                {t.larger}
            </button>
            <button type="button" class="bs-tool" aria-label=t.smaller_label
                disabled={move || size.get() <= MIN_SIZE} on:click=move |_| set_size(size.get_untracked() - 1)>
                {t.smaller}
            </button>
            <button type="button" class="bs-tool" aria-label=t.default_size_label
                disabled={move || size.get() == 0} on:click=move |_| set_size(0)>
                {t.default_size}
            </button>
        </div>
    }
}

/// The previous and next articles in reading order.
fn article_nav(r: Reader, open: &OpenIssue, id: &str) -> impl IntoView {
    let t = r.lang.strings();
    let (prev, next) = open.neighbours(id);
    let link = |target: Option<&Article>, label: &'static str, rel: &'static str| {
        target.map(|b| {
            let title = b.title.clone();
            view! {
                <ArticleLink article=b.id.clone() class=format!("bs-article-{rel}") rel=rel>
                    <span class="bs-nav-label">{label}</span>
                    <span class="bs-nav-title">{title}</span>
                </ArticleLink>
            }
        })
    };
    view! {
        <nav class="bs-article-nav" aria-label=t.article_nav>
            {link(prev, t.previous_article, "prev")}
            {link(next, t.next_article, "next")}
        </nav>
    }
}

/// The article's own text, in the paper's language, at the reader's text size, with the search's
/// hits marked and the part being read aloud.
fn article_text(
    r: Reader,
    open: &OpenIssue,
    home: usize,
    a: &Article,
    size: Memo<i8>,
    aloud: ReadAloud,
) -> impl IntoView {
    let q = crate::search::view::current_query();
    let text_lang = r.archive.with_value(|a| a.paper.language.clone());
    let pages = open.pages_of(home, a);
    let printed_on = (pages.len() > 1).then(|| {
        let numbers: Vec<&str> = pages.iter().map(|&i| open.issue.pages[i].number.as_str()).collect();
        view! { <p class="bs-continued">{r.lang.printed_on(&numbers)}</p> }
    });
    view! {
        <div class="bs-article-text" lang=text_lang style:font-size=move || format!("{}%", text_percent(size.get()))>
            {a.pretitle.as_deref().map(|p| view! { <p class="bs-pretitle">{hits(p, q)}</p> })}
            <h2 id=HEADING_ID tabindex="-1" aria-current=aloud.current(Mark::Title)>{hits(&a.title, q)}</h2>
            {a.subtitle.as_deref().map(|p| view! { <p class="bs-subtitle" aria-current=aloud.current(Mark::Subtitle)>{hits(p, q)}</p> })}
            {a.byline.as_deref().map(|p| view! { <p class="bs-byline">{hits(p, q)}</p> })}
            {printed_on}
            <div class="bs-article-body">{body(open, a, q, aloud)}</div>
        </div>
    }
}

#[component]
pub fn ArticlePanel(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let close = move || r.navigate(|s| s.article = None);
    let size = Memo::new(move |_| r.state.with(|s| s.size));
    let article_id = Memo::new(move |_| r.state.with(|s| s.article.clone()));
    // Reading aloud outlives re-renders (a search query changing) but stops with the article.
    // The paper's text is read in the paper's language, whatever the interface speaks.
    let aloud = ReadAloud::new(r.archive.with_value(|a| a.paper.language.clone()));
    Effect::watch(move || article_id.get(), move |_, _, _| aloud.stop(), false);
    // The citation tool keeps its panel open from article to article; the document's citation
    // metadata follows the open article and goes with it.
    let cite = Cite::new();
    crate::citation::metadata(r, open.clone());
    // The article's code is a part of its own (src/part.rs), fetched ahead once the page
    // image is in, so that opening an article waits for nothing.
    preload_after_page(r, preload_article_part);
    move || {
        // Re-render when the article changes, not on every state change (e.g. text size).
        // (`get`, not `track`: a memo that was never read has not subscribed to its sources.)
        article_id.get()?;
        let (home, a) = match open.article_for(&r.state.get_untracked())? {
            Ok(found) => found,
            Err(Unknown::Article(id)) | Err(Unknown::Page(id)) => {
                return Some(
                    view! {
                        <div class="bs-notice" role="alert">
                            <p>{t.unknown_article}<code>{id}</code></p>
                            <button type="button" class="bs-button" on:click=move |_| close()>{t.close}</button>
                        </div>
                    }
                    .into_any(),
                )
            }
        };
        let open = open.clone();
        let a = a.clone();
        let build = move || article_part(r, open.clone(), home, a.clone(), size, aloud, cite);
        Some(view! { <Later when=When::Now preload=preload_article_part part=build/> }.into_any())
    }
}

part! {
    /// The open article: its tools, text and neighbours (a part of its own: src/part.rs).
    article_part / preload_article_part(
        r: Reader,
        open: OpenIssue,
        home: usize,
        a: Article,
        size: Memo<i8>,
        aloud: ReadAloud,
        cite: Cite,
    ) {
        let t = r.lang.strings();
        // Closed, the article gives the focus back to the link it was opened from (else to its
        // region or title): the button that had it is gone with the article.
        let back = close_focus(&a.id);
        let close = move || {
            r.navigate(|s| s.article = None);
            crate::focus::back(back.clone());
        };
        let text_view = move || r.state.with(|s| s.view == View::Text);
        view! {
            <article class="bs-article" aria-labelledby=HEADING_ID>
                <div class="bs-article-tools">
                    {size_buttons(r, size)}
                    {aloud.button(r.lang, open.issue.clone(), a.id.clone())}
                    {cite.button(r.lang)}
                    <button type="button" class="bs-tool bs-view-toggle" on:click=move |_| {
                        r.navigate(|s| s.view = if s.view == View::Text { View::Page } else { View::Text })
                    }>
                        {move || if text_view() { t.page_view } else { t.text_view }}
                    </button>
                    <button type="button" class="bs-tool bs-close" aria-label=t.close_article on:click=move |_| close()>
                        {t.close}
                    </button>
                </div>
                {cite.panel(r, &open, &a.id)}
                {article_text(r, &open, home, &a, size, aloud)}
                {article_nav(r, &open, &a.id)}
            </article>
        }
    }
}

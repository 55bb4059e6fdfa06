//! A link to an article, the one component for every place that has one: the page map's regions,
//! the article list, the news ranking, search results and the article's previous/next.
//!
//! It is a real link. Its `href` is the reading state with the article open, so a Ctrl-, Cmd- or
//! Shift-click and the middle button open it in a new tab or window as browsers do; only a plain
//! click is taken over and opens the article in place, as a new history entry.

use crate::reader::Reader;
use crate::url_state::ReadingState;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos::reactive::computed::Selector;

/// Which article is open and which is highlighted, as selectors: a change re-runs only the links
/// of the articles it concerns, not every link on the page (a page may hold 2,000 articles, each
/// with a region and a title).
#[derive(Clone)]
pub struct LinkState {
    open: Selector<Option<String>>,
    hot: Selector<Option<String>>,
}

/// Provides the links' shared state beside the reader (once, where the reader is provided).
pub fn provide(r: Reader) {
    provide_context(LinkState {
        open: Selector::new(move || r.state.with(|s| s.article.clone())),
        hot: Selector::new(move || r.hot.get()),
    });
}

/// The article of the region link an event's `target` is in, if any (for the page map's one
/// listener for all its regions' hover and focus).
pub fn region_article(target: Option<web_sys::EventTarget>) -> Option<String> {
    let el = wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target?).ok()?;
    el.closest("a[data-article]").ok()??.get_attribute("data-article")
}

/// Highlights the article whose region or title the pointer or focus is now on (`None`: none),
/// if that is a change.
pub fn hot_region(r: Reader, now: Option<String>) {
    if r.hot.with_untracked(|h| *h != now) {
        r.hot.set(now);
    }
}

/// A click on the page map: a plain one on a region opens its article on `page` in place, as the
/// region's own link would; any other keeps the browser's meaning.
pub fn open_region(r: Reader, e: &MouseEvent, page: &str) {
    let Some(article) = region_article(e.target()) else { return };
    if !plain(e) {
        return;
    }
    e.prevent_default();
    r.navigate(|s| open_article(s, &article, Some(page)));
}

/// Whether a click is the browser's plain "follow here": the main button with no modifier key.
/// Any other click keeps the browser's own meaning (new tab, new window, download).
pub fn is_plain_click(button: i16, ctrl: bool, meta: bool, shift: bool, alt: bool) -> bool {
    button == 0 && !(ctrl || meta || shift || alt)
}

fn plain(e: &MouseEvent) -> bool {
    is_plain_click(e.button(), e.ctrl_key(), e.meta_key(), e.shift_key(), e.alt_key())
}

/// The state change that opens `article`, shown on `page` (`None`: on the article's own page).
pub fn open_article(s: &mut ReadingState, article: &str, page: Option<&str>) {
    s.article = Some(article.to_string());
    s.page = page.map(str::to_string);
}

/// The id a link to `article` has in a place (`place`: "region", "title"), for focus to return to.
pub fn link_id(place: &str, article: &str) -> String {
    format!("bs-{place}-{article}")
}

/// Where the focus goes when `article` closes and the link it was opened from is unknown or gone:
/// its region on the map, else its title in the list, else the map.
pub fn close_focus(article: &str) -> Vec<String> {
    vec![link_id("region", article), link_id("title", article), "bs-map".into()]
}

#[component]
pub fn ArticleLink(
    /// The article the link opens.
    #[prop(into)]
    article: String,
    /// The page to show it on; `None` shows the article's own (home) page.
    #[prop(optional, into)]
    page: Option<String>,
    /// A region of the page map: an SVG link whose children are the region's polygons.
    #[prop(optional)]
    region: bool,
    /// Hovering or focusing the link highlights the article on the map and in the title list.
    #[prop(optional)]
    highlight: bool,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional, into)] class: Option<String>,
    /// The accessible name, where the children are not text (a region's polygons).
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(optional)] rel: Option<&'static str>,
    /// Marks the link as a search hit (the map outlines the regions of matching articles).
    #[prop(optional)]
    search_hit: Option<Signal<bool>>,
    /// Runs before a plain click opens the article (search commits its query first, so that the
    /// search keeps its own history entry).
    #[prop(optional)]
    before_open: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let r = expect_context::<Reader>();
    let href = r.href(|s| open_article(s, &article, page.as_deref()));
    let article = StoredValue::new(article);
    let page = StoredValue::new(page);
    let links = expect_context::<LinkState>();
    let key = Some(article.get_value());
    let (open, hot) = (links.open, links.hot);
    let k = key.clone();
    let is_open = move || open.selected(&k);
    let is_hot = move || highlight && hot.selected(&key);
    // Only a change is set: a click focuses a title the pointer already lit, and the article it
    // opens takes the focus from a title the pointer has left, each of which would otherwise run
    // the highlight's effects again inside the click's frame.
    let hover = move |on: bool| {
        if highlight {
            hot_region(r, on.then(|| article.get_value()));
        }
    };
    let on_click = move |e: MouseEvent| {
        if !plain(&e) {
            return;
        }
        e.prevent_default();
        if let Some(f) = before_open {
            f.run(());
        }
        let (a, p) = (article.get_value(), page.get_value());
        r.navigate(|s| open_article(s, &a, p.as_deref()));
    };
    let attrs = view! {
        <{..}
            href=href
            id=id
            class=class
            class:bs-hot=is_hot
            class:bs-search-hit=move || search_hit.is_some_and(|h| h.get())
            rel=rel
            aria-label=label
            aria-current=move || is_open().then_some("true")
        />
    };
    if region {
        // Inside the <g> the view macro builds an SVG <a>, not an HTML one. A page may hold 2,000
        // regions: the map listens for clicks, hover and focus once for all of them (`hot_region`,
        // `open_region`), and finds the article by `data-article`.
        let key = article.get_value();
        view! { <g><a {..attrs} data-article=key>{children()}</a></g> }.into_any()
    } else if highlight {
        let hover = view! {
            <{..}
                on:click=on_click
                on:mouseenter=move |_| hover(true)
                on:focus=move |_| hover(true)
                on:mouseleave=move |_| hover(false)
                on:blur=move |_| hover(false)
            />
        };
        view! { <a {..attrs} {..hover}>{children()}</a> }.into_any()
    } else {
        // No hover to follow: a link that lights nothing listens for clicks only. Search's
        // results are built again as a query is typed, and each listener is taken off and put
        // back each time.
        view! { <a {..attrs} on:click=on_click>{children()}</a> }.into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_main_button_click_is_taken_over() {
        assert!(is_plain_click(0, false, false, false, false));
        assert!(!is_plain_click(0, true, false, false, false), "Ctrl: a new tab");
        assert!(!is_plain_click(0, false, true, false, false), "Cmd: a new tab");
        assert!(!is_plain_click(0, false, false, true, false), "Shift: a new window");
        assert!(!is_plain_click(0, false, false, false, true), "Alt: a download");
        assert!(!is_plain_click(1, false, false, false, false), "the middle button: a new tab");
        assert!(!is_plain_click(2, false, false, false, false));
    }

    #[test]
    fn opening_an_article_sets_its_page_or_leaves_the_page_to_it() {
        let mut s = ReadingState { page: Some("p1".into()), query: "q".into(), ..Default::default() };
        open_article(&mut s, "a2", Some("p2"));
        assert_eq!((s.article.as_deref(), s.page.as_deref(), s.query.as_str()), (Some("a2"), Some("p2"), "q"));
        open_article(&mut s, "a3", None);
        assert_eq!((s.article.as_deref(), s.page), (Some("a3"), None));
    }
}

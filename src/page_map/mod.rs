//! The page-area map: the page image with each article's regions drawn over it as links.

pub mod clip;
pub mod clipping;
pub mod gestures;
pub mod image;
pub mod strokes;
pub mod zoom;

use crate::article_link::{hot_region, link_id, open_region, region_article, ArticleLink};
use crate::page_text::view::{PageText, TextLayer, TextSwitch};
use crate::reader::{regions_on_page, OpenIssue, Reader};
use broadsheet_model::Page;
use clipping::{ClipMarks, ClipMode, ClipPanel};
use image::{ImageEvent, ImageLoad, ImageNotice};
use leptos::prelude::*;

/// The image sources of a page for `srcset`: every rendition and the full image, by width.
pub fn srcset(open: &OpenIssue, page: &Page) -> String {
    let mut sources: Vec<(u32, &str)> = page.image.renditions.iter().map(|r| (r.width, r.src.as_str())).collect();
    sources.push((page.image.width, page.image.src.as_str()));
    broadsheet_model::sort::sort_by_key(&mut sources, |(w, _)| *w);
    sources.dedup_by_key(|(w, _)| *w);
    sources.iter().filter_map(|(w, s)| Some(format!("{} {w}w", open.resolve(s)?))).collect::<Vec<_>>().join(", ")
}

/// The User Timing mark set when the first page map is on screen and answers clicks.
pub const MAP_INTERACTIVE: &str = "broadsheet:map-interactive";

/// What the map takes of the screen, for the browser's choice among renditions.
pub const SIZES: &str = "(max-width: 700px) 100vw, 60vw";

thread_local! {
    // One image per neighbour, reused: Chromium never frees an image element that was given a
    // srcset and never put in the document, so a new one per prefetch leaked one per issue read.
    static PREFETCH: [Option<web_sys::HtmlImageElement>; 2] =
        [web_sys::HtmlImageElement::new().ok(), web_sys::HtmlImageElement::new().ok()];
}

/// Asks the browser for a page's image ahead of time, at the rendition it would pick.
fn prefetch(open: &OpenIssue, page: &Page, slot: usize) {
    PREFETCH.with(|images| {
        if let (Some(img), Some(src)) = (&images[slot], open.resolve(&page.image.src)) {
            img.set_sizes(SIZES);
            img.set_srcset(&srcset(open, page));
            img.set_src(&src);
        }
    });
}

/// The page's article regions as links, in reading order (the order Tab walks them).
fn region_links(open: &OpenIssue, i: usize) -> impl IntoView {
    let page_id = &open.issue.pages[i].id;
    regions_on_page(&open.issue, i)
        .into_iter()
        .map(|region| {
            let polygons = region.polygons.into_iter().map(|points| view! { <polygon points=points/> }).collect_view();
            view! {
                <ArticleLink
                    article=region.article.clone()
                    page=page_id.clone()
                    region=true
                    highlight=true
                    id=link_id("region", &region.article)
                    class="bs-region"
                    label=region.title
                    search_hit=Signal::derive(crate::search::view::region_hit(region.article))
                >
                    {polygons}
                </ArticleLink>
            }
        })
        .collect_view()
}

/// The page image for load attempt `n`, at the rendition the browser picks for its slot.
fn page_image(
    r: Reader,
    open: &OpenIssue,
    p: &Page,
    load: ImageLoad,
) -> impl Fn(u32) -> AnyView + Clone + Send + Sync + 'static {
    let (w, h) = (p.image.width, p.image.height);
    let alt = format!("{} {}", r.lang.strings().page_image, r.lang.page_title(&p.number, &p.name));
    let (src, sources) = (open.resolve(&p.image.src), srcset(open, p));
    move |n| {
        // No usable address: the page's box, and nothing asked for.
        let Some(src) = src.clone() else {
            load.absent();
            return view! { <div class="bs-page-image bs-broken" style:aspect-ratio=format!("{w} / {h}")></div> }
                .into_any();
        };
        // Once a request hung, every later attempt asks under its own address.
        let bust = load.bust.get_value() > 0;
        let src = if bust { image::with_attempt(&src, n) } else { src };
        let sources = if bust { image::srcset_with_attempt(&sources, n) } else { sources.clone() };
        view! {
            <img
                class="bs-page-image"
                // Its box stays the page's shape when the image is broken, so the regions do too.
                class:bs-broken=move || load.state.get().broken()
                style:aspect-ratio=format!("{w} / {h}")
                src=src
                srcset=sources
                sizes=SIZES
                width=w
                height=h
                alt=alt.clone()
                decoding="async"
                draggable="false"
                node_ref=load.node
                on:load=load.handler(ImageEvent::Load)
                on:error=load.handler(ImageEvent::Error)
            />
        }
        .into_any()
    }
}

#[component]
pub fn PageMap(open: OpenIssue, page: Memo<usize>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    // Prefetch the neighbouring pages whenever the page changes, once the first page is shown.
    let o = open.clone();
    Effect::new(move |_| {
        if !r.page_shown.get() {
            return;
        }
        let i = page.get();
        for (slot, j) in [i.wrapping_sub(1), i + 1].into_iter().enumerate() {
            if let Some(p) = o.issue.pages.get(j) {
                prefetch(&o, p, slot);
            }
        }
    });
    // The first time the map's links exist, mark it for `make bench` (User Timing, in the page).
    Effect::new(move |done: Option<()>| {
        if done.is_none() {
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                let _ = perf.mark(MAP_INTERACTIVE);
            }
        }
    });
    // The page's own text, on or off for every page alike.
    let text_on = RwSignal::new(false);
    move || {
        let i = page.get();
        let p = &open.issue.pages[i];
        let text = PageText::new(text_on);
        let (text_open, switch_open) = (open.clone(), open.clone());
        let (w, h) = (p.image.width, p.image.height);
        // A new page, a new image with its own time limit; a reload builds a new element.
        let load = ImageLoad::new();
        Effect::new(move |_| {
            if load.state.get().settled() && !r.page_shown.get_untracked() {
                r.page_shown.set(true);
            }
        });
        // Keyed by the attempt: a reload needs a new element, as one updated in place asks for
        // nothing again.
        let image = page_image(r, &open, p, load);
        let links = region_links(&open, i);
        let page_id = p.id.clone();
        let clip = ClipMode::new(r, &open, i);
        view! {
            <figure class="bs-map" id="bs-map" tabindex="-1" aria-label=t.page_map on:keydown=move |e| clip.escape(&e)>
                <ImageNotice load lang=r.lang/>
                // Pinch, pan, double-tap, swipe and zoom buttons: image and regions move as one.
                <gestures::Zoomable open=open.clone() page=i clip>
                    <For each=move || [load.attempt.get()] key=|n| *n children=image/>
                    // Clicks, hover and focus for every region at once: entering one (or leaving for none)
                    // is an over/out whose related target is in another region, or in none.
                    <svg class="bs-regions" viewBox=format!("0 0 {w} {h}") preserveAspectRatio="none"
                        // With the Clip switch on, a region chosen is clipped, not opened.
                        on:click=move |e: web_sys::MouseEvent| if !clip.took_region(&e) { open_region(r, &e, &page_id) }
                        on:mouseover=move |e: web_sys::MouseEvent| hot_region(r, region_article(e.target()))
                        on:mouseout=move |e: web_sys::MouseEvent| hot_region(r, region_article(e.related_target()))
                        on:focusin=move |e: web_sys::FocusEvent| hot_region(r, region_article(e.target()))
                        on:focusout=move |e: web_sys::FocusEvent| hot_region(r, region_article(e.related_target()))
                    >
                        {links}
                    </svg>
                    <TextLayer text open=text_open page=i/>
                    <ClipMarks mode=clip/>
                </gestures::Zoomable>
                <TextSwitch text open=switch_open page=i/>
                <ClipPanel mode=clip/>
            </figure>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_asks_for_the_page_image_and_the_archive_as_the_app_does() {
        // It starts the first page's image before the app runs (scripts/write-loader.mjs): with
        // other `sizes` the browser would pick another rendition, and fetch the page twice.
        let loader = include_str!("../../scripts/write-loader.mjs");
        assert!(loader.contains(&format!("img.sizes = '{SIZES}';")), "the loader's sizes must be page_map::SIZES");
        let default = format!("|| '{}'; // config::DEFAULT_ARCHIVE", crate::config::DEFAULT_ARCHIVE);
        assert!(loader.contains(&default), "the loader's archive folder must be config::DEFAULT_ARCHIVE");
    }

    #[test]
    fn the_map_slot_follows_the_page_maps_sizes() {
        assert_eq!(SIZES, "(max-width: 700px) 100vw, 60vw", "map_slot must follow SIZES");
        assert_eq!(crate::offline::store::map_slot(390.0), 390.0);
        assert_eq!(crate::offline::store::map_slot(1280.0), 768.0);
    }
}

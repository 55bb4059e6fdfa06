//! The text layer in the page map and its switch. The words file is fetched when the reader asks
//! for the text (or turns to a page while it is on), once per page shown; the layer is built
//! straight into the DOM (thousands of words: no reactive node per word) with `textContent`,
//! never as markup, and with CSSOM styles, which a strict CSP allows.

use super::{layout, LineBox, Pace};
use crate::fetch::{get, Failure};
use crate::i18n::Lang;
use crate::part::{part, preload_after_page, Later, When};
use crate::reader::{OpenIssue, Reader};
use crate::search::view::Search;
use broadsheet_model::num::fixed;
use broadsheet_model::{read_words_direct, validate_words_in, PageWords};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use wasm_bindgen::JsCast;

/// A words file is about a quarter of the page image's bytes: the image's time limit.
const LIMIT_MS: u32 = 20_000;

#[derive(Clone, Debug, PartialEq)]
enum Load {
    Idle,
    Loading,
    Ready,
    Failed(String),
}

/// The text of the page shown: its load state, and the layer's element.
#[derive(Clone, Copy)]
pub struct PageText {
    /// Whether the reader has the text on (kept from page to page).
    pub on: RwSignal<bool>,
    load: RwSignal<Load>,
    /// The words once read, for outlining search hits on them.
    words: StoredValue<Option<std::sync::Arc<PageWords>>>,
    layer: NodeRef<html::Div>,
    owner: StoredValue<Option<Owner>>,
    /// A retry asked for by the switch (the layer's part fetches again).
    attempt: RwSignal<u32>,
}

impl PageText {
    /// The text of one page; `on` is the reader's switch, shared by every page.
    pub fn new(on: RwSignal<bool>) -> PageText {
        PageText {
            on,
            load: RwSignal::new(Load::Idle),
            words: StoredValue::new(None),
            layer: NodeRef::new(),
            owner: StoredValue::new(Owner::current()),
            attempt: RwSignal::new(0),
        }
    }

    /// Fetches and lays out the words of `pages[page]`, unless they are there or on their way.
    fn fetch(self, open: &OpenIssue, page: usize, lang: Lang) {
        if matches!(self.load.get_untracked(), Load::Loading | Load::Ready) {
            return;
        }
        let Some(url) = open.issue.pages[page].words.as_deref().and_then(|w| open.resolve(w)) else { return };
        self.load.set(Load::Loading);
        let open = open.clone();
        let task = async move {
            let got = get(&url, LIMIT_MS).await;
            mark("broadsheet:text-fetched");
            // JSON of another shape is read again by the repair's code (a part of its own,
            // src/archive/repair.rs), for its problems by their paths.
            let got = match got {
                Ok(a) => match read_words_direct(&a.text) {
                    Some(read) => read.map_err(Failure::Invalid),
                    None => crate::archive::repair::words(a.text)
                        .await
                        .map_err(Failure::from)
                        .and_then(|read| read.map_err(Failure::Invalid)),
                },
                Err(e) => Err(e),
            };
            // Reading the JSON was this task's share; the checks and the layout take the next.
            crate::task::next().await;
            let got = got.and_then(|words| {
                let problems = validate_words_in(&words, &open.issue, page);
                if problems.is_empty() {
                    Ok(words)
                } else {
                    Err(Failure::Invalid(problems))
                }
            });
            match got {
                Ok(words) => {
                    mark("broadsheet:text-parsed");
                    let lines = std::rc::Rc::new(layout(&words));
                    mark("broadsheet:text-laid-out");
                    self.words.try_set_value(Some(std::sync::Arc::new(words)));
                    if let Some(el) = self.layer.get_untracked() {
                        el.replace_children_with_node_0();
                        // From the next frame on: reading the file was this task's share.
                        request_animation_frame(move || {
                            build(el, lines, 0, Pace::start(now()), move || {
                                mark("broadsheet:text-ready");
                                self.load.try_set(Load::Ready);
                            })
                        });
                    }
                }
                Err(Failure::Aborted) => {}
                Err(e) => {
                    web_sys::console::warn_1(&format!("{url}: {e}").into());
                    self.load.try_set(Load::Failed(super::failed(lang.page_text(), &e)));
                }
            }
        };
        match self.owner.get_value() {
            Some(owner) => owner.with(|| spawn_local_scoped(task)),
            None => spawn_local_scoped(task),
        }
    }
}

/// User Timing marks of the layer's making, for `make bench` (in the page, like the map's).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Writes the lines into the layer from `from` on, a frame's share at a time, then calls `done`:
/// a positioned block per line (so that a selection keeps its lines apart), an inline block per
/// word at its place in the line.
fn build(
    layer: web_sys::HtmlDivElement,
    lines: std::rc::Rc<Vec<LineBox>>,
    from: usize,
    pace: Pace,
    done: impl FnOnce() + 'static,
) {
    let doc = document();
    let element = |class: &str, tag: &str| -> Option<web_sys::HtmlElement> {
        let el = doc.create_element(tag).ok()?.dyn_into::<web_sys::HtmlElement>().ok()?;
        el.set_class_name(class);
        Some(el)
    };
    let pct = |v: f64| format!("{}%", fixed(v, 4));
    let (mut to, mut words) = (from, 0);
    while to < lines.len() && (to == from || words + lines[to].words.len() <= pace.words) {
        words += lines[to].words.len();
        to += 1;
    }
    // Each frame's lines in a box of their own, around them and contained: adding one lays out
    // and paints that box alone, not every line written before it (which grew each frame's task
    // to 200 ms), nor the whole page.
    let Some(chunk) = element("bs-text-chunk", "div") else { return };
    let b = super::chunk_box(&lines[from..to]);
    let s = chunk.style();
    for (side, v) in ["left", "top", "width", "height"].into_iter().zip(b) {
        let _ = s.set_property(side, &pct(v));
    }
    for l in &lines[from..to] {
        let Some(line) = element("bs-text-line", "div") else { return };
        let s = line.style();
        for (side, v) in ["left", "top", "width", "height"].into_iter().zip(l.within(b)) {
            let _ = s.set_property(side, &pct(v));
        }
        let _ = s.set_property("font-size", &format!("{}cqh", fixed(l.font, 4)));
        if let Some(a) = &l.article {
            let _ = line.set_attribute("data-article", a);
        }
        for w in &l.words {
            let Some(word) = element("bs-text-word", "span") else { return };
            word.set_text_content(Some(&w.text));
            let s = word.style();
            if w.gap > 0.0 {
                let _ = s.set_property("margin-left", &pct(w.gap));
            }
            let _ = s.set_property("width", &pct(w.width));
            let _ = line.append_child(&word);
        }
        let _ = chunk.append_child(&line);
    }
    let _ = layer.append_child(&chunk);
    if to < lines.len() {
        // The layer left the page (another page, another issue): nothing more to write.
        if layer.is_connected() {
            request_animation_frame(move || build(layer, lines, to, pace.next(now()), done));
        }
    } else {
        done();
    }
}

/// The words of a selection inside the layer, line by line; None when it is not in the layer.
fn selection_in(layer: &web_sys::Element) -> Option<Vec<Vec<String>>> {
    let sel = window().get_selection().ok().flatten()?;
    if sel.range_count() == 0 || sel.is_collapsed() {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    let (start, end) = (range.start_container().ok()?, range.end_container().ok()?);
    if !layer.contains(Some(&start)) {
        return None;
    }
    let (from, to) = (range.start_offset().ok()? as usize, range.end_offset().ok()? as usize);
    let text_node = |n: &web_sys::Node| n.node_type() == web_sys::Node::TEXT_NODE;
    let children = |el: &web_sys::Element| {
        let list = el.children();
        (0..list.length()).filter_map(move |i| list.item(i))
    };
    let all = layer.query_selector_all(".bs-text-line").ok()?;
    let lines = (0..all.length())
        .filter_map(|i| all.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()))
        .filter(|line| sel.contains_node_with_allow_partial_containment(line, true).unwrap_or(false))
        .map(|line| {
            children(&line)
                .filter(|w| sel.contains_node_with_allow_partial_containment(w, true).unwrap_or(false))
                .map(|w| {
                    let text = w.text_content().unwrap_or_default();
                    // The first and last words may be selected in part (offsets in their text).
                    let a = if text_node(&start) && w.contains(Some(&start)) { from } else { 0 };
                    let b = (text_node(&end) && w.contains(Some(&end))).then_some(to);
                    super::utf16_slice(&text, a, b)
                })
                .collect()
        })
        .collect();
    Some(lines)
}

/// Whether this issue's search has matches printed on page `page`.
fn has_hits(search: Option<Search>, page: usize) -> bool {
    search.is_some_and(|s| s.on_page(page) > 0)
}

/// The layer, inside the zoomable stage over the page image, once the reader turns the text on or
/// a search has hits on this page (and from then on: turning it off hides it). Its code, with the
/// reading and laying out of the words, is a part of its own (src/part.rs), fetched ahead once
/// the page image is in (`TextSwitch`), or then.
#[component]
pub fn TextLayer(text: PageText, open: OpenIssue, page: usize) -> impl IntoView {
    let has_words = open.issue.pages[page].words.is_some();
    let search = use_context::<Search>();
    let searched = move || has_hits(search, page);
    let wanted = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || (has_words && (text.on.get() || searched()))
    });
    move || {
        let open = open.clone();
        wanted.get().then(|| {
            view! { <Later when=When::Now preload=preload_text_layer_part part=move || text_layer_part(text, open.clone(), page)/> }
        })
    }
}

part! {
    /// The text layer: the words fetched, checked and laid out, the search's hits outlined on
    /// them, and a copy of a selection in reading order. Hidden from screen readers: the article
    /// panel is the accessible text, and a second copy of it would only be noise.
    text_layer_part / preload_text_layer_part(text: PageText, open: OpenIssue, page: usize) {
        let lang = expect_context::<Reader>().lang;
        let search = use_context::<Search>();
        let searched = move || has_hits(search, page);
        // On with the switch, or for a search's hits: fetched for this page if it is not yet.
        let o = open.clone();
        Effect::new(move |_| {
            text.attempt.track();
            if text.on.get() || searched() {
                text.fetch(&o, page, lang);
            }
        });
        let (w, h) = (open.issue.pages[page].image.width, open.issue.pages[page].image.height);
        // The search's hits outlined on the words they fall on.
        let outlined = move || {
            let query = search.map(|s| s.query.get()).unwrap_or_default();
            if text.load.get() != Load::Ready || !searched() {
                return Vec::new();
            }
            text.words.with_value(|words| words.as_ref().map(|p| super::hits(p, &query)).unwrap_or_default())
        };
        let hit_rects =
            move || outlined().into_iter().map(|(x, y, w, h)| view! { <rect x=x y=y width=w height=h/> }).collect_view();
        // A copy of words in the layer: the words in reading order, a line break after each line.
        let copy = window_event_listener(leptos::ev::copy, move |e: web_sys::ClipboardEvent| {
            let Some(layer) = text.layer.get_untracked() else { return };
            let Some(lines) = selection_in(&layer) else { return };
            if let Some(data) = e.clipboard_data() {
                if data.set_data("text/plain", &super::selected_text(&lines)).is_ok() {
                    e.prevent_default();
                }
            }
        });
        on_cleanup(move || copy.remove());
        view! {
            <svg class="bs-text-hits" viewBox=format!("0 0 {w} {h}") preserveAspectRatio="none" aria-hidden="true">
                {hit_rects}
            </svg>
            <div class="bs-text-layer" class:bs-text-on=move || text.on.get() aria-hidden="true" node_ref=text.layer></div>
        }
    }
}

/// The switch that turns the page's text on and off, with what its loading is doing.
#[component]
pub fn TextSwitch(text: PageText, open: OpenIssue, page: usize) -> impl IntoView {
    let r = expect_context::<Reader>();
    let lang = r.lang;
    let t = lang.page_text();
    open.issue.pages[page].words.is_some().then(|| {
        let retry = move |_| {
            text.load.set(Load::Idle);
            text.attempt.update(|n| *n += 1);
        };
        // The layer's code comes ahead, once the page image is in, so that the press waits for
        // the words alone.
        preload_after_page(r, preload_text_layer_part);
        view! {
            <div class="bs-text-tools">
                <button type="button" class="bs-tool bs-text-switch" aria-pressed=move || text.on.get().to_string()
                    title=t.hint on:click=move |_| text.on.update(|on| *on = !*on)>
                    {t.select}
                </button>
                <span class="bs-text-status" role="status">
                    {move || match (text.on.get(), text.load.get()) {
                        // Idle while on: the layer's code or its words are on their way.
                        (true, Load::Loading | Load::Idle) => t.loading,
                        (true, Load::Ready) => t.ready,
                        _ => "",
                    }}
                </span>
                {move || match text.load.get() {
                    Load::Failed(why) if text.on.get() => Some(view! {
                        <span class="bs-text-failed" role="alert">
                            {why}
                            <button type="button" class="bs-tool" on:click=retry>{t.retry}</button>
                        </span>
                    }),
                    _ => None,
                }}
            </div>
        }
    })
}

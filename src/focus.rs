//! Moving the keyboard focus to an element the view is about to show (an opened article's
//! heading, a new panel, the calendar's day), once the DOM has caught up with the state change.

use leptos::prelude::{document, request_animation_frame};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// A move that found none of its elements, and where the focus was when it was asked for:
    /// the element may be in a part whose code was still on its way (src/part.rs).
    static WAITING: RefCell<Option<(Vec<String>, Option<web_sys::Element>)>> = const { RefCell::new(None) };
    /// The id of the element that had the focus when the open article was opened: the link the
    /// reader followed, in the title list, on the map or in the ranking.
    static OPENER: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Notes where the focus is as an article opens (before it moves to the article), so that closing
/// the article can give it back there.
pub fn opening() {
    let id = document().active_element().map(|e| e.id()).filter(|id| !id.is_empty());
    OPENER.with_borrow_mut(|o| *o = id);
}

/// Gives the focus back to where it was when the article opened, or else to the first of
/// `others` that can take it: the reader carries on where they were.
pub fn back(others: Vec<String>) {
    let mut ids: Vec<String> = OPENER.with_borrow_mut(Option::take).into_iter().collect();
    ids.extend(others);
    soon(ids);
}

/// Focuses the first of `ids` that exists at the next frame; if none does yet, the move waits
/// for the next part to arrive (`after_part`).
pub fn soon(ids: Vec<String>) {
    let from = document().active_element();
    request_animation_frame(move || {
        let done = ids.iter().any(|id| by_id(id));
        WAITING.with_borrow_mut(|w| *w = (!done).then_some((ids, from)));
    });
}

/// A part has arrived: a move that waited for it is made now, unless the reader has moved the
/// focus since it was asked for.
pub fn after_part() {
    let Some((ids, from)) = WAITING.with_borrow_mut(Option::take) else { return };
    if document().active_element() == from {
        soon(ids);
    }
}

fn by_id(id: &str) -> bool {
    let Some(el) = document().get_element_by_id(id) else { return false };
    // Region links are SVG elements, the rest HTML; both can take focus. One that cannot (hidden,
    // or on a page not shown) leaves it where it was: then the next id is tried.
    let _ = match el.dyn_ref::<web_sys::HtmlElement>() {
        Some(h) => h.focus(),
        None => el.dyn_ref::<web_sys::SvgElement>().map_or(Ok(()), |s| s.focus()),
    };
    document().active_element().as_ref() == Some(&el)
}

//! Moving the keyboard focus to an element the view is about to show (an opened article's
//! heading, a new panel, the calendar's day), once the DOM has caught up with the state change.

use leptos::prelude::{document, request_animation_frame};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// A move that found none of its elements, and where the focus was when it was asked for:
    /// the element may be in a part whose code was still on its way (src/part.rs).
    static WAITING: RefCell<Option<(Vec<String>, Option<web_sys::Element>)>> = const { RefCell::new(None) };
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
    // Region links are SVG elements, the rest HTML; both can take focus.
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(h) => h.focus().is_ok(),
        Err(el) => el.dyn_into::<web_sys::SvgElement>().is_ok_and(|s| s.focus().is_ok()),
    }
}

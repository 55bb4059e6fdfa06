//! Moving the keyboard focus to an element the view is about to show (an opened article's
//! heading, a new panel, the calendar's day), once the DOM has caught up with the state change.

use leptos::prelude::{document, request_animation_frame};
use wasm_bindgen::JsCast;

/// Focuses the first of `ids` that exists at the next frame.
pub fn soon(ids: Vec<String>) {
    request_animation_frame(move || {
        ids.iter().any(|id| by_id(id));
    });
}

fn by_id(id: &str) -> bool {
    let Some(el) = document().get_element_by_id(id) else { return false };
    // Region links are SVG elements, the rest HTML; both can take focus.
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(h) => h.focus().is_ok(),
        Err(el) => el.dyn_into::<web_sys::SvgElement>().is_ok_and(|s| s.focus().is_ok()),
    }
}

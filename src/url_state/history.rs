//! The reading state in the browser's address bar and history (web side of `url_state`).

use super::{merge, ReadingState};
use crate::config::UrlMode;

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The reader's part of the current URL (query or fragment, per mode).
pub fn read(mode: UrlMode) -> String {
    if mode == UrlMode::Off {
        return String::new();
    }
    let Some(l) = location() else { return String::new() };
    match mode {
        UrlMode::Query => l.search().unwrap_or_default(),
        UrlMode::Fragment => l.hash().unwrap_or_default(),
        UrlMode::Off => String::new(),
    }
}

/// `href` as a whole address (scheme and host too), for another browser or a citation; `None`
/// where the reader keeps out of the address bar.
pub fn address(mode: UrlMode, state: &ReadingState) -> Option<String> {
    let base = location()?.href().ok()?;
    web_sys::Url::new_with_base(&href(mode, state)?, &base).ok().map(|u| u.href())
}

/// The address a state has in this mode, keeping the host page's own query keys.
pub fn href(mode: UrlMode, state: &ReadingState) -> Option<String> {
    if mode == UrlMode::Off {
        return None;
    }
    let l = location()?;
    let path = l.pathname().ok()?;
    let (search, hash) = (l.search().unwrap_or_default(), l.hash().unwrap_or_default());
    let prefix = |s: String, c: char| if s.is_empty() { s } else { format!("{c}{s}") };
    match mode {
        UrlMode::Query => Some(format!("{path}{}{hash}", prefix(merge(&search, state), '?'))),
        UrlMode::Fragment => Some(format!("{path}{search}{}", prefix(merge(&hash, state), '#'))),
        UrlMode::Off => None,
    }
}

/// Writes the state into the URL: a new history entry when `push`, else in place.
///
/// The write waits until the frame that shows the change has been painted: `pushState` costs the
/// browser one to two milliseconds here, and the reader should see the article first. A later
/// write first makes an earlier one that is still waiting, so history keeps every step in order.
pub fn write(mode: UrlMode, state: &ReadingState, push: bool) {
    if mode == UrlMode::Off {
        return;
    }
    flush();
    PENDING.with(|p| *p.borrow_mut() = Some((mode, state.clone(), push)));
    // After the next frame's paint: a task queued from inside the animation frame callback.
    leptos::prelude::request_animation_frame(|| leptos::prelude::set_timeout(flush, std::time::Duration::ZERO));
}

/// Makes a waiting write now: after the frame that shows it, or before the next write.
pub fn flush() {
    let Some((mode, state, push)) = PENDING.with(|p| p.borrow_mut().take()) else { return };
    let Some(url) = href(mode, &state) else { return };
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
    let current = location().and_then(|l| l.href().ok()).unwrap_or_default();
    if current.ends_with(&url) {
        return;
    }
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// Forgets a waiting write: back or forward has moved history on, and the URL is the truth.
pub fn drop_pending() {
    PENDING.with(|p| p.borrow_mut().take());
}

thread_local! {
    static PENDING: std::cell::RefCell<Option<(UrlMode, ReadingState, bool)>> = const { std::cell::RefCell::new(None) };
}

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
/// The write waits until the frame that shows the change is on the screen, and the reader has
/// seen the article: `pushState` keeps the browser's own main thread busy for some 7 ms here, and
/// the display waits for that thread's frame. Written after the main thread's paint only, it held
/// click → article presented at 37 ms, against 30 ms without it (EventLatency p50, docs/testing.md).
/// A later write first makes an earlier one that is still waiting, so history keeps every step in
/// order.
pub fn write(mode: UrlMode, state: &ReadingState, push: bool) {
    if mode == UrlMode::Off {
        return;
    }
    flush();
    PENDING.with(|p| *p.borrow_mut() = Some((mode, state.clone(), push)));
    // After the next animation frame (the one that shows the change) and the display's part of it.
    // Two frames later was not always enough under a trace.
    let shown = std::time::Duration::from_millis(SHOWN_MS as u64);
    leptos::prelude::request_animation_frame(move || leptos::prelude::set_timeout(flush, shown));
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

/// How long after the main thread's paint a frame is on the screen, with room to spare: the
/// display took it 10-20 ms later here (a desktop, click → article traced; more under load).
pub const SHOWN_MS: i32 = 50;

thread_local! {
    static PENDING: std::cell::RefCell<Option<(UrlMode, ReadingState, bool)>> = const { std::cell::RefCell::new(None) };
}

//! Ending the task that runs, so that what follows runs in a task of its own, after what the
//! browser has waiting (input, a frame): long work cut in pieces, or work that would add itself
//! to a task already long.

use wasm_bindgen_futures::JsFuture;

/// Resolves in a task of its own (a timer of 0).
pub async fn next() {
    after(0).await;
}

/// Resolves in a task of its own, `ms` milliseconds from now at the soonest.
pub async fn after(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(wait).await;
}

/// Resolves once the next frame has been painted (a timer of 0 set from its animation-frame
/// callback): for work that the frame answering an input must not wait for.
pub async fn after_paint() {
    next_frame().await;
    next().await;
}

/// Resolves once the next frame is on the screen (`url_state::history::SHOWN_MS` after its
/// paint), as the address bar's write waits: for work the reader does not see (the head's
/// citation). Run in the gap between paint and display, it takes a core from the frame's raster.
pub async fn after_shown() {
    next_frame().await;
    after(crate::url_state::history::SHOWN_MS).await;
}

/// Resolves in the next frame's animation-frame callbacks, before its paint.
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        leptos::prelude::request_animation_frame(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        });
    });
    let _ = JsFuture::from(frame).await;
}

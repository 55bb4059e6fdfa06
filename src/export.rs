//! What leaves the reader: text onto the clipboard, and files the reader downloads (a citation,
//! a clipping's image).

use js_sys::Array;
use leptos::prelude::set_timeout;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Puts `text` on the clipboard; `done` hears whether it went (a browser without the Clipboard
/// API, an insecure page or a refused permission: `false`, and the caller offers the text to copy
/// by hand).
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return done(false) };
    let has_clipboard =
        js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|v| !v.is_undefined());
    if !has_clipboard {
        return done(false);
    }
    let promise = navigator.clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Downloads `text` as a file named `name`.
pub fn save_text(text: &str, name: &str, media_type: &str) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)
    {
        save(&blob, name);
    }
}

/// Downloads `blob` as a file: an object URL followed by a link that is never in the page, and
/// the URL revoked after the browser has taken the file.
pub fn save(blob: &web_sys::Blob, name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = link {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
}

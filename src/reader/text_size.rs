//! The reader's text size, remembered in the browser between visits.

use crate::url_state::{MAX_SIZE, MIN_SIZE};

const KEY: &str = "broadsheet.textSize";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered text size step, if storage works and holds a sane one.
pub fn load_text_size() -> Option<i8> {
    let v = storage()?.get_item(KEY).ok().flatten()?;
    v.parse::<i8>().ok().filter(|n| (MIN_SIZE..=MAX_SIZE).contains(n))
}

/// Remembers the text size; returns false when the browser would not keep it.
pub fn store_text_size(size: i8) -> bool {
    storage().is_some_and(|s| s.set_item(KEY, &size.to_string()).is_ok())
}

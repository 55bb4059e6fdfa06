//! The reader's text size, remembered in the browser between visits.

use crate::storage::browser::LocalStorage;
use crate::storage::memory::{report, Trouble};
use crate::storage::{self, KeyValue, TEXT_SIZE_KEY};
use crate::url_state::{MAX_SIZE, MIN_SIZE};

/// The remembered text size step, if storage works and holds a sane one; one that does not read
/// is dropped and the reader told.
pub fn load_text_size() -> Option<i8> {
    storage::load_text_size(&LocalStorage, MIN_SIZE, MAX_SIZE).unwrap_or_else(|_| {
        report(Trouble::TextSizeReset);
        None
    })
}

/// Remembers the text size; returns false (and tells the reader) when the browser would not keep it.
pub fn store_text_size(size: i8) -> bool {
    LocalStorage.set(TEXT_SIZE_KEY, &size.to_string()).map_err(|e| report(Trouble::NotKept(e))).is_ok()
}

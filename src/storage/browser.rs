//! The browser's localStorage behind `KeyValue`: every failure (no storage, a throwing getter,
//! a full quota) turned into a `StorageError`.

use super::{KeyValue, StorageError};
use wasm_bindgen::{JsCast, JsValue};

pub struct LocalStorage;

fn storage() -> Result<web_sys::Storage, StorageError> {
    // `localStorage` itself may throw (blocked cookies, sandboxed frames): that is an `Err` here.
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    window.local_storage().ok().flatten().ok_or(StorageError::Unavailable)
}

fn why(error: JsValue) -> StorageError {
    let name = error.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
    // Chromium and WebKit say QuotaExceededError; old Firefox NS_ERROR_DOM_QUOTA_REACHED.
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}

impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        storage()?.get_item(key).map_err(why)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        storage()?.set_item(key, value).map_err(why)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        storage()?.remove_item(key).map_err(why)
    }
}

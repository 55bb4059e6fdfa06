//! Answers asked for before the app ran: the loader (scripts/write-loader.mjs) asks for the
//! archive manifest and the first issue while the app's code downloads, and leaves each pending
//! `fetch` in `globalThis.__broadsheetEarly` under its address. A request for that address takes
//! it over, once; every later one (a retry) asks again.

use wasm_bindgen::{JsCast, JsValue};

/// The loader's pending answer for `url`, taken; `None` when there is none. While the loader may
/// still ask for more (its map is not `closed`), the address is marked as the app's (`null`), so
/// that it asks for it no more; after that nothing is kept of the app's own requests.
pub fn take(url: &str) -> Option<js_sys::Promise> {
    let map = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__broadsheetEarly")).ok()?;
    let map = map.dyn_into::<js_sys::Map>().ok()?;
    let key = JsValue::from_str(url);
    let answer = map.get(&key);
    let closed = js_sys::Reflect::get(&map, &JsValue::from_str("closed")).is_ok_and(|c| c.is_truthy());
    if closed {
        map.delete(&key);
    } else {
        map.set(&key, &JsValue::NULL);
    }
    answer.dyn_into::<js_sys::Promise>().ok()
}

//! Answers asked for before the app ran: the loader (scripts/write-loader.mjs) asks for the
//! archive manifest and the first issue while the app's code downloads, and leaves each pending
//! `fetch` in `globalThis.__broadsheetEarly` under its address. A request for that address takes
//! it over, once; every later one (a retry) asks again.

use super::Answer;
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

/// A taken answer that the loader has read already (it keeps the text on the answer as `read`,
/// with its content type): the app has it at once, without a task's wait for the body.
pub fn read(answer: &js_sys::Promise) -> Option<Answer> {
    let read = js_sys::Reflect::get(answer, &JsValue::from_str("read")).ok().filter(JsValue::is_object)?;
    let text = js_sys::Reflect::get(&read, &JsValue::from_str("text")).ok()?.as_string()?;
    let content_type = js_sys::Reflect::get(&read, &JsValue::from_str("type")).ok().and_then(|t| t.as_string());
    Some(Answer { content_type, text })
}

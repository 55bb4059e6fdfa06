//! The browser's part of a request: `fetch` with an `AbortController` that a timer aborts when
//! the time limit runs out, and the current reactive owner aborts when it is cleaned up (the
//! view that asked went away), as the Leptos hackernews example does.

use super::{Answer, Failure, Stop};
use gloo_net::http::{Request, RequestBuilder};
use js_sys::{Array, Promise};
use leptos::prelude::{on_cleanup, set_timeout_with_handle, TimeoutHandle};
use leptos::reactive::send_wrapper_ext::SendOption;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

/// Asks for `url` and returns the answer, within `limit_ms`. Call it where the view that asks is
/// the current owner: in a resource's fetcher, or in a task spawned with `spawn_local_scoped`.
pub async fn get(url: &str, limit_ms: u32) -> Result<Answer, Failure> {
    match super::early::take(url) {
        Some(answer) => match super::early::read(&answer) {
            Some(read) => Ok(read),
            None => adopt(answer, limit_ms).await,
        },
        None => send(Request::get(url), None, limit_ms).await,
    }
}

/// Sends `json` to `url` with `PUT` and returns the answer, within `limit_ms` (as `get`).
pub async fn put_json(url: &str, json: String, limit_ms: u32) -> Result<Answer, Failure> {
    send(Request::put(url).header("content-type", "application/json"), Some(json), limit_ms).await
}

/// Asks for `url` and returns its body as bytes, within `limit_ms`, for a worker to take over
/// (transferred, not copied).
pub async fn get_bytes(url: &str, limit_ms: u32) -> Result<js_sys::ArrayBuffer, Failure> {
    let (response, limit) = answered(Request::get(url), None, limit_ms).await?;
    let raw = web_sys::Response::from(response);
    let body = raw.array_buffer().map_err(|_| limit.stop().broken_off())?;
    let body = JsFuture::from(body).await.map_err(|_| limit.stop().broken_off())?;
    body.dyn_into().map_err(|_| limit.stop().broken_off())
}

async fn send(builder: RequestBuilder, body: Option<String>, limit_ms: u32) -> Result<Answer, Failure> {
    let (response, limit) = answered(builder, body, limit_ms).await?;
    let content_type = response.headers().get("content-type");
    let text = response.text().await.map_err(|_| limit.stop().broken_off())?;
    Ok(Answer { content_type, text })
}

/// Sends the request and waits for an answer with a success status; its body is still to be
/// read, within the same limit.
async fn answered(
    builder: RequestBuilder,
    body: Option<String>,
    limit_ms: u32,
) -> Result<(gloo_net::http::Response, Limit), Failure> {
    let limit = Limit::start(limit_ms)?;
    let builder = builder.abort_signal(Some(&limit.signal()));
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    };
    let request = request.map_err(|e| Failure::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| limit.stop().unanswered(e.to_string()))?;
    if !response.ok() {
        return Err(Failure::Http(response.status()));
    }
    Ok((response, limit))
}

/// Takes over an answer the loader asked for, within the same time limit from now. The loader's
/// `fetch` has no signal of ours, so the limit (or the view going away) ends the wait for it and
/// for its body, as an abort ends a request of ours.
async fn adopt(answer: Promise, limit_ms: u32) -> Result<Answer, Failure> {
    let limit = Limit::start(limit_ms)?;
    let signal = limit.signal();
    let ended = Promise::new(&mut |_, reject| signal.set_onabort(Some(&reject)));
    let until_ended = |p: &Promise| JsFuture::from(Promise::race(&Array::of2(p, &ended)));
    // The loader's request is ended with ours: one left hanging would hold back a retry.
    let controller = js_sys::Reflect::get(&answer, &JsValue::from_str("controller"))
        .ok()
        .and_then(|c| c.dyn_into::<AbortController>().ok());
    let end = |failure: Failure| {
        if let Some(c) = &controller {
            c.abort();
        }
        failure
    };
    let response = until_ended(&answer)
        .await
        .and_then(|r| r.dyn_into::<web_sys::Response>())
        .map_err(|e| end(limit.stop().unanswered(format!("{e:?}"))))?;
    if !response.ok() {
        return Err(Failure::Http(response.status()));
    }
    let content_type = response.headers().get("content-type").ok().flatten();
    let body = response.text().map_err(|_| end(limit.stop().broken_off()))?;
    let text = until_ended(&body).await.map_err(|_| end(limit.stop().broken_off()))?;
    Ok(Answer { content_type, text: text.as_string().unwrap_or_default() })
}

/// One request's abort controller, with its timer and whether the timer fired.
struct Limit {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    timer: Option<TimeoutHandle>,
}

impl Limit {
    fn start(limit_ms: u32) -> Result<Limit, Failure> {
        let controller = AbortController::new().map_err(|_| Failure::Network("no AbortController".into()))?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            let fire = move || {
                timed_out.set(true);
                controller.abort();
            };
            set_timeout_with_handle(fire, Duration::from_millis(limit_ms.into())).ok()
        };
        // Aborting a finished request does nothing, so the cleanup may outlive it.
        let on_leave = SendOption::new_local(Some(controller.clone()));
        on_cleanup(move || {
            if let Some(c) = on_leave.as_ref() {
                c.abort();
            }
        });
        Ok(Limit { controller, timed_out, timer })
    }

    fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    fn stop(&self) -> Stop {
        let aborted = self.controller.signal().aborted();
        Stop {
            timed_out: self.timed_out.get(),
            cancelled: aborted && !self.timed_out.get(),
            offline: web_sys::window().is_some_and(|w| !w.navigator().on_line()),
        }
    }
}

impl Drop for Limit {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

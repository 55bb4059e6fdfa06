//! In-browser tests (headless Chromium through wasm-bindgen-test): the views and the fetch layer
//! on real DOM and real `fetch`. Run by `make test` (`make test-web`).
#![cfg(target_arch = "wasm32")]

use broadsheet::{fetch_data, resolve, App, Config, Failure, Lang, Masthead, Reader, ReadingState, UrlMode};
use broadsheet_model::{Archive, Day};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.dyn_into().unwrap()
}

/// Waits (up to 10 s) until `done` holds; false if it never does.
async fn eventually(done: impl Fn() -> bool) -> bool {
    for _ in 0..200 {
        if done() {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    done()
}

/// Waits (up to 10 s) until the element's text contains `needle`, and returns the text.
async fn text_eventually(host: &web_sys::HtmlElement, needle: &str) -> String {
    if eventually(|| host.text_content().unwrap_or_default().contains(needle)).await {
        return host.text_content().unwrap_or_default();
    }
    panic!("{needle:?} never appeared; the element holds {:?}", host.text_content());
}

// A server whose fault changes between two requests: the next fetch of a URL ending in `path`
// answers `status` after `delay_ms`, through the page's own `fetch`; later fetches go through.
#[wasm_bindgen(inline_js = "export function answer_next_fetch(path, status, delay_ms) {
    const real = window.fetch;
    window.fetch = function (input, init) {
        const url = typeof input === 'string' ? input : input.url;
        if (!url.endsWith(path)) return real.call(window, input, init);
        window.fetch = real;
        return new Promise((ok) => setTimeout(() => ok(new Response('', { status })), delay_ms));
    };
}")]
extern "C" {
    fn answer_next_fetch(path: &str, status: u16, delay_ms: u32);
}

#[wasm_bindgen_test]
fn addresses_resolve_against_the_file_that_names_them() {
    let manifest = "http://127.0.0.1:9/epaper/data/archive.json";
    assert_eq!(
        resolve("issues/2016-09-24/issue.json", manifest),
        "http://127.0.0.1:9/epaper/data/issues/2016-09-24/issue.json"
    );
    assert_eq!(resolve("../p1.svg", "http://h/d/issues/x/issue.json"), "http://h/d/issues/p1.svg");
    assert_eq!(resolve("https://cdn.example.org/a.png", manifest), "https://cdn.example.org/a.png");
}

#[wasm_bindgen_test]
async fn a_missing_file_is_an_http_failure_naming_the_file() {
    let url = resolve("no-such-archive/archive.json", &web_sys::window().unwrap().location().href().unwrap());
    let err = fetch_data::<Archive>(url.clone()).await.unwrap_err();
    assert_eq!(err.file, url);
    assert_eq!(err.failure, Failure::Http(404));
}

#[wasm_bindgen_test]
async fn the_masthead_shows_name_date_with_weekday_and_serial() {
    let archive: Archive = broadsheet_model::parse(
        r#"{"version": 1, "paper": {"name": "中国妇女报", "title": "中国妇女报数字报纸", "serial": "CN11-0003",
            "language": "zh-CN"}, "first": "2016-08-27", "last": "2016-09-24",
            "months": "months/{yyyy}-{mm}.json", "issues": "issues/{yyyy}-{mm}-{dd}/issue.json"}"#,
    )
    .unwrap();
    let host = fresh_host();
    let reader = Reader::with_state(
        Arc::new(archive),
        "http://127.0.0.1:9/data/archive.json".into(),
        Lang::Zh,
        UrlMode::Off,
        ReadingState::default(),
    );
    let state = reader.state;
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(reader);
        view! { <Masthead/> }
    });
    // No date asked for: the newest issue's.
    let text = text_eventually(&host, "星期六").await;
    assert!(text.contains("中国妇女报数字报纸"), "{text}");
    assert!(text.contains("2016年9月24日 星期六"), "{text}");
    assert!(text.contains("国内统一刊号：CN11-0003"), "{text}");
    // The date is reactive: another issue's date shows at once with its own weekday.
    state.update(|s| s.date = Some(Day::parse("2016-08-27").unwrap()));
    text_eventually(&host, "2016年8月27日 星期六").await;
}

#[wasm_bindgen_test]
async fn an_archive_that_cannot_load_shows_the_file_and_a_retry_button() {
    let host = fresh_host();
    let config = Config::from_attributes(Some("missing-archive/".into()), Some("en".into()), None);
    let _handle = leptos::mount::mount_to(host.clone(), move || view! { <App config/> });
    let text = text_eventually(&host, "HTTP 404").await;
    assert!(text.contains("Could not load"), "{text}");
    assert!(text.contains("missing-archive/archive.json"), "{text}");
    let alert = host.query_selector("[role=alert]").unwrap().expect("an alert");
    let button: web_sys::HtmlElement =
        alert.query_selector("button").unwrap().expect("a retry button").dyn_into().unwrap();
    assert_eq!(button.text_content().unwrap(), "Retry");
    // The retry meets another fault, slowly: the reader says it is loading, then gives the new
    // reason. (A check for the old text right after the click would pass without any retry.)
    answer_next_fetch("/missing-archive/archive.json", 503, 500);
    button.click();
    text_eventually(&host, "Loading").await;
    assert!(!host.text_content().unwrap().contains("HTTP 404"), "the old message is gone while the retry loads");
    let text = text_eventually(&host, "HTTP 503").await;
    assert!(text.contains("The server failed (HTTP 503). Try again later."), "{text}");
    assert!(text.contains("missing-archive/archive.json") && !text.contains("HTTP 404"), "{text}");
    let alert = host.query_selector("[role=alert]").unwrap().expect("an alert");
    assert!(alert.query_selector("button").unwrap().is_some(), "and a retry button again");
}

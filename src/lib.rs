//! Broadsheet: a digital newspaper reader. `start` mounts the reader into its host element;
//! each feature lives in its own module with its view and state.

pub mod archive;
pub mod article;
pub mod article_list;
pub mod calendar;
pub mod config;
pub mod data_problems;
pub mod fetch;
pub mod footer;
pub mod i18n;
pub mod masthead;
pub mod offline;
pub mod page_list;
pub mod page_map;
pub mod ranking;
pub mod rating;
pub mod read_aloud;
pub mod reader;
pub mod search;
pub mod status;
pub mod storage;
pub mod url_state;

use archive::api::{fetch_data, resolve};
use broadsheet_model::Archive;
use config::Config;
use i18n::Lang;
use leptos::prelude::*;
use status::{LoadFailed, Loading};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The attribute that marks the host element; the first such element gets the reader.
pub const HOST_SELECTOR: &str = "[data-broadsheet]";

/// Mounts the reader into the page's host element (or the body when there is none).
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let host: web_sys::HtmlElement = document
        .query_selector(HOST_SELECTOR)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .or_else(|| document.body())
        .expect("a host element or a body");
    install_panic_notice(host.clone());
    let config = Config::from_attributes(
        host.get_attribute("data-archive"),
        host.get_attribute("data-lang"),
        host.get_attribute("data-url"),
    )
    .with_ratings(host.get_attribute("data-ratings"))
    .with_ad_slot(host.get_attribute("data-ad-slot"))
    .with_widgets(host.get_attribute("data-widgets"))
    .with_offline_limit(host.get_attribute("data-offline-limit"));
    leptos::mount::mount_to(host, move || view! { <App config/> }).forget();
}

/// A panic aborts the wasm module; the reader cannot go on, so say so in place instead of
/// leaving a frozen page, and log the details for the developer.
fn install_panic_notice(host: web_sys::HtmlElement) {
    let lang = Config::from_attributes(None, host.get_attribute("data-lang"), None).lang.unwrap_or(Lang::Zh);
    std::panic::set_hook(Box::new(move |info| {
        console_error_panic_hook::hook(info);
        if let Some(doc) = host.owner_document() {
            if let Ok(p) = doc.create_element("p") {
                p.set_class_name("bs-crashed");
                let _ = p.set_attribute("role", "alert");
                p.set_text_content(Some(lang.strings().crashed));
                let _ = host.prepend_with_node_1(&p);
            }
        }
    }));
}

fn document_base() -> String {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default()
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    let archive_url = resolve("archive.json", &resolve(&config.archive, &document_base()));
    let url = archive_url.clone();
    let archive = LocalResource::new(move || fetch_data::<Archive>(url.clone()));
    let early_lang = config.lang.unwrap_or(Lang::Zh);
    // Widgets the host element leaves out are hidden by a class on the root (see the stylesheet).
    let root_class = format!("broadsheet {}", config.hidden_classes()).trim_end().to_string();
    let content = move || {
        let archive_url = archive_url.clone();
        let config = config.clone();
        Suspend::new(async move {
            match archive.await {
                Ok(a) => {
                    let lang = config.lang.or_else(|| Lang::from_tag(&a.paper.language)).unwrap_or(Lang::En);
                    view! { <reader::layout::ReaderView archive=Arc::new(a) archive_url lang config/> }.into_any()
                }
                Err(error) => view! {
                    <LoadFailed lang=early_lang error on_retry=Callback::new(move |_| archive.refetch())/>
                }
                .into_any(),
            }
        })
    };
    view! {
        <div class=root_class>
            <Suspense fallback=move || view! { <Loading lang=early_lang/> }>{content}</Suspense>
        </div>
    }
}

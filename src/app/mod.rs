//! The reader as a whole: mounting into the host element, loading the archive manifest, and the
//! page composed of the features (`layout`): masthead, the open issue, the side column, footer.

mod keys;
mod layout;

use crate::archive::api::{fetch_read, resolve};
use crate::config::Config;
use crate::i18n::Lang;
use crate::status::{LoadFailed, Loading};
use broadsheet_model::{read_archive_direct, Checked};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The attribute that marks the host element; the first such element gets the reader.
pub const HOST_SELECTOR: &str = "[data-broadsheet]";

/// Mounts the reader into the page's host element (or the body when there is none).
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let found: Option<web_sys::HtmlElement> =
        document.query_selector(HOST_SELECTOR).ok().flatten().and_then(|e| e.dyn_into().ok());
    // What the page put inside its host element (a "loading" line, painted before this code has
    // arrived: docs/embedding.md) gives way to the reader. A body is never emptied.
    if let Some(h) = &found {
        h.set_text_content(None);
    }
    let host = found.or_else(|| document.body()).expect("a host element or a body");
    install_panic_notice(host.clone());
    let config = Config::from_attributes(
        host.get_attribute("data-archive"),
        host.get_attribute("data-lang"),
        host.get_attribute("data-url"),
    )
    .with_ratings(host.get_attribute("data-ratings"))
    .with_ad_slot(host.get_attribute("data-ad-slot"))
    .with_widgets(host.get_attribute("data-widgets"))
    .with_offline_limit(host.get_attribute("data-offline-limit"))
    .with_allowed_origins(host.get_attribute("data-allowed-origins"));
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
    // Read leniently: a bad footer link or empty month is left out and said, the rest reads.
    let archive = crate::fetch::DataResource::new(move || {
        fetch_read(url.clone(), read_archive_direct, crate::archive::repair::archive)
    });
    let early_lang = config.lang.unwrap_or(Lang::Zh);
    // Widgets the host element leaves out are hidden by a class on the root (see the stylesheet).
    let root_class = format!("broadsheet {}", config.hidden_classes()).trim_end().to_string();
    let content = move || {
        let archive_url = archive_url.clone();
        let config = config.clone();
        Suspend::new(async move {
            match archive.await {
                Ok(Checked { value: a, problems }) => {
                    let lang = config.lang.or_else(|| Lang::from_tag(&a.paper.language)).unwrap_or(Lang::En);
                    view! { <layout::ReaderView archive=Arc::new(a) problems archive_url lang config/> }.into_any()
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

//! The foot of the reference page: the copyright notice (版权声明), an ad slot for the host page
//! to fill, the publisher's links (关于我们 · 联系我们 · 在线投稿 · 手机触屏版) and the publisher's
//! line. Each part comes from configuration and is absent when not configured; with none of them
//! there is no footer at all. The app never loads anything into the ad slot itself.

use crate::archive::api::resolve;
use crate::config::Config;
use crate::reader::Reader;
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// The event a host page listens for to fill the ad slot; it bubbles from the slot, whose
/// `data-broadsheet-ad` attribute holds the configured slot name (also the event's `detail`).
pub const AD_SLOT_EVENT: &str = "broadsheet:ad-slot";

/// A link target as shown: resolved against archive.json, and only http(s).
pub fn link_target(href: &str, archive_url: &str) -> Option<String> {
    let url = resolve(href, archive_url);
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}

fn announce_slot(el: &web_sys::HtmlElement, name: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&JsValue::from_str(name));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(AD_SLOT_EVENT, &init) {
        let _ = el.dispatch_event(&event);
    }
}

/// Hands the slot over once it is in the document (a view can be built before it is attached,
/// and an event from a detached element reaches no listener): removes Leptos's empty marker
/// comment, so the slot is truly empty, then announces it. Gives up after about ten seconds.
fn hand_over(el: web_sys::HtmlElement, name: String, tries: u32) {
    if !el.is_connected() {
        if tries > 0 {
            set_timeout(move || hand_over(el, name, tries - 1), Duration::from_millis(20));
        }
        return;
    }
    // The marker is never used again: the slot has no reactive content.
    let mut child = el.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        if node.node_type() == web_sys::Node::COMMENT_NODE {
            let _ = el.remove_child(&node);
        }
    }
    announce_slot(&el, &name);
}

#[component]
fn AdSlot(name: String, label: &'static str) -> impl IntoView {
    let slot = NodeRef::<html::Aside>::new();
    let n = name.clone();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        match slot.get() {
            Some(el) => {
                hand_over(el, n.clone(), 500);
                true
            }
            None => false,
        }
    });
    // Empty: the host page puts its ad here.
    view! { <aside class="bs-ad" node_ref=slot aria-label=label data-broadsheet-ad=name></aside> }
}

#[component]
pub fn Footer() -> impl IntoView {
    let r = expect_context::<Reader>();
    let config = expect_context::<Config>();
    let t = r.lang.rating();
    let paper = r.archive.with_value(|a| a.paper.clone());
    let archive_url = r.archive_url.get_value();
    let links: Vec<(String, String)> =
        paper.links.iter().filter_map(|l| Some((l.label.clone(), link_target(&l.href, &archive_url)?))).collect();
    let copyright = paper.copyright.filter(|c| !c.trim().is_empty());
    let publisher = paper.publisher.filter(|p| !p.trim().is_empty());
    if copyright.is_none() && publisher.is_none() && links.is_empty() && config.ad_slot.is_none() {
        return None;
    }
    Some(view! {
        <footer class="bs-footer">
            {copyright.map(|text| view! {
                <section class="bs-copyright" aria-labelledby="bs-copyright-heading">
                    <h2 id="bs-copyright-heading">{t.copyright}</h2>
                    <p>{text}</p>
                </section>
            })}
            {config.ad_slot.clone().map(|name| view! { <AdSlot name label=t.advertisement/> })}
            {(!links.is_empty()).then(|| view! {
                <nav class="bs-footer-links" aria-label=t.footer_links>
                    <ul>
                        {links.into_iter().map(|(label, href)| view! { <li><a href=href target="_blank" rel="noopener">{label}</a></li> }).collect_view()}
                    </ul>
                </nav>
            })}
            {publisher.map(|text| view! { <p class="bs-publisher">{text}</p> })}
        </footer>
    })
}

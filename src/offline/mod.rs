//! Offline reading: the browser glue between the reader, its service worker (`sw.js`, written
//! into the build as broadsheet-sw.js and registered by the loader) and the books (`store`).
//!
//! The worker keeps the files and says what it kept; this side attributes each file to an issue,
//! keeps the books in localStorage and tells the worker what to drop when the limit is passed.
//! Messages are JSON text both ways, through a few hand-written bindings: the cache work is the
//! worker's, so the wasm carries no Cache or ServiceWorker API surface. Where there is no worker
//! controlling the page (no support, another scope, turned off) nothing here shows.

pub mod files;
pub mod store;

use crate::archive::api::{Failure, LoadError};
use crate::config::Config;
use crate::i18n::Lang;
use crate::reader::{OpenIssue, Reader};
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::HashSet;
use store::{map_slot, OpenFiles, Store};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_namespace = navigator, js_name = serviceWorker)]
    static CONTAINER: JsValue;
    type Container;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Container) -> Option<Worker>;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn listen(this: &Container, name: &str, f: &Closure<dyn FnMut(Message)>);

    type Worker;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post(this: &Worker, message: &str);
    #[wasm_bindgen(method, getter, js_name = scriptURL)]
    fn script_url(this: &Worker) -> String;

    type Message;
    #[wasm_bindgen(method, getter)]
    fn data(this: &Message) -> JsValue;

    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn now() -> f64;
    #[wasm_bindgen(thread_local_v2, js_name = navigator)]
    static NAVIGATOR: Navigator;
    type Navigator;
    #[wasm_bindgen(method, getter, js_name = onLine)]
    fn on_line(this: &Navigator) -> bool;
}

fn container() -> Option<Container> {
    CONTAINER.with(|c| (!c.is_undefined() && !c.is_null()).then(|| c.clone().unchecked_into()))
}

fn controller() -> Option<Worker> {
    container().and_then(|c| c.controller())
}

fn tell_worker(message: Value) {
    if let Some(w) = controller() {
        w.post(&message.to_string());
    }
}

/// Saving an issue: files done of all, and how many failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub key: String,
    pub done: usize,
    pub total: usize,
    pub failed: usize,
}

/// Offline reading's state, shared by context (the calendar marks, the save button).
#[derive(Clone, Copy)]
pub struct Offline {
    limit: u64,
    /// A worker controls the page: files are being kept.
    controlled: RwSignal<bool>,
    books: RwSignal<Store>,
    /// The issues that open offline (empty without a worker).
    available: Memo<HashSet<String>>,
    /// The open issue: its key and every address it may show, for attributing kept files.
    open: StoredValue<Option<(String, HashSet<String>)>>,
    saving: RwSignal<Option<Progress>>,
}

/// Where the books live: one entry per worker (two apps on one origin keep apart books).
fn storage_key(worker: &Worker) -> String {
    format!("broadsheet-offline {}", worker.script_url())
}

fn load_books() -> Store {
    let text = controller().and_then(|w| window().local_storage().ok().flatten()?.get_item(&storage_key(&w)).ok().flatten());
    text.map(|t| Store::from_json(&t)).unwrap_or_default()
}

impl Offline {
    pub fn available(&self, key: &str) -> bool {
        self.available.with(|a| a.contains(key))
    }

    /// Changes the books, keeps them, and has the worker drop what they no longer hold.
    fn change(&self, f: impl FnOnce(&mut Store) -> Vec<String>) {
        let keep = self.open.with_value(|o| o.as_ref().map(|(k, _)| k.clone()));
        let mut gone = Vec::new();
        self.books.update(|s| {
            gone = f(s);
            gone.extend(s.evict(self.limit, keep.as_deref()));
        });
        if !gone.is_empty() {
            tell_worker(json!({ "type": "forget", "urls": gone }));
        }
        // A full or disabled storage only loses the books; the kept files still serve.
        if let (Some(w), Some(storage)) = (controller(), window().local_storage().ok().flatten()) {
            let _ = storage.set_item(&storage_key(&w), &self.books.with_untracked(|s| s.to_json()));
        }
    }

    /// A message from the worker: a file kept (or failed, while saving).
    fn on_message(&self, text: &str) {
        let Ok(m) = serde_json::from_str::<Value>(text) else { return };
        let (Some("cached"), Some(url)) = (m["type"].as_str(), m["url"].as_str()) else { return };
        let key = m["key"].as_str();
        let bytes = m["bytes"].as_u64();
        self.change(|s| {
            if let Some(bytes) = bytes {
                let owner = key.map(str::to_string).or_else(|| {
                    self.open.with_value(|o| s.owner(url, o.as_ref().map(|(key, files)| OpenFiles { key, files }).as_ref()))
                });
                s.record(url, bytes, owner.as_deref());
            }
            Vec::new()
        });
        let (Some(key), Some(done), Some(total)) = (key, m["done"].as_u64(), m["total"].as_u64()) else { return };
        let mut finished = false;
        self.saving.update(|p| {
            if let Some(p) = p.as_mut().filter(|p| p.key == key) {
                p.done = done as usize;
                p.failed += usize::from(bytes.is_none());
                finished = p.done >= total as usize && p.failed == 0;
            }
        });
        if finished {
            self.saving.set(None);
            self.change(|s| {
                s.mark_saved(key);
                Vec::new()
            });
        }
    }
}

/// Sets offline reading up for the reader (before the issue loads, so that its files are
/// attributed); without a worker it stays inert.
pub fn provide(config: &Config) {
    let controlled = RwSignal::new(config.offline_limit > 0 && controller().is_some());
    let books = RwSignal::new(if controlled.get_untracked() { load_books() } else { Store::default() });
    let available = Memo::new(move |_| if controlled.get() { books.with(|s| s.available_keys()) } else { HashSet::new() });
    let o = Offline {
        limit: config.offline_limit,
        controlled,
        books,
        available,
        open: StoredValue::new(None),
        saving: RwSignal::new(None),
    };
    provide_context(o);
    let Some(c) = container().filter(|_| config.offline_limit > 0) else { return };
    // The app lives as long as the page: its listeners are never removed.
    let on_message = Closure::<dyn FnMut(Message)>::new(move |m: Message| {
        if let Some(text) = m.data().as_string() {
            o.on_message(&text);
        }
    });
    c.listen("message", &on_message);
    on_message.forget();
    let on_control = Closure::<dyn FnMut(Message)>::new(move |_| {
        if controller().is_some() && !o.controlled.get_untracked() {
            o.books.set(load_books());
            o.controlled.set(true);
        }
    });
    c.listen("controllerchange", &on_control);
    on_control.forget();
}

/// The open issue's part: marks it read, knows its files, and offers to save or remove it.
#[component]
pub fn OfflineIssue(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let Some(o) = use_context::<Offline>() else { return ().into_any() };
    let t = r.lang.offline();
    let key = open.url.clone();
    let files: HashSet<String> = files::all_files(&open.issue).into_iter().map(|f| open.resolve(f)).collect();
    o.open.set_value(Some((key.clone(), files)));
    let k = key.clone();
    o.change(move |s| {
        s.touch(&k, now());
        Vec::new()
    });
    let k = key.clone();
    on_cleanup(move || {
        if o.open.with_value(|v| v.as_ref().is_some_and(|(open, _)| *open == k)) {
            o.open.set_value(None);
        }
    });

    let save = {
        let (open, key) = (open.clone(), key.clone());
        move |_| {
            let w = window();
            let viewport = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(1024.0);
            let dpr = w.device_pixel_ratio();
            let mut urls = vec![key.clone()];
            urls.extend(files::save_list(&open.issue, map_slot(viewport), dpr).into_iter().map(|f| open.resolve(f)));
            o.saving.set(Some(Progress { key: key.clone(), done: 0, total: urls.len(), failed: 0 }));
            tell_worker(json!({ "type": "save", "key": key, "urls": urls }));
        }
    };
    let remove = {
        let key = key.clone();
        move |_| {
            o.saving.set(None);
            o.change(|s| s.remove(&key));
        }
    };
    let state = {
        let key = key.clone();
        move || {
            let progress = o.saving.get().filter(|p| p.key == key);
            let saved = o.books.with(|s| s.is_saved(&key));
            match progress {
                Some(p) if p.done < p.total => view! {
                    <p class="bs-offline-progress" role="status">
                        {t.saving} " " <progress max=p.total.to_string() value=p.done.to_string()></progress> " " {r.lang.progress(p.done, p.total)}
                    </p>
                }
                .into_any(),
                Some(_) => view! {
                    <p class="bs-error" role="alert">{t.failed}</p>
                    <button type="button" class="bs-button" on:click=save.clone()>{t.save}</button>
                }
                .into_any(),
                None if saved => view! {
                    <p role="status">{t.saved}</p>
                    <button type="button" class="bs-button" on:click=remove.clone()>{t.remove}</button>
                }
                .into_any(),
                None => view! { <button type="button" class="bs-button" on:click=save.clone()>{t.save}</button> }.into_any(),
            }
        }
    };
    let usage = move || r.lang.offline_usage(o.books.with(|s| s.total()), o.limit);
    // Without a worker there is nothing to save with: no section at all, and no error.
    (move || {
        o.controlled.get().then(|| view! {
            <section class="bs-offline" aria-labelledby="bs-offline-heading">
                <h2 id="bs-offline-heading" class="bs-offline-heading">{t.heading}</h2>
                {state.clone()}
                <p class="bs-offline-usage">{usage}</p>
            </section>
        })
    })
    .into_any()
}

/// In place of an issue that did not load for want of a network: says it is not kept offline.
#[component]
pub fn NotOffline(lang: Lang, error: LoadError) -> impl IntoView {
    let offline = use_context::<Offline>();
    let network = matches!(error.failure, Failure::Offline | Failure::Network(_) | Failure::Timeout);
    let disconnected = !NAVIGATOR.with(|n| n.on_line());
    let missing = offline.is_some_and(|o| o.controlled.get_untracked() && !o.available(&error.file));
    (network && (disconnected || missing)).then(|| view! {
        <p class="bs-notice bs-not-offline"><strong>{lang.offline().not_available}</strong></p>
    })
}

//! Offline reading: the browser glue between the reader, its service worker (`sw.js`, written
//! into the build as broadsheet-sw.js and registered by the loader) and the books (`store`).
//!
//! The worker keeps the files and says what it kept; this side attributes each file to an issue,
//! keeps the books in localStorage and tells the worker what to drop when the limit is passed.
//! Messages are lines of text both ways (a kind, then fields; addresses hold no line breaks),
//! through a few hand-written bindings to `navigator.serviceWorker`: it is missing outside secure
//! contexts, where web-sys's getter would hand back `undefined` as a container and the first call
//! on it would throw; here its absence is checked. Where there is no worker controlling the page
//! (no support, another scope, turned off) nothing here shows.
//!
//! The first screen shows none of it: the main module only listens (`provide`, `attach`, the
//! `Inbox`), and the rest comes in a part after the page image (the issue's widgets, the
//! calendar), where `Offline::get` takes over what was heard meanwhile.

pub mod files;
pub mod store;

use crate::archive::api::{Failure, LoadError};
use crate::config::Config;
use crate::i18n::Lang;
use crate::reader::{OpenIssue, Reader};
use leptos::prelude::*;
use std::sync::Arc;
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
}

fn container() -> Option<Container> {
    CONTAINER.with(|c| (!c.is_undefined() && !c.is_null()).then(|| c.clone().unchecked_into()))
}

fn controller() -> Option<Worker> {
    container().and_then(|c| c.controller())
}

/// Sends the worker a message: its kind, a key (or nothing), then addresses, a line each.
fn tell_worker(kind: &str, key: &str, urls: &[String]) {
    if let Some(w) = controller() {
        w.post(&format!("{kind}\n{key}\n{}", urls.join("\n")));
    }
}

/// A file the worker kept (`bytes` none when saving it failed); `key`, `done` and `total` come
/// with files saved by the button.
#[derive(Debug, PartialEq)]
struct Kept<'a> {
    url: &'a str,
    bytes: Option<u64>,
    key: Option<&'a str>,
    done: Option<usize>,
    total: Option<usize>,
}

/// Reads the worker's `cached` message: `cached`, url, bytes, key, done, total, a line each.
fn parse_kept(text: &str) -> Option<Kept<'_>> {
    let mut lines = text.split('\n');
    if lines.next()? != "cached" {
        return None;
    }
    let url = lines.next().filter(|u| !u.is_empty())?;
    let mut next = || lines.next().filter(|l| !l.is_empty());
    Some(Kept {
        url,
        bytes: next().and_then(|b| b.parse().ok()),
        key: next(),
        done: next().and_then(|d| d.parse().ok()),
        total: next().and_then(|t| t.parse().ok()),
    })
}

/// Saving an issue: files done of all, and how many failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub key: String,
    pub done: usize,
    pub total: usize,
    pub failed: usize,
}

/// What the reader knows of offline reading; one signal, so as few signal types as can be.
#[derive(Clone, Debug, Default, PartialEq)]
struct State {
    /// A worker controls the page: files are being kept.
    controlled: bool,
    books: Store,
    saving: Option<Progress>,
}

/// Offline reading's state, shared by context (the calendar marks, the save button).
#[derive(Clone, Copy)]
pub struct Offline {
    limit: u64,
    state: RwSignal<State>,
    /// The open issue: its key and every address it may show, for attributing kept files.
    open: StoredValue<Option<(String, Vec<String>)>>,
}

/// Where the books live: one entry per worker (two apps on one origin keep apart books).
fn storage_key(worker: &Worker) -> String {
    format!("broadsheet-offline {}", worker.script_url())
}

fn load_books() -> Store {
    let text =
        controller().and_then(|w| window().local_storage().ok().flatten()?.get_item(&storage_key(&w)).ok().flatten());
    text.map(|t| Store::from_text(&t)).unwrap_or_default()
}

impl Offline {
    /// The issue opens offline (never without a worker).
    pub fn available(&self, key: &str) -> bool {
        self.state.with(|s| s.controlled && s.books.available(key))
    }

    /// Changes the books, keeps them, and has the worker drop what they no longer hold.
    fn change(&self, f: impl FnOnce(&mut Store) -> Vec<String>) {
        let keep = self.open.with_value(|o| o.as_ref().map(|(k, _)| k.clone()));
        let mut gone = Vec::new();
        self.state.update(|s| {
            gone = f(&mut s.books);
            gone.extend(s.books.evict(self.limit, keep.as_deref()));
        });
        if !gone.is_empty() {
            tell_worker("forget", "", &gone);
        }
        // A full or disabled storage only loses the books; the kept files still serve.
        if let (Some(w), Some(storage)) = (controller(), window().local_storage().ok().flatten()) {
            let _ = storage.set_item(&storage_key(&w), &self.state.with_untracked(|s| s.books.to_text()));
        }
    }

    /// A message from the worker: a file kept (or failed, while saving), with the issue that was
    /// open as it came.
    fn on_message(&self, text: &str, open: Option<&OpenIssue>) {
        let Some(Kept { url, bytes, key, done, total }) = parse_kept(text) else { return };
        self.change(|s| {
            if let Some(bytes) = bytes {
                let owner = key.map(str::to_string).or_else(|| {
                    let open = open?;
                    // The open issue's files are at hand; another's (heard before the reader
                    // moved on) are listed again.
                    self.open.with_value(|o| match o.as_ref().filter(|(key, _)| *key == open.url) {
                        Some((key, files)) => s.owner(url, Some(&OpenFiles { key, files })),
                        None => s.owner(url, Some(&OpenFiles { key: &open.url, files: &issue_files(open) })),
                    })
                });
                s.record(url, bytes, owner.as_deref());
            }
            Vec::new()
        });
        let (Some(key), Some(done), Some(total)) = (key, done, total) else { return };
        let mut finished = false;
        self.state.update(|s| {
            if let Some(p) = s.saving.as_mut().filter(|p| p.key == key) {
                p.done = done;
                p.failed += usize::from(bytes.is_none());
                finished = p.done >= total && p.failed == 0;
            }
            if finished {
                s.saving = None;
            }
        });
        if finished {
            self.change(|s| {
                s.mark_saved(key);
                Vec::new()
            });
        }
    }
}

/// What the worker says before offline reading's code is in, and the issue open. The main module
/// keeps them (a listener, a list); offline reading itself comes with the issue's widgets and the
/// calendar, after the page image, and takes them over (`Offline::get`). Without a worker
/// controlling the page (a first visit: the loader registers it after the first screen) nothing
/// is heard.
#[derive(Clone, Copy)]
struct Inbox {
    /// What was heard and not yet read, each with the issue open as it came.
    heard: RwSignal<Vec<(Heard, Option<OpenIssue>)>>,
    /// The issue open (`attach`).
    open: RwSignal<Option<OpenIssue>>,
}

enum Heard {
    /// A message from the worker.
    Message(String),
    /// A worker took control of the page.
    Control,
}

/// How much the inbox keeps before offline reading reads it: should its code never come (a
/// reader with no issue shown), the listener must not hold a message per file for ever.
const INBOX_LIMIT: usize = 2_000;

/// Listens to the worker for the reader (before the issue loads, so that its files are
/// attributed); without a worker it stays inert.
pub fn provide(config: &Config) {
    let inbox = Inbox { heard: RwSignal::new(Vec::new()), open: RwSignal::new(None) };
    provide_context(inbox);
    let Some(c) = container().filter(|_| config.offline_limit > 0) else { return };
    let hear = move |h: Heard| {
        inbox.heard.update(|v| {
            if v.len() < INBOX_LIMIT {
                v.push((h, inbox.open.get_untracked()));
            }
        })
    };
    // The app lives as long as the page: its listeners are never removed.
    let on_message = Closure::<dyn FnMut(Message)>::new(move |m: Message| {
        if let Some(text) = m.data().as_string() {
            hear(Heard::Message(text));
        }
    });
    c.listen("message", &on_message);
    on_message.forget();
    let on_control = Closure::<dyn FnMut(Message)>::new(move |_| hear(Heard::Control));
    c.listen("controllerchange", &on_control);
    on_control.forget();
}

/// The line under the save button: progress while saving, a failure, or that the issue is kept.
fn save_status(lang: Lang, progress: Option<Progress>, saved: bool) -> String {
    let t = lang.offline();
    match progress {
        Some(p) if p.done < p.total => format!("{} {}", t.saving, lang.progress(p.done, p.total)),
        Some(_) => t.failed.to_string(),
        None if saved => t.saved.to_string(),
        None => String::new(),
    }
}

impl Offline {
    /// Offline reading, made for the reader by the first part that asks (the issue's widgets, the
    /// calendar): it reads what the main module heard meanwhile, and all that comes after.
    pub fn get() -> Offline {
        crate::part::shared(Offline::take_over)
    }

    fn take_over() -> Offline {
        let limit = use_context::<Config>().map_or(0, |c| c.offline_limit);
        let controlled = limit > 0 && controller().is_some();
        let books = if controlled { load_books() } else { Store::default() };
        let o = Offline {
            limit,
            state: RwSignal::new(State { controlled, books, saving: None }),
            open: StoredValue::new(None),
        };
        let Some(inbox) = use_context::<Inbox>() else { return o };
        Effect::new(move |_| o.attach(inbox.open.get()));
        Effect::new(move |_| {
            inbox.heard.track();
            for (heard, open) in inbox.heard.try_update_untracked(std::mem::take).unwrap_or_default() {
                match heard {
                    Heard::Message(text) => o.on_message(&text, open.as_ref()),
                    Heard::Control => o.on_control(),
                }
            }
        });
        o
    }

    /// A worker took control: files are kept from now on, in the books it has.
    fn on_control(self) {
        if controller().is_some() && !self.state.with_untracked(|s| s.controlled) {
            self.state.update(|s| {
                s.books = load_books();
                s.controlled = true;
            });
        }
    }

    /// Marks the open issue read and attributes the files it may show to it, until it closes.
    fn attach(self, open: Option<OpenIssue>) {
        let Some(open) = open else {
            self.open.set_value(None);
            return;
        };
        let key = open.url.clone();
        self.open.set_value(Some((key.clone(), issue_files(&open))));
        self.change(|s| {
            s.touch(&key, js_sys::Date::now() as u64);
            Vec::new()
        });
    }

    /// Asks the worker to keep the whole issue: its file and every page and image at the
    /// renditions this screen shows.
    fn save(self, open: &OpenIssue) {
        let key = &open.url;
        let w = window();
        let viewport = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(1024.0);
        let mut urls = vec![key.clone()];
        urls.extend(
            files::save_list(&open.issue, map_slot(viewport), w.device_pixel_ratio())
                .into_iter()
                .filter_map(|f| open.resolve(f)),
        );
        let total = urls.len();
        tell_worker("save", key, &urls);
        self.state.update(|s| s.saving = Some(Progress { key: key.clone(), done: 0, total, failed: 0 }));
    }

    /// Drops a saved issue from the offline books (and so from the worker's cache).
    fn remove(self, key: &str) {
        self.state.update(|s| s.saving = None);
        self.change(|s| s.remove(key));
    }
}

/// The issue opens: offline reading marks it read and attributes to it the files it may show,
/// the first screen's (its page image) among them.
pub fn attach(open: &OpenIssue) {
    let Some(inbox) = use_context::<Inbox>() else { return };
    inbox.open.set(Some(open.clone()));
    let key = open.url.clone();
    on_cleanup(move || {
        inbox.open.try_update(|o| {
            if o.as_ref().is_some_and(|o| o.url == key) {
                *o = None;
            }
        });
    });
}

/// Every address the issue may show, resolved.
fn issue_files(open: &OpenIssue) -> Vec<String> {
    files::all_files(&open.issue).into_iter().filter_map(|f| open.resolve(f)).collect()
}

/// The open issue's part: offers to save or remove it (`attach` has marked it read).
#[component]
pub fn OfflineIssue(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let o = Offline::get();
    let t = r.lang.offline();
    // One button: save, or remove once saved; its state and the progress are text that changes.
    // (Plain clones of the key, not a stored value: views of the old issue may run once more
    // while it is replaced, after its stored values are gone.)
    let key: Arc<str> = open.url.as_str().into();
    let progress = {
        let key = key.clone();
        move || o.state.with(|s| s.saving.clone().filter(|p| *p.key == *key))
    };
    let saved = move || o.state.with(|s| s.books.is_saved(&key));
    let saving = {
        let progress = progress.clone();
        move || progress().is_some_and(|p| p.done < p.total)
    };
    let click = {
        let saved = saved.clone();
        move |_| if saved() { o.remove(&open.url) } else { o.save(&open) }
    };
    let status = {
        let saved = saved.clone();
        move || save_status(r.lang, progress(), saved())
    };
    let usage = move || r.lang.offline_usage(o.state.with(|s| s.books.total()), o.limit);
    // Without a worker there is nothing to save with: the section stays hidden, with no error.
    view! {
        <section class="bs-offline" aria-labelledby="bs-offline-heading" hidden=move || !o.state.with(|s| s.controlled)>
            <h2 id="bs-offline-heading" class="bs-offline-heading">{t.heading}</h2>
            <p class="bs-offline-status" role="status">{status}</p>
            <button type="button" class="bs-button" disabled=saving on:click=click>
                {move || if saved() { t.remove } else { t.save }}
            </button>
            <p class="bs-offline-usage">{usage}</p>
        </section>
    }
    .into_any()
}

/// Whether an issue that did not load is to be said not kept offline.
pub enum NotKept {
    /// No: it was not for want of a network.
    No,
    /// Yes: the device is offline.
    Yes,
    /// Online as the device says, and a worker keeps files: whether it kept this one is offline
    /// reading's to say (`not_kept`), whose code the worker keeps too.
    Ask,
}

/// What the main module knows of whether an issue that did not load was kept offline.
pub fn not_kept_yet(error: &LoadError) -> NotKept {
    let network = matches!(error.failure, Failure::Offline | Failure::Network(_) | Failure::Timeout);
    if !network {
        NotKept::No
    } else if !window().navigator().on_line() {
        NotKept::Yes
    } else if controller().is_some() {
        NotKept::Ask
    } else {
        NotKept::No
    }
}

/// Online, a file that did not load and that the worker does not keep. (On another site, it was
/// most often refused by that site (CORS), not cut off: saying "not saved offline" would mislead.)
pub fn not_kept(error: &LoadError) -> bool {
    let o = Offline::get();
    o.state.with_untracked(|s| s.controlled)
        && !o.available(&error.file)
        && crate::archive::api::other_origin(&error.file).is_none()
}

/// In place of an issue that did not load for want of a network: says it is not kept offline.
#[component]
pub fn NotOffline(lang: Lang) -> impl IntoView {
    view! {
        <p class="bs-notice bs-not-offline"><strong>{lang.offline().not_available}</strong></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_save_status_says_progress_failure_or_kept() {
        let p = |done, total, failed| Some(Progress { key: "k".into(), done, total, failed });
        assert_eq!(save_status(Lang::Zh, None, false), "");
        assert_eq!(save_status(Lang::Zh, None, true), Lang::Zh.offline().saved);
        assert_eq!(
            save_status(Lang::En, p(3, 10, 0), false),
            format!("{} {}", Lang::En.offline().saving, Lang::En.progress(3, 10))
        );
        // Done with files that failed: the progress stays to say so, whatever the books say.
        assert_eq!(save_status(Lang::Zh, p(10, 10, 2), true), Lang::Zh.offline().failed);
    }

    #[test]
    fn reads_the_workers_messages() {
        let url = "https://x.test/data/issues/2016-09-17/p4.svg";
        assert_eq!(
            parse_kept(&format!("cached\n{url}\n2543\nk\n3\n12")),
            Some(Kept { url, bytes: Some(2543), key: Some("k"), done: Some(3), total: Some(12) })
        );
        assert_eq!(
            parse_kept(&format!("cached\n{url}\n\nk\n4\n12")),
            Some(Kept { url, bytes: None, key: Some("k"), done: Some(4), total: Some(12) })
        );
        assert_eq!(
            parse_kept(&format!("cached\n{url}\n10")),
            Some(Kept { url, bytes: Some(10), key: None, done: None, total: None })
        );
        assert_eq!(parse_kept("cached\n\n10"), None);
        assert_eq!(parse_kept("{\"type\":\"cached\"}"), None);
    }
}

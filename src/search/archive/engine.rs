//! Pagefind's web worker (`search/engine/pagefind-worker.js`), spoken to directly: a message
//! `{id, instanceId, method, args}` in, `{id, result}` or `{id, error}` out (the protocol of the
//! pinned Pagefind release, 1.6.0, which the index records). Talking to the worker ourselves
//! means no JavaScript module to import at run time: nothing for the first load, no glue file,
//! no `eval` or `new Function` (the strict CSP), and the engine's search never runs on the page's
//! thread. One worker for the page, started on the first whole-archive search; each shard is
//! an instance in it (the engine's tiny index with the shard merged in).

use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

type Pending = Rc<RefCell<HashMap<String, (js_sys::Function, js_sys::Function)>>>;

pub struct Engine {
    worker: Worker,
    /// The engine folder (absolute, ending in `/`).
    base: String,
    pending: Pending,
    next: Cell<u64>,
    /// Shard instances set up or being set up (by their index folder): the setting up, which
    /// a search that starts meanwhile waits for rather than asking the files again.
    ready: RefCell<HashMap<String, js_sys::Promise>>,
    /// Shard instances whose setting up has finished.
    set_up: RefCell<HashSet<String>>,
    /// Files the page asked for itself and hands to the worker (`hint`), absolute: a setup does
    /// not name them to the worker again.
    hinted: RefCell<HashSet<String>>,
    /// Set when the worker failed: the next search starts a new one.
    broken: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

/// The page's engine for the index whose engine folder is `base`, started if need be.
pub fn engine(base: &str) -> Result<Rc<Engine>, String> {
    let current = ENGINE.with(|e| e.borrow().clone());
    if let Some(e) = current.filter(|e| e.base == base && !e.broken.get()) {
        return Ok(e);
    }
    if let Some(old) = ENGINE.with(|e| e.borrow_mut().take()) {
        old.worker.terminate();
    }
    let e = Rc::new(Engine::start(base)?);
    ENGINE.with(|slot| *slot.borrow_mut() = Some(e.clone()));
    Ok(e)
}

fn text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| js_sys::Reflect::get(v, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "the search engine failed".into())
}

impl Engine {
    fn start(base: &str) -> Result<Engine, String> {
        let worker = Worker::new(&format!("{base}pagefind-worker.js")).map_err(|e| text(&e))?;
        let pending: Pending = Rc::default();
        let broken = Rc::new(Cell::new(false));
        let p = pending.clone();
        let (b, failed) = (broken.clone(), JsValue::from_str("broadsheet"));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            // The worker's prelude reports an error Pagefind left unhandled (an engine that could
            // not start): nothing waiting would ever be answered.
            if js_sys::Reflect::get(&data, &failed).ok().and_then(|k| k.as_string()).as_deref() == Some("failed") {
                let why = js_sys::Reflect::get(&data, &"message".into()).ok().and_then(|m| m.as_string());
                b.set(true);
                reject_all(&p, &why.unwrap_or_else(|| "the search engine failed".into()));
                return;
            }
            let Some(id) = js_sys::Reflect::get(&data, &"id".into()).ok().and_then(|i| i.as_string()) else {
                return;
            };
            let Some((resolve, reject)) = p.borrow_mut().remove(&id) else { return };
            let error = js_sys::Reflect::get(&data, &"error".into()).unwrap_or(JsValue::UNDEFINED);
            if error.is_undefined() || error.is_null() {
                let result = js_sys::Reflect::get(&data, &"result".into()).unwrap_or(JsValue::NULL);
                let _ = resolve.call1(&JsValue::NULL, &result);
            } else {
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        let (p, b) = (pending.clone(), broken.clone());
        // The worker could not be fetched or run (offline, a 404): every call waiting fails,
        // and the next search starts over.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            b.set(true);
            reject_all(&p, "the search engine could not be loaded");
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // Search answers with only the data handles and scores (the kit's prelude; an engine
        // without it answers this with an error for no call, and sends whole answers).
        let slim = js_sys::JSON::parse(r#"{"broadsheet":"slim"}"#).map_err(|e| text(&e))?;
        worker.post_message(&slim).map_err(|e| text(&e))?;
        Ok(Engine {
            worker,
            base: base.to_string(),
            pending,
            next: Cell::new(0),
            ready: RefCell::default(),
            set_up: RefCell::default(),
            hinted: RefCell::default(),
            broken,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// One call into the worker; its result as JSON.
    async fn call(&self, instance: &str, method: &str, args: Value) -> Result<Value, String> {
        let result = self.call_js(instance, method, args).await?;
        json(&result)
    }

    /// One call into the worker; its result as the worker sent it.
    async fn call_js(&self, instance: &str, method: &str, args: Value) -> Result<JsValue, String> {
        let promise = self.post(instance, method, args)?;
        JsFuture::from(promise).await.map_err(|e| text(&e))
    }

    /// One call into the worker, posted at once; the promise of its result.
    fn post(&self, instance: &str, method: &str, args: Value) -> Result<js_sys::Promise, String> {
        if self.broken.get() {
            return Err("the search engine could not be loaded".into());
        }
        let id = format!("bs{}", self.next.get());
        self.next.set(self.next.get() + 1);
        let message = serde_json::json!({ "id": id, "instanceId": instance, "method": method, "args": args });
        let message = js_sys::JSON::parse(&message.to_string()).map_err(|e| text(&e))?;
        let pending = self.pending.clone();
        let key = id.clone();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            pending.borrow_mut().insert(key.clone(), (resolve, reject));
        });
        self.worker.post_message(&message).map_err(|e| text(&e))?;
        Ok(promise)
    }

    /// Asks for `files` (absolute) from the page, at once, and hands each to the worker as it
    /// arrives, to answer Pagefind's own request for it. The worker's script is a round trip of
    /// its own before it can ask for anything, so files it asked for itself arrive a round trip
    /// later (562 ms on Slow 4G). A file that fails is asked for again by the worker, which
    /// reports what it gets. Files already asked for are not asked for again.
    pub fn hint(&self, files: &[String]) {
        let new: Vec<String> =
            files.iter().filter(|f| self.hinted.borrow_mut().insert((*f).clone())).cloned().collect();
        if new.is_empty() {
            return;
        }
        // Posted first, so that the worker holds Pagefind's requests for these until they come.
        if let Ok(m) = js_sys::JSON::parse(&serde_json::json!({ "broadsheet": "coming", "urls": new }).to_string()) {
            let _ = self.worker.post_message(&m);
        }
        for url in new {
            let worker = self.worker.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let body = fetch_bytes(&url).await;
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"broadsheet".into(), &"given".into());
                let _ = js_sys::Reflect::set(&message, &"url".into(), &url.as_str().into());
                let transfer = js_sys::Array::new();
                if let Some(body) = body {
                    let _ = js_sys::Reflect::set(&message, &"body".into(), &body);
                    transfer.push(&body);
                }
                let _ = worker.post_message_with_transfer(&message, &transfer);
            });
        }
    }

    /// Sets up the instance of a shard (its index folder, absolute) once: the engine's files,
    /// then the shard's start-up file (most of a first search's bytes). `start` names those files
    /// (absolute), which the worker's prelude then asks for at once: Pagefind alone asks for
    /// each when the one before has answered, a round trip each.
    pub async fn prepare(self: &Rc<Self>, shard: &str, start: &[String]) -> Result<(), String> {
        let asked = self.ready.borrow().get(shard).cloned();
        let setup = asked.unwrap_or_else(|| {
            // Posted before the setup's first call, so the files are on their way when it asks.
            let hinted = self.hinted.borrow();
            let start: Vec<&String> = start.iter().filter(|f| !hinted.contains(*f)).collect();
            if !start.is_empty() {
                let message = serde_json::json!({ "broadsheet": "preload", "urls": start });
                if let Ok(m) = js_sys::JSON::parse(&message.to_string()) {
                    let _ = self.worker.post_message(&m);
                }
            }
            let (me, at) = (self.clone(), shard.to_string());
            let p = wasm_bindgen_futures::future_to_promise(async move {
                me.call(&at, "init", serde_json::json!([{ "basePath": me.base }])).await?;
                me.call(&at, "mergeIndex", serde_json::json!([at, {}])).await?;
                Ok(JsValue::UNDEFINED)
            });
            self.ready.borrow_mut().insert(shard.to_string(), p.clone());
            p
        });
        let done = JsFuture::from(setup).await.map(|_| ()).map_err(|e| text(&e));
        match &done {
            Ok(()) => {
                self.set_up.borrow_mut().insert(shard.to_string());
            }
            Err(e) => {
                // A shard that failed is set up again next time (its files may be back), in a new
                // worker: this one keeps the engine's files it has read, which may be the broken ones.
                self.ready.borrow_mut().remove(shard);
                self.give_up(e);
            }
        }
        done
    }

    /// Whether the shard's instance is set up: a search of it asks for its chunk at once. None
    /// is once the worker has failed (the next search starts a new engine).
    pub fn is_set_up(&self, shard: &str) -> bool {
        !self.broken.get() && self.set_up.borrow().contains(shard)
    }

    /// Asks one shard for a query, once it is set up; `answer` reads what it says. Shards asked
    /// one after the other are searched side by side: each is asked at once.
    pub async fn ask(
        self: &Rc<Self>,
        shard: &str,
        start: &[String],
        query: &str,
        options: Value,
    ) -> Result<js_sys::Promise, String> {
        self.prepare(shard, start).await?;
        self.post(shard, "search", serde_json::json!([query, options]))
    }

    /// A shard's answer to `ask`: results with data handles, filter counts.
    pub async fn answer(&self, shard: &str, asked: Result<js_sys::Promise, String>) -> Result<Slim, String> {
        let answer = match asked {
            Ok(p) => JsFuture::from(p).await.map_err(|e| text(&e)),
            Err(e) => Err(e),
        };
        // Read in a task of its own: taking in the worker's message (the 18,000 results of a word
        // found in every article of a year) is a long task already, 90 ms on a phone.
        crate::task::next().await;
        let answer = answer.and_then(|v| slim(&v));
        if let Err(e) = &answer {
            self.ready.borrow_mut().remove(shard);
            self.give_up(e);
        }
        answer
    }

    /// A result's record (its fragment file, fetched by the worker).
    pub async fn record(&self, shard: &str, data: &str) -> Result<Value, String> {
        let got = self.call(shard, "getData", serde_json::json!([data])).await;
        if let Err(e) = &got {
            // A record that fails fails the search, so the records queued behind it are wasted
            // work, and the worker answers one at a time: Pagefind spends over a second on each
            // corrupt fragment, so ten of them held a retry back for twelve seconds.
            self.give_up(e);
        }
        got
    }

    /// The worker goes, and every call still waiting fails with `why`; the next search starts
    /// a new one.
    fn give_up(&self, why: &str) {
        self.broken.set(true);
        self.worker.terminate();
        reject_all(&self.pending, why);
    }
}

/// How long the page waits for a start-up file before the worker asks for it itself (ms).
const GIVEN_TIMEOUT_MS: u32 = 15_000;

/// The body of `url` as the page fetched it; `None` when it could not. Pagefind's entry files are
/// asked for fresh (a `ts` query, as Pagefind does), so that a cached one never names start-up
/// files the index no longer has.
async fn fetch_bytes(url: &str) -> Option<js_sys::ArrayBuffer> {
    let asked = if url.ends_with("/pagefind-entry.json") {
        // Milliseconds as an integer: the same text, without float formatting (broadsheet_model::num).
        format!("{url}?ts={}", js_sys::Date::now() as u64)
    } else {
        url.to_string()
    };
    crate::fetch::get_bytes(&asked, GIVEN_TIMEOUT_MS).await.ok()
}

/// Fails every call still waiting for the worker.
fn reject_all(pending: &Pending, why: &str) {
    for (_, (_, reject)) in pending.borrow_mut().drain() {
        let _ = reject.call1(&JsValue::NULL, &why.into());
    }
}

/// A value from the worker as JSON.
fn json(v: &JsValue) -> Result<Value, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(v).map_err(|e| text(&e))?;
    serde_json::from_str(&String::from(text)).map_err(|e| e.to_string())
}

/// A search answer with only what the reader uses: each result's data handle and score, in
/// the shard's order, and the filter counts as JSON.
pub struct Slim {
    pub results: Vec<(String, f64)>,
    pub filters: Value,
}

/// A search answer as [`Slim`]. A word in every article of a year has some 18,000 results, each
/// with its word positions: they are read field by field, with the keys made once, never turned
/// into JSON (which took 200 ms and more on a phone profile).
fn slim(v: &JsValue) -> Result<Slim, String> {
    let [results_key, data_key, score_key, filters_key, ours_key] =
        ["results", "data", "score", "filters", "broadsheet"].map(JsValue::from_str);
    let get = |o: &JsValue, k: &JsValue| js_sys::Reflect::get(o, k).unwrap_or(JsValue::UNDEFINED);
    let ours = get(v, &ours_key);
    if !ours.is_undefined() {
        // As the prelude sends it: the handles joined by new lines, the scores in one array.
        let handles = get(&ours, &data_key).as_string().unwrap_or_default();
        let scores = get(&ours, &score_key).dyn_into::<js_sys::Float64Array>().map(|a| a.to_vec()).unwrap_or_default();
        let handles: Vec<&str> = handles.split('\n').filter(|h| !h.is_empty()).collect();
        if handles.len() != scores.len() {
            return Err(format!("the search engine sent {} results with {} scores", handles.len(), scores.len()));
        }
        let results = handles.into_iter().map(str::to_string).zip(scores).collect();
        return Ok(Slim { results, filters: json(&get(v, &filters_key))? });
    }
    let list: js_sys::Array = get(v, &results_key).dyn_into().unwrap_or_default();
    let mut results = Vec::with_capacity(list.length() as usize);
    for r in list.iter() {
        let Some(data) = get(&r, &data_key).as_string() else { continue };
        results.push((data, get(&r, &score_key).as_f64().unwrap_or(0.0)));
    }
    Ok(Slim { results, filters: json(&get(v, &filters_key))? })
}

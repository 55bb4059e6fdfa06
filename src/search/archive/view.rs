//! The whole-archive search in the search panel: the scope switch, the range, filters and order,
//! and the results as they stream in, shard after shard, with progress and a stop. Everything it
//! searches with is in the address (`url_state::scope`), so a search is a link.

use super::engine::engine;
use super::{
    add_counts, answer_of, options, parse_shards, plan, record, side_by_side, Counts, Facet, Found, Record, Results,
    Shard,
};
use crate::article_link::{is_plain_click, open_article};
use crate::reader::Reader;
use crate::search::view::marked;
use crate::url_state::scope::{Scope, Sort};
use broadsheet_model::Day;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// Results shown at first and added by "more".
const BATCH: usize = 10;
/// How long the index list may take (ms).
const LIST_TIMEOUT_MS: u32 = 15_000;

/// The index folder of the open archive, absolute; `None` when it has no index.
pub fn index_folder(r: &Reader) -> Option<String> {
    let rel = r.archive.with_value(|a| a.search.clone())?;
    let rel = if rel.ends_with('/') { rel } else { format!("{rel}/") };
    Some(r.archive_url.with_value(|base| crate::archive::api::resolve(&rel, base)))
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Progress {
    /// Shards answered.
    done: usize,
    /// The year of each shard to search, in the order searched (as many as the shards).
    years: Vec<i32>,
    running: bool,
    stopped: bool,
    error: Option<String>,
}

/// The state of one whole-archive search.
#[derive(Clone, Copy)]
struct Run {
    found: RwSignal<Results>,
    counts: RwSignal<Counts>,
    /// Records loaded, by result key (`None`: not an article).
    records: RwSignal<HashMap<String, Option<Record>>>,
    asked: StoredValue<HashSet<String>>,
    progress: RwSignal<Progress>,
    shards: RwSignal<Vec<Shard>>,
    generation: StoredValue<u64>,
    limit: RwSignal<usize>,
}

impl Run {
    fn new() -> Run {
        Run {
            found: RwSignal::new(Results::default()),
            counts: RwSignal::new(Counts::new()),
            records: RwSignal::new(HashMap::new()),
            asked: StoredValue::new(HashSet::new()),
            progress: RwSignal::new(Progress::default()),
            shards: RwSignal::new(Vec::new()),
            generation: StoredValue::new(0),
            limit: RwSignal::new(BATCH),
        }
    }

    /// Starts a new search, which makes any search still running stop at its next shard.
    fn reset(&self, sort: Sort) -> u64 {
        self.generation.update_value(|g| *g += 1);
        self.found.set(Results::new(sort));
        self.counts.set(Counts::new());
        self.records.set(HashMap::new());
        self.asked.set_value(HashSet::new());
        self.progress.set(Progress::default());
        self.limit.set(BATCH);
        self.generation.get_value()
    }

    /// Whether the search `generation` is still the one shown: not replaced by a new search,
    /// not stopped, and its panel still open (a task that outlives the panel, the scope switched
    /// back to this issue while a shard was answering, must not touch its disposed state).
    fn current(&self, generation: u64) -> bool {
        self.alive(generation) && self.progress.try_with_untracked(|p| !p.stopped).unwrap_or(false)
    }

    /// Whether the search `generation` is the panel's last one and the panel is still open.
    fn alive(&self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// Whether the records of the results shown have loaded (none is shown, or the search
    /// failed, counts as loaded).
    fn shown_settled(&self) -> bool {
        let limit = self.limit.get_untracked();
        let failed = self.progress.with_untracked(|p| p.error.is_some());
        failed
            || self.found.with_untracked(|f| {
                self.records.with_untracked(|r| f.iter().take(limit).all(|x| r.contains_key(&x.key())))
            })
    }

    fn fail(&self, generation: u64, error: String) {
        if self.alive(generation) {
            self.progress.update(|p| {
                p.running = false;
                p.error = Some(error);
            });
        }
    }
}

thread_local! {
    /// The request for the shard list of the index folder asked last, its text when it answers:
    /// one request for all the searches of a visit, shared by a search that starts while the
    /// warm-up's request is still on its way (on a slow link, seconds).
    static SHARDS: std::cell::RefCell<Option<(String, js_sys::Promise)>> = const { std::cell::RefCell::new(None) };
}

/// The shard list of an index folder, fetched once (a failure is fetched again next time).
async fn shard_list(folder: &str) -> Result<Vec<Shard>, String> {
    let asked = SHARDS.with(|c| c.borrow().as_ref().filter(|(f, _)| f == folder).map(|(_, p)| p.clone()));
    let promise = asked.unwrap_or_else(|| {
        let url = format!("{folder}index.json");
        let p = wasm_bindgen_futures::future_to_promise(async move {
            match crate::fetch::get(&url, LIST_TIMEOUT_MS).await {
                Ok(a) => Ok(a.text.into()),
                Err(e) => Err(e.to_string().into()),
            }
        });
        SHARDS.with(|c| *c.borrow_mut() = Some((folder.to_string(), p.clone())));
        p
    });
    let list = match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(text) => parse_shards(&text.as_string().unwrap_or_default()),
        Err(e) => Err(e.as_string().unwrap_or_else(|| "search/index.json could not be read".into())),
    };
    if list.is_err() {
        SHARDS.with(|c| c.borrow_mut().take_if(|(f, _)| f == folder));
    }
    list
}

/// The search box took focus in the whole archive's scope: the results' part starts the engine
/// (`warm`) as soon as it is in. A request rather than a call, so that the engine's code stays
/// in that part and out of the first screen's module.
#[derive(Clone, Copy)]
pub struct Warm(RwSignal<u32>);

impl Warm {
    /// Makes the search panel's request, for the results' part under it to find.
    pub fn provide() -> Warm {
        let w = Warm(RwSignal::new(0));
        provide_context(w);
        w
    }

    pub fn ask(self) {
        self.0.update(|n| *n += 1);
    }
}

/// Starts the engine, reads the shard list and sets up the shard that a search in the reader's
/// scope reads first (the newest, or the one its dates or order start with) ahead of a first
/// whole-archive search (the search box took focus in that scope), so that typing hides their
/// requests. Failures are left to the search itself to report.
fn warm(r: &Reader) {
    let Some(folder) = index_folder(r) else { return };
    let Ok(engine) = engine(&format!("{folder}engine/")) else { return };
    let scope = r.state.with_untracked(|s| s.scope.clone());
    engine.hint(&first_search(r, &folder, &scope));
    leptos::task::spawn_local(async move {
        let Ok(shards) = shard_list(&folder).await else { return };
        if let Some(step) = plan(&shards, scope.from, scope.to, scope.sort).first() {
            let (at, files) = located(&folder, &step.shard);
            let _ = engine.prepare(&at, &files).await;
        }
    });
}

/// The files archive.json names for a first search that a search in `scope` reads first,
/// absolute (asked for with the shard list rather than after it).
fn first_search(r: &Reader, folder: &str, scope: &Scope) -> Vec<String> {
    r.archive.with_value(|a| {
        super::first_files(&a.search_start, scope.to, a.last, scope.sort)
            .iter()
            .map(|f| format!("{folder}{f}"))
            .collect()
    })
}

/// A shard's address and the files that setting it up reads, all absolute.
fn located(folder: &str, shard: &Shard) -> (String, Vec<String>) {
    (format!("{folder}{}", shard.path), shard.start.iter().map(|f| format!("{folder}{f}")).collect())
}

/// Searches the shards the scope needs, newest first, adding each one's results as it answers.
async fn search(run: Run, generation: u64, folder: String, query: String, scope: Scope, first: Vec<String>) {
    if !run.current(generation) {
        return;
    }
    run.progress.update(|p| p.running = true);
    // The engine and the files a first search reads are asked for with the shard list.
    let engine = match engine(&format!("{folder}engine/")) {
        Ok(e) => e,
        Err(e) => return run.fail(generation, e),
    };
    engine.hint(&first);
    let list = shard_list(&folder).await;
    if !run.current(generation) {
        return;
    }
    let shards = match list {
        Ok(s) => s,
        Err(e) => return run.fail(generation, e),
    };
    run.shards.set(shards.clone());
    let steps = plan(&shards, scope.from, scope.to, scope.sort);
    run.progress.update(|p| p.years = steps.iter().map(|s| s.shard.year).collect());
    let mut k = 0;
    while k < steps.len() {
        if !run.current(generation) {
            return;
        }
        // After the first, the shards already set up (a further query) are searched at once,
        // up to four: their chunks asked for together and their answers taken in together, so
        // the records loaded are those of the merged results only (`side_by_side`).
        let n = side_by_side(k, steps.len(), |j| engine.is_set_up(&located(&folder, &steps[j].shard).0));
        let batch = &steps[k..k + n];
        // From the second shard on, the next one is set up while this one answers, so that its
        // round trips hide behind this one's. Not beside the first: its results are what the
        // reader waits for, and the link is shared.
        if let Some(next) = steps.get(k + n).filter(|_| k >= 1) {
            let (e, (at, files)) = (engine.clone(), located(&folder, &next.shard));
            leptos::task::spawn_local(async move {
                let _ = e.prepare(&at, &files).await;
            });
        }
        let mut asked = Vec::with_capacity(n);
        for step in batch {
            let (shard, files) = located(&folder, &step.shard);
            let opts =
                options(step, scope.month.as_deref(), scope.section.as_deref(), scope.page.as_deref(), scope.sort);
            let a = engine.ask(&shard, &files, &query, opts).await;
            asked.push((shard, a));
        }
        let mut answers = Vec::with_capacity(n);
        for (shard, a) in asked {
            answers.push(engine.answer(&shard, a).await);
        }
        // A shard answering after a new search or Stop adds nothing: Stop ends the search where
        // it is.
        if !run.current(generation) {
            return;
        }
        for (step, answered) in batch.iter().zip(answers) {
            let v = match answered {
                Ok(v) => v,
                Err(e) => return run.fail(generation, e),
            };
            let a = answer_of(step.index, v.results, &v.filters);
            run.found.update(|all| all.add(a.found));
            run.counts.update(|c| add_counts(c, &a.counts));
            run.progress.update(|p| p.done += 1);
        }
        if k == 0 && steps.len() > n {
            // The first results' records before the next shard: they are what the reader waits
            // for, and the next shard's start-up file (180 KB for a year, 50 KB for a quarter)
            // would hold a slow link ahead of them. At most 10 s.
            for _ in 0..200 {
                if !run.current(generation) || run.shown_settled() {
                    break;
                }
                crate::task::after(50).await;
            }
        }
        k += n;
    }
    run.progress.update(|p| p.running = false);
}

/// Loads the records of the results shown that are not loaded yet.
fn load_records(run: Run, folder: String, query: String) {
    let limit = run.limit.get();
    let wanted: Vec<Found> = run.found.with(|f| f.iter().take(limit).cloned().collect());
    let generation = run.generation.get_value();
    for f in wanted {
        let key = f.key();
        if run.asked.with_value(|a| a.contains(&key)) {
            continue;
        }
        run.asked.update_value(|a| {
            a.insert(key.clone());
        });
        let Some(path) = run.shards.with_untracked(|s| s.get(f.shard).map(|s| s.path.clone())) else {
            continue;
        };
        let (folder, query) = (folder.clone(), query.clone());
        leptos::task::spawn_local(async move {
            let Ok(e) = engine(&format!("{folder}engine/")) else { return };
            let got = e.record(&format!("{folder}{path}"), &f.data).await;
            if !run.alive(generation) {
                return;
            }
            match got {
                Ok(v) => run.records.update(|r| {
                    r.insert(key, record(&v, &query));
                }),
                Err(err) => run.fail(generation, err),
            }
        });
    }
}

/// The switch between this issue and the whole archive; absent when the archive has no index.
#[component]
pub fn ScopeSwitch(#[prop(into)] before: Callback<()>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let ts = r.lang.archive_search();
    index_folder(&r)?;
    let archive = move || r.state.with(|s| s.scope.archive);
    let set = move |on: bool| {
        before.run(());
        r.adjust(|s| s.scope.archive = on);
    };
    Some(view! {
        <fieldset class="bs-search-scope">
            <legend class="bs-search-scope-label">{ts.scope}</legend>
            <label>
                <input type="radio" name="bs-search-scope" prop:checked=move || !archive() on:change=move |_| set(false)/>
                {ts.this_issue}
            </label>
            <label>
                <input type="radio" name="bs-search-scope" prop:checked=archive on:change=move |_| set(true)/>
                {ts.archive}
            </label>
        </fieldset>
    })
}

/// A select over one filter's values: those the index lists for the shards of the range (no
/// counts: Pagefind counts a filter only once its chunk is loaded, which choosing a value does,
/// and then counts every other value as if it too had to match); "any" clears it.
fn filter_select(
    label: &'static str,
    any: &'static str,
    facet: Facet,
    run: Run,
    current: impl Fn(&Scope) -> Option<String> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Scope, Option<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let r = expect_context::<Reader>();
    let chosen = move || r.state.with(|s| current(&s.scope));
    let options = move || {
        let (from, to) = r.state.with(|s| (s.scope.from, s.scope.to));
        let mut values = run.shards.with(|sh| super::facet_values(sh, from, to, facet));
        let counted: Vec<String> =
            run.counts.with(|c| c.get(facet.name()).map(|m| m.keys().cloned().collect()).unwrap_or_default());
        // Values counted but not listed (an index of before the lists), and the value chosen,
        // which stays listed even when nothing matches it.
        for v in counted.into_iter().chain(chosen()) {
            if !values.contains(&v) {
                values.push(v);
            }
        }
        values
            .into_iter()
            .map(|v| {
                let selected = chosen().as_deref() == Some(v.as_str());
                let text = if facet == Facet::Page { r.lang.page_label(&v) } else { v.clone() };
                view! { <option value=v.clone() selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="bs-search-filter">
            {label}
            <select aria-label=label on:change=move |ev| {
                let v = event_target_value(&ev);
                r.adjust(|s| set(&mut s.scope, (!v.is_empty()).then_some(v)));
            }>
                <option value="" selected=move || chosen().is_none()>{any}</option>
                {options}
            </select>
        </label>
    }
}

/// The range, filters and order of the whole-archive search. Each control is named by its label
/// alone (`aria-label`): a select inside its label would otherwise be named by all its options.
#[component]
fn Refine(run: Run) -> impl IntoView {
    let r = expect_context::<Reader>();
    let ts = r.lang.archive_search();
    let day = |s: &Scope, to: bool| if to { s.to } else { s.from }.map(|d| d.to_string()).unwrap_or_default();
    let set_day = move |v: String, to: bool| {
        let d = Day::parse(&v).ok();
        r.adjust(|s| if to { s.scope.to = d } else { s.scope.from = d });
    };
    let bound = move |last: bool| {
        run.shards
            .with(|s| if last { s.last().map(|s| s.last) } else { s.first().map(|s| s.first) })
            .map(|d| d.to_string())
    };
    let sort = move || r.state.with(|s| s.scope.sort);
    // Years (and decades on a long archive) as ranges: a year is a shard, loaded alone.
    let spans = move || run.shards.with(|s| super::spans(&s.iter().map(|s| s.year).collect::<Vec<_>>()));
    let span = move || r.state.with(|s| super::span_key(s.scope.from, s.scope.to));
    view! {
        <div class="bs-search-refine">
            <label class="bs-search-filter">
                {ts.year}
                <select class="bs-search-year" aria-label=ts.year on:change=move |ev| {
                    let (from, to) = super::span_range(&event_target_value(&ev));
                    r.adjust(|s| { s.scope.from = from; s.scope.to = to; });
                }>
                    <option value="" selected=move || span().is_none()>{ts.any}</option>
                    {move || spans().into_iter().map(|(k, label)| {
                        let selected = span().as_deref() == Some(k.as_str());
                        view! { <option value=k selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="bs-search-filter">
                {ts.from}
                <input type="date" class="bs-search-from" aria-label=ts.from min=move || bound(false) max=move || bound(true)
                    prop:value=move || r.state.with(|s| day(&s.scope, false))
                    on:change=move |ev| set_day(event_target_value(&ev), false)/>
            </label>
            <label class="bs-search-filter">
                {ts.to}
                <input type="date" class="bs-search-to" aria-label=ts.to min=move || bound(false) max=move || bound(true)
                    prop:value=move || r.state.with(|s| day(&s.scope, true))
                    on:change=move |ev| set_day(event_target_value(&ev), true)/>
            </label>
            {filter_select(ts.month, ts.any, Facet::Month, run, |s| s.month.clone(), |s, v| s.month = v)}
            {filter_select(ts.section, ts.any, Facet::Section, run, |s| s.section.clone(), |s, v| s.section = v)}
            {filter_select(ts.page, ts.any, Facet::Page, run, |s| s.page.clone(), |s, v| s.page = v)}
            <label class="bs-search-filter">
                {ts.sort}
                <select class="bs-search-sort" aria-label=ts.sort on:change=move |ev| {
                    let v = Sort::from_key(&event_target_value(&ev)).unwrap_or_default();
                    r.adjust(|s| s.scope.sort = v);
                }>
                    {[(Sort::Relevance, ts.relevance), (Sort::Newest, ts.newest), (Sort::Oldest, ts.oldest)]
                        .into_iter()
                        .map(|(o, label)| view! { <option value=o.key() selected=move || sort() == o>{label}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}

/// One result: date, page, title and snippet with the hits marked; it opens the article in its
/// issue, the query kept so that the article shows its hits.
fn result_row(r: Reader, rec: Record, query: &str) -> AnyView {
    let Record { place, title, section, page_number, snippet } = rec;
    let (date, page, article) = (place.date, place.page.clone(), place.article.clone());
    let open = move |s: &mut crate::url_state::ReadingState| {
        s.date = Some(date);
        open_article(s, &article, Some(&page));
    };
    let href = r.href(open.clone());
    let on_click = move |e: MouseEvent| {
        if is_plain_click(e.button(), e.ctrl_key(), e.meta_key(), e.shift_key(), e.alt_key()) {
            e.prevent_default();
            r.navigate(open.clone());
        }
    };
    let where_ = [Some(date.to_string()), page_number.map(|p| r.lang.page_label(&p)), section]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let excerpt = snippet.map(|s| {
        view! { <p class="bs-search-snippet">{s.before}<mark class="bs-hit">{s.hit}</mark>{s.after}</p> }
    });
    view! {
        <li class="bs-search-result">
            <a class="bs-search-title" href=href on:click=on_click>{marked(&title, query)}</a>
            <span class="bs-search-place">{where_}</span>
            {excerpt}
        </li>
    }
    .into_any()
}

/// The status line (a live region): articles found and years searched so far, stopped, or
/// nothing found; empty without a query or when an error shows instead.
fn status_text(lang: crate::i18n::Lang, p: &Progress, found: usize, typed: &str) -> String {
    let ts = lang.archive_search();
    if typed.is_empty() || p.error.is_some() {
        return String::new();
    }
    if !p.running && p.done == p.years.len() && found == 0 && !p.stopped {
        return format!("{}“{typed}”", ts.nothing);
    }
    let (years_done, years) = super::years_searched(&p.years, p.done);
    let counted = lang.archive_found(found, years_done, years);
    if p.stopped {
        format!("{} {counted}", ts.stopped)
    } else {
        counted
    }
}

/// The stop button while shards are searched, and a failure with its retry.
#[component]
fn Notices(run: Run, retry: RwSignal<u32>) -> impl IntoView {
    let ts = expect_context::<Reader>().lang.archive_search();
    let error = move || {
        run.progress.with(|p| p.error.clone()).map(|e| {
            view! {
                <div class="bs-search-error" role="alert">
                    <p>{ts.unreachable}</p>
                    <p class="bs-search-error-detail">{e}</p>
                    <button type="button" class="bs-tool bs-search-retry" on:click=move |_| retry.update(|n| *n += 1)>
                        {ts.retry}
                    </button>
                </div>
            }
        })
    };
    let stop = move || {
        run.progress.with(|p| p.running && !p.stopped).then(|| {
            view! {
                <button type="button" class="bs-tool bs-search-stop"
                    on:click=move |_| run.progress.update(|p| { p.stopped = true; p.running = false; })>
                    {ts.stop}
                </button>
            }
        })
    };
    view! { {stop} {error} }
}

/// The whole-archive search's refinements, status and results.
#[component]
pub fn ArchiveResults() -> impl IntoView {
    let r = expect_context::<Reader>();
    let ts = r.lang.archive_search();
    let folder = index_folder(&r).unwrap_or_default();
    let run = Run::new();
    // The query waits for search's part (src/search/t2s.rs), which is in by now as a rule.
    let key = Memo::new(move |_| r.state.with(|s| (crate::search::t2s::query(&s.query), s.scope.clone())));
    let retry = RwSignal::new(0u32);
    let f = folder.clone();
    Effect::new(move |_| {
        let (query, scope) = key.get();
        retry.track();
        let generation = run.reset(scope.sort);
        if !query.is_empty() {
            let first = first_search(&r, &f, &scope);
            leptos::task::spawn_local(search(run, generation, f.clone(), query, scope, first));
        }
    });
    let f = folder.clone();
    Effect::new(move |_| load_records(run, f.clone(), key.with(|k| k.0.clone())));
    // Focus in the box asked for the engine, perhaps before this part was in.
    if let Some(Warm(asked)) = use_context::<Warm>() {
        Effect::new(move |_| {
            if asked.get() > 0 {
                warm(&r);
            }
        });
    }
    let status = move || {
        let q = r.state.with(|s| s.query.trim().to_string());
        run.progress.with(|p| status_text(r.lang, p, run.found.with(Results::len), &q))
    };
    let rows = move || {
        let query = key.with(|k| k.0.clone());
        let limit = run.limit.get();
        let records = run.records.with(|recs| run.found.with(|found| super::shown(found.iter(), recs, limit)));
        records.into_iter().map(|rec| result_row(r, rec, &query)).collect_view()
    };
    let more = move || {
        (run.found.with(Results::len) > run.limit.get()).then(|| {
            view! {
                <button type="button" class="bs-tool bs-search-more" on:click=move |_| run.limit.update(|n| *n += BATCH)>
                    {r.lang.search().more}
                </button>
            }
        })
    };
    view! {
        <div class="bs-search-archive">
            <Refine run/>
            <p class="bs-search-status" role="status" aria-live="polite">{status}</p>
            <Notices run retry/>
            <ol class="bs-search-results" aria-label=ts.results>{rows}</ol>
            {more}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_status_counts_progress_stops_and_nothing_found() {
        let years = vec![2016, 2015, 2014];
        let running = Progress { done: 1, running: true, years: years.clone(), ..Default::default() };
        assert_eq!(status_text(Lang::Zh, &running, 4, "妇联"), "找到 4 篇文章（已检索 1/3 年）");
        let done = Progress { done: 3, years: years.clone(), ..Default::default() };
        assert_eq!(status_text(Lang::Zh, &done, 0, "量子"), "全部报纸中没有找到“量子”");
        assert_eq!(status_text(Lang::En, &done, 5, "x"), "5 articles found in 3 year(s)");
        let stopped = Progress { done: 1, stopped: true, years, ..Default::default() };
        assert_eq!(status_text(Lang::En, &stopped, 2, "x"), "Stopped. 2 articles found (1 of 3 years searched)");
        let failed = Progress { error: Some("404".into()), ..Default::default() };
        assert_eq!(status_text(Lang::En, &failed, 0, "x"), "");
        assert_eq!(status_text(Lang::En, &done, 0, ""), "");
        // A year in quarters counts once all four have answered.
        let quarters = vec![2016, 2016, 2016, 2016, 2015, 2015];
        let partly = Progress { done: 3, running: true, years: quarters.clone(), ..Default::default() };
        assert_eq!(status_text(Lang::En, &partly, 7, "x"), "7 articles found (0 of 2 years searched)");
        let one = Progress { done: 4, running: true, years: quarters.clone(), ..Default::default() };
        assert_eq!(status_text(Lang::En, &one, 7, "x"), "7 articles found (1 of 2 years searched)");
        let all = Progress { done: 6, years: quarters, ..Default::default() };
        assert_eq!(status_text(Lang::En, &all, 9, "x"), "9 articles found in 2 year(s)");
    }
}

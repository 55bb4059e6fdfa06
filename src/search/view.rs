//! Search within the open issue, in the browser: the search box and its results, and what the
//! other widgets ask of the current search (regions outlined on the map, pages marked in the
//! page list, hits marked in the article). The query lives in the reading state (`q` in the URL).

use super::results::{self, BATCH};
use super::{segments, t2s, Index, Outcome};
use crate::article_link::ArticleLink;
use crate::part::{part, Later, When};
use crate::reader::{OpenIssue, Reader};
use broadsheet_model::Issue;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// The URL follows the query once typing pauses this long: writing the address bar on every
/// keystroke costs the browser more than the search itself.
const URL_DELAY: Duration = Duration::from_millis(400);

/// Characters of an issue its index reads in one task: about 3 ms on a desktop here (the 100-page
/// issue's 725k characters in 36 slices), four times that on the phone profile's CPU.
const SLICE: usize = 20_000;

/// The current search of the open issue, shared by context.
#[derive(Clone, Copy)]
pub struct Search {
    /// The query as typed. It goes into the reading state (and the URL) when typing pauses, so
    /// that a keystroke only wakes what shows the search, not every widget of the reader.
    pub typed: RwSignal<String>,
    /// The normalised query (empty: no search).
    pub query: Memo<String>,
    pub outcome: Memo<Arc<Outcome>>,
    /// Matching articles printed on each page, a signal a page, which one effect sets when its
    /// count changes: a keystroke wakes that effect, not each of the page list's marks (a hundred
    /// on a 100-page issue, whose bookkeeping in the reactive graph was most of a keystroke's wasm).
    marks: StoredValue<Vec<RwSignal<u32>>>,
    /// The issue's index, once built (`prepare`).
    index: RwSignal<Option<Arc<Index>>>,
    building: StoredValue<bool>,
    issue: StoredValue<Arc<Issue>>,
}

impl Search {
    /// Builds the issue's index, once search's code is in, a slice of the issue a task
    /// (`SLICE`), so that typing and the page stay quick meanwhile; a query typed before it is
    /// whole waits for it, and the panel says so (`preparing`).
    fn prepare(self) {
        let Some(engine) = t2s::engine() else { return };
        if self.building.get_value() || self.index.with_untracked(Option::is_some) {
            return;
        }
        self.building.set_value(true);
        let (issue, index) = (self.issue.get_value(), self.index);
        leptos::task::spawn_local(async move {
            let mut building = (engine.start)(issue);
            loop {
                // Each slice in a task of its own, the first too: not in the focus's task.
                crate::task::next().await;
                // The issue's view is gone (another issue opened): its index is not wanted.
                if index.is_disposed() {
                    return;
                }
                if (engine.step)(&mut building, SLICE) {
                    break;
                }
            }
            index.try_set(Some((engine.finish)(building)));
            // For `make bench`: when a query no longer waits (User Timing, in the page).
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                let _ = perf.mark("broadsheet:search-index");
            }
        });
    }

    /// Matching articles printed on page `i` (its mark's signal: wakes only when that changes).
    pub fn on_page(self, i: usize) -> u32 {
        self.marks.with_value(|marks| marks.get(i).map_or(0, |mark| mark.get()))
    }

    /// Whether a query waits for the issue's index.
    fn preparing(self) -> bool {
        !self.query.with(String::is_empty) && self.index.with(Option::is_none)
    }
}

/// Sets up the search of an issue for the widgets of its view. The index is built when the search
/// box takes focus or a query comes, not before: a reader who never searches pays nothing.
pub fn provide(open: &OpenIssue) -> Search {
    let r = expect_context::<Reader>();
    let index = RwSignal::new(None::<Arc<Index>>);
    let issue = StoredValue::new(open.issue.clone());
    let typed = RwSignal::new(r.state.with_untracked(|s| s.query.clone()));
    // A query from elsewhere (back and forward, a link) replaces what was typed.
    let in_state = Memo::new(move |_| r.state.with(|s| s.query.clone()));
    Effect::new(move |_| {
        let q = in_state.get();
        if typed.with_untracked(|t| *t != q) {
            typed.set(q);
        }
    });
    // Empty until search's table is in (src/search/t2s.rs); the panel says it is coming.
    let query = Memo::new(move |_| typed.with(|q| t2s::query(q)));
    let outcome = Memo::new(move |before: Option<&Arc<Outcome>>| {
        let q = query.get();
        if q.is_empty() {
            return Arc::new(Outcome::none());
        }
        match (t2s::engine(), index.get()) {
            (Some(engine), Some(index)) => Arc::new((engine.refine)(&index, &q, before.map(|b| &**b))),
            // The index is on its way (`prepare`), or search's code (then the query is empty).
            _ => Arc::new(Outcome::none()),
        }
    });
    let marks = StoredValue::new((0..open.issue.pages.len()).map(|_| RwSignal::new(0)).collect::<Vec<_>>());
    Effect::new(move |_| {
        outcome.with(|o| {
            marks.with_value(|marks| {
                for (i, mark) in marks.iter().enumerate() {
                    let n = o.on_page(i);
                    if mark.get_untracked() != n {
                        mark.set(n);
                    }
                }
            })
        })
    });
    let search = Search { typed, query, outcome, marks, index, building: StoredValue::new(false), issue };
    Effect::new(move |_| {
        if !query.with(String::is_empty) {
            search.prepare();
        }
    });
    provide_context(search);
    search
}

/// The normalised query of the current search (from the reading state outside an issue view).
pub fn current_query() -> Memo<String> {
    match use_context::<Search>() {
        Some(s) => s.query,
        None => {
            let r = expect_context::<Reader>();
            Memo::new(move |_| r.state.with(|s| t2s::query(&s.query)))
        }
    }
}

/// Whether an article's regions are outlined as a search hit (for the page map).
pub fn region_hit(article: String) -> impl Fn() -> bool + Send + Sync + 'static {
    let search = use_context::<Search>();
    move || search.is_some_and(|s| s.outcome.with(|o| o.matches(&article)))
}

/// The mark on a page in the page list: how many matching articles are printed on it.
pub fn page_mark(page: usize) -> impl IntoView {
    let r = expect_context::<Reader>();
    let search = use_context::<Search>();
    let n = move || search.map_or(0, |s| s.on_page(page));
    move || (n() > 0).then(|| view! { <span class="bs-page-hits">{r.lang.page_hits(n())}</span> })
}

/// A text with every hit of a normalised query in `<mark>`; the text as it is without a query.
pub fn marked(text: &str, query: &str) -> AnyView {
    if query.is_empty() {
        return text.to_string().into_any();
    }
    pieces(segments(text, query))
}

/// `marked` for a text whose normalised form is known already (see `search::find_all_in`).
pub fn marked_in(text: &str, norm: &str, query: &str) -> AnyView {
    if query.is_empty() {
        return text.to_string().into_any();
    }
    pieces(super::segments_in(text, norm, query))
}

fn pieces(segments: Vec<(bool, &str)>) -> AnyView {
    segments
        .into_iter()
        .map(|(hit, s)| {
            if hit {
                view! { <mark class="bs-hit">{s.to_string()}</mark> }.into_any()
            } else {
                s.to_string().into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// The typed query on its way into the reading state (and the URL, in place: no new history
/// entry): when typing pauses for `URL_DELAY`, or at once.
#[derive(Clone, Copy)]
struct QueryWriter {
    r: Reader,
    typed: RwSignal<String>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl QueryWriter {
    fn new(r: Reader, typed: RwSignal<String>) -> QueryWriter {
        let writer = QueryWriter { r, typed, pending: StoredValue::new(None) };
        on_cleanup(move || writer.cancel());
        writer
    }

    fn cancel(self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    /// Writes the query typed so far now.
    fn commit(self) {
        self.cancel();
        let q = self.typed.get_untracked();
        self.r.adjust(|s| s.query = q);
    }

    /// A new query typed (`now`: cleared or submitted, not typed).
    fn set(self, q: String, now: bool) {
        if self.typed.with_untracked(|t| *t != q) {
            self.typed.set(q);
        }
        if now {
            self.commit();
        } else {
            self.cancel();
            self.pending.set_value(set_timeout_with_handle(move || self.commit(), URL_DELAY).ok());
        }
    }
}

/// What the results' view is given: the open issue, its search and the panel's state.
pub struct Results {
    open: OpenIssue,
    search: Search,
    writer: QueryWriter,
    limit: RwSignal<usize>,
}

/// The results of the current search, a batch at a time. It comes with search's part
/// (`Engine::results`): no result shows before that part is in.
pub fn results(Results { open, search, writer, limit }: Results) -> AnyView {
    let r = expect_context::<Reader>();
    let ts = r.lang.search();
    (move || {
        let o = search.outcome.get();
        let shown = results::shown(&open.issue, &o, limit.get(), r.lang);
        if shown.rows.is_empty() {
            return None;
        }
        let items = shown
            .rows
            .into_iter()
            .map(|row| {
                let title = marked(&row.title, &o.query);
                let excerpt = row.snippet.map(|s| {
                    view! {
                        <p class="bs-search-snippet">{s.before}<mark class="bs-hit">{s.hit}</mark>{s.after}</p>
                    }
                });
                view! {
                    <li class="bs-search-result">
                        // The search's own history entry keeps the query, for back.
                        <ArticleLink article=row.article class="bs-search-title" before_open=Callback::new(move |_| writer.commit())>
                            {title}
                        </ArticleLink>
                        <span class="bs-search-place">{row.place}</span>
                        {excerpt}
                    </li>
                }
            })
            .collect_view();
        let more = shown.more.then(|| {
            view! {
                <button type="button" class="bs-tool bs-search-more" on:click=move |_| limit.update(|n| *n += BATCH)>
                    {ts.more}
                </button>
            }
        });
        Some(view! {
            <ol class="bs-search-results" aria-label=ts.results>{items}</ol>
            {more}
        })
    })
    .into_any()
}

/// The search box and its results, in the reading column.
#[component]
pub fn SearchPanel(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let ts = r.lang.search();
    let search = use_context::<Search>().unwrap_or_else(|| provide(&open));
    let typed = search.typed;
    let limit = RwSignal::new(BATCH);
    let writer = QueryWriter::new(r, typed);
    let set_query = move |q: String, now: bool| {
        if limit.get_untracked() != BATCH {
            limit.set(BATCH);
        }
        writer.set(q, now);
    };
    // A memo, so that a keystroke does not build the clear button again.
    let has_text = Memo::new(move |_| !typed.with(String::is_empty));
    let status = move || {
        if search.preparing() {
            return ts.preparing.to_string();
        }
        search.outcome.with(|o| results::status(r.lang, o, &typed.get_untracked()))
    };
    // The whole archive only where it has an index (an address asking for it elsewhere is ignored).
    let indexed = super::archive::view::index_folder(&r).is_some();
    let whole_archive = Memo::new(move |_| indexed && r.state.with(|s| s.scope.archive));
    let warm = super::archive::view::Warm::provide();
    // Search's table comes once the page image is in, before a reader types (src/search/t2s.rs).
    crate::part::preload_after_page(r, t2s::fetch);
    view! {
        <section class="bs-search" role="search" aria-label=ts.label>
            <label class="bs-search-label" for="bs-search-input">
                {move || if whole_archive.get() { r.lang.archive_search().label } else { ts.label }}
            </label>
            <div class="bs-search-row">
                <input
                    id="bs-search-input"
                    class="bs-search-input"
                    type="search"
                    autocomplete="off"
                    enterkeyhint="search"
                    maxlength=crate::url_state::MAX_QUERY
                    placeholder=ts.placeholder
                    prop:value=move || typed.get()
                    // The index starts when the box takes focus, a slice a task, so that the
                    // first keystroke seldom waits for it (search's table first, if not in yet).
                    on:focus=move |_| {
                        t2s::load();
                        search.prepare();
                        // The whole archive's engine starts while the query is typed (its code is
                        // in the results' part, which starts it once in).
                        if whole_archive.get_untracked() {
                            warm.ask();
                        }
                    }
                    on:input=move |ev| set_query(event_target_value(&ev), false)
                    on:change=move |_| writer.commit()
                />
                {move || has_text.get().then(|| view! {
                    <button type="button" class="bs-tool bs-search-clear" on:click=move |_| set_query(String::new(), true)>
                        {ts.clear}
                    </button>
                })}
            </div>
            <super::archive::view::ScopeSwitch before=Callback::new(move |_| writer.commit())/>
            <t2s::Waiting typed/>
            {move || if whole_archive.get() {
                view! { <Later when=When::Now preload=preload_archive_results_part part=archive_results_part/> }.into_any()
            } else {
                let open = open.clone();
                view! {
                    <p class="bs-search-status" role="status">{status}</p>
                    {move || (t2s::stage() == crate::part::Stage::Ready)
                        .then(|| t2s::engine().map(|e| (e.results)(Results { open: open.clone(), search, writer, limit })))}
                }.into_any()
            }}
        </section>
    }
}

part! {
    /// The whole archive's results (a part of its own: src/part.rs).
    archive_results_part / preload_archive_results_part() { view! { <super::archive::view::ArchiveResults/> } }
}

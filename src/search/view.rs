//! Search within the open issue, in the browser: the search box and its results, and what the
//! other widgets ask of the current search (regions outlined on the map, pages marked in the
//! page list, hits marked in the article). The query lives in the reading state (`q` in the URL).

use super::{normalise_query, segments, snippet, source_text, Index, Outcome};
use crate::article_link::ArticleLink;
use crate::reader::{OpenIssue, Reader};
use broadsheet_model::Issue;
use leptos::prelude::*;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Results shown at first, and added by each "show more".
const BATCH: usize = 20;

/// The URL follows the query once typing pauses this long: writing the address bar on every
/// keystroke costs the browser more than the search itself.
const URL_DELAY: Duration = Duration::from_millis(400);

/// The current search of the open issue, shared by context.
#[derive(Clone, Copy)]
pub struct Search {
    /// The query as typed. It goes into the reading state (and the URL) when typing pauses, so
    /// that a keystroke only wakes what shows the search, not every widget of the reader.
    pub typed: RwSignal<String>,
    /// The normalised query (empty: no search).
    pub query: Memo<String>,
    pub outcome: Memo<Arc<Outcome>>,
    index: StoredValue<Arc<OnceLock<Arc<Index>>>>,
    issue: StoredValue<Arc<Issue>>,
}

impl Search {
    /// The issue's index, built on first use.
    fn index(&self) -> Arc<Index> {
        built(self.index, self.issue)
    }
}

fn built(index: StoredValue<Arc<OnceLock<Arc<Index>>>>, issue: StoredValue<Arc<Issue>>) -> Arc<Index> {
    let cell = index.get_value();
    cell.get_or_init(|| Arc::new(Index::new(issue.get_value()))).clone()
}

/// Sets up the search of an issue for the widgets of its view. The index is built on the first
/// query, not before: a reader who never searches pays nothing.
pub fn provide(open: &OpenIssue) -> Search {
    let r = expect_context::<Reader>();
    let index = StoredValue::new(Arc::new(OnceLock::new()));
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
    let query = Memo::new(move |_| typed.with(|q| normalise_query(q)));
    let outcome = Memo::new(move |before: Option<&Arc<Outcome>>| {
        let q = query.get();
        if q.is_empty() {
            return Arc::new(Outcome::none());
        }
        Arc::new(built(index, issue).refine(&q, before.map(|b| &**b)))
    });
    let search = Search { typed, query, outcome, index, issue };
    provide_context(search);
    search
}

/// The normalised query of the current search (from the reading state outside an issue view).
pub fn current_query() -> Memo<String> {
    match use_context::<Search>() {
        Some(s) => s.query,
        None => {
            let r = expect_context::<Reader>();
            Memo::new(move |_| r.state.with(|s| normalise_query(&s.query)))
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
    move || {
        let n = search.map_or(0, |s| s.outcome.with(|o| o.on_page(page)));
        (n > 0).then(|| view! { <span class="bs-page-hits">{r.lang.page_hits(n)}</span> })
    }
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

/// The search box and its results, in the reading column.
#[component]
pub fn SearchPanel(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let ts = r.lang.search();
    let search = use_context::<Search>().unwrap_or_else(|| provide(&open));
    let typed = search.typed;
    let shown = RwSignal::new(BATCH);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // The typed query into the reading state and the URL (in place: no new history entry).
    let commit = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(None);
        let q = typed.get_untracked();
        r.adjust(|s| s.query = q);
    };
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    let set_query = move |q: String, now: bool| {
        shown.set(BATCH);
        if typed.with_untracked(|t| *t != q) {
            typed.set(q);
        }
        if now {
            commit();
        } else {
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            pending.set_value(set_timeout_with_handle(commit, URL_DELAY).ok());
        }
    };
    let status = move || {
        let o = search.outcome.get();
        if !o.is_search() {
            return String::new();
        }
        match o.hits.len() {
            0 => format!("{}“{}”", ts.nothing, typed.get_untracked().trim()),
            n => r.lang.found(n),
        }
    };
    let results = move || {
        let o = search.outcome.get();
        if !o.is_search() || o.hits.is_empty() {
            return None;
        }
        let limit = shown.get();
        let items = o
            .hits
            .iter()
            .take(limit)
            .filter_map(|h| {
                let p = open.issue.pages.get(h.page)?;
                let a = p.articles.iter().find(|a| a.id == h.article)?;
                let place = format!("{} · {}", r.lang.page_title(&p.number, &p.name), r.lang.hits(o.count(h) as u32));
                let excerpt = snippet(source_text(a, h.first), &o.query).map(|s| {
                    view! {
                        <p class="bs-search-snippet">{s.before}<mark class="bs-hit">{s.hit}</mark>{s.after}</p>
                    }
                });
                let title = marked(&a.title, &o.query);
                Some(view! {
                    <li class="bs-search-result">
                        // The search's own history entry keeps the query, for back.
                        <ArticleLink article=a.id.clone() class="bs-search-title" before_open=Callback::new(move |_| commit())>
                            {title}
                        </ArticleLink>
                        <span class="bs-search-place">{place}</span>
                        {excerpt}
                    </li>
                })
            })
            .collect_view();
        let more = (o.hits.len() > limit).then(|| {
            view! {
                <button type="button" class="bs-tool bs-search-more" on:click=move |_| shown.update(|n| *n += BATCH)>
                    {ts.more}
                </button>
            }
        });
        Some(view! {
            <ol class="bs-search-results" aria-label=ts.results>{items}</ol>
            {more}
        })
    };
    view! {
        <section class="bs-search" role="search" aria-label=ts.label>
            <label class="bs-search-label" for="bs-search-input">{ts.label}</label>
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
                    // The index is built when the box takes focus, so the first keystroke is quick.
                    on:focus=move |_| { search.index(); }
                    on:input=move |ev| set_query(event_target_value(&ev), false)
                    on:change=move |_| commit()
                />
                {move || (!typed.with(|q| q.is_empty())).then(|| view! {
                    <button type="button" class="bs-tool bs-search-clear" on:click=move |_| set_query(String::new(), true)>
                        {ts.clear}
                    </button>
                })}
            </div>
            <p class="bs-search-status" role="status">{status}</p>
            {results}
        </section>
    }
}

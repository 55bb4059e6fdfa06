//! The reading state shared by every widget (by context), and the open issue with the questions
//! the widgets ask of it: which page is shown, which article is open, what comes before and after.

use crate::archive::api::{self, LoadError};
use crate::config::UrlMode;
use crate::i18n::Lang;
use crate::url_state::{history, ReadingState, MAX_SIZE, MIN_SIZE};
use broadsheet_model::{Archive, Article, ArticleKind, Day, Issue, Problem};
use leptos::prelude::*;
use std::sync::Arc;

pub mod layout;
mod text_size;

pub use text_size::{load_text_size, store_text_size};

#[derive(Clone, Copy)]
pub struct Reader {
    pub lang: Lang,
    pub archive: StoredValue<Arc<Archive>>,
    /// The address of archive.json; the data's own addresses resolve against it.
    pub archive_url: StoredValue<String>,
    pub url_mode: UrlMode,
    pub state: RwSignal<ReadingState>,
    /// The article highlighted by hover, focus or touch, on the map and in the title list alike.
    pub hot: RwSignal<Option<String>>,
    /// Text for the screen-reader live region (page changes and the like).
    pub announce: RwSignal<String>,
    /// The open issue's date, apart from the rest of the state, so that views of the date (the
    /// masthead, the calendar) do not re-run when only the page or the article changes.
    pub day: Memo<Day>,
}

impl Reader {
    /// The issue date asked for, or the newest issue.
    pub fn date(&self) -> Day {
        self.day.get()
    }

    /// The memo behind `date()`, for the reader's constructor.
    pub fn day_memo(state: RwSignal<ReadingState>, archive: StoredValue<Arc<Archive>>) -> Memo<Day> {
        Memo::new(move |_| state.with(|s| s.date).unwrap_or_else(|| archive.with_value(|a| a.last)))
    }

    pub fn issue_url(&self, d: Day) -> String {
        let path = self.archive.with_value(|a| a.issue_path(d));
        api::resolve(&path, &self.archive_url.get_value())
    }

    /// Moves to a new reading state as a new history entry (back returns here).
    pub fn navigate(&self, change: impl FnOnce(&mut ReadingState)) {
        self.update(change, true);
    }

    /// Changes the reading state in place (no new history entry), e.g. the text size.
    pub fn adjust(&self, change: impl FnOnce(&mut ReadingState)) {
        self.update(change, false);
    }

    fn update(&self, change: impl FnOnce(&mut ReadingState), push: bool) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        next.size = next.size.clamp(MIN_SIZE, MAX_SIZE);
        if next != self.state.get_untracked() {
            history::write(self.url_mode, &next, push);
            self.state.set(next);
        }
    }

    /// The address of a state derived from the current one, for real links (open in a new tab).
    pub fn href(&self, change: impl FnOnce(&mut ReadingState)) -> String {
        let mut next = self.state.get_untracked();
        change(&mut next);
        history::href(self.url_mode, &next).unwrap_or_else(|| "#".into())
    }
}

/// The open issue once loaded, with the address its own URLs resolve against.
#[derive(Clone)]
pub struct OpenIssue {
    pub issue: Arc<Issue>,
    pub url: String,
    /// What was wrong with the file, each by its JSON path; the parts they spoil are left out.
    pub problems: Arc<Vec<Problem>>,
}

/// Resolves an address from the data for an `href` or `src`: only http(s) ever comes out.
pub fn safe_address(src: &str, base: &str) -> String {
    if src.is_empty() || broadsheet_model::url::check_url(src).is_err() {
        return BLANK.into();
    }
    let url = api::resolve(src, base);
    if url.starts_with("https://") || url.starts_with("http://") {
        url
    } else {
        BLANK.into()
    }
}

/// Where a refused address points instead: nothing to load, nothing to run.
pub const BLANK: &str = "about:blank";

/// Why the state in a URL cannot be shown as it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Unknown {
    Page(String),
    Article(String),
}

impl OpenIssue {
    pub async fn load(url: String) -> Result<OpenIssue, LoadError> {
        let checked = api::fetch_with(url.clone(), broadsheet_model::parse_issue_lenient).await?;
        Ok(OpenIssue { issue: Arc::new(checked.value), url, problems: Arc::new(checked.problems) })
    }

    /// An address from the issue, resolved; one that is not http(s) (the model has left such
    /// addresses out already) or empty becomes `about:blank`, which loads and runs nothing.
    pub fn resolve(&self, src: &str) -> String {
        safe_address(src, &self.url)
    }

    /// The page shown for a state: the one named, else the open article's own page, else the first.
    pub fn page_for(&self, s: &ReadingState) -> Result<usize, Unknown> {
        match (&s.page, &s.article) {
            (Some(id), _) => self.issue.page_index(id).ok_or_else(|| Unknown::Page(id.clone())),
            (None, Some(a)) => Ok(self.issue.article(a).map_or(0, |(home, _)| home)),
            (None, None) => Ok(0),
        }
    }

    pub fn article_for(&self, s: &ReadingState) -> Option<Result<(usize, &Article), Unknown>> {
        let id = s.article.as_ref()?;
        Some(self.issue.article(id).ok_or_else(|| Unknown::Article(id.clone())))
    }

    /// Readable articles (not mastheads or advertisements) in reading order across the issue.
    pub fn reading_order(&self) -> impl Iterator<Item = (usize, &Article)> {
        self.issue.articles().filter(|(_, a)| a.kind == ArticleKind::Article)
    }

    /// The articles before and after `id` in reading order.
    pub fn neighbours(&self, id: &str) -> (Option<&Article>, Option<&Article>) {
        let order: Vec<&Article> = self.reading_order().map(|(_, a)| a).collect();
        match order.iter().position(|a| a.id == id) {
            Some(i) => (i.checked_sub(1).map(|j| order[j]), order.get(i + 1).copied()),
            None => (None, None),
        }
    }

    /// The pages an article is printed on, in the order of its regions, its home page first.
    pub fn pages_of(&self, home: usize, article: &Article) -> Vec<usize> {
        let home_id = &self.issue.pages[home].id;
        let mut pages = vec![home];
        for r in &article.regions {
            if let Some(i) = self.issue.page_index(article.region_page(r, home_id)) {
                if !pages.contains(&i) {
                    pages.push(i);
                }
            }
        }
        pages
    }
}

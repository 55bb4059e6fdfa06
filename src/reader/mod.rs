//! The reading state shared by every widget (by context), and the open issue with the questions
//! the widgets ask of it: which page is shown, which article is open, what comes before and after.

use crate::archive::api::{self, LoadError};
use crate::archive::origins::AllowedOrigins;
use crate::config::UrlMode;
use crate::i18n::Lang;
use crate::url_state::{history, ReadingState, MAX_SIZE, MIN_SIZE};
use broadsheet_model::{Archive, Article, ArticleKind, Day, Issue, Problem};
use leptos::prelude::*;
use std::sync::Arc;

mod regions;
mod text_size;

pub use regions::{region_bounds, regions_on_page};

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
    /// The first page image has arrived or been given up on. Until then nothing the first screen
    /// does not need (thumbnails, the neighbouring pages) is asked for, so that on a slow
    /// connection the page does not share it.
    pub page_shown: RwSignal<bool>,
}

impl Reader {
    /// The reading state of an archive, starting from the address (and the remembered text size
    /// when the address has none).
    pub fn new(archive: Arc<Archive>, archive_url: String, lang: Lang, url_mode: UrlMode) -> Reader {
        Reader::with_state(archive, archive_url, lang, url_mode, initial_state(url_mode))
    }

    /// The reading state of an archive, starting from `state`.
    pub fn with_state(
        archive: Arc<Archive>,
        archive_url: String,
        lang: Lang,
        url_mode: UrlMode,
        state: ReadingState,
    ) -> Reader {
        let archive = StoredValue::new(archive);
        let state = RwSignal::new(state);
        Reader {
            lang,
            archive,
            archive_url: StoredValue::new(archive_url),
            url_mode,
            state,
            hot: RwSignal::new(None),
            announce: RwSignal::new(String::new()),
            day: Reader::day_memo(state, archive),
            page_shown: RwSignal::new(false),
        }
    }

    /// Back and forward: the address is the truth; the state is read from it again.
    pub fn reread_address(&self) {
        history::drop_pending();
        let (state, _) = ReadingState::parse(&history::read(self.url_mode));
        self.state.set(state);
    }

    /// The issue date asked for, or the newest issue.
    pub fn date(&self) -> Day {
        self.day.get()
    }

    /// The memo behind `date()`.
    fn day_memo(state: RwSignal<ReadingState>, archive: StoredValue<Arc<Archive>>) -> Memo<Day> {
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

    /// Shows page `i` of the open issue as a new history entry (the article stays open if it is
    /// printed there), and says which page it is to screen readers.
    pub fn show_page(&self, open: &OpenIssue, i: usize) {
        let Some(page) = open.issue.pages.get(i) else { return };
        let id = page.id.clone();
        self.navigate(|s| s.page = Some(id));
        self.announce.set(self.lang.page_title(&page.number, &page.name));
    }

    /// Changes the reading state in place (no new history entry), e.g. the text size.
    pub fn adjust(&self, change: impl FnOnce(&mut ReadingState)) {
        self.update(change, false);
    }

    fn update(&self, change: impl FnOnce(&mut ReadingState), push: bool) {
        let next = self.derived(change);
        if self.state.with_untracked(|s| *s != next) {
            history::write(self.url_mode, &next, push);
            self.state.set(next);
        }
    }

    /// The current state with `change` made to it, within the rules every change keeps.
    fn derived(&self, change: impl FnOnce(&mut ReadingState)) -> ReadingState {
        let before = self.state.get_untracked();
        let mut next = before.clone();
        change(&mut next);
        keep_rules(&before, &mut next);
        next
    }

    /// The address of a state derived from the current one, for real links (open in a new tab).
    pub fn href(&self, change: impl FnOnce(&mut ReadingState)) -> String {
        history::href(self.url_mode, &self.derived(change)).unwrap_or_else(|| "#".into())
    }

    /// The same as a whole address, to copy or cite; `None` where the reader keeps no address.
    pub fn address(&self, change: impl FnOnce(&mut ReadingState)) -> Option<String> {
        history::address(self.url_mode, &self.derived(change))
    }
}

/// What every change of the reading state keeps to: the text size within its bounds; a clipping
/// belongs to the page it was cut from, so another page or issue leaves it behind.
fn keep_rules(before: &ReadingState, next: &mut ReadingState) {
    next.size = next.size.clamp(MIN_SIZE, MAX_SIZE);
    if next.clip == before.clip && (next.date != before.date || next.page != before.page) {
        next.clip = None;
    }
}

/// The state the page was opened with: the address, and the remembered text size when the
/// address has none.
fn initial_state(mode: UrlMode) -> ReadingState {
    let address = history::read(mode);
    let (mut state, _ignored) = ReadingState::parse(&address);
    if !address.contains("size=") {
        state.size = load_text_size().unwrap_or(0);
    }
    state
}

/// The open issue once loaded, with the address its own URLs resolve against.
#[derive(Clone)]
pub struct OpenIssue {
    pub issue: Arc<Issue>,
    pub url: String,
    /// What was wrong with the file, each by its JSON path; the parts they spoil are left out.
    pub problems: Arc<Vec<Problem>>,
}

/// Resolves an address from the data for an `href` or `src`: only http(s) ever comes out, and
/// nothing for an address the model left out (empty) or refused.
pub fn safe_address(src: &str, base: &str) -> Option<String> {
    if src.is_empty() || broadsheet_model::url::check_url(src).is_err() {
        return None;
    }
    let url = api::resolve(src, base);
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}

/// Why the state in a URL cannot be shown as it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Unknown {
    Page(String),
    Article(String),
}

impl OpenIssue {
    /// Fetches and reads an issue; an address on an origin `origins` refuses is left out like
    /// any broken part, and said.
    pub async fn load(url: String, origins: AllowedOrigins) -> Result<OpenIssue, LoadError> {
        let check = |src: &str| origins.check(&api::resolve(src, &url));
        let direct = |text: &str| broadsheet_model::read_issue_direct(text, &check);
        let repair = |text| crate::archive::repair::issue(text, url.clone(), origins.clone());
        let checked = api::fetch_read(url.clone(), direct, repair).await?;
        Ok(OpenIssue { issue: Arc::new(checked.value), url, problems: Arc::new(checked.problems) })
    }

    /// An address from the issue, resolved; `None` for one the model left out (empty) or that is
    /// not http(s): then there is nothing to load, and the view leaves the image or link out.
    pub fn resolve(&self, src: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn archive() -> Arc<Archive> {
        let text = include_str!("../../demo/data/archive.json");
        Arc::new(broadsheet_model::parse(text).unwrap())
    }

    /// A reader under its own reactive owner, with the address bar left alone (`UrlMode::Off`).
    fn reader(state: ReadingState) -> (Owner, Reader) {
        let owner = Owner::new();
        owner.set();
        let r = Reader::with_state(archive(), "https://x.test/data/archive.json".into(), Lang::Zh, UrlMode::Off, state);
        (owner, r)
    }

    /// How often a memo over the reading state recomputed: once per change the state announced.
    fn watch(r: Reader) -> (Memo<()>, Arc<AtomicUsize>) {
        let runs = Arc::new(AtomicUsize::new(0));
        let counter = runs.clone();
        let memo = Memo::new(move |_| {
            r.state.track();
            counter.fetch_add(1, Ordering::SeqCst);
        });
        memo.get();
        (memo, runs)
    }

    #[test]
    fn a_change_updates_the_state_and_a_non_change_wakes_nothing() {
        let (_owner, r) = reader(ReadingState::default());
        let (memo, runs) = watch(r);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        r.adjust(|s| s.size = 0);
        r.navigate(|_| {});
        memo.get();
        assert_eq!(runs.load(Ordering::SeqCst), 1, "the same state again notifies no one");
        r.navigate(|s| s.article = Some("a0202".into()));
        memo.get();
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        assert_eq!(r.state.get_untracked().article.as_deref(), Some("a0202"));
    }

    #[test]
    fn the_text_size_is_kept_within_its_bounds() {
        let (_owner, r) = reader(ReadingState::default());
        r.adjust(|s| s.size = 100);
        assert_eq!(r.state.get_untracked().size, MAX_SIZE);
        r.adjust(|s| s.size = -100);
        assert_eq!(r.state.get_untracked().size, MIN_SIZE);
    }

    #[test]
    fn the_date_is_the_one_asked_for_or_the_newest_and_follows_only_the_date() {
        let (_owner, r) = reader(ReadingState::default());
        let newest = archive().last;
        assert_eq!(r.date(), newest);
        let runs = Arc::new(AtomicUsize::new(0));
        let counter = runs.clone();
        let day = Memo::new(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            r.date()
        });
        day.get();
        r.navigate(|s| s.page = Some("p2".into()));
        day.get();
        assert_eq!(runs.load(Ordering::SeqCst), 1, "a page change leaves views of the date alone");
        let earlier = Day::parse("2016-09-17").unwrap();
        r.navigate(|s| s.date = Some(earlier));
        assert_eq!(day.get(), earlier);
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_clipping_stays_with_its_page() {
        use crate::url_state::Clip;
        let clip = Some(Clip { x: 1, y: 2, w: 3, h: 4 });
        let (_owner, r) = reader(ReadingState::default());
        r.navigate(|s| {
            s.page = Some("p2".into());
            s.clip = clip;
        });
        r.navigate(|s| s.article = Some("a0202".into()));
        assert_eq!(r.state.get_untracked().clip, clip, "an article opened on the same page keeps it");
        r.navigate(|s| s.page = Some("p3".into()));
        assert_eq!(r.state.get_untracked().clip, None, "another page leaves it behind");
    }

    #[test]
    fn links_need_an_address_bar() {
        let (_owner, r) = reader(ReadingState::default());
        assert_eq!(r.href(|s| s.article = Some("a".into())), "#", "with the URL off there is no address to link");
    }
}

//! Search within the open issue, plain Rust: text normalisation (full-width to half-width, case,
//! traditional to simplified), substring matching over every readable article's titles, byline
//! and body (Chinese has no word spaces, so a hit is any substring of the normalised text), and
//! the pieces a view needs: snippets around a hit and the hits in a text, as byte ranges of the
//! original text. Normalising maps one character to exactly one character, so a position in the
//! normalised text is the same character position in the original.

pub mod archive;
pub mod results;
pub mod t2s;
pub mod view;

pub use view::{provide, SearchPanel};

use broadsheet_model::{ArticleKind, Block, Issue};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// The longest query kept (characters); a longer one is cut, in the URL as in the box.
pub use crate::url_state::MAX_QUERY;

/// Separates an article's fields in its normalised text, so no hit spans two fields.
const SEP: char = '\u{0}';

/// One character as search compares it: full-width ASCII forms as half-width, every kind of
/// space as a plain space, lower case; traditional characters are mapped to simplified after.
fn fold(c: char) -> char {
    // Most of a Chinese text: ideographs have no case and are neither space nor control, so they
    // skip the Unicode tables below (a third of the time an issue's index took to build).
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_whitespace() {
        return ' ';
    }
    if c.is_control() {
        return SEP;
    }
    c.to_lowercase().next().unwrap_or(c)
}

/// The text as search compares it; always as many characters as `s`. Its tables (Unicode's lower
/// case, `fast2s`) come with search's part (`t2s`).
pub fn normalise(s: &str) -> String {
    t2s::normalise(s)
}

/// `normalise` itself, which `t2s` hands out once its part is in.
fn fold_and_convert(s: &str) -> String {
    let folded: String = s.chars().map(fold).collect();
    fast2s::convert(&folded)
}

/// Search's code that nothing needs before a query (`t2s` hands it out once its part is in):
/// normalising text, building and asking an issue's index, and drawing the results.
#[derive(Clone, Copy)]
pub struct Engine {
    pub normalise: fn(&str) -> String,
    /// An issue's index, built a slice at a time: `start`, then `step` until it says whole.
    pub start: fn(Arc<Issue>) -> Building,
    pub step: fn(&mut Building, usize) -> bool,
    pub finish: fn(Building) -> Arc<Index>,
    pub refine: fn(&Arc<Index>, &str, Option<&Outcome>) -> Outcome,
    pub results: fn(view::Results) -> leptos::prelude::AnyView,
}

const ENGINE: Engine = Engine {
    normalise: fold_and_convert,
    start: Building::new,
    step: Building::step,
    finish: |b| Arc::new(b.finish()),
    refine: Index::refine,
    results: view::results,
};

/// A query as typed, normalised for matching; empty when there is nothing to look for.
pub fn normalise_query(q: &str) -> String {
    let q: String = q.trim().chars().take(MAX_QUERY).filter(|c| !c.is_control()).collect();
    normalise(&q)
}

/// Where in an article a piece of text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Pretitle,
    Title,
    Subtitle,
    Byline,
    /// A paragraph or heading, or an image's caption, by block index.
    Block(usize),
}

/// The original text of a source in an article (empty when it has none).
pub fn source_text(article: &broadsheet_model::Article, source: Source) -> &str {
    match source {
        Source::Pretitle => article.pretitle.as_deref().unwrap_or(""),
        Source::Title => &article.title,
        Source::Subtitle => article.subtitle.as_deref().unwrap_or(""),
        Source::Byline => article.byline.as_deref().unwrap_or(""),
        Source::Block(i) => match article.body.get(i) {
            Some(Block::Paragraph { text }) | Some(Block::Heading { text }) => text,
            Some(Block::Image { caption, .. }) => caption.as_deref().unwrap_or(""),
            None => "",
        },
    }
}

struct Entry {
    /// Home page index and position in that page's articles.
    home: usize,
    position: usize,
    /// Every page the article is printed on.
    pages: Vec<usize>,
    /// All fields, normalised, joined by `SEP`.
    text: String,
    /// The byte offset in `text` where each field starts.
    fields: Vec<(usize, Source)>,
}

/// Every readable article of an issue, normalised once, ready for any number of queries.
pub struct Index {
    issue: Arc<Issue>,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// For each character, the articles that have it (a bit per entry): a query only scans the
    /// articles that have all of its characters. Fx hashing: building the sets hashes every
    /// character of the issue, which SipHash made a quarter of the build's time.
    chars: rustc_hash::FxHashMap<char, Vec<u64>>,
}

/// One matching article.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The article's home page index.
    pub page: usize,
    pub article: String,
    /// The article's index entry.
    entry: usize,
    /// Where the first occurrence is.
    pub first: Source,
}

/// The answer to one query: matching articles in reading order, and counts by article and page.
pub struct Outcome {
    /// The normalised query (empty: no search).
    pub query: String,
    pub hits: Vec<Hit>,
    /// Whether each index entry matches.
    matched: Vec<bool>,
    /// Matching articles printed on each page.
    pub pages: Vec<u32>,
    index: Option<Arc<Index>>,
}

/// Two outcomes of the same index are equal when their queries are: the view only updates when
/// the query (after normalisation) changes.
impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        self.query == other.query
            && match (&self.index, &other.index) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Outcome {
    pub fn none() -> Outcome {
        Outcome { query: String::new(), hits: Vec::new(), matched: Vec::new(), pages: Vec::new(), index: None }
    }

    pub fn is_search(&self) -> bool {
        !self.query.is_empty()
    }

    /// Whether an article matches (never when there is no search).
    pub fn matches(&self, article: &str) -> bool {
        let Some(index) = &self.index else { return false };
        index.by_id.get(article).is_some_and(|&i| self.matched.get(i).copied().unwrap_or(false))
    }

    /// How many times the query occurs in a matching article (counted when asked: only the
    /// results on screen need it).
    pub fn count(&self, hit: &Hit) -> usize {
        self.index.as_ref().map_or(0, |index| index.entries[hit.entry].text.matches(self.query.as_str()).count())
    }

    /// Matching articles printed on page `i`.
    pub fn on_page(&self, i: usize) -> u32 {
        self.pages.get(i).copied().unwrap_or(0)
    }
}

/// An issue's index on its way, built a slice of the issue at a time (`step`), so that no task of
/// the browser's is long: a 100-page issue takes some 100 ms on a desktop, four times that on a
/// phone.
pub struct Building {
    issue: Arc<Issue>,
    /// The next article to read: page index, article index on it.
    at: (usize, usize),
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    chars: rustc_hash::FxHashMap<char, Vec<u64>>,
}

impl Building {
    pub fn new(issue: Arc<Issue>) -> Building {
        Building { issue, at: (0, 0), entries: Vec::new(), by_id: HashMap::new(), chars: Default::default() }
    }

    /// Reads articles until some `chars` characters have been read (at least one article);
    /// whether the index is whole.
    pub fn step(&mut self, chars: usize) -> bool {
        let issue = self.issue.clone();
        let mut read = 0;
        while read < chars {
            let (home, position) = self.at;
            let Some(page) = issue.pages.get(home) else { return true };
            let Some(a) = page.articles.get(position) else {
                self.at = (home + 1, 0);
                continue;
            };
            self.at = (home, position + 1);
            if a.kind != ArticleKind::Article {
                continue;
            }
            let mut text = String::new();
            let mut fields = Vec::new();
            let sources = [Source::Pretitle, Source::Title, Source::Subtitle, Source::Byline]
                .into_iter()
                .chain((0..a.body.len()).map(Source::Block));
            for source in sources {
                let s = source_text(a, source);
                if s.is_empty() {
                    continue;
                }
                fields.push((text.len(), source));
                text.push_str(&normalise(s));
                text.push(SEP);
            }
            let mut pages = vec![home];
            for r in &a.regions {
                if let Some(i) = issue.page_index(a.region_page(r, &page.id)) {
                    if !pages.contains(&i) {
                        pages.push(i);
                    }
                }
            }
            // Each character sets the article's bit in its set (again, for a character seen
            // before: a map lookup a character, where sorting them first cost twice as much).
            let (word, bit) = (self.entries.len() / 64, 1u64 << (self.entries.len() % 64));
            for c in text.chars() {
                read += 1;
                let set = self.chars.entry(c).or_default();
                if set.len() <= word {
                    set.resize(word + 1, 0);
                }
                set[word] |= bit;
            }
            self.by_id.insert(a.id.clone(), self.entries.len());
            self.entries.push(Entry { home, position, pages, text, fields });
        }
        self.at.0 >= issue.pages.len()
    }

    /// The index, once `step` has said it is whole.
    pub fn finish(self) -> Index {
        Index { issue: self.issue, entries: self.entries, by_id: self.by_id, chars: self.chars }
    }
}

impl Index {
    /// The whole index at once (for tests; the reader builds it in slices).
    #[cfg(test)]
    pub fn new(issue: Arc<Issue>) -> Index {
        let mut building = Building::new(issue);
        while !building.step(usize::MAX) {}
        building.finish()
    }

    #[cfg(test)]
    pub fn issue(&self) -> &Issue {
        &self.issue
    }

    /// Every article containing the query, in reading order (for tests: the reader refines).
    #[cfg(test)]
    pub fn search(self: &Arc<Self>, query: &str) -> Outcome {
        self.refine(query, None)
    }

    /// The same, knowing the outcome of the query before (as typed one keystroke earlier): when
    /// the new query contains the old one, only the articles that matched before can match now.
    pub fn refine(self: &Arc<Self>, query: &str, before: Option<&Outcome>) -> Outcome {
        let query = normalise_query(query);
        if query.is_empty() {
            return Outcome::none();
        }
        // The candidates: articles having every character of the query...
        let words = self.entries.len().div_ceil(64);
        let mut candidates = vec![u64::MAX; words];
        for c in query.chars() {
            match self.chars.get(&c) {
                Some(set) => {
                    for (w, word) in candidates.iter_mut().enumerate() {
                        *word &= set.get(w).copied().unwrap_or(0);
                    }
                }
                None => candidates.iter_mut().for_each(|w| *w = 0),
            }
        }
        // ...and, while typing on, that matched the shorter query.
        let narrowed = before.filter(|b| {
            b.is_search() && query.contains(b.query.as_str()) && b.index.as_ref().is_some_and(|i| Arc::ptr_eq(i, self))
        });
        let mut hits = Vec::new();
        let mut matched = vec![false; self.entries.len()];
        let mut pages = vec![0u32; self.issue.pages.len()];
        for (i, e) in self.entries.iter().enumerate() {
            if candidates[i / 64] & (1 << (i % 64)) == 0 || narrowed.is_some_and(|b| !b.matched[i]) {
                continue;
            }
            let Some(at) = e.text.find(query.as_str()) else { continue };
            matched[i] = true;
            for &p in &e.pages {
                pages[p] += 1;
            }
            let field = e.fields.partition_point(|(start, _)| *start <= at) - 1;
            let article = &self.issue.pages[e.home].articles[e.position];
            hits.push(Hit { page: e.home, article: article.id.clone(), entry: i, first: e.fields[field].1 });
        }
        Outcome { query, hits, matched, pages, index: Some(self.clone()) }
    }
}

/// Every occurrence of a normalised query in an original text, as byte ranges of that text.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() || text.is_empty() {
        return Vec::new();
    }
    find_all_in(text, &normalise(text), query)
}

/// `find_all` for a text whose normalised form is known already (`norm` is `normalise(text)`):
/// a text shown while a query is typed is normalised once, not at every keystroke.
pub fn find_all_in(text: &str, norm: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() || text.is_empty() {
        return Vec::new();
    }
    // Character index of each match start and end in the normalised text.
    let mut spans = Vec::new();
    let (mut byte, mut chars) = (0usize, 0usize);
    let qlen = query.chars().count();
    for (at, _) in norm.match_indices(query) {
        chars += norm[byte..at].chars().count();
        byte = at;
        spans.push((chars, chars + qlen));
    }
    if spans.is_empty() {
        return Vec::new();
    }
    // Byte offsets of the original's characters, with the end.
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    spans.into_iter().map(|(a, b)| offsets[a]..offsets[b]).collect()
}

/// A text cut into pieces, each marked when it is a hit; one unmarked piece when there is none.
pub fn segments<'a>(text: &'a str, query: &str) -> Vec<(bool, &'a str)> {
    cut(text, find_all(text, query))
}

/// `segments` for a text whose normalised form is known already (see `find_all_in`).
pub fn segments_in<'a>(text: &'a str, norm: &str, query: &str) -> Vec<(bool, &'a str)> {
    cut(text, find_all_in(text, norm, query))
}

fn cut(text: &str, hits: Vec<Range<usize>>) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in hits {
        if r.start > at {
            out.push((false, &text[at..r.start]));
        }
        out.push((true, &text[r.clone()]));
        at = r.end;
    }
    if at < text.len() || out.is_empty() {
        out.push((false, &text[at..]));
    }
    out
}

/// A short excerpt around the first hit in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub before: String,
    pub hit: String,
    pub after: String,
}

/// Characters of context kept before and after a hit in a snippet.
pub const BEFORE: usize = 16;
pub const AFTER: usize = 40;

pub fn snippet(text: &str, query: &str) -> Option<Snippet> {
    let r = find_all(text, query).into_iter().next()?;
    let head = &text[..r.start];
    let tail = &text[r.end..];
    let skip = head.chars().count().saturating_sub(BEFORE);
    let mut before: String = head.chars().skip(skip).collect();
    if skip > 0 {
        before.insert(0, '…');
    }
    let mut after: String = tail.chars().take(AFTER).collect();
    if tail.chars().nth(AFTER).is_some() {
        after.push('…');
    }
    Some(Snippet { before, hit: text[r].to_string(), after })
}

#[cfg(test)]
mod tests;

//! Checks beyond the JSON shape: ids unique, references resolve, polygons sane and on their page,
//! addresses safe, text within bounds. Every problem is reported, each with its JSON path.

use crate::archive::{Archive, MonthIndex};
use crate::date::YearMonth;
use crate::issue::{Block, Issue};
use crate::url::check_url;
use crate::{Problem, VERSION};
use std::collections::{HashMap, HashSet};

/// Longest title, subtitle, byline or name, in characters.
pub const MAX_LINE: usize = 1_000;
/// Longest paragraph, caption or notice, in characters.
pub const MAX_TEXT: usize = 200_000;
/// Most points in one polygon.
pub const MAX_POINTS: usize = 10_000;
/// Largest page image side, in pixels.
pub const MAX_SIDE: u32 = 100_000;
/// Most pages in one issue: the thickest Sunday papers print a few hundred.
pub const MAX_PAGES: usize = 1_000;
/// Most articles on one page: a page of small ads, each an article, stays in the hundreds.
pub const MAX_ARTICLES: usize = 2_000;
/// Most regions of one article: an article continued over many columns and pages has tens.
pub const MAX_REGIONS: usize = 200;
/// Most body blocks (paragraphs, headings, images) of one article.
pub const MAX_BLOCKS: usize = 5_000;
/// Most characters in one article's body, all blocks together: a long supplement in one article.
pub const MAX_ARTICLE_TEXT: usize = 500_000;

/// The characters of an article's body text, all blocks together (captions included).
pub fn article_text_len(a: &crate::Article) -> usize {
    a.body.iter().map(block_text_len).sum()
}

pub(crate) fn block_text_len(b: &Block) -> usize {
    match b {
        Block::Paragraph { text } | Block::Heading { text } => text.chars().count(),
        Block::Image { caption, .. } => caption.as_deref().map_or(0, |c| c.chars().count()),
    }
}

pub trait Validate: serde::de::DeserializeOwned {
    fn validate(&self) -> Vec<Problem>;
}

impl Validate for Issue {
    fn validate(&self) -> Vec<Problem> {
        validate_issue(self)
    }
}
impl Validate for Archive {
    fn validate(&self) -> Vec<Problem> {
        validate_archive(self)
    }
}
impl Validate for MonthIndex {
    fn validate(&self) -> Vec<Problem> {
        validate_month(self)
    }
}

/// What a problem in an issue spoils, so that a reader can leave out just that part
/// (see `crate::lenient`). Indexes are those of the file as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// The issue as a whole, or a field that can simply be left out (the edition).
    Issue,
    Page(usize),
    /// The page's image address: the page stays, without its image.
    Image(usize),
    Rendition(usize, usize),
    Pdf(usize),
    /// The page's words file address: the page stays, without its text layer.
    Words(usize),
    Rating(usize),
    Article(usize, usize),
    Block(usize, usize, usize),
    Region(usize, usize, usize),
    Rank(usize),
}

/// A reader's own rule for the issue's addresses on top of the contract's (which origins it may
/// load from): why an address is refused, if it is.
pub type AddressCheck<'a> = &'a dyn Fn(&str) -> Result<(), String>;

#[derive(Default)]
struct Checker<'a> {
    problems: Vec<Problem>,
    /// What each problem spoils, in step with `problems`.
    scopes: Vec<Scope>,
    scope: Option<Scope>,
    address: Option<AddressCheck<'a>>,
}

impl Checker<'_> {
    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.problems.push(Problem::new(path, msg));
        self.scopes.push(self.scope.unwrap_or(Scope::Issue));
    }

    fn within(&mut self, scope: Scope) -> &mut Self {
        self.scope = Some(scope);
        self
    }

    fn version(&mut self, v: u32) {
        if v != VERSION {
            self.err("version", format!("schema version {v} is not supported; this reader reads version {VERSION}"));
        }
    }

    fn line(&mut self, path: &str, text: &str, required: bool) {
        self.text(path, text, required, MAX_LINE);
    }

    fn text(&mut self, path: &str, text: &str, required: bool, max: usize) {
        if required && text.trim().is_empty() {
            self.err(path, "must not be empty");
        }
        // Counting chars is O(n); a byte length under the limit cannot be over it.
        if text.len() > max {
            let n = text.chars().count();
            if n > max {
                self.err(path, format!("is {n} characters long, at most {max} are allowed"));
            }
        }
    }

    fn opt_line(&mut self, path: &str, text: &Option<String>) {
        if let Some(t) = text {
            self.line(path, t, false);
        }
    }

    fn url(&mut self, path: &str, url: &str) {
        if let Err(why) = check_url(url).and_then(|()| self.address.map_or(Ok(()), |check| check(url))) {
            self.err(path, why);
        }
    }

    fn id(&mut self, path: &str, id: &str) {
        if !is_id(id) {
            self.err(path, format!("{id:?} is not an id: use 1 to 200 of A-Z a-z 0-9 - _ ."));
        }
    }
}

/// How many start-up files `search_start` may name (the kit writes five: three of the engine's,
/// two of the newest shard's).
pub const MAX_SEARCH_START: usize = 16;

/// A file inside the search index folder as the kit names them (`2016-04/pagefind-entry.json`):
/// no scheme, query or way out of the folder, at most 300 bytes.
fn is_index_file(f: &str) -> bool {
    f.len() <= 300
        && f.split('/').all(|seg| {
            !seg.is_empty()
                && !seg.starts_with('.')
                && seg.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        })
}

/// An id: 1 to 200 of `A-Z a-z 0-9 - _ .`.
pub(crate) fn is_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 200 && id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// A coordinate as a reader can read it: 1e308 stays short, 12.5 stays 12.5.
fn num(v: f64) -> String {
    crate::num::shortest(v)
}

pub fn validate_archive(a: &Archive) -> Vec<Problem> {
    let mut c = Checker::default();
    c.version(a.version);
    c.line("paper.name", &a.paper.name, true);
    c.opt_line("paper.title", &a.paper.title);
    c.opt_line("paper.serial", &a.paper.serial);
    c.line("paper.language", &a.paper.language, true);
    if let Some(t) = &a.paper.publisher {
        c.text("paper.publisher", t, false, MAX_TEXT);
    }
    if let Some(t) = &a.paper.copyright {
        c.text("paper.copyright", t, false, MAX_TEXT);
    }
    for (i, l) in a.paper.links.iter().enumerate() {
        c.line(&format!("paper.links[{i}].label"), &l.label, true);
        c.url(&format!("paper.links[{i}].href"), &l.href);
    }
    if a.first > a.last {
        c.err("first", format!("first issue {} is after the last issue {}", a.first, a.last));
    }
    for (field, template, needs) in
        [("months", &a.months, &["{yyyy}", "{mm}"][..]), ("issues", &a.issues, &["{yyyy}", "{mm}", "{dd}"][..])]
    {
        for n in needs {
            if !template.contains(n) {
                c.err(field, format!("address template {template:?} lacks {n}"));
            }
        }
        c.url(field, template);
    }
    if let Some(search) = &a.search {
        c.url("search", search);
    }
    if !a.search_start.is_empty() && a.search.is_none() {
        c.err("search_start", "names start-up files of a search index, but there is no `search`");
    }
    if a.search_start.len() > MAX_SEARCH_START {
        c.err("search_start", format!("{} files; at most {MAX_SEARCH_START}", a.search_start.len()));
    }
    let mut named = HashSet::new();
    for (i, f) in a.search_start.iter().enumerate() {
        let p = format!("search_start[{i}]");
        if !is_index_file(f) {
            c.err(&p, format!("{f:?} is not a file inside the index folder: use segments of A-Z a-z 0-9 - _ . not starting with a dot, joined by /"));
        } else if !named.insert(f) {
            c.err(&p, format!("{f} is listed twice"));
        }
    }
    for (i, o) in a.origins.iter().enumerate() {
        if let Err(why) = crate::url::check_origin(o) {
            c.err(format!("origins[{i}]"), why);
        }
    }
    let mut seen = HashSet::new();
    for (i, m) in a.empty_months.iter().enumerate() {
        let p = format!("empty_months[{i}]");
        if !a.covers(*m) {
            c.err(&p, format!("{m} is outside the archive ({} to {})", a.first, a.last));
        } else if *m == a.first.year_month() || *m == a.last.year_month() {
            c.err(&p, format!("{m} holds the first or last issue, so it cannot be empty"));
        }
        if !seen.insert(*m) {
            c.err(&p, format!("{m} is listed twice"));
        }
    }
    c.problems
}

pub fn validate_month(m: &MonthIndex) -> Vec<Problem> {
    let mut c = Checker::default();
    c.version(m.version);
    if m.issues.is_empty() {
        c.err(
            "issues",
            "lists no issue; a month without issues belongs in empty_months of archive.json, with no index file",
        );
    }
    let mut previous = None;
    for (i, e) in m.issues.iter().enumerate() {
        let p = format!("issues[{i}]");
        if e.date.year_month() != m.month {
            c.err(format!("{p}.date"), format!("{} is not in {}", e.date, m.month));
        }
        if let Some(prev) = previous {
            if e.date == prev {
                c.err(format!("{p}.date"), format!("{} is listed twice", e.date));
            } else if e.date < prev {
                c.err(
                    format!("{p}.date"),
                    format!("{} is listed after {prev}: dates must be in ascending order", e.date),
                );
            }
        }
        previous = Some(e.date);
        if e.pages == 0 {
            c.err(format!("{p}.pages"), "an issue has at least one page");
        }
        if let Some(h) = &e.headline {
            c.line(&format!("{p}.headline"), h, false);
        }
    }
    c.problems
}

/// Checks a month index against where it was found: the month its address names, and the
/// archive's first and last issue.
pub fn validate_month_in(m: &MonthIndex, asked: YearMonth, archive: &Archive) -> Vec<Problem> {
    let mut c = Checker::default();
    if m.month != asked {
        c.err("month", format!("is {} but this is the index file of {asked}", m.month));
    }
    for (i, e) in m.issues.iter().enumerate() {
        if e.date < archive.first || e.date > archive.last {
            c.err(
                format!("issues[{i}].date"),
                format!("{} is outside the archive ({} to {})", e.date, archive.first, archive.last),
            );
        }
    }
    c.problems
}

pub fn validate_issue(issue: &Issue) -> Vec<Problem> {
    check_issue(issue, None).0
}

/// Every problem of an issue, each with what it spoils (in step); `address` adds a reader's rule
/// for addresses.
pub(crate) fn check_issue(issue: &Issue, address: Option<AddressCheck>) -> (Vec<Problem>, Vec<Scope>) {
    let mut c = Checker { address, ..Checker::default() };
    c.version(issue.version);
    c.opt_line("edition", &issue.edition);
    if issue.pages.is_empty() {
        c.err("pages", "an issue has at least one page");
    }
    if issue.pages.len() > MAX_PAGES {
        c.err("pages", format!("{} pages; an issue has at most {MAX_PAGES}", issue.pages.len()));
    }
    let pages = check_pages(&mut c, issue);
    // Article ids, each with the path of its first use.
    let mut articles: HashMap<&str, String> = HashMap::new();
    for (i, page) in issue.pages.iter().enumerate() {
        for (j, a) in page.articles.iter().enumerate() {
            let p = format!("pages[{i}].articles[{j}]");
            c.within(Scope::Article(i, j)).id(&format!("{p}.id"), &a.id);
            if let Some(first) = articles.get(a.id.as_str()) {
                c.err(format!("{p}.id"), format!("{:?} is already the id of {first}", a.id));
            } else {
                articles.insert(&a.id, p.clone());
            }
            check_article(&mut c, issue, &pages, (i, j), &p);
        }
    }
    for (i, r) in issue.ranking.iter().enumerate() {
        if !articles.contains_key(r.article.as_str()) {
            c.within(Scope::Rank(i))
                .err(format!("ranking[{i}].article"), format!("no article has the id {:?}", r.article));
        }
    }
    (c.problems, c.scopes)
}

/// Each page's id, names, image, renditions, PDF and rating; returns the page index of each id.
fn check_pages<'a>(c: &mut Checker<'_>, issue: &'a Issue) -> HashMap<&'a str, usize> {
    let mut pages: HashMap<&str, usize> = HashMap::new();
    for (i, page) in issue.pages.iter().enumerate() {
        let p = format!("pages[{i}]");
        c.within(Scope::Page(i)).id(&format!("{p}.id"), &page.id);
        if let Some(first) = pages.insert(&page.id, i) {
            c.err(format!("{p}.id"), format!("{:?} is already the id of pages[{first}]", page.id));
            pages.insert(&page.id, first);
        }
        c.line(&format!("{p}.number"), &page.number, true);
        c.line(&format!("{p}.name"), &page.name, true);
        let img = &page.image;
        c.within(Scope::Image(i)).url(&format!("{p}.image.src"), &img.src);
        for (side, v) in [("width", img.width), ("height", img.height)] {
            if v == 0 || v > MAX_SIDE {
                c.within(Scope::Page(i))
                    .err(format!("{p}.image.{side}"), format!("{v} is not a page size: use 1 to {MAX_SIDE} pixels"));
            }
        }
        for (r, rend) in img.renditions.iter().enumerate() {
            c.within(Scope::Rendition(i, r)).url(&format!("{p}.image.renditions[{r}].src"), &rend.src);
            if rend.width == 0 || rend.width > img.width {
                c.err(
                    format!("{p}.image.renditions[{r}].width"),
                    format!("{} must be between 1 and the full width {}", rend.width, img.width),
                );
            }
        }
        if let Some(pdf) = &page.pdf {
            c.within(Scope::Pdf(i)).url(&format!("{p}.pdf"), pdf);
        }
        if let Some(words) = &page.words {
            c.within(Scope::Words(i)).url(&format!("{p}.words"), words);
        }
        if let Some(r) = &page.rating {
            if !crate::ratings::is_possible(r.sum, r.count) {
                c.within(Scope::Rating(i)).err(
                    format!("{p}.rating"),
                    format!("a sum of {} from {} votes of 1 to 5 points is impossible", r.sum, r.count),
                );
            }
        }
    }
    pages
}

/// An article's lines, body and regions (its id is checked by the caller, across the issue).
fn check_article(c: &mut Checker, issue: &Issue, pages: &HashMap<&str, usize>, (i, j): (usize, usize), p: &str) {
    let page = &issue.pages[i];
    let a = &page.articles[j];
    if j == MAX_ARTICLES {
        c.within(Scope::Page(i)).err(
            format!("pages[{i}].articles"),
            format!("{} articles on one page; a page has at most {MAX_ARTICLES}", page.articles.len()),
        );
    }
    c.within(Scope::Article(i, j));
    for (what, n, max) in [("regions", a.regions.len(), MAX_REGIONS), ("body", a.body.len(), MAX_BLOCKS)] {
        if n > max {
            c.err(format!("{p}.{what}"), format!("{n} items; an article has at most {max}"));
        }
    }
    let text = article_text_len(a);
    if text > MAX_ARTICLE_TEXT {
        c.err(format!("{p}.body"), format!("{text} characters; an article's body has at most {MAX_ARTICLE_TEXT}"));
    }
    c.opt_line(&format!("{p}.pretitle"), &a.pretitle);
    c.line(&format!("{p}.title"), &a.title, true);
    c.opt_line(&format!("{p}.subtitle"), &a.subtitle);
    c.opt_line(&format!("{p}.byline"), &a.byline);
    for (b, block) in a.body.iter().enumerate() {
        c.within(Scope::Block(i, j, b));
        check_block(c, block, &format!("{p}.body[{b}]"));
    }
    for (r, region) in a.regions.iter().enumerate() {
        c.within(Scope::Region(i, j, r));
        check_region(c, issue, pages, a.region_page(region, &page.id), &region.points, &format!("{p}.regions[{r}]"));
    }
}

fn check_block(c: &mut Checker, block: &Block, bp: &str) {
    match block {
        Block::Paragraph { text } => c.text(&format!("{bp}.text"), text, true, MAX_TEXT),
        Block::Heading { text } => c.line(&format!("{bp}.text"), text, true),
        Block::Image { src, width, height, caption } => {
            c.url(&format!("{bp}.src"), src);
            for (side, v) in [("width", width), ("height", height)] {
                if *v == Some(0) {
                    c.err(format!("{bp}.{side}"), "must be at least 1");
                }
            }
            if let Some(t) = caption {
                c.text(&format!("{bp}.caption"), t, false, MAX_TEXT);
            }
        }
    }
}

/// A region: on a page that exists, a polygon of 3 to `MAX_POINTS` points, inside that page, with
/// an area.
fn check_region(c: &mut Checker, issue: &Issue, pages: &HashMap<&str, usize>, on: &str, points: &[[f64; 2]], rp: &str) {
    let Some(&k) = pages.get(on) else {
        c.err(format!("{rp}.page"), format!("no page has the id {on:?}"));
        return;
    };
    let n = points.len();
    if n < 3 {
        c.err(rp, format!("polygon has {n} points, needs at least 3"));
        return;
    }
    if n > MAX_POINTS {
        c.err(rp, format!("polygon has {n} points, at most {MAX_POINTS} are allowed"));
        return;
    }
    let (w, h) = (issue.pages[k].image.width as f64, issue.pages[k].image.height as f64);
    if w < 1.0 || h < 1.0 {
        // The page's size is wrong and already reported; its regions cannot be judged.
        return;
    }
    if let Some(q) = points.iter().position(|[x, y]| !(0.0..=w).contains(x) || !(0.0..=h).contains(y)) {
        let [x, y] = points[q];
        c.err(
            format!("{rp}.points[{q}]"),
            // The sides as the file gives them (integers: no float formatting in the reader).
            format!(
                "({}, {}) lies outside page {on:?}, which is {} by {} pixels",
                num(x),
                num(y),
                issue.pages[k].image.width,
                issue.pages[k].image.height
            ),
        );
    } else if crate::geometry::area(points) < 1.0 {
        c.err(rp, "polygon encloses no area");
    }
}

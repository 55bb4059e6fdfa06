//! Reading an issue that is partly broken, as the reader does: every valid part is kept, each
//! broken part (a page, an article, a body block, a region, a rendition, a PDF link, a ranking
//! entry) is left out, and every problem is reported by its JSON path. Only a file with nothing
//! to show is refused as a whole. The kit's `validate` stays strict (`crate::parse`).

mod manifest;
pub use crate::validate::AddressCheck;
pub use manifest::{
    parse_archive_lenient, parse_month_lenient, read_archive_direct, read_month_direct, repair_archive, repair_month,
};

use crate::issue::{Article, Block, Issue, Page, PageImage, RankEntry, Region};
use crate::validate::{
    block_text_len, check_issue, Scope, MAX_ARTICLES, MAX_ARTICLE_TEXT, MAX_BLOCKS, MAX_PAGES, MAX_REGIONS,
};
use crate::{Problem, VERSION};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashSet;

/// The largest issue file the reader accepts, in bytes: far above any real issue (a 100-page
/// issue with full text is about 2 MB), low enough that parsing stays well under a second.
pub const MAX_ISSUE_BYTES: usize = 32 * 1024 * 1024;

/// What could be read of a data file, and what was wrong with the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked<T> {
    pub value: T,
    /// Each problem by its JSON path in the file as written; what it spoils is left out of `value`.
    pub problems: Vec<Problem>,
}

/// Parses an issue for reading. `Err` only when nothing can be shown: not JSON, too big, another
/// schema version, no usable date, or no page left; otherwise the issue without its broken parts.
pub fn parse_issue_lenient(text: &str) -> Result<Checked<Issue>, Vec<Problem>> {
    parse_issue_lenient_with(text, &|_| Ok(()))
}

/// As `parse_issue_lenient`, with the reader's own rule for addresses (`address` says why one is
/// refused): what an address it refuses names is left out like any broken part.
pub fn parse_issue_lenient_with(text: &str, address: AddressCheck) -> Result<Checked<Issue>, Vec<Problem>> {
    read_issue_direct(text, address).unwrap_or_else(|| repair_issue(text, address))
}

/// What a direct reading says at once of a text that is not JSON: the problem the slow paths
/// (and `parse`) give, without their code. `None` for anything else, and for the recursion
/// limit, which they word by its position.
pub(crate) fn not_json_now(e: &serde_json::Error) -> Option<Vec<Problem>> {
    let too_deep = e.to_string().starts_with("recursion limit");
    ((e.is_syntax() || e.is_eof()) && !too_deep).then(|| vec![crate::not_json(e)])
}

/// The direct path of `parse_issue_lenient_with`, for a valid file of the model's shape; also says
/// at once what is too big or not JSON. `None`: JSON of another shape, or an issue that validation
/// finds broken in places, for `repair_issue`. The reader fetches the slow path's code only for
/// such a file (src/archive/repair.rs).
pub fn read_issue_direct(text: &str, address: AddressCheck) -> Option<Result<Checked<Issue>, Vec<Problem>>> {
    if text.len() > MAX_ISSUE_BYTES {
        // Tenths of a MB, rounded, in integers (crate::num says why).
        let tenths = (text.len() as u64 * 10 + (1 << 19)) >> 20;
        return Some(Err(vec![Problem::new(
            "",
            format!(
                "the file is {}.{} MB, larger than the {} MB a reader accepts",
                tenths / 10,
                tenths % 10,
                MAX_ISSUE_BYTES >> 20
            ),
        )]));
    }
    // Well-formed files take the direct path; only a file with broken parts is read piece by piece.
    match serde_json::from_str::<Issue>(text) {
        // Valid as it is: nothing to leave out. One that validation finds broken in places goes
        // to the slow path too, which leaves out what each problem spoils (`keep_valid`).
        Ok(issue) if issue.version == VERSION => {
            check_issue(&issue, Some(address)).0.is_empty().then(|| Ok(Checked { value: issue, problems: Vec::new() }))
        }
        Ok(_) => None,
        Err(e) => not_json_now(&e).map(Err),
    }
}

/// The slow path of `parse_issue_lenient_with`: an issue of the model's shape that validation
/// finds broken in places, or JSON of another shape (a broken part, another schema version), read
/// piece by piece.
pub fn repair_issue(text: &str, address: AddressCheck) -> Result<Checked<Issue>, Vec<Problem>> {
    if let Ok(issue) = serde_json::from_str::<Issue>(text) {
        if issue.version == VERSION {
            return keep_valid(issue, Found::default(), Some(address));
        }
    }
    let value: Value = serde_json::from_str(text).map_err(|e| vec![crate::not_json(&e)])?;
    crate::check_version(text)?;
    let (issue, found) = recover(value)?;
    keep_valid(issue, found, Some(address))
}

/// Keeps the valid parts of an issue that has the right shape (from any parser), leaving out
/// what validation finds broken; `Err` when no page is left.
pub fn check_issue_lenient(issue: Issue) -> Result<Checked<Issue>, Vec<Problem>> {
    keep_valid(issue, Found::default(), None)
}

/// Problems found while reading the shape, with what each spoils; the parts they spoil hold
/// placeholders so that indexes stay those of the file.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    spoiled: Vec<Option<Scope>>,
    /// Ids of the articles on pages that could not be read, for the ranking's sake.
    lost: HashSet<String>,
}

impl Found {
    fn spoil(&mut self, scope: Scope, problem: Problem) {
        self.problems.push(problem);
        self.spoiled.push(Some(scope));
    }

    /// A problem that spoils nothing further (the part is simply absent).
    fn note(&mut self, problem: Problem) {
        self.problems.push(problem);
        self.spoiled.push(None);
    }
}

fn join(at: &str, inner: &str) -> String {
    match inner {
        "" | "." => at.to_string(),
        _ if at.is_empty() => inner.to_string(),
        _ if inner.starts_with('[') => format!("{at}{inner}"),
        _ => format!("{at}.{inner}"),
    }
}

/// Reads one part as text, the way `parse` reads a whole file, so that the reader's wasm holds one
/// deserializer of the model (from text) rather than a second one from `Value`. This is the slow
/// path, taken only for a file with broken parts.
fn de<T: DeserializeOwned>(v: &Value, at: &str) -> Result<T, Problem> {
    let text = v.to_string();
    serde_json::from_str(&text).map_err(|e| {
        let inner = crate::problem_of(&text, &e);
        Problem::new(join(at, &inner.path), inner.message)
    })
}

/// A copy of an object without some of its members, to read the rest of it on its own.
fn without(v: &Value, keys: &[&str]) -> Value {
    match v {
        Value::Object(m) => {
            // The map cloned and the keys taken out, not collected anew: collecting sorts the
            // members, which compiled a sort of its own into the reader.
            let mut m = m.clone();
            for k in keys {
                m.remove(*k);
            }
            Value::Object(m)
        }
        other => other.clone(),
    }
}

fn raw_id(v: &Value) -> String {
    v.get("id").and_then(Value::as_str).unwrap_or_default().to_string()
}

/// Reads each item of an optional array member, or notes that the member is not an array.
fn items<'a>(v: &'a Value, key: &str, at: &str, found: &mut Found) -> &'a [Value] {
    match v.get(key) {
        None => &[],
        Some(Value::Array(items)) => items,
        Some(_) => {
            found.note(Problem::new(join(at, key), "must be an array; it is left out"));
            &[]
        }
    }
}

fn recover(value: Value) -> Result<(Issue, Found), Vec<Problem>> {
    let mut found = Found::default();
    let mut head = without(&value, &["pages", "ranking"]);
    if let Value::Object(m) = &mut head {
        m.insert("pages".into(), Value::Array(Vec::new()));
    }
    let mut issue: Issue = de(&head, "").map_err(|p| vec![p])?;
    match value.get("pages") {
        Some(Value::Array(pages)) => {
            issue.pages = pages.iter().enumerate().map(|(i, v)| page(v, i, &mut found)).collect();
        }
        Some(_) => return Err(vec![Problem::new("pages", "must be an array of pages")]),
        None => return Err(vec![Problem::new("pages", "missing field (the issue's pages)")]),
    }
    issue.ranking = items(&value, "ranking", "", &mut found)
        .iter()
        .enumerate()
        .map(|(k, v)| {
            de(v, &format!("ranking[{k}]")).unwrap_or_else(|p| {
                found.spoil(Scope::Rank(k), p);
                RankEntry { article: String::new(), reads: None }
            })
        })
        .collect();
    Ok((issue, found))
}

fn page(v: &Value, i: usize, found: &mut Found) -> Page {
    if let Ok(p) = de::<Page>(v, "") {
        return p;
    }
    let at = format!("pages[{i}]");
    match de::<Page>(&without(v, &["articles"]), &at) {
        Ok(mut p) => {
            p.articles =
                items(v, "articles", &at, found).iter().enumerate().map(|(j, a)| article(a, i, j, found)).collect();
            p
        }
        Err(problem) => {
            found.spoil(Scope::Page(i), problem);
            if let Some(Value::Array(articles)) = v.get("articles") {
                found.lost.extend(articles.iter().map(raw_id));
            }
            // The id, when readable, still tells regions of other pages where they pointed.
            Page {
                id: raw_id(v),
                number: String::new(),
                name: String::new(),
                image: PageImage { src: String::new(), width: 0, height: 0, renditions: Vec::new() },
                pdf: None,
                words: None,
                rating: None,
                articles: Vec::new(),
            }
        }
    }
}

fn article(v: &Value, i: usize, j: usize, found: &mut Found) -> Article {
    if let Ok(a) = de::<Article>(v, "") {
        return a;
    }
    let at = format!("pages[{i}].articles[{j}]");
    match de::<Article>(&without(v, &["body", "regions"]), &at) {
        Ok(mut a) => {
            a.body = items(v, "body", &at, found)
                .iter()
                .enumerate()
                .map(|(b, v)| {
                    de(v, &format!("{at}.body[{b}]")).unwrap_or_else(|p| {
                        found.spoil(Scope::Block(i, j, b), p);
                        Block::Paragraph { text: String::new() }
                    })
                })
                .collect();
            a.regions = items(v, "regions", &at, found)
                .iter()
                .enumerate()
                .map(|(r, v)| {
                    de(v, &format!("{at}.regions[{r}]")).unwrap_or_else(|p| {
                        found.spoil(Scope::Region(i, j, r), p);
                        Region { page: None, points: Vec::new() }
                    })
                })
                .collect();
            a
        }
        Err(problem) => {
            found.spoil(Scope::Article(i, j), problem);
            Article {
                id: raw_id(v),
                kind: Default::default(),
                pretitle: None,
                title: String::new(),
                subtitle: None,
                byline: None,
                body: Vec::new(),
                regions: Vec::new(),
            }
        }
    }
}

/// The part a scope lies in, if any: a block in its article, an article on its page.
fn parent(s: Scope) -> Option<Scope> {
    use Scope::*;
    match s {
        Issue | Page(_) | Rank(_) => None,
        Image(i) | Rendition(i, _) | Pdf(i) | Words(i) | Rating(i) | Article(i, _) => Some(Page(i)),
        Block(i, j, _) | Region(i, j, _) => Some(Article(i, j)),
    }
}

/// Whether a part is spoiled: itself, or a part it belongs to.
fn within_spoiled(s: Scope, spoiled: &HashSet<Scope>) -> bool {
    let mut at = Some(s);
    while let Some(x) = at {
        if spoiled.contains(&x) {
            return true;
        }
        at = parent(x);
    }
    false
}

fn keep_valid(
    mut issue: Issue,
    mut found: Found,
    address: Option<AddressCheck>,
) -> Result<Checked<Issue>, Vec<Problem>> {
    trim(&mut issue, &mut found);
    let mut spoiled: HashSet<Scope> = found.spoiled.iter().flatten().copied().collect();
    let mut problems = found.problems;
    judge(&issue, &found.lost, &mut spoiled, &mut problems, address);
    let follows = followers(&issue, found.lost, &spoiled, &mut problems);
    spoiled.extend(follows);
    prune(&mut issue, &spoiled);
    if issue.pages.is_empty() {
        if !problems.iter().any(|p| p.path == "pages") {
            problems.push(Problem::new("pages", "no page is left to show"));
        }
        return Err(problems);
    }
    Ok(Checked { value: issue, problems })
}

/// Keeps an issue within the contract's limits (`validate::MAX_PAGES` and the rest), dropping what
/// lies beyond each, from the end, with one problem for each limit passed. Parts dropped from the
/// end leave the indexes of the rest as they are in the file.
fn trim(issue: &mut Issue, found: &mut Found) {
    let beyond = |at: String, n: usize, kept: usize, what: &str| {
        Problem::new(at, format!("{n} {what}; the first {kept} are read and the rest left out"))
    };
    if issue.pages.len() > MAX_PAGES {
        found.note(beyond("pages".into(), issue.pages.len(), MAX_PAGES, "pages"));
        let dropped = issue.pages.split_off(MAX_PAGES);
        found.lost.extend(dropped.into_iter().flat_map(|p| p.articles).map(|a| a.id));
    }
    for (i, page) in issue.pages.iter_mut().enumerate() {
        if page.articles.len() > MAX_ARTICLES {
            found.note(beyond(
                format!("pages[{i}].articles"),
                page.articles.len(),
                MAX_ARTICLES,
                "articles on one page",
            ));
            found.lost.extend(page.articles.split_off(MAX_ARTICLES).into_iter().map(|a| a.id));
        }
        for (j, a) in page.articles.iter_mut().enumerate() {
            let at = format!("pages[{i}].articles[{j}]");
            if a.regions.len() > MAX_REGIONS {
                found.note(beyond(format!("{at}.regions"), a.regions.len(), MAX_REGIONS, "regions"));
                a.regions.truncate(MAX_REGIONS);
            }
            if a.body.len() > MAX_BLOCKS {
                found.note(beyond(format!("{at}.body"), a.body.len(), MAX_BLOCKS, "blocks"));
                a.body.truncate(MAX_BLOCKS);
            }
            let mut total = 0;
            if let Some(cut) = a.body.iter().position(|b| {
                total += block_text_len(b);
                total > MAX_ARTICLE_TEXT
            }) {
                let n = a.body.len();
                found.note(Problem::new(
                    format!("{at}.body"),
                    format!("more than {MAX_ARTICLE_TEXT} characters; the first {cut} of {n} blocks are read and the rest left out"),
                ));
                a.body.truncate(cut);
            }
        }
    }
}

/// Validates what read, adding each problem and marking the part it spoils.
fn judge(
    issue: &Issue,
    lost: &HashSet<String>,
    spoiled: &mut HashSet<Scope>,
    problems: &mut Vec<Problem>,
    address: Option<AddressCheck>,
) {
    let (more, scopes) = check_issue(issue, address);
    // A part already spoiled by its shape holds a placeholder: what validation says of it is noise.
    let shape_spoiled = spoiled.clone();
    // A ranking entry naming an article on an unreadable page is said to be left out, later.
    let names_lost = |s: Scope| matches!(s, Scope::Rank(k) if lost.contains(&issue.ranking[k].article));
    for (p, s) in more.into_iter().zip(scopes) {
        if !within_spoiled(s, &shape_spoiled) && !names_lost(s) {
            problems.push(p);
            spoiled.insert(s);
        }
    }
}

/// What goes with what is left out: a region on a page that goes, a ranking entry whose article
/// goes. Each is said, and returned to be left out too.
fn followers(
    issue: &Issue,
    lost: HashSet<String>,
    spoiled: &HashSet<Scope>,
    problems: &mut Vec<Problem>,
) -> Vec<Scope> {
    let dropped = |s: Scope| within_spoiled(s, spoiled);
    // What goes, by the ids others refer to it with.
    let kept_pages: HashSet<&str> =
        (0..issue.pages.len()).filter(|&i| !dropped(Scope::Page(i))).map(|i| issue.pages[i].id.as_str()).collect();
    let gone_pages: HashSet<String> = (0..issue.pages.len())
        .filter(|&i| dropped(Scope::Page(i)) && !kept_pages.contains(issue.pages[i].id.as_str()))
        .map(|i| issue.pages[i].id.clone())
        .collect();
    let mut kept_articles = HashSet::new();
    let mut gone_articles = lost;
    for (i, p) in issue.pages.iter().enumerate() {
        for (j, a) in p.articles.iter().enumerate() {
            if dropped(Scope::Article(i, j)) {
                gone_articles.insert(a.id.clone());
            } else {
                kept_articles.insert(a.id.clone());
            }
        }
    }
    let mut follows = Vec::new();
    for (i, p) in issue.pages.iter().enumerate() {
        for (j, a) in p.articles.iter().enumerate() {
            for (r, region) in a.regions.iter().enumerate() {
                let on = a.region_page(region, &p.id);
                if !dropped(Scope::Region(i, j, r)) && !dropped(Scope::Article(i, j)) && gone_pages.contains(on) {
                    problems.push(Problem::new(
                        format!("pages[{i}].articles[{j}].regions[{r}].page"),
                        format!("the page {on:?} is left out, and so is this region"),
                    ));
                    follows.push(Scope::Region(i, j, r));
                }
            }
        }
    }
    for (k, e) in issue.ranking.iter().enumerate() {
        if !dropped(Scope::Rank(k)) && !kept_articles.contains(&e.article) && gone_articles.contains(&e.article) {
            problems.push(Problem::new(
                format!("ranking[{k}].article"),
                format!("the article {:?} is left out, and so is this entry", e.article),
            ));
            follows.push(Scope::Rank(k));
        }
    }
    follows
}

/// Leaves out every spoiled part; a page whose image is spoiled stays, with its image emptied.
fn prune(issue: &mut Issue, spoiled: &HashSet<Scope>) {
    let dropped = |s: Scope| within_spoiled(s, spoiled);
    if spoiled.contains(&Scope::Issue) {
        issue.edition = None;
    }
    for (i, p) in issue.pages.iter_mut().enumerate() {
        if dropped(Scope::Image(i)) {
            // The page stays, with a message in place of its image.
            p.image.src.clear();
            p.image.renditions.clear();
        }
        retain_at(&mut p.image.renditions, |r| !dropped(Scope::Rendition(i, r)));
        if dropped(Scope::Pdf(i)) {
            p.pdf = None;
        }
        if dropped(Scope::Words(i)) {
            p.words = None;
        }
        if dropped(Scope::Rating(i)) {
            p.rating = None;
        }
        for (j, a) in p.articles.iter_mut().enumerate() {
            retain_at(&mut a.body, |b| !dropped(Scope::Block(i, j, b)));
            retain_at(&mut a.regions, |r| !dropped(Scope::Region(i, j, r)));
        }
        retain_at(&mut p.articles, |j| !dropped(Scope::Article(i, j)));
    }
    retain_at(&mut issue.pages, |i| !dropped(Scope::Page(i)));
    retain_at(&mut issue.ranking, |k| !dropped(Scope::Rank(k)));
}

/// `Vec::retain` by each item's index before any removal.
fn retain_at<T>(v: &mut Vec<T>, mut keep: impl FnMut(usize) -> bool) {
    let mut i = 0;
    v.retain(|_| {
        i += 1;
        keep(i - 1)
    });
}

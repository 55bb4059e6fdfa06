//! Search of the whole archive, on its static index (`search/`, written by `broadsheet-kit
//! search-index`): one Pagefind index per year (or per part of a large year), searched newest
//! first through Pagefind's own web worker (see `engine`), which the reader starts on the first
//! whole-archive search only. This file is the plain logic: which shards a date range needs, in
//! what order; the address of a result; the order of results from several shards; a snippet with
//! its hit, as text.

pub mod engine;
pub mod view;

use crate::url_state::scope::Sort;
use broadsheet_model::Day;
use serde_json::Value;
use std::collections::BTreeMap;

/// One year's index, or a part of a year's, as `search/index.json` lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shard {
    /// The year its issues are of (a large year is in several shards).
    pub year: i32,
    /// The shard's folder, relative to the index folder.
    pub path: String,
    pub first: Day,
    pub last: Day,
    pub articles: u64,
    /// The sections (page names) and page numbers of its articles, for the filters (none in an
    /// index of before they were listed).
    pub sections: Vec<String>,
    pub pages: Vec<String>,
    /// The files that setting it up reads, the engine's and its own, relative to the index
    /// folder: asked for all at once rather than each when the last has answered (none in an
    /// index of before they were listed).
    pub start: Vec<String>,
}

/// Most values of one filter read from a shard (the rest are left out).
const MAX_VALUES: usize = 1_000;

/// `search/index.json`: the shards, oldest first (by their first day). Anything unreadable is an error to show, never
/// a panic (the file comes from the network).
pub fn parse_shards(text: &str) -> Result<Vec<Shard>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("search/index.json: {e}"))?;
    let list = v.get("shards").and_then(Value::as_array).ok_or("search/index.json: no shard list")?;
    let day = |s: &Value, k: &str| s.get(k).and_then(Value::as_str).and_then(|d| Day::parse(d).ok());
    // Plain file names only: a start-up file lies in its folder.
    let files = |v: Option<&Value>| {
        strings(v).into_iter().filter(|f| !f.contains(['/', '\\', ':', '?', '#']) && f != "..").collect::<Vec<_>>()
    };
    let engine = files(v.get("engine"));
    let mut out = Vec::new();
    for s in list {
        let mut shard = (|| {
            Some(Shard {
                year: i32::try_from(s.get("year")?.as_i64()?).ok()?,
                path: s.get("path")?.as_str()?.to_string(),
                first: day(s, "first")?,
                last: day(s, "last")?,
                articles: s.get("articles").and_then(Value::as_u64).unwrap_or(0),
                sections: strings(s.get("sections")),
                pages: strings(s.get("pages")),
                start: Vec::new(),
            })
        })()
        .ok_or_else(|| format!("search/index.json: a shard is unreadable: {s}"))?;
        // A path must stay inside the index folder.
        if shard.path.contains("..") || shard.path.contains(':') || shard.path.starts_with('/') {
            return Err(format!("search/index.json: a shard outside the index: {}", shard.path));
        }
        let own = files(s.get("start"));
        if !own.is_empty() {
            let mut start: Vec<String> = engine.iter().map(|f| format!("engine/{f}")).collect();
            start.extend(own.iter().map(|f| format!("{}{f}", shard.path)));
            shard.start = start;
        }
        out.push(shard);
    }
    broadsheet_model::sort::sort_by_key(&mut out, |s| (s.first, s.last));
    Ok(out)
}

/// The strings of a list (anything else in it is left out), at most `MAX_VALUES`.
fn strings(v: Option<&Value>) -> Vec<String> {
    let list = v.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter().filter_map(Value::as_str).filter(|s| !s.is_empty()).take(MAX_VALUES).map(str::to_string).collect()
}

/// A filter of the whole-archive search whose values the reader offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Month,
    Section,
    Page,
}

impl Facet {
    /// Its name in the index.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Month => "month",
            Facet::Section => "section",
            Facet::Page => "page",
        }
    }
}

/// The values a filter offers over the shards a range covers, before any search has counted
/// them: the months of the range (newest first), the sections (in Unicode order) and the page
/// numbers (in number order) that the index lists for those shards.
pub fn facet_values(shards: &[Shard], from: Option<Day>, to: Option<Day>, facet: Facet) -> Vec<String> {
    let covered = plan(shards, from, to, Sort::Oldest);
    let mut out: Vec<String> = Vec::new();
    match facet {
        Facet::Month => {
            for step in &covered {
                let first = from.filter(|f| *f > step.shard.first).unwrap_or(step.shard.first);
                let last = to.filter(|t| *t < step.shard.last).unwrap_or(step.shard.last);
                let (mut m, end) = (first.year_month(), last.year_month());
                while m <= end && out.len() < MAX_VALUES {
                    out.push(m.to_string());
                    m = m.next();
                }
            }
            out.dedup();
            out.reverse();
        }
        Facet::Section | Facet::Page => {
            out = covered
                .iter()
                .flat_map(|s| if facet == Facet::Section { &s.shard.sections } else { &s.shard.pages })
                .cloned()
                .collect();
            broadsheet_model::sort::sort(&mut out);
            out.dedup();
            if facet == Facet::Page {
                broadsheet_model::sort::sort_by_key(&mut out, |p| {
                    (p.trim().parse::<u64>().unwrap_or(u64::MAX), p.clone())
                });
            }
        }
    }
    out
}

/// One shard to search, with the days of the range it holds when the range covers only part of
/// it (a Pagefind filter on `day`), `None` when it covers all of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub shard: Shard,
    /// Its position in the shard list, which names it in its results.
    pub index: usize,
    pub days: Option<Vec<String>>,
}

/// The most shards searched side by side: a year in quarters.
pub const SIDE_BY_SIDE: usize = 4;

/// How many steps from `at` are searched together: the step and those after it whose shards are
/// set up already (a further query), at most `SIDE_BY_SIDE`. Searched one after the other, each
/// shard's chunk was a round trip of its own, and each answer brought its own records, mostly
/// pushed out by the next one's. The first step goes alone, as does one still to be set up: the
/// first results wait for one chunk only (four quarters' chunks at once, sharing a slow link,
/// showed them 0.3 to 1.1 s later).
pub fn side_by_side(at: usize, steps: usize, set_up: impl Fn(usize) -> bool) -> usize {
    if at == 0 || !set_up(at) {
        return 1;
    }
    (at..steps.min(at + SIDE_BY_SIDE)).take_while(|&k| set_up(k)).count()
}

/// The shards a date range needs, newest first (oldest first for the oldest-first order, so
/// that results arrive in the order they are shown).
pub fn plan(shards: &[Shard], from: Option<Day>, to: Option<Day>, sort: Sort) -> Vec<Step> {
    let mut steps: Vec<Step> = shards
        .iter()
        .enumerate()
        .filter(|(_, s)| from.is_none_or(|f| s.last >= f) && to.is_none_or(|t| s.first <= t))
        .map(|(index, s)| {
            let lo = from.filter(|f| *f > s.first);
            let hi = to.filter(|t| *t < s.last);
            let days = (lo.is_some() || hi.is_some()).then(|| days(lo.unwrap_or(s.first), hi.unwrap_or(s.last)));
            Step { shard: s.clone(), index, days }
        })
        .collect();
    if sort != Sort::Oldest {
        steps.reverse();
    }
    steps
}

/// Of the start-up files archive.json names for a first search (`search_start`, relative to the
/// index folder), those a search up to `to` in the order `sort` reads first: the engine's
/// (`engine/…`) always, the newest shard's when the search starts with that shard (it runs to the
/// archive's `last` day, newest first).
pub fn first_files(named: &[String], to: Option<Day>, last: Day, sort: Sort) -> Vec<&str> {
    let newest_first = sort != Sort::Oldest && to.is_none_or(|t| t >= last);
    named.iter().map(String::as_str).filter(|f| newest_first || f.starts_with("engine/")).collect()
}

/// How many years a search has searched whole, and of how many: `years` are those of its
/// steps in the order searched, of which `done` have answered (a year in several shards counts
/// once all of them have).
pub fn years_searched(years: &[i32], done: usize) -> (usize, usize) {
    let distinct = |ys: &[i32]| {
        let mut v = ys.to_vec();
        broadsheet_model::sort::sort(&mut v);
        v.dedup();
        v.len()
    };
    let done = done.min(years.len());
    let partly = years.get(done).is_some_and(|y| years[..done].contains(y));
    (distinct(&years[..done]) - usize::from(partly), distinct(years))
}

/// The year choices of an archive's years (oldest first, a year listed once per shard): every
/// year, and before them its decades when it spans more than ten years. Each is a key (`2016`,
/// `2010s`) and its label.
pub fn spans(years: &[i32]) -> Vec<(String, String)> {
    let mut years = years.to_vec();
    years.dedup();
    let years = &years[..];
    let mut out = Vec::new();
    if years.len() > 10 {
        let mut decades: Vec<i32> = years.iter().map(|y| y - y.rem_euclid(10)).collect();
        decades.dedup();
        out.extend(decades.into_iter().rev().map(|d| (format!("{d}s"), format!("{d}–{}", d + 9))));
    }
    out.extend(years.iter().rev().map(|y| (y.to_string(), y.to_string())));
    out
}

/// The range of a year choice (`2016`, `2010s`); none for anything else.
pub fn span_range(key: &str) -> (Option<Day>, Option<Day>) {
    let (digits, years) = match key.strip_suffix('s') {
        Some(d) => (d, 10),
        None => (key, 1),
    };
    match digits.parse::<i32>() {
        Ok(y) if digits.len() == 4 => (Day::new(y, 1, 1), Day::new(y + years - 1, 12, 31)),
        _ => (None, None),
    }
}

/// The year choice a range is, if it is one.
pub fn span_key(from: Option<Day>, to: Option<Day>) -> Option<String> {
    let (f, t) = (from?, to?);
    let whole = f.month() == 1 && f.day() == 1 && t.month() == 12 && t.day() == 31;
    match t.year() - f.year() {
        0 if whole => Some(f.year().to_string()),
        9 if whole && f.year().rem_euclid(10) == 0 => Some(format!("{}s", f.year())),
        _ => None,
    }
}

/// Every day from `a` to `b`, as the index writes them.
fn days(a: Day, b: Day) -> Vec<String> {
    let mut out = Vec::new();
    let mut d = a.0;
    while d <= b.0 {
        out.push(Day(d).to_string());
        match d.next_day() {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

/// The Pagefind search options for a step: the filters chosen and the order.
pub fn options(step: &Step, month: Option<&str>, section: Option<&str>, page: Option<&str>, sort: Sort) -> Value {
    let mut filters = serde_json::Map::new();
    if let Some(days) = &step.days {
        filters.insert("day".into(), serde_json::json!({ "any": days }));
    }
    for (k, v) in [("month", month), ("section", section), ("page", page)] {
        if let Some(v) = v {
            filters.insert(k.into(), Value::String(v.into()));
        }
    }
    let mut o = serde_json::json!({ "filters": filters });
    match sort {
        Sort::Relevance => {}
        Sort::Newest => o["sort"] = serde_json::json!({ "date": "desc" }),
        Sort::Oldest => o["sort"] = serde_json::json!({ "date": "asc" }),
    }
    o
}

/// Where a result is: the record's address, `2016-09-24/p2/a0202`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub date: Day,
    pub page: String,
    pub article: String,
}

pub fn place(url: &str) -> Option<Place> {
    let mut parts = url.trim_start_matches('/').splitn(3, '/');
    let date = Day::parse(parts.next()?).ok()?;
    let page = parts.next().filter(|p| !p.is_empty())?.to_string();
    let article = parts.next().filter(|a| !a.is_empty() && !a.contains('/'))?.to_string();
    Some(Place { date, page, article })
}

/// One result of a shard, before its record is loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Its shard's position in the shard list.
    pub shard: usize,
    /// The worker's handle on the record (for `getData`).
    pub data: String,
    pub score: f64,
    /// The shard's order (its position in the shard's results).
    pub rank: usize,
}

impl Found {
    pub fn key(&self) -> String {
        format!("{}:{}", self.shard, self.data)
    }
}

/// A shard's answer: its results and the counts of its filter values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    pub found: Vec<Found>,
    pub counts: Counts,
}

/// Filter values with the number of results each: `section` → `家庭` → 3.
pub type Counts = BTreeMap<String, BTreeMap<String, u64>>;

/// A shard's answer from its results (each one's data handle and score, in the shard's order)
/// and its filter counts (`{filter: {value: count}}`).
pub fn answer_of(shard: usize, results: Vec<(String, f64)>, filters: &Value) -> Answer {
    let found =
        results.into_iter().enumerate().map(|(rank, (data, score))| Found { shard, data, score, rank }).collect();
    let mut counts = Counts::new();
    if let Some(fs) = filters.as_object() {
        for (name, values) in fs {
            let Some(values) = values.as_object() else { continue };
            let slot = counts.entry(name.clone()).or_default();
            for (value, n) in values {
                let n = n.as_u64().unwrap_or(0);
                if n > 0 {
                    *slot.entry(value.clone()).or_default() += n;
                }
            }
        }
    }
    Answer { found, counts }
}

/// Adds a shard's counts to the counts so far.
pub fn add_counts(into: &mut Counts, more: &Counts) {
    for (name, values) in more {
        let slot = into.entry(name.clone()).or_default();
        for (v, n) in values {
            *slot.entry(v.clone()).or_default() += n;
        }
    }
}

/// The results of the shards searched so far, kept shard by shard and merged only as far as
/// they are shown. A shard's answer is added in time of its own size (some 18,000 results for a
/// word in every article of a year), not of every result so far: merging each new shard into
/// one list made the work grow with the years searched (547,000 results at 30 years; 5.4 ms
/// natively for the 30th shard, against 0.08 ms now).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    shards: Vec<Vec<Found>>,
    sort: Sort,
}

impl Results {
    pub fn new(sort: Sort) -> Results {
        Results { shards: Vec::new(), sort }
    }

    /// Adds a shard's results (shards come in the order they are searched: newest first, or
    /// oldest first for that order).
    pub fn add(&mut self, mut more: Vec<Found>) {
        if more.is_empty() {
            return;
        }
        if self.sort == Sort::Relevance {
            // Stable: equal scores keep the shard's own order.
            broadsheet_model::sort::sort_by(&mut more, |a, b| b.score.total_cmp(&a.score));
        }
        self.shards.push(more);
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(Vec::len).sum()
    }

    /// The results in the order shown: by relevance, the best scores of every shard searched
    /// so far first (equal scores: the shard searched first, then the shard's order); by date,
    /// shard after shard, in Pagefind's date order within one. Each step costs one look at
    /// each shard's next result, so showing the first `n` costs `n` times the shards.
    pub fn iter(&self) -> impl Iterator<Item = &Found> + '_ {
        let mut next = vec![0usize; self.shards.len()];
        let mut shard = 0;
        std::iter::from_fn(move || {
            if self.sort != Sort::Relevance {
                while shard < self.shards.len() {
                    if let Some(f) = self.shards[shard].get(next[shard]) {
                        next[shard] += 1;
                        return Some(f);
                    }
                    shard += 1;
                }
                return None;
            }
            let mut best: Option<(usize, &Found)> = None;
            for (i, list) in self.shards.iter().enumerate() {
                if let Some(f) = list.get(next[i]) {
                    if best.is_none_or(|(_, b)| f.score > b.score) {
                        best = Some((i, f));
                    }
                }
            }
            let (i, f) = best?;
            next[i] += 1;
            Some(f)
        })
    }
}

/// A record as the reader shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub place: Place,
    pub title: String,
    pub section: Option<String>,
    pub page_number: Option<String>,
    pub snippet: Option<super::Snippet>,
}

/// How far down the results the list looks for records to show: a shard that answers with better
/// results than those shown pushes them down, and they stay on show (each a place lower) until
/// the new ones' records are in, rather than the list emptying for a round trip.
pub const SHOWN_REACH: usize = 3;

/// The records to show: those loaded of the first `limit` × [`SHOWN_REACH`] results, in the
/// results' order, at most `limit` (a result not an article, or not loaded yet, is passed over).
pub fn shown<'a>(
    found: impl Iterator<Item = &'a Found>,
    records: &std::collections::HashMap<String, Option<Record>>,
    limit: usize,
) -> Vec<Record> {
    found.take(limit * SHOWN_REACH).filter_map(|f| records.get(&f.key()).cloned().flatten()).take(limit).collect()
}

/// The record of a result (the worker's `getData` answer), with a snippet around the first hit
/// of `query` (normalised). `None` for a record that is not an article (the engine's own).
pub fn record(v: &Value, query: &str) -> Option<Record> {
    let place = place(v.get("url")?.as_str()?)?;
    let title = v.pointer("/meta/title").and_then(Value::as_str).unwrap_or_default().to_string();
    let first = |k: &str| v.pointer(&format!("/filters/{k}/0")).and_then(Value::as_str).map(str::to_string);
    let content = v.get("content").and_then(Value::as_str).unwrap_or_default();
    let locations: Vec<usize> = v
        .get("locations")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(|n| n.as_u64().map(|n| n as usize)).collect())
        .unwrap_or_default();
    Some(Record {
        place,
        title,
        section: first("section"),
        page_number: first("page"),
        snippet: snippet(content, query, &locations),
    })
}

/// A snippet of a record's text around its first hit: the query, or failing that one of its
/// words, found as the search within the issue finds them (so full-width, case and traditional
/// forms match); failing that (an English word found by its stem, `meetings` for `meeting`),
/// the first word Pagefind located. The index separates Chinese words with zero-width spaces,
/// which are dropped first (they would break the match and show as nothing anyway).
pub fn snippet(content: &str, query: &str, locations: &[usize]) -> Option<super::Snippet> {
    let text: String = content.chars().filter(|c| *c != '\u{200B}').collect();
    if let Some(s) = super::snippet(&text, query) {
        return Some(s);
    }
    if let Some(s) = query.split(' ').filter(|w| !w.is_empty()).find_map(|w| super::snippet(&text, w)) {
        return Some(s);
    }
    let word = *locations.first()?;
    let hit = text.split_whitespace().nth(word)?;
    super::snippet(&text, &super::normalise(hit))
}

#[cfg(test)]
mod tests;

//! How good a page's articles are, in figures that need no truth (overlap, text covered, area,
//! headlines against articles, titles that are headlines) and, where a truth is known, the
//! precision and recall of the article boundaries.
//!
//! Definitions (docs/importing.md repeats them):
//! - a *text line* has three letters or digits or more;
//! - a text line *lies in a region* when 80 % of its box is inside one region;
//! - *overlap* of two regions of different articles is their shared area over the smaller's;
//! - *area ratio* is the area of all regions over the area of all text lines;
//! - a *headline line* is a text line that starts with a capital or a digit, set 1.4 times the
//!   body size or more, or 1.2 times and in capitals or in headline case (six words at most,
//!   no digits, no commas or semicolons inside: not a dateline nor a list of names); a
//!   *headline* is a stack of headline lines, each directly under the other, with up to three
//!   narrow lines (85 % of the width of the lines around them or less: decks in text size) or
//!   large ones between two of them; the masthead's lines do not count;
//! - a *display line* is a large line (as a headline line, whatever its first letter), or a
//!   text line in capitals or headline case set off
//!   by being narrower than the lines above and below it (85 % of their width or less): a
//!   crosshead; a *title is a headline of the page* when its letters and digits, in order,
//!   are part of those of one stack of display lines;
//! - *boundaries*: every text line and the text line directly below it (the nearest one under
//!   it that shares half the narrower one's width) make a pair, a boundary when the two are in
//!   different articles (a line in none is an article of its own). Precision is the share of
//!   the boundaries found that are true, recall the share of the true ones found;
//! - *pairs*: of all pairs of text lines that the truth places, the share of those put in one
//!   article that are in one article in truth (precision), and the other way (recall).

use super::lines::{caps, median, titled};
use super::{area, shared_area, x_overlap, Line};
use crate::import::geom::Rect;
use serde::Serialize;
use std::collections::HashMap;

/// An article as the figures see it.
pub struct Judged {
    pub masthead: bool,
    pub title: String,
    pub regions: Vec<Rect>,
    /// Its lines (indexes into the page's lines).
    pub lines: Vec<usize>,
}

/// Precision and recall.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    /// How many were found, and how many are true.
    pub found: usize,
    pub truth: usize,
}

#[derive(Debug, Serialize)]
pub struct Figures {
    pub articles: usize,
    pub mastheads: usize,
    pub headlines: usize,
    /// The worst overlap of two regions of different articles, share of the smaller.
    pub overlap: f64,
    /// Text lines that lie in a region, share of all.
    pub covered: f64,
    pub area_ratio: f64,
    /// Titles that are headlines of the page, and titles.
    pub titles_headlines: usize,
    pub titles: usize,
    pub boundaries: Option<Score>,
    pub pairs: Option<Score>,
}

impl Figures {
    /// The acceptance thresholds, as the failures: overlap ≤ 5 %, ≥ 95 % of the lines
    /// in a region, area ≤ 2 x the lines', articles within 20 % of the headlines, every title
    /// a headline.
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.overlap > 0.05 {
            out.push(format!("regions of different articles overlap {:.1} % of the smaller", 100.0 * self.overlap));
        }
        if self.covered < 0.95 {
            out.push(format!("{:.1} % of the text lines lie in a region", 100.0 * self.covered));
        }
        if self.area_ratio > 2.0 {
            out.push(format!("the regions are {:.2} times the lines' area", self.area_ratio));
        }
        let (n, a) = (self.headlines as f64, self.articles as f64);
        if (a - n).abs() > 0.2 * n {
            out.push(format!("{} articles for {} headlines", self.articles, self.headlines));
        }
        if self.titles_headlines < self.titles {
            out.push(format!("{} of {} titles are headlines of the page", self.titles_headlines, self.titles));
        }
        out
    }
}

/// Letters and digits, lower case: what titles and headlines are compared on.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn is_text(l: &Line) -> bool {
    l.text.chars().filter(|c| c.is_alphanumeric()).count() >= 3
}

/// For each line, the nearest text line directly below it.
fn below(lines: &[Line]) -> Vec<Option<usize>> {
    let text: Vec<usize> = (0..lines.len()).filter(|&i| is_text(&lines[i])).collect();
    (0..lines.len())
        .map(|i| {
            let a = &lines[i].rect;
            text.iter()
                .copied()
                .filter(|&j| j != i && lines[j].rect.y0 >= a.y0 + 0.5 * a.height())
                .filter(|&j| x_overlap(a, &lines[j].rect) >= 0.5 * a.width().min(lines[j].rect.width()))
                .min_by(|&x, &y| lines[x].rect.y0.total_cmp(&lines[y].rect.y0))
        })
        .collect()
}

/// Headline case, but not a list of names or a dateline: six words at most, no digits, no
/// commas or semicolons inside.
fn worded(text: &str) -> bool {
    titled(text)
        && text.split_whitespace().count() <= 6
        && !text.trim_end_matches([',', ';']).contains([',', ';'])
        && !text.chars().any(|c| c.is_ascii_digit())
}

/// The page's lines outside `skip` (the masthead's lines) set larger than its body: text lines
/// set 1.4 times the body size or more, or 1.2 times and in capitals or headline case; with
/// `capital`, only those that start with a capital or a digit (headline lines).
fn large_lines(lines: &[Line], skip: &[bool], capital: bool) -> Vec<bool> {
    let body = median(lines.iter().filter(|l| is_text(l)).map(|l| l.size).collect()).unwrap_or(1.0);
    (0..lines.len())
        .map(|i| {
            let (l, r) = (&lines[i], lines[i].size / body);
            let starts = l.text.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| !c.is_lowercase());
            !skip[i]
                && is_text(l)
                && (starts || !capital)
                && (r >= 1.4 || (r >= 1.2 && (caps(&l.text) || worded(&l.text))))
        })
        .collect()
}

/// For each line, the line above it (the one it is directly below of).
fn above(below: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut above: Vec<Option<usize>> = vec![None; below.len()];
    for (i, b) in below.iter().enumerate() {
        if let Some(j) = *b {
            above[j] = above[j].or(Some(i));
        }
    }
    above
}

/// Lines narrower than the lines above and below them (85 % of their width or less):
/// centred decks and crossheads.
fn narrow(lines: &[Line], below: &[Option<usize>], above: &[Option<usize>]) -> Vec<bool> {
    (0..lines.len())
        .map(|i| {
            let w = lines[i].rect.width();
            let fits = |n: Option<usize>| n.is_none_or(|n| w <= 0.85 * lines[n].rect.width());
            is_text(&lines[i]) && fits(below[i]) && fits(above[i])
        })
        .collect()
}

/// The page's headlines outside `skip`, each the text of its lines: stacks of headline lines
/// (a few narrow lines between two of them, decks set in text size, are part of the stack).
pub fn headlines(lines: &[Line], skip: &[bool]) -> Vec<String> {
    let head = large_lines(lines, skip, true);
    let large = large_lines(lines, skip, false);
    let below = below(lines);
    let narrow = narrow(lines, &below, &above(&below));
    let mut member = head.clone();
    for i in (0..lines.len()).filter(|&i| head[i]) {
        // Up to three narrow or large lines down to the next headline line.
        let mut path = Vec::new();
        let mut at = below[i];
        while let Some(j) = at.filter(|&j| !head[j] && (narrow[j] || large[j]) && !skip[j] && path.len() < 3) {
            path.push(j);
            at = below[j];
        }
        if at.is_some_and(|j| head[j]) {
            path.into_iter().for_each(|j| member[j] = true);
        }
    }
    stacks(lines, &|i| member[i])
}

/// The page's display lines outside `skip`, stacked: its headline lines, and lines in
/// capitals or headline case narrower than the lines around them (crossheads).
pub fn display(lines: &[Line], skip: &[bool]) -> Vec<String> {
    let head = large_lines(lines, skip, false);
    let below = below(lines);
    let narrow = narrow(lines, &below, &above(&below));
    let show = |i: usize| head[i] || (!skip[i] && narrow[i] && (caps(&lines[i].text) || worded(&lines[i].text)));
    stacks(lines, &show)
}

/// The lines that pass `is`, in stacks (each directly under the other), top to bottom, each
/// as its lines' text.
fn stacks(lines: &[Line], is: &dyn Fn(usize) -> bool) -> Vec<String> {
    let below = below(lines);
    let mut group: Vec<usize> = (0..lines.len()).collect();
    fn root(g: &mut [usize], i: usize) -> usize {
        if g[i] != i {
            let r = root(g, g[i]);
            g[i] = r;
        }
        g[i]
    }
    for i in (0..lines.len()).filter(|&i| is(i)) {
        if let Some(j) = below[i].filter(|&j| is(j)) {
            let (a, b) = (root(&mut group, i), root(&mut group, j));
            group[a] = b;
        }
    }
    let mut order: Vec<usize> = (0..lines.len()).filter(|&i| is(i)).collect();
    order.sort_by(|&a, &b| lines[a].rect.y0.total_cmp(&lines[b].rect.y0));
    let mut texts: HashMap<usize, String> = HashMap::new();
    let mut roots = Vec::new();
    for i in order {
        let r = root(&mut group, i);
        if !texts.contains_key(&r) {
            roots.push(r);
        }
        texts.entry(r).or_default().push_str(&lines[i].text);
    }
    roots.into_iter().map(|r| texts.remove(&r).unwrap_or_default()).collect()
}

/// Precision and recall of the article boundaries between each line and the one below it,
/// and of the pairs of lines in one article. `found` and `truth` give each line's article.
pub fn scores(lines: &[Line], found: &[Option<usize>], truth: &[Option<usize>]) -> (Score, Score) {
    // A line in no article is one of its own.
    let id = |v: &[Option<usize>], i: usize| v[i].map_or(usize::MAX - i, |a| a);
    let (mut f, mut t, mut both) = (0, 0, 0);
    for (i, b) in below(lines).into_iter().enumerate() {
        let Some(j) = b else { continue };
        if !is_text(&lines[i]) || truth[i].is_none() || truth[j].is_none() {
            continue;
        }
        let (fb, tb) = (id(found, i) != id(found, j), id(truth, i) != id(truth, j));
        f += fb as usize;
        t += tb as usize;
        both += (fb && tb) as usize;
    }
    let bounds = score(both, f, t);
    // Pairs from the table of (found, true) article counts.
    let mut cells: HashMap<(usize, usize), usize> = HashMap::new();
    let (mut rows, mut cols): (HashMap<usize, usize>, HashMap<usize, usize>) = (HashMap::new(), HashMap::new());
    for i in (0..lines.len()).filter(|&i| is_text(&lines[i]) && truth[i].is_some()) {
        let (a, b) = (id(found, i), id(truth, i));
        *cells.entry((a, b)).or_default() += 1;
        *rows.entry(a).or_default() += 1;
        *cols.entry(b).or_default() += 1;
    }
    let pairs = |counts: Vec<usize>| counts.into_iter().map(|n| n * n.saturating_sub(1) / 2).sum::<usize>();
    let (same, found_same, true_same) = (
        pairs(cells.into_values().collect()),
        pairs(rows.into_values().collect()),
        pairs(cols.into_values().collect()),
    );
    (bounds, score(same, found_same, true_same))
}

fn score(both: usize, found: usize, truth: usize) -> Score {
    let share = |n: usize, d: usize| if d == 0 { 1.0 } else { n as f64 / d as f64 };
    Score { precision: share(both, found), recall: share(both, truth), found, truth }
}

/// The figures of a page's articles; `truth` gives each line's true article where known.
pub fn judge(lines: &[Line], articles: &[Judged], truth: Option<&[Option<usize>]>) -> Figures {
    let text: Vec<usize> = (0..lines.len()).filter(|&i| is_text(&lines[i])).collect();
    let regions: Vec<(usize, &Rect)> =
        articles.iter().enumerate().flat_map(|(a, x)| x.regions.iter().map(move |r| (a, r))).collect();
    let mut overlap: f64 = 0.0;
    for (k, (a, r)) in regions.iter().enumerate() {
        for (b, s) in &regions[k + 1..] {
            if a != b {
                overlap = overlap.max(shared_area(r, s) / area(r).min(area(s)).max(1.0));
            }
        }
    }
    let inside = |l: &Rect| regions.iter().any(|(_, r)| shared_area(r, l) >= 0.8 * area(l));
    let covered = text.iter().filter(|&&i| inside(&lines[i].rect)).count() as f64 / text.len().max(1) as f64;
    let line_area: f64 = text.iter().map(|&i| area(&lines[i].rect)).sum();
    let region_area: f64 = regions.iter().map(|(_, r)| area(r)).sum();
    let mut skip = vec![false; lines.len()];
    for a in articles.iter().filter(|a| a.masthead) {
        a.lines.iter().for_each(|&i| skip[i] = true);
    }
    let heads = headlines(lines, &skip);
    let shown: Vec<String> = display(lines, &skip).iter().map(|h| letters(h)).collect();
    let titles: Vec<String> = articles.iter().filter(|a| !a.masthead).map(|a| letters(&a.title)).collect();
    let mut found = vec![None; lines.len()];
    for (a, x) in articles.iter().enumerate() {
        x.lines.iter().for_each(|&i| found[i] = Some(a));
    }
    let (boundaries, pairs) = match truth {
        Some(t) => {
            let (b, p) = scores(lines, &found, t);
            (Some(b), Some(p))
        }
        None => (None, None),
    };
    Figures {
        articles: articles.iter().filter(|a| !a.masthead).count(),
        mastheads: articles.iter().filter(|a| a.masthead).count(),
        headlines: heads.len(),
        overlap,
        covered,
        area_ratio: region_area / line_area.max(1.0),
        titles_headlines: titles
            .iter()
            .filter(|t| !t.is_empty() && shown.iter().any(|h| h.contains(t.as_str())))
            .count(),
        titles: titles.len(),
        boundaries,
        pairs,
    }
}

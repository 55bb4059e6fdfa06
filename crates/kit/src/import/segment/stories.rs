//! Stories from the lines below the masthead. Each OCR block is cut into runs (lines that
//! follow each other down one column), each run into headlines and text; a headline that is
//! large, set apart by a rule, of several lines, or at the head of its column starts a story,
//! any other is a crosshead in the story it sits in. Text belongs to the story of what is
//! directly above it (a headline over several columns owns every column under it), and text
//! with nothing above goes on from the foot of the column to its left.

use super::lines::{median, quantile, Text};
use super::{union, x_overlap, Kind, Page, Part, Story};
use crate::import::geom::Rect;

/// The page's body text, which every threshold is relative to.
pub struct Stats {
    /// Median type size.
    pub size: f64,
    /// Median line height, pixels.
    pub height: f64,
    /// Median width of lines of body size: the column measure, pixels.
    pub column: f64,
    /// The left edge of the text, pixels.
    pub left: f64,
}

impl Stats {
    pub fn of(page: &Page, idx: &[usize]) -> Stats {
        let lines = || idx.iter().map(|&i| &page.lines[i]);
        let size = median(lines().map(|l| l.size).collect()).unwrap_or(1.0);
        let height = median(lines().map(|l| l.rect.height()).collect()).unwrap_or(1.0);
        let body = lines().filter(|l| l.size < 1.3 * size).map(|l| l.rect.width()).collect();
        Stats {
            size,
            height: height.max(1.0),
            column: median(body).unwrap_or(page.width).max(1.0),
            left: lines().map(|l| l.rect.x0).fold(f64::INFINITY, f64::min).min(page.width),
        }
    }

    /// The column a box starts in, counted from the left edge of the text.
    pub fn column_of(&self, r: &Rect) -> i64 {
        ((r.x0 - self.left + 0.3 * self.column) / self.column).floor() as i64
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Head,
    Text,
}

/// Lines of one run with one role: a headline (or crosshead) or a stretch of text.
#[derive(Debug)]
struct Piece {
    role: Role,
    lines: Vec<usize>,
    rect: Rect,
    run: usize,
    /// Where a headline starts a story.
    starts: bool,
    /// A headline read apart from the one above it: more of its decks.
    deck: bool,
    story: usize,
}

/// What is known of every line while the stories are found.
pub struct Context<'a> {
    pub page: &'a Page<'a>,
    pub text: &'a Text,
    pub st: Stats,
}

impl Context<'_> {
    fn rect(&self, i: usize) -> Rect {
        self.page.lines[i].rect
    }

    /// How much of the gap between two boxes (`a` above `b`) a rule crosses: the share of the
    /// narrower one's width, from the OCR's graphical elements or the page image; 0 without.
    pub fn rule_between(&self, a: &Rect, b: &Rect) -> f64 {
        let (y0, y1) = (a.y1.min(b.y0), b.y0.max(a.y1));
        let (x0, x1) =
            if x_overlap(a, b) >= 0.3 * self.st.column { (a.x0.max(b.x0), a.x1.min(b.x1)) } else { (b.x0, b.x1) };
        let band = Rect { x0, y0: y0 - 0.25 * self.st.height, x1, y1: y1 + 0.25 * self.st.height };
        let drawn = self
            .page
            .rules
            .iter()
            .filter(|r| r.width() >= 4.0 * r.height() && r.y0 >= band.y0 && r.y1 <= band.y1)
            .map(|r| x_overlap(r, &band) / band.width().max(1.0))
            .fold(0.0, f64::max);
        let seen = match self.page.ink {
            Some(ink) if a.y1 < b.y0 => ink.rule(&Rect { x0, y0: a.y1, x1, y1: b.y0 }),
            _ => 0.0,
        };
        drawn.max(seen).min(1.0)
    }
}

/// The stories of the lines `idx` (in OCR order, masthead and debris left out).
pub fn find(page: &Page, text: &Text, idx: &[usize]) -> Vec<Story> {
    let cx = Context { page, text, st: Stats::of(page, idx) };
    let runs = runs(&cx, idx);
    let mut pieces: Vec<Piece> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        let measures = measures(&cx, &runs, r);
        pieces.extend(split_run(&cx, run, r, &measures));
    }
    let count = assign(&cx, &mut pieces);
    assemble(&cx, &pieces, count)
}

/// Whether line `i` goes on the run `run` (lines of one block so far): it lies below the last
/// line (or beside it), not far under it, across the same column.
fn follows(cx: &Context, run: &[usize], i: usize) -> bool {
    let (st, l) = (&cx.st, cx.rect(i));
    let last = cx.rect(*run.last().expect("a run has lines"));
    let r = union(run.iter().map(|&j| cx.rect(j))).expect("a run has lines");
    l.y0 >= last.y0 - 0.5 * st.height
        && l.y0 - last.y1 <= 3.0 * st.height
        && x_overlap(&r, &l) >= 0.5 * r.width().min(l.width())
}

/// The lines cut into runs, in OCR order; short lines that lie inside another block's run
/// (the ends of a neighbouring column's lines, read with this one) are left out.
fn runs(cx: &Context, idx: &[usize]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &i in idx {
        match runs.last_mut() {
            Some(run) if cx.page.lines[run[0]].block == cx.page.lines[i].block && follows(cx, run, i) => run.push(i),
            _ => runs.push(vec![i]),
        }
    }
    let boxes: Vec<(usize, Rect)> = runs
        .iter()
        .filter(|r| r.len() >= 3)
        .map(|r| (cx.page.lines[r[0]].block, union(r.iter().map(|&j| cx.rect(j))).expect("lines")))
        .collect();
    let bleed = |i: usize| {
        let l = cx.rect(i);
        l.width() < 0.25 * cx.st.column
            && boxes
                .iter()
                .any(|(b, r)| *b != cx.page.lines[i].block && super::shared_area(r, &l) >= 0.6 * super::area(&l))
    };
    runs.iter_mut().for_each(|r| r.retain(|&i| !bleed(i)));
    runs.retain(|r| !r.is_empty());
    runs
}

/// The left and right edges of the text at each line of run `r`: of the ten lines after it
/// (or before it, at the end of the run) in a run of five or more, as the text a headline
/// stands over or a box set narrower than its column has a measure of its own; else of the
/// run and the lines of the run just below it in its column.
fn measures(cx: &Context, runs: &[Vec<usize>], r: usize) -> Vec<(f64, f64)> {
    let edges = |lines: &[usize]| {
        let x0 = quantile(lines.iter().map(|&i| cx.rect(i).x0).collect(), 0.2).expect("lines");
        let x1 = quantile(lines.iter().map(|&i| cx.rect(i).x1).collect(), 0.8).expect("lines");
        (x0, x1.max(x0 + 1.0))
    };
    let run = &runs[r];
    if run.len() >= 5 {
        let window =
            |k: usize| if k + 6 <= run.len() { &run[k + 1..(k + 11).min(run.len())] } else { &run[run.len() - 5..] };
        return (0..run.len()).map(|k| edges(window(k))).collect();
    }
    let own = union(run.iter().map(|&i| cx.rect(i))).expect("lines");
    let below = runs
        .iter()
        .filter(|o| {
            let b = union(o.iter().map(|&i| cx.rect(i))).expect("lines");
            b.y0 >= own.y1 - 0.5 * cx.st.height && x_overlap(&b, &own) >= 0.5 * b.width().min(own.width())
        })
        .min_by(|a, b| cx.rect(a[0]).y0.total_cmp(&cx.rect(b[0]).y0));
    let mut lines = run.clone();
    lines.extend(below.into_iter().flat_map(|o| o.iter().take(8)));
    let m = if lines.len() >= 5 { edges(&lines) } else { (own.x0, own.x1) };
    vec![m; run.len()]
}

/// Where a line sits in its measure.
struct Place {
    centred: bool,
    /// Filling the measure, as justified text does.
    full: bool,
    /// Indented and running to the right edge: a paragraph's first line.
    indented: bool,
}

fn place(r: &Rect, (m0, m1): (f64, f64)) -> Place {
    let w = m1 - m0;
    let (ml, mr) = (r.x0 - m0, m1 - r.x1);
    Place {
        centred: ml >= 0.05 * w && mr >= 0.05 * w && (ml - mr).abs() <= (0.08 * w).max(0.35 * ml.max(mr)),
        full: ml <= 0.03 * w && mr <= 0.03 * w,
        indented: ml > 0.03 * w && ml <= 0.2 * w && mr <= 0.03 * w,
    }
}

/// How much line `i` looks like a headline (1 or more: it is one), in a run whose text is of
/// size `base`, set in `measure`, after a rule crossing `rule` of its gap above.
fn display_score(cx: &Context, i: usize, base: f64, measure: (f64, f64), rule: f64) -> f64 {
    let (t, l) = (cx.text, &cx.page.lines[i]);
    let r = l.size / base;
    let p = place(&l.rect, measure);
    // A word alone that ends a sentence ends a paragraph, however tall OCR drew its box.
    let words = l.text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= 2).count();
    let r = if words < 2 && !t.caps[i] && l.text.trim_end().ends_with(['.', ',', ';', ':', '!', '?']) {
        r.min(1.2)
    } else {
        r
    };
    let mut s = ((r - 1.0) / 0.6).clamp(0.0, 2.5);
    s += if t.caps[i] { 0.6 } else { 0.0 };
    s += if p.centred { 0.7 } else { 0.0 };
    s += if t.titled[i] && !t.caps[i] { 0.3 } else { 0.0 };
    s -= if p.full && !t.caps[i] && r < 1.5 { 0.5 } else { 0.0 };
    s += if rule >= 0.3 { 0.4 } else { 0.0 };
    // OCR garbage and running text (a lower-case start, a hyphen at the end) start no
    // headline, however large they were read.
    if t.clean[i] && !t.running[i] {
        s
    } else {
        s.min(0.5)
    }
}

/// A run cut into headline and text pieces. A headline goes on over its decks: lines set
/// larger than the text or centred, up to the first paragraph.
fn split_run(cx: &Context, run: &[usize], r: usize, measures: &[(f64, f64)]) -> Vec<Piece> {
    let sizes: Vec<f64> = run.iter().map(|&i| cx.page.lines[i].size).collect();
    let base = if run.len() >= 6 { cx.st.size.max(median(sizes).unwrap_or(0.0)) } else { cx.st.size };
    let mut out: Vec<Piece> = Vec::new();
    for (k, &i) in run.iter().enumerate() {
        let l = &cx.page.lines[i];
        let rule = if k > 0 { cx.rule_between(&cx.rect(run[k - 1]), &l.rect) } else { 0.0 };
        let in_head = out.last().is_some_and(|p| p.role == Role::Head);
        let p = place(&l.rect, measures[k]);
        let deck = in_head && ((l.size >= 1.2 * base && !p.indented) || p.centred);
        let role = if deck || display_score(cx, i, base, measures[k], rule) >= 1.0 { Role::Head } else { Role::Text };
        match out.last_mut() {
            Some(last) if last.role == role => {
                last.lines.push(i);
                last.rect = last.rect.union(&l.rect);
            }
            _ => out.push(Piece { role, lines: vec![i], rect: l.rect, run: r, starts: false, deck: false, story: 0 }),
        }
    }
    // A headline starts a story when it is large, of several lines, or set off by a rule.
    for k in 0..out.len() {
        if out[k].role == Role::Head {
            let big = out[k].lines.iter().map(|&i| cx.page.lines[i].size / base).fold(0.0, f64::max);
            let rule = k > 0 && cx.rule_between(&out[k - 1].rect, &out[k].rect) >= 0.3;
            out[k].starts = big >= 1.8 || (out[k].lines.len() >= 2 && big >= 1.3) || rule;
        }
    }
    out
}

/// The piece directly above piece `p`: the lowest one ending above its top that shares at
/// least 30 % of the narrower one's width.
fn above(cx: &Context, pieces: &[Piece], p: usize) -> Option<usize> {
    let me = &pieces[p].rect;
    (0..pieces.len())
        .filter(|&q| q != p && pieces[q].rect.y1 <= me.y0 + 0.5 * cx.st.height && pieces[q].rect.y0 < me.y0)
        .filter(|&q| x_overlap(&pieces[q].rect, me) >= 0.3 * pieces[q].rect.width().min(me.width()))
        .max_by(|&a, &b| pieces[a].rect.y1.total_cmp(&pieces[b].rect.y1))
}

/// A larger piece whose box holds the centre of piece `p` (a fragment of a line read apart).
fn container(pieces: &[Piece], p: usize) -> Option<usize> {
    let me = &pieces[p].rect;
    let (x, y) = ((me.x0 + me.x1) / 2.0, (me.y0 + me.y1) / 2.0);
    (0..pieces.len())
        .filter(|&q| q != p && super::area(&pieces[q].rect) > super::area(me))
        .filter(|&q| {
            let r = &pieces[q].rect;
            r.x0 <= x && x <= r.x1 && r.y0 <= y && y <= r.y1
        })
        .min_by(|&a, &b| super::area(&pieces[a].rect).total_cmp(&super::area(&pieces[b].rect)))
}

/// The text piece at the foot of the nearest column to the left of piece `p`: where a story
/// with nothing above it comes from.
fn left_foot(cx: &Context, pieces: &[Piece], p: usize) -> Option<usize> {
    let me = &pieces[p].rect;
    let foot = |q: usize| {
        !(0..pieces.len()).any(|o| {
            o != q
                && pieces[o].rect.y0 >= pieces[q].rect.y1 - 0.5 * cx.st.height
                && x_overlap(&pieces[o].rect, &pieces[q].rect)
                    >= 0.5 * pieces[o].rect.width().min(pieces[q].rect.width())
        })
    };
    (0..pieces.len())
        .filter(|&q| pieces[q].rect.x1 <= me.x0 + 0.2 * cx.st.column && pieces[q].rect.x1 >= me.x0 - 1.5 * cx.st.column)
        .filter(|&q| foot(q))
        .max_by(|&a, &b| pieces[a].rect.y1.total_cmp(&pieces[b].rect.y1))
        .filter(|&q| pieces[q].role == Role::Text)
}

/// Story ids joined together: each id's parent, a root its own.
struct Joined(Vec<usize>);

impl Joined {
    fn new_id(&mut self) -> usize {
        self.0.push(self.0.len());
        self.0.len() - 1
    }

    fn root(&mut self, i: usize) -> usize {
        let p = self.0[i];
        if p == i {
            return i;
        }
        let r = self.root(p);
        self.0[i] = r;
        r
    }

    /// Story `a` goes into story `b`.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a] = b;
        }
    }
}

/// A piece of a line or two between two pieces of one story in its column (a fragment, a
/// line read apart) goes to that story.
fn sandwiched(cx: &Context, pieces: &mut [Piece], ids: &mut Joined) {
    for p in 0..pieces.len() {
        if pieces[p].lines.len() > 2 || pieces[p].starts {
            continue;
        }
        let me = pieces[p].rect;
        let under = (0..pieces.len())
            .filter(|&q| q != p && pieces[q].rect.y0 >= me.y1 - 0.5 * cx.st.height)
            .filter(|&q| x_overlap(&pieces[q].rect, &me) >= 0.3 * pieces[q].rect.width().min(me.width()))
            .min_by(|&a, &b| pieces[a].rect.y0.total_cmp(&pieces[b].rect.y0));
        if let (Some(a), Some(b)) = (above(cx, pieces, p), under) {
            let story = ids.root(pieces[a].story);
            if story == ids.root(pieces[b].story) && story != ids.root(pieces[p].story) {
                pieces[p].story = story;
            }
        }
    }
}

/// Gives every piece its story, top to bottom: a headline that starts one starts it, any
/// other piece goes to the story of what is above it. Then a story of a headline alone (a
/// box's footer, a kicker) goes to the story above it, stories with pieces lying mostly one
/// over the other become one, and text with nothing above goes on from the foot of the
/// column to its left. Returns the number of stories.
fn assign(cx: &Context, pieces: &mut [Piece]) -> usize {
    let (mut ids, owners, orphans) = first_pass(cx, pieces);
    settle(cx, pieces, &mut ids, &owners, orphans);
    // Number the stories that are left from 0.
    let mut number: Vec<Option<usize>> = vec![None; ids.0.len()];
    let mut count = 0;
    for piece in pieces.iter_mut() {
        let root = ids.root(piece.story);
        piece.story = *number[root].get_or_insert_with(|| {
            count += 1;
            count - 1
        });
    }
    count
}

/// Each piece's story from what is above it, top to bottom; with each piece's owner (the
/// piece it goes on from) and the text pieces that have none.
fn first_pass(cx: &Context, pieces: &mut [Piece]) -> (Joined, Vec<Option<usize>>, Vec<usize>) {
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    // Top to bottom, the larger first of two that start level (a piece before a fragment in it).
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&pieces[a].rect, &pieces[b].rect);
        ra.y0.total_cmp(&rb.y0).then(super::area(rb).total_cmp(&super::area(ra)))
    });
    let mut ids = Joined(Vec::new());
    let mut owners: Vec<Option<usize>> = vec![None; pieces.len()];
    let mut orphans: Vec<usize> = Vec::new();
    let mut done = vec![false; pieces.len()];
    for &p in &order {
        // The piece before in the same run, else one it lies in, else the one above.
        let prev = (0..p).rev().find(|&q| pieces[q].run == pieces[p].run && done[q]);
        let owner = prev
            .or_else(|| container(pieces, p).filter(|&q| done[q]))
            .or_else(|| above(cx, pieces, p).filter(|&q| done[q]));
        let head = pieces[p].role == Role::Head;
        // A headline at the top of its run is set off from what is above it by a rule.
        if head && prev.is_none() && owner.is_some_and(|q| cx.rule_between(&pieces[q].rect, &pieces[p].rect) >= 0.3) {
            pieces[p].starts = true;
        }
        // A headline right under another, about as wide and no larger, is more of its decks.
        let largest = |q: usize| pieces[q].lines.iter().map(|&i| cx.page.lines[i].size).fold(0.0, f64::max);
        pieces[p].deck = owner.is_some_and(|q| {
            head && pieces[q].role == Role::Head
                && pieces[p].rect.width() >= 0.5 * pieces[q].rect.width()
                && largest(p) <= 1.1 * largest(q)
        });
        let story = match (head, owner) {
            (true, Some(q)) if pieces[p].deck => Some(pieces[q].story),
            (true, Some(_)) if pieces[p].starts => None,
            (_, Some(q)) => Some(pieces[q].story),
            (true, None) => None,
            (false, None) => {
                orphans.push(p);
                None
            }
        };
        pieces[p].starts = story.is_none() && head;
        pieces[p].story = story.unwrap_or_else(|| ids.new_id());
        owners[p] = owner;
        done[p] = true;
    }
    (ids, owners, orphans)
}

/// The joins after the first pass (see [`assign`]).
fn settle(cx: &Context, pieces: &mut [Piece], ids: &mut Joined, owners: &[Option<usize>], mut orphans: Vec<usize>) {
    for p in 0..pieces.len() {
        let alone = !pieces.iter().any(|o| o.role == Role::Text && o.story == pieces[p].story);
        if let (true, true, Some(q)) = (pieces[p].starts, alone, owners[p]) {
            ids.join(pieces[p].story, pieces[q].story);
            pieces[p].starts = false;
        }
    }
    // Pieces of two stories that lie mostly one over the other are one story.
    for p in 0..pieces.len() {
        for q in p + 1..pieces.len() {
            let (a, b) = (&pieces[p].rect, &pieces[q].rect);
            if super::shared_area(a, b) > 0.5 * super::area(a).min(super::area(b)) {
                ids.join(pieces[p].story, pieces[q].story);
            }
        }
    }
    sandwiched(cx, pieces, ids);
    orphans.sort_by(|&a, &b| pieces[a].rect.x0.total_cmp(&pieces[b].rect.x0));
    for p in orphans {
        if let Some(q) = left_foot(cx, pieces, p) {
            ids.join(pieces[p].story, pieces[q].story);
        }
    }
}

/// The stories from their pieces: headline decks, parts and regions in reading order, in
/// reading order themselves. A story of a headline alone (a box's footer, a kicker) goes to
/// the story above it.
fn assemble(cx: &Context, pieces: &[Piece], count: usize) -> Vec<Story> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (p, piece) in pieces.iter().enumerate() {
        members[piece.story].push(p);
    }
    for m in members.iter_mut() {
        m.sort_by_key(|&p| {
            (!pieces[p].starts, !pieces[p].deck, cx.st.column_of(&pieces[p].rect), pieces[p].rect.y0 as i64)
        });
    }
    members.retain(|m| !m.is_empty());
    let mut stories: Vec<(i64, f64, Story)> = Vec::new();
    for m in &members {
        let first = &pieces[m[0]];
        let head = first.starts && first.role == Role::Head;
        let mut decks = if head { decks(cx, &first.lines) } else { Vec::new() };
        let more = if head { m.iter().skip(1).take_while(|&&p| pieces[p].deck).count() } else { 0 };
        for &p in &m[1..1 + more] {
            decks.extend(self::decks(cx, &pieces[p].lines));
        }
        let parts = m
            .iter()
            .skip(head as usize + more)
            .map(|&p| match pieces[p].role {
                Role::Head => Part::Heading(pieces[p].lines.clone()),
                Role::Text => Part::Text(pieces[p].lines.clone()),
            })
            .collect();
        let regions = regions(cx, pieces, m);
        let story = Story { kind: Kind::Article, decks, parts, regions, loose: Vec::new() };
        stories.push((cx.st.column_of(&first.rect), first.rect.y0, story));
    }
    stories.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    stories.into_iter().map(|(_, _, s)| s).collect()
}

/// A headline's lines cut into decks: where the size changes by a third, capitals start or
/// stop, a gap wider than most of a line opens, or a byline ("By ...") starts; never after a
/// line ending in a split word.
fn decks(cx: &Context, head: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &i in head {
        let l = &cx.page.lines[i];
        let new = match out.last().and_then(|d| d.last()) {
            None => true,
            Some(&j) => {
                let p = &cx.page.lines[j];
                let ratio = l.size.max(p.size) / l.size.min(p.size).max(f64::MIN_POSITIVE);
                let gap = l.rect.y0 - p.rect.y1;
                let split = p.text.ends_with('-');
                let by = l.text.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "));
                !split
                    && (by
                        || ratio > 1.3
                        || cx.text.caps[i] != cx.text.caps[j]
                        || gap > 0.6 * l.rect.height().min(p.rect.height()))
            }
        };
        if new {
            out.push(vec![i]);
        } else if let Some(d) = out.last_mut() {
            d.push(i);
        }
    }
    out
}

/// A story's regions: its pieces' boxes, those that follow each other down one column and
/// have the same measure (or one within the other's, inside a column) made one.
fn regions(cx: &Context, pieces: &[Piece], members: &[usize]) -> Vec<Rect> {
    let mut out: Vec<Rect> = Vec::new();
    for &p in members {
        let r = pieces[p].rect;
        let merge = out.last().is_some_and(|last| {
            let same = (last.x0 - r.x0).abs() <= 0.08 * cx.st.column && (last.x1 - r.x1).abs() <= 0.08 * cx.st.column;
            let (wide, narrow) = if last.width() >= r.width() { (last, &r) } else { (&r, last) };
            let inside = narrow.x0 >= wide.x0 - 2.0 && narrow.x1 <= wide.x1 + 2.0 && wide.width() <= 1.3 * cx.st.column;
            let below = r.y0 >= last.y1 - 0.5 * cx.st.height && r.y0 - last.y1 <= 4.0 * cx.st.height;
            (same || inside) && below && !between(pieces, members, last, &r)
        });
        match out.last_mut() {
            Some(last) if merge => *last = last.union(&r),
            _ => out.push(r),
        }
    }
    out
}

/// Whether a piece of another story lies in the box that two boxes of a column make together.
fn between(pieces: &[Piece], members: &[usize], a: &Rect, b: &Rect) -> bool {
    let both = a.union(b);
    pieces
        .iter()
        .enumerate()
        .any(|(p, o)| !members.contains(&p) && super::shared_area(&o.rect, &both) > 0.05 * super::area(&o.rect))
}

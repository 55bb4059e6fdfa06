//! Articles from the layout alone, for OCR pages that carry no article structure (every NDNP
//! page of Chronicling America is one): the masthead band, each column cut at its headlines
//! into stories, a headline over several columns given the story below it, a story running
//! over columns made one article with several regions.
//!
//! Pure functions over printed lines in page pixels: [`segment`] finds the stories, [`by_blocks`]
//! keeps one per OCR block (`--no-segment`), [`figures`] judges a result. `alto_page` turns an
//! ALTO page into lines and the stories into articles; `ink` reads rules off the page image.

pub mod alto_page;
pub mod figures;
pub mod ink;
mod lines;
mod masthead;
pub mod report;
mod stories;

use super::geom::Rect;
pub use ink::Grey;

/// One printed line of the page.
#[derive(Clone, Debug)]
pub struct Line {
    /// Its box, in page pixels.
    pub rect: Rect,
    pub text: String,
    /// Its type size, only ever compared with the other lines of the same page: the font size
    /// where the OCR gives sizes that vary over the page, else the height of its words.
    pub size: f64,
    /// The OCR block it was read in; the lines of a block come in reading order.
    pub block: usize,
}

/// What the segmentation reads: the page's lines and what it knows of its rules.
pub struct Page<'a> {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<Line>,
    /// Rules the OCR gives (ALTO `GraphicalElement`), in page pixels.
    pub rules: Vec<Rect>,
    /// The page image in grey, where rules the OCR left out can be seen.
    pub ink: Option<&'a Grey>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Masthead,
    Article,
}

/// A piece of a story's body, by line indexes in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A crosshead: a display line inside a story.
    Heading(Vec<usize>),
    /// A run of text lines in one column.
    Text(Vec<usize>),
}

/// One article found on the page.
#[derive(Clone, Debug)]
pub struct Story {
    pub kind: Kind,
    /// The headline's decks in order, each its lines: the first gives the title, the second the
    /// subtitle, further ones become headings.
    pub decks: Vec<Vec<usize>>,
    pub parts: Vec<Part>,
    /// Its boxes on the page, in reading order.
    pub regions: Vec<Rect>,
    /// Lines that lie in its regions but are not part of its text: OCR debris, and ends of a
    /// neighbouring column's lines read with this one.
    pub loose: Vec<usize>,
}

impl Story {
    /// Every line of the story: its headline, then its body, in reading order.
    pub fn lines(&self) -> Vec<usize> {
        let body = self.parts.iter().flat_map(|p| match p {
            Part::Heading(l) | Part::Text(l) => l.iter().copied(),
        });
        self.decks.iter().flatten().copied().chain(body).collect()
    }

    /// Its lines, then its loose ones.
    pub fn all_lines(&self) -> Vec<usize> {
        let mut all = self.lines();
        all.extend(&self.loose);
        all
    }
}

/// The stories of a page: its masthead first, then the articles in reading order (column by
/// column, top to bottom).
pub fn segment(page: &Page) -> Vec<Story> {
    let text = lines::Text::of(&page.lines);
    let (masthead, rest) = masthead::find(page, &text);
    let mut out: Vec<Story> = masthead.into_iter().collect();
    out.extend(stories::find(page, &text, &rest));
    separate(&mut out);
    gather_loose(page, &mut out);
    out
}

/// Regions of different stories that overlap are parted (see [`part`]).
fn separate(stories: &mut [Story]) {
    let all: Vec<(usize, usize)> =
        stories.iter().enumerate().flat_map(|(s, x)| (0..x.regions.len()).map(move |r| (s, r))).collect();
    for (k, &(s, r)) in all.iter().enumerate() {
        for &(t, q) in &all[k + 1..] {
            if s != t {
                if let Some((a, b)) = part(stories[s].regions[r], stories[t].regions[q]) {
                    stories[s].regions[r] = a;
                    stories[t].regions[q] = b;
                }
            }
        }
    }
}

/// Two overlapping boxes parted, where that is a small change: a thin strip where they
/// meet side by side or one above the other is cut in its middle (OCR boxes reach a little
/// into the next column or story); else the smaller one is cut back to the side of the
/// larger where most of it lies, if a fifth of it is left there. None when they do not
/// overlap or cannot be parted so.
pub fn part(a: Rect, b: Rect) -> Option<(Rect, Rect)> {
    let (w, h) = (x_overlap(&a, &b), (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0));
    if w <= 0.0 || h <= 0.0 {
        return None;
    }
    let (mut a, mut b) = (a, b);
    let swap = a.x0 > b.x0;
    let (l, r) = if swap { (&mut b, &mut a) } else { (&mut a, &mut b) };
    if w <= 0.35 * l.width().min(r.width()) && l.x1 < r.x1 {
        let mid = (l.x1 + r.x0) / 2.0;
        (l.x1, r.x0) = (mid, mid);
        return Some((a, b));
    }
    let swap = a.y0 > b.y0;
    let (t, u) = if swap { (&mut b, &mut a) } else { (&mut a, &mut b) };
    if h <= 0.35 * t.height().min(u.height()) && t.y1 < u.y1 {
        let mid = (t.y1 + u.y0) / 2.0;
        (t.y1, u.y0) = (mid, mid);
        return Some((a, b));
    }
    let a_small = area(&a) <= area(&b);
    let (s, big) = if a_small { (&mut a, b) } else { (&mut b, a) };
    // The part of the smaller box on each side of the larger one; the largest is kept.
    let cuts =
        [Rect { x1: big.x0, ..*s }, Rect { x0: big.x1, ..*s }, Rect { y1: big.y0, ..*s }, Rect { y0: big.y1, ..*s }];
    let best = cuts.into_iter().filter(|c| !c.is_empty()).max_by(|x, y| area(x).total_cmp(&area(y)))?;
    if area(&best) < 0.2 * area(s) {
        return None;
    }
    *s = best;
    Some((a, b))
}

/// Lines in no story (debris, fragments) go, loose, to the story whose region holds their
/// centre.
fn gather_loose(page: &Page, stories: &mut [Story]) {
    let mut placed = vec![false; page.lines.len()];
    for s in stories.iter() {
        s.lines().into_iter().for_each(|i| placed[i] = true);
    }
    for (i, l) in page.lines.iter().enumerate().filter(|(i, _)| !placed[*i]) {
        let (cx, cy) = ((l.rect.x0 + l.rect.x1) / 2.0, (l.rect.y0 + l.rect.y1) / 2.0);
        let home =
            stories.iter().position(|s| s.regions.iter().any(|r| r.x0 <= cx && cx <= r.x1 && r.y0 <= cy && cy <= r.y1));
        if let Some(s) = home {
            stories[s].loose.push(i);
        }
    }
}

/// One story per OCR block with text (`--no-segment`), its box the union of its lines; the
/// lines set larger than the block's text at its top are its headline.
pub fn by_blocks(page: &Page) -> Vec<Story> {
    let text = lines::Text::of(&page.lines);
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for (i, l) in page.lines.iter().enumerate() {
        if text.debris[i] {
            continue;
        }
        match blocks.last_mut() {
            Some(b) if page.lines[b[0]].block == l.block => b.push(i),
            _ => blocks.push(vec![i]),
        }
    }
    blocks
        .into_iter()
        .map(|b| {
            let median = lines::median(b.iter().map(|&i| page.lines[i].size).collect()).unwrap_or(0.0);
            let head = b.iter().take_while(|&&i| page.lines[i].size > 1.3 * median).count().min(b.len() - 1);
            let rect = union(b.iter().map(|&i| page.lines[i].rect)).expect("a block has lines");
            Story {
                kind: Kind::Article,
                decks: if head > 0 { vec![b[..head].to_vec()] } else { Vec::new() },
                parts: vec![Part::Text(b[head..].to_vec())],
                regions: vec![rect],
                loose: Vec::new(),
            }
        })
        .collect()
}

/// The union of boxes; None for none.
pub fn union(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
    rects.into_iter().reduce(|a, b| a.union(&b))
}

/// How far two boxes overlap across: the shared width.
pub fn x_overlap(a: &Rect, b: &Rect) -> f64 {
    (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0)
}

/// The area two boxes share.
pub fn shared_area(a: &Rect, b: &Rect) -> f64 {
    x_overlap(a, b) * (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0)
}

pub fn area(r: &Rect) -> f64 {
    r.width().max(0.0) * r.height().max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    #[test]
    fn overlapping_regions_are_parted() {
        // Columns whose boxes reach 20 px into each other: cut in the middle.
        assert_eq!(
            part(r(0.0, 0.0, 320.0, 900.0), r(300.0, 100.0, 620.0, 800.0)),
            Some((r(0.0, 0.0, 310.0, 900.0), r(310.0, 100.0, 620.0, 800.0)))
        );
        // One story's foot and the next one's head.
        assert_eq!(
            part(r(0.0, 500.0, 300.0, 900.0), r(0.0, 0.0, 300.0, 520.0)),
            Some((r(0.0, 510.0, 300.0, 900.0), r(0.0, 0.0, 300.0, 510.0)))
        );
        // A short line of the column to the left reaching into a long column: cut back.
        assert_eq!(
            part(r(1876.0, 2541.0, 1982.0, 2551.0), r(1924.0, 1154.0, 2419.0, 4385.0)),
            Some((r(1876.0, 2541.0, 1924.0, 2551.0), r(1924.0, 1154.0, 2419.0, 4385.0)))
        );
        // One inside the other, or apart: nothing to do here.
        assert_eq!(part(r(10.0, 10.0, 20.0, 20.0), r(0.0, 0.0, 100.0, 100.0)), None);
        assert_eq!(part(r(0.0, 0.0, 10.0, 10.0), r(20.0, 0.0, 30.0, 10.0)), None);
    }
}

/// A synthetic page: a masthead, a headline over two columns with its story running down
/// both, a story under it parted by a rule and headed in type little larger than the text, and
/// a third column with a story and a crosshead.
#[cfg(test)]
mod synthetic {
    use super::*;

    fn line(text: &str, x0: f64, y0: f64, x1: f64, h: f64, block: usize) -> Line {
        Line { rect: Rect { x0, y0, x1, y1: y0 + h }, text: text.into(), size: h, block }
    }

    /// `n` lines of running text in a column from `x0` to `x1`, from `y`, 25 px apart.
    fn text(lines: &mut Vec<Line>, n: usize, x0: f64, x1: f64, y: f64, block: usize) {
        for k in 0..n {
            let (indent, text) = if k == 0 {
                (15.0, "The fire spread along the street and")
            } else {
                (0.0, "on into the night the crews fought it")
            };
            lines.push(line(text, x0 + indent, y + 25.0 * k as f64, x1, 20.0, block));
        }
    }

    fn page() -> Vec<Line> {
        let mut l = vec![
            line("THE SYNTHETIC TIMES", 100.0, 20.0, 900.0, 100.0, 0),
            line("VOL. 1. MONDAY, MAY 1, 1916. ONE CENT.", 20.0, 130.0, 980.0, 20.0, 0),
            line("GREAT FIRE DOWNTOWN", 100.0, 180.0, 570.0, 50.0, 1),
        ];
        text(&mut l, 20, 20.0, 320.0, 250.0, 2);
        text(&mut l, 10, 350.0, 650.0, 250.0, 3);
        l.push(line("Council Meets Today", 420.0, 516.0, 580.0, 26.0, 3));
        text(&mut l, 10, 350.0, 650.0, 545.0, 3);
        l.push(line("MARKETS", 700.0, 180.0, 950.0, 40.0, 4));
        text(&mut l, 8, 680.0, 980.0, 230.0, 4);
        l.push(line("Wheat Holds Steady", 760.0, 430.0, 900.0, 20.0, 4));
        text(&mut l, 6, 680.0, 980.0, 455.0, 4);
        l
    }

    fn titles(stories: &[Story], lines: &[Line]) -> Vec<String> {
        stories.iter().map(|s| s.decks.first().map(|d| lines[d[0]].text.clone()).unwrap_or_default()).collect()
    }

    #[test]
    fn stories_of_a_synthetic_page() {
        let lines = page();
        // The rule over the second story in column 2, as an ALTO GraphicalElement gives it.
        let rules = vec![Rect { x0: 400.0, y0: 506.0, x1: 600.0, y1: 508.0 }];
        let p = Page { width: 1000.0, height: 1400.0, lines: lines.clone(), rules, ink: None };
        let stories = segment(&p);
        assert_eq!(titles(&stories, &lines), ["", "GREAT FIRE DOWNTOWN", "Council Meets Today", "MARKETS"]);
        assert_eq!(stories[0].kind, Kind::Masthead);
        assert_eq!(stories[0].lines(), [0, 1]);
        // The headline over two columns, then the story under it in each: three regions.
        let fire = &stories[1];
        assert_eq!(fire.regions.len(), 3);
        assert_eq!(fire.regions[0], Rect { x0: 100.0, y0: 180.0, x1: 570.0, y1: 230.0 });
        assert_eq!((fire.regions[1].x0, fire.regions[2].x0), (20.0, 350.0));
        assert_eq!(fire.parts.len(), 2);
        // The crosshead stays in its story, as a heading.
        let markets = &stories[3];
        assert!(matches!(&markets.parts[1], Part::Heading(l) if lines[l[0]].text == "Wheat Holds Steady"));
        assert_eq!(markets.regions.len(), 1);
        // Every line is in its story, and the figures say so.
        let judged: Vec<figures::Judged> = stories
            .iter()
            .map(|s| figures::Judged {
                masthead: s.kind == Kind::Masthead,
                title: titles(std::slice::from_ref(s), &lines)[0].clone(),
                regions: s.regions.clone(),
                lines: s.all_lines(),
            })
            .collect();
        let f = figures::judge(&lines, &judged, None);
        assert!(f.failures().is_empty(), "{:?} {f:?}", f.failures());
        assert_eq!((f.articles, f.headlines, f.covered), (3, 3, 1.0));

        // Without the rule, the small headline is a crosshead of the fire story.
        let p = Page { width: 1000.0, height: 1400.0, lines: lines.clone(), rules: Vec::new(), ink: None };
        assert_eq!(titles(&segment(&p), &lines), ["", "GREAT FIRE DOWNTOWN", "MARKETS"]);
        // One story per block, without segmentation.
        let blocks = by_blocks(&p);
        assert_eq!(blocks.len(), 5);
        assert!(blocks.iter().all(|s| s.regions.len() == 1));
    }
}

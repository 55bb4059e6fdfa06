//! A page's words with their boxes, for its `{page}.words.json`. The export's word nodes carry
//! boxes as `<r>` rectangles when its images are not PDFs; when they are (the DTD: "If the
//! exported images is PDF only … there will be no rectangle node"), each reading's `p` is its
//! character offset in the page PDF's text layer, which places the word: the PDF glyphs from
//! that offset up to the next word's make its box (a box per line for a word hyphenated over
//! two lines).

use super::super::geom::Rect;
use super::super::pdf::text::{Content, Glyph};
use super::super::words::{Line, Word};
use super::read;

/// The words from their `<r>` rectangles, in page pixels. A word hyphenated over two lines has
/// a rectangle per part but one text, which is not split: it goes with the first.
pub fn from_rects(words: &[read::Word]) -> Vec<Vec<Word>> {
    words
        .iter()
        .map(|w| w.rects.first().map(|r| Word { text: w.first().to_string(), rect: *r }).into_iter().collect())
        .collect()
}

/// What placing the words on the PDF text found.
#[derive(Debug, Default, PartialEq)]
pub struct Placed {
    pub words: Vec<Vec<Word>>,
    /// Words with an offset, and those whose PDF text is their first reading.
    pub with_offset: usize,
    pub matching: usize,
}

/// Glyphs cut where the text goes on to another line (a word hyphenated over two lines) or
/// after a hyphen.
fn parts<'a>(glyphs: &[&'a Glyph]) -> Vec<Vec<&'a Glyph>> {
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        let goes_on = out.last().and_then(|p| p.last()).is_some_and(|l| {
            let s = l.size.max(g.size);
            let (a, b) = (l.rect.center(), g.rect.center());
            // A hyphen ends a part even on one line, as the OCR's own strings part there.
            (a[1] - b[1]).abs() <= 0.5 * s && g.rect.x0 >= l.rect.x0 - 0.5 * s && l.text != "-"
        });
        match out.last_mut() {
            Some(p) if goes_on => p.push(g),
            _ => out.push(vec![g]),
        }
    }
    out
}

/// Each word's parts from the PDF glyphs at its first reading's offset, in the pixels of a
/// `size` image (the PDF's largest image is the scan; without one, its page is).
pub fn from_pdf(words: &[read::Word], text: &Content, size: (u32, u32)) -> Placed {
    let mut starts: Vec<usize> = words.iter().flat_map(|w| w.readings.iter().filter_map(|r| r.1)).collect();
    starts.sort_unstable();
    starts.dedup();
    let page = Rect { x0: 0.0, y0: 0.0, x1: text.width, y1: text.height };
    let f = text.images.iter().copied().max_by(|a, b| (a.width() * a.height()).total_cmp(&(b.width() * b.height())));
    let f = f.filter(|r| r.width() > 0.0 && r.height() > 0.0).unwrap_or(page);
    let (sx, sy) = (f64::from(size.0) / f.width(), f64::from(size.1) / f.height());
    let to_px = |r: &Rect| Rect {
        x0: (r.x0 - f.x0) * sx,
        y0: (r.y0 - f.y0) * sy,
        x1: (r.x1 - f.x0) * sx,
        y1: (r.y1 - f.y0) * sy,
    };
    let mut out = Placed::default();
    for w in words {
        let Some((reading, Some(p))) = w.readings.first() else {
            out.words.push(Vec::new());
            continue;
        };
        out.with_offset += 1;
        let next = starts.partition_point(|&s| s <= *p);
        let end = starts.get(next).copied().unwrap_or(usize::MAX);
        let from = text.glyphs.partition_point(|g| g.offset < *p);
        let glyphs: Vec<&Glyph> =
            text.glyphs[from..].iter().take_while(|g| g.offset < end).filter(|g| !g.is_space()).collect();
        let parts = parts(&glyphs);
        let texts: Vec<String> = parts.iter().map(|p| p.iter().map(|g| g.text.as_str()).collect()).collect();
        // The PDF writes a hyphenated word's parts with the hyphen; the node's reading without.
        let joined: String = texts
            .iter()
            .enumerate()
            .map(|(k, t)| if k + 1 < texts.len() { t.trim_end_matches('-') } else { t.as_str() })
            .collect();
        if !parts.is_empty() && joined == *reading {
            out.matching += 1;
        }
        let placed = parts
            .iter()
            .zip(&texts)
            .map(|(p, t)| {
                let rect = p.iter().map(|g| g.rect).reduce(|a, b| a.union(&b)).expect("a part has glyphs");
                let t = if parts.len() == 1 { reading.clone() } else { t.clone() };
                Word { text: t, rect: to_px(&rect) }
            })
            .collect();
        out.words.push(placed);
    }
    out
}

/// Drops parts far taller than the page's words (OCR that read a picture or a rule as one
/// huge word): more than `factor` times the median height. Returns how many were dropped.
pub fn drop_outsized(words: &mut [Vec<Word>], factor: f64) -> usize {
    let mut h: Vec<f64> = words.iter().flatten().map(|w| w.rect.height()).filter(|h| *h > 0.0).collect();
    if h.is_empty() {
        return 0;
    }
    h.sort_by(f64::total_cmp);
    let limit = h[h.len() / 2] * factor;
    let mut dropped = 0;
    for parts in words.iter_mut() {
        let before = parts.len();
        parts.retain(|w| w.rect.height() <= limit);
        dropped += before - parts.len();
    }
    dropped
}

/// Whether `w` goes on the line that ends with `last`: they overlap by half the smaller height
/// and `w` does not start left of `last`.
fn same_line(last: &Rect, w: &Rect) -> bool {
    let overlap = last.y1.min(w.y1) - last.y0.max(w.y0);
    let h = last.height().min(w.height());
    overlap >= 0.5 * h && w.x0 >= last.x0 - 0.5 * h
}

/// The words in reading order as printed lines, each with the article whose zone holds the
/// centre of its words (`zones`: article id and zone box, in page pixels).
pub fn lines(words: Vec<Vec<Word>>, zones: &[(String, Rect)]) -> Vec<Line> {
    let article = |r: &Rect| {
        let [x, y] = r.center();
        zones.iter().find(|(_, z)| z.x0 <= x && x <= z.x1 && z.y0 <= y && y <= z.y1).map(|(id, _)| id.clone())
    };
    let mut out: Vec<Line> = Vec::new();
    for w in words.into_iter().flatten() {
        let a = article(&w.rect);
        let joins = out
            .last()
            .is_some_and(|l| l.article == a && l.words.last().is_some_and(|last| same_line(&last.rect, &w.rect)));
        if joins {
            out.last_mut().expect("a line").words.push(w);
        } else {
            out.push(Line { article: a, words: vec![w] });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(readings: &[(&str, usize)]) -> read::Word {
        read::Word { readings: readings.iter().map(|(t, p)| (t.to_string(), Some(*p))).collect(), rects: Vec::new() }
    }

    /// The glyphs of `text` from character `offset`, at `x, y` (top-left, y down), 10 wide each.
    fn run(offset: usize, text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                rect: Rect { x0: x + 10.0 * i as f64, y0: y, x1: x + 10.0 * (i + 1) as f64, y1: y + 10.0 },
                size: 10.0,
                stem: 0.0,
                upright: true,
                visible: false,
                run: 0,
                offset: offset + i,
            })
            .collect()
    }

    #[test]
    fn words_are_placed_by_their_offsets_in_the_pdf_text() {
        // "the" (with an alternative reading "tbe" at 3), "dily" hyphenated over two lines.
        let words = [word(&[("the", 0), ("tbe", 3)]), word(&[("dily", 6)]), word(&[("end", 11)])];
        let glyphs = [
            run(0, "the", 10.0, 10.0),
            run(3, "tbe", 10.0, 10.0),
            run(6, "di-", 50.0, 10.0),
            run(9, "ly", 10.0, 30.0),
            run(11, "end", 40.0, 30.0),
        ];
        // The scan is drawn over the upper half-page: 200 x 100 px over 100 x 50 points.
        let page =
            |glyphs: Vec<Glyph>, images| Content { width: 100.0, height: 100.0, glyphs, images, ..Content::default() };
        let text = page(glyphs.concat(), vec![Rect { x0: 0.0, y0: 0.0, x1: 100.0, y1: 50.0 }]);
        let p = from_pdf(&words, &text, (200, 100));
        assert_eq!((p.with_offset, p.matching), (3, 3));
        let texts: Vec<Vec<&str>> = p.words.iter().map(|w| w.iter().map(|x| x.text.as_str()).collect()).collect();
        assert_eq!(texts, vec![vec!["the"], vec!["di-", "ly"], vec!["end"]]);
        // x 10..40 points -> 20..80 px; y 10..20 points -> 20..40 px.
        assert_eq!(p.words[0][0].rect, Rect { x0: 20.0, y0: 20.0, x1: 80.0, y1: 40.0 });
        let lines = lines(p.words, &[("a1".into(), Rect { x0: 0.0, y0: 0.0, x1: 200.0, y1: 100.0 })]);
        let got: Vec<(Option<&str>, usize)> = lines.iter().map(|l| (l.article.as_deref(), l.words.len())).collect();
        assert_eq!(got, vec![(Some("a1"), 2), (Some("a1"), 2)]);
        // Offsets that point at other text do not match.
        let text = page(run(0, "xyz", 0.0, 0.0), Vec::new());
        let p = from_pdf(&words, &text, (100, 100));
        assert_eq!((p.with_offset, p.matching), (3, 0));
    }

    #[test]
    fn rectangles_and_outsized_words() {
        let mut w = word(&[("big", 0)]);
        w.rects = vec![Rect { x0: 0.0, y0: 0.0, x1: 50.0, y1: 200.0 }];
        let mut small = word(&[("ab", 1)]);
        small.rects = vec![Rect { x0: 0.0, y0: 0.0, x1: 5.0, y1: 10.0 }, Rect { x0: 0.0, y0: 12.0, x1: 5.0, y1: 22.0 }];
        let mut parts = from_rects(&[w, small.clone(), small, word(&[("none", 3)])]);
        assert_eq!(parts[1], vec![Word { text: "ab".into(), rect: Rect { x0: 0.0, y0: 0.0, x1: 5.0, y1: 10.0 } }]);
        assert!(parts[3].is_empty(), "a word without a rectangle has no box");
        assert_eq!(drop_outsized(&mut parts, 4.0), 1);
        assert!(parts[0].is_empty() && parts[1].len() == 1);
    }
}

//! A page's words with their boxes, for its `{page}.words.json`. The export's word nodes carry
//! boxes as `<r>` rectangles when its images are not PDFs; when they are (the DTD: "If the
//! exported images is PDF only … there will be no rectangle node"), each reading's `p` is its
//! character offset in the page PDF's text layer, which places the word: the PDF strings from
//! that offset up to the next word's make its box (two of them for a word hyphenated over two
//! lines).

use super::super::geom::Rect;
use super::super::pdf::PageText;
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

/// Each word's parts from the PDF strings at its first reading's offset, in the pixels of a
/// `size` image (the PDF's largest image is the scan; without one, its media box is).
pub fn from_pdf(words: &[read::Word], text: &PageText, size: (u32, u32)) -> Placed {
    let mut starts: Vec<usize> = words.iter().flat_map(|w| w.readings.iter().filter_map(|r| r.1)).collect();
    starts.sort_unstable();
    starts.dedup();
    let f = text.image.unwrap_or(text.media);
    let (sx, sy) = (f64::from(size.0) / (f[2] - f[0]), f64::from(size.1) / (f[3] - f[1]));
    let to_px =
        |r: &[f64; 4]| Rect::corners((r[0] - f[0]) * sx, (f[3] - r[3]) * sy, (r[2] - f[0]) * sx, (f[3] - r[1]) * sy);
    let mut out = Placed::default();
    for w in words {
        let Some((reading, Some(p))) = w.readings.first() else {
            out.words.push(Vec::new());
            continue;
        };
        out.with_offset += 1;
        let next = starts.partition_point(|&s| s <= *p);
        let end = starts.get(next).copied().unwrap_or(usize::MAX);
        let from = text.runs.partition_point(|r| r.offset < *p);
        let runs: Vec<_> = text.runs[from..].iter().take_while(|r| r.offset < end).collect();
        // The PDF writes a hyphenated word's parts with the hyphen; the node's reading without.
        let joined: String = runs
            .iter()
            .enumerate()
            .map(|(k, r)| if k + 1 < runs.len() { r.text.trim_end_matches('-') } else { r.text.as_str() })
            .collect();
        if !runs.is_empty() && joined == *reading {
            out.matching += 1;
        }
        let parts = runs
            .iter()
            .filter_map(|r| {
                let rect = to_px(&r.rect)?;
                let t = if runs.len() == 1 { reading.clone() } else { r.text.clone() };
                Some(Word { text: t, rect })
            })
            .collect();
        out.words.push(parts);
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
    use super::super::super::pdf::Run;
    use super::*;

    fn word(readings: &[(&str, usize)]) -> read::Word {
        read::Word { readings: readings.iter().map(|(t, p)| (t.to_string(), Some(*p))).collect(), rects: Vec::new() }
    }

    fn run(offset: usize, text: &str, x: f64, y: f64) -> Run {
        Run { offset, text: text.into(), rect: [x, y - 2.0, x + 10.0 * text.len() as f64, y + 8.0] }
    }

    #[test]
    fn words_are_placed_by_their_offsets_in_the_pdf_text() {
        // "the" (with an alternative reading "tbe" at 3), "dily" hyphenated over two lines.
        let words = [word(&[("the", 0), ("tbe", 3)]), word(&[("dily", 6)]), word(&[("end", 11)])];
        let text = PageText {
            runs: vec![
                run(0, "the", 10.0, 90.0),
                run(3, "tbe", 10.0, 90.0),
                run(6, "di-", 50.0, 90.0),
                run(9, "ly", 10.0, 70.0),
                run(11, "end", 40.0, 70.0),
            ],
            media: [0.0, 0.0, 100.0, 100.0],
            // The scan is drawn over the upper half-page: 200 x 100 px over 100 x 50 units.
            image: Some([0.0, 50.0, 100.0, 100.0]),
        };
        let p = from_pdf(&words, &text, (200, 100));
        assert_eq!((p.with_offset, p.matching), (3, 3));
        let texts: Vec<Vec<&str>> = p.words.iter().map(|w| w.iter().map(|x| x.text.as_str()).collect()).collect();
        assert_eq!(texts, vec![vec!["the"], vec!["di-", "ly"], vec!["end"]]);
        // x 10..40 units -> 20..80 px; y 88..98 units -> (100-98)*2..(100-88)*2 px.
        assert_eq!(p.words[0][0].rect, Rect { x0: 20.0, y0: 4.0, x1: 80.0, y1: 24.0 });
        let lines = lines(p.words, &[("a1".into(), Rect { x0: 0.0, y0: 0.0, x1: 200.0, y1: 100.0 })]);
        let got: Vec<(Option<&str>, usize)> = lines.iter().map(|l| (l.article.as_deref(), l.words.len())).collect();
        assert_eq!(got, vec![(Some("a1"), 2), (Some("a1"), 2)]);
        // Offsets that point at other text do not match.
        let text = PageText { runs: vec![run(0, "xyz", 0.0, 0.0)], media: [0.0, 0.0, 100.0, 100.0], image: None };
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

//! A page's glyphs as printed lines and words, in the order the page shows them.
//!
//! Glyphs go on a line while they follow each other along one baseline (or down one axis:
//! a vertical line, its characters read top to bottom). Words part at a space the page shows
//! (a space glyph, or a gap of a fifth of an em between Latin letters); CJK text has no
//! spaces, so each CJK character is a word of its own, set against its neighbours without a
//! space. Lines that follow each other down one column make a block.

use super::cjk;
use super::text::Glyph;
use crate::import::geom::Rect;

/// One word of a line: its text, its box and whether a space stands before it.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    pub rect: Rect,
    pub space: bool,
}

/// One printed line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    pub rect: Rect,
    /// The type size of most of its letters (their median).
    pub size: f64,
    /// The stroke weight of its letters (their median), ems.
    pub stem: f64,
    /// Read top to bottom: a vertical line.
    pub vertical: bool,
    /// Ends with a space the page shows (a line of a headline broken at a space).
    pub space_after: bool,
    /// The block (lines following each other down one column) it is in.
    pub block: usize,
}

impl Line {
    /// Its text: words with the spaces the page shows.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (k, w) in self.words.iter().enumerate() {
            if k > 0 && w.space {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

/// How far a glyph may stand from the one before to go on its line, in ems: the widest
/// gap between words of an OCR line or letters of a spaced-out headline.
const GAP: f64 = 3.0;

/// A line as it is built: its glyphs.
struct Building<'a> {
    glyphs: Vec<&'a Glyph>,
    /// Whether a space glyph came before each glyph.
    spaced: Vec<bool>,
    vertical: Option<bool>,
    trailing_space: bool,
}

fn cx(r: &Rect) -> f64 {
    (r.x0 + r.x1) / 2.0
}

fn cy(r: &Rect) -> f64 {
    (r.y0 + r.y1) / 2.0
}

/// The widest gap, in ems, between glyphs of one line: CJK text has no word spaces, so a
/// gap of over an em between two CJK characters is a gutter between columns.
fn gap_limit(last: &Glyph, g: &Glyph) -> f64 {
    let cjk = |g: &Glyph| g.text.chars().any(cjk::is_cjk);
    if cjk(last) && cjk(g) {
        1.0
    } else {
        GAP
    }
}

/// How far `g` may start back over `last`, in ems: 0.4, or 0.6 beside a punctuation mark
/// (CJK typesetting sets two marks in a row, 。” , closer by half an em each).
fn overlap(last: &Glyph, g: &Glyph) -> f64 {
    let mark = |g: &Glyph| {
        g.text.chars().all(|c| cjk::is_neutral(c) || c.is_ascii_punctuation() || ('\u{3000}'..='\u{303F}').contains(&c))
            || g.text.chars().all(|c| ('\u{FF01}'..='\u{FF0F}').contains(&c) || ('\u{FF1A}'..='\u{FF1F}').contains(&c))
    };
    if mark(last) || mark(g) {
        0.6
    } else {
        0.4
    }
}

/// Whether `g` goes on along the baseline of `last`.
fn across(last: &Glyph, g: &Glyph) -> bool {
    let s = last.size.max(g.size);
    g.upright
        && last.upright
        && (cy(&g.rect) - cy(&last.rect)).abs() <= 0.45 * s
        && g.rect.x0 >= last.rect.x1 - overlap(last, g) * s
        && g.rect.x0 - last.rect.x1 <= gap_limit(last, g) * s
        && g.size.max(last.size) <= 1.6 * g.size.min(last.size)
}

/// Whether `g` goes on down from `last` (a vertical line: characters upright, or Latin turned
/// on its side, under each other).
fn down(last: &Glyph, g: &Glyph) -> bool {
    let s = last.size.max(g.size);
    (cx(&g.rect) - cx(&last.rect)).abs() <= 0.35 * s
        && g.rect.y0 >= last.rect.y1 - 0.4 * s
        && g.rect.y0 - last.rect.y1 <= 1.5 * s
        && g.size.max(last.size) <= 1.3 * g.size.min(last.size)
}

/// The page's lines, in the order the page shows them, with their blocks.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut built: Vec<Building> = Vec::new();
    let mut space = false;
    for g in glyphs {
        if g.text.is_empty() {
            continue;
        }
        if g.is_space() {
            space = true;
            if let Some(b) = built.last_mut() {
                b.trailing_space = true;
            }
            continue;
        }
        let joins = built.last_mut().and_then(|b| {
            let last = b.glyphs.last()?;
            let dir = match b.vertical {
                Some(false) => across(last, g).then_some(false),
                Some(true) => down(last, g).then_some(true),
                None if across(last, g) => Some(false),
                None if down(last, g) => Some(true),
                None => None,
            }?;
            b.vertical = Some(dir);
            Some(b)
        });
        match joins {
            Some(b) => {
                b.glyphs.push(g);
                b.spaced.push(space);
                b.trailing_space = false;
            }
            None => {
                built.push(Building { glyphs: vec![g], spaced: vec![false], vertical: None, trailing_space: false })
            }
        }
        space = false;
    }
    let mut out: Vec<Line> = built.iter().map(finish).collect();
    merge_fragments(&mut out);
    blocks(&mut out);
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| x.is_finite());
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The gap, in ems, that parts two Latin letters into words: a fifth of an em, or a
/// twentieth where the PDF shows them in separate operations (OCR text layers show each word
/// by itself, and tight headlines leave little room between them).
fn parting(prev: &Glyph, g: &Glyph) -> f64 {
    if prev.run == g.run {
        0.2
    } else {
        0.05
    }
}

/// A built line's words: parted at spaces, at gaps of a fifth of an em between Latin
/// letters, and around each CJK character.
fn finish(b: &Building) -> Line {
    let vertical = b.vertical == Some(true);
    let mut words: Vec<Word> = Vec::new();
    for (k, g) in b.glyphs.iter().enumerate() {
        let cjk = g.text.chars().any(cjk::is_cjk);
        let new = match (k, words.last()) {
            (0, _) | (_, None) => true,
            (_, Some(w)) => {
                let prev = b.glyphs[k - 1];
                let gap = if vertical { g.rect.y0 - prev.rect.y1 } else { g.rect.x0 - prev.rect.x1 };
                let prev_cjk = w.text.chars().last().is_some_and(cjk::is_cjk);
                b.spaced[k] || cjk || prev_cjk || gap > parting(prev, g) * g.size.max(prev.size)
            }
        };
        if new {
            let gap = k > 0 && {
                let prev = b.glyphs[k - 1];
                let gap = if vertical { g.rect.y0 - prev.rect.y1 } else { g.rect.x0 - prev.rect.x1 };
                // A gap alone parts Latin words; CJK characters only part at a space glyph.
                let latin = !cjk && !prev.text.chars().any(cjk::is_cjk);
                latin && gap > parting(prev, g) * g.size.max(prev.size)
            };
            words.push(Word { text: g.text.clone(), rect: g.rect, space: k > 0 && (b.spaced[k] || gap) });
        } else if let Some(w) = words.last_mut() {
            w.text.push_str(&g.text);
            w.rect = w.rect.union(&g.rect);
        }
    }
    let rect = words.iter().map(|w| w.rect).reduce(|a, c| a.union(&c)).expect("a line has a glyph");
    Line {
        words,
        rect,
        size: median(b.glyphs.iter().map(|g| g.size).collect()),
        stem: median(b.glyphs.iter().map(|g| g.stem).collect()),
        vertical,
        space_after: b.trailing_space,
        block: 0,
    }
}

/// Lines that go on along one baseline where the page drew them apart (a headline's words
/// shown one at a time, out of order) are joined.
fn merge_fragments(lines: &mut Vec<Line>) {
    let mut k = 0;
    while k < lines.len() {
        let a = &lines[k];
        let next = (0..lines.len()).find(|&j| {
            let b = &lines[j];
            let s = a.size.max(b.size);
            j != k
                && !a.vertical
                && !b.vertical
                && (cy(&a.rect) - cy(&b.rect)).abs() <= 0.3 * s
                && b.rect.x0 >= a.rect.x1 - 0.2 * s
                && b.rect.x0 - a.rect.x1 <= 0.6 * s
                && s <= 1.2 * a.size.min(b.size)
        });
        match next {
            Some(j) => {
                let b = lines.remove(j);
                let k = if j < k { k - 1 } else { k };
                let a = &mut lines[k];
                let gap = b.rect.x0 - a.rect.x1;
                let glued = cjk::glued(&a.text(), &b.text());
                let mut words = b.words;
                if let Some(w) = words.first_mut() {
                    w.space = a.space_after || (!glued && gap > 0.2 * a.size);
                }
                a.words.extend(words);
                a.rect = a.rect.union(&b.rect);
                a.space_after = b.space_after;
            }
            None => k += 1,
        }
    }
}

/// Numbers the blocks: a line starts a new one unless it follows the line before it down
/// the same column (below it, not far, across most of the narrower one).
fn blocks(lines: &mut [Line]) {
    let mut block = 0;
    for k in 1..lines.len() {
        let (a, b) = (&lines[k - 1], &lines[k]);
        let h = a.rect.height().min(b.rect.height()).max(1.0);
        let overlap = (a.rect.x1.min(b.rect.x1) - a.rect.x0.max(b.rect.x0)).max(0.0);
        let follows = !a.vertical
            && !b.vertical
            && b.rect.y0 >= a.rect.y0 + 0.5 * h
            && b.rect.y0 - a.rect.y1 <= 2.0 * h
            && overlap >= 0.5 * a.rect.width().min(b.rect.width());
        if !follows {
            block += 1;
        }
        lines[k].block = block;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glyph of `text` at `x, y` (top-left of its em box), `size` points, advancing `w`.
    fn g(text: &str, x: f64, y: f64, w: f64, size: f64) -> Glyph {
        Glyph {
            text: text.into(),
            rect: Rect { x0: x, y0: y, x1: x + w, y1: y + size },
            size,
            stem: 0.05,
            upright: true,
            visible: true,
            run: 0,
            offset: 0,
        }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn latin_words_part_at_gaps_and_spaces() {
        // "Generally fair" as OCR shows it (a word per string, a gap between), then "to night".
        let mut gl: Vec<Glyph> = "Generally"
            .chars()
            .enumerate()
            .map(|(i, c)| g(&c.to_string(), 10.0 + 5.0 * i as f64, 0.0, 5.0, 10.0))
            .collect();
        gl.extend("fair".chars().enumerate().map(|(i, c)| g(&c.to_string(), 60.0 + 5.0 * i as f64, 1.0, 5.0, 9.0)));
        gl.push(g("to", 85.0, 0.0, 10.0, 10.0));
        gl.push(g(" ", 95.0, 0.0, 2.5, 10.0));
        gl.push(g("night", 97.5, 0.0, 25.0, 10.0));
        let l = lines(&gl);
        assert_eq!(texts(&l), ["Generally fair to night"]);
        assert_eq!(l[0].words.len(), 4);
        assert_eq!(l[0].words[1].rect, Rect { x0: 60.0, y0: 1.0, x1: 80.0, y1: 10.0 });
    }

    #[test]
    fn cjk_characters_are_words_without_spaces() {
        let mut gl: Vec<Glyph> = "全国妇联，“好姐妹”"
            .chars()
            .enumerate()
            .map(|(i, c)| g(&c.to_string(), 20.0 * i as f64, 0.0, 20.0, 20.0))
            .collect();
        gl.push(g(" ", 200.0, 0.0, 5.0, 20.0));
        gl.extend("ABC".chars().enumerate().map(|(i, c)| g(&c.to_string(), 205.0 + 10.0 * i as f64, 0.0, 10.0, 20.0)));
        let l = lines(&gl);
        assert_eq!(texts(&l), ["全国妇联，“好姐妹” ABC"]);
        assert_eq!(l[0].words.len(), 11);
        assert!(l[0].words[..10].iter().all(|w| !w.space) && l[0].words[10].space);
    }

    #[test]
    fn vertical_lines_read_top_to_bottom_and_blocks_follow_columns() {
        // A vertical headline, then two lines of a column, then a line of the next column up top.
        let mut gl: Vec<Glyph> = "好姐妹（竖）"
            .chars()
            .enumerate()
            .map(|(i, c)| g(&c.to_string(), 500.0, 30.0 * i as f64, 30.0, 30.0))
            .collect();
        fn row(t: &str, x: f64, y: f64) -> Vec<Glyph> {
            t.chars().enumerate().map(|(i, c)| g(&c.to_string(), x + 12.0 * i as f64, y, 12.0, 12.0)).collect()
        }
        gl.extend(row("第一行文字", 0.0, 0.0));
        gl.extend(row("第二行文字", 0.0, 16.0));
        gl.extend(row("下一栏", 100.0, 0.0));
        let l = lines(&gl);
        assert_eq!(texts(&l), ["好姐妹（竖）", "第一行文字", "第二行文字", "下一栏"]);
        assert!(l[0].vertical && !l[1].vertical);
        assert_eq!(l.iter().map(|l| l.block).collect::<Vec<_>>(), [0, 1, 1, 2]);
    }

    #[test]
    fn a_gutter_parts_cjk_lines_but_not_ocr_words() {
        // Two headlines side by side, 1.5 em apart: two lines. Latin words as far apart: one.
        let row = |t: &str, x: f64| -> Vec<Glyph> {
            t.chars().enumerate().map(|(i, c)| g(&c.to_string(), x + 20.0 * i as f64, 0.0, 20.0, 20.0)).collect()
        };
        assert_eq!(texts(&lines(&[row("保障权益", 0.0), row("营造环境", 110.0)].concat())), ["保障权益", "营造环境"]);
        assert_eq!(texts(&lines(&[row("WAR", 0.0), row("NEWS", 90.0)].concat())), ["WAR NEWS"]);
    }

    #[test]
    fn marks_set_close_stay_on_their_line() {
        // 。” as Chromium sets them at a line's end: the quote half an em back over the stop.
        let mut gl: Vec<Glyph> =
            "话题。".chars().enumerate().map(|(i, c)| g(&c.to_string(), 16.0 * i as f64, 0.0, 16.0, 16.0)).collect();
        gl.push(g("”", 40.0, 0.0, 16.0, 16.0));
        gl.push(g("这", 0.0, 26.0, 16.0, 16.0));
        let l = lines(&gl);
        assert_eq!(texts(&l), ["话题。”", "这"]);
        assert_eq!(l.iter().map(|l| l.block).collect::<Vec<_>>(), [0, 0]);
        // Two ideographs as close do not make a line: the second is drawn over the first.
        let over = [g("中", 0.0, 0.0, 16.0, 16.0), g("文", 8.0, 0.0, 16.0, 16.0)];
        assert_eq!(lines(&over).len(), 2);
    }

    #[test]
    fn fragments_of_a_line_are_joined() {
        // The second half of a headline shown before the first.
        let gl =
            vec![g("half", 42.0, 0.0, 40.0, 20.0), g("First", 0.0, 0.0, 36.0, 20.0), g("Body", 0.0, 40.0, 30.0, 10.0)];
        assert_eq!(texts(&lines(&gl)), ["First half", "Body"]);
    }
}

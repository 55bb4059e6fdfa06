//! The page's own text: the words of the scan (the page's words file) laid over the page image as
//! an invisible, selectable layer, as pdf.js does over a PDF. A reader turns it on with "Select
//! text" (a click on the page otherwise opens an article), selects with the mouse or a long press
//! and copies the words in reading order, a line break after each printed line.
//!
//! This file is the plain-Rust part: where each line and word goes, in percentages of the page
//! and of its line, so that the layer scales with the image at any size and zoom without being
//! laid out again. `view` builds it in the page map's stage, which zoom, pinch and pan move.

pub mod view;

use crate::fetch::Failure;
use crate::i18n::page_text::PageTextStrings;
use broadsheet_model::words::spaced;
use broadsheet_model::{PageWords, WordLine};

/// One printed line: its box in percent of the page, its font size in percent of the page's
/// height (CSS `cqh` of the layer), and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct LineBox {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub font: f64,
    pub article: Option<String>,
    pub words: Vec<WordBox>,
}

/// The box around some lines (a frame's share of the layer), `[left, top, width, height]` in
/// percent of the page: each share is drawn in its own box so that adding it repaints that box,
/// not the whole page.
pub fn chunk_box(lines: &[LineBox]) -> [f64; 4] {
    let (mut l, mut t, mut r, mut b) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for x in lines {
        (l, t, r, b) = (l.min(x.left), t.min(x.top), r.max(x.left + x.width), b.max(x.top + x.height));
    }
    if lines.is_empty() {
        return [0.0, 0.0, 100.0, 100.0];
    }
    [l, t, (r - l).max(1e-6), (b - t).max(1e-6)]
}

impl LineBox {
    /// The line's `[left, top, width, height]` in percent of the box `b` (see `chunk_box`).
    pub fn within(&self, b: [f64; 4]) -> [f64; 4] {
        [
            (self.left - b[0]) / b[2] * 100.0,
            (self.top - b[1]) / b[3] * 100.0,
            self.width / b[2] * 100.0,
            self.height / b[3] * 100.0,
        ]
    }
}

/// One word in its line: the text as copied (with the space that follows it, if one does), its
/// width and the gap before it, both in percent of the line's width.
#[derive(Clone, Debug, PartialEq)]
pub struct WordBox {
    pub text: String,
    pub gap: f64,
    pub width: f64,
}

/// The layer's lines, in reading order; lines without words are left out.
pub fn layout(page: &PageWords) -> Vec<LineBox> {
    let (pw, ph) = (f64::from(page.width.max(1)), f64::from(page.height.max(1)));
    page.lines.iter().filter_map(|l| line(l, pw, ph)).collect()
}

fn line(l: &WordLine, pw: f64, ph: f64) -> Option<LineBox> {
    let x0 = l.words.iter().map(|w| w.1).min()?;
    let y0 = l.words.iter().map(|w| w.2).min()?;
    let x1 = l.words.iter().map(|w| w.1 + w.3).max()?;
    let y1 = l.words.iter().map(|w| w.2 + w.4).max()?;
    let lw = f64::from((x1 - x0).max(1));
    // The type is about the height of the line's words; the tallest one (a capital with a
    // descender below) stands for the line.
    let tall = l.words.iter().map(|w| w.4).max().unwrap_or(1).max(1);
    let texts: Vec<&str> = l.words.iter().map(|w| w.text()).collect();
    let mut end = f64::from(x0);
    let words = l
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // A word's box may start left of where the one before ended (OCR boxes overlap):
            // no negative gap, the word then starts where it would anyway.
            let gap = (f64::from(w.1) - end).max(0.0);
            end = end.max(f64::from(w.1 + w.3));
            let spaced = texts.get(i + 1).is_some_and(|next| spaced(w.text(), next));
            WordBox {
                text: if spaced { format!("{} ", w.text()) } else { w.text().to_string() },
                gap: gap / lw * 100.0,
                width: f64::from(w.3) / lw * 100.0,
            }
        })
        .collect();
    Some(LineBox {
        left: f64::from(x0) / pw * 100.0,
        top: f64::from(y0) / ph * 100.0,
        width: lw / pw * 100.0,
        height: f64::from((y1 - y0).max(1)) / ph * 100.0,
        font: f64::from(tall) / ph * 100.0,
        article: l.article.clone(),
        words,
    })
}

/// What a selection copies: the selected part of each line's words, run together (each word
/// carries its own following space), one line of text per printed line. The browser's own copy
/// would run the lines together: each is a positioned box, which breaks no line in plain text.
pub fn selected_text(lines: &[Vec<String>]) -> String {
    lines
        .iter()
        .map(|words| words.concat().trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The part of `text` between two DOM offsets (UTF-16 code units, as a selection counts them),
/// each kept within the text.
pub fn utf16_slice(text: &str, from: usize, to: Option<usize>) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let to = to.unwrap_or(units.len()).min(units.len());
    String::from_utf16_lossy(&units[from.min(to)..to])
}

/// The boxes (`x, y, width, height` in page pixels) of the words a search's normalised query
/// falls on, line by line as the words read (so 妇联 is found across two words 妇 and 联, and
/// a phrase across the words of a line); none without a query.
pub fn hits(page: &PageWords, query: &str) -> Vec<(u32, u32, u32, u32)> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    for line in &page.lines {
        // The line as it reads, and where each word's text lies in it.
        let mut text = String::new();
        let mut spans = Vec::with_capacity(line.words.len());
        for w in &line.words {
            if spaced(&text, w.text()) {
                text.push(' ');
            }
            spans.push(text.len()..text.len() + w.text().len());
            text.push_str(w.text());
        }
        for found in crate::search::find_all(&text, query) {
            for (w, span) in line.words.iter().zip(&spans) {
                if span.start < found.end && found.start < span.end {
                    out.push(w.rect());
                }
            }
        }
    }
    broadsheet_model::sort::sort(&mut out);
    out.dedup();
    out
}

/// Why the page's words did not come, in a sentence of the interface's language.
pub fn failed(t: &PageTextStrings, e: &Failure) -> String {
    let stop = if t.failed.is_ascii() { "." } else { "。" };
    let why = match e {
        Failure::Offline => t.offline.to_string(),
        Failure::Timeout => t.timeout.to_string(),
        Failure::Invalid(_) | Failure::NotData(_) => t.invalid.to_string(),
        Failure::Truncated => t.broken_off.to_string(),
        Failure::Http(code) => format!("{}{code}{stop}", t.status),
        Failure::Network(_) | Failure::Aborted => stop.to_string(),
    };
    format!("{}{why}", t.failed)
}

/// The text a selection of whole lines copies: what the layer holds, as the clipboard gets it
/// (the e2e test reads the real clipboard).
#[cfg(test)]
fn copied(lines: &[LineBox]) -> String {
    lines.iter().map(|l| l.words.iter().map(|w| w.text.as_str()).collect::<String>()).collect::<Vec<_>>().join("\n")
}

/// How many words a frame writes, steered by how long the frames take. A page's thousands of
/// words in one go took a 270 ms task with the CPU slowed 4x (3,638 words); a fixed 60 words a
/// frame, 55 ms tasks at times (the Evening Star's 5,814), most of it the browser's layout of
/// them, which only the time between frames shows. So: fewer words after a frame that took
/// longer than `SLOW_FRAME_MS`, more after one quicker than `QUICK_FRAME_MS`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    pub words: usize,
    last: f64,
}

pub const FIRST_WORDS: usize = 60;
pub const MIN_WORDS: usize = 20;
pub const MAX_WORDS: usize = 600;
const SLOW_FRAME_MS: f64 = 40.0;
const QUICK_FRAME_MS: f64 = 25.0;

impl Pace {
    pub fn start(now: f64) -> Pace {
        Pace { words: FIRST_WORDS, last: now }
    }

    /// The next frame began at `now`: how many words it writes.
    pub fn next(self, now: f64) -> Pace {
        let took = now - self.last;
        let words = if took > SLOW_FRAME_MS {
            (self.words * 2 / 3).max(MIN_WORDS)
        } else if took < QUICK_FRAME_MS {
            (self.words * 5 / 4 + 1).min(MAX_WORDS)
        } else {
            self.words
        };
        Pace { words, last: now }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frames_lines_are_placed_in_their_own_box() {
        let line = |left, top, width, height| LineBox {
            left,
            top,
            width,
            height,
            font: 1.0,
            article: None,
            words: Vec::new(),
        };
        let lines = [line(10.0, 20.0, 30.0, 2.0), line(5.0, 23.0, 20.0, 2.0)];
        let b = chunk_box(&lines);
        assert_eq!(b, [5.0, 20.0, 35.0, 5.0]);
        assert_eq!(lines[1].within(b), [0.0, 60.0, 20.0 / 35.0 * 100.0, 40.0]);
        let [l, t, w, h] = lines[0].within(b);
        // Back on the page: the chunk's left plus the line's share of the chunk's width.
        assert!((b[0] + l * b[2] / 100.0 - 10.0).abs() < 1e-9 && (b[1] + t * b[3] / 100.0 - 20.0).abs() < 1e-9);
        assert!((w * b[2] / 100.0 - 30.0).abs() < 1e-9 && (h * b[3] / 100.0 - 2.0).abs() < 1e-9);
        assert_eq!(chunk_box(&[]), [0.0, 0.0, 100.0, 100.0]);
    }

    #[test]
    fn frames_write_fewer_words_after_a_slow_frame_and_more_after_a_quick_one() {
        let p = Pace::start(0.0);
        assert_eq!(p.words, FIRST_WORDS);
        let slow = p.next(60.0);
        assert_eq!(slow.words, 40, "a 60 ms frame: two thirds");
        assert_eq!(slow.next(90.0).words, 40, "a 30 ms frame: as many again");
        assert_eq!(slow.next(76.0).words, 51, "a 16 ms frame: a quarter more");
        let mut p = Pace::start(0.0);
        for k in 1..100 {
            p = p.next(k as f64 * 200.0);
        }
        assert_eq!(p.words, MIN_WORDS, "never none");
        for k in 1..100 {
            p = p.next(20_000.0 + k as f64 * 16.0);
        }
        assert_eq!(p.words, MAX_WORDS);
    }
    use broadsheet_model::{parse, PageWords};

    fn page() -> PageWords {
        parse(
            r#"{"version":1,"page":"p1","width":1000,"height":2000,"lines":[
            {"article":"a1","words":[["Hello",100,200,200,40],["world.",340,190,160,60]]},
            {"words":[["中国",100,300,100,50],["妇女报",200,300,150,50],["2016",360,300,80,50]]},
            {"words":[]},
            {"words":[["over",100,400,100,20],["lap",150,400,100,20]]}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn lines_sit_on_their_words_in_percent_of_the_page() {
        let lines = layout(&page());
        assert_eq!(lines.len(), 3, "the line without words is left out");
        let l = &lines[0];
        assert_eq!((l.left, l.top, l.width, l.height), (10.0, 9.5, 40.0, 3.0));
        assert_eq!(l.font, 3.0);
        assert_eq!(l.article.as_deref(), Some("a1"));
        assert_eq!(l.words[0], WordBox { text: "Hello ".into(), gap: 0.0, width: 50.0 });
        assert_eq!(l.words[1], WordBox { text: "world.".into(), gap: 10.0, width: 40.0 });
    }

    #[test]
    fn cjk_characters_run_together_and_other_words_are_spaced() {
        let lines = layout(&page());
        let texts: Vec<&str> = lines[1].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["中国", "妇女报 ", "2016"]);
    }

    #[test]
    fn overlapping_boxes_never_make_a_negative_gap() {
        let l = &layout(&page())[2];
        assert_eq!(l.words[1].gap, 0.0);
        assert_eq!(l.width, 15.0);
    }

    #[test]
    fn a_query_outlines_the_words_it_falls_on() {
        let p = page();
        assert_eq!(hits(&p, "world"), [(340, 190, 160, 60)]);
        // Across words of a line, CJK run together: 国妇 falls on 中国 and 妇女报.
        assert_eq!(hits(&p, "国妇"), [(100, 300, 100, 50), (200, 300, 150, 50)]);
        // As search compares: case and traditional characters folded.
        assert_eq!(hits(&p, &crate::search::normalise_query("HELLO")), [(100, 200, 200, 40)]);
        assert_eq!(hits(&p, &crate::search::normalise_query("婦女")), [(200, 300, 150, 50)]);
        assert_eq!(hits(&p, ""), []);
        assert_eq!(hits(&p, "nowhere"), []);
    }

    #[test]
    fn a_failure_says_why_in_either_language() {
        use crate::i18n::Lang;
        assert_eq!(failed(Lang::Zh.page_text(), &Failure::Http(404)), "无法加载本版文字：服务器返回 HTTP 404。");
        assert_eq!(
            failed(Lang::En.page_text(), &Failure::Timeout),
            "The page's text could not be loaded: the network took too long."
        );
        assert_eq!(failed(Lang::Zh.page_text(), &Failure::Network("x".into())), "无法加载本版文字。");
        assert_eq!(
            failed(Lang::En.page_text(), &Failure::Invalid(vec![])),
            "The page's text could not be loaded: its file is not valid."
        );
    }

    #[test]
    fn a_selection_copies_its_lines_with_a_break_after_each() {
        let lines = vec![
            vec!["ference ".to_string(), "nevertheless. ".to_string()],
            vec![],
            vec!["Professor ".to_string(), "Roy".to_string()],
        ];
        assert_eq!(selected_text(&lines), "ference nevertheless.\nProfessor Roy");
        assert_eq!(utf16_slice("妇女报 ", 1, None), "女报 ");
        assert_eq!(utf16_slice("Roylance", 0, Some(3)), "Roy");
        assert_eq!(utf16_slice("𠀀字", 2, Some(9)), "字", "offsets count UTF-16 units, and stay in the text");
    }

    #[test]
    fn the_copy_of_every_line_is_the_words_file_text() {
        let p = page();
        assert_eq!(copied(&layout(&p)), "Hello world.\n中国妇女报 2016\nover lap");
        assert_eq!(copied(&layout(&p)), p.text().replace("\n\n", "\n"));
    }
}

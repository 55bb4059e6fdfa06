//! The words of a scan with their boxes, a file per page beside the issue (`{page id}.words.json`),
//! so that issue.json stays small and the reader fetches a page's words only when it needs them
//! (selectable text over the page image, hits shown on the words).
//!
//! ```json
//! {"version": 1, "page": "p1", "width": 2650, "height": 3297,
//!  "lines": [{"article": "a3", "words": [["BULGARIANS", 120, 300, 210, 40], ...]}, ...]}
//! ```
//! Lines in reading order, each with the article it belongs to where known; each word its text
//! and its box `x, y, width, height` in whole pixels of the page image at full resolution.

use super::geom::Rect;

/// One word of the scan: its text as read, and its box in full-resolution page pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    pub rect: Rect,
}

/// One printed line of words, with the id of the article it is part of, where known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    pub article: Option<String>,
    pub words: Vec<Word>,
}

/// A page's words, in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageWords {
    /// The id of the page in issue.json.
    pub page: String,
    pub width: u32,
    pub height: u32,
    pub lines: Vec<Line>,
}

/// The file a page's words go into, in the issue's folder.
pub fn file_name(page_id: &str) -> String {
    format!("{page_id}.words.json")
}

/// Whole pixels, inside the page: a box that sticks out of the page (OCR does that) is cut to it.
fn pixels(r: &Rect, width: u32, height: u32) -> (u32, u32, u32, u32) {
    let clamp = |v: f64, max: u32| v.round().clamp(0.0, f64::from(max)) as u32;
    let (x0, y0) = (clamp(r.x0, width), clamp(r.y0, height));
    let (x1, y1) = (clamp(r.x1, width), clamp(r.y1, height));
    (x0, y0, x1 - x0, y1 - y0)
}

impl PageWords {
    /// Whether there is any word to write.
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.words.is_empty())
    }

    /// The file as the data contract has it (`broadsheet_model::words`): words without text left
    /// out, control characters made spaces, a "word" longer than the contract allows (OCR that ran
    /// a line together) cut to its length, lines left empty dropped.
    pub fn to_file(&self) -> broadsheet_model::PageWords {
        let lines = self
            .lines
            .iter()
            .map(|l| broadsheet_model::WordLine {
                article: l.article.clone(),
                words: l
                    .words
                    .iter()
                    .filter_map(|w| {
                        let text: String = w.text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                        let text = text.trim();
                        if text.is_empty() {
                            return None;
                        }
                        let text: String = text.chars().take(broadsheet_model::words::MAX_WORD).collect();
                        let (x, y, wd, ht) = pixels(&w.rect, self.width, self.height);
                        Some(broadsheet_model::Word(text, x, y, wd, ht))
                    })
                    .collect(),
            })
            .filter(|l: &broadsheet_model::WordLine| !l.words.is_empty())
            .collect();
        broadsheet_model::PageWords {
            version: broadsheet_model::VERSION,
            page: self.page.clone(),
            width: self.width,
            height: self.height,
            lines,
        }
    }

    /// The file's text (see `file_text`).
    pub fn to_text(&self) -> String {
        file_text(&self.to_file())
    }
}

/// A words file's text: compact JSON (a page holds thousands of words), ending in a line break.
pub fn file_text(file: &broadsheet_model::PageWords) -> String {
    let mut text = serde_json::to_string(file).expect("plain values serialise");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: f64, y: f64, w: f64, h: f64) -> Word {
        Word { text: text.into(), rect: Rect::xywh(x, y, w, h).unwrap() }
    }

    #[test]
    fn a_page_of_words_is_written_compactly_in_whole_page_pixels() {
        let page = PageWords {
            page: "p1".into(),
            width: 100,
            height: 50,
            lines: vec![
                Line {
                    article: Some("a1".into()),
                    words: vec![
                        word("BIG", 1.4, 2.6, 10.2, 5.0),
                        word(" ", 12.0, 2.0, 1.0, 5.0),
                        word("NEWS", 95.0, 2.0, 9.0, 5.0),
                        word("a\tb", 20.0, 2.0, 9.0, 5.0),
                    ],
                },
                Line { article: None, words: vec![word("", 0.0, 0.0, 1.0, 1.0)] },
            ],
        };
        let v = serde_json::to_value(page.to_file()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"version": 1, "page": "p1", "width": 100, "height": 50,
                "lines": [{"article": "a1", "words": [["BIG", 1, 3, 11, 5], ["NEWS", 95, 2, 5, 5], ["a b", 20, 2, 9, 5]]}]})
        );
        assert_eq!(broadsheet_model::validate_words(&page.to_file()), []);
        assert_eq!(file_name("p1"), "p1.words.json");
        assert!(!page.is_empty());
        assert!(PageWords::default().is_empty());
    }
}

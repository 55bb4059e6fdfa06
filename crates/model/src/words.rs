//! A page's words file: the words of the scan with their boxes, one file per page beside the issue
//! (named by the page's `words` field, `{page id}.words.json` as the kit writes it), so that
//! issue.json stays small and a reader fetches a page's words only when it needs them (selectable
//! text over the page image, hits shown on the words).
//!
//! ```json
//! {"version": 1, "page": "p1", "width": 2650, "height": 3297,
//!  "lines": [{"article": "a3", "words": [["BULGARIANS", 120, 300, 210, 40], …]}, …]}
//! ```
//! Lines in reading order, each with the article it belongs to where known; each word its text
//! and its box `x, y, width, height` in whole pixels of the page image at full resolution.

use crate::issue::Issue;
use crate::validate::{is_id, MAX_SIDE};
use crate::{Problem, Validate, VERSION};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Most words on one page: a dense broadsheet page of small type holds about 15,000.
pub const MAX_WORDS: usize = 100_000;
/// Most lines on one page.
pub const MAX_LINES: usize = 20_000;
/// Longest word, in characters: OCR sometimes runs a line together into one "word".
pub const MAX_WORD: usize = 500;

/// One word of the scan: its text as read, and its box in full-resolution page pixels.
/// Written as an array `[text, x, y, width, height]`: a page holds thousands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word(pub String, pub u32, pub u32, pub u32, pub u32);

impl Word {
    pub fn text(&self) -> &str {
        &self.0
    }

    /// `x, y, width, height`.
    pub fn rect(&self) -> (u32, u32, u32, u32) {
        (self.1, self.2, self.3, self.4)
    }
}

/// One printed line of words, with the id of the article it is part of, where known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    pub words: Vec<Word>,
}

/// A page's words, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageWords {
    pub version: u32,
    /// The id of the page in its issue.
    pub page: String,
    /// The size of the page image at full resolution, which the boxes are in.
    pub width: u32,
    pub height: u32,
    pub lines: Vec<WordLine>,
}

impl PageWords {
    /// The page's text as a reader copies it: words joined by a space within a line (none between
    /// two CJK characters, which are typeset without), lines by a line break.
    pub fn text(&self) -> String {
        let lines: Vec<String> = self.lines.iter().map(|l| join_words(l.words.iter().map(Word::text))).collect();
        lines.join("\n")
    }
}

/// Words of one line joined as they read: with a space, except between two CJK characters.
pub fn join_words<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        if spaced(&out, w) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether text read so far and the word after it take a space between them: yes, unless the one
/// ends and the other begins with a CJK character, or a quotation mark meets a CJK character
/// (Chinese sets “” full width, without spaces), or either is empty.
pub fn spaced(before: &str, word: &str) -> bool {
    let quote = |c: char| matches!(c, '\u{2018}'..='\u{201D}');
    match (before.chars().last(), word.chars().next()) {
        (Some(a), Some(b)) => !((is_cjk(a) && (is_cjk(b) || quote(b))) || (quote(a) && is_cjk(b))),
        _ => false,
    }
}

/// Han, kana, hangul and CJK punctuation: the scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFF60
        | 0x20000..=0x3134F)
}

impl Validate for PageWords {
    fn validate(&self) -> Vec<Problem> {
        validate_words(self)
    }
}

/// The checks a words file passes on its own: its page id, size, limits, and every word a
/// non-empty text inside the page.
pub fn validate_words(w: &PageWords) -> Vec<Problem> {
    let mut out = Vec::new();
    if w.version != VERSION {
        out.push(Problem::new(
            "version",
            format!("schema version {} is not supported; this reader reads version {VERSION}", w.version),
        ));
    }
    if !is_id(&w.page) {
        out.push(Problem::new("page", format!("{:?} is not an id: use 1 to 200 of A-Z a-z 0-9 - _ .", w.page)));
    }
    for (side, v) in [("width", w.width), ("height", w.height)] {
        if v == 0 || v > MAX_SIDE {
            out.push(Problem::new(side, format!("{v} is not a page size: use 1 to {MAX_SIDE} pixels")));
        }
    }
    if w.lines.len() > MAX_LINES {
        out.push(Problem::new("lines", format!("has {} lines, at most {MAX_LINES} are allowed", w.lines.len())));
    }
    let count: usize = w.lines.iter().map(|l| l.words.len()).sum();
    if count > MAX_WORDS {
        out.push(Problem::new("lines", format!("hold {count} words, at most {MAX_WORDS} are allowed on a page")));
    }
    for (i, line) in w.lines.iter().enumerate() {
        if let Some(a) = &line.article {
            if !is_id(a) {
                out.push(Problem::new(
                    format!("lines[{i}].article"),
                    format!("{a:?} is not an id: use 1 to 200 of A-Z a-z 0-9 - _ ."),
                ));
            }
        }
        for (j, word) in line.words.iter().enumerate() {
            let p = format!("lines[{i}].words[{j}]");
            let text = word.text();
            if text.trim().is_empty() {
                out.push(Problem::new(format!("{p}[0]"), "must not be empty"));
            } else if text.len() > MAX_WORD && text.chars().count() > MAX_WORD {
                out.push(Problem::new(
                    format!("{p}[0]"),
                    format!("is {} characters long, at most {MAX_WORD} are allowed", text.chars().count()),
                ));
            }
            if text.chars().any(|c| c.is_control()) {
                out.push(Problem::new(format!("{p}[0]"), "holds a control character (a line break or tab?)"));
            }
            let (x, y, width, height) = word.rect();
            if u64::from(x) + u64::from(width) > u64::from(w.width)
                || u64::from(y) + u64::from(height) > u64::from(w.height)
            {
                out.push(Problem::new(
                    p,
                    format!("the box {x},{y} {width}x{height} is not inside the {}x{} page", w.width, w.height),
                ));
            }
        }
    }
    out
}

/// Reads a words file's JSON, in one pass where it is well formed (the reader's page of 5,814
/// words took 50 ms with the CPU slowed 4x through `parse`, which reads the text four times to
/// name every problem by its path); where it is not, the problems are `parse`'s. Not validated:
/// that is `validate_words_in`'s, against the issue.
pub fn read_words(text: &str) -> Result<PageWords, Vec<Problem>> {
    read_words_direct(text).unwrap_or_else(|| crate::parse::<PageWords>(text))
}

/// The one pass of `read_words`, which also says at once what is not JSON. `None`: JSON of
/// another shape, whose problems only `parse` names (the reader fetches its code only then).
pub fn read_words_direct(text: &str) -> Option<Result<PageWords, Vec<Problem>>> {
    match serde_json::from_str::<PageWords>(text) {
        Ok(words) => Some(Ok(words)),
        Err(e) => crate::lenient::not_json_now(&e).map(Err),
    }
}

/// A words file against the issue that names it as the words of `pages[page]`: the same page
/// id and size, and articles that the issue has.
pub fn validate_words_in(w: &PageWords, issue: &Issue, page: usize) -> Vec<Problem> {
    let mut out = validate_words(w);
    let Some(p) = issue.pages.get(page) else {
        out.push(Problem::new("page", format!("the issue has no pages[{page}]")));
        return out;
    };
    if w.page != p.id {
        out.push(Problem::new(
            "page",
            format!("{:?} but the issue names this file as the words of {:?}", w.page, p.id),
        ));
    }
    if (w.width, w.height) != (p.image.width, p.image.height) {
        out.push(Problem::new(
            "width",
            format!(
                "the page is {}x{} here but {}x{} in the issue: the boxes would not fit its image",
                w.width, w.height, p.image.width, p.image.height
            ),
        ));
    }
    let articles: HashSet<&str> = issue.pages.iter().flat_map(|p| &p.articles).map(|a| a.id.as_str()).collect();
    for (i, line) in w.lines.iter().enumerate() {
        if let Some(a) = line.article.as_deref().filter(|a| is_id(a) && !articles.contains(a)) {
            out.push(Problem::new(format!("lines[{i}].article"), format!("{a:?} is not an article of the issue")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    const GOOD: &str = r#"{"version":1,"page":"p1","width":100,"height":200,
        "lines":[{"article":"a1","words":[["Hello",1,2,30,10],["world.",35,2,40,10]]},
                 {"words":[["中国",1,20,20,10],["妇女报",21,20,30,10]]}]}"#;

    #[test]
    fn read_words_reads_what_parse_reads_and_refuses_with_its_problems() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut seen = 0;
        for kind in ["valid", "invalid"] {
            for entry in std::fs::read_dir(format!("{dir}/{kind}")).unwrap() {
                let path = entry.unwrap().path();
                if !path.file_name().unwrap().to_string_lossy().starts_with("words-") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let (read, parsed) = (read_words(&text), parse::<PageWords>(&text));
                match (&read, &parsed) {
                    (Ok(w), Ok(p)) => assert_eq!(w, p, "{path:?}"),
                    (Ok(w), Err(problems)) => assert_eq!(&validate_words(w), problems, "{path:?}: left to validation"),
                    (Err(a), Err(b)) => assert_eq!(a, b, "{path:?}"),
                    (Err(_), Ok(_)) => panic!("{path:?}: refused by read_words alone"),
                }
                seen += 1;
            }
        }
        assert!(seen >= 5);
        for bad in [
            "",
            "[]",
            "{\"version\": 2}",
            "{\"version\": 1, \"page\": 3}",
            "{\"version\":1,\"page\":\"p\",\"width\":1,\"height\":1,\"lines\":[{\"words\":[[\"a\",1]]}]}",
        ] {
            assert_eq!(read_words(bad).unwrap_err(), parse::<PageWords>(bad).unwrap_err(), "{bad}");
        }
    }

    #[test]
    fn a_good_file_reads_and_copies_as_its_lines() {
        let w: PageWords = parse(GOOD).unwrap();
        assert_eq!(w.lines[0].words[1].rect(), (35, 2, 40, 10));
        assert_eq!(w.text(), "Hello world.\n中国妇女报");
    }

    #[test]
    fn spaces_between_words_but_not_between_cjk_characters() {
        assert_eq!(join_words(["新华社", "记者", "A.", "Smith"]), "新华社记者 A. Smith");
        assert_eq!(join_words(["第", "3", "版"]), "第 3 版");
        assert_eq!(join_words(["（", "上", "）"]), "（上）");
        assert_eq!(join_words(["见", "证", "“", "她", "”", "说"]), "见证“她”说", "quotation marks in Chinese");
        assert_eq!(join_words(["said", "“hi”", "and", "“", "left"]), "said “hi” and “ left", "and in English");
    }

    #[test]
    fn every_problem_is_named_by_its_path() {
        let bad = r#"{"version":1,"page":"p 1","width":100,"height":0,
            "lines":[{"article":"a/1","words":[["",1,2,3,4],["x",90,2,20,10],["a\tb",0,0,1,1]]}]}"#;
        let problems: Vec<String> = parse::<PageWords>(bad).unwrap_err().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            [
                "page: \"p 1\" is not an id: use 1 to 200 of A-Z a-z 0-9 - _ .",
                "height: 0 is not a page size: use 1 to 100000 pixels",
                "lines[0].article: \"a/1\" is not an id: use 1 to 200 of A-Z a-z 0-9 - _ .",
                "lines[0].words[0][0]: must not be empty",
                "lines[0].words[0]: the box 1,2 3x4 is not inside the 100x0 page",
                "lines[0].words[1]: the box 90,2 20x10 is not inside the 100x0 page",
                "lines[0].words[2][0]: holds a control character (a line break or tab?)",
                "lines[0].words[2]: the box 0,0 1x1 is not inside the 100x0 page",
            ]
        );
    }

    #[test]
    fn a_word_of_the_wrong_shape_is_refused_at_its_path() {
        let short = r#"{"version":1,"page":"p1","width":100,"height":200,"lines":[{"words":[["a",1,2,3]]}]}"#;
        let e = parse::<PageWords>(short).unwrap_err();
        assert_eq!(e[0].path, "lines[0].words[0]");
        let negative = r#"{"version":1,"page":"p1","width":100,"height":200,"lines":[{"words":[["a",-1,2,3,4]]}]}"#;
        assert_eq!(parse::<PageWords>(negative).unwrap_err()[0].path, "lines[0].words[0][1]");
        let unknown = r#"{"version":1,"page":"p1","width":100,"height":200,"lines":[],"extra":1}"#;
        assert!(parse::<PageWords>(unknown).is_err());
        let newer = r#"{"version":2,"page":"p1","width":100,"height":200,"lines":[]}"#;
        assert_eq!(parse::<PageWords>(newer).unwrap_err()[0].path, "version");
    }

    #[test]
    fn limits_hold() {
        let word = Word("w".into(), 0, 0, 1, 1);
        let many = PageWords {
            version: 1,
            page: "p1".into(),
            width: 10,
            height: 10,
            lines: vec![WordLine { article: None, words: vec![word; MAX_WORDS + 1] }],
        };
        assert!(validate_words(&many).iter().any(|p| p.message.contains("at most 100000")));
        let long = PageWords {
            lines: vec![WordLine { article: None, words: vec![Word("x".repeat(MAX_WORD + 1), 0, 0, 1, 1)] }],
            ..many
        };
        assert_eq!(validate_words(&long)[0].path, "lines[0].words[0][0]");
    }

    #[test]
    fn against_its_issue_the_page_size_and_articles_must_match() {
        let issue: Issue = parse(
            r#"{"version":1,"date":"2016-09-24","pages":[{"id":"p1","number":"1","name":"一版",
            "image":{"src":"p1.jpg","width":100,"height":200},"articles":[{"id":"a1","title":"T"}]}]}"#,
        )
        .unwrap();
        let w: PageWords = parse(GOOD).unwrap();
        assert_eq!(validate_words_in(&w, &issue, 0), []);
        let other = PageWords {
            page: "p2".into(),
            width: 50,
            lines: vec![WordLine { article: Some("a9".into()), words: vec![] }],
            ..w
        };
        let problems: Vec<String> = validate_words_in(&other, &issue, 0).iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            [
                "page: \"p2\" but the issue names this file as the words of \"p1\"",
                "width: the page is 50x200 here but 100x200 in the issue: the boxes would not fit its image",
                "lines[0].article: \"a9\" is not an article of the issue",
            ]
        );
    }
}

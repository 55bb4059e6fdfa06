//! Strings of reading an article aloud, in Chinese and English. Each is both the button's visible
//! text and its accessible name, so the name says what a press will do.

use super::Lang;

pub struct ReadAloudStrings {
    /// Starts reading the article from its title.
    pub read_aloud: &'static str,
    /// Pauses while reading.
    pub pause: &'static str,
    /// Goes on where it paused.
    pub resume: &'static str,
}

pub static ZH: ReadAloudStrings = ReadAloudStrings { read_aloud: "朗读", pause: "暂停", resume: "继续" };

pub static EN: ReadAloudStrings = ReadAloudStrings { read_aloud: "Read aloud", pause: "Pause", resume: "Resume" };

impl Lang {
    pub fn read_aloud(self) -> &'static ReadAloudStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differ_from_the_other_article_tools() {
        for lang in [Lang::Zh, Lang::En] {
            let (s, a) = (lang.strings(), lang.read_aloud());
            let names = [a.read_aloud, a.pause, a.resume];
            for other in [s.larger, s.smaller, s.default_size, s.text_view, s.page_view, s.close] {
                assert!(!names.contains(&other), "{other}");
            }
        }
        assert_eq!(Lang::Zh.read_aloud().resume, "继续");
    }
}

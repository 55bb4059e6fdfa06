//! Reading an article aloud with the browser's speech synthesis: what is read and in which
//! pieces, which voice reads it, and the play/pause state. Plain Rust, tested natively; `view`
//! is the thin glue to `window.speechSynthesis`.

use broadsheet_model::{Article, Block};

pub mod view;

/// What is marked on screen while a piece is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Title,
    Subtitle,
    /// A block of the body, by its index.
    Block(usize),
}

/// One utterance: a short text and the element it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub mark: Mark,
    pub text: String,
}

/// The longest piece, in characters. Chromium's network voices stop speaking after about 15 s
/// of one utterance; Chinese is read at about 4 to 5 characters a second, so a long paragraph
/// goes out in several pieces (split at sentences, else clauses), all marking that paragraph.
pub const MAX_PIECE: usize = 60;

/// The article as pieces to speak, in reading order: title, subtitle, then paragraphs, headings
/// and image captions. The kicker (引题) and byline are left out; blocks with nothing to say are
/// skipped.
pub fn pieces(article: &Article) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut add = |mark, text: &str| {
        let text = speakable(text);
        out.extend(split(&text, MAX_PIECE).into_iter().map(|text| Piece { mark, text }));
    };
    add(Mark::Title, &article.title);
    if let Some(s) = &article.subtitle {
        add(Mark::Subtitle, s);
    }
    for (i, b) in article.body.iter().enumerate() {
        match b {
            Block::Paragraph { text } | Block::Heading { text } => add(Mark::Block(i), text),
            Block::Image { caption: Some(c), .. } => add(Mark::Block(i), c),
            Block::Image { caption: None, .. } => {}
        }
    }
    out
}

/// Marks that set a line off in print but read badly (dashes before a subtitle, boxes before a
/// byline, bullets) are dropped from the start; runs of white space become one space.
pub fn speakable(text: &str) -> String {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || "—–-□■●◆◇★☆·•".contains(c));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sentence ends; the ASCII ones only before white space or the end (so 3.5 stays whole).
const SENTENCE_ENDS: &str = "。！？；…!?;.";
/// Clause marks, for a sentence that is still too long.
const CLAUSE_ENDS: &str = "，、：,:";
/// Closing quotes and brackets stay with the sentence they close.
const CLOSERS: &str = "”’」』）》\"')]";

/// Splits text into pieces of at most `max` characters, each as long as it can be: ending at the
/// last sentence end that fits, else the last clause mark, else at `max`.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let max = max.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = chars.len().min(start + max);
        if end < chars.len() {
            let last = |ends: &str| (start + 1..=end).rev().find(|&j| ends_before(&chars, j, ends));
            end = last(SENTENCE_ENDS).or_else(|| last(CLAUSE_ENDS)).unwrap_or(end);
        }
        let piece: String = chars[start..end].iter().collect();
        if !piece.trim().is_empty() {
            out.push(piece.trim().to_string());
        }
        start = end;
    }
    out
}

/// Whether a piece may end just before `chars[j]`: after one of `ends` and any closers that
/// follow it, not inside a run of them; an ASCII mark only before white space or the end.
fn ends_before(chars: &[char], j: usize, ends: &str) -> bool {
    let mut i = j;
    while i > 0 && CLOSERS.contains(chars[i - 1]) {
        i -= 1;
    }
    let next = chars.get(j).copied();
    i > 0
        && ends.contains(chars[i - 1])
        && !next.is_some_and(|n| CLOSERS.contains(n) || ends.contains(n))
        && (!chars[i - 1].is_ascii() || next.is_none_or(char::is_whitespace))
}

/// A language tag made comparable: lower case, `-` between subtags; `cmn` (Mandarin, as some
/// speech engines name their voices) counts as `zh`.
fn normalise(tag: &str) -> Vec<String> {
    let mut subtags: Vec<String> = tag.split(['-', '_']).map(|s| s.to_ascii_lowercase()).collect();
    if subtags[0] == "cmn" {
        subtags[0] = "zh".into();
    }
    subtags
}

/// How well a voice's language serves the wanted one: 4 the same tag, 3 the same language and
/// region (zh-Hans-CN for zh-CN), 2 the bare language (zh), 1 another variant (zh-TW), 0 none.
pub fn voice_fit(voice: &str, want: &str) -> u8 {
    let (v, w) = (normalise(voice), normalise(want));
    let region = |t: &[String]| t.iter().skip(1).find(|s| s.len() == 2).cloned();
    if v[0].is_empty() || v[0] != w[0] {
        0
    } else if v == w {
        4
    } else if region(&v).is_some() && region(&v) == region(&w) {
        3
    } else if v.len() == 1 {
        2
    } else {
        1
    }
}

/// The voice to read `want` with: the best fit, the browser's default among equals, else the
/// first. None when no voice speaks the language. `tag` gives a voice's language tag and
/// whether it is the default.
pub fn choose_voice<V>(
    voices: impl IntoIterator<Item = V>,
    want: &str,
    tag: impl Fn(&V) -> (String, bool),
) -> Option<V> {
    let mut best: Option<((u8, bool), V)> = None;
    for v in voices {
        let (lang, default) = tag(&v);
        let key = (voice_fit(&lang, want), default);
        if key.0 > 0 && best.as_ref().is_none_or(|(b, _)| key > *b) {
            best = Some((key, v));
        }
    }
    best.map(|(_, v)| v)
}

/// Where reading is: nothing, speaking piece `n`, or paused at piece `at`. `dropped` says the
/// platform let go of the paused utterance (Chrome on Android ends it on pause), so resuming
/// must speak it again rather than resume.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum State {
    #[default]
    Idle,
    Playing(usize),
    Paused {
        at: usize,
        dropped: bool,
    },
}

/// What the glue must ask of the speech synthesis after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Speak(usize),
    Pause,
    Resume,
    Cancel,
}

/// What the one button offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    Play,
    Pause,
    Resume,
}

pub type Step = (State, Option<Command>);

impl State {
    /// The button pressed, with `pieces` to read: play from the start, pause, or resume.
    pub fn press(self, pieces: usize) -> Step {
        match self {
            State::Idle if pieces == 0 => (State::Idle, None),
            State::Idle => (State::Playing(0), Some(Command::Speak(0))),
            State::Playing(at) => (State::Paused { at, dropped: false }, Some(Command::Pause)),
            State::Paused { at, dropped: false } => (State::Playing(at), Some(Command::Resume)),
            State::Paused { at, dropped: true } => (State::Playing(at), Some(Command::Speak(at))),
        }
    }

    /// The piece being spoken ended: on to the next, or done after the last.
    pub fn ended(self, pieces: usize) -> Step {
        match self {
            State::Playing(at) if at + 1 < pieces => (State::Playing(at + 1), Some(Command::Speak(at + 1))),
            State::Playing(_) => (State::Idle, None),
            State::Paused { at, .. } => (State::Paused { at, dropped: true }, None),
            State::Idle => (State::Idle, None),
        }
    }

    /// The synthesis failed: stop rather than skip through the article, unless paused, where
    /// the failure is the platform dropping the paused utterance.
    pub fn failed(self) -> Step {
        match self {
            State::Paused { at, .. } => (State::Paused { at, dropped: true }, None),
            _ => self.stop(),
        }
    }

    /// The article changed or closed.
    pub fn stop(self) -> Step {
        match self {
            State::Idle => (State::Idle, None),
            _ => (State::Idle, Some(Command::Cancel)),
        }
    }

    /// The piece being read or paused at.
    pub fn at(self) -> Option<usize> {
        match self {
            State::Idle => None,
            State::Playing(at) | State::Paused { at, .. } => Some(at),
        }
    }

    pub fn button(self) -> Button {
        match self {
            State::Idle => Button::Play,
            State::Playing(_) => Button::Pause,
            State::Paused { .. } => Button::Resume,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(json: serde_json::Value) -> Article {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn reads_title_subtitle_and_body_in_order_skipping_kicker_byline_and_bare_images() {
        let a = article(serde_json::json!({
            "id": "a1", "pretitle": "引题", "title": "好姐妹·娘家人", "subtitle": "——全面深化改革",
            "byline": "□ 新华社记者 黄小希",
            "body": [
                { "type": "paragraph", "text": "第一段。" },
                { "type": "image", "src": "a.jpg", "width": 10, "height": 10 },
                { "type": "heading", "text": "小标题" },
                { "type": "paragraph", "text": "   " },
                { "type": "image", "src": "b.jpg", "width": 10, "height": 10, "caption": "图说" },
            ]
        }));
        let got: Vec<(Mark, String)> = pieces(&a).into_iter().map(|p| (p.mark, p.text)).collect();
        assert_eq!(
            got,
            [
                (Mark::Title, "好姐妹·娘家人"),
                (Mark::Subtitle, "全面深化改革"),
                (Mark::Block(0), "第一段。"),
                (Mark::Block(2), "小标题"),
                (Mark::Block(4), "图说"),
            ]
            .map(|(m, t)| (m, t.to_string()))
        );
    }

    #[test]
    fn print_marks_and_white_space_are_not_spoken() {
        assert_eq!(speakable("□ 新华社记者  黄小希"), "新华社记者 黄小希");
        assert_eq!(speakable("——副题"), "副题");
        assert_eq!(speakable(" a\n b "), "a b");
        assert_eq!(speakable("●"), "");
    }

    #[test]
    fn short_text_is_one_piece() {
        assert_eq!(split("厦门市思明区。前埔北社区。", 60), ["厦门市思明区。前埔北社区。"]);
        assert!(split("  ", 60).is_empty());
    }

    #[test]
    fn long_text_splits_at_sentences_and_packs_them_up_to_the_limit() {
        let text = "一二三四五。六七八九十！一二三四五？六七八九十。";
        assert_eq!(split(text, 12), ["一二三四五。六七八九十！", "一二三四五？六七八九十。"]);
        // Closing quotes stay with their sentence.
        assert_eq!(split("他说:“好。”然后走了。", 8), ["他说:“好。”", "然后走了。"]);
    }

    #[test]
    fn a_long_sentence_splits_at_clauses_then_anywhere() {
        assert_eq!(split("一二三四，五六七八，九十", 6), ["一二三四，", "五六七八，", "九十"]);
        // An ASCII comma splits only before a space: 1,000 stays whole.
        assert_eq!(split("About 1,000 came, and left", 18), ["About 1,000 came,", "and left"]);
        assert_eq!(split("一二三四五六七八九十", 4), ["一二三四", "五六七八", "九十"]);
        for piece in split(&"很长的句子没有标点".repeat(20), MAX_PIECE) {
            assert!(piece.chars().count() <= MAX_PIECE);
        }
    }

    #[test]
    fn latin_periods_end_sentences_only_before_a_space() {
        assert_eq!(split("It rose 3.5 per cent. Then it fell.", 25), ["It rose 3.5 per cent.", "Then it fell."]);
        assert_eq!(split("One. Two. Three.", 10), ["One. Two.", "Three."]);
    }

    #[test]
    fn every_character_is_read_once() {
        let text = "第一句话很长很长，有逗号，还有顿号、分号；问号？感叹号！“引号。”最后一句没有句号";
        for max in [1, 3, 7, 20, 200] {
            let joined: String = split(text, max).concat();
            assert_eq!(joined, text, "max {max}");
        }
    }

    #[test]
    fn voices_by_language_with_fallback() {
        let v = |list: &[(&'static str, bool)], want| {
            choose_voice(list.iter().enumerate(), want, |(_, (l, d))| (l.to_string(), *d)).map(|(i, _)| i)
        };
        // zh-CN, then zh, then any zh-*; never another language.
        assert_eq!(v(&[("en-US", true), ("zh-TW", false), ("zh", false), ("zh-CN", false)], "zh-CN"), Some(3));
        assert_eq!(v(&[("en-US", true), ("zh-TW", false), ("zh", false)], "zh-CN"), Some(2));
        assert_eq!(v(&[("en-US", true), ("zh-TW", false), ("zh-HK", false)], "zh-CN"), Some(1));
        assert_eq!(v(&[("en-US", true), ("fr-FR", false)], "zh-CN"), None);
        assert_eq!(v(&[], "zh-CN"), None);
        // Case, underscores, scripts and Mandarin's own code.
        assert_eq!(v(&[("ZH_cn", false)], "zh-CN"), Some(0));
        assert_eq!(v(&[("zh-TW", false), ("zh-Hans-CN", false)], "zh-CN"), Some(1));
        assert_eq!(v(&[("cmn-CN", false)], "zh-CN"), Some(0));
        assert_eq!(v(&[("zh-CN", false)], "zh"), Some(0));
        // Among equals the browser's default, else the first.
        assert_eq!(v(&[("zh-CN", false), ("zh-CN", true)], "zh-CN"), Some(1));
        assert_eq!(v(&[("en-GB", false), ("en-US", false)], "en"), Some(0));
        assert_eq!(v(&[("", false)], ""), None);
    }

    #[test]
    fn plays_pauses_resumes_and_moves_on_piece_by_piece() {
        let s = State::Idle;
        assert_eq!(s.button(), Button::Play);
        let (s, c) = s.press(3);
        assert_eq!((s, c), (State::Playing(0), Some(Command::Speak(0))));
        assert_eq!(s.button(), Button::Pause);
        let (s, c) = s.ended(3);
        assert_eq!((s, c), (State::Playing(1), Some(Command::Speak(1))));
        let (s, c) = s.press(3);
        assert_eq!((s, c), (State::Paused { at: 1, dropped: false }, Some(Command::Pause)));
        assert_eq!((s.button(), s.at()), (Button::Resume, Some(1)));
        let (s, c) = s.press(3);
        assert_eq!((s, c), (State::Playing(1), Some(Command::Resume)));
        let (s, _) = s.ended(3);
        let (s, c) = s.ended(3);
        assert_eq!((s, c), (State::Idle, None), "done after the last piece");
        assert_eq!(s.at(), None);
    }

    #[test]
    fn nothing_to_read_does_nothing() {
        assert_eq!(State::Idle.press(0), (State::Idle, None));
        assert_eq!(State::Idle.ended(3), (State::Idle, None));
        assert_eq!(State::Idle.stop(), (State::Idle, None));
    }

    #[test]
    fn stopping_cancels_from_any_reading_state() {
        assert_eq!(State::Playing(2).stop(), (State::Idle, Some(Command::Cancel)));
        assert_eq!(State::Paused { at: 0, dropped: true }.stop(), (State::Idle, Some(Command::Cancel)));
        assert_eq!(State::Playing(2).failed(), (State::Idle, Some(Command::Cancel)));
    }

    #[test]
    fn a_paused_utterance_the_platform_dropped_is_spoken_again_on_resume() {
        let paused = State::Paused { at: 1, dropped: false };
        for (s, _) in [paused.ended(3), paused.failed()] {
            assert_eq!(s, State::Paused { at: 1, dropped: true });
            assert_eq!(s.press(3), (State::Playing(1), Some(Command::Speak(1))));
        }
    }
}

//! What a line's text says about it: OCR debris, capitals, headline case.

use super::Line;

/// Features of each line's text, by line index.
pub struct Text {
    /// OCR debris: a run of punctuation, or one or two stray characters.
    pub debris: Vec<bool>,
    /// Set in capitals (four letters or more, nearly all upper case).
    pub caps: Vec<bool>,
    /// Every significant word starts with a capital ("Rutgers College Anniversary").
    pub titled: Vec<bool>,
    /// Starts with a lower-case letter, or ends with a hyphen: running text.
    pub running: Vec<bool>,
    /// Most of its words are words as printed, not OCR garbage ("JP7S'").
    pub clean: Vec<bool>,
}

impl Text {
    pub fn of(lines: &[Line]) -> Text {
        let mut t =
            Text { debris: Vec::new(), caps: Vec::new(), titled: Vec::new(), running: Vec::new(), clean: Vec::new() };
        for l in lines {
            t.debris.push(debris(&l.text));
            t.caps.push(caps(&l.text));
            t.titled.push(titled(&l.text));
            t.running.push(running(&l.text));
            t.clean.push(clean(&l.text));
        }
        t
    }
}

/// A line of OCR debris: at most two letters or digits, or fewer letters and digits than
/// other marks (". . - i ' ,").
pub fn debris(text: &str) -> bool {
    let alnum = text.chars().filter(|c| c.is_alphanumeric()).count();
    let marks = text.chars().filter(|c| !c.is_whitespace() && !c.is_alphanumeric()).count();
    alnum <= 2 || alnum < marks
}

/// Set in capitals: at least four letters, at least 80 % of them upper case.
pub fn caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 4 && upper * 5 >= letters.len() * 4
}

/// Words that headline case leaves in lower case.
const SMALL: [&str; 16] =
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "is"];

/// Headline case: at least two words, every word of three letters or more (other than the
/// small ones) starts with a capital.
pub fn titled(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let big: Vec<&&str> =
        words.iter().filter(|w| w.chars().count() >= 3 && !SMALL.contains(&w.to_lowercase().as_str())).collect();
    words.len() >= 2
        && !big.is_empty()
        && big.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()))
}

/// Running text: starts with a lower-case letter or ends with a hyphen.
pub fn running(text: &str) -> bool {
    let t = text.trim();
    t.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase) || (t.ends_with('-') && !t.ends_with("--"))
}

/// Whether most words of a text (marks alone do not count) are words as printed: letters
/// with inner ' - . &, or a number.
pub fn clean(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let good = words
        .iter()
        .filter(|w| {
            w.chars().all(|c| c.is_alphabetic() || "'’-.&".contains(c))
                || w.chars().all(|c| c.is_ascii_digit() || ",.".contains(c))
        })
        .count();
    good * 2 > words.len()
}

/// The median of some values (the upper one of an even count); None for none.
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// The value below which a fraction `q` of the values lie.
pub fn quantile(mut v: Vec<f64>, q: f64) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let i = ((v.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    Some(v[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_capitals_and_headline_case() {
        for d in ["i ...... - i", "' i", "9 1", "t", ",.;", "— — —"] {
            assert!(debris(d), "{d}");
        }
        for t in ["Reward , i", "W. C. T. U.", "The sheepman are happy", "1916"] {
            assert!(!debris(t), "{t}");
        }
        assert!(caps("BULGARIANS SEIZE") && caps("W. C. T. U.") && caps("HOUSE IS IN SHAPE 10"));
        assert!(!caps("Epitome of the News") && !caps("U. S."));
        assert!(
            titled("Rutgers College Anniversary.")
                && titled("Epitome of the News")
                && titled("Some Recent Hotel Arrivals")
        );
        assert!(
            !titled("the present year, paid to their stock")
                && !titled("Reward")
                && !titled("Attorney Sam Cline went to Fillmore")
        );
        assert!(running("ing excercises last night") && running("Tuesday evening, was not largely atten-"));
        assert!(!running("The NEWS is enabled to give a"));
        assert!(clean("BIG NAVAL \"BATTLE\"") && clean("10 ADJOURN FRIDAY.") && clean("Milford-Malone Road"));
        assert!(!clean("hen'egg , JP7S'") && !clean("S7:'iUS2',tieejcy") && !clean(""));
        assert_eq!(median(vec![3.0, 1.0, 2.0, f64::NAN]), Some(2.0));
        assert_eq!(quantile(vec![1.0, 2.0, 3.0, 4.0, 5.0], 0.9), Some(5.0));
        assert_eq!(median(Vec::new()), None);
    }
}

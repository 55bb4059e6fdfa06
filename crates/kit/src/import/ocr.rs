//! Articles from OCR text: ALTO blocks (with their lines and words) made into a title,
//! headings and paragraphs. The METS importer uses it for the blocks of a logical item and for
//! single blocks without a logical map; layout-based segmentation can use it for the blocks it
//! groups.

use super::alto::{self, Block};
use super::{id_from, shorten, squash};
use broadsheet_model::{Article, ArticleKind, Block as Para, Region};

/// The text of an article's blocks, in reading order: the title it has (or else its first
/// headline line, or else its first words) and its body. Headline lines that repeat the title
/// or `subtitle` are left out; further decks become headings.
pub fn titled_text(blocks: &[&Block], title: Option<String>, subtitle: Option<&str>) -> (Option<String>, Vec<Para>) {
    let known: Vec<&str> = title.iter().map(String::as_str).chain(subtitle).collect();
    let (skip, headings) = display_lines(blocks, &known);
    let paras = alto::paragraphs(blocks, &|b, l| b == 0 && skip.contains(&l));
    let title = title.or_else(|| headings.first().cloned()).or_else(|| paras.first().map(|p| shorten(p, 80)));
    let headings = if title.as_ref() == headings.first() { &headings[1.min(headings.len())..] } else { &headings[..] };
    let mut body: Vec<Para> = headings.iter().map(|t| Para::Heading { text: shorten(t, 200) }).collect();
    body.extend(paras.into_iter().map(|text| Para::Paragraph { text }));
    (title, body)
}

/// One ALTO block as an article with `regions`: titled from its headline lines (set larger
/// than its text), else from its first words, else from its id.
pub fn block_article(b: &Block, regions: Vec<Region>) -> Article {
    let (skip, headings) = display_lines(&[b], &[]);
    let paras = alto::paragraphs(&[b], &|_, l| skip.contains(&l));
    let (title, body) = match headings.split_first() {
        Some((t, rest)) => (
            t.clone(),
            rest.iter()
                .map(|h| Para::Heading { text: h.clone() })
                .chain(paras.into_iter().map(|text| Para::Paragraph { text }))
                .collect(),
        ),
        None => (
            shorten(paras.first().map(String::as_str).unwrap_or(""), 80),
            paras.into_iter().map(|text| Para::Paragraph { text }).collect(),
        ),
    };
    let title = if title.is_empty() { id_from(&b.id) } else { shorten(&title, 300) };
    Article {
        id: String::new(),
        kind: ArticleKind::Article,
        pretitle: None,
        title,
        subtitle: None,
        byline: None,
        body,
        regions,
    }
}

/// Whether two words are the same up to OCR errors (an edit distance of a third of the
/// longer word).
fn alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut prev = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let cur = row[j];
            row[j] = (prev + (a[i - 1] != b[j - 1]) as usize).min(row[j] + 1).min(row[j - 1] + 1);
            prev = cur;
        }
    }
    row[b.len()] * 3 <= a.len().max(b.len())
}

/// A word as printed: letters (with inner ' - . &), or a number, with punctuation around.
fn clean_word(w: &str) -> bool {
    let core = w.trim_matches(|c: char| !c.is_alphanumeric());
    !core.is_empty()
        && (core.chars().all(|c| c.is_alphabetic() || "'’-.&".contains(c))
            || core.chars().all(|c| c.is_ascii_digit() || ",.".contains(c)))
}

/// Leading lines of an article's first block that carry its headline rather than its text:
/// lines set larger than the text, and lines that repeat the title or subtitle. Of these,
/// the ones that repeat the title or subtitle or are OCR noise are dropped, and the others
/// (further decks) become headings. Returns the line indexes to leave out and the headings.
fn display_lines(blocks: &[&Block], known: &[&str]) -> (Vec<usize>, Vec<String>) {
    let mut heights: Vec<f64> =
        blocks.iter().flat_map(|b| b.lines.iter().filter_map(|l| l.rect.map(|r| r.height()))).collect();
    heights.sort_by(f64::total_cmp);
    let median = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 1).map(str::to_lowercase).collect()
    };
    let known: Vec<String> = known.iter().flat_map(|k| words(k)).collect();
    let (mut skip, mut headings) = (Vec::new(), Vec::new());
    let Some(first) = blocks.first() else {
        return (skip, headings);
    };
    for (i, l) in first.lines.iter().enumerate() {
        let text = squash(&l.words.iter().map(|w| w.content.as_str()).collect::<Vec<_>>().join(" "));
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
        if letters < 3 && i + 1 < first.lines.len() {
            skip.push(i);
            continue;
        }
        let big = median > 0.0 && l.rect.is_some_and(|r| r.height() > 1.35 * median);
        let w = words(&text);
        let shared = w.iter().filter(|x| known.iter().any(|k| alike(x, k))).count();
        let repeats = !w.is_empty() && shared * 5 >= w.len() * 3;
        if !big && !repeats {
            break;
        }
        skip.push(i);
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let clean = tokens.iter().filter(|t| clean_word(t)).count();
        let noise = clean * 10 < tokens.len() * 7;
        if !repeats && !noise && shared * 2 < w.len().max(1) {
            headings.push(text);
        }
    }
    (skip, headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_alike_words() {
        assert!(alike("correipndent", "correspondent"));
        assert!(alike("succcts", "success"));
        assert!(!alike("har", "have"));
        assert!(clean_word("Milford-Malone") && clean_word("\"Judge\"") && clean_word("1916."));
        assert!(!clean_word("S7:'iUS2',tieejcy") && !clean_word(","));
    }
}

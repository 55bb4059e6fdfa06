//! An ALTO page through the segmentation: its lines in page pixels with their type sizes,
//! the stories made into articles (titles from the headline lines, decks as subtitle and
//! headings, text as paragraphs), and the page's words with their boxes.

use super::lines::{debris, median};
use super::{Kind, Part, Story};
use crate::import::alto::{self, Alto};
use crate::import::geom::{self, Rect};
use crate::import::words::{self, PageWords};
use crate::import::{shorten, squash};
use broadsheet_model::{Article, ArticleKind, Block as Para, Region};
use std::collections::HashSet;
use std::ops::Range;

/// Where each segmentation line comes from: its ALTO block and line, and which of the
/// line's words.
pub type Origin = Vec<(usize, usize, Range<usize>)>;

/// An ALTO box in page pixels.
fn px(r: &Rect, (sx, sy): (f64, f64)) -> Rect {
    r.scale(sx, sy)
}

/// The height of some words' letters: the median height of those of two characters or more
/// (a stray mark or a box drawn too tall does not count; of two, the lower), else `line`.
fn glyph_height(words: &[alto::Word], line: f64, scale: (f64, f64)) -> f64 {
    let mut heights: Vec<f64> = words
        .iter()
        .filter(|w| w.content.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .filter_map(|w| w.rect.map(|r| r.height() * scale.1))
        .filter(|h| *h > 0.0)
        .collect();
    heights.sort_by(f64::total_cmp);
    heights.get(heights.len().saturating_sub(1) / 2).copied().unwrap_or(line)
}

/// A line's words cut where a gap of more than 2.5 times the line's height opens (OCR reads
/// across a narrow gutter into the next column, and across the columns of a table), and
/// where the type changes size (between words of two letters or more, one 2.2 times as high
/// as the other: the end of a column's line read with a headline beside it).
fn stretches(l: &alto::Line) -> Vec<Range<usize>> {
    let height = l.rect.map_or(0.0, |r| r.height());
    let worded = |w: &alto::Word| w.content.chars().filter(|c| c.is_alphanumeric()).count() >= 2;
    let mut out: Vec<Range<usize>> = Vec::new();
    let (mut last, mut last_word): (Option<Rect>, Option<f64>) = (None, None);
    for (k, w) in l.words.iter().enumerate() {
        let far = matches!((last, w.rect), (Some(p), Some(r)) if r.x0 - p.x1 > 2.5 * height);
        let size = w.rect.filter(|_| worded(w)).map(|r| r.height()).filter(|h| *h > 0.0);
        let jump = matches!((last_word, size), (Some(a), Some(b)) if a.max(b) >= 2.2 * a.min(b));
        match out.last_mut() {
            Some(r) if !far && !jump => r.end = k + 1,
            _ => out.push(k..k + 1),
        }
        last = w.rect.or(last);
        last_word = size.or(last_word);
    }
    out
}

/// The words `range` of line `l` as a line of their own, its box theirs.
fn part_of(l: &alto::Line, range: Range<usize>) -> alto::Line {
    let words = l.words[range].to_vec();
    let rect = words.iter().filter_map(|w| w.rect).reduce(|a, b| a.union(&b)).or(l.rect);
    alto::Line { words, rect, ..l.clone() }
}

/// The lines of an ALTO page with text and a box, in page pixels, in OCR order (a line
/// read across a gutter cut in two), and where each comes from. Their size is the font size
/// where most lines have one and the sizes vary (a line without one sized by its height
/// against the body's), else the height of their letters.
pub fn lines(alto: &Alto, scale: (f64, f64)) -> (Vec<super::Line>, Origin) {
    let mut out = Vec::new();
    let mut origin = Vec::new();
    let mut fonts = Vec::new();
    for (b, block) in alto.blocks.iter().enumerate() {
        for (k, full) in block.lines.iter().enumerate() {
            for range in stretches(full) {
                let l = part_of(full, range.clone());
                let mut text = squash(&l.words.iter().map(|w| w.content.as_str()).collect::<Vec<_>>().join(" "));
                // A word split at the end of the line (an ALTO HYP or first part) shows its hyphen.
                let split = l.hyphen || l.words.last().is_some_and(|w| w.part == 1);
                if range.end == full.words.len() && split && !text.is_empty() && !text.ends_with('-') {
                    text.push('-');
                }
                let (Some(r), false) = (l.rect, text.is_empty()) else {
                    continue;
                };
                let size = glyph_height(&l.words, r.height() * scale.1, scale);
                out.push(super::Line { rect: px(&r, scale), text, size, block: b });
                origin.push((b, k, range));
                fonts.push(l.font);
            }
        }
    }
    let with: Vec<f64> = fonts.iter().flatten().copied().collect();
    let distinct = with.iter().any(|f| *f != with[0]);
    if distinct && with.len() * 5 >= out.len() * 4 {
        // A line without a font is sized by its height, as the body's font is to its height.
        let body = median(with.clone()).unwrap_or(1.0);
        let body_h = median(out.iter().zip(&fonts).filter(|(_, f)| **f == Some(body)).map(|(l, _)| l.size).collect());
        for (l, f) in out.iter_mut().zip(&fonts) {
            l.size = f.unwrap_or_else(|| l.size / body_h.unwrap_or(l.size) * body);
        }
    }
    (out, origin)
}

/// A page's rules (graphical elements drawn flat) in page pixels.
pub fn rules(alto: &Alto, scale: (f64, f64)) -> Vec<Rect> {
    alto.graphics.iter().map(|r| px(r, scale)).filter(|r| r.width() >= 4.0 * r.height()).collect()
}

/// A headline line's words as printed: the words of the longest stretch of the line (the ends
/// of a neighbouring column read with it are cut off at the gutter), without words less than
/// half as high as its others (body type read with it) and stray marks and single
/// lower-case letters at its ends.
fn head_line(l: &alto::Line) -> alto::Line {
    let height = l.rect.map_or(0.0, |r| r.height());
    let worded = |w: &&alto::Word| w.content.chars().filter(|c| c.is_alphanumeric()).count() >= 2;
    let typical = median(l.words.iter().filter(worded).filter_map(|w| w.rect.map(|r| r.height())).collect());
    let small = |w: &alto::Word| matches!((w.rect, typical), (Some(r), Some(t)) if r.height() < 0.5 * t);
    let mut groups: Vec<Vec<&alto::Word>> = Vec::new();
    for w in l.words.iter().filter(|w| !w.content.trim().is_empty() && !small(w)) {
        let far = match (groups.last().and_then(|g| g.last()).and_then(|p| p.rect), w.rect) {
            (Some(p), Some(r)) => r.x0 - p.x1 > 1.5 * height,
            _ => false,
        };
        match groups.last_mut() {
            Some(g) if !far => g.push(w),
            _ => groups.push(vec![w]),
        }
    }
    let letters = |g: &Vec<&alto::Word>| {
        g.iter().map(|w| w.content.chars().filter(|c| c.is_alphanumeric()).count()).sum::<usize>()
    };
    let mut best: Vec<&alto::Word> = groups.into_iter().max_by_key(letters).unwrap_or_default();
    let stray = |w: &&alto::Word| {
        let t = w.content.trim();
        let alnum: Vec<char> = t.chars().filter(|c| c.is_alphanumeric()).collect();
        alnum.is_empty() || (alnum.len() == 1 && alnum[0].is_lowercase() && t.chars().count() <= 2)
    };
    while best.first().is_some_and(stray) {
        best.remove(0);
    }
    while best.last().is_some_and(stray) {
        best.pop();
    }
    alto::Line { words: best.into_iter().cloned().collect(), ..l.clone() }
}

/// A title as printed, cleaned: markers such as `[Illegible]` taken out, stray punctuation
/// and a closing full stop (not an initial's) dropped.
pub fn clean_title(s: &str) -> String {
    let mut t = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map(|c| open + c);
        match close {
            Some(c) if c - open <= 24 => {
                t.push_str(&rest[..open]);
                rest = &rest[c + 1..];
            }
            _ => {
                t.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    t.push_str(rest);
    // Marks standing alone at either end are OCR specks.
    let mut words: Vec<&str> = t.split_whitespace().collect();
    let speck = |w: &&str| !w.chars().any(char::is_alphanumeric);
    while words.first().is_some_and(speck) {
        words.remove(0);
    }
    while words.last().is_some_and(speck) {
        words.pop();
    }
    let t = words.join(" ");
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric() && !"\"“‘'$(（《「『【".contains(c));
    let mut t = t.trim_end_matches(|c: char| ",;:-—–~_*|/\\".contains(c) || c.is_whitespace()).to_string();
    let last = t.split_whitespace().last().unwrap_or("");
    if t.ends_with('.') && last.trim_matches(|c: char| !c.is_alphanumeric()).chars().count() > 2 {
        t.pop();
    }
    t.trim().to_string()
}

/// The text of lines (segmentation indexes) as one headline.
fn headline(alto: &Alto, origin: &Origin, idx: &[usize]) -> String {
    let lines: Vec<alto::Line> = idx
        .iter()
        .map(|&i| line(alto, origin, i))
        .filter(|l| !debris(&l.words.iter().map(|w| w.content.as_str()).collect::<Vec<_>>().join(" ")))
        .map(|l| head_line(&l))
        .collect();
    let refs: Vec<&alto::Line> = lines.iter().collect();
    clean_title(&alto::join(&refs))
}

/// Segmentation line `i` as an ALTO line of its words.
fn line(alto: &Alto, origin: &Origin, i: usize) -> alto::Line {
    let (b, k, r) = &origin[i];
    part_of(&alto.blocks[*b].lines[*k], r.clone())
}

/// A story's body: further `decks` and crossheads as headings, its text as paragraphs (a
/// paragraph cut by a column break goes on).
fn body(alto: &Alto, origin: &Origin, decks: &[String], parts: &[Part]) -> Vec<Para> {
    let mut out: Vec<Para> = decks.iter().map(|d| Para::Heading { text: shorten(d, 200) }).collect();
    let mut texts = alto::Paragraphs::default();
    let flush = |texts: &mut alto::Paragraphs, out: &mut Vec<Para>| {
        out.extend(texts.take().into_iter().map(|text| Para::Paragraph { text }));
    };
    for part in parts {
        match part {
            Part::Heading(l) => {
                let text = headline(alto, origin, l);
                if !text.is_empty() {
                    flush(&mut texts, &mut out);
                    out.push(Para::Heading { text: shorten(&text, 200) });
                }
            }
            Part::Text(l) => {
                let lines: Vec<alto::Line> = l.iter().map(|&i| line(alto, origin, i)).collect();
                texts.block(&lines.iter().collect::<Vec<_>>());
            }
        }
    }
    flush(&mut texts, &mut out);
    out
}

/// The articles of the stories, regions kept on a page of `size`. The masthead is titled
/// `paper` where known, else by its largest line.
pub fn articles(
    alto: &Alto,
    origin: &Origin,
    page: &super::Page,
    stories: &[Story],
    paper: Option<&str>,
) -> Vec<Article> {
    stories
        .iter()
        .map(|s| {
            let regions = s
                .regions
                .iter()
                .filter_map(|r| geom::clean(&r.points(), page.width, page.height).0)
                .map(|points| Region { page: None, points })
                .collect();
            let mut a = match s.kind {
                Kind::Masthead => {
                    let largest =
                        s.lines().into_iter().max_by(|&a, &b| page.lines[a].size.total_cmp(&page.lines[b].size));
                    let title = paper.map(str::to_string).or_else(|| largest.map(|i| headline(alto, origin, &[i])));
                    Article { kind: ArticleKind::Masthead, title: title.unwrap_or_default(), ..blank() }
                }
                Kind::Article => story_article(alto, origin, page, s),
            };
            a.title = shorten(&a.title, 300);
            if a.title.is_empty() {
                a.title = "Untitled".into();
            }
            a.regions = regions;
            a
        })
        .collect()
}

fn blank() -> Article {
    Article {
        id: String::new(),
        kind: ArticleKind::Article,
        pretitle: None,
        title: String::new(),
        subtitle: None,
        byline: None,
        body: Vec::new(),
        regions: Vec::new(),
    }
}

/// A story's headline and text: its first deck the title, the second the subtitle, further
/// ones headings, a deck after the first that starts "By" the byline; but a first deck set
/// smaller than the second is a kicker over the headline (`pretitle`), and the decks after it
/// count from the second.
fn story_article(alto: &Alto, origin: &Origin, page: &super::Page, s: &Story) -> Article {
    let size = |d: &Vec<usize>| d.iter().map(|&i| page.lines[i].size).fold(0.0, f64::max);
    let kicker = s.decks.len() >= 2 && size(&s.decks[0]) < 0.8 * size(&s.decks[1]);
    let text = |d: &Vec<usize>| Some(headline(alto, origin, d)).filter(|t| !t.is_empty());
    // A deck that starts "By" is the byline.
    let by = |t: &String| t.len() <= 80 && t.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "));
    let mut byline = None;
    let mut decks: Vec<String> = Vec::new();
    for t in s.decks[kicker as usize..].iter().filter_map(text) {
        if byline.is_none() && !decks.is_empty() && by(&t) {
            byline = Some(t);
        } else {
            decks.push(t);
        }
    }
    let body = body(alto, origin, decks.get(2..).unwrap_or(&[]), &s.parts);
    let title = decks.first().cloned().or_else(|| first_words(&body)).unwrap_or_default();
    Article {
        pretitle: if kicker { s.decks.first().and_then(text).map(|t| shorten(&t, 300)) } else { None },
        title,
        subtitle: decks.get(1).map(|t| shorten(t, 300)),
        byline: byline.map(|t| shorten(&t, 200)),
        body,
        ..blank()
    }
}

/// A title from the first words of a story without a headline.
fn first_words(body: &[Para]) -> Option<String> {
    body.iter().find_map(|p| match p {
        Para::Paragraph { text } | Para::Heading { text } => Some(shorten(text, 80)),
        _ => None,
    })
}

/// Which article (its index on the page) words of the ALTO belong to, in reading order: a
/// block, a line, a range of its words.
pub type Links = Vec<(usize, usize, Range<usize>, Option<usize>)>;

/// The links of segmented stories: each story's lines in its reading order.
pub fn story_links(origin: &Origin, stories: &[Story]) -> Links {
    stories
        .iter()
        .enumerate()
        .flat_map(|(a, s)| {
            s.all_lines().into_iter().map(move |i| (origin[i].0, origin[i].1, origin[i].2.clone(), Some(a)))
        })
        .collect()
}

/// A page's words with their boxes in page pixels: the words of `links` in their order, with
/// the id (from `ids`) of their article, then every other word of the ALTO, a line at a time.
pub fn page_words(
    alto: &Alto,
    scale: (f64, f64),
    size: (u32, u32),
    page: &str,
    links: &Links,
    ids: &[String],
) -> PageWords {
    let mut seen: HashSet<(usize, usize, usize)> = HashSet::new();
    let mut lines = Vec::new();
    let mut add = |b: usize, k: usize, range: Range<usize>, article: Option<String>, seen: &mut HashSet<_>| {
        let all = &alto.blocks[b].lines[k].words;
        let words: Vec<words::Word> = range
            .filter(|&w| w < all.len() && seen.insert((b, k, w)))
            .filter_map(|w| Some(words::Word { text: all[w].content.clone(), rect: px(&all[w].rect?, scale) }))
            .collect();
        if !words.is_empty() {
            lines.push(words::Line { article, words });
        }
    };
    for (b, k, range, a) in links {
        add(*b, *k, range.clone(), a.and_then(|a| ids.get(a).cloned()), &mut seen);
    }
    for (b, block) in alto.blocks.iter().enumerate() {
        for (k, l) in block.lines.iter().enumerate() {
            add(b, k, 0..l.words.len(), None, &mut seen);
        }
    }
    PageWords { page: page.to_string(), width: size.0, height: size.1, lines }
}

/// What the segmentation made of an ALTO page.
pub struct Segmented {
    pub articles: Vec<Article>,
    pub links: Links,
    /// Where each line comes from in the ALTO.
    pub origin: Origin,
    /// The lines and the stories, for the figures.
    pub lines: Vec<super::Line>,
    pub stories: Vec<Story>,
}

/// The articles of an ALTO page of `size` pixels (`scale` from ALTO units): segmented from
/// its layout, or one per block with `segment` false. Rules are read off `image` where it is
/// given and readable; the masthead is titled `paper` where known.
pub fn segment_page(
    alto: &Alto,
    scale: (f64, f64),
    size: (u32, u32),
    image: Option<&std::path::Path>,
    segment: bool,
    paper: Option<&str>,
) -> Segmented {
    let (lines, origin) = lines(alto, scale);
    let height = median(lines.iter().map(|l| l.rect.height()).collect()).unwrap_or(1.0);
    let grey = match (segment, image) {
        (true, Some(path)) => super::ink::load(path, size, height).ok(),
        _ => None,
    };
    let page = super::Page {
        width: size.0 as f64,
        height: size.1 as f64,
        lines,
        rules: rules(alto, scale),
        ink: grey.as_ref(),
    };
    let stories = if segment { super::segment(&page) } else { super::by_blocks(&page) };
    let articles = if segment {
        articles(alto, &origin, &page, &stories, paper)
    } else {
        // One article per block, titled as the importers always did.
        stories
            .iter()
            .map(|s| {
                let regions = s.regions.iter().filter_map(|r| geom::clean(&r.points(), page.width, page.height).0);
                let regions = regions.map(|points| Region { page: None, points }).collect();
                crate::import::ocr::block_article(&alto.blocks[page.lines[s.lines()[0]].block], regions)
            })
            .collect()
    };
    let links = story_links(&origin, &stories);
    Segmented { articles, links, origin, lines: page.lines, stories }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of ALTO in pixels: `words` from `x`, each 20 px wide per letter, `h` high.
    fn line(words: &str, x: f64, y: f64, h: f64, style: &str) -> String {
        let mut out = format!(r#"<TextLine STYLEREFS="{style}" HPOS="{x}" VPOS="{y}" HEIGHT="{h}" WIDTH="{{w}}">"#);
        let mut at = x;
        for w in words.split(' ') {
            let width = 0.5 * h * w.len() as f64;
            out += &format!(r#"<String CONTENT="{w}" HPOS="{at}" VPOS="{y}" WIDTH="{width}" HEIGHT="{h}"/><SP/>"#);
            at += width + 0.3 * h;
        }
        out.replace("{w}", &(at - x).to_string()) + "</TextLine>"
    }

    #[test]
    fn kicker_headline_byline_and_text() {
        let mut block = String::new();
        block += &line("Strange Blaze", 200.0, 100.0, 20.0, "T8");
        block += &line("FIRE AT THE MILL", 100.0, 130.0, 40.0, "T16");
        block += &line("Bells Rang All Night", 140.0, 180.0, 24.0, "T10");
        block += &line("By John Smith", 190.0, 214.0, 20.0, "T8");
        for k in 0..12 {
            let words = if k == 0 {
                "The mill burned down last night and the town watched it burn"
            } else {
                "while the firemen carried water from the river to the fire"
            };
            block += &line(words, if k == 0 { 60.0 } else { 50.0 }, 250.0 + 22.0 * k as f64, 16.0, "T6");
        }
        let alto = format!(
            r#"<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Styles><TextStyle ID="T6" FONTSIZE="6"/><TextStyle ID="T8" FONTSIZE="8"/><TextStyle ID="T10" FONTSIZE="10"/><TextStyle ID="T16" FONTSIZE="16"/></Styles>
<Layout><Page WIDTH="1000" HEIGHT="1000"><PrintSpace><TextBlock ID="b">{block}</TextBlock></PrintSpace></Page></Layout></alto>"#
        );
        let a = alto::parse(&alto, "a.xml").unwrap();
        let s = segment_page(&a, (1.0, 1.0), (1000, 1000), None, true, None);
        assert_eq!(s.articles.len(), 1, "{:?}", s.articles);
        let art = &s.articles[0];
        assert_eq!(art.pretitle.as_deref(), Some("Strange Blaze"));
        assert_eq!(art.title, "FIRE AT THE MILL");
        assert_eq!(art.subtitle.as_deref(), Some("Bells Rang All Night"));
        assert_eq!(art.byline.as_deref(), Some("By John Smith"));
        assert!(matches!(&art.body[0], Para::Paragraph { text } if text.starts_with("The mill burned down")));
        // Every word is linked to the article.
        assert!(s.links.iter().all(|l| l.3 == Some(0)));
    }

    #[test]
    fn lines_are_cut_at_gutters_and_jumps_in_size() {
        let word = |c: &str, x: f64, w: f64, h: f64| alto::Word {
            content: c.into(),
            rect: Rect::xywh(x, 0.0, w, h),
            ..Default::default()
        };
        // "pth o'" read from the column to the left, then a headline twice as high; then
        // "next" across a gutter five line heights wide.
        let l = alto::Line {
            rect: Rect::xywh(0.0, 0.0, 900.0, 60.0),
            words: vec![
                word("pth", 0.0, 40.0, 25.0),
                word("o'", 50.0, 20.0, 20.0),
                word("Successful", 110.0, 200.0, 60.0),
                word("Shearing", 320.0, 180.0, 58.0),
                word("next", 800.0, 60.0, 25.0),
            ],
            ..Default::default()
        };
        assert_eq!(stretches(&l), vec![0..2, 2..4, 4..5]);
        assert_eq!(
            head_line(&part_of(&l, 0..4)).words.iter().map(|w| w.content.as_str()).collect::<Vec<_>>(),
            ["Successful", "Shearing"]
        );
        // An empty page has no stories.
        let a = alto::parse(r#"<alto><Layout><Page WIDTH="10" HEIGHT="10"/></Layout></alto>"#, "a.xml").unwrap();
        let s = segment_page(&a, (1.0, 1.0), (10, 10), None, true, None);
        assert!(s.articles.is_empty() && s.links.is_empty());
    }

    #[test]
    fn titles_are_cleaned() {
        assert_eq!(clean_title("It is Now \"Tl Utah\" the [Illegible]"), "It is Now \"Tl Utah\" the");
        assert_eq!(clean_title("Rutgers College Anniversary."), "Rutgers College Anniversary");
        assert_eq!(clean_title("W. C. T. U."), "W. C. T. U.");
        assert_eq!(clean_title(" ' IN RAILROAD ISSUE; "), "IN RAILROAD ISSUE");
        assert_eq!(clean_title("a [b"), "a [b");
    }
}

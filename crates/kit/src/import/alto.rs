//! ALTO (v1 to v4): text blocks with their lines and words, read from the document's tree,
//! turned into page pixels and into paragraphs.

use super::geom::Rect;
use super::{xml, Report};
use roxmltree::Node;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Pixel,
    Mm10,
    Inch1200,
}

#[derive(Clone, Debug, Default)]
pub struct Word {
    pub content: String,
    /// `HypPart1` / `HypPart2` and the whole word, when the word is split over two lines.
    pub part: u8,
    pub whole: Option<String>,
    /// The word's box, in ALTO units.
    pub rect: Option<Rect>,
    /// The font size of its `TextStyle`, where its STYLEREFS name one.
    pub font: Option<f64>,
}

#[derive(Clone, Debug, Default)]
pub struct Line {
    /// Its ID in the ALTO, where it has one.
    pub id: String,
    pub rect: Option<Rect>,
    pub words: Vec<Word>,
    /// Ends with a hyphen (an ALTO `HYP`).
    pub hyphen: bool,
    /// The font size of the line's `TextStyle` (its own STYLEREFS, else the one most of its
    /// words name, else its block's).
    pub font: Option<f64>,
}

#[derive(Debug)]
pub struct Block {
    pub id: String,
    /// The box the ALTO gives, in ALTO units.
    pub rect: Option<Rect>,
    pub lines: Vec<Line>,
    /// Line of the `TextBlock` tag in the ALTO file.
    pub line_no: usize,
}

#[derive(Debug)]
pub struct Alto {
    pub unit: Unit,
    pub page: Option<(f64, f64)>,
    pub print_space: Option<Rect>,
    pub dpi: Option<(f64, f64)>,
    pub blocks: Vec<Block>,
    /// The boxes of `GraphicalElement`s (rules and ornaments), in ALTO units.
    pub graphics: Vec<Rect>,
}

impl Block {
    /// The union of the lines' boxes.
    pub fn lines_box(&self) -> Option<Rect> {
        self.lines.iter().filter_map(|l| l.rect).reduce(|a, b| a.union(&b))
    }

    pub fn has_text(&self) -> bool {
        self.lines.iter().any(|l| l.words.iter().any(|w| !w.content.trim().is_empty()))
    }
}

/// Reads an ALTO document. `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Alto, String> {
    let doc = xml::read(text, file, "alto", "ALTO")?;
    let root = doc.root_element();
    let alto = Alto {
        unit: unit(root, file)?,
        // The first page with a size, the first processing step that gives a resolution, and
        // the last PrintSpace, as a stream reader found them.
        page: xml::all(root, "Page").find_map(|p| match (xml::num(p, "WIDTH"), xml::num(p, "HEIGHT")) {
            (Some(w), Some(h)) if w > 0.0 && h > 0.0 => Some((w, h)),
            _ => None,
        }),
        print_space: xml::all(root, "PrintSpace").last().and_then(rect),
        dpi: xml::all(root, "processingStepSettings").find_map(|s| dpi(&xml::text(s))),
        blocks: {
            let fonts = fonts(root);
            xml::all(root, "TextBlock").map(|b| block(b, &fonts)).collect()
        },
        graphics: xml::all(root, "GraphicalElement").filter_map(rect).collect(),
    };
    Ok(alto)
}

/// The font size of each `TextStyle` by its ID.
fn fonts(root: Node) -> HashMap<String, f64> {
    xml::all(root, "TextStyle")
        .filter_map(|s| Some((xml::attr(s, "ID")?.to_string(), xml::num(s, "FONTSIZE").filter(|f| *f > 0.0)?)))
        .collect()
}

/// The font size of the first `TextStyle` an element's STYLEREFS (IDREFS) names.
fn font_of(el: Node, fonts: &HashMap<String, f64>) -> Option<f64> {
    xml::attr(el, "STYLEREFS")?.split_whitespace().find_map(|id| fonts.get(id).copied())
}

/// The `MeasurementUnit` (the last one given); ALTO's default, mm10 (v1 to v3), without one.
fn unit(root: Node, file: &str) -> Result<Unit, String> {
    let mut unit = Unit::Mm10;
    for u in xml::all(root, "MeasurementUnit") {
        unit = match xml::text(u).trim() {
            "pixel" => Unit::Pixel,
            "mm10" => Unit::Mm10,
            "inch1200" => Unit::Inch1200,
            other => {
                return Err(xml::at(file, u, format!("unknown MeasurementUnit {other:?}: use pixel, mm10 or inch1200")))
            }
        };
    }
    Ok(unit)
}

/// An element's HPOS, VPOS, WIDTH and HEIGHT as a box, in ALTO units.
fn rect(el: Node) -> Option<Rect> {
    match (xml::num(el, "HPOS"), xml::num(el, "VPOS"), xml::num(el, "WIDTH"), xml::num(el, "HEIGHT")) {
        (Some(x), Some(y), Some(w), Some(h)) => Rect::xywh(x, y, w, h),
        _ => None,
    }
}

/// Whether `node` lies in `owner` with no other element of `owner`'s name between them: the
/// lines of a block, not those of a block nested in it.
fn owned_by(node: Node, owner: Node) -> bool {
    node.ancestors().skip(1).find(|a| xml::is(*a, xml::name(owner))) == Some(owner)
}

fn block(b: Node, fonts: &HashMap<String, f64>) -> Block {
    let font = font_of(b, fonts);
    Block {
        id: xml::attr(b, "ID").unwrap_or_default().to_string(),
        rect: rect(b),
        lines: xml::all(b, "TextLine").filter(|l| owned_by(*l, b)).map(|l| line(l, fonts, font)).collect(),
        line_no: xml::line(b),
    }
}

fn line(l: Node, fonts: &HashMap<String, f64>, block_font: Option<f64>) -> Line {
    let words: Vec<Word> = xml::all(l, "String").filter(|w| owned_by(*w, l)).map(|w| word(w, fonts)).collect();
    Line {
        id: xml::attr(l, "ID").unwrap_or_default().to_string(),
        rect: rect(l),
        font: font_of(l, fonts).or_else(|| commonest(words.iter().filter_map(|w| w.font))).or(block_font),
        words,
        hyphen: xml::all(l, "HYP").any(|h| owned_by(h, l)),
    }
}

/// The value that occurs most often (the first of equals).
fn commonest(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut counts: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(v, _)| *v)
}

fn word(w: Node, fonts: &HashMap<String, f64>) -> Word {
    Word {
        content: xml::attr(w, "CONTENT").unwrap_or_default().to_string(),
        part: match xml::attr(w, "SUBS_TYPE") {
            Some("HypPart1") => 1,
            Some("HypPart2") => 2,
            _ => 0,
        },
        whole: xml::attr(w, "SUBS_CONTENT").map(str::to_string).filter(|s| !s.is_empty()),
        rect: rect(w),
        font: font_of(w, fonts),
    }
}

/// `xdpi:300` and `ydpi:300` (or `dpi 300`, `resolution: 300`) in processing settings.
fn dpi(s: &str) -> Option<(f64, f64)> {
    let find = |key: &str| -> Option<f64> {
        let lower = s.to_ascii_lowercase();
        let i = lower.find(key)? + key.len();
        let rest = lower[i..].trim_start_matches([':', '=', ' ']);
        let end = rest.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(rest.len());
        rest[..end].parse::<f64>().ok().filter(|v| *v > 0.0 && v.is_finite())
    };
    match (find("xdpi"), find("ydpi")) {
        (Some(x), Some(y)) => Some((x, y)),
        (Some(x), None) | (None, Some(x)) => Some((x, x)),
        _ => find("dpi").or_else(|| find("resolution")).map(|d| (d, d)),
    }
}

/// How ALTO units become pixels of an image of `image` size: a factor per axis.
pub fn scale(alto: &Alto, image: (u32, u32), file: &str, report: &mut Report) -> (f64, f64) {
    let (iw, ih) = (image.0 as f64, image.1 as f64);
    let by_size = alto.page.map(|(w, h)| (iw / w, ih / h));
    let by_dpi = alto.dpi.map(|(dx, dy)| match alto.unit {
        Unit::Pixel => (1.0, 1.0),
        Unit::Mm10 => (dx / 254.0, dy / 254.0),
        Unit::Inch1200 => (dx / 1200.0, dy / 1200.0),
    });
    let close = |a: (f64, f64), b: (f64, f64)| ((a.0 / b.0) - 1.0).abs() < 0.02 && ((a.1 / b.1) - 1.0).abs() < 0.02;
    match (alto.unit, by_dpi, by_size) {
        (Unit::Pixel, _, Some(s)) if close(s, (1.0, 1.0)) => (1.0, 1.0),
        (Unit::Pixel, _, Some(s)) => {
            report.repairs.push(format!(
                "{file}: the ALTO page is {}x{} pixels but the image is {}x{}: coordinates scaled to the image",
                alto.page.unwrap().0,
                alto.page.unwrap().1,
                image.0,
                image.1
            ));
            s
        }
        (Unit::Pixel, _, None) => (1.0, 1.0),
        (_, Some(d), Some(s)) if close(d, s) => d,
        (_, Some(d), Some(s)) => {
            report.repairs.push(format!(
                "{file}: the resolution in the ALTO ({:.0} dpi) does not match the image against the ALTO page size; scaled by the sizes ({:.4} px per unit)",
                d.0 * if alto.unit == Unit::Mm10 { 254.0 } else { 1200.0 },
                s.0
            ));
            s
        }
        (_, None, Some(s)) => s,
        (_, Some(d), None) => d,
        (u, None, None) => {
            let assumed = 300.0;
            report.warnings.push(format!(
                "{file}: no resolution and no page size to turn {u:?} into pixels; assumed {assumed} dpi"
            ));
            match u {
                Unit::Mm10 => (assumed / 254.0, assumed / 254.0),
                _ => (assumed / 1200.0, assumed / 1200.0),
            }
        }
    }
}

/// A block's box, checked against its own lines: the union of its lines unless the declared
/// box holds them snugly (at most half as large again); the declared box only for a block
/// without lines. Producers get block sizes wrong (NDNP pages with WIDTH and HEIGHT swapped),
/// never the lines they drew. In ALTO units.
pub fn block_box(b: &Block, file: &str, report: &mut Report) -> Option<Rect> {
    let lines = b.lines_box().filter(|r| !r.is_empty());
    let area = |r: &Rect| r.width() * r.height();
    match (b.rect.filter(|r| !r.is_empty()), lines) {
        (Some(r), Some(l))
            if r.contains(&l, (r.height().min(r.width()) * 0.01).max(2.0)) && area(&r) <= 1.5 * area(&l) =>
        {
            Some(r)
        }
        (Some(_), Some(l)) => {
            report.repairs.push(format!(
                "{file}:{}: TextBlock {}: its box does not fit its lines; taken from them",
                b.line_no, b.id
            ));
            Some(l)
        }
        (None, Some(l)) => {
            report
                .repairs
                .push(format!("{file}:{}: TextBlock {}: no usable box; taken from its lines", b.line_no, b.id));
            Some(l)
        }
        (r, None) => r,
    }
}

/// One line's text, and whether it ends in a split word. `skip_first` drops a first word that
/// the previous line already completed.
fn line_words(l: &Line, skip_first: bool) -> Vec<&str> {
    l.words
        .iter()
        .enumerate()
        .filter(|(i, w)| !(skip_first && *i == 0 && w.part == 2))
        .map(|(_, w)| w.content.trim())
        .filter(|w| !w.is_empty())
        .collect()
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// The text of blocks in reading order as paragraphs. A paragraph ends at the end of a block,
/// before an indented line, and after a short line that ends a sentence. Hyphenated line ends
/// are joined (with the ALTO's whole word where it gives one). Lines listed in `skip` (block
/// index, line index) are left out.
pub fn paragraphs(blocks: &[&Block], skip: &dyn Fn(usize, usize) -> bool) -> Vec<String> {
    let mut out = Paragraphs::default();
    for (bi, b) in blocks.iter().enumerate() {
        let lines: Vec<&Line> = b.lines.iter().enumerate().filter(|(li, _)| !skip(bi, *li)).map(|(_, l)| l).collect();
        out.block(&lines);
    }
    out.texts
}

/// Where a block's lines usually start and end, and how high they are: medians, which one
/// indented or short line does not move.
struct Measure {
    left: Option<f64>,
    right: Option<f64>,
    height: f64,
}

impl Measure {
    fn of(lines: &[&Line]) -> Measure {
        let rects: Vec<Rect> = lines.iter().filter_map(|l| l.rect).collect();
        Measure {
            left: median(rects.iter().map(|r| r.x0).collect()),
            right: median(rects.iter().map(|r| r.x1).collect()),
            height: median(rects.iter().map(|r| r.height()).collect()).unwrap_or(0.0),
        }
    }

    /// Whether a new paragraph starts at `line`, after `prev`.
    fn breaks(&self, prev: &Line, line: &Line) -> bool {
        let (Some(r), Some(_), Some(left), Some(_)) = (line.rect, prev.rect, self.left, self.right) else {
            return false;
        };
        let indented = r.x0 - left > 0.8 * self.height;
        let last = line_words(prev, false).last().copied().unwrap_or("");
        let ends = last.ends_with(['.', '!', '?', ':', '"', '\u{201d}', '。', '！', '？', '：']);
        indented || (ends && self.short(prev))
    }

    /// Whether a line stops well short of where the block's lines end.
    fn short(&self, line: &Line) -> bool {
        match (line.rect, self.right) {
            (Some(r), Some(right)) => r.x1 < right - 3.0 * self.height,
            _ => true,
        }
    }
}

/// Lines as one text, hyphenated words joined (a headline of several lines).
pub fn join(lines: &[&Line]) -> String {
    let mut out = String::new();
    let mut carry: Option<String> = None;
    for l in lines {
        for w in line_text(l, &mut carry, &mut out) {
            push_word(&mut out, &w);
        }
    }
    if let Some(head) = carry {
        push_word(&mut out, &head);
    }
    out
}

/// Paragraphs gathered block by block, in reading order.
#[derive(Debug, Default)]
pub struct Paragraphs {
    pub texts: Vec<String>,
    /// The last block (of two lines or more, so that its edges are known) ended with a line
    /// run out to its right edge: a paragraph there may go on in the next column even after a
    /// full stop, since typesetting marks a new one by indenting it.
    full: bool,
}

impl Paragraphs {
    /// The paragraphs so far; the next block starts a new one.
    pub fn take(&mut self) -> Vec<String> {
        self.full = false;
        std::mem::take(&mut self.texts)
    }

    /// One block's lines as paragraphs. The last paragraph so far goes on here when this block
    /// does not start with an indented line and that paragraph ends mid-sentence (a column
    /// break) or on a full line, or when this block starts with closing punctuation.
    pub fn block(&mut self, lines: &[&Line]) {
        let m = Measure::of(lines);
        let out = &mut self.texts;
        let mut para = String::new();
        let first_indented = match (lines.first().and_then(|l| l.rect), m.left) {
            (Some(r), Some(left)) => r.x0 - left > 0.8 * m.height,
            _ => true,
        };
        // A block that starts with closing punctuation (CJK typesetting may leave a column's
        // last mark to the next) goes on with the paragraph before. Private-use marks a caller
        // puts at line starts are looked past.
        let first = lines.first().and_then(|l| l.words.first()).map(|w| w.content.as_str()).unwrap_or("");
        let closing = first
            .chars()
            .find(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
            .is_some_and(|c| "。，、；：！？）」』”’》〉】".contains(c));
        if let Some(last) = out.last() {
            let open = !last.ends_with(['.', '!', '?', ':', '"', '\u{201d}', '。', '！', '？', '：']);
            if ((open || self.full) && !first_indented || closing) && !lines.is_empty() {
                para = out.pop().unwrap_or_default();
            }
        }
        // The head of a word split at the end of the previous line.
        let mut carry: Option<String> = None;
        let mut prev: Option<&Line> = None;
        for l in lines {
            if carry.is_none() && prev.is_some_and(|p| m.breaks(p, l)) && !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
            for w in line_text(l, &mut carry, &mut para) {
                push_word(&mut para, &w);
            }
            prev = Some(l);
        }
        if let Some(head) = carry.take() {
            push_word(&mut para, &head);
        }
        if !para.is_empty() {
            out.push(para);
        }
        self.full = lines.len() >= 2 && prev.is_some_and(|l| !m.short(l));
    }
}

fn push_word(para: &mut String, w: &str) {
    if !para.is_empty() {
        para.push(' ');
    }
    para.push_str(w);
}

/// A line's words to add, joining the head `carry` of a split word to its tail on this line
/// (or adding the ALTO's whole word to `para` first) and keeping the head of a word split at
/// this line's end in `carry`.
fn line_text(l: &Line, carry: &mut Option<String>, para: &mut String) -> Vec<String> {
    let mut words: Vec<String> = line_words(l, carry.is_some()).into_iter().map(str::to_string).collect();
    if let Some(head) = carry.take() {
        match l.words.first() {
            // The ALTO's whole word is already in `head`.
            Some(w) if w.part == 2 => push_word(para, &head),
            _ if words.is_empty() => words.push(head),
            _ => words[0] = format!("{head}{}", words[0]),
        }
    }
    let split = l.hyphen || l.words.last().is_some_and(|w| w.part == 1);
    if split {
        if let Some(last) = words.pop() {
            let whole = l.words.iter().rev().find(|w| w.part == 1).and_then(|w| w.whole.clone());
            *carry = Some(whole.unwrap_or_else(|| last.trim_end_matches(['-', '\u{ad}', '\u{2010}']).to_string()));
        }
    } else if let Some(last) = words.last() {
        // OCR without HYP markup: "exam-" then "ple".
        let bare = last.trim_end_matches('-');
        if last.ends_with('-') && !last.ends_with("--") && bare.chars().last().is_some_and(char::is_alphabetic) {
            *carry = Some(bare.to_string());
            words.pop();
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALTO: &str = r#"<?xml version="1.0"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Layout><Page WIDTH="1000" HEIGHT="1000"><PrintSpace HPOS="0" VPOS="0" WIDTH="1000" HEIGHT="1000">
<TextBlock ID="b1" HPOS="100" VPOS="100" WIDTH="400" HEIGHT="200">
 <TextLine HPOS="100" VPOS="100" WIDTH="400" HEIGHT="20"><String CONTENT="The" HPOS="100" VPOS="100" WIDTH="40" HEIGHT="20"/><SP/><String CONTENT="meet" SUBS_TYPE="HypPart1" SUBS_CONTENT="meeting"/><HYP CONTENT="-"/></TextLine>
 <TextLine HPOS="100" VPOS="130" WIDTH="200" HEIGHT="20"><String CONTENT="ing" SUBS_TYPE="HypPart2" SUBS_CONTENT="meeting"/><SP/><String CONTENT="ended."/></TextLine>
 <TextLine HPOS="140" VPOS="160" WIDTH="360" HEIGHT="20"><String CONTENT="New"/><String CONTENT="para-"/></TextLine>
 <TextLine HPOS="100" VPOS="190" WIDTH="400" HEIGHT="20"><String CONTENT="graph"/><String CONTENT="&amp;"/><String CONTENT="more"/></TextLine>
</TextBlock>
<TextBlock ID="b2" HPOS="600" VPOS="100" WIDTH="10" HEIGHT="10"><TextLine HPOS="600" VPOS="100" WIDTH="300" HEIGHT="50"><String CONTENT="Wide"/></TextLine></TextBlock>
</PrintSpace></Page></Layout></alto>"#;

    #[test]
    fn words_lines_and_paragraphs() {
        let a = parse(ALTO, "a.xml").unwrap();
        assert_eq!(a.unit, Unit::Pixel);
        assert_eq!(a.blocks.len(), 2);
        let p = paragraphs(&[&a.blocks[0], &a.blocks[1]], &|_, _| false);
        // "more" ends no sentence, so the paragraph runs on into the next block (a column break).
        assert_eq!(p, vec!["The meeting ended.", "New paragraph & more Wide"]);
        let mut r = Report::default();
        let b = block_box(&a.blocks[1], "a.xml", &mut r).unwrap();
        assert_eq!(b, Rect { x0: 600.0, y0: 100.0, x1: 900.0, y1: 150.0 });
        assert!(r.repairs[0].contains("a.xml:10: TextBlock b2: its box does not fit its lines"), "{:?}", r.repairs);
    }

    #[test]
    fn a_paragraph_on_a_full_line_goes_on_in_the_next_column_unless_indented() {
        // Column one ends on a full line after a full stop; column two starts flush (the same
        // paragraph), then a line indented (a new one) ends on a full line too, but the third
        // column starts indented (a new one again).
        let alto = r#"<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Layout><Page WIDTH="1000" HEIGHT="1000"><PrintSpace>
<TextBlock ID="a"><TextLine HPOS="120" VPOS="0" WIDTH="180" HEIGHT="20"><String CONTENT="“读书让一家人"/></TextLine>
 <TextLine HPOS="100" VPOS="25" WIDTH="200" HEIGHT="20"><String CONTENT="有了共同话题。”"/></TextLine></TextBlock>
<TextBlock ID="b"><TextLine HPOS="400" VPOS="0" WIDTH="200" HEIGHT="20"><String CONTENT="这位母亲说，她"/></TextLine>
 <TextLine HPOS="400" VPOS="25" WIDTH="100" HEIGHT="20"><String CONTENT="笑了。"/></TextLine>
 <TextLine HPOS="420" VPOS="50" WIDTH="180" HEIGHT="20"><String CONTENT="新的一段写满。"/></TextLine></TextBlock>
<TextBlock ID="c"><TextLine HPOS="720" VPOS="0" WIDTH="180" HEIGHT="20"><String CONTENT="又一段"/></TextLine>
 <TextLine HPOS="700" VPOS="25" WIDTH="200" HEIGHT="20"><String CONTENT="写在"/></TextLine>
 <TextLine HPOS="700" VPOS="50" WIDTH="100" HEIGHT="20"><String CONTENT="这里。"/></TextLine></TextBlock>
</PrintSpace></Page></Layout></alto>"#;
        let a = parse(alto, "a.xml").unwrap();
        let p = paragraphs(&a.blocks.iter().collect::<Vec<_>>(), &|_, _| false);
        assert_eq!(p, ["“读书让一家人 有了共同话题。” 这位母亲说，她 笑了。", "新的一段写满。", "又一段 写在 这里。"]);
    }

    #[test]
    fn word_boxes_fonts_and_rules() {
        let alto = r#"<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Styles><TextStyle ID="TS6" FONTSIZE="6"/><TextStyle ID="TS16" FONTSIZE="16.0"/><ParagraphStyle ID="P1"/></Styles>
<Layout><Page WIDTH="100" HEIGHT="100"><PrintSpace>
<TextBlock ID="b" STYLEREFS="P1 TS6">
 <TextLine ID="L1" STYLEREFS="TS16" HPOS="1" VPOS="2" WIDTH="50" HEIGHT="9"><String CONTENT="BIG" HPOS="1" VPOS="2" WIDTH="20" HEIGHT="9"/></TextLine>
 <TextLine ID="L2"><String CONTENT="a" STYLEREFS="TS16"/><String CONTENT="b" STYLEREFS="TS6"/><String CONTENT="c" STYLEREFS="TS6"/></TextLine>
 <TextLine ID="L3"><String CONTENT="plain"/></TextLine>
</TextBlock>
<GraphicalElement ID="g" HPOS="0" VPOS="20" WIDTH="90" HEIGHT="1"/>
</PrintSpace></Page></Layout></alto>"#;
        let a = parse(alto, "a.xml").unwrap();
        let lines = &a.blocks[0].lines;
        assert_eq!(lines[0].id, "L1");
        assert_eq!(lines[0].words[0].rect, Rect::xywh(1.0, 2.0, 20.0, 9.0));
        // The line's own style, else the one most of its words have, else its block's.
        let fonts: Vec<Option<f64>> = lines.iter().map(|l| l.font).collect();
        assert_eq!(fonts, [Some(16.0), Some(6.0), Some(6.0)]);
        assert_eq!(lines[1].words[0].font, Some(16.0));
        assert_eq!(a.graphics, vec![Rect { x0: 0.0, y0: 20.0, x1: 90.0, y1: 21.0 }]);
        assert_eq!(join(&[&lines[1], &lines[2]]), "a b c plain");
    }

    #[test]
    fn units_and_resolution() {
        let mm = ALTO
            .replace(">pixel<", ">mm10<")
            .replace("<Page WIDTH=\"1000\" HEIGHT=\"1000\">", "<Page WIDTH=\"2540\" HEIGHT=\"2540\">");
        let a = parse(&mm, "a.xml").unwrap();
        let mut r = Report::default();
        let s = scale(&a, (300, 300), "a.xml", &mut r);
        assert!((s.0 - 300.0 / 2540.0).abs() < 1e-9 && r.repairs.is_empty());
        let bad = ALTO.replace(">pixel<", ">furlong<");
        let e = parse(&bad, "a.xml").unwrap_err();
        assert_eq!(e, "a.xml:2: unknown MeasurementUnit \"furlong\": use pixel, mm10 or inch1200");
        assert_eq!(dpi("width:3852height:5741xdpi:300ydpi:300"), Some((300.0, 300.0)));
        assert_eq!(dpi("nothing"), None);
        let e = parse("<mets/>", "m.xml").unwrap_err();
        assert!(e.contains("expected an ALTO document"), "{e}");
    }
}

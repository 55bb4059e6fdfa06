//! Generated page images: what is drawn is exactly the regions in the data. Each region is
//! outlined, its headline set as text and its body as grey line bars, column by column. Every
//! line of text is drawn exactly as wide as `advance` says (`textLength`), whatever font the
//! browser has, so that the page's words file (`page_words`) holds where each word is.

use crate::layout::{rectangles, HEIGHT, THUMB_WIDTH, WIDTH};
use broadsheet_model::words::{PageWords, Word, WordLine};
use broadsheet_model::VERSION as WORDS_VERSION;
use broadsheet_model::{Article, ArticleKind, Block, Issue};
use std::fmt::Write;

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

fn points(p: &[[f64; 2]]) -> String {
    p.iter().map(|[x, y]| format!("{},{}", num(*x), num(*y))).collect::<Vec<_>>().join(" ")
}

/// A box: x0, y0, x1, y1.
type Box = (f64, f64, f64, f64);

/// One region on a page: the article, which of its regions, and its home page's number.
struct Placed<'a> {
    article: &'a Article,
    region: usize,
    home_number: &'a str,
}

fn placed(issue: &Issue, index: usize) -> Vec<Placed<'_>> {
    let id = issue.pages[index].id.as_str();
    let mut out = Vec::new();
    for (home, a) in issue.articles() {
        let home_page = &issue.pages[home];
        for (r, region) in a.regions.iter().enumerate() {
            if a.region_page(region, &home_page.id) == id {
                out.push(Placed { article: a, region: r, home_number: &home_page.number });
            }
        }
    }
    out
}

fn open(out: &mut String, width: u32, height: u32) {
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">"
    );
}

/// Lines of a headline that fit `width` pixels: one line, or two when one would be too small.
fn headline_lines(title: &str, width: f64, max_size: f64) -> (Vec<String>, f64) {
    let chars: Vec<char> = title.chars().collect();
    let n = chars.len().max(1) as f64;
    let size = (width / n).min(max_size);
    if size >= 26.0 || chars.len() < 8 {
        return (vec![title.to_string()], size.max(12.0));
    }
    // Break at the space nearest the middle, if the title has one; else in the middle.
    let middle = chars.len() / 2;
    let half = (0..chars.len())
        .filter(|&i| chars[i] == ' ')
        .min_by_key(|&i| i.abs_diff(middle))
        .unwrap_or(chars.len().div_ceil(2));
    let first: String = chars[..half].iter().collect();
    let second: String = chars[half..].iter().collect();
    let lines = vec![first.trim().to_string(), second.trim().to_string()];
    let half = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1).max(1);
    (lines, (width / half as f64).min(max_size).max(12.0))
}

/// A line of text drawn on a page: where it starts, its baseline and size, and its article.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub left: f64,
    pub baseline: f64,
    pub size: f64,
    pub article: Option<String>,
}

/// A page being drawn: the SVG, and the lines of text on it.
#[derive(Default)]
struct Canvas {
    out: String,
    runs: Vec<TextRun>,
}

/// Where a line of text is placed from its `x`.
#[derive(Clone, Copy, PartialEq)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// How a line of text is set.
#[derive(Clone, Copy)]
struct Type<'a> {
    size: f64,
    fill: &'a str,
    bold: bool,
    anchor: Anchor,
    article: Option<&'a str>,
}

/// A character's advance in ems: one for CJK and full-width forms, a serif's usual for others.
pub fn advance(c: char) -> f64 {
    match c as u32 {
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF01..=0xFF60 | 0x20000..=0x3134F => {
            1.0
        }
        0x2018..=0x201D => 1.0,
        _ if c == ' ' => 0.25,
        _ if c.is_ascii_digit() => 0.5,
        _ => 0.6,
    }
}

fn width(s: &str, size: f64) -> f64 {
    s.chars().map(advance).sum::<f64>() * size
}

impl Canvas {
    /// Draws a line of text exactly as wide as `advance` says, and keeps where it is.
    fn text(&mut self, x: f64, y: f64, t: Type, s: &str) {
        let size = t.size.floor();
        let w = width(s, size);
        let left = match t.anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        let anchor = match t.anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-family=\"serif\" font-size=\"{}\"{}{anchor} fill=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
            num(x),
            num(y),
            num(size),
            if t.bold { " font-weight=\"bold\"" } else { "" },
            t.fill,
            num((w * 10.0).round() / 10.0),
            escape(s)
        );
        self.runs.push(TextRun {
            text: s.to_string(),
            left,
            baseline: y,
            size,
            article: t.article.map(str::to_string),
        });
    }
}

impl<'a> Type<'a> {
    fn new(size: f64, fill: &'a str, bold: bool) -> Type<'a> {
        Type { size, fill, bold, anchor: Anchor::Start, article: None }
    }

    fn anchored(self, anchor: Anchor) -> Type<'a> {
        Type { anchor, ..self }
    }

    fn of(self, article: &'a str) -> Type<'a> {
        Type { article: Some(article), ..self }
    }
}

/// The words of a page's lines of text, in the order drawn: a word per run of characters between
/// spaces, or per character for a run of CJK characters alone (Chinese is set without spaces, so
/// that a search hit is outlined on its characters), each boxed from its line's baseline and size.
pub fn page_words(page_id: &str, runs: &[TextRun]) -> PageWords {
    let cjk = |c: char| advance(c) == 1.0;
    let lines = runs
        .iter()
        .filter_map(|r| {
            let top = (r.baseline - 0.88 * r.size).max(0.0).round() as u32;
            let boxed = |text: String, x: f64, w: f64| {
                Word(text, x.max(0.0).round() as u32, top, w.round().max(1.0) as u32, r.size.round() as u32)
            };
            let mut words = Vec::new();
            let mut x = r.left;
            for (k, token) in r.text.split(' ').enumerate() {
                if k > 0 {
                    x += advance(' ') * r.size;
                }
                if token.chars().all(cjk) {
                    for c in token.chars() {
                        words.push(boxed(c.to_string(), x, r.size));
                        x += r.size;
                    }
                } else {
                    let w = width(token, r.size);
                    words.push(boxed(token.to_string(), x, w));
                    x += w;
                }
            }
            (!words.is_empty()).then(|| WordLine { article: r.article.clone(), words })
        })
        .collect();
    PageWords { version: WORDS_VERSION, page: page_id.to_string(), width: WIDTH, height: HEIGHT, lines }
}

/// Grey line bars filling a box, one block per 180-pixel column.
fn bars(out: &mut String, x0: f64, y0: f64, x1: f64, y1: f64) {
    if y1 - y0 < 20.0 {
        return;
    }
    let cols = ((x1 - x0) / 180.0).round().max(1.0);
    let w = (x1 - x0) / cols;
    for c in 0..cols as u32 {
        let cx = x0 + w * c as f64;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#ln)\"/>",
            num(cx + 10.0),
            num(y0),
            num(w - 20.0),
            num(((y1 - y0) / 26.0).floor() * 26.0)
        );
    }
}

/// A full page image. With `words` false, headlines are drawn as dark bars instead of text
/// (for an image shared by many pages).
pub fn page(issue: &Issue, index: usize, paper: &str, words: bool) -> String {
    page_with_text(issue, index, paper, words).0
}

/// A full page image and the lines of text drawn on it.
pub fn page_with_text(issue: &Issue, index: usize, paper: &str, words: bool) -> (String, Vec<TextRun>) {
    let p = &issue.pages[index];
    let mut c = Canvas { out: String::with_capacity(4096), runs: Vec::new() };
    let out = &mut c.out;
    open(out, WIDTH, HEIGHT);
    out.push_str("<defs><pattern id=\"ln\" width=\"40\" height=\"26\" patternUnits=\"userSpaceOnUse\"><rect y=\"8\" width=\"40\" height=\"10\" fill=\"#c9c9c9\"/></pattern></defs>\n");
    let _ = writeln!(out, "<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#fdfcf8\"/>");
    let regions = placed(issue, index);
    let has_masthead = regions.iter().any(|r| r.article.kind == ArticleKind::Masthead);
    if words && !has_masthead {
        let date = format!("{}年{}月{}日", issue.date.year(), issue.date.month(), issue.date.day());
        c.text(66.0, 92.0, Type::new(26.0, "#333", true), &format!("{} 第{}版 {}", paper, p.number, p.name));
        c.text(1134.0, 92.0, Type::new(24.0, "#333", false).anchored(Anchor::End), &date);
        c.out.push_str("<rect x=\"60\" y=\"104\" width=\"1080\" height=\"3\" fill=\"#333\"/>\n");
    }
    for r in &regions {
        let region = &r.article.regions[r.region];
        let boxes = rectangles(&region.points);
        let Some(&first) = boxes.first() else {
            continue;
        };
        match r.article.kind {
            ArticleKind::Masthead => masthead(&mut c, issue, r.article, &region.points, first, words),
            ArticleKind::Advertisement => advert(&mut c, r.article, &region.points, first),
            ArticleKind::Article => story(&mut c, r, &boxes, words),
        }
    }
    c.out.push_str("</svg>\n");
    (c.out, c.runs)
}

/// A masthead region: red, with the paper's name and the date line (or a white bar).
fn masthead(c: &mut Canvas, issue: &Issue, a: &Article, points: &[[f64; 2]], (x0, y0, x1, y1): Box, words: bool) {
    let out = &mut c.out;
    let _ = writeln!(out, "<polygon points=\"{}\" fill=\"#b0141c\"/>", self::points(points));
    if !words {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"90\" fill=\"#fff\"/>",
            num(x0 + (x1 - x0) * 0.25),
            num(y0 + 50.0),
            num((x1 - x0) * 0.5)
        );
        return;
    }
    let cx = (x0 + x1) / 2.0;
    let set = |size, bold| Type::new(size, "#fff", bold).anchored(Anchor::Middle).of(&a.id);
    c.text(cx, y0 + 140.0, set(100.0, true), &a.title);
    let line = format!(
        "{}年{}月{}日 {}",
        issue.date.year(),
        issue.date.month(),
        issue.date.day(),
        issue.edition.as_deref().unwrap_or("")
    );
    c.text(cx, y1 - 24.0, set(28.0, false), line.trim());
}

/// An advertisement region: a framed box with its title set large in the middle.
fn advert(c: &mut Canvas, a: &Article, points: &[[f64; 2]], (x0, y0, x1, y1): Box) {
    let _ = writeln!(
        c.out,
        "<polygon points=\"{}\" fill=\"#fff4d6\" stroke=\"#c9a227\" stroke-width=\"3\"/>",
        self::points(points)
    );
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (lines, size) = headline_lines(&a.title, x1 - x0 - 40.0, 72.0);
    for (k, l) in lines.iter().enumerate() {
        c.text(
            cx,
            cy + size * (k as f64 + 0.35),
            Type::new(size, "#8a6d00", true).anchored(Anchor::Middle).of(&a.id),
            l,
        );
    }
}

/// An article region: outlined, with its headlines (a continued part says where it comes
/// from), a picture on its first region when it has one, and line bars for its text.
fn story(c: &mut Canvas, r: &Placed, boxes: &[Box], words: bool) {
    let a = r.article;
    let region = &a.regions[r.region];
    let (x0, y0, x1, y1) = boxes[0];
    let _ = writeln!(
        c.out,
        "<polygon points=\"{}\" fill=\"none\" stroke=\"#b5b5b5\" stroke-width=\"2\"/>",
        points(&region.points)
    );
    let inner = x1 - x0 - 28.0;
    let continued = r.region > 0 && a.regions[0].page != region.page;
    let mut y = headings(c, a, continued.then_some(r.home_number), (x0 + 14.0, y0 + 14.0), inner, words) + 18.0;
    if r.region == 0 && a.body.iter().any(|b| matches!(b, Block::Image { .. })) {
        y = picture(&mut c.out, x0 + 14.0, y, inner, y1);
    }
    bars(&mut c.out, x0 + 4.0, y, x1 - 4.0, y1 - 8.0);
    for &(bx0, by0, bx1, by1) in &boxes[1..] {
        bars(&mut c.out, bx0 + 4.0, by0 + 8.0, bx1 - 4.0, by1 - 8.0);
    }
}

/// An article's pretitle, title and subtitle from `(x, y)` down, `inner` wide; a part
/// continued from page `continued` has only its title, marked. Returns where they end.
fn headings(
    c: &mut Canvas,
    a: &Article,
    continued: Option<&str>,
    (x, mut y): (f64, f64),
    inner: f64,
    words: bool,
) -> f64 {
    let title = match continued {
        Some(home) => format!("（上接{}版）{}", home, a.title),
        None => a.title.clone(),
    };
    let max = if continued.is_some() { 28.0 } else { 52.0 };
    if let Some(pre) = a.pretitle.as_ref().filter(|_| continued.is_none()) {
        let size = (inner / pre.chars().count().max(1) as f64).min(22.0);
        y += size;
        if words {
            c.text(x, y, Type::new(size, "#555", false).of(&a.id), pre);
        } else {
            let _ = writeln!(
                c.out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#999\"/>",
                num(x),
                num(y - size),
                num(inner * 0.5),
                num(size * 0.8)
            );
        }
        y += 8.0;
    }
    let (lines, size) = headline_lines(&title, inner, max);
    for l in &lines {
        y += size * 1.1;
        if words {
            c.text(x, y, Type::new(size, "#111", true).of(&a.id), l);
        } else {
            let _ = writeln!(
                c.out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#333\"/>",
                num(x),
                num(y - size),
                num(inner * 0.8),
                num(size * 0.85)
            );
        }
    }
    if let Some(sub) = a.subtitle.as_ref().filter(|_| continued.is_none()) {
        let size = (inner / sub.chars().count().max(1) as f64).min(22.0);
        y += size * 1.4;
        if words {
            c.text(x, y, Type::new(size, "#444", false).of(&a.id), sub);
        }
    }
    y
}

/// A picture placeholder (a grey box with a mountain line) at `(x, y)`, `width` wide, taking
/// at most half of what is left above `bottom`. Returns where the text goes on.
fn picture(out: &mut String, x: f64, y: f64, width: f64, bottom: f64) -> f64 {
    let h = ((bottom - y) * 0.5).min(300.0);
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#d5dbe0\"/>",
        num(x),
        num(y),
        num(width),
        num(h.floor())
    );
    let _ = writeln!(
        out,
        "<polyline points=\"{},{} {},{} {},{} {},{} {},{}\" fill=\"none\" stroke=\"#8a99a6\" stroke-width=\"6\"/>",
        num(x),
        num(y + h * 0.9),
        num(x + width * 0.3),
        num(y + h * 0.45),
        num(x + width * 0.5),
        num(y + h * 0.7),
        num(x + width * 0.7),
        num(y + h * 0.35),
        num(x + width),
        num(y + h * 0.8)
    );
    y + h.floor() + 14.0
}

/// A small rendition of a page: the regions as blocks, headlines as dark bars.
pub fn thumbnail(issue: &Issue, index: usize) -> String {
    let mut out = String::with_capacity(1024);
    let height = (HEIGHT * THUMB_WIDTH).div_ceil(WIDTH);
    open(&mut out, THUMB_WIDTH, height);
    let _ = writeln!(out, "<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#fdfcf8\"/>");
    for r in placed(issue, index) {
        let region = &r.article.regions[r.region];
        let fill = match r.article.kind {
            ArticleKind::Masthead => "#b0141c",
            ArticleKind::Advertisement => "#fff4d6",
            ArticleKind::Article => "#e4e4e4",
        };
        let _ = writeln!(
            out,
            "<polygon points=\"{}\" fill=\"{fill}\" stroke=\"#999\" stroke-width=\"4\"/>",
            points(&region.points)
        );
        if r.article.kind == ArticleKind::Article {
            if let Some(&(x0, y0, x1, _)) = rectangles(&region.points).first() {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"30\" fill=\"#444\"/>",
                    num(x0 + 14.0),
                    num(y0 + 16.0),
                    num((x1 - x0) * 0.7)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A small picture for an image block: sky, sun and hills in colours picked by `seed`.
pub fn photo(seed: u32, width: u32, height: u32, label: &str) -> String {
    const SKIES: [&str; 4] = ["#cfe3f2", "#f6dcc4", "#dfeccf", "#e6dcef"];
    const HILLS: [&str; 4] = ["#5f8a5a", "#9a6b4f", "#4f7a8a", "#7a5f8a"];
    let (sky, hill) = (SKIES[seed as usize % 4], HILLS[(seed / 4) as usize % 4]);
    let (w, h) = (width as f64, height as f64);
    let mut out = String::with_capacity(1024);
    let _ = writeln!(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">", escape(label));
    let _ = writeln!(out, "<rect width=\"{width}\" height=\"{height}\" fill=\"{sky}\"/>");
    let _ = writeln!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#f2c14e\"/>",
        num((w * 0.75).round()),
        num((h * 0.28).round()),
        num((h * 0.12).round())
    );
    let _ = writeln!(
        out,
        "<polygon points=\"0,{} {},{} {},{} {},{} {},{} {},{}\" fill=\"{hill}\"/>",
        num(h),
        num((w * 0.3).round()),
        num((h * 0.45).round()),
        num((w * 0.55).round()),
        num((h * 0.7).round()),
        num((w * 0.8).round()),
        num((h * 0.5).round()),
        num(w),
        num((h * 0.75).round()),
        num(w),
        num(h)
    );
    out.push_str("</svg>\n");
    out
}

//! A PDF page read through hayro-interpret (the page interpreted by the library, never parsed
//! here): every glyph it shows with its text, box, type size, stroke weight and whether it is
//! drawn; the rules and frames it draws; where it places images.
//!
//! Boxes are in points from the page's top-left corner, as the page is shown (rotation and
//! crop box applied).

use super::cjk;
use crate::import::geom::Rect;
use hayro_interpret::font::{Glyph as FontGlyph, GlyphRun};
use hayro_interpret::hayro_syntax::object::dict::keys;
use hayro_interpret::hayro_syntax::object::Dict;
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, CacheKey, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, TransformExt,
};
use std::collections::HashMap;

/// One glyph shown on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Its text, radicals and vertical forms put back ([`cjk::normal`]); empty when its font
    /// gives it no Unicode meaning.
    pub text: String,
    /// Its em box: the advance across, a fifth of the size below the baseline to four fifths
    /// above it.
    pub rect: Rect,
    /// The type size, points.
    pub size: f64,
    /// The stroke weight: twice the ink area over the outline's length, in ems (0 unknown).
    pub stem: f64,
    /// Set upright (its baseline runs across the page); false for a glyph turned on its side.
    pub upright: bool,
    /// Drawn, not invisible (an OCR text layer over a scan is invisible).
    pub visible: bool,
    /// The text-showing operation it comes from, counted over the page.
    pub run: usize,
    /// Its character position in the page's text in content order: each glyph shown counts
    /// one (what iArchives word offsets count).
    pub offset: usize,
}

impl Glyph {
    pub fn is_space(&self) -> bool {
        !self.text.is_empty() && self.text.chars().all(char::is_whitespace)
    }

    /// A drawn upright glyph of `text` in a unit box, for tests.
    #[cfg(test)]
    pub fn of(text: &str) -> Glyph {
        Glyph {
            text: text.into(),
            rect: Rect { x0: 0.0, y0: 0.0, x1: 1.0, y1: 1.0 },
            size: 1.0,
            stem: 0.0,
            upright: true,
            visible: true,
            run: 0,
            offset: 0,
        }
    }
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct Content {
    /// The page size, points.
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    /// Glyphs whose font gives no Unicode text for them (not spaces).
    pub unmapped: usize,
    /// Straight lines drawn: thin filled boxes, stroked segments across or down the page.
    pub rules: Vec<Rect>,
    /// Closed outlines of only level and upright edges, stroked (article frames, boxes): their
    /// corners in order.
    pub frames: Vec<Vec<[f64; 2]>>,
    /// Filled boxes (not rules): panels such as a masthead's ground or a picture's place.
    pub panels: Vec<Rect>,
    /// Where images are placed.
    pub images: Vec<Rect>,
}

impl Content {
    /// Whether one image covers most of the page: a scan (with or without a text layer).
    pub fn scan(&self) -> bool {
        let page = self.width * self.height;
        page > 0.0 && self.images.iter().any(|r| r.width() * r.height() >= 0.8 * page)
    }

    /// The glyphs that carry text (not spaces, not unmapped).
    pub fn letters(&self) -> impl Iterator<Item = &Glyph> {
        self.glyphs.iter().filter(|g| !g.text.is_empty() && !g.is_space())
    }
}

/// Reads what the page shows.
pub fn read(page: &Page<'_>) -> Content {
    let (width, height) = page.render_dimensions();
    let cache = InterpreterCache::new();
    let transform = page.initial_transform(true).to_kurbo();
    let bbox = hayro_interpret::kurbo::Rect::new(0.0, 0.0, width as f64, height as f64);
    let mut cx = Context::new(transform, bbox, &cache, page.xref(), InterpreterSettings::default());
    let mut reader = Reader {
        out: Content { width: width as f64, height: height as f64, ..Content::default() },
        runs: 0,
        offset: 0,
        stems: HashMap::new(),
        marks: Vec::new(),
    };
    interpret_page(page, &mut cx, &mut reader);
    reader.out
}

struct Reader {
    out: Content,
    runs: usize,
    offset: usize,
    /// Stroke weights by glyph (its font program and id), in ems.
    stems: HashMap<u128, f64>,
    /// The marked-content sequences open now: for each, the text it gives its glyphs
    /// (`/ActualText`) and the first of its glyphs.
    marks: Vec<Option<(String, usize)>>,
}

/// The em box of a glyph of `advance` (thousandths of an em), carried to the page.
fn em_box(t: Affine, advance: f64) -> Rect {
    let corners = [(0.0, -200.0), (advance, -200.0), (advance, 800.0), (0.0, 800.0)].map(|(x, y)| t * Point::new(x, y));
    bounds(&corners).unwrap_or(Rect { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0 })
}

fn bounds(points: &[Point]) -> Option<Rect> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    (x0.is_finite() && y1.is_finite()).then_some(Rect { x0, y0, x1, y1 })
}

/// The stroke weight of an outline: twice its area over its length (a stroke of width w and
/// length l has area w·l and outline about 2l), in the outline's units.
fn stem_of(paths: &[BezPath]) -> f64 {
    let area: f64 = paths.iter().map(|p| p.area()).sum::<f64>().abs();
    let length: f64 = paths.iter().map(|p| p.perimeter(0.5)).sum();
    if length > 0.0 {
        2.0 * area / length
    } else {
        0.0
    }
}

impl Reader {
    fn stem<'a>(&mut self, glyph: &FontGlyph<'a>, props: &DrawProps<'a>, t: Affine, size: f64) -> f64 {
        let key = match glyph {
            FontGlyph::Outline(o) => o.identifier().cache_key(),
            FontGlyph::Type3(g) => g.cache_key(),
        };
        if let Some(s) = self.stems.get(&key) {
            return *s;
        }
        let s = match glyph {
            // Outlines come at 1000 units to the em.
            FontGlyph::Outline(o) => stem_of(&[o.outline()]) / 1000.0,
            // A Type 3 glyph is a little content stream: its fills, on the page.
            FontGlyph::Type3(g) => {
                let mut paths = Paths::default();
                g.interpret(&mut paths, props.transform, t, &props.paint);
                if size > 0.0 {
                    stem_of(&paths.0) / size
                } else {
                    0.0
                }
            }
        };
        self.stems.insert(key, s);
        s
    }

    /// A glyph's text: its Unicode meaning with radicals and vertical forms put back; empty
    /// when it has none.
    fn text(glyph: &FontGlyph<'_>) -> String {
        use hayro_interpret::hayro_cmap::BfString;
        match glyph.as_unicode() {
            Some(BfString::Char(c)) => meaning(&c.to_string()),
            Some(BfString::String(s)) => meaning(&s),
            None => String::new(),
        }
    }

    /// The glyphs of a marked-content sequence with an `/ActualText` take their text from it,
    /// not from their font: where one glyph serves two characters (户 and 戶 share one in a
    /// simplified-Chinese font), the font's ToUnicode can name only one of them, and Chromium
    /// (Skia) writes the character it set as the span's ActualText. One character a glyph when
    /// the counts agree; otherwise the first glyph carries the whole text.
    fn actual_text(&mut self, text: &str, start: usize) {
        let glyphs = &mut self.out.glyphs[start..];
        if glyphs.is_empty() {
            return;
        }
        let text = meaning(text);
        let chars: Vec<char> = text.chars().collect();
        let each = chars.len() == glyphs.len();
        for (k, g) in glyphs.iter_mut().enumerate() {
            if g.text.is_empty() {
                self.out.unmapped -= 1;
            }
            g.text = match (each, k) {
                (true, _) => chars[k].to_string(),
                (false, 0) => text.clone(),
                _ => String::new(),
            };
        }
    }
}

/// A PDF text string (ActualText): UTF-16BE after its byte-order mark, UTF-8 after its own
/// (PDF 2.0), else PDFDocEncoding, which agrees with Latin-1 on the letters.
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// Text as the page means it: radicals and vertical forms put back, an OCR layer's line-end ¬
/// as a hyphen; empty when it holds a character with no meaning of its own.
fn meaning(raw: &str) -> String {
    if raw.chars().any(cjk::meaningless) {
        return String::new();
    }
    // OCR text layers (ABBYY's) write a line-end hyphen as ¬.
    raw.chars()
        .map(|c| if c == '¬' { "-".to_string() } else { cjk::normal(c).map_or_else(|| c.to_string(), str::to_string) })
        .collect()
}

impl<'a> Device<'a> for Reader {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        let path = props.transform * path.clone();
        let stroked = matches!(mode, DrawMode::Stroke(_) | DrawMode::FillAndStroke(..));
        shapes(&path, stroked, &mut self.out);
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let visible = !matches!(mode, DrawMode::Invisible);
        for g in run.glyphs() {
            let t = props.transform * g.transform();
            let origin = t * Point::ZERO;
            let up = t * Point::new(0.0, 1000.0) - origin;
            let size = up.hypot();
            let advance = match &**g {
                FontGlyph::Outline(o) => o.advance_width(),
                FontGlyph::Type3(o) => o.advance_width(),
            }
            .map_or(500.0, f64::from);
            let text = Reader::text(g);
            if text.is_empty() {
                self.out.unmapped += 1;
            }
            let stem = if visible && !text.trim().is_empty() { self.stem(g, &props, g.transform(), size) } else { 0.0 };
            self.out.glyphs.push(Glyph {
                text,
                rect: em_box(t, advance),
                size,
                stem,
                upright: up.y < 0.0 && up.y.abs() > 2.0 * up.x.abs(),
                visible,
                run: self.runs,
                offset: self.offset,
            });
            self.offset += 1;
        }
        self.runs += 1;
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        // The transform places the image's pixels (hayro scales the unit square by its size).
        let (w, h) = (f64::from(image.width()), f64::from(image.height()));
        let corners = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)].map(|(x, y)| props.transform * Point::new(x, y));
        self.out.images.extend(bounds(&corners));
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}

    fn begin_marked_content(&mut self, _tag: &[u8], properties: Option<&Dict<'_>>) {
        let actual = properties
            .and_then(|p| p.get::<hayro_interpret::hayro_syntax::object::String<'_>>(keys::ACTUAL_TEXT))
            .map(|s| (text_string(s.as_bytes()), self.out.glyphs.len()));
        self.marks.push(actual);
    }

    fn end_marked_content(&mut self) {
        if let Some(Some((text, start))) = self.marks.pop() {
            self.actual_text(&text, start);
        }
    }
}

/// The paths a Type 3 glyph fills, for its weight.
#[derive(Default)]
struct Paths(Vec<BezPath>);

impl<'a> Device<'a> for Paths {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        if matches!(mode, DrawMode::Fill(_) | DrawMode::FillAndStroke(..)) {
            self.0.push(props.transform * path.clone());
        }
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, _: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// The thickness under which a filled box is a rule, points.
const RULE: f64 = 3.0;

/// Rules and frames in a drawn path (on the page): a thin filled box is a rule; a stroked
/// path gives each level or upright segment as a rule, and each closed outline of only such
/// edges as a frame.
fn shapes(path: &BezPath, stroked: bool, out: &mut Content) {
    for sub in subpaths(path) {
        let Some(poly) = rectilinear(&sub) else { continue };
        let pts: Vec<Point> = poly.iter().map(|p| Point::new(p[0], p[1])).collect();
        let Some(b) = bounds(&pts) else { continue };
        if !stroked {
            let thin = b.height() <= RULE && b.width() >= 4.0 * b.height().max(0.5)
                || b.width() <= RULE && b.height() >= 4.0 * b.width().max(0.5);
            if thin && poly.len() <= 5 {
                out.rules.push(b);
            } else if poly.len() == 5
                && poly.first() == poly.last()
                && b.width() > 4.0 * RULE
                && b.height() > 4.0 * RULE
            {
                out.panels.push(b);
            }
            continue;
        }
        for w in poly.windows(2) {
            let (a, c) = (w[0], w[1]);
            out.rules.push(Rect { x0: a[0].min(c[0]), y0: a[1].min(c[1]), x1: a[0].max(c[0]), y1: a[1].max(c[1]) });
        }
        let closed = poly.len() >= 5 && poly.first() == poly.last();
        if closed && b.width() > 4.0 * RULE && b.height() > 4.0 * RULE {
            out.frames.push(poly[..poly.len() - 1].to_vec());
        }
    }
}

/// A path's subpaths, each its points (a closed one ends where it starts).
fn subpaths(path: &BezPath) -> Vec<Vec<PathEl>> {
    let mut out: Vec<Vec<PathEl>> = Vec::new();
    for el in path.elements() {
        match el {
            PathEl::MoveTo(_) => out.push(vec![*el]),
            _ => match out.last_mut() {
                Some(s) => s.push(*el),
                None => out.push(vec![*el]),
            },
        }
    }
    out
}

/// The corners of a subpath of straight level and upright edges (closing it where it closes),
/// consecutive repeats dropped; None when an edge is curved or slanted.
fn rectilinear(sub: &[PathEl]) -> Option<Vec<[f64; 2]>> {
    let mut pts: Vec<[f64; 2]> = Vec::new();
    let mut start: Option<[f64; 2]> = None;
    for el in sub {
        let p = match el {
            PathEl::MoveTo(p) => {
                start = Some([p.x, p.y]);
                [p.x, p.y]
            }
            PathEl::LineTo(p) => [p.x, p.y],
            PathEl::ClosePath => start?,
            _ => return None,
        };
        if pts.last().is_none_or(|l| (l[0] - p[0]).abs() > 0.01 || (l[1] - p[1]).abs() > 0.01) {
            pts.push(p);
        }
    }
    // A closing edge back to the start that the path wrote out as a line.
    if let (Some(first), Some(last)) = (pts.first().copied(), pts.last().copied()) {
        if pts.len() > 2 && (first[0] - last[0]).abs() <= 0.01 && (first[1] - last[1]).abs() <= 0.01 {
            let n = pts.len();
            pts[n - 1] = first;
        }
    }
    let level = pts.windows(2).all(|w| (w[0][0] - w[1][0]).abs() <= 0.01 || (w[0][1] - w[1][1]).abs() <= 0.01);
    (pts.len() >= 2 && level).then_some(pts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_frames_from_paths() {
        let mut out = Content::default();
        // A filled hairline across, a filled block, a stroked L-shaped outline, a curve.
        let mut p = BezPath::new();
        p.move_to((10.0, 100.0));
        p.line_to((300.0, 100.0));
        p.line_to((300.0, 101.5));
        p.line_to((10.0, 101.5));
        p.close_path();
        shapes(&p, false, &mut out);
        let mut block = BezPath::new();
        block.move_to((0.0, 0.0));
        block.line_to((50.0, 0.0));
        block.line_to((50.0, 50.0));
        block.line_to((0.0, 50.0));
        block.close_path();
        shapes(&block, false, &mut out);
        assert_eq!(out.rules, vec![Rect { x0: 10.0, y0: 100.0, x1: 300.0, y1: 101.5 }]);
        let mut ell = BezPath::new();
        for (k, (x, y)) in [(0.0, 0.0), (200.0, 0.0), (200.0, 100.0), (100.0, 100.0), (100.0, 300.0), (0.0, 300.0)]
            .into_iter()
            .enumerate()
        {
            if k == 0 {
                ell.move_to((x, y));
            } else {
                ell.line_to((x, y));
            }
        }
        ell.close_path();
        shapes(&ell, true, &mut out);
        assert_eq!(
            out.frames,
            vec![vec![[0.0, 0.0], [200.0, 0.0], [200.0, 100.0], [100.0, 100.0], [100.0, 300.0], [0.0, 300.0]]]
        );
        assert_eq!(out.rules.len(), 1 + 6, "each edge of a stroked outline is a rule");
        let mut curve = BezPath::new();
        curve.move_to((0.0, 0.0));
        curve.quad_to((10.0, 10.0), (20.0, 0.0));
        shapes(&curve, true, &mut out);
        assert_eq!(out.frames.len(), 1);
    }

    #[test]
    fn actual_text_names_the_characters_its_glyphs_show() {
        assert_eq!(text_string(&[0xFE, 0xFF, 0x62, 0x37]), "户");
        assert_eq!(text_string(&[0xEF, 0xBB, 0xBF, 0xE6, 0x88, 0xB7]), "户");
        assert_eq!(text_string(b"caf\xe9"), "café");
        let glyph = Glyph::of;
        let mut r = Reader {
            out: Content { glyphs: vec![glyph("住"), glyph("戶"), glyph("")], unmapped: 1, ..Content::default() },
            runs: 0,
            offset: 0,
            stems: HashMap::new(),
            marks: Vec::new(),
        };
        // One glyph a character where the counts agree; else the first carries it all.
        r.actual_text("户⼥", 1);
        assert_eq!(r.out.glyphs.iter().map(|g| g.text.as_str()).collect::<Vec<_>>(), ["住", "户", "女"]);
        assert_eq!(r.out.unmapped, 0);
        r.out.glyphs.extend([glyph("f"), glyph("i")]);
        // A ligature named by its ActualText: its letters, one to each glyph here.
        r.actual_text("ﬁ", 3);
        assert_eq!(r.out.glyphs[3..].iter().map(|g| g.text.as_str()).collect::<Vec<_>>(), ["f", "i"]);
        r.actual_text("etc.", 3);
        assert_eq!(r.out.glyphs[3..].iter().map(|g| g.text.as_str()).collect::<Vec<_>>(), ["etc.", ""]);
        assert_eq!(r.out.unmapped, 0);
    }

    #[test]
    fn weight_is_area_over_length() {
        // A 10 x 100 bar: area 1000, outline 220: about 9, close to its stem of 10.
        let mut bar = BezPath::new();
        bar.move_to((0.0, 0.0));
        bar.line_to((10.0, 0.0));
        bar.line_to((10.0, 100.0));
        bar.line_to((0.0, 100.0));
        bar.close_path();
        assert!((stem_of(&[bar]) - 9.09).abs() < 0.01);
        assert_eq!(stem_of(&[]), 0.0);
    }
}

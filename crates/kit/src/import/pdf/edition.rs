//! `import pdf`: an edition published as PDF (a paper's own page PDFs with real text, or a
//! library's page PDFs of a scan with an invisible OCR text layer) becomes an issue.
//!
//! Each page: its image (a scan's embedded JPEG as it is, else the page rendered by hayro), its
//! PDF kept as the page's download, its words from the text the PDF shows, and its articles
//! from the layout segmentation (`segment`), fed the PDF's lines as an ALTO page would be:
//! type sizes from the PDF's fonts, bold lines set up a step, rules the PDF draws.

use super::lines::{self, Line};
use super::{cjk, doc, text, unframed};
use crate::import::alto::{self, Alto, Block, Unit};
use crate::import::geom::Rect;
use crate::import::segment::{alto_page, Kind, Part, Story};
use crate::import::{local_page, shown, words, Context, Draft, Picture, Report, Target};
use broadsheet_model::{Article, ArticleKind, Block as Para, Day, PageImage};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// A folder of page PDFs, page PDFs one by one (in page order), or one PDF of all pages.
    #[arg(required = true)]
    pub pdf: Vec<PathBuf>,
    /// The pages' numbers in order, comma-separated (e.g. 1,2,A1), where the file names do
    /// not give them (else the last number in each file name, or the page's place).
    #[arg(long, value_delimiter = ',')]
    pub pages: Vec<String>,
    /// Resolution of the page images rendered from typeset PDFs, pixels per inch (a scan's
    /// PDF gives its own image).
    #[arg(long, default_value_t = 150.0)]
    pub dpi: f64,
    /// One article per block of text instead of finding the articles from the layout.
    #[arg(long)]
    pub no_segment: bool,
    #[command(flatten)]
    pub target: Target,
}

/// One page to import: page `page` (from 0) of `file`.
#[derive(Clone, Debug, PartialEq)]
struct Source {
    file: PathBuf,
    page: usize,
    number: String,
    /// The file holds other pages too.
    shared: bool,
}

/// On pages with CJK text, a mark starts each line, so that where the segmentation joins two
/// lines with a space the join can be closed up when CJK meets there (see [`close_up`]); a
/// line that ends in a space the page shows (a headline broken at a space) ends with
/// [`SPACE`], and that join keeps its space. (Marks at the start, not the end, of lines: the
/// end of a line tells the end of a paragraph.)
const OPEN: char = '\u{E000}';
const SPACE: char = '\u{E001}';

/// Reads the edition: its pages in order, each with its picture, words and articles. A PDF
/// that cannot be read (encrypted, damaged) is left out with a message; the others go in.
pub fn import(inputs: &[PathBuf], numbers: &[String], dpi: f64, cx: &Context) -> Result<Draft, Vec<String>> {
    if !(10.0..=1200.0).contains(&dpi) {
        return Err(vec![format!("--dpi {dpi}: give a resolution from 10 to 1200 pixels per inch")]);
    }
    let mut report = Report::default();
    let files = pdf_files(inputs)?;
    let date = match cx.date {
        Some(d) => d,
        None => files.iter().find_map(|f| date_in(&f.to_string_lossy())).ok_or_else(|| {
            vec!["the issue date is not in the file or folder names (YYYY-MM-DD or YYYYMMDD): give it with --date"
                .into()]
        })?,
    };
    let mut opened = Vec::new();
    for f in &files {
        match std::fs::read(f).map_err(|e| format!("cannot read the file: {e}")).and_then(doc::open) {
            Ok(pdf) => opened.push((f.clone(), pdf)),
            Err(e) => report.warnings.push(format!("{}: left out: {e}", shown(f))),
        }
    }
    let sources = sources(&opened.iter().map(|(f, p)| (f.clone(), p.pages().len())).collect::<Vec<_>>(), numbers)
        .map_err(|e| vec![e])?;
    if sources.is_empty() {
        report.warnings.insert(0, "no page of the edition could be read".into());
        return Err(report.warnings);
    }
    let (mut pages, mut pictures, mut all_words, mut extras) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, s) in sources.iter().enumerate() {
        let pdf = &opened.iter().find(|(f, _)| *f == s.file).expect("a source's file is open").1;
        let id = format!("p{}", i + 1);
        let download = if s.shared { "edition.pdf".to_string() } else { format!("{id}.pdf") };
        if !extras.iter().any(|(_, n)| *n == download) {
            extras.push((s.file.clone(), download.clone()));
        }
        let page = &pdf.pages()[s.page];
        let where_ = format!("page {} ({})", s.number, shown(&s.file));
        let read = read_page(page, dpi, &id, cx, &where_, &mut report);
        pictures.push(Picture::Pdf { file: s.file.clone(), page: s.page, scale: read.scale });
        pages.push(local_page(
            id,
            s.number.clone(),
            format!("Page {}", s.number),
            read.size,
            Some(download),
            read.articles,
        ));
        all_words.push(read.words);
    }
    follow_jumps(&mut pages, &mut all_words);
    let mut draft = Draft::new(date, None, pages, pictures, report, extras);
    draft.words = all_words;
    Ok(draft)
}

/// A story continued on another page under its title marked （上接01版） ("continued from
/// page 1", as 数字报 pages mark it) is no article of its own: its regions go to the story of
/// that title on the page named (with `page` set), its text after that story's, its words to it.
fn follow_jumps(pages: &mut [broadsheet_model::Page], words: &mut [words::PageWords]) {
    for k in 0..pages.len() {
        let mut j = 0;
        while j < pages[k].articles.len() {
            let found = jump(&pages[k].articles[j].title).and_then(|(from, title)| {
                let t = pages.iter().position(|p| p.number.trim_start_matches('0') == from).filter(|&t| t != k)?;
                Some((t, pages[t].articles.iter().position(|b| b.title == title)?))
            });
            let Some((t, m)) = found else {
                j += 1;
                continue;
            };
            let a = pages[k].articles.remove(j);
            let here = pages[k].id.clone();
            let to = &mut pages[t].articles[m];
            to.regions
                .extend(a.regions.into_iter().map(|r| broadsheet_model::Region { page: Some(here.clone()), ..r }));
            to.body.extend(a.body);
            let id = to.id.clone();
            for l in words[k].lines.iter_mut().filter(|l| l.article.as_deref() == Some(a.id.as_str())) {
                l.article = Some(id.clone());
            }
        }
    }
}

/// The page number and title of a continuation's title: `（上接01版）标题` is ("1", "标题").
fn jump(title: &str) -> Option<(String, String)> {
    let t = title.trim_start();
    let rest = t.strip_prefix('（').or_else(|| t.strip_prefix('('))?.strip_prefix("上接")?;
    let (end, close) = rest.char_indices().find(|(_, c)| *c == '）' || *c == ')')?;
    let number = rest[..end].trim_start_matches('第').trim_end_matches('版').trim_start_matches('0');
    let title = rest[end + close.len_utf8()..].trim();
    (!number.is_empty() && !title.is_empty()).then(|| (number.to_string(), title.to_string()))
}

/// The picture of page `page` of `file` written into `dir` as `base`: the scan it embeds
/// (`scale` None) or the page rendered at `scale` pixels a point.
pub fn picture(file: &Path, page: usize, scale: Option<f64>, dir: &Path, base: &str) -> Result<PageImage, String> {
    let at = |e: String| format!("{}: {e}", shown(file));
    let pdf = std::fs::read(file)
        .map_err(|e| at(format!("cannot read the file: {e}")))
        .and_then(|b| doc::open(b).map_err(at))?;
    let p = pdf.pages().get(page).ok_or_else(|| at(format!("the PDF has no page {}", page + 1)))?;
    match scale {
        None => {
            let jpeg = doc::embedded_image(p).ok_or_else(|| at("the page's scan cannot be taken out".into()))?;
            let tmp = dir.join(format!("{base}.scan.jpg"));
            std::fs::write(&tmp, &jpeg).map_err(|e| format!("{}: cannot write: {e}", tmp.display()))?;
            let r = crate::import::pictures::render(&tmp, dir, base);
            let _ = std::fs::remove_file(&tmp);
            r
        }
        Some(s) => crate::import::pictures::write_image(&doc::render(p, s), dir, base).map_err(at),
    }
}

/// What one page gives.
struct Read {
    size: (u32, u32),
    scale: Option<f64>,
    articles: Vec<Article>,
    words: words::PageWords,
}

/// Reads one page: its text, its picture's size, its articles and words.
fn read_page(
    page: &hayro::hayro_syntax::page::Page<'_>,
    dpi: f64,
    id: &str,
    cx: &Context,
    at: &str,
    report: &mut Report,
) -> Read {
    let content = text::read(page);
    let (size, scale, frame) = placement(page, &content, dpi);
    let to_px = |r: &Rect| {
        let (sx, sy) = (f64::from(size.0) / frame.width(), f64::from(size.1) / frame.height());
        Rect {
            x0: (r.x0 - frame.x0) * sx,
            y0: (r.y0 - frame.y0) * sy,
            x1: (r.x1 - frame.x0) * sx,
            y1: (r.y1 - frame.y0) * sy,
        }
    };
    let mut out = Read {
        size,
        scale,
        articles: Vec::new(),
        words: words::PageWords { page: id.into(), width: size.0, height: size.1, lines: Vec::new() },
    };
    if let Some(problem) = unreadable(&content) {
        report.warnings.push(format!("{at}: {problem}: imported as an image without words or articles"));
        return out;
    }
    if content.unmapped > 0 {
        report.warnings.push(format!(
            "{at}: {} character(s) without a Unicode mapping in their font are left out",
            content.unmapped
        ));
    }
    let lines = lines::lines(&content.glyphs);
    let (alto, groups) = to_alto(&lines, &content.rules, &to_px, size);
    let (frames, outlines) = frames(&content.frames, &to_px);
    // A panel under most of the page is its paper, not a story's ground.
    let page_area = f64::from(size.0) * f64::from(size.1);
    let panels: Vec<Rect> =
        content.panels.iter().map(to_px).filter(|r| r.width() * r.height() < 0.5 * page_area).collect();
    let (mut articles, links) = zone(&alto, size, &frames, &panels, !content.scan(), cx);
    // A framed article's region is its frame as drawn (an L-shaped one too).
    for r in articles.iter_mut().flat_map(|a| a.regions.iter_mut()) {
        let same =
            |f: &Rect, b: &Rect| [f.x0 - b.x0, f.y0 - b.y0, f.x1 - b.x1, f.y1 - b.y1].iter().all(|d| d.abs() < 1.0);
        let k = corners_box(&r.points).and_then(|b| frames.iter().position(|f| same(f, &b)));
        if let Some((Some(points), _)) =
            k.map(|k| crate::import::geom::clean(&outlines[k], f64::from(size.0), f64::from(size.1)))
        {
            r.points = points;
        }
    }
    for (j, a) in articles.iter_mut().enumerate() {
        a.id = format!("a{:02}{:02}", id.trim_start_matches('p').parse::<usize>().unwrap_or(0), j + 1);
        close_up_article(a);
        if says_advertisement(a) {
            a.kind = ArticleKind::Advertisement;
        }
    }
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    out.words.lines = page_words(&groups, &links, &ids, &to_px);
    out.articles = articles;
    out
}

/// Where the page's picture comes from and what of the page it shows: a scan's PDF gives its
/// JPEG (its size, and the box the scan is drawn in, where the words are placed); else the
/// page is rendered at `dpi` (its size, the scale, the whole page).
fn placement(
    page: &hayro::hayro_syntax::page::Page<'_>,
    content: &text::Content,
    dpi: f64,
) -> ((u32, u32), Option<f64>, Rect) {
    let scan = content
        .scan()
        .then(|| doc::embedded_image(page))
        .flatten()
        .and_then(|j| crate::import::pictures::size_of(&j).ok());
    let drawn =
        content.images.iter().copied().max_by(|a, b| (a.width() * a.height()).total_cmp(&(b.width() * b.height())));
    match (scan, drawn) {
        (Some(size), Some(drawn)) => (size, None, drawn),
        _ => {
            let s = doc::fit_scale(page, dpi / 72.0);
            let size = doc::rendered_size(page, s);
            (size, Some(s), Rect { x0: 0.0, y0: 0.0, x1: f64::from(size.0) / s, y1: f64::from(size.1) / s })
        }
    }
}

/// The frames in pixels: each one's box, and its outline.
fn frames(outlines: &[Vec<[f64; 2]>], to_px: &dyn Fn(&Rect) -> Rect) -> (Vec<Rect>, Vec<Vec<[f64; 2]>>) {
    let point = |p: &[f64; 2]| {
        let r = to_px(&Rect { x0: p[0], y0: p[1], x1: p[0], y1: p[1] });
        [r.x0, r.y0]
    };
    let outlines: Vec<Vec<[f64; 2]>> =
        outlines.iter().filter(|f| !f.is_empty()).map(|f| f.iter().map(point).collect()).collect();
    let boxes = outlines.iter().filter_map(|f| corners_box(f)).collect();
    (boxes, outlines)
}

fn corners_box(points: &[[f64; 2]]) -> Option<Rect> {
    points.iter().map(|p| Rect { x0: p[0], y0: p[1], x1: p[0], y1: p[1] }).reduce(|a, b| a.union(&b))
}

/// A box's centre, and whether a box holds a point (with a pixel to spare).
fn centre(r: &Rect) -> (f64, f64) {
    ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0)
}

fn holds(r: &Rect, (x, y): (f64, f64)) -> bool {
    x >= r.x0 - 1.0 && x <= r.x1 + 1.0 && y >= r.y0 - 1.0 && y <= r.y1 + 1.0
}

/// The smallest of `boxes` that holds all of `r`, if any.
fn smallest_holding(boxes: &[Rect], r: &Rect) -> Option<Rect> {
    boxes
        .iter()
        .filter(|b| holds(b, (r.x0, r.y0)) && holds(b, (r.x1, r.y1)))
        .min_by(|a, b| (a.width() * a.height()).total_cmp(&(b.width() * b.height())))
        .copied()
}

/// The page's articles and which words are in them. Where the page frames its articles (boxes
/// drawn around them, as 数字报 pages do) and most lines are in a frame, each frame is an
/// article: its leading display lines its headline decks, the rest its text, the frame its
/// region. Lines outside frames, and pages without, go through the layout segmentation, a
/// story's region widened to the panel it is printed on (a masthead's ground).
fn zone(
    alto: &Alto,
    size: (u32, u32),
    frames: &[Rect],
    panels: &[Rect],
    typeset: bool,
    cx: &Context,
) -> (Vec<Article>, alto_page::Links) {
    let (lines, origin) = alto_page::lines(alto, (1.0, 1.0));
    let frame_of: Vec<Option<usize>> = lines
        .iter()
        .map(|l| {
            let c = centre(&l.rect);
            (0..frames.len()).filter(|&f| holds(&frames[f], c)).min_by(|&a, &b| {
                (frames[a].width() * frames[a].height()).total_cmp(&(frames[b].width() * frames[b].height()))
            })
        })
        .collect();
    let framed = frame_of.iter().filter(|f| f.is_some()).count();
    // A typeset page without frames: its stories found over its columns from the headlines.
    let (frames, frame_of) = if typeset && framed * 2 < lines.len() {
        unframed::stories(&lines, body_size(&lines))
    } else {
        (frames.iter().map(|f| vec![*f]).collect(), frame_of)
    };
    let framed = frame_of.iter().filter(|f| f.is_some()).count();
    let page = |lines: Vec<crate::import::segment::Line>| crate::import::segment::Page {
        width: f64::from(size.0),
        height: f64::from(size.1),
        lines,
        rules: alto_page::rules(alto, (1.0, 1.0)),
        ink: None,
    };
    if !cx.segment || framed * 2 < lines.len() {
        let s = alto_page::segment_page(alto, (1.0, 1.0), size, None, cx.segment, cx.paper.as_deref());
        return (s.articles, s.links);
    }
    // A page head (paper, page, section and date in one thin band over the frames, as inner
    // 数字报 pages print it) is no story; its words stay unlinked.
    let top = frames.iter().flatten().map(|f| f.y0).fold(f64::INFINITY, f64::min);
    let above: Vec<usize> = (0..lines.len()).filter(|&i| frame_of[i].is_none() && lines[i].rect.y1 <= top).collect();
    let band = above.iter().map(|&i| lines[i].rect.y1).fold(f64::NEG_INFINITY, f64::max)
        - above.iter().map(|&i| lines[i].rect.y0).fold(f64::INFINITY, f64::min);
    let head = |i: usize| band < 0.05 * f64::from(size.1) && above.contains(&i);
    // Outside the frames: the segmentation, on those lines alone.
    let outside: Vec<usize> = (0..lines.len()).filter(|&i| frame_of[i].is_none() && !head(i)).collect();
    let sub_origin: alto_page::Origin = outside.iter().map(|&i| origin[i].clone()).collect();
    let sub = page(outside.iter().map(|&i| lines[i].clone()).collect());
    let mut loose = crate::import::segment::segment(&sub);
    for st in &mut loose {
        for r in &mut st.regions {
            if let Some(p) = smallest_holding(panels, r) {
                *r = p;
            }
        }
    }
    let mut articles = alto_page::articles(alto, &sub_origin, &sub, &loose, cx.paper.as_deref());
    let mut links = alto_page::story_links(&sub_origin, &loose);
    // The frames, in the order the page shows them (top to bottom, then left to right).
    let full = page(lines);
    let body = body_size(&full.lines);
    let corner =
        |f: usize| frames[f].iter().fold((f64::INFINITY, f64::INFINITY), |(x, y), r| (x.min(r.x0), y.min(r.y0)));
    let mut order: Vec<usize> = (0..frames.len()).collect();
    order.sort_by(|&a, &b| corner(a).1.total_cmp(&corner(b).1).then(corner(a).0.total_cmp(&corner(b).0)));
    let stories: Vec<Story> = order
        .into_iter()
        .filter_map(|f| {
            let idx: Vec<usize> = (0..full.lines.len()).filter(|&i| frame_of[i] == Some(f)).collect();
            framed_story(&full.lines, &idx, body, frames[f].clone())
        })
        .collect();
    let first = articles.len();
    articles.extend(alto_page::articles(alto, &origin, &full, &stories, cx.paper.as_deref()));
    links.extend(
        alto_page::story_links(&origin, &stories).into_iter().map(|(b, k, r, a)| (b, k, r, a.map(|a| a + first))),
    );
    (articles, links)
}

/// The type size of most lines (the body's).
fn body_size(lines: &[crate::import::segment::Line]) -> f64 {
    let mut v: Vec<f64> = lines.iter().map(|l| l.size).collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The story of a frame's lines `idx` (in the page's order): its leading lines set larger
/// than the `body` size are the headline's decks (a deck to each size), later ones
/// crossheads, the others its text, a part to each block (column).
fn framed_story(lines: &[crate::import::segment::Line], idx: &[usize], body: f64, regions: Vec<Rect>) -> Option<Story> {
    if idx.is_empty() {
        return None;
    }
    // The frame's own text size: the size most of its characters are set in (to half a
    // point; a page may set stories in different sizes, to fit).
    let mut by_size: Vec<(f64, usize)> = Vec::new();
    for &i in idx {
        let size = (lines[i].size * 2.0).round() / 2.0;
        let n = lines[i].text.chars().count();
        match by_size.iter_mut().find(|(s, _)| *s == size) {
            Some((_, m)) => *m += n,
            None => by_size.push((size, n)),
        }
    }
    let body = by_size.iter().max_by_key(|(_, n)| *n).map_or(body, |(s, _)| *s);
    let display = |i: usize| lines[i].size > 1.15 * body;
    let mut decks: Vec<Vec<usize>> = Vec::new();
    let mut k = 0;
    while k < idx.len() && display(idx[k]) {
        let i = idx[k];
        match decks.last_mut() {
            Some(d) if (lines[d[0]].size - lines[i].size).abs() <= 0.1 * lines[i].size => d.push(i),
            _ => decks.push(vec![i]),
        }
        k += 1;
    }
    // A frame of a line or two of one size (a notice, an advertisement's slogan): they are its
    // headline.
    if decks.is_empty()
        && idx.len() <= 2
        && idx.iter().all(|&i| (lines[i].size - lines[idx[0]].size).abs() < 0.1 * body)
    {
        decks.push(idx.to_vec());
        k = idx.len();
    }
    let mut parts: Vec<Part> = Vec::new();
    for &i in &idx[k..] {
        match parts.last_mut() {
            // A crosshead set over two lines down its column is one heading.
            Some(Part::Heading(h))
                if display(i)
                    && h.last().is_some_and(|&j| {
                        lines[j].block == lines[i].block && (lines[j].size - lines[i].size).abs() <= 0.1 * lines[i].size
                    }) =>
            {
                h.push(i)
            }
            _ if display(i) => parts.push(Part::Heading(vec![i])),
            Some(Part::Text(t)) if t.last().is_some_and(|&j| lines[j].block == lines[i].block) => t.push(i),
            _ => parts.push(Part::Text(vec![i])),
        }
    }
    Some(Story { kind: Kind::Article, decks, parts, regions, loose: Vec::new() })
}

/// Whether a story is an advertisement by its own word: all headline, no text, and the
/// headline says so (公益广告, "Advertisement"), as papers label the ads they set.
fn says_advertisement(a: &Article) -> bool {
    let text = a.body.iter().any(|b| matches!(b, Para::Paragraph { .. }));
    a.kind == ArticleKind::Article
        && !text
        && (a.title.contains("广告") || a.title.to_lowercase().contains("advertisement"))
}

/// Why a page's text cannot be used, if it cannot: none at all (an image-only PDF), or most
/// of it without a Unicode mapping (fonts that give no text: the glyphs cannot be read back).
pub fn unreadable(c: &text::Content) -> Option<String> {
    let letters = c.letters().count();
    if letters == 0 && c.unmapped == 0 {
        return Some("the PDF has no text (image-only: it needs OCR)".into());
    }
    (c.unmapped * 10 > letters + c.unmapped).then(|| {
        format!(
            "{} of its {} characters have no Unicode mapping in their fonts, so its text cannot be read",
            c.unmapped,
            letters + c.unmapped
        )
    })
}

/// The PDF words of each ALTO word, by block and line.
type Groups = Vec<Vec<Vec<Vec<lines::Word>>>>;

/// The page's lines as an ALTO page in pixels: a block per PDF block, an ALTO word per run
/// of PDF words without a space (a CJK phrase is one), the type size of bold lines set a step
/// up (the segmentation tells headlines by size), lines starting or ending in CJK marked.
fn to_alto(lines: &[Line], rules: &[Rect], to_px: &dyn Fn(&Rect) -> Rect, size: (u32, u32)) -> (Alto, Groups) {
    let marks = lines.iter().any(|l| l.words.iter().any(|w| w.text.chars().any(cjk::is_cjk)));
    let mut stems: Vec<f64> = lines.iter().filter(|l| l.stem > 0.0).map(|l| l.stem).collect();
    stems.sort_by(f64::total_cmp);
    let body_stem = stems.get(stems.len() / 2).copied();
    let mut blocks: Vec<Block> = Vec::new();
    let mut groups: Groups = Vec::new();
    for l in lines {
        if blocks.len() <= l.block {
            blocks.push(Block { id: format!("b{}", l.block), rect: None, lines: Vec::new(), line_no: 0 });
            groups.push(Vec::new());
        }
        let bold = body_stem.is_some_and(|b| l.stem > 1.3 * b);
        let font = Some(l.size * if bold { 1.2 } else { 1.0 });
        let mut ws: Vec<alto::Word> = Vec::new();
        let mut gs: Vec<Vec<lines::Word>> = Vec::new();
        for w in &l.words {
            match (ws.last_mut(), gs.last_mut()) {
                (Some(a), Some(g)) if !w.space => {
                    a.content.push_str(&w.text);
                    a.rect = a.rect.map(|r| r.union(&to_px(&w.rect)));
                    g.push(w.clone());
                }
                _ => {
                    ws.push(alto::Word {
                        content: w.text.clone(),
                        rect: Some(to_px(&w.rect)),
                        font,
                        ..Default::default()
                    });
                    gs.push(vec![w.clone()]);
                }
            }
        }
        if marks {
            ws[0].content.insert(0, OPEN);
            if l.space_after {
                ws.last_mut().expect("a line has a word").content.push(SPACE);
            }
        }
        let k = blocks.len() - 1;
        blocks[k].lines.push(alto::Line { rect: Some(to_px(&l.rect)), words: ws, font, ..Default::default() });
        groups[k].push(gs);
    }
    let graphics = rules.iter().map(to_px).collect();
    let alto = Alto {
        unit: Unit::Pixel,
        page: Some((f64::from(size.0), f64::from(size.1))),
        print_space: None,
        dpi: None,
        blocks,
        graphics,
    };
    (alto, groups)
}

/// Text joined by the segmentation closed up where CJK meets at a line join (as
/// [`cjk::glued`] says), the marks taken out.
pub fn close_up(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (k, &c) in chars.iter().enumerate() {
        if c == OPEN || c == SPACE {
            continue;
        }
        if c == ' ' && chars.get(k + 1) == Some(&OPEN) && chars.get(k.wrapping_sub(1)) != Some(&SPACE) {
            let after: String = chars[k + 2..].iter().take(8).collect();
            if cjk::glued(&out, &after) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn close_up_article(a: &mut Article) {
    a.title = close_up(&a.title);
    for t in [&mut a.pretitle, &mut a.subtitle, &mut a.byline].into_iter().flatten() {
        *t = close_up(t);
    }
    for p in &mut a.body {
        if let Para::Paragraph { text } | Para::Heading { text } = p {
            *text = close_up(text);
        }
    }
}

/// The words file's lines: the PDF words of the segmentation's links in their order, with
/// their article's id, then every other word, a line at a time. CJK characters are words of
/// their own.
fn page_words(
    groups: &Groups,
    links: &alto_page::Links,
    ids: &[String],
    to_px: &dyn Fn(&Rect) -> Rect,
) -> Vec<words::Line> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut add = |b: usize, k: usize, range: std::ops::Range<usize>, article: Option<String>| {
        let words: Vec<words::Word> = range
            .filter(|&w| w < groups[b][k].len() && seen.insert((b, k, w)))
            .flat_map(|w| groups[b][k][w].iter().map(|x| words::Word { text: x.text.clone(), rect: to_px(&x.rect) }))
            .collect();
        if !words.is_empty() {
            out.push(words::Line { article, words });
        }
    };
    for (b, k, range, a) in links {
        add(*b, *k, range.clone(), a.and_then(|a| ids.get(a).cloned()));
    }
    for (b, block) in groups.iter().enumerate() {
        for (k, l) in block.iter().enumerate() {
            add(b, k, 0..l.len(), None);
        }
    }
    out
}

/// The PDF files of the inputs in page order: a folder's PDFs by name (numbers in names
/// compared as numbers), files as given.
fn pdf_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<String>> {
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            let rd = std::fs::read_dir(i).map_err(|e| vec![format!("{}: cannot read the folder: {e}", shown(i))])?;
            let mut found: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
                .collect();
            found.sort_by_key(|p| natural(&p.file_name().unwrap_or_default().to_string_lossy()));
            if found.is_empty() {
                return Err(vec![format!("{}: the folder has no PDF file", shown(i))]);
            }
            out.extend(found);
        } else if i.is_file() {
            out.push(i.clone());
        } else {
            return Err(vec![format!("{}: no such file or folder", shown(i))]);
        }
    }
    Ok(out)
}

/// A sort key in which runs of digits compare as numbers.
fn natural(s: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut n = c.to_digit(10).map_or(0, u64::from);
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            out.push((std::mem::take(&mut text), n));
        } else {
            text.push(c.to_ascii_lowercase());
        }
    }
    out.push((text, u64::MAX));
    out
}

/// A date written in a path: YYYY-MM-DD or YYYYMMDD (the last one, the file's before its
/// folders').
pub fn date_in(path: &str) -> Option<Day> {
    let b: Vec<char> = path.chars().collect();
    let digits = |s: &[char]| s.iter().all(char::is_ascii_digit);
    let edge = |i: usize| b.get(i).is_none_or(|c| !c.is_ascii_digit());
    (0..b.len()).rev().find_map(|i| {
        let dashed = b
            .get(i..i + 10)
            .filter(|s| digits(&s[..4]) && s[4] == '-' && digits(&s[5..7]) && s[7] == '-' && digits(&s[8..]));
        let plain = b.get(i..i + 8).filter(|s| digits(s));
        let s: String = dashed.or(plain)?.iter().collect();
        let s = if s.len() == 8 { format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]) } else { s };
        let len = if dashed.is_some() { 10 } else { 8 };
        (i == 0 || edge(i - 1)).then_some(())?;
        edge(i + len).then_some(())?;
        let d = Day::parse(&s).ok()?;
        (1600..=2200).contains(&d.year()).then_some(d)
    })
}

/// The page number a file name gives: its last number, zeros dropped, with a section letter
/// just before it (`A03` is A3).
pub fn number_in(stem: &str) -> Option<String> {
    let end = stem.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = stem[..end].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    let n: u64 = stem[start..end].parse().ok()?;
    let letter = stem[..start].chars().last().filter(|c| c.is_ascii_uppercase());
    let before = stem[..start].chars().rev().nth(1);
    let letter = letter.filter(|_| before.is_none_or(|c| !c.is_ascii_alphabetic()));
    Some(format!("{}{n}", letter.map(String::from).unwrap_or_default()))
}

/// The pages of the files (each with its page count), numbered by `given`, else by their
/// file names where each page has its own file and the names give distinct numbers, else by
/// their place.
fn sources(files: &[(PathBuf, usize)], given: &[String]) -> Result<Vec<Source>, String> {
    let mut out: Vec<Source> = files
        .iter()
        .flat_map(|(f, n)| {
            (0..*n).map(move |p| Source { file: f.clone(), page: p, number: String::new(), shared: *n > 1 })
        })
        .collect();
    if !given.is_empty() {
        if given.len() != out.len() {
            return Err(format!("--pages gives {} number(s) for {} page(s)", given.len(), out.len()));
        }
        for (s, n) in out.iter_mut().zip(given) {
            s.number = n.trim().to_string();
        }
        return Ok(out);
    }
    let named: Option<Vec<String>> = out
        .iter()
        .map(|s| if s.shared { None } else { number_in(&s.file.file_stem().unwrap_or_default().to_string_lossy()) })
        .collect();
    let distinct = named.as_ref().is_some_and(|v| v.iter().collect::<std::collections::HashSet<_>>().len() == v.len());
    for (i, s) in out.iter_mut().enumerate() {
        s.number = match (&named, distinct) {
            (Some(v), true) => v[i].clone(),
            _ => (i + 1).to_string(),
        };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_from_names() {
        assert_eq!(number_in("0007").as_deref(), Some("7"));
        assert_eq!(number_in("page-A03").as_deref(), Some("A3"));
        assert_eq!(number_in("nbs.D110000renmrb_01").as_deref(), Some("1"));
        assert_eq!(number_in("front").as_deref(), None);
        assert_eq!(date_in("/x/2016-09-24/p1.pdf").map(|d| d.to_string()).as_deref(), Some("2016-09-24"));
        assert_eq!(date_in("rmrb20160924_03.pdf").map(|d| d.to_string()).as_deref(), Some("2016-09-24"));
        assert_eq!(date_in("/data/02-evening-star/0007.pdf"), None);
        let mut v = vec!["p10.pdf", "p2.pdf", "p1.pdf"];
        v.sort_by_key(|s| natural(s));
        assert_eq!(v, ["p1.pdf", "p2.pdf", "p10.pdf"]);
    }

    #[test]
    fn pages_are_numbered_from_names_given_numbers_or_places() {
        let f = |n: &str, pages| (PathBuf::from(n), pages);
        let numbers = |s: Vec<Source>| s.into_iter().map(|s| s.number).collect::<Vec<_>>();
        assert_eq!(numbers(sources(&[f("0001.pdf", 1), f("0007.pdf", 1)], &[]).unwrap()), ["1", "7"]);
        assert_eq!(
            numbers(sources(&[f("a1.pdf", 1), f("b1.pdf", 1)], &[]).unwrap()),
            ["1", "2"],
            "the same number twice"
        );
        let all = sources(&[f("edition.pdf", 3)], &[]).unwrap();
        assert_eq!(
            (numbers(all.clone()), all[2].page, all[0].shared),
            (vec!["1".into(), "2".into(), "3".into()], 2, true)
        );
        assert_eq!(numbers(sources(&[f("e.pdf", 2)], &["A1".into(), "A2".into()]).unwrap()), ["A1", "A2"]);
        assert!(sources(&[f("e.pdf", 2)], &["1".into()]).unwrap_err().contains("1 number(s) for 2 page(s)"));
    }

    /// A segmentation line of `chars` characters, `size` high, at `y`, in `block`.
    fn line(chars: usize, size: f64, y: f64, block: usize) -> crate::import::segment::Line {
        let rect = Rect { x0: 0.0, y0: y, x1: size * chars as f64, y1: y + size };
        crate::import::segment::Line { rect, text: "字".repeat(chars), size, block }
    }

    #[test]
    fn a_frame_gives_a_story_of_its_decks_headings_and_columns() {
        // Kicker 22, title 52 (two lines), subtitle 22, text 16 in two columns (blocks 1 and 2)
        // with a crosshead set at 19 in the second. The page's own text is set at 12.
        let lines = vec![
            line(10, 22.0, 0.0, 0),
            line(8, 52.0, 30.0, 0),
            line(8, 52.0, 90.0, 0),
            line(12, 22.0, 150.0, 0),
            line(9, 16.0, 180.0, 1),
            line(9, 16.0, 200.0, 1),
            line(9, 16.0, 180.0, 2),
            line(6, 19.0, 200.0, 2),
            line(9, 16.0, 220.0, 2),
        ];
        let idx: Vec<usize> = (0..lines.len()).collect();
        let frame = Rect { x0: 0.0, y0: 0.0, x1: 300.0, y1: 300.0 };
        let s = framed_story(&lines, &idx, 12.0, vec![frame]).unwrap();
        assert_eq!(s.decks, vec![vec![0], vec![1, 2], vec![3]]);
        assert_eq!(
            s.parts,
            vec![Part::Text(vec![4, 5]), Part::Text(vec![6]), Part::Heading(vec![7]), Part::Text(vec![8])]
        );
        assert_eq!((s.regions, s.kind), (vec![frame], Kind::Article));
        // A frame of one line of one size is all headline; an empty frame is no story.
        let ad = framed_story(&lines, &[6], 12.0, vec![frame]).unwrap();
        assert_eq!((ad.decks, ad.parts), (vec![vec![6]], vec![]));
        assert!(framed_story(&lines, &[], 12.0, vec![frame]).is_none());
        // A crosshead wrapped over two lines of its column is one heading; the next one, in
        // another column, is another.
        let mut more = lines.clone();
        more.extend([line(9, 19.0, 240.0, 2), line(3, 19.0, 260.0, 2), line(9, 16.0, 280.0, 2), line(5, 19.0, 0.0, 3)]);
        let s = framed_story(&more, &[4, 5, 6, 9, 10, 11, 12], 12.0, vec![frame]).unwrap();
        assert_eq!(
            s.parts,
            vec![
                Part::Text(vec![4, 5]),
                Part::Text(vec![6]),
                Part::Heading(vec![9, 10]),
                Part::Text(vec![11]),
                Part::Heading(vec![12])
            ]
        );
    }

    #[test]
    fn text_that_cannot_be_read_is_told() {
        let glyph = text::Glyph::of;
        let mut c = text::Content::default();
        assert!(unreadable(&c).unwrap().contains("no text (image-only"));
        c.glyphs = (0..19).map(|_| glyph("中")).collect();
        c.unmapped = 2;
        assert!(unreadable(&c).is_none(), "2 of 21 unmapped: the rest is read");
        c.unmapped = 3;
        assert_eq!(
            unreadable(&c).unwrap(),
            "3 of its 22 characters have no Unicode mapping in their fonts, so its text cannot be read"
        );
    }

    #[test]
    fn pdf_lines_become_alto_lines_with_bold_a_step_up() {
        let word = |t: &str, x: f64, space: bool| lines::Word {
            text: t.into(),
            rect: Rect { x0: x, y0: 0.0, x1: x + 10.0, y1: 10.0 },
            space,
        };
        let line = |words: Vec<lines::Word>, stem: f64, block: usize| Line {
            rect: words.iter().map(|w| w.rect).reduce(|a, b| a.union(&b)).unwrap(),
            words,
            size: 10.0,
            stem,
            vertical: false,
            space_after: false,
            block,
        };
        let lines = vec![
            line(vec![word("Bold", 0.0, false), word("Head", 12.0, true)], 0.12, 0),
            line(vec![word("plain", 0.0, false), word("text", 12.0, true)], 0.06, 1),
            line(vec![word("more", 0.0, false)], 0.06, 1),
        ];
        let (alto, groups) = to_alto(&lines, &[], &|r: &Rect| r.scale(2.0, 2.0), (100, 100));
        assert_eq!(alto.blocks.len(), 2);
        let fonts: Vec<Option<f64>> = alto.blocks.iter().flat_map(|b| b.lines.iter().map(|l| l.font)).collect();
        assert_eq!(fonts, [Some(12.0), Some(10.0), Some(10.0)]);
        assert_eq!(alto.blocks[0].lines[0].words[1].rect, Some(Rect { x0: 24.0, y0: 0.0, x1: 44.0, y1: 20.0 }));
        assert_eq!(groups[1][0].len(), 2, "a PDF word per ALTO word");
        // On a CJK page each line starts with a mark, and a CJK phrase is one ALTO word of
        // its characters.
        let cjk = vec![line(vec![word("中", 0.0, false), word("文", 10.0, false)], 0.06, 0)];
        let (alto, groups) = to_alto(&cjk, &[], &|r: &Rect| *r, (100, 100));
        assert_eq!(alto.blocks[0].lines[0].words[0].content, format!("{OPEN}中文"));
        assert_eq!(groups[0][0][0].len(), 2);
    }

    #[test]
    fn continuations_are_told_by_their_marks() {
        assert_eq!(jump("（上接01版）基层妇联组织改革全面铺开"), Some(("1".into(), "基层妇联组织改革全面铺开".into())));
        assert_eq!(jump("(上接第3版) 标题"), Some(("3".into(), "标题".into())));
        assert_eq!(jump("基层妇联"), None);
        assert_eq!(jump("（上接01版）"), None);
    }

    #[test]
    fn an_all_headline_story_labelled_an_advertisement_is_one() {
        let story = |title: &str, body: Vec<Para>| Article {
            id: "a0404".into(),
            kind: ArticleKind::Article,
            pretitle: None,
            title: title.into(),
            subtitle: None,
            byline: None,
            body,
            regions: Vec::new(),
        };
        assert!(says_advertisement(&story("公益广告 · 家庭文明 从我做起", Vec::new())));
        assert!(says_advertisement(&story("ADVERTISEMENT", vec![Para::Heading { text: "Sale".into() }])));
        // A story about advertising, with its text, is a story; a headline alone is not an ad.
        assert!(!says_advertisement(&story("广告市场回暖", vec![Para::Paragraph { text: "……".into() }])));
        assert!(!says_advertisement(&story("家庭文明 从我做起", Vec::new())));
    }

    #[test]
    fn a_continuation_joins_its_story() {
        use broadsheet_model::Region;
        let article = |id: &str, title: &str, text: &str| Article {
            id: id.into(),
            kind: ArticleKind::Article,
            pretitle: None,
            title: title.into(),
            subtitle: None,
            byline: None,
            body: vec![Para::Paragraph { text: text.into() }],
            regions: vec![Region { page: None, points: vec![[0.0, 0.0], [5.0, 0.0], [5.0, 5.0]] }],
        };
        let page = |id: &str, number: &str, a: Vec<Article>| {
            local_page(id.into(), number.into(), id.into(), (10, 10), None, a)
        };
        let mut pages = vec![
            page("p1", "01", vec![article("a0101", "改革全面铺开", "上文")]),
            page(
                "p2",
                "02",
                vec![article("a0201", "另一篇", "x"), article("a0202", "（上接01版）改革全面铺开", "下文")],
            ),
        ];
        let line = |a: &str| words::Line { article: Some(a.into()), words: Vec::new() };
        let mut words = vec![
            words::PageWords { page: "p1".into(), lines: vec![line("a0101")], ..Default::default() },
            words::PageWords { page: "p2".into(), lines: vec![line("a0201"), line("a0202")], ..Default::default() },
        ];
        follow_jumps(&mut pages, &mut words);
        assert_eq!(pages[1].articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["a0201"]);
        let a = &pages[0].articles[0];
        assert_eq!(a.regions.iter().map(|r| r.page.as_deref()).collect::<Vec<_>>(), [None, Some("p2")]);
        assert_eq!(a.body.len(), 2);
        assert_eq!(words[1].lines[1].article.as_deref(), Some("a0101"));
    }

    #[test]
    fn cjk_line_joins_are_closed_up() {
        // A break before a CJK line start joins without a space, as cjk::glued says; other
        // spaces stay.
        assert_eq!(close_up(&format!("{OPEN}部署 {OPEN}工作 and {OPEN}中文 ok")), "部署工作 and中文 ok");
        assert_eq!(close_up(&format!("{OPEN}Latin words {OPEN}go on。 {OPEN}“中”")), "Latin words go on。“中”");
        assert_eq!(close_up(&format!("{OPEN}铭记红军丰功伟绩{SPACE} {OPEN}弘扬")), "铭记红军丰功伟绩 弘扬");
    }
}

//! `import imagemap`: saved HTML e-paper pages (数字报). A page file shows the page image with
//! `usemap` and a `<map>` whose `<area>`s link to article pages; a title list links the same
//! articles. Area coordinates are in the pixels of the image as displayed (its width and
//! height attributes, often a small copy) and are scaled to the largest copy of the page image
//! found (the image itself, or a linked full-size file). Article pages give 引题 (pretitle),
//! title, 副题 (subtitle), byline and body.

use super::geom;
use super::{id_from, pictures, read, shorten, shown, squash, Context, Draft, Picture, Report};
use broadsheet_model::{Article, ArticleKind, Block, Day, Region};
use ego_tree::NodeId;
use percent_encoding::percent_decode_str;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Decodes an HTML file: a BOM, else the charset its `<meta>` declares, else UTF-8 when the
/// bytes are valid UTF-8, else GBK (the usual encoding of saved Chinese pages).
pub fn decode(bytes: &[u8]) -> (String, &'static encoding_rs::Encoding) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return (enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned(), enc);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = head.match_indices("charset").find_map(|(i, _)| {
        let rest = head[i + 7..].trim_start().strip_prefix('=')?.trim_start();
        let rest = rest.trim_start_matches(['"', '\'']);
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
    });
    let enc = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::GBK,
    };
    // A page declared UTF-8 that is not is usually GBK saved by an old browser.
    let enc = if enc == encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_err() { encoding_rs::GBK } else { enc };
    (enc.decode_without_bom_handling(bytes).0.into_owned(), enc)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

fn text_of(e: ElementRef) -> String {
    squash(&e.text().collect::<String>())
}

/// One `<area>`: where it points and its polygon in displayed pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub href: String,
    pub points: Vec<[f64; 2]>,
    pub alt: Option<String>,
}

/// What a page file holds.
#[derive(Debug, Default, PartialEq)]
pub struct PageFile {
    pub title: String,
    /// The page image as shown, and its displayed size when the tag gives one.
    pub image: Option<String>,
    pub shown: Option<(f64, f64)>,
    /// Other images the page links (full-size copies), and PDFs.
    pub links: Vec<String>,
    pub pdf: Option<String>,
    pub areas: Vec<Area>,
    /// The title list: href and text, in order.
    pub list: Vec<(String, String)>,
    pub text: String,
    /// Problems with single areas, already explained.
    pub skipped: Vec<String>,
}

fn attr_num(v: Option<&str>) -> Option<f64> {
    v.map(|s| s.trim().trim_end_matches("px")).and_then(|s| s.parse::<f64>().ok()).filter(|v| v.is_finite() && *v > 0.0)
}

fn circle(c: &[f64]) -> Vec<[f64; 2]> {
    (0..16)
        .map(|i| {
            let a = i as f64 * std::f64::consts::TAU / 16.0;
            [c[0] + c[2] * a.cos(), c[1] + c[2] * a.sin()]
        })
        .collect()
}

/// Reads a page file's map, image and title list. None when it has no image map.
pub fn parse_page(html: &str) -> Option<PageFile> {
    let doc = Html::parse_document(html);
    let maps: Vec<ElementRef> = doc.select(&sel("map")).collect();
    if maps.is_empty() {
        return None;
    }
    let mut page = PageFile {
        title: doc.select(&sel("title")).next().map(text_of).unwrap_or_default(),
        text: squash(&doc.root_element().text().collect::<Vec<_>>().join(" ")),
        ..PageFile::default()
    };
    // The image that uses a map, and that map.
    let img = doc.select(&sel("img")).find(|i| i.value().attr("usemap").is_some());
    let map = match img.and_then(|i| i.value().attr("usemap")) {
        Some(u) => {
            let name = u.trim().trim_start_matches('#').to_lowercase();
            maps.iter()
                .find(|m| {
                    m.value().attr("name").or(m.value().attr("id")).is_some_and(|n| n.trim().to_lowercase() == name)
                })
                .or(maps.first())
                .copied()
        }
        None => maps.first().copied(),
    }?;
    if let Some(i) = img {
        page.image = i.value().attr("src").map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        if let (Some(w), Some(h)) = (attr_num(i.value().attr("width")), attr_num(i.value().attr("height"))) {
            page.shown = Some((w, h));
        }
    }
    (page.areas, page.skipped) = areas(map);
    links(&doc, &mut page);
    Some(page)
}

/// The `<area>`s of a map that link somewhere, as polygons; and those that are not regions,
/// explained.
fn areas(map: ElementRef) -> (Vec<Area>, Vec<String>) {
    let (mut areas, mut skipped) = (Vec::new(), Vec::new());
    for (k, a) in map.select(&sel("area")).enumerate() {
        let v = a.value();
        let Some(href) = v.attr("href").map(str::trim).filter(|h| !h.is_empty() && !h.starts_with('#')) else {
            continue;
        };
        let shape = v.attr("shape").unwrap_or("rect").trim().to_ascii_lowercase();
        let n = match geom::numbers(v.attr("coords").unwrap_or_default()) {
            Ok(n) => n,
            Err(e) => {
                skipped.push(format!("area {} ({href}): coords: {e}", k + 1));
                continue;
            }
        };
        let points = match (shape.as_str(), n.len()) {
            ("rect" | "rectangle", 4) => geom::Rect::corners(n[0], n[1], n[2], n[3]).map(|r| r.points()),
            ("poly" | "polygon", l) if l >= 6 && l % 2 == 0 => Some(geom::pairs(&n)),
            ("circle" | "circ", 3) if n[2] > 0.0 => Some(circle(&n)),
            _ => None,
        };
        match points {
            Some(points) => areas.push(Area {
                href: href.to_string(),
                points,
                alt: v.attr("alt").or(v.attr("title")).map(squash).filter(|s| !s.is_empty()),
            }),
            None => skipped.push(format!(
                "area {} ({href}): shape {shape:?} with {} coordinate(s) is not a region",
                k + 1,
                n.len()
            )),
        }
    }
    (areas, skipped)
}

/// The links of a page: PDFs, other copies of the page image, and the title list (links to
/// the areas' targets, with their text).
fn links(doc: &Html, page: &mut PageFile) {
    let targets: Vec<&str> = page.areas.iter().map(|a| a.href.as_str()).collect();
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap_or_default().trim().to_string();
        let lower = href.to_ascii_lowercase();
        let path = lower.split(['?', '#']).next().unwrap_or_default();
        if path.ends_with(".pdf") {
            page.pdf.get_or_insert(href);
        } else if [".jpg", ".jpeg", ".png", ".gif", ".webp"].iter().any(|e| path.ends_with(e)) {
            page.links.push(href);
        } else if targets.contains(&href.as_str()) {
            let t = text_of(a);
            if !t.is_empty() && !page.list.iter().any(|(h, _)| *h == href) {
                page.list.push((href, t));
            }
        }
    }
}

/// What an article page holds.
#[derive(Debug, Default, PartialEq)]
pub struct ArticleFile {
    pub pretitle: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    /// Paragraphs, and images as (src, caption) in the text's order.
    pub body: Vec<Result<String, (String, Option<String>)>>,
}

fn first_text(doc: &Html, selectors: &str) -> Option<(String, NodeId)> {
    doc.select(&sel(selectors)).find_map(|e| {
        let t = text_of(e);
        (!t.is_empty()).then(|| (t, e.id()))
    })
}

/// Reads an article page. The parts are found by the class or id names 数字报 systems use
/// (title/bt/font01, pretitle/yt/introtitle, subtitle/ft/font02, author/byline) and by heading
/// level (h3 pretitle, h1 title, h2 subtitle); the body is the paragraphs of the content
/// container (#ozoom, founder-content, .content, #content, article), else of the whole page.
pub fn parse_article(html: &str) -> ArticleFile {
    let doc = Html::parse_document(html);
    let title = first_text(&doc, ".title, .bt, .font01, #title, h1");
    let pretitle = first_text(&doc, ".pretitle, .yt, .introtitle, #pretitle, h3");
    let subtitle = first_text(&doc, ".subtitle, .ft, .font02, #subtitle, h2");
    let byline = first_text(&doc, ".author, .byline, .zz, #author");
    let taken: Vec<NodeId> =
        [&title, &pretitle, &subtitle, &byline].iter().filter_map(|t| t.as_ref().map(|(_, id)| *id)).collect();
    let container = doc
        .select(&sel("#ozoom, founder-content, .content, #content, article"))
        .find(|e| !text_of(*e).is_empty())
        .or_else(|| doc.select(&sel("body")).next());
    let mut body = Vec::new();
    if let Some(c) = container {
        let mut para = String::new();
        let flush = |para: &mut String, body: &mut Vec<Result<String, (String, Option<String>)>>| {
            let t = squash(para);
            if !t.is_empty() {
                body.push(Ok(t));
            }
            para.clear();
        };
        for node in c.descendants() {
            // Title, byline and scripts are not body text.
            if node.ancestors().chain(std::iter::once(node)).any(|a| {
                taken.contains(&a.id()) || matches!(a.value(), Node::Element(e) if matches!(e.name(), "script" | "style" | "title" | "head"))
            }) {
                continue;
            }
            match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if matches!(
                        name,
                        "p" | "div"
                            | "br"
                            | "li"
                            | "tr"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "h5"
                            | "h6"
                            | "table"
                            | "founder-content"
                    ) {
                        flush(&mut para, &mut body);
                    }
                    if name == "img" {
                        if let Some(src) = el.attr("src").map(str::trim).filter(|s| !s.is_empty()) {
                            flush(&mut para, &mut body);
                            let caption = el.attr("alt").or(el.attr("title")).map(squash).filter(|s| !s.is_empty());
                            body.push(Err((src.to_string(), caption)));
                        }
                    }
                }
                Node::Text(t) => para.push_str(t),
                _ => {}
            }
        }
        flush(&mut para, &mut body);
    }
    ArticleFile {
        pretitle: pretitle.map(|t| t.0),
        title: title.map(|t| t.0),
        subtitle: subtitle.map(|t| t.0),
        byline: byline.map(|t| t.0),
        body,
    }
}

/// `a/./b/../c` to `a/c`, without touching the disk.
fn normal(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A link in a page, as a local path: None for http(s) and other schemes.
fn local(base: &Path, href: &str) -> Option<PathBuf> {
    let href = href.split(['?', '#']).next()?;
    if href.is_empty() || href.contains("://") || href.starts_with("//") || href.contains(':') {
        return None;
    }
    let href = percent_decode_str(href).decode_utf8_lossy();
    Some(normal(&base.join(href.trim_start_matches('/'))))
}

/// `第02版：综合新闻` → ("02", "综合新闻").
fn page_label(text: &str) -> Option<(String, String)> {
    let mut rest = text;
    while let Some(i) = rest.find('第') {
        let after = &rest[i + '第'.len_utf8()..];
        if let Some(j) = after.find('版') {
            let number = after[..j].trim();
            if !number.is_empty() && number.chars().count() <= 4 && number.chars().all(|c| c.is_ascii_alphanumeric()) {
                let tail = after[j + '版'.len_utf8()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
                let name: String =
                    tail.chars().take_while(|c| !c.is_whitespace() && !"<|-—_()（）".contains(*c)).collect();
                return Some((number.to_string(), name));
            }
        }
        rest = after;
    }
    None
}

/// The first `YYYY年M月D日` in text, or `YYYY-MM/DD`, `YYYY-MM-DD` or `YYYYMMDD` in a path.
fn find_date(text: &str, path: &str) -> Option<Day> {
    let nums = |s: &str| -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if c.is_ascii_digit() {
                if cur.is_empty() {
                    start = i;
                }
                cur.push(c);
            } else if !cur.is_empty() {
                out.push((start, std::mem::take(&mut cur)));
            }
        }
        if !cur.is_empty() {
            out.push((start, cur));
        }
        out
    };
    let n = nums(text);
    for w in n.windows(3) {
        let (y, m, d) = (&w[0], &w[1], &w[2]);
        let between = |a: &(usize, String), b: &(usize, String)| text[a.0 + a.1.len()..b.0].trim().to_string();
        if y.1.len() == 4 && between(y, m) == "年" && between(m, d) == "月" {
            if let (Ok(yy), Ok(mm), Ok(dd)) = (y.1.parse(), m.1.parse(), d.1.parse()) {
                if let Some(day) = Day::new(yy, mm, dd) {
                    return Some(day);
                }
            }
        }
    }
    let p = nums(path);
    for w in p.windows(3) {
        if w[0].1.len() == 4 && w[1].1.len() == 2 && w[2].1.len() == 2 {
            if let (Ok(y), Ok(m), Ok(d)) = (w[0].1.parse(), w[1].1.parse(), w[2].1.parse()) {
                if let Some(day) = Day::new(y, m, d) {
                    return Some(day);
                }
            }
        }
    }
    p.iter().find_map(|(_, s)| {
        (s.len() == 8).then(|| Day::new(s[..4].parse().ok()?, s[4..6].parse().ok()?, s[6..].parse().ok()?)).flatten()
    })
}

/// `第6342期` in the page text.
fn find_edition(text: &str) -> Option<String> {
    text.match_indices('第').find_map(|(i, _)| {
        let rest = &text[i + '第'.len_utf8()..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        (!digits.is_empty() && digits.len() <= 8 && rest[digits.len()..].starts_with('期'))
            .then(|| format!("第{digits}期"))
    })
}

/// Runs the small text helpers on any text, for the property tests.
#[cfg(test)]
pub fn text_helpers_for_tests(s: &str) {
    let _ = local(Path::new("d"), s);
    let _ = page_label(s);
    let _ = find_date(s, s);
    let _ = find_edition(s);
}

struct PagePlan {
    file: PathBuf,
    page: PageFile,
    number: String,
    name: String,
    image: PathBuf,
    size: (u32, u32),
    scale: (f64, f64),
    pdf: Option<PathBuf>,
}

/// The files given that are not pages: their text by path, and their paths by file name (for
/// links whose folders differ).
#[derive(Default)]
struct ArticleFiles {
    texts: HashMap<PathBuf, String>,
    given: HashMap<String, PathBuf>,
}

/// Where the articles are: the page each belongs to (its first area or list entry), each
/// page's articles in order, and the titles the pages give them.
#[derive(Default)]
struct Order {
    home: HashMap<PathBuf, usize>,
    pages: Vec<Vec<PathBuf>>,
    titles: HashMap<PathBuf, String>,
}

/// Reads the page files, finds their images and the date, orders their articles, and reads the
/// article pages.
pub fn import(files: &[PathBuf], cx: &Context) -> Result<Draft, Vec<String>> {
    let mut report = Report::default();
    let (mut plans, articles) = read_files(files, &mut report)?;
    number_pages(&mut plans);
    let Some(date) = cx.date.or_else(|| plans.iter().find_map(|p| find_date(&p.page.text, &p.file.to_string_lossy())))
    else {
        return Err(vec![format!(
            "{}: no issue date found (as 2016年9月24日 in the page or 2016-09/24 in its path); give --date",
            shown(&plans[0].file)
        )]);
    };
    let edition = plans.iter().find_map(|p| find_edition(&p.page.text));
    let order = order(&plans);
    let mut regions = regions(&plans, &order, &mut report);
    let (mut pages, mut pictures, mut extras) = (Vec::new(), Vec::new(), Vec::new());
    for (k, p) in plans.iter().enumerate() {
        let mut list = Vec::new();
        for key in &order.pages[k] {
            let Some(r) = regions.remove(key) else {
                let (file, key) = (shown(&p.file), key.display());
                report.warnings.push(format!("{file}: {key} is listed but has no area on the page map; left out"));
                continue;
            };
            let id = format!("a{:02}{:02}", k + 1, list.len() + 1);
            list.push(article(id, key, r, p, &order, &articles, &mut extras, &mut report));
        }
        let pdf = p.pdf.as_ref().map(|f| {
            extras.push((f.clone(), format!("p{}.pdf", k + 1)));
            format!("p{}.pdf", k + 1)
        });
        pictures.push(Picture::File(p.image.clone()));
        pages.push(super::local_page(format!("p{}", k + 1), p.number.clone(), p.name.clone(), p.size, pdf, list));
    }
    Ok(Draft::new(date, edition, pages, pictures, report, extras))
}

/// Sorts the files given into pages (with an image map) and article pages.
fn read_files(files: &[PathBuf], report: &mut Report) -> Result<(Vec<PagePlan>, ArticleFiles), Vec<String>> {
    let mut errors = Vec::new();
    let mut plans = Vec::new();
    let mut articles = ArticleFiles::default();
    for f in files {
        let bytes = match read(f) {
            Ok(b) => b,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let (html, _) = decode(&bytes);
        let Some(page) = parse_page(&html) else {
            if let Some(n) = f.file_name() {
                articles.given.insert(n.to_string_lossy().into_owned(), f.clone());
            }
            articles.texts.insert(normal(f), html);
            continue;
        };
        match plan_page(f, page, report) {
            Ok(plan) => plans.push(plan),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if plans.is_empty() {
        return Err(vec![
            "none of the files is a page with an image map (<map> with <area>s and an <img usemap>)".into()
        ]);
    }
    Ok((plans, articles))
}

/// A page file with its full-size image (the largest local copy), the factor from the map's
/// displayed pixels to that image's, its number and name, and its PDF.
fn plan_page(f: &Path, page: PageFile, report: &mut Report) -> Result<PagePlan, String> {
    let name = shown(f);
    for s in &page.skipped {
        report.repairs.push(format!("{name}: {s}; left out"));
    }
    let base = f.parent().unwrap_or(Path::new("."));
    let Some(src) = &page.image else {
        return Err(format!("{name}: the image map has no <img usemap> showing the page"));
    };
    let mut copies: Vec<(PathBuf, (u32, u32))> = Vec::new();
    for href in std::iter::once(src).chain(page.links.iter()) {
        if let Some(p) = local(base, href).filter(|p| p.is_file()) {
            match pictures::size(&p) {
                Ok(s) => copies.push((p, s)),
                Err(e) => report.warnings.push(e),
            }
        }
    }
    let Some((image, size)) = copies.iter().max_by_key(|(_, (w, h))| *w as u64 * *h as u64).cloned() else {
        return Err(format!("{name}: the page image {src:?} is not on disk (nor a linked full-size copy)"));
    };
    let shown_size = page.shown.or_else(|| {
        copies.iter().find(|(p, _)| Some(p) == local(base, src).as_ref()).map(|(_, (w, h))| (*w as f64, *h as f64))
    });
    let scale = match shown_size {
        Some((w, h)) => (size.0 as f64 / w, size.1 as f64 / h),
        None => (1.0, 1.0),
    };
    if (scale.0 / scale.1 - 1.0).abs() > 0.03 {
        report.repairs.push(format!(
            "{name}: the image is shown at another aspect ratio than its full size; x and y scaled apart ({:.3}, {:.3})",
            scale.0, scale.1
        ));
    }
    let (number, pname) = page_label(&page.title).or_else(|| page_label(&page.text)).unwrap_or_default();
    let pdf = page.pdf.as_deref().and_then(|h| local(base, h)).filter(|p| p.is_file());
    Ok(PagePlan { file: f.to_path_buf(), page, number, name: pname, image, size, scale, pdf })
}

/// Pages in the order of their numbers when every page has one; numbers and names for those
/// without.
fn number_pages(plans: &mut [PagePlan]) {
    if plans.iter().all(|p| p.number.parse::<u32>().is_ok()) {
        plans.sort_by_key(|p| p.number.parse::<u32>().unwrap_or(0));
    }
    for (i, p) in plans.iter_mut().enumerate() {
        if p.number.is_empty() {
            p.number = (i + 1).to_string();
        }
        if p.name.is_empty() {
            p.name = if p.page.title.is_empty() { format!("第{}版", p.number) } else { shorten(&p.page.title, 60) };
        }
    }
}

/// Where a link points: a local path, or the link itself when it is not local.
fn key(base: &Path, href: &str) -> PathBuf {
    local(base, href).unwrap_or_else(|| PathBuf::from(href))
}

/// Articles by their page file, in title-list order, then areas not listed.
fn order(plans: &[PagePlan]) -> Order {
    let mut order = Order { pages: plans.iter().map(|_| Vec::new()).collect(), ..Order::default() };
    for (k, p) in plans.iter().enumerate() {
        let base = p.file.parent().unwrap_or(Path::new("."));
        let hrefs =
            p.page.list.iter().map(|(h, t)| (h, Some(t))).chain(p.page.areas.iter().map(|a| (&a.href, a.alt.as_ref())));
        for (href, title) in hrefs {
            let key = key(base, href);
            if let Some(t) = title {
                order.titles.entry(key.clone()).or_insert_with(|| t.clone());
            }
            if !order.home.contains_key(&key) {
                order.home.insert(key.clone(), k);
                order.pages[k].push(key);
            }
        }
    }
    order
}

/// Every article's regions, on every page where it has areas, scaled to the page image.
fn regions(plans: &[PagePlan], order: &Order, report: &mut Report) -> HashMap<PathBuf, Vec<Region>> {
    let mut all: HashMap<PathBuf, Vec<Region>> = HashMap::new();
    for (k, p) in plans.iter().enumerate() {
        let base = p.file.parent().unwrap_or(Path::new("."));
        for (i, a) in p.page.areas.iter().enumerate() {
            let at = format!("{}: area {} ({})", shown(&p.file), i + 1, a.href);
            let key = key(base, &a.href);
            let scaled: Vec<[f64; 2]> = a.points.iter().map(|[x, y]| [x * p.scale.0, y * p.scale.1]).collect();
            let (pts, fixes) = geom::clean(&scaled, p.size.0 as f64, p.size.1 as f64);
            if let Some(d) = fixes.describe() {
                report.repairs.push(format!("{at}: {d}"));
            }
            let Some(points) = pts else {
                report.repairs.push(format!("{at}: no area left on the page; left out"));
                continue;
            };
            let on = (order.home.get(&key) != Some(&k)).then(|| format!("p{}", k + 1));
            all.entry(key).or_default().push(Region { page: on, points });
        }
    }
    all
}

/// The article at `key`, from its article page (given, or found by the link) when there is one.
#[allow(clippy::too_many_arguments)] // the parts of one import, each used once
fn article(
    id: String,
    key: &Path,
    regions: Vec<Region>,
    p: &PagePlan,
    order: &Order,
    articles: &ArticleFiles,
    extras: &mut Vec<(PathBuf, String)>,
    report: &mut Report,
) -> Article {
    let html = articles.texts.get(key).cloned().or_else(|| {
        let path = if key.is_file() {
            Some(key.to_path_buf())
        } else {
            key.file_name().and_then(|n| articles.given.get(&*n.to_string_lossy()).cloned())
        }?;
        read(&path).ok().map(|b| decode(&b).0)
    });
    let art = match html {
        Some(h) => parse_article(&h),
        None => {
            report.warnings.push(format!(
                "{}: the article page {} is missing; the article has its title from the page only",
                shown(&p.file),
                key.display()
            ));
            ArticleFile::default()
        }
    };
    let title = art.title.clone().or_else(|| order.titles.get(key).cloned()).unwrap_or_else(|| "无标题".into());
    let body = body(art.body, &id, key, extras, report);
    Article {
        id,
        kind: ArticleKind::Article,
        pretitle: art.pretitle.map(|t| shorten(&t, 300)),
        title: shorten(&title, 300),
        subtitle: art.subtitle.map(|t| shorten(&t, 300)),
        byline: art.byline.map(|t| shorten(&t, 300)),
        body,
        regions,
    }
}

/// An article page's paragraphs and pictures as blocks: local pictures are copied into the
/// issue as `ID-N.EXT` (added to `extras`), http(s) ones kept, missing ones left out.
fn body(
    parts: Vec<Result<String, (String, Option<String>)>>,
    id: &str,
    key: &Path,
    extras: &mut Vec<(PathBuf, String)>,
    report: &mut Report,
) -> Vec<Block> {
    let article_dir = key.parent().unwrap_or(Path::new("."));
    let mut body = Vec::new();
    for part in parts {
        let (src, caption) = match part {
            Ok(text) => {
                body.push(Block::Paragraph { text });
                continue;
            }
            Err(picture) => picture,
        };
        if src.starts_with("http://") || src.starts_with("https://") {
            body.push(Block::Image { src, width: None, height: None, caption });
        } else if let Some(file) = local(article_dir, &src).filter(|f| f.is_file()) {
            let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            let name = format!("{id}-{}.{}", body.len() + 1, id_from(&ext));
            let size = pictures::size(&file).ok();
            extras.push((file, name.clone()));
            body.push(Block::Image { src: name, width: size.map(|s| s.0), height: size.map(|s| s.1), caption });
        } else {
            report.warnings.push(format!("{}: picture {src} is missing; left out", key.display()));
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_dates_and_editions() {
        assert_eq!(page_label("中国妇女报数字报纸-第02版：综合新闻"), Some(("02".into(), "综合新闻".into())));
        assert_eq!(page_label("第A3版 要闻 x"), Some(("A3".into(), "要闻".into())));
        assert_eq!(page_label("第一次"), None);
        assert_eq!(find_date("2016年9月24日 星期六", ""), Day::new(2016, 9, 24));
        assert_eq!(find_date("", "html/2016-09/24/node_2.htm"), Day::new(2016, 9, 24));
        assert_eq!(find_date("", "x/20160924/a.htm"), Day::new(2016, 9, 24));
        assert_eq!(find_date("2016年13月40日", "a"), None);
        assert_eq!(find_edition("国内统一刊号 第6342期 星期六"), Some("第6342期".into()));
        assert_eq!(normal(Path::new("a/./b/../c.htm")), PathBuf::from("a/c.htm"));
        assert_eq!(local(Path::new("d"), "x%20y.htm#top"), Some(PathBuf::from("d/x y.htm")));
        assert_eq!(local(Path::new("d"), "javascript:void(0)"), None);
        // Escapes that are not two hex digits stay as written ("%+1" is no byte), and bytes
        // that are not UTF-8 become U+FFFD.
        assert_eq!(local(Path::new("d"), "%zz%+1%E4%B8%AD%"), Some(PathBuf::from("d/%zz%+1中%")));
        assert_eq!(local(Path::new("d"), "a%FF.htm"), Some(PathBuf::from("d/a\u{fffd}.htm")));
    }

    #[test]
    fn untidy_maps_parse() {
        let html = r#"<HTML><BODY><IMG SRC=p.jpg WIDTH=400 HEIGHT=575 USEMAP=#M>
<MAP NAME=m><Area SHAPE=POLY COORDS="1,1, 100,1 100,1 200,1 200,50 1,50" HREF=c1.htm>
<area shape=rect coords=10,60,20 href=c2.htm><AREA shape=circle coords="50,100,10" href=c3.htm alt=圆></MAP>
<a href=c1.htm>标题一</a><a href="big.jpg">大图</a><a href=p.PDF>PDF</a></BODY></HTML>"#;
        let p = parse_page(html).unwrap();
        assert_eq!(p.image.as_deref(), Some("p.jpg"));
        assert_eq!(p.shown, Some((400.0, 575.0)));
        assert_eq!(p.areas.len(), 2);
        assert_eq!(p.areas[0].points.len(), 6);
        assert_eq!(p.areas[1].alt.as_deref(), Some("圆"));
        assert_eq!(p.skipped, vec!["area 2 (c2.htm): shape \"rect\" with 3 coordinate(s) is not a region"]);
        assert_eq!(p.list, vec![("c1.htm".to_string(), "标题一".to_string())]);
        assert_eq!(p.links, vec!["big.jpg"]);
        assert_eq!(p.pdf.as_deref(), Some("p.PDF"));
        assert_eq!(parse_page("<p>no map</p>"), None);
    }

    #[test]
    fn article_parts() {
        let a = parse_article(
            "<h3>引题</h3><h1>标题</h1><h2>副题</h2><div class=author>□ 记者 张三</div>\
             <div id=ozoom><p>　　第一段。</p><p>第二段<br>第三段</p><img src=a.jpg alt=图说></div>",
        );
        assert_eq!(a.pretitle.as_deref(), Some("引题"));
        assert_eq!(a.title.as_deref(), Some("标题"));
        assert_eq!(a.subtitle.as_deref(), Some("副题"));
        assert_eq!(a.byline.as_deref(), Some("□ 记者 张三"));
        assert_eq!(
            a.body,
            vec![
                Ok("第一段。".into()),
                Ok("第二段".into()),
                Ok("第三段".into()),
                Err(("a.jpg".into(), Some("图说".into())))
            ]
        );
        let (t, enc) = decode(&encoding_rs::GBK.encode("<meta charset=gb2312><p>报纸</p>").0);
        assert!(t.contains("报纸") && enc == encoding_rs::GBK);
        let (t, _) = decode(&encoding_rs::GBK.encode("<p>没有声明的报纸</p>").0);
        assert!(t.contains("没有声明的报纸"));
    }
}

//! `import iarchives`: an iArchives article export (as Utah Digital Newspapers publish), given by
//! its `unit.xml`. The unit lists the issue's pages and articles; each page file names its
//! image (a PDF, or a JPEG or PNG with the same name beside it) and holds its words; each
//! article file holds the article's headline and classification and, page by page, its
//! clippings (boxes on the page image) and their zones (boxes relative to the clipping's
//! corner) with the zone's words. Zones become regions (those that touch joined into one
//! polygon, see `shape`), the first OCR reading of each word the text, and the page's words
//! with their boxes its words file (see `boxes`). Pages, articles and parts of articles that
//! are not there are left out with a warning; what is there is imported.

mod boxes;
mod read;
mod shape;

use super::detect::tidy;
use super::geom::{self, Rect};
use super::words::PageWords;
use super::{local_page, pdf, pictures, shorten, shown, Context, Draft, Picture, Report};
use broadsheet_model::{Article, ArticleKind, Block, Day, Region};
use read::{header, ArticleFile, PageFile, Unit};
use std::fs;
use std::path::{Path, PathBuf};

/// A page of the unit that is there, with its image.
struct Present {
    id: String,
    number: String,
    /// Its place in the unit's page list (0: the front page).
    order: usize,
    /// The page file, canonical, to match articles' hrefs with.
    key: PathBuf,
    file: PathBuf,
    page: PageFile,
    image: PathBuf,
    pdf: Option<PathBuf>,
    size: (u32, u32),
}

/// An article file with the boxes of its zones on each page that is there (page pixels, in
/// reading order) and the hrefs of its pages that are not.
struct Placed {
    file: PathBuf,
    article: ArticleFile,
    parts: Vec<(usize, Vec<Rect>)>,
    /// The hrefs of its pages that are not there, as written and as paths to show.
    missing: Vec<String>,
    shown_missing: Vec<String>,
}

pub fn import(unit_path: &Path, cx: &Context) -> Result<Draft, Vec<String>> {
    let one = |e: String| vec![e];
    let name = shown(unit_path);
    let unit = read::unit(unit_path).map_err(one)?;
    let base = unit_path.parent().unwrap_or(Path::new("."));
    let mut report = Report::default();
    let date = issue_date(&unit, cx, &name).map_err(one)?;
    let present = pages(&unit, base, &name, &mut report).map_err(one)?;
    if present.is_empty() {
        return Err(one(format!("{name}: none of the {} pages it lists is there with its image", unit.pages.len())));
    }
    let mut placed = articles(&unit, base, &present, &name, &mut report).map_err(one)?;
    snap(&mut placed, &present, &mut report);
    let mut lists: Vec<Vec<Article>> = present.iter().map(|_| Vec::new()).collect();
    let mut zones: Vec<Vec<(String, Rect)>> = present.iter().map(|_| Vec::new()).collect();
    let mut elsewhere = Vec::new();
    for p in &placed {
        let Some(&(home, _)) = p.parts.first() else {
            elsewhere.push(shown(&p.file));
            continue;
        };
        let id = format!("a{:02}{:02}", home + 1, lists[home].len() + 1);
        for (k, rects) in &p.parts {
            zones[*k].extend(rects.iter().map(|r| (id.clone(), *r)));
        }
        let a = article(id, p, &present, &unit, cx, &mut report);
        warn_missing(p, &a, &present, &mut report);
        lists[home].push(a);
    }
    if !elsewhere.is_empty() {
        let n = elsewhere.len();
        report.warnings.push(format!(
            "{n} article(s) lie only on pages that are not there and are left out: {}",
            elsewhere.join(", ")
        ));
    }
    let (mut pages, mut pictures, mut extras, mut words) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for ((p, list), zones) in present.into_iter().zip(lists).zip(zones) {
        if let Some(w) = page_words(&p, &zones, &mut report) {
            words.push(w);
        }
        let pdf = p.pdf.as_ref().map(|f| {
            let n = format!("{}.pdf", p.id);
            extras.push((f.clone(), n.clone()));
            n
        });
        pictures.push(Picture::File(p.image.clone()));
        pages.push(local_page(p.id, p.number.clone(), format!("Page {}", p.number), p.size, pdf, list));
    }
    let mut draft = Draft::new(date, edition(&unit), pages, pictures, report, extras);
    draft.words = words;
    Ok(draft)
}

/// The issue's date: --date, else the unit's `date` header (`15-JUN-1850`).
fn issue_date(unit: &Unit, cx: &Context, name: &str) -> Result<Day, String> {
    if let Some(d) = cx.date {
        return Ok(d);
    }
    let Some(text) = header(&unit.headers, "date") else {
        return Err(format!("{name}: the unit has no date header-item; give --date"));
    };
    parse_date(text).ok_or_else(|| format!("{name}: the date {text:?} is not a date this importer reads; give --date"))
}

/// `15-JUN-1850`, `15 June 1850`, `June 15, 1850` or `1850-06-15`.
fn parse_date(s: &str) -> Option<Day> {
    if let Ok(d) = Day::parse(s.trim()) {
        return Some(d);
    }
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let parts: Vec<&str> =
        s.split(|c: char| c == '-' || c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    let [a, b, c] = parts[..] else { return None };
    let month = |m: &str| {
        let m = m.to_ascii_lowercase();
        MONTHS.iter().position(|n| m.starts_with(n)).map(|i| i as u8 + 1)
    };
    let (day, mon, year) = match (month(a), month(b)) {
        (None, Some(m)) => (a.parse().ok()?, m, c.parse().ok()?),
        (Some(m), None) => (b.parse().ok()?, m, c.parse().ok()?),
        _ => return None,
    };
    Day::new(year, mon, day)
}

/// `Vol. I, No. 1` from the unit's volume and number headers, or its edition header.
fn edition(unit: &Unit) -> Option<String> {
    let h = |n| header(&unit.headers, n);
    match (h("volume"), h("number")) {
        (Some(v), Some(n)) => Some(format!("Vol. {v}, No. {n}")),
        (Some(v), None) => Some(format!("Vol. {v}")),
        (None, Some(n)) => Some(format!("No. {n}")),
        (None, None) => h("edition").map(String::from),
    }
}

/// The unit's pages that are there with an image, in order.
fn pages(unit: &Unit, base: &Path, name: &str, report: &mut Report) -> Result<Vec<Present>, String> {
    let mut out: Vec<Present> = Vec::new();
    let mut absent = Vec::new();
    for (order, href) in unit.pages.iter().enumerate() {
        let path = tidy(&base.join(href));
        if !path.is_file() {
            absent.push(href.as_str());
            continue;
        }
        let page = read::page(&path)?;
        let number = header(&page.headers, "page").map_or_else(|| (order + 1).to_string(), String::from);
        let named = tidy(&path.parent().unwrap_or(Path::new(".")).join(&page.image_file));
        let Some(image) = pictures::locate(&named) else {
            report.warnings.push(format!(
                "{}: page {number}: skipped: its image {} is not there, nor a JPEG or PNG beside it",
                shown(&path),
                page.image_file
            ));
            continue;
        };
        let size = pictures::size(&image)?;
        let is_pdf = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) && p.is_file();
        out.push(Present {
            id: format!("p{}", out.len() + 1),
            number,
            order,
            key: fs::canonicalize(&path).unwrap_or(path.clone()),
            file: path,
            pdf: is_pdf(&named).then_some(named),
            image,
            size,
            page,
        });
    }
    if !absent.is_empty() {
        report.warnings.push(format!(
            "{name}: {} of its {} pages are not there and are left out: {}",
            absent.len(),
            unit.pages.len(),
            absent.join(", ")
        ));
    }
    Ok(out)
}

/// The unit's articles (and any a page lists that the unit does not) that are there, with their
/// zones placed on the pages that are there.
fn articles(
    unit: &Unit,
    base: &Path,
    present: &[Present],
    name: &str,
    report: &mut Report,
) -> Result<Vec<Placed>, String> {
    let mut files: Vec<PathBuf> = unit.articles.iter().map(|h| tidy(&base.join(h))).collect();
    for p in present {
        let dir = p.file.parent().unwrap_or(Path::new("."));
        for h in &p.page.articles {
            let f = tidy(&dir.join(h));
            let key = fs::canonicalize(&f).ok();
            if !files.iter().any(|g| key.is_some() && fs::canonicalize(g).ok() == key) {
                files.push(f);
            }
        }
    }
    // Where a page that is there lists an article as beginning on it.
    let begins: Vec<(PathBuf, &str)> = present
        .iter()
        .flat_map(|p| {
            let dir = p.file.parent().unwrap_or(Path::new(".")).to_path_buf();
            p.page.articles.iter().map(move |h| (tidy(&dir.join(h)), p.number.as_str()))
        })
        .collect();
    let (mut out, mut absent) = (Vec::new(), Vec::new());
    for file in files {
        if file.is_file() {
            let article = read::article(&file)?;
            out.push(place(file, article, present));
            continue;
        }
        let rel = file.strip_prefix(base).unwrap_or(&file).display().to_string();
        absent.push(match begins.iter().find(|(f, _)| *f == file) {
            // That page's map has a hole where the article was.
            Some((_, n)) => format!("{rel} (begins on page {n})"),
            None => rel,
        });
    }
    if !absent.is_empty() {
        report.warnings.push(format!(
            "{name}: {} article file(s) named are not there and are left out: {}",
            absent.len(),
            absent.join(", ")
        ));
    }
    Ok(out)
}

/// An article's zones on the pages that are there, in page pixels. A clipping without zones
/// stands for itself.
fn place(file: PathBuf, article: ArticleFile, present: &[Present]) -> Placed {
    let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut parts: Vec<(usize, Vec<Rect>)> = Vec::new();
    let (mut missing, mut shown_missing) = (Vec::new(), Vec::new());
    for ap in &article.pages {
        let key = fs::canonicalize(dir.join(&ap.href)).ok();
        let Some(k) = present.iter().position(|p| Some(&p.key) == key.as_ref()) else {
            missing.push(ap.href.clone());
            shown_missing.push(shown(&tidy(&dir.join(&ap.href))));
            continue;
        };
        let mut rects = Vec::new();
        for c in &ap.clippings {
            let zones: Vec<Rect> = c.elements.iter().flat_map(|e| &e.zones).map(|z| z.rect).collect();
            if zones.is_empty() {
                rects.push(c.rect);
            }
            let (x, y) = (c.rect.x0, c.rect.y0);
            rects.extend(zones.iter().map(|z| Rect { x0: x + z.x0, y0: y + z.y0, x1: x + z.x1, y1: y + z.y1 }));
        }
        match parts.iter_mut().find(|(j, _)| *j == k) {
            Some((_, r)) => r.extend(rects),
            None => parts.push((k, rects)),
        }
    }
    Placed { file, article, parts, missing, shown_missing }
}

/// Snaps the zone edges of each page together (see `shape`), reporting how many moved.
fn snap(placed: &mut [Placed], present: &[Present], report: &mut Report) {
    for (k, p) in present.iter().enumerate() {
        let on_page = |placed: &[Placed], f: &dyn Fn(&Rect) -> [f64; 2]| -> Vec<f64> {
            placed.iter().flat_map(|a| &a.parts).filter(|(j, _)| *j == k).flat_map(|(_, r)| r).flat_map(f).collect()
        };
        let sx = shape::snapper(&on_page(placed, &|r| [r.x0, r.x1]), f64::from(p.size.0));
        let sy = shape::snapper(&on_page(placed, &|r| [r.y0, r.y1]), f64::from(p.size.1));
        let mut moved = 0;
        for rects in placed.iter_mut().flat_map(|a| a.parts.iter_mut()).filter(|(j, _)| *j == k).map(|(_, r)| r) {
            for r in rects.iter_mut() {
                let s = Rect { x0: sx(r.x0), y0: sy(r.y0), x1: sx(r.x1), y1: sy(r.y1) };
                moved += [s.x0 != r.x0, s.y0 != r.y0, s.x1 != r.x1, s.y1 != r.y1].iter().filter(|m| **m).count();
                *r = s;
            }
        }
        if moved > 0 {
            report.repairs.push(format!(
                "{}: page {}: {moved} zone edge(s) within {} px of another edge or of the page's edge moved onto it (zones overlap their neighbours by a pixel and may reach past the image)",
                shown(&p.file),
                p.number,
                shape::SNAP
            ));
        }
    }
}

/// The Broadsheet article of a placed article file (`id` given), its regions on the pages
/// that are there and its text from every page.
fn article(id: String, p: &Placed, present: &[Present], unit: &Unit, cx: &Context, report: &mut Report) -> Article {
    let a = &p.article;
    let elements = || a.pages.iter().flat_map(|ap| &ap.clippings).flat_map(|c| &c.elements);
    let named = |kinds: &[&str]| {
        elements().filter(|e| kinds.contains(&e.kind.to_ascii_lowercase().as_str())).find_map(|e| {
            let zone_words = || e.zones.iter().flat_map(|z| &z.words).map(|w| w.first()).collect::<Vec<_>>().join(" ");
            e.text.clone().or_else(|| Some(zone_words())).filter(|t| !t.trim().is_empty())
        })
    };
    let body: Vec<Block> = elements()
        .filter(|e| !["headline", "subheadline", "byline"].contains(&e.kind.to_ascii_lowercase().as_str()))
        .flat_map(|e| &e.zones)
        .map(|z| z.words.iter().map(|w| w.first()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .map(|text| Block::Paragraph { text })
        .collect();
    let headline = header(&a.headers, "headline").map(String::from).or_else(|| named(&["headline"]));
    let kind = kind_of(p, headline.is_some(), present, report);
    let title = match (&headline, kind) {
        (Some(h), _) => h.clone(),
        (None, ArticleKind::Masthead) => cx
            .paper
            .clone()
            .or_else(|| Some(unit.title.clone()).filter(|t| !t.is_empty() && t != "Untitled"))
            .unwrap_or_else(|| "Masthead".into()),
        (None, ArticleKind::Advertisement) => "Advertisement".into(),
        (None, ArticleKind::Article) => match body.first() {
            Some(Block::Paragraph { text }) => shorten(text, 80),
            _ => "Untitled".into(),
        },
    };
    let home = p.parts[0].0;
    let mut regions = Vec::new();
    for (k, rects) in &p.parts {
        let pg = &present[*k];
        for poly in shape::union(rects) {
            let (pts, fixes) = geom::clean(&poly, f64::from(pg.size.0), f64::from(pg.size.1));
            if let Some(d) = fixes.describe().filter(|_| fixes.clamped > 0) {
                report.repairs.push(format!("{}: a region on page {}: {d}", shown(&p.file), pg.number));
            }
            if let Some(points) = pts {
                regions.push(Region { page: (*k != home).then(|| pg.id.clone()), points });
            }
        }
    }
    Article {
        id,
        kind,
        pretitle: None,
        title: shorten(&title, 300),
        subtitle: named(&["subheadline", "subtitle"]).map(|s| shorten(&s, 300)),
        byline: named(&["byline"]).map(|s| shorten(&s, 200)),
        body: if kind == ArticleKind::Masthead { Vec::new() } else { body },
        regions,
    }
}

/// The kind from the classification (`masthead`, `advertising`, `article`, `unclassified`…).
/// An unclassified item without a headline across the top of the front page is its masthead
/// (iArchives classifies mastheads so), reported as such.
fn kind_of(p: &Placed, headline: bool, present: &[Present], report: &mut Report) -> ArticleKind {
    let c = p.article.classification.as_deref().unwrap_or("").to_ascii_lowercase();
    if let Some(kind) = classified(&c) {
        return kind;
    }
    let (k, rects) = &p.parts[0];
    let pg = &present[*k];
    let (w, h) = (f64::from(pg.size.0), f64::from(pg.size.1));
    let on_top = rects.first().is_some_and(|r| r.y0 <= 0.05 * h && r.width() >= 0.8 * w);
    if (c.is_empty() || c == "unclassified") && !headline && pg.order == 0 && on_top {
        report.repairs.push(format!(
            "{}: unclassified, without a headline, across the top of the front page: taken as the masthead",
            shown(&p.file)
        ));
        return ArticleKind::Masthead;
    }
    ArticleKind::Article
}

/// The kind a classification names: a masthead, an advertisement (`advertising` in the
/// Deseret News export), or None for the rest (`article`, `unclassified`, `obituary`…).
fn classified(c: &str) -> Option<ArticleKind> {
    let c = c.to_ascii_lowercase();
    if c.contains("masthead") || c.contains("nameplate") {
        Some(ArticleKind::Masthead)
    } else if c.contains("advert") || ["ad", "ads", "classified", "classifieds"].contains(&c.trim()) {
        Some(ArticleKind::Advertisement)
    } else {
        None
    }
}

/// Warns about the parts of an article on pages that are not there.
fn warn_missing(p: &Placed, a: &Article, present: &[Present], report: &mut Report) {
    if p.missing.is_empty() {
        return;
    }
    let first_missing = p.article.pages.first().is_some_and(|ap| p.missing.first() == Some(&ap.href));
    let on = &present[p.parts[0].0].number;
    let (file, title) = (shown(&p.file), &a.title);
    let list = p.shown_missing.join(", ");
    report.warnings.push(if first_missing {
        let n = header(&p.article.headers, "page").map(|n| format!("page {n}")).unwrap_or_else(|| "a page".into());
        format!("{file} {title:?} begins on {n}, which is not there ({list}): its regions start on page {on}; its text is whole")
    } else {
        format!("{file} {title:?} goes on to {list}, which is not there: its regions there are missing; its text is whole")
    });
}

/// The page's words with boxes: from `<r>` rectangles, else from the page PDF's text; None,
/// with a warning, when neither is there or the PDF's text does not fit the words.
fn page_words(p: &Present, zones: &[(String, Rect)], report: &mut Report) -> Option<PageWords> {
    let file = shown(&p.file);
    let words = &p.page.words;
    if words.is_empty() {
        return None;
    }
    let mut parts = if words.iter().any(|w| !w.rects.is_empty()) {
        boxes::from_rects(words)
    } else {
        let Some(pdf_path) = &p.pdf else {
            report.warnings.push(format!(
                "{file}: page {}: no word boxes: its words have no <r> rectangles and its PDF ({}) is not there to place them",
                p.number, p.page.image_file
            ));
            return None;
        };
        let placed = match pdf_text(pdf_path) {
            Ok(t) => boxes::from_pdf(words, &t, p.size),
            Err(e) => {
                report.warnings.push(format!("{}: no word boxes for page {}: {e}", shown(pdf_path), p.number));
                return None;
            }
        };
        // The offsets must find the words' own text: else the boxes would be somebody else's.
        if placed.with_offset == 0 || (placed.matching as f64) < 0.9 * placed.with_offset as f64 {
            report.warnings.push(format!(
                "{}: no word boxes for page {}: only {} of the {} words' offsets find their text in the PDF",
                shown(pdf_path),
                p.number,
                placed.matching,
                placed.with_offset
            ));
            return None;
        }
        placed.words
    };
    let dropped = boxes::drop_outsized(&mut parts, 4.0);
    if dropped > 0 {
        report.repairs.push(format!(
            "{file}: page {}: {dropped} word box(es) more than 4 times the height of the page's words left out of its words file",
            p.number
        ));
    }
    let lines = boxes::lines(parts, zones);
    Some(PageWords { page: p.id.clone(), width: p.size.0, height: p.size.1, lines })
}

/// What a page PDF's first page shows: its text layer, glyph by glyph.
fn pdf_text(path: &Path) -> Result<pdf::text::Content, String> {
    pdf::first_page(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_export_forms() {
        assert_eq!(parse_date("15-JUN-1850"), Day::new(1850, 6, 15));
        assert_eq!(parse_date("June 15, 1850"), Day::new(1850, 6, 15));
        assert_eq!(parse_date("15 June 1850"), Day::new(1850, 6, 15));
        assert_eq!(parse_date("1850-06-15"), Day::new(1850, 6, 15));
        assert_eq!(parse_date("31-FEB-1850"), None);
        assert_eq!(parse_date("675867"), None);
    }

    #[test]
    fn classifications_name_kinds() {
        assert_eq!(classified("Masthead"), Some(ArticleKind::Masthead));
        assert_eq!(classified("advertising"), Some(ArticleKind::Advertisement));
        assert_eq!(classified("Ad"), Some(ArticleKind::Advertisement));
        assert_eq!(classified("unclassified"), None);
        assert_eq!(classified("article"), None);
        assert_eq!(classified("adventure"), None);
    }

    #[test]
    fn edition_from_volume_and_number() {
        let h = |n: &str, t: &str| read::Header { name: n.into(), value: None, text: t.into() };
        let mut u = Unit {
            title: String::new(),
            headers: vec![h("volume", "I"), h("number", "1")],
            pages: vec![],
            articles: vec![],
        };
        assert_eq!(edition(&u).as_deref(), Some("Vol. I, No. 1"));
        u.headers = vec![h("edition", "Evening")];
        assert_eq!(edition(&u).as_deref(), Some("Evening"));
        u.headers.clear();
        assert_eq!(edition(&u), None);
    }
}

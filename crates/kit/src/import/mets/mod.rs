//! `import mets-alto`: an issue METS with its ALTO files and page images.
//!
//! Pages come from the physical structMap (the first structMap that is not LOGICAL), their
//! files from the fileSec by FILEID. Articles come from the LOGICAL structMap: every div that
//! is not an issue, volume, section or page container is one item, with MODS title, subtitle
//! and classification from its DMDID, and zones from its `area`s: an ALTO block range
//! (BETYPE IDREF, BEGIN..END) and/or a pixel RECT on a page image. A page the logical map
//! gives no articles (or every page, without one) has its articles found from the layout of
//! its ALTO (`segment`), or one per ALTO TextBlock with `--no-segment`. Each page with ALTO
//! gets its words with their boxes, linked to their articles.

mod read;

use super::alto::{self, Alto, Block};
use super::geom::{self, Rect};
use super::segment::alto_page::{self, Links};
use super::xml::decode;
use super::{ocr, pictures, read, shorten, shown, Context, Draft, Picture, Report};
use broadsheet_model::{Article, ArticleKind, Day, Region};
use read::{File, Item, Mets, PhysPage};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Parses METS text alone, for the property tests.
#[cfg(test)]
pub fn parse_for_tests(text: &str) -> Result<(), String> {
    read::read(text, "m.xml").map(|_| ())
}

/// An item of a logical structMap as the ALTO blocks it names: whether it is a masthead, and
/// its BEGIN..END block id ranges.
pub type BlockItem = (bool, Vec<(String, String)>);

/// The items of a METS's logical structMap as the ALTO blocks they name. For judging a
/// segmentation against it.
pub fn logical_blocks(path: &Path) -> Result<Vec<BlockItem>, String> {
    let name = shown(path);
    let text = decode(&read(path)?).map_err(|e| format!("{name}: {e}"))?;
    let m = read::read(&text, &name)?;
    let items = m.items.as_ref().filter(|i| !i.is_empty()).ok_or_else(|| format!("{name}: no logical structMap"))?;
    Ok(items
        .iter()
        .map(|item| {
            let mods = item.dmd.as_ref().and_then(|d| m.dmd.get(d));
            let kind = kind_of(mods.and_then(|d| d.classification.as_deref()).unwrap_or(&item.kind));
            let ranges =
                item.zones.iter().filter_map(|z| z.idref.as_ref().map(|(_, b, e)| (b.clone(), e.clone()))).collect();
            (kind == ArticleKind::Masthead, ranges)
        })
        .collect())
}

/// One page that is there: its files and what was read from them.
struct Present {
    index: usize,
    id: String,
    number: String,
    name: String,
    image: PathBuf,
    size: (u32, u32),
    /// File ids on this page, with the factor from that file's pixels to the page image's.
    files: HashMap<String, (f64, f64)>,
    alto: Option<PageAlto>,
}

/// A page's ALTO, its file id, the factor from its units to page pixels, and its name.
struct PageAlto {
    alto: Alto,
    file_id: String,
    scale: (f64, f64),
    name: String,
}

fn kind_of(s: &str) -> ArticleKind {
    let s = s.to_ascii_lowercase();
    if s.contains("masthead") {
        ArticleKind::Masthead
    } else if s.contains("advert") || s == "ad" {
        ArticleKind::Advertisement
    } else {
        ArticleKind::Article
    }
}

/// Reads the METS, finds its pages that are on disk with their ALTO, and makes the articles:
/// from the logical structMap, else one per ALTO block.
pub fn import(mets_path: &Path, cx: &Context) -> Result<Draft, Vec<String>> {
    let one = |e: String| vec![e];
    let name = shown(mets_path);
    let text = decode(&read(mets_path).map_err(one)?).map_err(|e| one(format!("{name}: {e}")))?;
    let m = read::read(&text, &name).map_err(one)?;
    let base = mets_path.parent().unwrap_or(Path::new("."));
    let mut report = Report::default();
    let date = issue_date(&m, cx, &name).map_err(one)?;
    if m.pages.is_empty() {
        return Err(one(format!("{name}: the METS names no pages (no div of a page TYPE in its physical structMap)")));
    }
    let mut present: Vec<Present> = Vec::new();
    for (i, p) in m.pages.iter().enumerate() {
        if let Some(page) = present_page(&m, i, p, present.len(), base, &name, &mut report)? {
            present.push(page);
        }
    }
    if present.is_empty() {
        return Err(one(format!("{name}: none of the {} pages named has its image file", m.pages.len())));
    }
    let articles = articles(&m, &present, &name, cx, &mut report)?;
    let mut pictures = Vec::new();
    let mut pages = Vec::new();
    let mut words = Vec::new();
    for (p, (list, links)) in present.into_iter().zip(articles) {
        if let Some(pa) = &p.alto {
            let ids: Vec<String> = list.iter().map(|a| a.id.clone()).collect();
            words.push(alto_page::page_words(&pa.alto, pa.scale, p.size, &p.id, &links, &ids));
        }
        pictures.push(Picture::File(p.image.clone()));
        pages.push(super::local_page(p.id, p.number, p.name, p.size, None, list));
    }
    let mut draft = Draft::new(date, edition(&m), pages, pictures, report, Vec::new());
    draft.words = words;
    Ok(draft)
}

/// The issue's date: --date, else the MODS dateIssued of the issue (else of any dmdSec).
fn issue_date(m: &Mets, cx: &Context, name: &str) -> Result<Day, String> {
    let issued = m
        .issue_dmd
        .as_ref()
        .and_then(|d| m.dmd.get(d))
        .and_then(|d| d.date.clone())
        .or_else(|| m.dmd.values().find_map(|d| d.date.clone()));
    match (cx.date, issued) {
        (Some(d), _) => Ok(d),
        (None, Some(s)) => Day::parse(s.get(..10).unwrap_or(&s))
            .map_err(|e| format!("{name}: mods:dateIssued {s:?}: {e}; give --date")),
        (None, None) => Err(format!("{name}: no mods:dateIssued for the issue; give --date")),
    }
}

/// `Vol. 8, No. 46` from the issue's MODS.
fn edition(m: &Mets) -> Option<String> {
    let issue_mods = m.issue_dmd.as_ref().and_then(|d| m.dmd.get(d))?;
    match (&issue_mods.volume, &issue_mods.issue) {
        (Some(v), Some(i)) => Some(format!("Vol. {v}, No. {i}")),
        (None, Some(i)) => Some(format!("No. {i}")),
        (Some(v), None) => Some(format!("Vol. {v}")),
        _ => None,
    }
}

fn is_image(f: &File) -> bool {
    let h = f.href.to_ascii_lowercase();
    [".jp2", ".j2k", ".jpx", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".gif", ".webp"].iter().any(|e| h.ends_with(e))
}

/// Page `i` of the METS when its image is on disk (else None, with a warning), with the sizes
/// of its files and its ALTO read. `before` pages were found before it.
fn present_page(
    m: &Mets,
    i: usize,
    p: &PhysPage,
    before: usize,
    base: &Path,
    name: &str,
    report: &mut Report,
) -> Result<Option<Present>, Vec<String>> {
    let mods = p.dmd.as_ref().and_then(|d| m.dmd.get(d));
    let number = mods.and_then(|d| d.page.clone()).or(p.label.clone()).unwrap_or_else(|| (i + 1).to_string());
    if let Some(id) = p.files.iter().find(|id| !m.files.contains_key(*id)) {
        return Err(vec![format!("{name}: page {number}: FILEID {id:?} is not in the fileSec")]);
    }
    let files: Vec<(&String, &File)> = p.files.iter().filter_map(|id| m.files.get(id).map(|f| (id, f))).collect();
    // The service image first, then any other image.
    let mut candidates: Vec<&File> =
        files.iter().map(|(_, f)| *f).filter(|f| f.use_ == "service" && is_image(f)).collect();
    candidates.extend(files.iter().map(|(_, f)| *f).filter(|f| f.use_ != "service" && is_image(f)));
    let Some(image) = candidates.iter().find_map(|f| pictures::locate(&base.join(&f.href))) else {
        let named: Vec<&str> = candidates.iter().map(|f| f.href.as_str()).collect();
        report.warnings.push(format!(
            "{name}: page {number}: skipped: no image file ({}) nor a browser-ready file beside it",
            if named.is_empty() { "none named".to_string() } else { named.join(", ") }
        ));
        return Ok(None);
    };
    let size = pictures::size(&image).map_err(|e| vec![e])?;
    let alto = page_alto(&files, base, size, &format!("{name}: page {number}"), report)?;
    Ok(Some(Present {
        index: i,
        id: format!("p{}", before + 1),
        name: p.label.clone().filter(|l| *l != number).unwrap_or_else(|| format!("Page {number}")),
        number,
        files: scales(&files, base, &image, size),
        image,
        size,
        alto,
    }))
}

/// The factor from each named image's pixels to the page image's (RECTs are on these): 1 for
/// files that are not images, are the page image, or are not on disk.
fn scales(files: &[(&String, &File)], base: &Path, image: &Path, size: (u32, u32)) -> HashMap<String, (f64, f64)> {
    let scale = |f: &File| {
        let path = base.join(&f.href);
        if !is_image(f) || path == image || !path.is_file() {
            return (1.0, 1.0);
        }
        match pictures::size(&path) {
            Ok((w, h)) => (size.0 as f64 / w as f64, size.1 as f64 / h as f64),
            Err(_) => (1.0, 1.0),
        }
    };
    files.iter().map(|(id, f)| ((*id).clone(), scale(f))).collect()
}

/// The page's ALTO (its file with USE="ocr", or ending .xml), read and scaled to the page
/// image of `size`; None, with a warning, when it is named but missing.
fn page_alto(
    files: &[(&String, &File)],
    base: &Path,
    size: (u32, u32),
    page: &str,
    report: &mut Report,
) -> Result<Option<PageAlto>, Vec<String>> {
    let one = |e: String| vec![e];
    let Some((id, f)) = files.iter().find(|(_, f)| f.use_ == "ocr" || f.href.to_ascii_lowercase().ends_with(".xml"))
    else {
        return Ok(None);
    };
    let path = base.join(&f.href);
    if !path.is_file() {
        report.warnings.push(format!("{page}: the ALTO file {} is missing; the page has regions but no text", f.href));
        return Ok(None);
    }
    let name = shown(&path);
    let text = decode(&read(&path).map_err(one)?).map_err(|e| one(format!("{name}: {e}")))?;
    let alto = alto::parse(&text, &name).map_err(one)?;
    let scale = alto::scale(&alto, size, &name, report);
    if let (Some(ps), Some((w, h))) = (alto.print_space, alto.page) {
        if ps.x1 > w * 1.001 || ps.y1 > h * 1.001 {
            report.repairs.push(format!(
                "{name}: the PrintSpace ({}x{}) reaches outside the page ({w}x{h}); regions are kept on the page",
                ps.x1, ps.y1
            ));
        }
    }
    Ok(Some(PageAlto { alto, file_id: (*id).clone(), scale, name }))
}

/// The articles of each present page, with their ids, and which article each ALTO line is
/// in: the logical structMap's items, else (on a page none of them has a region on) the
/// articles of the page's layout.
fn articles(
    m: &Mets,
    present: &[Present],
    name: &str,
    cx: &Context,
    report: &mut Report,
) -> Result<Vec<(Vec<Article>, Links)>, Vec<String>> {
    let mut articles: Vec<(Vec<Article>, Links)> = present.iter().map(|_| (Vec::new(), Vec::new())).collect();
    // Pages that some article of the logical map has a region on.
    let mut covered = vec![false; present.len()];
    if let Some(items) = m.items.as_ref().filter(|i| !i.is_empty()) {
        // Which page a file id belongs to.
        let mut page_of: HashMap<&str, usize> = HashMap::new();
        for (k, p) in present.iter().enumerate() {
            for id in &m.pages[p.index].files {
                page_of.insert(id, k);
            }
        }
        let mut left_out = 0;
        for item in items {
            match logical_article(item, m, present, &page_of, name, cx, report)? {
                Some((k, a, blocks)) => {
                    for r in &a.regions {
                        let on = r.page.as_ref().and_then(|id| present.iter().position(|p| &p.id == id));
                        covered[on.unwrap_or(k)] = true;
                    }
                    let (list, links) = &mut articles[k];
                    links.extend(block_links(present[k].alto.as_ref(), &blocks, list.len()));
                    list.push(a);
                }
                None => left_out += 1,
            }
        }
        if left_out > 0 {
            report.warnings.push(format!(
                "{name}: {left_out} logical item(s) left out: all their zones are on skipped pages or they have none"
            ));
        }
    }
    for (k, p) in present.iter().enumerate() {
        if !covered[k] {
            articles[k] = layout_articles(m, p, cx, report);
        }
    }
    for (k, (list, _)) in articles.iter_mut().enumerate() {
        for (j, a) in list.iter_mut().enumerate() {
            a.id = format!("a{:02}{:02}", k + 1, j + 1);
        }
    }
    Ok(articles)
}

/// The lines of the ALTO blocks `blocks` (indexes), in article `a`.
fn block_links(alto: Option<&PageAlto>, blocks: &[usize], a: usize) -> Links {
    let Some(pa) = alto else {
        return Vec::new();
    };
    let lines =
        |b: usize| pa.alto.blocks[b].lines.iter().enumerate().map(move |(k, l)| (b, k, 0..l.words.len(), Some(a)));
    blocks.iter().flat_map(|&b| lines(b)).collect()
}

/// An article on a page (its index among the present ones), with the ALTO blocks of its zones
/// on that page.
type Placed = (usize, Article, Vec<usize>);

/// An item of the logical structMap as an article on the page of its first zone; None when no
/// zone is on a present page.
fn logical_article(
    item: &Item,
    m: &Mets,
    present: &[Present],
    page_of: &HashMap<&str, usize>,
    name: &str,
    cx: &Context,
    report: &mut Report,
) -> Result<Option<Placed>, Vec<String>> {
    let mods = item.dmd.as_ref().and_then(|d| m.dmd.get(d));
    if let Some(d) = item.dmd.as_ref().filter(|d| !m.dmd.contains_key(*d)) {
        return Err(vec![format!("{name}:{}: DMDID {d:?} names no dmdSec", item.line)]);
    }
    let kind = kind_of(mods.and_then(|d| d.classification.as_deref()).unwrap_or(&item.kind));
    let mut regions: Vec<(usize, Vec<[f64; 2]>)> = Vec::new();
    let mut blocks: Vec<&Block> = Vec::new();
    // The ALTO blocks of its zones, by page: the words of those on its home page are linked to it.
    let mut indexes: Vec<(usize, usize)> = Vec::new();
    for z in &item.zones {
        let Some(k) = zone_page(z, m, page_of, name)? else {
            continue; // on a skipped page
        };
        let p = &present[k];
        let zone_blocks = zone_blocks(z, p, name)?;
        let rect = zone_rect(z, p, &zone_blocks, report);
        if let Some(pa) = &p.alto {
            let found = zone_blocks.iter().filter_map(|b| pa.alto.blocks.iter().position(|x| std::ptr::eq(x, *b)));
            indexes.extend(found.map(|b| (k, b)));
        }
        blocks.extend(zone_blocks);
        if let Some(points) =
            rect.and_then(|r| on_page(r, p, &format!("{name}:{}: zone on page {}", z.line, p.number), report))
        {
            regions.push((k, points));
        }
    }
    let Some(&(home, _)) = regions.first() else {
        return Ok(None);
    };
    let title = mods.and_then(|d| d.title.clone()).or(item.label.clone());
    let subtitle = mods.and_then(|d| d.subtitle.clone()).filter(|s| !s.eq_ignore_ascii_case("[illegible]"));
    let (title, body) = if kind == ArticleKind::Masthead {
        let label = || {
            m.label.as_ref().map(|l| l.split([',', '(']).next().unwrap_or(l).trim().trim_end_matches('.').to_string())
        };
        (title.or(cx.paper.clone()).or_else(label), Vec::new())
    } else {
        ocr::titled_text(&blocks, title, subtitle.as_deref())
    };
    let title = title.map(|t| shorten(&t, 300)).filter(|t| !t.is_empty()).unwrap_or_else(|| "Untitled".into());
    let regions = regions
        .into_iter()
        .map(|(k, points)| Region { page: (k != home).then(|| present[k].id.clone()), points })
        .collect();
    let article = Article { id: String::new(), kind, pretitle: None, title, subtitle, byline: None, body, regions };
    let blocks = indexes.into_iter().filter(|(k, _)| *k == home).map(|(_, b)| b).collect();
    Ok(Some((home, article, blocks)))
}

/// The present page a zone is on, by the file it names; None on a skipped page.
fn zone_page(
    z: &read::Zone,
    m: &Mets,
    page_of: &HashMap<&str, usize>,
    name: &str,
) -> Result<Option<usize>, Vec<String>> {
    let Some(f) = z.idref.as_ref().map(|(f, _, _)| f).or(z.rect.as_ref().map(|(f, _)| f)) else {
        return Ok(None);
    };
    if !m.files.contains_key(f) {
        return Err(vec![format!("{name}:{}: FILEID {f:?} is not in the fileSec", z.line)]);
    }
    Ok(page_of.get(f.as_str()).copied())
}

/// The ALTO blocks a zone names (BEGIN..END in ALTO order), when it names the page's ALTO.
fn zone_blocks<'a>(z: &read::Zone, p: &'a Present, name: &str) -> Result<Vec<&'a Block>, Vec<String>> {
    let (Some((fid, begin, end)), Some(pa)) = (&z.idref, &p.alto) else {
        return Ok(Vec::new());
    };
    if *fid != pa.file_id {
        return Ok(Vec::new());
    }
    let find = |which: &str, id: &str| {
        pa.alto.blocks.iter().position(|b| b.id == id).ok_or_else(|| {
            vec![format!(
                "{name}:{}: dangling IDREF: {which}={id:?} is not a block ID in the ALTO of page {}",
                z.line, p.number
            )]
        })
    };
    let (b, e) = (find("BEGIN", begin)?, find("END", end)?);
    if e < b {
        return Err(vec![format!("{name}:{}: BEGIN={begin:?} comes after END={end:?} in the ALTO", z.line)]);
    }
    Ok(pa.alto.blocks[b..=e].iter().collect())
}

/// A zone's box in page pixels: its RECT, scaled from its image, else the union of its blocks.
fn zone_rect(z: &read::Zone, p: &Present, blocks: &[&Block], report: &mut Report) -> Option<Rect> {
    match (&z.rect, &p.alto) {
        (Some((fid, r)), _) => {
            let (sx, sy) = p.files.get(fid).copied().unwrap_or((1.0, 1.0));
            Some(r.scale(sx, sy))
        }
        (None, Some(pa)) => blocks
            .iter()
            .filter_map(|b| alto::block_box(b, &pa.name, report))
            .reduce(|a, b| a.union(&b))
            .map(|r| r.scale(pa.scale.0, pa.scale.1)),
        _ => None,
    }
}

/// A box as a region's points, cleaned and kept on the page; repairs reported at `at`.
fn on_page(r: Rect, p: &Present, at: &str, report: &mut Report) -> Option<Vec<[f64; 2]>> {
    let (pts, fixes) = geom::clean(&r.points(), p.size.0 as f64, p.size.1 as f64);
    if let Some(d) = fixes.describe() {
        report.repairs.push(format!("{at}: {d}"));
    }
    if pts.is_none() {
        report.repairs.push(format!("{at} has no area on the page; left out"));
    }
    pts
}

/// A page's articles from its ALTO alone: found from the layout, or one per TextBlock with
/// text with `--no-segment`; and which article each line is in.
fn layout_articles(m: &Mets, p: &Present, cx: &Context, report: &mut Report) -> (Vec<Article>, Links) {
    let Some(pa) = &p.alto else {
        report.warnings.push(format!("page {}: no ALTO and no logical structMap: the page has no articles", p.number));
        return (Vec::new(), Vec::new());
    };
    if !cx.segment {
        // Say what the blocks' own boxes were worth, as the regions are taken from the lines.
        for b in &pa.alto.blocks {
            if !b.has_text() {
                report.repairs.push(format!("{}:{}: TextBlock {}: no text; left out", pa.name, b.line_no, b.id));
            } else {
                alto::block_box(b, &pa.name, report);
            }
        }
    }
    let paper = cx.paper.clone().or_else(|| {
        m.label.as_ref().map(|l| l.split([',', '(']).next().unwrap_or(l).trim().trim_end_matches('.').to_string())
    });
    let s = alto_page::segment_page(&pa.alto, pa.scale, p.size, Some(&p.image), cx.segment, paper.as_deref());
    if cx.segment {
        report.repairs.push(format!(
            "page {}: no article structure: {} article(s) found from the layout of {} (--no-segment for one per TextBlock)",
            p.number,
            s.articles.len(),
            pa.name
        ));
    }
    (s.articles, s.links)
}

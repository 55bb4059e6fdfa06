//! `import mets-alto`: an issue METS with its ALTO files and page images.
//!
//! Pages come from the physical structMap (the first structMap that is not LOGICAL), their
//! files from the fileSec by FILEID. Articles come from the LOGICAL structMap: every div that
//! is not an issue, volume, section or page container is one item, with MODS title, subtitle
//! and classification from its DMDID, and zones from its `area`s: an ALTO block range
//! (BETYPE IDREF, BEGIN..END) and/or a pixel RECT on a page image. Without a logical map,
//! every ALTO TextBlock with text becomes an article titled from its first line.

use super::alto::{self, Alto, Block};
use super::geom::{self, Rect};
use super::xml::{decode, Ev, Xml};
use super::{id_from, pictures, read, shorten, shown, squash, Context, Draft, Picture, Report};
use broadsheet_model::{Article, ArticleKind, Block as Para, Day, Region};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
struct Mods {
    title: Option<String>,
    subtitle: Option<String>,
    classification: Option<String>,
    date: Option<String>,
    volume: Option<String>,
    issue: Option<String>,
    page: Option<String>,
}

#[derive(Debug)]
struct File {
    href: String,
    use_: String,
}

#[derive(Debug, Default)]
struct PhysPage {
    dmd: Option<String>,
    label: Option<String>,
    files: Vec<String>,
}

#[derive(Debug, Default)]
struct Zone {
    /// ALTO file id, first and last block id.
    idref: Option<(String, String, String)>,
    /// Image file id and box in that image's pixels.
    rect: Option<(String, Rect)>,
    line: usize,
}

#[derive(Debug, Default)]
struct Item {
    dmd: Option<String>,
    kind: String,
    label: Option<String>,
    zones: Vec<Zone>,
    line: usize,
}

#[derive(Debug, Default)]
struct Mets {
    label: Option<String>,
    dmd: HashMap<String, Mods>,
    files: HashMap<String, File>,
    pages: Vec<PhysPage>,
    items: Option<Vec<Item>>,
    issue_dmd: Option<String>,
}

const CONTAINERS: [&str; 8] = ["issue", "volume", "section", "page", "newspaper", "supplement", "edition", "np:issue"];

fn container(kind: &str) -> bool {
    let k = kind.to_ascii_lowercase();
    let k = k.rsplit(':').next().unwrap_or(&k);
    CONTAINERS.contains(&k)
}

fn parse(text: &str, file: &str) -> Result<Mets, String> {
    let mut x = Xml::new(text, file);
    let mut m = Mets::default();
    let mut root = false;
    // Where we are.
    let mut dmd: Option<String> = None;
    let mut in_title_info = 0usize;
    let mut detail: Option<String> = None;
    let mut file_id: Option<String> = None;
    let mut map: Option<String> = None; // "LOGICAL" or "PHYSICAL"
    let mut div_depth = 0usize;
    let mut item_depth: Option<usize> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut page_open: Option<usize> = None;
    let mut first_div = true;
    while let Some(ev) = x.next()? {
        match ev {
            Ev::Start(el) => {
                if !root {
                    if el.name != "mets" {
                        return Err(x.at(el.pos, format!("expected a METS document (<mets>), found <{}>", el.name)));
                    }
                    m.label = el.get("LABEL").map(squash);
                    root = true;
                    continue;
                }
                match el.name.as_str() {
                    "dmdSec" => dmd = el.get("ID").map(str::to_string),
                    "titleInfo" => in_title_info += 1,
                    "title" | "subTitle" | "classification" | "dateIssued" | "number" | "start" if dmd.is_some() => {
                        let t = squash(&x.text_of()?);
                        let d = m.dmd.entry(dmd.clone().unwrap_or_default()).or_default();
                        let slot = match el.name.as_str() {
                            "title" if in_title_info > 0 => &mut d.title,
                            "subTitle" => &mut d.subtitle,
                            "classification" => &mut d.classification,
                            "dateIssued" => &mut d.date,
                            "number" if detail.as_deref() == Some("volume") => &mut d.volume,
                            "number" if detail.as_deref() == Some("issue") => &mut d.issue,
                            "start" => &mut d.page,
                            _ => continue,
                        };
                        if slot.is_none() && !t.is_empty() {
                            *slot = Some(t);
                        }
                    }
                    "detail" => detail = el.get("type").map(str::to_ascii_lowercase),
                    "file" => {
                        file_id = el.get("ID").map(str::to_string);
                        if let Some(id) = &file_id {
                            m.files.insert(
                                id.clone(),
                                File {
                                    href: String::new(),
                                    use_: el.get("USE").unwrap_or_default().to_ascii_lowercase(),
                                },
                            );
                        }
                    }
                    "FLocat" => {
                        if let (Some(id), Some(href)) = (&file_id, el.get("href")) {
                            if let Some(f) = m.files.get_mut(id) {
                                if f.href.is_empty() {
                                    f.href = href.to_string();
                                }
                            }
                        }
                    }
                    "structMap" => {
                        let t = el.get("TYPE").unwrap_or_default().to_ascii_uppercase();
                        map = Some(if t == "LOGICAL" { "LOGICAL".into() } else { "PHYSICAL".into() });
                        // Only the first physical map counts.
                        if map.as_deref() == Some("PHYSICAL") && !m.pages.is_empty() {
                            map = Some("OTHER".into());
                        }
                        if map.as_deref() == Some("LOGICAL") && m.items.is_none() {
                            m.items = Some(Vec::new());
                        } else if map.as_deref() == Some("LOGICAL") {
                            map = Some("OTHER".into());
                        }
                        div_depth = 0;
                        first_div = true;
                    }
                    "div" => {
                        div_depth += 1;
                        let kind = el.get("TYPE").unwrap_or_default().to_string();
                        if first_div {
                            first_div = false;
                            if m.issue_dmd.is_none() {
                                m.issue_dmd =
                                    el.get("DMDID").map(|d| d.split_whitespace().next().unwrap_or("").to_string());
                            }
                        }
                        match map.as_deref() {
                            Some("PHYSICAL") if kind.to_ascii_lowercase().ends_with("page") => {
                                m.pages.push(PhysPage {
                                    dmd: el.get("DMDID").map(|d| d.split_whitespace().next().unwrap_or("").to_string()),
                                    label: el
                                        .get("ORDERLABEL")
                                        .or(el.get("LABEL"))
                                        .map(squash)
                                        .filter(|s| !s.is_empty()),
                                    files: Vec::new(),
                                });
                                page_open = Some(div_depth);
                            }
                            Some("LOGICAL") if item_depth.is_none() && !container(&kind) => {
                                item_depth = Some(div_depth);
                                items.push(Item {
                                    dmd: el.get("DMDID").map(|d| d.split_whitespace().next().unwrap_or("").to_string()),
                                    kind,
                                    label: el.get("LABEL").map(squash).filter(|s| !s.is_empty()),
                                    zones: Vec::new(),
                                    line: x.line(el.pos),
                                });
                            }
                            _ => {}
                        }
                    }
                    "fptr" => {
                        if let (Some("PHYSICAL"), Some(_), Some(id)) = (map.as_deref(), page_open, el.get("FILEID")) {
                            if let Some(p) = m.pages.last_mut() {
                                p.files.push(id.to_string());
                            }
                        }
                    }
                    "area" => {
                        let Some(item) =
                            items.last_mut().filter(|_| item_depth.is_some() && map.as_deref() == Some("LOGICAL"))
                        else {
                            if map.as_deref() == Some("PHYSICAL") {
                                if let (Some(p), Some(id)) = (m.pages.last_mut(), el.get("FILEID")) {
                                    p.files.push(id.to_string());
                                }
                            }
                            continue;
                        };
                        let line = x.line(el.pos);
                        let fid = el.get("FILEID").unwrap_or_default().to_string();
                        if el.get("BETYPE").is_some_and(|b| b.eq_ignore_ascii_case("IDREF"))
                            || (el.get("BEGIN").is_some() && el.get("SHAPE").is_none())
                        {
                            let begin = el
                                .get("BEGIN")
                                .ok_or_else(|| x.at(el.pos, "<area BETYPE=\"IDREF\"> lacks BEGIN"))?
                                .to_string();
                            let end = el.get("END").map(str::to_string).unwrap_or_else(|| begin.clone());
                            item.zones.push(Zone { idref: Some((fid, begin, end)), rect: None, line });
                        } else if let Some(coords) = el.get("COORDS") {
                            let shape = el.get("SHAPE").unwrap_or("RECT").to_ascii_uppercase();
                            let n = geom::numbers(coords).map_err(|e| x.at(el.pos, format!("<area COORDS>: {e}")))?;
                            let r = match (shape.as_str(), &n[..]) {
                                ("RECT", [a, b, c, d]) => Rect::corners(*a, *b, *c, *d),
                                ("POLY", n) if n.len() >= 6 => geom::bounds(&geom::pairs(n)),
                                _ => None,
                            }
                            .ok_or_else(|| {
                                x.at(el.pos, format!("<area SHAPE=\"{shape}\" COORDS=\"{coords}\"> is not a box"))
                            })?;
                            match item.zones.last_mut() {
                                Some(z) if z.rect.is_none() && z.idref.is_some() => z.rect = Some((fid, r)),
                                _ => item.zones.push(Zone { idref: None, rect: Some((fid, r)), line }),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ev::End(name) => match name.as_str() {
                "dmdSec" => dmd = None,
                "titleInfo" => in_title_info = in_title_info.saturating_sub(1),
                "detail" => detail = None,
                "file" => file_id = None,
                "structMap" => map = None,
                "div" => {
                    if item_depth == Some(div_depth) {
                        item_depth = None;
                    }
                    if page_open == Some(div_depth) {
                        page_open = None;
                    }
                    div_depth = div_depth.saturating_sub(1);
                }
                _ => {}
            },
            Ev::Text(_) => {}
        }
    }
    if !root {
        return Err(format!("{file}: empty document, expected METS"));
    }
    if m.items.is_some() {
        m.items = Some(items);
    }
    Ok(m)
}

/// Parses METS text alone, for the property tests.
#[cfg(test)]
pub fn parse_for_tests(text: &str) -> Result<(), String> {
    parse(text, "m.xml").map(|_| ())
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
    /// The ALTO, its file id, the factor from its units to page pixels, and its name.
    alto: Option<(Alto, String, (f64, f64), String)>,
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

pub fn import(mets_path: &Path, cx: &Context) -> Result<Draft, Vec<String>> {
    let one = |e: String| vec![e];
    let name = shown(mets_path);
    let text = decode(&read(mets_path).map_err(one)?).map_err(|e| one(format!("{name}: {e}")))?;
    let m = parse(&text, &name).map_err(one)?;
    let base = mets_path.parent().unwrap_or(Path::new("."));
    let mut report = Report::default();

    let date = match (
        cx.date,
        m.issue_dmd
            .as_ref()
            .and_then(|d| m.dmd.get(d))
            .and_then(|d| d.date.clone())
            .or_else(|| m.dmd.values().find_map(|d| d.date.clone())),
    ) {
        (Some(d), _) => d,
        (None, Some(s)) => Day::parse(s.get(..10).unwrap_or(&s))
            .map_err(|e| one(format!("{name}: mods:dateIssued {s:?}: {e}; give --date")))?,
        (None, None) => return Err(one(format!("{name}: no mods:dateIssued for the issue; give --date"))),
    };
    let issue_mods = m.issue_dmd.as_ref().and_then(|d| m.dmd.get(d));
    let edition = issue_mods.and_then(|d| match (&d.volume, &d.issue) {
        (Some(v), Some(i)) => Some(format!("Vol. {v}, No. {i}")),
        (None, Some(i)) => Some(format!("No. {i}")),
        (Some(v), None) => Some(format!("Vol. {v}")),
        _ => None,
    });

    if m.pages.is_empty() {
        return Err(one(format!("{name}: the METS names no pages (no div of a page TYPE in its physical structMap)")));
    }
    let mut present: Vec<Present> = Vec::new();
    for (i, p) in m.pages.iter().enumerate() {
        let mods = p.dmd.as_ref().and_then(|d| m.dmd.get(d));
        let number = mods.and_then(|d| d.page.clone()).or(p.label.clone()).unwrap_or_else(|| (i + 1).to_string());
        let files: Vec<(&String, &File)> = p.files.iter().filter_map(|id| m.files.get(id).map(|f| (id, f))).collect();
        for id in &p.files {
            if !m.files.contains_key(id) {
                return Err(one(format!("{name}: page {number}: FILEID {id:?} is not in the fileSec")));
            }
        }
        let is_image = |f: &File| {
            let h = f.href.to_ascii_lowercase();
            [".jp2", ".j2k", ".jpx", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".gif", ".webp"]
                .iter()
                .any(|e| h.ends_with(e))
        };
        let mut candidates: Vec<&(&String, &File)> =
            files.iter().filter(|(_, f)| f.use_ == "service" && is_image(f)).collect();
        candidates.extend(files.iter().filter(|(_, f)| f.use_ != "service" && is_image(f)));
        let located = candidates.iter().find_map(|(_, f)| pictures::locate(&base.join(&f.href)));
        let Some(image) = located else {
            let named: Vec<&str> = candidates.iter().map(|(_, f)| f.href.as_str()).collect();
            report.warnings.push(format!(
                "{name}: page {number}: skipped: no image file ({}) nor a browser-ready file beside it",
                if named.is_empty() { "none named".to_string() } else { named.join(", ") }
            ));
            continue;
        };
        let size = pictures::size(&image).map_err(one)?;
        // Factors from each named image's pixels to the page image's (RECTs are on these).
        let mut scales = HashMap::new();
        for (id, f) in &files {
            let path = base.join(&f.href);
            let s = if !is_image(f) || path == image || !path.is_file() {
                (1.0, 1.0)
            } else {
                match pictures::size(&path) {
                    Ok((w, h)) => (size.0 as f64 / w as f64, size.1 as f64 / h as f64),
                    Err(_) => (1.0, 1.0),
                }
            };
            scales.insert((*id).clone(), s);
        }
        let alto_file = files.iter().find(|(_, f)| f.use_ == "ocr" || f.href.to_ascii_lowercase().ends_with(".xml"));
        let alto = match alto_file {
            Some((id, f)) => {
                let path = base.join(&f.href);
                if path.is_file() {
                    let aname = shown(&path);
                    let text = decode(&read(&path).map_err(one)?).map_err(|e| one(format!("{aname}: {e}")))?;
                    let a = alto::parse(&text, &aname).map_err(one)?;
                    let s = alto::scale(&a, size, &aname, &mut report);
                    if let (Some(ps), Some((w, h))) = (a.print_space, a.page) {
                        if ps.x1 > w * 1.001 || ps.y1 > h * 1.001 {
                            report.repairs.push(format!("{aname}: the PrintSpace ({}x{}) reaches outside the page ({w}x{h}); regions are kept on the page", ps.x1, ps.y1));
                        }
                    }
                    Some((a, (*id).clone(), s, aname))
                } else {
                    report.warnings.push(format!(
                        "{name}: page {number}: the ALTO file {} is missing; the page has regions but no text",
                        f.href
                    ));
                    None
                }
            }
            None => None,
        };
        present.push(Present {
            index: i,
            id: format!("p{}", present.len() + 1),
            name: p.label.clone().filter(|l| *l != number).unwrap_or_else(|| format!("Page {number}")),
            number,
            image,
            size,
            files: scales,
            alto,
        });
    }
    if present.is_empty() {
        return Err(one(format!("{name}: none of the {} pages named has its image file", m.pages.len())));
    }

    // Which page a file id belongs to.
    let mut page_of: HashMap<&str, usize> = HashMap::new();
    for (k, p) in present.iter().enumerate() {
        for id in &m.pages[p.index].files {
            page_of.insert(id, k);
        }
    }
    let mut articles: Vec<Vec<Article>> = present.iter().map(|_| Vec::new()).collect();
    match &m.items {
        Some(items) if !items.is_empty() => {
            let mut left_out = 0;
            for item in items {
                match logical_article(item, &m, &present, &page_of, &name, cx, &mut report)? {
                    Some((k, a)) => articles[k].push(a),
                    None => left_out += 1,
                }
            }
            if left_out > 0 {
                report.warnings.push(format!("{name}: {left_out} logical item(s) left out: all their zones are on skipped pages or they have none"));
            }
        }
        _ => {
            for (k, p) in present.iter().enumerate() {
                articles[k] = block_articles(p, &mut report);
            }
        }
    }
    for (k, list) in articles.iter_mut().enumerate() {
        for (j, a) in list.iter_mut().enumerate() {
            a.id = format!("a{:02}{:02}", k + 1, j + 1);
        }
    }
    let mut pictures_ = Vec::new();
    let mut pages = Vec::new();
    for (p, list) in present.into_iter().zip(articles) {
        pictures_.push(Picture::File(p.image.clone()));
        pages.push(super::local_page(p.id, p.number, p.name, p.size, None, list));
    }
    Ok(Draft::new(date, edition, pages, pictures_, report, Vec::new()))
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

fn logical_article(
    item: &Item,
    m: &Mets,
    present: &[Present],
    page_of: &HashMap<&str, usize>,
    name: &str,
    cx: &Context,
    report: &mut Report,
) -> Result<Option<(usize, Article)>, Vec<String>> {
    let at = |line: usize, msg: String| vec![format!("{name}:{line}: {msg}")];
    let mods = item.dmd.as_ref().and_then(|d| m.dmd.get(d));
    if let Some(d) = &item.dmd {
        if !m.dmd.contains_key(d) {
            return Err(at(item.line, format!("DMDID {d:?} names no dmdSec")));
        }
    }
    let kind = kind_of(mods.and_then(|d| d.classification.as_deref()).unwrap_or(&item.kind));
    let mut regions: Vec<(usize, Vec<[f64; 2]>)> = Vec::new();
    let mut blocks: Vec<&Block> = Vec::new();
    for z in &item.zones {
        let page =
            z.idref.as_ref().map(|(f, _, _)| f.as_str()).or(z.rect.as_ref().map(|(f, _)| f.as_str())).and_then(|f| {
                if !m.files.contains_key(f) {
                    return Some(Err(at(z.line, format!("FILEID {f:?} is not in the fileSec"))));
                }
                page_of.get(f).map(|k| Ok(*k))
            });
        let k = match page {
            Some(Ok(k)) => k,
            Some(Err(e)) => return Err(e),
            None => continue, // on a skipped page
        };
        let p = &present[k];
        let (w, h) = (p.size.0 as f64, p.size.1 as f64);
        let mut zone_blocks: Vec<&Block> = Vec::new();
        if let Some((fid, begin, end)) = &z.idref {
            if let Some((alto, afid, _, _)) = &p.alto {
                if afid == fid {
                    let find = |id: &str| alto.blocks.iter().position(|b| b.id == id);
                    let b = find(begin).ok_or_else(|| {
                        at(
                            z.line,
                            format!(
                                "dangling IDREF: BEGIN={begin:?} is not a block ID in the ALTO of page {}",
                                p.number
                            ),
                        )
                    })?;
                    let e = find(end).ok_or_else(|| {
                        at(
                            z.line,
                            format!("dangling IDREF: END={end:?} is not a block ID in the ALTO of page {}", p.number),
                        )
                    })?;
                    if e < b {
                        return Err(at(z.line, format!("BEGIN={begin:?} comes after END={end:?} in the ALTO")));
                    }
                    zone_blocks.extend(alto.blocks[b..=e].iter());
                }
            }
        }
        let rect = match (&z.rect, &p.alto) {
            (Some((fid, r)), _) => {
                let (sx, sy) = p.files.get(fid).copied().unwrap_or((1.0, 1.0));
                Some(r.scale(sx, sy))
            }
            (None, Some((_, _, (sx, sy), aname))) => zone_blocks
                .iter()
                .filter_map(|b| alto::block_box(b, aname, report))
                .reduce(|a, b| a.union(&b))
                .map(|r| r.scale(*sx, *sy)),
            _ => None,
        };
        blocks.extend(zone_blocks);
        if let Some(r) = rect {
            let (pts, fixes) = geom::clean(&r.points(), w, h);
            if let Some(d) = fixes.describe() {
                report.repairs.push(format!("{name}:{}: zone on page {}: {d}", z.line, p.number));
            }
            match pts {
                Some(pts) => regions.push((k, pts)),
                None => report
                    .repairs
                    .push(format!("{name}:{}: zone on page {} has no area on the page; left out", z.line, p.number)),
            }
        }
    }
    let Some(&(home, _)) = regions.first() else {
        return Ok(None);
    };
    let title = mods.and_then(|d| d.title.clone()).or(item.label.clone());
    let subtitle = mods.and_then(|d| d.subtitle.clone()).filter(|s| !s.eq_ignore_ascii_case("[illegible]"));
    let mut body = Vec::new();
    let title = if kind == ArticleKind::Masthead {
        title.or(cx.paper.clone()).or_else(|| {
            m.label.as_ref().map(|l| l.split([',', '(']).next().unwrap_or(l).trim().trim_end_matches('.').to_string())
        })
    } else {
        let known: Vec<&str> = title.iter().chain(subtitle.iter()).map(String::as_str).collect();
        let (skip, headings) = display_lines(&blocks, &known);
        let paras = alto::paragraphs(&blocks, &|b, l| b == 0 && skip.contains(&l));
        let title = title.or_else(|| headings.first().cloned()).or_else(|| paras.first().map(|p| shorten(p, 80)));
        let headings =
            if title.as_ref() == headings.first() { &headings[1.min(headings.len())..] } else { &headings[..] };
        body.extend(headings.iter().map(|t| Para::Heading { text: shorten(t, 200) }));
        body.extend(paras.into_iter().map(|text| Para::Paragraph { text }));
        title
    };
    let title = title.map(|t| shorten(&t, 300)).filter(|t| !t.is_empty()).unwrap_or_else(|| "Untitled".into());
    let regions = regions
        .into_iter()
        .map(|(k, points)| Region { page: (k != home).then(|| present[k].id.clone()), points })
        .collect();
    let article = Article { id: String::new(), kind, pretitle: None, title, subtitle, byline: None, body, regions };
    Ok(Some((home, article)))
}

/// Without a logical map: one article per ALTO TextBlock that has text.
fn block_articles(p: &Present, report: &mut Report) -> Vec<Article> {
    let Some((alto, _, (sx, sy), aname)) = &p.alto else {
        report.warnings.push(format!("page {}: no ALTO and no logical structMap: the page has no articles", p.number));
        return Vec::new();
    };
    let mut out = Vec::new();
    for b in &alto.blocks {
        if !b.has_text() {
            report.repairs.push(format!("{aname}:{}: TextBlock {}: no text; left out", b.line_no, b.id));
            continue;
        }
        let Some(r) = alto::block_box(b, aname, report) else {
            continue;
        };
        let (pts, fixes) = geom::clean(&r.scale(*sx, *sy).points(), p.size.0 as f64, p.size.1 as f64);
        if let Some(d) = fixes.describe() {
            report.repairs.push(format!("{aname}:{}: TextBlock {}: {d}", b.line_no, b.id));
        }
        let Some(points) = pts else {
            report.repairs.push(format!("{aname}:{}: TextBlock {}: no area on the page; left out", b.line_no, b.id));
            continue;
        };
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
        out.push(Article {
            id: String::new(),
            kind: ArticleKind::Article,
            pretitle: None,
            title,
            subtitle: None,
            byline: None,
            body,
            regions: vec![Region { page: None, points }],
        });
    }
    out
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

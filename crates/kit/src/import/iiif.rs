//! `import iiif`: a IIIF Presentation 3 manifest of a newspaper issue. Canvases are pages (the
//! painting annotation's image, local or remote). Articles are ranges in `structures` whose
//! items point at parts of canvases (`canvas#xywh=…`, or a SpecificResource with a
//! FragmentSelector or SvgSelector); their text comes from textual annotations that target
//! the range or lie inside its regions. Without ranges, each textual annotation with a region
//! is an article. Problems are reported by JSON path.

use super::geom::{self, Point};
use super::pictures::{PHONE_WIDTH, THUMB_WIDTH};
use super::{pictures, read, shorten, shown, squash, Context, Draft, Picture, Report};
use broadsheet_model::{Article, ArticleKind, Block, Day, Page, PageImage, Region, Rendition};
use serde_json::Value;
use std::path::Path;

/// A IIIF language map, or a plain string: the English, "none", or first value.
fn label(v: &Value) -> Option<String> {
    let join = |a: &Value| -> Option<String> {
        match a {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => Some(a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" ")),
            _ => None,
        }
    };
    let s = match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => ["en", "none"].iter().find_map(|k| m.get(*k)).or(m.values().next()).and_then(join),
        _ => None,
    }?;
    let s = squash(&s);
    (!s.is_empty()).then_some(s)
}

fn id_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(m) => m.get("id").or(m.get("@id")).and_then(Value::as_str),
        _ => None,
    }
}

fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => Vec::new(),
    }
}

struct Canvas {
    id: String,
    w: f64,
    h: f64,
    /// Canvas units to image pixels.
    scale: (f64, f64),
    size: (u32, u32),
}

/// A canvas index and polygons in canvas units.
type Located = (usize, Vec<Vec<Point>>);

/// A target resolved to a canvas and polygons in canvas units.
fn target(v: &Value, canvases: &[Canvas], path: &str) -> Result<Option<Located>, String> {
    let (source, fragment, selectors): (&str, Option<&str>, Vec<&Value>) = match v {
        Value::String(s) => {
            let (a, b) = s.split_once('#').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
            (a, b, Vec::new())
        }
        Value::Object(m) if m.get("type").and_then(Value::as_str) == Some("SpecificResource") => {
            let src = m.get("source").and_then(id_of).ok_or_else(|| format!("{path}.source: missing"))?;
            let (a, b) = src.split_once('#').map_or((src, None), |(a, b)| (a, Some(b)));
            (a, b, list(m.get("selector")))
        }
        Value::Object(_) => {
            let Some(id) = id_of(v) else { return Ok(None) };
            let (a, b) = id.split_once('#').map_or((id, None), |(a, b)| (a, Some(b)));
            (a, b, Vec::new())
        }
        _ => return Ok(None),
    };
    let Some(k) = canvases.iter().position(|c| c.id == source) else {
        // A target that is not a canvas (a range, another annotation) has no region.
        return if fragment.is_some() || !selectors.is_empty() {
            Err(format!("{path}: no canvas has the id {source:?}"))
        } else {
            Ok(None)
        };
    };
    let c = &canvases[k];
    let mut polys = Vec::new();
    if let Some(f) = fragment.filter(|f| f.contains("xywh=")) {
        polys.push(geom::xywh(f, c.w, c.h).map_err(|e| format!("{path}: {e}"))?.points());
    }
    for (i, s) in selectors.iter().enumerate() {
        let sp = format!("{path}.selector[{i}]");
        let kind = s.get("type").and_then(Value::as_str).unwrap_or_default();
        let value = s.get("value").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "FragmentSelector" => polys.push(geom::xywh(value, c.w, c.h).map_err(|e| format!("{sp}: {e}"))?.points()),
            "SvgSelector" => polys.extend(geom::svg_polygons(value).map_err(|e| format!("{sp}: {e}"))?),
            other => {
                return Err(format!(
                    "{sp}: selector type {other:?} is not supported (use FragmentSelector or SvgSelector)"
                ))
            }
        }
    }
    if polys.is_empty() {
        return Ok(None);
    }
    Ok(Some((k, polys)))
}

/// Plain text of an annotation body (TextualBody values; HTML tags dropped).
fn body_text(v: &Value) -> Option<String> {
    let parts: Vec<String> = list(Some(v))
        .into_iter()
        .filter(|b| b.get("type").and_then(Value::as_str) == Some("TextualBody"))
        .filter_map(|b| {
            let t = b.get("value").and_then(Value::as_str)?;
            let html = b.get("format").and_then(Value::as_str).is_some_and(|f| f.contains("html"));
            Some(if html {
                scraper::Html::parse_fragment(t).root_element().text().collect::<Vec<_>>().join("\n")
            } else {
                t.to_string()
            })
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// Paragraphs: blank lines separate them, single line breaks are spaces.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(squash).filter(|p| !p.is_empty()).collect()
}

struct Note {
    canvas: Option<usize>,
    polys: Vec<Vec<Point>>,
    target_id: Option<String>,
    text: String,
    motivation: String,
}

fn kind_of(range: &Value) -> ArticleKind {
    let mut words: Vec<String> = Vec::new();
    for m in list(range.get("metadata")) {
        if let (Some(l), Some(v)) = (m.get("label").and_then(label), m.get("value").and_then(label)) {
            let l = l.to_lowercase();
            if l.contains("type") || l.contains("class") || l.contains("genre") {
                words.push(v.to_lowercase());
            }
        }
    }
    for b in list(range.get("behavior")) {
        if let Some(b) = b.as_str() {
            words.push(b.to_lowercase());
        }
    }
    if words.iter().any(|w| w.contains("masthead")) {
        ArticleKind::Masthead
    } else if words.iter().any(|w| w.contains("advert")) {
        ArticleKind::Advertisement
    } else {
        ArticleKind::Article
    }
}

/// Reads the manifest, its canvases as pages, its textual annotations, and its ranges (else
/// its annotations) as articles.
pub fn import(manifest: &Path, cx: &Context) -> Result<Draft, Vec<String>> {
    let name = shown(manifest);
    let one = |m: String| vec![format!("{name}: {m}")];
    let bytes = read(manifest).map_err(|e| vec![e])?;
    let m: Value = serde_json::from_slice(&bytes).map_err(|e| one(format!("not valid JSON: {e}")))?;
    let kind = m.get("type").or(m.get("@type")).and_then(Value::as_str).unwrap_or_default();
    if kind != "Manifest" {
        return Err(one(format!("type: expected \"Manifest\" (IIIF Presentation 3), found {kind:?}")));
    }
    let base = manifest.parent().unwrap_or(Path::new("."));
    let mut report = Report::default();
    let date = match cx.date {
        Some(d) => d,
        None => {
            let nav =
                m.get("navDate").and_then(Value::as_str).ok_or_else(|| one("navDate: missing: give --date".into()))?;
            Day::parse(nav.get(..10).unwrap_or(nav)).map_err(|e| one(format!("navDate: {nav:?}: {e}")))?
        }
    };
    let items = list(m.get("items"));
    if items.is_empty() {
        return Err(one("items: the manifest has no canvases".into()));
    }
    let (canvases, mut pages, pics) = canvas_pages(&items, base, &name, &mut report)?;
    if pages.is_empty() {
        return Err(one("no canvas has a usable image".into()));
    }
    let mut errors = Vec::new();
    let notes = notes(&m, &items, &canvases, base, &name, &mut report, &mut errors)?;
    let found = articles(&m, &notes, &canvases, &name, &mut report, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    place(found, &mut pages, &name, &mut report);
    Ok(Draft::new(date, None, pages, pics, report, Vec::new()))
}

/// The canvases with a usable image, their pages and where each page's image comes from, in
/// the same order.
type Pages = (Vec<Canvas>, Vec<Page>, Vec<Picture>);

/// The canvases with a usable image, each as a page and where its image comes from.
fn canvas_pages(items: &[&Value], base: &Path, name: &str, report: &mut Report) -> Result<Pages, Vec<String>> {
    let (mut canvases, mut pages, mut pics) = (Vec::new(), Vec::new(), Vec::new());
    for (i, c) in items.iter().enumerate() {
        let p = format!("items[{i}]");
        let id = id_of(c).ok_or_else(|| vec![format!("{name}: {p}.id: missing")])?.to_string();
        let dim = |k: &str| c.get(k).and_then(Value::as_f64).filter(|v| *v > 0.0);
        let (Some(cw), Some(ch)) = (dim("width"), dim("height")) else {
            return Err(vec![format!("{name}: {p}: a canvas needs a width and a height")]);
        };
        let Some((picture, image)) = canvas_image(c, (cw, ch), base, &format!("{name}: {p}"), report)? else {
            continue;
        };
        let size = (image.width, image.height);
        let lbl = c.get("label").and_then(label);
        let number = lbl
            .as_deref()
            .and_then(|l| l.split_whitespace().rev().find(|w| w.chars().any(|c| c.is_ascii_digit())))
            .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_string())
            .filter(|n| !n.is_empty() && n.len() <= 6)
            .unwrap_or_else(|| (pages.len() + 1).to_string());
        canvases.push(Canvas { id, w: cw, h: ch, scale: (size.0 as f64 / cw, size.1 as f64 / ch), size });
        pics.push(picture);
        pages.push(Page {
            id: format!("p{}", pages.len() + 1),
            name: lbl.unwrap_or_else(|| format!("Page {number}")),
            number,
            image,
            pdf: None,
            words: None,
            rating: None,
            articles: Vec::new(),
        });
    }
    Ok((canvases, pages, pics))
}

/// A canvas's image, from its painting annotation (the first item of a Choice): a local file to
/// render, or an http(s) image that stays on its server, with renditions from its IIIF image
/// service. None, with a warning at `at`, when there is none.
fn canvas_image(
    c: &Value,
    (cw, ch): (f64, f64),
    base: &Path,
    at: &str,
    report: &mut Report,
) -> Result<Option<(Picture, PageImage)>, Vec<String>> {
    let painting = list(c.get("items"))
        .into_iter()
        .flat_map(|page| list(page.get("items")))
        .find(|a| a.get("motivation").and_then(Value::as_str) == Some("painting"));
    let Some(body) = painting.and_then(|a| a.get("body")) else {
        report.warnings.push(format!("{at}: no painting annotation with an image; page skipped"));
        return Ok(None);
    };
    let body = if body.get("type").and_then(Value::as_str) == Some("Choice") {
        list(body.get("items")).first().copied().unwrap_or(body)
    } else {
        body
    };
    let src = id_of(body).unwrap_or_default().to_string();
    let local = (!src.contains("://")).then(|| base.join(src.trim_start_matches("file:"))).filter(|f| f.is_file());
    if let Some(file) = local {
        let (width, height) = pictures::size(&file).map_err(|e| vec![e])?;
        return Ok(Some((
            Picture::File(file),
            PageImage { src: String::new(), width, height, renditions: Vec::new() },
        )));
    }
    if !(src.starts_with("https://") || src.starts_with("http://")) {
        report
            .warnings
            .push(format!("{at}: the image {src:?} is neither on disk nor an http(s) address; page skipped"));
        return Ok(None);
    }
    let width = body.get("width").and_then(Value::as_f64).unwrap_or(cw).round() as u32;
    let height = body.get("height").and_then(Value::as_f64).unwrap_or(ch).round() as u32;
    let service = list(body.get("service")).into_iter().find_map(id_of).map(|s| s.trim_end_matches('/').to_string());
    let mut renditions = Vec::new();
    match &service {
        Some(s) => {
            if width > PHONE_WIDTH {
                renditions
                    .push(Rendition { src: format!("{s}/full/{PHONE_WIDTH},/0/default.jpg"), width: PHONE_WIDTH });
            }
            let thumb = THUMB_WIDTH.min(width);
            renditions.push(Rendition { src: format!("{s}/full/{thumb},/0/default.jpg"), width: thumb });
        }
        None => report.warnings.push(format!("{at}: the image has no IIIF image service; no thumbnail renditions")),
    }
    Ok(Some((Picture::Named, PageImage { src, width, height, renditions })))
}

/// The textual annotations on the canvases and the manifest, inline or in annotation pages in
/// local files. Targets that cannot be resolved are added to `errors`.
fn notes(
    m: &Value,
    items: &[&Value],
    canvases: &[Canvas],
    base: &Path,
    name: &str,
    report: &mut Report,
    errors: &mut Vec<String>,
) -> Result<Vec<Note>, Vec<String>> {
    let mut pages: Vec<(String, &Value)> = Vec::new();
    for (i, c) in items.iter().enumerate() {
        for (j, ap) in list(c.get("annotations")).into_iter().enumerate() {
            pages.push((format!("items[{i}].annotations[{j}]"), ap));
        }
    }
    for (j, ap) in list(m.get("annotations")).into_iter().enumerate() {
        pages.push((format!("annotations[{j}]"), ap));
    }
    let mut notes = Vec::new();
    for (p, ap) in pages {
        let Some(ap) = annotation_page(&p, ap, base, name, report)? else {
            continue;
        };
        for (k, a) in list(ap.get("items")).into_iter().enumerate() {
            let motivation = list(a.get("motivation")).first().and_then(|v| v.as_str()).unwrap_or_default().to_string();
            if motivation == "painting" {
                continue;
            }
            let Some(text) = a.get("body").and_then(body_text) else {
                continue;
            };
            let t = a.get("target").cloned().unwrap_or(Value::Null);
            match target(&t, canvases, &format!("{p}.items[{k}].target")) {
                Ok(Some((k, polys))) => notes.push(Note { canvas: Some(k), polys, target_id: None, text, motivation }),
                Ok(None) => {
                    let target_id = id_of(&t).map(str::to_string);
                    notes.push(Note { canvas: None, polys: Vec::new(), target_id, text, motivation })
                }
                Err(e) => errors.push(format!("{name}: {e}")),
            }
        }
    }
    Ok(notes)
}

/// An annotation page: inline, or read from the local file its id names (a remote one is not
/// fetched: None, with a warning).
fn annotation_page(
    p: &str,
    ap: &Value,
    base: &Path,
    name: &str,
    report: &mut Report,
) -> Result<Option<Value>, Vec<String>> {
    if ap.get("items").is_some() {
        return Ok(Some(ap.clone()));
    }
    let Some(href) = id_of(ap) else {
        return Ok(None);
    };
    let file = base.join(href.rsplit('/').next().unwrap_or(href));
    if href.contains("://") && !file.is_file() {
        report
            .warnings
            .push(format!("{name}: {p}: the annotation page {href} is not in the manifest or beside it; not fetched"));
        return Ok(None);
    }
    let file = if href.contains("://") { file } else { base.join(href) };
    let text = read(&file).map_err(|e| vec![e])?;
    serde_json::from_slice::<Value>(&text)
        .map(Some)
        .map_err(|e| vec![format!("{}: not valid JSON: {e}", file.display())])
}

/// The ranges of `structures`, at any depth, with their JSON paths.
fn ranges(m: &Value) -> Vec<(String, &Value)> {
    fn walk<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
        for (i, r) in list(v.get("items").or(v.get("structures"))).into_iter().enumerate() {
            if r.get("type").and_then(Value::as_str) == Some("Range") {
                out.push((format!("{path}[{i}]"), r));
                walk(r, format!("{path}[{i}].items"), out);
            }
        }
    }
    let mut ranges = Vec::new();
    for (i, r) in list(m.get("structures")).into_iter().enumerate() {
        ranges.push((format!("structures[{i}]"), r));
        walk(r, format!("structures[{i}].items"), &mut ranges);
    }
    ranges
}

/// The articles and the canvas each is on: one per range with regions, else one per textual
/// annotation with a region.
fn articles(
    m: &Value,
    notes: &[Note],
    canvases: &[Canvas],
    name: &str,
    report: &mut Report,
    errors: &mut Vec<String>,
) -> Vec<(usize, Article)> {
    let ranges = ranges(m);
    let mut found = Vec::new();
    let mut used = vec![false; notes.len()];
    for (p, r) in &ranges {
        let mut regions: Vec<(usize, Vec<Point>)> = Vec::new();
        for (i, it) in list(r.get("items")).into_iter().enumerate() {
            if it.get("type").and_then(Value::as_str) == Some("Range") {
                continue;
            }
            match target(it, canvases, &format!("{p}.items[{i}]")) {
                Ok(Some((k, polys))) => regions.extend(polys.into_iter().map(|q| (k, q))),
                Ok(None) => {}
                Err(e) => errors.push(format!("{name}: {e}")),
            }
        }
        if regions.is_empty() {
            continue;
        }
        let body = range_text(id_of(r).unwrap_or_default(), &regions, notes, &mut used);
        let title = r.get("label").and_then(label);
        let title = title.or_else(|| body.first().map(|t| shorten(t, 80))).unwrap_or_else(|| "Untitled".into());
        let home = regions[0].0;
        found.push((home, article(&title, kind_of(r), body, regions, canvases, &format!("{name}: {p}"), report)));
    }
    if ranges.is_empty() {
        for (n, note) in notes.iter().enumerate() {
            let Some(k) = note.canvas else { continue };
            if used[n] || note.motivation == "supplementing" && notes.len() > 200 {
                continue;
            }
            let body = paragraphs(&note.text);
            let Some(first) = body.first() else { continue };
            let title = shorten(first.lines().next().unwrap_or(first), 80);
            let regions = note.polys.iter().map(|q| (k, q.clone())).collect();
            let at = format!("{name}: annotation {}", n + 1);
            found.push((k, article(&title, ArticleKind::Article, body, regions, canvases, &at, report)));
        }
    }
    found
}

/// A range's paragraphs: texts that target the range (`rid`) are paragraphs of their own;
/// texts found inside its regions are OCR lines (or words), joined into running text. The
/// notes taken are marked in `used`.
fn range_text(rid: &str, regions: &[(usize, Vec<Point>)], notes: &[Note], used: &mut [bool]) -> Vec<String> {
    let mut text: Vec<String> = Vec::new();
    let mut lines = String::new();
    for (n, note) in notes.iter().enumerate() {
        let direct = note.target_id.as_deref().is_some_and(|t| !rid.is_empty() && t == rid);
        if direct {
            used[n] = true;
            text.push(std::mem::take(&mut lines));
            text.push(note.text.clone());
        } else if note.canvas.is_some_and(|k| centre_inside(note, k, regions)) {
            used[n] = true;
            if !lines.is_empty() {
                lines.push(' ');
            }
            lines.push_str(&note.text);
        }
    }
    text.push(lines);
    text.iter().flat_map(|t| paragraphs(t)).collect()
}

/// Whether the centre of one of a note's polygons on canvas `k` lies in one of the regions.
fn centre_inside(note: &Note, k: usize, regions: &[(usize, Vec<Point>)]) -> bool {
    note.polys.iter().any(|q| {
        let Some(b) = geom::bounds(q) else {
            return false;
        };
        let [x, y] = b.center();
        regions.iter().any(|(rk, rp)| {
            *rk == k && geom::bounds(rp).is_some_and(|rb| rb.contains(&geom::Rect { x0: x, y0: y, x1: x, y1: y }, 0.0))
        })
    })
}

/// Puts the articles on their pages, numbered in order; one without a region is left out.
fn place(found: Vec<(usize, Article)>, pages: &mut [Page], name: &str, report: &mut Report) {
    for (k, mut a) in found {
        if a.regions.is_empty() {
            report.repairs.push(format!("{name}: {:?}: no region left on the page; left out", a.title));
            continue;
        }
        let page = &mut pages[k];
        a.id = format!("a{:02}{:02}", k + 1, page.articles.len() + 1);
        let home = page.id.clone();
        for r in &mut a.regions {
            if r.page.as_deref() == Some(home.as_str()) {
                r.page = None;
            }
        }
        page.articles.push(a);
    }
}

fn article(
    title: &str,
    kind: ArticleKind,
    body: Vec<String>,
    regions: Vec<(usize, Vec<Point>)>,
    canvases: &[Canvas],
    at: &str,
    report: &mut Report,
) -> Article {
    let mut out = Vec::new();
    for (k, q) in regions {
        let c = &canvases[k];
        let scaled: Vec<Point> = q.iter().map(|[x, y]| [x * c.scale.0, y * c.scale.1]).collect();
        let (pts, fixes) = geom::clean(&scaled, c.size.0 as f64, c.size.1 as f64);
        if let Some(d) = fixes.describe() {
            report.repairs.push(format!("{at}: {d}"));
        }
        match pts {
            Some(points) => out.push(Region { page: Some(format!("p{}", k + 1)), points }),
            None => report.repairs.push(format!("{at}: a region has no area on the page; left out")),
        }
    }
    Article {
        id: String::new(),
        kind,
        pretitle: None,
        title: shorten(title, 300),
        subtitle: None,
        byline: None,
        body: body.into_iter().map(|text| Block::Paragraph { text }).collect(),
        regions: out,
    }
}

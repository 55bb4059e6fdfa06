//! What an input is, from its content (magic bytes, the XML root element and its namespace, a
//! JSON document's type), never from its name alone: `import FILE` picks the importer by it,
//! and every importer refuses a file of another kind by saying what the file looks like, what
//! to import instead, and which formats are supported ([`FORMATS`], the one list of them).

use super::{Format, Target};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The importers: the command word, what it reads, and what to give it.
pub const FORMATS: [(&str, &str); 5] = [
    ("mets-alto", "an issue METS (NDNP and similar) with its ALTO pages and page images"),
    ("iarchives", "an iArchives article export: its unit.xml, with the page and article files beside it"),
    ("iiif", "a IIIF Presentation 3 manifest of an issue"),
    ("imagemap", "saved HTML e-paper pages (数字报) whose page image has an image map"),
    ("batch", "a whole NDNP batch (batch.xml) or a folder tree of issue METS files, into an archive"),
];

/// The lines that end every refusal: the formats and their commands.
pub fn supported() -> String {
    let list: Vec<String> = FORMATS.iter().map(|(cmd, what)| format!("\n  import {cmd:<10} {what}")).collect();
    format!("Broadsheet imports:{}", list.concat())
}

/// A path with `.` and `name/..` taken out, without asking the file system (for messages).
pub fn tidy(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out.iter().collect()
}

/// An importer that can take a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Importer {
    MetsAlto,
    Iarchives,
    Iiif,
    Imagemap,
}

impl Importer {
    pub fn command(self) -> &'static str {
        match self {
            Importer::MetsAlto => "mets-alto",
            Importer::Iarchives => "iarchives",
            Importer::Iiif => "iiif",
            Importer::Imagemap => "imagemap",
        }
    }
}

/// What a file looks like.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Mets,
    Alto,
    NdnpBatch,
    IarchivesUnit,
    /// An iArchives page or article file, with the unit it names (`unit-href`).
    IarchivesPage(Option<String>),
    IarchivesArticle(Option<String>),
    Iiif3Manifest,
    /// Another IIIF resource: its type (a Presentation 2 manifest, a collection, an image info).
    IiifOther(String),
    /// An HTML page, and whether it has an image map.
    Html {
        map: bool,
    },
    Pdf,
    /// A picture, by its format name.
    Image(&'static str),
    /// A file Broadsheet itself writes: `issue.json`, `archive.json` or a month index.
    Broadsheet(&'static str),
    /// Other XML: its root element's local name and namespace.
    Xml {
        root: String,
        ns: Option<String>,
    },
    /// Other JSON, with its `type` where it has one.
    Json(Option<String>),
    Folder,
    Empty,
    Unknown,
}

impl Kind {
    /// The importer that reads this kind of file.
    pub fn importer(&self) -> Option<Importer> {
        match self {
            Kind::Mets => Some(Importer::MetsAlto),
            Kind::IarchivesUnit => Some(Importer::Iarchives),
            Kind::Iiif3Manifest => Some(Importer::Iiif),
            Kind::Html { .. } => Some(Importer::Imagemap),
            _ => None,
        }
    }

    /// What the file looks like, as a reader would name it ("an iArchives page file").
    pub fn describe(&self) -> String {
        match self {
            Kind::Mets => "a METS file".into(),
            Kind::Alto => "an ALTO page (the layout and text of one page)".into(),
            Kind::NdnpBatch => "an NDNP batch file (batch.xml)".into(),
            Kind::IarchivesUnit => "an iArchives unit file".into(),
            Kind::IarchivesPage(_) => "an iArchives page file".into(),
            Kind::IarchivesArticle(_) => "an iArchives article file".into(),
            Kind::Iiif3Manifest => "a IIIF Presentation 3 manifest".into(),
            Kind::IiifOther(t) => format!("a IIIF {t}"),
            Kind::Html { map: true } => "an HTML page with an image map".into(),
            Kind::Html { map: false } => "an HTML page without an image map".into(),
            Kind::Pdf => "a PDF".into(),
            Kind::Image(f) => format!("a {f} image"),
            Kind::Broadsheet(f) => format!("Broadsheet's own {f}"),
            Kind::Xml { root, ns: Some(ns) } => format!("an XML document <{root}> in the namespace {ns}"),
            Kind::Xml { root, ns: None } => format!("an XML document <{root}>"),
            Kind::Json(Some(t)) => format!("a JSON document of type {t:?}"),
            Kind::Json(None) => "a JSON document of no known kind".into(),
            Kind::Folder => "a folder".into(),
            Kind::Empty => "an empty file".into(),
            Kind::Unknown => "not XML, JSON, HTML, PDF nor an image".into(),
        }
    }

    /// What to do instead, for a file no importer takes as it is.
    fn advice(&self, path: &Path) -> String {
        let kit = "broadsheet-kit import";
        let dir = path.parent().unwrap_or(Path::new("."));
        let unit = |href: &Option<String>| match href {
            Some(h) => {
                let u = tidy(&dir.join(h));
                let there = if u.is_file() { "" } else { " (it is not there)" };
                format!("import the unit it belongs to: {kit} iarchives {}{there}", u.display())
            }
            None => "import the unit.xml it belongs to".into(),
        };
        match self {
            Kind::Alto => match &mets_naming(path)[..] {
                [] => "import the issue METS that names it, with the page image (none was found beside it)".into(),
                found => {
                    let cmds: Vec<String> = found.iter().map(|m| format!("{kit} mets-alto {}", m.display())).collect();
                    format!("import the issue METS that names it: {}", cmds.join(", or "))
                }
            },
            Kind::IarchivesPage(h) | Kind::IarchivesArticle(h) => unit(h),
            Kind::NdnpBatch => {
                format!("import the whole batch into an archive: {kit} batch {} --archive DIR", path.display())
            }
            Kind::IiifOther(_) => "give the IIIF Presentation 3 manifest of the issue".into(),
            Kind::Pdf => "import PDF editions with `import pdf` (a folder of page PDFs or one PDF, with --date)".into(),
            Kind::Image(_) => "give the file that describes the issue and names its page images".into(),
            Kind::Broadsheet(_) => "it needs no import: check it with broadsheet-kit validate".into(),
            Kind::Folder => {
                let found: Vec<String> = importable_in(path)
                    .iter()
                    .map(|(p, k)| format!("{kit} {} {}", k.importer().map_or("", Importer::command), p.display()))
                    .collect();
                match &found[..] {
                    [] => "give the issue's METS, unit.xml, IIIF manifest or HTML pages (none is in it)".into(),
                    f => format!("give the issue file in it: {}", f.join(", or ")),
                }
            }
            _ => "it is no format an importer reads".into(),
        }
    }

    /// The refusal for a file of this kind given to `import` (`wanted`: the importer asked for).
    pub fn refusal(&self, path: &Path, wanted: Option<Importer>) -> String {
        let what = self.describe();
        let advice = match (wanted, self.importer()) {
            (Some(w), Some(i)) if w != i => {
                format!("import it with broadsheet-kit import {} {}", i.command(), path.display())
            }
            _ => self.advice(path),
        };
        let not = wanted.map(|w| format!(", not what import {} reads", w.command())).unwrap_or_default();
        format!("{}: {what}{not}: {advice}.\n{}", path.display(), supported())
    }
}

/// The format of `inputs` from their content, or a refusal that says what they look like.
pub fn format(inputs: Vec<PathBuf>, target: Target) -> Result<Format, Vec<String>> {
    let Some(first) = inputs.first().cloned() else {
        return Err(vec![format!("give the file to import. {}", supported())]);
    };
    let kinds: Vec<Kind> = inputs.iter().map(|p| sniff(p)).collect::<Result<_, _>>().map_err(|e| vec![e])?;
    let refused: Vec<String> =
        inputs.iter().zip(&kinds).filter(|(_, k)| k.importer().is_none()).map(|(p, k)| k.refusal(p, None)).collect();
    if !refused.is_empty() {
        return Err(refused);
    }
    let importer = kinds[0].importer().expect("refused above");
    if kinds.iter().any(|k| k.importer() != Some(Importer::Imagemap)) && inputs.len() > 1 {
        let what: Vec<String> =
            inputs.iter().zip(&kinds).map(|(p, k)| format!("{} ({})", p.display(), k.describe())).collect();
        return Err(vec![format!(
            "import one issue at a time: one METS, unit.xml or manifest, or the HTML pages of one issue; given {}",
            what.join(", ")
        )]);
    }
    Ok(match importer {
        Importer::MetsAlto => Format::MetsAlto { mets: first, no_segment: false, target },
        Importer::Iarchives => Format::Iarchives { unit: first, target },
        Importer::Iiif => Format::Iiif { manifest: first, target },
        Importer::Imagemap => Format::Imagemap { html: inputs, target },
    })
}

/// A file given to a named format that is recognisably of another kind is refused, saying what
/// it is; files not recognised are left to the importer, whose messages are more precise.
pub fn check(format: &Format) -> Result<(), Vec<String>> {
    let (wanted, files): (Importer, Vec<&PathBuf>) = match format {
        Format::MetsAlto { mets, .. } => (Importer::MetsAlto, vec![mets]),
        Format::Imagemap { html, .. } => (Importer::Imagemap, html.iter().collect()),
        Format::Iiif { manifest, .. } => (Importer::Iiif, vec![manifest]),
        Format::Iarchives { unit, .. } => (Importer::Iarchives, vec![unit]),
        // PDFs are opened by the importer, which says why one cannot be read.
        Format::Pdf(_) => return Ok(()),
        // A batch is a folder or batch.xml of many issues; `batch` finds and checks them itself.
        Format::Batch(_) => return Ok(()),
    };
    let refused: Vec<String> = files
        .into_iter()
        .filter_map(|f| {
            let kind = sniff(f).ok()?;
            let other = matches!(kind, Kind::Xml { .. } | Kind::Json(_) | Kind::Empty | Kind::Unknown);
            (kind.importer() != Some(wanted) && !other).then(|| kind.refusal(f, Some(wanted)))
        })
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(refused)
    }
}

/// How much of a file is read to tell its kind (the root element comes first).
const HEAD: u64 = 64 * 1024;
/// JSON is parsed whole to find its type; larger files are not JSON inputs anyone imports.
const JSON_MAX: u64 = 64 << 20;

/// What `path` is. A file that cannot be read is `Err` with the reason.
pub fn sniff(path: &Path) -> Result<Kind, String> {
    if path.is_dir() {
        return Ok(Kind::Folder);
    }
    let f = fs::File::open(path).map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    let mut head = Vec::new();
    f.take(HEAD).read_to_end(&mut head).map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    if let Some(k) = magic(&head) {
        return Ok(k);
    }
    let text = text_of(&head);
    let t = text.trim_start();
    if t.is_empty() {
        return Ok(Kind::Empty);
    }
    if t.starts_with('{') || t.starts_with('[') {
        let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let whole = if size <= JSON_MAX { fs::read(path).ok() } else { None };
        return Ok(whole.and_then(|b| serde_json::from_slice(&b).ok()).map_or(Kind::Json(None), |v| json_kind(&v)));
    }
    if t.starts_with('<') {
        return Ok(markup_kind(t));
    }
    Ok(Kind::Unknown)
}

/// Kinds told by their first bytes.
fn magic(b: &[u8]) -> Option<Kind> {
    let k = if b.starts_with(b"%PDF-") {
        Kind::Pdf
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Image("JPEG")
    } else if b.starts_with(b"\x89PNG") {
        Kind::Image("PNG")
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        Kind::Image("TIFF")
    } else if b.starts_with(b"\x00\x00\x00\x0CjP  ") || b.starts_with(b"\xFF\x4F\xFF\x51") {
        Kind::Image("JPEG 2000")
    } else if b.starts_with(b"GIF8") {
        Kind::Image("GIF")
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Kind::Image("WebP")
    } else if b.is_empty() {
        Kind::Empty
    } else {
        return None;
    };
    Some(k)
}

/// The head as text: UTF-16 by its BOM, else UTF-8 (lossy: the head may end inside a character).
fn text_of(head: &[u8]) -> String {
    match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom)) => enc.decode_without_bom_handling(&head[bom..]).0.into_owned(),
        None => String::from_utf8_lossy(head).into_owned(),
    }
}

fn json_kind(v: &serde_json::Value) -> Kind {
    let s = |k: &str| v.get(k).and_then(|t| t.as_str()).map(String::from);
    let ty = s("type").or_else(|| s("@type"));
    let iiif = match v.get("@context") {
        Some(c) => c.to_string().contains("iiif.io"),
        None => false,
    };
    match ty.as_deref() {
        Some("Manifest") if iiif || v.get("items").is_some() => return Kind::Iiif3Manifest,
        Some("sc:Manifest") => return Kind::IiifOther("Presentation 2 manifest: only Presentation 3 is read".into()),
        Some(t) if iiif => return Kind::IiifOther(t.trim_start_matches("sc:").to_string()),
        _ => {}
    }
    if iiif {
        return Kind::IiifOther("resource".into());
    }
    let has = |k: &str| v.get(k).is_some();
    if has("version") && has("pages") && has("date") {
        Kind::Broadsheet("issue file")
    } else if has("version") && has("paper") && has("issues") {
        Kind::Broadsheet("archive.json")
    } else if has("version") && has("month") && has("issues") {
        Kind::Broadsheet("month index")
    } else {
        Kind::Json(ty)
    }
}

/// The root element of XML (or HTML) text: its name (with prefix) and attributes.
fn root_element(t: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut rest = t;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if rest.starts_with("<!") {
            // A DOCTYPE, perhaps with an internal subset in brackets.
            let gt = rest.find('>')?;
            let end = match rest.find('[') {
                Some(b) if b < gt => {
                    let close = b + rest[b..].find(']')?;
                    close + rest[close..].find('>')?
                }
                _ => gt,
            };
            rest = &rest[end + 1..];
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix('<')?;
    let end = tag.find('>')?;
    let tag = tag[..end].trim_end_matches('/');
    let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    let name = tag[..name_end].to_string();
    Some((name, attributes(&tag[name_end..])))
}

/// `k="v"` and `k='v'` pairs.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else { break };
        let Some(close) = after[1..].find(q) else { break };
        out.push((key, after[1..1 + close].to_string()));
        rest = &after[close + 2..];
    }
    out
}

const IARCHIVES_NS: &str = "http://www.iarchives.com/schema/2002/export";

fn markup_kind(t: &str) -> Kind {
    let lower = t.to_ascii_lowercase();
    let html = |lower: &str| Kind::Html { map: lower.contains("<map") || lower.contains("usemap") };
    let Some((name, attrs)) = root_element(t) else {
        return if lower.contains("<html") { html(&lower) } else { Kind::Unknown };
    };
    let (prefix, local) = name.split_once(':').map_or(("", name.as_str()), |(p, l)| (p, l));
    let xmlns = if prefix.is_empty() { "xmlns".to_string() } else { format!("xmlns:{prefix}") };
    let ns = attrs.iter().find(|(k, _)| *k == xmlns).map(|(_, v)| v.clone());
    let attr = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
    let ns_is = |s: &str| ns.as_deref().is_some_and(|n| n.to_ascii_lowercase().contains(s));
    let iarchives = ns.as_deref() == Some(IARCHIVES_NS);
    match local {
        "html" | "HTML" => html(&lower),
        "mets" if ns_is("loc.gov/mets") || ns.is_none() => Kind::Mets,
        "alto" => Kind::Alto,
        "batch" if ns_is("loc.gov/ndnp") => Kind::NdnpBatch,
        "unit" if iarchives || attr("collection-title").is_some() => Kind::IarchivesUnit,
        "page" if iarchives || attr("image-file").is_some() && attr("unit-href").is_some() => {
            Kind::IarchivesPage(attr("unit-href"))
        }
        "article" if iarchives || attr("unit-href").is_some() => Kind::IarchivesArticle(attr("unit-href")),
        _ => Kind::Xml { root: local.to_string(), ns },
    }
}

/// The files of a folder (the first 500, by name), each with its kind.
fn files_in(dir: &Path) -> Vec<(PathBuf, Kind)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    files.sort();
    files.truncate(500);
    files.into_iter().filter_map(|p| sniff(&p).ok().map(|k| (p, k))).collect()
}

/// The files of a folder an importer takes as the issue (HTML pages excepted: they come many).
fn importable_in(dir: &Path) -> Vec<(PathBuf, Kind)> {
    files_in(dir).into_iter().filter(|(_, k)| k.importer().is_some_and(|i| i != Importer::Imagemap)).collect()
}

/// The issue METS beside an ALTO file (in its folder or the one above) that name it, those
/// with articles (a LOGICAL structMap) first.
fn mets_naming(alto: &Path) -> Vec<PathBuf> {
    let Some(file) = alto.file_name().map(|f| f.to_string_lossy().into_owned()) else { return Vec::new() };
    let dir = alto.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut found: Vec<(bool, PathBuf)> = Vec::new();
    for d in [dir.to_path_buf(), dir.join("..")] {
        for (p, k) in files_in(&d) {
            let text = if k == Kind::Mets { fs::read_to_string(&p).unwrap_or_default() } else { continue };
            if text.contains(&file) {
                found.push((!text.contains("LOGICAL"), tidy(&p)));
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    found.sort();
    found.into_iter().map(|(_, p)| p).take(3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Kind {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, text).unwrap();
        sniff(&p).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn any_head_gives_a_kind(t in "(<\\?x\\?>|<!--|-->|<!DOCTYPE|\\[|\\]|<|>|/|=|'|\"|xmlns(:p)?|unit|p:page|html|<map| |[ -~]|\\PC){0,40}") {
            let _ = markup_kind(&t);
            let _ = attributes(&t);
        }
    }

    #[test]
    fn kinds_come_from_content() {
        let doctype = "<?xml version=\"1.0\"?>\r\n<!DOCTYPE unit SYSTEM \"unit.dtd\">\r\n";
        let unit = format!("{doctype}<unit xmlns=\"{IARCHIVES_NS}\" collection-title=\"X\"><pages/></unit>");
        assert_eq!(kind(&unit), Kind::IarchivesUnit);
        let page = format!("<page xmlns=\"{IARCHIVES_NS}\" unit-href=\"../unit.xml\" image-file=\"p.pdf\"/>");
        assert_eq!(kind(&page), Kind::IarchivesPage(Some("../unit.xml".into())));
        let article = format!("<!-- c --><article xmlns='{IARCHIVES_NS}' unit-href='../u.xml'/>");
        assert_eq!(kind(&article), Kind::IarchivesArticle(Some("../u.xml".into())));
        let mets = "<!DOCTYPE x [<!ENTITY a 'b'>]><mets:mets xmlns:mets=\"http://www.loc.gov/METS/\">";
        assert_eq!(kind(mets), Kind::Mets);
        assert_eq!(kind("<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v2#\">"), Kind::Alto);
        assert_eq!(kind("<batch xmlns=\"http://www.loc.gov/ndnp\" name=\"b\">"), Kind::NdnpBatch);
        assert_eq!(kind("<!DOCTYPE html><html><img usemap=\"#m\"><map name=m>"), Kind::Html { map: true });
        assert_eq!(kind("<HTML><body>hi"), Kind::Html { map: false });
        assert_eq!(kind("<x:y xmlns:x='u'/>"), Kind::Xml { root: "y".into(), ns: Some("u".into()) });
        // An article element of another vocabulary is not iArchives.
        assert_eq!(kind("<article><p/></article>"), Kind::Xml { root: "article".into(), ns: None });
        let m3 = r#"{"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest", "items": []}"#;
        assert_eq!(kind(m3), Kind::Iiif3Manifest);
        let m2 = r#"{"@context": "http://iiif.io/api/presentation/2/context.json", "@type": "sc:Manifest"}"#;
        assert!(matches!(kind(m2), Kind::IiifOther(t) if t.starts_with("Presentation 2")));
        assert_eq!(kind(r#"{"version": 1, "date": "2016-09-24", "pages": []}"#), Kind::Broadsheet("issue file"));
        assert_eq!(kind(r#"{"type": "Feature"}"#), Kind::Json(Some("Feature".into())));
        assert_eq!(kind("{not json"), Kind::Json(None));
        assert_eq!(kind("%PDF-1.4\n"), Kind::Pdf);
        assert_eq!(kind("\u{feff}  "), Kind::Empty);
        assert_eq!(kind(""), Kind::Empty);
        assert_eq!(kind("hello"), Kind::Unknown);
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<alto/>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.xml"), utf16).unwrap();
        assert_eq!(sniff(&dir.path().join("a.xml")).unwrap(), Kind::Alto);
        assert_eq!(sniff(dir.path()).unwrap(), Kind::Folder);
        assert!(sniff(&dir.path().join("none")).unwrap_err().contains("cannot read the file"));
    }

    #[test]
    fn refusals_say_what_the_file_is_and_what_is_supported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pages/p4.xml");
        let r = Kind::IarchivesPage(Some("../unit.xml".into())).refusal(&p, None);
        let unit = dir.path().join("unit.xml");
        let want = format!("{}: an iArchives page file: import the unit it belongs to: broadsheet-kit import iarchives {} (it is not there).\n", p.display(), unit.display());
        assert!(r.starts_with(&want), "{r}");
        assert!(r.ends_with(&format!(".\n{}", supported())), "{r}");
        for (cmd, what) in FORMATS {
            assert!(r.contains(&format!("\n  import {cmd:<10} {what}")), "{r}");
        }
        let r = Kind::IarchivesUnit.refusal(Path::new("u.xml"), Some(Importer::MetsAlto));
        assert!(r.starts_with("u.xml: an iArchives unit file, not what import mets-alto reads: import it with broadsheet-kit import iarchives u.xml.\n"), "{r}");
        let r = Kind::Pdf.refusal(Path::new("p.pdf"), None);
        assert!(r.contains("a PDF: import PDF editions with `import pdf`"), "{r}");
    }

    #[test]
    fn an_alto_page_points_at_its_issue_mets() {
        let dir = tempfile::tempdir().unwrap();
        let alto = dir.path().join("0007.xml");
        fs::write(&alto, "<alto xmlns='http://www.loc.gov/standards/alto/ns-v2#'/>").unwrap();
        let r = Kind::Alto.refusal(&alto, None);
        assert!(r.contains("an ALTO page (the layout and text of one page): import the issue METS that names it, with the page image (none was found beside it)"), "{r}");
        fs::write(
            dir.path().join("other.xml"),
            "<mets xmlns='http://www.loc.gov/METS/'><file href='0001.xml'/></mets>",
        )
        .unwrap();
        let mets = dir.path().join("1916082601.xml");
        fs::write(&mets, "<mets xmlns='http://www.loc.gov/METS/'><FLocat href='./0007.xml'/></mets>").unwrap();
        let r = Kind::Alto.refusal(&alto, None);
        assert!(
            r.contains(&format!(
                "import the issue METS that names it: broadsheet-kit import mets-alto {}.\n",
                mets.display()
            )),
            "{r}"
        );
        // One with articles comes first.
        let articles = dir.path().join("z-articles.xml");
        fs::write(
            &articles,
            "<mets xmlns='http://www.loc.gov/METS/'><structMap TYPE='LOGICAL'/><FLocat href='0007.xml'/></mets>",
        )
        .unwrap();
        let r = Kind::Alto.refusal(&alto, None);
        let want = format!("mets-alto {}, or broadsheet-kit import mets-alto {}.", articles.display(), mets.display());
        assert!(r.contains(&want), "{r}");
        let r = Kind::Folder.refusal(dir.path(), None);
        assert!(
            r.contains(&format!(
                "a folder: give the issue file in it: broadsheet-kit import mets-alto {}, or",
                mets.display()
            )),
            "{r}"
        );
    }
}

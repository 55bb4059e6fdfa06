//! Reading an issue METS into what the importer uses: the MODS of each dmdSec, the files of the
//! fileSec, the pages of the physical structMap and the items of the logical one.

use super::super::geom::{self, Rect};
use super::super::{squash, xml};
use roxmltree::Node;
use std::collections::HashMap;

/// The MODS fields of one dmdSec.
#[derive(Debug, Default)]
pub struct Mods {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub classification: Option<String>,
    pub date: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub page: Option<String>,
}

#[derive(Debug)]
pub struct File {
    pub href: String,
    /// The USE attribute, lower case.
    pub use_: String,
}

#[derive(Debug, Default)]
pub struct PhysPage {
    pub dmd: Option<String>,
    pub label: Option<String>,
    /// FILEIDs of its `fptr`s and `area`s, in document order.
    pub files: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Zone {
    /// ALTO file id, first and last block id.
    pub idref: Option<(String, String, String)>,
    /// Image file id and box in that image's pixels.
    pub rect: Option<(String, Rect)>,
    pub line: usize,
}

/// One item of the logical structMap: an article, a masthead, an advertisement…
#[derive(Debug, Default)]
pub struct Item {
    pub dmd: Option<String>,
    pub kind: String,
    pub label: Option<String>,
    pub zones: Vec<Zone>,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Mets {
    pub label: Option<String>,
    pub dmd: HashMap<String, Mods>,
    pub files: HashMap<String, File>,
    pub pages: Vec<PhysPage>,
    /// None without a logical structMap.
    pub items: Option<Vec<Item>>,
    /// The DMDID of the first div of the first structMap that gives one: the issue's MODS.
    pub issue_dmd: Option<String>,
}

const CONTAINERS: [&str; 8] = ["issue", "volume", "section", "page", "newspaper", "supplement", "edition", "np:issue"];

/// Whether a logical div TYPE groups items rather than being one.
fn container(kind: &str) -> bool {
    let k = kind.to_ascii_lowercase();
    let k = k.rsplit(':').next().unwrap_or(&k);
    CONTAINERS.contains(&k)
}

/// The first id of an IDREFS attribute such as DMDID.
fn first_id(el: Node, key: &str) -> Option<String> {
    xml::attr(el, key).map(|d| d.split_whitespace().next().unwrap_or("").to_string())
}

pub fn read(text: &str, file: &str) -> Result<Mets, String> {
    let doc = xml::read(text, file, "mets", "METS")?;
    let root = doc.root_element();
    let maps: Vec<Node> = xml::all(root, "structMap").collect();
    let logical = maps.iter().find(|m| xml::attr(**m, "TYPE").is_some_and(|t| t.eq_ignore_ascii_case("LOGICAL")));
    // The first structMap that is not LOGICAL and has pages is the physical one.
    let pages = maps
        .iter()
        .filter(|m| !xml::attr(**m, "TYPE").is_some_and(|t| t.eq_ignore_ascii_case("LOGICAL")))
        .map(|m| pages(*m))
        .find(|p| !p.is_empty())
        .unwrap_or_default();
    let mets = Mets {
        label: xml::attr(root, "LABEL").map(squash),
        dmd: xml::all(root, "dmdSec").filter_map(|d| Some((xml::attr(d, "ID")?.to_string(), mods(d)))).collect(),
        files: xml::all(root, "file").filter_map(file_entry).collect(),
        pages,
        items: logical.map(|m| items(*m, file)).transpose()?,
        issue_dmd: maps.iter().find_map(|m| xml::all(*m, "div").next().and_then(|d| first_id(d, "DMDID"))),
    };
    Ok(mets)
}

/// The MODS fields of a dmdSec; of each, the first that is not empty.
fn mods(dmd: Node) -> Mods {
    let mut m = Mods::default();
    for el in dmd.descendants().filter(Node::is_element) {
        let inside = |name: &str| el.ancestors().skip(1).any(|a| xml::is(a, name));
        // The type of the `detail` a `number` is in: volume or issue.
        let detail = || {
            el.ancestors()
                .find(|a| xml::is(*a, "detail"))
                .and_then(|d| xml::attr(d, "type"))
                .map(str::to_ascii_lowercase)
        };
        let slot = match xml::name(el) {
            "title" if inside("titleInfo") => &mut m.title,
            "subTitle" => &mut m.subtitle,
            "classification" => &mut m.classification,
            "dateIssued" => &mut m.date,
            "number" if detail().as_deref() == Some("volume") => &mut m.volume,
            "number" if detail().as_deref() == Some("issue") => &mut m.issue,
            "start" => &mut m.page,
            _ => continue,
        };
        let t = squash(&xml::text(el));
        if slot.is_none() && !t.is_empty() {
            *slot = Some(t);
        }
    }
    m
}

/// A fileSec `file`: its id, and its first FLocat address with its USE.
fn file_entry(f: Node) -> Option<(String, File)> {
    let href = f
        .children()
        .filter(|c| xml::is(*c, "FLocat"))
        .filter_map(|l| xml::attr(l, "href"))
        .find(|h| !h.is_empty())
        .unwrap_or_default();
    let use_ = xml::attr(f, "USE").unwrap_or_default().to_ascii_lowercase();
    Some((xml::attr(f, "ID")?.to_string(), File { href: href.to_string(), use_ }))
}

/// The pages of a physical structMap: divs of a page TYPE (`np:page`, `Page`), with the files
/// their `fptr`s and `area`s name.
fn pages(map: Node) -> Vec<PhysPage> {
    let is_page = |d: &Node| {
        xml::is(*d, "div") && xml::attr(*d, "TYPE").unwrap_or_default().to_ascii_lowercase().ends_with("page")
    };
    xml::all(map, "div")
        .filter(is_page)
        .map(|div| PhysPage {
            dmd: first_id(div, "DMDID"),
            label: xml::attr(div, "ORDERLABEL").or(xml::attr(div, "LABEL")).map(squash).filter(|s| !s.is_empty()),
            files: div
                .descendants()
                .filter(|n| xml::is(*n, "fptr") || xml::is(*n, "area"))
                // A page div inside this one keeps its own files.
                .filter(|n| n.ancestors().find(is_page) == Some(div))
                .filter_map(|n| xml::attr(n, "FILEID").map(str::to_string))
                .collect(),
        })
        .collect()
}

/// The items of the logical structMap: the outermost divs that are not containers.
fn items(map: Node, file: &str) -> Result<Vec<Item>, String> {
    let item = |d: &Node| xml::is(*d, "div") && !container(xml::attr(*d, "TYPE").unwrap_or_default());
    xml::all(map, "div")
        .filter(item)
        .filter(|d| !d.ancestors().skip(1).any(|a| item(&a)))
        .map(|div| {
            Ok(Item {
                dmd: first_id(div, "DMDID"),
                kind: xml::attr(div, "TYPE").unwrap_or_default().to_string(),
                label: xml::attr(div, "LABEL").map(squash).filter(|s| !s.is_empty()),
                zones: zones(div, file)?,
                line: xml::line(div),
            })
        })
        .collect()
}

/// An item's zones, from its `area`s in document order: an ALTO block range (BETYPE IDREF,
/// BEGIN..END), a box on a page image (SHAPE RECT or POLY, COORDS), or a range followed by its
/// box.
fn zones(item: Node, file: &str) -> Result<Vec<Zone>, String> {
    let mut zones: Vec<Zone> = Vec::new();
    for area in xml::all(item, "area") {
        let line = xml::line(area);
        let fid = xml::attr(area, "FILEID").unwrap_or_default().to_string();
        let begin = xml::attr(area, "BEGIN");
        if xml::attr(area, "BETYPE").is_some_and(|b| b.eq_ignore_ascii_case("IDREF"))
            || (begin.is_some() && xml::attr(area, "SHAPE").is_none())
        {
            let begin = begin.ok_or_else(|| xml::at(file, area, "<area BETYPE=\"IDREF\"> lacks BEGIN"))?.to_string();
            let end = xml::attr(area, "END").map_or_else(|| begin.clone(), str::to_string);
            zones.push(Zone { idref: Some((fid, begin, end)), rect: None, line });
        } else if let Some(r) = area_box(area, file)? {
            match zones.last_mut() {
                Some(z) if z.rect.is_none() && z.idref.is_some() => z.rect = Some((fid, r)),
                _ => zones.push(Zone { idref: None, rect: Some((fid, r)), line }),
            }
        }
    }
    Ok(zones)
}

/// The box of an `area` with COORDS: a RECT, or the bounds of a POLY. None without COORDS.
fn area_box(area: Node, file: &str) -> Result<Option<Rect>, String> {
    let Some(coords) = xml::attr(area, "COORDS") else {
        return Ok(None);
    };
    let shape = xml::attr(area, "SHAPE").unwrap_or("RECT").to_ascii_uppercase();
    let n = geom::numbers(coords).map_err(|e| xml::at(file, area, format!("<area COORDS>: {e}")))?;
    let r = match (shape.as_str(), &n[..]) {
        ("RECT", [a, b, c, d]) => Rect::corners(*a, *b, *c, *d),
        ("POLY", n) if n.len() >= 6 => geom::bounds(&geom::pairs(n)),
        _ => None,
    };
    r.map(Some).ok_or_else(|| xml::at(file, area, format!("<area SHAPE=\"{shape}\" COORDS=\"{coords}\"> is not a box")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const METS: &str = r#"<?xml version="1.0"?>
<mets xmlns="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink" LABEL="The  Gazette, 1921">
 <dmdSec ID="issue"><mdWrap><xmlData><mods:mods>
  <mods:titleInfo><mods:title>Gazette</mods:title></mods:titleInfo>
  <mods:relatedItem><mods:part>
   <mods:detail type="volume"><mods:number>3</mods:number></mods:detail>
   <mods:detail type="edition"><mods:number>9</mods:number></mods:detail>
   <mods:detail type="issue"><mods:number> </mods:number><mods:number>12</mods:number></mods:detail>
  </mods:part></mods:relatedItem>
  <mods:originInfo><mods:dateIssued>1921-03-04</mods:dateIssued></mods:originInfo>
 </mods:mods></xmlData></mdWrap></dmdSec>
 <dmdSec ID="art"><mdWrap><xmlData><mods:mods>
  <mods:title>not in a titleInfo</mods:title>
  <mods:titleInfo><mods:title>Council</mods:title><mods:subTitle>Bonds</mods:subTitle></mods:titleInfo>
 </mods:mods></xmlData></mdWrap></dmdSec>
 <dmdSec ID="empty"/>
 <fileSec><fileGrp>
  <file ID="img1" USE="Service"><FLocat xlink:href=""/><FLocat xlink:href="p1.jp2"/></file>
  <file ID="ocr1" USE="ocr"><FLocat xlink:href="a1.xml"/></file>
 </fileGrp></fileSec>
 <structMap TYPE="PHYSICAL"><div TYPE="np:issue"/></structMap>
 <structMap><div TYPE="np:issue" DMDID="issue other">
  <div TYPE="np:page" ORDERLABEL=" 1 "><fptr FILEID="img1"/><fptr><area FILEID="ocr1"/></fptr></div>
 </div></structMap>
 <structMap TYPE="logical"><div TYPE="Issue"><div TYPE="Section">
  <div TYPE="Article" DMDID="art" LABEL="x">
   <div TYPE="Paragraph"><fptr><area BETYPE="IDREF" FILEID="ocr1" BEGIN="b1"/></fptr>
    <fptr><area FILEID="img1" SHAPE="RECT" COORDS="10,20,30,40"/></fptr></div>
   <fptr><area FILEID="img1" SHAPE="POLY" COORDS="0,0 8,0 8,9"/></fptr>
  </div>
  <div TYPE="Masthead" DMDID="empty"/>
 </div></div></structMap>
</mets>"#;

    #[test]
    fn the_parts_of_a_mets() {
        let m = read(METS, "m.xml").unwrap();
        assert_eq!(m.label.as_deref(), Some("The Gazette, 1921"));
        // The first DMDID of the first div that has one; the issue's MODS.
        assert_eq!(m.issue_dmd.as_deref(), Some("issue"));
        let issue = &m.dmd["issue"];
        assert_eq!(issue.title.as_deref(), Some("Gazette"));
        assert_eq!((issue.volume.as_deref(), issue.issue.as_deref()), (Some("3"), Some("12")));
        assert_eq!(issue.date.as_deref(), Some("1921-03-04"));
        let art = &m.dmd["art"];
        assert_eq!((art.title.as_deref(), art.subtitle.as_deref()), (Some("Council"), Some("Bonds")));
        assert!(m.dmd.contains_key("empty"), "a dmdSec without MODS fields is still there");
        assert_eq!((m.files["img1"].href.as_str(), m.files["img1"].use_.as_str()), ("p1.jp2", "service"));
        // The first physical map has no pages; the second one counts.
        assert_eq!(m.pages.len(), 1);
        assert_eq!(m.pages[0].label.as_deref(), Some("1"));
        assert_eq!(m.pages[0].files, ["img1", "ocr1"]);
        // Items are the outermost divs that are not containers, with their zones.
        let items = m.items.as_ref().unwrap();
        let kinds: Vec<&str> = items.iter().map(|i| i.kind.as_str()).collect();
        assert_eq!(kinds, ["Article", "Masthead"]);
        let z = &items[0].zones;
        assert_eq!(z.len(), 2);
        assert_eq!(z[0].idref, Some(("ocr1".into(), "b1".into(), "b1".into())));
        assert_eq!(z[0].rect, Some(("img1".into(), Rect { x0: 10.0, y0: 20.0, x1: 30.0, y1: 40.0 })));
        assert_eq!((z[1].idref.is_none(), z[1].rect.as_ref().map(|r| r.1)), (true, Rect::corners(0.0, 0.0, 8.0, 9.0)));
        assert_eq!((items[0].line, z[0].line, z[1].line), (26, 27, 29));
    }

    #[test]
    fn bad_areas_and_documents_are_placed() {
        let bad = METS.replace("COORDS=\"10,20,30,40\"", "COORDS=\"10,20,30\"");
        assert_eq!(
            read(&bad, "m.xml").unwrap_err(),
            "m.xml:28: <area SHAPE=\"RECT\" COORDS=\"10,20,30\"> is not a box"
        );
        let bad = METS.replace("BETYPE=\"IDREF\" FILEID=\"ocr1\" BEGIN=\"b1\"", "BETYPE=\"IDREF\"");
        assert_eq!(read(&bad, "m.xml").unwrap_err(), "m.xml:27: <area BETYPE=\"IDREF\"> lacks BEGIN");
        assert!(read("<alto/>", "m.xml").unwrap_err().contains("expected a METS document (<mets>), found <alto>"));
        assert!(read("<mets/>", "m.xml").unwrap().items.is_none(), "no logical structMap");
    }
}

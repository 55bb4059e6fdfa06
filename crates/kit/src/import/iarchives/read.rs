//! The three kinds of iArchives export file (namespace `http://www.iarchives.com/schema/2002/export`,
//! DTDs `unit.dtd`, `page.dtd`, `article.dtd`) read into plain values. Elements are found by
//! local name; messages are placed by file and line.

use super::super::geom::Rect;
use super::super::{read, squash, xml};
use roxmltree::Node;
use std::path::Path;

/// A `header-item`: `name`, optional `value` and its text (`date`, `15-JUN-1850`).
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub name: String,
    pub value: Option<String>,
    pub text: String,
}

/// The text of the first header of this name, when not empty.
pub fn header<'a>(hs: &'a [Header], name: &str) -> Option<&'a str> {
    hs.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.text.as_str()).filter(|t| !t.is_empty())
}

/// `unit.xml`: the issue, its pages and articles in order (hrefs relative to the unit).
#[derive(Debug)]
pub struct Unit {
    pub title: String,
    pub headers: Vec<Header>,
    pub pages: Vec<String>,
    pub articles: Vec<String>,
}

/// A word node: its readings (the first is the OCR's best), each with its character offset on
/// the page PDF, and its rectangles when the export has them.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub readings: Vec<(String, Option<usize>)>,
    pub rects: Vec<Rect>,
}

impl Word {
    pub fn first(&self) -> &str {
        self.readings.first().map_or("", |(t, _)| t.as_str())
    }
}

/// A page file: its image, headers, the articles that begin on it, and its words.
#[derive(Debug)]
pub struct PageFile {
    pub image_file: String,
    pub headers: Vec<Header>,
    pub articles: Vec<String>,
    pub words: Vec<Word>,
}

/// A zone: a box relative to its clipping's top-left corner, and its words.
#[derive(Debug)]
pub struct Zone {
    pub rect: Rect,
    pub words: Vec<Word>,
}

/// An article element (`headline`, `subheadline`, `byline`, body types such as `article`).
#[derive(Debug)]
pub struct Element {
    pub kind: String,
    pub text: Option<String>,
    pub zones: Vec<Zone>,
}

/// A clipping: a box on the page image, in page pixels.
#[derive(Debug)]
pub struct Clipping {
    pub rect: Rect,
    pub elements: Vec<Element>,
}

/// The part of an article on one page.
#[derive(Debug)]
pub struct ArticlePage {
    pub href: String,
    pub clippings: Vec<Clipping>,
}

/// An article file.
#[derive(Debug)]
pub struct ArticleFile {
    pub classification: Option<String>,
    pub headers: Vec<Header>,
    pub pages: Vec<ArticlePage>,
}

/// Reads a file whose root must be `root`.
fn open(
    path: &Path,
    root: &str,
    what: &str,
    parse: &mut dyn FnMut(Node, &str) -> Result<(), String>,
) -> Result<(), String> {
    let name = path.display().to_string();
    let text = xml::decode(&read(path)?).map_err(|e| format!("{name}: {e}"))?;
    let doc = xml::parse(&text, &name, what)?;
    let top = doc.root_element();
    if xml::name(top) != root {
        return Err(xml::at(&name, top, format!("expected an {what} file (<{root}>), found <{}>", xml::name(top))));
    }
    parse(top, &name)
}

fn children<'a, 'i>(n: Node<'a, 'i>, local: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children().filter(move |c| xml::is(*c, local))
}

fn headers(n: Node) -> Vec<Header> {
    children(n, "header-item")
        .map(|h| Header {
            name: xml::attr(h, "name").unwrap_or_default().to_string(),
            value: xml::attr(h, "value").map(String::from),
            text: squash(&xml::text(h)),
        })
        .collect()
}

fn hrefs(n: Node, container: &str, item: &str) -> Vec<String> {
    children(n, container)
        .flat_map(|c| children(c, item))
        .filter_map(|r| xml::attr(r, "href").map(String::from))
        .collect()
}

fn required<'a>(n: Node<'a, '_>, key: &str, file: &str) -> Result<&'a str, String> {
    xml::attr(n, key).ok_or_else(|| xml::at(file, n, format!("<{}> has no {key} attribute", xml::name(n))))
}

/// `l t r b` as a box; the export writes integers.
fn ltrb(n: Node, file: &str) -> Result<Rect, String> {
    let v = |k: &str| {
        let s = required(n, k, file)?;
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| xml::at(file, n, format!("<{}> {k}={s:?} is not a number", xml::name(n))))
    };
    let (l, t, r, b) = (v("l")?, v("t")?, v("r")?, v("b")?);
    Rect::corners(l, t, r, b).ok_or_else(|| xml::at(file, n, "a box that is not finite"))
}

/// The word nodes of a `<nodes>` element.
fn words(nodes: Option<Node>, file: &str) -> Result<Vec<Word>, String> {
    let Some(nodes) = nodes else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for n in children(nodes, "n") {
        let readings = children(n, "o")
            .map(|o| (squash(&xml::text(o)), xml::attr(o, "p").and_then(|p| p.trim().parse().ok())))
            .collect();
        let rects = children(n, "r").map(|r| ltrb(r, file)).collect::<Result<_, _>>()?;
        out.push(Word { readings, rects });
    }
    Ok(out)
}

pub fn unit(path: &Path) -> Result<Unit, String> {
    let mut out = None;
    open(path, "unit", "iArchives unit", &mut |root, _| {
        out = Some(Unit {
            title: squash(xml::attr(root, "collection-title").unwrap_or_default()),
            headers: headers(root),
            pages: hrefs(root, "pages", "page-ref"),
            articles: hrefs(root, "articles", "article-ref"),
        });
        Ok(())
    })?;
    Ok(out.expect("read"))
}

pub fn page(path: &Path) -> Result<PageFile, String> {
    let mut out = None;
    open(path, "page", "iArchives page", &mut |root, file| {
        out = Some(PageFile {
            image_file: required(root, "image-file", file)?.to_string(),
            headers: headers(root),
            articles: hrefs(root, "articles", "article-ref"),
            words: words(children(root, "nodes").next(), file)?,
        });
        Ok(())
    })?;
    Ok(out.expect("read"))
}

pub fn article(path: &Path) -> Result<ArticleFile, String> {
    let mut out = None;
    open(path, "article", "iArchives article", &mut |root, file| {
        let mut pages = Vec::new();
        for p in children(root, "article-page") {
            let mut clippings = Vec::new();
            for c in children(p, "article-clipping") {
                let mut elements = Vec::new();
                for e in children(c, "article-element") {
                    let zones = children(e, "zone")
                        .map(|z| Ok(Zone { rect: ltrb(z, file)?, words: words(children(z, "nodes").next(), file)? }))
                        .collect::<Result<_, String>>()?;
                    let text = children(e, "text").next().map(|t| squash(&xml::text(t))).filter(|t| !t.is_empty());
                    elements.push(Element { kind: xml::attr(e, "type").unwrap_or_default().to_string(), text, zones });
                }
                clippings.push(Clipping { rect: ltrb(c, file)?, elements });
            }
            pages.push(ArticlePage { href: required(p, "href", file)?.to_string(), clippings });
        }
        out = Some(ArticleFile {
            classification: xml::attr(root, "classification").map(squash).filter(|c| !c.is_empty()),
            headers: headers(root),
            pages,
        });
        Ok(())
    })?;
    Ok(out.expect("read"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_read_with_their_words_and_boxes() {
        let dir = tempfile::tempdir().unwrap();
        let ns = "http://www.iarchives.com/schema/2002/export";
        let a = dir.path().join("a.xml");
        std::fs::write(
            &a,
            format!(
                "<?xml version=\"1.0\"?>\r\n<!DOCTYPE article SYSTEM \"article.dtd\">\r\n<article xmlns=\"{ns}\" unit-href=\"../unit.xml\" classification=\"article\">\
                 <header-item name=\"headline\">A  Story </header-item><article-page href=\"../pages/p.xml\">\
                 <article-clipping image-file=\"pdf/1.pdf\" index=\"0\" l=\"10\" t=\"20\" r=\"110\" b=\"220\">\
                 <article-element type=\"headline\"><text>A Story </text></article-element>\
                 <article-element type=\"article\"><zone l=\"0\" t=\"5\" r=\"100\" b=\"200\"><nodes>\
                 <n i=\"a\"><r l=\"1\" t=\"2\" r=\"3\" b=\"4\"/><o p=\"0\">tbe</o><o p=\"3\">the</o></n><n i=\"b\"><o>end</o></n>\
                 </nodes></zone></article-element></article-clipping></article-page></article>"
            ),
        )
        .unwrap();
        let f = article(&a).unwrap();
        assert_eq!(f.classification.as_deref(), Some("article"));
        assert_eq!(header(&f.headers, "headline"), Some("A Story"));
        let c = &f.pages[0].clippings[0];
        assert_eq!(
            (f.pages[0].href.as_str(), c.rect),
            ("../pages/p.xml", Rect { x0: 10.0, y0: 20.0, x1: 110.0, y1: 220.0 })
        );
        assert_eq!(c.elements[0].text.as_deref(), Some("A Story"));
        let z = &c.elements[1].zones[0];
        assert_eq!(z.words[0].readings, vec![("tbe".to_string(), Some(0)), ("the".to_string(), Some(3))]);
        assert_eq!((z.words[0].first(), z.words[0].rects.len(), z.words[1].first()), ("tbe", 1, "end"));

        std::fs::write(&a, format!("<article xmlns=\"{ns}\">\n<article-page/></article>")).unwrap();
        assert_eq!(article(&a).unwrap_err(), format!("{}:2: <article-page> has no href attribute", a.display()));
        std::fs::write(&a, format!("<page xmlns=\"{ns}\" image-file=\"x.pdf\"><nodes><n><o>x</o><r l=\"a\" t=\"1\" r=\"2\" b=\"3\"/></n></nodes></page>")).unwrap();
        assert!(page(&a).unwrap_err().ends_with(":1: <r> l=\"a\" is not a number"));
        assert!(unit(&a).unwrap_err().ends_with("expected an iArchives unit file (<unit>), found <page>"));
    }
}

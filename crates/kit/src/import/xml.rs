//! The XML layer shared by the METS, ALTO and SVG readers: a document read whole into a tree
//! (roxmltree), elements and attributes found by local name (namespace prefixes ignored), and
//! every message placed by file and line.
//!
//! A tree rather than a stream of events: a reader then asks for what it needs (the dmdSec a
//! div names, the lines of a block) in small functions instead of tracking where it is with
//! flags, and layout analysis can look across the page. An ALTO page of a broadsheet is a few
//! megabytes at most; its tree costs memory of that order and is dropped once read.

use roxmltree::{Document, Node, ParsingOptions};

/// Reads a document into a tree; `what` names the format in messages, `file` the document.
pub fn parse<'a>(text: &'a str, file: &str, what: &str) -> Result<Document<'a>, String> {
    // DTDs are allowed (newspaper exports declare them); their entities are expanded.
    let options = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NoRootNode => format!("{file}: empty document, expected {what}"),
        roxmltree::Error::UnclosedRootNode => {
            let end = 1 + text.bytes().filter(|&b| b == b'\n').count();
            format!("{file}:{end}: malformed XML: the document ends before its root element is closed")
        }
        e => {
            let pos = e.pos();
            let message = e.to_string();
            let message = message.strip_suffix(&format!(" at {pos}")).unwrap_or(&message);
            format!("{file}:{}: malformed XML: {message}", pos.row)
        }
    })
}

/// Reads a document whose root element must be `root` (a local name).
pub fn read<'a>(text: &'a str, file: &str, root: &str, what: &str) -> Result<Document<'a>, String> {
    let doc = parse(text, file, what)?;
    let top = doc.root_element();
    if name(top) != root {
        let a = article(what);
        return Err(at(file, top, format!("expected a{a} {what} document (<{root}>), found <{}>", name(top))));
    }
    Ok(doc)
}

/// "a" or "an" before a format's name.
fn article(what: &str) -> &'static str {
    if what.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "n"
    } else {
        ""
    }
}

/// An element's local name.
pub fn name<'a>(node: Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

/// Whether a node is an element of this local name.
pub fn is(node: Node, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local
}

/// The elements of a local name inside `node` (itself included), in document order.
pub fn all<'a, 'i>(node: Node<'a, 'i>, local: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.descendants().filter(move |n| is(*n, local))
}

/// An attribute by its local name, whatever its namespace.
pub fn attr<'a>(node: Node<'a, '_>, local: &str) -> Option<&'a str> {
    node.attributes().find(|a| a.name() == local).map(|a| a.value())
}

/// A number attribute, written as an integer or a float ("1328.0"); None when absent or not a
/// finite number.
pub fn num(node: Node, local: &str) -> Option<f64> {
    attr(node, local).and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite())
}

/// The text inside an element, nested elements' text included.
pub fn text(node: Node) -> String {
    node.descendants().filter(Node::is_text).filter_map(|t| t.text()).collect()
}

/// The 1-based line where an element starts.
pub fn line(node: Node) -> usize {
    node.document().text_pos_at(node.range().start).row as usize
}

/// A message placed at an element: `FILE:LINE: message`.
pub fn at(file: &str, node: Node, msg: impl std::fmt::Display) -> String {
    format!("{file}:{}: {msg}", line(node))
}

/// Decodes an XML file's bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, or the
/// encoding its declaration names.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = enc.decode(&bytes[bom..]);
        if bad {
            return Err(format!("not valid {}", enc.name()));
        }
        return Ok(text.into_owned());
    }
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let label = head
        .strip_prefix("<?xml")
        .and_then(|d| d.split("?>").next())
        .and_then(|d| d.split("encoding").nth(1))
        .and_then(|d| d.split(['"', '\'']).nth(1));
    let enc = match label {
        Some(l) => encoding_rs::Encoding::for_label(l.trim().as_bytes())
            .ok_or_else(|| format!("unknown encoding {l:?} in the XML declaration"))?,
        None => encoding_rs::UTF_8,
    };
    let (text, _, bad) = enc.decode(bytes);
    if bad {
        return Err(format!("not valid {} text", enc.name()));
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_prefixes_and_references_resolve() {
        let doc = r#"<a:x xmlns:a="u" xmlns:b="v" b:k="1 &amp; 2"><y/>Tom&apos;s <![CDATA[&]]> &#233;t&#xE9;</a:x>"#;
        let doc = read(doc, "t.xml", "x", "X").unwrap();
        let x = doc.root_element();
        assert_eq!((name(x), attr(x, "k"), num(x, "k")), ("x", Some("1 & 2"), None));
        assert_eq!(text(x), "Tom's & été");
        assert_eq!(all(x, "y").count(), 1);
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = read("<a>\n<b>\n</a>", "t.xml", "a", "A").unwrap_err();
        assert_eq!(err, "t.xml:3: malformed XML: expected 'b' tag, not 'a'");
        let err = read("<a>\n<b>x</b>\n", "t.xml", "a", "A").unwrap_err();
        assert_eq!(err, "t.xml:3: malformed XML: the document ends before its root element is closed");
        let err = read("<a>&nbsp;</a>", "t.xml", "a", "A").unwrap_err();
        assert_eq!(err, "t.xml:1: malformed XML: unknown entity reference 'nbsp'");
        assert_eq!(read("", "t.xml", "a", "ALTO").unwrap_err(), "t.xml: empty document, expected ALTO");
        let err = read("<?xml version='1.0'?>\n<alto/>", "t.xml", "mets", "METS").unwrap_err();
        assert_eq!(err, "t.xml:2: expected a METS document (<mets>), found <alto>");
        let err = read("<mets/>", "t.xml", "alto", "ALTO").unwrap_err();
        assert_eq!(err, "t.xml:1: expected an ALTO document (<alto>), found <mets>");
        // A prefix must be declared (namespace well-formedness).
        let err = read("<a>\n<m:t/></a>", "t.xml", "a", "A").unwrap_err();
        assert_eq!(err, "t.xml:2: malformed XML: an unknown namespace prefix 'm'");
        // Declared entities are expanded.
        let doc = read("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", "t.xml", "a", "A").unwrap();
        assert_eq!(text(doc.root_element()), "x");
    }

    #[test]
    fn declared_encodings_decode() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<?xml version=\"1.0\" encoding=\"GBK\"?><t>报</t>");
        assert!(decode(&gbk).unwrap().contains("<t>报</t>"));
        assert!(decode(b"<?xml version='1.0' encoding='klingon'?><t/>").is_err());
        assert_eq!(decode("\u{feff}<t/>".as_bytes()).unwrap(), "<t/>");
    }
}

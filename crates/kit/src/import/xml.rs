//! A thin streaming layer over quick-xml shared by the METS, ALTO and SVG readers: elements by
//! local name (namespace prefixes dropped), attribute values unescaped, text with entity and
//! character references resolved, and every error placed by file and line.

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;

/// One start tag (an empty tag comes as a start and an end).
#[derive(Debug)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the tag in the document.
    pub pos: usize,
}

impl El {
    /// An attribute by its local name, exactly.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// A number attribute, written as an integer or a float ("1328.0"); None when absent or
    /// not a finite number.
    pub fn num(&self, key: &str) -> Option<f64> {
        self.get(key).and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite())
    }
}

#[derive(Debug)]
pub enum Ev {
    Start(El),
    End(String),
    Text(String),
}

/// Reads a document's events one at a time.
pub struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    /// Where the document comes from, for messages.
    pub file: String,
    pending: Option<Ev>,
    /// Open elements, to report a document that ends inside one.
    open: Vec<String>,
}

impl<'a> Xml<'a> {
    pub fn new(text: &'a str, file: impl Into<String>) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        Xml { reader, text, file: file.into(), pending: None, open: Vec::new() }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, pos: usize) -> usize {
        let end = pos.min(self.text.len());
        1 + self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count()
    }

    /// A message placed at a byte offset: `FILE:LINE: message`.
    pub fn at(&self, pos: usize, msg: impl std::fmt::Display) -> String {
        format!("{}:{}: {msg}", self.file, self.line(pos))
    }

    /// The next event, or None at the end of the document. Text and references next to each
    /// other come as one text event.
    pub fn next(&mut self) -> Result<Option<Ev>, String> {
        if let Some(e) = self.pending.take() {
            return Ok(Some(e));
        }
        let mut text: Option<String> = None;
        loop {
            let pos = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = self.reader.error_position() as usize;
                    return Err(self.at(at, format!("malformed XML: {e}")));
                }
            };
            let ev = match event {
                Event::Start(s) => {
                    let mut attrs = Vec::new();
                    for a in s.attributes().with_checks(false) {
                        let a = a.map_err(|e| self.at(pos, format!("malformed XML attribute: {e}")))?;
                        let key = a.key.local_name().as_ref().to_string();
                        let value = a
                            .normalized_value(XmlVersion::Implicit1_0)
                            .map_err(|e| self.at(pos, format!("malformed XML attribute {key}: {e}")))?
                            .into_owned();
                        attrs.push((key, value));
                    }
                    let name = s.local_name().as_ref().to_string();
                    self.open.push(name.clone());
                    Ev::Start(El { name, attrs, pos })
                }
                Event::End(e) => {
                    self.open.pop();
                    Ev::End(e.local_name().as_ref().to_string())
                }
                Event::Text(t) => {
                    text.get_or_insert_with(String::new).push_str(&t.xml10_content());
                    continue;
                }
                Event::CData(t) => {
                    text.get_or_insert_with(String::new).push_str(&t.xml10_content());
                    continue;
                }
                Event::GeneralRef(r) => {
                    let resolved: Cow<str> = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string().into(),
                        Ok(None) => match resolve_xml_entity(&r) {
                            Some(s) => s.into(),
                            None => return Err(self.at(pos, format!("unknown entity &{};", &*r))),
                        },
                        Err(e) => return Err(self.at(pos, format!("bad character reference: {e}"))),
                    };
                    text.get_or_insert_with(String::new).push_str(&resolved);
                    continue;
                }
                Event::Eof => {
                    if let Some(name) = self.open.last() {
                        return Err(
                            self.at(self.text.len(), format!("malformed XML: the document ends inside <{name}>"))
                        );
                    }
                    return Ok(text.map(Ev::Text));
                }
                _ => continue,
            };
            return Ok(Some(match text.take() {
                Some(t) => {
                    self.pending = Some(ev);
                    Ev::Text(t)
                }
                None => ev,
            }));
        }
    }

    /// The text inside the element just started, up to its end tag, with nested elements'
    /// text included.
    pub fn text_of(&mut self) -> Result<String, String> {
        let mut depth = 1usize;
        let mut out = String::new();
        while let Some(ev) = self.next()? {
            match ev {
                Ev::Start(_) => depth += 1,
                Ev::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Ev::Text(t) => out.push_str(&t),
            }
        }
        Ok(out)
    }
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

    fn events(s: &str) -> Result<Vec<String>, String> {
        let mut x = Xml::new(s, "t.xml");
        let mut out = Vec::new();
        while let Some(e) = x.next()? {
            out.push(match e {
                Ev::Start(el) => format!("<{} {:?}>", el.name, el.attrs),
                Ev::End(n) => format!("</{n}>"),
                Ev::Text(t) => t,
            });
        }
        Ok(out)
    }

    #[test]
    fn names_lose_prefixes_and_references_resolve() {
        let e = events(r#"<a:x xmlns:a="u" a:k="1 &amp; 2"><y/>Tom&apos;s &#233;t&#xE9;</a:x>"#).unwrap();
        assert_eq!(
            e,
            vec![
                r#"<x [("a", "u"), ("k", "1 & 2")]>"#.to_string(),
                "<y []>".into(),
                "</y>".into(),
                "Tom's été".into(),
                "</x>".into()
            ]
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = events("<a>\n<b>\n</a>").unwrap_err();
        assert!(err.starts_with("t.xml:3: malformed XML"), "{err}");
        let err = events("<a>\n<b>x</b>\n").unwrap_err();
        assert_eq!(err, "t.xml:3: malformed XML: the document ends inside <a>");
        let err = events("<a>&nbsp;</a>").unwrap_err();
        assert_eq!(err, "t.xml:1: unknown entity &nbsp;");
    }

    #[test]
    fn declared_encodings_decode() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<?xml version=\"1.0\" encoding=\"GBK\"?><t>报</t>");
        assert!(decode(&gbk).unwrap().contains("<t>报</t>"));
        assert!(decode(b"<?xml version='1.0' encoding='klingon'?><t/>").is_err());
        assert_eq!(decode("\u{feff}<t/>".as_bytes()).unwrap(), "<t/>");
    }
}

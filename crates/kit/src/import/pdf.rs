//! Just enough PDF for the page PDFs that archives ship beside a scan: the invisible OCR text
//! layer (each shown string with its box and its character offset on the page, which is what
//! iArchives word offsets and PDF highlight formats count in), and where the scan is drawn. (The
//! page image itself is taken out with hayro-syntax: `pictures::pdf_image`.)
//!
//! Not a general PDF reader, on purpose: objects are found through the classic cross-reference
//! table (or, when it is missing or broken, by scanning for `N G obj` at line starts), streams
//! may be Flate-compressed, and
//! fonts are simple one-byte fonts with `/Widths` or one of the standard Times, Helvetica and
//! Courier metrics. Encrypted files, compressed object streams (PDF 1.5) and composite (Type0)
//! fonts are refused with a message. hayro-syntax (already built for page images) should read the
//! objects here too; issue 21's PDF importer is the place to move this text layer onto it.

use std::collections::HashMap;
use std::io::Read;

/// A PDF value. Streams are kept apart (see [`Pdf::object`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Str(Vec<u8>),
    Name(String),
    Array(Vec<Obj>),
    Dict(HashMap<String, Obj>),
    Ref(u32),
    /// A bare keyword: an operator in a content stream, `stream` or `endobj` in a file.
    Op(String),
}

impl Obj {
    pub fn num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) => Some(*n),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn dict(&self) -> Option<&HashMap<String, Obj>> {
        match self {
            Obj::Dict(d) => Some(d),
            _ => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Obj> {
        self.dict().and_then(|d| d.get(key))
    }
}

/// Bytes that end a token.
fn is_delimiter(b: u8) -> bool {
    b"()<>[]{}/%".contains(&b) || is_space(b)
}

fn is_space(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

/// A reader of PDF tokens and values over bytes.
struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn new(b: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { b, pos: pos.min(b.len()) }
    }

    fn skip_space(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if is_space(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.b.get(self.pos).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.b.get(self.pos).is_some_and(|&c| !is_delimiter(c)) {
            self.pos += 1;
        }
        &self.b[start..self.pos]
    }

    /// The next value, or None at the end. `refs`: read `N G R` as a reference (files, not
    /// content streams). Nesting is limited so that hostile input cannot exhaust the stack.
    fn value(&mut self, refs: bool, depth: usize) -> Result<Option<Obj>, String> {
        if depth > 64 {
            return Err("objects nested too deeply".into());
        }
        self.skip_space();
        let Some(&c) = self.b.get(self.pos) else {
            return Ok(None);
        };
        let v = match c {
            b'/' => {
                self.pos += 1;
                Obj::Name(name(self.word()))
            }
            b'(' => Obj::Str(self.literal()?),
            b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.dictionary(refs, depth)?
            }
            b'<' => Obj::Str(self.hex()?),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.b.get(self.pos) {
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        None => return Err("an array is not closed".into()),
                        _ => items.push(self.value(refs, depth + 1)?.ok_or("an array is not closed")?),
                    }
                }
                Obj::Array(items)
            }
            b']' | b'>' | b')' | b'{' | b'}' => {
                self.pos += 1;
                Obj::Op((c as char).to_string())
            }
            _ => {
                let w = self.word();
                if w.is_empty() {
                    self.pos += 1;
                    return Err(format!("unexpected byte 0x{c:02x}"));
                }
                self.keyword_or_number(w, refs)
            }
        };
        Ok(Some(v))
    }

    fn keyword_or_number(&mut self, w: &[u8], refs: bool) -> Obj {
        let s = String::from_utf8_lossy(w);
        let Ok(n) = s.parse::<f64>() else {
            return match &*s {
                "true" => Obj::Bool(true),
                "false" => Obj::Bool(false),
                "null" => Obj::Null,
                _ => Obj::Op(s.into_owned()),
            };
        };
        if refs && n >= 0.0 && n.fract() == 0.0 && !w.contains(&b'.') {
            // `N G R`: look ahead, and step back when it is not a reference.
            let back = self.pos;
            self.skip_space();
            let g = self.word();
            if !g.is_empty() && g.iter().all(u8::is_ascii_digit) {
                self.skip_space();
                if self.word() == b"R" {
                    return Obj::Ref(n as u32);
                }
            }
            self.pos = back;
        }
        Obj::Num(n)
    }

    fn dictionary(&mut self, refs: bool, depth: usize) -> Result<Obj, String> {
        let mut d = HashMap::new();
        loop {
            self.skip_space();
            match self.b.get(self.pos..self.pos + 2) {
                Some(b">>") => {
                    self.pos += 2;
                    return Ok(Obj::Dict(d));
                }
                None => return Err("a dictionary is not closed".into()),
                _ => {}
            }
            match self.value(refs, depth + 1)? {
                Some(Obj::Name(k)) => {
                    let v = self.value(refs, depth + 1)?.ok_or("a dictionary is not closed")?;
                    d.insert(k, v);
                }
                Some(other) => return Err(format!("a dictionary key is not a name: {other:?}")),
                None => return Err("a dictionary is not closed".into()),
            }
        }
    }

    /// A `(literal string)` with its escapes and balanced parentheses.
    fn literal(&mut self) -> Result<Vec<u8>, String> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut open = 1;
        while let Some(&c) = self.b.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => open += 1,
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Ok(out);
                    }
                }
                b'\\' => {
                    let Some(&e) = self.b.get(self.pos) else { break };
                    self.pos += 1;
                    let byte = match e {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 8,
                        b'f' => 12,
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.b.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            v as u8
                        }
                        b'\r' | b'\n' => {
                            // A line continuation.
                            if e == b'\r' && self.b.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                            continue;
                        }
                        other => other,
                    };
                    out.push(byte);
                    continue;
                }
                _ => {}
            }
            out.push(c);
        }
        Err("a string is not closed".into())
    }

    fn hex(&mut self) -> Result<Vec<u8>, String> {
        self.pos += 1;
        let mut digits = Vec::new();
        while let Some(&c) = self.b.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                return Ok(digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect());
            }
            if let Some(v) = (c as char).to_digit(16) {
                digits.push(v as u8);
            } else if !is_space(c) {
                return Err(format!("{:?} in a hex string", c as char));
            }
        }
        Err("a hex string is not closed".into())
    }
}

/// A name with its `#xx` escapes decoded.
fn name(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 2 < raw.len() {
            if let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(&raw[i + 1..i + 3]), 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The most a stream may inflate to: far above any page's content, far below a bomb.
const MAX_INFLATED: u64 = 256 << 20;

/// A PDF file's objects, found by scanning.
pub struct Pdf<'a> {
    data: &'a [u8],
    offsets: HashMap<u32, usize>,
}

/// A page: its dictionary with what it inherits from the page tree.
#[derive(Debug)]
pub struct Page {
    pub dict: Obj,
    pub resources: Obj,
    /// `x0, y0, x1, y1` in PDF units.
    pub media: [f64; 4],
}

/// An image on a page: its pixel size and stored bytes.
#[derive(Debug)]
pub struct Image<'a> {
    pub name: String,
    pub width: u32,
    pub height: u32,
    /// The stream's filters, in order (`DCTDecode` for a JPEG).
    pub filters: Vec<String>,
    pub data: &'a [u8],
}

impl<'a> Pdf<'a> {
    /// Indexes a PDF's objects. Refuses what this reader cannot read, saying why.
    pub fn parse(data: &'a [u8]) -> Result<Pdf<'a>, String> {
        if !data.starts_with(b"%PDF-") {
            return Err("not a PDF (no %PDF- header)".into());
        }
        let offsets = xref(data).filter(|o| !o.is_empty()).unwrap_or_else(|| scan(data));
        if offsets.is_empty() {
            return Err("no objects found in the PDF".into());
        }
        let pdf = Pdf { data, offsets };
        if find(data, b"/Encrypt").is_some() && pdf.trailer().is_some_and(|t| t.get("Encrypt").is_some()) {
            return Err("the PDF is encrypted".into());
        }
        Ok(pdf)
    }

    /// Object `n`: its value and, for a stream, its raw (still encoded) bytes.
    pub fn object(&self, n: u32) -> Result<(Obj, Option<&'a [u8]>), String> {
        let (v, after) = self.value_of(n)?;
        let mut lx = Lexer::new(self.data, after);
        lx.skip_space();
        if lx.word() != b"stream" {
            return Ok((v, None));
        }
        // The data starts after the end of line that follows `stream`.
        let mut s = lx.pos;
        if self.data.get(s) == Some(&b'\r') {
            s += 1;
        }
        if self.data.get(s) == Some(&b'\n') {
            s += 1;
        }
        let rest = self.data.get(s..).unwrap_or_default();
        // A Length held in another object is read as a plain value: never a stream again.
        let declared = match v.get("Length") {
            Some(Obj::Ref(r)) => self.value_of(*r).ok().and_then(|(o, _)| o.num()),
            Some(o) => o.num(),
            None => None,
        };
        let ends = |len: usize| {
            let tail = rest.get(len..).unwrap_or_default();
            let k = tail.iter().take_while(|&&c| is_space(c)).count();
            tail[k..].starts_with(b"endstream")
        };
        let len = match declared {
            Some(l) if l >= 0.0 && l <= rest.len() as f64 && ends(l as usize) => l as usize,
            // A wrong or missing Length: the data runs to `endstream`.
            _ => {
                let k = find(rest, b"endstream").ok_or(format!("object {n}: the stream has no end"))?;
                let body = &rest[..k];
                body.len() - body.iter().rev().take_while(|&&c| c == b'\n' || c == b'\r').count()
            }
        };
        Ok((v, Some(&rest[..len])))
    }

    /// Object `n`'s value, and where the file goes on after it.
    fn value_of(&self, n: u32) -> Result<(Obj, usize), String> {
        let &start = self.offsets.get(&n).ok_or_else(|| {
            if find(self.data, b"/ObjStm").is_some() {
                format!("object {n} is not found: it is in a compressed object stream, which is not read")
            } else {
                format!("object {n} is not found")
            }
        })?;
        let mut lx = Lexer::new(self.data, start);
        let v = lx.value(true, 0).map_err(|e| format!("object {n}: {e}"))?.ok_or(format!("object {n} is empty"))?;
        Ok((v, lx.pos))
    }

    /// A value with references followed (a few levels, against loops).
    pub fn resolve(&self, o: &Obj) -> Result<Obj, String> {
        let mut o = o.clone();
        for _ in 0..16 {
            match o {
                Obj::Ref(n) => o = self.object(n)?.0,
                other => return Ok(other),
            }
        }
        Err("references loop".into())
    }

    fn get(&self, o: &Obj, key: &str) -> Result<Option<Obj>, String> {
        o.get(key).map(|v| self.resolve(v)).transpose()
    }

    fn trailer(&self) -> Option<Obj> {
        let k = rfind(self.data, b"trailer")?;
        Lexer::new(self.data, k + 7).value(true, 0).ok().flatten()
    }

    /// The document catalog: the trailer's /Root, else an object of /Type /Catalog.
    fn catalog(&self) -> Result<Obj, String> {
        if let Some(root) = self.trailer().and_then(|t| t.get("Root").cloned()) {
            return self.resolve(&root);
        }
        let mut numbers: Vec<u32> = self.offsets.keys().copied().collect();
        numbers.sort_unstable();
        for n in numbers {
            if let Ok((o, _)) = self.object(n) {
                if o.get("Type").and_then(Obj::name) == Some("Catalog") {
                    return Ok(o);
                }
            }
        }
        Err("the PDF has no catalog".into())
    }

    /// The pages in order, with inherited resources and media box.
    pub fn pages(&self) -> Result<Vec<Page>, String> {
        let root = self.get(&self.catalog()?, "Pages")?.ok_or("the PDF catalog has no /Pages")?;
        let mut out = Vec::new();
        let mut budget = 100_000;
        self.walk(root, &Obj::Null, [0.0, 0.0, 612.0, 792.0], (0, &mut budget), &mut out)?;
        Ok(out)
    }

    /// Collects the pages under `node`. `at`: the depth, and how many more nodes may be visited
    /// (a tree whose kids name their parents would otherwise never end).
    fn walk(
        &self,
        node: Obj,
        res: &Obj,
        media: [f64; 4],
        at: (usize, &mut usize),
        out: &mut Vec<Page>,
    ) -> Result<(), String> {
        let (depth, budget) = at;
        if depth > 32 || *budget == 0 {
            return Err("the page tree is too deep or loops".into());
        }
        *budget -= 1;
        let resources = self.get(&node, "Resources")?.unwrap_or_else(|| res.clone());
        let media = match self.get(&node, "MediaBox")? {
            Some(Obj::Array(a)) if a.len() == 4 => {
                let n: Vec<f64> = a.iter().filter_map(|v| self.resolve(v).ok()?.num()).collect();
                if n.len() == 4 {
                    [n[0].min(n[2]), n[1].min(n[3]), n[0].max(n[2]), n[1].max(n[3])]
                } else {
                    media
                }
            }
            _ => media,
        };
        match self.get(&node, "Kids")? {
            Some(Obj::Array(kids)) => {
                for k in kids {
                    self.walk(self.resolve(&k)?, &resources, media, (depth + 1, &mut *budget), out)?;
                }
            }
            _ => out.push(Page { dict: node, resources, media }),
        }
        Ok(())
    }

    /// A page's content: its content streams decoded and joined.
    pub fn content(&self, page: &Page) -> Result<Vec<u8>, String> {
        let refs = match page.dict.get("Contents") {
            Some(Obj::Array(a)) => a.clone(),
            Some(o) => vec![o.clone()],
            None => Vec::new(),
        };
        let mut out = Vec::new();
        for r in refs {
            let Obj::Ref(n) = r else { continue };
            let (dict, data) = self.object(n)?;
            let data = data.ok_or(format!("object {n}: the page content is not a stream"))?;
            out.extend(decode(&dict, data).map_err(|e| format!("object {n}: {e}"))?);
            out.push(b'\n');
        }
        Ok(out)
    }

    /// The images a page's resources name, with their raw stream bytes.
    pub fn images(&self, page: &Page) -> Result<Vec<Image<'a>>, String> {
        let Some(x) = self.get(&page.resources, "XObject")? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut names: Vec<(&String, &Obj)> = x.dict().map(|d| d.iter().collect()).unwrap_or_default();
        names.sort_by(|a, b| a.0.cmp(b.0));
        for (name, r) in names {
            let Obj::Ref(n) = r else { continue };
            let (d, data) = self.object(*n)?;
            if d.get("Subtype").and_then(Obj::name) != Some("Image") {
                continue;
            }
            let Some(data) = data else { continue };
            let filters = match self.get(&d, "Filter")? {
                Some(Obj::Name(f)) => vec![f],
                Some(Obj::Array(a)) => a.iter().filter_map(|f| f.name().map(String::from)).collect(),
                _ => Vec::new(),
            };
            let dim = |k| self.get(&d, k).ok().flatten().and_then(|v| v.num()).unwrap_or(0.0) as u32;
            out.push(Image { name: name.clone(), width: dim("Width"), height: dim("Height"), filters, data });
        }
        Ok(out)
    }
}

/// The first index of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The objects' offsets from the cross-reference tables (the newest first, then each /Prev),
/// each checked to point at its object. None when there is no classic table to read (a
/// cross-reference stream, or a damaged file).
fn xref(data: &[u8]) -> Option<HashMap<u32, usize>> {
    let k = rfind(data, b"startxref")?;
    let mut lx = Lexer::new(data, k + 9);
    let mut at = lx.value(false, 0).ok()??.num()? as usize;
    let mut offsets = HashMap::new();
    for _ in 0..64 {
        let mut lx = Lexer::new(data, at);
        lx.skip_space();
        if lx.word() != b"xref" {
            return None;
        }
        loop {
            match lx.value(true, 0).ok()?? {
                Obj::Op(t) if t == "trailer" => break,
                Obj::Num(first) => {
                    let count = lx.value(false, 0).ok()??.num()?;
                    for i in 0..count as u32 {
                        let off = lx.value(false, 0).ok()??.num()? as usize;
                        lx.value(false, 0).ok()??;
                        let Obj::Op(kind) = lx.value(false, 0).ok()?? else { return None };
                        let n = (first as u32).checked_add(i)?;
                        if kind == "n" && !offsets.contains_key(&n) {
                            let start = data.get(off..).and_then(|d| find(&d[..d.len().min(40)], b"obj"))?;
                            if object_header(data, off + start).map(|(m, _)| m) != Some(n) {
                                return None;
                            }
                            offsets.insert(n, off + start + 3);
                        }
                    }
                }
                _ => return None,
            }
        }
        match lx.value(true, 0).ok()??.get("Prev").and_then(Obj::num) {
            Some(prev) => at = prev as usize,
            None => return Some(offsets),
        }
    }
    None
}

/// The objects' offsets found by scanning for `N G obj` at line starts, for files whose
/// cross-reference table is missing or broken. A later definition (an incremental update)
/// replaces an earlier one.
fn scan(data: &[u8]) -> HashMap<u32, usize> {
    let mut offsets = HashMap::new();
    let mut at = 0;
    while let Some(k) = find(&data[at..], b"obj") {
        let i = at + k;
        at = i + 3;
        if data.get(i + 3).is_some_and(|&c| !is_delimiter(c)) {
            continue;
        }
        if let Some((n, start)) = object_header(data, i) {
            offsets.insert(n, start);
        }
    }
    offsets
}

/// `N G obj` ending at `i` (where `obj` starts), at the start of a line: the object number and
/// where its value starts.
fn object_header(data: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let back_digits = |j: &mut usize| {
        let end = *j;
        while *j > 0 && data[*j - 1].is_ascii_digit() {
            *j -= 1;
        }
        (*j < end).then(|| std::str::from_utf8(&data[*j..end]).ok()?.parse::<u32>().ok()).flatten()
    };
    let spaces = |j: &mut usize| {
        let end = *j;
        while *j > 0 && (data[*j - 1] == b' ' || data[*j - 1] == b'\t') {
            *j -= 1;
        }
        *j < end
    };
    if !spaces(&mut j) {
        return None;
    }
    back_digits(&mut j)?;
    if !spaces(&mut j) {
        return None;
    }
    let n = back_digits(&mut j)?;
    (j == 0 || data[j - 1] == b'\n' || data[j - 1] == b'\r').then_some((n, i + 3))
}

/// A stream's bytes decoded through its filters (Flate only; none is fine).
fn decode(dict: &Obj, data: &[u8]) -> Result<Vec<u8>, String> {
    let filters: Vec<&str> = match dict.get("Filter") {
        Some(Obj::Name(f)) => vec![f.as_str()],
        Some(Obj::Array(a)) => a.iter().filter_map(Obj::name).collect(),
        _ => Vec::new(),
    };
    let mut out = data.to_vec();
    for f in filters {
        match f {
            "FlateDecode" | "Fl" => {
                let mut inflated = Vec::new();
                flate2::read::ZlibDecoder::new(&out[..])
                    .take(MAX_INFLATED)
                    .read_to_end(&mut inflated)
                    .map_err(|e| format!("cannot inflate the stream: {e}"))?;
                out = inflated;
            }
            other => return Err(format!("the stream filter {other} is not supported")),
        }
    }
    Ok(out)
}

/// One shown string of a page's text: where it starts in the page's text (characters counted
/// over every string shown, in content order), its bytes as Latin-1 text, and its box in PDF
/// units (`x0, y0, x1, y1`, y up).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub offset: usize,
    pub text: String,
    pub rect: [f64; 4],
}

/// A page's text runs, and where its largest image is drawn (PDF units): the scan the text lies on.
#[derive(Debug, Default)]
pub struct PageText {
    pub runs: Vec<Run>,
    pub media: [f64; 4],
    pub image: Option<[f64; 4]>,
}

/// A 2-D affine matrix `a b c d e f`, as PDF writes it (row vectors: p' = p × M).
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// The bounding box of a rectangle `x0..x1, y0..y1` carried through `m`.
fn carry(m: &Matrix, x0: f64, y0: f64, x1: f64, y1: f64) -> [f64; 4] {
    let pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x1, y1), apply(m, x0, y1)];
    let (mut r0, mut s0, mut r1, mut s1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in pts {
        r0 = r0.min(x);
        s0 = s0.min(y);
        r1 = r1.max(x);
        s1 = s1.max(y);
    }
    [r0, s0, r1, s1]
}

/// Glyph widths (1/1000 of the size) for codes 32..=126 under WinAnsiEncoding.
#[rustfmt::skip]
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
    722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
    278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
#[rustfmt::skip]
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// What the text layer needs of a font: glyph widths and the glyph box's extent.
#[derive(Clone, Debug)]
struct Font {
    first: u32,
    widths: Vec<f64>,
    /// Width of codes outside the table (1/1000 of the size).
    missing: f64,
    /// Ascent and descent, 1/1000 of the size (descent negative).
    ascent: f64,
    descent: f64,
}

impl Font {
    fn width(&self, code: u8) -> f64 {
        let i = (code as u32).wrapping_sub(self.first) as usize;
        self.widths.get(i).copied().filter(|w| *w > 0.0).unwrap_or(self.missing)
    }

    /// The metrics of a standard font by its base name (Times-Roman, Helvetica-Bold, Courier…).
    fn standard(base: &str) -> Font {
        let b = base.to_ascii_lowercase();
        let (table, missing, ascent, descent) = if b.contains("courier") {
            (None, 600.0, 629.0, -157.0)
        } else if b.contains("helvetica") || b.contains("arial") {
            (Some(&HELVETICA), 556.0, 718.0, -207.0)
        } else {
            (Some(&TIMES), 500.0, 683.0, -217.0)
        };
        let widths = table.map(|t| t.iter().map(|&w| f64::from(w)).collect()).unwrap_or_default();
        Font { first: 32, widths, missing, ascent, descent }
    }
}

impl Pdf<'_> {
    /// The font a page's resources give `name`: its /Widths, else standard metrics.
    fn font(&self, resources: &Obj, name: &str) -> Result<Font, String> {
        let fonts = self.get(resources, "Font")?.unwrap_or(Obj::Null);
        let f = self.get(&fonts, name)?.ok_or_else(|| format!("the font {name} is not in the page resources"))?;
        if f.get("Subtype").and_then(Obj::name) == Some("Type0") {
            return Err(format!("the font {name} is a composite (Type0) font, whose text is not read"));
        }
        let base = self.get(&f, "BaseFont")?.and_then(|b| b.name().map(String::from)).unwrap_or_default();
        let mut font = Font::standard(&base);
        if let Some(Obj::Array(w)) = self.get(&f, "Widths")? {
            font.first = self.get(&f, "FirstChar")?.and_then(|v| v.num()).unwrap_or(0.0) as u32;
            font.widths = w.iter().map(|v| self.resolve(v).ok().and_then(|v| v.num()).unwrap_or(0.0)).collect();
        }
        if let Some(d) = self.get(&f, "FontDescriptor")? {
            let m = |k| self.get(&d, k).ok().flatten().and_then(|v| v.num());
            if let (Some(a), Some(dsc)) = (m("Ascent"), m("Descent")) {
                if a > 0.0 && dsc <= 0.0 {
                    (font.ascent, font.descent) = (a, dsc);
                }
            }
            if let Some(mw) = m("MissingWidth").filter(|w| *w > 0.0) {
                font.missing = mw;
            }
        }
        Ok(font)
    }

    /// The text a page shows, run by run, and where its largest image is drawn.
    pub fn text(&self, page: &Page) -> Result<PageText, String> {
        let content = self.content(page)?;
        let mut st = TextState::new(self, &page.resources);
        let mut lx = Lexer::new(&content, 0);
        let mut operands: Vec<Obj> = Vec::new();
        while let Some(v) = lx.value(false, 0)? {
            match v {
                Obj::Op(op) => {
                    if op == "BI" {
                        skip_inline_image(&mut lx);
                    } else {
                        st.run(&op, &operands)?;
                    }
                    operands.clear();
                }
                other => operands.push(other),
            }
        }
        Ok(PageText { runs: st.runs, media: page.media, image: st.image.map(|(r, _)| r) })
    }
}

/// Skips an inline image's data (`BI … ID data EI`), which is binary.
fn skip_inline_image(lx: &mut Lexer) {
    if let Some(k) = find(&lx.b[lx.pos..], b"ID") {
        lx.pos += k + 3;
        while lx.pos < lx.b.len() {
            let rest = &lx.b[lx.pos..];
            if rest.starts_with(b"EI") && lx.b.get(lx.pos - 1).is_some_and(|&c| is_space(c)) {
                lx.pos += 2;
                return;
            }
            lx.pos += 1;
        }
    }
    lx.pos = lx.b.len();
}

/// The graphics and text state while a content stream is read.
struct TextState<'p, 'a> {
    pdf: &'p Pdf<'a>,
    resources: &'p Obj,
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    fonts: HashMap<String, Font>,
    font: Option<Font>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    offset: usize,
    runs: Vec<Run>,
    /// The largest image drawn so far, with its area.
    image: Option<([f64; 4], f64)>,
}

impl<'p, 'a> TextState<'p, 'a> {
    fn new(pdf: &'p Pdf<'a>, resources: &'p Obj) -> Self {
        TextState {
            pdf,
            resources,
            ctm: IDENTITY,
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            fonts: HashMap::new(),
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            offset: 0,
            runs: Vec::new(),
            image: None,
        }
    }

    /// One operator with its operands.
    fn run(&mut self, op: &str, args: &[Obj]) -> Result<(), String> {
        let n = |i: usize| args.get(i).and_then(Obj::num).unwrap_or(0.0);
        let six = || [n(0), n(1), n(2), n(3), n(4), n(5)];
        match op {
            "q" => self.saved.push(self.ctm),
            "Q" => self.ctm = self.saved.pop().unwrap_or(IDENTITY),
            "cm" if args.len() == 6 => self.ctm = mul(&six(), &self.ctm),
            "BT" => (self.tm, self.tlm) = (IDENTITY, IDENTITY),
            "Tm" if args.len() == 6 => (self.tm, self.tlm) = (six(), six()),
            "Td" => self.next_line(n(0), n(1)),
            "TD" => {
                self.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            "T*" => self.next_line(0.0, -self.leading),
            "TL" => self.leading = n(0),
            "Tc" => self.char_space = n(0),
            "Tw" => self.word_space = n(0),
            "Tz" => self.scale = n(0) / 100.0,
            "Tf" => {
                self.size = n(1);
                if let Some(name) = args.first().and_then(Obj::name) {
                    if !self.fonts.contains_key(name) {
                        let f = self.pdf.font(self.resources, name)?;
                        self.fonts.insert(name.to_string(), f);
                    }
                    self.font = self.fonts.get(name).cloned();
                }
            }
            "Tj" => self.show_arg(args.first()),
            "'" => {
                self.next_line(0.0, -self.leading);
                self.show_arg(args.first());
            }
            "\"" => {
                (self.word_space, self.char_space) = (n(0), n(1));
                self.next_line(0.0, -self.leading);
                self.show_arg(args.get(2));
            }
            "TJ" => {
                for item in args.first().into_iter().flat_map(|a| match a {
                    Obj::Array(items) => items.as_slice(),
                    _ => &[],
                }) {
                    match item {
                        Obj::Str(s) => self.show(s),
                        Obj::Num(k) => self.advance(-k / 1000.0 * self.size * self.scale),
                        _ => {}
                    }
                }
            }
            "Do" => self.draw(args.first().and_then(Obj::name))?,
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn advance(&mut self, tx: f64) {
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
    }

    fn show_arg(&mut self, arg: Option<&Obj>) {
        if let Some(Obj::Str(s)) = arg {
            self.show(&s.clone());
        }
    }

    /// Shows a string: records its run and moves the text position past it.
    fn show(&mut self, s: &[u8]) {
        let font = self.font.clone().unwrap_or_else(|| Font::standard("Times-Roman"));
        let width: f64 = s
            .iter()
            .map(|&c| {
                let space = if c == b' ' { self.word_space } else { 0.0 };
                (font.width(c) / 1000.0 * self.size + self.char_space + space) * self.scale
            })
            .sum();
        let m = mul(&self.tm, &self.ctm);
        let (lo, hi) = (font.descent / 1000.0 * self.size, font.ascent / 1000.0 * self.size);
        let rect = carry(&m, 0.0, lo, width, hi);
        let text = s.iter().map(|&c| c as char).collect();
        self.runs.push(Run { offset: self.offset, text, rect });
        self.offset += s.len();
        self.advance(width);
    }

    /// `Do`: an image drawn fills the unit square carried through the CTM.
    fn draw(&mut self, name: Option<&str>) -> Result<(), String> {
        let Some(name) = name else { return Ok(()) };
        let Some(x) = self.pdf.get(self.resources, "XObject")? else { return Ok(()) };
        let Some(Obj::Ref(r)) = x.get(name) else { return Ok(()) };
        let (d, _) = self.pdf.object(*r)?;
        if d.get("Subtype").and_then(Obj::name) == Some("Image") {
            let rect = carry(&self.ctm, 0.0, 0.0, 1.0, 1.0);
            let area = (rect[2] - rect[0]) * (rect[3] - rect[1]);
            if self.image.is_none_or(|(_, a)| area > a) {
                self.image = Some((rect, area));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A PDF file of these objects (numbered from 1), with a correct xref and trailer; a
    /// `stream` object is given as (dict, data).
    pub fn write(objects: &[(&str, Option<&[u8]>)]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, (dict, data)) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{dict}\n", i + 1).as_bytes());
            if let Some(d) = data {
                out.extend(b"stream\n");
                out.extend(*d);
                out.extend(b"\nendstream\n");
            }
            out.extend(b"endobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
        );
        out
    }

    fn deflate(b: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    /// PDF-ish bytes: pieces of real syntax in any order, so that the reader gets past the header.
    fn pdfish() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just(b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj".to_vec()),
            Just(b"\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 2 0 R] /MediaBox [0 0 0 0] >>\nendobj".to_vec()),
            Just(b"\n2 0 obj\n<< /Type /Pages /Kids [2 0 R 2 0 R 2 0 R] >>\nendobj".to_vec()),
            Just(b"\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents [4 0 R] /Resources << /Font << /F1 5 0 R >> /XObject << /i 4 0 R >> >> >>\nendobj".to_vec()),
            Just(b"\n4 0 obj\n<< /Length 4 0 R /Subtype /Image /Filter /DCTDecode >>\nstream\n".to_vec()),
            Just(b"\n4 0 obj\n<< /Length 99999999999999999999 /Filter /FlateDecode >>\nstream\r\n".to_vec()),
            Just(b"BT /F1 1e308 Tf 1 0 0 1 NaN 5 Tm (a\\(b) Tj [(x) -1e309 (y)] TJ ' \" T* ET q 0 0 0 0 0 0 cm /i Do Q BI /W 1 ID \xFF EI".to_vec()),
            Just(b"\nendstream\nendobj".to_vec()),
            Just(b"\n5 0 obj\n<< /Subtype /Type1 /Widths [1 2] /FirstChar 4294967295 /FontDescriptor << /Ascent 9 /Descent 1 >> >>\nendobj".to_vec()),
            Just(b"\nxref\n0 4294967295\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Root 1 0 R /Prev 99999999 >>\nstartxref\n".to_vec()),
            Just(b"startxref\n18446744073709551615\n%%EOF".to_vec()),
            Just(b"<< /A [ [ [ << /B <4 1 z> >> ".to_vec()),
            Just(b"(unclosed \\".to_vec()),
            Just(b"\xFF\xD8\xFF\xD9".to_vec()),
            prop::collection::vec(any::<u8>(), 0..16),
        ];
        prop::collection::vec(piece, 0..16).prop_map(|v| [b"%PDF-1.4".to_vec(), v.concat()].concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn hostile_pdfs_give_errors_not_panics(bytes in pdfish()) {
            if let Ok(pdf) = Pdf::parse(&bytes) {
                for page in pdf.pages().unwrap_or_default().iter().take(4) {
                    let _ = pdf.images(page);
                    let _ = pdf.text(page);
                }
            }
        }
    }

    #[test]
    fn values_parse() {
        let mut lx = Lexer::new(b"<< /A [1 -2.5 (x\\(y\\)\\101) <4142>] /B#20C 3 0 R /D true %c\n /E null >>", 0);
        let v = lx.value(true, 0).unwrap().unwrap();
        let d = v.dict().unwrap();
        assert_eq!(
            d["A"],
            Obj::Array(vec![Obj::Num(1.0), Obj::Num(-2.5), Obj::Str(b"x(y)A".to_vec()), Obj::Str(b"AB".to_vec())])
        );
        assert_eq!((&d["B C"], &d["D"], &d["E"]), (&Obj::Ref(3), &Obj::Bool(true), &Obj::Null));
        // Without references, `3 0 R` is two numbers and an operator.
        let mut lx = Lexer::new(b"3 0 R", 0);
        assert_eq!(lx.value(false, 0).unwrap(), Some(Obj::Num(3.0)));
        assert!(Lexer::new(b"[1 2", 0).value(true, 0).is_err());
        assert!(Lexer::new(b"(open", 0).value(true, 0).is_err());
        let deep = "[".repeat(100);
        assert!(Lexer::new(deep.as_bytes(), 0).value(true, 0).is_err());
    }

    /// A one-page PDF: a 200x100 pt page with an image drawn over it at 2 px per pt (a 400x200
    /// JPEG that is not a real one) and text in Times-Roman under it.
    pub fn page_pdf(jpeg: &[u8], content: &[u8]) -> Vec<u8> {
        let img_dict = format!(
            "<< /Type /XObject /Subtype /Image /Width 400 /Height 200 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode /Length {} >>",
            jpeg.len()
        );
        let z = deflate(content);
        let content_dict = "<< /Length 7 0 R /Filter /FlateDecode >>";
        write(&[
            ("<< /Type /Catalog /Pages 2 0 R >>", None),
            ("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 100] /Resources << /Font << /F1 4 0 R >> /XObject << /img0 5 0 R >> >> >>", None),
            ("<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>", None),
            ("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>", None),
            (&img_dict, Some(jpeg)),
            (content_dict, Some(&z)),
            (&z.len().to_string(), None),
        ])
    }

    #[test]
    fn text_runs_have_offsets_and_boxes() {
        let content = b"BT 1 0 0 1 10 50 Tm /F1 20 Tf (Hi)Tj 1 0 0 1 10 20 Tm [(a) -1000 (b)] TJ ET\n\
                        q 200 0 0 100 0 0 cm /img0 Do Q";
        let pdf_bytes = page_pdf(b"\xFF\xD8\xFF\xD9", content);
        let pdf = Pdf::parse(&pdf_bytes).unwrap();
        let pages = pdf.pages().unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].media, [0.0, 0.0, 200.0, 100.0]);
        let t = pdf.text(&pages[0]).unwrap();
        assert_eq!(t.image, Some([0.0, 0.0, 200.0, 100.0]));
        let got: Vec<(usize, &str)> = t.runs.iter().map(|r| (r.offset, r.text.as_str())).collect();
        assert_eq!(got, vec![(0, "Hi"), (2, "a"), (3, "b")]);
        // H 722 + i 278 = 1000/1000 x 20 pt wide; Times ascent 683, descent -217.
        let r = t.runs[0].rect;
        let close = |a: [f64; 4], b: [f64; 4]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6);
        assert!(close(r, [10.0, 50.0 - 4.34, 30.0, 50.0 + 13.66]), "{r:?}");
        // a (444) then a kern of 1000/1000 x 20 before b.
        assert!((t.runs[2].rect[0] - (10.0 + 8.88 + 20.0)).abs() < 1e-6, "{:?}", t.runs[2].rect);
    }
}

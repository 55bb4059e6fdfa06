//! The issues of a batch, one at a time: the `<issue>` entries of an NDNP batch file, read as
//! a stream, or the issue METS files found by their content in a folder tree, one folder at a
//! time. Neither holds the whole list, so a batch of any size costs the same memory.

use super::super::xml;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::fs;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// One issue of the batch: its METS file (or the folder of a PDF edition's page PDFs) and,
/// where the batch says, its title's LCCN.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub mets: PathBuf,
    pub lccn: Option<String>,
}

/// Where the issues come from.
#[derive(Debug)]
pub enum Source {
    /// An NDNP batch file: `<batch><issue lccn=… issueDate=…>./path/to/issue.xml</issue>…`.
    Batch(PathBuf),
    /// A folder tree holding issue METS files; `skip` is a folder inside it not to look in
    /// (the archive being written).
    Tree { root: PathBuf, skip: Option<PathBuf> },
}

impl Source {
    /// A batch file as given; a folder holding `batch.xml` or `data/batch.xml` (the NDNP batch
    /// layout) as that batch file; any other folder as a tree to search.
    pub fn open(path: &Path, archive: &Path) -> Result<Source, String> {
        if path.is_file() {
            return Ok(Source::Batch(path.to_path_buf()));
        }
        if !path.is_dir() {
            return Err(format!("{}: no such file or folder", path.display()));
        }
        for name in ["batch.xml", "data/batch.xml"] {
            if path.join(name).is_file() {
                return Ok(Source::Batch(path.join(name)));
            }
        }
        let skip = fs::canonicalize(archive).ok();
        Ok(Source::Tree { root: path.to_path_buf(), skip })
    }

    /// Calls `f` with each issue, in the batch's order (a tree: folders and files by name),
    /// until it returns false. An error stops the walk: a malformed batch file, an unreadable
    /// folder.
    pub fn each(&self, f: &mut dyn FnMut(Entry) -> bool) -> Result<(), String> {
        match self {
            Source::Batch(file) => batch_file(file, f),
            Source::Tree { root, skip } => tree(root, skip.as_deref(), f),
        }
    }
}

/// Streams the `<issue>` elements of an NDNP batch file. Paths are relative to its folder.
fn batch_file(path: &Path, f: &mut dyn FnMut(Entry) -> bool) -> Result<(), String> {
    let name = path.display();
    let file = fs::File::open(path).map_err(|e| format!("{name}: cannot read the file: {e}"))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    let mut root = None;
    // Inside an <issue>: its LCCN and the text so far.
    let mut issue: Option<(Option<String>, String)> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("{name}: malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_none() => {
                let local = e.local_name().as_ref().to_string();
                if local != "batch" {
                    let hint = if local == "mets" {
                        ": import one issue with `import mets-alto`, or give its folder"
                    } else {
                        ""
                    };
                    return Err(format!(
                        "{name}: expected an NDNP batch file (<batch> listing <issue>s), found <{local}>{hint}"
                    ));
                }
                root = Some(local);
            }
            Event::Start(e) if e.local_name().as_ref() == "issue" => {
                let lccn = e
                    .try_get_attribute("lccn")
                    .ok()
                    .flatten()
                    .and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.trim().to_string())
                    })
                    .filter(|v| !v.is_empty());
                issue = Some((lccn, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut issue {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = &mut issue {
                    let entity = format!("&{};", &*r);
                    text.push_str(&quick_xml::escape::unescape(&entity).map_err(|e| format!("{name}: {e}"))?);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "issue" => {
                if let Some((lccn, text)) = issue.take() {
                    let rel = text.trim();
                    let rel = rel.strip_prefix("./").unwrap_or(rel);
                    if !rel.is_empty() && !f(Entry { mets: base.join(rel), lccn }) {
                        return Ok(());
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if root.is_none() {
        return Err(format!("{name}: empty: expected an NDNP batch file"));
    }
    Ok(())
}

/// What the start of an XML file says about it, when it is an issue METS.
#[derive(Debug, PartialEq)]
struct Mets {
    date: Option<String>,
    lccn: Option<String>,
    logical: bool,
}

/// Walks `root` depth first, folders and files by name, skipping hidden folders and `skip`.
/// In each folder the issue METS files are found by their content; where several describe the
/// same day (NDNP's `1916082601.xml` and its validated copy `1916082601_1.xml`, or an issue
/// METS beside its article-level METS), the one with a logical structMap (articles) is taken,
/// else the one with the shortest name.
fn tree(root: &Path, skip: Option<&Path>, f: &mut dyn FnMut(Entry) -> bool) -> Result<(), String> {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if skip.is_some_and(|s| fs::canonicalize(&dir).is_ok_and(|d| d == s)) {
            continue;
        }
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .map_err(|e| format!("{}: cannot list the folder: {e}", dir.display()))?
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        // Per day: (has articles, name length, file), the best so far.
        let mut days: BTreeMap<String, (bool, usize, PathBuf, Option<String>)> = BTreeMap::new();
        for e in entries {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                if !name.starts_with('.') {
                    subdirs.push(path);
                }
                continue;
            }
            if !name.to_ascii_lowercase().ends_with(".xml") {
                continue;
            }
            let Some(m) = sniff(&path) else { continue };
            let key = m.date.clone().unwrap_or_else(|| format!("?{name}"));
            let better = |old: &(bool, usize, PathBuf, Option<String>)| {
                (m.logical, std::cmp::Reverse(name.len())) > (old.0, std::cmp::Reverse(old.1))
            };
            if days.get(&key).is_none_or(better) {
                days.insert(key, (m.logical, name.len(), path, m.lccn));
            }
        }
        // A folder of page PDFs named with its date (`2016-09-24/`, `rmrb20160924/`) and no
        // METS: a PDF edition, entered as its folder.
        let pdfs = || {
            fs::read_dir(&dir).into_iter().flatten().flatten().any(|e| {
                e.file_type().is_ok_and(|t| t.is_file())
                    && e.file_name().to_string_lossy().to_ascii_lowercase().ends_with(".pdf")
            })
        };
        let dated =
            dir.file_name().is_some_and(|n| super::super::pdf::edition::date_in(&n.to_string_lossy()).is_some());
        if days.is_empty() && dated && pdfs() && !f(Entry { mets: dir.clone(), lccn: None }) {
            return Ok(());
        }
        for (_, (_, _, mets, lccn)) in days {
            if !f(Entry { mets, lccn }) {
                return Ok(());
            }
        }
        // Popped last first: push in reverse for name order.
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(())
}

/// Reads an XML file when it is an issue METS: its root is `mets`, it is no NDNP reel or
/// batch METS, and it has page divs. ALTO and other XML are told from their first 4 KB.
fn sniff(path: &Path) -> Option<Mets> {
    let mut head = Vec::with_capacity(4096);
    fs::File::open(path).ok()?.take(4096).read_to_end(&mut head).ok()?;
    let start = String::from_utf8_lossy(&head);
    let root = root_name(&start)?;
    if root != "mets" {
        return None;
    }
    let text = xml::decode(&fs::read(path).ok()?).ok()?;
    let doc = xml::parse(&text, "", "METS").ok()?;
    let r = doc.root_element();
    let kind = format!("{} {}", r.attribute("TYPE").unwrap_or(""), r.attribute("PROFILE").unwrap_or("")).to_lowercase();
    if kind.contains("reel") || kind.contains("batch") {
        return None;
    }
    let divs = || r.descendants().filter(|n| n.is_element() && n.tag_name().name() == "div");
    let paged = divs().any(|d| d.attribute("TYPE").is_some_and(|t| t.to_ascii_lowercase().ends_with("page")));
    if !paged {
        return None;
    }
    let logical = r.descendants().any(|n| {
        n.is_element()
            && n.tag_name().name() == "structMap"
            && n.attribute("TYPE").is_some_and(|t| t.eq_ignore_ascii_case("LOGICAL"))
    });
    let text_of = |pred: &dyn Fn(roxmltree::Node) -> bool| {
        r.descendants().find(|n| n.is_element() && pred(*n)).and_then(|n| n.text()).map(|t| t.trim().to_string())
    };
    let date = text_of(&|n| n.tag_name().name() == "dateIssued");
    let lccn = text_of(&|n| n.tag_name().name() == "identifier" && n.attribute("type") == Some("lccn"));
    Some(Mets { date, lccn: lccn.filter(|l| !l.is_empty()), logical })
}

/// The local name of the first element in the text, past the declaration, comments, DOCTYPE
/// and processing instructions.
fn root_name(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at..];
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else {
            let name: String = rest[1..].chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
            return Some(name.rsplit(':').next().unwrap_or(&name).to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(s: &Source) -> Vec<Entry> {
        let mut v = Vec::new();
        s.each(&mut |e| {
            v.push(e);
            true
        })
        .unwrap();
        v
    }

    #[test]
    fn root_names() {
        assert_eq!(root_name("<?xml version=\"1.0\"?>\n<!-- c <x> -->\n<mets:mets a=\"1\">").as_deref(), Some("mets"));
        assert_eq!(root_name("<!DOCTYPE unit SYSTEM \"unit.dtd\"><unit>").as_deref(), Some("unit"));
        assert_eq!(root_name("<alto/>").as_deref(), Some("alto"));
        assert_eq!(root_name("no xml"), None);
    }

    #[test]
    fn a_batch_file_is_streamed_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let batch = tmp.path().join("batch.xml");
        fs::write(
            &batch,
            r#"<?xml version="1.0"?>
<batch xmlns="http://www.loc.gov/ndnp" name="b">
 <!-- <issue>not.xml</issue> -->
 <issue lccn="sn1" issueDate="1916-08-26" editionOrder="01">./sn1/r/1916082601/1916082601.xml</issue>
 <reel reelNumber="r">./sn1/r/r.xml</reel>
 <issue lccn=" " issueDate="1916-08-27">  a&amp;b/x.xml </issue>
 <issue lccn="sn2"/>
</batch>"#,
        )
        .unwrap();
        let s = Source::open(tmp.path(), &tmp.path().join("archive")).unwrap();
        assert!(matches!(&s, Source::Batch(p) if *p == batch), "a folder with batch.xml is that batch");
        assert_eq!(
            entries(&s),
            vec![
                Entry { mets: tmp.path().join("sn1/r/1916082601/1916082601.xml"), lccn: Some("sn1".into()) },
                Entry { mets: tmp.path().join("a&b/x.xml"), lccn: None },
            ]
        );
        // Stopping early.
        let mut n = 0;
        s.each(&mut |_| {
            n += 1;
            false
        })
        .unwrap();
        assert_eq!(n, 1);
        fs::write(&batch, "<mets/>").unwrap();
        assert!(s.each(&mut |_| true).unwrap_err().contains("found <mets>: import one issue with `import mets-alto`"));
        fs::write(&batch, "<batch><issue>x</batch>").unwrap();
        assert!(s.each(&mut |_| true).unwrap_err().contains("malformed XML"));
    }

    fn mets(date: &str, lccn: &str, logical: bool) -> String {
        format!(
            r#"<mets xmlns="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" TYPE="urn:library-of-congress:ndnp:mets:newspaper:issue">
<dmdSec ID="i"><mdWrap><xmlData><mods:mods><mods:relatedItem type="host"><mods:identifier type="lccn">{lccn}</mods:identifier></mods:relatedItem>
<mods:originInfo><mods:dateIssued>{date}</mods:dateIssued></mods:originInfo></mods:mods></xmlData></mdWrap></dmdSec>
<structMap><div TYPE="np:issue"><div TYPE="np:page"/></div></structMap>{}</mets>"#,
            if logical { r#"<structMap TYPE="LOGICAL"><div TYPE="Article"/></structMap>"# } else { "" }
        )
    }

    #[test]
    fn a_tree_is_searched_by_content() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let w = |rel: &str, text: &str| {
            let p = root.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        };
        w("b/1916082601/1916082601.xml", &mets("1916-08-26", "sn1", false));
        w("b/1916082601/1916082601_1.xml", &mets("1916-08-26", "sn1", false));
        w("b/1916082601/0007.xml", "<?xml version=\"1.0\"?><alto><Layout/></alto>");
        w("a/1916051201/articles_1916051201.xml", &mets("1916-05-12", "sn2", true));
        w("a/1916051201/1916051201.xml", &mets("1916-05-12", "sn2", false));
        w(
            "a/reel.xml",
            r#"<mets TYPE="urn:library-of-congress:ndnp:mets:newspaper:reel"><structMap><div TYPE="np:page"/></structMap></mets>"#,
        );
        w("a/notes.txt", "x");
        w("flat/x.xml", &mets("1920-01-01", "sn1", false));
        w("flat/y.xml", &mets("1920-01-02", "sn1", false));
        w("archive/issues/1916-08-26/issue.xml", &mets("1916-08-26", "sn1", false));
        w(".hidden/z.xml", &mets("1930-01-01", "sn1", false));
        let s = Source::open(root, &root.join("archive")).unwrap();
        let found: Vec<(String, Option<String>)> = entries(&s)
            .into_iter()
            .map(|e| (e.mets.strip_prefix(root).unwrap().to_string_lossy().into_owned(), e.lccn))
            .collect();
        let want = |p: &str, l: &str| (p.to_string(), Some(l.to_string()));
        assert_eq!(
            found,
            vec![
                want("a/1916051201/articles_1916051201.xml", "sn2"),
                want("b/1916082601/1916082601.xml", "sn1"),
                want("flat/x.xml", "sn1"),
                want("flat/y.xml", "sn1"),
            ]
        );
    }
}

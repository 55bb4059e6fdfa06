//! What tells an unchanged issue on a re-run: a fingerprint of everything its folder is made
//! from, kept in the folder (`.broadsheet-import.json`) and so moved into place by the same
//! rename as the issue: a folder that has it is complete.
//!
//! The fingerprint covers the drafted issue (its text, regions, page sizes: everything read
//! from the METS and ALTO), the bytes of each page image and extra file, the words, the issue
//! file's name and the kit's version; not where the source lies, so a batch moved elsewhere is
//! still unchanged.

use super::super::{words, Draft, Picture};
use crate::json;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Read;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// The marker's file name in an issue folder.
pub const MARKER: &str = ".broadsheet-import.json";

/// Bumped when the kit renders the same input differently, so that a re-run redoes every issue.
const RENDERING: &str = "broadsheet-import 1";

/// The marker: the fingerprint, and the pages left out when the issue was written (reported
/// again on a re-run that finds the issue unchanged).
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
}

impl Marker {
    /// The marker in `folder`, when there is a readable one.
    pub fn read(folder: &Path) -> Option<Marker> {
        serde_json::from_str(&fs::read_to_string(folder.join(MARKER)).ok()?).ok()
    }

    pub fn write(&self, folder: &Path) -> Result<(), String> {
        let path = folder.join(MARKER);
        let text = serde_json::to_string(self).expect("a marker serialises");
        fs::write(&path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }
}

/// The fingerprint of a drafted issue to be written as `file`, in 32 hex digits (XXH3-128).
/// Reads every local page image and extra file through, 64 KiB at a time.
pub fn fingerprint(draft: &Draft, file: &str) -> Result<String, String> {
    let mut h = Xxh3::new();
    let mut part = |bytes: &[u8]| {
        // Length-prefixed, so that parts cannot run into each other.
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    part(RENDERING.as_bytes());
    part(env!("CARGO_PKG_VERSION").as_bytes());
    part(file.as_bytes());
    part(json::to_text(&draft.issue).as_bytes());
    for w in &draft.words {
        part(words::file_name(&w.page).as_bytes());
        part(w.to_text().as_bytes());
    }
    let mut files: Vec<(&Path, &str)> = Vec::new();
    for p in &draft.pictures {
        match p {
            Picture::File(f) => files.push((f, "page")),
            Picture::Pdf { file, page, scale } => {
                part(format!("pdf page {page} at {scale:?}").as_bytes());
                files.push((file, "page"));
            }
            Picture::Named => part(b"named"),
        }
    }
    for (from, name) in &draft.extras {
        files.push((from, name));
    }
    for (path, name) in files {
        part(name.as_bytes());
        part(&file_hash(path)?.to_le_bytes());
    }
    Ok(format!("{:032x}", h.digest128()))
}

fn file_hash(path: &Path) -> Result<u128, String> {
    let fail = |e: std::io::Error| format!("{}: cannot read the file: {e}", path.display());
    let mut f = fs::File::open(path).map_err(fail)?;
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf).map_err(fail)?;
        if n == 0 {
            return Ok(h.digest128());
        }
        h.update(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{Draft, Picture, Report};
    use super::*;
    use broadsheet_model::Day;

    fn draft(image: &Path, title: &str) -> Draft {
        let article = broadsheet_model::Article {
            id: "a0101".into(),
            kind: broadsheet_model::ArticleKind::Article,
            pretitle: None,
            title: title.into(),
            subtitle: None,
            byline: None,
            body: Vec::new(),
            regions: vec![broadsheet_model::Region { page: None, points: vec![[0.0, 0.0], [5.0, 0.0], [5.0, 5.0]] }],
        };
        let page =
            super::super::super::local_page("p1".into(), "1".into(), "Page 1".into(), (10, 10), None, vec![article]);
        let date = Day::new(1916, 8, 26).unwrap();
        Draft::new(date, None, vec![page], vec![Picture::File(image.to_path_buf())], Report::default(), Vec::new())
    }

    #[test]
    fn the_fingerprint_follows_the_inputs_not_their_place() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a.jpg"), tmp.path().join("b.jpg"));
        fs::write(&a, b"image one").unwrap();
        fs::write(&b, b"image one").unwrap();
        let one = fingerprint(&draft(&a, "Council"), "issue.json").unwrap();
        assert_eq!(one.len(), 32);
        assert_eq!(fingerprint(&draft(&b, "Council"), "issue.json").unwrap(), one, "same bytes elsewhere");
        assert_ne!(fingerprint(&draft(&a, "Council meets"), "issue.json").unwrap(), one, "the text");
        assert_ne!(fingerprint(&draft(&a, "Council"), "index.json").unwrap(), one, "the file name");
        fs::write(&b, b"image two").unwrap();
        assert_ne!(fingerprint(&draft(&b, "Council"), "issue.json").unwrap(), one, "the image");
        let e = fingerprint(&draft(&tmp.path().join("gone.jpg"), "Council"), "issue.json").unwrap_err();
        assert!(e.contains("gone.jpg: cannot read the file"), "{e}");
    }

    #[test]
    fn markers_round_trip() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(Marker::read(tmp.path()), None);
        let m = Marker { fingerprint: "ab".into(), skipped: vec!["page 2: left out".into()] };
        m.write(tmp.path()).unwrap();
        assert_eq!(Marker::read(tmp.path()), Some(m));
        fs::write(tmp.path().join(MARKER), "{").unwrap();
        assert_eq!(Marker::read(tmp.path()), None, "a broken marker is no marker");
    }
}

//! Which pages exist, and their rating baselines: read from the same archive folder that the
//! static host serves (`archive.json` and the issue files it points to), validated with the data
//! model, and cached until a file changes on disk (a new issue, a corrected one).

use broadsheet_model::{Archive, Day, Issue};
use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// A page's score as the data gives it (votes collected before or elsewhere).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub sum: u64,
    pub count: u64,
}

/// Why a page cannot be rated.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The archive has no issue on that date.
    NoIssue,
    /// The issue has no page with that id.
    NoPage,
    /// The archive itself cannot be read: the server is misconfigured or the data is broken.
    Broken(String),
}

struct Cached<T> {
    modified: Option<SystemTime>,
    len: u64,
    value: T,
}

pub struct Catalog {
    root: PathBuf,
    archive: Option<Cached<Archive>>,
    issues: HashMap<Day, Cached<HashMap<String, Baseline>>>,
}

fn stamp(path: &Path) -> std::io::Result<(Option<SystemTime>, u64)> {
    let meta = fs::metadata(path)?;
    Ok((meta.modified().ok(), meta.len()))
}

/// A relative template path that stays inside the archive folder, or `None`.
fn inside(root: &Path, relative: &str) -> Option<PathBuf> {
    if relative.contains("://") || relative.contains('?') || relative.contains('#') {
        return None;
    }
    let rel = Path::new(relative);
    if rel.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        Some(root.join(rel))
    } else {
        None
    }
}

impl Catalog {
    pub fn new(root: impl Into<PathBuf>) -> Catalog {
        Catalog { root: root.into(), archive: None, issues: HashMap::new() }
    }

    /// Reads `archive.json` (again, if it changed) and checks that it is usable.
    pub fn check(&mut self) -> Result<&Archive, String> {
        let path = self.root.join("archive.json");
        let (modified, len) = stamp(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let fresh = self.archive.as_ref().is_some_and(|c| c.modified == modified && c.len == len);
        if !fresh {
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let archive = broadsheet_model::parse::<Archive>(&text).map_err(|problems| {
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                format!("{}: {}", path.display(), list.join("; "))
            })?;
            if inside(&self.root, &archive.issues).is_none() {
                return Err(format!(
                    "{}: the issues template {:?} is not a relative path inside the archive folder",
                    path.display(),
                    archive.issues
                ));
            }
            self.archive = Some(Cached { modified, len, value: archive });
            self.issues.clear();
        }
        Ok(&self.archive.as_ref().expect("just loaded").value)
    }

    /// The baseline of a page, if the archive has that page.
    pub fn page(&mut self, date: Day, page: &str) -> Result<Baseline, Lookup> {
        let archive = self.check().map_err(Lookup::Broken)?;
        if date < archive.first || date > archive.last {
            return Err(Lookup::NoIssue);
        }
        let relative = archive.issue_path(date);
        let Some(path) = inside(&self.root, &relative) else {
            return Err(Lookup::NoIssue);
        };
        let (modified, len) = match stamp(&path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.issues.remove(&date);
                return Err(Lookup::NoIssue);
            }
            Err(e) => return Err(Lookup::Broken(format!("{}: {e}", path.display()))),
        };
        let fresh = self.issues.get(&date).is_some_and(|c| c.modified == modified && c.len == len);
        if !fresh {
            let text = fs::read_to_string(&path).map_err(|e| Lookup::Broken(format!("{}: {e}", path.display())))?;
            let issue = broadsheet_model::parse::<Issue>(&text).map_err(|problems| {
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                Lookup::Broken(format!("{}: {}", path.display(), list.join("; ")))
            })?;
            let pages = issue
                .pages
                .iter()
                .map(|p| {
                    let b = p.rating.map(|r| Baseline { sum: r.sum, count: r.count }).unwrap_or_default();
                    (p.id.clone(), b)
                })
                .collect();
            self.issues.insert(date, Cached { modified, len, value: pages });
        }
        self.issues[&date].value.get(page).copied().ok_or(Lookup::NoPage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/data")
    }

    #[test]
    fn knows_the_demo_pages_and_their_baselines() {
        let mut c = Catalog::new(demo());
        let d = Day::parse("2016-09-24").unwrap();
        assert_eq!(c.page(d, "p1"), Ok(Baseline { sum: 42, count: 10 }));
        assert_eq!(c.page(d, "p2"), Ok(Baseline::default()));
        assert_eq!(c.page(d, "p9"), Err(Lookup::NoPage));
        assert_eq!(c.page(Day::parse("2016-09-23").unwrap(), "p1"), Err(Lookup::NoIssue));
        assert_eq!(c.page(Day::parse("2020-01-01").unwrap(), "p1"), Err(Lookup::NoIssue));
    }

    #[test]
    fn refuses_templates_that_leave_the_folder() {
        let root = Path::new("/srv/data");
        assert!(inside(root, "issues/2016-09-24/issue.json").is_some());
        assert!(inside(root, "../secret/issue.json").is_none());
        assert!(inside(root, "/etc/passwd").is_none());
        assert!(inside(root, "https://cdn.example.org/issues/x.json").is_none());
    }

    #[test]
    fn a_missing_archive_is_reported_as_broken() {
        let mut c = Catalog::new("/nonexistent/broadsheet");
        assert!(matches!(c.page(Day::parse("2016-09-24").unwrap(), "p1"), Err(Lookup::Broken(_))));
    }
}

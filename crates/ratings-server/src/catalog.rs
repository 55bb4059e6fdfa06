//! Which pages exist, and their rating baselines: read from the same archive folder that the
//! static host serves (`archive.json` and the issue files it points to), validated with the data
//! model, and cached until a file changes on disk (a new issue, a corrected one). The cache holds
//! at most [`MAX_ISSUES`] issues, the least recently asked for going first.

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

/// The most issues kept in memory: a few years of a daily paper, ~20 pages each.
pub const MAX_ISSUES: usize = 1024;

struct Cached<T> {
    modified: Option<SystemTime>,
    len: u64,
    value: T,
    /// When it was last asked for (a counter of lookups).
    used: u64,
}

pub struct Catalog {
    root: PathBuf,
    archive: Option<Cached<Archive>>,
    issues: HashMap<Day, Cached<HashMap<String, Baseline>>>,
    lookups: u64,
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
        Catalog { root: root.into(), archive: None, issues: HashMap::new(), lookups: 0 }
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
            self.archive = Some(Cached { modified, len, value: archive, used: 0 });
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
            self.make_room();
            self.issues.insert(date, Cached { modified, len, value: pages, used: 0 });
        }
        self.lookups += 1;
        let issue = self.issues.get_mut(&date).expect("just loaded");
        issue.used = self.lookups;
        issue.value.get(page).copied().ok_or(Lookup::NoPage)
    }

    /// Drops the least recently used issue when the cache is full.
    fn make_room(&mut self) {
        if self.issues.len() >= MAX_ISSUES {
            if let Some(oldest) = self.issues.iter().min_by_key(|(_, c)| c.used).map(|(d, _)| *d) {
                self.issues.remove(&oldest);
            }
        }
    }

    /// How many issues are cached.
    pub fn cached_issues(&self) -> usize {
        self.issues.len()
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
    fn the_cache_is_bounded_and_keeps_what_is_asked_for() {
        let mut c = Catalog::new(demo());
        let d = |s: &str| Day::parse(s).unwrap();
        for _ in 0..3 {
            c.page(d("2016-09-24"), "p1").unwrap();
        }
        c.page(d("2016-09-17"), "p1").unwrap();
        assert_eq!(c.cached_issues(), 2);
        // Fill it up with stand-ins; the issue asked for most recently survives.
        for i in 0..MAX_ISSUES as i32 {
            let date = Day::new(1000 + i, 1, 1).unwrap();
            c.make_room();
            c.issues.insert(date, Cached { modified: None, len: 0, value: HashMap::new(), used: 0 });
        }
        c.page(d("2016-09-10"), "p1").unwrap();
        assert_eq!(c.cached_issues(), MAX_ISSUES);
        for kept in ["2016-09-24", "2016-09-17", "2016-09-10"] {
            assert!(c.issues.contains_key(&d(kept)), "{kept}");
        }
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

//! `index`: rebuilds the month indexes and the manifest from the issue files in a folder.

use crate::{json, manifest};
use broadsheet_model::{parse, Archive, Issue, MonthEntry};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What `index` did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub issues: usize,
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

/// The parts of an address template: literal text and `{yyyy}`, `{mm}`, `{dd}` fields.
fn matches(template: &str, path: &str) -> Option<(i32, u8, u8)> {
    let (mut rest_t, mut rest_p) = (template.strip_prefix("./").unwrap_or(template), path);
    let (mut y, mut m, mut d) = (None, None, None);
    loop {
        if rest_t.is_empty() {
            return rest_p.is_empty().then_some((y?, m.unwrap_or(1), d.unwrap_or(1)));
        }
        let field = ["{yyyy}", "{mm}", "{dd}"].into_iter().find(|f| rest_t.starts_with(f));
        if let Some(f) = field {
            let n = if f == "{yyyy}" { 4 } else { 2 };
            let digits = rest_p.get(..n).filter(|s| s.bytes().all(|b| b.is_ascii_digit()))?;
            let v: u32 = digits.parse().ok()?;
            match f {
                "{yyyy}" => y = Some(v as i32),
                "{mm}" => m = Some(v as u8),
                _ => d = Some(v as u8),
            }
            rest_t = &rest_t[f.len()..];
            rest_p = &rest_p[n..];
        } else {
            let c = rest_t.chars().next()?;
            rest_p = rest_p.strip_prefix(c)?;
            rest_t = &rest_t[c.len_utf8()..];
        }
    }
}

pub fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if e.file_type()?.is_dir() {
            walk(&path, base, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

fn local_template(field: &str, t: &str) -> Result<(), String> {
    if t.starts_with('/') || t.contains("..") || t.contains(':') || t.contains('?') || t.contains('#') {
        return Err(format!("archive.json: {field}: the template {t:?} does not name files inside the archive folder"));
    }
    Ok(())
}

/// Rebuilds `archive.json` and the month indexes of the archive in `dir`. Errors are messages
/// in the validator's `FILE: JSON.PATH: message` form; nothing is written when there are any.
pub fn run(dir: &Path) -> Result<Outcome, Vec<String>> {
    let manifest_path = dir.join("archive.json");
    let one = |m: String| vec![m];
    let text = fs::read_to_string(&manifest_path)
        .map_err(|e| one(format!("{}: cannot read the file: {e}", manifest_path.display())))?;
    // Only the paper and the templates are kept, so a manifest with stale dates is fine.
    let old: Archive = serde_json::from_str(&text).map_err(|e| one(format!("{}: {e}", manifest_path.display())))?;
    local_template("months", &old.months).map_err(one)?;
    local_template("issues", &old.issues).map_err(one)?;

    let mut files = Vec::new();
    walk(dir, dir, &mut files).map_err(|e| one(format!("{}: cannot list the folder: {e}", dir.display())))?;
    let mut entries: Vec<MonthEntry> = Vec::new();
    let mut errors = Vec::new();
    for rel in &files {
        let Some((y, m, d)) = matches(&old.issues, rel) else {
            continue;
        };
        let file: PathBuf = dir.join(rel);
        let text = match fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                errors.push(format!("{}: cannot read the file: {e}", file.display()));
                continue;
            }
        };
        match parse::<Issue>(&text) {
            Ok(issue) => {
                if (y, m, d) != (issue.date.year(), issue.date.month(), issue.date.day()) {
                    errors.push(format!(
                        "{}: date: is {} but the file's path names another day",
                        file.display(),
                        issue.date
                    ));
                    continue;
                }
                entries.push(manifest::entry(&issue));
            }
            Err(problems) => errors.extend(problems.into_iter().map(|p| format!("{}: {p}", file.display()))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (mut archive, months) = manifest::build(old.paper, &old.months, &old.issues, entries)
        .map_err(|e| one(format!("{}: {e}", dir.display())))?;
    // The search index's folder is not found from the issues: kept as it was.
    archive.search = old.search;
    archive.search_start = old.search_start;
    // What the publisher declared stays; the dates and months are worked out again.
    archive.origins = old.origins;

    let mut outcome = Outcome { issues: months.iter().map(|m| m.issues.len()).sum(), ..Outcome::default() };
    let mut wanted = Vec::new();
    let write = |rel: String, text: String, outcome: &mut Outcome| -> Result<(), Vec<String>> {
        let path = dir.join(&rel);
        match json::write_if_changed(&path, text.as_bytes()) {
            Ok(true) => outcome.written.push(rel),
            Ok(false) => outcome.unchanged += 1,
            Err(e) => return Err(vec![format!("{}: cannot write the file: {e}", path.display())]),
        }
        Ok(())
    };
    for m in &months {
        let rel = archive.month_path(m.month);
        wanted.push(rel.clone());
        write(rel, json::to_text(m), &mut outcome)?;
    }
    // Month indexes of months that no longer have issues would contradict the manifest.
    for rel in &files {
        if matches(&archive.months, rel).is_some() && !wanted.contains(rel) {
            fs::remove_file(dir.join(rel)).map_err(|e| one(format!("{}: cannot remove the file: {e}", rel)))?;
            outcome.removed.push(rel.clone());
        }
    }
    write("archive.json".into(), json::to_text(&archive), &mut outcome)?;
    Ok(outcome)
}

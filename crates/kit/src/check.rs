//! `validate`: one data file, an issue folder (what `import --out` writes), or a whole archive
//! folder with checks across its files.

use broadsheet_model::{
    parse, validate_month_in, validate_words_in, Archive, Block, Issue, MonthIndex, PageWords, Problem, Validate,
};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Problems found, each already written as `FILE: JSON.PATH: message`.
#[derive(Default)]
pub struct Report {
    pub files: usize,
    pub problems: Vec<String>,
    exists: HashMap<PathBuf, bool>,
}

impl Report {
    fn add(&mut self, file: &Path, problem: Problem) {
        self.problems.push(format!("{}: {problem}", file.display()));
    }

    fn at(&mut self, file: &Path, path: impl Into<String>, message: impl Into<String>) {
        self.add(file, Problem::new(path, message));
    }

    /// Reads and parses one data file, reporting what is wrong with it.
    fn load<T: Validate>(&mut self, file: &Path) -> Option<T> {
        self.files += 1;
        let text = match fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                self.at(file, "", format!("cannot read the file: {e}"));
                return None;
            }
        };
        match parse::<T>(&text) {
            Ok(item) => Some(item),
            Err(problems) => {
                for p in problems {
                    self.add(file, p);
                }
                None
            }
        }
    }

    fn exists(&mut self, path: PathBuf) -> bool {
        *self.exists.entry(path).or_insert_with_key(|p| p.is_file())
    }

    /// Checks that the relative files an issue names (page images, renditions, PDFs, pictures)
    /// are on disk next to it.
    fn issue_files(&mut self, file: &Path, issue: &Issue) {
        let dir = file.parent().unwrap_or(Path::new("."));
        let mut named: Vec<(String, &str)> = Vec::new();
        for (i, page) in issue.pages.iter().enumerate() {
            named.push((format!("pages[{i}].image.src"), &page.image.src));
            for (r, rend) in page.image.renditions.iter().enumerate() {
                named.push((format!("pages[{i}].image.renditions[{r}].src"), &rend.src));
            }
            if let Some(pdf) = &page.pdf {
                named.push((format!("pages[{i}].pdf"), pdf));
            }
            if let Some(words) = &page.words {
                named.push((format!("pages[{i}].words"), words));
            }
            for (j, a) in page.articles.iter().enumerate() {
                for (b, block) in a.body.iter().enumerate() {
                    if let Block::Image { src, .. } = block {
                        named.push((format!("pages[{i}].articles[{j}].body[{b}].src"), src));
                    }
                }
            }
        }
        for (path, src) in named {
            if let Some(rel) = local(src) {
                let target = dir.join(rel);
                if !self.exists(target.clone()) {
                    self.at(file, path, format!("the file {src:?} is missing (looked for {})", target.display()));
                }
            }
        }
        // Each words file on disk, on its own and against its page.
        for (i, page) in issue.pages.iter().enumerate() {
            let Some(target) = page.words.as_deref().and_then(local).map(|rel| dir.join(rel)) else { continue };
            if self.exists(target.clone()) {
                if let Some(words) = self.load::<PageWords>(&target) {
                    for p in validate_words_in(&words, issue, i) {
                        self.add(&target, p);
                    }
                }
            }
        }
    }
}

/// The file part of a relative address; None for http(s), absolute and scheme-relative ones.
fn local(src: &str) -> Option<&str> {
    if src.starts_with('/') || src.contains("://") || src.to_ascii_lowercase().starts_with("http:") {
        return None;
    }
    let end = src.find(['?', '#']).unwrap_or(src.len());
    Some(&src[..end]).filter(|s| !s.is_empty())
}

/// The file that makes a folder an issue folder: what `import --out` writes.
pub const ISSUE_FILE: &str = "issue.json";

/// Validates an archive folder (holding archive.json), an issue folder (holding issue.json and
/// no archive.json: the issue and the files it names), or one file of any kind.
pub fn validate(path: &Path) -> Report {
    let mut report = Report::default();
    if !path.is_dir() {
        single(&mut report, path);
    } else if path.join("archive.json").is_file() {
        folder(&mut report, path);
    } else if path.join(ISSUE_FILE).is_file() {
        issue(&mut report, &path.join(ISSUE_FILE));
    } else {
        report.at(
            path,
            "",
            "holds neither archive.json (an archive) nor issue.json (an issue folder); nothing to check",
        );
    }
    report
}

/// An issue file and the files it names beside it.
fn issue(report: &mut Report, file: &Path) {
    if let Some(issue) = report.load::<Issue>(file) {
        report.issue_files(file, &issue);
    }
}

fn single(report: &mut Report, file: &Path) {
    let value: Option<serde_json::Value> = fs::read_to_string(file).ok().and_then(|t| serde_json::from_str(&t).ok());
    let kind = value.as_ref().and_then(|v| v.as_object()).map(|o| {
        if o.contains_key("paper") {
            "archive"
        } else if o.contains_key("month") {
            "month"
        } else if o.contains_key("lines") {
            "words"
        } else {
            "issue"
        }
    });
    match kind {
        Some("archive") => {
            report.load::<Archive>(file);
        }
        Some("month") => {
            report.load::<MonthIndex>(file);
        }
        // A page's words file on its own: its issue is not known, so only what it says of itself.
        Some("words") => {
            report.load::<PageWords>(file);
        }
        // An issue, or a file that is not a JSON object at all: parsing explains what is wrong.
        _ => issue(report, file),
    }
}

fn folder(report: &mut Report, dir: &Path) {
    let manifest = dir.join("archive.json");
    let Some(archive) = report.load::<Archive>(&manifest) else {
        return;
    };
    let mut listed = Vec::new();
    let mut month = archive.first.year_month();
    while month <= archive.last.year_month() {
        let rel = archive.month_path(month);
        let file = dir.join(&rel);
        let empty = archive.empty_months.iter().position(|m| *m == month);
        if !file.is_file() {
            if empty.is_none() {
                report.at(
                    &manifest,
                    "empty_months",
                    format!("{month} has no index file ({rel}) and is not listed in empty_months"),
                );
            }
        } else {
            if let Some(i) = empty {
                report.at(
                    &manifest,
                    format!("empty_months[{i}]"),
                    format!("{month} is listed as empty, but its index file {rel} exists"),
                );
            }
            if let Some(index) = report.load::<MonthIndex>(&file) {
                for p in validate_month_in(&index, month, &archive) {
                    report.add(&file, p);
                }
                listed.extend(month_issues(report, dir, &archive, &file, &rel, &index));
            }
        }
        month = month.next();
    }
    match (listed.iter().min(), listed.iter().max()) {
        (Some(&first), Some(&last)) => {
            if first != archive.first {
                report.at(&manifest, "first", format!("is {} but the first issue listed is {first}", archive.first));
            }
            if last != archive.last {
                report.at(&manifest, "last", format!("is {} but the last issue listed is {last}", archive.last));
            }
        }
        _ => report.at(&manifest, "", "no month index lists an issue"),
    }
    if let Some(search) = archive.search.as_deref().and_then(local) {
        search_index(report, &manifest, &dir.join(search), &archive.search_start);
    }
}

/// The search index archive.json names: its list of shards, and the files the reader loads
/// first from the engine and from each shard; and those archive.json names for a first search
/// (`start`).
fn search_index(report: &mut Report, manifest: &Path, dir: &Path, start: &[String]) {
    shard_list(report, manifest, dir);
    for (i, rel) in start.iter().enumerate() {
        if !report.exists(dir.join(rel)) {
            let why = format!("{rel} is not in the index; run `broadsheet-kit search-index` again");
            report.at(manifest, format!("search_start[{i}]"), why);
        }
    }
}

/// The index's list of shards, and the files it names that the reader loads first.
fn shard_list(report: &mut Report, manifest: &Path, dir: &Path) {
    let list = dir.join(crate::search::MANIFEST);
    report.files += 1;
    let read = fs::read_to_string(&list).map_err(|e| format!("cannot read the file: {e}")).and_then(|t| {
        serde_json::from_str::<crate::search::Manifest>(&t).map_err(|e| format!("not a search index list: {e}"))
    });
    let m = match read {
        Ok(m) => m,
        Err(e) => {
            report.at(manifest, "search", format!("{}: {e} (`broadsheet-kit search-index` writes it)", list.display()));
            return;
        }
    };
    let mut needed = vec![
        format!("{}/pagefind.js", crate::search::ENGINE),
        format!("{}/pagefind-entry.json", crate::search::ENGINE),
    ];
    needed.extend(m.shards.iter().map(|s| format!("{}pagefind-entry.json", s.path)));
    // The start-up files the list names, which the reader asks for before Pagefind does.
    needed.extend(m.engine.iter().map(|f| format!("{}/{f}", crate::search::ENGINE)));
    needed.extend(m.shards.iter().flat_map(|s| s.start.iter().map(move |f| format!("{}{f}", s.path))));
    needed.sort();
    needed.dedup();
    for rel in needed {
        if !report.exists(dir.join(&rel)) {
            report.at(&list, "", format!("{rel} is missing; run `broadsheet-kit search-index` again"));
        }
    }
}

/// The issues a month index lists: each must have its file, with the same date, page count
/// and lead headline. Returns the dates listed.
fn month_issues(
    report: &mut Report,
    dir: &Path,
    archive: &Archive,
    file: &Path,
    rel: &str,
    index: &MonthIndex,
) -> Vec<broadsheet_model::Day> {
    for (i, entry) in index.issues.iter().enumerate() {
        let irel = archive.issue_path(entry.date);
        let ifile = dir.join(&irel);
        if !ifile.is_file() {
            report.at(
                file,
                format!("issues[{i}].date"),
                format!("the issue file {irel} for {} is missing", entry.date),
            );
            continue;
        }
        let Some(issue) = report.load::<Issue>(&ifile) else {
            continue;
        };
        if issue.date != entry.date {
            report.at(&ifile, "date", format!("is {} but {rel} lists this file for {}", issue.date, entry.date));
        }
        if issue.pages.len() != entry.pages as usize {
            report.at(
                file,
                format!("issues[{i}].pages"),
                format!("is {} but the issue {irel} has {} pages", entry.pages, issue.pages.len()),
            );
        }
        if entry.headline.as_deref() != issue.headline() {
            report.at(
                file,
                format!("issues[{i}].headline"),
                format!("is {:?} but the issue's lead headline is {:?}", entry.headline, issue.headline()),
            );
        }
        report.issue_files(&ifile, &issue);
    }
    index.issues.iter().map(|e| e.date).collect()
}

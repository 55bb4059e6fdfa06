//! `search-index`: the whole-archive search index, written with Pagefind inside the archive
//! folder. One Pagefind index (a shard) per year of issues, or per part of a year (whole months)
//! for a year too large for one (see [`parts`]), so that a reader searching a date range loads
//! only the shards it covers, the first results across all years come from a small shard, and a
//! shard builds within a bounded memory; beside them one copy of Pagefind's script, worker and
//! wasm (`engine/`) that every shard is searched with, and `index.json`, which lists the shards
//! with the fingerprint of their inputs. A run rebuilds only the shards whose issues changed and
//! leaves every other file as it is, byte for byte.
//!
//! ```text
//! search/
//! ├── index.json          the shards: year, dates, articles, sections, pages, fingerprint
//! ├── engine/             pagefind.js, pagefind-worker.js, wasm.*.pagefind and a one-record index
//! ├── 2016/               a Pagefind index: pagefind-entry.json, *.pf_meta, index/, fragment/, filter/
//! ├── 2015/ …
//! └── 1990-01/, 1990-07/  a large year in parts, each named by its first month
//! ```

pub mod service;

use crate::json;
use broadsheet_model::{parse, Archive, ArticleKind, Block, Day, Issue, MonthIndex, YearMonth};
use serde::{Deserialize, Serialize};
use service::{Record, Service, PAGEFIND_VERSION};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The folder written when archive.json names none.
pub const DEFAULT_FOLDER: &str = "search/";
/// The file that lists the shards, in the index folder.
pub const MANIFEST: &str = "index.json";
/// Pagefind's script, worker and wasm, searched with for every shard.
pub const ENGINE: &str = "engine";
/// What a record holds and how it is built; a change here rebuilds every shard.
const RECORDS_VERSION: u32 = 1;
/// The worker the reader starts, Pagefind's with [`PRELUDE`] put before it.
pub const WORKER: &str = "pagefind-worker.js";
/// Lets the reader ask for the files of a setup all at once (see the file).
pub const PRELUDE: &str = include_str!("preload.js");
/// The one word of the engine's own index (Pagefind needs an index beside its script); results
/// at its address are not articles.
pub const ENGINE_URL: &str = "engine";

/// The most issue bytes a year may hold, at its rate over the whole year, before it is split
/// into parts (by default; `--shard-mb`). Pagefind's indexer needs about 100 times the bytes of
/// issue JSON it indexes (a synthetic Chinese daily: 73 MB of issues a year, 7.4-9.0 GB peak): a
/// part of at most 24 MB stays near 3 GB. A smaller shard also has a smaller start-up file, which
/// a search across every year reads first (about 10 bytes an article).
pub const SHARD_BYTES: u64 = 24_000_000;
/// How many parts a year may be split into: whole months each.
const PARTS: [u32; 6] = [1, 2, 3, 4, 6, 12];

/// `index.json` of the index folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// The Pagefind release that wrote the shards and whose engine is in `engine/`.
    pub pagefind: String,
    /// The language every record was indexed in (the paper's, lower case).
    pub language: String,
    /// One per year that has issues, or per part of it, oldest first.
    pub shards: Vec<Shard>,
    /// The split threshold the shards were made with ([`SHARD_BYTES`] unless chosen), kept for
    /// the next run so that a later run without `--shard-mb` does not split the years again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard_bytes: Option<u64>,
    /// The files in `engine/` that setting up any shard reads (entry, start-up file and wasm),
    /// which the reader asks for together rather than one after the other.
    #[serde(default)]
    pub engine: Vec<String>,
}

impl Manifest {
    /// The files a first search of the whole archive reads (archive.json's `search_start`),
    /// relative to the index folder: the engine's start-up files and the newest shard's, the one
    /// a search without dates reads first.
    pub fn first_search(&self) -> Vec<String> {
        let engine = self.engine.iter().map(|f| format!("{ENGINE}/{f}"));
        let newest = self.shards.iter().max_by_key(|s| (s.last, s.first));
        engine.chain(newest.into_iter().flat_map(|s| s.start.iter().map(move |f| format!("{}{f}", s.path)))).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    /// The year its issues are of.
    pub year: i32,
    /// The folder of the shard's Pagefind index, relative to the index folder: the year
    /// (`2016/`), or for a part of a year its first month (`2016-07/`). It names the shard.
    pub path: String,
    pub first: Day,
    pub last: Day,
    pub issues: usize,
    pub articles: usize,
    /// The page names (sections) that the shard's articles are printed on, in Unicode order:
    /// the reader's section filter offers them before a search has loaded any filter chunk.
    #[serde(default)]
    pub sections: Vec<String>,
    /// The page numbers of the shard's articles, in number order, for the page filter.
    #[serde(default)]
    pub pages: Vec<String>,
    /// The files in its folder that setting it up reads (entry and start-up file).
    #[serde(default)]
    pub start: Vec<String>,
    /// A hash of everything the shard is built from: its issue files, the record format and
    /// the Pagefind release.
    pub fingerprint: String,
}

/// What a run did, shard by shard.
#[derive(Debug, Default)]
pub struct Outcome {
    pub folder: PathBuf,
    pub built: Vec<Built>,
    /// The shards kept and removed, by name (`2016`, `2016-07`).
    pub kept: Vec<String>,
    pub removed: Vec<String>,
    pub engine_built: bool,
    pub seconds: f64,
}

/// One shard built: its name, articles, build time, the indexer's peak memory, files and bytes.
#[derive(Debug)]
pub struct Built {
    pub name: String,
    pub articles: usize,
    pub seconds: f64,
    pub peak_memory: Option<u64>,
    pub files: usize,
    pub bytes: u64,
}

pub struct Options {
    /// The Pagefind binary; found as `service::binary` says when none is given.
    pub pagefind: Option<PathBuf>,
    /// Rebuild every shard, changed or not.
    pub force: bool,
    /// Prints each shard as it is built.
    pub verbose: bool,
    /// The split threshold ([`SHARD_BYTES`]); `None` keeps the one the index was made with.
    pub shard_bytes: Option<u64>,
    /// How many shards are built at once (each by an indexer of its own, on one core, with
    /// memory as [`SHARD_BYTES`] says).
    pub jobs: usize,
}

impl Options {
    /// Pagefind found as usual, changed shards only, quietly, the threshold kept.
    pub fn quiet() -> Options {
        Options { pagefind: None, force: false, verbose: false, shard_bytes: None, jobs: 1 }
    }
}

/// Into how many parts a year is split: the fewest of 1, 2, 3, 4, 6 and 12 that keeps a part
/// within `limit` bytes of issues at the year's rate. `bytes` are its issues' over `days`
/// days of the year that the archive covers (all of it but for its first and last year), so
/// that the year being published is split from early on as it will end, and adding a day's
/// issue does not split it again.
pub fn parts(bytes: u64, days: u32, limit: u64) -> u32 {
    let whole = bytes.saturating_mul(365) / u64::from(days.clamp(1, 365));
    PARTS.into_iter().find(|p| whole.div_ceil(u64::from(*p)) <= limit.max(1)).unwrap_or(12)
}

/// The folder of the part of a year that a month is in: the year for a whole year, else the
/// part's first month.
fn part_of(year: i32, month: u8, parts: u32) -> String {
    if parts <= 1 {
        return format!("{year:04}/");
    }
    let months = 12 / parts;
    let part = (u32::from(month) - 1) / months;
    format!("{year:04}-{:02}/", part * months + 1)
}

/// A character as the index holds it: full-width letters, digits and spaces as half-width,
/// traditional characters as simplified (after), so that a query folded the same way by the
/// reader (`search::normalise`) finds them. Case and punctuation stay, for the excerpts.
fn fold(c: char) -> char {
    match c as u32 {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// A text as the index holds it (see `fold`); as many characters as `s`.
pub fn index_form(s: &str) -> String {
    let folded: String = s.chars().map(fold).collect();
    fast2s::convert(&folded)
}

/// The readable text of an article, field by field, one per line.
fn article_text(a: &broadsheet_model::Article) -> String {
    let heads = [a.pretitle.as_deref(), Some(a.title.as_str()), a.subtitle.as_deref(), a.byline.as_deref()];
    let body = a.body.iter().map(|b| match b {
        Block::Paragraph { text } | Block::Heading { text } => Some(text.as_str()),
        Block::Image { caption, .. } => caption.as_deref(),
    });
    heads.into_iter().chain(body).flatten().filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n")
}

/// One record per article of an issue (not mastheads or advertisements). Its address names the
/// issue, page and article (`2016-09-24/p2/a0202`), which the reader opens; the title is its
/// only meta field (Pagefind makes every meta word searchable, and a date there would make
/// "2016" match every article of the year); where it is printed is in its filters.
pub fn records(issue: &Issue) -> Vec<Record> {
    let date = issue.date;
    let mut out = Vec::new();
    for page in &issue.pages {
        for a in page.articles.iter().filter(|a| a.kind == ArticleKind::Article) {
            out.push(Record {
                url: format!("{date}/{}/{}", page.id, a.id),
                content: index_form(&article_text(a)),
                meta: vec![("title".into(), a.title.clone())],
                filters: vec![
                    ("year".into(), vec![format!("{:04}", date.year())]),
                    ("month".into(), vec![date.year_month().to_string()]),
                    ("day".into(), vec![date.to_string()]),
                    ("section".into(), vec![page.name.clone()]),
                    ("page".into(), vec![page.number.clone()]),
                ],
                sort: vec![("date".into(), date.to_string())],
            });
        }
    }
    out
}

/// The sections and page numbers that an issue's articles are printed on, added to `into`.
fn add_places(issue: &Issue, into: &mut Places) {
    for page in issue.pages.iter().filter(|p| p.articles.iter().any(|a| a.kind == ArticleKind::Article)) {
        into.0.insert(page.name.clone());
        into.1.insert(page.number.clone());
    }
}

/// Sections and page numbers, as `add_places` gathers them.
type Places = (std::collections::BTreeSet<String>, std::collections::BTreeSet<String>);

/// The sections in Unicode order and the page numbers in number order (`2` before `10`; names
/// that are not numbers after the numbers, in Unicode order).
fn place_lists(places: Places) -> (Vec<String>, Vec<String>) {
    let mut pages: Vec<String> = places.1.into_iter().collect();
    pages.sort_by_key(|p| (p.trim().parse::<u64>().map_or(u64::MAX, |n| n), p.clone()));
    (places.0.into_iter().collect(), pages)
}

/// Each year's issues: their dates and files.
type Years = BTreeMap<i32, Vec<(Day, PathBuf)>>;

/// The issues of an archive by year, from the month indexes.
fn issues_by_year(dir: &Path, archive: &Archive) -> Result<Years, Vec<String>> {
    let mut out = Years::new();
    let mut errors = Vec::new();
    let mut m: YearMonth = archive.first.year_month();
    while m <= archive.last.year_month() {
        if !archive.empty_months.contains(&m) {
            let path = dir.join(archive.month_path(m));
            match fs::read_to_string(&path)
                .map_err(|e| vec![format!("cannot read the file: {e}")])
                .and_then(|t| parse::<MonthIndex>(&t).map_err(|ps| ps.into_iter().map(|p| p.to_string()).collect()))
            {
                Ok(index) => {
                    for e in index.issues {
                        out.entry(e.date.year()).or_default().push((e.date, dir.join(archive.issue_path(e.date))));
                    }
                }
                Err(ps) => errors.extend(ps.into_iter().map(|p| format!("{}: {p}", path.display()))),
            }
        }
        m = m.next();
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The fingerprint of a shard's inputs.
fn fingerprint(language: &str, files: &[(Day, &[u8])]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(
        format!("broadsheet search records {RECORDS_VERSION}, pagefind {PAGEFIND_VERSION}, {language}\n").as_bytes(),
    );
    for (day, bytes) in files {
        h.update(day.to_string().as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    format!("{:032x}", h.digest128())
}

/// The index folder named by archive.json, or the default; it must lie inside the archive.
fn folder(archive: &Archive) -> Result<String, String> {
    let f = archive.search.clone().unwrap_or_else(|| DEFAULT_FOLDER.to_string());
    if f.starts_with('/') || f.contains("..") || f.contains(':') || f.contains('?') || f.contains('#') {
        return Err(format!("archive.json: search: {f:?} does not name a folder inside the archive"));
    }
    Ok(if f.ends_with('/') { f } else { format!("{f}/") })
}

/// Which shards to build, by folder: those whose fingerprint changed or whose folder is missing
/// (all with `force`). The others are kept as they are.
pub fn stale(old: Option<&Manifest>, now: &[Shard], present: impl Fn(&Shard) -> bool, force: bool) -> Vec<String> {
    now.iter()
        .filter(|s| {
            force
                || !present(s)
                || old.is_none_or(|o| !o.shards.iter().any(|k| k.path == s.path && k.fingerprint == s.fingerprint))
        })
        .map(|s| s.path.clone())
        .collect()
}

/// A shard's name: its folder without the slash.
fn name(path: &str) -> String {
    path.trim_end_matches('/').to_string()
}

/// The files of a folder, recursively: how many and their bytes.
fn size(dir: &Path) -> (usize, u64) {
    let mut files = Vec::new();
    if crate::index::walk(dir, dir, &mut files).is_err() {
        return (0, 0);
    }
    let bytes = files.iter().filter_map(|f| fs::metadata(dir.join(f)).ok()).map(|m| m.len()).sum();
    (files.len(), bytes)
}

/// Keeps only the parts of a Pagefind output that the reader loads: for a shard, the index
/// (entry, meta, index, fragment and filter chunks); for the engine, also the script, worker
/// and wasm. Pagefind's own interfaces (pagefind-ui.js and the like) go.
fn prune(dir: &Path, engine: bool) -> std::io::Result<()> {
    for e in fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        let keep = matches!(name.as_str(), "pagefind-entry.json" | "index" | "fragment" | "filter")
            || name.ends_with(".pf_meta")
            || (engine && (name == "pagefind.js" || name == "pagefind-worker.js" || name.starts_with("wasm.")));
        if !keep {
            if e.file_type()?.is_dir() {
                fs::remove_dir_all(e.path())?;
            } else {
                fs::remove_file(e.path())?;
            }
        }
    }
    Ok(())
}

/// Puts a freshly written folder in the place of `target`: the old one goes only once the new
/// one is complete.
fn replace(fresh: &Path, target: &Path) -> std::io::Result<()> {
    let old = target.with_extension("old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    if target.exists() {
        fs::rename(target, &old)?;
    }
    fs::rename(fresh, target)?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// Builds one Pagefind index of `records` into `out` (replaced), with a service of its own so
/// that its peak memory is this index's. Returns the peak memory.
fn build(binary: &Path, language: &str, records: &[Record], out: &Path, engine: bool) -> Result<Option<u64>, String> {
    let fresh = out.with_extension("new");
    if fresh.exists() {
        fs::remove_dir_all(&fresh).map_err(|e| format!("{}: cannot remove: {e}", fresh.display()))?;
    }
    let mut service = Service::start(binary)?;
    let result = (|| {
        let index = service.new_index(language)?;
        service.add(index, records, language)?;
        service.write(index, &fresh)?;
        Ok::<_, String>(service.peak_memory())
    })();
    service.stop();
    let peak = result?;
    prune(&fresh, engine).map_err(|e| format!("{}: {e}", fresh.display()))?;
    if engine {
        let worker = fresh.join(WORKER);
        let text = fs::read_to_string(&worker).map_err(|e| format!("{}: {e}", worker.display()))?;
        fs::write(&worker, format!("{PRELUDE}{text}")).map_err(|e| format!("{}: {e}", worker.display()))?;
    }
    replace(&fresh, out).map_err(|e| format!("{}: cannot move into place: {e}", out.display()))?;
    Ok(peak)
}

fn engine_record() -> Record {
    Record { url: ENGINE_URL.into(), content: "broadsheet".into(), meta: vec![], filters: vec![], sort: vec![] }
}

/// The files that Pagefind reads to set up the index in `dir`, as its entry file names them:
/// the entry, the start-up file of the index's language (of its only one when it has another)
/// and, for the engine, the wasm.
fn start_files(dir: &Path, language: &str, engine: bool) -> Result<Vec<String>, String> {
    let path = dir.join("pagefind-entry.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    let entry: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let languages = entry.get("languages").and_then(|l| l.as_object());
    let index = languages
        .and_then(|l| l.get(language).or_else(|| (l.len() == 1).then(|| l.values().next()).flatten()))
        .ok_or_else(|| format!("{}: no index for the language {language}", path.display()))?;
    let hash = index.get("hash").and_then(|h| h.as_str()).ok_or_else(|| format!("{}: no hash", path.display()))?;
    let mut files = vec!["pagefind-entry.json".to_string(), format!("pagefind.{hash}.pf_meta")];
    if engine {
        files.push(format!("wasm.{}.pagefind", index.get("wasm").and_then(|w| w.as_str()).unwrap_or("unknown")));
    }
    Ok(files)
}

/// Writes or updates the search index of the archive in `dir`, and names it in archive.json.
pub fn run(dir: &Path, options: &Options) -> Result<Outcome, Vec<String>> {
    let started = Instant::now();
    let one = |m: String| vec![m];
    let manifest_path = dir.join("archive.json");
    let text = fs::read_to_string(&manifest_path)
        .map_err(|e| one(format!("{}: cannot read the file: {e}", manifest_path.display())))?;
    // `search_start` is this run's to write: whatever is there (stale, or left behind by a hand
    // that took `search` out) is replaced, never a reason to refuse.
    let text = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(mut o)) if o.contains_key("search_start") => {
            o.remove("search_start");
            serde_json::Value::Object(o).to_string()
        }
        _ => text,
    };
    let mut archive: Archive = parse(&text)
        .map_err(|ps| ps.into_iter().map(|p| format!("{}: {p}", manifest_path.display())).collect::<Vec<_>>())?;
    let rel = folder(&archive).map_err(one)?;
    let out = dir.join(&rel);
    let language = archive.paper.language.to_lowercase();
    let binary = service::binary(options.pagefind.as_deref());
    let found = service::version(&binary).map_err(one)?;
    if found != PAGEFIND_VERSION {
        return Err(one(format!(
            "{} is Pagefind {found}; the reader is made for Pagefind {PAGEFIND_VERSION} (`npm ci` installs it)",
            binary.display()
        )));
    }
    let old: Option<Manifest> = fs::read_to_string(out.join(MANIFEST)).ok().and_then(|t| serde_json::from_str(&t).ok());
    let years = issues_by_year(dir, &archive)?;
    let limit = options.shard_bytes.or(old.as_ref().and_then(|o| o.shard_bytes)).unwrap_or(SHARD_BYTES);

    // Each year's issue files, split into parts as large as the year needs, and each part's
    // fingerprint from its files as they are on disk.
    let mut shards = Vec::new();
    let mut inputs: BTreeMap<String, Vec<(Day, PathBuf)>> = BTreeMap::new();
    let mut errors = Vec::new();
    for (&year, days) in &years {
        let mut files = Vec::new();
        for (day, path) in days {
            match fs::read(path) {
                Ok(bytes) => files.push((*day, path.clone(), bytes)),
                Err(e) => errors.push(format!("{}: cannot read the file: {e}", path.display())),
            }
        }
        let bytes: u64 = files.iter().map(|f| f.2.len() as u64).sum();
        let (Some(jan), Some(dec)) = (Day::new(year, 1, 1), Day::new(year, 12, 31)) else { continue };
        let covered = archive.last.min(dec).0 - archive.first.max(jan).0;
        let n = parts(bytes, u32::try_from(covered.whole_days() + 1).unwrap_or(365), limit);
        // By folder: `2016-01/` sorts before `2016-04/`.
        let mut by_part: BTreeMap<String, Vec<_>> = BTreeMap::new();
        for f in files {
            by_part.entry(part_of(year, f.0.month(), n)).or_default().push(f);
        }
        for (path, files) in by_part {
            let (first, last) = (files.iter().map(|d| d.0).min(), files.iter().map(|d| d.0).max());
            let (Some(first), Some(last)) = (first, last) else { continue };
            let hashed: Vec<(Day, &[u8])> = files.iter().map(|f| (f.0, &f.2[..])).collect();
            shards.push(Shard {
                year,
                path: path.clone(),
                first,
                last,
                issues: files.len(),
                articles: 0,
                sections: Vec::new(),
                pages: Vec::new(),
                start: Vec::new(),
                fingerprint: fingerprint(&language, &hashed),
            });
            inputs.insert(path, files.into_iter().map(|f| (f.0, f.1)).collect());
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let present = |s: &Shard| out.join(&s.path).join("pagefind-entry.json").is_file();
    let todo = stale(old.as_ref(), &shards, present, options.force);
    let mut outcome = Outcome { folder: out.clone(), ..Outcome::default() };
    let read_issue = |path: &Path| -> Result<Issue, Vec<String>> {
        let text =
            fs::read_to_string(path).map_err(|e| one(format!("{}: cannot read the file: {e}", path.display())))?;
        parse(&text).map_err(|ps| ps.into_iter().map(|p| format!("{}: {p}", path.display())).collect::<Vec<_>>())
    };
    for s in shards.iter_mut() {
        if let Some(k) = old.as_ref().and_then(|o| o.shards.iter().find(|k| k.path == s.path)) {
            s.articles = k.articles;
            (s.sections, s.pages) = (k.sections.clone(), k.pages.clone());
        }
        if !todo.contains(&s.path) {
            // A shard listed by an index of before the sections and pages: its issues are read
            // for them (the shard itself stays as it is).
            if s.sections.is_empty() && s.articles > 0 {
                let mut places = Places::default();
                for (_, path) in &inputs[&s.path] {
                    add_places(&read_issue(path)?, &mut places);
                }
                (s.sections, s.pages) = place_lists(places);
            }
            outcome.kept.push(name(&s.path));
            continue;
        }
    }
    // The shards to build, `jobs` at a time: the indexer works on one core, and a part of a year
    // needs a few GB.
    let build_one = |s: &Shard| -> Result<(Vec<String>, Vec<String>, Built), Vec<String>> {
        let t0 = Instant::now();
        let mut all = Vec::new();
        let mut places = Places::default();
        for (_, path) in &inputs[&s.path] {
            let issue = read_issue(path)?;
            add_places(&issue, &mut places);
            all.extend(records(&issue));
        }
        let (sections, pages) = place_lists(places);
        let target = out.join(s.path.trim_end_matches('/'));
        let peak = build(&binary, &language, &all, &target, false).map_err(one)?;
        let (files, bytes) = size(&target);
        let b = Built {
            name: name(&s.path),
            articles: all.len(),
            seconds: t0.elapsed().as_secs_f64(),
            peak_memory: peak,
            files,
            bytes,
        };
        if options.verbose {
            eprintln!("{}", b.line());
        }
        Ok((sections, pages, b))
    };
    let wanted: Vec<usize> = (0..shards.len()).filter(|&i| todo.contains(&shards[i].path)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(BTreeMap::new());
    let failed = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, wanted.len().max(1)) {
            scope.spawn(|| {
                while failed.lock().is_ok_and(|f| f.is_empty()) {
                    let Some(&i) = wanted.get(next.fetch_add(1, std::sync::atomic::Ordering::SeqCst)) else { break };
                    match build_one(&shards[i]) {
                        Ok(r) => drop(done.lock().map(|mut d| d.insert(i, r))),
                        Err(e) => drop(failed.lock().map(|mut f| f.extend(e))),
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap_or_default();
    if !failed.is_empty() {
        return Err(failed);
    }
    for (i, (sections, pages, b)) in done.into_inner().unwrap_or_default() {
        let s = &mut shards[i];
        (s.articles, s.sections, s.pages) = (b.articles, sections, pages);
        outcome.built.push(b);
    }
    // The engine: rebuilt with a new Pagefind release or language, or when it is missing.
    let engine = out.join(ENGINE);
    let engine_current = old.as_ref().is_some_and(|o| o.pagefind == PAGEFIND_VERSION && o.language == language)
        && engine.join("pagefind.js").is_file()
        && engine.join("pagefind-entry.json").is_file()
        && fs::read_to_string(engine.join(WORKER)).is_ok_and(|w| w.starts_with(PRELUDE));
    if !engine_current || options.force {
        build(&binary, &language, &[engine_record()], &engine, true).map_err(one)?;
        outcome.engine_built = true;
    }
    // Shards no longer made: of years without issues, or of a year split anew.
    for k in old.iter().flat_map(|o| &o.shards) {
        if !shards.iter().any(|s| s.path == k.path) {
            let path = out.join(k.path.trim_end_matches('/'));
            if path.starts_with(&out) && path != out && path.is_dir() {
                fs::remove_dir_all(&path).map_err(|e| one(format!("{}: cannot remove: {e}", path.display())))?;
            }
            outcome.removed.push(name(&k.path));
        }
    }
    for s in shards.iter_mut() {
        s.start = start_files(&out.join(&s.path), &language, false).map_err(one)?;
    }
    let engine = start_files(&engine, &language, true).map_err(one)?;
    let shard_bytes = (limit != SHARD_BYTES).then_some(limit);
    let manifest = Manifest { version: 1, pagefind: PAGEFIND_VERSION.into(), language, shards, shard_bytes, engine };
    json::write_if_changed(&out.join(MANIFEST), json::to_text(&manifest).as_bytes())
        .map_err(|e| one(format!("{}: cannot write the file: {e}", out.join(MANIFEST).display())))?;
    let start = manifest.first_search();
    if archive.search.is_none() || archive.search_start != start {
        archive.search.get_or_insert(rel);
        archive.search_start = start;
        json::write_if_changed(&manifest_path, json::to_text(&archive).as_bytes())
            .map_err(|e| one(format!("{}: cannot write the file: {e}", manifest_path.display())))?;
    }
    outcome.seconds = started.elapsed().as_secs_f64();
    Ok(outcome)
}

impl Outcome {
    /// The run in one line: shards built, kept and removed, and the time.
    pub fn summary(&self) -> String {
        let years = |ys: &[String]| ys.join(" ");
        let built: Vec<String> = self.built.iter().map(|b| b.name.clone()).collect();
        let articles: usize = self.built.iter().map(|b| b.articles).sum();
        let peak = self.built.iter().filter_map(|b| b.peak_memory).max();
        let peak = peak.map(|b| format!(", peak memory {} MB", b / 1_000_000)).unwrap_or_default();
        format!(
            "{}: {} shard(s) built [{}] ({articles} articles{peak}), {} unchanged, {} removed [{}]{}; {:.1} s",
            self.folder.display(),
            built.len(),
            years(&built),
            self.kept.len(),
            self.removed.len(),
            years(&self.removed),
            if self.engine_built { ", engine written" } else { "" },
            self.seconds
        )
    }
}

impl Built {
    /// One line for the terminal.
    pub fn line(&self) -> String {
        let peak = self.peak_memory.map(|b| format!(", peak memory {} MB", b / 1_000_000)).unwrap_or_default();
        format!(
            "shard {}: {} articles in {:.1} s{peak}, {} files, {:.1} MB",
            self.name,
            self.articles,
            self.seconds,
            self.files,
            self.bytes as f64 / 1e6
        )
    }
}

#[cfg(test)]
mod tests;

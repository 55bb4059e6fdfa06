//! `import batch`: a whole NDNP batch, or any folder tree of issue METS files, into one archive.
//!
//! The issues are listed as a stream (see `list`) and imported by one worker per core, each
//! issue as `import mets-alto --archive` would (draft, render, validate, write beside and
//! rename), then the month indexes and archive.json are rebuilt once. An issue whose inputs
//! have the fingerprint its folder's marker records is left alone (see `state`); a changed one
//! is written again with its unchanged files kept as they were; a page whose image fails is
//! left out and reported, and an issue that fails is reported and skipped, never half-written.
//! Leftovers of a run that was killed are cleared first (`output::recover`), so a run resumes.

mod list;
mod progress;
mod state;

use super::{issue_place, mets, output, pictures, start_archive, write_issue, Context, Draft};
use crate::index;
use broadsheet_model::{Archive, Day};
use list::{Entry, Source};
use progress::Progress;
use state::{fingerprint, Marker};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Instant;

/// Where page images come from when a page has both a master and a page PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Images {
    /// The service image (JPEG 2000 in NDNP), at full resolution, encoded as JPEG.
    Master,
    /// The JPEG that the page PDF embeds, copied as it is (half resolution in NDNP).
    Pdf,
}

#[derive(clap::Args)]
pub struct Args {
    /// An NDNP batch file (batch.xml), a folder holding one (as batch.xml or data/batch.xml),
    /// or any folder tree of issue METS files (found by their content) and of folders of page
    /// PDFs named with their date (each a PDF edition, as `import pdf` reads it).
    pub source: PathBuf,
    /// The archive folder to write or extend.
    #[arg(long)]
    pub archive: PathBuf,
    /// When the archive has no archive.json yet: the paper's name.
    #[arg(long)]
    pub paper: Option<String>,
    /// When the archive has no archive.json yet: the paper's language (BCP 47, e.g. en).
    #[arg(long)]
    pub language: Option<String>,
    /// Only the issues of this title (its LCCN), for a batch of several titles.
    #[arg(long)]
    pub lccn: Option<String>,
    /// Page images from the master (JPEG 2000) or the JPEG each page PDF embeds; either way
    /// the other is the fallback when a page lacks one.
    #[arg(long, value_enum, default_value = "master")]
    pub images: Images,
    /// Issues imported at once (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Pages without article structure: one article per ALTO text block, instead of articles
    /// found from the page's layout.
    #[arg(long)]
    pub no_segment: bool,
    /// Leave the whole-archive search index as it is (by default the years that changed are
    /// indexed again at the end, as `search-index` does).
    #[arg(long)]
    pub no_search: bool,
}

/// An issue that is in the archive after this run.
struct InArchive {
    date: Day,
    /// Written by this run, or found unchanged.
    written: bool,
    pages: usize,
    /// Pages left out, warnings (a page's image or ALTO missing) and how many repairs.
    skipped: Vec<String>,
    warnings: Vec<String>,
    repairs: usize,
}

/// What became of one issue.
enum Outcome {
    In(InArchive),
    Failed(Vec<String>),
}

/// What a batch did, for the summary.
#[derive(Debug, Default)]
pub struct Summary {
    pub listed: usize,
    pub imported: usize,
    pub imported_pages: usize,
    pub unchanged: usize,
    pub unchanged_pages: usize,
    /// Per failed issue: its METS and why.
    pub failed: Vec<(PathBuf, Vec<String>)>,
    /// Pages left out of issues that went in, one message each.
    pub skipped_pages: Vec<String>,
    /// The importer's warnings on issues that went in (a page named but not there, an ALTO
    /// missing), and how many repairs it made (boxes widened, regions clamped).
    pub warnings: Vec<String>,
    pub repairs: usize,
    /// Leftovers of an interrupted run, cleared before this one.
    pub recovered: Vec<String>,
    pub index: Option<index::Outcome>,
    /// The search index, updated after the month indexes.
    pub search: Option<crate::search::Outcome>,
    /// What went wrong besides single issues: the batch list unreadable part-way, the index.
    pub errors: Vec<String>,
    pub seconds: f64,
}

impl Summary {
    /// Pages written per second of the whole run.
    pub fn pages_per_second(&self) -> f64 {
        self.imported_pages as f64 / self.seconds.max(1e-9)
    }
}

/// The most memory this process has held at once (VmHWM), in bytes, where Linux says.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// What the workers share.
struct Shared<'a> {
    archive_dir: &'a Path,
    archive: &'a Archive,
    cx: Context,
    page_threads: usize,
    /// The days already taken in this run, by which METS.
    days: Mutex<HashMap<Day, PathBuf>>,
}

/// Imports the batch. Errors before any issue is read (no such source, a bad batch file, no
/// archive.json and no --paper, several titles and no --lccn) are returned; what happens to
/// each issue, and to the index, is in the summary.
pub fn run(args: &Args) -> Result<Summary, Vec<String>> {
    let started = Instant::now();
    let one = |e: String| vec![e];
    let source = Source::open(&args.source, &args.archive).map_err(one)?;
    let wanted = titles(&source, args.lccn.as_deref(), &args.source.display().to_string()).map_err(one)?;
    let created = !args.archive.join("archive.json").is_file();
    let archive = start_archive(&args.archive, args.paper.as_deref(), args.language.as_deref())?;
    let mut summary = Summary { listed: wanted, recovered: output::recover(&args.archive), ..Summary::default() };
    pictures::prefer_pdf(args.images == Images::Pdf);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = args.jobs.unwrap_or(cores).clamp(1, wanted.max(1));
    let shared = Shared {
        archive_dir: &args.archive,
        archive: &archive,
        cx: Context { date: None, paper: args.paper.clone(), segment: !args.no_segment },
        // Fewer issues than cores: each renders its pages on several.
        page_threads: (cores / jobs).max(1),
        days: Mutex::new(HashMap::new()),
    };
    let mut progress = Progress::new(wanted);
    let lccn = args.lccn.as_deref();
    // The list is walked again as the workers take issues: at most `jobs` wait in line.
    let (tx, rx) = mpsc::sync_channel::<Entry>(jobs);
    let rx = Mutex::new(rx);
    let walk = std::thread::scope(|s| {
        let (done_tx, done_rx) = mpsc::channel::<(PathBuf, Outcome)>();
        let walker = s.spawn(move || {
            // Another title's issue is passed over; a closed channel (the workers gone) stops.
            source.each(&mut |e| lccn.is_some_and(|l| e.lccn.as_deref() != Some(l)) || tx.send(e).is_ok())
        });
        for _ in 0..jobs {
            let (rx, done_tx, shared) = (&rx, done_tx.clone(), &shared);
            s.spawn(move || {
                while let Ok(entry) = { rx.lock().map(|r| r.recv()).unwrap_or(Err(mpsc::RecvError)) } {
                    let outcome = import_one(&entry, shared);
                    if done_tx.send((entry.mets, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        for (mets, outcome) in done_rx {
            tally(&mut summary, &mut progress, mets, outcome);
        }
        walker.join().unwrap_or_else(|_| Err("the batch list could not be read to its end".into()))
    });
    progress.clear();
    if let Err(e) = walk {
        summary.errors.push(e);
    }
    if summary.imported + summary.unchanged > 0 || !created {
        match index::run(&args.archive) {
            Ok(o) => summary.index = Some(o),
            Err(e) => summary.errors.extend(e),
        }
        // The issues are in and readable whatever happens here: an index that cannot be
        // written (no Pagefind on this machine) is a warning, and `search-index` can follow.
        if summary.index.is_some() && !args.no_search {
            let options = crate::search::Options::quiet();
            match crate::search::run(&args.archive, &options) {
                Ok(o) => summary.search = Some(o),
                Err(e) => summary.warnings.push(format!("search index not updated: {}", e.join("; "))),
            }
        }
    } else {
        // Nothing went into the archive this run started: no manifest dated 1900 is left.
        let _ = std::fs::remove_file(args.archive.join("archive.json"));
        let _ = std::fs::remove_dir(args.archive.join("issues"));
        let _ = std::fs::remove_dir(&args.archive);
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Counts the issues to import, checking the titles: with `lccn`, those of that title (an
/// error when there are none); without, all of them, and an error when they are of several
/// titles (an archive is one paper).
fn titles(source: &Source, lccn: Option<&str>, shown: &str) -> Result<usize, String> {
    let mut by_title: BTreeMap<String, usize> = BTreeMap::new();
    source.each(&mut |e| {
        *by_title.entry(e.lccn.unwrap_or_default()).or_default() += 1;
        true
    })?;
    let listed = |m: &BTreeMap<String, usize>| {
        m.iter()
            .map(|(l, n)| format!("{} ({n} issue(s))", if l.is_empty() { "no LCCN" } else { l }))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match lccn {
        Some(l) => match by_title.get(l) {
            Some(n) => Ok(*n),
            None => Err(format!("{shown}: no issue of --lccn {l}; the batch holds {}", listed(&by_title))),
        },
        None if by_title.keys().filter(|k| !k.is_empty()).count() > 1 => Err(format!(
            "{shown}: the batch holds several titles: {}; an archive is one paper: choose one with --lccn",
            listed(&by_title)
        )),
        None if by_title.is_empty() => Err(format!("{shown}: no issue METS found")),
        None => Ok(by_title.values().sum()),
    }
}

/// Adds an issue's outcome to the summary and the progress.
fn tally(summary: &mut Summary, progress: &mut Progress, mets: PathBuf, outcome: Outcome) {
    match outcome {
        Outcome::In(i) => {
            let date = i.date;
            for s in i.skipped.iter().chain(&i.warnings).filter(|_| i.written) {
                progress.note(&format!("warning: {date}: {s}"));
            }
            if i.written {
                summary.imported += 1;
                summary.imported_pages += i.pages;
                progress.issue(&format!("{date}: imported, {} page(s) ({})", i.pages, mets.display()), i.pages);
            } else {
                summary.unchanged += 1;
                summary.unchanged_pages += i.pages;
                progress.issue(&format!("{date}: unchanged, {} page(s)", i.pages), 0);
            }
            summary.skipped_pages.extend(i.skipped.into_iter().map(|s| format!("{date}: {s}")));
            summary.warnings.extend(i.warnings.into_iter().map(|s| format!("{date}: {s}")));
            summary.repairs += i.repairs;
        }
        Outcome::Failed(errors) => {
            progress.note(&format!("failed: {}: {}", mets.display(), errors.join("; ")));
            progress.issue(&format!("failed: {}", mets.display()), 0);
            summary.failed.push((mets, errors));
        }
    }
}

/// Imports one issue: drafts it, leaves it alone when its fingerprint is the one its folder
/// records, else writes it beside its folder and renames it into place.
fn import_one(entry: &Entry, shared: &Shared) -> Outcome {
    match try_import(entry, shared) {
        Ok(outcome) => outcome,
        Err(errors) => Outcome::Failed(errors),
    }
}

fn try_import(entry: &Entry, shared: &Shared) -> Result<Outcome, Vec<String>> {
    let one = |e: String| vec![e];
    let draft: Draft = if entry.mets.is_dir() {
        super::pdf::edition::import(std::slice::from_ref(&entry.mets), &[], 150.0, &shared.cx)?
    } else {
        mets::import(&entry.mets, &shared.cx)?
    };
    let date = draft.issue.date;
    claim(shared, date, &entry.mets)?;
    let (folder, file) = issue_place(shared.archive_dir, shared.archive, date)?;
    let print = fingerprint(&draft, &file).map_err(one)?;
    let (warnings, repairs) = (draft.report.warnings.clone(), draft.report.repairs.len());
    if let Some(m) = Marker::read(&folder).filter(|m| m.fingerprint == print) {
        if folder.join(&file).is_file() {
            let pages = draft.issue.pages.len() - m.skipped.len().min(draft.issue.pages.len());
            let skipped = m.skipped;
            return Ok(Outcome::In(InArchive { date, written: false, pages, skipped, warnings, repairs }));
        }
    }
    let staging = output::Staging::new(&folder).map_err(one)?;
    let written = write_issue(draft, staging.path(), &file, shared.page_threads, true)?;
    Marker { fingerprint: print, skipped: written.skipped.clone() }.write(staging.path()).map_err(one)?;
    staging.keep_unchanged();
    staging.commit().map_err(one)?;
    let (pages, skipped) = (written.issue.pages.len(), written.skipped);
    Ok(Outcome::In(InArchive { date, written: true, pages, skipped, warnings, repairs }))
}

/// Takes `date` for this METS: the archive holds one issue a day, so a second METS of the same
/// day in one run (another edition) is refused.
fn claim(shared: &Shared, date: Day, mets: &Path) -> Result<(), Vec<String>> {
    let mut days = shared.days.lock().unwrap_or_else(|e| e.into_inner());
    match days.get(&date) {
        Some(other) if other != mets => Err(vec![format!(
            "another issue of {date} is in this batch ({}): the archive holds one issue a day",
            other.display()
        )]),
        _ => {
            days.insert(date, mets.to_path_buf());
            Ok(())
        }
    }
}

//! broadsheet-kit: validate archives and issue files, write the bundled demo archive, generate
//! a synthetic archive of many years, and rebuild month indexes from issue files.

use broadsheet_kit::{check, demo, import, index, json, search, synth};
use broadsheet_model::ArticleKind;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "broadsheet-kit", version, about = "Broadsheet's command-line kit")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check an archive folder (holding archive.json), an issue folder (holding issue.json, as
    /// import --out writes it), or one archive, month or issue file.
    /// Prints every problem as FILE: JSON.PATH: message; exits with 1 when there are any.
    Validate { path: PathBuf },
    /// Write the bundled demo archive (中国妇女报, 2016) and its search index to OUT.
    Demo { out: PathBuf },
    /// Write a synthetic daily archive of N years, ending 2016-09-24, to OUT.
    Synth {
        out: PathBuf,
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=200))]
        years: u32,
    },
    /// Rebuild the month indexes and archive.json (first, last, empty_months) from the issue
    /// files in ARCHIVE, keeping the paper and the address templates. Writes only what changed.
    Index { archive: PathBuf },
    /// Write the whole-archive search index into ARCHIVE (its `search` folder, one Pagefind
    /// index per year, or per part of a large year) and name it in archive.json. Rebuilds only
    /// the shards whose issues changed. Needs the Pagefind binary (`npm ci` installs it; or
    /// --pagefind PATH).
    SearchIndex {
        archive: PathBuf,
        /// The Pagefind binary (pagefind_extended, for Chinese, Japanese and Korean).
        #[arg(long)]
        pagefind: Option<PathBuf>,
        /// Rebuild every shard, changed or not.
        #[arg(long)]
        force: bool,
        /// Split a year into parts (whole months) when its issues, at its rate over the whole
        /// year, exceed this many megabytes (default 24: the indexer needs about 100 times the
        /// bytes it indexes). Kept in the index for later runs.
        #[arg(long, value_name = "MB")]
        shard_mb: Option<f64>,
        /// Build this many shards at once (each indexer works on one core; a shard of the
        /// default size needs up to about 3 GB).
        #[arg(long, default_value_t = 1)]
        jobs: usize,
    },
    /// Import an issue from METS/ALTO, an iArchives export, saved HTML image-map pages or a
    /// IIIF manifest into an issue folder (issue.json, page images, renditions), or straight
    /// into an archive; or a whole batch of issues into an archive (`import batch`). Name the
    /// format, or give the input alone to have it found from the content. Prints warnings and
    /// repairs on stderr, and the time per page.
    Import(Box<import::Command>),
    /// Find the articles of one ALTO page from its layout and print their figures (overlap,
    /// text covered, area, headlines, titles; precision and recall of the article boundaries
    /// against its true articles). Exits with 1 when the page misses a threshold.
    Segment(import::segment::report::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    match cli.command {
        Command::Validate { path } => validate(&path),
        Command::Demo { out } => write_demo(&out, started),
        Command::Synth { out, years } => write_synth(&out, years, started),
        Command::Import(command) => match command.into_batch() {
            Ok(batch) => run_batch(&batch),
            Err(command) => run_import(*command),
        },
        Command::Index { archive } => rebuild_index(&archive),
        Command::SearchIndex { archive, pagefind, force, shard_mb, jobs } => {
            let shard_bytes = shard_mb.filter(|m| *m > 0.0).map(|m| (m * 1e6) as u64);
            search_index(&archive, &search::Options { pagefind, force, verbose: true, shard_bytes, jobs })
        }
        Command::Segment(args) => match import::segment::report::run(&args) {
            Ok((text, met)) => {
                println!("{text}");
                if met {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn validate(path: &Path) -> ExitCode {
    let report = check::validate(path);
    for p in &report.problems {
        println!("{p}");
    }
    println!("{}: {} file(s) checked, {} problem(s) found", path.display(), report.files, report.problems.len());
    if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn write_demo(out: &Path, started: Instant) -> ExitCode {
    let files = demo::files();
    let bytes: usize = files.values().map(Vec::len).sum();
    for (rel, content) in &files {
        if let Err(e) = json::write_file(&out.join(rel), content) {
            eprintln!("{}: cannot write the file: {e}", out.join(rel).display());
            return ExitCode::from(2);
        }
    }
    // Its whole-archive search index, as a publisher's would be (Pagefind is found as
    // `search-index` finds it; without it the demo is written without an index).
    match search::run(out, &search::Options::quiet()) {
        Ok(o) => println!("{}", o.summary()),
        Err(e) => eprintln!("warning: no search index written: {}", e.join("; ")),
    }
    // Files from an older demo would be served with it: name them.
    let mut present = Vec::new();
    if index::walk(out, out, &mut present).is_ok() {
        for rel in present.iter().filter(|r| !files.contains_key(*r) && !r.starts_with(search::DEFAULT_FOLDER)) {
            eprintln!("warning: {} is not part of the demo; delete it", out.join(rel).display());
        }
    }
    println!(
        "{}: wrote {} files, {bytes} bytes, in {:.2} s",
        out.display(),
        files.len(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn write_synth(out: &Path, years: u32, started: Instant) -> ExitCode {
    match synth::run(out, years) {
        Ok((files, bytes)) => {
            println!(
                "{}: wrote {files} files, {bytes} bytes, {years} year(s), in {:.2} s",
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn run_import(command: import::Command) -> ExitCode {
    let done = match import::run(command) {
        Ok(done) => done,
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            eprintln!("nothing written, {} problem(s) found", errors.len());
            return ExitCode::FAILURE;
        }
    };
    for w in &done.report.warnings {
        eprintln!("warning: {w}");
    }
    for r in &done.report.repairs {
        eprintln!("repaired: {r}");
    }
    let count = |k| done.issue.articles().filter(|(_, a)| a.kind == k).count();
    println!(
        "{}: {} page(s), {} article(s), {} masthead(s), {} advertisement(s), {} region(s), {} repair(s), {} warning(s)",
        done.folder.display(),
        done.pages(),
        count(ArticleKind::Article),
        count(ArticleKind::Masthead),
        count(ArticleKind::Advertisement),
        done.regions(),
        done.report.repairs.len(),
        done.report.warnings.len()
    );
    if let Some(o) = &done.index {
        for w in &o.written {
            println!("wrote {w}");
        }
    }
    eprintln!(
        "imported {} page{} in {:.2} s ({:.2} s per page)",
        done.pages(),
        if done.pages() == 1 { "" } else { "s" },
        done.seconds,
        done.seconds / done.pages().max(1) as f64
    );
    ExitCode::SUCCESS
}

fn run_batch(args: &import::batch::Args) -> ExitCode {
    let s = match import::batch::run(args) {
        Ok(s) => s,
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            return ExitCode::FAILURE;
        }
    };
    for r in &s.recovered {
        println!("recovered: {r}");
    }
    for (mets, errors) in &s.failed {
        for e in errors {
            println!("failed: {}: {e}", mets.display());
        }
    }
    for p in &s.skipped_pages {
        println!("page skipped: {p}");
    }
    for w in &s.warnings {
        println!("warning: {w}");
    }
    if let Some(o) = &s.index {
        for w in &o.written {
            println!("wrote {w}");
        }
        for r in &o.removed {
            println!("removed {r}");
        }
    }
    if let Some(o) = &s.search {
        println!("{}", o.summary());
    }
    for e in &s.errors {
        println!("error: {e}");
    }
    println!(
        "{}: {} issue(s) listed: {} imported ({} pages), {} unchanged ({} pages), {} failed; {} page(s) skipped, {} warning(s), {} repair(s)",
        args.archive.display(),
        s.listed,
        s.imported,
        s.imported_pages,
        s.unchanged,
        s.unchanged_pages,
        s.failed.len(),
        s.skipped_pages.len(),
        s.warnings.len(),
        s.repairs
    );
    let peak = import::batch::peak_memory().map(|b| format!(", peak memory {} MB", b / 1_000_000)).unwrap_or_default();
    println!("time {:.1} s, {:.2} pages per second{peak}", s.seconds, s.pages_per_second());
    if s.failed.is_empty() && s.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn search_index(archive: &Path, options: &search::Options) -> ExitCode {
    match search::run(archive, options) {
        Ok(o) => {
            println!("{}", o.summary());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                println!("{e}");
            }
            println!("{}: search index not written, {} problem(s) found", archive.display(), errors.len());
            ExitCode::FAILURE
        }
    }
}

fn rebuild_index(archive: &Path) -> ExitCode {
    match index::run(archive) {
        Ok(o) => {
            for w in &o.written {
                println!("wrote {w}");
            }
            for r in &o.removed {
                println!("removed {r}");
            }
            println!(
                "{}: {} issue(s), {} file(s) written, {} unchanged, {} removed",
                archive.display(),
                o.issues,
                o.written.len(),
                o.unchanged,
                o.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                println!("{e}");
            }
            println!("{}: nothing written, {} problem(s) found", archive.display(), errors.len());
            ExitCode::FAILURE
        }
    }
}

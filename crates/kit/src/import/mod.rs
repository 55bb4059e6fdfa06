//! `import`: turns editions held in other formats into Broadsheet issue folders.
//!
//! Each importer reads its input into a [`Draft`] (the issue with page image sizes known, the
//! image file of each page, warnings and repairs); [`finish`] then renders the page images,
//! validates the issue and moves the folder into place atomically.

mod alto;
pub mod batch;
pub mod detect;
#[cfg(test)]
mod fuzz;
mod geom;
mod iarchives;
mod iiif;
mod imagemap;
mod mets;
mod ocr;
mod output;
pub mod pdf;
pub mod pictures;
pub mod segment;
pub mod words;
mod xml;

use crate::{index, json};
use broadsheet_model::{validate_issue, Archive, Day, Issue, Page, PageImage, Paper, VERSION};
use clap::{Args, Subcommand};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Subcommand)]
pub enum Format {
    /// Import an issue METS (NDNP and similar) with the ALTO files and page images it names.
    /// Articles come from the METS logical structMap, or from the layout of the ALTO without one.
    MetsAlto {
        /// The issue METS file; the files it names are relative to it.
        mets: PathBuf,
        /// On pages without article structure, make one article per ALTO TextBlock instead of
        /// finding the articles from the layout.
        #[arg(long)]
        no_segment: bool,
        #[command(flatten)]
        target: Target,
    },
    /// Import saved HTML e-paper pages (数字报): page files with an image map, and the article
    /// pages their areas link to (found beside them, or given here too).
    Imagemap {
        #[arg(required = true)]
        html: Vec<PathBuf>,
        #[command(flatten)]
        target: Target,
    },
    /// Import a IIIF Presentation 3 manifest of a newspaper issue, with articles as ranges or
    /// annotations targeting #xywh= fragments or SVG selectors.
    Iiif {
        manifest: PathBuf,
        #[command(flatten)]
        target: Target,
    },
    /// Import an iArchives article export (Utah Digital Newspapers and others): its unit.xml,
    /// with the page files, article files and page images (or page PDFs) it names.
    Iarchives {
        unit: PathBuf,
        #[command(flatten)]
        target: Target,
    },
    /// Import an edition published as PDF: a folder of page PDFs, page PDFs named one by one,
    /// or one PDF of all the pages. Page images are rendered from the PDF (or taken out of a
    /// scan's PDF), words come from its text, articles from its layout and fonts.
    Pdf(pdf::edition::Args),
    /// Import a whole NDNP batch (its batch.xml, or the folder holding it) or any folder tree of
    /// issue METS files (or dated folders of page PDFs) into an archive, in parallel; a re-run adds new issues and leaves
    /// unchanged ones alone.
    Batch(batch::Args),
}

/// `import`: with a format named, or with the input alone, its format found from its content.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Command {
    #[command(subcommand)]
    format: Option<Format>,
    /// The input, its format found from its content: an issue METS, an iArchives unit.xml, a
    /// IIIF manifest, or HTML e-paper pages (several files).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    target: Target,
}

impl Command {
    /// The batch to import when `import batch` was asked for (it has a run of its own,
    /// `batch::run`), else the command as it was.
    pub fn into_batch(self: Box<Self>) -> Result<batch::Args, Box<Command>> {
        match self.format {
            Some(Format::Batch(args)) => Ok(args),
            format => Err(Box::new(Command { format, ..*self })),
        }
    }
}

#[derive(Args)]
#[group(required = true, multiple = false, id = "where")]
pub struct Where {
    /// Write the issue folder (issue.json and images) here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Put the issue into this archive folder, at the address its archive.json gives for the
    /// issue's date, and rebuild the month indexes and archive.json.
    #[arg(long)]
    archive: Option<PathBuf>,
}

#[derive(Args)]
pub struct Target {
    #[command(flatten)]
    place: Where,
    /// The issue date (YYYY-MM-DD), when the input does not give it or gives it wrongly.
    #[arg(long, value_parser = Day::parse)]
    date: Option<Day>,
    /// With --archive when it has no archive.json yet: the paper's name.
    #[arg(long)]
    paper: Option<String>,
    /// With --archive when it has no archive.json yet: the paper's language (BCP 47, e.g. en).
    #[arg(long)]
    language: Option<String>,
}

/// What an importer found besides the issue: things skipped and things mended.
#[derive(Debug, Default)]
pub struct Report {
    pub warnings: Vec<String>,
    pub repairs: Vec<String>,
}

/// Where a page's image comes from.
#[derive(Debug)]
pub enum Picture {
    /// A local file, rendered into the issue folder.
    File(PathBuf),
    /// The page already names its image (a http(s) address); nothing to copy.
    Named,
    /// Page `page` (from 0) of a PDF: the scan it embeds (`scale` None), or the page rendered
    /// at `scale` pixels a point.
    Pdf { file: PathBuf, page: usize, scale: Option<f64> },
}

/// An imported issue before its images are written.
#[derive(Debug)]
pub struct Draft {
    pub issue: Issue,
    /// One per page of the issue, in the same order.
    pub pictures: Vec<Picture>,
    pub report: Report,
    /// Other files to copy into the issue folder (PDFs, article pictures): source and name.
    pub extras: Vec<(PathBuf, String)>,
    /// The words of the pages whose source has word boxes (see `words`), written beside the issue.
    pub words: Vec<words::PageWords>,
}

impl Draft {
    /// An issue of `pages` (one picture each, same order), version and ranking filled in.
    pub fn new(
        date: Day,
        edition: Option<String>,
        pages: Vec<Page>,
        pictures: Vec<Picture>,
        report: Report,
        extras: Vec<(PathBuf, String)>,
    ) -> Draft {
        let issue = Issue { version: VERSION, date, edition, pages, ranking: Vec::new() };
        Draft { issue, pictures, report, extras, words: Vec::new() }
    }
}

/// A page whose image is a local file of `size`, to be rendered by [`finish`].
pub fn local_page(
    id: String,
    number: String,
    name: String,
    size: (u32, u32),
    pdf: Option<String>,
    articles: Vec<broadsheet_model::Article>,
) -> Page {
    Page {
        id,
        number,
        name,
        image: PageImage { src: String::new(), width: size.0, height: size.1, renditions: Vec::new() },
        pdf,
        words: None,
        rating: None,
        articles,
    }
}

/// Options the importers share.
pub struct Context {
    pub date: Option<Day>,
    pub paper: Option<String>,
    /// Find articles from the layout on OCR pages without article structure (else one per
    /// block).
    pub segment: bool,
}

/// What `import` did, for the summary.
pub struct Done {
    pub folder: PathBuf,
    pub issue: Issue,
    pub report: Report,
    pub seconds: f64,
    pub index: Option<index::Outcome>,
}

impl Done {
    pub fn pages(&self) -> usize {
        self.issue.pages.len()
    }

    pub fn regions(&self) -> usize {
        self.issue.articles().map(|(_, a)| a.regions.len()).sum()
    }
}

/// An importer, with its input bound.
type Reader = dyn FnOnce(&Context) -> Result<Draft, Vec<String>>;

/// Runs one import. Errors are messages placed by file (and line or element where known).
pub fn run(command: Command) -> Result<Done, Vec<String>> {
    let started = Instant::now();
    let format = match command.format {
        Some(f) => {
            detect::check(&f)?;
            f
        }
        None => detect::format(command.inputs, command.target)?,
    };
    let mut segment = true;
    let (target, read): (Target, Box<Reader>) = match format {
        Format::MetsAlto { mets, no_segment, target } => {
            segment = !no_segment;
            (target, Box::new(move |cx| mets::import(&mets, cx)))
        }
        Format::Imagemap { html, target } => (target, Box::new(move |cx| imagemap::import(&html, cx))),
        Format::Iiif { manifest, target } => (target, Box::new(move |cx| iiif::import(&manifest, cx))),
        Format::Iarchives { unit, target } => (target, Box::new(move |cx| iarchives::import(&unit, cx))),
        Format::Pdf(pdf::edition::Args { pdf, pages, dpi, no_segment, target }) => {
            segment = !no_segment;
            (target, Box::new(move |cx| pdf::edition::import(&pdf, &pages, dpi, cx)))
        }
        Format::Batch(_) => return Err(vec!["a batch is imported with import::batch::run".into()]),
    };
    // Check the archive before the work, so that a wrong option costs nothing.
    let archive = match &target.place.archive {
        Some(dir) => Some((dir.clone(), open_archive(dir, &target)?)),
        None => None,
    };
    let cx = Context { date: target.date, paper: target.paper.clone(), segment };
    let draft = read(&cx)?;
    let (folder, file) = match (&archive, &target.place.out) {
        (Some((dir, a)), _) => issue_place(dir, a, draft.issue.date)?,
        (None, Some(out)) => (out.clone(), "issue.json".to_string()),
        (None, None) => unreachable!("clap requires --out or --archive"),
    };
    let (issue, report) = finish(draft, &folder, &file)?;
    let index = match archive {
        Some((dir, _)) => Some(index::run(&dir)?),
        None => None,
    };
    Ok(Done { folder, issue, report, seconds: started.elapsed().as_secs_f64(), index })
}

/// The folder of the issue of `date` in the archive in `dir`, and the issue file's name in it;
/// an error when the archive's `issues` template does not give each issue its own folder.
fn issue_place(dir: &Path, a: &Archive, date: Day) -> Result<(PathBuf, String), Vec<String>> {
    let rel = a.issue_path(date);
    let (folder, file) = rel.rsplit_once('/').ok_or_else(|| {
        vec![format!("{}: issues: {:?} puts every issue in one folder; importing needs a folder per issue, e.g. issues/{{yyyy}}-{{mm}}-{{dd}}/issue.json", dir.join("archive.json").display(), a.issues)]
    })?;
    if ["{yyyy}", "{mm}", "{dd}"].iter().any(|f| file.contains(f))
        || !a.issues.rsplit_once('/').is_some_and(|(d, _)| d.contains("{dd}"))
    {
        return Err(vec![format!("{}: issues: {:?} does not give each issue its own folder; importing needs one, e.g. issues/{{yyyy}}-{{mm}}-{{dd}}/issue.json", dir.join("archive.json").display(), a.issues)]);
    }
    Ok((dir.join(folder), file.to_string()))
}

/// Reads the archive's manifest, or writes a first one from `paper` and `language`.
fn open_archive(dir: &Path, t: &Target) -> Result<Archive, Vec<String>> {
    start_archive(dir, t.paper.as_deref(), t.language.as_deref())
}

fn start_archive(dir: &Path, paper: Option<&str>, language: Option<&str>) -> Result<Archive, Vec<String>> {
    let path = dir.join("archive.json");
    if path.is_file() {
        let text =
            fs::read_to_string(&path).map_err(|e| vec![format!("{}: cannot read the file: {e}", path.display())])?;
        return serde_json::from_str(&text).map_err(|e| vec![format!("{}: {e}", path.display())]);
    }
    let (Some(name), Some(language)) = (paper, language) else {
        return Err(vec![format!(
            "{}: there is no archive.json yet: give --paper and --language to start the archive",
            dir.display()
        )]);
    };
    let day = Day::new(1900, 1, 1).expect("a real date");
    let archive = Archive {
        version: VERSION,
        paper: Paper {
            name: name.to_string(),
            title: None,
            serial: None,
            language: language.to_string(),
            publisher: None,
            copyright: None,
            links: Vec::new(),
        },
        first: day,
        last: day,
        months: crate::demo::MONTHS.into(),
        issues: crate::demo::ISSUES.into(),
        empty_months: Vec::new(),
        search: None,
        search_start: Vec::new(),
        origins: Vec::new(),
    };
    // `index` rewrites the dates once the issue is in.
    json::write_file(&path, json::to_text(&archive).as_bytes())
        .map_err(|e| vec![format!("{}: cannot write the file: {e}", path.display())])?;
    Ok(archive)
}

/// Renders the page images next to the issue, validates it and moves the folder into place.
pub fn finish(draft: Draft, folder: &Path, file: &str) -> Result<(Issue, Report), Vec<String>> {
    let staging = output::Staging::new(folder).map_err(|e| vec![e])?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let written = write_issue(draft, staging.path(), file, threads, false)?;
    staging.commit().map_err(|e| vec![e])?;
    Ok((written.issue, written.report))
}

/// An issue written into a folder, with the pages left out because their image failed.
pub(crate) struct Written {
    pub issue: Issue,
    pub report: Report,
    /// One message per page left out (only with `skip_bad_pages`).
    pub skipped: Vec<String>,
}

/// Renders the page images into `dir` on up to `threads` threads, validates the issue and
/// writes it there as `file`, with the words files and extras. With `skip_bad_pages` a page
/// whose image cannot be rendered is left out (with the regions on it) and reported, while
/// the others go in; without, it fails the issue.
pub(crate) fn write_issue(
    mut draft: Draft,
    dir: &Path,
    file: &str,
    threads: usize,
    skip_bad_pages: bool,
) -> Result<Written, Vec<String>> {
    let mut errors = Vec::new();
    let mut bad = Vec::new();
    for (i, r) in render_pictures(&draft.pictures, dir, threads) {
        let page = &mut draft.issue.pages[i];
        let r = r.and_then(|img| {
            if (img.width, img.height) != (page.image.width, page.image.height) {
                return Err(format!(
                    "page {}: the image is {}x{} but was read as {}x{}",
                    page.number, img.width, img.height, page.image.width, page.image.height
                ));
            }
            Ok(img)
        });
        match r {
            Ok(img) => page.image = img,
            Err(e) if skip_bad_pages => bad.push((i, format!("page {}: left out: {e}", page.number))),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if bad.len() == draft.issue.pages.len() {
        return Err(bad.into_iter().map(|(_, e)| e).collect());
    }
    let skipped: Vec<String> = bad.iter().map(|(_, e)| e.clone()).collect();
    drop_pages(&mut draft, bad.iter().map(|(i, _)| *i).collect(), dir);
    for (from, name) in &draft.extras {
        fs::copy(from, dir.join(name)).map_err(|e| vec![format!("{}: cannot copy: {e}", from.display())])?;
    }
    // Each page with words names its file, which must fit the page as the issue has it.
    let mut files = Vec::new();
    for w in draft.words.iter().filter(|w| !w.is_empty()) {
        let Some(i) = draft.issue.pages.iter().position(|p| p.id == w.page) else { continue };
        let name = words::file_name(&w.page);
        let data = w.to_file();
        let problems = broadsheet_model::validate_words_in(&data, &draft.issue, i);
        if !problems.is_empty() {
            return Err(problems.into_iter().map(|p| format!("{name} (not written): {p}")).collect());
        }
        draft.issue.pages[i].words = Some(name.clone());
        files.push((name, data));
    }
    let problems = validate_issue(&draft.issue);
    if !problems.is_empty() {
        return Err(problems.into_iter().map(|p| format!("{file} (not written): {p}")).collect());
    }
    for (name, data) in files {
        let path = dir.join(name);
        fs::write(&path, words::file_text(&data))
            .map_err(|e| vec![format!("{}: cannot write: {e}", path.display())])?;
    }
    let text = json::to_text(&draft.issue);
    fs::write(dir.join(file), text).map_err(|e| vec![format!("{}: cannot write: {e}", dir.join(file).display())])?;
    Ok(Written { issue: draft.issue, report: draft.report, skipped })
}

/// Renders each local picture into `dir` as `p{N}` (N its page's position), on up to `threads`
/// threads: pages are independent. Results by page index, in no particular order.
fn render_pictures(
    pictures: &[Picture],
    dir: &Path,
    threads: usize,
) -> Vec<(usize, Result<broadsheet_model::PageImage, String>)> {
    let jobs: Vec<(usize, &Picture)> =
        pictures.iter().enumerate().filter(|(_, p)| !matches!(p, Picture::Named)).collect();
    let workers = threads.min(jobs.len()).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let jobs = &jobs;
                s.spawn(move || {
                    jobs.iter()
                        .skip(w)
                        .step_by(workers)
                        .map(|&(i, p)| (i, picture(p, dir, &format!("p{}", i + 1))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// Writes one page's picture into `dir` as `base`.
fn picture(p: &Picture, dir: &Path, base: &str) -> Result<broadsheet_model::PageImage, String> {
    match p {
        Picture::File(f) => pictures::render(f, dir, base),
        Picture::Pdf { file, page, scale } => pdf::edition::picture(file, *page, *scale, dir, base),
        Picture::Named => Err("a named picture is not rendered".into()),
    }
}

/// Takes the pages at `bad` out of the draft: their pictures, words and the files already
/// rendered for them, the articles on them and the regions other articles have there.
fn drop_pages(draft: &mut Draft, mut bad: Vec<usize>, dir: &Path) {
    bad.sort_unstable();
    let gone: Vec<String> = bad.iter().map(|&i| draft.issue.pages[i].id.clone()).collect();
    for &i in bad.iter().rev() {
        draft.issue.pages.remove(i);
        draft.pictures.remove(i);
        // A failed render may have written the page's image (`pN.jpg`) before a rendition failed.
        let base = format!("p{}", i + 1);
        for e in fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&base).unwrap_or("");
            if rest.starts_with('.') || rest == "-phone.jpg" || rest == "-thumb.jpg" {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    draft.words.retain(|w| !gone.contains(&w.page));
    for page in &mut draft.issue.pages {
        for a in &mut page.articles {
            a.regions.retain(|r| r.page.as_ref().is_none_or(|p| !gone.contains(p)));
        }
    }
    let kept: Vec<String> = draft.issue.articles().map(|(_, a)| a.id.clone()).collect();
    draft.issue.ranking.retain(|r| kept.contains(&r.article));
}

/// Whitespace runs to single spaces, trimmed.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title cut to at most `max` characters at a word boundary, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = squash(s);
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rsplit_once(' ') {
        Some((head, _)) if head.chars().count() > max / 2 => head.to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// An id made of the characters ids allow.
pub fn id_from(s: &str) -> String {
    let id: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '-' }).take(200).collect();
    if id.is_empty() {
        "x".into()
    } else {
        id
    }
}

/// The file's location for messages: as given.
pub fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// Reads a whole file, or says which and why not.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{}: cannot read the file: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_page_takes_its_articles_files_and_regions_with_it() {
        use broadsheet_model::{Article, ArticleKind, RankEntry, Region};
        let square = || vec![[0.0, 0.0], [5.0, 0.0], [5.0, 5.0]];
        let article = |id: &str, on: Option<&str>| Article {
            id: id.into(),
            kind: ArticleKind::Article,
            pretitle: None,
            title: id.into(),
            subtitle: None,
            byline: None,
            body: Vec::new(),
            regions: std::iter::once(Region { page: None, points: square() })
                .chain(on.map(|p| Region { page: Some(p.into()), points: square() }))
                .collect(),
        };
        let page = |id: &str, a: Article| local_page(id.into(), id.into(), id.into(), (10, 10), None, vec![a]);
        let pages = vec![
            page("p1", article("a1", Some("p2"))),
            page("p2", article("a2", None)),
            page("p3", article("a3", None)),
        ];
        let pictures = (1..=3).map(|i| Picture::File(PathBuf::from(format!("{i}.jpg")))).collect();
        let mut draft =
            Draft::new(Day::new(1916, 8, 26).unwrap(), None, pages, pictures, Report::default(), Vec::new());
        draft.issue.ranking =
            vec![RankEntry { article: "a2".into(), reads: None }, RankEntry { article: "a3".into(), reads: None }];
        let dir = tempfile::tempdir().unwrap();
        for f in ["p2.jpg", "p2-phone.jpg", "p2-thumb.jpg", "p20.jpg", "p1.jpg"] {
            fs::write(dir.path().join(f), "x").unwrap();
        }
        drop_pages(&mut draft, vec![1], dir.path());
        let ids: Vec<&str> = draft.issue.pages.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p3"]);
        assert_eq!(draft.pictures.len(), 2);
        assert_eq!(draft.issue.pages[0].articles[0].regions.len(), 1, "the region on the dropped page goes");
        assert_eq!(draft.issue.ranking.iter().map(|r| r.article.as_str()).collect::<Vec<_>>(), ["a3"]);
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, ["p1.jpg", "p20.jpg"]);
        // Valid but for the images, which are rendered later.
        let problems = validate_issue(&draft.issue);
        assert!(problems.iter().all(|p| p.path.ends_with(".image.src")), "{problems:?}");
    }

    #[test]
    fn titles_are_shortened_at_words() {
        assert_eq!(shorten("  a  b ", 10), "a b");
        assert_eq!(shorten("The quick brown fox jumps over", 16), "The quick brown…");
        assert_eq!(id_from("TB.Img0001.1 x"), "TB.Img0001.1-x");
        assert_eq!(id_from(""), "x");
    }
}

//! `import`: turns editions held in other formats into Broadsheet issue folders.
//!
//! Each importer reads its input into a [`Draft`] (the issue with page image sizes known, the
//! image file of each page, warnings and repairs); [`finish`] then renders the page images,
//! validates the issue and moves the folder into place atomically.

mod alto;
#[cfg(test)]
mod fuzz;
mod geom;
mod iiif;
mod imagemap;
mod mets;
mod ocr;
mod output;
mod pictures;
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
pub fn run(format: Format) -> Result<Done, Vec<String>> {
    let started = Instant::now();
    let mut segment = true;
    let (target, read): (Target, Box<Reader>) = match format {
        Format::MetsAlto { mets, no_segment, target } => {
            segment = !no_segment;
            (target, Box::new(move |cx| mets::import(&mets, cx)))
        }
        Format::Imagemap { html, target } => (target, Box::new(move |cx| imagemap::import(&html, cx))),
        Format::Iiif { manifest, target } => (target, Box::new(move |cx| iiif::import(&manifest, cx))),
    };
    // Check the archive before the work, so that a wrong option costs nothing.
    let archive = match &target.place.archive {
        Some(dir) => Some((dir.clone(), open_archive(dir, &target)?)),
        None => None,
    };
    let cx = Context { date: target.date, paper: target.paper.clone(), segment };
    let draft = read(&cx)?;
    let (folder, file) = match (&archive, &target.place.out) {
        (Some((dir, a)), _) => {
            let rel = a.issue_path(draft.issue.date);
            let (folder, file) = rel.rsplit_once('/').ok_or_else(|| {
                vec![format!("{}: issues: {:?} puts every issue in one folder; importing needs a folder per issue, e.g. issues/{{yyyy}}-{{mm}}-{{dd}}/issue.json", dir.join("archive.json").display(), a.issues)]
            })?;
            if ["{yyyy}", "{mm}", "{dd}"].iter().any(|f| file.contains(f))
                || !a.issues.rsplit_once('/').is_some_and(|(d, _)| d.contains("{dd}"))
            {
                return Err(vec![format!("{}: issues: {:?} does not give each issue its own folder; importing needs one, e.g. issues/{{yyyy}}-{{mm}}-{{dd}}/issue.json", dir.join("archive.json").display(), a.issues)]);
            }
            (dir.join(folder), file.to_string())
        }
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

/// Reads the archive's manifest, or writes a first one from --paper and --language.
fn open_archive(dir: &Path, t: &Target) -> Result<Archive, Vec<String>> {
    let path = dir.join("archive.json");
    if path.is_file() {
        let text =
            fs::read_to_string(&path).map_err(|e| vec![format!("{}: cannot read the file: {e}", path.display())])?;
        return serde_json::from_str(&text).map_err(|e| vec![format!("{}: {e}", path.display())]);
    }
    let (Some(name), Some(language)) = (&t.paper, &t.language) else {
        return Err(vec![format!(
            "{}: there is no archive.json yet: give --paper and --language to start the archive",
            dir.display()
        )]);
    };
    let day = Day::new(1900, 1, 1).expect("a real date");
    let archive = Archive {
        version: VERSION,
        paper: Paper {
            name: name.clone(),
            title: None,
            serial: None,
            language: language.clone(),
            publisher: None,
            copyright: None,
            links: Vec::new(),
        },
        first: day,
        last: day,
        months: crate::demo::MONTHS.into(),
        issues: crate::demo::ISSUES.into(),
        empty_months: Vec::new(),
    };
    // `index` rewrites the dates once the issue is in.
    json::write_file(&path, json::to_text(&archive).as_bytes())
        .map_err(|e| vec![format!("{}: cannot write the file: {e}", path.display())])?;
    Ok(archive)
}

/// Renders the page images next to the issue, validates it and moves the folder into place.
pub fn finish(mut draft: Draft, folder: &Path, file: &str) -> Result<(Issue, Report), Vec<String>> {
    let staging = output::Staging::new(folder).map_err(|e| vec![e])?;
    let dir = staging.path().to_path_buf();
    let jobs: Vec<(usize, &PathBuf)> = draft
        .pictures
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p {
            Picture::File(f) => Some((i, f)),
            Picture::Named => None,
        })
        .collect();
    // Pages are independent: render them on every core.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
    let results: Vec<(usize, Result<broadsheet_model::PageImage, String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (jobs, dir) = (&jobs, &dir);
                s.spawn(move || {
                    jobs.iter()
                        .skip(w)
                        .step_by(workers)
                        .map(|&(i, f)| (i, pictures::render(f, dir, &format!("p{}", i + 1))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut errors = Vec::new();
    for (i, r) in results {
        match r {
            Ok(img) => {
                let page = &mut draft.issue.pages[i];
                if (img.width, img.height) != (page.image.width, page.image.height) {
                    errors.push(format!(
                        "page {}: the image is {}x{} but was read as {}x{}",
                        page.number, img.width, img.height, page.image.width, page.image.height
                    ));
                }
                page.image = img;
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (from, name) in &draft.extras {
        fs::copy(from, dir.join(name)).map_err(|e| vec![format!("{}: cannot copy: {e}", from.display())])?;
    }
    let problems = validate_issue(&draft.issue);
    if !problems.is_empty() {
        return Err(problems.into_iter().map(|p| format!("{file} (not written): {p}")).collect());
    }
    for w in draft.words.iter().filter(|w| !w.is_empty()) {
        let path = dir.join(words::file_name(&w.page));
        fs::write(&path, w.to_text()).map_err(|e| vec![format!("{}: cannot write: {e}", path.display())])?;
    }
    let text = json::to_text(&draft.issue);
    fs::write(dir.join(file), text).map_err(|e| vec![format!("{}: cannot write: {e}", dir.join(file).display())])?;
    staging.commit().map_err(|e| vec![e])?;
    Ok((draft.issue, draft.report))
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
    fn titles_are_shortened_at_words() {
        assert_eq!(shorten("  a  b ", 10), "a b");
        assert_eq!(shorten("The quick brown fox jumps over", 16), "The quick brown…");
        assert_eq!(id_from("TB.Img0001.1 x"), "TB.Img0001.1-x");
        assert_eq!(id_from(""), "x");
    }
}

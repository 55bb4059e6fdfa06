//! `broadsheet-kit segment`: the articles found on one ALTO page and their figures (see
//! `figures`), against the articles of a METS logical structMap where one is given.

use super::alto_page::{self, Segmented};
use super::figures::{self, Figures, Judged};
use super::Kind;
use crate::import::alto;
use crate::import::{mets, pictures, read, shown, xml, Report};
use clap::Args as ClapArgs;
use serde::Deserialize;
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(ClapArgs)]
pub struct Args {
    /// The page's ALTO file.
    pub alto: PathBuf,
    /// The page image: its size gives the pixels, and rules are read off it.
    #[arg(long)]
    pub image: PathBuf,
    /// The page's true articles: a METS whose logical structMap names this page's ALTO blocks,
    /// or a JSON file of articles as ranges of TextLine IDs. The segmentation (made with it
    /// ignored) is judged against them.
    #[arg(long)]
    pub truth: Option<PathBuf>,
    /// Judge one article per TextBlock instead, as `import mets-alto --no-segment` makes them.
    #[arg(long)]
    pub no_segment: bool,
    /// Print the figures and the articles as JSON, each article with its lines as TextLine ID
    /// ranges (the form a JSON truth takes).
    #[arg(long)]
    pub json: bool,
}

/// A page segmented and judged.
pub struct Measured {
    pub figures: Figures,
    pub page: Segmented,
    pub alto: alto::Alto,
}

/// Segments the ALTO page at `alto_path` shown by the image at `image` (or keeps its blocks,
/// with `segment` false) and judges the result, against the METS `truth` where given.
pub fn measure(alto_path: &Path, image: &Path, truth: Option<&Path>, segment: bool) -> Result<Measured, String> {
    let name = shown(alto_path);
    let text = xml::decode(&read(alto_path)?).map_err(|e| format!("{name}: {e}"))?;
    let a = alto::parse(&text, &name)?;
    let size = pictures::size(image)?;
    let scale = alto::scale(&a, size, &name, &mut Report::default());
    let page = alto_page::segment_page(&a, scale, size, Some(image), segment, None);
    let truth = match truth {
        Some(t) => Some(truth_of(t, &a, &page)?),
        None => None,
    };
    let judged: Vec<Judged> = page
        .stories
        .iter()
        .zip(&page.articles)
        .map(|(s, a)| Judged {
            masthead: s.kind == Kind::Masthead,
            title: a.title.clone(),
            regions: s.regions.clone(),
            lines: s.all_lines(),
        })
        .collect();
    let figures = figures::judge(&page.lines, &judged, truth.as_deref());
    Ok(Measured { figures, page, alto: a })
}

/// A truth written by hand: the page's articles, each its ALTO lines as ranges of TextLine IDs
/// (first and last, in the order of the file).
#[derive(Deserialize)]
struct Truth {
    articles: Vec<TrueArticle>,
}

#[derive(Deserialize)]
struct TrueArticle {
    /// Pairs of the first and last TextLine ID of a stretch of its lines.
    lines: Vec<(String, String)>,
}

/// Each line's article in the truth at `path`: a METS whose logical structMap names ALTO
/// blocks, or a JSON truth (see [`Truth`]).
fn truth_of(path: &Path, a: &alto::Alto, page: &Segmented) -> Result<Vec<Option<usize>>, String> {
    let name = shown(path);
    let text = xml::decode(&read(path)?).map_err(|e| format!("{name}: {e}"))?;
    let found = if text.trim_start().starts_with('{') {
        let truth: Truth = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        by_lines(a, page, &truth)
    } else {
        by_blocks(a, page, &mets::logical_blocks(path)?)
    };
    if found.iter().all(Option::is_none) {
        return Err(format!("{name}: names none of the lines of this ALTO"));
    }
    Ok(found)
}

/// Each line's article from METS items: the item whose block ranges hold its block.
fn by_blocks(a: &alto::Alto, page: &Segmented, items: &[mets::BlockItem]) -> Vec<Option<usize>> {
    let position = |id: &str| a.blocks.iter().position(|b| b.id == id);
    let mut of_block: Vec<Option<usize>> = vec![None; a.blocks.len()];
    for (k, (_, ranges)) in items.iter().enumerate() {
        for (b, e) in ranges {
            if let (Some(b), Some(e)) = (position(b), position(e)) {
                of_block[b.min(e)..=e.max(b)].iter_mut().for_each(|x| *x = Some(k));
            }
        }
    }
    page.lines.iter().map(|l| of_block[l.block]).collect()
}

/// Each line's article from a hand-made truth: the article whose line ranges hold it.
fn by_lines(a: &alto::Alto, page: &Segmented, truth: &Truth) -> Vec<Option<usize>> {
    let order: Vec<(usize, usize)> =
        a.blocks.iter().enumerate().flat_map(|(b, x)| (0..x.lines.len()).map(move |k| (b, k))).collect();
    let at = |id: &str| order.iter().position(|&(b, k)| a.blocks[b].lines[k].id == id);
    let mut of_line: Vec<Option<usize>> = vec![None; order.len()];
    for (n, art) in truth.articles.iter().enumerate() {
        for (first, last) in &art.lines {
            if let (Some(f), Some(l)) = (at(first), at(last)) {
                of_line[f.min(l)..=l.max(f)].iter_mut().for_each(|x| *x = Some(n));
            }
        }
    }
    page.origin.iter().map(|(b, k, _)| order.iter().position(|o| *o == (*b, *k)).and_then(|i| of_line[i])).collect()
}

/// Lines (segmentation indexes) as ranges of ALTO TextLine IDs in the order of the file, as a
/// JSON truth gives them.
fn line_ranges(m: &Measured, lines: &[usize]) -> Vec<(String, String)> {
    let order: Vec<(usize, usize)> =
        m.alto.blocks.iter().enumerate().flat_map(|(b, x)| (0..x.lines.len()).map(move |k| (b, k))).collect();
    let mut at: Vec<usize> = lines
        .iter()
        .filter_map(|&i| {
            let (b, k, _) = &m.page.origin[i];
            order.iter().position(|o| *o == (*b, *k))
        })
        .collect();
    at.sort_unstable();
    at.dedup();
    let id = |n: usize| m.alto.blocks[order[n].0].lines[order[n].1].id.clone();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for n in at {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => out.push((n, n)),
        }
    }
    out.into_iter().map(|(f, l)| (id(f), id(l))).collect()
}

/// The command: the figures as text (or JSON with the articles), and whether the page meets
/// the acceptance thresholds.
pub fn run(args: &Args) -> Result<(String, bool), String> {
    let m = measure(&args.alto, &args.image, args.truth.as_deref(), !args.no_segment)?;
    let f = &m.figures;
    let failures = f.failures();
    if args.json {
        let articles: Vec<_> = m
            .page
            .stories
            .iter()
            .zip(&m.page.articles)
            .map(|(s, a)| {
                json!({"kind": if s.kind == Kind::Masthead { "masthead" } else { "article" }, "title": a.title,
                    "subtitle": a.subtitle, "regions": s.regions.iter().map(|r| [r.x0, r.y0, r.x1, r.y1]).collect::<Vec<_>>(),
                    "lines": line_ranges(&m, &s.all_lines())})
            })
            .collect();
        let out = json!({"figures": f, "failures": failures, "articles": articles});
        return Ok((serde_json::to_string_pretty(&out).expect("plain values"), failures.is_empty()));
    }
    let pct = |v: f64| format!("{:.1} %", 100.0 * v);
    let mut out = format!(
        "{}: {} article(s) and {} masthead(s) for {} headline(s)\n",
        shown(&args.alto),
        f.articles,
        f.mastheads,
        f.headlines
    );
    out +=
        &format!("  worst overlap of regions of different articles: {} of the smaller (at most 5 %)\n", pct(f.overlap));
    out += &format!("  text lines in a region: {} (at least 95 %)\n", pct(f.covered));
    out += &format!("  region area: {:.2} x the text lines' (at most 2)\n", f.area_ratio);
    out += &format!("  titles that are headlines of the page: {} of {}\n", f.titles_headlines, f.titles);
    for (what, s) in [("article boundaries", f.boundaries), ("pairs of lines in one article", f.pairs)] {
        if let Some(s) = s {
            out += &format!(
                "  {what} against the truth: precision {:.3}, recall {:.3} ({} found, {} true)\n",
                s.precision, s.recall, s.found, s.truth
            );
        }
    }
    out += &if failures.is_empty() {
        "  acceptance: met\n".to_string()
    } else {
        format!("  acceptance: NOT met: {}\n", failures.join("; "))
    };
    Ok((out, failures.is_empty()))
}

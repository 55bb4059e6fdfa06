//! The files of an issue, as its data names them (relative to the issue JSON): every one the
//! reader may show, for attributing what the worker keeps, and the ones a reader on this screen
//! needs, for saving a whole issue. Plain Rust, no web types.

use super::store::pick_rendition;
use broadsheet_model::{Block, Issue, Page};

/// Every file the reader may show of an issue: each page in every rendition and its words, article
/// images.
pub fn all_files(issue: &Issue) -> Vec<&str> {
    let mut files: Vec<&str> = Vec::new();
    for page in &issue.pages {
        files.push(&page.image.src);
        files.extend(page.image.renditions.iter().map(|r| r.src.as_str()));
        files.extend(page.words.as_deref());
    }
    files.extend(article_images(issue));
    files.retain(|f| keepable(f));
    files
}

/// Whether an address can be kept at all: the lenient reader empties a refused page image
/// address (the page shows without its image) and the map then points at `about:blank`.
fn keepable(src: &str) -> bool {
    !src.is_empty() && broadsheet_model::url::check_url(src).is_ok()
}

/// What saving an issue fetches: each page in the rendition the map shows in a slot `slot_px`
/// wide at `dpr`, each page's thumbnail and words file, and the articles' images.
pub fn save_list(issue: &Issue, slot_px: f64, dpr: f64) -> Vec<&str> {
    let mut files: Vec<&str> = Vec::new();
    for page in &issue.pages {
        let sources = sources(page);
        let widths: Vec<u32> = sources.iter().map(|(w, _)| *w).collect();
        if let Some(i) = pick_rendition(&widths, slot_px, dpr) {
            files.push(sources[i].1);
        }
        // The page list's thumbnail: the narrowest source.
        if let Some((_, thumb)) = sources.iter().min_by_key(|(w, _)| *w) {
            files.push(thumb);
        }
        // The page's own text, for selecting it and for search hits on its words offline.
        files.extend(page.words.as_deref());
    }
    let mut unique: Vec<&str> = Vec::with_capacity(files.len());
    for f in files.into_iter().chain(article_images(issue)) {
        if keepable(f) && !unique.contains(&f) {
            unique.push(f);
        }
    }
    unique
}

/// A page's sources by width, as the map's `srcset` lists them (the full image last on a tie).
fn sources(page: &Page) -> Vec<(u32, &str)> {
    let mut s: Vec<(u32, &str)> = page.image.renditions.iter().map(|r| (r.width, r.src.as_str())).collect();
    s.push((page.image.width, &page.image.src));
    s
}

fn article_images(issue: &Issue) -> impl Iterator<Item = &str> {
    issue.articles().flat_map(|(_, a)| {
        a.body.iter().filter_map(|b| match b {
            Block::Image { src, .. } => Some(src.as_str()),
            _ => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Issue {
        broadsheet_model::parse::<Issue>(include_str!("../../demo/data/issues/2016-09-24/issue.json")).unwrap()
    }

    #[test]
    fn saving_the_demo_issue_takes_each_page_its_thumbnail_words_and_the_photos() {
        let issue = demo();
        let list = save_list(&issue, 768.0, 1.0);
        assert_eq!(
            list,
            [
                "p1.svg",
                "p1-thumb.svg",
                "p1.words.json",
                "p2.svg",
                "p2-thumb.svg",
                "p2.words.json",
                "p3.svg",
                "p3-thumb.svg",
                "p3.words.json",
                "p4.svg",
                "p4-thumb.svg",
                "p4.words.json",
                "photo-a0102.svg",
                "photo-a0207.svg",
                "photo-a0401.svg"
            ]
        );
        // A slot narrower than a thumbnail shows the thumbnail: listed once.
        assert_eq!(save_list(&issue, 100.0, 1.0)[..3], ["p1-thumb.svg", "p1.words.json", "p2-thumb.svg"]);
    }

    #[test]
    fn a_refused_page_image_is_not_fetched_or_kept() {
        let mut issue = demo();
        issue.pages[0].image.src.clear();
        issue.pages[0].image.renditions.clear();
        assert!(!save_list(&issue, 1000.0, 1.0).contains(&""));
        assert!(!all_files(&issue).contains(&""));
        assert!(save_list(&issue, 1000.0, 1.0).contains(&"p2.svg"));
    }

    #[test]
    fn a_saved_issue_keeps_its_pages_words() {
        let mut issue = demo();
        assert!(save_list(&issue, 768.0, 2.0).contains(&"p2.words.json"));
        assert!(all_files(&issue).contains(&"p2.words.json"));
        issue.pages[1].words = None;
        assert!(!save_list(&issue, 768.0, 2.0).contains(&"p2.words.json"), "a page without");
        assert!(save_list(&issue, 768.0, 2.0).contains(&"p1.words.json"));
    }

    #[test]
    fn every_file_the_reader_may_show_is_known() {
        let issue = demo();
        let all = all_files(&issue);
        assert!(save_list(&issue, 768.0, 2.0).iter().all(|f| all.contains(f)));
        assert_eq!(all.len(), 15);
    }
}

//! Which article regions lie on a page, in what order, as SVG points (the page map draws them, the
//! title list lists them). Coordinates are full-resolution page pixels; the map's SVG viewBox is
//! the page size, so the browser scales regions exactly with the image and hit-tests them itself.

use broadsheet_model::num::fixed;
use broadsheet_model::{ArticleKind, Issue};

/// One article's regions on one page, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct PageRegions {
    pub article: String,
    pub title: String,
    /// Each polygon as an SVG `points` attribute.
    pub polygons: Vec<String>,
}

/// The readable articles printed on a page (their own or continued there), in the issue's
/// reading order, each with its polygons on that page.
pub fn regions_on_page(issue: &Issue, page: usize) -> Vec<PageRegions> {
    let Some(page_id) = issue.pages.get(page).map(|p| p.id.as_str()) else { return Vec::new() };
    issue
        .articles()
        .filter(|(_, a)| a.kind == ArticleKind::Article)
        .filter_map(|(home, a)| {
            let home_id = &issue.pages[home].id;
            let polygons: Vec<String> = a
                .regions
                .iter()
                .filter(|r| a.region_page(r, home_id) == page_id)
                .map(|r| svg_points(&r.points))
                .collect();
            (!polygons.is_empty()).then(|| PageRegions { article: a.id.clone(), title: a.title.clone(), polygons })
        })
        .collect()
}

/// The box around an article's regions on a page, `[left, top, right, bottom]` in page pixels;
/// `None` when it has none there.
pub fn region_bounds(issue: &Issue, page: usize, article: &str) -> Option<[f64; 4]> {
    let page_id = issue.pages.get(page)?.id.as_str();
    let (home, a) = issue.article(article)?;
    let home_id = &issue.pages[home].id;
    let points = a.regions.iter().filter(|r| a.region_page(r, home_id) == page_id).flat_map(|r| r.points.iter());
    points.fold(None, |b, &[x, y]| {
        Some(match b {
            None => [x, y, x, y],
            Some([l, t, r, bt]) => [l.min(x), t.min(y), r.max(x), bt.max(y)],
        })
    })
}

/// `[[x, y], ...]` as `x,y x,y ...`, rounded to a tenth of a pixel to keep the DOM small.
pub fn svg_points(points: &[[f64; 2]]) -> String {
    let mut s = String::with_capacity(points.len() * 12);
    for (i, [x, y]) in points.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&format!("{},{}", fixed(*x, 1), fixed(*y, 1)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue() -> Issue {
        broadsheet_model::parse(
            r#"{"version": 1, "date": "2016-09-24", "pages": [
              {"id": "p1", "number": "1", "name": "A", "image": {"src": "p1.svg", "width": 1000, "height": 1500},
               "articles": [
                 {"id": "mast", "kind": "masthead", "title": "Paper", "regions": [{"points": [[0,0],[1000,0],[1000,100],[0,100]]}]},
                 {"id": "lead", "title": "Lead", "regions": [
                    {"points": [[0,100],[500,100],[500,600],[0,600]]},
                    {"page": "p2", "points": [[0,0],[1000,0],[1000,300],[0,300]]}]},
                 {"id": "l", "title": "L-shaped", "regions": [{"points": [[500,100],[1000,100],[1000,900],[0,900],[0,600],[500,600]]}]}
               ]},
              {"id": "p2", "number": "2", "name": "B", "image": {"src": "p2.svg", "width": 1000, "height": 1500},
               "articles": [{"id": "own", "title": "Own", "regions": [{"points": [[0,300],[1000,300],[1000,800],[0,800]]}]}]}
            ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn regions_of_a_page_in_reading_order_with_continuations() {
        let i = issue();
        let p1: Vec<_> = regions_on_page(&i, 0).into_iter().map(|r| r.article).collect();
        assert_eq!(p1, ["lead", "l"], "the masthead is not a link");
        let p2 = regions_on_page(&i, 1);
        assert_eq!(p2.iter().map(|r| r.article.as_str()).collect::<Vec<_>>(), ["lead", "own"]);
        assert_eq!(p2[0].polygons, ["0,0 1000,0 1000,300 0,300"]);
        assert!(regions_on_page(&i, 7).is_empty());
    }

    #[test]
    fn an_articles_box_on_a_page_holds_its_regions_there() {
        let i = issue();
        assert_eq!(region_bounds(&i, 0, "l"), Some([0.0, 100.0, 1000.0, 900.0]), "an L-shaped region's box");
        assert_eq!(region_bounds(&i, 0, "lead"), Some([0.0, 100.0, 500.0, 600.0]), "its own page only");
        assert_eq!(region_bounds(&i, 1, "lead"), Some([0.0, 0.0, 1000.0, 300.0]), "continued on p2");
        assert_eq!(region_bounds(&i, 1, "l"), None);
        assert_eq!(region_bounds(&i, 0, "nope"), None);
    }

    #[test]
    fn points_are_rounded_to_a_tenth() {
        assert_eq!(svg_points(&[[1.04, 2.0], [3.25, 4.0], [5.0, 6.06]]), "1,2 3.3,4 5,6.1");
    }
}

//! Page-map geometry, plain Rust: which regions lie on a page, in what order, as SVG points,
//! and which article a point on the page hits. Coordinates are full-resolution page pixels; the
//! SVG overlay's viewBox is the page size, so the browser scales regions exactly with the image.

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

/// `[[x, y], ...]` as `x,y x,y ...`, rounded to a tenth of a pixel to keep the DOM small.
pub fn svg_points(points: &[[f64; 2]]) -> String {
    let mut s = String::with_capacity(points.len() * 12);
    for (i, [x, y]) in points.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&format!("{},{}", round(*x), round(*y)));
    }
    s
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Whether a point lies inside a polygon (even-odd rule, as SVG fills it).
pub fn contains(points: &[[f64; 2]], [x, y]: [f64; 2]) -> bool {
    let mut inside = false;
    let n = points.len();
    for i in 0..n {
        let ([xi, yi], [xj, yj]) = (points[i], points[(i + n - 1) % n]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

/// The readable article whose region on `page` holds the point, if any (topmost = last drawn).
pub fn hit(issue: &Issue, page: usize, point: [f64; 2]) -> Option<&str> {
    let page_id = &issue.pages.get(page)?.id;
    let mut found = None;
    for (home, a) in issue.articles().filter(|(_, a)| a.kind == ArticleKind::Article) {
        let home_id = &issue.pages[home].id;
        if a.regions.iter().any(|r| a.region_page(r, home_id) == page_id && contains(&r.points, point)) {
            found = Some(a.id.as_str());
        }
    }
    found
}

/// Scales a point from displayed pixels (an image shown `shown_width` wide) to page pixels.
pub fn to_page(point: [f64; 2], shown_width: f64, page_width: u32) -> [f64; 2] {
    let k = if shown_width > 0.0 { page_width as f64 / shown_width } else { 1.0 };
    [point[0] * k, point[1] * k]
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
    fn hit_testing_follows_the_polygon_not_its_box() {
        let i = issue();
        assert_eq!(hit(&i, 0, [250.0, 300.0]), Some("lead"));
        assert_eq!(hit(&i, 0, [750.0, 300.0]), Some("l"));
        assert_eq!(hit(&i, 0, [250.0, 800.0]), Some("l"), "the foot of the L");
        assert_eq!(hit(&i, 0, [250.0, 1200.0]), None);
        assert_eq!(hit(&i, 0, [500.0, 50.0]), None, "mastheads are not articles");
        assert_eq!(hit(&i, 1, [10.0, 10.0]), Some("lead"));
    }

    #[test]
    fn scaling_and_points() {
        assert_eq!(to_page([100.0, 50.0], 500.0, 1000), [200.0, 100.0]);
        assert_eq!(to_page([100.0, 50.0], 0.0, 1000), [100.0, 50.0]);
        assert_eq!(svg_points(&[[1.04, 2.0], [3.25, 4.0], [5.0, 6.06]]), "1,2 3.3,4 5,6.1");
        assert!(contains(&[[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]], [2.0, 2.0]));
        assert!(!contains(&[[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]], [8.0, 8.0]));
    }
}

//! Clippings, plain Rust: a rectangle drawn on the page or an article's box becomes a `Clip` in
//! page pixels; a clip from an address is kept inside its page; the part of the page image a
//! download cuts out, and the file's name. `clipping.rs` wires it to the DOM.

use crate::url_state::Clip;
use broadsheet_model::num::within;
use broadsheet_model::Day;

/// A rectangle as shares of the page: left, top, width, height, each within 0..=1.
pub type Share = [f64; 4];

/// A clipping smaller than this (page pixels) either way is a slip of the hand, not a clipping.
pub const MIN_SIDE: u32 = 8;
/// The longest side of a downloaded clipping (pixels): a whole page at full resolution can be
/// 6,000 px wide, more than a canvas should hold for one picture.
pub const MAX_SIDE: u32 = 4096;

/// The rectangle between two corners given as shares of the page (in any order), kept on it.
pub fn band(a: [f64; 2], b: [f64; 2]) -> Share {
    let c = |v: f64| if v.is_finite() { within(v, 0.0, 1.0) } else { 0.0 };
    let (x0, x1) = (c(a[0].min(b[0])), c(a[0].max(b[0])));
    let (y0, y1) = (c(a[1].min(b[1])), c(a[1].max(b[1])));
    [x0, y0, x1 - x0, y1 - y0]
}

/// A rectangle drawn as shares of a `page` (width, height in pixels) as a clip of it.
pub fn from_share(s: Share, page: (u32, u32)) -> Option<Clip> {
    let (pw, ph) = (f64::from(page.0), f64::from(page.1));
    from_bounds([s[0] * pw, s[1] * ph, (s[0] + s[2]) * pw, (s[1] + s[3]) * ph], page)
}

/// A box `[left, top, right, bottom]` in page pixels (an article's regions) as a clip, on the page.
pub fn from_bounds(b: [f64; 4], page: (u32, u32)) -> Option<Clip> {
    if !b.iter().all(|v| v.is_finite()) {
        return None;
    }
    let (pw, ph) = (f64::from(page.0), f64::from(page.1));
    let (l, t) = (within(b[0].min(b[2]), 0.0, pw).floor(), within(b[1].min(b[3]), 0.0, ph).floor());
    let (r, bt) = (within(b[0].max(b[2]), 0.0, pw).ceil(), within(b[1].max(b[3]), 0.0, ph).ceil());
    let (w, h) = ((r - l) as u32, (bt - t) as u32);
    (w >= MIN_SIDE && h >= MIN_SIDE).then_some(Clip { x: l as u32, y: t as u32, w, h })
}

/// A clip from an address, cut to its page; `None` when nothing of it lies on the page.
pub fn on_page(c: Clip, page: (u32, u32)) -> Option<Clip> {
    let (x1, y1) = (c.x.saturating_add(c.w).min(page.0), c.y.saturating_add(c.h).min(page.1));
    (c.x < x1 && c.y < y1).then(|| Clip { x: c.x, y: c.y, w: x1 - c.x, h: y1 - c.y })
}

/// A clip as shares of its page (for drawing it over the page at any zoom).
pub fn share(c: Clip, page: (u32, u32)) -> Share {
    let (pw, ph) = (f64::from(page.0.max(1)), f64::from(page.1.max(1)));
    [f64::from(c.x) / pw, f64::from(c.y) / ph, f64::from(c.w) / pw, f64::from(c.h) / ph]
}

/// What a download cuts from the page image: the source rectangle in the image's own pixels
/// (`natural`, which may differ from the page's declared size) and the picture's size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crop {
    pub sx: f64,
    pub sy: f64,
    pub sw: f64,
    pub sh: f64,
    pub width: u32,
    pub height: u32,
}

pub fn crop(c: Clip, page: (u32, u32), natural: (u32, u32)) -> Crop {
    // An image with no size of its own (an SVG without width and height) draws at the page's.
    let natural = if natural.0 == 0 || natural.1 == 0 { page } else { natural };
    let (fx, fy) = (f64::from(natural.0) / f64::from(page.0.max(1)), f64::from(natural.1) / f64::from(page.1.max(1)));
    let (sw, sh) = (f64::from(c.w) * fx, f64::from(c.h) * fy);
    let shrink = (f64::from(MAX_SIDE) / sw.max(sh)).min(1.0);
    Crop {
        sx: f64::from(c.x) * fx,
        sy: f64::from(c.y) * fy,
        sw,
        sh,
        width: ((sw * shrink).round() as u32).max(1),
        height: ((sh * shrink).round() as u32).max(1),
    }
}

/// The downloaded file's name: paper, date, page and where on it, in characters every system
/// allows in a file name.
pub fn file_name(paper: &str, date: Day, page_number: &str, c: Clip) -> String {
    let clean = |s: &str| -> String {
        let s: String =
            s.chars().map(|ch| if ch.is_control() || r#"/\:*?"<>|"#.contains(ch) { '_' } else { ch }).collect();
        s.trim().trim_matches('.').chars().take(60).collect()
    };
    let paper = clean(paper);
    let page = clean(page_number);
    let paper = if paper.is_empty() { "clipping".to_string() } else { paper };
    format!("{paper} {date} p{page} {}x{}+{}+{}.png", c.w, c.h, c.x, c.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: (u32, u32) = (1200, 1700);

    #[test]
    fn a_band_is_the_rectangle_between_its_corners_on_the_page() {
        assert_eq!(band([0.5, 0.5], [0.25, 0.75]), [0.25, 0.5, 0.25, 0.25]);
        let kept = band([-0.5, 0.2], [1.5, 0.4]);
        assert_eq!(kept[..3], [0.0, 0.2, 1.0], "kept on the page");
        assert!((kept[3] - 0.2).abs() < 1e-12);
        assert_eq!(band([f64::NAN, 0.0], [0.5, 0.5])[2], 0.0, "no width from a corner that is not a number");
    }

    #[test]
    fn a_drawn_rectangle_becomes_whole_page_pixels() {
        let c = from_share([0.1, 0.2, 0.5, 0.25], PAGE).unwrap();
        assert_eq!(c, Clip { x: 120, y: 340, w: 600, h: 425 });
        assert_eq!(share(c, PAGE), [0.1, 0.2, 0.5, 0.25]);
        assert_eq!(from_share([0.1, 0.1, 0.001, 0.5], PAGE), None, "a slip of the hand");
    }

    #[test]
    fn an_articles_box_is_rounded_outwards_and_kept_on_the_page() {
        assert_eq!(from_bounds([66.4, 46.6, 1134.2, 256.0], PAGE), Some(Clip { x: 66, y: 46, w: 1069, h: 210 }));
        assert_eq!(from_bounds([-10.0, 1600.0, 5000.0, 9000.0], PAGE), Some(Clip { x: 0, y: 1600, w: 1200, h: 100 }));
        assert_eq!(from_bounds([0.0, 0.0, f64::INFINITY, 1.0], PAGE), None);
    }

    #[test]
    fn a_clip_from_an_address_is_cut_to_its_page() {
        let c = Clip { x: 1000, y: 1600, w: 500, h: 500 };
        assert_eq!(on_page(c, PAGE), Some(Clip { x: 1000, y: 1600, w: 200, h: 100 }));
        assert_eq!(on_page(Clip { x: 1200, y: 0, w: 10, h: 10 }, PAGE), None, "beside the page");
        assert_eq!(on_page(Clip { x: u32::MAX, y: 0, w: u32::MAX, h: 1 }, PAGE), None);
    }

    #[test]
    fn a_download_cuts_the_image_at_its_own_resolution_up_to_a_limit() {
        let c = Clip { x: 120, y: 340, w: 600, h: 425 };
        let same = crop(c, PAGE, PAGE);
        assert_eq!(
            (same.sx, same.sy, same.sw, same.sh, same.width, same.height),
            (120.0, 340.0, 600.0, 425.0, 600, 425)
        );
        let twice = crop(c, PAGE, (2400, 3400));
        assert_eq!((twice.sx, twice.sw, twice.width, twice.height), (240.0, 1200.0, 1200, 850));
        let sized_by_page = crop(c, PAGE, (0, 0));
        assert_eq!(sized_by_page, same, "an image with no size of its own");
        let huge = crop(Clip { x: 0, y: 0, w: 1200, h: 1700 }, PAGE, (6000, 8500));
        assert_eq!((huge.sw, huge.sh, huge.width, huge.height), (6000.0, 8500.0, 2891, MAX_SIDE));
    }

    #[test]
    fn the_file_is_named_by_paper_date_page_and_place() {
        let day = Day::parse("2016-09-24").unwrap();
        let c = Clip { x: 120, y: 340, w: 600, h: 425 };
        assert_eq!(file_name("中国妇女报", day, "01", c), "中国妇女报 2016-09-24 p01 600x425+120+340.png");
        assert_eq!(file_name("A/B: \"C\"", day, "A 3", c), "A_B_ _C_ 2016-09-24 pA 3 600x425+120+340.png");
        assert_eq!(file_name(" ", day, "1", c), "clipping 2016-09-24 p1 600x425+120+340.png");
    }
}

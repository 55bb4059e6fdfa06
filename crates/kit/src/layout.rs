//! Page geometry shared by the generated pages: a 1200 x 1700 page, six columns of 180 pixels
//! between 60-pixel margins, and regions that are rectangles or L shapes on that grid.

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 1700;
pub const THUMB_WIDTH: u32 = 200;
const MARGIN: f64 = 60.0;
const COLUMN: f64 = 180.0;
/// Gutter between neighbouring regions: each region is inset by this much on every side.
const INSET: f64 = 6.0;

fn x(col: u32) -> f64 {
    MARGIN + COLUMN * col as f64
}

/// A region over columns `c0..c1` from `y0` to `y1`.
pub fn rect(c0: u32, c1: u32, y0: u32, y1: u32) -> Vec<[f64; 2]> {
    let (x0, x1, y0, y1) = (x(c0) + INSET, x(c1) - INSET, y0 as f64 + INSET, y1 as f64 - INSET);
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
}

/// An L: columns `c0..c1` from `y0` to `y1`, then only the columns `c0..c2` (the left part)
/// down to `y2`.
pub fn ell(c0: u32, c1: u32, y0: u32, y1: u32, c2: u32, y2: u32) -> Vec<[f64; 2]> {
    let (x0, x1, x2) = (x(c0) + INSET, x(c1) - INSET, x(c2) - INSET);
    let (y0, y1, y2) = (y0 as f64 + INSET, y1 as f64 - INSET, y2 as f64 - INSET);
    vec![[x0, y0], [x1, y0], [x1, y1], [x2, y1], [x2, y2], [x0, y2]]
}

/// A mirrored L: columns `c0..c1` from `y0` to `y1`, then only the columns `c2..c1` (the right
/// part) down to `y2`.
pub fn ell_right(c0: u32, c1: u32, y0: u32, y1: u32, c2: u32, y2: u32) -> Vec<[f64; 2]> {
    let (x0, x1, x2) = (x(c0) + INSET, x(c1) - INSET, x(c2) + INSET);
    let (y0, y1, y2) = (y0 as f64 + INSET, y1 as f64 - INSET, y2 as f64 - INSET);
    vec![[x0, y0], [x1, y0], [x1, y2], [x2, y2], [x2, y1], [x0, y1]]
}

/// Splits a polygon with only horizontal and vertical edges into rectangles
/// `(x0, y0, x1, y1)`, top to bottom, merging bands that span the same columns.
pub fn rectangles(points: &[[f64; 2]]) -> Vec<(f64, f64, f64, f64)> {
    let mut ys: Vec<f64> = points.iter().map(|p| p[1]).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup();
    let n = points.len();
    let mut out: Vec<(f64, f64, f64, f64)> = Vec::new();
    for band in ys.windows(2) {
        let (top, bottom) = (band[0], band[1]);
        let mid = (top + bottom) / 2.0;
        // Vertical edges that cross the middle of the band, left to right.
        let mut xs: Vec<f64> = (0..n)
            .filter_map(|i| {
                let (a, b) = (points[i], points[(i + 1) % n]);
                let (lo, hi) = (a[1].min(b[1]), a[1].max(b[1]));
                (lo < mid && mid < hi).then_some(a[0])
            })
            .collect();
        xs.sort_by(f64::total_cmp);
        for pair in xs.chunks(2) {
            if let [x0, x1] = *pair {
                match out.iter_mut().find(|r| r.0 == x0 && r.2 == x1 && r.3 == top) {
                    Some(r) => r.3 = bottom,
                    None => out.push((x0, top, x1, bottom)),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ell_is_two_rectangles() {
        let r = rectangles(&ell(0, 4, 100, 500, 2, 900));
        assert_eq!(r, vec![(66.0, 106.0, 774.0, 494.0), (66.0, 494.0, 414.0, 894.0)]);
        let r = rectangles(&ell_right(0, 4, 100, 500, 2, 900));
        assert_eq!(r, vec![(66.0, 106.0, 774.0, 494.0), (426.0, 494.0, 774.0, 894.0)]);
        assert_eq!(rectangles(&rect(0, 6, 0, 100)), vec![(66.0, 6.0, 1134.0, 94.0)]);
    }
}

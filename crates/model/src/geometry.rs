//! Polygon arithmetic in page pixel coordinates.

/// The area of a simple polygon (shoelace formula), always positive.
pub fn area(points: &[[f64; 2]]) -> f64 {
    let n = points.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let ([x1, y1], [x2, y2]) = (points[i], points[(i + 1) % n]);
            x1 * y2 - x2 * y1
        })
        .sum();
    twice.abs() / 2.0
}

/// The bounding box `(min_x, min_y, max_x, max_y)` of a polygon.
pub fn bounds(points: &[[f64; 2]]) -> (f64, f64, f64, f64) {
    points.iter().fold((f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY), |(a, b, c, d), [x, y]| {
        (a.min(*x), b.min(*y), c.max(*x), d.max(*y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_and_bounds_of_a_rectangle() {
        let r = [[10.0, 20.0], [110.0, 20.0], [110.0, 70.0], [10.0, 70.0]];
        assert_eq!(area(&r), 5000.0);
        assert_eq!(bounds(&r), (10.0, 20.0, 110.0, 70.0));
        assert_eq!(area(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]), 0.0);
    }
}

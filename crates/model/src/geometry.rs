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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_of_a_rectangle_and_of_a_line() {
        let r = [[10.0, 20.0], [110.0, 20.0], [110.0, 70.0], [10.0, 70.0]];
        assert_eq!(area(&r), 5000.0);
        assert_eq!(area(&[[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]), 0.0);
    }
}

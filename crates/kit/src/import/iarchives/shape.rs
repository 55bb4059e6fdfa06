//! Zones into region polygons. An iArchives article is a set of boxes (zones), often several
//! per page in an L or a staircase over columns. Neighbouring zones, of one article or of two,
//! overlap by a pixel or so and may reach a pixel past the image; snapping edges that lie within
//! [`SNAP`] px of one another (or of the page's edges) to one value makes them meet exactly, so
//! that regions of different articles do not overlap and the zones of one article that touch
//! join into one clean polygon (an L is six corners, not a box and a box with a 1-px seam).

use super::super::geom::{Point, Rect};
use std::collections::{BTreeMap, HashSet};

/// The most boxes of one article on one page that are joined into polygons.
const MAX_JOINED: usize = 256;

/// How close two edges must be, in page pixels, to be taken as the same edge.
pub const SNAP: f64 = 2.0;

/// Where each coordinate of `values` goes: values within `SNAP` of one another (a group spans
/// at most 2 x `SNAP`) move to one value, the page edge (`0` or `edge`) when the group holds it,
/// else the group's middle.
pub fn snapper(values: &[f64], edge: f64) -> impl Fn(f64) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).chain([0.0, edge]).collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    let mut map: Vec<(f64, f64)> = Vec::new();
    let mut group: Vec<f64> = Vec::new();
    let flush = |group: &mut Vec<f64>, map: &mut Vec<(f64, f64)>| {
        let Some((&lo, &hi)) = group.first().zip(group.last()) else { return };
        let to = if group.contains(&0.0) {
            0.0
        } else if group.contains(&edge) {
            edge
        } else {
            (lo + hi) / 2.0
        };
        map.extend(group.drain(..).map(|x| (x, to)));
    };
    for x in v {
        if group.last().is_some_and(|&l| x - l > SNAP) || group.first().is_some_and(|&f| x - f > 2.0 * SNAP) {
            flush(&mut group, &mut map);
        }
        group.push(x);
    }
    flush(&mut group, &mut map);
    move |x| map.binary_search_by(|(k, _)| k.total_cmp(&x)).map_or(x, |i| map[i].1)
}

/// The union of boxes as polygons, one per group of boxes that overlap or share an edge, in the
/// order of each group's first box. Corners are clockwise on the image (y down); straight runs
/// keep their intermediate corners (`geom::clean` drops them). A group whose union has a hole
/// cannot be one polygon: its boxes are given one by one.
pub fn union(rects: &[Rect]) -> Vec<Vec<Point>> {
    let rects: Vec<Rect> = rects.iter().copied().filter(|r| !r.is_empty()).collect();
    // The grid grows with the square of the boxes: an article has a handful, a hostile file
    // may have thousands, which stay boxes.
    if rects.len() > MAX_JOINED {
        return rects.iter().map(Rect::points).collect();
    }
    let axis = |f: &dyn Fn(&Rect) -> [f64; 2]| {
        let mut v: Vec<f64> = rects.iter().flat_map(f).collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    };
    let xs = axis(&|r| [r.x0, r.x1]);
    let ys = axis(&|r| [r.y0, r.y1]);
    let idx = |v: &[f64], x: f64| v.binary_search_by(|a| a.total_cmp(&x)).unwrap_or(0);
    // Cells of the grid the box edges make, with the first box that covers each.
    let mut owner: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (k, r) in rects.iter().enumerate() {
        for i in idx(&xs, r.x0)..idx(&xs, r.x1) {
            for j in idx(&ys, r.y0)..idx(&ys, r.y1) {
                owner.entry((i, j)).or_insert(k);
            }
        }
    }
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut groups: Vec<(usize, Vec<Point>, Vec<usize>)> = Vec::new();
    for &start in owner.keys() {
        if seen.contains(&start) {
            continue;
        }
        let cells = flood(start, &owner, &mut seen);
        let boxes: Vec<usize> = {
            let mut b: Vec<usize> = cells.iter().map(|c| owner[c]).collect();
            b.sort_unstable();
            b.dedup();
            b
        };
        match outline(&cells) {
            Some(ring) => {
                let pts = ring.into_iter().map(|(i, j)| [xs[i], ys[j]]).collect();
                groups.push((boxes[0], pts, boxes));
            }
            None => groups.extend(boxes.iter().map(|&k| (k, rects[k].points(), vec![k]))),
        }
    }
    groups.sort_by_key(|g| g.0);
    groups.into_iter().map(|g| g.1).collect()
}

/// The cells connected to `start` through shared sides.
fn flood(
    start: (usize, usize),
    cells: &BTreeMap<(usize, usize), usize>,
    seen: &mut HashSet<(usize, usize)>,
) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    let mut todo = vec![start];
    while let Some(c) = todo.pop() {
        if !seen.insert(c) {
            continue;
        }
        out.insert(c);
        let (i, j) = c;
        let near = [(i.wrapping_sub(1), j), (i + 1, j), (i, j.wrapping_sub(1)), (i, j + 1)];
        todo.extend(near.into_iter().filter(|n| cells.contains_key(n) && !seen.contains(n)));
    }
    out
}

/// The boundary of a set of grid cells as one ring of grid corners, clockwise on the image;
/// None when it has more than one ring (a hole).
fn outline(cells: &HashSet<(usize, usize)>) -> Option<Vec<(usize, usize)>> {
    let has = |i: usize, j: usize| cells.contains(&(i, j));
    // Directed sides with the inside on their right (y down): top, right, bottom, left.
    let mut edges: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
    let mut count = 0;
    for &(i, j) in cells {
        let mut add = |a: (usize, usize), b: (usize, usize)| {
            edges.entry(a).or_default().push(b);
            count += 1;
        };
        if j == 0 || !has(i, j - 1) {
            add((i, j), (i + 1, j));
        }
        if !has(i + 1, j) {
            add((i + 1, j), (i + 1, j + 1));
        }
        if !has(i, j + 1) {
            add((i + 1, j + 1), (i, j + 1));
        }
        if i == 0 || !has(i - 1, j) {
            add((i, j + 1), (i, j));
        }
    }
    // Start at the top-left corner, which lies on the outer ring.
    let first = *edges.keys().min_by_key(|(i, j)| (*j, *i))?;
    let mut ring = vec![first];
    let mut at = first;
    let mut dir: (i64, i64) = (1, 0);
    for _ in 0..count {
        let outs = edges.get_mut(&at)?;
        // At a corner two parts of the region touch, turn right first: rings stay simple.
        let turn = |to: &(usize, usize)| {
            let d = (to.0 as i64 - at.0 as i64, to.1 as i64 - at.1 as i64);
            let cross = dir.0 * d.1 - dir.1 * d.0;
            -cross.signum()
        };
        let k = (0..outs.len()).min_by_key(|&k| turn(&outs[k]))?;
        let next = outs.swap_remove(k);
        dir = (next.0 as i64 - at.0 as i64, next.1 as i64 - at.1 as i64);
        at = next;
        if at == first {
            break;
        }
        ring.push(at);
    }
    let left: usize = edges.values().map(Vec::len).sum();
    (at == first && left == 0).then_some(ring)
}

#[cfg(test)]
mod tests {
    use super::super::super::geom;
    use super::*;

    fn r(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    fn clean(p: &[Point]) -> Vec<Point> {
        geom::clean(p, 10_000.0, 10_000.0).0.unwrap()
    }

    #[test]
    fn edges_a_pixel_apart_snap_together_and_to_the_page() {
        let s = snapper(&[497.0, 498.0, 925.0, 926.0, 1417.0, 3.0, 100.0], 1416.0);
        assert_eq!((s(497.0), s(498.0)), (497.5, 497.5));
        assert_eq!((s(925.0), s(926.0)), (925.5, 925.5));
        assert_eq!((s(1417.0), s(3.0), s(100.0), s(55.0)), (1416.0, 3.0, 100.0, 55.0));
        // A chain of close values is cut into groups no wider than 2 x SNAP.
        let s = snapper(&[10.0, 12.0, 14.0, 16.0, 18.0], 1000.0);
        assert_eq!([10.0, 12.0, 14.0, 16.0, 18.0].map(&s), [12.0, 12.0, 12.0, 17.0, 17.0]);
    }

    #[test]
    fn touching_boxes_make_one_l_and_apart_boxes_stay_apart() {
        // Deseret News p. 4, article 9 after snapping: column 2 below article 8, then column 3.
        let l = union(&[r(497.5, 729.5, 925.5, 1963.0), r(925.5, 0.0, 1416.0, 1963.0)]);
        assert_eq!(l.len(), 1);
        assert_eq!(
            clean(&l[0]),
            vec![[925.5, 0.0], [1416.0, 0.0], [1416.0, 1963.0], [497.5, 1963.0], [497.5, 729.5], [925.5, 729.5]]
        );
        assert_eq!(broadsheet_model::geometry::area(&l[0]), 428.0 * 1233.5 + 490.5 * 1963.0);
        // Article 8: the foot of column 1 and the head of column 2 do not touch.
        let two = union(&[r(0.0, 1722.0, 497.5, 1963.0), r(497.5, 0.0, 925.5, 729.5)]);
        assert_eq!(two.len(), 2);
        assert_eq!(clean(&two[0]), r(0.0, 1722.0, 497.5, 1963.0).points());
        // Overlapping boxes are one region; order follows the first box of each group.
        let o = union(&[r(50.0, 50.0, 60.0, 60.0), r(0.0, 0.0, 10.0, 10.0), r(5.0, 5.0, 20.0, 8.0)]);
        assert_eq!(o.len(), 2);
        assert_eq!(clean(&o[0]), r(50.0, 50.0, 60.0, 60.0).points());
        assert_eq!(broadsheet_model::geometry::area(&o[1]), 100.0 + 10.0 * 3.0);
        assert!(union(&[]).is_empty());
        let many: Vec<Rect> = (0..300).map(|i| r(0.0, i as f64, 10.0, i as f64 + 1.0)).collect();
        assert_eq!(union(&many).len(), 300, "too many to join: boxes as they are");
    }

    #[test]
    fn a_ring_of_boxes_with_a_hole_stays_boxes() {
        let ring =
            [r(0.0, 0.0, 30.0, 10.0), r(0.0, 20.0, 30.0, 30.0), r(0.0, 10.0, 10.0, 20.0), r(20.0, 10.0, 30.0, 20.0)];
        let out = union(&ring);
        assert_eq!(out.len(), 4);
        assert_eq!(out[3], ring[3].points());
        // Two boxes touching only at a corner are two regions.
        assert_eq!(union(&[r(0.0, 0.0, 10.0, 10.0), r(10.0, 10.0, 20.0, 20.0)]).len(), 2);
        // A staircase is one ring.
        let stairs = union(&[r(0.0, 0.0, 10.0, 30.0), r(10.0, 10.0, 20.0, 30.0), r(20.0, 20.0, 30.0, 30.0)]);
        assert_eq!(stairs.len(), 1);
        assert_eq!(clean(&stairs[0]).len(), 8);
    }
}

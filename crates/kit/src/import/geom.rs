//! Geometry shared by the importers: boxes, scaling into full-resolution page pixels, polygon
//! clean-up (repeated and collinear points), clamping to the page, and SVG selectors.

use super::xml;

pub type Point = [f64; 2];

/// An axis-aligned box `x0, y0, x1, y1` with `x0 <= x1` and `y0 <= y1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// From position and size; None for a negative or non-finite size.
    pub fn xywh(x: f64, y: f64, w: f64, h: f64) -> Option<Rect> {
        let ok = [x, y, w, h].iter().all(|v| v.is_finite()) && w >= 0.0 && h >= 0.0;
        ok.then_some(Rect { x0: x, y0: y, x1: x + w, y1: y + h })
    }

    /// From two corners in any order.
    pub fn corners(a: f64, b: f64, c: f64, d: f64) -> Option<Rect> {
        let ok = [a, b, c, d].iter().all(|v| v.is_finite());
        ok.then_some(Rect { x0: a.min(c), y0: b.min(d), x1: a.max(c), y1: b.max(d) })
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn is_empty(&self) -> bool {
        self.width() <= 0.0 || self.height() <= 0.0
    }

    pub fn union(&self, o: &Rect) -> Rect {
        Rect { x0: self.x0.min(o.x0), y0: self.y0.min(o.y0), x1: self.x1.max(o.x1), y1: self.y1.max(o.y1) }
    }

    /// Whether `o` lies inside this box, allowing `slack` on every side.
    pub fn contains(&self, o: &Rect, slack: f64) -> bool {
        o.x0 >= self.x0 - slack && o.y0 >= self.y0 - slack && o.x1 <= self.x1 + slack && o.y1 <= self.y1 + slack
    }

    pub fn scale(&self, sx: f64, sy: f64) -> Rect {
        Rect { x0: self.x0 * sx, y0: self.y0 * sy, x1: self.x1 * sx, y1: self.y1 * sy }
    }

    pub fn center(&self) -> Point {
        [(self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0]
    }

    pub fn points(&self) -> Vec<Point> {
        vec![[self.x0, self.y0], [self.x1, self.y0], [self.x1, self.y1], [self.x0, self.y1]]
    }
}

/// The bounding box of points; None for none.
pub fn bounds(points: &[Point]) -> Option<Rect> {
    let first = points.first()?;
    Some(points.iter().fold(Rect { x0: first[0], y0: first[1], x1: first[0], y1: first[1] }, |r, p| {
        r.union(&Rect { x0: p[0], y0: p[1], x1: p[0], y1: p[1] })
    }))
}

/// What happened to a polygon on its way into the issue.
#[derive(Debug, Default, PartialEq)]
pub struct Fixes {
    pub repeated: usize,
    pub collinear: usize,
    pub clamped: usize,
}

impl Fixes {
    /// A sentence for the repair report, or None when nothing was done.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.repeated > 0 {
            parts.push(format!("{} repeated point(s) dropped", self.repeated));
        }
        if self.collinear > 0 {
            parts.push(format!("{} collinear point(s) dropped", self.collinear));
        }
        if self.clamped > 0 {
            parts.push(format!("{} point(s) outside the page moved onto its edge", self.clamped));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// Cleans a polygon in page pixels: clamps every point into `0..=w, 0..=h`, rounds to 1/100 px,
/// drops repeated points (also the closing point equal to the first) and points on a straight
/// line between their neighbours. Returns None when fewer than three points or no area remain.
pub fn clean(points: &[Point], w: f64, h: f64) -> (Option<Vec<Point>>, Fixes) {
    let mut fixes = Fixes::default();
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if !p[0].is_finite() || !p[1].is_finite() {
            fixes.repeated += 1;
            continue;
        }
        // Round first, then clamp: rounding a clamped value could step over the edge.
        let q = [round(p[0]).clamp(0.0, w), round(p[1]).clamp(0.0, h)];
        if q != [round(p[0]), round(p[1])] {
            fixes.clamped += 1;
        }
        if out.last() == Some(&q) {
            fixes.repeated += 1;
        } else {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
        fixes.repeated += 1;
    }
    // Drop collinear points until none is left; each pass looks at every point once.
    loop {
        let n = out.len();
        if n < 3 {
            break;
        }
        let Some(i) = (0..n).find(|&i| {
            let (a, b, c) = (out[(i + n - 1) % n], out[i], out[(i + 1) % n]);
            let cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
            let scale = (c[0] - a[0]).abs() + (c[1] - a[1]).abs() + 1.0;
            cross.abs() <= 1e-9 * scale * scale
        }) else {
            break;
        };
        out.remove(i);
        fixes.collinear += 1;
    }
    if out.len() < 3 || broadsheet_model::geometry::area(&out) < 1.0 {
        return (None, fixes);
    }
    (Some(out), fixes)
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Parses `xywh=x,y,w,h` (a IIIF media fragment, also `xywh=pixel:...`). Percent units are
/// turned into pixels of a `w` by `h` canvas.
pub fn xywh(fragment: &str, w: f64, h: f64) -> Result<Rect, String> {
    let v = fragment
        .split('&')
        .find_map(|p| p.trim().strip_prefix("xywh="))
        .ok_or_else(|| format!("{fragment:?} has no xywh= fragment"))?;
    let (pct, v) = match v.split_once(':') {
        Some(("percent", rest)) => (true, rest),
        Some(("pixel", rest)) => (false, rest),
        Some((unit, _)) => return Err(format!("xywh unit {unit:?} is not pixel or percent")),
        None => (false, v),
    };
    let n: Vec<f64> = v
        .split(',')
        .map(|s| s.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("xywh={v} is not four numbers"))?;
    let [x, y, rw, rh] = n[..] else {
        return Err(format!("xywh={v} is not four numbers"));
    };
    let r = if pct {
        Rect::xywh(x * w / 100.0, y * h / 100.0, rw * w / 100.0, rh * h / 100.0)
    } else {
        Rect::xywh(x, y, rw, rh)
    };
    r.ok_or_else(|| format!("xywh={v} has a negative size"))
}

/// Parses a number list such as HTML `coords` or SVG `points`: numbers separated by commas
/// and/or whitespace.
pub fn numbers(s: &str) -> Result<Vec<f64>, String> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| format!("{t:?} is not a number")))
        .collect()
}

pub fn pairs(n: &[f64]) -> Vec<Point> {
    n.chunks_exact(2).map(|c| [c[0], c[1]]).collect()
}

/// The polygons of an SVG selector value: `<polygon points>`, `<polyline points>`,
/// `<rect x y width height>` and `<path d>` with straight segments (M L H V Z, absolute or
/// relative; curves are followed through their end points).
pub fn svg_polygons(svg: &str) -> Result<Vec<Vec<Point>>, String> {
    let file = "SVG selector";
    let doc = xml::parse(svg, file, "SVG")?;
    let mut out = Vec::new();
    for el in doc.descendants().filter(|n| n.is_element()) {
        let num = |key, default| xml::num(el, key).unwrap_or(default);
        match xml::name(el) {
            "polygon" | "polyline" => {
                let n = numbers(xml::attr(el, "points").unwrap_or_default()).map_err(|e| xml::at(file, el, e))?;
                out.push(pairs(&n));
            }
            "rect" => {
                let r = Rect::xywh(num("x", 0.0), num("y", 0.0), num("width", -1.0), num("height", -1.0))
                    .ok_or_else(|| xml::at(file, el, "<rect> needs a width and a height"))?;
                out.push(r.points());
            }
            "path" => out.extend(path(xml::attr(el, "d").unwrap_or_default()).map_err(|e| xml::at(file, el, e))?),
            _ => {}
        }
    }
    if out.is_empty() {
        return Err("the SVG selector has no polygon, rect or path".into());
    }
    Ok(out)
}

/// Where a path command ends, from its numbers: new x and/or y.
type EndPoint = fn(&[f64]) -> (Option<f64>, Option<f64>);

/// An SVG path's `d` as tokens: commands (`Ok`) and numbers (`Err`); a number may start with
/// `-` or `.` right after another.
fn path_tokens(d: &str) -> Result<Vec<Result<char, f64>>, String> {
    let mut tokens: Vec<Result<char, f64>> = Vec::new();
    let b = d.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        if c.is_ascii_alphabetic() && c != 'e' && c != 'E' {
            tokens.push(Ok(c));
            i += 1;
        } else if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' {
            let start = i;
            i += 1;
            let mut dot = c == '.';
            while i < b.len() {
                let ch = b[i] as char;
                if ch.is_ascii_digit() || (ch == '.' && !dot) {
                    dot |= ch == '.';
                    i += 1;
                } else if (ch == 'e' || ch == 'E') && i + 1 < b.len() {
                    i += 1;
                    if b[i] == b'-' || b[i] == b'+' {
                        i += 1;
                    }
                } else {
                    break;
                }
            }
            let v: f64 = d[start..i].parse().map_err(|_| format!("{:?} in the path is not a number", &d[start..i]))?;
            tokens.push(Err(v));
        } else if c == ',' || c.is_whitespace() {
            i += 1;
        } else {
            return Err(format!("unexpected {c:?} in the path data"));
        }
    }
    Ok(tokens)
}

/// The sub-paths of an SVG path's `d`, as point lists.
fn path(d: &str) -> Result<Vec<Vec<Point>>, String> {
    let tokens = path_tokens(d)?;
    let mut subpaths: Vec<Vec<Point>> = Vec::new();
    let mut cur: Vec<Point> = Vec::new();
    let (mut pos, mut start) = ([0.0, 0.0], [0.0, 0.0]);
    let mut k = 0;
    let mut cmd = ' ';
    let take = |k: &mut usize, n: usize, cmd: char| -> Result<Vec<f64>, String> {
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            match tokens.get(*k) {
                Some(Err(x)) => v.push(*x),
                _ => return Err(format!("path command {cmd} lacks numbers")),
            }
            *k += 1;
        }
        Ok(v)
    };
    while k < tokens.len() {
        if let Ok(c) = tokens[k] {
            cmd = c;
            k += 1;
            if c == 'Z' || c == 'z' {
                pos = start;
                if cur.len() > 1 {
                    subpaths.push(std::mem::take(&mut cur));
                }
                continue;
            }
        }
        let rel = cmd.is_ascii_lowercase();
        let base = if rel { pos } else { [0.0, 0.0] };
        let (n, end): (usize, EndPoint) = match cmd.to_ascii_uppercase() {
            'M' | 'L' | 'T' => (2, |v| (Some(v[0]), Some(v[1]))),
            'H' => (1, |v| (Some(v[0]), None)),
            'V' => (1, |v| (None, Some(v[0]))),
            'C' => (6, |v| (Some(v[4]), Some(v[5]))),
            'S' | 'Q' => (4, |v| (Some(v[2]), Some(v[3]))),
            'A' => (7, |v| (Some(v[5]), Some(v[6]))),
            other => return Err(format!("path command {other:?} is unknown")),
        };
        let v = take(&mut k, n, cmd)?;
        let (nx, ny) = end(&v);
        pos = [nx.map_or(pos[0], |x| base[0] + x), ny.map_or(pos[1], |y| base[1] + y)];
        if cmd == 'M' || cmd == 'm' {
            if cur.len() > 1 {
                subpaths.push(std::mem::take(&mut cur));
            }
            cur.clear();
            start = pos;
            // Further pairs after a moveto are linetos.
            cmd = if cmd == 'M' { 'L' } else { 'l' };
        }
        cur.push(pos);
    }
    if cur.len() > 1 {
        subpaths.push(cur);
    }
    Ok(subpaths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_drops_repeats_and_collinear_points_and_clamps() {
        let pts =
            [[0.0, 0.0], [0.0, 0.0], [50.0, 0.0], [100.0, 0.0], [100.0, 80.0], [120.0, 80.0], [0.0, 80.0], [0.0, 0.0]];
        let (p, f) = clean(&pts, 110.0, 100.0);
        assert_eq!(p.unwrap(), vec![[0.0, 0.0], [100.0, 0.0], [100.0, 80.0], [0.0, 80.0]]);
        assert_eq!(f, Fixes { repeated: 2, collinear: 2, clamped: 1 });
        assert!(f.describe().unwrap().contains("2 collinear"));
        let (p, _) = clean(&[[0.0, 0.0], [5.0, 5.0], [10.0, 10.0]], 100.0, 100.0);
        assert_eq!(p, None, "a line has no area");
        let (p, _) = clean(&[[f64::NAN, 0.0], [1.0, 1.0]], 100.0, 100.0);
        assert_eq!(p, None);
    }

    #[test]
    fn fragments_and_selectors() {
        assert_eq!(xywh("xywh=10,20,30,40", 0.0, 0.0).unwrap(), Rect { x0: 10.0, y0: 20.0, x1: 40.0, y1: 60.0 });
        assert_eq!(
            xywh("t=1&xywh=percent:10,10,50,50", 200.0, 100.0).unwrap(),
            Rect { x0: 20.0, y0: 10.0, x1: 120.0, y1: 60.0 }
        );
        assert!(xywh("xywh=1,2,3", 0.0, 0.0).is_err());
        assert!(xywh("xywh=1,2,-3,4", 0.0, 0.0).is_err());
        let p =
            svg_polygons(r#"<svg xmlns="http://www.w3.org/2000/svg"><polygon points="1,2 3,4 5,6"/></svg>"#).unwrap();
        assert_eq!(p, vec![vec![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]);
        let p = svg_polygons(r#"<svg><path d="M10 10 h 90 v 50 H10 Z m 0 100 l 5,0 0,5z"/></svg>"#).unwrap();
        assert_eq!(p[0], vec![[10.0, 10.0], [100.0, 10.0], [100.0, 60.0], [10.0, 60.0]]);
        assert_eq!(p[1], vec![[10.0, 110.0], [15.0, 110.0], [15.0, 115.0]]);
        assert!(svg_polygons("<svg><circle r='3'/></svg>").is_err());
        assert!(svg_polygons("<svg><path d='M 1 2 L'/></svg>").is_err());
    }
}

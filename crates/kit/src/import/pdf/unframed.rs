//! Stories over columns on a typeset page that draws no frames around its articles: each
//! headline (its kicker, title and subtitle set a size up from the text, stacked) heads the
//! text under it, column by column. A line of text belongs to what is set nearest above it
//! across its width: a headline, or text already placed (the story goes on down the column,
//! past a picture or a crosshead). What has nothing above it (a page head, a masthead's lines,
//! text under no headline) is left to the layout segmentation.
//!
//! Typeset pages allow this where scans do not: their lines are exact, their sizes are the
//! fonts' own and bold is told from the glyphs' weight ([`super::edition`] sets a bold line a
//! step up).

use crate::import::geom::Rect;
use crate::import::segment::{union, x_overlap, Line};

/// How much larger than the text a line is set to head a story (a bold crosshead at the text's
/// size is set 1.2 times up, and stays in its story).
const HEAD: f64 = 1.35;

/// The stories found: each one's regions, and for each line the story it is in (none for those
/// left to the segmentation). `body` is the text's type size. A story's region is its box,
/// grown into the white space around it; a story whose box would take in others' lines (one
/// set round another in an L) has a region for its headline and for each of its columns.
pub fn stories(lines: &[Line], body: f64) -> (Vec<Vec<Rect>>, Vec<Option<usize>>) {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| {
        lines[a].rect.y0.total_cmp(&lines[b].rect.y0).then(lines[a].rect.x0.total_cmp(&lines[b].rect.x0))
    });
    // Headlines: lines set a size up, stacked close under each other.
    let head = |i: usize| lines[i].size >= HEAD * body;
    let mut groups: Vec<(Rect, Vec<usize>)> = Vec::new();
    for &i in order.iter().filter(|&&i| head(i)) {
        let l = &lines[i];
        let near = groups.iter_mut().rev().find(|(r, members)| {
            let last = &lines[*members.last().expect("a group has a line")];
            let gap = l.rect.y0 - r.y1;
            gap >= -0.3 * l.size
                && gap <= (0.8 * l.size.min(last.size)).max(0.5 * l.size.max(last.size))
                && across(r, &l.rect) >= 0.5
        });
        match near {
            Some((r, members)) => {
                *r = r.union(&l.rect);
                members.push(i);
            }
            None => groups.push((l.rect, vec![i])),
        }
    }
    // Each line of text takes the story of what is nearest above it across its width.
    let mut story: Vec<Option<usize>> = vec![None; lines.len()];
    for (g, (_, members)) in groups.iter().enumerate() {
        for &i in members {
            story[i] = Some(g);
        }
    }
    for (k, &i) in order.iter().enumerate() {
        if head(i) {
            continue;
        }
        let r = &lines[i].rect;
        let slack = 0.3 * r.height();
        // Nearest above: a headline, or a line placed before it.
        let group = groups
            .iter()
            .enumerate()
            .filter(|(_, (g, _))| g.y1 <= r.y0 + slack && across(g, r) > 0.0)
            .max_by(|a, b| a.1 .0.y1.total_cmp(&b.1 .0.y1))
            .map(|(g, (b, _))| (b.y1, Some(g)));
        let line = order[..k]
            .iter()
            .filter(|&&j| !head(j) && lines[j].rect.y1 <= r.y0 + slack && across(&lines[j].rect, r) > 0.0)
            .max_by(|&&a, &&b| lines[a].rect.y1.total_cmp(&lines[b].rect.y1))
            .map(|&j| (lines[j].rect.y1, story[j]));
        story[i] = match (group, line) {
            (Some(g), Some(l)) => {
                if g.0 >= l.0 {
                    g.1
                } else {
                    l.1
                }
            }
            (Some(g), None) => g.1,
            (None, Some(l)) => l.1,
            (None, None) => None,
        };
    }
    // A headline with no text under it stands alone (an advertisement's slogan, a story's
    // continuation headed on this page), but not one with nothing at all above it on the page:
    // a masthead or a page head, which the segmentation and the page-head band know.
    let mut parts: Vec<Vec<Rect>> = Vec::new();
    let mut renumber: Vec<Option<usize>> = vec![None; groups.len()];
    for (g, (r, members)) in groups.iter().enumerate() {
        let text: Vec<usize> = (0..lines.len()).filter(|&i| story[i] == Some(g) && !members.contains(&i)).collect();
        let first = lines.iter().all(|l| l.rect.y1 > r.y0 + 0.3 * l.rect.height());
        if text.is_empty() && first {
            continue;
        }
        renumber[g] = Some(parts.len());
        // The headline, then a box to each column of its text (its blocks one over another).
        let mut columns: Vec<Rect> = Vec::new();
        for &i in &text {
            let l = &lines[i].rect;
            match columns.iter_mut().find(|c| across(c, l) >= 0.5) {
                Some(c) => *c = c.union(l),
                None => columns.push(*l),
            }
        }
        parts.push(std::iter::once(*r).chain(columns).collect());
    }
    let story: Vec<Option<usize>> = story.into_iter().map(|s| s.and_then(|g| renumber[g])).collect();
    let regions: Vec<Vec<Rect>> = parts
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let whole = union(p.iter().copied()).expect("a story has its headline");
            let takes_in = (0..lines.len()).any(|i| {
                let [x, y] = lines[i].rect.center();
                story[i] != Some(k) && x > whole.x0 && x < whole.x1 && y > whole.y0 && y < whole.y1
            });
            if takes_in {
                p.clone()
            } else {
                vec![whole]
            }
        })
        .collect();
    let loose: Vec<Rect> = (0..lines.len()).filter(|&i| story[i].is_none()).map(|i| lines[i].rect).collect();
    (grow(&regions, &loose, lines), story)
}

/// Each story's regions grown into the white space around them, halfway to what is beside
/// them (the other stories, the lines in none) or to the edge of what the page prints: the
/// part of the page the story holds, as a frame would have drawn it, though its text may stop
/// short.
fn grow(stories: &[Vec<Rect>], loose: &[Rect], lines: &[Line]) -> Vec<Vec<Rect>> {
    let Some(extent) = union(lines.iter().map(|l| l.rect)) else {
        return stories.to_vec();
    };
    stories
        .iter()
        .enumerate()
        .map(|(k, own)| {
            let others: Vec<&Rect> = stories
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != k)
                .flat_map(|(_, o)| o.iter())
                .chain(loose.iter())
                .collect();
            own.iter().map(|b| grown(b, &others, &extent)).collect()
        })
        .collect()
}

/// `b` grown across, then up and down, halfway to the nearest of `others` on each side, or to
/// `extent`.
fn grown(b: &Rect, others: &[&Rect], extent: &Rect) -> Rect {
    let beside = |o: &&&Rect| o.y0 < b.y1 && o.y1 > b.y0;
    let x1 =
        others.iter().filter(beside).filter(|o| o.x0 >= b.x1).map(|o| (b.x1 + o.x0) / 2.0).fold(extent.x1, f64::min);
    let x0 =
        others.iter().filter(beside).filter(|o| o.x1 <= b.x0).map(|o| (b.x0 + o.x1) / 2.0).fold(extent.x0, f64::max);
    let under = |o: &&&Rect| o.x0 < x1 && o.x1 > x0;
    let y1 =
        others.iter().filter(under).filter(|o| o.y0 >= b.y1).map(|o| (b.y1 + o.y0) / 2.0).fold(extent.y1, f64::min);
    let y0 =
        others.iter().filter(under).filter(|o| o.y1 <= b.y0).map(|o| (b.y0 + o.y1) / 2.0).fold(extent.y0, f64::max);
    Rect { x0: x0.min(b.x0), y0: y0.min(b.y0), x1: x1.max(b.x1), y1: y1.max(b.y1) }
}

/// How much of the narrower of two boxes the other spans across (0 to 1).
fn across(a: &Rect, b: &Rect) -> f64 {
    let narrower = a.width().min(b.width());
    if narrower > 0.0 {
        x_overlap(a, b) / narrower
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f64, y0: f64, x1: f64, size: f64, block: usize) -> Line {
        Line { rect: Rect { x0, y0, x1, y1: y0 + size }, text: "字".repeat(((x1 - x0) / size) as usize), size, block }
    }

    #[test]
    fn each_headline_heads_the_columns_under_it() {
        // A masthead with its date line (the first on the page: left to the segmentation);
        // under it two stories side by side: the left one a
        // kicker, title and two columns (a bold crosshead in the second); the right one a
        // title, a picture's gap, one column. Then a story under the left one, across both of
        // its columns, and a slogan with no text (a story of its own).
        let lines = vec![
            line(100.0, 0.0, 500.0, 100.0, 0),  // 0 masthead
            line(200.0, 105.0, 400.0, 28.0, 1), // 1 its date line
            line(0.0, 200.0, 200.0, 22.0, 2),   // 2 kicker
            line(0.0, 230.0, 380.0, 52.0, 2),   // 3 title
            line(0.0, 300.0, 180.0, 16.0, 3),   // 4 column one
            line(0.0, 325.0, 180.0, 16.0, 3),   // 5
            line(200.0, 300.0, 380.0, 16.0, 4), // 6 column two
            line(200.0, 325.0, 340.0, 19.2, 4), // 7 crosshead
            line(200.0, 350.0, 380.0, 16.0, 4), // 8
            line(420.0, 200.0, 600.0, 31.0, 5), // 9 right title
            line(420.0, 400.0, 600.0, 16.0, 6), // 10 its column, under a picture
            line(0.0, 500.0, 380.0, 31.0, 7),   // 11 the lower story's title
            line(0.0, 540.0, 180.0, 16.0, 8),   // 12
            line(200.0, 540.0, 380.0, 16.0, 9), // 13
            line(0.0, 700.0, 600.0, 64.0, 10),  // 14 a slogan alone
        ];
        let (boxes, story) = stories(&lines, 16.0);
        let expected = [None, None, Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), Some(0)];
        assert_eq!(story[..9], expected);
        assert_eq!(story[9..], [Some(1), Some(1), Some(2), Some(2), Some(2), Some(3)]);
        // Each box grown halfway to its neighbours (the date line above the left story, the
        // masthead above the right one), or to the edge of the printed page.
        assert_eq!(boxes[0], [Rect { x0: 0.0, y0: 166.5, x1: 400.0, y1: 433.0 }]);
        assert_eq!(boxes[1], [Rect { x0: 400.0, y0: 150.0, x1: 600.0, y1: 558.0 }]);
        assert_eq!(boxes[3], [Rect { x0: 0.0, y0: 628.0, x1: 600.0, y1: 764.0 }]);
        // Text under no headline is left alone.
        let (boxes, story) = stories(&[line(0.0, 0.0, 100.0, 16.0, 0), line(0.0, 20.0, 100.0, 16.0, 0)], 16.0);
        assert!(boxes.is_empty() && story == [None, None]);
    }

    #[test]
    fn a_story_set_round_another_has_a_region_to_each_column() {
        // Story A: a headline over two columns, the right one cut short by story B, whose
        // headline and column sit under it. A's box would take in B: A gets its headline and
        // each column; B its box.
        let mut lines = vec![line(0.0, 40.0, 380.0, 40.0, 0)];
        lines.extend((0..16).map(|k| line(0.0, 100.0 + 25.0 * f64::from(k), 180.0, 16.0, 1)));
        lines.extend((0..6).map(|k| line(200.0, 100.0 + 25.0 * f64::from(k), 380.0, 16.0, 2)));
        lines.push(line(200.0, 270.0, 380.0, 31.0, 3));
        lines.extend((0..6).map(|k| line(200.0, 320.0 + 25.0 * f64::from(k), 380.0, 16.0, 4)));
        let (regions, story) = stories(&lines, 16.0);
        assert!(story[..23].iter().all(|s| *s == Some(0)) && story[23..].iter().all(|s| *s == Some(1)));
        assert_eq!(regions[0].len(), 3, "{regions:?}");
        assert_eq!(regions[1].len(), 1);
        // Its right column grown down halfway to B's headline, not over it (and over A's own
        // headline and left column, which does no harm).
        assert_eq!(regions[0][2], Rect { x0: 0.0, y0: 40.0, x1: 380.0, y1: 255.5 });
        assert!(regions[1][0].y0 >= 255.5 && regions[0][1].y1 == 491.0);
    }
}

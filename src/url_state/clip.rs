//! A clipping in the address: a rectangle of the page in the page image's own pixels
//! (`clip=x,y,w,h`), so that a link reopens the page zoomed to it.

use std::fmt;

/// The largest coordinate an address may carry (page images are far smaller).
const MAX_COORD: u32 = 1_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clip {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl Clip {
    /// `x,y,w,h`, whole numbers, width and height at least 1; anything else is `None`.
    pub fn parse(s: &str) -> Option<Clip> {
        let mut n = s.split(',').map(|p| p.trim().parse::<u32>().ok().filter(|v| *v <= MAX_COORD));
        let clip = Clip { x: n.next()??, y: n.next()??, w: n.next()??, h: n.next()?? };
        (n.next().is_none() && clip.w > 0 && clip.h > 0).then_some(clip)
    }
}

impl fmt::Display for Clip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{},{}", self.x, self.y, self.w, self.h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clip_reads_as_it_was_written() {
        let c = Clip { x: 120, y: 40, w: 600, h: 310 };
        assert_eq!(c.to_string(), "120,40,600,310");
        assert_eq!(Clip::parse(&c.to_string()), Some(c));
        assert_eq!(Clip::parse(" 1, 2 ,3,4"), Some(Clip { x: 1, y: 2, w: 3, h: 4 }));
    }

    #[test]
    fn anything_else_is_not_a_clip() {
        for bad in ["", "1,2,3", "1,2,3,4,5", "1,2,0,4", "1,2,3,0", "-1,2,3,4", "1.5,2,3,4", "a,b,c,d", "1,2,3,4000000"]
        {
            assert_eq!(Clip::parse(bad), None, "{bad:?}");
        }
    }
}

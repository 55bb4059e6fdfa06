//! Zoom and pan of the page image, plain Rust: the transform of the zoomed page, zooming around
//! a point, keeping the page inside its frame, and telling a tap from a double-tap, a pan, a
//! pinch and a swipe. `gestures.rs` feeds it pointer positions and writes the result as a CSS
//! transform; nothing here touches the DOM.
//!
//! Coordinates are CSS pixels relative to the frame's top-left corner. The page, drawn at scale
//! 1, fills the frame exactly (`width` x `height`); a view scales it by `scale` about the frame's
//! origin and then moves it by (`x`, `y`), i.e. `transform: translate(x, y) scale(scale)` with
//! `transform-origin: 0 0`. A page point `p` is shown at `p * scale + (x, y)`.

use broadsheet_model::num::{fixed, within};
/// No smaller than the frame: the whole page is always one gesture away.
pub const MIN_SCALE: f64 = 1.0;
/// Eight times the fitted width: a column of small print fills a phone.
pub const MAX_SCALE: f64 = 8.0;
// Pinch zoom reaches at least six times the fitted page (issue 6).
const _: () = assert!(MAX_SCALE >= 6.0);
/// One press of a zoom button, or one notch of the keyboard's + and -.
pub const BUTTON_STEP: f64 = 1.5;
/// What a double-tap zooms to from the fitted page.
pub const DOUBLE_TAP_SCALE: f64 = 2.5;
/// A pointer that moves less than this (CSS px) is still tapping.
pub const TAP_SLOP: f64 = 10.0;
/// A press held longer than this (ms) is not a tap.
pub const TAP_TIME: f64 = 500.0;
/// Two taps closer than this in time (ms) and distance (CSS px) make a double-tap.
pub const DOUBLE_TAP_TIME: f64 = 300.0;
pub const DOUBLE_TAP_DISTANCE: f64 = 30.0;
/// A swipe travels at least this far sideways (CSS px, or this share of the frame's width when
/// that is less) and clearly more sideways than up or down.
pub const SWIPE_DISTANCE: f64 = 60.0;
pub const SWIPE_SHARE: f64 = 0.2;
/// A short fast flick also counts: at least `FLICK_SPEED` px/ms over `FLICK_DISTANCE` px.
pub const FLICK_SPEED: f64 = 0.5;
pub const FLICK_DISTANCE: f64 = 30.0;
/// A rectangle shown by `View::showing` takes this share of the frame, the rest a margin.
pub const SHOW_MARGIN: f64 = 0.9;
/// A scale this close to 1 is the fitted page.
const EPSILON: f64 = 1e-3;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for View {
    fn default() -> Self {
        View::FIT
    }
}

impl View {
    /// The page fitted to its frame.
    pub const FIT: View = View { scale: 1.0, x: 0.0, y: 0.0 };

    pub fn is_zoomed(&self) -> bool {
        self.scale > MIN_SCALE + EPSILON
    }

    /// The CSS transform that shows this view (origin `0 0`).
    pub fn css(&self) -> String {
        format!("translate3d({}px, {}px, 0) scale({})", fixed(self.x, 2), fixed(self.y, 2), fixed(self.scale, 4))
    }

    /// The page point (in CSS px of the fitted page) shown at frame point `at`.
    pub fn to_page(self, at: [f64; 2]) -> [f64; 2] {
        [(at[0] - self.x) / self.scale, (at[1] - self.y) / self.scale]
    }

    /// Keeps the page covering its `w` x `h` frame: no gap shows at any edge.
    pub fn clamped(self, w: f64, h: f64) -> View {
        let scale = clamp_scale(self.scale);
        let (min_x, min_y) = (w - w * scale, h - h * scale);
        View { scale, x: within(self.x, min_x.min(0.0), 0.0), y: within(self.y, min_y.min(0.0), 0.0) }
    }

    /// Zooms to `scale` keeping the page point under frame point `at` where it is.
    pub fn zoom_at(self, scale: f64, at: [f64; 2], w: f64, h: f64) -> View {
        let scale = clamp_scale(scale);
        let p = self.to_page(at);
        View { scale, x: at[0] - p[0] * scale, y: at[1] - p[1] * scale }.clamped(w, h)
    }

    /// Moves the page by `d` from this view, within bounds.
    pub fn pan(self, d: [f64; 2], w: f64, h: f64) -> View {
        View { x: self.x + d[0], y: self.y + d[1], ..self }.clamped(w, h)
    }

    /// One zoom-button press in (`+1`) or out (`-1`) around frame point `at`.
    pub fn step(self, direction: i32, at: [f64; 2], w: f64, h: f64) -> View {
        let scale = if direction >= 0 { self.scale * BUTTON_STEP } else { self.scale / BUTTON_STEP };
        // Snap to the fitted page rather than stopping a hair above it.
        let scale = if scale < MIN_SCALE + 0.05 { MIN_SCALE } else { scale };
        self.zoom_at(scale, at, w, h)
    }

    /// The view that shows the rectangle `share` (left, top, width, height as shares of the page)
    /// whole and centred in the part of the `w` x `h` frame from `top` to `bottom` that is on
    /// screen, with a margin around it, as far as the zoom limits allow.
    pub fn showing(share: [f64; 4], w: f64, h: f64, [top, bottom]: [f64; 2]) -> View {
        let (rw, rh) = ((share[2] * w).max(1.0), (share[3] * h).max(1.0));
        let seen = (bottom - top).max(1.0);
        let scale = clamp_scale((w / rw).min(seen / rh) * SHOW_MARGIN);
        let centre = [(share[0] + share[2] / 2.0) * w, (share[1] + share[3] / 2.0) * h];
        View { scale, x: w / 2.0 - centre[0] * scale, y: (top + bottom) / 2.0 - centre[1] * scale }.clamped(w, h)
    }

    /// Double-tap: zoom in around the tap from the fitted page, back to the fitted page otherwise.
    pub fn double_tap(self, at: [f64; 2], w: f64, h: f64) -> View {
        if self.is_zoomed() {
            View::FIT
        } else {
            self.zoom_at(DOUBLE_TAP_SCALE, at, w, h)
        }
    }
}

pub fn clamp_scale(s: f64) -> f64 {
    if s.is_finite() {
        within(s, MIN_SCALE, MAX_SCALE)
    } else {
        MIN_SCALE
    }
}

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn midpoint(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
}

/// A two-finger pinch from its start: the page point under the fingers' midpoint stays under
/// it, and the page scales by how far the fingers spread (panning as the midpoint moves).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pinch {
    start: View,
    start_distance: f64,
    /// The page point under the starting midpoint.
    anchor: [f64; 2],
}

impl Pinch {
    pub fn new(start: View, a: [f64; 2], b: [f64; 2]) -> Pinch {
        Pinch { start, start_distance: distance(a, b).max(1.0), anchor: start.to_page(midpoint(a, b)) }
    }

    /// The view for fingers now at `a` and `b`.
    pub fn view(&self, a: [f64; 2], b: [f64; 2], w: f64, h: f64) -> View {
        let scale = clamp_scale(self.start.scale * distance(a, b) / self.start_distance);
        let m = midpoint(a, b);
        View { scale, x: m[0] - self.anchor[0] * scale, y: m[1] - self.anchor[1] * scale }.clamped(w, h)
    }
}

/// What a single pointer's press-move-release was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gesture {
    Tap,
    /// A sideways swipe: towards the next page (finger moved left) or the previous one.
    Swipe(Direction),
    /// Moved, but neither a tap nor a swipe: a pan (or a swipe while zoomed, which pans).
    Pan,
    /// Held too long in place.
    Press,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Next,
    Previous,
}

/// Whether a pointer that has moved by `d` since it went down is past the tap slop.
pub fn moved(d: [f64; 2]) -> bool {
    d[0].hypot(d[1]) > TAP_SLOP
}

/// Classifies a single pointer's stroke: moved by `d` (CSS px) over `ms`, in a frame `w` wide,
/// with the page zoomed in or not. A two-finger stroke is a pinch and never comes here.
pub fn classify(d: [f64; 2], ms: f64, w: f64, zoomed: bool) -> Gesture {
    let [dx, dy] = d;
    if !moved(d) {
        return if ms <= TAP_TIME { Gesture::Tap } else { Gesture::Press };
    }
    let sideways = dx.abs() > 2.0 * dy.abs();
    let far = dx.abs() >= SWIPE_DISTANCE.min(SWIPE_SHARE * w).max(FLICK_DISTANCE);
    let flick = dx.abs() >= FLICK_DISTANCE && ms > 0.0 && dx.abs() / ms >= FLICK_SPEED;
    if !zoomed && sideways && (far || flick) {
        Gesture::Swipe(if dx < 0.0 { Direction::Next } else { Direction::Previous })
    } else {
        Gesture::Pan
    }
}

/// Whether a tap at `at`, `ms` after an earlier one at `before`, completes a double-tap.
pub fn is_double_tap(before: [f64; 2], at: [f64; 2], ms: f64) -> bool {
    (0.0..=DOUBLE_TAP_TIME).contains(&ms) && distance(before, at) <= DOUBLE_TAP_DISTANCE
}

/// The page followed the finger sideways while not zoomed; how far it shows moved: the full
/// distance, resisting at the first and last page where there is nowhere to go.
pub fn swipe_offset(dx: f64, has_previous: bool, has_next: bool) -> f64 {
    let blocked = (dx > 0.0 && !has_previous) || (dx < 0.0 && !has_next);
    if blocked {
        dx / 4.0
    } else {
        dx
    }
}

/// The image width (CSS px) to ask the browser's `srcset` choice for when the page is shown at
/// `scale` in a frame `w` wide: a sharper rendition when zoomed, rounded up to a step of 100 px
/// so that a pinch does not change the request for every frame.
pub fn wanted_width(w: f64, scale: f64) -> u32 {
    let px = (w * clamp_scale(scale)).max(1.0);
    ((px / 100.0).ceil() * 100.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: f64 = 400.0;
    const H: f64 = 600.0;

    fn close(a: View, b: View) -> bool {
        (a.scale - b.scale).abs() < 1e-9 && (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    #[test]
    fn a_rectangle_is_shown_whole_and_centred_in_what_is_on_screen() {
        // A quarter of the page's width and a tenth of its height, in the middle of the page.
        let share = [0.375, 0.45, 0.25, 0.1];
        let v = View::showing(share, W, H, [0.0, H]);
        assert!((v.scale - 4.0 * SHOW_MARGIN).abs() < 1e-9, "as wide as the frame allows: {v:?}");
        let [cx, cy] = [(0.5 * W) * v.scale + v.x, (0.5 * H) * v.scale + v.y];
        assert!((cx - W / 2.0).abs() < 1e-9 && (cy - H / 2.0).abs() < 1e-9, "centred: {cx}, {cy}");
        // Only the frame's top 300 px are on screen: a tall rectangle fits that height.
        let v = View::showing([0.0, 0.0, 0.1, 0.5], W, H, [0.0, 300.0]);
        assert!((v.scale - SHOW_MARGIN).abs() < 1e-9 || v.scale == MIN_SCALE, "{v:?}");
        // A tiny one stops at the zoom limit; one at a corner keeps the page covering the frame.
        let v = View::showing([0.99, 0.99, 0.001, 0.001], W, H, [0.0, H]);
        assert_eq!(v.scale, MAX_SCALE);
        assert!(close(v, v.clamped(W, H)));
        assert!(
            close(View::showing([0.0, 0.0, 1.0, 1.0], W, H, [0.0, H]), View::FIT),
            "the whole page is the fitted page"
        );
    }

    #[test]
    fn scale_stays_between_fitted_and_eight_times() {
        assert_eq!(clamp_scale(0.5), 1.0);
        assert_eq!(clamp_scale(3.0), 3.0);
        assert_eq!(clamp_scale(100.0), MAX_SCALE);
        assert_eq!(clamp_scale(f64::NAN), 1.0);
        assert_eq!(clamp_scale(f64::INFINITY), 1.0);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_finger() {
        let at = [100.0, 150.0];
        let v = View::FIT.zoom_at(2.0, at, W, H);
        assert_eq!(v.scale, 2.0);
        assert_eq!(v.to_page(at), [100.0, 150.0], "the page point stays under the focal point");
        assert_eq!((v.x, v.y), (-100.0, -150.0));
        // Zooming again elsewhere keeps that point too.
        let v2 = v.zoom_at(4.0, [300.0, 300.0], W, H);
        let p = v.to_page([300.0, 300.0]);
        let q = v2.to_page([300.0, 300.0]);
        assert!((p[0] - q[0]).abs() < 1e-9 && (p[1] - q[1]).abs() < 1e-9);
        // Back to 1 is the fitted page, wherever the focal point.
        assert!(close(v2.zoom_at(1.0, [10.0, 590.0], W, H), View::FIT));
    }

    #[test]
    fn zooming_at_a_corner_shows_that_corner_without_a_gap() {
        let v = View::FIT.zoom_at(3.0, [W, H], W, H);
        assert_eq!((v.x, v.y), (W - 3.0 * W, H - 3.0 * H), "the bottom-right corner stays put");
        let v = View::FIT.zoom_at(3.0, [0.0, 0.0], W, H);
        assert_eq!((v.x, v.y), (0.0, 0.0));
    }

    #[test]
    fn panning_stops_at_the_page_edges() {
        let v = View { scale: 2.0, x: -100.0, y: -100.0 };
        assert_eq!(v.pan([50.0, 20.0], W, H), View { scale: 2.0, x: -50.0, y: -80.0 });
        assert_eq!(v.pan([500.0, 500.0], W, H), View { scale: 2.0, x: 0.0, y: 0.0 }, "no gap at the top left");
        assert_eq!(v.pan([-5000.0, -5000.0], W, H), View { scale: 2.0, x: -W, y: -H }, "nor at the bottom right");
        assert_eq!(View::FIT.pan([40.0, -40.0], W, H), View::FIT, "the fitted page does not move");
    }

    #[test]
    fn pinch_scales_by_the_spread_around_the_midpoint() {
        let start = View::FIT;
        let (a, b) = ([150.0, 300.0], [250.0, 300.0]);
        let p = Pinch::new(start, a, b);
        assert!(close(p.view(a, b, W, H), start), "no movement, no change");
        // Fingers spread to three times the distance around the same midpoint.
        let v = p.view([100.0, 300.0], [400.0, 300.0], W, H);
        assert!((v.scale - 3.0).abs() < 1e-9);
        let under = v.to_page([250.0, 300.0]);
        assert!((under[0] - 200.0).abs() < 1e-9 && (under[1] - 300.0).abs() < 1e-9, "{under:?}");
        // Spreading past the limit stops at MAX_SCALE; pinching in stops at the fitted page.
        assert_eq!(p.view([0.0, 300.0], [2000.0, 300.0], W, H).scale, MAX_SCALE);
        assert!(close(p.view([195.0, 300.0], [205.0, 300.0], W, H), View::FIT));
        // Moving both fingers pans the zoomed page with them.
        let zoomed = View { scale: 2.0, x: -200.0, y: -300.0 };
        let p = Pinch::new(zoomed, a, b);
        let moved = p.view([a[0] + 30.0, a[1] + 40.0], [b[0] + 30.0, b[1] + 40.0], W, H);
        assert!(close(moved, View { scale: 2.0, x: -170.0, y: -260.0 }), "{moved:?}");
    }

    #[test]
    fn coincident_fingers_do_not_divide_by_zero() {
        let p = Pinch::new(View::FIT, [10.0, 10.0], [10.0, 10.0]);
        let v = p.view([0.0, 10.0], [30.0, 10.0], W, H);
        assert!(v.scale.is_finite() && v.x.is_finite() && v.y.is_finite());
    }

    #[test]
    fn buttons_step_and_snap_back_to_fitted() {
        let c = [W / 2.0, H / 2.0];
        let v = View::FIT.step(1, c, W, H);
        assert!((v.scale - BUTTON_STEP).abs() < 1e-9);
        assert_eq!(v.to_page(c), [W / 2.0, H / 2.0]);
        assert!(close(v.step(-1, c, W, H), View::FIT));
        let mut v = View::FIT;
        for _ in 0..20 {
            v = v.step(1, c, W, H);
        }
        assert_eq!(v.scale, MAX_SCALE);
        assert_eq!(View::FIT.step(-1, c, W, H), View::FIT);
    }

    #[test]
    fn double_tap_zooms_in_then_out() {
        let at = [80.0, 120.0];
        let v = View::FIT.double_tap(at, W, H);
        assert_eq!(v.scale, DOUBLE_TAP_SCALE);
        assert_eq!(v.to_page(at), at);
        assert_eq!(v.double_tap([300.0, 300.0], W, H), View::FIT);
    }

    #[test]
    fn strokes_are_told_apart() {
        assert_eq!(classify([2.0, 3.0], 120.0, W, false), Gesture::Tap);
        assert_eq!(classify([2.0, 3.0], 900.0, W, false), Gesture::Press);
        assert_eq!(classify([-120.0, 10.0], 250.0, W, false), Gesture::Swipe(Direction::Next));
        assert_eq!(classify([120.0, -10.0], 250.0, W, false), Gesture::Swipe(Direction::Previous));
        assert_eq!(classify([-120.0, 10.0], 250.0, W, true), Gesture::Pan, "zoomed in, a swipe pans");
        assert_eq!(classify([-70.0, -60.0], 250.0, W, false), Gesture::Pan, "diagonal is not a swipe");
        assert_eq!(classify([0.0, 150.0], 250.0, W, false), Gesture::Pan, "vertical is not a swipe");
        assert_eq!(classify([-40.0, 0.0], 1000.0, W, false), Gesture::Pan, "short and slow");
        assert_eq!(classify([-40.0, 0.0], 50.0, W, false), Gesture::Swipe(Direction::Next), "a flick");
        // On a narrow frame a fifth of its width is enough.
        assert_eq!(classify([-45.0, 0.0], 2000.0, 200.0, false), Gesture::Swipe(Direction::Next));
    }

    #[test]
    fn double_taps_are_close_in_time_and_place() {
        assert!(is_double_tap([100.0, 100.0], [110.0, 105.0], 200.0));
        assert!(!is_double_tap([100.0, 100.0], [110.0, 105.0], 450.0));
        assert!(!is_double_tap([100.0, 100.0], [180.0, 100.0], 100.0));
        assert!(!is_double_tap([100.0, 100.0], [100.0, 100.0], -5.0));
    }

    #[test]
    fn swiping_resists_where_there_is_no_page() {
        assert_eq!(swipe_offset(-80.0, true, true), -80.0);
        assert_eq!(swipe_offset(-80.0, true, false), -20.0);
        assert_eq!(swipe_offset(80.0, false, true), 20.0);
    }

    #[test]
    fn a_sharper_rendition_is_asked_for_when_zoomed() {
        assert_eq!(wanted_width(390.0, 1.0), 400);
        assert_eq!(wanted_width(390.0, 3.0), 1200);
        assert_eq!(wanted_width(390.0, 50.0), 3200);
    }

    #[test]
    fn the_transform_is_translate_then_scale() {
        let v = View { scale: 2.5, x: -10.126, y: 3.0 };
        assert_eq!(v.css(), "translate3d(-10.13px, 3px, 0) scale(2.5)");
    }
}

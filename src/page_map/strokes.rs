//! The page image's strokes, in plain Rust: pointers pressed, moved and let go, the zoom buttons,
//! the keys, Ctrl + wheel and a resize come in; commands for the component (`gestures.rs`) come
//! out: show a view, light a region, turn the page, click a region once the double-tap time is
//! over, draw a clipping's rectangle. The geometry is `zoom.rs`'s and `clip.rs`'s. Nothing here touches the DOM, so each gesture is tested
//! natively (below); the component only reads events and carries the commands out.
//!
//! Positions come in as viewport (client) pixels and are kept relative to the frame, whose box
//! the component measures when a stroke starts (`measured`), never per move.

use super::clip::{self, Share};
use super::zoom::{self, Direction, Gesture, Pinch, View};
use broadsheet_model::num::within;

/// What the browser's `srcset` choice is given while the page is fitted (see `page_map::SIZES`).
pub const FITTED_SIZES: &str = super::SIZES;
/// A click this long (ms) after a drag, pinch or handled tap is the browser's and is swallowed.
pub const SWALLOW_MS: f64 = 800.0;
/// How far one arrow key pans a zoomed page (CSS px).
pub const KEY_PAN: f64 = 60.0;
/// A region link's element id: this prefix, then the article's id.
const REGION_PREFIX: &str = "bs-region-";

/// What a pointer is: a mouse opens a region on its own click; a finger or a pen has no hover,
/// and its tap waits to see whether a second one makes a double-tap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    Mouse,
    /// A finger or a pen.
    Touch,
}

impl Device {
    /// From `PointerEvent.pointerType`.
    pub fn of(pointer_type: &str) -> Device {
        if pointer_type == "mouse" {
            Device::Mouse
        } else {
            Device::Touch
        }
    }
}

/// One pointer event as the component reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub id: i32,
    pub device: Device,
    /// Where it is in the viewport (CSS px).
    pub client: [f64; 2],
    /// The event's time stamp (ms).
    pub time: f64,
}

/// What the component does after an input.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Write the target view on the next animation frame (a finger's move: no transition).
    Render,
    /// A view not a finger's was set: write it, with a transition if `animated`; the zoom
    /// buttons and the zoom level follow `scale`.
    Settle { scale: f64, animated: bool },
    /// Give the page image this `sizes`, for a sharper rendition when zoomed.
    Sizes(String),
    /// Light the region of this article (touch has no hover), or none.
    Hot(Option<String>),
    /// The stroke is a drag or pinch of ours: the frame is gesturing (no transition) and holds
    /// this pointer (pointer capture), so that it keeps the moves that leave it.
    Grab(i32),
    /// The last pointer let go: the frame is no longer gesturing.
    Ended,
    /// Call `tap_time_over` after the double-tap time.
    StartTapTimer,
    /// The tap waiting for that time is settled otherwise: forget the timer.
    CancelTapTimer,
    /// Click this region link (its element id) as the reader's tap would have.
    Click(String),
    /// Show the next or the previous page.
    Turn(Direction),
    /// Draw the clipping's rectangle being drawn here (shares of the page), or none.
    Band(Option<Share>),
    /// The reader drew this rectangle (shares of the page) for a clipping.
    Clip(Share),
}

/// A change of view that is not a stroke's: the buttons, the keys, the wheel, a resize.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    /// One zoom step in (`1`) or out (`-1`) around the middle of what is on screen.
    Step(i32),
    /// Back to the fitted page.
    Fit,
    /// Move the zoomed page by this much.
    Pan([f64; 2]),
    /// Ctrl + wheel (or a trackpad's pinch) at `client`: `delta_y` in pixels, or in lines or
    /// pages when not `pixels` (`WheelEvent.deltaMode`).
    Wheel { client: [f64; 2], delta_y: f64, pixels: bool },
    /// The frame changed size: keep the zoomed page inside it.
    Resize,
    /// Zoom to show this rectangle (shares of the page) whole, e.g. a clipping's.
    Show(Share),
}

#[derive(Clone, Debug, Default, PartialEq)]
enum Stroke {
    /// Nothing pressed.
    #[default]
    Idle,
    /// One pointer down, not yet past the tap slop.
    Pressed,
    /// One pointer dragging: a pan when zoomed, else the page follows sideways for a swipe.
    Dragging,
    /// Two pointers.
    Pinching(Pinch),
    /// A pinch lost a finger: the other pans, and the stroke can no longer be a tap or swipe.
    AfterPinch,
    /// One pointer drawing a clipping's rectangle from where it went down.
    Banding,
}

/// The state of the strokes on one page's frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Strokes {
    /// Whether there is a page to swipe to either way.
    has_previous: bool,
    has_next: bool,
    /// Pointers down on the frame: id and position in frame px.
    pointers: Vec<(i32, [f64; 2])>,
    stroke: Stroke,
    /// The frame's box in the viewport (left, top) and its size, as last measured.
    origin: [f64; 2],
    size: [f64; 2],
    /// The view to show (on the next frame).
    target: View,
    /// Where and when the stroke started, and the view then.
    start_at: [f64; 2],
    start_time: f64,
    start_view: View,
    /// The region link the stroke started on (its element id).
    region: Option<String>,
    /// The last tap by touch or pen (where, when), for double-taps.
    last_tap: Option<([f64; 2], f64)>,
    /// A lone tap waiting out the double-tap time, with the region it landed on.
    waiting_tap: Option<Option<String>>,
    /// Swallow the browser's click until this time (event time stamp, ms).
    swallow_until: f64,
    /// The `sizes` the image has now.
    sizes: String,
    /// A drag draws a clipping's rectangle instead of panning or swiping.
    clipping: bool,
}

impl Strokes {
    pub fn new(has_previous: bool, has_next: bool) -> Strokes {
        Strokes {
            has_previous,
            has_next,
            pointers: Vec::new(),
            stroke: Stroke::Idle,
            origin: [0.0; 2],
            size: [0.0; 2],
            target: View::FIT,
            start_at: [0.0; 2],
            start_time: 0.0,
            start_view: View::FIT,
            region: None,
            last_tap: None,
            waiting_tap: None,
            swallow_until: 0.0,
            sizes: FITTED_SIZES.to_string(),
            clipping: false,
        }
    }

    /// Whether a drag draws a clipping (the reader chose to clip) or pans and swipes.
    pub fn set_clipping(&mut self, on: bool) {
        self.clipping = on;
    }

    /// The frame's box as just measured: its top-left corner in the viewport and its size.
    pub fn measured(&mut self, origin: [f64; 2], size: [f64; 2]) {
        self.origin = origin;
        self.size = size;
    }

    /// No pointer is down: the next one starts a stroke, and the frame is measured for it.
    pub fn is_idle(&self) -> bool {
        self.pointers.is_empty()
    }

    /// The view to show.
    pub fn target(&self) -> View {
        self.target
    }

    /// The stroke is a drag or pinch of ours, so the browser must not also scroll or fling.
    pub fn owns_stroke(&self) -> bool {
        matches!(self.stroke, Stroke::Dragging | Stroke::Pinching(_) | Stroke::AfterPinch | Stroke::Banding)
    }

    fn at(&self, client: [f64; 2]) -> [f64; 2] {
        [client[0] - self.origin[0], client[1] - self.origin[1]]
    }

    /// A pointer went down, on the region link `region` (its element id) if any. A mouse's
    /// other buttons are not ours.
    pub fn down(&mut self, p: Pointer, primary_button: bool, region: Option<String>) -> Vec<Command> {
        if p.device == Device::Mouse && !primary_button {
            return Vec::new();
        }
        let at = self.at(p.client);
        self.pointers.retain(|q| q.0 != p.id);
        self.pointers.push((p.id, at));
        match self.pointers.len() {
            1 => self.press(p, at, region),
            2 => self.start_pinch(p.id),
            _ => Vec::new(),
        }
    }

    fn press(&mut self, p: Pointer, at: [f64; 2], region: Option<String>) -> Vec<Command> {
        self.stroke = Stroke::Pressed;
        self.start_at = at;
        self.start_time = p.time;
        self.start_view = self.target;
        self.region = region;
        // Touch has no hover: light the region under the finger while it is down.
        let article = self.region.as_deref().and_then(|id| id.strip_prefix(REGION_PREFIX));
        match article {
            Some(article) if p.device == Device::Touch => vec![Command::Hot(Some(article.to_string()))],
            _ => Vec::new(),
        }
    }

    /// A second pointer: whatever the first was doing (a press, a drag, a swipe), it is a pinch
    /// now, and a tap waiting to open its region never will.
    fn start_pinch(&mut self, id: i32) -> Vec<Command> {
        let mut out = Vec::new();
        if self.waiting_tap.take().is_some() {
            out.push(Command::CancelTapTimer);
        }
        if self.stroke == Stroke::Banding {
            out.push(Command::Band(None));
        }
        self.stroke = Stroke::Pinching(Pinch::new(self.target, self.pointers[0].1, self.pointers[1].1));
        self.last_tap = None;
        out.extend([Command::Hot(None), Command::Grab(id)]);
        out
    }

    /// A pointer moved; one that is not down on the frame is not ours.
    pub fn moved(&mut self, p: Pointer) -> Vec<Command> {
        let Some(i) = self.pointers.iter().position(|q| q.0 == p.id) else { return Vec::new() };
        let at = self.at(p.client);
        self.pointers[i].1 = at;
        match self.stroke.clone() {
            Stroke::Pressed => {
                if !zoom::moved(delta(self.start_at, at)) {
                    return Vec::new();
                }
                // Past the slop: this stroke will not open anything.
                if self.clipping {
                    self.stroke = Stroke::Banding;
                    return vec![Command::Hot(None), Command::Grab(p.id), Command::Band(Some(self.band(at)))];
                }
                self.stroke = Stroke::Dragging;
                self.drag(at);
                vec![Command::Hot(None), Command::Grab(p.id), Command::Render]
            }
            Stroke::Banding => vec![Command::Band(Some(self.band(at)))],
            Stroke::Dragging | Stroke::AfterPinch => {
                self.drag(at);
                vec![Command::Render]
            }
            Stroke::Pinching(pinch) if self.pointers.len() >= 2 => {
                let [w, h] = self.size;
                self.target = pinch.view(self.pointers[0].1, self.pointers[1].1, w, h);
                vec![Command::Render]
            }
            _ => Vec::new(),
        }
    }

    /// The rectangle from where the stroke started to `at`, as shares of the page.
    fn band(&self, at: [f64; 2]) -> Share {
        let [w, h] = self.size;
        let share = |p: [f64; 2]| [p[0] / w.max(1.0), p[1] / h.max(1.0)];
        clip::band(share(self.start_view.to_page(self.start_at)), share(self.target.to_page(at)))
    }

    /// One pointer's drag: pans the zoomed page, or lets the fitted page follow sideways.
    fn drag(&mut self, at: [f64; 2]) {
        let d = delta(self.start_at, at);
        let [w, h] = self.size;
        self.target = if self.start_view.is_zoomed() || self.stroke == Stroke::AfterPinch {
            self.start_view.pan(d, w, h)
        } else {
            View { x: zoom::swipe_offset(d[0], self.has_previous, self.has_next), ..View::FIT }
        };
    }

    /// A pointer let go, or the browser took it over (`cancelled`: a cancelled stroke is never
    /// a tap, a swipe or a page turn).
    pub fn up(&mut self, p: Pointer, cancelled: bool) -> Vec<Command> {
        let before = self.pointers.len();
        self.pointers.retain(|q| q.0 != p.id);
        let left = self.pointers.len();
        if left == before {
            return Vec::new();
        }
        if let Stroke::Pinching(_) = self.stroke {
            self.swallow_until = p.time + SWALLOW_MS;
            if left == 1 {
                // The remaining finger pans on from where it is.
                self.stroke = Stroke::AfterPinch;
                self.start_at = self.pointers[0].1;
                self.start_view = self.target;
                return Vec::new();
            }
        }
        if left > 0 {
            return Vec::new();
        }
        let at = self.at(p.client);
        let mut out = vec![Command::Ended];
        match std::mem::take(&mut self.stroke) {
            Stroke::Pressed if !cancelled => self.end_press(p, at, &mut out),
            Stroke::Pressed => out.push(Command::Hot(None)),
            Stroke::Dragging if !cancelled => self.end_drag(at, p.time, &mut out),
            Stroke::Banding => {
                self.swallow_until = p.time + SWALLOW_MS;
                out.push(Command::Band(None));
                if !cancelled {
                    out.push(Command::Clip(self.band(at)));
                }
            }
            _ => {
                // A pinch or a cancelled drag: settle where it is, or back to the fitted page
                // when it ended (nearly) there.
                self.swallow_until = p.time + SWALLOW_MS;
                let [w, h] = self.size;
                let view = if self.target.scale < 1.05 { View::FIT } else { self.target.clamped(w, h) };
                self.settle(view, !view.is_zoomed(), &mut out);
            }
        }
        out
    }

    /// A press that never passed the slop: for touch and pen a tap that waits out the
    /// double-tap time (or completes a double-tap); a mouse's click follows from the browser
    /// and opens the region at once.
    fn end_press(&mut self, p: Pointer, at: [f64; 2], out: &mut Vec<Command>) {
        if p.device == Device::Mouse {
            return;
        }
        let [w, h] = self.size;
        let gesture =
            zoom::classify(delta(self.start_at, at), p.time - self.start_time, w, self.start_view.is_zoomed());
        // The browser's own click is swallowed: a tap is opened here, or not at all.
        self.swallow_until = p.time + SWALLOW_MS;
        if gesture != Gesture::Tap {
            out.push(Command::Hot(None));
            return;
        }
        let double = self.last_tap.is_some_and(|(before, t)| zoom::is_double_tap(before, at, p.time - t));
        if self.waiting_tap.take().is_some() {
            out.push(Command::CancelTapTimer);
        }
        if double {
            self.last_tap = None;
            out.push(Command::Hot(None));
            let view = self.target.double_tap(at, w, h);
            self.settle(view, true, out);
        } else {
            self.waiting_tap = Some(self.region.clone());
            self.last_tap = Some((at, p.time));
            out.push(Command::StartTapTimer);
        }
    }

    /// A drag let go: a swipe turns the page if there is one that way; a pan keeps the zoomed
    /// page where it is; otherwise the fitted page slides back.
    fn end_drag(&mut self, at: [f64; 2], now: f64, out: &mut Vec<Command>) {
        self.swallow_until = now + SWALLOW_MS;
        let zoomed = self.start_view.is_zoomed();
        match zoom::classify(delta(self.start_at, at), now - self.start_time, self.size[0], zoomed) {
            Gesture::Swipe(Direction::Next) if self.has_next => out.push(Command::Turn(Direction::Next)),
            Gesture::Swipe(Direction::Previous) if self.has_previous => out.push(Command::Turn(Direction::Previous)),
            _ => self.settle(if zoomed { self.target } else { View::FIT }, !zoomed, out),
        }
    }

    /// The double-tap time is over: a lone tap opens the region it landed on.
    pub fn tap_time_over(&mut self) -> Vec<Command> {
        let Some(region) = self.waiting_tap.take() else { return Vec::new() };
        self.last_tap = None;
        let mut out = vec![Command::Hot(None)];
        out.extend(region.map(Command::Click));
        out
    }

    /// Whether the browser's click (`trusted`, at `time`) comes from a drag, pinch or tap
    /// handled here and must not open a region; it swallows one click only.
    pub fn swallows_click(&mut self, trusted: bool, time: f64) -> bool {
        let swallow = trusted && time <= self.swallow_until;
        if swallow {
            self.swallow_until = 0.0;
        }
        swallow
    }

    /// What a key does while focus is in the map: + - 0 zoom; the arrows pan when zoomed (and
    /// then do not turn the page, which the reader's own arrow keys do otherwise). `None`: not
    /// a key of the map's, e.g. with Alt, Ctrl or Meta held (`modified`).
    pub fn key_action(&self, key: &str, modified: bool) -> Option<Action> {
        if modified {
            return None;
        }
        let zoomed = self.target.is_zoomed();
        Some(match key {
            "+" | "=" => Action::Step(1),
            "-" | "_" => Action::Step(-1),
            "0" => Action::Fit,
            "ArrowLeft" if zoomed => Action::Pan([KEY_PAN, 0.0]),
            "ArrowRight" if zoomed => Action::Pan([-KEY_PAN, 0.0]),
            "ArrowUp" if zoomed => Action::Pan([0.0, KEY_PAN]),
            "ArrowDown" if zoomed => Action::Pan([0.0, -KEY_PAN]),
            _ => return None,
        })
    }

    /// A change of view that is not a stroke's, in a viewport `viewport_height` tall (for the
    /// middle of what is on screen). The wheel and a resize are not animated: they come in many
    /// small steps.
    pub fn act(&mut self, action: Action, viewport_height: Option<f64>) -> Vec<Command> {
        let [w, h] = self.size;
        let view = match action {
            Action::Step(direction) => self.target.step(direction, self.visible_centre(viewport_height), w, h),
            Action::Fit => View::FIT,
            Action::Pan(d) => self.target.pan(d, w, h),
            Action::Wheel { client, delta_y, pixels } => {
                let factor = (-delta_y * if pixels { 0.01 } else { 0.3 }).exp();
                self.target.zoom_at(self.target.scale * factor, self.at(client), w, h)
            }
            Action::Resize => self.target.clamped(w, h),
            Action::Show(share) => View::showing(share, w, h, self.visible_span(viewport_height)),
        };
        let animated = !matches!(action, Action::Wheel { .. } | Action::Resize);
        let mut out = Vec::new();
        self.settle(view, animated, &mut out);
        out
    }

    /// The middle of the part of the frame that is on screen, in frame px.
    fn visible_centre(&self, viewport_height: Option<f64>) -> [f64; 2] {
        let [top, bottom] = self.visible_span(viewport_height);
        [self.size[0] / 2.0, (top + bottom) / 2.0]
    }

    /// The top and bottom of the part of the frame that is on screen, in frame px.
    fn visible_span(&self, viewport_height: Option<f64>) -> [f64; 2] {
        let h = self.size[1];
        let top = within(-self.origin[1], 0.0, h);
        [top, within(viewport_height.unwrap_or(h) - self.origin[1], top, h)]
    }

    /// A view change that is not a finger's; when zoomed, the image's `srcset` is asked for a
    /// sharper rendition if the data has one.
    fn settle(&mut self, view: View, animated: bool, out: &mut Vec<Command>) {
        self.target = view;
        out.push(Command::Settle { scale: view.scale, animated });
        let sizes = if view.is_zoomed() {
            format!("{}px", zoom::wanted_width(self.size[0], view.scale))
        } else {
            FITTED_SIZES.to_string()
        };
        if sizes != self.sizes {
            self.sizes = sizes.clone();
            out.push(Command::Sizes(sizes));
        }
    }
}

fn delta(from: [f64; 2], to: [f64; 2]) -> [f64; 2] {
    [to[0] - from[0], to[1] - from[1]]
}

#[cfg(test)]
mod tests;

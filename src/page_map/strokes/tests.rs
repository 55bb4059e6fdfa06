//! Each gesture as a finger, a pen or a mouse makes it, event by event, with what the component
//! is told to do. The frame is 400 x 600 CSS px, its top-left corner at (20, 100) in the viewport.

use super::*;
use crate::page_map::zoom::{DOUBLE_TAP_SCALE, MAX_SCALE};

const W: f64 = 400.0;
const H: f64 = 600.0;
const ORIGIN: [f64; 2] = [20.0, 100.0];
const REGION: &str = "bs-region-a0202";

/// A frame on a middle page (there is a page either side), measured.
fn frame() -> Strokes {
    frame_between(true, true)
}

fn frame_between(has_previous: bool, has_next: bool) -> Strokes {
    let mut s = Strokes::new(has_previous, has_next);
    s.measured(ORIGIN, [W, H]);
    s
}

/// Pointer `id` of `device` at frame point `at` (given in frame px, sent in viewport px), at `t` ms.
fn pointer(device: Device, id: i32, at: [f64; 2], t: f64) -> Pointer {
    Pointer { id, device, client: [at[0] + ORIGIN[0], at[1] + ORIGIN[1]], time: t }
}

fn finger(id: i32, at: [f64; 2], t: f64) -> Pointer {
    pointer(Device::Touch, id, at, t)
}

/// One finger from `from` to `to` in `steps` moves over `ms`; returns what letting go said.
fn stroke(s: &mut Strokes, from: [f64; 2], to: [f64; 2], t0: f64, ms: f64) -> Vec<Command> {
    s.down(finger(1, from, t0), true, None);
    let steps = 8;
    for i in 1..=steps {
        let k = i as f64 / steps as f64;
        let at = [from[0] + (to[0] - from[0]) * k, from[1] + (to[1] - from[1]) * k];
        s.moved(finger(1, at, t0 + ms * k));
    }
    s.up(finger(1, to, t0 + ms), false)
}

/// A touch tap at `at` on the region link, at `t` ms.
fn tap(s: &mut Strokes, at: [f64; 2], t: f64) -> Vec<Command> {
    s.down(finger(1, at, t), true, Some(REGION.to_string()));
    s.up(finger(1, at, t + 40.0), false)
}

/// Two fingers down at `a` and `b`, moved to `a2` and `b2`.
fn pinch(s: &mut Strokes, [a, b]: [[f64; 2]; 2], [a2, b2]: [[f64; 2]; 2], t: f64) {
    s.down(finger(1, a, t), true, None);
    s.down(finger(2, b, t + 5.0), true, None);
    s.moved(finger(1, a2, t + 50.0));
    s.moved(finger(2, b2, t + 55.0));
}

fn turns(out: &[Command]) -> Vec<Direction> {
    out.iter().filter_map(|c| if let Command::Turn(d) = c { Some(*d) } else { None }).collect()
}

fn close(a: View, b: View) -> bool {
    (a.scale - b.scale).abs() < 1e-9 && (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
}

#[test]
fn a_swipe_past_the_threshold_turns_the_page_and_a_short_one_springs_back() {
    let mut s = frame();
    // The fitted page follows the finger sideways while it moves.
    s.down(finger(1, [300.0, 300.0], 0.0), true, None);
    assert_eq!(s.moved(finger(1, [295.0, 301.0], 10.0)), vec![], "inside the tap slop nothing moves");
    assert_eq!(s.moved(finger(1, [200.0, 302.0], 50.0)), vec![Command::Hot(None), Command::Grab(1), Command::Render]);
    assert_eq!(s.target(), View { x: -100.0, ..View::FIT });
    assert!(s.owns_stroke(), "the browser must not scroll for it");
    let out = s.up(finger(1, [80.0, 306.0], 200.0), false);
    assert_eq!(out, vec![Command::Ended, Command::Turn(Direction::Next)]);
    assert!(!s.owns_stroke());

    // To the right: the previous page.
    let out = stroke(&mut frame(), [40.0, 300.0], [260.0, 294.0], 0.0, 200.0);
    assert_eq!(turns(&out), [Direction::Previous]);

    // 40 px slowly is neither far enough nor a flick: the page slides back, animated.
    let mut s = frame();
    let out = stroke(&mut s, [300.0, 300.0], [260.0, 300.0], 0.0, 1000.0);
    assert_eq!(out, vec![Command::Ended, Command::Settle { scale: 1.0, animated: true }]);
    assert_eq!(s.target(), View::FIT);
    // A mostly vertical stroke is no swipe either.
    assert_eq!(turns(&stroke(&mut frame(), [200.0, 100.0], [140.0, 400.0], 0.0, 200.0)), []);
}

#[test]
fn a_swipe_where_there_is_no_page_resists_and_springs_back() {
    let mut first = frame_between(false, true);
    first.down(finger(1, [40.0, 300.0], 0.0), true, None);
    first.moved(finger(1, [240.0, 300.0], 100.0));
    assert_eq!(first.target().x, 50.0, "a quarter of the way: there is nothing to go to");
    let out = first.up(finger(1, [260.0, 300.0], 200.0), false);
    assert_eq!(out, vec![Command::Ended, Command::Settle { scale: 1.0, animated: true }]);
    assert_eq!(first.target(), View::FIT);

    let mut last = frame_between(true, false);
    assert_eq!(turns(&stroke(&mut last, [300.0, 300.0], [80.0, 300.0], 0.0, 200.0)), []);
    assert_eq!(last.target(), View::FIT);
}

#[test]
fn zoomed_in_a_swipe_pans_and_stays_on_the_page() {
    let mut s = frame();
    s.act(Action::Step(1), None);
    let zoomed = s.target();
    let out = stroke(&mut s, [300.0, 300.0], [180.0, 300.0], 0.0, 150.0);
    assert_eq!(turns(&out), []);
    assert_eq!(out[1], Command::Settle { scale: zoomed.scale, animated: false }, "the pan stays where it is");
    assert!(close(s.target(), zoomed.pan([-120.0, 0.0], W, H)));
}

#[test]
fn a_pinch_zooms_about_its_centre_and_is_clamped() {
    let mut s = frame();
    s.down(finger(1, [150.0, 300.0], 0.0), true, Some(REGION.to_string()));
    let out = s.down(finger(2, [210.0, 300.0], 5.0), true, None);
    assert_eq!(out, vec![Command::Hot(None), Command::Grab(2)], "a pinch lights nothing and holds the pointers");
    assert!(s.owns_stroke());
    // Spread from 60 to 180 px around the same midpoint: three times the size, that point kept.
    assert_eq!(s.moved(finger(1, [90.0, 300.0], 50.0)), vec![Command::Render]);
    s.moved(finger(2, [270.0, 300.0], 55.0));
    let v = s.target();
    assert!((v.scale - 3.0).abs() < 1e-9, "{v:?}");
    let under = v.to_page([180.0, 300.0]);
    assert!((under[0] - 180.0).abs() < 1e-9 && (under[1] - 300.0).abs() < 1e-9, "{under:?}");
    // Far apart: no more than the maximum.
    s.moved(finger(1, [0.0, 300.0], 80.0));
    s.moved(finger(2, [2000.0, 300.0], 85.0));
    assert_eq!(s.target().scale, MAX_SCALE);
    // Both fingers let go: the view settles there without a transition, and the image is asked
    // for a sharper rendition (400 px at 8x).
    assert_eq!(s.up(finger(1, [0.0, 300.0], 100.0), false), vec![]);
    let out = s.up(finger(2, [2000.0, 300.0], 105.0), false);
    assert_eq!(
        out,
        vec![Command::Ended, Command::Settle { scale: MAX_SCALE, animated: false }, Command::Sizes("3200px".into())]
    );
    assert!(s.swallows_click(true, 600.0), "the browser's click after a pinch opens nothing");
    assert_eq!(s.tap_time_over(), vec![], "and no tap is waiting");
}

#[test]
fn a_pinch_that_ends_nearly_fitted_snaps_to_the_fitted_page() {
    let mut s = frame();
    pinch(&mut s, [[150.0, 300.0], [250.0, 300.0]], [[149.0, 300.0], [252.0, 300.0]], 0.0);
    assert!(s.target().scale > 1.0 && s.target().scale < 1.05);
    s.up(finger(2, [252.0, 300.0], 100.0), false);
    let out = s.up(finger(1, [149.0, 300.0], 110.0), false);
    assert_eq!(out, vec![Command::Ended, Command::Settle { scale: 1.0, animated: true }], "sizes unchanged: fitted");
    assert_eq!(s.target(), View::FIT);
    // Pinching in below the fitted page stops at it.
    let mut s = frame();
    pinch(&mut s, [[100.0, 300.0], [300.0, 300.0]], [[190.0, 300.0], [210.0, 300.0]], 0.0);
    assert_eq!(s.target(), View::FIT);
}

#[test]
fn after_a_pinch_the_remaining_finger_pans_and_never_swipes() {
    let mut s = frame();
    pinch(&mut s, [[150.0, 300.0], [250.0, 300.0]], [[100.0, 300.0], [300.0, 300.0]], 0.0);
    let zoomed = s.target();
    assert!((zoomed.scale - 2.0).abs() < 1e-9);
    assert_eq!(s.up(finger(2, [300.0, 300.0], 100.0), false), vec![], "one finger is still down");
    assert!(s.owns_stroke());
    assert_eq!(s.moved(finger(1, [40.0, 280.0], 150.0)), vec![Command::Render]);
    assert!(close(s.target(), zoomed.pan([-60.0, -20.0], W, H)), "pans from where the finger is");
    // A long sideways stroke of that finger is still a pan: it turns no page.
    s.moved(finger(1, [-200.0, 280.0], 200.0));
    let out = s.up(finger(1, [-200.0, 280.0], 210.0), false);
    assert_eq!(turns(&out), []);
    assert_eq!(out[1], Command::Settle { scale: zoomed.scale, animated: false });
}

#[test]
fn a_second_finger_during_a_swipe_turns_it_into_a_pinch() {
    let mut s = frame();
    s.down(finger(1, [300.0, 300.0], 0.0), true, None);
    s.moved(finger(1, [200.0, 300.0], 40.0));
    assert_eq!(s.target().x, -100.0, "swiping");
    let out = s.down(finger(2, [300.0, 300.0], 50.0), true, None);
    assert_eq!(out, vec![Command::Hot(None), Command::Grab(2)]);
    // The pinch starts from the view the swipe had, and spreads.
    s.moved(finger(2, [400.0, 300.0], 80.0));
    assert!(s.target().scale > 1.9, "{:?}", s.target());
    s.up(finger(2, [400.0, 300.0], 90.0), false);
    s.moved(finger(1, [20.0, 300.0], 100.0));
    let out = s.up(finger(1, [20.0, 300.0], 110.0), false);
    assert_eq!(turns(&out), [], "the stroke that began as a swipe turns no page");
}

#[test]
fn double_tap_toggles_zoom_and_opens_nothing() {
    let mut s = frame();
    let at = [120.0, 200.0];
    assert_eq!(
        s.down(finger(1, at, 0.0), true, Some(REGION.to_string())),
        vec![Command::Hot(Some("a0202".into()))],
        "touch lights the region under the finger"
    );
    assert_eq!(s.up(finger(1, at, 40.0), false), vec![Command::Ended, Command::StartTapTimer]);
    let out = tap(&mut s, [125.0, 204.0], 120.0);
    assert_eq!(
        out,
        vec![
            Command::Ended,
            Command::CancelTapTimer,
            Command::Hot(None),
            Command::Settle { scale: DOUBLE_TAP_SCALE, animated: true },
            Command::Sizes("1000px".into()),
        ]
    );
    let under = s.target().to_page([125.0, 204.0]);
    assert!((under[0] - 125.0).abs() < 1e-9 && (under[1] - 204.0).abs() < 1e-9, "around the tap: {under:?}");
    assert_eq!(s.tap_time_over(), vec![], "no region opens");
    // Again: back to the fitted page.
    tap(&mut s, at, 2000.0);
    let out = tap(&mut s, at, 2100.0);
    assert!(out.contains(&Command::Settle { scale: 1.0, animated: true }));
    assert!(out.contains(&Command::Sizes(FITTED_SIZES.into())));
    assert_eq!(s.target(), View::FIT);
}

#[test]
fn taps_too_far_apart_in_time_or_place_are_two_taps() {
    let mut s = frame();
    tap(&mut s, [120.0, 200.0], 0.0);
    let out = tap(&mut s, [120.0, 200.0], 500.0);
    assert_eq!(out, vec![Command::Ended, Command::CancelTapTimer, Command::StartTapTimer]);
    let out = tap(&mut s, [300.0, 200.0], 600.0);
    assert_eq!(out, vec![Command::Ended, Command::CancelTapTimer, Command::StartTapTimer]);
    assert_eq!(s.target(), View::FIT);
}

#[test]
fn a_lone_tap_opens_its_region_once_the_double_tap_time_is_over() {
    let mut s = frame();
    tap(&mut s, [120.0, 200.0], 0.0);
    // The browser's own click right after the tap is swallowed, once: the region opens below.
    assert!(s.swallows_click(true, 100.0));
    assert!(!s.swallows_click(true, 110.0));
    assert_eq!(s.tap_time_over(), vec![Command::Hot(None), Command::Click(REGION.into())]);
    assert_eq!(s.tap_time_over(), vec![], "once");
    // A tap beside the regions opens nothing, but still waits (it may be half a double-tap).
    s.down(finger(1, [5.0, 5.0], 1000.0), true, None);
    assert_eq!(s.up(finger(1, [5.0, 5.0], 1040.0), false), vec![Command::Ended, Command::StartTapTimer]);
    assert_eq!(s.tap_time_over(), vec![Command::Hot(None)]);
    // Our own synthesised click (untrusted) always goes through.
    tap(&mut s, [120.0, 200.0], 5000.0);
    assert!(!s.swallows_click(false, 5050.0));
}

#[test]
fn a_press_held_too_long_opens_nothing() {
    let mut s = frame();
    s.down(finger(1, [120.0, 200.0], 0.0), true, Some(REGION.to_string()));
    assert_eq!(s.up(finger(1, [121.0, 200.0], 900.0), false), vec![Command::Ended, Command::Hot(None)]);
    assert_eq!(s.tap_time_over(), vec![]);
}

#[test]
fn a_second_finger_cancels_a_waiting_tap() {
    let mut s = frame();
    tap(&mut s, [120.0, 200.0], 0.0);
    s.down(finger(1, [100.0, 300.0], 100.0), true, None);
    let out = s.down(finger(2, [200.0, 300.0], 110.0), true, None);
    assert_eq!(out, vec![Command::CancelTapTimer, Command::Hot(None), Command::Grab(2)]);
    assert_eq!(s.tap_time_over(), vec![]);
}

#[test]
fn a_mouse_click_is_left_to_the_browser_and_other_buttons_are_not_ours() {
    let mut s = frame();
    let mouse = |at, t| pointer(Device::Mouse, 7, at, t);
    assert_eq!(s.down(mouse([120.0, 200.0], 0.0), true, Some(REGION.to_string())), vec![], "a mouse hovers instead");
    assert_eq!(s.up(mouse([120.0, 200.0], 60.0), false), vec![Command::Ended], "no timer: the click opens at once");
    assert!(!s.swallows_click(true, 70.0));
    // The right button starts nothing, and its release is not ours either.
    assert_eq!(s.down(mouse([120.0, 200.0], 1000.0), false, None), vec![]);
    assert!(s.is_idle());
    assert_eq!(s.up(mouse([120.0, 200.0], 1100.0), false), vec![]);
    // A mouse drag pans a zoomed page; its click after the drag is swallowed.
    s.act(Action::Step(1), None);
    let zoomed = s.target();
    s.down(mouse([300.0, 300.0], 2000.0), true, None);
    s.moved(mouse([250.0, 260.0], 2050.0));
    assert!(close(s.target(), zoomed.pan([-50.0, -40.0], W, H)));
    s.up(mouse([250.0, 260.0], 2100.0), false);
    assert!(s.swallows_click(true, 2101.0));
}

#[test]
fn pan_is_clamped_to_the_page() {
    let mut s = frame();
    s.act(Action::Step(1), None);
    s.act(Action::Step(1), None);
    let scale = s.target().scale;
    assert!((scale - 2.25).abs() < 1e-9);
    stroke(&mut s, [50.0, 50.0], [3000.0, 3000.0], 0.0, 200.0);
    assert_eq!(s.target(), View { scale, x: 0.0, y: 0.0 }, "no gap at the top left");
    stroke(&mut s, [350.0, 550.0], [-3000.0, -3000.0], 1000.0, 200.0);
    assert!(close(s.target(), View { scale, x: W - W * scale, y: H - H * scale }), "nor at the bottom right");
    // The fitted page does not pan; a vertical stroke on it only slides back.
    let mut s = frame();
    stroke(&mut s, [200.0, 100.0], [200.0, 400.0], 0.0, 200.0);
    assert_eq!(s.target(), View::FIT);
}

#[test]
fn a_cancelled_pointer_resets_the_stroke() {
    // A swipe the browser took over (e.g. for its own scroll) turns no page.
    let mut s = frame();
    s.down(finger(1, [300.0, 300.0], 0.0), true, None);
    s.moved(finger(1, [80.0, 300.0], 100.0));
    let out = s.up(finger(1, [80.0, 300.0], 120.0), true);
    assert_eq!(out, vec![Command::Ended, Command::Settle { scale: 1.0, animated: true }]);
    assert!(s.is_idle() && !s.owns_stroke());
    assert_eq!(s.target(), View::FIT);
    // A cancelled press is no tap.
    s.down(finger(1, [120.0, 200.0], 1000.0), true, Some(REGION.to_string()));
    assert_eq!(s.up(finger(1, [120.0, 200.0], 1040.0), true), vec![Command::Ended, Command::Hot(None)]);
    assert_eq!(s.tap_time_over(), vec![]);
    // A cancelled pinch settles where it is; the next finger starts afresh.
    pinch(&mut s, [[150.0, 300.0], [250.0, 300.0]], [[100.0, 300.0], [300.0, 300.0]], 2000.0);
    s.up(finger(1, [100.0, 300.0], 2100.0), true);
    s.up(finger(2, [300.0, 300.0], 2100.0), true);
    assert!(s.is_idle());
    assert!((s.target().scale - 2.0).abs() < 1e-9);
    assert_eq!(tap(&mut s, [50.0, 50.0], 3000.0), vec![Command::Ended, Command::StartTapTimer]);
}

#[test]
fn pointers_not_down_on_the_frame_are_ignored() {
    let mut s = frame();
    assert_eq!(s.moved(finger(9, [10.0, 10.0], 0.0)), vec![]);
    assert_eq!(s.up(finger(9, [10.0, 10.0], 10.0), false), vec![]);
    assert_eq!(s, frame(), "nothing changed");
    // The same pointer reported down twice counts once.
    s.down(finger(1, [10.0, 10.0], 0.0), true, None);
    s.down(finger(1, [10.0, 10.0], 1.0), true, None);
    assert!(!s.owns_stroke(), "still one pointer, not a pinch");
}

#[test]
fn positions_are_read_relative_to_the_frame_as_measured() {
    let mut s = Strokes::new(true, true);
    s.measured([0.0, -250.0], [W, H]);
    s.act(Action::Step(1), Some(500.0));
    // Scrolled 250 px past the frame's top in a 500 px viewport: the frame's rows 250 to 600
    // are on screen, and the zoom keeps their middle (425) where it is.
    let v = s.target();
    assert!((v.to_page([W / 2.0, 425.0])[1] - 425.0).abs() < 1e-9, "{v:?}");
    // Without a viewport height, the middle of the frame's part below the viewport's top.
    let mut s = Strokes::new(true, true);
    s.measured([0.0, 0.0], [W, H]);
    s.act(Action::Step(1), None);
    assert_eq!(s.target().to_page([W / 2.0, H / 2.0]), [W / 2.0, H / 2.0]);
}

#[test]
fn keys_zoom_and_pan_only_while_zoomed() {
    let mut s = frame();
    assert_eq!(s.key_action("+", false), Some(Action::Step(1)));
    assert_eq!(s.key_action("=", false), Some(Action::Step(1)));
    assert_eq!(s.key_action("-", false), Some(Action::Step(-1)));
    assert_eq!(s.key_action("0", false), Some(Action::Fit));
    assert_eq!(s.key_action("ArrowRight", false), None, "fitted, the arrows turn pages (the reader's keys)");
    assert_eq!(s.key_action("+", true), None, "Ctrl + is the browser's zoom");
    assert_eq!(s.key_action("a", false), None);
    let out = s.act(Action::Step(1), None);
    assert_eq!(out, vec![Command::Settle { scale: 1.5, animated: true }, Command::Sizes("600px".into())]);
    assert_eq!(s.key_action("ArrowRight", false), Some(Action::Pan([-KEY_PAN, 0.0])));
    assert_eq!(s.key_action("ArrowUp", false), Some(Action::Pan([0.0, KEY_PAN])));
    let before = s.target();
    s.act(Action::Pan([-KEY_PAN, 0.0]), None);
    assert_eq!(s.target().x, before.x - KEY_PAN, "the right arrow shows more of the right side");
    let out = s.act(Action::Fit, None);
    assert_eq!(out, vec![Command::Settle { scale: 1.0, animated: true }, Command::Sizes(FITTED_SIZES.into())]);
}

#[test]
fn steps_stop_at_the_limits() {
    let mut s = frame();
    for _ in 0..10 {
        s.act(Action::Step(1), None);
    }
    assert_eq!(s.target().scale, MAX_SCALE);
    s.act(Action::Step(-1), None);
    assert!((s.target().scale - MAX_SCALE / 1.5).abs() < 1e-9);
    for _ in 0..10 {
        s.act(Action::Step(-1), None);
    }
    assert_eq!(s.target(), View::FIT);
}

#[test]
fn the_wheel_zooms_at_the_pointer_without_a_transition() {
    let mut s = frame();
    let client = [ORIGIN[0] + 100.0, ORIGIN[1] + 150.0];
    let out = s.act(Action::Wheel { client, delta_y: -100.0, pixels: true }, None);
    let v = s.target();
    assert!((v.scale - 1f64.exp()).abs() < 1e-9, "{v:?}");
    let under = v.to_page([100.0, 150.0]);
    assert!((under[0] - 100.0).abs() < 1e-9 && (under[1] - 150.0).abs() < 1e-9);
    assert_eq!(out[0], Command::Settle { scale: v.scale, animated: false });
    // Lines count more than pixels; scrolling down zooms out.
    let mut lines = frame();
    lines.act(Action::Wheel { client, delta_y: -3.0, pixels: false }, None);
    assert!((lines.target().scale - 0.9f64.exp()).abs() < 1e-9);
    s.act(Action::Wheel { client, delta_y: 500.0, pixels: true }, None);
    assert_eq!(s.target(), View::FIT);
}

#[test]
fn a_resize_keeps_the_zoomed_page_inside_the_frame() {
    let mut s = frame();
    s.act(Action::Step(1), None);
    stroke(&mut s, [350.0, 550.0], [-3000.0, -3000.0], 0.0, 200.0);
    assert_eq!(s.target().x, W - W * 1.5);
    // The frame shrank (a window narrowed): the page is pulled back to cover it, no gap shows.
    s.measured(ORIGIN, [300.0, 450.0]);
    let out = s.act(Action::Resize, None);
    assert!(close(s.target(), View { scale: 1.5, x: -150.0, y: -225.0 }), "{:?}", s.target());
    assert_eq!(out, vec![Command::Settle { scale: 1.5, animated: false }, Command::Sizes("500px".into())]);
}

#[test]
fn pointer_types_are_a_mouse_or_touch() {
    assert_eq!(Device::of("mouse"), Device::Mouse);
    assert_eq!(Device::of("touch"), Device::Touch);
    assert_eq!(Device::of("pen"), Device::Touch);
}

fn bands(out: &[Command]) -> Vec<Option<Share>> {
    out.iter().filter_map(|c| if let Command::Band(b) = c { Some(*b) } else { None }).collect()
}

fn near(a: Share, b: Share) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
}

#[test]
fn clipping_a_drag_draws_a_rectangle_and_never_pans_swipes_or_opens() {
    let mut s = frame();
    s.set_clipping(true);
    s.down(pointer(Device::Mouse, 1, [100.0, 150.0], 0.0), true, Some(REGION.to_string()));
    let first = s.moved(pointer(Device::Mouse, 1, [300.0, 300.0], 40.0));
    assert_eq!(first[..2], [Command::Hot(None), Command::Grab(1)]);
    assert!(near(bands(&first)[0].unwrap(), [0.25, 0.25, 0.5, 0.25]), "{first:?}");
    assert!(s.owns_stroke());
    // Back past where it started: the rectangle is between the corners whatever the direction.
    let out = s.moved(pointer(Device::Mouse, 1, [20.0, 90.0], 80.0));
    assert!(near(bands(&out)[0].unwrap(), [0.05, 0.15, 0.2, 0.1]), "{out:?}");
    let out = s.up(pointer(Device::Mouse, 1, [20.0, 90.0], 120.0), false);
    assert_eq!(bands(&out), [None], "the band goes");
    let Some(Command::Clip(share)) = out.last() else { panic!("no clip: {out:?}") };
    assert!(near(*share, [0.05, 0.15, 0.2, 0.1]));
    assert!(turns(&out).is_empty());
    assert_eq!(s.target(), View::FIT, "nothing panned");
    assert!(s.swallows_click(true, 200.0), "the click after it opens no article");
}

#[test]
fn clipping_on_a_zoomed_page_draws_in_page_shares() {
    let mut s = frame();
    s.act(Action::Step(1), None);
    s.act(Action::Fit, None);
    pinch(&mut s, [[100.0, 300.0], [300.0, 300.0]], [[0.0, 300.0], [400.0, 300.0]], 0.0);
    s.up(finger(1, [0.0, 300.0], 100.0), false);
    s.up(finger(2, [400.0, 300.0], 105.0), false);
    let view = s.target();
    assert!((view.scale - 2.0).abs() < 1e-9, "{view:?}");
    s.set_clipping(true);
    let out = stroke(&mut s, [0.0, 0.0], [400.0, 600.0], 2000.0, 200.0);
    let Some(Command::Clip(share)) = out.last() else { panic!("no clip: {out:?}") };
    // What is on screen at twice the size is half the page each way, wherever the pinch left it.
    assert!((share[2] - 0.5).abs() < 1e-9 && (share[3] - 0.5).abs() < 1e-9, "{share:?}");
    assert!(close(s.target(), view), "the zoomed page stays put");
}

#[test]
fn clipping_a_second_finger_drops_the_rectangle_for_a_pinch_and_a_cancel_makes_none() {
    let mut s = frame();
    s.set_clipping(true);
    s.down(finger(1, [100.0, 100.0], 0.0), true, None);
    s.moved(finger(1, [200.0, 200.0], 30.0));
    let out = s.down(finger(2, [300.0, 300.0], 40.0), true, None);
    assert_eq!(bands(&out), [None]);
    let mut s = frame();
    s.set_clipping(true);
    s.down(finger(1, [100.0, 100.0], 0.0), true, None);
    s.moved(finger(1, [200.0, 200.0], 30.0));
    let out = s.up(finger(1, [200.0, 200.0], 60.0), true);
    assert_eq!(bands(&out), [None]);
    assert!(!out.iter().any(|c| matches!(c, Command::Clip(_))), "{out:?}");
}

#[test]
fn clipping_a_tap_still_reaches_its_region_and_off_a_drag_pans_again() {
    let mut s = frame();
    s.set_clipping(true);
    tap(&mut s, [200.0, 300.0], 0.0);
    assert_eq!(
        s.tap_time_over(),
        [Command::Hot(None), Command::Click(REGION.into())],
        "the map's click handler clips it"
    );
    s.set_clipping(false);
    let out = stroke(&mut s, [300.0, 300.0], [100.0, 300.0], 1000.0, 100.0);
    assert_eq!(turns(&out), [Direction::Next]);
}

#[test]
fn show_zooms_to_a_rectangle_in_what_is_on_screen() {
    let mut s = frame();
    let out = s.act(Action::Show([0.375, 0.45, 0.25, 0.1]), Some(700.0));
    let view = s.target();
    assert!(view.is_zoomed(), "{view:?}");
    assert!(matches!(out[0], Command::Settle { animated: true, .. }));
    // The frame starts 100 px down a 700 px viewport: its top 600 px are all on screen.
    assert!(close(view, View::showing([0.375, 0.45, 0.25, 0.1], W, H, [0.0, 600.0])));
}

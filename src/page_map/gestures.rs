//! Touch, pen and mouse on the page image, through Pointer Events: pinch and double-tap to zoom,
//! drag to pan, swipe to change page when not zoomed, zoom buttons, and the keyboard's + - 0
//! (arrows pan while zoomed). The maths is in `zoom.rs`; this file wires it to the DOM.
//!
//! Per move event nothing is measured and nothing laid out: the frame's box is read once when a
//! gesture starts, and the newest view is written once per animation frame as a CSS transform on
//! the stage that holds the image and its region overlay (so regions stay on their articles).
//!
//! A tap on a region opens it, a pan or pinch never does: the browser's own click after a drag or
//! pinch is swallowed. For touch and pen a tap waits out the double-tap time, then clicks the
//! region it landed on; a mouse click opens a region at once.

use super::zoom::{self, Direction, Gesture, Pinch, View};
use crate::page_list::go_to_page;
use crate::reader::{OpenIssue, Reader};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// What the browser's `srcset` choice is given while the page is fitted (see `page_map::SIZES`).
const FITTED_SIZES: &str = super::SIZES;
/// A click this long (ms) after a drag, pinch or handled tap is the browser's and is swallowed.
const SWALLOW_MS: f64 = 800.0;

#[derive(Clone, Debug, Default)]
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
}

#[derive(Clone, Debug, Default)]
struct State {
    /// Pointers down on the frame: id, kind, position in frame px.
    pointers: Vec<(i32, String, [f64; 2])>,
    stroke: Stroke,
    /// The frame's box in the viewport (left, top) and its size, read when a gesture starts.
    origin: [f64; 2],
    size: [f64; 2],
    /// The view shown, and the one to show on the next frame.
    view: View,
    target: View,
    frame_pending: bool,
    /// Where and when the stroke started, and the view then.
    start_at: [f64; 2],
    start_time: f64,
    start_view: View,
    /// The region link the stroke started on (its element id).
    region: Option<String>,
    /// The last tap by touch or pen, for double-taps.
    last_tap: Option<([f64; 2], f64)>,
    pending_tap: Option<TimeoutHandle>,
    /// Swallow the browser's click until this time (event time stamp, ms).
    swallow_until: f64,
    /// The `sizes` the image has now.
    sizes: String,
}

fn element_rect(el: &web_sys::Element) -> ([f64; 2], [f64; 2]) {
    let r = el.get_bounding_client_rect();
    ([r.left(), r.top()], [r.width().max(1.0), r.height().max(1.0)])
}

fn set_transform(stage: &web_sys::HtmlElement, view: View) {
    // CSSOM, not a style attribute: allowed under a strict CSP (style-src 'self').
    let _ = stage.style().set_property("transform", &view.css());
}

/// The zoomable frame around the page image and its region overlay, with the zoom buttons.
#[component]
pub fn Zoomable(open: OpenIssue, page: usize, children: Children) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.touch();
    let frame = NodeRef::<html::Div>::new();
    let stage = NodeRef::<html::Div>::new();
    let state = StoredValue::new(State { sizes: FITTED_SIZES.to_string(), ..State::default() });
    // Read by the buttons and the zoom level; set when a gesture ends, never per move.
    let scale = RwSignal::new(1.0_f64);
    let gesturing = RwSignal::new(false);
    let animate = RwSignal::new(false);
    let pages = open.issue.pages.len();
    let (has_previous, has_next) = (page > 0, page + 1 < pages);
    let open = StoredValue::new(open);

    let measure = move || {
        if let Some(f) = frame.get_untracked() {
            let (origin, size) = element_rect(&f);
            state.update_value(|s| {
                s.origin = origin;
                s.size = size;
            });
        }
    };
    // Writes the newest target view on the next animation frame, at most once per frame.
    let schedule = move || {
        let first = state.try_update_value(|s| !std::mem::replace(&mut s.frame_pending, true)).unwrap_or(false);
        if first {
            request_animation_frame(move || {
                let Some(view) = state.try_update_value(|s| {
                    s.frame_pending = false;
                    s.view = s.target;
                    s.view
                }) else {
                    return;
                };
                if let Some(el) = stage.get_untracked() {
                    set_transform(&el, view);
                }
            });
        }
    };
    // A view change that is not a finger's: animated, and the buttons and image follow it.
    let settle = move |view: View, animated: bool| {
        animate.set(animated);
        let Some(s) = state.try_update_value(|s| {
            s.target = view;
            s.clone()
        }) else {
            return;
        };
        schedule();
        scale.set(view.scale);
        // When zoomed, ask `srcset` for a sharper rendition if the data has one.
        let sizes = if view.is_zoomed() {
            format!("{}px", zoom::wanted_width(s.size[0], view.scale))
        } else {
            FITTED_SIZES.to_string()
        };
        if sizes != s.sizes {
            state.update_value(|s| s.sizes = sizes.clone());
            if let Some(img) = stage
                .get_untracked()
                .and_then(|el| el.query_selector("img").ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlImageElement>().ok())
            {
                img.set_sizes(&sizes);
            }
        }
    };
    let size = move || state.with_value(|s| s.size);
    let centre = move || {
        // The middle of the part of the frame that is on screen.
        let (origin, size) = state.with_value(|s| (s.origin, s.size));
        let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(size[1]);
        let top = (-origin[1]).clamp(0.0, size[1]);
        let bottom = (height - origin[1]).clamp(top, size[1]);
        [size[0] / 2.0, (top + bottom) / 2.0]
    };
    let step = move |direction: i32| {
        measure();
        let [w, h] = size();
        let view = state.with_value(|s| s.target).step(direction, centre(), w, h);
        settle(view, true);
    };

    // The map's DOM outlives a page change (the view is rebuilt in place), and with it the
    // transform and `sizes` written here: a new page starts fitted.
    Effect::new(move |_| {
        if let Some(el) = stage.get() {
            let _ = web_sys::HtmlElement::style(&el).remove_property("transform");
            if let Some(img) =
                el.query_selector("img").ok().flatten().and_then(|i| i.dyn_into::<web_sys::HtmlImageElement>().ok())
            {
                if img.sizes() != FITTED_SIZES {
                    img.set_sizes(FITTED_SIZES);
                }
            }
        }
    });

    // A resize (a phone turned) changes the frame: keep the zoomed page inside it.
    let resize = window_event_listener(ev::resize, move |_| {
        measure();
        let [w, h] = size();
        let view = state.with_value(|s| s.target).clamped(w, h);
        settle(view, false);
    });
    on_cleanup(move || resize.remove());
    on_cleanup(move || {
        if let Some(Some(handle)) = state.try_update_value(|s| s.pending_tap.take()) {
            handle.clear();
        }
    });

    let position = move |ev: &web_sys::PointerEvent| {
        let origin = state.with_value(|s| s.origin);
        [ev.client_x() as f64 - origin[0], ev.client_y() as f64 - origin[1]]
    };

    let on_down = move |ev: ev::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        if state.with_value(|s| s.pointers.is_empty()) {
            measure();
        }
        let at = position(&ev);
        let region = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a.bs-region").ok().flatten())
            .map(|a| a.id());
        let kind = ev.pointer_type();
        let count = state
            .try_update_value(|s| {
                s.pointers.retain(|p| p.0 != ev.pointer_id());
                s.pointers.push((ev.pointer_id(), kind.clone(), at));
                s.pointers.len()
            })
            .unwrap_or(0);
        match count {
            1 => {
                state.update_value(|s| {
                    s.stroke = Stroke::Pressed;
                    s.start_at = at;
                    s.start_time = ev.time_stamp();
                    s.start_view = s.target;
                    s.region = region.clone();
                });
                // Touch has no hover: light the region under the finger while it is down.
                if kind != "mouse" {
                    if let Some(id) = region.as_deref().and_then(|id| id.strip_prefix("bs-region-")) {
                        r.hot.set(Some(id.to_string()));
                    }
                }
            }
            2 => {
                if let Some(Some(handle)) = state.try_update_value(|s| s.pending_tap.take()) {
                    handle.clear();
                }
                state.update_value(|s| {
                    let (a, b) = (s.pointers[0].2, s.pointers[1].2);
                    s.stroke = Stroke::Pinching(Pinch::new(s.target, a, b));
                    s.last_tap = None;
                });
                r.hot.set(None);
                gesturing.set(true);
                animate.set(false);
                if let Some(f) = frame.get_untracked() {
                    let _ = f.set_pointer_capture(ev.pointer_id());
                }
            }
            _ => {}
        }
    };

    let on_move = move |ev: ev::PointerEvent| {
        let id = ev.pointer_id();
        if !state.with_value(|s| s.pointers.iter().any(|p| p.0 == id)) {
            return;
        }
        let at = position(&ev);
        let mut started = false;
        let changed = state
            .try_update_value(|s| {
                if let Some(p) = s.pointers.iter_mut().find(|p| p.0 == id) {
                    p.2 = at;
                }
                let [w, h] = s.size;
                match s.stroke.clone() {
                    Stroke::Pressed => {
                        if !zoom::moved([at[0] - s.start_at[0], at[1] - s.start_at[1]]) {
                            return false;
                        }
                        s.stroke = Stroke::Dragging;
                        started = true;
                        drag(s, at, w, h, has_previous, has_next);
                        true
                    }
                    Stroke::Dragging | Stroke::AfterPinch => {
                        drag(s, at, w, h, has_previous, has_next);
                        true
                    }
                    Stroke::Pinching(pinch) if s.pointers.len() >= 2 => {
                        s.target = pinch.view(s.pointers[0].2, s.pointers[1].2, w, h);
                        true
                    }
                    _ => false,
                }
            })
            .unwrap_or(false);
        if started {
            // Past the slop: this stroke will not open anything.
            r.hot.set(None);
            gesturing.set(true);
            animate.set(false);
            if let Some(f) = frame.get_untracked() {
                let _ = f.set_pointer_capture(id);
            }
        }
        if changed {
            schedule();
        }
    };

    // A finger, pen or button let go (or the browser took the pointer over, `cancelled`).
    let release = move |ev: &web_sys::PointerEvent, cancelled: bool| {
        let id = ev.pointer_id();
        let Some((stroke, left, s)) = state.try_update_value(|s| {
            let before = s.pointers.len();
            s.pointers.retain(|p| p.0 != id);
            (s.stroke.clone(), (before != s.pointers.len()).then_some(s.pointers.len()), s.clone())
        }) else {
            return;
        };
        let Some(left) = left else { return };
        let now = ev.time_stamp();
        let [w, h] = s.size;
        let at = position(ev);
        let kind = ev.pointer_type();
        if let Stroke::Pinching(_) = stroke {
            state.update_value(|s| s.swallow_until = now + SWALLOW_MS);
            if left == 1 {
                // The remaining finger pans on from where it is.
                state.update_value(|s| {
                    s.stroke = Stroke::AfterPinch;
                    s.start_at = s.pointers[0].2;
                    s.start_view = s.target;
                });
                return;
            }
        }
        if left > 0 {
            return;
        }
        state.update_value(|s| s.stroke = Stroke::Idle);
        gesturing.set(false);
        let d = [at[0] - s.start_at[0], at[1] - s.start_at[1]];
        let zoomed = s.start_view.is_zoomed();
        match stroke {
            Stroke::Pressed if !cancelled => {
                let gesture = zoom::classify(d, now - s.start_time, w, zoomed);
                if kind == "mouse" {
                    // The browser's click follows and opens the region at once.
                    return;
                }
                // Touch or pen: the browser's click is swallowed; a lone tap opens its region
                // once the double-tap time is over, a second tap zooms instead.
                state.update_value(|s| s.swallow_until = now + SWALLOW_MS);
                if gesture != Gesture::Tap {
                    r.hot.set(None);
                    return;
                }
                let double = s.last_tap.is_some_and(|(p, t)| zoom::is_double_tap(p, at, now - t));
                if let Some(Some(handle)) = state.try_update_value(|s| s.pending_tap.take()) {
                    handle.clear();
                }
                if double {
                    state.update_value(|s| s.last_tap = None);
                    r.hot.set(None);
                    settle(s.target.double_tap(at, w, h), true);
                    return;
                }
                let region = s.region.clone();
                let handle = set_timeout_with_handle(
                    move || {
                        state.update_value(|s| {
                            s.pending_tap = None;
                            s.last_tap = None;
                        });
                        r.hot.set(None);
                        if let Some(a) = region.and_then(|id| document().get_element_by_id(&id)) {
                            click(&a);
                        }
                    },
                    Duration::from_millis(zoom::DOUBLE_TAP_TIME as u64),
                )
                .ok();
                state.update_value(|s| {
                    s.last_tap = Some((at, now));
                    s.pending_tap = handle;
                });
            }
            Stroke::Pressed => r.hot.set(None),
            Stroke::Dragging if !cancelled => {
                state.update_value(|s| s.swallow_until = now + SWALLOW_MS);
                match zoom::classify(d, now - s.start_time, w, zoomed) {
                    Gesture::Swipe(Direction::Next) if has_next => go_to_page(r, &open.get_value(), page + 1),
                    Gesture::Swipe(Direction::Previous) if has_previous => go_to_page(r, &open.get_value(), page - 1),
                    // A pan keeps the zoomed page where it is; unzoomed, the page slides back.
                    _ => settle(if zoomed { s.target } else { View::FIT }, !zoomed),
                }
            }
            _ => {
                if !matches!(stroke, Stroke::Pressed) {
                    state.update_value(|s| s.swallow_until = now + SWALLOW_MS);
                }
                // A pinch or a cancelled drag: settle where it is, or back to the fitted page
                // when it ended (nearly) there.
                let view = if s.target.scale < 1.05 { View::FIT } else { s.target.clamped(w, h) };
                settle(view, !view.is_zoomed());
            }
        }
    };

    // The browser's click after a drag, pinch or a tap handled here must not open a region.
    let on_click = move |ev: ev::MouseEvent| {
        if ev.is_trusted() && ev.time_stamp() <= state.with_value(|s| s.swallow_until) {
            ev.prevent_default();
            ev.stop_propagation();
            state.update_value(|s| s.swallow_until = 0.0);
        }
    };

    // Once a stroke is a drag or pinch of ours, the browser must not also scroll or fling for it
    // (a fling would swallow the reader's next tap, e.g. on 下一版). Pointer Events alone cannot
    // say so after the stroke has begun; the touch event's default can.
    let on_touch_move = move |ev: ev::TouchEvent| {
        let ours =
            state.with_value(|s| matches!(s.stroke, Stroke::Dragging | Stroke::Pinching(_) | Stroke::AfterPinch));
        if ours && ev.cancelable() {
            ev.prevent_default();
        }
    };

    // Ctrl + wheel (and a trackpad's pinch, which the browser sends as one) zooms at the pointer.
    let on_wheel = move |ev: ev::WheelEvent| {
        if !ev.ctrl_key() {
            return;
        }
        ev.prevent_default();
        measure();
        let [w, h] = size();
        let factor = (-ev.delta_y() * if ev.delta_mode() == 0 { 0.01 } else { 0.3 }).exp();
        let view = state.with_value(|s| s.target);
        let at = {
            let origin = state.with_value(|s| s.origin);
            [ev.client_x() as f64 - origin[0], ev.client_y() as f64 - origin[1]]
        };
        settle(view.zoom_at(view.scale * factor, at, w, h), false);
    };

    // Keys while focus is in the map: + - 0 zoom; arrows pan when zoomed (and then do not turn
    // the page, which the reader's own arrow keys do otherwise).
    let on_key = move |ev: ev::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let zoomed = state.with_value(|s| s.target.is_zoomed());
        let pan = |d: [f64; 2]| {
            measure();
            let [w, h] = size();
            let view = state.with_value(|s| s.target).pan(d, w, h);
            settle(view, true);
        };
        let step_px = 60.0;
        match ev.key().as_str() {
            "+" | "=" => step(1),
            "-" | "_" => step(-1),
            "0" => settle(View::FIT, true),
            "ArrowLeft" if zoomed => pan([step_px, 0.0]),
            "ArrowRight" if zoomed => pan([-step_px, 0.0]),
            "ArrowUp" if zoomed => pan([0.0, step_px]),
            "ArrowDown" if zoomed => pan([0.0, -step_px]),
            _ => return,
        }
        ev.prevent_default();
    };

    let zoomed = move || scale.get() > zoom::MIN_SCALE + 1e-3;
    view! {
        <div
            class="bs-zoom"
            class:bs-zoomed=zoomed
            class:bs-gesture=move || gesturing.get()
            node_ref=frame
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=move |ev| release(&ev, false)
            on:pointercancel=move |ev| release(&ev, true)
            on:touchmove=on_touch_move
            on:click:capture=on_click
            on:wheel=on_wheel
            on:keydown=on_key
        >
            <div class="bs-zoom-stage" class:bs-zoom-animate=move || animate.get() node_ref=stage>
                {children()}
            </div>
        </div>
        <div class="bs-zoom-tools" role="group" aria-label=t.zoom>
            <button type="button" class="bs-tool bs-zoom-in" aria-label=t.zoom_in_label
                disabled={move || scale.get() >= zoom::MAX_SCALE - 1e-3} on:click=move |_| step(1)>
                {t.zoom_in}
            </button>
            <button type="button" class="bs-tool bs-zoom-out" aria-label=t.zoom_out_label
                disabled={move || !zoomed()} on:click=move |_| step(-1)>
                {t.zoom_out}
            </button>
            <button type="button" class="bs-tool bs-zoom-reset" aria-label=t.zoom_reset_label
                disabled={move || !zoomed()} on:click=move |_| settle(View::FIT, true)>
                {t.zoom_reset}
            </button>
            <span class="bs-zoom-level" role="status">{move || zoomed().then(|| r.lang.zoom_level(scale.get()))}</span>
        </div>
    }
}

/// One pointer's drag: pans the zoomed page, or lets the fitted page follow sideways.
fn drag(s: &mut State, at: [f64; 2], w: f64, h: f64, has_previous: bool, has_next: bool) {
    let d = [at[0] - s.start_at[0], at[1] - s.start_at[1]];
    s.target = if s.start_view.is_zoomed() || matches!(s.stroke, Stroke::AfterPinch) {
        s.start_view.pan(d, w, h)
    } else {
        View { x: zoom::swipe_offset(d[0], has_previous, has_next), ..View::FIT }
    };
}

/// Clicks a region link as the reader's tap would have (its own handler opens the article).
fn click(el: &web_sys::Element) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    if let Ok(ev) = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init) {
        let _ = el.dispatch_event(&ev);
    }
}

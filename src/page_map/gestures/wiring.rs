//! The gestures' code (a part of its own, src/part.rs): the strokes' state wired to the frame's
//! events and the commands they give carried out. Fetched once the page image is in; until
//! then a click or tap on a region opens it as the browser sends it, and the zoom buttons wait.

use super::Shell;
use crate::page_map::clipping::ClipMode;
use crate::page_map::strokes::{Action, Command, Device, Pointer, Strokes, FITTED_SIZES};
use crate::page_map::zoom::{self, Direction, View};
use crate::part::part;
use crate::reader::{OpenIssue, Reader};
use leptos::ev;
use leptos::prelude::*;
use leptos::reactive::send_wrapper_ext::SendOption;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What the part holds: the strokes' state and the DOM and signals the commands act on.
#[derive(Clone, Copy)]
struct Wiring {
    strokes: StoredValue<Strokes>,
    /// The frame, its stage and the signals that show the gestures (drawn by the main module).
    shell: Shell,
    /// A frame is asked for and the newest view will be written in it.
    frame_pending: StoredValue<bool>,
    tap_timer: StoredValue<Option<TimeoutHandle>>,
    reader: Reader,
    open: StoredValue<OpenIssue>,
    page: usize,
    clip: ClipMode,
}

impl Wiring {
    /// Reads the frame's box (once per stroke or action, never per move).
    fn measure(self) {
        if let Some(f) = self.shell.frame.get_untracked() {
            let r = f.get_bounding_client_rect();
            let (origin, size) = ([r.left(), r.top()], [r.width().max(1.0), r.height().max(1.0)]);
            self.strokes.update_value(|s| s.measured(origin, size));
        }
    }

    /// Feeds an input to the strokes and carries out what they say (after the update, so that
    /// a command may feed the strokes again).
    fn run(self, input: impl FnOnce(&mut Strokes) -> Vec<Command>) {
        for command in self.strokes.try_update_value(input).unwrap_or_default() {
            self.apply(command);
        }
    }

    /// A change of view from the buttons, the keys, the wheel or a resize.
    fn act(self, action: Action) {
        self.measure();
        let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64());
        self.run(|s| s.act(action, height));
    }

    fn apply(self, command: Command) {
        match command {
            Command::Render => self.schedule(),
            Command::Settle { scale, animated } => {
                self.shell.animate.set(animated);
                self.schedule();
                self.shell.scale.set(scale);
            }
            Command::Sizes(sizes) => {
                if let Some(img) = self.shell.stage.get_untracked().and_then(|el| page_image(&el)) {
                    img.set_sizes(&sizes);
                }
            }
            Command::Hot(article) => self.reader.hot.set(article),
            Command::Grab(id) => {
                self.shell.gesturing.set(true);
                self.shell.animate.set(false);
                if let Some(f) = self.shell.frame.get_untracked() {
                    let _ = f.set_pointer_capture(id);
                }
            }
            Command::Ended => self.shell.gesturing.set(false),
            Command::StartTapTimer => {
                let handle = set_timeout_with_handle(
                    move || {
                        self.tap_timer.try_update_value(|t| *t = None);
                        self.run(|s| s.tap_time_over());
                    },
                    Duration::from_millis(zoom::DOUBLE_TAP_TIME as u64),
                )
                .ok();
                self.cancel_tap_timer();
                self.tap_timer.update_value(|t| *t = handle);
            }
            Command::CancelTapTimer => self.cancel_tap_timer(),
            Command::Click(id) => {
                if let Some(a) = document().get_element_by_id(&id) {
                    click(&a);
                }
            }
            Command::Turn(direction) => {
                let to = match direction {
                    Direction::Next => self.page + 1,
                    Direction::Previous => self.page.wrapping_sub(1),
                };
                self.reader.show_page(&self.open.get_value(), to);
            }
            Command::Band(band) => self.clip.band.set(band),
            Command::Clip(share) => self.clip.drawn(share),
        }
    }

    fn cancel_tap_timer(self) {
        if let Some(Some(handle)) = self.tap_timer.try_update_value(|t| t.take()) {
            handle.clear();
        }
    }

    /// Writes the newest target view on the next animation frame, at most once per frame.
    fn schedule(self) {
        let first = self.frame_pending.try_update_value(|p| !std::mem::replace(p, true)).unwrap_or(false);
        if first {
            request_animation_frame(move || {
                self.frame_pending.try_update_value(|p| *p = false);
                let Some(view) = self.strokes.try_with_value(|s| s.target()) else { return };
                if let Some(el) = self.shell.stage.get_untracked() {
                    set_transform(&el, view);
                }
            });
        }
    }
}

fn set_transform(stage: &web_sys::HtmlElement, view: View) {
    // CSSOM, not a style attribute: allowed under a strict CSP (style-src 'self').
    let _ = stage.style().set_property("transform", &view.css());
}

fn page_image(stage: &web_sys::Element) -> Option<web_sys::HtmlImageElement> {
    stage.query_selector("img").ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlImageElement>().ok())
}

fn pointer(ev: &web_sys::PointerEvent) -> Pointer {
    Pointer {
        id: ev.pointer_id(),
        device: Device::of(&ev.pointer_type()),
        client: [ev.client_x() as f64, ev.client_y() as f64],
        time: ev.time_stamp(),
    }
}

/// The element id of the region link a pointer went down on, if any.
fn region_of(ev: &web_sys::PointerEvent) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a.bs-region").ok().flatten())
        .map(|a| a.id())
}

/// Whether a pointer went down on a line of the page's text layer.
fn in_text(ev: &web_sys::PointerEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".bs-text-line").ok().flatten())
        .is_some()
}

/// The events of the frame, read and handed to the strokes.
impl Wiring {
    fn down(self, ev: ev::PointerEvent) {
        // On the page's text (when the reader has it on), a stroke selects words: the browser's.
        if in_text(&ev) {
            return;
        }
        if self.strokes.with_value(|s| s.is_idle()) {
            self.measure();
        }
        let region = region_of(&ev);
        self.run(|s| s.down(pointer(&ev), ev.button() == 0, region));
    }

    /// The browser's click after a drag, pinch or a tap handled here must not open a region.
    fn click(self, ev: ev::MouseEvent) {
        if self.strokes.try_update_value(|s| s.swallows_click(ev.is_trusted(), ev.time_stamp())) == Some(true) {
            ev.prevent_default();
            ev.stop_propagation();
        }
    }

    /// Once a stroke is a drag or pinch of ours, the browser must not also scroll or fling for
    /// it (a fling would swallow the reader's next tap, e.g. on 下一版). Pointer Events alone
    /// cannot say so after the stroke has begun; the touch event's default can.
    fn touch_move(self, ev: ev::TouchEvent) {
        if self.strokes.with_value(|s| s.owns_stroke()) && ev.cancelable() {
            ev.prevent_default();
        }
    }

    /// Ctrl + wheel (and a trackpad's pinch, which the browser sends as one) zooms at the pointer.
    fn wheel(self, ev: ev::WheelEvent) {
        if ev.ctrl_key() {
            ev.prevent_default();
            let client = [ev.client_x() as f64, ev.client_y() as f64];
            self.act(Action::Wheel { client, delta_y: ev.delta_y(), pixels: ev.delta_mode() == 0 });
        }
    }

    fn key(self, ev: ev::KeyboardEvent) {
        let modified = ev.alt_key() || ev.ctrl_key() || ev.meta_key();
        if let Some(action) = self.strokes.with_value(|s| s.key_action(&ev.key(), modified)) {
            self.act(action);
            ev.prevent_default();
        }
    }

    /// The map's DOM outlives a page change (the view is rebuilt in place), and with it the
    /// transform and `sizes` written here: a new page starts fitted.
    fn fit_new_page(self) {
        if let Some(el) = self.shell.stage.get() {
            let _ = web_sys::HtmlElement::style(&el).remove_property("transform");
            if let Some(img) = page_image(&el) {
                if img.sizes() != FITTED_SIZES {
                    img.set_sizes(FITTED_SIZES);
                }
            }
        }
    }
}

/// Clicks a region link as the reader's tap would have (the map's click listener opens the article).
fn click(el: &web_sys::Element) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    if let Ok(ev) = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init) {
        let _ = el.dispatch_event(&ev);
    }
}

part! {
    /// The gestures on one page's frame: pinch, pan, double-tap, swipe, wheel, keys, and what
    /// the zoom buttons do.
    gestures_part / preload_gestures_part(shell: Shell, open: OpenIssue, page: usize, clip: ClipMode) {
        wire(shell, open, page, clip);
    }
}

/// Wires the frame of `shell` for as long as the owner lives (the page's view).
fn wire(shell: Shell, open: OpenIssue, page: usize, clip: ClipMode) {
    let has_next = page + 1 < open.issue.pages.len();
    let w = Wiring {
        strokes: StoredValue::new(Strokes::new(page > 0, has_next)),
        shell,
        frame_pending: StoredValue::new(false),
        tap_timer: StoredValue::new(None),
        reader: expect_context::<Reader>(),
        open: StoredValue::new(open),
        page,
        clip,
    };
    Effect::new(move |_| w.fit_new_page());
    Effect::new(move |_| {
        let on = clip.on.get();
        w.strokes.update_value(|s| s.set_clipping(on));
    });
    // A page opened with a clipping (a link to it, or back to it) zooms to show it, once laid out.
    Effect::new(move |_| {
        if let Some(share) = clip.to_show() {
            request_animation_frame(move || w.act(Action::Show(share)));
        }
    });
    // A resize (a phone turned) changes the frame: keep the zoomed page inside it.
    let resize = window_event_listener(ev::resize, move |_| w.act(Action::Resize));
    on_cleanup(move || resize.remove());
    on_cleanup(move || w.cancel_tap_timer());
    // The frame's events, once it is there.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(frame) = w.shell.frame.get() else { return false };
        let el: &web_sys::HtmlElement = &frame;
        listen(el, "pointerdown", false, move |e| w.down(e.unchecked_into()));
        listen(el, "pointermove", false, move |e| w.run(|s| s.moved(pointer(e.unchecked_ref()))));
        listen(el, "pointerup", false, move |e| w.run(|s| s.up(pointer(e.unchecked_ref()), false)));
        listen(el, "pointercancel", false, move |e| w.run(|s| s.up(pointer(e.unchecked_ref()), true)));
        listen(el, "touchmove", false, move |e| w.touch_move(e.unchecked_into()));
        listen(el, "click", true, move |e| w.click(e.unchecked_into()));
        listen(el, "wheel", false, move |e| w.wheel(e.unchecked_into()));
        listen(el, "keydown", false, move |e| w.key(e.unchecked_into()));
        true
    });
    // The shell goes with the page's view, as this does: nothing to take back on cleanup (a
    // signal set as the view is disposed wakes views about to go).
    shell.act.set(Some(Arc::new(move |a| w.act(a))));
}

/// Listens on the frame until the owner is cleaned up.
fn listen(el: &web_sys::HtmlElement, name: &'static str, capture: bool, f: impl Fn(web_sys::Event) + 'static) {
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(f);
    let _ = el.add_event_listener_with_callback_and_bool(name, handler.as_ref().unchecked_ref(), capture);
    let held = SendOption::new_local(Some((el.clone(), handler)));
    on_cleanup(move || {
        if let Some((el, handler)) = held.take() {
            let _ = el.remove_event_listener_with_callback_and_bool(name, handler.as_ref().unchecked_ref(), capture);
        }
    });
}

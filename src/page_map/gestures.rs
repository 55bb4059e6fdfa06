//! Touch, pen and mouse on the page image, through Pointer Events: pinch and double-tap to zoom,
//! drag to pan, swipe to change page when not zoomed, zoom buttons, and the keyboard's + - 0
//! (arrows pan while zoomed). What each stroke means is decided in `strokes.rs` and the maths is
//! in `zoom.rs`, both plain Rust; this module only wires them to the DOM: it reads the events,
//! measures the frame, and carries out the commands that come back.
//!
//! Per move event nothing is measured and nothing laid out: the frame's box is read once when a
//! gesture starts, and the newest view is written once per animation frame as a CSS transform on
//! the stage that holds the image and its region overlay (so regions stay on their articles).
//!
//! A tap on a region opens it, a pan or pinch never does: the browser's own click after a drag or
//! pinch is swallowed. For touch and pen a tap waits out the double-tap time, then clicks the
//! region it landed on; a mouse click opens a region at once.
//!
//! The frame, the stage and the zoom buttons are drawn at once (here); the rest is the gestures'
//! part (`wiring`), fetched once the page image is in.

mod wiring;

use super::clipping::{clip_switch, ClipMode};
use super::strokes::Action;
use super::zoom;
use crate::part::{Later, When};
use crate::reader::{OpenIssue, Reader};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wiring::{gestures_part, preload_gestures_part};

/// What the zoom buttons do, once the gestures' code is in.
pub type Act = Arc<dyn Fn(Action) + Send + Sync>;

/// The frame around the page and what shows of the gestures: the part acts on these.
#[derive(Clone, Copy)]
pub struct Shell {
    frame: NodeRef<html::Div>,
    stage: NodeRef<html::Div>,
    /// Read by the buttons and the zoom level; set when a view settles, never per move.
    scale: RwSignal<f64>,
    gesturing: RwSignal<bool>,
    animate: RwSignal<bool>,
    act: RwSignal<Option<Act>>,
}

impl Shell {
    /// Zoomed in past the fitted page.
    fn zoomed(self) -> bool {
        self.scale.get() > zoom::MIN_SCALE + 1e-3
    }

    fn act(self, action: Action) {
        if let Some(act) = self.act.get_untracked() {
            act(action);
        }
    }
}

/// The zoomable frame around the page image and its region overlay, with the zoom buttons.
#[component]
pub fn Zoomable(open: OpenIssue, page: usize, clip: ClipMode, children: Children) -> impl IntoView {
    let r = expect_context::<Reader>();
    let shell = Shell {
        frame: NodeRef::new(),
        stage: NodeRef::new(),
        scale: RwSignal::new(1.0),
        gesturing: RwSignal::new(false),
        animate: RwSignal::new(false),
        act: RwSignal::new(None),
    };
    // After the first page, the gestures' code is in: a new page is wired as it is drawn.
    let when = if r.page_shown.get_untracked() { When::Now } else { When::AfterPage };
    view! {
        <div
            class="bs-zoom"
            class:bs-zoomed=move || shell.zoomed()
            class:bs-gesture=move || shell.gesturing.get()
            class:bs-clip-mode=move || clip.on.get()
            node_ref=shell.frame
        >
            <div class="bs-zoom-stage" class:bs-zoom-animate=move || shell.animate.get() node_ref=shell.stage>
                {children()}
            </div>
        </div>
        {zoom_tools(r, shell, clip)}
        <Later when preload=preload_gestures_part part=move || gestures_part(shell, open.clone(), page, clip)/>
    }
}

/// The zoom buttons and the zoom level.
fn zoom_tools(r: Reader, shell: Shell, clip: ClipMode) -> impl IntoView {
    let (lang, scale) = (r.lang, shell.scale);
    // Until the gestures' code is in, the buttons wait.
    let waiting = move || shell.act.try_with(Option::is_none).unwrap_or(true);
    let t = lang.touch();
    let zoomed = move || shell.zoomed();
    view! {
        <div class="bs-zoom-tools">
            <div class="bs-zoom-buttons" role="group" aria-label=t.zoom>
                <span class="bs-zoom-level" role="status">{move || zoomed().then(|| lang.zoom_level(scale.get()))}</span>
                <button type="button" class="bs-tool bs-zoom-in" aria-label=t.zoom_in_label
                    disabled={move || waiting() || scale.get() >= zoom::MAX_SCALE - 1e-3} on:click=move |_| shell.act(Action::Step(1))>
                    {t.zoom_in}
                </button>
                <button type="button" class="bs-tool bs-zoom-out" aria-label=t.zoom_out_label
                    disabled={move || !zoomed()} on:click=move |_| shell.act(Action::Step(-1))>
                    {t.zoom_out}
                </button>
                <button type="button" class="bs-tool bs-zoom-reset" aria-label=t.zoom_reset_label
                    disabled={move || !zoomed()} on:click=move |_| shell.act(Action::Fit)>
                    {t.zoom_reset}
                </button>
            </div>
            {clip_switch(clip)}
        </div>
    }
}

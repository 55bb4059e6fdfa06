//! The page image's own loading state. An image has no fetch of its own to time out, so the map
//! keeps the time itself: after `SLOW_MS` it says the image is slow, after `TIMEOUT_MS` it gives
//! up; an image that fails (a missing file, a server error, a dropped connection, a file that is
//! not an image) says so in place with a reload button. The image keeps its box meanwhile, so the
//! regions over it, the page list and the articles stay usable whatever becomes of the image.

use crate::archive::api::{SLOW_MS, TIMEOUT_MS};
use crate::i18n::Lang;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageState {
    Loading,
    /// Still loading after `SLOW_MS`.
    Slow,
    Loaded,
    /// The browser gave up on it: an error, or not an image.
    Failed,
    /// Not there after `TIMEOUT_MS`.
    TimedOut,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageEvent {
    Load,
    Error,
    SlowTimer,
    LimitTimer,
}

impl ImageState {
    /// The state after `event`. A load always wins (a late image is still welcome); the timers
    /// only move an image that is still on its way.
    pub fn on(self, event: ImageEvent) -> ImageState {
        use ImageState::*;
        match (self, event) {
            (_, ImageEvent::Load) => Loaded,
            (Loaded, _) => Loaded,
            (_, ImageEvent::Error) => Failed,
            (Loading, ImageEvent::SlowTimer) => Slow,
            (Loading | Slow, ImageEvent::LimitTimer) => TimedOut,
            (s, _) => s,
        }
    }

    pub fn broken(self) -> bool {
        matches!(self, ImageState::Failed | ImageState::TimedOut)
    }
}

/// One page image's loading, shared by the image (in the zoomable stage) and its notice (over
/// the map, not zoomed with it). `attempt` counts reloads: each builds a new image element.
#[derive(Clone, Copy)]
pub struct ImageLoad {
    pub state: RwSignal<ImageState>,
    pub attempt: RwSignal<u32>,
    /// The current attempt's element.
    pub node: NodeRef<leptos::html::Img>,
    timers: StoredValue<Vec<TimeoutHandle>>,
}

impl ImageLoad {
    pub fn new() -> ImageLoad {
        let load = ImageLoad {
            state: RwSignal::new(ImageState::Loading),
            attempt: RwSignal::new(0),
            node: NodeRef::new(),
            timers: StoredValue::new(Vec::new()),
        };
        load.start_timers();
        on_cleanup(move || load.stop_timers());
        load
    }

    fn stop_timers(self) {
        self.timers.try_update_value(|t| t.drain(..).for_each(|h| h.clear()));
    }

    fn start_timers(self) {
        self.stop_timers();
        for (ms, event) in [(SLOW_MS, ImageEvent::SlowTimer), (TIMEOUT_MS, ImageEvent::LimitTimer)] {
            let tick = move || self.event(event);
            if let Ok(h) = set_timeout_with_handle(tick, Duration::from_millis(ms.into())) {
                self.timers.update_value(|t| t.push(h));
            }
        }
    }

    /// An event of the current attempt (one from an image already replaced is ignored).
    pub fn event(self, event: ImageEvent) {
        self.state.try_update(|s| *s = s.on(event));
        if matches!(event, ImageEvent::Load | ImageEvent::Error) {
            self.stop_timers();
        }
    }

    pub fn handler<E>(self, event: ImageEvent) -> impl Fn(E) + 'static {
        let attempt = self.attempt.get_untracked();
        move |_| {
            if self.attempt.try_get_untracked() == Some(attempt) {
                self.event(event);
            }
        }
    }

    /// Asks for the image again with a new element. The old one lets go of its request first
    /// (its events are ignored from here on): the browser would hand a new element the same
    /// request, still hanging.
    pub fn reload(self) {
        let old = self.node.get_untracked();
        if let Some(img) = old {
            let _ = img.remove_attribute("srcset");
            img.set_src("");
        }
        self.state.set(ImageState::Loading);
        self.attempt.update(|n| *n += 1);
        self.start_timers();
    }
}

/// What the map says about its image: nothing once loaded.
#[component]
pub fn ImageNotice(load: ImageLoad, lang: Lang) -> impl IntoView {
    let t = lang.network();
    move || match load.state.get() {
        ImageState::Loading | ImageState::Loaded => None,
        ImageState::Slow => Some(
            view! {
                <p class="bs-image-note" role="status">
                    <span class="bs-spinner" aria-hidden="true"></span>
                    {t.image_slow}
                </p>
            }
            .into_any(),
        ),
        s => Some(
            view! {
                <div class="bs-image-note bs-image-failed" role="alert">
                    <p>{if s == ImageState::TimedOut { t.image_timeout } else { t.image_failed }}</p>
                    <button type="button" class="bs-button" on:click=move |_| load.reload()>{t.reload_image}</button>
                </div>
            }
            .into_any(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::ImageEvent::*;
    use super::ImageState::*;
    use super::*;

    fn run(events: &[ImageEvent]) -> ImageState {
        events.iter().fold(Loading, |s, e| s.on(*e))
    }

    #[test]
    fn a_quick_image_never_says_anything() {
        assert_eq!(run(&[Load, SlowTimer, LimitTimer]), Loaded);
    }

    #[test]
    fn a_slow_image_says_so_then_shows() {
        assert_eq!(run(&[SlowTimer]), Slow);
        assert_eq!(run(&[SlowTimer, Load, LimitTimer]), Loaded);
    }

    #[test]
    fn an_image_that_never_comes_times_out_but_is_welcome_late() {
        assert_eq!(run(&[SlowTimer, LimitTimer]), TimedOut);
        assert!(run(&[SlowTimer, LimitTimer]).broken());
        assert_eq!(run(&[SlowTimer, LimitTimer, Load]), Loaded);
    }

    #[test]
    fn a_failed_image_stays_failed_until_reloaded() {
        assert_eq!(run(&[Error]), Failed);
        assert_eq!(run(&[Error, SlowTimer, LimitTimer]), Failed);
        assert_eq!(run(&[SlowTimer, LimitTimer, Error]), Failed);
        assert!(!run(&[SlowTimer]).broken());
    }
}

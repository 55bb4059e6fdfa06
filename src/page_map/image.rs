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
    /// The data names no usable image: nothing is asked for, and a reload would not help.
    Absent,
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
            (Absent, _) => Absent,
            (_, ImageEvent::Load) => Loaded,
            (Loaded, _) => Loaded,
            (_, ImageEvent::Error) => Failed,
            (Loading, ImageEvent::SlowTimer) => Slow,
            (Loading | Slow, ImageEvent::LimitTimer) => TimedOut,
            (s, _) => s,
        }
    }

    /// Arrived or given up on: the connection is no longer busy with it.
    pub fn settled(self) -> bool {
        !matches!(self, ImageState::Loading | ImageState::Slow)
    }

    pub fn broken(self) -> bool {
        matches!(self, ImageState::Failed | ImageState::TimedOut | ImageState::Absent)
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
    /// The first attempt that asked under an address of its own (see `reload`), 0 for none.
    pub bust: StoredValue<u32>,
    timers: StoredValue<Vec<TimeoutHandle>>,
}

impl Default for ImageLoad {
    fn default() -> ImageLoad {
        ImageLoad::new()
    }
}

impl ImageLoad {
    pub fn new() -> ImageLoad {
        let load = ImageLoad {
            state: RwSignal::new(ImageState::Loading),
            attempt: RwSignal::new(0),
            node: NodeRef::new(),
            bust: StoredValue::new(0),
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

    /// The page has no image to ask for.
    pub fn absent(self) {
        self.stop_timers();
        self.state.set(ImageState::Absent);
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

    /// Asks for the image again with a new element (the old one's events are ignored from here
    /// on). After a time-out the browser would hand the new element the same request, still
    /// hanging, so that attempt asks under an address of its own (`with_attempt`).
    pub fn reload(self) {
        if let Some(img) = self.node.get_untracked() {
            let _ = img.remove_attribute("srcset");
            img.set_src("");
        }
        let hung = self.state.get_untracked() == ImageState::TimedOut;
        self.state.set(ImageState::Loading);
        let next = self.attempt.get_untracked() + 1;
        if hung && self.bust.get_value() == 0 {
            self.bust.set_value(next);
        }
        self.attempt.set(next);
        self.start_timers();
    }
}

/// `url` with a query parameter naming the attempt, so that the browser asks anew.
pub fn with_attempt(url: &str, attempt: u32) -> String {
    let (base, fragment) = url.split_once('#').map_or((url, ""), |(b, f)| (b, f));
    let sep = if base.contains('?') { '&' } else { '?' };
    let hash = if fragment.is_empty() { "" } else { "#" };
    format!("{base}{sep}bs-retry={attempt}{hash}{fragment}")
}

/// A `srcset` ("url 200w, url 1200w") with every address under `with_attempt`.
pub fn srcset_with_attempt(srcset: &str, attempt: u32) -> String {
    srcset
        .split(", ")
        .map(|c| match c.rsplit_once(' ') {
            Some((url, w)) => format!("{} {w}", with_attempt(url, attempt)),
            None => with_attempt(c, attempt),
        })
        .collect::<Vec<_>>()
        .join(", ")
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
        ImageState::Absent => {
            Some(view! { <p class="bs-image-note bs-image-failed" role="alert">{t.image_absent}</p> }.into_any())
        }
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

    #[test]
    fn a_retry_after_a_time_out_has_an_address_of_its_own() {
        assert_eq!(with_attempt("https://x.test/p1.jpg", 2), "https://x.test/p1.jpg?bs-retry=2");
        assert_eq!(with_attempt("https://x.test/p1.jpg?sig=a#z", 3), "https://x.test/p1.jpg?sig=a&bs-retry=3#z");
        assert_eq!(
            srcset_with_attempt("https://x.test/t.jpg 200w, https://x.test/p.jpg?v=1 1200w", 1),
            "https://x.test/t.jpg?bs-retry=1 200w, https://x.test/p.jpg?v=1&bs-retry=1 1200w"
        );
    }

    fn run(events: &[ImageEvent]) -> ImageState {
        events.iter().fold(Loading, |s, e| s.on(*e))
    }

    #[test]
    fn the_connection_is_free_once_the_image_has_come_or_been_given_up_on() {
        assert!(!run(&[]).settled());
        assert!(!run(&[SlowTimer]).settled());
        assert!(run(&[Load]).settled());
        assert!(run(&[SlowTimer, Load]).settled());
        assert!(run(&[Error]).settled());
        assert!(run(&[SlowTimer, LimitTimer]).settled());
        assert!(Absent.settled());
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

//! Parts of the reader the first screen does without: the calendar (the side column, where
//! 上一期/下一期 lead), the footer, the widgets under the article (the search box, the page's
//! titles, offline reading), the article, the page's text layer, the gestures on the page image,
//! the clipping's panel, the whole-archive search. In the release build each is a split point:
//! its code goes into a wasm file of its own, fetched when it is needed, so that the first screen
//! waits for fewer bytes (docs/testing.md, "Splitting the wasm"). Other builds (tests, debug)
//! have no split points and build a part at once.

use crate::reader::Reader;
use leptos::prelude::*;
use std::future::Future;

/// A part's view, or why it is not there: its code could not be fetched.
pub type Part = Result<AnyView, PartMissing>;

/// A part's code could not be fetched (offline, say); the reader says so and offers a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartMissing;

#[cfg(broadsheet_split)]
impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// Defines a part: `part! { name / preload_name(arg: Type, ...) { view } }` makes
/// `async fn name(...) -> Part`, which builds it, and `async fn preload_name()`, which fetches its
/// code. With `--cfg broadsheet_split` (the release build, Makefile) `name` is a split point.
macro_rules! part {
    ($(#[doc = $doc:literal])* $name:ident / $preload:ident ( $($arg:ident : $ty:ty),* $(,)? ) $body:block) => {
        $(#[doc = $doc])*
        #[cfg(broadsheet_split)]
        #[::leptos::wasm_split::wasm_split(
            $name,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($preload)
        )]
        pub fn $name($($arg: $ty),*) -> $crate::part::Part {
            let view = $body;
            Ok(::leptos::prelude::IntoAny::into_any(view))
        }
        $(#[doc = $doc])*
        #[cfg(not(broadsheet_split))]
        pub async fn $name($($arg: $ty),*) -> $crate::part::Part {
            let view = $body;
            Ok(::leptos::prelude::IntoAny::into_any(view))
        }
        #[cfg(not(broadsheet_split))]
        pub async fn $preload() -> Result<(), $crate::part::PartMissing> {
            Ok(())
        }
    };
}
pub(crate) use part;

/// What the parts of one reader have in common: its owner, for what they share (`shared`;
/// weak, as the owner holds its contexts), and the count of retries, so that a retry in one
/// place asks again for every part that could not be fetched.
#[derive(Clone)]
pub struct Parts {
    owner: leptos::reactive::owner::WeakOwner,
    retries: RwSignal<u32>,
}

impl Parts {
    /// Called by the reader's view as it is built, under its owner.
    pub fn provide() {
        if let Some(owner) = Owner::current() {
            provide_context(Parts { owner: owner.downgrade(), retries: RwSignal::new(0) });
        }
    }
}

/// Something parts share (the calendar's month indexes, used beside the masthead and in the
/// side column): the first to ask makes it, as a context of the reader, so that every part,
/// built under an owner of its own, finds the same one. Outside a reader, the current owner's.
pub fn shared<T: Clone + Send + Sync + 'static>(make: impl FnOnce() -> T) -> T {
    if let Some(t) = use_context::<T>() {
        return t;
    }
    let reader = use_context::<Parts>().and_then(|p| p.owner.upgrade());
    let provide = move || {
        let t = make();
        provide_context(t.clone());
        t
    };
    match reader {
        Some(owner) => owner.with(provide),
        None => provide(),
    }
}

/// When a part is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Once the first page image has arrived or been given up on (`Reader::page_shown`) and the
    /// frame after has been painted: its code then never shares the connection with that image.
    AfterPage,
    /// At once: the reader asked for it (an article opened, the whole archive searched).
    Now,
}

/// Where a part's code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Not asked for yet, or on its way.
    Waiting,
    Ready,
    /// It could not be fetched; a retry asks again.
    Missing,
}

/// Polls a future once: the part's code, once fetched, makes its futures ready at once.
fn now<T>(fut: impl Future<Output = T>) -> Option<T> {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(fut).poll(&mut cx) {
        std::task::Poll::Ready(v) => Some(v),
        std::task::Poll::Pending => None,
    }
}

/// A part, built when `when` says: its code is fetched (`preload`), then it is built (`part`) in
/// the render like any view, so that it belongs to the view around it. When its code cannot be
/// fetched, a notice with a retry takes its place.
#[component]
pub fn Later<P, PFut, E, B, BFut>(
    preload: P,
    part: B,
    #[prop(default = When::AfterPage)] when: When,
    /// Says nothing when its code cannot be fetched: another place of the same part says so,
    /// and a retry there brings this one too.
    #[prop(optional)]
    quiet: bool,
) -> AnyView
where
    P: Fn() -> PFut + Copy + Send + Sync + 'static,
    PFut: Future<Output = Result<(), E>> + 'static,
    B: Fn() -> BFut + Send + Sync + 'static,
    BFut: Future<Output = Part> + 'static,
{
    let r = expect_context::<Reader>();
    // Asked for at once and already fetched (an article opened once its part came ahead): built
    // in this render, as any view, with nothing to watch.
    if when == When::Now && now(preload()).is_some_and(|done| done.is_ok()) {
        if let Some(Ok(view)) = untrack(|| now(part())) {
            return view;
        }
    }
    let stage = new_stage();
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if stage.get() != Stage::Waiting || (when == When::AfterPage && !r.page_shown.get()) {
            return;
        }
        let first = !asked.get_value();
        asked.set_value(true);
        let counted = first && when == When::AfterPage;
        if counted {
            first_screen::begin();
        }
        leptos::task::spawn_local(async move {
            if counted {
                crate::task::after_paint().await;
            }
            let fetched = preload().await.is_ok();
            if counted {
                first_screen::end();
            }
            stage.try_set(if fetched { Stage::Ready } else { Stage::Missing });
        });
    });
    (move || match stage.get() {
        Stage::Waiting => None,
        // Built untracked: what it reads as it is built is its own business, not a reason to
        // build it again.
        Stage::Ready => match untrack(|| now(part())) {
            Some(Ok(view)) => {
                // What the focus was to move to may be in this part (an article's heading).
                crate::focus::after_part();
                Some(view)
            }
            _ => missing(r, stage, quiet),
        },
        Stage::Missing => missing(r, stage, quiet),
    })
    .into_any()
}

/// A part's stage, which a retry anywhere sets back to waiting if its code could not be fetched.
/// (Outside `Later`, which is generic and so compiled once for each use: this is compiled once.)
fn new_stage() -> RwSignal<Stage> {
    let stage = RwSignal::new(Stage::Waiting);
    if let Some(parts) = use_context::<Parts>() {
        Effect::new(move |before: Option<u32>| {
            let now = parts.retries.get();
            if before.is_some_and(|b| b != now) && stage.get_untracked() == Stage::Missing {
                stage.set(Stage::Waiting);
            }
            now
        });
    }
    stage
}

/// In place of a part whose code could not be fetched, unless `quiet`.
fn missing(r: Reader, stage: RwSignal<Stage>, quiet: bool) -> Option<AnyView> {
    if quiet {
        return None;
    }
    let parts = use_context::<Parts>();
    let notice = missing_notice(r, move || {
        stage.set(Stage::Waiting);
        if let Some(parts) = &parts {
            parts.retries.update(|n| *n += 1);
        }
    });
    Some(notice.into_any())
}

/// In place of code that could not be fetched: says so, with a retry.
pub fn missing_notice(r: Reader, retry: impl Fn() + 'static) -> impl IntoView {
    let t = r.lang.strings();
    view! {
        <div class="bs-notice" role="alert">
            <p>{t.part_missing}</p>
            <button type="button" class="bs-button" on:click=move |_| retry()>{t.retry}</button>
        </div>
    }
}

/// Runs `f` the first time `cond` holds (it is watched until then, and no longer).
fn once_when(cond: impl Fn() -> bool + 'static, f: impl FnOnce() + 'static) {
    let mut f = Some(f);
    Effect::new(move |_| {
        if f.is_some() && cond() {
            if let Some(f) = f.take() {
                f();
            }
        }
    });
}

/// Fetches a part's code once the first page image is in (as `When::AfterPage`), so that it is
/// there when the reader asks for it: opening an article then waits for nothing.
pub fn preload_after_page<Fut, E>(r: Reader, preload: fn() -> Fut)
where
    Fut: Future<Output = Result<(), E>> + 'static,
{
    once_when(
        move || r.page_shown.get(),
        move || {
            first_screen::begin();
            leptos::task::spawn_local(async move {
                crate::task::after_paint().await;
                // A failure is met again, and said, when the part is built.
                let _ = preload().await;
                first_screen::end();
            });
        },
    );
}

/// Fetches a part's code the first time `cond` holds (the reader is about to need it).
pub fn preload_when<Fut, E>(cond: impl Fn() -> bool + 'static, preload: fn() -> Fut)
where
    Fut: Future<Output = Result<(), E>> + 'static,
{
    once_when(cond, move || {
        leptos::task::spawn_local(async move {
            // A failure is met again, and said, when the part is built.
            let _ = preload().await;
        })
    });
}

/// When the first screen is in: its page image shown (or given up on) and the parts fetched
/// after it (or given up on). The page then hears `broadsheet:first-screen`, on which the loader
/// registers the offline worker (scripts/write-loader.mjs): installing it then takes the app's
/// files from the browser's cache, where they now all are, and never shares a slow link with
/// the page image.
pub mod first_screen {
    use crate::reader::Reader;
    use leptos::prelude::*;
    use std::cell::Cell;

    /// The event the page hears.
    pub const EVENT: &str = "broadsheet:first-screen";

    thread_local! {
        /// Parts after the page image still on their way.
        static PENDING: Cell<u32> = const { Cell::new(0) };
        /// Whether the event was sent.
        static SENT: Cell<bool> = const { Cell::new(false) };
    }

    /// Watches for the page image; the parts that wait for it count themselves in the same
    /// reactive run (`begin`), before the paint this waits for.
    pub fn watch(r: Reader) {
        super::once_when(
            move || r.page_shown.get(),
            || {
                leptos::task::spawn_local(async {
                    crate::task::after_paint().await;
                    if PENDING.get() == 0 {
                        announce();
                    }
                })
            },
        );
    }

    pub(super) fn begin() {
        PENDING.set(PENDING.get() + 1);
    }

    pub(super) fn end() {
        PENDING.set(PENDING.get().saturating_sub(1));
        if PENDING.get() == 0 {
            announce();
        }
    }

    /// Sends the event, once a page.
    fn announce() {
        if SENT.replace(true) {
            return;
        }
        if let Some(w) = web_sys::window() {
            if let Ok(e) = web_sys::Event::new(EVENT) {
                let _ = w.dispatch_event(&e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{now, shared, Parts};
    use leptos::prelude::*;
    use std::cell::Cell;

    #[derive(Clone, Debug, PartialEq)]
    struct Made(u32);

    #[test]
    fn what_parts_share_is_made_once_for_the_reader_though_each_part_has_its_own_owner() {
        let reader = Owner::new();
        reader.with(|| {
            Parts::provide();
            let made = Cell::new(0);
            let make = || {
                made.set(made.get() + 1);
                Made(made.get())
            };
            // Two parts, each built under an owner of its own (as `Later` builds them).
            let (side, masthead) = (Owner::new(), Owner::new());
            assert_eq!(side.with(|| shared(make)), Made(1));
            assert_eq!(masthead.with(|| shared(make)), Made(1));
            assert_eq!(made.get(), 1);
            // It is the reader's: a part gone does not take it along.
            drop(side);
            assert_eq!(Owner::new().with(|| shared(make)), Made(1));
        });
    }

    #[test]
    fn outside_a_reader_it_is_the_current_owners() {
        Owner::new().with(|| {
            let a = Owner::new();
            assert_eq!(a.with(|| shared(|| Made(1))), Made(1));
            assert_eq!(a.with(|| shared(|| Made(2))), Made(1));
            assert_eq!(Owner::new().with(|| shared(|| Made(3))), Made(3), "a sibling has its own");
        });
    }

    #[test]
    fn the_loader_registers_the_worker_on_the_event_the_app_sends() {
        let loader = include_str!("../scripts/write-loader.mjs");
        let listen = format!("addEventListener('{}', register", super::first_screen::EVENT);
        assert!(loader.contains(&listen), "the loader must listen for first_screen::EVENT");
    }

    #[test]
    fn a_ready_future_is_taken_at_once_and_a_pending_one_left() {
        assert_eq!(now(async { 7 }), Some(7));
        assert_eq!(now(std::future::pending::<u8>()), None);
        // As a part's is once its code is in: ready after awaiting what is ready.
        assert_eq!(now(async { now(async { 1 }).unwrap() + async { 2 }.await }), Some(3));
    }
}

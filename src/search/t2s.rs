//! Search's code that nothing on the first screen needs until something is searched: the
//! tables it normalises text with (traditional characters as simplified, `fast2s`, the largest
//! piece of data in the reader: 13 KB of the main module's brotli bytes; Unicode's lower case,
//! core's table) and the engine that builds and asks an issue's index and draws the results
//! (`super::Engine`). In the release build it is a part of its own (src/part.rs), fetched once
//! the page image is in, or at once when a search comes first (a link holding a query, the box
//! taking focus). Until it is in, a query waits (`query` is empty) and the search panel says so;
//! other builds link it in and are always ready.

use super::Engine;
use crate::part::{PartMissing, Stage};
use leptos::prelude::*;

/// The normalised query once search's part is in; empty before (asking for it), so that a search
/// never runs on text only half normalised. Reactive: it runs again when the part comes.
pub fn query(typed: &str) -> String {
    if typed.trim().is_empty() {
        return String::new();
    }
    match stage() {
        Stage::Ready => {}
        // A failure waits for the reader's retry (`Waiting` offers it).
        Stage::Missing => return String::new(),
        Stage::Waiting => {
            load();
            return String::new();
        }
    }
    super::normalise_query(typed)
}

#[cfg(not(broadsheet_split))]
mod table {
    use super::*;

    pub fn engine() -> Option<Engine> {
        Some(super::super::ENGINE)
    }

    pub fn stage() -> Stage {
        Stage::Ready
    }

    pub fn load() {}

    pub fn retry() {}

    pub async fn fetch() -> Result<(), PartMissing> {
        Ok(())
    }
}

#[cfg(broadsheet_split)]
mod table {
    use super::*;
    use std::cell::Cell;
    use std::sync::OnceLock;

    static ENGINE: OnceLock<Engine> = OnceLock::new();

    thread_local! {
        /// Reactive, for the views that wait for the part; set only from the task that fetched it,
        /// never while a memo reads it.
        static STAGE: ArcRwSignal<Stage> = ArcRwSignal::new(Stage::Waiting);
        /// A fetch is on its way.
        static ASKED: Cell<bool> = const { Cell::new(false) };
    }

    #[::leptos::wasm_split::wasm_split(t2s_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn search_engine() -> Result<Engine, PartMissing> {
        Ok(super::super::ENGINE)
    }

    /// Search's code, once its part is in.
    pub fn engine() -> Option<Engine> {
        ENGINE.get().copied()
    }

    pub fn stage() -> Stage {
        STAGE.with(|s| s.get())
    }

    /// Fetches the part unless it is in or on its way.
    pub fn load() {
        if ENGINE.get().is_some() || ASKED.with(|a| a.replace(true)) {
            return;
        }
        leptos::task::spawn_local(async {
            let _ = fetch().await;
        });
    }

    /// Asks again for a part that could not be fetched.
    pub fn retry() {
        STAGE.with(|s| s.set(Stage::Waiting));
        load();
    }

    /// Fetches the part and says how that went.
    pub async fn fetch() -> Result<(), PartMissing> {
        if ENGINE.get().is_some() {
            return Ok(());
        }
        ASKED.with(|a| a.set(true));
        let got = search_engine().await;
        ASKED.with(|a| a.set(false));
        let stage = match got {
            Ok(f) => {
                let _ = ENGINE.set(f);
                Stage::Ready
            }
            Err(_) => Stage::Missing,
        };
        // Set only on a change: what waits for it asks again on every change.
        STAGE.with(|s| {
            if s.get_untracked() != stage {
                s.set(stage)
            }
        });
        got.map(|_| ())
    }
}

pub use table::{engine, fetch, load, retry, stage};

/// The text normalised; as it is before the part is in (`query` keeps searches from that).
pub fn normalise(s: &str) -> String {
    match engine() {
        Some(e) => (e.normalise)(s),
        None => s.to_string(),
    }
}

/// In the search panel while a query waits for search's part: that it is coming, or that it could
/// not be fetched, with a retry.
#[component]
pub fn Waiting(typed: RwSignal<String>) -> impl IntoView {
    let r = expect_context::<crate::reader::Reader>();
    move || {
        if typed.with(|t| t.trim().is_empty()) {
            return None;
        }
        match stage() {
            Stage::Ready => None,
            Stage::Waiting => {
                Some(view! { <p class="bs-search-status" role="status">{r.lang.search().preparing}</p> }.into_any())
            }
            Stage::Missing => Some(crate::part::missing_notice(r, retry).into_any()),
        }
    }
}

//! Broadsheet: a digital newspaper reader. `start` mounts the reader into its host element;
//! each feature lives in its own module with its view and state.

// Which module may use which, from the bottom up (tests/architecture.rs holds the same table and
// fails on any other `crate::` path):
//
// foundation  i18n (every interface string), config (the host element's settings): nothing else.
// services    fetch (one fetch helper), archive (the data files), storage (what the browser
//             keeps), url_state (the reading state in the address), export (the clipboard and
//             downloaded files): the foundation.
// reader      the reading state and the open issue, shared by context: services and foundation.
// shared      article_link (every link to an article), status (loading, failures, notices of
//             data partly broken), focus (the keyboard focus moved to what a change shows),
//             task (work moved to a task of its own): the reader and below.
// parts       part (a part of the reader built when it is needed, in the release build a wasm
//             file of its own): shared and below.
// features    page_map, article, article_list, page_list, masthead, calendar, rating, ranking,
//             footer, and the five whose state others show: search (hits on the
//             map, the page list and the article), offline (kept issues in the calendar, the
//             map's rendition), read_aloud (the article's reading), citation (the article's
//             citation and the document's metadata for it), page_text (the scan's words in the
//             map): parts and below, and those five.
// app         the page composed of all of them.

// foundation
mod config;
mod i18n;
// services
mod archive;
mod export;
mod fetch;
mod storage;
mod url_state;
// reader
mod reader;
// shared
mod article_link;
mod focus;
mod status;
mod task;
// parts
mod part;
// features
mod article;
mod article_list;
mod calendar;
mod citation;
mod footer;
mod masthead;
mod offline;
mod page_list;
mod page_map;
mod page_text;
mod ranking;
mod rating;
mod read_aloud;
mod search;
// app
mod app;

pub use app::{start, App, HOST_SELECTOR};

// What the in-browser tests (tests/web.rs) mount and drive. Everything else is private to the
// crate, so that rustc reports what nothing uses.
pub use archive::api::{fetch_data, resolve};
pub use config::{Config, UrlMode};
pub use fetch::Failure;
pub use i18n::Lang;
pub use masthead::Masthead;
pub use reader::Reader;
pub use url_state::ReadingState;

// Talc in place of the standard library's dlmalloc: the same job in fewer bytes of the main
// module (docs/testing.md, the levers' table); the reader is single-threaded.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

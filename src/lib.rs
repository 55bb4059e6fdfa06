//! Broadsheet: a digital newspaper reader. `start` mounts the reader into its host element;
//! each feature lives in its own module with its view and state.

mod app;
mod archive;
mod article;
mod article_link;
mod article_list;
mod calendar;
mod config;
mod data_problems;
mod fetch;
mod footer;
mod i18n;
mod masthead;
mod offline;
mod page_list;
mod page_map;
mod ranking;
mod rating;
mod read_aloud;
mod reader;
mod search;
mod status;
mod storage;
mod url_state;

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

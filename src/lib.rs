//! Broadsheet: a digital newspaper reader. `start` mounts the reader into its host element;
//! each feature lives in its own module with its view and state.

pub mod app;
pub mod archive;
pub mod article;
pub mod article_link;
pub mod article_list;
pub mod calendar;
pub mod config;
pub mod data_problems;
pub mod fetch;
pub mod footer;
pub mod i18n;
pub mod masthead;
pub mod offline;
pub mod page_list;
pub mod page_map;
pub mod ranking;
pub mod rating;
pub mod read_aloud;
pub mod reader;
pub mod search;
pub mod status;
pub mod storage;
pub mod url_state;

pub use app::{start, App, HOST_SELECTOR};

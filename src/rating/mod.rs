//! Page rating (我给版面打分): five buttons, the page's average (本版得分) and number of raters
//! (参与评分人数). Without a server the baseline comes from the data and the reader's own vote,
//! kept in the browser, is added on top; with a configured endpoint the shared score comes from
//! it and the vote is sent there (contract: `broadsheet_model::ratings`). `score`, `store` and
//! `state` (the widget's state machine and its words) are plain Rust with native tests; `widget`
//! is the thin component and `browser` the storage and random ids it uses.

pub mod browser;
pub mod endpoint;
pub mod score;
pub mod state;
pub mod store;
mod widget;

pub use widget::PageRating;

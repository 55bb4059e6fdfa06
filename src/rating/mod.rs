//! Page rating (我给版面打分): five buttons, the page's average (本版得分) and number of raters
//! (参与评分人数). Without a server the baseline comes from the data and the reader's own vote,
//! kept in the browser, is added on top; with a configured endpoint the shared score comes from
//! it and the vote is sent there. `score` and `store` are plain Rust with native tests.

pub mod browser;
pub mod endpoint;
pub mod score;
pub mod store;
mod widget;

pub use widget::PageRating;

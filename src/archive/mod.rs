//! Where the data comes from: fetching and validating the archive's files.

pub mod api;
pub mod classify;

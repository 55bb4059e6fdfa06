//! Where the data comes from: fetching (through `crate::fetch`) and validating the archive's
//! files. `classify` tells why a file that arrived is not data; `api` uses it.

pub mod api;
pub mod classify;
pub mod origins;
pub mod repair;

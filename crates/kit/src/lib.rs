//! broadsheet-kit as a library: the commands of the `broadsheet-kit` binary (validate, demo,
//! synth, index, import) as functions, and the data they are built from, so that tests call
//! them instead of copying their lists.

pub mod check;
pub mod demo;
pub mod import;
pub mod index;
pub mod json;
pub mod layout;
pub mod manifest;
pub mod search;
pub mod seed;
pub mod stories;
pub mod svg;
pub mod synth;

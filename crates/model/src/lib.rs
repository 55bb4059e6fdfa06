//! Broadsheet's data contract, version 1: the archive manifest, month indexes and issues,
//! as serde types, with validation that reports every problem by its JSON path.
//! Plain Rust with no web types, shared by the reader (wasm) and the kit (native).

pub mod archive;
pub mod date;
pub mod issue;
pub mod geometry;
pub mod lenient;
mod problem;
pub mod url;
mod validate;

pub use archive::{Archive, Link, MonthEntry, MonthIndex, Paper};
pub use date::{Day, YearMonth};
pub use issue::{Article, ArticleKind, Block, Issue, Page, PageImage, RankEntry, RatingBaseline, Region, Rendition};
pub use lenient::{check_issue_lenient, parse_issue_lenient, Checked, MAX_ISSUE_BYTES};
pub use problem::Problem;
pub use validate::{validate_archive, validate_issue, validate_month, validate_month_in, Validate};

/// The schema version this code reads and writes.
pub const VERSION: u32 = 1;

/// Parses and validates one data file. On failure, every problem found, each with its JSON path.
pub fn parse<T: Validate>(text: &str) -> Result<T, Vec<Problem>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| vec![not_json(&e)])?;
    check_version(&value)?;
    let item: T = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        vec![Problem::new(path, e.into_inner().to_string())]
    })?;
    let problems = item.validate();
    if problems.is_empty() {
        Ok(item)
    } else {
        Err(problems)
    }
}

/// The problem of a file that is not JSON at all.
pub(crate) fn not_json(e: &serde_json::Error) -> Problem {
    Problem::new("", format!("not valid JSON: {e}"))
}

/// Checks the version first, so that a newer file gets "unsupported version", not a field error.
pub(crate) fn check_version(value: &serde_json::Value) -> Result<(), Vec<Problem>> {
    match value.get("version") {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(VERSION as u64) => Ok(()),
        Some(serde_json::Value::Number(n)) => Err(vec![Problem::new(
            "version",
            format!("schema version {n} is not supported; this reader reads version {VERSION}"),
        )]),
        Some(_) => Err(vec![Problem::new("version", "must be a number")]),
        None if !value.is_object() => {
            Err(vec![Problem::new("", format!("expected a JSON object, found {}", kind(value)))])
        }
        None => Err(vec![Problem::new("version", "missing field (the schema version, 1)")]),
    }
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

//! Broadsheet's data contract, version 1: the archive manifest, month indexes and issues,
//! as serde types, with validation that reports every problem by its JSON path.
//! Plain Rust with no web types, shared by the reader (wasm) and the kit (native).

pub mod archive;
mod block;
pub mod date;
pub mod geometry;
pub mod issue;
pub mod lenient;
pub mod num;
mod position;
mod problem;
pub mod ratings;
pub mod sort;
pub mod url;
mod validate;
pub mod words;

pub use archive::{Archive, Link, MonthEntry, MonthIndex, Paper};
pub use date::{Day, YearMonth};
pub use issue::{Article, ArticleKind, Block, Issue, Page, PageImage, RankEntry, RatingBaseline, Region, Rendition};
pub use lenient::{
    check_issue_lenient, parse_archive_lenient, parse_issue_lenient, parse_issue_lenient_with, parse_month_lenient,
    read_archive_direct, read_issue_direct, read_month_direct, repair_archive, repair_issue, repair_month,
    AddressCheck, Checked, MAX_ISSUE_BYTES,
};
pub use position::path_at;
pub use problem::Problem;
pub use validate::{
    validate_archive, validate_issue, validate_month, validate_month_in, Validate, MAX_ARTICLES, MAX_ARTICLE_TEXT,
    MAX_BLOCKS, MAX_PAGES, MAX_REGIONS,
};
pub use words::{read_words, read_words_direct, validate_words, validate_words_in, PageWords, Word, WordLine};

/// The schema version this code reads and writes.
pub const VERSION: u32 = 1;

/// Parses and validates one data file. On failure, every problem found, each with its JSON path.
pub fn parse<T: Validate>(text: &str) -> Result<T, Vec<Problem>> {
    check_version(text)?;
    // Straight from the text: the path is worked out from the error's position only on failure.
    let item: T = serde_json::from_str(text).map_err(|e| vec![problem_of(text, &e)])?;
    let problems = item.validate();
    if problems.is_empty() {
        Ok(item)
    } else {
        Err(problems)
    }
}

/// A serde_json error as a problem at its JSON path, without serde_json's "at line ..." suffix.
/// `text` is well-formed JSON (checked by `check_version`), so "trailing characters" here means an
/// array longer than its fixed length.
pub(crate) fn problem_of(text: &str, e: &serde_json::Error) -> Problem {
    let message = e.to_string();
    if e.is_syntax() && !message.starts_with("trailing characters") {
        // Too deep, or a number beyond f64: only the typed read meets these.
        return not_json(e);
    }
    let path = path_at(text, e.line(), e.column());
    if e.is_syntax() {
        // The path ends at the first element too many: `points[0][2]`.
        let (array, extra) = path.rsplit_once('[').unwrap_or((&path, "0]"));
        let read: usize = extra.trim_end_matches(']').parse().unwrap_or(0);
        let len = read + position::elements_after(text, e.line(), e.column());
        return Problem::new(array, format!("invalid length {len}, expected fewer elements in array"));
    }
    let message = match message.rfind(" at line ") {
        Some(n) => message[..n].to_string(),
        None => message,
    };
    Problem::new(path, message)
}

/// Whether `text` is JSON that stops before its end (a download cut off midway), as serde_json
/// finds it: the text runs out while a value is still open. For a reader to tell a broken
/// download from the publisher's bad data when `parse` refuses a file.
pub fn is_cut_off(text: &str) -> bool {
    let ends_early = |t: &str| serde_json::from_str::<serde::de::IgnoredAny>(t).is_err_and(|e| e.is_eof());
    // serde_json calls a number cut after its sign, point or exponent mark invalid rather than
    // unfinished; with a digit added it reads on to the real end.
    ends_early(text) || (text.ends_with(['-', '+', '.', 'e', 'E']) && ends_early(&format!("{text}0")))
}

pub(crate) fn not_json(e: &serde_json::Error) -> Problem {
    Problem::new("", format!("not valid JSON: {e}"))
}

/// The first thing read of a file: that it is JSON, an object, and of this schema version, so that
/// a newer file gets "unsupported version", not a field error.
pub(crate) fn check_version(text: &str) -> Result<(), Vec<Problem>> {
    #[derive(serde::Deserialize)]
    struct Version {
        version: serde_json::Number,
    }
    if let Some((line, column)) = position::too_deep(text) {
        return Err(vec![Problem::new(
            "",
            format!("not valid JSON: recursion limit exceeded at line {line} column {column}"),
        )]);
    }
    let top = match serde_json::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(text) {
        Ok(top) => top,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(vec![not_json(&e)]),
        Err(_) => {
            return Err(vec![match serde_json::from_str::<serde::de::IgnoredAny>(text) {
                Err(e) => not_json(&e),
                Ok(_) => Problem::new("", format!("expected a JSON object, found {}", kind(text))),
            }])
        }
    };
    if !top.contains_key("version") {
        return Err(vec![Problem::new("version", "missing field (the schema version, 1)")]);
    }
    match serde_json::from_str::<Version>(text) {
        Ok(Version { version: n }) if n.as_u64() == Some(VERSION as u64) => Ok(()),
        Ok(Version { version: n }) => Err(vec![Problem::new(
            "version",
            format!("schema version {n} is not supported; this reader reads version {VERSION}"),
        )]),
        Err(_) => Err(vec![Problem::new("version", "must be a number")]),
    }
}

/// What a JSON text that is not an object is, by its first character.
fn kind(text: &str) -> &'static str {
    match text.trim_start().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        _ => "a number",
    }
}

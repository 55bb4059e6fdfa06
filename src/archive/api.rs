//! Fetching data files: every fetch has a time limit and ends in data that validated, or in a
//! `LoadError` that names the file and, for bad data, each problem's JSON path.

use super::classify;
use crate::fetch;
use broadsheet_model::{Problem, Validate};
use std::fmt;

/// Why a data file did not load (the fetch helper's failure, re-exported for the features).
pub use crate::fetch::Failure;

/// How long a data file may take before the reader gives up and offers a retry. A phone on a
/// bad connection may need this long for an issue file; from `SLOW_MS` on the reader says it is
/// still waiting, so the wait is never a silent spinner. `i18n::network`'s strings name it.
pub const TIMEOUT_MS: u32 = 20_000;

/// When a wait becomes worth a word: "slow connection, still loading".
pub const SLOW_MS: u32 = 4_000;

#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The address of the file that failed, as the reader asked for it.
    pub file: String,
    pub failure: Failure,
}

impl std::error::Error for LoadError {}
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.failure)
    }
}

/// Fetches a data file and parses and validates it as `T`.
pub async fn fetch_data<T: Validate>(url: String) -> Result<T, LoadError> {
    fetch_with(url, broadsheet_model::parse::<T>).await
}

/// Fetches a data file and reads it with `parse` (e.g. the lenient reading of an issue). Aborted
/// with the view that asked (see `fetch`).
pub async fn fetch_with<T>(url: String, parse: impl FnOnce(&str) -> Result<T, Vec<Problem>>) -> Result<T, LoadError> {
    let fail = |failure| LoadError { file: url.clone(), failure };
    let answer = fetch::get(&url, TIMEOUT_MS).await.map_err(fail)?;
    parse(&answer.text).map_err(|p| fail(classify::unparsed(answer.content_type.as_deref(), &answer.text, p)))
}

/// Fetches a data file and reads it leniently: `direct` reads a well-formed file (and says at
/// once what is not JSON); JSON of another shape goes to `repair`, whose code comes only then
/// (`super::repair`). That code failing to come is a network failure (`CodeMissing`).
pub async fn fetch_read<T, Fut>(
    url: String,
    direct: impl FnOnce(&str) -> Option<Result<broadsheet_model::Checked<T>, Vec<Problem>>>,
    repair: impl FnOnce(String) -> Fut,
) -> Result<broadsheet_model::Checked<T>, LoadError>
where
    Fut: std::future::Future<Output = super::repair::Repaired<broadsheet_model::Checked<T>>>,
{
    let fail = |failure| LoadError { file: url.clone(), failure };
    let answer = fetch::get(&url, TIMEOUT_MS).await.map_err(fail)?;
    let read = match direct(&answer.text) {
        Some(read) => read,
        None => repair(answer.text.clone()).await.map_err(|missing| fail(missing.into()))?,
    };
    read.map_err(|p| fail(classify::unparsed(answer.content_type.as_deref(), &answer.text, p)))
}

/// Resolves `relative` against `base`, as the data contract says addresses resolve.
pub fn resolve(relative: &str, base: &str) -> String {
    web_sys::Url::new_with_base(relative, base)
        .map(|u| u.href())
        // Only reachable with a broken base; the fetch that follows reports the address.
        .unwrap_or_else(|_| relative.to_string())
}

/// The origin of `url` when it is not the page's own: a fetch from there can fail for want of
/// CORS headers, which the browser reports as a network error like any other.
pub fn other_origin(url: &str) -> Option<String> {
    let page = web_sys::window().and_then(|w| w.location().origin().ok())?;
    broadsheet_model::url::origin_of(url).filter(|o| *o != page.to_ascii_lowercase())
}

/// Shows a resolved address relative to the page, as a reader would type it.
pub fn display_address(url: &str) -> String {
    let page =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    url.strip_prefix(dir).unwrap_or(url).to_string()
}

//! Fetching data files: every fetch has a time limit and ends in data that validated, or in a
//! `LoadError` that names the file and, for bad data, each problem's JSON path.

use super::classify;
use broadsheet_model::{Problem, Validate};
use gloo_net::http::Request;
use std::fmt;
use web_sys::AbortSignal;

/// How long a data file may take before the reader gives up and offers a retry. A phone on a
/// bad connection may need this long for an issue file; from `SLOW_MS` on the reader says it is
/// still waiting, so the wait is never a silent spinner.
pub const TIMEOUT_MS: u32 = 20_000;

/// When a wait becomes worth a word: "slow connection, still loading".
pub const SLOW_MS: u32 = 4_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// No answer: the server cannot be reached or closed the connection before answering.
    Network(String),
    /// The browser says it is offline.
    Offline,
    Timeout,
    Http(u16),
    /// The answer broke off before its end (a dropped download, or JSON that stops midway).
    Truncated,
    /// Not a data file: the server's content type (e.g. a captive portal's web page).
    NotData(String),
    Invalid(Vec<Problem>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The address of the file that failed, as the reader asked for it.
    pub file: String,
    pub failure: Failure,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Network(e) => write!(f, "network error ({e})"),
            Failure::Offline => f.write_str("offline"),
            Failure::Truncated => f.write_str("the file arrived incomplete"),
            Failure::NotData(t) => write!(f, "not a data file (content type {t:?})"),
            Failure::Timeout => write!(f, "no answer within {} s", TIMEOUT_MS / 1000),
            Failure::Http(404) => f.write_str("HTTP 404: the file does not exist"),
            Failure::Http(s) => write!(f, "HTTP {s}"),
            Failure::Invalid(p) if p.len() == 1 => write!(f, "invalid data: {}", p[0]),
            Failure::Invalid(p) => write!(f, "invalid data, {} problems", p.len()),
        }
    }
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

/// Fetches a data file and reads it with `parse` (e.g. the lenient reading of an issue).
pub async fn fetch_with<T>(url: String, parse: impl FnOnce(&str) -> Result<T, Vec<Problem>>) -> Result<T, LoadError> {
    let fail = |failure| LoadError { file: url.clone(), failure };
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let response = Request::get(&url).abort_signal(Some(&signal)).send().await.map_err(|e| {
        fail(if signal.aborted() {
            Failure::Timeout
        } else if offline() {
            Failure::Offline
        } else {
            Failure::Network(e.to_string())
        })
    })?;
    if !response.ok() {
        return Err(fail(Failure::Http(response.status())));
    }
    let content_type = response.headers().get("content-type");
    // The answer began, then broke off: a cut-off download, not an unreachable server.
    let text = response
        .text()
        .await
        .map_err(|_| fail(if signal.aborted() { Failure::Timeout } else { Failure::Truncated }))?;
    parse(&text).map_err(|p| fail(classify::unparsed(content_type.as_deref(), &text, p)))
}

/// Whether the browser knows it has no network (a `false` here proves nothing).
fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Resolves `relative` against `base`, as the data contract says addresses resolve.
pub fn resolve(relative: &str, base: &str) -> String {
    web_sys::Url::new_with_base(relative, base)
        .map(|u| u.href())
        // Only reachable with a broken base; the fetch that follows reports the address.
        .unwrap_or_else(|_| relative.to_string())
}

/// Shows a resolved address relative to the page, as a reader would type it.
pub fn display_address(url: &str) -> String {
    let page =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    url.strip_prefix(dir).unwrap_or(url).to_string()
}

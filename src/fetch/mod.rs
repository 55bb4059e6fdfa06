//! Asking a server for something: the one fetch helper of the reader, for the archive's files and
//! the ratings endpoint alike. Every request has a time limit (each caller sets its own), and is
//! aborted when the view that asked goes away, so that a view left behind stops downloading.
//! What went wrong is a `Failure`; what it means to the reader is said by the caller, which
//! knows what was asked for. This file is plain Rust; `request` does the browser's part.

use broadsheet_model::Problem;
use std::fmt;

mod early;
mod request;
mod resource;

pub use request::{get, get_bytes, put_json};
pub use resource::DataResource;

/// What came back from a request that was answered with a success status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The server's `Content-Type`, if it sent one.
    pub content_type: Option<String>,
    pub text: String,
}

/// Why a request brought nothing usable.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// No answer: the server cannot be reached or closed the connection before answering.
    Network(String),
    /// The browser says it is offline.
    Offline,
    /// No whole answer within the caller's time limit.
    Timeout,
    /// The view that asked went away first; nobody is waiting for the answer.
    Aborted,
    Http(u16),
    /// The answer broke off before its end (a dropped download, or JSON that stops midway).
    Truncated,
    /// Not a data file: the server's content type (e.g. a captive portal's web page).
    NotData(String),
    /// An answer that arrived whole but is not what was asked for, each problem by its JSON path.
    Invalid(Vec<Problem>),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Network(e) => write!(f, "network error ({e})"),
            Failure::Offline => f.write_str("offline"),
            Failure::Timeout => f.write_str("no answer within the time limit"),
            Failure::Aborted => f.write_str("cancelled: the view that asked is gone"),
            Failure::Truncated => f.write_str("the answer arrived incomplete"),
            Failure::NotData(t) => write!(f, "not a data file (content type {t:?})"),
            Failure::Http(404) => f.write_str("HTTP 404: not found"),
            Failure::Http(s) => write!(f, "HTTP {s}"),
            Failure::Invalid(p) if p.len() == 1 => write!(f, "invalid data: {}", p[0]),
            Failure::Invalid(p) => write!(f, "invalid data, {} problems", p.len()),
        }
    }
}

/// What had happened around a request when it failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stop {
    /// The time limit ran out (and aborted the request).
    pub timed_out: bool,
    /// The view that asked went away (and aborted the request).
    pub cancelled: bool,
    /// The browser says it has no network (a `false` proves nothing).
    pub offline: bool,
}

impl Stop {
    /// The failure of a request that got no answer at all; `error` is the browser's word on it.
    pub fn unanswered(self, error: String) -> Failure {
        match self {
            Stop { timed_out: true, .. } => Failure::Timeout,
            Stop { cancelled: true, .. } => Failure::Aborted,
            Stop { offline: true, .. } => Failure::Offline,
            _ => Failure::Network(error),
        }
    }

    /// The failure of an answer that began and then broke off: a cut-off download, not an
    /// unreachable server.
    pub fn broken_off(self) -> Failure {
        match self {
            Stop { timed_out: true, .. } => Failure::Timeout,
            Stop { cancelled: true, .. } => Failure::Aborted,
            _ => Failure::Truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_without_an_answer_says_what_stopped_it() {
        let stop = |timed_out, cancelled, offline| Stop { timed_out, cancelled, offline };
        assert_eq!(stop(true, false, false).unanswered("x".into()), Failure::Timeout);
        // The limit is what aborted it, even when the browser also lost its network.
        assert_eq!(stop(true, false, true).unanswered("x".into()), Failure::Timeout);
        assert_eq!(stop(false, true, true).unanswered("x".into()), Failure::Aborted);
        assert_eq!(stop(false, false, true).unanswered("x".into()), Failure::Offline);
        assert_eq!(
            Stop::default().unanswered("TypeError: Failed to fetch".into()),
            Failure::Network("TypeError: Failed to fetch".into())
        );
    }

    #[test]
    fn an_answer_that_breaks_off_is_a_cut_off_download() {
        assert_eq!(Stop::default().broken_off(), Failure::Truncated);
        // Offline or not: the server did answer, so it was reachable.
        assert_eq!(Stop { offline: true, ..Stop::default() }.broken_off(), Failure::Truncated);
        assert_eq!(Stop { timed_out: true, ..Stop::default() }.broken_off(), Failure::Timeout);
        assert_eq!(Stop { cancelled: true, ..Stop::default() }.broken_off(), Failure::Aborted);
    }

    #[test]
    fn failures_read_plainly_in_logs() {
        assert_eq!(Failure::Http(404).to_string(), "HTTP 404: not found");
        assert_eq!(Failure::Http(503).to_string(), "HTTP 503");
        assert_eq!(Failure::NotData("text/html".into()).to_string(), "not a data file (content type \"text/html\")");
        assert_eq!(
            Failure::Invalid(vec![Problem::new("pages[0].id", "missing")]).to_string(),
            "invalid data: pages[0].id: missing"
        );
        assert_eq!(
            Failure::Invalid(vec![Problem::new("a", "x"), Problem::new("b", "y")]).to_string(),
            "invalid data, 2 problems"
        );
    }
}

//! Broadsheet's reference ratings server: the HTTP contract of `docs/ratings-api.md` over SQLite.
//!
//! `GET {base}{date}/{page}?client=ID` answers a page's shared score; `PUT {base}{date}/{page}`
//! with `{"client": ID, "score": 1..5}` records or replaces that client's vote. Pages are known
//! from the archive folder the static host serves; anything else is refused with a JSON error.

pub mod catalog;
pub mod store;

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use broadsheet_model::ratings::{is_client_id, PageScore, Vote, CLIENT_ID_RULE};
use broadsheet_model::Day;
use catalog::Lookup;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use store::{Score, Store, StoreError};

/// The largest request body accepted, in bytes. A vote is about 60.
pub const MAX_BODY: usize = 1024;

/// Which web pages may call the server from a browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origins {
    Any,
    Only(Vec<String>),
}

impl Origins {
    /// The `Access-Control-Allow-Origin` value for a request from `origin`, if it is allowed.
    fn allow(&self, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
        match self {
            Origins::Any => Some(HeaderValue::from_static("*")),
            Origins::Only(list) => {
                let origin = origin?;
                let o = origin.to_str().ok()?;
                list.iter().any(|a| a.eq_ignore_ascii_case(o)).then(|| origin.clone())
            }
        }
    }
}

#[derive(Clone)]
struct App {
    store: Store,
}

/// A JSON error: `{"error": code, "message": text}`.
pub fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = json!({ "error": code, "message": message.into() });
    json_response(status, &body)
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut res = (status, body.to_string()).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Page ids as the data contract allows them: 1 to 200 of `A-Z a-z 0-9 - _ .`.
pub fn valid_page_id(s: &str) -> bool {
    (1..=200).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

fn page_key(date: &str, page: &str) -> Result<(Day, String), Box<Response>> {
    let day = Day::parse(date).map_err(|e| Box::new(error(StatusCode::BAD_REQUEST, "bad_date", e)))?;
    if !valid_page_id(page) {
        return Err(Box::new(error(StatusCode::BAD_REQUEST, "bad_page", "a page id is 1 to 200 of A-Z a-z 0-9 - _ .")));
    }
    Ok((day, page.to_string()))
}

fn answer(date: Day, page: &str, result: Result<Score, StoreError>) -> Response {
    match result {
        Ok(s) => {
            let score = PageScore {
                date: Some(date.to_string()),
                page: Some(page.into()),
                sum: s.sum,
                count: s.count,
                mine: s.mine,
            };
            // Only a damaged database could hold such totals; the reader would refuse them anyway.
            if let Some(why) = score.problem() {
                eprintln!("ratings-server: impossible score for {date} {page}: {why}");
                return error(StatusCode::SERVICE_UNAVAILABLE, "database", "the vote store is unavailable; try again");
            }
            json_response(StatusCode::OK, &serde_json::to_value(score).expect("a page score is JSON"))
        }
        Err(StoreError::Unknown(Lookup::NoIssue)) => {
            error(StatusCode::NOT_FOUND, "unknown_page", format!("the archive has no issue on {date}"))
        }
        Err(StoreError::Unknown(Lookup::NoPage)) => {
            error(StatusCode::NOT_FOUND, "unknown_page", format!("the issue of {date} has no page {page:?}"))
        }
        Err(StoreError::Unknown(Lookup::Broken(why))) => {
            eprintln!("ratings-server: archive unreadable: {why}");
            error(StatusCode::INTERNAL_SERVER_ERROR, "archive_unreadable", "the server cannot read its archive")
        }
        Err(StoreError::Database(why)) => {
            eprintln!("ratings-server: database error: {why}");
            error(StatusCode::SERVICE_UNAVAILABLE, "database", "the vote store is unavailable; try again")
        }
        Err(StoreError::Closed) => error(StatusCode::SERVICE_UNAVAILABLE, "shutting_down", "the server is stopping"),
    }
}

async fn read_score(
    State(app): State<App>,
    Path((date, page)): Path<(String, String)>,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let (day, page) = match page_key(&date, &page) {
        Ok(k) => k,
        Err(res) => return *res,
    };
    let Ok(Query(query)) = query else {
        return error(StatusCode::BAD_REQUEST, "bad_query", "the query string is not valid");
    };
    let client = query.get("client").cloned();
    if client.as_deref().is_some_and(|c| !is_client_id(c)) {
        return error(StatusCode::BAD_REQUEST, "bad_client", format!("client must be {CLIENT_ID_RULE}"));
    }
    let result = app.store.read(day, page.clone(), client).await;
    answer(day, &page, result)
}

async fn put_vote(
    State(app): State<App>,
    Path((date, page)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let too_large = || error(StatusCode::PAYLOAD_TOO_LARGE, "too_large", format!("the body is over {MAX_BODY} bytes"));
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large();
    }
    let (day, page) = match page_key(&date, &page) {
        Ok(k) => k,
        Err(res) => return *res,
    };
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return too_large();
    };
    let Vote { client, score } = match Vote::from_json(&bytes) {
        Ok(v) => v,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.code(), e.message()),
    };
    let result = app.store.vote(day, page.clone(), client, score).await;
    answer(day, &page, result)
}

async fn method_not_allowed() -> Response {
    let mut res = error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "use GET or PUT");
    res.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, PUT, OPTIONS"));
    res
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "not_found", "the address is {date}/{page}, e.g. 2016-09-24/p1")
}

async fn about() -> Response {
    json_response(StatusCode::OK, &json!({ "service": "broadsheet-ratings", "version": 1 }))
}

/// CORS: answers preflights itself and marks every other answer for the allowed origins.
async fn cors(State(origins): State<Arc<Origins>>, req: Request, next: Next) -> Response {
    let allowed = origins.allow(req.headers().get(header::ORIGIN));
    let preflight = req.method() == Method::OPTIONS;
    let mut res = if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(req).await };
    let h = res.headers_mut();
    if let Some(origin) = allowed {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if preflight {
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, PUT, OPTIONS"));
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        }
    }
    if matches!(*origins, Origins::Only(_)) {
        h.insert(header::VARY, HeaderValue::from_static("origin"));
    }
    res
}

/// The server's routes, with CORS for `origins`.
pub fn router(store: Store, origins: Origins) -> Router {
    let origins = Arc::new(origins);
    let app = App { store };
    Router::new()
        .route("/", get(about))
        .route("/{date}/{page}", get(read_score).put(put_vote).fallback(method_not_allowed))
        .fallback(not_found)
        .with_state(app)
        .layer(middleware::from_fn_with_state(origins, cors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_data_contract() {
        assert!(valid_page_id("p1") && valid_page_id("A-01_x.2"));
        assert!(
            !valid_page_id("") && !valid_page_id("p/1") && !valid_page_id("..%2f") && !valid_page_id(&"p".repeat(201))
        );
        // Client ids and votes follow broadsheet_model::ratings (tested in crates/model/tests/ratings.rs).
    }

    #[test]
    fn origins_are_matched_exactly() {
        let only = Origins::Only(vec!["https://portal.example".into()]);
        let h = |s: &'static str| HeaderValue::from_static(s);
        assert_eq!(only.allow(Some(&h("https://portal.example"))), Some(h("https://portal.example")));
        assert_eq!(only.allow(Some(&h("https://evil.example"))), None);
        assert_eq!(only.allow(None), None);
        assert_eq!(Origins::Any.allow(None), Some(h("*")));
    }
}

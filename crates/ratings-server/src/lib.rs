//! Broadsheet's reference ratings server: the HTTP contract of `docs/ratings-api.md` over SQLite
//! or PostgreSQL.
//!
//! `GET {base}{date}/{page}?client=ID` answers a page's shared score; `PUT {base}{date}/{page}`
//! with `{"client": ID, "score": 1..5}` records or replaces that client's vote. Pages are known
//! from the archive folder the static host serves; anything else is refused with a JSON error.
//! `GET /healthz` and `GET /readyz` are for a load balancer or a service manager.

pub mod catalog;
pub mod config;
pub mod limit;
pub mod postgres;
pub mod serve;
pub mod sqlite;
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
use limit::Limiter;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use store::{Score, Store, StoreError};
use tokio_util::task::TaskTracker;

/// The largest request body accepted, in bytes. A vote is about 60.
pub const MAX_BODY: usize = 1024;
/// How long a client may take to send a vote's body once its headers are in.
pub const BODY_DEADLINE: Duration = Duration::from_secs(10);
/// How long a readiness check waits for the database.
const READY_DEADLINE: Duration = Duration::from_secs(2);

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

/// The per-address limits and who may say where a request came from.
pub struct Limits {
    pub reads: Limiter,
    pub votes: Limiter,
    pub trusted_proxies: Vec<IpAddr>,
}

/// What the handlers share. Nothing here holds scores: every answer comes from the database.
#[derive(Clone)]
pub struct App {
    store: Store,
    limits: Arc<Limits>,
    /// Votes being recorded: a vote is finished even when its client hangs up, and the server
    /// waits for these before it closes the database.
    votes: TaskTracker,
    /// When the stop began (readiness fails from then on); the grace period counts from here.
    stop_began: Arc<OnceLock<Instant>>,
}

impl App {
    pub fn new(store: Store, limits: Limits) -> App {
        App { store, limits: Arc::new(limits), votes: TaskTracker::new(), stop_began: Arc::new(OnceLock::new()) }
    }

    /// From now on readiness fails, so that a balancer sends new requests elsewhere.
    pub fn begin_stop(&self) {
        self.stop_began.get_or_init(Instant::now);
    }

    /// Waits for the votes in progress until `grace` after the stop began, then closes the store.
    /// Returns how many votes were still unfinished when the grace ran out.
    pub async fn finish(&self, grace: Duration) -> usize {
        self.votes.close();
        let left = grace.saturating_sub(self.stop_began.get().map_or(Duration::ZERO, |t| t.elapsed()));
        let unfinished = match tokio::time::timeout(left, self.votes.wait()).await {
            Ok(()) => 0,
            Err(_) => self.votes.len(),
        };
        self.store.close().await;
        unfinished
    }

    /// Forgets idle addresses in the rate limiters, now and then, for as long as the server runs.
    pub fn spawn_limit_cleaner(&self) {
        let limits = Arc::downgrade(&self.limits);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(l) = limits.upgrade() else { return };
                l.reads.forget_idle();
                l.votes.forget_idle();
            }
        });
    }
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
                tracing::error!(%date, page, problem = %why, "impossible score in the database");
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
            tracing::error!(error = %why, "archive unreadable");
            error(StatusCode::INTERNAL_SERVER_ERROR, "archive_unreadable", "the server cannot read its archive")
        }
        Err(StoreError::Database(why)) => {
            tracing::error!(error = %why, "database error");
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
    let client = query.get("client").map(String::as_str);
    if client.is_some_and(|c| !is_client_id(c)) {
        return error(StatusCode::BAD_REQUEST, "bad_client", format!("client must be {CLIENT_ID_RULE}"));
    }
    let result = app.store.read(day, &page, client).await;
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
    let bytes = match tokio::time::timeout(BODY_DEADLINE, axum::body::to_bytes(body, MAX_BODY)).await {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => return too_large(),
        Err(_) => return error(StatusCode::REQUEST_TIMEOUT, "too_slow", "the body did not arrive in time"),
    };
    let Vote { client, score } = match Vote::from_json(&bytes) {
        Ok(v) => v,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.code(), e.message()),
    };
    // On its own task: if the client hangs up now, the vote is still recorded in full (and a
    // stopping server waits for it).
    let store = app.store.clone();
    let task = app.votes.spawn(async move {
        let result = store.vote(day, &page, &client, score).await;
        answer(day, &page, result)
    });
    task.await.unwrap_or_else(|_| error(StatusCode::SERVICE_UNAVAILABLE, "shutting_down", "the server is stopping"))
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

/// Liveness: the process answers.
async fn health() -> Response {
    json_response(StatusCode::OK, &json!({ "status": "ok" }))
}

/// Readiness: the archive can be read and the database answers, and the server is not stopping.
async fn ready(State(app): State<App>) -> Response {
    if app.stop_began.get().is_some() {
        return error(StatusCode::SERVICE_UNAVAILABLE, "shutting_down", "the server is stopping");
    }
    match tokio::time::timeout(READY_DEADLINE, app.store.ready()).await {
        Ok(Ok(())) => json_response(StatusCode::OK, &json!({ "status": "ready" })),
        Ok(Err(why)) => {
            tracing::warn!(error = %why, "not ready");
            error(StatusCode::SERVICE_UNAVAILABLE, "database", "the vote store is unavailable; try again")
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer in time");
            error(StatusCode::SERVICE_UNAVAILABLE, "database", "the vote store is unavailable; try again")
        }
    }
}

/// The per-address limits: `429 rate_limited` with `Retry-After` once an address has used its
/// quota of reads or of votes.
async fn rate_limit(State(app): State<App>, req: Request, next: Next) -> Response {
    let limiter = match *req.method() {
        Method::PUT => &app.limits.votes,
        _ => &app.limits.reads,
    };
    let Some(peer) = serve::peer(&req) else { return next.run(req).await };
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let client = limit::client_address(peer.ip(), forwarded, &app.limits.trusted_proxies);
    match limiter.check(client) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let seconds = limit::retry_after_seconds(wait);
            tracing::debug!(client = %client, method = %req.method(), retry_after = seconds, "rate limited");
            let mut res = error(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("too many requests from this address; try again in {seconds} s"),
            );
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            res
        }
    }
}

/// One debug line per request: method, path, status and time taken.
async fn log_request(req: Request, next: Next) -> Response {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return next.run(req).await;
    }
    let (method, path, peer) = (req.method().clone(), req.uri().path().to_string(), serve::peer(&req));
    let start = Instant::now();
    let res = next.run(req).await;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let peer = peer.map(|p| p.to_string()).unwrap_or_default();
    tracing::debug!(%method, path, status = res.status().as_u16(), ms, peer, "request");
    res
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

/// The server's routes, with CORS for `origins`; the rate limits apply to the page addresses.
pub fn router(app: App, origins: Origins) -> Router {
    let origins = Arc::new(origins);
    let pages = Router::new()
        .route("/{date}/{page}", get(read_score).put(put_vote).fallback(method_not_allowed))
        .route_layer(middleware::from_fn_with_state(app.clone(), rate_limit));
    Router::new()
        .route("/", get(about))
        .route("/healthz", get(health))
        .route("/readyz", get(ready))
        .merge(pages)
        .fallback(not_found)
        .with_state(app)
        .layer(middleware::from_fn_with_state(origins, cors))
        .layer(middleware::from_fn(log_request))
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

//! The client of an optional ratings endpoint (contract: docs/ratings-api.md):
//! `GET {base}{date}/{page}?client=ID` and `PUT {base}{date}/{page}` with `{"client", "score"}`.
//! Every call has a time limit; an answer that is not a possible score is refused.

use super::score::{is_score, Tally};
use gloo_net::http::{Request, Response};
use serde_json::Value;
use std::fmt;
use web_sys::AbortSignal;

/// How long the endpoint may take to answer before the widget falls back and says so.
pub const TIMEOUT_MS: u32 = 5_000;

/// A page's shared score and the reader's own vote in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shared {
    pub tally: Tally,
    pub mine: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Timeout,
    Network,
    Http(u16),
    Invalid(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Timeout => write!(f, "no answer within {} s", TIMEOUT_MS / 1000),
            Failure::Network => f.write_str("no connection"),
            Failure::Http(s) => write!(f, "HTTP {s}"),
            Failure::Invalid(why) => write!(f, "invalid answer: {why}"),
        }
    }
}

/// The address of a page's score. `base` ends in `/` (the configuration sees to it).
pub fn page_url(base: &str, date: &str, page: &str, client: Option<&str>) -> String {
    let mut url = format!("{base}{date}/{}", encode(page));
    if let Some(c) = client {
        url.push_str("?client=");
        url.push_str(&encode(c));
    }
    url
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

pub fn vote_body(client: &str, score: u8) -> String {
    serde_json::json!({ "client": client, "score": score }).to_string()
}

/// Reads an answer: `{"sum": n, "count": n, "mine": 1..5 | null}`, possibly with `date` and
/// `page`, which must then be the ones asked for.
pub fn parse_answer(text: &str, date: &str, page: &str) -> Result<Shared, String> {
    let value: Value = serde_json::from_str(text).map_err(|_| "not JSON".to_string())?;
    let Value::Object(map) = value else {
        return Err("not a JSON object".into());
    };
    let number = |name: &str| map.get(name).and_then(Value::as_u64).ok_or(format!("{name} is not a whole number"));
    let tally = Tally::new(number("sum")?, number("count")?);
    if !tally.is_possible() {
        return Err(format!("{} from {} votes of 1 to 5 is impossible", tally.sum, tally.count));
    }
    let mine = match map.get("mine") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().filter(|n| *n <= 5 && is_score(*n as u8)).ok_or("mine is not 1 to 5")? as u8),
    };
    for (name, asked) in [("date", date), ("page", page)] {
        if let Some(v) = map.get(name) {
            if v.as_str() != Some(asked) {
                return Err(format!("the answer is for another {name}"));
            }
        }
    }
    Ok(Shared { tally, mine })
}

async fn answer(
    request: Result<Request, gloo_net::Error>,
    signal: &AbortSignal,
    date: &str,
    page: &str,
) -> Result<Shared, Failure> {
    let lost = |signal: &AbortSignal| if signal.aborted() { Failure::Timeout } else { Failure::Network };
    let request = request.map_err(|e| Failure::Invalid(e.to_string()))?;
    let response: Response = request.send().await.map_err(|_| lost(signal))?;
    if !response.ok() {
        return Err(Failure::Http(response.status()));
    }
    let text = response.text().await.map_err(|_| lost(signal))?;
    parse_answer(&text, date, page).map_err(Failure::Invalid)
}

/// The shared score of a page, with `client`'s own vote.
pub async fn fetch_score(base: &str, date: &str, page: &str, client: &str) -> Result<Shared, Failure> {
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let url = page_url(base, date, page, Some(client));
    let request = Request::get(&url).abort_signal(Some(&signal)).build();
    answer(request, &signal, date, page).await
}

/// Sends `client`'s vote (replacing an earlier one) and returns the new shared score.
pub async fn send_vote(base: &str, date: &str, page: &str, client: &str, score: u8) -> Result<Shared, Failure> {
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let url = page_url(base, date, page, None);
    let request = Request::put(&url)
        .abort_signal(Some(&signal))
        .header("content-type", "application/json")
        .body(vote_body(client, score));
    let shared = answer(request, &signal, date, page).await?;
    if shared.mine != Some(score) {
        return Err(Failure::Invalid("the answer does not hold the vote sent".into()));
    }
    Ok(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_built_under_the_base() {
        assert_eq!(page_url("https://r.example/v1/", "2016-09-24", "p1", None), "https://r.example/v1/2016-09-24/p1");
        assert_eq!(
            page_url("/ratings/", "2016-09-24", "A 3", Some("abc-123_XYZ")),
            "/ratings/2016-09-24/A+3?client=abc-123_XYZ"
        );
    }

    #[test]
    fn votes_are_sent_as_json() {
        let v: Value = serde_json::from_str(&vote_body("0123456789abcdef", 4)).unwrap();
        assert_eq!(v, serde_json::json!({ "client": "0123456789abcdef", "score": 4 }));
    }

    #[test]
    fn good_answers_are_read() {
        let a = parse_answer(r#"{"date":"2016-09-24","page":"p1","sum":47,"count":11,"mine":5}"#, "2016-09-24", "p1");
        assert_eq!(a, Ok(Shared { tally: Tally::new(47, 11), mine: Some(5) }));
        assert_eq!(
            parse_answer(r#"{"sum":0,"count":0,"mine":null}"#, "d", "p"),
            Ok(Shared { tally: Tally::default(), mine: None })
        );
        assert_eq!(parse_answer(r#"{"sum":3,"count":1}"#, "d", "p").unwrap().mine, None);
    }

    #[test]
    fn malformed_answers_are_refused() {
        for bad in [
            "",
            "<html>502 Bad Gateway</html>",
            "[1,2]",
            r#"{"count":1}"#,
            r#"{"sum":"3","count":1}"#,
            r#"{"sum":3.5,"count":1}"#,
            r#"{"sum":-3,"count":1}"#,
            r#"{"sum":26,"count":5}"#,
            r#"{"sum":3,"count":1,"mine":6}"#,
            r#"{"sum":3,"count":1,"mine":"3"}"#,
            r#"{"sum":3,"count":1,"mine":300}"#,
            r#"{"sum":3,"count":1,"page":"p2"}"#,
            r#"{"sum":3,"count":1,"date":"2016-09-17"}"#,
        ] {
            assert!(parse_answer(bad, "2016-09-24", "p1").is_err(), "{bad:?}");
        }
    }
}

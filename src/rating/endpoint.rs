//! The client of an optional ratings endpoint (contract: docs/ratings-api.md, in code
//! `broadsheet_model::ratings`): `GET {base}{date}/{page}?client=ID` and `PUT {base}{date}/{page}`
//! with a `Vote`. Both go through the reader's one fetch helper with this endpoint's time limit,
//! so they are aborted when the widget goes away; an answer that is not a possible score for
//! the page asked about is refused.

use super::score::Tally;
use crate::fetch::{self, Failure};
use broadsheet_model::ratings::{PageScore, Vote};
use broadsheet_model::Problem;

/// How long the endpoint may take to answer before the widget falls back and says so.
pub const TIMEOUT_MS: u32 = 5_000;

/// A page's shared score and the reader's own vote in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shared {
    pub tally: Tally,
    pub mine: Option<u8>,
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
    serde_json::to_string(&Vote { client: client.into(), score }).expect("a vote is JSON")
}

/// Reads an answer about page `page` of `date` (see `PageScore::from_json`).
pub fn parse_answer(text: &str, date: &str, page: &str) -> Result<Shared, Failure> {
    let score = PageScore::from_json(text, date, page).map_err(|why| Failure::Invalid(vec![Problem::new("", why)]))?;
    Ok(Shared { tally: Tally::new(score.sum, score.count), mine: score.mine })
}

/// The shared score of a page, with `client`'s own vote.
pub async fn fetch_score(base: &str, date: &str, page: &str, client: &str) -> Result<Shared, Failure> {
    let answer = fetch::get(&page_url(base, date, page, Some(client)), TIMEOUT_MS).await?;
    parse_answer(&answer.text, date, page)
}

/// Sends `client`'s vote (replacing an earlier one) and returns the new shared score.
pub async fn send_vote(base: &str, date: &str, page: &str, client: &str, score: u8) -> Result<Shared, Failure> {
    let answer = fetch::put_json(&page_url(base, date, page, None), vote_body(client, score), TIMEOUT_MS).await?;
    let shared = parse_answer(&answer.text, date, page)?;
    held(shared, score)
}

/// A vote is sent only when the answer holds it.
fn held(shared: Shared, score: u8) -> Result<Shared, Failure> {
    if shared.mine != Some(score) {
        return Err(Failure::Invalid(vec![Problem::new("mine", "the answer does not hold the vote sent")]));
    }
    Ok(shared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

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

    /// Which answers are malformed is the contract's (crates/model/tests/ratings.rs lists them);
    /// here, that a refused answer is an invalid answer, with the contract's reason.
    #[test]
    fn a_malformed_answer_is_an_invalid_answer() {
        for bad in ["<html>502 Bad Gateway</html>", r#"{"sum":26,"count":5}"#, r#"{"sum":3,"count":1,"page":"p2"}"#] {
            let why = PageScore::from_json(bad, "2016-09-24", "p1").unwrap_err();
            assert_eq!(
                parse_answer(bad, "2016-09-24", "p1"),
                Err(Failure::Invalid(vec![Problem::new("", why)])),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_answer_to_a_vote_must_hold_it() {
        let shared = |mine| Shared { tally: Tally::new(42, 10), mine };
        assert_eq!(held(shared(Some(5)), 5), Ok(shared(Some(5))));
        assert!(matches!(held(shared(None), 5), Err(Failure::Invalid(_))));
        assert!(matches!(held(shared(Some(4)), 5), Err(Failure::Invalid(_))));
    }
}

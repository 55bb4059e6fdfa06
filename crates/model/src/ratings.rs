//! The ratings endpoint's contract (docs/ratings-api.md), written once for both sides: the reader
//! (`src/rating/`) sends votes and reads answers with these types and rules, and
//! `crates/ratings-server` reads votes and writes answers with them. The wire format is the
//! serde form of [`Vote`] and [`PageScore`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The lowest vote.
pub const MIN_SCORE: u8 = 1;
/// The highest vote.
pub const MAX_SCORE: u8 = 5;

/// Whether `n` is a vote: an integer from 1 to 5.
pub fn is_score(n: u8) -> bool {
    (MIN_SCORE..=MAX_SCORE).contains(&n)
}

/// Whether some votes of 1 to 5 add up to `sum`: `count ≤ sum ≤ 5 × count` (so no points from
/// nobody). The data's baselines, the endpoint's answers and the server's totals all obey it.
pub fn is_possible(sum: u64, count: u64) -> bool {
    count <= sum && sum <= count.saturating_mul(MAX_SCORE as u64)
}

/// The client-id rule in words, for messages that refuse an id.
pub const CLIENT_ID_RULE: &str = "8 to 64 of A-Z a-z 0-9 - _";

/// Whether `s` is a client id: 8 to 64 of `A-Z a-z 0-9 - _` (the reader makes 32 random hex
/// digits). Safe in a URL query and in a log line as it is.
pub fn is_client_id(s: &str) -> bool {
    (8..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A vote, the body of `PUT {base}{date}/{page}`: `{"client": ID, "score": 1..5}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub client: String,
    pub score: u8,
}

/// Why a vote's body is refused: each kind has the contract's error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VoteError {
    /// `bad_json`: not JSON, not an object, or a field other than `client` and `score`.
    Json(String),
    /// `bad_client`: `client` missing, not a string, or not a client id.
    Client(String),
    /// `bad_score`: `score` missing or not an integer from 1 to 5.
    Score(String),
}

impl VoteError {
    /// The error code the contract gives this refusal.
    pub fn code(&self) -> &'static str {
        match self {
            VoteError::Json(_) => "bad_json",
            VoteError::Client(_) => "bad_client",
            VoteError::Score(_) => "bad_score",
        }
    }

    /// What is wrong, for people.
    pub fn message(&self) -> &str {
        match self {
            VoteError::Json(m) | VoteError::Client(m) | VoteError::Score(m) => m,
        }
    }
}

impl Vote {
    /// Reads a vote's body field by field, so that each fault gets its own error code: exactly
    /// `client` and `score`, the client an id, the score an integer 1 to 5 (`4.0` and `"4"` are
    /// refused).
    pub fn from_json(body: &[u8]) -> Result<Vote, VoteError> {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| VoteError::Json(format!("the body is not JSON: {e}")))?;
        let Value::Object(map) = value else {
            return Err(VoteError::Json("the body must be a JSON object {\"client\": ..., \"score\": ...}".into()));
        };
        if let Some(k) = map.keys().find(|k| *k != "client" && *k != "score") {
            return Err(VoteError::Json(format!("unknown field {k:?}; a vote has only \"client\" and \"score\"")));
        }
        let client = match map.get("client") {
            Some(Value::String(c)) if is_client_id(c) => c.clone(),
            Some(Value::String(_)) => return Err(VoteError::Client(format!("client must be {CLIENT_ID_RULE}"))),
            Some(_) => return Err(VoteError::Client("client must be a string".into())),
            None => return Err(VoteError::Client("missing field \"client\"".into())),
        };
        let score = match map.get("score") {
            None => return Err(VoteError::Score("missing field \"score\"".into())),
            Some(v) => v.as_u64().and_then(|n| u8::try_from(n).ok()).filter(|s| is_score(*s)),
        };
        let score = score.ok_or_else(|| VoteError::Score("score must be an integer from 1 to 5".into()))?;
        Ok(Vote { client, score })
    }
}

/// A page's shared score, the answer to both requests:
/// `{"date": …, "page": …, "sum": n, "count": n, "mine": 1..5 | null}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageScore {
    /// The page asked for. Optional in an answer; when present it must be the one asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The sum of all votes.
    pub sum: u64,
    /// How many have voted.
    pub count: u64,
    /// The asking client's own vote: `null` when it did not name itself or has not voted.
    #[serde(default)]
    pub mine: Option<u8>,
}

impl PageScore {
    /// What makes this score impossible, if anything: a sum no votes of 1 to 5 add up to, or an
    /// own vote outside 1 to 5.
    pub fn problem(&self) -> Option<String> {
        if !is_possible(self.sum, self.count) {
            return Some(format!("{} from {} votes of 1 to 5 is impossible", self.sum, self.count));
        }
        if self.mine.is_some_and(|m| !is_score(m)) {
            return Some("mine is not 1 to 5".into());
        }
        None
    }

    /// Reads an endpoint's answer about page `page` of `date`, refusing anything the contract
    /// does not allow: not a JSON object, numbers that are not whole, an impossible score, or
    /// another page's score.
    pub fn from_json(text: &str, date: &str, page: &str) -> Result<PageScore, String> {
        // Through a map, so that an array is refused rather than read field by position.
        let map: Map<String, Value> =
            serde_json::from_str(text).map_err(|e| format!("not a JSON object of a page score: {e}"))?;
        let score: PageScore = serde_json::from_value(Value::Object(map)).map_err(|e| e.to_string())?;
        if let Some(why) = score.problem() {
            return Err(why);
        }
        for (name, given, asked) in [("date", &score.date, date), ("page", &score.page, page)] {
            if given.as_deref().is_some_and(|g| g != asked) {
                return Err(format!("the answer is for another {name}"));
            }
        }
        Ok(score)
    }
}

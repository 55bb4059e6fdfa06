//! The ratings endpoint's contract (docs/ratings-api.md) as both the reader and the reference
//! server apply it: the score range, the possible sums, the client-id rule, and the two messages
//! on the wire, a vote and a page's score.

use broadsheet_model::ratings::{
    is_client_id, is_possible, is_score, PageScore, Vote, VoteError, MAX_SCORE, MIN_SCORE,
};
use serde_json::{json, Value};

#[test]
fn a_vote_is_a_whole_number_from_1_to_5() {
    assert_eq!((MIN_SCORE, MAX_SCORE), (1, 5));
    assert_eq!((0..=255).filter(|n| is_score(*n)).collect::<Vec<u8>>(), vec![1, 2, 3, 4, 5]);
}

#[test]
fn possible_sums_lie_between_one_and_five_points_a_vote() {
    assert!(is_possible(0, 0), "nobody has rated yet");
    assert!(is_possible(42, 10) && is_possible(10, 10) && is_possible(50, 10));
    assert!(!is_possible(9, 10), "less than 1 point a vote");
    assert!(!is_possible(51, 10) && !is_possible(26, 5), "more than 5 points a vote");
    assert!(!is_possible(4, 5));
    assert!(!is_possible(1, 0), "points from nobody");
    // Huge counts neither overflow nor pass wrongly.
    assert!(is_possible(u64::MAX, u64::MAX));
    assert!(is_possible(u64::MAX, u64::MAX / 5 + 1));
    assert!(!is_possible(u64::MAX, u64::MAX / 5 - 1));
}

#[test]
fn client_ids_are_8_to_64_url_safe_characters() {
    assert!(is_client_id("0123456789abcdef0123456789abcdef"));
    assert!(is_client_id("abc-123_XYZ") && is_client_id("abcdefgh") && is_client_id(&"a".repeat(64)));
    assert!(!is_client_id("short") && !is_client_id("1234567") && !is_client_id(&"a".repeat(65)));
    assert!(!is_client_id("has space") && !is_client_id("abc.defgh") && !is_client_id("<script>x</script>"));
    assert!(!is_client_id("abcdefgé") && !is_client_id(""));
}

#[test]
fn votes_go_out_as_two_fields_of_json() {
    let body = serde_json::to_string(&Vote { client: "0123456789abcdef".into(), score: 4 }).unwrap();
    assert_eq!(body, r#"{"client":"0123456789abcdef","score":4}"#);
    assert_eq!(Vote::from_json(body.as_bytes()), Ok(Vote { client: "0123456789abcdef".into(), score: 4 }));
}

#[test]
fn votes_are_checked_field_by_field() {
    assert_eq!(
        Vote::from_json(br#"{"client":"abcdef0123456789","score":3}"#),
        Ok(Vote { client: "abcdef0123456789".into(), score: 3 })
    );
    let code = |b: &[u8]| Vote::from_json(b).unwrap_err().code();
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":0}"#), "bad_score");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":6}"#), "bad_score");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":3.5}"#), "bad_score");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":3.0}"#), "bad_score");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":"3"}"#), "bad_score");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":-1}"#), "bad_score");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":259}"#), "bad_score", "not 3 after a cut to u8");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":null}"#), "bad_score");
    assert_eq!(code(br#"{"client":"abcdef0123456789"}"#), "bad_score");
    assert_eq!(code(br#"{"client":"short","score":3}"#), "bad_client");
    assert_eq!(code(br#"{"client":"has space in it","score":3}"#), "bad_client");
    assert_eq!(code(br#"{"client":42,"score":3}"#), "bad_client");
    assert_eq!(code(br#"{"score":3}"#), "bad_client");
    assert_eq!(code(br#"{"client":"abcdef0123456789","score":3,"x":1}"#), "bad_json");
    assert_eq!(code(br#"[3]"#), "bad_json");
    assert_eq!(code(b"score=3"), "bad_json");
    assert_eq!(code(b""), "bad_json");
    // Each refusal says what is wrong.
    assert_eq!(
        Vote::from_json(br#"{"client":"x","score":3}"#),
        Err(VoteError::Client("client must be 8 to 64 of A-Z a-z 0-9 - _".into()))
    );
    let unknown = Vote::from_json(br#"{"client":"abcdef0123456789","score":3,"weight":9}"#).unwrap_err();
    assert_eq!(unknown.message(), "unknown field \"weight\"; a vote has only \"client\" and \"score\"");
}

#[test]
fn the_server_answers_with_the_page_and_a_null_for_no_vote() {
    let s = PageScore { date: Some("2016-09-24".into()), page: Some("p1".into()), sum: 47, count: 11, mine: None };
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"date":"2016-09-24","page":"p1","sum":47,"count":11,"mine":null}"#
    );
    let bare = PageScore { sum: 3, count: 1, mine: Some(3), ..PageScore::default() };
    assert_eq!(serde_json::to_value(&bare).unwrap(), json!({ "sum": 3, "count": 1, "mine": 3 }));
}

#[test]
fn good_answers_are_read() {
    let a =
        PageScore::from_json(r#"{"date":"2016-09-24","page":"p1","sum":47,"count":11,"mine":5}"#, "2016-09-24", "p1");
    assert_eq!(
        a,
        Ok(PageScore { date: Some("2016-09-24".into()), page: Some("p1".into()), sum: 47, count: 11, mine: Some(5) })
    );
    assert_eq!(
        PageScore::from_json(r#"{"sum":0,"count":0,"mine":null}"#, "d", "p"),
        Ok(PageScore { sum: 0, count: 0, mine: None, ..PageScore::default() })
    );
    assert_eq!(PageScore::from_json(r#"{"sum":3,"count":1}"#, "d", "p").unwrap().mine, None);
    // Fields an endpoint adds beyond the contract are no reason to refuse its answer.
    assert_eq!(PageScore::from_json(r#"{"sum":3,"count":1,"updated":17}"#, "d", "p").unwrap().sum, 3);
    // What the server writes, the reader reads.
    let served =
        PageScore { date: Some("2016-09-24".into()), page: Some("p3".into()), sum: 9, count: 3, mine: Some(2) };
    let text = serde_json::to_string(&served).unwrap();
    assert_eq!(PageScore::from_json(&text, "2016-09-24", "p3"), Ok(served));
}

#[test]
fn malformed_answers_are_refused() {
    for bad in [
        "",
        "<html>502 Bad Gateway</html>",
        "[1,2]",
        r#"["2016-09-24","p1",3,1,null]"#,
        r#"{"count":1}"#,
        r#"{"sum":3}"#,
        r#"{"sum":"3","count":1}"#,
        r#"{"sum":3.5,"count":1}"#,
        r#"{"sum":3.0,"count":1}"#,
        r#"{"sum":-3,"count":1}"#,
        r#"{"sum":26,"count":5}"#,
        r#"{"sum":1,"count":0}"#,
        r#"{"sum":3,"count":1,"mine":0}"#,
        r#"{"sum":3,"count":1,"mine":6}"#,
        r#"{"sum":3,"count":1,"mine":"3"}"#,
        r#"{"sum":3,"count":1,"mine":300}"#,
        r#"{"sum":3,"count":1,"page":"p2"}"#,
        r#"{"sum":3,"count":1,"page":1}"#,
        r#"{"sum":3,"count":1,"date":"2016-09-17"}"#,
        r#"{"sum":3,"count":1} trailing"#,
    ] {
        assert!(PageScore::from_json(bad, "2016-09-24", "p1").is_err(), "{bad:?}");
    }
    let why = |text: &str| PageScore::from_json(text, "2016-09-24", "p1").unwrap_err();
    assert_eq!(why(r#"{"sum":26,"count":5}"#), "26 from 5 votes of 1 to 5 is impossible");
    assert_eq!(why(r#"{"sum":3,"count":1,"date":"2016-09-17"}"#), "the answer is for another date");
    assert_eq!(why(r#"{"sum":3,"count":1,"page":"p2"}"#), "the answer is for another page");
}

#[test]
fn a_score_names_its_own_problem() {
    assert_eq!(PageScore { sum: 42, count: 10, mine: Some(5), ..PageScore::default() }.problem(), None);
    assert!(PageScore { sum: 42, count: 10, mine: Some(6), ..PageScore::default() }.problem().is_some());
    assert!(PageScore { sum: 9, count: 10, mine: None, ..PageScore::default() }.problem().is_some());
    // The JSON a test would compare against stays what the contract documents.
    let v: Value = serde_json::to_value(PageScore::default()).unwrap();
    assert_eq!(v, json!({ "sum": 0, "count": 0, "mine": null }));
}

//! `is_cut_off`: JSON that stops before its end (a broken download) told apart from JSON that is
//! wrong, by serde_json's own end-of-input error.

use broadsheet_model::is_cut_off;

#[test]
fn every_prefix_of_a_file_is_cut_off_and_the_whole_file_is_not() {
    // Escaped quotes and a bracket inside a string must not fool it.
    let whole = r#"{"version":1,"pages":[{"id":"p1","name":"要闻 \"一\" {","rating":{"sum":42,"count":10},"x":[true,null,-1.5e3]}]}"#;
    for end in 1..whole.len() {
        if whole.is_char_boundary(end) {
            assert!(is_cut_off(&whole[..end]), "{:?}", &whole[..end]);
        }
    }
    assert!(!is_cut_off(whole));
    assert!(!is_cut_off(" [1, 2]\n"));
}

#[test]
fn bad_json_is_not_a_cut_off_file() {
    assert!(!is_cut_off(r#"{"a": 1}}"#), "one bracket too many is bad data");
    assert!(!is_cut_off(r#"{"a": tru}"#));
    assert!(!is_cut_off(r#"{"a": 1,}"#));
    assert!(!is_cut_off(r#"{"a" 1"#), "wrong before the end");
    assert!(!is_cut_off("<html>"));
    assert!(!is_cut_off(r#"{"a": 1} {"b""#), "a second value after a whole one");
    assert!(!is_cut_off("[1 -"), "a missing comma, then the end");
    assert!(!is_cut_off("-"), "not an object or array");
}

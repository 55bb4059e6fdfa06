//! Why a data file that arrived is not data: plain Rust, tested natively. A file that does not
//! parse is told apart by what the answer looks like, because each calls for a different fix:
//! a web page instead of JSON (a captive portal, a host's fallback page) is a network or hosting
//! problem; JSON that stops midway is a broken download; anything else is the publisher's data.

use crate::fetch::Failure;
use broadsheet_model::{is_cut_off, Problem};

/// A Content-Type header without its parameters, in lower case: `text/html`.
fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Whether a Content-Type header names JSON (`application/json`, `text/json`, `…+json`).
pub fn is_json_type(content_type: &str) -> bool {
    let essence = essence(content_type);
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// The first character that is not white space or a byte-order mark.
fn first_char(text: &str) -> Option<char> {
    text.chars().find(|c| !c.is_whitespace() && *c != '\u{feff}')
}

/// The failure for an answer whose body did not parse as `T`: a wrong kind of file when the
/// server said it is not JSON and the body does not start like JSON; a cut-off download when the
/// JSON stops midway; otherwise the problems the parser and validator found.
pub fn unparsed(content_type: Option<&str>, text: &str, problems: Vec<Problem>) -> Failure {
    let starts_like_json = matches!(first_char(text), Some('{' | '['));
    match content_type {
        Some(t) if !is_json_type(t) && !starts_like_json => Failure::NotData(essence(t)),
        None if !starts_like_json => Failure::NotData(String::new()),
        // serde_json reads no byte-order mark; a cut-off file with one is still cut off.
        _ if starts_like_json && is_cut_off(text.trim_start_matches('\u{feff}')) => Failure::Truncated,
        _ => Failure::Invalid(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems() -> Vec<Problem> {
        vec![Problem::new("", "not valid JSON")]
    }

    #[test]
    fn json_types_are_recognised() {
        assert!(is_json_type("application/json"));
        assert!(is_json_type("Application/JSON; charset=utf-8"));
        assert!(is_json_type("application/ld+json"));
        assert!(is_json_type("text/json"));
        assert!(!is_json_type("text/html; charset=utf-8"));
        assert!(!is_json_type("text/plain"));
        assert!(!is_json_type(""));
    }

    #[test]
    fn cut_off_json_is_told_apart_from_bad_json() {
        let whole = r#"{"version":1,"pages":[{"id":"p1","name":"要闻 \"一\" {"}]}"#;
        let json = Some("application/json");
        for end in 1..whole.len() {
            if whole.is_char_boundary(end) {
                assert_eq!(unparsed(json, &whole[..end], problems()), Failure::Truncated, "{:?}", &whole[..end]);
                let with_bom = format!("\u{feff}{}", &whole[..end]);
                assert_eq!(unparsed(json, &with_bom, problems()), Failure::Truncated, "{with_bom:?}");
            }
        }
        let invalid = Failure::Invalid(problems());
        // Whole files that the parser refuses are the publisher's data, whatever their brackets.
        assert_eq!(unparsed(json, whole, problems()), invalid);
        assert_eq!(unparsed(json, "\u{feff} [1, 2]\n", problems()), invalid);
        assert_eq!(unparsed(json, r#"{"a": 1}}"#, problems()), invalid, "one bracket too many is bad data");
        assert_eq!(unparsed(json, r#"{"a": tru}"#, problems()), invalid);
        assert_eq!(unparsed(json, "<html>", problems()), invalid);
        assert_eq!(unparsed(json, "", problems()), invalid, "an empty file is no cut-off object");
        assert_eq!(unparsed(json, r#""an unfinished string"#, problems()), invalid);
    }

    #[test]
    fn a_web_page_instead_of_data_says_so() {
        let page = "<!doctype html><title>Sign in</title>";
        assert_eq!(unparsed(Some("text/html; charset=utf-8"), page, problems()), Failure::NotData("text/html".into()));
        assert_eq!(unparsed(None, page, problems()), Failure::NotData(String::new()));
        // Served as JSON, it is the publisher's bad data, reported by the parser.
        assert_eq!(unparsed(Some("application/json"), page, problems()), Failure::Invalid(problems()));
    }

    #[test]
    fn the_body_decides_over_a_wrong_type_when_it_is_json() {
        assert_eq!(unparsed(Some("text/html"), r#"{"version": 1, "pages": ["#, problems()), Failure::Truncated);
        assert_eq!(unparsed(Some("application/json"), r#"{"version": 1, "pa"#, problems()), Failure::Truncated);
        assert_eq!(unparsed(Some("text/plain"), r#"{"version": 2}"#, problems()), Failure::Invalid(problems()));
    }
}

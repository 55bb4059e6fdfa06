//! Why a data file that arrived is not data: plain Rust, tested natively. A file that does not
//! parse is told apart by what the answer looks like, because each calls for a different fix:
//! a web page instead of JSON (a captive portal, a host's fallback page) is a network or hosting
//! problem; JSON that stops midway is a broken download; anything else is the publisher's data.

use super::api::Failure;
use broadsheet_model::Problem;

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

/// Whether `text` is the start of a JSON object or array that stops before its end: brackets
/// still open, or a string still open, once the text runs out.
pub fn looks_truncated(text: &str) -> bool {
    if !matches!(first_char(text), Some('{' | '[')) {
        return false;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            // A surplus closing bracket is bad data, not a short file; the parser says where.
            b'}' | b']' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth > 0 || in_string
}

/// The failure for an answer whose body did not parse as `T`: a wrong kind of file when the
/// server said it is not JSON and the body does not start like JSON; a cut-off download when the
/// JSON stops midway; otherwise the problems the parser and validator found.
pub fn unparsed(content_type: Option<&str>, text: &str, problems: Vec<Problem>) -> Failure {
    let starts_like_json = matches!(first_char(text), Some('{' | '['));
    match content_type {
        Some(t) if !is_json_type(t) && !starts_like_json => Failure::NotData(essence(t)),
        None if !starts_like_json => Failure::NotData(String::new()),
        _ if looks_truncated(text) => Failure::Truncated,
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
        for end in 1..whole.len() {
            if whole.is_char_boundary(end) {
                assert!(looks_truncated(&whole[..end]), "{:?}", &whole[..end]);
            }
        }
        assert!(!looks_truncated(whole));
        assert!(!looks_truncated("\u{feff} [1, 2]\n"));
        assert!(!looks_truncated(r#"{"a": 1}}"#), "one bracket too many is bad data");
        assert!(!looks_truncated(r#"{"a": tru}"#));
        assert!(!looks_truncated("<html>"));
        assert!(!looks_truncated(""));
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

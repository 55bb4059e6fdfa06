//! Which addresses the data may use: http(s) and relative URLs only.

/// Checks an address from the data. Returns why it is refused, if it is.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("address is empty".into());
    }
    // Browsers drop tabs, newlines and leading spaces before reading the scheme, so
    // "java\tscript:" would still run: refuse every control character and whitespace.
    if let Some(c) = url.chars().find(|c| c.is_control() || c.is_whitespace() || *c == '\\') {
        return Err(format!("address contains the character {c:?}"));
    }
    if url.len() > 2048 {
        return Err(format!("address is {} bytes long, at most 2048 are allowed", url.len()));
    }
    match scheme(url) {
        None => Ok(()),
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Ok(()),
        Some(s) => Err(format!("scheme \"{s}:\" is not allowed, only http, https and relative addresses")),
    }
}

/// What stands before the first `:` when that `:` comes before any `/`, `?` or `#`: the scheme
/// to a browser (or something no browser should be handed, like `1:x`).
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    (url.as_bytes()[end] == b':').then(|| &url[..end])
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn allows_http_and_relative() {
        for ok in [
            "p1.svg",
            "../2016/p1.png",
            "/epaper/p1.png",
            "https://cdn.example.org/p1.jpg",
            "HTTP://x.org/a",
            "//cdn.example.org/p.png",
            "a/b:c.png",
            "?x=1",
            "#top",
        ] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_other_schemes_and_tricks() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<b>",
            "java\tscript:x",
            " javascript:x",
            "vbscript:x",
            "file:///etc/passwd",
            "",
            "a\\b",
            "1:abc",
        ] {
            assert!(check_url(bad).is_err(), "{bad:?}");
        }
    }
}

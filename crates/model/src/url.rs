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

/// The origin of an absolute http(s) address, as browsers write it: `https://cdn.example.org`,
/// scheme and host in lower case, without user name, path or the scheme's default port. `None` for
/// a relative address or another scheme.
pub fn origin_of(url: &str) -> Option<String> {
    let s = scheme(url)?.to_ascii_lowercase();
    if s != "http" && s != "https" {
        return None;
    }
    let rest = url[s.len() + 1..].strip_prefix("//")?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h).to_ascii_lowercase();
    let default = if s == "https" { ":443" } else { ":80" };
    let host_port = host_port.strip_suffix(default).unwrap_or(&host_port);
    (!host_port.is_empty()).then(|| format!("{s}://{host_port}"))
}

/// Checks an origin as the manifest and the host page declare them: `https://host[:port]`.
pub fn check_origin(origin: &str) -> Result<(), String> {
    match origin_of(origin) {
        Some(o) if o == origin.trim_end_matches('/').to_ascii_lowercase() => Ok(()),
        _ => Err(format!("{origin:?} is not an origin: write scheme and host only, e.g. https://img.example.org")),
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
    use super::{check_origin, check_url, origin_of};

    #[test]
    fn origins_as_browsers_write_them() {
        assert_eq!(origin_of("https://CDN.example.org/p1.jpg?x#y").as_deref(), Some("https://cdn.example.org"));
        assert_eq!(origin_of("http://169.254.169.254/latest").as_deref(), Some("http://169.254.169.254"));
        assert_eq!(origin_of("https://user:pw@a.org:443/x").as_deref(), Some("https://a.org"));
        assert_eq!(origin_of("http://a.org:8080").as_deref(), Some("http://a.org:8080"));
        assert_eq!(origin_of("HTTPS://a.org:80/").as_deref(), Some("https://a.org:80"));
        for none in ["p1.jpg", "//evil.example/x.png", "javascript:x", "https:/x", "https://"] {
            assert_eq!(origin_of(none), None, "{none}");
        }
        assert!(check_origin("https://img.example.org").is_ok());
        assert!(check_origin("https://img.example.org/").is_ok());
        assert!(check_origin("https://img.example.org/photos").is_err());
        assert!(check_origin("img.example.org").is_err());
    }

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

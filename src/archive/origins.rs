//! Where the data may point: the origins the reader loads images and PDFs from. Data naming
//! another origin (a tracking pixel, `http://169.254.169.254/…` on the reader's own network) is
//! left out and said, never requested. Plain Rust, no web types: addresses come in resolved.
//!
//! The rule: the archive's own origin (where `archive.json` is) and the reader's (the host page)
//! always; then the host page's `data-allowed-origins` when it says (`*` for any http(s)), else
//! the origins the manifest declares (`origins` in archive.json, e.g. an image CDN). A portal that
//! cannot trust its archive's manifest names the origins itself.

use broadsheet_model::url::{check_origin, origin_of};

#[derive(Clone, Debug, PartialEq)]
pub enum AllowedOrigins {
    Any,
    Only(Vec<String>),
}

impl AllowedOrigins {
    /// The rule for an archive at `archive_url` read on a page at `page_url`, from the host
    /// element's `attribute` and the manifest's `declared` origins.
    pub fn new(attribute: Option<&str>, archive_url: &str, page_url: &str, declared: &[String]) -> AllowedOrigins {
        let listed: Vec<&str> = match attribute {
            Some(a) if a.split([' ', ',']).any(|o| o.trim() == "*") => return AllowedOrigins::Any,
            Some(a) => a.split([' ', ',']).filter(|o| !o.trim().is_empty()).collect(),
            None => declared.iter().map(String::as_str).collect(),
        };
        let mut origins: Vec<String> = [archive_url, page_url].into_iter().filter_map(origin_of).collect();
        // Entries that are not origins (a path, a typo) allow nothing.
        origins.extend(listed.into_iter().filter(|o| check_origin(o).is_ok()).filter_map(origin_of));
        broadsheet_model::sort::sort(&mut origins);
        origins.dedup();
        AllowedOrigins::Only(origins)
    }

    /// Whether the data may load from `url` (resolved, absolute): why not, if not.
    pub fn check(&self, url: &str) -> Result<(), String> {
        let Some(origin) = origin_of(url) else {
            return Err("only http and https addresses are loaded".into());
        };
        match self {
            AllowedOrigins::Any => Ok(()),
            AllowedOrigins::Only(list) if list.contains(&origin) => Ok(()),
            AllowedOrigins::Only(_) => Err(format!(
                "{origin} is not among the origins this archive's data may use (see `origins` in archive.json and data-allowed-origins)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVE: &str = "https://cdn.example.com/epaper/data/archive.json";
    const PAGE: &str = "https://portal.example.org/news/";

    #[test]
    fn by_default_the_archive_the_page_and_the_declared_origins() {
        let rule = AllowedOrigins::new(None, ARCHIVE, PAGE, &["https://img.example.net".into()]);
        for ok in [
            "https://cdn.example.com/x/p1.jpg",
            "https://portal.example.org/a.png",
            "https://IMG.example.net:443/p.jpg",
        ] {
            assert_eq!(rule.check(ok), Ok(()), "{ok}");
        }
        for bad in [
            "https://evil.example/x.png",
            "http://169.254.169.254/latest/meta-data",
            "http://cdn.example.com/p1.jpg",
            "https://cdn.example.com:8443/p1.jpg",
            "javascript:alert(1)",
        ] {
            assert!(rule.check(bad).is_err(), "{bad}");
        }
        let why = rule.check("https://evil.example/x.png").unwrap_err();
        assert!(why.starts_with("https://evil.example is not among the origins"), "{why}");
    }

    #[test]
    fn the_host_page_overrides_the_manifest() {
        let declared = ["https://evil.example".to_string()];
        let rule =
            AllowedOrigins::new(Some("https://img.example.net, https://b.example.net"), ARCHIVE, PAGE, &declared);
        assert!(rule.check("https://evil.example/x.png").is_err(), "the manifest's list is not read");
        assert!(rule.check("https://b.example.net/x.png").is_ok());
        assert!(rule.check("https://cdn.example.com/p1.jpg").is_ok(), "the archive's own origin always");
        assert_eq!(AllowedOrigins::new(Some("* "), ARCHIVE, PAGE, &[]), AllowedOrigins::Any);
        assert!(AllowedOrigins::Any.check("https://anywhere.example/x").is_ok());
        assert!(AllowedOrigins::Any.check("data:text/html,x").is_err());
        // An entry with a path is not an origin and allows nothing.
        let rule = AllowedOrigins::new(Some("https://img.example.net/photos"), ARCHIVE, PAGE, &[]);
        assert!(rule.check("https://img.example.net/photos/x.jpg").is_err());
    }
}

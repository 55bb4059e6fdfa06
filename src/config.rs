//! Where the reader gets its settings: attributes on its host element, e.g.
//! `<div data-broadsheet data-archive="/epaper/data/" data-lang="en">`. Plain Rust, no web types.

use crate::i18n::Lang;

/// Where the archive lives when the host element does not say: beside the app.
pub const DEFAULT_ARCHIVE: &str = "data/";

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The archive folder, absolute or relative to the host page.
    pub archive: String,
    /// Interface language; `None` follows the archive's language.
    pub lang: Option<Lang>,
    /// Where the reading state lives in the page's URL.
    pub url_mode: UrlMode,
    /// A ratings endpoint (`data-ratings`, see docs/ratings-api.md) for shared page scores;
    /// `None` keeps votes in the browser only. Ends in `/`.
    pub ratings: Option<String>,
    /// The name of an ad slot for the host page to fill (`data-ad-slot`); `None`: no slot.
    pub ad_slot: Option<String>,
}

/// Where the reader keeps its state in the address: the query string (standalone, the default),
/// the fragment (embedded in a page that owns its query), or nowhere (the host URL is untouched).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum UrlMode {
    #[default]
    Query,
    Fragment,
    Off,
}

impl UrlMode {
    pub fn parse(s: &str) -> Option<UrlMode> {
        match s.trim() {
            "query" => Some(UrlMode::Query),
            "fragment" | "hash" => Some(UrlMode::Fragment),
            "off" | "none" => Some(UrlMode::Off),
            _ => None,
        }
    }
}

impl Config {
    /// Reads the settings from the host element's attributes (`None` where absent).
    pub fn from_attributes(archive: Option<String>, lang: Option<String>, url_mode: Option<String>) -> Config {
        let archive = archive
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| DEFAULT_ARCHIVE.to_string());
        // A folder must end in '/' so that archive.json resolves inside it, not beside it.
        let archive = if archive.ends_with('/') { archive } else { format!("{archive}/") };
        Config {
            archive,
            lang: lang.as_deref().and_then(Lang::from_tag),
            url_mode: url_mode.as_deref().and_then(UrlMode::parse).unwrap_or_default(),
            ratings: None,
            ad_slot: None,
        }
    }

    /// Adds the ratings endpoint from `data-ratings`: a folder-like address, absolute or
    /// relative to the host page; blank means none.
    pub fn with_ratings(mut self, endpoint: Option<String>) -> Config {
        self.ratings = endpoint.map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).map(|e| {
            if e.ends_with('/') { e } else { format!("{e}/") }
        });
        self
    }

    /// Adds the ad slot from `data-ad-slot`: present means a slot, its value names it.
    pub fn with_ad_slot(mut self, name: Option<String>) -> Config {
        self.ad_slot = name.map(|n| {
            let n = n.trim();
            if n.is_empty() { "ad".to_string() } else { n.to_string() }
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_normalises_the_archive_folder() {
        let c = Config::from_attributes(None, None, None);
        assert_eq!(c.archive, "data/");
        assert_eq!(c.lang, None);
        assert_eq!(Config::from_attributes(Some(" /epaper/data ".into()), None, None).archive, "/epaper/data/");
        assert_eq!(Config::from_attributes(Some("".into()), Some("en-GB".into()), None).lang, Some(Lang::En));
        assert_eq!(Config::from_attributes(None, Some("klingon".into()), None).lang, None);
        assert_eq!(c.url_mode, UrlMode::Query);
        assert_eq!(Config::from_attributes(None, None, Some("fragment".into())).url_mode, UrlMode::Fragment);
        assert_eq!(Config::from_attributes(None, None, Some("off".into())).url_mode, UrlMode::Off);
        assert_eq!(Config::from_attributes(None, None, Some("?".into())).url_mode, UrlMode::Query);
    }

    #[test]
    fn ratings_endpoint_and_ad_slot_are_optional() {
        let c = Config::from_attributes(None, None, None);
        assert_eq!((c.ratings.clone(), c.ad_slot.clone()), (None, None));
        let with = |r: &str| c.clone().with_ratings(Some(r.into())).ratings;
        assert_eq!(with(" https://r.example/v1 "), Some("https://r.example/v1/".into()));
        assert_eq!(with("/ratings/"), Some("/ratings/".into()));
        assert_eq!(with("  "), None);
        assert_eq!(c.clone().with_ratings(None).ratings, None);
        assert_eq!(c.clone().with_ad_slot(Some("page-foot".into())).ad_slot, Some("page-foot".into()));
        assert_eq!(c.clone().with_ad_slot(Some("".into())).ad_slot, Some("ad".into()));
        assert_eq!(c.with_ad_slot(None).ad_slot, None);
    }
}

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
    /// The optional widgets shown (`data-widgets`); all of them unless the host element says.
    pub widgets: Vec<Widget>,
    /// Bytes kept for offline reading at most (`data-offline-limit`, in MB); 0 turns it off.
    pub offline_limit: u64,
    /// The origins the data may load images and PDFs from (`data-allowed-origins`: origins
    /// separated by spaces or commas, or `*` for any); `None` trusts the manifest's `origins`.
    pub allowed_origins: Option<String>,
}

/// The parts of the reader a portal may leave out (`data-widgets="calendar ranking"` shows only
/// those); the page, its map, the titles and the article are always there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Widget {
    Calendar,
    Search,
    Pages,
    Rating,
    Ranking,
    Footer,
}

impl Widget {
    pub const ALL: [Widget; 6] =
        [Widget::Calendar, Widget::Search, Widget::Pages, Widget::Rating, Widget::Ranking, Widget::Footer];

    /// Its name in `data-widgets`, and in the class `bs-no-{name}` that hides it.
    pub fn name(self) -> &'static str {
        match self {
            Widget::Calendar => "calendar",
            Widget::Search => "search",
            Widget::Pages => "pages",
            Widget::Rating => "rating",
            Widget::Ranking => "ranking",
            Widget::Footer => "footer",
        }
    }

    pub fn parse(s: &str) -> Option<Widget> {
        Widget::ALL.into_iter().find(|w| w.name() == s.trim().to_ascii_lowercase())
    }
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

/// The default limit of what offline reading keeps: 200 MB.
pub const DEFAULT_OFFLINE_LIMIT: u64 = 200 * 1_000_000;

/// The limit from `data-offline-limit`: megabytes, or a number with MB or GB (one decimal
/// place at most); `0` turns offline reading off; anything unreadable keeps the default.
pub fn parse_offline_limit(value: Option<&str>) -> u64 {
    let Some(v) = value.map(|v| v.trim().to_ascii_lowercase()) else { return DEFAULT_OFFLINE_LIMIT };
    let (number, unit) = match v.strip_suffix("gb") {
        Some(n) => (n.trim(), 1_000_000_000),
        None => (v.strip_suffix("mb").unwrap_or(&v).trim(), 1_000_000),
    };
    let (whole, tenths) = number.split_once('.').unwrap_or((number, "0"));
    match (whole.parse::<u64>(), tenths.parse::<u64>()) {
        (Ok(w), Ok(t)) if t < 10 => w.saturating_mul(unit).saturating_add(t * unit / 10),
        _ => DEFAULT_OFFLINE_LIMIT,
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
            widgets: Widget::ALL.to_vec(),
            offline_limit: DEFAULT_OFFLINE_LIMIT,
            allowed_origins: None,
        }
    }

    /// Which optional widgets show, from `data-widgets`: names separated by spaces or commas
    /// (unknown ones ignored); `all`, or no attribute, shows every one; `none` (or an empty
    /// value) shows none of them.
    pub fn with_widgets(mut self, list: Option<String>) -> Config {
        let Some(list) = list else { return self };
        let names: Vec<&str> = list.split([' ', ',', '\t', '\n']).filter(|n| !n.is_empty()).collect();
        self.widgets = if names.iter().any(|n| n.eq_ignore_ascii_case("all")) {
            Widget::ALL.to_vec()
        } else {
            Widget::ALL.into_iter().filter(|w| names.iter().any(|n| Widget::parse(n) == Some(*w))).collect()
        };
        self
    }

    pub fn shows(&self, widget: Widget) -> bool {
        self.widgets.contains(&widget)
    }

    /// The classes on the reader's root that hide the widgets left out: `bs-no-calendar` etc.
    pub fn hidden_classes(&self) -> String {
        Widget::ALL
            .into_iter()
            .filter(|w| !self.shows(*w))
            .map(|w| format!("bs-no-{}", w.name()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Adds the ratings endpoint from `data-ratings`: a folder-like address, absolute or
    /// relative to the host page; blank means none.
    pub fn with_ratings(mut self, endpoint: Option<String>) -> Config {
        self.ratings = endpoint.map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).map(|e| {
            if e.ends_with('/') {
                e
            } else {
                format!("{e}/")
            }
        });
        self
    }

    /// Sets the offline limit from `data-offline-limit` (see `parse_offline_limit`).
    pub fn with_offline_limit(mut self, limit: Option<String>) -> Config {
        self.offline_limit = parse_offline_limit(limit.as_deref());
        self
    }

    /// Sets the origins the data may use from `data-allowed-origins` (see `archive::origins`).
    pub fn with_allowed_origins(mut self, origins: Option<String>) -> Config {
        self.allowed_origins = origins;
        self
    }

    /// Adds the ad slot from `data-ad-slot`: present means a slot, its value names it.
    pub fn with_ad_slot(mut self, name: Option<String>) -> Config {
        self.ad_slot = name.map(|n| {
            let n = n.trim();
            if n.is_empty() {
                "ad".to_string()
            } else {
                n.to_string()
            }
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_reads_megabytes_and_gigabytes() {
        assert_eq!(parse_offline_limit(None), 200_000_000);
        assert_eq!(parse_offline_limit(Some("50")), 50_000_000);
        assert_eq!(parse_offline_limit(Some(" 1.5 GB")), 1_500_000_000);
        assert_eq!(parse_offline_limit(Some("300mb")), 300_000_000);
        assert_eq!(parse_offline_limit(Some("0")), 0);
        assert_eq!(parse_offline_limit(Some("2.55GB")), DEFAULT_OFFLINE_LIMIT);
        assert_eq!(parse_offline_limit(Some("lots")), DEFAULT_OFFLINE_LIMIT);
        assert_eq!(parse_offline_limit(Some("-5")), DEFAULT_OFFLINE_LIMIT);
    }

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

    #[test]
    fn widgets_show_unless_the_host_element_leaves_them_out() {
        let c = Config::from_attributes(None, None, None);
        assert!(Widget::ALL.iter().all(|w| c.shows(*w)));
        assert_eq!(c.hidden_classes(), "");
        let only = c.clone().with_widgets(Some("calendar, Ranking  bogus".into()));
        assert_eq!(only.widgets, [Widget::Calendar, Widget::Ranking]);
        assert_eq!(only.hidden_classes(), "bs-no-search bs-no-pages bs-no-rating bs-no-footer");
        assert_eq!(c.clone().with_widgets(Some("".into())).widgets, []);
        assert_eq!(c.clone().with_widgets(Some("none".into())).widgets, []);
        assert_eq!(c.clone().with_widgets(Some("all".into())).widgets, Widget::ALL);
        assert_eq!(c.clone().with_widgets(None).widgets, Widget::ALL);
        assert_eq!(Widget::parse(" FOOTER "), Some(Widget::Footer));
    }

    #[test]
    fn offline_reading_has_a_limit_that_zero_turns_off() {
        let c = Config::from_attributes(None, None, None);
        assert_eq!(c.offline_limit, 200_000_000);
        assert_eq!(c.clone().with_offline_limit(Some("50".into())).offline_limit, 50_000_000);
        assert_eq!(c.with_offline_limit(Some("0".into())).offline_limit, 0);
    }
}

//! The archive: a root manifest (`archive.json`) and one index per month.

use crate::date::{Day, YearMonth};
use serde::{Deserialize, Serialize};

/// The root manifest, `archive.json`: small, short-lived in caches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub version: u32,
    pub paper: Paper,
    /// The first and the last issue dates of the archive.
    pub first: Day,
    pub last: Day,
    /// Where month indexes live, relative to this file, with `{yyyy}` and `{mm}`.
    pub months: String,
    /// Where issue files live, relative to this file, with `{yyyy}`, `{mm}` and `{dd}`.
    pub issues: String,
    /// Months between `first` and `last` that have no issue and so no index file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub empty_months: Vec<YearMonth>,
    /// The folder of the whole-archive search index (`broadsheet-kit search-index`), relative to
    /// this file, e.g. `search/`; none: the archive has no index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// The files a first whole-archive search reads before any other, relative to `search`: the
    /// engine's start-up files and the newest shard's (`broadsheet-kit search-index` writes
    /// them). The reader asks for them together with the shard list, a round trip sooner than
    /// the list alone would let it; none: it waits for the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub search_start: Vec<String>,
    /// Other origins the data may load images and PDFs from (an image CDN), e.g.
    /// `https://img.example.org`; the archive's own origin needs no mention. A host page's
    /// `data-allowed-origins` overrides this list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    /// The paper's name, e.g. 中国妇女报.
    pub name: String,
    /// The masthead's title where it differs from the name, e.g. 中国妇女报数字报纸.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The serial number as printed, e.g. CN11-0003.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// BCP 47 language tag of the paper, e.g. `zh-CN` or `en`.
    pub language: String,
    /// The publisher's footer line(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The copyright notice (版权声明) text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// One month's index, e.g. `months/2016-09.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthIndex {
    pub version: u32,
    pub month: YearMonth,
    pub issues: Vec<MonthEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthEntry {
    pub date: Day,
    pub pages: u32,
    /// The lead headline of the issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
}

fn fill(template: &str, year: i32, month: u8, day: Option<u8>) -> String {
    let mut s = template.replace("{yyyy}", &format!("{year:04}")).replace("{mm}", &format!("{month:02}"));
    if let Some(d) = day {
        s = s.replace("{dd}", &format!("{d:02}"));
    }
    s
}

impl Archive {
    /// The month index's address, relative to the manifest.
    pub fn month_path(&self, m: YearMonth) -> String {
        fill(&self.months, m.year, m.number(), None)
    }

    /// The issue file's address, relative to the manifest.
    pub fn issue_path(&self, d: Day) -> String {
        fill(&self.issues, d.year(), d.month(), Some(d.day()))
    }

    /// Whether a month lies inside the archive's date range.
    pub fn covers(&self, m: YearMonth) -> bool {
        self.first.year_month() <= m && m <= self.last.year_month()
    }
}

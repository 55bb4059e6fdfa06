//! The whole-archive search in the address: its scope (`in=archive`), date range (`from`, `to`),
//! filters (`month`, `section`, `pno` for the page number) and order (`sort`). The query itself is
//! the reading state's `q`, shared with the search within the issue.

use broadsheet_model::Day;

/// The keys this part of the state owns (the host page's own keys are kept beside them).
pub const KEYS: [&str; 7] = ["in", "from", "to", "sort", "month", "section", "pno"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub fn key(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    pub fn from_key(s: &str) -> Option<Sort> {
        [Sort::Relevance, Sort::Newest, Sort::Oldest].into_iter().find(|o| o.key() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Scope {
    /// Search the whole archive, not the open issue.
    pub archive: bool,
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub sort: Sort,
    /// Filters, as the index writes their values: `2016-08`, a section name, a page number.
    pub month: Option<String>,
    pub section: Option<String>,
    pub page: Option<String>,
}

impl Scope {
    /// Takes one key of the address; false when it is not one of ours (or its value is unusable,
    /// which is then ignored: a bad date or order in a shared link must not stop the reader).
    pub fn read(&mut self, key: &str, value: &str) -> bool {
        let text = || (!value.is_empty()).then(|| value.chars().take(100).collect::<String>());
        match key {
            "in" => self.archive = value == "archive",
            "from" => self.from = Day::parse(value).ok(),
            "to" => self.to = Day::parse(value).ok(),
            "sort" => self.sort = Sort::from_key(value).unwrap_or_default(),
            "month" => self.month = text(),
            "section" => self.section = text(),
            "pno" => self.page = text(),
            _ => return false,
        }
        true
    }

    /// The pairs to write, in a fixed order; nothing at all for the search within the issue.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        if !self.archive {
            return Vec::new();
        }
        let mut out = vec![("in", "archive".to_string())];
        out.extend(self.from.map(|d| ("from", d.to_string())));
        out.extend(self.to.map(|d| ("to", d.to_string())));
        if self.sort != Sort::Relevance {
            out.push(("sort", self.sort.key().to_string()));
        }
        out.extend(self.month.clone().map(|v| ("month", v)));
        out.extend(self.section.clone().map(|v| ("section", v)));
        out.extend(self.page.clone().map(|v| ("pno", v)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip_and_bad_values_fall_back() {
        let s = Scope {
            archive: true,
            from: Day::parse("2016-08-01").ok(),
            to: Day::parse("2016-09-30").ok(),
            sort: Sort::Oldest,
            month: Some("2016-08".into()),
            section: Some("家庭".into()),
            page: Some("04".into()),
        };
        let mut back = Scope::default();
        for (k, v) in s.pairs() {
            assert!(back.read(k, &v));
        }
        assert_eq!(back, s);
        let mut bad = Scope::default();
        assert!(bad.read("from", "2016-02-30") && bad.read("sort", "random") && bad.read("in", "x"));
        assert_eq!(bad, Scope::default());
        assert!(!bad.read("q", "x"));
        assert!(Scope { from: s.from, ..Default::default() }.pairs().is_empty(), "no archive scope, no keys");
    }
}

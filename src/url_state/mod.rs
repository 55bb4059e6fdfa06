//! The reading state in the URL: date, page, article, text size, view, clipping. Plain Rust: parsing and
//! formatting a query string (`?date=2016-09-24&page=p2&article=a0202&size=1`) or a fragment,
//! so a deep link works on any static host, with no rewrite rules, under any sub-path.

pub mod clip;
pub mod history;
pub mod scope;

pub use clip::Clip;

use broadsheet_model::Day;

/// Text size steps either side of the default (0), each a step in `TEXT_SIZES`.
pub const MIN_SIZE: i8 = -2;
pub const MAX_SIZE: i8 = 4;
/// The longest search query a URL carries (characters).
pub const MAX_QUERY: usize = 100;
/// Article text size in percent of the default, for steps MIN_SIZE..=MAX_SIZE.
pub const TEXT_SIZES: [u16; 7] = [80, 90, 100, 115, 130, 150, 175];

pub fn text_percent(size: i8) -> u16 {
    TEXT_SIZES[(size.clamp(MIN_SIZE, MAX_SIZE) - MIN_SIZE) as usize]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// The page image with the article beside it.
    #[default]
    Page,
    /// The article alone, filling the screen: the phone reading view.
    Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReadingState {
    /// The issue; `None` means the newest.
    pub date: Option<Day>,
    /// A page id of that issue; `None` means its first page (or the open article's page).
    pub page: Option<String>,
    /// The open article's id.
    pub article: Option<String>,
    pub size: i8,
    pub view: View,
    /// The search within the issue, as typed (`q`); empty means no search.
    pub query: String,
    /// Where the query searches: the issue, or the whole archive with its range and filters.
    pub scope: scope::Scope,
    /// A clipping of the page shown (`clip`): the map zooms to it and outlines it.
    pub clip: Option<Clip>,
}

/// Something in a URL that could not be read; the rest of the URL still applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    Date(String),
    Size(String),
    View(String),
    Clip(String),
}

impl ReadingState {
    /// Reads a query string or fragment, with or without its leading `?` or `#`. Unknown keys
    /// belong to the host page and are left alone; bad values are reported and skipped.
    pub fn parse(s: &str) -> (ReadingState, Vec<Ignored>) {
        let s = s.strip_prefix(['?', '#']).unwrap_or(s);
        let mut state = ReadingState::default();
        let mut ignored = Vec::new();
        for (key, value) in form_urlencoded::parse(s.as_bytes()) {
            match &*key {
                "date" => match Day::parse(&value) {
                    Ok(d) => state.date = Some(d),
                    Err(_) => ignored.push(Ignored::Date(value.into_owned())),
                },
                // An id that could never be valid is treated like an unknown one by the reader.
                "page" => state.page = Some(value.into_owned()),
                "article" => state.article = Some(value.into_owned()),
                "size" => match value.parse::<i8>() {
                    Ok(n) if (MIN_SIZE..=MAX_SIZE).contains(&n) => state.size = n,
                    _ => ignored.push(Ignored::Size(value.into_owned())),
                },
                "view" => match &*value {
                    "text" => state.view = View::Text,
                    "page" => state.view = View::Page,
                    _ => ignored.push(Ignored::View(value.into_owned())),
                },
                "q" => state.query = value.chars().take(MAX_QUERY).collect(),
                "clip" => match Clip::parse(&value) {
                    Some(c) => state.clip = Some(c),
                    None => ignored.push(Ignored::Clip(value.into_owned())),
                },
                _ => {
                    state.scope.read(&key, &value);
                }
            }
        }
        (state, ignored)
    }

    /// The state as `key=value` pairs in a fixed order; defaults are left out.
    pub fn format(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(d) = self.date {
            out.append_pair("date", &d.to_string());
        }
        if let Some(p) = &self.page {
            out.append_pair("page", p);
        }
        if let Some(a) = &self.article {
            out.append_pair("article", a);
        }
        if self.size != 0 {
            out.append_pair("size", &self.size.to_string());
        }
        if self.view == View::Text {
            out.append_pair("view", "text");
        }
        if !self.query.is_empty() {
            out.append_pair("q", &self.query);
        }
        for (k, v) in self.scope.pairs() {
            out.append_pair(k, &v);
        }
        let mut text = out.finish();
        // Digits and commas, written as they are (a comma is allowed in a query): `clip=10,20,300,400`.
        if let Some(c) = self.clip {
            text = if text.is_empty() { format!("clip={c}") } else { format!("{text}&clip={c}") };
        }
        text
    }
}

/// Replaces the reader's keys in a query string or fragment, keeping the host page's own keys
/// (e.g. `?utm_source=x&date=...`) in their place.
pub fn merge(existing: &str, state: &ReadingState) -> String {
    let existing = existing.strip_prefix(['?', '#']).unwrap_or(existing);
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(existing.as_bytes()) {
        if !matches!(&*k, "date" | "page" | "article" | "size" | "view" | "q" | "clip") && !scope::KEYS.contains(&&*k) {
            out.append_pair(&k, &v);
        }
    }
    let ours = state.format();
    let theirs = out.finish();
    match (theirs.is_empty(), ours.is_empty()) {
        (true, _) => ours,
        (false, true) => theirs,
        (false, false) => format!("{theirs}&{ours}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<Day> {
        Some(Day::parse(s).unwrap())
    }

    #[test]
    fn round_trips() {
        let s = ReadingState {
            date: day("2016-09-24"),
            page: Some("p2".into()),
            article: Some("a0202".into()),
            size: 2,
            view: View::Text,
            query: String::new(),
            scope: Default::default(),
            clip: None,
        };
        let text = s.format();
        assert_eq!(text, "date=2016-09-24&page=p2&article=a0202&size=2&view=text");
        assert_eq!(ReadingState::parse(&text), (s.clone(), vec![]));
        assert_eq!(ReadingState::parse(&format!("?{text}")).0, s);
        assert_eq!(ReadingState::parse(&format!("#{text}")).0, s);
        assert_eq!(ReadingState::default().format(), "");
    }

    #[test]
    fn bad_values_are_reported_and_skipped() {
        let (s, ignored) = ReadingState::parse("date=2016-02-30&page=p3&size=99&view=x&utm=1");
        assert_eq!(s.date, None);
        assert_eq!(s.page.as_deref(), Some("p3"));
        assert_eq!(s.size, 0);
        assert_eq!(
            ignored,
            vec![Ignored::Date("2016-02-30".into()), Ignored::Size("99".into()), Ignored::View("x".into())]
        );
        assert_eq!(ReadingState::parse("").0, ReadingState::default());
        assert_eq!(ReadingState::parse("&&=&date").1, vec![Ignored::Date(String::new())]);
    }

    #[test]
    fn odd_ids_survive_encoding() {
        let s = ReadingState { article: Some("a b&c=d".into()), ..Default::default() };
        assert_eq!(ReadingState::parse(&s.format()).0, s);
    }

    #[test]
    fn merging_keeps_the_host_pages_keys() {
        let s = ReadingState { date: day("2016-09-24"), ..Default::default() };
        assert_eq!(merge("?utm_source=x&date=2016-01-01&page=p9", &s), "utm_source=x&date=2016-09-24");
        assert_eq!(merge("", &ReadingState::default()), "");
        assert_eq!(merge("#x=1", &ReadingState::default()), "x=1");
    }

    #[test]
    fn the_search_query_is_part_of_the_state() {
        let s = ReadingState { article: Some("a0202".into()), query: "妇联 & A=B".into(), ..Default::default() };
        let text = s.format();
        assert_eq!(text, "article=a0202&q=%E5%A6%87%E8%81%94+%26+A%3DB");
        assert_eq!(ReadingState::parse(&text), (s.clone(), vec![]));
        assert_eq!(merge("?q=old&x=1", &s), format!("x=1&{text}"));
        assert_eq!(merge("?q=old", &ReadingState::default()), "");
        let long = format!("q={}", "长".repeat(500));
        assert_eq!(ReadingState::parse(&long).0.query.chars().count(), MAX_QUERY);
    }

    #[test]
    fn a_clipping_is_part_of_the_state() {
        let s = ReadingState {
            page: Some("p1".into()),
            clip: Some(Clip { x: 10, y: 20, w: 300, h: 400 }),
            ..Default::default()
        };
        let text = s.format();
        assert_eq!(text, "page=p1&clip=10,20,300,400");
        assert_eq!(ReadingState::parse(&text), (s.clone(), vec![]));
        assert_eq!(ReadingState::parse("page=p1&clip=10%2C20%2C300%2C400").0, s, "commas encoded or not");
        assert_eq!(merge("?clip=1,1,1,1&x=1", &ReadingState::default()), "x=1");
        let (bad, ignored) = ReadingState::parse("page=p1&clip=10,20,0,400");
        assert_eq!((bad.clip, ignored), (None, vec![Ignored::Clip("10,20,0,400".into())]));
    }

    #[test]
    fn text_sizes_are_bounded() {
        assert_eq!(text_percent(0), 100);
        assert_eq!(text_percent(MIN_SIZE), 80);
        assert_eq!(text_percent(MAX_SIZE), 175);
        assert_eq!(text_percent(100), 175);
        assert_eq!(text_percent(-100), 80);
    }
}

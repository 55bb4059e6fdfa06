//! What the search panel shows for an outcome, as plain values: the status line and the rows of
//! results, a batch at a time. The view (`view::SearchPanel`) only draws them.

use super::{snippet, source_text, Outcome, Snippet};
use crate::i18n::Lang;
use broadsheet_model::Issue;

/// Results shown at first, and added by each "show more".
pub const BATCH: usize = 20;

/// One result: the article to open, its title, where it is printed with how often it matches,
/// and an excerpt around its first hit.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub article: String,
    pub title: String,
    pub place: String,
    pub snippet: Option<Snippet>,
}

/// The results shown: the first `limit` hits, and whether there are more.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub rows: Vec<Row>,
    pub more: bool,
}

pub fn shown(issue: &Issue, outcome: &Outcome, limit: usize, lang: Lang) -> Shown {
    let rows = outcome
        .hits
        .iter()
        .take(limit)
        .filter_map(|h| {
            let p = issue.pages.get(h.page)?;
            let a = p.articles.iter().find(|a| a.id == h.article)?;
            Some(Row {
                article: a.id.clone(),
                title: a.title.clone(),
                place: format!("{} · {}", lang.page_title(&p.number, &p.name), lang.hits(outcome.count(h) as u32)),
                snippet: snippet(source_text(a, h.first), &outcome.query),
            })
        })
        .collect();
    Shown { rows, more: outcome.hits.len() > limit }
}

/// The status line: how many articles were found, or that the query (as typed) was not; empty
/// without a search.
pub fn status(lang: Lang, outcome: &Outcome, typed: &str) -> String {
    if !outcome.is_search() {
        return String::new();
    }
    match outcome.hits.len() {
        0 => format!("{}“{}”", lang.search().nothing, typed.trim()),
        n => lang.found(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Index;
    use std::sync::Arc;

    fn index() -> Arc<Index> {
        let text = include_str!("../../demo/data/issues/2016-09-24/issue.json");
        Arc::new(Index::new(Arc::new(broadsheet_model::parse(text).unwrap())))
    }

    #[test]
    fn rows_name_the_article_its_page_its_hits_and_an_excerpt() {
        let index = index();
        let o = index.search("娘家人");
        let s = shown(index.issue(), &o, BATCH, Lang::Zh);
        assert!(!s.more);
        let seed = s.rows.iter().find(|r| r.title == "好姐妹·娘家人").expect("the seed article is found");
        assert_eq!(seed.article, "a0202");
        assert!(seed.place.starts_with("第02版 综合新闻 · "), "{}", seed.place);
        assert!(seed.place.ends_with('处'), "{}", seed.place);
        assert_eq!(seed.snippet.as_ref().map(|s| s.hit.as_str()), Some("娘家人"));
        let en = shown(index.issue(), &o, BATCH, Lang::En);
        assert!(en.rows.iter().any(|r| r.place.starts_with("Page 02: 综合新闻 · ")));
    }

    #[test]
    fn a_batch_at_a_time_says_whether_there_is_more() {
        let index = index();
        let o = index.search("妇");
        let all = o.hits.len();
        assert!(all > 2, "a common character matches several articles: {all}");
        let first = shown(index.issue(), &o, 2, Lang::Zh);
        assert_eq!((first.rows.len(), first.more), (2, true));
        let every = shown(index.issue(), &o, all, Lang::Zh);
        assert_eq!((every.rows.len(), every.more), (all, false));
        assert_eq!(every.rows[..2], first.rows[..]);
    }

    #[test]
    fn the_status_counts_articles_or_quotes_what_was_typed() {
        let index = index();
        assert_eq!(status(Lang::Zh, &Outcome::none(), "  "), "");
        assert_eq!(status(Lang::Zh, &index.search("量子计算"), " 量子计算 "), "本期没有找到“量子计算”");
        let n = index.search("娘家人").hits.len();
        assert_eq!(status(Lang::Zh, &index.search("娘家人"), "娘家人"), format!("找到 {n} 篇文章"));
        assert_eq!(status(Lang::En, &index.search("娘家人"), "娘家人"), Lang::En.found(n));
    }
}

//! News ranking (新闻排行榜): the issue's ranked article titles, linking to the articles.
//! The ranking comes from the data (`ranking` in the issue file, most read first); entries whose
//! article is gone, repeated, or not an article (a masthead, an advertisement) are dropped, and
//! the list is hidden when nothing is left.

use crate::article_link::ArticleLink;
use crate::reader::{OpenIssue, Reader};
use broadsheet_model::{ArticleKind, Issue};
use leptos::prelude::*;

/// One line of the ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    pub article: String,
    pub title: String,
    /// The id of the article's home page.
    pub page: String,
    pub reads: Option<u64>,
}

/// The ranking as shown: in the data's order, only articles that exist, each once.
pub fn ranked(issue: &Issue) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = Vec::new();
    for entry in &issue.ranking {
        if out.iter().any(|r| r.article == entry.article) {
            continue;
        }
        let Some((home, article)) = issue.article(&entry.article) else { continue };
        if article.kind != ArticleKind::Article {
            continue;
        }
        out.push(Ranked {
            article: article.id.clone(),
            title: article.title.clone(),
            page: issue.pages[home].id.clone(),
            reads: entry.reads,
        });
    }
    out
}

#[component]
pub fn NewsRanking(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let lang = r.lang;
    let t = lang.rating();
    let entries = ranked(&open.issue);
    if entries.is_empty() {
        return None;
    }
    let items = entries
        .into_iter()
        .map(|e| {
            view! {
                <li>
                    <ArticleLink article=e.article page=e.page>{e.title}</ArticleLink>
                    {e.reads.map(|n| view! { " " <span class="bs-reads">{lang.reads(n)}</span> })}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="bs-ranking" aria-labelledby="bs-ranking-heading">
            <h2 id="bs-ranking-heading">{t.ranking}</h2>
            <ol class="bs-ranking-list">{items}</ol>
        </section>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(ranking: serde_json::Value) -> Issue {
        let page = |id: &str, articles: serde_json::Value| serde_json::json!({ "id": id, "number": id, "name": "n", "image": { "src": "x.jpg", "width": 10, "height": 10 }, "articles": articles });
        serde_json::from_value(serde_json::json!({
            "version": 1,
            "date": "2016-09-24",
            "pages": [
                page("p1", serde_json::json!([
                    { "id": "m", "kind": "masthead", "title": "中国妇女报" },
                    { "id": "a1", "title": "First" }
                ])),
                page("p2", serde_json::json!([
                    { "id": "a2", "title": "Second" },
                    { "id": "ad", "kind": "advertisement", "title": "Buy" }
                ]))
            ],
            "ranking": ranking
        }))
        .unwrap()
    }

    #[test]
    fn keeps_the_data_order_with_home_pages_and_reads() {
        let got = ranked(&issue(serde_json::json!([{ "article": "a2", "reads": 900 }, { "article": "a1" }])));
        assert_eq!(
            got,
            vec![
                Ranked { article: "a2".into(), title: "Second".into(), page: "p2".into(), reads: Some(900) },
                Ranked { article: "a1".into(), title: "First".into(), page: "p1".into(), reads: None },
            ]
        );
    }

    #[test]
    fn drops_missing_repeated_and_non_articles() {
        let got = ranked(&issue(serde_json::json!([
            { "article": "gone", "reads": 5000 },
            { "article": "a1", "reads": 40 },
            { "article": "ad", "reads": 30 },
            { "article": "a1", "reads": 20 },
            { "article": "m" },
            { "article": "a2", "reads": 10 }
        ])));
        let ids: Vec<&str> = got.iter().map(|r| r.article.as_str()).collect();
        assert_eq!(ids, ["a1", "a2"]);
        assert_eq!(got[0].reads, Some(40));
    }

    #[test]
    fn nothing_to_show_without_a_ranking() {
        assert!(ranked(&issue(serde_json::json!([]))).is_empty());
        assert!(ranked(&issue(serde_json::json!([{ "article": "gone" }]))).is_empty());
    }

    #[test]
    fn the_demo_issue_ranks_five_articles() {
        let text = include_str!("../../demo/data/issues/2016-09-24/issue.json");
        let issue: Issue = broadsheet_model::parse(text).unwrap();
        let titles: Vec<String> = ranked(&issue).into_iter().map(|r| r.title).collect();
        assert_eq!(titles.len(), 5);
        assert_eq!(titles[1], "好姐妹·娘家人");
    }
}

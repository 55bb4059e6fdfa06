//! One issue: its pages, their images and articles, and each article's regions on the pages.

use crate::date::Day;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub version: u32,
    pub date: Day,
    /// Issue number or edition label as printed, e.g. 第6342期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    pub pages: Vec<Page>,
    /// News ranking (新闻排行榜), most read first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranking: Vec<RankEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Unique within the issue.
    pub id: String,
    /// The page number as printed: "1", "01", "A3".
    pub number: String,
    /// The page's name (版面名), e.g. 综合新闻.
    pub name: String,
    pub image: PageImage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// The page's words file (`crate::words`), for the text layer; the page works without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<RatingBaseline>,
    /// The articles whose home is this page, in reading order.
    #[serde(default)]
    pub articles: Vec<Article>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageImage {
    pub src: String,
    /// Full-resolution size in pixels; regions are in these coordinates.
    pub width: u32,
    pub height: u32,
    /// Smaller renditions of the same image (thumbnails, phones), any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renditions: Vec<Rendition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rendition {
    pub src: String,
    pub width: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    #[default]
    Article,
    Masthead,
    Advertisement,
}

impl ArticleKind {
    fn is_article(&self) -> bool {
        *self == ArticleKind::Article
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Unique within the issue.
    pub id: String,
    #[serde(default, skip_serializing_if = "ArticleKind::is_article")]
    pub kind: ArticleKind,
    /// 引题, the line above the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pretitle: Option<String>,
    pub title: String,
    /// 副题, the line below the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default)]
    pub body: Vec<Block>,
    /// Where the article is printed, in reading order; the first region's page comes first.
    #[serde(default)]
    pub regions: Vec<Region>,
}

/// Written as `{"type": "paragraph", "text": ...}`. Read by a visitor of its own (`block.rs`), not
/// serde's derive: the derive buffers the whole object before reading it, and errors found in a
/// buffer carry no position to find their JSON path by.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Image {
        src: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        width: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        height: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The page the region is on; absent means the article's own page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// A polygon in full-resolution page pixels, `[[x, y], ...]`, at least three points.
    pub points: Vec<[f64; 2]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingBaseline {
    pub sum: u64,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankEntry {
    /// The id of an article in this issue.
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reads: Option<u64>,
}

impl Issue {
    /// Every article with the index of its home page, in reading order across the issue.
    pub fn articles(&self) -> impl Iterator<Item = (usize, &Article)> {
        self.pages.iter().enumerate().flat_map(|(i, p)| p.articles.iter().map(move |a| (i, a)))
    }

    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.pages.iter().position(|p| p.id == id)
    }

    pub fn article(&self, id: &str) -> Option<(usize, &Article)> {
        self.articles().find(|(_, a)| a.id == id)
    }

    /// The lead headline: the first real article's title.
    pub fn headline(&self) -> Option<&str> {
        self.articles().find(|(_, a)| a.kind == ArticleKind::Article).map(|(_, a)| a.title.as_str())
    }
}

impl Article {
    /// The page id a region is on, given the article's home page id.
    pub fn region_page<'a>(&'a self, region: &'a Region, home: &'a str) -> &'a str {
        region.page.as_deref().unwrap_or(home)
    }
}

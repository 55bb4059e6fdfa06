//! The bundled demo archive: 中国妇女报, five issues from June to September 2016 (July has none),
//! the newest being the reference issue of 2016-09-24 with the seed page 综合新闻.

use crate::layout::{ell, ell_right, rect, HEIGHT, THUMB_WIDTH, WIDTH};
use crate::stories::{Story, PAGE2, POOL};
use crate::{json, manifest, seed, svg};
use broadsheet_model::{
    Article, ArticleKind, Block, Day, Issue, Link, Page, PageImage, Paper, RankEntry, RatingBaseline, Region,
    Rendition, VERSION,
};
use std::collections::BTreeMap;

pub const MONTHS: &str = "months/{yyyy}-{mm}.json";
pub const ISSUES: &str = "issues/{yyyy}-{mm}-{dd}/issue.json";
const PHOTO: (u32, u32) = (480, 300);

pub fn paper() -> Paper {
    let link = |label: &str, href: &str| Link { label: label.into(), href: href.into() };
    Paper {
        name: "中国妇女报".into(),
        title: Some("中国妇女报数字报纸".into()),
        serial: Some("CN11-0003".into()),
        language: "zh-CN".into(),
        publisher: Some("主办单位:中国妇女报社 版权所有:中国妇女报网".into()),
        copyright: Some(seed::COPYRIGHT.into()),
        links: vec![
            link("关于我们", "https://www.cnwomen.com.cn/"),
            link("联系我们", "https://www.cnwomen.com.cn/contact/"),
            link("在线投稿", "https://www.cnwomen.com.cn/tougao/"),
            link("手机触屏版", "https://m.cnwomen.com.cn/"),
        ],
    }
}

/// What fills one region of a page.
enum Item {
    Masthead,
    Advert(&'static str),
    Story(&'static Story, Option<&'static str>),
    Seed,
}

struct PagePlan {
    name: &'static str,
    rating: Option<(u64, u64)>,
    items: Vec<(Item, Vec<[f64; 2]>)>,
}

fn front(stories: [&'static Story; 4]) -> PagePlan {
    PagePlan {
        name: "要闻",
        rating: Some((42, 10)),
        items: vec![
            (Item::Masthead, rect(0, 6, 40, 262)),
            (Item::Story(stories[0], None), rect(0, 4, 262, 900)),
            (Item::Story(stories[1], None), rect(4, 6, 262, 900)),
            (Item::Story(stories[2], None), rect(0, 3, 900, 1640)),
            (Item::Story(stories[3], None), rect(3, 6, 900, 1640)),
        ],
    }
}

fn three(name: &'static str, rating: Option<(u64, u64)>, s: [&'static Story; 3], mirrored: bool) -> PagePlan {
    let items = if mirrored {
        vec![
            (Item::Story(s[0], None), ell_right(0, 6, 120, 620, 4, 1640)),
            (Item::Story(s[1], None), rect(0, 2, 620, 1640)),
            (Item::Story(s[2], None), rect(2, 4, 620, 1640)),
        ]
    } else {
        vec![
            (Item::Story(s[0], None), ell(0, 6, 120, 620, 2, 1640)),
            (Item::Story(s[1], None), rect(2, 4, 620, 1640)),
            (Item::Story(s[2], None), rect(4, 6, 620, 1640)),
        ]
    };
    PagePlan { name, rating, items }
}

fn newest() -> Vec<PagePlan> {
    let p = &POOL;
    let t = &seed::TITLES;
    vec![
        front([&p[0], &p[1], &p[2], &p[3]]),
        PagePlan {
            name: "综合新闻",
            rating: None,
            items: vec![
                (Item::Story(&PAGE2[0], Some(t[0])), rect(0, 6, 120, 330)),
                (Item::Seed, ell(0, 4, 330, 900, 2, 1640)),
                (Item::Story(&PAGE2[1], Some(t[2])), rect(4, 6, 330, 760)),
                (Item::Story(&PAGE2[2], Some(t[3])), rect(4, 6, 760, 1200)),
                (Item::Story(&PAGE2[3], Some(t[4])), rect(2, 4, 900, 1280)),
                (Item::Story(&PAGE2[4], Some(t[5])), rect(4, 6, 1200, 1640)),
                (Item::Story(&PAGE2[5], Some(t[6])), rect(2, 4, 1280, 1640)),
            ],
        },
        PagePlan {
            name: "评论",
            rating: Some((27, 7)),
            items: vec![
                (Item::Story(&p[4], None), rect(0, 6, 120, 560)),
                (Item::Story(&p[5], None), rect(0, 3, 560, 1200)),
                (Item::Story(&p[6], None), ell_right(3, 6, 560, 1200, 4, 1640)),
            ],
        },
        PagePlan {
            name: "家庭",
            rating: Some((9, 3)),
            items: vec![
                (Item::Story(&p[7], None), rect(0, 4, 120, 800)),
                (Item::Story(&p[8], None), rect(4, 6, 120, 800)),
                (Item::Story(&p[9], None), rect(0, 6, 800, 1340)),
                (Item::Advert("公益广告 · 家庭文明 从我做起"), rect(0, 6, 1340, 1640)),
            ],
        },
    ]
}

fn older(k: usize) -> Vec<PagePlan> {
    let s = |i: usize| &POOL[10 + (k * 5 + i) % 20];
    vec![
        front([s(0), s(1), s(2), s(3)]),
        three("综合新闻", None, [s(4), s(5), s(6)], false),
        three("评论", Some((27, 7)), [s(7), s(8), s(9)], true),
        three("家庭", None, [s(10), s(11), s(12)], false),
    ]
}

/// The issues, oldest first; the newest is the reference issue.
fn plans() -> Vec<(Day, Vec<PagePlan>)> {
    let day = |m, d| Day::new(2016, m, d).expect("a real date");
    vec![
        (day(6, 25), older(0)),
        (day(8, 27), older(1)),
        (day(9, 10), older(2)),
        (day(9, 17), older(3)),
        (day(9, 24), newest()),
    ]
}

fn paragraphs(texts: &[&str]) -> Vec<Block> {
    texts.iter().map(|t| Block::Paragraph { text: (*t).into() }).collect()
}

/// What fills one region: the article `id`, with its `regions`.
fn article(item: Item, id: String, regions: Vec<Region>) -> Article {
    let bare = |kind, title: &str| Article {
        id: id.clone(),
        kind,
        pretitle: None,
        title: title.into(),
        subtitle: None,
        byline: None,
        body: Vec::new(),
        regions: regions.clone(),
    };
    match item {
        Item::Masthead => bare(ArticleKind::Masthead, "中国妇女报"),
        Item::Advert(title) => bare(ArticleKind::Advertisement, title),
        Item::Seed => Article {
            subtitle: Some(seed::SEED_SUBTITLE.into()),
            byline: Some(seed::SEED_BYLINE.into()),
            body: seed::SEED_BODY
                .iter()
                .map(|&(heading, text)| match heading {
                    true => Block::Heading { text: text.into() },
                    false => Block::Paragraph { text: text.into() },
                })
                .collect(),
            ..bare(ArticleKind::Article, seed::SEED_TITLE)
        },
        Item::Story(s, title) => {
            let mut body = paragraphs(s.paragraphs);
            if let Some(caption) = s.photo {
                body.insert(
                    1,
                    Block::Image {
                        src: format!("photo-{id}.svg"),
                        width: Some(PHOTO.0),
                        height: Some(PHOTO.1),
                        caption: Some(caption.into()),
                    },
                );
            }
            Article {
                pretitle: s.pretitle.map(Into::into),
                subtitle: s.subtitle.map(Into::into),
                byline: s.byline.map(Into::into),
                body,
                ..bare(ArticleKind::Article, title.unwrap_or(s.title))
            }
        }
    }
}

fn build_issue(date: Day, plans: Vec<PagePlan>) -> Issue {
    let mut pages = Vec::new();
    for (i, plan) in plans.into_iter().enumerate() {
        let n = i + 1;
        let mut articles = Vec::new();
        for (j, (item, points)) in plan.items.into_iter().enumerate() {
            let id = format!("a{n:02}{:02}", j + 1);
            articles.push(article(item, id, vec![Region { page: None, points }]));
        }
        pages.push(Page {
            id: format!("p{n}"),
            number: format!("{n:02}"),
            name: plan.name.into(),
            image: PageImage {
                src: format!("p{n}.svg"),
                width: WIDTH,
                height: HEIGHT,
                renditions: vec![Rendition { src: format!("p{n}-thumb.svg"), width: THUMB_WIDTH }],
            },
            pdf: None,
            words: Some(format!("p{n}.words.json")),
            rating: plan.rating.map(|(sum, count)| RatingBaseline { sum, count }),
            articles,
        });
    }
    let reference = Day::new(2016, 9, 24).expect("a real date");
    let days = (reference.0 - date.0).whole_days();
    let mut issue =
        Issue { version: VERSION, date, edition: Some(format!("第{}期", 6212 - days)), pages, ranking: Vec::new() };
    if date == reference {
        // The lead story continues on page 3 (评论), below that page's own articles.
        issue.pages[0].articles[1].regions.push(Region { page: Some("p3".into()), points: rect(0, 4, 1200, 1640) });
        issue.ranking = [("a0102", 1286), ("a0202", 1154), ("a0205", 873), ("a0401", 652), ("a0206", 418)]
            .into_iter()
            .map(|(article, reads)| RankEntry { article: article.into(), reads: Some(reads) })
            .collect();
    }
    issue
}

/// The demo's issues, oldest first.
pub fn issues() -> Vec<Issue> {
    plans().into_iter().map(|(date, pages)| build_issue(date, pages)).collect()
}

/// Every file of the demo archive: path relative to the archive folder, and content.
pub fn files() -> BTreeMap<String, Vec<u8>> {
    let issues = issues();
    let paper = paper();
    let name = paper.name.clone();
    let (archive, months) = manifest::build(paper, MONTHS, ISSUES, issues.iter().map(manifest::entry))
        .expect("the demo's issues have distinct dates");
    let mut files = BTreeMap::new();
    files.insert("archive.json".to_string(), json::to_text(&archive).into_bytes());
    for m in &months {
        files.insert(archive.month_path(m.month), json::to_text(m).into_bytes());
    }
    for issue in &issues {
        let path = archive.issue_path(issue.date);
        let dir = path.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
        files.insert(path, json::to_text(issue).into_bytes());
        for (k, page) in issue.pages.iter().enumerate() {
            // The page's words: the text drawn on it (headlines, the masthead, the date line; the
            // body is grey bars), where it is drawn.
            let (image, text) = svg::page_with_text(issue, k, &name, true);
            files.insert(format!("{dir}/{}", page.image.src), image.into_bytes());
            if let Some(words) = &page.words {
                let file = svg::page_words(&page.id, &text);
                files.insert(format!("{dir}/{words}"), crate::import::words::file_text(&file).into_bytes());
            }
            for r in &page.image.renditions {
                files.insert(format!("{dir}/{}", r.src), svg::thumbnail(issue, k).into_bytes());
            }
            for a in &page.articles {
                for b in &a.body {
                    if let Block::Image { src, width, height, caption } = b {
                        let seed = a.id.bytes().map(u32::from).sum::<u32>();
                        let photo = svg::photo(
                            seed,
                            width.unwrap_or(PHOTO.0),
                            height.unwrap_or(PHOTO.1),
                            caption.as_deref().unwrap_or(""),
                        );
                        files.insert(format!("{dir}/{src}"), photo.into_bytes());
                    }
                }
            }
        }
    }
    files
}

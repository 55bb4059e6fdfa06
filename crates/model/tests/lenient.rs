//! Reading a partly broken issue as the reader does: each broken part is left out, each problem
//! is reported by its JSON path in the file as written, and the valid parts are kept.

use broadsheet_model::{
    check_issue_lenient, parse, parse_issue_lenient, validate_month, validate_month_in, Archive, Block, Checked, Day,
    Issue, MonthIndex, YearMonth, MAX_ISSUE_BYTES,
};
use serde_json::{json, Value};

/// Two pages; page 1 has two articles, page 2 one; a ranking of all three.
fn issue() -> Value {
    json!({
        "version": 1,
        "date": "2020-01-01",
        "edition": "第1期",
        "pages": [
            {
                "id": "p1", "number": "1", "name": "要闻",
                "image": {"src": "p1.jpg", "width": 1000, "height": 1500,
                          "renditions": [{"src": "p1-small.jpg", "width": 250}]},
                "pdf": "p1.pdf",
                "articles": [
                    {
                        "id": "a1", "title": "第一篇",
                        "body": [
                            {"type": "paragraph", "text": "第一段。"},
                            {"type": "image", "src": "a1.jpg", "caption": "图"}
                        ],
                        "regions": [
                            {"points": [[10, 10], [500, 10], [500, 700], [10, 700]]},
                            {"page": "p2", "points": [[0, 0], [300, 0], [300, 200]]}
                        ]
                    },
                    {"id": "a2", "title": "第二篇", "regions": [{"points": [[0, 800], [1000, 800], [1000, 1500]]}]}
                ]
            },
            {
                "id": "p2", "number": "2", "name": "综合新闻",
                "image": {"src": "p2.jpg", "width": 1000, "height": 1500},
                "articles": [
                    {"id": "b1", "title": "第二版", "regions": [{"points": [[0, 300], [1000, 300], [1000, 900]]}]}
                ]
            }
        ],
        "ranking": [{"article": "a1", "reads": 120}, {"article": "a2"}, {"article": "b1"}]
    })
}

/// Sets the value at a JSON pointer; its parent must exist.
fn set(v: &mut Value, pointer: &str, new: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(m) => {
            m.insert(key.to_string(), new);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = new,
        _ => panic!("{parent} holds no {key}"),
    }
}

fn push(v: &mut Value, pointer: &str, new: Value) {
    v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")).as_array_mut().unwrap().push(new);
}

fn read(v: &Value) -> (Issue, Vec<String>) {
    let Checked { value, problems } = parse_issue_lenient(&v.to_string()).unwrap_or_else(|p| panic!("refused: {p:?}"));
    (value, problems.iter().map(ToString::to_string).collect())
}

fn refused(text: &str) -> Vec<String> {
    match parse_issue_lenient(text) {
        Ok(c) => panic!("expected a refusal, read {:?}", c.problems),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    }
}

fn ids(issue: &Issue) -> Vec<&str> {
    issue.articles().map(|(_, a)| a.id.as_str()).collect()
}

#[test]
fn a_valid_issue_reads_as_the_strict_parser_reads_it() {
    let (i, problems) = read(&issue());
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(i, parse::<Issue>(&issue().to_string()).unwrap());
}

#[test]
fn a_polygon_over_the_limit_loses_only_that_region() {
    let mut v = issue();
    let many: Vec<Value> = (0..50_000).map(|k| json!([k % 1000, (k / 1000) * 10])).collect();
    set(&mut v, "/pages/0/articles/0/regions/0/points", Value::Array(many));
    let (i, problems) = read(&v);
    assert_eq!(problems, ["pages[0].articles[0].regions[0]: polygon has 50000 points, at most 10000 are allowed"]);
    let a1 = i.article("a1").unwrap().1;
    assert_eq!(a1.regions.len(), 1);
    assert_eq!(a1.regions[0].page.as_deref(), Some("p2"));
    assert_eq!(ids(&i), ["a1", "a2", "b1"]);
}

#[test]
fn coordinates_as_strings_or_far_off_the_page_lose_their_region() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/0/points/1", json!(["NaN", 10]));
    set(&mut v, "/pages/0/articles/1/regions/0/points/0", json!([1e308, 800]));
    let (i, problems) = read(&v);
    assert_eq!(
        problems,
        [
            "pages[0].articles[0].regions[0].points[1][0]: invalid type: string \"NaN\", expected f64",
            "pages[0].articles[1].regions[0].points[0]: (1e308, 800) lies outside page \"p1\", which is 1000 by 1500 pixels",
        ]
    );
    // The other parts of the first article are all there.
    let a1 = i.article("a1").unwrap().1;
    assert_eq!((a1.regions.len(), a1.body.len()), (1, 2));
    assert!(i.article("a2").unwrap().1.regions.is_empty());
}

#[test]
fn unsafe_addresses_never_survive() {
    let mut v = issue();
    set(&mut v, "/pages/0/image/src", json!("javascript:alert(1)"));
    set(&mut v, "/pages/0/pdf", json!("data:text/html,<script>alert(1)</script>"));
    set(&mut v, "/pages/1/words", json!("javascript:alert(1)"));
    set(
        &mut v,
        "/pages/1/image/renditions",
        json!([{"src": "vbscript:x", "width": 100}, {"src": "p2-s.jpg", "width": 200}]),
    );
    set(&mut v, "/pages/0/articles/0/body/1/src", json!("JavaScript:alert(1)"));
    let (i, problems) = read(&v);
    assert_eq!(
        problems,
        [
            "pages[0].image.src: scheme \"javascript:\" is not allowed, only http, https and relative addresses",
            "pages[0].pdf: scheme \"data:\" is not allowed, only http, https and relative addresses",
            "pages[1].image.renditions[0].src: scheme \"vbscript:\" is not allowed, only http, https and relative addresses",
            "pages[1].words: scheme \"javascript:\" is not allowed, only http, https and relative addresses",
            "pages[0].articles[0].body[1].src: scheme \"JavaScript:\" is not allowed, only http, https and relative addresses",
        ]
    );
    // The page stays without its image (the reader says so in its place), its regions too.
    assert_eq!(i.pages[0].image.src, "");
    assert!(i.pages[0].image.renditions.is_empty());
    assert_eq!(i.pages[0].pdf, None);
    // A page without its words file is a page without a text layer.
    assert_eq!(i.pages[1].words, None);
    assert_eq!(i.pages[1].image.renditions.len(), 1);
    assert_eq!(i.pages[1].image.renditions[0].src, "p2-s.jpg");
    assert_eq!(i.article("a1").unwrap().1.body, [Block::Paragraph { text: "第一段。".into() }]);
    assert_eq!(i.article("a1").unwrap().1.regions.len(), 2);
}

#[test]
fn a_duplicate_article_is_left_out_and_the_first_kept() {
    let mut v = issue();
    push(
        &mut v,
        "/pages/1/articles",
        json!({"id": "a1", "title": "冒名", "regions": [{"points": [[0, 0], [10, 0], [10, 10]]}]}),
    );
    let (i, problems) = read(&v);
    assert_eq!(problems, ["pages[1].articles[1].id: \"a1\" is already the id of pages[0].articles[0]"]);
    assert_eq!(ids(&i), ["a1", "a2", "b1"]);
    assert_eq!(i.article("a1").unwrap().1.title, "第一篇");
    // The ranking still names the first a1.
    assert_eq!(i.ranking.len(), 3);
}

#[test]
fn a_duplicate_page_goes_with_its_articles_and_their_ranking() {
    let mut v = issue();
    push(
        &mut v,
        "/pages",
        json!({
            "id": "p2", "number": "3", "name": "重复",
            "image": {"src": "p3.jpg", "width": 100, "height": 100},
            "articles": [{"id": "c1", "title": "第三版"}]
        }),
    );
    push(&mut v, "/ranking", json!({"article": "c1"}));
    let (i, problems) = read(&v);
    assert_eq!(
        problems,
        [
            "pages[2].id: \"p2\" is already the id of pages[1]",
            "ranking[3].article: the article \"c1\" is left out, and so is this entry"
        ]
    );
    assert_eq!(i.pages.len(), 2);
    assert_eq!(i.ranking.len(), 3);
    // Regions naming p2 still reach the first page of that id.
    assert_eq!(i.article("a1").unwrap().1.regions.len(), 2);
}

#[test]
fn a_page_of_the_wrong_shape_takes_its_regions_elsewhere_along() {
    let mut v = issue();
    set(&mut v, "/pages/1/image/width", json!("wide"));
    let (i, problems) = read(&v);
    assert_eq!(
        problems,
        [
            "pages[1].image.width: invalid type: string \"wide\", expected u32",
            "pages[0].articles[0].regions[1].page: the page \"p2\" is left out, and so is this region",
            "ranking[2].article: the article \"b1\" is left out, and so is this entry",
        ]
    );
    assert_eq!(i.pages.len(), 1);
    assert_eq!(i.article("a1").unwrap().1.regions.len(), 1);
}

#[test]
fn problems_keep_the_paths_of_the_file_as_written() {
    let mut v = issue();
    // The first page is unreadable; the second page's problems are still at pages[1].
    set(&mut v, "/pages/0/number", json!(1));
    set(
        &mut v,
        "/pages/1/articles/0/body",
        json!([{"type": "video", "src": "x.mp4"}, {"type": "paragraph", "text": "留下"}]),
    );
    set(&mut v, "/pages/1/articles/0/subtitle", json!(""));
    set(&mut v, "/pages/1/articles/0/byline", json!("x".repeat(1001)));
    let (i, problems) = read(&v);
    assert_eq!(
        problems,
        [
            "pages[0].number: invalid type: integer `1`, expected a string",
            "pages[1].articles[0].body[0].type: unknown variant `video`, expected one of `paragraph`, `heading`, `image`",
            "pages[1].articles[0].byline: is 1001 characters long, at most 1000 are allowed",
            "ranking[0].article: the article \"a1\" is left out, and so is this entry",
            "ranking[1].article: the article \"a2\" is left out, and so is this entry",
            "ranking[2].article: the article \"b1\" is left out, and so is this entry",
        ]
    );
    assert_eq!(i.pages.len(), 1);
    assert!(i.pages[0].articles.is_empty());
    // With no page left, nothing can be shown.
    set(&mut v, "/pages/1/id", json!("p 2"));
    let problems = refused(&v.to_string());
    assert!(problems.contains(&"pages[1].id: \"p 2\" is not an id: use 1 to 200 of A-Z a-z 0-9 - _ .".to_string()));
    assert_eq!(problems.last().unwrap(), "pages: no page is left to show");
}

#[test]
fn an_article_with_unknown_deeply_nested_members_is_left_out() {
    let mut v = issue();
    let mut deep = json!("底");
    for _ in 0..50 {
        deep = json!({ "x": [deep] });
    }
    set(&mut v, "/pages/0/articles/1", json!({"id": "a2", "title": "嵌套", "extra": deep}));
    let (i, problems) = read(&v);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("pages[0].articles[1].extra: unknown field `extra`"), "{problems:?}");
    assert_eq!(problems[1], "ranking[1].article: the article \"a2\" is left out, and so is this entry");
    assert_eq!(ids(&i), ["a1", "b1"]);
}

#[test]
fn a_ranking_entry_naming_no_article_is_a_warning() {
    let mut v = issue();
    push(&mut v, "/ranking", json!({"article": "nope"}));
    push(&mut v, "/ranking", json!({"article": 7}));
    let (i, problems) = read(&v);
    assert_eq!(
        problems,
        [
            "ranking[4].article: invalid type: integer `7`, expected a string",
            "ranking[3].article: no article has the id \"nope\""
        ]
    );
    assert_eq!(i.ranking.len(), 3);
}

#[test]
fn text_full_of_markup_and_control_characters_is_kept_as_text() {
    let mut v = issue();
    let title = "<script>alert(1)</script><img src=x onerror=alert(2)>\u{202E}txt.exe\u{200B}\u{200D}";
    set(&mut v, "/pages/0/articles/0/title", json!(title));
    set(&mut v, "/pages/0/articles/0/body/0/text", json!("x".repeat(100_000)));
    let (i, problems) = read(&v);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(i.article("a1").unwrap().1.title, title);
}

#[test]
fn nothing_to_show_is_refused_as_a_whole() {
    assert!(refused("<html>")[0].starts_with("not valid JSON"));
    assert!(refused(&("[".repeat(100_000) + &"]".repeat(100_000)))[0]
        .starts_with("not valid JSON: recursion limit exceeded"));
    let mut v = issue();
    set(&mut v, "/version", json!(2));
    assert_eq!(refused(&v.to_string()), ["version: schema version 2 is not supported; this reader reads version 1"]);
    let mut v = issue();
    set(&mut v, "/date", json!("2020-02-30"));
    assert_eq!(refused(&v.to_string()), ["date: \"2020-02-30\" is not a real date"]);
    let mut v = issue();
    set(&mut v, "/pages", json!({}));
    assert_eq!(refused(&v.to_string()), ["pages: must be an array of pages"]);
    let big = " ".repeat(MAX_ISSUE_BYTES + 1);
    assert_eq!(refused(&big), ["the file is 32.0 MB, larger than the 32 MB a reader accepts"]);
}

#[test]
fn any_parser_can_feed_the_lenient_check() {
    let mut v = issue();
    set(&mut v, "/pages/0/pdf", json!("javascript:x"));
    let typed: Issue = serde_json::from_value(v.clone()).unwrap();
    let checked = check_issue_lenient(typed).unwrap();
    assert_eq!(checked, parse_issue_lenient(&v.to_string()).unwrap());
    assert_eq!(checked.problems[0].path, "pages[0].pdf");
}

fn month() -> MonthIndex {
    parse(&json!({"version": 1, "month": "2020-01", "issues": [{"date": "2020-01-01", "pages": 2}]}).to_string())
        .unwrap()
}

fn archive() -> Archive {
    parse(
        &json!({
            "version": 1, "paper": {"name": "P", "language": "en"}, "first": "2020-01-01", "last": "2020-03-31",
            "months": "m/{yyyy}-{mm}.json", "issues": "{yyyy}{mm}{dd}.json"
        })
        .to_string(),
    )
    .unwrap()
}

#[test]
fn a_month_index_lists_an_issue_and_matches_its_address_and_archive() {
    let mut empty = month();
    empty.issues.clear();
    assert_eq!(
        validate_month(&empty).iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["issues: lists no issue; a month without issues belongs in empty_months of archive.json, with no index file"]
    );
    let a = archive();
    assert!(validate_month_in(&month(), YearMonth::parse("2020-01").unwrap(), &a).is_empty());
    assert_eq!(
        validate_month_in(&month(), YearMonth::parse("2020-02").unwrap(), &a)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["month: is 2020-01 but this is the index file of 2020-02"]
    );
    let mut late = month();
    late.issues[0].date = Day::parse("2019-12-31").unwrap();
    late.month = YearMonth::parse("2019-12").unwrap();
    assert_eq!(
        validate_month_in(&late, YearMonth::parse("2019-12").unwrap(), &a)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["issues[0].date: 2019-12-31 is outside the archive (2020-01-01 to 2020-03-31)"]
    );
}

/// A small article `id`: one rectangle on its page, one short paragraph.
fn small_article(id: &str, k: usize) -> Value {
    let (x, y) = ((k % 40) as f64 * 25.0, (k / 40 % 60) as f64 * 25.0);
    json!({"id": id, "title": format!("第{k}篇"), "body": [{"type": "paragraph", "text": "短。"}],
           "regions": [{"points": [[x, y], [x + 20.0, y], [x + 20.0, y + 20.0], [x, y + 20.0]]}]})
}

#[test]
fn a_page_over_the_article_limit_keeps_the_first_articles_with_one_notice() {
    use broadsheet_model::MAX_ARTICLES;
    let mut v = issue();
    let many: Vec<Value> = (0..MAX_ARTICLES + 500).map(|k| small_article(&format!("x{k}"), k)).collect();
    set(&mut v, "/pages/1/articles", Value::Array(many));
    // The ranking names one article kept and one left out.
    push(&mut v, "/ranking", json!({"article": "x1"}));
    push(&mut v, "/ranking", json!({"article": format!("x{}", MAX_ARTICLES + 10)}));
    let (i, problems) = read(&v);
    assert_eq!(i.pages[1].articles.len(), MAX_ARTICLES);
    assert_eq!(i.pages[1].articles.last().unwrap().id, format!("x{}", MAX_ARTICLES - 1));
    assert_eq!(
        problems,
        [
            format!(
                "pages[1].articles: {} articles on one page; the first {MAX_ARTICLES} are read and the rest left out",
                MAX_ARTICLES + 500
            ),
            // b1 was page 2's article, replaced above: its ranking entry names nothing now.
            "ranking[2].article: no article has the id \"b1\"".to_string(),
            format!("ranking[4].article: the article \"x{}\" is left out, and so is this entry", MAX_ARTICLES + 10),
        ]
    );
    assert!(i.ranking.iter().any(|r| r.article == "x1"));
    // Strict validation refuses the page with one problem, not one per article.
    let strict: Vec<String> = parse::<Issue>(&v.to_string())
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .filter(|p| p.contains("articles on one page"))
        .collect();
    assert_eq!(
        strict,
        [format!("pages[1].articles: {} articles on one page; a page has at most {MAX_ARTICLES}", MAX_ARTICLES + 500)]
    );
}

#[test]
fn regions_blocks_and_text_over_their_limits_are_cut_with_a_notice_each() {
    use broadsheet_model::{MAX_ARTICLE_TEXT, MAX_BLOCKS, MAX_REGIONS};
    let mut v = issue();
    let region = json!({"points": [[10, 10], [20, 10], [20, 20]]});
    set(&mut v, "/pages/0/articles/1/regions", Value::Array(vec![region; MAX_REGIONS + 1]));
    let para = json!({"type": "paragraph", "text": "段"});
    set(&mut v, "/pages/0/articles/1/body", Value::Array(vec![para; MAX_BLOCKS + 2]));
    // b1: blocks of 100,000 characters, one more than the article's text allows.
    let big = json!({"type": "paragraph", "text": "字".repeat(100_000)});
    let n = MAX_ARTICLE_TEXT / 100_000 + 1;
    set(&mut v, "/pages/1/articles/0/body", Value::Array(vec![big; n]));
    let (i, problems) = read(&v);
    assert_eq!(
        problems,
        [
            format!("pages[0].articles[1].regions: {} regions; the first {MAX_REGIONS} are read and the rest left out", MAX_REGIONS + 1),
            format!("pages[0].articles[1].body: {} blocks; the first {MAX_BLOCKS} are read and the rest left out", MAX_BLOCKS + 2),
            format!(
                "pages[1].articles[0].body: more than {MAX_ARTICLE_TEXT} characters; the first {} of {n} blocks are read and the rest left out",
                n - 1
            ),
        ]
    );
    let a2 = i.article("a2").unwrap().1;
    assert_eq!((a2.regions.len(), a2.body.len()), (MAX_REGIONS, MAX_BLOCKS));
    assert_eq!(i.article("b1").unwrap().1.body.len(), n - 1);
    let strict: Vec<String> = parse::<Issue>(&v.to_string()).unwrap_err().iter().map(ToString::to_string).collect();
    assert!(
        strict.contains(&format!(
            "pages[0].articles[1].regions: {} items; an article has at most {MAX_REGIONS}",
            MAX_REGIONS + 1
        )),
        "{strict:?}"
    );
    assert!(
        strict.contains(&format!(
            "pages[1].articles[0].body: {} characters; an article's body has at most {MAX_ARTICLE_TEXT}",
            n * 100_000
        )),
        "{strict:?}"
    );
}

#[test]
fn an_issue_over_the_page_limit_keeps_the_first_pages() {
    use broadsheet_model::MAX_PAGES;
    let mut v = issue();
    let page = |k: usize| json!({"id": format!("q{k}"), "number": k.to_string(), "name": "版", "image": {"src": "q.jpg", "width": 10, "height": 10}});
    for k in 0..MAX_PAGES {
        push(&mut v, "/pages", page(k));
    }
    let (i, problems) = read(&v);
    assert_eq!(i.pages.len(), MAX_PAGES);
    assert_eq!(
        problems,
        [format!("pages: {} pages; the first {MAX_PAGES} are read and the rest left out", MAX_PAGES + 2)]
    );
}

#[test]
fn a_readers_own_address_rule_leaves_out_what_it_refuses() {
    let mut v = issue();
    set(&mut v, "/pages/0/image/src", json!("//evil.example/p1.jpg"));
    set(&mut v, "/pages/0/pdf", json!("http://169.254.169.254/p1.pdf"));
    set(&mut v, "/pages/0/articles/0/body/1/src", json!("https://evil.example/a1.jpg"));
    let rule = |u: &str| {
        if u.starts_with("//") || u.starts_with("http") {
            Err(format!("{u} is on an origin this reader may not load from"))
        } else {
            Ok(())
        }
    };
    let Checked { value, problems } = broadsheet_model::parse_issue_lenient_with(&v.to_string(), &rule).unwrap();
    let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["pages[0].image.src", "pages[0].pdf", "pages[0].articles[0].body[1].src"], "{problems:?}");
    let p1 = &value.pages[0];
    assert_eq!(p1.image.src, "", "the page stays, without its image");
    assert_eq!(p1.pdf, None);
    assert_eq!(p1.articles[0].body.len(), 1, "the image block is left out");
    // The strict reading and the plain lenient one know no such rule.
    assert!(parse_issue_lenient(&v.to_string()).unwrap().problems.is_empty());
}

#[test]
fn the_direct_reading_takes_only_a_valid_issue_and_leaves_the_rest_to_the_repair() {
    // The reader fetches the repair's code only for what the direct reading leaves to it
    // (src/archive/repair.rs): a valid issue never needs it.
    let ok = |_: &str| Ok(());
    let direct = broadsheet_model::read_issue_direct(&issue().to_string(), &ok).expect("read directly").unwrap();
    assert_eq!((direct.value, direct.problems), (parse::<Issue>(&issue().to_string()).unwrap(), Vec::new()));
    // The model's shape, and a problem that validation finds: the repair's, which leaves the
    // region out and keeps the rest, as the lenient reading always did.
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/0/points", json!([[0, 0], [1, 0], [0, 1e9]]));
    assert!(broadsheet_model::read_issue_direct(&v.to_string(), &ok).is_none());
    let repaired = broadsheet_model::repair_issue(&v.to_string(), &ok).unwrap();
    assert_eq!(repaired.problems.len(), 1, "{:?}", repaired.problems);
    assert_eq!(repaired.value.article("a1").unwrap().1.regions.len(), 1);
    assert_eq!(Ok(repaired), parse_issue_lenient(&v.to_string()));
}

//! Parsing and validation of the data contract, file by file: every failure is checked by its
//! exact JSON path and message, the way a publisher sees it from `broadsheet-kit validate`.

use broadsheet_model::{parse, Archive, Issue, MonthIndex, Problem, Validate};
use serde_json::{json, Value};
use std::fmt::Debug;
use std::time::{Duration, Instant};

/// A valid issue: two pages, a continued article, every kind of block, a rating and a ranking.
fn issue() -> Value {
    json!({
        "version": 1,
        "date": "2016-09-24",
        "edition": "第6342期",
        "pages": [
            {
                "id": "p1", "number": "1", "name": "要闻",
                "image": {"src": "p1.jpg", "width": 1000, "height": 1500,
                          "renditions": [{"src": "p1-small.jpg", "width": 250}]},
                "pdf": "p1.pdf",
                "rating": {"sum": 9, "count": 2},
                "articles": [
                    {
                        "id": "a1", "pretitle": "引题", "title": "好姐妹·娘家人", "subtitle": "副题",
                        "byline": "□ 新华社记者 黄小希",
                        "body": [
                            {"type": "paragraph", "text": "第一段。"},
                            {"type": "heading", "text": "小标题"},
                            {"type": "image", "src": "a1.jpg", "width": 400, "height": 300, "caption": "图片说明"}
                        ],
                        "regions": [
                            {"points": [[10, 10], [500, 10], [500, 700], [10, 700]]},
                            {"page": "p2", "points": [[0, 0], [300, 0], [300, 200]]}
                        ]
                    },
                    {
                        "id": "ad", "kind": "advertisement", "title": "广告",
                        "regions": [{"points": [[0, 1200], [1000, 1200], [1000, 1500], [0, 1500]]}]
                    }
                ]
            },
            {
                "id": "p2", "number": "2", "name": "综合新闻",
                "image": {"src": "https://cdn.example.org/p2.jpg", "width": 1000, "height": 1500},
                "articles": [
                    {"id": "b1", "title": "第二版", "regions": [{"points": [[0, 300], [1000, 300], [1000, 900]]}]}
                ]
            }
        ],
        "ranking": [{"article": "a1", "reads": 120}, {"article": "b1"}]
    })
}

fn archive() -> Value {
    json!({
        "version": 1,
        "paper": {
            "name": "中国妇女报", "title": "中国妇女报数字报纸", "serial": "CN11-0003", "language": "zh-CN",
            "publisher": "出版者", "copyright": "版权声明",
            "links": [{"label": "关于我们", "href": "about.html"}]
        },
        "first": "2016-07-04",
        "last": "2016-09-24",
        "months": "months/{yyyy}-{mm}.json",
        "issues": "{yyyy}/{mm}/{dd}/issue.json",
        "empty_months": ["2016-08"]
    })
}

fn month() -> Value {
    json!({
        "version": 1,
        "month": "2016-09",
        "issues": [
            {"date": "2016-09-01", "pages": 8, "headline": "头条"},
            {"date": "2016-09-02", "pages": 8},
            {"date": "2016-09-24", "pages": 2}
        ]
    })
}

/// The problems of a file that must fail, each as `path: message`.
fn fails<T: Validate + Debug>(text: &str) -> Vec<String> {
    match parse::<T>(text) {
        Ok(v) => panic!("expected problems, parsed {v:?}"),
        Err(problems) => problems.iter().map(Problem::to_string).collect(),
    }
}

fn issue_fails(v: &Value) -> Vec<String> {
    fails::<Issue>(&v.to_string())
}

fn month_fails(v: &Value) -> Vec<String> {
    fails::<MonthIndex>(&v.to_string())
}

fn archive_fails(v: &Value) -> Vec<String> {
    fails::<Archive>(&v.to_string())
}

/// Sets the value at a JSON pointer, which must exist.
fn set(v: &mut Value, pointer: &str, new: Value) {
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = new;
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    v.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key).unwrap_or_else(|| panic!("no {pointer}"));
}

// ---------------------------------------------------------------- valid data

#[test]
fn valid_files_parse() {
    let i: Issue = parse(&issue().to_string()).unwrap();
    assert_eq!(i.pages.len(), 2);
    assert_eq!(i.headline(), Some("好姐妹·娘家人"));
    assert_eq!(i.article("b1").map(|(page, _)| page), Some(1));
    let a: Archive = parse(&archive().to_string()).unwrap();
    assert_eq!(a.issue_path(a.last), "2016/09/24/issue.json");
    assert_eq!(a.month_path(a.first.year_month()), "months/2016-07.json");
    let m: MonthIndex = parse(&month().to_string()).unwrap();
    assert_eq!(m.issues.len(), 3);
}

fn round_trip<T: Validate + serde::Serialize + PartialEq + Debug>(v: Value) {
    let first: T = parse(&v.to_string()).unwrap();
    let text = serde_json::to_string_pretty(&first).unwrap();
    let second: T = parse(&text).unwrap();
    assert_eq!(first, second);
    // Serializing again yields the same text: nothing is lost or reordered on the way.
    assert_eq!(serde_json::to_string_pretty(&second).unwrap(), text);
}

#[test]
fn valid_data_round_trips() {
    round_trip::<Issue>(issue());
    round_trip::<Archive>(archive());
    round_trip::<MonthIndex>(month());
}

#[test]
fn defaults_are_left_out_when_serializing() {
    let text = r#"{"version":1,"date":"2016-09-24","pages":[{"id":"p","number":"1","name":"n",
        "image":{"src":"p.png","width":10,"height":10},
        "articles":[{"id":"a","kind":"article","title":"t"}]}]}"#;
    let i: Issue = parse(text).unwrap();
    let out = serde_json::to_value(&i).unwrap();
    let a = &out["pages"][0]["articles"][0];
    assert_eq!(a.get("kind"), None, "the default kind is not written");
    assert_eq!(a.get("pretitle"), None);
    assert_eq!(out.get("ranking"), None);
    assert_eq!(out["pages"][0]["image"].get("renditions"), None);
}

// ---------------------------------------------------------------- not JSON, not an object

#[test]
fn empty_input_is_not_json() {
    assert_eq!(fails::<Issue>(""), ["not valid JSON: EOF while parsing a value at line 1 column 0"]);
    assert_eq!(fails::<Archive>("   \n"), ["not valid JSON: EOF while parsing a value at line 2 column 0"]);
}

#[test]
fn truncated_json_says_where() {
    assert_eq!(
        fails::<Issue>(r#"{"version": 1, "date": "2016-09-24""#),
        ["not valid JSON: EOF while parsing an object at line 1 column 35"]
    );
}

#[test]
fn top_level_must_be_an_object() {
    assert_eq!(fails::<Issue>("[]"), ["expected a JSON object, found an array"]);
    assert_eq!(fails::<Issue>(r#"[{"version": 1}]"#), ["expected a JSON object, found an array"]);
    assert_eq!(fails::<MonthIndex>("null"), ["expected a JSON object, found null"]);
    assert_eq!(fails::<Archive>(r#""archive""#), ["expected a JSON object, found a string"]);
    assert_eq!(fails::<Issue>("1"), ["expected a JSON object, found a number"]);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for depth in [200, 100_000] {
        let text = "[".repeat(depth) + &"]".repeat(depth);
        let p = fails::<Issue>(&text);
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("not valid JSON: recursion limit exceeded"), "{p:?}");

        // The same inside an otherwise plausible issue, as the value of a known field.
        let text = format!(r#"{{"version":1,"date":"2016-09-24","pages":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        let p = fails::<Issue>(&text);
        assert!(p[0].starts_with("not valid JSON: recursion limit exceeded"), "{p:?}");

        let text = r#"{"a":"#.repeat(depth) + "1" + &"}".repeat(depth);
        let p = fails::<Archive>(&text);
        assert!(p[0].starts_with("not valid JSON: recursion limit exceeded"), "{p:?}");
    }
}

#[test]
fn nesting_under_the_limit_in_an_unknown_field_is_refused_by_name() {
    let mut v = issue();
    let mut deep = json!(1);
    for _ in 0..100 {
        deep = json!([deep]);
    }
    v.as_object_mut().unwrap().insert("extra".into(), deep);
    let p = issue_fails(&v);
    assert_eq!(p.len(), 1);
    assert_eq!(p, ["extra: unknown field `extra`, expected one of `version`, `date`, `edition`, `pages`, `ranking`"]);
}

// ---------------------------------------------------------------- version

#[test]
fn unknown_version_is_refused_before_anything_else() {
    let mut v = issue();
    set(&mut v, "/version", json!(2));
    // The rest of the file is broken too, but a newer version says nothing about our fields.
    set(&mut v, "/pages/0/articles/0/title", json!(5));
    assert_eq!(issue_fails(&v), ["version: schema version 2 is not supported; this reader reads version 1"]);

    let mut v = archive();
    set(&mut v, "/version", json!(0));
    assert_eq!(archive_fails(&v), ["version: schema version 0 is not supported; this reader reads version 1"]);

    let mut v = month();
    set(&mut v, "/version", json!(1.5));
    assert_eq!(month_fails(&v), ["version: schema version 1.5 is not supported; this reader reads version 1"]);
}

#[test]
fn missing_or_mistyped_version() {
    let mut v = issue();
    remove(&mut v, "/version");
    assert_eq!(issue_fails(&v), ["version: missing field (the schema version, 1)"]);
    set(&mut v, "", json!({"version": "1", "date": "2016-09-24", "pages": []}));
    assert_eq!(issue_fails(&v), ["version: must be a number"]);
    let mut v = month();
    set(&mut v, "/version", Value::Null);
    assert_eq!(month_fails(&v), ["version: must be a number"]);
}

// ---------------------------------------------------------------- shape errors

#[test]
fn title_of_the_wrong_type() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/title", json!(5));
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].title: invalid type: integer `5`, expected a string"]);
    set(&mut v, "/pages/0/articles/0/title", json!(["a"]));
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].title: invalid type: sequence, expected a string"]);
    set(&mut v, "/pages/0/articles/0/title", Value::Null);
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].title: invalid type: null, expected a string"]);
}

#[test]
fn points_as_strings() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/1/points/2", json!(["1e308", "0"]));
    assert_eq!(
        issue_fails(&v),
        [r#"pages[0].articles[0].regions[1].points[2][0]: invalid type: string "1e308", expected f64"#]
    );
}

#[test]
fn huge_and_out_of_range_numbers() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/0/points/1", json!([1e308, 0]));
    let p = issue_fails(&v);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0],
        r#"pages[0].articles[0].regions[0].points[1]: (1e308, 0) lies outside page "p1", which is 1000 by 1500 pixels"#
    );
    // Beyond f64: serde_json refuses it while reading.
    let text = issue().to_string().replace("[500,10]", "[1e400,10]");
    let p = fails::<Issue>(&text);
    assert!(p[0].starts_with("not valid JSON: number out of range"), "{p:?}");
    // Negative and fractional sizes.
    let mut v = issue();
    set(&mut v, "/pages/1/image/width", json!(-1));
    assert_eq!(issue_fails(&v), ["pages[1].image.width: invalid value: integer `-1`, expected u32"]);
    set(&mut v, "/pages/1/image/width", json!(1000.0));
    assert_eq!(issue_fails(&v), ["pages[1].image.width: invalid type: floating point `1000.0`, expected u32"]);
    set(&mut v, "/pages/1/image/width", json!(4294967296u64));
    assert_eq!(issue_fails(&v), ["pages[1].image.width: invalid value: integer `4294967296`, expected u32"]);
}

#[test]
fn a_point_needs_exactly_two_numbers() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/0/points/0", json!([1, 2, 3]));
    assert_eq!(
        issue_fails(&v),
        ["pages[0].articles[0].regions[0].points[0]: invalid length 3, expected fewer elements in array"]
    );
    set(&mut v, "/pages/0/articles/0/regions/0/points/0", json!([1]));
    assert_eq!(
        issue_fails(&v),
        ["pages[0].articles[0].regions[0].points[0]: invalid length 1, expected an array of length 2"]
    );
}

#[test]
fn missing_fields() {
    let mut v = issue();
    remove(&mut v, "/pages/0/articles/0/title");
    assert_eq!(issue_fails(&v), ["pages[0].articles[0]: missing field `title`"]);
    let mut v = issue();
    remove(&mut v, "/pages");
    assert_eq!(issue_fails(&v), ["missing field `pages`"]);
    let mut v = issue();
    remove(&mut v, "/pages/1/image/height");
    assert_eq!(issue_fails(&v), ["pages[1].image: missing field `height`"]);
    let mut v = archive();
    remove(&mut v, "/paper/language");
    assert_eq!(archive_fails(&v), ["paper: missing field `language`"]);
    let mut v = month();
    remove(&mut v, "/issues/1/pages");
    assert_eq!(month_fails(&v), ["issues[1]: missing field `pages`"]);
    let mut v = issue();
    remove(&mut v, "/pages/0/articles/0/body/0/text");
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].body[0]: missing field `text`"]);
    let mut v = issue();
    remove(&mut v, "/pages/0/articles/0/body/0/type");
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].body[0]: missing field `type`"]);
}

#[test]
fn unknown_fields() {
    let mut v = issue();
    v["pages"][0]["articles"][0]["colour"] = json!("red");
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].colour: unknown field `colour`, expected one of `id`, `kind`, `pretitle`, `title`, `subtitle`, `byline`, `body`, `regions`"]);
    let mut v = issue();
    v["pages"][0]["articles"][0]["body"][1]["level"] = json!(2);
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].body[1]: unknown field `level`, expected `text`"]);
    let mut v = archive();
    v["$schema"] = json!("schema/archive.schema.json");
    assert_eq!(archive_fails(&v), ["$schema: unknown field `$schema`, expected one of `version`, `paper`, `first`, `last`, `months`, `issues`, `empty_months`, `search`, `search_start`, `origins`"]);
}

#[test]
fn unknown_block_type_and_article_kind() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/body/0/type", json!("video"));
    assert_eq!(
        issue_fails(&v),
        ["pages[0].articles[0].body[0].type: unknown variant `video`, expected one of `paragraph`, `heading`, `image`"]
    );
    let mut v = issue();
    set(&mut v, "/pages/0/articles/1/kind", json!("Advertisement"));
    assert_eq!(issue_fails(&v), ["pages[0].articles[1].kind: unknown variant `Advertisement`, expected one of `article`, `masthead`, `advertisement`"]);
}

// ---------------------------------------------------------------- polygons

#[test]
fn polygon_with_two_points() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/0/points", json!([[0, 0], [10, 10]]));
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].regions[0]: polygon has 2 points, needs at least 3"]);
    set(&mut v, "/pages/0/articles/0/regions/0/points", json!([]));
    assert_eq!(issue_fails(&v), ["pages[0].articles[0].regions[0]: polygon has 0 points, needs at least 3"]);
}

#[test]
fn polygon_with_too_many_points() {
    let mut v = issue();
    let points: Vec<Value> = (0..10_001).map(|i| json!([i % 1000, i % 1500])).collect();
    set(&mut v, "/pages/0/articles/0/regions/0/points", Value::Array(points));
    assert_eq!(
        issue_fails(&v),
        ["pages[0].articles[0].regions[0]: polygon has 10001 points, at most 10000 are allowed"]
    );
}

#[test]
fn polygon_without_area() {
    let mut v = issue();
    // Three points on a line, and a "bow tie" whose two halves cancel out.
    set(&mut v, "/pages/0/articles/0/regions/0/points", json!([[0, 0], [100, 100], [200, 200]]));
    set(&mut v, "/pages/1/articles/0/regions/0/points", json!([[0, 0], [100, 100], [100, 0], [0, 100]]));
    assert_eq!(
        issue_fails(&v),
        [
            "pages[0].articles[0].regions[0]: polygon encloses no area",
            "pages[1].articles[0].regions[0]: polygon encloses no area",
        ]
    );
}

#[test]
fn polygon_outside_its_page() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/0/points/2", json!([1000.5, 700]));
    set(&mut v, "/pages/0/articles/1/regions/0/points/0", json!([-1, 1200]));
    assert_eq!(
        issue_fails(&v),
        [
            r#"pages[0].articles[0].regions[0].points[2]: (1000.5, 700) lies outside page "p1", which is 1000 by 1500 pixels"#,
            r#"pages[0].articles[1].regions[0].points[0]: (-1, 1200) lies outside page "p1", which is 1000 by 1500 pixels"#,
        ]
    );
    // A continued region is checked against the page it names, not the article's home page.
    let mut v = issue();
    set(&mut v, "/pages/1/image/width", json!(200));
    assert_eq!(
        issue_fails(&v),
        [
            r#"pages[0].articles[0].regions[1].points[1]: (300, 0) lies outside page "p2", which is 200 by 1500 pixels"#,
            r#"pages[1].articles[0].regions[0].points[1]: (1000, 300) lies outside page "p2", which is 200 by 1500 pixels"#,
        ]
    );
}

#[test]
fn region_naming_an_unknown_page() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/1/page", json!("p9"));
    assert_eq!(issue_fails(&v), [r#"pages[0].articles[0].regions[1].page: no page has the id "p9""#]);
}

// ---------------------------------------------------------------- addresses

#[test]
fn non_http_addresses_are_refused() {
    let cases = [
        (
            "/pages/0/image/src",
            "javascript:alert(1)",
            r#"pages[0].image.src: scheme "javascript:" is not allowed, only http, https and relative addresses"#,
        ),
        (
            "/pages/0/pdf",
            "data:application/pdf;base64,AAAA",
            r#"pages[0].pdf: scheme "data:" is not allowed, only http, https and relative addresses"#,
        ),
        (
            "/pages/0/articles/0/body/2/src",
            "java\tscript:alert(1)",
            r#"pages[0].articles[0].body[2].src: address contains the character '\t'"#,
        ),
        (
            "/pages/0/image/renditions/0/src",
            "JaVaScRiPt:x",
            r#"pages[0].image.renditions[0].src: scheme "JaVaScRiPt:" is not allowed, only http, https and relative addresses"#,
        ),
        ("/pages/1/image/src", " https://x.org/p.jpg", r#"pages[1].image.src: address contains the character ' '"#),
        (
            "/pages/1/image/src",
            "file:///etc/passwd",
            r#"pages[1].image.src: scheme "file:" is not allowed, only http, https and relative addresses"#,
        ),
        ("/pages/1/image/src", "", "pages[1].image.src: address is empty"),
        ("/pages/1/image/src", "a\\b.png", r#"pages[1].image.src: address contains the character '\\'"#),
        ("/pages/1/image/src", "p\u{0}.png", r#"pages[1].image.src: address contains the character '\0'"#),
        ("/pages/1/image/src", "p\u{2028}.png", r#"pages[1].image.src: address contains the character '\u{2028}'"#),
    ];
    for (pointer, url, expected) in cases {
        let mut v = issue();
        set(&mut v, pointer, json!(url));
        assert_eq!(issue_fails(&v), [expected], "{url:?}");
    }
    let mut v = archive();
    set(&mut v, "/paper/links/0/href", json!("vbscript:msgbox"));
    assert_eq!(
        archive_fails(&v),
        [r#"paper.links[0].href: scheme "vbscript:" is not allowed, only http, https and relative addresses"#]
    );
    let long = format!("https://x.org/{}", "a".repeat(2040));
    let mut v = issue();
    set(&mut v, "/pages/0/pdf", json!(long));
    assert_eq!(issue_fails(&v), ["pages[0].pdf: address is 2054 bytes long, at most 2048 are allowed"]);
}

// ---------------------------------------------------------------- text

#[test]
fn a_one_megabyte_title_is_refused_quickly_with_its_length() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/title", json!("标".repeat(350_000)));
    let text = v.to_string();
    assert!(text.len() > 1_000_000);
    let start = Instant::now();
    let p = fails::<Issue>(&text);
    let took = start.elapsed();
    assert_eq!(p, ["pages[0].articles[0].title: is 350000 characters long, at most 1000 are allowed"]);
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn blank_required_text_and_long_paragraphs() {
    let mut v = issue();
    set(&mut v, "/pages/0/name", json!(" \n "));
    set(&mut v, "/pages/0/articles/0/body/1/text", json!(""));
    set(&mut v, "/pages/0/articles/0/body/0/text", json!("x".repeat(200_001)));
    assert_eq!(
        issue_fails(&v),
        [
            "pages[0].name: must not be empty",
            "pages[0].articles[0].body[0].text: is 200001 characters long, at most 200000 are allowed",
            "pages[0].articles[0].body[1].text: must not be empty",
        ]
    );
}

#[test]
fn text_is_kept_as_written_not_as_html() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/title", json!("<script>alert(1)</script> &amp;"));
    let i: Issue = parse(&v.to_string()).unwrap();
    assert_eq!(i.pages[0].articles[0].title, "<script>alert(1)</script> &amp;");
}

// ---------------------------------------------------------------- ids and references

#[test]
fn duplicate_page_and_article_ids() {
    let mut v = issue();
    set(&mut v, "/pages/1/id", json!("p1"));
    set(&mut v, "/pages/1/articles/0/id", json!("a1"));
    set(&mut v, "/pages/0/articles/0/regions/1/page", json!("p1"));
    assert_eq!(
        issue_fails(&v),
        [
            r#"pages[1].id: "p1" is already the id of pages[0]"#,
            r#"pages[1].articles[0].id: "a1" is already the id of pages[0].articles[0]"#,
            r#"ranking[1].article: no article has the id "b1""#,
        ]
    );
}

#[test]
fn malformed_ids() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/1/id", json!("a b"));
    set(&mut v, "/pages/1/articles/0/id", json!(""));
    assert_eq!(
        issue_fails(&v),
        [
            r#"pages[0].articles[1].id: "a b" is not an id: use 1 to 200 of A-Z a-z 0-9 - _ ."#,
            r#"pages[1].articles[0].id: "" is not an id: use 1 to 200 of A-Z a-z 0-9 - _ ."#,
            r#"ranking[1].article: no article has the id "b1""#,
        ]
    );
}

#[test]
fn ranking_naming_a_missing_article() {
    let mut v = issue();
    set(&mut v, "/ranking/1/article", json!("zz"));
    assert_eq!(issue_fails(&v), [r#"ranking[1].article: no article has the id "zz""#]);
}

#[test]
fn impossible_rating_baseline() {
    for (sum, count) in [(11, 2), (1, 2), (1, 0)] {
        let mut v = issue();
        set(&mut v, "/pages/0/rating", json!({"sum": sum, "count": count}));
        assert_eq!(
            issue_fails(&v),
            [format!("pages[0].rating: a sum of {sum} from {count} votes of 1 to 5 points is impossible")]
        );
    }
    for (sum, count) in [(0, 0), (2, 2), (10, 2), (u64::MAX, u64::MAX / 5)] {
        let mut v = issue();
        set(&mut v, "/pages/0/rating", json!({"sum": sum, "count": count}));
        parse::<Issue>(&v.to_string()).unwrap_or_else(|p| panic!("{sum}/{count}: {p:?}"));
    }
}

#[test]
fn sizes_of_images_and_renditions() {
    let mut v = issue();
    set(&mut v, "/pages/0/image/renditions/0/width", json!(1001));
    set(&mut v, "/pages/1/image/height", json!(0));
    set(&mut v, "/pages/0/articles/0/body/2/width", json!(0));
    assert_eq!(
        issue_fails(&v),
        [
            "pages[0].image.renditions[0].width: 1001 must be between 1 and the full width 1000",
            "pages[1].image.height: 0 is not a page size: use 1 to 100000 pixels",
            "pages[0].articles[0].body[2].width: must be at least 1",
            // Regions on a page whose size is wrong are not judged again against that size.
        ]
    );
}

#[test]
fn an_issue_needs_a_page() {
    let mut v = issue();
    set(&mut v, "/pages", json!([]));
    set(&mut v, "/ranking", json!([]));
    assert_eq!(issue_fails(&v), ["pages: an issue has at least one page"]);
}

// ---------------------------------------------------------------- dates

#[test]
fn dates_must_be_real() {
    let mut v = issue();
    set(&mut v, "/date", json!("2015-02-29"));
    assert_eq!(issue_fails(&v), [r#"date: "2015-02-29" is not a real date"#]);
    set(&mut v, "/date", json!("2016-9-24"));
    assert_eq!(issue_fails(&v), [r#"date: "2016-9-24" is not a date of the form YYYY-MM-DD"#]);
    set(&mut v, "/date", json!("2016-13-01"));
    assert_eq!(issue_fails(&v), [r#"date: "2016-13-01" has no month 13"#]);
    set(&mut v, "/date", json!(20160924));
    assert_eq!(issue_fails(&v), ["date: invalid type: integer `20160924`, expected a date string YYYY-MM-DD"]);
    let mut v = month();
    set(&mut v, "/issues/1/date", json!("2016-09-31"));
    assert_eq!(month_fails(&v), [r#"issues[1].date: "2016-09-31" is not a real date"#]);
    let mut v = archive();
    set(&mut v, "/empty_months/0", json!("2016-8"));
    assert_eq!(archive_fails(&v), [r#"empty_months[0]: "2016-8" is not a month of the form YYYY-MM"#]);
}

#[test]
fn month_index_out_of_order_duplicated_or_foreign() {
    let mut v = month();
    set(&mut v, "/issues/1/date", json!("2016-09-30"));
    assert_eq!(
        month_fails(&v),
        ["issues[2].date: 2016-09-24 is listed after 2016-09-30: dates must be in ascending order"]
    );
    let mut v = month();
    set(&mut v, "/issues/1/date", json!("2016-09-01"));
    assert_eq!(month_fails(&v), ["issues[1].date: 2016-09-01 is listed twice"]);
    let mut v = month();
    set(&mut v, "/issues/2/date", json!("2016-10-01"));
    assert_eq!(month_fails(&v), ["issues[2].date: 2016-10-01 is not in 2016-09"]);
    let mut v = month();
    set(&mut v, "/issues/0/pages", json!(0));
    assert_eq!(month_fails(&v), ["issues[0].pages: an issue has at least one page"]);
}

#[test]
fn archive_range_templates_and_empty_months() {
    let mut v = archive();
    set(&mut v, "/first", json!("2016-10-01"));
    assert_eq!(
        archive_fails(&v),
        [
            "first: first issue 2016-10-01 is after the last issue 2016-09-24",
            "empty_months[0]: 2016-08 is outside the archive (2016-10-01 to 2016-09-24)",
        ]
    );
    let mut v = archive();
    set(&mut v, "/issues", json!("{yyyy}/{mm}/issue.json"));
    set(&mut v, "/months", json!("javascript:{yyyy}{mm}"));
    assert_eq!(
        archive_fails(&v),
        [
            r#"months: scheme "javascript:" is not allowed, only http, https and relative addresses"#,
            r#"issues: address template "{yyyy}/{mm}/issue.json" lacks {dd}"#,
        ]
    );
    let mut v = archive();
    set(&mut v, "/empty_months", json!(["2016-08", "2016-09", "2016-12", "2016-08"]));
    assert_eq!(
        archive_fails(&v),
        [
            "empty_months[1]: 2016-09 holds the first or last issue, so it cannot be empty",
            "empty_months[2]: 2016-12 is outside the archive (2016-07-04 to 2016-09-24)",
            "empty_months[3]: 2016-08 is listed twice",
        ]
    );
}

// ---------------------------------------------------------------- all at once

#[test]
fn every_semantic_problem_is_reported_at_once() {
    let mut v = issue();
    set(&mut v, "/pages/0/articles/0/regions/0/points", json!([[0, 0], [10, 10]]));
    set(&mut v, "/pages/1/image/src", json!("javascript:alert(1)"));
    set(&mut v, "/ranking/0/article", json!("nope"));
    let p = parse::<Issue>(&v.to_string()).unwrap_err();
    assert_eq!(p.len(), 3, "{p:?}");
    assert_eq!(
        p[0],
        Problem::new(
            "pages[1].image.src",
            r#"scheme "javascript:" is not allowed, only http, https and relative addresses"#
        )
    );
    assert_eq!(p[1], Problem::new("pages[0].articles[0].regions[0]", "polygon has 2 points, needs at least 3"));
    assert_eq!(p[2], Problem::new("ranking[0].article", r#"no article has the id "nope""#));
}

#[test]
fn problems_display_as_path_colon_message() {
    assert_eq!(
        Problem::new("pages[2].articles[5].regions[0]", "polygon has 2 points, needs at least 3").to_string(),
        "pages[2].articles[5].regions[0]: polygon has 2 points, needs at least 3"
    );
    assert_eq!(Problem::new("", "not valid JSON: EOF").to_string(), "not valid JSON: EOF");
}

#[test]
fn null_is_the_same_as_absent_for_optional_fields() {
    let mut v = issue();
    set(&mut v, "/edition", Value::Null);
    set(&mut v, "/pages/0/pdf", Value::Null);
    set(&mut v, "/pages/0/rating", Value::Null);
    set(&mut v, "/pages/0/articles/0/regions/1/page", Value::Null);
    let i: Issue = parse(&v.to_string()).unwrap();
    assert_eq!(i.edition, None);
    assert_eq!(i.pages[0].pdf, None);
    assert_eq!(i.pages[0].rating, None);
    // A region without a page is on the article's home page: here p1, where it fits too.
    assert_eq!(i.pages[0].articles[0].regions[1].page, None);
    // Lists are not optional in that way: null is not an empty list.
    set(&mut v, "/ranking", Value::Null);
    assert_eq!(issue_fails(&v), ["ranking: invalid type: null, expected a sequence"]);
}

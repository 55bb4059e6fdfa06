//! Reading archive.json and the month indexes as the reader does: a broken part (a footer link, an
//! empty month, a month's entry, a member the reader does not know) is left out with its problem
//! by the path in the file as written; what the reader needs refuses the file.

use broadsheet_model::{parse, parse_archive_lenient, parse_month_lenient, Archive, Checked, MonthIndex, YearMonth};
use serde_json::{json, Value};

fn archive() -> Value {
    serde_json::from_str(include_str!("../../../demo/data/archive.json")).unwrap()
}

fn read(v: &Value) -> (Archive, Vec<String>) {
    let Checked { value, problems } =
        parse_archive_lenient(&v.to_string()).unwrap_or_else(|p| panic!("refused: {p:?}"));
    (value, problems.iter().map(ToString::to_string).collect())
}

fn refused(v: &Value) -> Vec<String> {
    match parse_archive_lenient(&v.to_string()) {
        Ok(c) => panic!("expected a refusal, read {:?}", c.problems),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    }
}

fn labels(a: &Archive) -> Vec<&str> {
    a.paper.links.iter().map(|l| l.label.as_str()).collect()
}

#[test]
fn a_valid_manifest_reads_as_the_strict_parser_reads_it() {
    let text = archive().to_string();
    let (a, problems) = read(&archive());
    assert_eq!(a, parse::<Archive>(&text).unwrap());
    assert!(problems.is_empty());
}

#[test]
fn one_bad_footer_link_leaves_out_that_link_only() {
    let mut v = archive();
    v["paper"]["links"][1]["href"] = json!("javascript:alert(1)");
    let (a, problems) = read(&v);
    assert_eq!(labels(&a), ["关于我们", "在线投稿", "手机触屏版"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("paper.links[1].href:"), "{problems:?}");
    assert_eq!(a.paper.name, "中国妇女报");
    assert_eq!(a.empty_months.len(), 1);
}

#[test]
fn a_bad_search_index_address_leaves_out_the_index_only() {
    let mut v = archive();
    assert_eq!(read(&v).0.search.as_deref(), Some("search/"));
    v["search"] = json!("javascript:alert(1)");
    let (a, problems) = read(&v);
    assert_eq!(a.search, None);
    // The start-up files of the index go with it.
    assert!(a.search_start.is_empty());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("search:"), "{problems:?}");
    assert!(problems[1].starts_with("search_start:"), "{problems:?}");
    assert_eq!(a.paper.name, "中国妇女报");
    v["search"] = json!(["search/"]);
    let (a, problems) = read(&v);
    assert_eq!((a.search, problems.len()), (None, 2), "{problems:?}");
}

#[test]
fn a_bad_start_up_file_of_the_search_index_is_left_out_alone() {
    let mut v = archive();
    v["search_start"] =
        json!(["engine/pagefind-entry.json", "../secret.json", "2016/x.pf_meta", "engine/pagefind-entry.json"]);
    let (a, problems) = read(&v);
    assert_eq!(a.search_start, ["engine/pagefind-entry.json", "2016/x.pf_meta"]);
    let paths: Vec<_> = problems.iter().map(|p| p.split(':').next().unwrap().to_string()).collect();
    assert_eq!(paths, ["search_start[1]", "search_start[3]"], "{problems:?}");
    assert_eq!(a.search.as_deref(), Some("search/"));
    // Without the index they name, they are left out as a whole.
    v["search"] = json!("javascript:alert(1)");
    v["search_start"] = json!(["engine/pagefind-entry.json"]);
    let (a, problems) = read(&v);
    assert_eq!((a.search, a.search_start.len(), problems.len()), (None, 0, 2), "{problems:?}");
}

#[test]
fn links_of_the_wrong_shape_are_named_by_their_place_in_the_file() {
    let mut v = archive();
    v["paper"]["links"][0] = json!({"label": "无地址"});
    v["paper"]["links"][2] = json!("https://example.com/");
    v["paper"]["links"][3]["label"] = json!("");
    let (a, problems) = read(&v);
    assert_eq!(labels(&a), ["联系我们"]);
    let paths: Vec<_> = problems.iter().map(|p| p.split(':').next().unwrap().to_string()).collect();
    assert_eq!(paths, ["paper.links[0]", "paper.links[2]", "paper.links[3].label"], "{problems:?}");
}

#[test]
fn a_list_that_is_not_a_list_and_overlong_lines_are_left_out() {
    let mut v = archive();
    v["paper"]["links"] = json!({"label": "x"});
    v["paper"]["serial"] = json!("号".repeat(2_000));
    v["paper"]["publisher"] = json!(42);
    let (a, problems) = read(&v);
    assert!(a.paper.links.is_empty() && a.paper.serial.is_none() && a.paper.publisher.is_none());
    assert_eq!(a.paper.title.as_deref(), Some("中国妇女报数字报纸"));
    assert_eq!(problems.len(), 3, "{problems:?}");
}

#[test]
fn members_the_reader_does_not_know_are_left_out_with_a_notice() {
    let mut v = archive();
    v["search_v9"] = json!({"index": "s/"});
    v["paper"]["motto"] = json!("x");
    let (a, problems) = read(&v);
    assert_eq!(a.paper.name, "中国妇女报");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("search_v9:") && p.contains("unknown field")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("paper.motto:")), "{problems:?}");
}

#[test]
fn an_empty_month_outside_the_archive_or_twice_is_left_out() {
    let mut v = archive();
    v["empty_months"] = json!(["2016-07", "2030-01", "2016-07", "July"]);
    let (a, problems) = read(&v);
    assert_eq!(a.empty_months, [YearMonth::new(2016, 7).unwrap()]);
    let paths: Vec<_> = problems.iter().map(|p| p.split(':').next().unwrap().to_string()).collect();
    assert_eq!(paths, ["empty_months[3]", "empty_months[1]", "empty_months[2]"], "{problems:?}");
}

#[test]
fn what_the_reader_needs_still_refuses_the_file() {
    for (pointer, bad) in [
        ("/paper/name", json!("")),
        ("/paper/language", json!(null)),
        ("/first", json!("2016-13-01")),
        ("/months", json!("months/{yyyy}.json")),
        ("/issues", json!("javascript:x")),
        ("/version", json!(2)),
    ] {
        let mut v = archive();
        *v.pointer_mut(pointer).unwrap() = bad;
        let problems = refused(&v);
        let key = pointer.trim_start_matches('/').replace('/', ".");
        assert!(problems.iter().any(|p| p.starts_with(&key)), "{pointer}: {problems:?}");
    }
    // A broken link beside a fatal problem is reported too.
    let mut v = archive();
    v["paper"]["links"][0]["href"] = json!("data:text/html,x");
    v["paper"]["name"] = json!("");
    let problems = refused(&v);
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn a_manifest_broken_in_hundreds_of_parts_is_refused_quickly() {
    let mut v = archive();
    v["paper"]["links"] = Value::Array((0..5_000).map(|i| json!({"label": i})).collect());
    let started = std::time::Instant::now();
    let problems = refused(&v);
    assert!(problems.last().unwrap().contains("more than 200 parts are broken"), "{:?}", problems.last());
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
}

fn month() -> Value {
    serde_json::from_str(include_str!("../../../demo/data/months/2016-09.json")).unwrap()
}

fn read_month(v: &Value) -> Result<Checked<MonthIndex>, Vec<broadsheet_model::Problem>> {
    let archive = parse::<Archive>(include_str!("../../../demo/data/archive.json")).unwrap();
    parse_month_lenient(&v.to_string(), YearMonth::new(2016, 9).unwrap(), &archive)
}

#[test]
fn a_broken_month_entry_leaves_out_that_day_only() {
    let mut v = month();
    v["issues"][0]["pages"] = json!(0);
    v["issues"].as_array_mut().unwrap().push(json!({"date": "2016-10-01", "pages": 4}));
    v["issues"].as_array_mut().unwrap().push(json!({"date": "2016-09-31", "pages": 4}));
    let Checked { value, problems } = read_month(&v).unwrap();
    let days: Vec<_> = value.issues.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(days, ["2016-09-17", "2016-09-24"]);
    let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["issues[4].date", "issues[0].pages", "issues[3].date", "issues[3].date"], "{problems:?}");
}

#[test]
fn a_month_with_no_entry_left_or_of_another_month_is_refused() {
    let mut v = month();
    for e in v["issues"].as_array_mut().unwrap() {
        e["pages"] = json!(0);
    }
    assert!(read_month(&v).is_err());
    let mut v = month();
    v["month"] = json!("2016-08");
    assert!(read_month(&v).is_err());
    assert!(read_month(&month()).unwrap().problems.is_empty());
}

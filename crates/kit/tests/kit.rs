//! The kit end to end: runs the built binary on temporary folders and checks its output
//! against the kit's own data (the library), not copies of it.

use broadsheet_kit::{demo, index, seed, synth};
use broadsheet_model::{parse, Archive, ArticleKind, Block, Issue, MonthIndex};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn kit(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet-kit")).args(args).output().expect("the kit runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn temp() -> TempDir {
    tempfile::Builder::new().prefix("broadsheet-kit-").tempdir().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn committed_demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/data")
}

/// Every file under a folder: path relative to it (with `/`) and content.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = Vec::new();
    index::walk(dir, dir, &mut files).unwrap();
    files.into_iter().map(|rel| (rel.clone(), fs::read(dir.join(rel)).unwrap())).collect()
}

fn copy_demo() -> TempDir {
    let dir = temp();
    for (rel, bytes) in tree(&committed_demo()) {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    dir
}

fn demo_issue(date: &str) -> Issue {
    let text = fs::read_to_string(committed_demo().join(format!("issues/{date}/issue.json"))).unwrap();
    parse::<Issue>(&text).unwrap()
}

#[test]
fn demo_output_validates() {
    let tmp = temp();
    let dir = tmp.path();
    let (code, out) = kit(&["demo", s(dir)]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = kit(&["validate", s(dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("30 file(s) checked, 0 problem(s) found"), "{out}");
}

#[test]
fn committed_demo_is_up_to_date_and_output_is_deterministic() {
    let (ta, tb) = (temp(), temp());
    let (a, b) = (ta.path(), tb.path());
    assert_eq!(kit(&["demo", s(a)]).0, 0);
    assert_eq!(kit(&["demo", s(b)]).0, 0);
    let (ta, tb) = (tree(a), tree(b));
    assert!(ta == tb, "two runs of demo differ");
    let committed = tree(&committed_demo());
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&ta),
        "demo/data is stale: run `cargo run -p broadsheet-kit -- demo demo/data` (and delete files it no longer writes)"
    );
    for (name, bytes) in &ta {
        assert!(
            committed[name] == *bytes,
            "demo/data/{name} is stale: run `cargo run -p broadsheet-kit -- demo demo/data`"
        );
    }
    // Our own JSON files; Pagefind's (search/YEAR/pagefind-entry.json) are as it writes them, and
    // words files are compact (a page holds thousands of words).
    for (name, bytes) in &ta {
        if name.ends_with(".json") && !name.ends_with("pagefind-entry.json") && !name.ends_with(".words.json") {
            let text = std::str::from_utf8(bytes).unwrap();
            assert!(text.ends_with("}\n") && text.starts_with("{\n  \"version\": 1,"), "{name} is not pretty JSON");
        }
    }
}

#[test]
fn the_archive_has_the_paper_and_a_gap() {
    let text = fs::read_to_string(committed_demo().join("archive.json")).unwrap();
    let a = parse::<Archive>(&text).unwrap();
    assert_eq!(a.paper.name, "中国妇女报");
    assert_eq!(a.paper.title.as_deref(), Some("中国妇女报数字报纸"));
    assert_eq!(a.paper.serial.as_deref(), Some("CN11-0003"));
    assert_eq!(a.paper.language, "zh-CN");
    assert_eq!(a.paper.publisher.as_deref(), Some("主办单位:中国妇女报社 版权所有:中国妇女报网"));
    let c = a.paper.copyright.as_deref().unwrap();
    assert!(c.starts_with("《中国妇女报》(电子版)的一切内容") && c.ends_with("追究侵权者的法律责任。"));
    let labels: Vec<&str> = a.paper.links.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["关于我们", "联系我们", "在线投稿", "手机触屏版"]);
    assert_eq!(a.paper, demo::paper());
    assert_eq!(a.last.to_string(), "2016-09-24");
    assert_eq!((a.months.as_str(), a.issues.as_str()), (demo::MONTHS, demo::ISSUES));
    let text = fs::read_to_string(committed_demo().join("months/2016-09.json")).unwrap();
    let m = parse::<MonthIndex>(&text).unwrap();
    let dates: Vec<String> = m.issues.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(dates, ["2016-09-10", "2016-09-17", "2016-09-24"]);
    assert!(m.issues.iter().all(|e| e.pages >= 4));
    assert!(fs::read_to_string(committed_demo().join("months/2016-08.json")).unwrap().contains("2016-08-27"));
}

#[test]
fn the_reference_page_is_reproduced() {
    let issue = demo_issue("2016-09-24");
    assert!(issue.pages.len() >= 4);
    let page = &issue.pages[1];
    assert_eq!((page.id.as_str(), page.number.as_str(), page.name.as_str()), ("p2", "02", "综合新闻"));
    let titles: Vec<&str> = page.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, seed::TITLES);
    assert!(page.rating.is_none(), "the reference shows 0.0 / 0 on this page");

    let seed = &page.articles[1];
    assert_eq!(seed.subtitle.as_deref(), Some("——全面深化改革探索之妇联组织转变作风提升服务能力"));
    assert_eq!(seed.byline.as_deref(), Some("□ 新华社记者 黄小希"));
    let headings: Vec<&str> = seed
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["与妇女群众成为“好姐妹”", "当好妇女群众的“娘家人”", "让妇女群众在妇女工作中“唱主角儿”"]);
    let paragraphs = seed.body.iter().filter(|b| matches!(b, Block::Paragraph { .. })).count();
    assert_eq!(paragraphs, 13);
    assert!(matches!(&seed.body[0], Block::Paragraph { text } if text.starts_with("厦门市思明区前埔北社区")));
    assert!(matches!(seed.body.last(), Some(Block::Paragraph { text }) if text.ends_with("使各项活动紧贴妇女需求。")));
    assert_eq!(seed.regions[0].points.len(), 6, "the seed article is an L shape");

    // Every other article has 2 to 4 paragraphs.
    for (_, a) in issue.articles().filter(|(_, a)| a.kind == ArticleKind::Article && a.id != seed.id) {
        let n = a.body.iter().filter(|b| matches!(b, Block::Paragraph { .. })).count();
        assert!((2..=4).contains(&n), "{} has {n} paragraphs", a.id);
    }
}

#[test]
fn the_newest_issue_has_ranking_ratings_images_and_a_continued_article() {
    let issue = demo_issue("2016-09-24");
    assert_eq!(issue.ranking.len(), 5);
    for r in &issue.ranking {
        assert!(issue.article(&r.article).is_some(), "{}", r.article);
    }
    let rated: Vec<_> = issue.pages.iter().filter_map(|p| p.rating).collect();
    assert!(!rated.is_empty());
    assert!(rated.iter().all(|r| r.count <= r.sum && r.sum <= 5 * r.count));
    assert_eq!((issue.pages[0].rating.unwrap().sum, issue.pages[0].rating.unwrap().count), (42, 10));

    let continued: Vec<_> = issue
        .articles()
        .filter(|(home, a)| a.regions.iter().any(|r| r.page.as_deref().is_some_and(|p| p != issue.pages[*home].id)))
        .collect();
    assert_eq!(continued.len(), 1);
    let (home, a) = continued[0];
    assert_eq!(a.regions.len(), 2);
    assert!(a.regions[0].page.is_none() && a.regions[1].page.as_deref() == Some("p3"));
    assert_eq!(home, 0);

    let images: Vec<_> = issue
        .articles()
        .flat_map(|(_, a)| a.body.iter())
        .filter_map(|b| match b {
            Block::Image { src, caption, .. } => Some((src.clone(), caption.clone())),
            _ => None,
        })
        .collect();
    assert!(!images.is_empty());
    for (src, caption) in images {
        assert!(caption.is_some());
        let svg = fs::read_to_string(committed_demo().join("issues/2016-09-24").join(&src)).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }
    let mut ids: Vec<&str> = issue.articles().map(|(_, a)| a.id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "article ids are unique");
    let pages: Vec<&str> = issue.pages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(pages, ["p1", "p2", "p3", "p4"]);
}

/// Each page image draws exactly the polygons of the regions on that page, and its thumbnail too.
#[test]
fn page_images_draw_the_regions() {
    for date in demo::issues().iter().map(|i| i.date.to_string()) {
        let date = date.as_str();
        let issue = demo_issue(date);
        let dir = committed_demo().join("issues").join(date);
        for page in &issue.pages {
            let svg = fs::read_to_string(dir.join(&page.image.src)).unwrap();
            let thumb = fs::read_to_string(dir.join(&page.image.renditions[0].src)).unwrap();
            assert!(svg.contains("width=\"1200\" height=\"1700\" viewBox=\"0 0 1200 1700\""));
            assert!(thumb.contains("width=\"200\""));
            assert_eq!(page.image.renditions[0].width, 200);
            assert!(svg.len() < 8_000 && thumb.len() < 2_000, "{date} {}: images stay small", page.id);
            let mut expected = 0;
            for (home, a) in issue.articles() {
                for r in &a.regions {
                    if a.region_page(r, &issue.pages[home].id) != page.id {
                        continue;
                    }
                    expected += 1;
                    let pts: Vec<String> = r.points.iter().map(|[x, y]| format!("{x},{y}")).collect();
                    let attr = format!("points=\"{}\"", pts.join(" "));
                    assert!(svg.contains(&attr), "{date} {}: {} not drawn", page.id, a.id);
                    assert!(thumb.contains(&attr), "{date} {}: {} not in the thumbnail", page.id, a.id);
                }
            }
            assert_eq!(svg.matches("<polygon ").count(), expected, "{date} {}", page.id);
        }
    }
    // Text is escaped for XML.
    let p2 = fs::read_to_string(committed_demo().join("issues/2016-09-24/p2.svg")).unwrap();
    assert!(p2.contains("好姐妹·娘家人"));
}

#[test]
fn synth_one_year_validates_and_is_deterministic() {
    let (ta, tb) = (temp(), temp());
    let (a, b) = (ta.path(), tb.path());
    let (code, out) = kit(&["synth", s(a), "--years", "1"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(kit(&["synth", s(b), "--years", "1"]).0, 0);
    assert!(tree(a) == tree(b), "two runs of synth differ");
    let (code, out) = kit(&["validate", s(a)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 problem(s) found"), "{out}");
    let archive = parse::<Archive>(&fs::read_to_string(a.join("archive.json")).unwrap()).unwrap();
    assert_eq!((archive.first.to_string().as_str(), archive.last.to_string().as_str()), ("2015-09-25", "2016-09-24"));
    assert_eq!(archive.last, synth::last_day());
    assert!(archive.empty_months.is_empty());
    let days: usize = (0..13)
        .map(|k| {
            let m = archive.first.year_month();
            let m = (0..k).fold(m, |m, _| m.next());
            let text = fs::read_to_string(a.join(archive.month_path(m))).unwrap();
            parse::<MonthIndex>(&text).unwrap().issues.len()
        })
        .sum();
    assert_eq!(days, 366, "every day has an issue");
}

#[test]
fn synth_thirty_years_is_fast_and_costs_the_same_per_month() {
    let tmp = temp();
    let dir = tmp.path();
    let started = Instant::now();
    let (code, out) = kit(&["synth", s(dir), "--years", "30"]);
    let took = started.elapsed();
    assert_eq!(code, 0, "{out}");
    assert!(took < Duration::from_secs(60), "synth 30 years took {took:?}");
    let months: Vec<u64> =
        fs::read_dir(dir.join("months")).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).collect();
    assert_eq!(months.len(), 30 * 12 + 1);
    // Whole months (not the first and last, partial ones) cost about the same, whatever the year.
    let mut names: Vec<_> = fs::read_dir(dir.join("months")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let sizes: Vec<u64> = names[1..names.len() - 1].iter().map(|p| fs::metadata(p).unwrap().len()).collect();
    let (min, max) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
    assert!(max < 6_000 && min * 10 > max * 8, "month index sizes vary from {min} to {max} bytes");
    // The pages share one image: only two SVG files in the whole archive.
    assert_eq!(fs::read_dir(dir.join("shared")).unwrap().count(), 2);
    let (code, out) = kit(&["validate", s(dir)]);
    assert_eq!(code, 0, "{}", &out[out.len().saturating_sub(2000)..]);
}

#[test]
fn index_rebuilds_the_demo_manifest_and_months() {
    let tmp = copy_demo();
    let dir = tmp.path();
    fs::remove_dir_all(dir.join("months")).unwrap();
    fs::create_dir_all(dir.join("months")).unwrap();
    fs::write(dir.join("months/2016-07.json"), "{}").unwrap(); // a stale index of an empty month
    let manifest = fs::read_to_string(dir.join("archive.json")).unwrap();
    let stale =
        manifest.replace("\"last\": \"2016-09-24\"", "\"last\": \"2016-09-17\"").replace("\"2016-07\"", "\"2016-08\"");
    assert_ne!(stale, manifest);
    fs::write(dir.join("archive.json"), stale).unwrap();

    let (code, out) = kit(&["index", s(dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("5 issue(s), 4 file(s) written, 0 unchanged, 1 removed"), "{out}");
    assert!(tree(dir) == tree(&committed_demo()), "index did not reproduce demo/data");

    let (code, out) = kit(&["index", s(dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 file(s) written, 4 unchanged, 0 removed"), "{out}");
}

#[test]
fn index_refuses_an_invalid_issue() {
    let tmp = copy_demo();
    let dir = tmp.path();
    let file = dir.join("issues/2016-09-10/issue.json");
    let text = fs::read_to_string(&file).unwrap().replacen("\"id\": \"p1\"", "\"id\": \"p 1\"", 1);
    fs::write(&file, text).unwrap();
    let before = tree(dir);
    let (code, out) = kit(&["index", s(dir)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("issues/2016-09-10/issue.json: pages[0].id: "), "{out}");
    assert!(tree(dir) == before, "nothing is written");
}

fn problems(dir: &Path) -> String {
    let (code, out) = kit(&["validate", s(dir)]);
    assert_eq!(code, 1, "{out}");
    out
}

#[test]
fn validate_reports_a_missing_issue_file() {
    let tmp = copy_demo();
    let dir = tmp.path();
    fs::remove_file(dir.join("issues/2016-09-17/issue.json")).unwrap();
    let out = problems(dir);
    let want = format!(
        "{}: issues[1].date: the issue file issues/2016-09-17/issue.json for 2016-09-17 is missing",
        dir.join("months/2016-09.json").display()
    );
    assert!(out.contains(&want), "{out}");
    assert!(out.contains("1 problem(s) found"), "{out}");
}

#[test]
fn validate_reports_a_date_mismatch() {
    let tmp = copy_demo();
    let dir = tmp.path();
    let file = dir.join("issues/2016-09-10/issue.json");
    let text = fs::read_to_string(&file).unwrap().replacen("\"date\": \"2016-09-10\"", "\"date\": \"2016-09-11\"", 1);
    fs::write(&file, text).unwrap();
    let out = problems(dir);
    let want =
        format!("{}: date: is 2016-09-11 but months/2016-09.json lists this file for 2016-09-10", file.display());
    assert!(out.contains(&want), "{out}");
}

#[test]
fn validate_reports_a_month_out_of_order() {
    let tmp = copy_demo();
    let dir = tmp.path();
    let file = dir.join("months/2016-09.json");
    let mut value: serde_json::Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    value["issues"].as_array_mut().unwrap().swap(0, 2);
    fs::write(&file, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let out = problems(dir);
    let prefix = format!("{}: issues[1].date: ", file.display());
    assert!(out.lines().any(|l| l.starts_with(&prefix) && l.contains("must be in ascending order")), "{out}");
}

#[test]
fn validate_checks_files_across_the_archive() {
    let tmp = copy_demo();
    let dir = tmp.path();
    fs::remove_file(dir.join("issues/2016-09-24/p3-thumb.svg")).unwrap();
    fs::remove_file(dir.join("months/2016-06.json")).unwrap();
    fs::write(dir.join("months/2016-07.json"), fs::read_to_string(dir.join("months/2016-08.json")).unwrap()).unwrap();
    let month = dir.join("months/2016-09.json");
    let text = fs::read_to_string(&month).unwrap().replacen("\"pages\": 4", "\"pages\": 5", 1);
    fs::write(&month, text).unwrap();
    let out = problems(dir);
    let manifest = dir.join("archive.json");
    for want in [
        format!(
            "{}: pages[2].image.renditions[0].src: the file \"p3-thumb.svg\" is missing",
            dir.join("issues/2016-09-24/issue.json").display()
        ),
        format!("{}: empty_months: 2016-06 has no index file (months/2016-06.json)", manifest.display()),
        format!(
            "{}: empty_months[0]: 2016-07 is listed as empty, but its index file months/2016-07.json exists",
            manifest.display()
        ),
        format!(
            "{}: month: is 2016-08 but this is the index file of 2016-07",
            dir.join("months/2016-07.json").display()
        ),
        format!("{}: issues[0].pages: is 5 but the issue issues/2016-09-10/issue.json has 4 pages", month.display()),
        format!("{}: first: is 2016-06-25 but the first issue listed is 2016-08-27", manifest.display()),
    ] {
        assert!(out.contains(&want), "missing {want:?} in:\n{out}");
    }
}

#[test]
fn validate_takes_single_files_of_each_kind() {
    let demo = committed_demo();
    // An issue's file is checked with its pages' words files.
    for (file, n) in [("archive.json", 1), ("months/2016-09.json", 1), ("issues/2016-09-24/issue.json", 5)] {
        let (code, out) = kit(&["validate", s(&demo.join(file))]);
        assert_eq!(code, 0, "{file}: {out}");
        assert!(out.contains(&format!("{n} file(s) checked, 0 problem(s) found")), "{out}");
    }
    let tmp = temp();
    let dir = tmp.path();
    let file = dir.join("issue.json");
    let text = fs::read_to_string(demo.join("issues/2016-09-24/issue.json")).unwrap();
    fs::write(&file, text.replacen("\"src\": \"p1.svg\"", "\"src\": \"javascript:alert(1)\"", 1)).unwrap();
    let (code, out) = kit(&["validate", s(&file)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{}: pages[0].image.src: scheme", file.display())), "{out}");
    // The page images are not next to this copy.
    fs::write(&file, &text).unwrap();
    let (code, out) = kit(&["validate", s(&file)]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("{}: pages[0].image.src: the file \"p1.svg\" is missing", file.display())), "{out}");
    let month = dir.join("month.json");
    fs::write(&month, "{\"version\": 1, \"month\": \"2016-13\", \"issues\": []}").unwrap();
    let (code, out) = kit(&["validate", s(&month)]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("{}: month: ", month.display())), "{out}");
}

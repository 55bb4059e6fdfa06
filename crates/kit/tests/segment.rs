//! Articles from the layout alone, judged on real pages: the Beaver County News page (shared
//! data 01) against the articles of its METS, and the Evening Star page (02, NDNP ALTO without
//! articles) against a truth read by eye, with the issue's acceptance thresholds; and the
//! import of the Evening Star issue end to end, with its words and `--no-segment`.

use broadsheet_kit::import::segment::figures::Figures;
use broadsheet_kit::import::segment::report::measure;
use broadsheet_model::{parse, ArticleKind, Issue};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(rel)
}

/// The Beaver County News page, as the demo and the fixtures hold it.
fn beaver() -> (PathBuf, PathBuf, PathBuf) {
    (
        fixture("beaver/0001.xml"),
        root().join("demo/beaver/issues/1916-05-12/p1.jpg"),
        fixture("beaver/articles_1916051201.xml"),
    )
}

fn star() -> (PathBuf, PathBuf, PathBuf) {
    (fixture("evening-star/0007.xml"), fixture("evening-star/0007.png"), fixture("evening-star/truth.json"))
}

fn meets_the_thresholds(f: &Figures) {
    assert!(f.failures().is_empty(), "{:?}\n{f:#?}", f.failures());
    assert!(f.overlap <= 0.05 && f.covered >= 0.95 && f.area_ratio <= 2.0, "{f:#?}");
    assert_eq!(f.titles_headlines, f.titles, "{f:#?}");
    assert_eq!(f.mastheads, 1, "the masthead is recognised: {f:#?}");
}

#[test]
fn beaver_county_news_is_segmented_as_its_mets_has_it() {
    let (alto, image, truth) = beaver();
    let m = measure(&alto, &image, Some(&truth), true).unwrap();
    let f = &m.figures;
    meets_the_thresholds(f);
    // The METS has 14 articles and the masthead; boundaries are between a line and the line
    // under it (docs/importing.md).
    assert!((12..=16).contains(&f.articles), "{f:#?}");
    let (b, p) = (f.boundaries.unwrap(), f.pairs.unwrap());
    assert!(b.precision >= 0.75 && b.recall >= 0.85, "{b:?}");
    assert!(p.precision >= 0.95 && p.recall >= 0.95, "{p:?}");
    let titles: Vec<&str> = m.page.articles.iter().map(|a| a.title.as_str()).collect();
    for t in
        ["BUSINESS MEN'S MEETING", "BEAVER COUNTY LEADS", "Successful Shearing", "W. C. T. U.", "High School Notes"]
    {
        assert!(titles.contains(&t), "{t} in {titles:?}");
    }
    // The headline over two columns goes with the story under it: three regions, the
    // headline's first.
    let meeting = m.page.articles.iter().find(|a| a.title == "BUSINESS MEN'S MEETING").unwrap();
    assert_eq!(meeting.regions.len(), 3);
    assert_eq!(meeting.subtitle.as_deref(), Some("Professor Roylance Addresses Association on Unirersity Survey"));
    let first = &meeting.regions[0].points;
    assert!(first[1][0] - first[0][0] > 900.0, "the headline's region spans two columns: {first:?}");
}

#[test]
fn evening_star_is_segmented_as_read_by_eye() {
    let (alto, image, truth) = star();
    let m = measure(&alto, &image, Some(&truth), true).unwrap();
    let f = &m.figures;
    meets_the_thresholds(f);
    let (b, p) = (f.boundaries.unwrap(), f.pairs.unwrap());
    assert!(b.precision >= 0.9 && b.recall >= 0.9, "{b:?}");
    assert!(p.precision >= 0.95 && p.recall >= 0.95, "{p:?}");
    let a = &m.page.articles;
    assert_eq!(a[0].kind, ArticleKind::Masthead);
    let titles: Vec<&str> = a.iter().map(|a| a.title.as_str()).collect();
    // The headlines in 16 point (the OCR's own reading), decks as subtitles; the headline of
    // two lines with a word split over them ("Gar-rison") is one.
    for t in [
        "BULGARIANS SEIZE FORT ON GREEK SOIL",
        "TURKISH CAMPAIGN DEALT HARD GLOW",
        "BIG NAVAL \"BATTLE\" OFF JERSEY COAST",
        "BODY OF SPRATLING IS IN ATLANTA HOME",
        "HOUSE IS IN SHAPE 10 ADJOURN FRIDAY",
        "Rutgers College Anniversary",
    ] {
        assert!(titles.contains(&t), "{t} in {titles:?}");
    }
    let bulgarians = a.iter().find(|a| a.title.starts_with("BULGARIANS")).unwrap();
    assert!(bulgarians.subtitle.as_deref().unwrap().starts_with("Startila Commander and Garrison Reported Killed"));
    // Its crossheads stay in it, as headings.
    assert!(bulgarians.body.iter().any(
        |b| matches!(b, broadsheet_model::Block::Heading { text } if text.starts_with("Serbs in Heavy Fighting"))
    ));
    // The Spratling story runs from column 4 into column 5.
    let spratling = a.iter().find(|a| a.title.starts_with("BODY OF SPRATLING")).unwrap();
    let xs: Vec<f64> = spratling.regions.iter().map(|r| r.points[0][0]).collect();
    assert!(xs.iter().any(|x| *x < 1100.0) && xs.iter().any(|x| *x > 1300.0), "{xs:?}");
}

#[test]
fn no_segment_keeps_one_region_per_block_from_its_lines() {
    let (alto, image, _) = star();
    let m = measure(&alto, &image, None, false).unwrap();
    // Nine blocks with text, each one article of one region; the boxes come from the lines,
    // not from the swapped WIDTH and HEIGHT (which made them 4.8 times the lines' area).
    assert_eq!(m.page.articles.len(), 9);
    assert!(m.page.articles.iter().all(|a| a.regions.len() == 1 && a.kind == ArticleKind::Article));
    assert!(m.figures.area_ratio < 1.3, "{:#?}", m.figures);
    assert!(m.figures.covered >= 0.99);
}

fn kit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet-kit")).args(args).output().expect("the kit runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The Evening Star issue imported from its NDNP METS: articles from the layout, the masthead,
/// valid regions, and the page's words linked to them; with `--no-segment`, one per block.
#[test]
fn evening_star_issue_imports_with_articles_and_words() {
    let tmp = tempfile::Builder::new().prefix("broadsheet-segment-").tempdir().unwrap();
    let src = tmp.path().join("src");
    fs::create_dir_all(&src).unwrap();
    for f in ["1916082601.xml", "0007.xml", "0007.png"] {
        fs::copy(fixture(&format!("evening-star/{f}")), src.join(f)).unwrap();
    }
    let out = tmp.path().join("issue");
    let mets = src.join("1916082601.xml");
    let (code, stdout, stderr) = kit(&["import", "mets-alto", mets.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("1 page(s), 17 article(s), 1 masthead(s)"), "{stdout}");
    assert!(stderr.contains("page 1: no article structure: 18 article(s) found from the layout"), "{stderr}");
    let (code, report, _) = kit(&["validate", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    let issue: Issue = parse(&fs::read_to_string(out.join("issue.json")).unwrap()).unwrap();
    let page = &issue.pages[0];
    assert_eq!((page.articles[0].kind, page.articles[0].title.as_str()), (ArticleKind::Masthead, "Evening star"));

    // Every word of the ALTO is in the words file, in page pixels, the lines of the articles
    // first and linked to articles that exist.
    let words: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("p1.words.json")).unwrap()).unwrap();
    assert_eq!((words["width"].as_u64(), words["height"].as_u64()), (Some(2650), Some(3297)));
    let lines = words["lines"].as_array().unwrap();
    let count: usize = lines.iter().map(|l| l["words"].as_array().unwrap().len()).sum();
    assert_eq!(count, 5814, "the ALTO has 5814 String elements");
    let ids: HashSet<&str> = page.articles.iter().map(|a| a.id.as_str()).collect();
    let linked: Vec<&str> = lines.iter().filter_map(|l| l["article"].as_str()).collect();
    assert!(linked.len() * 100 >= lines.len() * 98, "{} of {} lines linked", linked.len(), lines.len());
    assert!(linked.iter().all(|a| ids.contains(a)));
    // "BULGARIANS" at 373,348 (ALTO 2989,2785 in inch1200 at 150 dpi, i.e. / 8).
    let first_bulgarian =
        lines.iter().flat_map(|l| l["words"].as_array().unwrap()).find(|w| w[0] == "BULGARIANS").unwrap();
    assert_eq!((first_bulgarian[1].as_u64(), first_bulgarian[2].as_u64()), (Some(373), Some(348)));

    let plain = tmp.path().join("plain");
    let (code, stdout, stderr) =
        kit(&["import", "mets-alto", mets.to_str().unwrap(), "--no-segment", "--out", plain.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("1 page(s), 9 article(s), 0 masthead(s), 0 advertisement(s), 9 region(s)"), "{stdout}");
    assert!(stderr.contains("TextBlock BLOCK5: no text; left out"), "{stderr}");
    assert!(stderr.contains("TextBlock BLOCK4: its box does not fit its lines; taken from them"), "{stderr}");
}

/// `broadsheet-kit segment` prints the figures and exits 0 when the page meets the thresholds.
#[test]
fn the_segment_command_prints_the_figures() {
    let (alto, image, truth) = star();
    let (code, out, err) = kit(&[
        "segment",
        alto.to_str().unwrap(),
        "--image",
        image.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("17 article(s) and 1 masthead(s)"), "{out}");
    assert!(out.contains("article boundaries against the truth: precision"), "{out}");
    assert!(out.contains("acceptance: met"), "{out}");
    let (code, out, _) =
        kit(&["segment", alto.to_str().unwrap(), "--image", image.to_str().unwrap(), "--no-segment", "--json"]);
    assert_eq!(code, 1, "one article per block misses the thresholds");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 9);
    assert!(!v["failures"].as_array().unwrap().is_empty());
}

/// A page whose METS has articles gets its words too, each line linked to the article of its
/// ALTO block.
#[test]
fn beaver_county_news_words_are_linked_to_the_mets_articles() {
    let tmp = tempfile::Builder::new().prefix("broadsheet-segment-").tempdir().unwrap();
    let (alto, image, mets) = beaver();
    fs::copy(&alto, tmp.path().join("0001.xml")).unwrap();
    fs::copy(&mets, tmp.path().join("articles_1916051201.xml")).unwrap();
    fs::copy(&image, tmp.path().join("0001.jpg")).unwrap();
    let out = tmp.path().join("issue");
    let mets = tmp.path().join("articles_1916051201.xml");
    let (code, stdout, stderr) = kit(&["import", "mets-alto", mets.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let issue: Issue = parse(&fs::read_to_string(out.join("issue.json")).unwrap()).unwrap();
    let words: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("p1.words.json")).unwrap()).unwrap();
    let lines = words["lines"].as_array().unwrap();
    let count: usize = lines.iter().map(|l| l["words"].as_array().unwrap().len()).sum();
    assert_eq!(count, 3638, "every String of the ALTO");
    assert!(lines.iter().all(|l| l["article"].is_string()), "every block is in an article of the METS");
    // In the articles' order: the masthead's nameplate first; "BUSINESS" in the meeting's.
    assert_eq!(lines[0]["article"], "a0101");
    assert_eq!(lines[0]["words"][0][0], "jBeaver");
    let meeting = issue.pages[0].articles.iter().find(|a| a.title == "Business Men's Meeting").unwrap();
    let business = lines.iter().find(|l| l["words"][0][0] == "BUSINESS").unwrap();
    assert_eq!(business["article"], meeting.id.as_str());
    // ALTO inch1200 at 300 dpi: px = value / 4 ("BUSINESS" at 680,16816 is 170,4204).
    let w = &business["words"][0];
    assert_eq!(
        (w[1].as_u64(), w[2].as_u64(), w[3].as_u64(), w[4].as_u64()),
        (Some(170), Some(4204), Some(350), Some(108)),
        "{w}"
    );
}

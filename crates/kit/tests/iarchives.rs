//! `import iarchives` end to end on the Deseret News export (page 4 of 15 June 1850, shared data
//! 03, kept in tests/fixtures/iarchives/deseret with its page PDF) and a small synthetic unit;
//! and the refusals every importer gives for files of another kind.

use broadsheet_model::{parse, Article, ArticleKind, Block, Issue};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

fn kit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet-kit")).args(args).output().expect("the kit runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp() -> TempDir {
    tempfile::Builder::new().prefix("broadsheet-iarchives-").tempdir().unwrap()
}

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> PathBuf {
    here().join("tests/fixtures/iarchives").join(rel)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn issue(dir: &Path) -> Issue {
    parse::<Issue>(&fs::read_to_string(dir.join("issue.json")).unwrap()).unwrap()
}

fn validates(dir: &Path) {
    let (code, out, _) = kit(&["validate", s(dir)]);
    assert_eq!(code, 0, "{out}");
    // The issue and each page's words file.
    let words = fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".words.json"))
        .count();
    assert!(out.contains(&format!("{} file(s) checked, 0 problem(s) found", 1 + words)), "{out}");
}

const PAGE: &str = "pages/p004_Va_071_D45_v01";
/// The page's image file, as the page file names it (`.pdf`), without its ending.
const IMAGE: &str = "pages/pdf/p004_Va_071_D45_v01";
/// Shared data 03 beside the checkout (`../shared/data` from the repository root), where it is there.
const SHARED: &str = "../../../shared/data/03-deseret-news-1850-06-15-p4";

/// Whether a point lies inside a polygon (even-odd rule).
fn inside(p: [f64; 2], poly: &[[f64; 2]]) -> bool {
    let mut yes = false;
    let mut j = poly.len() - 1;
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[j]);
        if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0] {
            yes = !yes;
        }
        j = i;
    }
    yes
}

fn area(poly: &[[f64; 2]]) -> f64 {
    broadsheet_model::geometry::area(poly)
}

/// The zones of an article file on page 4, as page boxes `x0, y0, x1, y1`, read straight from
/// the XML: clipping corner + zone.
fn zones(article: &Path) -> Vec<[f64; 4]> {
    let text = fs::read_to_string(article).unwrap();
    let doc = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() },
    )
    .unwrap();
    let n = |e: roxmltree::Node, k: &str| e.attribute(k).unwrap().parse::<f64>().unwrap();
    let mut out = Vec::new();
    for page in doc.descendants().filter(|e| e.has_tag_name("article-page")) {
        if !page.attribute("href").unwrap().ends_with("p004_Va_071_D45_v01.xml") {
            continue;
        }
        for c in page.descendants().filter(|e| e.has_tag_name("article-clipping")) {
            for z in c.descendants().filter(|e| e.has_tag_name("zone")) {
                let (x, y) = (n(c, "l"), n(c, "t"));
                out.push([x + n(z, "l"), y + n(z, "t"), x + n(z, "r"), y + n(z, "b")]);
            }
        }
    }
    out
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// The regions of page 4 against the clippings in the XML: every zone lies inside its
/// article's regions, the regions are no larger than the zones, and no two articles overlap.
fn regions_match_the_zones(issue: &Issue, files: &[(&str, &str)]) {
    let page = &issue.pages[0];
    let (w, h) = (f64::from(page.image.width), f64::from(page.image.height));
    for (file, id) in files {
        let a = page.articles.iter().find(|a| a.id == *id).unwrap();
        let zs = zones(&fixture(&format!("deseret/articles/{file}")));
        assert!(!zs.is_empty(), "{file} has zones on page 4");
        for z in &zs {
            // Corners 2 px in (zones are snapped by up to 2 px), clamped to the image.
            let (x0, y0, x1, y1) = (z[0] + 2.0, z[1] + 2.0, (z[2] - 2.0).min(w - 1.0), (z[3] - 2.0).min(h - 1.0));
            for p in [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [(x0 + x1) / 2.0, (y0 + y1) / 2.0]] {
                assert!(
                    a.regions.iter().any(|r| inside(p, &r.points)),
                    "{file}: {p:?} of zone {z:?} is in no region of {id}"
                );
            }
        }
        // As large as the zones, up to their edges moving by the snap (2 px) and overlaps.
        let zone_area: f64 = zs.iter().map(|z| (z[2].min(w) - z[0]) * (z[3].min(h) - z[1])).sum();
        let edges: f64 = zs.iter().map(|z| 2.0 * (z[2] - z[0] + z[3] - z[1])).sum();
        let region_area: f64 = a.regions.iter().map(|r| area(&r.points)).sum();
        assert!(
            (region_area - zone_area).abs() <= 2.0 * edges,
            "{file}: regions {region_area} against zones {zone_area}"
        );
    }
    // The zones tile the page: every point in exactly one article, away from the seams.
    let (mut covered, mut total) = (0, 0);
    for gy in (3..page.image.height).step_by(8) {
        for gx in (3..page.image.width).step_by(8) {
            let p = [f64::from(gx) + 0.25, f64::from(gy) + 0.25];
            let n = page.articles.iter().filter(|a| a.regions.iter().any(|r| inside(p, &r.points))).count();
            assert!(n <= 1, "{p:?} is in {n} articles");
            covered += n;
            total += 1;
        }
    }
    assert_eq!(covered, total, "the five articles cover page 4");
}

#[test]
fn the_deseret_news_unit_imports_from_its_page_pdf() {
    let tmp = temp();
    let out = tmp.path().join("1850-06-15");
    let unit = fixture("deseret/unit.xml");
    let (code, stdout, stderr) = kit(&["import", "iarchives", s(&unit), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("1 page(s), 4 article(s), 0 masthead(s), 1 advertisement(s), 6 region(s)"), "{stdout}");
    for w in [
        "unit.xml: 7 of its 8 pages are not there and are left out: pages/p001_Va_071_D45_v01.xml",
        "unit.xml: 13 article file(s) named are not there and are left out: articles/0.xml",
        "articles/5.xml \"The Mormons\" begins on page 3, which is not there (",
        "articles/9.xml \"A Singular Story\" goes on to ",
    ] {
        assert!(stderr.contains(w), "{w} in {stderr}");
    }
    validates(&out);
    let issue = issue(&out);
    assert_eq!((issue.date.to_string().as_str(), issue.edition.as_deref()), ("1850-06-15", Some("Vol. I, No. 1")));
    let page = &issue.pages[0];
    assert_eq!((page.number.as_str(), page.name.as_str()), ("4", "Page 4"));
    assert_eq!((page.image.width, page.image.height, page.image.src.as_str()), (1416, 1963, "p1.jpg"));
    // The page image is the PDF's JPEG byte for byte (SOURCES.md: 410,370 bytes at offset 641).
    let pdf = fs::read(fixture(&format!("deseret/{IMAGE}.pdf"))).unwrap();
    let jpeg = fs::read(out.join("p1.jpg")).unwrap();
    assert_eq!((jpeg.len(), &pdf[641..641 + 4]), (410_370, &jpeg[..4]));
    assert!(pdf[641..641 + jpeg.len()] == jpeg[..]);
    assert_eq!(page.pdf.as_deref(), Some("p1.pdf"));
    assert!(fs::read(out.join("p1.pdf")).unwrap() == pdf);

    let got: Vec<(&str, ArticleKind, &str)> =
        page.articles.iter().map(|a| (a.id.as_str(), a.kind, a.title.as_str())).collect();
    assert_eq!(got[0], ("a0101", ArticleKind::Article, "The Mormons"));
    assert_eq!(got[1].1, ArticleKind::Article, "article 6 is unclassified");
    assert!(got[1].2.starts_with("bield 1 E ISE R ET"), "untitled: its first words");
    assert_eq!(
        &got[2..],
        &[
            ("a0103", ArticleKind::Article, "Office of Delivery"),
            ("a0104", ArticleKind::Advertisement, "Advertisement"),
            ("a0105", ArticleKind::Article, "A Singular Story"),
        ]
    );
    let regions: Vec<usize> = page.articles.iter().map(|a| a.regions.len()).collect();
    assert_eq!(regions, vec![1, 1, 1, 2, 1], "article 8 has two apart zones, article 9 an L of two");
    assert_eq!(page.articles[4].regions[0].points.len(), 6, "an L: {:?}", page.articles[4].regions[0].points);
    regions_match_the_zones(
        &issue,
        &[("5.xml", "a0101"), ("6.xml", "a0102"), ("7.xml", "a0103"), ("8.xml", "a0104"), ("9.xml", "a0105")],
    );

    // Text: the first reading of every word node, a paragraph per zone (article 5: three
    // zones on page 3, one on page 4).
    let body = |k: usize| paragraphs(&page.articles[k]);
    assert_eq!(body(0).len(), 4);
    assert!(body(3)[0].starts_with("1 wasted at our office oali ce gour wheat"), "{}", body(3)[0]);
    assert!(body(4)[0].contains("mr oal 1 holins ho lins we have not"), "{}", body(4)[0]);
    assert!(!body(4).concat().contains("loiuis"), "second readings stay out");

    words_file_places_the_words(&out, &issue);
}

/// The words file of page 4: every word of the page in reading order, boxed on the image, in
/// lines that belong to the article whose region holds them.
fn words_file_places_the_words(out: &Path, issue: &Issue) {
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.join("p1.words.json")).unwrap()).unwrap();
    assert_eq!((v["page"].as_str(), v["width"].as_u64(), v["height"].as_u64()), (Some("p1"), Some(1416), Some(1963)));
    let lines = v["lines"].as_array().unwrap();
    let words: Vec<&serde_json::Value> = lines.iter().flat_map(|l| l["words"].as_array().unwrap()).collect();
    // 1197 word nodes; hyphenated ones have two boxes; one 264-pt OCR blot is left out.
    assert!((1190..1240).contains(&words.len()), "{} words", words.len());
    let first: Vec<&str> =
        lines[0]["words"].as_array().unwrap().iter().map(|w| w[0].as_str().unwrap()).take(4).collect();
    assert_eq!(first, ["th", "right", "of", "any"], "the page's first line under the blot");
    let page = &issue.pages[0];
    let mut order = Vec::new();
    for l in lines {
        let id = l["article"].as_str().expect("every line is in an article");
        let a = page.articles.iter().find(|a| a.id == id).unwrap();
        if order.last() != Some(&id) {
            order.push(id);
        }
        for w in l["words"].as_array().unwrap() {
            let n = |i: usize| w[i].as_f64().unwrap();
            assert!(n(1) + n(3) <= 1416.0 && n(2) + n(4) <= 1963.0 && n(4) < 100.0, "{w}");
            let c = [n(1) + n(3) / 2.0, n(2) + n(4) / 2.0];
            assert!(a.regions.iter().any(|r| inside(c, &r.points)), "{w} is outside {id}");
        }
    }
    // Reading order: 5, 6, 7, 8, 9 (article 8's two zones one after the other).
    assert_eq!(order, ["a0101", "a0102", "a0103", "a0104", "a0105"]);
}

/// As the shared data has it: the page's JPEG beside the PDF's name, and no PDF. The import is
/// the same but for the words, which nothing places without the PDF.
#[test]
fn the_deseret_news_unit_imports_from_a_jpeg_beside_and_by_detection() {
    let src = temp();
    let dir = src.path().join("deseret");
    for rel in [
        "unit.xml",
        "pages/p004_Va_071_D45_v01.xml",
        "articles/5.xml",
        "articles/6.xml",
        "articles/7.xml",
        "articles/8.xml",
        "articles/9.xml",
    ] {
        fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        fs::copy(fixture(&format!("deseret/{rel}")), dir.join(rel)).unwrap();
        // Where the shared data is there too, the fixtures must be its files.
        let shared = here().join(SHARED).join(rel);
        if shared.is_file() {
            assert!(
                fs::read(&shared).unwrap() == fs::read(dir.join(rel)).unwrap(),
                "{rel} differs from the shared data"
            );
        }
    }
    let pdf = fs::read(fixture(&format!("deseret/{IMAGE}.pdf"))).unwrap();
    let jpeg = broadsheet_kit::import::pictures::pdf_image(&pdf).unwrap();
    fs::create_dir_all(dir.join("pages/pdf")).unwrap();
    fs::write(dir.join(format!("{IMAGE}.jpg")), &jpeg).unwrap();
    let shared_jpeg = here().join(SHARED).join(format!("{IMAGE}.jpg"));
    if shared_jpeg.is_file() {
        assert!(fs::read(shared_jpeg).unwrap() == jpeg, "the JPEG in the PDF is the shared one");
    }
    let target = temp();
    let out = target.path().join("issue");
    let (code, stdout, stderr) = kit(&["import", s(&dir.join("unit.xml")), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("page 4: no word boxes: its words have no <r> rectangles and its PDF (pdf/p004_Va_071_D45_v01.pdf) is not there to place them"), "{stderr}");
    validates(&out);
    assert!(!out.join("p1.words.json").exists() && !out.join("p1.pdf").exists());
    let issue = issue(&out);
    assert_eq!(issue.pages[0].pdf, None);
    assert_eq!(issue.pages[0].image.src, "p1.jpg");
    assert!(fs::read(out.join("p1.jpg")).unwrap() == jpeg);
    regions_match_the_zones(
        &issue,
        &[("5.xml", "a0101"), ("6.xml", "a0102"), ("7.xml", "a0103"), ("8.xml", "a0104"), ("9.xml", "a0105")],
    );
    // The shared data itself, where it is there, imports the same.
    let unit = here().join(SHARED).join("unit.xml");
    if unit.is_file() {
        let again = target.path().join("shared");
        let (code, _, stderr) = kit(&["import", "iarchives", s(&unit), "--out", s(&again)]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(self::issue(&again), issue);
    }
}

#[test]
fn a_synthetic_unit_has_its_masthead_word_rectangles_and_missing_parts() {
    let tmp = temp();
    let out = tmp.path().join("issue");
    let (code, stdout, stderr) = kit(&["import", "iarchives", s(&fixture("synthetic/unit.xml")), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for w in [
        "unit.xml: 1 of its 2 pages are not there and are left out: pages/p2.xml",
        "unit.xml: 2 article file(s) named are not there and are left out: articles/gone.xml, articles/lost.xml (begins on page 1)",
        "1 article(s) lie only on pages that are not there and are left out: ",
        "articles/a1.xml: unclassified, without a headline, across the top of the front page: taken as the masthead",
    ] {
        assert!(stderr.contains(w), "{w} in {stderr}");
    }
    validates(&out);
    let issue = issue(&out);
    assert_eq!((issue.date.to_string().as_str(), issue.edition.as_deref()), ("1921-03-04", Some("Vol. III, No. 12")));
    let page = &issue.pages[0];
    assert_eq!(page.image.src, "p1.png", "the PNG beside the named TIFF");
    let a = &page.articles;
    assert_eq!((a[0].kind, a[0].title.as_str(), a[0].body.len()), (ArticleKind::Masthead, "The Test Gazette", 0));
    assert_eq!((a[1].subtitle.as_deref(), a[1].byline.as_deref()), (Some("The council sits"), Some("By A. Writer")));
    assert_eq!(paragraphs(&a[1]), ["Town News council met", "today"]);
    // Two clippings that share an edge are one L-shaped region; snapped to the page and each other.
    assert_eq!(a[1].regions.len(), 1);
    assert_eq!(
        a[1].regions[0].points,
        vec![[0.0, 100.5], [600.0, 100.5], [600.0, 499.5], [300.5, 499.5], [300.5, 800.0], [0.0, 800.0]]
    );
    assert_eq!((a[2].kind, a[2].title.as_str()), (ArticleKind::Advertisement, "Soap"));
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.join("p1.words.json")).unwrap()).unwrap();
    assert_eq!(
        v["lines"],
        serde_json::json!([
            {"article": "a0101", "words": [["THE", 200, 30, 60, 30], ["GAZETTE", 270, 30, 130, 30]]},
            {"article": "a0102", "words": [["Town", 10, 110, 50, 20], ["News", 70, 110, 50, 20]]},
            {"article": "a0102", "words": [["council", 10, 140, 50, 20]]},
            {"article": "a0102", "words": [["met", 60, 170, 50, 20]]},
            {"article": "a0102", "words": [["today", 310, 110, 50, 20]]},
            {"article": "a0103", "words": [["Soap", 310, 510, 50, 20]]}
        ])
    );
}

/// Every kind of file the importers do not take is refused with what it looks like, what to
/// do, and the supported formats; nothing is written.
#[test]
fn unsupported_files_are_refused_by_what_they_look_like() {
    let tmp = temp();
    let dir = tmp.path();
    let out = dir.join("out");
    let write = |name: &str, text: &str| {
        fs::write(dir.join(name), text).unwrap();
        dir.join(name)
    };
    let deseret = fixture("deseret");
    let mets_fixtures = here().join("../../tests/fixtures/import/mets");
    let unit = deseret.join("unit.xml");
    let cases: Vec<(Vec<String>, String)> = vec![
        (vec![s(&deseret.join(format!("{PAGE}.xml"))).into()], format!("an iArchives page file: import the unit it belongs to: broadsheet-kit import iarchives {}.", unit.display())),
        (vec![s(&deseret.join("articles/9.xml")).into()], format!("an iArchives article file: import the unit it belongs to: broadsheet-kit import iarchives {}.", unit.display())),
        (vec!["iarchives".into(), s(&deseret.join("articles/9.xml")).into()], "an iArchives article file, not what import iarchives reads: import the unit it belongs to".into()),
        (vec![s(&mets_fixtures.join("alto1.xml")).into()], "an ALTO page (the layout and text of one page): import the issue METS that names it: broadsheet-kit import mets-alto ".into()),
        (vec!["iarchives".into(), s(&mets_fixtures.join("issue.xml")).into()], format!("a METS file, not what import iarchives reads: import it with broadsheet-kit import mets-alto {}.", mets_fixtures.join("issue.xml").display())),
        (vec!["mets-alto".into(), s(&unit).into()], "an iArchives unit file, not what import mets-alto reads: import it with broadsheet-kit import iarchives".into()),
        (vec![s(&deseret.join(format!("{IMAGE}.pdf"))).into()], "a PDF: import PDF editions with `import pdf` (a folder of page PDFs or one PDF, with --date).".into()),
        (vec![s(&fixture("synthetic/pages/img/p1.png")).into()], "a PNG image: give the file that describes the issue and names its page images.".into()),
        (vec![s(&write("m2.json", r#"{"@context": "http://iiif.io/api/presentation/2/context.json", "@type": "sc:Manifest"}"#)).into()], "a IIIF Presentation 2 manifest: only Presentation 3 is read: give the IIIF Presentation 3 manifest of the issue.".into()),
        (vec![s(&write("x.xml", "<?xml version='1.0'?><record xmlns='urn:x'/>")).into()], "an XML document <record> in the namespace urn:x: it is no format an importer reads.".into()),
        (vec![s(&write("x.json", r#"{"hello": 1}"#)).into()], "a JSON document of no known kind: it is no format an importer reads.".into()),
        (vec![s(&write("issue.json", r#"{"version": 1, "date": "2016-09-24", "pages": []}"#)).into()], "Broadsheet's own issue file: it needs no import: check it with broadsheet-kit validate.".into()),
        (vec![s(&write("empty.xml", "")).into()], "an empty file: it is no format an importer reads.".into()),
        (vec![s(&deseret).into()], format!("a folder: give the issue file in it: broadsheet-kit import iarchives {}.", unit.display())),
        (vec![s(&unit).into(), s(&mets_fixtures.join("issue.xml")).into()], "import one issue at a time: one METS, unit.xml or manifest, or the HTML pages of one issue; given ".into()),
    ];
    for (args, want) in cases {
        let mut all: Vec<&str> = vec!["import"];
        all.extend(args.iter().map(String::as_str));
        all.extend(["--out", s(&out)]);
        let (code, stdout, stderr) = kit(&all);
        assert_eq!(code, 1, "{args:?}: {stdout}{stderr}");
        assert!(stderr.contains(&want), "{args:?}: {want} in {stderr}");
        if !want.starts_with("import one issue") {
            assert!(
                stderr.contains("Broadsheet imports:\n  import mets-alto  an issue METS")
                    && stderr.contains("\n  import iarchives  an iArchives article export"),
                "{stderr}"
            );
        }
        assert!(stderr.contains("nothing written") && !out.exists(), "{stderr}");
    }
}

/// `import FILE` finds the format from the content, for each importer.
#[test]
fn the_format_is_found_from_the_content() {
    let tmp = temp();
    let fixtures = here().join("../../tests/fixtures/import");
    let imagemap = fixtures.join("imagemap/2016-09/24");
    for (inputs, pages) in [
        (vec![fixtures.join("mets/issue.xml")], 3),
        (vec![fixtures.join("iiif/manifest.json")], 2),
        (vec![imagemap.join("node_3.htm"), imagemap.join("node_2.htm")], 2),
        (vec![fixture("synthetic/unit.xml")], 1),
    ] {
        let out = tmp.path().join(inputs[0].file_name().unwrap());
        let mut args = vec!["import"];
        args.extend(inputs.iter().map(|p| s(p)));
        args.extend(["--out", s(&out)]);
        let (code, stdout, stderr) = kit(&args);
        assert_eq!(code, 0, "{inputs:?}: {stdout}{stderr}");
        assert_eq!(issue(&out).pages.len(), pages, "{inputs:?}");
    }
}

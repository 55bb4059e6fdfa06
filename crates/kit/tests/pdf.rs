//! `import pdf` (issue 21): small PDFs in tests/fixtures/pdf (a framed Chinese page with a
//! vertical headline printed by Chromium, the same without its Unicode maps, an image-only page, an encrypted and a damaged
//! file, two pages in one file) and a page of the demo's PDFs (demo/pdf), judged against the
//! demo's own issue.

use broadsheet_model::{Block, Issue};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn kit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet-kit")).args(args).output().expect("the kit runs");
    let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), s(&out.stdout), s(&out.stderr))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/pdf").join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn issue(dir: &Path) -> Issue {
    serde_json::from_str(&fs::read_to_string(dir.join("issue.json")).unwrap()).unwrap()
}

fn body(a: &broadsheet_model::Article) -> String {
    let texts = a.body.iter().filter_map(|b| match b {
        Block::Paragraph { text } | Block::Heading { text } => Some(text.as_str()),
        _ => None,
    });
    texts.collect::<Vec<_>>().join("\n")
}

#[test]
fn an_edition_of_page_pdfs_imports_and_says_which_pages_it_could_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rmrb20160924");
    fs::create_dir(&dir).unwrap();
    for f in ["cjk.pdf", "damaged.pdf", "encrypted.pdf", "image-only.pdf", "unmapped.pdf"] {
        fs::copy(fixture(f), dir.join(f)).unwrap();
    }
    let out = tmp.path().join("out");
    // The date comes from the folder's name.
    let (code, stdout, stderr) = kit(&["import", "pdf", s(&dir), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for w in [
        "damaged.pdf: left out: the PDF is damaged",
        "encrypted.pdf: left out: the PDF is encrypted with a password",
        "page 2 (", "image-only.pdf): the PDF has no text (image-only: it needs OCR): imported as an image without words or articles",
        // Two of its glyphs are named by a marked-content /ActualText, which the print kept.
        "unmapped.pdf): 18 of its 20 characters have no Unicode mapping in their fonts",
    ] {
        assert!(stderr.contains(w), "{w} in {stderr}");
    }
    let issue = issue(&out);
    assert_eq!(issue.date.to_string(), "2016-09-24");
    let pages: Vec<(&str, Option<&str>, usize)> =
        issue.pages.iter().map(|p| (p.number.as_str(), p.pdf.as_deref(), p.articles.len())).collect();
    assert_eq!(pages, [("1", Some("p1.pdf"), 1), ("2", Some("p2.pdf"), 0), ("3", Some("p3.pdf"), 0)]);
    assert!(fs::read(out.join("p1.pdf")).unwrap() == fs::read(fixture("cjk.pdf")).unwrap(), "the PDF is the download");
    // Rendered at 150 dpi: a 300 x 300 pt page.
    assert_eq!((issue.pages[0].image.width, issue.pages[0].image.height), (625, 625));
    assert!(out.join("p1-thumb.jpg").is_file() && !out.join("p2.words.json").exists());
    // Chinese as typeset: full-width punctuation, no spaces, radicals (⼯, ⽉, ⻩) as ideographs.
    let a = &issue.pages[0].articles[0];
    // A vertical headline (CSS vertical-rl, its brackets set as vertical forms) read top to
    // bottom, in a frame that makes the article's region.
    assert_eq!(a.title, "好姐妹（竖排）");
    let frame: Vec<[i64; 2]> = a.regions[0].points.iter().map(|p| [p[0].round() as i64, p[1].round() as i64]).collect();
    assert_eq!(frame, [[16, 16], [609, 16], [609, 609], [16, 609]], "the frame: 7.5 to 292.5 pt at 150 dpi");
    let text = body(a);
    assert!(
        text.contains("全国妇联部署“好姐妹”工作，要求各级妇联组织转变作风。北京9月23日电（记者黄小希）各地妇联"),
        "{text}"
    );
    assert!(text.ends_with("会议指出，妇联干部要成为妇女群众信得过的娘家人，在2016年做好服务。"), "{text}");
    let words: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("p1.words.json")).unwrap()).unwrap();
    let first: Vec<&str> =
        words["lines"][0]["words"].as_array().unwrap().iter().map(|w| w[0].as_str().unwrap()).collect();
    assert_eq!(first, ["好", "姐", "妹", "（", "竖", "排", "）"], "a CJK character is a word");
}

#[test]
fn one_pdf_of_all_pages_and_given_page_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, stdout, stderr) = kit(&[
        "import",
        "pdf",
        s(&fixture("two-pages.pdf")),
        "--date",
        "1916-08-26",
        "--pages",
        "A1,A2",
        "--out",
        s(&out),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let issue = issue(&out);
    let pages: Vec<(&str, Option<&str>)> = issue.pages.iter().map(|p| (p.number.as_str(), p.pdf.as_deref())).collect();
    assert_eq!(pages, [("A1", Some("edition.pdf")), ("A2", Some("edition.pdf"))]);
    // Nothing readable: the edition is refused, saying why.
    let (code, _, stderr) =
        kit(&["import", "pdf", s(&fixture("damaged.pdf")), "--date", "1916-08-26", "--out", s(&out)]);
    assert_ne!(code, 0);
    assert!(stderr.contains("no page of the edition could be read") && stderr.contains("damaged"), "{stderr}");
}

/// Page 2 of the demo's 2016-09-24 issue, printed by Chromium (demo/pdf/make.mjs): its seven
/// articles come back with their titles, their frames as regions (one L-shaped) and their text.
#[test]
fn the_demo_page_pdf_gives_the_demo_articles_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).unwrap();
    fs::copy(root().join("demo/pdf/2016-09-24/p2.pdf"), dir.join("p2.pdf")).unwrap();
    let out = tmp.path().join("out");
    let (code, stdout, stderr) =
        kit(&["import", "pdf", s(&dir), "--date", "2016-09-24", "--dpi", "96", "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let got = issue(&out);
    let demo: Issue =
        serde_json::from_str(&fs::read_to_string(root().join("demo/data/issues/2016-09-24/issue.json")).unwrap())
            .unwrap();
    let (want, page) = (&demo.pages[1], &got.pages[0]);
    assert_eq!((page.number.as_str(), page.image.width, page.image.height), ("2", 1200, 1700));
    for a in &want.articles {
        let b = page.articles.iter().find(|b| b.title == a.title).unwrap_or_else(|| panic!("{} not found", a.title));
        let (p, q) = (&a.regions[0].points, &b.regions[0].points);
        let close = p.len() == q.len()
            && p.iter().zip(q).all(|(p, q)| (p[0] - q[0]).abs() <= 2.0 && (p[1] - q[1]).abs() <= 2.0);
        assert!(close, "{}: {p:?} against {q:?}", a.title);
        // Chromium writes 户 as 戶 (the SC font draws both with one glyph and the PDF's
        // Unicode map says the lower code point): those two articles differ by that character.
        if !body(a).contains('户') {
            assert_eq!(body(b), body(a), "{}", a.title);
        }
    }
}

/// `import batch` takes a tree with dated folders of page PDFs, each an edition.
#[test]
fn a_batch_tree_of_pdf_editions_imports_into_an_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    for (day, file) in [("2016-09-24", "cjk.pdf"), ("rmrb20160925", "image-only.pdf")] {
        fs::create_dir_all(tree.join(day)).unwrap();
        fs::copy(fixture(file), tree.join(day).join("01.pdf")).unwrap();
    }
    let archive = tmp.path().join("archive");
    let args = ["import", "batch", s(&tree), "--archive", s(&archive), "--paper", "中国妇女报", "--language", "zh"];
    let (code, stdout, stderr) = kit(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("2 imported (2 pages)"), "{stdout}");
    let one = issue(&archive.join("issues/2016-09-24"));
    assert_eq!(one.pages[0].articles[0].title, "好姐妹（竖排）");
    assert!(archive.join("issues/2016-09-25/issue.json").is_file());
}

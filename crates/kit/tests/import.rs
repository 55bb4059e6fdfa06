//! The importers end to end: the built kit on the fixtures in tests/fixtures/import and on the
//! Beaver County News page, checking the issue it writes, what it reports, and that bad input
//! leaves nothing behind.

use broadsheet_model::{parse, Archive, ArticleKind, Block, Issue, MonthIndex};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// Runs the kit: exit code, stdout, stderr.
fn kit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet-kit")).args(args).output().expect("the kit runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp() -> TempDir {
    tempfile::Builder::new().prefix("broadsheet-import-").tempdir().unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(rel: &str) -> String {
    root().join("tests/fixtures/import").join(rel).to_str().unwrap().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn issue(dir: &Path) -> Issue {
    parse::<Issue>(&fs::read_to_string(dir.join("issue.json")).unwrap()).unwrap()
}

/// The issue file validates, and so does the folder `import --out` wrote, as a publisher
/// would check it.
fn validates(dir: &Path) {
    // The issue, and the words file of each page that has one.
    let issue = issue(dir);
    let words = issue.pages.iter().filter(|p| p.words.is_some()).count();
    for p in issue.pages.iter().filter_map(|p| p.words.as_deref()) {
        assert!(dir.join(p).is_file(), "{p} is named but not written");
    }
    for path in [dir.join("issue.json"), dir.to_path_buf()] {
        let (code, out, _) = kit(&["validate", s(&path)]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains(&format!("{} file(s) checked, 0 problem(s) found", 1 + words)), "{out}");
    }
}

/// Page 1 of the Beaver County News (shared data 01): its article METS and ALTO from the
/// fixtures and its JPEG from demo/beaver, byte for byte the shared files, copied into `dir`.
/// Returns the METS.
fn beaver_page(dir: &Path) -> PathBuf {
    for f in ["articles_1916051201.xml", "0001.xml"] {
        fs::copy(fixture(&format!("beaver/{f}")), dir.join(f)).unwrap();
        // Where the shared data is there too, the fixture copies must be the same files.
        let shared = root().join("../shared/data/01-beaver-county-news-1916-05-12-p1").join(f);
        if shared.is_file() {
            assert!(fs::read(&shared).unwrap() == fs::read(dir.join(f)).unwrap(), "{f} differs from the shared data");
        }
    }
    fs::copy(root().join("demo/beaver/issues/1916-05-12/p1.jpg"), dir.join("0001.jpg")).unwrap();
    dir.join("articles_1916051201.xml")
}

fn size(path: &Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap()
}

fn paragraphs(a: &broadsheet_model::Article) -> Vec<&str> {
    a.body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn mets_alto_fixture_maps_articles_units_pages_and_images() {
    let tmp = temp();
    let out = tmp.path().join("issue");
    let (code, stdout, stderr) = kit(&["import", "mets-alto", &fixture("mets/issue.xml"), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    validates(&out);
    assert!(stdout.contains("3 page(s), 2 article(s), 1 masthead(s), 1 advertisement(s), 6 region(s)"), "{stdout}");
    assert!(stderr.contains("imported 3 pages in"), "{stderr}");
    // Page 4 is named but not there; page 3 has no ALTO.
    assert!(stderr.contains("page 4: skipped: no image file (page4.jp2)"), "{stderr}");
    for repair in [
        "alto1.xml: the PrintSpace (1400x1778) reaches outside the page (1270x1778)",
        "alto2.xml: the ALTO page is 320x448 pixels but the image is 160x224: coordinates scaled to the image",
        "alto1.xml:12: TextBlock P1_TB2: its box does not fit its lines; taken from them",
        "issue.xml:64: zone on page 1: 3 point(s) outside the page moved onto its edge",
    ] {
        assert!(stderr.contains(repair), "{repair} in {stderr}");
    }

    let i = issue(&out);
    assert_eq!(i.date.to_string(), "1921-03-04");
    assert_eq!(i.edition.as_deref(), Some("Vol. 3, No. 12"));
    let pages: Vec<(&str, &str, &str)> =
        i.pages.iter().map(|p| (p.id.as_str(), p.number.as_str(), p.image.src.as_str())).collect();
    assert_eq!(pages, vec![("p1", "1", "p1.png"), ("p2", "2", "p2.jpg"), ("p3", "3", "p3.jpg")]);
    // The PNG sibling of page1.jp2 is copied as it is; the TIFF and JPEG 2000 masters are
    // converted to JPEG at their own size.
    assert_eq!(fs::read(out.join("p1.png")).unwrap(), fs::read(fixture("mets/page1.png")).unwrap());
    assert_eq!(size(&out.join("p2.jpg")), (160, 224));
    assert_eq!(size(&out.join("p3.jpg")), (120, 160));
    assert_eq!(size(&out.join("p1-thumb.jpg")), (200, 280));

    let a = &i.pages[0].articles;
    let kinds: Vec<(ArticleKind, &str)> = a.iter().map(|a| (a.kind, a.title.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (ArticleKind::Masthead, "Fixture Gazette"),
            (ArticleKind::Article, "Council Meets & Votes"),
            (ArticleKind::Advertisement, "Smith's Hardware"),
            (ArticleKind::Article, "Lost: a brown dog."),
        ]
    );
    let council = &a[1];
    assert_eq!(council.subtitle.as_deref(), Some("Water Bonds Carried"));
    // The printed headline is dropped (it is the title), the second deck is a heading, the
    // hyphenated "engi-neer's" and "dis-sent" are joined, and the paragraph runs on over the
    // column and the page.
    assert_eq!(council.body[0], Block::Heading { text: "Mayor Speaks Plainly".into() });
    assert_eq!(
        paragraphs(council),
        vec![
            "The council met on Tuesday and heard the engineer's report on the new reservoir. Bonds of $40,000 were voted without dissent.",
            "Work begins in May, the mayor said, and will be done by the autumn."
        ]
    );
    // mm10 at 100 dpi. P1_TB2's box does not hold its lines and P1_TB3's (51, 540, 559 x 600)
    // is four times the area of its lines, so the zone's region is the union of their lines,
    // (55, 340)-(600, 700) mm10, (21.65, 133.86)-(236.22, 275.59) px. The last zone is on
    // page 2, halved from its ALTO: the line of P2_TB1 (its box is five times the line's).
    assert_eq!(council.regions.len(), 3);
    assert_eq!(council.regions[0].points[0], [21.65, 133.86]);
    assert_eq!(council.regions[0].points[2], [236.22, 275.59]);
    assert_eq!(council.regions[2].page.as_deref(), Some("p2"));
    assert_eq!(council.regions[2].points, vec![[5.0, 5.0], [155.0, 5.0], [155.0, 15.0], [5.0, 15.0]]);
    // The advertisement's RECT reached past the page and was clamped.
    assert_eq!(a[2].regions[0].points, vec![[260.0, 600.0], [500.0, 600.0], [500.0, 700.0], [260.0, 700.0]]);
}

/// The fixture issue with its logical structMap cut out, in a temporary folder: its METS.
fn plain_mets(dir: &Path) -> PathBuf {
    let mets = fs::read_to_string(fixture("mets/issue.xml")).unwrap();
    let cut = mets.find("<structMap LABEL=\"Logical Structure\"").unwrap();
    let end = mets.rfind("</structMap>").unwrap() + "</structMap>".len();
    let plain = format!("{}{}", &mets[..cut], &mets[end..]);
    for f in ["page1.png", "alto1.xml", "page2.tif", "alto2.xml", "page3.jp2"] {
        fs::copy(fixture(&format!("mets/{f}")), dir.join(f)).unwrap();
    }
    fs::write(dir.join("issue.xml"), plain).unwrap();
    dir.join("issue.xml")
}

#[test]
fn mets_without_logical_map_finds_articles_from_the_layout() {
    let tmp = temp();
    let mets = plain_mets(tmp.path());
    let out = tmp.path().join("out");
    let (code, stdout, stderr) = kit(&["import", "mets-alto", s(&mets), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    validates(&out);
    assert!(stdout.contains("3 page(s), 2 article(s), 1 masthead(s)"), "{stdout}");
    assert!(stderr.contains("page 1: no article structure: 2 article(s) found from the layout"), "{stderr}");
    let i = issue(&out);
    let a = &i.pages[0].articles;
    // The nameplate across the top is the masthead, titled from the METS label.
    assert_eq!((a[0].kind, a[0].title.as_str()), (ArticleKind::Masthead, "Fixture Gazette"));
    // The headline set large and its decks; the text under it, the item below it in its
    // column and the column beside it (nothing above it: it goes on from the foot of the
    // column to its left) are one story.
    let council = &a[1];
    assert_eq!(
        (council.title.as_str(), council.subtitle.as_deref()),
        ("COUNCIL MEETS", Some("Water Bonds Carried Mayor Speaks Plainly"))
    );
    assert_eq!(
        paragraphs(council),
        vec![
            "The council met on Tuesday and heard the engineer's report on the new reservoir. Bonds of $40,000 were voted without dissent.",
            "Lost: a brown dog.",
            "Work begins in May, the mayor said, and will be done by"
        ]
    );
    assert_eq!(council.regions.len(), 3);
    assert_eq!(i.pages[1].articles[0].title, "the autumn.");
    // The words that have boxes, in page pixels, linked to their article.
    let words = fs::read_to_string(out.join("p1.words.json")).unwrap();
    assert!(words.starts_with(r#"{"version":1,"page":"p1","width":500,"height":700,"lines":[{"article":"a0101","words":[["FIXTURE",39,31,158,71]"#), "{words}");
}

#[test]
fn mets_without_logical_map_and_no_segment_gives_one_article_per_block() {
    let tmp = temp();
    let mets = plain_mets(tmp.path());
    let out = tmp.path().join("out");
    let (code, stdout, stderr) = kit(&["import", "mets-alto", s(&mets), "--no-segment", "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    validates(&out);
    assert!(stderr.contains("TextBlock P1_TB6: no text; left out"), "{stderr}");
    let i = issue(&out);
    let titles: Vec<&str> = i.pages[0].articles.iter().map(|a| a.title.as_str()).collect();
    // Headline lines set large become titles; other blocks take their first words.
    assert_eq!(
        titles,
        vec![
            "FIXTURE GAZETTE",
            "COUNCIL MEETS",
            "The council met on Tuesday and heard the engineer's report on the new…",
            "Work begins in May, the mayor said, and will be done by",
            "Lost: a brown dog."
        ]
    );
    assert_eq!(i.pages[1].articles[0].title, "the autumn.");
}

#[test]
fn bad_mets_input_is_explained_and_writes_nothing() {
    let tmp = temp();
    let dir = tmp.path();
    let out = dir.join("issue");
    for (file, message) in [
        (
            "mets/bad/dangling.xml",
            "dangling.xml:10: dangling IDREF: BEGIN=\"P1_TB9\" is not a block ID in the ALTO of page 1",
        ),
        (
            "mets/bad/badunit.xml",
            "badunit-alto.xml:2: unknown MeasurementUnit \"furlong\": use pixel, mm10 or inch1200",
        ),
        ("mets/bad/truncated.xml", "truncated.xml:9: malformed XML"),
        ("mets/bad/noimage.xml", "noimage.xml: none of the 1 pages named has its image file"),
        ("mets/alto1.xml", "alto1.xml: an ALTO page (the layout and text of one page), not what import mets-alto reads: import the issue METS that names it: broadsheet-kit import mets-alto"),
        ("mets/missing.xml", "missing.xml: cannot read the file"),
    ] {
        let (code, stdout, stderr) = kit(&["import", "mets-alto", &fixture(file), "--out", s(&out)]);
        assert_eq!(code, 1, "{file}: {stdout}{stderr}");
        assert!(stderr.contains(message), "{file}: {message} in {stderr}");
        assert!(stderr.contains("nothing written"), "{stderr}");
        assert!(!out.exists(), "{file} left {}", out.display());
    }
    assert_eq!(fs::read_dir(dir).unwrap().count(), 0, "no temporary folder is left behind");
}

#[test]
fn a_failed_import_keeps_the_previous_one() {
    let tmp = temp();
    let out = tmp.path().join("issue");
    assert_eq!(kit(&["import", "iiif", &fixture("iiif/manifest.json"), "--out", s(&out)]).0, 0);
    let before = fs::read(out.join("issue.json")).unwrap();
    let (code, _, stderr) = kit(&["import", "iiif", &fixture("iiif/bad/dangling-target.json"), "--out", s(&out)]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(fs::read(out.join("issue.json")).unwrap(), before);
    // A second good import replaces the first whole.
    assert_eq!(kit(&["import", "mets-alto", &fixture("mets/issue.xml"), "--out", s(&out)]).0, 0);
    assert!(!out.join("p2.jpg").exists() || issue(&out).pages[1].image.src == "p2.jpg");
    assert_eq!(issue(&out).date.to_string(), "1921-03-04");
    assert_eq!(fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
}

#[test]
fn imagemap_fixture_scales_areas_and_reads_article_pages() {
    let tmp = temp();
    let out = tmp.path().join("issue");
    let dir = fixture("imagemap/2016-09/24");
    let (code, stdout, stderr) =
        kit(&["import", "imagemap", &format!("{dir}/node_3.htm"), &format!("{dir}/node_2.htm"), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    validates(&out);
    assert!(
        stderr.contains(
            "node_2.htm: area 1 (content_101.htm): 2 repeated point(s) dropped, 2 collinear point(s) dropped"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("node_2.htm: area 4 (content_103.htm): 1 point(s) outside the page moved onto its edge"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "node_2.htm: area 5 (content_104.htm): shape \"poly\" with 3 coordinate(s) is not a region; left out"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("content_301.htm is missing"), "{stderr}");

    let i = issue(&out);
    assert_eq!(i.date.to_string(), "2016-09-24");
    assert_eq!(i.edition.as_deref(), Some("第6342期"));
    // Pages in printed order whatever the command line's; the full-size image is the linked
    // 1200x1725 one, three times the 400x575 copy the map was drawn on.
    let p = &i.pages[0];
    assert_eq!((p.number.as_str(), p.name.as_str(), p.image.width, p.image.height), ("02", "综合新闻", 1200, 1725));
    assert_eq!((i.pages[1].number.as_str(), i.pages[1].name.as_str()), ("03", "评论"));
    let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, vec!["地方党委要加强对群团改革的领导", "好姐妹·娘家人", "六部门联手打击电信网络诈骗"]);
    assert_eq!(p.articles[0].regions[0].points, vec![[30.0, 30.0], [1170.0, 30.0], [1170.0, 450.0], [30.0, 450.0]]);
    let sisters = &p.articles[1];
    assert_eq!(sisters.pretitle.as_deref(), Some("江苏省妇联打造“妇女之家”"));
    assert_eq!(sisters.subtitle.as_deref(), Some("——基层妇联组织建设见闻"));
    assert_eq!(sisters.byline.as_deref(), Some("□ 新华社记者 黄小希"));
    assert_eq!(
        paragraphs(sisters),
        vec!["走进村里的“妇女之家”，墙上贴满了照片。", "这里是姐妹们的娘家。", "大家说，有事就来这里。"]
    );
    let Block::Image { src, width, caption, .. } = &sisters.body[2] else { panic!("{:?}", sisters.body) };
    assert_eq!((src.as_str(), *width, caption.as_deref()), ("a0102-3.png", Some(500), Some("姐妹们在妇女之家")));
    assert!(out.join("a0102-3.png").is_file());
    // The GBK article page, with two areas on page 02 and one on page 03.
    let fraud = &p.articles[2];
    assert_eq!(paragraphs(fraud), vec!["最高人民法院等六部门联合发布通告。", "通告要求，严厉打击电信网络诈骗犯罪。"]);
    assert_eq!(fraud.byline.as_deref(), Some("本报记者 王丽"));
    assert_eq!(fraud.regions.len(), 3);
    assert_eq!(fraud.regions[2].page.as_deref(), Some("p2"));
    assert_eq!(i.pages[1].articles[0].title, "志愿服务见证“她力量”");
}

#[test]
fn imagemap_without_a_map_or_date_is_explained() {
    let dir = fixture("imagemap/2016-09/24");
    let target = temp();
    let out = target.path().join("issue");
    let (code, _, stderr) = kit(&["import", "imagemap", &format!("{dir}/content_101.htm"), "--out", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("none of the files is a page with an image map"), "{stderr}");
    let nodate = temp();
    let tmp = nodate.path();
    for f in ["node_2.htm", "p2.png", "p2-small.png"] {
        fs::copy(format!("{dir}/{f}"), tmp.join(f)).unwrap();
    }
    let page = fs::read_to_string(tmp.join("node_2.htm")).unwrap().replace("2016年9月24日", "");
    fs::write(tmp.join("node_2.htm"), page).unwrap();
    let (code, _, stderr) = kit(&["import", "imagemap", s(&tmp.join("node_2.htm")), "--out", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no issue date found"), "{stderr}");
    let (code, _, stderr) =
        kit(&["import", "imagemap", s(&tmp.join("node_2.htm")), "--date", "2016-09-24", "--out", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("article page"), "article pages are missing here: {stderr}");
    assert!(!out.parent().unwrap().join(".issue.importing").exists());
}

#[test]
fn iiif_fixture_reads_ranges_selectors_and_annotations() {
    let tmp = temp();
    let out = tmp.path().join("issue");
    let (code, stdout, stderr) = kit(&["import", "iiif", &fixture("iiif/manifest.json"), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    validates(&out);
    assert!(
        stderr.contains("structures[0].items[0]: 1 repeated point(s) dropped, 1 collinear point(s) dropped"),
        "{stderr}"
    );
    let i = issue(&out);
    assert_eq!(i.date.to_string(), "1921-03-04");
    let p1 = &i.pages[0];
    assert_eq!((p1.image.src.as_str(), p1.image.width, p1.image.height), ("p1.png", 500, 700));
    let council = &p1.articles[0];
    assert_eq!(council.title, "Council Meets & Votes");
    // Canvas units are twice the image's pixels.
    assert_eq!(council.regions[0].points, vec![[20.0, 130.0], [240.0, 130.0], [240.0, 570.0], [20.0, 570.0]]);
    assert_eq!(council.regions[1].points, vec![[260.0, 130.0], [480.0, 130.0], [480.0, 250.0], [260.0, 250.0]]);
    assert_eq!(council.regions[2].page.as_deref(), Some("p2"));
    assert_eq!(
        paragraphs(council),
        vec![
            "The council met on Tuesday and voted the water bonds.",
            "Editor's note: bonds were $40,000.",
            "Work begins in May."
        ]
    );
    // Page 2's image stays on its IIIF server, with renditions from its image service.
    let p2 = &i.pages[1];
    assert_eq!(p2.image.src, "https://iiif.example.org/image/gazette-p2/full/max/0/default.jpg");
    let r: Vec<(&str, u32)> = p2.image.renditions.iter().map(|r| (r.src.as_str(), r.width)).collect();
    assert_eq!(
        r,
        vec![
            ("https://iiif.example.org/image/gazette-p2/full/1200,/0/default.jpg", 1200),
            ("https://iiif.example.org/image/gazette-p2/full/200,/0/default.jpg", 200)
        ]
    );
    let ad = &p2.articles[0];
    assert_eq!((ad.kind, ad.title.as_str()), (ArticleKind::Advertisement, "Smith's Hardware"));
    assert_eq!(ad.regions[0].points, vec![[1500.0, 3000.0], [3000.0, 3000.0], [3000.0, 4000.0], [1500.0, 4000.0]]);
    assert_eq!(paragraphs(ad), vec!["Nails, hinges and stoves at fair prices."]);
}

#[test]
fn bad_iiif_input_is_explained_by_json_path() {
    let tmp = temp();
    let out = tmp.path().join("issue");
    for (file, message) in [
        ("iiif/bad/not-json.json", "not-json.json: not valid JSON: EOF while parsing a list at line 1 column 31"),
        ("iiif/bad/dangling-target.json", "dangling-target.json: structures[0].items[0].items[0]: no canvas has the id \"https://example.org/iiif/gazette/1921-03-04/canvas/p9\""),
        ("iiif/bad/bad-svg.json", "bad-svg.json: structures[0].items[0].items[1].selector[0]: SVG selector:1: \"x\" is not a number"),
        ("iiif/bad/no-date.json", "no-date.json: navDate: missing: give --date"),
    ] {
        let (code, _, stderr) = kit(&["import", "iiif", &fixture(file), "--out", s(&out)]);
        assert_eq!(code, 1, "{file}: {stderr}");
        assert!(stderr.contains(message), "{message} in {stderr}");
        assert!(!out.exists());
    }
}

/// The Beaver County News demo archive, regenerated from the METS and ALTO kept in the fixtures
/// and the committed page JPEG, gives the committed JSON.
#[test]
fn beaver_demo_regenerates_to_the_same_json() {
    let committed = root().join("demo/beaver");
    let src_dir = temp();
    let mets = beaver_page(src_dir.path());
    let archive_dir = temp();
    let archive = archive_dir.path().join("beaver");
    let (code, stdout, stderr) = kit(&[
        "import",
        "mets-alto",
        s(&mets),
        "--archive",
        s(&archive),
        "--paper",
        "Beaver County News",
        "--language",
        "en",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("1 page(s), 14 article(s), 1 masthead(s), 0 advertisement(s), 25 region(s)"), "{stdout}");
    assert!(stderr.contains("page 10: skipped"), "{stderr}");
    // The committed demo has its search index too (docs/search.md).
    let (code, stdout, stderr) = kit(&["search-index", s(&archive)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for rel in [
        "archive.json",
        "months/1916-05.json",
        "issues/1916-05-12/issue.json",
        "issues/1916-05-12/p1.words.json",
        "search/index.json",
    ] {
        assert_eq!(
            fs::read_to_string(archive.join(rel)).unwrap(),
            fs::read_to_string(committed.join(rel)).unwrap(),
            "demo/beaver/{rel} is stale: regenerate it as docs/importing.md says"
        );
    }
    let (code, out, _) = kit(&["validate", s(&archive)]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = kit(&["validate", s(&committed)]);
    assert_eq!(code, 0, "{out}");

    let a: Archive = parse(&fs::read_to_string(committed.join("archive.json")).unwrap()).unwrap();
    assert_eq!((a.paper.name.as_str(), a.paper.language.as_str()), ("Beaver County News", "en"));
    let m: MonthIndex = parse(&fs::read_to_string(committed.join("months/1916-05.json")).unwrap()).unwrap();
    assert_eq!(m.issues.len(), 1);
    let i = issue(&committed.join("issues/1916-05-12"));
    let p = &i.pages[0];
    assert_eq!((p.image.width, p.image.height), (3852, 5741));
    let dir = committed.join("issues/1916-05-12");
    for r in &p.image.renditions {
        assert_eq!(size(&dir.join(&r.src)).0, r.width);
    }
    assert_eq!(p.image.renditions.iter().map(|r| r.width).collect::<Vec<_>>(), vec![1200, 200]);
    let meeting = p.articles.iter().find(|a| a.title == "Business Men's Meeting").expect("the article");
    assert_eq!(meeting.regions.len(), 3);
    assert_eq!(meeting.regions[0].points, vec![[0.0, 4123.0], [1296.0, 4123.0], [1296.0, 4665.0], [0.0, 4665.0]]);
    assert_eq!(meeting.body[0], Block::Heading { text: "Building of Milford-Malone Road Considered".into() });
    assert!(
        paragraphs(meeting)[0]
            .starts_with("While the called meeting of the Business Men's Association, held on Tuesday evening,"),
        "{:?}",
        meeting.body
    );
    assert_eq!(p.articles[0].kind, ArticleKind::Masthead);
    assert_eq!(p.articles[0].title, "Beaver County News");
}

/// `validate DIR` on what `import --out DIR` wrote (an issue folder: issue.json and its images,
/// no archive.json) checks the issue and its files, and no longer fails for want of an
/// archive.json.
#[test]
fn validate_accepts_the_folder_import_out_writes() {
    let src = temp();
    let mets = beaver_page(src.path());
    let target = temp();
    let out = target.path().join("1916-05-12");
    let (code, stdout, stderr) = kit(&["import", "mets-alto", s(&mets), "--out", s(&out)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, report, _) = kit(&["validate", s(&out)]);
    assert_eq!(code, 0, "{report}");
    // The issue and its page's words file.
    assert_eq!(report, format!("{}: 2 file(s) checked, 0 problem(s) found\n", out.display()));

    // A missing image is found in the folder, by JSON path, and fails the check.
    fs::remove_file(out.join("p1-thumb.jpg")).unwrap();
    let (code, report, _) = kit(&["validate", s(&out)]);
    assert_eq!(code, 1, "{report}");
    let want = format!(
        "{}: pages[0].image.renditions[1].src: the file \"p1-thumb.jpg\" is missing",
        out.join("issue.json").display()
    );
    assert!(report.contains(&want), "{want} in {report}");

    // A folder that is neither an archive nor an issue folder is explained.
    let empty = temp();
    let (code, report, _) = kit(&["validate", s(empty.path())]);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("neither archive.json (an archive) nor issue.json (an issue folder)"), "{report}");
}

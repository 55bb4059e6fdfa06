use super::*;
use broadsheet_model::{Archive, PageImage};

const LINK: &str = "https://paper.example/epaper/?date=2016-09-24&article=a0202";

/// The demo's paper and issue of 24 September 2016 (the reference page).
fn demo() -> (Archive, Issue) {
    let archive = broadsheet_model::parse(include_str!("../../../demo/data/archive.json")).unwrap();
    let issue = broadsheet_model::parse(include_str!("../../../demo/data/issues/2016-09-24/issue.json")).unwrap();
    (archive, issue)
}

/// 好姐妹·娘家人 on page 02 综合新闻, as cited.
fn seed(link: Option<&str>) -> Citation {
    let (archive, issue) = demo();
    let (home, article) = issue.article("a0202").unwrap();
    Citation::of(&archive.paper, &issue, home, article, link.map(String::from))
}

fn page(id: &str, number: &str, name: &str, articles: Vec<Article>) -> broadsheet_model::Page {
    broadsheet_model::Page {
        id: id.into(),
        number: number.into(),
        name: name.into(),
        image: PageImage { src: "p.jpg".into(), width: 100, height: 100, renditions: vec![] },
        pdf: None,
        words: None,
        rating: None,
        articles,
    }
}

fn article(id: &str, title: &str, byline: Option<&str>) -> Article {
    Article {
        id: id.into(),
        kind: Default::default(),
        pretitle: None,
        title: title.into(),
        subtitle: None,
        byline: byline.map(String::from),
        body: vec![],
        regions: vec![],
    }
}

/// An English paper with no edition label; its article on page A3 "Weather".
fn english(title: &str, byline: Option<&str>) -> Citation {
    let paper = Paper {
        name: "The Daily Example".into(),
        title: None,
        serial: None,
        language: "en-GB".into(),
        publisher: None,
        copyright: None,
        links: vec![],
    };
    let issue = Issue {
        version: 1,
        date: Day::parse("1912-04-16").unwrap(),
        edition: None,
        pages: vec![
            page("p1", "1", "Front page", vec![]),
            page("p3", "A3", "Weather", vec![article("s1", title, byline)]),
        ],
        ranking: vec![],
    };
    let (home, a) = issue.article("s1").unwrap();
    Citation::of(&paper, &issue, home, a, Some("https://daily.example/?date=1912-04-16&article=s1".into()))
}

#[test]
fn a_chinese_article_is_read_from_the_data() {
    let c = seed(Some(LINK));
    assert_eq!(c.paper, "中国妇女报");
    assert_eq!(c.date.to_string(), "2016-09-24");
    assert_eq!(c.edition.as_deref(), Some("第6212期"));
    assert_eq!((c.page_number.as_str(), c.page_name.as_str()), ("02", "综合新闻"));
    assert_eq!(c.title, "好姐妹·娘家人");
    assert_eq!(c.byline.as_deref(), Some("新华社记者 黄小希"), "the printed □ is not part of the name");
    assert_eq!(c.key(), "article20160924-a0202");
}

#[test]
fn chinese_text_follows_the_chinese_note_style_and_english_the_chicago_style() {
    let c = seed(Some(LINK));
    assert_eq!(
        c.text(Lang::Zh),
        format!(
            "新华社记者 黄小希：《好姐妹·娘家人》，《中国妇女报》2016年9月24日，第6212期，第02版 综合新闻。 {LINK}"
        )
    );
    assert_eq!(
        c.text(Lang::En),
        format!("新华社记者 黄小希. \u{201c}好姐妹·娘家人.\u{201d} 中国妇女报, September 24, 2016, 第6212期, Page 02: 综合新闻. {LINK}")
    );
    let e = english("Storm hits the coast", Some("By Ann Lee"));
    assert_eq!(
        e.text(Lang::En),
        "Ann Lee. \u{201c}Storm hits the coast.\u{201d} The Daily Example, April 16, 1912, Page A3: Weather. https://daily.example/?date=1912-04-16&article=s1"
    );
    assert_eq!(
        e.text(Lang::Zh),
        "Ann Lee：《Storm hits the coast》，《The Daily Example》1912年4月16日，第A3版 Weather。 https://daily.example/?date=1912-04-16&article=s1"
    );
    assert_eq!(e.key(), "thedailyexample19120416-s1");
}

#[test]
fn what_is_missing_is_left_out_of_every_format() {
    // No byline, no edition, no link, a page named only by its number.
    let (archive, mut issue) = demo();
    issue.edition = None;
    issue.pages[1].name = "第02版".into();
    let (home, a) = issue.article("a0203").unwrap();
    let c = Citation::of(&archive.paper, &issue, home, a, None);
    assert_eq!(c.byline, None);
    assert_eq!(c.text(Lang::Zh), "《铭记红军丰功伟绩 弘扬伟大长征精神》，《中国妇女报》2016年9月24日，第02版。");
    assert_eq!(
        c.text(Lang::En),
        "\u{201c}铭记红军丰功伟绩 弘扬伟大长征精神.\u{201d} 中国妇女报, September 24, 2016, Page 02."
    );
    let bib = c.bibtex();
    for field in ["author", "edition", "url"] {
        assert!(!bib.contains(&format!("  {field} = ")), "{field} in {bib}");
    }
    let ris = c.ris();
    for tag in ["AU", "ET", "UR"] {
        assert!(!ris.contains(&format!("{tag}  - ")), "{tag} in {ris}");
    }
    let csl: Value = serde_json::from_str(&c.csl_json()).unwrap();
    for key in ["author", "edition", "URL"] {
        assert!(csl[0].get(key).is_none(), "{key}");
    }
    let names: Vec<&str> = c.meta().iter().map(|(n, _)| *n).collect();
    assert!(!names.contains(&"citation_author") && !names.contains(&"citation_issue"), "{names:?}");
    let ld: Value = serde_json::from_str(&c.json_ld()).unwrap();
    assert!(ld.get("author").is_none() && ld.get("url").is_none());
    // A byline that is only its marker is no byline.
    let blank = english("Quiet day", Some(" □ "));
    assert_eq!(blank.byline, None);
}

#[test]
fn bibtex_is_an_entry_with_the_fields_escaped() {
    let c = seed(Some(LINK));
    assert_eq!(
        c.bibtex(),
        format!(
            "@article{{article20160924-a0202,\n  title = {{好姐妹·娘家人}},\n  author = {{{{新华社记者 黄小希}}}},\n  \
             journal = {{中国妇女报}},\n  date = {{2016-09-24}},\n  year = {{2016}},\n  month = sep,\n  \
             edition = {{第6212期}},\n  pages = {{02}},\n  note = {{第02版 综合新闻}},\n  url = {{{LINK}}},\n  \
             language = {{zh-CN}}\n}}\n"
        )
    );
    let odd = english("50% off {all} fish & chips_#1 $5 ~^\\", Some("Smith} and {Jones"));
    let bib = odd.bibtex();
    assert!(
        bib.contains(
            "title = {50\\% off \\textbraceleft{}all\\textbraceright{} fish \\& chips\\_\\#1 \\$5 \
             \\textasciitilde{}\\textasciicircum{}\\textbackslash{}}"
        ),
        "{bib}"
    );
    assert!(bib.contains("author = {{Smith\\textbraceright{} and \\textbraceleft{}Jones}}"), "{bib}");
    // Whatever the data, the entry's braces balance (BibTeX counts escaped ones too).
    let mut depth = 0i32;
    for ch in bib.chars() {
        depth += match ch {
            '{' => 1,
            '}' => -1,
            _ => 0,
        };
        assert!(depth >= 0, "{bib}");
    }
    assert_eq!(depth, 0, "{bib}");
    assert_eq!(bib_escape("a\\{b"), "a\\textbackslash{}\\textbraceleft{}b");
}

#[test]
fn a_link_in_bibtex_is_verbatim_and_cannot_end_its_field() {
    assert_eq!(bib_url("https://x.test/?q=%E5&a=1#f"), "https://x.test/?q=%E5&a=1#f");
    assert_eq!(bib_url("https://x.test/a b}{\\\""), "https://x.test/a%20b%7D%7B%5C%22");
}

#[test]
fn ris_is_one_tagged_line_each_with_crlf() {
    let c = seed(Some(LINK));
    let ris = c.ris();
    assert!(ris.ends_with("ER  - \r\n"), "{ris:?}");
    let lines: Vec<&str> = ris.split_terminator("\r\n").collect();
    assert!(lines.iter().all(|l| {
        let b = l.as_bytes();
        b.len() >= 6
            && b[0].is_ascii_uppercase()
            && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
            && &l[2..6] == "  - "
    }));
    assert!(!ris.replace("\r\n", "").contains(['\r', '\n']), "no line break inside a value");
    assert_eq!(
        lines,
        [
            "TY  - NEWS",
            "TI  - 好姐妹·娘家人",
            "AU  - 新华社记者 黄小希",
            "T2  - 中国妇女报",
            "DA  - 2016/09/24/",
            "PY  - 2016",
            "ET  - 第6212期",
            "SP  - 02",
            "SE  - 综合新闻",
            &format!("UR  - {LINK}"),
            "LA  - zh-CN",
            "ER  - ",
        ]
    );
    // A title with line breaks in the data stays on its line.
    let e = english("Storm\nhits\r\n the coast", None);
    assert!(e.ris().contains("TI  - Storm hits the coast\r\n"));
}

#[test]
fn csl_json_is_valid_json_with_the_citation() {
    let c = seed(Some(LINK));
    let v: Value = serde_json::from_str(&c.csl_json()).unwrap();
    assert_eq!(
        v,
        json!([{
            "id": "article20160924-a0202",
            "type": "article-newspaper",
            "title": "好姐妹·娘家人",
            "author": [{ "literal": "新华社记者 黄小希" }],
            "container-title": "中国妇女报",
            "issued": { "date-parts": [[2016, 9, 24]] },
            "edition": "第6212期",
            "page": "02",
            "section": "综合新闻",
            "URL": LINK,
            "language": "zh-CN"
        }])
    );
    let e = english("\"Quoted\" \\ </script>", None);
    let v: Value = serde_json::from_str(&e.csl_json()).unwrap();
    assert_eq!(v[0]["title"], "\"Quoted\" \\ </script>");
}

#[test]
fn the_meta_elements_are_highwire_names() {
    let c = seed(Some(LINK));
    assert_eq!(
        c.meta(),
        vec![
            ("citation_title", "好姐妹·娘家人".to_string()),
            ("citation_author", "新华社记者 黄小希".into()),
            ("citation_journal_title", "中国妇女报".into()),
            ("citation_publication_date", "2016/09/24".into()),
            ("citation_date", "2016/09/24".into()),
            ("citation_issue", "第6212期".into()),
            ("citation_firstpage", "02".into()),
            ("citation_language", "zh-CN".into()),
            ("citation_fulltext_html_url", LINK.into()),
        ]
    );
}

#[test]
fn json_ld_is_a_news_article_that_cannot_end_its_script_element() {
    let c = seed(Some(LINK));
    let v: Value = serde_json::from_str(&c.json_ld()).unwrap();
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["@type"], "NewsArticle");
    assert_eq!(v["headline"], "好姐妹·娘家人");
    assert_eq!(v["author"]["name"], "新华社记者 黄小希");
    assert_eq!(v["datePublished"], "2016-09-24");
    assert_eq!(v["isPartOf"]["issueNumber"], "第6212期");
    assert_eq!(v["isPartOf"]["isPartOf"]["name"], "中国妇女报");
    assert_eq!(v["pageStart"], "02");
    assert_eq!(v["articleSection"], "综合新闻");
    assert_eq!(v["url"], LINK);
    let hostile = english("</script><script>alert(1)</script><!--", None);
    let text = hostile.json_ld();
    assert!(!text.contains('<'), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["headline"], "</script><script>alert(1)</script><!--", "the same text once read");
}

#[test]
fn formats_have_keys_files_and_types() {
    let c = seed(None);
    for f in Format::ALL {
        assert_eq!(Format::parse(f.key()), Some(f));
        assert!(c.render(f, Lang::Zh).len() > 20);
    }
    assert_eq!(Format::parse("mla"), None);
    assert_eq!(c.file_name(Format::BibTex), "article20160924-a0202.bib");
    assert_eq!(c.file_name(Format::Ris), "article20160924-a0202.ris");
    assert_eq!(c.file_name(Format::CslJson), "article20160924-a0202.json");
    assert_eq!(Format::Text.name("文本"), "文本");
    assert_eq!(c.render(Format::Text, Lang::En), c.text(Lang::En));
    assert_eq!(
        c.render(Format::BibTex, Lang::En),
        c.render(Format::BibTex, Lang::Zh),
        "data formats do not depend on the interface"
    );
}

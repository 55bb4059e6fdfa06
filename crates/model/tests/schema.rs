//! The JSON Schemas in `schema/` and the serde model must describe the same files.
//!
//! - every JSON file under `demo/data/` and `tests/fixtures/valid/` conforms to its schema and parses;
//! - every file under `tests/fixtures/invalid/` fails the model with the problems its `.expect`
//!   sidecar names, and passes or fails the schema as the sidecar says;
//! - values built in code serialize to schema-valid JSON;
//! - mutations of valid files (a field removed, an unknown field added, a value of the wrong type)
//!   are accepted or refused alike by the schema and by serde.

use broadsheet_model::{
    parse, Archive, Article, ArticleKind, Block, Day, Issue, Link, MonthEntry, MonthIndex, Page, PageImage, PageWords,
    Paper, RankEntry, RatingBaseline, Region, Rendition, Validate, YearMonth,
};
use jsonschema::Validator;
use serde_json::{json, Value};
use std::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Archive,
    Month,
    Issue,
    Words,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Archive, Kind::Month, Kind::Issue, Kind::Words];

    fn name(self) -> &'static str {
        match self {
            Kind::Archive => "archive",
            Kind::Month => "month",
            Kind::Issue => "issue",
            Kind::Words => "words",
        }
    }

    /// By file name first (`archive*.json`, `words*.json` or `*.words.json`, `month*.json`,
    /// `issue*.json`, or inside a `months/` folder), then by content: a manifest has `paper`, a
    /// month index has `month`, a words file has `lines`.
    fn of(path: &Path, text: &str) -> Kind {
        let name = path.file_name().unwrap().to_string_lossy();
        let parent = path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
        if name.starts_with("archive") {
            return Kind::Archive;
        }
        if name.starts_with("words") || name.ends_with(".words.json") {
            return Kind::Words;
        }
        if name.starts_with("month") || parent.as_deref() == Some("months") {
            return Kind::Month;
        }
        if name.starts_with("issue") {
            return Kind::Issue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(v) if v.get("paper").is_some() => Kind::Archive,
            Ok(v) if v.get("month").is_some() => Kind::Month,
            Ok(v) if v.get("lines").is_some() => Kind::Words,
            _ => Kind::Issue,
        }
    }

    fn schema_file(self) -> PathBuf {
        root().join(format!("schema/{}.schema.json", self.name()))
    }

    fn validator(self) -> &'static Validator {
        static CELLS: [OnceLock<Validator>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        CELLS[self as usize].get_or_init(|| {
            let text = fs::read_to_string(self.schema_file()).unwrap();
            let schema: Value = serde_json::from_str(&text).unwrap();
            jsonschema::draft202012::options()
                .build(&schema)
                .unwrap_or_else(|e| panic!("{}: {e}", self.schema_file().display()))
        })
    }

    /// The schema's complaints about a value, as `/json/pointer: message`.
    fn schema_errors(self, v: &Value) -> Vec<String> {
        self.validator().iter_errors(v).map(|e| format!("{}: {e}", e.instance_path())).collect()
    }

    /// The model's problems with a text, as `path: message`.
    fn model_problems(self, text: &str) -> Vec<String> {
        fn run<T: Validate>(text: &str) -> Vec<String> {
            match parse::<T>(text) {
                Ok(_) => Vec::new(),
                Err(p) => p.iter().map(|p| p.to_string()).collect(),
            }
        }
        match self {
            Kind::Archive => run::<Archive>(text),
            Kind::Month => run::<MonthIndex>(text),
            Kind::Issue => run::<Issue>(text),
            Kind::Words => run::<PageWords>(text),
        }
    }

    /// Whether serde alone (the shape, without the semantic checks) accepts a value.
    fn serde_accepts(self, v: &Value) -> Result<(), String> {
        fn run<T: serde::de::DeserializeOwned>(v: &Value) -> Result<(), String> {
            serde_json::from_value::<T>(v.clone()).map(|_| ()).map_err(|e| e.to_string())
        }
        match self {
            Kind::Archive => run::<Archive>(v),
            Kind::Month => run::<MonthIndex>(v),
            Kind::Issue => run::<Issue>(v),
            Kind::Words => run::<PageWords>(v),
        }
    }
}

/// Every `.json` file under a folder, recursively, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            // The whole-archive search index (`search/`, Pagefind's files and its own list) is not
            // one of the three kinds; `validate` checks it (crates/kit/src/check.rs).
            if path.is_dir() && d == dir && path.file_name().is_some_and(|n| n == "search") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Checks that every file conforms to the schema of its kind and parses with the model.
/// Returns how many files of each kind it checked.
fn check_valid_folder(dir: &Path) -> [usize; 4] {
    let mut counts = [0; 4];
    let mut failures = Vec::new();
    for path in json_files(dir) {
        let text = fs::read_to_string(&path).unwrap();
        let kind = Kind::of(&path, &text);
        counts[kind as usize] += 1;
        let problems = kind.model_problems(&text);
        if !problems.is_empty() {
            failures.push(format!("{} (as {}): model: {problems:#?}", path.display(), kind.name()));
        }
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => {
                let errors = kind.schema_errors(&v);
                if !errors.is_empty() {
                    failures.push(format!("{} (as {}): schema: {errors:#?}", path.display(), kind.name()));
                }
            }
            Err(e) => failures.push(format!("{}: not JSON: {e}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    counts
}

#[test]
fn schemas_are_valid_draft_2020_12() {
    for kind in Kind::ALL {
        let schema: Value = serde_json::from_str(&fs::read_to_string(kind.schema_file()).unwrap()).unwrap();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
        kind.validator();
    }
}

#[test]
fn every_schema_property_has_a_description() {
    fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::Object(props)) = o.get("properties") {
                    for (name, p) in props {
                        let described = p.get("description").is_some() || (name == "type" && p.get("const").is_some());
                        if !described {
                            missing.push(format!("{at}/properties/{name}"));
                        }
                    }
                }
                for (k, child) in o {
                    walk(child, &format!("{at}/{k}"), missing);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| walk(c, &format!("{at}/{i}"), missing)),
            _ => {}
        }
    }
    for kind in Kind::ALL {
        let schema: Value = serde_json::from_str(&fs::read_to_string(kind.schema_file()).unwrap()).unwrap();
        let mut missing = Vec::new();
        walk(&schema, "", &mut missing);
        assert!(missing.is_empty(), "{}: no description at {missing:?}", kind.name());
    }
}

#[test]
fn valid_fixtures_conform_and_parse() {
    let counts = check_valid_folder(&root().join("tests/fixtures/valid"));
    assert!(counts.iter().all(|&n| n >= 2), "fixtures of each kind: {counts:?}");
}

#[test]
fn demo_data_conforms_and_parses() {
    let dir = root().join("demo/data");
    if !dir.exists() {
        eprintln!("no {}: skipped", dir.display());
        return;
    }
    let counts = check_valid_folder(&dir);
    assert!(counts.iter().sum::<usize>() > 0, "{} exists but holds no JSON file", dir.display());
}

/// What a `.expect` sidecar says about its invalid fixture.
struct Expect {
    /// Each must be a substring of one of the model's problems (`path: message`).
    model: Vec<String>,
    /// The exact number of problems, when given.
    count: Option<usize>,
    /// Whether the schema accepts the file (it cannot see ids, references, sizes or real dates).
    schema_valid: bool,
}

fn read_expect(path: &Path) -> Expect {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut e = Expect { model: Vec::new(), count: None, schema_valid: false };
    let mut schema_line = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(m) = line.strip_prefix("model: ") {
            e.model.push(m.to_string());
        } else if let Some(n) = line.strip_prefix("count: ") {
            e.count = Some(n.parse().unwrap());
        } else if let Some(s) = line.strip_prefix("schema: ") {
            schema_line = true;
            e.schema_valid = match s {
                "valid" => true,
                "invalid" => false,
                _ => panic!("{}: schema: valid or invalid, not {s:?}", path.display()),
            };
        } else {
            panic!("{}: cannot read {line:?}", path.display());
        }
    }
    assert!(!e.model.is_empty() && schema_line, "{}: needs model: and schema: lines", path.display());
    e
}

#[test]
fn invalid_fixtures_fail_as_expected() {
    let dir = root().join("tests/fixtures/invalid");
    let files = json_files(&dir);
    assert!(files.len() >= 20, "only {} invalid fixtures", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let kind = Kind::of(path, &text);
        let expect = read_expect(&path.with_extension("expect"));
        let name = path.file_name().unwrap().to_string_lossy();

        let problems = kind.model_problems(&text);
        if problems.is_empty() {
            failures.push(format!("{name}: the model accepts it"));
        }
        for m in &expect.model {
            if !problems.iter().any(|p| p.contains(m.as_str())) {
                failures.push(format!("{name}: no problem contains {m:?}; got {problems:#?}"));
            }
        }
        if let Some(n) = expect.count {
            if problems.len() != n {
                failures.push(format!("{name}: {} problems, expected {n}: {problems:#?}", problems.len()));
            }
        }
        // A file that is not JSON at all (or too deep for the parser) is no schema instance.
        let schema_errors = match serde_json::from_str::<Value>(&text) {
            Ok(v) => kind.schema_errors(&v),
            Err(e) => vec![format!("not JSON: {e}")],
        };
        if expect.schema_valid != schema_errors.is_empty() {
            failures.push(format!(
                "{name}: expected schema {}, got {schema_errors:#?}",
                if expect.schema_valid { "valid" } else { "invalid" }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_sidecar_has_its_fixture() {
    for entry in fs::read_dir(root().join("tests/fixtures/invalid")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expect") {
            assert!(path.with_extension("json").exists(), "{} has no .json", path.display());
        }
    }
}

// ---------------------------------------------------------------- values built in code

fn full_issue() -> Issue {
    let rect = |x: f64, y: f64, w: f64, h: f64| vec![[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
    Issue {
        version: 1,
        date: Day::new(2016, 9, 24).unwrap(),
        edition: Some("第6342期".into()),
        pages: vec![
            Page {
                id: "p1".into(),
                number: "1".into(),
                name: "要闻".into(),
                image: PageImage {
                    src: "p1.jpg".into(),
                    width: 1200,
                    height: 1800,
                    renditions: vec![Rendition { src: "p1-s.jpg".into(), width: 300 }],
                },
                pdf: Some("https://cdn.example.org/p1.pdf".into()),
                words: None,
                rating: Some(RatingBaseline { sum: 40, count: 10 }),
                articles: vec![
                    Article {
                        id: "a1".into(),
                        kind: ArticleKind::Article,
                        pretitle: Some("引题".into()),
                        title: "标题".into(),
                        subtitle: Some("副题".into()),
                        byline: Some("记者".into()),
                        body: vec![
                            Block::Paragraph { text: "段落".into() },
                            Block::Heading { text: "小标题".into() },
                            Block::Image {
                                src: "i.jpg".into(),
                                width: Some(10),
                                height: Some(20),
                                caption: Some("说明".into()),
                            },
                            Block::Image { src: "j.jpg".into(), width: None, height: None, caption: None },
                        ],
                        regions: vec![
                            Region { page: None, points: rect(0.0, 0.0, 600.5, 900.25) },
                            Region { page: Some("p2".into()), points: rect(10.0, 10.0, 100.0, 100.0) },
                        ],
                    },
                    Article {
                        id: "m".into(),
                        kind: ArticleKind::Masthead,
                        pretitle: None,
                        title: "报头".into(),
                        subtitle: None,
                        byline: None,
                        body: vec![],
                        regions: vec![],
                    },
                ],
            },
            Page {
                id: "p2".into(),
                number: "2".into(),
                name: "广告".into(),
                image: PageImage { src: "p2.jpg".into(), width: 1200, height: 1800, renditions: vec![] },
                pdf: None,
                words: None,
                rating: None,
                articles: vec![Article {
                    id: "ad".into(),
                    kind: ArticleKind::Advertisement,
                    pretitle: None,
                    title: "广告".into(),
                    subtitle: None,
                    byline: None,
                    body: vec![],
                    regions: vec![Region { page: None, points: vec![[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]] }],
                }],
            },
        ],
        ranking: vec![
            RankEntry { article: "a1".into(), reads: Some(3) },
            RankEntry { article: "ad".into(), reads: None },
        ],
    }
}

fn full_archive() -> Archive {
    Archive {
        version: 1,
        paper: Paper {
            name: "中国妇女报".into(),
            title: Some("中国妇女报数字报纸".into()),
            serial: Some("CN11-0003".into()),
            language: "zh-CN".into(),
            publisher: Some("出版者".into()),
            copyright: Some("版权声明".into()),
            links: vec![Link { label: "关于我们".into(), href: "https://example.org/about".into() }],
        },
        first: Day::new(2015, 12, 31).unwrap(),
        last: Day::new(2016, 3, 1).unwrap(),
        months: "m/{yyyy}{mm}.json".into(),
        issues: "i/{yyyy}{mm}{dd}.json".into(),
        empty_months: vec![YearMonth::new(2016, 1).unwrap()],
        search: Some("search/".into()),
        search_start: vec!["engine/pagefind-entry.json".into(), "2016-04/pagefind.zh-cn_616dc4825e378.pf_meta".into()],
        origins: vec!["https://img.example.org".into()],
    }
}

fn full_month() -> MonthIndex {
    MonthIndex {
        version: 1,
        month: YearMonth::new(2016, 2).unwrap(),
        issues: vec![
            MonthEntry { date: Day::new(2016, 2, 28).unwrap(), pages: 4, headline: Some("头条".into()) },
            MonthEntry { date: Day::new(2016, 2, 29).unwrap(), pages: 1, headline: None },
        ],
    }
}

fn minimal_issue() -> Issue {
    let mut i = full_issue();
    i.edition = None;
    i.ranking.clear();
    i.pages.truncate(1);
    i.pages[0].pdf = None;
    i.pages[0].rating = None;
    i.pages[0].image.renditions.clear();
    i.pages[0].articles.clear();
    i
}

fn minimal_archive() -> Archive {
    let mut a = full_archive();
    a.paper = Paper {
        name: "P".into(),
        title: None,
        serial: None,
        language: "en".into(),
        publisher: None,
        copyright: None,
        links: vec![],
    };
    a.empty_months.clear();
    a.search = None;
    a.search_start.clear();
    a
}

fn conforms<T: serde::Serialize + Validate + PartialEq + Debug>(kind: Kind, value: &T) {
    assert!(value.validate().is_empty(), "{:?}", value.validate());
    let v = serde_json::to_value(value).unwrap();
    let errors = kind.schema_errors(&v);
    assert!(errors.is_empty(), "{}: {errors:#?}\n{v:#}", kind.name());
    let back: T = parse(&v.to_string()).unwrap();
    assert_eq!(&back, value);
}

#[test]
fn values_built_in_code_conform_to_the_schema() {
    conforms(Kind::Issue, &full_issue());
    conforms(Kind::Issue, &minimal_issue());
    conforms(Kind::Archive, &full_archive());
    conforms(Kind::Archive, &minimal_archive());
    conforms(Kind::Month, &full_month());
    let mut one = full_month();
    one.issues.truncate(1);
    conforms(Kind::Month, &one);
}

// ---------------------------------------------------------------- schema and serde agree on shape

/// JSON pointers of every object inside a value, with the object's keys.
fn objects(v: &Value, at: String, out: &mut Vec<(String, Vec<String>)>) {
    match v {
        Value::Object(o) => {
            out.push((at.clone(), o.keys().cloned().collect()));
            for (k, c) in o {
                objects(c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                objects(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// JSON pointers of every scalar (string, number, boolean, null) inside a value.
fn scalars(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => o.iter().for_each(|(k, c)| scalars(c, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| scalars(c, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// The values of every file in `valid/`, with their kind, plus the values built in code.
fn samples() -> Vec<(String, Kind, Value)> {
    let mut out = Vec::new();
    for path in json_files(&root().join("tests/fixtures/valid")) {
        let text = fs::read_to_string(&path).unwrap();
        let kind = Kind::of(&path, &text);
        out.push((
            path.file_name().unwrap().to_string_lossy().into_owned(),
            kind,
            serde_json::from_str(&text).unwrap(),
        ));
    }
    out.push(("full_issue()".into(), Kind::Issue, serde_json::to_value(full_issue()).unwrap()));
    out.push(("full_archive()".into(), Kind::Archive, serde_json::to_value(full_archive()).unwrap()));
    out.push(("full_month()".into(), Kind::Month, serde_json::to_value(full_month()).unwrap()));
    out
}

#[test]
fn schema_and_serde_agree_on_required_fields() {
    let mut disagreements = Vec::new();
    let mut tried = 0;
    for (name, kind, value) in samples() {
        let mut found = Vec::new();
        objects(&value, String::new(), &mut found);
        for (at, keys) in found {
            for key in keys {
                let mut v = value.clone();
                v.pointer_mut(&at).unwrap().as_object_mut().unwrap().remove(&key);
                tried += 1;
                let serde = kind.serde_accepts(&v);
                let schema = kind.schema_errors(&v);
                if serde.is_ok() != schema.is_empty() {
                    disagreements.push(format!("{name}: without {at}/{key}: serde {serde:?}, schema {schema:?}"));
                }
            }
        }
    }
    assert!(tried > 100, "{tried}");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn schema_and_serde_both_refuse_unknown_fields_everywhere() {
    let mut disagreements = Vec::new();
    for (name, kind, value) in samples() {
        let mut found = Vec::new();
        objects(&value, String::new(), &mut found);
        for (at, _) in found {
            let mut v = value.clone();
            v.pointer_mut(&at).unwrap().as_object_mut().unwrap().insert("unexpected".into(), json!(1));
            let serde = kind.serde_accepts(&v);
            let schema = kind.schema_errors(&v);
            if serde.is_ok() || schema.is_empty() {
                disagreements.push(format!("{name}: unknown field at {at:?}: serde {serde:?}, schema {schema:?}"));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// Every scalar replaced by values of other types: refused by both, except `null` for an
/// optional field, which serde reads as absent and the schema allows.
#[test]
fn schema_and_serde_agree_on_value_types() {
    let mut disagreements = Vec::new();
    let (mut tried, mut nulls_accepted) = (0, 0);
    for (name, kind, value) in samples() {
        let mut found = Vec::new();
        scalars(&value, String::new(), &mut found);
        for at in found {
            let original = value.pointer(&at).unwrap().clone();
            let wrong = [
                json!(true),
                Value::Null,
                json!({}),
                json!([]),
                if original.is_string() { json!(7) } else { json!("7") },
            ];
            for w in wrong {
                let mut v = value.clone();
                *v.pointer_mut(&at).unwrap() = w.clone();
                tried += 1;
                let serde = kind.serde_accepts(&v);
                let schema = kind.schema_errors(&v);
                if serde.is_ok() != schema.is_empty() || (serde.is_ok() && !w.is_null()) {
                    disagreements.push(format!("{name}: {at} = {w}: serde {serde:?}, schema {schema:?}"));
                }
                nulls_accepted += serde.is_ok() as usize;
            }
        }
    }
    assert!(tried > 500, "{tried}");
    assert!(nulls_accepted > 10, "{nulls_accepted}");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn schema_url_pattern_matches_the_model() {
    // The same address in an issue's page image, judged by the schema and by the model.
    let cases = [
        "p1.svg",
        "../2016/p1.png",
        "/epaper/p1.png",
        "https://cdn.example.org/p1.jpg",
        "HTTP://x.org/a",
        "hTTps://x.org/a",
        "//cdn.example.org/p.png",
        "a/b:c.png",
        "?x=1",
        "#top",
        "p.png?a=b:c",
        "页面.png",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<b>",
        "java\tscript:x",
        " javascript:x",
        "vbscript:x",
        "file:///etc/passwd",
        "",
        "a\\b",
        "1:abc",
        "mailto:x@y.org",
        "http:",
        "https:x",
        "p\u{0}.png",
        "p\u{7f}.png",
        "p\u{85}.png",
        "p\u{a0}.png",
        "p\u{3000}.png",
        "p\u{2028}.png",
        "p\u{feff}.png",
        "p\u{200b}.png",
        "httpx://a",
        "ftp://a",
        "a b",
    ];
    let base = serde_json::to_value(minimal_issue()).unwrap();
    for url in cases {
        let mut v = base.clone();
        v["pages"][0]["image"]["src"] = json!(url);
        let model = Kind::Issue.model_problems(&v.to_string());
        let schema = Kind::Issue.schema_errors(&v);
        assert_eq!(model.is_empty(), schema.is_empty(), "{url:?}: model {model:?}, schema {schema:?}");
    }
}

#[test]
fn schema_date_patterns_match_the_model_on_form() {
    // The schema checks the form; the model also checks the date is real (2015-02-29).
    for (date, form_ok) in [
        ("2016-09-24", true),
        ("0001-01-01", true),
        ("2016-02-29", true),
        ("2016-9-24", false),
        ("2016-09-24T00:00", false),
        ("16-09-24", false),
        ("2016-13-01", false),
        ("2016-00-10", false),
        ("2016-01-00", false),
        ("2016-01-32", false),
        ("+016-09-24", false),
        ("２０１６-09-24", false),
    ] {
        let mut v = serde_json::to_value(minimal_issue()).unwrap();
        v["date"] = json!(date);
        assert_eq!(Kind::Issue.schema_errors(&v).is_empty(), form_ok, "{date}");
        assert_eq!(Kind::Issue.model_problems(&v.to_string()).is_empty(), form_ok, "{date}");
    }
}

#[test]
fn error_messages_quoted_in_the_docs_are_real() {
    let docs = fs::read_to_string(root().join("docs/data-format.md")).unwrap();
    let examples = docs.split("Some examples:").nth(1).expect("the examples in docs/data-format.md");
    let block = examples.split("```").nth(1).expect("a code block of examples");
    let mut sources = fs::read_to_string(root().join("crates/model/tests/parse.rs")).unwrap();
    sources += &fs::read_to_string(root().join("crates/model/tests/lenient.rs")).unwrap();
    for entry in fs::read_dir(root().join("tests/fixtures/invalid")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expect") {
            sources += &fs::read_to_string(path).unwrap();
        }
    }
    let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert!(lines.len() >= 15, "{lines:?}");
    for line in lines {
        assert!(sources.contains(line), "docs/data-format.md quotes a message no test checks: {line}");
    }
}

#[test]
fn json_examples_in_the_docs_are_valid() {
    let docs = fs::read_to_string(root().join("docs/data-format.md")).unwrap();
    let mut kinds = Vec::new();
    for (i, chunk) in docs.split("```json\n").enumerate().skip(1) {
        let text = chunk.split("```").next().unwrap();
        let kind = Kind::of(Path::new("example.json"), text);
        kinds.push(kind);
        let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("example {i}: {e}"));
        assert_eq!(kind.schema_errors(&v), Vec::<String>::new(), "example {i}");
        assert_eq!(kind.model_problems(text), Vec::<String>::new(), "example {i}");
    }
    assert_eq!(kinds, [Kind::Archive, Kind::Month, Kind::Issue, Kind::Words]);
}

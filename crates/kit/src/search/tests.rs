use super::*;
use std::collections::BTreeSet;

fn demo_issue() -> Issue {
    let files = crate::demo::files();
    let text = files.get("issues/2016-09-24/issue.json").expect("the demo has its reference issue");
    parse(std::str::from_utf8(text).unwrap()).unwrap()
}

#[test]
fn the_index_form_folds_width_and_traditional_characters_but_keeps_case_and_punctuation() {
    assert_eq!(index_form("ＧＤＰ增长２０１６年，婦聯"), "GDP增长2016年，妇联");
    assert_eq!(index_form("Beaver County　News"), "Beaver County News");
    // One character for one, so positions in the index are positions in the original.
    let s = "ＡＢＣ　全國婦聯（２０１６）";
    assert_eq!(index_form(s).chars().count(), s.chars().count());
}

#[test]
fn every_article_is_a_record_that_names_its_issue_page_and_article() {
    let issue = demo_issue();
    let rs = records(&issue);
    let articles: Vec<_> = issue
        .pages
        .iter()
        .flat_map(|p| p.articles.iter().filter(|a| a.kind == ArticleKind::Article).map(move |a| (p, a)))
        .collect();
    assert_eq!(rs.len(), articles.len());
    assert!(rs.len() > 10, "{}", rs.len());
    let seed = rs.iter().find(|r| r.url == "2016-09-24/p2/a0202").expect("the seed article");
    assert_eq!(seed.meta, vec![("title".to_string(), "好姐妹·娘家人".to_string())]);
    assert!(seed.content.starts_with("好姐妹·娘家人"), "{}", &seed.content[..60]);
    assert!(seed.content.contains("黄小希"), "the byline is searchable");
    let filter = |name: &str| seed.filters.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap();
    assert_eq!(filter("year"), ["2016"]);
    assert_eq!(filter("month"), ["2016-09"]);
    assert_eq!(filter("day"), ["2016-09-24"]);
    assert_eq!(filter("section"), ["综合新闻"]);
    assert_eq!(filter("page"), ["02"]);
    assert_eq!(seed.sort, vec![("date".to_string(), "2016-09-24".to_string())]);
    // No masthead or advertisement; every address unique.
    let urls: BTreeSet<_> = rs.iter().map(|r| &r.url).collect();
    assert_eq!(urls.len(), rs.len());
    assert!(issue.articles().any(|(_, a)| a.kind != ArticleKind::Article), "the demo has mastheads");
}

fn shard(year: i32, fingerprint: &str) -> Shard {
    let d = Day::new(year, 1, 1).unwrap();
    Shard {
        year,
        path: format!("{year}/"),
        first: d,
        last: d,
        issues: 1,
        articles: 1,
        sections: vec!["要闻".into()],
        pages: vec!["1".into()],
        start: Vec::new(),
        fingerprint: fingerprint.into(),
    }
}

#[test]
fn page_numbers_are_listed_in_number_order_and_names_after_them() {
    let mut places = Places::default();
    for (section, page) in [("Sport", "10"), ("News", "2"), ("News", "1"), ("Extra", "A1"), ("Arts", "02")] {
        places.0.insert(section.into());
        places.1.insert(page.into());
    }
    let (sections, pages) = place_lists(places);
    assert_eq!(sections, ["Arts", "Extra", "News", "Sport"]);
    assert_eq!(pages, ["1", "02", "2", "10", "A1"]);
}

#[test]
fn only_changed_or_missing_years_are_rebuilt() {
    let old = Manifest {
        version: 1,
        pagefind: PAGEFIND_VERSION.into(),
        language: "zh".into(),
        shards: vec![shard(2015, "a"), shard(2016, "b")],
        shard_bytes: None,
        engine: Vec::new(),
    };
    let now = [shard(2015, "a"), shard(2016, "c"), shard(2017, "d")];
    assert_eq!(stale(Some(&old), &now, |_| true, false), ["2016/", "2017/"]);
    assert_eq!(stale(Some(&old), &now, |s| s.year != 2015, false), ["2015/", "2016/", "2017/"]);
    assert_eq!(stale(Some(&old), &now, |_| true, true), ["2015/", "2016/", "2017/"]);
    assert_eq!(stale(None, &now, |_| true, false), ["2015/", "2016/", "2017/"]);
    // A year split anew is new shards, whatever its fingerprint.
    let mut half = shard(2015, "a");
    half.path = "2015-01/".into();
    assert_eq!(stale(Some(&old), &[half], |_| true, false), ["2015-01/"]);
}

#[test]
fn a_year_is_split_into_as_few_parts_of_whole_months_as_keep_each_within_the_limit() {
    let mb = 1_000_000;
    assert_eq!(parts(10 * mb, 365, 24 * mb), 1);
    assert_eq!(parts(24 * mb, 365, 24 * mb), 1);
    assert_eq!(parts(25 * mb, 365, 24 * mb), 2);
    // The synthetic daily: 73 MB of issues a year.
    assert_eq!(parts(73 * mb, 365, 24 * mb), 4);
    assert_eq!(parts(73 * mb, 366, 24 * mb), 4);
    assert_eq!(parts(1000 * mb, 365, 24 * mb), 12);
    // The year being published, or one the archive starts in, at its rate: ten days of that
    // daily are split as the whole year will be, so that a day added later does not split it anew.
    assert_eq!(parts(2 * mb, 10, 24 * mb), 4);
    assert_eq!(parts(0, 0, 24 * mb), 1);
    assert_eq!(part_of(2016, 9, 1), "2016/");
    assert_eq!(part_of(2016, 1, 4), "2016-01/");
    assert_eq!(part_of(2016, 3, 4), "2016-01/");
    assert_eq!(part_of(2016, 4, 4), "2016-04/");
    assert_eq!(part_of(2016, 12, 4), "2016-10/");
    assert_eq!(part_of(2016, 7, 2), "2016-07/");
    assert_eq!(part_of(2016, 5, 12), "2016-05/");
    assert_eq!(part_of(2016, 8, 6), "2016-07/");
}

#[test]
fn the_fingerprint_follows_the_issue_files_and_the_language() {
    let d = Day::new(2016, 9, 24).unwrap();
    let a = fingerprint("zh", &[(d, &b"{}"[..])]);
    assert_eq!(a, fingerprint("zh", &[(d, &b"{}"[..])]));
    assert_ne!(a, fingerprint("zh", &[(d, &b"{ }"[..])]));
    assert_ne!(a, fingerprint("en", &[(d, &b"{}"[..])]));
    assert_ne!(a, fingerprint("zh", &[(Day::new(2016, 9, 23).unwrap(), &b"{}"[..])]));
}

#[test]
fn the_folder_must_lie_inside_the_archive() {
    let mut a: Archive = parse(std::str::from_utf8(&crate::demo::files()["archive.json"]).unwrap()).unwrap();
    a.search = None;
    assert_eq!(folder(&a).unwrap(), "search/");
    a.search = Some("idx".into());
    assert_eq!(folder(&a).unwrap(), "idx/");
    for bad in ["../elsewhere/", "/abs/", "https://cdn.example.org/search/"] {
        a.search = Some(bad.into());
        assert!(folder(&a).is_err(), "{bad}");
    }
}

/// A copy of the demo archive with its index built by the real Pagefind (installed by `npm ci`).
fn built_demo() -> (tempfile::TempDir, Outcome) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in crate::demo::files() {
        json::write_file(&dir.path().join(rel), &bytes).unwrap();
    }
    let o = run(dir.path(), &Options::quiet())
        .unwrap_or_else(|e| panic!("{e:?} (is Pagefind installed? `make node-tools` installs it)"));
    (dir, o)
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = Vec::new();
    crate::index::walk(dir, dir, &mut files).unwrap();
    files.into_iter().map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap())).collect()
}

#[test]
fn the_demo_index_is_written_by_year_and_named_in_archive_json() {
    let (dir, o) = built_demo();
    let out = dir.path().join("search");
    assert_eq!(o.built.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["2016"]);
    assert!(o.engine_built);
    let m: Manifest = serde_json::from_str(&fs::read_to_string(out.join(MANIFEST)).unwrap()).unwrap();
    assert_eq!(m.pagefind, PAGEFIND_VERSION);
    assert_eq!(m.language, "zh-cn");
    assert_eq!(m.shards.len(), 1);
    assert_eq!(m.shards[0].articles, o.built[0].articles);
    // The demo's sections and page numbers, for the reader's filters.
    assert_eq!(m.shards[0].sections, ["家庭", "综合新闻", "要闻", "评论"]);
    assert_eq!(m.shards[0].pages, ["01", "02", "03", "04"]);
    for f in [
        "engine/pagefind.js",
        "engine/pagefind-worker.js",
        "engine/wasm.unknown.pagefind",
        "engine/pagefind-entry.json",
        "2016/pagefind-entry.json",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    // The files a setup reads, named for the reader to ask for at once; the worker that serves
    // them is Pagefind's with the prelude before it.
    let meta = |dir: &str| {
        let entry: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join(dir).join("pagefind-entry.json")).unwrap()).unwrap();
        format!("pagefind.{}.pf_meta", entry["languages"]["zh-cn"]["hash"].as_str().unwrap())
    };
    assert_eq!(m.shards[0].start, ["pagefind-entry.json".to_string(), meta("2016")]);
    assert_eq!(m.engine, ["pagefind-entry.json".to_string(), meta("engine"), "wasm.unknown.pagefind".into()]);
    for f in m.shards[0].start.iter().map(|f| format!("2016/{f}")).chain(m.engine.iter().map(|f| format!("engine/{f}")))
    {
        assert!(out.join(&f).is_file(), "{f}");
    }
    let worker = fs::read_to_string(out.join("engine/pagefind-worker.js")).unwrap();
    assert!(worker.starts_with(PRELUDE) && worker.contains("pagefind_version"), "the prelude, then Pagefind's worker");
    // Pagefind's own interfaces are not served, and a shard has no engine of its own.
    assert!(!out.join("engine/pagefind-ui.js").exists());
    assert!(!out.join("2016/pagefind.js").exists());
    let archive: Archive = parse(&fs::read_to_string(dir.path().join("archive.json")).unwrap()).unwrap();
    assert_eq!(archive.search.as_deref(), Some("search/"));
    // The files a first search reads, named in archive.json for the reader to ask for with the
    // shard list.
    let mut first: Vec<String> = m.engine.iter().map(|f| format!("engine/{f}")).collect();
    first.extend(m.shards[0].start.iter().map(|f| format!("2016/{f}")));
    assert_eq!(archive.search_start, first);
    let report = crate::check::validate(dir.path());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // One named there that is not in the index: validate names it by its place.
    let text = fs::read_to_string(dir.path().join("archive.json")).unwrap();
    let stale = text.replacen(&m.shards[0].start[1], "pagefind.zh-cn_0000.pf_meta", 1);
    fs::write(dir.path().join("archive.json"), &stale).unwrap();
    let problems = crate::check::validate(dir.path()).problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(format!("{:?}", problems[0]).contains("search_start[4]"), "{problems:?}");
    fs::write(dir.path().join("archive.json"), &text).unwrap();
    // Left behind without its index (`search` taken out by hand): the next run writes both.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("search");
    v["search_start"] = serde_json::json!(["../elsewhere.json"]);
    fs::write(dir.path().join("archive.json"), v.to_string()).unwrap();
    run(dir.path(), &Options::quiet()).unwrap();
    assert_eq!(fs::read_to_string(dir.path().join("archive.json")).unwrap(), text);
    // A start-up file gone: validate names it once for each file that names it.
    let gone = format!("2016/{}", m.shards[0].start[1]);
    let bytes = fs::read(out.join(&gone)).unwrap();
    fs::remove_file(out.join(&gone)).unwrap();
    let problems = crate::check::validate(dir.path()).problems;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(format!("{:?}", problems[0]).contains(&format!("{gone} is missing")), "{problems:?}");
    assert!(
        format!("{:?}", problems[1]).contains(&format!("search_start[4]: {gone} is not in the index")),
        "{problems:?}"
    );
    fs::write(out.join(&gone), bytes).unwrap();
    // An engine written before the prelude is written again; the shard stays.
    fs::write(out.join("engine/pagefind-worker.js"), &worker[PRELUDE.len()..]).unwrap();
    let o = run(dir.path(), &Options::quiet()).unwrap();
    assert!(o.engine_built && o.built.is_empty(), "{}", o.summary());
    assert!(fs::read_to_string(out.join("engine/pagefind-worker.js")).unwrap().starts_with(PRELUDE));
}

#[test]
fn a_changed_issue_rebuilds_its_year_only_and_leaves_the_rest_byte_for_byte() {
    let (dir, _) = built_demo();
    // The demo spans one year: add an issue in another year, then change only that one.
    let mut issue = demo_issue();
    issue.date = Day::new(2015, 3, 2).unwrap();
    let rel = "issues/2015-03-02/issue.json";
    json::write_file(&dir.path().join(rel), json::to_text(&issue).as_bytes()).unwrap();
    crate::index::run(dir.path()).unwrap();
    let o = run(dir.path(), &Options::quiet()).unwrap();
    assert_eq!(o.built.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["2015"]);
    assert_eq!(o.kept, ["2016"]);
    assert!(!o.engine_built);
    let before = snapshot(&dir.path().join("search"));
    issue.pages[0].articles[1].title = "量子计算新进展".into();
    json::write_file(&dir.path().join(rel), json::to_text(&issue).as_bytes()).unwrap();
    let o = run(dir.path(), &Options::quiet()).unwrap();
    assert_eq!(o.built.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["2015"]);
    let after = snapshot(&dir.path().join("search"));
    let untouched = |f: &String| f.starts_with("2016/") || f.starts_with("engine/");
    let a: BTreeMap<_, _> = before.iter().filter(|(f, _)| untouched(f)).collect();
    let b: BTreeMap<_, _> = after.iter().filter(|(f, _)| untouched(f)).collect();
    assert!(!a.is_empty());
    assert_eq!(a, b, "the 2016 shard and the engine are unchanged");
    assert_ne!(
        before.iter().filter(|(f, _)| f.starts_with("2015/")).collect::<Vec<_>>(),
        after.iter().filter(|(f, _)| f.starts_with("2015/")).collect::<Vec<_>>()
    );
    // A run with nothing changed writes nothing.
    let o = run(dir.path(), &Options::quiet()).unwrap();
    assert!(o.built.is_empty() && !o.engine_built, "{}", o.summary());
    assert_eq!(snapshot(&dir.path().join("search")), after);
    // The year goes: so does its shard.
    fs::remove_dir_all(dir.path().join("issues/2015-03-02")).unwrap();
    crate::index::run(dir.path()).unwrap();
    let o = run(dir.path(), &Options::quiet()).unwrap();
    assert_eq!(o.removed, ["2015"]);
    assert!(!dir.path().join("search/2015").exists());
}

#[test]
fn a_year_over_the_limit_is_indexed_in_parts_and_the_split_is_kept_for_later_runs() {
    let (dir, _) = built_demo();
    let out = dir.path().join("search");
    // A limit of one byte: each month its own part; the demo has issues in June, August and
    // September 2016.
    let tiny = Options { shard_bytes: Some(1), jobs: 2, ..Options::quiet() };
    let o = run(dir.path(), &tiny).unwrap();
    assert_eq!(o.built.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["2016-06", "2016-08", "2016-09"]);
    assert_eq!(o.removed, ["2016"]);
    assert!(!out.join("2016").exists());
    let m: Manifest = serde_json::from_str(&fs::read_to_string(out.join(MANIFEST)).unwrap()).unwrap();
    assert_eq!(m.shard_bytes, Some(1));
    let spans: Vec<_> =
        m.shards.iter().map(|s| (s.year, s.path.as_str(), s.first.to_string(), s.last.to_string())).collect();
    assert_eq!(
        spans,
        [
            (2016, "2016-06/", "2016-06-25".into(), "2016-06-25".into()),
            (2016, "2016-08/", "2016-08-27".into(), "2016-08-27".into()),
            (2016, "2016-09/", "2016-09-10".into(), "2016-09-24".into()),
        ]
    );
    assert_eq!(m.shards.iter().map(|s| s.issues).sum::<usize>(), 5);
    // archive.json names the newest part's start-up files for a first search.
    let start =
        |dir: &Path| parse::<Archive>(&fs::read_to_string(dir.join("archive.json")).unwrap()).unwrap().search_start;
    assert_eq!(start(dir.path())[3..], m.shards[2].start.iter().map(|f| format!("2016-09/{f}")).collect::<Vec<_>>());
    let report = crate::check::validate(dir.path());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // A later run without the option (the batch import's) keeps the split and builds nothing.
    let before = snapshot(&out);
    let o = run(dir.path(), &Options::quiet()).unwrap();
    assert!(o.built.is_empty() && o.removed.is_empty(), "{}", o.summary());
    assert_eq!(snapshot(&out), before);
    // The default limit again: one shard for the year, the parts gone.
    let o = run(dir.path(), &Options { shard_bytes: Some(SHARD_BYTES), ..Options::quiet() }).unwrap();
    assert_eq!(o.built.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["2016"]);
    assert_eq!(o.removed, ["2016-06", "2016-08", "2016-09"]);
    let m: Manifest = serde_json::from_str(&fs::read_to_string(out.join(MANIFEST)).unwrap()).unwrap();
    assert_eq!((m.shards.len(), m.shard_bytes), (1, None));
    assert!(start(dir.path())[3..].iter().all(|f| f.starts_with("2016/")), "{:?}", start(dir.path()));
}

use super::*;
use broadsheet_model::Issue;

const DEMO: &str = include_str!("../../demo/data/issues/2016-09-24/issue.json");

fn demo() -> Arc<Issue> {
    Arc::new(serde_json::from_str(DEMO).unwrap())
}

/// The demo issue's pages repeated to `pages` pages, each article's body repeated `body` times,
/// with ids made unique: a large issue with real Chinese text.
pub(super) fn synthetic(pages: usize, body: usize) -> Issue {
    let mut base: Issue = serde_json::from_str(DEMO).unwrap();
    let originals = std::mem::take(&mut base.pages);
    for n in 0..pages {
        let mut p = originals[n % originals.len()].clone();
        let old_page = p.id.clone();
        p.id = format!("{old_page}-{n}");
        for a in &mut p.articles {
            a.id = format!("{}-{n}", a.id);
            let blocks = a.body.clone();
            for _ in 1..body {
                a.body.extend(blocks.iter().cloned());
            }
            // Continued regions point at pages of the same copy.
            for r in &mut a.regions {
                r.page = r.page.take().map(|pid| {
                    format!(
                        "{pid}-{}",
                        n - n % originals.len() + originals.iter().position(|o| o.id == pid).unwrap_or(0)
                    )
                });
            }
        }
        base.pages.push(p);
    }
    base
}

#[test]
fn folds_width_case_and_traditional_characters() {
    assert_eq!(normalise("ＡＢＣ１２３"), "abc123");
    assert_eq!(normalise("Ｈｅｌｌｏ　World"), "hello world");
    assert_eq!(normalise("婦聯組織"), "妇联组织");
    assert_eq!(normalise("國內統一刊號"), "国内统一刊号");
    // One character in, one character out, whatever the script.
    for s in ["婦女ＡＢ　c", "Business Men’s Meeting", "İstanbul ß 𠀀"] {
        assert_eq!(normalise(s).chars().count(), s.chars().count(), "{s}");
    }
    assert_eq!(normalise_query("  妇联  "), "妇联");
    assert_eq!(normalise_query(" \t "), "");
    assert_eq!(normalise_query(&"长".repeat(500)).chars().count(), MAX_QUERY);
}

#[test]
fn finds_hits_in_titles_bylines_and_body() {
    let index = Arc::new(Index::new(demo()));
    let o = index.search("娘家人");
    assert_eq!(o.hits.iter().map(|h| h.article.as_str()).collect::<Vec<_>>(), ["a0202"]);
    assert_eq!(o.hits[0].first, Source::Title);
    assert_eq!(o.hits[0].page, 1);
    assert_eq!(o.count(&o.hits[0]), 4, "the title and three times in the body");
    assert!(o.matches("a0202"));
    assert!(!o.matches("a0101"));
    assert_eq!(o.on_page(1), 1);
    assert_eq!(o.on_page(0), 0);

    let byline = index.search("黄小希");
    assert_eq!(byline.hits.len(), 1);
    assert_eq!(byline.hits[0].first, Source::Byline);

    // Traditional characters and full-width Latin in the query find the simplified text.
    let trad = index.search("婦聯");
    let simp = index.search("妇联");
    assert!(!simp.hits.is_empty());
    assert_eq!(trad.hits, simp.hits);
    assert!(simp.hits.iter().any(|h| h.article == "a0202"));

    assert!(!index.search("").is_search());
    assert!(index.search("没有这样的词语啊").hits.is_empty());
}

#[test]
fn hits_never_span_two_fields() {
    let mut issue: Issue = serde_json::from_str(DEMO).unwrap();
    let a = &mut issue.pages[0].articles[1];
    a.title = "甲乙".into();
    a.subtitle = Some("丙丁".into());
    let id = a.id.clone();
    let index = Arc::new(Index::new(Arc::new(issue)));
    assert!(!index.search("乙丙").matches(&id));
    let o = index.search("甲乙");
    assert!(o.matches(&id));
    assert_eq!(o.count(&o.hits[0]), 1);
    assert_eq!(index.search("丙丁").hits[0].first, Source::Subtitle);
}

#[test]
fn continued_articles_mark_every_page_they_are_printed_on() {
    let issue = demo();
    let (home, a) = issue
        .articles()
        .find(|(_, a)| a.regions.iter().any(|r| r.page.is_some()))
        .expect("the demo has a continued article");
    let index = Arc::new(Index::new(issue.clone()));
    let o = index.search(&a.title);
    let other = issue.page_index(a.regions.iter().find_map(|r| r.page.as_deref()).unwrap()).unwrap();
    assert!(o.on_page(home) >= 1 && o.on_page(other) >= 1);
}

#[test]
fn refining_a_query_finds_what_searching_afresh_finds() {
    let index = Arc::new(Index::new(Arc::new(synthetic(8, 1))));
    let steps = ["妇", "妇联", "妇", "妇女", "女", "b", "bu", "家庭", "家庭文", "家庭文明", "x家庭文明", ""];
    let mut before: Option<Outcome> = None;
    for q in steps {
        let refined = index.refine(q, before.as_ref());
        let afresh = index.search(q);
        assert_eq!(refined.hits, afresh.hits, "{q}");
        assert_eq!(refined.pages, afresh.pages, "{q}");
        before = Some(refined);
    }
    // A character no article has answers at once, with nothing.
    assert!(index.search("妇☃").hits.is_empty());
}

#[test]
fn mastheads_and_advertisements_are_not_searched() {
    let mut issue: Issue = serde_json::from_str(DEMO).unwrap();
    let mut ad = issue.pages[0].articles[0].clone();
    ad.id = "ad1".into();
    ad.kind = broadsheet_model::ArticleKind::Advertisement;
    ad.title = "独一无二的广告词".into();
    issue.pages[0].articles.push(ad);
    let index = Arc::new(Index::new(Arc::new(issue)));
    assert!(index.search("独一无二的广告词").hits.is_empty());
}

#[test]
fn ranges_and_segments_point_into_the_original_text() {
    let text = "全國婦聯與ＡＢＣ婦聯";
    let q = normalise_query("妇联");
    let ranges = find_all(text, &q);
    assert_eq!(ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["婦聯", "婦聯"]);
    assert_eq!(segments(text, &q), vec![(false, "全國"), (true, "婦聯"), (false, "與ＡＢＣ"), (true, "婦聯")]);
    assert_eq!(segments("abc", &normalise_query("abc")), vec![(true, "abc")]);
    assert_eq!(segments("abc", &normalise_query("x")), vec![(false, "abc")]);
    assert_eq!(segments("", &normalise_query("x")), vec![(false, "")]);
    assert_eq!(find_all("ＡＢＣabc", &normalise_query("b")).len(), 2);
    // Overlapping occurrences are counted once each, left to right.
    assert_eq!(find_all("aaaa", "aa"), vec![0..2, 2..4]);
}

#[test]
fn a_text_normalised_once_gives_the_same_hits_for_every_query() {
    let text = "全國婦聯與ＡＢＣ婦聯，妇联 Abc";
    let norm = normalise(text);
    for typed in ["", "妇", "妇联", "婦聯與", "abc", "ＡＢ", "x", "联，妇"] {
        let q = normalise_query(typed);
        assert_eq!(find_all_in(text, &norm, &q), find_all(text, &q), "{typed}");
        assert_eq!(segments_in(text, &norm, &q), segments(text, &q), "{typed}");
    }
}

#[test]
fn snippets_show_the_hit_with_some_context() {
    let text = format!("{}妇联组织{}", "前".repeat(30), "后".repeat(60));
    let s = snippet(&text, &normalise_query("婦聯")).unwrap();
    assert_eq!(s.hit, "妇联");
    assert_eq!(s.before, format!("…{}", "前".repeat(BEFORE)));
    assert_eq!(s.after, format!("组织{}…", "后".repeat(AFTER - 2)));
    let short = snippet("妇联", "妇联").unwrap();
    assert_eq!((short.before.as_str(), short.after.as_str()), ("", ""));
    assert_eq!(snippet("abc", "x"), None);
}

/// Timing belongs to `make bench` (tests/bench/search.bench.mjs types into this issue's like in
/// Chromium); here only what typing finds.
#[test]
fn typing_into_a_hundred_page_issue_finds_what_a_search_from_scratch_finds() {
    let issue = Arc::new(synthetic(100, 10));
    assert_eq!(issue.pages.len(), 100);
    let index = Arc::new(Index::new(issue.clone()));
    // Typing a query one character at a time, as a reader does.
    let query = "妇联组织转变作风";
    let mut last = None;
    for n in 1..=query.chars().count() {
        let q: String = query.chars().take(n).collect();
        let o = index.refine(&q, last.as_ref());
        assert_eq!(o.hits, index.search(&q).hits, "after {n} characters");
        last = Some(o);
    }
    assert_eq!(last.unwrap().hits.len(), 25, "one article per copy of the demo issue");
}

#[test]
fn an_index_built_in_slices_finds_what_one_built_at_once_finds() {
    let issue = Arc::new(synthetic(12, 2));
    let whole = Arc::new(Index::new(issue.clone()));
    let mut building = Building::new(issue.clone());
    let mut steps = 1;
    while !building.step(5_000) {
        steps += 1;
    }
    let sliced = Arc::new(building.finish());
    let characters: usize = whole.entries.iter().map(|e| e.text.chars().count()).sum();
    assert!(steps >= characters / 5_000, "{steps} steps for {characters} characters");
    assert_eq!(sliced.entries.len(), whole.entries.len());
    assert_eq!(whole.search("娘家人").hits.len(), 3, "one in each of the three copies of the demo issue");
    for q in ["妇联", "娘家人", "好姐妹", "the", "12338", "婦女"] {
        let (a, b) = (sliced.search(q), whole.search(q));
        assert_eq!(a.hits, b.hits, "{q}");
        assert_eq!(a.pages, b.pages, "{q}");
    }
    // A step past the end keeps saying it is whole; an issue without pages is whole at once.
    let mut empty = Building::new(Arc::new(Issue { pages: Vec::new(), ..(*issue).clone() }));
    assert!(empty.step(1));
    assert!(empty.finish().entries.is_empty());
}

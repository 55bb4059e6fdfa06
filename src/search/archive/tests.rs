use super::*;
use serde_json::json;
use std::collections::HashMap;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn shards() -> Vec<Shard> {
    let text = r#"{"version":1,"pagefind":"1.6.0","language":"zh-cn","shards":[
        {"year":2016,"path":"2016/","first":"2016-01-01","last":"2016-12-31","issues":366,"articles":9000,"fingerprint":"x",
         "sections":["家庭","要闻",7,""],"pages":["02","10"]},
        {"year":2015,"path":"2015/","first":"2015-03-01","last":"2015-12-31","issues":300,"articles":8000,"fingerprint":"y",
         "sections":["评论","要闻"],"pages":["1","02"]}]}"#;
    parse_shards(text).unwrap()
}

#[test]
fn the_shard_list_is_read_oldest_first_and_bad_lists_are_errors() {
    let s = shards();
    assert_eq!(s.iter().map(|s| s.year).collect::<Vec<_>>(), vec![2015, 2016]);
    assert_eq!(s[0].first, day("2015-03-01"));
    assert!(parse_shards("<html>").is_err());
    assert!(parse_shards(r#"{"shards":[{"year":2016}]}"#).is_err());
    let outside = r#"{"shards":[{"year":2016,"path":"../x/","first":"2016-01-01","last":"2016-01-02"}]}"#;
    assert!(parse_shards(outside).unwrap_err().contains("outside"));
}

#[test]
fn a_shards_start_up_files_are_the_engines_and_its_own_in_the_index_folder() {
    let text = r#"{"engine":["pagefind-entry.json","pagefind.zh-cn_1.pf_meta","wasm.unknown.pagefind","../x","a/b"],
        "shards":[{"year":2016,"path":"2016/","first":"2016-01-01","last":"2016-12-31",
                   "start":["pagefind-entry.json","pagefind.zh-cn_2.pf_meta","/etc/passwd","http://x"]},
                  {"year":2015,"path":"2015/","first":"2015-01-01","last":"2015-12-31"}]}"#;
    let s = parse_shards(text).unwrap();
    assert_eq!(
        s[1].start,
        [
            "engine/pagefind-entry.json",
            "engine/pagefind.zh-cn_1.pf_meta",
            "engine/wasm.unknown.pagefind",
            "2016/pagefind-entry.json",
            "2016/pagefind.zh-cn_2.pf_meta"
        ],
        "plain names only, nothing outside its folder"
    );
    // A shard of before the lists: Pagefind asks for its files itself.
    assert!(s[0].start.is_empty());
}

#[test]
fn filters_offer_the_values_of_the_shards_a_range_covers() {
    let s = shards();
    assert_eq!(s[1].sections, ["家庭", "要闻"], "strings only, none empty");
    assert_eq!(facet_values(&s, None, None, Facet::Section), ["家庭", "要闻", "评论"]);
    assert_eq!(facet_values(&s, None, None, Facet::Page), ["1", "02", "10"]);
    let y2015 = (Some(day("2015-01-01")), Some(day("2015-12-31")));
    assert_eq!(facet_values(&s, y2015.0, y2015.1, Facet::Section), ["要闻", "评论"], "in Unicode order");
    // Months: those of the range within the shards, newest first.
    let months = facet_values(&s, None, None, Facet::Month);
    assert_eq!((months.len(), months[0].as_str(), months[21].as_str()), (22, "2016-12", "2015-03"));
    let range = facet_values(&s, Some(day("2015-11-20")), Some(day("2016-01-05")), Facet::Month);
    assert_eq!(range, ["2016-01", "2015-12", "2015-11"]);
    // An index of before the lists offers no section or page (the counts still may).
    let old =
        parse_shards(r#"{"shards":[{"year":2016,"path":"2016/","first":"2016-01-01","last":"2016-01-31"}]}"#).unwrap();
    assert!(facet_values(&old, None, None, Facet::Section).is_empty());
    assert_eq!(facet_values(&old, None, None, Facet::Month), ["2016-01"]);
}

#[test]
fn a_range_loads_only_its_shards_newest_first() {
    let s = shards();
    let all = plan(&s, None, None, Sort::Relevance);
    assert_eq!(all.iter().map(|p| p.shard.year).collect::<Vec<_>>(), vec![2016, 2015]);
    assert!(all.iter().all(|p| p.days.is_none()), "whole years need no day filter");
    let oldest = plan(&s, None, None, Sort::Oldest);
    assert_eq!(oldest.iter().map(|p| p.shard.year).collect::<Vec<_>>(), vec![2015, 2016]);
    let one = plan(&s, Some(day("2016-02-27")), Some(day("2016-03-02")), Sort::Newest);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].days.as_deref().unwrap(), ["2016-02-27", "2016-02-28", "2016-02-29", "2016-03-01", "2016-03-02"]);
    // A range covering a shard whole (the shard starts in March) needs no filter on it.
    let wide = plan(&s, Some(day("2015-01-01")), Some(day("2015-12-31")), Sort::Newest);
    assert_eq!((wide.len(), wide[0].shard.year, wide[0].days.is_none()), (1, 2015, true));
    assert!(plan(&s, Some(day("2017-01-01")), None, Sort::Newest).is_empty());
}

#[test]
fn options_carry_the_filters_and_the_order() {
    let s = shards();
    let step = &plan(&s, Some(day("2016-12-31")), None, Sort::Newest)[0];
    let o = options(step, Some("2016-12"), None, Some("04"), Sort::Newest);
    assert_eq!(o["filters"]["day"]["any"], json!(["2016-12-31"]));
    assert_eq!(o["filters"]["month"], json!("2016-12"));
    assert_eq!(o["filters"]["page"], json!("04"));
    assert!(o["filters"].get("section").is_none());
    assert_eq!(o["sort"], json!({"date": "desc"}));
    assert!(options(step, None, None, None, Sort::Relevance).get("sort").is_none());
}

#[test]
fn addresses_name_an_article_of_an_issue() {
    assert_eq!(
        place("2016-09-24/p2/a0202"),
        Some(Place { date: day("2016-09-24"), page: "p2".into(), article: "a0202".into() })
    );
    assert_eq!(place("engine"), None, "the engine's own record");
    assert_eq!(place("2016-09-24/p2"), None);
    assert_eq!(place("2016-09-24/p2/a/b"), None);
}

#[test]
fn answers_merge_by_score_or_in_shard_order() {
    let results = vec![("d1".to_string(), 2.0), ("d2".to_string(), 0.5)];
    let a = answer_of(2016, results, &json!({"section":{"家庭":2,"体育":0}}));
    assert_eq!(a.found.iter().map(|f| f.key()).collect::<Vec<_>>(), vec!["2016:d1", "2016:d2"]);
    assert_eq!(a.counts["section"].len(), 1, "values no result has are left out");
    let older = answer_of(2015, vec![("e1".to_string(), 1.0)], &json!({"section":{"家庭":1}}));
    let keys = |r: &Results| r.iter().map(Found::key).collect::<Vec<_>>();
    let mut all = Results::new(Sort::Relevance);
    all.add(a.found.clone());
    all.add(older.found.clone());
    assert_eq!(keys(&all), vec!["2016:d1", "2015:e1", "2016:d2"]);
    assert_eq!(all.len(), 3);
    let mut by_date = Results::new(Sort::Newest);
    by_date.add(a.found.clone());
    by_date.add(older.found.clone());
    assert_eq!(keys(&by_date), vec!["2016:d1", "2016:d2", "2015:e1"]);
    let mut counts = a.counts.clone();
    add_counts(&mut counts, &older.counts);
    assert_eq!(counts["section"]["家庭"], 3);
    assert_eq!(answer_of(2016, Vec::new(), &json!("broken")), Answer::default());
}

/// Merging shard by shard as they are shown gives the order of one stable sort of every result
/// so far by score (best first; equal scores: the shard searched first, then the shard's own
/// order), however the shards' results come and whatever their sizes.
#[test]
fn results_merged_as_shown_are_those_of_one_sort_of_all() {
    // A small linear congruential generator: the same shards every run.
    let mut seed = 7u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for case in 0..200 {
        let mut results = Results::new(Sort::Relevance);
        let mut all: Vec<Found> = Vec::new();
        for shard in 0..next(6) {
            // Few distinct scores, so that ties are common; not in score order within a shard.
            let found: Vec<Found> = (0..next(40))
                .map(|rank| Found {
                    shard: shard as usize,
                    data: format!("c{case}r{rank}"),
                    score: next(5) as f64 / 4.0,
                    rank: rank as usize,
                })
                .collect();
            all.extend(found.iter().cloned());
            all.sort_by(|a, b| b.score.total_cmp(&a.score));
            results.add(found);
            assert_eq!(results.len(), all.len());
            assert!(results.iter().eq(all.iter()), "case {case}, shard {shard}");
            let shown = next(12) as usize;
            assert!(results.iter().take(shown).eq(all.iter().take(shown)));
        }
    }
}

#[test]
fn records_have_their_place_title_and_a_snippet_with_the_hit() {
    let v = json!({"url":"2016-08-27/p4/a0401","content":"全民\u{200B}健身 \u{200B}各地\u{200B}妇\u{200B}联\u{200B}组织",
        "meta":{"title":"全民健身"},"filters":{"page":["04"],"section":["家庭"]},"locations":[3]});
    let r = record(&v, "妇联").unwrap();
    assert_eq!(r.place.article, "a0401");
    assert_eq!(
        (r.title.as_str(), r.section.as_deref(), r.page_number.as_deref()),
        ("全民健身", Some("家庭"), Some("04"))
    );
    let s = r.snippet.unwrap();
    assert_eq!((s.before.as_str(), s.hit.as_str(), s.after.as_str()), ("全民健身 各地", "妇联", "组织"));
    assert!(record(&json!({"url":"engine","content":"x"}), "x").is_none());
}

#[test]
fn an_inflected_english_word_is_marked_where_pagefind_found_it() {
    let text = "The Beaver club held two meetings in May";
    // A word of the query found as typed, or failing that the word Pagefind located.
    assert_eq!(snippet(text, "club dinner", &[]).unwrap().hit, "club");
    assert_eq!(snippet(text, "meet", &[]).unwrap().hit, "meet");
    assert_eq!(snippet(text, "meeting", &[]).unwrap().hit, "meeting");
    assert_eq!(snippet(text, "meets", &[5]).unwrap().hit, "meetings", "a stem match: the located word");
    assert_eq!(snippet(text, "gathering", &[]), None);
}

#[test]
fn a_large_year_in_parts_is_searched_part_after_part_and_counted_as_one_year() {
    // 2016 in quarters (as the kit names them) and 2015 whole; listed in no order.
    let text = r#"{"shards":[
        {"year":2016,"path":"2016-07/","first":"2016-07-01","last":"2016-09-30"},
        {"year":2015,"path":"2015/","first":"2015-01-01","last":"2015-12-31"},
        {"year":2016,"path":"2016-10/","first":"2016-10-01","last":"2016-12-31"},
        {"year":2016,"path":"2016-01/","first":"2016-01-01","last":"2016-03-31"},
        {"year":2016,"path":"2016-04/","first":"2016-04-01","last":"2016-06-30"}]}"#;
    let s = parse_shards(text).unwrap();
    let paths = |steps: &[Step]| steps.iter().map(|p| p.shard.path.clone()).collect::<Vec<String>>();
    assert_eq!(
        s.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(),
        ["2015/", "2016-01/", "2016-04/", "2016-07/", "2016-10/"]
    );
    let all = plan(&s, None, None, Sort::Relevance);
    assert_eq!(paths(&all), ["2016-10/", "2016-07/", "2016-04/", "2016-01/", "2015/"]);
    // A step names its shard by its place in the list, which its results carry.
    assert!(all.iter().all(|p| s[p.index] == p.shard));
    assert_eq!(answer_of(all[0].index, vec![("d".into(), 1.0)], &json!({})).found[0].key(), "4:d");
    // The year 2016: its four parts, whole, no day filter.
    let year = plan(&s, Some(day("2016-01-01")), Some(day("2016-12-31")), Sort::Newest);
    assert_eq!(paths(&year), ["2016-10/", "2016-07/", "2016-04/", "2016-01/"]);
    assert!(year.iter().all(|p| p.days.is_none()));
    // A range across a part's edge: the two parts, each filtered to its own days.
    let edge = plan(&s, Some(day("2016-03-30")), Some(day("2016-04-02")), Sort::Oldest);
    assert_eq!(paths(&edge), ["2016-01/", "2016-04/"]);
    assert_eq!(edge[0].days.as_deref().unwrap(), ["2016-03-30", "2016-03-31"]);
    assert_eq!(edge[1].days.as_deref().unwrap(), ["2016-04-01", "2016-04-02"]);
    // The year list names a year once; the progress counts a year once all its parts answered.
    let years: Vec<i32> = s.iter().map(|s| s.year).collect();
    assert_eq!(spans(&years), [("2016".to_string(), "2016".to_string()), ("2015".into(), "2015".into())]);
    let order: Vec<i32> = all.iter().map(|p| p.shard.year).collect();
    assert_eq!(years_searched(&order, 0), (0, 2));
    assert_eq!(years_searched(&order, 3), (0, 2));
    assert_eq!(years_searched(&order, 4), (1, 2));
    assert_eq!(years_searched(&order, 5), (2, 2));
    assert_eq!(years_searched(&[2016, 2015], 1), (1, 2));
    assert_eq!(years_searched(&[], 0), (0, 0));
    // Months offered: each once, newest first.
    let months = facet_values(&s, Some(day("2016-02-01")), Some(day("2016-05-31")), Facet::Month);
    assert_eq!(months, ["2016-05", "2016-04", "2016-03", "2016-02"]);
}

#[test]
fn years_and_decades_are_ranges() {
    let few = spans(&[2015, 2016]);
    assert_eq!(few, vec![("2016".into(), "2016".into()), ("2015".into(), "2015".into())]);
    let many: Vec<i32> = (1995..=2016).collect();
    let s = spans(&many);
    assert_eq!(s[0], ("2010s".into(), "2010–2019".into()));
    assert_eq!(s.iter().filter(|(k, _)| k.ends_with('s')).count(), 3);
    assert_eq!(span_range("2016"), (Some(day("2016-01-01")), Some(day("2016-12-31"))));
    assert_eq!(span_range("1990s"), (Some(day("1990-01-01")), Some(day("1999-12-31"))));
    assert_eq!(span_range(""), (None, None));
    assert_eq!(span_range("abc"), (None, None));
    for k in ["2016", "1990s"] {
        let (f, t) = span_range(k);
        assert_eq!(span_key(f, t).as_deref(), Some(k));
    }
    assert_eq!(span_key(Some(day("2016-02-01")), Some(day("2016-12-31"))), None);
}

#[test]
fn a_first_search_asks_for_the_newest_shards_start_up_files_only_when_it_starts_there() {
    let named: Vec<String> =
        ["engine/pagefind-entry.json", "engine/wasm.unknown.pagefind", "2016-10/pagefind-entry.json"]
            .map(String::from)
            .into();
    let last = day("2016-12-31");
    let all = ["engine/pagefind-entry.json", "engine/wasm.unknown.pagefind", "2016-10/pagefind-entry.json"];
    assert_eq!(first_files(&named, None, last, Sort::Relevance), all);
    assert_eq!(first_files(&named, Some(last), last, Sort::Newest), all);
    // A range that ends earlier, or the oldest first, starts with another shard: the engine's
    // files only.
    let engine = ["engine/pagefind-entry.json", "engine/wasm.unknown.pagefind"];
    assert_eq!(first_files(&named, Some(day("2016-06-30")), last, Sort::Relevance), engine);
    assert_eq!(first_files(&named, None, last, Sort::Oldest), engine);
    assert!(first_files(&[], None, last, Sort::Relevance).is_empty());
}

/// Results pushed down by a shard's better ones stay on show, each a place lower, until the new
/// ones' records are in: the list never empties for the round trip of their records.
#[test]
fn results_pushed_down_stay_shown_until_the_new_ones_records_are_in() {
    let rec = |title: &str| Record {
        place: Place { date: day("2016-09-24"), page: "p1".into(), article: title.into() },
        title: title.into(),
        section: None,
        page_number: None,
        snippet: None,
    };
    let titles = |v: Vec<Record>| v.into_iter().map(|r| r.title).collect::<Vec<_>>();
    let mut all = Results::new(Sort::Relevance);
    let older: Vec<(String, f64)> = (0..12).map(|i| (format!("o{i}"), 1.0 - f64::from(i) / 100.0)).collect();
    all.add(answer_of(1, older, &json!({})).found);
    let mut records: HashMap<String, Option<Record>> = HashMap::new();
    for i in 0..4 {
        records.insert(format!("1:o{i}"), Some(rec(&format!("o{i}"))));
    }
    assert_eq!(titles(shown(all.iter(), &records, 3)), ["o0", "o1", "o2"]);
    // A newer shard answers with four better results, none of them loaded yet.
    let newer: Vec<(String, f64)> = (0..4).map(|i| (format!("n{i}"), 2.0 - f64::from(i) / 100.0)).collect();
    all.add(answer_of(0, newer, &json!({})).found);
    assert_eq!(titles(shown(all.iter(), &records, 3)), ["o0", "o1", "o2"], "the old ones stay");
    // Their records come in one by one: each takes its place; one is not an article.
    records.insert("0:n1".into(), Some(rec("n1")));
    records.insert("0:n0".into(), None);
    assert_eq!(titles(shown(all.iter(), &records, 3)), ["n1", "o0", "o1"]);
    records.insert("0:n2".into(), Some(rec("n2")));
    assert_eq!(titles(shown(all.iter(), &records, 3)), ["n1", "n2", "o0"]);
    // Only so far down: nine places for three shown.
    let far: Vec<(String, f64)> = (0..9).map(|i| (format!("f{i}"), 3.0 - f64::from(i) / 100.0)).collect();
    all.add(answer_of(2, far, &json!({})).found);
    assert!(shown(all.iter(), &records, 3).is_empty());
}

#[test]
fn set_up_shards_after_the_first_are_searched_side_by_side_at_most_four() {
    let all = |_| true;
    assert_eq!(side_by_side(0, 4, all), 1, "the first results wait for one shard only");
    assert_eq!(side_by_side(1, 4, all), 3, "a further query of a year in quarters: the rest at once");
    assert_eq!(side_by_side(1, 12, all), SIDE_BY_SIDE);
    assert_eq!(side_by_side(8, 10, all), 2, "no further than the last step");
    assert_eq!(side_by_side(1, 4, |_| false), 1, "a first search: one shard at a time");
    assert_eq!(side_by_side(1, 4, |k| k != 1), 1, "this one is still to be set up");
    assert_eq!(side_by_side(1, 6, |k| k != 3), 2, "up to the first still to be set up");
}

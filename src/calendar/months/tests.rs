//! The month cache's bookkeeping under a reactive owner, as the reader's components run it: real
//! signals and memos, no browser and no fetch (a test plays the fetch by calling `finish`).

use super::*;
use crate::archive::api::Failure;
use crate::calendar::testing::month;
use std::sync::atomic::{AtomicUsize, Ordering};

fn ready(m: YearMonth) -> MonthState {
    MonthState::Ready(Arc::new(MonthIndex { version: 1, month: m, issues: Vec::new() }), Arc::from([]))
}

fn failed(m: YearMonth) -> MonthState {
    MonthState::Failed(LoadError { file: format!("data/months/{m}.json"), failure: Failure::Http(500) })
}

/// Runs `body` under a new owner, as a component's code runs, and disposes of it after.
fn under_owner(body: impl FnOnce()) {
    let owner = Owner::new();
    owner.with(body);
    owner.cleanup();
}

/// Begins and finishes each month in turn, as fetches that succeed.
fn load(cache: Cache, months: &[&str]) {
    for m in months.iter().map(|m| month(m)) {
        assert!(cache.begin(m), "{m} is fetched");
        cache.finish(m, ready(m));
    }
}

#[test]
fn a_month_is_fetched_once_and_its_state_followed_by_the_views() {
    under_owner(|| {
        let cache = Cache::new(CAPACITY);
        let m = month("2016-09");
        let shown = Memo::new(move |_| cache.state(m));
        assert_eq!(shown.get(), None, "before anyone asked");
        assert!(cache.begin(m));
        assert!(!cache.begin(m), "on its way: not fetched twice");
        assert_eq!(shown.get(), Some(MonthState::Loading));
        cache.finish(m, ready(m));
        assert_eq!(shown.get(), Some(ready(m)));
        assert!(!cache.begin(m), "here: not fetched again");
    });
}

#[test]
fn the_least_recently_used_month_goes_first_beyond_the_capacity() {
    under_owner(|| {
        let cache = Cache::new(3);
        load(cache, &["2016-06", "2016-07", "2016-08"]);
        assert_eq!(cache.held(), [month("2016-06"), month("2016-07"), month("2016-08")]);
        // Reading June makes it recent: July is now the oldest use, and goes for September.
        assert_eq!(cache.state(month("2016-06")), Some(ready(month("2016-06"))));
        load(cache, &["2016-09"]);
        assert_eq!(cache.held(), [month("2016-08"), month("2016-06"), month("2016-09")]);
        assert_eq!(cache.state(month("2016-07")), None, "July was dropped");
        assert!(cache.begin(month("2016-07")), "and is fetched again when asked for");
    });
}

#[test]
fn a_view_of_a_dropped_month_sees_it_go() {
    under_owner(|| {
        let cache = Cache::new(2);
        load(cache, &["2016-06"]);
        let june = Memo::new(move |_| cache.state(month("2016-06")));
        assert_eq!(june.get(), Some(ready(month("2016-06"))));
        // Two more months, each used after June: June is the one dropped.
        load(cache, &["2016-07", "2016-08"]);
        assert_eq!(june.get_untracked(), None);
        assert_eq!(cache.held(), [month("2016-07"), month("2016-08")]);
    });
}

#[test]
fn a_month_still_loading_is_never_dropped() {
    under_owner(|| {
        let cache = Cache::new(2);
        let (june, july, august) = (month("2016-06"), month("2016-07"), month("2016-08"));
        assert!(cache.begin(june));
        load(cache, &["2016-07", "2016-08"]);
        // Three held, one too many: June is the oldest but loading, so July goes.
        assert_eq!(cache.held(), [june, august]);
        assert_eq!(cache.state(july), None);
        assert_eq!(cache.state(june), Some(MonthState::Loading));
        cache.finish(june, ready(june));
        assert_eq!(cache.state(june), Some(ready(june)));
    });
}

#[test]
fn reading_a_month_notifies_no_one() {
    under_owner(|| {
        let cache = Cache::new(CAPACITY);
        load(cache, &["2016-08", "2016-09"]);
        let runs = Arc::new(AtomicUsize::new(0));
        let counted = runs.clone();
        let august = Memo::new(move |_| {
            counted.fetch_add(1, Ordering::Relaxed);
            cache.state(month("2016-08"))
        });
        august.get();
        // Reading (and so reordering) other months changes nothing a view depends on.
        cache.state(month("2016-09"));
        cache.state(month("2016-07"));
        august.get();
        assert_eq!(runs.load(Ordering::Relaxed), 1);
        // A new state does.
        cache.begin(month("2016-06"));
        august.get();
        assert_eq!(runs.load(Ordering::Relaxed), 2);
    });
}

#[test]
fn a_failed_month_is_kept_until_retried() {
    under_owner(|| {
        let cache = Cache::new(CAPACITY);
        let m = month("2016-08");
        assert!(cache.begin(m));
        cache.finish(m, failed(m));
        assert!(!cache.begin(m), "a failure is not fetched again by itself");
        assert_eq!(cache.state(m), Some(failed(m)));
        // Forgetting only forgets a failure.
        load(cache, &["2016-09"]);
        cache.forget_failed(month("2016-09"));
        assert_eq!(cache.state(month("2016-09")), Some(ready(month("2016-09"))));
        cache.forget_failed(m);
        assert_eq!(cache.state(m), None);
        assert!(cache.begin(m), "retried");
    });
}

#[test]
fn a_fetch_that_ends_after_the_reader_is_gone_changes_nothing() {
    let owner = Owner::new();
    let cache = owner.with(|| {
        let cache = Cache::new(CAPACITY);
        assert!(cache.begin(month("2016-09")));
        cache
    });
    owner.cleanup();
    // The fetch's task ends after the reader was unmounted: no panic, nothing held.
    cache.finish(month("2016-09"), ready(month("2016-09")));
    assert_eq!(cache.held(), []);
}

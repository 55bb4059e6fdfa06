//! The month-index cache, shared by the calendar, the previous/next issue buttons and the notice
//! for a date without an issue. Each month with issues costs one fetch of its own small index,
//! whatever the size of the archive; empty months and months outside the archive cost nothing.
//! What was fetched stays (up to `CAPACITY` months, least recently used first out), and showing
//! a month prefetches the nearest months with issues on either side.
//!
//! The bookkeeping (`Cache`: which months are held and in what state, which go first) is apart
//! from the fetching (`Months`), so that it is tested natively under a reactive owner.

use super::search::{month_kind, Lookup, MonthKind};
use crate::archive::api::{fetch_read, resolve, LoadError};
use crate::reader::Reader;
use broadsheet_model::{read_month_direct, Checked, MonthIndex, Problem, YearMonth};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// How many month indexes stay in memory (about 2 KB each for a daily paper): two years of
/// browsing, while a reader going through thirty years holds no more than this.
pub const CAPACITY: usize = 24;

#[derive(Clone, Debug, PartialEq)]
pub enum MonthState {
    Loading,
    /// The index, with the problems of the entries left out of it (see `parse_month_lenient`).
    Ready(Arc<MonthIndex>, Arc<[Problem]>),
    Failed(LoadError),
}

/// Which months are held, in what state, and in what order they were used. The states are a
/// signal (the views follow them); the order of use is not (reading a month must notify no one).
#[derive(Clone, Copy)]
pub struct Cache {
    states: RwSignal<HashMap<YearMonth, MonthState>>,
    /// Months by last use, the most recent last.
    used: StoredValue<Vec<YearMonth>>,
    capacity: usize,
}

impl Cache {
    pub fn new(capacity: usize) -> Cache {
        Cache { states: RwSignal::new(HashMap::new()), used: StoredValue::new(Vec::new()), capacity }
    }

    /// The month's state (tracked, and counted as a use); `None` before anyone asked for it.
    pub fn state(&self, m: YearMonth) -> Option<MonthState> {
        self.touch(m);
        self.states.with(|s| s.get(&m).cloned())
    }

    /// Marks the month as loading unless it is held already (here, on its way, or failed):
    /// whether the caller is to fetch it.
    pub fn begin(&self, m: YearMonth) -> bool {
        if self.states.with_untracked(|s| s.contains_key(&m)) {
            return false;
        }
        self.touch(m);
        self.states.update(|s| {
            s.insert(m, MonthState::Loading);
        });
        true
    }

    /// Forgets a month whose fetch failed, so that `begin` fetches it again.
    pub fn forget_failed(&self, m: YearMonth) {
        if self.states.with_untracked(|s| matches!(s.get(&m), Some(MonthState::Failed(_)))) {
            self.states.update(|s| {
                s.remove(&m);
            });
        }
    }

    /// A fetch ended. The reader may be gone by then (unmounted): then there is nothing to update.
    pub fn finish(&self, m: YearMonth, state: MonthState) {
        let order = self.used.try_get_value().unwrap_or_default();
        let evicted = self.states.try_update(|s| {
            s.insert(m, state);
            evict(s, &order, self.capacity)
        });
        // After an eviction the order of use keeps only the months held.
        if let Some(Some(held)) = evicted {
            self.used.try_update_value(|u| u.retain(|m| held.contains(m)));
        }
    }

    /// The months held, least recently used first (untracked; for tests).
    #[cfg(test)]
    pub fn held(&self) -> Vec<YearMonth> {
        let states = self.states.try_with_untracked(|s| s.keys().copied().collect::<Vec<_>>()).unwrap_or_default();
        let mut order = self.used.try_get_value().unwrap_or_default();
        order.retain(|m| states.contains(m));
        order
    }

    fn touch(&self, m: YearMonth) {
        self.used.try_update_value(|u| {
            if u.last() != Some(&m) {
                u.retain(|x| *x != m);
                u.push(m);
            }
        });
    }
}

/// Drops the least recently used months (by `order`, oldest first) beyond `capacity`, never one
/// still loading. `None` when there were no more than `capacity`; else the months left.
fn evict(states: &mut HashMap<YearMonth, MonthState>, order: &[YearMonth], capacity: usize) -> Option<Vec<YearMonth>> {
    if states.len() <= capacity {
        return None;
    }
    for m in order {
        if states.len() <= capacity {
            break;
        }
        if !matches!(states.get(m), Some(MonthState::Loading)) {
            states.remove(m);
        }
    }
    Some(states.keys().copied().collect())
}

/// The reader's month indexes: the cache, and the fetching that fills it.
#[derive(Clone, Copy)]
pub struct Months {
    reader: Reader,
    cache: Cache,
}

impl Months {
    /// The reader's cache: the first widget to ask creates it beside the reader's context, and
    /// every widget after it shares it, in whichever part it is built.
    pub fn get() -> Months {
        crate::part::shared(|| Months { reader: expect_context::<Reader>(), cache: Cache::new(CAPACITY) })
    }

    pub fn kind(&self, m: YearMonth) -> MonthKind {
        self.reader.archive.with_value(|a| month_kind(a, m))
    }

    /// The month's state (tracked); `None` before anyone asked for it.
    pub fn state(&self, m: YearMonth) -> Option<MonthState> {
        self.cache.state(m)
    }

    /// The month's index as the search needs it (tracked).
    pub fn lookup(&self, m: YearMonth) -> Lookup {
        match self.state(m) {
            Some(MonthState::Ready(i, _)) => Lookup::Ready(i),
            Some(MonthState::Failed(_)) => Lookup::Failed,
            Some(MonthState::Loading) | None => Lookup::Pending,
        }
    }

    /// Fetches the month's index unless it is here, on its way, failed (see `retry`), or the
    /// manifest says there is none.
    pub fn ensure(&self, m: YearMonth) {
        if self.kind(m) == MonthKind::Listed && self.cache.begin(m) {
            self.fetch(m);
        }
    }

    pub fn retry(&self, m: YearMonth) {
        self.cache.forget_failed(m);
        self.ensure(m);
    }

    /// Fetches a month shown in full, then the nearest months with issues before and after it,
    /// so that stepping to either costs no wait.
    pub fn show(&self, m: YearMonth) {
        self.ensure(m);
        for forward in [false, true] {
            let mut n = m;
            loop {
                n = if forward { n.next() } else { n.previous() };
                match self.kind(n) {
                    MonthKind::Outside => break,
                    MonthKind::Empty => continue,
                    MonthKind::Listed => {
                        self.ensure(n);
                        break;
                    }
                }
            }
        }
    }

    fn fetch(self, m: YearMonth) {
        let r = self.reader;
        let archive = r.archive.get_value();
        let url = resolve(&archive.month_path(m), &r.archive_url.get_value());
        leptos::task::spawn_local(async move {
            // Entries of other months, outside the archive or broken are left out, and said.
            let direct = |text: &str| read_month_direct(text, m, &archive);
            let result = fetch_read(url, direct, |text| crate::archive::repair::month(text, m, archive.clone())).await;
            self.cache.finish(
                m,
                match result {
                    Ok(Checked { value, problems }) => MonthState::Ready(Arc::new(value), problems.into()),
                    Err(e) => MonthState::Failed(e),
                },
            );
        });
    }
}

#[cfg(test)]
mod tests;

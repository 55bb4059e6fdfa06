//! The month-index cache, shared by the calendar, the previous/next issue buttons and the notice
//! for a date without an issue. Each month with issues costs one fetch of its own small index,
//! whatever the size of the archive; empty months and months outside the archive cost nothing.
//! What was fetched stays (up to `CAPACITY` months, least recently used first out), and showing
//! a month prefetches the nearest months with issues on either side.

use super::search::{check_index, month_kind, Lookup, MonthKind};
use crate::archive::api::{fetch_data, resolve, Failure, LoadError};
use crate::reader::Reader;
use broadsheet_model::{MonthIndex, YearMonth};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// How many month indexes stay in memory (about 2 KB each for a daily paper): two years of
/// browsing, while a reader going through thirty years holds no more than this.
pub const CAPACITY: usize = 24;

#[derive(Clone, Debug, PartialEq)]
pub enum MonthState {
    Loading,
    Ready(Arc<MonthIndex>),
    Failed(LoadError),
}

#[derive(Clone, Copy)]
pub struct Months {
    reader: Reader,
    states: RwSignal<HashMap<YearMonth, MonthState>>,
    /// Months by last use, the most recent last.
    used: StoredValue<Vec<YearMonth>>,
}

impl Months {
    /// The reader's cache: the first widget to ask creates it beside the reader's context, and
    /// every widget after it shares it.
    pub fn get() -> Months {
        use_context::<Months>().unwrap_or_else(|| {
            let months = Months {
                reader: expect_context::<Reader>(),
                states: RwSignal::new(HashMap::new()),
                used: StoredValue::new(Vec::new()),
            };
            provide_context(months);
            months
        })
    }

    pub fn kind(&self, m: YearMonth) -> MonthKind {
        self.reader.archive.with_value(|a| month_kind(a, m))
    }

    /// The month's state (tracked); `None` before anyone asked for it.
    pub fn state(&self, m: YearMonth) -> Option<MonthState> {
        self.touch(m);
        self.states.with(|s| s.get(&m).cloned())
    }

    /// The month's index as the search needs it (tracked).
    pub fn lookup(&self, m: YearMonth) -> Lookup {
        match self.state(m) {
            Some(MonthState::Ready(i)) => Lookup::Ready(i),
            Some(MonthState::Failed(_)) => Lookup::Failed,
            Some(MonthState::Loading) | None => Lookup::Pending,
        }
    }

    /// Fetches the month's index unless it is here, on its way, failed (see `retry`), or the
    /// manifest says there is none.
    pub fn ensure(&self, m: YearMonth) {
        if self.kind(m) != MonthKind::Listed || self.states.with_untracked(|s| s.contains_key(&m)) {
            return;
        }
        self.touch(m);
        self.states.update(|s| {
            s.insert(m, MonthState::Loading);
        });
        self.fetch(m);
    }

    pub fn retry(&self, m: YearMonth) {
        let failed = self.states.with_untracked(|s| matches!(s.get(&m), Some(MonthState::Failed(_))));
        if failed {
            self.states.update(|s| {
                s.remove(&m);
            });
        }
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

    fn touch(&self, m: YearMonth) {
        self.used.try_update_value(|u| {
            if u.last() != Some(&m) {
                u.retain(|x| *x != m);
                u.push(m);
            }
        });
    }

    fn fetch(self, m: YearMonth) {
        let r = self.reader;
        let archive = r.archive.get_value();
        let url = resolve(&archive.month_path(m), &r.archive_url.get_value());
        leptos::task::spawn_local(async move {
            let result = fetch_data::<MonthIndex>(url.clone()).await.and_then(|index| {
                let problems = check_index(&index, m, &archive);
                if problems.is_empty() {
                    Ok(index)
                } else {
                    Err(LoadError { file: url, failure: Failure::Invalid(problems) })
                }
            });
            let state = match result {
                Ok(index) => MonthState::Ready(Arc::new(index)),
                Err(e) => MonthState::Failed(e),
            };
            // The reader may be gone by now (unmounted); then there is nothing to update.
            self.states.try_update(|s| {
                s.insert(m, state);
                self.evict(s);
            });
        });
    }

    /// Drops the least recently used indexes beyond `CAPACITY` (never one still loading).
    fn evict(&self, states: &mut HashMap<YearMonth, MonthState>) {
        if states.len() <= CAPACITY {
            return;
        }
        let order = self.used.try_get_value().unwrap_or_default();
        for m in order {
            if states.len() <= CAPACITY {
                break;
            }
            if !matches!(states.get(&m), Some(MonthState::Loading)) {
                states.remove(&m);
            }
        }
        self.used.try_update_value(|u| u.retain(|m| states.contains_key(m)));
    }
}

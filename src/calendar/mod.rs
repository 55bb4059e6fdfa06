//! The date calendar (按日期检索): a month grid with 上个月 and 下个月, a jump to any year and month
//! of the archive and to a typed date; the previous and next issue beside the masthead; and the
//! notice for a date without an issue with the nearest issues either side. Month indexes come
//! from one shared cache (`months`). What the controls do is plain Rust with native tests: the
//! grid (`grid`), where the calendar is and what its keys do (`nav`), the searches (`search`),
//! and what a month's index says (`status`). The views are `view` (the calendar), `day` (one day
//! of its grid), `issue_nav` and `missing`.

mod day;
pub mod grid;
mod issue_nav;
mod missing;
pub mod months;
pub mod nav;
pub mod search;
pub mod status;
mod view;

pub use issue_nav::IssueNav;
pub use missing::MissingIssue;
pub use view::Calendar;

use crate::reader::Reader;
use broadsheet_model::Day;
use leptos::ev;
use leptos::prelude::*;
use months::Months;
use search::{nearest, Direction, Nearest};

/// Opens the issue of `d` as a new history entry, on its first page.
pub fn open_day(r: Reader, d: Day) {
    r.navigate(|s| {
        s.date = Some(d);
        s.page = None;
        s.article = None;
    });
}

fn day_href(r: Reader, d: Day) -> String {
    r.href(|s| {
        s.date = Some(d);
        s.page = None;
        s.article = None;
    })
}

/// A plain click opens in place; a click with a modifier keeps the browser's own meaning
/// (a new tab or window).
fn plain_click(e: &ev::MouseEvent) -> bool {
    !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0)
}

/// The nearest issue before or after a date, fetching (through the cache) the one index the
/// answer depends on, if any.
fn nearest_memo(r: Reader, months: Months, date: Memo<Day>, direction: Direction) -> Memo<Nearest> {
    let found = Memo::new(move |_| {
        let d = date.get();
        r.archive.with_value(|a| nearest(a, d, direction, |m| months.lookup(m)))
    });
    Effect::new(move |_| {
        if let Nearest::Needs(m) = found.get() {
            months.ensure(m);
        }
    });
    found
}

/// Dates for the tests, written as the data writes them.
#[cfg(test)]
mod testing {
    use broadsheet_model::{Day, YearMonth};

    pub fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }
    pub fn month(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }
}

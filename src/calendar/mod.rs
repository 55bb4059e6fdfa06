//! The date calendar (按日期检索): a month grid with 上个月 and 下个月, a jump to any year and month
//! of the archive and to a typed date; the previous and next issue beside the masthead; and the
//! notice for a date without an issue with the nearest issues either side. Month indexes come
//! from one shared cache (`months`). What the controls do is plain Rust with native tests: the
//! grid (`grid`), where the calendar is and what its keys do (`nav`), the searches (`search`),
//! and what a month's index says (`status`). The views are `view` (the calendar), `day` (one day
//! of its grid), `issue_nav` and `missing`. In the release build all of it but the two buttons
//! of `IssueNav` and the first check of `MissingIssue` is the calendar's part (`calendar_part`),
//! fetched once the page image is in.

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
use issue_nav::Targets;
pub use missing::MissingIssue;
pub use view::Calendar;

use crate::archive::api::LoadError;
use crate::part::part;
use crate::reader::Reader;
use broadsheet_model::Day;
use leptos::ev;
use leptos::prelude::*;
use months::Months;
use search::{nearest, Direction, Nearest};

/// Where the calendar's part is built. One part for the three: its code (month indexes, finding
/// the nearest issues, the views) comes once, whichever asks first.
pub enum Place {
    /// The month calendar, in the side column.
    Side,
    /// Where 上一期 and 下一期 lead (their buttons are drawn before, by `IssueNav`).
    IssueNav(Targets),
    /// In place of an issue file that is not there (404): a date without an issue, or a file
    /// missing, with the nearest issues.
    Missing(LoadError, Callback<()>),
}

part! {
    /// The calendar's part: the month calendar, where 上一期/下一期 lead, the nearest issues to a
    /// date without one.
    calendar_part / preload_calendar_part(place: Place) {
        match place {
            Place::Side => view! { <Calendar/> }.into_any(),
            Place::IssueNav(targets) => {
                issue_nav::follow(targets);
                ().into_any()
            }
            Place::Missing(error, retry) => missing::nearest_issues(error, retry),
        }
    }
}

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

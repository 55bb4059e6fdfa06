//! Where the calendar is, in plain Rust: the month it shows and the day a keyboard user moved to,
//! and what 上个月 and 下个月, the year and month selects, the grid's keys and a typed date do
//! with them. The component keeps one `Nav` in a signal and draws it.

use super::grid::{last_day, Step, WeekStart};
use broadsheet_model::{Day, YearMonth};
use std::ops::RangeInclusive;

/// The archive's dates as the calendar shows them, and the weekday its weeks start on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The first and last issue.
    pub first: Day,
    pub last: Day,
    pub week_start: WeekStart,
}

impl Span {
    pub fn first_month(&self) -> YearMonth {
        self.first.year_month()
    }

    pub fn last_month(&self) -> YearMonth {
        self.last.year_month()
    }

    /// The years the year select offers.
    pub fn years(&self) -> RangeInclusive<i32> {
        self.first_month().year..=self.last_month().year
    }

    /// Whether month `n` of `year` holds any of the archive (the month select's other options
    /// are disabled).
    pub fn offers(&self, year: i32, n: u8) -> bool {
        YearMonth::new(year, n).is_some_and(|m| m >= self.first_month() && m <= self.last_month())
    }

    /// Whether there is a month of the archive before `m` (上个月 is enabled).
    pub fn has_before(&self, m: YearMonth) -> bool {
        m > self.first_month()
    }

    /// Whether there is a month of the archive after `m` (下个月 is enabled).
    pub fn has_after(&self, m: YearMonth) -> bool {
        m < self.last_month()
    }

    /// The days the grid's keys can reach: the whole of the archive's first and last months.
    fn days(&self) -> (Day, Day) {
        (self.first_month().first_day(), last_day(self.last_month()))
    }
}

/// A key pressed in the grid, as `KeyboardEvent` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Press<'a> {
    pub key: &'a str,
    pub shift: bool,
    /// Alt, Ctrl or Meta is held: the key is the browser's or the system's, not the grid's.
    pub command: bool,
}

/// What a key in the grid does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyResult {
    /// Open this day's issue (Enter or Space on a day that has one).
    Open(Day),
    /// Move the focus to this day, turning the month if it is in another.
    Move(Day),
}

/// The month shown and the day moved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nav {
    pub span: Span,
    /// Always a month of the archive.
    pub shown: YearMonth,
    /// The day a keyboard user (or a click, or a screen reader's cursor) moved to last.
    pub moved_to: Option<Day>,
}

impl Nav {
    /// The calendar opens at the month of the issue open (or the nearest month of the archive).
    pub fn new(span: Span, open: Day) -> Nav {
        Nav { span, shown: open.year_month().clamp(span.first_month(), span.last_month()), moved_to: None }
    }

    /// Shows month `m`, or the archive's nearest month; the day moved to is forgotten.
    pub fn go(&mut self, m: YearMonth) {
        self.shown = m.clamp(self.span.first_month(), self.span.last_month());
        self.moved_to = None;
    }

    pub fn previous(&mut self) {
        self.go(self.shown.previous());
    }

    pub fn next(&mut self) {
        self.go(self.shown.next());
    }

    /// The year select chose `value`: the same month in that year (or the archive's nearest).
    pub fn pick_year(&mut self, value: &str) {
        if let Some(m) = value.parse().ok().and_then(|y| YearMonth::new(y, self.shown.number())) {
            self.go(m);
        }
    }

    /// The month select chose `value` (1 to 12) in the year shown.
    pub fn pick_month(&mut self, value: &str) {
        if let Some(m) = value.parse().ok().and_then(|n| YearMonth::new(self.shown.year, n)) {
            self.go(m);
        }
    }

    /// The grid's one tab stop: the day moved to in the month shown; otherwise the open issue's
    /// day if it is in that month; otherwise the month's first issue (`first_issue`, asked only
    /// then), or its 1st.
    pub fn focus_day(&self, open: Day, first_issue: impl FnOnce() -> Option<Day>) -> Day {
        if let Some(d) = self.moved_to.filter(|d| d.year_month() == self.shown) {
            return d;
        }
        if open.year_month() == self.shown {
            return open;
        }
        first_issue().unwrap_or_else(|| self.shown.first_day())
    }

    /// A key pressed on the grid with the focus on `from`; `has_issue` says whether a day has
    /// an issue (asked only for Enter and Space). `None`: not the grid's key, the browser keeps it.
    pub fn key(&self, from: Day, press: Press, has_issue: impl FnOnce(Day) -> bool) -> Option<KeyResult> {
        if press.command {
            return None;
        }
        if press.key == "Enter" || press.key == " " {
            return has_issue(from).then_some(KeyResult::Open(from));
        }
        let step = Step::from_key(press.key, press.shift)?;
        let (min, max) = self.span.days();
        Some(KeyResult::Move(step.apply(from, self.span.week_start, min, max)))
    }

    /// The focus moved to `d` (by a key, a click or a screen reader), showing its month.
    /// Whether anything changed.
    pub fn move_to(&mut self, d: Day) -> bool {
        let before = *self;
        self.moved_to = Some(d);
        self.shown = d.year_month().clamp(self.span.first_month(), self.span.last_month());
        *self != before
    }
}

/// The date typed into the calendar's date field (`<input type="date">` gives `yyyy-mm-dd`).
pub fn typed_date(value: &str) -> Option<Day> {
    Day::parse(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::testing::{day, month};

    /// The demo archive: 25 June to 24 September 2016, weeks from Monday.
    fn span() -> Span {
        Span { first: day("2016-06-25"), last: day("2016-09-24"), week_start: WeekStart::MONDAY }
    }

    fn press(key: &str) -> Press<'_> {
        Press { key, shift: false, command: false }
    }

    #[test]
    fn the_calendar_opens_at_the_open_issue_or_the_archives_nearest_month() {
        assert_eq!(Nav::new(span(), day("2016-08-27")).shown, month("2016-08"));
        assert_eq!(Nav::new(span(), day("2017-01-01")).shown, month("2016-09"), "a date after the archive");
        assert_eq!(Nav::new(span(), day("1999-01-01")).shown, month("2016-06"), "a date before it");
        assert_eq!(Nav::new(span(), day("2016-08-27")).moved_to, None);
    }

    #[test]
    fn month_steps_stop_at_the_archives_ends() {
        let mut nav = Nav::new(span(), day("2016-09-24"));
        assert!(span().has_before(nav.shown) && !span().has_after(nav.shown), "the newest month: 下个月 disabled");
        nav.next();
        assert_eq!(nav.shown, month("2016-09"));
        for expected in ["2016-08", "2016-07", "2016-06", "2016-06"] {
            nav.previous();
            assert_eq!(nav.shown, month(expected));
        }
        assert!(!span().has_before(nav.shown) && span().has_after(nav.shown), "the first month: 上个月 disabled");
        // A step forgets the day a keyboard user moved to.
        nav.move_to(day("2016-06-28"));
        nav.next();
        assert_eq!((nav.shown, nav.moved_to), (month("2016-07"), None));
    }

    #[test]
    fn the_selects_jump_to_a_month_and_clamp_to_the_archive() {
        let long = Span { first: day("1986-09-25"), last: day("2016-09-24"), week_start: WeekStart::SUNDAY };
        let mut nav = Nav::new(long, day("2016-09-24"));
        assert_eq!(long.years(), 1986..=2016);
        nav.pick_year("1990");
        assert_eq!(nav.shown, month("1990-09"));
        nav.pick_month("2");
        assert_eq!(nav.shown, month("1990-02"));
        // February 1986 is before the first issue: the first month instead.
        nav.pick_year("1986");
        assert_eq!(nav.shown, month("1986-09"));
        // Nonsense changes nothing.
        for bad in ["", "abc", "13", "0"] {
            nav.pick_month(bad);
            assert_eq!(nav.shown, month("1986-09"), "{bad:?}");
        }
        // Only the months with some of the archive are offered.
        assert!(!long.offers(1986, 8) && long.offers(1986, 9) && long.offers(2016, 9) && !long.offers(2016, 10));
        assert!(!long.offers(2000, 13));
    }

    #[test]
    fn the_tab_stop_is_the_day_moved_to_then_the_open_issue_then_the_first_issue() {
        let mut nav = Nav::new(span(), day("2016-09-24"));
        let never = || -> Option<Day> { panic!("the month's index is not needed") };
        assert_eq!(nav.focus_day(day("2016-09-24"), never), day("2016-09-24"));
        nav.move_to(day("2016-09-16"));
        assert_eq!(nav.focus_day(day("2016-09-24"), never), day("2016-09-16"));
        nav.go(month("2016-08"));
        assert_eq!(nav.focus_day(day("2016-09-24"), || Some(day("2016-08-27"))), day("2016-08-27"));
        // Before the index arrives (or in an empty month): the 1st.
        assert_eq!(nav.focus_day(day("2016-09-24"), || None), day("2016-08-01"));
    }

    #[test]
    fn keys_move_the_focus_across_months_within_the_archive() {
        let mut nav = Nav::new(span(), day("2016-09-24"));
        let no = |_| false;
        assert_eq!(nav.key(day("2016-09-24"), press("ArrowUp"), no), Some(KeyResult::Move(day("2016-09-17"))));
        assert_eq!(nav.key(day("2016-09-19"), press("Home"), no), Some(KeyResult::Move(day("2016-09-19"))));
        assert_eq!(nav.key(day("2016-09-16"), press("End"), no), Some(KeyResult::Move(day("2016-09-18"))));
        assert_eq!(nav.key(day("2016-09-05"), press("ArrowUp"), no), Some(KeyResult::Move(day("2016-08-29"))));
        // Never past the last month's end, nor before the first month's start.
        assert_eq!(nav.key(day("2016-08-30"), press("PageDown"), no), Some(KeyResult::Move(day("2016-09-30"))));
        let year = Press { key: "PageDown", shift: true, command: false };
        assert_eq!(nav.key(day("2016-06-25"), year, no), Some(KeyResult::Move(day("2016-09-30"))));
        let back = Press { key: "PageUp", shift: true, command: false };
        assert_eq!(nav.key(day("2016-09-24"), back, no), Some(KeyResult::Move(day("2016-06-01"))));
        // Moving to a day of another month shows that month.
        assert!(nav.move_to(day("2016-08-29")));
        assert_eq!((nav.shown, nav.moved_to), (month("2016-08"), Some(day("2016-08-29"))));
        assert!(!nav.move_to(day("2016-08-29")), "the same day again changes nothing");
        // Other keys, and keys with Alt, Ctrl or Meta, are the browser's.
        assert_eq!(nav.key(day("2016-09-24"), press("a"), no), None);
        assert_eq!(nav.key(day("2016-09-24"), press("Tab"), no), None);
        let ctrl = Press { key: "ArrowLeft", shift: false, command: true };
        assert_eq!(nav.key(day("2016-09-24"), ctrl, no), None);
    }

    #[test]
    fn enter_and_space_open_a_day_only_when_it_has_an_issue() {
        let nav = Nav::new(span(), day("2016-09-24"));
        let issues = [day("2016-09-10"), day("2016-09-17"), day("2016-09-24")];
        let has = |d: Day| issues.contains(&d);
        assert_eq!(nav.key(day("2016-09-17"), press("Enter"), has), Some(KeyResult::Open(day("2016-09-17"))));
        assert_eq!(nav.key(day("2016-09-10"), press(" "), has), Some(KeyResult::Open(day("2016-09-10"))));
        assert_eq!(nav.key(day("2016-09-11"), press("Enter"), has), None, "no issue: nothing, not even prevented");
        let mut asked = false;
        nav.key(day("2016-09-11"), press("ArrowLeft"), |_| {
            asked = true;
            true
        });
        assert!(!asked, "a move needs no index");
    }

    #[test]
    fn a_typed_date_is_a_day_or_nothing() {
        assert_eq!(typed_date("2016-07-14"), Some(day("2016-07-14")));
        assert_eq!(typed_date(""), None);
        assert_eq!(typed_date("2016-02-30"), None);
    }
}

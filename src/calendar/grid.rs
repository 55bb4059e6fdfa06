//! The month grid and the calendar's date steps, in plain Rust. Every date comes from the `time`
//! crate through `Day` and `YearMonth`: the grid walks real days one at a time and places each
//! where its own weekday says, so no weekday or month length is ever computed by hand.

use broadsheet_model::{Day, YearMonth};

/// The weekday a week starts on, counted from Monday (0 = Monday … 6 = Sunday), as
/// `Day::weekday_from_monday` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekStart(pub u8);

impl WeekStart {
    pub const MONDAY: WeekStart = WeekStart(0);
    pub const SATURDAY: WeekStart = WeekStart(5);
    pub const SUNDAY: WeekStart = WeekStart(6);

    /// The week start of a locale's region (CLDR's `firstDay`), from a BCP 47 tag such as
    /// `en-US` or `en-GB`. A tag without a region takes its language's most likely one
    /// (`en` is read as `en-US`); anything else starts on Monday, the ISO 8601 week.
    pub fn for_locale(tag: &str) -> WeekStart {
        let mut parts = tag.split(['-', '_']);
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        // The region is the first two-letter or three-digit subtag after the language.
        let region = parts
            .find(|p| {
                (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
                    || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
            })
            .map(|p| p.to_ascii_uppercase());
        let region = region.unwrap_or_else(|| {
            match language.as_str() {
                "en" => "US",
                "ja" => "JP",
                "ko" => "KR",
                "he" => "IL",
                "hi" => "IN",
                "pt" => "BR",
                "ar" => "EG",
                "fa" => "IR",
                _ => "",
            }
            .to_string()
        });
        if SUNDAY_REGIONS.contains(&region.as_str()) {
            WeekStart::SUNDAY
        } else if SATURDAY_REGIONS.contains(&region.as_str()) {
            WeekStart::SATURDAY
        } else {
            WeekStart::MONDAY
        }
    }
}

/// CLDR supplemental data, `weekData/firstDay`: the regions whose week starts on Sunday…
const SUNDAY_REGIONS: [&str; 56] = [
    "AG", "AS", "BD", "BR", "BS", "BT", "BW", "BZ", "CA", "CN", "CO", "DM", "DO", "ET", "GT", "GU", "HK", "HN", "ID",
    "IL", "IN", "JM", "JP", "KE", "KH", "KR", "LA", "MH", "MM", "MO", "MT", "MX", "MZ", "NI", "NP", "PA", "PE", "PH",
    "PK", "PR", "PT", "PY", "SA", "SG", "SV", "TH", "TT", "TW", "UM", "US", "VE", "VI", "WS", "YE", "ZA", "ZW",
];
/// …and on Saturday. Every other region starts on Monday.
const SATURDAY_REGIONS: [&str; 15] =
    ["AE", "AF", "BH", "DJ", "DZ", "EG", "IQ", "IR", "JO", "KW", "LY", "OM", "QA", "SD", "SY"];

/// The day after `d`; `None` past the last date the `time` crate holds.
pub fn next_day(d: Day) -> Option<Day> {
    d.0.next_day().map(Day)
}

/// The day before `d`; `None` before the first date the `time` crate holds.
pub fn previous_day(d: Day) -> Option<Day> {
    d.0.previous_day().map(Day)
}

/// The month's last day.
pub fn last_day(m: YearMonth) -> Day {
    Day::new(m.year, m.number(), m.days()).unwrap_or_else(|| m.first_day())
}

/// The same day of the month in `m`, or that month's last day when it is shorter (31 Jan to
/// 29 Feb in a leap year).
pub fn same_day_in(d: Day, m: YearMonth) -> Day {
    Day::new(m.year, m.number(), d.day().min(m.days())).unwrap_or_else(|| last_day(m))
}

/// A month laid out in weeks: every cell a day of the month or blank, columns in week order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthGrid {
    pub month: YearMonth,
    /// Each column's weekday, counted from Monday (for the header's names).
    pub weekdays: [u8; 7],
    pub weeks: Vec<[Option<Day>; 7]>,
}

impl MonthGrid {
    pub fn new(month: YearMonth, start: WeekStart) -> MonthGrid {
        // Walk back from the 1st to the day its week starts on: those cells are blank.
        let mut d = month.first_day();
        while d.weekday_from_monday() != start.0 {
            match previous_day(d) {
                Some(p) => d = p,
                None => break,
            }
        }
        let mut weekdays = [0; 7];
        let mut weeks = Vec::with_capacity(6);
        let mut column = 0;
        let mut week = [None; 7];
        // Walk forward a day per cell until a week ends after the month has ended.
        loop {
            if column < 7 {
                weekdays[column] = d.weekday_from_monday();
            }
            week[column % 7] = (d.year_month() == month).then_some(d);
            column += 1;
            let next = next_day(d);
            if column % 7 == 0 {
                weeks.push(std::mem::take(&mut week));
                if next.is_none_or(|n| n.year_month() > month) {
                    break;
                }
            }
            match next {
                Some(n) => d = n,
                None => {
                    weeks.push(week);
                    break;
                }
            }
        }
        MonthGrid { month, weekdays, weeks }
    }

    /// The days of the month in order (for tests: the view walks the weeks).
    #[cfg(test)]
    pub fn days(&self) -> impl Iterator<Item = Day> + '_ {
        self.weeks.iter().flatten().flatten().copied()
    }
}

/// A key that moves the focused day in a date grid (the ARIA date-picker keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    PreviousDay,
    NextDay,
    PreviousWeek,
    NextWeek,
    WeekStart,
    WeekEnd,
    PreviousMonth,
    NextMonth,
    PreviousYear,
    NextYear,
}

impl Step {
    /// The step a key press asks for (`key` as in `KeyboardEvent.key`).
    pub fn from_key(key: &str, shift: bool) -> Option<Step> {
        Some(match key {
            "ArrowLeft" => Step::PreviousDay,
            "ArrowRight" => Step::NextDay,
            "ArrowUp" => Step::PreviousWeek,
            "ArrowDown" => Step::NextWeek,
            "Home" => Step::WeekStart,
            "End" => Step::WeekEnd,
            "PageUp" if shift => Step::PreviousYear,
            "PageDown" if shift => Step::NextYear,
            "PageUp" => Step::PreviousMonth,
            "PageDown" => Step::NextMonth,
            _ => return None,
        })
    }

    /// Where the step leads from `d`, kept inside `[min, max]`.
    pub fn apply(self, d: Day, start: WeekStart, min: Day, max: Day) -> Day {
        let walk = |mut d: Day, n: usize, forward: bool| {
            for _ in 0..n {
                match if forward { next_day(d) } else { previous_day(d) } {
                    Some(x) => d = x,
                    None => break,
                }
            }
            d
        };
        let year_step = |d: Day, forward: bool| {
            let mut m = d.year_month();
            for _ in 0..12 {
                m = if forward { m.next() } else { m.previous() };
            }
            same_day_in(d, m)
        };
        let to = match self {
            Step::PreviousDay => walk(d, 1, false),
            Step::NextDay => walk(d, 1, true),
            Step::PreviousWeek => walk(d, 7, false),
            Step::NextWeek => walk(d, 7, true),
            Step::WeekStart => {
                let mut x = d;
                while x.weekday_from_monday() != start.0 {
                    x = walk(x, 1, false);
                }
                x
            }
            Step::WeekEnd => {
                let mut x = d;
                while next_day(x).is_some_and(|n| n.weekday_from_monday() != start.0) {
                    x = walk(x, 1, true);
                }
                x
            }
            Step::PreviousMonth => same_day_in(d, d.year_month().previous()),
            Step::NextMonth => same_day_in(d, d.year_month().next()),
            Step::PreviousYear => year_step(d, false),
            Step::NextYear => year_step(d, true),
        };
        to.clamp(min, max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::testing::{day, month};

    fn rows(g: &MonthGrid) -> Vec<String> {
        g.weeks
            .iter()
            .map(|w| {
                w.iter().map(|c| c.map_or("  ".to_string(), |d| format!("{:2}", d.day()))).collect::<Vec<_>>().join(" ")
            })
            .collect()
    }

    #[test]
    fn september_2016_starts_on_a_thursday() {
        let g = MonthGrid::new(month("2016-09"), WeekStart::MONDAY);
        assert_eq!(g.weekdays, [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(
            rows(&g),
            [
                "          1  2  3  4",
                " 5  6  7  8  9 10 11",
                "12 13 14 15 16 17 18",
                "19 20 21 22 23 24 25",
                "26 27 28 29 30      ",
            ]
        );
        // The reference issue, Saturday 24 September, sits under Saturday.
        let (w, c) = g
            .weeks
            .iter()
            .enumerate()
            .find_map(|(w, r)| r.iter().position(|d| *d == Some(day("2016-09-24"))).map(|c| (w, c)))
            .unwrap();
        assert_eq!((w, g.weekdays[c]), (3, 5));
        let sunday_first = MonthGrid::new(month("2016-09"), WeekStart::SUNDAY);
        assert_eq!(sunday_first.weekdays, [6, 0, 1, 2, 3, 4, 5]);
        assert_eq!(rows(&sunday_first)[0], "             1  2  3");
    }

    #[test]
    fn months_starting_on_monday_or_sunday() {
        // February 2016 starts on a Monday: no blank cells before the 1st with a Monday week.
        let g = MonthGrid::new(month("2016-02"), WeekStart::MONDAY);
        assert_eq!(rows(&g)[0], " 1  2  3  4  5  6  7");
        assert_eq!(g.weeks.len(), 5);
        // With a Sunday week the same month needs one blank.
        assert_eq!(rows(&MonthGrid::new(month("2016-02"), WeekStart::SUNDAY))[0], "    1  2  3  4  5  6");
        // May 2016 starts on a Sunday: six rows with a Monday week, five with a Sunday week.
        let may = MonthGrid::new(month("2016-05"), WeekStart::MONDAY);
        assert_eq!(rows(&may)[0], "                   1");
        assert_eq!(may.weeks.len(), 6);
        assert_eq!(rows(&may)[5], "30 31               ");
        let may_sun = MonthGrid::new(month("2016-05"), WeekStart::SUNDAY);
        assert_eq!(rows(&may_sun)[0], " 1  2  3  4  5  6  7");
        assert_eq!(may_sun.weeks.len(), 5);
        // February 2015: 28 days starting on a Sunday fill exactly four Sunday weeks.
        let feb = MonthGrid::new(month("2015-02"), WeekStart::SUNDAY);
        assert_eq!(feb.weeks.len(), 4);
        assert!(feb.weeks.iter().flatten().all(Option::is_some));
    }

    #[test]
    fn leap_years_follow_the_gregorian_rules() {
        let count = |m: &str| MonthGrid::new(month(m), WeekStart::MONDAY).days().count();
        assert_eq!(count("2016-02"), 29);
        assert_eq!(count("2015-02"), 28);
        assert_eq!(count("1900-02"), 28); // divisible by 100, not by 400
        assert_eq!(count("2000-02"), 29); // divisible by 400
        assert_eq!(count("2100-02"), 28);
        assert_eq!(count("2024-02"), 29);
        assert_eq!(last_day(month("2000-02")), day("2000-02-29"));
        assert_eq!(same_day_in(day("2016-01-31"), month("2016-02")), day("2016-02-29"));
        assert_eq!(same_day_in(day("2016-01-31"), month("2015-02")), day("2015-02-28"));
    }

    #[test]
    fn every_month_from_1900_to_2100_is_laid_out_correctly() {
        // Against a reference that shares no code with the grid: the `time` crate's own
        // day-after arithmetic from 1 January 1900, a Monday.
        let mut expected = day("1900-01-01");
        assert_eq!(expected.weekday_from_monday(), 0);
        let mut m = month("1900-01");
        let mut months = 0;
        while m <= month("2100-12") {
            for start in [WeekStart::MONDAY, WeekStart::SUNDAY, WeekStart::SATURDAY] {
                let g = MonthGrid::new(m, start);
                assert!((4..=6).contains(&g.weeks.len()), "{m}: {} weeks", g.weeks.len());
                assert_eq!(g.weekdays[0], start.0);
                // No week is all blank, and the cells hold exactly the month's days, in order.
                assert!(g.weeks.iter().all(|w| w.iter().any(Option::is_some)), "{m}");
                let mut d = expected;
                for (w, week) in g.weeks.iter().enumerate() {
                    for (c, cell) in week.iter().enumerate() {
                        if let Some(x) = cell {
                            assert_eq!(*x, d, "{m} week {w} column {c}");
                            assert_eq!(x.weekday_from_monday(), g.weekdays[c], "{x} under the wrong weekday");
                            d = next_day(d).unwrap();
                        }
                    }
                }
                assert_eq!(d.year_month(), m.next(), "{m} ends on its last day");
            }
            let days = MonthGrid::new(m, WeekStart::MONDAY).days().count();
            for _ in 0..days {
                expected = next_day(expected).unwrap();
            }
            m = m.next();
            months += 1;
        }
        assert_eq!(months, 201 * 12);
        assert_eq!(expected, day("2101-01-01"));
    }

    #[test]
    fn week_starts_follow_the_locale() {
        assert_eq!(WeekStart::for_locale("en-US"), WeekStart::SUNDAY);
        assert_eq!(WeekStart::for_locale("en"), WeekStart::SUNDAY);
        assert_eq!(WeekStart::for_locale("en-GB"), WeekStart::MONDAY);
        assert_eq!(WeekStart::for_locale("en_au"), WeekStart::MONDAY);
        assert_eq!(WeekStart::for_locale("de-DE"), WeekStart::MONDAY);
        assert_eq!(WeekStart::for_locale("ar-EG"), WeekStart::SATURDAY);
        assert_eq!(WeekStart::for_locale("zh-Hant-TW"), WeekStart::SUNDAY);
        assert_eq!(WeekStart::for_locale("en-150"), WeekStart::MONDAY);
        assert_eq!(WeekStart::for_locale(""), WeekStart::MONDAY);
    }

    #[test]
    fn keys_move_through_days_weeks_months_and_years() {
        let (min, max) = (day("1990-01-01"), day("2020-12-31"));
        let go = |s: Step, d: &str| s.apply(day(d), WeekStart::MONDAY, min, max).to_string();
        assert_eq!(go(Step::NextDay, "2016-09-30"), "2016-10-01");
        assert_eq!(go(Step::PreviousDay, "2016-03-01"), "2016-02-29");
        assert_eq!(go(Step::NextWeek, "2016-12-28"), "2017-01-04");
        assert_eq!(go(Step::PreviousWeek, "2016-09-03"), "2016-08-27");
        assert_eq!(go(Step::WeekStart, "2016-09-24"), "2016-09-19");
        assert_eq!(go(Step::WeekEnd, "2016-09-24"), "2016-09-25");
        assert_eq!(go(Step::WeekStart, "2016-09-19"), "2016-09-19");
        assert_eq!(Step::WeekStart.apply(day("2016-09-24"), WeekStart::SUNDAY, min, max), day("2016-09-18"));
        assert_eq!(Step::WeekEnd.apply(day("2016-09-24"), WeekStart::SUNDAY, min, max), day("2016-09-24"));
        assert_eq!(go(Step::PreviousMonth, "2016-03-31"), "2016-02-29");
        assert_eq!(go(Step::NextMonth, "2016-12-15"), "2017-01-15");
        assert_eq!(go(Step::PreviousYear, "2016-02-29"), "2015-02-28");
        assert_eq!(go(Step::NextYear, "2016-09-24"), "2017-09-24");
        // Never past the ends.
        assert_eq!(go(Step::PreviousDay, "1990-01-01"), "1990-01-01");
        assert_eq!(go(Step::NextYear, "2020-06-01"), "2020-12-31");
        assert_eq!(Step::from_key("PageUp", true), Some(Step::PreviousYear));
        assert_eq!(Step::from_key("PageUp", false), Some(Step::PreviousMonth));
        assert_eq!(Step::from_key("Enter", false), None);
    }
}

//! Calendar dates as they appear in the data: `YYYY-MM-DD` days and `YYYY-MM` months.
//! Parsing checks that the date is real (via the `time` crate); no calendar maths by hand.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::{Date, Month};

/// A real calendar day, written `YYYY-MM-DD` in the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub Date);

/// A calendar month, written `YYYY-MM` in the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: Month,
}

fn number(s: &str, digits: usize) -> Option<u32> {
    if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl Day {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok().map(Day)
    }

    pub fn parse(s: &str) -> Result<Day, String> {
        let bad = || format!("{s:?} is not a date of the form YYYY-MM-DD");
        let mut parts = s.split('-');
        let (y, m, d) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d), None) => (y, m, d),
            _ => return Err(bad()),
        };
        let (y, m, d) = match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(y), Some(m), Some(d)) => (y, m, d),
            _ => return Err(bad()),
        };
        let month = Month::try_from(m as u8).map_err(|_| format!("{s:?} has no month {m}"))?;
        Date::from_calendar_date(y as i32, month, d as u8).map(Day).map_err(|_| format!("{s:?} is not a real date"))
    }

    pub fn year_month(self) -> YearMonth {
        YearMonth { year: self.0.year(), month: self.0.month() }
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }
    pub fn day(self) -> u8 {
        self.0.day()
    }
    /// 0 = Monday … 6 = Sunday.
    pub fn weekday_from_monday(self) -> u8 {
        self.0.weekday().number_days_from_monday()
    }
}

impl YearMonth {
    pub fn new(year: i32, month: u8) -> Option<YearMonth> {
        Some(YearMonth { year, month: Month::try_from(month).ok()? })
    }

    pub fn parse(s: &str) -> Result<YearMonth, String> {
        let bad = || format!("{s:?} is not a month of the form YYYY-MM");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let (y, m) = match (number(y, 4), number(m, 2)) {
            (Some(y), Some(m)) => (y, m),
            _ => return Err(bad()),
        };
        YearMonth::new(y as i32, m as u8).ok_or_else(|| format!("{s:?} has no month {m}"))
    }

    pub fn number(self) -> u8 {
        self.month as u8
    }

    pub fn next(self) -> YearMonth {
        let year = if self.month == Month::December { self.year + 1 } else { self.year };
        YearMonth { year, month: self.month.next() }
    }

    pub fn previous(self) -> YearMonth {
        let year = if self.month == Month::January { self.year - 1 } else { self.year };
        YearMonth { year, month: self.month.previous() }
    }

    pub fn first_day(self) -> Day {
        Day(Date::from_calendar_date(self.year, self.month, 1).expect("day 1 exists in every month"))
    }

    pub fn days(self) -> u8 {
        self.month.length(self.year)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.number())
    }
}

macro_rules! text_serde {
    ($t:ty, $what:literal) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl de::Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                        <$t>::parse(v).map_err(E::custom)
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
text_serde!(Day, "a date string YYYY-MM-DD");
text_serde!(YearMonth, "a month string YYYY-MM");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Day::parse("2016-09-24").unwrap().to_string(), "2016-09-24");
        assert_eq!(Day::parse("2016-09-24").unwrap().weekday_from_monday(), 5); // Saturday
        assert!(Day::parse("2016-02-29").is_ok());
        assert!(Day::parse("2015-02-29").unwrap_err().contains("not a real date"));
        assert!(Day::parse("2016-13-01").is_err());
        assert!(Day::parse("2016-9-24").is_err());
        assert!(Day::parse("2016-09-24T00:00").is_err());
        assert!(Day::parse("").is_err());
        assert!(Day::parse("+016-09-24").is_err());
    }

    #[test]
    fn months_step_across_years() {
        let m = YearMonth::parse("2016-12").unwrap();
        assert_eq!(m.next().to_string(), "2017-01");
        assert_eq!(m.next().previous(), m);
        assert_eq!(YearMonth::parse("2016-02").unwrap().days(), 29);
        assert_eq!(YearMonth::parse("1900-02").unwrap().days(), 28);
        assert!(YearMonth::parse("2016-00").is_err());
    }

    #[test]
    fn dates_round_trip_through_json() {
        let d: Day = serde_json::from_str("\"2016-09-24\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2016-09-24\"");
        assert!(serde_json::from_str::<Day>("20160924").is_err());
    }
}

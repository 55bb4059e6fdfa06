//! What the archive says about a month or a day, and the nearest issue before or after a date,
//! in plain Rust over whatever month indexes are at hand. The root manifest answers for months
//! outside the archive and for its `empty_months` without any fetch; every other month needs its
//! index, and the search says which one rather than guessing.

use broadsheet_model::{Archive, Day, MonthEntry, MonthIndex, YearMonth};
use std::sync::Arc;

/// What the root manifest says about a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthKind {
    /// Before the first or after the last issue's month: nothing to fetch.
    Outside,
    /// Inside the archive and listed in `empty_months`: no issues, no index file.
    Empty,
    /// Inside the archive with issues: its index file lists them.
    Listed,
}

pub fn month_kind(archive: &Archive, m: YearMonth) -> MonthKind {
    if !archive.covers(m) {
        MonthKind::Outside
    } else if archive.empty_months.contains(&m) {
        MonthKind::Empty
    } else {
        MonthKind::Listed
    }
}

/// A month's index as the reader holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    /// Not fetched yet, or on its way.
    Pending,
    Ready(Arc<MonthIndex>),
    Failed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Earlier,
    Later,
}

/// The outcome of a search for the nearest issue in one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nearest {
    Found(Day),
    /// The archive has no issue that way.
    None,
    /// The answer depends on this month's index, which is not here yet.
    Needs(YearMonth),
    /// This month's index failed to load, so the answer is unknown.
    Failed(YearMonth),
}

/// The nearest issue strictly before or after `d`. Months outside the archive and empty months
/// are skipped by the manifest alone; the search stops at the first month whose index it would
/// need and does not have, so it never asks for more than one index per direction at a time.
pub fn nearest(archive: &Archive, d: Day, direction: Direction, lookup: impl Fn(YearMonth) -> Lookup) -> Nearest {
    let (first, last) = (archive.first.year_month(), archive.last.year_month());
    let mut m = match direction {
        Direction::Earlier => d.year_month().min(last),
        Direction::Later => d.year_month().max(first),
    };
    loop {
        match month_kind(archive, m) {
            MonthKind::Outside => return Nearest::None,
            MonthKind::Empty => {}
            MonthKind::Listed => match lookup(m) {
                Lookup::Pending => return Nearest::Needs(m),
                Lookup::Failed => return Nearest::Failed(m),
                Lookup::Ready(index) => {
                    let hit = match direction {
                        Direction::Earlier => index.issues.iter().rev().find(|e| e.date < d),
                        Direction::Later => index.issues.iter().find(|e| e.date > d),
                    };
                    if let Some(e) = hit {
                        return Nearest::Found(e.date);
                    }
                }
            },
        }
        m = match direction {
            Direction::Earlier => m.previous(),
            Direction::Later => m.next(),
        };
    }
}

/// Whether a month index lists an issue on `d`.
pub fn lists(index: &MonthIndex, d: Day) -> bool {
    issue_on(index, d).is_some()
}

/// The month index's entry for `d` (the index is checked to be in ascending order of dates).
pub fn issue_on(index: &MonthIndex, d: Day) -> Option<&MonthEntry> {
    index.issues.binary_search_by(|e| e.date.cmp(&d)).ok().map(|i| &index.issues[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::testing::{day, month};
    use broadsheet_model::parse;
    use std::collections::HashMap;

    fn demo() -> Archive {
        parse(include_str!("../../demo/data/archive.json")).unwrap()
    }
    fn demo_months() -> HashMap<YearMonth, Lookup> {
        [
            ("2016-06", include_str!("../../demo/data/months/2016-06.json")),
            ("2016-08", include_str!("../../demo/data/months/2016-08.json")),
            ("2016-09", include_str!("../../demo/data/months/2016-09.json")),
        ]
        .into_iter()
        .map(|(m, text)| (month(m), Lookup::Ready(Arc::new(parse(text).unwrap()))))
        .collect()
    }
    fn search(months: &HashMap<YearMonth, Lookup>, d: &str, dir: Direction) -> Nearest {
        nearest(&demo(), day(d), dir, |m| months.get(&m).cloned().unwrap_or(Lookup::Pending))
    }
    fn found(s: &str) -> Nearest {
        Nearest::Found(day(s))
    }

    #[test]
    fn month_kinds_come_from_the_manifest() {
        let a = demo();
        assert_eq!(month_kind(&a, month("2016-05")), MonthKind::Outside);
        assert_eq!(month_kind(&a, month("2016-06")), MonthKind::Listed);
        assert_eq!(month_kind(&a, month("2016-07")), MonthKind::Empty);
        assert_eq!(month_kind(&a, month("2016-09")), MonthKind::Listed);
        assert_eq!(month_kind(&a, month("2016-10")), MonthKind::Outside);
    }

    #[test]
    fn nearest_issues_within_and_across_months() {
        let months = demo_months();
        use Direction::*;
        // A day without an issue between two issues of the same month.
        assert_eq!(search(&months, "2016-09-11", Earlier), found("2016-09-10"));
        assert_eq!(search(&months, "2016-09-11", Later), found("2016-09-17"));
        // An issue's own neighbours (previous and next issue), never itself.
        assert_eq!(search(&months, "2016-09-17", Earlier), found("2016-09-10"));
        assert_eq!(search(&months, "2016-09-17", Later), found("2016-09-24"));
        // Across a month: 10 September back to 27 August.
        assert_eq!(search(&months, "2016-09-10", Earlier), found("2016-08-27"));
        // Across the empty July, which is never looked up.
        let no_july = |m: YearMonth| {
            assert_ne!(m, month("2016-07"), "an empty month is never fetched");
            months.get(&m).cloned().unwrap_or(Lookup::Pending)
        };
        assert_eq!(nearest(&demo(), day("2016-08-27"), Earlier, no_july), found("2016-06-25"));
        assert_eq!(nearest(&demo(), day("2016-07-14"), Later, no_july), found("2016-08-27"));
        assert_eq!(nearest(&demo(), day("2016-07-14"), Earlier, no_july), found("2016-06-25"));
        // The archive's ends.
        assert_eq!(search(&months, "2016-06-25", Earlier), Nearest::None);
        assert_eq!(search(&months, "2016-09-24", Later), Nearest::None);
        // Dates outside the archive, however far, find its first or last issue.
        assert_eq!(search(&months, "1900-01-01", Later), found("2016-06-25"));
        assert_eq!(search(&months, "1900-01-01", Earlier), Nearest::None);
        assert_eq!(search(&months, "2100-12-31", Earlier), found("2016-09-24"));
        assert_eq!(search(&months, "2016-09-30", Later), Nearest::None);
    }

    #[test]
    fn the_search_names_the_one_index_it_needs() {
        let mut months = demo_months();
        months.remove(&month("2016-08"));
        assert_eq!(search(&months, "2016-09-10", Direction::Earlier), Nearest::Needs(month("2016-08")));
        // Within its own month it needs nothing more.
        assert_eq!(search(&months, "2016-09-24", Direction::Earlier), found("2016-09-17"));
        months.insert(month("2016-08"), Lookup::Failed);
        assert_eq!(search(&months, "2016-09-10", Direction::Earlier), Nearest::Failed(month("2016-08")));
        assert_eq!(search(&HashMap::new(), "2016-07-14", Direction::Earlier), Nearest::Needs(month("2016-06")));
    }

    #[test]
    fn index_checks() {
        let a = demo();
        let sept: MonthIndex = parse(include_str!("../../demo/data/months/2016-09.json")).unwrap();
        assert!(lists(&sept, day("2016-09-17")));
        assert!(!lists(&sept, day("2016-09-18")));
        // The entry of a day, found by its date, first and last of the month included.
        assert_eq!(issue_on(&sept, day("2016-09-17")).map(|e| e.date), Some(day("2016-09-17")));
        assert_eq!(issue_on(&sept, day("2016-09-10")), sept.issues.first());
        assert_eq!(issue_on(&sept, day("2016-09-24")), sept.issues.last());
        assert_eq!(issue_on(&sept, day("2016-09-01")), None);
        // Checked against where it was found, leniently: an entry outside the archive is left out.
        let mut late = serde_json::to_value(&sept).unwrap();
        late["issues"][2]["date"] = "2016-09-30".into();
        let read = broadsheet_model::parse_month_lenient(&late.to_string(), month("2016-09"), &a).unwrap();
        assert_eq!(read.value.issues.len(), 2);
        assert_eq!(
            read.problems[0].to_string(),
            "issues[2].date: 2016-09-30 is outside the archive (2016-06-25 to 2016-09-24)"
        );
        let wrong = broadsheet_model::parse_month_lenient(&late.to_string(), month("2016-08"), &a).unwrap_err();
        assert_eq!(wrong[0].to_string(), "month: is 2016-09 but this is the index file of 2016-08");
    }

    #[test]
    fn bad_indexes_are_refused_with_their_json_path() {
        let problems =
            |text: &str| parse::<MonthIndex>(text).unwrap_err().iter().map(|p| p.to_string()).collect::<Vec<_>>();
        // Corrupt: not JSON at all, or cut short.
        assert!(problems("<html>404</html>")[0].starts_with("not valid JSON"));
        assert!(problems(r#"{"version": 1, "month": "2016-09", "issues": [{"date": "2016-09-10""#)[0]
            .starts_with("not valid JSON"));
        // Out of order and duplicated dates.
        let out_of_order = r#"{"version": 1, "month": "2016-09", "issues": [
            {"date": "2016-09-17", "pages": 4}, {"date": "2016-09-10", "pages": 4}]}"#;
        assert_eq!(
            problems(out_of_order),
            ["issues[1].date: 2016-09-10 is listed after 2016-09-17: dates must be in ascending order"]
        );
        let twice = r#"{"version": 1, "month": "2016-09", "issues": [
            {"date": "2016-09-10", "pages": 4}, {"date": "2016-09-10", "pages": 4}]}"#;
        assert_eq!(problems(twice), ["issues[1].date: 2016-09-10 is listed twice"]);
        let stray = r#"{"version": 1, "month": "2016-09", "issues": [{"date": "2016-08-10", "pages": 4}]}"#;
        assert_eq!(problems(stray), ["issues[0].date: 2016-08-10 is not in 2016-09"]);
        let bad_date = r#"{"version": 1, "month": "2016-09", "issues": [{"date": "2016-09-31", "pages": 4}]}"#;
        assert_eq!(problems(bad_date), ["issues[0].date: \"2016-09-31\" is not a real date"]);
    }
}

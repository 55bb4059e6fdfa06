//! The one function that builds an archive's manifest and month indexes from its issues,
//! shared by `demo`, `synth` and `index`.

use broadsheet_model::{Archive, Day, Issue, MonthEntry, MonthIndex, Paper, YearMonth, VERSION};
use std::collections::BTreeMap;

/// What a month index lists about one issue.
pub fn entry(issue: &Issue) -> MonthEntry {
    MonthEntry { date: issue.date, pages: issue.pages.len() as u32, headline: issue.headline().map(str::to_string) }
}

/// Builds the root manifest and one index per month that has issues, months in order, dates in
/// order within each month. `entries` may come in any order; a date given twice is an error, and
/// so is an empty set (an archive has a first and a last issue).
pub fn build(
    paper: Paper,
    months: &str,
    issues: &str,
    entries: impl IntoIterator<Item = MonthEntry>,
) -> Result<(Archive, Vec<MonthIndex>), String> {
    let mut by_day: BTreeMap<Day, MonthEntry> = BTreeMap::new();
    for e in entries {
        let day = e.date;
        if by_day.insert(day, e).is_some() {
            return Err(format!("two issues are dated {day}"));
        }
    }
    let (Some(first), Some(last)) = (by_day.keys().next().copied(), by_day.keys().next_back().copied()) else {
        return Err("no issues: an archive needs at least one".into());
    };
    let mut indexes: Vec<MonthIndex> = Vec::new();
    for (day, e) in by_day {
        let month = day.year_month();
        match indexes.last_mut() {
            Some(m) if m.month == month => m.issues.push(e),
            _ => indexes.push(MonthIndex { version: VERSION, month, issues: vec![e] }),
        }
    }
    let mut empty_months: Vec<YearMonth> = Vec::new();
    let mut m = first.year_month();
    let mut k = 0;
    while m <= last.year_month() {
        if indexes.get(k).map(|i| i.month) == Some(m) {
            k += 1;
        } else {
            empty_months.push(m);
        }
        m = m.next();
    }
    let archive = Archive {
        version: VERSION,
        paper,
        first,
        last,
        months: months.to_string(),
        issues: issues.to_string(),
        empty_months,
        search: None,
        search_start: Vec::new(),
        origins: Vec::new(),
    };
    Ok((archive, indexes))
}

//! What the month indexes at hand say, in plain Rust: the note under the calendar's grid for the
//! month shown, and the verdict on an issue whose file did not load.

use super::months::MonthState;
use super::search::{lists, MonthKind};
use crate::archive::api::{Failure, LoadError};
use broadsheet_model::{Day, Problem};
use std::sync::Arc;

/// What the calendar says under the grid about the month shown.
#[derive(Clone, Debug, PartialEq)]
pub enum MonthNote {
    /// Nothing: the month is outside the archive, or its index is here.
    None,
    /// The manifest lists the month as empty (本月没有出版).
    NoIssues,
    /// Its index is on its way (or not asked for yet).
    Loading,
    /// Its index failed (`is_missing` tells a file that is not there from the rest).
    Failed(LoadError),
    /// Its index is here, without the entries these problems left out.
    Problems(Arc<[Problem]>),
}

impl MonthNote {
    pub fn of(kind: MonthKind, state: Option<MonthState>) -> MonthNote {
        match (kind, state) {
            (MonthKind::Outside, _) => MonthNote::None,
            (MonthKind::Empty, _) => MonthNote::NoIssues,
            (MonthKind::Listed, Some(MonthState::Ready(_, p))) if p.is_empty() => MonthNote::None,
            (MonthKind::Listed, Some(MonthState::Ready(_, p))) => MonthNote::Problems(p),
            (MonthKind::Listed, Some(MonthState::Failed(error))) => MonthNote::Failed(error),
            (MonthKind::Listed, Some(MonthState::Loading) | None) => MonthNote::Loading,
        }
    }

    /// The month is shown in full: every day that has an issue is a link (or none has one).
    pub fn complete(&self) -> bool {
        matches!(self, MonthNote::None | MonthNote::NoIssues | MonthNote::Problems(_))
    }
}

/// What the month index says about a date whose issue file did not load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Checking,
    /// No issue that day: outside the archive, an empty month, or not in the month's index.
    NoIssue,
    /// The index lists the day, so its file should be there.
    FileMissing,
    /// The month's index failed too; the calendar shows why.
    Unknown,
}

impl Verdict {
    /// For day `d`, in a month of `kind` whose index is in `state`.
    pub fn of(d: Day, kind: MonthKind, state: Option<MonthState>) -> Verdict {
        match (kind, state) {
            (MonthKind::Outside | MonthKind::Empty, _) => Verdict::NoIssue,
            (MonthKind::Listed, Some(MonthState::Ready(index, _))) if lists(&index, d) => Verdict::FileMissing,
            (MonthKind::Listed, Some(MonthState::Ready(..))) => Verdict::NoIssue,
            (MonthKind::Listed, Some(MonthState::Failed(_))) => Verdict::Unknown,
            (MonthKind::Listed, Some(MonthState::Loading) | None) => Verdict::Checking,
        }
    }
}

/// Whether a load failure means the file is not there (HTTP 404), as opposed to broken data or
/// a network that failed: only then is the month index asked whether there should be an issue.
pub fn is_missing(error: &LoadError) -> bool {
    error.failure == Failure::Http(404)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::testing::{day, month};
    use broadsheet_model::{MonthEntry, MonthIndex};
    use std::sync::Arc;

    fn september() -> MonthState {
        let entry = |d: &str| MonthEntry { date: day(d), pages: 4, headline: None };
        MonthState::Ready(
            Arc::new(MonthIndex {
                version: 1,
                month: month("2016-09"),
                issues: vec![entry("2016-09-10"), entry("2016-09-17"), entry("2016-09-24")],
            }),
            Arc::from([]),
        )
    }

    fn failed(status: u16) -> LoadError {
        LoadError { file: "data/months/2016-09.json".into(), failure: Failure::Http(status) }
    }

    #[test]
    fn the_note_under_the_grid_follows_the_manifest_then_the_index() {
        assert_eq!(MonthNote::of(MonthKind::Outside, None), MonthNote::None);
        assert_eq!(MonthNote::of(MonthKind::Empty, None), MonthNote::NoIssues);
        assert_eq!(MonthNote::of(MonthKind::Listed, None), MonthNote::Loading);
        assert_eq!(MonthNote::of(MonthKind::Listed, Some(MonthState::Loading)), MonthNote::Loading);
        assert_eq!(MonthNote::of(MonthKind::Listed, Some(september())), MonthNote::None);
        assert_eq!(
            MonthNote::of(MonthKind::Listed, Some(MonthState::Failed(failed(404)))),
            MonthNote::Failed(failed(404))
        );
    }

    #[test]
    fn a_month_is_complete_once_its_index_is_here_or_the_manifest_answers() {
        assert!(MonthNote::None.complete());
        assert!(MonthNote::NoIssues.complete());
        assert!(!MonthNote::Loading.complete());
        assert!(!MonthNote::Failed(failed(404)).complete());
    }

    #[test]
    fn a_missing_issue_is_checked_against_its_month() {
        let d = day("2016-09-17");
        assert_eq!(Verdict::of(d, MonthKind::Listed, Some(september())), Verdict::FileMissing);
        assert_eq!(Verdict::of(day("2016-09-11"), MonthKind::Listed, Some(september())), Verdict::NoIssue);
        assert_eq!(Verdict::of(d, MonthKind::Listed, None), Verdict::Checking);
        assert_eq!(Verdict::of(d, MonthKind::Listed, Some(MonthState::Loading)), Verdict::Checking);
        assert_eq!(Verdict::of(d, MonthKind::Listed, Some(MonthState::Failed(failed(500)))), Verdict::Unknown);
        assert_eq!(Verdict::of(day("2016-07-14"), MonthKind::Empty, None), Verdict::NoIssue);
        assert_eq!(Verdict::of(day("2017-01-01"), MonthKind::Outside, None), Verdict::NoIssue);
    }

    #[test]
    fn only_a_404_sends_the_reader_to_the_month_index() {
        assert!(is_missing(&failed(404)));
        assert!(!is_missing(&failed(500)));
        assert!(!is_missing(&LoadError { file: "x".into(), failure: Failure::Timeout }));
    }
}

//! Score arithmetic, plain Rust: a page's tally, the reader's own vote on top of it, and the
//! average as the reference page prints it (one decimal, `0.0` before anyone has rated).

pub use broadsheet_model::ratings::{is_score, MAX_SCORE, MIN_SCORE};

/// The sum of the votes and how many there are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub sum: u64,
    pub count: u64,
}

impl Tally {
    pub fn new(sum: u64, count: u64) -> Tally {
        Tally { sum, count }
    }

    /// Whether some votes of 1 to 5 add up to this (the contract's rule, `ratings::is_possible`;
    /// for tests: the widget reads checked answers only).
    #[cfg(test)]
    pub fn is_possible(self) -> bool {
        broadsheet_model::ratings::is_possible(self.sum, self.count)
    }

    /// The tally with the reader's own vote added: a baseline that does not hold it yet gains
    /// one vote. Changing the vote means calling this again on the same baseline with the new
    /// one, so a vote never counts twice.
    pub fn with_vote(self, vote: Option<u8>) -> Tally {
        match vote.filter(|v| is_score(*v)) {
            Some(v) => Tally { sum: self.sum.saturating_add(v as u64), count: self.count.saturating_add(1) },
            None => self,
        }
    }

    /// The average in tenths, rounded half up (4.25 → 43); 0 when nobody has rated.
    pub fn average_tenths(self) -> u64 {
        if self.count == 0 {
            return 0;
        }
        // (sum / count) × 10, rounded half up, in exact integers: no float surprises.
        let (sum, count) = (self.sum as u128, self.count as u128);
        ((sum * 20 + count) / (count * 2)) as u64
    }

    /// The average as shown: `4.2`, `3.9`, `0.0`.
    pub fn average_text(self) -> String {
        let t = self.average_tenths();
        format!("{}.{}", t / 10, t % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_has_rated_yet() {
        let t = Tally::default();
        assert_eq!(t.average_text(), "0.0");
        assert_eq!(t.count, 0);
        assert!(t.is_possible());
    }

    #[test]
    fn a_vote_adds_one_rater_and_changing_it_does_not_add_another() {
        let baseline = Tally::new(42, 10);
        let voted = baseline.with_vote(Some(5));
        assert_eq!(voted, Tally::new(47, 11));
        assert_eq!(voted.average_text(), "4.3");
        // The change is applied to the baseline, not to the tally that already holds the vote.
        let changed = baseline.with_vote(Some(1));
        assert_eq!(changed, Tally::new(43, 11));
        assert_eq!(changed.average_text(), "3.9");
        assert_eq!(baseline.with_vote(None), baseline);
        // Only 1 to 5 count.
        assert_eq!(baseline.with_vote(Some(0)), baseline);
        assert_eq!(baseline.with_vote(Some(6)), baseline);
    }

    #[test]
    fn a_first_vote_on_an_unrated_page() {
        let t = Tally::default().with_vote(Some(3));
        assert_eq!((t.sum, t.count, t.average_text()), (3, 1, "3.0".to_string()));
    }

    #[test]
    fn averages_round_half_up_to_one_decimal() {
        assert_eq!(Tally::new(27, 7).average_text(), "3.9"); // 3.857…
        assert_eq!(Tally::new(9, 4).average_text(), "2.3"); // 2.25
        assert_eq!(Tally::new(49, 20).average_text(), "2.5"); // 2.45
        assert_eq!(Tally::new(17, 8).average_text(), "2.1"); // 2.125
        assert_eq!(Tally::new(10, 3).average_text(), "3.3"); // 3.333…
        assert_eq!(Tally::new(14, 3).average_text(), "4.7"); // 4.666…
        assert_eq!(Tally::new(5, 1).average_text(), "5.0");
        assert_eq!(Tally::new(1, 1).average_text(), "1.0");
        // 4.95 would round to 5.0; 4.94… stays 4.9.
        assert_eq!(Tally::new(99, 20).average_text(), "5.0");
        assert_eq!(Tally::new(494, 100).average_text(), "4.9");
    }

    #[test]
    fn huge_tallies_neither_overflow_nor_lose_precision() {
        let n = u64::MAX / 5;
        assert_eq!(Tally::new(n * 5, n).average_text(), "5.0");
        assert_eq!(Tally::new(n * 3, n).average_text(), "3.0");
        assert_eq!(Tally::new(u64::MAX, u64::MAX).with_vote(Some(5)), Tally::new(u64::MAX, u64::MAX));
    }

    #[test]
    fn impossible_tallies_are_recognised() {
        assert!(Tally::new(42, 10).is_possible());
        assert!(!Tally::new(26, 5).is_possible());
        assert!(!Tally::new(4, 5).is_possible());
        assert!(!Tally::new(1, 0).is_possible());
    }
}

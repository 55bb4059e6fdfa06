//! The reader's own votes and client id, kept in a key-value store (the browser's localStorage
//! in the app, a fake in tests) with a memory copy for the visit. Storage that is missing,
//! full, silently dropping writes or holding garbage never loses the vote for the visit: the
//! caller is told it will not be kept, or that an unreadable value was ignored.

use super::score::is_score;
use std::cell::RefCell;
use std::collections::HashMap;

pub use crate::storage::{KeyValue, StorageError};

/// Whether a value outlives the visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keeping {
    Kept,
    VisitOnly(StorageError),
}

/// A page's vote as found when the page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub vote: Option<u8>,
    /// The vote made in this visit could not be kept (so the notice stays).
    pub keeping: Keeping,
    /// A stored value was there but was not a vote; it was ignored.
    pub corrupt: bool,
}

/// The key of a page's vote: per paper, date and page.
pub fn vote_key(paper: &str, date: &str, page: &str) -> String {
    format!("broadsheet.rating.v1:{paper}:{date}:{page}")
}

/// The key of the random client id sent to a ratings endpoint.
pub const CLIENT_KEY: &str = "broadsheet.rating.client";

fn parse_vote(s: &str) -> Option<u8> {
    match s.as_bytes() {
        [d] if d.is_ascii_digit() => Some(d - b'0').filter(|v| is_score(*v)),
        _ => None,
    }
}

/// The endpoint contract's client-id rule, the one the server applies.
pub use broadsheet_model::ratings::is_client_id;

pub struct Votes<K> {
    store: K,
    /// Votes made in this visit, with whether they were kept.
    visit: RefCell<HashMap<String, (u8, Keeping)>>,
    client: RefCell<Option<(String, Keeping)>>,
}

impl<K: KeyValue> Votes<K> {
    pub fn new(store: K) -> Votes<K> {
        Votes { store, visit: RefCell::new(HashMap::new()), client: RefCell::new(None) }
    }

    /// Writes and reads back: a store that accepts a write and then does not return it is no
    /// better than one that refuses it.
    fn keep(&self, key: &str, value: &str) -> Keeping {
        match self.store.set(key, value) {
            Ok(()) => match self.store.get(key) {
                Ok(Some(v)) if v == value => Keeping::Kept,
                Ok(_) => Keeping::VisitOnly(StorageError::Unavailable),
                Err(e) => Keeping::VisitOnly(e),
            },
            Err(e) => Keeping::VisitOnly(e),
        }
    }

    /// The vote for a page: this visit's if there is one, else the stored one.
    pub fn load(&self, key: &str) -> Loaded {
        if let Some(&(vote, keeping)) = self.visit.borrow().get(key) {
            return Loaded { vote: Some(vote), keeping, corrupt: false };
        }
        match self.store.get(key) {
            Ok(None) => Loaded { vote: None, keeping: Keeping::Kept, corrupt: false },
            Ok(Some(v)) => match parse_vote(&v) {
                Some(vote) => Loaded { vote: Some(vote), keeping: Keeping::Kept, corrupt: false },
                None => Loaded { vote: None, keeping: Keeping::Kept, corrupt: true },
            },
            // Nothing can be read; a vote made now will not be kept either.
            Err(e) => Loaded { vote: None, keeping: Keeping::VisitOnly(e), corrupt: false },
        }
    }

    /// Records a vote (replacing any earlier one for the page) and says whether it is kept.
    pub fn save(&self, key: &str, vote: u8) -> Keeping {
        debug_assert!(is_score(vote));
        let keeping = self.keep(key, &vote.to_string());
        self.visit.borrow_mut().insert(key.to_string(), (vote, keeping));
        keeping
    }

    /// The client id for a ratings endpoint: the stored one, or a new one from `fresh` (kept if
    /// the store allows). The same id is returned for the whole visit either way.
    pub fn client(&self, fresh: impl FnOnce() -> String) -> (String, Keeping) {
        if let Some(c) = self.client.borrow().as_ref() {
            return c.clone();
        }
        let stored = match self.store.get(CLIENT_KEY) {
            Ok(Some(id)) if is_client_id(&id) => Some(id),
            _ => None,
        };
        let found = match stored {
            Some(id) => (id, Keeping::Kept),
            None => {
                let id = fresh();
                debug_assert!(is_client_id(&id), "{id:?} is no client id");
                let keeping = self.keep(CLIENT_KEY, &id);
                (id, keeping)
            }
        };
        *self.client.borrow_mut() = Some(found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::fake::Fake;

    const KEY: &str = "broadsheet.rating.v1:中国妇女报:2016-09-24:p1";

    #[test]
    fn keys_name_the_paper_date_and_page() {
        assert_eq!(vote_key("中国妇女报", "2016-09-24", "p1"), KEY);
        assert_ne!(vote_key("中国妇女报", "2016-09-24", "p1"), vote_key("中国妇女报", "2016-09-17", "p1"));
        assert_ne!(vote_key("A", "2016-09-24", "p1"), vote_key("B", "2016-09-24", "p1"));
    }

    #[test]
    fn a_vote_is_kept_replaced_and_read_back_in_a_new_visit() {
        let fake = Fake::default();
        let votes = Votes::new(&fake);
        assert_eq!(votes.load(KEY), Loaded { vote: None, keeping: Keeping::Kept, corrupt: false });
        assert_eq!(votes.save(KEY, 4), Keeping::Kept);
        assert_eq!(votes.save(KEY, 2), Keeping::Kept);
        assert_eq!(fake.data.borrow().len(), 1);
        // A new visit (a reload) has no memory, only the store.
        let again = Votes::new(&fake);
        assert_eq!(again.load(KEY).vote, Some(2));
        assert_eq!(again.load("other").vote, None);
    }

    #[test]
    fn disabled_storage_keeps_the_vote_for_the_visit_and_says_so() {
        let fake = Fake {
            read: Some(StorageError::Unavailable),
            write: Some(StorageError::Unavailable),
            ..Default::default()
        };
        let votes = Votes::new(&fake);
        let loaded = votes.load(KEY);
        assert_eq!(loaded.vote, None);
        assert_eq!(loaded.keeping, Keeping::VisitOnly(StorageError::Unavailable));
        assert_eq!(votes.save(KEY, 3), Keeping::VisitOnly(StorageError::Unavailable));
        // Back on the page in the same visit: the vote is there, and so is the notice.
        assert_eq!(
            votes.load(KEY),
            Loaded { vote: Some(3), keeping: Keeping::VisitOnly(StorageError::Unavailable), corrupt: false }
        );
        assert_eq!(votes.save(KEY, 5), Keeping::VisitOnly(StorageError::Unavailable));
        assert_eq!(votes.load(KEY).vote, Some(5));
    }

    #[test]
    fn full_storage_is_told_apart() {
        let fake = Fake { write: Some(StorageError::Full), ..Default::default() };
        let votes = Votes::new(&fake);
        assert_eq!(votes.load(KEY).keeping, Keeping::Kept);
        assert_eq!(votes.save(KEY, 1), Keeping::VisitOnly(StorageError::Full));
        assert_eq!(votes.load(KEY).vote, Some(1));
    }

    #[test]
    fn a_store_that_drops_writes_is_caught_by_reading_back() {
        let fake = Fake { drop_writes: true, ..Default::default() };
        let votes = Votes::new(&fake);
        assert_eq!(votes.save(KEY, 4), Keeping::VisitOnly(StorageError::Unavailable));
        assert_eq!(votes.load(KEY).vote, Some(4));
    }

    #[test]
    fn corrupt_values_are_ignored_and_overwritten() {
        for junk in ["", "0", "6", "33", "3.0", " 3", "{\"score\":3}", "null", "三", "\u{0}"] {
            let fake = Fake::default();
            fake.data.borrow_mut().insert(KEY.into(), junk.into());
            let votes = Votes::new(&fake);
            assert_eq!(votes.load(KEY), Loaded { vote: None, keeping: Keeping::Kept, corrupt: true }, "{junk:?}");
            assert_eq!(votes.save(KEY, 3), Keeping::Kept);
            assert_eq!(Votes::new(&fake).load(KEY), Loaded { vote: Some(3), keeping: Keeping::Kept, corrupt: false });
        }
    }

    #[test]
    fn the_client_id_is_made_once_and_kept() {
        let fake = Fake::default();
        let votes = Votes::new(&fake);
        let (id, keeping) = votes.client(|| "0123456789abcdef0123456789abcdef".into());
        assert_eq!((id.as_str(), keeping), ("0123456789abcdef0123456789abcdef", Keeping::Kept));
        assert_eq!(votes.client(|| unreachable!()).0, id);
        assert_eq!(Votes::new(&fake).client(|| unreachable!()).0, id);
    }

    #[test]
    fn a_bad_stored_client_id_is_replaced_and_a_disabled_store_gets_one_per_visit() {
        let fake = Fake::default();
        fake.data.borrow_mut().insert(CLIENT_KEY.into(), "<oops>".into());
        assert_eq!(Votes::new(&fake).client(|| "fresh-client-id".into()), ("fresh-client-id".into(), Keeping::Kept));

        let fake = Fake {
            read: Some(StorageError::Unavailable),
            write: Some(StorageError::Unavailable),
            ..Default::default()
        };
        let votes = Votes::new(&fake);
        let first = votes.client(|| "visit-client-1".into());
        assert_eq!(first, ("visit-client-1".into(), Keeping::VisitOnly(StorageError::Unavailable)));
        assert_eq!(votes.client(|| "visit-client-2".into()), first);
    }

    #[test]
    fn client_ids_follow_the_endpoint_contract() {
        assert!(is_client_id("0123456789abcdef0123456789abcdef"));
        assert!(!is_client_id("short") && !is_client_id(&"a".repeat(65)) && !is_client_id("has space"));
    }
}

//! What the reader could not remember, gathered for its one notice (`status::StorageNote`): said
//! once per visit, whatever part of the reader found out first. The rating widget still says in
//! place what becomes of a vote.

use super::browser::LocalStorage;
use super::{probe, StorageError};
use leptos::prelude::*;

/// What the reader found out about its storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// Nothing is kept beyond the visit.
    NotKept(StorageError),
    /// A remembered text size did not read (an older version's, or junk) and is back to default.
    TextSizeReset,
}

/// The reader's storage notice, by context.
#[derive(Clone, Copy)]
pub struct Memory {
    troubles: RwSignal<Vec<Trouble>>,
    dismissed: RwSignal<bool>,
}

impl Memory {
    /// Provides the notice's state and checks the storage once.
    pub fn provide() -> Memory {
        let memory = Memory::new();
        provide_context(memory);
        if let Err(e) = probe(&LocalStorage) {
            memory.add(Trouble::NotKept(e));
        }
        memory
    }

    fn new() -> Memory {
        Memory { troubles: RwSignal::new(Vec::new()), dismissed: RwSignal::new(false) }
    }

    /// What to say, until the reader dismisses it.
    pub fn troubles(self) -> Vec<Trouble> {
        if self.dismissed.get() {
            Vec::new()
        } else {
            self.troubles.get()
        }
    }

    pub fn dismiss(self) {
        self.dismissed.set(true);
    }

    fn add(self, t: Trouble) {
        // Once dismissed, the reader has heard it; a storage that fails one way fails for all.
        let known = |ts: &Vec<Trouble>| {
            ts.contains(&t) || (matches!(t, Trouble::NotKept(_)) && ts.iter().any(|x| matches!(x, Trouble::NotKept(_))))
        };
        if !self.dismissed.get_untracked() && !self.troubles.with_untracked(known) {
            self.troubles.update(|ts| ts.push(t));
        }
    }
}

/// Tells the reader's notice (if there is a reader) what could not be remembered.
pub fn report(t: Trouble) {
    if let Some(m) = use_context::<Memory>() {
        m.add(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> (Owner, Memory) {
        let owner = Owner::new();
        owner.set();
        (owner, Memory::new())
    }

    #[test]
    fn each_trouble_is_said_once_and_a_failing_storage_once_whatever_the_way() {
        let (_owner, m) = memory();
        m.add(Trouble::TextSizeReset);
        m.add(Trouble::NotKept(StorageError::Full));
        m.add(Trouble::TextSizeReset);
        m.add(Trouble::NotKept(StorageError::Unavailable));
        m.add(Trouble::NotKept(StorageError::Full));
        assert_eq!(m.troubles.get_untracked(), [Trouble::TextSizeReset, Trouble::NotKept(StorageError::Full)]);
    }

    #[test]
    fn once_dismissed_nothing_more_is_said() {
        let (_owner, m) = memory();
        m.add(Trouble::NotKept(StorageError::Unavailable));
        assert_eq!(m.troubles(), [Trouble::NotKept(StorageError::Unavailable)]);
        m.dismiss();
        m.add(Trouble::TextSizeReset);
        assert_eq!(m.troubles.get_untracked(), [Trouble::NotKept(StorageError::Unavailable)]);
        assert_eq!(m.troubles(), []);
    }

    #[test]
    fn a_report_reaches_the_memory_in_context_and_is_harmless_without_one() {
        let (_owner, m) = memory();
        report(Trouble::TextSizeReset);
        assert!(m.troubles.get_untracked().is_empty(), "no memory in context yet");
        provide_context(m);
        report(Trouble::TextSizeReset);
        assert_eq!(m.troubles.get_untracked(), [Trouble::TextSizeReset]);
    }
}

//! The one notice about what the reader cannot remember: said once per visit, politely (a status
//! line under the masthead with an OK button, never a dialog), whatever part of the reader found
//! out first. The rating widget still says in place what becomes of a vote.

use super::browser::LocalStorage;
use super::{probe, StorageError};
use crate::i18n::Lang;
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

#[component]
pub fn StorageNote() -> impl IntoView {
    let memory = use_context::<Memory>()?;
    let lang = use_context::<crate::reader::Reader>().map_or(Lang::Zh, |r| r.lang);
    let t = lang.storage();
    let text = move |trouble: Trouble| match trouble {
        Trouble::NotKept(StorageError::Unavailable) => t.unavailable,
        Trouble::NotKept(StorageError::Full) => t.full,
        Trouble::TextSizeReset => t.text_size_reset,
    };
    Some(move || {
        let troubles = memory.troubles.get();
        (!troubles.is_empty() && !memory.dismissed.get()).then(|| {
            view! {
                <div class="bs-storage-note" role="status">
                    {troubles.into_iter().map(|x| view! { <p>{text(x)}</p> }).collect_view()}
                    <button type="button" class="bs-tool" on:click=move |_| memory.dismissed.set(true)>{t.dismiss}</button>
                </div>
            }
        })
    })
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
        m.dismissed.set(true);
        m.add(Trouble::TextSizeReset);
        assert_eq!(m.troubles.get_untracked(), [Trouble::NotKept(StorageError::Unavailable)]);
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

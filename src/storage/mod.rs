//! What the reader keeps in the browser, all through here: the text size
//! (`broadsheet.textSize`), the reader's page votes (`broadsheet.rating.v1:…`) and the ratings
//! client id (`broadsheet.rating.client`). Storage that is disabled, full, or holding what an
//! older version wrote never stops the reader: every failure becomes a `StorageError`, every
//! stored value decodes to a value or to a reason it was dropped, and the reader says once,
//! politely, what it cannot remember (`memory`, shown by `status::StorageNote`). Plain Rust but for
//! `browser` and the signals of `memory`.

pub mod browser;
pub mod memory;

/// Why the browser will not keep something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// Storage is disabled, blocked or broken (a private mode, a policy, a throwing API).
    Unavailable,
    /// Storage is full.
    Full,
}

/// A key-value store such as localStorage: any call may fail.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
}

/// The key of the remembered text size.
pub const TEXT_SIZE_KEY: &str = "broadsheet.textSize";

/// The key the start-up check writes and removes again.
pub const PROBE_KEY: &str = "broadsheet.probe";

/// Whether the store keeps what it is given, found by writing, reading back and removing a
/// value: a store that accepts a write and then does not return it keeps nothing either.
pub fn probe(store: &impl KeyValue) -> Result<(), StorageError> {
    store.set(PROBE_KEY, "1")?;
    let back = store.get(PROBE_KEY)?;
    // Nothing to do if the probe stays behind: it is one byte.
    let _ = store.remove(PROBE_KEY);
    match back.as_deref() {
        Some("1") => Ok(()),
        _ => Err(StorageError::Unavailable),
    }
}

/// Why a stored value was dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Far longer than any value this version writes (an older format, or junk).
    TooLong(usize),
    /// Not what this version writes, e.g. JSON or a word where a number belongs.
    Malformed,
    /// A number outside the range this version allows.
    OutOfRange(i64),
}

/// A stored text size step: a small integer in `min..=max`, as `store_text_size` writes it.
pub fn decode_text_size(raw: &str, min: i8, max: i8) -> Result<i8, Unreadable> {
    // Checked first, so a huge value costs no parsing.
    if raw.len() > 4 {
        return Err(Unreadable::TooLong(raw.len()));
    }
    let n: i64 = raw.parse().map_err(|_| Unreadable::Malformed)?;
    i8::try_from(n).ok().filter(|n| (min..=max).contains(n)).ok_or(Unreadable::OutOfRange(n))
}

/// The remembered text size, if any: garbage is removed (so the notice is said once) and comes
/// back as `Err` with the reason; a store that cannot be read is `Ok(None)`, as nothing kept.
pub fn load_text_size(store: &impl KeyValue, min: i8, max: i8) -> Result<Option<i8>, Unreadable> {
    let Ok(Some(raw)) = store.get(TEXT_SIZE_KEY) else { return Ok(None) };
    decode_text_size(&raw, min, max).map(Some).inspect_err(|_| {
        let _ = store.remove(TEXT_SIZE_KEY);
    })
}

#[cfg(test)]
pub mod fake {
    use super::{KeyValue, StorageError};
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// A store that can be told to fail the ways browsers do.
    #[derive(Default)]
    pub struct Fake {
        pub data: RefCell<HashMap<String, String>>,
        pub read: Option<StorageError>,
        pub write: Option<StorageError>,
        pub drop_writes: bool,
    }

    impl KeyValue for &Fake {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            match self.read {
                Some(e) => Err(e),
                None => Ok(self.data.borrow().get(key).cloned()),
            }
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            if let Some(e) = self.write {
                return Err(e);
            }
            if !self.drop_writes {
                self.data.borrow_mut().insert(key.into(), value.into());
            }
            Ok(())
        }
        fn remove(&self, key: &str) -> Result<(), StorageError> {
            if let Some(e) = self.read {
                return Err(e);
            }
            self.data.borrow_mut().remove(key);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::Fake;
    use super::*;

    #[test]
    fn the_probe_tells_working_disabled_full_and_forgetful_stores_apart() {
        let fake = Fake::default();
        assert_eq!(probe(&&fake), Ok(()));
        assert!(fake.data.borrow().is_empty(), "the probe cleans up");
        let disabled = Fake {
            read: Some(StorageError::Unavailable),
            write: Some(StorageError::Unavailable),
            ..Default::default()
        };
        assert_eq!(probe(&&disabled), Err(StorageError::Unavailable));
        let full = Fake { write: Some(StorageError::Full), ..Default::default() };
        assert_eq!(probe(&&full), Err(StorageError::Full));
        let forgetful = Fake { drop_writes: true, ..Default::default() };
        assert_eq!(probe(&&forgetful), Err(StorageError::Unavailable));
    }

    #[test]
    fn text_sizes_decode_or_say_why_not() {
        assert_eq!(decode_text_size("2", -2, 4), Ok(2));
        assert_eq!(decode_text_size("-2", -2, 4), Ok(-2));
        assert_eq!(decode_text_size("0", -2, 4), Ok(0));
        assert_eq!(decode_text_size("5", -2, 4), Err(Unreadable::OutOfRange(5)));
        assert_eq!(decode_text_size("-128", -2, 4), Err(Unreadable::OutOfRange(-128)));
        assert_eq!(decode_text_size("9999", -2, 4), Err(Unreadable::OutOfRange(9999)));
        for junk in ["", "2.5", " 2", "true", "null", "{}", "\"2\"", "大", "\u{0}"] {
            assert_eq!(decode_text_size(junk, -2, 4), Err(Unreadable::Malformed), "{junk:?}");
        }
        assert_eq!(decode_text_size(r#"{"size":2}"#, -2, 4), Err(Unreadable::TooLong(10)));
        let huge = "9".repeat(5_000_000);
        assert_eq!(decode_text_size(&huge, -2, 4), Err(Unreadable::TooLong(5_000_000)));
    }

    #[test]
    fn garbage_is_dropped_once_and_a_broken_store_is_nothing_kept() {
        let fake = Fake::default();
        assert_eq!(load_text_size(&&fake, -2, 4), Ok(None));
        fake.data.borrow_mut().insert(TEXT_SIZE_KEY.into(), "3".into());
        assert_eq!(load_text_size(&&fake, -2, 4), Ok(Some(3)));
        fake.data.borrow_mut().insert(TEXT_SIZE_KEY.into(), "[1,2,3]".into());
        assert_eq!(load_text_size(&&fake, -2, 4), Err(Unreadable::TooLong(7)));
        assert_eq!(load_text_size(&&fake, -2, 4), Ok(None), "said once: the garbage is gone");
        let disabled = Fake { read: Some(StorageError::Unavailable), ..Default::default() };
        assert_eq!(load_text_size(&&disabled, -2, 4), Ok(None));
    }
}

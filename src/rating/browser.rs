//! The browser's side of vote storage: the votes in localStorage (see `crate::storage`), and
//! random ids.

use super::store::Votes;
use crate::storage::browser::LocalStorage;

thread_local! {
    static VOTES: Votes<LocalStorage> = Votes::new(LocalStorage);
}

/// The visit's votes (one per page, kept in localStorage where it can be).
pub fn with_votes<T>(f: impl FnOnce(&Votes<LocalStorage>) -> T) -> T {
    VOTES.with(f)
}

/// 128 random bits as 32 hex digits, from the browser's cryptographic generator (which also
/// works outside secure contexts, unlike `randomUUID`).
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto (very old browsers): a xorshift seeded from the clock, still enough to
        // tell two readers apart.
        let mut x = js_now().to_bits() | 1;
        for b in bytes.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = (x >> 24) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn js_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now() + p.time_origin())
}

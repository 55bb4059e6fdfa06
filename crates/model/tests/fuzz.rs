//! Inputs that `make fuzz` (fuzz/) found to crash the model, kept so that they never do again.

use broadsheet_model::path_at;

/// An unclosed key that ends inside a multi-byte character: the key was sliced one byte short
/// of the end, inside '第', and `path_at` panicked (fuzz target `path`).
#[test]
fn path_at_an_unclosed_key_ending_in_a_wide_character() {
    assert_eq!(path_at("{\"第", 1, 10), "第");
    assert_eq!(path_at("{\"a\": {\"版面第", 1, 30), "a.版面第");
    // A closed key is read as before.
    assert_eq!(path_at("{\"第\": [1, 2]}", 1, 10), "第[0]");
}

//! An issue file as the reader reads it: leniently, keeping the valid parts.
#![no_main]
use broadsheet_model::{parse_issue_lenient, validate_issue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(checked) = parse_issue_lenient(text) {
            // What is kept must be valid by the strict rules, or the reader shows broken parts.
            // Except by design: a page whose image address was refused stays, with an empty one.
            let left: Vec<_> = validate_issue(&checked.value)
                .into_iter()
                .filter(|p| !(p.path.ends_with(".image.src") && p.message == "address is empty"))
                .collect();
            assert!(left.is_empty(), "kept parts still have problems: {left:?}");
            assert!(!checked.value.pages.is_empty(), "an issue is kept only with a page");
        }
    }
});

//! The archive manifest through the model's own parse-and-validate, as the reader loads it.
#![no_main]
use broadsheet_model::{parse, Archive};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(a) = parse::<Archive>(text) {
            // What the reader does next with a valid manifest: build addresses and walk months.
            let (first, last) = (a.first.year_month(), a.last.year_month());
            let _ = a.month_path(first);
            let _ = a.issue_path(a.last);
            let _ = (first.first_day(), last.days(), a.covers(last));
        }
    }
});

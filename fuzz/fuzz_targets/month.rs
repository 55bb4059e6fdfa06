//! A month index through the model's own parse-and-validate.
#![no_main]
use broadsheet_model::{parse, MonthIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(m) = parse::<MonthIndex>(text) {
            let _ = (m.month.first_day(), m.month.days(), m.month.next(), m.month.previous());
            for e in &m.issues {
                let _ = e.date.weekday_from_monday();
            }
        }
    }
});

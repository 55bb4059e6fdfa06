//! The small text checks: addresses, dates, months, and polygon arithmetic on arbitrary numbers.
#![no_main]
use broadsheet_model::{geometry, url::check_url, Day, YearMonth};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = check_url(text);
        if let Ok(d) = Day::parse(text) {
            assert_eq!(d.to_string(), text, "a parsed day prints as written");
            let _ = (d.year_month().next(), d.year_month().previous(), d.weekday_from_monday());
        }
        if let Ok(m) = YearMonth::parse(text) {
            assert_eq!(m.to_string(), text, "a parsed month prints as written");
            let _ = (m.first_day(), m.days(), m.next(), m.previous());
        }
    }
    // The bytes as f64 pairs: the area must not panic on NaN, infinities or one point.
    let points: Vec<[f64; 2]> = data
        .chunks_exact(16)
        .map(|c| [f64::from_le_bytes(c[..8].try_into().unwrap()), f64::from_le_bytes(c[8..].try_into().unwrap())])
        .collect();
    let _ = geometry::area(&points);
});

//! A page's words file through the model's own parse-and-validate, then what the reader does with
//! it: the copied text, and each box against the page it was validated for.
#![no_main]
use broadsheet_model::{parse, PageWords};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(w) = parse::<PageWords>(text) {
            let copied = w.text();
            assert!(copied.lines().count() <= w.lines.len().max(1));
            for line in &w.lines {
                for word in &line.words {
                    let (x, y, width, height) = word.rect();
                    // Validation promised every box inside the page.
                    assert!(u64::from(x) + u64::from(width) <= u64::from(w.width));
                    assert!(u64::from(y) + u64::from(height) <= u64::from(w.height));
                }
            }
        }
    }
});

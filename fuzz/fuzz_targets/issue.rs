//! An issue file through the model's own parse-and-validate, then the lookups the reader makes.
#![no_main]
use broadsheet_model::{geometry, parse, Issue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(issue) = parse::<Issue>(text) {
            let _ = issue.headline();
            for (i, a) in issue.articles() {
                assert!(issue.article(&a.id).is_some());
                for r in &a.regions {
                    let on = a.region_page(r, &issue.pages[i].id);
                    // Validation promised that every region's page exists.
                    assert!(issue.page_index(on).is_some(), "region on unknown page {on:?}");
                    let _ = geometry::area(&r.points);
                }
            }
        }
    }
});

//! The masthead: paper name, issue date with weekday, serial number.

use crate::reader::Reader;
use leptos::prelude::*;

#[component]
pub fn Masthead() -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.strings();
    let paper = r.archive.with_value(|a| a.paper.clone());
    let title = paper.title.clone().unwrap_or_else(|| paper.name.clone());
    let serial = paper.serial.map(|s| view! { <span class="bs-serial">{t.serial}{s}</span> });
    view! {
        <header class="bs-masthead">
            <h1 class="bs-paper">{title}</h1>
            <p class="bs-dateline">
                <time class="bs-date" datetime=move || r.date().to_string()>
                    {move || r.lang.long_date(r.date())}
                </time>
                {serial}
            </p>
            // slot: issue-nav (previous and next issue: part of the calendar, absent without it)
            <crate::calendar::IssueNav/>
        </header>
    }
}

//! The masthead: paper name, issue date with weekday, serial number.

use crate::reader::Reader;
use leptos::prelude::*;

/// `children` go at the end of the masthead: the app puts the previous/next issue buttons there
/// when the calendar is shown.
#[component]
pub fn Masthead(#[prop(optional)] children: Option<Children>) -> impl IntoView {
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
            {children.map(|c| c())}
        </header>
    }
}

//! 上一期 / 下一期 beside the masthead: the nearest issues before and after the open one,
//! skipping days without an issue. They belong to the calendar: a host page that leaves the
//! calendar out (`data-widgets`) gets neither (the app does not build them), and no month index
//! is fetched for them.

use super::months::Months;
use super::search::{Direction, Nearest};
use super::{nearest_memo, open_day};
use crate::reader::Reader;
use leptos::prelude::*;

#[component]
pub fn IssueNav() -> impl IntoView {
    let r = expect_context::<Reader>();
    let months = Months::get();
    let t = r.lang.calendar();
    let date = Memo::new(move |_| r.date());
    let button = move |direction: Direction, label: &'static str| {
        let found = nearest_memo(r, months, date, direction);
        let target = move || match found.get() {
            Nearest::Found(d) => Some(d),
            _ => None,
        };
        view! {
            <button type="button" class="bs-tool" disabled=move || target().is_none()
                title=move || target().map(|d| r.lang.long_date(d))
                on:click=move |_| {
                    if let Some(d) = target() {
                        open_day(r, d);
                    }
                }>
                {label}
            </button>
        }
    };
    view! {
        <nav class="bs-issue-nav" aria-label=t.issue_nav>
            {button(Direction::Earlier, t.previous_issue)}
            {button(Direction::Later, t.next_issue)}
        </nav>
    }
}

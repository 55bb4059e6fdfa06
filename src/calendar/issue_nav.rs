//! 上一期 / 下一期 beside the masthead: the nearest issues before and after the open one,
//! skipping days without an issue. They belong to the calendar: a host page that leaves the
//! calendar out (`data-widgets`) gets neither (the app does not build them), and no month index
//! is fetched for them. The buttons are drawn at once, disabled, so that nothing moves; finding
//! where they lead (fetching month indexes, searching them) is the calendar's part's (`follow`).

use super::months::Months;
use super::search::{Direction, Nearest};
use super::{calendar_part, nearest_memo, open_day, preload_calendar_part, Place};
use crate::part::Later;
use crate::reader::Reader;
use broadsheet_model::Day;
use leptos::prelude::*;

/// Where 上一期 and 下一期 lead: `None` while not known, or when there is no such issue.
#[derive(Clone, Copy)]
pub struct Targets {
    earlier: RwSignal<Option<Day>>,
    later: RwSignal<Option<Day>>,
}

#[component]
pub fn IssueNav() -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.calendar();
    let targets = Targets { earlier: RwSignal::new(None), later: RwSignal::new(None) };
    let button = move |target: RwSignal<Option<Day>>, label: &'static str| {
        view! {
            <button type="button" class="bs-tool" disabled=move || target.get().is_none()
                title=move || target.get().map(|d| r.lang.long_date(d))
                on:click=move |_| {
                    if let Some(d) = target.get_untracked() {
                        open_day(r, d);
                    }
                }>
                {label}
            </button>
        }
    };
    view! {
        <nav class="bs-issue-nav" aria-label=t.issue_nav>
            {button(targets.earlier, t.previous_issue)}
            {button(targets.later, t.next_issue)}
            // Quiet: the side column's calendar says so when this part cannot be fetched.
            <Later quiet=true preload=preload_calendar_part part=move || calendar_part(Place::IssueNav(targets))/>
        </nav>
    }
}

/// Keeps `targets` on the nearest issues either side of the open one (in the calendar's part).
pub(super) fn follow(targets: Targets) {
    let r = expect_context::<Reader>();
    let months = Months::get();
    let date = Memo::new(move |_| r.date());
    for (direction, target) in [(Direction::Earlier, targets.earlier), (Direction::Later, targets.later)] {
        let found = nearest_memo(r, months, date, direction);
        Effect::new(move |_| {
            let d = match found.get() {
                Nearest::Found(d) => Some(d),
                _ => None,
            };
            target.set(d);
        });
    }
}

//! One day of the calendar's grid: named by its full date; a link when it has an issue, plain
//! text when not; marked when it is the open issue, today, or kept for offline reading.

use super::search::issue_on;
use super::view::{cell_id, Cal};
use super::{day_href, open_day, plain_click};
use crate::reader::Reader;
use broadsheet_model::{Day, MonthIndex};
use leptos::prelude::*;
use std::sync::Arc;

/// The description of a day whose issue is kept offline (a hidden element of the calendar).
pub(super) const OFFLINE_NOTE_ID: &str = "bs-cal-offline-note";

/// The cell of day `d`, with the index of its month once it is here (`listed`).
pub(super) fn day_cell(c: Cal, d: Day, listed: Memo<Option<Arc<MonthIndex>>>) -> impl IntoView {
    let (r, date, focus_day) = (c.reader, c.date, c.focus_day);
    let label = r.lang.long_date(d);
    let kept = kept_offline(r, d);
    let described = move || kept.get().then_some(OFFLINE_NOTE_ID);
    let has = move || listed.with(|i| i.as_ref().is_some_and(|i| issue_on(i, d).is_some()));
    let is_today = c.today == Some(d);
    let title = is_today.then(|| r.lang.calendar().today);
    let content = day_content(r, d, label.clone(), listed);
    view! {
        <td role="gridcell" id=cell_id(d) data-date=d.to_string() aria-label=label aria-describedby=described title=title
            tabindex=move || if focus_day.get() == d { "0" } else { "-1" }
            aria-selected=move || (date.get() == d).then_some("true")
            aria-current=is_today.then_some("date")
            aria-disabled=move || (!has()).then_some("true")
            class:bs-cal-issue=has
            class:bs-cal-open=move || date.get() == d
            class:bs-cal-today=is_today
            class:bs-cal-kept=kept>
            {content}
        </td>
    }
}

/// The day's number: a link to its issue (titled with the issue's headline), or plain text.
fn day_content(r: Reader, d: Day, label: String, listed: Memo<Option<Arc<MonthIndex>>>) -> impl IntoView {
    let headline = move || listed.with(|i| i.as_ref().and_then(|i| issue_on(i, d)).map(|e| e.headline.clone()));
    move || match headline() {
        Some(headline) => view! {
            <a href=day_href(r, d) tabindex="-1" aria-label=label.clone() title=headline
                on:click=move |e| {
                    if plain_click(&e) {
                        e.prevent_default();
                        open_day(r, d);
                    }
                }>
                {d.day()}
            </a>
        }
        .into_any(),
        None => view! { <span>{d.day()}</span> }.into_any(),
    }
}

/// Whether the day's issue is kept for offline reading: marked by the stylesheet, and described
/// so (its name stays the date).
fn kept_offline(r: Reader, d: Day) -> Memo<bool> {
    let offline = crate::offline::Offline::get();
    // The address once per day, not on every change of the offline books (one per kept file).
    let url = r.issue_url(d);
    Memo::new(move |_| offline.available(&url))
}

//! In place of an issue that could not be opened. A missing file (404) is checked against the
//! month index: a date without an issue says so and offers the nearest earlier and later issues;
//! a date the index lists is a publisher's error and is reported as one. Any other failure (bad
//! data, network) is shown as it is, with a retry. The verdict is `status::Verdict`'s.

use super::months::Months;
use super::search::{Direction, Nearest};
use super::status::{is_missing, Verdict};
use super::{calendar_part, day_href, nearest_memo, open_day, plain_click, preload_calendar_part, Place};
use crate::archive::api::LoadError;
use crate::part::{Later, When};
use crate::reader::Reader;
use crate::status::LoadFailed;
use crate::url_state::ReadingState;
use broadsheet_model::Day;
use leptos::prelude::*;

#[component]
pub fn MissingIssue(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let lang = expect_context::<Reader>().lang;
    if !is_missing(&error) {
        return view! { <LoadFailed lang error on_retry=retry/> <ToNewest/> }.into_any();
    }
    // Finding the nearest issues is the calendar's part's, asked for at once.
    let build = move || calendar_part(Place::Missing(error.clone(), retry));
    view! { <Later when=When::Now preload=preload_calendar_part part=build/> }.into_any()
}

/// A date without an issue, or a file missing (in the calendar's part).
pub(super) fn nearest_issues(error: LoadError, retry: Callback<()>) -> AnyView {
    let r = expect_context::<Reader>();
    let lang = r.lang;
    let t = lang.calendar();
    let months = Months::get();
    let d = r.state.with_untracked(|s| s.date).unwrap_or_else(|| r.archive.with_value(|a| a.last));
    let m = d.year_month();
    Effect::new(move |_| months.ensure(m));
    let verdict = Memo::new(move |_| Verdict::of(d, months.kind(m), months.state(m)));
    let (first, last) = r.archive.with_value(|a| (a.first, a.last));
    let error = StoredValue::new(error);
    (move || match verdict.get() {
        Verdict::Checking => view! { <p class="bs-loading" role="status">{t.finding_nearest}</p> }.into_any(),
        Verdict::NoIssue => view! {
            <div class="bs-notice bs-no-issue" role="status">
                <p><strong>{lang.no_issue_on(d)}</strong></p>
                <p>{lang.archive_range(first, last)}</p>
                <NearestIssues d/>
            </div>
        }
        .into_any(),
        Verdict::FileMissing => view! {
            <div class="bs-no-issue">
                <p class="bs-notice">{t.issue_file_missing}</p>
                <LoadFailed lang error=error.get_value() on_retry=retry/>
                <NearestIssues d/>
            </div>
        }
        .into_any(),
        Verdict::Unknown => view! { <LoadFailed lang error=error.get_value() on_retry=retry/> <ToNewest/> }.into_any(),
    })
    .into_any()
}

/// To the newest issue, when a date was asked for.
#[component]
fn ToNewest() -> impl IntoView {
    let r = expect_context::<Reader>();
    let asked_for_a_date = r.state.with_untracked(|s| s.date.is_some());
    asked_for_a_date.then(|| {
        view! {
            <button type="button" class="bs-button"
                on:click=move |_| r.navigate(|s| *s = ReadingState { size: s.size, ..Default::default() })>
                {r.lang.strings().to_newest_issue}
            </button>
        }
    })
}

/// The nearest issues before and after `d`, as links (or why there is none).
#[component]
fn NearestIssues(d: Day) -> impl IntoView {
    let r = expect_context::<Reader>();
    let (lang, t) = (r.lang, r.lang.calendar());
    let months = Months::get();
    let date = Memo::new(move |_| d);
    let offer = move |direction: Direction, label: &'static str, none: &'static str| {
        let found = nearest_memo(r, months, date, direction);
        move || match found.get() {
            Nearest::Found(n) => Some(
                view! {
                    <li>
                        <a class="bs-button" href=day_href(r, n) on:click=move |e| {
                            if plain_click(&e) {
                                e.prevent_default();
                                open_day(r, n);
                            }
                        }>{label}{lang.long_date(n)}</a>
                    </li>
                }
                .into_any(),
            ),
            Nearest::None => Some(view! { <li>{none}</li> }.into_any()),
            Nearest::Needs(_) => Some(view! { <li>{t.finding_nearest}</li> }.into_any()),
            Nearest::Failed(_) => None,
        }
    };
    view! {
        <ul class="bs-nearest">
            {offer(Direction::Earlier, t.earlier_issue, t.no_earlier_issue)}
            {offer(Direction::Later, t.later_issue, t.no_later_issue)}
        </ul>
    }
}

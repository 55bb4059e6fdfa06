//! The calendar widget: the month bar, the year and month selects, the grid of days, the note on
//! the month shown and the typed date. Where it is and what its controls and keys do is `Nav`'s
//! (`nav.rs`); what the month's index says is `MonthNote`'s (`status.rs`). This file draws them
//! and reads the events.

use super::day::{day_cell, OFFLINE_NOTE_ID};
use super::grid::{MonthGrid, WeekStart};
use super::months::{MonthState, Months};
use super::nav::{typed_date, KeyResult, Nav, Press, Span};
use super::open_day;
use super::search::lists;
use super::status::{is_missing, MonthNote};
use crate::i18n::Lang;
use crate::reader::Reader;
use crate::status::{DataFile, DataProblems, LoadFailed};
use broadsheet_model::{Day, MonthIndex, YearMonth};
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Today in the reader's own time zone.
fn today() -> Option<Day> {
    let now = web_sys::js_sys::Date::new_0();
    Day::new(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
}

/// Chinese papers print their calendars from Monday; otherwise the browser's locale decides.
fn week_start(lang: Lang) -> WeekStart {
    match lang {
        Lang::Zh => WeekStart::MONDAY,
        Lang::En => WeekStart::for_locale(&window().navigator().language().unwrap_or_default()),
    }
}

pub(super) fn cell_id(d: Day) -> String {
    format!("bs-cal-{d}")
}

/// A User Timing mark, for `make bench`: the calendar shows a month in full.
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

/// The day of the grid cell an event happened in.
fn day_of(e: &ev::FocusEvent) -> Option<Day> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-date]").ok().flatten())
        .and_then(|el| el.get_attribute("data-date"))
        .and_then(|s| Day::parse(&s).ok())
}

/// The month's index, when it is here (tracked).
fn index(months: Months, m: YearMonth) -> Option<Arc<MonthIndex>> {
    match months.state(m) {
        Some(MonthState::Ready(i, _)) => Some(i),
        _ => None,
    }
}

/// The calendar's state, shared by its parts.
#[derive(Clone, Copy)]
pub(super) struct Cal {
    pub reader: Reader,
    pub months: Months,
    pub nav: RwSignal<Nav>,
    /// The month shown (from `nav`, notifying only when it changes).
    pub shown: Memo<YearMonth>,
    /// The open issue's date.
    pub date: Memo<Day>,
    /// The grid's one tab stop.
    pub focus_day: Memo<Day>,
    pub note: Memo<MonthNote>,
    pub today: Option<Day>,
}

#[component]
pub fn Calendar() -> impl IntoView {
    let r = expect_context::<Reader>();
    let months = Months::get();
    let (lang, t) = (r.lang, r.lang.calendar());
    let (first, last) = r.archive.with_value(|a| (a.first, a.last));
    let span = Span { first, last, week_start: week_start(lang) };
    let date = Memo::new(move |_| r.date());
    let nav = RwSignal::new(Nav::new(span, date.get_untracked()));
    let shown = Memo::new(move |_| nav.with(|n| n.shown));
    // The calendar follows the open issue to its month.
    Effect::new(move |previous: Option<Day>| {
        let d = date.get();
        if previous.is_some_and(|p| p != d) {
            nav.update(|n| n.go(d.year_month()));
        }
        d
    });
    Effect::new(move |_| months.show(shown.get()));
    let note = Memo::new(move |_| {
        let m = shown.get();
        MonthNote::of(months.kind(m), months.state(m))
    });
    let complete = Memo::new(move |_| (shown.get(), note.with(MonthNote::complete)));
    Effect::new(move |_| {
        if let (m, true) = complete.get() {
            request_animation_frame(move || mark(&format!("broadsheet:calendar:{m}")));
        }
    });
    // The day moved to last, even when its cell has not taken focus yet (keys pressed faster
    // than frames); otherwise the open issue, or the month's first issue.
    let focus_day = Memo::new(move |_| {
        nav.with(|n| n.focus_day(date.get(), || index(months, n.shown).and_then(|i| i.issues.first().map(|e| e.date))))
    });
    let c = Cal { reader: r, months, nav, shown, date, focus_day, note, today: today() };
    view! {
        <section class="bs-calendar" aria-labelledby="bs-cal-heading">
            <h2 id="bs-cal-heading" class="bs-cal-heading">{t.heading}</h2>
            {month_bar(c)}
            {month_jump(c)}
            {grid(c)}
            {month_note(c)}
            <span id=OFFLINE_NOTE_ID hidden="">{lang.offline().available}</span>
            {date_form(c)}
        </section>
    }
}

/// 上个月, the month's name, 下个月.
fn month_bar(c: Cal) -> impl IntoView {
    let (lang, nav, shown) = (c.reader.lang, c.nav, c.shown);
    let (t, span) = (lang.calendar(), nav.with_untracked(|n| n.span));
    view! {
        <div class="bs-cal-bar">
            <button type="button" class="bs-tool bs-cal-prev" disabled={move || !span.has_before(shown.get())}
                on:click=move |_| nav.update(Nav::previous)>
                {t.previous_month}
            </button>
            <h3 id="bs-cal-caption" class="bs-cal-caption" aria-live="polite">{move || lang.month_caption(shown.get())}</h3>
            <button type="button" class="bs-tool bs-cal-next" disabled={move || !span.has_after(shown.get())}
                on:click=move |_| nav.update(Nav::next)>
                {t.next_month}
            </button>
        </div>
    }
}

/// The year and month selects.
fn month_jump(c: Cal) -> impl IntoView {
    let (lang, nav) = (c.reader.lang, c.nav);
    let t = lang.calendar();
    let span = nav.with_untracked(|n| n.span);
    let shown = move || c.shown.get();
    let years = span
        .years()
        .map(|y| view! { <option value=y.to_string() selected=move || shown().year == y>{lang.year_name(y)}</option> })
        .collect_view();
    let month_options = (1..=12u8)
        .map(|n| {
            view! {
                <option value=n.to_string() disabled=move || !span.offers(shown().year, n) selected=move || shown().number() == n>
                    {lang.month_name(n)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="bs-cal-jump">
            <select class="bs-cal-year" aria-label=t.year on:change=move |e| nav.update(|n| n.pick_year(&event_target_value(&e)))>
                {years}
            </select>
            <select class="bs-cal-month" aria-label=t.month on:change=move |e| nav.update(|n| n.pick_month(&event_target_value(&e)))>
                {month_options}
            </select>
        </div>
    }
}

/// The grid of days, walked with the keys of a date grid.
fn grid(c: Cal) -> impl IntoView {
    let (r, lang, nav, months, focus_day) = (c.reader, c.reader.lang, c.nav, c.months, c.focus_day);
    let on_key = move |e: ev::KeyboardEvent| {
        let key = e.key();
        let press = Press { key: &key, shift: e.shift_key(), command: e.alt_key() || e.ctrl_key() || e.meta_key() };
        let has_issue = |d: Day| index(months, d.year_month()).is_some_and(|i| lists(&i, d));
        match nav.with_untracked(|n| n.key(focus_day.get_untracked(), press, has_issue)) {
            Some(KeyResult::Open(d)) => {
                e.prevent_default();
                open_day(r, d);
            }
            Some(KeyResult::Move(d)) => {
                e.prevent_default();
                nav.update(|n| {
                    n.move_to(d);
                });
                crate::focus::soon(vec![cell_id(d)]);
            }
            None => {}
        }
    };
    // A click or a screen reader's cursor may focus any day: the keys go on from there.
    let on_focus = move |e: ev::FocusEvent| {
        if let Some(d) = day_of(&e).filter(|d| *d != focus_day.get_untracked()) {
            nav.update(|n| {
                n.move_to(d);
            });
        }
    };
    let start = nav.with_untracked(|n| n.span.week_start);
    let headers = MonthGrid::new(nav.with_untracked(|n| n.span.first_month()), start)
        .weekdays
        .into_iter()
        .map(|w| {
            let (short, full) = lang.weekday_names(w);
            view! { <th scope="col" aria-label=full><span aria-hidden="true">{short}</span></th> }
        })
        .collect_view();
    let body = move || {
        let m = c.shown.get();
        let listed = Memo::new(move |_| index(months, m));
        let week = |week: [Option<Day>; 7]| {
            let days = week.into_iter().map(|cell| match cell {
                Some(d) => day_cell(c, d, listed).into_any(),
                None => view! { <td role="gridcell" class="bs-cal-blank"></td> }.into_any(),
            });
            view! { <tr>{days.collect_view()}</tr> }
        };
        MonthGrid::new(m, start).weeks.into_iter().map(week).collect_view()
    };
    let busy = move || c.note.with(|n| *n == MonthNote::Loading).then_some("true");
    view! {
        <table class="bs-cal-grid" role="grid" aria-labelledby="bs-cal-caption" aria-busy=busy on:keydown=on_key on:focusin=on_focus>
            <thead><tr>{headers}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// Under the grid: a month without issues, one whose index is on its way (slowly, perhaps), or
/// one whose index failed, with a retry.
fn month_note(c: Cal) -> impl IntoView {
    let (lang, months, shown, note) = (c.reader.lang, c.months, c.shown, c.note);
    let t = lang.calendar();
    // A month index on a slow connection says so, as the issue's own loading does.
    let slow = crate::status::slow_while(move || note.with(|n| *n == MonthNote::Loading));
    move || {
        let m = shown.get();
        match note.get() {
            MonthNote::None => None,
            MonthNote::Problems(problems) => {
                Some(view! { <DataProblems lang file=DataFile::Month(m) problems=problems.to_vec()/> }.into_any())
            }
            MonthNote::NoIssues => Some(view! { <p class="bs-cal-note">{t.no_issues_this_month}</p> }.into_any()),
            MonthNote::Failed(error) => {
                let missing = is_missing(&error).then_some(t.month_index_missing);
                Some(
                    view! {
                        <div class="bs-cal-error">
                            {missing.map(|m| view! { <p>{m}</p> })}
                            <LoadFailed lang error on_retry=Callback::new(move |_| months.retry(m))/>
                        </div>
                    }
                    .into_any(),
                )
            }
            MonthNote::Loading => Some(
                view! {
                    <p class="bs-cal-note" role="status">
                        {move || if slow.get() { lang.network().slow } else { lang.strings().loading }}
                    </p>
                }
                .into_any(),
            ),
        }
    }
}

/// A typed date, opened on 转到.
fn date_form(c: Cal) -> impl IntoView {
    let (r, date) = (c.reader, c.date);
    let t = r.lang.calendar();
    let (first, last) = r.archive.with_value(|a| (a.first, a.last));
    let typed = NodeRef::<leptos::html::Input>::new();
    let go_to_date = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if let Some(d) = typed.get_untracked().and_then(|i| typed_date(&i.value())) {
            open_day(r, d);
        }
    };
    view! {
        <form class="bs-cal-go" on:submit=go_to_date>
            <label for="bs-cal-date">{t.go_to_date}</label>
            <input id="bs-cal-date" type="date" required="" node_ref=typed
                min=first.to_string() max=last.to_string() prop:value=move || date.get().to_string()/>
            <button type="submit" class="bs-tool">{t.go}</button>
        </form>
    }
}

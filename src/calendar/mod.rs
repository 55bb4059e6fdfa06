//! The date calendar (按日期检索): a month grid with 上个月 and 下个月, a jump to any year and month
//! of the archive and to a typed date; the previous and next issue beside the masthead; and the
//! notice for a date without an issue with the nearest issues either side. Month indexes come
//! from one shared cache (`months`), the grid and the searches are plain Rust (`grid`, `search`).

pub mod grid;
pub mod months;
pub mod search;

/// Dates for the tests, written as the data writes them.
#[cfg(test)]
mod testing {
    use broadsheet_model::{Day, YearMonth};

    pub fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }
    pub fn month(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }
}

use crate::archive::api::{Failure, LoadError};
use crate::i18n::Lang;
use crate::reader::Reader;
use crate::status::LoadFailed;
use crate::url_state::ReadingState;
use broadsheet_model::{Day, MonthIndex, YearMonth};
use grid::{last_day, MonthGrid, Step, WeekStart};
use leptos::ev;
use leptos::prelude::*;
use months::{MonthState, Months};
use search::{lists, nearest, Direction, MonthKind, Nearest};
use std::sync::Arc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Date)]
    type JsDate;
    #[wasm_bindgen(constructor, js_class = "Date")]
    fn new() -> JsDate;
    #[wasm_bindgen(method, js_class = "Date", js_name = getFullYear)]
    fn full_year(this: &JsDate) -> i32;
    #[wasm_bindgen(method, js_class = "Date", js_name = getMonth)]
    fn month_from_zero(this: &JsDate) -> u8;
    #[wasm_bindgen(method, js_class = "Date", js_name = getDate)]
    fn day_of_month(this: &JsDate) -> u8;
    #[wasm_bindgen(thread_local_v2, js_namespace = navigator, js_name = language)]
    static BROWSER_LANGUAGE: wasm_bindgen::JsValue;
}

/// Today in the reader's own time zone.
fn today() -> Option<Day> {
    let now = JsDate::new();
    Day::new(now.full_year(), now.month_from_zero() + 1, now.day_of_month())
}

/// Chinese papers print their calendars from Monday; otherwise the browser's locale decides.
fn week_start(lang: Lang) -> WeekStart {
    match lang {
        Lang::Zh => WeekStart::MONDAY,
        Lang::En => WeekStart::for_locale(&BROWSER_LANGUAGE.with(|v| v.as_string()).unwrap_or_default()),
    }
}

/// The description of a day whose issue is kept offline (see `day_cell`).
const OFFLINE_NOTE_ID: &str = "bs-cal-offline-note";

fn cell_id(d: Day) -> String {
    format!("bs-cal-{d}")
}

fn focus_soon(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// A User Timing mark, for `make bench`: the calendar shows a month in full.
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

/// Opens the issue of `d` as a new history entry, on its first page.
pub fn open_day(r: Reader, d: Day) {
    r.navigate(|s| {
        s.date = Some(d);
        s.page = None;
        s.article = None;
    });
}

fn day_href(r: Reader, d: Day) -> String {
    r.href(|s| {
        s.date = Some(d);
        s.page = None;
        s.article = None;
    })
}

/// A plain click opens in place; a click with a modifier keeps the browser's own meaning
/// (a new tab or window).
fn plain_click(e: &ev::MouseEvent) -> bool {
    !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0)
}

/// The nearest issue before or after a date, fetching (through the cache) the one index the
/// answer depends on, if any.
fn nearest_memo(r: Reader, months: Months, date: Memo<Day>, direction: Direction) -> Memo<Nearest> {
    let found = Memo::new(move |_| {
        let d = date.get();
        r.archive.with_value(|a| nearest(a, d, direction, |m| months.lookup(m)))
    });
    Effect::new(move |_| {
        if let Nearest::Needs(m) = found.get() {
            months.ensure(m);
        }
    });
    found
}

#[component]
pub fn Calendar() -> impl IntoView {
    let r = expect_context::<Reader>();
    let months = Months::get();
    let (lang, t) = (r.lang, r.lang.calendar());
    let (first, last) = r.archive.with_value(|a| (a.first, a.last));
    let (min_m, max_m) = (first.year_month(), last.year_month());
    let (min_d, max_d) = (min_m.first_day(), last_day(max_m));
    let start = week_start(lang);
    let today = today();
    let date = Memo::new(move |_| r.date());
    let shown = RwSignal::new(date.get_untracked().year_month().clamp(min_m, max_m));
    // The day a keyboard user moved to; otherwise the open issue, or the month's first issue.
    let focused = RwSignal::new(None::<Day>);

    let go = move |m: YearMonth| {
        let m = m.clamp(min_m, max_m);
        focused.set(None);
        if shown.get_untracked() != m {
            shown.set(m);
        }
    };
    // The calendar follows the open issue to its month.
    Effect::new(move |previous: Option<Day>| {
        let d = date.get();
        if previous.is_some_and(|p| p != d) {
            go(d.year_month());
        }
        d
    });
    Effect::new(move |_| months.show(shown.get()));
    let ready = Memo::new(move |_| {
        let m = shown.get();
        let ready = months.kind(m) != MonthKind::Listed || matches!(months.state(m), Some(MonthState::Ready(_)));
        (m, ready)
    });
    Effect::new(move |_| {
        if let (m, true) = ready.get() {
            request_animation_frame(move || mark(&format!("broadsheet:calendar:{m}")));
        }
    });

    let index = move |m: YearMonth| match months.state(m) {
        Some(MonthState::Ready(i)) => Some(i),
        _ => None,
    };
    let focus_day = Memo::new(move |_| {
        let m = shown.get();
        if let Some(f) = focused.get().filter(|f| f.year_month() == m) {
            return f;
        }
        let d = date.get();
        if d.year_month() == m {
            return d;
        }
        index(m).and_then(|i| i.issues.first().map(|e| e.date)).unwrap_or_else(|| m.first_day())
    });

    let on_key = move |e: ev::KeyboardEvent| {
        if e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        // The day moved to last, even when its cell has not taken focus yet (keys pressed
        // faster than frames).
        let from = focus_day.get_untracked();
        let key = e.key();
        if key == "Enter" || key == " " {
            if index(from.year_month()).is_some_and(|i| lists(&i, from)) {
                e.prevent_default();
                open_day(r, from);
            }
            return;
        }
        let Some(step) = Step::from_key(&key, e.shift_key()) else { return };
        e.prevent_default();
        let to = step.apply(from, start, min_d, max_d);
        focused.set(Some(to));
        if shown.get_untracked() != to.year_month() {
            shown.set(to.year_month());
        }
        focus_soon(cell_id(to));
    };

    // A click or a screen reader's cursor may focus any day: the keys go on from there.
    let on_focus = move |e: ev::FocusEvent| {
        let day = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-date]").ok().flatten())
            .and_then(|el| el.get_attribute("data-date"))
            .and_then(|s| Day::parse(&s).ok());
        if let Some(d) = day.filter(|d| *d != focus_day.get_untracked()) {
            focused.set(Some(d));
        }
    };

    let headers = MonthGrid::new(min_m, start)
        .weekdays
        .into_iter()
        .map(|w| {
            let (short, full) = lang.weekday_names(w);
            view! { <th scope="col" aria-label=full><span aria-hidden="true">{short}</span></th> }
        })
        .collect_view();

    let body = move || {
        let m = shown.get();
        let listed = Memo::new(move |_| index(m));
        MonthGrid::new(m, start)
            .weeks
            .into_iter()
            .map(|week| {
                let cells = week
                    .into_iter()
                    .map(|cell| match cell {
                        Some(d) => day_cell(r, d, listed, date, focus_day, today).into_any(),
                        None => view! { <td role="gridcell" class="bs-cal-blank"></td> }.into_any(),
                    })
                    .collect_view();
                view! { <tr>{cells}</tr> }
            })
            .collect_view()
    };

    let loading = Memo::new(move |_| {
        let m = shown.get();
        months.kind(m) == MonthKind::Listed && matches!(months.state(m), Some(MonthState::Loading) | None)
    });
    let busy = move || loading.get().then_some("true");
    // A month index on a slow connection says so, as the issue's own loading does.
    let slow = crate::status::slow_while(move || loading.get());
    let status = move || {
        let m = shown.get();
        match months.kind(m) {
            MonthKind::Outside => None,
            MonthKind::Empty => Some(view! { <p class="bs-cal-note">{t.no_issues_this_month}</p> }.into_any()),
            MonthKind::Listed => match months.state(m) {
                Some(MonthState::Ready(_)) => None,
                Some(MonthState::Failed(error)) => {
                    let missing = matches!(error.failure, Failure::Http(404)).then_some(t.month_index_missing);
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
                Some(MonthState::Loading) | None => Some(
                    view! {
                        <p class="bs-cal-note" role="status">
                            {move || if slow.get() { lang.network().slow } else { lang.strings().loading }}
                        </p>
                    }
                    .into_any(),
                ),
            },
        }
    };

    let years = (min_m.year..=max_m.year)
        .map(|y| {
            view! { <option value=y.to_string() selected=move || shown.get().year == y>{lang.year_name(y)}</option> }
        })
        .collect_view();
    let month_options = (1..=12u8)
        .map(|n| {
            let outside = move || YearMonth::new(shown.get().year, n).is_none_or(|m| m < min_m || m > max_m);
            view! {
                <option value=n.to_string() disabled=outside selected=move || shown.get().number() == n>
                    {lang.month_name(n)}
                </option>
            }
        })
        .collect_view();
    let pick_year = move |e: ev::Event| {
        if let Some(m) =
            event_target_value(&e).parse().ok().and_then(|y| YearMonth::new(y, shown.get_untracked().number()))
        {
            go(m);
        }
    };
    let pick_month = move |e: ev::Event| {
        if let Some(m) = event_target_value(&e).parse().ok().and_then(|n| YearMonth::new(shown.get_untracked().year, n))
        {
            go(m);
        }
    };

    let typed = NodeRef::<leptos::html::Input>::new();
    let go_to_date = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if let Some(d) = typed.get_untracked().and_then(|i| Day::parse(&i.value()).ok()) {
            open_day(r, d);
        }
    };

    view! {
        <section class="bs-calendar" aria-labelledby="bs-cal-heading">
            <h2 id="bs-cal-heading" class="bs-cal-heading">{t.heading}</h2>
            <div class="bs-cal-bar">
                <button type="button" class="bs-tool bs-cal-prev" disabled={move || shown.get() <= min_m}
                    on:click=move |_| go(shown.get_untracked().previous())>
                    {t.previous_month}
                </button>
                <h3 id="bs-cal-caption" class="bs-cal-caption" aria-live="polite">{move || lang.month_caption(shown.get())}</h3>
                <button type="button" class="bs-tool bs-cal-next" disabled={move || shown.get() >= max_m}
                    on:click=move |_| go(shown.get_untracked().next())>
                    {t.next_month}
                </button>
            </div>
            <div class="bs-cal-jump">
                <select class="bs-cal-year" aria-label=t.year on:change=pick_year>{years}</select>
                <select class="bs-cal-month" aria-label=t.month on:change=pick_month>{month_options}</select>
            </div>
            <table class="bs-cal-grid" role="grid" aria-labelledby="bs-cal-caption" aria-busy=busy on:keydown=on_key on:focusin=on_focus>
                <thead><tr>{headers}</tr></thead>
                <tbody>{body}</tbody>
            </table>
            {status}
            <span id=OFFLINE_NOTE_ID hidden="">{lang.offline().available}</span>
            <form class="bs-cal-go" on:submit=go_to_date>
                <label for="bs-cal-date">{t.go_to_date}</label>
                <input id="bs-cal-date" type="date" required="" node_ref=typed
                    min=first.to_string() max=last.to_string() prop:value=move || date.get().to_string()/>
                <button type="submit" class="bs-tool">{t.go}</button>
            </form>
        </section>
    }
}

/// One day of the grid: named by its full date; a link when it has an issue, plain text when not.
fn day_cell(
    r: Reader,
    d: Day,
    listed: Memo<Option<Arc<MonthIndex>>>,
    date: Memo<Day>,
    focus_day: Memo<Day>,
    today: Option<Day>,
) -> impl IntoView {
    let label = r.lang.long_date(d);
    // An issue kept for offline reading is marked (by the stylesheet), and described so: its
    // name stays the date.
    let offline = use_context::<crate::offline::Offline>();
    // The address once per day, not on every change of the offline books (one per kept file).
    let url = offline.map(|_| r.issue_url(d));
    let kept = Memo::new(move |_| offline.zip(url.as_deref()).is_some_and(|(o, url)| o.available(url)));
    let described = move || kept.get().then_some(OFFLINE_NOTE_ID);
    let entry = move || {
        listed.with(|i| i.as_ref().and_then(|i| i.issues.iter().find(|e| e.date == d).map(|e| e.headline.clone())))
    };
    let has = move || listed.with(|i| i.as_ref().is_some_and(|i| lists(i, d)));
    let is_today = today == Some(d);
    let title = is_today.then(|| r.lang.calendar().today);
    let content = {
        let label = label.clone();
        move || match entry() {
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
    };
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

/// 上一期 / 下一期 beside the masthead: the nearest issues before and after the open one,
/// skipping days without an issue.
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

/// What the month index says about a date whose issue file did not load.
#[derive(Clone, Debug, PartialEq)]
enum Verdict {
    Checking,
    /// No issue that day: outside the archive, an empty month, or not in the month's index.
    NoIssue,
    /// The index lists the day, so its file should be there.
    FileMissing,
    /// The month's index failed too; the calendar shows why.
    Unknown,
}

/// In place of an issue that could not be opened. A missing file (404) is checked against the
/// month index: a date without an issue says so and offers the nearest earlier and later
/// issues; a date the index lists is a publisher's error and is reported as one. Any other
/// failure (bad data, network) is shown as it is, with a retry.
#[component]
pub fn MissingIssue(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let r = expect_context::<Reader>();
    let (lang, t) = (r.lang, r.lang.calendar());
    let asked_for_a_date = r.state.with_untracked(|s| s.date.is_some());
    let to_newest = move || {
        asked_for_a_date.then(|| {
            view! {
                <button type="button" class="bs-button"
                    on:click=move |_| r.navigate(|s| *s = ReadingState { size: s.size, ..Default::default() })>
                    {lang.strings().to_newest_issue}
                </button>
            }
        })
    };
    if error.failure != Failure::Http(404) {
        return view! { <LoadFailed lang error on_retry=retry/> {to_newest()} }.into_any();
    }
    let months = Months::get();
    let d = r.state.with_untracked(|s| s.date).unwrap_or_else(|| r.archive.with_value(|a| a.last));
    let date = Memo::new(move |_| d);
    let m = d.year_month();
    Effect::new(move |_| months.ensure(m));
    let verdict = Memo::new(move |_| match months.kind(m) {
        MonthKind::Outside | MonthKind::Empty => Verdict::NoIssue,
        MonthKind::Listed => match months.state(m) {
            Some(MonthState::Ready(i)) if lists(&i, d) => Verdict::FileMissing,
            Some(MonthState::Ready(_)) => Verdict::NoIssue,
            Some(MonthState::Failed(_)) => Verdict::Unknown,
            Some(MonthState::Loading) | None => Verdict::Checking,
        },
    });
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
    let nearest_list = move || {
        view! {
            <ul class="bs-nearest">
                {offer(Direction::Earlier, t.earlier_issue, t.no_earlier_issue)}
                {offer(Direction::Later, t.later_issue, t.no_later_issue)}
            </ul>
        }
    };
    let (first, last) = r.archive.with_value(|a| (a.first, a.last));
    let error = StoredValue::new(error);
    (move || match verdict.get() {
        Verdict::Checking => view! { <p class="bs-loading" role="status">{t.finding_nearest}</p> }.into_any(),
        Verdict::NoIssue => view! {
            <div class="bs-notice bs-no-issue" role="status">
                <p><strong>{lang.no_issue_on(d)}</strong></p>
                <p>{lang.archive_range(first, last)}</p>
                {nearest_list()}
            </div>
        }
        .into_any(),
        Verdict::FileMissing => view! {
            <div class="bs-no-issue">
                <p class="bs-notice">{t.issue_file_missing}</p>
                <LoadFailed lang error=error.get_value() on_retry=retry/>
                {nearest_list()}
            </div>
        }
        .into_any(),
        Verdict::Unknown => {
            view! { <LoadFailed lang error=error.get_value() on_retry=retry/> {to_newest()} }.into_any()
        }
    })
    .into_any()
}

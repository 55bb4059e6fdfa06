//! The notice for an issue whose data is partly broken: a polite summary (how many problems, the
//! rest reads as usual) and, on demand, each problem by its JSON path. The broken parts are
//! already left out by the model; this only says so.

use crate::reader::{OpenIssue, Reader};
use leptos::prelude::*;

/// How many problems the list shows; the summary counts them all.
pub const MAX_LISTED: usize = 100;

#[component]
pub fn DataProblems(open: OpenIssue) -> impl IntoView {
    let r = expect_context::<Reader>();
    let t = r.lang.data_problems();
    let problems = open.problems.clone();
    (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .take(MAX_LISTED)
            .map(|p| view! { <li><code>{p.path.clone()}</code>" "{p.message.clone()}</li> })
            .collect_view();
        let more = (problems.len() > MAX_LISTED).then(|| view! { <li>"…"</li> });
        view! {
            <section class="bs-data-problems" role="status" aria-label=t.label>
                <p>{r.lang.problems_summary(problems.len())}</p>
                <details>
                    <summary>{t.show}</summary>
                    <ul class="bs-problems">{items}{more}</ul>
                </details>
            </section>
        }
    })
}

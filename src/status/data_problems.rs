//! The notice for a data file that is partly broken (the archive manifest, a month index, an
//! issue): a polite summary (how many problems, the rest reads as usual) and, on demand, each
//! problem by its JSON path. The broken parts are already left out by the model; this only says so.

pub use crate::i18n::data_problems::DataFile;
use crate::i18n::Lang;
use broadsheet_model::Problem;
use leptos::prelude::*;

/// How many problems the list shows; the summary counts them all.
pub const MAX_LISTED: usize = 100;

#[component]
pub fn DataProblems(lang: Lang, file: DataFile, #[prop(into)] problems: Vec<Problem>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .take(MAX_LISTED)
            .map(|p| view! { <li><code>{p.path.clone()}</code>" "{p.message.clone()}</li> })
            .collect_view();
        let more = (problems.len() > MAX_LISTED).then(|| view! { <li>"…"</li> });
        view! {
            <section class="bs-data-problems" role="status" aria-label=lang.problems_label(file)>
                <p>{lang.problems_summary(file, problems.len())}</p>
                <details>
                    <summary>{lang.data_problems().show}</summary>
                    <ul class="bs-problems">{items}{more}</ul>
                </details>
            </section>
        }
    })
}

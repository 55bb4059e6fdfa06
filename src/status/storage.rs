//! The one notice about what the reader cannot remember (storage disabled or full, a stored text
//! size that did not read): politely, a status line under the masthead with an OK button, never
//! a dialog, once per visit (`storage::memory`).

use crate::i18n::Lang;
use crate::storage::memory::{Memory, Trouble};
use crate::storage::StorageError;
use leptos::prelude::*;

#[component]
pub fn StorageNote(lang: Lang) -> impl IntoView {
    let memory = use_context::<Memory>()?;
    let t = lang.storage();
    let text = move |trouble: Trouble| match trouble {
        Trouble::NotKept(StorageError::Unavailable) => t.unavailable,
        Trouble::NotKept(StorageError::Full) => t.full,
        Trouble::TextSizeReset => t.text_size_reset,
    };
    Some(move || {
        let troubles = memory.troubles();
        (!troubles.is_empty()).then(|| {
            view! {
                <div class="bs-storage-note" role="status">
                    {troubles.into_iter().map(|x| view! { <p>{text(x)}</p> }).collect_view()}
                    <button type="button" class="bs-tool" on:click=move |_| memory.dismiss()>{t.dismiss}</button>
                </div>
            }
        })
    })
}

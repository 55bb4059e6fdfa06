//! The archive and the open issue: loading them, and the reading state shared by the widgets.

pub mod api;

use crate::i18n::Lang;
use broadsheet_model::{Archive, Day, Issue};
use leptos::prelude::*;
use std::sync::Arc;

/// What every widget of a loaded reader reads, provided by context.
#[derive(Clone, Copy)]
pub struct Reader {
    pub lang: Lang,
    pub archive: StoredValue<Arc<Archive>>,
    /// The address of archive.json; the data's own addresses resolve against it.
    pub archive_url: StoredValue<String>,
    pub date: RwSignal<Day>,
    /// Index of the page shown, into the open issue's pages.
    pub page: RwSignal<usize>,
}

impl Reader {
    pub fn issue_url(&self, d: Day) -> String {
        let path = self.archive.with_value(|a| a.issue_path(d));
        api::resolve(&path, &self.archive_url.get_value())
    }
}

/// The open issue once loaded, with the address its own URLs resolve against.
#[derive(Clone)]
pub struct OpenIssue {
    pub issue: Arc<Issue>,
    pub url: String,
}

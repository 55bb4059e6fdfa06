//! The reader's keyboard: arrows change page, Escape closes the article, and focus goes where the
//! reader's eyes are (the page map, the article's heading, back to the link that opened it). The
//! decision is plain Rust (`action`); the listener only reads the event and carries it out.

use crate::article::HEADING_ID;
use crate::article_link::close_focus;
use crate::reader::{OpenIssue, Reader};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a key does in the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Show the page at this index.
    Page(usize),
    /// Close the open article (its id, for focus to return to its link).
    Close(String),
}

/// What a key press asks for: `page` of `pages` is shown, `article` is open. Keys with a modifier
/// are the browser's or the host page's, and so is any key while typing in a field.
pub fn action(key: &str, modified: bool, page: usize, pages: usize, article: Option<&str>) -> Option<Action> {
    if modified {
        return None;
    }
    match key {
        "ArrowLeft" if page > 0 => Some(Action::Page(page - 1)),
        "ArrowRight" if page + 1 < pages => Some(Action::Page(page + 1)),
        "Escape" => article.map(|a| Action::Close(a.to_string())),
        _ => None,
    }
}

/// Whether the key is for the reader: not typed into a field, and focus in the reader or nowhere
/// (so that a host page's own keys stay its own).
fn for_the_reader(e: &ev::KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return true };
    let typing = matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|h| h.is_content_editable());
    let in_reader = el.closest(".broadsheet").ok().flatten().is_some() || el.tag_name() == "BODY";
    !typing && in_reader
}

/// Listens for the reader's keys while the issue is shown.
pub fn listen(r: Reader, open: OpenIssue, page: Memo<usize>) {
    let keys = window_event_listener(ev::keydown, move |e| {
        let modified = e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() || e.default_prevented();
        if modified {
            return;
        }
        let article = r.state.with_untracked(|s| s.article.clone());
        // The key first: asking the page where the focus is costs a keystroke typed in the search
        // box more than the rest of this (a tenth of a millisecond).
        let Some(act) = action(&e.key(), modified, page.get_untracked(), open.issue.pages.len(), article.as_deref())
        else {
            return;
        };
        if !for_the_reader(&e) {
            return;
        }
        match act {
            Action::Page(i) => {
                e.prevent_default();
                r.show_page(&open, i);
                crate::focus::soon(vec!["bs-map".into()]);
            }
            Action::Close(id) => {
                e.prevent_default();
                r.navigate(|s| s.article = None);
                crate::focus::back(close_focus(&id));
            }
        }
    });
    on_cleanup(move || keys.remove());
}

/// Focus follows the article: to its heading when one opens (not on the first render, so that
/// a deep link does not scroll the page away from its top).
pub fn follow_article(r: Reader) {
    let article = Memo::new(move |_| r.state.with(|s| s.article.clone()));
    Effect::new(move |previous: Option<Option<String>>| {
        let now = article.get();
        if now.is_some() && previous.as_ref() != Some(&now) && previous.is_some() {
            crate::focus::opening();
            crate::focus::soon(vec![HEADING_ID.into()]);
        }
        now
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_step_through_the_pages_and_stop_at_either_end() {
        assert_eq!(action("ArrowRight", false, 0, 3, None), Some(Action::Page(1)));
        assert_eq!(action("ArrowLeft", false, 2, 3, None), Some(Action::Page(1)));
        assert_eq!(action("ArrowLeft", false, 0, 3, None), None);
        assert_eq!(action("ArrowRight", false, 2, 3, None), None);
        assert_eq!(action("ArrowRight", false, 0, 1, Some("a")), None);
    }

    #[test]
    fn escape_closes_only_an_open_article() {
        assert_eq!(action("Escape", false, 1, 3, Some("a0202")), Some(Action::Close("a0202".into())));
        assert_eq!(action("Escape", false, 1, 3, None), None);
    }

    #[test]
    fn modified_and_other_keys_are_left_alone() {
        assert_eq!(action("ArrowRight", true, 0, 3, None), None, "Alt+Right is the browser's forward");
        assert_eq!(action("Escape", true, 0, 3, Some("a")), None);
        assert_eq!(action("Enter", false, 0, 3, Some("a")), None);
        assert_eq!(action("a", false, 0, 3, None), None);
    }
}

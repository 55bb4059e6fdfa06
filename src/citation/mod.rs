//! Citing the open article: the 引用/Cite tool in the article's tools and its panel (the citation
//! as text, BibTeX, RIS or CSL-JSON, to copy or download), and the document's metadata for
//! reference managers (`citation_*` meta elements and schema.org JSON-LD in the head), which
//! follow the open article and go when none is open. What a citation says is `format`; this is
//! the thin glue to the page.

pub mod format;

use crate::i18n::Lang;
use crate::reader::{OpenIssue, Reader};
use crate::url_state::ReadingState;
use format::{Citation, Format};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The attribute that marks the head elements the reader made, so that it only ever changes or
/// removes its own: a portal page owns its head.
pub const MARK: &str = "data-broadsheet-citation";
const PANEL_ID: &str = "bs-cite";
const TEXT_ID: &str = "bs-cite-text";

/// The address that reopens an article in this issue: the issue's date named (not "the newest",
/// which moves on), nothing of the reader's own view (page, size, search). `None` where the
/// reader keeps no address (`data-url="off"`).
fn link(r: Reader, open: &OpenIssue, id: &str) -> Option<String> {
    let state = ReadingState { date: Some(open.issue.date), article: Some(id.to_string()), ..Default::default() };
    r.address(|s| *s = state)
}

/// The citation of article `id` of the open issue.
pub fn citation_of(r: Reader, open: &OpenIssue, id: &str) -> Option<Citation> {
    let (home, article) = open.issue.article(id)?;
    let link = link(r, open, id);
    Some(r.archive.with_value(|a| Citation::of(&a.paper, &open.issue, home, article, link)))
}

thread_local! {
    /// Which article panel wrote the head's citation last (by a number of its own), so that a
    /// panel going away (the reader moving to another issue) never takes away the metadata that
    /// the next one has written already, whichever runs first.
    static WRITER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static PANELS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// The last write asked for: a write waiting for its frame is dropped once another is asked.
    static TICKET: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A new ticket, which makes any write still waiting moot.
fn ticket() -> u64 {
    TICKET.with(|t| {
        t.set(t.get() + 1);
        t.get()
    })
}

/// Keeps the document's citation metadata on the open article, as long as the issue is shown.
/// Written once the frame that shows the article (or its closing) is on the screen: nobody reads
/// the head in that frame, and the click or key that opened it should not wait for it.
pub fn metadata(r: Reader, open: OpenIssue) {
    let me = PANELS.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let article = Memo::new(move |_| r.state.with(|s| s.article.clone()));
    Effect::new(move |_| {
        let id = article.get();
        WRITER.with(|w| w.set(me));
        let mine = ticket();
        let open = open.clone();
        leptos::task::spawn_local(async move {
            crate::task::after_shown().await;
            match id {
                // The article is shown, so its part, which writes the citation, is in.
                Some(id) => {
                    let _ = write_citation(r, open, id, mine).await;
                }
                None if TICKET.with(|t| t.get()) == mine => clear_head(),
                None => {}
            }
        });
    });
    on_cleanup(move || {
        if WRITER.with(|w| w.get()) == me {
            ticket();
            clear_head();
        }
    });
}

/// Writes the head's citation of article `id` unless another write was asked for since
/// (`ticket`). Its code is the article's part's (src/part.rs), which the article shown needs.
#[cfg(broadsheet_split)]
#[::leptos::wasm_split::wasm_split(article_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn write_citation(r: Reader, open: OpenIssue, id: String, ticket: u64) -> Result<(), crate::part::PartMissing> {
    write_citation_now(r, open, id, ticket);
    Ok(())
}

#[cfg(not(broadsheet_split))]
async fn write_citation(r: Reader, open: OpenIssue, id: String, ticket: u64) -> Result<(), crate::part::PartMissing> {
    write_citation_now(r, open, id, ticket);
    Ok(())
}

fn write_citation_now(r: Reader, open: OpenIssue, id: String, ticket: u64) {
    if TICKET.with(|t| t.get()) == ticket {
        clear_head();
        if let Some(c) = citation_of(r, &open, &id) {
            write_head(&c);
        }
    }
}

/// Takes the reader's own citation elements out of the head.
fn clear_head() {
    let Some(head) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.head()) else { return };
    while let Ok(Some(old)) = head.query_selector(&format!("[{MARK}]")) {
        old.remove();
    }
}

/// Adds the elements of `c` to the head (`clear_head` first). The JSON-LD is a data block, never
/// run, and is set as text.
fn write_head(c: &Citation) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(head) = doc.head() else { return };
    let add = |tag: &str, attrs: &[(&str, &str)], text: Option<&str>| {
        let Ok(el) = doc.create_element(tag) else { return };
        for (k, v) in attrs {
            let _ = el.set_attribute(k, v);
        }
        let _ = el.set_attribute(MARK, "");
        if text.is_some() {
            el.set_text_content(text);
        }
        let _ = head.append_child(&el);
    };
    for (name, content) in c.meta() {
        add("meta", &[("name", name), ("content", &content)], None);
    }
    add("script", &[("type", "application/ld+json")], Some(&c.json_ld()));
}

/// The citation tool of one article panel: whether its panel is shown, in which format, and what
/// the last copy did. It outlives the article, so the panel stays open as the reader moves on.
#[derive(Clone, Copy)]
pub struct Cite {
    shown: RwSignal<bool>,
    format: RwSignal<Format>,
    said: RwSignal<&'static str>,
}

impl Default for Cite {
    fn default() -> Self {
        Cite::new()
    }
}

impl Cite {
    pub fn new() -> Cite {
        Cite { shown: RwSignal::new(false), format: RwSignal::new(Format::Text), said: RwSignal::new("") }
    }

    /// The 引用/Cite button among the article's tools; it shows and hides the panel.
    pub fn button(self, lang: Lang) -> impl IntoView {
        let c = lang.citation();
        view! {
            <button type="button" class="bs-tool bs-cite-toggle" aria-controls=PANEL_ID
                aria-expanded=move || self.shown.get().to_string()
                on:click=move |_| { self.said.set(""); self.shown.update(|s| *s = !*s) }>
                {c.cite}
            </button>
        }
    }

    /// The panel for article `id`: the citation in the chosen format in a read-only text box,
    /// the format choice, copy, download, and a status line for screen readers.
    pub fn panel(self, r: Reader, open: &OpenIssue, id: &str) -> impl IntoView {
        let lang = r.lang;
        let c = lang.citation();
        let citation = StoredValue::new(citation_of(r, open, id));
        // Whatever the last copy said was of the article before.
        self.said.set("");
        let render = move |f: Format| citation.with_value(|ci| ci.as_ref().map(|ci| ci.render(f, lang)));
        let text = move || render(self.format.get());
        let rows = move || {
            text().map_or(3, |t| if self.format.get() == Format::Text { 4 } else { t.lines().count().clamp(3, 16) })
        };
        let choose = move |e: leptos::ev::Event| {
            if let Some(f) = Format::parse(&event_target_value(&e)) {
                self.said.set("");
                self.format.set(f);
            }
        };
        let copy = move |_| {
            if let Some(t) = render(self.format.get_untracked()) {
                copy_text(t, self.said, lang);
            }
        };
        let download = move |_| {
            let f = self.format.get_untracked();
            citation.with_value(|ci| {
                if let Some(ci) = ci {
                    crate::export::save_text(&ci.render(f, lang), &ci.file_name(f), f.media_type());
                }
            });
        };
        move || {
            self.shown.get().then(|| {
                view! {
                    <section id=PANEL_ID class="bs-cite" aria-labelledby="bs-cite-heading">
                        <h3 id="bs-cite-heading" class="bs-cite-heading">{c.heading}</h3>
                        <div class="bs-cite-format">
                            <label for="bs-cite-format">{c.format}</label>
                            <select id="bs-cite-format" class="bs-tool" on:change=choose>
                                {Format::ALL.map(|f| view! {
                                    <option value=f.key() selected=move || self.format.get() == f>{f.name(c.plain)}</option>
                                })}
                            </select>
                        </div>
                        <label for=TEXT_ID class="bs-visually-hidden">{c.text}</label>
                        <textarea id=TEXT_ID class="bs-cite-text" readonly rows=rows spellcheck="false"
                            prop:value=move || text().unwrap_or_default()></textarea>
                        <div class="bs-cite-actions">
                            <button type="button" class="bs-tool" on:click=copy>{c.copy}</button>
                            <button type="button" class="bs-tool"
                                aria-label=move || lang.download_file(self.format.get().extension())
                                on:click=download>
                                {c.download}" ."{move || self.format.get().extension()}
                            </button>
                            <button type="button" class="bs-tool" on:click=move |_| self.shown.set(false)>{c.close}</button>
                        </div>
                        <p class="bs-cite-status" role="status" aria-live="polite">{move || self.said.get()}</p>
                    </section>
                }
            })
        }
    }
}

/// Writes `text` to the clipboard and says so; where the browser refuses (no clipboard, no
/// permission, an insecure page), says that and selects the text for the reader to copy.
fn copy_text(text: String, said: RwSignal<&'static str>, lang: Lang) {
    let c = lang.citation();
    said.set("");
    crate::export::copy(&text, move |copied| {
        if copied {
            said.set(c.copied);
        } else {
            said.set(c.copy_refused);
            select_text();
        }
    });
}

/// Selects the citation's text in its box, ready for Ctrl+C or the phone's copy menu.
fn select_text() {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(TEXT_ID))
        .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(field) = field {
        let _ = field.focus();
        field.select();
    }
}

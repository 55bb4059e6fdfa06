//! The glue between the reading state (`super::State`) and `window.speechSynthesis`, and the
//! article panel's play/pause button. Everything here only carries out what the state decides.

use super::{choose_voice, pieces, Button, Command, Mark, Piece, State, Step};
use crate::i18n::Lang;
use broadsheet_model::Issue;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    ScrollIntoViewOptions, ScrollLogicalPosition, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice,
};

/// The JS side, set up as the article's part first shows the button (`attach`). The handlers
/// live as long as the panel; the utterance being spoken is held so that the browser cannot
/// collect it mid-way (Chromium then never fires its `end`).
struct Glue {
    /// Carries a command out (`ReadAloud::run`): handed over with the glue, so that the code
    /// speaking comes with the article's part and the main module only stops it.
    run: fn(ReadAloud, Command),
    synth: SpeechSynthesis,
    voice: Option<SpeechSynthesisVoice>,
    speaking: Option<SpeechSynthesisUtterance>,
    on_end: Closure<dyn FnMut()>,
    on_error: Closure<dyn FnMut()>,
    on_voices: Closure<dyn FnMut()>,
}

/// Keeps the element being read in view as reading moves on to it (scrolling only when it is
/// not), once the mark has been drawn.
fn follow() {
    request_animation_frame(|| {
        let marked = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".bs-article-text [aria-current=\"true\"]").ok().flatten());
        if let Some(el) = marked {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

/// The browser's speech synthesis; some browsers (and embedded web views) have none at all.
fn platform_synth() -> Option<SpeechSynthesis> {
    web_sys::window().and_then(|w| w.speech_synthesis().ok()).filter(|s| !s.is_undefined() && !s.is_null())
}

/// Reading aloud for one article panel: the state, the pieces of the article being read, and
/// whether the browser has a voice for the paper's language at all.
#[derive(Clone, Copy)]
pub struct ReadAloud {
    /// The paper's language tag, e.g. zh-CN; every utterance is in it.
    lang: StoredValue<String>,
    state: RwSignal<State>,
    pieces: StoredValue<Vec<Piece>>,
    available: RwSignal<bool>,
    glue: StoredValue<Option<Glue>, LocalStorage>,
    /// What is being read, for marking it.
    now: Memo<Option<Mark>>,
}

impl ReadAloud {
    /// The state of reading aloud for a panel; the speech itself is set up by `attach`. Stops
    /// speaking when the panel goes.
    pub fn new(lang: String) -> ReadAloud {
        let state = RwSignal::new(State::Idle);
        let pieces = StoredValue::new(Vec::<Piece>::new());
        let this = ReadAloud {
            lang: StoredValue::new(lang),
            state,
            pieces,
            available: RwSignal::new(false),
            glue: StoredValue::new_local(None),
            now: Memo::new(move |_| state.get().at().and_then(|i| pieces.with_value(|p| p.get(i).map(|p| p.mark)))),
        };
        // Asked for now, so that the browser has listed its voices by the time an article shows
        // the button (Chromium lists them only once asked, and says so with `voiceschanged`).
        if let Some(synth) = platform_synth() {
            let _ = synth.get_voices();
        }
        on_cleanup(move || {
            this.stop();
            this.glue.with_value(|g| {
                if let Some(g) = g {
                    let _ = g
                        .synth
                        .remove_event_listener_with_callback("voiceschanged", g.on_voices.as_ref().unchecked_ref());
                }
            });
        });
        this
    }

    /// Sets up the speech, once: looks for a voice now and whenever the browser's voice list
    /// changes (it is often empty until `voiceschanged`).
    fn attach(self) {
        if self.glue.with_value(Option::is_some) {
            return;
        }
        let Some(synth) = platform_synth() else { return };
        let glue = Glue {
            run: ReadAloud::run,
            synth,
            voice: None,
            speaking: None,
            on_end: Closure::new(move || self.step(State::ended)),
            on_error: Closure::new(move || self.step(|s, _| s.failed())),
            on_voices: Closure::new(move || self.find_voice()),
        };
        let _ = glue.synth.add_event_listener_with_callback("voiceschanged", glue.on_voices.as_ref().unchecked_ref());
        self.glue.set_value(Some(glue));
        self.find_voice();
    }

    fn synth(self) -> Option<SpeechSynthesis> {
        self.glue.try_with_value(|g| g.as_ref().map(|g| g.synth.clone())).flatten()
    }

    fn find_voice(self) {
        let Some(synth) = self.synth() else { return };
        // Unchecked: a voice is only read by its properties (and a test may stand in for it).
        let list = synth.get_voices();
        let voices = list.iter().map(|v| v.unchecked_into::<SpeechSynthesisVoice>());
        let voice = self.lang.with_value(|want| choose_voice(voices, want, |v| (v.lang(), v.default())));
        self.available.set(voice.is_some());
        self.glue.update_value(|g| {
            if let Some(g) = g {
                g.voice = voice;
            }
        });
    }

    fn step(self, change: impl FnOnce(State, usize) -> Step) {
        let (next, command) = change(self.state.get_untracked(), self.pieces.with_value(Vec::len));
        self.state.set(next);
        // Without the glue nothing has been spoken, and there is nothing to carry out.
        if let (Some(c), Some(run)) = (command, self.glue.try_with_value(|g| g.as_ref().map(|g| g.run)).flatten()) {
            run(self, c);
        }
    }

    /// The article changed or closed.
    pub fn stop(self) {
        if self.state.try_get_untracked().is_some() {
            self.step(|s, _| s.stop());
        }
    }

    fn press(self, article: impl FnOnce() -> Vec<Piece>) {
        if self.state.get_untracked() == State::Idle {
            self.pieces.set_value(article());
        }
        self.step(State::press);
    }

    /// Lets go of the utterance being spoken: the events of a cancelled one go unheard.
    fn release(self) {
        self.glue.update_value(|g| {
            if let Some(u) = g.as_mut().and_then(|g| g.speaking.take()) {
                u.set_onend(None);
                u.set_onerror(None);
            }
        });
    }

    fn run(self, command: Command) {
        let Some(synth) = self.synth() else { return };
        match command {
            Command::Speak(i) => {
                self.release();
                if synth.speaking() || synth.pending() {
                    synth.cancel();
                }
                // A synthesis left paused would hold the new utterance too.
                if synth.paused() {
                    synth.resume();
                }
                let (text, moved) = self.pieces.with_value(|p| {
                    let mark = |j: usize| p.get(j).map(|p| p.mark);
                    (p.get(i).map(|p| p.text.clone()).unwrap_or_default(), i == 0 || mark(i - 1) != mark(i))
                });
                if moved {
                    follow();
                }
                let Ok(u) = SpeechSynthesisUtterance::new_with_text(&text) else {
                    return self.step(|s, _| s.failed());
                };
                self.lang.with_value(|l| u.set_lang(l));
                self.glue.update_value(|g| {
                    if let Some(g) = g {
                        u.set_voice(g.voice.as_ref());
                        u.set_onend(Some(g.on_end.as_ref().unchecked_ref()));
                        u.set_onerror(Some(g.on_error.as_ref().unchecked_ref()));
                        g.speaking = Some(u.clone());
                    }
                });
                synth.speak(&u);
            }
            Command::Pause => synth.pause(),
            Command::Resume => synth.resume(),
            Command::Cancel => {
                self.release();
                synth.cancel();
                if synth.paused() {
                    synth.resume();
                }
            }
        }
    }

    /// `aria-current` for an element of the article: set while it is being read.
    pub fn current(self, mark: Mark) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
        let now = self.now;
        move || (now.get() == Some(mark)).then_some("true")
    }

    /// The play/pause button for article `id` of `issue`; not there without a voice for the
    /// paper's language. Its name says what a press does: 朗读, 暂停, 继续.
    pub fn button(self, lang: Lang, issue: Arc<Issue>, id: String) -> impl IntoView {
        self.attach();
        let t = lang.read_aloud();
        move || {
            self.available.get().then(|| {
                let (issue, id) = (issue.clone(), id.clone());
                let article = move || issue.article(&id).map(|(_, a)| pieces(a)).unwrap_or_default();
                view! {
                    <button type="button" class="bs-tool bs-aloud" on:click=move |_| self.press(article.clone())>
                        {move || match self.state.get().button() {
                            Button::Play => t.read_aloud,
                            Button::Pause => t.pause,
                            Button::Resume => t.resume,
                        }}
                    </button>
                }
            })
        }
    }
}

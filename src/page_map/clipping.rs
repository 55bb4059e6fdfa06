//! Clippings on the page map: the Clip switch; the rectangle being drawn and the clipping outlined
//! on the page; and the clipping's panel, with its image cut from the page image in the browser
//! to download and the link (the address holds the clipping) that reopens the page zoomed to it.
//! The geometry is `clip.rs`'s; the strokes that draw are `strokes.rs`'s.

use super::clip::{self, Share};
use crate::article_link::region_article;
use crate::part::{part, preload_when, Later, When};
use crate::reader::{region_bounds, OpenIssue, Reader};
use crate::url_state::Clip;
use broadsheet_model::num::shortest;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The clipping state of one page's map, shared by its frame, its tools and its panel.
#[derive(Clone, Copy)]
pub struct ClipMode {
    /// A drag on the page draws a clipping, a region chosen is clipped (the switch is pressed).
    pub on: RwSignal<bool>,
    /// The rectangle being drawn, as shares of the page.
    pub band: RwSignal<Option<Share>>,
    /// The clipping of the page shown, cut to the page (the address may say anything); a memo, so
    /// that what shows it changes with it alone, not with every change of the reading state.
    current: Memo<Option<Clip>>,
    /// The clipping was just made here, on the page as the reader sees it: no zoom to it.
    made_here: StoredValue<bool>,
    reader: Reader,
    open: StoredValue<OpenIssue>,
    page: usize,
    /// The page's size in its own pixels (the data's).
    size: (u32, u32),
}

impl ClipMode {
    pub fn new(reader: Reader, open: &OpenIssue, page: usize) -> ClipMode {
        let image = &open.issue.pages[page].image;
        let size = (image.width, image.height);
        ClipMode {
            on: RwSignal::new(false),
            band: RwSignal::new(None),
            current: Memo::new(move |_| reader.state.with(|s| s.clip).and_then(|c| clip::on_page(c, size))),
            made_here: StoredValue::new(false),
            reader,
            open: StoredValue::new(open.clone()),
            page,
            size,
        }
    }

    /// The clipping of the page shown, cut to the page (the address may say anything).
    pub fn current(self) -> Option<Clip> {
        self.current.get()
    }

    /// Each time the clipping changes, the one to zoom to: one the page was opened with, or came
    /// back to; not one just made here.
    pub fn to_show(self) -> Option<Share> {
        let c = self.current()?;
        (!self.made_here.try_update_value(std::mem::take).unwrap_or(false)).then(|| clip::share(c, self.size))
    }

    fn make(self, c: Clip) {
        let id = self.open.with_value(|o| o.issue.pages[self.page].id.clone());
        self.made_here.set_value(true);
        self.on.set(false);
        self.reader.navigate(|s| {
            s.page = Some(id);
            s.clip = Some(c);
        });
        // The panel is new: take the reader there (a keyboard's next step, a screen reader's).
        crate::focus::soon(vec![PANEL_ID.into()]);
    }

    /// The reader drew this rectangle (shares of the page).
    pub fn drawn(self, share: Share) {
        if let Some(c) = clip::from_share(share, self.size) {
            self.make(c);
        }
    }

    /// Escape within the map turns the switch off (before the reader's Escape closes the article).
    pub fn escape(self, e: &web_sys::KeyboardEvent) {
        if e.key() == "Escape" && self.on.get_untracked() {
            e.prevent_default();
            self.on.set(false);
        }
    }

    /// While the switch is on, a click on a region (a tap, or Enter on its link) clips the
    /// article's box on this page instead of opening it; `false`: not ours, open as usual.
    pub fn took_region(self, e: &web_sys::MouseEvent) -> bool {
        if !self.on.get_untracked() {
            return false;
        }
        e.prevent_default();
        let bounds =
            region_article(e.target()).and_then(|a| self.open.with_value(|o| region_bounds(&o.issue, self.page, &a)));
        if let Some(c) = bounds.and_then(|b| clip::from_bounds(b, self.size)) {
            self.make(c);
        }
        true
    }
}

/// The element id of the clipping's panel (focus goes there when a clipping is made).
const PANEL_ID: &str = "bs-clipping";

/// The switch, beside the zoom buttons.
pub fn clip_switch(mode: ClipMode) -> impl IntoView {
    let t = mode.reader.lang.clipping();
    view! {
        <button type="button" class="bs-tool bs-clip-switch" title=t.hint
            aria-pressed=move || mode.on.get().to_string() on:click=move |_| mode.on.update(|on| *on = !*on)>
            {t.clip}
        </button>
    }
}

/// The rectangle being drawn and the clipping, over the page image (they zoom with it): the page
/// outside the clipping dimmed, its edge drawn.
#[component]
pub fn ClipMarks(mode: ClipMode) -> impl IntoView {
    let shown = move || mode.current().map(|c| clip::share(c, mode.size));
    let rect = |s: Share| {
        let [x, y, w, h] = s.map(shortest);
        format!("M0,0H1V1H0Z M{x},{y}h{w}v{h}h-{w}Z")
    };
    view! {
        <svg class="bs-clip-marks" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
            {move || shown().map(|s| view! {
                <path class="bs-clip-dim" d=rect(s) fill-rule="evenodd"/>
                <rect class="bs-clip-edge" x=shortest(s[0]) y=shortest(s[1]) width=shortest(s[2]) height=shortest(s[3])/>
            })}
            {move || mode.band.get().map(|s| view! {
                <rect class="bs-clip-band" x=shortest(s[0]) y=shortest(s[1]) width=shortest(s[2]) height=shortest(s[3])/>
            })}
        </svg>
    }
}

/// What the switch asks for while on, and the clipping's panel once there is one. The panel's
/// code is a part of its own (src/part.rs): fetched as the switch turns on, while the reader
/// draws, or at once for an address that holds a clipping.
#[component]
pub fn ClipPanel(mode: ClipMode) -> impl IntoView {
    let t = mode.reader.lang.clipping();
    preload_when(move || mode.on.get(), preload_clip_panel_part);
    view! {
        <p class="bs-clip-how" role="status">{move || mode.on.get().then_some(t.how)}</p>
        {move || mode.current().map(|c| view! {
            <Later when=When::Now preload=preload_clip_panel_part part=move || clip_panel_part(mode, c)/>
        })}
    }
}

part! {
    /// The clipping's panel: its size, the download of its image, its link.
    clip_panel_part / preload_clip_panel_part(mode: ClipMode, c: Clip) {
        let r = mode.reader;
        let t = r.lang.clipping();
        let said = RwSignal::new("");
        let failed = RwSignal::new(None::<String>);
        // The address of the reading state, whole, for another browser.
        let link = Memo::new(move |_| {
            r.state.track();
            r.address(|_| {})
        });
        let download = move |_| {
            failed.set(None);
            said.set(t.preparing);
            let (src, name) = mode.open.with_value(|o| {
                let p = &o.issue.pages[mode.page];
                let paper = r.archive.with_value(|a| a.paper.name.clone());
                (o.resolve(&p.image.src), clip::file_name(&paper, r.date(), &p.number, c))
            });
            leptos::task::spawn_local(async move {
                match cut(src, c, mode.size).await {
                    Ok(blob) => {
                        crate::export::save(&blob, &name);
                        said.try_set(t.downloaded);
                    }
                    Err(why) => {
                        said.try_set("");
                        failed.try_set(Some(why.say(r)));
                    }
                }
            });
        };
        let copy = move |_| {
            let Some(l) = link.get_untracked() else { return };
            said.set("");
            crate::export::copy(&l, move |copied| {
                said.try_set(if copied { t.copied } else { t.copy_failed });
            });
        };
        let close = move |_| r.navigate(|s| s.clip = None);
        view! {
            <section class="bs-clipping" id=PANEL_ID tabindex="-1" aria-label=t.title>
                <h2 class="bs-clipping-title">{t.title}</h2>
                <p class="bs-clipping-size">{format!("{}{} × {}", t.size, c.w, c.h)}</p>
                <div class="bs-clipping-actions">
                    <button type="button" class="bs-tool" on:click=download>{t.download}</button>
                    {move || link.get().is_some().then(|| view! {
                        <button type="button" class="bs-tool" on:click=copy>{t.copy}</button>
                    })}
                    <button type="button" class="bs-tool" on:click=close>{t.close}</button>
                </div>
                {move || match link.get() {
                    Some(l) => view! {
                        <input class="bs-clipping-link" type="text" readonly aria-label=t.link prop:value=l
                            on:focus=|e| select(&e)/>
                    }.into_any(),
                    None => view! { <p class="bs-clipping-link">{t.no_link}</p> }.into_any(),
                }}
                <p class="bs-clipping-said" role="status">{move || said.get()}</p>
                {move || failed.get().map(|m| view! { <p class="bs-clipping-failed" role="alert">{m}</p> })}
            </section>
        }
    }
}

/// A link's text is chosen whole when it gets focus, ready to copy by hand.
fn select(e: &web_sys::FocusEvent) {
    if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        input.select();
    }
}

/// Why a clipping's image could not be made.
enum Why {
    /// The page image is on another site, which does not allow reading it (its host).
    Cors(String),
    /// The page image did not load.
    Image,
    /// The browser would not draw or encode it.
    Draw,
}

impl Why {
    fn say(&self, r: Reader) -> String {
        let t = r.lang.clipping();
        match self {
            Why::Cors(host) => format!("{}{host}{}", t.cors_before, t.cors_after),
            Why::Image => t.image_failed.to_string(),
            Why::Draw => t.cannot_draw.to_string(),
        }
    }
}

/// Cuts the clipping from the page image at the image's own resolution, as a PNG. The image is
/// asked for with CORS: the browser keeps a picture drawn from another site's image without it
/// (which the page map shows) out of reach of the page, and says so only by failing here.
async fn cut(src: Option<String>, c: Clip, page: (u32, u32)) -> Result<web_sys::Blob, Why> {
    let src = src.ok_or(Why::Image)?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| Why::Draw)?;
    img.set_cross_origin(Some("anonymous"));
    img.set_src(&src);
    if JsFuture::from(img.decode()).await.is_err() {
        return Err(match other_host(&src) {
            Some(host) => Why::Cors(host),
            None => Why::Image,
        });
    }
    let crop = clip::crop(c, page, (img.natural_width(), img.natural_height()));
    let canvas = document()
        .create_element("canvas")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or(Why::Draw)?;
    canvas.set_width(crop.width);
    canvas.set_height(crop.height);
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or(Why::Draw)?;
    context
        .draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &img,
            crop.sx,
            crop.sy,
            crop.sw,
            crop.sh,
            0.0,
            0.0,
            f64::from(crop.width),
            f64::from(crop.height),
        )
        .map_err(|_| Why::Draw)?;
    // `toBlob` hands the file to a callback (null when the canvas is too big to encode).
    let blob = js_sys::Promise::new(&mut |resolve, reject| {
        if canvas.to_blob(&resolve).is_err() {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    JsFuture::from(blob).await.ok().and_then(|b| b.dyn_into::<web_sys::Blob>().ok()).ok_or(Why::Draw)
}

/// The host of `src` when it is not this page's origin.
fn other_host(src: &str) -> Option<String> {
    let here = web_sys::window()?.location().origin().ok()?;
    let url = web_sys::Url::new(src).ok()?;
    (url.origin() != here).then(|| url.host())
}

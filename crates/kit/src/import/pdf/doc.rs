//! Opening a PDF with hayro-syntax (a file that cannot be read says why: password, damage, no
//! pages), and a page's picture: the scan it embeds, taken out as it is, or the page rendered
//! by hayro.

use hayro::hayro_syntax::object::Name;
use hayro::hayro_syntax::page::Page;
use hayro::hayro_syntax::{DecryptionError, Filter, LoadPdfError, Pdf};
use image::DynamicImage;
use std::sync::Arc;

/// Reads a PDF file's bytes, or says in a reader's words why it cannot be read.
pub fn open(bytes: Vec<u8>) -> Result<Pdf, String> {
    if !bytes.starts_with(b"%PDF-") && !bytes.get(..1024).is_some_and(|h| h.windows(5).any(|w| w == b"%PDF-")) {
        return Err("not a PDF (no %PDF- header)".into());
    }
    let pdf = Pdf::new(Arc::new(bytes)).map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => {
            "the PDF is encrypted with a password: save it without one (or give the publisher's unprotected file)"
                .to_string()
        }
        LoadPdfError::Decryption(d) => format!("the PDF is encrypted in a way that cannot be opened ({d:?})"),
        LoadPdfError::Invalid => "the PDF is damaged: its objects and pages cannot be read".to_string(),
    })?;
    if pdf.pages().is_empty() {
        return Err("the PDF is damaged or empty: it has no page".into());
    }
    Ok(pdf)
}

/// The page image a scan's PDF page embeds: of its image XObjects stored as one JPEG
/// (DCTDecode) or JPEG 2000 (JPXDecode) stream, the one with the most pixels, as its file
/// bytes; None when the page has none.
pub fn embedded_image(page: &Page<'_>) -> Option<Vec<u8>> {
    let data = largest_image(page)?;
    (data.starts_with(&[0xFF, 0xD8]) || crate::import::pictures::is_jp2(&data)).then_some(data)
}

/// Of a page's image XObjects stored as one DCTDecode or JPXDecode stream, the one with the
/// most pixels, its stream bytes as they are (not yet checked to be a JPEG or JPEG 2000 file).
pub fn largest_image(page: &Page<'_>) -> Option<Vec<u8>> {
    let res = page.resources();
    let mut best: Option<(u64, Vec<u8>)> = None;
    for name in res.x_objects.keys() {
        let Some(s) = res.get_x_object(&name) else { continue };
        let d = s.dict();
        let image = d.get::<Name<'_>>(b"Subtype").is_some_and(|n| n.as_str() == "Image");
        if !image || !matches!(s.filters().as_slice(), [Filter::DctDecode] | [Filter::JpxDecode]) {
            continue;
        }
        let pixels = d.get::<u32>(b"Width").unwrap_or(0) as u64 * d.get::<u32>(b"Height").unwrap_or(0) as u64;
        if best.as_ref().is_none_or(|(p, _)| pixels > *p) {
            best = Some((pixels, s.raw_data().into_owned()));
        }
    }
    best.map(|(_, data)| data)
}

/// The pixel size of a page rendered at `scale` pixels per point, as [`render`] makes it.
pub fn rendered_size(page: &Page<'_>, scale: f64) -> (u32, u32) {
    let (w, h) = page.render_dimensions();
    let s = scale as f32;
    (((w * s) as u16).max(1) as u32, ((h * s) as u16).max(1) as u32)
}

/// The largest scale that keeps a page within a JPEG's 65535 pixels a side.
pub fn fit_scale(page: &Page<'_>, scale: f64) -> f64 {
    let (w, h) = page.render_dimensions();
    scale.min(65000.0 / f64::from(w.max(h).max(1.0)))
}

/// The page rendered at `scale` pixels per point, on white.
pub fn render(page: &Page<'_>, scale: f64) -> DynamicImage {
    use hayro::vello_cpu::color::palette::css::WHITE;
    let cache = hayro::RenderCache::new();
    let settings = hayro::PixmapSettings { x_scale: scale as f32, y_scale: scale as f32, bg_color: WHITE };
    let pixmap = hayro::render(
        page,
        &cache,
        &hayro::hayro_interpret::InterpreterSettings::default(),
        &hayro::RenderSettings::default(),
        &settings,
    );
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Opaque on white: premultiplied and straight alpha are the same; the alpha goes.
    let rgb: Vec<u8> = pixmap.data_as_u8_slice().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, rgb).expect("the pixmap's own size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_files_say_why() {
        assert!(open(b"GIF89a".to_vec()).err().unwrap().contains("not a PDF"));
        let e = open(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF".to_vec());
        assert!(e.err().unwrap().contains("damaged"), "no pages");
    }
}

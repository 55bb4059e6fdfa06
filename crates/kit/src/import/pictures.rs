//! Page images: finding a browser-ready file for a master, reading sizes, decoding TIFF and
//! JPEG 2000, taking the page image out of a page PDF, and writing the page image with its
//! phone and thumbnail renditions (JPEG).

use broadsheet_model::{PageImage, Rendition};
use image::{DynamicImage, ImageReader};
use std::borrow::Cow;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a page PDF's embedded image is taken before a JPEG 2000 or TIFF master beside it
/// (`import batch --images pdf`): NDNP page PDFs embed a JPEG at half the master's resolution,
/// copied as it is, where the master would be decoded and encoded again.
static PREFER_PDF: AtomicBool = AtomicBool::new(false);

/// Sets, for the whole process, whether page PDFs come before masters (see [`locate`]).
pub fn prefer_pdf(on: bool) {
    PREFER_PDF.store(on, Ordering::Relaxed);
}

/// Width of the phone rendition, in pixels.
pub const PHONE_WIDTH: u32 = 1200;
/// Width of the thumbnail, in pixels.
pub const THUMB_WIDTH: u32 = 200;
/// JPEG quality of renditions, and of full-size pages converted from TIFF or JPEG 2000.
const RENDITION_QUALITY: u8 = 70;
const FULL_QUALITY: u8 = 85;

/// File name endings that every browser shows.
const BROWSER: [&str; 5] = ["jpg", "jpeg", "png", "gif", "webp"];

fn ext(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

pub fn is_browser_ready(path: &Path) -> bool {
    BROWSER.contains(&ext(path).as_str())
}

/// The file to use for a page image named `named`: itself when a browser shows it, else a
/// file with the same name stem and a browser-ready ending beside it (`0001.jpg` for
/// `0001.jp2`), else the master itself when it exists (to be converted), else a page PDF with
/// the same stem that embeds the page image (`0001.pdf`, as NDNP batches ship). With
/// [`prefer_pdf`] the PDF comes before the master. None when nothing is on disk.
pub fn locate(named: &Path) -> Option<PathBuf> {
    if is_browser_ready(named) && named.is_file() {
        return Some(named.to_path_buf());
    }
    let stem = named.file_stem()?;
    let dir = named.parent().unwrap_or(Path::new("."));
    let sibling = |endings: &[&str]| {
        endings.iter().flat_map(|e| [e.to_string(), e.to_ascii_uppercase()]).find_map(|e| {
            let p = dir.join(stem).with_extension(&e);
            p.is_file().then_some(p)
        })
    };
    if let Some(p) = sibling(&BROWSER) {
        return Some(p);
    }
    let pdf = || sibling(&["pdf"]).filter(|p| fs::read(p).is_ok_and(|b| pdf_image(&b).is_ok()));
    if PREFER_PDF.load(Ordering::Relaxed) {
        if let Some(p) = pdf() {
            return Some(p);
        }
    }
    if named.is_file() {
        return Some(named.to_path_buf());
    }
    pdf()
}

fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The page image a PDF embeds: of the image XObjects on its first page stored as one JPEG
/// (DCTDecode) or JPEG 2000 (JPXDecode) stream, the one with the most pixels, as its file bytes.
pub fn pdf_image(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use hayro_syntax::Pdf;
    let pdf = Pdf::new(std::sync::Arc::new(bytes.to_vec())).map_err(|e| format!("not a readable PDF: {e:?}"))?;
    let page = pdf.pages().first().ok_or("the PDF has no page")?;
    let data = super::pdf::doc::largest_image(page).ok_or("the PDF's first page has no JPEG or JPEG 2000 image")?;
    if !(data.starts_with(&[0xFF, 0xD8]) || is_jp2(&data)) {
        return Err("the PDF's page image is not a JPEG or JPEG 2000 file".into());
    }
    Ok(data)
}

/// Whether `bytes` begin as a JPEG 2000 file (JP2 box) or codestream does.
pub fn is_jp2(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x00\x00\x00\x0C\x6A\x50\x20\x20") || bytes.starts_with(b"\xFF\x4F\xFF\x51")
}

/// The pixel size of an image file, from its header only.
pub fn size(path: &Path) -> Result<(u32, u32), String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: cannot read the image: {e}", path.display()))?;
    size_of(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

pub(crate) fn size_of(bytes: &[u8]) -> Result<(u32, u32), String> {
    if is_pdf(bytes) {
        return size_of(&pdf_image(bytes)?);
    }
    if is_jp2(bytes) {
        let img = hayro_jpeg2000::Image::new(bytes, &Default::default())
            .map_err(|e| format!("not a readable JPEG 2000 image: {e:?}"))?;
        return Ok((img.width(), img.height()));
    }
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .into_dimensions()
        .map_err(|e| format!("not a readable image: {e}"))
}

/// Whether a JPEG or JPEG 2000 file is whole: both decoders read a file cut short (an
/// interrupted copy) without an error, as a page blank or grey below the cut, so the end
/// marker (EOI, EOC: FF D9) is looked for: at the end of a JPEG, give or take 1 KiB of padding
/// or trailing bytes, and at the end of a JP2 file's codestream box.
fn whole(bytes: &[u8]) -> Result<(), String> {
    let ends = |b: &[u8], slack: usize| b[b.len().saturating_sub(slack + 2)..].windows(2).any(|w| w == [0xFF, 0xD9]);
    let cut = |what: &str| Err(format!("the {what} ends before its end marker: the file is cut short"));
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return if ends(bytes, 1024) { Ok(()) } else { cut("JPEG") };
    }
    if bytes.starts_with(b"\xFF\x4F\xFF\x51") {
        return if ends(bytes, 0) { Ok(()) } else { cut("JPEG 2000 codestream") };
    }
    if !is_jp2(bytes) {
        return Ok(());
    }
    // JP2 boxes: length (4 bytes; 1: an 8-byte length follows; 0: to the end), type (4 bytes).
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as u64;
        let (len, head) = match len {
            0 => ((bytes.len() - at) as u64, 8),
            1 if at + 16 <= bytes.len() => {
                (u64::from_be_bytes(bytes[at + 8..at + 16].try_into().expect("8 bytes")), 16)
            }
            _ => (len, 8),
        };
        let end = at as u64 + len;
        if len < head as u64 || end > bytes.len() as u64 {
            return cut("JPEG 2000 file");
        }
        if &bytes[at + 4..at + 8] == b"jp2c" {
            let stream = &bytes[at + head..end as usize];
            return if ends(stream, 0) { Ok(()) } else { cut("JPEG 2000 codestream") };
        }
        at = end as usize;
    }
    cut("JPEG 2000 file")
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    if is_jp2(bytes) {
        return decode_jp2(bytes);
    }
    let img = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .decode()
        .map_err(|e| format!("not a readable image: {e}"))?;
    Ok(img)
}

fn decode_jp2(bytes: &[u8]) -> Result<DynamicImage, String> {
    use hayro_jpeg2000::{ColorSpace, DecoderContext, Image};
    let bad = |e: hayro_jpeg2000::error::DecodeError| format!("not a readable JPEG 2000 image: {e:?}");
    let img = Image::new(bytes, &Default::default()).map_err(bad)?;
    let (w, h, alpha) = (img.width(), img.height(), img.has_alpha());
    let channels = img.color_space().num_channels();
    let cmyk = matches!(img.color_space(), ColorSpace::CMYK);
    let data = {
        // The decoder's working buffers (several times the image) go before the pixels are used.
        let mut ctx = DecoderContext::default();
        img.decode(&mut ctx).map_err(bad)?.data_u8()
    };
    let short = || "the JPEG 2000 image decoded to fewer samples than its size".to_string();
    let n = channels as usize + alpha as usize;
    if data.len() < w as usize * h as usize * n {
        return Err(short());
    }
    // The first `k` samples of each pixel; the decoded buffer itself when that is all of them
    // (a 5000x6600 grey NDNP page is 35 MB: not copied).
    let pixels = |data: Vec<u8>, k: usize| -> Vec<u8> {
        if k == n {
            data
        } else {
            data.chunks_exact(n).flat_map(|p| p[..k].to_vec()).collect()
        }
    };
    let out = match (channels, cmyk) {
        (1, _) => DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, pixels(data, 1)).ok_or_else(short)?),
        (3, _) if alpha => {
            DynamicImage::ImageRgba8(image::RgbaImage::from_raw(w, h, pixels(data, 4)).ok_or_else(short)?)
        }
        (3, _) => DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, pixels(data, 3)).ok_or_else(short)?),
        (4, true) => {
            let rgb: Vec<u8> = data
                .chunks_exact(n)
                .flat_map(|p| {
                    let k = 255 - p[3] as u16;
                    [0, 1, 2].map(|i| ((255 - p[i] as u16) * k / 255) as u8)
                })
                .collect();
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, rgb).ok_or_else(short)?)
        }
        (c, _) => return Err(format!("JPEG 2000 images with {c} colour channels are not supported")),
    };
    Ok(out)
}

fn jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    use jpeg_encoder::{ColorType, Encoder};
    let (w, h) = (img.width(), img.height());
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(format!("{w}x{h} is too large for a JPEG (at most 65535 pixels a side)"));
    };
    // Grey and RGB pages are encoded from their own buffer, not a copy.
    let (data, color): (Cow<'_, [u8]>, _) = match img {
        DynamicImage::ImageLuma8(g) => (Cow::Borrowed(g.as_raw()), ColorType::Luma),
        DynamicImage::ImageRgb8(c) => (Cow::Borrowed(c.as_raw()), ColorType::Rgb),
        i if i.color().has_color() => (Cow::Owned(i.to_rgb8().into_raw()), ColorType::Rgb),
        i => (Cow::Owned(i.to_luma8().into_raw()), ColorType::Luma),
    };
    let mut out = Vec::new();
    Encoder::new(&mut out, quality).encode(&data, w16, h16, color).map_err(|e| format!("cannot encode JPEG: {e}"))?;
    Ok(out)
}

/// Area-averaging resize of 8-bit samples (`channels` per pixel), for shrinking only: each
/// output sample is the mean of the input area it covers, in 16.16 fixed point.
fn area_resize(src: &[u8], sw: usize, sh: usize, channels: usize, dw: usize, dh: usize) -> Vec<u8> {
    // For each output index: the input indexes it covers and their weights (summing to 1<<16).
    fn spans(s: usize, d: usize) -> Vec<Vec<(usize, u32)>> {
        let scale = s as f64 / d as f64;
        (0..d)
            .map(|i| {
                let (a, b) = (i as f64 * scale, ((i + 1) as f64 * scale).min(s as f64));
                let mut v: Vec<(usize, f64)> = Vec::new();
                let mut x = a.floor() as usize;
                while (x as f64) < b && x < s {
                    let cover = (b.min(x as f64 + 1.0) - a.max(x as f64)).max(0.0);
                    if cover > 0.0 {
                        v.push((x, cover));
                    }
                    x += 1;
                }
                let total: f64 = v.iter().map(|(_, c)| c).sum::<f64>().max(f64::MIN_POSITIVE);
                v.into_iter().map(|(x, c)| (x, (c / total * 65536.0).round() as u32)).collect()
            })
            .collect()
    }
    let (xs, ys) = (spans(sw, dw), spans(sh, dh));
    // Horizontal pass, one input row at a time, into 32-bit sums per output column.
    let mut rows = vec![0u32; sh * dw * channels];
    for y in 0..sh {
        let row = &src[y * sw * channels..(y + 1) * sw * channels];
        let out = &mut rows[y * dw * channels..(y + 1) * dw * channels];
        for (dx, span) in xs.iter().enumerate() {
            for c in 0..channels {
                let sum: u32 = span.iter().map(|&(x, w)| row[x * channels + c] as u32 * w).sum();
                out[dx * channels + c] = sum >> 8;
            }
        }
    }
    let mut out = vec![0u8; dw * dh * channels];
    for (dy, span) in ys.iter().enumerate() {
        let o = &mut out[dy * dw * channels..(dy + 1) * dw * channels];
        for (k, v) in o.iter_mut().enumerate() {
            let sum: u64 = span.iter().map(|&(y, w)| rows[y * dw * channels + k] as u64 * w as u64).sum();
            *v = ((sum + (1 << 23)) >> 24).min(255) as u8;
        }
    }
    out
}

/// A JPEG decoded at the smallest DCT scale (1/8, 1/4, 1/2 or 1) that is still at least
/// `width` wide: far less work than a full decode when only renditions are needed.
fn decode_jpeg_scaled(bytes: &[u8], width: u32) -> Result<DynamicImage, String> {
    let bad = |e: jpeg_decoder::Error| format!("not a readable JPEG: {e}");
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.read_info().map_err(bad)?;
    let info = d.info().ok_or("not a readable JPEG: no frame header")?;
    let (w, h) = (info.width as u32, info.height as u32);
    if w > width {
        let want_h = ((h as u64 * width as u64) / w as u64).max(1);
        d.scale(width.min(u16::MAX as u32) as u16, want_h.min(u16::MAX as u64) as u16).map_err(bad)?;
    }
    let px = d.decode().map_err(bad)?;
    let info = d.info().ok_or("not a readable JPEG: no frame header")?;
    let (w, h) = (info.width as u32, info.height as u32);
    let short = || "the JPEG decoded to fewer pixels than its size".to_string();
    use jpeg_decoder::PixelFormat::*;
    Ok(match info.pixel_format {
        L8 => DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, px).ok_or_else(short)?),
        L16 => DynamicImage::ImageLuma8(
            image::GrayImage::from_raw(w, h, px.chunks_exact(2).map(|c| c[0]).collect()).ok_or_else(short)?,
        ),
        RGB24 => DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, px).ok_or_else(short)?),
        CMYK32 => {
            let rgb = px.chunks_exact(4).flat_map(|p| {
                let k = 255 - p[3] as u16;
                [0, 1, 2].map(|i| ((255 - p[i] as u16) * k / 255) as u8)
            });
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, rgb.collect()).ok_or_else(short)?)
        }
    })
}

/// Width-limited copy, keeping the aspect ratio.
fn shrink(img: &DynamicImage, width: u32) -> DynamicImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let height = ((h as u64 * width as u64 + w as u64 / 2) / w as u64).max(1) as usize;
    let width = width as usize;
    match img {
        DynamicImage::ImageLuma8(g) if width <= w && height <= h => {
            let px = area_resize(g.as_raw(), w, h, 1, width, height);
            DynamicImage::ImageLuma8(image::GrayImage::from_raw(width as u32, height as u32, px).expect("sized"))
        }
        DynamicImage::ImageRgb8(c) if width <= w && height <= h => {
            let px = area_resize(c.as_raw(), w, h, 3, width, height);
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(width as u32, height as u32, px).expect("sized"))
        }
        other => other.thumbnail_exact(width as u32, height as u32),
    }
}

/// Writes the page image `base.EXT` into `dir` (the file itself when a browser shows it, else
/// converted to JPEG) with `base-phone.jpg` (when wider than the phone width) and
/// `base-thumb.jpg`, and returns what the issue says about them.
pub fn render(source: &Path, dir: &Path, base: &str) -> Result<PageImage, String> {
    let at = |e: String| format!("{}: {e}", source.display());
    let bytes = fs::read(source).map_err(|e| at(format!("cannot read the image: {e}")))?;
    // A page PDF stands for the image it embeds: a JPEG is copied as it is, like a JPEG file.
    let (bytes, ready, ending) = if is_pdf(&bytes) {
        let image = pdf_image(&bytes).map_err(at)?;
        let jpeg = image.starts_with(&[0xFF, 0xD8]);
        (image, jpeg, "jpg".to_string())
    } else {
        (bytes, is_browser_ready(source), ext(source))
    };
    write_page(&bytes, ready, &ending, dir, base).map_err(at)
}

/// Writes a page image's file `bytes` (its `ending` when `ready`: a browser shows it as it is;
/// else converted to JPEG) and its renditions; see [`render`].
fn write_page(bytes: &[u8], ready: bool, ending: &str, dir: &Path, base: &str) -> Result<PageImage, String> {
    let jpeg_in = bytes.starts_with(&[0xFF, 0xD8]);
    whole(bytes)?;
    // A browser-ready JPEG is copied as it is: decode only what the renditions need.
    let (img, (w, h)) = if ready && jpeg_in {
        (decode_jpeg_scaled(bytes, PHONE_WIDTH)?, size_of(bytes)?)
    } else {
        let img = decode(bytes)?;
        let size = (img.width(), img.height());
        (img, size)
    };
    if w == 0 || h == 0 {
        return Err("the image is empty".into());
    }
    let src = if ready {
        let name = format!("{base}.{ending}");
        write_file(dir, &name, bytes)?;
        name
    } else {
        let name = format!("{base}.jpg");
        write_file(dir, &name, &jpeg(&img, FULL_QUALITY)?)?;
        name
    };
    let renditions = renditions(&img, w, dir, base)?;
    Ok(PageImage { src, width: w, height: h, renditions })
}

/// Writes a page image made here (a PDF page rendered) as `base.jpg` with its renditions.
pub fn write_image(img: &DynamicImage, dir: &Path, base: &str) -> Result<PageImage, String> {
    let (w, h) = (img.width(), img.height());
    if w == 0 || h == 0 {
        return Err("the image is empty".into());
    }
    let src = format!("{base}.jpg");
    write_file(dir, &src, &jpeg(img, FULL_QUALITY)?)?;
    let renditions = renditions(img, w, dir, base)?;
    Ok(PageImage { src, width: w, height: h, renditions })
}

fn write_file(dir: &Path, name: &str, data: &[u8]) -> Result<(), String> {
    fs::write(dir.join(name), data).map_err(|e| format!("{}: cannot write: {e}", dir.join(name).display()))
}

/// `base-phone.jpg` (when the page `w` is wider than the phone width) and `base-thumb.jpg` of
/// `img` (the page, or a copy at least the phone width wide).
fn renditions(img: &DynamicImage, w: u32, dir: &Path, base: &str) -> Result<Vec<Rendition>, String> {
    let mut renditions = Vec::new();
    let mut small = img;
    let phone;
    if w > PHONE_WIDTH {
        phone = shrink(img, PHONE_WIDTH);
        let name = format!("{base}-phone.jpg");
        write_file(dir, &name, &jpeg(&phone, RENDITION_QUALITY)?)?;
        renditions.push(Rendition { src: name, width: PHONE_WIDTH });
        small = &phone;
    }
    let thumb_width = THUMB_WIDTH.min(w);
    let thumb = shrink(small, thumb_width);
    let name = format!("{base}-thumb.jpg");
    write_file(dir, &name, &jpeg(&thumb, RENDITION_QUALITY)?)?;
    renditions.push(Rendition { src: name, width: thumb_width });
    Ok(renditions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_resize_averages() {
        // 4x2 grey to 2x1: each output is the mean of a 2x2 square.
        let src = [0, 100, 200, 255, 0, 100, 200, 255];
        assert_eq!(area_resize(&src, 4, 2, 1, 2, 1), vec![50, 228]);
        // 3 to 2: thirds split between outputs.
        assert_eq!(area_resize(&[0, 90, 180], 3, 1, 1, 2, 1), vec![30, 150]);
        let rgb = [10, 20, 30, 30, 40, 50];
        assert_eq!(area_resize(&rgb, 2, 1, 3, 1, 1), vec![20, 30, 40]);
    }

    /// The NDNP-style fixture batch (tests/fixtures/import/batch, made by its make.py).
    fn batch_fixture(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/batch/sn99999999/0000000001").join(rel)
    }

    #[test]
    fn a_jpeg_2000_page_in_the_ndnp_profile_is_decoded() {
        // Encoded by opj_compress as NDNP service images are: 9-7, 25 layers, RLCP, tiles.
        let src = batch_fixture("1916082601/0001.jp2");
        assert_eq!(size(&src).unwrap(), (400, 520));
        let out = tempfile::tempdir().unwrap();
        let pi = render(&src, out.path(), "p1").unwrap();
        assert_eq!((pi.src.as_str(), pi.width, pi.height), ("p1.jpg", 400, 520));
        let img = image::open(out.path().join("p1.jpg")).unwrap().to_luma8();
        // The headline's first stroke is printed dark; the margin stays paper white.
        assert!(img.get_pixel(30, 30)[0] < 90, "ink: {}", img.get_pixel(30, 30)[0]);
        assert!(img.get_pixel(5, 510)[0] > 220, "paper: {}", img.get_pixel(5, 510)[0]);
        // Cut short, as by an interrupted copy: refused, where the decoder would give a blank page.
        let bytes = fs::read(&src).unwrap();
        let cut = out.path().join("cut.jp2");
        fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        let e = render(&cut, out.path(), "p2").unwrap_err();
        assert!(e.contains("cut.jp2: the JPEG 2000 file ends before its end marker"), "{e}");
    }

    #[test]
    fn a_page_pdf_stands_for_the_jpeg_it_embeds() {
        let pdf = batch_fixture("1916082701/0001.pdf");
        let bytes = fs::read(&pdf).unwrap();
        let jpeg = pdf_image(&bytes).unwrap();
        assert!(jpeg.starts_with(&[0xFF, 0xD8]) && bytes.windows(jpeg.len()).any(|w| w == jpeg), "the embedded bytes");
        assert_eq!(size(&pdf).unwrap(), (200, 260), "half the service image, as in NDNP");
        let out = tempfile::tempdir().unwrap();
        let pi = render(&pdf, out.path(), "p1").unwrap();
        assert_eq!((pi.src.as_str(), pi.width, pi.height), ("p1.jpg", 200, 260));
        assert_eq!(fs::read(out.path().join("p1.jpg")).unwrap(), jpeg, "copied as it is");
        // The JPEG 2000 is named but missing: the PDF beside it is found.
        assert_eq!(locate(&batch_fixture("1916082701/0001.jp2")), Some(pdf.clone()));
        // Both there: the master first, unless PDFs are preferred (not set in these tests).
        assert_eq!(locate(&batch_fixture("1916082601/0001.jp2")), Some(batch_fixture("1916082601/0001.jp2")));
        assert!(pdf_image(b"%PDF-1.4 nothing").unwrap_err().contains("not a readable PDF"));
        // The Library of Congress page PDF of shared data 02, where it is present.
        let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/02-evening-star-1916-08-26-p1");
        if real.is_dir() {
            let jpeg = pdf_image(&fs::read(real.join("0007.pdf")).unwrap()).unwrap();
            assert!(jpeg == fs::read(real.join("0007.jpg")).unwrap(), "the PDF's image, byte for byte");
            assert_eq!(size(&real.join("0007.pdf")).unwrap(), (2650, 3297));
        }
    }

    #[test]
    fn files_cut_short_are_told() {
        assert!(whole(&[0xFF, 0xD8, 1, 2, 0xFF, 0xD9]).is_ok());
        assert!(whole(&[0xFF, 0xD8, 1, 2, 0xFF, 0xD9, 0, 0, 0]).is_ok(), "padding after the end");
        assert!(whole(&[0xFF, 0xD8, 1, 2, 3]).unwrap_err().contains("JPEG ends before its end marker"));
        assert!(whole(b"\x89PNG").is_ok(), "other formats are not judged here");
        let mut jp2 = b"\x00\x00\x00\x0C\x6A\x50\x20\x20\x0D\x0A\x87\x0A".to_vec();
        jp2.extend_from_slice(&[0, 0, 0, 14]);
        jp2.extend_from_slice(b"jp2c");
        jp2.extend_from_slice(&[0xFF, 0x4F, 0xFF, 0x51, 0xFF, 0xD9]);
        assert!(whole(&jp2).is_ok());
        jp2.extend_from_slice(b"\x00\x00\x00\x09xml x");
        assert!(whole(&jp2).is_ok(), "a box after the codestream");
        jp2.truncate(jp2.len() - 10);
        assert!(whole(&jp2).unwrap_err().contains("JPEG 2000 file ends before"), "the box runs past the end");
    }

    #[test]
    fn a_png_is_kept_and_gets_renditions() {
        let dir = std::env::temp_dir().join(format!("bk-pictures-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let src = dir.join("page.png");
        image::RgbaImage::from_pixel(1500, 2000, image::Rgba([200, 10, 10, 255])).save(&src).unwrap();
        let out = dir.join("out");
        fs::create_dir_all(&out).unwrap();
        let pi = render(&src, &out, "p1").unwrap();
        assert_eq!((pi.src.as_str(), pi.width, pi.height), ("p1.png", 1500, 2000));
        assert_eq!(
            pi.renditions.iter().map(|r| (r.src.as_str(), r.width)).collect::<Vec<_>>(),
            vec![("p1-phone.jpg", 1200), ("p1-thumb.jpg", 200)]
        );
        assert_eq!(size(&out.join("p1-phone.jpg")).unwrap(), (1200, 1600));
        assert_eq!(size(&out.join("p1-thumb.jpg")).unwrap(), (200, 267));
        assert_eq!(fs::read(&src).unwrap(), fs::read(out.join("p1.png")).unwrap());
        assert_eq!(locate(&dir.join("page.jp2")), Some(src.clone()), "a sibling stands for the master");
        assert_eq!(locate(&dir.join("nothing.tif")), None);
        fs::write(dir.join("bad.jpg"), b"not a jpeg").unwrap();
        let e = render(&dir.join("bad.jpg"), &out, "p2").unwrap_err();
        assert!(e.contains("bad.jpg: not a readable image"), "{e}");
        fs::remove_dir_all(&dir).unwrap();
    }
}

//! Rules seen on the page image. Old newspapers part their stories with printed rules (the
//! cut-off rule, a dash across the column), which OCR rarely reports: the gap between two
//! lines is looked at on a grey copy of the page, reduced so that a line of text stays about
//! a dozen samples high.

use crate::import::geom::Rect;
use std::io::Cursor;
use std::path::Path;

/// A grey image of the page: `scale` samples per page pixel, and the level under which a
/// sample is ink.
pub struct Grey {
    width: usize,
    height: usize,
    px: Vec<u8>,
    scale: f64,
    dark: u8,
}

impl Grey {
    /// A grey image of `width` x `height` samples (row by row) that shows the page at `scale`
    /// samples per page pixel. Ink is what is darker than halfway between the paper (the
    /// median sample) and the blackest ink (the darkest 1 %).
    pub fn new(width: usize, height: usize, px: Vec<u8>, scale: f64) -> Grey {
        let mut hist = [0usize; 256];
        px.iter().for_each(|&v| hist[v as usize] += 1);
        let level = |share: f64| {
            let want = (px.len() as f64 * share) as usize;
            let mut seen = 0;
            (0..256).find(|&v| {
                seen += hist[v];
                seen > want
            })
        };
        let (ink, paper) = (level(0.01).unwrap_or(0), level(0.5).unwrap_or(255));
        Grey { width, height, px, scale, dark: ((ink + paper) / 2) as u8 }
    }

    /// The longest stroke of ink along the gap `band` (page pixels, between two lines), as a
    /// share of the band's width: near 1 for a rule across it, small for stray specks. A
    /// stroke may waver by a sample (skewed scans) and skip one light sample (worn type).
    pub fn rule(&self, band: &Rect) -> f64 {
        let s = self.scale;
        let x0 = (band.x0 * s).floor().max(0.0) as usize;
        let x1 = ((band.x1 * s).ceil().max(0.0) as usize).min(self.width);
        let y0 = ((band.y0 + 1.0) * s).ceil().max(0.0) as usize;
        let y1 = (((band.y1 - 1.0) * s).floor().max(0.0) as usize).min(self.height.saturating_sub(1));
        if x1 <= x0 + 2 || y1 < y0 {
            return 0.0;
        }
        let ink = |x: usize, y: usize| self.px[y * self.width + x] < self.dark;
        let mut best = 0;
        for y in y0..=y1 {
            let (mut run, mut light) = (0, 0);
            for x in x0..x1 {
                if ink(x, y) || (y < y1 && ink(x, y + 1)) {
                    run += 1 + light;
                    light = 0;
                    best = best.max(run);
                } else if run > 0 && light == 0 {
                    light = 1;
                } else {
                    run = 0;
                    light = 0;
                }
            }
        }
        best as f64 / (x1 - x0) as f64
    }
}

/// The page image at `path` as a grey copy for a page of `size` pixels whose text lines are
/// `line` pixels high. JPEG and JPEG 2000 are decoded straight at the reduced size.
pub fn load(path: &Path, size: (u32, u32), line: f64) -> Result<Grey, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read the image: {e}", path.display()))?;
    // The smallest of 1, 1/2, 1/4, 1/8 that keeps a line 12 samples high.
    let want = (12.0 / line.max(1.0)).min(1.0);
    let step = [8u32, 4, 2, 1].into_iter().find(|d| 1.0 / *d as f64 >= want).unwrap_or(1);
    let jp2 = bytes.starts_with(b"\x00\x00\x00\x0C\x6A\x50\x20\x20") || bytes.starts_with(b"\xFF\x4F\xFF\x51");
    let (w, h, px) = if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(&bytes, size, step)?
    } else if jp2 {
        jpeg2000(&bytes, size, step).map_err(|e| format!("{}: {e}", path.display()))?
    } else {
        let img = image::ImageReader::new(Cursor::new(&bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())?
            .decode()
            .map_err(|e| format!("{}: not a readable image: {e}", path.display()))?
            .to_luma8();
        let (w, h) = (img.width() as usize, img.height() as usize);
        reduce(img.as_raw(), w, h, step as usize)
    };
    if w == 0 || h == 0 || size.0 == 0 {
        return Err(format!("{}: the image is empty", path.display()));
    }
    Ok(Grey::new(w, h, px, w as f64 / size.0 as f64))
}

/// A JPEG decoded in grey at 1/`step` of its size or a little more (DCT scaling).
fn jpeg(bytes: &[u8], size: (u32, u32), step: u32) -> Result<(usize, usize, Vec<u8>), String> {
    let bad = |e: jpeg_decoder::Error| format!("not a readable JPEG: {e}");
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.read_info().map_err(bad)?;
    let (rw, rh) = ((size.0 / step).max(1), (size.1 / step).max(1));
    d.scale(rw.min(u16::MAX as u32) as u16, rh.min(u16::MAX as u32) as u16).map_err(bad)?;
    let px = d.decode().map_err(bad)?;
    let info = d.info().ok_or("not a readable JPEG: no frame header")?;
    let (w, h) = (info.width as usize, info.height as usize);
    use jpeg_decoder::PixelFormat::*;
    let grey: Vec<u8> = match info.pixel_format {
        L8 => px,
        L16 => px.chunks_exact(2).map(|c| c[0]).collect(),
        RGB24 => px.chunks_exact(3).map(|c| ((c[0] as u16 + c[1] as u16 + c[2] as u16) / 3) as u8).collect(),
        CMYK32 => px
            .chunks_exact(4)
            .map(|c| ((255 - c[3] as u16) * (255 - c[0].max(c[1]).max(c[2]) as u16) / 255) as u8)
            .collect(),
    };
    if grey.len() < w * h {
        return Err("the JPEG decoded to fewer pixels than its size".into());
    }
    Ok((w, h, grey))
}

/// A JPEG 2000 image decoded in grey at a reduced resolution level, about 1/`step` of its
/// size (the levels a JPEG 2000 file holds cost far less than the whole image).
fn jpeg2000(bytes: &[u8], size: (u32, u32), step: u32) -> Result<(usize, usize, Vec<u8>), String> {
    use hayro_jpeg2000::{DecodeSettings, DecoderContext, Image};
    let bad = |e: hayro_jpeg2000::error::DecodeError| format!("not a readable JPEG 2000 image: {e:?}");
    let settings = DecodeSettings {
        target_resolution: Some(((size.0 / step).max(1), (size.1 / step).max(1))),
        ..Default::default()
    };
    let img = Image::new(bytes, &settings).map_err(bad)?;
    let n = img.color_space().num_channels() as usize + img.has_alpha() as usize;
    let (fw, fh) = (img.width() as usize, img.height() as usize);
    let mut ctx = DecoderContext::default();
    let data = img.decode(&mut ctx).map_err(bad)?.data_u8();
    // The level decoded: the one whose size matches the samples.
    let (w, h) = (0..8)
        .map(|k| (fw.div_ceil(1 << k), fh.div_ceil(1 << k)))
        .find(|(w, h)| w * h * n == data.len())
        .ok_or("the JPEG 2000 image decoded to an unexpected number of samples")?;
    let grey =
        data.chunks_exact(n).map(|c| (c[..n.min(3)].iter().map(|&v| v as u16).sum::<u16>() / n.min(3) as u16) as u8);
    Ok((w, h, grey.collect()))
}

/// Grey samples averaged over `step` x `step` squares.
fn reduce(px: &[u8], w: usize, h: usize, step: usize) -> (usize, usize, Vec<u8>) {
    if step <= 1 {
        return (w, h, px.to_vec());
    }
    let (rw, rh) = (w / step, h / step);
    let mut out = Vec::with_capacity(rw * rh);
    for y in 0..rh {
        for x in 0..rw {
            let sum: u32 = (0..step)
                .flat_map(|dy| (0..step).map(move |dx| (y * step + dy) * w + x * step + dx))
                .map(|i| px[i] as u32)
                .sum();
            out.push((sum / (step * step) as u32) as u8);
        }
    }
    (rw, rh, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page of 100 x 60 samples with a rule at row 30 from x 10 to 89, broken at 50,
    /// and a speck at row 45.
    fn page() -> Grey {
        let (w, h) = (100, 60);
        let mut px = vec![230u8; w * h];
        for x in 10..90 {
            if x != 50 {
                px[30 * w + x] = 20;
            }
        }
        for x in 20..28 {
            px[45 * w + x] = 20;
        }
        // Text-dark samples elsewhere so that the ink level is known.
        px[..w].iter_mut().for_each(|p| *p = 10);
        Grey::new(w, h, px, 0.5)
    }

    #[test]
    fn a_rule_in_a_gap_is_seen_and_a_speck_is_not() {
        let g = page();
        // Page pixels are twice the samples: the rule is at y 60, x 20..180.
        let r = g.rule(&Rect { x0: 20.0, y0: 50.0, x1: 180.0, y1: 70.0 });
        assert!(r > 0.95, "{r}");
        let speck = g.rule(&Rect { x0: 20.0, y0: 80.0, x1: 180.0, y1: 100.0 });
        assert!(speck < 0.15, "{speck}");
        assert_eq!(g.rule(&Rect { x0: 20.0, y0: 70.0, x1: 180.0, y1: 71.0 }), 0.0, "no room for a rule");
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/mets");
        // JPEG 2000 at a reduced level (120 x 160, text lines 48 px high: a quarter), and PNG.
        let g = load(&fixtures.join("page3.jp2"), (120, 160), 48.0).unwrap();
        assert_eq!((g.width, g.height, g.scale), (30, 40, 0.25));
        let g = load(&fixtures.join("page1.png"), (500, 700), 12.0).unwrap();
        assert_eq!((g.width, g.height, g.scale), (500, 700, 1.0));
        let (w, h, px) = reduce(&[0, 100, 200, 255, 0, 100, 200, 255], 4, 2, 2);
        assert_eq!((w, h, px), (2, 1, vec![50, 227]));
    }
}

//! What hayro, the kit's PDF library, does on its own, for `make bench` (tests/bench/pdf.bench.mjs)
//! to set beside MuPDF (`mutool draw`) and Poppler (`pdftoppm`, `pdftotext`) where those are
//! installed: every page of the PDFs given rendered at DPI and written as PNG into OUT (the
//! seconds that took), its text as the kit reads it written beside it, and, with `--against
//! DIR` (another engine's PNGs of the same pages, named alike), how far the pixels differ.
//!
//!   cargo run --release --example pdf_engine -- DPI OUT [--against DIR] FILE.pdf...
use broadsheet_kit::import::pdf::{doc, lines, text};
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let against = args.iter().position(|a| a == "--against").map(|k| {
        args.remove(k);
        args.remove(k)
    });
    let (Some(dpi), Some(out)) = (args.first().and_then(|d| d.parse::<f64>().ok()), args.get(1).cloned()) else {
        eprintln!("usage: pdf_engine DPI OUT [--against DIR] FILE.pdf...");
        std::process::exit(2);
    };
    let (mut pages, mut render, mut read) = (0, 0.0, 0.0);
    let (mut diff, mut visible, mut pixels) = (0.0, 0u64, 0u64);
    for (k, file) in args[2..].iter().enumerate() {
        let pdf = doc::open(std::fs::read(file).expect("a readable file")).expect("a PDF");
        for (p, page) in pdf.pages().iter().enumerate() {
            let name = format!("{k}-{p}");
            let t = Instant::now();
            let image = doc::render(page, dpi / 72.0);
            image.save(format!("{out}/{name}.png")).expect("a PNG written");
            render += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let content = text::read(page);
            let text: Vec<String> = lines::lines(&content.glyphs).iter().map(|l| l.text()).collect();
            read += t.elapsed().as_secs_f64();
            std::fs::write(format!("{out}/{name}.txt"), text.join("\n")).expect("the text written");
            pages += 1;
            // Grey levels compared over the area both cover (sizes may differ by a pixel's
            // rounding).
            if let Some(dir) = &against {
                let theirs = image::open(format!("{dir}/{name}.png")).expect("the other engine's page").to_luma8();
                let ours = image.to_luma8();
                let (w, h) = (ours.width().min(theirs.width()), ours.height().min(theirs.height()));
                for y in 0..h {
                    for x in 0..w {
                        let d = (f64::from(ours.get_pixel(x, y)[0]) - f64::from(theirs.get_pixel(x, y)[0])).abs();
                        diff += d;
                        visible += u64::from(d > 64.0);
                    }
                }
                pixels += u64::from(w) * u64::from(h);
            }
        }
    }
    let compared = if pixels > 0 {
        format!(",\"meanDiff\":{:.3},\"visible\":{:.5}", diff / pixels as f64, visible as f64 / pixels as f64)
    } else {
        String::new()
    };
    println!("{{\"pages\":{pages},\"render\":{render:.4},\"text\":{read:.4}{compared}}}");
}

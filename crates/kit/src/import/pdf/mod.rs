//! PDF through hayro (the parsing, interpreting and rendering are the library's; nothing here
//! reads PDF syntax): `import pdf` for editions published as page PDFs, and the text layer of
//! the page PDFs that other exports ship beside their scans.

pub mod cjk;
pub mod doc;
pub mod edition;
pub mod lines;
pub mod text;
pub mod unframed;

use std::path::Path;

/// What the first page of a PDF file shows (its text layer, rules, images).
pub fn first_page(path: &Path) -> Result<text::Content, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let pdf = doc::open(bytes)?;
    let page = pdf.pages().first().ok_or("the PDF has no page")?;
    Ok(text::read(page))
}

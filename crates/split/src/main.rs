//! `broadsheet-split INPUT MAIN_OUT PARTS_DIR`: splits the reader's linked wasm (built with
//! `--cfg broadsheet_split -Clink-args=--emit-relocs`) at its split points. The main module goes
//! to MAIN_OUT, for wasm-bindgen; each part, the chunks the parts share and `parts.js`, which
//! fetches them, go to PARTS_DIR. Run by scripts/bin/wasm-bindgen (docs/testing.md, "Splitting
//! the wasm"); prints the part files written, one a line.

use std::path::Path;
use std::process::ExitCode;

/// Where `parts.js` imports the app's JavaScript from (it asks it for the running module's
/// memory and table). The app's file name carries a hash Trunk gives it after this runs, so the
/// post-build hook (scripts/post-build.mjs) puts the real name in place of this one.
pub const MAIN_PLACEHOLDER: &str = "../broadsheet-main-placeholder.js";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, main_out, parts_dir] = args.as_slice() else {
        eprintln!("usage: broadsheet-split INPUT.wasm MAIN_OUT.wasm PARTS_DIR");
        return ExitCode::from(2);
    };
    match split(Path::new(input), Path::new(main_out), Path::new(parts_dir)) {
        Ok(parts) => {
            for p in parts {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("broadsheet-split: {e:?}");
            ExitCode::FAILURE
        }
    }
}

fn split(
    input: &Path,
    main_out: &Path,
    parts_dir: &Path,
) -> Result<Vec<std::path::PathBuf>, Box<dyn std::error::Error>> {
    let wasm = std::fs::read(input)?;
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = parts_dir;
    opts.main_out_path = main_out;
    // The module the main wasm imports the parts' loaders from, as the main JavaScript will name
    // it; scripts/bin/wasm-bindgen points that import at PARTS_DIR.
    opts.link_name = "./parts.js";
    opts.main_module = MAIN_PLACEHOLDER;
    // The code the parts share in one chunk: nearly every part is fetched once the page image
    // is in, and 62 small chunks took 64,903 brotli bytes where one takes 36,949 (docs/testing.md).
    opts.merge_chunks = true;
    Ok(wasm_split_cli_support::transform(opts).map_err(|e| format!("{e:?}"))?.split_modules)
}

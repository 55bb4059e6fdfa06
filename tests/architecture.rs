//! The layers of the app crate (see the table at the top of src/lib.rs): each module may use only
//! the modules below it, and features only the five feature modules whose state others show.
//! (`part`, the parts built when needed, sits between the shared modules and the features.)
//! Read from the sources, so that a newcomer's stray `crate::` path fails here, not in review.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const FOUNDATION: &[&str] = &["i18n", "config"];
const SERVICES: &[&str] = &["fetch", "archive", "storage", "url_state", "export"];
const SHARED: &[&str] = &["article_link", "focus", "status", "task"];
/// Features whose state other features show.
const FEATURE_SERVICES: &[&str] = &["search", "offline", "read_aloud", "citation", "page_text"];
const FEATURES: &[&str] = &[
    "page_map",
    "article",
    "article_list",
    "page_list",
    "masthead",
    "calendar",
    "rating",
    "ranking",
    "footer",
    "search",
    "offline",
    "read_aloud",
    "citation",
    "page_text",
];

/// What each module may use.
fn allowed() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let set = |parts: &[&[&'static str]]| parts.iter().flat_map(|p| p.iter().copied()).collect::<BTreeSet<_>>();
    let mut a = BTreeMap::new();
    a.insert("i18n", set(&[]));
    a.insert("config", set(&[&["i18n"]]));
    for m in SERVICES {
        a.insert(*m, set(&[FOUNDATION, &["fetch"]]));
    }
    a.insert("reader", set(&[FOUNDATION, SERVICES]));
    for m in SHARED {
        a.insert(*m, set(&[FOUNDATION, SERVICES, &["reader"]]));
    }
    a.insert("part", set(&[FOUNDATION, SERVICES, &["reader"], SHARED]));
    for m in FEATURES {
        a.insert(*m, set(&[FOUNDATION, SERVICES, &["reader"], SHARED, &["part"], FEATURE_SERVICES]));
    }
    let everything: BTreeSet<_> = a.keys().copied().collect();
    a.insert("app", everything);
    a
}

/// The first segment of every `crate::` path in a source text, comments included (a path in a
/// doc comment is a use too, for a reader).
fn used(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::X, b}`: every first segment in the group.
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            out.insert(name);
        }
    }
    out
}

fn sources(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            sources(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn every_module_uses_only_what_its_layer_may() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed = allowed();
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        if matches!(name.as_str(), "lib" | "main") {
            continue;
        }
        let may = allowed.get(name.as_str()).unwrap_or_else(|| panic!("src/{name}: a module missing from the layers"));
        seen.insert(name.clone());
        let mut files = Vec::new();
        sources(&path, &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for other in used(&text) {
                if other != name && !may.contains(other.as_str()) {
                    wrong.push(format!("{} uses crate::{other}", file.strip_prefix(&src).unwrap().display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "uses across the layers:\n{}", wrong.join("\n"));
    let listed: BTreeSet<String> = allowed.keys().map(|k| k.to_string()).collect();
    assert_eq!(seen, listed, "the layers name exactly the modules in src/");
}

#[test]
fn paths_are_read_whole_and_in_groups() {
    let got =
        used("use crate::reader::{OpenIssue, Reader};\nuse crate::{i18n::Lang, config};\n// see `crate::search::view`");
    assert_eq!(got, ["config", "i18n", "reader", "search"].map(String::from).into_iter().collect());
}

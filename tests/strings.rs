//! Chinese interface text uses full-width punctuation (，：；！？（）), as Chinese typesetting does:
//! every string in `src/i18n/` with a Chinese character in it is checked.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

/// The half-width marks that have a full-width form in Chinese text.
const HALF: [char; 7] = [',', ':', ';', '!', '?', '(', ')'];

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The string literals of a source line (no raw strings are used for interface text).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => s.extend(chars.next()),
                    '"' => break,
                    _ => s.push(c),
                }
            }
            out.push(s);
        }
    }
    out
}

/// A literal with its `{…}` format arguments taken out, where half-width marks are Rust's.
fn text(literal: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn chinese_interface_text_uses_full_width_punctuation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for (n, line) in source.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for literal in literals(line).into_iter().map(|l| text(&l)).filter(|l| chinese(l)) {
                if literal.contains(HALF) {
                    wrong.push(format!("{}:{}: {literal}", path.file_name().unwrap().to_string_lossy(), n + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "half-width punctuation in Chinese text:\n{}", wrong.join("\n"));
}

#[test]
fn literals_and_format_arguments_are_told_apart() {
    assert_eq!(literals(r#"x("本版得分:", "a\"b")"#), ["本版得分:", "a\"b"]);
    assert_eq!(text("数据有误：{problem:?}"), "数据有误：");
    assert!(text("数据有误:{p}").contains(HALF));
}

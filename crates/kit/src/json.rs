//! Deterministic JSON output: two-space indentation, arrays of numbers (polygon points) on one
//! line, a trailing newline; files written through a buffer, and only when their bytes change.

use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// The pretty-printed text of a value, with a trailing newline. Field order is the model's.
pub fn to_text<T: Serialize>(value: &T) -> String {
    let pretty = serde_json::to_string_pretty(value).expect("the model serialises to JSON");
    let mut out = String::with_capacity(pretty.len() + 1);
    // Byte offsets in `out` just after each open `[` that ends a line.
    let mut open: Vec<usize> = Vec::new();
    for (k, line) in pretty.split('\n').enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with(']') {
            if let Some(start) = open.pop() {
                let items = &out[start..];
                if !items.is_empty() && items.split('\n').skip(1).all(|i| numeric(i.trim().trim_end_matches(','))) {
                    let joined = items
                        .split('\n')
                        .skip(1)
                        .map(|i| i.trim().trim_end_matches(','))
                        .collect::<Vec<_>>()
                        .join(", ");
                    out.truncate(start);
                    out.push_str(&joined);
                    out.push_str(trimmed);
                    continue;
                }
            }
        }
        if k > 0 {
            out.push('\n');
        }
        out.push_str(line);
        if line.ends_with('[') {
            open.push(out.len());
        }
    }
    out.push('\n');
    out
}

/// A number, or a one-line array of numbers.
fn numeric(item: &str) -> bool {
    let item = item.strip_prefix('[').and_then(|i| i.strip_suffix(']')).unwrap_or(item);
    !item.is_empty() && item.bytes().all(|b| b.is_ascii_digit() || b"-+.eE, ".contains(&b))
}

/// Writes bytes to a file through a buffer, creating its folder.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut w = io::BufWriter::new(fs::File::create(path)?);
    w.write_all(bytes)?;
    w.flush()
}

/// Writes a file only when its content differs from what is on disk. Returns whether it wrote.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    match fs::read(path) {
        Ok(old) if old == bytes => Ok(false),
        _ => write_file(path, bytes).map(|_| true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_stay_on_one_line() {
        let v = serde_json::json!({"a": "x\"y", "b": [[1.0, 2.0], [3.0, 4.5]], "c": [{"d": [1]}], "e": []});
        assert_eq!(
            to_text(&v),
            "{\n  \"a\": \"x\\\"y\",\n  \"b\": [[1.0, 2.0], [3.0, 4.5]],\n  \"c\": [\n    {\n      \"d\": [1]\n    }\n  ],\n  \"e\": []\n}\n"
        );
    }
}

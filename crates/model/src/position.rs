//! The JSON path at a line and column of a JSON text, as serde_json reports where a value did
//! not fit the model. Parsing straight from the text and finding the path only when something
//! fails keeps the reader's wasm free of a second, path-tracking deserializer (serde_path_to_error
//! over `serde_json::Value` cost about 50 KB of code before optimisation).

/// The path (`pages[0].articles[2].title`, or `""` for the whole file) of the innermost value
/// that encloses or ends just before `line`:`column` (1-based, as `serde_json::Error` gives them).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let stop = offset(text, line, column);
    let bytes = text.as_bytes();
    // One frame per open container: the key or index of the value being read inside it.
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < stop.min(bytes.len()) {
        match bytes[i] {
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0, false)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n, _)) => *n += 1,
                Some(Frame::Object(key)) => *key = None,
                None => {}
            },
            b'"' => {
                let end = string_end(bytes, i);
                if let Some(Frame::Object(key @ None)) = stack.last_mut() {
                    // A string where a key is due is the key; its value follows the colon.
                    // Up to the closing quote; an unclosed string runs to the end of the text,
                    // whose last byte may lie inside a character (found by fuzzing).
                    let close = if end > i + 1 && bytes[end - 1] == b'"' { end - 1 } else { end };
                    *key = Some(unescape(&text[i + 1..close]));
                } else if let Some(Frame::Array(_, seen)) = stack.last_mut() {
                    *seen = true;
                }
                i = end;
                continue;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => {
                if let Some(Frame::Array(_, seen)) = stack.last_mut() {
                    *seen = true;
                }
            }
        }
        if matches!(bytes[i], b'{' | b'[') {
            // The container itself is an element of its parent array.
            let depth = stack.len();
            if depth >= 2 {
                if let Frame::Array(_, seen) = &mut stack[depth - 2] {
                    *seen = true;
                }
            }
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n, true) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
            // An array whose element has not begun: the error is about the array itself.
            Frame::Array(_, false) => {}
        }
    }
    path
}

/// How many elements of the array open at `line`:`column` begin at or after it, the one there
/// included (the array being one read as far as its fixed length).
pub(crate) fn elements_after(text: &str, line: usize, column: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut i, mut depth, mut count) = (offset(text, line, column).saturating_sub(1), 0usize, 1);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth == 0 => break,
            b']' | b'}' => depth -= 1,
            b',' if depth == 0 => count += 1,
            _ => {}
        }
        i += 1;
    }
    count
}

/// Where the text first nests deeper than serde_json reads (128 levels), as a 1-based line and
/// column; checked up front so that a too-deep file is reported as such whatever its shape.
pub(crate) fn too_deep(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut i, mut depth, mut line, mut line_start) = (0, 0usize, 1, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth >= 128 {
                    return Some((line, i - line_start + 1));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

enum Frame {
    Object(Option<String>),
    /// Index of the current element, and whether any of it has been read.
    Array(usize, bool),
}

/// The byte offset of a 1-based line and column; serde_json counts the column in bytes.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

/// The index just past the string that opens at `open`.
fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Keys in paths are shown as written; escapes are rare in keys, so only the common ones are read.
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path serde_json's own error position points at, for a text that fails to deserialize.
    fn path_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text, e.line(), e.column())
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Doc {
        pages: Vec<Page>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Page {
        id: String,
        regions: Vec<[f64; 2]>,
    }

    #[test]
    fn wrong_type_inside_nested_arrays() {
        let text = r#"{"pages": [{"id": "p1", "regions": [[1, 2]]}, {"id": "p2", "regions": [[1, 2], [3, "x"]]}]}"#;
        assert_eq!(path_of::<Doc>(text), "pages[1].regions[1][1]");
    }

    #[test]
    fn missing_field_names_its_object() {
        let text = "{\n \"pages\": [\n  {\"id\": \"p1\", \"regions\": []},\n  {\"regions\": []}\n ]\n}";
        assert_eq!(path_of::<Doc>(text), "pages[1]");
    }

    #[test]
    fn whole_file_and_first_elements() {
        assert_eq!(path_of::<Doc>("{}"), "");
        assert_eq!(path_of::<Doc>(r#"{"pages": 3}"#), "pages");
        assert_eq!(path_of::<Doc>(r#"{"pages": [7]}"#), "pages[0]");
        assert_eq!(path_of::<Doc>(r#"{"pages": [{"id": 5, "regions": []}]}"#), "pages[0].id");
    }

    #[test]
    fn strings_with_brackets_commas_quotes_and_escaped_keys() {
        let text = r#"{"x": "a, [b] {c} \"d\"", "pages": [{"id": "[,]", "regions": [[0, 0]], "k\"ey": 1}, {"id": "q", "regions": true}]}"#;
        assert_eq!(path_of::<Doc>(text), "pages[1].regions");
    }

    #[test]
    fn out_of_range_positions_are_safe() {
        assert_eq!(path_at("{\"a\": [1", 9, 99), "a[0]");
        assert_eq!(path_at("", 1, 1), "");
    }
}

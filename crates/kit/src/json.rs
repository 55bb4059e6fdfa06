//! Deterministic JSON output: two-space indentation, arrays of numbers (polygon points) on one
//! line, a trailing newline, written by a serde_json [`Formatter`]; files written through a
//! buffer, and only when their bytes change.

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// The pretty-printed text of a value, with a trailing newline. Field order is the model's.
pub fn to_text<T: Serialize>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::default());
    value.serialize(&mut ser).expect("the model serialises to JSON");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's pretty layout (two spaces), except that a non-empty array whose items are all
/// numbers, or numbers and one-line arrays of numbers, is written on one line: a polygon's
/// points as `[[1.0, 2.0], [3.0, 4.5]]` rather than twelve lines.
///
/// Whether an array fits on one line is known only at its end or at its first item that is
/// not a number, so the items of such an array are held back until then.
#[derive(Default)]
struct Layout {
    /// The open arrays and objects, innermost last. No `Spread` frame is ever inside a `Line`
    /// one: an array holding anything spread is spread itself.
    open: Vec<Frame>,
}

enum Frame {
    /// An object, or an array written over several lines; `has_value` once it has an item.
    Spread { has_value: bool },
    /// An array on one line so far: the text of its items, held back. `nested` when an item
    /// is an array, which keeps the array itself from counting as a number for its parent.
    Line { items: Vec<Vec<u8>>, nested: bool },
}

impl Layout {
    /// Writes text where it belongs: into the item held back by the innermost one-line array,
    /// else out.
    fn put<W: ?Sized + Write>(&mut self, w: &mut W, bytes: &[u8]) -> io::Result<()> {
        match self.open.last_mut() {
            Some(Frame::Line { items, .. }) => {
                items.last_mut().expect("text comes inside an item").extend_from_slice(bytes);
                Ok(())
            }
            _ => w.write_all(bytes),
        }
    }

    /// A number, formatted as serde_json does.
    fn number<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut text = Vec::with_capacity(24);
        write(&mut text)?;
        self.put(w, &text)
    }

    /// Something that is not a number is coming: every array held on one line around it is
    /// written out over several lines, outermost first.
    fn spread<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let Some(first) = self.open.iter().position(|f| matches!(f, Frame::Line { .. })) else {
            return Ok(());
        };
        for depth in first..self.open.len() {
            let held = std::mem::replace(&mut self.open[depth], Frame::Spread { has_value: false });
            let Frame::Line { items, .. } = held else { unreachable!("no Spread frame is inside a Line one") };
            // The array's `[` is out already: it ended the text before, or the outer item.
            for (n, item) in items.iter().enumerate() {
                w.write_all(if n == 0 { b"\n" } else { b",\n" })?;
                indent(w, depth + 1)?;
                w.write_all(item)?;
            }
            self.open[depth] = Frame::Spread { has_value: !items.is_empty() };
        }
        Ok(())
    }

    /// Closes the innermost array or object, over several lines.
    fn close_spread<W: ?Sized + Write>(&mut self, w: &mut W, has_value: bool, end: &[u8]) -> io::Result<()> {
        if has_value {
            w.write_all(b"\n")?;
            indent(w, self.open.len())?;
        }
        w.write_all(end)
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        w.write_all(b"  ")?;
    }
    Ok(())
}

/// The number methods of [`Formatter`], each formatting as serde_json's compact formatter does.
macro_rules! numbers {
    ($($method:ident: $t:ty),*) => {$(
        fn $method<W: ?Sized + Write>(&mut self, w: &mut W, v: $t) -> io::Result<()> {
            self.number(w, |out| CompactFormatter.$method(out, v))
        }
    )*};
}

impl Formatter for Layout {
    numbers!(write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128,
        write_f32: f32, write_f64: f64);

    fn write_number_str<W: ?Sized + Write>(&mut self, w: &mut W, v: &str) -> io::Result<()> {
        self.put(w, v.as_bytes())
    }

    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.spread(w)?;
        self.put(w, b"null")
    }

    fn write_bool<W: ?Sized + Write>(&mut self, w: &mut W, v: bool) -> io::Result<()> {
        self.spread(w)?;
        self.put(w, if v { b"true" } else { b"false" })
    }

    fn write_raw_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        self.spread(w)?;
        self.put(w, fragment.as_bytes())
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.spread(w)?;
        self.put(w, b"\"")
    }

    fn end_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.put(w, b"\"")
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        self.put(w, fragment.as_bytes())
    }

    fn write_char_escape<W: ?Sized + Write>(&mut self, w: &mut W, escape: CharEscape) -> io::Result<()> {
        let mut text = Vec::with_capacity(6);
        CompactFormatter.write_char_escape(&mut text, escape)?;
        self.put(w, &text)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.put(w, b"[")?;
        self.open.push(Frame::Line { items: Vec::new(), nested: false });
        Ok(())
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        let depth = self.open.len();
        match self.open.last_mut() {
            Some(Frame::Line { items, .. }) => {
                items.push(Vec::new());
                Ok(())
            }
            _ => {
                w.write_all(if first { b"\n" } else { b",\n" })?;
                indent(w, depth)
            }
        }
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        if let Some(Frame::Spread { has_value }) = self.open.last_mut() {
            *has_value = true;
        }
        Ok(())
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        match self.open.pop() {
            Some(Frame::Line { items, nested }) => {
                self.put(w, &items.join(&b", "[..]))?;
                self.put(w, b"]")?;
                // For the array around it, this one is a number only when it holds numbers.
                if let Some(Frame::Line { nested: outer, .. }) = self.open.last_mut() {
                    *outer = true;
                    if items.is_empty() || nested {
                        self.spread(w)?;
                    }
                }
                Ok(())
            }
            Some(Frame::Spread { has_value }) => self.close_spread(w, has_value, b"]"),
            None => w.write_all(b"]"),
        }
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.spread(w)?;
        self.put(w, b"{")?;
        self.open.push(Frame::Spread { has_value: false });
        Ok(())
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let has_value = matches!(self.open.pop(), Some(Frame::Spread { has_value: true }));
        self.close_spread(w, has_value, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.open.len())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        if let Some(Frame::Spread { has_value }) = self.open.last_mut() {
            *has_value = true;
        }
        Ok(())
    }
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
    use proptest::prelude::*;
    use serde_json::Value;

    /// The text-based layout this formatter replaced: serde_json's pretty text, re-read line by
    /// line to put arrays of numbers on one line. Kept as the oracle for the property test.
    fn by_rereading(value: &Value) -> String {
        let pretty = serde_json::to_string_pretty(value).unwrap();
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

    /// JSON values rich in arrays of numbers, nested, empty and mixed with other values.
    fn values() -> impl Strategy<Value = Value> {
        let number = prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e7f64..1e7).prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
        ];
        let leaf = prop_oneof![
            4 => number.clone(),
            1 => Just(Value::Null),
            1 => any::<bool>().prop_map(Value::from),
            1 => "[a-z0-9\\[\\],\"\\\\ \n\u{1}-]{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(5, 80, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(number.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(("[a-z\\[]{0,3}", inner), 0..4)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

        #[test]
        fn the_formatter_writes_what_rereading_wrote(v in values()) {
            prop_assert_eq!(to_text(&v), by_rereading(&v));
        }
    }

    #[test]
    fn nested_and_mixed_arrays() {
        let v = serde_json::json!({"a": [1, [2, 3]], "b": [[[1]]], "c": [[], 1], "d": [1, "x", [2]], "e": [[1, [2]]]});
        let want = "{\n  \"a\": [1, [2, 3]],\n  \"b\": [\n    [[1]]\n  ],\n  \"c\": [\n    [],\n    1\n  ],\n  \"d\": [\n    1,\n    \"x\",\n    [2]\n  ],\n  \"e\": [\n    [1, [2]]\n  ]\n}\n";
        assert_eq!(to_text(&v), want);
        assert_eq!(by_rereading(&v), want);
    }

    #[test]
    fn points_stay_on_one_line() {
        let v = serde_json::json!({"a": "x\"y", "b": [[1.0, 2.0], [3.0, 4.5]], "c": [{"d": [1]}], "e": []});
        assert_eq!(
            to_text(&v),
            "{\n  \"a\": \"x\\\"y\",\n  \"b\": [[1.0, 2.0], [3.0, 4.5]],\n  \"c\": [\n    {\n      \"d\": [1]\n    }\n  ],\n  \"e\": []\n}\n"
        );
    }
}

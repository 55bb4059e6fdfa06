//! The JSON path at a line and column, worked out by hand from the text: any text, any position.
#![no_main]
use broadsheet_model::path_at;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (line, column) =
        (u16::from_le_bytes([data[0], data[1]]) as usize, u16::from_le_bytes([data[2], data[3]]) as usize);
    if let Ok(text) = std::str::from_utf8(&data[4..]) {
        let _ = path_at(text, line, column);
    }
});

//! What the reader says when the browser will not keep what it remembers, in Chinese and English.

use super::Lang;

pub struct StorageStrings {
    pub unavailable: &'static str,
    pub full: &'static str,
    pub text_size_reset: &'static str,
    /// The button that puts the notice away.
    pub dismiss: &'static str,
}

pub static ZH: StorageStrings = StorageStrings {
    unavailable: "此浏览器不允许保存数据：您设置的文字大小和评分在离开后不会保留。阅读不受影响。",
    full: "浏览器存储已满：您设置的文字大小和评分在离开后不会保留。阅读不受影响。",
    text_size_reset: "以前保存的文字大小无法读取，已恢复默认。",
    dismiss: "知道了",
};

pub static EN: StorageStrings = StorageStrings {
    unavailable: "This browser does not let the reader store anything: your text size and ratings will be forgotten when you leave. Reading works as usual.",
    full: "Your browser's storage is full: your text size and ratings will be forgotten when you leave. Reading works as usual.",
    text_size_reset: "The text size saved earlier could not be read and is back to the default.",
    dismiss: "OK",
};

impl Lang {
    pub fn storage(self) -> &'static StorageStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

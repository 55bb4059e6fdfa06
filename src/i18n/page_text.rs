//! Strings of the page's own text (the text layer over the page image), in Chinese and English.

use super::Lang;
use crate::fetch::Failure;

pub struct PageTextStrings {
    /// The switch's visible text and accessible name; pressed while the text is on.
    pub select: &'static str,
    /// The switch's tooltip: what it is for.
    pub hint: &'static str,
    pub loading: &'static str,
    /// Said once the words are on the page.
    pub ready: &'static str,
    pub retry: &'static str,
    /// The start of the message when the words file cannot be had.
    failed: &'static str,
    offline: &'static str,
    timeout: &'static str,
    invalid: &'static str,
    broken_off: &'static str,
    /// Before the HTTP status.
    status: &'static str,
}

pub static ZH: PageTextStrings = PageTextStrings {
    select: "选择文字",
    hint: "在版面上选择并复制原文",
    loading: "正在加载本版文字…",
    ready: "可在版面上选择文字并复制",
    retry: "重试",
    failed: "无法加载本版文字",
    offline: "：当前离线。",
    timeout: "：网络超时。",
    invalid: "：文字文件有误。",
    broken_off: "：下载不完整。",
    status: "：服务器返回 HTTP ",
};

pub static EN: PageTextStrings = PageTextStrings {
    select: "Select text",
    hint: "Select and copy the words of the page",
    loading: "Loading the page's text…",
    ready: "Select words on the page to copy them",
    retry: "Retry",
    failed: "The page's text could not be loaded",
    offline: ": you are offline.",
    timeout: ": the network took too long.",
    invalid: ": its file is not valid.",
    broken_off: ": the download broke off.",
    status: ": the server answered HTTP ",
};

impl PageTextStrings {
    /// Why the words did not come, in a sentence.
    pub fn failed(&self, e: &Failure) -> String {
        let why = match e {
            Failure::Offline => self.offline.to_string(),
            Failure::Timeout => self.timeout.to_string(),
            Failure::Invalid(_) | Failure::NotData(_) => self.invalid.to_string(),
            Failure::Truncated => self.broken_off.to_string(),
            Failure::Http(code) => format!("{}{code}{}", self.status, if self.failed.is_ascii() { "." } else { "。" }),
            Failure::Network(_) | Failure::Aborted => if self.failed.is_ascii() { "." } else { "。" }.to_string(),
        };
        format!("{}{why}", self.failed)
    }
}

impl Lang {
    pub fn page_text(self) -> &'static PageTextStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_says_why_in_either_language() {
        assert_eq!(Lang::Zh.page_text().failed(&Failure::Http(404)), "无法加载本版文字：服务器返回 HTTP 404。");
        assert_eq!(
            Lang::En.page_text().failed(&Failure::Timeout),
            "The page's text could not be loaded: the network took too long."
        );
        assert_eq!(Lang::Zh.page_text().failed(&Failure::Network("x".into())), "无法加载本版文字。");
        assert_eq!(
            Lang::En.page_text().failed(&Failure::Invalid(vec![])),
            "The page's text could not be loaded: its file is not valid."
        );
    }
}

//! Strings of the page's own text (the text layer over the page image), in Chinese and English.

use super::Lang;

pub struct PageTextStrings {
    /// The switch's visible text and accessible name; pressed while the text is on.
    pub select: &'static str,
    /// The switch's tooltip: what it is for.
    pub hint: &'static str,
    pub loading: &'static str,
    /// Said once the words are on the page.
    pub ready: &'static str,
    pub retry: &'static str,
    /// The message when the words file cannot be had: its start, then why.
    pub failed: &'static str,
    pub offline: &'static str,
    pub timeout: &'static str,
    pub invalid: &'static str,
    pub broken_off: &'static str,
    /// Before the HTTP status.
    pub status: &'static str,
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
    fn the_switch_is_named_in_either_language() {
        assert_eq!(Lang::Zh.page_text().select, "选择文字");
        assert_eq!(Lang::En.page_text().select, "Select text");
    }
}

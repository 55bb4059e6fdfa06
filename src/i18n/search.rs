//! Strings of search within the issue, in Chinese and English.

use super::Lang;

pub struct SearchStrings {
    pub label: &'static str,
    pub placeholder: &'static str,
    pub clear: &'static str,
    pub results: &'static str,
    pub nothing: &'static str,
    pub more: &'static str,
    /// While a query waits for search's code (src/search/t2s.rs).
    pub preparing: &'static str,
}

pub static ZH: SearchStrings = SearchStrings {
    label: "在本期中检索",
    placeholder: "标题、作者或正文中的字词",
    clear: "清除检索",
    results: "检索结果",
    nothing: "本期没有找到",
    more: "显示更多结果",
    preparing: "正在准备检索…",
};

pub static EN: SearchStrings = SearchStrings {
    label: "Search this issue",
    placeholder: "Words in titles, bylines or text",
    clear: "Clear the search",
    results: "Search results",
    nothing: "Nothing found in this issue for ",
    more: "Show more results",
    preparing: "Getting search ready…",
};

impl Lang {
    pub fn search(self) -> &'static SearchStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// How many articles match, e.g. 找到 3 篇文章 / 3 articles found.
    pub fn found(self, articles: usize) -> String {
        match (self, articles) {
            (Lang::Zh, n) => format!("找到 {n} 篇文章"),
            (Lang::En, 1) => "1 article found".into(),
            (Lang::En, n) => format!("{n} articles found"),
        }
    }

    /// Occurrences in one article or on one page, e.g. 3处 / 3 hits.
    pub fn hits(self, n: u32) -> String {
        match (self, n) {
            (Lang::Zh, n) => format!("{n}处"),
            (Lang::En, 1) => "1 hit".into(),
            (Lang::En, n) => format!("{n} hits"),
        }
    }

    /// A page's mark in the page list: 2篇含检索词 / 2 articles match.
    pub fn page_hits(self, articles: u32) -> String {
        match (self, articles) {
            (Lang::Zh, n) => format!("{n}篇含检索词"),
            (Lang::En, 1) => "1 article matches".into(),
            (Lang::En, n) => format!("{n} articles match"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(Lang::Zh.found(3), "找到 3 篇文章");
        assert_eq!(Lang::En.found(1), "1 article found");
        assert_eq!(Lang::En.hits(2), "2 hits");
        assert_eq!(Lang::Zh.page_hits(2), "2篇含检索词");
        assert_eq!(Lang::En.page_hits(1), "1 article matches");
    }
}

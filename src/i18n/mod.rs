//! Every interface string, in Chinese and English, in one place. A view never holds a literal
//! string a reader sees; it asks `lang.strings()` or one of the formatting methods here.

use broadsheet_model::Day;

pub mod calendar;
pub mod citation;
pub mod clipping;
pub mod data_problems;
pub mod network;
pub mod offline;
pub mod page_text;
pub mod rating;
pub mod read_aloud;
pub mod search;
pub mod search_archive;
pub mod storage;
pub mod touch;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// The button under a long title list: "Show 200 more (1,800 not shown)".
pub fn more_titles(lang: Lang, more: usize, rest: usize) -> String {
    match lang {
        Lang::Zh => format!("再显示 {more} 篇（还有 {rest} 篇未显示）"),
        Lang::En => format!("Show {more} more ({rest} not shown)"),
    }
}

impl Lang {
    /// Picks a language from a BCP 47 tag such as `zh-CN` or `en-GB`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub struct Strings {
    pub loading: &'static str,
    pub retry: &'static str,
    pub load_failed: &'static str,
    /// A part of the reader (calendar, rating...) whose code could not be fetched.
    pub part_missing: &'static str,
    pub pages: &'static str,
    pub articles_on_page: &'static str,
    pub serial: &'static str,
    pub no_articles: &'static str,
    pub crashed: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub pdf: &'static str,
    pub page_map: &'static str,
    pub previous_article: &'static str,
    pub next_article: &'static str,
    pub close: &'static str,
    pub close_article: &'static str,
    pub larger: &'static str,
    pub smaller: &'static str,
    pub default_size: &'static str,
    pub larger_label: &'static str,
    pub smaller_label: &'static str,
    pub default_size_label: &'static str,
    pub text_view: &'static str,
    pub page_view: &'static str,
    pub article_nav: &'static str,
    pub text_size: &'static str,
    pub unknown_page: &'static str,
    pub unknown_article: &'static str,
    pub to_first_page: &'static str,
    pub to_newest_issue: &'static str,
    pub printed_on: &'static str,
    pub list_separator: &'static str,
    pub page_image: &'static str,
    weekdays: [&'static str; 7],
}

pub static ZH: Strings = Strings {
    loading: "正在加载……",
    retry: "重试",
    load_failed: "无法加载",
    part_missing: "这部分没能加载，请检查网络后重试。",
    pages: "版面导航",
    articles_on_page: "本版标题",
    serial: "国内统一刊号：",
    no_articles: "本版没有文章。",
    crashed: "阅读器出错了，请刷新页面。",
    previous_page: "上一版",
    next_page: "下一版",
    pdf: "PDF",
    page_map: "版面图",
    previous_article: "上一篇",
    next_article: "下一篇",
    close: "关闭",
    close_article: "关闭文章",
    larger: "放大",
    smaller: "缩小",
    default_size: "默认",
    larger_label: "放大文字",
    smaller_label: "缩小文字",
    default_size_label: "默认文字大小",
    text_view: "纯文本阅读",
    page_view: "查看版面",
    article_nav: "文章导航",
    text_size: "文字大小",
    unknown_page: "本期没有这个版面：",
    unknown_article: "本期没有这篇文章：",
    to_first_page: "去第一版",
    to_newest_issue: "看最新一期",
    printed_on: "本文见",
    list_separator: "、",
    page_image: "版面图",
    weekdays: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
};

pub static EN: Strings = Strings {
    loading: "Loading…",
    retry: "Retry",
    load_failed: "Could not load",
    part_missing: "This part of the reader could not be loaded. Check the connection and retry.",
    pages: "Pages",
    articles_on_page: "On this page",
    serial: "Serial number: ",
    no_articles: "This page has no articles.",
    crashed: "The reader hit an error. Please reload the page.",
    previous_page: "Previous page",
    next_page: "Next page",
    pdf: "PDF",
    page_map: "Page map",
    previous_article: "Previous article",
    next_article: "Next article",
    close: "Close",
    close_article: "Close the article",
    larger: "Larger",
    smaller: "Smaller",
    default_size: "Default",
    larger_label: "Larger text",
    smaller_label: "Smaller text",
    default_size_label: "Default text size",
    text_view: "Text view",
    page_view: "Show the page",
    article_nav: "Articles",
    text_size: "Text size",
    unknown_page: "This issue has no page ",
    unknown_article: "This issue has no article ",
    to_first_page: "Go to the first page",
    to_newest_issue: "Open the newest issue",
    printed_on: "Printed on ",
    list_separator: ", ",
    page_image: "Page image",
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Lang {
    /// The issue date with its weekday, as a masthead prints it.
    pub fn long_date(self, d: Day) -> String {
        let weekday = self.strings().weekdays[d.weekday_from_monday() as usize];
        match self {
            Lang::Zh => format!("{}年{}月{}日 {weekday}", d.year(), d.month(), d.day()),
            Lang::En => format!("{weekday}, {} {} {}", d.day(), EN_MONTHS[d.month() as usize - 1], d.year()),
        }
    }

    /// A page's label in lists: 第02版 or Page 2.
    pub fn page_label(self, number: &str) -> String {
        match self {
            Lang::Zh => format!("第{number}版"),
            Lang::En => format!("Page {number}"),
        }
    }

    /// A page's full name, as announced when it is shown: 第02版 综合新闻. A name that only says
    /// the number again ("Page 1", "第1版", "1", blank) is not repeated: Page 1, not "Page 1: Page 1".
    pub fn page_title(self, number: &str, name: &str) -> String {
        if restates_number(name, number) {
            return self.page_label(number);
        }
        match self {
            Lang::Zh => format!("第{number}版 {name}"),
            Lang::En => format!("Page {number}: {name}"),
        }
    }

    /// Where an article is printed, e.g. 本文见第01版、第03版.
    pub fn printed_on(self, numbers: &[&str]) -> String {
        let t = self.strings();
        let pages: Vec<String> = numbers.iter().map(|n| self.page_label(n)).collect();
        format!("{}{}", t.printed_on, pages.join(t.list_separator))
    }
}

/// Whether a page name says nothing but its number: blank, or the number with only words such as
/// "page", "p.", 第…版 or 页 around it (leading zeros aside).
fn restates_number(name: &str, number: &str) -> bool {
    let digits = |s: &str| s.trim_start_matches('0').to_string();
    // ASCII only: the words looked for are, and Unicode's case table stays out of the first
    // screen's code (src/search/t2s.rs).
    let mut rest = name.trim().to_ascii_lowercase();
    for word in ["page", "pg.", "pg", "p.", "第", "版", "页", "頁"] {
        rest = rest.replace(word, " ");
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace() && !matches!(c, ':' | '.' | '：')).collect();
    rest.is_empty() || digits(&rest) == digits(number.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_carry_the_weekday() {
        let d = Day::parse("2016-09-24").unwrap();
        assert_eq!(Lang::Zh.long_date(d), "2016年9月24日 星期六");
        assert_eq!(Lang::En.long_date(d), "Saturday, 24 September 2016");
        assert_eq!(Lang::Zh.long_date(Day::parse("2000-01-02").unwrap()), "2000年1月2日 星期日");
    }

    #[test]
    fn picks_languages_from_tags() {
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn page_labels_read_naturally() {
        assert_eq!(Lang::Zh.printed_on(&["01", "03"]), "本文见第01版、第03版");
        assert_eq!(Lang::En.printed_on(&["1", "3"]), "Printed on Page 1, Page 3");
        assert_eq!(Lang::Zh.page_title("02", "综合新闻"), "第02版 综合新闻");
        assert_eq!(Lang::En.page_title("3", "Sport"), "Page 3: Sport");
    }

    #[test]
    fn a_page_named_only_by_its_number_is_not_named_twice() {
        assert_eq!(Lang::En.page_title("1", "Page 1"), "Page 1");
        assert_eq!(Lang::En.page_title("1", ""), "Page 1");
        assert_eq!(Lang::En.page_title("01", "p. 1"), "Page 01");
        assert_eq!(Lang::Zh.page_title("02", "第2版"), "第02版");
        assert_eq!(Lang::Zh.page_title("02", " 02 "), "第02版");
        // A name with more than the number is a name.
        assert_eq!(Lang::En.page_title("1", "Page 1A"), "Page 1: Page 1A");
        assert_eq!(Lang::En.page_title("1", "Page 12"), "Page 1: Page 12");
        assert_eq!(Lang::Zh.page_title("1", "要闻1"), "第1版 要闻1");
    }
}

//! Every interface string, in Chinese and English, in one place.

use broadsheet_model::Day;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
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
    pub pages: &'static str,
    pub articles_on_page: &'static str,
    pub serial: &'static str,
    pub no_articles: &'static str,
    pub crashed: &'static str,
    weekdays: [&'static str; 7],
}

pub static ZH: Strings = Strings {
    loading: "正在加载……",
    retry: "重试",
    load_failed: "无法加载",
    pages: "版面导航",
    articles_on_page: "本版标题",
    serial: "国内统一刊号:",
    no_articles: "本版没有文章。",
    crashed: "阅读器出错了,请刷新页面。",
    weekdays: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
};

pub static EN: Strings = Strings {
    loading: "Loading…",
    retry: "Retry",
    load_failed: "Could not load",
    pages: "Pages",
    articles_on_page: "On this page",
    serial: "Serial number: ",
    no_articles: "This page has no articles.",
    crashed: "The reader hit an error. Please reload the page.",
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

const EN_MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
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
}

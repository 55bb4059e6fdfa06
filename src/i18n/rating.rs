//! Strings of the page rating (我给版面打分), the news ranking (新闻排行榜) and the footer
//! (版权声明, links, the ad slot), in Chinese and English.

use super::Lang;
use crate::rating::endpoint::Failure;
use crate::rating::store::StorageError;

pub struct RatingStrings {
    pub heading: &'static str,
    pub score: &'static str,
    pub raters: &'static str,
    pub your_vote: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub sending: &'static str,
    pub corrupt_ignored: &'static str,
    pub client_not_kept: &'static str,
    pub ranking: &'static str,
    pub copyright: &'static str,
    pub footer_links: &'static str,
    pub advertisement: &'static str,
}

pub static ZH: RatingStrings = RatingStrings {
    heading: "我给版面打分",
    score: "本版得分:",
    raters: "参与评分人数:",
    your_vote: "您的评分:",
    loading: "正在读取评分……",
    retry: "重试",
    sending: "正在发送评分……",
    corrupt_ignored: "浏览器中保存的评分已损坏,已忽略。",
    client_not_kept: "浏览器不能保存数据:重新打开后,将无法修改这次评分。",
    ranking: "新闻排行榜",
    copyright: "版权声明",
    footer_links: "网站链接",
    advertisement: "广告",
};

pub static EN: RatingStrings = RatingStrings {
    heading: "Rate this page",
    score: "Page score: ",
    raters: "Ratings: ",
    your_vote: "Your rating: ",
    loading: "Loading the scores…",
    retry: "Retry",
    sending: "Sending your rating…",
    corrupt_ignored: "A damaged saved rating was ignored.",
    client_not_kept: "Your browser cannot store data: after a reload you cannot change this rating.",
    ranking: "Most read",
    copyright: "Copyright notice",
    footer_links: "Site links",
    advertisement: "Advertisement",
};

impl Lang {
    pub fn rating(self) -> &'static RatingStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// A rating button's text and accessible name: 3分, 3 points.
    pub fn points(self, n: u8) -> String {
        match (self, n) {
            (Lang::Zh, n) => format!("{n}分"),
            (Lang::En, 1) => "1 point".into(),
            (Lang::En, n) => format!("{n} points"),
        }
    }

    /// The notice when the reader's vote will last only for this visit.
    pub fn vote_not_kept(self, why: StorageError) -> &'static str {
        match (self, why) {
            (Lang::Zh, StorageError::Unavailable) => "浏览器不能保存数据,您的评分只在本次访问有效。",
            (Lang::Zh, StorageError::Full) => "浏览器存储已满,您的评分只在本次访问有效。",
            (Lang::En, StorageError::Unavailable) => {
                "Your browser cannot store data, so your rating lasts for this visit only."
            }
            (Lang::En, StorageError::Full) => {
                "Your browser's storage is full, so your rating lasts for this visit only."
            }
        }
    }

    fn failure(self, f: &Failure) -> String {
        match (self, f) {
            (Lang::Zh, Failure::Timeout) => "服务器没有及时回答".into(),
            (Lang::Zh, Failure::Network) => "无法连接评分服务器".into(),
            (Lang::Zh, Failure::Http(s)) => format!("评分服务器出错（HTTP {s}）"),
            (Lang::Zh, Failure::Invalid(_)) => "评分服务器的回答无效".into(),
            (Lang::En, Failure::Timeout) => "the server did not answer in time".into(),
            (Lang::En, Failure::Network) => "the ratings server cannot be reached".into(),
            (Lang::En, Failure::Http(s)) => format!("the ratings server failed (HTTP {s})"),
            (Lang::En, Failure::Invalid(_)) => "the ratings server's answer is invalid".into(),
        }
    }

    /// The shared score could not be read; the page's own score is shown instead.
    pub fn shared_unavailable(self, f: &Failure) -> String {
        match self {
            Lang::Zh => format!("暂时无法读取共享评分:{}。显示的是本版原有评分。", self.failure(f)),
            Lang::En => format!("Shared scores are unavailable: {}. Showing this page's own score.", self.failure(f)),
        }
    }

    /// The vote could not be sent.
    pub fn vote_not_sent(self, score: u8, f: &Failure) -> String {
        match self {
            Lang::Zh => format!("您的评分“{}”未能发送:{}。", self.points(score), self.failure(f)),
            Lang::En => format!("Your rating ({}) was not sent: {}.", self.points(score), self.failure(f)),
        }
    }

    /// How often a ranked article was read: 1286次阅读, 1,286 reads.
    pub fn reads(self, n: u64) -> String {
        match self {
            Lang::Zh => format!("{n}次阅读"),
            Lang::En => {
                let digits = n.to_string();
                let mut grouped = String::new();
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i).is_multiple_of(3) {
                        grouped.push(',');
                    }
                    grouped.push(c);
                }
                format!("{grouped} {}", if n == 1 { "read" } else { "reads" })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_and_counts_read_naturally() {
        assert_eq!(Lang::Zh.points(3), "3分");
        assert_eq!(Lang::En.points(1), "1 point");
        assert_eq!(Lang::En.points(5), "5 points");
        assert_eq!(Lang::Zh.reads(1286), "1286次阅读");
        assert_eq!(Lang::En.reads(1286), "1,286 reads");
        assert_eq!(Lang::En.reads(1_000_000), "1,000,000 reads");
        assert_eq!(Lang::En.reads(1), "1 read");
        assert_eq!(Lang::En.reads(999), "999 reads");
    }

    #[test]
    fn failures_say_what_happened() {
        assert_eq!(
            Lang::Zh.shared_unavailable(&Failure::Http(503)),
            "暂时无法读取共享评分:评分服务器出错（HTTP 503）。显示的是本版原有评分。"
        );
        assert!(Lang::En.vote_not_sent(4, &Failure::Timeout).contains("4 points"));
        assert!(Lang::Zh.vote_not_sent(4, &Failure::Network).contains("无法连接"));
    }
}

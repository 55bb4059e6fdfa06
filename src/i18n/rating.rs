//! Strings of the page rating (我给版面打分), the news ranking (新闻排行榜) and the footer
//! (版权声明, links, the ad slot), in Chinese and English.

use super::Lang;

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
    /// The vote lasts for this visit only: storage is unavailable.
    pub vote_not_kept_unavailable: &'static str,
    /// The vote lasts for this visit only: storage is full.
    pub vote_not_kept_full: &'static str,
    /// Why the ratings server's word is missing (set into `shared_unavailable`, `vote_not_sent`).
    pub server_timeout: &'static str,
    pub server_unreachable: &'static str,
    pub server_invalid: &'static str,
    pub ranking: &'static str,
    pub copyright: &'static str,
    pub footer_links: &'static str,
    pub advertisement: &'static str,
}

pub static ZH: RatingStrings = RatingStrings {
    heading: "我给版面打分",
    score: "本版得分：",
    raters: "参与评分人数：",
    your_vote: "您的评分：",
    loading: "正在读取评分……",
    retry: "重试",
    sending: "正在发送评分……",
    corrupt_ignored: "浏览器中保存的评分已损坏，已忽略。",
    client_not_kept: "浏览器不能保存数据：重新打开后，将无法修改这次评分。",
    vote_not_kept_unavailable: "浏览器不能保存数据，您的评分只在本次访问有效。",
    vote_not_kept_full: "浏览器存储已满，您的评分只在本次访问有效。",
    server_timeout: "服务器没有及时回答",
    server_unreachable: "无法连接评分服务器",
    server_invalid: "评分服务器的回答无效",
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
    vote_not_kept_unavailable: "Your browser cannot store data, so your rating lasts for this visit only.",
    vote_not_kept_full: "Your browser's storage is full, so your rating lasts for this visit only.",
    server_timeout: "the server did not answer in time",
    server_unreachable: "the ratings server cannot be reached",
    server_invalid: "the ratings server's answer is invalid",
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

    /// Why the ratings server's word is missing: it answered with an error `status`.
    pub fn ratings_server_failed(self, status: u16) -> String {
        match self {
            Lang::Zh => format!("评分服务器出错（HTTP {status}）"),
            Lang::En => format!("the ratings server failed (HTTP {status})"),
        }
    }

    /// The shared score could not be read (`why`, e.g. `server_timeout`); the page's own score is
    /// shown instead.
    pub fn shared_unavailable(self, why: &str) -> String {
        match self {
            Lang::Zh => format!("暂时无法读取共享评分：{why}。显示的是本版原有评分。"),
            Lang::En => format!("Shared scores are unavailable: {why}. Showing this page's own score."),
        }
    }

    /// The vote of `score` points could not be sent, because of `why`.
    pub fn vote_not_sent(self, score: u8, why: &str) -> String {
        match self {
            Lang::Zh => format!("您的评分“{}”未能发送：{why}。", self.points(score)),
            Lang::En => format!("Your rating ({}) was not sent: {why}.", self.points(score)),
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
    fn failures_are_set_into_the_sentences() {
        assert_eq!(
            Lang::Zh.shared_unavailable(&Lang::Zh.ratings_server_failed(503)),
            "暂时无法读取共享评分：评分服务器出错（HTTP 503）。显示的是本版原有评分。"
        );
        assert_eq!(
            Lang::En.vote_not_sent(4, EN.server_timeout),
            "Your rating (4 points) was not sent: the server did not answer in time."
        );
        assert_eq!(Lang::Zh.vote_not_sent(4, ZH.server_unreachable), "您的评分“4分”未能发送：无法连接评分服务器。");
    }
}

//! What the reader says when a file is slow or does not arrive, in Chinese and English: the
//! words for each kind of failure, because each asks the reader for something different (wait,
//! reconnect, try later, or nothing: the publisher's data is wrong). `status::load_failure`
//! picks them for a failure.

use super::Lang;

pub struct NetworkStrings {
    /// Beside the spinner once a file takes longer than `SLOW_MS`.
    pub slow: &'static str,
    /// In place of a page image that did not load.
    pub image_failed: &'static str,
    /// In place of a page image that had not loaded when the time limit ran out.
    pub image_timeout: &'static str,
    /// The data names no usable page image (its address was left out: see the data notice).
    pub image_absent: &'static str,
    /// Over a page image that is still on its way after `SLOW_MS`.
    pub image_slow: &'static str,
    /// The button that asks for the page image again.
    pub reload_image: &'static str,
    /// Why a data file did not load: the server cannot be reached, or the connection broke.
    pub unreachable: &'static str,
    /// Why a data file did not load: the device is offline.
    pub offline: &'static str,
    /// Why a data file did not load: HTTP 404.
    pub missing: &'static str,
    /// Why a data file did not load: the download broke off.
    pub truncated: &'static str,
}

pub static ZH: NetworkStrings = NetworkStrings {
    slow: "网络较慢，仍在加载……（最多等待 20 秒）",
    image_failed: "版面图无法加载。本版标题和文章仍可阅读。",
    image_timeout: "版面图 20 秒内没有加载完，网络可能太慢。本版标题和文章仍可阅读。",
    image_absent: "本版没有可用的版面图（数据中的地址有问题，见数据说明）。本版标题和文章仍可阅读。",
    image_slow: "网络较慢，版面图仍在加载……",
    reload_image: "重新加载版面图",
    unreachable: "无法连接服务器，或连接中途断开。请检查网络后重试。",
    offline: "您的设备已离线。请连接网络后重试。",
    missing: "文件不存在（HTTP 404）。",
    truncated: "文件没有完整下载（连接中途断开）。请重试。",
};

pub static EN: NetworkStrings = NetworkStrings {
    slow: "Slow connection: still loading… (giving up after 20 s)",
    image_failed: "The page image could not load. The page's articles can still be read.",
    image_timeout: "The page image did not arrive within 20 s; the connection may be too slow. The page's articles can still be read.",
    image_absent: "This page has no usable image (its address in the data is refused: see the data notice). The page's articles can still be read.",
    image_slow: "Slow connection: the page image is still loading…",
    reload_image: "Reload the page image",
    unreachable: "The server cannot be reached, or the connection broke. Check the network and try again.",
    offline: "Your device is offline. Connect to a network and try again.",
    missing: "The file does not exist (HTTP 404).",
    truncated: "The file arrived incomplete (the download broke off). Try again.",
};

impl Lang {
    pub fn network(self) -> &'static NetworkStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Why a data file did not load: no answer within `secs` seconds.
    pub fn no_answer_within(self, secs: u32) -> String {
        match self {
            Lang::Zh => format!("服务器 {secs} 秒内没有回答，网络可能太慢。"),
            Lang::En => format!("No answer within {secs} s; the connection may be too slow."),
        }
    }

    /// After "cannot be reached" for a file on another site than the page's.
    pub fn on_other_site(self, origin: &str) -> String {
        match self {
            Lang::Zh => format!("该文件在另一网站（{origin}）上，它可能不允许本页读取（CORS）。"),
            Lang::En => {
                format!("The file is on another site ({origin}), which may not allow this page to read it (CORS).")
            }
        }
    }

    /// Why a data file did not load: the server answered with an error `status` (500 and up).
    pub fn server_failed(self, status: u16) -> String {
        match self {
            Lang::Zh => format!("服务器出错（HTTP {status}），请稍后重试。"),
            Lang::En => format!("The server failed (HTTP {status}). Try again later."),
        }
    }

    /// Why a data file did not load: the server refused it with `status` (below 500).
    pub fn server_refused(self, status: u16) -> String {
        match self {
            Lang::Zh => format!("服务器拒绝了请求（HTTP {status}）。"),
            Lang::En => format!("The server refused the request (HTTP {status})."),
        }
    }

    /// Why a data file did not load: the answer is `content_type` content (empty when unknown),
    /// not data.
    pub fn not_data(self, content_type: &str) -> String {
        match (self, content_type) {
            (Lang::Zh, t) => format!(
                "收到的不是数据文件，而是{}。可能是网页，例如公共无线网络的登录页或网站的出错页。",
                if t.is_empty() { "未知类型的内容".to_string() } else { format!(" {t} 类型的内容") }
            ),
            (Lang::En, t) => format!(
                "This is not a data file but {}: perhaps a web page, such as a public Wi-Fi sign-in page or a site's error page.",
                if t.is_empty() { "content of unknown type".to_string() } else { format!("{t} content") }
            ),
        }
    }

    /// Why a data file did not load: its one problem, as `path: message`.
    pub fn invalid_data(self, problem: &str) -> String {
        match self {
            Lang::Zh => format!("数据有误：{problem}"),
            Lang::En => format!("Invalid data: {problem}"),
        }
    }

    /// Why a data file did not load: `count` problems (listed below the message).
    pub fn invalid_data_count(self, count: usize) -> String {
        match self {
            Lang::Zh => format!("数据有误，共 {count} 处。"),
            Lang::En => format!("Invalid data, {count} problems."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_are_set_into_the_sentences() {
        assert_eq!(Lang::Zh.no_answer_within(20), "服务器 20 秒内没有回答，网络可能太慢。");
        assert_eq!(Lang::En.server_failed(502), "The server failed (HTTP 502). Try again later.");
        assert_eq!(Lang::Zh.server_refused(403), "服务器拒绝了请求（HTTP 403）。");
        assert!(Lang::Zh.not_data("text/html").contains(" text/html 类型的内容"));
        assert!(Lang::En.not_data("").contains("content of unknown type"));
        assert_eq!(Lang::En.invalid_data("pages[0]: missing field `id`"), "Invalid data: pages[0]: missing field `id`");
        assert_eq!(Lang::Zh.invalid_data_count(3), "数据有误，共 3 处。");
        assert_eq!(ZH.truncated, "文件没有完整下载（连接中途断开）。请重试。");
    }
}

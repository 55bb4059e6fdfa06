//! What the reader says when a file is slow or does not arrive, in Chinese and English: one
//! message per kind of failure, because each asks the reader for something different (wait,
//! reconnect, try later, or nothing: the publisher's data is wrong).

use super::Lang;
use crate::archive::api::{Failure, TIMEOUT_MS};

pub struct NetworkStrings {
    /// Beside the spinner once a file takes longer than `SLOW_MS`.
    pub slow: &'static str,
    /// In place of a page image that did not load.
    pub image_failed: &'static str,
    /// In place of a page image that had not loaded when the time limit ran out.
    pub image_timeout: &'static str,
    /// Over a page image that is still on its way after `SLOW_MS`.
    pub image_slow: &'static str,
    /// The button that asks for the page image again.
    pub reload_image: &'static str,
}

pub static ZH: NetworkStrings = NetworkStrings {
    slow: "网络较慢,仍在加载……(最多等待 20 秒)",
    image_failed: "版面图无法加载。本版标题和文章仍可阅读。",
    image_timeout: "版面图 20 秒内没有加载完,网络可能太慢。本版标题和文章仍可阅读。",
    image_slow: "网络较慢,版面图仍在加载……",
    reload_image: "重新加载版面图",
};

pub static EN: NetworkStrings = NetworkStrings {
    slow: "Slow connection: still loading… (giving up after 20 s)",
    image_failed: "The page image could not load. The page's articles can still be read.",
    image_timeout: "The page image did not arrive within 20 s; the connection may be too slow. The page's articles can still be read.",
    image_slow: "Slow connection: the page image is still loading…",
    reload_image: "Reload the page image",
};

// The strings above name the limit; keep them true.
const _: () = assert!(TIMEOUT_MS == 20_000);

impl Lang {
    pub fn network(self) -> &'static NetworkStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Why a data file did not load, in words a reader can act on.
    pub fn load_failure(self, f: &Failure) -> String {
        let secs = TIMEOUT_MS / 1000;
        match (self, f) {
            (Lang::Zh, Failure::Network(_)) => "无法连接服务器,或连接中途断开。请检查网络后重试。".into(),
            (Lang::Zh, Failure::Offline) => "您的设备已离线。请连接网络后重试。".into(),
            (Lang::Zh, Failure::Timeout) => format!("服务器 {secs} 秒内没有回答,网络可能太慢。"),
            (Lang::Zh, Failure::Http(404)) => "文件不存在(HTTP 404)。".into(),
            (Lang::Zh, Failure::Http(s)) if *s >= 500 => format!("服务器出错(HTTP {s}),请稍后重试。"),
            (Lang::Zh, Failure::Http(s)) => format!("服务器拒绝了请求(HTTP {s})。"),
            (Lang::Zh, Failure::Truncated) => "文件没有完整下载(连接中途断开)。请重试。".into(),
            (Lang::Zh, Failure::NotData(t)) => format!(
                "收到的不是数据文件,而是{}。可能是网页,例如公共无线网络的登录页或网站的出错页。",
                if t.is_empty() { "未知类型的内容".to_string() } else { format!(" {t} 类型的内容") }
            ),
            (Lang::Zh, Failure::Invalid(p)) if p.len() == 1 => format!("数据有误:{}", p[0]),
            (Lang::Zh, Failure::Invalid(p)) => format!("数据有误,共 {} 处。", p.len()),
            (Lang::En, Failure::Network(_)) => "The server cannot be reached, or the connection broke. Check the network and try again.".into(),
            (Lang::En, Failure::Offline) => "Your device is offline. Connect to a network and try again.".into(),
            (Lang::En, Failure::Timeout) => format!("No answer within {secs} s; the connection may be too slow."),
            (Lang::En, Failure::Http(404)) => "The file does not exist (HTTP 404).".into(),
            (Lang::En, Failure::Http(s)) if *s >= 500 => format!("The server failed (HTTP {s}). Try again later."),
            (Lang::En, Failure::Http(s)) => format!("The server refused the request (HTTP {s})."),
            (Lang::En, Failure::Truncated) => "The file arrived incomplete (the download broke off). Try again.".into(),
            (Lang::En, Failure::NotData(t)) => format!(
                "This is not a data file but {}: perhaps a web page, such as a public Wi-Fi sign-in page or a site's error page.",
                if t.is_empty() { "content of unknown type".to_string() } else { format!("{t} content") }
            ),
            (Lang::En, Failure::Invalid(p)) if p.len() == 1 => format!("Invalid data: {}", p[0]),
            (Lang::En, Failure::Invalid(p)) => format!("Invalid data, {} problems.", p.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_model::Problem;

    #[test]
    fn every_failure_has_its_own_message_in_both_languages() {
        let failures = [
            Failure::Network("TypeError".into()),
            Failure::Offline,
            Failure::Timeout,
            Failure::Http(404),
            Failure::Http(500),
            Failure::Http(403),
            Failure::Truncated,
            Failure::NotData("text/html".into()),
            Failure::Invalid(vec![Problem::new("pages[0]", "missing field `id`")]),
            Failure::Invalid(vec![Problem::new("a", "x"), Problem::new("b", "y")]),
        ];
        for lang in [Lang::Zh, Lang::En] {
            let texts: Vec<String> = failures.iter().map(|f| lang.load_failure(f)).collect();
            for (i, t) in texts.iter().enumerate() {
                assert!(texts[..i].iter().all(|u| u != t), "{t} said twice");
            }
            assert!(texts[3].contains("HTTP 404") && texts[4].contains("HTTP 500"));
            assert!(texts[7].contains("text/html"));
            assert!(texts[8].contains("pages[0]: missing field `id`"));
        }
        assert_eq!(Lang::Zh.load_failure(&Failure::Truncated), "文件没有完整下载(连接中途断开)。请重试。");
        assert!(Lang::En.load_failure(&Failure::NotData(String::new())).contains("unknown type"));
    }
}

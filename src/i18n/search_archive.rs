//! Strings of the whole-archive search, in Chinese and English.

use super::Lang;

pub struct ArchiveSearchStrings {
    pub label: &'static str,
    pub scope: &'static str,
    pub this_issue: &'static str,
    pub archive: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub sort: &'static str,
    pub year: &'static str,
    pub relevance: &'static str,
    pub newest: &'static str,
    pub oldest: &'static str,
    pub month: &'static str,
    pub section: &'static str,
    pub page: &'static str,
    pub any: &'static str,
    pub stop: &'static str,
    pub stopped: &'static str,
    pub retry: &'static str,
    pub unreachable: &'static str,
    pub nothing: &'static str,
    pub results: &'static str,
}

pub static ZH: ArchiveSearchStrings = ArchiveSearchStrings {
    label: "在全部报纸中检索",
    scope: "检索范围",
    this_issue: "本期",
    archive: "全部报纸",
    from: "从",
    to: "到",
    sort: "排序",
    year: "年份",
    relevance: "相关度",
    newest: "最新在前",
    oldest: "最早在前",
    month: "月份",
    section: "栏目",
    page: "版次",
    any: "全部",
    stop: "停止检索",
    stopped: "已停止。",
    retry: "重试",
    unreachable: "无法加载检索索引，请检查网络后重试。",
    nothing: "全部报纸中没有找到",
    results: "全部报纸的检索结果",
};

pub static EN: ArchiveSearchStrings = ArchiveSearchStrings {
    label: "Search the whole archive",
    scope: "Search in",
    this_issue: "This issue",
    archive: "The whole archive",
    from: "From",
    to: "To",
    sort: "Order",
    year: "Year",
    relevance: "Relevance",
    newest: "Newest first",
    oldest: "Oldest first",
    month: "Month",
    section: "Section",
    page: "Page",
    any: "Any",
    stop: "Stop searching",
    stopped: "Stopped.",
    retry: "Try again",
    unreachable: "The search index could not be loaded. Check the connection and try again.",
    nothing: "Nothing found in the archive for ",
    results: "Results in the whole archive",
};

impl Lang {
    pub fn archive_search(self) -> &'static ArchiveSearchStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Progress and count: 找到 12 篇文章（已检索 2/5 年） / 12 articles found (2 of 5 years searched).
    pub fn archive_found(self, articles: usize, years_done: usize, years: usize) -> String {
        let found = self.found(articles);
        match (self, years_done == years) {
            (Lang::Zh, true) => format!("{found}，共检索 {years} 年"),
            (Lang::Zh, false) => format!("{found}（已检索 {years_done}/{years} 年）"),
            (Lang::En, true) => format!("{found} in {years} year(s)"),
            (Lang::En, false) => format!("{found} ({years_done} of {years} years searched)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_naturally() {
        assert_eq!(Lang::Zh.archive_found(3, 1, 2), "找到 3 篇文章（已检索 1/2 年）");
        assert_eq!(Lang::En.archive_found(1, 2, 2), "1 article found in 2 year(s)");
    }
}

//! Strings of citing an article (引用), in Chinese and English, and the dates of a citation as
//! each language's citation styles write them.

use super::{Lang, EN_MONTHS};
use broadsheet_model::Day;

pub struct CitationStrings {
    /// The article tool that shows the citation; its visible text and accessible name.
    pub cite: &'static str,
    /// The heading of the citation panel.
    pub heading: &'static str,
    /// The label of the format choice.
    pub format: &'static str,
    /// The label of the citation's text box.
    pub text: &'static str,
    /// The plain-text format's name (the others are their own names: BibTeX, RIS, CSL-JSON).
    pub plain: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    /// The browser refused the clipboard: the text is selected for the reader to copy.
    pub copy_refused: &'static str,
    pub download: &'static str,
    /// The download button's accessible name, before the file's extension: 下载 .bib 文件.
    pub download_label: (&'static str, &'static str),
    pub close: &'static str,
}

pub static ZH: CitationStrings = CitationStrings {
    cite: "引用",
    heading: "引用本文",
    format: "格式",
    text: "引用文本",
    plain: "文本",
    copy: "复制",
    copied: "已复制到剪贴板。",
    copy_refused: "浏览器不允许写入剪贴板。引用文本已选中，请按 Ctrl+C（或长按）复制。",
    download: "下载",
    download_label: ("下载 ", " 文件"),
    close: "收起引用",
};

pub static EN: CitationStrings = CitationStrings {
    cite: "Cite",
    heading: "Cite this article",
    format: "Format",
    text: "Citation",
    plain: "Text",
    copy: "Copy",
    copied: "Copied to the clipboard.",
    copy_refused:
        "The browser did not allow the clipboard. The citation is selected: copy it with Ctrl+C (or a long press).",
    download: "Download",
    download_label: ("Download the ", " file"),
    close: "Hide the citation",
};

impl Lang {
    pub fn citation(self) -> &'static CitationStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The download button's accessible name for a file extension: 下载 .bib 文件.
    pub fn download_file(self, extension: &str) -> String {
        let (before, after) = self.citation().download_label;
        format!("{before}.{extension}{after}")
    }

    /// An issue date in a citation: 2016年9月24日, or September 24, 2016.
    pub fn cited_date(self, d: Day) -> String {
        match self {
            Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            Lang::En => format!("{} {}, {}", EN_MONTHS[d.month() as usize - 1], d.day(), d.year()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_file_names_read_naturally() {
        let d = Day::parse("2016-09-24").unwrap();
        assert_eq!(Lang::Zh.cited_date(d), "2016年9月24日");
        assert_eq!(Lang::En.cited_date(d), "September 24, 2016");
        assert_eq!(Lang::Zh.download_file("bib"), "下载 .bib 文件");
        assert_eq!(Lang::En.download_file("ris"), "Download the .ris file");
    }

    #[test]
    fn the_cite_tool_is_named_apart_from_the_other_article_tools() {
        for lang in [Lang::Zh, Lang::En] {
            let (s, c) = (lang.strings(), lang.citation());
            for other in [s.larger, s.smaller, s.default_size, s.text_view, s.page_view, s.close, s.close_article] {
                assert_ne!(c.cite, other);
                assert_ne!(c.close, other);
            }
            assert_ne!(c.cite, lang.read_aloud().read_aloud);
        }
    }
}

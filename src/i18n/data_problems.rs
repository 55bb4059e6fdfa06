//! Strings of the notice that lists what is wrong with a data file, in Chinese and English.

use super::Lang;
use broadsheet_model::YearMonth;

/// Which data file a notice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFile {
    Archive,
    Month(YearMonth),
    Issue,
}

pub struct DataProblemStrings {
    pub show: &'static str,
}

pub static ZH: DataProblemStrings = DataProblemStrings { show: "查看问题" };
pub static EN: DataProblemStrings = DataProblemStrings { show: "Show the problems" };

impl Lang {
    pub fn data_problems(self) -> &'static DataProblemStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// What the file is, in a sentence: 本期数据, 2016年9月的索引.
    fn data_file(self, file: DataFile) -> String {
        match (self, file) {
            (Lang::Zh, DataFile::Archive) => "报纸档案目录".into(),
            (Lang::Zh, DataFile::Month(m)) => format!("{}年{}月的索引", m.year, m.number()),
            (Lang::Zh, DataFile::Issue) => "本期数据".into(),
            (Lang::En, DataFile::Archive) => "The archive's manifest".into(),
            (Lang::En, DataFile::Month(m)) => format!("The index of {m}"),
            (Lang::En, DataFile::Issue) => "This issue's data".into(),
        }
    }

    /// The notice's name for screen readers: 本期数据问题, Problems in this issue's data.
    pub fn problems_label(self, file: DataFile) -> String {
        match self {
            Lang::Zh => format!("{}问题", self.data_file(file)),
            Lang::En => {
                let what = self.data_file(file);
                let what = what.strip_prefix("The ").map(|w| format!("the {w}")).unwrap_or(what);
                let what = what.strip_prefix("This ").map(|w| format!("this {w}")).unwrap_or(what);
                format!("Problems in {what}")
            }
        }
    }

    /// The notice's summary, e.g. 本期数据有 3 处问题，有问题的部分未显示，其余照常阅读。
    pub fn problems_summary(self, file: DataFile, n: usize) -> String {
        let what = self.data_file(file);
        match (self, n) {
            (Lang::Zh, n) => format!("{what}有 {n} 处问题，有问题的部分未显示，其余照常阅读。"),
            (Lang::En, 1) => format!("{what} has 1 problem; the part it affects is left out, the rest reads as usual."),
            (Lang::En, n) => {
                format!("{what} has {n} problems; the parts they affect are left out, the rest reads as usual.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_and_name_the_file() {
        assert_eq!(
            Lang::Zh.problems_summary(DataFile::Issue, 3),
            "本期数据有 3 处问题，有问题的部分未显示，其余照常阅读。"
        );
        assert!(Lang::En.problems_summary(DataFile::Issue, 1).starts_with("This issue's data has 1 problem;"));
        assert!(Lang::En.problems_summary(DataFile::Issue, 2).starts_with("This issue's data has 2 problems;"));
        let sept = YearMonth::new(2016, 9).unwrap();
        assert!(Lang::Zh.problems_summary(DataFile::Month(sept), 1).starts_with("2016年9月的索引有 1 处问题"));
        assert!(Lang::En.problems_summary(DataFile::Month(sept), 1).starts_with("The index of 2016-09 has 1 problem;"));
        assert!(Lang::En.problems_summary(DataFile::Archive, 2).starts_with("The archive's manifest has 2 problems;"));
        assert_eq!(Lang::En.problems_label(DataFile::Issue), "Problems in this issue's data");
        assert_eq!(Lang::En.problems_label(DataFile::Archive), "Problems in the archive's manifest");
        assert_eq!(Lang::Zh.problems_label(DataFile::Issue), "本期数据问题");
    }
}

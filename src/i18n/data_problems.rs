//! Strings of the notice that lists what is wrong with an issue's data, in Chinese and English.

use super::Lang;

pub struct DataProblemStrings {
    /// The notice's name for screen readers.
    pub label: &'static str,
    pub show: &'static str,
}

pub static ZH: DataProblemStrings = DataProblemStrings { label: "本期数据问题", show: "查看问题" };

pub static EN: DataProblemStrings =
    DataProblemStrings { label: "Problems in this issue's data", show: "Show the problems" };

impl Lang {
    pub fn data_problems(self) -> &'static DataProblemStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The notice's summary, e.g. 本期数据有 3 处问题，有问题的部分未显示，其余照常阅读。
    pub fn problems_summary(self, n: usize) -> String {
        match (self, n) {
            (Lang::Zh, n) => format!("本期数据有 {n} 处问题，有问题的部分未显示，其余照常阅读。"),
            (Lang::En, 1) => {
                "This issue's data has 1 problem; the part it affects is left out, the rest reads as usual.".into()
            }
            (Lang::En, n) => format!(
                "This issue's data has {n} problems; the parts they affect are left out, the rest reads as usual."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count() {
        assert_eq!(Lang::Zh.problems_summary(3), "本期数据有 3 处问题，有问题的部分未显示，其余照常阅读。");
        assert!(Lang::En.problems_summary(1).starts_with("This issue's data has 1 problem;"));
        assert!(Lang::En.problems_summary(2).starts_with("This issue's data has 2 problems;"));
    }
}

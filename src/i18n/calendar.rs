//! The calendar's strings (按日期检索, previous and next month and issue, dates without an
//! issue), in Chinese and English.

use super::{Lang, EN_MONTHS};
use broadsheet_model::{Day, YearMonth};

pub struct CalendarStrings {
    pub heading: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub year: &'static str,
    pub month: &'static str,
    pub issue_nav: &'static str,
    pub previous_issue: &'static str,
    pub next_issue: &'static str,
    pub go_to_date: &'static str,
    pub go: &'static str,
    pub no_issues_this_month: &'static str,
    pub month_index_missing: &'static str,
    pub issue_file_missing: &'static str,
    pub earlier_issue: &'static str,
    pub later_issue: &'static str,
    pub no_earlier_issue: &'static str,
    pub no_later_issue: &'static str,
    pub finding_nearest: &'static str,
    pub today: &'static str,
    short_weekdays: [&'static str; 7],
}

pub static ZH: CalendarStrings = CalendarStrings {
    heading: "按日期检索",
    previous_month: "上个月",
    next_month: "下个月",
    year: "年",
    month: "月",
    issue_nav: "往期",
    previous_issue: "上一期",
    next_issue: "下一期",
    go_to_date: "日期",
    go: "转到",
    no_issues_this_month: "本月没有出版。",
    month_index_missing: "archive.json 说这个月有报纸，但找不到这个月的索引文件。",
    issue_file_missing: "这个月的索引列出了这一期，但这一期的文件不存在。",
    earlier_issue: "前一期：",
    later_issue: "后一期：",
    no_earlier_issue: "没有更早的一期。",
    no_later_issue: "没有更晚的一期。",
    finding_nearest: "正在查找最近的一期……",
    today: "今天",
    short_weekdays: ["一", "二", "三", "四", "五", "六", "日"],
};

pub static EN: CalendarStrings = CalendarStrings {
    heading: "Find by date",
    previous_month: "Previous month",
    next_month: "Next month",
    year: "Year",
    month: "Month",
    issue_nav: "Issues",
    previous_issue: "Previous issue",
    next_issue: "Next issue",
    go_to_date: "Date",
    go: "Go",
    no_issues_this_month: "No issues this month.",
    month_index_missing: "archive.json says this month has issues, but its index file is missing.",
    issue_file_missing: "This month's index lists this issue, but its file is missing.",
    earlier_issue: "Earlier issue: ",
    later_issue: "Later issue: ",
    no_earlier_issue: "No earlier issue.",
    no_later_issue: "No later issue.",
    finding_nearest: "Finding the nearest issue…",
    today: "today",
    short_weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

impl Lang {
    pub fn calendar(self) -> &'static CalendarStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// A month as the calendar's caption shows it: 2016年9月, September 2016.
    pub fn month_caption(self, m: YearMonth) -> String {
        match self {
            Lang::Zh => format!("{}年{}月", m.year, m.number()),
            Lang::En => format!("{} {}", EN_MONTHS[m.number() as usize - 1], m.year),
        }
    }

    /// A month's name alone, for the month picker: 9月, September.
    pub fn month_name(self, month: u8) -> String {
        match self {
            Lang::Zh => format!("{month}月"),
            Lang::En => EN_MONTHS[(month as usize).clamp(1, 12) - 1].to_string(),
        }
    }

    /// A year for the year picker: 2016年, 2016.
    pub fn year_name(self, year: i32) -> String {
        match self {
            Lang::Zh => format!("{year}年"),
            Lang::En => year.to_string(),
        }
    }

    /// A weekday's column header (一, Mon) and its full name (星期一, Monday), counted from Monday.
    pub fn weekday_names(self, from_monday: u8) -> (&'static str, &'static str) {
        let i = from_monday as usize % 7;
        (self.calendar().short_weekdays[i], self.strings().weekdays[i])
    }

    /// The notice for a date without an issue.
    pub fn no_issue_on(self, d: Day) -> String {
        match self {
            Lang::Zh => format!("{}没有出版报纸。", self.long_date(d)),
            Lang::En => format!("There is no issue on {}.", self.long_date(d)),
        }
    }

    /// What the archive holds, said under that notice.
    pub fn archive_range(self, first: Day, last: Day) -> String {
        match self {
            Lang::Zh => format!("本报数字版收录{}至{}的报纸。", self.long_date(first), self.long_date(last)),
            Lang::En => format!("The archive holds issues from {} to {}.", self.long_date(first), self.long_date(last)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_texts_in_both_languages() {
        let m = YearMonth::parse("2013-12").unwrap();
        assert_eq!(Lang::Zh.month_caption(m), "2013年12月");
        assert_eq!(Lang::En.month_caption(m), "December 2013");
        assert_eq!(Lang::Zh.weekday_names(6), ("日", "星期日"));
        assert_eq!(Lang::En.weekday_names(0), ("Mon", "Monday"));
        let d = Day::parse("2016-09-11").unwrap();
        assert_eq!(Lang::Zh.no_issue_on(d), "2016年9月11日 星期日没有出版报纸。");
        assert_eq!(Lang::En.no_issue_on(d), "There is no issue on Sunday, 11 September 2016.");
        assert_eq!(Lang::Zh.month_name(9), "9月");
        assert_eq!(Lang::En.month_name(12), "December");
        assert_eq!(Lang::Zh.calendar().previous_month, "上个月");
        assert_eq!(Lang::Zh.calendar().next_month, "下个月");
    }
}

//! Strings of offline reading, in Chinese and English.

use super::Lang;

pub struct OfflineStrings {
    pub heading: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub remove: &'static str,
    pub failed: &'static str,
    /// The description of a calendar day whose issue opens offline (its name stays the date;
    /// the stylesheet draws the mark, ⤓).
    pub available: &'static str,
    pub not_available: &'static str,
}

pub static ZH: OfflineStrings = OfflineStrings {
    heading: "离线阅读",
    save: "离线保存本期",
    saving: "正在保存",
    saved: "本期已离线保存，断网也能阅读。",
    remove: "删除离线副本",
    failed: "有些文件未能保存，请联网后重试。",
    available: "可离线阅读",
    not_available: "这一期没有离线保存，断网时无法打开。请联网后重试，或阅读已保存的期次（日历中标有⤓）。",
};

pub static EN: OfflineStrings = OfflineStrings {
    heading: "Offline reading",
    save: "Save this issue for offline",
    saving: "Saving",
    saved: "This issue is saved: it opens without a network.",
    remove: "Remove the offline copy",
    failed: "Some files could not be saved; try again when online.",
    available: "available offline",
    not_available: "This issue is not available offline. Connect to the network and retry, or read an issue kept offline (marked ⤓ in the calendar).",
};

impl Lang {
    pub fn offline(self) -> &'static OfflineStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Saving progress in files, e.g. 3 / 12.
    pub fn progress(self, done: usize, total: usize) -> String {
        format!("{done} / {total}")
    }

    /// Space taken by offline copies, e.g. 已用 3.2 MB / 200 MB.
    pub fn offline_usage(self, used: u64, limit: u64) -> String {
        // Integer arithmetic: float formatting would cost the wasm some 10 kB.
        let mb = |b: u64| format!("{}.{} MB", b / 1_000_000, b % 1_000_000 / 100_000);
        match self {
            Lang::Zh => format!("已用 {} / {}", mb(used), mb(limit)),
            Lang::En => format!("{} of {} used", mb(used), mb(limit)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_strings_read_naturally() {
        assert_eq!(Lang::Zh.progress(3, 12), "3 / 12");
        assert_eq!(Lang::En.offline_usage(3_240_000, 200_000_000), "3.2 MB of 200.0 MB used");
    }
}

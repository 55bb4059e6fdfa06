//! The page zoom's strings (zoom buttons and the zoom level), in Chinese and English.

use super::Lang;

pub struct TouchStrings {
    /// The group of zoom buttons.
    pub zoom: &'static str,
    /// Visible text and accessible name of each button.
    pub zoom_in: &'static str,
    pub zoom_in_label: &'static str,
    pub zoom_out: &'static str,
    pub zoom_out_label: &'static str,
    pub zoom_reset: &'static str,
    pub zoom_reset_label: &'static str,
}

pub static ZH: TouchStrings = TouchStrings {
    zoom: "版面缩放",
    zoom_in: "+",
    zoom_in_label: "放大版面",
    zoom_out: "−",
    zoom_out_label: "缩小版面",
    zoom_reset: "1:1",
    zoom_reset_label: "版面还原",
};

pub static EN: TouchStrings = TouchStrings {
    zoom: "Page zoom",
    zoom_in: "+",
    zoom_in_label: "Zoom in on the page",
    zoom_out: "−",
    zoom_out_label: "Zoom out of the page",
    zoom_reset: "1:1",
    zoom_reset_label: "Fit the page",
};

impl Lang {
    pub fn touch(self) -> &'static TouchStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The zoom level as announced and shown beside the buttons: 250%.
    pub fn zoom_level(self, scale: f64) -> String {
        let percent = (scale * 100.0).round() as u32;
        match self {
            Lang::Zh => format!("版面 {percent}%"),
            Lang::En => format!("Page at {percent}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_texts_in_both_languages() {
        assert_eq!(Lang::Zh.touch().zoom_in_label, "放大版面");
        assert_eq!(Lang::En.touch().zoom_out_label, "Zoom out of the page");
        assert_eq!(Lang::Zh.zoom_level(2.5), "版面 250%");
        assert_eq!(Lang::En.zoom_level(1.0), "Page at 100%");
        // The zoom buttons' names differ from the article's text-size buttons (放大文字 etc.).
        for lang in [Lang::Zh, Lang::En] {
            let (s, t) = (lang.strings(), lang.touch());
            for name in [t.zoom_in_label, t.zoom_out_label, t.zoom_reset_label] {
                assert!(![s.larger_label, s.smaller_label, s.default_size_label].contains(&name), "{name}");
            }
        }
    }
}

//! Strings of clippings (a rectangle of the page to download and to link), in Chinese and English.

use super::Lang;

pub struct ClippingStrings {
    /// The switch's visible text and accessible name; pressed while a drag draws a clipping.
    pub clip: &'static str,
    pub hint: &'static str,
    /// Said while the switch is on: what to do.
    pub how: &'static str,
    /// The clipping's panel (a region) and its outline on the page.
    pub title: &'static str,
    /// Before the clipping's size in page pixels.
    pub size: &'static str,
    pub download: &'static str,
    pub preparing: &'static str,
    pub downloaded: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    /// The link's text box.
    pub link: &'static str,
    pub no_link: &'static str,
    pub close: &'static str,
    /// The download's failures: the image on another site that does not allow it (CORS),
    /// before and after the site's name; the image not loading; the browser refusing.
    pub cors_before: &'static str,
    pub cors_after: &'static str,
    pub image_failed: &'static str,
    pub cannot_draw: &'static str,
}

pub static ZH: ClippingStrings = ClippingStrings {
    clip: "剪报",
    hint: "在版面上拖出一个矩形，或点选一篇文章，得到可下载的图片和链接",
    how: "在版面上拖出一个矩形，或点选一篇文章",
    title: "剪报",
    size: "剪报大小（像素）：",
    download: "下载图片",
    preparing: "正在生成图片…",
    downloaded: "图片已下载",
    copy: "复制链接",
    copied: "链接已复制",
    copy_failed: "无法复制，请手动复制链接",
    link: "剪报链接",
    no_link: "本阅读器不使用地址栏，剪报没有链接。",
    close: "关闭剪报",
    cors_before: "版面图在 ",
    cors_after: " 上，该网站不允许本页读取图像（CORS），因此无法下载图片；链接仍然可用。",
    image_failed: "版面图无法加载，请稍后重试；链接仍然可用。",
    cannot_draw: "浏览器无法生成这张图片；链接仍然可用。",
};

pub static EN: ClippingStrings = ClippingStrings {
    clip: "Clip",
    hint: "Drag a rectangle on the page, or choose an article, for an image to download and a link",
    how: "Drag a rectangle on the page, or choose an article",
    title: "Clipping",
    size: "Clipping size (pixels): ",
    download: "Download image",
    preparing: "Making the image…",
    downloaded: "Image downloaded",
    copy: "Copy link",
    copied: "Link copied",
    copy_failed: "Could not copy: copy the link by hand",
    link: "Link to the clipping",
    no_link: "This reader does not use the address bar, so the clipping has no link.",
    close: "Close clipping",
    cors_before: "The page image is on ",
    cors_after: ", which does not let this page read its pixels (CORS), so the image cannot be downloaded; the link still works.",
    image_failed: "The page image could not be loaded; try again later. The link still works.",
    cannot_draw: "The browser could not make this image; the link still works.",
};

impl Lang {
    pub fn clipping(self) -> &'static ClippingStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_is_named_in_either_language() {
        assert_eq!(Lang::Zh.clipping().clip, "剪报");
        assert_eq!(Lang::En.clipping().clip, "Clip");
    }
}

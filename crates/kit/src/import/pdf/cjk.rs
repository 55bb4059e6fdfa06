//! Characters as typeset in Chinese (and Japanese) PDFs, from what their fonts' Unicode maps
//! say, and which characters are CJK (no space is ever put between two of them).
//!
//! Typesetting programs and browsers write the lowest code point a font maps to a glyph, so
//! where the font shares 工's glyph with the Kangxi radical ⼯ the PDF says ⼯ (U+2F2F), and
//! vertical headlines carry the vertical forms of their punctuation (︵ for （). Both are put
//! back; everything else stays as typeset, full-width punctuation included.

/// The ideograph of each CJK Radicals Supplement character, U+2E80 to U+2EF3, and of each
/// Kangxi radical, U+2F00 to U+2FD5: Unicode's EquivalentUnifiedIdeograph.txt (14.0.0), where
/// the Kangxi radicals map as NFKC maps them. U+2E80 and the unassigned U+2E9A map to themselves.
const SUPPLEMENT: &str = "⺀厂乛乚乙亻冂𠘨刀刂卜㔾小小兀尣尢𡯂巳幺彑彐忄心扌攵⺚旡日月歺母民氵氺灬爫爫丬牛犭王𤴔目示礻𥫗糹纟罓罒㓁冗𦉫羊𦍌𦍋耂肀聿肉𦥑艹艹艹虎衤覀西见角𧢲讠贝𧾷车辶辶辶邑钅長镸长门𨸏阝雨青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟";
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// A character as the text says it: radicals as their ideographs, vertical forms as the
/// horizontal ones, the Latin ligatures as their letters.
pub fn normal(c: char) -> Option<&'static str> {
    let n = c as u32;
    let nth = |table: &'static str, i: u32| {
        let (at, ch) = table.char_indices().nth(i as usize)?;
        Some(&table[at..at + ch.len_utf8()])
    };
    match n {
        0x2E80..=0x2EF3 => nth(SUPPLEMENT, n - 0x2E80).filter(|s| !s.starts_with(c)),
        0x2F00..=0x2FD5 => nth(KANGXI, n - 0x2F00),
        0xFE10..=0xFE19 => nth("，、。：；！？〖〗…", n - 0xFE10),
        0xFE30..=0xFE44 => nth("‥—–＿＿（）｛｝〔〕【】《》〈〉「」『』", n - 0xFE30),
        0xFE47 => Some("［"),
        0xFE48 => Some("］"),
        0xFB00 => Some("ff"),
        0xFB01 => Some("fi"),
        0xFB02 => Some("fl"),
        0xFB03 => Some("ffi"),
        0xFB04 => Some("ffl"),
        0xFB05 | 0xFB06 => Some("st"),
        _ => None,
    }
}

/// Whether a character has no Unicode meaning of its own: private use (fonts without a real
/// map put their glyphs there), the replacement character, controls.
pub fn meaningless(c: char) -> bool {
    let n = c as u32;
    (0xE000..=0xF8FF).contains(&n)
        || (0xF0000..=0x10FFFF).contains(&n)
        || c == '\u{FFFD}'
        || (c.is_control() && !c.is_whitespace())
}

/// Whether a character is set in CJK text without spaces around it: ideographs, kana,
/// bopomofo, CJK symbols and punctuation, full-width forms. (Hangul is not: Korean spaces its
/// words.)
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF // radicals
        | 0x3000..=0x303F // CJK symbols and punctuation
        | 0x3040..=0x30FF // kana
        | 0x3100..=0x312F // bopomofo
        | 0x3190..=0x31FF
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF)
}

/// Marks set in CJK and Latin text alike (quotes, dashes, ellipsis, middle dot): the text
/// around them tells which they are in.
pub fn is_neutral(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '—' | '–' | '…' | '·' | '(' | ')')
}

/// Whether two pieces of text meet without a space when a line break parts them: where the
/// last letter before the break or the first after it (quotes and dashes looked past) is CJK.
pub fn glued(before: &str, after: &str) -> bool {
    let last = before.chars().rev().find(|c| !is_neutral(*c) && !c.is_whitespace());
    let first = after.chars().find(|c| !is_neutral(*c) && !c.is_whitespace());
    last.is_some_and(is_cjk) || first.is_some_and(is_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        s.chars().map(|c| normal(c).map_or_else(|| c.to_string(), str::to_string)).collect()
    }

    #[test]
    fn radicals_vertical_forms_and_ligatures_are_put_back() {
        // As Chromium writes Noto CJK text: 工 月 日 黄 小 女 人 as radicals.
        assert_eq!(
            fix("部署⼯作，北京9⽉23⽇电（记者⻩⼩希），妇⼥，娘家⼈"),
            "部署工作，北京9月23日电（记者黄小希），妇女，娘家人"
        );
        assert_eq!(fix("︵竖排标题︶︐︒﹁引﹂"), "（竖排标题），。「引」");
        assert_eq!(fix("ﬁnal ﬂow"), "final flow");
        // Full-width punctuation stays as typeset; the radical with no ideograph stays itself.
        assert_eq!(fix("，。：“”！？⺀"), "，。：“”！？⺀");
        assert!(meaningless('\u{E001}') && meaningless('\u{FFFD}') && !meaningless('中') && !meaningless(' '));
        assert!(
            is_cjk('中')
                && is_cjk('，')
                && is_neutral('“')
                && is_cjk('か')
                && !is_cjk('a')
                && !is_cjk('한')
                && !is_cjk(',')
        );
        assert!(glued("部署“好姐妹”", "工作") && glued("会议指出", "“要") && glued("2016", "年") && glued("ABC", "中"));
        assert!(!glued("he said", "“Hello,”") && !glued("the", "war") && !glued("", ""));
    }
}

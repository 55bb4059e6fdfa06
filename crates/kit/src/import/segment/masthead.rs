//! The masthead band: the nameplate, the ears beside it and the date line under it, above the
//! columns; on inner pages the running head with the date.

use super::lines::{median, Text};
use super::{union, Kind, Page, Part, Story};

/// Month names (and the short forms printed on date lines) in English, German, French,
/// Spanish, Italian and Dutch, lower case.
const MONTHS: [&str; 50] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "gennaio",
    "maggio",
];

/// Whether a text reads as a date line: it holds a year (1600 to 2099) as a number of its
/// own, or a month's name next to a number (OCR often misreads the year's digits).
fn is_dateline(text: &str) -> bool {
    let year = text
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (1600..2100).contains(&d.parse::<u32>().unwrap_or(0)));
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let number = |k: usize| words.get(k).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
    let month =
        (0..words.len()).any(|k| MONTHS.contains(&words[k].as_str()) && (number(k + 1) || (k > 0 && number(k - 1))));
    year || month
}

/// The masthead story, if the page has one, and the indexes of the other lines (debris
/// left out). The band is anchored on the date line (a line across a quarter of the page or
/// more that reads as a date, in the top fifth of the page) or else the nameplate (the largest
/// line of the top fifth, set at least 2.5 times the body size across 30 % of the page or
/// more), and holds every line that starts clearly above the anchor's foot.
pub fn find(page: &Page, text: &Text) -> (Option<Story>, Vec<usize>) {
    let kept: Vec<usize> = (0..page.lines.len()).filter(|&i| !text.debris[i]).collect();
    let body = median(kept.iter().map(|&i| page.lines[i].size).collect()).unwrap_or(0.0);
    let top: Vec<usize> = kept.iter().copied().filter(|&i| page.lines[i].rect.y1 <= 0.2 * page.height).collect();
    let wide = |i: usize, share: f64| page.lines[i].rect.width() >= share * page.width;
    let nameplate = top
        .iter()
        .copied()
        .filter(|&i| page.lines[i].size >= 2.5 * body && wide(i, 0.3))
        .max_by(|&a, &b| page.lines[a].size.total_cmp(&page.lines[b].size));
    // The topmost date line: a headline set large under it is no nameplate.
    let date = top
        .iter()
        .copied()
        .filter(|&i| is_dateline(&page.lines[i].text) && wide(i, 0.25))
        .min_by(|&a, &b| page.lines[a].rect.y0.total_cmp(&page.lines[b].rect.y0));
    let Some(anchor) = date.or(nameplate) else {
        return (None, kept);
    };
    // The lines that start clearly above the anchor's foot: the anchor, what is above it and
    // the ears and numbers beside it.
    let a = page.lines[anchor].rect;
    let foot = a.y1 - 0.25 * a.height();
    let (band, rest): (Vec<usize>, Vec<usize>) = kept.into_iter().partition(|&i| page.lines[i].rect.y0 < foot);
    // And the lines inside the band's box (a column's first line beside a tall nameplate).
    let rect = union(band.iter().map(|&i| page.lines[i].rect)).expect("the anchor is in the band");
    let inside = |i: &usize| {
        let l = page.lines[*i].rect;
        let (x, y) = ((l.x0 + l.x1) / 2.0, (l.y0 + l.y1) / 2.0);
        rect.x0 <= x && x <= rect.x1 && rect.y0 <= y && y <= rect.y1
    };
    let (more, rest): (Vec<usize>, Vec<usize>) = rest.into_iter().partition(inside);
    let band: Vec<usize> = band.into_iter().chain(more).collect();
    let rect = union(band.iter().map(|&i| page.lines[i].rect)).expect("the anchor is in the band");
    let story = Story {
        kind: Kind::Masthead,
        decks: Vec::new(),
        parts: vec![Part::Text(band)],
        regions: vec![rect],
        loose: Vec::new(),
    };
    (Some(story), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        assert!(is_dateline("MILFORD, UTAH, FRIDAY, MAY 12, 1916"));
        assert!(is_dateline("AUGUST 26, 1916-SIXTEEN PAGES."));
        assert!(is_dateline("WASHINGTON, D. C., MONDAY, NOVEMBER 15, 3920-THIRTY-SIX PAGES."));
        assert!(is_dateline("Dienstag, den 3. Januar 1878"));
        assert!(!is_dateline("No. 29,422.") && !is_dateline("$40,000") && !is_dateline("19160"));
        assert!(!is_dateline("MAY BE HOST AT CITIZEN SESSION"));
    }
}

//! An article's citation and its formats: text in the interface language's style, BibTeX, RIS
//! and CSL-JSON to download or copy, and the document metadata that reference managers such as
//! Zotero read (Highwire `citation_*` meta elements, schema.org NewsArticle JSON-LD). Plain Rust,
//! no web types; every field comes from the data and is written as text of its format.

use crate::i18n::Lang;
use broadsheet_model::{Article, Day, Issue, Paper};
use serde_json::{json, Map, Value};

/// What a citation says of an article, each text on one line.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// The paper's name, e.g. 中国妇女报.
    pub paper: String,
    /// The paper's BCP 47 language tag.
    pub language: String,
    pub date: Day,
    /// The issue number or edition label as printed, e.g. 第6212期.
    pub edition: Option<String>,
    /// The article's (home) page: its number as printed and its name.
    pub page_number: String,
    pub page_name: String,
    pub title: String,
    /// The byline without its printed marker (□ 新华社记者 黄小希 → 新华社记者 黄小希).
    pub byline: Option<String>,
    /// The article's id in its issue, for the citation key.
    pub id: String,
    /// The reader's address that reopens the article; `None` where the reader keeps no address.
    pub link: Option<String>,
}

/// The formats a citation is offered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    BibTex,
    Ris,
    CslJson,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Text, Format::BibTex, Format::Ris, Format::CslJson];

    /// Its value in the format choice.
    pub fn key(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::BibTex => "bibtex",
            Format::Ris => "ris",
            Format::CslJson => "csl-json",
        }
    }

    pub fn parse(key: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Its name in the format choice; the plain text's name is the interface's (`plain`).
    pub fn name(self, plain: &'static str) -> &'static str {
        match self {
            Format::Text => plain,
            Format::BibTex => "BibTeX",
            Format::Ris => "RIS",
            Format::CslJson => "CSL-JSON",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::BibTex => "bib",
            Format::Ris => "ris",
            Format::CslJson => "json",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain;charset=utf-8",
            Format::BibTex => "application/x-bibtex;charset=utf-8",
            Format::Ris => "application/x-research-info-systems;charset=utf-8",
            Format::CslJson => "application/vnd.citationstyles.csl+json;charset=utf-8",
        }
    }
}

/// A text on one line: runs of white space (line breaks too) become one space, ends trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A byline as an author: without the printed marker before it (□, ■, ◇…) or a leading "By".
fn author(byline: &str) -> Option<String> {
    let s = one_line(byline);
    let s = s.trim_start_matches(|c: char| "□■◇◆○●☆★▲△·•-—|".contains(c) || c.is_whitespace());
    let s = match s.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => s[3..].trim_start(),
        _ => s,
    };
    (!s.is_empty()).then(|| s.to_string())
}

/// Some text, or nothing for text that is blank.
fn present(s: Option<&str>) -> Option<String> {
    s.map(one_line).filter(|s| !s.is_empty())
}

impl Citation {
    /// The citation of `article`, whose home is page `home` of `issue`, with the address that
    /// reopens it.
    pub fn of(paper: &Paper, issue: &Issue, home: usize, article: &Article, link: Option<String>) -> Citation {
        let page = issue.pages.get(home);
        Citation {
            paper: one_line(&paper.name),
            language: one_line(&paper.language),
            date: issue.date,
            edition: present(issue.edition.as_deref()),
            page_number: page.map(|p| one_line(&p.number)).unwrap_or_default(),
            page_name: page.map(|p| one_line(&p.name)).unwrap_or_default(),
            title: one_line(&article.title),
            byline: article.byline.as_deref().and_then(author),
            id: article.id.clone(),
            link: link.filter(|l| !l.is_empty()),
        }
    }

    /// The citation key: the paper's Latin letters and digits (if any), the date and the article
    /// id, in the characters every BibTeX tool takes.
    pub fn key(&self) -> String {
        let paper: String =
            self.paper.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
        let paper = if paper.is_empty() { "article".to_string() } else { paper };
        let id: String = self.id.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
        let date = format!("{:04}{:02}{:02}", self.date.year(), self.date.month(), self.date.day());
        if id.is_empty() {
            format!("{paper}{date}")
        } else {
            format!("{paper}{date}-{id}")
        }
    }

    /// The file name of the citation in a format, e.g. `article20160924-a0202.bib`.
    pub fn file_name(&self, format: Format) -> String {
        format!("{}.{}", self.key(), format.extension())
    }

    /// The date as ISO 8601, 2016-09-24.
    fn iso_date(&self) -> String {
        self.date.to_string()
    }

    /// The page in a language's words: 第02版 综合新闻, or Page 2: Sport.
    fn page(&self, lang: Lang) -> Option<String> {
        (!self.page_number.is_empty()).then(|| lang.page_title(&self.page_number, &self.page_name))
    }

    /// The citation in a format; text in the style of the interface language.
    pub fn render(&self, format: Format, lang: Lang) -> String {
        match format {
            Format::Text => self.text(lang),
            Format::BibTex => self.bibtex(),
            Format::Ris => self.ris(),
            Format::CslJson => self.csl_json(),
        }
    }

    /// As text. Chinese follows the newspaper citation of Chinese scholarly notes
    /// (作者：《篇名》，《报纸名》出版日期，第X版。); English the Chicago style for newspapers
    /// (Author. "Title." Paper, Month Day, Year, page.). Both add the edition and the link.
    pub fn text(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        match lang {
            Lang::Zh => {
                let mut head = String::new();
                if let Some(b) = &self.byline {
                    head.push_str(b);
                    head.push('：');
                }
                head.push_str(&format!("《{}》，《{}》{}", self.title, self.paper, lang.cited_date(self.date)));
                parts.push(head);
                parts.extend(self.edition.clone());
                parts.extend(self.page(lang));
                let mut text = parts.join("，");
                text.push('。');
                if let Some(link) = &self.link {
                    text.push(' ');
                    text.push_str(link);
                }
                text
            }
            Lang::En => {
                let mut text = String::new();
                if let Some(b) = &self.byline {
                    text.push_str(b);
                    if !b.ends_with('.') {
                        text.push('.');
                    }
                    text.push(' ');
                }
                // A title that ends in its own mark keeps it, without a period after.
                let ends_marked = self.title.ends_with(['.', '?', '!', '。', '？', '！']);
                text.push_str(&format!("\u{201c}{}{}\u{201d} ", self.title, if ends_marked { "" } else { "." }));
                parts.push(self.paper.clone());
                parts.push(lang.cited_date(self.date));
                parts.extend(self.edition.clone());
                parts.extend(self.page(lang));
                text.push_str(&parts.join(", "));
                text.push('.');
                if let Some(link) = &self.link {
                    text.push(' ');
                    text.push_str(link);
                }
                text
            }
        }
    }

    /// As a BibTeX entry (`@article`, read by BibTeX and biblatex alike): text fields escaped,
    /// the author kept whole as printed (double braces: a byline is not a list of names).
    pub fn bibtex(&self) -> String {
        const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let mut fields: Vec<(&str, String)> = vec![("title", format!("{{{}}}", bib_escape(&self.title)))];
        if let Some(b) = &self.byline {
            fields.push(("author", format!("{{{{{}}}}}", bib_escape(b))));
        }
        fields.push(("journal", format!("{{{}}}", bib_escape(&self.paper))));
        fields.push(("date", format!("{{{}}}", self.iso_date())));
        fields.push(("year", format!("{{{}}}", self.date.year())));
        fields.push(("month", MONTHS[self.date.month() as usize - 1].to_string()));
        if let Some(e) = &self.edition {
            fields.push(("edition", format!("{{{}}}", bib_escape(e))));
        }
        if !self.page_number.is_empty() {
            fields.push(("pages", format!("{{{}}}", bib_escape(&self.page_number))));
        }
        if !self.page_name.is_empty() {
            fields.push((
                "note",
                format!(
                    "{{{}}}",
                    bib_escape(&self.page(Lang::from_tag(&self.language).unwrap_or(Lang::En)).unwrap_or_default())
                ),
            ));
        }
        if let Some(link) = &self.link {
            fields.push(("url", format!("{{{}}}", bib_url(link))));
        }
        if !self.language.is_empty() {
            fields.push(("language", format!("{{{}}}", bib_escape(&self.language))));
        }
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {v}")).collect();
        format!("@article{{{},\n{}\n}}\n", self.key(), body.join(",\n"))
    }

    /// As RIS: one `TAG  - value` line each, CRLF line ends, from `TY  - NEWS` to `ER  - `.
    pub fn ris(&self) -> String {
        let mut lines: Vec<(&str, String)> = vec![("TY", "NEWS".into()), ("TI", self.title.clone())];
        lines.extend(self.byline.clone().map(|b| ("AU", b)));
        lines.push(("T2", self.paper.clone()));
        lines.push(("DA", format!("{:04}/{:02}/{:02}/", self.date.year(), self.date.month(), self.date.day())));
        lines.push(("PY", format!("{:04}", self.date.year())));
        lines.extend(self.edition.clone().map(|e| ("ET", e)));
        if !self.page_number.is_empty() {
            lines.push(("SP", self.page_number.clone()));
        }
        if !self.page_name.is_empty() {
            lines.push(("SE", self.page_name.clone()));
        }
        lines.extend(self.link.clone().map(|l| ("UR", l)));
        if !self.language.is_empty() {
            lines.push(("LA", self.language.clone()));
        }
        lines.push(("ER", String::new()));
        lines.iter().map(|(tag, value)| format!("{tag}  - {value}\r\n")).collect()
    }

    /// As CSL-JSON: an array of one `article-newspaper` item.
    pub fn csl_json(&self) -> String {
        let mut item = Map::new();
        item.insert("id".into(), json!(self.key()));
        item.insert("type".into(), json!("article-newspaper"));
        item.insert("title".into(), json!(self.title));
        if let Some(b) = &self.byline {
            item.insert("author".into(), json!([{ "literal": b }]));
        }
        item.insert("container-title".into(), json!(self.paper));
        item.insert("issued".into(), json!({ "date-parts": [[self.date.year(), self.date.month(), self.date.day()]] }));
        if let Some(e) = &self.edition {
            item.insert("edition".into(), json!(e));
        }
        if !self.page_number.is_empty() {
            item.insert("page".into(), json!(self.page_number));
        }
        if !self.page_name.is_empty() {
            item.insert("section".into(), json!(self.page_name));
        }
        if let Some(l) = &self.link {
            item.insert("URL".into(), json!(l));
        }
        if !self.language.is_empty() {
            item.insert("language".into(), json!(self.language));
        }
        serde_json::to_string_pretty(&Value::Array(vec![Value::Object(item)])).unwrap_or_default()
    }

    /// The Highwire `citation_*` meta elements (name, content) that Zotero and Google Scholar
    /// read, in a fixed order.
    pub fn meta(&self) -> Vec<(&'static str, String)> {
        let date = format!("{:04}/{:02}/{:02}", self.date.year(), self.date.month(), self.date.day());
        let mut out = vec![("citation_title", self.title.clone())];
        out.extend(self.byline.clone().map(|b| ("citation_author", b)));
        out.push(("citation_journal_title", self.paper.clone()));
        out.push(("citation_publication_date", date.clone()));
        out.push(("citation_date", date));
        out.extend(self.edition.clone().map(|e| ("citation_issue", e)));
        if !self.page_number.is_empty() {
            out.push(("citation_firstpage", self.page_number.clone()));
        }
        if !self.language.is_empty() {
            out.push(("citation_language", self.language.clone()));
        }
        out.extend(self.link.clone().map(|l| ("citation_fulltext_html_url", l)));
        out
    }

    /// The schema.org NewsArticle as JSON-LD, ready to be a `<script type="application/ld+json">`
    /// element's text: every `<` is written `\u003c`, so that no `</script>` (or `<!--`) in the
    /// data can end the element even if the page is saved and read again as HTML.
    pub fn json_ld(&self) -> String {
        let mut paper = Map::new();
        paper.insert("@type".into(), json!("Newspaper"));
        paper.insert("name".into(), json!(self.paper));
        let mut issue = Map::new();
        issue.insert("@type".into(), json!("PublicationIssue"));
        issue.insert("datePublished".into(), json!(self.iso_date()));
        if let Some(e) = &self.edition {
            issue.insert("issueNumber".into(), json!(e));
        }
        issue.insert("isPartOf".into(), Value::Object(paper));
        let mut article = Map::new();
        article.insert("@context".into(), json!("https://schema.org"));
        article.insert("@type".into(), json!("NewsArticle"));
        article.insert("headline".into(), json!(self.title));
        if let Some(b) = &self.byline {
            article.insert("author".into(), json!({ "@type": "Person", "name": b }));
        }
        article.insert("datePublished".into(), json!(self.iso_date()));
        article.insert("isPartOf".into(), Value::Object(issue));
        if !self.page_number.is_empty() {
            article.insert("pageStart".into(), json!(self.page_number));
        }
        if !self.page_name.is_empty() {
            article.insert("articleSection".into(), json!(self.page_name));
        }
        if !self.language.is_empty() {
            article.insert("inLanguage".into(), json!(self.language));
        }
        if let Some(l) = &self.link {
            article.insert("url".into(), json!(l));
            article.insert("mainEntityOfPage".into(), json!(l));
        }
        serde_json::to_string(&Value::Object(article)).unwrap_or_default().replace('<', "\\u003c")
    }
}

/// Text as the value of a braced BibTeX field: LaTeX's special characters escaped, braces as
/// commands (BibTeX counts even an escaped brace, so `\{` alone would unbalance the entry).
pub fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '#' | '$' | '%' | '&' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            _ => out.push(c),
        }
    }
    out
}

/// A link as BibTeX's `url` field, which biblatex and the url package read verbatim: nothing is
/// escaped, and the few characters that would end the field or the entry are percent-encoded.
fn bib_url(link: &str) -> String {
    let mut out = String::with_capacity(link.len());
    for c in link.chars() {
        match c {
            '{' | '}' | '\\' | '"' | ' ' | '\t' | '\n' | '\r' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

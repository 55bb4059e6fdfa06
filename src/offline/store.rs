//! The books of offline reading: which files the service worker keeps for which issue, how many
//! bytes each takes, when each issue was last read and whether the reader saved it whole. Plain
//! Rust, no web types: the browser glue (`super`) persists it and tells the worker what to drop.
//!
//! The worker keeps the files; these books decide what goes when the limit is passed: whole
//! issues, least recently read first, issues only read before issues the reader saved, never the
//! open one. Files of no issue (archive.json, month indexes) are shared: counted, never evicted,
//! as the calendar needs them and they are small (one per month of the archive).
//!
//! The books are kept as plain lines of integers and text (`to_text`), the same line format as
//! the messages to and from the worker (`sw.js`), which reads them without a JSON parser.

/// Files by address with their size in bytes. (Plain vectors: an issue has tens of files, and
/// each map type would add its own code to the wasm.)
pub type Files = Vec<(String, u64)>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct IssueRecord {
    /// The issue JSON's address: unique across archives and dates.
    pub key: String,
    /// Saved whole with the button (kept longer than issues only read).
    pub saved: bool,
    /// When it was last opened, in ms since the epoch.
    pub last_read: u64,
    pub files: Files,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store {
    pub issues: Vec<IssueRecord>,
    pub shared: Files,
}

/// The open issue, for attributing the files the worker reports: its key and all its addresses.
pub struct OpenFiles<'a> {
    pub key: &'a str,
    pub files: &'a [String],
}

fn put(files: &mut Files, url: &str, bytes: u64) {
    match files.iter_mut().find(|(u, _)| u == url) {
        Some(f) => f.1 = bytes,
        None => files.push((url.to_string(), bytes)),
    }
}

fn size(files: &Files) -> u64 {
    files.iter().map(|(_, b)| b).sum()
}

impl Store {
    pub fn total(&self) -> u64 {
        size(&self.shared) + self.issues.iter().map(|i| size(&i.files)).sum::<u64>()
    }

    pub fn issue(&self, key: &str) -> Option<&IssueRecord> {
        self.issues.iter().find(|i| i.key == key)
    }

    fn issue_mut(&mut self, key: &str) -> &mut IssueRecord {
        let i = match self.issues.iter().position(|i| i.key == key) {
            Some(i) => i,
            None => {
                self.issues.push(IssueRecord { key: key.to_string(), ..Default::default() });
                self.issues.len() - 1
            }
        };
        &mut self.issues[i]
    }

    /// An issue opens again offline when its JSON is kept (its pages may be partly kept).
    pub fn available(&self, key: &str) -> bool {
        self.issue(key).is_some_and(|i| i.files.iter().any(|(u, _)| u == key))
    }

    pub fn is_saved(&self, key: &str) -> bool {
        self.issue(key).is_some_and(|i| i.saved)
    }

    /// The issue a kept file belongs to: the open issue's own files first, then the issue whose
    /// folder holds it (the longest such folder); `None` means a shared file.
    pub fn owner(&self, url: &str, open: Option<&OpenFiles>) -> Option<String> {
        if let Some(o) = open.filter(|o| o.key == url || o.files.iter().any(|f| f == url)) {
            return Some(o.key.to_string());
        }
        self.issues
            .iter()
            .map(|i| i.key.as_str())
            .filter(|k| url.starts_with(folder(k)))
            .max_by_key(|k| folder(k).len())
            .map(str::to_string)
    }

    /// Books a file the worker kept, under its issue or as shared.
    pub fn record(&mut self, url: &str, bytes: u64, owner: Option<&str>) {
        match owner {
            Some(key) => {
                self.shared.retain(|(u, _)| u != url);
                put(&mut self.issue_mut(key).files, url, bytes);
            }
            None => put(&mut self.shared, url, bytes),
        }
    }

    /// The reader opened an issue now.
    pub fn touch(&mut self, key: &str, now: u64) {
        self.issue_mut(key).last_read = now;
    }

    pub fn mark_saved(&mut self, key: &str) {
        self.issue_mut(key).saved = true;
    }

    /// Drops an issue from the books; returns the addresses for the worker to delete.
    pub fn remove(&mut self, key: &str) -> Vec<String> {
        match self.issues.iter().position(|i| i.key == key) {
            Some(i) => self.issues.remove(i).files.into_iter().map(|(u, _)| u).collect(),
            None => Vec::new(),
        }
    }

    /// Evicts whole issues until the books fit `limit`: issues only read before saved ones,
    /// least recently read first, never `keep` (the open issue). Returns the addresses to delete.
    pub fn evict(&mut self, limit: u64, keep: Option<&str>) -> Vec<String> {
        let mut total = self.total();
        let mut order: Vec<(bool, u64, String)> = self
            .issues
            .iter()
            .filter(|i| Some(i.key.as_str()) != keep)
            .map(|i| (i.saved, i.last_read, i.key.clone()))
            .collect();
        broadsheet_model::sort::sort(&mut order);
        let mut gone = Vec::new();
        for (_, _, key) in order {
            if total <= limit {
                break;
            }
            total -= self.issue(&key).map_or(0, |i| size(&i.files));
            gone.extend(self.remove(&key));
        }
        gone
    }

    /// The books as text, a line each: `I saved last_read key` for an issue, followed by its
    /// files as `F bytes url`; `S bytes url` for a shared file. (Addresses hold no spaces.)
    pub fn to_text(&self) -> String {
        let mut out = String::from("broadsheet-offline 1\n");
        for i in &self.issues {
            out += &format!("I {} {} {}\n", u8::from(i.saved), i.last_read, i.key);
            for (url, bytes) in &i.files {
                out += &format!("F {bytes} {url}\n");
            }
        }
        for (url, bytes) in &self.shared {
            out += &format!("S {bytes} {url}\n");
        }
        out
    }

    /// Reads the books back; lines it cannot read are skipped (the books only steer eviction).
    pub fn from_text(text: &str) -> Store {
        let mut store = Store::default();
        for line in text.lines() {
            let mut parts = line.splitn(4, ' ');
            let (kind, a, b) = (parts.next(), parts.next().and_then(|n| n.parse::<u64>().ok()), parts.next());
            match (kind, a, b) {
                (Some("I"), Some(saved), Some(read)) => {
                    let (Ok(read), Some(key)) = (read.parse(), parts.next()) else { continue };
                    store.issues.push(IssueRecord {
                        key: key.to_string(),
                        saved: saved == 1,
                        last_read: read,
                        files: Vec::new(),
                    });
                }
                (Some("F"), Some(bytes), Some(url)) => {
                    if let Some(issue) = store.issues.last_mut() {
                        put(&mut issue.files, url, bytes);
                    }
                }
                (Some("S"), Some(bytes), Some(url)) => put(&mut store.shared, url, bytes),
                _ => {}
            }
        }
        store
    }
}

/// The folder of an address: up to and including its last `/`.
fn folder(url: &str) -> &str {
    &url[..url.rfind('/').map_or(0, |i| i + 1)]
}

/// The rendition a browser shows in a slot `slot_px` CSS pixels wide at `dpr` device pixels
/// per CSS pixel, as Chromium picks among `srcset` widths: the narrowest whose density reaches
/// the device's, else the widest. Returns an index into `widths`.
pub fn pick_rendition(widths: &[u32], slot_px: f64, dpr: f64) -> Option<usize> {
    let needed = slot_px.max(1.0) * dpr.max(0.1);
    let fits = widths.iter().enumerate().filter(|(_, w)| f64::from(**w) >= needed).min_by_key(|(_, w)| **w);
    fits.or_else(|| widths.iter().enumerate().max_by_key(|(_, w)| **w)).map(|(i, _)| i)
}

/// The width of the page map's slot in a viewport `viewport_px` wide, as the page map's `sizes`
/// tells the browser: the whole width on a phone, 60 % of it otherwise.
pub fn map_slot(viewport_px: f64) -> f64 {
    if viewport_px <= 700.0 {
        viewport_px
    } else {
        viewport_px * 0.6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "https://x.test/data/issues/2016-09-24/issue.json";
    const B: &str = "https://x.test/data/issues/2016-09-17/issue.json";
    const C: &str = "https://x.test/data/issues/2016-09-10/issue.json";

    fn file(key: &str, name: &str) -> String {
        format!("{}{name}", folder(key))
    }

    fn keys(s: &Store) -> Vec<&str> {
        s.issues.iter().map(|i| i.key.as_str()).collect()
    }

    fn issue(store: &mut Store, key: &str, bytes: u64, read: u64) {
        store.touch(key, read);
        store.record(key, 1000, Some(key));
        store.record(&file(key, "p1.jpg"), bytes - 1000, Some(key));
    }

    #[test]
    fn books_files_by_issue_and_counts_every_byte() {
        let mut s = Store::default();
        issue(&mut s, A, 5000, 1);
        s.record("https://x.test/data/archive.json", 300, None);
        assert_eq!(s.total(), 5300);
        assert!(s.available(A));
        assert!(!s.available(B));
        // A file reported again replaces its old size rather than adding to it.
        s.record(&file(A, "p1.jpg"), 2000, Some(A));
        assert_eq!(s.total(), 3300);
    }

    #[test]
    fn pages_alone_do_not_make_an_issue_available() {
        let mut s = Store::default();
        s.record(&file(B, "p2.jpg"), 10, Some(B));
        assert!(!s.available(B));
    }

    #[test]
    fn files_belong_to_the_open_issue_then_to_their_folder_else_are_shared() {
        let mut s = Store::default();
        issue(&mut s, A, 2000, 1);
        let cdn = "https://cdn.test/scans/0924-p2.jpg".to_string();
        let files = [cdn.clone()];
        let open = OpenFiles { key: B, files: &files };
        assert_eq!(s.owner(&cdn, Some(&open)).as_deref(), Some(B));
        assert_eq!(s.owner(B, Some(&open)).as_deref(), Some(B));
        // A late image of an issue read before, by its folder.
        assert_eq!(s.owner(&file(A, "p4.jpg"), Some(&open)).as_deref(), Some(A));
        assert_eq!(s.owner("https://x.test/data/months/2016-09.json", Some(&open)), None);
        assert_eq!(s.owner(&cdn, None), None);
    }

    #[test]
    fn eviction_drops_whole_issues_least_recently_read_first_and_never_the_open_one() {
        let mut s = Store::default();
        issue(&mut s, A, 4000, 30);
        issue(&mut s, B, 4000, 10);
        issue(&mut s, C, 4000, 20);
        assert_eq!(s.evict(12_000, Some(A)), Vec::<String>::new());
        let gone = s.evict(8_000, Some(A));
        assert_eq!(gone, vec![B.to_string(), file(B, "p1.jpg")]);
        assert!(s.issue(B).is_none());
        // The open issue stays even when it alone is over the limit.
        s.evict(1, Some(A));
        assert_eq!(keys(&s), [A]);
        assert_eq!(s.total(), 4000);
    }

    #[test]
    fn saved_issues_go_after_issues_only_read() {
        let mut s = Store::default();
        issue(&mut s, A, 4000, 1);
        s.mark_saved(A);
        issue(&mut s, B, 4000, 2);
        issue(&mut s, C, 4000, 3);
        s.evict(8_000, None);
        assert!(s.is_saved(A) && s.issue(A).is_some() && s.issue(B).is_none());
        s.evict(4_000, None);
        assert_eq!(keys(&s), [A]);
    }

    #[test]
    fn shared_files_are_counted_but_never_evicted() {
        let mut s = Store::default();
        s.record("https://x.test/data/archive.json", 5000, None);
        issue(&mut s, A, 2000, 1);
        s.evict(1000, None);
        assert_eq!(s.total(), 5000);
        assert!(s.issues.is_empty());
    }

    #[test]
    fn removing_an_issue_returns_its_files_for_the_worker() {
        let mut s = Store::default();
        issue(&mut s, A, 2000, 1);
        s.mark_saved(A);
        let mut gone = s.remove(A);
        gone.sort();
        assert_eq!(gone, vec![A.to_string(), file(A, "p1.jpg")]);
        assert!(!s.available(A) && !s.is_saved(A));
        assert!(s.remove(A).is_empty());
    }

    #[test]
    fn the_books_survive_a_round_trip_and_bad_text_starts_afresh() {
        let mut s = Store::default();
        issue(&mut s, A, 2000, 1_732_000_000_000);
        s.mark_saved(A);
        issue(&mut s, B, 3000, 7);
        s.record("https://x.test/data/archive.json", 300, None);
        assert_eq!(Store::from_text(&s.to_text()), s);
        assert_eq!(Store::from_text("not the books"), Store::default());
        // A file line before any issue line, and broken numbers, are skipped.
        assert_eq!(Store::from_text("F 12 https://x.test/a.jpg\nI x 3 k\nS ten u"), Store::default());
    }

    #[test]
    fn renditions_are_picked_as_chromium_picks_them() {
        let widths = [1200, 200, 2400];
        // A 768 px slot at 1x: the 1200 px image; at 2x the 2400 px one.
        assert_eq!(pick_rendition(&widths, 768.0, 1.0), Some(0));
        assert_eq!(pick_rendition(&widths, 768.0, 2.0), Some(2));
        assert_eq!(pick_rendition(&widths, 150.0, 1.0), Some(1));
        // Wider than every rendition: the widest.
        assert_eq!(pick_rendition(&widths, 2000.0, 3.0), Some(2));
        assert_eq!(pick_rendition(&[], 100.0, 1.0), None);
    }
}

//! The books of offline reading: which files the service worker keeps for which issue, how many
//! bytes each takes, when each issue was last read and whether the reader saved it whole. Plain
//! Rust, no web types: the browser glue (`super`) persists it and tells the worker what to drop.
//!
//! The worker keeps the files; these books decide what goes when the limit is passed: whole
//! issues, least recently read first, issues only read before issues the reader saved, never the
//! open one. Files of no issue (archive.json, month indexes) are shared: counted, never evicted,
//! as the calendar needs them and they are small (one per month of the archive).

use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

/// The default limit: 200 MB.
pub const DEFAULT_LIMIT: u64 = 200 * 1_000_000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct IssueRecord {
    /// Saved whole with the button (kept longer than issues only read).
    pub saved: bool,
    /// When it was last opened, in ms since the epoch.
    pub last_read: f64,
    /// The files kept, by address, with their size in bytes.
    pub files: BTreeMap<String, u64>,
}

/// The books, keyed by the issue JSON's address (unique across archives and dates).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store {
    pub issues: BTreeMap<String, IssueRecord>,
    pub shared: BTreeMap<String, u64>,
}

/// The open issue, for attributing the files the worker reports: its key and all its addresses.
pub struct OpenFiles<'a> {
    pub key: &'a str,
    pub files: &'a HashSet<String>,
}

impl Store {
    pub fn total(&self) -> u64 {
        self.shared.values().sum::<u64>() + self.issues.values().flat_map(|i| i.files.values()).sum::<u64>()
    }

    /// An issue opens again offline when its JSON is kept (its pages may be partly kept).
    pub fn available(&self, key: &str) -> bool {
        self.issues.get(key).is_some_and(|i| i.files.contains_key(key))
    }

    pub fn is_saved(&self, key: &str) -> bool {
        self.issues.get(key).is_some_and(|i| i.saved)
    }

    /// The issues that open offline.
    pub fn available_keys(&self) -> HashSet<String> {
        self.issues.keys().filter(|k| self.available(k)).cloned().collect()
    }

    /// The issue a kept file belongs to: the open issue's own files first, then the issue whose
    /// folder holds it (the longest such folder); `None` means a shared file.
    pub fn owner(&self, url: &str, open: Option<&OpenFiles>) -> Option<String> {
        if let Some(o) = open.filter(|o| o.key == url || o.files.contains(url)) {
            return Some(o.key.to_string());
        }
        self.issues
            .keys()
            .filter(|k| url.starts_with(folder(k)))
            .max_by_key(|k| folder(k).len())
            .cloned()
    }

    /// Books a file the worker kept, under its issue or as shared.
    pub fn record(&mut self, url: &str, bytes: u64, owner: Option<&str>) {
        match owner {
            Some(key) => {
                self.shared.remove(url);
                self.issues.entry(key.to_string()).or_default().files.insert(url.to_string(), bytes);
            }
            None => {
                self.shared.insert(url.to_string(), bytes);
            }
        }
    }

    /// The reader opened an issue now.
    pub fn touch(&mut self, key: &str, now: f64) {
        self.issues.entry(key.to_string()).or_default().last_read = now;
    }

    pub fn mark_saved(&mut self, key: &str) {
        self.issues.entry(key.to_string()).or_default().saved = true;
    }

    /// Drops an issue from the books; returns the addresses for the worker to delete.
    pub fn remove(&mut self, key: &str) -> Vec<String> {
        self.issues.remove(key).map(|i| i.files.into_keys().collect()).unwrap_or_default()
    }

    /// Evicts whole issues until the books fit `limit`: issues only read before saved ones,
    /// least recently read first, never `keep` (the open issue). Returns the addresses to delete.
    pub fn evict(&mut self, limit: u64, keep: Option<&str>) -> Vec<String> {
        let mut total = self.total();
        let mut order: Vec<(bool, f64, String)> = self
            .issues
            .iter()
            .filter(|(k, _)| Some(k.as_str()) != keep)
            .map(|(k, i)| (i.saved, i.last_read, k.clone()))
            .collect();
        order.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut gone = Vec::new();
        for (_, _, key) in order {
            if total <= limit {
                break;
            }
            total -= self.issues.get(&key).map_or(0, |i| i.files.values().sum());
            gone.extend(self.remove(&key));
        }
        gone
    }

    pub fn to_json(&self) -> String {
        let issues: Map<String, Value> = self
            .issues
            .iter()
            .map(|(k, i)| (k.clone(), json!({ "saved": i.saved, "read": i.last_read, "files": i.files })))
            .collect();
        json!({ "v": 1, "issues": issues, "shared": self.shared }).to_string()
    }

    /// Reads the books back; anything unreadable starts them afresh (they only steer eviction).
    pub fn from_json(text: &str) -> Store {
        let Ok(v) = serde_json::from_str::<Value>(text) else { return Store::default() };
        let files = |v: &Value| -> BTreeMap<String, u64> {
            v.as_object()
                .map(|m| m.iter().filter_map(|(u, b)| Some((u.clone(), b.as_u64()?))).collect())
                .unwrap_or_default()
        };
        let issues = v["issues"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, i)| {
                        let record = IssueRecord {
                            saved: i["saved"].as_bool().unwrap_or(false),
                            last_read: i["read"].as_f64().unwrap_or(0.0),
                            files: files(&i["files"]),
                        };
                        (k.clone(), record)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Store { issues, shared: files(&v["shared"]) }
    }
}

/// The folder of an address: up to and including its last `/`.
fn folder(url: &str) -> &str {
    &url[..url.rfind('/').map_or(0, |i| i + 1)]
}

/// The limit from `data-offline-limit`: megabytes, or a number with MB or GB; `0` turns offline
/// reading off; anything unreadable keeps the default.
pub fn parse_limit(value: Option<&str>) -> u64 {
    let Some(v) = value.map(|v| v.trim().to_ascii_lowercase()) else { return DEFAULT_LIMIT };
    let (number, unit) = match v.strip_suffix("gb") {
        Some(n) => (n, 1_000_000_000.0),
        None => (v.strip_suffix("mb").unwrap_or(&v), 1_000_000.0),
    };
    match number.trim().parse::<f64>() {
        Ok(n) if n >= 0.0 && n.is_finite() => (n * unit) as u64,
        _ => DEFAULT_LIMIT,
    }
}

/// The rendition a browser shows in a slot `slot_px` CSS pixels wide at `dpr` device pixels
/// per CSS pixel, as Chromium picks among `srcset` widths: the narrowest whose density reaches
/// the device's, else the widest. Returns an index into `widths`.
pub fn pick_rendition(widths: &[u32], slot_px: f64, dpr: f64) -> Option<usize> {
    let needed = slot_px.max(1.0) * dpr.max(0.1);
    let fits = widths.iter().enumerate().filter(|(_, w)| f64::from(**w) >= needed).min_by_key(|(_, w)| **w);
    fits.or_else(|| widths.iter().enumerate().max_by_key(|(_, w)| **w)).map(|(i, _)| i)
}

/// The width of the page map's slot in a viewport `viewport_px` wide, as `page_map::SIZES`
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

    fn issue(store: &mut Store, key: &str, bytes: u64, read: f64) {
        store.touch(key, read);
        store.record(key, 1000, Some(key));
        store.record(&file(key, "p1.jpg"), bytes - 1000, Some(key));
    }

    #[test]
    fn books_files_by_issue_and_counts_every_byte() {
        let mut s = Store::default();
        issue(&mut s, A, 5000, 1.0);
        s.record("https://x.test/data/archive.json", 300, None);
        assert_eq!(s.total(), 5300);
        assert!(s.available(A));
        assert!(!s.available(B));
        // A file reported again replaces its old size rather than adding to it.
        s.record(&file(A, "p1.jpg"), 2000, Some(A));
        assert_eq!(s.total(), 3300);
        assert_eq!(s.available_keys(), HashSet::from([A.to_string()]));
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
        issue(&mut s, A, 2000, 1.0);
        let cdn = "https://cdn.test/scans/0924-p2.jpg".to_string();
        let files = HashSet::from([cdn.clone()]);
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
        issue(&mut s, A, 4000, 30.0);
        issue(&mut s, B, 4000, 10.0);
        issue(&mut s, C, 4000, 20.0);
        assert_eq!(s.evict(12_000, Some(A)), Vec::<String>::new());
        let gone = s.evict(8_000, Some(A));
        assert_eq!(gone, vec![B.to_string(), file(B, "p1.jpg")]);
        assert!(!s.issues.contains_key(B));
        // The open issue stays even when it alone is over the limit.
        s.evict(1, Some(A));
        assert_eq!(s.issues.keys().collect::<Vec<_>>(), vec![A]);
        assert_eq!(s.total(), 4000);
    }

    #[test]
    fn saved_issues_go_after_issues_only_read() {
        let mut s = Store::default();
        issue(&mut s, A, 4000, 1.0);
        s.mark_saved(A);
        issue(&mut s, B, 4000, 2.0);
        issue(&mut s, C, 4000, 3.0);
        s.evict(8_000, None);
        assert!(s.is_saved(A) && s.issues.contains_key(A) && !s.issues.contains_key(B));
        s.evict(4_000, None);
        assert_eq!(s.issues.keys().collect::<Vec<_>>(), vec![A]);
    }

    #[test]
    fn shared_files_are_counted_but_never_evicted() {
        let mut s = Store::default();
        s.record("https://x.test/data/archive.json", 5000, None);
        issue(&mut s, A, 2000, 1.0);
        s.evict(1000, None);
        assert_eq!(s.total(), 5000);
        assert!(s.issues.is_empty());
    }

    #[test]
    fn removing_an_issue_returns_its_files_for_the_worker() {
        let mut s = Store::default();
        issue(&mut s, A, 2000, 1.0);
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
        issue(&mut s, A, 2000, 1_732_000_000_000.5);
        s.mark_saved(A);
        s.record("https://x.test/data/archive.json", 300, None);
        assert_eq!(Store::from_json(&s.to_json()), s);
        assert_eq!(Store::from_json("not json"), Store::default());
        assert_eq!(Store::from_json("{\"issues\": 3}"), Store::default());
    }

    #[test]
    fn the_limit_reads_megabytes_and_gigabytes() {
        assert_eq!(parse_limit(None), 200_000_000);
        assert_eq!(parse_limit(Some("50")), 50_000_000);
        assert_eq!(parse_limit(Some(" 1.5 GB")), 1_500_000_000);
        assert_eq!(parse_limit(Some("300mb")), 300_000_000);
        assert_eq!(parse_limit(Some("0")), 0);
        assert_eq!(parse_limit(Some("lots")), DEFAULT_LIMIT);
        assert_eq!(parse_limit(Some("-5")), DEFAULT_LIMIT);
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

    #[test]
    fn the_map_slot_follows_the_page_maps_sizes() {
        assert_eq!(crate::page_map::SIZES, "(max-width: 700px) 100vw, 60vw", "map_slot must follow SIZES");
        assert_eq!(map_slot(390.0), 390.0);
        assert_eq!(map_slot(1280.0), 768.0);
    }
}

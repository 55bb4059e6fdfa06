//! `import batch` end to end: the built kit on the NDNP-style batch in
//! tests/fixtures/import/batch (three issues: JPEG 2000 and page PDFs, PDFs only, JPEG 2000
//! only), copied into a temporary folder so that each test can change it.

use broadsheet_model::{parse, Archive, Issue, MonthIndex};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// Runs the kit: exit code, stdout, stderr.
fn kit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet-kit")).args(args).output().expect("the kit runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A copy of the fixture batch in a new temporary folder: (folder, batch folder, archive path).
fn batch() -> (TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::Builder::new().prefix("broadsheet-batch-").tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/batch");
    let dir = tmp.path().join("batch");
    copy_tree(&src, &dir);
    let archive = tmp.path().join("archive");
    (tmp, dir, archive)
}

/// The issue folder of the fixture's issue of `day` (e.g. "26").
fn issue_dir(batch: &Path, day: &str) -> PathBuf {
    batch.join(format!("sn99999999/0000000001/191608{day}01"))
}

/// Runs `import batch` on `source` into `archive`, starting it as the Fixture Gazette.
fn import(source: &Path, archive: &Path, more: &[&str]) -> (i32, String, String) {
    let mut args =
        vec!["import", "batch", s(source), "--archive", s(archive), "--paper", "Fixture Gazette", "--language", "en"];
    args.extend_from_slice(more);
    kit(&args)
}

/// Every file in the archive, with its inode and modification time: a file rewritten, even
/// with the same bytes, shows as changed.
fn files(archive: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![archive.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            if m.is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(archive).unwrap().to_string_lossy().into_owned();
                out.insert(rel, (m.ino(), m.mtime(), m.mtime_nsec()));
            }
        }
    }
    out
}

fn changed(before: &BTreeMap<String, (u64, i64, i64)>, after: &BTreeMap<String, (u64, i64, i64)>) -> Vec<String> {
    after.iter().filter(|(k, v)| before.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect()
}

/// The changed files outside the search index, after checking that the index changed only in
/// the shard of `year` and in its list (the engine and other years stay as they were).
fn changed_besides_search(changed: Vec<String>, year: &str) -> Vec<String> {
    let (search, rest): (Vec<_>, Vec<_>) = changed.into_iter().partition(|f| f.starts_with("search/"));
    assert!(search.contains(&"search/index.json".to_string()), "the shard list is updated: {search:?}");
    assert!(search.iter().any(|f| f.ends_with(".pf_meta")), "the shard is rebuilt: {search:?}");
    let shard = format!("search/{year}/");
    assert!(search.iter().all(|f| f == "search/index.json" || f.starts_with(&shard)), "{search:?}");
    rest
}

fn issue(archive: &Path, date: &str) -> Issue {
    parse::<Issue>(&fs::read_to_string(archive.join(format!("issues/{date}/issue.json"))).unwrap()).unwrap()
}

fn validates(archive: &Path) {
    let (code, out, _) = kit(&["validate", s(archive)]);
    assert_eq!(code, 0, "{out}");
}

/// Takes the issue of `date` out of the batch file (as if the batch had not had it yet).
fn drop_from_batch(batch: &Path, date: &str) -> String {
    let file = batch.join("batch.xml");
    let full = fs::read_to_string(&file).unwrap();
    let short: String = full.lines().filter(|l| !l.contains(date)).map(|l| format!("{l}\n")).collect();
    fs::write(&file, short).unwrap();
    full
}

#[test]
fn a_batch_imports_reruns_untouched_and_extends_with_new_issues_only() {
    let (_tmp, dir, archive) = batch();
    let full = drop_from_batch(&dir, "1916-08-28");
    let (code, out, err) = import(&dir, &archive, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 issue(s) listed: 2 imported (4 pages), 0 unchanged (0 pages), 0 failed"), "{out}");
    assert!(out.contains("pages per second"), "{out}");
    assert!(err.contains("[1/2]") && err.contains("[2/2]"), "a plain line per issue when not on a terminal: {err}");
    validates(&archive);

    let a: Archive = parse(&fs::read_to_string(archive.join("archive.json")).unwrap()).unwrap();
    assert_eq!(
        (a.paper.name.as_str(), a.first.to_string(), a.last.to_string()),
        ("Fixture Gazette", "1916-08-26".into(), "1916-08-27".into())
    );
    let m: MonthIndex = parse(&fs::read_to_string(archive.join("months/1916-08.json")).unwrap()).unwrap();
    assert_eq!(
        m.issues.iter().map(|e| (e.date.to_string(), e.pages)).collect::<Vec<_>>(),
        vec![("1916-08-26".into(), 2), ("1916-08-27".into(), 2)]
    );
    // The JPEG 2000 service image, decoded at its full 400x520; the PDF-only issue takes the
    // JPEG its page PDF embeds (200x260), byte for byte, and the ALTO is scaled to each.
    let one = issue(&archive, "1916-08-26");
    assert_eq!(one.edition.as_deref(), Some("Vol. 4, No. 30"));
    assert_eq!((one.pages[0].image.width, one.pages[0].image.height), (400, 520));
    let two = issue(&archive, "1916-08-27");
    assert_eq!((two.pages[1].image.width, two.pages[1].image.height), (200, 260));
    let pdf = fs::read(issue_dir(&dir, "27").join("0002.pdf")).unwrap();
    let jpeg = fs::read(archive.join("issues/1916-08-27/p2.jpg")).unwrap();
    assert!(pdf.windows(jpeg.len()).any(|w| w == jpeg), "p2.jpg is the PDF's JPEG as it is");
    for (i, w) in [(&one, 400.0), (&two, 200.0)] {
        let xs: Vec<f64> = i
            .pages
            .iter()
            .flat_map(|p| &p.articles)
            .flat_map(|a| &a.regions)
            .flat_map(|r| &r.points)
            .map(|p| p[0])
            .collect();
        assert!(!xs.is_empty() && xs.iter().all(|x| *x <= w), "regions on the page");
        assert!(xs.iter().any(|x| *x > w * 0.8), "and across it: the ALTO is scaled to the image");
    }

    // Again: nothing is written, not even with the same bytes.
    let before = files(&archive);
    let (code, out, _) = import(&dir, &archive, &[]);
    assert_eq!(code, 0);
    assert!(out.contains("0 imported (0 pages), 2 unchanged (4 pages), 0 failed"), "{out}");
    assert_eq!(changed(&before, &files(&archive)), Vec::<String>::new());

    // A new issue in the batch: its files, its month's index and archive.json (a new last day).
    fs::write(dir.join("batch.xml"), full).unwrap();
    let (code, out, _) = import(&dir, &archive, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 issue(s) listed: 1 imported (1 pages), 2 unchanged (4 pages)"), "{out}");
    let after = files(&archive);
    assert_eq!(
        changed_besides_search(changed(&before, &after), "1916"),
        vec![
            "archive.json",
            "issues/1916-08-28/.broadsheet-import.json",
            "issues/1916-08-28/issue.json",
            "issues/1916-08-28/p1-thumb.jpg",
            "issues/1916-08-28/p1.jpg",
            "issues/1916-08-28/p1.words.json",
            "months/1916-08.json"
        ]
    );
    validates(&archive);

    // A corrected page: that issue is written again, its unchanged files kept as they were.
    let alto = issue_dir(&dir, "26").join("0002.xml");
    fs::write(&alto, fs::read_to_string(&alto).unwrap().replace("CONTENT=\"meeting\"", "CONTENT=\"MEETING\"")).unwrap();
    let (code, out, _) = import(&dir, &archive, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 imported (2 pages), 2 unchanged (3 pages)"), "{out}");
    assert_eq!(
        changed_besides_search(changed(&after, &files(&archive)), "1916"),
        // The corrected word is in the page's text and in its words file; the images stay.
        // archive.json names the rebuilt shard's new start-up file for a first search.
        vec![
            "archive.json",
            "issues/1916-08-26/.broadsheet-import.json",
            "issues/1916-08-26/issue.json",
            "issues/1916-08-26/p2.words.json"
        ],
        "the page images are the same files"
    );
}

#[test]
fn a_broken_page_is_left_out_and_a_broken_issue_fails_alone() {
    let (_tmp, dir, archive) = batch();
    // Page 2 of the 26th cut short, as by an interrupted copy; the 27th's METS malformed.
    let jp2 = issue_dir(&dir, "26").join("0002.jp2");
    let whole = fs::read(&jp2).unwrap();
    fs::write(&jp2, &whole[..whole.len() / 2]).unwrap();
    let mets = issue_dir(&dir, "27").join("1916082701.xml");
    let good = fs::read_to_string(&mets).unwrap();
    fs::write(&mets, good.replace("</fileSec>", "")).unwrap();

    let (code, out, err) = import(&dir, &archive, &[]);
    assert_eq!(code, 1, "a failure makes the exit code 1: {out}{err}");
    assert!(
        out.contains("3 issue(s) listed: 2 imported (2 pages), 0 unchanged (0 pages), 1 failed; 1 page(s) skipped"),
        "{out}"
    );
    assert!(
        out.contains("page skipped: 1916-08-26: page 2: left out:")
            && out.contains("0002.jp2: the JPEG 2000 file ends before its end marker"),
        "{out}"
    );
    assert!(out.contains("failed: ") && out.contains("1916082701.xml:") && out.contains("malformed XML"), "{out}");
    assert!(err.contains("failed: "), "reported as it happens too: {err}");
    let one = issue(&archive, "1916-08-26");
    assert_eq!(one.pages.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), vec!["p1"]);
    assert!(!archive.join("issues/1916-08-27").exists(), "nothing of the failed issue");
    assert!(!archive.join("issues/1916-08-26/p2.jpg").exists(), "nothing of the failed page");
    let leftovers: Vec<String> = fs::read_dir(archive.join("issues"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left: {leftovers:?}");
    validates(&archive);

    // A run that gets nothing into the archive it started leaves no archive behind.
    let only = dir.join("only-27.xml");
    let list = fs::read_to_string(dir.join("batch.xml")).unwrap();
    fs::write(
        &only,
        list.lines().filter(|l| !l.contains("1916-08-26") && !l.contains("1916-08-28")).collect::<Vec<_>>().join("\n"),
    )
    .unwrap();
    let empty = dir.parent().unwrap().join("empty");
    let (code, out, _) = import(&only, &empty, &[]);
    assert!(
        code == 1 && out.contains("1 issue(s) listed: 0 imported (0 pages), 0 unchanged (0 pages), 1 failed"),
        "{out}"
    );
    assert!(!empty.exists(), "no archive.json dated 1900 is left");

    // Unchanged, the left-out page is still reported; mended, both issues go in whole.
    let (_, out, _) = import(&dir, &archive, &[]);
    assert!(out.contains("0 imported (0 pages), 2 unchanged (2 pages), 1 failed; 1 page(s) skipped"), "{out}");
    fs::write(&jp2, &whole).unwrap();
    fs::write(&mets, good).unwrap();
    let (code, out, _) = import(&dir, &archive, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 imported (4 pages), 1 unchanged (1 pages), 0 failed; 0 page(s) skipped"), "{out}");
    assert_eq!(issue(&archive, "1916-08-26").pages.len(), 2);
}

#[test]
fn an_interrupted_run_resumes() {
    let (_tmp, dir, archive) = batch();
    let (code, out, _) = import(&dir, &archive, &[]);
    assert_eq!(code, 0, "{out}");
    let issues = archive.join("issues");
    // As a run killed mid-way leaves things: the 27th half-written beside its folder, the 26th
    // set aside between the two renames of its replacement (its folder missing), and the 28th
    // never written. No process has a PID this large (Linux's limit is 2^22).
    let dead = 4_000_000_000u32;
    fs::rename(issues.join("1916-08-26"), issues.join(format!(".1916-08-26.old-{dead}"))).unwrap();
    let half = issues.join(format!(".1916-08-27.importing-{dead}"));
    fs::create_dir(&half).unwrap();
    fs::write(half.join("p1.jpg"), b"half").unwrap();
    fs::remove_dir_all(issues.join("1916-08-28")).unwrap();
    let before = files(&archive);

    let (code, out, _) = import(&dir, &archive, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("recovered: ") && out.contains("1916-08-26: put back from an interrupted import"), "{out}");
    assert!(out.contains(".1916-08-27.importing-4000000000: removed"), "{out}");
    assert!(out.contains("1 imported (1 pages), 2 unchanged (4 pages)"), "the put-back issue is complete: {out}");
    assert!(!half.exists());
    let after = files(&archive);
    let changed = changed(&before, &after);
    assert!(changed.iter().all(|f| f.starts_with("issues/1916-08-28/") || f.contains("1916-08-26/")), "{changed:?}");
    validates(&archive);
}

#[test]
fn titles_folders_and_page_pdfs() {
    let (_tmp, dir, archive) = batch();
    // A second title in the batch: refused without --lccn, before anything is written.
    let file = dir.join("batch.xml");
    let text = fs::read_to_string(&file).unwrap();
    let other = text.replacen("lccn=\"sn99999999\"", "lccn=\"sn00000002\"", 1);
    fs::write(&file, &other).unwrap();
    let (code, _, err) = import(&dir, &archive, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("several titles: sn00000002 (1 issue(s)), sn99999999 (2 issue(s)); an archive is one paper: choose one with --lccn"), "{err}");
    assert!(!archive.exists(), "nothing written");
    let (code, out, _) =
        import(&file, &archive, &["--lccn", "sn99999999", "--images", "pdf", "--jobs", "1", "--no-search"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 issue(s) listed: 2 imported (3 pages)"), "{out}");
    assert!(!archive.join("search").exists(), "--no-search writes no search index");
    // --images pdf: the 27th has PDFs only, the 28th its JPEG 2000 only (the fallback).
    assert_eq!(issue(&archive, "1916-08-28").pages[0].image.width, 400);
    assert!(!archive.join("issues/1916-08-26").exists());

    // Without the batch file, the folder is searched for issue METS: all three, in order. A
    // page with no image at all is the importer's warning, reported with its day; the PDFs' JPEGs
    // (half the ALTO's 300 dpi) are scaled to, a repair each (counted), as on real NDNP pages.
    fs::remove_file(&file).unwrap();
    fs::remove_file(issue_dir(&dir, "27").join("0002.pdf")).unwrap();
    let fresh = dir.parent().unwrap().join("fresh");
    let (code, out, _) = import(&dir, &fresh, &["--images", "pdf"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "3 issue(s) listed: 3 imported (4 pages), 0 unchanged (0 pages), 0 failed; 0 page(s) skipped, 1 warning(s)"
        ),
        "{out}"
    );
    assert!(out.contains("warning: 1916-08-27: ") && out.contains("page 2: skipped"), "{out}");
    assert_eq!(issue(&fresh, "1916-08-26").pages[0].image.width, 200, "the PDF's image before the JPEG 2000");
    validates(&fresh);
    let (code, _, err) = import(&dir.join("nothing"), &fresh, &[]);
    assert!(code == 1 && err.contains("nothing: no such file or folder"), "{err}");
}

#[test]
fn a_killed_run_resumes_where_it_stopped() {
    let (_tmp, dir, archive) = batch();
    // 12 issues of two JPEG 2000 pages: the 26th's files under new days, one job at a time.
    let src = issue_dir(&dir, "26");
    let mut list = String::from("<batch xmlns=\"http://www.loc.gov/ndnp\">\n");
    for d in 1..=12 {
        let (day, folder) = (format!("1917-01-{d:02}"), format!("big/191701{d:02}01"));
        fs::create_dir_all(dir.join(&folder)).unwrap();
        for f in ["0001.jp2", "0001.xml", "0002.jp2", "0002.xml"] {
            fs::copy(src.join(f), dir.join(&folder).join(f)).unwrap();
        }
        let mets = fs::read_to_string(src.join("1916082601.xml")).unwrap().replace("1916-08-26", &day);
        fs::write(dir.join(&folder).join("issue.xml"), mets).unwrap();
        list.push_str(&format!("<issue lccn=\"sn99999999\">{folder}/issue.xml</issue>\n"));
    }
    fs::write(dir.join("big.xml"), list + "</batch>\n").unwrap();
    let big = dir.join("big.xml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet-kit"))
        .args(["import", "batch", s(&big), "--archive", s(&archive), "--paper", "G", "--language", "en", "--jobs", "1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Issues in place: a staging folder (`.DATE.importing-PID`) holds its marker before it is
    // renamed into place, and a kill between the two leaves it to be cleaned up, not counted.
    let markers = || {
        fs::read_dir(archive.join("issues"))
            .map(|d| {
                d.flatten()
                    .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                    .filter(|e| e.path().join(".broadsheet-import.json").exists())
                    .count()
            })
            .unwrap_or(0)
    };
    let started = std::time::Instant::now();
    while markers() < 2 && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let done = markers();
    assert!((2..12).contains(&done), "killed part-way: {done} issue(s) in");
    // Every issue folder in place is whole: no half-written issue is ever visible.
    for e in fs::read_dir(archive.join("issues")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            assert!(
                e.path().join("issue.json").is_file() && e.path().join(".broadsheet-import.json").is_file(),
                "{name}"
            );
        }
    }
    let (code, out, _) = import(&big, &archive, &[]);
    assert_eq!(code, 0, "{out}");
    let want = format!(
        "12 issue(s) listed: {} imported ({} pages), {done} unchanged ({} pages), 0 failed",
        12 - done,
        2 * (12 - done),
        2 * done
    );
    assert!(out.contains(&want), "{want} in {out}");
    assert!(
        fs::read_dir(archive.join("issues"))
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().starts_with('.')),
        "no leftovers"
    );
    validates(&archive);
}

//! Writing an imported issue: everything goes into a temporary folder beside the target, which
//! is renamed into place only when the whole issue has been written and validated. On any
//! failure the temporary folder is removed and the target is left as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A temporary folder that removes itself unless committed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staging {
    /// Creates `.NAME.importing-PID` beside `target` (creating the target's parent folders).
    pub fn new(target: &Path) -> Result<Staging, String> {
        let name = target
            .file_name()
            .ok_or_else(|| format!("{}: the output needs a folder name", target.display()))?
            .to_string_lossy()
            .into_owned();
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if target.is_file() {
            return Err(format!("{}: is a file, not a folder", target.display()));
        }
        fs::create_dir_all(&parent).map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
        let dir = parent.join(format!(".{name}.importing-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir(&dir).map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
        Ok(Staging { dir, target: target.to_path_buf(), done: false })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Makes every staged file whose bytes equal the target's file of the same name that very
    /// file (a hard link to it), so that replacing an older import leaves its unchanged files
    /// as they were: same inode, same modification time. Returns how many were kept. Where
    /// links cannot be made the new copy stays, which is only a rewrite of the same bytes.
    pub fn keep_unchanged(&self) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut kept = 0;
        for e in entries.flatten() {
            let (new, old) = (e.path(), self.target.join(e.file_name()));
            if e.file_type().is_ok_and(|t| t.is_file()) && same_bytes(&new, &old) {
                let link = self.dir.join(format!(".{}.link", e.file_name().to_string_lossy()));
                let _ = fs::remove_file(&link);
                if fs::hard_link(&old, &link).is_ok() && fs::rename(&link, &new).is_ok() {
                    kept += 1;
                }
                let _ = fs::remove_file(&link);
            }
        }
        kept
    }

    /// Puts the staged folder in the target's place, replacing an older import there.
    pub fn commit(mut self) -> Result<(), String> {
        let fail = |e: io::Error, p: &Path| format!("{}: cannot move the import into place: {e}", p.display());
        if self.target.exists() {
            let old = self.dir.with_file_name(format!(
                ".{}.old-{}",
                self.target.file_name().unwrap_or_default().to_string_lossy(),
                std::process::id()
            ));
            let _ = fs::remove_dir_all(&old);
            fs::rename(&self.target, &old).map_err(|e| fail(e, &self.target))?;
            if let Err(e) = fs::rename(&self.dir, &self.target) {
                // Put the old one back: the target stays as it was.
                let _ = fs::rename(&old, &self.target);
                return Err(fail(e, &self.target));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&self.dir, &self.target).map_err(|e| fail(e, &self.target))?;
        }
        self.done = true;
        Ok(())
    }
}

/// Whether two files hold the same bytes (false when either cannot be read).
fn same_bytes(a: &Path, b: &Path) -> bool {
    let size = |p: &Path| fs::metadata(p).ok().filter(|m| m.is_file()).map(|m| m.len());
    match (size(a), size(b)) {
        (Some(x), Some(y)) if x == y => matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y),
        _ => false,
    }
}

/// The staging and set-aside folders (`.NAME.importing-PID`, `.NAME.old-PID`) that an import
/// killed before it finished left under `root`, at any depth, from processes no longer running.
/// A set-aside folder whose target is missing (killed between the two renames of
/// [`Staging::commit`]) is put back; the rest are removed. Returns what was done, one line each.
/// Needs `/proc` to tell a live process: elsewhere nothing is touched.
pub fn recover(root: &Path) -> Vec<String> {
    let mut done = Vec::new();
    if !Path::new("/proc/self").exists() {
        return done;
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for e in entries.flatten().filter(|e| e.file_type().is_ok_and(|t| t.is_dir())) {
            let name = e.file_name().to_string_lossy().into_owned();
            match leftover(&name) {
                Some((target, pid, old)) if !Path::new("/proc").join(pid.to_string()).exists() => {
                    let target = dir.join(target);
                    if old && !target.exists() && fs::rename(e.path(), &target).is_ok() {
                        done.push(format!("{}: put back from an interrupted import", target.display()));
                    } else if fs::remove_dir_all(e.path()).is_ok() {
                        done.push(format!("{}: removed, left by an interrupted import", e.path().display()));
                    }
                }
                Some(_) => {}
                None if !name.starts_with('.') => stack.push(e.path()),
                None => {}
            }
        }
    }
    done.sort();
    done
}

/// `.NAME.importing-PID` as (NAME, PID, false) and `.NAME.old-PID` as (NAME, PID, true).
fn leftover(name: &str) -> Option<(&str, u32, bool)> {
    let rest = name.strip_prefix('.')?;
    let (head, pid) = rest.rsplit_once('-')?;
    let pid: u32 = pid.parse().ok()?;
    if let Some(target) = head.strip_suffix(".importing") {
        return Some((target, pid, false));
    }
    head.strip_suffix(".old").map(|target| (target, pid, true))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_folders_replace_or_vanish() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path();
        let target = base.join("a/issue");
        let s = Staging::new(&target).unwrap();
        fs::write(s.path().join("x"), "1").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(target.join("x")).unwrap(), "1");

        let s = Staging::new(&target).unwrap();
        fs::write(s.path().join("y"), "2").unwrap();
        drop(s);
        assert!(!target.join("y").exists(), "an abandoned import leaves nothing");
        assert_eq!(fs::read_dir(base.join("a")).unwrap().count(), 1, "no temporary folder is left");

        let s = Staging::new(&target).unwrap();
        fs::write(s.path().join("y"), "2").unwrap();
        s.commit().unwrap();
        assert!(!target.join("x").exists() && target.join("y").exists(), "a new import replaces the old");
    }

    #[test]
    fn unchanged_files_keep_their_inode() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("issue");
        let s = Staging::new(&target).unwrap();
        fs::write(s.path().join("same"), "1").unwrap();
        fs::write(s.path().join("changed"), "2").unwrap();
        s.commit().unwrap();
        let ino = |f: &str| fs::metadata(target.join(f)).unwrap().ino();
        let (same, changed) = (ino("same"), ino("changed"));
        let s = Staging::new(&target).unwrap();
        fs::write(s.path().join("same"), "1").unwrap();
        fs::write(s.path().join("changed"), "3").unwrap();
        fs::write(s.path().join("new"), "4").unwrap();
        assert_eq!(s.keep_unchanged(), 1);
        s.commit().unwrap();
        assert_eq!(ino("same"), same, "the unchanged file is the old one");
        assert_ne!(ino("changed"), changed);
        assert_eq!(fs::read_to_string(target.join("changed")).unwrap(), "3");
        assert_eq!(fs::read_dir(&target).unwrap().count(), 3, "no link file is left");
    }

    #[test]
    fn leftovers_of_dead_imports_are_recovered() {
        assert_eq!(leftover(".1916-08-26.importing-42"), Some(("1916-08-26", 42, false)));
        assert_eq!(leftover(".1916-08-26.old-7"), Some(("1916-08-26", 7, true)));
        assert_eq!(leftover("1916-08-26"), None);
        assert_eq!(leftover(".x.importing-me"), None);
        let tmp = tempfile::tempdir().unwrap();
        let issues = tmp.path().join("issues");
        // No process has a PID this large (the kernel's limit is 2^22).
        let dead = 4_000_000_000u32;
        for d in [format!(".a.importing-{dead}"), format!(".b.old-{dead}"), format!(".c.old-{dead}"), "c".into()] {
            fs::create_dir_all(issues.join(d).join("inner")).unwrap();
        }
        let mine = issues.join(format!(".d.importing-{}", std::process::id()));
        fs::create_dir_all(&mine).unwrap();
        let done = recover(tmp.path());
        assert_eq!(done.len(), 3, "{done:?}");
        let mut left: Vec<String> =
            fs::read_dir(&issues).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        let d = format!(".d.importing-{}", std::process::id());
        assert_eq!(left, vec![d.as_str(), "b", "c"], "b put back, a and the spare c.old removed, a live one kept");
    }
}

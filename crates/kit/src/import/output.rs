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
}

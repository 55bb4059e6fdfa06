use std::fmt;

/// One thing wrong with a data file, located by its JSON path, e.g.
/// `pages[2].articles[5].regions[0]: polygon has 2 points, needs at least 3`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path inside the file; empty for the whole document.
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

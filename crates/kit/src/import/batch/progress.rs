//! Progress of a batch on stderr: on a terminal, one bar redrawn in place with the notes
//! (failures, skipped pages) printed above it; otherwise a plain line per issue, for logs.
//! Hand-written: a bar, a rate and a time left are a few lines, not a dependency.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    total: usize,
    done: usize,
    /// Pages written by this run, for the rate.
    pages: usize,
    started: Instant,
    tty: bool,
    drawn: Option<Instant>,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            pages: 0,
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            drawn: None,
        }
    }

    /// One issue is done: `line` says what became of it, `pages` how many were written.
    pub fn issue(&mut self, line: &str, pages: usize) {
        self.done += 1;
        self.pages += pages;
        if self.tty {
            // Redrawn at most ten times a second, and for the last issue.
            let due = self.drawn.is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
            if due || self.done == self.total {
                self.draw();
            }
        } else {
            let width = self.total.to_string().len();
            eprintln!("[{:>width$}/{}] {line}", self.done, self.total);
        }
    }

    /// A message for the reader, above the bar on a terminal.
    pub fn note(&mut self, message: &str) {
        if self.tty {
            eprint!("\r\x1b[K{message}\n");
            self.draw();
        } else {
            eprintln!("{message}");
        }
    }

    /// Takes the bar off the terminal, before the summary.
    pub fn clear(&mut self) {
        if self.tty && self.drawn.is_some() {
            eprint!("\r\x1b[K");
            let _ = std::io::stderr().flush();
        }
    }

    fn draw(&mut self) {
        let secs = self.started.elapsed().as_secs_f64();
        eprint!("\r\x1b[K{}", status(self.done, self.total, self.pages, secs));
        let _ = std::io::stderr().flush();
        self.drawn = Some(Instant::now());
    }
}

/// `[#########...........] 45/100 issues · 360 pages · 2.4 pages/s · 2m30s left`
pub fn status(done: usize, total: usize, pages: usize, secs: f64) -> String {
    const WIDTH: usize = 24;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH).min(WIDTH);
    let mut s = format!("[{}{}] {done}/{total} issues · {pages} pages", "#".repeat(filled), ".".repeat(WIDTH - filled));
    if secs > 0.0 && pages > 0 {
        s.push_str(&format!(" · {:.1} pages/s", pages as f64 / secs));
    }
    if done > 0 && done < total {
        let left = secs / done as f64 * (total - done) as f64;
        s.push_str(&format!(" · {} left", duration(left)));
    }
    s
}

/// `42s`, `3m05s`, `2h07m`.
pub fn duration(secs: f64) -> String {
    let s = secs.round().max(0.0) as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_the_rate_and_the_time_left() {
        assert_eq!(status(0, 10, 0, 0.0), "[........................] 0/10 issues · 0 pages");
        assert_eq!(
            status(5, 10, 40, 20.0),
            "[############............] 5/10 issues · 40 pages · 2.0 pages/s · 20s left"
        );
        assert_eq!(status(10, 10, 80, 40.0), "[########################] 10/10 issues · 80 pages · 2.0 pages/s");
        assert_eq!(status(0, 0, 0, 1.0), "[########################] 0/0 issues · 0 pages");
        assert_eq!((duration(59.4), duration(185.0), duration(7640.0)), ("59s".into(), "3m05s".into(), "2h07m".into()));
    }
}

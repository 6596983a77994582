//! The progress of a long command (`close-period`, the bench) for a person: on a terminal a
//! bar redrawn in place; in a log or a pipe, where every redraw would stay as a line, one
//! line every few percent.

use std::cell::Cell;
use std::io::{IsTerminal, Write};

/// A line in a log every this many percent.
const LOG_STEP: i64 = 5;
const BAR_WIDTH: i64 = 30;

pub struct Progress {
    terminal: bool,
    /// What is counted: «accounts», «houses».
    unit: &'static str,
    /// The percentage last written, so a frame that would change nothing is skipped.
    shown: Cell<Option<i64>>,
}

impl Progress {
    /// Progress in `unit`s on standard error, drawn as a bar only when that is a terminal.
    pub fn stderr(unit: &'static str) -> Self {
        Self::new(std::io::stderr().is_terminal(), unit)
    }

    fn new(terminal: bool, unit: &'static str) -> Self {
        Self {
            terminal,
            unit,
            shown: Cell::new(None),
        }
    }

    /// Hears (done, total).
    pub fn update(&self, done: i32, total: i32) {
        if let Some(frame) = self.frame(done, total) {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(frame.as_bytes());
            let _ = err.flush();
        }
    }

    /// Ends the bar's line, so what follows starts on its own.
    pub fn finish(&self) {
        if self.terminal && self.shown.get().is_some() {
            eprintln!();
        }
    }

    /// What to write for (done, total), if anything.
    fn frame(&self, done: i32, total: i32) -> Option<String> {
        let (done, total) = (i64::from(done.max(0)), i64::from(total.max(0)));
        let percent = if total == 0 {
            100
        } else {
            (100 * done / total).min(100)
        };
        // 100 % is always written, whatever the step.
        let step = if self.terminal || percent == 100 {
            percent
        } else {
            percent / LOG_STEP * LOG_STEP
        };
        if self.shown.get() == Some(step) {
            return None;
        }
        self.shown.set(Some(step));
        Some(if self.terminal {
            let filled = (BAR_WIDTH * percent / 100) as usize;
            format!(
                "\r[{}{}] {done:>7}/{total} {}",
                "#".repeat(filled),
                "-".repeat(BAR_WIDTH as usize - filled),
                self.unit
            )
        } else {
            format!("{done}/{total} {} ({percent} %)\n", self.unit)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(terminal: bool, total: i32) -> Vec<String> {
        let progress = Progress::new(terminal, "accounts");
        (0..=total)
            .filter_map(|d| progress.frame(d, total))
            .collect()
    }

    #[test]
    fn a_log_gets_a_line_every_five_percent() {
        let lines = frames(false, 10_000);
        assert_eq!(lines.len(), 21, "0 %, 5 %, … 100 %");
        assert_eq!(lines[0], "0/10000 accounts (0 %)\n");
        assert_eq!(lines[1], "500/10000 accounts (5 %)\n");
        assert_eq!(lines[20], "10000/10000 accounts (100 %)\n");
        assert!(lines.iter().all(|l| !l.contains('\r')));
    }

    #[test]
    fn a_terminal_redraws_one_line_at_most_once_a_percent() {
        let bars = frames(true, 10_000);
        assert_eq!(bars.len(), 101);
        assert!(bars
            .iter()
            .all(|b| b.starts_with('\r') && !b.contains('\n')));
        assert_eq!(
            bars[50],
            format!(
                "\r[{}{}]    5000/10000 accounts",
                "#".repeat(15),
                "-".repeat(15)
            )
        );
    }

    #[test]
    fn small_and_empty_runs_still_end_at_one_hundred_percent() {
        assert_eq!(
            frames(false, 3),
            [
                "0/3 accounts (0 %)\n",
                "1/3 accounts (33 %)\n",
                "2/3 accounts (66 %)\n",
                "3/3 accounts (100 %)\n"
            ]
        );
        assert_eq!(frames(false, 0), ["0/0 accounts (100 %)\n"]);
    }
}

//! Writing results to stdout. A reader that closes early (`cognito-tui pools | head -c 10`)
//! is not an error: the command stops quietly with exit code 141 (128 + SIGPIPE, what a
//! shell reports for a writer the pipe ended), so a `set -o pipefail` script still sees the
//! output was cut short, and nothing is printed on stderr. (`println!` would panic.)

use std::io::{self, Write};
use std::process::ExitCode;

use super::start::fail;

/// The exit code for a stdout closed by its reader.
pub const CLOSED_PIPE: u8 = 141;

/// `text` and a newline on stdout: success, a quiet 141 when the reader has gone, else
/// exit 2 with the error.
pub fn print_line(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    finish(
        out.write_all(text.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush()),
    )
}

/// The exit code for the outcome of writing a command's output.
pub fn finish(written: io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => closed_pipe(),
        Err(e) => fail(format!("cannot write to stdout: {e}")),
    }
}

/// Stop quietly: stdout's reader has gone.
pub fn closed_pipe() -> ExitCode {
    ExitCode::from(CLOSED_PIPE)
}

/// How `pools` and `export` (JSON lines) print: JSON for scripts, or a table for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// JSON (the default when stdout is not a terminal).
    Json,
    /// A table with a header row (the default when stdout is a terminal).
    Table,
}

impl Output {
    /// `chosen`, else a table when stdout is a terminal and JSON when it is piped or redirected.
    pub fn or_by_terminal(chosen: Option<Output>) -> Output {
        use std::io::IsTerminal;
        chosen.unwrap_or(if io::stdout().is_terminal() {
            Output::Table
        } else {
            Output::Json
        })
    }
}

/// Fixed-width table columns: each cell padded to its column's width, or cut with `…` when
/// wider, so rows can stream without knowing what comes later. Cells are server text: control
/// characters are stripped first. No colour, ever.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns(pub Vec<usize>);

impl Columns {
    /// Columns as wide as the widest of each header and cell, but at most `max`.
    pub fn fitting(header: &[&str], rows: &[Vec<String>], max: usize) -> Columns {
        Columns(
            header
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    rows.iter()
                        .filter_map(|r| r.get(i))
                        .map(|c| width(&printable(c)))
                        .chain([width(h)])
                        .max()
                        .unwrap_or(0)
                        .min(max)
                })
                .collect(),
        )
    }

    /// One row and its newline: cells two spaces apart, the last one not padded.
    pub fn line<S: AsRef<str>>(&self, cells: &[S]) -> String {
        let mut line = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&self.0).enumerate() {
            let cell = fit(&printable(cell.as_ref()), w);
            line.push_str(&cell);
            if i + 1 < cells.len().min(self.0.len()) {
                line.push_str(&" ".repeat(w - width(&cell) + 2));
            }
        }
        line.push('\n');
        line
    }
}

fn printable(s: &str) -> String {
    crate::domain::untrusted::printable(s)
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` cut to `max` columns, ending in `…` when cut.
fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_padded_cut_and_cleaned() {
        let cols = Columns(vec![5, 3, 4]);
        assert_eq!(cols.line(&["ab", "xyz", "end"]), "ab     xyz  end\n");
        assert_eq!(cols.line(&["abcdefg", "x", "longer"]), "abcd…  x    lon…\n");
        assert_eq!(
            cols.line(&["a\u{1b}[31mb", "日本語", "z"]),
            "ab     日…  z\n"
        );
        let fitted = Columns::fitting(&["NAME", "ID"], &[vec!["a".into(), "123456".into()]], 5);
        assert_eq!(fitted, Columns(vec![4, 5]));
    }
}

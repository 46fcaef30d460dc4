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

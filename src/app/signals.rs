//! The signals the TUI answers, so the terminal is never left in raw mode: SIGTERM, SIGHUP
//! and SIGINT end the loop (it restores the terminal, then the process exits with 128 + the
//! signal, as a shell reports a process the signal ended); SIGCONT, after any stop, makes it
//! re-enter raw mode and redraw. [`stop`] is the other half of Ctrl-Z, which raw mode
//! delivers as a key: it stops the process the way the terminal's own Ctrl-Z would.

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use tokio::signal::unix::{Signal, SignalKind, signal};

/// What the loop heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// End now: SIGTERM, SIGHUP or SIGINT (the number).
    End(i32),
    /// The process was continued after a stop.
    Continued,
}

/// The exit code of a process ended by signal `n`, as shells report it (SIGTERM 143,
/// SIGHUP 129, SIGINT 130).
pub fn exit_code(n: i32) -> u8 {
    u8::try_from(128 + n).unwrap_or(255)
}

pub struct Signals {
    term: Signal,
    hup: Signal,
    int: Signal,
    cont: Signal,
}

impl Signals {
    /// Start listening; from here on these signals no longer end the process by themselves.
    pub fn listen() -> std::io::Result<Self> {
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
            int: signal(SignalKind::interrupt())?,
            cont: signal(SignalKind::from_raw(SIGCONT))?,
        })
    }

    /// The next signal; an ending one first (a hang-up comes with a SIGCONT).
    pub async fn next(&mut self) -> Heard {
        tokio::select! {
            biased;
            _ = self.term.recv() => Heard::End(SIGTERM),
            _ = self.hup.recv() => Heard::End(SIGHUP),
            _ = self.int.recv() => Heard::End(SIGINT),
            _ = self.cont.recv() => Heard::Continued,
        }
    }
}

/// Stop this process with SIGTSTP (its default action: the shell shows the job as stopped);
/// returns once it is continued (`fg`). The terminal must be restored before.
pub fn stop() -> std::io::Result<()> {
    signal_hook::low_level::raise(SIGTSTP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_the_shells() {
        assert_eq!(exit_code(SIGTERM), 143);
        assert_eq!(exit_code(SIGHUP), 129);
        assert_eq!(exit_code(SIGINT), 130);
    }
}

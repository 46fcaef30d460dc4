//! `completions SHELL` and `man`: the shell completion scripts and the manual page, both
//! generated from the one clap definition in `main.rs`, printed on stdout.

use std::io::Write;
use std::process::ExitCode;

use clap_complete::Shell;

/// The completion script for `shell`.
pub fn completions(mut cmd: clap::Command, shell: Shell) -> ExitCode {
    let name = cmd.get_name().to_string();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut out);
    print(&out)
}

/// The manual page, in roff.
pub fn man(cmd: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(cmd).render(&mut out) {
        eprintln!("cognito-tui: cannot render the manual page: {e}");
        return ExitCode::from(2);
    }
    print(&out)
}

/// Write to stdout; a reader that went away (`| head`) ends it quietly with 141, as elsewhere.
fn print(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(super::out::CLOSED_PIPE)
        }
        Err(e) => {
            eprintln!("cognito-tui: cannot write to stdout: {e}");
            ExitCode::from(2)
        }
    }
}

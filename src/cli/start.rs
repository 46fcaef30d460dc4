//! What every subcommand does first: a start-up failure is one line on stderr and exit code
//! 2 ([`fail`]), before the terminal enters raw mode; [`connect`] is the gateway or that
//! failure. Nothing here runs a subcommand.

use std::process::ExitCode;

use crate::cognito::{self, ConnectOptions, SdkCognito};

/// `cognito-tui: <msg>` on stderr; exit code 2.
pub fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("cognito-tui: {msg}");
    ExitCode::from(2)
}

/// The gateway, or the start-up failure (no region, no credentials, a bad endpoint...).
pub async fn connect(opts: &ConnectOptions) -> Result<SdkCognito, ExitCode> {
    cognito::connect(opts).await.map_err(fail)
}

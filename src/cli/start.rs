//! What every subcommand does first: a start-up failure is one line on stderr and exit code
//! 2 ([`fail`]), before the terminal enters raw mode; [`connect`] is the gateway or that
//! failure; [`call_failed`], a failed call with what to check. Nothing here runs a
//! subcommand.

use std::process::ExitCode;

use crate::cognito::{self, ConnectOptions, SdkCognito};
use crate::domain::{CognitoError, ErrorKind};

/// `cognito-tui: <msg>` on stderr; exit code 2.
pub fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("cognito-tui: {msg}");
    ExitCode::from(2)
}

/// The gateway, or the start-up failure (no region, no credentials, a bad endpoint...).
pub async fn connect(opts: &ConnectOptions) -> Result<SdkCognito, ExitCode> {
    cognito::connect(opts).await.map_err(fail)
}

/// What to check when a call could not reach the endpoint, from the failure's words: a name
/// that does not resolve is mostly a wrong region (or endpoint URL); a refused connection,
/// an endpoint (an emulator) that is not running.
pub fn what_to_check(err: &CognitoError) -> Option<&'static str> {
    if err.kind != ErrorKind::Network {
        return None;
    }
    let m = err.message.to_lowercase();
    if m.contains("lookup") || m.contains("dns") || m.contains("resolve") {
        Some("Check --region (is it a region Cognito runs in?) or --endpoint-url, and the network.")
    } else if m.contains("refused") {
        Some("Nothing listens there: check --endpoint-url, or start the emulator.")
    } else {
        None
    }
}

/// A call of a headless command failed: `cognito-tui: OPERATION failed: …`, what to check on
/// a second line when known; exit code 1.
pub fn call_failed(operation: &str, err: &CognitoError) -> ExitCode {
    failed(&format!("{operation} failed: {err}"), Some(err))
}

/// `cognito-tui: WHAT` on stderr (server text stripped of control characters), then what to
/// check when `err` says the endpoint could not be reached; exit code 1.
pub fn failed(what: &str, err: Option<&CognitoError>) -> ExitCode {
    eprintln!("cognito-tui: {}", crate::domain::untrusted::printable(what));
    if let Some(check) = err.and_then(what_to_check) {
        eprintln!("  {check}");
    }
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unresolvable_name_points_at_the_region_and_a_refusal_at_the_endpoint() {
        let net = |m: &str| CognitoError::new(ErrorKind::Network, m);
        let dns = net("cannot reach the Cognito endpoint: failed to lookup address information");
        assert!(what_to_check(&dns).unwrap().contains("--region"));
        let refused = net("cannot reach the Cognito endpoint: Connection refused (os error 111)");
        assert!(what_to_check(&refused).unwrap().contains("--endpoint-url"));
        assert_eq!(what_to_check(&net("tls handshake eof")), None);
        let other = CognitoError::new(ErrorKind::Other, "connection refused");
        assert_eq!(what_to_check(&other), None);
    }
}

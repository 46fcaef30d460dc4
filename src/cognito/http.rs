//! The HTTP bodies the app reads itself, outside the SDK (the JWKS): read up to a cap, so an
//! endpoint that answers without end cannot fill the memory.

use crate::domain::{CognitoError, ErrorKind};

use super::error::Result;

/// The most a body may hold: a JWKS is a few KiB.
pub(super) const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The body of `resp` as text, at most `cap` bytes, else an error that says so. `what` names
/// it ("the JWKS from https://…").
pub(super) async fn read_capped(
    mut resp: reqwest::Response,
    cap: usize,
    what: &str,
) -> Result<String> {
    let too_big = || {
        CognitoError::new(
            ErrorKind::Other,
            format!(
                "{what} is larger than {} KiB; not read (is the endpoint right?)",
                cap / 1024
            ),
        )
    };
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_big());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| CognitoError::new(ErrorKind::Network, format!("reading {what}: {e}")))?
    {
        if body.len() + chunk.len() > cap {
            return Err(too_big());
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body)
        .map_err(|_| CognitoError::new(ErrorKind::Other, format!("{what} is not UTF-8 text")))
}

//! The HTTP the app does itself, outside the SDK (the JWKS, the managed-login token and
//! userInfo endpoints): one way to build the client and send, and bodies read up to a cap,
//! so an endpoint that answers without end cannot fill the memory.

use std::time::Duration;

use crate::domain::{CognitoError, ErrorKind};

use super::error::Result;

/// A client for requests outside the SDK, bounded by `timeout`; `follow` says whether it
/// follows redirects.
pub(super) fn client(timeout: Duration, follow: bool) -> Result<reqwest::Client> {
    let redirect = if follow {
        reqwest::redirect::Policy::default()
    } else {
        reqwest::redirect::Policy::none()
    };
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(redirect)
        .build()
        .map_err(|e| CognitoError::new(ErrorKind::Other, format!("HTTP client: {e}")))
}

/// Sends `request`; no answer is a timeout or a network error that names `what` ("cannot
/// reach https://…"). reqwest's error names the URL, never the body or headers.
pub(super) async fn send(
    request: reqwest::RequestBuilder,
    what: &str,
) -> Result<reqwest::Response> {
    request.send().await.map_err(|e| {
        let kind = if e.is_timeout() {
            ErrorKind::Timeout
        } else {
            ErrorKind::Network
        };
        CognitoError::new(kind, format!("{what}: {e}"))
    })
}

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

//! The managed-login endpoints the app calls itself, outside the SDK: the token endpoint
//! (a POST that hands out tokens and changes nothing, so read-only mode allows it, like
//! InitiateAuth) and userInfo (a GET). One client, one send; bodies size-capped. Nothing
//! here logs a form, a header or a body: they carry codes, verifiers, secrets and tokens.

use std::time::Duration;

use super::error::Result;
use crate::auth::oauth::TokenForm;
use crate::domain::secret::Secret;

/// A hosted endpoint's answer: the HTTP status and the body (size-capped).
#[derive(Debug, Clone)]
pub struct HostedReply {
    pub status: u16,
    pub body: String,
}

/// What to send.
pub(super) enum Request<'a> {
    Token(&'a TokenForm),
    UserInfo(&'a Secret),
}

/// A token reply is a few KiB of JWTs.
const MAX_REPLY_BYTES: usize = 256 * 1024;

pub(super) async fn send(url: &str, request: Request<'_>) -> Result<HostedReply> {
    let client = super::http::client(Duration::from_secs(15), false)?;
    let builder = match request {
        Request::Token(form) => {
            let b = client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form.body());
            match form.authorization() {
                Some(a) => b.header("authorization", a),
                None => b,
            }
        }
        Request::UserInfo(token) => client
            .get(url)
            .header("authorization", format!("Bearer {}", token.expose())),
    };
    let resp = super::http::send(builder, &format!("cannot reach {url}")).await?;
    let status = resp.status().as_u16();
    let body =
        super::http::read_capped(resp, MAX_REPLY_BYTES, &format!("the reply of {url}")).await?;
    Ok(HostedReply { status, body })
}

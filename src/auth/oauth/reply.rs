//! What comes back: the redirect the browser brings to the listener (a code, or `error=`
//! with its description; the state checked), and the token endpoint's JSON reply.

use url::form_urlencoded;

use crate::auth::Tokens;
use crate::domain::secret::Secret;
use crate::domain::untrusted::printable;

/// A redirect that carries a code for this sign-in (its state matched).
#[derive(Debug, Clone)]
pub struct Redirect {
    pub code: Secret,
    pub state: String,
}

/// A redirect that does not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectError {
    /// `error=` (and `error_description=`) as Cognito sent them, control characters removed.
    #[error("Cognito redirected back with error={error}{}", description.as_ref().map(|d| format!(" error_description={d}")).unwrap_or_default())]
    Refused {
        error: String,
        description: Option<String>,
    },
    #[error(
        "the redirect's state {} is not the one this sign-in sent: refused (an answer to another sign-in, or a forged one)",
        got.as_deref().map_or_else(|| "(none)".to_owned(), |g| format!("{g:?}"))
    )]
    StateMismatch { got: Option<String> },
    #[error("the redirect has neither code= nor error=")]
    NoCode,
}

/// Reads the query of the redirect's request target (`/callback?code=…&state=…`) and checks
/// its state against `expected_state`. A refusal is reported as Cognito wrote it, state or not.
pub fn parse_redirect(target: &str, expected_state: &str) -> Result<Redirect, RedirectError> {
    let query = target.split_once('?').map_or("", |(_, q)| q);
    let (mut code, mut state, mut error, mut description) = (None, None, None, None);
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "code" => code = Some(v.into_owned()),
            "state" => state = Some(v.into_owned()),
            "error" => error = Some(printable(&v)),
            "error_description" => description = Some(printable(&v)),
            _ => {}
        }
    }
    if let Some(error) = error {
        return Err(RedirectError::Refused { error, description });
    }
    if state.as_deref() != Some(expected_state) {
        return Err(RedirectError::StateMismatch {
            got: state.map(|s| printable(&s)),
        });
    }
    match (code, state) {
        (Some(code), Some(state)) if !code.is_empty() => Ok(Redirect {
            code: Secret::new(code),
            state,
        }),
        _ => Err(RedirectError::NoCode),
    }
}

/// The token endpoint's reply: tokens on 200, else `error: error_description` as it came
/// (control characters removed), or the status when the body is not OAuth's JSON.
pub fn parse_token_reply(status: u16, body: &str) -> Result<Tokens, String> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    if status == 200
        && let Some(access) = text("access_token")
    {
        return Ok(Tokens {
            id_token: text("id_token").map(Secret::new),
            access_token: Secret::new(access),
            refresh_token: text("refresh_token").map(Secret::new),
            expires_in: v
                .get("expires_in")
                .and_then(|x| x.as_i64())
                .and_then(|n| i32::try_from(n).ok())
                .unwrap_or(0),
            token_type: text("token_type").unwrap_or_else(|| "Bearer".to_owned()),
        });
    }
    Err(match (text("error"), text("error_description")) {
        (Some(e), Some(d)) => printable(&format!("HTTP {status} {e}: {d}")),
        (Some(e), None) => printable(&format!("HTTP {status} {e}")),
        _ if status == 200 => "HTTP 200 without an access_token".to_owned(),
        _ => format!("HTTP {status} (not an OAuth error reply; is the endpoint right?)"),
    })
}

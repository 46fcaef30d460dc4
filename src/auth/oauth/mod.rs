//! The hosted (OAuth 2.0) flows of a user pool, pure: PKCE, the authorize URL, the
//! pre-flight checks of an app client's OAuth settings, the redirect the browser brings back,
//! the token-endpoint forms and replies, and which of the three refresh ways fits a client.
//! No I/O, no clock, no randomness of its own: the caller hands in random bytes, sends the
//! forms (`cognito::hosted`) and runs the loopback listener (`app::loopback`).
//!
//! - `pkce`: RFC 7636 S256 verifier and challenge, and the random `state`.
//! - `plan`: where the endpoints are, the pre-flight checks, the authorize URL, the forms.
//! - `reply`: the redirect's query (code or `error=`, state checked) and the token reply.
//!
//! The texts the timeline shows for each step are in `assets/oauth-steps.json`.

mod pkce;
mod plan;
mod reply;

pub use pkce::{Pkce, state_from};
pub use plan::{
    AuthorizeRequest, CodePlan, Endpoints, RefreshWay, TokenForm, hosted_base,
    preflight_client_credentials, preflight_code, refresh_way,
};
pub use reply::{Redirect, RedirectError, parse_redirect, parse_token_reply};

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What the step `key` of `assets/oauth-steps.json` does and why ("" for an unknown key).
pub fn explain(key: &str) -> &'static str {
    static STEPS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    STEPS
        .get_or_init(|| {
            serde_json::from_str(include_str!("../../../assets/oauth-steps.json"))
                .expect("assets/oauth-steps.json is valid (checked by a unit test)")
        })
        .get(key)
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests;

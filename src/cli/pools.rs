//! `cognito-tui pools`: every user pool (all pages of ListUserPools) as pretty JSON on
//! stdout. A failed call (or a page token that repeats) is exit code 1; a start-up failure
//! exit code 2; a stdout closed early (`| head`) ends quietly with 141.

use std::process::ExitCode;

use super::start::{call_failed, connect, fail};
use crate::cognito::{CognitoApi, ConnectOptions};
use crate::domain::untrusted::TokenTrail;

pub async fn run(opts: &ConnectOptions) -> ExitCode {
    let api = match connect(opts).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    let mut all = Vec::new();
    let mut next = None;
    let mut trail = TokenTrail::default();
    loop {
        let followed = api.list_user_pools(next).await.and_then(|page| {
            all.extend(page.items);
            trail.follow("ListUserPools", page.next_token)
        });
        match followed {
            Ok(Some(t)) => next = Some(t),
            Ok(None) => break,
            Err(e) => return call_failed("ListUserPools", &e),
        }
    }
    match serde_json::to_string_pretty(&all) {
        Ok(s) => super::out::print_line(&s),
        Err(e) => fail(e),
    }
}

//! `cognito-tui pools`: every user pool (all pages of ListUserPools) as pretty JSON on
//! stdout. A failed call is exit code 1; a start-up failure exit code 2.

use std::process::ExitCode;

use super::start::{call_failed, connect, fail};
use crate::cognito::{CognitoApi, ConnectOptions};

pub async fn run(opts: &ConnectOptions) -> ExitCode {
    let api = match connect(opts).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    let mut all = Vec::new();
    let mut next = None;
    loop {
        match api.list_user_pools(next).await {
            Ok(page) => {
                all.extend(page.items);
                match page.next_token {
                    Some(t) => next = Some(t),
                    None => break,
                }
            }
            Err(e) => return call_failed("ListUserPools", &e),
        }
    }
    match serde_json::to_string_pretty(&all) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

//! `cognito-tui auth --flow REFRESH`: refresh a token the way the app client needs, picked
//! from its settings and said before anything is sent (`auth::oauth::refresh_way`):
//! GetTokensFromRefreshToken for rotation clients (and whether a new refresh token came back,
//! and whether the old one is refused now), `grant_type=refresh_token` at `/oauth2/token` for
//! managed-login clients, else InitiateAuth REFRESH_TOKEN_AUTH through the runner. The
//! refresh token is read like the other flows' answers (hidden on a terminal, else a line of
//! stdin).

use std::io::Write;
use std::process::ExitCode;

use super::auth::{
    Answers, DriveOptions, Lines, Options, Terminal, describe_error, drive, resolve_client_secret,
    tokens_json,
};
use super::oauth::step;
use super::start::{call_failed, fail, failed};
use crate::auth::oauth::{self, RefreshWay, TokenForm};
use crate::auth::{Flow, FlowConfig, Input, Inputs, MASK, Prompt, Runner, Tokens};
use crate::cognito::{CognitoApi, ConnectOptions, OauthApi, SdkCognito};
use crate::domain::secret::Secret;

/// Whether `--flow` asks for the refresh that picks its own way.
pub fn is_refresh(name: &str) -> bool {
    name.trim().eq_ignore_ascii_case("REFRESH")
}

/// `domain_url` is `--domain-url` (where the token endpoint is, for managed-login clients).
pub async fn run(opts: &ConnectOptions, o: Options, domain_url: Option<String>) -> ExitCode {
    let (api, client) = match super::oauth::connect_to_client(opts, &o).await {
        Ok(x) => x,
        Err(code) => return code,
    };
    let way = oauth::refresh_way(&client, client.refresh_token_rotation);
    let mut err = std::io::stderr();
    step(
        &mut err,
        &format!(
            "· refresh for app client {}: {}",
            client.name,
            match way {
                RefreshWay::InitiateAuth => "InitiateAuth REFRESH_TOKEN_AUTH",
                RefreshWay::GetTokensFromRefreshToken => "GetTokensFromRefreshToken",
                RefreshWay::TokenEndpoint => "grant_type=refresh_token at /oauth2/token",
            }
        ),
        way.step(),
    );
    let refresh = match Terminal.answer(&Prompt::RefreshToken) {
        Ok(Some(Input::RefreshToken(t))) if !t.expose().is_empty() => t,
        _ => return fail("no refresh token given (a line on stdin, or typed when asked)"),
    };
    let secret = resolve_client_secret(
        &api,
        &o.pool_id,
        &o.client_id,
        o.client_secret_env.as_deref(),
        &mut err,
    )
    .await;
    let tokens = match way {
        RefreshWay::GetTokensFromRefreshToken => {
            rotate(&api, &o.client_id, secret.as_ref(), &refresh).await
        }
        RefreshWay::TokenEndpoint => {
            let domain_url = domain_url.as_deref();
            hosted(&api, &o, domain_url, &client, secret.as_ref(), &refresh).await
        }
        RefreshWay::InitiateAuth => initiate(&api, &o, secret, refresh).await,
    };
    match tokens {
        Ok(t) => match serde_json::to_string_pretty(&tokens_json(&t, None)) {
            Ok(s) => super::out::print_line(&s),
            Err(e) => fail(e),
        },
        Err(code) => code,
    }
}

async fn rotate(
    api: &dyn OauthApi,
    client_id: &str,
    secret: Option<&Secret>,
    refresh: &Secret,
) -> Result<Tokens, ExitCode> {
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "→ GetTokensFromRefreshToken ClientId={client_id} RefreshToken={MASK}"
    );
    let t = api
        .get_tokens_from_refresh_token(client_id, secret, refresh)
        .await
        .map_err(|e| call_failed("GetTokensFromRefreshToken", &e))?;
    match &t.refresh_token {
        Some(new) if new.expose() != refresh.expose() => {
            let _ = writeln!(err, "← tokens, and a NEW refresh token (rotated)");
            let again = api
                .get_tokens_from_refresh_token(client_id, secret, refresh)
                .await;
            let _ = match again {
                Err(e) => writeln!(err, "· the old refresh token is refused now: {e}"),
                Ok(_) => writeln!(
                    err,
                    "· the old refresh token still works (within the grace period, or the endpoint does not model rotation)"
                ),
            };
        }
        _ => {
            let _ = writeln!(
                err,
                "← tokens, no new refresh token (the endpoint did not rotate it; keep the old one)"
            );
        }
    }
    Ok(t)
}

async fn hosted(
    api: &SdkCognito,
    o: &Options,
    domain_url: Option<&str>,
    client: &crate::domain::AppClient,
    secret: Option<&Secret>,
    refresh: &Secret,
) -> Result<Tokens, ExitCode> {
    let pool = api
        .describe_user_pool(&o.pool_id)
        .await
        .map_err(|e| call_failed("DescribeUserPool", &e))?;
    let endpoints = oauth::hosted_base(
        domain_url,
        api.endpoint(),
        pool.domain.as_deref(),
        pool.custom_domain.as_deref(),
        api.region(),
    )
    .map_err(fail)?;
    let form = TokenForm::refresh(&client.id, secret, refresh);
    super::oauth::exchange(api, &endpoints, &form, "token_refresh", "").await
}

async fn initiate(
    api: &SdkCognito,
    o: &Options,
    secret: Option<Secret>,
    refresh: Secret,
) -> Result<Tokens, ExitCode> {
    let mut config = FlowConfig::new(
        o.pool_id.clone(),
        o.client_id.clone(),
        o.username.clone().unwrap_or_default(),
        Flow::RefreshToken,
    );
    config.client_secret = secret;
    let mut runner = Runner::new(config);
    let mut answers = Lines::new([refresh.expose().to_owned()]);
    drive(
        api as &dyn CognitoApi,
        &mut runner,
        Inputs::default(),
        &mut answers,
        &mut std::io::stderr(),
        DriveOptions::default(),
    )
    .await
    .map_err(|e| failed(&format!("refresh failed: {}", describe_error(&e)), None))
}

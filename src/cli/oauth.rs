//! The headless hosted flows behind `cognito-tui auth --flow AUTHORIZATION_CODE` and
//! `--flow CLIENT_CREDENTIALS`: read the app client and the pool's domain, run the
//! pre-flight checks (each failure with its fix, exit 2, nothing sent), then either open
//! managed login in the browser with PKCE and a random state and catch the redirect on a
//! loopback listener, or ask for an M2M token; exchange at `/oauth2/token`; print the tokens
//! as JSON on stdout like the other flows. The timeline, on stderr, says what each step does
//! (`assets/oauth-steps.json`) and never shows a code, verifier, secret or token.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use rand::RngCore;
use time::OffsetDateTime;

use super::auth::{Options, decode_tokens, resolve_client_secret, tokens_json};
use super::start::{call_failed, connect, fail, failed};
use crate::app::loopback;
use crate::auth::oauth::{self, AuthorizeRequest, Endpoints, Pkce, TokenForm};
use crate::auth::{MASK, Tokens};
use crate::cognito::{BrowseApi, CognitoApi, ConnectOptions, OauthApi, SdkCognito};
use crate::domain::AppClient;
use crate::domain::secret::Secret;
use crate::domain::untrusted::printable;

/// The flags only the hosted flows take.
#[derive(Debug, Clone, Default)]
pub struct HostedOptions {
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub identity_provider: Option<String>,
    pub no_browser: bool,
    pub domain_url: Option<String>,
    /// How long to wait for the browser to come back (seconds).
    pub redirect_timeout: u64,
}

/// The hosted flows `--flow` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostedFlow {
    AuthorizationCode,
    ClientCredentials,
}

/// `Some` when `--flow` names a hosted flow (any case, `-` or `_`).
pub fn hosted_flow(name: &str) -> Option<HostedFlow> {
    match name.trim().to_ascii_uppercase().replace('-', "_").as_str() {
        "AUTHORIZATION_CODE" | "CODE" => Some(HostedFlow::AuthorizationCode),
        "CLIENT_CREDENTIALS" => Some(HostedFlow::ClientCredentials),
        _ => None,
    }
}

/// The first hosted-flow flag given that `flow` (`None`: an API flow) does not take.
pub fn stray_flag(h: &HostedOptions, flow: Option<HostedFlow>) -> Option<&'static str> {
    let code_only = [
        (h.redirect_uri.is_some(), "--redirect-uri"),
        (h.identity_provider.is_some(), "--identity-provider"),
        (h.no_browser, "--no-browser"),
    ];
    let hosted = [
        (h.scope.is_some(), "--scope"),
        (h.domain_url.is_some(), "--domain-url"),
    ];
    match flow {
        Some(HostedFlow::AuthorizationCode) => None,
        Some(HostedFlow::ClientCredentials) => code_only.iter().find(|(on, _)| *on).map(|x| x.1),
        None => code_only
            .iter()
            .chain(hosted.iter().filter(|(_, n)| *n != "--domain-url"))
            .find(|(on, _)| *on)
            .map(|x| x.1),
    }
}

/// A timeline line and, indented under it, what the step means.
pub(super) fn step(err: &mut impl Write, line: &str, key: &str) {
    let _ = writeln!(err, "{}", printable(line));
    let text = oauth::explain(key);
    if !text.is_empty() {
        let _ = writeln!(err, "    {text}");
    }
}

/// `cognito-tui auth --flow AUTHORIZATION_CODE | CLIENT_CREDENTIALS`.
pub async fn run(
    opts: &ConnectOptions,
    o: Options,
    h: HostedOptions,
    flow: HostedFlow,
) -> ExitCode {
    let h = &h;
    if o.pool_id.trim().is_empty() || o.client_id.trim().is_empty() {
        return fail("--pool-id and --client-id are required");
    }
    if let Some(flag) = stray_flag(h, Some(flow)) {
        return fail(format!("{flag} goes with --flow AUTHORIZATION_CODE only"));
    }
    let (api, client) = match connect_to_client(opts, &o).await {
        Ok(x) => x,
        Err(code) => return code,
    };
    let pool = match api.describe_user_pool(&o.pool_id).await {
        Ok(p) => p,
        Err(e) => return call_failed("DescribeUserPool", &e),
    };
    let endpoints = oauth::hosted_base(
        h.domain_url.as_deref(),
        api.endpoint(),
        pool.domain.as_deref(),
        pool.custom_domain.as_deref(),
        api.region(),
    );
    let mut err = std::io::stderr();
    let mut problems = Vec::new();
    let endpoints = endpoints.map_err(|e| problems.push(e)).ok();
    let plan = match flow {
        HostedFlow::AuthorizationCode => oauth::preflight_code(
            &client,
            h.redirect_uri.as_deref(),
            h.scope.as_deref(),
            h.identity_provider.as_deref(),
        )
        .map(Plan::Code),
        HostedFlow::ClientCredentials => {
            oauth::preflight_client_credentials(&client, h.scope.as_deref()).map(Plan::Machine)
        }
    };
    let plan = plan.map_err(|p| problems.extend(p)).ok();
    let (Some(endpoints), Some(plan), true) = (endpoints, plan, problems.is_empty()) else {
        for p in &problems {
            let _ = writeln!(err, "✗ pre-flight: {}", printable(p));
        }
        return fail(format!(
            "{} pre-flight check(s) failed; nothing was sent",
            problems.len()
        ));
    };
    let _ = writeln!(
        err,
        "· pre-flight: app client {} allows {}; managed login at {}",
        printable(&client.name),
        client.allowed_oauth_flows.join(" "),
        endpoints.base
    );
    let secret = resolve_client_secret(
        &api,
        &o.pool_id,
        &o.client_id,
        o.client_secret_env.as_deref(),
        &mut err,
    )
    .await;
    let tokens = match plan {
        Plan::Code(plan) => code_flow(&api, &client, &endpoints, plan, secret.as_ref(), h).await,
        Plan::Machine(scopes) => {
            let Some(secret) = secret else {
                return fail(
                    "client credentials need the client secret: allow DescribeUserPoolClient, \
                     or pass --client-secret-env VAR",
                );
            };
            machine_flow(&api, &client, &endpoints, &scopes, &secret).await
        }
    };
    let tokens = match tokens {
        Ok(t) => t,
        Err(code) => return code,
    };
    let decoded = if o.decode {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        Some(decode_tokens(&api, api.region(), &o.pool_id, &o.client_id, &tokens, now).await)
    } else {
        None
    };
    match serde_json::to_string_pretty(&tokens_json(&tokens, decoded)) {
        Ok(s) => super::out::print_line(&s),
        Err(e) => fail(e),
    }
}

/// The gateway and the app client's settings (DescribeUserPoolClient), or the failure.
pub(super) async fn connect_to_client(
    opts: &ConnectOptions,
    o: &Options,
) -> Result<(SdkCognito, AppClient), ExitCode> {
    let api = connect(opts).await?;
    match api
        .describe_user_pool_client(&o.pool_id, &o.client_id)
        .await
    {
        Ok(c) => Ok((api, c)),
        Err(e) => Err(call_failed("DescribeUserPoolClient", &e)),
    }
}

enum Plan {
    Code(oauth::CodePlan),
    Machine(Vec<String>),
}

async fn code_flow(
    api: &SdkCognito,
    client: &AppClient,
    endpoints: &Endpoints,
    plan: oauth::CodePlan,
    secret: Option<&Secret>,
    h: &HostedOptions,
) -> Result<Tokens, ExitCode> {
    let mut err = std::io::stderr();
    let listener = loopback::bind(plan.port, &plan.path).await.map_err(fail)?;
    let (mut verifier_bytes, mut state_bytes) = ([0u8; 32], [0u8; 16]);
    rand::rngs::OsRng.fill_bytes(&mut verifier_bytes);
    rand::rngs::OsRng.fill_bytes(&mut state_bytes);
    let pkce = Pkce::from_random(&verifier_bytes);
    let state = oauth::state_from(&state_bytes);
    let request = AuthorizeRequest {
        client_id: client.id.clone(),
        redirect_uri: plan.redirect_uri.clone(),
        scopes: plan.scopes.clone(),
        state: state.clone(),
        code_challenge: pkce.challenge.clone(),
        identity_provider: plan.identity_provider.clone(),
    };
    let url = request.url(endpoints);
    step(
        &mut err,
        &format!(
            "→ GET /oauth2/authorize redirect_uri={} scope={} state={state} code_challenge={} code_challenge_method=S256 (code_verifier={MASK} stays here)",
            plan.redirect_uri,
            plan.scopes.join(" "),
            pkce.challenge
        ),
        "authorize",
    );
    if h.no_browser {
        let _ = writeln!(err, "· open this URL in a browser:");
    } else {
        match webbrowser::open(&url) {
            Ok(()) => {
                let _ = writeln!(err, "· opened the browser at:");
            }
            Err(e) => {
                let _ = writeln!(err, "· cannot open a browser ({e}); open this URL:");
            }
        }
    }
    // The URL alone on its line, for a script or a person to take.
    let _ = writeln!(err, "{url}");
    step(
        &mut err,
        &format!(
            "· waiting up to {} s for the redirect on 127.0.0.1:{}{}",
            h.redirect_timeout,
            listener.port(),
            plan.path
        ),
        "listen",
    );
    let started = Instant::now();
    let target = listener
        .wait(Duration::from_secs(h.redirect_timeout))
        .await
        .map_err(|e| failed(&format!("sign-in failed: {e}"), None))?;
    let redirect = match oauth::parse_redirect(&target, &state) {
        Ok(r) => r,
        Err(e) => {
            let key = match e {
                oauth::RedirectError::Refused { .. } => "redirect_error",
                _ => "",
            };
            step(&mut err, &format!("✗ redirect: {e}"), key);
            return Err(failed(&format!("sign-in failed: {e}"), None));
        }
    };
    step(
        &mut err,
        &format!(
            "← redirect to {} code={MASK} state={} (matches) after {} s",
            plan.path,
            redirect.state,
            started.elapsed().as_secs()
        ),
        "redirect",
    );
    let form = TokenForm::authorization_code(
        &client.id,
        secret,
        &redirect.code,
        &plan.redirect_uri,
        &pkce.verifier,
    );
    let tokens = exchange(api, endpoints, &form, "token_code", "tokens_code").await?;
    if plan.scopes.iter().any(|s| s == "openid") {
        user_info(api, endpoints, &tokens.access_token).await;
    }
    let logout = client.logout_urls.first().map(String::as_str);
    step(
        &mut err,
        &format!("· sign-out URL: {}", endpoints.logout(&client.id, logout)),
        "logout",
    );
    Ok(tokens)
}

async fn machine_flow(
    api: &SdkCognito,
    client: &AppClient,
    endpoints: &Endpoints,
    scopes: &[String],
    secret: &Secret,
) -> Result<Tokens, ExitCode> {
    let form = TokenForm::client_credentials(&client.id, secret, scopes);
    exchange(
        api,
        endpoints,
        &form,
        "token_client_credentials",
        "tokens_client_credentials",
    )
    .await
}

/// One POST to the token endpoint, shown masked, its reply summarised.
pub(super) async fn exchange(
    api: &dyn CognitoApi,
    endpoints: &Endpoints,
    form: &TokenForm,
    request_key: &str,
    reply_key: &str,
) -> Result<Tokens, ExitCode> {
    let mut err = std::io::stderr();
    step(&mut err, &format!("→ {}", form.masked()), request_key);
    let started = Instant::now();
    let reply = api
        .hosted_token(&endpoints.token(), form)
        .await
        .map_err(|e| call_failed("the token request", &e))?;
    let ms = started.elapsed().as_millis();
    match oauth::parse_token_reply(reply.status, &reply.body) {
        Ok(t) => {
            let mut got = vec!["access_token"];
            if t.id_token.is_some() {
                got.insert(0, "id_token");
            }
            if t.refresh_token.is_some() {
                got.push("refresh_token");
            }
            step(
                &mut err,
                &format!(
                    "← HTTP {} {} expires_in={} ({ms} ms)",
                    reply.status,
                    got.join(" "),
                    t.expires_in
                ),
                reply_key,
            );
            let _ = writeln!(err, "✓ signed in");
            Ok(t)
        }
        Err(e) => {
            let _ = writeln!(err, "✗ token: {e} ({ms} ms)");
            Err(failed(&format!("sign-in failed: {e}"), None))
        }
    }
}

/// GET /oauth2/userInfo: which claims came back (their names; the values are the user's).
async fn user_info(api: &dyn OauthApi, endpoints: &Endpoints, access: &Secret) {
    let mut err = std::io::stderr();
    let _ = writeln!(err, "→ GET /oauth2/userInfo Authorization: Bearer {MASK}");
    match api.hosted_user_info(&endpoints.user_info(), access).await {
        Ok(r) => {
            let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
            let names: Vec<&str> = v
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let who = v
                .get("username")
                .and_then(|u| u.as_str())
                .map(|u| format!(" username={u}"))
                .unwrap_or_default();
            step(
                &mut err,
                &format!("← HTTP {}{who} claims: {}", r.status, names.join(" ")),
                "userinfo",
            );
        }
        Err(e) => {
            let _ = writeln!(err, "✗ userInfo: {}", printable(&e.to_string()));
        }
    }
}
